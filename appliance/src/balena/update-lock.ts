/**
 * balena's update lock, held while a lesson is live so the Supervisor does not restart the
 * appliance for a new release (or reboot it for a configuration change) in the middle of a lesson.
 *
 * The lock is the file `/tmp/balena/updates.lock` inside the service container, with lockfile
 * semantics: it must be created exclusively (O_CREAT|O_EXCL), and removing it releases it. The
 * Supervisor applies pending updates once it is gone; a reboot clears it.
 *
 * Reference-counted: the file exists while at least one lesson holds the lock. One UpdateLock per
 * lock path per process (use `updateLockFor`).
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export const DEFAULT_LOCK_PATH = '/tmp/balena/updates.lock';
const MARKER = 'phonghoc';
/** Identifies this process's locks: a lock written by an earlier run of the appliance is stale. */
const PROCESS_TOKEN = randomUUID();

export class UpdateLockError extends Error {
  constructor(message: string, readonly code?: string) {
    super(message);
    this.name = 'UpdateLockError';
  }
}

interface LockContent {
  by: string;
  token: string;
  pid: number;
  since: string;
  reasons: string[];
}

export interface UpdateLockState {
  /** Holders right now (lessons). */
  holders: number;
  reasons: string[];
  /** True when this process created the file (and will remove it). */
  owned: boolean;
  path: string;
}

export class UpdateLock {
  private reasons: string[] = [];
  private owned = false;
  private chain: Promise<unknown> = Promise.resolve();

  constructor(readonly lockPath: string = DEFAULT_LOCK_PATH) {}

  state(): UpdateLockState {
    return { holders: this.reasons.length, reasons: [...this.reasons], owned: this.owned, path: this.lockPath };
  }

  /**
   * Holds the lock for one more reason (e.g. `lesson 42`). The first holder creates the file.
   * Rejects with UpdateLockError when the file cannot be created (the count is then unchanged).
   */
  hold(reason: string): Promise<UpdateLockState> {
    return this.serial(async () => {
      if (this.reasons.length === 0) {
        await this.acquire([reason]);
      } else {
        this.reasons.push(reason);
        await this.rewrite();
      }
      return this.state();
    });
  }

  /** Drops one holder (the given reason, or the oldest). The last one removes the file. */
  release(reason?: string): Promise<UpdateLockState> {
    return this.serial(async () => {
      if (this.reasons.length === 0) return this.state();
      const i = reason === undefined ? 0 : this.reasons.indexOf(reason);
      this.reasons.splice(i >= 0 ? i : 0, 1);
      if (this.reasons.length === 0) await this.remove();
      else await this.rewrite();
      return this.state();
    });
  }

  /** Drops every holder and the file (shutdown). */
  releaseAll(): Promise<UpdateLockState> {
    return this.serial(async () => {
      this.reasons = [];
      await this.remove();
      return this.state();
    });
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.chain.then(fn, fn);
    this.chain = next.catch(() => undefined);
    return next;
  }

  private content(reasons: string[]): string {
    const c: LockContent = { by: MARKER, token: PROCESS_TOKEN, pid: process.pid, since: new Date().toISOString(), reasons };
    return JSON.stringify(c) + '\n';
  }

  private async acquire(reasons: string[]): Promise<void> {
    await fs.promises.mkdir(path.dirname(this.lockPath), { recursive: true }).catch(() => undefined);
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        // 'wx' = O_CREAT|O_EXCL|O_WRONLY: the exclusive create balena's lockfile semantics require.
        const fh = await fs.promises.open(this.lockPath, 'wx', 0o644);
        try {
          await fh.writeFile(this.content(reasons));
        } finally {
          await fh.close();
        }
        this.reasons = [...reasons];
        this.owned = true;
        return;
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code !== 'EEXIST') throw new UpdateLockError(`cannot create the update lock ${this.lockPath}: ${(err as Error).message}`, code);
        const existing = await this.readExisting();
        if (existing?.by === MARKER && existing.token !== PROCESS_TOKEN) {
          // Left by an earlier run of the appliance (a crash, a container restart): no lesson of
          // this process holds it, so it is stale. Take it over.
          await fs.promises.rm(this.lockPath, { force: true });
          continue;
        }
        // Someone else's lock (an operator, another service): updates are blocked already; hold
        // our count but never remove a file we did not create.
        this.reasons = [...reasons];
        this.owned = false;
        return;
      }
    }
    throw new UpdateLockError(`cannot create the update lock ${this.lockPath}: it keeps reappearing`);
  }

  private async readExisting(): Promise<LockContent | undefined> {
    try {
      const parsed = JSON.parse(await fs.promises.readFile(this.lockPath, 'utf8')) as Partial<LockContent>;
      if (typeof parsed.by === 'string' && typeof parsed.token === 'string') return parsed as LockContent;
    } catch {
      // Empty or foreign content.
    }
    return undefined;
  }

  /** Updates the reasons in the file we own (in place: the file must never disappear meanwhile). */
  private async rewrite(): Promise<void> {
    if (!this.owned) return;
    await fs.promises.writeFile(this.lockPath, this.content(this.reasons)).catch(() => undefined);
  }

  private async remove(): Promise<void> {
    if (!this.owned) return;
    this.owned = false;
    const existing = await this.readExisting();
    // Only our own file: if it was replaced by someone else meanwhile, leave theirs.
    if (existing?.token === PROCESS_TOKEN) await fs.promises.rm(this.lockPath, { force: true });
  }
}

const locks = new Map<string, UpdateLock>();

/** The process-wide lock for a path (one reference count per lock file). */
export function updateLockFor(lockPath: string = DEFAULT_LOCK_PATH): UpdateLock {
  const key = path.resolve(lockPath);
  let lock = locks.get(key);
  if (!lock) {
    lock = new UpdateLock(key);
    locks.set(key, lock);
  }
  return lock;
}
