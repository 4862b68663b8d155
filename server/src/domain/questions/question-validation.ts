/**
 * Checks and normalizes a question before it enters the bank (Art. 7.3: the bank's content is
 * checked by the subject group). Shape per type comes from the contract schemas; the rules the
 * shape cannot say (exactly one correct option, no duplicate options…) are here. Every issue has a
 * stable code with Vietnamese and English text, used both by the API and by the import report.
 */
import { Value } from '@sinclair/typebox/value';
import { QUESTION_BODY_SCHEMAS } from '../../contracts/questions.schema.js';
import { foldVietnamese } from '../shared/vietnamese.js';
import { normalizeShortAnswer } from './question-scoring.js';
import type { QuestionContent, QuestionType } from './question.types.js';
import { isCognitiveLevel, isQuestionType, QUESTION_LIMITS } from './question.types.js';

export const QUESTION_ISSUES = {
  TYPE_UNKNOWN: { vi: 'Loại câu hỏi không hợp lệ.', en: 'Unknown question type.' },
  LEVEL_UNKNOWN: { vi: 'Mức độ phải là Nhận biết (NB), Thông hiểu (TH), Vận dụng (VD) hoặc Vận dụng cao (VDC).', en: 'The level must be NB, TH, VD or VDC.' },
  STEM_REQUIRED: { vi: 'Thiếu nội dung câu hỏi.', en: 'The question text is missing.' },
  STEM_TOO_LONG: { vi: 'Nội dung câu hỏi quá dài.', en: 'The question text is too long.' },
  POINTS_INVALID: { vi: 'Điểm phải lớn hơn 0 và không quá 100.', en: 'Points must be above 0 and at most 100.' },
  BODY_SHAPE: { vi: 'Phần đáp án không đúng cấu trúc của loại câu hỏi.', en: 'The answer part does not fit the question type.' },
  TOO_FEW_OPTIONS: { vi: 'Cần ít nhất 2 phương án.', en: 'At least 2 options are needed.' },
  TOO_MANY_OPTIONS: { vi: 'Tối đa 10 phương án.', en: 'At most 10 options.' },
  SINGLE_NEEDS_ONE_CORRECT: { vi: 'Câu một đáp án cần đúng một phương án đúng (đánh dấu *).', en: 'A single-choice question needs exactly one correct option (marked *).' },
  MULTIPLE_NEEDS_CORRECT: { vi: 'Câu nhiều đáp án cần ít nhất một phương án đúng (đánh dấu *).', en: 'A multiple-choice question needs at least one correct option (marked *).' },
  DUPLICATE_OPTION: { vi: 'Có hai phương án giống nhau.', en: 'Two options are the same.' },
  DUPLICATE_OPTION_ID: { vi: 'Hai phương án trùng kí hiệu.', en: 'Two options have the same letter.' },
  STATEMENTS_REQUIRED: { vi: 'Câu Đúng/Sai cần ít nhất một mệnh đề có đánh dấu (Đ) hoặc (S), hoặc dòng "Đáp án: Đúng/Sai".', en: 'A true/false question needs at least one statement marked (Đ) or (S), or an "Đáp án: Đúng/Sai" line.' },
  TOO_MANY_STATEMENTS: { vi: 'Tối đa 8 mệnh đề.', en: 'At most 8 statements.' },
  ACCEPTED_REQUIRED: { vi: 'Câu trả lời ngắn cần ít nhất một đáp án được chấp nhận (Đáp án: …).', en: 'A short-answer question needs at least one accepted answer (Đáp án: …).' },
  NUMBER_INVALID: { vi: 'Đáp án số không đọc được (ví dụ đúng: 3,5 hoặc 3,5 ± 0,1).', en: 'The numeric answer cannot be read (e.g. 3,5 or 3,5 ± 0,1).' },
  TOLERANCE_INVALID: { vi: 'Dung sai phải là số không âm.', en: 'The tolerance must be a non-negative number.' },
  PAIRS_REQUIRED: { vi: 'Câu ghép đôi cần từ 2 đến 12 cặp dạng "A. vế trái -> vế phải".', en: 'A matching question needs 2 to 12 pairs like "A. left -> right".' },
  DUPLICATE_PAIR_SIDE: { vi: 'Hai vế trái (hoặc hai vế phải/phương án nhiễu) giống nhau.', en: 'Two left items (or two right items/distractors) are the same.' },
  ANSWER_MISSING: { vi: 'Thiếu đáp án.', en: 'The answer is missing.' },
  LESSON_NOT_FOUND: { vi: 'Không có bài này trong chương trình của môn và khối đã chọn.', en: 'No such lesson in the curriculum of the chosen subject and grade.' },
  HEADER_INVALID: { vi: 'Dòng đầu câu phải có dạng "Câu 1 [NB] (Bài 1): nội dung".', en: 'A question must start like "Câu 1 [NB] (Bài 1): text".' },
  LINE_OUTSIDE_QUESTION: { vi: 'Dòng này nằm ngoài câu hỏi nào (mỗi câu bắt đầu bằng "Câu 1", "Câu 2"…).', en: 'This line is outside any question (each starts with "Câu 1", "Câu 2"…).' },
  LINE_NOT_UNDERSTOOD: { vi: 'Không hiểu dòng này trong loại câu hỏi đã chọn.', en: 'This line does not fit the question type.' },
  TAG_UNKNOWN: { vi: 'Nhãn trong ngoặc vuông không được hỗ trợ.', en: 'Unknown tag in square brackets.' },
  LEVEL_MISSING: { vi: 'Thiếu mức độ, tạm dùng Nhận biết. Ghi [NB], [TH], [VD] hoặc [VDC].', en: 'No level given; Nhận biết assumed. Write [NB], [TH], [VD] or [VDC].' },
  OPTIONS_IGNORED: { vi: 'Các phương án A, B… bị bỏ qua với loại câu hỏi này.', en: 'Options A, B… are ignored for this question type.' },
  NO_QUESTIONS: { vi: 'Không tìm thấy câu hỏi nào.', en: 'No question found.' },
} as const;
export type QuestionIssueCode = keyof typeof QUESTION_ISSUES;

