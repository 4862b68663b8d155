import type { Knex } from 'knex';

/** The school's settings (key → JSON value), changed by the principal; first used for recordings. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('school_settings', (t) => {
    t.string('key', 80).primary();
    t.text('value').notNullable();
    t.string('updated_at', 30).notNullable();
    t.integer('updated_by').references('accounts.id').onDelete('SET NULL');
  });
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only.');
}
