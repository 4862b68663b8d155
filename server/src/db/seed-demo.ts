import type { Knex } from 'knex';
import { buildDemoSchool, DEMO_PASSWORD, type DemoSchool } from '../domain/demo/demo-school.js';
import type { PasswordHasher } from '../domain/accounts/account.types.js';
import { foldVietnamese, nameSortKey } from '../domain/shared/vietnamese.js';
import { DomainError } from '../domain/shared/errors.js';
import { insertedId } from '../data/rows.js';
import { seedDemoCurriculum } from './seed-demo-curriculum.js';
import { seedDemoQuestions } from './seed-demo-questions.js';
import { demoDataDir, seedDemoMaterials } from './seed-demo-materials.js';
import { seedDemoTasks } from './seed-demo-tasks.js';
import { seedDemoQaProgress } from './seed-demo-qa-progress.js';
import { seedDemoPlans } from './seed-demo-plans.js';

/**
 * Writes the demo lower-secondary school (grades 6–9, ~40 students a class, the 2018
 * programme's subjects) into an empty database, in one transaction. Every demo account shares
 * DEMO_PASSWORD, hashed once (the salt is inside the hash, so one hash verifies for all).
 */
export async function seedDemoSchool(knex: Knex, hasher: PasswordHasher, opts: { classesPerGrade?: number; studentsPerClass?: number } = {}): Promise<DemoSchool> {
  const demo = buildDemoSchool(opts);
  const hash = await hasher.hash(DEMO_PASSWORD);
  const at = new Date().toISOString();
  await knex.transaction(async (trx) => {
    if (await trx('schools').first('id')) throw new DomainError('SCHOOL_ALREADY_SET_UP');
    const s = demo.school;
    const schoolId = insertedId(await trx('schools').insert({ name: s.name, moet_code: s.moetCode, level: s.level, province: s.province, district_office: s.districtOffice, address: s.address, phone: s.phone, created_at: at, updated_at: at }).returning('id'));
    const y = demo.schoolYear;
    const yearId = insertedId(await trx('school_years').insert({ school_id: schoolId, name: y.name, starts_on: y.startsOn, ends_on: y.endsOn, is_current: true }).returning('id'));
    await trx('semesters').insert(y.semesters.map((m) => ({ school_year_id: yearId, number: m.number, starts_on: m.startsOn, ends_on: m.endsOn, weeks: m.weeks })));

    const personIds = new Map<string, number>();
    const addPerson = async (row: Record<string, unknown>, login: string, roles: string[]) => {
      const fullName = String(row.full_name);
      const id = insertedId(await trx('people').insert({
        ...row, name_key: nameSortKey(fullName), search_key: foldVietnamese(`${fullName} ${row.personal_id ?? ''}`).slice(0, 200), status: 'active', created_at: at, updated_at: at,
      }).returning('id'));
      const accountId = insertedId(await trx('accounts').insert({ person_id: id, login, password_hash: hash, must_change_password: false, created_at: at }).returning('id'));
      await trx('account_roles').insert(roles.map((role) => ({ account_id: accountId, role })));
      return id;
    };

    for (const p of demo.staff) {
      const id = await addPerson({ kind: 'staff', personal_id: p.personalId, citizen_id: p.citizenId, full_name: p.fullName, birth_date: p.birthDate, gender: p.gender, phone: p.phone, email: p.email, position: p.position }, p.personalId, p.roles.filter((r) => r !== 'group_leader'));
      personIds.set(p.personalId, id);
    }
    const groupIds = new Map<string, number>();
    for (const g of demo.subjectGroups) {
      const id = insertedId(await trx('subject_groups').insert({ school_id: schoolId, name: g.name, leader_id: personIds.get(g.leaderPersonalId) ?? null }).returning('id'));
      groupIds.set(g.name, id);
      const members = g.memberPersonalIds.map((pid) => personIds.get(pid)).filter((x): x is number => x !== undefined);
      if (members.length) await trx('subject_group_members').insert(members.map((person_id) => ({ subject_group_id: id, person_id })));
    }
    const subjectIds = new Map<string, number>();
    for (const sub of demo.subjects) {
      const id = insertedId(await trx('subjects').insert({ school_id: schoolId, code: sub.code, name: sub.name, subject_group_id: sub.groupName ? groupIds.get(sub.groupName) ?? null : null, assessment: sub.assessment }).returning('id'));
      subjectIds.set(sub.code, id);
      await trx('subject_grades').insert(Object.entries(sub.periods).map(([grade, n]) => ({ subject_id: id, grade: Number(grade), periods_per_year: n })));
    }
    const classIds = new Map<string, number>();
    for (const c of demo.classes) {
      const id = insertedId(await trx('classes').insert({ school_year_id: yearId, grade: c.grade, name: c.name, homeroom_teacher_id: personIds.get(c.homeroomTeacherPersonalId) ?? null }).returning('id'));
      classIds.set(c.name, id);
      for (const st of c.students) {
        const sid = await addPerson({ kind: 'student', personal_id: st.personalId, citizen_id: st.citizenId, full_name: st.fullName, birth_date: st.birthDate, gender: st.gender }, st.personalId, ['student']);
        personIds.set(st.personalId, sid);
        await trx('enrolments').insert({ class_id: id, student_id: sid, school_year_id: yearId });
      }
    }
    for (const a of demo.teachingAssignments) {
      await trx('teaching_assignments').insert({ class_id: classIds.get(a.className), subject_id: subjectIds.get(a.subjectCode), teacher_id: personIds.get(a.teacherPersonalId) });
    }
    for (const p of demo.parents) {
      const pid = await addPerson({ kind: 'parent', personal_id: null, citizen_id: null, full_name: p.fullName, gender: p.gender, phone: p.phone }, p.login, ['parent']);
      for (const child of p.childrenPersonalIds) {
        await trx('parent_links').insert({ parent_id: pid, student_id: personIds.get(child), relation: p.relation });
      }
    }
    await trx('audit_log').insert({ at, actor_login: 'demo-seed', action: 'school.demo_seeded', entity: 'school', entity_id: String(schoolId), details: JSON.stringify({ students: demo.students.length, staff: demo.staff.length }) });
    await seedDemoCurriculum(trx, subjectIds, at);
    await seedDemoQuestions(trx, subjectIds, at);
    await seedDemoMaterials(trx, subjectIds, at, demoDataDir(knex));
    await seedDemoTasks(trx, at);
    await seedDemoQaProgress(trx, at);
    await seedDemoPlans(trx, at);
  });
  return demo;
}
