import t from 'tap';
import {
  findSubject, groupAccepted, isCurriculumHeaderRow, parseCurriculumTable, planReplace, splitOutcomes, joinOutcomes,
  type CurriculumImportContext, type CurriculumTableInput,
} from '../../server/src/domain/curriculum/curriculum-import.js';
import { checkFields, cleanFields, reorder } from '../../server/src/domain/curriculum/curriculum-rules.js';
import type { CurriculumLesson } from '../../server/src/domain/curriculum/curriculum.types.js';
import { DomainError } from '../../server/src/domain/shared/errors.js';

const SUBJECTS = [
  { id: 1, code: 'TOAN', name: 'Toán', grades: [6, 7, 8, 9] },
  { id: 2, code: 'NV', name: 'Ngữ văn', grades: [6, 7, 8, 9] },
  { id: 3, code: 'CN', name: 'Công nghệ', grades: [6, 7, 8, 9] },
  { id: 4, code: 'GDDP', name: 'Nội dung giáo dục của địa phương', grades: [6] },
];
const ctx = (over: Partial<CurriculumImportContext> = {}): CurriculumImportContext => ({ subjects: SUBJECTS, manageable: 'all', ...over });
const table = (headers: string[], rows: (string | null)[][], firstRow = 2): CurriculumTableInput => ({
  headers, rows: rows.map((r, i) => ({ rowNumber: firstRow + i, cells: Object.fromEntries(headers.map((h, j) => [h, r[j] ?? null])) })),
});
const H = ['Môn', 'Khối', 'STT', 'Chủ đề/Chương', 'Tên bài', 'Số tiết', 'Yêu cầu cần đạt'];

t.test('headers are found with or without diacritics, below title lines', async (t) => {
  t.ok(isCurriculumHeaderRow(H));
  t.ok(isCurriculumHeaderRow(['mon hoc', 'khoi', 'ten bai']));
  t.ok(isCurriculumHeaderRow(['TÊN BÀI HỌC', 'SỐ TIẾT']));
  t.notOk(isCurriculumHeaderRow(['CHƯƠNG TRÌNH MÔN TOÁN 6']), 'a title line is not the header');
  t.notOk(isCurriculumHeaderRow(['Môn', 'Khối']), 'the lesson title column is needed');
  const r = parseCurriculumTable(table(['Mon', 'Lop', 'Thu tu', 'Chuong', 'Ten bai hoc', 'So tiet', 'YCCĐ', 'Ghi chú'], [['Toan', 'Lớp 6', '1', 'Chương I', 'Bài 1. Tập hợp', '1', 'a;b', 'x']]), ctx());
  t.same(r.missingColumns, []);
  t.same(r.ignoredColumns, ['Ghi chú']);
  t.equal(r.accepted, 1);
  t.same(r.rows[0]!.lesson, { chapter: 'Chương I', title: 'Bài 1. Tập hợp', periods: 1, outcomes: ['a', 'b'] });
  t.equal(r.rows[0]!.grade, 6, '"Lớp 6" is grade 6');
});

t.test('missing columns: lesson always; subject and grade unless given', async (t) => {
  t.same(parseCurriculumTable(table(['Môn', 'Khối'], []), ctx()).missingColumns, ['Tên bài']);
  t.same(parseCurriculumTable(table(['Tên bài'], []), ctx()).missingColumns, ['Môn', 'Khối']);
  const r = parseCurriculumTable(table(['Tên bài'], [['Ôn tập']]), ctx({ defaultSubjectId: 1, defaultGrade: 7 }));
  t.same(r.missingColumns, []);
  t.equal(r.rows[0]!.subjectId, 1);
  t.equal(r.rows[0]!.grade, 7);
});

t.test('each row is judged, with Vietnamese and English reasons', async (t) => {
  const r = parseCurriculumTable(table(H, [
    ['TOAN', '6', '1', 'Chương I', 'Bài 1', '2', ''],
    ['Hoá học', '6', '2', '', 'Bài 2', '', ''],
    ['', '6', '3', '', 'Bài 3', '', ''],
    ['TOAN', '', '4', '', 'Bài 4', '', ''],
    ['TOAN', '13', '5', '', 'Bài 5', '', ''],
    ['GDDP', '7', '1', '', 'Bài 6', '', ''],
    ['TOAN', '6', '1', '', '', '0', ''],
    ['TOAN', '6', 'một', '', 'Bài 8', '2,5', ''],
    [null, null, null, null, null, null, null],
    ['ngu van', '6', '1', '', 'x'.repeat(301), '1', Array.from({ length: 31 }, (_, i) => `y${i}`).join('\n')],
    ['TOAN', '6.0', '9.0', '', 'Bài 9', '3.0', ''],
  ]), ctx());
  const codes = r.rows.map((x) => x.problems.map((p) => p.code).sort());
  t.same(codes, [
    [], ['UNKNOWN_SUBJECT'], ['MISSING_SUBJECT'], ['MISSING_GRADE'], ['INVALID_GRADE'], ['GRADE_NOT_TAUGHT'],
    ['DUPLICATE_POSITION', 'INVALID_PERIODS', 'MISSING_TITLE'], ['INVALID_PERIODS', 'INVALID_POSITION'], [],
    ['TOO_MANY_OUTCOMES', 'VALUE_TOO_LONG'], [],
  ]);
  t.same(r.rows.map((x) => x.status), ['accepted', 'rejected', 'rejected', 'rejected', 'rejected', 'rejected', 'rejected', 'rejected', 'skipped', 'rejected', 'accepted']);
  t.equal(r.rows[10]!.position, 9, 'numbers written by Excel as 9.0 are read');
  t.equal(r.rows[10]!.lesson?.periods, 3);
  t.equal(r.accepted, 2);
  t.equal(r.rejected, 8);
  t.equal(r.skipped, 1);
  t.match(r.rows[6]!.problems.find((p) => p.code === 'DUPLICATE_POSITION')!.vi, /trùng với dòng 2/);
  t.ok(r.rows.every((x) => x.problems.every((p) => p.vi && p.en)), 'every problem has both languages');
});

