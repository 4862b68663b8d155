import t from 'tap';
import { buildTestApp, loginClient, type Client } from '../helpers/app.js';
import { dialects } from '../helpers/db.js';
import { ERRORS, type ErrorCode } from '../../server/src/contracts/error-codes.js';
import { DEMO_IT_ID, DEMO_PARENT_LOGIN, DEMO_PASSWORD, DEMO_PRINCIPAL_ID, DEMO_STUDENT_ID, DEMO_TEACHER_ID } from '../../server/src/domain/demo/demo-school.js';
import { essay, matching, multiple, numeric, seedQuizBank, short, single, trueFalse } from '../helpers/quiz-bank.js';

interface Res { statusCode: number; body: string; json(): any }
interface Asserts { ok(v: unknown, msg: string): unknown; equal(a: unknown, b: unknown, msg: string): unknown }

/** The error of a refused call: its stable code and status, with both messages. */
function refused(t: Asserts, res: Res, code: ErrorCode, msg: string) {
  t.equal(res.statusCode, ERRORS[code].status, `${msg}: HTTP ${ERRORS[code].status}`);
  const e = res.json().error;
  t.equal(e?.code, code, `${msg}: ${code}`);
  t.ok(e?.message?.vi && e?.message?.en, `${code} has Vietnamese and English messages`);
  return e as { code: string; details?: any };
}

const iso = (ms: number) => new Date(Date.now() + ms).toISOString();
const HOUR = 3600_000;

