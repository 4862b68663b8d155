import t from 'tap';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { createHash } from 'node:crypto';
import { buildTestApp } from '../helpers/app.js';
import { addSemesterActivity } from '../helpers/archive-activity.js';
import { ArchiveService } from '../../server/src/domain/archive/archive.service.js';
import { FsArchiveExporter } from '../../server/src/data/archive-export.js';
import { canonicalJson } from '../../server/src/domain/archive/canonical-json.js';

/**
 * A sealed semester of the demo school verifies on "another machine": the zip copied to a fresh
 * folder, unpacked, and checked by its own verify.mjs in a child Node process with nothing else
 * around; then one file and one record are tampered with and both the package's script and the
 * box's CLI (`archive verify-export`, no database) say what broke. `archive verify` checks the live chain.
 */
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const execFileP = promisify(execFile);
const sha256 = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

async function run(cmd: string, args: string[], opts: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<{ code: number; out: string }> {
  try {
    const r = await execFileP(cmd, args, { cwd: opts.cwd, env: opts.env ?? { PATH: process.env.PATH ?? '' }, encoding: 'utf8' });
    return { code: 0, out: r.stdout + r.stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout + e.stderr };
  }
}
const cli = (args: string[], env: Record<string, string> = {}) => {
  const base: Record<string, string> = { ...process.env as Record<string, string>, PHONGHOC_HOSTNAME: 'localhost', PHONGHOC_PUBLIC_ADDRESSES: '127.0.0.1', ...env };
  delete base.DATABASE_URL;
  return run('node', ['--import', 'tsx', path.join(root, 'server/src/cli.ts'), ...args], { cwd: root, env: base });
};

t.test('a sealed semester of the demo school verifies elsewhere; tampering is reported', async (t) => {
  const { services, database } = await buildTestApp(t, 'sqlite', { demo: 'small' });
  const knex = database.db.knex;
  const [sem1] = await knex('semesters').orderBy('number').select('id', 'ends_on', 'school_year_id');
  // A record of the school year as a whole (a year plan): it belongs in the semester's package too.
  await services.tx.run((r) => services.archiveWriter.append(r, {
    category: 'plans', kind: 'teaching_plan.approved', ref: 'teaching_plans:year-test', title: 'Kế hoạch dạy học cả năm môn Toán lớp 6A1',
    schoolYearId: sem1.school_year_id, semesterId: null, actorId: null, payload: { level: 'year', weeks: 35 },
  }));
  await addSemesterActivity(knex, sem1.id, { lessonsPerAssignment: 2 });
  const clock = new Date(new Date(`${sem1.ends_on}T00:00:00+07:00`).getTime() + 3 * 86400_000);
  services.archive = new ArchiveService({ tx: services.tx, writer: services.archiveWriter, exporter: new FsArchiveExporter(database.dataDir), now: () => clock });
  const principal = await knex('accounts').where({ login: 'CB79000001' }).first();
  const seal = await services.archive.seal({ accountId: principal.id, login: 'CB79000001', ip: null, personId: principal.person_id, roles: ['principal'] }, sem1.id);
  t.ok(seal.exportFile && seal.exportSha256);
  const zipPath = path.join(database.dataDir, 'archive', 'exports', seal.exportFile!);
  t.equal(sha256(fs.readFileSync(zipPath)), seal.exportSha256, 'the recorded SHA-256 is the zip\'s');

  // "Another machine": a fresh folder with only the zip in it.
  const elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), 'ph-archive-elsewhere-'));
  t.teardown(() => fs.rmSync(elsewhere, { recursive: true, force: true }));
  fs.copyFileSync(zipPath, path.join(elsewhere, 'goi.zip'));
  const dir = path.join(elsewhere, 'goi');
  execFileSync('unzip', ['-q', path.join(elsewhere, 'goi.zip'), '-d', dir]);
  const listing = fs.readdirSync(dir).sort();
  t.same(listing, ['MUC-LUC.pdf', 'SHA256SUMS', 'ho-so', 'manifest.json', 'muc-luc.html', 'records.jsonl', 'verify.mjs']);
  t.same(fs.readdirSync(path.join(dir, 'ho-so')).sort(), ['1-minh-chung.pdf', '1-minh-chung.xlsx', '2-qua-trinh-day-hoc.pdf', '2-qua-trinh-day-hoc.xlsx', '3-ke-hoach-day-hoc.pdf', '3-ke-hoach-day-hoc.xlsx', '4-kiem-tra-danh-gia.pdf', '4-kiem-tra-danh-gia.xlsx']);
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
  t.equal(manifest.chain.headHash, seal.headHash);
  t.equal(manifest.chain.headSeq, seal.headSeq);
  const yearPlan = fs.readFileSync(path.join(dir, 'records.jsonl'), 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l)).find((l) => l.ref === 'teaching_plans:year-test');
  t.equal(yearPlan?.payload, '{"level":"year","weeks":35}', 'the year plan is in the package with its content');
  t.ok(execFileSync('pdftotext', ['-layout', path.join(dir, 'ho-so', '3-ke-hoach-day-hoc.pdf'), '-'], { encoding: 'utf8' }).includes('Kế hoạch dạy học cả năm môn Toán lớp 6A1'));
  t.ok(manifest.files.every((f: { sha256: string; bytes: number; path: string }) => f.sha256.length === 64 && f.bytes === fs.statSync(path.join(dir, f.path)).size));
  // The standard tool agrees with the checksums.
  t.equal((await run('sha256sum', ['-c', '--quiet', 'SHA256SUMS'], { cwd: dir })).code, 0, 'sha256sum -c passes');
  // The human index is in Vietnamese.
  const index = execFileSync('pdftotext', ['-layout', path.join(dir, 'MUC-LUC.pdf'), '-'], { encoding: 'utf8' });
  t.match(index, /MỤC LỤC HỒ SƠ LƯU TRỮ/);
  t.match(index, /Buổi học trực tuyến/);
  t.match(fs.readFileSync(path.join(dir, 'muc-luc.html'), 'utf8'), /Sổ theo dõi và đánh giá/);
  const assessment = execFileSync('pdftotext', ['-layout', path.join(dir, 'ho-so', '4-kiem-tra-danh-gia.pdf'), '-'], { encoding: 'utf8' });
  t.match(assessment, /Hồ sơ kiểm tra, đánh giá/);

  let r = await run('node', ['verify.mjs'], { cwd: dir });
  t.equal(r.code, 0, r.out);
  t.match(r.out, /HỢP LỆ/);
  r = await run('node', ['verify.mjs', '--expect-head', seal.headHash], { cwd: dir });
  t.equal(r.code, 0, 'the expected seal hash matches');
  r = await run('node', ['verify.mjs', '--expect-head', '0'.repeat(64)], { cwd: dir });
  t.equal(r.code, 1, 'a different seal hash fails');
  t.equal((await cli(['archive', 'verify-export', path.join(elsewhere, 'goi.zip')], { PHONGHOC_DATA_DIR: '/nonexistent-no-database' })).code, 0, 'the CLI verifies the zip without a database');
  t.equal((await cli(['archive', 'verify-export', dir])).code, 0, 'and the folder');

  await t.test('a changed file is named', async (t) => {
    const file = path.join(dir, 'ho-so', '4-kiem-tra-danh-gia.xlsx');
    const original = fs.readFileSync(file);
    fs.writeFileSync(file, Buffer.concat([original, Buffer.from('x')]));
    const v = await run('node', ['verify.mjs'], { cwd: dir });
    t.equal(v.code, 1);
    t.match(v.out, /TỆP BỊ THAY ĐỔI: ho-so\/4-kiem-tra-danh-gia\.xlsx/);
    t.notMatch(v.out, /CHUỖI/, 'the chain itself is intact');
    const c = await cli(['archive', 'verify-export', dir]);
    t.equal(c.code, 1);
    t.match(c.out, /FILE CHANGED: ho-so\/4-kiem-tra-danh-gia\.xlsx/);
    fs.writeFileSync(file, original);
    t.equal((await run('node', ['verify.mjs'], { cwd: dir })).code, 0, 'restored');
  });

  await t.test('a changed record is found at its seq, even with the checksums forged to match', async (t) => {
    const jsonl = path.join(dir, 'records.jsonl');
    const original = fs.readFileSync(jsonl, 'utf8');
    const lines = original.trimEnd().split('\n').map((l) => JSON.parse(l));
    const victim = lines.find((l) => l.kind === 'gradebook.class_subject');
    const payload = JSON.parse(victim.payload);
    payload.scores[0].scoreTenths = 100; // a 10 where there was not one
    victim.payload = canonicalJson(payload);
    const forge = (text: string) => {
      fs.writeFileSync(jsonl, text);
      // The forger also fixes SHA256SUMS and the manifest so only the chain can tell.
      const m = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
      const entry = m.files.find((f: { path: string }) => f.path === 'records.jsonl');
      entry.sha256 = sha256(text);
      entry.bytes = Buffer.byteLength(text);
      const mText = JSON.stringify(m, null, 2) + '\n';
      fs.writeFileSync(path.join(dir, 'manifest.json'), mText);
      const sums = fs.readFileSync(path.join(dir, 'SHA256SUMS'), 'utf8').split('\n').filter(Boolean).map((l) => {
        const name = l.slice(66);
        return `${name === 'records.jsonl' ? sha256(text) : name === 'manifest.json' ? sha256(mText) : l.slice(0, 64)}  ${name}`;
      });
      fs.writeFileSync(path.join(dir, 'SHA256SUMS'), sums.join('\n') + '\n');
    };
    const originalManifest = fs.readFileSync(path.join(dir, 'manifest.json'));
    const originalSums = fs.readFileSync(path.join(dir, 'SHA256SUMS'));
    forge(lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
    t.equal((await run('sha256sum', ['-c', '--quiet', 'SHA256SUMS'], { cwd: dir })).code, 0, 'the forged checksums pass sha256sum');
    let v = await run('node', ['verify.mjs'], { cwd: dir });
    t.equal(v.code, 1);
    t.match(v.out, new RegExp(`CHUỖI HỒ SƠ BỊ ĐỨT: bản ghi số ${victim.seq}: nội dung bị thay đổi`));
    let c = await cli(['archive', 'verify-export', dir]);
    t.equal(c.code, 1);
    t.match(c.out, new RegExp(`CHAIN BROKEN at record ${victim.seq}: payload_changed`));
    // The digest forged too: the record's hash no longer matches.
    victim.payloadSha256 = sha256(victim.payload);
    forge(lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
    v = await run('node', ['verify.mjs'], { cwd: dir });
    t.match(v.out, new RegExp(`bản ghi số ${victim.seq}: thông tin bản ghi bị thay đổi`));
    // A record deleted from the segment.
    forge(lines.filter((l) => l.seq !== victim.seq).map((l) => JSON.stringify({ ...l, ...(l.seq === victim.seq ? {} : {}) })).join('\n') + '\n');
    v = await run('node', ['verify.mjs'], { cwd: dir });
    t.match(v.out, new RegExp(`CHUỖI HỒ SƠ BỊ ĐỨT: bản ghi số ${victim.seq}: bị xoá`));
    c = await cli(['archive', 'verify-export', dir]);
    t.match(c.out, new RegExp(`CHAIN BROKEN at record ${victim.seq}: seq_gap`));
    fs.writeFileSync(jsonl, original);
    fs.writeFileSync(path.join(dir, 'manifest.json'), originalManifest);
    fs.writeFileSync(path.join(dir, 'SHA256SUMS'), originalSums);
    t.equal((await run('node', ['verify.mjs'], { cwd: dir })).code, 0, 'restored');
  });

  await t.test('`archive verify` checks the live chain and exits 1 at the first broken link', async (t) => {
    const env = { PHONGHOC_DATA_DIR: database.dataDir };
    let c = await cli(['archive', 'verify'], env);
    t.equal(c.code, 0, c.out);
    t.match(c.out, /nguyên vẹn/);
    const target = seal.headSeq - 3;
    await knex('archive_records').where({ seq: target }).update({ recorded_at: '2020-01-01T00:00:00.000Z' });
    c = await cli(['archive', 'verify'], env);
    t.equal(c.code, 1);
    t.match(c.out, new RegExp(`CHAIN BROKEN at record ${target}: fields_changed`));
  });
});
