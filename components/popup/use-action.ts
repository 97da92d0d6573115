// Runs one popup action at a time per control group: tracks "in flight" (to disable the button, not hide it),
// keeps the last result for display, and refreshes the status afterwards since actions change state.
import { useState } from 'preact/hooks';
import type { ActionResult } from '../../lib/messages.ts';

export interface Action<R> {
  pending: boolean;
  result: R | undefined;
  run(work: () => Promise<R>): Promise<R>;
  clear(): void;
}

export function useAction<R = ActionResult>(afterwards: () => Promise<void>): Action<R> {
  const [pending, setPending] = useState(false);
  const [result, setResult] = useState<R>();
  return {
    pending,
    result,
    async run(work) {
      setPending(true);
      setResult(undefined);
      try {
        const outcome = await work();
        await afterwards();
        setResult(outcome);
        return outcome;
      } finally {
        setPending(false);
      }
    },
    clear: () => setResult(undefined),
  };
}
