// The push a document type gets from its registry parts alone (a purchase order today; Syncro estimates → Xero
// quotes would be one more entry): each record read from Syncro and decided by its rules, its contact and items
// brought up to date, mapped, left alone when unchanged since the last push, looked up in Xero (this install's id,
// else the natural key), written 50 to a call, followed up (a finished PO's bill), and linked.

import { NeedsUserError } from '../errors.ts';
import { fingerprint } from '../fingerprint.ts';
import type { Settings } from '../settings.ts';
import { audit } from '../storage/audit.ts';
import type { Link } from '../storage/db.ts';
import { getLinks, linkKey, putLink } from '../storage/links.ts';
import type { SyncroProduct } from '../syncro/wire.ts';
import { lookUpThenWrite, type RecordResult } from '../xero/batch.ts';
import { type ContactSource, ensureContacts } from './contacts.ts';
import type { SyncContext } from './context.ts';
import { ensureItems } from './items.ts';
import { learnFrom, type Written } from './learned.ts';
import { isCurrentInXero, type RecordDecision } from './rules.ts';

export type Outcome = { ok: true } | { ok: false; error: unknown };

/** What a document's mapper is given besides the record: its contact, and its lines' items. */
export interface LineContext {
  contactId: string;
  /** The organisation's base currency (Syncro's amounts are in it), for amounts in messages; '' when unknown. */
  currency: string;
  itemCodeOf(productId: number): string | undefined;
  productOf(productId: number): SyncroProduct | undefined;
  settings: Settings;
}

/** A Syncro document: numbered, dated by its edits, with lines that may name products. */
export interface SyncroDocument {
  id: number;
  number: string;
  updated_at: string;
  line_items: ReadonlyArray<{ product_id?: number | null }>;
}

/** One record on its way to Xero. */
export interface Ready<R, P> {
  record: R;
  lines: LineContext;
  payload: P;
  /** The Xero id this install stored when it last pushed the record. */
  xeroId?: string;
}

/** A record written or found in Xero: `existed` when Xero had it before this push (found, not created). */
export interface Done<R, P, X> {
  ready: Ready<R, P>;
  xero: X;
  existed: boolean;
}

export interface DocumentPush<R extends SyncroDocument, P, X> {
  kind: Link['kind'];
  /** Shown in messages: "purchase order". */
  label: string;
  read(ctx: SyncContext, id: number): Promise<R>;
  decide(record: R, settings: Settings, facts: { inXero: boolean }): RecordDecision;
  contact(ctx: SyncContext, record: R): Promise<ContactSource>;
  map(record: R, lines: LineContext): P;
  /** Beyond the payload, what Xero's copy depends on (a PO: whether it is finished, which adds its bill). */
  alsoPrinted?(record: R): unknown;
  /**
   * Xero's copies of these records, by Syncro id: by the stored id first, else by the natural key; `bulk`: from
   * what the run learnt of the whole collection (ctx.learned), as a backfill's full batches do.
   */
  find(ready: Array<Ready<R, P>>, ctx: SyncContext, bulk: boolean): Promise<Map<number, X>>;
  /** When Xero last saved its copy: one saved since Syncro's last edit, not linked yet, is taken as it is. */
  xeroUpdatedAt(xero: X): string | undefined;
  /** Whether a copy found is left as it is (a billed PO: Xero refuses edits to it). */
  isFinal?(found: X): boolean;
  /** Creates or updates (`found`: the copy to update), in batches; one result per record, in order. */
  write(writes: Array<{ ready: Ready<R, P>; found?: X }>): Promise<Array<RecordResult<X>>>;
  xeroIdOf(xero: X): string;
  xeroUrl(xeroId: string): string;
  /** After the writes, the follow-up of each record written or found; returns the error of each that failed. */
  followUp?(done: Array<Done<R, P, X>>, ctx: SyncContext, now: number): Promise<Map<number, Error>>;
  /** A record as written, for what the run learnt of the organisation (ctx.learned). */
  learnt(xero: X): Written;
}

