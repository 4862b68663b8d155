/**
 * The school's backups (issue 5, point 8; Art. 8.1–8.2: the school keeps its teaching records and
 * must not lose them with the box). IT staff set the target (a USB disk or a mounted network
 * folder), the daily time and how many backups to keep; a backup runs on that schedule or on
 * demand, one at a time, with progress for the IT page; old backups are pruned after a good one.
 * Every change, run, failure, prune and verification is written to the audit log.
 */
import type { Actor } from '../accounts/account.types.js';
import type { Transactor } from '../repos.js';
import { DomainError } from '../shared/errors.js';
import {
  BACKUP_NAME, DEFAULT_BACKUP_SETTINGS, nextSlot, scheduleDue, validateBackupSettings, type BackupSettings,
} from './backup-rules.js';
import type { BackupEngine, BackupProgress, BackupSummary, TargetCheck, VerifyResult } from './backup.types.js';

const SETTINGS_KEY = 'backup';
const SCHEDULE_KEY = 'backup.schedule';
const SCHEDULE_ACTOR: Actor = { accountId: null, login: 'lich-sao-luu', ip: null };

export interface BackupJob {
  id: number;
  trigger: 'manual' | 'schedule';
  startedAt: string;
  finishedAt: string | null;
  status: 'running' | 'succeeded' | 'failed';
  target: string;
  progress: BackupProgress;
  /** The backup's folder name once it is complete. */
  name: string | null;
  error: { code: string; message: string } | null;
  pruned: string[];
}

export interface BackupOverview {
  settings: BackupSettings;
  savedAt: string | null;
  /** When the schedule fires next (null: off). */
  nextRunAt: string | null;
  lastScheduledAt: string | null;
  /** False on PostgreSQL: this page does not back up that database (pg_dump, see README). */
  databaseSupported: boolean;
}

export interface BackupListing {
  target: string;
  check: TargetCheck | null;
  backups: Array<BackupSummary & { verification: { ok: boolean; at: string; problems: string[] } | null }>;
}

interface Stored { settings: BackupSettings; savedAt: string }

export class BackupService {
  private current: BackupJob | null = null;
  private running: Promise<void> | null = null;
  private jobs = 0;
  private readonly verified = new Map<string, { ok: boolean; at: string; problems: string[] }>();
  private readonly now: () => Date;

  constructor(private readonly deps: {
    tx: Transactor;
    /** null when the database is PostgreSQL: backups are refused with BACKUP_POSTGRES. */
    engine: BackupEngine | null;
    now?: () => Date;
    log?: (message: string, err?: unknown) => void;
  }) {
    this.now = deps.now ?? (() => new Date());
  }

  private async stored(): Promise<Stored | null> {
    const raw = await this.deps.tx.read((r) => r.settings.get(SETTINGS_KEY));
    if (!raw) return null;
    const s = JSON.parse(raw) as Partial<Stored>;
    return { settings: { ...DEFAULT_BACKUP_SETTINGS, ...s.settings }, savedAt: s.savedAt ?? new Date(0).toISOString() };
  }

  private async lastSlot(): Promise<string | null> {
    const raw = await this.deps.tx.read((r) => r.settings.get(SCHEDULE_KEY));
    return raw ? ((JSON.parse(raw) as { lastSlot: string | null }).lastSlot ?? null) : null;
  }

  async overview(): Promise<BackupOverview> {
    const s = await this.stored();
    const settings = s?.settings ?? { ...DEFAULT_BACKUP_SETTINGS };
    return {
      settings,
      savedAt: s?.savedAt ?? null,
      nextRunAt: settings.enabled && settings.target ? nextSlot(settings.time, this.now()).toISOString() : null,
      lastScheduledAt: await this.lastSlot(),
      databaseSupported: this.deps.engine !== null,
    };
  }

