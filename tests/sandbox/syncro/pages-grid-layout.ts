// The page chrome of the fake Syncro's second web UI markup, "grid" (an account option, see Account.markup):
// a single-page-app style UI with no tables and no Bootstrap — div grids with ARIA roles, headings that are
// not h1, and an ARIA menu button whose menu is rendered elsewhere in the DOM only while it is open. Its inline
// script behaves like a SPA: it re-renders the page's regions shortly after load, and a click on a record
// link in a list swaps in the detail view without a page load. It exists so lib/syncro/pages.ts is proven
// against two unrelated markups. Undocumented (research/syncro.md Unknown 9: no public script targets these
// pages): we take the least convenient reading — the markup may change entirely and re-render after load.

import { escapeHtml, html, type SandboxResponse } from '../http.ts';
import { NAV, type NavSection } from './pages-layout.ts';

/** A page of the grid UI: two regions inside `<main id="app">`, both replaced by the client re-render. */
export interface GridView {
  title: string;
  section: NavSection;
  /** `data-view` of the main element, e.g. `invoice-list`. */
  view: string;
  /** Already-escaped HTML of the title bar (heading, toolbar). */
  titleRegion: string;
  /** Already-escaped HTML of the content (grids, cards, forms). */
  contentRegion: string;
}

/** Milliseconds after DOMContentLoaded (or after a client-side navigation) at which the regions re-render. */
export const GRID_RERENDER_MS = 200;

const CSS = `
*{box-sizing:border-box}body{margin:0;font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1c2430;background:#eef1f5}
a{color:#2557d6}.gx-appbar{display:flex;align-items:center;gap:20px;padding:0 20px;height:56px;background:#0f1b2d;color:#e6ecf5}
.gx-logo{font-weight:700;letter-spacing:.04em}.gx-appbar nav{display:flex;gap:2px}.gx-appbar nav a{color:#b8c4d6;padding:8px 12px;border-radius:6px;text-decoration:none}
.gx-appbar nav a[aria-current="page"]{background:#22324b;color:#fff}.gx-user{margin-left:auto;color:#b8c4d6}
.gx-main{max-width:1200px;margin:0 auto;padding:20px}.gx-titlebar{display:flex;justify-content:space-between;align-items:center;gap:12px;margin-bottom:16px}
.gx-title-group{display:flex;align-items:center;gap:10px}.gx-title{font-size:22px;font-weight:600;margin:0}
.gx-toolbar{display:flex;gap:8px}.gx-button{display:inline-flex;align-items:center;gap:6px;padding:7px 14px;border:1px solid #c9d2df;border-radius:8px;background:#fff;color:#1c2430;font:inherit;cursor:pointer;text-decoration:none}
.gx-button[aria-expanded="true"]{background:#e3e9f2}.gx-primary{background:#2557d6;border-color:#2557d6;color:#fff}
.gx-search input{width:320px;padding:7px 10px;border:1px solid #c9d2df;border-radius:8px;margin-bottom:12px;font:inherit}
.gx-grid{background:#fff;border-radius:10px;box-shadow:0 1px 3px rgba(15,27,45,.12);margin-bottom:16px;overflow:hidden}
.gx-row{display:grid;gap:12px;padding:10px 16px;border-top:1px solid #edf0f4;align-items:center}.gx-head .gx-row{border-top:0;background:#f6f8fb;font-weight:600;color:#5b6778}
.gx-cols-invoices .gx-row{grid-template-columns:24px 1fr 2.5fr 1fr 1fr 1fr 1fr}.gx-cols-pos .gx-row{grid-template-columns:24px 1fr 2fr 1fr 1fr 1fr}
.gx-cols-lines .gx-row{grid-template-columns:1.2fr 2.5fr .6fr 1fr 1fr .6fr 1fr}.gx-cols-po-lines .gx-row{grid-template-columns:2.5fr .6fr 1fr 1fr 1fr}
.gx-cols-payments .gx-row{grid-template-columns:1fr 1fr 1fr 1.5fr 1fr}.gx-num{text-align:right}
.gx-chip{display:inline-block;padding:2px 10px;border-radius:999px;font-size:12px;font-weight:600;background:#e3e9f2;color:#34425a}
.gx-chip-paid,.gx-chip-finished{background:#dcf5e6;color:#16794a}.gx-chip-unpaid{background:#fde4e4;color:#b42323}.gx-chip-ordered{background:#e0f0fb;color:#1e6a9c}
.gx-cards{display:grid;grid-template-columns:1fr 1fr;gap:16px;margin-bottom:16px}.gx-card{background:#fff;border-radius:10px;padding:14px 16px;box-shadow:0 1px 3px rgba(15,27,45,.12)}
.gx-card-label{font-size:12px;text-transform:uppercase;color:#5b6778;margin-bottom:6px}.gx-card dl{display:grid;grid-template-columns:auto 1fr;gap:2px 12px;margin:0}.gx-card dt{color:#5b6778}.gx-card dd{margin:0}
.gx-totals{display:grid;grid-template-columns:auto 140px;justify-content:end;gap:4px 16px;margin:0 0 16px;font-weight:600}.gx-totals dd{margin:0;text-align:right}
.gx-pages{display:flex;gap:6px}.gx-pages a,.gx-pages span{padding:4px 10px;border-radius:6px;background:#fff}.gx-pages [aria-current="page"]{background:#2557d6;color:#fff}
.gx-menu{position:absolute;z-index:1000;min-width:180px;padding:6px;background:#fff;border-radius:10px;box-shadow:0 8px 24px rgba(15,27,45,.2)}
.gx-menu-item{padding:7px 12px;border-radius:6px;cursor:pointer;white-space:nowrap}.gx-menu-item:hover,.gx-menu-item:focus{background:#eef3ff;outline:none}
`;

