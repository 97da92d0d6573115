// A JSON-serialisable copy of an account for tests: raw records (cents) plus the API's decimal strings.

import { centsToDecimal } from './money.ts';
import { type Account, balanceDueCents, isPaid, poTotalCents } from './store.ts';

export function snapshotAccount(account: Account) {
  const copy = <T>(rows: T[]): T[] => structuredClone(rows);
  return {
    taxRateBasisPoints: account.taxRateBasisPoints,
    customers: copy(account.customers.rows),
    vendors: copy(account.vendors.rows),
    products: copy(account.products.rows),
    invoices: account.invoices.rows.map((invoice) => ({
      ...structuredClone(invoice),
      balanceDueCents: balanceDueCents(invoice),
      isPaid: isPaid(invoice),
      subtotal: centsToDecimal(invoice.subtotalCents),
      tax: centsToDecimal(invoice.taxCents),
      total: centsToDecimal(invoice.totalCents),
      balance_due: centsToDecimal(balanceDueCents(invoice)),
    })),
    payments: copy(account.payments.rows),
    purchaseOrders: account.purchaseOrders.rows.map((po) => ({ ...structuredClone(po), totalCents: poTotalCents(po) })),
    paymentMethods: copy(account.paymentMethods.rows),
  };
}
