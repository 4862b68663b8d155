import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import t from 'tap';
import JSZip from 'jszip';
import Fastify from 'fastify';
import { buildTestApp, loginClient, type Client } from '../helpers/app.js';
import { createTestDatabase, dialects } from '../helpers/db.js';
import { phonghocApp } from '../../server/src/app.js';
import { buildServices } from '../../server/src/services.js';
import { seedDemoSchool } from '../../server/src/db/seed-demo.js';
import { MaterialService } from '../../server/src/domain/materials/material.service.js';
import { ERRORS, type ErrorCode } from '../../server/src/contracts/error-codes.js';
import { DEMO_PASSWORD, DEMO_IT_ID, DEMO_PARENT_LOGIN, DEMO_PRINCIPAL_ID, DEMO_STUDENT_ID, DEMO_TEACHER_ID, DEMO_VICE_PRINCIPAL_ID } from '../../server/src/domain/demo/demo-school.js';

type Res = { statusCode: number; body: string; rawPayload: Buffer; headers: Record<string, unknown>; json(): any };

/** A multipart/form-data body with one file, as a browser sends it (UTF-8 file name). */
function multipart(fileName: string, data: Buffer, type = 'application/octet-stream') {
  const boundary = `----phonghoc${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${type}\r\n\r\n`, 'utf8');
  return { payload: Buffer.concat([head, data, Buffer.from(`\r\n--${boundary}--\r\n`)]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** A small but real PDF. */
function pdf(text: string): Buffer {
  const content = `BT /F1 18 Tf 40 100 Td (${text}) Tj ET`;
  const objs = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objs.forEach((o, i) => { offsets.push(out.length); out += `${i + 1} 0 obj\n${o}\nendobj\n`; });
  const xref = out.length;
  out += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

const PNG_1x1 = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c63f8cfc0f01f0005000201a5f9c6d90000000049454e44ae426082', 'hex');

async function docx(extra?: (z: JSZip) => void): Promise<Buffer> {
  const z = new JSZip();
  z.file('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>');
  z.file('word/document.xml', '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Phiếu học tập</w:t></w:r></w:p></w:body></w:document>');
  extra?.(z);
  return z.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

interface Asserts { ok(v: unknown, msg: string): unknown; equal(a: unknown, b: unknown, msg: string): unknown }

function errorOf(t: Asserts, res: Res, code: ErrorCode, label: string) {
  const body = res.json() as { error?: { code: string; message: { vi: string; en: string } } };
  t.equal(body.error?.code, code, `${label}: ${code}`);
  t.equal(res.statusCode, ERRORS[code].status, `${label}: HTTP ${ERRORS[code].status}`);
  t.ok(body.error?.message.vi, `${label}: Vietnamese message`);
}

const base = { title: 'Phân số và các phép tính', description: 'Bài giảng có ví dụ minh hoạ', author: 'Nguyễn Kim Linh', source: 'Tổ Toán – Tin học', licence: 'CC BY 4.0' };

for (const dialect of dialects()) {
  t.test(`materials on ${dialect}`, async (t) => {
    const { login, demo, database, services } = await buildTestApp(t, dialect, { demo: 'small' });
    const knex = database.db.knex;
    const d = demo!;
    const subjects = await knex('subjects').select('id', 'code', 'name');
    const subjectId = (code: string) => subjects.find((s) => s.code === code)!.id as number;
    const leaderOf = (code: string) => d.subjectGroups.find((g) => g.subjectCodes.includes(code))!.leaderPersonalId;
    const student7 = d.students.find((s) => s.grade === 7)!;
    const otherMathTeacher = d.teachingAssignments.find((a) => a.subjectCode === 'TOAN' && a.teacherPersonalId !== DEMO_TEACHER_ID && a.teacherPersonalId !== leaderOf('TOAN'))!.teacherPersonalId;

    const teacher = await login(DEMO_TEACHER_ID);
    const mathLeader = await login(leaderOf('TOAN'));
    const litLeader = await login(leaderOf('NV'));
    const principal = await login(DEMO_PRINCIPAL_ID);
    const vice = await login(DEMO_VICE_PRINCIPAL_ID);
    const it = await login(DEMO_IT_ID);
    const student = await login(DEMO_STUDENT_ID);
    const student7c = await login(student7.personalId);
    const parent = await login(DEMO_PARENT_LOGIN);
    const otherTeacher = await login(otherMathTeacher);

    const get = (c: Client, url: string) => c.request({ url }) as Promise<Res>;
    const post = (c: Client, url: string, payload: unknown = {}) => c.request({ method: 'POST', url, payload: payload as object }) as Promise<Res>;
    const put = (c: Client, url: string, payload: unknown) => c.request({ method: 'PUT', url, payload: payload as object }) as Promise<Res>;
    const upload = (c: Client, url: string, name: string, data: Buffer) => {
      const m = multipart(name, data);
      return c.request({ method: 'POST', url, payload: m.payload, headers: m.headers }) as Promise<Res>;
    };
    const materialsDir = path.join(services.dataDir, 'materials');
    const storedFiles = () => {
      const out: string[] = [];
      const walk = (dir: string) => { if (!fs.existsSync(dir)) return; for (const e of fs.readdirSync(dir, { withFileTypes: true })) e.isDirectory() ? walk(path.join(dir, e.name)) : out.push(path.join(dir, e.name)); };
      walk(materialsDir);
      return out.sort();
    };
    const fileRows = async () => Number((await knex('material_files').count({ n: '*' }))[0]!.n);
    const library = async (c: Client, query = '') => (await get(c, `/api/materials${query}`)).json() as { id: number; title: string; versionNumber: number; status: string }[];

    const math = subjectId('TOAN');

    await t.test('the demo school\'s materials', async (t) => {
      const seen = await library(student);
      // On PostgreSQL the seed has no data directory: the file-based demo materials are left out.
      t.equal(seen.length, dialect === 'sqlite' ? 4 : 2, 'published demo materials for grade 6');
      t.ok(seen.every((m) => m.status === 'published'));
      const titles = seen.map((m) => m.title);
      t.notOk(titles.includes('Luyện tập: thứ tự trong tập hợp số tự nhiên'), 'the one waiting for the group is not shown');
      t.ok(((await get(mathLeader, '/api/materials/review-queue')).json() as { title: string }[]).some((m) => m.title === 'Luyện tập: thứ tự trong tập hợp số tự nhiên'), 'it is in the maths leader\'s queue');
      t.ok(((await get(principal, '/api/materials/review-queue')).json() as { status: string }[]).some((m) => m.status === 'passed'), 'one waits for the principal');
      if (dialect === 'sqlite') {
        const pdfItem = seen.find((m) => m.title === 'Hướng dẫn thực hành: Đo chiều dài')!;
        const detail = (await get(student, `/api/materials/${pdfItem.id}`)).json();
        const res = await get(student, detail.versions[0].file.url);
        t.equal(res.statusCode, 200, 'the generated PDF is served');
        t.equal(res.rawPayload.subarray(0, 5).toString(), '%PDF-');
        const page = seen.find((m) => m.title === 'Tập hợp và phần tử của tập hợp')!;
        const html = (await get(student, `/api/materials/${page.id}`)).json().versions[0].pageHtml as string;
        const img = /src="([^"]+)"/.exec(html)![1]!;
        const png = await get(student, img);
        t.equal(png.headers['content-type'], 'image/png', 'the page\'s generated picture is served');
        t.ok(png.rawPayload.subarray(0, 4).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47])));
      }
    });

    await t.test('who may author', async (t) => {
      errorOf(t, await post(student, '/api/materials', { ...base, subjectId: math, grade: 6, kind: 'lecture', contentType: 'file' }), 'FORBIDDEN', 'a student');
      errorOf(t, await post(it, '/api/materials', { ...base, subjectId: math, grade: 6, kind: 'lecture', contentType: 'file' }), 'FORBIDDEN', 'IT staff');
      errorOf(t, await post(teacher, '/api/materials', { ...base, subjectId: subjectId('NV'), grade: 6, kind: 'lecture', contentType: 'file' }), 'MATERIAL_SUBJECT_NOT_TAUGHT', 'a maths teacher for literature');
      t.equal((await post(teacher, '/api/materials', { ...base, subjectId: math, grade: 6, kind: 'handout', contentType: 'file' })).statusCode, 400, 'an unknown kind');
      t.equal((await post(teacher, '/api/materials', { ...base, licence: '', subjectId: math, grade: 6, kind: 'lecture', contentType: 'file' })).statusCode, 400, 'a licence is required');
      errorOf(t, await post(student, '/api/materials/999999/versions/1/pass'), 'FORBIDDEN', 'a student reviewing');
      errorOf(t, await get(student, '/api/materials/review-queue'), 'FORBIDDEN', 'a student has no queue');
      errorOf(t, await get(teacher, '/api/materials/review-queue'), 'FORBIDDEN', 'a teacher has no queue');
    });

    // ---------------------------------------------------------------------------------------
    // The full workflow with returns (Art. 7.3)
    const created = await post(teacher, '/api/materials', { ...base, subjectId: math, grade: 6, kind: 'lecture', contentType: 'file' });
    t.equal(created.statusCode, 200, 'a teacher creates a draft');
    const { id, versionId: v1 } = created.json() as { id: number; versionId: number };

    await t.test('a draft is the author\'s only', async (t) => {
      errorOf(t, await post(teacher, `/api/materials/${id}/versions/${v1}/submit`), 'MATERIAL_INCOMPLETE', 'no file yet');
      const up = await upload(teacher, `/api/materials/${id}/versions/${v1}/file`, 'Bài giảng phân số – lớp 6.pdf', pdf('Phan so lop 6'));
      t.equal(up.statusCode, 200, 'PDF uploaded');
      t.equal(up.json().fileName, 'Bài giảng phân số – lớp 6.pdf', 'the Vietnamese name is kept');
      t.equal(up.json().category, 'pdf');
      t.same((await library(student)).filter((m) => m.id === id), [], 'students do not see drafts');
      t.same((await library(otherTeacher)).filter((m) => m.id === id), [], 'other teachers do not see drafts');
      t.ok((await library(teacher, '?view=mine')).some((m) => m.id === id && m.status === 'draft'), 'the author sees the draft in "mine"');
      t.ok((await library(principal, '?view=all')).some((m) => m.id === id), 'the principal sees all');
      errorOf(t, await get(teacher, '/api/materials?view=all'), 'FORBIDDEN', 'a teacher has no "all" view');
      errorOf(t, await get(student, `/api/materials/${id}`), 'NOT_FOUND', 'a student opens the draft');
      errorOf(t, await get(student, `/api/materials/${id}/files/${up.json().id}`), 'NOT_FOUND', 'a student fetches the draft\'s file');
      errorOf(t, await get(otherTeacher, `/api/materials/${id}`), 'NOT_FOUND', 'another teacher opens the draft');
      errorOf(t, await get(mathLeader, `/api/materials/${id}`), 'NOT_FOUND', 'the leader does not see an unsubmitted draft');
      errorOf(t, await put(otherTeacher, `/api/materials/${id}/versions/${v1}`, base), 'MATERIAL_NOT_OWNER', 'another teacher edits');
      errorOf(t, await post(otherTeacher, `/api/materials/${id}/versions/${v1}/submit`), 'MATERIAL_NOT_REVIEWER', 'another teacher submits');
    });

    await t.test('submitted → returned by the leader → submitted → passed → returned by the principal → … → published', async (t) => {
      t.equal((await post(teacher, `/api/materials/${id}/versions/${v1}/submit`, { comment: 'Kính gửi tổ' })).json().status, 'submitted');
      errorOf(t, await put(teacher, `/api/materials/${id}/versions/${v1}`, base), 'MATERIAL_NOT_EDITABLE', 'the author cannot edit a submitted version');
      errorOf(t, await post(litLeader, `/api/materials/${id}/versions/${v1}/pass`), 'MATERIAL_NOT_REVIEWER', 'another group\'s leader cannot pass');
      t.notOk(((await get(litLeader, '/api/materials/review-queue')).json() as { id: number }[]).some((m) => m.id === id), 'not in another group\'s queue');
      errorOf(t, await post(principal, `/api/materials/${id}/versions/${v1}/approve`), 'MATERIAL_WRONG_STATUS', 'the principal cannot approve before the group passes');
      errorOf(t, await post(principal, `/api/materials/${id}/versions/${v1}/pass`), 'MATERIAL_NOT_REVIEWER', 'the principal does not pass for a group that has a leader');
      errorOf(t, await post(vice, `/api/materials/${id}/versions/${v1}/pass`), 'FORBIDDEN', 'the vice principal does not review');
      const queue = (await get(mathLeader, '/api/materials/review-queue')).json() as { id: number; status: string }[];
      t.ok(queue.some((m) => m.id === id && m.status === 'submitted'), 'in the maths leader\'s queue');
      t.equal((await get(mathLeader, `/api/materials/${id}`)).json().can.pass, true, 'the leader may pass');
      t.equal((await post(mathLeader, `/api/materials/${id}/versions/${v1}/return`, { comment: '' })).statusCode, 400, 'a return needs a comment');
      t.equal((await post(mathLeader, `/api/materials/${id}/versions/${v1}/return`, { comment: 'Bổ sung ví dụ về phân số âm.' })).json().status, 'returned');
      t.equal((await put(teacher, `/api/materials/${id}/versions/${v1}`, { ...base, description: 'Có thêm ví dụ phân số âm' })).statusCode, 200, 'the author edits a returned version');
      t.equal((await post(teacher, `/api/materials/${id}/versions/${v1}/submit`)).json().status, 'submitted');
      t.equal((await post(mathLeader, `/api/materials/${id}/versions/${v1}/pass`, { comment: 'Tổ thông qua' })).json().status, 'passed');
      errorOf(t, await post(mathLeader, `/api/materials/${id}/versions/${v1}/return`, { comment: 'Đổi ý' }), 'MATERIAL_NOT_REVIEWER', 'once passed, only the principal returns');
      t.ok(((await get(principal, '/api/materials/review-queue')).json() as { id: number }[]).some((m) => m.id === id), 'in the principal\'s queue');
      t.equal((await post(principal, `/api/materials/${id}/versions/${v1}/return`, { comment: 'Ghi rõ nguồn hình ảnh.' })).json().status, 'returned');
      t.same((await library(student)).filter((m) => m.id === id), [], 'still unseen by students');
      await post(teacher, `/api/materials/${id}/versions/${v1}/submit`);
      await post(mathLeader, `/api/materials/${id}/versions/${v1}/pass`);
      errorOf(t, await post(vice, `/api/materials/${id}/versions/${v1}/approve`), 'FORBIDDEN', 'the vice principal does not approve');
      errorOf(t, await post(student, `/api/materials/${id}/versions/${v1}/approve`), 'FORBIDDEN', 'a student does not approve');
      t.equal((await post(principal, `/api/materials/${id}/versions/${v1}/approve`, { comment: 'Đồng ý ban hành' })).json().status, 'published');
      errorOf(t, await post(principal, `/api/materials/${id}/versions/${v1}/approve`), 'MATERIAL_WRONG_STATUS', 'approving twice');
      const detail = (await get(teacher, `/api/materials/${id}`)).json();
      t.same(detail.history.map((h: { action: string }) => h.action), ['create', 'submit', 'return', 'submit', 'pass', 'return', 'submit', 'pass', 'approve'], 'every step is recorded');
      const ret = detail.history.find((h: { action: string }) => h.action === 'return');
      t.equal(ret.comment, 'Bổ sung ví dụ về phân số âm.', 'with the comment');
      t.ok(ret.actorName && ret.at, 'who and when');
      const audit = await knex('audit_log').where({ entity: 'material', entity_id: String(id) }).count({ n: '*' });
      t.ok(Number(audit[0]!.n) >= 9, 'every change is in the audit log');
    });

    await t.test('students of the grade see it; others do not', async (t) => {
      const list = await library(student);
      t.ok(list.some((m) => m.id === id), 'a grade-6 student sees the published material');
      t.ok((await library(student, '?q=phan%20so')).some((m) => m.id === id), 'search without diacritics');
      t.ok((await library(student, `?subjectId=${math}&kind=lecture`)).some((m) => m.id === id), 'filtered by subject and kind');
      t.notOk((await library(student, '?kind=reference')).some((m) => m.id === id), 'another kind filters it out');
      t.notOk((await library(student, '?q=hinh%20hoc')).some((m) => m.id === id), 'a non-matching search');
      t.notOk((await library(student7c)).some((m) => m.id === id), 'a grade-7 student does not');
      errorOf(t, await get(student7c, `/api/materials/${id}`), 'NOT_FOUND', 'nor opens it');
      t.ok((await library(parent)).some((m) => m.id === id), 'the parent of a grade-6 student sees it');
      t.ok((await library(otherTeacher)).some((m) => m.id === id), 'every teacher sees published materials');
      const detail = (await get(student, `/api/materials/${id}`)).json();
      t.equal(detail.versions.length, 1);
      t.same(detail.history, [], 'students do not get the review history');
      const file = await get(student, detail.versions[0].file.url);
      t.equal(file.statusCode, 200);
      t.equal(file.headers['content-type'], 'application/pdf');
      t.match(String(file.headers['content-disposition']), /^inline; filename="Bai giang phan so _ lop 6\.pdf"; filename\*=UTF-8''B%C3%A0i%20gi%E1%BA%A3ng%20ph%C3%A2n%20s%E1%BB%91%20%E2%80%93%20l%E1%BB%9Bp%206\.pdf$/, 'Vietnamese file name in filename*');
      t.ok(file.rawPayload.subarray(0, 5).equals(Buffer.from('%PDF-')), 'the PDF itself');
      const dl = await get(student, `${detail.versions[0].file.url}?download=true`);
      t.match(String(dl.headers['content-disposition']), /^attachment;/, 'download as attachment');
    });

    await t.test('a new version goes through approval while the old one stays visible', async (t) => {
      errorOf(t, await post(otherTeacher, `/api/materials/${id}/versions`), 'MATERIAL_NOT_OWNER', 'only the author versions it');
      const v2 = (await post(teacher, `/api/materials/${id}/versions`)).json().versionId as number;
      errorOf(t, await post(teacher, `/api/materials/${id}/versions`), 'MATERIAL_VERSION_OPEN', 'one open version at a time');
      t.equal((await put(teacher, `/api/materials/${id}/versions/${v2}`, { ...base, title: 'Phân số (bản 2)' })).statusCode, 200);
      const up = await upload(teacher, `/api/materials/${id}/versions/${v2}/file`, 'Phân số bản 2.pdf', pdf('Ban 2'));
      t.equal(up.statusCode, 200);
      await post(teacher, `/api/materials/${id}/versions/${v2}/submit`);
      let seen = (await library(student)).find((m) => m.id === id)!;
      t.equal(seen.title, base.title, 'students still see version 1 while version 2 is submitted');
      let sd = (await get(student, `/api/materials/${id}`)).json();
      t.same(sd.versions.map((v: { number: number }) => v.number), [1], 'and only version 1 in the viewer');
      errorOf(t, await get(student, `/api/materials/${id}/files/${up.json().id}`), 'NOT_FOUND', 'nor version 2\'s file');
      await post(mathLeader, `/api/materials/${id}/versions/${v2}/pass`);
      seen = (await library(student)).find((m) => m.id === id)!;
      t.equal(seen.versionNumber, 1, 'still version 1 after the group passed it');
      await post(principal, `/api/materials/${id}/versions/${v2}/approve`);
      seen = (await library(student)).find((m) => m.id === id)!;
      t.equal(seen.title, 'Phân số (bản 2)', 'version 2 replaces it once approved');
      sd = (await get(student, `/api/materials/${id}`)).json();
      t.same(sd.versions.map((v: { number: number }) => v.number), [2], 'students see only the published version');
      const all = (await get(teacher, `/api/materials/${id}`)).json();
      t.same(all.versions.map((v: { status: string }) => v.status), ['published', 'superseded'], 'version 1 is kept as superseded');
    });

    // ---------------------------------------------------------------------------------------
    await t.test('a subject without a group: the principal passes and approves', async (t) => {
      const hdtn = subjectId('HDTN');
      const r = await post(teacher, '/api/materials', { ...base, title: 'Sinh hoạt lớp: an toàn giao thông', subjectId: hdtn, grade: 6, kind: 'reference', contentType: 'page', pageHtml: '<p>Đội mũ bảo hiểm đúng cách.</p>' });
      t.equal(r.statusCode, 200, 'the homeroom teacher authors for HĐTN');
      const { id: hid, versionId: hv } = r.json();
      await post(teacher, `/api/materials/${hid}/versions/${hv}/submit`);
      t.ok(((await get(principal, '/api/materials/review-queue')).json() as { id: number }[]).some((m) => m.id === hid), 'in the principal\'s queue');
      t.equal((await post(principal, `/api/materials/${hid}/versions/${hv}/pass`)).json().status, 'passed');
      t.equal((await post(principal, `/api/materials/${hid}/versions/${hv}/approve`)).json().status, 'published');
    });

    await t.test('lesson pages are sanitized; media only from the material\'s own files', async (t) => {
      const r = await post(teacher, '/api/materials', {
        ...base, title: 'Trang bài giảng', subjectId: math, grade: 6, kind: 'lecture', contentType: 'page',
        pageHtml: '<h2 onclick="x()">Mở đầu</h2><script>alert(1)</script><p><a href="javascript:alert(1)">x</a></p>',
      });
      const { id: pid, versionId: pv } = r.json();
      let v = (await get(teacher, `/api/materials/${pid}`)).json().versions[0];
      t.equal(v.pageHtml, '<h2>Mở đầu</h2><p><a>x</a></p>', 'script, handlers and javascript: links removed');
      errorOf(t, await upload(teacher, `/api/materials/${pid}/versions/${pv}/file`, 'a.pdf', pdf('x')), 'VALIDATION_FAILED', 'a page takes no main file');
      errorOf(t, await upload(teacher, `/api/materials/${pid}/files`, 'a.pdf', pdf('x')), 'UNSUPPORTED_FILE_TYPE', 'a page\'s media are pictures, video or audio');
      errorOf(t, await upload(otherTeacher, `/api/materials/${pid}/files`, 'hinh.png', PNG_1x1), 'MATERIAL_NOT_OWNER', 'another teacher uploads');
      const img = (await upload(teacher, `/api/materials/${pid}/files`, 'Hình 1.png', PNG_1x1)).json();
      t.equal(img.category, 'image');
      const html = `<h2>Phân số</h2><p><img src="${img.url}" alt="Hình 1" onerror="alert(1)"><img src="https://evil.example/x.png"><img src="/api/materials/${id}/files/1"></p><ph-h5p-player content-id="42"></ph-h5p-player><p><a href="https://vi.wikipedia.org/wiki/Ph%C3%A2n_s%E1%BB%91">Wiki</a></p>`;
      t.equal((await put(teacher, `/api/materials/${pid}/versions/${pv}`, { ...base, title: 'Trang bài giảng', pageHtml: html })).statusCode, 200);
      v = (await get(teacher, `/api/materials/${pid}`)).json().versions[0];
      t.equal(v.pageHtml, `<h2>Phân số</h2><p><img src="${img.url}" alt="Hình 1" /></p><ph-h5p-player content-id="42"></ph-h5p-player><p><a href="https://vi.wikipedia.org/wiki/Ph%C3%A2n_s%E1%BB%91" target="_blank" rel="noopener noreferrer">Wiki</a></p>`, 'own image and H5P kept; outside and other materials\' images dropped');
      await post(teacher, `/api/materials/${pid}/versions/${pv}/submit`);
      await post(mathLeader, `/api/materials/${pid}/versions/${pv}/pass`);
      await post(principal, `/api/materials/${pid}/versions/${pv}/approve`);
      const pic = await get(student, img.url);
      t.equal(pic.statusCode, 200, 'a student fetches an image the published page shows');
      t.equal(pic.headers['content-type'], 'image/png');
      const unused = (await upload(teacher, `/api/materials/${pid}/files`, 'khong-dung.png', PNG_1x1)).json();
      errorOf(t, await get(student, unused.url), 'NOT_FOUND', 'but not a file the page does not show');
    });

    await t.test('video and audio stream with range requests', async (t) => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'phonghoc-media-'));
      t.teardown(() => fs.rmSync(dir, { recursive: true, force: true }));
      const webm = path.join(dir, 'bai-giang.webm');
      const mp4 = path.join(dir, 'thi-nghiem.mp4');
      execFileSync('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc=size=160x120:rate=10', '-t', '2', '-c:v', 'libvpx', '-b:v', '100k', '-y', webm]);
      execFileSync('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc=size=160x120:rate=10', '-t', '2', '-c:v', 'libx264', '-pix_fmt', 'yuv420p', '-movflags', '+faststart', '-y', mp4]);
      const r = await post(teacher, '/api/materials', { ...base, title: 'Thí nghiệm', subjectId: math, grade: 6, kind: 'practice_guide', contentType: 'file' });
      const { id: vid, versionId: vv } = r.json();
      const mp4Up = (await upload(teacher, `/api/materials/${vid}/versions/${vv}/file`, 'Thí nghiệm.mp4', fs.readFileSync(mp4))).json();
      t.equal(mp4Up.mime, 'video/mp4', 'MP4 accepted');
      const up = (await upload(teacher, `/api/materials/${vid}/versions/${vv}/file`, 'Bài giảng.webm', fs.readFileSync(webm))).json();
      t.equal(up.mime, 'video/webm', 'WebM accepted and made the version\'s file');
      const size = fs.statSync(webm).size;
      const whole = await get(teacher, up.url);
      t.equal(whole.statusCode, 200);
      t.equal(whole.headers['accept-ranges'], 'bytes');
      t.equal(Number(whole.headers['content-length']), size);
      t.ok(whole.rawPayload.equals(fs.readFileSync(webm)), 'the same bytes');
      const ranged = (range: string) => teacher.request({ url: up.url, headers: { range } }) as Promise<Res>;
      let res = await ranged('bytes=0-99');
      t.equal(res.statusCode, 206);
      t.equal(res.headers['content-range'], `bytes 0-99/${size}`);
      t.equal(res.rawPayload.length, 100);
      t.ok(res.rawPayload.equals(fs.readFileSync(webm).subarray(0, 100)));
      res = await ranged(`bytes=${size - 10}-`);
      t.equal(res.headers['content-range'], `bytes ${size - 10}-${size - 1}/${size}`, 'open-ended range');
      res = await ranged('bytes=-20');
      t.equal(res.headers['content-range'], `bytes ${size - 20}-${size - 1}/${size}`, 'suffix range');
      res = await ranged(`bytes=100-${size + 5000}`);
      t.equal(res.headers['content-range'], `bytes 100-${size - 1}/${size}`, 'end clamped to the size');
      for (const bad of [`bytes=${size}-`, 'bytes=50-10', 'bytes=abc', 'bytes=-0']) {
        res = await ranged(bad);
        t.equal(res.statusCode, 416, `${bad} → 416`);
        t.equal(res.headers['content-range'], `bytes */${size}`);
      }
      res = await teacher.request({ url: mp4Up.url, headers: { range: 'bytes=4-11' } }) as Res;
      t.equal(res.rawPayload.toString('latin1'), 'ftypisom', 'the MP4 streams by range too');
    });

    await t.test('malicious and wrong uploads are refused and leave nothing behind', async (t) => {
      const r = await post(teacher, '/api/materials', { ...base, title: 'Tệp thử', subjectId: math, grade: 6, kind: 'reference', contentType: 'file' });
      const { id: mid, versionId: mv } = r.json();
      const url = `/api/materials/${mid}/versions/${mv}/file`;
      const before = { files: storedFiles(), rows: await fileRows() };
      const bomb = await docx((z) => z.file('word/media/bomb.bin', Buffer.alloc(20 * 1024 * 1024)));
      const slip = await docx((z) => z.file('../../etc/evil.xml', '<x/>'));
      const plainZip = await (() => { const z = new JSZip(); z.file('hello.txt', 'xin chào'); return z.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }); })();
      const cases: [string, Buffer, ErrorCode][] = [
        ['chuong-trinh.pdf', Buffer.concat([Buffer.from('MZ\x90\x00'), Buffer.alloc(500)]), 'UNSUPPORTED_FILE_TYPE'],
        ['hinh.pdf', PNG_1x1, 'UNSUPPORTED_FILE_TYPE'],
        ['virus.exe', Buffer.from('MZ\x90\x00'), 'UNSUPPORTED_FILE_TYPE'],
        ['trang.html', Buffer.from('<script>alert(1)</script>'), 'UNSUPPORTED_FILE_TYPE'],
        ['bai-tap.svg', Buffer.from('<svg onload="alert(1)"/>'), 'UNSUPPORTED_FILE_TYPE'],
        ['tai-lieu.docx', plainZip, 'UNSUPPORTED_FILE_TYPE'],
        ['bom.docx', bomb, 'MATERIAL_FILE_UNSAFE'],
        ['duong-dan.docx', slip, 'MATERIAL_FILE_UNSAFE'],
        ['qua-lon.png', Buffer.concat([PNG_1x1, Buffer.alloc(10 * 1024 * 1024 + 1)]), 'UPLOAD_TOO_LARGE'],
        ['rong.pdf', Buffer.alloc(0), 'UNSUPPORTED_FILE_TYPE'],
      ];
      for (const [name, data, code] of cases) {
        errorOf(t, await upload(teacher, url, name, data), code, name);
        t.same(storedFiles(), before.files, `${name}: no file left under materials/`);
        t.equal(await fileRows(), before.rows, `${name}: no row`);
      }
      errorOf(t, await teacher.request({ method: 'POST', url, payload: { file: 'x' } }) as Res, 'UNSUPPORTED_FILE_TYPE', 'not multipart');
      const ok = await upload(teacher, url, 'Phiếu học tập.docx', await docx());
      t.equal(ok.statusCode, 200, 'a real docx is accepted');
      const dl = await get(teacher, ok.json().url);
      t.match(String(dl.headers['content-disposition']), /^attachment;.*filename\*=UTF-8''Phi%E1%BA%BFu/, 'office documents download as attachments');
      t.equal(storedFiles().filter((f) => f.includes('.incoming')).length, 0, 'no temp file remains');
    });

    await t.test('ids from elsewhere', async (t) => {
      errorOf(t, await get(teacher, '/api/materials/999999'), 'NOT_FOUND', 'unknown material');
      errorOf(t, await post(mathLeader, `/api/materials/${id}/versions/999999/pass`), 'NOT_FOUND', 'unknown version');
      const other = (await post(teacher, '/api/materials', { ...base, subjectId: math, grade: 7, kind: 'lecture', contentType: 'file' })).json();
      errorOf(t, await post(teacher, `/api/materials/${id}/versions/${other.versionId}/submit`), 'NOT_FOUND', 'a version of another material');
      errorOf(t, await get(teacher, `/api/materials/${id}/files/999999`), 'NOT_FOUND', 'unknown file');
      errorOf(t, await post(teacher, '/api/materials', { ...base, curriculumLessonId: 999999, subjectId: math, grade: 6, kind: 'lecture', contentType: 'file' }), 'NOT_FOUND', 'unknown curriculum lesson');
    });
  });
}

