import type { Knex } from 'knex';
import type {
  CellKey, CellRecord, ClassInfo, ColumnKind, CommentRecord, FeedResultRecord, GradebookRepository, GradebookSubject,
  HistoryRecord, MarkCode, SemesterInfo, SemesterLock, SourceKind,
} from '../domain/gradebook/gradebook.types.js';
import { bool, int } from './rows.js';

const optInt = (v: unknown): number | null => (v === null || v === undefined ? null : int(v));

function semesterOf(r: Record<string, unknown>): SemesterInfo {
  return { id: int(r.id), schoolYearId: int(r.school_year_id), schoolYearName: String(r.year_name), number: int(r.number), startsOn: String(r.starts_on), endsOn: String(r.ends_on) };
}
function classOf(r: Record<string, unknown>): ClassInfo {
  return { id: int(r.id), name: String(r.name), grade: int(r.grade), schoolYearId: int(r.school_year_id), homeroomTeacherId: optInt(r.homeroom_teacher_id) };
}
function subjectOf(r: Record<string, unknown>): GradebookSubject {
  return { id: int(r.id), code: String(r.code), name: String(r.name), assessment: r.assessment === 'comment' ? 'comment' : 'score' };
}
function keyOf(r: Record<string, unknown>): CellKey {
  return { studentId: int(r.student_id), subjectId: int(r.subject_id), semesterId: int(r.semester_id), kind: r.column_kind as ColumnKind, slot: int(r.slot) };
}
const keyWhere = (k: CellKey) => ({ student_id: k.studentId, subject_id: k.subjectId, semester_id: k.semesterId, column_kind: k.kind, slot: k.slot });

export class KnexGradebookRepository implements GradebookRepository {
  constructor(private readonly db: Knex) {}

  private semestersQuery() {
    return this.db('semesters as s').join('school_years as y', 'y.id', 's.school_year_id').select('s.*', 'y.name as year_name');
  }

  async semester(id: number) {
    const r = await this.semestersQuery().where('s.id', id).first();
    return r ? semesterOf(r) : undefined;
  }

  async semestersOfYear(schoolYearId: number) {
    return (await this.semestersQuery().where('s.school_year_id', schoolYearId).orderBy('s.number')).map(semesterOf);
  }

  async lock(semesterId: number): Promise<SemesterLock | undefined> {
    const r = await this.db('gradebook_semester_locks').where({ semester_id: semesterId }).first();
    if (!r) return undefined;
    return {
      semesterId: int(r.semester_id), locked: bool(r.locked), lockedAt: r.locked_at ?? null, lockedById: optInt(r.locked_by_id),
      reopenedAt: r.reopened_at ?? null, reopenedById: optInt(r.reopened_by_id), reopenReason: r.reopen_reason ?? null,
    };
  }

  async saveLock(l: SemesterLock) {
    const row = { locked: l.locked, locked_at: l.lockedAt, locked_by_id: l.lockedById, reopened_at: l.reopenedAt, reopened_by_id: l.reopenedById, reopen_reason: l.reopenReason };
    const n = await this.db('gradebook_semester_locks').where({ semester_id: l.semesterId }).update(row);
    if (!n) await this.db('gradebook_semester_locks').insert({ semester_id: l.semesterId, ...row });
  }

  async subject(id: number) {
    const r = await this.db('subjects').where({ id }).first();
    return r ? subjectOf(r) : undefined;
  }

  async periodsPerYear(subjectId: number, grade: number) {
    const r = await this.db('subject_grades').where({ subject_id: subjectId, grade }).first('periods_per_year');
    return r ? int(r.periods_per_year) : undefined;
  }

  async enrolment(studentId: number, schoolYearId: number) {
    const r = await this.db('enrolments as e').join('classes as c', 'c.id', 'e.class_id')
      .where({ 'e.student_id': studentId, 'e.school_year_id': schoolYearId }).first('c.*');
    return r ? classOf(r) : undefined;
  }

