// Records → Syncro API JSON, following the field names and shapes of the official swagger examples.

import { centsToDecimal, centsToDollars, numberToDecimal } from './money.ts';
import {
  type Account,
  businessThenName,
  type Customer,
  fullName,
  type Invoice,
  isPaid,
  isVerifiedPaid,
  type LineItem,
  type Payment,
  type PaymentMethod,
  type PoLineItem,
  type Product,
  type PurchaseOrder,
  poTotalCents,
  type Vendor,
} from './store.ts';

export const iso = (ms: number): string => new Date(ms).toISOString();
/** Syncro sends calendar dates as midnight UTC timestamps ("2019-11-06T00:00:00.000Z", swagger GET /invoices). */
export const isoDate = (ms: number): string => `${iso(ms).slice(0, 10)}T00:00:00.000Z`;
const isoDateOrNull = (ms: number | null): string | null => (ms === null ? null : isoDate(ms));

// Fields: syncro_swagger.json#/paths/~1customers~1{id}/get example.
export function customerJson(account: Account, customer: Customer) {
  const name = fullName(customer);
  return {
    id: customer.id,
    firstname: customer.firstname,
    lastname: customer.lastname,
    fullname: name,
    business_name: customer.businessName,
    email: customer.email,
    phone: customer.phone,
    mobile: null,
    created_at: iso(customer.createdAt),
    updated_at: iso(customer.updatedAt),
    pdf_url: null,
    address: customer.address,
    address_2: null,
    city: customer.city,
    state: customer.state,
    zip: customer.zip,
    latitude: null,
    longitude: null,
    notes: customer.notes,
    get_sms: false,
    opt_out: false,
    disabled: customer.disabled,
    no_email: customer.email === null,
    location_name: null,
    location_id: null,
    properties: {},
    online_profile_url: `https://${account.subdomain}.syncromsp.com/my_profile/v2/index?portal_key=c${customer.id}`,
    tax_rate_id: null,
    notification_email: null,
    invoice_cc_emails: null,
    invoice_term_id: null,
    referred_by: null,
    ref_customer_id: null,
    business_and_full_name: customer.businessName ? `${customer.businessName} - ${name}` : name,
    business_then_name: businessThenName(customer),
    contacts: customer.email ? [{ email: customer.email }] : [],
  };
}

// Fields: syncro_swagger.json#/paths/~1vendors~1{id}/get schema and ~1vendors/get example.
export function vendorJson(vendor: Vendor) {
  return {
    id: vendor.id,
    name: vendor.name,
    rep_first_name: vendor.repFirstName,
    rep_last_name: vendor.repLastName,
    email: vendor.email,
    phone: vendor.phone,
    account_number: vendor.accountNumber,
    created_at: iso(vendor.createdAt),
    updated_at: iso(vendor.updatedAt),
    address: vendor.address,
    city: vendor.city,
    state: vendor.state,
    zip: vendor.zip,
    website: vendor.website,
    notes: vendor.notes,
  };
}

/** Prices are JSON numbers in dollars, as in syncro_swagger.json#/paths/~1products/get (`"price_retail": 0.01`). */
export function productJson(product: Product) {
  return {
    id: product.id,
    price_cost: centsToDollars(product.priceCostCents),
    price_retail: centsToDollars(product.priceRetailCents),
    condition: null,
    description: product.description,
    maintain_stock: product.maintainStock,
    name: product.name,
    quantity: product.quantity,
    warranty: null,
    sort_order: null,
    reorder_at: null,
    disabled: product.disabled,
    taxable: product.taxable,
    product_category: product.productCategory,
    category_path: product.productCategory,
    upc_code: product.upcCode,
    discount_percent: null,
    warranty_template_id: null,
    qb_item_id: null,
    desired_stock_level: null,
    price_wholesale: 0,
    notes: null,
    tax_rate_id: null,
    physical_location: null,
    serialized: false,
    vendor_ids: product.vendorIds,
    product_skus: [],
    long_description: null,
    location_quantities: [],
    photos: [],
  };
}

// Fields and decimal strings: syncro_swagger.json#/paths/~1line_items/get example.
export function lineItemJson(line: LineItem) {
  return {
    id: line.id,
    created_at: iso(line.createdAt),
    updated_at: iso(line.updatedAt),
    invoice_id: line.invoiceId,
    item: line.item,
    name: line.name,
    cost: centsToDecimal(line.costCents),
    price: centsToDecimal(line.priceCents),
    quantity: numberToDecimal(line.quantity),
    product_id: line.productId,
    taxable: line.taxable,
    discount_percent: line.discountPercent ? numberToDecimal(line.discountPercent) : null,
    position: line.position,
    invoice_bundle_id: null,
    discount_dollars: line.discountDollarsCents ? centsToDecimal(line.discountDollarsCents) : null,
  };
}

/**
 * The list shape of syncro_swagger.json#/paths/~1invoices/get's example, which has no `balance_due` (working
 * integrations read one, research/syncro.md §1.9, but the swagger's answers list none): the least convenient
 * reading leaves it out, here as on the detail.
 */
