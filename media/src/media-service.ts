// The SFU of the appliance (issue "Live lessons"): a pool of mediasoup workers, one Router per
// live lesson on the least-loaded worker. Rooms are created through one queue, so two joins
// never create a lesson's room twice. A worker that dies is replaced; its rooms get a router on
// a live worker and emit `rebuilt` so the signaling layer makes every client reconnect.

import os from 'node:os';
import type { types } from 'mediasoup';
import { ROUTER_MEDIA_CODECS } from './media-codecs.js';
import { MediaError } from './media-error.js';
import { consoleMediaLogger, type MediaLogger } from './media-logger.js';
import { Room } from './media-room.js';
import type { MediaRoom, MediaService, MediaServiceOptions, MediaStats } from './media.types.js';
import { SerialQueue } from './serial-queue.js';
import { WorkerPool } from './worker-pool.js';

export interface MediaServiceDeps {
  /** Fastify's logger in the server; warnings and errors on stderr by default. */
  logger?: MediaLogger;
}

class MediaServiceImpl implements MediaService {
  readonly #opts: MediaServiceOptions;
  readonly #logger: MediaLogger;
  readonly #pool: WorkerPool;
  readonly #queue = new SerialQueue();
  readonly #rooms = new Map<string, Room>();
  /** The rooms on each live worker. */
  readonly #load = new Map<types.Worker, Set<Room>>();
  #workerRestarts = 0;
  #closed = false;

  private constructor(opts: MediaServiceOptions, logger: MediaLogger, pool: WorkerPool) {
    this.#opts = opts;
    this.#logger = logger;
    this.#pool = pool;
    for (const worker of pool.workers) this.#load.set(worker, new Set());
    pool.on('died', (worker) => this.#workerDied(worker));
  }

  static async create(opts: MediaServiceOptions, deps: MediaServiceDeps = {}): Promise<MediaServiceImpl> {
    const logger = deps.logger ?? consoleMediaLogger;
    const size = opts.numWorkers ?? os.availableParallelism?.() ?? os.cpus().length;
    const pool = await WorkerPool.create({
      size: Math.max(1, size),
      settings: { logLevel: opts.logLevel ?? 'warn', rtcMinPort: opts.rtcMinPort, rtcMaxPort: opts.rtcMaxPort },
      logger,
    });
    return new MediaServiceImpl(opts, logger, pool);
  }

  room(lessonId: string): Promise<MediaRoom> {
    const existing = this.existingRoom(lessonId);
    if (existing !== undefined) return Promise.resolve(existing);
    return this.#queue.push(async () => {
      if (this.#closed) throw new MediaError('MEDIA_CLOSED', 'the media service is closed');
      const queued = this.existingRoom(lessonId);
      if (queued !== undefined) return queued;
      const worker = this.#leastLoadedWorker();
      const router = await worker.createRouter({ mediaCodecs: ROUTER_MEDIA_CODECS });
      const room = await Room.create({
        lessonId,
        router,
        listenIp: this.#opts.listenIp,
        announcedAddress: this.#opts.announcedAddress,
        ffmpegPath: this.#opts.ffmpegPath ?? 'ffmpeg',
        logger: this.#logger,
        rtcPorts: { min: this.#opts.rtcMinPort, max: this.#opts.rtcMaxPort },
      }).catch((err: unknown) => {
        router.close();
        throw err;
      });
      this.#rooms.set(lessonId, room);
      this.#load.get(worker)?.add(room);
      room.on('closed', () => {
        if (this.#rooms.get(lessonId) === room) this.#rooms.delete(lessonId);
        for (const rooms of this.#load.values()) rooms.delete(room);
      });
      return room;
    });
  }

  existingRoom(lessonId: string): MediaRoom | undefined {
    const room = this.#rooms.get(lessonId);
    return room !== undefined && !room.closed ? room : undefined;
  }

  closeRoom(lessonId: string): void {
    this.#rooms.get(lessonId)?.close();
  }

  async stats(): Promise<MediaStats> {
    const workers = await Promise.all(
      this.#pool.workers.map(async (worker) => {
        const usage = await worker.getResourceUsage().catch(() => null);
        return {
          pid: worker.pid,
          rooms: this.#load.get(worker)?.size ?? 0,
          cpuMs: usage === null ? 0 : usage.ru_utime + usage.ru_stime,
          maxRssKb: usage?.ru_maxrss ?? 0,
        };
      }),
    );
    return { workers, rooms: this.#rooms.size, workerRestarts: this.#workerRestarts };
  }

  workerPids(): number[] {
    return this.#pool.pids();
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    const rooms = [...this.#rooms.values()];
    for (const room of rooms) room.close();
    await Promise.all(rooms.map((room) => room.settled()));
    await this.#pool.close();
    this.#load.clear();
  }

  /** Fewest rooms, then fewest peers. */
  #leastLoadedWorker(): types.Worker {
    let best: { worker: types.Worker; rooms: number; peers: number } | undefined;
    for (const worker of this.#pool.workers) {
      const rooms = this.#load.get(worker) ?? new Set<Room>();
      const peers = [...rooms].reduce((n, room) => n + room.peerCount, 0);
      if (best === undefined || rooms.size < best.rooms || (rooms.size === best.rooms && peers < best.peers)) {
        best = { worker, rooms: rooms.size, peers };
      }
    }
    if (best === undefined) throw new MediaError('MEDIA_UNAVAILABLE', 'no live mediasoup worker');
    return best.worker;
  }

  #workerDied(dead: types.Worker): void {
    if (this.#closed) return;
    const orphans = [...(this.#load.get(dead) ?? [])];
    this.#load.delete(dead);
    // Synchronously: calls made from now on wait for the new router instead of using a dead one.
    for (const room of orphans) room.detach();
    void this.#queue
      .push(async () => {
        const fresh = await this.#pool.replace();
        if (fresh === null) return; // closed meanwhile
        this.#load.set(fresh, new Set());
        this.#workerRestarts++;
        this.#logger.warn({ deadPid: dead.pid, newPid: fresh.pid, rooms: orphans.length }, 'mediasoup worker replaced');
        for (const room of orphans) await this.#rehome(room);
      })
      .catch((err: unknown) => this.#logger.error({ err }, 'rebuilding rooms after a worker death failed'));
  }

  async #rehome(room: Room): Promise<void> {
    if (room.closed || this.#closed) return;
    const worker = this.#leastLoadedWorker();
    try {
      const router = await worker.createRouter({ mediaCodecs: ROUTER_MEDIA_CODECS });
      this.#load.get(worker)?.add(room);
      await room.attach(router);
      if (room.closed) this.#load.get(worker)?.delete(room); // closed while it was being rebuilt
    } catch (err) {
      // A room that cannot get a router is useless: close it so the server ends the live lesson.
      this.#logger.error({ err, lessonId: room.lessonId }, 'cannot rebuild a media room; closing it');
      room.close();
    }
  }
}

export async function createMediaService(opts: MediaServiceOptions, deps: MediaServiceDeps = {}): Promise<MediaService> {
  return MediaServiceImpl.create(opts, deps);
}
