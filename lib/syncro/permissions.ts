// Which API token permission each Syncro call of the product needs, as syncro_swagger.json names it ("Required
// permission: …" in each operation's description): named to the user when Syncro refuses a call for want of one.
// `GET /me` and `GET /payment_methods` need none (#/paths/~1me/get, ~1payment_methods/get).

const required: ReadonlyArray<[method: string, path: RegExp, permission: string]> = [
  ['GET', /^\/customers$/, 'Customers - List/Search'], // #/paths/~1customers/get
  ['GET', /^\/customers\/\d+$/, 'Customers - View Detail'], // #/paths/~1customers~1{id}/get
  ['POST', /^\/customers$/, 'Customers - Create'], // #/paths/~1customers/post
  ['GET', /^\/vendors$/, 'Vendors - List'], // #/paths/~1vendors/get
  ['GET', /^\/vendors\/\d+$/, 'Vendors - View Details'], // #/paths/~1vendors~1{id}/get
  ['POST', /^\/vendors$/, 'Vendors - New'], // #/paths/~1vendors/post
  ['GET', /^\/products(?:\/\d+)?$/, 'Products - List/Search'], // #/paths/~1products/get, ~1products~1{id}/get
  ['GET', /^\/invoices$/, 'Invoices - List/Search'], // #/paths/~1invoices/get
  ['GET', /^\/invoices\/\d+$/, 'Invoices - View Details'], // #/paths/~1invoices~1{id}/get
  ['GET', /^\/payments(?:\/\d+)?$/, 'Payments - View List'], // #/paths/~1payments/get, ~1payments~1{id}/get
  ['POST', /^\/payments$/, 'Payments - Create'], // #/paths/~1payments/post
  ['GET', /^\/purchase_orders$/, 'Purchase Orders - List/Search'], // #/paths/~1purchase_orders/get
  ['GET', /^\/purchase_orders\/\d+$/, 'Purchase Orders - View Details'], // #/paths/~1purchase_orders~1{id}/get
];

/** The permission the swagger names for this call (`path` under /api/v1, query and all), if it names one. */
export function requiredPermission(method: string, path: string): string | undefined {
  const bare = path.replace(/[?#].*$/, '');
  return required.find(([m, pattern]) => m === method && pattern.test(bare))?.[2];
}

/** The permission a refusal names itself ("Required permission: Invoices - Edit"), if it names one. */
export function permissionNamedIn(said: string): string | undefined {
  return /permission:\s*"?([^".\n]*[^".\s])/i.exec(said)?.[1];
}
