/**
 * The plain-text question format teachers type in Word or Zalo (Art. 7.3: the school builds its
 * question banks). One question per block:
 *
 *   Câu 1 [NB] (Bài 1): Tập hợp A = {1; 2; 3} có bao nhiêu phần tử?
 *   A. 1
 *   B. 2
 *   *C. 3
 *   D. 4
 *
 * Header: "Câu <số>", then tags in any order — level [NB] [TH] [VD] [VDC], type [Nhiều đáp án]
 * [Đúng/Sai] [Trả lời ngắn] [Điền số] [Ghép đôi] [Tự luận] (else guessed), lesson (Bài 3),
 * points [0,5 điểm], [Không đảo] (keep option order), [Bỏ dấu] (short answers ignore diacritics) —
 * then ":" and the question text (more lines may follow).
 * Lines: "*C. …" correct option (or "Đáp án: C" / "Đáp án: A, C"); "a) … (Đ)" / "(S)" statements;
 * "A. trái -> phải" pairs, "Nhiễu: x | y" extra right items; "Đáp án: Đúng" one-statement
 * true/false; "Đáp án: Hà Nội | Ha Noi" short answer; "Đáp án: 3,5 ± 0,1" numeric (Vietnamese
 * decimal comma), "Đơn vị: cm"; "Hướng dẫn chấm: …" essay rubric; "Lời giải: …" explanation
 * (last, may run over several lines). Lines starting with # are comments.
 */
import { foldVietnamese } from '../shared/vietnamese.js';
import type { DraftMessage, LessonRef, QuestionDraft, RawBlock } from './question-drafts.js';
import { buildDraft, emptyBlock, lessonRefFromText, lessonRefText, levelFromWord, pointsFromTag, typeFromWord } from './question-drafts.js';
import type { CognitiveLevel, QuestionContent, QuestionType } from './question.types.js';
import { COGNITIVE_LEVEL_LABELS } from './question.types.js';

export interface TextParseResult {
  drafts: QuestionDraft[];
  /** Problems outside any question (text before "Câu 1", nothing found). */
  errors: DraftMessage[];
}

/** Largest text accepted (a whole bank of a grade is well under this). */
export const MAX_TEXT_CHARS = 500_000;
export const MAX_TEXT_QUESTIONS = 1000;

const HEADER = /^\s*(?:\*\*)?\s*c[âa]u\s*(\d{1,4})\b\s*(.*)$/iu;
const LETTER_LINE = /^(\*?)\s*([A-La-l])\s*[.)]\s+(.*)$/u;
const LETTER_ONLY = /^(\*?)\s*([A-La-l])\s*[.)]\s*$/u;

type Mode = 'body' | 'explanation' | 'rubric';

export function parseQuestionText(input: string): TextParseResult {
  const errors: DraftMessage[] = [];
  const blocks: RawBlock[] = [];
  const lines = input.slice(0, MAX_TEXT_CHARS).normalize('NFC').replace(/\r\n?/g, '\n').split('\n');
  let b: RawBlock | null = null;
  let mode: Mode = 'body';
  let bodyStarted = false;

  lines.forEach((raw, index) => {
    const lineNo = index + 1;
    const line = raw.replace(/\u00a0/g, ' ').replace(/[\u200b\ufeff]/g, '').trim();
    const header = HEADER.exec(line);
    if (header && blocks.length < MAX_TEXT_QUESTIONS) {
      b = emptyBlock(`Câu ${header[1]}`, lineNo);
      blocks.push(b);
      mode = 'body';
      bodyStarted = false;
      readHeaderRest(b, header[2] ?? '', lineNo);
      return;
    }
    if (!line || line.startsWith('#') || line.startsWith('//')) return;
    if (!b) {
      errors.push({ line: lineNo, code: 'LINE_OUTSIDE_QUESTION' });
      return;
    }
    const q: RawBlock = b;
    if (mode === 'explanation') { q.explanation.push(line); return; }
    if (mode === 'rubric') { q.rubric.push(line); return; }

    const keyed = /^([^:：]{1,30})[:：]\s*(.*)$/u.exec(line);
    const key = keyed ? foldVietnamese(keyed[1] ?? '') : '';
    const value = keyed ? (keyed[2] ?? '').trim() : '';
    if (keyed && ['dap an', 'da', 'dap so'].includes(key)) { q.answer = { text: value, line: lineNo }; bodyStarted = true; return; }
    if (keyed && ['loi giai', 'giai thich', 'huong dan giai', 'giai'].includes(key)) { mode = 'explanation'; if (value) q.explanation.push(value); bodyStarted = true; return; }
    if (keyed && ['huong dan cham', 'goi y cham', 'thang diem', 'dap an tu luan'].includes(key)) { mode = 'rubric'; if (value) q.rubric.push(value); bodyStarted = true; return; }
    if (keyed && ['nhieu', 'phuong an nhieu'].includes(key)) { q.distractors.push(...value.split('|').map((s) => s.trim()).filter(Boolean)); bodyStarted = true; return; }
    if (keyed && key === 'don vi') { q.unit = value || null; bodyStarted = true; return; }
    if (keyed && key === 'dung sai') { q.tolerance = { text: value, line: lineNo }; bodyStarted = true; return; }
    if (keyed && key === 'so tu toi da') {
      const n = Number(value);
      if (Number.isInteger(n) && n > 0 && n <= 10000) q.maxWords = n;
      else q.errors.push({ line: lineNo, code: 'LINE_NOT_UNDERSTOOD' });
      bodyStarted = true;
      return;
    }
    const item = LETTER_LINE.exec(line);
    if (item) {
      q.items.push({ letter: item[2] ?? '', text: (item[3] ?? '').trim(), starred: item[1] === '*', line: lineNo });
      bodyStarted = true;
      return;
    }
    if (LETTER_ONLY.test(line)) {
      q.errors.push({ line: lineNo, code: 'LINE_NOT_UNDERSTOOD' });
      bodyStarted = true;
      return;
    }
    if (!bodyStarted) { q.stem.push(line); return; }
    q.errors.push({ line: lineNo, code: 'LINE_NOT_UNDERSTOOD' });
  });

  if (!blocks.length) errors.push({ line: 1, code: 'NO_QUESTIONS' });
  return { drafts: blocks.map(buildDraft), errors };
}

