import { DomainError } from '../shared/errors.js';

/**
 * The school's clock. Instants are stored as ISO-8601 UTC text; school days are calendar days in
 * Vietnam, which keeps UTC+7 all year (no daylight saving time), so a fixed offset is exact.
 */
export const SCHOOL_UTC_OFFSET_MINUTES = 7 * 60;
const OFFSET_MS = SCHOOL_UTC_OFFSET_MINUTES * 60_000;
const DAY_MS = 24 * 60 * 60_000;

/** An instant in the one stored form ('2026-10-05T01:00:00.000Z'), so text order is time order. */
export function toInstant(value: string | Date, field = 'time'): string {
  const ms = typeof value === 'string' ? Date.parse(value) : value.getTime();
  if (Number.isNaN(ms)) throw new DomainError('VALIDATION_FAILED', { field, reason: 'not_an_instant' });
  return new Date(ms).toISOString();
}

/** The school day ('YYYY-MM-DD') an instant falls on. */
export function schoolDate(instant: string | Date): string {
  const ms = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  return new Date(ms + OFFSET_MS).toISOString().slice(0, 10);
}

/** The instants [from, to) of a school day. */
export function schoolDayBounds(date: string): { from: string; to: string } {
  const start = Date.parse(`${date}T00:00:00.000Z`) - OFFSET_MS;
  return { from: new Date(start).toISOString(), to: new Date(start + DAY_MS).toISOString() };
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00.000Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

export function addMinutes(instant: string, minutes: number): string {
  return new Date(Date.parse(instant) + minutes * 60_000).toISOString();
}

/** 'dd/mm/yyyy HH:mm' in school time, as Vietnamese documents write it. */
export function schoolDateTimeText(instant: string): string {
  const local = new Date(Date.parse(instant) + OFFSET_MS).toISOString();
  return `${local.slice(8, 10)}/${local.slice(5, 7)}/${local.slice(0, 4)} ${local.slice(11, 16)}`;
}