  async classInfo(classId: number) {
    const r = await this.db('classes').where({ id: classId }).first();
    return r ? classOf(r) : undefined;
  }

  async classStudents(classId: number) {
    const rows = await this.db('enrolments as e').join('people as p', 'p.id', 'e.student_id')
      .where('e.class_id', classId).select('p.id', 'p.personal_id', 'p.full_name', 'p.name_key').orderBy([{ column: 'p.name_key' }, { column: 'p.id' }]);
    return rows.map((r) => ({ id: int(r.id), personalId: r.personal_id ?? null, fullName: String(r.full_name), nameKey: String(r.name_key) }));
  }

  async teacherOf(classId: number, subjectId: number) {
    const r = await this.db('teaching_assignments').where({ class_id: classId, subject_id: subjectId }).first('teacher_id');
    return r ? int(r.teacher_id) : undefined;
  }

  async classSubjects(classId: number) {
    const cls = await this.classInfo(classId);
    if (!cls) return [];
    const rows = await this.db('subject_grades as g').join('subjects as s', 's.id', 'g.subject_id')
      .leftJoin('teaching_assignments as a', (j) => { j.on('a.subject_id', '=', 's.id').andOn('a.class_id', '=', this.db.raw('?', [classId])); })
      .where('g.grade', cls.grade).select('s.*', 'g.periods_per_year', 'a.teacher_id').orderBy('s.id');
    return rows.map((r) => ({ ...subjectOf(r), periodsPerYear: int(r.periods_per_year), teacherId: optInt(r.teacher_id) }));
  }

  async teacherClasses(teacherId: number, schoolYearId: number) {
    const rows = await this.db('teaching_assignments as a').join('classes as c', 'c.id', 'a.class_id')
      .where({ 'a.teacher_id': teacherId, 'c.school_year_id': schoolYearId }).select('a.class_id', 'a.subject_id');
    return rows.map((r) => ({ classId: int(r.class_id), subjectId: int(r.subject_id) }));
  }

  async isParentOf(parentId: number, studentId: number) {
    return !!(await this.db('parent_links').where({ parent_id: parentId, student_id: studentId }).first('parent_id'));
  }

  private cellOf(r: Record<string, unknown>): CellRecord {
    return {
      ...keyOf(r), scoreTenths: optInt(r.score_tenths), mark: (r.mark ?? null) as MarkCode | null,
      sourceKind: r.source_kind as SourceKind, sourceId: optInt(r.source_id), recordedById: optInt(r.recorded_by_id), recordedAt: String(r.recorded_at),
    };
  }

  async cells(f: { subjectIds?: number[]; semesterIds: number[]; studentIds: number[] }) {
    if (!f.studentIds.length || !f.semesterIds.length) return [];
    const q = this.db('gradebook_scores').whereIn('semester_id', f.semesterIds).whereIn('student_id', f.studentIds);
    if (f.subjectIds) q.whereIn('subject_id', f.subjectIds);
    return (await q.orderBy('id')).map((r) => this.cellOf(r));
  }

  async cell(k: CellKey) {
    const r = await this.db('gradebook_scores').where(keyWhere(k)).first();
    return r ? this.cellOf(r) : undefined;
  }

  async putCell(c: CellRecord) {
    const row = { score_tenths: c.scoreTenths, mark: c.mark, source_kind: c.sourceKind, source_id: c.sourceId, recorded_by_id: c.recordedById, recorded_at: c.recordedAt };
    const n = await this.db('gradebook_scores').where(keyWhere(c)).update(row);
    if (!n) await this.db('gradebook_scores').insert({ ...keyWhere(c), ...row });
  }

  async deleteCell(k: CellKey) {
    await this.db('gradebook_scores').where(keyWhere(k)).delete();
  }

