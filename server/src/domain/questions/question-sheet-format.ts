/**
 * The spreadsheet question format (.xlsx/.csv, one question per row), for teachers who keep their
 * bank in Excel (Art. 7.3). Columns (headers matched without diacritics or case):
 *   STT | Loại | Mức độ | Bài | Câu hỏi | Phương án A … Phương án L | Đáp án | Dung sai | Đơn vị | Điểm | Nhiễu | Lời giải | Tùy chọn
 * (Tùy chọn: "Không đảo" keeps the option order, "Bỏ dấu" lets short answers ignore diacritics.)
 * Loại: Một đáp án, Nhiều đáp án, Đúng/Sai, Trả lời ngắn, Điền số, Ghép đôi, Tự luận (empty: guessed).
 * Mức độ: NB/TH/VD/VDC or the full words. Bài: the lesson's number in the curriculum.
 * Đáp án: "C" or "A, C" (or a * before the option's text); Đúng/Sai: "Đ, S, Đ" one per statement,
 * or "Đúng"/"Sai" for a one-statement question; short answer: "Hà Nội | Ha Noi"; numeric: "3,5"
 * with the tolerance in Dung sai (or "3,5 ± 0,1"); matching: options "trái -> phải"; essay: the
 * marking guide. The rows become the same drafts as the text format, so the rules are the same.
 */
import { foldVietnamese } from '../shared/vietnamese.js';
import type { QuestionDraft, RawBlock } from './question-drafts.js';
import { buildDraft, emptyBlock, lessonRefFromText, lessonRefText, levelFromWord, truthFromWord, typeFromWord } from './question-drafts.js';
import { parseVietnameseNumber } from './question-scoring.js';
import type { ExportableQuestion } from './question-text-format.js';
import { formatVietnameseNumber, TYPE_TAGS } from './question-text-format.js';
import { COGNITIVE_LEVEL_LABELS } from './question.types.js';
import type { SheetSpec } from '../shared/documents.js';

export interface QuestionTableInput {
  headers: string[];
  rows: { rowNumber: number; cells: Record<string, string | null> }[];
}

type Field = 'label' | 'type' | 'level' | 'lesson' | 'stem' | 'answer' | 'tolerance' | 'unit' | 'points' | 'distractors' | 'explanation' | 'rubric' | 'flags';

const HEADER_WORDS: Record<string, Field> = {
  stt: 'label', 'so thu tu': 'label',
  loai: 'type', 'loai cau hoi': 'type', 'dang': 'type', 'dang cau hoi': 'type',
  'muc do': 'level', 'muc': 'level', 'cap do': 'level', 'muc do nhan thuc': 'level',
  bai: 'lesson', 'bai hoc': 'lesson', 'bai so': 'lesson',
  'cau hoi': 'stem', 'noi dung': 'stem', 'noi dung cau hoi': 'stem', 'de bai': 'stem',
  'dap an': 'answer', 'dap an dung': 'answer',
  'dung sai': 'tolerance', 'sai so': 'tolerance',
  'don vi': 'unit',
  diem: 'points', 'so diem': 'points',
  nhieu: 'distractors', 'phuong an nhieu': 'distractors',
  'loi giai': 'explanation', 'giai thich': 'explanation', 'huong dan giai': 'explanation',
  'huong dan cham': 'rubric',
  'tuy chon': 'flags',
};

function optionLetter(header: string): string | null {
  const m = /^(?:phuong an|pa|lua chon)\s*([a-l])$/.exec(foldVietnamese(header));
  return m ? (m[1] ?? '').toUpperCase() : null;
}

/** The header row holds "Câu hỏi" and at least one of Loại, Đáp án, Mức độ. */
export function isQuestionHeaderRow(cells: string[]): boolean {
  const fields = new Set(cells.map((c) => HEADER_WORDS[foldVietnamese(c)]).filter(Boolean));
  return fields.has('stem') && (fields.has('type') || fields.has('answer') || fields.has('level'));
}

