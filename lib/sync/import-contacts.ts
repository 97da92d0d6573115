// "Import Xero contacts": customers and suppliers in Xero that no Syncro record stands for. A preview lists
// each with what would happen — created in Syncro, or linked to the Syncro record of the same name — and the
// import does exactly that, then gives the Xero contact our ContactNumber so every install finds the pair.

import { errorText } from '../errors.ts';
import { customerContactNumber, parseContactNumber, vendorContactNumber } from '../keys.ts';
import { putLink } from '../storage/links.ts';
import { syncroPages, syncroRequest } from '../syncro/api.ts';
import { syncroCreated, syncroCustomer, syncroRecord, syncroVendor } from '../syncro/wire.ts';
import { lookUpThenWrite, writeBatch } from '../xero/batch.ts';
import { xeroCall } from '../xero/client.ts';
import { type XeroContactFull, xeroContact, xeroContactsFull } from '../xero/wire.ts';
import type { SyncContext } from './context.ts';
import { contactName, vendorName } from './map/contacts.ts';

export interface ContactImportCandidate {
  contactId: string;
  name: string;
  kind: 'customer' | 'vendor';
  email?: string;
  action: 'create' | 'link';
  syncroId?: number;
}

export interface ContactImportResult {
  created: number;
  linked: number;
  failed: Array<{ name: string; error: string }>;
}

const nameKey = (name: string) => name.trim().toLowerCase();

export async function previewContactImport(ctx: SyncContext): Promise<ContactImportCandidate[]> {
  const contacts: XeroContactFull[] = [];
  for (let page = 1; ; page++) {
    const { Contacts } = await xeroCall(
      { method: 'GET', path: '/Contacts', query: { where: 'ContactStatus=="ACTIVE"', page: String(page) } },
      xeroContactsFull,
    );
    contacts.push(...Contacts);
    if (Contacts.length < 100) break;
  }
  // Every Syncro record's name decides between creating and linking: one Syncro sends unusable fails the preview,
  // naming it, rather than a duplicate being created in its place.
  const customers = new Map<string, number>();
  for await (const page of syncroPages(ctx.syncro, '/customers', 'customers', syncroCustomer)) {
    for (const customer of page) customers.set(nameKey(contactName(customer)), customer.id);
  }
  const vendors = new Map<string, number>();
  for await (const page of syncroPages(ctx.syncro, '/vendors', 'vendors', syncroVendor)) {
    for (const vendor of page) vendors.set(nameKey(vendorName(vendor)), vendor.id);
  }
  const numbersInUse = new Set(contacts.flatMap((contact) => contact.ContactNumber ?? []));
  return contacts
    .filter((contact) => !parseContactNumber(contact.ContactNumber) && (contact.IsCustomer || contact.IsSupplier))
    .flatMap((contact) => {
      const kind = contact.IsSupplier && !contact.IsCustomer ? 'vendor' : 'customer';
      const existing = (kind === 'customer' ? customers : vendors).get(nameKey(contact.Name));
      const number =
        existing === undefined
          ? undefined
          : (kind === 'customer' ? customerContactNumber : vendorContactNumber)(existing);
      // The Syncro record of that name has its own Xero contact already: this one is a duplicate in Xero.
      if (number && numbersInUse.has(number)) return [];
      return {
        contactId: contact.ContactID,
        name: contact.Name,
        kind,
        ...(contact.EmailAddress ? { email: contact.EmailAddress } : {}),
        ...(existing === undefined ? { action: 'create' as const } : { action: 'link' as const, syncroId: existing }),
      };
    });
}

/** Imports the chosen candidates of a fresh preview (the preview is run again: Syncro or Xero may have moved). */
export async function importContacts(
  ctx: SyncContext,
  contactIds: string[],
  now: number,
): Promise<ContactImportResult> {
  const chosen = new Set(contactIds);
  const candidates = (await previewContactImport(ctx)).filter((candidate) => chosen.has(candidate.contactId));
  const result: ContactImportResult = { created: 0, linked: 0, failed: [] };
  const numbered: Array<{ candidate: ContactImportCandidate; syncroId: number }> = [];
  for (const candidate of candidates) {
    try {
      const syncroId = candidate.syncroId ?? (await createInSyncro(ctx, candidate));
      numbered.push({ candidate, syncroId });
    } catch (error) {
      result.failed.push({ name: candidate.name, error: errorText(error) });
    }
  }
  const numberOf = ({ candidate, syncroId }: (typeof numbered)[number]) =>
    candidate.kind === 'customer' ? customerContactNumber(syncroId) : vendorContactNumber(syncroId);
  // An update by ContactID: sent again as it is should Xero's answer be lost.
  const written = await lookUpThenWrite(() =>
    writeBatch(
      'POST',
      'Contacts',
      numbered.map((entry) => ({ ContactID: entry.candidate.contactId, ContactNumber: numberOf(entry) })),
      xeroContact,
    ),
  );
  for (const [i, entry] of numbered.entries()) {
    const outcome = written[i];
    if (!outcome?.ok) {
      result.failed.push({ name: entry.candidate.name, error: outcome?.message ?? 'Xero did not take the number' });
      continue;
    }
    // No fingerprint: the next sync sends Syncro's version of the contact once, and the pair is settled.
    await putLink(
      { kind: entry.candidate.kind, syncroId: entry.syncroId, xeroId: entry.candidate.contactId, state: 'synced' },
      now,
    );
    if (entry.candidate.action === 'create') result.created++;
    else result.linked++;
  }
  return result;
}

async function createInSyncro(ctx: SyncContext, candidate: ContactImportCandidate): Promise<number> {
  if (candidate.kind === 'vendor') {
    const created = await syncroRequest(
      ctx.syncro,
      'POST',
      '/vendors',
      syncroRecord('vendor', syncroCreated('vendor')),
      {
        name: candidate.name,
        ...(candidate.email ? { email: candidate.email } : {}),
      },
    );
    return created.id;
  }
  const created = await syncroRequest(
    ctx.syncro,
    'POST',
    '/customers',
    syncroRecord('customer', syncroCreated('customer')),
    { business_name: candidate.name, ...(candidate.email ? { email: candidate.email } : {}) },
  );
  return created.id;
}
