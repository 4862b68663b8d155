import type { Knex } from 'knex';

/**
 * Quizzes and tests (Art. 6.1 regular assessment online; Art. 6.2 online periodic tests by the
 * principal's decision, with an integrity log). A quiz is drawn from the question bank by its
 * matrix (JSON text); each attempt keeps a snapshot of the questions it drew (JSON text, keys
 * included), so there is deliberately no foreign key to the bank's `questions` table: editing or
 * archiving a question never changes a past attempt, and this migration does not depend on the
 * bank's. Instants are ISO text.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('quizzes', (t) => {
    t.increments('id').primary();
    t.string('title', 200).notNullable();
    t.integer('subject_id').notNullable().references('subjects.id').onDelete('CASCADE');
    t.integer('grade').notNullable();
    t.string('kind', 10).notNullable(); // regular | midterm | endterm
    t.text('matrix').notNullable(); // JSON: [{ curriculumLessonId, level, count, pointsEach }]
    t.string('opens_at', 30).notNullable();
    t.string('closes_at', 30).notNullable();
    t.integer('time_limit_minutes').notNullable();
    t.integer('attempts_allowed').notNullable().defaultTo(1);
    t.string('attempt_scoring', 10).notNullable().defaultTo('best'); // best | last
    t.string('feedback', 30).notNullable(); // none | score | answers_after_close
    t.boolean('shuffle_questions').notNullable().defaultTo(true);
    t.boolean('shuffle_options').notNullable().defaultTo(true);
    t.text('gradebook_target'); // JSON GradebookTarget, or null
    t.string('status', 10).notNullable().defaultTo('draft'); // draft | published
    t.integer('decision_id').references('live_decisions.id'); // Art. 6.2: the principal's online-assessment decision
    t.integer('created_by_id').notNullable().references('people.id');
    t.string('created_at', 30).notNullable();
    t.string('updated_at', 30).notNullable();
    t.string('published_at', 30);
    t.integer('published_by_id').references('people.id');
    t.index(['subject_id', 'grade']);
    t.index(['status', 'closes_at']);
    t.index(['created_by_id']);
  });

  await knex.schema.createTable('quiz_classes', (t) => {
    t.integer('quiz_id').notNullable().references('quizzes.id').onDelete('CASCADE');
    t.integer('class_id').notNullable().references('classes.id').onDelete('CASCADE');
    t.primary(['quiz_id', 'class_id']);
    t.index(['class_id']);
  });

  await knex.schema.createTable('quiz_attempts', (t) => {
    t.increments('id').primary();
    t.integer('quiz_id').notNullable().references('quizzes.id').onDelete('CASCADE');
    t.integer('student_id').notNullable().references('people.id').onDelete('CASCADE');
    t.integer('number').notNullable(); // 1, 2, … within the quiz for this student
    t.string('seed', 64).notNullable();
    t.text('questions').notNullable(); // JSON snapshot of the drawn questions, with their keys
    t.string('started_at', 30).notNullable(); // the server's clock
    t.string('deadline_at', 30).notNullable(); // min(start + limit, window close)
    t.string('status', 20).notNullable(); // in_progress | submitted
    t.string('submitted_at', 30);
    t.string('submitted_by', 10); // student | auto
    t.double('auto_score');
    t.double('score'); // null while essays wait for the teacher
    t.double('max_score').notNullable();
    t.integer('pending_essays').notNullable().defaultTo(0);
    t.string('start_ip', 64);
    t.string('start_user_agent', 400);
    t.string('last_ip', 64);
    t.string('last_user_agent', 400);
    t.string('session_hash', 64); // the session that opened the attempt (hash, never the token)
    t.unique(['quiz_id', 'student_id', 'number']);
    t.index(['student_id']);
    t.index(['status', 'deadline_at']); // the sweep of overdue attempts
  });

  await knex.schema.createTable('quiz_answers', (t) => {
    t.integer('attempt_id').notNullable().references('quiz_attempts.id').onDelete('CASCADE');
    t.string('question_key', 40).notNullable();
    t.text('answer').notNullable(); // JSON
    t.integer('seq').notNullable(); // the client's save number that wrote it
    t.string('saved_at', 30).notNullable();
    t.double('points'); // awarded (automatic or by the teacher)
    t.integer('graded_by_id').references('people.id');
    t.string('graded_at', 30);
    t.text('comment');
    t.primary(['attempt_id', 'question_key']);
  });

  await knex.schema.createTable('quiz_attempt_events', (t) => {
    t.increments('id').primary();
    t.integer('attempt_id').notNullable().references('quiz_attempts.id').onDelete('CASCADE');
    t.string('at', 30).notNullable();
    t.string('kind', 20).notNullable(); // focus_lost | page_hidden | ip_changed | device_changed | second_session
    t.text('details'); // JSON
    t.index(['attempt_id', 'id']);
  });
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only.');
}
