import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import t from 'tap';
import { backupBeforeMigration, listBackups, readManifest, restoreBackup, BackupError } from '../../appliance/src/updates/data-backup.js';
import { guardedStart, readInstalledVersion, readUpdateReport } from '../../appliance/src/updates/guarded-start.js';

/**
 * Updates without losing data, on a real SQLite file (WAL mode, like the appliance's) plus the other
 * files of a data directory: backup before migrations, a "migration" that damages the data and
 * fails, the restore, and the report the server shows.
 */

const root = path.resolve(import.meta.dirname, '../..');
const execFileP = promisify(execFile);

interface Teardown {
  teardown(fn: () => unknown): void;
}

/** A data directory like the appliance's: the database (WAL, rows committed but not checkpointed), certificates, uploads, recordings. */
function makeDataDir(t: Teardown): { dataDir: string; dbFile: string } {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'phonghoc-data-'));
  t.teardown(() => fs.rmSync(dataDir, { recursive: true, force: true }));
  const dbFile = path.join(dataDir, 'phonghoc.sqlite');
  const db = new Database(dbFile);
  db.pragma('journal_mode = WAL');
  db.exec(`CREATE TABLE students (id INTEGER PRIMARY KEY, name TEXT NOT NULL, class TEXT, born TEXT);
           CREATE TABLE audit (id INTEGER PRIMARY KEY, at TEXT, what TEXT);`);
  const ins = db.prepare('INSERT INTO students (name, class, born) VALUES (?, ?, ?)');
  db.transaction(() => {
    for (let i = 0; i < 480; i++) ins.run(`Nguyễn Văn Đức ${i}`, `${6 + (i % 4)}A${1 + (i % 3)}`, `201${i % 10}-0${1 + (i % 9)}-1${i % 10}`);
  })();
  db.prepare('INSERT INTO audit (at, what) VALUES (?, ?)').run('2026-09-05T07:00:00Z', 'import roster');
  db.close();
  // A live connection that keeps its last commit in the WAL (never checkpointed): the backup must include it.
  const live = new Database(dbFile);
  live.pragma('wal_autocheckpoint = 0');
  live.prepare('INSERT INTO students (name, class, born) VALUES (?, ?, ?)').run('Trần Thị Mai', '9A1', '2011-03-08');
  t.teardown(() => live.close());
  fs.mkdirSync(path.join(dataDir, 'tls'), { recursive: true });
  fs.writeFileSync(path.join(dataDir, 'tls', 'ca.crt'), '-----BEGIN CERTIFICATE-----\nMIIB…\n-----END CERTIFICATE-----\n');
  fs.writeFileSync(path.join(dataDir, 'tls', 'ca.key'), 'private', { mode: 0o600 });
  fs.mkdirSync(path.join(dataDir, 'uploads', 'h5p'), { recursive: true });
  fs.writeFileSync(path.join(dataDir, 'uploads', 'h5p', 'bai-tap.h5p'), Buffer.alloc(64 * 1024, 7));
  fs.mkdirSync(path.join(dataDir, 'recordings'), { recursive: true });
  fs.writeFileSync(path.join(dataDir, 'recordings', 'lesson-1.webm'), Buffer.alloc(1024, 1));
  return { dataDir, dbFile };
}

/** Row count and a hash of a full, ordered dump of every table. */
function snapshot(dbFile: string): { count: number; dump: string } {
  const db = new Database(dbFile, { readonly: true });
  try {
    const tables = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as Array<{ name: string; sql: string }>;
    const hash = createHash('sha256');
    for (const { name, sql } of tables) {
      hash.update(sql);
      for (const row of db.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).iterate()) hash.update(JSON.stringify(row));
    }
    return { count: (db.prepare('SELECT count(*) AS n FROM students').get() as { n: number }).n, dump: hash.digest('hex') };
  } finally {
    db.close();
  }
}

const sha = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

t.test('the backup: a consistent database copy, the other files, no live -wal/-shm', async (t) => {
  const { dataDir, dbFile } = makeDataDir(t);
  const before = snapshot(dbFile);
  t.equal(before.count, 481, 'the row still in the WAL is counted');
  const backup = await backupBeforeMigration({ dataDir, version: '0.2.0', fromVersion: '0.1.0' });
  t.match(path.basename(backup), /^\d{8}T\d{6}Z_0\.1\.0_to_0\.2\.0$/);
  const m = readManifest(backup);
  t.match(m, { fromVersion: '0.1.0', forVersion: '0.2.0' });
  t.same(m.databases.map((d) => [d.path, d.integrity]), [['phonghoc.sqlite', 'ok']]);
  t.same(m.files.map((f) => f.path), ['tls/ca.crt', 'tls/ca.key', 'uploads/h5p/bai-tap.h5p']);
  t.ok(m.excluded.includes('recordings'), 'recordings are left out (large, never migrated)');
  const stored = fs.readdirSync(path.join(backup, 'data'));
  t.same(stored.sort(), ['phonghoc.sqlite', 'tls', 'uploads'], 'no -wal or -shm copied');
  t.same(snapshot(path.join(backup, 'data', 'phonghoc.sqlite')), before, 'the copy has every row, byte for byte in content');
  t.equal(fs.statSync(path.join(backup, 'data', 'tls', 'ca.key')).mode & 0o777, 0o600, 'file modes kept');
  t.same(fs.readdirSync(path.dirname(backup)), [path.basename(backup)], 'no half-finished backup left');
});

