import t from 'tap';
import {
  assessmentProgress, attendanceByClass, compareNames, daysSince, healthStatus, lessonCounts, planPart, quizState, rate, reportingSemester, reviewStep, waitingMaterials,
} from '../../server/src/domain/dashboard/dashboard-rules.js';
import type { AssignmentRow, DashboardLessonRow, WaitingVersionRow } from '../../server/src/domain/dashboard/dashboard.types.js';
import type { Semester } from '../../server/src/domain/school/school.types.js';

const NOW = '2026-11-28T03:00:00.000Z'; // 10:00 in Vietnam

const lesson = (o: Partial<DashboardLessonRow> & Pick<DashboardLessonRow, 'id' | 'classId' | 'status'>): DashboardLessonRow => ({
  className: `6A${o.classId}`, grade: 6, subjectId: 1, subjectName: 'Toán', teacherName: 'Cô Lan', topic: 'Bài 1', mode: 'supporting',
  startsAt: '2026-11-28T01:00:00.000Z', endsAt: '2026-11-28T01:45:00.000Z', startedAt: null, ...o,
});

t.test('rate: null when nothing was expected, never a division by zero', async (t) => {
  t.equal(rate(3, 4), 0.75);
  t.equal(rate(0, 0), null);
  t.equal(rate(0, 5), 0);
});

t.test('reporting semester: the current one, else the latest started, else none', async (t) => {
  const sems: Semester[] = [
    { id: 1, number: 1, startsOn: '2026-09-05', endsOn: '2027-01-15', weeks: 18 },
    { id: 2, number: 2, startsOn: '2027-01-25', endsOn: '2027-05-25', weeks: 17 },
  ];
  t.match(reportingSemester(sems, '2026-11-28'), { id: 1, current: true });
  t.match(reportingSemester(sems, '2027-01-15'), { id: 1, current: true }, 'the last day belongs to it');
  t.match(reportingSemester(sems, '2027-01-20'), { id: 1, current: false }, 'between semesters: the one just ended');
  t.match(reportingSemester(sems, '2027-07-01'), { id: 2, current: false }, 'summer: the second');
  t.equal(reportingSemester(sems, '2026-08-01'), null, 'before the year');
  t.equal(reportingSemester([], '2026-11-28'), null);
});

t.test("today's lessons: live, ended, upcoming, missed (slot over, never started), cancelled", async (t) => {
  t.same(lessonCounts([
    { status: 'live', endsAt: '2026-11-28T03:30:00.000Z' },
    { status: 'ended', endsAt: '2026-11-28T01:45:00.000Z' },
    { status: 'scheduled', endsAt: '2026-11-28T08:00:00.000Z' },
    { status: 'scheduled', endsAt: '2026-11-28T02:00:00.000Z' },
    { status: 'scheduled', endsAt: NOW },
    { status: 'cancelled', endsAt: '2026-11-28T08:00:00.000Z' },
  ], NOW), { live: 1, ended: 1, upcoming: 1, missed: 2, cancelled: 1 });
});

t.test('attendance per class: student-lessons present out of enrolled, over lessons held', async (t) => {
  const lessons = [
    lesson({ id: 1, classId: 2, status: 'ended' }),
    lesson({ id: 2, classId: 2, status: 'live' }),
    lesson({ id: 3, classId: 10, className: '6A10', status: 'live' }),
    lesson({ id: 4, classId: 3, status: 'scheduled' }),
    lesson({ id: 5, classId: 4, status: 'cancelled' }),
    lesson({ id: 6, classId: 1, className: '7A1', grade: 7, status: 'ended' }),
  ];
  const out = attendanceByClass(lessons, [
    { lessonId: 1, joined: 30, presentNow: 0 },
    { lessonId: 2, joined: 28, presentNow: 25 },
    { lessonId: 6, joined: 50, presentNow: 0 }, // more than enrolled (a data slip): capped
  ], new Map([[2, 32], [10, 40], [1, 45]]));
  t.same(out.map((c) => [c.className, c.lessons, c.present, c.expected]), [['6A2', 2, 58, 64], ['6A10', 1, 0, 40], ['7A1', 1, 45, 45]],
    'grade then class name (6A2 before 6A10); classes without a lesson held are left out; a live lesson without anyone counts 0');
  t.equal(out[0]?.rate, 58 / 64);
  t.equal(out[1]?.rate, 0);
  t.same(attendanceByClass([lesson({ id: 1, classId: 5, status: 'ended' })], [], new Map()).map((c) => c.rate), [null], 'an empty class: no rate');
});

