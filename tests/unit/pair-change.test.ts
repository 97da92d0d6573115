// When changing one side of the connections leaves a pair (and the popup must ask first), and what it says.
import { describe, expect, it } from 'vitest';
import type { Pair } from '../../lib/storage/pair.ts';
import { pairChange, pairChangeQuestion } from '../../lib/storage/pair-change.ts';

const demo = { tenantId: 't-demo', organisationName: 'Demo Company (NZ)' };
const other = { tenantId: 't-other', organisationName: 'Other Ltd' };
const acmeWithDemo: Pair = { subdomain: 'acme', ...demo };

describe('pairChange', () => {
  it('asks nothing before the first pair: there is none to leave', () => {
    expect(pairChange({}, undefined, { subdomain: 'acme' })).toBeUndefined();
    expect(pairChange({ syncro: { subdomain: 'acme' } }, undefined, { subdomain: 'beta' })).toBeUndefined();
    expect(pairChange({ syncro: { subdomain: 'acme' }, grant: {} }, undefined, other)).toBeUndefined();
  });

  it('asks nothing when the side stays the same (a new token, the same organisation)', () => {
    const now = { syncro: { subdomain: 'acme' }, grant: demo };
    expect(pairChange(now, acmeWithDemo, { subdomain: 'acme' })).toBeUndefined();
    expect(pairChange(now, acmeWithDemo, demo)).toBeUndefined();
  });

  it('names the pair left and the one reached, for either side', () => {
    const now = { syncro: { subdomain: 'acme' }, grant: demo };
    expect(pairChange(now, acmeWithDemo, { subdomain: 'beta' })).toEqual({
      from: acmeWithDemo,
      to: { subdomain: 'beta', ...demo },
    });
    expect(pairChange(now, acmeWithDemo, other)).toEqual({ from: acmeWithDemo, to: { subdomain: 'acme', ...other } });
    // The current pair counts even before it was remembered as the last one.
    expect(pairChange(now, undefined, { subdomain: 'beta' })?.from).toEqual(acmeWithDemo);
  });

  it('takes a side that is disconnected for now from the last pair', () => {
    expect(pairChange({ grant: demo }, acmeWithDemo, { subdomain: 'beta' })).toEqual({
      from: acmeWithDemo,
      to: { subdomain: 'beta', ...demo },
    });
    // Connected again without an organisation chosen: choosing another one leaves acme's pair with Demo.
    const connectedAgain = { syncro: { subdomain: 'acme' }, grant: {} };
    expect(pairChange(connectedAgain, acmeWithDemo, other)?.from).toEqual(acmeWithDemo);
    expect(pairChange(connectedAgain, acmeWithDemo, demo)).toBeUndefined();
  });

  it('does not carry the old organisation name over to another organisation', () => {
    const now = { syncro: { subdomain: 'acme' }, grant: demo };
    expect(pairChange(now, acmeWithDemo, { tenantId: 't-unnamed' })?.to).toEqual({
      subdomain: 'acme',
      tenantId: 't-unnamed',
    });
  });
});

describe('pairChangeQuestion', () => {
  it('names both pairs and says the old one stays intact', () => {
    expect(pairChangeQuestion({ from: acmeWithDemo, to: { subdomain: 'beta', ...demo } })).toBe(
      'Switch from acme.syncromsp.com with Demo Company (NZ) to beta.syncromsp.com with Demo Company (NZ)? Each pair keeps its own links, queue and history; switching back to acme.syncromsp.com with Demo Company (NZ) finds them intact.',
    );
  });
});