  /** Saves the settings. A target inside the data directory is refused; other problems of the target are reported (a USB disk may be plugged in later). */
  async saveSettings(actor: Actor, value: BackupSettings): Promise<{ overview: BackupOverview; check: TargetCheck | null }> {
    const settings = validateBackupSettings(value);
    let check: TargetCheck | null = null;
    if (settings.target && this.deps.engine) {
      check = await this.deps.engine.checkTarget(settings.target, { includeRecordings: settings.includeRecordings });
      if (check.problem === 'BACKUP_TARGET_INSIDE_DATA') throw new DomainError('BACKUP_TARGET_INSIDE_DATA', { target: settings.target });
    }
    const at = this.now().toISOString();
    await this.deps.tx.run(async (r) => {
      await r.settings.set(SETTINGS_KEY, JSON.stringify({ settings, savedAt: at } satisfies Stored), actor.accountId, at);
      await r.audit.record(actor, 'backup.settings_changed', 'settings', SETTINGS_KEY, { ...settings });
    });
    return { overview: await this.overview(), check };
  }

  /** The running backup, or the last one this process ran. */
  job(): BackupJob | null {
    return this.current ? { ...this.current, progress: { ...this.current.progress }, pruned: [...this.current.pruned] } : null;
  }

  /** Resolves when the running backup (if any) has finished. */
  async settled(): Promise<BackupJob | null> {
    await this.running;
    return this.job();
  }

  /**
   * Starts a backup now (checks first, then runs in the background). Refused while one runs, on
   * PostgreSQL, without a target, or when the target fails its checks.
   */
  async start(actor: Actor, trigger: 'manual' | 'schedule' = 'manual'): Promise<BackupJob> {
    if (this.current?.status === 'running') throw new DomainError('BACKUP_RUNNING');
    const engine = this.deps.engine;
    if (!engine) throw new DomainError('BACKUP_POSTGRES');
    const settings = (await this.stored())?.settings ?? { ...DEFAULT_BACKUP_SETTINGS };
    if (!settings.target) throw new DomainError('BACKUP_TARGET_NOT_SET');
    // Settings were read asynchronously: another start may have claimed the run meanwhile.
    if ((this.current as BackupJob | null)?.status === 'running') throw new DomainError('BACKUP_RUNNING');
    const startedAt = this.now();
    const job: BackupJob = {
      id: ++this.jobs, trigger, startedAt: startedAt.toISOString(), finishedAt: null, status: 'running', target: settings.target,
      progress: { phase: 'checking', bytesDone: 0, bytesTotal: 0, filesDone: 0, filesTotal: 0 }, name: null, error: null, pruned: [],
    };
    this.current = job; // claimed before the first await below: a second click is refused
    let check: TargetCheck;
    try {
      check = await engine.checkTarget(settings.target, { includeRecordings: settings.includeRecordings });
    } catch (err) {
      this.current = { ...job, status: 'failed', finishedAt: this.now().toISOString(), error: { code: 'INTERNAL', message: (err as Error).message } };
      throw err;
    }
    if (check.problem) {
      this.current = { ...job, status: 'failed', finishedAt: this.now().toISOString(), error: { code: check.problem, message: check.problem } };
      await this.deps.tx.run((r) => r.audit.record(actor, 'backup.refused', 'backup', null, { trigger, target: settings.target, problem: check.problem, freeBytes: check.freeBytes, neededBytes: check.neededBytes }));
      throw new DomainError(check.problem, { target: settings.target, freeBytes: check.freeBytes, neededBytes: check.neededBytes });
    }
    await this.deps.tx.run((r) => r.audit.record(actor, 'backup.started', 'backup', null, { trigger, target: settings.target, includeRecordings: settings.includeRecordings, estimatedBytes: check.neededBytes }));
    this.running = this.execute(actor, job, engine, settings, startedAt).finally(() => { this.running = null; });
    return this.job()!;
  }

