import type { Knex } from 'knex';

/**
 * Teaching plans (Art. 8.1.c, 15.1.b): for each class × subject (or educational activity), a plan
 * for a semester or the school year, detailed by week (months and the year are aggregations of the
 * weeks), online and in person. A plan has versions; each version goes through the approval
 * (submitted → passed by the subject group's leader → approved by the principal, or returned with
 * a comment) while the approved version before it stays in force. In-person lessons the teacher
 * marks as taught sit beside the live lessons (which the system records itself) for plan versus actual.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('teaching_plans', (t) => {
    t.increments('id').primary();
    t.integer('class_id').notNullable().references('classes.id').onDelete('CASCADE');
    t.integer('subject_id').notNullable().references('subjects.id').onDelete('CASCADE');
    t.integer('school_year_id').notNullable().references('school_years.id').onDelete('CASCADE');
    t.integer('semester_id').references('semesters.id').onDelete('CASCADE'); // null: the whole school year
    t.string('period_key', 20).notNullable(); // 'year' or 'semester:<id>' (a unique key that needs no NULL)
    t.integer('created_by').notNullable().references('people.id');
    t.string('created_at', 30).notNullable();
    t.unique(['class_id', 'subject_id', 'school_year_id', 'period_key']);
    t.index(['school_year_id', 'semester_id']);
    t.index(['subject_id']);
  });

  await knex.schema.createTable('teaching_plan_versions', (t) => {
    t.increments('id').primary();
    t.integer('plan_id').notNullable().references('teaching_plans.id').onDelete('CASCADE');
    t.integer('number').notNullable();
    t.string('status', 20).notNullable(); // draft | submitted | passed | approved | returned | superseded
    t.text('note').notNullable().defaultTo(''); // the teacher's general notes (objectives, adjustments)
    t.integer('author_id').notNullable().references('people.id');
    t.string('created_at', 30).notNullable();
    t.string('updated_at', 30).notNullable();
    t.string('submitted_at', 30);
    t.string('approved_at', 30);
    t.unique(['plan_id', 'number']);
    t.index(['status']);
  });

  // One row per week of the school calendar (week numbers count through the year: semester II continues semester I).
  await knex.schema.createTable('teaching_plan_weeks', (t) => {
    t.increments('id').primary();
    t.integer('version_id').notNullable().references('teaching_plan_versions.id').onDelete('CASCADE');
    t.integer('week').notNullable();
    t.integer('periods').notNullable().defaultTo(0);
    t.string('mode', 20).notNullable().defaultTo('in_person'); // in_person | supporting | replacing (Art. 2)
    t.text('content').notNullable().defaultTo(''); // a theme or activity that is not a curriculum lesson (e.g. Hoạt động trải nghiệm)
    t.text('materials').notNullable().defaultTo(''); // planned materials, free text
    t.text('tasks').notNullable().defaultTo(''); // planned tasks, free text
    t.unique(['version_id', 'week']);
  });

  await knex.schema.createTable('teaching_plan_week_lessons', (t) => {
    t.integer('week_id').notNullable().references('teaching_plan_weeks.id').onDelete('CASCADE');
    t.integer('curriculum_lesson_id').notNullable().references('curriculum_lessons.id').onDelete('CASCADE');
    t.integer('position').notNullable();
    t.primary(['week_id', 'curriculum_lesson_id']);
    t.index(['curriculum_lesson_id']);
  });

  // Every step of the approval, with who, when and the comment (Art. 8.1.c records).
  await knex.schema.createTable('teaching_plan_reviews', (t) => {
    t.increments('id').primary();
    t.integer('version_id').notNullable().references('teaching_plan_versions.id').onDelete('CASCADE');
    t.string('action', 20).notNullable(); // submit | pass | approve | return
    t.string('from_status', 20).notNullable();
    t.string('to_status', 20).notNullable();
    t.integer('actor_id').notNullable().references('people.id');
    t.string('at', 30).notNullable();
    t.text('comment');
    t.index(['version_id']);
  });

  // In-person lessons the teacher marks as taught (the system records live lessons by itself).
  await knex.schema.createTable('teaching_plan_taught', (t) => {
    t.increments('id').primary();
    t.integer('class_id').notNullable().references('classes.id').onDelete('CASCADE');
    t.integer('subject_id').notNullable().references('subjects.id').onDelete('CASCADE');
    t.integer('curriculum_lesson_id').notNullable().references('curriculum_lessons.id').onDelete('CASCADE');
    t.string('taught_on', 10).notNullable();
    t.integer('recorded_by').notNullable().references('people.id');
    t.string('recorded_at', 30).notNullable();
    t.unique(['class_id', 'subject_id', 'curriculum_lesson_id']);
  });
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only.');
}
