import t from 'tap';
import { formatQuestionText, parseQuestionText, TEXT_FORMAT_EXAMPLE, type ExportableQuestion } from '../../server/src/domain/questions/question-text-format.js';
import { draftsFromTable, questionSheet } from '../../server/src/domain/questions/question-sheet-format.js';
import { lessonRefFor, resolveLessonRef } from '../../server/src/domain/questions/question-drafts.js';
import { DEMO_QUESTION_TEXTS } from '../../server/src/db/seed-demo-questions.js';
import { QUESTION_ISSUES } from '../../server/src/domain/questions/question-validation.js';

const codes = (d: { errors: { code: string; line: number }[] }) => d.errors.map((e) => `${e.code}@${e.line}`);

t.test('the documented example parses into every type', async (t) => {
  const r = parseQuestionText(TEXT_FORMAT_EXAMPLE);
  t.same(r.errors, []);
  t.same(r.drafts.map((d) => d.type), ['single', 'multiple', 'true_false', 'short', 'numeric', 'matching', 'essay']);
  t.ok(r.drafts.every((d) => d.content && !d.errors.length && !d.warnings.length), 'no error, no warning');
  const [q1, q2, q3, q4, q5, q6, q7] = r.drafts;
  t.same(q1!.content, { type: 'single', body: { options: [{ id: 'A', text: '1', correct: false }, { id: 'B', text: '2', correct: false }, { id: 'C', text: '3', correct: true }, { id: 'D', text: '4', correct: false }] } });
  t.same([q1!.level, q1!.lessonRef, q1!.stem, q1!.points], ['nhan_biet', { kind: 'bai', n: 1 }, 'Tập hợp A = {1; 2; 3} có bao nhiêu phần tử?', 1]);
  t.same(q2!.content!.body, { options: [{ id: 'A', text: '0', correct: true }, { id: 'B', text: '15', correct: true }, { id: 'C', text: '2,5', correct: false }, { id: 'D', text: '−3', correct: false }] });
  t.same(q3!.content!.body, { statements: [{ id: 'a', text: '7 là số nguyên tố.', correct: true }, { id: 'b', text: '9 là số nguyên tố.', correct: false }] });
  t.same(q4!.content!.body, { accepted: ['hai', 'số hai'] });
  t.same([q5!.content!.body, q5!.points, q5!.stem], [{ value: 3.5, tolerance: 0.01 }, 0.5, 'Tính 7 : 2.'], 'decimal comma, ± tolerance, points tag; a colon inside the stem stays');
  t.same(q6!.content!.body, { pairs: [{ left: '2', right: 'số nguyên tố chẵn' }, { left: '9', right: 'hợp số lẻ' }], distractors: ['số nguyên âm'] });
  t.same([q7!.content!.body, q7!.points, q7!.level], [{ rubric: 'Xét hai trường hợp n chẵn và n lẻ (1 điểm mỗi trường hợp).' }, 2, 'van_dung_cao']);
});

