import type { Knex } from 'knex';

/**
 * The school's online-teaching rules, plan and conditions, published on a public page
 * (Art. 15.3, 15.4). Each section keeps every version: one working draft at a time, published
 * versions kept as history (numbered per section only when published, so the public numbering
 * reveals nothing about drafts), and the section's withdrawal from the public page.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('disclosure_versions', (t) => {
    t.increments('id').primary();
    t.string('section', 30).notNullable(); // rules_students | rules_teachers | plan | conditions
    t.string('status', 12).notNullable(); // draft | published
    t.text('body_html').notNullable(); // sanitized on the server
    t.boolean('include_box_data').notNullable().defaultTo(false); // conditions: add the box's own figures
    t.text('box_data'); // JSON snapshot taken when published (never shown before)
    t.integer('public_no'); // 1, 2, … per section, set when published
    t.integer('created_by').notNullable().references('people.id');
    t.string('created_at', 30).notNullable();
    t.integer('updated_by').notNullable().references('people.id');
    t.string('updated_at', 30).notNullable();
    t.string('published_at', 30);
    t.string('published_on', 10); // the school's calendar day (YYYY-MM-DD)
    t.integer('published_by').references('people.id');
    t.unique(['section', 'public_no']); // several NULLs (drafts) allowed on both dialects
    t.index(['section', 'status', 'public_no']); // a section's draft, current and history
  });

  // Whether a section is shown on the public page: withdrawn by the principal until republished.
  await knex.schema.createTable('disclosure_sections', (t) => {
    t.string('section', 30).primary();
    t.string('withdrawn_at', 30);
    t.integer('withdrawn_by').references('people.id');
  });
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only.');
}
