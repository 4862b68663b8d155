import t from 'tap';
import ExcelJS from 'exceljs';
import { buildTestApp, type Client } from '../helpers/app.js';
import { dialects } from '../helpers/db.js';
import { ERRORS, type ErrorCode } from '../../server/src/contracts/error-codes.js';
import { DEMO_PARENT_LOGIN, DEMO_PRINCIPAL_ID, DEMO_STUDENT_ID, DEMO_VICE_PRINCIPAL_ID, DEMO_IT_ID } from '../../server/src/domain/demo/demo-school.js';
import { TEXT_FORMAT_EXAMPLE } from '../../server/src/domain/questions/question-text-format.js';

interface Res { statusCode: number; body: string; json(): any; headers: Record<string, unknown>; rawPayload: Buffer }
interface Asserts { ok(v: unknown, msg: string): unknown; equal(a: unknown, b: unknown, msg: string): unknown }

function multipart(fileName: string, data: Buffer) {
  const boundary = '----questions' + Math.random().toString(16).slice(2);
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { payload: Buffer.concat([head, data, tail]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

function csv(rows: (string | number)[][]): Buffer {
  const cell = (v: string | number) => { const s = String(v); return /[",\n;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s; };
  return Buffer.from('\uFEFF' + rows.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n', 'utf8');
}

function errorOf(t: Asserts, res: Res): { code: ErrorCode; details?: any } {
  const e = res.json().error;
  t.ok(e.message.vi && e.message.en, `${e.code} has Vietnamese and English messages`);
  t.equal(res.statusCode, ERRORS[e.code as ErrorCode].status, `${e.code} → ${ERRORS[e.code as ErrorCode].status}`);
  return e;
}

const single = (subjectId: number, grade: number, extra: Record<string, unknown> = {}) => ({
  subjectId, grade, curriculumLessonId: null, level: 'nhan_biet', type: 'single', stem: 'Số nào là số chẵn?',
  body: { options: [{ id: 'A', text: '3', correct: false }, { id: 'B', text: '4', correct: true }, { id: 'C', text: '5', correct: false }] }, ...extra,
});

for (const dialect of dialects()) {
  t.test(`question bank on ${dialect}`, async (t) => {
    const { login, demo, services } = await buildTestApp(t, dialect, { demo: 'small' });
    const p = await login(DEMO_PRINCIPAL_ID);
    const vp = await login(DEMO_VICE_PRINCIPAL_ID);
    const it = await login(DEMO_IT_ID);
    const student = await login(DEMO_STUDENT_ID);
    const parent = await login(DEMO_PARENT_LOGIN);
    const groups = demo!.subjectGroups;
    const mathGroup = groups.find((g) => g.subjectCodes.includes('TOAN'))!;
    const litGroup = groups.find((g) => g.subjectCodes.includes('NV'))!;
    const mathTeacher = await login(demo!.staff.find((s) => s.groupName === mathGroup.name && s.subjects.includes('TOAN') && s.personalId !== mathGroup.leaderPersonalId)!.personalId);
    const mathLeader = await login(mathGroup.leaderPersonalId);
    const litTeacher = await login(demo!.staff.find((s) => s.groupName === litGroup.name && s.subjects.includes('NV') && s.personalId !== litGroup.leaderPersonalId)!.personalId);

    const subjects = (await p.request({ url: '/api/subjects' })).json() as { id: number; code: string }[];
    const toan = subjects.find((s) => s.code === 'TOAN')!.id;
    const nv = subjects.find((s) => s.code === 'NV')!.id;
    const khtn = subjects.find((s) => s.code === 'KHTN')!.id;
    const lessons = (await p.request({ url: `/api/curriculum/lessons?subjectId=${toan}&grade=6` })).json() as { id: number; position: number; title: string }[];
    const bai10 = lessons.find((l) => l.title.startsWith('Bài 10.'))!;
    const nvLesson = ((await p.request({ url: `/api/curriculum/lessons?subjectId=${nv}&grade=6` })).json() as { id: number }[])[0]!;

    await t.test('the demo bank: real Toán 6 questions for a 40-question matrix, and some KHTN', async (t) => {
      const list = (await mathTeacher.request({ url: `/api/questions?subjectId=${toan}&grade=6&limit=200` })).json();
      t.ok(list.total >= 60, `${list.total} Toán 6 questions`);
      t.same(new Set(list.items.map((q: { type: string }) => q.type)), new Set(['single', 'multiple', 'true_false', 'short', 'numeric', 'matching', 'essay']), 'every type');
      const m = (await mathTeacher.request({ url: `/api/questions/matrix-counts?subjectId=${toan}&grade=6` })).json();
      const byLevel: Record<string, number> = {};
      for (const c of m.counts) byLevel[c.level] = (byLevel[c.level] ?? 0) + c.count;
      t.ok(byLevel.nhan_biet! >= 16 && byLevel.thong_hieu! >= 12 && byLevel.van_dung! >= 8 && byLevel.van_dung_cao! >= 4, `16/12/8/4 matrix fits: ${JSON.stringify(byLevel)}`);
      t.ok(m.lessons.length >= 10, 'the lessons come with the counts');
      t.ok(m.counts.some((c: { curriculumLessonId: number }) => c.curriculumLessonId === bai10.id), 'questions linked to "Bài 10. Số nguyên tố"');
      const kh = (await p.request({ url: `/api/questions?subjectId=${khtn}&grade=6` })).json();
      t.ok(kh.total >= 5, 'KHTN 6 has a few');
    });

    await t.test('access: staff of the subject group and managers; never students, parents or IT', async (t) => {
      for (const c of [student, parent, it]) {
        const res = await c.request({ url: `/api/questions?subjectId=${toan}&grade=6` });
        t.equal(res.statusCode, 403, 'no bank for students, parents, IT');
        t.equal((await c.request({ method: 'POST', url: '/api/questions', payload: single(toan, 6) })).statusCode, 403);
      }
      t.equal(errorOf(t, await litTeacher.request({ url: `/api/questions?subjectId=${toan}&grade=6` })).code, 'QUESTION_NOT_YOUR_SUBJECT', 'a literature teacher does not see the maths bank');
      t.equal(errorOf(t, await litTeacher.request({ method: 'POST', url: '/api/questions', payload: single(toan, 6) })).code, 'QUESTION_NOT_YOUR_SUBJECT');
      const own = (await litTeacher.request({ url: '/api/questions?limit=200' })).json();
      t.ok(own.items.every((q: { subjectId: number }) => q.subjectId !== toan), 'an unfiltered list keeps to the own group\'s subjects');
      const anyMath = (await p.request({ url: `/api/questions?subjectId=${toan}&grade=6&limit=1` })).json().items[0];
      t.equal((await litTeacher.request({ url: `/api/questions/${anyMath.id}` })).statusCode, 404, 'another group\'s question is not found');
      t.equal((await litTeacher.request({ method: 'DELETE', url: `/api/questions/${anyMath.id}` })).statusCode, 404);
      t.equal((await litTeacher.request({ method: 'PUT', url: `/api/questions/${anyMath.id}`, payload: single(nv, 6) })).statusCode, 404, 'nor moved into their subject');
      for (const c of [p, vp, mathTeacher, mathLeader]) t.equal((await c.request({ url: `/api/questions/${anyMath.id}` })).statusCode, 200);
    });

    await t.test('create, validate per type, edit, search without diacritics', async (t) => {
      const created = await mathTeacher.request({ method: 'POST', url: '/api/questions', payload: { ...single(toan, 6, { curriculumLessonId: bai10.id, stem: 'Số nguyên tố nhỏ nhất là số nào?' }), body: { options: [{ id: 'A', text: '0', correct: false }, { id: 'B', text: '1', correct: false }, { id: 'C', text: '2', correct: true }] } } });
      t.equal(created.statusCode, 200, created.body);
      const id = created.json().id;
      const q = (await mathTeacher.request({ url: `/api/questions/${id}` })).json();
      t.equal(q.curriculumLessonId, bai10.id);
      t.equal(q.points, 1, 'points default to 1');
      t.ok(q.authorName, 'author named');
      const found = (await mathTeacher.request({ url: `/api/questions?subjectId=${toan}&q=${encodeURIComponent('nguyen to NHO nhat')}` })).json();
      t.ok(found.items.some((x: { id: number }) => x.id === id), 'search folds diacritics and case');
      const wild = (await mathTeacher.request({ url: `/api/questions?subjectId=${toan}&q=${encodeURIComponent('%_')}` })).json();
      t.equal(wild.total, (await mathTeacher.request({ url: `/api/questions?subjectId=${toan}` })).json().total, 'LIKE wildcards are not wildcards');

      const bad = async (payload: Record<string, unknown>) => errorOf(t, await mathTeacher.request({ method: 'POST', url: '/api/questions', payload }));
      const codes = (e: { details?: { issues?: { code: string }[] } }) => (e.details?.issues ?? []).map((i) => i.code);
      let e = await bad({ ...single(toan, 6), body: { options: [{ id: 'A', text: '1', correct: true }, { id: 'B', text: '2', correct: true }] } });
      t.same([e.code, codes(e)], ['QUESTION_INVALID', ['SINGLE_NEEDS_ONE_CORRECT']], 'single choice: exactly one correct');
      e = await bad({ ...single(toan, 6), body: { options: [{ id: 'A', text: '1', correct: true }] } });
      t.same(codes(e), ['TOO_FEW_OPTIONS'], 'at least two options');
      e = await bad({ ...single(toan, 6), body: { options: Array.from({ length: 11 }, (_, i) => ({ id: `O${i}`, text: `${i}`, correct: i === 0 })) } });
      t.same(codes(e), ['TOO_MANY_OPTIONS'], 'at most ten');
      e = await bad({ ...single(toan, 6), body: { options: [{ id: 'A', text: 'Hai', correct: true }, { id: 'B', text: ' hai ', correct: false }] } });
      t.same(codes(e), ['DUPLICATE_OPTION'], 'duplicate options');
      e = await bad({ ...single(toan, 6), type: 'multiple', body: { options: [{ id: 'A', text: '1', correct: false }, { id: 'B', text: '2', correct: false }] } });
      t.same(codes(e), ['MULTIPLE_NEEDS_CORRECT']);
      e = await bad({ ...single(toan, 6), type: 'numeric', body: { value: 3.5, tolerance: -1 } });
      t.same(codes(e), ['TOLERANCE_INVALID']);
      e = await bad({ ...single(toan, 6), type: 'short', body: { accepted: [] } });
      t.same(codes(e), ['ACCEPTED_REQUIRED']);
      e = await bad({ ...single(toan, 6), type: 'matching', body: { pairs: [{ left: 'a', right: 'x' }, { left: 'b', right: 'x' }] } });
      t.same(codes(e), ['DUPLICATE_PAIR_SIDE'], 'matching right items must differ (the answer is the text)');
      e = await bad({ ...single(toan, 6), type: 'true_false', body: { statements: [] } });
      t.same(codes(e), ['STATEMENTS_REQUIRED']);
      e = await bad({ ...single(toan, 6), body: { options: [{ id: 'A', text: '1', correct: true }, { id: 'B', text: '2', correct: false }], __proto__: { x: 1 }, extra: 1 } });
      t.equal(e.code, 'QUESTION_INVALID', 'unknown body keys refused');
      e = await bad({ ...single(toan, 6), stem: '   ' });
      t.ok(codes(e).includes('STEM_REQUIRED'), 'a blank stem');
      t.equal((await mathTeacher.request({ method: 'POST', url: '/api/questions', payload: { ...single(toan, 6), type: 'drawing' } })).statusCode, 400, 'unknown type');
      t.equal((await mathTeacher.request({ method: 'POST', url: '/api/questions', payload: { ...single(toan, 6), points: 0 } })).statusCode, 400, 'points > 0');
      e = await bad(single(toan, 6, { curriculumLessonId: nvLesson.id }));
      t.equal(e.code, 'QUESTION_LESSON_MISMATCH', 'a Ngữ văn lesson on a Toán question');
      e = await bad(single(toan, 6, { curriculumLessonId: 999999 }));
      t.equal(e.code, 'QUESTION_LESSON_MISMATCH', 'an unknown lesson');
      t.equal((await mathTeacher.request({ method: 'POST', url: '/api/questions', payload: single(999999, 6) })).statusCode, 404, 'an unknown subject');

      const types: Record<string, unknown>[] = [
        { type: 'multiple', body: { options: [{ id: 'A', text: '2', correct: true }, { id: 'B', text: '4', correct: false }, { id: 'C', text: '3', correct: true }] } },
        { type: 'true_false', body: { statements: [{ id: 'a', text: '2 là số nguyên tố', correct: true }] } },
        { type: 'short', body: { accepted: ['Hà Nội', 'Hà  Nội'], ignoreDiacritics: true } },
        { type: 'numeric', body: { value: 3.5, tolerance: 0.1, unit: 'cm' } },
        { type: 'matching', body: { pairs: [{ left: '2', right: 'chẵn' }, { left: '3', right: 'lẻ' }], distractors: ['âm'] } },
        { type: 'essay', body: { rubric: 'Đủ ý: 1 điểm', maxWords: 200 } },
      ];
      for (const x of types) {
        const res = await mathLeader.request({ method: 'POST', url: '/api/questions', payload: { ...single(toan, 6), ...x, points: 0.5 } });
        t.equal(res.statusCode, 200, `${x.type} created`);
      }
      const short = (await mathLeader.request({ url: `/api/questions?subjectId=${toan}&type=short&q=ha%20noi` })).json().items[0];
      t.same(short.body.accepted, ['Hà Nội'], 'accepted answers normalized and deduplicated');

      const put = await mathTeacher.request({ method: 'PUT', url: `/api/questions/${id}`, payload: { ...single(toan, 6, { level: 'thong_hieu', stem: 'Sửa: số nguyên tố nhỏ nhất?' }) } });
      t.equal(put.statusCode, 200, put.body);
      const after = (await mathTeacher.request({ url: `/api/questions/${id}` })).json();
      t.same([after.level, after.stem, after.curriculumLessonId], ['thong_hieu', 'Sửa: số nguyên tố nhỏ nhất?', null]);
      t.equal((await mathTeacher.request({ method: 'PUT', url: `/api/questions/${id}`, payload: single(nv, 6) })).statusCode, 403, 'cannot move a question into another group\'s subject');
    });

    await t.test('delete an unused question; archive a used one; filters', async (t) => {
      const a = (await mathTeacher.request({ method: 'POST', url: '/api/questions', payload: single(toan, 6, { stem: 'Câu để xoá' }) })).json().id;
      const b = (await mathTeacher.request({ method: 'POST', url: '/api/questions', payload: single(toan, 6, { stem: 'Câu đã dùng trong bài kiểm tra' }) })).json().id;
      await services.tx.run((r) => r.questions.markUsed([b], new Date().toISOString()));
      t.same((await mathTeacher.request({ method: 'DELETE', url: `/api/questions/${a}` })).json(), { ok: true, outcome: 'deleted' });
      t.equal((await mathTeacher.request({ url: `/api/questions/${a}` })).statusCode, 404);
      t.same((await mathTeacher.request({ method: 'DELETE', url: `/api/questions/${b}` })).json(), { ok: true, outcome: 'archived' }, 'a used question is archived');
      const kept = (await mathTeacher.request({ url: `/api/questions/${b}` })).json();
      t.ok(kept.archivedAt && kept.firstUsedAt, 'still there, archived');
      const listed = (await mathTeacher.request({ url: `/api/questions?subjectId=${toan}&q=${encodeURIComponent('da dung trong bai')}` })).json();
      t.equal(listed.total, 0, 'archived questions leave the list');
      const withArchived = (await mathTeacher.request({ url: `/api/questions?subjectId=${toan}&includeArchived=true&q=${encodeURIComponent('da dung trong bai')}` })).json();
      t.equal(withArchived.total, 1, 'unless asked');
      const drawn = await services.tx.read((r) => r.questions.drawIds({ subjectId: toan, grade: 6 }));
      t.notOk(drawn.includes(b), 'quizzes do not draw archived questions');
      t.equal((await mathTeacher.request({ method: 'POST', url: `/api/questions/${b}/archive`, payload: { archived: false } })).statusCode, 200);
      t.equal((await mathTeacher.request({ url: `/api/questions/${b}` })).json().archivedAt, null, 'restored');
      const lv = (await mathTeacher.request({ url: `/api/questions?subjectId=${toan}&grade=6&curriculumLessonId=${bai10.id}&level=nhan_biet&type=single` })).json();
      t.ok(lv.total > 0 && lv.items.every((q: any) => q.curriculumLessonId === bai10.id && q.level === 'nhan_biet' && q.type === 'single'), 'filters combine');
      const paged = (await mathTeacher.request({ url: `/api/questions?subjectId=${toan}&grade=6&limit=5&offset=5` })).json();
      t.equal(paged.items.length, 5, 'paging');
      const audit = (await p.request({ url: '/api/audit?action=question.archived' })).json();
      t.ok(JSON.stringify(audit).includes('question.archived'), 'archive audited');
    });

    await t.test('import from text: preview with a per-question report, then commit in one transaction', async (t) => {
      const before = (await mathTeacher.request({ url: `/api/questions?subjectId=${toan}&grade=6` })).json().total;
      const example = (await mathTeacher.request({ url: '/api/questions/text-format' })).json().example;
      t.equal(example, TEXT_FORMAT_EXAMPLE);
      const preview = (await mathTeacher.request({ method: 'POST', url: '/api/questions/import/text', payload: { subjectId: toan, grade: 6, text: example } })).json();
      t.same([preview.committed, preview.accepted, preview.rejected], [false, 7, 0], 'the documented example parses cleanly');
      t.equal(preview.items.find((i: any) => i.label === 'Câu 3').curriculumLessonId, lessons.find((l) => l.title.startsWith('Bài 8.'))!.id, '"Bài 8" is the lesson titled "Bài 8. …"');
      t.equal((await mathTeacher.request({ url: `/api/questions?subjectId=${toan}&grade=6` })).json().total, before, 'a preview writes nothing');

      const broken = `Câu 1 [NB] (Bài 1): Hai đáp án đúng?\nA. 1\n*B. 2\nC. 3\n\nCâu 2 [XYZ] (Bài 99): Câu có nhãn lạ\nĐáp án: 5\n\nCâu 3 [TH]: Đúng\n*A. x\n*B. y\nC. z`;
      const r = (await mathTeacher.request({ method: 'POST', url: '/api/questions/import/text', payload: { subjectId: toan, grade: 6, text: broken, commit: true } })).json();
      t.same([r.committed, r.accepted, r.rejected], [false, 2, 1], 'one bad question blocks the commit');
      const q2 = r.items.find((i: any) => i.label === 'Câu 2');
      t.same(q2.errors.map((x: any) => [x.code, x.line]), [['TAG_UNKNOWN', 6], ['LESSON_NOT_FOUND', 6]], 'errors carry codes and line numbers');
      t.ok(q2.errors[0].vi && q2.errors[0].en, 'in Vietnamese and English');
      t.equal(r.items.find((i: any) => i.label === 'Câu 3').type, 'multiple', 'two starred options make a multiple-choice question');
      t.equal((await mathTeacher.request({ url: `/api/questions?subjectId=${toan}&grade=6` })).json().total, before, 'nothing written');

      const ok = (await mathTeacher.request({ method: 'POST', url: '/api/questions/import/text', payload: { subjectId: toan, grade: 6, text: example, commit: true } })).json();
      t.same([ok.committed, ok.createdIds.length], [true, 7]);
      t.equal((await mathTeacher.request({ url: `/api/questions?subjectId=${toan}&grade=6` })).json().total, before + 7, 'written');
      const refused = await litTeacher.request({ method: 'POST', url: '/api/questions/import/text', payload: { subjectId: toan, grade: 6, text: example, commit: true } });
      t.equal(errorOf(t, refused).code, 'QUESTION_NOT_YOUR_SUBJECT');
      const empty = (await mathTeacher.request({ method: 'POST', url: '/api/questions/import/text', payload: { subjectId: toan, grade: 6, text: 'chỉ là một dòng', commit: true } })).json();
      t.same(empty.items[0].errors.map((x: any) => x.code), ['LINE_OUTSIDE_QUESTION', 'NO_QUESTIONS']);
      t.equal(empty.committed, false);
    });

    await t.test('spreadsheet import (csv and xlsx) and export round trip', async (t) => {
      const rows = [
        ['STT', 'Loại', 'Mức độ', 'Bài', 'Câu hỏi', 'Phương án A', 'Phương án B', 'Phương án C', 'Phương án D', 'Đáp án', 'Dung sai', 'Điểm'],
        [1, 'Một đáp án', 'NB', 10, 'Số nào là số nguyên tố?', '4', '6', '7', '9', 'C', '', '0,5'],
        [2, 'Nhiều đáp án', 'Thông hiểu', 'Bài 9', 'Số nào chia hết cho 3?', '12', '14', '15', '16', 'A, C', '', ''],
        [3, 'Đúng/Sai', 'VD', '', 'Xét các khẳng định', '2 là số chẵn', '3 là số chẵn', '', '', 'Đ, S', '', ''],
        [4, 'Điền số', 'VDC', '', 'Tính 7 : 2', '', '', '', '', '3,5', '0,01', '1'],
        [5, 'Trả lời ngắn', 'NB', '', 'Thủ đô của Việt Nam?', '', '', '', '', 'Hà Nội | Ha Noi', '', ''],
        [6, 'Ghép đôi', 'TH', '', 'Nối', '2 -> chẵn', '3 -> lẻ', '', '', '', '', ''],
        [7, 'Tự luận', 'VDC', '', 'Chứng minh…', '', '', '', '', 'Mỗi ý 1 điểm', '', '2'],
        [8, 'Vẽ hình', 'NB', '', 'Loại lạ', '', '', '', '', '', '', ''],
      ];
      const res = await mathTeacher.request({ method: 'POST', url: `/api/questions/import/sheet?subjectId=${toan}&grade=6`, ...multipart('cau-hoi.csv', csv(rows)) });
      t.equal(res.statusCode, 200, res.body);
      const rep = res.json();
      t.same([rep.accepted, rep.rejected], [7, 1]);
      const bad = rep.items.find((i: any) => !i.ok);
      t.same([bad.label, bad.line, bad.errors[0].code], ['Câu 8', 9, 'TYPE_UNKNOWN'], 'the bad row named by its row number');
      t.equal(rep.items[0].curriculumLessonId, bai10.id, 'Bài 10 → the lesson');
      const good = rows.slice(0, 8);
      const committed = (await mathTeacher.request({ method: 'POST', url: `/api/questions/import/sheet?subjectId=${toan}&grade=6&commit=true`, ...multipart('cau-hoi.csv', csv(good)) })).json();
      t.same([committed.committed, committed.createdIds.length], [true, 7]);
      const imported = await Promise.all(committed.createdIds.map(async (id: number) => (await mathTeacher.request({ url: `/api/questions/${id}` })).json()));
      t.same(imported.map((q: any) => q.type), ['single', 'multiple', 'true_false', 'numeric', 'short', 'matching', 'essay']);
      t.same(imported[3].body, { value: 3.5, tolerance: 0.01 }, 'Vietnamese decimal comma in the sheet');
      t.same(imported[0].points, 0.5);
      t.same(imported[2].body.statements.map((s: any) => s.correct), [true, false]);

      // Export both formats; importing the export into KHTN… no: into the same subject gives the same questions.
      const txt = await mathTeacher.request({ url: `/api/questions/export?subjectId=${toan}&grade=6&format=text` });
      t.equal(txt.statusCode, 200);
      t.match(String(txt.headers['content-type']), /text\/plain/);
      const total = (await mathTeacher.request({ url: `/api/questions?subjectId=${toan}&grade=6` })).json().total;
      const back = (await mathTeacher.request({ method: 'POST', url: '/api/questions/import/text', payload: { subjectId: toan, grade: 6, text: txt.body } })).json();
      t.same([back.accepted, back.rejected], [total, 0], 'the text export imports back whole');
      const xlsx = await mathTeacher.request({ url: `/api/questions/export?subjectId=${toan}&grade=6&format=xlsx` });
      t.equal(xlsx.statusCode, 200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
      t.ok(wb.worksheets[0]!.rowCount >= total + 3, 'a row per question under the title and header');
      const back2 = (await mathTeacher.request({ method: 'POST', url: `/api/questions/import/sheet?subjectId=${toan}&grade=6`, ...multipart('xuat.xlsx', xlsx.rawPayload) })).json();
      t.same([back2.accepted, back2.rejected], [total, 0], 'the xlsx export imports back whole');
      const allNow = (await mathTeacher.request({ url: `/api/questions?subjectId=${toan}&grade=6&limit=200` })).json().items;
      const key = (q: any) => JSON.stringify([q.type, q.level, q.curriculumLessonId, q.stem]);
      t.same(back2.items.map((i: any) => JSON.stringify([i.type, i.level, i.curriculumLessonId])).sort(), allNow.map((q: any) => JSON.stringify([q.type, q.level, q.curriculumLessonId])).sort(), 'types, levels and lessons survive the spreadsheet');
      t.ok(key(allNow[0]), 'listed');

      const noCols = await mathTeacher.request({ method: 'POST', url: `/api/questions/import/sheet?subjectId=${toan}&grade=6`, ...multipart('x.csv', csv([['Họ tên', 'Lớp'], ['A', '6A1']])) });
      t.equal(errorOf(t, noCols).code, 'QUESTION_IMPORT_MISSING_COLUMNS');
      const notSheet = await mathTeacher.request({ method: 'POST', url: `/api/questions/import/sheet?subjectId=${toan}&grade=6`, ...multipart('x.xlsx', Buffer.from('not a zip at all')) });
      t.equal(notSheet.statusCode, 400, 'a broken xlsx is refused');
      t.equal((await litTeacher.request({ url: `/api/questions/export?subjectId=${toan}&grade=6` })).statusCode, 403, 'export keeps to the group');
      t.equal((await student.request({ url: `/api/questions/export?subjectId=${toan}&grade=6` })).statusCode, 403);
    });
  });
}
