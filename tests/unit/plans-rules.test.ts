import t from 'tap';
import { distributeLessons, weeklyCapacity } from '../../server/src/domain/plans/plan-distribution.js';
import { firstMonday, monthOfWeek, monthView, schoolWeeks, weekOfDate, weekReached, yearView } from '../../server/src/domain/plans/plan-calendar.js';
import { toDateTotals, weekStatus } from '../../server/src/domain/plans/plan-actual.js';
import { canTake, nextPlanStatus, type PlanWorkflowContext } from '../../server/src/domain/plans/plan-workflow.js';
import type { PlanWeek } from '../../server/src/contracts/teaching-plans.schema.js';

t.test('school calendar weeks', async (t) => {
  t.equal(firstMonday('2026-09-05'), '2026-09-07', 'opening on a Saturday: the next Monday');
  t.equal(firstMonday('2026-09-06'), '2026-09-07', 'on a Sunday: the next Monday');
  t.equal(firstMonday('2026-09-09'), '2026-09-07', 'on a Wednesday: that week\'s Monday');
  t.equal(firstMonday('2026-09-07'), '2026-09-07');
  const weeks = schoolWeeks([
    { id: 8, number: 2, startsOn: '2027-01-11', endsOn: '2027-05-23', weeks: 17 },
    { id: 7, number: 1, startsOn: '2026-09-05', endsOn: '2027-01-10', weeks: 18 },
  ]);
  t.equal(weeks.length, 35);
  t.same(weeks[0], { week: 1, semesterId: 7, semesterNumber: 1, startsOn: '2026-09-07', endsOn: '2026-09-13' });
  t.same(weeks[17], { week: 18, semesterId: 7, semesterNumber: 1, startsOn: '2027-01-04', endsOn: '2027-01-10' });
  t.same(weeks[18], { week: 19, semesterId: 8, semesterNumber: 2, startsOn: '2027-01-11', endsOn: '2027-01-17' }, 'semester II continues the numbering');
  t.equal(weekOfDate(weeks, '2026-09-09'), 1);
  t.equal(weekOfDate(weeks, '2026-09-05'), null, 'the opening Saturday is before week 1');
  t.equal(weekOfDate(weeks, '2027-05-20'), null, 'after the last teaching week (the Tết weeks are not modelled)');
  t.equal(weekReached(weeks, '2026-09-01'), 0, 'before the year');
  t.equal(weekReached(weeks, '2026-09-14'), 2, 'a Monday starts its week');
  t.equal(weekReached(weeks, '2027-06-01'), 35, 'after the year: the last week');
  t.equal(monthOfWeek('2026-09-28'), '2026-10', 'Mon 28/9 – Sun 4/10: most of its days are in October');
  t.equal(monthOfWeek('2026-08-31'), '2026-09');
});

t.test('weekly capacity adds up', async (t) => {
  t.same(weeklyCapacity(140, 35), Array(35).fill(4), '140 periods over 35 weeks: 4 a week');
  const c = weeklyCapacity(105, 35);
  t.same(c, Array(35).fill(3));
  const odd = weeklyCapacity(70, 18);
  t.equal(odd.reduce((a, b) => a + b, 0), 70, 'uneven totals still add up');
  t.ok(odd.every((x) => x === 3 || x === 4), 'spread evenly (3 or 4)');
  t.same(weeklyCapacity(3, 6), [0, 1, 0, 1, 0, 1], 'fewer periods than weeks');
});

