import t from 'tap';
import { parseVietnameseNumber, pointsEarned, publicQuestion, scoreAnswer, seededShuffle, normalizeShortAnswer } from '../../server/src/domain/questions/question-scoring.js';
import type { QuestionContent } from '../../server/src/domain/questions/question.types.js';

const single: QuestionContent = { type: 'single', body: { options: [{ id: 'A', text: '1', correct: false }, { id: 'B', text: '2', correct: false }, { id: 'C', text: '3', correct: true }, { id: 'D', text: '4', correct: false }], explanation: 'vì 3' } };
const multiple: QuestionContent = { type: 'multiple', body: { options: [{ id: 'A', text: '0', correct: true }, { id: 'B', text: '15', correct: true }, { id: 'C', text: '2,5', correct: false }, { id: 'D', text: '−3', correct: false }] } };
const tf: QuestionContent = { type: 'true_false', body: { statements: [{ id: 'a', text: '7 là số nguyên tố', correct: true }, { id: 'b', text: '9 là số nguyên tố', correct: false }, { id: 'c', text: '2 là số chẵn', correct: true }, { id: 'd', text: '1 là số nguyên tố', correct: false }] } };
const tf1: QuestionContent = { type: 'true_false', body: { statements: [{ id: 'a', text: 'Số 2 là số nguyên tố', correct: true }] } };
const short: QuestionContent = { type: 'short', body: { accepted: ['Hà Nội', 'thủ đô Hà Nội'] } };
const shortFold: QuestionContent = { type: 'short', body: { accepted: ['Hà Nội'], ignoreDiacritics: true } };
const numeric: QuestionContent = { type: 'numeric', body: { value: 3.5, tolerance: 0.1 } };
const exact: QuestionContent = { type: 'numeric', body: { value: 0.3, tolerance: 0 } };
const matching: QuestionContent = { type: 'matching', body: { pairs: [{ left: 'IX', right: '9' }, { left: 'XI', right: '11' }, { left: 'XXIV', right: '24' }, { left: 'XL', right: '40' }], distractors: ['26'] } };
const essay: QuestionContent = { type: 'essay', body: { rubric: 'Mỗi ý 1 điểm', maxWords: 100 } };

const f = (q: QuestionContent, a: unknown) => scoreAnswer(q, a).fraction;

t.test('single choice', async (t) => {
  t.same(scoreAnswer(single, 'C'), { fraction: 1, needsManualGrading: false });
  t.equal(f(single, 'A'), 0);
  t.equal(f(single, 'c'), 0, 'ids are exact');
  t.equal(f(single, 'Z'), 0, 'unknown option');
  t.equal(f(single, ['C']), 0, 'wrong type: an array');
  t.equal(f(single, undefined), 0, 'no answer');
});

t.test('multiple choice: right minus wrong over the number of correct options, floor 0', async (t) => {
  t.equal(f(multiple, ['A', 'B']), 1, 'all correct, nothing wrong');
  t.equal(f(multiple, ['B', 'A']), 1, 'order does not matter');
  t.equal(f(multiple, ['A']), 0.5, 'half');
  t.equal(f(multiple, ['A', 'C']), 0, 'one right, one wrong');
  t.equal(f(multiple, ['A', 'B', 'C']), 0.5, 'two right, one wrong');
  t.equal(f(multiple, ['A', 'B', 'C', 'D']), 0, 'choosing everything earns nothing');
  t.equal(f(multiple, ['C', 'D']), 0, 'floor 0, never negative');
  t.equal(f(multiple, ['A', 'A', 'A']), 0.5, 'a duplicate counts once');
  t.equal(f(multiple, ['A', 'B', 'X']), 0.5, 'an unknown id counts as a wrong choice');
  t.equal(f(multiple, ['A', 'B', 1]), 0.5, 'a non-string entry counts as wrong');
  t.equal(f(multiple, []), 0, 'nothing chosen');
  t.equal(f(multiple, 'A'), 0, 'a string instead of an array');
  t.equal(f(multiple, Array.from({ length: 100000 }, () => 'A')), 0, 'a huge array is refused');
  t.equal(f(multiple, { 0: 'A', 1: 'B', length: 2 }), 0, 'an array-like object is not an array');
});

