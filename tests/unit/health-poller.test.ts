import t from 'tap';
import { HealthPoller, type HealthLog } from '../../server/src/domain/devices/health-poller.js';
import type { Repos, Transactor } from '../../server/src/domain/repos.js';
import type { DeviceHealthRepository, NewAlert } from '../../server/src/domain/devices/device.repository.js';
import type { Alert, DeviceKind, HealthCollectors, ReachTarget } from '../../server/src/domain/devices/device.types.js';
import type { Bucket, Resolution } from '../../server/src/domain/devices/downsample.js';

/** An in-memory store standing in for the database, with a transaction that can be made to fail. */
class MemoryStore {
  buckets = new Map<string, Bucket>();
  alerts: Alert[] = [];
  targets: (ReachTarget & { kind: DeviceKind; name: string })[] = [];
  runs = 0;
  failNext = 0;

  tx(): Transactor {
    const repos = () => ({ deviceHealth: this.repo(), devices: { reachTargets: async () => this.targets } }) as unknown as Repos;
    return {
      run: async (fn) => {
        this.runs++;
        if (this.failNext > 0) {
          this.failNext--;
          throw new Error('SQLITE_BUSY: database is locked');
        }
        // Writes go to copies that replace the originals only on success (a transaction).
        const saved = { buckets: new Map(this.buckets), alerts: this.alerts.map((a) => ({ ...a })) };
        try {
          return await fn(repos());
        } catch (err) {
          this.buckets = saved.buckets;
          this.alerts = saved.alerts;
          throw err;
        }
      },
      read: (fn) => fn(repos()),
    };
  }

  rows(resolution: Resolution, metric?: string): Bucket[] {
    return [...this.buckets.values()].filter((b) => b.resolution === resolution && (!metric || b.metric === metric)).sort((a, b) => a.start - b.start);
  }

  private repo(): DeviceHealthRepository {
    const key = (b: { metric: string; resolution: string; start: number }) => `${b.metric}|${b.resolution}|${b.start}`;
    return {
      findBuckets: async (resolution, metrics, starts) => [...this.buckets.values()].filter((b) => b.resolution === resolution && metrics.includes(b.metric) && starts.includes(b.start)),
      saveBuckets: async (bs) => { for (const b of bs) this.buckets.set(key(b), { ...b }); },
      history: async () => [],
      pruneBuckets: async (resolution, before) => {
        let n = 0;
        for (const [k, b] of this.buckets) if (b.resolution === resolution && b.start < before) { this.buckets.delete(k); n++; }
        return n;
      },
      listAlerts: async (q) => this.alerts.filter((a) => (q.active === undefined || (a.clearedAt === null) === q.active)).slice(0, q.limit),
      insertAlert: async (a: NewAlert) => {
        const id = this.alerts.length + 1;
        this.alerts.push({ id, ...a, clearedAt: null });
        return id;
      },
      escalateAlert: async (id, severity, value, threshold, message) => { Object.assign(this.alerts.find((a) => a.id === id)!, { severity, value, threshold, message }); },
      clearAlert: async (id, at) => { const a = this.alerts.find((x) => x.id === id)!; a.clearedAt ??= at; },
      clearDeviceAlerts: async () => 0,
    };
  }
}

/** Collectors with values the test sets; each call is counted. */
function fakeCollectors() {
  const calls: Record<string, number> = {};
  const count = (k: string) => { calls[k] = (calls[k] ?? 0) + 1; };
  const v = {
    load: 20, availablePct: 50, temperature: null as number | null, freePct: 40, reachable: true, throwCpu: false as false | string,
  };
  const c: HealthCollectors = {
    cpuLoad: async () => { count('cpuLoad'); if (v.throwCpu) throw new Error(v.throwCpu); return { loadPct: v.load, cores: 2 }; },
    memory: async () => { count('memory'); return { totalBytes: 1000, availableBytes: v.availablePct * 10, availablePct: v.availablePct }; },
    network: async () => { count('network'); return { iface: 'eth0', rxBytesPerSec: 100, txBytesPerSec: 50 }; },
    diskIo: async () => { count('diskIo'); return { readBytesPerSec: 0, writeBytesPerSec: 4096 }; },
    temperature: async () => { count('temperature'); return v.temperature; },
    disks: async () => { count('disks'); return [{ mount: '/', fs: '/dev/vda', type: 'ext4', sizeBytes: 100, availableBytes: v.freePct, freePct: v.freePct }]; },
    mediaWorkers: async () => { count('mediaWorkers'); return null; },
    reachability: async (targets) => { count('reachability'); return targets.map((x) => ({ id: x.id, reachable: v.reachable, rttMs: v.reachable ? 1 : null, error: v.reachable ? null : 'ETIMEDOUT' })); },
    peripherals: async () => { throw new Error('not in this test'); },
  };
  return { c, v, calls };
}

