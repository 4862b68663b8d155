import { vi, type MessageKey, type Messages } from './vi.js';
import { en } from './en.js';

export type Language = 'vi' | 'en';
export type { MessageKey };

const TABLES: Record<Language, Messages> = { vi, en };
const STORAGE_KEY = 'phonghoc.language';
const listeners = new Set<() => void>();

function stored(): Language {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'vi';
  } catch {
    return 'vi'; // storage can be blocked (private mode on some phones): Vietnamese first
  }
}

let current: Language = stored();
document.documentElement.lang = current;

export function language(): Language {
  return current;
}

/** Switches the whole UI; remembered on this device (the account copy is saved by the caller). */
export function setLanguage(next: Language): void {
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch {
    /* not remembered on this device, still switched */
  }
  if (next === current) return;
  current = next;
  document.documentElement.lang = next;
  for (const fn of listeners) fn();
}

export function onLanguageChange(fn: () => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

/** The text for a key in the current language; `{name}` placeholders are filled from params. */
export function t(key: MessageKey, params?: Record<string, string | number>): string {
  const text: string = TABLES[current][key];
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** Picks the current language from a bilingual text sent by the server. */
export function pick<T>(text: { vi: T; en: T }): T {
  return text[current];
}

/** Both languages of a key, for messages that must follow a later language switch. */
export function bilingual(key: MessageKey): { vi: string; en: string } {
  return { vi: TABLES.vi[key], en: TABLES.en[key] };
}