t.test('true/false: share of statements judged correctly', async (t) => {
  t.equal(f(tf, { a: true, b: false, c: true, d: false }), 1);
  t.equal(f(tf, { a: true, b: false, c: true }), 0.75, 'a missing judgement is not correct');
  t.equal(f(tf, { a: false, b: true, c: false, d: true }), 0);
  t.equal(f(tf, { a: 'true', b: 'false', c: 1, d: 0 }), 0, 'only booleans count');
  t.equal(f(tf, ['true']), 0, 'an array');
  t.equal(f(tf1, true), 1, 'one statement: a plain boolean answer');
  t.equal(f(tf1, false), 0);
  t.equal(f(tf, true), 0, 'a plain boolean on several statements');
  const hostile = JSON.parse('{"__proto__": {"a": true}, "constructor": true, "b": false}');
  t.equal(f(tf, hostile), 0.25, 'prototype keys are not statements (only own b counts)');
  const inherited = Object.create({ a: true, c: true });
  t.equal(f(tf, inherited), 0, 'inherited properties are ignored');
});

t.test('short answer: NFC, trim, spaces, case; diacritics significant unless ignoreDiacritics', async (t) => {
  t.equal(f(short, 'Hà Nội'), 1);
  t.equal(f(short, '  hà   nội '), 1, 'spaces and case');
  t.equal(f(short, 'HÀ NỘI'), 1, 'upper case Vietnamese');
  t.equal(f(short, 'Ha\u0300 No\u0323\u0302i'), 1, 'decomposed (NFD) input equals the composed answer');
  t.equal(f(short, 'Ha Noi'), 0, 'diacritics are significant by default');
  t.equal(f(short, 'Hà Nộ'), 0);
  t.equal(f(short, 'Thủ đô   Hà Nội'), 1, 'any accepted answer');
  t.equal(f(shortFold, 'ha noi'), 1, 'ignoreDiacritics');
  t.equal(f(shortFold, 'HA NOI'), 1);
  t.equal(f(shortFold, 'Hà Nam'), 0);
  t.equal(f(short, ''), 0, 'empty');
  t.equal(f(short, '   '), 0, 'blank');
  t.equal(f(short, 42), 0, 'a number');
  t.equal(f(short, { toString: () => 'Hà Nội' }), 0, 'an object that stringifies');
  t.equal(f(short, 'x'.repeat(100000)), 0, 'a huge string');
  t.equal(normalizeShortAnswer('  Đà   Nẵng '), 'đà nẵng');
  t.equal(normalizeShortAnswer('Đà Nẵng', true), 'da nang', 'folding turns đ into d');
});

t.test('numeric: absolute tolerance, Vietnamese decimal comma in text', async (t) => {
  t.equal(f(numeric, 3.5), 1);
  t.equal(f(numeric, 3.6), 1, 'at the edge of the tolerance');
  t.equal(f(numeric, 3.4), 1);
  t.equal(f(numeric, 3.61), 0, 'just outside');
  t.equal(f(numeric, '3,5'), 1, 'decimal comma');
  t.equal(f(numeric, ' 3,55 '), 1);
  t.equal(f(numeric, '3.5'), 1, 'decimal point');
  t.equal(f(numeric, '7/2'), 1, 'a fraction');
  t.equal(f(numeric, '+3,5'), 1);
  t.equal(f(numeric, '−3,5'), 0, 'a Unicode minus is read, and the sign matters');
  t.equal(f(numeric, '3,5 cm'), 0, 'text after the number is not a number');
  t.equal(f(numeric, 'ba phẩy năm'), 0);
  t.equal(f(numeric, NaN), 0);
  t.equal(f(numeric, Infinity), 0);
  t.equal(f(numeric, null), 0);
  t.equal(f(numeric, ['3.5']), 0);
  t.equal(f(numeric, '1e400'), 0, 'exponent notation is not accepted');
  t.equal(f(exact, 0.1 + 0.2), 1, 'binary rounding does not fail an exact answer');
  t.equal(f(exact, '0,3'), 1);
  t.equal(f(exact, 0.31), 0);
  t.equal(parseVietnameseNumber('1.234,5'), 1234.5, 'thousands dot, decimal comma');
  t.equal(parseVietnameseNumber('1,234.5'), 1234.5, 'English style');
  t.equal(parseVietnameseNumber('30 000'), 30000, 'space thousands separator');
  t.equal(parseVietnameseNumber('1.234.567'), 1234567);
  t.equal(parseVietnameseNumber('-0,25'), -0.25);
  t.equal(parseVietnameseNumber('−3,5'), -3.5, 'Unicode minus');
  t.equal(parseVietnameseNumber('5/0'), undefined);
  t.equal(parseVietnameseNumber(''), undefined);
  t.equal(parseVietnameseNumber('1'.repeat(100)), undefined, 'too long');
});

