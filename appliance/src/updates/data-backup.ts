/**
 * A consistent copy of the data directory taken before a new version migrates it, and the way
 * back. The SQLite database is copied with SQLite's online backup API (better-sqlite3 `backup()`),
 * which reads committed pages through the WAL, so the live `-wal`/`-shm` files are never copied;
 * the other files (certificates, uploads…) are copied as they are (nothing writes them before the
 * server starts). Every copied file is hashed into a manifest, checked again before a restore.
 *
 * A restore never deletes: what the failed start left behind (its database, files it created or
 * changed) is moved into `<backup>/failed-start-<time>/` for diagnosis.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

export const MANIFEST = 'manifest.json';
/** Top-level entries never copied nor touched by a restore. */
export const DEFAULT_EXCLUDE = ['backups', 'updates', 'recordings', 'logs'];
export const DEFAULT_DATABASES = ['phonghoc.sqlite'];
export const SIDECARS = ['-wal', '-shm', '-journal'];

export interface BackupFileEntry {
  path: string;
  size: number;
  sha256: string;
  mode: number;
}

export interface BackupManifest {
  format: 1;
  takenAt: string;
  /** The version that wrote this data (null: unknown, the first guarded start). */
  fromVersion: string | null;
  /** The version about to start (and migrate) when the backup was taken. */
  forVersion: string;
  databases: Array<BackupFileEntry & { integrity: string }>;
  files: BackupFileEntry[];
  excluded: string[];
  skipped: string[];
}

export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupError';
  }
}

export interface BackupOptions {
  dataDir: string;
  /** The version about to run. */
  version: string;
  fromVersion?: string | null;
  /** Default `<dataDir>/backups`. */
  backupsDir?: string;
  /** Top-level names left out (default DEFAULT_EXCLUDE). */
  exclude?: string[];
  /** SQLite files, relative to dataDir, copied with the backup API (default phonghoc.sqlite). */
  databases?: string[];
  now?: () => Date;
}

export function sha256File(file: string): string {
  const hash = createHash('sha256');
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(1 << 20);
    let n: number;
    while ((n = fs.readSync(fd, buf, 0, buf.length, null)) > 0) hash.update(buf.subarray(0, n));
  } finally {
    fs.closeSync(fd);
  }
  return hash.digest('hex');
}

function stamp(d: Date): string {
  return d.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
}

function safe(v: string): string {
  return v.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 40) || 'x';
}

function backupsDirOf(opts: { dataDir: string; backupsDir?: string | undefined }): string {
  return path.resolve(opts.backupsDir ?? path.join(opts.dataDir, 'backups'));
}

/** Top-level names to leave alone: the defaults, plus the backups folder when it sits in dataDir. */
function exclusions(dataDir: string, backupsDir: string, exclude: string[] | undefined): string[] {
  const names = new Set(exclude ?? DEFAULT_EXCLUDE);
  const rel = path.relative(dataDir, backupsDir);
  const top = rel.split(path.sep)[0];
  if (top && !rel.startsWith('..') && !path.isAbsolute(rel)) names.add(top);
  return [...names];
}

/**
 * Regular files under dataDir (relative, posix separators) outside exclusions, databases, sidecars.
 * Also used by the school's scheduled backups (server/src/data/backup-engine.ts).
 */
export function walk(dataDir: string, excluded: string[], databases: string[]): { files: string[]; skipped: string[] } {
  const files: string[] = [];
  const skipped: string[] = [];
  const dbSet = new Set(databases.flatMap((d) => [d, ...SIDECARS.map((s) => d + s)]));
  const visit = (dir: string, rel: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (!rel && excluded.includes(e.name)) continue;
      if (dbSet.has(r)) continue;
      const full = path.join(dir, e.name);
      if (e.isDirectory()) visit(full, r);
      else if (e.isFile()) {
        // Another SQLite file's live sidecars: meaningless without their process.
        if (/-(wal|shm|journal)$/.test(e.name)) skipped.push(r);
        else files.push(r);
      } else skipped.push(r); // symlinks, sockets, fifos
    }
  };
  if (fs.existsSync(dataDir)) visit(dataDir, '');
  return { files: files.sort(), skipped: skipped.sort() };
}

