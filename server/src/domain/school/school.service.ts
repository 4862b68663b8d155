import { DomainError } from '../shared/errors.js';
import type { Actor } from '../accounts/account.types.js';
import type { Repos, Transactor } from '../repos.js';
import { CLASS_SIZE_LIMIT, GRADES_BY_LEVEL, type School, type SchoolClass, type SchoolLevel } from './school.types.js';
import type { SchoolInput, SchoolYearInput, SubjectInput } from './school.repository.js';

/** The school's structure (Art. 15.1.d): every change is one transaction with its audit entry. */
export class SchoolService {
  constructor(private readonly tx: Transactor) {}

  async school(): Promise<School> {
    const s = await this.tx.read((r) => r.school.getSchool());
    if (!s) throw new DomainError('SCHOOL_NOT_SET_UP');
    return s;
  }

  updateSchool(actor: Actor, input: SchoolInput) {
    return this.tx.run(async (r) => {
      const s = await requireSchool(r);
      if (s.level !== input.level && (await r.school.listYears()).length > 0) {
        const years = await r.school.listYears();
        for (const y of years) {
          const classes = await r.school.listClasses(y.id);
          if (classes.some((c) => !GRADES_BY_LEVEL[input.level].includes(c.grade))) throw new DomainError('GRADE_NOT_IN_SCHOOL_LEVEL');
        }
      }
      await r.school.updateSchool(s.id, input);
      await r.audit.record(actor, 'school.updated', 'school', s.id, { ...input });
    });
  }

  listYears() {
    return this.tx.read((r) => r.school.listYears());
  }

  createYear(actor: Actor, input: SchoolYearInput) {
    checkYear(input);
    return this.tx.run(async (r) => {
      const s = await requireSchool(r);
      const id = await r.school.createYear(s.id, input);
      await r.audit.record(actor, 'school_year.created', 'school_year', id, { name: input.name });
      return id;
    });
  }

  updateYear(actor: Actor, id: number, input: SchoolYearInput) {
    checkYear(input);
    return this.tx.run(async (r) => {
      if (!(await r.school.getYear(id))) throw new DomainError('NOT_FOUND', { schoolYearId: id });
      await r.school.updateYear(id, input);
      await r.audit.record(actor, 'school_year.updated', 'school_year', id, { name: input.name });
    });
  }

  listGroups() {
    return this.tx.read((r) => r.school.listGroups());
  }

  saveGroup(actor: Actor, id: number | null, name: string, leaderId: number | null, memberIds: number[]) {
    return this.tx.run(async (r) => {
      const s = await requireSchool(r);
      const members = [...new Set(leaderId ? [...memberIds, leaderId] : memberIds)];
      await assertTeachers(r, members);
      if (id === null) {
        const newId = await r.school.createGroup(s.id, name, leaderId, members);
        await r.audit.record(actor, 'subject_group.created', 'subject_group', newId, { name, leaderId });
        return newId;
      }
      if (!(await r.school.listGroups()).some((g) => g.id === id)) throw new DomainError('NOT_FOUND', { subjectGroupId: id });
      await r.school.updateGroup(id, name, leaderId, members);
      await r.audit.record(actor, 'subject_group.updated', 'subject_group', id, { name, leaderId, members });
      return id;
    });
  }

  listSubjects(grade?: number) {
    return this.tx.read((r) => r.school.listSubjects(grade));
  }

  saveSubject(actor: Actor, id: number | null, input: SubjectInput) {
    return this.tx.run(async (r) => {
      const s = await requireSchool(r);
      for (const g of Object.keys(input.periods).map(Number)) {
        if (!GRADES_BY_LEVEL[s.level].includes(g)) throw new DomainError('GRADE_NOT_IN_SCHOOL_LEVEL', { grade: g });
      }
      if (id === null) {
        const newId = await r.school.createSubject(s.id, input);
        await r.audit.record(actor, 'subject.created', 'subject', newId, { code: input.code, name: input.name });
        return newId;
      }
      if (!(await r.school.getSubject(id))) throw new DomainError('NOT_FOUND', { subjectId: id });
      await r.school.updateSubject(id, input);
      await r.audit.record(actor, 'subject.updated', 'subject', id, { code: input.code, name: input.name });
      return id;
    });
  }

  /** Classes of a year (the current one by default) with the class-size warning of the school's level. */
  async listClasses(yearId?: number, filter?: { grade?: number; classIds?: number[] }): Promise<SchoolClass[]> {
    return this.tx.read(async (r) => {
      const s = await requireSchool(r);
      const year = yearId ? await r.school.getYear(yearId) : await r.school.currentYear();
      if (!year) return [];
      const classes = await r.school.listClasses(year.id, filter);
      return classes.map((c) => withSizeWarning(c, s.level));
    });
  }

  async getClass(id: number): Promise<SchoolClass> {
    return this.tx.read(async (r) => {
      const s = await requireSchool(r);
      const c = await r.school.getClass(id);
      if (!c) throw new DomainError('NOT_FOUND', { classId: id });
      return withSizeWarning(c, s.level);
    });
  }

