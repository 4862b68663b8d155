import type { SchoolLevel } from '../school/school.types.js';
import { secondaryColumns } from './circular22-rules.js';
import { parsePrimaryTestText, primaryColumns } from './circular27-rules.js';
import type { CellValue, ColumnKind, GradebookSubject, MarkCode } from './gradebook.types.js';
import { formatTenths, parseScoreText } from './score-rules.js';

/**
 * The columns of one subject's gradebook for a semester and what each holds, by school level:
 * Circular 22/2021 (THCS, THPT) or Circular 27/2020 (tiểu học).
 */
export type ValueType = 'score' | 'pass' | 'level' | 'test';

export interface LayoutColumn {
  kind: ColumnKind;
  slot: number;
  label: string;
  value: ValueType;
}

export function layoutFor(level: SchoolLevel, subject: Pick<GradebookSubject, 'name' | 'assessment'>, grade: number, periodsPerYear: number): LayoutColumn[] {
  if (level === 'primary') return primaryColumns({ name: subject.name, hasTest: subject.assessment === 'score' }, grade);
  const value: ValueType = subject.assessment === 'comment' ? 'pass' : 'score'; // Circular 22 Art. 5.1
  return secondaryColumns(subject.assessment, periodsPerYear).map((c) => ({ ...c, value }));
}

export const columnId = (c: { kind: ColumnKind; slot: number }): string => (c.kind === 'regular' ? `regular${c.slot}` : c.kind);

/**
 * What a teacher typed, for a column's value type. Scores: 0–10 with at most one decimal, comma or
 * dot (Circular 22 Art. 5.2). Đạt/Chưa đạt: "Đ", "D", "Đạt", "CĐ", "CD", "Chưa đạt" (Art. 5.1).
 * Levels: HTT/HT/CHT (Circular 27 Art. 7.1). Tests: integers 0–10 (Circular 27 Art. 7.2).
 */
export function parseCellText(type: ValueType, text: string): CellValue | null {
  const folded = text.trim().toUpperCase().replace(/Đ/g, 'D').replace(/\s+/g, ' ');
  switch (type) {
    case 'score': {
      const t = parseScoreText(text);
      return t === null ? null : { scoreTenths: t, mark: null };
    }
    case 'test': {
      const t = parsePrimaryTestText(text);
      return t === null ? null : { scoreTenths: t, mark: null };
    }
    case 'pass': {
      const plain = folded.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
      if (plain === 'D' || plain === 'DAT') return { scoreTenths: null, mark: 'D' };
      if (plain === 'CD' || plain === 'CHUA DAT') return { scoreTenths: null, mark: 'CD' };
      return null;
    }
    case 'level': {
      const plain = folded.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
      const map: Record<string, MarkCode> = { HTT: 'HTT', 'HOAN THANH TOT': 'HTT', HT: 'HT', 'HOAN THANH': 'HT', CHT: 'CHT', 'CHUA HOAN THANH': 'CHT' };
      const m = map[plain];
      return m ? { scoreTenths: null, mark: m } : null;
    }
  }
}

/** Whether a stored value fits a column's type (the API also accepts JSON values, not only text). */
export function valueFits(type: ValueType, v: CellValue): boolean {
  if (type === 'score') return v.mark === null && v.scoreTenths !== null && Number.isInteger(v.scoreTenths) && v.scoreTenths >= 0 && v.scoreTenths <= 100;
  if (type === 'test') return v.mark === null && v.scoreTenths !== null && v.scoreTenths % 10 === 0 && v.scoreTenths >= 0 && v.scoreTenths <= 100;
  if (type === 'pass') return v.scoreTenths === null && (v.mark === 'D' || v.mark === 'CD');
  return v.scoreTenths === null && (v.mark === 'HTT' || v.mark === 'HT' || v.mark === 'CHT');
}

/** The value as text for the history and the audit log: "6.5", "7", "D". */
export function valueText(v: CellValue | null | undefined): string | null {
  if (!v) return null;
  if (v.mark) return v.mark;
  return v.scoreTenths === null ? null : formatTenths(v.scoreTenths);
}
