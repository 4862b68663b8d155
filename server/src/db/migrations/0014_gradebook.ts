import type { Knex } from 'knex';

/**
 * The gradebook (sổ theo dõi và đánh giá học sinh; Circular 22/2021 Art. 6–9, Circular 27/2020
 * Art. 6–7; Circular 09/2021 Art. 9.2). One row per cell: student × subject × semester × column
 * (regular slot 1..n, midterm, endterm; primary schools also midterm/endterm levels). A score is
 * stored in tenths (integer) so that no floating point ever touches a mark; a mark that is not a
 * score (Đạt/Chưa đạt, Hoàn thành tốt/Hoàn thành/Chưa hoàn thành) is a short code.
 * Every change is kept in gradebook_score_history (old → new), and scores sent by quizzes, tasks
 * and H5P are also kept per source in gradebook_feed_results, so a score typed in by hand is never
 * overwritten and the teacher sees the conflict.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('gradebook_scores', (t) => {
    t.increments('id').primary();
    t.integer('student_id').notNullable().references('people.id').onDelete('CASCADE');
    t.integer('subject_id').notNullable().references('subjects.id').onDelete('CASCADE');
    t.integer('semester_id').notNullable().references('semesters.id').onDelete('CASCADE');
    t.string('column_kind', 20).notNullable(); // regular | midterm | endterm | midterm_level | endterm_level
    t.integer('slot').notNullable().defaultTo(0); // regular: 1..n; otherwise 0
    t.integer('score_tenths'); // 0..100 (6.5 → 65)
    t.string('mark', 10); // D | CD | HTT | HT | CHT
    t.string('source_kind', 10).notNullable(); // manual | quiz | task | h5p
    t.integer('source_id');
    t.integer('recorded_by_id').references('people.id').onDelete('SET NULL');
    t.string('recorded_at', 30).notNullable();
    t.unique(['student_id', 'subject_id', 'semester_id', 'column_kind', 'slot']);
    t.index(['subject_id', 'semester_id']);
    t.index(['student_id', 'semester_id']);
  });

  await knex.schema.createTable('gradebook_feed_results', (t) => {
    t.increments('id').primary();
    t.integer('student_id').notNullable().references('people.id').onDelete('CASCADE');
    t.integer('subject_id').notNullable().references('subjects.id').onDelete('CASCADE');
    t.integer('semester_id').notNullable().references('semesters.id').onDelete('CASCADE');
    t.string('column_kind', 20).notNullable();
    t.integer('slot').notNullable().defaultTo(0);
    t.string('source_kind', 10).notNullable(); // quiz | task | h5p
    t.integer('source_id').notNullable();
    t.integer('score_tenths').notNullable();
    t.integer('recorded_by_id').references('people.id').onDelete('SET NULL');
    t.string('recorded_at', 30).notNullable();
    t.unique(['student_id', 'subject_id', 'semester_id', 'column_kind', 'slot', 'source_kind', 'source_id']);
    t.index(['subject_id', 'semester_id']);
  });

  await knex.schema.createTable('gradebook_score_history', (t) => {
    t.increments('id').primary();
    t.integer('student_id').notNullable().references('people.id').onDelete('CASCADE');
    t.integer('subject_id').notNullable().references('subjects.id').onDelete('CASCADE');
    t.integer('semester_id').notNullable().references('semesters.id').onDelete('CASCADE');
    t.string('column_kind', 20).notNullable();
    t.integer('slot').notNullable().defaultTo(0);
    t.string('old_value', 10); // '6.5', 'D', null when the cell was empty
    t.string('new_value', 10); // null when the cell was cleared
    t.string('source_kind', 10).notNullable();
    t.integer('source_id');
    t.integer('changed_by_id').references('people.id').onDelete('SET NULL');
    t.string('changed_at', 30).notNullable();
    t.index(['subject_id', 'semester_id', 'student_id']);
  });

  await knex.schema.createTable('gradebook_comments', (t) => {
    t.integer('student_id').notNullable().references('people.id').onDelete('CASCADE');
    t.integer('subject_id').notNullable().references('subjects.id').onDelete('CASCADE');
    t.integer('semester_id').notNullable().references('semesters.id').onDelete('CASCADE');
    t.text('text').notNullable();
    t.integer('updated_by_id').references('people.id').onDelete('SET NULL');
    t.string('updated_at', 30).notNullable();
    t.primary(['student_id', 'subject_id', 'semester_id']);
    t.index(['subject_id', 'semester_id']);
  });

  // The principal closes the semester's results (Circular 22 Art. 9 results, ch. IV responsibilities); a closed semester is locked.
  await knex.schema.createTable('gradebook_semester_locks', (t) => {
    t.integer('semester_id').primary().references('semesters.id').onDelete('CASCADE');
    t.boolean('locked').notNullable();
    t.string('locked_at', 30);
    t.integer('locked_by_id').references('people.id').onDelete('SET NULL');
    t.string('reopened_at', 30);
    t.integer('reopened_by_id').references('people.id').onDelete('SET NULL');
    t.text('reopen_reason');
  });
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only.');
}
