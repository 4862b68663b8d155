/**
 * Display and input checks of gradebook values on the client. The server decides (it parses
 * and validates again, Circular 22 Art. 5.2); these only give the teacher instant feedback.
 */
import { language } from '../i18n/index.js';
import type { GbCell, GbColumn, GbSubjectResult } from '../api/gradebook.js';

type ValueType = GbColumn['value'];

/** 6.5 → "6,5" in Vietnamese, "6.5" in English; tests are whole numbers. */
export function formatScore(n: number | null | undefined, type: ValueType = 'score'): string {
  if (n === null || n === undefined) return '';
  const s = type === 'test' ? String(Math.round(n)) : n.toFixed(1);
  return language() === 'vi' ? s.replace('.', ',') : s;
}

const MARK_TEXT: Record<string, string> = { D: 'Đ', CD: 'CĐ', HTT: 'HTT', HT: 'HT', CHT: 'CHT' };

export function markText(mark: string | null | undefined): string {
  return mark ? MARK_TEXT[mark] ?? mark : '';
}

export function cellText(cell: GbCell | undefined, type: ValueType): string {
  if (!cell) return '';
  return cell.mark ? markText(cell.mark) : formatScore(cell.score, type);
}

export function resultText(r: GbSubjectResult | undefined): string {
  if (!r) return '';
  return r.average !== null ? formatScore(r.average) : markText(r.mark);
}

const fold = (s: string) => s.trim().toUpperCase().replace(/Đ/g, 'D').normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/\s+/g, ' ');

/** The canonical value of what was typed ("6,5" → "65", "đạt" → "D"), '' for empty, null when invalid. */
export function canonical(type: ValueType, text: string): string | null {
  const t = text.trim();
  if (t === '') return '';
  if (type === 'score') {
    const m = /^(\d{1,2})(?:[.,](\d))?$/.exec(t);
    if (!m) return null;
    const tenths = Number(m[1]) * 10 + Number(m[2] ?? '0');
    return tenths <= 100 ? String(tenths) : null;
  }
  if (type === 'test') return /^\d{1,2}$/.test(t) && Number(t) <= 10 ? String(Number(t) * 10) : null;
  const f = fold(t);
  if (type === 'pass') return f === 'D' || f === 'DAT' ? 'D' : f === 'CD' || f === 'CHUA DAT' ? 'CD' : null;
  const levels: Record<string, string> = { HTT: 'HTT', 'HOAN THANH TOT': 'HTT', HT: 'HT', 'HOAN THANH': 'HT', CHT: 'CHT', 'CHUA HOAN THANH': 'CHT' };
  return levels[f] ?? null;
}

/** The canonical value of a stored cell, to compare with what is typed. */
export function canonicalOfCell(cell: GbCell | undefined): string {
  if (!cell) return '';
  return cell.mark ?? (cell.score === null ? '' : String(Math.round(cell.score * 10)));
}

/** A value of the change history ("6.5", "D") as the user reads it ("6,5", "Đ"). */
export function historyValue(v: string | null): string {
  if (!v) return '';
  return /^\d/.test(v) ? (language() === 'vi' ? v.replace('.', ',') : v) : markText(v);
}
