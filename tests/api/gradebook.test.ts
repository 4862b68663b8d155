import t from 'tap';
import ExcelJS from 'exceljs';
import { buildTestApp, type Client } from '../helpers/app.js';
import { dialects } from '../helpers/db.js';
import { ERRORS, type ErrorCode } from '../../server/src/contracts/error-codes.js';
import type { Grid, StudentResults, ClassSummary, Options, EntriesReply, HistoryItem } from '../../server/src/contracts/gradebook.schema.js';
import { DomainError } from '../../server/src/domain/shared/errors.js';
import { DEMO_PARENT_LOGIN, DEMO_PRINCIPAL_ID, DEMO_STUDENT_ID, DEMO_TEACHER_ID, DEMO_VICE_PRINCIPAL_ID } from '../../server/src/domain/demo/demo-school.js';

interface Asserts { ok(v: unknown, msg: string): unknown; equal(a: unknown, b: unknown, msg: string): unknown }
type Res = { statusCode: number; json(): { error: { code: ErrorCode; message: { vi: string; en: string } } } };

/** The error code of a refused call, with its status and both messages checked. */
function codeOf(t: Asserts, res: Res): string {
  if (res.statusCode < 400) return `accepted (${res.statusCode})`;
  const e = res.json().error;
  t.ok(e.message.vi && e.message.en, `${e.code} has Vietnamese and English messages`);
  t.equal(res.statusCode, ERRORS[e.code].status, `${e.code} → ${ERRORS[e.code].status}`);
  return e.code;
}

async function refusal(p: Promise<unknown>): Promise<string> {
  try { await p; return 'accepted'; } catch (err) { return err instanceof DomainError ? err.code : String(err); }
}

