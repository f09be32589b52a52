import { render } from 'preact';
import { App } from './app.js';

render(<App />, document.getElementById('app')!);

if ('serviceWorker' in navigator) {
  void navigator.serviceWorker.register('/sw.js', { scope: '/' });
}