// Plain ES5 in a template literal: no backticks or template placeholders inside.
const SCRIPT = `
(function () {
  'use strict';
  var RERENDER_MS = ${GRID_RERENDER_MS};
  var navigation = 0;

  function build(markup) {
    var template = document.createElement('template');
    template.innerHTML = markup.trim();
    return template.content.firstElementChild;
  }

  // Like a SPA hydrating server HTML: the regions' markup is captured now, and RERENDER_MS after start() they
  // are replaced by nodes freshly built from it, so whatever other scripts added to them in between is gone.
  function prepareRerender(app) {
    var pristine = Array.prototype.map.call(app.querySelectorAll('[data-region]'), function (region) {
      return region.outerHTML;
    });
    return function start() {
      setTimeout(function () {
        if (!app.isConnected) return;
        closeMenu();
        app.querySelectorAll('[data-region]').forEach(function (region, index) {
          if (pristine[index] !== undefined) region.replaceWith(build(pristine[index]));
        });
        app.setAttribute('data-rendered', 'client');
      }, RERENDER_MS);
    };
  }

  // Client-side navigation: the view comes from the server as a fragment (just the main element).
  function navigate(target) {
    var ticket = ++navigation;
    closeMenu();
    var url = new URL(target, location.href);
    url.searchParams.set('fragment', '1');
    fetch(url.pathname + url.search, { credentials: 'same-origin' })
      .then(function (response) {
        if (!response.ok) throw new Error('HTTP ' + response.status);
        return response.text();
      })
      .then(function (markup) {
        if (ticket !== navigation) return;
        var next = build(markup);
        var rerender = prepareRerender(next);
        document.getElementById('app').replaceWith(next);
        document.title = next.getAttribute('data-page-title') || document.title;
        window.scrollTo(0, 0);
        rerender();
      })
      .catch(function () {
        if (ticket === navigation) location.assign(target);
      });
  }

  function isRecordLink(link) {
    if (!link.closest('#app [role="row"]')) return false;
    var url = new URL(link.href, location.href);
    return url.origin === location.origin && /^\\/(invoices|purchase_orders)\\/\\d+$/.test(url.pathname);
  }

  // The ARIA menu button: the menu exists only while open, as a child of #gx-overlays, built from the
  // toggle's data-menu-items; aria-controls names it, aria-expanded says whether it is open.
  function openMenuElement() {
    return document.querySelector('#gx-overlays [role="menu"]');
  }

  function closeMenu() {
    var menu = openMenuElement();
    if (menu) menu.remove();
    document.querySelectorAll('[aria-haspopup="menu"][aria-expanded="true"]').forEach(function (toggle) {
      toggle.setAttribute('aria-expanded', 'false');
    });
  }

  function openMenu(toggle) {
    closeMenu();
    var menu = document.createElement('div');
    menu.id = toggle.getAttribute('aria-controls');
    menu.className = 'gx-menu';
    menu.setAttribute('role', 'menu');
    menu.setAttribute('aria-labelledby', toggle.id);
    JSON.parse(toggle.getAttribute('data-menu-items') || '[]').forEach(function (entry) {
      var item = document.createElement('div');
      item.className = 'gx-menu-item';
      item.setAttribute('role', 'menuitem');
      item.setAttribute('tabindex', '-1');
      item.textContent = entry.label;
      if (entry.href) item.setAttribute('data-href', entry.href);
      if (entry.submit) item.setAttribute('data-submit', entry.submit);
      menu.appendChild(item);
    });
    var box = toggle.getBoundingClientRect();
    menu.style.top = box.bottom + window.scrollY + 4 + 'px';
    menu.style.right = document.documentElement.clientWidth - box.right + 'px';
    document.getElementById('gx-overlays').appendChild(menu);
    toggle.setAttribute('aria-expanded', 'true');
    var first = menu.querySelector('[role="menuitem"]');
    if (first) first.focus();
  }

  function activate(item) {
    var href = item.getAttribute('data-href');
    var form = item.getAttribute('data-submit') && document.getElementById(item.getAttribute('data-submit'));
    closeMenu();
    if (form) form.requestSubmit();
    else if (href) location.assign(href);
  }

  document.addEventListener('click', function (event) {
    var target = event.target;
    if (!(target instanceof Element)) return;
    var toggle = target.closest('[aria-haspopup="menu"]');
    if (toggle) {
      if (toggle.getAttribute('aria-expanded') === 'true') closeMenu();
      else openMenu(toggle);
      return;
    }
    var item = target.closest('[role="menu"] [role="menuitem"]');
    if (item) return activate(item);
    if (!target.closest('[role="menu"]')) closeMenu();
    var link = target.closest('a[href]');
    if (!link || !isRecordLink(link) || event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    history.pushState({ view: link.getAttribute('href') }, '', link.getAttribute('href'));
    navigate(link.getAttribute('href'));
  });

  document.addEventListener('keydown', function (event) {
    var menu = openMenuElement();
    if (!menu) return;
    var items = Array.prototype.slice.call(menu.querySelectorAll('[role="menuitem"]'));
    var index = items.indexOf(document.activeElement);
    if (event.key === 'Escape') {
      closeMenu();
      var toggle = document.querySelector('[aria-controls="' + menu.id + '"]');
      if (toggle) toggle.focus();
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      var step = event.key === 'ArrowDown' ? 1 : -1;
      var next = index < 0 ? (step > 0 ? items[0] : items[items.length - 1]) : items[(index + step + items.length) % items.length];
      if (next) next.focus();
    } else if ((event.key === 'Enter' || event.key === ' ') && index >= 0) {
      event.preventDefault();
      items[index].click();
    }
  });

  window.addEventListener('popstate', function () {
    navigate(location.pathname + location.search);
  });

  var rerender = prepareRerender(document.getElementById('app'));
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', rerender);
  else rerender();
})();
`;

