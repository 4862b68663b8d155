import t from 'tap';
import { buildTestApp, type Client } from '../helpers/app.js';
import { dialects } from '../helpers/db.js';
import { ERRORS, type ErrorCode } from '../../server/src/contracts/error-codes.js';
import type { PlanVersionDetail, PlanVersusActualRow, PlanActualReply, PlanCalendarView, PlanSummary, PlanOptions } from '../../server/src/contracts/teaching-plans.schema.js';
import { TeachingPlanService } from '../../server/src/domain/plans/teaching-plan.service.js';
import { addDays, schoolWeeks } from '../../server/src/domain/plans/plan-calendar.js';
import { DEMO_PARENT_LOGIN, DEMO_PRINCIPAL_ID, DEMO_STUDENT_ID, DEMO_TEACHER_ID, DEMO_VICE_PRINCIPAL_ID } from '../../server/src/domain/demo/demo-school.js';

type Res = { statusCode: number; body: string; json(): any };
interface Asserts { ok(v: unknown, msg: string): unknown; equal(a: unknown, b: unknown, msg: string): unknown }

function errorOf(t: Asserts, res: Res, code: ErrorCode, label: string) {
  const body = res.json() as { error?: { code: string; message: { vi: string } } };
  t.equal(body.error?.code, code, `${label}: ${code}`);
  t.equal(res.statusCode, ERRORS[code].status, `${label}: HTTP ${ERRORS[code].status}`);
  t.ok(body.error?.message.vi, `${label}: Vietnamese message`);
}