t.test('scope: a teacher imports only subjects of their group', async (t) => {
  const r = parseCurriculumTable(table(H, [['TOAN', '6', '', '', 'Bài 1', '', ''], ['NV', '6', '', '', 'Bài 1', '', '']]), ctx({ manageable: new Set([1]) }));
  t.same(r.rows.map((x) => x.problems.map((p) => p.code)), [[], ['NOT_YOUR_SUBJECT']]);
});

t.test('subjects by code or name, without diacritics or case', async (t) => {
  t.equal(findSubject(SUBJECTS, 'toan')?.id, 1);
  t.equal(findSubject(SUBJECTS, 'Ngữ Văn')?.id, 2);
  t.equal(findSubject(SUBJECTS, 'NGU VAN')?.id, 2);
  t.equal(findSubject(SUBJECTS, 'Vật lí'), undefined);
});

t.test('outcomes split on line breaks and semicolons', async (t) => {
  t.same(splitOutcomes('- Nêu được A.\r\n• Nêu được B;  Nêu   được C  \n\n'), ['Nêu được A.', 'Nêu được B', 'Nêu được C']);
  t.same(splitOutcomes(null), []);
  const list = ['Một', 'Hai, ba'];
  t.same(splitOutcomes(joinOutcomes(list)), list, 'what the export writes reads back');
});

t.test('accepted rows grouped by subject × grade in STT order', async (t) => {
  const r = parseCurriculumTable(table(H, [
    ['TOAN', '6', '2', '', 'B', '', ''], ['TOAN', '7', '', '', 'X', '', ''], ['TOAN', '6', '1', '', 'A', '', ''], ['TOAN', '6', '', '', 'C', '', ''],
  ]), ctx());
  const g = groupAccepted(r.rows);
  t.same(g.map((x) => [x.subjectId, x.grade, x.rows.map((y) => y.title)]), [[1, 6, ['A', 'B', 'C']], [1, 7, ['X']]]);
});

t.test('replace keeps lessons with the same chapter and title', async (t) => {
  const l = (id: number, chapter: string | null, title: string): CurriculumLesson => ({ id, subjectId: 1, subjectCode: 'TOAN', subjectName: 'Toán', grade: 6, position: id, chapter, title, periods: 1, outcomes: [], createdAt: '', updatedAt: '' });
  const existing = [l(1, 'Chương I', 'Bài 1'), l(2, 'Chương I', 'Luyện tập chung'), l(3, 'Chương II', 'Luyện tập chung'), l(4, null, 'Bài cũ')];
  const f = (chapter: string | null, title: string) => ({ chapter, title, periods: 1, outcomes: [] });
  const plan = planReplace(existing, [f('Chương II', 'luyen tap chung'), f('chuong i', 'Bài 1'), f('Chương I', 'Bài mới')]);
  t.same(plan.matches.map((m) => m?.id ?? null), [3, 1, null], 'matched without diacritics or case; repeated titles by chapter');
  t.same(plan.leftOver.map((x) => x.id), [2, 4]);
});

t.test('reorder keeps positions unique and dense', async (t) => {
  t.same(reorder([1, 2, 3, 4], 3, 1), [3, 1, 2, 4]);
  t.same(reorder([1, 2, 3, 4], 1, 3), [2, 3, 1, 4]);
  t.same(reorder([1, 2, 3, 4], 2, 99), [1, 3, 4, 2], 'past the end: last');
  t.same(reorder([1, 2, 3, 4], 2, 0), [2, 1, 3, 4], 'before the start: first');
  t.throws(() => reorder([1, 2], 7, 1), DomainError);
});

t.test('fields are cleaned and checked', async (t) => {
  t.same(cleanFields({ chapter: '  ', title: '  Bài   1 ', periods: 2, outcomes: [' a ', '', '  '] }), { chapter: null, title: 'Bài 1', periods: 2, outcomes: ['a'] });
  const code = (f: Parameters<typeof checkFields>[0]) => { try { checkFields(f); return 'ok'; } catch (e) { return (e as DomainError).details?.field; } };
  t.equal(code({ chapter: null, title: 'A', periods: 1, outcomes: [] }), 'ok');
  t.equal(code({ chapter: null, title: '', periods: 1, outcomes: [] }), 'title');
  t.equal(code({ chapter: null, title: 'A', periods: 0, outcomes: [] }), 'periods');
  t.equal(code({ chapter: 'x'.repeat(301), title: 'A', periods: 1, outcomes: [] }), 'chapter');
  t.equal(code({ chapter: null, title: 'A', periods: 1, outcomes: Array(31).fill('o') }), 'outcomes');
});
