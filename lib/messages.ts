// The typed message protocol between content scripts / extension pages and the background. Every message
// is validated by schema and by sender before anything acts on it; content scripts only ever get results,
// and only through the narrow verbs below.
import * as v from 'valibot';
import { type ActivityList, activityListRequest } from './activity.ts';
import type { EncodedSnapshot } from './badge-snapshot.ts';
import { type DriftResponses, driftRequests } from './drift.ts';
import type { PreviewEntry } from './payments/preview.ts';
import type { PopupStatus } from './popup-status.ts';
import { recordKinds } from './records.ts';
import type { SettingsChoices, SettingsErrors } from './settings.ts';
import type { ContactImportCandidate } from './sync/import-contacts.ts';
import type { RecordStatus } from './sync-state.ts';

// Types the domain modules own, re-exported for the popup and the content script.
export type { ActivityFilter, ActivityList, ActivityRow } from './activity.ts';
export type { DriftEntry } from './drift.ts';
export type { PreviewEntry } from './payments/preview.ts';
export type { PopupStatus, ReconcileEntry } from './popup-status.ts';
export type { XeroConnectionState } from './status.ts';
export type { ContactImportCandidate } from './sync/import-contacts.ts';
export type { JobProblem } from './sync/job-outcomes.ts';
export type { Organisation } from './xero/grant.ts';

const recordRef = v.object({ kind: v.picklist(recordKinds), id: v.pipe(v.number(), v.integer(), v.minValue(1)) });
/**
 * A record as a page shows it: with the number the page prints ("1001", "PO-1003"), a hint used only to find
 * records another install pushed — never to decide what gets written.
 */
