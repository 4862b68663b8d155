/**
 * Starting a new version without losing data. When the version about to start differs from the
 * one that last started successfully, the data directory is backed up first (data-backup.ts);
 * if the start then fails (a migration error, a crash during start — even a hard one, seen at the
 * next start through the in-progress marker), the backup is restored and a report is written for
 * the server to show (why, when, from which version to which).
 *
 * Bookkeeping lives in `<dataDir>/updates/` (excluded from backups):
 *   installed.json     the version that last started successfully
 *   in-progress.json   present only while a new version is starting
 *   report.json        the latest failed update (read it with readUpdateReport)
 *   history.jsonl      every report, one JSON object a line
 */
import fs from 'node:fs';
import path from 'node:path';
import { backupBeforeMigration, backupMatchesData, hasData, listBackups, pruneBackups, readManifest, restoreBackup, DEFAULT_DATABASES, type BackupOptions } from './data-backup.js';

export interface UpdateReport {
  at: string;
  reason: 'start-failed' | 'interrupted' | 'backup-failed' | 'restore-failed';
  fromVersion: string | null;
  toVersion: string;
  backupPath: string | null;
  /** True when the data directory is back to the backup's state. */
  restored: boolean;
  /** Where the failed start's database and files were moved (for diagnosis). */
  failedStatePath: string | null;
  /** False when the backup held no database (PostgreSQL deployments restore from pg_dump). */
  databaseIncluded: boolean;
  error: string;
  message: { vi: string; en: string };
}

export interface GuardedStartOptions {
  dataDir: string;
  /** Identity of the code about to start (e.g. package version + newest migration name). */
  version: string;
  /**
   * Starts the appliance (opens the database, runs migrations, listens). When it rejects it must
   * have closed the database it opened: the restore replaces the file underneath.
   */
  start: () => Promise<void>;
  /** Backups kept after a successful start (default 3). */
  keepBackups?: number;
  backupsDir?: string;
  exclude?: string[];
  /** SQLite files relative to dataDir; [] when the database is PostgreSQL. */
  databases?: string[];
  log?: (message: string) => void;
  now?: () => Date;
}

export interface GuardedStartResult {
  previousVersion: string | null;
  upgraded: boolean;
  /** The backup taken for this start (undefined when the version did not change). */
  backupPath: string | undefined;
  /** Set when an earlier start of this version died mid-way and its backup was restored now. */
  recovered: UpdateReport | undefined;
}

interface InProgress {
  fromVersion: string | null;
  toVersion: string;
  backupPath: string | null;
  startedAt: string;
  pid: number;
}

const dirOf = (dataDir: string) => path.join(path.resolve(dataDir), 'updates');

function readJson<T>(file: string): T | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
  } catch {
    return undefined;
  }
}

