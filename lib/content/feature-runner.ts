// Runs the content features (the Refined GitHub way): the page is classified once per page view, each feature
// starts only where its page rule holds (from document_start: it may follow the page as it is parsed) and is
// stopped when the page changes away, and a throw in one feature is logged under its name while the others go on.
import { classifyPage, type SyncroPage } from '../syncro/pages.ts';
import type { FeatureContext } from './feature-context.ts';
import type { PageWatch } from './page-watch.ts';

/** The pages of one view: `PageOf<'detail'>` is a detail page with its record. */
export type PageOf<View extends SyncroPage['view']> = Extract<SyncroPage, { view: View }>;

/** What a started feature gets: the classified page, and the means to follow it and to be stopped. */
export interface FeatureRun<Page extends SyncroPage = SyncroPage> {
  readonly page: Page;
  /** Aborted when the page changes away, the feature failed to start, or the script is invalidated. */
  readonly signal: AbortSignal;
  /** Calls `listener` once the page is parsed and after every batch of page changes while the page lasts. */
  onChange(listener: () => void): void;
  /** While the document is parsed: calls `listener` after each parser step, to take what arrived (PageWatch.onParsing). */
  onParsing(listener: () => void): void;
  /** `callback` made safe for events and ports: a throw is logged under the feature's name; silent once stopped. */
  guard<Args extends unknown[]>(callback: (...args: Args) => unknown): (...args: Args) => void;
}

export interface Feature {
  readonly name: string;
  applies(page: SyncroPage): boolean;
  start(run: FeatureRun): unknown;
}

/** A feature from its name, its page rule (narrowing the page it gets) and what it does there. */
export function defineFeature<Page extends SyncroPage>(
  name: string,
  rule: (page: SyncroPage) => page is Page,
  start: (run: FeatureRun<Page>) => unknown,
): Feature {
  return {
    name,
    applies: rule,
    start: (run) => (rule(run.page) ? start({ ...run, page: run.page }) : undefined),
  };
}

export function runFeatures(
  ctx: FeatureContext,
  watch: PageWatch,
  features: readonly Feature[],
  currentUrl: () => URL = () => new URL(location.href),
): void {
  let running: Array<ReturnType<typeof launch>> = [];
  const stopAll = () => {
    for (const run of running) run.stop();
    running = [];
  };
  const startAll = () => {
    stopAll();
    const page = classifyPage(currentUrl());
    running = features.filter((feature) => applies(feature, page)).map((feature) => launch(feature, page));
  };

  // At once (the script runs from document_start, the address is known): features see rows as they are parsed.
  startAll();
  watch.onParsing(() => {
    for (const run of running) run.parsing();
  });
  watch.subscribe(({ pageChanged }) => {
    if (pageChanged) startAll();
    for (const run of running) run.changed();
  });
  ctx.onInvalidated(stopAll);
}

function applies(feature: Feature, page: SyncroPage): boolean {
  try {
    return feature.applies(page);
  } catch (error) {
    report(feature.name, error);
    return false;
  }
}

function launch(feature: Feature, page: SyncroPage) {
  const controller = new AbortController();
  const listeners: Array<() => void> = [];
  const parsingListeners: Array<() => void> = [];
  const fail = (error: unknown) => {
    if (controller.signal.aborted) return;
    report(feature.name, error);
  };
  const guard =
    <Args extends unknown[]>(callback: (...args: Args) => unknown) =>
    (...args: Args) => {
      if (controller.signal.aborted) return;
      try {
        const result = callback(...args);
        if (result instanceof Promise) result.catch(fail);
      } catch (error) {
        fail(error);
      }
    };
  const run: FeatureRun = {
    page,
    signal: controller.signal,
    onChange: (listener) => listeners.push(guard(listener)),
    onParsing: (listener) => parsingListeners.push(guard(listener)),
    guard,
  };
  // A feature that cannot start is undone (its stop handlers run) and left off until the next page view.
  const failedToStart = (error: unknown) => {
    fail(error);
    controller.abort();
  };
  try {
    const started = feature.start(run);
    if (started instanceof Promise) started.catch(failedToStart);
  } catch (error) {
    failedToStart(error);
  }
  return {
    changed: () => {
      for (const listener of listeners) listener();
    },
    parsing: () => {
      for (const listener of parsingListeners) listener();
    },
    stop: () => controller.abort(),
  };
}

function report(name: string, error: unknown): void {
  console.warn(`Syncro ⇄ Xero: feature "${name}" failed`, error);
}
