import t from 'tap';
import ExcelJS from 'exceljs';
import { buildTestApp, type Client } from '../helpers/app.js';
import { dialects } from '../helpers/db.js';
import { ERRORS, type ErrorCode } from '../../server/src/contracts/error-codes.js';
import { DEMO_PARENT_LOGIN, DEMO_PRINCIPAL_ID, DEMO_STUDENT_ID, DEMO_VICE_PRINCIPAL_ID } from '../../server/src/domain/demo/demo-school.js';

interface Lesson { id: number; subjectId: number; grade: number; position: number; chapter: string | null; title: string; periods: number; outcomes: string[] }
interface Subject { id: number; code: string; name: string; grades: number[]; canManage: boolean }
interface Res { statusCode: number; body: string; json(): any }

function multipart(fileName: string, data: Buffer) {
  const boundary = '----curriculum' + Math.random().toString(16).slice(2);
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { payload: Buffer.concat([head, data, tail]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** A CSV as Excel writes it on Vietnamese Windows when saved as "CSV UTF-8": BOM, commas, quoted cells. */
function csv(rows: (string | number)[][]): Buffer {
  const cell = (v: string | number) => { const s = String(v); return /[",\n;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s; };
  return Buffer.from('\uFEFF' + rows.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n', 'utf8');
}

const HEADER = ['Môn', 'Khối', 'STT', 'Chủ đề/Chương', 'Tên bài', 'Số tiết', 'Yêu cầu cần đạt'];

for (const dialect of dialects()) {
  t.test(`curriculum on ${dialect}`, async (t) => {
    const { login, demo } = await buildTestApp(t, dialect, { demo: 'small' });
    const p = await login(DEMO_PRINCIPAL_ID);
    const vp = await login(DEMO_VICE_PRINCIPAL_ID);
    const student = await login(DEMO_STUDENT_ID);
    const parent = await login(DEMO_PARENT_LOGIN);

    // Teachers by subject group: a maths teacher, the maths group's leader, a literature teacher.
    const groups = demo!.subjectGroups;
    const mathGroup = groups.find((g) => g.subjectCodes.includes('TOAN'))!;
    const litGroup = groups.find((g) => g.subjectCodes.includes('NV'))!;
    const mathTeacherId = demo!.staff.find((s) => s.groupName === mathGroup.name && s.subjects.includes('TOAN') && s.personalId !== mathGroup.leaderPersonalId)!.personalId;
    const litTeacherId = demo!.staff.find((s) => s.groupName === litGroup.name && s.subjects.includes('NV') && s.personalId !== litGroup.leaderPersonalId)!.personalId;
    const mathT = await login(mathTeacherId);
    const mathLeader = await login(mathGroup.leaderPersonalId);
    const litT = await login(litTeacherId);

    const subjects = (await p.request({ url: '/api/curriculum/subjects' })).json() as Subject[];
    const sub = (code: string) => subjects.find((s) => s.code === code)!;
    const TOAN = sub('TOAN').id;
    const NV = sub('NV').id;
    const lessons = async (subjectId: number, grade: number, c: Client = p) => (await c.request({ url: `/api/curriculum/lessons?subjectId=${subjectId}&grade=${grade}` })).json() as Lesson[];
    const errorOf = (res: Res, code: ErrorCode, tt: { equal: typeof t.equal; ok: typeof t.ok } = cur) => {
      const t = tt;
      const e = res.json().error;
      t.equal(e?.code, code, `${code} (${res.body.slice(0, 160)})`);
      t.equal(res.statusCode, ERRORS[code].status);
      t.ok(e?.message.vi && e?.message.en, 'messages in Vietnamese and English');
      return e;
    };
    let cur: { equal: typeof t.equal; ok: typeof t.ok } = t;
    const positionsOk = (list: Lesson[]) => list.every((l, i) => l.position === i + 1);

    await t.test('the demo programme: real lessons in teaching order, read by everyone (Art. 4.1)', async (t) => {
      cur = t;
      const toan6 = await lessons(TOAN, 6);
      t.ok(toan6.length >= 8 && toan6.length <= 15, `${toan6.length} lessons of Toán 6`);
      t.equal(toan6[0]!.title, 'Bài 1. Tập hợp');
      t.equal(toan6[0]!.chapter, 'Chương I. Tập hợp các số tự nhiên');
      t.ok(toan6.every((l) => l.outcomes.length >= 1 && l.outcomes.length <= 4), 'each lesson has its outcomes');
      t.ok(positionsOk(toan6), 'positions 1..n');
      for (const [code, grade] of [['NV', 6], ['KHTN', 6], ['NN1', 6], ['LSDL', 6], ['TOAN', 7]] as const) {
        const list = await lessons(sub(code).id, grade);
        t.ok(list.length >= 8 && list.length <= 15, `${code} ${grade}: ${list.length} lessons`);
      }
      for (const c of [student, parent, mathT]) t.same((await lessons(TOAN, 6, c)).map((l) => l.id), toan6.map((l) => l.id), 'students, parents and teachers read it');
      const one = await student.request({ url: `/api/curriculum/lessons/${toan6[2]!.id}` });
      t.equal(one.statusCode, 200);
      t.equal(one.json().title, toan6[2]!.title);
      errorOf(await p.request({ url: '/api/curriculum/lessons/999999' }), 'NOT_FOUND');
      errorOf(await p.request({ url: `/api/curriculum/lessons?subjectId=${TOAN}&grade=10` }), 'CURRICULUM_GRADE_NOT_TAUGHT');
      errorOf(await p.request({ url: '/api/curriculum/lessons?subjectId=999999&grade=6' }), 'NOT_FOUND');
      t.equal((await p.request({ url: '/api/curriculum/lessons' })).statusCode, 400, 'subject and grade are required');
      const sSubjects = (await student.request({ url: '/api/curriculum/subjects' })).json() as Subject[];
      t.ok(sSubjects.length > 0 && sSubjects.every((s) => !s.canManage), 'a student manages nothing');
      const mSubjects = (await mathT.request({ url: '/api/curriculum/subjects' })).json() as Subject[];
      t.same(mSubjects.filter((s) => s.canManage).map((s) => s.code).sort(), [...mathGroup.subjectCodes].sort(), 'a teacher manages the subjects of their group');
      t.ok(subjects.every((s) => s.canManage), 'the principal manages every subject');
    });

    await t.test('create, edit, reorder and delete, scoped to the subject group', async (t) => {
      cur = t;
      const before = await lessons(TOAN, 6);
      const body = { subjectId: TOAN, grade: 6, chapter: 'Chương I. Tập hợp các số tự nhiên', title: '  Ôn tập:   tập hợp ', periods: 1, outcomes: ['Củng cố khái niệm tập hợp.', '  '] };
      errorOf(await litT.request({ method: 'POST', url: '/api/curriculum/lessons', payload: body }), 'CURRICULUM_NOT_YOUR_SUBJECT');
      t.equal((await student.request({ method: 'POST', url: '/api/curriculum/lessons', payload: body })).statusCode, 403, 'students never write');
      errorOf(await mathT.request({ method: 'POST', url: '/api/curriculum/lessons', payload: { ...body, grade: 10 } }), 'CURRICULUM_GRADE_NOT_TAUGHT');
      t.equal((await mathT.request({ method: 'POST', url: '/api/curriculum/lessons', payload: { ...body, title: '' } })).statusCode, 400);
      errorOf(await mathT.request({ method: 'POST', url: '/api/curriculum/lessons', payload: { ...body, title: '   ' } }), 'VALIDATION_FAILED');

      const created = await mathT.request({ method: 'POST', url: '/api/curriculum/lessons', payload: { ...body, position: 2 } });
      t.equal(created.statusCode, 200, created.body);
      const id = created.json().id as number;
      let list = await lessons(TOAN, 6);
      t.equal(list.length, before.length + 1);
      t.equal(list[1]!.id, id, 'inserted at position 2');
      t.equal(list[1]!.title, 'Ôn tập: tập hợp', 'title cleaned');
      t.same(list[1]!.outcomes, ['Củng cố khái niệm tập hợp.'], 'empty outcomes dropped');
      t.equal(list[2]!.id, before[1]!.id, 'the others moved down');
      t.ok(positionsOk(list));

      // Move: down, up, to a position, past the ends.
      const move = (c: Client, payload: object, lessonId = id) => c.request({ method: 'POST', url: `/api/curriculum/lessons/${lessonId}/move`, payload });
      let moved = await move(mathLeader, { direction: 'down' });
      t.equal(moved.statusCode, 200, moved.body);
      t.equal((moved.json() as Lesson[])[2]!.id, id, 'the group leader moves it down');
      list = await lessons(TOAN, 6);
      t.ok(positionsOk(list));
      errorOf(await move(litT, { direction: 'up' }), 'CURRICULUM_NOT_YOUR_SUBJECT');
      await move(mathT, { position: 1 });
      t.equal((await lessons(TOAN, 6))[0]!.id, id, 'moved to position 1');
      await move(mathT, { direction: 'up' });
      t.equal((await lessons(TOAN, 6))[0]!.id, id, 'up from the top stays on top');
      await move(mathT, { position: 999 });
      list = await lessons(TOAN, 6);
      t.equal(list[list.length - 1]!.id, id, 'a position past the end means last');
      t.ok(positionsOk(list));
      errorOf(await move(mathT, {}), 'VALIDATION_FAILED');
      errorOf(await move(mathT, { direction: 'up', position: 2 }), 'VALIDATION_FAILED');
      errorOf(await move(mathT, { direction: 'up' }, 999999), 'NOT_FOUND');

      // Edit
      const upd = { chapter: null, title: 'Ôn tập cuối chương I', periods: 2, outcomes: ['Hệ thống hoá kiến thức về số tự nhiên.', 'Giải được bài tập tổng hợp.'] };
      errorOf(await litT.request({ method: 'PUT', url: `/api/curriculum/lessons/${id}`, payload: upd }), 'CURRICULUM_NOT_YOUR_SUBJECT');
      t.equal((await mathT.request({ method: 'PUT', url: `/api/curriculum/lessons/${id}`, payload: upd })).statusCode, 200);
      const got = (await p.request({ url: `/api/curriculum/lessons/${id}` })).json() as Lesson;
      t.same({ chapter: got.chapter, title: got.title, periods: got.periods, outcomes: got.outcomes }, upd);
      t.equal((await mathT.request({ method: 'PUT', url: `/api/curriculum/lessons/${id}`, payload: { ...upd, periods: 0 } })).statusCode, 400);

      // Delete: refused for another group, then done; the rest closes the gap.
      const mid = list[3]!;
      errorOf(await litT.request({ method: 'DELETE', url: `/api/curriculum/lessons/${mid.id}` }), 'CURRICULUM_NOT_YOUR_SUBJECT');
      t.equal((await vp.request({ method: 'DELETE', url: `/api/curriculum/lessons/${id}` })).statusCode, 200, 'the vice-principal deletes in any subject');
      list = await lessons(TOAN, 6);
      t.same(list.map((l) => l.id), before.map((l) => l.id), 'back to the demo order');
      t.ok(positionsOk(list));
      errorOf(await p.request({ method: 'DELETE', url: '/api/curriculum/lessons/999999' }), 'NOT_FOUND');

      // Every change is in the audit log (Art. 4.1 changes are traceable).
      const audit = (await p.request({ url: '/api/audit?limit=100' })).json() as { action: string; entityId: string | null; actorLogin: string | null }[];
      for (const action of ['curriculum_lesson.created', 'curriculum_lesson.moved', 'curriculum_lesson.updated', 'curriculum_lesson.deleted']) {
        t.ok(audit.some((a) => a.action === action && a.entityId === String(id)), `${action} audited`);
      }
      t.ok(audit.some((a) => a.action === 'curriculum_lesson.created' && a.actorLogin === mathTeacherId), 'with who did it');

      // A literature teacher manages Ngữ văn.
      const nv = await litT.request({ method: 'POST', url: '/api/curriculum/lessons', payload: { subjectId: NV, grade: 6, title: 'Đọc mở rộng', outcomes: [] } });
      t.equal(nv.statusCode, 200);
      t.equal((await litT.request({ method: 'DELETE', url: `/api/curriculum/lessons/${nv.json().id}` })).statusCode, 200);
    });

    await t.test('import: preview, per-row report, commit all or nothing', async (t) => {
      cur = t;
      const importFile = (c: Client, query: string, fileName: string, data: Buffer) => {
        const m = multipart(fileName, data);
        return c.request({ method: 'POST', url: `/api/curriculum/import?${query}`, payload: m.payload, headers: m.headers });
      };
      const toan7 = await lessons(TOAN, 7);
      const file = csv([
        ['TRƯỜNG THCS — CHƯƠNG TRÌNH MÔN TOÁN 7'],
        [],
        ['Mon hoc', 'Khoi', 'Thu tu', 'Chu de', 'Ten bai', 'So tiet', 'Yeu cau can dat'],
        ['toan', 7, 1, 'Chương IV. Tam giác bằng nhau', 'Bài 12. Tổng các góc trong một tam giác', 2, 'Giải thích được định lí về tổng các góc trong một tam giác bằng 180°.\n- Nhận biết được góc ngoài của tam giác'],
        ['Toán', '7', '2', 'Chương IV. Tam giác bằng nhau', 'Bài 13. Hai tam giác bằng nhau. Trường hợp bằng nhau thứ nhất của tam giác', '3', 'Nhận biết được hai tam giác bằng nhau; Giải thích được trường hợp bằng nhau c.c.c'],
        [],
        ['Vật lí', 7, 3, '', 'Bài lạ', 1, ''],
        ['TOAN', 10, 4, '', 'Sai khối', 1, ''],
        ['TOAN', 7, 2, '', '', 'hai', ''],
        ['NV', 7, 1, '', 'Bài của tổ khác', 1, ''],
      ]);
      const pre = await importFile(mathT, 'mode=preview&action=append', 'toan-7.csv', file);
      t.equal(pre.statusCode, 200, pre.body.slice(0, 300));
      const r = pre.json();
      t.equal(r.committed, false);
      t.equal(r.accepted, 2);
      t.equal(r.rejected, 4);
      t.equal(r.skipped, 1);
      const codes = (n: number) => (r.rows as { rowNumber: number; problems: { code: string; vi: string }[] }[]).find((x) => x.rowNumber === n)!.problems.map((x) => x.code);
      t.same(codes(7), ['UNKNOWN_SUBJECT']);
      t.same(codes(8), ['GRADE_NOT_TAUGHT']);
      t.same(codes(9).sort(), ['DUPLICATE_POSITION', 'INVALID_PERIODS', 'MISSING_TITLE']);
      t.same(codes(10), ['NOT_YOUR_SUBJECT'], 'a maths teacher cannot import Ngữ văn');
      t.same(r.rows[0].lesson.outcomes, ['Giải thích được định lí về tổng các góc trong một tam giác bằng 180°.', 'Nhận biết được góc ngoài của tam giác'], 'outcomes split on line breaks, bullets dropped');
      t.same(r.rows[1].lesson.outcomes.length, 2, 'outcomes split on ;');
      t.match(r.rows.find((x: { rowNumber: number }) => x.rowNumber === 7).problems[0].vi, /Không có môn/);
      t.same(r.groups, [{ subjectId: TOAN, subjectName: 'Toán', grade: 7, existing: toan7.length, created: 2, updated: 0, removed: 0, blocked: [] }]);

      const bad = await importFile(mathT, 'mode=commit&action=append', 'toan-7.csv', file);
      t.equal(bad.json().committed, false, 'a file with rejected rows is not written');
      t.equal((await lessons(TOAN, 7)).length, toan7.length, 'nothing written');

      const good = csv([HEADER,
        ['TOAN', 7, 1, 'Chương IV. Tam giác bằng nhau', 'Bài 12. Tổng các góc trong một tam giác', 2, 'Giải thích được định lí về tổng các góc trong một tam giác bằng 180°.'],
        ['TOAN', 7, 2, 'Chương IV. Tam giác bằng nhau', 'Bài 13. Hai tam giác bằng nhau', 3, 'Nhận biết được hai tam giác bằng nhau.']]);
      const ok = await importFile(mathT, 'mode=commit&action=append', 'toan-7.csv', good);
      t.equal(ok.statusCode, 200, ok.body.slice(0, 300));
      t.equal(ok.json().committed, true);
      const after = await lessons(TOAN, 7);
      t.equal(after.length, toan7.length + 2);
      t.equal(after[toan7.length]!.title, 'Bài 12. Tổng các góc trong một tam giác', 'appended in order');
      t.ok(positionsOk(after));

      // A file without the lesson column; an empty file; a file of a forbidden type.
      errorOf(await importFile(p, 'mode=preview&action=append', 'x.csv', csv([['Môn', 'Khối', 'Ghi chú'], ['TOAN', 6, 'x']])), 'CURRICULUM_MISSING_COLUMNS');
      errorOf(await importFile(p, 'mode=preview&action=append', 'x.csv', csv([HEADER])), 'CURRICULUM_EMPTY');
      errorOf(await importFile(p, 'mode=preview&action=append', 'x.pdf', Buffer.from('%PDF-1.4')), 'UNSUPPORTED_FILE_TYPE');
      errorOf(await importFile(p, 'mode=preview&action=append', 'x.xlsx', Buffer.from('PK\u0003\u0004 not a zip')), 'SPREADSHEET_UNREADABLE');
      // Subject and grade from the query when the file has no such columns.
      const q = await importFile(mathT, `mode=preview&action=append&subjectId=${TOAN}&grade=6`, 'x.csv', csv([['Tên bài', 'Số tiết'], ['Ôn tập', 2]]));
      t.equal(q.json().accepted, 1);
      t.equal(q.json().groups[0].grade, 6);
      t.equal((await student.request({ method: 'POST', url: '/api/curriculum/import?mode=preview&action=append', ...multipart('x.csv', good) })).statusCode, 403);
    });

    await t.test('export round trip, and replace keeps links', async (t) => {
      cur = t;
      const before = await lessons(sub('KHTN').id, 6);
      const exp = await p.request({ url: `/api/curriculum/export?subjectId=${sub('KHTN').id}&grade=6` });
      t.equal(exp.statusCode, 200);
      t.match(exp.headers['content-disposition'], /chuong-trinh-khtn-khoi-6\.xlsx/);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(exp.rawPayload as unknown as ArrayBuffer);
      const sheet = wb.worksheets[0]!;
      t.equal(sheet.getRow(3).getCell(5).value, 'Tên bài', 'header row under the title');
      t.equal(sheet.getRow(4).getCell(5).value, before[0]!.title);

      const m = multipart('khtn-6.xlsx', exp.rawPayload);
      const back = await p.request({ method: 'POST', url: '/api/curriculum/import?mode=commit&action=replace', payload: m.payload, headers: m.headers });
      t.equal(back.statusCode, 200, back.body.slice(0, 300));
      t.equal(back.json().committed, true);
      t.same(back.json().groups[0], { subjectId: sub('KHTN').id, subjectName: 'Khoa học tự nhiên', grade: 6, existing: before.length, created: 0, updated: before.length, removed: 0, blocked: [] });
      const again = await lessons(sub('KHTN').id, 6);
      t.same(again.map(({ id, position, chapter, title, periods, outcomes }) => ({ id, position, chapter, title, periods, outcomes })),
        before.map(({ id, position, chapter, title, periods, outcomes }) => ({ id, position, chapter, title, periods, outcomes })), 'the exported file imports back unchanged, same ids');

      // Replace with a reordered, shortened file: matching lessons keep their id. (Công nghệ 8 has
      // no demo lessons, so nothing of another module links to them.)
      const CN = sub('CN').id;
      const rows = Array.from({ length: 8 }, (_, i) => ['Công nghệ', 8, i + 1, i < 4 ? 'Chương I. Vẽ kĩ thuật' : 'Chương II. Cơ khí', `Bài ${i + 1}. Nội dung ${i + 1}`, 2, `Yêu cầu ${i + 1}.1; Yêu cầu ${i + 1}.2`]);
      t.equal((await p.request({ method: 'POST', url: '/api/curriculum/import?mode=commit&action=append', ...multipart('cn.csv', csv([HEADER, ...rows])) })).json().committed, true);
      const cn = await lessons(CN, 8);
      t.equal(cn.length, 8);
      t.same(cn[0]!.outcomes, ['Yêu cầu 1.1', 'Yêu cầu 1.2']);
      const reordered = [rows[1]!, rows[0]!, ...rows.slice(2, 5), ['CN', 8, 6, 'Chương II. Cơ khí', 'Bài mới', 1, '']].map((r, i) => [r[0]!, r[1]!, i + 1, ...r.slice(3)]);
      const rep = await p.request({ method: 'POST', url: '/api/curriculum/import?mode=commit&action=replace', ...multipart('k.csv', csv([HEADER, ...reordered])) });
      t.equal(rep.json().committed, true, rep.body.slice(0, 300));
      t.same(rep.json().groups[0], { subjectId: CN, subjectName: 'Công nghệ', grade: 8, existing: 8, created: 1, updated: 5, removed: 3, blocked: [] });
      const now = await lessons(CN, 8);
      t.same(now.slice(0, 5).map((l) => l.id), [cn[1]!.id, cn[0]!.id, cn[2]!.id, cn[3]!.id, cn[4]!.id], 'same chapter + title keep their id');
      t.equal(now[5]!.title, 'Bài mới');
      t.equal(now.length, 6);
      t.ok(positionsOk(now));
    });

    await t.test('live lessons link to a lesson of their subject and grade', async (t) => {
      cur = t;
      const classes = (await p.request({ url: '/api/classes' })).json() as { id: number; name: string; grade: number }[];
      const c6a1 = classes.find((c) => c.name === '6A1')!;
      const toan6 = await lessons(TOAN, 6);
      const toan7 = await lessons(TOAN, 7);
      const nv6 = await lessons(NV, 6);
      const schedule = (body: Record<string, unknown>, day: string) => p.request({ method: 'POST', url: '/api/live-lessons', payload: {
        classId: c6a1.id, subjectId: TOAN, startsAt: `2026-11-${day}T08:00:00+07:00`, endsAt: `2026-11-${day}T08:45:00+07:00`, mode: 'supporting', recordingAllowed: false, ...body,
      } });
      errorOf(await schedule({ curriculumLessonId: toan7[0]!.id }, '10'), 'LIVE_CURRICULUM_MISMATCH');
      errorOf(await schedule({ curriculumLessonId: nv6[0]!.id }, '10'), 'LIVE_CURRICULUM_MISMATCH');
      errorOf(await schedule({ curriculumLessonId: 999999 }, '10'), 'NOT_FOUND');
      errorOf(await schedule({}, '10'), 'VALIDATION_FAILED');
      const made = await schedule({ curriculumLessonId: toan6[0]!.id }, '10');
      t.equal(made.statusCode, 200, made.body);
      const lesson = (await p.request({ url: `/api/live-lessons/${made.json().id}` })).json();
      t.equal(lesson.curriculumLessonId, toan6[0]!.id);
      t.equal(lesson.topic, 'Bài 1. Tập hợp', 'the topic is the lesson title');
      const own = await schedule({ curriculumLessonId: toan6[1]!.id, topic: 'Ghi số tự nhiên – tiết 1' }, '11');
      t.equal((await p.request({ url: `/api/live-lessons/${own.json().id}` })).json().topic, 'Ghi số tự nhiên – tiết 1', 'a topic typed by the teacher is kept');
      const plain = await schedule({ topic: 'Ôn tập' }, '12');
      t.equal((await p.request({ url: `/api/live-lessons/${plain.json().id}` })).json().curriculumLessonId, null);

      // A linked lesson cannot be deleted, nor removed by a replacing import.
      const del = errorOf(await p.request({ method: 'DELETE', url: `/api/curriculum/lessons/${toan6[0]!.id}` }), 'CURRICULUM_LESSON_LINKED');
      t.equal(del.details.links.live_lessons, 1, 'the live lesson is named among the links');
      const rep = await p.request({ method: 'POST', url: '/api/curriculum/import?mode=commit&action=replace', ...multipart('t.csv', csv([HEADER, ['TOAN', 6, 1, '', 'Bài mới duy nhất', 1, '']])) });
      t.equal(rep.statusCode, 200, rep.body.slice(0, 300));
      t.equal(rep.json().committed, false);
      const blocked = rep.json().groups[0].blocked as { id: number; links: Record<string, number> }[];
      t.ok(blocked.some((b) => b.id === toan6[0]!.id && b.links.live_lessons === 1) && blocked.some((b) => b.id === toan6[1]!.id), 'the linked lessons are listed');
      t.ok(blocked.every((b) => Object.values(b.links).some((n) => n > 0)), 'only linked lessons block');
      t.same((await lessons(TOAN, 6)).map((l) => l.id), toan6.map((l) => l.id), 'nothing changed');
    });
  });
}
