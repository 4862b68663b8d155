import t from 'tap';
import { buildTestApp, type Client } from '../helpers/app.js';
import { dialects } from '../helpers/db.js';
import { DEMO_PARENT_LOGIN, DEMO_PRINCIPAL_ID, DEMO_STUDENT_ID, DEMO_TEACHER_ID } from '../../server/src/domain/demo/demo-school.js';
import { MAX_QUESTIONS_PER_WINDOW } from '../../server/src/domain/qa/qa-rules.js';

for (const dialect of dialects()) {
  t.test(`questions and answers on ${dialect}`, async (t) => {
    const { login, database, demo } = await buildTestApp(t, dialect, { demo: 'small' });
    const knex = database.db.knex;
    const person = async (personalId: string) => Number((await knex('people').where({ personal_id: personalId }).first('id')).id);
    const studentId = await person(DEMO_STUDENT_ID);
    const teacherId = await person(DEMO_TEACHER_ID);
    const cls = await knex('enrolments as e').join('classes as c', 'c.id', 'e.class_id').where('e.student_id', studentId).first('c.id', 'c.grade', 'c.name');
    const classId = Number(cls.id);
    const subjectId = Number((await knex('teaching_assignments').where({ class_id: classId, teacher_id: teacherId }).first('subject_id')).subject_id);
    const other = await knex('teaching_assignments').where({ class_id: classId }).whereNot({ teacher_id: teacherId }).first('teacher_id', 'subject_id');
    const otherTeacherLogin = (await knex('people').where({ id: other.teacher_id }).first('personal_id')).personal_id as string;
    const demoClass = demo!.classes.find((c) => c.name === cls.name)!;
    const classmates = demoClass.students.filter((s) => s.personalId !== DEMO_STUDENT_ID);
    const otherClass = demo!.classes.find((c) => c.name !== cls.name)!;
    const otherClassId = Number((await knex('classes').where({ name: otherClass.name }).first('id')).id);

    const student = await login(DEMO_STUDENT_ID);
    const mate = await login(classmates[0]!.personalId);
    const teacher = await login(DEMO_TEACHER_ID);
    const stranger = await login(otherClass.students[0]!.personalId);
    const principal = await login(DEMO_PRINCIPAL_ID);
    const otherTeacher = await login(otherTeacherLogin);
    const post = (c: Client, url: string, payload: object) => c.request({ method: 'POST', url, payload });
    const list = (c: Client, filter = 'all', sid = subjectId, cid = classId) => c.request({ url: `/api/qa/questions?classId=${cid}&subjectId=${sid}&filter=${filter}` });

    // The demo school already has a few threads (db/seed-demo-qa-progress.ts): counts are relative.
    const baseCounts = (await teacher.request({ url: `/api/qa/classes/${classId}/counts` })).json().find((x: { subjectId: number }) => x.subjectId === subjectId) ?? { questions: 0, unanswered: 0 };
    t.equal(baseCounts.questions, 3, 'the demo school has three threads in the demo teacher\'s class');
    t.equal(baseCounts.unanswered, 1, 'one of them waits for the teacher');
    let q1 = 0;
    let q2 = 0;
    let aMate = 0;
    let aTeacher = 0;

    t.test('students ask; plain text stays text', async (t) => {
      const lesson = await knex('curriculum_lessons').where({ subject_id: subjectId, grade: Number(cls.grade) }).first('id');
      let res = await post(student, '/api/qa/questions', {
        classId, subjectId, title: '  Phân số tối giản là gì?  ', body: 'Em chưa hiểu <b>bước 2</b>\r\n<script>alert(1)</script>', curriculumLessonId: lesson ? Number(lesson.id) : null,
      });
      t.equal(res.statusCode, 200, res.body);
      q1 = res.json().id;
      res = await post(mate, '/api/qa/questions', { classId, subjectId, title: 'Bài tập 5 trang 12', body: 'Cho em hỏi cách làm.' });
      q2 = res.json().id;
      res = await student.request({ url: `/api/qa/questions/${q1}` });
      t.equal(res.statusCode, 200);
      t.equal(res.json().question.title, 'Phân số tối giản là gì?', 'trimmed');
      t.equal(res.json().question.body, 'Em chưa hiểu <b>bước 2</b>\n<script>alert(1)</script>', 'stored as typed text (escaped when shown)');
      t.equal(res.json().question.mine, true);
      t.equal(res.json().space.myRole, 'student');

      t.equal((await post(teacher, '/api/qa/questions', { classId, subjectId, title: 'Thông báo', body: 'x' })).statusCode, 403, 'teachers answer, students ask');
      t.equal((await post(stranger, '/api/qa/questions', { classId, subjectId, title: 'Xin chào', body: 'x' })).statusCode, 403, 'a student of another class cannot post here (tampered classId)');
      t.equal((await post(student, '/api/qa/questions', { classId, subjectId: 999999, title: 'Xin chào', body: 'x' })).statusCode, 404);
      t.equal((await post(student, '/api/qa/questions', { classId, subjectId, title: 'Xin chào', body: '   ' })).statusCode, 400, 'blank body');
      const wrongLesson = await knex('curriculum_lessons').whereNot({ subject_id: subjectId }).first('id');
      if (wrongLesson) {
        res = await post(student, '/api/qa/questions', { classId, subjectId, title: 'Bài khác', body: 'x', curriculumLessonId: Number(wrongLesson.id) });
        t.equal(res.json().error.code, 'QA_LESSON_MISMATCH', 'a lesson of another subject is refused');
      }
    });

    t.test('class scoping: other classes never see it', async (t) => {
      t.equal((await list(stranger)).statusCode, 403, 'the list of another class');
      t.equal((await stranger.request({ url: `/api/qa/questions/${q1}` })).statusCode, 403, 'a thread of another class (tampered id)');
      t.equal((await post(stranger, `/api/qa/questions/${q1}/answers`, { body: 'Mình trả lời nè' })).statusCode, 403);
      t.equal((await list(otherTeacher)).statusCode, 403, 'a teacher of another subject of the class');
      t.equal((await list(principal)).statusCode, 200, 'managers read');
      t.equal((await post(principal, `/api/qa/questions/${q1}/answers`, { body: 'x' })).statusCode, 403, 'managers do not post (no teacher role)');
      const parent = await login(DEMO_PARENT_LOGIN);
      t.equal((await list(parent)).statusCode, 403, 'parents are outside the class space');
      const spaces = (await stranger.request({ url: '/api/qa/spaces' })).json() as { classId: number }[];
      t.ok(spaces.length > 0 && spaces.every((s) => s.classId === otherClassId), 'a student\'s spaces are their own class only');
      const counts = (await stranger.request({ url: `/api/qa/classes/${classId}/counts` })).json();
      t.same(counts, [], 'counts of another class reveal nothing');
      t.equal((await teacher.request({ url: '/api/qa/classes/999999/counts' })).statusCode, 404);
    });

    t.test('answers, best answer only by the teacher', async (t) => {
      let res = await post(mate, `/api/qa/questions/${q1}/answers`, { body: 'Là phân số mà tử và mẫu không còn ước chung nào khác 1.' });
      t.equal(res.statusCode, 200, res.body);
      aMate = res.json().id;
      res = await post(teacher, `/api/qa/questions/${q1}/answers`, { body: 'Đúng rồi. Ví dụ 2/3.' });
      aTeacher = res.json().id;
      res = await student.request({ url: `/api/qa/questions/${q1}` });
      t.same(res.json().answers.map((a: { id: number }) => a.id), [aMate, aTeacher]);
      t.equal(res.json().answers[1].byTeacher, true);

      res = await post(student, `/api/qa/questions/${q1}/best`, { answerId: aMate });
      t.equal(res.statusCode, 403, 'the asker cannot mark the best answer');
      res = await post(otherTeacher, `/api/qa/questions/${q1}/best`, { answerId: aMate });
      t.equal(res.statusCode, 403, 'neither can a teacher of another subject');
      res = await post(teacher, `/api/qa/questions/${q1}/best`, { answerId: aMate });
      t.equal(res.statusCode, 200);
      res = await student.request({ url: `/api/qa/questions/${q1}` });
      t.equal(res.json().question.bestAnswerId, aMate);
      t.equal(res.json().answers.find((a: { id: number }) => a.id === aMate).best, true);
      res = await post(teacher, `/api/qa/questions/${q2}/best`, { answerId: aMate });
      t.equal(res.json().error.code, 'QA_BEST_ANSWER_INVALID', 'an answer of another question');
    });

    t.test('the teacher sees unanswered questions first', async (t) => {
      const res = await list(teacher);
      t.equal(res.statusCode, 200);
      const qs = res.json().questions as { id: number; pinned: boolean; unanswered: boolean }[];
      const ids = qs.map((q) => q.id);
      t.ok(ids.indexOf(q2) < ids.indexOf(q1), 'the unanswered question comes before the answered one for the teacher');
      const rest = qs.filter((q) => !q.pinned).map((q) => q.unanswered);
      t.same(rest, [...rest].sort((x, y) => Number(y) - Number(x)), 'after pinned threads, every unanswered question comes first');
      t.equal(res.json().unanswered, baseCounts.unanswered + 1);
      const un = (await list(teacher, 'unanswered')).json().questions.map((q: { id: number }) => q.id);
      t.ok(un.includes(q2) && !un.includes(q1), 'the unanswered filter');
      const mine = (await list(student, 'mine')).json().questions.map((q: { id: number }) => q.id);
      t.same(mine, [q1]);
      const counts = (await teacher.request({ url: `/api/qa/classes/${classId}/counts` })).json();
      const c = counts.find((x: { subjectId: number }) => x.subjectId === subjectId);
      t.equal(c.questions, baseCounts.questions + 2);
      t.equal(c.unanswered, baseCounts.unanswered + 1);
      t.equal(c.myRole, 'teacher');
    });

    t.test('moderation: hide with a reason, lock, pin', async (t) => {
      t.equal((await post(student, `/api/qa/answers/${aMate}/hide`, { reason: 'Không phù hợp' })).statusCode, 403, 'students do not moderate');
      t.equal((await post(otherTeacher, `/api/qa/answers/${aMate}/hide`, { reason: 'Không phù hợp' })).statusCode, 403);
      let res = await post(teacher, `/api/qa/answers/${aMate}/hide`, { reason: 'Chép lời giải trên mạng' });
      t.equal(res.statusCode, 200, res.body);
      res = await student.request({ url: `/api/qa/questions/${q1}` });
      t.same(res.json().answers.map((a: { id: number }) => a.id), [aTeacher], 'hidden from the class');
      t.equal(res.json().question.bestAnswerId, null, 'a hidden answer stops being the best');
      res = await mate.request({ url: `/api/qa/questions/${q1}` });
      const own = res.json().answers.find((a: { id: number }) => a.id === aMate);
      t.equal(own.hidden, true, 'the author still sees their hidden answer');
      t.equal(own.hiddenReason, 'Chép lời giải trên mạng', 'with the reason');
      res = await teacher.request({ url: `/api/qa/questions/${q1}` });
      t.equal(res.json().answers.find((a: { id: number }) => a.id === aMate).hidden, true, 'the teacher sees hidden content, marked');
      const row = await knex('qa_answers').where({ id: aMate }).first();
      t.ok(row.body.startsWith('Là phân số') && row.hidden_reason, 'the hidden answer stays in the database for the record');

      res = await post(teacher, `/api/qa/questions/${q2}/hide`, { reason: 'Trùng câu hỏi khác' });
      t.equal(res.statusCode, 200);
      t.notOk((await list(student)).json().questions.some((q: { id: number }) => q.id === q2), 'a hidden question leaves the class list');
      t.equal((await student.request({ url: `/api/qa/questions/${q2}` })).statusCode, 404, 'and its thread');
      t.equal((await mate.request({ url: `/api/qa/questions/${q2}` })).json().question.hiddenReason, 'Trùng câu hỏi khác', 'its author sees why');
      t.equal((await post(mate, `/api/qa/questions/${q2}/answers`, { body: 'thêm' })).json().error.code, 'QA_HIDDEN');
      t.ok((await list(teacher)).json().questions.some((q: { id: number; hidden: boolean }) => q.id === q2 && q.hidden), 'the teacher still lists it');
      t.equal((await post(teacher, `/api/qa/questions/${q2}/show`, {})).statusCode, 200);
      t.ok((await list(student)).json().questions.some((q: { id: number }) => q.id === q2), 'shown again');

      t.equal((await post(teacher, `/api/qa/questions/${q1}/lock`, { value: true })).statusCode, 200);
      res = await post(mate, `/api/qa/questions/${q1}/answers`, { body: 'Thêm ý nữa' });
      t.equal(res.json().error.code, 'QA_THREAD_LOCKED', 'no more answers from students');
      t.equal((await post(teacher, `/api/qa/questions/${q1}/answers`, { body: 'Chốt lại: 2/3 là tối giản.' })).statusCode, 200, 'the teacher may still close the thread with an answer');
      t.equal((await post(teacher, `/api/qa/questions/${q1}/lock`, { value: false })).statusCode, 200);
      t.equal((await post(mate, `/api/qa/questions/${q1}/answers`, { body: 'Em cảm ơn cô' })).statusCode, 200, 'unlocked');

      t.equal((await post(teacher, `/api/qa/questions/${q2}/pin`, { value: true })).statusCode, 200);
      t.equal((await list(student)).json().questions[0].id, q2, 'pinned first');
      t.equal((await post(teacher, `/api/qa/questions/${q2}/pin`, { value: false })).statusCode, 200);
      t.equal((await post(teacher, `/api/qa/questions/${q1}/hide`, { reason: 'x' })).statusCode, 400, 'a reason is required');

      const audit = (await knex('audit_log').where('action', 'like', 'qa.%').select('action')).map((a) => a.action as string);
      for (const a of ['qa.question.asked', 'qa.answer.posted', 'qa.best_answer.set', 'qa.answer.hidden', 'qa.question.hidden', 'qa.question.shown', 'qa.question.locked', 'qa.question.pinned']) {
        t.ok(audit.includes(a), `${a} is audited`);
      }
    });

    t.test('posting is rate limited for students', async (t) => {
      const poster = await login(classmates[1]!.personalId);
      const posterId = await person(classmates[1]!.personalId);
      const before = Number((await knex('qa_questions').where({ author_id: posterId }).count({ n: '*' }).first())?.n);
      let last = 0;
      for (let i = 0; i < MAX_QUESTIONS_PER_WINDOW + 1; i++) {
        last = (await post(poster, '/api/qa/questions', { classId, subjectId, title: `Câu hỏi số ${i + 1}`, body: 'Nội dung' })).statusCode;
      }
      t.equal(last, 429, `question ${MAX_QUESTIONS_PER_WINDOW + 1} within ten minutes is refused`);
      const count = await knex('qa_questions').where({ author_id: posterId }).count({ n: '*' }).first();
      t.equal(Number(count?.n) - before, MAX_QUESTIONS_PER_WINDOW);
    });
  });
}
