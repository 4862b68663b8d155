/**
 * The health poller: reads the machine through `HealthCollectors` at a few cadences, keeps the
 * latest readings in memory, runs the alert rules and writes the downsampled history.
 *
 * Cost rules: the cheap figures are read every tick; temperature every 30 s (every 10 min when the
 * machine has no sensor: systeminformation spawns shells to look for one); disks once a minute;
 * device reachability every 10 s; expensive scans never (on demand only, see DevicesService).
 * Raw samples stay in memory; a tick writes at most one short transaction, and only when a minute
 * has closed, an alert changed or pruning is due. Nothing here throws into the process: every
 * collector and every write is caught, logged once per distinct error, and retried next tick.
 */
import type { Repos, Transactor } from '../repos.js';
import { alertKey, evaluateAlerts, initialAlertState, type AlertEvent, type AlertState, type HealthReadings, type Thresholds, THRESHOLDS } from './alert-rules.js';
import type { DeviceKind, DeviceReachability, HealthCollectors, HealthSnapshot, ReachTarget } from './device.types.js';
import { flushBuckets, mergeInto, pruneCutoff, splitClosed, type Bucket, type Resolution, type Sample } from './downsample.js';
import { METRICS, deviceRttMetric, deviceUpMetric, diskFreeMetric } from './metrics.js';

export interface HealthIntervals {
  /** Cheap figures (CPU load, memory, network, disk I/O, media workers), and the timer itself. */
  tickMs: number;
  temperatureMs: number;
  /** After a reading found no sensor. */
  temperatureNoSensorMs: number;
  disksMs: number;
  reachabilityMs: number;
  reachTimeoutMs: number;
  /** How often the list of devices to probe is re-read from the inventory. */
  targetsRefreshMs: number;
  pruneEveryMs: number;
}

export const DEFAULT_HEALTH_INTERVALS: HealthIntervals = {
  tickMs: 5_000,
  temperatureMs: 30_000,
  temperatureNoSensorMs: 600_000,
  disksMs: 60_000,
  reachabilityMs: 10_000,
  reachTimeoutMs: 2_000,
  targetsRefreshMs: 60_000,
  pruneEveryMs: 600_000,
};

/** Pino-compatible (Fastify's logger fits). */
export interface HealthLog {
  warn(obj: object, msg: string): void;
  info(obj: object, msg: string): void;
}

const silentLog: HealthLog = { warn: () => undefined, info: () => undefined };

/** Past this many unwritten samples (the database is down for hours), the oldest are dropped. */
const MAX_PENDING_SAMPLES = 50_000;
const MAX_PENDING_EVENTS = 1_000;

export interface TickReport {
  samples: number;
  events: AlertEvent[];
  wrote: boolean;
}

type Target = ReachTarget & { kind: DeviceKind; name: string };

export class HealthPoller {
  intervals: HealthIntervals;
  private readonly clock: () => number;
  private readonly thresholds: Thresholds;
  private log: HealthLog;

  private timer: ReturnType<typeof setTimeout> | null = null;
  private running = false;
  private inflight: Promise<TickReport> | null = null;
  private sampling: Promise<HealthSnapshot> | null = null;

  private alertState: AlertState | null = null;
  private alertIds = new Map<string, number>();
  private pending: { samples: Sample[]; events: AlertEvent[] } = { samples: [], events: [] };
  private due = { temperature: 0, disks: 0, reach: 0, targets: 0, prune: 0 };
  private targets: Target[] = [];
  private lastNow = 0;
  private lastTickWall: number | null = null;
  private readonly lastError = new Map<string, string>();
  private stats = { ticks: 0, collectorErrors: 0, writeErrors: 0, lastTickMs: null as number | null };
  private snap: Omit<HealthSnapshot, 'poller'>;

  constructor(private readonly deps: {
    tx: Transactor;
    collectors: HealthCollectors;
    intervals?: Partial<HealthIntervals>;
    /** ms since the epoch; read once per tick (tests feed a simulated clock). */
    clock?: () => number;
    log?: HealthLog;
    thresholds?: Thresholds;
  }) {
    this.intervals = { ...DEFAULT_HEALTH_INTERVALS, ...deps.intervals };
    this.clock = deps.clock ?? Date.now;
    this.thresholds = deps.thresholds ?? THRESHOLDS;
    this.log = deps.log ?? silentLog;
    this.snap = {
      at: new Date(0).toISOString(),
      cpu: { loadPct: null, cores: null, temperatureC: null, temperatureSensor: null, temperatureAt: null },
      memory: null, network: null, diskIo: null, disks: [], disksAt: null, media: null, devices: [],
    };
  }

