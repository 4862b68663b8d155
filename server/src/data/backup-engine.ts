/**
 * The file-system side of the school's backups (issue 5, point 8): an online, consistent copy of
 * the whole data directory to a USB disk or a mounted network folder while the server runs, and
 * the restore onto a fresh box (`phonghoc restore`, cli.ts).
 *
 * - The SQLite database is copied with SQLite's online backup API from a separate read-only
 *   connection (better-sqlite3 `backup()`): the copy is one committed state even while the server
 *   keeps writing (a write between two steps restarts the copy; the steps after the first copy the
 *   whole file in one go, so it finishes). It is checked (integrity_check) and every table is
 *   summarised (row count + content hash, backup-rules.ts) from the copy.
 * - The other files (materials, H5P, task files, certificates and secrets, archive exports,
 *   recordings when asked) are streamed, hashed on the way, and copied again when they changed
 *   during the copy. Only then are files copied: every file a database row of the snapshot names
 *   existed before the snapshot.
 * - Everything goes to `<target>/<name>.partial/` and is renamed to `<target>/<name>/` after the
 *   manifest is written: a cut backup never looks complete.
 * All work is asynchronous (streams, stepwise backup, hashing that yields) so the server keeps
 * answering while a backup runs. The directory walk is the appliance's (data-backup.ts).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import Database from 'better-sqlite3';
import { walk, SIDECARS, MANIFEST } from '../../../appliance/src/updates/data-backup.js';
import {
  BACKUP_FORMAT, BACKUP_NAME, backupName, backupsToPrune, compareTables, manifestProblems, TableHasher,
  type BackupFile, type BackupTable, type SchoolBackupManifest,
} from '../domain/backups/backup-rules.js';
import type { BackupEngine, BackupProgress, BackupSummary, TargetCheck, VerifyResult } from '../domain/backups/backup.types.js';

/** Top-level folders never copied: older pre-update backups, this box's update bookkeeping, logs. */
export const ALWAYS_EXCLUDED = ['backups', 'updates', 'logs'];
/** Unfinished uploads (their rows do not exist yet). */
export const TEMP_FOLDERS = ['materials/.incoming', 'tasks/.tmp', 'h5p/tmp'];
/** A file being written next to its final name (archive exports write `.<uuid>.tmp`, then rename). */
const TEMP_FILE = /(^|\/)\.[^/]+\.tmp$/;
/** Written first by a restore and removed last: a box whose restore was cut shows it. */
export const RESTORE_MARKER = 'RESTORE-INCOMPLETE.txt';
const PARTIAL = '.partial';
/** Free space the target must keep beyond the estimate. */
const MARGIN_BYTES = 32 * 1024 * 1024;

export class RestoreError extends Error {
  constructor(message: string, readonly problems: string[] = []) {
    super(message);
    this.name = 'RestoreError';
  }
}

const yieldNow = () => new Promise<void>((r) => setImmediate(r));

/** SHA-256 of a file, streamed (does not block the server's event loop). */
export async function hashFile(file: string, onBytes?: (n: number) => void): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 1 << 20 })) {
    hash.update(chunk as Buffer);
    onBytes?.((chunk as Buffer).length);
  }
  return hash.digest('hex');
}

/** Row count and content hash of every table of a SQLite file (yields to the event loop as it goes). */
export async function sqliteTableStats(file: string): Promise<BackupTable[]> {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const names = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name").all() as Array<{ name: string }>).map((r) => r.name);
    const out: BackupTable[] = [];
    for (const name of names) {
      const h = new TableHasher();
      let i = 0;
      for (const row of db.prepare(`SELECT * FROM "${name.replace(/"/g, '""')}"`).iterate() as Iterable<Record<string, unknown>>) {
        h.add(row);
        if (++i % 5000 === 0) await yieldNow();
      }
      out.push({ name, rows: h.rows, sha256: h.digest() });
    }
    return out;
  } finally {
    db.close();
  }
}