const T0 = Date.parse('2026-03-02T08:00:00.000Z');

function setup(opts: { store?: MemoryStore } = {}) {
  const store = opts.store ?? new MemoryStore();
  const { c, v, calls } = fakeCollectors();
  let now = T0;
  const warnings: string[] = [];
  const log: HealthLog = { warn: (o, m) => warnings.push(`${m} ${JSON.stringify(o)}`), info: () => undefined };
  const poller = new HealthPoller({ tx: store.tx(), collectors: c, clock: () => now, log });
  return { store, v, calls, poller, warnings, advance: (ms: number) => { now += ms; }, at: () => now };
}

t.test('minute rows appear when the minute closes; hour rows are rolled up from them', async (t) => {
  const { store, poller, advance } = setup();
  // Ticks every 5 s of simulated time for 2 minutes and 5 s.
  for (let i = 0; i <= 25; i++) {
    await poller.tick();
    advance(5_000);
  }
  const minutes = store.rows('minute', 'cpu.load_pct');
  t.same(minutes.map((b) => new Date(b.start).toISOString()), ['2026-03-02T08:00:00.000Z', '2026-03-02T08:01:00.000Z'], 'the running minute (08:02) is not written yet');
  t.match(minutes[0], { min: 20, max: 20, avg: 20, count: 12 });
  const hour = store.rows('hour', 'cpu.load_pct');
  t.match(hour, [{ start: T0, count: 24, avg: 20 }], 'the hour row holds both closed minutes');
  t.same(store.rows('minute', 'disk.free_pct:/').map((b) => b.count), [1, 1], 'disks once a minute');
  t.ok(store.rows('minute', 'mem.available_pct').length === 2);
  t.same(store.rows('minute', 'cpu.temp_c'), [], 'no temperature sensor: no temperature rows');
});

t.test('at most one transaction per tick, and none while nothing is due', async (t) => {
  const { store, poller, advance } = setup();
  const perTick: number[] = [];
  for (let i = 0; i < 30; i++) {
    const before = store.runs;
    await poller.tick();
    perTick.push(store.runs - before);
    advance(5_000);
  }
  t.ok(perTick.every((n) => n <= 1), `transactions per tick: ${perTick.join('')}`);
  // First tick (pruning is due), then one per closed minute (ticks 12 and 24).
  t.equal(perTick.reduce((a, b) => a + b, 0), 3);
});

t.test('a failing collector is logged once and the others still report', async (t) => {
  const { store, poller, v, advance, warnings } = setup();
  v.throwCpu = 'os.cpus() failed';
  for (let i = 0; i < 14; i++) {
    const r = await poller.tick();
    t.ok(r, 'tick resolves');
    advance(5_000);
  }
  t.equal(warnings.filter((w) => w.includes('os.cpus() failed')).length, 1, 'the same error is logged once');
  t.equal(poller.latest()!.poller.collectorErrors, 14);
  t.same(store.rows('minute', 'cpu.load_pct'), []);
  t.equal(store.rows('minute', 'mem.available_pct').length, 1);
  v.throwCpu = false;
  await poller.tick();
  t.equal(poller.latest()!.cpu.loadPct, 20);
});

t.test('a failed write keeps everything for the next tick: nothing lost, nothing counted twice', async (t) => {
  const { store, poller, advance, warnings } = setup();
  await poller.tick(); // first tick writes (pruning)
  advance(5_000);
  for (let i = 1; i < 12; i++) { await poller.tick(); advance(5_000); }
  store.failNext = 2; // the minute flush at 08:01:00 and the retry at 08:01:05 fail
  await poller.tick();
  advance(5_000);
  await poller.tick();
  advance(5_000);
  t.same(store.rows('minute'), []);
  t.equal(poller.latest()!.poller.writeErrors, 2);
  t.equal(warnings.filter((w) => w.includes('SQLITE_BUSY')).length, 1);
  await poller.tick();
  t.match(store.rows('minute', 'cpu.load_pct'), [{ start: T0, count: 12 }]);
  t.match(store.rows('hour', 'cpu.load_pct'), [{ start: T0, count: 12 }]);
});

