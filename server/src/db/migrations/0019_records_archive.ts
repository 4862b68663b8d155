import type { Knex } from 'knex';

/**
 * The records archive (Art. 8): an append-only hash chain of the records the school keeps (the four
 * categories of 8.1), the chain's head (one row, locked by each append so the chain never forks),
 * the sealed semesters, and the school's retention period per category (Art. 8.2: set by the school
 * under the Archives Law). No foreign keys on purpose: a record outlives the rows it describes.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('archive_records', (t) => {
    t.integer('seq').primary(); // 1, 2, 3 … assigned under the head lock
    t.string('category', 20).notNullable(); // evidence | teaching_process | plans | assessment
    t.string('kind', 60).notNullable();
    t.string('ref', 120).notNullable();
    t.string('title', 300).notNullable();
    t.integer('school_year_id');
    t.integer('semester_id');
    t.integer('actor_id');
    t.string('recorded_at', 30).notNullable();
    t.text('payload'); // canonical JSON; null once disposed
    t.string('payload_sha256', 64).notNullable();
    t.string('prev_hash', 64).notNullable();
    t.string('hash', 64).notNullable().unique();
    t.text('search_text').notNullable(); // folded title, kind and ref (not hashed)
    t.string('disposed_at', 30); // set with the payload's erasure (not hashed; the disposal record is)
    t.integer('disposal_seq');
    t.index(['category', 'seq']);
    t.index(['semester_id', 'category', 'seq']);
    t.index(['school_year_id', 'category']);
    t.index(['kind']);
    t.index(['ref']);
  });

  await knex.schema.createTable('archive_head', (t) => {
    t.integer('id').primary(); // always 1
    t.integer('seq').notNullable();
    t.string('hash', 64).notNullable();
  });
  await knex('archive_head').insert({ id: 1, seq: 0, hash: '0'.repeat(64) });

  await knex.schema.createTable('archive_seals', (t) => {
    t.integer('semester_id').primary(); // sealed once
    t.integer('school_year_id').notNullable();
    t.integer('head_seq').notNullable();
    t.string('head_hash', 64).notNullable();
    t.integer('segment_start_seq').notNullable();
    t.string('segment_start_prev_hash', 64).notNullable();
    t.integer('record_count').notNullable();
    t.integer('sealed_by_id').notNullable();
    t.string('sealed_at', 30).notNullable();
    t.string('export_file', 200);
    t.bigInteger('export_bytes');
    t.string('export_sha256', 64);
    t.string('exported_at', 30);
  });

  await knex.schema.createTable('archive_retention', (t) => {
    t.string('category', 20).primary();
    t.integer('years'); // null = permanent
    t.integer('updated_by_id');
    t.string('updated_at', 30);
  });
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only.');
}
