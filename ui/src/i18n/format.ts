import { language } from './index.js';

/** API dates are YYYY-MM-DD; Vietnamese forms and lists show dd/mm/yyyy. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

const capitalizeWords = (s: string) => s.replace(/(^|\s)(\p{Ll})/gu, (_w, sp: string, c: string) => sp + c.toLocaleUpperCase('vi'));

/**
 * "Thứ Bảy, 28 tháng 11 năm 2026" in Vietnamese, "Saturday, 28 November 2026" in English.
 * Built from Intl parts: the browser's own vi-VN pattern puts a comma before the year.
 */
export function longDate(date: Date): string {
  if (language() === 'en') {
    return new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(date);
  }
  const parts = new Intl.DateTimeFormat('vi-VN', { weekday: 'long', day: 'numeric', month: 'numeric', year: 'numeric' }).formatToParts(date);
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${capitalizeWords(get('weekday'))}, ${Number(get('day'))} tháng ${Number(get('month'))} năm ${get('year')}`;
}

export function formatNumber(n: number): string {
  return new Intl.NumberFormat(language() === 'vi' ? 'vi-VN' : 'en-GB').format(n);
}

/** Semester numbers are written in Roman numerals in Vietnamese schools (học kì I, học kì II). */
export function semesterLabel(n: 1 | 2 | null | undefined): string {
  return n === 1 ? 'I' : n === 2 ? 'II' : '';
}

/** The pattern of a dd/mm/yyyy text field (native date inputs follow the browser's locale instead). */
export const VN_DATE_PATTERN = '\\d{1,2}/\\d{1,2}/\\d{4}';

/** "5/9/2026" or "05/09/2026" → "2026-09-05"; null when empty or not a real date. */
export function parseVnDate(text: string): string | null {
  const m = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s*$/.exec(text);
  if (!m) return null;
  const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}
