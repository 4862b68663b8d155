import t from 'tap';
import { drawRows, paperOrder } from '../../server/src/domain/quizzes/quiz-draw.js';
import { acceptedAnswers, attemptDeadline, countingAttempt, GRACE_MS, isOverdue, remainingMs, windowState, withinGrace } from '../../server/src/domain/quizzes/attempt-rules.js';
import { checkMatrixShape, checkQuizInput, feedbackVisibility, matrixMaxScore, matrixShortfalls, rowKey, toTenPointScale } from '../../server/src/domain/quizzes/quiz-rules.js';
import { answerFits, correctAnswerOf } from '../../server/src/domain/quizzes/answer-shape.js';
import { questionStats } from '../../server/src/domain/quizzes/quiz-results.js';
import { uncoveredByOnlineAssessment, checkDecisionInput } from '../../server/src/domain/live/decision-rules.js';
import { DomainError } from '../../server/src/domain/shared/errors.js';
import type { QuizInput, SnapshotQuestion } from '../../server/src/domain/quizzes/quiz.types.js';
import type { QuestionContent } from '../../server/src/domain/questions/question.types.js';

const code = (fn: () => unknown) => {
  try {
    fn();
    return 'accepted';
  } catch (e) {
    return e instanceof DomainError ? e.code : String(e);
  }
};

t.test('draw: deterministic from the seed, distinct, from each row only', async (t) => {
  const rows = [{ candidates: [5, 3, 9, 1, 7], count: 3 }, { candidates: [20, 21, 22], count: 2 }];
  const a = drawRows('seed-1', rows);
  t.same(drawRows('seed-1', rows), a, 'same seed, same draw');
  t.same(drawRows('seed-1', [{ candidates: [9, 7, 5, 3, 1], count: 3 }, { candidates: [22, 20, 21], count: 2 }]), a, 'whatever order the database returned');
  t.equal(a[0]!.length, 3);
  t.equal(new Set(a[0]).size, 3, 'no question twice');
  t.ok(a[0]!.every((id) => [1, 3, 5, 7, 9].includes(id)) && a[1]!.every((id) => [20, 21, 22].includes(id)), 'each row from its own pool');
  t.throws(() => drawRows('s', [{ candidates: [1, 2], count: 3 }]), RangeError, 'a row the pool cannot fill');
  let differ = 0;
  for (let i = 0; i < 20; i++) if (JSON.stringify(drawRows(`s${i}`, rows)) !== JSON.stringify(a)) differ++;
  t.ok(differ >= 15, 'other seeds draw other papers');
});

t.test('draw: every candidate is equally likely (distribution)', async (t) => {
  const pool = Array.from({ length: 10 }, (_, i) => i + 1);
  const hits = new Map<number, number>();
  const N = 20_000;
  for (let i = 0; i < N; i++) for (const id of drawRows(`student-${i}`, [{ candidates: pool, count: 3 }])[0]!) hits.set(id, (hits.get(id) ?? 0) + 1);
  const expected = (N * 3) / 10;
  for (const id of pool) t.ok(Math.abs(hits.get(id)! - expected) < expected * 0.05, `question ${id} drawn ${hits.get(id)} times (expected ≈ ${expected})`);
  // Position: each candidate is first in the paper about as often (the order shuffle is fair too).
  const first = new Map<number, number>();
  for (let i = 0; i < N; i++) {
    const p = paperOrder(`student-${i}`, [[1, 2, 3, 4]], true);
    first.set(p[0]!, (first.get(p[0]!) ?? 0) + 1);
  }
  for (const id of [1, 2, 3, 4]) t.ok(Math.abs(first.get(id)! - N / 4) < (N / 4) * 0.06, `question ${id} first ${first.get(id)} times`);
});

t.test('paper order: shuffled together, or row by row', async (t) => {
  const drawn = [[1, 2, 3], [10, 11]];
  t.same(paperOrder('x', drawn, false), [1, 2, 3, 10, 11], 'no shuffle: the matrix order');
  const s = paperOrder('x', drawn, true);
  t.same([...s].sort((a, b) => a - b), [1, 2, 3, 10, 11], 'a permutation');
  t.same(paperOrder('x', drawn, true), s, 'deterministic');
});

