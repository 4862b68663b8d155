import t from 'tap';
import { buildTestApp } from '../helpers/app.js';
import { dialects } from '../helpers/db.js';
import { DEMO_PRINCIPAL_ID, DEMO_TEACHER_ID } from '../../server/src/domain/demo/demo-school.js';

for (const dialect of dialects()) {
  t.test(`school structure on ${dialect}`, async (t) => {
    const { app, login, demo } = await buildTestApp(t, dialect, { demo: 'full' });
    const p = await login(DEMO_PRINCIPAL_ID);

    await t.test('the demo school: grades 6–9, subjects with periods, groups with leaders', async (t) => {
      const school = (await p.request({ url: '/api/school' })).json();
      t.equal(school.level, 'lower_secondary');
      const subjects = (await p.request({ url: '/api/subjects?grade=6' })).json() as { name: string; periods: Record<string, number> }[];
      t.ok(subjects.find((s) => s.name === 'Toán')?.periods['6'] === 140);
      const total = subjects.reduce((n, s) => n + (s.periods['6'] ?? 0), 0);
      t.equal(total, 1015, 'grade 6 periods add up to the programme total');
      const groups = (await p.request({ url: '/api/subject-groups' })).json() as { name: string; leaderName: string | null }[];
      t.ok(groups.length >= 5 && groups.every((g) => g.leaderName));
    });

    await t.test('classes carry the class-size warning beyond 45 (Circular 32/2020)', async (t) => {
      const classes = (await p.request({ url: '/api/classes' })).json() as { name: string; studentCount: number; sizeWarning: { limit: number } | null }[];
      t.equal(classes.length, demo!.classes.length);
      const big = classes.filter((c) => c.sizeWarning);
      t.equal(big.length, 1);
      t.equal(big[0]!.sizeWarning!.limit, 45);
      t.ok(big[0]!.studentCount > 45);
      t.ok(classes.filter((c) => !c.sizeWarning).every((c) => c.studentCount <= 45));
    });

    await t.test('school years: semesters must lie inside the year and not overlap', async (t) => {
      const bad = await p.request({ method: 'POST', url: '/api/school-years', payload: { name: '2027-2028', startsOn: '2027-09-05', endsOn: '2028-05-31', isCurrent: false, semesters: [
        { number: 1, startsOn: '2027-09-05', endsOn: '2028-01-20', weeks: 18 }, { number: 2, startsOn: '2028-01-10', endsOn: '2028-05-31', weeks: 17 },
      ] } });
      t.equal(bad.statusCode, 400);
      t.equal(bad.json().error.code, 'SEMESTERS_OUTSIDE_YEAR');
      t.match(bad.json().error.message.vi, /Học kì/);
      const good = await p.request({ method: 'POST', url: '/api/school-years', payload: { name: '2027-2028', startsOn: '2027-09-05', endsOn: '2028-05-31', isCurrent: false, semesters: [
        { number: 1, startsOn: '2027-09-05', endsOn: '2028-01-15', weeks: 18 }, { number: 2, startsOn: '2028-01-18', endsOn: '2028-05-31', weeks: 17 },
      ] } });
      t.equal(good.statusCode, 200);
      const years = (await p.request({ url: '/api/school-years' })).json() as { name: string; isCurrent: boolean; semesters: unknown[] }[];
      t.equal(years.length, 2);
      t.ok(years.find((y) => y.name === '2026-2027')?.isCurrent, 'the current year stays current');
    });

    await t.test('a grade outside the school level is refused; a new class and its homeroom teacher', async (t) => {
      const year = (await p.request({ url: '/api/school-years' })).json().find((y: { isCurrent: boolean }) => y.isCurrent);
      const teacher = (await p.request({ url: `/api/people?q=${DEMO_TEACHER_ID}` })).json().items[0];
      const bad = await p.request({ method: 'POST', url: '/api/classes', payload: { schoolYearId: year.id, grade: 10, name: '10A1', homeroomTeacherId: null } });
      t.equal(bad.json().error.code, 'GRADE_NOT_IN_SCHOOL_LEVEL');
      const student = (await p.request({ url: '/api/people?kind=student&limit=1' })).json().items[0];
      const notTeacher = await p.request({ method: 'POST', url: '/api/classes', payload: { schoolYearId: year.id, grade: 6, name: '6A9', homeroomTeacherId: student.id } });
      t.equal(notTeacher.json().error.code, 'WRONG_ROLE_FOR_ASSIGNMENT');
      const created = await p.request({ method: 'POST', url: '/api/classes', payload: { schoolYearId: year.id, grade: 6, name: '6a9', homeroomTeacherId: teacher.id } });
      t.equal(created.statusCode, 200);
      const c = (await p.request({ url: `/api/classes/${created.json().id}` })).json();
      t.equal(c.name, '6A9');
      t.equal(c.homeroomTeacherName, teacher.fullName);
      const dup = await p.request({ method: 'POST', url: '/api/classes', payload: { schoolYearId: year.id, grade: 6, name: '6A9', homeroomTeacherId: null } });
      t.equal(dup.statusCode, 409, 'a duplicate class name is a conflict, not a server error');
      t.equal(dup.json().error.code, 'CONFLICT');
    });

    await t.test('teaching assignments: one teacher per class and subject, replaced on reassignment', async (t) => {
      const classes = (await p.request({ url: '/api/classes?grade=7' })).json();
      const cls = classes[0];
      const before = (await p.request({ url: `/api/assignments?classId=${cls.id}` })).json() as { id: number; subjectId: number; teacherId: number }[];
      t.equal(before.length, (await p.request({ url: '/api/subjects?grade=7' })).json().length, 'every subject of the grade is assigned');
      const first = before[0]!;
      const other = (await p.request({ url: '/api/people?role=teacher&limit=50' })).json().items.find((x: { id: number }) => x.id !== first.teacherId);
      const r = await p.request({ method: 'POST', url: '/api/assignments', payload: { classId: cls.id, subjectId: first.subjectId, teacherId: other.id } });
      t.equal(r.json().id, first.id, 'the same assignment row, now with another teacher');
      const after = (await p.request({ url: `/api/assignments?classId=${cls.id}` })).json() as { id: number; teacherId: number }[];
      t.equal(after.length, before.length);
      t.equal(after.find((a) => a.id === first.id)!.teacherId, other.id);
      t.equal((await p.request({ method: 'DELETE', url: `/api/assignments/${first.id}` })).statusCode, 200);
      t.equal((await p.request({ method: 'DELETE', url: `/api/assignments/${first.id}` })).json().error.code, 'NOT_FOUND');
    });

    await t.test('a teacher reads the structure but cannot change it; every change is audited', async (t) => {
      const teacher = await login(DEMO_TEACHER_ID);
      t.equal((await teacher.request({ url: '/api/classes' })).statusCode, 200);
      const res = await teacher.request({ method: 'PUT', url: '/api/school', payload: { name: 'X', moetCode: 'X1', level: 'primary', province: 'X', districtOffice: 'X' } });
      t.equal(res.statusCode, 403);
      const audit = (await p.request({ url: '/api/audit?action=class.&limit=10' })).json() as { action: string; actorLogin: string }[];
      t.ok(audit.some((a) => a.action === 'class.created' && a.actorLogin === DEMO_PRINCIPAL_ID));
    });

    await t.test('bad input gets field errors in both languages', async (t) => {
      const res = await p.request({ method: 'POST', url: '/api/subjects', payload: { code: 'bad code!', name: '', subjectGroupId: null, assessment: 'stars', periods: {} } });
      t.equal(res.statusCode, 400);
      t.equal(res.json().error.code, 'VALIDATION_FAILED');
      t.ok(res.json().error.message.en);
      t.ok(Array.isArray(res.json().error.details.fields));
    });
  });
}
