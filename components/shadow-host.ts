// Our elements on Syncro's pages: a host in the page's light DOM whose look lives in an open shadow root, so
// Syncro's CSS and ours stay apart and the page's DOM gets no style of ours.

/** A host element `tag` with an open shadow root holding `css`; the caller appends its parts to `shadow`. */
export function shadowHost(tag: string, css: string): { host: HTMLElement; shadow: ShadowRoot } {
  const host = document.createElement(tag);
  const shadow = host.attachShadow({ mode: 'open' });
  const sheet = document.createElement('style');
  sheet.textContent = css;
  shadow.append(sheet);
  return { host, shadow };
}

/** A plain button (type="button": never submits a form of the page's). */
export function plainButton(text = ''): HTMLButtonElement {
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = text;
  return button;
}
