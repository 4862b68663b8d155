import type { Knex } from 'knex';
import type { H5pService } from '../domain/h5p/h5p.service.js';
import { DEMO_TEACHER_ID } from '../domain/demo/demo-school.js';
import { DEMO_QUICK_CHECKS, buildQuickCheckPackage, quickCheckAssetsDir } from '../data/h5p-quickcheck.js';

/**
 * The demo school's H5P content (Art. 9.3): the project's own content type with two questions,
 * uploaded by the demo teacher and assigned to their homeroom class. It writes files under
 * <dataDir>/h5p/, so it runs after the seeding transaction (from the CLI `demo` command), through
 * the same service as a teacher's upload; buildTestApp does not call it.
 */
export async function seedDemoH5p(knex: Knex, h5p: H5pService): Promise<{ contentIds: number[]; activityIds: number[] } | null> {
  if (!quickCheckAssetsDir()) return null; // the image was built without server/assets
  const teacher = await knex('accounts as a').join('people as p', 'p.id', 'a.person_id').where('a.login', DEMO_TEACHER_ID).first('p.id', 'p.full_name');
  if (!teacher) return null;
  const assignment = await knex('teaching_assignments as ta').join('classes as c', 'c.id', 'ta.class_id')
    .where('ta.teacher_id', teacher.id).orderByRaw('case when c.homeroom_teacher_id = ? then 0 else 1 end', [teacher.id]).orderBy('c.name')
    .first('ta.class_id', 'ta.subject_id', 'c.school_year_id');
  const actor = { accountId: null, login: 'demo', ip: null, personId: Number(teacher.id), roles: ['teacher' as const], fullName: String(teacher.full_name) };
  const contentIds: number[] = [];
  for (const [i, q] of DEMO_QUICK_CHECKS.entries()) {
    const data = await buildQuickCheckPackage(q);
    const { id } = await h5p.upload(actor, { data, name: `demo-${i + 1}.h5p` });
    contentIds.push(id);
  }
  const activityIds: number[] = [];
  if (assignment) {
    const semester = await knex('semesters').where({ school_year_id: assignment.school_year_id, number: 1 }).first('id');
    for (const [i, contentId] of contentIds.entries()) {
      activityIds.push(await h5p.assign(actor, {
        contentId, classId: Number(assignment.class_id), subjectId: Number(assignment.subject_id), curriculumLessonId: null, dueOn: null,
        // The first one counts as a regular assessment (ĐGtx 2), the second is practice only.
        gradebook: i === 0 && semester ? { semesterId: Number(semester.id), column: { kind: 'regular', slot: 2 } } : null,
        scorePolicy: 'best',
      }));
    }
  }
  return { contentIds, activityIds };
}
