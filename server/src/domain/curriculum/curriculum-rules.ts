import { DomainError } from '../shared/errors.js';
import type { LessonFields } from './curriculum.types.js';

/** Limits of one lesson/topic of the curriculum (Art. 4.1). */
export const MAX_TITLE = 300;
export const MAX_CHAPTER = 300;
export const MAX_PERIODS = 200;
export const MAX_OUTCOMES = 30;
export const MAX_OUTCOME = 1000;

const oneLine = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ').trim();

/** Trims and normalises what a teacher typed; empty outcomes are dropped, empty chapter is null. */
export function cleanFields(f: LessonFields): LessonFields {
  const chapter = f.chapter === null ? null : oneLine(f.chapter);
  return {
    chapter: chapter || null,
    title: oneLine(f.title),
    periods: f.periods,
    outcomes: f.outcomes.map(oneLine).filter(Boolean),
  };
}

/** Checks a lesson's fields after cleaning; throws VALIDATION_FAILED naming the field. */
export function checkFields(f: LessonFields): void {
  const fail = (field: string, reason: string, extra: Record<string, unknown> = {}) => { throw new DomainError('VALIDATION_FAILED', { field, reason, ...extra }); };
  if (!f.title) fail('title', 'empty');
  if (f.title.length > MAX_TITLE) fail('title', 'too_long', { max: MAX_TITLE });
  if (f.chapter && f.chapter.length > MAX_CHAPTER) fail('chapter', 'too_long', { max: MAX_CHAPTER });
  if (!Number.isInteger(f.periods) || f.periods < 1 || f.periods > MAX_PERIODS) fail('periods', 'range', { min: 1, max: MAX_PERIODS });
  if (f.outcomes.length > MAX_OUTCOMES) fail('outcomes', 'too_many', { max: MAX_OUTCOMES });
  if (f.outcomes.some((o) => o.length > MAX_OUTCOME)) fail('outcomes', 'too_long', { max: MAX_OUTCOME });
}

/**
 * The new order of a subject × grade's lessons when one moves to `position` (1-based, clamped to
 * the list). Positions stay unique and dense: the others close the gap and make room.
 */
export function reorder(ids: readonly number[], id: number, position: number): number[] {
  const rest = ids.filter((x) => x !== id);
  if (rest.length === ids.length) throw new DomainError('NOT_FOUND', { curriculumLessonId: id });
  const at = Math.min(Math.max(1, Math.trunc(position)), ids.length) - 1;
  return [...rest.slice(0, at), id, ...rest.slice(at)];
}