t.test('deadline and grace', async (t) => {
  const start = '2026-11-28T02:00:00.000Z';
  t.equal(attemptDeadline(start, 45, '2026-11-28T05:00:00.000Z'), '2026-11-28T02:45:00.000Z', 'the time limit');
  t.equal(attemptDeadline(start, 45, '2026-11-28T02:30:00.000Z'), '2026-11-28T02:30:00.000Z', 'cut at the window close');
  const deadline = '2026-11-28T02:45:00.000Z';
  t.ok(withinGrace(new Date('2026-11-28T02:45:00.000Z'), deadline), 'at the deadline');
  t.ok(withinGrace(new Date(Date.parse(deadline) + GRACE_MS), deadline), 'at the end of the grace');
  t.notOk(withinGrace(new Date(Date.parse(deadline) + GRACE_MS + 1), deadline), 'one millisecond later');
  t.ok(isOverdue(new Date(Date.parse(deadline) + GRACE_MS + 1), deadline));
  t.equal(GRACE_MS, 30_000);
  t.equal(remainingMs(new Date('2026-11-28T02:44:00.000Z'), deadline), 60_000);
  t.equal(remainingMs(new Date('2026-11-28T03:00:00.000Z'), deadline), 0, 'never negative');
  t.equal(windowState(new Date('2026-11-28T01:59:59Z'), start, deadline), 'not_open');
  t.equal(windowState(new Date(start), start, deadline), 'open');
  t.equal(windowState(new Date(deadline), start, deadline), 'closed', 'the close is exclusive');
});

t.test('save sequencing', async (t) => {
  const stored = [{ questionKey: 'q1', answer: 'A', seq: 5 }, { questionKey: 'q2', answer: 'B', seq: 3 }];
  const r = acceptedAnswers(stored, 4, [{ questionKey: 'q1', answer: 'C' }, { questionKey: 'q2', answer: 'D' }, { questionKey: 'q3', answer: 'E' }]);
  t.same(r.accepted, [{ questionKey: 'q2', answer: 'D', seq: 4 }, { questionKey: 'q3', answer: 'E', seq: 4 }], 'newer than what wrote q2; q3 new');
  t.same(r.stale, ['q1'], 'q1 was written by a newer save');
  t.same(acceptedAnswers(stored, 5, [{ questionKey: 'q1', answer: 'Z' }]).accepted, [], 'the same save again changes nothing');
  t.same(acceptedAnswers([], 1, [{ questionKey: 'q1', answer: 'A' }, { questionKey: 'q1', answer: 'B' }]).accepted, [{ questionKey: 'q1', answer: 'B', seq: 1 }], 'inside a batch the last answer wins');
  // Any arrival order of saves 1..5 ends with the answers of the newest save per question.
  const saves = [1, 2, 3, 4, 5].map((seq) => ({ seq, answers: [{ questionKey: `q${seq % 2}`, answer: `v${seq}` }] }));
  for (const order of [[1, 2, 3, 4, 5], [5, 4, 3, 2, 1], [2, 5, 1, 4, 3], [3, 1, 5, 2, 4]]) {
    let st: { questionKey: string; answer: string; seq: number }[] = [];
    for (const i of order) {
      const s = saves[i - 1]!;
      const { accepted } = acceptedAnswers(st, s.seq, s.answers);
      st = [...st.filter((x) => !accepted.some((a) => a.questionKey === x.questionKey)), ...accepted];
    }
    t.same(Object.fromEntries(st.map((x) => [x.questionKey, x.answer])), { q0: 'v4', q1: 'v5' }, `arrival ${order.join(',')}`);
  }
});

t.test('which attempt counts', async (t) => {
  const a = [{ number: 1, score: 7 }, { number: 2, score: 5 }, { number: 3, score: null }];
  t.equal(countingAttempt(a, 'best')!.number, 1);
  t.equal(countingAttempt(a, 'last')!.number, 2, 'the last scored one');
  t.equal(countingAttempt([{ number: 1, score: null }], 'best'), undefined);
  t.equal(countingAttempt([{ number: 1, score: 6 }, { number: 2, score: 6 }], 'best')!.number, 2, 'a tie: the later');
});

