// The popup: loads the background's status, polls it while open (cheap, so counts and states stay current),
// and hands each section its slice plus `refresh` to call after any action that changes state. It fits Chrome's
// 800 × 600: the sections sit under tabs, Status first (both connections and the sync at a glance).
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { PopupStatus } from '../../lib/messages.ts';
import { ask } from '../../lib/popup-client.ts';
import { syncroSubdomainOf } from '../../lib/syncro/subdomain.ts';
import { ActivityLog } from './ActivityLog.tsx';
import { ContactImport } from './ContactImport.tsx';
import { DriftList } from './DriftList.tsx';
import { PaymentPreview } from './PaymentPreview.tsx';
import { ReconcileList } from './ReconcileList.tsx';
import { SyncroConnection } from './SyncroConnection.tsx';
import { SyncSettings } from './SyncSettings.tsx';
import { SyncStatus } from './SyncStatus.tsx';
import { TabList, TabPanel, type TabSpec } from './Tabs.tsx';
import { XeroConnection } from './XeroConnection.tsx';

const statusPollMs = 4000;

const tabIds = ['status', 'settings', 'reconcile', 'activity'] as const;
type TabId = (typeof tabIds)[number];

/** A link may open a tab by name (`popup.html?view=full#reconcile`); the popup itself opens on Status. */
const linkedTab = (): TabId => tabIds.find((id) => location.hash === `#${id}`) ?? 'status';

export function Popup() {
  const [status, setStatus] = useState<PopupStatus>();
  const [statusError, setStatusError] = useState<string>();
  const [tab, setTab] = useState<TabId>(linkedTab);
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

  const currency = status?.xero.baseCurrency;
  const tabs: TabSpec<TabId>[] = [
    { id: 'status', label: 'Status' },
    { id: 'settings', label: 'Settings' },
    { id: 'reconcile', label: 'Reconcile', count: (status?.reconcile.length ?? 0) + (status?.drifted ?? 0) },
    { id: 'activity', label: 'Activity' },
  ];

  return (
    <main>
      <header class="top">
        <h1>Syncro ⇄ Xero</h1>
        <TabList label="Sections" tabs={tabs} selected={tab} onSelect={setTab} />
      </header>
      {statusError && (
        <p role="alert" class="message message-error">
          Could not load the status. {statusError}
        </p>
      )}
      {!status && !statusError && <p class="busy">Loading…</p>}
      <TabPanel id="status" selected={tab}>
        <div class="status-grid">
          <div>
            <SyncroConnection syncro={status?.syncro} tabSubdomain={tabSubdomain} onChanged={refresh} />
            <XeroConnection xero={status?.xero} onChanged={refresh} />
          </div>
          <SyncStatus status={status} onChanged={refresh} />
        </div>
      </TabPanel>
      <TabPanel id="settings" selected={tab}>
        <SyncSettings status={status} onChanged={refresh} />
        {status?.syncro.connected && status.xero.state === 'connected' && <ContactImport onChanged={refresh} />}
      </TabPanel>
      <TabPanel id="reconcile" selected={tab}>
        <ReconcileList
          entries={status?.reconcile ?? []}
          currency={currency}
          onChanged={refresh}
          limit={fullPage ? undefined : 5}
        />
        {status?.settings.importPayments && <PaymentPreview currency={currency} />}
        <DriftList shown={tab === 'reconcile'} />
      </TabPanel>
      <TabPanel id="activity" selected={tab}>
        <ActivityLog shown={tab === 'activity'} currency={currency} />
      </TabPanel>
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
