import type { Knex } from 'knex';

/** Accounts, sessions, the audit log and roster-import reports (Art. 10.2, 15.1.i). */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('accounts', (t) => {
    t.increments('id').primary();
    t.integer('person_id').notNullable().unique().references('people.id').onDelete('CASCADE');
    t.string('login', 60).notNullable().unique(); // the personal identifier; parents get a generated one
    t.string('password_hash', 200).notNullable();
    t.boolean('must_change_password').notNullable().defaultTo(true);
    t.integer('failed_logins').notNullable().defaultTo(0);
    t.string('locked_until', 30);
    t.boolean('disabled').notNullable().defaultTo(false);
    t.string('language', 2).notNullable().defaultTo('vi');
    t.string('last_login_at', 30);
    t.string('password_changed_at', 30);
    t.string('created_at', 30).notNullable();
  });

  await knex.schema.createTable('account_roles', (t) => {
    t.integer('account_id').notNullable().references('accounts.id').onDelete('CASCADE');
    t.string('role', 30).notNullable();
    t.primary(['account_id', 'role']);
    t.index(['role']);
  });

  await knex.schema.createTable('sessions', (t) => {
    t.string('id', 64).primary(); // sha256 of the cookie token; the token itself is never stored
    t.integer('account_id').notNullable().references('accounts.id').onDelete('CASCADE');
    t.string('csrf_token', 64).notNullable();
    t.string('created_at', 30).notNullable();
    t.string('last_seen_at', 30).notNullable();
    t.string('expires_at', 30).notNullable();
    t.string('ip', 64);
    t.string('user_agent', 300);
    t.index(['account_id']);
    t.index(['expires_at']);
  });

  await knex.schema.createTable('audit_log', (t) => {
    t.increments('id').primary();
    t.string('at', 30).notNullable();
    t.integer('actor_account_id').references('accounts.id').onDelete('SET NULL');
    t.string('actor_login', 60);
    t.string('ip', 64);
    t.string('action', 80).notNullable();
    t.string('entity', 60);
    t.string('entity_id', 60);
    t.text('details');
    t.index(['at']);
    t.index(['actor_account_id', 'at']);
    t.index(['entity', 'entity_id']);
  });

  await knex.schema.createTable('roster_imports', (t) => {
    t.increments('id').primary();
    t.string('at', 30).notNullable();
    t.integer('account_id').references('accounts.id').onDelete('SET NULL');
    t.string('kind', 20).notNullable(); // students | teachers
    t.string('file_name', 200).notNullable();
    t.integer('accepted').notNullable();
    t.integer('rejected').notNullable();
    t.boolean('committed').notNullable();
    t.text('report').notNullable(); // JSON: the per-row results
    t.index(['at']);
  });
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only.');
}