t.test('class names sort as the school writes them', async (t) => {
  t.same(['6A10', '6A2', '6A1', 'Đ1', 'D2'].sort(compareNames), ['6A1', '6A2', '6A10', 'D2', 'Đ1']);
});

const version = (o: Partial<WaitingVersionRow> & Pick<WaitingVersionRow, 'versionId' | 'status'>): WaitingVersionRow => ({
  materialId: o.versionId, title: `Học liệu ${o.versionId}`, subjectName: 'Toán', grade: 6, authorName: 'Thầy Nam', groupName: 'Tổ Toán – Tin',
  leaderId: 7, leaderName: 'Cô Hoa', submittedAt: '2026-11-20T02:00:00.000Z', passedAt: null, createdAt: '2026-11-19T02:00:00.000Z', ...o,
});

t.test('review step (Art. 7.3): the group leader, or the principal after the leader or when the group has none', async (t) => {
  t.equal(reviewStep({ status: 'submitted', leaderId: 7 }), 'leader');
  t.equal(reviewStep({ status: 'submitted', leaderId: null }), 'principal');
  t.equal(reviewStep({ status: 'passed', leaderId: 7 }), 'principal');
});

t.test('waiting materials: split by step, waiting since the step began, oldest first', async (t) => {
  const out = waitingMaterials([
    version({ versionId: 1, status: 'submitted', submittedAt: '2026-11-27T02:00:00.000Z' }),
    version({ versionId: 2, status: 'submitted', submittedAt: '2026-11-18T02:00:00.000Z' }),
    version({ versionId: 3, status: 'passed', submittedAt: '2026-11-01T02:00:00.000Z', passedAt: '2026-11-25T02:00:00.000Z' }),
    version({ versionId: 4, status: 'submitted', leaderId: null, leaderName: null, groupName: null, submittedAt: '2026-11-26T02:00:00.000Z' }),
    version({ versionId: 5, status: 'passed', submittedAt: null, passedAt: null }),
  ], NOW);
  t.same(out.leaderStep.map((m) => [m.versionId, m.waitingDays]), [[2, 10], [1, 1]]);
  t.same(out.principalStep.map((m) => [m.versionId, m.waitingSince]), [
    [5, '2026-11-19T02:00:00.000Z'], [3, '2026-11-25T02:00:00.000Z'], [4, '2026-11-26T02:00:00.000Z'],
  ], 'a passed version waits since it was passed (not since it was submitted); without stamps, since it was created');
});

t.test('days since: whole days, never negative', async (t) => {
  t.equal(daysSince('2026-11-28T02:59:00.000Z', NOW), 0);
  t.equal(daysSince('2026-11-27T03:00:00.000Z', NOW), 1);
  t.equal(daysSince('2026-11-27T03:00:01.000Z', NOW), 0);
  t.equal(daysSince('2026-11-29T00:00:00.000Z', NOW), 0, 'a clock slip does not give -1');
});

