import { useEffect, useState } from 'preact/hooks';
import { messages, type MessageKey } from './messages.js';

export type Lang = 'id' | 'en';

const KEY = 'bakti.lang';
let lang: Lang = localStorage.getItem(KEY) === 'en' ? 'en' : 'id';
const listeners = new Set<() => void>();
document.documentElement.lang = lang;

export const currentLang = (): Lang => lang;

export function setLang(next: Lang): void {
  lang = next;
  localStorage.setItem(KEY, next);
  document.documentElement.lang = next;
  listeners.forEach((listener) => listener());
}

/** Re-renders the calling component when the language changes. */
export function useLang(): Lang {
  const [, setTick] = useState(0);
  useEffect(() => {
    const listener = () => setTick((n) => n + 1);
    listeners.add(listener);
    return () => void listeners.delete(listener);
  }, []);
  return lang;
}

export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  return messages[key][lang].replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}
