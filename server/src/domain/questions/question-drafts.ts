/**
 * The shared middle of both import formats (plain text and spreadsheet): a `RawBlock` is what a
 * teacher wrote for one question, still as text; `buildDraft` turns it into a typed question
 * draft with its errors and warnings (line numbers, stable codes with vi/en texts). The service
 * resolves the lesson and writes the drafts that have no error.
 */
import { foldVietnamese } from '../shared/vietnamese.js';
import { parseVietnameseNumber } from './question-scoring.js';
import type { QuestionIssueCode } from './question-validation.js';
import { checkQuestionContent, checkQuestionMeta, normalizeStem } from './question-validation.js';
import type { CognitiveLevel, QuestionContent, QuestionType } from './question.types.js';

export interface DraftMessage {
  line: number;
  code: QuestionIssueCode;
}

/**
 * How a teacher names a lesson: "Bài 10" (the number in the lesson's title, as in the textbook) or
 * "Mục 9" (its position in the school's curriculum list, for lessons without a number).
 */
export interface LessonRef {
  kind: 'bai' | 'muc';
  n: number;
}

/** "Bài 10", "bai10", "B10", "10" → bài 10; "Mục 9", "#9" → position 9 ("Mức 9" is not a lesson). */
export function lessonRefFromText(text: string): LessonRef | null {
  const f = foldVietnamese(text).replace(/\.0+$/, '');
  const bai = /^(?:bai|b)?\s*(\d{1,3})$/.exec(f);
  if (bai) return { kind: 'bai', n: Number(bai[1]) };
  const muc = /^(?:mục|#)\s*(\d{1,3})$/u.exec(text.normalize('NFC').trim().toLocaleLowerCase('vi'));
  return muc ? { kind: 'muc', n: Number(muc[1]) } : null;
}

export function lessonRefText(ref: LessonRef): string {
  return ref.kind === 'bai' ? `Bài ${ref.n}` : `Mục ${ref.n}`;
}

/**
 * Finds the lesson a reference names among a subject × grade's lessons. "Bài N": the one lesson
 * whose title starts "Bài N"; when no title there starts with "Bài", the N-th lesson. "Mục N": the
 * N-th lesson. Null when none or several match.
 */
export function resolveLessonRef(lessons: readonly { id: number; position: number; title: string }[], ref: LessonRef): number | null {
  if (ref.kind === 'muc') return lessons.find((l) => l.position === ref.n)?.id ?? null;
  const numbered = lessons.map((l) => ({ l, m: /^bai\s*0*(\d+)\b/.exec(foldVietnamese(l.title)) }));
  if (!numbered.some((x) => x.m)) return lessons.find((l) => l.position === ref.n)?.id ?? null;
  const hits = numbered.filter((x) => x.m && Number(x.m[1]) === ref.n);
  return hits.length === 1 ? hits[0]!.l.id : null;
}

/** The reference to write for a lesson on export: "Bài N" when that finds it back, else "Mục P". */
export function lessonRefFor(lessons: readonly { id: number; position: number; title: string }[], lessonId: number): LessonRef | null {
  const lesson = lessons.find((l) => l.id === lessonId);
  if (!lesson) return null;
  const m = /^bai\s*0*(\d+)\b/.exec(foldVietnamese(lesson.title));
  const asBai: LessonRef = { kind: 'bai', n: m ? Number(m[1]) : lesson.position };
  return resolveLessonRef(lessons, asBai) === lessonId ? asBai : { kind: 'muc', n: lesson.position };
}

export interface RawBlock {
  /** "Câu 3" or "Dòng 7". */
  label: string;
  /** Line of the header (text) or spreadsheet row number. */
  line: number;
  type: QuestionType | null;
  level: CognitiveLevel | null;
  lessonRef: LessonRef | null;
  points: number | null;
  keepOrder: boolean;
  ignoreDiacritics: boolean;
  stem: string[];
  /** Lines "A. …", "*B. …", "a) … (Đ)", "A. left -> right": options, statements or pairs depending on the type. */
  items: { letter: string; text: string; starred: boolean; line: number }[];
  answer: { text: string; line: number } | null;
  tolerance: { text: string; line: number } | null;
  unit: string | null;
  distractors: string[];
  explanation: string[];
  rubric: string[];
  maxWords: number | null;
  errors: DraftMessage[];
  warnings: DraftMessage[];
}

export function emptyBlock(label: string, line: number): RawBlock {
  return {
    label, line, type: null, level: null, lessonRef: null, points: null, keepOrder: false, ignoreDiacritics: false,
    stem: [], items: [], answer: null, tolerance: null, unit: null, distractors: [], explanation: [], rubric: [], maxWords: null,
    errors: [], warnings: [],
  };
}

export interface QuestionDraft {
  label: string;
  line: number;
  level: CognitiveLevel | null;
  lessonRef: LessonRef | null;
  stem: string;
  points: number;
  /** Present when the draft has no error. */
  content: QuestionContent | null;
  type: QuestionType | null;
  errors: DraftMessage[];
  warnings: DraftMessage[];
}

// ---- words teachers write ------------------------------------------------------------------------

const LEVEL_WORDS: Record<string, CognitiveLevel> = {
  nb: 'nhan_biet', 'nhan biet': 'nhan_biet', m1: 'nhan_biet', biet: 'nhan_biet',
  th: 'thong_hieu', 'thong hieu': 'thong_hieu', m2: 'thong_hieu', hieu: 'thong_hieu',
  vd: 'van_dung', 'van dung': 'van_dung', m3: 'van_dung',
  vdc: 'van_dung_cao', 'van dung cao': 'van_dung_cao', m4: 'van_dung_cao',
};
const TYPE_WORDS: Record<string, QuestionType> = {
  'mot dap an': 'single', 'trac nghiem': 'single', 'mot lua chon': 'single', single: 'single', 'trac nghiem mot dap an': 'single',
  'nhieu dap an': 'multiple', 'nhieu lua chon': 'multiple', multiple: 'multiple', 'trac nghiem nhieu dap an': 'multiple',
  'dung/sai': 'true_false', 'dung sai': 'true_false', 'd/s': 'true_false', 'dung - sai': 'true_false', true_false: 'true_false',
  'tra loi ngan': 'short', 'dien khuyet': 'short', short: 'short',
  'dien so': 'numeric', 'tra loi so': 'numeric', numeric: 'numeric',
  'ghep doi': 'matching', 'noi cot': 'matching', noi: 'matching', matching: 'matching',
  'tu luan': 'essay', essay: 'essay',
};

const LEVEL_BY_NUMBER: CognitiveLevel[] = ['nhan_biet', 'thong_hieu', 'van_dung', 'van_dung_cao'];

/**
 * "NB", "Thông hiểu", "Mức 3"… → the level. "Mức" (level) and "Mục" (lesson position) fold to the
 * same letters, so the numbered form is read with its diacritics.
 */
export function levelFromWord(word: string): CognitiveLevel | null {
  const numbered = /^mức\s*([1-4])$/u.exec(word.normalize('NFC').trim().toLocaleLowerCase('vi'));
  if (numbered) return LEVEL_BY_NUMBER[Number(numbered[1]) - 1] ?? null;
  return LEVEL_WORDS[foldVietnamese(word).replace(/[.]/g, '')] ?? null;
}
export function typeFromWord(word: string): QuestionType | null {
  return TYPE_WORDS[foldVietnamese(word)] ?? null;
}

/** "0,5 điểm", "1đ", "2 d" → points; null when not a points tag. */
export function pointsFromTag(tag: string): number | null {
  const m = /^(\d+(?:[.,]\d+)?)\s*(?:diem|d)$/.exec(foldVietnamese(tag));
  return m ? (parseVietnameseNumber(m[1]) ?? null) : null;
}

/** "Đúng", "Đ", "đúng", "true" → true; "Sai", "S", "false" → false; otherwise null. */
export function truthFromWord(word: string): boolean | null {
  const w = foldVietnamese(word).replace(/[().]/g, '').trim();
  if (['d', 'dung', 'true', 't', 'x'].includes(w)) return true;
  if (['s', 'sai', 'false', 'f'].includes(w)) return false;
  return null;
}

const PLUS_MINUS = /\s*(?:±|\+\/-|\+-|\+−)\s*/;

// ---- building a draft ---------------------------------------------------------------------------

const ARROW = /\s*(?:->|=>|→|⟶)\s*/;
const TRUTH_MARK = /\s*\((đúng|sai|đ|s|dung|d)\)\s*$/iu;

interface Classified {
  options: { letter: string; text: string; starred: boolean; line: number }[];
  statements: { letter: string; text: string; correct: boolean; line: number }[];
  pairs: { left: string; right: string; line: number }[];
  /** Lines that do not fit the type. */
  misfits: number[];
}

/** Sorts the letter lines by what the type needs; without a type, by how they look. */
function classify(b: RawBlock, type: QuestionType | null): Classified {
  const out: Classified = { options: [], statements: [], pairs: [], misfits: [] };
  const asPair = (it: RawBlock['items'][number]) => {
    const [left = '', ...rest] = it.text.split(ARROW);
    if (!rest.length) return false;
    out.pairs.push({ left, right: rest.join(' -> '), line: it.line });
    return true;
  };
  const asStatement = (it: RawBlock['items'][number]) => {
    const m = TRUTH_MARK.exec(it.text);
    if (!m) return false;
    out.statements.push({ letter: it.letter, text: it.text.slice(0, m.index).trim(), correct: truthFromWord(m[1] ?? '') === true, line: it.line });
    return true;
  };
  for (const it of b.items) {
    if (type === 'single' || type === 'multiple') out.options.push(it);
    else if (type === 'matching') { if (!asPair(it)) out.misfits.push(it.line); }
    else if (type === 'true_false') { if (!asStatement(it)) out.misfits.push(it.line); }
    else if (type) out.misfits.push(it.line);
    else if (!asPair(it) && !asStatement(it)) out.options.push(it);
  }
  return out;
}

/** Infers the type when no tag says it, builds the body, and checks it. */
export function buildDraft(b: RawBlock): QuestionDraft {
  const errors = [...b.errors];
  const warnings = [...b.warnings];
  const stem = normalizeStem(b.stem.join('\n'));
  let type = b.type;
  const guess = classify(b, null);
  if (!type) {
    if (guess.pairs.length && !guess.options.length) type = 'matching';
    else if (guess.statements.length && !guess.options.length) type = 'true_false';
    else if (b.items.length) {
      const marked = new Set([...b.items.filter((o) => o.starred).map((o) => o.letter.toUpperCase()), ...answerLetters(b)]);
      type = marked.size > 1 ? 'multiple' : 'single';
    }
    else if (b.answer && truthFromWord(b.answer.text) !== null) type = 'true_false';
    else if (b.answer && !b.answer.text.includes('|') && parseVietnameseNumber(b.answer.text.split(PLUS_MINUS)[0] ?? '') !== undefined) type = 'numeric';
    else if (b.answer) type = 'short';
    else if (b.rubric.length) type = 'essay';
  }
  const level = b.level ?? 'nhan_biet';
  if (!b.level) warnings.push({ line: b.line, code: 'LEVEL_MISSING' });
  const points = b.points ?? 1;
  const base = { label: b.label, line: b.line, level, lessonRef: b.lessonRef, stem, points, type };
  if (!type) {
    errors.push({ line: b.line, code: 'ANSWER_MISSING' });
    return { ...base, content: null, errors, warnings };
  }
  const c = classify(b, type);
  for (const line of c.misfits) (type === 'matching' || type === 'true_false' ? errors : warnings).push({ line, code: type === 'matching' || type === 'true_false' ? 'LINE_NOT_UNDERSTOOD' : 'OPTIONS_IGNORED' });
  const body = bodyFor(type, b, c, stem, errors);
  for (const issue of checkQuestionMeta({ stem, level, points })) errors.push({ line: b.line, code: issue.code });
  if (body === undefined) return { ...base, content: null, errors, warnings };
  const checked = checkQuestionContent(type, body);
  for (const issue of checked.issues) errors.push({ line: lineFor(b, issue.field), code: issue.code });
  const content = errors.length ? null : checked.content ?? null;
  return { ...base, content, errors, warnings };
}

function lineFor(b: RawBlock, field: string): number {
  if (field.startsWith('body.options') || field.startsWith('body.statements') || field.startsWith('body.pairs')) return b.items[0]?.line ?? b.line;
  if (field.startsWith('body.value') || field.startsWith('body.accepted')) return b.answer?.line ?? b.line;
  if (field.startsWith('body.tolerance')) return b.tolerance?.line ?? b.answer?.line ?? b.line;
  return b.line;
}

/** Letters listed on an "Đáp án: A, C" line. */
function answerLetters(b: RawBlock): string[] {
  if (!b.answer) return [];
  const parts = b.answer.text.split(/[\s,;]+/).filter(Boolean);
  if (!parts.length || !parts.every((p) => /^[A-La-l]$/.test(p))) return [];
  return parts.map((p) => p.toUpperCase());
}

function bodyFor(type: QuestionType, b: RawBlock, c: Classified, stem: string, errors: DraftMessage[]): unknown {
  const explanation = b.explanation.length ? { explanation: b.explanation.join('\n').trim() } : {};
  switch (type) {
    case 'single':
    case 'multiple': {
      const letters = new Set(answerLetters(b));
      if (b.answer && !letters.size) errors.push({ line: b.answer.line, code: 'LINE_NOT_UNDERSTOOD' });
      return {
        options: c.options.map((o) => ({ id: o.letter.toUpperCase(), text: o.text, correct: o.starred || letters.has(o.letter.toUpperCase()) })),
        ...(b.keepOrder ? { keepOrder: true } : {}),
        ...explanation,
      };
    }
    case 'true_false': {
      if (c.statements.length) return { statements: c.statements.map((s) => ({ id: s.letter.toLowerCase(), text: s.text, correct: s.correct })), ...explanation };
      const truth = b.answer ? truthFromWord(b.answer.text) : null;
      if (truth === null) {
        errors.push({ line: b.answer?.line ?? b.line, code: 'STATEMENTS_REQUIRED' });
        return undefined;
      }
      // one statement: the stem itself is the statement
      return { statements: [{ id: 'a', text: stem.split('\n').pop() || stem, correct: truth }], ...explanation };
    }
    case 'short': {
      const accepted = (b.answer?.text ?? '').split('|').map((s) => s.trim()).filter(Boolean);
      return { accepted, ...(b.ignoreDiacritics ? { ignoreDiacritics: true } : {}), ...explanation };
    }
    case 'numeric': {
      if (!b.answer) {
        errors.push({ line: b.line, code: 'ANSWER_MISSING' });
        return undefined;
      }
      const [valueText = '', tolText] = b.answer.text.split(PLUS_MINUS);
      const value = parseVietnameseNumber(valueText.trim());
      if (value === undefined) {
        errors.push({ line: b.answer.line, code: 'NUMBER_INVALID' });
        return undefined;
      }
      const tolSource = tolText ?? b.tolerance?.text;
      const tolerance = tolSource === undefined || tolSource.trim() === '' ? 0 : parseVietnameseNumber(tolSource.trim());
      if (tolerance === undefined || tolerance < 0) {
        errors.push({ line: b.tolerance?.line ?? b.answer.line, code: 'TOLERANCE_INVALID' });
        return undefined;
      }
      return { value, tolerance, ...(b.unit ? { unit: b.unit } : {}), ...explanation };
    }
    case 'matching':
      return { pairs: c.pairs.map((p) => ({ left: p.left, right: p.right })), ...(b.distractors.length ? { distractors: b.distractors } : {}), ...explanation };
    case 'essay':
      return { ...(b.rubric.length ? { rubric: b.rubric.join('\n').trim() } : b.answer ? { rubric: b.answer.text } : {}), ...(b.maxWords ? { maxWords: b.maxWords } : {}) };
  }
}
