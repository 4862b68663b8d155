// The health poller's own cost on this machine: runs it with the real collectors and the default
// intervals for 30 s (writing to a throw-away SQLite file, with two cameras in the inventory and
// a media worker probe), and reports CPU time per minute. It measures; it does not pass or fail.
//
//   npx tsx --expose-gc bench/health-polling.ts [--seconds 30] [--tick 5000] [--si]
//
// --si reads CPU load and network through systeminformation (currentLoad, networkStats) instead
// of /proc/stat and /sys/class/net, to compare.
//
// process.cpuUsage() is this process (collectors, rules, SQLite writes, and V8's background
// compilation and garbage collection). systeminformation also spawns short-lived shells
// (cpuTemperature, fsSize; networkStats and currentLoad with --si): their CPU is counted apart,
// from the children's times the kernel adds to /proc/self/stat once they are reaped. The first
// tick is reported apart from the steady state, and "inside ticks" is the CPU spent while a tick
// runs: on a busy machine the whole-process figures carry a few hundred ms/min of noise.
import fs from 'node:fs';
import net from 'node:net';
import { SystemHealthCollectors } from '../appliance/src/health/system-collectors.js';
import { procMediaWorkerSource } from '../appliance/src/health/media-workers.js';
import { KnexTransactor } from '../server/src/data/transactor.js';
import { DEFAULT_HEALTH_INTERVALS, HealthPoller } from '../server/src/domain/devices/health-poller.js';
import { createTestDatabase } from '../tests/helpers/db.js';

// Production runs the compiled JavaScript without source maps; tsx turns them on, and then every
// Error (a camera refusing the connection) pays for a source-map lookup. Measure what production runs.
process.setSourceMapsEnabled(false);

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const seconds = arg('seconds', 30);
const tickMs = arg('tick', DEFAULT_HEALTH_INTERVALS.tickMs);
const mode = process.argv.includes('--si') ? 'si' : 'proc';

const USER_HZ = 100;
/** CPU ms of reaped child processes (cutime + cstime). */
function childrenCpuMs(): number {
  const rest = fs.readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
  return ((Number(rest[13]) + Number(rest[14])) * 1000) / USER_HZ;
}
const processCpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function measure(ms: number) {
  const p0 = processCpuMs();
  const c0 = childrenCpuMs();
  const t0 = performance.now();
  await sleep(ms);
  const wall = performance.now() - t0;
  return { wall, processMs: processCpuMs() - p0, childrenMs: childrenCpuMs() - c0 };
}

const database = await createTestDatabase('sqlite');
const tx = new KnexTransactor(database.db.knex);
const camera = net.createServer((c) => c.destroy());
await new Promise<void>((r) => camera.listen(0, '127.0.0.1', r));
await tx.run(async (r) => {
  const base = { model: null, serial: null, location: 'Phòng học trực tuyến', notes: null };
  await r.devices.create({ ...base, kind: 'camera', name: 'Camera bảng', host: '127.0.0.1', port: (camera.address() as net.AddressInfo).port }, new Date().toISOString());
  await r.devices.create({ ...base, kind: 'camera', name: 'Camera cuối lớp', host: '127.0.0.1', port: 9 }, new Date().toISOString());
});

// The idle baseline: the same process with the database open and nothing polling, once the
// start-up's background work (compilation, garbage collection) has settled.
// A full garbage collection (with --expose-gc) keeps the start-up's heap from being swept inside a window.
const gc = (globalThis as { gc?: () => void }).gc;
await sleep(15_000);
gc?.();
const idle = await measure(15_000);
gc?.();

const collectors = new SystemHealthCollectors({ mediaWorkers: procMediaWorkerSource(() => [process.pid]), mode });
const poller = new HealthPoller({ tx, collectors, intervals: { tickMs } });
// CPU spent while a tick is in progress (nothing else runs in this process, so this is the ticks').
let inTicksMs = 0;
const tickOnce = poller.tick.bind(poller);
poller.tick = async () => {
  const before = processCpuMs();
  const report = await tickOnce();
  inTicksMs += processCpuMs() - before;
  return report;
};
const p0 = processCpuMs();
const c0 = childrenCpuMs();
const t0 = performance.now();
poller.start();
// The first tick also pays for start-up (open alerts and inventory read, first `df`, the search for a
// temperature sensor): it is reported apart, and the rest is the steady state.
while ((poller.latest()?.poller.ticks ?? 0) < 1) await sleep(20);
const first = { processMs: processCpuMs() - p0, childrenMs: childrenCpuMs() - c0, wall: performance.now() - t0 };
const firstInTick = inTicksMs;
await sleep(Math.max(0, seconds * 1000 - (performance.now() - t0)));
const polled = { processMs: processCpuMs() - p0, childrenMs: childrenCpuMs() - c0, wall: performance.now() - t0 };
await poller.stop();
const steady = { processMs: polled.processMs - first.processMs, childrenMs: polled.childrenMs - first.childrenMs, wall: polled.wall - first.wall };
const snap = poller.latest()!;
const rows = await database.db.knex('device_metric_buckets').count('* as n').first();

const perMin = (ms: number, wall: number) => (ms / wall) * 60_000;
const pct = (ms: number, wall: number) => (ms / wall) * 100;
const fmt = (v: number, d = 1) => v.toFixed(d);
const row = (label: string, m: { processMs: number; childrenMs: number; wall: number }) => [
  label, fmt(perMin(m.processMs, m.wall)), fmt(perMin(m.childrenMs, m.wall)), fmt(perMin(m.processMs + m.childrenMs, m.wall)), fmt(pct(m.processMs + m.childrenMs, m.wall), 3),
];
const lines = [
  ['', 'process', 'children', 'total', '% of one'],
  ['', 'ms/min', 'ms/min', 'ms/min', 'core'],
  row('idle process, no poller (15 s)', idle),
  row(`poller, whole run (${fmt(polled.wall / 1000)} s)`, polled),
  row(`  steady state (after tick 1)`, steady),
  ['  of which inside ticks', fmt(perMin(inTicksMs - firstInTick, steady.wall)), '', '', fmt(pct(inTicksMs - firstInTick, steady.wall), 3)],
];
const w = [34, 10, 10, 10, 10];
console.log(`\nHealth poller cost (${mode === 'si' ? 'systeminformation for everything' : '/proc and /sys for CPU load and network'}): tick ${tickMs} ms, ${snap.poller.ticks} ticks, ` +
  `first tick ${fmt(first.processMs)} ms CPU + ${fmt(first.childrenMs)} ms in spawned tools, last tick ${snap.poller.lastTickMs} ms wall, ` +
  `${snap.poller.collectorErrors} collector errors, ${snap.poller.writeErrors} write errors, ${rows?.n} history rows written, ` +
  `temperature sensor: ${snap.cpu.temperatureSensor ? `${snap.cpu.temperatureC} °C` : 'none'}`);
for (const l of lines) console.log(l.map((c, i) => (i === 0 ? c.padEnd(w[i]!) : c.padStart(w[i]!))).join(' '));

camera.close();
await database.cleanup();