/** True when dataDir holds anything worth protecting (a database or any non-excluded file). */
export function hasData(opts: { dataDir: string; backupsDir?: string; exclude?: string[]; databases?: string[] }): boolean {
  const dataDir = path.resolve(opts.dataDir);
  const databases = opts.databases ?? DEFAULT_DATABASES;
  if (databases.some((d) => fs.existsSync(path.join(dataDir, d)))) return true;
  return walk(dataDir, exclusions(dataDir, backupsDirOf(opts), opts.exclude), databases).files.length > 0;
}

export function copyFile(src: string, dst: string): void {
  fs.mkdirSync(path.dirname(dst), { recursive: true });
  // Reflink where the filesystem can, a plain copy otherwise.
  fs.copyFileSync(src, dst, fs.constants.COPYFILE_FICLONE);
}

function checkFreeSpace(dataDir: string, target: string, neededBytes: number): void {
  fs.mkdirSync(target, { recursive: true });
  const s = fs.statfsSync(target);
  const free = s.bavail * s.bsize;
  const margin = 64 * 1024 * 1024;
  if (free < neededBytes * 1.1 + margin) {
    throw new BackupError(
      `không đủ dung lượng để sao lưu trước khi cập nhật / not enough free disk space for the pre-update backup of ${dataDir}: ` +
        `need about ${Math.ceil((neededBytes * 1.1 + margin) / 1e6)} MB, ${Math.floor(free / 1e6)} MB free`,
    );
  }
}

/**
 * Takes the backup and returns its folder. Throws BackupError (and leaves no half backup behind)
 * when it cannot be taken completely and verified.
 */
export async function backupBeforeMigration(opts: BackupOptions): Promise<string> {
  const dataDir = path.resolve(opts.dataDir);
  const backupsDir = backupsDirOf(opts);
  const excluded = exclusions(dataDir, backupsDir, opts.exclude);
  const databases = (opts.databases ?? DEFAULT_DATABASES).filter((d) => fs.existsSync(path.join(dataDir, d)));
  const { files, skipped } = walk(dataDir, excluded, opts.databases ?? DEFAULT_DATABASES);

  const needed = [...databases.flatMap((d) => [d, d + '-wal']), ...files].reduce((sum, r) => {
    try { return sum + fs.statSync(path.join(dataDir, r)).size; } catch { return sum; }
  }, 0);
  checkFreeSpace(dataDir, backupsDir, needed);

  const takenAt = (opts.now ?? (() => new Date()))();
  const name = `${stamp(takenAt)}_${safe(opts.fromVersion ?? 'unknown')}_to_${safe(opts.version)}`;
  const finalDir = path.join(backupsDir, name);
  const partial = `${finalDir}.partial`;
  fs.rmSync(partial, { recursive: true, force: true });
  fs.mkdirSync(partial, { recursive: true, mode: 0o700 });

  try {
    const dbEntries: BackupManifest['databases'] = [];
    for (const rel of databases) {
      const dest = path.join(partial, 'data', rel);
      fs.mkdirSync(path.dirname(dest), { recursive: true });
      // Read-only: no checkpoint, nothing written to the live database while copying it.
      const src = new Database(path.join(dataDir, rel), { readonly: true, fileMustExist: true });
      try {
        await src.backup(dest);
      } finally {
        src.close();
      }
      const check = new Database(dest, { readonly: true, fileMustExist: true });
      let integrity: string;
      try {
        integrity = String(check.pragma('integrity_check', { simple: true }));
      } finally {
        check.close();
      }
      if (integrity !== 'ok') throw new BackupError(`the backup copy of ${rel} fails SQLite's integrity check: ${integrity}`);
      // A readonly open of a WAL-mode copy may leave empty sidecars; the copy is self-contained.
      for (const s of SIDECARS) fs.rmSync(dest + s, { force: true });
      const st = fs.statSync(dest);
      dbEntries.push({ path: rel, size: st.size, sha256: sha256File(dest), mode: st.mode & 0o777, integrity });
    }

    const fileEntries: BackupFileEntry[] = [];
    for (const rel of files) {
      const src = path.join(dataDir, rel);
      const dest = path.join(partial, 'data', rel);
      copyFile(src, dest);
      const st = fs.statSync(src);
      const sum = sha256File(dest);
      if (sum !== sha256File(src)) throw new BackupError(`${rel} changed while it was being copied`);
      fileEntries.push({ path: rel, size: st.size, sha256: sum, mode: st.mode & 0o777 });
    }

    const manifest: BackupManifest = {
      format: 1,
      takenAt: takenAt.toISOString(),
      fromVersion: opts.fromVersion ?? null,
      forVersion: opts.version,
      databases: dbEntries,
      files: fileEntries,
      excluded,
      skipped,
    };
    fs.writeFileSync(path.join(partial, MANIFEST), JSON.stringify(manifest, null, 2) + '\n', { mode: 0o600 });
    fs.renameSync(partial, finalDir);
    return finalDir;
  } catch (err) {
    fs.rmSync(partial, { recursive: true, force: true });
    if (err instanceof BackupError) throw err;
    throw new BackupError(`sao lưu thất bại / backup failed: ${(err as Error).message}`);
  }
}

