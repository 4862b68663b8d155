import t from 'tap';
import type { Knex } from 'knex';
import { buildTestApp, type Client } from '../helpers/app.js';
import { dialects } from '../helpers/db.js';
import { DEMO_PARENT_LOGIN, DEMO_PRINCIPAL_ID, DEMO_STUDENT_ID, DEMO_TEACHER_ID } from '../../server/src/domain/demo/demo-school.js';
import { MAX_HEARTBEAT_SECONDS } from '../../server/src/domain/progress/progress-rules.js';

/** A material row as the materials module (0009) stores it: published or not, of a subject × grade. */
async function material(knex: Knex, m: { subjectId: number; grade: number; ownerId: number; title: string; published: boolean }): Promise<number> {
  const at = new Date().toISOString();
  const [row] = await knex('materials').insert({ subject_id: m.subjectId, grade: m.grade, kind: 'lecture', owner_id: m.ownerId, created_at: at, updated_at: at }).returning('id');
  const id = typeof row === 'number' ? row : Number((row as { id: number }).id);
  const [v] = await knex('material_versions').insert({
    material_id: id, number: 1, status: m.published ? 'published' : 'draft', title: m.title, author: 'GV', licence: 'CC BY', search_key: m.title.toLowerCase(),
    content_type: 'page', page_html: '<p>x</p>', created_by: m.ownerId, created_at: at, updated_at: at, published_at: m.published ? at : null,
  }).returning('id');
  const vid = typeof v === 'number' ? v : Number((v as { id: number }).id);
  if (m.published) await knex('materials').where({ id }).update({ published_version_id: vid, published_at: at });
  return id;
}