  saveClass(actor: Actor, id: number | null, input: { schoolYearId: number; grade: number; name: string; homeroomTeacherId: number | null }) {
    return this.tx.run(async (r) => {
      const s = await requireSchool(r);
      if (!GRADES_BY_LEVEL[s.level].includes(input.grade)) throw new DomainError('GRADE_NOT_IN_SCHOOL_LEVEL', { grade: input.grade });
      if (!(await r.school.getYear(input.schoolYearId))) throw new DomainError('NOT_FOUND', { schoolYearId: input.schoolYearId });
      if (input.homeroomTeacherId !== null) await assertTeachers(r, [input.homeroomTeacherId]);
      const name = input.name.replace(/\s+/g, '').toUpperCase();
      if (id === null) {
        const newId = await r.school.createClass(input.schoolYearId, input.grade, name, input.homeroomTeacherId);
        await r.audit.record(actor, 'class.created', 'class', newId, { name, grade: input.grade });
        return newId;
      }
      if (!(await r.school.getClass(id))) throw new DomainError('NOT_FOUND', { classId: id });
      await r.school.updateClass(id, name, input.homeroomTeacherId);
      await r.audit.record(actor, 'class.updated', 'class', id, { name, homeroomTeacherId: input.homeroomTeacherId });
      return id;
    });
  }

  listAssignments(filter: { yearId?: number; classId?: number; teacherId?: number }) {
    return this.tx.read(async (r) => {
      const year = filter.yearId ? await r.school.getYear(filter.yearId) : await r.school.currentYear();
      if (!year) return [];
      return r.school.listAssignments({ ...filter, yearId: year.id });
    });
  }

  /** Teacher × class × subject; a class has one teacher per subject, so this replaces any previous one. */
  assign(actor: Actor, classId: number, subjectId: number, teacherId: number) {
    return this.tx.run(async (r) => {
      const c = await r.school.getClass(classId);
      if (!c) throw new DomainError('NOT_FOUND', { classId });
      const subject = await r.school.getSubject(subjectId);
      if (!subject) throw new DomainError('NOT_FOUND', { subjectId });
      if (!(c.grade in subject.periods)) throw new DomainError('GRADE_NOT_IN_SCHOOL_LEVEL', { grade: c.grade, subjectId });
      await assertTeachers(r, [teacherId]);
      const id = await r.school.upsertAssignment(classId, subjectId, teacherId);
      await r.audit.record(actor, 'assignment.saved', 'teaching_assignment', id, { classId, subjectId, teacherId });
      return id;
    });
  }

  unassign(actor: Actor, id: number) {
    return this.tx.run(async (r) => {
      if (!(await r.school.deleteAssignment(id))) throw new DomainError('NOT_FOUND', { assignmentId: id });
      await r.audit.record(actor, 'assignment.deleted', 'teaching_assignment', id);
    });
  }
}

async function requireSchool(r: Repos): Promise<School> {
  const s = await r.school.getSchool();
  if (!s) throw new DomainError('SCHOOL_NOT_SET_UP');
  return s;
}

async function assertTeachers(r: Repos, personIds: number[]): Promise<void> {
  for (const id of personIds) {
    const roles = await r.people.rolesOf(id);
    if (!roles.includes('teacher') && !roles.includes('principal') && !roles.includes('vice_principal')) {
      throw new DomainError('WRONG_ROLE_FOR_ASSIGNMENT', { personId: id });
    }
  }
}

export function withSizeWarning(c: Omit<SchoolClass, 'sizeWarning'>, level: SchoolLevel): SchoolClass {
  const limit = CLASS_SIZE_LIMIT[level];
  return { ...c, sizeWarning: c.studentCount > limit ? { limit, count: c.studentCount } : null };
}

/** Two semesters inside the year, in order, not overlapping (Art. 15.1.b plans by week need them). */
export function checkYear(input: SchoolYearInput): void {
  if (!(input.startsOn < input.endsOn)) throw new DomainError('INVALID_DATE_RANGE', { field: 'schoolYear' });
  const [s1, s2] = [...input.semesters].sort((a, b) => a.number - b.number);
  if (!s1 || !s2 || s1.number !== 1 || s2.number !== 2 || input.semesters.length !== 2) {
    throw new DomainError('SEMESTERS_OUTSIDE_YEAR', { reason: 'two_semesters_required' });
  }
  for (const s of [s1, s2]) {
    if (!(s.startsOn < s.endsOn)) throw new DomainError('INVALID_DATE_RANGE', { field: `semester${s.number}` });
    if (s.startsOn < input.startsOn || s.endsOn > input.endsOn) throw new DomainError('SEMESTERS_OUTSIDE_YEAR');
  }
  if (!(s1.endsOn < s2.startsOn)) throw new DomainError('SEMESTERS_OUTSIDE_YEAR', { reason: 'overlap' });
}
