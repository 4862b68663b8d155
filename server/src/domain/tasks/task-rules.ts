import { DomainError } from '../shared/errors.js';
import type { Grade, PenaltyKind, Rubric, StudentStatus, SubmissionRules, TaskInput } from './task.types.js';

/** Limits of a task's shape (what a teacher can type; what a phone can show). */
export const TASK_LIMITS = {
  maxScore: 100,
  maxSubmissions: 20,
  criteria: 12,
  levels: 6,
  /** A task opens at most this long before it is due. */
  maxDays: 366,
} as const;

/**
 * A task's input is coherent (Art. 5.3: the teacher assigns tasks with a due date): a title, a
 * due time after the opening, a hard close after the due time when late work is accepted until
 * then, a penalty that makes sense, something the student can hand in, and an audience.
 */
export function checkTaskInput(i: TaskInput): void {
  const bad = (field: string, reason: string, extra: Record<string, unknown> = {}) => new DomainError('VALIDATION_FAILED', { field, reason, ...extra });
  if (!i.title.trim()) throw bad('title', 'empty');
  const opens = Date.parse(i.opensAt);
  const due = Date.parse(i.dueAt);
  if (Number.isNaN(opens) || Number.isNaN(due)) throw bad('dueAt', 'not_an_instant');
  if (!(opens < due)) throw new DomainError('INVALID_DATE_RANGE', { field: 'opensAt/dueAt' });
  if (due - opens > TASK_LIMITS.maxDays * 86_400_000) throw new DomainError('INVALID_DATE_RANGE', { field: 'opensAt/dueAt', reason: 'too_long' });
  if (i.latePolicy === 'until_close') {
    const close = i.closeAt ? Date.parse(i.closeAt) : NaN;
    if (Number.isNaN(close)) throw bad('closeAt', 'required');
    if (!(due < close)) throw new DomainError('INVALID_DATE_RANGE', { field: 'dueAt/closeAt' });
  } else if (i.closeAt) throw bad('closeAt', 'only_with_until_close');
  if (!(i.maxScore > 0 && i.maxScore <= TASK_LIMITS.maxScore)) throw bad('maxScore', 'out_of_range');
  if (i.latePolicy === 'refuse' && i.latePenaltyKind !== 'none') throw bad('latePenaltyKind', 'no_late_work');
  if (i.latePenaltyKind === 'percent' && !(i.latePenaltyValue > 0 && i.latePenaltyValue <= 100)) throw bad('latePenaltyValue', 'out_of_range');
  if (i.latePenaltyKind === 'points' && !(i.latePenaltyValue > 0 && i.latePenaltyValue <= i.maxScore)) throw bad('latePenaltyValue', 'out_of_range');
  if (i.resubmission === 'limited') {
    if (!i.maxSubmissions || i.maxSubmissions < 1 || i.maxSubmissions > TASK_LIMITS.maxSubmissions) throw bad('maxSubmissions', 'out_of_range');
  } else if (i.maxSubmissions !== null) throw bad('maxSubmissions', 'only_with_limited');
  if (!i.acceptFiles && !i.acceptText && i.h5pContentId === null) throw bad('acceptFiles', 'nothing_to_submit');
  if (i.audience === 'class' && i.studentIds.length) throw bad('studentIds', 'not_with_class');
  if (i.audience === 'student' && i.studentIds.length !== 1) throw bad('studentIds', 'exactly_one');
  if (i.audience === 'group') {
    if (!i.groupName?.trim()) throw bad('groupName', 'required');
    if (!i.studentIds.length) throw bad('studentIds', 'empty');
  } else if (i.groupName) throw bad('groupName', 'only_with_group');
  if (new Set(i.studentIds).size !== i.studentIds.length) throw bad('studentIds', 'duplicates');
  if (i.rubric) checkRubric(i.rubric);
}

export function checkRubric(r: Rubric): void {
  const bad = (field: string, reason: string) => new DomainError('VALIDATION_FAILED', { field, reason });
  if (!r.criteria.length || r.criteria.length > TASK_LIMITS.criteria) throw bad('rubric.criteria', 'count');
  r.criteria.forEach((c, ci) => {
    if (!c.title.trim()) throw bad(`rubric.criteria.${ci}.title`, 'empty');
    if (!c.levels.length || c.levels.length > TASK_LIMITS.levels) throw bad(`rubric.criteria.${ci}.levels`, 'count');
    c.levels.forEach((l, li) => {
      if (!l.label.trim()) throw bad(`rubric.criteria.${ci}.levels.${li}.label`, 'empty');
      if (!(l.points >= 0) || !Number.isFinite(l.points)) throw bad(`rubric.criteria.${ci}.levels.${li}.points`, 'negative');
    });
  });
  if (rubricMaxPoints(r) <= 0) throw bad('rubric', 'no_points');
}

/** The most points the rubric gives: the best level of every criterion. */
export function rubricMaxPoints(r: Rubric): number {
  return r.criteria.reduce((sum, c) => sum + Math.max(...c.levels.map((l) => l.points)), 0);
}

/** Rounds to two decimals without binary noise (7.125 → 7.13). */
export const round2 = (x: number) => Math.round((x + Number.EPSILON) * 100) / 100;

/**
 * The score a rubric gives on the task's scale: the chosen levels' points over the rubric's
 * maximum, times the task's max score. Every criterion must be assessed.
 */
