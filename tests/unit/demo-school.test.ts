import t, { type Test } from 'tap';
import {
  buildDemoSchool,
  DEMO_IT_ID,
  DEMO_PARENT_LOGIN,
  DEMO_PASSWORD,
  DEMO_PRINCIPAL_ID,
  DEMO_STUDENT_ID,
  DEMO_TEACHER_ID,
  DEMO_VICE_PRINCIPAL_ID,
  PROGRAMME_ANNUAL_PERIODS,
  TEACHER_MAX_PER_YEAR,
  TEACHER_NORM_PER_YEAR,
  TEACHING_WEEKS,
  type DemoSchool,
} from '../../server/src/domain/demo/demo-school.js';
import { checkCitizenId, isValidPersonalId } from '../../server/src/domain/people/identifiers.js';
import { CLASS_SIZE_LIMIT, GRADES_BY_LEVEL } from '../../server/src/domain/school/school.types.js';

const started = performance.now();
const demo = buildDemoSchool();
const firstBuildMs = performance.now() - started;

const teachers = demo.staff.filter((s) => s.roles.includes('teacher'));
const staffById = new Map(demo.staff.map((s) => [s.personalId, s]));
const subjectByCode = new Map(demo.subjects.map((s) => [s.code, s]));

t.test('generation is fast', async (t) => {
  t.ok(firstBuildMs < 200, `first build took ${firstBuildMs.toFixed(1)} ms`);
  const again = performance.now();
  buildDemoSchool();
  const ms = performance.now() - again;
  t.ok(ms < 200, `second build took ${ms.toFixed(1)} ms`);
});

t.test('the same seed gives the same school; another seed another one', async (t) => {
  t.same(buildDemoSchool(), demo);
  t.same(buildDemoSchool({ seed: 2026, classesPerGrade: 3, studentsPerClass: 40, schoolYearStart: 2026 }), demo);
  const other = buildDemoSchool({ seed: 7 });
  t.notSame(
    other.students.map((s) => s.fullName),
    demo.students.map((s) => s.fullName),
  );
  // The documented accounts are the same whatever the seed.
  t.ok(other.staff.some((s) => s.personalId === DEMO_TEACHER_ID && s.homeroomClass === '6A1'));
  t.equal(other.classes[0]?.students[0]?.personalId, DEMO_STUDENT_ID);
  t.equal(other.parents[0]?.login, DEMO_PARENT_LOGIN);
});

t.test('school, year and semesters', async (t) => {
  t.equal(demo.school.level, 'lower_secondary');
  t.equal(demo.school.province, 'Thành phố Hồ Chí Minh');
  t.match(demo.school.name, /^Trường THCS /);
  t.equal(demo.schoolYear.name, '2026-2027');
  const [hk1, hk2] = demo.schoolYear.semesters;
  t.equal(hk1.number, 1);
  t.equal(hk2.number, 2);
  t.ok(hk1.weeks >= 18 && hk2.weeks >= 17);
  t.equal(hk1.weeks + hk2.weeks, TEACHING_WEEKS);
  t.equal(demo.schoolYear.startsOn, hk1.startsOn);
  t.equal(demo.schoolYear.endsOn, hk2.endsOn);
  t.match(demo.schoolYear.startsOn, /^2026-09-0\d$/);
  t.match(demo.schoolYear.endsOn, /^2027-05-(2\d|3[01])$/);
  t.ok(hk1.endsOn < hk2.startsOn);
  for (const year of [2025, 2027, 2028, 2030]) {
    const y = buildDemoSchool({ schoolYearStart: year, classesPerGrade: 1, studentsPerClass: 5 }).schoolYear;
    t.equal(y.name, `${year}-${year + 1}`);
    t.match(y.startsOn, new RegExp(`^${year}-09-0\\d$`));
    t.ok(y.endsOn >= `${year + 1}-05-15` && y.endsOn <= `${year + 1}-05-31`, y.endsOn);
  }
});