export function draftsFromTable(table: QuestionTableInput): { drafts: QuestionDraft[]; missingStemColumn: boolean } {
  const fieldOf = new Map<string, Field>();
  const letterOf = new Map<string, string>();
  for (const h of table.headers) {
    const f = HEADER_WORDS[foldVietnamese(h)];
    if (f && ![...fieldOf.values()].includes(f)) fieldOf.set(h, f);
    const letter = optionLetter(h);
    if (letter) letterOf.set(h, letter);
  }
  if (![...fieldOf.values()].includes('stem')) return { drafts: [], missingStemColumn: true };
  const drafts: QuestionDraft[] = [];
  for (const row of table.rows) {
    const get = (f: Field): string => {
      for (const [h, field] of fieldOf) if (field === f) return (row.cells[h] ?? '').normalize('NFC').trim();
      return '';
    };
    const items = [...letterOf].map(([h, letter]) => ({ letter, text: (row.cells[h] ?? '').normalize('NFC').trim() })).filter((i) => i.text);
    const stem = get('stem');
    if (!stem && !items.length && !get('answer')) continue; // an empty row
    const label = get('label') ? `Câu ${get('label')}` : `Dòng ${row.rowNumber}`;
    const b: RawBlock = emptyBlock(label, row.rowNumber);
    b.stem = stem ? stem.replace(/\r/g, '').split('\n').map((l) => l.trim()).filter(Boolean) : [];
    const typeText = get('type');
    if (typeText) {
      b.type = typeFromWord(typeText);
      if (!b.type) b.errors.push({ line: row.rowNumber, code: 'TYPE_UNKNOWN' });
    }
    const levelText = get('level');
    if (levelText) {
      b.level = levelFromWord(levelText);
      if (!b.level) b.errors.push({ line: row.rowNumber, code: 'LEVEL_UNKNOWN' });
    }
    const lessonText = get('lesson');
    if (lessonText) {
      const ref = lessonRefFromText(lessonText);
      if (ref) b.lessonRef = ref;
      else b.errors.push({ line: row.rowNumber, code: 'LESSON_NOT_FOUND' });
    }
    const pointsText = get('points');
    if (pointsText) {
      const p = parseVietnameseNumber(pointsText);
      if (p === undefined) b.errors.push({ line: row.rowNumber, code: 'POINTS_INVALID' });
      else b.points = p;
    }
    b.items = items.map((i) => ({ letter: i.letter, text: i.text.replace(/^\*\s*/, ''), starred: i.text.startsWith('*'), line: row.rowNumber }));
    const answer = get('answer');
    if (answer) b.answer = { text: answer, line: row.rowNumber };
    const tolerance = get('tolerance');
    if (tolerance) b.tolerance = { text: tolerance, line: row.rowNumber };
    b.unit = get('unit') || null;
    for (const flag of get('flags').split(/[,;]/).map((x) => foldVietnamese(x)).filter(Boolean)) {
      if (flag === 'khong dao' || flag === 'giu thu tu') b.keepOrder = true;
      else if (flag === 'bo dau' || flag === 'khong dau') b.ignoreDiacritics = true;
      else b.errors.push({ line: row.rowNumber, code: 'TAG_UNKNOWN' });
    }
    b.distractors = get('distractors').split('|').map((s) => s.trim()).filter(Boolean);
    const explanation = get('explanation');
    if (explanation) b.explanation = [explanation];
    if (b.type === 'essay' && answer) { b.rubric = [answer]; b.answer = null; }
    // Đúng/Sai with statements in the option columns: one truth per statement in Đáp án.
    if ((b.type === 'true_false' || !b.type) && b.items.length && answer) {
      const truths = truthList(answer);
      if (truths && truths.length === b.items.length) {
        b.type = 'true_false';
        b.items = b.items.map((it, i) => ({ ...it, text: `${it.text} (${truths[i] ? 'Đ' : 'S'})` }));
        b.answer = null;
      }
    }
    drafts.push(buildDraft(b));
  }
  return { drafts, missingStemColumn: false };
}

/** "Đ, S, Đ" / "ĐSĐ" / "Đúng; Sai" → [true, false, true]; null when not such a list. */
function truthList(text: string): boolean[] | null {
  const tokens = text.split(/[\s,;/]+/).filter(Boolean);
  const list = tokens.map(truthFromWord);
  if (tokens.length && list.every((t) => t !== null)) return list as boolean[];
  const compact = foldVietnamese(text).replace(/[^a-z]/g, '');
  if (/^[ds]+$/.test(compact) && compact.length > 1) return [...compact].map((ch) => ch === 'd');
  return null;
}

