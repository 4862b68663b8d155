import t from 'tap';
import { cleanText, cleanTitle, isUnanswered, MAX_ANSWERS_PER_WINDOW, MAX_QUESTIONS_PER_WINDOW, sortThreads, tooManyPosts } from '../../server/src/domain/qa/qa-rules.js';

t.test('plain text is cleaned, never interpreted', async (t) => {
  t.equal(cleanText('  Em chưa hiểu\r\nbài 3  '), 'Em chưa hiểu\nbài 3');
  t.equal(cleanText('<script>alert(1)</script>'), '<script>alert(1)</script>', 'markup stays text (escaped when shown)');
  t.equal(cleanText('a\u0000b\u202Ec\u200Bd'), 'abcd', 'control and direction-override characters go');
  t.equal(cleanText('a\n\n\n\n\n\nb'), 'a\n\n\nb', 'at most two blank lines');
  t.equal(cleanText('Cho\u0301'), 'Chó', 'NFC: the same letters compare equal');
  t.equal(cleanTitle(' Phân số\n  tối giản  '), 'Phân số tối giản', 'a title is one line');
});

t.test('posting limits', async (t) => {
  t.notOk(tooManyPosts('question', { questions: MAX_QUESTIONS_PER_WINDOW - 1, answers: 100 }));
  t.ok(tooManyPosts('question', { questions: MAX_QUESTIONS_PER_WINDOW, answers: 0 }));
  t.notOk(tooManyPosts('answer', { questions: 100, answers: MAX_ANSWERS_PER_WINDOW - 1 }));
  t.ok(tooManyPosts('answer', { questions: 0, answers: MAX_ANSWERS_PER_WINDOW }));
});

t.test('threads: pinned first, the teacher sees unanswered ones next (oldest first)', async (t) => {
  const q = (id: number, f: Partial<{ pinned: boolean; answerCount: number; bestAnswerId: number | null; lockedAt: string | null; hiddenAt: string | null; lastActivityAt: string }>) => ({
    id, pinned: false, answerCount: 1, bestAnswerId: null, lockedAt: null, hiddenAt: null, lastActivityAt: `2026-11-0${id}T00:00:00Z`, ...f,
  });
  const list = [q(1, { answerCount: 0 }), q(2, {}), q(3, { answerCount: 0 }), q(4, { pinned: true }), q(5, { hiddenAt: '2026-11-06T00:00:00Z', answerCount: 0 }), q(6, {}), q(7, { answerCount: 0, lockedAt: 'x' })];
  t.same(sortThreads(list, true).map((x) => x.id), [4, 1, 3, 7, 6, 2, 5], 'teacher: pinned, unanswered oldest first, the rest newest first, hidden last');
  t.same(sortThreads(list, false).map((x) => x.id), [4, 7, 6, 3, 2, 1, 5], 'students: pinned, then newest activity');
  t.ok(isUnanswered(list[0]!));
  t.notOk(isUnanswered(list[6]!), 'a locked thread waits for nobody');
  t.notOk(isUnanswered(list[4]!), 'a hidden one neither');
});
