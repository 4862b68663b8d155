import type { Knex } from 'knex';
import { DEMO_PRINCIPAL_ID, DEMO_TEACHER_ID } from '../domain/demo/demo-school.js';
import { addDays, schoolWeeks } from '../domain/plans/plan-calendar.js';
import { distributeLessons } from '../domain/plans/plan-distribution.js';
import { schoolDate } from '../domain/live/school-time.js';
import { insertedId, int } from '../data/rows.js';

/**
 * A demo teaching plan (Art. 8.1.c): the year plan of 6A1 Toán, drafted from the curriculum by the
 * demo teacher, passed by the maths group's leader and approved by the principal, with a week of
 * online supporting lessons and a revision week; the lessons of the weeks that ended more than a
 * week before the seeding are marked taught in person, so plan versus actual shows some lessons
 * held and the last week or two behind. The demo seeds no archive records: the plan's approval
 * through the service is what appends to the records archive.
 */
export async function seedDemoPlans(trx: Knex.Transaction, at: string): Promise<void> {
  const teacher = await trx('people').where({ personal_id: DEMO_TEACHER_ID }).first('id');
  const principal = await trx('people').where({ personal_id: DEMO_PRINCIPAL_ID }).first('id');
  const subject = await trx('subjects as s').leftJoin('subject_groups as g', 'g.id', 's.subject_group_id').where('s.code', 'TOAN').first('s.id', 'g.leader_id');
  const cls = await trx('classes').where({ name: '6A1' }).first('id', 'grade', 'school_year_id');
  if (!teacher || !principal || !subject || !cls) return;
  const assignment = await trx('teaching_assignments').where({ class_id: cls.id, subject_id: subject.id, teacher_id: teacher.id }).first('id');
  if (!assignment) return;
  const semesters = (await trx('semesters').where({ school_year_id: cls.school_year_id }).select('id', 'number', 'starts_on', 'ends_on', 'weeks'))
    .map((s) => ({ id: int(s.id), number: int(s.number), startsOn: s.starts_on, endsOn: s.ends_on, weeks: int(s.weeks) }));
  const calendar = schoolWeeks(semesters);
  const lessons = await trx('curriculum_lessons').where({ subject_id: subject.id, grade: cls.grade }).orderBy('position').select('id', 'periods');
  if (!calendar.length || !lessons.length) return;
  const perYear = await trx('subject_grades').where({ subject_id: subject.id, grade: cls.grade }).first('periods_per_year');
  const dist = distributeLessons(lessons.map((l) => ({ id: int(l.id), periods: int(l.periods) })), calendar.map((w) => w.week), perYear ? int(perYear.periods_per_year) : null);

  const t0 = Date.parse(at);
  const day = 86_400_000;
  const iso = (ms: number) => new Date(ms).toISOString();
  const planId = insertedId(await trx('teaching_plans').insert({
    class_id: cls.id, subject_id: subject.id, school_year_id: cls.school_year_id, semester_id: null, period_key: 'year', created_by: teacher.id, created_at: iso(t0 - 30 * day),
  }).returning('id'));
  const versionId = insertedId(await trx('teaching_plan_versions').insert({
    plan_id: planId, number: 1, status: 'approved', note: 'Kế hoạch dạy học môn Toán lớp 6A1 theo chương trình giáo dục phổ thông 2018, 4 tiết/tuần.',
    author_id: teacher.id, created_at: iso(t0 - 30 * day), updated_at: iso(t0 - 20 * day), submitted_at: iso(t0 - 28 * day), approved_at: iso(t0 - 20 * day),
  }).returning('id'));
  const filled = dist.weeks.filter((w) => w.periods > 0);
  const lastLessonWeek = filled[filled.length - 1]?.week ?? 0;
  const weeks = [...filled, { week: lastLessonWeek + 1, periods: 4, lessonIds: [] as number[] }];
  for (const w of weeks) {
    if (w.week > calendar.length) continue;
    const online = w.week === 3;
    const review = w.lessonIds.length === 0;
    const weekId = insertedId(await trx('teaching_plan_weeks').insert({
      version_id: versionId, week: w.week, periods: w.periods, mode: online ? 'supporting' : 'in_person',
      content: review ? 'Ôn tập và kiểm tra chương I' : '', materials: online ? 'Bài giảng điện tử trên hệ thống' : '', tasks: review ? 'Phiếu ôn tập chương I' : '',
    }).returning('id'));
    if (w.lessonIds.length) await trx('teaching_plan_week_lessons').insert(w.lessonIds.map((id, i) => ({ week_id: weekId, curriculum_lesson_id: id, position: i + 1 })));
  }
  const steps: [string, string, string, number, number][] = [
    ['submit', 'draft', 'submitted', teacher.id, 28],
    ['pass', 'submitted', 'passed', subject.leader_id ?? principal.id, 25],
    ['approve', 'passed', 'approved', principal.id, 20],
  ];
  for (const [action, from, to, actor, daysAgo] of steps) {
    await trx('teaching_plan_reviews').insert({ version_id: versionId, action, from_status: from, to_status: to, actor_id: actor, at: iso(t0 - daysAgo * day), comment: action === 'pass' ? 'Tổ Toán – Tin học thống nhất thông qua.' : null });
  }

  // Lessons of the weeks that ended more than a week ago: taught in person on the Tuesday of the week they were first planned in.
  const today = schoolDate(at);
  const taught = new Set<number>();
  for (const w of filled) {
    const cw = calendar[w.week - 1]!;
    if (addDays(cw.endsOn, 7) >= today) continue;
    for (const id of w.lessonIds) {
      if (taught.has(id)) continue;
      taught.add(id);
      await trx('teaching_plan_taught').insert({ class_id: cls.id, subject_id: subject.id, curriculum_lesson_id: id, taught_on: addDays(cw.startsOn, 1), recorded_by: teacher.id, recorded_at: at });
    }
  }
}
