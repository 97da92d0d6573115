// Customers and vendors → Xero contacts by natural key (ContactNumber SYNCRO-C-<id> / SYNCRO-V-<id>), so
// any install finds what another created. A contact name already taken never blocks a sync: an unnumbered
// contact of that name is adopted, one that belongs to another record makes us use "<name> (<id>)".
import { xeroCall } from '../xero/client.ts';
import { NeedsUserError } from './errors.ts';
import { fingerprint } from './fingerprint.ts';
import { audit, getLink, putLink } from './links.ts';

export interface XeroContact {
  ContactID: string;
  Name: string;
  ContactNumber?: string;
  ContactStatus?: string;
}

interface Contacts {
  Contacts: XeroContact[];
}

export type ContactKind = 'customer' | 'vendor';

export interface ContactSource {
  kind: ContactKind;
  syncroId: number;
  name: string;
  /** The payload's other fields (email, names…), without Name and ContactNumber. */
  details: Record<string, unknown>;
}

export const contactNumber = (kind: ContactKind, id: number) => `SYNCRO-${kind === 'customer' ? 'C' : 'V'}-${id}`;

const whereEquals = (field: string, value: string) => `${field}==${JSON.stringify(value)}`;

async function findContacts(field: string, value: string): Promise<XeroContact[]> {
  const { Contacts } = await xeroCall<Contacts>({
    method: 'GET',
    path: '/Contacts',
    query: { where: whereEquals(field, value), includeArchived: 'true' },
  });
  return Contacts;
}

/** The Xero ContactID for a Syncro customer or vendor, creating or updating the contact as needed. */
export async function ensureContact(source: ContactSource, now: number): Promise<string> {
  const number = contactNumber(source.kind, source.syncroId);
  const link = await getLink(source.kind, source.syncroId);
  const print = fingerprint({ name: source.name, ...source.details });
  if (link?.xeroId && link.fingerprint === print) return link.xeroId;

  const subject = `${source.kind}:${source.syncroId}`;
  let contact = link?.xeroId ? undefined : (await findContacts('ContactNumber', number))[0];
  let name = source.name;
  if (!link?.xeroId && !contact) {
    const [sameName] = (await findContacts('Name', name)).filter((candidate) => candidate.ContactStatus !== 'ARCHIVED');
    if (sameName && !sameName.ContactNumber) {
      contact = sameName; // an existing Xero contact of that name: adopt it (its ContactNumber is set below)
      await audit(subject, 'info', `Linked to the existing Xero contact "${name}"`, now);
    } else if (sameName) {
      name = `${source.name} (${source.syncroId})`;
      await audit(subject, 'info', `"${source.name}" belongs to another Xero contact: named "${name}"`, now);
    }
  }
  const contactId = link?.xeroId ?? contact?.ContactID;
  const write = (contactName: string) =>
    xeroCall<Contacts>({
      method: contactId ? 'POST' : 'PUT',
      path: '/Contacts',
      body: {
        Contacts: [
          {
            ...(contactId ? { ContactID: contactId } : {}),
            Name: contactName,
            ContactNumber: number,
            ...source.details,
          },
        ],
      },
      idempotencyKey: `contact-${contactId ?? 'new'}-${number}-${fingerprint(contactName)}-${print}`,
    });
  let saved: XeroContact | undefined;
  try {
    saved = (await write(name)).Contacts[0];
  } catch (error) {
    // Renamed in Syncro to a name another Xero contact has: the collision rule applies here too.
    if (!(error instanceof NeedsUserError) || !/already assigned|unique/i.test(error.message)) throw error;
    name = `${source.name} (${source.syncroId})`;
    saved = (await write(name)).Contacts[0];
    await audit(subject, 'info', `"${source.name}" belongs to another Xero contact: named "${name}"`, now);
  }
  if (!saved) throw new Error(`Xero returned no contact for ${subject}`);
  await putLink(
    { kind: source.kind, syncroId: source.syncroId, xeroId: saved.ContactID, state: 'synced', fingerprint: print },
    now,
  );
  return saved.ContactID;
}
