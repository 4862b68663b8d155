import type { Knex } from 'knex';
import { DEMO_STUDENT_ID, DEMO_TEACHER_ID } from '../domain/demo/demo-school.js';
import { insertedId } from '../data/rows.js';

/**
 * Demo questions and answers (Art. 5.2) and progress (Art. 5.3, 9.2.c) for the demo teacher's
 * Toán class: an answered thread with a best answer, a locked one, one still waiting for the
 * teacher; and progress of the class on the published materials of that subject × grade (some
 * finished, some opened long ago, one low H5P score, a few not started). The demo student's own
 * record is left empty so the tracker starts from nothing. Dated days before the seeding time.
 */
export async function seedDemoQaProgress(trx: Knex.Transaction, at: string): Promise<void> {
  const teacher = await trx('people').where({ personal_id: DEMO_TEACHER_ID }).first('id');
  if (!teacher) return;
  const assignments = await trx('teaching_assignments as ta').join('classes as c', 'c.id', 'ta.class_id').join('subjects as s', 's.id', 'ta.subject_id')
    .where('ta.teacher_id', teacher.id).orderBy('c.grade').orderBy('c.name').select('ta.class_id', 'ta.subject_id', 'c.grade', 's.code');
  const pick = assignments.find((a) => a.code === 'TOAN') ?? assignments[0];
  if (!pick) return;
  const students = (await trx('enrolments as e').join('people as p', 'p.id', 'e.student_id').where('e.class_id', pick.class_id).orderBy('p.name_key').select('p.id', 'p.personal_id'))
    .filter((s) => s.personal_id !== DEMO_STUDENT_ID);
  if (students.length < 5) return;
  const t0 = Date.parse(at);
  const ago = (days: number, hours = 0) => new Date(t0 - days * 86_400_000 - hours * 3_600_000).toISOString();
  const lesson = await trx('curriculum_lessons').where({ subject_id: pick.subject_id, grade: pick.grade }).orderBy('position').first('id');

  const question = async (author: number, title: string, body: string, created: string, extra: Record<string, unknown> = {}) => insertedId(await trx('qa_questions').insert({
    class_id: pick.class_id, subject_id: pick.subject_id, author_id: author, curriculum_lesson_id: lesson?.id ?? null, title, body,
    created_at: created, updated_at: created, last_activity_at: created, answer_count: 0, pinned: false, ...extra,
  }).returning('id'));
  const answer = async (questionId: number, author: number, body: string, created: string) => {
    const id = insertedId(await trx('qa_answers').insert({ question_id: questionId, author_id: author, body, created_at: created }).returning('id'));
    const n = await trx('qa_answers').where({ question_id: questionId }).whereNull('hidden_at').count({ n: '*' }).first();
    await trx('qa_questions').where({ id: questionId }).update({ answer_count: Number(n?.n ?? 0), last_activity_at: created });
    return id;
  };
  const [a, b, c, d, e] = students as { id: number }[];
  const q1 = await question(a!.id, 'Số 0 có phải là số tự nhiên không ạ?', 'Trong sách có kí hiệu N và N*, em chưa phân biệt được hai tập hợp này.', ago(6));
  const best = await answer(q1, b!.id, 'N là tập hợp các số tự nhiên, có cả số 0. N* là các số tự nhiên khác 0, nên không có số 0.', ago(6, -2));
  await answer(q1, teacher.id, 'Bạn trả lời đúng rồi. Các em nhớ: N = {0; 1; 2; 3; …}, còn N* = {1; 2; 3; …}.', ago(5));
  await trx('qa_questions').where({ id: q1 }).update({ best_answer_id: best });
  const q2 = await question(c!.id, 'Cách viết tập hợp bằng cách chỉ ra tính chất đặc trưng', 'Bài 4 trang 7 em viết {x ∈ N | x < 5} có đúng không ạ?', ago(4));
  await answer(q2, teacher.id, 'Đúng rồi em. Khi viết nhớ ghi rõ x thuộc tập hợp nào.', ago(3));
  await trx('qa_questions').where({ id: q2 }).update({ locked_at: ago(3), locked_by_id: teacher.id, pinned: true });
  await question(d!.id, 'Bài 1.8 trang 9 làm thế nào ạ?', 'Em không biết bắt đầu từ đâu khi liệt kê các phần tử.', ago(1));

  // Progress on the subject × grade's published materials.
  const materials = (await trx('materials').where({ subject_id: pick.subject_id, grade: pick.grade }).whereNotNull('published_version_id').orderBy('id').select('id')).map((m) => m.id as number);
  if (!materials.length) return;
  const rows: Record<string, unknown>[] = [];
  students.forEach((s, i) => {
    if (i % 6 === 5 || s.id === e!.id) return; // some have not started anything
    materials.forEach((m, j) => {
      if (j > i % (materials.length + 1)) return;
      const done = (i + j) % 3 !== 1;
      const opened = done ? ago(4 - (j % 3)) : ago(i % 2 ? 10 : 2);
      const score = j === materials.length - 1 && i % 4 === 0 ? 0.3 : j === materials.length - 1 ? 0.6 + ((i % 4) / 10) : null;
      rows.push({
        student_id: s.id, material_id: m, first_opened_at: opened, last_seen_at: ago(1, i % 5), open_count: 1 + (i % 3), active_ms: (240 + ((i * 53 + j * 97) % 1400)) * 1000,
        credited_until: ago(1, i % 5), completed_at: done ? ago(1, i % 5) : null, best_score: score, last_score: score, score_count: score === null ? 0 : 1 + (i % 2), scored_at: score === null ? null : ago(1),
      });
    });
  });
  if (rows.length) await trx.batchInsert('progress_records', rows, 100);
}
