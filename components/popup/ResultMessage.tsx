// The outcome of an action as text: errors as an alert (announced at once), successes as a status.
import type { ActionResult } from '../../lib/messages.ts';

interface ResultMessageProps {
  result: ActionResult | undefined;
  /** Shown on success when the background gave no message of its own; without it, success shows nothing. */
  success?: string;
  /** Keep the (empty) live region in the DOM so the first message is announced too; errors then show in it. */
  persistent?: boolean;
}

export function ResultMessage({ result, success, persistent = false }: ResultMessageProps) {
  const failed = result !== undefined && !result.ok;
  const text = result === undefined ? '' : result.ok ? (result.message ?? success ?? '') : result.error;
  if (persistent) {
    return (
      <p role="status" class={`message ${failed ? 'message-error' : 'message-ok'}`}>
        {text}
      </p>
    );
  }
  if (!text) return null;
  return (
    <p role={failed ? 'alert' : 'status'} class={`message ${failed ? 'message-error' : 'message-ok'}`}>
      {text}
    </p>
  );
}
