// The facts a page of Xero payments is decided on (decide.ts), read from the pair's imports and links, from Xero
// (ContactNumbers of contacts not linked here) and from Syncro (open invoices, balances) — each only when some
// payment of the page needs it.
import { chunksOf } from '../chunks.ts';
import type { BaseContext } from '../sync/context.ts';
import { xeroCall } from '../xero/client.ts';
import { xeroContactNumbers } from '../xero/wire.ts';
import {
  balancesToRead,
  contactsToLookUp,
  type Decided,
  decidePage,
  handledPayments,
  type InvoiceBalance,
  needsOpenInvoices,
  type PageFacts,
  sameNumberLinks,
  withContactNumbers,
} from './decide.ts';
import { getImports, linksByXeroId } from './imports.ts';
import {
  type InvoiceReader,
  invoiceReader,
  type ListedOpenInvoice,
  listOpenInvoices,
  readBalance,
} from './open-invoices.ts';
import { paymentFact, type XeroPayment } from './xero-payments.ts';

/**
 * Decides pages of payments; Syncro's open invoices are listed at most once per decider, and only if needed.
 * `reader` keeps the invoice details and payments read for the page, for the checks before listing (apply.ts).
 */
export function pageDecider(ctx: BaseContext) {
  let open: Promise<ListedOpenInvoice[]> | undefined;
  const openInvoices = () => {
    open ??= listOpenInvoices(ctx.syncro);
    return open;
  };
  return async (page: XeroPayment[], reader = invoiceReader(ctx.syncro)): Promise<Decided[]> => {
    const decisions = decidePage(await gatherPage(ctx, page, openInvoices, reader));
    return page.map((payment, i) => ({ payment, decision: decisions[i] as Decided['decision'] }));
  };
}

/** Reads what the page's decisions rest on, in the order each read becomes needed. */
export async function gatherPage(
  ctx: BaseContext,
  page: XeroPayment[],
  openInvoices: () => Promise<ListedOpenInvoice[]>,
  reader: InvoiceReader,
): Promise<PageFacts> {
  const baseCurrency = ctx.baseCurrency;
  const given = page.map((payment) => paymentFact(payment, baseCurrency));
  const alreadyInSyncro = handledPayments(await getImports(given.map((fact) => fact.paymentId)));
  const linkedInvoices = await linksByXeroId(
    given.map((fact) => fact.invoiceId),
    'invoice',
  );
  const contactLinks = await linksByXeroId(
    given.flatMap((fact) => fact.contactId ?? []),
    'customer',
  );
  const unknownContacts = contactsToLookUp(given, contactLinks);
  const facts = unknownContacts.length > 0 ? withContactNumbers(given, await contactNumbers(unknownContacts)) : given;
  const openNow = needsOpenInvoices(facts, linkedInvoices, alreadyInSyncro) ? await openInvoices() : [];
  const { invoiceLinks, balanceOf } = sameNumberLinks(
    { facts, invoiceLinks: linkedInvoices, contactLinks, openNow },
    page.map((payment) => payment.Invoice.InvoiceNumber),
  );
  const placing = { facts, baseCurrency, alreadyInSyncro, invoiceLinks, contactLinks, openNow, balanceOf };
  const { read, unknown } = await readBalances(reader, balancesToRead(placing));
  return { ...placing, balanceOf: new Map([...balanceOf, ...read]), balanceUnknown: unknown };
}

/** Balances from the invoices' details, one after another; 'unknown' ones apart. */
async function readBalances(reader: InvoiceReader, syncroIds: number[]) {
  const read = new Map<number, InvoiceBalance>();
  const unknown = new Set<number>();
  for (const syncroId of syncroIds) {
    const { customerId, balanceCents } = await readBalance(reader, syncroId);
    if (balanceCents === 'unknown') unknown.add(syncroId);
    else read.set(syncroId, { customerId, balanceCents });
  }
  return { read, unknown };
}

/** Xero ContactID → ContactNumber, 50 contacts to a call (archived ones too: a payment may be on one). */
async function contactNumbers(contactIds: string[]): Promise<Map<string, string>> {
  const numbers = new Map<string, string>();
  for (const chunk of chunksOf(contactIds, 50)) {
    const { Contacts } = await xeroCall(
      {
        method: 'GET',
        path: '/Contacts',
        query: { IDs: chunk.join(','), includeArchived: 'true' },
      },
      xeroContactNumbers,
    );
    for (const contact of Contacts) if (contact.ContactNumber) numbers.set(contact.ContactID, contact.ContactNumber);
  }
  return numbers;
}