export function readManifest(backupPath: string): BackupManifest {
  const m = JSON.parse(fs.readFileSync(path.join(backupPath, MANIFEST), 'utf8')) as BackupManifest;
  if (m.format !== 1) throw new BackupError(`${backupPath}: unknown backup format ${String(m.format)}`);
  return m;
}

/** Moves a file out of the way (rename; copy+unlink across filesystems). */
function displace(src: string, dest: string): void {
  fs.mkdirSync(path.dirname(dest), { recursive: true });
  try {
    fs.renameSync(src, dest);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EXDEV') throw err;
    fs.copyFileSync(src, dest);
    fs.rmSync(src);
  }
}

function putBack(src: string, dest: string, mode: number): void {
  fs.mkdirSync(path.dirname(dest), { recursive: true });
  const tmp = `${dest}.phonghoc-restore`;
  fs.copyFileSync(src, tmp);
  fs.chmodSync(tmp, mode);
  fs.renameSync(tmp, dest);
}

export interface RestoreResult {
  /** Where the failed start's database and changed files were moved. */
  failedStatePath: string;
  restoredFiles: number;
  displacedFiles: number;
}

/**
 * Puts the data directory back to the backup's state. The backup is verified first (hashes); a
 * damaged backup is refused before anything in dataDir is touched. Excluded top-level entries
 * (recordings, logs, the backups themselves) are left as they are.
 */
