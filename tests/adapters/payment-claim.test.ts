// Two installs importing the same Xero payment at the same moment: the claim written to the invoice's history
// in Xero lets exactly one of them create it in Syncro, whatever the timing.
import { expect, it } from 'vitest';
import { claimPayments } from '../../lib/payments/claim.ts';
import { connectedInstall, useSandbox } from './harness.ts';

const { admin } = useSandbox();

it('lets exactly one of two installs claim each payment; a later claimant loses to both', {
  timeout: 60_000,
}, async () => {
  await connectedInstall();
  const invoice = await admin().admin<{ InvoiceID: string }>('POST', '/xero/invoices', {
    Type: 'ACCREC',
    Contact: { Name: 'Claim Test Customer' },
    Status: 'AUTHORISED',
    LineItems: [{ Description: 'Work', Quantity: 1, UnitAmount: 50, AccountCode: '200' }],
  });
  const claims = new Map([[invoice.InvoiceID, ['payment-a', 'payment-b']]]);
  const [first, second] = await Promise.all([claimPayments(claims, 'install-2'), claimPayments(claims, 'install-1')]);
  for (const payment of ['payment-a', 'payment-b']) {
    expect(Number(first.has(payment)) + Number(second.has(payment))).toBe(1);
  }
  expect((await claimPayments(claims, 'install-0')).size).toBe(0);
  expect(await admin().violations()).toEqual([]);
});
