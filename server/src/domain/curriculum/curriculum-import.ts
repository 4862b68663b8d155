import { headerKey } from '../roster/roster-columns.js';
import { foldVietnamese } from '../shared/vietnamese.js';
import type { CurriculumLesson, LessonFields } from './curriculum.types.js';
import { MAX_CHAPTER, MAX_OUTCOME, MAX_OUTCOMES, MAX_PERIODS, MAX_TITLE, cleanFields } from './curriculum-rules.js';

/**
 * Reading a curriculum spreadsheet (Art. 4.1): one row per lesson/topic with the columns Môn, Khối,
 * STT, Chủ đề/Chương, Tên bài, Số tiết, Yêu cầu cần đạt. Headers are matched without diacritics,
 * case or punctuation (the roster's `headerKey`), the header row is found below title lines, and
 * every row gets a verdict with its problems in Vietnamese and English.
 */

export type CurriculumField = 'subject' | 'grade' | 'position' | 'chapter' | 'title' | 'periods' | 'outcomes';

export interface CurriculumColumn {
  field: CurriculumField;
  /** Canonical Vietnamese header, written by the export. */
  header: string;
  headerEn: string;
  aliases: readonly string[];
  width: number;
}

export const CURRICULUM_COLUMNS: readonly CurriculumColumn[] = [
  { field: 'subject', header: 'Môn', headerEn: 'Subject', aliases: ['Môn', 'Môn học', 'Mã môn', 'Hoạt động giáo dục', 'Subject', 'Subject code'], width: 14 },
  { field: 'grade', header: 'Khối', headerEn: 'Grade', aliases: ['Khối', 'Khối lớp', 'Lớp', 'Grade'], width: 7 },
  { field: 'position', header: 'STT', headerEn: 'No.', aliases: ['STT', 'Thứ tự', 'Số thứ tự', 'TT', 'Order', 'No.', 'No', 'Position'], width: 6 },
  { field: 'chapter', header: 'Chủ đề/Chương', headerEn: 'Chapter/topic', aliases: ['Chủ đề/Chương', 'Chương/Chủ đề', 'Chủ đề', 'Chương', 'Chủ đề, chương', 'Mạch nội dung', 'Chapter', 'Topic', 'Unit'], width: 34 },
  { field: 'title', header: 'Tên bài', headerEn: 'Lesson', aliases: ['Tên bài', 'Tên bài học', 'Bài', 'Bài học', 'Tên bài/chủ đề', 'Nội dung', 'Lesson', 'Lesson title', 'Title'], width: 42 },
  { field: 'periods', header: 'Số tiết', headerEn: 'Periods', aliases: ['Số tiết', 'Tiết', 'Thời lượng', 'Số tiết học', 'Periods'], width: 8 },
  { field: 'outcomes', header: 'Yêu cầu cần đạt', headerEn: 'Required outcomes', aliases: ['Yêu cầu cần đạt', 'YCCĐ', 'Yêu cầu cần đạt (YCCĐ)', 'Mục tiêu', 'Required outcomes', 'Outcomes', 'Learning outcomes'], width: 70 },
];

const COLUMN_BY_KEY = new Map(CURRICULUM_COLUMNS.flatMap((c) => c.aliases.map((a) => [headerKey(a), c] as const)));

/** Header-row detector for readTable: the header has a lesson-title column and one more known column. */
export function isCurriculumHeaderRow(cells: string[]): boolean {
  const fields = new Set(cells.map((c) => COLUMN_BY_KEY.get(headerKey(c))?.field).filter(Boolean));
  return fields.has('title') && fields.size >= 2;
}

/** Structurally a RawTable of data/spreadsheet.ts. */
export interface CurriculumTableInput {
  headers: readonly string[];
  rows: readonly { rowNumber: number; cells: Readonly<Record<string, string | null>> }[];
}