export interface QuestionIssue {
  code: QuestionIssueCode;
  field: string;
}

const nfc = (s: string) => s.normalize('NFC').replace(/\r/g, '').trim();
const oneLine = (s: string) => nfc(s).replace(/\s+/g, ' ');

/**
 * Checks a question's type and body; on success returns the normalized content (texts trimmed and
 * NFC, accepted answers deduplicated). Never throws on bad input.
 */
export function checkQuestionContent(type: unknown, body: unknown): { content?: QuestionContent; issues: QuestionIssue[] } {
  if (!isQuestionType(type)) return { issues: [{ code: 'TYPE_UNKNOWN', field: 'type' }] };
  const schema = QUESTION_BODY_SCHEMAS[type];
  if (!Value.Check(schema, body)) {
    const first = [...Value.Errors(schema, body)].slice(0, 1).map((e) => e.path)[0] ?? '';
    return { issues: [specificShapeIssue(type, body, first)] };
  }
  const issues: QuestionIssue[] = [];
  const content = normalizeContent({ type, body } as QuestionContent);
  switch (content.type) {
    case 'single':
    case 'multiple': {
      const opts = content.body.options;
      if (new Set(opts.map((o) => o.id)).size !== opts.length) issues.push({ code: 'DUPLICATE_OPTION_ID', field: 'body.options' });
      if (new Set(opts.map((o) => normalizeShortAnswer(o.text))).size !== opts.length) issues.push({ code: 'DUPLICATE_OPTION', field: 'body.options' });
      const correct = opts.filter((o) => o.correct).length;
      if (content.type === 'single' && correct !== 1) issues.push({ code: 'SINGLE_NEEDS_ONE_CORRECT', field: 'body.options' });
      if (content.type === 'multiple' && correct < 1) issues.push({ code: 'MULTIPLE_NEEDS_CORRECT', field: 'body.options' });
      break;
    }
    case 'true_false': {
      const st = content.body.statements;
      if (new Set(st.map((o) => o.id)).size !== st.length) issues.push({ code: 'DUPLICATE_OPTION_ID', field: 'body.statements' });
      break;
    }
    case 'short':
      if (!content.body.accepted.length) issues.push({ code: 'ACCEPTED_REQUIRED', field: 'body.accepted' });
      break;
    case 'numeric':
      if (!Number.isFinite(content.body.value)) issues.push({ code: 'NUMBER_INVALID', field: 'body.value' });
      if (!Number.isFinite(content.body.tolerance) || content.body.tolerance < 0) issues.push({ code: 'TOLERANCE_INVALID', field: 'body.tolerance' });
      break;
    case 'matching': {
      const lefts = content.body.pairs.map((p) => normalizeShortAnswer(p.left));
      const rights = [...content.body.pairs.map((p) => p.right), ...(content.body.distractors ?? [])].map((r) => normalizeShortAnswer(r));
      if (new Set(lefts).size !== lefts.length || new Set(rights).size !== rights.length) issues.push({ code: 'DUPLICATE_PAIR_SIDE', field: 'body.pairs' });
      break;
    }
    case 'essay':
      break;
  }
  return issues.length ? { issues } : { content, issues };
}

