import fs from 'node:fs';
import path from 'node:path';
import t from 'tap';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { buildTestApp, type Client } from '../helpers/app.js';
import { dialects } from '../helpers/db.js';
import { ERRORS, type ErrorCode } from '../../server/src/contracts/error-codes.js';
import { DEMO_PARENT_LOGIN, DEMO_PRINCIPAL_ID, DEMO_STUDENT_ID, DEMO_TEACHER_ID } from '../../server/src/domain/demo/demo-school.js';

interface Assignment { classId: number; className: string; subjectId: number; subjectName: string; teacherId: number }
interface Res { statusCode: number; body: string; rawPayload: Buffer; headers: Record<string, unknown>; json(): any }

/** A multipart/form-data body: text fields and files. */
function multipart(parts: ({ name: string; value: string } | { name: string; fileName: string; data: Buffer; type?: string })[]) {
  const boundary = `----phonghoc${Math.random().toString(16).slice(2)}`;
  const chunks: Buffer[] = [];
  for (const p of parts) {
    if ('value' in p) chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"\r\n\r\n${p.value}\r\n`));
    else {
      chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"; filename="${p.fileName}"\r\nContent-Type: ${p.type ?? 'application/octet-stream'}\r\n\r\n`));
      chunks.push(p.data, Buffer.from('\r\n'));
    }
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

const pdf = (text: string) => Buffer.from(`%PDF-1.4\n% ${text}\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n`);
const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

/** Every file under a folder (the task files and their temporary folder). */
function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true, recursive: true }).filter((e) => e.isFile()).map((e) => path.join(e.parentPath ?? (e as unknown as { path: string }).path, e.name));
}

function codeOf(t: { equal(a: unknown, b: unknown, m: string): unknown; ok(v: unknown, m: string): unknown }, res: Res): ErrorCode {
  const e = res.json().error as { code: ErrorCode; message: { vi: string; en: string } };
  t.ok(e?.message?.vi && e.message.en, `${e?.code} has Vietnamese and English messages`);
  t.equal(res.statusCode, ERRORS[e.code].status, `${e.code} → ${ERRORS[e.code].status}`);
  return e.code;
}

const hours = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();

