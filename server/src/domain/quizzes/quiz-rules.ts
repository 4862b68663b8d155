/** Rules of a quiz definition (Art. 6.1, 6.2): its shape, its matrix against the bank, what a student may see. */
import { DomainError } from '../shared/errors.js';
import { COGNITIVE_LEVEL_LABELS, type CognitiveLevel } from '../questions/question.types.js';
import { isPeriodic, type FeedbackPolicy, type MatrixRow, type QuizInput, type QuizKind } from './quiz.types.js';

export const QUIZ_LIMITS = {
  matrixRowsMax: 60,
  questionsMax: 200,
  countMax: 100,
  pointsEachMax: 100,
  timeLimitMax: 300,
  attemptsMax: 10,
  classesMax: 60,
} as const;

/** The gradebook column a quiz kind may feed: regular → a regular slot; midterm/endterm → their own column. */
const COLUMN_FOR_KIND: Record<QuizKind, 'regular' | 'midterm' | 'endterm'> = { regular: 'regular', midterm: 'midterm', endterm: 'endterm' };

const fail = (field: string, reason: string, extra: Record<string, unknown> = {}): never => {
  throw new DomainError('VALIDATION_FAILED', { field, reason, ...extra });
};

/** The shape of a quiz: window, limits, matrix; periodic tests have the integrity controls of Art. 6.2. */
export function checkQuizInput(q: QuizInput): void {
  if (!q.title.trim()) fail('title', 'empty');
  const opens = Date.parse(q.opensAt);
  const closes = Date.parse(q.closesAt);
  if (Number.isNaN(opens) || Number.isNaN(closes)) fail('opensAt', 'not_an_instant');
  if (opens >= closes) throw new DomainError('INVALID_DATE_RANGE', { field: 'window' });
  if (!Number.isInteger(q.timeLimitMinutes) || q.timeLimitMinutes < 1 || q.timeLimitMinutes > QUIZ_LIMITS.timeLimitMax) fail('timeLimitMinutes', 'out_of_range');
  if (!Number.isInteger(q.attemptsAllowed) || q.attemptsAllowed < 1 || q.attemptsAllowed > QUIZ_LIMITS.attemptsMax) fail('attemptsAllowed', 'out_of_range');
  if (!q.classIds.length) fail('classIds', 'empty');
  if (q.classIds.length > QUIZ_LIMITS.classesMax) fail('classIds', 'too_many');
  checkMatrixShape(q.matrix);
  if (isPeriodic(q.kind)) {
    // Art. 6.2: an online periodic test is taken once, with questions and options shuffled per student.
    if (q.attemptsAllowed !== 1) throw new DomainError('QUIZ_PERIODIC_RULES', { field: 'attemptsAllowed', reason: 'one_attempt' });
    if (!q.shuffleQuestions || !q.shuffleOptions) throw new DomainError('QUIZ_PERIODIC_RULES', { field: 'shuffle', reason: 'shuffle_required' });
  }
  if (q.gradebookTarget && q.gradebookTarget.column.kind !== COLUMN_FOR_KIND[q.kind]) {
    fail('gradebookTarget', 'column_does_not_match_kind', { kind: q.kind, column: q.gradebookTarget.column.kind });
  }
}

export function checkMatrixShape(rows: readonly MatrixRow[]): void {
  if (!rows.length) fail('matrix', 'empty');
  if (rows.length > QUIZ_LIMITS.matrixRowsMax) fail('matrix', 'too_many_rows');
  const seen = new Set<string>();
  let total = 0;
  rows.forEach((r, i) => {
    if (!Number.isInteger(r.count) || r.count < 1 || r.count > QUIZ_LIMITS.countMax) fail(`matrix[${i}].count`, 'out_of_range', { row: i + 1 });
    if (!(r.pointsEach > 0) || r.pointsEach > QUIZ_LIMITS.pointsEachMax) fail(`matrix[${i}].pointsEach`, 'out_of_range', { row: i + 1 });
    const k = rowKey(r);
    if (seen.has(k)) fail(`matrix[${i}]`, 'duplicate_row', { row: i + 1 });
    seen.add(k);
    total += r.count;
  });
  if (total > QUIZ_LIMITS.questionsMax) fail('matrix', 'too_many_questions', { total, max: QUIZ_LIMITS.questionsMax });
}

export const rowKey = (r: { curriculumLessonId: number | null; level: CognitiveLevel }) => `${r.curriculumLessonId ?? 'none'}|${r.level}`;

export interface MatrixShortfall {
  /** 1-based, as the teacher sees the grid. */
  row: number;
  curriculumLessonId: number | null;
  lessonTitle: string | null;
  level: CognitiveLevel;
  levelName: string;
  needed: number;
  available: number;
}

/**
 * The rows the bank cannot fill: a row needs `count` distinct questions of its lesson and level
 * (not archived). Each shortfall names the row so the teacher knows what to add or lower.
 */
export function matrixShortfalls(rows: readonly MatrixRow[], available: ReadonlyMap<string, number>, lessonTitles: ReadonlyMap<number, string>): MatrixShortfall[] {
  const out: MatrixShortfall[] = [];
  rows.forEach((r, i) => {
    const have = available.get(rowKey(r)) ?? 0;
    if (have < r.count) {
      out.push({
        row: i + 1, curriculumLessonId: r.curriculumLessonId,
        lessonTitle: r.curriculumLessonId === null ? null : lessonTitles.get(r.curriculumLessonId) ?? null,
        level: r.level, levelName: COGNITIVE_LEVEL_LABELS[r.level].vi, needed: r.count, available: have,
      });
    }
  });
  return out;
}

export const matrixMaxScore = (rows: readonly MatrixRow[]) => rows.reduce((s, r) => s + r.count * r.pointsEach, 0);

/** A score on the quiz's points as the 10-point scale of Circular 22/2021 (unrounded; the gradebook rounds). */
export function toTenPointScale(score: number, maxScore: number): number {
  if (maxScore <= 0) return 0;
  return Math.min(10, Math.max(0, (score / maxScore) * 10));
}

/**
 * What the student may see of a submitted attempt (never more than the policy says; nothing
 * while the attempt is in progress). The answers (key) only once the window has closed for everyone.
 */
export function feedbackVisibility(policy: FeedbackPolicy, attemptSubmitted: boolean, windowClosed: boolean): { score: boolean; answers: boolean } {
  if (!attemptSubmitted) return { score: false, answers: false };
  if (policy === 'none') return { score: false, answers: false };
  if (policy === 'score') return { score: true, answers: false };
  return { score: windowClosed, answers: windowClosed };
}
