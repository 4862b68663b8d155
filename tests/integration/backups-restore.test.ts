import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Knex } from 'knex';
import t from 'tap';
import { loadConfig } from '../../server/src/config/config.js';
import { openDatabase, migrate } from '../../server/src/db/database.js';
import { seedDemoSchool } from '../../server/src/db/seed-demo.js';
import { seedDemoH5p } from '../../server/src/db/seed-demo-h5p.js';
import { Argon2Hasher } from '../../server/src/data/argon2-hasher.js';
import { startAppliance, type RunningAppliance } from '../../server/src/server.js';
import { hashFile, FsBackupEngine, RESTORE_MARKER } from '../../server/src/data/backup-engine.js';
import { walk } from '../../appliance/src/updates/data-backup.js';
import { compareTables, TableHasher, type BackupTable, type SchoolBackupManifest } from '../../server/src/domain/backups/backup-rules.js';
import { DEMO_IT_ID, DEMO_PRINCIPAL_ID, DEMO_TEACHER_ID } from '../../server/src/domain/demo/demo-school.js';
import { loginClient, type Client } from '../helpers/app.js';
import { freePort } from '../helpers/server.js';

/**
 * Backup and restore end to end (issue 5, point 8): a real appliance data directory with the demo
 * school, a material upload, H5P content, an archive record, certificates and secrets; a backup
 * taken through the IT API while the server keeps writing; the restore onto an empty data
 * directory by the CLI in a child process; the app started on the restored directory; every
 * table's row count and content hash and every file's hash compared with the source.
 */

const root = path.resolve(import.meta.dirname, '../..');
const execFileP = promisify(execFile);