t.test('markers and guesses', async (t) => {
  const r = parseQuestionText([
    'Câu 1 [Thông hiểu]: Chọn các số chẵn', 'A. 1', '*B. 2', 'C. 3', '*D. 4', '',
    'câu 2 [VD] (Mục 9) (0,25 điểm). Dòng một của đề', 'dòng hai của đề', 'Đáp án: B', 'A. x', 'B. y', '',
    'Câu 3 [NB]: 12 có phải số nguyên tố?', 'Đáp án: Sai', '',
    'Câu 4 [VDC]: 1/4 viết dưới dạng số thập phân', 'Đáp án: 0,25', '',
    'Câu 5 [NB] [Trả lời ngắn] [Bỏ dấu]: Thủ đô?', 'Đáp án: Hà Nội|Ha Noi|  hà nội ', '',
    'Câu 6 [NB] [Không đảo]: Chọn', '*A. Cả hai', 'B. Không', '',
    'Câu 7 [NB]: Số đo', 'Đáp án: 1.234,5 +- 0,5', 'Đơn vị: m', 'Lời giải: Dòng một', 'A. dòng này thuộc lời giải', '',
    'Câu 8 [NB] [Điền số]: Số', 'Đáp án: 12', 'Dung sai: 0,5',
  ].join('\r\n'));
  t.same(r.drafts.map((d) => d.type), ['multiple', 'single', 'true_false', 'numeric', 'short', 'single', 'numeric', 'numeric'], 'types from markers');
  const [q1, q2, q3, q4, q5, q6, q7, q8] = r.drafts;
  t.equal(q1!.level, 'thong_hieu', 'full level words');
  t.same([q2!.lessonRef, q2!.points, q2!.stem, q2!.label], [{ kind: 'muc', n: 9 }, 0.25, 'Dòng một của đề\ndòng hai của đề', 'Câu 2'], 'lowercase header, "Mục", points in parentheses, multi-line stem');
  t.same(q2!.content!.body, { options: [{ id: 'A', text: 'x', correct: false }, { id: 'B', text: 'y', correct: true }] }, '"Đáp án: B" marks the option');
  t.same(q3!.content!.body, { statements: [{ id: 'a', text: '12 có phải số nguyên tố?', correct: false }] }, 'one-statement true/false');
  t.same(q4!.content!.body, { value: 0.25, tolerance: 0 }, 'a number answer is numeric');
  t.same(q5!.content!.body, { accepted: ['Hà Nội'], ignoreDiacritics: true }, 'accepted answers deduplicated under the folding');
  t.same(q6!.content!.body, { options: [{ id: 'A', text: 'Cả hai', correct: true }, { id: 'B', text: 'Không', correct: false }], keepOrder: true });
  t.same(q7!.content!.body, { value: 1234.5, tolerance: 0.5, unit: 'm', explanation: 'Dòng một\nA. dòng này thuộc lời giải' }, 'explanation runs to the next question');
  t.same(q8!.content!.body, { value: 12, tolerance: 0.5 }, 'Dung sai line');
});

t.test('"Mức" is a level, "Mục" a lesson (they fold to the same letters)', async (t) => {
  const r = parseQuestionText('Câu 1 [Mức 2] (Mục 1): Đề\nĐáp án: Đúng\nCâu 2 [muc 2]: Đề\nĐáp án: Sai');
  t.same([r.drafts[0]!.level, r.drafts[0]!.lessonRef], ['thong_hieu', { kind: 'muc', n: 1 }]);
  t.same(codes(r.drafts[1]!), ['TAG_UNKNOWN@3'], 'without diacritics it is ambiguous: refused');
});