export async function pushDocuments<R extends SyncroDocument, P, X>(
  ctx: SyncContext,
  type: DocumentPush<R, P, X>,
  ids: number[],
  now: number,
): Promise<Map<number, Outcome>> {
  const outcomes = new Map<number, Outcome>();
  const fail = (id: number, error: unknown) => outcomes.set(id, { ok: false, error });
  const links = await getLinks(ids.map((id) => linkKey(type.kind, id)));
  const linkOf = (id: number) => links.get(linkKey(type.kind, id));

  const eligible: Array<{ record: R; source: ContactSource }> = [];
  for (const id of ids) {
    try {
      const record = await type.read(ctx, id);
      const decision = type.decide(record, ctx.settings, { inXero: Boolean(linkOf(id)?.xeroId) });
      if (decision.action === 'sync') {
        eligible.push({ record, source: await type.contact(ctx, record) });
        continue;
      }
      const state = decision.action === 'skip' ? ('skipped' as const) : ('off' as const);
      const base = { ...linkOf(id), kind: type.kind, syncroId: id, syncroUpdatedAt: record.updated_at };
      await putLink({ ...base, state, reason: decision.reason }, now);
      outcomes.set(id, { ok: true });
    } catch (error) {
      fail(id, error);
    }
  }

  const contacts = await ensureContacts(
    eligible.map(({ source }) => source),
    now,
    ctx.learned,
  );
  const productsOf = ({ line_items }: R) =>
    line_items.flatMap((line) => {
      const product = line.product_id ? ctx.products.get(line.product_id) : undefined;
      const code = line.product_id ? ctx.codes.get(line.product_id) : undefined;
      return product && code ? [{ product, code }] : [];
    });
  const itemFailures = await ensureItems(
    eligible.flatMap(({ record }) => productsOf(record)),
    ctx.settings,
    now,
  );

  const ready: Array<Ready<R, P> & { print: string }> = [];
  for (const { record, source } of eligible) {
    const contactId = contacts.get(linkKey(source.kind, source.syncroId));
    const itemFailure = productsOf(record)
      .map(({ product }) => itemFailures.get(product.id))
      .find(Boolean);
    if (typeof contactId !== 'string' || itemFailure) {
      fail(
        record.id,
        itemFailure ?? contactId ?? new NeedsUserError(`No Xero contact for ${type.label} ${record.number}`),
      );
      continue;
    }
    try {
      const lines: LineContext = {
        contactId,
        currency: ctx.baseCurrency,
        itemCodeOf: (productId) => ctx.codes.get(productId),
        productOf: (productId) => ctx.products.get(productId),
        settings: ctx.settings,
      };
      const payload = type.map(record, lines);
      const print = fingerprint({ payload, also: type.alsoPrinted?.(record) });
      const link = linkOf(record.id);
      if (link?.state === 'synced' && link.fingerprint === print) {
        // Saved in Syncro without a change that reaches Xero: the stamp is kept so the change tick passes it by.
        await putLink({ ...link, syncroUpdatedAt: record.updated_at }, now);
        outcomes.set(record.id, { ok: true });
      } else ready.push({ record, lines, payload, print, xeroId: link?.xeroId });
    } catch (error) {
      fail(record.id, error);
    }
  }
  if (ready.length === 0) return outcomes;

  type Entry = (typeof ready)[number];
  const done = new Map<number, Done<R, P, X> & { ready: Entry }>();
  // Looked up again, should Xero's answer to the write be lost: it may have been saved.
  const { writes, written } = await lookUpThenWrite(async () => {
    done.clear();
    const found = await type.find(ready, ctx, ids.length >= learnFrom);
    const writes: Array<{ ready: Entry; found?: X }> = [];
    for (const entry of ready) {
      const copy = found.get(entry.record.id);
      const current = copy && !entry.xeroId && isCurrentInXero(type.xeroUpdatedAt(copy), entry.record.updated_at);
      if (copy && (current || type.isFinal?.(copy))) {
        done.set(entry.record.id, { ready: entry, xero: copy, existed: true });
      } else writes.push({ ready: entry, found: copy });
    }
    return { writes, written: writes.length > 0 ? await type.write(writes) : [] };
  });
  for (const [i, { ready: entry }] of writes.entries()) {
    const result = written[i];
    const { id, number } = entry.record;
    if (!result?.ok) {
      fail(id, new NeedsUserError(result?.message ?? `Xero refused the ${type.label}`));
      continue;
    }
    done.set(id, { ready: entry, xero: result.record, existed: writes[i]?.found !== undefined });
    ctx.learned.remember(type.learnt(result.record));
    await audit(linkKey(type.kind, id), 'info', `Pushed ${type.label} ${number} to Xero`, now);
  }

  const followUpFailures = type.followUp ? await type.followUp([...done.values()], ctx, now) : new Map<number, Error>();
  for (const [id, { ready: entry, xero }] of done) {
    const failure = followUpFailures.get(id);
    if (failure) {
      fail(id, failure); // not linked as synced: the next push writes again and retries the follow-up
      continue;
    }
    const xeroId = type.xeroIdOf(xero);
    await putLink(
      {
        kind: type.kind,
        syncroId: id,
        xeroId,
        state: 'synced',
        fingerprint: entry.print,
        syncroUpdatedAt: entry.record.updated_at,
        xeroUrl: type.xeroUrl(xeroId),
      },
      now,
    );
    outcomes.set(id, { ok: true });
  }
  return outcomes;
}
