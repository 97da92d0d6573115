// R5: the manifest asks for the least it needs, and no message from anywhere but our own pages and our
// content script on the connected Syncro account is acted on — 1,000 generated malformed or foreign messages
// all rejected.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { contentRequest, parseMessage, popupRequest, type Sender } from '../../lib/messages.ts';
import config from '../../wxt.config.ts';

/** The Syncro account connected in the popup. */
const connected = 'https://acme.syncromsp.com';

const extensionId = 'abcdefghijklmnopabcdefghijklmnop';
const root = path.resolve(import.meta.dirname, '../..');

describe('R5: least privilege', () => {
  it('asks only for alarms, identity and scripting, and the three hosts it talks to; nothing is exposed to pages', () => {
    const manifest = (config as { manifest: Record<string, unknown> }).manifest;
    expect(manifest.permissions).toEqual(['alarms', 'identity', 'scripting']);
    expect(manifest.host_permissions).toEqual([
      'https://*.syncromsp.com/*',
      'https://identity.xero.com/*',
      'https://api.xero.com/*',
    ]);
    for (const key of [
      'optional_permissions',
      'externally_connectable',
      'web_accessible_resources',
      'content_security_policy',
    ]) {
      expect(manifest[key], key).toBeUndefined();
    }
  });

  it('the README justifies exactly those permissions', () => {
    const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
    const table = readme.slice(readme.indexOf('## Permissions'), readme.indexOf('## Architecture'));
    const listed = [...table.matchAll(/^\| `([^`]+)`/gm)].map((match) => match[1]);
    expect(listed).toEqual([
      'alarms',
      'identity',
      'scripting',
      'https://*.syncromsp.com/*',
      'https://identity.xero.com/*',
      'https://api.xero.com/*',
    ]);
  });
});

const senders: Array<[string, Sender, 'content' | 'extension' | 'none']> = [
  [
    'our content script on a Syncro page',
    { id: extensionId, url: 'https://acme.syncromsp.com/invoices', tab: { id: 1 } },
    'content',
  ],
  ['our popup', { id: extensionId, url: `chrome-extension://${extensionId}/popup.html` }, 'extension'],
  [
    'another extension',
    { id: 'zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz', url: 'https://acme.syncromsp.com/', tab: { id: 1 } },
    'none',
  ],
  [
    'another extension page',
    { id: 'zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz', url: `chrome-extension://${extensionId}/popup.html` },
    'none',
  ],
  [
    'our script on a look-alike host',
    { id: extensionId, url: 'https://acme.syncromsp.com.evil.example/', tab: { id: 1 } },
    'none',
  ],
  [
    'our script on any other site',
    { id: extensionId, url: 'https://evil.example/acme.syncromsp.com/', tab: { id: 1 } },
    'none',
  ],
  ['a Syncro URL without a tab', { id: extensionId, url: 'https://acme.syncromsp.com/' }, 'none'],
  [
    'our script on another Syncro account',
    { id: extensionId, url: 'https://attacker.syncromsp.com/invoices', tab: { id: 2 } },
    'none',
  ],
  ['no sender details', {}, 'none'],
];

const verbs = [
  'status',
  'statuses',
  'viewed',
  'resync',
  'sync.now',
  'settings.save',
  'xero.connect',
  'xero.disconnect',
  'syncro.save',
  'getToken',
  'secrets',
  'reconcile.apply',
  'contacts.import',
  'activity.list',
];
const messageArb = fc.oneof(
  fc.anything(),
  fc.record({ type: fc.constantFrom(...verbs) }, { requiredKeys: [] }),
  fc.record({
    type: fc.constantFrom(...verbs),
    records: fc.oneof(
      fc.anything(),
      fc.array(fc.record({ kind: fc.string(), id: fc.oneof(fc.integer(), fc.string()) })),
    ),
    record: fc.anything(),
    settings: fc.anything(),
    token: fc.anything(),
  }),
);

describe('R5: every message is checked, by schema and by sender', () => {
  it('acts on 1,000 generated messages only when both the sender and the message are ours and well-formed', () => {
    let rejected = 0;
    fc.assert(
      fc.property(fc.constantFrom(...senders), messageArb, ([, sender, role], message) => {
        const parsed = parseMessage(message, sender, extensionId, connected);
        if (parsed.from === 'rejected') {
          rejected++;
          const validForRole =
            role === 'content'
              ? v.safeParse(contentRequest, message).success
              : role === 'extension'
                ? v.safeParse(popupRequest, message).success
                : false;
          expect(validForRole).toBe(false);
          return;
        }
        expect(parsed.from).toBe(role); // never a popup verb from a page, never anything from a stranger
      }),
      { numRuns: 1_000 },
    );
    expect(rejected).toBeGreaterThan(900); // generated junk is overwhelmingly refused: the check has teeth
  });

  it('refuses every popup verb from the content script, and every content verb from strangers', () => {
    const content = senders[0]?.[1] as Sender;
    for (const type of [
      'status',
      'sync.now',
      'xero.disconnect',
      'settings.save',
      'choices',
      'contacts.import',
      'activity.list',
    ]) {
      expect(parseMessage({ type }, content, extensionId, connected).from).toBe('rejected');
    }
    for (const [, sender, role] of senders.filter(([, , role]) => role === 'none')) {
      expect(
        parseMessage({ type: 'statuses', records: [{ kind: 'invoice', id: 1 }] }, sender, extensionId, connected).from,
        role,
      ).toBe('rejected');
    }
  });
});
