// Line items shared by invoices and purchase orders: item defaults, account and tax type checks, and
// exact per-line amounts and tax (Xero rounds each line, then sums: "Xero calculates tax on a per line basis",
// https://developer.xero.com/documentation/api-guides/rounding-in-xero). Fields: xero_accounting.yaml
// #/components/schemas/LineItem.
import { randomUUID } from 'node:crypto';
import { type LineAmountTypes, lineAmountCents, lineTaxCents, toScaled } from './money.ts';
import { type Item, isObject, type LineItem, str, type TenantData } from './state.ts';

export interface LineRules {
  /** Sales documents (ACCREC) use revenue tax rates and item sales details; the rest purchases. */
  sales: boolean;
  /** `unitdp=4` keeps four decimals on UnitAmount; otherwise Xero rounds it to two (#/components/parameters/unitdp). */
  unitdp4: boolean;
  /**
   * Xero supports DiscountRate only on sales invoices (LineItem.DiscountRate: "only supported on ACCREC invoices").
   * The spec's own /PurchaseOrders/{PurchaseOrderID} example shows a DiscountRate on a PO line; the fake refuses it.
   */
  allowDiscount: boolean;
}

export const LINE_AMOUNT_TYPES: readonly LineAmountTypes[] = ['Exclusive', 'Inclusive', 'NoTax'];

function findItem(data: TenantData, code: string): Item | undefined {
  const wanted = code.toLowerCase();
  return [...data.items.values()].find((item) => item.Code.toLowerCase() === wanted);
}

// Undocumented: which accounts a line may use (the fake refuses BANK and system accounts) and both wordings.
export function accountErrors(data: TenantData, code: string): string[] {
  const account = [...data.accounts.values()].find((a) => a.Code === code);
  if (!account || account.Type === 'BANK' || account.SystemAccount) {
    return [`Account code '${code}' is not a valid code for this document.`];
  }
  if (account.Status !== 'ACTIVE') {
    return [
      `Account code '${code}' has been archived, or has been deleted. Each line item must reference a valid account.`,
    ];
  }
  return [];
}

