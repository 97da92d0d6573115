// How a line's quantity and price go to Xero. Pure.
import { centsToAmount, lineAmountCents, parseCents, parseQuantity, quantityToNumber } from '../../money.ts';
import type { XeroLineItemPayload } from '../../xero/payloads.ts';

/**
 * Quantity and UnitAmount as Xero takes them. Xero refuses a negative Quantity, and a zero Quantity with a
 * price (integrators' notes, e.g. Provet Cloud's "An invoice was not updated to Xero"), but takes a negative
 * UnitAmount (XeroAPI/Xero-OpenAPI#429). So a credit or return line goes as its positive quantity at the
 * negated unit price: the same product, so the same line amount to the cent. A zero-quantity line is worth
 * nothing: it goes as description only ("A line item with just a description (i.e no unit amount or
 * quantity)", xero_accounting.yaml#/components/schemas/LineItem), undefined here.
 */
export function linePricing(
  quantity4: number,
  unitCents: number,
): { Quantity: number; UnitAmount: number } | undefined {
  if (quantity4 === 0) return undefined;
  const sign = quantity4 < 0 ? -1 : 1;
  return { Quantity: quantityToNumber(sign * quantity4), UnitAmount: centsToAmount(sign * unitCents) };
}

/** Lines in Syncro's order (`position`, then as listed). */
export const byPosition = <T extends { position?: number | null }>(lines: readonly T[]): T[] =>
  lines
    .map((line, index) => ({ line, index }))
    .sort((a, b) => (a.line.position ?? Infinity) - (b.line.position ?? Infinity) || a.index - b.index)
    .map(({ line }) => line);

export function xeroLineTotalCents(line: XeroLineItemPayload): number {
  if (line.Quantity === undefined && line.UnitAmount === undefined) return parseCents(line.TaxAmount);
  return (
    lineAmountCents(
      parseCents(line.UnitAmount),
      parseQuantity(line.Quantity ?? 1),
      parseQuantity(line.DiscountRate),
      parseCents(line.DiscountAmount),
    ) + parseCents(line.TaxAmount)
  );
}
