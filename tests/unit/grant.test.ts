import { describe, expect, it } from 'vitest';
import { grantWarning, refreshTokenLifetimeMs, type XeroGrant } from '../../lib/xero/grant.ts';

const day = 86_400_000;
const now = Date.parse('2026-11-25T12:00:00Z');
const grant: XeroGrant = {
  clientId: 'c',
  accessToken: 'a',
  accessExpiresAt: now + 1_800_000,
  refreshToken: 'r',
  refreshExpiresAt: now + refreshTokenLifetimeMs,
  scope: '',
  organisations: [],
  state: 'connected',
};

describe('grantWarning', () => {
  it('is quiet while the refresh token has more than a week left', () => {
    expect(grantWarning(grant, now)).toBeUndefined();
    expect(grantWarning({ ...grant, refreshExpiresAt: now + 7 * day + 1 }, now)).toBeUndefined();
  });

  it('warns in the last week, counting the days', () => {
    expect(grantWarning({ ...grant, refreshExpiresAt: now + 6.5 * day }, now)).toMatch(/lapses in 6 days/);
    expect(grantWarning({ ...grant, refreshExpiresAt: now + 1.2 * day }, now)).toMatch(/lapses in 1 day unless/);
    expect(grantWarning({ ...grant, refreshExpiresAt: now - day }, now)).toMatch(/lapses in 0 days/);
  });

  it('says why reconnecting is needed', () => {
    expect(grantWarning({ ...grant, state: 'reconnect-needed', reconnectReason: 'Revoked.' }, now)).toBe('Revoked.');
  });
});
