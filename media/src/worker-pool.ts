// The mediasoup worker processes (one per core by default). A worker that dies is reported to
// the owner (which moves its rooms) and replaced by a fresh one.

import * as mediasoup from 'mediasoup';
import type { types } from 'mediasoup';
import type { MediaLogger } from './media-logger.js';
import { TypedEmitter } from './typed-emitter.js';

export interface WorkerPoolOptions {
  size: number;
  settings: types.WorkerSettings;
  logger: MediaLogger;
}

export interface WorkerPoolEvents {
  /** A worker process ended unexpectedly; its routers are closed already. */
  died: (worker: types.Worker, error: unknown) => void;
}

/** How long close() waits for a worker process to be gone. */
const EXIT_WAIT_MS = 3000;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export class WorkerPool extends TypedEmitter<WorkerPoolEvents> {
  readonly #settings: types.WorkerSettings;
  readonly #logger: MediaLogger;
  readonly #workers: types.Worker[] = [];
  readonly #allPids = new Set<number>();
  #closed = false;

  private constructor(opts: WorkerPoolOptions) {
    super();
    this.#settings = opts.settings;
    this.#logger = opts.logger;
  }

  static async create(opts: WorkerPoolOptions): Promise<WorkerPool> {
    const pool = new WorkerPool(opts);
    try {
      for (let i = 0; i < opts.size; i++) await pool.#spawn();
    } catch (err) {
      await pool.close();
      throw err;
    }
    return pool;
  }

  get workers(): readonly types.Worker[] {
    return this.#workers;
  }

  get closed(): boolean {
    return this.#closed;
  }

  pids(): number[] {
    return this.#workers.map((w) => w.pid);
  }

  /** Starts a replacement worker, retrying with back-off while it fails; null once the pool is closed. */
  async replace(): Promise<types.Worker | null> {
    for (let attempt = 0; !this.#closed; attempt++) {
      try {
        return await this.#spawn();
      } catch (err) {
        const delayMs = Math.min(10_000, 500 * 2 ** attempt);
        this.#logger.error({ err, attempt, delayMs }, 'cannot start a replacement mediasoup worker');
        await new Promise((r) => setTimeout(r, delayMs));
      }
    }
    return null;
  }

  /** Closes every worker and waits until their processes are gone. Idempotent. */
  async close(): Promise<void> {
    this.#closed = true;
    for (const worker of this.#workers.splice(0)) worker.close();
    const deadline = Date.now() + EXIT_WAIT_MS;
    while ([...this.#allPids].some(alive) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  }

  async #spawn(): Promise<types.Worker> {
    const worker = await mediasoup.createWorker(this.#settings);
    this.#allPids.add(worker.pid);
    if (this.#closed) {
      worker.close();
      throw new Error('worker pool closed');
    }
    worker.on('died', (error: unknown) => {
      const i = this.#workers.indexOf(worker);
      if (i >= 0) this.#workers.splice(i, 1);
      this.#allPids.delete(worker.pid); // its exit was observed: the process is gone
      this.#logger.error({ pid: worker.pid, err: error }, 'mediasoup worker died');
      if (!this.#closed) this.emit('died', worker, error);
    });
    this.#workers.push(worker);
    return worker;
  }
}
