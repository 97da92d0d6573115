import { parseContentRequest } from '../lib/messages.ts';
import { statusesWithoutConnection } from '../lib/status.ts';

// Wiring only: listeners are registered synchronously at start, as MV3 requires; logic lives in lib/.
export default defineBackground(() => {
  browser.runtime.onMessage.addListener((message, sender) => {
    const request = parseContentRequest(message, sender, browser.runtime.id);
    if (!request) return undefined; // malformed or foreign: no answer, no action
    switch (request.type) {
      case 'statuses':
        return Promise.resolve({ statuses: statusesWithoutConnection(request.records) });
    }
  });
});
