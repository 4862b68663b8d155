/**
 * Backup and restore of the whole data directory (issue 5, point 8; Art. 8.1–8.2: the school keeps
 * its records, so it must be able to bring them back on a new box). Pure rules: the schedule, the
 * settings, the manifest's shape, and how a database table is summarised (row count + content hash)
 * so that a restore can be checked table by table, on any machine.
 */
import { createHash } from 'node:crypto';
import { DomainError } from '../shared/errors.js';
import { SCHOOL_UTC_OFFSET_MINUTES } from '../live/school-time.js';

/** The school's backup settings (IT staff set them on /sao-luu). */
export interface BackupSettings {
  /** Daily scheduled backup on/off. */
  enabled: boolean;
  /** Time of day in school time (Vietnam, UTC+7), 'HH:MM'. */
  time: string;
  /** How many complete backups to keep at the target (older ones are removed after a good backup). */
  keep: number;
  /** Absolute path of the target folder: a USB disk mount (/media/usb…) or a mounted network share. */
  target: string;
  /** Recordings of lessons are large: copied only when the school asks for it. */
  includeRecordings: boolean;
}

export const DEFAULT_BACKUP_SETTINGS: BackupSettings = { enabled: false, time: '18:30', keep: 7, target: '', includeRecordings: false };

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Checks and normalises settings; throws VALIDATION_FAILED naming the field. */
export function validateBackupSettings(v: BackupSettings): BackupSettings {
  if (!TIME.test(v.time)) throw new DomainError('VALIDATION_FAILED', { field: 'time', reason: 'HH:MM' });
  if (!Number.isInteger(v.keep) || v.keep < 1 || v.keep > 365) throw new DomainError('VALIDATION_FAILED', { field: 'keep', reason: '1–365' });
  const target = v.target.trim();
  if (target && (!target.startsWith('/') || target.includes('\0') || target.length > 1000)) {
    throw new DomainError('VALIDATION_FAILED', { field: 'target', reason: 'absolute_path' });
  }
  if (v.enabled && !target) throw new DomainError('BACKUP_TARGET_NOT_SET');
  return { enabled: v.enabled, time: v.time, keep: v.keep, target: target.replace(/\/+$/, '') || (target ? '/' : ''), includeRecordings: v.includeRecordings };
}

const OFFSET_MS = SCHOOL_UTC_OFFSET_MINUTES * 60_000;
const DAY_MS = 86_400_000;

/** The latest instant ≤ now at which the daily schedule 'HH:MM' (school time) fell. */
export function latestSlot(time: string, now: Date): Date {
  const m = TIME.exec(time);
  if (!m) throw new DomainError('VALIDATION_FAILED', { field: 'time' });
  const minutes = Number(m[1]) * 60 + Number(m[2]);
  const localMs = now.getTime() + OFFSET_MS;
  const localMidnight = Math.floor(localMs / DAY_MS) * DAY_MS;
  let slotLocal = localMidnight + minutes * 60_000;
  if (slotLocal > localMs) slotLocal -= DAY_MS;
  return new Date(slotLocal - OFFSET_MS);
}

/** The next instant > now at which the schedule fires. */
export function nextSlot(time: string, now: Date): Date {
  return new Date(latestSlot(time, now).getTime() + DAY_MS);
}

/**
 * Whether the scheduled backup is due now: the latest slot came after both the last scheduled run
 * and the moment the schedule was saved (turning the schedule on at 19:00 does not fire the 18:30
 * slot at once). A box that was off at the slot catches up once when it comes back.
 */
export function scheduleDue(settings: BackupSettings, now: Date, lastSlot: string | null, savedAt: string | null): Date | null {
  if (!settings.enabled || !settings.target) return null;
  const slot = latestSlot(settings.time, now);
  const after = Math.max(lastSlot ? Date.parse(lastSlot) : -Infinity, savedAt ? Date.parse(savedAt) : -Infinity);
  return slot.getTime() > after ? slot : null;
}

/** Which complete backups to remove so that the newest `keep` remain (names sort by time). */
export function backupsToPrune(names: readonly string[], keep: number, protect?: string): string[] {
  const sorted = [...names].sort().reverse();
  return sorted.slice(Math.max(keep, 1)).filter((n) => n !== protect);
}

/** Backup folder names: `phonghoc-backup-20261128T123000Z` (UTC stamp, so text order is time order). */
export const BACKUP_NAME = /^phonghoc-backup-\d{8}T\d{6}(\d{3})?Z$/;

export function backupName(at: Date): string {
  return `phonghoc-backup-${at.toISOString().replace(/[-:]/g, '').replace(/\.(\d{3})Z$/, '$1Z')}`;
}

/**
 * A path inside the backup, as the manifest writes it: relative, '/'-separated, no '.', '..' or
 * empty segment. A tampered manifest naming '../../etc/passwd' is refused before a restore writes.
 */
export function isSafeRelativePath(p: string): boolean {
  if (typeof p !== 'string' || !p || p.length > 4096 || p.startsWith('/') || p.includes('\\') || p.includes('\0')) return false;
  return p.split('/').every((seg) => seg !== '' && seg !== '.' && seg !== '..');
}

// ---------------------------------------------------------------------------------------------
// Table content hash
// ---------------------------------------------------------------------------------------------

/**
 * One row as canonical text: columns sorted by name, values as JSON where null stays null,
 * numbers and strings as they are, big integers and byte arrays tagged. The same row read by
 * better-sqlite3 directly or through knex gives the same text.
 */