t.test('quiz state per class: upcoming, open, waiting for grading, graded', async (t) => {
  const q = { opensAt: '2026-11-28T02:00:00.000Z', closesAt: '2026-11-28T04:00:00.000Z' };
  t.equal(quizState(q, 0, '2026-11-28T01:59:59.999Z'), 'upcoming');
  t.equal(quizState(q, 3, NOW), 'open', 'open even with essays waiting');
  t.equal(quizState(q, 1, '2026-11-28T04:00:00.000Z'), 'waiting_grading', 'closed at closesAt');
  t.equal(quizState(q, 0, '2026-11-28T04:00:00.000Z'), 'graded');
});

const assignment = (o: Partial<AssignmentRow> & Pick<AssignmentRow, 'classId' | 'subjectId'>): AssignmentRow => ({
  className: `6A${o.classId}`, grade: 6, subjectName: 'Toán', assessment: 'score', periodsPerYear: 140, teacherName: 'Cô Lan', ...o,
});

t.test('assessment progress: columns by Circular 22 (ĐĐGtx by periods per year, ĐĐGgk, ĐĐGck) × students', async (t) => {
  const rows = assessmentProgress({
    level: 'lower_secondary',
    assignments: [
      assignment({ classId: 1, subjectId: 1 }), // 140 periods: 4 regular
      assignment({ classId: 1, subjectId: 2, subjectName: 'Tin học', periodsPerYear: 35 }), // 2 regular
      assignment({ classId: 1, subjectId: 3, subjectName: 'Ngoại ngữ 1', periodsPerYear: 70 }), // 3 regular
      assignment({ classId: 1, subjectId: 4, subjectName: 'Giáo dục thể chất', assessment: 'comment', periodsPerYear: 70 }), // 2 regular
      assignment({ classId: 2, subjectId: 1, className: '6A2' }), // nobody enrolled
    ],
    enrolled: new Map([[1, 10]]),
    filled: [
      { classId: 1, subjectId: 1, columnKind: 'regular', slot: 1, filled: 10 },
      { classId: 1, subjectId: 1, columnKind: 'regular', slot: 2, filled: 4 },
      { classId: 1, subjectId: 1, columnKind: 'regular', slot: 5, filled: 10 }, // beyond the 4 slots: ignored
      { classId: 1, subjectId: 1, columnKind: 'midterm', slot: 0, filled: 12 }, // more than the class (a student left): capped
      { classId: 1, subjectId: 4, columnKind: 'regular', slot: 1, filled: 10 },
      { classId: 9, subjectId: 1, columnKind: 'regular', slot: 1, filled: 10 }, // no assignment: ignored
    ],
    quizzes: [
      { quizId: 1, classId: 1, subjectId: 1, opensAt: '2026-11-28T02:00:00.000Z', closesAt: '2026-11-28T04:00:00.000Z' },
      { quizId: 2, classId: 1, subjectId: 1, opensAt: '2026-11-20T02:00:00.000Z', closesAt: '2026-11-20T04:00:00.000Z' },
      { quizId: 2, classId: 2, subjectId: 1, opensAt: '2026-11-20T02:00:00.000Z', closesAt: '2026-11-20T04:00:00.000Z' },
      { quizId: 3, classId: 1, subjectId: 1, opensAt: '2026-12-20T02:00:00.000Z', closesAt: '2026-12-20T04:00:00.000Z' },
    ],
    pending: [{ quizId: 2, classId: 1, attempts: 2 }],
    now: NOW,
  });
  const by = (c: number, s: number) => rows.find((r) => r.classId === c && r.subjectId === s);
  t.match(by(1, 1), { students: 10, regular: { filled: 14, required: 40 }, periodic: { filled: 10, required: 20 }, quizzes: { upcoming: 1, open: 1, waitingGrading: 1, graded: 0 } });
  t.equal(by(1, 1)?.rate, 24 / 60);
  t.match(by(1, 2), { regular: { filled: 0, required: 20 }, periodic: { required: 20 } });
  t.match(by(1, 3), { regular: { required: 30 } });
  t.match(by(1, 4), { regular: { filled: 10, required: 20 }, periodic: { required: 20 } }, 'comment subjects: 2 regular + mid + end');
  t.match(by(2, 1), { students: 0, rate: null, quizzes: { graded: 1, waitingGrading: 0 } }, 'another class of the same quiz has its own state');
  t.same(rows.map((r) => `${r.className} ${r.subjectName}`), ['6A1 Giáo dục thể chất', '6A1 Ngoại ngữ 1', '6A1 Tin học', '6A1 Toán', '6A2 Toán']);
});

