import type { Repos } from '../repos.js';
import { DomainError } from '../shared/errors.js';
import { primaryTestFromTenths } from './circular27-rules.js';
import { assertSemesterOpen, resolveColumn, writeCell, writerForPerson } from './gradebook-cells.js';
import type { ActivityScore, GradebookFeed } from './gradebook-feed.js';
import type { CellKey } from './gradebook.types.js';
import { numberToTenths } from './score-rules.js';

/** What happened to a fed score (the feed's callers may ignore it; the interface returns void). */
export type FeedOutcome =
  | { status: 'written' } // the cell was empty or held this source's earlier score
  | { status: 'unchanged' }
  | { status: 'conflict'; heldBy: 'manual' | 'quiz' | 'task' | 'h5p'; heldById: number | null }; // kept for the teacher to choose

/**
 * The gradebook feed (gradebook-feed.ts). Rules:
 * 1. The semester must exist and be open (a locked semester refuses: GRADEBOOK_SEMESTER_LOCKED).
 * 2. The student must be enrolled in the semester's year and the column must exist for the subject
 *    in the student's grade (ĐĐGtx slots 1..n by Circular 22 Art. 6.2); comment-only subjects (Đạt/Chưa
 *    đạt) and primary level columns take no numeric score (GRADEBOOK_COLUMN_INVALID).
 * 3. The score is rounded half up to one decimal (Circular 22 Art. 5.2) or, in primary, to an
 *    integer (Circular 27 Art. 7.2), and always kept per source in gradebook_feed_results.
 * 4. The cell takes it when the cell is empty or its value came from this same source (a re-graded
 *    task, a re-scored quiz replaces its own earlier score). A cell whose value was typed in by the
 *    teacher, or came from another activity, is never overwritten: the result stays pending and the
 *    grid shows the conflict; the teacher may adopt it (GradebookService.adoptFeedResult).
 * Every change of a cell is written to the cell's history and the audit log.
 */
export class GradebookFeedService implements GradebookFeed {
  constructor(private readonly now: () => Date = () => new Date()) {}

  async record(repos: Repos, s: ActivityScore): Promise<void> {
    await this.recordWithOutcome(repos, s);
  }

  async recordWithOutcome(repos: Repos, s: ActivityScore): Promise<FeedOutcome> {
    const semester = await assertSemesterOpen(repos, s.target.semesterId);
    const slot = s.target.column.kind === 'regular' ? s.target.column.slot : 0;
    const { column } = await resolveColumn(repos, s.studentId, s.subjectId, semester, s.target.column.kind, slot);
    if (column.value !== 'score' && column.value !== 'test') throw new DomainError('GRADEBOOK_COLUMN_INVALID', { reason: 'not_a_score_column', column: column.label });
    const raw = numberToTenths(s.score);
    if (raw === null || raw > 100) throw new DomainError('GRADEBOOK_VALUE_INVALID', { score: s.score });
    const tenths = column.value === 'test' ? primaryTestFromTenths(raw) : raw;
    const key: CellKey = { studentId: s.studentId, subjectId: s.subjectId, semesterId: semester.id, kind: column.kind, slot };
    const at = this.now().toISOString();
    await repos.gradebook.putFeedResult({ ...key, sourceKind: s.source.kind, sourceId: s.source.id, scoreTenths: tenths, recordedAt: at, recordedById: s.recordedById });
    const cell = await repos.gradebook.cell(key);
    if (cell && !(cell.sourceKind === s.source.kind && cell.sourceId === s.source.id)) {
      return { status: 'conflict', heldBy: cell.sourceKind, heldById: cell.sourceId };
    }
    const writer = await writerForPerson(repos, s.recordedById);
    const changed = await writeCell(repos, key, { scoreTenths: tenths, mark: null }, { kind: s.source.kind, id: s.source.id }, writer, at);
    return { status: changed ? 'written' : 'unchanged' };
  }
}