const pageRecord = v.object({
  ...recordRef.entries,
  number: v.optional(v.pipe(v.string(), v.regex(/^[\w][\w .#/-]{0,49}$/))),
});
const pageRecords = v.pipe(v.array(pageRecord), v.maxLength(5000));

export const contentRequest = v.variant('type', [
  v.object({ type: v.literal('statuses'), records: pageRecords }),
  /** A detail page was opened: the record is checked against Xero now. */
  v.object({ type: v.literal('viewed'), record: recordRef }),
  /** "Re-Sync to Xero" on one record, or the bulk action on a list. */
  v.object({ type: v.literal('resync'), records: v.pipe(v.array(recordRef), v.minLength(1), v.maxLength(500)) }),
]);

export type ContentRequest = v.InferOutput<typeof contentRequest>;
export type PageRecord = v.InferOutput<typeof pageRecord>;

export interface ContentResponses {
  statuses: { statuses: Record<string, RecordStatus> };
  viewed: { queued: boolean };
  resync: { queued: number; reason?: string };
}

/** The long-lived port over which a Syncro page's badges follow their records' state. */
export const badgePortName = 'syncro-xero:badges';

/** A page view with badges: a list of a kind, or one record's detail page (`id`). */
const pageView = v.object({ kind: v.picklist(recordKinds), id: v.optional(recordRef.entries.id) });
export type PageView = v.InferOutput<typeof pageView>;

/**
 * Page → background on the badge port. `open`: a new page view (instead of the previous one), sent as the page
 * starts loading: a snapshot comes back at once. `watch`: follow these records, named once the page is parsed
 * (`reset`: instead of the previous ones).
 */
export const badgePortMessage = v.variant('type', [
  v.object({ type: v.literal('open'), ...pageView.entries }),
  v.object({ type: v.literal('watch'), records: pageRecords, reset: v.boolean() }),
]);
export type BadgePortMessage = v.InferOutput<typeof badgePortMessage>;

/**
 * Background → page. `snapshot`: the statuses of the page view's kind (lib/badge-snapshot.ts), on `open` and
 * after a change of setting or connection. `statuses`: followed records whose status differs from what the page
 * was told, then every later change.
 */
export type BadgePortUpdate =
  | { type: 'statuses'; statuses: Record<string, RecordStatus> }
  | { type: 'snapshot'; snapshot: EncodedSnapshot };

const text = (max: number) => v.pipe(v.string(), v.maxLength(max));

const settingsSchema = v.strictObject({
  disablePaymentSync: v.boolean(),
  importPayments: v.boolean(),
  disablePurchaseOrderSync: v.boolean(),
  salesAccountCode: text(10),
  purchasesAccountCode: text(10),
  paymentAccountId: text(36),
  paymentAccountCode: v.optional(text(10)),
  taxableTaxType: text(50),
  nonTaxableTaxType: text(50),
  purchaseTaxType: text(50),
  invoiceStatus: v.picklist(['AUTHORISED', 'DRAFT']),
  importPaymentMethod: text(100),
  pollIntervalHours: v.number(),
  syncFromDate: text(10),
});

export const popupRequest = v.variant('type', [
  v.object({ type: v.literal('status') }),
  v.object({
    type: v.literal('syncro.save'),
    subdomain: text(100),
    token: text(500),
    /** The person confirmed leaving the current pair for this subdomain's (ConfirmPairChange). */
    confirmPairChange: v.optional(v.boolean()),
  }),
  /** "Disconnect Syncro": forget the token (queued work stays). */
  v.object({ type: v.literal('syncro.disconnect') }),
  v.object({ type: v.literal('xero.connect'), clientId: text(100) }),
  v.object({
    type: v.literal('xero.chooseOrganisation'),
    tenantId: text(100),
    /** The person confirmed leaving the current pair for this organisation's (ConfirmPairChange). */
    confirmPairChange: v.optional(v.boolean()),
  }),
  v.object({ type: v.literal('xero.disconnect') }),
  v.object({ type: v.literal('choices') }),
  v.object({ type: v.literal('settings.save'), settings: settingsSchema }),
  v.object({ type: v.literal('sync.now') }),
  v.object({ type: v.literal('products.syncAll') }),
  v.object({ type: v.literal('payments.pollNow') }),
  /** Dry run of the import over the last `days` days: what would be applied, listed or skipped, and why. */
  v.object({
    type: v.literal('payments.preview'),
    days: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(365)),
  }),
  /** "Apply to invoice…" on a reconciliation entry: the person chose the Syncro invoice. */
  v.object({
    type: v.literal('reconcile.apply'),
    paymentId: text(100),
    invoiceId: v.pipe(v.number(), v.integer(), v.minValue(1)),
    /** The person confirmed the invoice although it belongs to another customer than the payment's. */
    confirmOtherCustomer: v.optional(v.boolean()),
  }),
  /** "Dismiss": already entered by hand. */
  v.object({ type: v.literal('reconcile.dismiss'), paymentId: text(100) }),
  /** "Import Xero contacts": what would be created or linked in Syncro, then the chosen ones. */
  v.object({ type: v.literal('contacts.preview') }),
  v.object({
    type: v.literal('contacts.import'),
    contactIds: v.pipe(v.array(text(100)), v.minLength(1), v.maxLength(2000)),
  }),
  /** The Activity tab: the audit log, filtered (lib/activity.ts). */
  activityListRequest,
  ...driftRequests,
]);

export type PopupRequest = v.InferOutput<typeof popupRequest>;

/** The outcome of an action; `error` is for the user, `errors` are per settings field. */
export type ActionResult = { ok: true; message?: string } | { ok: false; error: string; errors?: SettingsErrors };

export interface PopupResponses extends DriftResponses {
  status: PopupStatus;
  'syncro.save': ActionResult | ConfirmPairChange;
  'syncro.disconnect': ActionResult;
  'xero.connect': ActionResult;
  'xero.chooseOrganisation': ActionResult | ConfirmPairChange;
  'xero.disconnect': ActionResult;
  choices: { ok: true; choices: SettingsChoices } | { ok: false; error: string };
  'settings.save': ActionResult;
  'sync.now': ActionResult;
  'products.syncAll': ActionResult;
  'payments.pollNow': ActionResult;
  'payments.preview': { ok: true; entries: PreviewEntry[] } | { ok: false; error: string };
  'reconcile.apply': ActionResult | ConfirmOtherCustomer;
  'reconcile.dismiss': ActionResult;
  'contacts.preview': { ok: true; candidates: ContactImportCandidate[] } | { ok: false; error: string };
  'contacts.import': ActionResult;
  'activity.list': ActivityList;
}

/** "Apply to invoice…" on another customer's invoice: nothing was written; `error` asks, naming both customers. */
export interface ConfirmOtherCustomer {
  ok: false;
  error: string;
  confirm: { paymentCustomer: string; invoiceCustomer: string };
}

/**
 * Another Syncro subdomain or Xero organisation would leave the current pair (lib/storage/pair.ts): nothing was saved;
 * `error` asks, naming both pairs ("acme.syncromsp.com with Demo Company (NZ)").
 */
export interface ConfirmPairChange {
  ok: false;
  error: string;
  confirm: { from: string; to: string };
}

/** Who sent a message, as the browser reports it (runtime.MessageSender, reduced to what is checked). */
export interface Sender {
  id?: string;
  url?: string;
  /** The sending frame's origin (Chrome 80+); the URL's origin where a browser leaves it out. */
  origin?: string;
  tab?: unknown;
}

export type Parsed =
  | { from: 'content'; request: ContentRequest }
  | { from: 'extension'; request: PopupRequest }
  | { from: 'rejected'; reason: string };

/**
 * Classifies and validates a message. Extension pages (popup) may use the popup verbs; our content script on
 * the connected Syncro account (`connectedOrigin`, e.g. `https://acme.syncromsp.com`) only the content verbs;
 * anything else — another extension, a web page, another Syncro account, a malformed body — is rejected.
 */
export function parseMessage(
  message: unknown,
  sender: Sender,
  extensionId: string,
  connectedOrigin: string | undefined,
): Parsed {
  if (sender.id !== extensionId) return { from: 'rejected', reason: 'foreign sender' };
  const url = sender.url ?? '';
  if (url.startsWith(`chrome-extension://${extensionId}/`)) {
    const result = v.safeParse(popupRequest, message);
    return result.success
      ? { from: 'extension', request: result.output }
      : { from: 'rejected', reason: `malformed: ${result.issues[0]?.message ?? 'invalid message'}` };
  }
  if (isConnectedContentScript(sender, extensionId, connectedOrigin)) {
    const result = v.safeParse(contentRequest, message);
    return result.success
      ? { from: 'content', request: result.output }
      : { from: 'rejected', reason: `not allowed from a content script: ${result.issues[0]?.message ?? ''}` };
  }
  return { from: 'rejected', reason: 'sender is neither an extension page nor the connected Syncro account' };
}

/**
 * Our own content script, in a tab, on a page of exactly the connected Syncro account: the only context that
 * may use the content verbs. Any other subdomain (a trial account, another MSP's Syncro) gets nothing.
 */
export function isConnectedContentScript(
  sender: Sender,
  extensionId: string,
  connectedOrigin: string | undefined,
): boolean {
  if (!connectedOrigin || sender.id !== extensionId || !sender.tab) return false;
  return originOf(sender.url) === connectedOrigin && (sender.origin === undefined || sender.origin === connectedOrigin);
}

/** `https://<subdomain>.syncromsp.com`, the only origin whose pages the extension serves. */
export function syncroOrigin(subdomain: string): string {
  return `https://${subdomain}.syncromsp.com`;
}

function originOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}