const base: QuizInput = {
  title: 'Kiểm tra', subjectId: 1, grade: 6, classIds: [1], kind: 'regular',
  matrix: [{ curriculumLessonId: 1, level: 'nhan_biet', count: 4, pointsEach: 0.5 }, { curriculumLessonId: null, level: 'van_dung', count: 2, pointsEach: 2 }],
  opensAt: '2026-11-28T01:00:00.000Z', closesAt: '2026-11-28T03:00:00.000Z', timeLimitMinutes: 45, attemptsAllowed: 1, attemptScoring: 'best',
  feedback: 'score', shuffleQuestions: true, shuffleOptions: true, gradebookTarget: null,
};

t.test('quiz definition rules', async (t) => {
  t.equal(code(() => checkQuizInput(base)), 'accepted');
  t.equal(code(() => checkQuizInput({ ...base, closesAt: base.opensAt })), 'INVALID_DATE_RANGE');
  t.equal(code(() => checkQuizInput({ ...base, timeLimitMinutes: 0 })), 'VALIDATION_FAILED');
  t.equal(code(() => checkQuizInput({ ...base, matrix: [] })), 'VALIDATION_FAILED');
  t.equal(code(() => checkQuizInput({ ...base, kind: 'midterm', attemptsAllowed: 2 })), 'QUIZ_PERIODIC_RULES', 'Art. 6.2: one attempt');
  t.equal(code(() => checkQuizInput({ ...base, kind: 'endterm', shuffleQuestions: false })), 'QUIZ_PERIODIC_RULES', 'Art. 6.2: shuffled');
  t.equal(code(() => checkQuizInput({ ...base, kind: 'midterm', gradebookTarget: { semesterId: 1, column: { kind: 'midterm' } } })), 'accepted');
  t.equal(code(() => checkQuizInput({ ...base, gradebookTarget: { semesterId: 1, column: { kind: 'endterm' } } })), 'VALIDATION_FAILED', 'regular → a regular column');
  t.equal(code(() => checkMatrixShape([...base.matrix, { ...base.matrix[0]! }])), 'VALIDATION_FAILED', 'duplicate row');
  t.equal(code(() => checkMatrixShape([{ curriculumLessonId: 1, level: 'nhan_biet', count: 100, pointsEach: 1 }, { curriculumLessonId: 2, level: 'nhan_biet', count: 100, pointsEach: 1 }, { curriculumLessonId: 3, level: 'nhan_biet', count: 1, pointsEach: 1 }])), 'VALIDATION_FAILED', 'over 200 questions');
  t.equal(matrixMaxScore(base.matrix), 6);
  t.equal(toTenPointScale(4.5, 6), 7.5);
  t.equal(toTenPointScale(0, 0), 0);
});

t.test('matrix against the bank names the short rows', async (t) => {
  const available = new Map([[rowKey({ curriculumLessonId: 1, level: 'nhan_biet' }), 4], [rowKey({ curriculumLessonId: null, level: 'van_dung' }), 1]]);
  t.same(matrixShortfalls(base.matrix, available, new Map([[1, 'Bài 1. Tập hợp']])), [
    { row: 2, curriculumLessonId: null, lessonTitle: null, level: 'van_dung', levelName: 'Vận dụng', needed: 2, available: 1 },
  ]);
  t.same(matrixShortfalls(base.matrix, new Map(), new Map([[1, 'Bài 1. Tập hợp']]))[0], { row: 1, curriculumLessonId: 1, lessonTitle: 'Bài 1. Tập hợp', level: 'nhan_biet', levelName: 'Nhận biết', needed: 4, available: 0 });
});

t.test('feedback policy never shows more than allowed', async (t) => {
  for (const p of ['none', 'score', 'answers_after_close'] as const) t.same(feedbackVisibility(p, false, true), { score: false, answers: false }, `${p}: nothing before submitting`);
  t.same(feedbackVisibility('none', true, true), { score: false, answers: false });
  t.same(feedbackVisibility('score', true, false), { score: true, answers: false });
  t.same(feedbackVisibility('score', true, true), { score: true, answers: false }, 'never the answers');
  t.same(feedbackVisibility('answers_after_close', true, false), { score: false, answers: false });
  t.same(feedbackVisibility('answers_after_close', true, true), { score: true, answers: true });
});