for (const dialect of dialects()) {
  t.test(`teaching plans on ${dialect}`, async (t) => {
    const { login, demo, database, services } = await buildTestApp(t, dialect, { demo: 'small' });
    const knex = database.db.knex;
    const d = demo!;
    const subjects = await knex('subjects').select('id', 'code');
    const subjectId = (code: string) => Number(subjects.find((s) => s.code === code)!.id);
    const leaderOf = (code: string) => d.subjectGroups.find((g) => g.subjectCodes.includes(code))!.leaderPersonalId;
    const math = subjectId('TOAN');
    const hdtn = subjectId('HDTN');
    const class6A1 = Number((await knex('classes').where({ name: '6A1' }).first('id')).id);
    const semesters = await knex('semesters').orderBy('number').select('id', 'number', 'starts_on', 'ends_on', 'weeks');
    const s1 = Number(semesters[0].id);
    const litTeacherOf6A1 = d.teachingAssignments.find((a) => a.className === '6A1' && a.subjectCode === 'NV')!.teacherPersonalId;

    const teacher = await login(DEMO_TEACHER_ID);
    const mathLeader = await login(leaderOf('TOAN'));
    const litLeader = await login(leaderOf('NV'));
    const principal = await login(DEMO_PRINCIPAL_ID);
    const vice = await login(DEMO_VICE_PRINCIPAL_ID);
    const other = await login(litTeacherOf6A1);
    const student = await login(DEMO_STUDENT_ID);
    const parent = await login(DEMO_PARENT_LOGIN);

    const get = (c: Client, url: string) => c.request({ url }) as Promise<Res>;
    const post = (c: Client, url: string, payload: unknown = {}) => c.request({ method: 'POST', url, payload: payload as object }) as Promise<Res>;
    const put = (c: Client, url: string, payload: unknown) => c.request({ method: 'PUT', url, payload: payload as object }) as Promise<Res>;
    const review = (c: Client, p: PlanVersionDetail, action: string, comment?: string) => post(c, `/api/teaching-plans/${p.plan.id}/versions/${p.version.id}/review`, { action, ...(comment ? { comment } : {}) });
    const archived = async () => knex('archive_records').where({ kind: 'teaching_plan.approved' }).orderBy('seq').select('category', 'ref', 'title', 'semester_id', 'payload');
    const planCount = async () => Number((await knex('teaching_plans').count({ n: '*' }))[0]!.n);

    let plan!: PlanVersionDetail;

    await t.test('students and parents never see or write plans', async (t) => {
      for (const [who, c] of [['student', student], ['parent', parent]] as const) {
        errorOf(t, await get(c, '/api/teaching-plans'), 'FORBIDDEN', `${who} lists`);
        errorOf(t, await get(c, `/api/teaching-plans/progress?semesterId=${s1}`), 'FORBIDDEN', `${who} plan vs actual`);
        errorOf(t, await post(c, '/api/teaching-plans', { classId: class6A1, subjectId: math, semesterId: s1 }), 'FORBIDDEN', `${who} drafts`);
      }
    });

    await t.test('the demo school\'s plan: 6A1 Toán for the year, approved', async (t) => {
      const list = (await get(teacher, '/api/teaching-plans')).json() as PlanSummary[];
      const demoPlan = list.find((p) => p.classId === class6A1 && p.subjectId === math && p.semesterId === null)!;
      t.ok(demoPlan, 'the year plan of 6A1 Toán');
      t.equal(demoPlan.approvedVersion?.status, 'approved');
      const detail = (await get(principal, `/api/teaching-plans/${demoPlan.id}`)).json() as PlanVersionDetail;
      t.same(detail.reviews.map((r) => r.action), ['submit', 'pass', 'approve'], 'with its approval steps');
      t.ok(detail.weeks.some((w) => w.mode === 'supporting'), 'a week of online supporting lessons');
      const rows = (await get(principal, `/api/teaching-plans/progress?semesterId=${s1}&classId=${class6A1}&subjectId=${math}`)).json() as PlanVersusActualRow[];
      t.equal(rows[0]!.planId, demoPlan.id, 'the year plan is in force for semester I');
      t.equal(rows[0]!.planState, 'approved');
    });

    await t.test('only the assigned teacher drafts', async (t) => {
      const before = await planCount();
      const opts = (await get(teacher, '/api/teaching-plans/options')).json() as PlanOptions;
      t.same(opts.assignments.filter((a) => a.className === '6A1').map((a) => a.subjectId).sort(), [math, hdtn].sort(), 'the teacher plans 6A1 Toán and Hoạt động trải nghiệm');
      t.same(opts.semesters.map((s) => [s.firstWeek, s.lastWeek]), [[1, 18], [19, 35]], 'week numbers run through the year');
      errorOf(t, await post(other, '/api/teaching-plans', { classId: class6A1, subjectId: math, semesterId: s1 }), 'PLAN_NOT_TEACHER', 'another teacher of the class');
      errorOf(t, await post(principal, '/api/teaching-plans', { classId: class6A1, subjectId: math, semesterId: s1 }), 'PLAN_NOT_TEACHER', 'the principal');
      errorOf(t, await post(teacher, '/api/teaching-plans', { classId: class6A1, subjectId: math, semesterId: 999999 }), 'NOT_FOUND', 'an unknown semester');
      t.equal(await planCount(), before, 'nothing written');
    });

    await t.test('draft from the curriculum', async (t) => {
      const res = await post(teacher, '/api/teaching-plans', { classId: class6A1, subjectId: math, semesterId: s1, fromCurriculum: true });
      t.equal(res.statusCode, 200, res.body);
      plan = res.json();
      t.equal(plan.version.status, 'draft');
      t.equal(plan.weeks.length, 18, 'every week of semester I is listed');
      const lessons = await knex('curriculum_lessons').where({ subject_id: math, grade: 6 }).orderBy('position').select('id', 'periods');
      const planned = [...new Set(plan.weeks.flatMap((w) => w.lessons.map((l) => l.id)))];
      t.same(planned, lessons.map((l) => Number(l.id)), 'every lesson of Toán 6, in teaching order');
      t.equal(plan.weeks.reduce((s, w) => s + w.periods, 0), lessons.reduce((s, l) => s + Number(l.periods), 0), 'periods of the lessons');
      t.equal(plan.weeks[0]!.periods, 4, '140 periods a year over 35 weeks: 4 a week');
      t.ok(plan.can.edit && plan.can.submit && !plan.can.approve, 'the teacher may edit and submit');
      errorOf(t, await post(teacher, '/api/teaching-plans', { classId: class6A1, subjectId: math, semesterId: s1 }), 'PLAN_EXISTS', 'a second plan for the same semester');
      const cal = (await get(teacher, `/api/teaching-plans/${plan.plan.id}/versions/${plan.version.id}/calendar`)).json() as PlanCalendarView;
      t.equal(cal.months[0]!.label, 'Tháng 9/2026'.replace('2026', semesters[0].starts_on.slice(0, 4)), 'months in Vietnamese');
      t.match(cal.months[0]!.from, /^\d{2}\/\d{2}\/\d{4}$/, 'dates dd/mm/yyyy');
      t.equal(cal.year.periodsPerYear, 140);
      t.equal(cal.year.periods, plan.weeks.reduce((s, w) => s + w.periods, 0));
      t.equal(cal.months.reduce((s, m) => s + m.periods, 0), cal.year.periods, 'months add up to the year');
    });

    await t.test('editing weeks', async (t) => {
      const url = `/api/teaching-plans/${plan.plan.id}/versions/${plan.version.id}`;
      const weeks = plan.weeks.filter((w) => w.periods > 0).map((w) => ({ week: w.week, periods: w.periods, mode: w.mode, lessonIds: w.lessons.map((l) => l.id) }));
      weeks[1] = { ...weeks[1]!, mode: 'supporting' };
      const extra = { week: 10, periods: 2, mode: 'in_person', lessonIds: [], content: 'Ôn tập giữa học kì I', materials: 'Phiếu ôn tập', tasks: 'Bài tập về nhà' };
      const res = await put(teacher, url, { note: 'Kế hoạch môn Toán 6A1', weeks: [...weeks, extra] });
      t.equal(res.statusCode, 200, res.body);
      plan = res.json();
      t.equal(plan.weeks[1]!.mode, 'supporting');
      t.equal(plan.weeks.find((w) => w.week === 10)!.content, 'Ôn tập giữa học kì I');
      t.equal(plan.note, 'Kế hoạch môn Toán 6A1');
      errorOf(t, await put(teacher, url, { weeks: [{ week: 19, periods: 4, mode: 'in_person', lessonIds: [] }] }), 'PLAN_WEEK_OUTSIDE', 'a week of semester II');
      const grade7 = Number((await knex('curriculum_lessons').where({ subject_id: math, grade: 7 }).first('id')).id);
      errorOf(t, await put(teacher, url, { weeks: [{ week: 2, periods: 4, mode: 'in_person', lessonIds: [grade7] }] }), 'PLAN_LESSON_NOT_IN_CURRICULUM', 'a grade-7 lesson');
      errorOf(t, await put(teacher, url, { weeks: [{ week: 2, periods: 1, mode: 'in_person', lessonIds: [] }, { week: 2, periods: 1, mode: 'in_person', lessonIds: [] }] }), 'VALIDATION_FAILED', 'a week twice');
      errorOf(t, await put(other, url, { note: 'x' }), 'PLAN_NOT_TEACHER', 'another teacher edits');
      t.equal(((await get(teacher, `/api/teaching-plans/${plan.plan.id}`)).json() as PlanVersionDetail).weeks.find((w) => w.week === 10)!.content, 'Ôn tập giữa học kì I', 'a refused edit leaves the plan as it was');
      errorOf(t, await get(other, `/api/teaching-plans/${plan.plan.id}`), 'NOT_FOUND', 'another group\'s teacher does not see it');
      t.equal((await get(mathLeader, `/api/teaching-plans/${plan.plan.id}`)).statusCode, 200, 'the group leader sees it');
      t.equal((await get(vice, `/api/teaching-plans/${plan.plan.id}`)).statusCode, 200, 'the vice principal sees it');
    });

    await t.test('approval: submitted → passed by the leader → approved by the principal', async (t) => {
      errorOf(t, await review(mathLeader, plan, 'pass'), 'PLAN_WRONG_STATUS', 'pass a draft');
      errorOf(t, await review(other, plan, 'submit'), 'PLAN_NOT_TEACHER', 'another teacher submits');
      let res = await review(teacher, plan, 'submit');
      t.equal(res.statusCode, 200, res.body);
      plan = res.json();
      t.equal(plan.version.status, 'submitted');
      errorOf(t, await put(teacher, `/api/teaching-plans/${plan.plan.id}/versions/${plan.version.id}`, { note: 'x' }), 'PLAN_NOT_EDITABLE', 'edit while under review');
      errorOf(t, await review(principal, plan, 'approve'), 'PLAN_WRONG_STATUS', 'approve before the group passed it');
      errorOf(t, await review(litLeader, plan, 'pass'), 'PLAN_NOT_REVIEWER', 'another group\'s leader');
      errorOf(t, await review(teacher, plan, 'pass'), 'PLAN_NOT_REVIEWER', 'the teacher passes own plan');
      t.ok(((await get(mathLeader, '/api/teaching-plans/queue')).json() as PlanSummary[]).some((p) => p.id === plan.plan.id), 'in the maths leader\'s queue');
      t.notOk(((await get(litLeader, '/api/teaching-plans/queue')).json() as PlanSummary[]).some((p) => p.id === plan.plan.id), 'not in another leader\'s queue');
      errorOf(t, await review(mathLeader, plan, 'return'), 'VALIDATION_FAILED', 'a return needs a comment');
      res = await review(mathLeader, plan, 'return', 'Tuần 10 cần ghi rõ nội dung ôn tập');
      plan = res.json();
      t.equal(plan.version.status, 'returned');
      plan = (await review(teacher, plan, 'submit')).json();
      res = await review(mathLeader, plan, 'pass', 'Tổ đã thông qua');
      t.equal(res.statusCode, 200, res.body);
      plan = res.json();
      t.equal(plan.version.status, 'passed');
      errorOf(t, await review(mathLeader, plan, 'approve'), 'PLAN_NOT_REVIEWER', 'the leader approves');
      errorOf(t, await review(vice, plan, 'approve'), 'PLAN_NOT_REVIEWER', 'the vice principal approves');
      t.ok(((await get(principal, '/api/teaching-plans/queue')).json() as PlanSummary[]).some((p) => p.id === plan.plan.id), 'in the principal\'s queue');
      t.same(await archived(), [], 'nothing archived before approval');
      res = await review(principal, plan, 'approve', 'Đồng ý');
      t.equal(res.statusCode, 200, res.body);
      plan = res.json();
      t.equal(plan.version.status, 'approved');
      t.ok(plan.version.approvedAt);
      t.same(plan.reviews.map((r) => [r.action, r.toStatus]), [['submit', 'submitted'], ['return', 'returned'], ['submit', 'submitted'], ['pass', 'passed'], ['approve', 'approved']], 'every step recorded');
      t.equal(plan.reviews[1]!.comment, 'Tuần 10 cần ghi rõ nội dung ôn tập');
      t.ok(plan.reviews.every((r) => r.actorName && r.at), 'who and when');
      errorOf(t, await review(principal, plan, 'approve'), 'PLAN_WRONG_STATUS', 'approve twice');
      const rec = await archived();
      t.equal(rec.length, 1, 'the approved plan is in the records archive');
      t.equal(rec[0].category, 'plans');
      t.equal(rec[0].ref, `teaching_plans:${plan.plan.id}`);
      t.equal(Number(rec[0].semester_id), s1);
      t.match(rec[0].title, /Kế hoạch dạy học môn Toán lớp 6A1, học kì I/);
      const payload = JSON.parse(rec[0].payload);
      t.equal(payload.weeks.find((w: { week: number }) => w.week === 10).content, 'Ôn tập giữa học kì I', 'the archived payload holds the weeks');
      t.equal(payload.reviews.length, 5);
      const audit = await knex('audit_log').where('action', 'like', 'teaching_plan.%').select('action');
      t.same([...new Set(audit.map((a) => a.action))].sort(), ['teaching_plan.approved', 'teaching_plan.created', 'teaching_plan.edited', 'teaching_plan.passed', 'teaching_plan.returned', 'teaching_plan.submitted'], 'audited');
    });

    await t.test('a revision goes through again while the approved plan stays in force', async (t) => {
      let res = await post(teacher, `/api/teaching-plans/${plan.plan.id}/revise`);
      t.equal(res.statusCode, 200, res.body);
      const rev = res.json() as PlanVersionDetail;
      t.equal(rev.version.number, 2);
      t.equal(rev.version.status, 'draft');
      t.equal(rev.weeks.find((w) => w.week === 10)!.content, 'Ôn tập giữa học kì I', 'the revision starts from the approved weeks');
      errorOf(t, await post(teacher, `/api/teaching-plans/${plan.plan.id}/revise`), 'PLAN_VERSION_OPEN', 'a second revision');
      errorOf(t, await post(other, `/api/teaching-plans/${plan.plan.id}/revise`), 'PLAN_NOT_TEACHER', 'another teacher revises');
      let rows = (await get(principal, `/api/teaching-plans/progress?semesterId=${s1}&classId=${class6A1}&subjectId=${math}`)).json() as PlanVersusActualRow[];
      t.equal(rows.length, 1);
      t.equal(rows[0]!.versionId, plan.version.id, 'version 1 is still in force');
      t.equal(rows[0]!.planState, 'approved');
      const summary = ((await get(teacher, '/api/teaching-plans')).json() as PlanSummary[]).find((p) => p.id === plan.plan.id)!;
      t.equal(summary.approvedVersion!.id, plan.version.id);
      t.equal(summary.openVersion!.id, rev.version.id);
      await put(teacher, `/api/teaching-plans/${plan.plan.id}/versions/${rev.version.id}`, { note: 'Điều chỉnh sau kiểm tra giữa kì' });
      res = await review(teacher, rev, 'submit');
      res = await review(mathLeader, res.json(), 'pass');
      res = await review(principal, res.json(), 'approve');
      t.equal(res.statusCode, 200, res.body);
      const approved2 = res.json() as PlanVersionDetail;
      t.equal(approved2.version.status, 'approved');
      const v1 = (await get(teacher, `/api/teaching-plans/${plan.plan.id}?versionId=${plan.version.id}`)).json() as PlanVersionDetail;
      t.equal(v1.version.status, 'superseded', 'the earlier approved version is superseded');
      rows = (await get(principal, `/api/teaching-plans/progress?semesterId=${s1}&classId=${class6A1}&subjectId=${math}`)).json();
      t.equal(rows[0]!.versionId, approved2.version.id, 'version 2 is now in force');
      t.equal((await archived()).length, 2, 'each approval archived once');
      plan = approved2;
    });

    await t.test('an educational activity without a subject group: the principal passes and approves', async (t) => {
      let res = await post(teacher, '/api/teaching-plans', { classId: class6A1, subjectId: hdtn, fromCurriculum: true });
      t.equal(res.statusCode, 200, res.body);
      let p = res.json() as PlanVersionDetail;
      t.equal(p.weeks.length, 35, 'a year plan lists all 35 weeks');
      res = await put(teacher, `/api/teaching-plans/${p.plan.id}/versions/${p.version.id}`, { weeks: [{ week: 1, periods: 3, mode: 'in_person', lessonIds: [], content: 'Chủ đề 1: Em với nhà trường' }, { week: 20, periods: 3, mode: 'replacing', lessonIds: [], content: 'Sinh hoạt lớp trực tuyến' }] });
      p = res.json();
      p = (await review(teacher, p, 'submit')).json();
      errorOf(t, await review(mathLeader, p, 'pass'), 'PLAN_NOT_REVIEWER', 'a group leader of another group');
      p = (await review(principal, p, 'pass')).json();
      t.equal(p.version.status, 'passed');
      p = (await review(principal, p, 'approve')).json();
      t.equal(p.version.status, 'approved');
      const cal = (await get(teacher, `/api/teaching-plans/${p.plan.id}/versions/${p.version.id}/calendar`)).json() as PlanCalendarView;
      t.same(cal.year.parts.map((x) => [x.label, x.periods]), [['Học kì I', 3], ['Học kì II', 3]]);
      t.equal(cal.year.parts[1]!.periodsByMode.replacing, 3, 'online (replacing) periods counted');
      const rec = (await archived()).at(-1)!;
      t.equal(rec.semester_id, null, 'a year plan is archived without a semester');
    });

    await t.test('empty plans are not submitted; ids of nothing are 404', async (t) => {
      const res = await post(teacher, '/api/teaching-plans', { classId: class6A1, subjectId: math, semesterId: Number(semesters[1].id), fromCurriculum: false });
      const p = res.json() as PlanVersionDetail;
      t.ok(p.weeks.every((w) => w.periods === 0 && !w.lessons.length), 'starts empty');
      errorOf(t, await review(teacher, p, 'submit'), 'PLAN_EMPTY', 'submit an empty plan');
      errorOf(t, await get(teacher, '/api/teaching-plans/999999'), 'NOT_FOUND', 'unknown plan');
      errorOf(t, await post(teacher, `/api/teaching-plans/${p.plan.id}/versions/999999/review`, { action: 'submit' }), 'NOT_FOUND', 'unknown version');
      errorOf(t, await post(teacher, `/api/teaching-plans/${plan.plan.id}/versions/${p.version.id}/review`, { action: 'submit' }), 'NOT_FOUND', 'a version of another plan');
    });

    await t.test('plan versus actual', async (t) => {
      const year = (await services.school.listYears())[0]!;
      const calendar = schoolWeeks(year.semesters);
      // The school is on Wednesday of week 3.
      const now = new Date(`${addDays(calendar[2]!.startsOn, 2)}T03:00:00.000Z`);
      const svc = new TeachingPlanService(services.tx, { now: () => now });
      await knex('teaching_plan_taught').delete(); // the demo's lessons marked taught: start from nothing held
      const weekLessons = (w: number) => plan.weeks.find((x) => x.week === w)!.lessons.map((l) => l.id);
      const teacherId = Number((await knex('people').where({ personal_id: DEMO_TEACHER_ID }).first('id')).id);
      // Every lesson of week 1 held online (one cancelled lesson does not count).
      for (const [i, lessonId] of weekLessons(1).entries()) {
        const at = new Date(Date.parse(`${addDays(calendar[0]!.startsOn, i)}T01:00:00.000Z`)).toISOString();
        await knex('live_lessons').insert({ class_id: class6A1, subject_id: math, teacher_id: teacherId, topic: 'x', curriculum_lesson_id: lessonId, starts_at: at, ends_at: at, mode: 'supporting', status: 'ended', started_at: at, ended_at: at, created_at: at });
      }
      const late = weekLessons(5).find((id) => !weekLessons(4).includes(id) && !weekLessons(6).includes(id)) ?? weekLessons(5).at(-1)!;
      const cancelledAt = `${calendar[1]!.startsOn}T01:00:00.000Z`;
      await knex('live_lessons').insert({ class_id: class6A1, subject_id: math, teacher_id: teacherId, topic: 'x', curriculum_lesson_id: weekLessons(2)[0], starts_at: cancelledAt, ends_at: cancelledAt, mode: 'supporting', status: 'cancelled', created_at: cancelledAt, cancelled_at: cancelledAt });
      // A week-5 lesson taught in person early, in week 2.
      const actor = { accountId: null, login: DEMO_TEACHER_ID, ip: null, personId: teacherId, roles: ['teacher'] as const };
      await svc.markTaught({ ...actor, roles: ['teacher'] }, plan.plan.id, { curriculumLessonId: late, taughtOn: addDays(calendar[1]!.startsOn, 1) });
      await t.rejects(svc.markTaught({ ...actor, roles: ['teacher'] }, plan.plan.id, { curriculumLessonId: late, taughtOn: addDays(calendar[2]!.startsOn, 5) }), { code: 'VALIDATION_FAILED' }, 'not in the future');

      // A task opening on Thursday of week 2 (school time), and a deleted one that does not count.
      const taskAt = new Date(`${addDays(calendar[1]!.startsOn, 3)}T08:00:00+07:00`).toISOString();
      const task = { class_id: class6A1, subject_id: math, teacher_id: teacherId, instructions: '', audience: 'class', opens_at: taskAt, due_at: taskAt, late_policy: 'accept', resubmission: 'none', created_at: taskAt, updated_at: taskAt };
      await knex('tasks').insert({ ...task, title: 'Phiếu bài tập tuần 2', curriculum_lesson_id: weekLessons(2)[0] });
      await knex('tasks').insert({ ...task, title: 'Đã xoá', deleted_at: taskAt });
      const act: PlanActualReply = await svc.actual({ personId: teacherId, roles: ['teacher'] }, plan.plan.id);
      t.same(act.weeks.find((x) => x.week === 2)!.tasks.map((x) => x.title), ['Phiếu bài tập tuần 2'], 'tasks given that week (not deleted ones)');
      t.same(act.weeks.find((x) => x.week === 1)!.tasks, [], 'not in another week');
      const published = await knex('materials as m').join('material_versions as v', 'v.id', 'm.published_version_id').whereIn('v.curriculum_lesson_id', weekLessons(1)).pluck('m.id');
      t.same(act.weeks.find((x) => x.week === 1)!.materials.map((m) => m.id).sort(), published.map(Number).sort(), 'published materials of the week\'s lessons');
      t.equal(act.currentWeek, 3);
      const status = (w: number) => act.weeks.find((x) => x.week === w)!.status;
      const held1 = new Set(weekLessons(1));
      t.equal(status(1), 'done', 'week 1: every lesson held');
      t.equal(status(2), weekLessons(2).every((id) => held1.has(id)) ? 'done' : 'behind', 'week 2: over and not all held');
      t.equal(status(3), weekLessons(3).every((id) => held1.has(id)) ? 'done' : 'in_progress', 'week 3: this week');
      t.equal(status(5), 'ahead', 'week 5: a lesson already taught');
      t.equal(status(15), 'empty', 'a week with nothing planned');
      const w1 = act.weeks.find((x) => x.week === 1)!;
      t.equal(w1.held.length, weekLessons(1).length, 'the live lessons of week 1');
      t.ok(w1.held.every((h) => h.source === 'live' && h.mode === 'supporting' && h.planned));
      t.equal(act.weeks.find((x) => x.week === 2)!.held.length, 1, 'the in-person lesson in week 2, not the cancelled live one');
      t.equal(act.weeks.find((x) => x.week === 2)!.held[0]!.source, 'in_person');

      const planned3 = new Set([...weekLessons(1), ...weekLessons(2), ...weekLessons(3)]);
      const heldIds = new Set([...weekLessons(1), late]);
      const heldOf = [...planned3].filter((id) => heldIds.has(id)).length;
      const rows = await svc.planVersusActual({ semesterId: s1, classId: class6A1 });
      const row = rows.find((r) => r.subjectId === math)!;
      t.equal(row.toWeek, 3);
      t.equal(row.plannedToDate, planned3.size, 'distinct lessons planned in weeks 1–3');
      t.equal(row.heldToDate, heldOf, 'of them held');
      t.equal(row.percent, Math.round((100 * heldOf) / planned3.size));
      t.equal(row.heldTotal, heldIds.size, 'lessons held in the semester');
      t.equal(row.liveLessonsHeld, weekLessons(1).length, 'live lessons held (the cancelled one not)');
      t.equal(row.weeksBehind, status(2) === 'behind' ? 1 : 0);
      const nv = rows.find((r) => r.subjectName === 'Ngữ văn')!;
      t.equal(nv.planState, 'none', 'a subject without a plan');
      t.equal(nv.percent, null);
      t.equal(rows.find((r) => r.subjectId === hdtn)!.planState, 'approved', 'the year plan is in force in the semester');
      t.equal(rows.length, d.teachingAssignments.filter((a) => a.className === '6A1').length, 'one row per subject taught in 6A1');
      // Scope: the Ngữ văn teacher sees only their own rows; the principal every class.
      const otherId = Number((await knex('people').where({ personal_id: litTeacherOf6A1 }).first('id')).id);
      const own = await svc.planVersusActual({ semesterId: s1 }, { personId: otherId, roles: ['teacher', 'group_leader'] });
      t.ok(own.length > 0 && own.every((r) => r.teacherId === otherId || ['NV', 'GDCD'].includes(subjects.find((s) => Number(s.id) === r.subjectId)!.code)), 'a teacher sees their own and their group\'s');
      t.ok((await svc.planVersusActual({ semesterId: s1 })).length > own.length, 'all classes without a viewer');
      await t.rejects(svc.planVersusActual({ semesterId: 999999 }), { code: 'NOT_FOUND' });
      // Before the semester starts: nothing to date.
      const early = new TeachingPlanService(services.tx, { now: () => new Date(`${addDays(calendar[0]!.startsOn, -10)}T03:00:00.000Z`) });
      const before = (await early.planVersusActual({ semesterId: s1, classId: class6A1, subjectId: math }))[0]!;
      t.equal(before.toWeek, 0);
      t.equal(before.plannedToDate, 0);
      t.equal(before.percent, null);
    });

    await t.test('marking taught over HTTP: only the teacher, only the plan\'s curriculum', async (t) => {
      const lesson = plan.weeks[0]!.lessons[0]!.id;
      const today = new Date().toISOString().slice(0, 10);
      errorOf(t, await post(other, `/api/teaching-plans/${plan.plan.id}/taught`, { curriculumLessonId: lesson, taughtOn: today }), 'PLAN_NOT_TEACHER', 'another teacher');
      const grade7 = Number((await knex('curriculum_lessons').where({ subject_id: math, grade: 7 }).first('id')).id);
      errorOf(t, await post(teacher, `/api/teaching-plans/${plan.plan.id}/taught`, { curriculumLessonId: grade7, taughtOn: today }), 'PLAN_LESSON_NOT_IN_CURRICULUM', 'another grade\'s lesson');
      errorOf(t, await post(teacher, `/api/teaching-plans/${plan.plan.id}/taught/remove`, { curriculumLessonId: plan.weeks[2]!.lessons.at(-1)!.id }), 'NOT_FOUND', 'unmark what was not marked');
      const act = (await get(mathLeader, `/api/teaching-plans/${plan.plan.id}/actual`)).json() as PlanActualReply;
      t.equal(act.versionId, plan.version.id, 'the approved version by default');
      t.ok(act.weeks.length === 18);
    });
  });
}