t.test('subjects: programme periods add up to the official totals', async (t) => {
  t.equal(demo.subjects.length, new Set(demo.subjects.map((s) => s.code)).size);
  for (const grade of GRADES_BY_LEVEL.lower_secondary) {
    const total = demo.subjects.reduce((sum, s) => sum + (s.periods[grade] ?? 0), 0);
    t.equal(total, PROGRAMME_ANNUAL_PERIODS[grade], `grade ${grade}`);
  }
  t.same(PROGRAMME_ANNUAL_PERIODS, { 6: 1015, 7: 1015, 8: 1032, 9: 1032 });
  // 29 and 29.5 periods a week over 35 weeks (1032.5 printed as 1032: Công nghệ 8–9 is 52.5).
  t.equal(1015 / TEACHING_WEEKS, 29);
  t.equal(Math.floor(29.5 * TEACHING_WEEKS), 1032);
  t.same(subjectByCode.get('CN')?.periods, { 6: 35, 7: 35, 8: 52, 9: 52 });
  t.equal((subjectByCode.get('AN')?.periods[6] ?? 0) + (subjectByCode.get('MT')?.periods[6] ?? 0), 70);

  const comment = demo.subjects.filter((s) => s.assessment === 'comment').map((s) => s.code).sort();
  t.same(comment, ['AN', 'GDDP', 'GDTC', 'HDTN', 'MT']);
  for (const s of demo.subjects) {
    if (s.groupName !== null) t.ok(demo.subjectGroups.some((g) => g.name === s.groupName), `${s.code} group exists`);
  }
});

t.test('subject groups', async (t) => {
  t.ok(demo.subjectGroups.length >= 5 && demo.subjectGroups.length <= 6);
  for (const g of demo.subjectGroups) {
    t.match(g.name, /^Tổ /);
    t.ok(g.memberPersonalIds.includes(g.leaderPersonalId), `${g.name}: leader is a member`);
    const leader = staffById.get(g.leaderPersonalId);
    t.ok(leader?.roles.includes('group_leader'), `${g.name}: leader has the role`);
    t.equal(leader?.groupName, g.name);
    for (const id of g.memberPersonalIds) t.equal(staffById.get(id)?.groupName, g.name);
  }
  t.equal(demo.staff.filter((s) => s.roles.includes('group_leader')).length, demo.subjectGroups.length);
});

t.test('personal identifiers are unique and valid', async (t) => {
  const ids = [...demo.staff.map((s) => s.personalId), ...demo.students.map((s) => s.personalId)];
  t.equal(new Set(ids).size, ids.length);
  for (const id of ids) if (!isValidPersonalId(id)) t.fail(`invalid ${id}`);
  for (const s of teachers) t.match(s.personalId, /^GV79\d{8}$/);
  for (const s of demo.staff.filter((s) => !s.roles.includes('teacher'))) t.match(s.personalId, /^CB79\d+$/);
  for (const s of demo.students) if (!/^79\d{18}$/.test(s.personalId)) t.fail(`student id ${s.personalId}`);
  const logins = demo.parents.map((p) => p.login);
  t.equal(new Set(logins).size, logins.length);
  for (const l of logins) if (!/^PH\d+$/.test(l)) t.fail(`parent login ${l}`);
});

t.test('citizen numbers agree with birth date and gender', async (t) => {
  const withId = demo.students.filter((s) => s.citizenId !== null);
  const share = withId.length / demo.students.length;
  t.ok(share > 0.6 && share < 0.8, `${(share * 100).toFixed(0)}% of students have one`);
  const all = [...withId.map((s) => s.citizenId), ...demo.staff.map((s) => s.citizenId)];
  t.equal(new Set(all).size, all.length);
  for (const s of withId) {
    const id = s.citizenId ?? '';
    if (!id.startsWith('079')) t.fail(`${s.fullName}: ${id} is not from province 079`);
    const check = checkCitizenId(id, s.birthDate, s.gender);
    if (!check.ok) t.fail(`${s.fullName} ${id} ${s.birthDate} ${s.gender}: ${check.reason}`);
  }
  for (const s of demo.staff) {
    const check = checkCitizenId(s.citizenId, s.birthDate, s.gender);
    if (!check.ok) t.fail(`${s.fullName} ${s.citizenId}: ${check.reason}`);
  }
});

