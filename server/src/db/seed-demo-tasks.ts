import type { Knex } from 'knex';
import { DEMO_STUDENT_ID, DEMO_TEACHER_ID } from '../domain/demo/demo-school.js';
import { insertedId } from '../data/rows.js';

/**
 * Demo tasks (Art. 5.2–5.3): the demo teacher's class gets an open homework with a rubric, a
 * finished one with handed-in work (some late, some graded and released) and a group project,
 * so the teacher's table, the student's list and the parent's view all show something. Typed
 * text only (no files), dated around the seeding time.
 */
export async function seedDemoTasks(trx: Knex.Transaction, at: string): Promise<void> {
  const teacher = await trx('people').where({ personal_id: DEMO_TEACHER_ID }).first('id');
  if (!teacher) return;
  const assignments = await trx('teaching_assignments as ta').join('classes as c', 'c.id', 'ta.class_id').join('subjects as s', 's.id', 'ta.subject_id')
    .where('ta.teacher_id', teacher.id).orderBy('c.grade').orderBy('c.name').select('ta.class_id', 'ta.subject_id', 's.code', 's.assessment');
  const pick = assignments.find((a) => a.code === 'TOAN') ?? assignments.find((a) => a.assessment === 'score') ?? assignments[0];
  if (!pick) return;
  const students = await trx('enrolments as e').join('people as p', 'p.id', 'e.student_id').where('e.class_id', pick.class_id).orderBy('p.name_key').select('p.id', 'p.personal_id');
  if (students.length < 4) return;
  const t0 = Date.parse(at);
  const day = 86_400_000;
  const iso = (ms: number) => new Date(ms).toISOString();
  const base = {
    class_id: pick.class_id, subject_id: pick.subject_id, teacher_id: teacher.id, accept_files: true, accept_text: true,
    late_penalty_kind: 'none', late_penalty_value: 0, max_score: 10, created_at: at, updated_at: at,
  };
  const rubric = JSON.stringify({ criteria: [
    { title: 'Lời giải đúng', levels: [{ label: 'Chưa đạt', points: 0, description: 'Sai hoặc bỏ trống phần lớn' }, { label: 'Đạt', points: 3, description: 'Đúng khoảng một nửa' }, { label: 'Tốt', points: 6, description: 'Đúng tất cả' }] },
    { title: 'Trình bày', levels: [{ label: 'Chưa rõ', points: 1, description: '' }, { label: 'Rõ ràng, sạch đẹp', points: 4, description: '' }] },
  ] });

  await trx('tasks').insert({
    ...base, title: 'Bài tập về nhà: luyện tập chung', audience: 'class', opens_at: iso(t0 - day), due_at: iso(t0 + 3 * day),
    instructions: '<p>Làm các bài 1.34, 1.35, 1.36 (SGK trang 23) vào vở.</p><p>Chụp ảnh rõ nét rồi nộp, hoặc gõ lời giải vào ô bài viết.</p>',
    late_policy: 'accept', late_penalty_kind: 'percent', late_penalty_value: 10, resubmission: 'until_graded', rubric,
  });

  const done = insertedId(await trx('tasks').insert({
    ...base, title: 'Phiếu học tập số 1', audience: 'class', opens_at: iso(t0 - 10 * day), due_at: iso(t0 - 3 * day),
    instructions: '<p>Trả lời 5 câu hỏi trong phiếu học tập và nộp trước hạn.</p>', late_policy: 'until_close', close_at: iso(t0 + 2 * day),
    resubmission: 'none',
  }).returning('id'));
  const own = students.find((s) => s.personal_id === DEMO_STUDENT_ID);
  const handedIn = [...(own ? [own] : []), ...students.filter((s) => s !== own).slice(0, 5)];
  for (const [i, s] of handedIn.entries()) {
    const late = i === 3;
    const submittedAt = iso(t0 - (late ? 2 : 5) * day + i * 600_000);
    const sid = insertedId(await trx('task_submissions').insert({
      task_id: done, student_id: s.id, version: 1, submitted_at: submittedAt, late, text: 'Câu 1: 12; Câu 2: 35; Câu 3: 0; Câu 4: 7; Câu 5: 100.',
    }).returning('id'));
    if (i < 3) {
      const score = [9, 7.5, 8][i]!;
      await trx('task_grades').insert({
        task_id: done, student_id: s.id, status: 'graded', submission_id: sid, raw_score: score, penalty: 0, score,
        comment: i === 0 ? 'Em làm tốt, chú ý trình bày câu 3.' : 'Đúng hầu hết các câu.', graded_by_id: teacher.id, graded_at: iso(t0 - day), released_at: iso(t0 - day),
      });
    }
  }

  const group = insertedId(await trx('tasks').insert({
    ...base, title: 'Dự án nhóm: thống kê chiều cao của lớp', audience: 'group', group_name: 'Nhóm 1', opens_at: iso(t0 - 2 * day), due_at: iso(t0 + 7 * day),
    instructions: '<p>Đo chiều cao các bạn trong nhóm, lập bảng và vẽ biểu đồ cột. Nộp một tệp Word hoặc PDF.</p>',
    late_policy: 'refuse', resubmission: 'limited', max_submissions: 3,
  }).returning('id'));
  await trx('task_assignees').insert(students.slice(0, 4).map((s) => ({ task_id: group, student_id: s.id })));
}
