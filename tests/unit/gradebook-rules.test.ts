import t from 'tap';
import {
  baseLevel, commentSemesterResult, commentYearResult, learningLevel, regularAssessmentCount, secondaryColumns, semesterAverage,
  type SubjectOutcome, yearAverage,
} from '../../server/src/domain/gradebook/circular22-rules.js';
import { isMidtermTestSubject, parsePrimaryTestText, primaryColumns, primaryTestFromTenths, primaryYearResult } from '../../server/src/domain/gradebook/circular27-rules.js';
import { layoutFor, parseCellText, valueFits, valueText } from '../../server/src/domain/gradebook/gradebook-layout.js';
import { formatTenths, numberToTenths, parseScoreText, roundHalfUpRatio } from '../../server/src/domain/gradebook/score-rules.js';

t.test('scores are tenths, rounded half up on the decimal value (Circular 22 Art. 5.2)', async (t) => {
  t.equal(numberToTenths(6.45), 65, '6.45 → 6.5 although the float is 6.4499999…');
  t.equal(numberToTenths(6.449), 64);
  t.equal(numberToTenths(1.05), 11, '1.05 → 1.1 (float 1.0499999…)');
  t.equal(numberToTenths(7.25), 73);
  t.equal(numberToTenths(9.95), 100);
  t.equal(numberToTenths(0.1 + 0.2), 3, '0.30000000000000004 → 0.3');
  t.equal(numberToTenths(10), 100);
  t.equal(numberToTenths(0), 0);
  t.equal(numberToTenths(2e-7), 0);
  t.equal(numberToTenths(-0.5), null);
  t.equal(numberToTenths(Number.NaN), null);
  t.equal(roundHalfUpRatio(5, 2), 3, '2.5 → 3');
  t.equal(roundHalfUpRatio(7, 3), 2);
  t.equal(roundHalfUpRatio(8, 3), 3);
  t.throws(() => roundHalfUpRatio(1, 0));
  t.equal(formatTenths(65), '6.5');
  t.equal(formatTenths(65, 'vi'), '6,5');
  t.equal(formatTenths(100), '10.0');
});

t.test('what the teacher types: 0–10, one decimal at most, comma or dot', async (t) => {
  t.equal(parseScoreText('7'), 70);
  t.equal(parseScoreText('6,5'), 65);
  t.equal(parseScoreText(' 6.5 '), 65);
  t.equal(parseScoreText('10'), 100);
  t.equal(parseScoreText('0'), 0);
  t.equal(parseScoreText('10.5'), null);
  t.equal(parseScoreText('11'), null);
  t.equal(parseScoreText('6.55'), null, 'two decimals are refused');
  t.equal(parseScoreText('-1'), null);
  t.equal(parseScoreText(''), null);
  t.equal(parseScoreText('abc'), null);
  t.equal(parseScoreText('6,'), null);
  t.same(parseCellText('pass', 'Đ'), { scoreTenths: null, mark: 'D' });
  t.same(parseCellText('pass', 'đạt'), { scoreTenths: null, mark: 'D' });
  t.same(parseCellText('pass', 'CĐ'), { scoreTenths: null, mark: 'CD' });
  t.same(parseCellText('pass', 'Chưa đạt'), { scoreTenths: null, mark: 'CD' });
  t.equal(parseCellText('pass', '7'), null, 'a comment subject takes no score');
  t.equal(parseCellText('score', 'Đ'), null, 'a score subject takes no Đạt');
  t.same(parseCellText('level', 'Hoàn thành tốt'), { scoreTenths: null, mark: 'HTT' });
  t.same(parseCellText('level', 'cht'), { scoreTenths: null, mark: 'CHT' });
  t.same(parseCellText('test', '8'), { scoreTenths: 80, mark: null });
  t.equal(parseCellText('test', '8.5'), null, 'primary tests have no decimals (Circular 27 Art. 7.2)');
  t.ok(valueFits('score', { scoreTenths: 65, mark: null }));
  t.notOk(valueFits('score', { scoreTenths: 101, mark: null }));
  t.notOk(valueFits('test', { scoreTenths: 65, mark: null }));
  t.notOk(valueFits('pass', { scoreTenths: null, mark: 'HTT' }));
  t.equal(valueText({ scoreTenths: 65, mark: null }), '6.5');
  t.equal(valueText({ scoreTenths: null, mark: 'CD' }), 'CD');
  t.equal(valueText(null), null);
});