t.test('assessment progress for a primary school follows Circular 27 (no regular columns)', async (t) => {
  const [row] = assessmentProgress({
    level: 'primary', assignments: [assignment({ classId: 1, subjectId: 1, grade: 4, subjectName: 'Toán' })], enrolled: new Map([[1, 20]]),
    filled: [{ classId: 1, subjectId: 1, columnKind: 'midterm_level', slot: 0, filled: 20 }], quizzes: [], pending: [], now: NOW,
  });
  t.equal(row?.regular.required, 0);
  t.equal(row?.periodic.filled, 20);
  t.ok((row?.periodic.required ?? 0) >= 60, 'levels and tests at mid-term and end of term');
});

t.test('health of the teaching room', async (t) => {
  const device = { id: 1, kind: 'camera', name: 'Camera', location: null, reachable: true as boolean | null, error: null, activeAlerts: 0 };
  const camera = { id: 1, name: 'Camera', enabled: true, isDefault: true, lastSeenAt: NOW, lastError: null as string | null };
  const alert = (severity: 'warning' | 'critical') => ({ id: 1, rule: 'disk_low', severity, message: { vi: 'x', en: 'x' }, raisedAt: NOW, deviceId: null });
  t.equal(healthStatus([device], [camera], []), 'ok');
  t.equal(healthStatus([{ ...device, reachable: null }], [], []), 'ok', 'not checked is not a fault');
  t.equal(healthStatus([{ ...device, reachable: false }], [camera], []), 'warning');
  t.equal(healthStatus([device], [{ ...camera, lastError: 'timeout' }], []), 'warning');
  t.equal(healthStatus([device], [{ ...camera, enabled: false, lastError: 'timeout' }], []), 'ok', 'a disabled camera is not watched');
  t.equal(healthStatus([device], [camera], [alert('warning')]), 'warning');
  t.equal(healthStatus([device], [camera], [alert('warning'), alert('critical')]), 'critical');
});

t.test('plan versus actual: approved plans compared, least done first; the others counted', async (t) => {
  const row = (classId: number, planState: 'approved' | 'pending' | 'none', plannedToDate: number, heldToDate: number, weeksBehind = 0) => ({
    classId, className: `6A${classId}`, subjectId: 1, subjectName: 'Toán', teacherName: null, planState, plannedToDate, heldToDate, weeksBehind,
  });
  t.equal(planPart([]), null, 'nothing to plan');
  const p = planPart([row(1, 'approved', 20, 18), row(2, 'approved', 20, 10, 2), row(3, 'approved', 0, 0), row(4, 'pending', 0, 3), row(5, 'none', 0, 4), row(6, 'none', 0, 0), row(7, 'approved', 4, 6)]);
  t.same(p?.rows.map((r) => [r.className, r.held, r.planned, r.rate]), [['6A2', 10, 20, 0.5], ['6A1', 18, 20, 0.9], ['6A7', 4, 4, 1], ['6A3', 0, 0, null]],
    'lessons held beyond the plan do not count above 100 %; nothing due yet comes last');
  t.same(p?.totals, { planned: 44, held: 32, rate: 32 / 44 });
  t.equal(p?.pending, 1);
  t.equal(p?.withoutPlan, 2);
  t.equal(p?.rows[0]?.weeksBehind, 2);
  t.same(planPart([row(1, 'none', 0, 0)]), { rows: [], totals: { planned: 0, held: 0, rate: null }, pending: 0, withoutPlan: 1 });
});
