// Customers and vendors → Xero contacts by natural key (ContactNumber SYNCRO-C-<id> / SYNCRO-V-<id>), so
// any install finds what another created — in batches. A name already taken never blocks a sync: an
// unnumbered contact of that name is adopted; one that belongs to another record makes us "<name> (<id>)".

import { NeedsUserError } from '../errors.ts';
import { fingerprint } from '../fingerprint.ts';
import { customerContactNumber, vendorContactNumber } from '../keys.ts';
import { audit } from '../storage/audit.ts';
import { getLinks, linkKey, putLink } from '../storage/links.ts';
import type { SyncroCustomer, SyncroVendor } from '../syncro/wire.ts';
import { lookUpThenWrite, quotableInWhere, type RecordResult, whereAnyOf, writeBatch } from '../xero/batch.ts';
import { xeroCall } from '../xero/client.ts';
import { type XeroContact, xeroContact, xeroContacts } from '../xero/wire.ts';
import { type Learned, learnFrom } from './learned.ts';
import { collisionName, contactName, customerContact, vendorContact, vendorName } from './map/contacts.ts';
import { isCurrentInXero } from './rules.ts';

export type { XeroContact };

import type { XeroContactPayload } from '../xero/payloads.ts';

export type ContactKind = 'customer' | 'vendor';

export interface ContactSource {
  kind: ContactKind;
  syncroId: number;
  name: string;
  /** The payload's other fields (email, names…), without Name and ContactNumber. */
  details: Omit<XeroContactPayload, 'Name' | 'ContactNumber'>;
  /** Syncro's updated_at when read: the change tick compares it to find edits. */
  syncroUpdatedAt?: string;
}

export function customerSource(customer: SyncroCustomer): ContactSource {
  const name = contactName(customer);
  const { Name: _name, ContactNumber: _number, ...details } = customerContact(customer, name);
  return { kind: 'customer', syncroId: customer.id, name, details, syncroUpdatedAt: customer.updated_at };
}

export function vendorSource(vendor: SyncroVendor): ContactSource {
  const name = vendorName(vendor);
  const { Name: _name, ContactNumber: _number, ...details } = vendorContact(vendor, name);
  return { kind: 'vendor', syncroId: vendor.id, name, details, syncroUpdatedAt: vendor.updated_at };
}

// The contract's natural keys are defined once, in lib/keys.ts.
const contactNumber = (kind: ContactKind, id: number) =>
  kind === 'customer' ? customerContactNumber(id) : vendorContactNumber(id);
const nameKey = (name: string) => name.trim().toLowerCase();

async function findContacts(field: 'ContactNumber' | 'Name', values: string[]): Promise<XeroContact[]> {
  const found: XeroContact[] = [];
  for (const where of whereAnyOf(field, values)) {
    const { Contacts } = await xeroCall(
      { method: 'GET', path: '/Contacts', query: { where, includeArchived: 'true' } },
      xeroContacts,
    );
    found.push(...Contacts);
  }
  return found;
}

/** Contacts by name; a name `where` cannot hold (a `"`, e.g. `Bob "The Builder" Repairs`) is searched for. */
async function findContactsByName(names: string[]): Promise<XeroContact[]> {
  const found = await findContacts('Name', names.filter(quotableInWhere));
  for (const name of names.filter((candidate) => !quotableInWhere(candidate))) {
    found.push(...(await searchContactsNamed(name)));
  }
  return found;
}

const searchPageSize = 100;

/**
 * `searchTerm` (xero_accounting.yaml#/paths/~1Contacts, GET) with the name's longest part free of quotes and
 * backslashes — how Xero's search treats those is not documented — and the exact name compared here.
 */