  private feedOf(r: Record<string, unknown>): FeedResultRecord {
    return { ...keyOf(r), sourceKind: r.source_kind as FeedResultRecord['sourceKind'], sourceId: int(r.source_id), scoreTenths: int(r.score_tenths), recordedAt: String(r.recorded_at) };
  }

  async feedResults(f: { subjectId: number; semesterId: number; studentIds: number[] }) {
    if (!f.studentIds.length) return [];
    const rows = await this.db('gradebook_feed_results').where({ subject_id: f.subjectId, semester_id: f.semesterId }).whereIn('student_id', f.studentIds).orderBy('id');
    return rows.map((r) => this.feedOf(r));
  }

  async feedResult(k: CellKey, source: { kind: string; id: number }) {
    const r = await this.db('gradebook_feed_results').where({ ...keyWhere(k), source_kind: source.kind, source_id: source.id }).first();
    return r ? this.feedOf(r) : undefined;
  }

  async putFeedResult(r: FeedResultRecord & { recordedById: number | null }) {
    const where = { ...keyWhere(r), source_kind: r.sourceKind, source_id: r.sourceId };
    const row = { score_tenths: r.scoreTenths, recorded_by_id: r.recordedById, recorded_at: r.recordedAt };
    const n = await this.db('gradebook_feed_results').where(where).update(row);
    if (!n) await this.db('gradebook_feed_results').insert({ ...where, ...row });
  }

  async addHistory(h: Omit<HistoryRecord, 'id' | 'changedByName'>) {
    await this.db('gradebook_score_history').insert({
      ...keyWhere(h), old_value: h.oldValue, new_value: h.newValue, source_kind: h.sourceKind, source_id: h.sourceId, changed_by_id: h.changedById, changed_at: h.changedAt,
    });
  }

  async history(f: { subjectId: number; semesterId: number; studentId?: number; limit: number }) {
    const q = this.db('gradebook_score_history as h').leftJoin('people as p', 'p.id', 'h.changed_by_id')
      .where({ 'h.subject_id': f.subjectId, 'h.semester_id': f.semesterId }).select('h.*', 'p.full_name as changed_by_name').orderBy('h.id', 'desc').limit(f.limit);
    if (f.studentId !== undefined) q.where('h.student_id', f.studentId);
    return (await q).map((r): HistoryRecord => ({
      id: int(r.id), ...keyOf(r), oldValue: r.old_value ?? null, newValue: r.new_value ?? null, sourceKind: r.source_kind, sourceId: optInt(r.source_id),
      changedById: optInt(r.changed_by_id), changedByName: r.changed_by_name ?? null, changedAt: String(r.changed_at),
    }));
  }

  async comments(f: { subjectIds?: number[]; semesterIds: number[]; studentIds: number[] }) {
    if (!f.studentIds.length || !f.semesterIds.length) return [];
    const q = this.db('gradebook_comments').whereIn('semester_id', f.semesterIds).whereIn('student_id', f.studentIds);
    if (f.subjectIds) q.whereIn('subject_id', f.subjectIds);
    return (await q).map((r): CommentRecord => ({
      studentId: int(r.student_id), subjectId: int(r.subject_id), semesterId: int(r.semester_id), text: String(r.text), updatedById: optInt(r.updated_by_id), updatedAt: String(r.updated_at),
    }));
  }

  async putComment(c: CommentRecord) {
    const where = { student_id: c.studentId, subject_id: c.subjectId, semester_id: c.semesterId };
    const row = { text: c.text, updated_by_id: c.updatedById, updated_at: c.updatedAt };
    const n = await this.db('gradebook_comments').where(where).update(row);
    if (!n) await this.db('gradebook_comments').insert({ ...where, ...row });
  }

  async deleteComment(k: { studentId: number; subjectId: number; semesterId: number }) {
    await this.db('gradebook_comments').where({ student_id: k.studentId, subject_id: k.subjectId, semester_id: k.semesterId }).delete();
  }
}