export const CURRICULUM_PROBLEM_CODES = [
  'MISSING_SUBJECT', 'UNKNOWN_SUBJECT', 'MISSING_GRADE', 'INVALID_GRADE', 'GRADE_NOT_TAUGHT', 'NOT_YOUR_SUBJECT',
  'MISSING_TITLE', 'INVALID_POSITION', 'DUPLICATE_POSITION', 'INVALID_PERIODS', 'VALUE_TOO_LONG', 'TOO_MANY_OUTCOMES',
] as const;
export type CurriculumProblemCode = (typeof CURRICULUM_PROBLEM_CODES)[number];

export interface CurriculumProblem {
  field: CurriculumField;
  code: CurriculumProblemCode;
  vi: string;
  en: string;
}

export interface CurriculumRowResult {
  rowNumber: number;
  status: 'accepted' | 'rejected' | 'skipped';
  subjectId: number | null;
  subjectName: string | null;
  grade: number | null;
  /** STT as written in the file (null when the column is absent or empty). */
  position: number | null;
  title: string | null;
  lesson?: LessonFields;
  problems: CurriculumProblem[];
}

export interface ImportSubject {
  id: number;
  code: string;
  name: string;
  grades: readonly number[];
}

export interface CurriculumImportContext {
  subjects: readonly ImportSubject[];
  /** Subjects the importer may change; 'all' for the principal and vice-principals. */
  manageable: ReadonlySet<number> | 'all';
  /** Used when the file has no Môn / Khối column or the cell is empty. */
  defaultSubjectId?: number;
  defaultGrade?: number;
}

export interface CurriculumParse {
  /** Canonical headers of columns the file must have but lacks; when non-empty, rows is empty. */
  missingColumns: string[];
  ignoredColumns: string[];
  rows: CurriculumRowResult[];
  accepted: number;
  rejected: number;
  skipped: number;
}

/**
 * Splits a "Yêu cầu cần đạt" cell into outcomes: one per line, or separated by ';'. Leading
 * bullets and dashes ("- ", "• ", "+ ") are dropped.
 */
export function splitOutcomes(text: string | null): string[] {
  if (!text) return [];
  return text.split(/\r\n|\r|\n|;/).map((s) => s.replace(/^\s*(?:[-–•+*]\s*)+/, '').replace(/\s+/g, ' ').trim()).filter(Boolean);
}

/** Joins outcomes into one cell the way the export writes them (and splitOutcomes reads back). */
export function joinOutcomes(outcomes: readonly string[]): string {
  return outcomes.join('\n');
}

/** Finds a subject by code or name, without diacritics or case ("toan", "TOAN", "Toán"). */
export function findSubject(subjects: readonly ImportSubject[], text: string): ImportSubject | undefined {
  const key = foldVietnamese(text);
  return subjects.find((s) => foldVietnamese(s.code) === key) ?? subjects.find((s) => foldVietnamese(s.name) === key);
}

