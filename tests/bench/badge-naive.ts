// P1's baseline: the naive design — one runtime message per row — run in the content script's isolated world
// (reached over CDP) on a Syncro page where no feature applies, over a copy of the list table: a badge (shadow
// root, label) after each row's number, its status asked with the content verb `statuses` for that row alone, all
// rows at once, each badge rendered as its answer comes. The rows are all in the page when it starts, so a row's
// latency is from the start of the scan to its badge rendered.

export interface NaiveRun {
  /** 95th percentile over rows of scan start → the row's badge rendered. */
  p95: number;
  /** Scan start → every badge rendered. */
  all: number;
}

/** The expression to evaluate in the content script's world; it resolves to a NaiveRun. */
export const naiveHarness = `(async () => {
  const rows = [...document.querySelectorAll('tr[data-invoice-id]')];
  const ask = (list) => chrome.runtime.sendMessage({ type: 'statuses', records: list }).then((answer) => {
    if (!answer || !answer.statuses) throw new Error('no statuses: ' + JSON.stringify(answer));
    return answer.statuses;
  });
  const started = performance.now();
  const badges = new Map();
  const placed = [];
  for (const row of rows) {
    const anchor = row.querySelector('a[href^="/invoices/"]');
    const id = Number(row.dataset.invoiceId);
    const host = document.createElement('bench-naive-badge');
    const shadow = host.attachShadow({ mode: 'open' });
    const style = document.createElement('style');
    style.textContent = ':host { display: inline-flex; margin-left: 6px } .label { color: #fff; padding: 1px 6px }';
    const label = document.createElement('span');
    label.className = 'label';
    shadow.append(style, label);
    anchor.after(host);
    badges.set('invoice:' + id, { host, label });
    placed.push({ kind: 'invoice', id, number: anchor.textContent.trim() });
  }
  const latencies = [];
  const render = (statuses) => {
    const now = performance.now();
    for (const [key, status] of Object.entries(statuses)) {
      const badge = badges.get(key);
      if (!badge) continue;
      badge.host.dataset.xeroSync = status.state;
      badge.label.textContent = status.state;
      latencies.push(now - started);
    }
  };
  await Promise.all(placed.map((record) => ask([record]).then(render)));
  const all = performance.now() - started;
  const missing = [...badges.values()].filter((badge) => !badge.host.dataset.xeroSync).length;
  for (const { host } of badges.values()) host.remove();
  if (missing > 0) throw new Error(missing + ' badges without a status');
  latencies.sort((a, b) => a - b);
  return { p95: latencies[Math.ceil(0.95 * latencies.length) - 1], all };
})()`;
