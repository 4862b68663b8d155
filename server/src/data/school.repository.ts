import type { Knex } from 'knex';
import type { SchoolInput, SchoolRepository, SchoolYearInput, SubjectInput } from '../domain/school/school.repository.js';
import type { School, SchoolYear, Subject, SubjectGroup } from '../domain/school/school.types.js';
import { bool, insertedId, int } from './rows.js';

export class KnexSchoolRepository implements SchoolRepository {
  constructor(private readonly db: Knex) {}

  async getSchool(): Promise<School | undefined> {
    const r = await this.db('schools').orderBy('id').first();
    if (!r) return undefined;
    return { id: int(r.id), name: r.name, moetCode: r.moet_code, level: r.level, province: r.province, districtOffice: r.district_office, address: r.address ?? null, phone: r.phone ?? null };
  }
  async createSchool(i: SchoolInput) {
    const at = new Date().toISOString();
    return insertedId(await this.db('schools').insert({ ...schoolRow(i), created_at: at, updated_at: at }).returning('id'));
  }
  async updateSchool(id: number, i: SchoolInput) {
    await this.db('schools').where({ id }).update({ ...schoolRow(i), updated_at: new Date().toISOString() });
  }

  private async years(where?: (q: Knex.QueryBuilder) => void): Promise<SchoolYear[]> {
    const q = this.db('school_years').orderBy('starts_on', 'desc');
    if (where) where(q);
    const rows = await q;
    if (!rows.length) return [];
    const sems = await this.db('semesters').whereIn('school_year_id', rows.map((r) => r.id)).orderBy('number');
    return rows.map((r) => ({
      id: int(r.id), name: r.name, startsOn: r.starts_on, endsOn: r.ends_on, isCurrent: bool(r.is_current),
      semesters: sems.filter((s) => int(s.school_year_id) === int(r.id)).map((s) => ({ id: int(s.id), number: int(s.number) as 1 | 2, startsOn: s.starts_on, endsOn: s.ends_on, weeks: int(s.weeks) })),
    }));
  }
  listYears() {
    return this.years();
  }
  async getYear(id: number) {
    return (await this.years((q) => q.where('id', id)))[0];
  }
  async currentYear() {
    return (await this.years((q) => q.where('is_current', true)))[0] ?? (await this.years())[0];
  }
  async createYear(schoolId: number, i: SchoolYearInput) {
    if (i.isCurrent) await this.db('school_years').update({ is_current: false });
    const id = insertedId(await this.db('school_years').insert({ school_id: schoolId, name: i.name, starts_on: i.startsOn, ends_on: i.endsOn, is_current: i.isCurrent }).returning('id'));
    await this.db('semesters').insert(i.semesters.map((s) => ({ school_year_id: id, number: s.number, starts_on: s.startsOn, ends_on: s.endsOn, weeks: s.weeks })));
    return id;
  }
  async updateYear(id: number, i: SchoolYearInput) {
    if (i.isCurrent) await this.db('school_years').whereNot({ id }).update({ is_current: false });
    await this.db('school_years').where({ id }).update({ name: i.name, starts_on: i.startsOn, ends_on: i.endsOn, is_current: i.isCurrent });
    for (const s of i.semesters) {
      await this.db('semesters').where({ school_year_id: id, number: s.number }).update({ starts_on: s.startsOn, ends_on: s.endsOn, weeks: s.weeks });
    }
  }

  async listGroups(): Promise<SubjectGroup[]> {
    const rows = await this.db('subject_groups as g').leftJoin('people as p', 'p.id', 'g.leader_id').select('g.id', 'g.name', 'g.leader_id', 'p.full_name as leader_name').orderBy('g.name');
    const members = await this.db('subject_group_members').select('subject_group_id', 'person_id');
    return rows.map((g) => ({
      id: int(g.id), name: g.name, leaderId: g.leader_id === null ? null : int(g.leader_id), leaderName: g.leader_name ?? null,
      memberIds: members.filter((m) => int(m.subject_group_id) === int(g.id)).map((m) => int(m.person_id)),
    }));
  }
  async groupByName(name: string) {
    return (await this.listGroups()).find((g) => g.name === name);
  }
  async createGroup(schoolId: number, name: string, leaderId: number | null, memberIds: number[]) {
    const id = insertedId(await this.db('subject_groups').insert({ school_id: schoolId, name, leader_id: leaderId }).returning('id'));
    if (memberIds.length) await this.db('subject_group_members').insert(memberIds.map((person_id) => ({ subject_group_id: id, person_id })));
    return id;
  }
  async updateGroup(id: number, name: string, leaderId: number | null, memberIds: number[]) {
    await this.db('subject_groups').where({ id }).update({ name, leader_id: leaderId });
    await this.db('subject_group_members').where('subject_group_id', id).del();
    if (memberIds.length) await this.db('subject_group_members').insert(memberIds.map((person_id) => ({ subject_group_id: id, person_id })));
  }

