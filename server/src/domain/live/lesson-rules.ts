import { DomainError } from '../shared/errors.js';
import type { Role } from '../people/person.types.js';
import { addMinutes, schoolDate } from './school-time.js';
import type { LiveLesson } from './live.types.js';

/** The room opens this many minutes before the slot, so the class can settle in. */
export const JOIN_EARLY_MINUTES = 15;
/** A live lesson is at most a double period plus breaks; longer slots are typing mistakes. */
export const MAX_LESSON_MINUTES = 240;

/** The principal and vice principals schedule for anyone and observe any lesson (Art. 15.1.g). */
export const isManager = (roles: readonly Role[]) => roles.includes('principal') || roles.includes('vice_principal');

/** A slot starts before it ends, lasts at most MAX_LESSON_MINUTES and stays on one school day. */
export function checkSlot(startsAt: string, endsAt: string): void {
  if (!(startsAt < endsAt)) throw new DomainError('INVALID_DATE_RANGE', { field: 'lesson' });
  if (Date.parse(endsAt) - Date.parse(startsAt) > MAX_LESSON_MINUTES * 60_000) {
    throw new DomainError('INVALID_DATE_RANGE', { field: 'lesson', reason: 'too_long', maxMinutes: MAX_LESSON_MINUTES });
  }
  if (schoolDate(startsAt) !== schoolDate(endsAt)) throw new DomainError('INVALID_DATE_RANGE', { field: 'lesson', reason: 'spans_midnight' });
}

export function joinableFrom(lesson: Pick<LiveLesson, 'startsAt'>): string {
  return addMinutes(lesson.startsAt, -JOIN_EARLY_MINUTES);
}

/**
 * Whether the room can be entered at `at`: not before 15 minutes ahead of the slot, not once the
 * lesson has ended. A lesson that is live may run over its slot; one that never started is over
 * when its slot is.
 */
export function joinWindow(lesson: Pick<LiveLesson, 'startsAt' | 'endsAt' | 'status'>, at: string): 'early' | 'open' | 'over' | 'cancelled' {
  if (lesson.status === 'cancelled') return 'cancelled';
  if (lesson.status === 'ended') return 'over';
  if (at < joinableFrom(lesson)) return 'early';
  if (lesson.status === 'scheduled' && at >= lesson.endsAt) return 'over';
  return 'open';
}
