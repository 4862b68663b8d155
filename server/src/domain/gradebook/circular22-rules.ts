import { roundHalfUpRatio } from './score-rules.js';

/**
 * Assessment rules of Circular 22/2021/TT-BGDĐT (lower and upper secondary), pure functions.
 * Scores are integer tenths (see score-rules.ts). Sources: /work/shared/reference/vietnam-rules.md §1.1.
 */

export type Assessment = 'score' | 'comment';
/** Đạt / Chưa đạt, for subjects assessed by comment (Art. 5.1.a). */
export type PassMark = 'D' | 'CD';
/** Learning-result levels (Art. 9.2): Tốt, Khá, Đạt, Chưa đạt. */
export type Level = 'T' | 'K' | 'D' | 'CD';

export const LEVEL_NAMES: Record<Level, string> = { T: 'Tốt', K: 'Khá', D: 'Đạt', CD: 'Chưa đạt' };
export const PASS_NAMES: Record<PassMark, string> = { D: 'Đạt', CD: 'Chưa đạt' };

/** A column of the secondary gradebook. */
export interface Column22 {
  kind: 'regular' | 'midterm' | 'endterm';
  slot: number; // regular: 1..n; midterm/endterm: 0
  /** The school's abbreviation: ĐĐGtx1.., ĐĐGgk, ĐĐGck. */
  label: string;
}

/**
 * Art. 6.2: recorded regular assessments (ĐĐGtx) per semester. Comment subjects: 2. Score subjects by
 * the subject's periods per school year (learning topics excluded): ≤ 35 → 2, > 35 to 70 → 3, > 70 → 4.
 */
export function regularAssessmentCount(assessment: Assessment, periodsPerYear: number): number {
  if (assessment === 'comment') return 2;
  if (periodsPerYear <= 35) return 2;
  if (periodsPerYear <= 70) return 3;
  return 4;
}

/** The semester's columns: ĐĐGtx1..n, one ĐĐGgk and one ĐĐGck (Art. 6.2, 7.2). */
export function secondaryColumns(assessment: Assessment, periodsPerYear: number): Column22[] {
  const n = regularAssessmentCount(assessment, periodsPerYear);
  const cols: Column22[] = [];
  for (let slot = 1; slot <= n; slot++) cols.push({ kind: 'regular', slot, label: `ĐĐGtx${slot}` });
  cols.push({ kind: 'midterm', slot: 0, label: 'ĐĐGgk' }, { kind: 'endterm', slot: 0, label: 'ĐĐGck' });
  return cols;
}

export type Missing = { kind: Column22['kind']; slot: number; label: string }[];

export type SemesterResult<T> = { complete: true; value: T } | { complete: false; missing: Missing };

/**
 * Art. 9.1 (score subjects): ĐTBmhk = (TĐĐGtx + 2·ĐĐGgk + 3·ĐĐGck) / (n + 5), rounded half up to one
 * decimal, computed exactly on tenths. Every ĐĐGtx slot, the ĐĐGgk and the ĐĐGck must be present: a
 * missing mark gives no average and the list of missing columns (the teacher organises a make-up
 * assessment, kiểm tra bù, for a student who was absent or joined mid-semester).
 */
export function semesterAverage(regular: readonly (number | null)[], midterm: number | null, endterm: number | null): SemesterResult<number> {
  const missing: Missing = [];
  regular.forEach((s, i) => { if (s === null) missing.push({ kind: 'regular', slot: i + 1, label: `ĐĐGtx${i + 1}` }); });
  if (midterm === null) missing.push({ kind: 'midterm', slot: 0, label: 'ĐĐGgk' });
  if (endterm === null) missing.push({ kind: 'endterm', slot: 0, label: 'ĐĐGck' });
  if (missing.length > 0 || regular.length === 0) return { complete: false, missing };
  const sum = (regular as number[]).reduce((a, b) => a + b, 0);
  return { complete: true, value: roundHalfUpRatio(sum + 2 * midterm! + 3 * endterm!, regular.length + 5) };
}

/**
 * Art. 9.1: ĐTBmcn = (ĐTBmhkI + 2·ĐTBmhkII) / 3 from the rounded semester averages (the text names
 * ĐTBmhkI and ĐTBmhkII, the recorded one-decimal values), rounded half up. Null when either is missing.
 */
export function yearAverage(semester1: number | null, semester2: number | null): number | null {
  if (semester1 === null || semester2 === null) return null;
  return roundHalfUpRatio(semester1 + 2 * semester2, 3);
}

/**
 * Art. 9.1 (comment subjects), one semester: Đạt when the student has every required assessment
 * (2 ĐĐGtx, ĐĐGgk, ĐĐGck) and all of them are Đạt; Chưa đạt otherwise. While an assessment is still
 * missing the result is not complete (the teacher records it or a make-up; after a make-up was not
 * taken the teacher records Chưa đạt). Note: the "2/3 Đạt" rule belonged to the old Circular 26/2020.
 */
