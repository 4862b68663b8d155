import type { Knex } from 'knex';

/**
 * Notices to students and parents (Art. 15.1.e): of the online mode and of the assessment plan,
 * and general notices, optionally linked to the principal's decision (Art. 5.4, 6.2). A notice is a
 * draft until published; published notices are never changed (a correction is a new notice that
 * supersedes). On publishing, the recipients are fixed (notice_recipients: one row per person and
 * the child through whom a parent is addressed) and each person's reading is recorded once
 * (notice_reads). Also: the assessment plan of an online periodic assessment decision (Art. 6.2,
 * 15.1.e), which the decisions did not record.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('live_decisions', (t) => {
    t.text('assessment_plan'); // online_assessment: which tests, when, how (Art. 6.2, 15.1.e)
  });

  await knex.schema.createTable('notices', (t) => {
    t.increments('id').primary();
    t.integer('school_year_id').notNullable().references('school_years.id').onDelete('CASCADE');
    t.string('kind', 20).notNullable(); // online_mode | assessment_plan | general
    t.string('title', 200).notNullable();
    t.text('body').notNullable();
    t.string('audience_scope', 10).notNullable(); // school | grades | classes
    t.string('audience_to', 10).notNullable(); // students | parents | both
    t.text('audience_grades').notNullable(); // JSON number[]
    t.integer('decision_id').references('live_decisions.id');
    t.integer('supersedes_id').references('notices.id');
    t.integer('author_id').notNullable().references('people.id');
    t.string('status', 10).notNullable(); // draft | published
    t.string('created_at', 30).notNullable();
    t.string('updated_at', 30).notNullable();
    t.string('published_at', 30);
    t.index(['status', 'published_at']);
    t.index(['author_id', 'status']);
    t.index(['decision_id']);
    t.index(['supersedes_id']);
  });

  await knex.schema.createTable('notice_classes', (t) => {
    t.integer('notice_id').notNullable().references('notices.id').onDelete('CASCADE');
    t.integer('class_id').notNullable().references('classes.id').onDelete('CASCADE');
    t.primary(['notice_id', 'class_id']);
    t.index(['class_id']);
  });

  await knex.schema.createTable('notice_recipients', (t) => {
    t.integer('notice_id').notNullable().references('notices.id').onDelete('CASCADE');
    t.integer('person_id').notNullable().references('people.id').onDelete('CASCADE');
    t.string('kind', 10).notNullable(); // student | parent
    t.integer('student_id').notNullable().references('people.id').onDelete('CASCADE'); // the student, or the parent's child
    t.integer('class_id').notNullable().references('classes.id').onDelete('CASCADE');
    t.primary(['notice_id', 'person_id', 'student_id']);
    t.index(['person_id', 'notice_id']);
    t.index(['notice_id', 'class_id']);
  });

  await knex.schema.createTable('notice_reads', (t) => {
    t.integer('notice_id').notNullable().references('notices.id').onDelete('CASCADE');
    t.integer('person_id').notNullable().references('people.id').onDelete('CASCADE');
    t.string('read_at', 30).notNullable();
    t.primary(['notice_id', 'person_id']);
    t.index(['person_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('notice_reads');
  await knex.schema.dropTableIfExists('notice_recipients');
  await knex.schema.dropTableIfExists('notice_classes');
  await knex.schema.dropTableIfExists('notices');
  await knex.schema.alterTable('live_decisions', (t) => {
    t.dropColumn('assessment_plan');
  });
}