t.test('distribution of lessons over weeks', async (t) => {
  const weeks = Array.from({ length: 35 }, (_, i) => i + 1);
  const lessons = [{ id: 1, periods: 2 }, { id: 2, periods: 3 }, { id: 3, periods: 6 }, { id: 4, periods: 1 }];
  const d = distributeLessons(lessons, weeks, 140);
  t.same(d.warnings, []);
  t.same(d.weeks.slice(0, 4).map((w) => [w.week, w.periods, w.lessonIds]), [
    [1, 4, [1, 2]], // periods 0–1 lesson 1, 2–3 lesson 2
    [2, 4, [2, 3]], // period 4 lesson 2, 5–7 lesson 3
    [3, 4, [3, 4]], // 8–10 lesson 3, 11 lesson 4
    [4, 0, []],
  ], 'each lesson in every week its periods fall in, at 4 periods a week');
  t.equal(d.weeks.reduce((s, w) => s + w.periods, 0), 12, 'all the lessons\' periods, no more');
  t.equal(d.weeks.length, 35, 'every week listed');

  const tight = distributeLessons(Array.from({ length: 10 }, (_, i) => ({ id: i + 1, periods: 5 })), [1, 2, 3, 4, 5], 10);
  t.same(tight.warnings, ['curriculum_exceeds_periods:50>10'], 'more periods than the year has: a warning');
  t.same(tight.weeks.map((w) => w.periods), [10, 10, 10, 10, 10], 'and the pace is raised so everything fits');
  t.same(tight.weeks.flatMap((w) => w.lessonIds), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 'in order, each once');

  const noPace = distributeLessons([{ id: 1, periods: 1 }, { id: 2, periods: 1 }], [1, 2], null);
  t.same(noPace.weeks.map((w) => w.lessonIds), [[1], [2]], 'no periods per year: the lessons\' own periods set the pace');
  t.same(distributeLessons([], [1, 2], 70).weeks.map((w) => w.periods), [0, 0], 'no lessons');
  t.same(distributeLessons([{ id: 9, periods: 0 }], [1], 35).weeks[0]!.lessonIds, [9], 'a lesson without periods still takes one');
});

const week = (w: number, startsOn: string, periods: number, mode: PlanWeek['mode'], lessons: number[], semesterNumber = 1, content = ''): PlanWeek => ({
  week: w, startsOn, endsOn: startsOn, semesterNumber, periods, mode, content, materials: '', tasks: '',
  lessons: lessons.map((id) => ({ id, position: id, title: `Bài ${id}`, chapter: null, periods: 1 })),
});

t.test('month aggregation', async (t) => {
  const weeks = [
    week(1, '2026-09-07', 4, 'in_person', [1, 2]),
    week(2, '2026-09-14', 4, 'supporting', [2, 3]),
    week(4, '2026-09-28', 3, 'replacing', [4], 1, 'Ôn tập'),
    week(5, '2026-10-05', 2, 'in_person', [5]),
  ];
  const months = monthView(weeks);
  t.same(months.map((m) => [m.month, m.label, m.weeks, m.periods]), [
    ['2026-09', 'Tháng 9/2026', [1, 2], 8],
    ['2026-10', 'Tháng 10/2026', [4, 5], 5],
  ], 'a week goes to the month of its Thursday');
  t.same(months[0]!.periodsByMode, { in_person: 4, supporting: 4, replacing: 0 });
  t.same(months[0]!.lessons.map((l) => l.id), [1, 2, 3], 'a lesson spanning two weeks once');
  t.equal(months[0]!.from, '07/09/2026', 'dates dd/mm/yyyy');
  t.same(months[1]!.contents, ['Ôn tập']);
  const year = yearView([...weeks, week(20, '2027-01-18', 4, 'in_person', [6], 2)], 140, 30);
  t.same(year.parts.map((p) => [p.label, p.weeks, p.periods, p.lessons]), [['Học kì I', 4, 13, 5], ['Học kì II', 1, 4, 1]]);
  t.equal(year.periods, 17);
  t.equal(year.lessons, 6);
  t.equal(year.periodsPerYear, 140);
  t.equal(year.curriculumLessons, 30);
});