t.test('answer shapes per question type', async (t) => {
  const single: QuestionContent = { type: 'single', body: { options: [{ id: 'A', text: '1', correct: true }, { id: 'B', text: '2', correct: false }] } };
  t.ok(answerFits(single, 'A'));
  t.notOk(answerFits(single, 'Z'), 'an unknown option');
  t.notOk(answerFits(single, ['A']));
  t.ok(answerFits(single, null), 'null clears');
  const multiple: QuestionContent = { type: 'multiple', body: { options: [{ id: 'A', text: '1', correct: true }, { id: 'B', text: '2', correct: false }] } };
  t.ok(answerFits(multiple, ['A', 'B']));
  t.notOk(answerFits(multiple, ['A', 'A']), 'twice the same option');
  const tf: QuestionContent = { type: 'true_false', body: { statements: [{ id: 'a', text: 'x', correct: true }] } };
  t.ok(answerFits(tf, { a: false }));
  t.ok(answerFits(tf, true), 'one statement: a plain boolean');
  t.notOk(answerFits(tf, { z: true }));
  t.notOk(answerFits(tf, { a: 'yes' }));
  t.ok(answerFits({ type: 'numeric', body: { value: 1, tolerance: 0 } }, '3,5'));
  t.notOk(answerFits({ type: 'numeric', body: { value: 1, tolerance: 0 } }, Infinity));
  const matching: QuestionContent = { type: 'matching', body: { pairs: [{ left: 'a', right: 'b' }, { left: 'c', right: 'd' }] } };
  t.ok(answerFits(matching, ['b', null]));
  t.notOk(answerFits(matching, ['b', 'd', 'x']), 'more than the pairs');
  t.ok(answerFits({ type: 'essay', body: {} }, 'Bài làm'));
  t.notOk(answerFits({ type: 'essay', body: {} }, 'x'.repeat(20_001)));
  t.equal(correctAnswerOf(single), 'A');
  t.same(correctAnswerOf(matching), ['b', 'd']);
});

t.test('results per question: percent right and common wrong answers', async (t) => {
  const q: SnapshotQuestion = { key: 'q1', questionId: 1, stem: '1 + 1 = ?', level: 'nhan_biet', curriculumLessonId: null, points: 1, type: 'single', body: { options: [{ id: 'A', text: '2', correct: true }, { id: 'B', text: '3', correct: false }, { id: 'C', text: '11', correct: false }] } };
  const attempts = ['A', 'A', 'B', 'C', 'C', 'C', undefined].map((a) => ({ questions: [q], answers: new Map(a ? [['q1', a]] : []) }));
  const [s] = questionStats(attempts);
  t.equal(s!.drawn, 7);
  t.equal(s!.answered, 6);
  t.equal(s!.right, 2);
  t.equal(s!.percentRight, 28.6);
  t.same(s!.commonWrong, [{ answer: 'C. 11', count: 3 }, { answer: 'B. 3', count: 1 }]);
});

t.test('Art. 6.2: online-assessment decisions', async (t) => {
  const d = (over: object) => ({ id: 1, type: 'online_assessment' as const, classIds: [1, 2] as number[] | 'all', subjectIds: [5] as number[] | 'all', startsOn: '2026-11-01', endsOn: '2026-11-10', revokedAt: null as string | null, ...over });
  const need = { classIds: [1], subjectIds: [5], startsOn: '2026-11-03', endsOn: '2026-11-03' };
  t.same(uncoveredByOnlineAssessment([d({})], need), [], 'covered');
  t.equal(uncoveredByOnlineAssessment([d({ revokedAt: '2026-11-02T00:00:00Z' })], need).length, 1, 'a revoked decision does not count');
  t.equal(uncoveredByOnlineAssessment([d({ type: 'force_majeure' })], need).length, 1, 'force majeure alone is not an assessment decision');
  t.equal(uncoveredByOnlineAssessment([d({ subjectIds: [6] })], need).length, 1, 'another subject');
  t.same(uncoveredByOnlineAssessment([d({ endsOn: '2026-11-03' }), d({ id: 2, startsOn: '2026-11-04', endsOn: '2026-11-05' })], { ...need, endsOn: '2026-11-05' }), [], 'two decisions in a row');
  const input = { type: 'online_assessment' as const, mode: null, classIds: [1], subjectIds: [5], startsOn: '2026-11-01', endsOn: '2026-11-02', reason: 'Bão', documentNumber: null };
  t.equal(code(() => checkDecisionInput(input)), 'accepted');
  t.equal(code(() => checkDecisionInput({ ...input, mode: 'replacing' })), 'VALIDATION_FAILED', 'no mode');
});
