import type { Knex } from 'knex';

/**
 * Questions and answers per class × subject (Art. 5.2, 9.2) and learning progress per student ×
 * material (Art. 5.3, 9.2.c). Materials and quizzes belong to other modules whose tables may not
 * exist when this migration runs: they are referenced by plain integer ids, without foreign keys.
 * Hidden questions and answers stay in the tables (moderation keeps the record). Instants are
 * ISO-8601 UTC text.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('qa_questions', (t) => {
    t.increments('id').primary();
    t.integer('class_id').notNullable().references('classes.id').onDelete('CASCADE');
    t.integer('subject_id').notNullable().references('subjects.id').onDelete('CASCADE');
    t.integer('author_id').notNullable().references('people.id');
    t.integer('curriculum_lesson_id').references('curriculum_lessons.id').onDelete('SET NULL');
    t.string('title', 200).notNullable();
    t.text('body').notNullable();
    t.string('created_at', 30).notNullable();
    t.string('updated_at', 30).notNullable();
    /** The latest answer (or the question itself): threads sort by activity. */
    t.string('last_activity_at', 30).notNullable();
    t.integer('answer_count').notNullable().defaultTo(0); // visible answers
    t.integer('best_answer_id'); // qa_answers.id, set by the teacher
    t.boolean('pinned').notNullable().defaultTo(false);
    t.string('locked_at', 30);
    t.integer('locked_by_id').references('people.id');
    t.string('hidden_at', 30);
    t.integer('hidden_by_id').references('people.id');
    t.text('hidden_reason');
    t.index(['class_id', 'subject_id', 'last_activity_at']);
    t.index(['author_id', 'created_at']);
  });

  await knex.schema.createTable('qa_answers', (t) => {
    t.increments('id').primary();
    t.integer('question_id').notNullable().references('qa_questions.id').onDelete('CASCADE');
    t.integer('author_id').notNullable().references('people.id');
    t.text('body').notNullable();
    t.string('created_at', 30).notNullable();
    t.string('hidden_at', 30);
    t.integer('hidden_by_id').references('people.id');
    t.text('hidden_reason');
    t.index(['question_id', 'created_at']);
    t.index(['author_id', 'created_at']);
  });

  await knex.schema.createTable('progress_records', (t) => {
    t.increments('id').primary();
    t.integer('student_id').notNullable().references('people.id').onDelete('CASCADE');
    t.integer('material_id').notNullable(); // materials.id (materials module), no foreign key
    t.string('first_opened_at', 30).notNullable();
    t.string('last_seen_at', 30).notNullable();
    t.integer('open_count').notNullable().defaultTo(1);
    /** Active time credited by the server, in milliseconds (capped per heartbeat, never above wall-clock time). */
    t.integer('active_ms').notNullable().defaultTo(0);
    /** Up to which instant active time has been credited: two tabs or a tampered client cannot count the same minute twice. */
    t.string('credited_until', 30).notNullable();
    t.string('completed_at', 30);
    /** Scores of the material's H5P activities, scaled 0–1. */
    t.double('best_score');
    t.double('last_score');
    t.integer('score_count').notNullable().defaultTo(0);
    t.string('scored_at', 30);
    t.unique(['student_id', 'material_id']);
    t.index(['material_id']);
  });
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only.');
}
