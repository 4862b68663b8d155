import type { Knex } from 'knex';

/**
 * Parents (Art. 15.1.d–e, 16.2): messages between a parent and the homeroom teacher of their
 * child's class, the parents' consent to processing their child's personal data (Law 91/2025/QH15,
 * Decree 356/2025/NĐ-CP: silence is not consent, withdrawal is recorded, never deleted), and the
 * per-student exports of what the school holds (data-subject access). Instants are ISO-8601 text.
 * Foreign keys only to core tables (people, classes, accounts) and this migration's own tables.
 */
export async function up(knex: Knex): Promise<void> {
  // One conversation about one child between one parent and the homeroom teacher of the child's class.
  await knex.schema.createTable('parent_threads', (t) => {
    t.increments('id').primary();
    t.integer('student_id').notNullable().references('people.id').onDelete('CASCADE');
    t.integer('parent_id').notNullable().references('people.id').onDelete('CASCADE');
    // The class whose homeroom teacher answers (the child's class when the thread began).
    t.integer('class_id').notNullable().references('classes.id').onDelete('CASCADE');
    t.string('subject', 200).notNullable();
    t.string('created_at', 30).notNullable();
    t.string('last_message_at', 30).notNullable();
    t.integer('message_count').notNullable().defaultTo(0);
    // Read state per side: the instant up to which that side has read.
    t.string('parent_read_at', 30);
    t.string('teacher_read_at', 30);
    t.index(['parent_id', 'last_message_at']);
    t.index(['class_id', 'last_message_at']);
    t.index(['student_id']);
  });

  await knex.schema.createTable('parent_messages', (t) => {
    t.increments('id').primary();
    t.integer('thread_id').notNullable().references('parent_threads.id').onDelete('CASCADE');
    t.integer('author_id').notNullable().references('people.id');
    t.string('author_side', 10).notNullable(); // parent | teacher
    t.text('body').notNullable();
    t.string('at', 30).notNullable();
    t.index(['thread_id', 'id']);
    t.index(['author_id', 'at']); // the rate limit counts one author's recent messages
  });

  // Append-only: every decision of a parent on one purpose for one child is a new row.
  await knex.schema.createTable('consent_records', (t) => {
    t.increments('id').primary();
    t.integer('student_id').notNullable().references('people.id').onDelete('CASCADE');
    t.string('purpose', 40).notNullable(); // teaching_assessment | lesson_recording | publish_media
    t.string('decision', 10).notNullable(); // given | withdrawn
    t.string('text_version', 20).notNullable(); // the version of the consent text the parent was shown
    t.string('text_sha256', 64).notNullable();
    t.integer('parent_id').notNullable().references('people.id');
    t.integer('account_id').references('accounts.id').onDelete('SET NULL');
    t.string('at', 30).notNullable();
    t.string('ip', 64);
    // The child's own agreement (aged 7 or above): agreed | refused; not_required under 7.
    t.string('child_agreement', 20).notNullable();
    t.integer('child_age_years');
    t.index(['student_id', 'purpose', 'id']);
  });

  // Each export of a child's data: for the rate limit and as a record of the access.
  await knex.schema.createTable('data_exports', (t) => {
    t.increments('id').primary();
    t.integer('student_id').notNullable().references('people.id').onDelete('CASCADE');
    t.integer('requested_by_id').notNullable().references('people.id');
    t.string('at', 30).notNullable();
    t.index(['requested_by_id', 'at']);
    t.index(['student_id', 'at']);
  });
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only.');
}