t.test('classes: names, sizes, birth years, unique names, homeroom teachers', async (t) => {
  t.same(
    demo.classes.map((c) => c.name),
    ['6A1', '6A2', '6A3', '7A1', '7A2', '7A3', '8A1', '8A2', '8A3', '9A1', '9A2', '9A3'],
  );
  const limit = CLASS_SIZE_LIMIT.lower_secondary;
  const over = demo.classes.filter((c) => c.students.length > limit);
  t.equal(over.length, 1, 'exactly one class over the limit');
  t.equal(over[0]?.students.length, 46);
  for (const c of demo.classes) {
    if (c.students.length <= limit) t.ok(c.students.length >= 38 && c.students.length <= 42, `${c.name}: ${c.students.length}`);
    const names = c.students.map((s) => s.fullName);
    t.equal(new Set(names).size, names.length, `${c.name}: names unique`);
    for (const s of c.students) {
      if (s.className !== c.name || s.grade !== c.grade) t.fail(`${s.fullName} in ${c.name}`);
      const born = Number(s.birthDate.slice(0, 4));
      if (born !== 2026 - c.grade - 5) t.fail(`${s.fullName} (${c.name}) born ${s.birthDate}`);
    }
    const words = names.flatMap((n) => {
      const parts = n.split(' ');
      return new Set(parts).size === parts.length ? [] : [n];
    });
    t.same(words, [], `${c.name}: no word repeated inside a name`);
  }
  t.equal(demo.students.length, demo.classes.reduce((n, c) => n + c.students.length, 0));

  const homerooms = demo.classes.map((c) => c.homeroomTeacherPersonalId);
  t.equal(new Set(homerooms).size, homerooms.length, 'homeroom teachers distinct');
  for (const c of demo.classes) {
    const teacher = staffById.get(c.homeroomTeacherPersonalId);
    t.ok(teacher?.roles.includes('teacher'), `${c.name}: homeroom teacher is a teacher`);
    t.equal(teacher?.homeroomClass, c.name);
  }
});

t.test('every class × subject is taught by a teacher of that subject', async (t) => {
  let expected = 0;
  for (const c of demo.classes) {
    for (const subject of demo.subjects) {
      if ((subject.periods[c.grade] ?? 0) === 0) continue;
      expected++;
      const found = demo.teachingAssignments.filter((a) => a.className === c.name && a.subjectCode === subject.code);
      t.equal(found.length, 1, `${c.name} ${subject.code}`);
      const a = found[0];
      const teacher = a && staffById.get(a.teacherPersonalId);
      if (!a || !teacher) {
        t.fail(`${c.name} ${subject.code} has no teacher`);
        continue;
      }
      t.equal(a.periodsPerYear, subject.periods[c.grade]);
      if (!teacher.roles.includes('teacher') || !teacher.subjects.includes(subject.code)) {
        t.fail(`${teacher.fullName} does not teach ${subject.code}`);
      }
      if (subject.groupName === null) {
        t.equal(a.teacherPersonalId, c.homeroomTeacherPersonalId, `${c.name} ${subject.code}: homeroom teacher`);
      } else if (teacher.groupName !== subject.groupName) {
        t.fail(`${c.name} ${subject.code}: ${teacher.fullName} is in ${teacher.groupName}`);
      }
    }
  }
  t.equal(demo.teachingAssignments.length, expected);
  for (const c of demo.classes) {
    const homeroom = c.homeroomTeacherPersonalId;
    t.ok(
      demo.teachingAssignments.some((a) => a.className === c.name && a.teacherPersonalId === homeroom && a.subjectCode !== 'HDTN'),
      `${c.name}: the homeroom teacher also teaches a subject there`,
    );
  }
});

