import t from 'tap';
import { audienceClassIds, checkAudience, mayAddress, resolveAudience } from '../../server/src/domain/notices/audience.js';
import { noticeFromDecision, noticeKindFor } from '../../server/src/domain/notices/notice-text.js';
import { DomainError } from '../../server/src/domain/shared/errors.js';
import type { AudienceRoster } from '../../server/src/domain/notices/notice.types.js';

// Two grades, three classes; student 11 and 21 are siblings (parent 100), parent 101 has one child.
const roster: AudienceRoster = {
  classes: [{ id: 1, grade: 6 }, { id: 2, grade: 6 }, { id: 3, grade: 8 }],
  enrolments: [
    { classId: 1, studentId: 11 }, { classId: 1, studentId: 12 },
    { classId: 2, studentId: 13 },
    { classId: 3, studentId: 21 },
  ],
  parentLinks: [
    { parentId: 100, studentId: 11 }, { parentId: 100, studentId: 21 },
    { parentId: 101, studentId: 13 },
    { parentId: 102, studentId: 12 }, { parentId: 103, studentId: 12 }, // a mother and a father
  ],
};

const code = (f: () => unknown) => {
  try {
    f();
    return 'accepted';
  } catch (e) {
    return e instanceof DomainError ? e.code : String(e);
  }
};

t.test('classes of an audience', async (t) => {
  t.same(audienceClassIds({ scope: 'school', to: 'both' }, roster), [1, 2, 3]);
  t.same(audienceClassIds({ scope: 'grades', grades: [6], to: 'both' }, roster), [1, 2]);
  t.same(audienceClassIds({ scope: 'classes', classIds: [3, 1, 3], to: 'both' }, roster), [1, 3]);
  t.same(audienceClassIds({ scope: 'classes', classIds: [99], to: 'both' }, roster), [], 'a class of another year is nobody');
});

t.test('students, parents or both of the chosen classes', async (t) => {
  const onlyStudents = resolveAudience({ scope: 'classes', classIds: [1], to: 'students' }, roster);
  t.same(onlyStudents.map((r) => r.personId), [11, 12]);
  t.ok(onlyStudents.every((r) => r.kind === 'student'));

  const parents = resolveAudience({ scope: 'classes', classIds: [1], to: 'parents' }, roster);
  t.same(parents.map((r) => [r.personId, r.studentId]), [[100, 11], [102, 12], [103, 12]], 'both parents of student 12, no parent of another class');
  t.notOk(parents.some((r) => r.personId === 101), 'the parent of a child in 6A2 is not addressed');

  const both = resolveAudience({ scope: 'classes', classIds: [2], to: 'both' }, roster);
  t.same(both.map((r) => [r.kind, r.personId]), [['student', 13], ['parent', 101]]);
});

t.test('a parent of two children is addressed through each child, once per child', async (t) => {
  const school = resolveAudience({ scope: 'school', to: 'parents' }, roster);
  const p100 = school.filter((r) => r.personId === 100);
  t.same(p100.map((r) => [r.studentId, r.classId]), [[11, 1], [21, 3]], 'through the 6th-grader and the 8th-grader');
  const grade8 = resolveAudience({ scope: 'grades', grades: [8], to: 'both' }, roster);
  t.same(grade8.map((r) => [r.kind, r.personId, r.studentId]), [['student', 21, 21], ['parent', 100, 21]], 'only through the child in the chosen grade');
  const dup = resolveAudience({ scope: 'classes', classIds: [1, 1], to: 'both' }, { ...roster, parentLinks: [...roster.parentLinks, { parentId: 100, studentId: 11 }] });
  t.equal(dup.filter((r) => r.personId === 100).length, 1, 'a repeated link or class yields one delivery');
});

t.test('audience shape', async (t) => {
  t.equal(code(() => checkAudience({ scope: 'grades', grades: [], to: 'both' }, roster)), 'NOTICE_AUDIENCE_EMPTY');
  t.equal(code(() => checkAudience({ scope: 'classes', classIds: [], to: 'both' }, roster)), 'NOTICE_AUDIENCE_EMPTY');
  t.equal(code(() => checkAudience({ scope: 'classes', classIds: [1, 42], to: 'both' }, roster)), 'NOT_FOUND', 'an unknown class is refused');
  t.equal(code(() => checkAudience({ scope: 'grades', grades: [9], to: 'both' }, roster)), 'NOT_FOUND', 'a grade without classes is refused');
  t.same(checkAudience({ scope: 'grades', grades: [8, 6, 6], to: 'parents' }, roster), { scope: 'grades', grades: [6, 8], to: 'parents' });
});

t.test('who may address whom', async (t) => {
  t.ok(mayAddress(['principal'], [], { scope: 'school', to: 'both' }));
  t.ok(mayAddress(['vice_principal'], [], { scope: 'grades', grades: [6], to: 'both' }));
  t.ok(mayAddress(['teacher'], [1], { scope: 'classes', classIds: [1], to: 'parents' }), 'a homeroom teacher their class');
  t.notOk(mayAddress(['teacher'], [1], { scope: 'classes', classIds: [1, 2], to: 'parents' }), 'not another class too');
  t.notOk(mayAddress(['teacher'], [1], { scope: 'grades', grades: [6], to: 'both' }), 'not a grade');
  t.notOk(mayAddress(['teacher'], [1], { scope: 'school', to: 'both' }), 'not the school');
  t.notOk(mayAddress(['teacher'], [], { scope: 'classes', classIds: [1], to: 'both' }), 'a teacher without a homeroom class: nobody');
  t.notOk(mayAddress(['student'], [], { scope: 'classes', classIds: [1], to: 'both' }));
});

t.test('a notice from a decision', async (t) => {
  const names = { classes: new Map([[1, '6A1'], [2, '6A2']]), subjects: new Map([[5, 'Toán'], [6, 'Ngữ văn']]) };
  const base = { id: 7, classIds: [1, 2], subjectIds: [5, 6], startsOn: '2026-12-01', endsOn: '2026-12-15', reason: 'Bão số 9', documentNumber: '15/QĐ-THCS', signerName: 'Nguyễn Văn A', signedAt: '2026-11-28T20:00:00.000Z', assessmentPlan: null };
  const n = noticeFromDecision({ ...base, type: 'online_mode', mode: 'replacing' }, names);
  t.equal(n.kind, 'online_mode');
  t.equal(n.decisionId, 7);
  t.same(n.audience, { scope: 'classes', classIds: [1, 2], to: 'both' });
  t.match(n.body, /thay thế dạy học trực tiếp cho các lớp 6A1, 6A2, các môn Toán, Ngữ văn, từ ngày 01\/12\/2026 đến ngày 15\/12\/2026/);
  t.match(n.body, /Quyết định số 15\/QĐ-THCS ngày 29\/11\/2026/, 'signed at 03:00 on 29/11 school time');
  t.match(n.body, /Lí do: Bão số 9/);
  const a = noticeFromDecision({ ...base, classIds: 'all', type: 'online_assessment', mode: null, assessmentPlan: 'Toán: 10/12/2026, 45 phút' }, names);
  t.equal(a.kind, 'assessment_plan');
  t.same(a.audience, { scope: 'school', to: 'both' });
  t.match(a.body, /tất cả các lớp/);
  t.match(a.body, /Kế hoạch kiểm tra:\nToán: 10\/12\/2026, 45 phút/);
  t.equal(noticeKindFor('force_majeure'), 'online_mode');
});
