// The payment poll's chrome.alarms alarm follows the settings: present with the chosen period while "Attempt
// to Import Payments from Xero" is checked, absent otherwise. Checked on every worker start and settings save.
import type { Settings } from '../settings.ts';

export const paymentPollAlarm = 'payment-poll';

interface Alarms {
  get(name: string): Promise<{ periodInMinutes?: number } | undefined>;
  create(name: string, info: { periodInMinutes: number; delayInMinutes?: number }): Promise<void> | void;
  clear(name: string): Promise<boolean>;
}

export async function followPaymentSettings(alarms: Alarms, settings: Settings): Promise<void> {
  const existing = await alarms.get(paymentPollAlarm);
  if (!settings.importPayments) {
    if (existing) await alarms.clear(paymentPollAlarm);
    return;
  }
  const periodInMinutes = settings.pollIntervalHours * 60;
  // Re-created only when missing or changed: re-creating would push the next poll out on every start.
  if (existing?.periodInMinutes !== periodInMinutes) {
    await alarms.create(paymentPollAlarm, { periodInMinutes, delayInMinutes: periodInMinutes });
  }
}
