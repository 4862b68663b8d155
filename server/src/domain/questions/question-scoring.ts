/**
 * Scoring rules of the question bank (Art. 8.1.c: tests online are scored automatically where the
 * question allows; essays go to the teacher). Pure functions: no I/O, never throw on a student's
 * answer — a malformed, absent or hostile answer scores 0.
 *
 * Rules (fraction of the question's points, 0..1):
 * - single: 1 when the chosen id is the correct option, else 0.
 * - multiple: right-minus-wrong, floor 0: (correct options chosen − wrong options chosen) / number
 *   of correct options. Duplicates count once; an unknown id counts as a wrong choice. Choosing
 *   everything therefore scores 0 unless every option is correct.
 * - true_false: the share of statements judged correctly (a missing judgement is not correct).
 * - short: 1 when the normalized answer equals a normalized accepted answer. Normalization: Unicode
 *   NFC, trim, collapse spaces, case-insensitive (Vietnamese locale); diacritics are significant
 *   unless the question sets `ignoreDiacritics`.
 * - numeric: 1 when |answer − value| ≤ tolerance (absolute). Text answers accept a Vietnamese
 *   decimal comma ("3,5"), a dot, thousands separators ("1.234,5"), a leading +/− and a fraction "7/2".
 * - matching: the share of left items matched to their right text (normalized as short answers).
 * - essay: needsManualGrading, fraction 0 until the teacher grades.
 */
import { foldVietnamese } from '../shared/vietnamese.js';
import type {
  ChoiceOption, MatchingBody, NumericBody, PublicContent, PublicQuestion, QuestionContent, ScorableQuestion, ScoreResult, ShortBody, TrueFalseBody,
} from './question.types.js';
import { QUESTION_LIMITS } from './question.types.js';

const ZERO: ScoreResult = { fraction: 0, needsManualGrading: false };
const own = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);

// ---- deterministic shuffling ----------------------------------------------------------------

/** A 32-bit hash of a string (FNV-1a), used to seed the shuffle. */
function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** mulberry32: a small deterministic generator; the same seed gives the same order. */
function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher–Yates with a seeded generator; returns a new array. */
export function seededShuffle<T>(items: readonly T[], seed: string | number): T[] {
  const out = items.slice();
  const next = generator(hash32(String(seed)));
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

// ---- public view -------------------------------------------------------------------------------

/**
 * The question as a student sees it: no key, no explanation, no rubric. With a seed, choice options
 * (unless `keepOrder`) and matching right items are shuffled deterministically (the same seed, e.g.
 * attempt id, gives the same order on reload). Without a seed: choices in authored order, matching
 * right items sorted (never in key order).
 */
export function publicQuestion(q: ScorableQuestion & { stem: string; points?: number }, seed?: string | number): PublicQuestion {
  const salt = seed === undefined ? undefined : `${seed}:${q.id ?? ''}`;
  const base = { ...(q.id !== undefined ? { id: q.id } : {}), stem: q.stem, ...(q.points !== undefined ? { points: q.points } : {}) };
  return { ...base, ...publicContent(q, salt) };
}

function publicContent(q: QuestionContent, salt: string | undefined): PublicContent {
  const opts = (options: ChoiceOption[], keepOrder: boolean | undefined) => {
    const list = options.map((o) => ({ id: o.id, text: o.text }));
    return salt !== undefined && !keepOrder ? seededShuffle(list, salt) : list;
  };
  switch (q.type) {
    case 'single':
      return { type: 'single', body: { options: opts(q.body.options, q.body.keepOrder) } };
    case 'multiple':
      return { type: 'multiple', body: { options: opts(q.body.options, q.body.keepOrder), correctCount: q.body.options.filter((o) => o.correct).length } };
    case 'true_false':
      return { type: 'true_false', body: { statements: q.body.statements.map((s) => ({ id: s.id, text: s.text })) } };
    case 'short':
      return { type: 'short', body: {} };
    case 'numeric':
      return { type: 'numeric', body: q.body.unit ? { unit: q.body.unit } : {} };
    case 'matching': {
      const right = [...q.body.pairs.map((p) => p.right), ...(q.body.distractors ?? [])];
      const shown = salt !== undefined ? seededShuffle(right, salt) : right.slice().sort((a, b) => a.localeCompare(b, 'vi'));
      return { type: 'matching', body: { left: q.body.pairs.map((p) => p.left), right: shown } };
    }
    case 'essay':
      return { type: 'essay', body: q.body.maxWords ? { maxWords: q.body.maxWords } : {} };
  }
}

// ---- normalization helpers ---------------------------------------------------------------------

/** Trim, collapse spaces, NFC, lower case (vi); folds diacritics when asked. */
export function normalizeShortAnswer(text: string, ignoreDiacritics = false): string {
  const base = text.normalize('NFC').replace(/\s+/g, ' ').trim().toLocaleLowerCase('vi');
  return ignoreDiacritics ? foldVietnamese(base) : base;
}

/**
 * Reads a number typed by a student or a teacher: "3,5", "3.5", "-0,25", "1.234,5", "1 234",
 * "7/2". Returns undefined when the text is not a number.
 */
export function parseVietnameseNumber(input: unknown): number | undefined {
  if (typeof input === 'number') return Number.isFinite(input) ? input : undefined;
  if (typeof input !== 'string' || input.length > 64) return undefined;
  let s = input.normalize('NFC').replace(/[\s\u00a0\u202f]/g, '').replace(/−/g, '-');
  if (!s) return undefined;
  const frac = /^([+-]?)(\d+)\/(\d+)$/.exec(s);
  if (frac) {
    const den = Number(frac[3]);
    if (den === 0) return undefined;
    return (frac[1] === '-' ? -1 : 1) * Number(frac[2]) / den;
  }
  const hasComma = s.includes(',');
  const hasDot = s.includes('.');
  if (hasComma && hasDot) {
    // the last separator is the decimal one: "1.234,5" (vi) or "1,234.5" (en)
    if (s.lastIndexOf(',') > s.lastIndexOf('.')) s = s.replace(/\./g, '').replace(',', '.');
    else s = s.replace(/,/g, '');
  } else if (hasComma) {
    if ((s.match(/,/g) ?? []).length > 1) s = s.replace(/,/g, ''); // "1,234,567"
    else s = s.replace(',', '.');
  } else if ((s.match(/\./g) ?? []).length > 1) {
    s = s.replace(/\./g, ''); // "1.234.567"
  }
  if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(s)) return undefined;
  const n = Number(s);
  return Number.isFinite(n) ? n : undefined;
}