for (const dialect of dialects()) {
  t.test(`progress on ${dialect}`, async (t) => {
    const { login, database, demo } = await buildTestApp(t, dialect, { demo: 'small' });
    const knex = database.db.knex;
    const person = async (personalId: string) => Number((await knex('people').where({ personal_id: personalId }).first('id')).id);
    const studentId = await person(DEMO_STUDENT_ID);
    const teacherId = await person(DEMO_TEACHER_ID);
    const cls = await knex('enrolments as e').join('classes as c', 'c.id', 'e.class_id').where('e.student_id', studentId).first('c.id', 'c.grade', 'c.name');
    const classId = Number(cls.id);
    const grade = Number(cls.grade);
    const assignment = await knex('teaching_assignments').where({ class_id: classId, teacher_id: teacherId }).first('subject_id');
    t.ok(assignment, 'the demo teacher teaches a subject in the demo student\'s class');
    const subjectId = Number(assignment.subject_id);
    const other = await knex('teaching_assignments').where({ class_id: classId }).whereNot({ teacher_id: teacherId }).first('teacher_id', 'subject_id');
    const otherTeacherLogin = (await knex('people').where({ id: other.teacher_id }).first('personal_id')).personal_id as string;
    const otherClass = demo!.classes.find((c) => c.grade === grade && c.name !== cls.name)!;
    const classmate = demo!.classes.find((c) => c.name === cls.name)!.students.find((s) => s.personalId !== DEMO_STUDENT_ID)!;
    const otherClassStudent = otherClass.students[0]!;

    const m1 = await material(knex, { subjectId, grade, ownerId: teacherId, title: 'Bài 1: Tập hợp', published: true });
    const m2 = await material(knex, { subjectId, grade, ownerId: teacherId, title: 'Bản nháp', published: false });
    const m3 = await material(knex, { subjectId, grade: grade + 1, ownerId: teacherId, title: 'Khối trên', published: true });

    const student = await login(DEMO_STUDENT_ID);
    const teacher = await login(DEMO_TEACHER_ID);
    const event = (c: Client, id: number, payload: unknown) => c.request({ method: 'POST', url: `/api/progress/materials/${id}/events`, payload: payload as object });

    t.test('opening and inflated heartbeats', async (t) => {
      let res = await event(student, m1, { type: 'opened' });
      t.equal(res.statusCode, 200, res.body);
      t.equal(res.json().activeSeconds, 0);
      t.equal(res.json().openCount, 1);
      // Right after opening, a heartbeat claiming an hour earns at most the second that passed.
      res = await event(student, m1, { type: 'heartbeat', seconds: 3600 });
      t.equal(res.statusCode, 200);
      t.ok(res.json().activeSeconds <= 1, `inflated heartbeat credited ${res.json().activeSeconds}s`);
      // Ten minutes later (the clock moved back in the database), one heartbeat is capped.
      await knex('progress_records').where({ student_id: studentId, material_id: m1 }).update({ credited_until: new Date(Date.now() - 10 * 60_000).toISOString() });
      const before = res.json().activeSeconds as number;
      res = await event(student, m1, { type: 'heartbeat', seconds: 3600 });
      t.equal(res.json().creditedSeconds, MAX_HEARTBEAT_SECONDS, 'one heartbeat adds at most the cap');
      t.equal(res.json().activeSeconds, before + MAX_HEARTBEAT_SECONDS);
      // A burst right after earns nothing more: the wall clock has not moved.
      for (let i = 0; i < 5; i++) res = await event(student, m1, { type: 'heartbeat', seconds: 30 });
      t.ok(res.json().activeSeconds <= before + MAX_HEARTBEAT_SECONDS + 1, 'a burst of heartbeats is not credited');
      // An honest 20 s heartbeat after 25 s of wall-clock time is credited in full.
      await knex('progress_records').where({ student_id: studentId, material_id: m1 }).update({ credited_until: new Date(Date.now() - 25_000).toISOString() });
      const now = res.json().activeSeconds as number;
      res = await event(student, m1, { type: 'heartbeat', seconds: 20 });
      t.equal(res.json().activeSeconds, now + 20);
      t.equal((await event(student, m1, { type: 'heartbeat', seconds: 0 })).statusCode, 400, 'zero seconds is refused');
      t.equal((await event(student, m1, { type: 'heartbeat' })).statusCode, 400, 'a heartbeat needs seconds');
      t.equal((await event(student, m1, { type: 'heartbeat', seconds: 99999 })).statusCode, 400, 'absurd claims are refused by the schema');
    });

    t.test('scores and completion', async (t) => {
      let res = await event(student, m1, { type: 'score', contentId: 'h5p-1', score: { raw: 3, max: 10 }, completed: false });
      t.equal(res.statusCode, 200, res.body);
      t.equal(res.json().bestScore, 0.3);
      t.equal(res.json().completed, false);
      res = await event(student, m1, { type: 'score', contentId: 'h5p-1', score: { scaled: 0.8 }, completed: true });
      t.equal(res.json().bestScore, 0.8);
      t.equal(res.json().lastScore, 0.8);
      t.equal(res.json().scoreCount, 2);
      t.equal(res.json().completed, true);
      res = await event(student, m1, { type: 'score', score: { scaled: 0.5 } });
      t.equal(res.json().bestScore, 0.8, 'the best score stays');
      t.equal(res.json().lastScore, 0.5);
      t.equal((await event(student, m1, { type: 'score', score: { raw: 3 } })).statusCode, 400, 'raw without max is no score');
      t.equal((await event(student, m1, { type: 'score', score: { scaled: 2 } })).statusCode, 400);
      res = await event(student, m1, { type: 'completed' });
      t.equal(res.json().completed, true);
      // When the H5P module recorded the student's result itself, a tampered page cannot claim more.
      const at = new Date().toISOString();
      const [c] = await knex('h5p_contents').insert({ title: 'Trắc nghiệm nhanh', main_library: 'H5P.PhonghocQuickCheck 1.0', uploaded_by_id: teacherId, created_at: at }).returning('id');
      const contentId = typeof c === 'number' ? c : Number((c as { id: number }).id);
      await knex('h5p_results').insert({ content_id: contentId, student_id: studentId, attempts: 1, last_raw: 1, last_max: 10, last_at: at, best_raw: 1, best_max: 10, best_at: at });
      const m4 = await material(knex, { subjectId, grade, ownerId: teacherId, title: 'Bài có H5P', published: true });
      res = await event(student, m4, { type: 'score', contentId: String(contentId), score: { scaled: 1 }, completed: true });
      t.equal(res.json().bestScore, 0.1, 'the score the H5P module recorded wins over the claimed 100%');
      const audit = await knex('audit_log').where('action', 'like', 'progress.%').select('action');
      t.ok(audit.some((a) => a.action === 'progress.opened') && audit.some((a) => a.action === 'progress.scored'), 'opening and scores are audited');
    });

    t.test('only students, only materials they can see', async (t) => {
      let res = await event(student, m2, { type: 'opened' });
      t.equal(res.statusCode, 403, 'an unpublished material is refused');
      t.equal(res.json().error.code, 'PROGRESS_MATERIAL_NOT_VISIBLE');
      res = await event(student, m3, { type: 'opened' });
      t.equal(res.statusCode, 403, 'another grade\'s material is refused');
      res = await event(student, 999999, { type: 'opened' });
      t.equal(res.statusCode, 404);
      res = await event(teacher, m1, { type: 'opened' });
      t.equal(res.statusCode, 403, 'teachers are not tracked');
      t.equal(await knex('progress_records').whereIn('material_id', [m2, m3]).count({ n: '*' }).first().then((r) => Number(r?.n)), 0, 'nothing recorded for refused materials');
    });

    t.test('the teacher\'s matrix', async (t) => {
      // A classmate opened the material 10 days ago and never finished it: stuck (idle).
      const mate = await login(classmate.personalId);
      t.equal((await event(mate, m1, { type: 'opened' })).statusCode, 200);
      const mateId = await person(classmate.personalId);
      await knex('progress_records').where({ student_id: mateId, material_id: m1 }).update({ first_opened_at: new Date(Date.now() - 10 * 86_400_000).toISOString() });

      // A published quiz of the class × subject (the quizzes module's tables, 0012).
      const at = new Date().toISOString();
      const [qrow] = await knex('quizzes').insert({
        title: 'Kiểm tra 15 phút: Tập hợp', subject_id: subjectId, grade, kind: 'regular', matrix: '[]', opens_at: at, closes_at: new Date(Date.now() + 86_400_000).toISOString(),
        time_limit_minutes: 15, feedback: 'score', status: 'published', created_by_id: teacherId, created_at: at, updated_at: at, published_at: at, published_by_id: teacherId,
      }).returning('id');
      const quizId = typeof qrow === 'number' ? qrow : Number((qrow as { id: number }).id);
      await knex('quiz_classes').insert({ quiz_id: quizId, class_id: classId });

      const res = await teacher.request({ url: `/api/progress/classes/${classId}/subjects/${subjectId}` });
      t.equal(res.statusCode, 200, res.body);
      const quiz = res.json().quizzes.find((q: { id: number }) => q.id === quizId);
      t.equal(quiz?.resultsPath, `/kiem-tra/${quizId}/ket-qua`, 'the class\'s quiz links to its per-question results');
      t.same(quiz?.questions, [], 'its per-question results come from the quizzes module (none submitted yet)');
      const p = res.json();
      const shown = p.materials.map((m: { id: number }) => m.id);
      t.ok(shown.includes(m1), 'the published material of the class\'s grade is a column');
      t.notOk(shown.includes(m2) || shown.includes(m3), 'unpublished and other grades\' materials are not');
      t.ok(p.cells.some((c: { materialId: number; status: string }) => c.materialId !== m1 && c.status === 'completed'), 'the demo school\'s progress is there (db/seed-demo-qa-progress.ts)');
      const mine = p.cells.find((c: { studentId: number; materialId: number }) => c.studentId === studentId && c.materialId === m1);
      t.equal(mine.status, 'completed');
      t.equal(mine.bestScore, 0.8);
      t.equal(mine.stuck, null);
      const mateCell = p.cells.find((c: { studentId: number; materialId: number }) => c.studentId === mateId && c.materialId === m1);
      t.equal(mateCell.status, 'in_progress');
      t.equal(mateCell.stuck, 'idle');
      const rows = new Map(p.students.map((s: { id: number }) => [s.id, s]));
      t.equal(rows.size, demo!.classes.find((c) => c.name === cls.name)!.students.length, 'every student of the class');
      t.equal((rows.get(studentId) as { notStarted: boolean }).notStarted, false);
      t.equal((rows.get(mateId) as { stuck: boolean }).stuck, true);
      t.ok(p.students.filter((s: { notStarted: boolean }) => s.notStarted).length >= 1, 'others have not started');

      const principal = await login(DEMO_PRINCIPAL_ID);
      t.equal((await principal.request({ url: `/api/progress/classes/${classId}/subjects/${subjectId}` })).statusCode, 200, 'managers read');
      t.equal((await student.request({ url: `/api/progress/classes/${classId}/subjects/${subjectId}` })).statusCode, 403, 'students do not see the matrix');
      const otherTeacher = await login(otherTeacherLogin);
      t.equal((await otherTeacher.request({ url: `/api/progress/classes/${classId}/subjects/${subjectId}` })).statusCode, 403, 'another subject\'s teacher does not');
      t.equal((await teacher.request({ url: `/api/progress/classes/${classId}/subjects/999999` })).statusCode, 404);
      const choices = (await teacher.request({ url: '/api/progress/classes' })).json();
      t.ok(choices.some((c: { classId: number; subjectId: number; as: string }) => c.classId === classId && c.subjectId === subjectId && c.as === 'teacher'));
    });

    t.test('a student\'s own progress, and who else may see it', async (t) => {
      let res = await student.request({ url: '/api/progress/me' });
      t.equal(res.statusCode, 200, res.body);
      const item = res.json().items.find((i: { material: { id: number } }) => i.material.id === m1);
      t.equal(item.cell.status, 'completed');
      t.notOk(res.json().items.some((i: { material: { id: number } }) => i.material.id === m2 || i.material.id === m3), 'unpublished and other grades are not listed');
      t.equal(res.json().totals.completed >= 1, true);
      const parent = await login(DEMO_PARENT_LOGIN);
      const children = (await parent.request({ url: '/api/auth/me' })).json();
      t.ok(children);
      res = await parent.request({ url: `/api/progress/students/${studentId}` });
      t.equal(res.statusCode, 200, 'the parent sees the child');
      res = await teacher.request({ url: `/api/progress/students/${studentId}?subjectId=${subjectId}` });
      t.equal(res.statusCode, 200, 'a teacher of the class sees the student');
      const stranger = await login(otherClassStudent.personalId);
      res = await stranger.request({ url: `/api/progress/students/${studentId}` });
      t.equal(res.statusCode, 403, 'a student of another class does not (tampered id)');
      res = await stranger.request({ url: `/api/progress/classes/${classId}/subjects/${subjectId}` });
      t.equal(res.statusCode, 403);
      res = await stranger.request({ url: `/api/progress/students/${teacherId}` });
      t.equal(res.statusCode, 404, 'a staff id is no student');
    });
  });
}