  get isRunning(): boolean {
    return this.running;
  }

  /** Starts ticking (the first tick right away), optionally with other intervals. Idempotent. */
  start(opts: { log?: HealthLog; intervals?: Partial<HealthIntervals> } = {}): void {
    if (opts.log) this.log = opts.log;
    if (this.running) return;
    if (opts.intervals) this.intervals = { ...this.intervals, ...opts.intervals };
    this.running = true;
    this.schedule(0);
  }

  /** Stops the timer, waits for a tick in progress and writes what is still in memory. */
  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.inflight?.catch(() => undefined);
    await this.sampling?.catch(() => undefined);
    await this.flush(this.lastNow || this.clock(), true);
  }

  /** The reachability list is re-read at the next tick (after an inventory change). */
  invalidateTargets(): void {
    this.due.targets = 0;
    this.due.reach = 0;
  }

  /** The latest readings, or null before the first tick. */
  latest(): HealthSnapshot | null {
    if (this.stats.ticks === 0 && !this.snap.memory) return null;
    return this.snapshot();
  }

  /** Whether the running poller's readings are recent (within three ticks). */
  isFresh(): boolean {
    return this.running && this.lastTickWall !== null && performance.now() - this.lastTickWall < 3 * this.intervals.tickMs + 1_000;
  }

  /** Reads the cheap figures now, without writing anything (GET /now when the poller is not running). */
  sample(): Promise<HealthSnapshot> {
    this.sampling ??= (async () => {
      const now = this.clock();
      const r: HealthReadings = { at: now };
      await this.collect(now, r, [], { temperature: this.snap.cpu.temperatureAt === null, disks: this.snap.disksAt === null, reach: false });
      this.snap.at = new Date(now).toISOString();
      return this.snapshot();
    })().finally(() => { this.sampling = null; });
    return this.sampling;
  }

  /** One tick now (the timer calls this; tests call it directly). Never rejects. */
  tick(): Promise<TickReport> {
    this.inflight ??= this.runTick().catch((err: unknown) => {
      this.report('tick', err);
      return { samples: 0, events: [], wrote: false };
    }).finally(() => { this.inflight = null; });
    return this.inflight;
  }

  private schedule(delay: number): void {
    if (!this.running) return;
    this.timer = setTimeout(() => {
      const t0 = performance.now();
      void this.tick().then(() => this.schedule(Math.max(0, this.intervals.tickMs - (performance.now() - t0))));
    }, delay);
    this.timer.unref?.();
  }

  private snapshot(): HealthSnapshot {
    return {
      ...structuredClone(this.snap),
      poller: { running: this.running, ticks: this.stats.ticks, collectorErrors: this.stats.collectorErrors, writeErrors: this.stats.writeErrors, lastTickMs: this.stats.lastTickMs, tickIntervalMs: this.intervals.tickMs },
    };
  }

  private async runTick(): Promise<TickReport> {
    const wall0 = performance.now();
    const now = this.clock();
    this.lastNow = now;
    await this.loadAlertState(now);
    if (now >= this.due.targets) await this.refreshTargets(now);

    const readings: HealthReadings = { at: now };
    const samples: Sample[] = [];
    await this.collect(now, readings, samples, { temperature: now >= this.due.temperature, disks: now >= this.due.disks, reach: now >= this.due.reach });
    this.snap.at = new Date(now).toISOString();

    let events: AlertEvent[] = [];
    if (this.alertState) {
      const step = evaluateAlerts(this.alertState, readings, this.thresholds);
      this.alertState = step.state;
      events = step.events;
      for (const e of events) this.log.info({ rule: e.rule, subject: e.subject, severity: e.severity, type: e.type }, `health alert ${e.type}`);
    }
    this.pending.samples.push(...samples);
    this.pending.events.push(...events);
    this.capPending();
    const wrote = await this.flush(now, false);

    this.stats.ticks++;
    this.stats.lastTickMs = Math.round((performance.now() - wall0) * 100) / 100;
    this.lastTickWall = performance.now();
    return { samples: samples.length, events, wrote };
  }

  /** Runs the due collectors concurrently; each one failing alone leaves the others' readings. */
  private async collect(now: number, r: HealthReadings, samples: Sample[], due: { temperature: boolean; disks: boolean; reach: boolean }): Promise<void> {
    const c = this.deps.collectors;
    const at = now;
    const iso = new Date(now).toISOString();
    const push = (metric: string, value: number | null | undefined) => {
      if (typeof value === 'number' && Number.isFinite(value)) samples.push({ metric, at, value });
    };
    const jobs: Promise<void>[] = [
      this.guard('cpu', async () => {
        const cpu = await c.cpuLoad();
        this.snap.cpu.loadPct = cpu.loadPct;
        this.snap.cpu.cores = cpu.cores;
        push(METRICS.cpuLoad, cpu.loadPct);
      }),
      this.guard('memory', async () => {
        const m = await c.memory();
        this.snap.memory = m;
        r.memoryAvailablePct = m.availablePct;
        push(METRICS.memAvailable, m.availablePct);
      }),
      this.guard('network', async () => {
        const n = await c.network();
        this.snap.network = n;
        push(METRICS.netRx, n?.rxBytesPerSec);
        push(METRICS.netTx, n?.txBytesPerSec);
      }),
      this.guard('diskIo', async () => {
        const d = await c.diskIo();
        this.snap.diskIo = d;
        push(METRICS.diskRead, d?.readBytesPerSec);
        push(METRICS.diskWrite, d?.writeBytesPerSec);
      }),
      this.guard('media', async () => {
        const m = await c.mediaWorkers();
        this.snap.media = m;
        if (!m) return;
        r.mediaRestarts = m.restarts;
        push(METRICS.mediaWorkers, m.count);
        push(METRICS.mediaCpu, m.cpuPct);
      }),
    ];
    if (due.temperature) {
      jobs.push(this.guard('temperature', async () => {
        this.due.temperature = now + this.intervals.temperatureMs;
        const t = await c.temperature();
        this.snap.cpu.temperatureC = t;
        this.snap.cpu.temperatureSensor = t !== null;
        this.snap.cpu.temperatureAt = iso;
        if (t === null) this.due.temperature = now + this.intervals.temperatureNoSensorMs;
        r.temperatureC = t;
        push(METRICS.cpuTemp, t);
      }));
    }
    if (due.disks) {
      jobs.push(this.guard('disks', async () => {
        this.due.disks = now + this.intervals.disksMs;
        const disks = await c.disks();
        this.snap.disks = disks;
        this.snap.disksAt = iso;
        r.disks = disks.map((d) => ({ mount: d.mount, freePct: d.freePct }));
        for (const d of disks) push(diskFreeMetric(d.mount), d.freePct);
      }));
    }
    if (due.reach) {
      jobs.push(this.guard('reachability', async () => {
        this.due.reach = now + this.intervals.reachabilityMs;
        const targets = this.targets;
        const results = targets.length ? await c.reachability(targets.map(({ id, host, port }) => ({ id, host, port })), this.intervals.reachTimeoutMs) : [];
        const byId = new Map(results.map((x) => [x.id, x]));
        const previous = new Map(this.snap.devices.map((d) => [d.id, d]));
        const devices: DeviceReachability[] = [];
        for (const t of targets) {
          const res = byId.get(t.id) ?? { reachable: false, rttMs: null, error: 'not checked' };
          const before = previous.get(t.id);
          const same = before && before.host === t.host && before.port === t.port;
          devices.push({
            id: t.id, kind: t.kind, name: t.name, host: t.host, port: t.port, reachable: res.reachable, rttMs: res.rttMs, error: res.error,
            consecutiveFailures: res.reachable ? 0 : (same ? before.consecutiveFailures : 0) + 1, checkedAt: iso,
          });
          push(deviceUpMetric(t.id), res.reachable ? 1 : 0);
          push(deviceRttMetric(t.id), res.rttMs);
        }
        this.snap.devices = devices;
        r.devices = devices.map((d) => ({ id: d.id, kind: d.kind, name: d.name, host: d.host, port: d.port, reachable: d.reachable }));
      }));
    }
    await Promise.all(jobs);
  }

  private async guard(source: string, fn: () => Promise<void>): Promise<void> {
    try {
      await fn();
      if (this.lastError.has(source)) {
        this.lastError.delete(source);
        this.log.info({ source }, 'health collector recovered');
      }
    } catch (err) {
      this.stats.collectorErrors++;
      this.report(source, err);
    }
  }

  /** Logs an error once per source until the message changes or the source recovers. */
  private report(source: string, err: unknown): void {
    const message = err instanceof Error ? err.message : String(err);
    if (this.lastError.get(source) === message) return;
    this.lastError.set(source, message);
    this.log.warn({ source, err: message }, 'health poller: a step failed; it is retried on the next tick');
  }

  private async loadAlertState(now: number): Promise<void> {
    if (this.alertState) return;
    try {
      const open = await this.deps.tx.read((r) => r.deviceHealth.listAlerts({ active: true, limit: 1_000 }));
      this.alertState = initialAlertState(open, now);
      this.alertIds = new Map(open.map((a) => [alertKey(a.rule, a.subject), a.id]));
    } catch (err) {
      this.report('alerts.load', err); // rules wait until the open alerts are known: never raise twice
    }
  }

  private async refreshTargets(now: number): Promise<void> {
    try {
      this.targets = await this.deps.tx.read((r) => r.devices.reachTargets());
      this.due.targets = now + this.intervals.targetsRefreshMs;
    } catch (err) {
      this.report('inventory', err);
    }
  }

  private capPending(): void {
    const p = this.pending;
    if (p.samples.length > MAX_PENDING_SAMPLES) p.samples.splice(0, p.samples.length - MAX_PENDING_SAMPLES);
    if (p.events.length > MAX_PENDING_EVENTS) p.events.splice(0, p.events.length - MAX_PENDING_EVENTS);
  }

  /**
   * Writes the closed minutes (all samples when `final`), the alert events and, when due, the
   * pruning, in one transaction. On failure everything stays pending for the next tick.
   */
  private async flush(now: number, final: boolean): Promise<boolean> {
    const { closed, open } = final ? { closed: this.pending.samples, open: [] as Sample[] } : splitClosed(this.pending.samples, now);
    const events = this.pending.events.slice();
    const pruneDue = !final && now >= this.due.prune;
    if (!closed.length && !events.length && !pruneDue) return false;
    const { minute, hour } = flushBuckets(closed);
    const ids = new Map(this.alertIds);
    try {
      await this.deps.tx.run(async (r) => {
        await saveMerged(r, 'minute', minute);
        await saveMerged(r, 'hour', hour);
        for (const e of events) await writeEvent(r, e, ids);
        if (pruneDue) {
          await r.deviceHealth.pruneBuckets('minute', pruneCutoff(now, 'minute'));
          await r.deviceHealth.pruneBuckets('hour', pruneCutoff(now, 'hour'));
        }
      });
    } catch (err) {
      this.stats.writeErrors++;
      this.report('write', err);
      return false;
    }
    this.lastError.delete('write');
    this.pending.samples = open;
    this.pending.events.splice(0, events.length);
    this.alertIds = ids;
    if (pruneDue) this.due.prune = now + this.intervals.pruneEveryMs;
    return true;
  }
}

async function saveMerged(r: Repos, resolution: Resolution, incoming: Bucket[]): Promise<void> {
  if (!incoming.length) return;
  const metrics = [...new Set(incoming.map((b) => b.metric))];
  const starts = [...new Set(incoming.map((b) => b.start))];
  const existing = await r.deviceHealth.findBuckets(resolution, metrics, starts);
  await r.deviceHealth.saveBuckets(mergeInto(existing, incoming));
}

async function writeEvent(r: Repos, e: AlertEvent, ids: Map<string, number>): Promise<void> {
  const at = new Date(e.at).toISOString();
  if (e.type === 'raised') {
    ids.set(e.key, await r.deviceHealth.insertAlert({ rule: e.rule, subject: e.subject, deviceId: e.deviceId, severity: e.severity, value: e.value, threshold: e.threshold, message: e.message, raisedAt: at }));
    return;
  }
  const id = ids.get(e.key);
  if (id === undefined) return;
  if (e.type === 'escalated') await r.deviceHealth.escalateAlert(id, e.severity, e.value, e.threshold, e.message);
  else {
    await r.deviceHealth.clearAlert(id, at);
    ids.delete(e.key);
  }
}