  private async execute(actor: Actor, job: BackupJob, engine: BackupEngine, settings: BackupSettings, takenAt: Date): Promise<void> {
    try {
      const manifest = await engine.run({
        target: settings.target, includeRecordings: settings.includeRecordings, trigger: job.trigger, takenAt,
        onProgress: (p) => { job.progress = p; },
      });
      job.name = manifest.name;
      job.progress = { ...job.progress, phase: 'pruning' };
      await this.deps.tx.run((r) => r.audit.record(actor, 'backup.completed', 'backup', manifest.name, {
        trigger: job.trigger, target: settings.target, files: manifest.totals.files, bytes: manifest.totals.bytes,
        tables: manifest.database?.tables.length ?? 0, durationMs: manifest.durationMs, skipped: manifest.skipped.length,
      }));
      try {
        job.pruned = await engine.prune(settings.target, settings.keep, manifest.name);
        if (job.pruned.length) await this.deps.tx.run((r) => r.audit.record(actor, 'backup.pruned', 'backup', null, { target: settings.target, keep: settings.keep, removed: job.pruned }));
      } catch (err) {
        this.deps.log?.('pruning old backups failed', err);
      }
      job.status = 'succeeded';
    } catch (err) {
      job.status = 'failed';
      job.error = { code: 'BACKUP_FAILED', message: (err as Error).message };
      this.deps.log?.('backup failed', err);
      await this.deps.tx.run((r) => r.audit.record(actor, 'backup.failed', 'backup', null, { trigger: job.trigger, target: settings.target, error: (err as Error).message }))
        .catch((e: unknown) => this.deps.log?.('could not audit the failed backup', e));
    } finally {
      job.finishedAt = this.now().toISOString();
    }
  }

  /** The backups at the target, newest first, with the target's state and this process's verifications. */
  async list(): Promise<BackupListing> {
    const settings = (await this.stored())?.settings ?? { ...DEFAULT_BACKUP_SETTINGS };
    const engine = this.deps.engine;
    if (!settings.target || !engine) return { target: settings.target, check: null, backups: [] };
    const check = await engine.checkTarget(settings.target, { includeRecordings: settings.includeRecordings });
    const found = check.problem === 'BACKUP_TARGET_MISSING' ? [] : await engine.list(settings.target);
    return { target: settings.target, check, backups: found.map((b) => ({ ...b, verification: this.verified.get(`${settings.target}\n${b.name}`) ?? null })) };
  }

  /** Re-reads every file of a backup at the target and checks its SHA-256 and the database's tables. */
  async verify(actor: Actor, name: string): Promise<VerifyResult> {
    if (!BACKUP_NAME.test(name)) throw new DomainError('BACKUP_NOT_FOUND');
    const engine = this.deps.engine;
    if (!engine) throw new DomainError('BACKUP_POSTGRES');
    const settings = (await this.stored())?.settings ?? { ...DEFAULT_BACKUP_SETTINGS };
    if (!settings.target) throw new DomainError('BACKUP_TARGET_NOT_SET');
    const present = await engine.list(settings.target);
    if (!present.some((b) => b.name === name)) throw new DomainError('BACKUP_NOT_FOUND');
    const result = await engine.verify(settings.target, name);
    this.verified.set(`${settings.target}\n${name}`, { ok: result.ok, at: this.now().toISOString(), problems: result.problems.slice(0, 20) });
    await this.deps.tx.run((r) => r.audit.record(actor, result.ok ? 'backup.verified' : 'backup.verify_failed', 'backup', name, {
      target: settings.target, files: result.checkedFiles, bytes: result.checkedBytes, problems: result.problems.slice(0, 20),
    }));
    return result;
  }

  /**
   * Called every minute by the server: starts the scheduled backup when its time has come. The
   * slot is recorded before the backup starts, so a refused or failed run is not retried in a
   * loop (the failure is in the audit log and on the IT page); the next day's slot runs again.
   */
  async tick(): Promise<BackupJob | null> {
    const s = await this.stored();
    if (!s || !this.deps.engine || this.current?.status === 'running') return null;
    const slot = scheduleDue(s.settings, this.now(), await this.lastSlot(), s.savedAt);
    if (!slot) return null;
    await this.deps.tx.run((r) => r.settings.set(SCHEDULE_KEY, JSON.stringify({ lastSlot: slot.toISOString() }), null, this.now().toISOString()));
    try {
      return await this.start(SCHEDULE_ACTOR, 'schedule');
    } catch (err) {
      this.deps.log?.('the scheduled backup could not start', err);
      return this.job();
    }
  }
}
