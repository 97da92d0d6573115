// Syncro API token permission names, as the swagger spells them ("Required permission: …" in the descriptions of
// syncro_swagger.json#/paths; research/syncro.md §1.1).

export const ALL_PERMISSIONS = [
  'Customers - List/Search',
  'Customers - View Detail',
  'Customers - Edit',
  'Customers - Create',
  'Customers - Delete',
  'Vendors - List',
  'Vendors - View Details',
  'Vendors - New',
  'Vendors - Edit',
  'Products - List/Search',
  'Products - Create',
  'Products - Edit',
  'Products - Edit Quantities',
  'Invoices - List/Search',
  'Invoices - View Details',
  'Invoices - Create',
  'Invoices - Edit',
  'Payments - View List',
  'Payments - Create',
  'Purchase Orders - List/Search',
  'Purchase Orders - View Details',
  'Purchase Orders - Edit',
] as const;

export const READ_ONLY_PERMISSIONS = ALL_PERMISSIONS.filter((name) => /List|View/.test(name));