export function invoiceSummaryJson(account: Account, invoice: Invoice) {
  const customer = account.customers.get(invoice.customerId);
  return {
    id: invoice.id,
    customer_id: invoice.customerId,
    customer_business_then_name: customer ? businessThenName(customer) : null,
    number: invoice.number,
    created_at: iso(invoice.createdAt),
    updated_at: iso(invoice.updatedAt),
    date: isoDate(invoice.date),
    due_date: isoDate(invoice.dueDate),
    subtotal: centsToDecimal(invoice.subtotalCents),
    total: centsToDecimal(invoice.totalCents),
    tax: centsToDecimal(invoice.taxCents),
    verified_paid: isVerifiedPaid(invoice),
    tech_marked_paid: invoice.techMarkedPaid,
    ticket_id: invoice.ticketId,
    pdf_url: null,
    is_paid: isPaid(invoice),
    location_id: null,
    po_number: invoice.poNumber,
    contact_id: null,
    note: invoice.note,
    hardwarecost: null,
    user_id: null,
  };
}

/**
 * The detail as syncro_swagger.json#/paths/~1invoices~1{id}/get documents it: `payments` items are `{ id }` and
 * nothing more (a payment's fields come from `GET /payments/{id}`), and there is no `balance_due` — the schema
 * lists none, so the least convenient reading leaves it out.
 */
export function invoiceDetailJson(account: Account, invoice: Invoice) {
  const customer = account.customers.get(invoice.customerId);
  const lastPayment = account.payments.get(invoice.paymentIds.at(-1) ?? -1);
  return {
    ...invoiceSummaryJson(account, invoice),
    date_received: isPaid(invoice) && lastPayment ? iso(lastPayment.appliedAt) : null,
    customer: customer ? customerJson(account, customer) : null,
    line_items: invoice.lineItems.map(lineItemJson),
    payments: invoice.paymentIds.filter((id) => account.payments.get(id)).map((id) => ({ id })),
  };
}

/**
 * syncro_swagger.json#/paths/~1payments~1{id}/get: `payment_amount` is the whole payment in dollars, a JSON
 * number, whichever invoices `invoice_ids` lists; how much of it is on each invoice is not given.
 */
export function paymentJson(account: Account, payment: Payment, withCustomer = true) {
  const customer = account.customers.get(payment.customerId);
  return {
    id: payment.id,
    created_at: iso(payment.createdAt),
    updated_at: iso(payment.updatedAt),
    success: true,
    payment_amount: centsToDollars(payment.amountCents),
    invoice_ids: payment.applications.map((application) => application.invoiceId),
    ref_num: payment.refNum,
    applied_at: isoDate(payment.appliedAt),
    payment_method: payment.paymentMethod,
    transaction_response: null,
    signature_date: null,
    customer_id: payment.customerId,
    ...(withCustomer && customer ? { customer: customerJson(account, customer) } : {}),
  };
}

// syncro_swagger.json#/paths/~1payment_methods/get example.
export function paymentMethodJson(method: PaymentMethod) {
  return {
    id: method.id,
    name: method.name,
    created_at: iso(method.createdAt),
    updated_at: iso(method.updatedAt),
    uses_card_processing: method.usesCardProcessing,
  };
}

/**
 * PO line items carry cents, the PO itself dollars (live test 22, research/syncro.md §1.11); fields from
 * syncro_swagger.json#/paths/~1purchase_orders~1{id}~1create_po_line_item/post example.
 */
export function poLineItemJson(line: PoLineItem) {
  return {
    id: line.id,
    purchase_order_id: line.purchaseOrderId,
    product_id: line.productId,
    quantity: line.quantity,
    cost_cents: line.costCents,
    total_cents: line.costCents * line.quantity,
    created_at: iso(line.createdAt),
    updated_at: iso(line.updatedAt),
    received: line.received,
    position: line.position,
    received_quantity: line.receivedQuantity,
    parent_po_line_item_id: null,
    old_cost_cents: null,
  };
}

// Fields: syncro_swagger.json#/paths/~1purchase_orders~1{id}/get example; `user_id` is a constant of the fake.
export function purchaseOrderJson(account: Account, po: PurchaseOrder) {
  const vendor = account.vendors.get(po.vendorId);
  return {
    id: po.id,
    account_subdomain: account.subdomain,
    created_at: iso(po.createdAt),
    updated_at: iso(po.updatedAt),
    expected_date: po.expectedDate === null ? null : iso(po.expectedDate),
    number: po.number,
    other: centsToDollars(po.otherCents),
    shipping: centsToDollars(po.shippingCents),
    shipping_notes: po.shippingNotes,
    status: po.status,
    total: centsToDollars(poTotalCents(po)),
    user_id: 1,
    vendor_id: po.vendorId,
    location_id: null,
    due_date: isoDateOrNull(po.dueDate),
    paid_date: isoDateOrNull(po.paidDate),
    delivery_tracking: po.deliveryTracking,
    vendor: vendor ? vendorJson(vendor) : null,
    location: null,
    line_items: po.lineItems.map(poLineItemJson),
  };
}