function checkLoads(t: Test, school: DemoSchool, minimum: number): void {
  for (const s of school.staff) {
    const sum = school.teachingAssignments
      .filter((a) => a.teacherPersonalId === s.personalId)
      .reduce((n, a) => n + a.periodsPerYear, 0);
    t.equal(s.periodsPerYear, sum, `${s.fullName}: load is the sum of assignments`);
    if (!s.roles.includes('teacher')) {
      t.equal(sum, 0);
      continue;
    }
    t.ok(sum <= TEACHER_MAX_PER_YEAR, `${s.fullName}: ${sum} ≤ ${TEACHER_MAX_PER_YEAR}`);
    t.ok(sum >= minimum, `${s.fullName}: ${sum} ≥ ${minimum}`);
  }
}

t.test('teacher loads are realistic', async (t) => {
  t.equal(TEACHER_NORM_PER_YEAR, 665);
  t.equal(TEACHER_MAX_PER_YEAR, 864);
  // At least 12 periods a week, on average close to the 19-period norm.
  checkLoads(t, demo, 12 * TEACHING_WEEKS);
  const mean = teachers.reduce((n, s) => n + s.periodsPerYear, 0) / teachers.length;
  t.ok(mean >= 15 * TEACHING_WEEKS && mean <= 20 * TEACHING_WEEKS, `mean ${(mean / TEACHING_WEEKS).toFixed(1)}/week`);
  t.ok(teachers.length / demo.classes.length <= 1.9, `${teachers.length} teachers for ${demo.classes.length} classes`);
  // Larger schools scale the staff; small ones still get every subject taught.
  const big = buildDemoSchool({ classesPerGrade: 5 });
  checkLoads(t, big, 12 * TEACHING_WEEKS);
  const bigTeachers = big.staff.filter((s) => s.roles.includes('teacher')).length;
  t.ok(bigTeachers >= 30 && bigTeachers <= 40, `${bigTeachers} teachers at 5 classes per grade`);
  for (const classesPerGrade of [1, 2, 10, 15]) {
    const school = buildDemoSchool({ classesPerGrade, studentsPerClass: 5 });
    checkLoads(t, school, 0);
    t.equal(school.classes.length, classesPerGrade * 4);
    t.equal(new Set(school.classes.map((c) => c.homeroomTeacherPersonalId)).size, school.classes.length);
  }
  t.equal(buildDemoSchool({ classesPerGrade: 7 }).staff.filter((s) => s.roles.includes('vice_principal')).length, 2);
  t.equal(demo.staff.filter((s) => s.roles.includes('vice_principal')).length, 1);
});

t.test('staff contact details', async (t) => {
  t.equal(demo.staff.filter((s) => s.roles.includes('principal')).length, 1);
  t.equal(demo.staff.filter((s) => s.roles.includes('it_staff')).length, 1);
  const phones = [...demo.staff.map((s) => s.phone), ...demo.parents.map((p) => p.phone)];
  t.equal(new Set(phones).size, phones.length, 'phones unique');
  for (const p of phones) if (!/^0(3[2-9]|5[2689]|7[06-9]|8[1-9]|9\d)\d{7}$/.test(p)) t.fail(`phone ${p}`);
  const emails = demo.staff.map((s) => s.email);
  t.equal(new Set(emails).size, emails.length, 'emails unique');
  for (const e of emails) if (!/^[a-z0-9.]+@[a-z0-9.-]+\.example$/.test(e)) t.fail(`email ${e}`);
  const names = demo.staff.map((s) => s.fullName);
  t.equal(new Set(names).size, names.length, 'staff names unique');
  for (const s of teachers) t.ok(s.groupName !== null && s.subjects.length > 0, `${s.fullName} has a group and subjects`);
});