export async function restoreBackup(opts: { dataDir: string; backupPath: string; now?: () => Date }): Promise<RestoreResult> {
  const dataDir = path.resolve(opts.dataDir);
  const backupPath = path.resolve(opts.backupPath);
  const manifest = readManifest(backupPath);
  const stored = (rel: string) => path.join(backupPath, 'data', rel);

  for (const entry of [...manifest.databases, ...manifest.files]) {
    const file = stored(entry.path);
    if (!fs.existsSync(file) || sha256File(file) !== entry.sha256) {
      throw new BackupError(`bản sao lưu bị hỏng / the backup is damaged (${entry.path}); nothing was restored from ${backupPath}`);
    }
  }

  const failedStatePath = path.join(backupPath, `failed-start-${stamp((opts.now ?? (() => new Date()))())}`);
  let displaced = 0;
  let restored = 0;

  for (const db of manifest.databases) {
    const live = path.join(dataDir, db.path);
    // Sidecars first: a stale WAL next to the restored file would be replayed into it.
    for (const suffix of [...SIDECARS, '']) {
      if (fs.existsSync(live + suffix)) {
        displace(live + suffix, path.join(failedStatePath, db.path + suffix));
        displaced++;
      }
    }
    putBack(stored(db.path), live, db.mode);
    restored++;
  }

  const inBackup = new Map(manifest.files.map((f) => [f.path, f]));
  const current = walk(dataDir, manifest.excluded, manifest.databases.map((d) => d.path)).files;
  for (const rel of current) {
    const entry = inBackup.get(rel);
    const live = path.join(dataDir, rel);
    if (!entry) {
      displace(live, path.join(failedStatePath, rel));
      displaced++;
    } else if (sha256File(live) !== entry.sha256) {
      displace(live, path.join(failedStatePath, rel));
      displaced++;
      putBack(stored(rel), live, entry.mode);
      restored++;
    }
    inBackup.delete(rel);
  }
  // Files the failed start removed.
  for (const [rel, entry] of inBackup) {
    putBack(stored(rel), path.join(dataDir, rel), entry.mode);
    restored++;
  }
  return { failedStatePath, restoredFiles: restored, displacedFiles: displaced };
}

/**
 * True when the data directory is exactly the backup's content (same database bytes, no pending
 * WAL, same files): then that backup can stand for a new one. A retried start after a restore
 * reuses it instead of piling up one backup per attempt.
 */
export function backupMatchesData(opts: { dataDir: string; backupPath: string }): boolean {
  const dataDir = path.resolve(opts.dataDir);
  let manifest: BackupManifest;
  try {
    manifest = readManifest(opts.backupPath);
  } catch {
    return false;
  }
  for (const db of manifest.databases) {
    const live = path.join(dataDir, db.path);
    if (!fs.existsSync(live)) return false;
    const wal = live + '-wal';
    if (fs.existsSync(wal) && fs.statSync(wal).size > 0) return false;
    if (sha256File(live) !== db.sha256) return false;
  }
  const current = walk(dataDir, manifest.excluded, manifest.databases.map((d) => d.path)).files;
  if (current.length !== manifest.files.length) return false;
  const byPath = new Map(manifest.files.map((f) => [f.path, f.sha256]));
  return current.every((rel) => byPath.get(rel) === sha256File(path.join(dataDir, rel)));
}

/** Backups in a folder, newest first (complete ones only). */
export function listBackups(backupsDir: string): Array<{ path: string; manifest: BackupManifest }> {
  if (!fs.existsSync(backupsDir)) return [];
  const out: Array<{ path: string; manifest: BackupManifest }> = [];
  for (const e of fs.readdirSync(backupsDir, { withFileTypes: true })) {
    if (!e.isDirectory() || e.name.endsWith('.partial')) continue;
    const p = path.join(backupsDir, e.name);
    try {
      out.push({ path: p, manifest: readManifest(p) });
    } catch {
      // Not ours, or unreadable: leave it alone.
    }
  }
  return out.sort((a, b) => b.manifest.takenAt.localeCompare(a.manifest.takenAt));
}

/** Keeps the newest `keep` backups (never `protect`), removes older ones and stale `.partial` folders. */
export function pruneBackups(backupsDir: string, keep: number, protect?: string): string[] {
  const removed: string[] = [];
  if (!fs.existsSync(backupsDir)) return removed;
  for (const e of fs.readdirSync(backupsDir, { withFileTypes: true })) {
    if (e.isDirectory() && e.name.endsWith('.partial')) {
      fs.rmSync(path.join(backupsDir, e.name), { recursive: true, force: true });
      removed.push(path.join(backupsDir, e.name));
    }
  }
  const all = listBackups(backupsDir);
  for (const b of all.slice(Math.max(keep, 0))) {
    if (protect && path.resolve(protect) === path.resolve(b.path)) continue;
    fs.rmSync(b.path, { recursive: true, force: true });
    removed.push(b.path);
  }
  return removed;
}