for (const dialect of dialects()) {
  t.test(`quizzes and tests on ${dialect}`, async (t) => {
    const { app, login, services, database } = await buildTestApp(t, dialect, { demo: 'small' });
    const knex = database.db.knex;
    const p = await login(DEMO_PRINCIPAL_ID);
    const teacher = await login(DEMO_TEACHER_ID);
    const student = await login(DEMO_STUDENT_ID);
    const parent = await login(DEMO_PARENT_LOGIN);
    const it = await login(DEMO_IT_ID);
    const me = async (c: Client) => (await c.request({ url: '/api/auth/me' })).json() as { personId: number };
    const tMe = await me(teacher);

    const classes = (await p.request({ url: '/api/classes' })).json() as { id: number; name: string; grade: number }[];
    const c6a1 = classes.find((c) => c.name === '6A1')!;
    const c6a2 = classes.find((c) => c.name === '6A2')!;
    const c7 = classes.find((c) => c.grade === 7)!;
    const assignments = (await p.request({ url: `/api/assignments?classId=${c6a1.id}` })).json() as { classId: number; subjectId: number; teacherId: number; subjectName: string }[];
    const mine = assignments.find((a) => a.teacherId === tMe.personId)!;
    const subjectId = mine.subjectId;
    const teachesIn6a2 = ((await p.request({ url: `/api/assignments?classId=${c6a2.id}` })).json() as { subjectId: number; teacherId: number }[])
      .some((a) => a.teacherId === tMe.personId && a.subjectId === subjectId);
    // Other students: one more in 6A1 (by login), one in 6A2.
    const list6a1 = (await p.request({ url: `/api/people?kind=student&classId=${c6a1.id}&limit=100` })).json().items as { id: number; personalId: string }[];
    const list6a2 = (await p.request({ url: `/api/people?kind=student&classId=${c6a2.id}&limit=100` })).json().items as { id: number; personalId: string }[];
    const sMe = await me(student);
    const others = list6a1.filter((s) => s.id !== sMe.personId);
    const student2 = await login(others[0]!.personalId);
    const student3 = await login(others[1]!.personalId);
    const student4 = await login(others[2]!.personalId);
    const outsider = await login(list6a2[0]!.personalId);

    const bank = await seedQuizBank(services.tx, subjectId, 6, [
      { lesson: 0, level: 'nhan_biet', make: single, n: 6 },
      { lesson: 0, level: 'thong_hieu', make: trueFalse, n: 3 },
      { lesson: 1, level: 'van_dung', make: numeric, n: 3 },
      { lesson: 1, level: 'van_dung_cao', make: () => essay(), n: 2 },
      { lesson: 1, level: 'thong_hieu', make: () => multiple(), n: 1 },
      { lesson: 1, level: 'nhan_biet', make: () => short(), n: 1 },
      { lesson: 0, level: 'van_dung', make: () => matching(), n: 1 },
    ]);
    const [L1, L2] = bank.lessons;
    const year = (await services.tx.read((r) => r.school.currentYear()))!;
    const semesterId = year.semesters[0]!.id;

    const quizBody = (over: Record<string, unknown> = {}) => ({
      title: 'Kiểm tra 15 phút – Chương 1', subjectId, grade: 6, classIds: [c6a1.id], kind: 'regular',
      matrix: [
        { curriculumLessonId: L1!.id, level: 'nhan_biet', count: 4, pointsEach: 1 },
        { curriculumLessonId: L1!.id, level: 'thong_hieu', count: 2, pointsEach: 1.5 },
        { curriculumLessonId: L2!.id, level: 'van_dung', count: 2, pointsEach: 2 },
      ],
      opensAt: iso(-HOUR), closesAt: iso(2 * HOUR), timeLimitMinutes: 15, attemptsAllowed: 2, attemptScoring: 'best', feedback: 'score',
      shuffleQuestions: true, shuffleOptions: true, gradebookTarget: { semesterId, column: { kind: 'regular', slot: 1 } },
      ...over,
    });
    const create = (c: Client, body: Record<string, unknown>) => c.request({ method: 'POST', url: '/api/quizzes', payload: body });
    const publish = (c: Client, id: number) => c.request({ method: 'POST', url: `/api/quizzes/${id}/publish`, payload: {} });
    const start = (c: Client, id: number, opts: { ip?: string; ua?: string } = {}) => c.request({ method: 'POST', url: `/api/quizzes/${id}/attempts`, payload: {}, ...(opts.ip ? { remoteAddress: opts.ip } : {}), headers: { 'user-agent': opts.ua ?? 'Mozilla/5.0 (Linux; Android 13) Phone' } });
    const save = (c: Client, id: number, seq: number, answers: { questionKey: string; answer: unknown }[], opts: { ip?: string; ua?: string } = {}) =>
      c.request({ method: 'PUT', url: `/api/quiz-attempts/${id}/answers`, payload: { seq, answers }, ...(opts.ip ? { remoteAddress: opts.ip } : {}), headers: { 'user-agent': opts.ua ?? 'Mozilla/5.0 (Linux; Android 13) Phone' } });
    const submit = (c: Client, id: number, final?: unknown) => c.request({ method: 'POST', url: `/api/quiz-attempts/${id}/submit`, payload: final ? { final } : {}, headers: { 'user-agent': 'Mozilla/5.0 (Linux; Android 13) Phone' } });
    const view = (c: Client, id: number) => c.request({ url: `/api/quiz-attempts/${id}`, headers: { 'user-agent': 'Mozilla/5.0 (Linux; Android 13) Phone' } });
    /** The right answer of a drawn question, from the bank's pattern (the test knows the key). */
    const rightAnswer = (q: { type: string; stem: string }) => {
      const k = Number(/Câu hỏi (\d+)/.exec(q.stem)![1]);
      switch (q.type) {
        case 'single': return 'A';
        case 'true_false': return { a: true, b: false };
        case 'numeric': return String(k * 2).replace('.', ',');
        case 'multiple': return ['A', 'B'];
        case 'short': return 'hà nội';
        case 'matching': return ['4 cạnh bằng nhau', '3 cạnh'];
        default: return 'Bài làm tự luận';
      }
    };

    let quizId = 0;

    await t.test('the matrix must fit the bank, naming the short row', async (t) => {
      const short = quizBody({ matrix: [{ curriculumLessonId: L1!.id, level: 'nhan_biet', count: 2, pointsEach: 1 }, { curriculumLessonId: L2!.id, level: 'van_dung', count: 5, pointsEach: 2 }] });
      const e = refused(t, await create(teacher, short), 'QUIZ_MATRIX_SHORT', 'five questions of a row with three');
      t.same(e.details.rows, [{ row: 2, curriculumLessonId: L2!.id, lessonTitle: L2!.title, level: 'van_dung', levelName: 'Vận dụng', needed: 5, available: 3 }], 'the row, its lesson, level, needed and available');
      refused(t, await create(teacher, quizBody({ matrix: [{ curriculumLessonId: L1!.id, level: 'nhan_biet', count: 1, pointsEach: 1 }, { curriculumLessonId: L1!.id, level: 'nhan_biet', count: 1, pointsEach: 1 }] })), 'VALIDATION_FAILED', 'a duplicate row');
      refused(t, await create(teacher, quizBody({ opensAt: iso(HOUR), closesAt: iso(0) })), 'INVALID_DATE_RANGE', 'a window closing before it opens');
      refused(t, await create(teacher, quizBody({ classIds: [c7.id] })), 'VALIDATION_FAILED', 'a class of another grade');
      refused(t, await create(teacher, quizBody({ gradebookTarget: { semesterId, column: { kind: 'midterm' } } })), 'VALIDATION_FAILED', 'a regular quiz into the mid-term column');
      refused(t, await create(teacher, quizBody({ matrix: [{ curriculumLessonId: 999999, level: 'nhan_biet', count: 1, pointsEach: 1 }] })), 'NOT_FOUND', 'an unknown lesson');
      if (!teachesIn6a2) refused(t, await create(teacher, quizBody({ classIds: [c6a1.id, c6a2.id] })), 'LIVE_NOT_ASSIGNED', 'a class the teacher does not teach this subject in');
      t.equal((await create(student, quizBody())).statusCode, 403, 'a student cannot create');
      t.equal((await create(parent, quizBody())).statusCode, 403, 'a parent cannot create');
      t.equal((await create(it, quizBody())).statusCode, 403, 'IT cannot create');
    });

    await t.test('a regular quiz is created, published and seen by its class only', async (t) => {
      const res = await create(teacher, quizBody());
      t.equal(res.statusCode, 200, res.body);
      quizId = res.json().id;
      t.same((await student.request({ url: '/api/quizzes' })).json(), [], 'a draft is not shown to students');
      refused(t, await start(student, quizId), 'NOT_FOUND', 'a draft cannot be started');
      const pub = await publish(teacher, quizId);
      t.equal(pub.statusCode, 200, pub.body);
      t.equal(pub.json().decisionId, null, 'regular assessment needs no decision (Art. 6.1)');
      const listed = (await student.request({ url: '/api/quizzes' })).json() as { id: number }[];
      t.ok(listed.some((q) => q.id === quizId), 'the student sees it');
      t.same((await outsider.request({ url: '/api/quizzes' })).json().filter((q: { id: number }) => q.id === quizId), [], '6A2 does not see it');
      refused(t, await start(outsider, quizId), 'NOT_FOUND', 'nor start it');
      t.ok((await p.request({ url: '/api/quizzes' })).json().some((q: { id: number }) => q.id === quizId), 'the principal sees all');
      const used = await knex('questions').whereNotNull('first_used_at').count('* as n').first();
      t.ok(Number(used!.n) >= 11, 'the questions of the matrix are marked used (archive, never delete)');
      refused(t, await teacher.request({ method: 'DELETE', url: `/api/quizzes/${quizId}` }), 'QUIZ_NOT_EDITABLE', 'a published quiz is not deleted');
    });

    let attemptId = 0;
    let paper: { key: string; type: string; stem: string; body: any; points: number }[] = [];

    await t.test('the student starts: a drawn, shuffled paper without keys, on the server clock', async (t) => {
      const before = Date.now();
      const res = await start(student, quizId);
      t.equal(res.statusCode, 200, res.body);
      const v = res.json();
      attemptId = v.id;
      paper = v.questions;
      t.equal(paper.length, 8, 'four + two + two questions');
      t.equal(new Set(paper.map((q) => q.key)).size, 8, 'distinct questions');
      t.same(paper.map((q) => q.type).sort(), ['numeric', 'numeric', 'single', 'single', 'single', 'single', 'true_false', 'true_false'], 'per matrix row');
      t.notMatch(res.body, /"correct"|"accepted"|"explanation"|"value"|"tolerance"|"rubric"/, 'no key, explanation or rubric leaves the server');
      const limitEnd = Date.parse(v.startedAt) + 15 * 60_000;
      t.equal(Date.parse(v.deadlineAt), limitEnd, 'deadline = start + 15 minutes');
      t.ok(Date.parse(v.startedAt) >= before - 5 && v.remainingMs > 14 * 60_000 && v.remainingMs <= 15 * 60_000, 'remaining time from the server');
      const again = (await start(student, quizId)).json();
      t.equal(again.id, attemptId, 'starting again resumes the same attempt');
      t.same(again.questions, paper, 'with the same paper (questions and options in the same order)');
      const other = (await start(student2, quizId)).json();
      t.not(other.id, attemptId, 'another student has their own attempt');
      t.ok(JSON.stringify(other.questions.map((q: { key: string }) => q.key)) !== JSON.stringify(paper.map((q) => q.key))
        || JSON.stringify(other.questions) !== JSON.stringify(paper), 'drawn and shuffled apart');
      const stored = await knex('quiz_attempts').where({ id: attemptId }).first();
      t.match(stored.questions, /"correct":true/, 'the attempt keeps a snapshot with the key');
    });

    await t.test('a later edit of the bank does not change the attempt', async (t) => {
      const qid = Number(paper[0]!.key.slice(1));
      await services.tx.run(async (r) => {
        const q = (await r.questions.get(qid))!;
        await r.questions.update(qid, { ...q, stem: `${q.stem} (đã sửa)`, searchText: 'cau hoi da sua', at: new Date().toISOString() });
      });
      t.equal((await view(student, attemptId)).json().questions[0].stem, paper[0]!.stem, 'the snapshot keeps the old stem');
    });

    await t.test('autosave: numbered batches, late saves never overwrite newer answers', async (t) => {
      const singles = paper.filter((q) => q.type === 'single');
      const [a, b, c] = singles;
      let res = await save(student, attemptId, 1, [{ questionKey: a!.key, answer: 'B' }, { questionKey: b!.key, answer: 'C' }]);
      t.equal(res.statusCode, 200, res.body);
      t.same(res.json().accepted.sort(), [a!.key, b!.key].sort());
      res = await save(student, attemptId, 3, [{ questionKey: a!.key, answer: 'A' }]);
      t.same(res.json().accepted, [a!.key]);
      res = await save(student, attemptId, 2, [{ questionKey: a!.key, answer: 'D' }, { questionKey: c!.key, answer: 'A' }]);
      t.same(res.json().accepted, [c!.key], 'the late save fills what the newer one did not touch');
      t.same(res.json().stale, [a!.key], 'and loses where a newer save wrote');
      res = await save(student, attemptId, 3, [{ questionKey: a!.key, answer: 'A' }]);
      t.same(res.json().accepted, [], 'a repeated save changes nothing (idempotent)');
      const v = (await view(student, attemptId)).json();
      const got = Object.fromEntries(v.answers.map((x: { questionKey: string; answer: unknown }) => [x.questionKey, x.answer]));
      t.same(got, { [a!.key]: 'A', [b!.key]: 'C', [c!.key]: 'A' }, 'resume returns the newest answers');
      t.equal(v.lastSeq, 3, 'and the last save number');
      t.equal(v.id, attemptId);
    });

    await t.test('what a student would try is refused', async (t) => {
      const key = paper[0]!.key;
      refused(t, await save(student2, attemptId, 10, [{ questionKey: key, answer: 'A' }]), 'NOT_FOUND', 'saving to another student\'s attempt');
      refused(t, await view(student2, attemptId), 'NOT_FOUND', 'reading another student\'s attempt');
      refused(t, await save(student, attemptId, 10, [{ questionKey: 'q999999', answer: 'A' }, { questionKey: key, answer: 'B' }]), 'QUIZ_UNKNOWN_QUESTION', 'a question not in the attempt');
      const single1 = paper.find((q) => q.type === 'single')!;
      refused(t, await save(student, attemptId, 10, [{ questionKey: single1.key, answer: 'Z' }]), 'QUIZ_BAD_ANSWER', 'an option that does not exist');
      refused(t, await save(student, attemptId, 10, [{ questionKey: single1.key, answer: ['A', 'B'] }]), 'QUIZ_BAD_ANSWER', 'two options for a single choice');
      t.equal((await view(student, attemptId)).json().answers.find((x: { questionKey: string }) => x.questionKey === key)?.answer ?? null, paper[0]!.type === 'single' ? (await view(student, attemptId)).json().answers.find((x: { questionKey: string }) => x.questionKey === key)?.answer ?? null : null, 'a refused batch stores nothing');
      refused(t, await save(student, attemptId, 0, [{ questionKey: key, answer: 'A' }]), 'VALIDATION_FAILED', 'save number 0');
      refused(t, await save(student, attemptId, 11, Array.from({ length: 201 }, () => ({ questionKey: key, answer: 'A' }))), 'VALIDATION_FAILED', 'more than 200 answers');
      const huge = await student.request({ method: 'PUT', url: `/api/quiz-attempts/${attemptId}/answers`, payload: { seq: 12, answers: [{ questionKey: key, answer: 'x'.repeat(300_000) }] } });
      refused(t, huge, 'UPLOAD_TOO_LARGE', 'a huge payload');
      refused(t, await save(student, attemptId, 12, [{ questionKey: key, answer: 'x'.repeat(20_001) }]), 'VALIDATION_FAILED', 'an over-long answer');
      t.equal((await teacher.request({ method: 'PUT', url: `/api/quiz-attempts/${attemptId}/answers`, payload: { seq: 13, answers: [] } })).statusCode, 403, 'a teacher cannot save into an attempt');
      t.equal((await parent.request({ url: `/api/quiz-attempts/${attemptId}` })).statusCode, 403, 'a parent cannot read it');
      // The client's clock is never asked: a forged header or body field changes nothing.
      const forged = await student.request({ method: 'PUT', url: `/api/quiz-attempts/${attemptId}/answers`, payload: { seq: 14, answers: [], now: '2030-01-01T00:00:00Z', deadlineAt: '2030-01-01T00:00:00Z' } });
      t.equal(forged.statusCode, 200, 'unknown fields are dropped by the schema');
      t.equal(forged.json().deadlineAt, (await view(student, attemptId)).json().deadlineAt, 'a client time or deadline in the body changes nothing');
      const withDate = await student.request({ method: 'PUT', url: `/api/quiz-attempts/${attemptId}/answers`, payload: { seq: 14, answers: [] }, headers: { date: 'Wed, 01 Jan 2031 00:00:00 GMT' } });
      t.ok(Math.abs(Date.parse(withDate.json().serverNow) - Date.now()) < 5000, 'the server\'s clock, whatever the client\'s Date header says');
    });

    await t.test('submit: scored at once, feedback by the policy, never twice', async (t) => {
      const final = { seq: 20, answers: paper.map((q) => ({ questionKey: q.key, answer: rightAnswer(q) })) };
      // One wrong single-choice answer: 1 point lost.
      const wrongKey = paper.find((q) => q.type === 'single')!.key;
      final.answers.find((a) => a.questionKey === wrongKey)!.answer = 'B';
      const res = await submit(student, attemptId, final);
      t.equal(res.statusCode, 200, res.body);
      const v = res.json();
      t.equal(v.status, 'submitted');
      t.equal(v.submittedBy, 'student');
      t.same(v.feedback, { score: 10, maxScore: 11, pendingEssays: 0, perQuestion: null }, 'policy "score": the score, not the answers');
      t.notMatch(res.body, /"correct"|"accepted"|"explanation"/, 'still no key');
      refused(t, await submit(student, attemptId), 'QUIZ_ALREADY_SUBMITTED', 'submitting twice');
      refused(t, await save(student, attemptId, 30, [{ questionKey: wrongKey, answer: 'A' }]), 'QUIZ_ALREADY_SUBMITTED', 'saving after submitting');
      const fed = await knex('gradebook_feed_results').where({ source_kind: 'quiz', source_id: quizId, student_id: sMe.personId }).first();
      t.ok(fed, 'the score reached the gradebook');
      t.equal(Number(fed?.score_tenths), 91, 'on the 10-point scale (10/11 → 9.1)');
    });

    await t.test('attempts allowed: a second one, then no more', async (t) => {
      const second = (await start(student, quizId)).json();
      t.equal(second.number, 2, 'the second attempt');
      t.not(second.id, attemptId);
      const res = await submit(student, second.id, { seq: 1, answers: [] });
      t.equal(res.json().feedback.score, 0, 'an empty paper scores 0');
      refused(t, await start(student, quizId), 'QUIZ_NO_ATTEMPTS_LEFT', 'a third attempt');
      const fed = await knex('gradebook_feed_results').where({ source_kind: 'quiz', source_id: quizId, student_id: sMe.personId }).first();
      t.equal(Number(fed?.score_tenths), 91, 'the best attempt counts (not the last)');
    });

    await t.test('the deadline and its grace are the server\'s', async (t) => {
      const v = (await view(student2, (await start(student2, quizId)).json().id)).json();
      const key = v.questions.find((q: { type: string }) => q.type === 'single').key;
      await knex('quiz_attempts').where({ id: v.id }).update({ deadline_at: iso(-10_000) });
      let res = await save(student2, v.id, 1, [{ questionKey: key, answer: 'A' }]);
      t.equal(res.statusCode, 200, 'a save 10 s after the deadline is in the grace');
      t.equal(res.json().remainingMs, 0);
      await knex('quiz_attempts').where({ id: v.id }).update({ deadline_at: iso(-31_000) });
      res = await save(student2, v.id, 2, [{ questionKey: key, answer: 'B' }]);
      refused(t, res, 'QUIZ_TIME_OVER', 'after the grace');
      const after = (await view(student2, v.id)).json();
      t.equal(after.status, 'submitted', 'the attempt was submitted automatically');
      t.equal(after.submittedBy, 'auto');
      t.equal(after.feedback.score, 1, 'with the answers saved in time');
      refused(t, await submit(student2, v.id), 'QUIZ_TIME_OVER', 'a late submit is told the time is over');

      // The sweep submits attempts nobody touches any more.
      const w = (await start(student3, quizId)).json();
      await save(student3, w.id, 1, [{ questionKey: w.questions[0].key, answer: rightAnswer(w.questions[0]) }]);
      await knex('quiz_attempts').where({ id: w.id }).update({ deadline_at: iso(-60_000) });
      t.ok((await services.quizAttempts.sweep()) >= 1, 'the sweep found it');
      const row = await knex('quiz_attempts').where({ id: w.id }).first();
      t.equal(row.status, 'submitted');
      t.equal(row.submitted_by, 'auto');
      t.ok(Number(row.score) > 0, 'scored');

      // The window's close cuts the time limit.
      const closing = (await create(teacher, quizBody({ title: 'Sắp đóng', closesAt: iso(5 * 60_000), attemptsAllowed: 1, gradebookTarget: null }))).json().id;
      await publish(teacher, closing);
      const c = (await start(student4, closing)).json();
      t.ok(Math.abs(Date.parse(c.deadlineAt) - (Date.now() + 5 * 60_000)) < 5000, 'deadline = window close when it comes first');
    });

    await t.test('feedback "answers after the window closes" and "none" never leak early', async (t) => {
      const q1 = (await create(teacher, quizBody({ title: 'Đáp án sau khi đóng', feedback: 'answers_after_close', attemptsAllowed: 1, gradebookTarget: null }))).json().id;
      await publish(teacher, q1);
      const v = (await start(student2, q1)).json();
      const res = await submit(student2, v.id, { seq: 1, answers: v.questions.map((q: { key: string; type: string; stem: string }) => ({ questionKey: q.key, answer: rightAnswer(q) })) });
      t.equal(res.json().feedback, null, 'nothing while the window is open');
      t.notMatch(res.body, /"correct"|"accepted"|"explanation"/);
      t.equal((await student2.request({ url: `/api/quizzes/${q1}/mine` })).json().attempts[0].score, null, 'not in the list either');
      await knex('quizzes').where({ id: q1 }).update({ closes_at: iso(-1000) });
      const after = (await view(student2, v.id)).json();
      t.equal(after.feedback.score, 11, 'after the close: the score');
      t.equal(after.feedback.perQuestion.length, 8, 'and each question\'s key');
      t.ok(after.feedback.perQuestion.some((x: { correct: unknown }) => x.correct === 'A'), 'with the right option');

      const q2 = (await create(teacher, quizBody({ title: 'Không phản hồi', feedback: 'none', attemptsAllowed: 1, gradebookTarget: null }))).json().id;
      await publish(teacher, q2);
      const w = (await start(student2, q2)).json();
      const done = await submit(student2, w.id, { seq: 1, answers: [] });
      t.equal(done.json().feedback, null, 'policy "none": no score');
      await knex('quizzes').where({ id: q2 }).update({ closes_at: iso(-1000) });
      t.equal((await view(student2, w.id)).json().feedback, null, 'even after the close');
    });

    await t.test('essays wait for the teacher; the last grade completes the score and feeds the gradebook', async (t) => {
      const body = quizBody({
        title: 'Kiểm tra có tự luận', attemptsAllowed: 1,
        matrix: [{ curriculumLessonId: L1!.id, level: 'nhan_biet', count: 2, pointsEach: 1 }, { curriculumLessonId: L2!.id, level: 'van_dung_cao', count: 2, pointsEach: 4 }],
        gradebookTarget: { semesterId, column: { kind: 'regular', slot: 2 } },
      });
      const qid = (await create(teacher, body)).json().id;
      await publish(teacher, qid);
      const v = (await start(student, qid)).json();
      const essays = v.questions.filter((q: { type: string }) => q.type === 'essay');
      const res = await submit(student, v.id, { seq: 1, answers: [...v.questions.filter((q: { type: string }) => q.type === 'single').map((q: { key: string }) => ({ questionKey: q.key, answer: 'A' })), { questionKey: essays[0].key, answer: 'Ý thứ nhất. Ý thứ hai.' }] });
      t.same(res.json().feedback, { score: null, maxScore: 10, pendingEssays: 1, perQuestion: null }, 'one written essay waits; the blank one scores 0');
      t.notOk(await knex('gradebook_feed_results').where({ source_kind: 'quiz', source_id: qid }).first(), 'nothing to the gradebook yet');
      const review = await teacher.request({ url: `/api/quiz-attempts/${v.id}/review` });
      t.equal(review.statusCode, 200, review.body);
      const rq = review.json().questions.find((q: { key: string }) => q.key === essays[0].key);
      t.equal(rq.answer, 'Ý thứ nhất. Ý thứ hai.', 'the teacher reads the essay');
      t.equal(rq.awarded, null, 'not graded yet');
      t.equal((await student.request({ url: `/api/quiz-attempts/${v.id}/review` })).statusCode, 403, 'a student cannot open the grading page');
      refused(t, await teacher.request({ method: 'PUT', url: `/api/quiz-attempts/${v.id}/grades`, payload: { questionKey: essays[0].key, points: 5 } }), 'VALIDATION_FAILED', 'more than the question is worth');
      const singleKey = v.questions.find((q: { type: string }) => q.type === 'single').key;
      refused(t, await teacher.request({ method: 'PUT', url: `/api/quiz-attempts/${v.id}/grades`, payload: { questionKey: singleKey, points: 1 } }), 'QUIZ_NOT_ESSAY', 'a choice question');
      refused(t, await outsider.request({ method: 'PUT', url: `/api/quiz-attempts/${v.id}/grades`, payload: { questionKey: essays[0].key, points: 1 } }), 'FORBIDDEN', 'a student grading');
      const g = await teacher.request({ method: 'PUT', url: `/api/quiz-attempts/${v.id}/grades`, payload: { questionKey: essays[0].key, points: 3.5, comment: 'Thiếu ví dụ.' } });
      t.same(g.json(), { score: 5.5, pendingEssays: 0 }, 'graded: 2 + 3.5 + 0');
      const fed = await knex('gradebook_feed_results').where({ source_kind: 'quiz', source_id: qid, student_id: sMe.personId }).first();
      t.equal(Number(fed?.score_tenths), 55, 'the gradebook gets 5.5');
      t.equal((await view(student, v.id)).json().feedback.score, 5.5, 'the student sees the final score');
    });

    let periodicId = 0;
    await t.test('Art. 6.2: an online periodic test needs the principal\'s decision', async (t) => {
      const mid = quizBody({ title: 'Kiểm tra giữa kì I', kind: 'midterm', attemptsAllowed: 1, feedback: 'answers_after_close', gradebookTarget: { semesterId, column: { kind: 'midterm' } } });
      refused(t, await create(teacher, { ...mid, attemptsAllowed: 2 }), 'QUIZ_PERIODIC_RULES', 'more than one attempt');
      refused(t, await create(teacher, { ...mid, shuffleOptions: false }), 'QUIZ_PERIODIC_RULES', 'without shuffling');
      const res = await create(teacher, mid);
      t.equal(res.statusCode, 200, res.body);
      periodicId = res.json().id;
      const e = refused(t, await publish(teacher, periodicId), 'QUIZ_NEEDS_DECISION', 'no decision');
      t.ok(e.details.uncovered.length >= 1, 'the uncovered stretch is named');
      const today = new Date(Date.now() + 7 * HOUR).toISOString().slice(0, 10);
      const tomorrow = new Date(Date.now() + 31 * HOUR).toISOString().slice(0, 10);
      const decide = (body: Record<string, unknown>) => p.request({ method: 'POST', url: '/api/decisions', payload: { reason: 'Lũ lụt, học sinh không thể đến trường', startsOn: today, endsOn: tomorrow, ...body } });
      refused(t, await decide({ type: 'online_assessment', classIds: [c6a1.id], subjectIds: [subjectId] }), 'ONLINE_ASSESSMENT_NEEDS_FORCE_MAJEURE', 'online periodic tests only in force majeure');
      refused(t, await decide({ type: 'online_assessment', mode: 'replacing', classIds: [c6a1.id], subjectIds: [subjectId] }), 'VALIDATION_FAILED', 'no mode on an assessment decision');
      t.equal((await decide({ type: 'force_majeure', classIds: 'all', subjectIds: 'all' })).statusCode, 200, 'force majeure');
      t.equal((await teacher.request({ method: 'POST', url: '/api/decisions', payload: { type: 'online_assessment', classIds: [c6a1.id], subjectIds: [subjectId], startsOn: today, endsOn: tomorrow, reason: 'Giáo viên tự quyết' } })).statusCode, 403, 'only the principal decides');
      const otherSubject = (await services.tx.read((r) => r.school.listSubjects())).find((s) => s.id !== subjectId)!.id;
      t.equal((await decide({ type: 'online_assessment', classIds: [c6a1.id], subjectIds: [otherSubject] })).statusCode, 200);
      refused(t, await publish(teacher, periodicId), 'QUIZ_NEEDS_DECISION', 'a decision for another subject does not count');
      const d = await decide({ type: 'online_assessment', classIds: [c6a1.id], subjectIds: [subjectId] });
      t.equal(d.statusCode, 200, d.body);
      const listed = (await p.request({ url: '/api/decisions?type=online_assessment' })).json() as { id: number; type: string; signerName: string }[];
      t.ok(listed.some((x) => x.id === d.json().id && x.signerName), 'listed with its signer');
      const ok = await publish(teacher, periodicId);
      t.equal(ok.statusCode, 200, ok.body);
      t.equal(ok.json().decisionId, d.json().id, 'the quiz records the decision it relies on');
    });

    await t.test('Art. 6.2 integrity log: focus, address, device and a second session', async (t) => {
      const ua1 = 'Mozilla/5.0 (Linux; Android 13) Phone';
      const v = (await start(student, periodicId, { ip: '10.0.0.5', ua: ua1 })).json();
      const key = v.questions[0].key;
      t.equal((await save(student, v.id, 1, [{ questionKey: key, answer: null }], { ip: '10.0.0.5', ua: ua1 })).statusCode, 200, 'same address and device: nothing logged');
      t.equal((await student.request({ method: 'POST', url: `/api/quiz-attempts/${v.id}/events`, payload: { kind: 'focus_lost', durationMs: 4200 }, remoteAddress: '10.0.0.5', headers: { 'user-agent': ua1 } })).json().recorded, true, 'focus lost (reported by the page)');
      await student.request({ method: 'POST', url: `/api/quiz-attempts/${v.id}/events`, payload: { kind: 'page_hidden' }, remoteAddress: '10.0.0.5', headers: { 'user-agent': ua1 } });
      await save(student, v.id, 2, [], { ip: '10.0.0.9', ua: ua1 });
      await save(student, v.id, 3, [], { ip: '10.0.0.9', ua: 'Mozilla/5.0 (Windows NT 10.0) Laptop' });
      const second = await loginClient(app, DEMO_STUDENT_ID, DEMO_PASSWORD);
      const resumed = await second.request({ method: 'POST', url: `/api/quizzes/${periodicId}/attempts`, payload: {}, remoteAddress: '10.0.0.9', headers: { 'user-agent': 'Mozilla/5.0 (Windows NT 10.0) Laptop' } });
      t.equal(resumed.json().id, v.id, 'the second session gets the same attempt (never a new one)');
      refused(t, await student.request({ method: 'POST', url: `/api/quiz-attempts/${v.id}/events`, payload: { kind: 'copy_paste' } }), 'VALIDATION_FAILED', 'only known events');
      const review = (await teacher.request({ url: `/api/quiz-attempts/${v.id}/review` })).json();
      t.same(review.events.map((e: { kind: string }) => e.kind), ['focus_lost', 'page_hidden', 'ip_changed', 'device_changed', 'second_session'], 'the log, in order');
      t.same(review.events[2].details, { from: '10.0.0.5', to: '10.0.0.9' });
      t.equal(review.attempt.events, 5, 'counted on the attempt list');
      const list = (await teacher.request({ url: `/api/quizzes/${periodicId}/attempts` })).json();
      t.equal(list[0].events, 5);
      // A regular quiz keeps no such log (least data).
      const reg = (await start(student4, quizId)).json();
      t.equal((await student4.request({ method: 'POST', url: `/api/quiz-attempts/${reg.id}/events`, payload: { kind: 'focus_lost' } })).json().recorded, false, 'regular quizzes do not log');
    });

    await t.test('results per class and per question', async (t) => {
      const res = await teacher.request({ url: `/api/quizzes/${quizId}/results` });
      t.equal(res.statusCode, 200, res.body);
      const r = res.json();
      const cls = r.classes[0];
      t.equal(cls.classId, c6a1.id);
      t.equal(cls.students, list6a1.length, 'every student of the class is listed');
      t.ok(cls.submitted >= 3, 'submitted attempts counted');
      const meRow = r.students.find((s: { studentId: number }) => s.studentId === sMe.personId);
      t.equal(meRow.score, 10, 'the best attempt counts for the student');
      t.equal(meRow.attempts, 2);
      t.ok(r.questions.length >= 8, 'questions drawn by anyone');
      const wrong = r.questions.find((q: { commonWrong: { answer: string }[] }) => q.commonWrong.some((w) => w.answer.startsWith('B.')));
      t.ok(wrong, 'the common wrong answers read as option texts');
      t.ok(r.questions.every((q: { percentRight: number }) => q.percentRight >= 0 && q.percentRight <= 100));
      t.equal((await student.request({ url: `/api/quizzes/${quizId}/results` })).statusCode, 403, 'a student cannot read the class\'s results');
      t.equal((await p.request({ url: `/api/quizzes/${quizId}/results?classId=${c6a1.id}` })).statusCode, 200, 'the principal can');
      t.equal((await teacher.request({ url: `/api/quizzes/999999/results` })).statusCode, 404);
    });

    await t.test('every change is audited', async (t) => {
      const actions = (await knex('audit_log').where('action', 'like', 'quiz.%').select('action')).map((r: { action: string }) => r.action);
      for (const a of ['quiz.created', 'quiz.published', 'quiz.attempt_started', 'quiz.attempt_submitted', 'quiz.essay_graded']) t.ok(actions.includes(a), a);
    });
  });
}
