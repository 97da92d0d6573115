import { render } from 'preact';
import { Popup } from '../../components/popup/Popup.tsx';
import './style.css';
import './panels.css';

render(<Popup />, document.getElementById('app') as HTMLElement);