t.test('number of regular assessments per semester (Circular 22 Art. 6.2)', async (t) => {
  t.equal(regularAssessmentCount('score', 35), 2, 'GDCD, Tin học: 35 periods → 2');
  t.equal(regularAssessmentCount('score', 36), 3);
  t.equal(regularAssessmentCount('score', 52), 3, 'Công nghệ 8–9: 52 periods → 3');
  t.equal(regularAssessmentCount('score', 70), 3);
  t.equal(regularAssessmentCount('score', 71), 4);
  t.equal(regularAssessmentCount('score', 105), 4, 'Ngoại ngữ 1: 105 → 4');
  t.equal(regularAssessmentCount('score', 140), 4, 'Toán: 140 → 4');
  t.equal(regularAssessmentCount('comment', 70), 2, 'GDTC (comment): 2');
  t.equal(regularAssessmentCount('comment', 105), 2, 'HĐTN-HN (comment): 2');
  t.same(secondaryColumns('score', 140).map((c) => c.label), ['ĐĐGtx1', 'ĐĐGtx2', 'ĐĐGtx3', 'ĐĐGtx4', 'ĐĐGgk', 'ĐĐGck']);
  t.same(secondaryColumns('comment', 70).map((c) => c.label), ['ĐĐGtx1', 'ĐĐGtx2', 'ĐĐGgk', 'ĐĐGck']);
  t.same(layoutFor('lower_secondary', { name: 'Giáo dục thể chất', assessment: 'comment' }, 6, 70).map((c) => c.value), ['pass', 'pass', 'pass', 'pass']);
  t.same(layoutFor('upper_secondary', { name: 'Toán', assessment: 'score' }, 10, 105).length, 6);
});

t.test('semester average ĐTBmhk = (TĐĐGtx + 2·ĐĐGgk + 3·ĐĐGck) / (n + 5) (Art. 9.1)', async (t) => {
  // Toán, 4 ĐĐGtx: 8, 7, 9, 6.5; ĐĐGgk 7; ĐĐGck 8 → (30.5 + 14 + 24) / 9 = 68.5 / 9 = 7.6111 → 7.6
  t.same(semesterAverage([80, 70, 90, 65], 70, 80), { complete: true, value: 76 });
  // GDCD, 2 ĐĐGtx: 7, 8; gk 6; ck 7 → (15 + 12 + 21) / 7 = 48 / 7 = 6.857 → 6.9
  t.same(semesterAverage([70, 80], 60, 70), { complete: true, value: 69 });
  // Exactly at .x5: 3 ĐĐGtx 6, 6, 6.5; gk 6; ck 6.5 → (18.5 + 12 + 19.5) / 8 = 50 / 8 = 6.25 → 6.3 (half up)
  t.same(semesterAverage([60, 60, 65], 60, 65), { complete: true, value: 63 });
  // 2 ĐĐGtx 10, 10; gk 10; ck 10 → 10.0; all zeros → 0.0
  t.same(semesterAverage([100, 100], 100, 100), { complete: true, value: 100 });
  t.same(semesterAverage([0, 0], 0, 0), { complete: true, value: 0 });
  // Missing marks: no average, and which are missing (a student who joined mid-semester, an absence)
  t.same(semesterAverage([80, null, 90, null], 70, null), {
    complete: false,
    missing: [{ kind: 'regular', slot: 2, label: 'ĐĐGtx2' }, { kind: 'regular', slot: 4, label: 'ĐĐGtx4' }, { kind: 'endterm', slot: 0, label: 'ĐĐGck' }],
  });
  t.same(semesterAverage([80, 80], null, 80), { complete: false, missing: [{ kind: 'midterm', slot: 0, label: 'ĐĐGgk' }] });
});

t.test('year average ĐTBmcn = (ĐTBmhkI + 2·ĐTBmhkII) / 3 from the rounded semester averages', async (t) => {
  t.equal(yearAverage(76, 80), 79, '(7.6 + 16.0) / 3 = 7.8667 → 7.9');
  t.equal(yearAverage(65, 70), 68, '(6.5 + 14) / 3 = 6.8333 → 6.8');
  t.equal(yearAverage(64, 65), 65, '(6.4 + 13) / 3 = 6.4667 → 6.5');
  t.equal(yearAverage(71, 72), 72, '(7.1 + 14.4) / 3 = 7.1667 → 7.2');
  t.equal(yearAverage(null, 80), null);
  t.equal(yearAverage(80, null), null);
});

