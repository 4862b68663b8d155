import type { Knex } from 'knex';

/**
 * School structure (Art. 15.1): the school, its years and semesters, subject groups (tổ chuyên môn),
 * subjects per grade, classes, enrolments, teaching assignments and homeroom teachers.
 * Dates are stored as 'YYYY-MM-DD' text and instants as ISO-8601 text so that SQLite and PostgreSQL
 * return the same values; booleans are read through Boolean() in the repositories.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('schools', (t) => {
    t.increments('id').primary();
    t.string('name', 200).notNullable();
    t.string('moet_code', 40).notNullable();
    t.string('level', 20).notNullable(); // primary | lower_secondary | upper_secondary
    t.string('province', 100).notNullable();
    t.string('district_office', 150).notNullable();
    t.string('address', 300);
    t.string('phone', 30);
    t.string('created_at', 30).notNullable();
    t.string('updated_at', 30).notNullable();
  });

  await knex.schema.createTable('people', (t) => {
    t.increments('id').primary();
    t.string('kind', 20).notNullable(); // student | staff | parent
    t.string('personal_id', 40).unique(); // mã định danh Bộ GD&ĐT (Art. 15.1.i); null for parents
    t.string('citizen_id', 12).unique(); // số định danh cá nhân (CCCD), optional and protected
    t.string('full_name', 150).notNullable();
    t.string('name_key', 300).notNullable(); // Vietnamese sort key (given name first)
    t.string('search_key', 200).notNullable(); // diacritics folded
    t.string('birth_date', 10);
    t.string('gender', 10); // male | female
    t.string('phone', 30);
    t.string('email', 200);
    t.string('position', 100); // staff: vị trí việc làm
    t.string('status', 20).notNullable().defaultTo('active');
    t.string('created_at', 30).notNullable();
    t.string('updated_at', 30).notNullable();
    t.index(['kind', 'name_key']);
    t.index(['search_key']);
  });

  await knex.schema.createTable('parent_links', (t) => {
    t.integer('parent_id').notNullable().references('people.id').onDelete('CASCADE');
    t.integer('student_id').notNullable().references('people.id').onDelete('CASCADE');
    t.string('relation', 20).notNullable(); // father | mother | guardian
    t.primary(['parent_id', 'student_id']);
    t.index(['student_id']);
  });

  await knex.schema.createTable('school_years', (t) => {
    t.increments('id').primary();
    t.integer('school_id').notNullable().references('schools.id').onDelete('CASCADE');
    t.string('name', 20).notNullable(); // 2026-2027
    t.string('starts_on', 10).notNullable();
    t.string('ends_on', 10).notNullable();
    t.boolean('is_current').notNullable().defaultTo(false);
    t.unique(['school_id', 'name']);
  });

  await knex.schema.createTable('semesters', (t) => {
    t.increments('id').primary();
    t.integer('school_year_id').notNullable().references('school_years.id').onDelete('CASCADE');
    t.integer('number').notNullable(); // 1 | 2
    t.string('starts_on', 10).notNullable();
    t.string('ends_on', 10).notNullable();
    t.integer('weeks').notNullable();
    t.unique(['school_year_id', 'number']);
  });

  await knex.schema.createTable('subject_groups', (t) => {
    t.increments('id').primary();
    t.integer('school_id').notNullable().references('schools.id').onDelete('CASCADE');
    t.string('name', 150).notNullable();
    t.integer('leader_id').references('people.id').onDelete('SET NULL');
    t.unique(['school_id', 'name']);
  });

  await knex.schema.createTable('subject_group_members', (t) => {
    t.integer('subject_group_id').notNullable().references('subject_groups.id').onDelete('CASCADE');
    t.integer('person_id').notNullable().references('people.id').onDelete('CASCADE');
    t.primary(['subject_group_id', 'person_id']);
    t.index(['person_id']);
  });

  await knex.schema.createTable('subjects', (t) => {
    t.increments('id').primary();
    t.integer('school_id').notNullable().references('schools.id').onDelete('CASCADE');
    t.string('code', 30).notNullable();
    t.string('name', 150).notNullable();
    t.integer('subject_group_id').references('subject_groups.id').onDelete('SET NULL');
    t.string('assessment', 20).notNullable().defaultTo('score'); // score | comment (Circular 22/2021 Art. 5)
    t.unique(['school_id', 'code']);
  });

  await knex.schema.createTable('subject_grades', (t) => {
    t.integer('subject_id').notNullable().references('subjects.id').onDelete('CASCADE');
    t.integer('grade').notNullable();
    t.integer('periods_per_year').notNullable();
    t.primary(['subject_id', 'grade']);
    t.index(['grade']);
  });

  await knex.schema.createTable('classes', (t) => {
    t.increments('id').primary();
    t.integer('school_year_id').notNullable().references('school_years.id').onDelete('CASCADE');
    t.integer('grade').notNullable();
    t.string('name', 30).notNullable();
    t.integer('homeroom_teacher_id').references('people.id').onDelete('SET NULL');
    t.unique(['school_year_id', 'name']);
    t.index(['school_year_id', 'grade']);
  });

  await knex.schema.createTable('enrolments', (t) => {
    t.integer('class_id').notNullable().references('classes.id').onDelete('CASCADE');
    t.integer('student_id').notNullable().references('people.id').onDelete('CASCADE');
    t.integer('school_year_id').notNullable().references('school_years.id').onDelete('CASCADE');
    t.primary(['class_id', 'student_id']);
    t.unique(['school_year_id', 'student_id']); // one class per student per year
  });

  await knex.schema.createTable('teaching_assignments', (t) => {
    t.increments('id').primary();
    t.integer('class_id').notNullable().references('classes.id').onDelete('CASCADE');
    t.integer('subject_id').notNullable().references('subjects.id').onDelete('CASCADE');
    t.integer('teacher_id').notNullable().references('people.id').onDelete('CASCADE');
    t.unique(['class_id', 'subject_id']);
    t.index(['teacher_id']);
  });
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only.');
}
