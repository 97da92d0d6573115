// The popup: loads the background's status, polls it while open (cheap, so counts and states stay current),
// and hands each section its slice plus `refresh` to call after any action that changes state.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { PopupStatus } from '../../lib/messages.ts';
import { ask } from '../../lib/popup-client.ts';
import { syncroSubdomainOf } from '../../lib/syncro/subdomain.ts';
import { ContactImport } from './ContactImport.tsx';
import { PaymentPreview } from './PaymentPreview.tsx';
import { ReconcileList } from './ReconcileList.tsx';
import { SyncroConnection } from './SyncroConnection.tsx';
import { SyncSettings } from './SyncSettings.tsx';
import { SyncStatus } from './SyncStatus.tsx';
import { XeroConnection } from './XeroConnection.tsx';

const statusPollMs = 4000;

export function Popup() {
  const [status, setStatus] = useState<PopupStatus>();
  const [statusError, setStatusError] = useState<string>();
  const tabSubdomain = useActiveTabSubdomain();
  const inFlight = useRef<Promise<void>>();
  // The same page opened in a tab (from "All … payments to reconcile") shows long lists whole.
  const fullPage = new URLSearchParams(location.search).get('view') === 'full';

  // One status request at a time: a slow background must not pile up polls.
  const refresh = useCallback(() => {
    inFlight.current ??= ask({ type: 'status' })
      .then(
        (next) => {
          setStatus(next);
          setStatusError(undefined);
        },
        (error: unknown) => setStatusError(error instanceof Error ? error.message : String(error)),
      )
      .finally(() => {
        inFlight.current = undefined;
      });
    return inFlight.current;
  }, []);

  useEffect(() => {
    void refresh();
    const timer = setInterval(() => void refresh(), statusPollMs);
    return () => clearInterval(timer);
  }, [refresh]);

  return (
    <main>
      <h1>Syncro ⇄ Xero</h1>
      {statusError && (
        <p role="alert" class="message message-error">
          Could not load the status. {statusError}
        </p>
      )}
      {!status && !statusError && <p class="busy">Loading…</p>}
      <SyncStatus status={status} onChanged={refresh} />
      <ReconcileList
        entries={status?.reconcile ?? []}
        currency={status?.xero.baseCurrency}
        onChanged={refresh}
        limit={fullPage ? undefined : 5}
      />
      {status?.settings.importPayments && <PaymentPreview currency={status.xero.baseCurrency} />}
      <SyncroConnection syncro={status?.syncro} tabSubdomain={tabSubdomain} onChanged={refresh} />
      <XeroConnection xero={status?.xero} onChanged={refresh} />
      <SyncSettings status={status} onChanged={refresh} />
      {status?.syncro.connected && status.xero.state === 'connected' && <ContactImport onChanged={refresh} />}
    </main>
  );
}

/** The Syncro account of the active tab, if it is a Syncro page (host permission makes its URL visible). */
function useActiveTabSubdomain(): string | undefined {
  const [subdomain, setSubdomain] = useState<string>();
  useEffect(() => {
    browser.tabs
      .query({ active: true, currentWindow: true })
      .then(([tab]) => setSubdomain(syncroSubdomainOf(tab?.url)))
      .catch(() => undefined); // no tab to read: the field simply starts empty
  }, []);
  return subdomain;
}
