// Seed people and catalog of account `acme`: users, tokens, customers, vendors, products, payment methods.
// Everything is fixed data (ids come from the tables' counters), so tests can rely on the ids.

import { READ_ONLY_PERMISSIONS } from './permissions.ts';
import type { Account, Customer, Product } from './store.ts';

export const DAY = 86_400_000;

type CustomerSeed = [business: string | null, first: string, last: string, email: string | null, city: string];

// ids 2001…2012 in this order.
const CUSTOMERS: CustomerSeed[] = [
  ['Acme Dental Group', 'Jane', 'Doe', 'billing@acmedental.example', 'Springfield'],
  ['Globex Corporation', 'Hank', 'Scorpio', 'ap@globex.example', 'Cypress Creek'],
  // Same name as a Xero seed contact that has no contact number.
  ['Northwind Traders', 'Andrew', 'Fuller', 'accounts@northwind.example', 'Seattle'],
  ['Café Zürich GmbH', 'Jürg', 'Müller', 'buchhaltung@cafe-zuerich.example', 'Zürich'],
  ['東京テック株式会社', '太郎', '山田', 'keiri@tokyo-tech.example', '東京'],
  // An HTML/script payload: pages must show it as text.
  [
    '<img src=x onerror=alert(1)><script>alert("xss")</script> Ltd',
    'Mallory',
    'Hacker',
    'mallory@evil.example',
    'Nowhere',
  ],
  // Two customers with the same business name.
  ['Smith & Co', 'John', 'Smith', 'john@smithco.example', 'Portland'],
  ['Smith & Co', 'Sarah', 'Smith', 'sarah@smith-and-co.example', 'Bangor'],
  // No business name: business_then_name falls back to "Maria Garcia".
  [null, 'Maria', 'Garcia', 'maria.garcia@mail.example', 'Austin'],
  ['Initech LLC', 'Bill', 'Lumbergh', 'bill@initech.example', 'Austin'],
  ['Umbrella Pharmacy', 'Alice', 'Abernathy', 'alice@umbrella.example', 'Raccoon City'],
  ['Dormant Holdings', 'Otto', 'Sleeper', null, 'Dover'],
];
export const DISABLED_CUSTOMER_ID = 2012;

export const FIXED_CUSTOMER_COUNT = CUSTOMERS.length;

export function seedCustomer(account: Account, seed: CustomerSeed, createdAt: number): Customer {
  const [businessName, firstname, lastname, email, city] = seed;
  const id = account.customers.nextId();
  return account.customers.add({
    id,
    firstname,
    lastname,
    businessName,
    email,
    phone: `555-01${String(id % 100).padStart(2, '0')}`,
    address: `${(id % 900) + 100} Main Street`,
    city,
    state: null,
    zip: null,
    notes: null,
    disabled: id === DISABLED_CUSTOMER_ID,
    createdAt,
    updatedAt: createdAt,
  });
}

const NAME_PARTS = {
  first: ['Olivia', 'Liam', 'Emma', 'Noah', 'Ava', 'Lucas', 'Mia', 'Ethan', 'Zoë', 'Mateo', 'Chloé', 'Søren'],
  last: ['Johnson', 'Brown', 'Nguyen', 'Kowalski', 'Okafor', 'Haddad', 'Schmidt', 'Rossi', 'Tanaka', 'Silva'],
  trade: ['Dental', 'Legal', 'Logistics', 'Bakery', 'Realty', 'Clinic', 'Architects', 'Motors', 'Accounting', 'Vet'],
  suffix: ['LLC', 'Inc', 'Partners', 'Group', 'Co', 'Ltd'],
};

/** The i-th generated customer (for scaled seeds): a name built from fixed word lists, every 7th a private person. */
export function generatedCustomerSeed(i: number): CustomerSeed {
  const pick = (list: string[], n: number) => list[n % list.length] as string;
  const first = pick(NAME_PARTS.first, i);
  const last = pick(NAME_PARTS.last, Math.floor(i / 3));
  const business =
    i % 7 === 0 ? null : `${last} ${pick(NAME_PARTS.trade, i * 7 + 3)} ${pick(NAME_PARTS.suffix, i)} ${i + 1}`;
  return [business, first, last, `contact${i + 1}@client.example`, 'Springfield'];
}

export function seedUsersAndTokens(account: Account): void {
  account.users.add({ id: 1, name: 'Demo Tech', email: 'demo.tech@acme-msp.example' });
  account.users.add({ id: 2, name: 'Read Only', email: 'readonly@acme-msp.example' });
  account.tokens.set('demo-token', { token: 'demo-token', userId: 1, permissions: 'all', expired: false });
  account.tokens.set('readonly-token', {
    token: 'readonly-token',
    userId: 2,
    permissions: new Set(READ_ONLY_PERMISSIONS),
    expired: false,
  });
  account.tokens.set('expired-token', { token: 'expired-token', userId: 1, permissions: 'all', expired: true });
}

