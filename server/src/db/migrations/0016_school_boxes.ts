import type { Knex } from 'knex';

/**
 * The other teaching-room boxes of the school this box was paired with (Art. 16.3): the IT
 * console shows them all on one page. The token is sealed (AES-GCM, key in the data directory);
 * the other box's CA certificate is pinned.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('school_boxes', (t) => {
    t.increments('id').primary();
    t.string('name', 100).notNullable();
    t.string('url', 300).notNullable();
    t.text('sealed_token').notNullable();
    t.string('ca_fingerprint_sha256', 95).notNullable().unique();
    t.text('ca_cert_pem').notNullable();
    t.string('added_at', 30).notNullable();
    t.string('last_seen_at', 30);
    t.text('last_error');
  });
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only.');
}
