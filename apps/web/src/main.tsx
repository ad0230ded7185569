import { render } from 'preact';
import { App } from './app';
import { adoptPathRoute } from './router';
import './styles.css';

adoptPathRoute();
render(<App />, document.getElementById('app')!);