t.test('comment-only subjects: Đạt when every required assessment is there and Đạt (Art. 9.1)', async (t) => {
  t.same(commentSemesterResult(['D', 'D'], 'D', 'D'), { complete: true, value: 'D' });
  t.same(commentSemesterResult(['D', 'CD'], 'D', 'D'), { complete: true, value: 'CD' });
  t.same(commentSemesterResult(['D', 'D'], 'D', 'CD'), { complete: true, value: 'CD' });
  t.same(commentSemesterResult(['D', null], 'D', 'D'), { complete: false, missing: [{ kind: 'regular', slot: 2, label: 'ĐĐGtx2' }] });
  t.equal(commentYearResult('D'), 'D', 'the year result is the semester II result');
  t.equal(commentYearResult('CD'), 'CD');
  t.equal(commentYearResult(null), null);
});

// The demo THCS: 8 score subjects (NV, TOAN, NN1, GDCD, LSDL, KHTN, CN, TIN) and 5 comment subjects.
function student(scores: number[], comments: ('D' | 'CD')[] = ['D', 'D', 'D', 'D', 'D']): SubjectOutcome[] {
  return [
    ...scores.map((average, i): SubjectOutcome => ({ subjectId: i + 1, assessment: 'score', average })),
    ...comments.map((result, i): SubjectOutcome => ({ subjectId: 100 + i, assessment: 'comment', result })),
  ];
}

t.test('learning-result levels (Art. 9.2)', async (t) => {
  const level = (o: SubjectOutcome[]) => { const r = learningLevel(o); return r.complete ? r.level : null; };
  t.equal(level(student([80, 80, 80, 80, 80, 80, 65, 65])), 'T', 'Tốt: 6 subjects ≥ 8.0, none < 6.5');
  t.equal(level(student([80, 80, 80, 80, 80, 79, 90, 90])), 'T', 'six ≥ 8.0 counting the 9.0s');
  t.equal(level(student([80, 80, 80, 80, 80, 79, 65, 65])), 'K', 'only 5 subjects ≥ 8.0 → Khá');
  t.equal(level(student([90, 90, 90, 90, 90, 90, 90, 64])), 'K', 'one subject 6.4 < 6.5 → Khá');
  t.equal(baseLevel([90, 90, 90, 90, 90, 90, 90, 90], ['D', 'D', 'D', 'D', 'CD']), 'D', 'one comment subject Chưa đạt → Đạt before the adjustment of Art. 9.3');
  t.equal(level(student([65, 65, 65, 65, 65, 65, 50, 50])), 'K', 'Khá: 6 ≥ 6.5, none < 5.0');
  t.equal(level(student([65, 65, 65, 65, 65, 64, 50, 50])), 'D', 'only 5 ≥ 6.5 → Đạt');
  t.equal(level(student([50, 50, 50, 50, 50, 50, 35, 35])), 'D', 'Đạt: 6 ≥ 5.0, none < 3.5');
  t.equal(level(student([50, 50, 50, 50, 50, 49, 40, 40])), 'CD', 'only 5 ≥ 5.0 → Chưa đạt');
  t.equal(level(student([90, 90, 90, 90, 90, 90, 90, 90], ['D', 'D', 'D', 'CD', 'CD'])), 'CD', 'two comment subjects Chưa đạt');
  t.equal(baseLevel([50, 50, 50, 50, 50, 50, 34], []), 'CD', 'a subject below 3.5 → Chưa đạt');
  t.equal(baseLevel([80, 80, 80, 80, 80, 80], []), 'T');
  t.equal(baseLevel([100, 100, 100, 100, 100], []), 'CD', 'fewer than 6 score subjects cannot reach Đạt');
});