  async listSubjects(grade?: number): Promise<Subject[]> {
    const q = this.db('subjects').orderBy('id');
    if (grade !== undefined) q.whereIn('id', this.db('subject_grades').where({ grade }).select('subject_id'));
    const rows = await q;
    const periods = await this.db('subject_grades').select('subject_id', 'grade', 'periods_per_year');
    return rows.map((s) => ({
      id: int(s.id), code: s.code, name: s.name, subjectGroupId: s.subject_group_id === null ? null : int(s.subject_group_id), assessment: s.assessment,
      periods: Object.fromEntries(periods.filter((p) => int(p.subject_id) === int(s.id)).map((p) => [int(p.grade), int(p.periods_per_year)])),
    }));
  }
  async getSubject(id: number) {
    return (await this.listSubjects()).find((s) => s.id === id);
  }
  async createSubject(schoolId: number, i: SubjectInput) {
    const id = insertedId(await this.db('subjects').insert({ school_id: schoolId, code: i.code, name: i.name, subject_group_id: i.subjectGroupId, assessment: i.assessment }).returning('id'));
    await this.writePeriods(id, i.periods);
    return id;
  }
  async updateSubject(id: number, i: SubjectInput) {
    await this.db('subjects').where({ id }).update({ code: i.code, name: i.name, subject_group_id: i.subjectGroupId, assessment: i.assessment });
    await this.db('subject_grades').where('subject_id', id).del();
    await this.writePeriods(id, i.periods);
  }
  private async writePeriods(subjectId: number, periods: Record<number, number>) {
    const rows = Object.entries(periods).map(([grade, p]) => ({ subject_id: subjectId, grade: Number(grade), periods_per_year: p }));
    if (rows.length) await this.db('subject_grades').insert(rows);
  }

  private classQuery() {
    return this.db('classes as c')
      .leftJoin('people as t', 't.id', 'c.homeroom_teacher_id')
      .select('c.id', 'c.school_year_id', 'c.grade', 'c.name', 'c.homeroom_teacher_id', 't.full_name as homeroom_name',
        this.db('enrolments as e').count('*').whereRaw('e.class_id = c.id').as('student_count'))
      .orderBy([{ column: 'c.grade' }, { column: 'c.name' }]);
  }
  private mapClass(r: Record<string, unknown>) {
    return {
      id: int(r.id), schoolYearId: int(r.school_year_id), grade: int(r.grade), name: String(r.name),
      homeroomTeacherId: r.homeroom_teacher_id === null ? null : int(r.homeroom_teacher_id),
      homeroomTeacherName: (r.homeroom_name as string | null) ?? null, studentCount: int(r.student_count),
    };
  }
  async listClasses(yearId: number, filter?: { grade?: number; classIds?: number[] }) {
    const q = this.classQuery().where('c.school_year_id', yearId);
    if (filter?.grade !== undefined) q.where('c.grade', filter.grade);
    if (filter?.classIds) q.whereIn('c.id', filter.classIds);
    return (await q).map((r) => this.mapClass(r));
  }
  async getClass(id: number) {
    const r = await this.classQuery().where('c.id', id).first();
    return r ? this.mapClass(r) : undefined;
  }
  async classByName(yearId: number, name: string) {
    const r = await this.db('classes').where({ school_year_id: yearId, name }).first('id', 'grade');
    return r ? { id: int(r.id), grade: int(r.grade) } : undefined;
  }
  async createClass(yearId: number, grade: number, name: string, homeroomTeacherId: number | null) {
    return insertedId(await this.db('classes').insert({ school_year_id: yearId, grade, name, homeroom_teacher_id: homeroomTeacherId }).returning('id'));
  }
  async updateClass(id: number, name: string, homeroomTeacherId: number | null) {
    await this.db('classes').where({ id }).update({ name, homeroom_teacher_id: homeroomTeacherId });
  }

  async listAssignments(f: { yearId: number; classId?: number; teacherId?: number }) {
    const q = this.db('teaching_assignments as a')
      .join('classes as c', 'c.id', 'a.class_id')
      .join('subjects as s', 's.id', 'a.subject_id')
      .join('people as p', 'p.id', 'a.teacher_id')
      .where('c.school_year_id', f.yearId)
      .select('a.id', 'a.class_id', 'c.name as class_name', 'a.subject_id', 's.name as subject_name', 'a.teacher_id', 'p.full_name as teacher_name')
      .orderBy([{ column: 'c.grade' }, { column: 'c.name' }, { column: 's.id' }]);
    if (f.classId !== undefined) q.where('a.class_id', f.classId);
    if (f.teacherId !== undefined) q.where('a.teacher_id', f.teacherId);
    return (await q).map((r) => ({
      id: int(r.id), classId: int(r.class_id), className: r.class_name, subjectId: int(r.subject_id), subjectName: r.subject_name, teacherId: int(r.teacher_id), teacherName: r.teacher_name,
    }));
  }
  async upsertAssignment(classId: number, subjectId: number, teacherId: number) {
    const existing = await this.db('teaching_assignments').where({ class_id: classId, subject_id: subjectId }).first('id');
    if (existing) {
      await this.db('teaching_assignments').where('id', existing.id).update({ teacher_id: teacherId });
      return int(existing.id);
    }
    return insertedId(await this.db('teaching_assignments').insert({ class_id: classId, subject_id: subjectId, teacher_id: teacherId }).returning('id'));
  }
  async deleteAssignment(id: number) {
    return (await this.db('teaching_assignments').where({ id }).del()) > 0;
  }
}

function schoolRow(i: SchoolInput) {
  return { name: i.name, moet_code: i.moetCode, level: i.level, province: i.province, district_office: i.districtOffice, address: i.address ?? null, phone: i.phone ?? null };
}
