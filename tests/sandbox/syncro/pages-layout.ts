// The page chrome of the fake Syncro web UI: Rails + Bootstrap 3 style markup with the navbar class names
// userscripts rely on (research/syncro.md §2.3: the "Syncro - Custom Top Navigation Colors" userscript of
// texomans/Syncro-TamperMonkey), inline CSS (no external resources) and a tiny Bootstrap-like dropdown.

import { escapeHtml, html, type SandboxResponse } from '../http.ts';

const CSS = `
*{box-sizing:border-box}body{margin:0;font:14px/1.43 "Helvetica Neue",Helvetica,Arial,sans-serif;color:#333;background:#f4f6f8}
a{color:#337ab7;text-decoration:none}a:hover{text-decoration:underline}
.syncro-top-nav-container{background:#1f2d3d}.main-navbar{display:flex;align-items:center;gap:4px;padding:0 16px;height:50px}
.main-navbar .brand{color:#fff;font-weight:bold;margin-right:24px}.main-navbar a.nav-item{color:#cfd8e3;padding:15px 10px}
.main-navbar a.nav-item.active{color:#fff;background:#2c3e50}.main-navbar-right{margin-left:auto;color:#cfd8e3}
.container-fluid{padding:16px 24px}#section_header{display:flex;justify-content:space-between;align-items:center;margin-bottom:16px}
h1{font-size:24px;margin:0 12px 0 0;display:inline-block}.panel{background:#fff;border:1px solid #ddd;border-radius:4px;margin-bottom:16px}
.panel-heading{padding:10px 15px;border-bottom:1px solid #ddd;background:#f5f5f5;font-weight:bold}.panel-body{padding:15px}
.table{width:100%;border-collapse:collapse;background:#fff}.table th,.table td{padding:8px;border-top:1px solid #ddd;text-align:left}
.table-striped tbody tr:nth-of-type(odd){background:#f9f9f9}.text-right{text-align:right!important}
.btn{display:inline-block;padding:6px 12px;border:1px solid transparent;border-radius:4px;cursor:pointer;font-size:14px;background:#fff}
.btn-sm{padding:5px 10px;font-size:12px}.btn-default{border-color:#ccc;color:#333}.btn-primary{background:#337ab7;color:#fff}
.btn-teal{background:#1abc9c;color:#fff}.btn-success{background:#5cb85c;color:#fff}.btn-warning{background:#f0ad4e;color:#fff}
.btn-danger{background:#d9534f;color:#fff}.btn-group{position:relative;display:inline-block}.page-actions{display:flex;gap:6px;align-items:center}
.dropdown-menu{display:none;position:absolute;text-align:left;top:100%;z-index:1000;min-width:160px;padding:5px 0;margin:2px 0 0;list-style:none;background:#fff;border:1px solid rgba(0,0,0,.15);border-radius:4px;box-shadow:0 6px 12px rgba(0,0,0,.175)}
.dropdown-menu-right{right:0}.open>.dropdown-menu{display:block}.dropdown-menu>li>a{display:block;padding:3px 20px;color:#333;white-space:nowrap}
.dropdown-menu>li>a:hover{background:#f5f5f5}.caret{display:inline-block;width:0;height:0;margin-left:2px;border-top:4px solid;border-right:4px solid transparent;border-left:4px solid transparent;vertical-align:middle}
.label{display:inline-block;padding:.2em .6em;font-size:75%;font-weight:bold;color:#fff;border-radius:.25em;vertical-align:middle}
.label-success{background:#5cb85c}.label-danger{background:#d9534f}.label-default{background:#777}.label-info{background:#5bc0de}
.pagination{display:flex;list-style:none;padding:0}.pagination li a,.pagination li span{padding:6px 12px;border:1px solid #ddd;margin-left:-1px;background:#fff}
.pagination .active span{background:#337ab7;color:#fff}.form-group{margin-bottom:12px}.form-group label{display:block;font-weight:bold;margin-bottom:4px}
.form-control{width:100%;max-width:420px;padding:6px 12px;border:1px solid #ccc;border-radius:4px;font-size:14px}
.alert{padding:12px;border-radius:4px;margin-bottom:16px}.alert-danger{background:#f2dede;color:#a94442}
.filter-buttons{display:flex;gap:6px;margin:8px 0}.totals td{font-weight:bold}
`;

