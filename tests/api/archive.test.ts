import t from 'tap';
import { setTimeout as sleep } from 'node:timers/promises';
import { buildTestApp, type Client } from '../helpers/app.js';
import { dialects } from '../helpers/db.js';
import { addSemesterActivity } from '../helpers/archive-activity.js';
import { ERRORS, type ErrorCode } from '../../server/src/contracts/error-codes.js';
import { ArchiveService } from '../../server/src/domain/archive/archive.service.js';
import { FsArchiveExporter } from '../../server/src/data/archive-export.js';
import { DEMO_IT_ID, DEMO_PARENT_LOGIN, DEMO_PRINCIPAL_ID, DEMO_STUDENT_ID, DEMO_TEACHER_ID, DEMO_VICE_PRINCIPAL_ID } from '../../server/src/domain/demo/demo-school.js';
import type { ArchiveEntry } from '../../server/src/domain/archive/archive-writer.js';

interface Res { statusCode: number; json(): any }
function codeOf(t: { equal(a: unknown, b: unknown, m: string): unknown }, res: Res, code: ErrorCode) {
  t.equal(res.statusCode, ERRORS[code].status, `${code} → ${ERRORS[code].status}`);
  t.equal(res.json().error?.code, code, code);
}

for (const dialect of dialects()) {
  t.test(`records archive on ${dialect}`, async (t) => {
    const { services, database, login } = await buildTestApp(t, dialect, { demo: 'small' });
    const knex = database.db.knex;
    let clock = new Date();
    // The archive's clock is the test's: sealing waits for the semester's end, disposal for retention's.
    services.archive = new ArchiveService({ tx: services.tx, writer: services.archiveWriter, exporter: new FsArchiveExporter(database.dataDir), now: () => clock });
    const [sem1, sem2] = await knex('semesters').orderBy('number').select('id', 'school_year_id', 'ends_on', 'starts_on');
    const year = await knex('school_years').where({ id: sem1.school_year_id }).first();
    await addSemesterActivity(knex, sem1.id, { lessonsPerAssignment: 1 });
    const principal = await login(DEMO_PRINCIPAL_ID);
    const vice = await login(DEMO_VICE_PRINCIPAL_ID);
    const it = await login(DEMO_IT_ID);
    const teacher = await login(DEMO_TEACHER_ID);
    const student = await login(DEMO_STUDENT_ID);
    const parent = await login(DEMO_PARENT_LOGIN);
    const entry = (over: Partial<ArchiveEntry> = {}): ArchiveEntry => ({
      category: 'plans', kind: 'teaching_plan.approved', ref: 'teaching_plans:1', title: 'Kế hoạch dạy học môn Toán lớp 6A1, tuần 1',
      schoolYearId: sem1.school_year_id, semesterId: sem1.id, actorId: null, payload: { week: 1, lessons: ['Bài 1', 'Bài 2'] }, ...over,
    });

    await t.test('two transactions appending at once do not fork the chain', async (t) => {
      const before = (await services.archive.verify()).head.seq;
      const runs = Array.from({ length: 6 }, (_, i) => services.tx.run(async (r) => {
        const a = await services.archiveWriter.append(r, entry({ ref: `teaching_plans:${i}`, payload: { i, part: 'a' } }));
        await sleep(5 + (i % 3) * 5); // the others try to append meanwhile
        const b = await services.archiveWriter.append(r, entry({ ref: `teaching_plans:${i}`, payload: { i, part: 'b' } }));
        return [a, b];
      }));
      const seqs = (await Promise.all(runs)).flat().sort((a, b) => a - b);
      t.same(seqs, Array.from({ length: 12 }, (_, i) => before + 1 + i), 'twelve distinct consecutive seqs');
      const v = await services.archive.verify();
      t.ok(v.ok, 'the chain verifies');
      t.equal(v.head.seq, before + 12);
      // A transaction that fails after appending leaves nothing behind.
      await t.rejects(services.tx.run(async (r) => {
        await services.archiveWriter.append(r, entry());
        throw new Error('rolled back');
      }));
      t.equal((await services.archive.verify()).head.seq, before + 12, 'the head did not move');
    });

    await t.test('append refuses bad entries', async (t) => {
      await t.rejects(services.tx.run((r) => services.archiveWriter.append(r, entry({ category: 'other' as never }))), { code: 'VALIDATION_FAILED' });
      await t.rejects(services.tx.run((r) => services.archiveWriter.append(r, entry({ kind: 'Bad Kind' }))), { code: 'VALIDATION_FAILED' });
      await t.rejects(services.tx.run((r) => services.archiveWriter.append(r, entry({ payload: { x: Number.NaN } }))), { code: 'VALIDATION_FAILED' });
    });

    await t.test('authorization by role', async (t) => {
      for (const c of [teacher, student, parent]) t.equal((await c.request({ method: 'GET', url: '/api/archive' })).statusCode, 403);
      for (const c of [teacher, student, parent]) t.equal((await c.request({ method: 'GET', url: '/api/archive/verify' })).statusCode, 403);
      t.equal((await it.request({ method: 'GET', url: '/api/archive/verify' })).statusCode, 200, 'IT may verify');
      t.equal((await it.request({ method: 'GET', url: '/api/archive/records' })).statusCode, 403, 'IT does not read records');
      t.equal((await vice.request({ method: 'GET', url: '/api/archive/records' })).statusCode, 200, 'the vice principal reads');
      t.equal((await vice.request({ method: 'POST', url: `/api/archive/semesters/${sem1.id}/seal` })).statusCode, 403, 'only the principal seals');
      t.equal((await vice.request({ method: 'PUT', url: '/api/archive/retention', payload: { category: 'plans', permanent: false, years: 3 } })).statusCode, 403);
      t.equal((await it.request({ method: 'POST', url: '/api/archive/disposal', payload: { category: 'plans', reason: 'thử nghiệm' } })).statusCode, 403);
    });

    await t.test('listing, search without diacritics, one record', async (t) => {
      const list = (await vice.request({ method: 'GET', url: `/api/archive/records?category=plans&search=${encodeURIComponent('ke hoach TOAN')}` })).json();
      t.ok(list.length >= 12, 'found by folded words');
      t.ok(list.every((r: { category: string }) => r.category === 'plans'));
      const one = (await vice.request({ method: 'GET', url: `/api/archive/records/${list[0].seq}` })).json();
      t.match(one.payload, { i: Number });
      t.equal((await vice.request({ method: 'GET', url: '/api/archive/records/999999' })).statusCode, 404);
    });

    await t.test('sealing: not before the semester ends, then once, with the export', async (t) => {
      clock = new Date(`${sem1.ends_on}T12:00:00+07:00`);
      codeOf(t, await principal.request({ method: 'POST', url: `/api/archive/semesters/${sem1.id}/seal` }), 'ARCHIVE_SEMESTER_NOT_ENDED');
      clock = new Date(new Date(`${sem1.ends_on}T00:00:00+07:00`).getTime() + 2 * 86400_000);
      const started = await principal.request({ method: 'POST', url: `/api/archive/semesters/${sem1.id}/seal` });
      t.equal(started.statusCode, 202);
      let job = started.json();
      for (let i = 0; i < 600 && job.phase !== 'done' && job.phase !== 'failed'; i++) {
        await sleep(50);
        job = (await vice.request({ method: 'GET', url: `/api/archive/jobs/${job.id}` })).json();
      }
      t.equal(job.phase, 'done', JSON.stringify(job.error));
      t.ok(job.seal.exportFile, 'exported');
      t.ok(job.seal.exportBytes > 1000);
      const records = (await vice.request({ method: 'GET', url: `/api/archive/records?semesterId=${sem1.id}&limit=500` })).json();
      const kinds = new Set(records.map((r: { kind: string }) => r.kind));
      for (const k of ['live_lesson.held', 'gradebook.class_subject', 'gradebook.semester_lock', 'archive.seal']) t.ok(kinds.has(k), `snapshot ${k}`);
      const lesson = records.find((r: { kind: string }) => r.kind === 'live_lesson.held');
      const full = (await vice.request({ method: 'GET', url: `/api/archive/records/${lesson.seq}` })).json();
      t.ok(full.payload.attendance.length > 0, 'attendance in the lesson record');
      t.match(full.payload.mode, /supporting|replacing/);
      t.ok((await services.archive.verify()).ok);
      codeOf(t, await principal.request({ method: 'POST', url: `/api/archive/semesters/${sem1.id}/seal` }), 'ARCHIVE_ALREADY_SEALED');
      await t.rejects(services.tx.run((r) => services.archiveWriter.append(r, entry())), { code: 'ARCHIVE_SEALED' }, 'nothing more for a sealed semester');
      const zip = await vice.request({ method: 'GET', url: `/api/archive/semesters/${sem1.id}/export.zip` });
      t.equal(zip.statusCode, 200);
      t.equal(zip.headers['content-type'], 'application/zip');
      t.equal(zip.rawPayload.subarray(0, 2).toString(), 'PK');
      t.equal((await vice.request({ method: 'GET', url: `/api/archive/semesters/${sem2.id}/export.zip` })).statusCode, 404, 'no package for an unsealed semester');
      t.equal((await vice.request({ method: 'GET', url: '/api/archive/jobs/00000000-0000-4000-8000-000000000000' })).statusCode, 404);
      // Exported again (after a failed export or a lost file): same seal, a fresh package.
      let again = (await principal.request({ method: 'POST', url: `/api/archive/semesters/${sem1.id}/export` })).json();
      for (let i = 0; i < 600 && again.phase !== 'done' && again.phase !== 'failed'; i++) {
        await sleep(50);
        again = (await vice.request({ method: 'GET', url: `/api/archive/jobs/${again.id}` })).json();
      }
      t.equal(again.phase, 'done');
      t.equal(again.seal.headHash, job.seal.headHash, 'the seal is unchanged');
      t.equal((await vice.request({ method: 'POST', url: `/api/archive/semesters/${sem1.id}/export` })).statusCode, 403, 'only the principal exports');
      const overview = (await principal.request({ method: 'GET', url: '/api/archive' })).json();
      t.ok(overview.semesters.find((s: { id: number }) => s.id === sem1.id).seal, 'the overview shows the seal');
    });

    await t.test('disposal: refused before retention, for unsealed semesters and permanent categories; after retention erases payloads and the chain verifies', async (t) => {
      t.equal((await principal.request({ method: 'PUT', url: '/api/archive/retention', payload: { category: 'assessment', permanent: false, years: 1 } })).statusCode, 200);
      const q = `category=assessment&schoolYearId=${year.id}`;
      const preview = (await principal.request({ method: 'GET', url: `/api/archive/disposal?${q}` })).json();
      t.equal(preview.eligible, false);
      t.ok(preview.records.length > 0);
      const body = { category: 'assessment', schoolYearId: year.id, reason: 'Hết thời hạn lưu trữ theo quy định của trường' };
      codeOf(t, await principal.request({ method: 'POST', url: '/api/archive/disposal', payload: body }), 'ARCHIVE_RETENTION_NOT_ENDED');
      // A record of the second (unsealed) semester in the same category and year.
      await services.tx.run((r) => services.archiveWriter.append(r, entry({ category: 'teaching_process', kind: 'note.test', semesterId: sem2.id })));
      clock = new Date(`${Number(year.ends_on.slice(0, 4)) + 1}-${year.ends_on.slice(5)}T12:00:00+07:00`);
      codeOf(t, await principal.request({ method: 'POST', url: '/api/archive/disposal', payload: body }), 'ARCHIVE_RETENTION_NOT_ENDED'); // the last day of retention
      clock = new Date(clock.getTime() + 2 * 86400_000);
      codeOf(t, await principal.request({ method: 'POST', url: '/api/archive/disposal', payload: { ...body, category: 'teaching_process' } }), 'ARCHIVE_NOT_SEALED');
      await principal.request({ method: 'PUT', url: '/api/archive/retention', payload: { category: 'plans', permanent: true } });
      codeOf(t, await principal.request({ method: 'POST', url: '/api/archive/disposal', payload: { ...body, category: 'plans' } }), 'ARCHIVE_RETENTION_PERMANENT');
      const done = await principal.request({ method: 'POST', url: '/api/archive/disposal', payload: body });
      t.equal(done.statusCode, 200, done.body);
      const { disposalSeq, disposed } = done.json();
      t.equal(disposed, preview.records.length);
      const rec = (await vice.request({ method: 'GET', url: `/api/archive/records/${preview.records[0].seq}` })).json();
      t.equal(rec.payload, null, 'payload erased');
      t.ok(rec.disposedAt);
      const disposal = (await vice.request({ method: 'GET', url: `/api/archive/records/${disposalSeq}` })).json();
      t.equal(disposal.kind, 'archive.disposal');
      t.equal(disposal.payload.records.length, disposed);
      t.equal(disposal.payload.reason, body.reason);
      const v = await services.archive.verify();
      t.ok(v.ok, 'the chain still verifies after disposal');
      t.ok(v.seals.every((s) => s.intact));
      codeOf(t, await principal.request({ method: 'POST', url: '/api/archive/disposal', payload: body }), 'ARCHIVE_NOTHING_TO_DISPOSE');
      const audit = await knex('audit_log').where({ action: 'archive.disposed' }).count({ n: '*' }).first();
      t.equal(Number(audit?.n), 1, 'audited');
    });

    await t.test('the verification reports tampering in the database at the first broken seq', async (t) => {
      const v0 = await services.archive.verify();
      t.ok(v0.ok);
      const target = 5;
      const row = await knex('archive_records').where({ seq: target }).first();
      await knex('archive_records').where({ seq: target }).update({ title: `${row.title} (sửa)` });
      let v = await services.archive.verify();
      t.match(v.firstBreak, { seq: target, reason: 'fields_changed' });
      const res = await it.request({ method: 'GET', url: '/api/archive/verify' });
      t.equal(res.json().ok, false);
      await knex('archive_records').where({ seq: target }).update({ title: row.title });
      await knex('archive_records').where({ seq: target }).update({ payload: '{"forged":true}' });
      v = await services.archive.verify();
      t.match(v.firstBreak, { seq: target, reason: 'payload_changed' });
      await knex('archive_records').where({ seq: target }).update({ payload: row.payload });
      t.ok((await services.archive.verify()).ok, 'restored');
      await knex('archive_records').where({ seq: target + 1 }).delete();
      v = await services.archive.verify();
      t.match(v.firstBreak, { seq: target + 1, reason: 'seq_gap' });
    });

    await t.test('service refusals carry stable codes', async (t) => {
      const viceActor = { accountId: null, login: 'x', ip: null, personId: 1, roles: ['vice_principal'] as const };
      await t.rejects(services.archive.setRetention(viceActor, 'plans', 2), { code: 'FORBIDDEN' });
      await t.rejects(services.archive.startSeal({ ...viceActor, roles: ['principal'] }, 999999), { code: 'NOT_FOUND' });
    });
  });
}