// ---- writing --------------------------------------------------------------------------------------

export type QuestionSheetSpec = SheetSpec;

const LETTERS = 'ABCDEFGHIJKL';

export function questionSheet(questions: ExportableQuestion[], title: string): QuestionSheetSpec {
  const optionCount = Math.max(4, ...questions.map((q) => {
    const c = q.content;
    if (c.type === 'single' || c.type === 'multiple') return c.body.options.length;
    if (c.type === 'true_false') return c.body.statements.length;
    if (c.type === 'matching') return c.body.pairs.length;
    return 0;
  }));
  const columns: QuestionSheetSpec['columns'] = [
    { header: 'STT', key: 'n', width: 6, type: 'number' },
    { header: 'Loại', key: 'type', width: 14 },
    { header: 'Mức độ', key: 'level', width: 8 },
    { header: 'Bài', key: 'lesson', width: 6 },
    { header: 'Câu hỏi', key: 'stem', width: 50 },
    ...[...LETTERS.slice(0, Math.min(12, optionCount))].map((l) => ({ header: `Phương án ${l}`, key: `opt${l}`, width: 22 })),
    { header: 'Đáp án', key: 'answer', width: 16 },
    { header: 'Dung sai', key: 'tolerance', width: 9 },
    { header: 'Đơn vị', key: 'unit', width: 8 },
    { header: 'Điểm', key: 'points', width: 7 },
    { header: 'Nhiễu', key: 'distractors', width: 20 },
    { header: 'Lời giải', key: 'explanation', width: 30 },
    { header: 'Tùy chọn', key: 'flags', width: 12 },
  ];
  const rows = questions.map((q, i) => {
    const c = q.content;
    const row: Record<string, string | number | null> = {
      n: i + 1, type: TYPE_TAGS[c.type], level: COGNITIVE_LEVEL_LABELS[q.level].short, lesson: q.lessonRef === null ? null : q.lessonRef.kind === 'bai' ? String(q.lessonRef.n) : lessonRefText(q.lessonRef),
      stem: q.stem, points: formatVietnameseNumber(q.points),
    };
    const flags = [
      (c.type === 'single' || c.type === 'multiple') && c.body.keepOrder ? 'Không đảo' : null,
      c.type === 'short' && c.body.ignoreDiacritics ? 'Bỏ dấu' : null,
    ].filter(Boolean).join(', ');
    if (flags) row.flags = flags;
    const items = (texts: string[]) => texts.forEach((t, k) => { row[`opt${LETTERS[k]}`] = t; });
    switch (c.type) {
      case 'single':
      case 'multiple':
        items(c.body.options.map((o) => o.text));
        row.answer = c.body.options.map((o, k) => (o.correct ? LETTERS[k] : null)).filter(Boolean).join(', ');
        row.explanation = c.body.explanation ?? null;
        break;
      case 'true_false': {
        const st = c.body.statements;
        const lastStemLine = q.stem.split('\n').pop() ?? q.stem;
        if (st.length === 1 && st[0]!.text === lastStemLine) row.answer = st[0]!.correct ? 'Đúng' : 'Sai';
        else {
          items(st.map((s) => s.text));
          row.answer = st.map((s) => (s.correct ? 'Đ' : 'S')).join(', ');
        }
        row.explanation = c.body.explanation ?? null;
        break;
      }
      case 'short':
        row.answer = c.body.accepted.join(' | ');
        row.explanation = c.body.explanation ?? null;
        break;
      case 'numeric':
        row.answer = formatVietnameseNumber(c.body.value);
        row.tolerance = c.body.tolerance ? formatVietnameseNumber(c.body.tolerance) : null;
        row.unit = c.body.unit ?? null;
        row.explanation = c.body.explanation ?? null;
        break;
      case 'matching':
        items(c.body.pairs.map((p) => `${p.left} -> ${p.right}`));
        row.distractors = c.body.distractors?.join(' | ') ?? null;
        row.explanation = c.body.explanation ?? null;
        break;
      case 'essay':
        row.answer = c.body.rubric ?? null;
        break;
    }
    return row;
  });
  return { name: 'Câu hỏi', title, columns, rows };
}