t.test('plan-versus-actual status rules', async (t) => {
  const held = new Set([1, 2, 5]);
  const s = (w: number, planned: number[], heldThisWeek = 0) => weekStatus({ week: w, currentWeek: 3, plannedLessonIds: planned, heldLessonIds: held, heldThisWeek });
  t.equal(s(1, [1, 2]), 'done', 'all held, past week');
  t.equal(s(3, [1, 2]), 'done', 'all held, this week');
  t.equal(s(2, [2, 3]), 'behind', 'past week with a lesson not held');
  t.equal(s(3, [3]), 'in_progress', 'this week, not yet held');
  t.equal(s(4, [4]), 'upcoming', 'a week to come');
  t.equal(s(5, [5]), 'ahead', 'a week to come, already held');
  t.equal(s(5, [5, 6]), 'ahead', 'a week to come, partly held already');
  t.equal(s(2, [], 1), 'not_planned', 'nothing planned but lessons held');
  t.equal(s(2, []), 'empty');

  const totals = toDateTotals([{ week: 1, lessonIds: [1, 2] }, { week: 2, lessonIds: [2, 3] }, { week: 3, lessonIds: [4] }, { week: 5, lessonIds: [5] }], 3, 3, held);
  t.same(totals, { plannedToDate: 4, heldToDate: 2, percent: 50, weeksBehind: 1 }, 'distinct lessons to date; week 5 not counted yet');
  t.same(toDateTotals([{ week: 4, lessonIds: [1] }], 3, 3, held), { plannedToDate: 0, heldToDate: 0, percent: null, weeksBehind: 0 }, 'nothing planned to date: no percentage');
  t.equal(toDateTotals([{ week: 1, lessonIds: [1, 2, 9] }], 1, 1, held).percent, 67, 'rounded');
});

t.test('approval state machine', async (t) => {
  const ctx = (status: PlanWorkflowContext['status'], who: Partial<PlanWorkflowContext>): PlanWorkflowContext => ({ status, isTeacher: false, isGroupLeader: false, isPrincipal: false, groupHasLeader: true, ...who });
  t.equal(nextPlanStatus('submit', ctx('draft', { isTeacher: true }), null), 'submitted');
  t.equal(nextPlanStatus('submit', ctx('returned', { isTeacher: true }), null), 'submitted');
  t.throws(() => nextPlanStatus('submit', ctx('draft', { isPrincipal: true }), null), { code: 'PLAN_NOT_TEACHER' });
  t.equal(nextPlanStatus('pass', ctx('submitted', { isGroupLeader: true }), null), 'passed');
  t.throws(() => nextPlanStatus('pass', ctx('submitted', { isPrincipal: true }), null), { code: 'PLAN_NOT_REVIEWER' }, 'the principal does not skip the group');
  t.equal(nextPlanStatus('pass', ctx('submitted', { isPrincipal: true, groupHasLeader: false }), null), 'passed', 'no group leader: the principal passes');
  t.throws(() => nextPlanStatus('approve', ctx('submitted', { isPrincipal: true }), null), { code: 'PLAN_WRONG_STATUS' });
  t.equal(nextPlanStatus('approve', ctx('passed', { isPrincipal: true }), null), 'approved');
  t.throws(() => nextPlanStatus('approve', ctx('passed', { isGroupLeader: true }), null), { code: 'PLAN_NOT_REVIEWER' });
  t.throws(() => nextPlanStatus('return', ctx('submitted', { isGroupLeader: true }), '  '), { code: 'VALIDATION_FAILED' }, 'a return needs a comment');
  t.equal(nextPlanStatus('return', ctx('submitted', { isGroupLeader: true }), 'Bổ sung tuần 3'), 'returned');
  t.equal(nextPlanStatus('return', ctx('passed', { isPrincipal: true }), 'Chưa đủ'), 'returned');
  t.throws(() => nextPlanStatus('return', ctx('passed', { isGroupLeader: true }), 'Chưa đủ'), { code: 'PLAN_NOT_REVIEWER' }, 'once passed, only the principal returns');
  t.throws(() => nextPlanStatus('submit', ctx('approved', { isTeacher: true }), null), { code: 'PLAN_WRONG_STATUS' });
  t.notOk(canTake('approve', ctx('approved', { isPrincipal: true })));
  t.ok(canTake('pass', ctx('submitted', { isGroupLeader: true })));
});
