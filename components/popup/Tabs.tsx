// Tabs as the WAI-ARIA Authoring Practices describe them (https://www.w3.org/WAI/ARIA/apg/patterns/tabs/): a
// tablist of tabs, each controlling its tabpanel; one tab in the Tab sequence (roving tabindex); Left/Right move
// and select (wrapping), Home/End go to the ends. Panels stay mounted while hidden, so a half-filled form keeps
// what was typed when the person looks at another tab. Every panel starts with a control, so Tab reaches it
// without the panel itself taking focus.
import type { ComponentChildren } from 'preact';
import { useRef } from 'preact/hooks';

export interface TabSpec<Id extends string> {
  id: Id;
  label: string;
  /** Shown beside the label (e.g. how many payments wait), and read with it. */
  count?: number;
}

interface TabListProps<Id extends string> {
  label: string;
  tabs: readonly TabSpec<Id>[];
  selected: Id;
  onSelect: (id: Id) => void;
}

export const tabId = (id: string) => `tab-${id}`;
export const panelId = (id: string) => `panel-${id}`;

export function TabList<Id extends string>({ label, tabs, selected, onSelect }: TabListProps<Id>) {
  const list = useRef<HTMLDivElement>(null);
  const move = (event: KeyboardEvent, index: number) => {
    const last = tabs.length - 1;
    const next = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: last }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    const target = tabs[(next + tabs.length) % tabs.length];
    if (!target) return;
    onSelect(target.id);
    list.current?.querySelector<HTMLElement>(`#${tabId(target.id)}`)?.focus();
  };
  return (
    <div role="tablist" aria-label={label} class="tabs" ref={list}>
      {tabs.map((tab, index) => {
        const active = tab.id === selected;
        return (
          <button
            key={tab.id}
            type="button"
            role="tab"
            id={tabId(tab.id)}
            aria-selected={active}
            aria-controls={panelId(tab.id)}
            tabIndex={active ? 0 : -1}
            onClick={() => onSelect(tab.id)}
            onKeyDown={(event) => move(event, index)}
          >
            {tab.label}
            {tab.count !== undefined && tab.count > 0 && (
              <>
                {' '}
                <span class="tab-count">{tab.count}</span>
              </>
            )}
          </button>
        );
      })}
    </div>
  );
}

export function TabPanel({ id, selected, children }: { id: string; selected: string; children: ComponentChildren }) {
  return (
    <div role="tabpanel" id={panelId(id)} aria-labelledby={tabId(id)} hidden={id !== selected}>
      {children}
    </div>
  );
}