export function parseCurriculumTable(table: CurriculumTableInput, ctx: CurriculumImportContext): CurriculumParse {
  const byField = new Map<CurriculumField, string>();
  const ignoredColumns: string[] = [];
  for (const h of table.headers) {
    const col = COLUMN_BY_KEY.get(headerKey(h));
    if (col && !byField.has(col.field)) byField.set(col.field, h);
    else ignoredColumns.push(h);
  }
  const missing: string[] = [];
  if (!byField.has('title')) missing.push('Tên bài');
  if (!byField.has('subject') && ctx.defaultSubjectId === undefined) missing.push('Môn');
  if (!byField.has('grade') && ctx.defaultGrade === undefined) missing.push('Khối');
  if (missing.length) return { missingColumns: missing, ignoredColumns, rows: [], accepted: 0, rejected: 0, skipped: 0 };

  const cell = (row: CurriculumTableInput['rows'][number], f: CurriculumField): string | null => {
    const h = byField.get(f);
    const v = h ? row.cells[h] ?? null : null;
    return v === null || v.trim() === '' ? null : v.trim();
  };
  const defaultSubject = ctx.subjects.find((s) => s.id === ctx.defaultSubjectId);
  const rows: CurriculumRowResult[] = [];
  const positionsSeen = new Map<string, number>(); // "subjectId:grade:position" → row number

  for (const row of table.rows) {
    const values = CURRICULUM_COLUMNS.map((c) => cell(row, c.field));
    if (values.every((v) => v === null)) {
      rows.push({ rowNumber: row.rowNumber, status: 'skipped', subjectId: null, subjectName: null, grade: null, position: null, title: null, problems: [] });
      continue;
    }
    const problems: CurriculumProblem[] = [];
    const add = (field: CurriculumField, code: CurriculumProblemCode, vi: string, en: string) => problems.push({ field, code, vi, en });

    // Môn
    const subjectText = cell(row, 'subject');
    let subject: ImportSubject | undefined;
    if (subjectText) {
      subject = findSubject(ctx.subjects, subjectText);
      if (!subject) add('subject', 'UNKNOWN_SUBJECT', `Không có môn "${subjectText}" trong nhà trường (ghi mã hoặc tên môn).`, `No subject "${subjectText}" in the school (use its code or name).`);
    } else if (defaultSubject) subject = defaultSubject;
    else add('subject', 'MISSING_SUBJECT', 'Thiếu môn học.', 'The subject is missing.');
    if (subject && ctx.manageable !== 'all' && !ctx.manageable.has(subject.id)) {
      add('subject', 'NOT_YOUR_SUBJECT', `Môn ${subject.name} không thuộc tổ chuyên môn của bạn.`, `${subject.name} is not a subject of your subject group.`);
    }

    // Khối
    const gradeText = cell(row, 'grade');
    let grade: number | null = null;
    if (gradeText) {
      const m = /^(?:khối|khoi|lớp|lop|grade)?\s*(\d{1,2})$/i.exec(gradeText.replace(/\.0+$/, ''));
      grade = m ? Number(m[1]) : null;
      if (grade === null || grade < 1 || grade > 12) {
        grade = null;
        add('grade', 'INVALID_GRADE', `Khối "${gradeText}" không hợp lệ (ghi số từ 1 đến 12).`, `Grade "${gradeText}" is not valid (a number from 1 to 12).`);
      }
    } else if (ctx.defaultGrade !== undefined) grade = ctx.defaultGrade;
    else add('grade', 'MISSING_GRADE', 'Thiếu khối lớp.', 'The grade is missing.');
    if (subject && grade !== null && !subject.grades.includes(grade)) {
      add('grade', 'GRADE_NOT_TAUGHT', `Môn ${subject.name} không dạy ở khối ${grade} (xem Môn học trong Cơ cấu nhà trường).`, `${subject.name} is not taught in grade ${grade} (see the school's subjects).`);
    }

    // STT
    const posText = cell(row, 'position');
    let position: number | null = null;
    if (posText) {
      position = /^\d{1,4}(\.0+)?$/.test(posText) ? Number.parseInt(posText, 10) : null;
      if (position === null || position < 1) {
        position = null;
        add('position', 'INVALID_POSITION', `Số thứ tự "${posText}" không hợp lệ.`, `Order number "${posText}" is not valid.`);
      } else if (subject && grade !== null) {
        const key = `${subject.id}:${grade}:${position}`;
        const first = positionsSeen.get(key);
        if (first !== undefined) add('position', 'DUPLICATE_POSITION', `Số thứ tự ${position} trùng với dòng ${first}.`, `Order number ${position} repeats row ${first}.`);
        else positionsSeen.set(key, row.rowNumber);
      }
    }

    // Tên bài, Chủ đề, Số tiết, Yêu cầu cần đạt
    const title = cell(row, 'title');
    if (!title) add('title', 'MISSING_TITLE', 'Thiếu tên bài.', 'The lesson title is missing.');
    else if (title.length > MAX_TITLE) add('title', 'VALUE_TOO_LONG', `Tên bài dài quá ${MAX_TITLE} ký tự.`, `The title is longer than ${MAX_TITLE} characters.`);
    const chapter = cell(row, 'chapter');
    if (chapter && chapter.length > MAX_CHAPTER) add('chapter', 'VALUE_TOO_LONG', `Tên chủ đề/chương dài quá ${MAX_CHAPTER} ký tự.`, `The chapter is longer than ${MAX_CHAPTER} characters.`);
    const periodsText = cell(row, 'periods');
    let periods = 1;
    if (periodsText) {
      const n = /^\d{1,3}(\.0+)?$/.test(periodsText) ? Number.parseInt(periodsText, 10) : NaN;
      if (!(n >= 1 && n <= MAX_PERIODS)) add('periods', 'INVALID_PERIODS', `Số tiết "${periodsText}" không hợp lệ (từ 1 đến ${MAX_PERIODS}).`, `Periods "${periodsText}" is not valid (1 to ${MAX_PERIODS}).`);
      else periods = n;
    }
    const outcomes = splitOutcomes(cell(row, 'outcomes'));
    if (outcomes.length > MAX_OUTCOMES) add('outcomes', 'TOO_MANY_OUTCOMES', `Nhiều hơn ${MAX_OUTCOMES} yêu cầu cần đạt.`, `More than ${MAX_OUTCOMES} required outcomes.`);
    if (outcomes.some((o) => o.length > MAX_OUTCOME)) add('outcomes', 'VALUE_TOO_LONG', `Có yêu cầu cần đạt dài quá ${MAX_OUTCOME} ký tự.`, `An outcome is longer than ${MAX_OUTCOME} characters.`);

    const ok = problems.length === 0;
    rows.push({
      rowNumber: row.rowNumber, status: ok ? 'accepted' : 'rejected',
      subjectId: subject?.id ?? null, subjectName: subject?.name ?? null, grade, position, title,
      ...(ok ? { lesson: cleanFields({ chapter, title: title as string, periods, outcomes }) } : {}),
      problems,
    });
  }
  const count = (s: CurriculumRowResult['status']) => rows.filter((r) => r.status === s).length;
  return { missingColumns: [], ignoredColumns, rows, accepted: count('accepted'), rejected: count('rejected'), skipped: count('skipped') };
}

