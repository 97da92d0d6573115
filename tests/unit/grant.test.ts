import { describe, expect, it } from 'vitest';
import {
  describeXeroUser,
  grantWarning,
  refreshTokenLifetimeMs,
  type XeroGrant,
  xeroUserFromClaims,
} from '../../lib/xero/grant.ts';

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

describe('xeroUserFromClaims', () => {
  it('takes `name` when sent, else the first and last names, and the email', () => {
    expect(
      xeroUserFromClaims({ name: 'Jane Q. Doe', given_name: 'Jane', family_name: 'Doe', email: 'j@x.example' }),
    ).toEqual({
      name: 'Jane Q. Doe',
      email: 'j@x.example',
    });
    expect(xeroUserFromClaims({ given_name: ' Jane ', family_name: 'Doe', email: 'j@x.example' })).toEqual({
      name: 'Jane Doe',
      email: 'j@x.example',
    });
    expect(xeroUserFromClaims({ family_name: 'Doe' })).toEqual({ name: 'Doe' });
  });

  it('leaves out claims that are missing, empty or not text', () => {
    expect(xeroUserFromClaims(undefined)).toEqual({});
    expect(xeroUserFromClaims({ name: '', given_name: 42, email: ['a@b.example'] })).toEqual({});
  });
});

describe('describeXeroUser', () => {
  it('names the user and the address, or says what Xero did not send', () => {
    expect(describeXeroUser({ name: 'Jane Doe', email: 'jane@example.com' })).toBe('Jane Doe <jane@example.com>');
    expect(describeXeroUser({ name: 'Jane Doe' })).toBe('Jane Doe (Xero sent no email address)');
    expect(describeXeroUser({ email: 'jane@example.com' })).toBe('jane@example.com (Xero sent no name)');
    expect(describeXeroUser({})).toBe('a Xero user whose name and email Xero did not send');
    expect(describeXeroUser(undefined)).toBe('a Xero user not recorded (connect again to see who)');
  });
});
