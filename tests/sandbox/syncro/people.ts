// Creating and editing customers and vendors, shared by the REST API (POST /customers, /vendors) and the
// admin API. Validation follows the swagger's 422 examples ("Email is not an email":
// syncro_swagger.json#/paths/~1customers/post/responses/422, ~1vendors/post/responses/422).
import type { Fields } from './invoices.ts';
import type { Account, Customer, Vendor } from './store.ts';

const text = (value: unknown, fallback: string | null): string | null =>
  value === undefined ? fallback : value === null ? null : String(value);

/** Creates (no `existing`) or edits a customer as Syncro's customer form would, stamping updated_at. */
export function saveCustomer(account: Account, existing: Customer | undefined, body: Fields, now: number): Customer {
  const customer: Customer = existing ?? {
    id: account.customers.nextId(),
    firstname: '',
    lastname: '',
    businessName: null,
    email: null,
    phone: null,
    address: null,
    city: null,
    state: null,
    zip: null,
    notes: null,
    disabled: false,
    createdAt: now,
    updatedAt: now,
  };
  customer.firstname = text(body.firstname, customer.firstname) ?? '';
  customer.lastname = text(body.lastname, customer.lastname) ?? '';
  customer.businessName = text(body.business_name, customer.businessName);
  customer.email = text(body.email, customer.email);
  customer.phone = text(body.phone, customer.phone);
  customer.city = text(body.city, customer.city);
  if (typeof body.disabled === 'boolean') customer.disabled = body.disabled;
  customer.updatedAt = now;
  if (!existing) account.customers.add(customer);
  return customer;
}

/** Creates or edits a vendor, stamping updated_at. */
export function saveVendor(account: Account, existing: Vendor | undefined, body: Fields, now: number): Vendor {
  const vendor: Vendor = existing ?? {
    id: account.vendors.nextId(),
    name: '',
    repFirstName: null,
    repLastName: null,
    email: null,
    phone: null,
    accountNumber: null,
    address: null,
    city: null,
    state: null,
    zip: null,
    website: null,
    notes: null,
    createdAt: now,
    updatedAt: now,
  };
  vendor.name = text(body.name, vendor.name) ?? '';
  vendor.email = text(body.email, vendor.email);
  vendor.phone = text(body.phone, vendor.phone);
  vendor.updatedAt = now;
  if (!existing) account.vendors.add(vendor);
  return vendor;
}

const emailPattern = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/**
 * Syncro's refusals of a new customer or vendor, or [] when it may be created. "Name can't be blank" is the wording
 * of syncro_swagger.json#/paths/~1products~1{id}/put/responses/422; the customer-name rule and its wording are
 * Undocumented (the fake's own).
 */
export function peopleErrors(kind: 'customer' | 'vendor', body: Fields): string[] {
  const errors: string[] = [];
  const filled = (value: unknown) => typeof value === 'string' && value.trim() !== '';
  if (kind === 'vendor' && !filled(body.name)) errors.push("Name can't be blank");
  if (kind === 'customer' && !filled(body.business_name) && !(filled(body.firstname) && filled(body.lastname))) {
    errors.push('Enter a business name, or a first and last name');
  }
  if (filled(body.email) && !emailPattern.test(String(body.email))) errors.push('Email is not an email');
  return errors;
}
