// What Syncro's REST API returns, limited to the fields the sync reads. Money on invoices is decimal text
// ("64.99", "0.0"); product prices, payment amounts and PO totals are JSON numbers in dollars; PO line items
// are in cents. Fields the API may leave out or null are optional.

/** Decimal text as Rails renders BigDecimal ("1.0", "120.5"); some endpoints send plain numbers. */
export type SyncroDecimal = string | number;

export interface SyncroCustomer {
  id: number;
  business_name?: string | null;
  firstname?: string | null;
  lastname?: string | null;
  fullname?: string | null;
  business_then_name?: string | null;
  email?: string | null;
  phone?: string | null;
  mobile?: string | null;
  address?: string | null;
  address_2?: string | null;
  city?: string | null;
  state?: string | null;
  zip?: string | null;
  disabled?: boolean;
  updated_at?: string;
}

export interface SyncroVendor {
  id: number;
  name?: string | null;
  rep_first_name?: string | null;
  rep_last_name?: string | null;
  email?: string | null;
  phone?: string | null;
  account_number?: string | null;
  address?: string | null;
  city?: string | null;
  state?: string | null;
  zip?: string | null;
  updated_at?: string;
}

export interface SyncroProduct {
  id: number;
  name?: string | null;
  description?: string | null;
  upc_code?: string | null;
  /** Dollars: a JSON number in the API, text in some older payloads. */
  price_retail?: SyncroDecimal | null;
  price_cost?: SyncroDecimal | null;
  taxable?: boolean;
  disabled?: boolean;
  updated_at?: string;
}

export interface SyncroLineItem {
  id: number;
  /** The product's short name, e.g. "Labor". */
  item?: string | null;
  /** The line's description text. */
  name?: string | null;
  quantity?: SyncroDecimal | null;
  price?: SyncroDecimal | null;
  cost?: SyncroDecimal | null;
  taxable?: boolean;
  discount_percent?: SyncroDecimal | null;
  discount_dollars?: SyncroDecimal | null;
  product_id?: number | null;
  position?: number | null;
}

/**
 * A payment as `GET /payments/{id}` gives it (syncro_swagger.json#/paths/~1payments~1{id}/get), the only place
 * its fields come from: the invoice detail lists payments by id alone. Checked on arrival (syncro-payment.ts).
 */
export interface SyncroPayment {
  id: number;
  /** Dollars as a JSON number (`"payment_amount": 100`): the whole payment, over every invoice it is applied to. */
  payment_amount?: SyncroDecimal | null;
  ref_num?: string | null;
  /** The payment's date, a midnight UTC timestamp ("2019-10-26T00:00:00.000Z"). */
  applied_at?: string | null;
  created_at?: string | null;
  payment_method?: string | null;
  /** The invoices it is applied to; `[null]` in the swagger's example of a payment on no invoice. */
  invoice_ids?: Array<number | null>;
  customer_id?: number | null;
}

export interface SyncroInvoice {
  id: number;
  number: string;
  customer_id: number;
  customer_business_then_name?: string | null;
  /** Midnight UTC timestamps for calendar dates ("2019-11-06T00:00:00.000Z"). */
  date?: string | null;
  due_date?: string | null;
  subtotal?: SyncroDecimal | null;
  tax?: SyncroDecimal | null;
  total?: SyncroDecimal | null;
  /** Undocumented (absent from the swagger's invoice schemas): when missing, the balance is computed. */
  balance_due?: SyncroDecimal | null;
  is_paid?: boolean;
  verified_paid?: boolean;
  tech_marked_paid?: boolean;
  po_number?: string | null;
  note?: string | null;
  updated_at?: string;
  /** Only in the detail GET. */
  line_items?: SyncroLineItem[];
  /** Only in the detail GET, and only ids (syncro_swagger.json#/paths/~1invoices~1{id}/get): read each payment. */
  payments?: Array<{ id: number }>;
}

export interface SyncroPoLineItem {
  id: number;
  product_id?: number | null;
  quantity?: SyncroDecimal | null;
  cost_cents?: number | null;
  total_cents?: number | null;
  name?: string | null;
  description?: string | null;
  position?: number | null;
}

export interface SyncroPurchaseOrder {
  id: number;
  number: string;
  vendor_id: number;
  vendor?: SyncroVendor | null;
  /** Free text; "Finished" (any case) means received and billable. */
  status?: string | null;
  created_at?: string | null;
  expected_date?: string | null;
  due_date?: string | null;
  shipping_notes?: string | null;
  /** Dollars. */
  shipping?: SyncroDecimal | null;
  other?: SyncroDecimal | null;
  total?: SyncroDecimal | null;
  line_items?: SyncroPoLineItem[];
  updated_at?: string;
}
