import { foldVietnamese } from '../shared/vietnamese.js';
import { roundHalfUpRatio } from './score-rules.js';

/**
 * Assessment rules of Circular 27/2020/TT-BGDĐT (primary), pure functions.
 * Sources: /work/shared/reference/vietnam-rules.md §1.2.
 * - Art. 6: regular assessment is by comment (no recorded marks), so the gradebook has no ĐĐGtx columns.
 * - Art. 7.1: at mid-semester I, end of semester I, mid-semester II and the end of the year every
 *   subject and activity is rated Hoàn thành tốt (HTT), Hoàn thành (HT) or Chưa hoàn thành (CHT).
 * - Art. 7.2: end of semester I and end of year: a periodic test in the subjects that have one
 *   (Tiếng Việt, Toán, Ngoại ngữ 1, Lịch sử và Địa lí, Tin học và Công nghệ, probably Khoa học: the
 *   school marks them with assessment = 'score'); grades 4 and 5 also sit mid-semester tests in
 *   Tiếng Việt and Toán. The mark is on a 10-point scale, an integer ("không cho điểm thập phân");
 *   0 is allowed since Circular 27 dropped the old "không cho điểm 0" rule of Circular 30/2014.
 */

export type PrimaryLevel = 'HTT' | 'HT' | 'CHT';
export const PRIMARY_LEVEL_NAMES: Record<PrimaryLevel, string> = { HTT: 'Hoàn thành tốt', HT: 'Hoàn thành', CHT: 'Chưa hoàn thành' };

export interface Column27 {
  kind: 'midterm_level' | 'midterm' | 'endterm_level' | 'endterm';
  slot: 0;
  label: string;
  value: 'level' | 'test';
}

/** Tiếng Việt and Toán, recognised by name (diacritics folded), for the grade 4–5 mid-semester tests. */
export function isMidtermTestSubject(name: string): boolean {
  const n = foldVietnamese(name).toLowerCase().trim();
  return n === 'tieng viet' || n === 'toan';
}

/** A primary subject's columns in one semester (Art. 7). `hasTest`: the subject has periodic tests. */
export function primaryColumns(subject: { name: string; hasTest: boolean }, grade: number): Column27[] {
  const cols: Column27[] = [{ kind: 'midterm_level', slot: 0, label: 'Giữa kì', value: 'level' }];
  if (subject.hasTest && grade >= 4 && isMidtermTestSubject(subject.name)) cols.push({ kind: 'midterm', slot: 0, label: 'KT giữa kì', value: 'test' });
  cols.push({ kind: 'endterm_level', slot: 0, label: 'Cuối kì', value: 'level' });
  if (subject.hasTest) cols.push({ kind: 'endterm', slot: 0, label: 'KT cuối kì', value: 'test' });
  return cols;
}

/** A typed test mark: an integer 0–10 (no decimals). Returns tenths (70 for 7) or null. */
export function parsePrimaryTestText(text: string): number | null {
  const t = text.trim();
  if (!/^\d{1,2}$/.test(t)) return null;
  const v = Number(t);
  return v >= 0 && v <= 10 ? v * 10 : null;
}

/** A quiz's 10-point result to the primary test's integer mark, half up (7.5 → 8), as tenths. */
export function primaryTestFromTenths(tenths: number): number {
  return roundHalfUpRatio(tenths, 10) * 10;
}

export type PrimaryQuality = 'T' | 'D' | 'CCG'; // Tốt, Đạt, Cần cố gắng
export type PrimaryYearResult = 'HTXS' | 'HTT' | 'HT' | 'CHT';
export const PRIMARY_RESULT_NAMES: Record<PrimaryYearResult, string> = { HTXS: 'Hoàn thành xuất sắc', HTT: 'Hoàn thành tốt', HT: 'Hoàn thành', CHT: 'Chưa hoàn thành' };

/**
 * Art. 9.2: the year-end education result. Inputs: every subject's end-of-year level, every
 * end-of-year test mark (integers 0–10, as tenths) and the ratings of qualities and competences.
 * Null when something is missing.
 * - HTXS: all subjects HTT, all qualities/competences Tốt, every end-of-year test ≥ 9;
 * - HTT: all subjects HTT, all qualities/competences Tốt, every end-of-year test ≥ 7;
 * - HT: subjects HTT or HT, qualities/competences Tốt or Đạt, every end-of-year test ≥ 5;
 * - CHT: every other case.
 */
export function primaryYearResult(input: { levels: readonly (PrimaryLevel | null)[]; tests: readonly (number | null)[]; qualities: readonly (PrimaryQuality | null)[] }): PrimaryYearResult | null {
  if ([...input.levels, ...input.tests, ...input.qualities].some((v) => v === null)) return null;
  const levels = input.levels as PrimaryLevel[];
  const tests = input.tests as number[];
  const qualities = input.qualities as PrimaryQuality[];
  const allLevels = (ok: PrimaryLevel[]) => levels.every((l) => ok.includes(l));
  const allQualities = (ok: PrimaryQuality[]) => qualities.every((q) => ok.includes(q));
  const testsAtLeast = (mark: number) => tests.every((t) => t >= mark * 10);
  if (allLevels(['HTT']) && allQualities(['T']) && testsAtLeast(9)) return 'HTXS';
  if (allLevels(['HTT']) && allQualities(['T']) && testsAtLeast(7)) return 'HTT';
  if (allLevels(['HTT', 'HT']) && allQualities(['T', 'D']) && testsAtLeast(5)) return 'HT';
  return 'CHT';
}
