import { language } from '../i18n/index.js';

/** Numbers, percentages and school times for the dashboard: Vietnamese by default (decimal comma, dd/mm/yyyy, school time UTC+7). */

const SCHOOL_TZ = 'Asia/Ho_Chi_Minh';
const locale = () => (language() === 'vi' ? 'vi-VN' : 'en-GB');

/** 0.925 → "92,5%" (one decimal at most); null → "–". */
export function formatPercent(rate: number | null | undefined): string {
  if (rate === null || rate === undefined) return '–';
  return new Intl.NumberFormat(locale(), { style: 'percent', maximumFractionDigits: 1 }).format(rate);
}

/** 12.34 → "12,3". */
export function formatDecimal(n: number, digits = 1): string {
  return new Intl.NumberFormat(locale(), { maximumFractionDigits: digits }).format(n);
}

/** An instant as the school's clock shows it: "09:05" (or "09:05:30"). */
export function formatClock(instant: string | Date, seconds = false): string {
  return new Intl.DateTimeFormat(locale(), { timeZone: SCHOOL_TZ, hour: '2-digit', minute: '2-digit', ...(seconds ? { second: '2-digit' } : {}), hourCycle: 'h23' })
    .format(typeof instant === 'string' ? new Date(instant) : instant);
}

/** An instant's school day as dd/mm/yyyy. */
export function formatSchoolDay(instant: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: SCHOOL_TZ, day: '2-digit', month: '2-digit', year: 'numeric' }).formatToParts(new Date(instant));
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('day')}/${get('month')}/${get('year')}`;
}

/** The level a rate falls in, for colours that always come with the number written next to them. */
export function level(rate: number | null, [low, high]: readonly [number, number]): 'none' | 'low' | 'mid' | 'high' {
  if (rate === null) return 'none';
  return rate < low ? 'low' : rate < high ? 'mid' : 'high';
}
