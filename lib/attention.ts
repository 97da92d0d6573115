// What the toolbar icon says: whether the user is needed, in three places at once — the icon's colour (blue,
// amber, red: public/icon/, drawn in icons/), the badge text and the tooltip, so that no state rests on colour alone.

export type AttentionLevel = 'none' | 'warning' | 'error';

export interface ToolbarAttention {
  level: AttentionLevel;
  /** `action.setIcon` paths, by size in px: the 16 and 32 px drawings of this level. */
  icon: Record<16 | 32, string>;
  badgeText: string;
  /** Only when there is a badge. */
  badgeColour?: string;
  title: string;
}

const iconPaths = (prefix: string): Record<16 | 32, string> => ({
  16: `/icon/${prefix}16.png`,
  32: `/icon/${prefix}32.png`,
});

/** The toolbar icon's drawings, by level (the `none` ones are also the manifest's `icons`). */
export const toolbarIcons: Record<AttentionLevel, Record<16 | 32, string>> = {
  none: iconPaths(''),
  warning: iconPaths('warning-'),
  error: iconPaths('error-'),
};

/**
 * Xero must be connected again (the sync is stopped: red "!"), else the Xero payments waiting in the
 * reconciliation list (amber count), else nothing.
 */
export function toolbarAttention(reconnectNeeded: boolean, paymentsWaiting: number): ToolbarAttention {
  if (reconnectNeeded) {
    return {
      level: 'error',
      icon: toolbarIcons.error,
      badgeText: '!',
      badgeColour: '#c82333',
      title: 'Syncro ⇄ Xero — reconnect to Xero needed',
    };
  }
  if (paymentsWaiting > 0) {
    return {
      level: 'warning',
      icon: toolbarIcons.warning,
      badgeText: String(paymentsWaiting),
      badgeColour: '#8a5a00',
      title: `Syncro ⇄ Xero — ${paymentsWaiting} payment${paymentsWaiting === 1 ? '' : 's'} to reconcile`,
    };
  }
  return { level: 'none', icon: toolbarIcons.none, badgeText: '', title: 'Syncro ⇄ Xero' };
}
