import type { Knex } from 'knex';

/**
 * The twice-yearly evaluation report (Art. 15.6): one per semester, a draft whose figures are
 * computed from the system's own data on request, with the principal's text (difficulties,
 * causes, proposals), then finalized by the principal: the figures are frozen (JSON text), the PDF
 * and the spreadsheet are written under `<dataDir>/reports/` (paths relative to the data
 * directory, with their SHA-256) and the report is appended to the records archive (Art. 8.1.a).
 * A finalized row is never updated again. Foreign keys only to core tables.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('semester_reports', (t) => {
    t.increments('id').primary();
    t.integer('semester_id').notNullable().references('semesters.id').onDelete('CASCADE');
    t.string('status', 12).notNullable(); // draft | finalized
    t.text('addressee').notNullable(); // Kính gửi: the district office and the provincial department
    t.text('difficulties').notNullable().defaultTo(''); // khó khăn
    t.text('causes').notNullable().defaultTo(''); // nguyên nhân
    t.text('proposals').notNullable().defaultTo(''); // đề xuất
    t.text('figures').notNullable(); // JSON SemesterFigures, as last computed
    t.string('figures_computed_at', 30).notNullable();
    t.integer('created_by_id').notNullable().references('people.id');
    t.string('created_at', 30).notNullable();
    t.integer('updated_by_id').references('people.id');
    t.string('updated_at', 30).notNullable();
    t.integer('finalized_by_id').references('people.id');
    t.string('finalized_at', 30);
    t.string('pdf_path', 300);
    t.string('pdf_sha256', 64);
    t.string('xlsx_path', 300);
    t.string('xlsx_sha256', 64);
    t.integer('archive_seq'); // the archive's sequence number of the finalized report
    t.unique(['semester_id']); // one report per semester (Art. 15.6: at the end of each semester)
    t.index(['status', 'finalized_at']);
  });
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only.');
}