// Bootstrap 3's dropdown behaviour: a click on [data-toggle=dropdown] toggles `open` on its parent, clicks elsewhere close.
const DROPDOWN_SCRIPT = `
document.addEventListener('click', function (event) {
  var toggle = event.target.closest && event.target.closest('[data-toggle="dropdown"]');
  document.querySelectorAll('.btn-group.open, .dropdown.open').forEach(function (group) {
    if (!toggle || group !== toggle.parentNode) {
      group.classList.remove('open');
      var button = group.querySelector('[data-toggle="dropdown"]');
      if (button) button.setAttribute('aria-expanded', 'false');
    }
  });
  if (!toggle) return;
  event.preventDefault();
  var open = toggle.parentNode.classList.toggle('open');
  toggle.setAttribute('aria-expanded', open ? 'true' : 'false');
});
`;

export type NavSection = 'customers' | 'tickets' | 'invoices' | 'payments' | 'inventory' | 'purchase_orders';

export const NAV: [NavSection, string, string][] = [
  ['customers', 'Customers', '/customers'],
  ['tickets', 'Tickets', '/tickets'],
  ['invoices', 'Invoices', '/invoices'],
  ['payments', 'Payments', '/payments'],
  ['inventory', 'Inventory', '/products'],
  ['purchase_orders', 'Purchase Orders', '/purchase_orders'],
];

export function page(title: string, section: NavSection, body: string, status = 200): SandboxResponse {
  const nav = NAV.map(
    ([key, label, href]) => `<a class="nav-item${key === section ? ' active' : ''}" href="${href}">${label}</a>`,
  ).join('');
  return html(
    status,
    `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} | Syncro</title>
<style>${CSS}</style>
</head>
<body>
<div class="syncro-top-nav-container"><div class="main-navbar-container"><nav class="main-navbar">
<span class="brand">Syncro</span>${nav}
<div class="main-navbar-right" id="user-menu-partial">Demo Tech</div>
</nav></div></div>
<div class="container-fluid">
${body}
</div>
<script>${DROPDOWN_SCRIPT}</script>
</body>
</html>`,
  );
}

/** The page header row: title on the left, actions on the right. `titleHtml` must already be escaped. */
export function header(titleHtml: string, actionsHtml = ''): string {
  return `<div id="section_header" class="row"><div class="col-sm-8">${titleHtml}</div><div class="col-sm-4 text-right page-actions">${actionsHtml}</div></div>`;
}

/**
 * A Bootstrap 3 "Actions" dropdown (btn-group / dropdown-toggle / dropdown-menu-right, as in
 * texomans/Syncro-TamperMonkey "Add RustDesk Remote Access Button.js"); items are [label, href] (already-safe hrefs).
 */
export function actionsDropdown(items: [label: string, href: string][]): string {
  const entries = items
    .map(([label, href]) => `<li><a href="${escapeHtml(href)}">${escapeHtml(label)}</a></li>`)
    .join('');
  return `<div class="btn-group"><button type="button" class="btn btn-default dropdown-toggle" data-toggle="dropdown" aria-haspopup="true" aria-expanded="false">Actions <span class="caret"></span></button><ul class="dropdown-menu dropdown-menu-right">${entries}</ul></div>`;
}

/** Bootstrap pagination links for `basePath?page=N`. */
export function pagination(basePath: string, page: number, totalPages: number): string {
  if (totalPages <= 1) return '';
  const link = (target: number, label: string) => `<li><a href="${basePath}?page=${target}">${label}</a></li>`;
  const items: string[] = [];
  if (page > 1) items.push(link(page - 1, '&laquo; Previous'));
  const first = Math.max(1, page - 4);
  const last = Math.min(totalPages, page + 4);
  for (let n = first; n <= last; n++) {
    items.push(n === page ? `<li class="active"><span>${n}</span></li>` : link(n, String(n)));
  }
  if (page < totalPages) items.push(link(page + 1, 'Next &raquo;'));
  return `<ul class="pagination">${items.join('')}</ul>`;
}

export function notFoundPage(): SandboxResponse {
  return page('Not Found', 'invoices', header('<h1>The page you were looking for doesn&#39;t exist.</h1>'), 404);
}

/** Current page number from `?page=`, 1 when missing or junk. */
export function pageNumber(query: URLSearchParams): number {
  const page = Number.parseInt(query.get('page') ?? '1', 10);
  return Number.isFinite(page) && page > 0 ? page : 1;
}