for (const dialect of dialects()) {
  t.test(`tasks on ${dialect}`, async (t) => {
    const { login, services, database } = await buildTestApp(t, dialect, { demo: 'small' });
    const knex = database.db.knex;
    const tasksDir = path.join(database.dataDir, 'tasks');
    const p = await login(DEMO_PRINCIPAL_ID);
    const teacher = await login(DEMO_TEACHER_ID);
    const s1 = await login(DEMO_STUDENT_ID);
    const parent = await login(DEMO_PARENT_LOGIN);

    const tMe = (await teacher.request({ url: '/api/auth/me' })).json();
    const s1Me = (await s1.request({ url: '/api/auth/me' })).json();
    const classes = (await p.request({ url: '/api/classes' })).json() as { id: number; name: string }[];
    const c6a1 = classes.find((c) => c.name === '6A1')!;
    const c6a2 = classes.find((c) => c.name === '6A2')!;
    const in6a1 = (await p.request({ url: `/api/assignments?classId=${c6a1.id}` })).json() as Assignment[];
    const mine = in6a1.find((a) => a.teacherId === tMe.personId && a.subjectName === 'Toán') ?? in6a1.find((a) => a.teacherId === tMe.personId)!;
    const foreign = in6a1.find((a) => a.teacherId !== tMe.personId)!;
    const otherTeacherId = (await knex('people').where({ id: foreign.teacherId }).first()).personal_id as string;
    const otherTeacher = await login(otherTeacherId);
    const roster = (await p.request({ url: `/api/people?kind=student&classId=${c6a1.id}&limit=100` })).json().items as { id: number; fullName: string; personalId: string }[];
    const [st2, st3] = roster.filter((s) => s.id !== s1Me.personId);
    const s2 = await login(st2!.personalId);
    const s3 = await login(st3!.personalId);
    const outsider = (await p.request({ url: `/api/people?kind=student&classId=${c6a2.id}&limit=1` })).json().items[0] as { id: number; personalId: string };
    const s9 = await login(outsider.personalId);
    const year = await knex('school_years').where({ is_current: true }).first();
    const sem1 = await knex('semesters').where({ school_year_id: year.id, number: 1 }).first();
    t.ok(mine && foreign && st2 && st3, 'demo class with the teacher, another teacher and students');

    const base = {
      classId: mine.classId, subjectId: mine.subjectId, instructions: 'Làm bài 1, 2 trang 45.\n\nNộp ảnh chụp vở.', audience: 'class', studentIds: [],
      dueAt: hours(48), acceptFiles: true, acceptText: true, latePolicy: 'refuse', latePenaltyKind: 'none', latePenaltyValue: 0,
      resubmission: 'none', maxScore: 10,
    };
    const create = async (c: Client, body: Record<string, unknown>) => c.request({ method: 'POST', url: '/api/tasks', payload: { ...base, ...body } });
    const created = async (body: Record<string, unknown>) => {
      const res = await create(teacher, body);
      if (res.statusCode !== 200) throw new Error(`create: ${res.body}`);
      return res.json().id as number;
    };
    const submit = (c: Client, id: number, parts: Parameters<typeof multipart>[0]) => c.request({ method: 'POST', url: `/api/tasks/${id}/submissions`, ...multipart(parts) });
    const mineOf = async (c: Client) => (await c.request({ url: '/api/tasks/mine' })).json() as { id: number; status: string; overdue: boolean; score: number | null; late: boolean }[];

    const rubric = {
      criteria: [
        { title: 'Nội dung đúng', levels: [{ label: 'Chưa đạt', points: 0, description: 'Sai nhiều' }, { label: 'Đạt', points: 3, description: '' }, { label: 'Tốt', points: 6, description: 'Đúng hết' }] },
        { title: 'Trình bày', levels: [{ label: 'Chưa gọn', points: 1, description: '' }, { label: 'Sạch đẹp', points: 4, description: '' }] },
      ],
    };
    const t1 = await created({ title: 'Bài tập về nhà: phân số', resubmission: 'limited', maxSubmissions: 2, rubric, gradebookTarget: { semesterId: sem1.id, column: { kind: 'regular', slot: 1 } } });
    const t2 = await created({ title: 'Dự án nhóm', audience: 'group', groupName: 'Nhóm Hoa Sen', studentIds: [st2!.id, st3!.id] });
    const t3 = await created({ title: 'Bài bổ sung', audience: 'student', studentIds: [st2!.id], acceptText: false, instructions: '<p>Xem <a href="javascript:alert(1)">đây</a></p><script>alert(1)</script>' });
    const future = await created({ title: 'Chưa mở', opensAt: hours(24), dueAt: hours(72) });

    await t.test('assigning: the class × subject teacher only, students of the class only', async (t) => {
      t.equal(codeOf(t, await create(otherTeacher, { title: 'x' })), 'TASK_NOT_ASSIGNED', 'another teacher cannot assign in this subject');
      t.equal(codeOf(t, await create(p, { title: 'x' })), 'TASK_NOT_ASSIGNED', 'the principal reads but does not assign');
      t.equal((await create(s1, { title: 'x' })).statusCode, 403, 'students cannot assign');
      t.equal(codeOf(t, await create(teacher, { title: 'x', audience: 'student', studentIds: [outsider.id] })), 'TASK_STUDENT_NOT_IN_CLASS');
      t.equal(codeOf(t, await create(teacher, { title: 'x', dueAt: hours(-100), opensAt: hours(-50) })), 'INVALID_DATE_RANGE');
      t.equal(codeOf(t, await create(teacher, { title: 'x', gradebookTarget: { semesterId: 999999, column: { kind: 'midterm' } } })), 'VALIDATION_FAILED');
      t.equal(codeOf(t, await create(teacher, { title: 'x', h5pContentId: 999999 })), 'NOT_FOUND');
      const detail = (await s2.request({ url: `/api/tasks/${t3}` })).json();
      t.notMatch(detail.instructions, /script|javascript/, 'instructions are sanitized');
      t.same(detail.assignees, [], 'students do not see who else a task is for');
      const asTeacher = (await teacher.request({ url: `/api/tasks/${t2}` })).json();
      t.same(asTeacher.assignees.map((a: { id: number }) => a.id).sort(), [st2!.id, st3!.id].sort());
      t.equal(asTeacher.myRelation, 'manage');
      const groups = (await teacher.request({ url: `/api/tasks/audience?classId=${mine.classId}&subjectId=${mine.subjectId}` })).json();
      t.ok(groups.groups.some((g: { name: string }) => g.name === 'Nhóm Hoa Sen'), 'groups are offered again');
      t.equal(groups.students.length, roster.length);
      t.equal((await otherTeacher.request({ url: `/api/tasks/audience?classId=${mine.classId}&subjectId=${mine.subjectId}` })).statusCode, 403);
    });

    await t.test('who sees which task', async (t) => {
      const ids = (xs: { id: number }[]) => xs.map((x) => x.id).filter((id) => [t1, t2, t3, future].includes(id)).sort((a, b) => a - b);
      t.same(ids(await mineOf(s1)), [t1], 'S1: the class task only');
      t.same(ids(await mineOf(s2)), [t1, t2, t3].sort((a, b) => a - b), 'S2: class, group and own task');
      t.same(ids(await mineOf(s3)), [t1, t2].sort((a, b) => a - b));
      t.same(ids(await mineOf(s9)), [], 'another class sees nothing');
      t.equal((await s1.request({ url: `/api/tasks/${t2}` })).statusCode, 404, 'a group task of others is not found');
      t.equal((await s9.request({ url: `/api/tasks/${t1}` })).statusCode, 404);
      t.equal((await s1.request({ url: `/api/tasks/${future}` })).statusCode, 404, 'not open yet: hidden from students');
      const parentView = (await parent.request({ url: '/api/tasks/mine' })).json() as { id: number; studentId: number }[];
      t.ok(parentView.some((x) => x.id === t1 && x.studentId === s1Me.personId), 'the parent sees the child\'s task');
      t.notOk(parentView.some((x) => x.id === t2), 'not other students\' tasks');
      t.equal((await parent.request({ url: `/api/tasks/mine?studentId=${st2!.id}` })).statusCode, 403, 'another child id is refused');
      t.equal((await s1.request({ url: `/api/tasks/mine?studentId=${st2!.id}` })).statusCode, 403, 'a student cannot ask for another student');
      const staff = (await teacher.request({ url: '/api/tasks' })).json() as { id: number; assigned: number }[];
      t.same(ids(staff), [t1, t2, t3, future].sort((a, b) => a - b));
      t.equal(staff.find((x) => x.id === t2)!.assigned, 2);
      t.equal(staff.find((x) => x.id === t1)!.assigned, roster.length);
      t.ok(ids((await p.request({ url: '/api/tasks' })).json()).length === 4, 'the principal reads every task');
      t.same(ids((await otherTeacher.request({ url: '/api/tasks' })).json()), [], 'another teacher does not see them');
      t.equal((await otherTeacher.request({ url: `/api/tasks/${t1}` })).statusCode, 404);
      t.equal((await p.request({ url: `/api/tasks/${t1}/students` })).statusCode, 200, 'managers read the roster');
      // The subject group's leader follows the group's teaching (reads, does not grade).
      const leader = await knex('subjects as s').join('subject_groups as g', 'g.id', 's.subject_group_id').join('people as p', 'p.id', 'g.leader_id')
        .where('s.id', mine.subjectId).first('p.personal_id', 'p.id');
      if (leader && leader.id !== tMe.personId && leader.id !== foreign.teacherId) {
        const gl = await login(leader.personal_id);
        t.equal((await gl.request({ url: `/api/tasks/${t1}` })).json().myRelation, 'read', 'the group leader reads');
        t.ok(ids((await gl.request({ url: '/api/tasks' })).json()).includes(t1), 'and lists it');
        t.equal((await gl.request({ method: 'POST', url: `/api/tasks/${t1}/students/${s1Me.personId}/grade`, payload: { score: 1 } })).statusCode, 403, 'but does not grade');
      } else t.pass('no separate group leader for this subject in the demo');
    });

    let s1FileId = 0;
    await t.test('submitting and resubmitting, every version kept', async (t) => {
      const r1 = await submit(s1, t1, [{ name: 'text', value: 'Em làm bài 1 và 2.' }, { name: 'file', fileName: 'Bài làm phân số.pdf', data: pdf('v1'), type: 'application/pdf' }]);
      t.equal(r1.statusCode, 200, r1.body);
      t.same({ version: r1.json().version, late: r1.json().late }, { version: 1, late: false });
      const r2 = await submit(s1, t1, [{ name: 'file', fileName: 'Bài làm phân số (sửa).pdf', data: pdf('v2') }, { name: 'file', fileName: 'ảnh vở.png', data: png }]);
      t.equal(r2.json().version, 2);
      t.equal(codeOf(t, await submit(s1, t1, [{ name: 'text', value: 'lần 3' }])), 'TASK_SUBMISSION_LIMIT', 'limited to two');
      const work = (await s1.request({ url: `/api/tasks/${t1}/students/${s1Me.personId}` })).json();
      t.same(work.submissions.map((s: { version: number; files: unknown[] }) => [s.version, s.files.length]), [[1, 1], [2, 2]]);
      t.equal(work.status, 'submitted');
      t.equal(work.canSubmit, false);
      t.equal(work.refusal, 'TASK_SUBMISSION_LIMIT');
      s1FileId = work.submissions[1].files[0].id;
      const dl = await s1.request({ url: `/api/task-files/${s1FileId}` });
      t.equal(dl.statusCode, 200);
      t.match(dl.rawPayload.toString(), /% v2/, 'the file as sent');
      t.match(String(dl.headers['content-disposition']), /attachment; filename=.*filename\*=UTF-8''B%C3%A0i/);
      t.equal(filesUnder(tasksDir).filter((f) => !f.includes('.tmp')).length, 3, 'three files stored');
      t.equal(codeOf(t, await submit(s3, t2, [])), 'TASK_EMPTY_SUBMISSION');
      t.equal(codeOf(t, await submit(s2, t3, [{ name: 'text', value: 'chỉ có chữ' }])), 'VALIDATION_FAILED', 'text not accepted by this task');
      t.equal(codeOf(t, await submit(s1, t2, [{ name: 'text', value: 'x' }])), 'NOT_FOUND', 'not S1\'s task');
      t.equal((await submit(teacher, t1, [{ name: 'text', value: 'x' }])).statusCode, 403, 'teachers do not submit');
      t.equal((await submit(parent, t1, [{ name: 'text', value: 'x' }])).statusCode, 403, 'parents only read');
    });

    await t.test('malicious uploads are refused and leave nothing behind', async (t) => {
      const before = filesUnder(tasksDir).sort();
      const exe = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00'), Buffer.alloc(200)]);
      t.equal(codeOf(t, await submit(s2, t1, [{ name: 'file', fileName: 'bai-lam.pdf', data: exe }])), 'UNSUPPORTED_FILE_TYPE', 'a program renamed .pdf');
      t.equal(codeOf(t, await submit(s2, t1, [{ name: 'file', fileName: 'bai.html', data: Buffer.from('<html><script>alert(1)</script>') }])), 'UNSUPPORTED_FILE_TYPE');
      t.equal(codeOf(t, await submit(s2, t1, [{ name: 'file', fileName: 'tot.pdf', data: pdf('ok') }, { name: 'file', fileName: 'xau.exe', data: exe }])), 'UNSUPPORTED_FILE_TYPE', 'one bad file refuses all');
      const big = Buffer.alloc(26 * 1024 * 1024, 0x20);
      pdf('big').copy(big);
      t.equal(codeOf(t, await submit(s2, t1, [{ name: 'file', fileName: 'to-qua.pdf', data: big }])), 'UPLOAD_TOO_LARGE');
      t.equal((await s2.request({ method: 'POST', url: `/api/tasks/${t1}/submissions`, payload: { text: 'json' } })).statusCode, 415, 'not multipart');
      t.same(filesUnder(tasksDir).sort(), before, 'no file left, not even in the temporary folder');
      const stillNone = (await s2.request({ url: `/api/tasks/${t1}/students/${st2!.id}` })).json();
      t.equal(stillNone.submissions.length, 0, 'and no submission recorded');
      // A traversal name is only a name: stored inside the task folder under a generated path.
      const ok = await submit(s2, t1, [{ name: 'file', fileName: '../../../../etc/passwd.pdf', data: pdf('trav') }]);
      t.equal(ok.statusCode, 200);
      const row = await knex('task_submission_files').where({ submission_id: ok.json().id }).first();
      t.equal(row.file_name, 'passwd.pdf', 'the path part of the name is dropped');
      t.ok(path.resolve(tasksDir, row.stored_path).startsWith(tasksDir + path.sep) && !row.stored_path.includes('..'));
    });

    await t.test('tampering with ids', async (t) => {
      t.equal((await s1.request({ url: `/api/tasks/${t1}/students/${st2!.id}` })).statusCode, 403, 'another student\'s work');
      const s2File = (await teacher.request({ url: `/api/tasks/${t1}/students/${st2!.id}` })).json().submissions[0].files[0].id;
      t.equal((await s1.request({ url: `/api/task-files/${s2File}` })).statusCode, 404, 'another student\'s file');
      t.equal((await s9.request({ url: `/api/task-files/${s1FileId}` })).statusCode, 404);
      t.equal((await parent.request({ url: `/api/task-files/${s1FileId}` })).statusCode, 200, 'the parent opens the child\'s file');
      t.equal((await parent.request({ url: `/api/task-files/${s2File}` })).statusCode, 404);
      t.equal((await s1.request({ url: `/api/tasks/${t1}/students` })).statusCode, 403, 'students do not see the roster');
      t.equal((await s1.request({ url: `/api/tasks/${t1}/download` })).statusCode, 403);
      t.equal((await s1.request({ method: 'POST', url: `/api/tasks/${t1}/students/${s1Me.personId}/grade`, payload: { score: 10 } })).statusCode, 403, 'no self-grading');
      t.equal(codeOf(t, await otherTeacher.request({ method: 'POST', url: `/api/tasks/${t1}/students/${s1Me.personId}/grade`, payload: { score: 10 } })), 'TASK_NOT_ASSIGNED', 'another teacher cannot grade');
      t.equal(codeOf(t, await p.request({ method: 'POST', url: `/api/tasks/${t1}/students/${s1Me.personId}/grade`, payload: { score: 10 } })), 'TASK_NOT_ASSIGNED', 'managers read, do not grade');
      t.equal(codeOf(t, await teacher.request({ method: 'POST', url: `/api/tasks/${t3}/students/${s1Me.personId}/grade`, payload: { score: 5 } })), 'NOT_FOUND', 'a student outside the task');
      t.equal((await s1.request({ method: 'DELETE', url: `/api/tasks/${t1}` })).statusCode, 403);
    });

    await t.test('grading, release, gradebook', async (t) => {
      const g = await teacher.request({ method: 'POST', url: `/api/tasks/${t1}/students/${s1Me.personId}/grade`, payload: { rubricSelection: [1, 1], comment: 'Trình bày đẹp, cần xem lại bài 2.' } });
      t.equal(g.statusCode, 200, g.body);
      t.equal(g.json().score, 7, '(3 + 4) / 10 × 10');
      let work = (await s1.request({ url: `/api/tasks/${t1}/students/${s1Me.personId}` })).json();
      t.equal(work.grade, null, 'not released: the student does not see it');
      t.equal(work.status, 'graded');
      t.equal((await mineOf(s1)).find((x) => x.id === t1)!.score, null);
      const cell = await knex('gradebook_scores').where({ student_id: s1Me.personId, subject_id: mine.subjectId, semester_id: sem1.id, column_kind: 'regular', slot: 1 }).first();
      t.equal(cell?.score_tenths, 70, 'the gradebook has 7.0 from the task');
      t.equal(cell?.source_kind, 'task');
      // Re-grade with a typed score: replaces it everywhere.
      await teacher.request({ method: 'POST', url: `/api/tasks/${t1}/students/${s1Me.personId}/grade`, payload: { score: 8.5, rubricSelection: [2, null], comment: 'Tốt' } });
      t.equal((await knex('gradebook_scores').where({ student_id: s1Me.personId, subject_id: mine.subjectId, semester_id: sem1.id, column_kind: 'regular', slot: 1 }).first()).score_tenths, 85);
      const rel = await teacher.request({ method: 'POST', url: `/api/tasks/${t1}/release` });
      t.same(rel.json(), { released: 1 });
      work = (await s1.request({ url: `/api/tasks/${t1}/students/${s1Me.personId}` })).json();
      t.equal(work.grade.score, 8.5);
      t.equal(work.grade.comment, 'Tốt');
      t.equal((await mineOf(s1)).find((x) => x.id === t1)!.score, 8.5);
      t.equal((await parent.request({ url: `/api/tasks/${t1}/students/${s1Me.personId}` })).json().grade.score, 8.5, 'the parent sees the released grade');
      t.equal(codeOf(t, await submit(s1, t1, [{ name: 'text', value: 'thêm' }])), 'TASK_ALREADY_GRADED');
      t.equal(codeOf(t, await teacher.request({ method: 'POST', url: `/api/tasks/${t1}/students/${st2!.id}/grade`, payload: { score: 11 } })), 'VALIDATION_FAILED', 'above the max score');
      t.equal(codeOf(t, await teacher.request({ method: 'POST', url: `/api/tasks/${t1}/students/${st2!.id}/grade`, payload: { rubricSelection: [0] } })), 'VALIDATION_FAILED');
      const audit = await knex('audit_log').where({ action: 'task.graded', entity_id: String(t1) });
      t.equal(audit.length, 2, 'each grading is audited');
      // A locked semester keeps the gradebook as it is; the task's grade is saved and the teacher told.
      await knex('gradebook_semester_locks').insert({ semester_id: sem1.id, locked: true, locked_at: new Date().toISOString() });
      const locked = await teacher.request({ method: 'POST', url: `/api/tasks/${t1}/students/${st2!.id}/grade`, payload: { score: 6 } });
      t.equal(locked.statusCode, 200, locked.body);
      t.equal(locked.json().gradebookRefusal, 'GRADEBOOK_SEMESTER_LOCKED');
      t.notOk(await knex('gradebook_scores').where({ student_id: st2!.id, subject_id: mine.subjectId, semester_id: sem1.id }).first(), 'nothing in the locked gradebook');
      t.equal((await knex('audit_log').where({ action: 'task.gradebook_refused' })).length, 1);
      await knex('gradebook_semester_locks').where({ semester_id: sem1.id }).delete();
    });

    await t.test('return for revision reopens once', async (t) => {
      t.equal((await submit(s3, t2, [{ name: 'text', value: 'Bài nhóm lần 1' }])).statusCode, 200);
      t.equal(codeOf(t, await submit(s3, t2, [{ name: 'text', value: 'lần 2' }])), 'TASK_RESUBMISSION_NOT_ALLOWED');
      t.equal(codeOf(t, await teacher.request({ method: 'POST', url: `/api/tasks/${t2}/students/${st2!.id}/return`, payload: { comment: 'x' } })), 'TASK_NOTHING_SUBMITTED');
      t.equal((await teacher.request({ method: 'POST', url: `/api/tasks/${t2}/students/${st3!.id}/return`, payload: { comment: 'Bổ sung phần kết luận.' } })).statusCode, 200);
      let work = (await s3.request({ url: `/api/tasks/${t2}/students/${st3!.id}` })).json();
      t.equal(work.status, 'returned');
      t.equal(work.grade.comment, 'Bổ sung phần kết luận.', 'the comment shows at once');
      t.equal(work.canSubmit, true);
      t.equal((await submit(s3, t2, [{ name: 'text', value: 'Bài nhóm đã sửa' }])).json().version, 2);
      work = (await s3.request({ url: `/api/tasks/${t2}/students/${st3!.id}` })).json();
      t.equal(work.status, 'submitted', 'back with the teacher');
      t.equal(codeOf(t, await submit(s3, t2, [{ name: 'text', value: 'lần 3' }])), 'TASK_RESUBMISSION_NOT_ALLOWED');
    });

    await t.test('late work by the policies', async (t) => {
      const past = { opensAt: hours(-72), dueAt: hours(-1) };
      const refuse = await created({ title: 'Hết hạn', ...past });
      t.equal(codeOf(t, await submit(s1, refuse, [{ name: 'text', value: 'muộn' }])), 'TASK_CLOSED');
      const overdue = (await mineOf(s1)).find((x) => x.id === refuse)!;
      t.equal(overdue.overdue, true, 'flagged overdue');
      const list = await mineOf(s1);
      const rank = (x: { status: string; overdue: boolean }) => (x.overdue ? 0 : x.status === 'not_submitted' || x.status === 'returned' ? 1 : 2);
      t.same(list.map(rank), [...list.map(rank)].sort((a, b) => a - b), 'overdue work first, then open work, then handed in');
      const accept = await created({ title: 'Nhận muộn, trừ 20%', ...past, latePolicy: 'accept', latePenaltyKind: 'percent', latePenaltyValue: 20 });
      const late = await submit(s1, accept, [{ name: 'text', value: 'muộn nhưng có' }]);
      t.equal(late.json().late, true, 'marked nộp muộn');
      const g = (await teacher.request({ method: 'POST', url: `/api/tasks/${accept}/students/${s1Me.personId}/grade`, payload: { score: 8, release: true } })).json();
      t.same([g.rawScore, g.penalty, g.score], [8, 1.6, 6.4], 'late penalty of 20%');
      const rows = (await teacher.request({ url: `/api/tasks/${accept}/students` })).json() as { studentId: number; status: string; late: boolean }[];
      t.same(rows.find((r) => r.studentId === s1Me.personId), { ...rows.find((r) => r.studentId === s1Me.personId), status: 'graded', late: true });
      t.ok(rows.filter((r) => r.status === 'not_submitted').length === roster.length - 1, 'who has not submitted');
      const closed = await created({ title: 'Đóng hẳn', opensAt: hours(-72), dueAt: hours(-5), latePolicy: 'until_close', closeAt: hours(-1) });
      t.equal(codeOf(t, await submit(s1, closed, [{ name: 'text', value: 'x' }])), 'TASK_CLOSED');
      const open = await created({ title: 'Còn mở', opensAt: hours(-72), dueAt: hours(-5), latePolicy: 'until_close', closeAt: hours(5), latePenaltyKind: 'points', latePenaltyValue: 2 });
      t.equal((await submit(s1, open, [{ name: 'text', value: 'kịp' }])).json().late, true);
    });

    await t.test('an H5P result is attached to the submission', async (t) => {
      const contentId = (await knex('h5p_contents').insert({ title: 'Câu hỏi nhanh', main_library: 'H5P.PhonghocQuickCheck 1.0', uploaded_by_id: tMe.personId, created_at: new Date().toISOString() }).returning('id'))[0];
      const cid = typeof contentId === 'number' ? contentId : contentId.id;
      const asStudent = (personId: number) => ({ accountId: null, login: null, ip: null, personId, roles: ['student' as const] });
      const sees = async (personId: number) => services.h5p.visibleContent(asStudent(personId), cid).then(() => true, () => false);
      t.equal(await sees(s1Me.personId), false, 'not assigned yet: the content is hidden');
      const h5pTask = await created({ title: 'Làm bài H5P', acceptFiles: false, acceptText: false, h5pContentId: cid });
      t.equal(await sees(s1Me.personId), true, 'the task lets its students play the content');
      t.equal(await sees(outsider.id), false, 'not another class');
      t.equal(codeOf(t, await submit(s1, h5pTask, [{ name: 'h5p', value: '1' }])), 'TASK_H5P_NO_RESULT', 'not played yet');
      const at = new Date().toISOString();
      await services.tx.run((r) => r.h5p.saveResult({ contentId: cid, studentId: s1Me.personId, attempts: 1, last: { raw: 4, max: 5, scaled: 0.8, at }, best: { raw: 4, max: 5, scaled: 0.8, at }, completedAt: at }));
      const res = await submit(s1, h5pTask, [{ name: 'h5p', value: '1' }]);
      t.equal(res.statusCode, 200, res.body);
      const work = (await teacher.request({ url: `/api/tasks/${h5pTask}/students/${s1Me.personId}` })).json();
      t.same(work.submissions[0].h5pResult.score, { raw: 4, max: 5, scaled: 0.8 });
      t.equal(work.submissions[0].h5pResult.completed, true);
    });

    await t.test('download all: a zip of folders by student and a summary workbook', async (t) => {
      const res = await teacher.request({ url: `/api/tasks/${t1}/download` });
      t.equal(res.statusCode, 200);
      t.equal(res.headers['content-type'], 'application/zip');
      t.match(String(res.headers['content-disposition']), /filename\*=UTF-8''/);
      const zip = await JSZip.loadAsync(res.rawPayload);
      const names = Object.keys(zip.files).filter((n) => !zip.files[n]!.dir);
      const s1Name = roster.find((s) => s.id === s1Me.personId)!.fullName;
      const s1Files = names.filter((n) => n.includes(`${s1Name}/`));
      t.ok(s1Files.length === 2, `the latest version only (2 files): ${s1Files.join(', ')}`);
      t.ok(s1Files.some((n) => n.endsWith('/Bài làm phân số (sửa).pdf')) && s1Files.some((n) => n.endsWith('/ảnh vở.png')), 'Vietnamese file and folder names kept');
      t.notOk(names.some((n) => n.endsWith('/Bài làm phân số.pdf')), 'not the first version');
      t.match(await zip.file(s1Files.find((n) => n.endsWith('.pdf'))!)!.async('string'), /% v2/);
      t.ok(names.some((n) => n.includes(st2!.fullName) && n.endsWith('/passwd.pdf')));
      t.notOk(names.some((n) => n.includes('..')), 'no traversal in the archive');
      const sheetName = names.find((n) => n.endsWith('Tổng hợp.xlsx'))!;
      t.ok(sheetName, 'the summary workbook');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load((await zip.file(sheetName)!.async('nodebuffer')) as unknown as ArrayBuffer);
      const values: string[] = [];
      wb.worksheets[0]!.eachRow((row) => values.push((row.values as unknown[]).slice(1).map((v) => String(v ?? '')).join('|')));
      const s1Row = values.find((v) => v.includes(s1Name))!;
      t.match(s1Row, /Đã chấm\|2\|\d\d\/\d\d\/\d{4} \d\d:\d\d\|\|8\.5\|Tốt/, 'status, count, time, not late, score, comment');
      t.ok(values.some((v) => v.includes('Chưa nộp')), 'who has not submitted');
      const text = await knex('audit_log').where({ action: 'task.downloaded' });
      t.equal(text.length, 1, 'the download is audited');
      t.equal((await p.request({ url: `/api/tasks/${t1}/download` })).statusCode, 200, 'managers may download');
    });

    await t.test('attachments of the teacher', async (t) => {
      const up = await teacher.request({ method: 'POST', url: `/api/tasks/${t1}/attachments`, ...multipart([{ name: 'file', fileName: 'Đề bài.pdf', data: pdf('de') }]) });
      t.equal(up.statusCode, 200, up.body);
      const fileId = up.json().id;
      t.equal((await s1.request({ url: `/api/tasks/${t1}/attachments/${fileId}` })).statusCode, 200, 'students of the task download it');
      t.equal((await s9.request({ url: `/api/tasks/${t1}/attachments/${fileId}` })).statusCode, 404);
      const inline = await s1.request({ url: `/api/tasks/${t1}/attachments/${fileId}?inline=true` });
      t.match(String(inline.headers['content-disposition']), /^inline/);
      t.match(String(inline.headers['content-security-policy']), /sandbox/);
      t.equal((await otherTeacher.request({ method: 'POST', url: `/api/tasks/${t1}/attachments`, ...multipart([{ name: 'file', fileName: 'x.pdf', data: pdf('x') }]) })).statusCode, 404);
      const storedBefore = filesUnder(tasksDir).length;
      t.equal((await teacher.request({ method: 'DELETE', url: `/api/tasks/${t1}/attachments/${fileId}` })).statusCode, 200);
      t.equal(filesUnder(tasksDir).length, storedBefore - 1, 'the file is removed');
    });

    await t.test('editing and deleting', async (t) => {
      const detail = (await teacher.request({ url: `/api/tasks/${t3}` })).json();
      const body = { ...base, title: 'Bài bổ sung (sửa)', audience: 'student', studentIds: [st3!.id], acceptText: true, dueAt: hours(96) };
      t.equal((await teacher.request({ method: 'PUT', url: `/api/tasks/${t3}`, payload: body })).statusCode, 200);
      t.notOk((await mineOf(s2)).some((x) => x.id === t3), 'reassigned away from S2');
      t.ok((await mineOf(s3)).some((x) => x.id === t3), 'to S3');
      t.equal(detail.opensAt, (await teacher.request({ url: `/api/tasks/${t3}` })).json().opensAt, 'the opening is kept');
      t.equal(codeOf(t, await teacher.request({ method: 'PUT', url: `/api/tasks/${t3}`, payload: { ...body, subjectId: foreign.subjectId } })), 'VALIDATION_FAILED');
      t.equal((await teacher.request({ method: 'DELETE', url: `/api/tasks/${t3}` })).statusCode, 200);
      t.notOk((await mineOf(s3)).some((x) => x.id === t3), 'gone from the lists');
      t.equal((await teacher.request({ url: `/api/tasks/${t3}` })).statusCode, 404);
    });
  });
}