export function commentSemesterResult(regular: readonly (PassMark | null)[], midterm: PassMark | null, endterm: PassMark | null): SemesterResult<PassMark> {
  const missing: Missing = [];
  regular.forEach((s, i) => { if (s === null) missing.push({ kind: 'regular', slot: i + 1, label: `ĐĐGtx${i + 1}` }); });
  if (midterm === null) missing.push({ kind: 'midterm', slot: 0, label: 'ĐĐGgk' });
  if (endterm === null) missing.push({ kind: 'endterm', slot: 0, label: 'ĐĐGck' });
  if (missing.length > 0) return { complete: false, missing };
  const all = [...(regular as PassMark[]), midterm!, endterm!];
  return { complete: true, value: all.every((m) => m === 'D') ? 'D' : 'CD' };
}

/** Art. 9.1 (comment subjects), whole year: the semester II result. */
export function commentYearResult(semester2: PassMark | null): PassMark | null {
  return semester2;
}

/** One subject's result for a semester or the year, as the level rules see it. */
export type SubjectOutcome =
  | { subjectId: number; assessment: 'score'; average: number | null }
  | { subjectId: number; assessment: 'comment'; result: PassMark | null };

const RANK: Record<Level, number> = { CD: 0, D: 1, K: 2, T: 3 };
const BY_RANK: Level[] = ['CD', 'D', 'K', 'T'];

/** Art. 9.2.a–d, without the adjustment of Art. 9.3. All outcomes must be known. */
export function baseLevel(scores: readonly number[], comments: readonly PassMark[]): Level {
  const allPass = comments.every((c) => c === 'D');
  const notPassed = comments.filter((c) => c === 'CD').length;
  const atLeast = (t: number): number => scores.filter((s) => s >= t).length;
  const all = (t: number): boolean => scores.every((s) => s >= t);
  // a) Tốt: all comment subjects Đạt; every score subject ≥ 6.5, at least 6 of them ≥ 8.0.
  if (allPass && all(65) && atLeast(80) >= 6) return 'T';
  // b) Khá: all comment subjects Đạt; every score subject ≥ 5.0, at least 6 of them ≥ 6.5.
  if (allPass && all(50) && atLeast(65) >= 6) return 'K';
  // c) Đạt: at most 1 comment subject Chưa đạt; at least 6 score subjects ≥ 5.0; none below 3.5.
  if (notPassed <= 1 && atLeast(50) >= 6 && all(35)) return 'D';
  // d) Chưa đạt: every other case.
  return 'CD';
}

export type LevelResult =
  | { complete: true; level: Level; base: Level; adjusted: boolean; adjustedBySubjectId: number | null }
  | { complete: false; missingSubjectIds: number[] };

/**
 * The learning result of a semester (from ĐTBmhk) or of the year (from ĐTBmcn), Art. 9.2, with the
 * adjustment of Art. 9.3: when the level falls by 2 or more levels below Tốt or Khá only because of
 * one subject, it is raised to the adjacent level (one level up), as under the old Circular 58
 * ("Giỏi → Tb because of one subject: Khá"). "Only because of one subject" is tested by giving that
 * subject the best possible result (10.0 or Đạt) and recomputing; the level is raised one step when
 * that would reach Tốt or Khá and is 2 or more levels higher. Every subject's outcome must be known.
 */
export function learningLevel(outcomes: readonly SubjectOutcome[]): LevelResult {
  const missingSubjectIds = outcomes
    .filter((o) => (o.assessment === 'score' ? o.average === null : o.result === null))
    .map((o) => o.subjectId);
  if (missingSubjectIds.length > 0) return { complete: false, missingSubjectIds };
  const levelOf = (list: readonly SubjectOutcome[]): Level => baseLevel(
    list.flatMap((o) => (o.assessment === 'score' ? [o.average!] : [])),
    list.flatMap((o) => (o.assessment === 'comment' ? [o.result!] : [])),
  );
  const base = levelOf(outcomes);
  for (const o of outcomes) {
    const ideal = levelOf(outcomes.map((x) => (x !== o ? x : x.assessment === 'score' ? { ...x, average: 100 } : { ...x, result: 'D' as const })));
    if ((ideal === 'T' || ideal === 'K') && RANK[ideal] - RANK[base] >= 2) {
      return { complete: true, level: BY_RANK[RANK[base] + 1]!, base, adjusted: true, adjustedBySubjectId: o.subjectId };
    }
  }
  return { complete: true, level: base, base, adjusted: false, adjustedBySubjectId: null };
}