/** Reads "[NB] (Bài 1) [0,5 điểm]: text" after "Câu 1". */
function readHeaderRest(b: RawBlock, rest: string, lineNo: number): void {
  let s = rest.trim();
  for (let guard = 0; guard < 12; guard++) {
    s = s.trimStart();
    const bracket = /^\[([^\]]{0,60})\]/u.exec(s);
    if (bracket) {
      applyTag(b, bracket[1] ?? '', lineNo);
      s = s.slice(bracket[0].length);
      continue;
    }
    const paren = /^\(([^)]{0,40})\)/u.exec(s);
    if (paren && (lessonFromTag(paren[1] ?? '') !== null || pointsFromTag(paren[1] ?? '') !== null || levelFromWord(paren[1] ?? '') !== null)) {
      applyTag(b, paren[1] ?? '', lineNo);
      s = s.slice(paren[0].length);
      continue;
    }
    break;
  }
  s = s.replace(/^[\s]*[:.：]\s*/u, '').trim();
  if (s) b.stem.push(s);
}

/** "Bài 3", "B3", "Mục 9", "#9" (a bare number is not a lesson here: it could be anything). */
function lessonFromTag(tag: string): LessonRef | null {
  return /^\s*\d/.test(tag) ? null : lessonRefFromText(tag);
}

function applyTag(b: RawBlock, tag: string, lineNo: number): void {
  const folded = foldVietnamese(tag);
  const level = levelFromWord(tag);
  const type = typeFromWord(tag);
  const lesson = lessonFromTag(tag);
  const points = pointsFromTag(tag);
  if (level) b.level = level;
  else if (type) b.type = type;
  else if (lesson !== null) b.lessonRef = lesson;
  else if (points !== null) b.points = points;
  else if (folded === 'khong dao' || folded === 'giu thu tu') b.keepOrder = true;
  else if (folded === 'bo dau' || folded === 'khong dau') b.ignoreDiacritics = true;
  else b.errors.push({ line: lineNo, code: 'TAG_UNKNOWN' });
}

// ---- writing --------------------------------------------------------------------------------------

export const TYPE_TAGS: Record<QuestionType, string> = {
  single: 'Một đáp án', multiple: 'Nhiều đáp án', true_false: 'Đúng/Sai', short: 'Trả lời ngắn', numeric: 'Điền số', matching: 'Ghép đôi', essay: 'Tự luận',
};

/** Numbers as Vietnamese write them: decimal comma, no thousands separator. */
export function formatVietnameseNumber(n: number): string {
  return String(Math.round(n * 1e9) / 1e9).replace('.', ',');
}

export interface ExportableQuestion {
  level: CognitiveLevel;
  lessonRef: LessonRef | null;
  stem: string;
  points: number;
  content: QuestionContent;
}