t.test('an upload past the route\'s multipart limit is cut off while streaming and leaves nothing behind', async (t) => {
  const database = await createTestDatabase('sqlite');
  const services = buildServices({ dataDir: database.dataDir, sessionIdleMinutes: 60, materialVideoMaxMb: 1 }, database.db);
  t.equal(services.materials.sizeLimits.video, 1024 * 1024, 'PHONGHOC_MATERIAL_VIDEO_MAX_MB sets the video limit');
  // Every category small, so the multipart stream itself hits the limit (not only the category check).
  services.materials = new MaterialService(services.tx, services.materialFiles, { sizeLimits: { video: 64 * 1024, audio: 32 * 1024, pdf: 32 * 1024, image: 32 * 1024, office: 32 * 1024 } });
  const app = Fastify({ logger: false });
  t.teardown(async () => {
    await app.close();
    await services.liveRooms.close();
    await database.cleanup();
  });
  await seedDemoSchool(database.db.knex, services.hasher, { classesPerGrade: 1, studentsPerClass: 3 });
  await app.register(phonghocApp, { services, secureCookies: false });
  await app.ready();
  const teacher = await loginClient(app, DEMO_TEACHER_ID, DEMO_PASSWORD);
  const subject = await database.db.knex('subjects').where({ code: 'TOAN' }).first('id');
  const { id, versionId } = (await teacher.request({ method: 'POST', url: '/api/materials', payload: { ...base, subjectId: subject.id, grade: 6, kind: 'lecture', contentType: 'file' } })).json();
  const rows = async () => Number((await database.db.knex('material_files').count({ n: '*' }))[0]!.n);
  const before = await rows();
  const webm = Buffer.concat([Buffer.from([0x1a, 0x45, 0xdf, 0xa3]), Buffer.alloc(200 * 1024, 7)]);
  const m = multipart('Bài giảng dài.webm', webm);
  const res = await teacher.request({ method: 'POST', url: `/api/materials/${id}/versions/${versionId}/file`, payload: m.payload, headers: m.headers });
  t.equal(res.statusCode, 413, 'refused as too large');
  t.equal(res.json().error.code, 'UPLOAD_TOO_LARGE');
  t.equal(await rows(), before, 'no row');
  const incoming = path.join(database.dataDir, 'materials', '.incoming');
  t.same(fs.existsSync(incoming) ? fs.readdirSync(incoming) : [], [], 'no temp file');
  const small = multipart('Bài giảng ngắn.webm', webm.subarray(0, 40 * 1024));
  t.equal((await teacher.request({ method: 'POST', url: `/api/materials/${id}/versions/${versionId}/file`, payload: small.payload, headers: small.headers })).statusCode, 200, 'a video under the limit is accepted');
  const pdfTooBig = multipart('Tài liệu.pdf', Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(40 * 1024, 32)]));
  const r2 = await teacher.request({ method: 'POST', url: `/api/materials/${id}/versions/${versionId}/file`, payload: pdfTooBig.payload, headers: pdfTooBig.headers });
  t.equal(r2.json().error?.code, 'UPLOAD_TOO_LARGE', 'a PDF over its own (smaller) limit is refused after the type check');
  t.equal(await rows(), before + 1, 'only the accepted video has a row');
});
