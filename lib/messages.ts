// The typed message protocol between content scripts / extension pages and the background. Every message
// is validated by schema and by sender before anything acts on it; content scripts only ever get results.
import * as v from 'valibot';
import { recordKinds } from './records.ts';
import type { RecordStatus } from './sync-state.ts';

const recordRef = v.object({ kind: v.picklist(recordKinds), id: v.pipe(v.number(), v.integer(), v.minValue(1)) });

export const contentRequest = v.variant('type', [
  v.object({ type: v.literal('statuses'), records: v.pipe(v.array(recordRef), v.maxLength(5000)) }),
]);

export type ContentRequest = v.InferOutput<typeof contentRequest>;

export interface ContentResponses {
  statuses: { statuses: Record<string, RecordStatus> };
}

/** Who sent a message, as the browser reports it (runtime.MessageSender, reduced to what is checked). */
export interface Sender {
  id?: string;
  url?: string;
  tab?: unknown;
}

const syncroPage = /^https:\/\/[a-z0-9-]+\.syncromsp\.com\//;

/**
 * A content-script request, or null when the message is malformed or not from this extension's content
 * script on a Syncro page (a foreign extension, a web page, or a tab elsewhere).
 */
export function parseContentRequest(message: unknown, sender: Sender, extensionId: string): ContentRequest | null {
  if (sender.id !== extensionId || !sender.tab || !sender.url || !syncroPage.test(sender.url)) return null;
  const result = v.safeParse(contentRequest, message);
  return result.success ? result.output : null;
}