/** Writes questions in the text format; `parseQuestionText` reads the result back unchanged. */
export function formatQuestionText(questions: ExportableQuestion[]): string {
  return questions.map((q, i) => formatOne(q, i + 1)).join('\n\n') + '\n';
}

const LETTERS = 'ABCDEFGHIJKL';

function formatOne(q: ExportableQuestion, n: number): string {
  const c = q.content;
  const tags = [`[${COGNITIVE_LEVEL_LABELS[q.level].short}]`, `[${TYPE_TAGS[c.type]}]`];
  if (q.lessonRef !== null) tags.push(`(${lessonRefText(q.lessonRef)})`);
  if (q.points !== 1) tags.push(`[${formatVietnameseNumber(q.points)} điểm]`);
  if ((c.type === 'single' || c.type === 'multiple') && c.body.keepOrder) tags.push('[Không đảo]');
  if (c.type === 'short' && c.body.ignoreDiacritics) tags.push('[Bỏ dấu]');
  const [first = '', ...more] = q.stem.split('\n');
  const out = [`Câu ${n} ${tags.join(' ')}: ${first}`, ...more.filter((l) => l.trim())];
  let explanation: string | undefined;
  switch (c.type) {
    case 'single':
    case 'multiple':
      c.body.options.forEach((o, i) => out.push(`${o.correct ? '*' : ''}${LETTERS[i]}. ${o.text}`));
      explanation = c.body.explanation;
      break;
    case 'true_false': {
      const st = c.body.statements;
      const lastStemLine = q.stem.split('\n').pop() ?? q.stem;
      if (st.length === 1 && st[0]!.text === lastStemLine) out.push(`Đáp án: ${st[0]!.correct ? 'Đúng' : 'Sai'}`);
      else st.forEach((s, i) => out.push(`${LETTERS[i]!.toLowerCase()}) ${s.text} (${s.correct ? 'Đ' : 'S'})`));
      explanation = c.body.explanation;
      break;
    }
    case 'short':
      out.push(`Đáp án: ${c.body.accepted.join(' | ')}`);
      explanation = c.body.explanation;
      break;
    case 'numeric':
      out.push(`Đáp án: ${formatVietnameseNumber(c.body.value)}${c.body.tolerance ? ` ± ${formatVietnameseNumber(c.body.tolerance)}` : ''}`);
      if (c.body.unit) out.push(`Đơn vị: ${c.body.unit}`);
      explanation = c.body.explanation;
      break;
    case 'matching':
      c.body.pairs.forEach((p, i) => out.push(`${LETTERS[i]}. ${p.left} -> ${p.right}`));
      if (c.body.distractors?.length) out.push(`Nhiễu: ${c.body.distractors.join(' | ')}`);
      explanation = c.body.explanation;
      break;
    case 'essay':
      if (c.body.maxWords) out.push(`Số từ tối đa: ${c.body.maxWords}`);
      if (c.body.rubric) out.push(`Hướng dẫn chấm: ${c.body.rubric}`);
      break;
  }
  if (explanation) out.push(`Lời giải: ${explanation}`);
  return out.join('\n');
}

/** The example shown on the import page (and checked by the tests to parse without error). */
export const TEXT_FORMAT_EXAMPLE = `Câu 1 [NB] (Bài 1): Tập hợp A = {1; 2; 3} có bao nhiêu phần tử?
A. 1
B. 2
*C. 3
D. 4

Câu 2 [TH] [Nhiều đáp án] (Bài 3): Những số nào sau đây là số tự nhiên?
*A. 0
*B. 15
C. 2,5
D. −3

Câu 3 [NB] [Đúng/Sai] (Bài 8): Xét tính đúng sai của các khẳng định sau.
a) 7 là số nguyên tố. (Đ)
b) 9 là số nguyên tố. (S)

Câu 4 [TH] [Trả lời ngắn] (Bài 10): Số nguyên tố chẵn duy nhất là số nào? Viết bằng chữ.
Đáp án: hai | số hai

Câu 5 [VD] [Điền số] (Bài 12) [0,5 điểm]: Tính 7 : 2.
Đáp án: 3,5 ± 0,01

Câu 6 [TH] [Ghép đôi]: Nối mỗi số với tên gọi của nó.
A. 2 -> số nguyên tố chẵn
B. 9 -> hợp số lẻ
Nhiễu: số nguyên âm

Câu 7 [VDC] [Tự luận] [2 điểm]: Chứng minh rằng tích của hai số tự nhiên liên tiếp luôn chia hết cho 2.
Hướng dẫn chấm: Xét hai trường hợp n chẵn và n lẻ (1 điểm mỗi trường hợp).
`;