/** A clearer code than BODY_SHAPE for the common mistakes. */
function specificShapeIssue(type: QuestionType, body: unknown, path: string): QuestionIssue {
  const b = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const len = (k: string) => (Array.isArray(b[k]) ? (b[k] as unknown[]).length : -1);
  if ((type === 'single' || type === 'multiple') && len('options') >= 0 && len('options') < QUESTION_LIMITS.choiceMin) return { code: 'TOO_FEW_OPTIONS', field: 'body.options' };
  if ((type === 'single' || type === 'multiple') && len('options') > QUESTION_LIMITS.choiceMax) return { code: 'TOO_MANY_OPTIONS', field: 'body.options' };
  if (type === 'true_false' && len('statements') === 0) return { code: 'STATEMENTS_REQUIRED', field: 'body.statements' };
  if (type === 'true_false' && len('statements') > QUESTION_LIMITS.statementsMax) return { code: 'TOO_MANY_STATEMENTS', field: 'body.statements' };
  if (type === 'short' && len('accepted') <= 0) return { code: 'ACCEPTED_REQUIRED', field: 'body.accepted' };
  if (type === 'matching' && (len('pairs') < QUESTION_LIMITS.pairsMin || len('pairs') > QUESTION_LIMITS.pairsMax)) return { code: 'PAIRS_REQUIRED', field: 'body.pairs' };
  if (type === 'numeric' && path.startsWith('/tolerance')) return { code: 'TOLERANCE_INVALID', field: 'body.tolerance' };
  if (type === 'numeric' && path.startsWith('/value')) return { code: 'NUMBER_INVALID', field: 'body.value' };
  return { code: 'BODY_SHAPE', field: `body${path.replace(/\//g, '.')}` };
}

function normalizeContent(c: QuestionContent): QuestionContent {
  const expl = (e: string | undefined) => (e && nfc(e) ? { explanation: nfc(e) } : {});
  switch (c.type) {
    case 'single':
    case 'multiple':
      return {
        type: c.type,
        body: {
          options: c.body.options.map((o) => ({ id: o.id.toUpperCase(), text: oneLine(o.text), correct: o.correct })),
          ...(c.body.keepOrder ? { keepOrder: true } : {}),
          ...expl(c.body.explanation),
        },
      } as QuestionContent;
    case 'true_false':
      return { type: 'true_false', body: { statements: c.body.statements.map((s) => ({ id: s.id.toLowerCase(), text: oneLine(s.text), correct: s.correct })), ...expl(c.body.explanation) } };
    case 'short': {
      const seen = new Set<string>();
      const accepted: string[] = [];
      for (const a of c.body.accepted.map(oneLine)) {
        const key = normalizeShortAnswer(a, c.body.ignoreDiacritics === true);
        if (a && !seen.has(key)) { seen.add(key); accepted.push(a); }
      }
      return { type: 'short', body: { accepted, ...(c.body.ignoreDiacritics ? { ignoreDiacritics: true } : {}), ...expl(c.body.explanation) } };
    }
    case 'numeric':
      return { type: 'numeric', body: { value: c.body.value, tolerance: c.body.tolerance, ...(c.body.unit && oneLine(c.body.unit) ? { unit: oneLine(c.body.unit) } : {}), ...expl(c.body.explanation) } };
    case 'matching':
      return {
        type: 'matching',
        body: {
          pairs: c.body.pairs.map((p) => ({ left: oneLine(p.left), right: oneLine(p.right) })),
          ...(c.body.distractors?.length ? { distractors: c.body.distractors.map(oneLine) } : {}),
          ...expl(c.body.explanation),
        },
      };
    case 'essay':
      return { type: 'essay', body: { ...(c.body.rubric && nfc(c.body.rubric) ? { rubric: nfc(c.body.rubric) } : {}), ...(c.body.maxWords ? { maxWords: c.body.maxWords } : {}) } };
  }
}

/** Checks the fields around the content: stem, level, points. */
export function checkQuestionMeta(m: { stem: unknown; level: unknown; points: unknown }): QuestionIssue[] {
  const issues: QuestionIssue[] = [];
  if (typeof m.stem !== 'string' || !nfc(m.stem)) issues.push({ code: 'STEM_REQUIRED', field: 'stem' });
  else if (m.stem.length > QUESTION_LIMITS.stemMax) issues.push({ code: 'STEM_TOO_LONG', field: 'stem' });
  if (!isCognitiveLevel(m.level)) issues.push({ code: 'LEVEL_UNKNOWN', field: 'level' });
  if (typeof m.points !== 'number' || !Number.isFinite(m.points) || m.points <= 0 || m.points > QUESTION_LIMITS.pointsMax) issues.push({ code: 'POINTS_INVALID', field: 'points' });
  return issues;
}

export function normalizeStem(stem: string): string {
  return nfc(stem).split('\n').map((l) => l.replace(/[ \t]+/g, ' ').trimEnd()).join('\n').replace(/\n{3,}/g, '\n\n');
}

/** The folded text searched by "tap hop": stem, options, statements, pairs, accepted answers. */
export function searchTextOf(stem: string, c: QuestionContent): string {
  const parts = [stem];
  switch (c.type) {
    case 'single':
    case 'multiple': parts.push(...c.body.options.map((o) => o.text)); break;
    case 'true_false': parts.push(...c.body.statements.map((s) => s.text)); break;
    case 'short': parts.push(...c.body.accepted); break;
    case 'matching': parts.push(...c.body.pairs.flatMap((p) => [p.left, p.right])); break;
    default: break;
  }
  return foldVietnamese(parts.join(' ')).slice(0, 20000);
}