/** Accepted rows grouped by subject × grade, each group in teaching order (STT, then file order). */
export function groupAccepted(rows: readonly CurriculumRowResult[]): { subjectId: number; grade: number; rows: CurriculumRowResult[] }[] {
  const groups = new Map<string, { subjectId: number; grade: number; rows: CurriculumRowResult[] }>();
  for (const r of rows) {
    if (r.status !== 'accepted' || r.subjectId === null || r.grade === null) continue;
    const key = `${r.subjectId}:${r.grade}`;
    const g = groups.get(key) ?? { subjectId: r.subjectId, grade: r.grade, rows: [] };
    g.rows.push(r);
    groups.set(key, g);
  }
  for (const g of groups.values()) {
    // Rows with an STT come in its order; rows without keep their place after the numbered ones.
    g.rows = g.rows.map((r, i) => ({ r, i })).sort((a, b) => (a.r.position ?? Infinity) - (b.r.position ?? Infinity) || a.i - b.i).map((x) => x.r);
  }
  return [...groups.values()];
}

/** Key matching an existing lesson to a file row when a file replaces the lessons: chapter + title, folded. */
export function lessonKey(l: { chapter: string | null; title: string }): string {
  return `${foldVietnamese(l.chapter ?? '')}|${foldVietnamese(l.title)}`;
}

export interface ReplacePlan {
  /** For each file row in order: the existing lesson it updates, or null to create one. */
  matches: (CurriculumLesson | null)[];
  /** Existing lessons not in the file: deleted when nothing links to them. */
  leftOver: CurriculumLesson[];
}

/**
 * When a file replaces a subject × grade, lessons with the same chapter and title keep their id
 * (so materials, questions and live lessons stay linked) and are updated; the others are removed.
 */
export function planReplace(existing: readonly CurriculumLesson[], fileRows: readonly LessonFields[]): ReplacePlan {
  const pool = new Map<string, CurriculumLesson[]>();
  for (const l of existing) {
    const k = lessonKey(l);
    pool.set(k, [...(pool.get(k) ?? []), l]);
  }
  const matches = fileRows.map((f) => pool.get(lessonKey(f))?.shift() ?? null);
  const used = new Set(matches.filter((m): m is CurriculumLesson => m !== null).map((m) => m.id));
  return { matches, leftOver: existing.filter((l) => !used.has(l.id)) };
}