for (const dialect of dialects()) {
  t.test(`gradebook on ${dialect}`, async (t) => {
    const { login, services, database } = await buildTestApp(t, dialect, { demo: 'small' });
    const knex = database.db.knex;
    const person = (personalId: string) => knex('people').where({ personal_id: personalId }).first();
    const subject = (code: string) => knex('subjects').where({ code }).first();
    const c6a1 = await knex('classes').where({ name: '6A1' }).first();
    const c6a2 = await knex('classes').where({ name: '6A2' }).first();
    const [s1, s2] = await knex('semesters').orderBy('number');
    const math = await subject('TOAN');
    const hdtn = await subject('HDTN');
    const lit = await subject('NV');
    const teacherMe = await person(DEMO_TEACHER_ID);
    const studentMe = await person(DEMO_STUDENT_ID);
    const loginOfTeacher = async (classId: number, subjectId: number) => (await knex('teaching_assignments as a').join('accounts as ac', 'ac.person_id', 'a.teacher_id').where({ 'a.class_id': classId, 'a.subject_id': subjectId }).first('ac.login')).login as string;
    const students6a1 = await knex('enrolments as e').join('people as p', 'p.id', 'e.student_id').where('e.class_id', c6a1.id).select('p.id', 'p.name_key', 'p.full_name', 'p.personal_id').orderBy('p.name_key');
    const student6a2 = await knex('enrolments').where({ class_id: c6a2.id }).first();
    const studentMeId = (await person(DEMO_STUDENT_ID)).id as number;
    // Three classmates of the demo student (who is first on the list and gets full results later).
    const [a, b, c] = students6a1.filter((s: { id: number }) => s.id !== studentMeId) as [{ id: number; personal_id: string }, { id: number }, { id: number }];

    const teacher = await login(DEMO_TEACHER_ID); // Toán and HĐTN in 6A1, homeroom 6A1
    const litTeacher = await login(await loginOfTeacher(c6a1.id, lit.id));
    const principal = await login(DEMO_PRINCIPAL_ID);
    const vice = await login(DEMO_VICE_PRINCIPAL_ID);
    const student = await login(DEMO_STUDENT_ID);
    const parent = await login(DEMO_PARENT_LOGIN);

    const q = (classId: number, subjectId: number, semesterId: number) => `classId=${classId}&subjectId=${subjectId}&semesterId=${semesterId}`;
    const grid = async (cl: Client, subjectId = math.id, semesterId = s1.id, classId = c6a1.id) => cl.request({ url: `/api/gradebook/grid?${q(classId, subjectId, semesterId)}` });
    const put = (cl: Client, entries: { studentId: number; column: { kind: string; slot: number }; value: string | null }[], subjectId = math.id, semesterId = s1.id, classId = c6a1.id) =>
      cl.request({ method: 'PUT', url: '/api/gradebook/cells', payload: { classId, subjectId, semesterId, entries } });
    const reg = (slot: number) => ({ kind: 'regular', slot });
    const MID = { kind: 'midterm', slot: 0 };
    const END = { kind: 'endterm', slot: 0 };

    await t.test('options: what each staff member may open', async (t) => {
      const mine = (await teacher.request({ url: '/api/gradebook/options' })).json() as Options;
      t.same(mine.semesters.map((s) => s.number), [1, 2]);
      const own = mine.classes.find((x) => x.id === c6a1.id)!;
      t.ok(own.homeroom, 'homeroom class');
      t.equal(own.subjects.length, 13, 'the homeroom teacher sees every subject of the class');
      t.same(own.subjects.filter((s) => s.canEdit).map((s) => s.code).sort(), ['HDTN', 'TOAN'], 'but enters only the subjects assigned to them');
      t.notOk(mine.classes.some((x) => x.id === c6a2.id && x.subjects.some((s) => s.code === 'NV')), 'not another class\'s other subjects');
      t.notOk(mine.canLock);
      const p = (await principal.request({ url: '/api/gradebook/options' })).json() as Options;
      t.ok(p.canLock);
      t.equal(p.classes.length, 8, 'the principal sees every class');
      t.equal((await student.request({ url: '/api/gradebook/options' })).statusCode, 403);
      t.equal((await parent.request({ url: '/api/gradebook/options' })).statusCode, 403);
    });

    await t.test('the grid: columns from the rules, students in Vietnamese name order', async (t) => {
      const g = (await grid(teacher)).json() as Grid;
      t.same(g.columns.map((x) => x.label), ['ĐĐGtx1', 'ĐĐGtx2', 'ĐĐGtx3', 'ĐĐGtx4', 'ĐĐGgk', 'ĐĐGck'], 'Toán 140 periods → 4 ĐĐGtx (Art. 6.2)');
      t.same(g.students.map((s) => s.id), students6a1.map((s: { id: number }) => s.id), 'sorted by the Vietnamese name key');
      t.ok(g.canEdit);
      t.equal(g.semester.locked, false);
      const gh = (await grid(teacher, hdtn.id)).json() as Grid;
      t.same(gh.columns.map((x) => `${x.label}:${x.value}`), ['ĐĐGtx1:pass', 'ĐĐGtx2:pass', 'ĐĐGgk:pass', 'ĐĐGck:pass'], 'comment subject: Đạt/Chưa đạt');
      const gl = (await grid(teacher, lit.id)).json() as Grid;
      t.notOk(gl.canEdit, 'the homeroom teacher reads Ngữ văn but cannot enter it');
      t.ok(((await grid(principal)).json() as Grid).students.length > 0, 'the principal reads every grid');
      t.equal(codeOf(t, await grid(litTeacher)), 'FORBIDDEN', 'another subject\'s teacher does not open Toán of 6A1');
      t.equal(codeOf(t, await grid(teacher, math.id, s1.id, c6a2.id)), 'FORBIDDEN', 'Toán of 6A2 is taught by someone else');
      t.equal((await grid(student)).statusCode, 403, 'students do not open grids');
      t.equal(codeOf(t, await grid(principal, math.id, 999999)), 'NOT_FOUND');
      t.equal(codeOf(t, await grid(principal, 999999)), 'NOT_FOUND');
      t.equal((await teacher.request({ url: '/api/gradebook/grid?classId=abc' })).statusCode, 400);
    });

    await t.test('target columns for the pickers of quizzes, tasks and H5P', async (t) => {
      const cols = (await teacher.request({ url: `/api/gradebook/columns?classId=${c6a1.id}&subjectId=${math.id}` })).json();
      t.same(cols.columns.filter((x: { feedable: boolean }) => x.feedable).map((x: { id: string }) => x.id), ['regular1', 'regular2', 'regular3', 'regular4', 'midterm', 'endterm']);
      t.same(cols.semesters.map((x: { id: number }) => x.id), [s1.id, s2.id]);
      const pe = (await teacher.request({ url: `/api/gradebook/columns?classId=${c6a1.id}&subjectId=${hdtn.id}` })).json();
      t.equal(pe.columns.filter((x: { feedable: boolean }) => x.feedable).length, 0, 'a comment subject takes no numeric score');
      t.equal(codeOf(t, await litTeacher.request({ url: `/api/gradebook/columns?classId=${c6a1.id}&subjectId=${math.id}` })), 'FORBIDDEN');
      t.equal(codeOf(t, await teacher.request({ url: `/api/gradebook/columns?classId=999999&subjectId=${math.id}` })), 'NOT_FOUND');
    });

    await t.test('entry by the subject teacher of the class only, validated, atomic', async (t) => {
      const ok = await teacher.request({ method: 'PUT', url: '/api/gradebook/cell', payload: { classId: c6a1.id, subjectId: math.id, semesterId: s1.id, studentId: a.id, column: reg(1), value: '6,5' } });
      t.equal(ok.statusCode, 200);
      const reply = ok.json() as EntriesReply;
      t.equal(reply.changed, 1);
      t.same(reply.students[0]!.cells.regular1, { ...reply.students[0]!.cells.regular1, score: 6.5, text: '6.5', source: 'manual', sourceId: null });
      t.same(reply.students[0]!.semester.missing, ['ĐĐGtx2', 'ĐĐGtx3', 'ĐĐGtx4', 'ĐĐGgk', 'ĐĐGck'], 'no average yet: missing marks are named');

      // Batch: the rest of student a's marks → ĐTBmhk = (6.5 + 7 + 8 + 9 + 2·7.5 + 3·8.5) / 9 = 71 / 9 = 7.89 → 7.9
      const batch = await put(teacher, [
        { studentId: a.id, column: reg(2), value: '7' }, { studentId: a.id, column: reg(3), value: '8.0' }, { studentId: a.id, column: reg(4), value: '9' },
        { studentId: a.id, column: MID, value: '7,5' }, { studentId: a.id, column: END, value: '8.5' },
        { studentId: b.id, column: reg(1), value: '10' },
      ]);
      t.equal(batch.statusCode, 200);
      const rows = (batch.json() as EntriesReply).students;
      t.equal(rows.find((s) => s.id === a.id)!.semester.average, 7.9);
      t.same(rows.find((s) => s.id === a.id)!.semester.missing, []);

      // One bad value refuses the whole batch: nothing written.
      for (const bad of ['10.5', '6.55', 'Đ', '-1', 'abc']) {
        const res = await put(teacher, [{ studentId: c.id, column: reg(1), value: '5' }, { studentId: c.id, column: reg(2), value: bad }]);
        t.equal(codeOf(t, res), 'GRADEBOOK_VALUE_INVALID', `"${bad}" is refused`);
      }
      t.notOk(((await grid(teacher)).json() as Grid).students.find((s) => s.id === c.id)!.cells.regular1, 'the batch left nothing behind');
      t.equal(codeOf(t, await put(teacher, [{ studentId: a.id, column: reg(5), value: '5' }])), 'GRADEBOOK_COLUMN_INVALID', 'no ĐĐGtx5 for Toán');
      t.equal(codeOf(t, await put(teacher, [{ studentId: a.id, column: { kind: 'endterm_level', slot: 0 }, value: 'HT' }])), 'GRADEBOOK_COLUMN_INVALID', 'no primary columns in a THCS');
      t.equal(codeOf(t, await put(teacher, [{ studentId: student6a2.student_id, column: reg(1), value: '5' }])), 'GRADEBOOK_NOT_ENROLLED', 'a student of another class');
      t.equal(codeOf(t, await put(litTeacher, [{ studentId: a.id, column: reg(1), value: '2' }])), 'GRADEBOOK_NOT_YOUR_CLASS', 'the Ngữ văn teacher cannot enter Toán');
      t.equal((await put(principal, [{ studentId: a.id, column: reg(1), value: '2' }])).statusCode, 403, 'the principal does not type scores');
      t.equal((await put(student, [{ studentId: studentMe.id, column: reg(1), value: '10' }])).statusCode, 403, 'a student cannot write their own score');
      t.equal(codeOf(t, await put(teacher, [{ studentId: a.id, column: reg(1), value: '5' }], 999999)), 'NOT_FOUND');

      // Comment subject: Đ / CĐ; the result needs all four and all Đạt (Art. 9.1).
      const h = await put(teacher, [
        { studentId: a.id, column: reg(1), value: 'Đ' }, { studentId: a.id, column: reg(2), value: 'đạt' }, { studentId: a.id, column: MID, value: 'D' }, { studentId: a.id, column: END, value: 'CĐ' },
      ], hdtn.id);
      t.equal(h.statusCode, 200);
      t.same((h.json() as EntriesReply).students[0]!.semester, { average: null, mark: 'CD', missing: [] });
      t.equal(codeOf(t, await put(teacher, [{ studentId: a.id, column: reg(1), value: '8' }], hdtn.id)), 'GRADEBOOK_VALUE_INVALID', 'no score in a comment subject');

      // Clearing a cell.
      const cleared = await put(teacher, [{ studentId: b.id, column: reg(1), value: '' }]);
      t.equal((cleared.json() as EntriesReply).changed, 1);
      t.notOk((cleared.json() as EntriesReply).students[0]!.cells.regular1);
    });

    await t.test('comments', async (t) => {
      const body = { classId: c6a1.id, subjectId: math.id, semesterId: s1.id, studentId: a.id, text: '  Em tiến bộ rõ ở phần hình học.  ' };
      t.equal((await teacher.request({ method: 'PUT', url: '/api/gradebook/comment', payload: body })).statusCode, 200);
      t.equal(((await grid(teacher)).json() as Grid).students.find((s) => s.id === a.id)!.comment, 'Em tiến bộ rõ ở phần hình học.');
      t.equal(codeOf(t, await litTeacher.request({ method: 'PUT', url: '/api/gradebook/comment', payload: body })), 'GRADEBOOK_NOT_YOUR_CLASS');
      const audit = await knex('audit_log').where({ action: 'gradebook.comment' });
      t.equal(audit.length, 1);
    });

    await t.test('feed and hand-typed precedence', async (t) => {
      const feed = services.gradebookFeed;
      const score = (studentId: number, value: number, sourceId = 41, kind: 'quiz' | 'task' | 'h5p' = 'quiz') => services.tx.run((r) => feed.recordWithOutcome(r, {
        studentId, subjectId: math.id, target: { semesterId: s1.id, column: { kind: 'regular', slot: 2 } }, score: value, source: { kind, id: sourceId }, recordedById: null,
      }));
      t.same(await score(c.id, 7.35), { status: 'written' }, 'an empty cell takes the quiz score');
      let row = ((await grid(teacher)).json() as Grid).students.find((s) => s.id === c.id)!;
      t.same([row.cells.regular2!.score, row.cells.regular2!.source, row.cells.regular2!.sourceId], [7.4, 'quiz', 41], '7.35 → 7.4, source badge data');
      t.same(await score(c.id, 9), { status: 'written' }, 'the same quiz re-scored replaces its own score');
      // The teacher types over it by hand: the hand-typed value wins from now on.
      await put(teacher, [{ studentId: c.id, column: reg(2), value: '6' }]);
      t.same(await score(c.id, 9.5), { status: 'conflict', heldBy: 'manual', heldById: null }, 'the feed never overwrites a hand-typed score');
      row = ((await grid(teacher)).json() as Grid).students.find((s) => s.id === c.id)!;
      t.equal(row.cells.regular2!.score, 6);
      t.same(row.pending.map((p) => [p.column, p.source, p.sourceId, p.score]), [['regular2', 'quiz', 41, 9.5]], 'the conflict is shown to the teacher');
      // A hand-typed score on a.regular2 and a task for it: conflict too.
      t.same(await score(a.id, 3, 7, 'task'), { status: 'conflict', heldBy: 'manual', heldById: null });
      // The teacher adopts the quiz result.
      const adopt = await teacher.request({ method: 'POST', url: '/api/gradebook/adopt', payload: { classId: c6a1.id, subjectId: math.id, semesterId: s1.id, studentId: c.id, column: reg(2), source: 'quiz', sourceId: 41 } });
      t.equal(adopt.statusCode, 200);
      row = (adopt.json() as EntriesReply).students[0]!;
      t.same([row.cells.regular2!.score, row.cells.regular2!.source, row.pending.length], [9.5, 'quiz', 0]);
      t.equal(codeOf(t, await teacher.request({ method: 'POST', url: '/api/gradebook/adopt', payload: { classId: c6a1.id, subjectId: math.id, semesterId: s1.id, studentId: c.id, column: reg(2), source: 'h5p', sourceId: 999999 } })), 'NOT_FOUND');
      t.equal(codeOf(t, await litTeacher.request({ method: 'POST', url: '/api/gradebook/adopt', payload: { classId: c6a1.id, subjectId: math.id, semesterId: s1.id, studentId: c.id, column: reg(2), source: 'quiz', sourceId: 41 } })), 'GRADEBOOK_NOT_YOUR_CLASS');
    });

    await t.test('every change is audited: history old → new, who, source', async (t) => {
      const h = (await teacher.request({ url: `/api/gradebook/history?${q(c6a1.id, math.id, s1.id)}&studentId=${c.id}` })).json() as HistoryItem[];
      t.same(h.map((x) => [x.column, x.oldValue, x.newValue, x.source]).reverse(), [
        ['regular2', null, '7.4', 'quiz'], ['regular2', '7.4', '9.0', 'quiz'], ['regular2', '9.0', '6.0', 'manual'], ['regular2', '6.0', '9.5', 'quiz'],
      ]);
      t.equal(h.find((x) => x.source === 'manual')!.changedByName, teacherMe.full_name);
      const audit = await knex('audit_log').where({ action: 'gradebook.score' });
      const history = await knex('gradebook_score_history');
      t.equal(audit.length, history.length, 'one audit line per change');
      const manual = audit.map((x: { details: string }) => JSON.parse(x.details)).find((d: { old: string; new: string }) => d.old === '9.0' && d.new === '6.0');
      t.ok(manual, 'the audit line names old and new values');
      t.equal(codeOf(t, await litTeacher.request({ url: `/api/gradebook/history?${q(c6a1.id, math.id, s1.id)}` })), 'FORBIDDEN');
    });

    await t.test('a semester closed by the principal is locked for everyone, reopened only with a reason', async (t) => {
      t.equal((await vice.request({ method: 'POST', url: `/api/gradebook/semesters/${s1.id}/lock`, payload: {} })).statusCode, 403);
      t.equal((await teacher.request({ method: 'POST', url: `/api/gradebook/semesters/${s1.id}/lock`, payload: {} })).statusCode, 403);
      const locked = await principal.request({ method: 'POST', url: `/api/gradebook/semesters/${s1.id}/lock`, payload: {} });
      t.equal(locked.statusCode, 200);
      t.equal(locked.json().locked, true);
      t.equal(codeOf(t, await put(teacher, [{ studentId: a.id, column: reg(1), value: '1' }])), 'GRADEBOOK_SEMESTER_LOCKED');
      t.equal(codeOf(t, await teacher.request({ method: 'PUT', url: '/api/gradebook/comment', payload: { classId: c6a1.id, subjectId: math.id, semesterId: s1.id, studentId: a.id, text: 'x' } })), 'GRADEBOOK_SEMESTER_LOCKED');
      t.equal(await refusal(services.tx.run((r) => services.gradebookFeed.record(r, {
        studentId: b.id, subjectId: math.id, target: { semesterId: s1.id, column: { kind: 'midterm' } }, score: 5, source: { kind: 'quiz', id: 99 }, recordedById: null,
      }))), 'GRADEBOOK_SEMESTER_LOCKED', 'the feed is refused too');
      t.equal((await knex('gradebook_feed_results').where({ source_id: 99 })).length, 0, 'and wrote nothing');
      const g = (await grid(teacher)).json() as Grid;
      t.equal(g.canEdit, false);
      t.equal(g.semester.locked, true);
      t.equal(codeOf(t, await principal.request({ method: 'POST', url: `/api/gradebook/semesters/${s1.id}/reopen`, payload: { reason: '  ' } })), 'GRADEBOOK_REASON_REQUIRED');
      t.equal((await principal.request({ method: 'POST', url: `/api/gradebook/semesters/${s1.id}/reopen`, payload: {} })).statusCode, 400);
      t.equal((await vice.request({ method: 'POST', url: `/api/gradebook/semesters/${s1.id}/reopen`, payload: { reason: 'Sửa điểm nhập nhầm' } })).statusCode, 403);
      const reopened = await principal.request({ method: 'POST', url: `/api/gradebook/semesters/${s1.id}/reopen`, payload: { reason: 'Sửa điểm nhập nhầm của lớp 6A1' } });
      t.equal(reopened.statusCode, 200);
      t.same([reopened.json().locked, reopened.json().reopenReason], [false, 'Sửa điểm nhập nhầm của lớp 6A1']);
      t.equal(codeOf(t, await principal.request({ method: 'POST', url: `/api/gradebook/semesters/${s1.id}/reopen`, payload: { reason: 'lần nữa' } })), 'GRADEBOOK_NOT_LOCKED');
      t.equal((await put(teacher, [{ studentId: b.id, column: reg(1), value: '4' }])).statusCode, 200, 'writable again');
      const audit = await knex('audit_log').whereIn('action', ['gradebook.semester_locked', 'gradebook.semester_reopened']).orderBy('id');
      t.same(audit.map((x: { action: string }) => x.action), ['gradebook.semester_locked', 'gradebook.semester_reopened']);
      t.equal(JSON.parse(audit[1].details).reason, 'Sửa điểm nhập nhầm của lớp 6A1');
      t.equal(codeOf(t, await principal.request({ method: 'POST', url: '/api/gradebook/semesters/999999/lock', payload: {} })), 'NOT_FOUND');
    });

    // Fill every subject for the demo student in both semesters (8.0 / Đạt), with Toán semester I 3.0.
    const fill = async (studentId: number, semesterId: number, mathScore: number) => {
      const subjects = await knex('subject_grades as g').join('subjects as s', 's.id', 'g.subject_id').where('g.grade', 6).select('s.id', 's.assessment', 'g.periods_per_year');
      for (const s of subjects) {
        const n = s.assessment === 'comment' ? 2 : s.periods_per_year <= 35 ? 2 : s.periods_per_year <= 70 ? 3 : 4;
        const cols = [...Array.from({ length: n }, (_, i) => ['regular', i + 1]), ['midterm', 0], ['endterm', 0]];
        await knex('gradebook_scores').where({ student_id: studentId, subject_id: s.id, semester_id: semesterId }).delete();
        await knex('gradebook_scores').insert(cols.map(([kind, slot]) => ({
          student_id: studentId, subject_id: s.id, semester_id: semesterId, column_kind: kind, slot,
          score_tenths: s.assessment === 'comment' ? null : s.id === math.id ? mathScore : 80, mark: s.assessment === 'comment' ? 'D' : null,
          source_kind: 'manual', recorded_at: new Date().toISOString(),
        })));
      }
    };

    await t.test('results: a student sees their own, a parent their children (parent_links)', async (t) => {
      await fill(studentMe.id, s1.id, 30);
      await fill(studentMe.id, s2.id, 90);
      const mine = await student.request({ url: `/api/gradebook/students/${studentMe.id}/results` });
      t.equal(mine.statusCode, 200);
      const r = mine.json() as StudentResults;
      t.equal(r.class!.name, '6A1');
      const m = r.subjects.find((s) => s.code === 'TOAN')!;
      t.same([m.bySemester[String(s1.id)]!.result.average, m.bySemester[String(s2.id)]!.result.average, m.year.average], [3, 9, 7], 'ĐTBmcn = (3.0 + 2·9.0) / 3 = 7.0');
      t.equal(r.levels[String(s1.id)]!.level, 'D', 'semester I: Tốt but for Toán 3.0 → Chưa đạt, raised one level (Art. 9.3)');
      t.equal(r.levels[String(s1.id)]!.adjusted, true);
      t.equal(r.levels[String(s2.id)]!.level, 'T');
      t.equal(r.yearLevel.level, 'T', 'year: 6 subjects ≥ 8.0 and Toán 7.0 ≥ 6.5');
      t.equal(r.subjects.find((s) => s.code === 'GDTC')!.year.mark, 'D');
      const children = (await parent.request({ url: '/api/gradebook/my-students' })).json() as { id: number }[];
      t.ok(children.some((x) => x.id === studentMe.id), 'the parent lists their child');
      t.equal((await parent.request({ url: `/api/gradebook/students/${studentMe.id}/results` })).statusCode, 200);
      const stranger = students6a1.find((s: { id: number }) => s.id !== studentMe.id && !children.some((x) => x.id === s.id))!;
      t.equal(codeOf(t, await parent.request({ url: `/api/gradebook/students/${stranger.id}/results` })), 'FORBIDDEN', 'not another family\'s child');
      t.equal(codeOf(t, await student.request({ url: `/api/gradebook/students/${stranger.id}/results` })), 'FORBIDDEN', 'not a classmate');
      t.same(((await student.request({ url: '/api/gradebook/my-students' })).json() as { id: number }[]).map((x) => x.id), [studentMe.id]);
      t.equal((await teacher.request({ url: `/api/gradebook/students/${stranger.id}/results` })).statusCode, 200, 'the homeroom teacher sees the class');
      t.equal(codeOf(t, await litTeacher.request({ url: `/api/gradebook/students/${stranger.id}/results` })), 'FORBIDDEN', 'a subject teacher does not see all results');
      t.equal(codeOf(t, await student.request({ url: '/api/gradebook/students/999999/results' })), 'NOT_FOUND');
      t.equal(codeOf(t, await student.request({ url: `/api/gradebook/students/${teacherMe.id}/results` })), 'NOT_FOUND', 'a staff member has no results');
    });

    await t.test('class summary for the homeroom teacher', async (t) => {
      const sum = await teacher.request({ url: `/api/gradebook/class-summary?classId=${c6a1.id}&semesterId=${s2.id}&period=year` });
      t.equal(sum.statusCode, 200);
      const s = sum.json() as ClassSummary;
      t.equal(s.subjects.length, 13);
      const me = s.students.find((x) => x.id === studentMe.id)!;
      t.equal(me.level.level, 'T');
      t.equal(me.results[String(math.id)]!.average, 7);
      const other = s.students.find((x) => x.id === a.id)!;
      t.equal(other.level.level, null, 'incomplete results: no level');
      t.ok(other.level.missingSubjects.includes('Ngữ văn'));
      t.equal(s.counts.T, 1);
      t.equal(s.counts.incomplete, s.students.length - 1);
      const s1sum = (await teacher.request({ url: `/api/gradebook/class-summary?classId=${c6a1.id}&semesterId=${s1.id}` })).json() as ClassSummary;
      t.same(s1sum.students.find((x) => x.id === studentMe.id)!.level, { level: 'D', adjusted: true, missingSubjects: [] });
      t.equal(codeOf(t, await teacher.request({ url: `/api/gradebook/class-summary?classId=${c6a2.id}&semesterId=${s1.id}` })), 'FORBIDDEN', 'not another homeroom class');
      t.equal((await principal.request({ url: `/api/gradebook/class-summary?classId=${c6a2.id}&semesterId=${s1.id}` })).statusCode, 200);
      t.equal(codeOf(t, await principal.request({ url: `/api/gradebook/class-summary?classId=999999&semesterId=${s1.id}` })), 'NOT_FOUND');
    });

    await t.test('export: the subject gradebook as .xlsx in the school layout', async (t) => {
      const res = await teacher.request({ url: `/api/gradebook/export.xlsx?${q(c6a1.id, math.id, s1.id)}` });
      t.equal(res.statusCode, 200);
      t.match(res.headers['content-type'], /spreadsheetml/);
      t.match(res.headers['content-disposition'], /bang-diem-6a1-toan-HKI-2026-2027\.xlsx/i);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const ws = wb.worksheets[0]!;
      t.match(String(ws.getCell('A1').value), /SỔ THEO DÕI VÀ ĐÁNH GIÁ HỌC SINH/);
      t.match(String(ws.getCell('A2').value), /Trường THCS/);
      t.match(String(ws.getCell('A3').value), /Lớp: 6A1.*Môn học: Toán.*Học kì I.*Năm học: 2026-2027/);
      const header = (ws.getRow(6).values as unknown[]).slice(1);
      t.same(header, ['STT', 'Mã định danh', 'Họ và tên', 'ĐĐGtx1', 'ĐĐGtx2', 'ĐĐGtx3', 'ĐĐGtx4', 'ĐĐGgk', 'ĐĐGck', 'ĐTBmhk', 'Nhận xét']);
      const rowOf = (id: number) => 7 + students6a1.findIndex((s: { id: number }) => s.id === id);
      const ra = ws.getRow(rowOf(a.id));
      t.same([ra.getCell(2).value, ra.getCell(4).value, ra.getCell(8).value, ra.getCell(10).value, ra.getCell(11).value],
        [a.personal_id, 6.5, 7.5, 7.9, 'Em tiến bộ rõ ở phần hình học.']);
      t.equal(ra.getCell(10).numFmt, '0.0');
      t.equal(ws.getRow(rowOf(studentMe.id)).getCell(10).value, 3);
      t.equal(ws.rowCount, 6 + students6a1.length);
      const h = await teacher.request({ url: `/api/gradebook/export.xlsx?${q(c6a1.id, hdtn.id, s2.id)}` });
      const wb2 = new ExcelJS.Workbook();
      await wb2.xlsx.load(h.rawPayload as unknown as ArrayBuffer);
      const h2 = (wb2.worksheets[0]!.getRow(6).values as unknown[]).slice(1);
      t.same(h2, ['STT', 'Mã định danh', 'Họ và tên', 'ĐĐGtx1', 'ĐĐGtx2', 'ĐĐGgk', 'ĐĐGck', 'Kết quả', 'Cả năm', 'Nhận xét'], 'comment subject, semester II: result and year columns');
      t.equal(wb2.worksheets[0]!.getRow(rowOf(studentMe.id)).getCell(8).value, 'Đ');
      t.equal(codeOf(t, await litTeacher.request({ url: `/api/gradebook/export.xlsx?${q(c6a1.id, math.id, s1.id)}` })), 'FORBIDDEN');
    });

    await t.test('a primary school follows Circular 27: levels and integer tests', async (t) => {
      await knex('schools').update({ level: 'primary' });
      const g = (await grid(teacher, math.id, s2.id)).json() as Grid;
      t.same(g.columns.map((x) => `${x.id}:${x.value}`), ['midterm_level:level', 'midterm:test', 'endterm_level:level', 'endterm:test'], 'Toán from grade 4: mid-semester test too');
      const gh = (await grid(teacher, hdtn.id, s2.id)).json() as Grid;
      t.same(gh.columns.map((x) => x.id), ['midterm_level', 'endterm_level'], 'no test: levels only');
      const ok = await put(teacher, [
        { studentId: b.id, column: { kind: 'midterm_level', slot: 0 }, value: 'Hoàn thành' }, { studentId: b.id, column: { kind: 'endterm_level', slot: 0 }, value: 'htt' },
        { studentId: b.id, column: { kind: 'endterm', slot: 0 }, value: '0' },
      ], math.id, s2.id);
      t.equal(ok.statusCode, 200);
      const row = (ok.json() as EntriesReply).students[0]!;
      t.same([row.cells.endterm_level!.mark, row.cells.endterm!.score, row.semester.mark], ['HTT', 0, 'HTT'], 'a test mark of 0 is allowed; the semester result is the end-of-semester level');
      t.equal(codeOf(t, await put(teacher, [{ studentId: b.id, column: { kind: 'endterm', slot: 0 }, value: '8,5' }], math.id, s2.id)), 'GRADEBOOK_VALUE_INVALID', 'no decimals in primary tests');
      t.equal(codeOf(t, await put(teacher, [{ studentId: b.id, column: reg(1), value: '8' }], math.id, s2.id)), 'GRADEBOOK_COLUMN_INVALID', 'no regular columns in primary');
      t.equal(codeOf(t, await put(teacher, [{ studentId: b.id, column: { kind: 'midterm_level', slot: 0 }, value: 'Đ' }], math.id, s2.id)), 'GRADEBOOK_VALUE_INVALID');
      t.same(await services.tx.run((r) => services.gradebookFeed.recordWithOutcome(r, {
        studentId: c.id, subjectId: math.id, target: { semesterId: s2.id, column: { kind: 'endterm' } }, score: 7.5, source: { kind: 'quiz', id: 5 }, recordedById: null,
      })), { status: 'written' });
      t.equal((await knex('gradebook_scores').where({ student_id: c.id, semester_id: s2.id, column_kind: 'endterm' }).first()).score_tenths, 80, 'a quiz 7.5 becomes the integer mark 8');
      t.equal(await refusal(services.tx.run((r) => services.gradebookFeed.record(r, {
        studentId: c.id, subjectId: math.id, target: { semesterId: s2.id, column: { kind: 'regular', slot: 1 } }, score: 7, source: { kind: 'quiz', id: 5 }, recordedById: null,
      }))), 'GRADEBOOK_COLUMN_INVALID');
      await knex('schools').update({ level: 'lower_secondary' });
    });
  });
}