function tmp(t: { teardown(fn: () => unknown): void }, prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  t.teardown(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Every table's row count and content hash read through knex (the app's own connection). */
async function knexTables(knex: Knex, where: Record<string, (q: Knex.QueryBuilder) => void> = {}): Promise<BackupTable[]> {
  const names = ((await knex.raw("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name")) as Array<{ name: string }>).map((r) => r.name);
  const out: BackupTable[] = [];
  for (const name of names) {
    const q = knex(name).select('*');
    where[name]?.(q);
    const h = new TableHasher();
    for (const row of (await q) as Array<Record<string, unknown>>) h.add(row);
    out.push({ name, rows: h.rows, sha256: h.digest() });
  }
  return out;
}

/** Every file of a data directory that a backup covers, with its SHA-256. */
async function fileHashes(dataDir: string): Promise<Map<string, string>> {
  const { files } = walk(dataDir, ['backups', 'updates', 'logs', 'recordings', RESTORE_MARKER], ['phonghoc.sqlite']);
  const out = new Map<string, string>();
  for (const f of files.filter((f) => !/^(materials\/\.incoming|tasks\/\.tmp|h5p\/tmp)\//.test(f))) out.set(f, await hashFile(path.join(dataDir, f)));
  return out;
}

function multipart(fileName: string, data: Buffer) {
  const boundary = `----phonghoc${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/pdf\r\n\r\n`, 'utf8');
  return { payload: Buffer.concat([head, data, Buffer.from(`\r\n--${boundary}--\r\n`)]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

function pdf(text: string): Buffer {
  const content = `BT /F1 18 Tf 40 100 Td (${text}) Tj ET`;
  const objs = ['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`, '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>'];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objs.forEach((o, i) => { offsets.push(out.length); out += `${i + 1} 0 obj\n${o}\nendobj\n`; });
  const xref = out.length;
  out += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

async function start(dataDir: string): Promise<RunningAppliance> {
  const config = loadConfig({
    PHONGHOC_DATA_DIR: dataDir, PHONGHOC_HTTP_HOST: '127.0.0.1', PHONGHOC_HTTP_PORT: String(await freePort()), PHONGHOC_HTTPS_PORT: '0',
    PHONGHOC_HOSTNAME: 'localhost', PHONGHOC_PUBLIC_ADDRESSES: '127.0.0.1', PHONGHOC_SECURE_COOKIES: 'false', PHONGHOC_LOG_LEVEL: 'warn',
  });
  return startAppliance(config, { uiDir: path.join(dataDir, 'no-ui'), healthPolling: false });
}

/** `phonghoc restore` in a child process, as IT staff would run it on a fresh box. */
async function cliRestore(from: string, dataDir: string): Promise<{ code: number; out: string }> {
  const env: Record<string, string> = { ...process.env as Record<string, string>, PHONGHOC_HOSTNAME: 'localhost', PHONGHOC_PUBLIC_ADDRESSES: '127.0.0.1' };
  delete env.DATABASE_URL;
  delete env.PHONGHOC_DATA_DIR;
  try {
    const r = await execFileP('node', ['--import', 'tsx', path.join(root, 'server/src/cli.ts'), 'restore', '--from', from, '--data-dir', dataDir], { cwd: root, env, encoding: 'utf8' });
    return { code: 0, out: r.stdout + r.stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout + e.stderr };
  }
}

t.test('backup while the server writes, restore onto an empty data directory, same records', async (t) => {
  const dataDir = tmp(t, 'phonghoc-backup-src-');
  const usb = tmp(t, 'phonghoc-usb-');
  {
    const db = openDatabase({ dataDir });
    await migrate(db);
    await seedDemoSchool(db.knex, new Argon2Hasher(), { classesPerGrade: 2, studentsPerClass: 8 });
    await db.close();
  }
  const app = await start(dataDir);
  t.teardown(() => app.close());
  const { services } = app;
  const http = app.http!;

  // Content with files: H5P packages, a material upload, an archive record.
  const h5p = await seedDemoH5p(app.db.knex, services.h5p);
  t.ok(h5p && h5p.contentIds.length > 0, 'H5P content installed');
  const teacher = await loginClient(http, DEMO_TEACHER_ID, 'Phonghoc@2026');
  const math = (await app.db.knex('subjects').where({ code: 'TOAN' }).first('id')).id as number;
  const created = await teacher.request({ method: 'POST', url: '/api/materials', payload: { title: 'Phân số – sao lưu', description: 'Bài giảng', author: 'Nguyễn Kim Linh', source: 'Tổ Toán', licence: 'CC BY 4.0', subjectId: math, grade: 6, kind: 'lecture', contentType: 'file' } });
  t.equal(created.statusCode, 200, created.body);
  const { id: materialId, versionId } = created.json() as { id: number; versionId: number };
  const m = multipart('Bài giảng phân số.pdf', pdf('Sao luu phan so'));
  const up = await teacher.request({ method: 'POST', url: `/api/materials/${materialId}/versions/${versionId}/file`, payload: m.payload, headers: m.headers });
  t.equal(up.statusCode, 200, 'material file uploaded');
  const seq = await services.tx.run((r) => services.archiveWriter.append(r, {
    category: 'evidence', kind: 'test.backup', ref: 'test:1', title: 'Biên bản kiểm tra sao lưu', schoolYearId: null, semesterId: null, actorId: null, payload: { note: 'sao lưu' },
  }));
  t.ok(seq >= 1, 'archive record appended');
  services.peerToken.current(); // the box's peer token: secrets/peer.token
  for (const d of ['materials', 'h5p/content', 'tls', 'secrets']) t.ok(fs.existsSync(path.join(dataDir, d)), `${d}/ exists in the source`);
  fs.mkdirSync(path.join(dataDir, 'recordings'), { recursive: true });
  fs.writeFileSync(path.join(dataDir, 'recordings', 'lesson-1.webm'), Buffer.alloc(4096, 3));

  const it: Client = await loginClient(http, DEMO_IT_ID, 'Phonghoc@2026');
  const principal = await loginClient(http, DEMO_PRINCIPAL_ID, 'Phonghoc@2026');

  await t.test('target checks', async (t) => {
    const put = (c: Client, target: string, extra = {}) => c.request({ method: 'PUT', url: '/api/backups/settings', payload: { enabled: false, time: '18:30', keep: 3, target, includeRecordings: false, ...extra } });
    const inside = await put(it, path.join(dataDir, 'materials'));
    t.equal(inside.statusCode, 409);
    t.equal(inside.json().error.code, 'BACKUP_TARGET_INSIDE_DATA', 'a target inside the data directory is refused');
    t.equal((await put(it, dataDir)).json().error.code, 'BACKUP_TARGET_INSIDE_DATA', 'the data directory itself too');
    const link = path.join(usb, 'link-to-data');
    fs.symlinkSync(dataDir, link);
    t.equal((await put(it, link)).json().error.code, 'BACKUP_TARGET_INSIDE_DATA', 'also through a symbolic link');
    fs.rmSync(link);
    t.equal((await put(principal, usb)).statusCode, 403, 'the principal reads, IT staff change');
    t.equal((await put(it, 'media/usb')).statusCode, 400, 'a relative path is refused');

    // Unwritable: /proc is read-only even for root; a missing folder (USB not plugged in).
    const engine = new FsBackupEngine({ dataDir, database: 'phonghoc.sqlite', version: 'test' });
    t.equal((await engine.checkTarget('/proc/self', { includeRecordings: false })).problem, 'BACKUP_TARGET_NOT_WRITABLE', 'an unwritable folder');
    t.equal((await engine.checkTarget(path.join(usb, 'not-plugged-in'), { includeRecordings: false })).problem, 'BACKUP_TARGET_MISSING');
    const missing = await put(it, path.join(usb, 'not-plugged-in'));
    t.equal(missing.statusCode, 200, 'a target that is not there yet can be saved (the USB disk is plugged in later)…');
    t.equal(missing.json().check.problem, 'BACKUP_TARGET_MISSING', '…with the problem reported');
    const run = await it.request({ method: 'POST', url: '/api/backups/run', payload: {} });
    t.equal(run.json().error.code, 'BACKUP_TARGET_MISSING', '…and a backup to it is refused before it starts');
    if (process.getuid?.() !== 0) {
      const ro = path.join(usb, 'read-only');
      fs.mkdirSync(ro, { mode: 0o500 });
      t.equal((await engine.checkTarget(ro, { includeRecordings: false })).problem, 'BACKUP_TARGET_NOT_WRITABLE');
    }
    const full = await engine.checkTarget(usb, { includeRecordings: true });
    t.ok(full.neededBytes > 0 && full.freeBytes !== null, 'free space is measured against an estimate');
    t.equal((await put(it, usb)).statusCode, 200);
  });

  const sourceBefore = await knexTables(app.db.knex);
  let manifest!: SchoolBackupManifest;
  let written = { before: 0, during: 0 };

  await t.test('backup now, while the server writes', async (t) => {
    // A writer like the server's own: each transaction adds an audit entry and moves a counter.
    let stop = false;
    let i = 0;
    // before → during (from the request) → after (once the job reports done); writes after the
    // backup may or may not be in it, so they are counted in neither.
    let phase = 'before' as 'before' | 'during' | 'after';
    const writer = (async () => {
      while (!stop) {
        const n = ++i;
        await services.tx.run(async (r) => {
          await r.audit.record({ accountId: null, login: 'writer', ip: null }, 'test.write', 'test', n, { n });
          await r.settings.set('test.counter', String(n), null, new Date().toISOString());
        });
        if (phase === 'during') written.during++;
        else if (phase === 'before') written.before++;
        await new Promise((res) => setImmediate(res));
      }
    })();
    await new Promise((res) => setTimeout(res, 50));
    phase = 'during';
    const started = await it.request({ method: 'POST', url: '/api/backups/run', payload: {} });
    t.equal(started.statusCode, 200, started.body);
    t.equal(started.json().job.status, 'running');
    const again = await it.request({ method: 'POST', url: '/api/backups/run', payload: {} });
    t.equal(again.json().error?.code, 'BACKUP_RUNNING', 'one backup at a time');
    const seen: Array<{ phase: string; bytesDone: number }> = [];
    let job;
    for (;;) {
      job = (await principal.request({ url: '/api/backups/job' })).json().job;
      seen.push({ phase: job.progress.phase, bytesDone: job.progress.bytesDone });
      if (job.status !== 'running') break;
      await new Promise((res) => setTimeout(res, 5));
    }
    phase = 'after';
    await new Promise((res) => setTimeout(res, 30));
    stop = true;
    await writer;
    t.equal(job.status, 'succeeded', JSON.stringify(job.error));
    t.ok(written.during > 0, `the server wrote ${written.during} transactions while the backup ran`);
    t.ok(job.progress.filesDone === job.progress.filesTotal && job.progress.bytesDone > 0, 'progress counts files and bytes');
    t.ok(seen.length >= 1);
    const dir = path.join(usb, job.name);
    manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
    t.equal(manifest.database!.integrity, 'ok');
    t.comment(`demo school backup: ${manifest.totals.files} files, ${(manifest.totals.bytes / 1e6).toFixed(1)} MB, ${manifest.database!.tables.length} tables, ${manifest.durationMs} ms while the server wrote`);
    t.ok(manifest.files.some((f) => f.path.startsWith('materials/')), 'material files in the backup');
    t.ok(manifest.files.some((f) => f.path.startsWith('h5p/content/')), 'H5P content in the backup');
    t.ok(manifest.files.some((f) => f.path === 'tls/ca.key'), 'the certificate authority in the backup');
    t.ok(manifest.files.some((f) => f.path.startsWith('secrets/')), 'secrets in the backup');
    t.notOk(manifest.files.some((f) => f.path.startsWith('recordings/')), 'recordings left out by default');
    t.equal(fs.readdirSync(usb).filter((n) => n.endsWith('.partial')).length, 0, 'no temporary folder left');
    const listing = (await principal.request({ url: '/api/backups' })).json();
    t.equal(listing.backups.length, 1);
    t.equal(listing.backups[0].complete, true);
    const audit = await app.db.knex('audit_log').whereIn('action', ['backup.started', 'backup.completed']).pluck('action');
    t.same(audit.sort(), ['backup.completed', 'backup.started'], 'audited');
  });

  const sourceAfter = await knexTables(app.db.knex);
  const sourceFiles = await fileHashes(dataDir);
  const backupDir = path.join(usb, manifest.name);

  await t.test('a tampered backup is refused before anything is written', async (t) => {
    const copy = path.join(tmp(t, 'phonghoc-tampered-'), manifest.name);
    fs.cpSync(backupDir, copy, { recursive: true });
    const victim = manifest.files.find((f) => f.path.startsWith('materials/'))!;
    const file = path.join(copy, 'data', victim.path);
    const bytes = fs.readFileSync(file);
    bytes[bytes.length - 10] = bytes[bytes.length - 10]! ^ 1;
    fs.writeFileSync(file, bytes);
    const target = path.join(tmp(t, 'phonghoc-fresh-'), 'data');
    const r = await cliRestore(copy, target);
    t.equal(r.code, 65, r.out);
    t.match(r.out, victim.path, 'names the damaged file');
    t.notOk(fs.existsSync(target), 'nothing was written');

    // A manifest edited to write outside the data directory.
    fs.writeFileSync(file, fs.readFileSync(path.join(backupDir, 'data', victim.path)));
    const m2 = JSON.parse(fs.readFileSync(path.join(copy, 'manifest.json'), 'utf8')) as SchoolBackupManifest;
    m2.files[0]!.path = '../../escaped.txt';
    fs.writeFileSync(path.join(copy, 'manifest.json'), JSON.stringify(m2));
    const r2 = await cliRestore(copy, target);
    t.equal(r2.code, 65);
    t.match(r2.out, /unsafe path/);
    t.notOk(fs.existsSync(target));

    // The database copy altered (one table changed, file hash fixed up in the manifest).
    fs.cpSync(path.join(backupDir, 'manifest.json'), path.join(copy, 'manifest.json'));
    const nonEmpty = tmp(t, 'phonghoc-nonempty-');
    fs.writeFileSync(path.join(nonEmpty, 'phonghoc.sqlite'), 'old');
    const r3 = await cliRestore(copy, nonEmpty);
    t.equal(r3.code, 65, 'a non-empty data directory is refused');
    t.match(r3.out, /không trống|not empty/);
    t.equal(fs.readFileSync(path.join(nonEmpty, 'phonghoc.sqlite'), 'utf8'), 'old', 'and left as it was');
  });

  const restoredDir = path.join(tmp(t, 'phonghoc-fresh-box-'), 'data');
  await t.test('restore with the CLI in a child process', async (t) => {
    const r = await cliRestore(backupDir, restoredDir);
    t.equal(r.code, 0, r.out);
    t.match(r.out, /số dòng và mã băm từng bảng khớp/);
    t.notOk(fs.existsSync(path.join(restoredDir, RESTORE_MARKER)), 'the marker is gone');
  });

  await t.test('the app on the restored directory has every record of the backup', async (t) => {
    const restored = await start(restoredDir);
    t.teardown(() => restored.close());
    // Before anyone signs in (a sign-in adds a session and an audit entry): every table as the manifest recorded it.
    const restoredTables = await knexTables(restored.db.knex);
    t.same(compareTables(manifest.database!.tables, restoredTables), [], `all ${restoredTables.length} tables: same row count and content hash as the manifest`);
    t.same(restoredTables.map((x) => x.name), sourceAfter.map((x) => x.name), 'the same tables as the source');

    // Against the source: every table nobody wrote while the backup ran is identical.
    const after = new Map(sourceAfter.map((x) => [x.name, x]));
    const byName = new Map(restoredTables.map((x) => [x.name, x]));
    let same = 0;
    const changed: string[] = [];
    for (const b of sourceBefore) {
      const a = after.get(b.name)!;
      if (a.sha256 !== b.sha256) { changed.push(b.name); continue; }
      t.same(byName.get(b.name), a, `${b.name}: ${a.rows} rows, same content as the source`);
      same++;
    }
    t.ok(same > 40, `${same} tables equal to the source by row count and hash`);
    t.ok(changed.includes('audit_log') && changed.includes('school_settings'), `written during the backup: ${changed.join(', ')}`);

    // Written during the backup: the restored audit log is exactly the source's rows up to the
    // snapshot (no gap, nothing half), and the counter moved in the same transactions agrees.
    const restoredMax = Number((await restored.db.knex('audit_log').where('action', 'test.write').select(restored.db.knex.raw('max(cast(entity_id as integer)) as n')))[0]!.n ?? 0);
    const restoredWrites = Number((await restored.db.knex('audit_log').where('action', 'test.write').count({ n: '*' }))[0]!.n);
    t.equal(restoredWrites, restoredMax, 'writer transactions 1..k, no gap');
    t.ok(restoredMax >= written.before, `the snapshot holds ${restoredMax} writes (at least the ${written.before} before it started)`);
    const counter = await restored.db.knex('school_settings').where({ key: 'test.counter' }).first('value');
    t.equal(Number(counter.value), restoredMax, 'the counter written in the same transactions agrees: one consistent state');
    const snapshotMaxId = Number((await restored.db.knex('audit_log').max({ n: 'id' }))[0]!.n);
    const src = (await knexTables(app.db.knex, { audit_log: (q) => q.where('id', '<=', snapshotMaxId) })).find((x) => x.name === 'audit_log');
    t.same(byName.get('audit_log'), src, 'the restored audit log equals the source\'s rows up to the snapshot');
    t.ok(await restored.db.knex('audit_log').where('action', 'backup.started').first(), 'the backup\'s own start is in it');

    const login = await restored.http!.inject({ method: 'POST', url: '/api/auth/login', payload: { login: DEMO_PRINCIPAL_ID, password: 'Phonghoc@2026' } });
    t.equal(login.statusCode, 200, 'the principal signs in on the restored box');

    // Files: every file of the source, same hash (the recording was left out on purpose).
    const restoredFiles = await fileHashes(restoredDir);
    const expected = new Map([...sourceFiles].filter(([p]) => !p.startsWith('recordings/')));
    t.same([...restoredFiles.keys()].sort(), [...expected.keys()].sort(), `the same ${expected.size} files`);
    let differ = 0;
    for (const [p, h] of expected) if (restoredFiles.get(p) !== h) differ++;
    t.equal(differ, 0, 'every file has the source\'s SHA-256');
    const cookie = login.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const material = await restored.http!.inject({ url: `/api/materials/${materialId}`, headers: { cookie } });
    t.equal(material.statusCode, 200, 'the uploaded material opens on the restored box');
  });
});
