import { useEffect, useState } from 'preact/hooks';
import { messages } from './messages.js';
import type { moreMessages } from './messages-more.js';

type Catalogue = Record<string, { id: string; en: string }>;
export type MessageKey = keyof typeof messages | keyof typeof moreMessages;

const catalogue: Catalogue = { ...messages };

/** A page's own messages, registered when its chunk loads (see messages-more.ts). */
export function addMessages(more: Catalogue): void {
  Object.assign(catalogue, more);
}

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

/** Whether the catalogue has a text for a key made at run time (an audit event's action, say). */
export function hasMessage(key: string): key is MessageKey {
  return key in catalogue;
}

export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  return catalogue[key][lang].replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}
