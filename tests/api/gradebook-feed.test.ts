import t from 'tap';
import { buildTestApp } from '../helpers/app.js';
import { dialects } from '../helpers/db.js';
import { DomainError } from '../../server/src/domain/shared/errors.js';
import { DEMO_STUDENT_ID, DEMO_TEACHER_ID } from '../../server/src/domain/demo/demo-school.js';
import type { ActivityScore } from '../../server/src/domain/gradebook/gradebook-feed.js';

async function refusal(p: Promise<unknown>): Promise<string> {
  try { await p; return 'accepted'; } catch (err) { return err instanceof DomainError ? err.code : String(err); }
}

for (const dialect of dialects()) {
  t.test(`gradebook feed on ${dialect}`, async (t) => {
    const { services, database } = await buildTestApp(t, dialect, { demo: 'small' });
    const knex = database.db.knex;
    const student = await knex('people').where({ personal_id: DEMO_STUDENT_ID }).first();
    const teacher = await knex('people').where({ personal_id: DEMO_TEACHER_ID }).first();
    const math = await knex('subjects').where({ code: 'TOAN' }).first();
    const pe = await knex('subjects').where({ code: 'GDTC' }).first();
    const gdcd = await knex('subjects').where({ code: 'GDCD' }).first();
    const year = await knex('school_years').where({ is_current: true }).first();
    const [s1, s2] = await knex('semesters').where({ school_year_id: year.id }).orderBy('number');
    const feed = services.gradebookFeed;
    const score = (over: Partial<ActivityScore> = {}): ActivityScore => ({
      studentId: student.id, subjectId: math.id, target: { semesterId: s1.id, column: { kind: 'regular', slot: 1 } },
      score: 6.45, source: { kind: 'quiz', id: 11 }, recordedById: null, ...over,
    });
    const cell = (slot = 1, kind = 'regular', semesterId = s1.id, subjectId = math.id) => knex('gradebook_scores').where({ student_id: student.id, subject_id: subjectId, semester_id: semesterId, column_kind: kind, slot }).first();

    await services.tx.run((r) => feed.record(r, score()));
    let c = await cell();
    t.equal(c.score_tenths, 65, '6.45 is rounded half up to 6.5');
    t.equal(c.source_kind, 'quiz');

    // The same quiz re-scored replaces its own score.
    t.same(await services.tx.run((r) => feed.recordWithOutcome(r, score({ score: 8 }))), { status: 'written' });
    t.equal((await cell()).score_tenths, 80);
    t.same(await services.tx.run((r) => feed.recordWithOutcome(r, score({ score: 8 }))), { status: 'unchanged' });

    // Another source for the same cell is kept pending, not written (conflict).
    const other = await services.tx.run((r) => feed.recordWithOutcome(r, score({ score: 3, source: { kind: 'task', id: 5 }, recordedById: teacher.id })));
    t.same(other, { status: 'conflict', heldBy: 'quiz', heldById: 11 });
    t.equal((await cell()).score_tenths, 80, 'the cell keeps the first source');
    t.equal((await knex('gradebook_feed_results').where({ student_id: student.id, source_kind: 'task' })).length, 1, 'the pending result is kept');

    // Regular slots: mathematics has 140 periods → 4 ĐĐGtx; GDCD 35 periods → 2 (Art. 6.2).
    t.equal(await refusal(services.tx.run((r) => feed.record(r, score({ target: { semesterId: s1.id, column: { kind: 'regular', slot: 5 } } })))), 'GRADEBOOK_COLUMN_INVALID');
    t.equal(await refusal(services.tx.run((r) => feed.record(r, score({ subjectId: gdcd.id, target: { semesterId: s1.id, column: { kind: 'regular', slot: 3 } } })))), 'GRADEBOOK_COLUMN_INVALID');
    t.equal(await refusal(services.tx.run((r) => feed.record(r, score({ subjectId: gdcd.id, target: { semesterId: s1.id, column: { kind: 'regular', slot: 2 } } })))), 'accepted');
    // Comment-only subjects take Đạt/Chưa đạt, not a number.
    t.equal(await refusal(services.tx.run((r) => feed.record(r, score({ subjectId: pe.id })))), 'GRADEBOOK_COLUMN_INVALID');
    t.equal(await refusal(services.tx.run((r) => feed.record(r, score({ score: 10.5 })))), 'GRADEBOOK_VALUE_INVALID');
    t.equal(await refusal(services.tx.run((r) => feed.record(r, score({ score: -1 })))), 'GRADEBOOK_VALUE_INVALID');
    t.equal(await refusal(services.tx.run((r) => feed.record(r, score({ target: { semesterId: 999999, column: { kind: 'midterm' } } })))), 'NOT_FOUND');

    // Endterm of semester 2, then lock semester 2: the feed is refused and nothing is written.
    await services.tx.run((r) => feed.record(r, score({ target: { semesterId: s2.id, column: { kind: 'endterm' } }, score: 9.25 })));
    t.equal((await cell(0, 'endterm', s2.id)).score_tenths, 93, '9.25 → 9.3');
    await knex('gradebook_semester_locks').insert({ semester_id: s2.id, locked: true, locked_at: new Date().toISOString() });
    t.equal(await refusal(services.tx.run((r) => feed.record(r, score({ target: { semesterId: s2.id, column: { kind: 'endterm' } }, score: 2 })))), 'GRADEBOOK_SEMESTER_LOCKED');
    t.equal((await cell(0, 'endterm', s2.id)).score_tenths, 93, 'a locked semester keeps its score');

    const history = await knex('gradebook_score_history').where({ student_id: student.id, subject_id: math.id }).orderBy('id');
    t.same(history.map((h) => [h.old_value, h.new_value]), [[null, '6.5'], ['6.5', '8.0'], [null, '9.3']], 'every change is in the history');
    t.ok((await knex('audit_log').where({ action: 'gradebook.score' })).length >= 4, 'and in the audit log');
  });
}
