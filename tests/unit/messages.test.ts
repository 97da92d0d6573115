import fc from 'fast-check';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { badgePortMessage, isConnectedContentScript, parseMessage, type Sender } from '../../lib/messages.ts';

const parseContentRequest = (message: unknown, sender: Sender, id: string) => {
  const parsed = parseMessage(message, sender, id, connected);
  return parsed.from === 'content' ? parsed.request : null;
};

const extensionId = 'abcdefghijklmnopabcdefghijklmnop';
/** The Syncro account connected in the popup. */
const connected = 'https://acme.syncromsp.com';
const contentScript: Sender = { id: extensionId, url: 'https://acme.syncromsp.com/invoices', tab: { id: 1 } };
const valid = { type: 'statuses', records: [{ kind: 'invoice', id: 12 }] };

describe('parseContentRequest', () => {
  it('accepts a well-formed request from our content script on a Syncro page', () => {
    expect(parseContentRequest(valid, contentScript, extensionId)).toEqual(valid);
  });

  it.each([
    ['another extension', { ...contentScript, id: 'zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz' }],
    ['a page outside Syncro', { ...contentScript, url: 'https://evil.example/syncromsp.com/' }],
    ['a look-alike host', { ...contentScript, url: 'https://acme.syncromsp.com.evil.example/' }],
    ['no tab (not a content script)', { id: extensionId, url: 'https://acme.syncromsp.com/' }],
    ['another Syncro account', { ...contentScript, url: 'https://attacker.syncromsp.com/invoices' }],
    ['a frame of another origin', { ...contentScript, origin: 'https://attacker.syncromsp.com' }],
    ['http instead of https', { ...contentScript, url: 'http://acme.syncromsp.com/invoices' }],
  ])('rejects a message from %s', (_what, sender) => {
    expect(parseContentRequest(valid, sender, extensionId)).toBeNull();
  });

  it.each([
    ['an unknown verb', { type: 'getToken' }],
    ['a wrong kind', { type: 'statuses', records: [{ kind: 'customer', id: 1 }] }],
    ['a non-integer id', { type: 'statuses', records: [{ kind: 'invoice', id: 1.5 }] }],
    ['a string id', { type: 'statuses', records: [{ kind: 'invoice', id: '1' }] }],
    ['no records', { type: 'statuses' }],
    ['markup in a printed number', { type: 'statuses', records: [{ kind: 'invoice', id: 1, number: '<img src=x>' }] }],
    ['an empty re-sync', { type: 'resync', records: [] }],
    [
      'a re-sync of 501 records',
      { type: 'resync', records: Array.from({ length: 501 }, (_, i) => ({ kind: 'invoice', id: i + 1 })) },
    ],
    ['a popup verb', { type: 'sync.now' }],
  ])('rejects %s', (_what, message) => {
    expect(parseContentRequest(message, contentScript, extensionId)).toBeNull();
  });

  it('never throws and rejects arbitrary values', () => {
    fc.assert(
      fc.property(fc.anything(), (message) => {
        const parsed = parseContentRequest(message, contentScript, extensionId);
        expect(parsed === null || (parsed as { type: string }).type === 'statuses').toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('parseMessage', () => {
  const popupPage: Sender = { id: extensionId, url: `chrome-extension://${extensionId}/popup.html` };

  it('lets extension pages use the popup verbs, never content scripts', () => {
    expect(parseMessage({ type: 'status' }, popupPage, extensionId, connected).from).toBe('extension');
    for (const type of ['status', 'choices', 'xero.disconnect', 'sync.now']) {
      expect(parseMessage({ type }, contentScript, extensionId, connected).from).toBe('rejected');
    }
  });

  it('takes "Disconnect Syncro" from the popup only, with nothing else in it', () => {
    expect(parseMessage({ type: 'syncro.disconnect' }, popupPage, extensionId, connected)).toEqual({
      from: 'extension',
      request: { type: 'syncro.disconnect' },
    });
    expect(parseMessage({ type: 'syncro.disconnect' }, contentScript, extensionId, connected).from).toBe('rejected');
  });

  it('takes the confirmation of another customer\'s invoice on "Apply to invoice…" as a boolean only', () => {
    const apply = { type: 'reconcile.apply', paymentId: 'p-1', invoiceId: 48208 };
    expect(parseMessage({ ...apply, confirmOtherCustomer: true }, popupPage, extensionId, connected)).toEqual({
      from: 'extension',
      request: { ...apply, confirmOtherCustomer: true },
    });
    expect(parseMessage(apply, popupPage, extensionId, connected)).toEqual({ from: 'extension', request: apply });
    for (const confirmOtherCustomer of ['yes', 1, null]) {
      expect(parseMessage({ ...apply, confirmOtherCustomer }, popupPage, extensionId, connected).from).toBe('rejected');
    }
  });

  it('rejects pages of another extension', () => {
    const other = { id: extensionId, url: 'chrome-extension://zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz/popup.html' };
    expect(parseMessage({ type: 'status' }, other, extensionId, connected).from).toBe('rejected');
  });

  it('refuses settings with unknown fields or wrong types, with a reason', () => {
    const parsed = parseMessage(
      { type: 'settings.save', settings: { importPayments: 'yes' } },
      popupPage,
      extensionId,
      connected,
    );
    expect(parsed).toMatchObject({ from: 'rejected', reason: expect.stringMatching(/^malformed/) });
  });

  it('classifies 1,000 arbitrary messages from any sender without throwing', () => {
    const senders = fc.constantFrom<Sender>(popupPage, contentScript, {}, { id: 'x', url: 'https://evil.example/' });
    fc.assert(
      fc.property(fc.anything(), senders, (message, sender) => {
        const parsed = parseMessage(message, sender, extensionId, connected);
        expect(['extension', 'content', 'rejected']).toContain(parsed.from);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('the content verbs beyond statuses', () => {
  it('accepts a re-sync and a page record with its printed number', () => {
    const resync = { type: 'resync', records: [{ kind: 'purchase_order', id: 903 }] };
    expect(parseContentRequest(resync, contentScript, extensionId)).toEqual(resync);
    const statuses = { type: 'statuses', records: [{ kind: 'invoice', id: 48201, number: '1001' }] };
    expect(parseContentRequest(statuses, contentScript, extensionId)).toEqual(statuses);
  });
});

describe('the badge port', () => {
  it('takes watch messages only, from our content script on the connected Syncro account only', () => {
    const watch = { type: 'watch', records: [{ kind: 'invoice', id: 1, number: 'INV-1' }], reset: false };
    expect(v.safeParse(badgePortMessage, watch).success).toBe(true);
    for (const bad of [
      { ...watch, type: 'resync' },
      { ...watch, reset: 'yes' },
      { type: 'watch', records: [{ kind: 'x', id: 1 }], reset: true },
    ]) {
      expect(v.safeParse(badgePortMessage, bad).success).toBe(false);
    }
    const isOurs = (sender: Sender, origin: string | undefined = connected) =>
      isConnectedContentScript(sender, extensionId, origin);
    const withNoConnection = (sender: Sender) => isConnectedContentScript(sender, extensionId, undefined);
    expect(isOurs(contentScript)).toBe(true);
    expect(isOurs({ ...contentScript, origin: connected })).toBe(true);
    expect(isOurs({ ...contentScript, tab: undefined })).toBe(false);
    expect(isOurs({ ...contentScript, id: 'other' })).toBe(false);
    expect(isOurs({ ...contentScript, url: 'https://syncromsp.com.evil.example/' })).toBe(false);
    expect(isOurs({ ...contentScript, url: 'https://other.syncromsp.com/invoices' })).toBe(false);
    expect(withNoConnection(contentScript)).toBe(false); // Syncro not connected: no page is ours
  });
});