t.test('a failed migration: the backup is restored and the report written', async (t) => {
  const { dataDir, dbFile } = makeDataDir(t);
  fs.mkdirSync(path.join(dataDir, 'updates'), { recursive: true });
  fs.writeFileSync(path.join(dataDir, 'updates', 'installed.json'), JSON.stringify({ version: '0.1.0' }));
  const before = snapshot(dbFile);
  const caBefore = sha(path.join(dataDir, 'tls', 'ca.crt'));

  let started = 0;
  const err = await guardedStart({
    dataDir,
    version: '0.2.0',
    start: async () => {
      started++;
      // The new version's "migration": changes rows, drops a table, touches files, then fails.
      const db = new Database(dbFile);
      db.exec("UPDATE students SET name = 'X' WHERE id % 2 = 0; DROP TABLE audit; CREATE TABLE lessons_v2 (id INTEGER);");
      db.close();
      fs.writeFileSync(path.join(dataDir, 'tls', 'ca.crt'), 'overwritten by a buggy step');
      fs.writeFileSync(path.join(dataDir, 'uploads', 'new-format.json'), '{}');
      fs.rmSync(path.join(dataDir, 'uploads', 'h5p', 'bai-tap.h5p'));
      throw new Error('migration 0004_lessons_v2 failed: SQLITE_CONSTRAINT');
    },
  }).catch((e: unknown) => e);
  t.equal(started, 1);
  t.match(err, { message: /migration 0004_lessons_v2 failed/ }, 'the start error is passed on');

  const after = snapshot(dbFile);
  t.equal(after.count, before.count, 'select count(*) is back');
  t.equal(after.dump, before.dump, 'the dump hash is back');
  t.equal(sha(path.join(dataDir, 'tls', 'ca.crt')), caBefore, 'the certificate is back');
  t.ok(fs.existsSync(path.join(dataDir, 'uploads', 'h5p', 'bai-tap.h5p')), 'a removed upload is back');
  t.notOk(fs.existsSync(path.join(dataDir, 'uploads', 'new-format.json')), 'a file the failed start created is moved away');
  t.ok(fs.existsSync(path.join(dataDir, 'recordings', 'lesson-1.webm')), 'recordings untouched');
  t.equal(readInstalledVersion(dataDir), '0.1.0', 'still the old version');

  const report = readUpdateReport(dataDir);
  t.match(report, { reason: 'start-failed', fromVersion: '0.1.0', toVersion: '0.2.0', restored: true, databaseIncluded: true, error: /migration 0004_lessons_v2 failed/ });
  t.match(report?.message.vi, /Phiên bản 0\.2\.0 không khởi động được.*khôi phục về trạng thái của phiên bản 0\.1\.0/);
  t.match(report?.message.en, /Version 0\.2\.0 failed to start.*restored to its state under version 0\.1\.0/);
  t.ok(report && !Number.isNaN(Date.parse(report.at)), 'when');
  // What the failed start left is kept for diagnosis, not deleted.
  t.ok(report?.failedStatePath && fs.existsSync(path.join(report.failedStatePath, 'uploads', 'new-format.json')));
  t.ok(report?.failedStatePath && fs.existsSync(path.join(report.failedStatePath, 'phonghoc.sqlite')), 'the failed database is kept');
  t.equal(fs.readFileSync(path.join(dataDir, 'updates', 'history.jsonl'), 'utf8').trim().split('\n').length, 1);

  // The box restarts the same release: the data is exactly the backup, so no second copy is made.
  await guardedStart({ dataDir, version: '0.2.0', start: async () => { throw new Error('still failing'); } }).catch(() => undefined);
  t.equal(listBackups(path.join(dataDir, 'backups')).length, 1, 'one backup, reused');
  t.equal(snapshot(dbFile).dump, before.dump);

  // A fixed release starts: it becomes the installed version; the backup stays for a while.
  const ok = await guardedStart({ dataDir, version: '0.2.1', start: async () => undefined });
  t.match(ok, { previousVersion: '0.1.0', upgraded: true });
  t.equal(readInstalledVersion(dataDir), '0.2.1');
  t.equal(listBackups(path.join(dataDir, 'backups')).length, 2);
});