// ---- scoring -----------------------------------------------------------------------------------

/** Scores one answer. Never throws: anything malformed scores 0. */
export function scoreAnswer(q: QuestionContent, answer: unknown): ScoreResult {
  try {
    return scoreUnsafe(q, answer);
  } catch {
    return ZERO;
  }
}

function result(fraction: number): ScoreResult {
  const f = Number.isFinite(fraction) ? Math.min(1, Math.max(0, fraction)) : 0;
  return { fraction: Math.round(f * 1e6) / 1e6, needsManualGrading: false };
}

function scoreUnsafe(q: QuestionContent, answer: unknown): ScoreResult {
  switch (q.type) {
    case 'essay':
      return { fraction: 0, needsManualGrading: true };
    case 'single': {
      if (typeof answer !== 'string') return ZERO;
      const chosen = q.body.options.find((o) => o.id === answer);
      return result(chosen?.correct === true ? 1 : 0);
    }
    case 'multiple':
      return scoreMultiple(q.body.options, answer);
    case 'true_false':
      return scoreTrueFalse(q.body, answer);
    case 'short':
      return scoreShort(q.body, answer);
    case 'numeric':
      return scoreNumeric(q.body, answer);
    case 'matching':
      return scoreMatching(q.body, answer);
    default:
      return ZERO;
  }
}

function scoreMultiple(options: ChoiceOption[], answer: unknown): ScoreResult {
  if (!Array.isArray(answer) || answer.length > QUESTION_LIMITS.choiceMax * 4) return ZERO;
  const correct = options.filter((o) => o.correct).length;
  if (correct === 0) return ZERO;
  const chosen = new Set<string>();
  for (const a of answer) if (typeof a === 'string') chosen.add(a);
  if (chosen.size === 0) return ZERO;
  let right = 0;
  let wrong = 0;
  for (const id of chosen) {
    const o = options.find((x) => x.id === id);
    if (o?.correct === true) right++;
    else wrong++; // a wrong option or an id that is not an option
  }
  // non-string entries count as wrong choices too: tampering never helps
  wrong += answer.filter((a) => typeof a !== 'string').length;
  return result((right - wrong) / correct);
}

function scoreTrueFalse(body: TrueFalseBody, answer: unknown): ScoreResult {
  if (typeof answer === 'boolean' && body.statements.length === 1) {
    // a one-statement question may be answered with a plain boolean
    return result(answer === body.statements[0]!.correct ? 1 : 0);
  }
  if (!answer || typeof answer !== 'object' || Array.isArray(answer)) return ZERO;
  const a = answer as Record<string, unknown>;
  let good = 0;
  for (const s of body.statements) {
    if (own(a, s.id) && typeof a[s.id] === 'boolean' && a[s.id] === s.correct) good++;
  }
  return result(body.statements.length ? good / body.statements.length : 0);
}

function scoreShort(body: ShortBody, answer: unknown): ScoreResult {
  if (typeof answer !== 'string' || answer.length > 1000) return ZERO;
  const given = normalizeShortAnswer(answer, body.ignoreDiacritics === true);
  if (!given) return ZERO;
  const ok = body.accepted.some((acc) => normalizeShortAnswer(acc, body.ignoreDiacritics === true) === given);
  return result(ok ? 1 : 0);
}

function scoreNumeric(body: NumericBody, answer: unknown): ScoreResult {
  const n = parseVietnameseNumber(answer);
  if (n === undefined) return ZERO;
  const tol = Math.abs(body.tolerance || 0);
  // a tiny relative slack absorbs binary rounding (0.1 + 0.2 vs 0.3)
  const slack = 1e-9 * Math.max(1, Math.abs(body.value));
  return result(Math.abs(n - body.value) <= tol + slack ? 1 : 0);
}

function scoreMatching(body: MatchingBody, answer: unknown): ScoreResult {
  if (!Array.isArray(answer) || answer.length > body.pairs.length * 2 + 10) return ZERO;
  if (body.pairs.length === 0) return ZERO;
  let good = 0;
  body.pairs.forEach((p, i) => {
    const a: unknown = answer[i];
    if (typeof a === 'string' && a.length <= 2000 && normalizeShortAnswer(a) === normalizeShortAnswer(p.right)) good++;
  });
  return result(good / body.pairs.length);
}

/** The points earned: fraction × points, rounded to 2 decimals (scores are written to 0.01). */
export function pointsEarned(points: number, score: ScoreResult): number {
  return Math.round(points * score.fraction * 100) / 100;
}
