// Contacts: create/update rules (unique active names, ContactNumber as the external key, archiving)
// and how documents refer to a contact (ContactID, ContactNumber or Name).
import { randomUUID } from 'node:crypto';
import { type ApiObject, type ApplyResult, type Contact, isObject, str, type TenantData } from './state.ts';

export const NOT_FOUND = 'The document with the supplied id was not found for this endpoint.';

/**
 * Fields Xero owns; everything else in a contact body is stored and echoed back as is. IsSupplier/IsCustomer "Cannot
 * be set via PUT or POST" (xero_accounting.yaml#/components/schemas/Contact).
 */
const MANAGED = new Set([
  'ContactID',
  'ContactNumber',
  'ContactStatus',
  'Name',
  'IsSupplier',
  'IsCustomer',
  'UpdatedDateUTC',
  'HasValidationErrors',
  'ValidationErrors',
  'StatusAttributeString',
  'HasAttachments',
  'Balances',
]);

export function tooLong(field: string, value: string | undefined, max: number): string[] {
  return value !== undefined && value.length > max
    ? [`The ${field} field cannot be more than ${max} characters long.`]
    : [];
}

const normalise = (name: string): string => name.trim().toLowerCase();

export function activeContactNamed(data: TenantData, name: string, exceptId?: string): Contact | undefined {
  const wanted = normalise(name);
  for (const contact of data.contacts.values()) {
    if (contact.ContactID !== exceptId && contact.ContactStatus === 'ACTIVE' && normalise(contact.Name) === wanted) {
      return contact;
    }
  }
  return undefined;
}

function byNumber(data: TenantData, contactNumber: string): Contact | undefined {
  return [...data.contacts.values()].find((contact) => contact.ContactNumber === contactNumber);
}

/**
 * `GET /Contacts/{id}` takes a ContactID or a ContactNumber
 * (xero_accounting.yaml#/paths/~1Contacts~1{ContactNumber}).
 */
export function findContact(data: TenantData, idOrNumber: string): Contact | undefined {
  return data.contacts.get(idOrNumber.toLowerCase()) ?? byNumber(data, idOrNumber);
}

/**
 * Create (no ContactID) or update (ContactID in the body or the path) one contact. Name required
 * ("Contact Name cannot be empty": waynerobinson/xeroizer#380), max 255; ContactNumber and AccountNumber max 50
 * (xero_accounting.yaml#/components/schemas/Contact); the name is unique among ACTIVE contacts (the PUT /Contacts
 * 400 example; XeroAPI/xero-ruby#13). Undocumented: names compare trimmed and case-insensitively.
 */
export function applyContact(data: TenantData, input: ApiObject, now: number, pathId?: string): ApplyResult {
  const id = (pathId ?? str(input.ContactID))?.toLowerCase();
  const existing = id ? data.contacts.get(id) : undefined;
  if (id && !existing) return { errors: [NOT_FOUND] };

  const name = str(input.Name) ?? existing?.Name;
  const contactNumber = input.ContactNumber === undefined ? existing?.ContactNumber : str(input.ContactNumber);
  const status = input.ContactStatus ?? existing?.ContactStatus ?? 'ACTIVE';
  const errors: string[] = [];
  if (!name?.trim()) errors.push('Contact Name cannot be empty');
  errors.push(...tooLong('Name', name, 255), ...tooLong('ContactNumber', contactNumber, 50));
  errors.push(...tooLong('AccountNumber', str(input.AccountNumber), 50));
  if (status !== 'ACTIVE' && status !== 'ARCHIVED') errors.push(`ContactStatus '${String(status)}' is not valid.`);
  if (name?.trim() && status === 'ACTIVE' && activeContactNamed(data, name, existing?.ContactID)) {
    errors.push(
      `The contact name ${name.trim()} is already assigned to another contact. The contact name must be unique across all active contacts.`,
    );
  }
  if (errors.length > 0 || !name) return { errors };

  const details = { ...existing?.details };
  for (const [key, value] of Object.entries(input)) if (!MANAGED.has(key)) details[key] = value;
  const contact: Contact = {
    ContactID: existing?.ContactID ?? randomUUID(),
    Name: name.trim(),
    ...(contactNumber !== undefined ? { ContactNumber: contactNumber } : {}),
    ContactStatus: status as Contact['ContactStatus'],
    IsCustomer: existing?.IsCustomer ?? false,
    IsSupplier: existing?.IsSupplier ?? false,
    details,
    updatedMs: now,
  };
  data.contacts.set(contact.ContactID, contact);
  return { id: contact.ContactID };
}

/** `create`: no contact has that name yet; the caller creates it once the whole document is valid. */
export type ContactResolution = { contact: Contact } | { create: ApiObject } | { errors: string[] };

/**
 * A document's `Contact`: by ContactID, else ContactNumber, else Name. Invoices may name a new
 * contact, which Xero then creates (`createByName`; xero-node 2.5.3 docs/Invoices.md creates an invoice with
 * `Contact: { Name }`); purchase orders need an existing one ("ContactID or ContactNumber of an existing contact":
 * https://docs.linx.software/reference/plugins/xero/content/purchaseorders/createpurchaseorder). Archived contacts are
 * refused (https://knowledgebase.agridigital.io/en/articles/7923511-xero-errors-archived-contacts). Undocumented: the
 * "could not be found" wording.
 */
export function resolveContact(data: TenantData, ref: unknown, createByName: boolean): ContactResolution {
  if (!isObject(ref)) return { errors: ['A Contact must be specified for this type of transaction'] };
  const id = str(ref.ContactID);
  const number = str(ref.ContactNumber);
  const name = str(ref.Name);
  let contact: Contact | undefined;
  if (id) contact = data.contacts.get(id.toLowerCase());
  else if (number) contact = byNumber(data, number);
  else if (name?.trim()) contact = activeContactNamed(data, name);
  if (!contact && !id && name?.trim() && createByName) {
    return { create: { Name: name, ...(number ? { ContactNumber: number } : {}) } };
  }
  if (!contact) {
    return id || number || name
      ? { errors: ['The contact with the specified contact details could not be found.'] }
      : { errors: ['A Contact must be specified for this type of transaction'] };
  }
  if (contact.ContactStatus === 'ARCHIVED') {
    return {
      errors: [
        'The contact with the specified contact details has been archived. The contact must be un-archived before creating new invoices or credit notes.',
      ],
    };
  }
  return { contact };
}