function isInside(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

function realOrResolved(p: string): string {
  try {
    return fs.realpathSync(p);
  } catch {
    return path.resolve(p);
  }
}

export interface BackupEngineOptions {
  dataDir: string;
  /** The SQLite file relative to dataDir; null when the database is PostgreSQL (not copied here). */
  database: string | null;
  version: string;
  host?: string;
}

/** The files a backup copies, with their sizes (relative posix paths). */
function plan(dataDir: string, database: string | null, includeRecordings: boolean): { files: string[]; skipped: string[]; excluded: string[]; bytes: number } {
  const excluded = [...ALWAYS_EXCLUDED, ...(includeRecordings ? [] : ['recordings']), RESTORE_MARKER];
  const walked = walk(dataDir, excluded, database ? [database] : []);
  const files = walked.files.filter((f) => !TEMP_FOLDERS.some((t) => f === t || f.startsWith(`${t}/`)) && !TEMP_FILE.test(f));
  let bytes = 0;
  for (const f of files) {
    try { bytes += fs.statSync(path.join(dataDir, f)).size; } catch { /* vanished: counted as skipped later */ }
  }
  if (database) {
    for (const suffix of ['', '-wal']) {
      try { bytes += fs.statSync(path.join(dataDir, database + suffix)).size; } catch { /* none */ }
    }
  }
  return { files, skipped: walked.skipped, excluded: [...excluded.filter((e) => e !== RESTORE_MARKER), ...TEMP_FOLDERS], bytes };
}

/** Streams src to dest while hashing; copies again when src changed meanwhile. null: src vanished. */
async function copyHashed(src: string, dest: string, onBytes: (n: number) => void): Promise<BackupFile | null> {
  for (let attempt = 0; attempt < 4; attempt++) {
    let before: fs.Stats;
    try {
      before = await fsp.stat(src);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
    await fsp.mkdir(path.dirname(dest), { recursive: true });
    const hash = createHash('sha256');
    let size = 0;
    try {
      await pipeline(
        fs.createReadStream(src, { highWaterMark: 1 << 20 }),
        new Transform({ transform(chunk: Buffer, _enc, cb) { hash.update(chunk); size += chunk.length; onBytes(chunk.length); cb(null, chunk); } }),
        fs.createWriteStream(dest, { mode: 0o600 }),
      );
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT' && !fs.existsSync(src)) return null;
      throw err;
    }
    const after = await fsp.stat(src).catch(() => null);
    if (!after) return null;
    if (after.size === before.size && after.mtimeMs === before.mtimeMs && size === after.size) {
      return { path: '', size, sha256: hash.digest('hex'), mode: before.mode & 0o777 };
    }
    onBytes(-size); // copied again
  }
  throw new Error(`${src} kept changing while it was copied`);
}

async function readManifestAt(dir: string): Promise<SchoolBackupManifest> {
  const raw = JSON.parse(await fsp.readFile(path.join(dir, MANIFEST), 'utf8')) as SchoolBackupManifest;
  const problems = manifestProblems(raw);
  if (problems.length) throw new RestoreError(`the manifest of ${dir} is not usable`, problems);
  return raw;
}

/** Every stored file of a backup checked against its size and SHA-256 (database included). */
async function verifyDir(dir: string, onProgress?: (p: BackupProgress) => void, opts: { tables?: boolean } = {}): Promise<VerifyResult & { manifest: SchoolBackupManifest | null }> {
  let manifest: SchoolBackupManifest;
  try {
    manifest = await readManifestAt(dir);
  } catch (err) {
    return { ok: false, problems: err instanceof RestoreError ? err.problems.length ? err.problems : [err.message] : [`manifest: ${(err as Error).message}`], checkedFiles: 0, checkedBytes: 0, manifest: null };
  }
  const entries = [...(manifest.database ? [manifest.database] : []), ...manifest.files];
  const total = { bytes: entries.reduce((s, e) => s + e.size, 0), files: entries.length };
  const progress: BackupProgress = { phase: 'verifying', bytesDone: 0, bytesTotal: total.bytes, filesDone: 0, filesTotal: total.files };
  const problems: string[] = [];
  let last = 0;
  for (const e of entries) {
    const file = path.join(dir, 'data', ...e.path.split('/'));
    const st = await fsp.stat(file).catch(() => null);
    if (!st || !st.isFile()) problems.push(`${e.path}: missing`);
    else if (st.size !== e.size) problems.push(`${e.path}: size ${st.size}, expected ${e.size}`);
    else if ((await hashFile(file, (n) => {
      progress.bytesDone += n;
      if (onProgress && Date.now() - last > 200) { last = Date.now(); onProgress({ ...progress }); }
    })) !== e.sha256) problems.push(`${e.path}: SHA-256 differs`);
    progress.filesDone++;
  }
  if (opts.tables && manifest.database && !problems.length) {
    problems.push(...compareTables(manifest.database.tables, await sqliteTableStats(path.join(dir, 'data', ...manifest.database.path.split('/')))));
  }
  onProgress?.({ ...progress });
  return { ok: problems.length === 0, problems, checkedFiles: progress.filesDone, checkedBytes: progress.bytesDone, manifest };
}

export class FsBackupEngine implements BackupEngine {
  private readonly dataDir: string;

  constructor(private readonly opts: BackupEngineOptions) {
    this.dataDir = path.resolve(opts.dataDir);
  }

  async checkTarget(target: string, opts: { includeRecordings: boolean }): Promise<TargetCheck> {
    const neededBytes = Math.ceil(plan(this.dataDir, this.opts.database, opts.includeRecordings).bytes * 1.05) + MARGIN_BYTES;
    const st = await fsp.stat(target).catch(() => null);
    if (!path.isAbsolute(target) || !st || !st.isDirectory()) return { problem: 'BACKUP_TARGET_MISSING', freeBytes: null, neededBytes };
    // Inside the data directory (also through a symlink), or the data directory itself.
    if (isInside(realOrResolved(target), realOrResolved(this.dataDir))) return { problem: 'BACKUP_TARGET_INSIDE_DATA', freeBytes: null, neededBytes };
    const probe = path.join(target, `.phonghoc-write-test-${process.pid}-${Date.now()}`);
    try {
      await fsp.writeFile(probe, 'ok');
      await fsp.rm(probe, { force: true });
    } catch {
      return { problem: 'BACKUP_TARGET_NOT_WRITABLE', freeBytes: null, neededBytes };
    }
    const s = await fsp.statfs(target);
    const freeBytes = s.bavail * s.bsize;
    return { problem: freeBytes < neededBytes ? 'BACKUP_TARGET_FULL' : null, freeBytes, neededBytes };
  }

  async run(o: { target: string; includeRecordings: boolean; trigger: 'manual' | 'schedule'; takenAt: Date; onProgress: (p: BackupProgress) => void }): Promise<SchoolBackupManifest> {
    const started = Date.now();
    const name = backupName(o.takenAt);
    const finalDir = path.join(o.target, name);
    const partial = finalDir + PARTIAL;
    if (fs.existsSync(finalDir)) throw new Error(`${finalDir} exists already`);
    await fsp.rm(partial, { recursive: true, force: true });
    await fsp.mkdir(path.join(partial, 'data'), { recursive: true, mode: 0o700 });
    const work = plan(this.dataDir, this.opts.database, o.includeRecordings);
    const progress: BackupProgress = { phase: 'database', bytesDone: 0, bytesTotal: work.bytes, filesDone: 0, filesTotal: work.files.length + (this.opts.database ? 1 : 0) };
    let last = 0;
    const report = (force = false) => {
      if (force || Date.now() - last > 150) { last = Date.now(); o.onProgress({ ...progress }); }
    };
    report(true);
    try {
      let database: SchoolBackupManifest['database'] = null;
      const dbRel = this.opts.database;
      if (dbRel && fs.existsSync(path.join(this.dataDir, dbRel))) {
        const dest = path.join(partial, 'data', dbRel);
        await fsp.mkdir(path.dirname(dest), { recursive: true });
        const src = new Database(path.join(this.dataDir, dbRel), { readonly: true, fileMustExist: true });
        const base = progress.bytesDone;
        const pageSize = Number(src.pragma('page_size', { simple: true })) || 4096;
        try {
          await src.backup(dest, {
            progress: ({ totalPages, remainingPages }) => {
              progress.bytesDone = base + (totalPages - remainingPages) * pageSize;
              report();
              // After the first step, copy the rest in one step: a write by the server between
              // steps restarts the copy, and one step cannot be interrupted.
              return Math.max(totalPages, 100);
            },
          });
        } finally {
          src.close();
        }
        // The copy as a self-contained rollback-journal database: opening it read-only later (verify,
        // restore) then creates no -wal/-shm next to it on the USB disk. The app turns WAL on again.
        const own = new Database(dest, { fileMustExist: true });
        try { own.pragma('journal_mode = DELETE'); } finally { own.close(); }
        for (const s of SIDECARS) await fsp.rm(dest + s, { force: true });
        const check = new Database(dest, { readonly: true, fileMustExist: true });
        let integrity: string;
        try {
          integrity = String(check.pragma('integrity_check', { simple: true }));
        } finally {
          check.close();
        }
        for (const s of SIDECARS) await fsp.rm(dest + s, { force: true });
        if (integrity !== 'ok') throw new Error(`the copy of ${dbRel} fails SQLite's integrity check: ${integrity}`);
        const tables = await sqliteTableStats(dest);
        for (const s of SIDECARS) await fsp.rm(dest + s, { force: true });
        const st = await fsp.stat(dest);
        const srcMode = fs.statSync(path.join(this.dataDir, dbRel)).mode & 0o777;
        database = { path: dbRel, size: st.size, sha256: await hashFile(dest), mode: srcMode, engine: 'sqlite', integrity, tables };
        progress.bytesDone = base + st.size;
        progress.filesDone++;
        report(true);
      }

      progress.phase = 'files';
      const files: BackupFile[] = [];
      const skipped = [...work.skipped];
      for (const rel of work.files) {
        const copied = await copyHashed(path.join(this.dataDir, rel), path.join(partial, 'data', rel), (n) => { progress.bytesDone += n; report(); });
        if (copied) files.push({ ...copied, path: rel });
        else skipped.push(`${rel} (deleted while copying)`);
        progress.filesDone++;
        report();
      }

      progress.phase = 'manifest';
      // The estimate counted the live WAL; from here on the totals are what was copied.
      progress.bytesTotal = progress.bytesDone;
      report(true);
      const manifest: SchoolBackupManifest = {
        format: BACKUP_FORMAT,
        name,
        takenAt: o.takenAt.toISOString(),
        durationMs: Date.now() - started,
        trigger: o.trigger,
        version: this.opts.version,
        host: this.opts.host ?? os.hostname(),
        database,
        files,
        includesRecordings: o.includeRecordings,
        excluded: work.excluded,
        skipped,
        totals: { files: files.length + (database ? 1 : 0), bytes: files.reduce((s, f) => s + f.size, 0) + (database?.size ?? 0) },
      };
      const manifestFile = path.join(partial, MANIFEST);
      await fsp.writeFile(manifestFile, JSON.stringify(manifest, null, 2) + '\n', { mode: 0o600 });
      // On a USB disk, make the manifest durable before the folder looks complete.
      const fh = await fsp.open(manifestFile, 'r');
      try { await fh.sync(); } finally { await fh.close(); }
      await fsp.rename(partial, finalDir);
      return manifest;
    } catch (err) {
      await fsp.rm(partial, { recursive: true, force: true }).catch(() => undefined);
      throw err;
    }
  }

  async list(target: string): Promise<BackupSummary[]> {
    const entries = await fsp.readdir(target, { withFileTypes: true }).catch(() => []);
    const out: BackupSummary[] = [];
    for (const e of entries) {
      if (!e.isDirectory() || !BACKUP_NAME.test(e.name)) continue;
      const dir = path.join(target, e.name);
      let m: SchoolBackupManifest;
      try {
        m = await readManifestAt(dir);
      } catch (err) {
        out.push({ name: e.name, takenAt: '', trigger: 'manual', version: '', bytes: 0, files: 0, tables: 0, rows: 0, includesRecordings: false, complete: false, problems: err instanceof RestoreError ? err.problems : [`manifest: ${(err as Error).message}`] });
        continue;
      }
      const problems: string[] = [];
      for (const f of [...(m.database ? [m.database] : []), ...m.files]) {
        const st = await fsp.stat(path.join(dir, 'data', ...f.path.split('/'))).catch(() => null);
        if (!st) problems.push(`${f.path}: missing`);
        else if (st.size !== f.size) problems.push(`${f.path}: size ${st.size}, expected ${f.size}`);
        if (problems.length >= 20) break;
      }
      out.push({
        name: e.name, takenAt: m.takenAt, trigger: m.trigger, version: m.version, bytes: m.totals.bytes, files: m.totals.files,
        tables: m.database?.tables.length ?? 0, rows: m.database?.tables.reduce((s, t) => s + t.rows, 0) ?? 0,
        includesRecordings: m.includesRecordings, complete: problems.length === 0, problems,
      });
    }
    return out.sort((a, b) => b.name.localeCompare(a.name));
  }

  async verify(target: string, name: string, onProgress?: (p: BackupProgress) => void): Promise<VerifyResult> {
    const { manifest: _m, ...r } = await verifyDir(path.join(target, name), onProgress, { tables: true });
    return r;
  }

  async prune(target: string, keep: number, protect: string): Promise<string[]> {
    const entries = await fsp.readdir(target, { withFileTypes: true }).catch(() => []);
    const removed: string[] = [];
    const complete: string[] = [];
    for (const e of entries) {
      if (!e.isDirectory()) continue;
      // A stale .partial (a cut backup) of ours; the running one is never pruned (prune runs after it).
      if (e.name.endsWith(PARTIAL) && BACKUP_NAME.test(e.name.slice(0, -PARTIAL.length)) && e.name !== protect + PARTIAL) {
        await fsp.rm(path.join(target, e.name), { recursive: true, force: true });
        removed.push(e.name);
      } else if (BACKUP_NAME.test(e.name) && fs.existsSync(path.join(target, e.name, MANIFEST))) complete.push(e.name);
    }
    for (const name of backupsToPrune(complete, keep, protect)) {
      await fsp.rm(path.join(target, name), { recursive: true, force: true });
      removed.push(name);
    }
    return removed;
  }
}

export interface RestoreReport {
  name: string;
  takenAt: string;
  files: number;
  bytes: number;
  tables: BackupTable[];
}

/**
 * Restores a backup folder into an empty data directory (a fresh box). Order: the manifest and
 * every hash are checked first (a tampered or cut backup is refused before anything is written);
 * a non-empty data directory is refused; then a marker, the files, the database; then the restored
 * database's tables (row count + content hash) and every restored file's hash are checked against
 * the manifest; the marker is removed last.
 */
export async function restoreSchoolBackup(o: { from: string; dataDir: string; log?: (line: string) => void }): Promise<RestoreReport> {
  const from = path.resolve(o.from);
  const dataDir = path.resolve(o.dataDir);
  const log = o.log ?? (() => undefined);
  if (!fs.existsSync(path.join(from, MANIFEST))) throw new RestoreError(`${from} is not a Phonghoc backup folder (no ${MANIFEST})`);
  if (isInside(realOrResolved(dataDir), realOrResolved(from)) || isInside(realOrResolved(from), realOrResolved(dataDir))) {
    throw new RestoreError('the data directory and the backup folder must not contain one another');
  }
  log(`Kiểm tra bản sao lưu / verifying ${from} …`);
  const checked = await verifyDir(from, undefined, { tables: true });
  if (!checked.ok || !checked.manifest) throw new RestoreError('bản sao lưu bị hỏng hoặc đã bị sửa, không khôi phục gì / the backup is damaged or altered; nothing was restored', checked.problems);
  const manifest = checked.manifest;

  if (fs.existsSync(dataDir)) {
    const present = fs.readdirSync(dataDir).filter((n) => n !== 'lost+found');
    if (present.length) throw new RestoreError(`thư mục dữ liệu không trống / the data directory ${dataDir} is not empty (${present.slice(0, 5).join(', ')}${present.length > 5 ? ', …' : ''}): restore only onto an empty data directory`);
  }
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o750 });
  const marker = path.join(dataDir, RESTORE_MARKER);
  fs.writeFileSync(marker, `Đang khôi phục từ / restoring from ${from} (${new Date().toISOString()}). Nếu tệp này còn, việc khôi phục đã bị ngắt: xoá thư mục dữ liệu và khôi phục lại.\n`);

  const put = async (e: BackupFile) => {
    const src = path.join(from, 'data', ...e.path.split('/'));
    const dest = path.join(dataDir, ...e.path.split('/'));
    if (!isInside(dest, dataDir)) throw new RestoreError(`unsafe path ${e.path}`);
    await fsp.mkdir(path.dirname(dest), { recursive: true, mode: 0o750 });
    await fsp.copyFile(src, dest);
    await fsp.chmod(dest, e.mode);
  };
  log(`Khôi phục / restoring ${manifest.totals.files} tệp / files (${(manifest.totals.bytes / 1e6).toFixed(1)} MB) …`);
  for (const f of manifest.files) await put(f);
  if (manifest.database) await put(manifest.database);

  log('Kiểm tra sau khi khôi phục / checking the restored data …');
  const problems: string[] = [];
  for (const e of [...manifest.files, ...(manifest.database ? [manifest.database] : [])]) {
    if ((await hashFile(path.join(dataDir, ...e.path.split('/')))) !== e.sha256) problems.push(`${e.path}: SHA-256 differs after the copy`);
  }
  let tables: BackupTable[] = [];
  if (manifest.database) {
    const dbFile = path.join(dataDir, ...manifest.database.path.split('/'));
    tables = await sqliteTableStats(dbFile);
    for (const s of SIDECARS) await fsp.rm(dbFile + s, { force: true });
    problems.push(...compareTables(manifest.database.tables, tables));
  }
  if (problems.length) throw new RestoreError(`khôi phục chưa đúng / the restored data differs from the backup; ${marker} left in place`, problems);
  fs.rmSync(marker);
  return { name: manifest.name, takenAt: manifest.takenAt, files: manifest.totals.files, bytes: manifest.totals.bytes, tables };
}