t.test('adjustment when one subject alone lowers the level by two or more (Art. 9.3)', async (t) => {
  // Tốt in everything but Toán 3.0 (< 3.5): base Chưa đạt, 3 levels down because of one subject → Đạt.
  const r1 = learningLevel(student([30, 90, 90, 90, 90, 90, 90, 90]));
  t.same(r1, { complete: true, level: 'D', base: 'CD', adjusted: true, adjustedBySubjectId: 1 });
  // Tốt in everything but Toán 4.5 (< 5.0 → not Khá; ≥ 3.5 → Đạt): 2 levels down → Khá.
  const r2 = learningLevel(student([45, 90, 90, 90, 90, 90, 90, 90]));
  t.same(r2, { complete: true, level: 'K', base: 'D', adjusted: true, adjustedBySubjectId: 1 });
  // Tốt but one comment subject Chưa đạt: base Đạt, 2 levels below Tốt → Khá.
  const r3 = learningLevel(student([90, 90, 90, 90, 90, 90, 90, 90], ['D', 'D', 'CD', 'D', 'D']));
  t.same(r3, { complete: true, level: 'K', base: 'D', adjusted: true, adjustedBySubjectId: 102 });
  // Tốt but 6.0 in one subject: Khá, only one level down → no adjustment.
  const r4 = learningLevel(student([60, 90, 90, 90, 90, 90, 90, 90]));
  t.same(r4, { complete: true, level: 'K', base: 'K', adjusted: false, adjustedBySubjectId: null });
  // Khá but one subject 3.0: base Chưa đạt, 2 levels below Khá → Đạt.
  const r5 = learningLevel(student([30, 70, 70, 70, 70, 70, 70, 70]));
  t.same(r5, { complete: true, level: 'D', base: 'CD', adjusted: true, adjustedBySubjectId: 1 });
  // Two weak subjects: not "only one subject" → no adjustment.
  const r6 = learningLevel(student([30, 30, 90, 90, 90, 90, 90, 90]));
  t.same(r6, { complete: true, level: 'CD', base: 'CD', adjusted: false, adjustedBySubjectId: null });
  // Đạt-level student with one subject 3.0: would be only Đạt (not Tốt/Khá) → no adjustment.
  const r7 = learningLevel(student([30, 55, 55, 55, 55, 55, 55, 55]));
  t.same(r7, { complete: true, level: 'CD', base: 'CD', adjusted: false, adjustedBySubjectId: null });
});

t.test('levels need every subject result; the missing ones are named', async (t) => {
  const o = student([80, 80, 80, 80, 80, 80, 80, 80]);
  (o[2] as { average: number | null }).average = null;
  (o[9] as { result: string | null }).result = null;
  t.same(learningLevel(o), { complete: false, missingSubjectIds: [3, 101] });
});

t.test('primary school (Circular 27/2020)', async (t) => {
  t.same(primaryColumns({ name: 'Toán', hasTest: true }, 5).map((c) => c.kind), ['midterm_level', 'midterm', 'endterm_level', 'endterm'], 'grade 5 Toán: mid-semester test too');
  t.same(primaryColumns({ name: 'Toán', hasTest: true }, 3).map((c) => c.kind), ['midterm_level', 'endterm_level', 'endterm'], 'grade 3: end-of-term test only');
  t.same(primaryColumns({ name: 'Khoa học', hasTest: true }, 5).map((c) => c.kind), ['midterm_level', 'endterm_level', 'endterm']);
  t.same(primaryColumns({ name: 'Đạo đức', hasTest: false }, 5).map((c) => c.kind), ['midterm_level', 'endterm_level'], 'no test: levels only');
  t.ok(isMidtermTestSubject('Tiếng Việt'));
  t.notOk(isMidtermTestSubject('Tiếng Anh'));
  t.equal(parsePrimaryTestText('0'), 0, '0 is allowed (the old rule against 0 is gone)');
  t.equal(parsePrimaryTestText('10'), 100);
  t.equal(parsePrimaryTestText('7,5'), null, 'no decimals');
  t.equal(parsePrimaryTestText('11'), null);
  t.equal(primaryTestFromTenths(75), 80, 'a quiz 7.5 → 8');
  t.equal(primaryTestFromTenths(74), 70);
  const q = ['T', 'T', 'T'] as const;
  t.equal(primaryYearResult({ levels: ['HTT', 'HTT'], tests: [90, 100], qualities: [...q] }), 'HTXS');
  t.equal(primaryYearResult({ levels: ['HTT', 'HTT'], tests: [80, 100], qualities: [...q] }), 'HTT', 'a test 8 < 9');
  t.equal(primaryYearResult({ levels: ['HTT', 'HT'], tests: [90, 100], qualities: [...q] }), 'HT', 'one subject HT');
  t.equal(primaryYearResult({ levels: ['HTT', 'HTT'], tests: [90, 100], qualities: ['T', 'D'] }), 'HT', 'one quality Đạt');
  t.equal(primaryYearResult({ levels: ['HT', 'HT'], tests: [50, 60], qualities: ['D'] }), 'HT');
  t.equal(primaryYearResult({ levels: ['HT', 'HT'], tests: [40, 60], qualities: ['D'] }), 'CHT', 'a test below 5');
  t.equal(primaryYearResult({ levels: ['HT', 'CHT'], tests: [90], qualities: ['T'] }), 'CHT');
  t.equal(primaryYearResult({ levels: ['HT', 'HT'], tests: [90], qualities: ['CCG'] }), 'CHT', 'Cần cố gắng');
  t.equal(primaryYearResult({ levels: ['HT', null], tests: [90], qualities: ['T'] }), null);
});
