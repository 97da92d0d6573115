import { describe, expect, it } from 'vitest';
import { syncroSubdomainOf } from '../../lib/syncro/subdomain.ts';

describe('syncroSubdomainOf', () => {
  it('reads the account from a Syncro page', () => {
    expect(syncroSubdomainOf('https://acme.syncromsp.com/anything')).toBe('acme');
    expect(syncroSubdomainOf('https://acme.syncromsp.com/')).toBe('acme');
    expect(syncroSubdomainOf('https://acme.syncromsp.com')).toBe('acme');
    expect(syncroSubdomainOf('https://my-shop2.syncromsp.com/invoices/12?x=1#y')).toBe('my-shop2');
  });

  it('lower-cases the host as the browser does', () => {
    expect(syncroSubdomainOf('https://ACME.SyncroMSP.com/invoices')).toBe('acme');
  });

  it.each([
    ['nothing', undefined],
    ['an empty string', ''],
    ['an invalid URL', 'not a url'],
    ['plain http', 'http://acme.syncromsp.com/'],
    ['another host', 'https://example.com/'],
    ['the bare Syncro domain', 'https://syncromsp.com/'],
    ['www-less look-alike suffix', 'https://acme.syncromsp.com.evil.example/'],
    ['a look-alike domain', 'https://acme.evilsyncromsp.com/'],
    ['a hyphenated look-alike', 'https://acme-syncromsp.com/'],
    ['nested subdomains', 'https://a.b.syncromsp.com/'],
    ['credentials in the URL', 'https://user:pass@acme.syncromsp.com/'],
    ['an explicit port', 'https://acme.syncromsp.com:8443/'],
    ['a trailing-dot host', 'https://acme.syncromsp.com./'],
    ['a label starting with a hyphen', 'https://-acme.syncromsp.com/'],
    ['a Syncro URL inside another URL', 'https://evil.example/?next=https://acme.syncromsp.com/'],
    ['an extension page', 'chrome-extension://abcdefghijklmnopabcdefghijklmnop/popup.html'],
  ])('ignores %s', (_what, url) => {
    expect(syncroSubdomainOf(url)).toBeUndefined();
  });
});