t.test('matching: per pair, by right text', async (t) => {
  t.equal(f(matching, ['9', '11', '24', '40']), 1);
  t.equal(f(matching, ['9', '11', '26', null]), 0.5, 'a distractor and a blank');
  t.equal(f(matching, ['11', '9', '24', '40']), 0.5, 'two swapped');
  t.equal(f(matching, [' 9 ', '11', '24', '40']), 1, 'spaces normalized');
  t.equal(f(matching, ['9', '9', '9', '9']), 0.25, 'the same right for every left earns one pair');
  t.equal(f(matching, { 0: '9' }), 0, 'an object');
  t.equal(f(matching, Array.from({ length: 10000 }, () => '9')), 0, 'a huge array is refused');
  t.equal(f(matching, [9, 11, 24, 40]), 0, 'numbers are not texts');
});

t.test('essay needs manual grading; malformed questions never throw', async (t) => {
  t.same(scoreAnswer(essay, 'Bài làm'), { fraction: 0, needsManualGrading: true });
  t.same(scoreAnswer(essay, undefined), { fraction: 0, needsManualGrading: true });
  const broken = { type: 'single', body: null } as unknown as QuestionContent;
  t.same(scoreAnswer(broken, 'A'), { fraction: 0, needsManualGrading: false }, 'a broken question scores 0');
  const unknown = { type: 'drawing', body: {} } as unknown as QuestionContent;
  t.same(scoreAnswer(unknown, 'A'), { fraction: 0, needsManualGrading: false });
  const getterBomb = { get a() { throw new Error('boom'); } };
  t.same(scoreAnswer(tf, getterBomb), { fraction: 0, needsManualGrading: false }, 'a throwing getter does not escape');
  t.equal(pointsEarned(0.25, scoreAnswer(multiple, ['A'])), 0.13, 'points rounded to 0.01');
  t.equal(pointsEarned(2, scoreAnswer(single, 'C')), 2);
});

t.test('public view: no key, deterministic shuffle by seed', async (t) => {
  const q = { id: 7, stem: 'Tập hợp A = {1; 2; 3} có bao nhiêu phần tử?', points: 1, ...single };
  const plain = publicQuestion(q);
  t.same(plain, { id: 7, stem: q.stem, points: 1, type: 'single', body: { options: [{ id: 'A', text: '1' }, { id: 'B', text: '2' }, { id: 'C', text: '3' }, { id: 'D', text: '4' }] } }, 'authored order without a seed');
  t.notOk(JSON.stringify(plain).includes('correct'), 'no correct flag');
  t.notOk(JSON.stringify(plain).includes('vì 3'), 'no explanation');
  const a = publicQuestion(q, 'attempt-1');
  t.same(publicQuestion(q, 'attempt-1'), a, 'the same seed gives the same order');
  const orders = new Set(Array.from({ length: 20 }, (_, i) => JSON.stringify(publicQuestion(q, `attempt-${i}`).body)));
  t.ok(orders.size > 3, 'different seeds give different orders');
  t.same(new Set((a.body as { options: { id: string }[] }).options.map((o) => o.id)), new Set(['A', 'B', 'C', 'D']), 'same options');
  const kept = publicQuestion({ ...q, body: { ...single.body, keepOrder: true } } as typeof q, 'attempt-1');
  t.same((kept.body as { options: { id: string }[] }).options.map((o) => o.id), ['A', 'B', 'C', 'D'], 'keepOrder is respected');

  const m = publicQuestion({ id: 3, stem: 'Nối', ...multiple }, 1);
  t.equal((m.body as { correctCount: number }).correctCount, 2, 'multiple tells how many to choose');
  const pm = publicQuestion({ id: 4, stem: 'Nối', ...matching }, 5);
  const body = pm.body as { left: string[]; right: string[] };
  t.same(body.left, ['IX', 'XI', 'XXIV', 'XL'], 'left items in order');
  t.same([...body.right].sort(), ['11', '24', '26', '40', '9'], 'right items and distractors, shuffled');
  const unseeded = publicQuestion({ id: 4, stem: 'Nối', ...matching }).body as { right: string[] };
  t.notSame(unseeded.right, ['9', '11', '24', '40', '26'], 'never in key order, even without a seed');
  const tfp = publicQuestion({ stem: 'Đ/S', ...tf });
  t.notOk(JSON.stringify(tfp).includes('correct'), 'statements without their truth');
  t.same(publicQuestion({ stem: 's', ...short }).body, {}, 'short: no accepted answers');
  t.same(publicQuestion({ stem: 's', ...numeric }).body, {}, 'numeric: no value');
  t.same(publicQuestion({ stem: 's', ...essay }).body, { maxWords: 100 }, 'essay: no rubric');
  t.same(seededShuffle([1, 2, 3, 4, 5], 'x'), seededShuffle([1, 2, 3, 4, 5], 'x'));
  t.same(seededShuffle([], 'x'), []);
});
