import type { Repos } from '../repos.js';

/**
 * The records archive's one entry point for other modules (Art. 8). A module that produces a record
 * the school must keep — an approved teaching plan, a principal's decision, a notice, a semester
 * report — appends it here inside its own transaction (`repos`), so the record and the fact it
 * records commit together. The archive module implements it as an append-only hash chain and
 * exposes it as `services.archiveWriter`; at sealing time it also gathers the semester's
 * teaching-process data and assessment records from their own tables.
 */

/** The four categories of Art. 8.1; each has its own retention period (Art. 8.2, a school setting). */
export type RecordCategory =
  | 'evidence' // 8.1.a evidence for Art. 9, 10 and 15 (decisions, notices, reports, inventory)
  | 'teaching_process' // 8.1.b data of the online teaching process (lessons, attendance, usage, submissions)
  | 'plans' // 8.1.c teaching plans by week, month and year
  | 'assessment'; // 8.1.d assessment records of the process and results (Art. 6)

export const RECORD_CATEGORIES: readonly RecordCategory[] = ['evidence', 'teaching_process', 'plans', 'assessment'];

export interface ArchiveEntry {
  category: RecordCategory;
  /** What the record is, stable and short: 'teaching_plan.approved', 'decision.recorded', 'notice.published', 'report.semester'. */
  kind: string;
  /** The source row, e.g. 'teaching_plans:12'; a record may be appended again for the same ref (a new version). */
  ref: string;
  /** A human title in Vietnamese for the archive's index ("Kế hoạch dạy học môn Toán lớp 6A1, tuần 12"). */
  title: string;
  /** The school year and semester it belongs to, when known (sealing selects by semester). */
  schoolYearId: number | null;
  semesterId: number | null;
  /** Who caused it (people.id), null when automatic. */
  actorId: number | null;
  /** The record itself: plain JSON (no Dates, no undefined), kept as canonical JSON and hashed. */
  payload: unknown;
}

export interface ArchiveWriter {
  /**
   * Appends one record at the head of the chain and returns its sequence number. Throws
   * DomainError('ARCHIVE_SEALED') when the entry's semester is already sealed.
   */
  append(repos: Repos, entry: ArchiveEntry): Promise<number>;
}
