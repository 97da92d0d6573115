// Customers and vendors → Xero contacts (CONTRACT.md, "Records in Xero"). Pure.

import { customerContactNumber, vendorContactNumber } from '../../keys.ts';
import type { SyncroCustomer, SyncroVendor } from '../../syncro/wire.ts';
import type { XeroAddress, XeroContactPayload } from '../../xero/payloads.ts';
import { clean, cutText, optional } from './text.ts';

const NAME_MAX = 255;

/** Business name, else first + last name, else Syncro's business_then_name, else `Customer <id>`. */
export function contactName(
  customer: Pick<SyncroCustomer, 'id' | 'business_name' | 'firstname' | 'lastname' | 'business_then_name'>,
): string {
  const person = [clean(customer.firstname), clean(customer.lastname)].filter(Boolean).join(' ');
  const name = clean(customer.business_name) || person || clean(customer.business_then_name);
  return cutText(name || `Customer ${customer.id}`, NAME_MAX).trim();
}

export function vendorName(vendor: Pick<SyncroVendor, 'id' | 'name'>): string {
  return cutText(clean(vendor.name) || `Vendor ${vendor.id}`, NAME_MAX).trim();
}

/** CONTRACT: when the name belongs to another record's contact, `<name> (<id>)`, still within Xero's 255. */
export function collisionName(name: string, id: number): string {
  const suffix = ` (${id})`;
  return `${cutText(name, NAME_MAX - suffix.length).trim()}${suffix}`;
}

// Xero refuses a malformed EmailAddress, which would block the whole contact: leave doubtful ones out.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const email = (text: string | null | undefined): string | undefined => {
  const value = clean(text);
  return EMAIL.test(value) && value.length <= 255 ? value : undefined;
};

/** A customer's contact details; a vendor has the same but `address_2`. */
type ContactDetails = Pick<SyncroCustomer, 'email' | 'phone' | 'address' | 'address_2' | 'city' | 'state' | 'zip'>;

function contactDetails(record: ContactDetails): Pick<XeroContactPayload, 'EmailAddress' | 'Phones' | 'Addresses'> {
  const phone = optional(record.phone, 50);
  const address: XeroAddress = { AddressType: 'STREET' };
  const line1 = optional(record.address, 500);
  const line2 = optional(record.address_2, 500);
  const city = optional(record.city, 255);
  const region = optional(record.state, 255);
  const postalCode = optional(record.zip, 50);
  if (line1) address.AddressLine1 = line1;
  if (line2) address.AddressLine2 = line2;
  if (city) address.City = city;
  if (region) address.Region = region;
  if (postalCode) address.PostalCode = postalCode;
  const emailAddress = email(record.email);
  return {
    ...(emailAddress ? { EmailAddress: emailAddress } : {}),
    ...(phone ? { Phones: [{ PhoneType: 'DEFAULT', PhoneNumber: phone }] } : {}),
    ...(Object.keys(address).length > 1 ? { Addresses: [address] } : {}),
  };
}

function personName(first: string | null | undefined, last: string | null | undefined) {
  const firstName = optional(first, NAME_MAX);
  const lastName = optional(last, NAME_MAX);
  return { ...(firstName ? { FirstName: firstName } : {}), ...(lastName ? { LastName: lastName } : {}) };
}

/** `name` is contactName(customer) or its collisionName, as the engine decided. */
export function customerContact(
  customer: Pick<SyncroCustomer, 'id' | 'firstname' | 'lastname'> & ContactDetails,
  name: string,
): XeroContactPayload {
  return {
    Name: name,
    ContactNumber: customerContactNumber(customer.id),
    ...personName(customer.firstname, customer.lastname),
    ...contactDetails(customer),
  };
}

export function vendorContact(
  vendor: Pick<SyncroVendor, 'id' | 'rep_first_name' | 'rep_last_name'> & Omit<ContactDetails, 'address_2'>,
  name: string,
): XeroContactPayload {
  return {
    Name: name,
    ContactNumber: vendorContactNumber(vendor.id),
    ...personName(vendor.rep_first_name, vendor.rep_last_name),
    ...contactDetails(vendor),
  };
}