/** The `<main>` element of a view: what a full page embeds and what `?fragment=1` returns alone. */
function mainElement(view: GridView): string {
  return `<main id="app" class="gx-main" data-view="${escapeHtml(view.view)}" data-page-title="${escapeHtml(`${view.title} | Syncro`)}" data-rendered="server">
<div class="gx-titlebar" data-region="title">${view.titleRegion}</div>
<div class="gx-content" data-region="content">${view.contentRegion}</div>
</main>`;
}

/** A grid page: the whole document, or with `fragment` only its main element (for client-side navigation). */
export function gridPage(view: GridView, fragment: boolean, status = 200): SandboxResponse {
  if (fragment) return html(status, mainElement(view));
  const nav = NAV.map(
    ([key, label, href]) => `<a href="${href}"${key === view.section ? ' aria-current="page"' : ''}>${label}</a>`,
  ).join('');
  return html(
    status,
    `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(view.title)} | Syncro</title>
<style>${CSS}</style>
</head>
<body>
<header class="gx-appbar"><span class="gx-logo">SYNCRO</span><nav aria-label="Primary">${nav}</nav><div class="gx-user">Demo Tech</div></header>
${mainElement(view)}
<div id="gx-overlays"></div>
<script>${SCRIPT}</script>
</body>
</html>`,
  );
}

/** A menu entry of the Actions menu button: a link, or the id of a form on the page that it submits. */
export type GridMenuItem = { label: string; href: string } | { label: string; submit: string };

/** The "Actions" ARIA menu button; its menu (`#gx-actions-menu`) is built by the page script on open. */
export function gridActionsButton(items: GridMenuItem[]): string {
  return `<button type="button" id="gx-actions-button" class="gx-button" aria-haspopup="menu" aria-expanded="false" aria-controls="gx-actions-menu" data-menu-items="${escapeHtml(JSON.stringify(items))}">Actions<svg aria-hidden="true" width="10" height="10" viewBox="0 0 10 10"><path d="M1 3l4 4 4-4" fill="none" stroke="currentColor" stroke-width="1.5"/></svg></button>`;
}

/** `role="table"` grid: a header row, then the body rows (already-escaped cells). */
export function gridTable(label: string, columnsClass: string, headers: string[], rows: string[]): string {
  const head = headers.map((header) => `<div role="columnheader">${header}</div>`).join('');
  return `<div role="table" aria-label="${escapeHtml(label)}" aria-rowcount="${rows.length + 1}" class="gx-grid ${columnsClass}">
<div role="rowgroup" class="gx-head"><div role="row" class="gx-row">${head}</div></div>
<div role="rowgroup" class="gx-body">${rows.join('\n')}</div>
</div>`;
}

/** One grid row of already-escaped cell contents; `numeric` marks right-aligned cells by index. */
export function gridRow(cells: string[], numeric: number[] = [], attributes = ''): string {
  const body = cells
    .map((cell, index) => `<div role="cell"${numeric.includes(index) ? ' class="gx-num"' : ''}>${cell}</div>`)
    .join('');
  return `<div role="row" class="gx-row"${attributes}>${body}</div>`;
}

/** Pagination links for `basePath?page=N` (full page loads). */
export function gridPagination(basePath: string, page: number, totalPages: number): string {
  if (totalPages <= 1) return '';
  const links: string[] = [];
  for (let n = Math.max(1, page - 4); n <= Math.min(totalPages, page + 4); n++) {
    links.push(n === page ? `<span aria-current="page">${n}</span>` : `<a href="${basePath}?page=${n}">${n}</a>`);
  }
  return `<nav aria-label="Pagination" class="gx-pages">${links.join('')}</nav>`;
}