export function seedVendors(account: Account, createdAt: number): void {
  const vendors: [string, string, string, string][] = [
    ['Ingram Micro', 'Dana', 'Reyes', 'orders@ingram.example'],
    ['TD Synnex', 'Raj', 'Patel', 'sales@tdsynnex.example'],
    ['Amazon Business', 'Chris', 'Lee', 'business@amazon.example'],
    ['D&H Distributing', 'Pat', 'Kim', 'reps@dandh.example'],
  ];
  for (const [name, repFirstName, repLastName, email] of vendors) {
    const id = account.vendors.nextId();
    account.vendors.add({
      id,
      name,
      repFirstName,
      repLastName,
      email,
      phone: `800-555-0${id}`,
      accountNumber: `ACME-${id}`,
      address: null,
      city: null,
      state: null,
      zip: null,
      website: null,
      notes: null,
      createdAt,
      updatedAt: createdAt,
    });
  }
}

type ProductSeed = Pick<
  Product,
  'name' | 'description' | 'priceRetailCents' | 'priceCostCents' | 'upcCode' | 'taxable' | 'maintainStock'
> & {
  category: string;
};

// ids 501…509 in this order.
const PRODUCTS: ProductSeed[] = [
  {
    name: 'Labor - Onsite',
    description: 'Onsite technician, per hour',
    priceRetailCents: 15000,
    priceCostCents: 0,
    upcCode: null,
    taxable: false,
    maintainStock: false,
    category: 'Labor',
  },
  {
    name: 'Labor - Remote',
    description: 'Remote support, per hour',
    priceRetailCents: 9500,
    priceCostCents: 0,
    upcCode: null,
    taxable: false,
    maintainStock: false,
    category: 'Labor',
  },
  {
    name: 'Managed Services - Workstation',
    description: 'Monthly managed workstation',
    priceRetailCents: 4500,
    priceCostCents: 1200,
    upcCode: null,
    taxable: false,
    maintainStock: false,
    category: 'Services',
  },
  {
    name: 'UniFi U6-Lite Access Point',
    description: 'Ubiquiti Wi-Fi 6 access point',
    priceRetailCents: 12999,
    priceCostCents: 9900,
    upcCode: '817882028557',
    taxable: true,
    maintainStock: true,
    category: 'Networking',
  },
  // Two products share one UPC.
  {
    name: 'Samsung 980 PRO 1TB SSD',
    description: 'NVMe SSD 1TB',
    priceRetailCents: 11999,
    priceCostCents: 8950,
    upcCode: '887276476043',
    taxable: true,
    maintainStock: true,
    category: 'Storage',
  },
  {
    name: 'Samsung 980 PRO 1TB SSD (Refurbished)',
    description: 'Refurbished NVMe SSD 1TB',
    priceRetailCents: 7999,
    priceCostCents: 5000,
    upcCode: '887276476043',
    taxable: true,
    maintainStock: true,
    category: 'Storage',
  },
  // Name longer than 50 characters and a UPC longer than 30.
  {
    name: 'Dell OptiPlex 7010 Micro Desktop i5-13500T 16GB RAM 512GB SSD Windows 11 Pro',
    description: 'Business desktop',
    priceRetailCents: 84900,
    priceCostCents: 69900,
    upcCode: 'DELL-OPTIPLEX-7010-MICRO-I5-16-512-W11P',
    taxable: true,
    maintainStock: true,
    category: 'Computers',
  },
  {
    name: 'USB-C Cable 2m',
    description: 'USB-C to USB-C cable',
    priceRetailCents: 1250,
    priceCostCents: 320,
    upcCode: '0000012345678',
    taxable: true,
    maintainStock: true,
    category: 'Accessories',
  },
  {
    name: 'Antivirus License (Annual)',
    description: 'Endpoint protection, 1 year',
    priceRetailCents: 3900,
    priceCostCents: 2100,
    upcCode: null,
    taxable: false,
    maintainStock: false,
    category: 'Software',
  },
];

export const PRODUCT = {
  onsite: 501,
  remote: 502,
  managed: 503,
  accessPoint: 504,
  ssd: 505,
  ssdRefurb: 506,
  desktop: 507,
  cable: 508,
  antivirus: 509,
} as const;

export function seedProducts(account: Account, createdAt: number): void {
  for (const seed of PRODUCTS) {
    const id = account.products.nextId();
    account.products.add({
      id,
      name: seed.name,
      description: seed.description,
      priceRetailCents: seed.priceRetailCents,
      priceCostCents: seed.priceCostCents,
      upcCode: seed.upcCode,
      taxable: seed.taxable,
      maintainStock: seed.maintainStock,
      quantity: seed.maintainStock ? 10 : 0,
      productCategory: seed.category,
      disabled: false,
      vendorIds: seed.maintainStock ? [301] : [],
      createdAt,
      updatedAt: createdAt,
    });
  }
}

export function seedPaymentMethods(account: Account, createdAt: number): void {
  for (const name of ['Credit Card', 'Cash', 'Check', 'Offline CC', 'Quick', 'Other', 'Bank Transfer']) {
    account.paymentMethods.add({
      id: account.paymentMethods.nextId(),
      name,
      usesCardProcessing: false,
      createdAt,
      updatedAt: createdAt,
    });
  }
}

export const seedCustomers = (account: Account, createdAt: number): void => {
  for (const seed of CUSTOMERS) seedCustomer(account, seed, createdAt);
};
