import type { Knex } from 'knex';

/**
 * Live lessons: the principal's decisions on the online mode (Art. 5.4), the schedule of live
 * lessons, and the records of each lesson (Art. 8.1.b): attendance intervals, chat, questions,
 * raised hands, reactions, quick polls and recordings. Every event is one short indexed write
 * (SQLite runs on one connection). Dates are 'YYYY-MM-DD' text, instants ISO-8601 UTC text.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('live_decisions', (t) => {
    t.increments('id').primary();
    t.string('type', 20).notNullable(); // force_majeure | online_mode
    t.string('mode', 20); // online_mode only: supporting | replacing
    t.boolean('all_classes').notNullable();
    t.boolean('all_subjects').notNullable();
    t.string('starts_on', 10).notNullable();
    t.string('ends_on', 10).notNullable();
    t.text('reason').notNullable();
    t.string('document_number', 60); // số quyết định, when the paper decision has one
    t.integer('signer_id').notNullable().references('people.id');
    t.string('signed_at', 30).notNullable();
    t.string('revoked_at', 30);
    t.integer('revoked_by_id').references('people.id');
    t.text('revoke_reason');
    t.index(['type', 'starts_on', 'ends_on']);
  });

  await knex.schema.createTable('live_decision_classes', (t) => {
    t.integer('decision_id').notNullable().references('live_decisions.id').onDelete('CASCADE');
    t.integer('class_id').notNullable().references('classes.id').onDelete('CASCADE');
    t.primary(['decision_id', 'class_id']);
    t.index(['class_id']);
  });

  await knex.schema.createTable('live_decision_subjects', (t) => {
    t.integer('decision_id').notNullable().references('live_decisions.id').onDelete('CASCADE');
    t.integer('subject_id').notNullable().references('subjects.id').onDelete('CASCADE');
    t.primary(['decision_id', 'subject_id']);
  });

  await knex.schema.createTable('live_lessons', (t) => {
    t.increments('id').primary();
    t.integer('class_id').notNullable().references('classes.id').onDelete('CASCADE');
    t.integer('subject_id').notNullable().references('subjects.id').onDelete('CASCADE');
    t.integer('teacher_id').notNullable().references('people.id');
    t.string('topic', 300).notNullable(); // the lesson/topic; a curriculum reference comes later
    t.string('starts_at', 30).notNullable();
    t.string('ends_at', 30).notNullable();
    t.string('mode', 20).notNullable(); // supporting | replacing (Art. 2)
    t.string('status', 20).notNullable().defaultTo('scheduled'); // scheduled | live | ended | cancelled
    t.boolean('recording_allowed').notNullable().defaultTo(false);
    t.integer('decision_id').references('live_decisions.id'); // the force-majeure decision a replacing lesson relies on
    t.integer('created_by_id').references('people.id');
    t.string('created_at', 30).notNullable();
    t.string('started_at', 30);
    t.string('ended_at', 30);
    t.string('cancelled_at', 30);
    t.text('cancel_reason');
    t.index(['class_id', 'starts_at']);
    t.index(['teacher_id', 'starts_at']);
    t.index(['starts_at']);
    t.index(['decision_id']);
  });

  // One row per presence interval; a reconnect within a minute reopens the last one.
  await knex.schema.createTable('live_attendance', (t) => {
    t.increments('id').primary();
    t.integer('lesson_id').notNullable().references('live_lessons.id').onDelete('CASCADE');
    t.integer('person_id').notNullable().references('people.id').onDelete('CASCADE');
    t.string('joined_at', 30).notNullable();
    t.string('left_at', 30);
    t.integer('reconnects').notNullable().defaultTo(0);
    t.index(['lesson_id', 'person_id', 'joined_at']);
  });

  await knex.schema.createTable('live_chat_messages', (t) => {
    t.increments('id').primary();
    t.integer('lesson_id').notNullable().references('live_lessons.id').onDelete('CASCADE');
    t.integer('person_id').notNullable().references('people.id').onDelete('CASCADE');
    t.integer('to_person_id').references('people.id').onDelete('CASCADE'); // null: the whole class
    t.string('at', 30).notNullable();
    t.text('body').notNullable();
    t.index(['lesson_id', 'at']);
  });

  await knex.schema.createTable('live_questions', (t) => {
    t.increments('id').primary();
    t.integer('lesson_id').notNullable().references('live_lessons.id').onDelete('CASCADE');
    t.integer('person_id').notNullable().references('people.id').onDelete('CASCADE');
    t.string('at', 30).notNullable();
    t.text('body').notNullable();
    t.string('answered_at', 30);
    t.integer('answered_by_id').references('people.id');
    t.index(['lesson_id', 'at']);
  });

  await knex.schema.createTable('live_hands', (t) => {
    t.increments('id').primary();
    t.integer('lesson_id').notNullable().references('live_lessons.id').onDelete('CASCADE');
    t.integer('person_id').notNullable().references('people.id').onDelete('CASCADE');
    t.string('raised_at', 30).notNullable();
    t.string('lowered_at', 30);
    t.integer('lowered_by_id').references('people.id');
    t.index(['lesson_id', 'person_id']);
  });

  // A counter per person and kind: one upsert per reaction keeps the table small.
  await knex.schema.createTable('live_reactions', (t) => {
    t.integer('lesson_id').notNullable().references('live_lessons.id').onDelete('CASCADE');
    t.integer('person_id').notNullable().references('people.id').onDelete('CASCADE');
    t.string('kind', 32).notNullable();
    t.integer('times').notNullable();
    t.string('last_at', 30).notNullable();
    t.primary(['lesson_id', 'person_id', 'kind']);
  });

  await knex.schema.createTable('live_polls', (t) => {
    t.increments('id').primary();
    t.integer('lesson_id').notNullable().references('live_lessons.id').onDelete('CASCADE');
    t.string('question', 300).notNullable();
    t.text('options').notNullable(); // JSON array of strings
    t.boolean('multiple').notNullable();
    t.string('opened_at', 30).notNullable();
    t.string('closed_at', 30);
    t.index(['lesson_id']);
  });

  await knex.schema.createTable('live_poll_answers', (t) => {
    t.integer('poll_id').notNullable().references('live_polls.id').onDelete('CASCADE');
    t.integer('person_id').notNullable().references('people.id').onDelete('CASCADE');
    t.text('choices').notNullable(); // JSON array of option indexes, sorted
    t.string('answered_at', 30).notNullable();
    t.primary(['poll_id', 'person_id']);
  });

  await knex.schema.createTable('live_recordings', (t) => {
    t.increments('id').primary();
    t.integer('lesson_id').notNullable().references('live_lessons.id').onDelete('CASCADE');
    t.string('file', 300).notNullable(); // relative to the data directory
    t.bigInteger('bytes').notNullable();
    t.integer('duration_ms').notNullable();
    t.string('started_at', 30).notNullable();
    t.string('ended_at', 30).notNullable();
    t.index(['lesson_id']);
  });
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only.');
}