export function canonicalRow(row: Record<string, unknown>): string {
  const keys = Object.keys(row).sort();
  const out: unknown[] = [];
  for (const k of keys) {
    const v = row[k];
    let c: unknown;
    if (v === null || v === undefined) c = null;
    else if (typeof v === 'bigint') c = { $int: v.toString() };
    else if (v instanceof Uint8Array) c = { $bytes: Buffer.from(v).toString('hex') };
    else if (v instanceof Date) c = v.toISOString();
    else if (typeof v === 'number' && !Number.isFinite(v)) c = { $num: String(v) };
    else c = v;
    out.push([k, c]);
  }
  return JSON.stringify(out);
}

const MOD = 1n << 256n;

/**
 * The content hash of a table, independent of row order (a restored table may be read back in a
 * different order): SHA-256 of "rows:<n>:<sum>", where sum is the sum modulo 2^256 of the SHA-256
 * of every canonical row. Streaming: memory does not grow with the table. A changed, missing,
 * extra or duplicated row changes it.
 */
export class TableHasher {
  private sum = 0n;
  private n = 0;

  add(row: Record<string, unknown>): void {
    const h = createHash('sha256').update(canonicalRow(row)).digest('hex');
    this.sum = (this.sum + BigInt(`0x${h}`)) % MOD;
    this.n++;
  }

  get rows(): number {
    return this.n;
  }

  digest(): string {
    return createHash('sha256').update(`rows:${this.n}:${this.sum.toString(16).padStart(64, '0')}`).digest('hex');
  }
}

export function tableHash(rows: Iterable<Record<string, unknown>>): { rows: number; sha256: string } {
  const h = new TableHasher();
  for (const r of rows) h.add(r);
  return { rows: h.rows, sha256: h.digest() };
}

// ---------------------------------------------------------------------------------------------
// Manifest
// ---------------------------------------------------------------------------------------------

export const BACKUP_FORMAT = 'phonghoc-school-backup/1';

export interface BackupFile {
  path: string;
  size: number;
  sha256: string;
  mode: number;
}

export interface BackupTable {
  name: string;
  rows: number;
  sha256: string;
}

export interface SchoolBackupManifest {
  format: typeof BACKUP_FORMAT;
  name: string;
  takenAt: string;
  /** How long the copy took, in milliseconds. */
  durationMs: number;
  trigger: 'manual' | 'schedule';
  /** The software version that wrote the data (package version + newest migration). */
  version: string;
  host: string;
  database: (BackupFile & { engine: 'sqlite'; integrity: string; tables: BackupTable[] }) | null;
  files: BackupFile[];
  includesRecordings: boolean;
  /** Top-level folders and temporary upload folders left out on purpose. */
  excluded: string[];
  /** Entries seen but not copied: symlinks, sockets, files deleted while the backup ran. */
  skipped: string[];
  totals: { files: number; bytes: number };
}

/** Problems with a manifest's shape (before any hash is checked). Empty when it is usable. */
export function manifestProblems(m: unknown): string[] {
  const problems: string[] = [];
  const o = m as Partial<SchoolBackupManifest> | null;
  if (!o || typeof o !== 'object') return ['manifest: not an object'];
  if (o.format !== BACKUP_FORMAT) problems.push(`manifest: unknown format ${String(o.format)}`);
  if (typeof o.takenAt !== 'string' || Number.isNaN(Date.parse(o.takenAt))) problems.push('manifest: takenAt');
  if (!Array.isArray(o.files)) return [...problems, 'manifest: files'];
  const seen = new Set<string>();
  const entries: unknown[] = [...o.files, ...(o.database ? [o.database] : [])];
  for (const f of entries as BackupFile[]) {
    if (!f || !isSafeRelativePath(f.path)) { problems.push(`manifest: unsafe path ${JSON.stringify(f?.path)}`); continue; }
    if (seen.has(f.path)) problems.push(`manifest: ${f.path} listed twice`);
    seen.add(f.path);
    if (!/^[0-9a-f]{64}$/.test(String(f.sha256))) problems.push(`manifest: ${f.path}: sha256`);
    if (!Number.isInteger(f.size) || f.size < 0) problems.push(`manifest: ${f.path}: size`);
    if (!Number.isInteger(f.mode) || f.mode < 0 || f.mode > 0o777) problems.push(`manifest: ${f.path}: mode`);
  }
  if (o.database) {
    if (!Array.isArray(o.database.tables)) problems.push('manifest: database tables');
    else for (const t of o.database.tables) {
      if (!t || typeof t.name !== 'string' || !Number.isInteger(t.rows) || !/^[0-9a-f]{64}$/.test(String(t.sha256))) problems.push(`manifest: table ${JSON.stringify(t?.name)}`);
    }
  }
  return problems;
}

/** Differences between the tables a manifest promises and those found (after a restore). */
export function compareTables(expected: readonly BackupTable[], found: readonly BackupTable[]): string[] {
  const byName = new Map(found.map((t) => [t.name, t]));
  const out: string[] = [];
  for (const e of expected) {
    const f = byName.get(e.name);
    if (!f) out.push(`${e.name}: missing`);
    else if (f.rows !== e.rows) out.push(`${e.name}: ${f.rows} rows, expected ${e.rows}`);
    else if (f.sha256 !== e.sha256) out.push(`${e.name}: content differs`);
    byName.delete(e.name);
  }
  for (const extra of byName.keys()) out.push(`${extra}: not in the backup`);
  return out;
}
