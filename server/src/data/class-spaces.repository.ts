import type { Knex } from 'knex';
import type { ClassSpace, ClassSpaceRepository, ClassStudent } from '../domain/qa/class-space.js';
import { bool, int } from './rows.js';

/** Class × subject spaces from the core tables: classes, teaching_assignments, enrolments. */
export class KnexClassSpaceRepository implements ClassSpaceRepository {
  constructor(private readonly db: Knex) {}

  private base() {
    return this.db('teaching_assignments as ta')
      .join('classes as c', 'c.id', 'ta.class_id')
      .join('subjects as s', 's.id', 'ta.subject_id')
      .select('ta.class_id', 'ta.subject_id', 'ta.teacher_id', 'c.name as class_name', 'c.grade', 'c.school_year_id', 's.name as subject_name')
      .orderBy([{ column: 'c.grade' }, { column: 'c.name' }, { column: 's.name' }]);
  }

  private static toSpace(r: Record<string, unknown>): ClassSpace {
    return {
      classId: int(r.class_id), className: String(r.class_name), grade: int(r.grade), schoolYearId: int(r.school_year_id),
      subjectId: int(r.subject_id), subjectName: String(r.subject_name), teacherId: int(r.teacher_id),
    };
  }

  async space(classId: number, subjectId: number) {
    const row = await this.base().where('ta.class_id', classId).where('ta.subject_id', subjectId).first();
    return row ? KnexClassSpaceRepository.toSpace(row) : undefined;
  }

  async spaces(f: { classId?: number; teacherId?: number; schoolYearId?: number }) {
    const q = this.base();
    if (f.classId !== undefined) q.where('ta.class_id', f.classId);
    if (f.teacherId !== undefined) q.where('ta.teacher_id', f.teacherId);
    if (f.schoolYearId !== undefined) q.where('c.school_year_id', f.schoolYearId);
    return (await q).map((r: Record<string, unknown>) => KnexClassSpaceRepository.toSpace(r));
  }

  async isEnrolled(studentId: number, classId: number) {
    return !!(await this.db('enrolments').where({ student_id: studentId, class_id: classId }).first('class_id'));
  }

  async currentYearId() {
    const rows = await this.db('school_years').select('id', 'is_current');
    const cur = rows.find((r: Record<string, unknown>) => bool(r.is_current));
    return cur ? int(cur.id) : undefined;
  }

  async currentClassOf(studentId: number) {
    const yearId = await this.currentYearId();
    if (!yearId) return undefined;
    const row = await this.db('enrolments as e').join('classes as c', 'c.id', 'e.class_id')
      .where('e.student_id', studentId).where('e.school_year_id', yearId)
      .first('c.id', 'c.name', 'c.grade', 'c.school_year_id');
    return row ? { classId: int(row.id), className: String(row.name), grade: int(row.grade), schoolYearId: int(row.school_year_id) } : undefined;
  }

  async students(classId: number): Promise<ClassStudent[]> {
    const rows = await this.db('enrolments as e').join('people as p', 'p.id', 'e.student_id')
      .where('e.class_id', classId).select('p.id', 'p.full_name', 'p.personal_id', 'p.name_key').orderBy('p.name_key');
    return rows.map((r: Record<string, unknown>) => ({ id: int(r.id), fullName: String(r.full_name), personalId: (r.personal_id as string | null) ?? null, sortKey: String(r.name_key) }));
  }

  async isParentOf(parentId: number, studentId: number) {
    return !!(await this.db('parent_links').where({ parent_id: parentId, student_id: studentId }).first('student_id'));
  }
}
