import type { SchoolBackupManifest } from './backup-rules.js';

/** What a running backup (or verification) has done so far, for the IT page's progress bar. */
export interface BackupProgress {
  phase: 'checking' | 'database' | 'files' | 'manifest' | 'pruning' | 'verifying';
  bytesDone: number;
  bytesTotal: number;
  filesDone: number;
  filesTotal: number;
}

export type TargetProblem = 'BACKUP_TARGET_MISSING' | 'BACKUP_TARGET_NOT_WRITABLE' | 'BACKUP_TARGET_INSIDE_DATA' | 'BACKUP_TARGET_FULL';

export interface TargetCheck {
  problem: TargetProblem | null;
  freeBytes: number | null;
  /** Estimate of the next backup's size (database + files), with the margin the check requires. */
  neededBytes: number;
}

/** A backup found at the target. */
export interface BackupSummary {
  name: string;
  takenAt: string;
  trigger: 'manual' | 'schedule';
  version: string;
  bytes: number;
  files: number;
  tables: number;
  rows: number;
  includesRecordings: boolean;
  /** Quick check: the manifest reads and every file is there with its size (hashes: verify). */
  complete: boolean;
  problems: string[];
}

export interface VerifyResult {
  ok: boolean;
  problems: string[];
  checkedFiles: number;
  checkedBytes: number;
}

/** The file-system side of backups (server/src/data/backup-engine.ts). */
export interface BackupEngine {
  /** The target exists, is a writable folder outside the data directory, with enough free space. */
  checkTarget(target: string, opts: { includeRecordings: boolean }): Promise<TargetCheck>;
  /** Takes one backup into `<target>/<name>.partial`, renamed to `<target>/<name>` once complete. */
  run(opts: { target: string; includeRecordings: boolean; trigger: 'manual' | 'schedule'; takenAt: Date; onProgress: (p: BackupProgress) => void }): Promise<SchoolBackupManifest>;
  list(target: string): Promise<BackupSummary[]>;
  verify(target: string, name: string, onProgress?: (p: BackupProgress) => void): Promise<VerifyResult>;
  /** Removes complete backups beyond the newest `keep` (never `protect`) and stale `.partial` folders. */
  prune(target: string, keep: number, protect: string): Promise<string[]>;
}