async function searchContactsNamed(name: string): Promise<XeroContact[]> {
  const term = name
    .split(/["\\\p{Cc}]/u)
    .map((part) => part.trim())
    .reduce((longest, part) => (part.length > longest.length ? part : longest), '');
  if (!term) return [];
  const matches: XeroContact[] = [];
  for (let page = 1; ; page++) {
    const { Contacts } = await xeroCall(
      {
        method: 'GET',
        path: '/Contacts',
        query: { searchTerm: term, includeArchived: 'true', page: String(page), pageSize: String(searchPageSize) },
      },
      xeroContacts,
    );
    matches.push(...Contacts.filter((contact) => nameKey(contact.Name) === nameKey(name)));
    if (Contacts.length < searchPageSize) return matches;
  }
}

/** Contacts Xero has under these ContactNumbers (archived ones included): where another install's contact is found. */
export const findContactsByNumber = (numbers: string[]): Promise<XeroContact[]> =>
  findContacts('ContactNumber', numbers);

/**
 * What to write for each stale source: the contact it is linked to or numbered as, else an unnumbered contact of
 * the same name to adopt, else a new contact (renamed "<name> (<id>)" when another record owns the name).
 */
async function planContacts(
  stale: ContactSource[],
  links: Awaited<ReturnType<typeof getLinks>>,
  learned: Learned | undefined,
) {
  const unlinked = stale.filter((source) => !links.get(linkKey(source.kind, source.syncroId))?.xeroId);
  const { byNumber, byName } = await existingContacts(unlinked, learned);

  return stale.map((source) => {
    const number = contactNumber(source.kind, source.syncroId);
    const linkedId = links.get(linkKey(source.kind, source.syncroId))?.xeroId ?? byNumber.get(number)?.ContactID;
    let name = source.name;
    let contactId = linkedId;
    let note: string | undefined;
    const numbered = byNumber.get(number);
    // Another install's contact (or this one's before a crash), saved since Syncro's last edit: taken as it is.
    const current = !links.get(linkKey(source.kind, source.syncroId))?.xeroId && numbered;
    if (current && isCurrentInXero(current.UpdatedDateUTC, source.syncroUpdatedAt)) {
      return { source, name, note, payload: undefined, adopted: current };
    }
    if (!contactId) {
      const sameName = byName.get(nameKey(name));
      if (sameName && !sameName.ContactNumber) {
        contactId = sameName.ContactID; // adopt it: it gets our ContactNumber
        sameName.ContactNumber = number; // a second source of that name in this batch must not adopt it too
        note = `Linked to the existing Xero contact "${name}"`;
      } else if (sameName) {
        name = collisionName(source.name, source.syncroId);
        note = `"${source.name}" belongs to another Xero contact: named "${name}"`;
      } else {
        byName.set(nameKey(name), { ContactID: '', Name: name, ContactNumber: number }); // taken from now on
      }
    }
    return {
      source,
      name,
      note,
      payload: { ...(contactId ? { ContactID: contactId } : {}), Name: name, ContactNumber: number, ...source.details },
      adopted: undefined,
    };
  });
}

/**
 * The Xero contacts numbered as these sources, and those of their names: from what this run learnt of every
 * contact (a backfill's batches), else looked up by ContactNumber, then by name.
 */
async function existingContacts(unlinked: ContactSource[], learned: Learned | undefined) {
  const numbers = new Set(unlinked.map((source) => contactNumber(source.kind, source.syncroId)));
  const bulk = learned && (unlinked.length >= learnFrom || learned.has('contacts'));
  const numbered = bulk ? await learned.contacts() : await findContactsByNumber([...numbers]);
  const byNumber = new Map(
    numbered.flatMap((contact) =>
      contact.ContactNumber && numbers.has(contact.ContactNumber) ? [[contact.ContactNumber, contact] as const] : [],
    ),
  );
  const nameless = unlinked.filter((source) => !byNumber.has(contactNumber(source.kind, source.syncroId)));
  const names = new Set(nameless.map((source) => nameKey(source.name)));
  const named = bulk ? numbered : await findContactsByName([...new Set(nameless.map((source) => source.name))]);
  const byName = new Map<string, XeroContact>();
  for (const contact of named) {
    if (contact.ContactStatus !== 'ARCHIVED' && names.has(nameKey(contact.Name)))
      byName.set(nameKey(contact.Name), contact);
  }
  return { byNumber, byName };
}

/** The Xero ContactID of each source (by `kind:id`), or the error that stopped it. */
export async function ensureContacts(
  sources: ContactSource[],
  now: number,
  learned?: Learned,
): Promise<Map<string, string | Error>> {
  const results = new Map<string, string | Error>();
  const unique = [...new Map(sources.map((source) => [linkKey(source.kind, source.syncroId), source])).values()];
  const links = await getLinks(unique.map((source) => linkKey(source.kind, source.syncroId)));
  const prints = new Map(unique.map((source) => [source, fingerprint({ name: source.name, ...source.details })]));
  const stale: ContactSource[] = [];
  for (const source of unique) {
    const link = links.get(linkKey(source.kind, source.syncroId));
    if (!link?.xeroId || link.fingerprint !== prints.get(source)) {
      stale.push(source);
      continue;
    }
    results.set(link.key, link.xeroId);
    // Saved in Syncro without a change that reaches Xero: remember the stamp so the change tick passes it by.
    if (source.syncroUpdatedAt && link.syncroUpdatedAt !== source.syncroUpdatedAt) {
      await putLink({ ...link, syncroUpdatedAt: source.syncroUpdatedAt }, link.updatedAt);
    }
  }
  if (stale.length === 0) return results;
  const adopted: Array<{ source: ContactSource; adopted: XeroContact }> = [];

  // Looked up again, and planned again, should Xero's answer to the write be lost: it may have been saved.
  const { planned, written } = await lookUpThenWrite(async () => {
    adopted.length = 0;
    const all = await planContacts(stale, links, learned);
    const planned = all.flatMap((plan) => (plan.payload ? [{ ...plan, payload: plan.payload }] : []));
    const written = await writeBatch(
      'POST',
      'Contacts',
      planned.map((plan) => plan.payload),
      xeroContact,
    );
    for (const plan of all) if (plan.adopted) adopted.push({ ...plan, adopted: plan.adopted });
    return { planned, written };
  });
  type Plan = (typeof planned)[number];
  const settle = async (plan: Plan, result: RecordResult<XeroContact> | undefined, note?: string) => {
    const key = linkKey(plan.source.kind, plan.source.syncroId);
    if (!result?.ok) {
      results.set(key, new NeedsUserError(result?.message ?? 'Xero refused the contact'));
      return;
    }
    const { kind, syncroId } = plan.source;
    const xeroId = result.record.ContactID;
    const { syncroUpdatedAt } = plan.source;
    learned?.remember({ contact: result.record });
    await putLink(
      { kind, syncroId, xeroId, state: 'synced', fingerprint: prints.get(plan.source), syncroUpdatedAt },
      now,
    );
    results.set(key, xeroId);
    if (note) await audit(key, 'info', note, now);
  };
  for (const { source, adopted: contact } of adopted) {
    const xeroId = contact.ContactID;
    const { kind, syncroId, syncroUpdatedAt } = source;
    await putLink({ kind, syncroId, xeroId, state: 'synced', fingerprint: prints.get(source), syncroUpdatedAt }, now);
    results.set(linkKey(kind, syncroId), xeroId);
  }
  const retries: Plan[] = [];
  for (const [i, plan] of planned.entries()) {
    const result = written[i];
    const nameTaken = result && !result.ok && /already assigned|unique/i.test(result.message);
    // Renamed in Syncro to a name another Xero contact has: the collision rule applies here too.
    if (nameTaken && plan.name === plan.source.name) retries.push(plan);
    else await settle(plan, result, plan.note);
  }
  for (const plan of retries) {
    // Taken by this very record, numbered meanwhile by another install: that contact is updated.
    const [numbered] = plan.payload.ContactID ? [] : await findContactsByNumber([plan.payload.ContactNumber]);
    if (numbered) {
      const [result] = await writeBatch(
        'POST',
        'Contacts',
        [{ ...plan.payload, ContactID: numbered.ContactID }],
        xeroContact,
      );
      await settle(plan, result);
      continue;
    }
    const name = collisionName(plan.source.name, plan.source.syncroId);
    const [result] = await writeBatch('POST', 'Contacts', [{ ...plan.payload, Name: name }], xeroContact);
    await settle(plan, result, `"${plan.source.name}" belongs to another Xero contact: named "${name}"`);
  }
  return results;
}
