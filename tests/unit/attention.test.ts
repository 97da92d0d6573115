// What the toolbar icon says (lib/attention.ts): each state in its colour, its badge and its tooltip at once.
import { describe, expect, it } from 'vitest';
import { toolbarAttention, toolbarIcons } from '../../lib/attention.ts';

describe('toolbarAttention', () => {
  it('shows nothing when nobody is needed', () => {
    expect(toolbarAttention(false, 0)).toEqual({
      level: 'none',
      icon: toolbarIcons.none,
      badgeText: '',
      title: 'Syncro ⇄ Xero',
    });
  });

  it('counts the payments waiting for a person, in amber', () => {
    expect(toolbarAttention(false, 1)).toMatchObject({
      level: 'warning',
      icon: toolbarIcons.warning,
      badgeText: '1',
      title: 'Syncro ⇄ Xero — 1 payment to reconcile',
    });
    expect(toolbarAttention(false, 12)).toMatchObject({
      badgeText: '12',
      title: 'Syncro ⇄ Xero — 12 payments to reconcile',
    });
  });

  it('puts a needed reconnection above waiting payments: red, "!"', () => {
    expect(toolbarAttention(true, 5)).toMatchObject({
      level: 'error',
      icon: toolbarIcons.error,
      badgeText: '!',
      title: 'Syncro ⇄ Xero — reconnect to Xero needed',
    });
  });

  it('has a drawing of its own for each level, at 16 and 32 px', () => {
    const paths = Object.values(toolbarIcons).flatMap((icon) => [icon[16], icon[32]]);
    expect(new Set(paths).size).toBe(6);
    for (const [level, icon] of Object.entries(toolbarIcons)) {
      expect(icon[16], level).toMatch(/^\/icon\/[\w-]*16\.png$/);
      expect(icon[32], level).toMatch(/^\/icon\/[\w-]*32\.png$/);
    }
  });
});