t.test('errors with line numbers', async (t) => {
  const text = [
    'Ngân hàng câu hỏi Toán 6',          // 1: outside any question
    '# chú thích được bỏ qua',            // 2
    'Câu 1 [NB]: Hai đáp án đúng?',      // 3
    'A. 1', '*B. 2', '*C. 3',             // 4-6: no error: becomes multiple
    '',
    'Câu 2 [MỨC 9] (Bài 2): Thẻ lạ',      // 8
    'A. 1', '*B. 2',
    '',
    'Câu 3 [NB] [Một đáp án]: Không có đáp án đúng', // 12
    'A. 1', 'B. 2',
    '',
    'Câu 4 [NB] [Điền số]: Số', 'Đáp án: ba phẩy năm', // 16-17
    '',
    'Câu 5 [NB] [Ghép đôi]: Nối', 'A. a -> b', 'B. không có mũi tên', // 19-21
    '',
    'Câu 6: Không mức độ', 'Đáp án: xyz',  // 23-24
    '',
    'Câu 7 [NB]:', 'A. 1', '*B. 2',        // 26: no stem
    '',
    'Câu 8 [NB] [Đúng/Sai]: Không có gì', // 30
    '',
    'Câu 9 [NB]: Chỉ có đề',               // 32
    '',
    'Câu 10 [NB] [Một đáp án]: Trùng', 'A. Hai', '*B. hai', // 34-36
    '',
    'Câu 11 [NB] [Điền số]: Âm', 'Đáp án: 5 ± -1', // 38-39
    'Câu 12 [NB] [Một đáp án]: Một phương án', '*A. 1', // 40-41
    'Câu 13 [NB]: Sau phương án', 'A. 1', '*B. 2', 'dòng lạ sau phương án', // 42-45
  ].join('\n');
  const r = parseQuestionText(text);
  t.same(r.errors.map((e) => `${e.code}@${e.line}`), ['LINE_OUTSIDE_QUESTION@1']);
  const by = Object.fromEntries(r.drafts.map((d) => [d.label, d]));
  t.same(codes(by['Câu 1']!), [], 'two stars: a multiple-choice question, fine');
  t.same(codes(by['Câu 2']!), ['TAG_UNKNOWN@8']);
  t.same(codes(by['Câu 3']!), ['SINGLE_NEEDS_ONE_CORRECT@13'], 'the line of the options');
  t.same(codes(by['Câu 4']!), ['NUMBER_INVALID@17']);
  t.same(codes(by['Câu 5']!), ['LINE_NOT_UNDERSTOOD@21', 'PAIRS_REQUIRED@20']);
  t.same(codes(by['Câu 6']!), [], 'short answer guessed');
  t.same(by['Câu 6']!.warnings.map((w) => `${w.code}@${w.line}`), ['LEVEL_MISSING@23'], 'a missing level is a warning');
  t.same(codes(by['Câu 7']!), ['STEM_REQUIRED@26']);
  t.same(codes(by['Câu 8']!), ['STATEMENTS_REQUIRED@30']);
  t.same(codes(by['Câu 9']!), ['ANSWER_MISSING@32']);
  t.same(codes(by['Câu 10']!), ['DUPLICATE_OPTION@35']);
  t.same(codes(by['Câu 11']!), ['TOLERANCE_INVALID@39']);
  t.same(codes(by['Câu 12']!), ['TOO_FEW_OPTIONS@41']);
  t.same(codes(by['Câu 13']!), ['LINE_NOT_UNDERSTOOD@45']);
  for (const d of r.drafts) for (const e of [...d.errors, ...d.warnings]) t.ok(QUESTION_ISSUES[e.code].vi && QUESTION_ISSUES[e.code].en, `${e.code} has vi and en`);
  t.same(parseQuestionText('').errors.map((e) => e.code), ['NO_QUESTIONS']);
  t.same(parseQuestionText('\n\n  \n').errors.map((e) => e.code), ['NO_QUESTIONS']);
});

t.test('hostile input does not hang or throw', async (t) => {
  const long = 'Câu 1 [NB]: ' + '['.repeat(50000) + '\nA. ' + 'x'.repeat(100000) + '\n*B. y';
  const start = Date.now();
  const r = parseQuestionText(long);
  t.ok(Date.now() - start < 2000, 'fast');
  t.equal(r.drafts.length, 1);
  t.ok(r.drafts[0]!.errors.length > 0, 'too long texts are errors');
  const many = Array.from({ length: 1500 }, (_, i) => `Câu ${i + 1} [NB]: x${i}\nĐáp án: ${i}`).join('\n');
  t.equal(parseQuestionText(many).drafts.length, 1000, 'at most 1000 questions are read');
});

t.test('round trip: format then parse gives the same questions, and formatting is stable', async (t) => {
  for (const bank of DEMO_QUESTION_TEXTS) {
    const first = parseQuestionText(bank.text);
    t.ok(first.drafts.every((d) => d.content && !d.errors.length), `${bank.subjectCode} demo bank is valid`);
    const questions: ExportableQuestion[] = first.drafts.map((d) => ({ level: d.level!, lessonRef: d.lessonRef, stem: d.stem, points: d.points, content: d.content! }));
    const text = formatQuestionText(questions);
    const again = parseQuestionText(text);
    t.same(again.errors, []);
    t.same(again.drafts.map((d) => ({ level: d.level, lessonRef: d.lessonRef, stem: d.stem, points: d.points, content: d.content })), questions, `${bank.subjectCode}: text round trip`);
    t.equal(formatQuestionText(again.drafts.map((d) => ({ level: d.level!, lessonRef: d.lessonRef, stem: d.stem, points: d.points, content: d.content! }))), text, 'stable');

    // the spreadsheet format, through the same table shape readTable returns
    const sheet = questionSheet(questions, 'x');
    const headers = sheet.columns.map((c) => c.header);
    const rows = sheet.rows.map((row, i) => ({ rowNumber: i + 4, cells: Object.fromEntries(sheet.columns.map((c) => [c.header, row[c.key] === null || row[c.key] === undefined ? null : String(row[c.key])])) }));
    const fromSheet = draftsFromTable({ headers, rows });
    t.ok(fromSheet.drafts.every((d) => !d.errors.length), `${bank.subjectCode}: sheet rows valid`);
    t.same(fromSheet.drafts.map((d) => ({ level: d.level, lessonRef: d.lessonRef, stem: d.stem, points: d.points, content: d.content })), questions, `${bank.subjectCode}: spreadsheet round trip`);
  }
});

