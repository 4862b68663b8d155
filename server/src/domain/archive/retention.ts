import type { RecordCategory } from './archive-writer.js';

/**
 * Retention per category (Art. 8.2: the school sets the procedure and the retention period under the
 * Archives Law). These are only the values a new school starts from, and the principal changes them on
 * the archive page. Fill them from the appendix of Circular 08/2025/TT-BGDĐT (retention periods of
 * records and documents in education and training; Nhóm III, general education), which replaced
 * Circular 27/2016/TT-BGDĐT: the concrete periods of that appendix are not confirmed in
 * ../shared/reference/vietnam-rules.md §3, so the page marks them "to check" until the principal saves.
 * null = permanent (vĩnh viễn): never disposable.
 */
export const DEFAULT_RETENTION_YEARS: Record<RecordCategory, number | null> = {
  evidence: 10, // 8.1.a decisions, notices, reports, inventory
  teaching_process: 5, // 8.1.b sessions, attendance, usage, submissions
  plans: 10, // 8.1.c teaching plans
  assessment: 20, // 8.1.d assessment records and results
};

export const RETENTION_SOURCE = 'Thông tư 08/2025/TT-BGDĐT (thời hạn lưu trữ hồ sơ, tài liệu ngành giáo dục; Nhóm III – giáo dục phổ thông)';

export const MAX_RETENTION_YEARS = 100;

/** The day retention ends: the end of the record's school year (or its recording day) plus the years. */
export function retentionEndsOn(basis: string, years: number): string {
  const [y, m, d] = basis.slice(0, 10).split('-').map(Number) as [number, number, number];
  const end = new Date(Date.UTC(y + years, m - 1, d));
  // 29 February + n years on a common year rolls to 1 March, which is later: never earlier than due.
  return end.toISOString().slice(0, 10);
}

/** Retention has ended when the day after its end has come. */
export function retentionEnded(basis: string, years: number | null, today: string): boolean {
  if (years === null) return false;
  return today > retentionEndsOn(basis, years);
}
