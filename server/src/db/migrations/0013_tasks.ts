import type { Knex } from 'knex';

/**
 * Learning tasks and student work (Art. 5.2–5.3, 9.2.a–b, 15.1.h): a teacher of a class × subject
 * assigns a task to the whole class, a named group or one student; students submit files, text
 * and/or an H5P result, every submission kept as a numbered version; the teacher grades (score,
 * comments, rubric), returns for revision and releases grades. Instants are ISO-8601 UTC text,
 * JSON is text. Files live under `<dataDir>/tasks/`; rows hold their relative paths.
 * Foreign keys only to core tables and this migration's own tables (h5p content ids are plain
 * integers: that module's migration may not exist when this one runs).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('tasks', (t) => {
    t.increments('id').primary();
    t.integer('class_id').notNullable().references('classes.id').onDelete('CASCADE');
    t.integer('subject_id').notNullable().references('subjects.id').onDelete('CASCADE');
    t.integer('curriculum_lesson_id').references('curriculum_lessons.id').onDelete('SET NULL');
    t.integer('teacher_id').notNullable().references('people.id');
    t.string('title', 300).notNullable();
    t.text('instructions').notNullable().defaultTo(''); // sanitized simple HTML
    t.string('audience', 20).notNullable(); // class | group | student
    t.string('group_name', 100); // audience = group: the group's name inside the class
    t.string('opens_at', 30).notNullable();
    t.string('due_at', 30).notNullable();
    t.boolean('accept_files').notNullable().defaultTo(true);
    t.boolean('accept_text').notNullable().defaultTo(false);
    t.integer('h5p_content_id'); // the H5P activity whose result is attached to a submission
    t.string('late_policy', 20).notNullable(); // refuse | accept | until_close
    t.string('close_at', 30); // until_close: the hard close
    t.string('late_penalty_kind', 20).notNullable().defaultTo('none'); // none | points | percent
    t.float('late_penalty_value').notNullable().defaultTo(0);
    t.string('resubmission', 20).notNullable(); // none | until_graded | limited
    t.integer('max_submissions'); // resubmission = limited: how many submissions in all
    t.text('rubric'); // JSON { criteria: [{ title, levels: [{ label, points, description }] }] }
    t.float('max_score').notNullable().defaultTo(10);
    t.text('gradebook_target'); // JSON GradebookTarget, null: not sent to the gradebook
    t.string('created_at', 30).notNullable();
    t.string('updated_at', 30).notNullable();
    t.string('deleted_at', 30);
    t.index(['class_id', 'subject_id', 'due_at']);
    t.index(['teacher_id', 'due_at']);
  });

  // audience = group | student: who the task is for (a group's members as chosen at assignment).
  await knex.schema.createTable('task_assignees', (t) => {
    t.integer('task_id').notNullable().references('tasks.id').onDelete('CASCADE');
    t.integer('student_id').notNullable().references('people.id').onDelete('CASCADE');
    t.primary(['task_id', 'student_id']);
    t.index(['student_id']);
  });

  await knex.schema.createTable('task_attachments', (t) => {
    t.increments('id').primary();
    t.integer('task_id').notNullable().references('tasks.id').onDelete('CASCADE');
    t.string('file_name', 255).notNullable();
    t.string('stored_path', 300).notNullable();
    t.string('mime', 100).notNullable();
    t.integer('size').notNullable();
    t.string('created_at', 30).notNullable();
    t.index(['task_id']);
  });

  await knex.schema.createTable('task_submissions', (t) => {
    t.increments('id').primary();
    t.integer('task_id').notNullable().references('tasks.id').onDelete('CASCADE');
    t.integer('student_id').notNullable().references('people.id').onDelete('CASCADE');
    t.integer('version').notNullable(); // 1, 2, … per task × student
    t.string('submitted_at', 30).notNullable();
    t.boolean('late').notNullable().defaultTo(false);
    t.text('text');
    t.text('h5p_result'); // JSON { contentId, score: { raw, max, scaled } | null, completed, at }
    t.unique(['task_id', 'student_id', 'version']);
    t.index(['student_id']);
  });

  await knex.schema.createTable('task_submission_files', (t) => {
    t.increments('id').primary();
    t.integer('submission_id').notNullable().references('task_submissions.id').onDelete('CASCADE');
    t.string('file_name', 255).notNullable();
    t.string('stored_path', 300).notNullable();
    t.string('mime', 100).notNullable();
    t.integer('size').notNullable();
    t.index(['submission_id']);
  });

  // One row per task × student once the teacher has graded or returned the work.
  await knex.schema.createTable('task_grades', (t) => {
    t.integer('task_id').notNullable().references('tasks.id').onDelete('CASCADE');
    t.integer('student_id').notNullable().references('people.id').onDelete('CASCADE');
    t.primary(['task_id', 'student_id']);
    t.string('status', 20).notNullable(); // graded | returned
    t.integer('submission_id').references('task_submissions.id').onDelete('SET NULL'); // the version graded
    t.float('raw_score'); // before the late penalty
    t.float('penalty').notNullable().defaultTo(0);
    t.float('score'); // after the penalty, on the task's max score
    t.text('comment');
    t.text('rubric_selection'); // JSON: level index per criterion
    t.integer('graded_by_id').references('people.id');
    t.string('graded_at', 30).notNullable();
    t.string('released_at', 30); // students and parents see the grade from then on
    t.index(['student_id']);
  });
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only.');
}
