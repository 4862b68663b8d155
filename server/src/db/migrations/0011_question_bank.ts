import type { Knex } from 'knex';

/**
 * The question bank (ngân hàng câu hỏi, Art. 7.3 / Art. 8.1.c): questions a subject group builds
 * for a subject and grade, linked to a curriculum lesson/topic when known, tagged with a cognitive
 * level (nhận biết, thông hiểu, vận dụng, vận dụng cao) so quizzes can be drawn by a matrix.
 * `body` is JSON text whose shape depends on `type` and holds the key (correct answers); the
 * quizzes snapshot a question when they use it, so editing later never changes a past attempt.
 * `search_text` is the stem folded (no diacritics, lower case) for "toan tap hop" style search.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('questions', (t) => {
    t.increments('id').primary();
    t.integer('subject_id').notNullable().references('subjects.id').onDelete('CASCADE');
    t.integer('grade').notNullable();
    t.integer('curriculum_lesson_id').references('curriculum_lessons.id').onDelete('SET NULL');
    t.string('level', 20).notNullable(); // nhan_biet | thong_hieu | van_dung | van_dung_cao
    t.string('type', 20).notNullable(); // single | multiple | true_false | short | numeric | matching | essay
    t.text('stem').notNullable();
    t.text('body').notNullable().defaultTo('{}'); // JSON, shape per type, includes the key
    t.text('search_text').notNullable().defaultTo(''); // folded stem + options, for diacritic-free search
    t.double('points').notNullable().defaultTo(1);
    t.integer('author_id').references('people.id').onDelete('SET NULL');
    t.string('created_at', 30).notNullable();
    t.string('updated_at', 30).notNullable();
    t.string('first_used_at', 30); // set when a quiz first snapshots the question: then archive, never delete
    t.string('archived_at', 30);
    t.index(['subject_id', 'grade', 'archived_at', 'id'], 'questions_listing_idx');
    t.index(['subject_id', 'grade', 'curriculum_lesson_id', 'level', 'archived_at'], 'questions_draw_idx');
    t.index(['author_id']);
    t.index(['curriculum_lesson_id']);
  });
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only.');
}