t.test('lesson references: "Bài N" by the title, "Mục N" by position', async (t) => {
  const toan = [
    { id: 11, position: 1, title: 'Bài 1. Tập hợp' }, { id: 12, position: 2, title: 'Bài 2. Cách ghi số tự nhiên' },
    { id: 18, position: 8, title: 'Luyện tập chung' }, { id: 19, position: 9, title: 'Bài 8. Quan hệ chia hết và tính chất' },
  ];
  t.equal(resolveLessonRef(toan, { kind: 'bai', n: 8 }), 19, 'Bài 8 is the lesson titled Bài 8, not the 8th');
  t.equal(resolveLessonRef(toan, { kind: 'muc', n: 8 }), 18);
  t.equal(resolveLessonRef(toan, { kind: 'bai', n: 9 }), null, 'no Bài 9 and no falling back to the 9th');
  t.same(lessonRefFor(toan, 18), { kind: 'muc', n: 8 }, 'an unnumbered lesson is written by position');
  t.same(lessonRefFor(toan, 19), { kind: 'bai', n: 8 });
  const english = [{ id: 1, position: 1, title: 'Unit 1. Getting started' }, { id: 2, position: 2, title: 'Unit 1. A closer look 1' }];
  t.equal(resolveLessonRef(english, { kind: 'bai', n: 2 }), 2, 'without numbered titles, Bài N is the N-th lesson');
  const nv = [{ id: 5, position: 1, title: 'Bài 1. Đọc' }, { id: 6, position: 2, title: 'Bài 1. Viết' }];
  t.equal(resolveLessonRef(nv, { kind: 'bai', n: 1 }), null, 'ambiguous: none');
  t.same(lessonRefFor(nv, 6), { kind: 'muc', n: 2 }, 'then written by position');
});

t.test('spreadsheet rows', async (t) => {
  const headers = ['STT', 'Loại', 'Mức độ', 'Bài', 'Nội dung câu hỏi', 'PA A', 'Phương án B', 'Phương án C', 'Đáp án', 'Điểm'];
  const row = (n: number, cells: (string | null)[]) => ({ rowNumber: n, cells: Object.fromEntries(headers.map((h, i) => [h, cells[i] ?? null])) });
  const r = draftsFromTable({ headers: ['STT', 'Loại', 'Mức độ', 'Bài', 'Câu hỏi', 'Phương án A', 'Phương án B', 'Phương án C', 'Đáp án', 'Điểm'], rows: [] });
  t.same(r, { drafts: [], missingStemColumn: false });
  const d = draftsFromTable({
    headers,
    rows: [
      row(2, ['1', '', 'nb', 'Bài 3', 'Chọn', '*x', 'y', null, null, null]),
      row(3, [null, null, null, null, null, null, null, null, null, null]),
      row(4, ['3', 'Đúng/Sai', 'TH', '', 'Xét', 'a', 'b', 'c', 'ĐSĐ', '1,5']),
      row(5, ['4', '', 'XX', 'abc', 'Lỗi', '', '', '', '5', 'nhiều']),
    ],
  });
  t.equal(d.drafts.length, 3, 'empty rows skipped');
  t.same([d.drafts[0]!.type, d.drafts[0]!.lessonRef, d.drafts[0]!.level], ['single', { kind: 'bai', n: 3 }, 'nhan_biet'], 'a star in the cell marks the answer');
  t.same(d.drafts[1]!.content!.body, { statements: [{ id: 'a', text: 'a', correct: true }, { id: 'b', text: 'b', correct: false }, { id: 'c', text: 'c', correct: true }] }, '"ĐSĐ"');
  t.equal(d.drafts[1]!.points, 1.5);
  t.same(codes(d.drafts[2]!), ['LEVEL_UNKNOWN@5', 'LESSON_NOT_FOUND@5', 'POINTS_INVALID@5']);
  t.equal(draftsFromTable({ headers: ['Họ tên'], rows: [] }).missingStemColumn, true);
});
