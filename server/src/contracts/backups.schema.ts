/** Backup and restore of the data directory (issue 5, point 8): the IT page /sao-luu. */
import { Type, type Static } from '@sinclair/typebox';
import { Nullable } from './common.schema.js';

export const BackupSettings = Type.Object({
  enabled: Type.Boolean(),
  /** Daily, in school time (UTC+7). */
  time: Type.String({ pattern: '^([01]\\d|2[0-3]):[0-5]\\d$' }),
  keep: Type.Integer({ minimum: 1, maximum: 365 }),
  /** Absolute path of a USB disk mount or a mounted network folder; '' = not set. */
  target: Type.String({ maxLength: 1000 }),
  includeRecordings: Type.Boolean(),
}, { additionalProperties: false });
export type BackupSettings = Static<typeof BackupSettings>;

export const TargetProblem = Type.Union([
  Type.Literal('BACKUP_TARGET_MISSING'), Type.Literal('BACKUP_TARGET_NOT_WRITABLE'), Type.Literal('BACKUP_TARGET_INSIDE_DATA'), Type.Literal('BACKUP_TARGET_FULL'),
]);

export const TargetCheck = Type.Object({
  problem: Nullable(TargetProblem),
  freeBytes: Nullable(Type.Number()),
  neededBytes: Type.Number(),
});

export const BackupOverview = Type.Object({
  settings: BackupSettings,
  savedAt: Nullable(Type.String()),
  nextRunAt: Nullable(Type.String()),
  lastScheduledAt: Nullable(Type.String()),
  databaseSupported: Type.Boolean(),
});

export const SaveSettingsReply = Type.Object({ overview: BackupOverview, check: Nullable(TargetCheck) });

export const BackupProgress = Type.Object({
  phase: Type.Union(['checking', 'database', 'files', 'manifest', 'pruning', 'verifying'].map((p) => Type.Literal(p))),
  bytesDone: Type.Number(),
  bytesTotal: Type.Number(),
  filesDone: Type.Integer(),
  filesTotal: Type.Integer(),
});

export const BackupJob = Type.Object({
  id: Type.Integer(),
  trigger: Type.Union([Type.Literal('manual'), Type.Literal('schedule')]),
  startedAt: Type.String(),
  finishedAt: Nullable(Type.String()),
  status: Type.Union([Type.Literal('running'), Type.Literal('succeeded'), Type.Literal('failed')]),
  target: Type.String(),
  progress: BackupProgress,
  name: Nullable(Type.String()),
  error: Nullable(Type.Object({ code: Type.String(), message: Type.String() })),
  pruned: Type.Array(Type.String()),
});

export const JobReply = Type.Object({ job: Nullable(BackupJob) });

export const BackupEntry = Type.Object({
  name: Type.String(),
  takenAt: Type.String(),
  trigger: Type.Union([Type.Literal('manual'), Type.Literal('schedule')]),
  version: Type.String(),
  bytes: Type.Number(),
  files: Type.Integer(),
  tables: Type.Integer(),
  rows: Type.Integer(),
  includesRecordings: Type.Boolean(),
  complete: Type.Boolean(),
  problems: Type.Array(Type.String()),
  verification: Nullable(Type.Object({ ok: Type.Boolean(), at: Type.String(), problems: Type.Array(Type.String()) })),
});

export const BackupListing = Type.Object({
  target: Type.String(),
  check: Nullable(TargetCheck),
  backups: Type.Array(BackupEntry),
});

export const VerifyBody = Type.Object({ name: Type.String({ pattern: '^phonghoc-backup-\\d{8}T\\d{6}(\\d{3})?Z$' }) }, { additionalProperties: false });
export type VerifyBody = Static<typeof VerifyBody>;

export const VerifyReply = Type.Object({
  ok: Type.Boolean(),
  problems: Type.Array(Type.String()),
  checkedFiles: Type.Integer(),
  checkedBytes: Type.Number(),
});
