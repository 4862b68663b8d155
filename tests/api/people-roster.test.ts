import fs from 'node:fs';
import t from 'tap';
import ExcelJS from 'exceljs';
import { buildTestApp, type Client } from '../helpers/app.js';
import { dialects } from '../helpers/db.js';
import { makeStudentRosterXlsx } from '../fixtures/rosters/make-xlsx.js';
import { DEMO_PRINCIPAL_ID, DEMO_TEACHER_ID, DEMO_IT_ID, DEMO_PARENT_LOGIN } from '../../server/src/domain/demo/demo-school.js';

const STUDENTS_CSV = fs.readFileSync(new URL('../fixtures/rosters/hoc-sinh-6a1.csv', import.meta.url));
const TEACHERS_CSV = fs.readFileSync(new URL('../fixtures/rosters/giao-vien.csv', import.meta.url));

function multipart(fileName: string, data: Buffer, type = 'text/csv') {
  const boundary = '----phonghoc' + Math.random().toString(16).slice(2);
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${type}\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { payload: Buffer.concat([head, data, tail]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

async function upload(c: Client, kind: string, mode: string, fileName: string, data: Buffer) {
  const m = multipart(fileName, data);
  return c.request({ method: 'POST', url: `/api/roster/${kind}/import?mode=${mode}`, payload: m.payload, headers: m.headers });
}

for (const dialect of dialects()) {
  t.test(`people and roster on ${dialect}`, async (t) => {
    const { app, login } = await buildTestApp(t, dialect, { demo: 'full' });
    const p = await login(DEMO_PRINCIPAL_ID);
    const count = async () => (await p.request({ url: '/api/people?kind=student&limit=1' })).json().total as number;

    await t.test('preview: a per-row report and nothing written', async (t) => {
      const before = await count();
      const res = await upload(p, 'students', 'preview', 'hoc-sinh-6a1.csv', STUDENTS_CSV);
      t.equal(res.statusCode, 200, res.body.slice(0, 300));
      const r = res.json();
      t.equal(r.committed, false);
      t.equal(r.accepted, 12);
      t.equal(r.rejected, 4);
      t.equal(r.skipped, 1);
      const dup = r.rows.find((x: { problems: { code: string }[] }) => x.problems.some((pr) => pr.code === 'DUPLICATE_IN_FILE'));
      t.match(dup.problems[0].vi, /trùng với dòng/);
      t.ok(r.rows.some((x: { problems: { code: string; vi: string; en: string }[] }) => x.problems.some((pr) => pr.code === 'UNKNOWN_CLASS' && pr.en)));
      t.equal(await count(), before);
    });

    await t.test('mode=all refuses the whole file when a row is rejected (nothing half-imported)', async (t) => {
      const before = await count();
      const res = await upload(p, 'students', 'all', 'hoc-sinh-6a1.csv', STUDENTS_CSV);
      t.equal(res.json().committed, false);
      t.equal(await count(), before);
    });

    await t.test('mode=accepted imports the valid rows, enrols them and links parents', async (t) => {
      const before = await count();
      const res = await upload(p, 'students', 'accepted', 'hoc-sinh-6a1.csv', STUDENTS_CSV);
      const r = res.json();
      t.equal(r.committed, true);
      t.equal(r.created, 12);
      t.equal(await count(), before + 12);
      const found = (await p.request({ url: `/api/people?q=${encodeURIComponent('nguyen thi anh tuyet')}` })).json();
      t.equal(found.total, 1, 'diacritic-insensitive search finds Nguyễn Thị Ánh Tuyết');
      const person = (await p.request({ url: `/api/people/${found.items[0].id}` })).json();
      t.equal(person.className, '6A1');
      t.equal(person.birthDate, '2014-03-12');
      t.equal(person.citizenId, '079314001234', 'the principal sees the citizen number');
      t.equal(person.parents.length, 1);
      t.equal(person.parents[0].phone, '0912345678');
    });

    await t.test('importing the same file again updates, it does not duplicate', async (t) => {
      const before = await count();
      const r = (await upload(p, 'students', 'accepted', 'hoc-sinh-6a1.csv', STUDENTS_CSV)).json();
      t.equal(r.updated, 12);
      t.equal(r.created, 0);
      t.equal(await count(), before);
    });

    await t.test('an .xlsx export from the sector database imports the same way', async (t) => {
      const res = await upload(p, 'students', 'preview', 'hoc-sinh-6a1.xlsx', await makeStudentRosterXlsx());
      t.equal(res.json().accepted, 12);
      t.equal(res.json().rejected, 4);
    });

    await t.test('teachers roster', async (t) => {
      const r = (await upload(p, 'teachers', 'all', 'giao-vien.csv', TEACHERS_CSV)).json();
      t.equal(r.committed, true, JSON.stringify(r.rows?.filter((x: { status: string }) => x.status !== 'accepted')));
      t.equal(r.created, 6);
      const groups = (await p.request({ url: '/api/subject-groups' })).json() as { name: string; memberIds: number[] }[];
      const math = groups.find((g) => g.name === 'Tổ Toán – Tin học')!;
      const lan = (await p.request({ url: `/api/people?q=${encodeURIComponent('Nguyễn Thị Lan')}&role=teacher` })).json().items.find((x: { personalId: string }) => x.personalId === 'GV79000000000001');
      t.ok(math.memberIds.includes(lan.id), 'the imported teacher joined her subject group');
    });

    await t.test('bad files: wrong type, missing columns, too large', async (t) => {
      const xls = await upload(p, 'students', 'preview', 'old.xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0, 0, 0, 0]));
      t.equal(xls.statusCode, 415);
      t.equal(xls.json().error.code, 'SPREADSHEET_LEGACY_XLS');
      const cols = await upload(p, 'students', 'preview', 'x.csv', Buffer.from('Họ và tên,Lớp\nNguyễn Văn A,6A1\n'));
      t.equal(cols.json().error.code, 'ROSTER_MISSING_COLUMNS');
      const big = await upload(p, 'students', 'preview', 'big.csv', Buffer.alloc(6 * 1024 * 1024, 'a'));
      t.equal(big.statusCode, 413);
      t.equal(big.json().error.code, 'UPLOAD_TOO_LARGE');
    });

    await t.test('export to .xlsx with Vietnamese headers, IDs kept as text', async (t) => {
      const res = await p.request({ url: '/api/roster/students/export' });
      t.equal(res.statusCode, 200);
      t.match(res.headers['content-type'], /spreadsheetml/);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const ws = wb.worksheets[0]!;
      const texts: string[] = [];
      ws.eachRow((row) => texts.push(row.values?.toString() ?? ''));
      t.ok(texts.some((x) => x.includes('Mã định danh Bộ GD&ĐT')));
      t.ok(texts.some((x) => x.includes('79101400123456780101')));
      t.ok(texts.some((x) => x.includes('Nguyễn Thị Ánh Tuyết')));
    });

    await t.test('least data: a teacher does not see citizen numbers; a parent cannot list people', async (t) => {
      const teacher = await login(DEMO_TEACHER_ID);
      const list = (await teacher.request({ url: '/api/people?kind=student&limit=20' })).json();
      t.ok(list.items.length > 0);
      t.ok(list.items.every((x: Record<string, unknown>) => !('citizenId' in x)));
      const parent = await login(DEMO_PARENT_LOGIN);
      t.equal((await parent.request({ url: '/api/people' })).statusCode, 403);
      const home = (await parent.request({ url: '/api/home' })).json();
      t.ok(home.children.length >= 1);
    });

    await t.test('people: create, immutable identifier, citizen number checked against birth date', async (t) => {
      const it = await login(DEMO_IT_ID);
      const bad = await it.request({ method: 'POST', url: '/api/people', payload: { kind: 'staff', personalId: 'GV79123456', citizenId: '079212345678', fullName: 'Lê Thị Hoa', birthDate: '1990-01-01', gender: 'female', phone: null, email: null, position: 'Giáo viên' } });
      t.equal(bad.json().error.code, 'INVALID_CITIZEN_ID');
      const ok = await it.request({ method: 'POST', url: '/api/people', payload: { kind: 'staff', personalId: 'gv79123456', citizenId: '079190345678', fullName: '  Lê   Thị Hoa ', birthDate: '1990-01-01', gender: 'female', phone: null, email: null, position: 'Giáo viên' } });
      t.equal(ok.statusCode, 200, ok.body);
      const person = (await it.request({ url: `/api/people/${ok.json().id}` })).json();
      t.equal(person.personalId, 'GV79123456');
      t.equal(person.fullName, 'Lê Thị Hoa');
      t.same(person.roles, ['teacher']);
      const again = await it.request({ method: 'POST', url: '/api/people', payload: { kind: 'staff', personalId: 'GV79123456', fullName: 'Lê Văn Hai', birthDate: null, gender: null, phone: null, email: null, position: null } });
      t.equal(again.json().error.code, 'DUPLICATE_PERSONAL_ID');
      const change = await it.request({ method: 'PUT', url: `/api/people/${ok.json().id}`, payload: { personalId: 'GV79999999', fullName: 'Lê Thị Hoa', birthDate: null, gender: null, phone: null, email: null, position: null } });
      t.equal(change.statusCode, 409);
      // A principal role can only be granted by a principal.
      const grant = await it.request({ method: 'PUT', url: `/api/people/${ok.json().id}/roles`, payload: { roles: ['teacher', 'principal'] } });
      t.equal(grant.statusCode, 403);
      const grantIt = await it.request({ method: 'PUT', url: `/api/people/${ok.json().id}/roles`, payload: { roles: ['teacher', 'it_staff'] } });
      t.same(grantIt.json().roles.sort(), ['it_staff', 'teacher']);
    });

    await t.test('class lists sort the Vietnamese way: by given name', async (t) => {
      const cls = (await p.request({ url: '/api/classes' })).json().find((c: { name: string }) => c.name === '6A1');
      const items = (await p.request({ url: `/api/people?kind=student&classId=${cls.id}&limit=100` })).json().items as { fullName: string }[];
      const given = items.map((x) => x.fullName.split(' ').pop()!);
      const sorted = [...given].sort((a, b) => a.localeCompare(b, 'vi'));
      t.same(given, sorted);
    });

    await t.test('password slips: imported students get a temporary password, printed per class', async (t) => {
      const classes = (await p.request({ url: '/api/classes' })).json() as { id: number; name: string }[];
      const a1 = classes.find((c) => c.name === '6A1')!;
      const a2 = classes.find((c) => c.name === '6A2')!;
      const teacher = await login(DEMO_TEACHER_ID); // homeroom teacher of 6A1
      t.equal((await teacher.request({ method: 'POST', url: `/api/classes/${a2.id}/password-slips` })).statusCode, 403, 'not for another class');
      const res = await teacher.request({ method: 'POST', url: `/api/classes/${a1.id}/password-slips` });
      t.equal(res.statusCode, 200);
      t.equal(res.headers['x-slip-count'], '12', 'only the imported students, who had no password');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const rows: string[][] = [];
      wb.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
      const slip = rows.find((r) => r.includes('79101400123456780101'))!;
      t.ok(slip, 'the slip lists the student by identifier');
      const temp = slip[3]!;
      const student = await login('79101400123456780101', temp);
      t.equal((await student.request({ url: '/api/home' })).json().error.code, 'PASSWORD_CHANGE_REQUIRED');
      const again = await teacher.request({ method: 'POST', url: `/api/classes/${a1.id}/password-slips` });
      t.equal(again.headers['x-slip-count'], '0', 'printing twice does not reset students who have a password');
    });

    await t.test('the import history is kept', async (t) => {
      const h = (await p.request({ url: '/api/roster/imports' })).json() as { committed: boolean }[];
      t.ok(h.length >= 5);
      t.ok(h.some((x) => x.committed) && h.some((x) => !x.committed));
    });
    void app;
  });
}
