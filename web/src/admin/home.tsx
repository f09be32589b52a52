import { Page } from '../ui.js';

export default function Todo() {
  return <Page title="Bakti">…</Page>;
}
