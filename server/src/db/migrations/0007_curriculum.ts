import type { Knex } from 'knex';

/**
 * The curriculum (Art. 4.1): for each subject and grade, its lessons/topics in teaching order,
 * each with its required outcomes (yêu cầu cần đạt, a JSON array of strings). Materials, tasks,
 * questions and live lessons link to a lesson/topic by `curriculum_lessons.id`.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('curriculum_lessons', (t) => {
    t.increments('id').primary();
    t.integer('subject_id').notNullable().references('subjects.id').onDelete('CASCADE');
    t.integer('grade').notNullable();
    t.integer('position').notNullable(); // teaching order inside subject × grade, from 1
    t.string('chapter', 300); // chủ đề / chương the lesson belongs to, when the programme groups them
    t.string('title', 300).notNullable();
    t.integer('periods').notNullable().defaultTo(1); // số tiết
    t.text('outcomes').notNullable().defaultTo('[]'); // yêu cầu cần đạt, JSON array of strings
    t.string('created_at', 30).notNullable();
    t.string('updated_at', 30).notNullable();
    t.unique(['subject_id', 'grade', 'position']);
    t.index(['subject_id', 'grade']);
  });
  await knex.schema.alterTable('live_lessons', (t) => {
    t.integer('curriculum_lesson_id').references('curriculum_lessons.id').onDelete('SET NULL');
  });
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only.');
}
