import type { Knex } from 'knex';

/**
 * H5P interactive content (Art. 9.3: the LCMS offers interactive learning materials).
 * Files live under `<dataDir>/h5p/` (libraries/<Machine-Major.Minor>/, content/<id>/, the layout of
 * @lumieducation/h5p-server's file storage, which h5p-standalone reads); these tables say what is
 * installed, who uploaded it, which class it is assigned to, and what each student did with it
 * (xAPI statements, saved state, latest and best result; Art. 5.3, 9.2.c).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('h5p_libraries', (t) => {
    t.increments('id').primary();
    t.string('machine_name', 255).notNullable();
    t.integer('major_version').notNullable();
    t.integer('minor_version').notNullable();
    t.integer('patch_version').notNullable();
    t.string('title', 255).notNullable();
    t.boolean('runnable').notNullable().defaultTo(false);
    t.string('installed_at', 30).notNullable();
    t.string('updated_at', 30).notNullable();
    t.unique(['machine_name', 'major_version', 'minor_version']);
  });

  await knex.schema.createTable('h5p_contents', (t) => {
    t.increments('id').primary();
    t.string('title', 255).notNullable();
    t.string('main_library', 255).notNullable(); // e.g. "H5P.PhonghocQuickCheck 1.0"
    t.string('language', 10).notNullable().defaultTo('und');
    t.text('libraries').notNullable().defaultTo('[]'); // JSON: every library (uber names) the content uses
    t.string('file_name', 255); // the uploaded .h5p's name
    t.integer('size_bytes').notNullable().defaultTo(0);
    t.integer('subject_id').references('subjects.id').onDelete('SET NULL');
    t.integer('curriculum_lesson_id').references('curriculum_lessons.id').onDelete('SET NULL');
    t.integer('uploaded_by_id').notNullable().references('people.id');
    t.string('created_at', 30).notNullable();
    t.string('deleted_at', 30); // soft delete: results stay as evidence (Art. 8.1)
    t.index(['deleted_at', 'id']);
    t.index(['uploaded_by_id']);
  });

  // An H5P content assigned to a class for a subject (optionally a lesson and a due date), with
  // an optional gradebook column chosen by the teacher (Circular 22/2021 Art. 6: regular assessment).
  await knex.schema.createTable('h5p_activities', (t) => {
    t.increments('id').primary();
    t.integer('content_id').notNullable().references('h5p_contents.id');
    t.integer('class_id').notNullable().references('classes.id').onDelete('CASCADE');
    t.integer('subject_id').notNullable().references('subjects.id').onDelete('CASCADE');
    t.integer('curriculum_lesson_id').references('curriculum_lessons.id').onDelete('SET NULL');
    t.string('due_on', 10); // YYYY-MM-DD
    t.integer('gradebook_semester_id').references('semesters.id').onDelete('SET NULL');
    t.string('gradebook_column', 20); // regular | midterm | endterm
    t.integer('gradebook_slot'); // regular: 1..n
    t.string('score_policy', 10).notNullable().defaultTo('best'); // best | last attempt
    t.integer('created_by_id').notNullable().references('people.id');
    t.string('created_at', 30).notNullable();
    t.string('removed_at', 30);
    t.index(['class_id', 'removed_at']);
    t.index(['content_id', 'removed_at']);
  });

  // Every accepted xAPI statement; the actor is always the session's person, never the client's.
  await knex.schema.createTable('h5p_statements', (t) => {
    t.increments('id').primary();
    t.integer('content_id').notNullable().references('h5p_contents.id');
    t.integer('person_id').notNullable().references('people.id').onDelete('CASCADE');
    t.string('verb', 60).notNullable(); // last segment of the verb IRI: answered, completed, …
    t.float('score_raw');
    t.float('score_max');
    t.boolean('completed').notNullable().defaultTo(false);
    t.text('statement').notNullable(); // JSON as stored (actor replaced)
    t.string('created_at', 30).notNullable();
    t.index(['content_id', 'person_id', 'id']);
  });

  // Saved state (H5P "contentUserData"/resume), one per person × content × data type × sub-content.
  await knex.schema.createTable('h5p_user_states', (t) => {
    t.increments('id').primary();
    t.integer('content_id').notNullable().references('h5p_contents.id');
    t.integer('person_id').notNullable().references('people.id').onDelete('CASCADE');
    t.string('data_type', 60).notNullable().defaultTo('state');
    t.string('sub_content_id', 60).notNullable().defaultTo('0');
    t.text('data').notNullable();
    t.string('updated_at', 30).notNullable();
    t.unique(['content_id', 'person_id', 'data_type', 'sub_content_id']);
  });

  // Latest and best result per student × content (what tasks, progress and the gradebook read).
  await knex.schema.createTable('h5p_results', (t) => {
    t.increments('id').primary();
    t.integer('content_id').notNullable().references('h5p_contents.id');
    t.integer('student_id').notNullable().references('people.id').onDelete('CASCADE');
    t.integer('attempts').notNullable().defaultTo(0);
    t.float('last_raw').notNullable();
    t.float('last_max').notNullable();
    t.string('last_at', 30).notNullable();
    t.float('best_raw').notNullable();
    t.float('best_max').notNullable();
    t.string('best_at', 30).notNullable();
    t.string('completed_at', 30);
    t.unique(['content_id', 'student_id']);
    t.index(['student_id']);
  });
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only.');
}
