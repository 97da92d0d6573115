import { render } from 'preact';

render(<h1>Syncro ⇄ Xero</h1>, document.getElementById('app') as HTMLElement);
