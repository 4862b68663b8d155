import type { Actor } from '../accounts/account.types.js';
import type { Repos } from '../repos.js';
import { DomainError } from '../shared/errors.js';
import type { CellKey, CellValue, ClassInfo, GradebookSubject, SemesterInfo, SourceKind } from './gradebook.types.js';
import { columnId, layoutFor, type LayoutColumn, valueText } from './gradebook-layout.js';

/** Who writes: the person (people.id, for the history) and the actor (for the audit log). */
export interface Writer {
  personId: number | null;
  actor: Actor;
}

export const SYSTEM_ACTOR: Actor = { accountId: null, login: null, ip: null };

/** The writer behind a feed score: the grading teacher's account when known, else the system. */
export async function writerForPerson(repos: Repos, personId: number | null): Promise<Writer> {
  if (personId === null) return { personId: null, actor: SYSTEM_ACTOR };
  const account = await repos.accounts.findByPersonId(personId);
  return { personId, actor: account ? { accountId: account.id, login: account.login, ip: null } : SYSTEM_ACTOR };
}

/** A semester closed by the principal (responsible for assessment, Circular 22/2021 ch. IV) accepts no writes. */
export async function assertSemesterOpen(repos: Repos, semesterId: number): Promise<SemesterInfo> {
  const semester = await repos.gradebook.semester(semesterId);
  if (!semester) throw new DomainError('NOT_FOUND', { semesterId });
  const lock = await repos.gradebook.lock(semesterId);
  if (lock?.locked) throw new DomainError('GRADEBOOK_SEMESTER_LOCKED', { semesterId, lockedAt: lock.lockedAt });
  return semester;
}

/** The subject's columns for a class (its grade) and the school's level. */
export async function columnsForClass(repos: Repos, subject: GradebookSubject, cls: ClassInfo): Promise<LayoutColumn[]> {
  const periods = await repos.gradebook.periodsPerYear(subject.id, cls.grade);
  if (periods === undefined) throw new DomainError('GRADEBOOK_SUBJECT_NOT_IN_GRADE', { subjectId: subject.id, grade: cls.grade });
  const school = await repos.school.getSchool();
  return layoutFor(school?.level ?? 'lower_secondary', subject, cls.grade, periods);
}

/** The column (kind, slot) for a student's subject in a semester, or GRADEBOOK_COLUMN_INVALID. */
export async function resolveColumn(repos: Repos, studentId: number, subjectId: number, semester: SemesterInfo, kind: string, slot: number): Promise<{ column: LayoutColumn; cls: ClassInfo; subject: GradebookSubject }> {
  const subject = await repos.gradebook.subject(subjectId);
  if (!subject) throw new DomainError('NOT_FOUND', { subjectId });
  const cls = await repos.gradebook.enrolment(studentId, semester.schoolYearId);
  if (!cls) throw new DomainError('GRADEBOOK_NOT_ENROLLED', { studentId, semesterId: semester.id });
  const columns = await columnsForClass(repos, subject, cls);
  const column = columns.find((c) => c.kind === kind && c.slot === slot);
  if (!column) throw new DomainError('GRADEBOOK_COLUMN_INVALID', { subjectId, kind, slot, columns: columns.map(columnId) });
  return { column, cls, subject };
}

/**
 * Writes (or clears, value null) one cell and keeps its history and the audit log (old → new).
 * Returns false when nothing changed (same value and same source): no history line then.
 */
export async function writeCell(repos: Repos, key: CellKey, value: CellValue | null, source: { kind: SourceKind; id: number | null }, writer: Writer, now: string): Promise<boolean> {
  const old = await repos.gradebook.cell(key);
  const oldText = valueText(old);
  const newText = valueText(value);
  if (oldText === newText && (!old || (old.sourceKind === source.kind && old.sourceId === source.id))) return false;
  if (value === null) await repos.gradebook.deleteCell(key);
  else await repos.gradebook.putCell({ ...key, ...value, sourceKind: source.kind, sourceId: source.id, recordedById: writer.personId, recordedAt: now });
  await repos.gradebook.addHistory({ ...key, oldValue: oldText, newValue: newText, sourceKind: source.kind, sourceId: source.id, changedById: writer.personId, changedAt: now });
  await repos.audit.record(writer.actor, 'gradebook.score', 'gradebook_score', `${key.studentId}:${key.subjectId}:${key.semesterId}:${columnId(key)}`, {
    studentId: key.studentId, subjectId: key.subjectId, semesterId: key.semesterId, column: columnId(key),
    old: oldText, new: newText, oldSource: old ? old.sourceKind : null, source: source.kind, sourceId: source.id,
  });
  return true;
}