t.test('alerts are raised once, stored, cleared; a restarted poller does not raise them again', async (t) => {
  const store = new MemoryStore();
  store.targets = [{ id: 4, kind: 'camera', name: 'Camera cuối lớp', host: '10.0.0.9', port: 554 }];
  const a = setup({ store });
  a.v.availablePct = 5.5;
  a.v.reachable = false;
  // Reachability is checked every 10 s: ticks every 10 s.
  for (let i = 0; i < 6; i++) { await a.poller.tick(); a.advance(10_000); }
  t.same(store.alerts.map((x) => `${x.rule}:${x.severity}:${x.clearedAt === null ? 'open' : 'closed'}`).sort(), ['device_offline:warning:open', 'memory_low:warning:open']);
  t.equal(store.alerts.find((x) => x.rule === 'device_offline')!.deviceId, 4);
  t.equal(a.poller.latest()!.devices[0]!.consecutiveFailures, 6);
  await a.poller.stop();

  const b = setup({ store });
  b.advance(70_000);
  b.v.availablePct = 5.5;
  b.v.reachable = false;
  for (let i = 0; i < 6; i++) { await b.poller.tick(); b.advance(10_000); }
  t.equal(store.alerts.length, 2, 'still two alerts after the restart');
  b.v.availablePct = 50;
  b.v.reachable = true;
  for (let i = 0; i < 3; i++) { await b.poller.tick(); b.advance(10_000); }
  t.same(store.alerts.map((x) => x.clearedAt !== null), [true, true], 'both cleared');
});

t.test('no temperature sensor: asked again only after 10 minutes', async (t) => {
  const { poller, calls, advance } = setup();
  for (let i = 0; i < 24; i++) { await poller.tick(); advance(5_000); } // 2 minutes
  t.equal(calls.temperature, 1);
  t.equal(poller.latest()!.cpu.temperatureSensor, false);
  advance(10 * 60_000);
  await poller.tick();
  t.equal(calls.temperature, 2);
});

t.test('with a sensor, temperature every 30 s and disks every minute', async (t) => {
  const { poller, calls, advance, v, store } = setup();
  v.temperature = 55;
  for (let i = 0; i < 24; i++) { await poller.tick(); advance(5_000); }
  t.equal(calls.temperature, 4);
  t.equal(calls.disks, 2);
  t.equal(calls.cpuLoad, 24);
  t.match(store.rows('minute', 'cpu.temp_c'), [{ count: 2, avg: 55 }]);
});

t.test('stop() writes the running minute; after a restart the rest of it is merged', async (t) => {
  const a = setup();
  for (let i = 0; i < 4; i++) { await a.poller.tick(); a.advance(5_000); }
  await a.poller.stop();
  t.match(a.store.rows('minute', 'cpu.load_pct'), [{ start: T0, count: 4 }]);
  const b = setup({ store: a.store });
  b.advance(20_000);
  for (let i = 0; i < 9; i++) { await b.poller.tick(); b.advance(5_000); } // up to 08:01:05
  t.match(a.store.rows('minute', 'cpu.load_pct'), [{ start: T0, count: 12 }], 'one minute row, 4 + 8 samples');
  t.match(a.store.rows('hour', 'cpu.load_pct'), [{ start: T0, count: 12 }]);
});

t.test('old rows are pruned by age', async (t) => {
  const { poller, advance, store } = setup();
  store.buckets.set('old-minute', { metric: 'cpu.load_pct', resolution: 'minute', start: T0 - 25 * 3_600_000, min: 1, avg: 1, max: 1, count: 1 });
  store.buckets.set('day-old-hour', { metric: 'cpu.load_pct', resolution: 'hour', start: T0 - 25 * 3_600_000, min: 1, avg: 1, max: 1, count: 1 });
  store.buckets.set('old-hour', { metric: 'cpu.load_pct', resolution: 'hour', start: T0 - 366 * 24 * 3_600_000, min: 1, avg: 1, max: 1, count: 1 });
  await poller.tick();
  advance(5_000);
  t.same([...store.buckets.keys()], ['day-old-hour']);
});

t.test('the timer: start, a few real ticks, stop; never overlapping', async (t) => {
  const store = new MemoryStore();
  const { c, calls } = fakeCollectors();
  const slow: HealthCollectors = { ...c, cpuLoad: async () => { await new Promise((r) => setTimeout(r, 80)); return c.cpuLoad(); } };
  const poller = new HealthPoller({ tx: store.tx(), collectors: slow, intervals: { tickMs: 50 } });
  poller.start();
  t.equal(poller.isRunning, true);
  await new Promise((r) => setTimeout(r, 500));
  await poller.stop();
  const ticks = poller.latest()!.poller.ticks;
  t.ok(ticks >= 3 && ticks <= 7, `${ticks} ticks of ≥ 80 ms in 500 ms: they do not overlap`);
  const after = calls.memory;
  await new Promise((r) => setTimeout(r, 150));
  t.equal(calls.memory, after, 'stopped: no more ticks');
  t.equal(poller.latest()!.poller.running, false);
});
