import type { Knex } from 'knex';

/**
 * A semester of teaching activity for the archive tests and bench: live lessons held by every
 * teaching assignment (with attendance of the class's students) and gradebook scores for every
 * student × assigned subject. Written straight into the tables the archive reads at sealing time.
 */
export async function addSemesterActivity(knex: Knex, semesterId: number, opts: { lessonsPerAssignment?: number; scores?: boolean } = {}): Promise<{ lessons: number; attendance: number; scores: number }> {
  const sem = await knex('semesters').where({ id: semesterId }).first();
  const assignments = await knex('teaching_assignments as a').join('classes as c', 'c.id', 'a.class_id').where('c.school_year_id', sem.school_year_id).select('a.class_id', 'a.subject_id', 'a.teacher_id').orderBy(['a.class_id', 'a.subject_id']);
  const students = new Map<number, number[]>();
  for (const e of await knex('enrolments').where({ school_year_id: sem.school_year_id }).select('class_id', 'student_id')) {
    students.set(Number(e.class_id), [...(students.get(Number(e.class_id)) ?? []), Number(e.student_id)]);
  }
  const n = opts.lessonsPerAssignment ?? 2;
  const start = new Date(`${sem.starts_on}T01:00:00Z`);
  let lessons = 0, attendance = 0, scores = 0;
  for (const [i, a] of assignments.entries()) {
    for (let k = 0; k < n; k++) {
      const day = new Date(start.getTime() + ((k * 7 + (i % 5)) * 86400_000));
      const startsAt = day.toISOString();
      const endsAt = new Date(day.getTime() + 45 * 60_000).toISOString();
      const [row] = await knex('live_lessons').insert({
        class_id: a.class_id, subject_id: a.subject_id, teacher_id: a.teacher_id, topic: `Bài ${k + 1}`, starts_at: startsAt, ends_at: endsAt,
        mode: k % 3 === 0 ? 'supporting' : 'replacing', status: 'ended', recording_allowed: false, created_by_id: a.teacher_id, created_at: startsAt, started_at: startsAt, ended_at: endsAt,
      }).returning('id');
      const lessonId = typeof row === 'number' ? row : Number((row as { id: number }).id);
      lessons++;
      const present = (students.get(Number(a.class_id)) ?? []).filter((_, j) => (j + k) % 9 !== 0);
      if (present.length) {
        await knex('live_attendance').insert(present.map((p) => ({ lesson_id: lessonId, person_id: p, joined_at: startsAt, left_at: endsAt, reconnects: 0 })));
        attendance += present.length;
      }
    }
    if (opts.scores !== false) {
      const rows = (students.get(Number(a.class_id)) ?? []).flatMap((p, j) => [
        { student_id: p, subject_id: a.subject_id, semester_id: semesterId, column_kind: 'regular', slot: 1, score_tenths: 50 + ((j * 7) % 50), source_kind: 'manual', recorded_by_id: a.teacher_id, recorded_at: `${sem.starts_on}T03:00:00.000Z` },
        { student_id: p, subject_id: a.subject_id, semester_id: semesterId, column_kind: 'midterm', slot: 0, score_tenths: 60 + ((j * 3) % 40), source_kind: 'manual', recorded_by_id: a.teacher_id, recorded_at: `${sem.starts_on}T03:00:00.000Z` },
      ]);
      for (let x = 0; x < rows.length; x += 200) await knex('gradebook_scores').insert(rows.slice(x, x + 200));
      scores += rows.length;
    }
  }
  return { lessons, attendance, scores };
}