t.test('no backup when the version did not change, nor on a fresh box', async (t) => {
  const { dataDir } = makeDataDir(t);
  fs.mkdirSync(path.join(dataDir, 'updates'), { recursive: true });
  fs.writeFileSync(path.join(dataDir, 'updates', 'installed.json'), JSON.stringify({ version: '0.2.0' }));
  let started = false;
  const r = await guardedStart({ dataDir, version: '0.2.0', start: async () => { started = true; } });
  t.ok(started);
  t.match(r, { upgraded: false, backupPath: undefined });
  t.notOk(fs.existsSync(path.join(dataDir, 'backups')), 'no backup taken');

  const fresh = fs.mkdtempSync(path.join(os.tmpdir(), 'phonghoc-fresh-'));
  t.teardown(() => fs.rmSync(fresh, { recursive: true, force: true }));
  const r2 = await guardedStart({ dataDir: fresh, version: '0.2.0', start: async () => undefined });
  t.match(r2, { previousVersion: null, upgraded: true, backupPath: undefined }, 'nothing to protect yet');
  t.equal(readInstalledVersion(fresh), '0.2.0');
});

t.test('a start killed mid-way is recovered at the next start', async (t) => {
  const { dataDir, dbFile } = makeDataDir(t);
  fs.mkdirSync(path.join(dataDir, 'updates'), { recursive: true });
  fs.writeFileSync(path.join(dataDir, 'updates', 'installed.json'), JSON.stringify({ version: '0.1.0' }));
  const before = snapshot(dbFile);
  // Another process starts 0.2.0, damages the database and dies with SIGKILL (no catch can run).
  const script = `
    import Database from 'better-sqlite3';
    const { guardedStart } = await import(${JSON.stringify(path.join(root, 'appliance/src/updates/guarded-start.ts'))});
    await guardedStart({ dataDir: ${JSON.stringify(dataDir)}, version: '0.2.0', start: async () => {
      const db = new Database(${JSON.stringify(dbFile)});
      db.exec('DELETE FROM students WHERE id > 100');
      db.close();
      process.kill(process.pid, 'SIGKILL');
    } });`;
  const killed = await execFileP(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: root }).catch((e: { signal?: string }) => e);
  t.match(killed, { signal: 'SIGKILL' });
  t.ok(fs.existsSync(path.join(dataDir, 'updates', 'in-progress.json')), 'the marker says a start was under way');
  t.equal(snapshot(dbFile).count, 100, 'the damage is there');

  let countAtStart = -1;
  const r = await guardedStart({ dataDir, version: '0.2.0', start: async () => { countAtStart = snapshot(dbFile).count; } });
  t.equal(countAtStart, before.count, 'the new start sees the restored data');
  t.match(r.recovered, { reason: 'interrupted', fromVersion: '0.1.0', toVersion: '0.2.0', restored: true });
  t.match(readUpdateReport(dataDir), { reason: 'interrupted' });
  t.equal(listBackups(path.join(dataDir, 'backups')).length, 1, 'the restored backup served as this start\'s backup');
  t.notOk(fs.existsSync(path.join(dataDir, 'updates', 'in-progress.json')));
  t.equal(readInstalledVersion(dataDir), '0.2.0');
});

t.test('no start when the backup cannot be taken', async (t) => {
  const { dataDir } = makeDataDir(t);
  fs.mkdirSync(path.join(dataDir, 'updates'), { recursive: true });
  fs.writeFileSync(path.join(dataDir, 'updates', 'installed.json'), JSON.stringify({ version: '0.1.0' }));
  const blocker = path.join(dataDir, 'not-a-folder');
  fs.writeFileSync(blocker, 'x');
  let started = false;
  const err = await guardedStart({ dataDir, version: '0.2.0', backupsDir: path.join(blocker, 'backups'), start: async () => { started = true; } }).catch((e: unknown) => e);
  t.ok(err instanceof Error);
  t.notOk(started, 'migrations never ran without a way back');
  t.match(readUpdateReport(dataDir), { reason: 'backup-failed', restored: false, toVersion: '0.2.0' });
});

t.test('a damaged backup is refused before anything is touched', async (t) => {
  const { dataDir, dbFile } = makeDataDir(t);
  const backup = await backupBeforeMigration({ dataDir, version: '0.2.0', fromVersion: '0.1.0' });
  fs.appendFileSync(path.join(backup, 'data', 'tls', 'ca.crt'), 'tampered');
  const dbBefore = sha(dbFile);
  await t.rejects(restoreBackup({ dataDir, backupPath: backup }), BackupError);
  t.equal(sha(dbFile), dbBefore, 'the live database was not touched');
  t.same(fs.readdirSync(backup).filter((n) => n.startsWith('failed-start')), []);
});

t.test('old backups are pruned after a successful start, the newest kept', async (t) => {
  const { dataDir } = makeDataDir(t);
  let version = 0;
  const times = [1, 2, 3, 4, 5].map((d) => new Date(Date.UTC(2026, 8, d)));
  for (const at of times) {
    version++;
    await guardedStart({ dataDir, version: `0.${version}.0`, now: () => at, start: async () => { fs.writeFileSync(path.join(dataDir, 'uploads', `v${version}.txt`), String(version)); } });
  }
  const kept = listBackups(path.join(dataDir, 'backups'));
  t.equal(kept.length, 3);
  t.same(kept.map((b) => b.manifest.forVersion), ['0.5.0', '0.4.0', '0.3.0'], 'newest first');
});