export function rubricScore(r: Rubric, selection: readonly (number | null)[], maxScore: number): number {
  if (selection.length !== r.criteria.length) throw new DomainError('VALIDATION_FAILED', { field: 'rubricSelection', reason: 'length', expected: r.criteria.length });
  let points = 0;
  selection.forEach((s, i) => {
    const level = s === null ? undefined : r.criteria[i]?.levels[s];
    if (!level) throw new DomainError('VALIDATION_FAILED', { field: `rubricSelection.${i}`, reason: s === null ? 'missing' : 'unknown_level' });
    points += level.points;
  });
  return round2((points / rubricMaxPoints(r)) * maxScore);
}

/** Checks a selection's shape when the teacher types the score and ticks only some criteria. */
export function checkSelection(r: Rubric | null, selection: readonly (number | null)[] | null): void {
  if (!selection) return;
  if (!r) throw new DomainError('VALIDATION_FAILED', { field: 'rubricSelection', reason: 'no_rubric' });
  if (selection.length !== r.criteria.length) throw new DomainError('VALIDATION_FAILED', { field: 'rubricSelection', reason: 'length', expected: r.criteria.length });
  selection.forEach((s, i) => {
    if (s !== null && !r.criteria[i]?.levels[s]) throw new DomainError('VALIDATION_FAILED', { field: `rubricSelection.${i}`, reason: 'unknown_level' });
  });
}

/**
 * Points taken off late work: a fixed number of points or a percentage of the score, never more
 * than the score itself (a grade is never negative).
 */
export function latePenalty(kind: PenaltyKind, value: number, rawScore: number, late: boolean): number {
  if (!late || kind === 'none' || rawScore <= 0) return 0;
  const p = kind === 'points' ? value : (rawScore * value) / 100;
  return round2(Math.min(rawScore, p));
}

/** A score on the task's scale, put on the gradebook's 10-point scale. */
export const toTenPointScale = (score: number, maxScore: number) => round2((score / maxScore) * 10);

export interface SubmissionState {
  /** Submissions already made, and the last one's time. */
  previous: number;
  lastSubmittedAt: string | null;
  grade: Pick<Grade, 'status' | 'gradedAt'> | null;
}

/** Returned for revision and not handed in again since. */
export function awaitingRevision(grade: Pick<Grade, 'status' | 'gradedAt'> | null, lastSubmittedAt: string | null): boolean {
  return grade?.status === 'returned' && (!lastSubmittedAt || lastSubmittedAt <= grade.gradedAt);
}

/**
 * Whether a student may submit now, and whether it is late (Art. 5.2). The teacher returning the
 * work for revision reopens it once, whatever the deadline and the resubmission policy say; graded
 * work is closed; before the opening nothing is accepted.
 */
export function submissionDecision(rules: SubmissionRules, state: SubmissionState, now: Date): { late: boolean } {
  const t = now.getTime();
  if (t < Date.parse(rules.opensAt)) throw new DomainError('TASK_NOT_OPEN', { opensAt: rules.opensAt });
  const late = t > Date.parse(rules.dueAt);
  if (awaitingRevision(state.grade, state.lastSubmittedAt)) return { late };
  if (state.grade?.status === 'graded') throw new DomainError('TASK_ALREADY_GRADED');
  if (state.previous > 0) {
    if (rules.resubmission === 'none') throw new DomainError('TASK_RESUBMISSION_NOT_ALLOWED');
    if (rules.resubmission === 'limited' && state.previous >= (rules.maxSubmissions ?? 1)) {
      throw new DomainError('TASK_SUBMISSION_LIMIT', { maxSubmissions: rules.maxSubmissions });
    }
  }
  if (late) {
    if (rules.latePolicy === 'refuse') throw new DomainError('TASK_CLOSED', { dueAt: rules.dueAt });
    if (rules.latePolicy === 'until_close' && rules.closeAt && t > Date.parse(rules.closeAt)) throw new DomainError('TASK_CLOSED', { closeAt: rules.closeAt });
  }
  return { late };
}

/** Where a student stands on a task; returned work handed in again is "submitted" again. */
export function studentStatus(submissions: number, grade: Pick<Grade, 'status' | 'gradedAt'> | null, lastSubmittedAt: string | null = null): StudentStatus {
  if (grade?.status === 'graded') return 'graded';
  if (grade?.status === 'returned') return awaitingRevision(grade, lastSubmittedAt) ? 'returned' : 'submitted';
  return submissions > 0 ? 'submitted' : 'not_submitted';
}

/** Past due and nothing handed in (or returned and not handed in again). */
export function isOverdue(dueAt: string, status: StudentStatus, now: Date): boolean {
  return (status === 'not_submitted' || status === 'returned') && now.getTime() > Date.parse(dueAt);
}

/** Students' list order: open work by due time (soonest first, overdue among them), then the rest, newest first. */
export function studentOrder(a: { dueAt: string; status: StudentStatus }, b: { dueAt: string; status: StudentStatus }): number {
  const open = (s: StudentStatus) => s === 'not_submitted' || s === 'returned';
  if (open(a.status) !== open(b.status)) return open(a.status) ? -1 : 1;
  return open(a.status) ? a.dueAt.localeCompare(b.dueAt) : b.dueAt.localeCompare(a.dueAt);
}