t.test('parents and siblings', async (t) => {
  const parentsOf = new Map<string, number>();
  for (const p of demo.parents) {
    for (const id of p.childrenPersonalIds) parentsOf.set(id, (parentsOf.get(id) ?? 0) + 1);
    if (p.relation === 'father') t.equal(p.gender, 'male');
    if (p.relation === 'mother') t.equal(p.gender, 'female');
  }
  for (const s of demo.students) if (parentsOf.get(s.personalId) !== 1) t.fail(`${s.personalId} has ${parentsOf.get(s.personalId)} parents`);
  t.equal(parentsOf.size, demo.students.length);

  const shared = demo.parents.filter((p) => p.childrenPersonalIds.length > 1);
  const siblings = shared.reduce((n, p) => n + p.childrenPersonalIds.length, 0);
  const share = siblings / demo.students.length;
  t.ok(share >= 0.04 && share <= 0.06, `${(share * 100).toFixed(1)}% of students are siblings`);
  const byId = new Map(demo.students.map((s) => [s.personalId, s]));
  for (const p of shared) {
    const kids = p.childrenPersonalIds.map((id) => byId.get(id));
    const grades = kids.map((k) => k?.grade);
    t.equal(new Set(grades).size, grades.length, `${p.login}: children in different grades`);
    t.equal(new Set(kids.map((k) => k?.fullName.split(' ')[0])).size, 1, `${p.login}: one family name`);
  }
});

t.test('the documented demo accounts', async (t) => {
  t.equal(DEMO_PASSWORD, 'Phonghoc@2026');
  t.equal(demo.demoCredentials.password, DEMO_PASSWORD);

  const principal = staffById.get(DEMO_PRINCIPAL_ID);
  t.equal(principal?.position, 'Hiệu trưởng');
  t.same(principal?.roles, ['principal']);
  t.same(staffById.get(DEMO_VICE_PRINCIPAL_ID)?.roles, ['vice_principal']);
  const it = staffById.get(DEMO_IT_ID);
  t.same(it?.roles, ['it_staff']);
  t.equal(it?.position, 'Nhân viên công nghệ thông tin');

  const teacher = staffById.get(DEMO_TEACHER_ID);
  t.ok(teacher?.roles.includes('teacher'));
  t.equal(teacher?.homeroomClass, '6A1');
  t.equal(demo.classes[0]?.homeroomTeacherPersonalId, DEMO_TEACHER_ID);
  t.ok(
    demo.teachingAssignments.some((a) => a.className === '6A1' && a.teacherPersonalId === DEMO_TEACHER_ID && a.subjectCode !== 'HDTN'),
    'the demo teacher teaches a subject in 6A1',
  );

  const student = demo.students.find((s) => s.personalId === DEMO_STUDENT_ID);
  t.equal(student?.className, '6A1');
  const parent = demo.parents.find((p) => p.login === DEMO_PARENT_LOGIN);
  t.ok(parent?.childrenPersonalIds.includes(DEMO_STUDENT_ID));
  t.equal(parent?.childrenPersonalIds.length, 2, 'the demo parent has two children');

  const accounts = new Map(demo.demoCredentials.accounts.map((a) => [a.role, a]));
  t.equal(accounts.get('principal')?.login, DEMO_PRINCIPAL_ID);
  t.equal(accounts.get('vice_principal')?.login, DEMO_VICE_PRINCIPAL_ID);
  t.equal(accounts.get('it_staff')?.login, DEMO_IT_ID);
  t.equal(accounts.get('teacher')?.login, DEMO_TEACHER_ID);
  t.equal(accounts.get('student')?.login, DEMO_STUDENT_ID);
  t.equal(accounts.get('parent')?.login, DEMO_PARENT_LOGIN);
  t.equal(accounts.get('teacher')?.fullName, teacher?.fullName);
  t.equal(accounts.get('parent')?.fullName, parent?.fullName);
});

t.test('bad options are refused', async (t) => {
  t.throws(() => buildDemoSchool({ classesPerGrade: 0 }), RangeError);
  t.throws(() => buildDemoSchool({ studentsPerClass: 2.5 }), RangeError);
  t.throws(() => buildDemoSchool({ seed: -1 }), RangeError);
});
