import type { Knex } from 'knex';

/**
 * Learning materials (Art. 7.1) with versions and their approval (Art. 7.3), and the teachers'
 * own lesson pages (Art. 9.3).
 * - `materials`: what stays the same across versions (subject, grade, kind, owner) and which
 *   version students see now (`published_version_id`).
 * - `material_files`: every uploaded file of a material (the file of a version, or media embedded
 *   in a lesson page), stored under `<dataDir>/materials/`.
 * - `material_versions`: the metadata and the content (a file, or a sanitized lesson page) with its
 *   own status in the workflow.
 * - `material_reviews`: every step of the workflow (who, when, comment), never updated.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('materials', (t) => {
    t.increments('id').primary();
    t.integer('subject_id').notNullable().references('subjects.id').onDelete('CASCADE');
    t.integer('grade').notNullable();
    t.string('kind', 20).notNullable(); // lecture | practice_guide | simulation | exercise_bank | reference (Art. 7.1)
    t.integer('owner_id').notNullable().references('people.id').onDelete('CASCADE');
    t.integer('published_version_id'); // the version students see; null until one is published
    t.string('published_at', 30);
    t.string('created_at', 30).notNullable();
    t.string('updated_at', 30).notNullable();
    t.index(['grade', 'subject_id']);
    t.index(['owner_id']);
    t.index(['published_version_id']);
  });

  await knex.schema.createTable('material_files', (t) => {
    t.increments('id').primary();
    t.integer('material_id').notNullable().references('materials.id').onDelete('CASCADE');
    t.string('path', 300).notNullable(); // relative to <dataDir>/materials
    t.string('file_name', 255).notNullable(); // as the teacher named it (Vietnamese, with diacritics)
    t.string('mime', 120).notNullable();
    t.string('category', 20).notNullable(); // video | audio | pdf | image | office
    t.bigInteger('size').notNullable();
    t.integer('uploaded_by').notNullable().references('people.id').onDelete('CASCADE');
    t.string('created_at', 30).notNullable();
    t.index(['material_id']);
  });

  await knex.schema.createTable('material_versions', (t) => {
    t.increments('id').primary();
    t.integer('material_id').notNullable().references('materials.id').onDelete('CASCADE');
    t.integer('number').notNullable();
    t.string('status', 20).notNullable(); // draft | submitted | passed | published | returned | superseded
    t.integer('curriculum_lesson_id').references('curriculum_lessons.id').onDelete('SET NULL');
    t.string('title', 300).notNullable();
    t.text('description').notNullable().defaultTo('');
    t.string('author', 200).notNullable(); // tác giả
    t.string('source', 500).notNullable().defaultTo(''); // nguồn
    t.string('licence', 100).notNullable(); // giấy phép
    t.text('search_key').notNullable(); // title, description and author folded (no diacritics)
    t.string('content_type', 10).notNullable(); // file | page
    t.integer('file_id').references('material_files.id').onDelete('SET NULL');
    t.text('page_html'); // sanitized on the server
    t.integer('created_by').notNullable().references('people.id').onDelete('CASCADE');
    t.string('created_at', 30).notNullable();
    t.string('updated_at', 30).notNullable();
    t.string('submitted_at', 30);
    t.string('published_at', 30);
    t.unique(['material_id', 'number']);
    t.index(['status']);
    t.index(['curriculum_lesson_id']);
  });

  await knex.schema.createTable('material_reviews', (t) => {
    t.increments('id').primary();
    t.integer('material_id').notNullable().references('materials.id').onDelete('CASCADE');
    t.integer('version_id').notNullable().references('material_versions.id').onDelete('CASCADE');
    t.string('action', 20).notNullable(); // create | submit | pass | approve | return
    t.string('from_status', 20);
    t.string('to_status', 20).notNullable();
    t.integer('actor_id').notNullable().references('people.id').onDelete('CASCADE');
    t.text('comment');
    t.string('at', 30).notNullable();
    t.index(['material_id']);
    t.index(['version_id']);
  });
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only.');
}
