// The popup's side of the popup ⇄ background protocol (lib/messages.ts). A background that is missing, asleep
// mid-update or answering nothing must never crash the popup: actions come back as a readable error result,
// and `status` throws so the popup can show why it has nothing to show.

import { browser } from 'wxt/browser';
import { errorText } from './errors.ts';
import type { PopupRequest, PopupResponses } from './messages.ts';

type PopupVerb = PopupRequest['type'];

const noAnswer = 'The extension background did not answer';

export async function ask<T extends PopupVerb>(
  request: Extract<PopupRequest, { type: T }>,
): Promise<PopupResponses[T]> {
  let reply: unknown;
  try {
    reply = await browser.runtime.sendMessage(request);
  } catch (error) {
    return failure(request.type, `${noAnswer}: ${errorText(error)}`);
  }
  if (!isAnswer(request.type, reply)) return failure(request.type, `${noAnswer}: no reply to "${request.type}".`);
  return reply as PopupResponses[T];
}

/** Just enough shape checking that the UI can read the reply without crashing. */
function isAnswer(verb: PopupVerb, reply: unknown): boolean {
  if (typeof reply !== 'object' || reply === null) return false;
  return verb === 'status' ? 'syncro' in reply && 'xero' in reply : 'ok' in reply;
}

function failure<T extends PopupVerb>(verb: T, error: string): PopupResponses[T] {
  if (verb === 'status') throw new Error(error);
  // Every verb but `status` answers with an `{ ok: false, error }` variant.
  return { ok: false, error } as unknown as PopupResponses[T];
}