function buildLine(data: TenantData, input: unknown, types: LineAmountTypes, rules: LineRules): LineItem | string[] {
  if (!isObject(input)) return ['Line items must be objects.'];
  const errors: string[] = [];
  const itemCode = str(input.ItemCode);
  const item = itemCode ? findItem(data, itemCode) : undefined;
  if (itemCode && !item) errors.push(`Item code '${itemCode}' is not valid.`);
  const trade = rules.sales ? item?.SalesDetails : item?.PurchaseDetails;

  const description =
    str(input.Description) ??
    (rules.sales ? item?.Description : (item?.PurchaseDescription ?? item?.Description)) ??
    '';
  // LineItem.Description: "Description needs to be at least 1 char long"; an item supplies its own.
  if (!description.trim() && !item) errors.push('Description needs to be at least 1 char long');

  // Undocumented: a line without a Quantity counts one.
  const quantity4 = input.Quantity === undefined ? 10_000 : toScaled(input.Quantity, 4);
  if (quantity4 === undefined) errors.push('Quantity must be a valid number.');
  let unit4: number | undefined;
  if (input.UnitAmount !== undefined) {
    const scaled = toScaled(input.UnitAmount, rules.unitdp4 ? 4 : 2);
    unit4 = scaled === undefined ? undefined : rules.unitdp4 ? scaled : scaled * 100;
    if (unit4 === undefined) errors.push('UnitAmount must be a valid number.');
  } else if (input.LineAmount !== undefined && quantity4) {
    // "If you wish to omit either the Quantity or UnitAmount you can provide a LineAmount" (LineItem.LineAmount)
    const line4 = toScaled(input.LineAmount, 4);
    unit4 = line4 === undefined ? undefined : Math.round((line4 * 10_000) / quantity4);
  } else {
    unit4 = trade?.unit4 ?? 0;
  }

  // Xero refuses a negative Quantity, and a zero Quantity with a price (integrators' notes, e.g. Provet Cloud
  // "An invoice was not updated to Xero"; Xero's own pages say nothing): a credit takes a negative UnitAmount
  // (XeroAPI/Xero-OpenAPI#429). The wording of these refusals is not published.
  if (quantity4 !== undefined && quantity4 < 0) {
    errors.push('Quantity must not be negative: give a credit a negative UnitAmount instead.');
  } else if (quantity4 === 0 && unit4) {
    errors.push('A line with a zero Quantity cannot have a UnitAmount.');
  }

  let discount4: number | undefined;
  if (input.DiscountRate !== undefined && input.DiscountRate !== null) {
    discount4 = toScaled(input.DiscountRate, 4);
    if (!rules.allowDiscount) errors.push('Discounts are only supported on sales invoices.');
    else if (discount4 === undefined || discount4 < 0 || discount4 > 1_000_000)
      errors.push('DiscountRate must be between 0 and 100.');
  }

  // DiscountAmount: a fixed amount off the line after any DiscountRate (sales invoices only, like DiscountRate).
  let discountCents = 0;
  if (input.DiscountAmount !== undefined && input.DiscountAmount !== null) {
    const scaled = toScaled(input.DiscountAmount, 2);
    if (!rules.allowDiscount) errors.push('Discounts are only supported on sales invoices.');
    else if (scaled === undefined || scaled < 0) errors.push('DiscountAmount must be a positive number.');
    // Any DiscountAmount, even 0, on a negative UnitAmount (XeroAPI/Xero-OpenAPI#429).
    else if (unit4 !== undefined && unit4 < 0) {
      errors.push(
        `The discount rate '${(scaled / 100).toFixed(2)}' is invalid. Discount must not be greater than the line total.`,
      );
    } else discountCents = scaled;
  }

  const accountCode = str(input.AccountCode) ?? trade?.AccountCode;
  if (accountCode) errors.push(...accountErrors(data, accountCode));
  const account = [...data.accounts.values()].find((a) => a.Code === accountCode);
  // TaxType: from the line, the item, else the account (Undocumented default NONE); it must exist and apply to the
  // document's side (TaxRate CanApplyToRevenue/CanApplyToExpenses, xero_accounting.yaml /TaxRates). Wording is ours.
  const taxType = str(input.TaxType) ?? trade?.TaxType ?? account?.TaxType ?? 'NONE';
  const rate = data.taxRates.get(taxType);
  const applies = rules.sales ? rate?.CanApplyToRevenue : rate?.CanApplyToExpenses;
  if (rate?.Status !== 'ACTIVE' || !applies) {
    errors.push(`The TaxType code '${taxType}' does not exist or cannot be used for this type of transaction.`);
  }
  if (errors.length > 0 || quantity4 === undefined || unit4 === undefined) return errors;

  const lineCents = lineAmountCents(quantity4, unit4, discount4) - discountCents;
  if (discountCents > 0 && lineCents < 0) return ['The discount amount cannot be more than the line amount.'];
  // An explicit TaxAmount overrides the calculated one, as Xero allows (LineItem.TaxAmount: "can be overriden").
  const givenTax = input.TaxAmount === undefined ? undefined : toScaled(input.TaxAmount, 2);
  return {
    LineItemID: str(input.LineItemID) ?? randomUUID(),
    Description: description,
    quantity4,
    unit4,
    ...(item ? { ItemCode: item.Code } : {}),
    ...(accountCode ? { AccountCode: accountCode } : {}),
    TaxType: taxType,
    ...(discount4 ? { discount4 } : {}),
    lineCents,
    taxCents: types === 'NoTax' ? 0 : (givenTax ?? lineTaxCents(lineCents, rate?.rate4 ?? 0, types)),
  };
}

/** All lines of a document, or every line's validation messages. */
export function buildLines(
  data: TenantData,
  inputs: unknown,
  types: LineAmountTypes,
  rules: LineRules,
): { lines: LineItem[] } | { errors: string[] } {
  if (inputs !== undefined && !Array.isArray(inputs)) return { errors: ['LineItems must be an array.'] };
  const lines: LineItem[] = [];
  const errors: string[] = [];
  for (const input of inputs ?? []) {
    const built = buildLine(data, input, types, rules);
    if (Array.isArray(built)) errors.push(...built);
    else lines.push(built);
  }
  return errors.length > 0 ? { errors } : { lines };
}