function writeJson(file: string, value: unknown): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o750 });
  const tmp = `${file}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(value, null, 2) + '\n', { mode: 0o640 });
  fs.renameSync(tmp, file);
}

/** The version that last started successfully on this data, or null (fresh, or before this guard existed). */
export function readInstalledVersion(dataDir: string): string | null {
  return readJson<{ version?: string }>(path.join(dirOf(dataDir), 'installed.json'))?.version ?? null;
}

/** The latest failed update, for the server's status page; null when there was none. */
export function readUpdateReport(dataDir: string): UpdateReport | null {
  return readJson<UpdateReport>(path.join(dirOf(dataDir), 'report.json')) ?? null;
}

/** Removes the report once an operator has seen it (the history keeps it). */
export function acknowledgeUpdateReport(dataDir: string): void {
  fs.rmSync(path.join(dirOf(dataDir), 'report.json'), { force: true });
}

function messages(reason: UpdateReport['reason'], from: string | null, to: string, restored: boolean, error: string): UpdateReport['message'] {
  const fromVi = from ?? 'không rõ';
  const fromEn = from ?? 'unknown';
  const what = {
    'start-failed': { vi: `Phiên bản ${to} không khởi động được`, en: `Version ${to} failed to start` },
    interrupted: { vi: `Lần khởi động phiên bản ${to} bị gián đoạn`, en: `Starting version ${to} was interrupted` },
    'backup-failed': { vi: `Không sao lưu được dữ liệu trước khi cập nhật lên ${to}; phiên bản mới không được khởi động`, en: `The data could not be backed up before updating to ${to}; the new version was not started` },
    'restore-failed': { vi: `Phiên bản ${to} không khởi động được và KHÔNG khôi phục được bản sao lưu`, en: `Version ${to} failed to start and the backup could NOT be restored` },
  }[reason];
  const tail = restored
    ? { vi: ` Dữ liệu đã được khôi phục về trạng thái của phiên bản ${fromVi}. Hãy ghim thiết bị vào bản phát hành trước đó và báo cho nhóm kỹ thuật.`, en: ` The data was restored to its state under version ${fromEn}. Pin the device to the previous release and tell the technical team.` }
    : { vi: ' Hãy báo ngay cho nhóm kỹ thuật.', en: ' Tell the technical team at once.' };
  return { vi: `${what.vi}: ${error}.${tail.vi}`, en: `${what.en}: ${error}.${tail.en}` };
}

function writeReport(dataDir: string, report: UpdateReport): void {
  const dir = dirOf(dataDir);
  writeJson(path.join(dir, 'report.json'), report);
  fs.appendFileSync(path.join(dir, 'history.jsonl'), JSON.stringify(report) + '\n', { mode: 0o640 });
}

async function restoreAndReport(
  opts: GuardedStartOptions,
  p: { reason: 'start-failed' | 'interrupted'; fromVersion: string | null; backupPath: string; error: string },
): Promise<UpdateReport> {
  const now = opts.now ?? (() => new Date());
  let restored = false;
  let failedStatePath: string | null = null;
  let databaseIncluded = false;
  let error = p.error;
  let reason: UpdateReport['reason'] = p.reason;
  try {
    databaseIncluded = readManifest(p.backupPath).databases.length > 0;
    const r = await restoreBackup({ dataDir: opts.dataDir, backupPath: p.backupPath, now });
    restored = true;
    failedStatePath = r.failedStatePath;
  } catch (err) {
    reason = 'restore-failed';
    error = `${p.error}; restore: ${(err as Error).message}`;
  }
  const report: UpdateReport = {
    at: now().toISOString(),
    reason,
    fromVersion: p.fromVersion,
    toVersion: opts.version,
    backupPath: p.backupPath,
    restored,
    failedStatePath,
    databaseIncluded,
    error,
    message: messages(reason, p.fromVersion, opts.version, restored, error),
  };
  writeReport(opts.dataDir, report);
  opts.log?.(report.message.en);
  return report;
}

export async function guardedStart(opts: GuardedStartOptions): Promise<GuardedStartResult> {
  const dataDir = path.resolve(opts.dataDir);
  const dir = dirOf(dataDir);
  const markerFile = path.join(dir, 'in-progress.json');
  const now = opts.now ?? (() => new Date());
  const log = opts.log ?? (() => undefined);
  const backupOpts: Omit<BackupOptions, 'version'> = { dataDir, backupsDir: opts.backupsDir, exclude: opts.exclude, databases: opts.databases ?? DEFAULT_DATABASES, now };

  const previousVersion = readInstalledVersion(dataDir);
  let backupPath: string | undefined;
  let recovered: UpdateReport | undefined;

  // 1. A start of a new version that died mid-way (killed, out of memory, power cut).
  const marker = readJson<InProgress>(markerFile);
  if (marker?.backupPath && fs.existsSync(marker.backupPath)) {
    log(`an earlier start of ${marker.toVersion} (from ${marker.fromVersion ?? 'unknown'}) did not finish: restoring ${marker.backupPath}`);
    recovered = await restoreAndReport(opts, { reason: 'interrupted', fromVersion: marker.fromVersion, backupPath: marker.backupPath, error: `the start begun at ${marker.startedAt} never finished` });
    if (!recovered.restored) {
      throw new Error(recovered.message.en);
    }
    // The restored backup is exactly what a new one would hold: reuse it for this attempt.
    if (marker.toVersion === opts.version) backupPath = marker.backupPath;
  }
  fs.rmSync(markerFile, { force: true });

  // 2. Back up when the version changes and there is something to protect.
  const upgraded = previousVersion !== opts.version;
  const backupsDir = path.resolve(opts.backupsDir ?? path.join(dataDir, 'backups'));
  if (upgraded && backupPath === undefined) {
    // A retry after a restore: the data is still exactly the last backup for this step.
    const same = listBackups(backupsDir).find((b) => b.manifest.forVersion === opts.version && b.manifest.fromVersion === previousVersion);
    if (same && backupMatchesData({ dataDir, backupPath: same.path })) {
      backupPath = same.path;
      log(`data unchanged since ${same.path}: reusing it as this start's backup`);
    }
  }
  if (upgraded && backupPath === undefined && hasData(backupOpts)) {
    log(`version ${previousVersion ?? 'unknown'} → ${opts.version}: backing up ${dataDir} before migrations`);
    try {
      backupPath = await backupBeforeMigration({ ...backupOpts, version: opts.version, fromVersion: previousVersion });
    } catch (err) {
      const error = (err as Error).message;
      const report: UpdateReport = {
        at: now().toISOString(), reason: 'backup-failed', fromVersion: previousVersion, toVersion: opts.version, backupPath: null,
        restored: false, failedStatePath: null, databaseIncluded: false, error,
        message: messages('backup-failed', previousVersion, opts.version, false, error),
      };
      writeReport(dataDir, report);
      // Migrating without a way back could lose the school's records: do not start.
      throw err;
    }
    log(`backup: ${backupPath}`);
  }
  if (upgraded && backupPath !== undefined) {
    const m: InProgress = { fromVersion: previousVersion, toVersion: opts.version, backupPath, startedAt: now().toISOString(), pid: process.pid };
    writeJson(markerFile, m);
  }

  // 3. Start; on failure put the data back.
  try {
    await opts.start();
  } catch (err) {
    fs.rmSync(markerFile, { force: true });
    if (upgraded && backupPath !== undefined) {
      await restoreAndReport(opts, { reason: 'start-failed', fromVersion: previousVersion, backupPath, error: (err as Error).message });
    }
    throw err;
  }

  // 4. Success: this version is the installed one.
  writeJson(path.join(dir, 'installed.json'), { version: opts.version, since: now().toISOString(), previous: previousVersion });
  fs.rmSync(markerFile, { force: true });
  const removed = pruneBackups(backupsDir, opts.keepBackups ?? 3, backupPath);
  for (const r of removed) log(`old backup removed: ${r}`);
  return { previousVersion, upgraded, backupPath, recovered };
}
