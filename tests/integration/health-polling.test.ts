import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import t from 'tap';
import { SystemHealthCollectors } from '../../appliance/src/health/system-collectors.js';
import { KnexTransactor } from '../../server/src/data/transactor.js';
import { HealthPoller } from '../../server/src/domain/devices/health-poller.js';
import { loadConfig } from '../../server/src/config/config.js';
import { startAppliance } from '../../server/src/server.js';
import { createTestDatabase } from '../helpers/db.js';

/**
 * The real collectors on this machine (systeminformation, /proc, TCP), and a short real polling
 * run writing to a real SQLite file. A simulated clock makes minutes pass in a second.
 */

function listen(): Promise<net.Server> {
  return new Promise((resolve) => {
    const s = net.createServer((c) => c.destroy());
    s.listen(0, '127.0.0.1', () => resolve(s));
  });
}

t.test('the real collectors, once: shapes and plausible ranges', async (t) => {
  const c = new SystemHealthCollectors();
  const cpu = await c.cpuLoad();
  t.ok(cpu.loadPct >= 0 && cpu.loadPct <= 100, `CPU load ${cpu.loadPct} %`);
  t.ok(cpu.cores >= 1, `${cpu.cores} cores`);
  const mem = await c.memory();
  t.ok(mem.totalBytes > 0, `memory ${Math.round(mem.totalBytes / 2 ** 20)} MiB`);
  t.ok(mem.availableBytes > 0 && mem.availableBytes <= mem.totalBytes);
  t.ok(mem.availablePct > 0 && mem.availablePct <= 100);

  const disks = await c.disks();
  t.ok(disks.length > 0, `disks: ${disks.map((d) => `${d.mount} ${d.freePct} % free`).join(', ')}`);
  for (const d of disks) {
    t.ok(d.sizeBytes > 0 && d.freePct >= 0 && d.freePct <= 100, `${d.mount} plausible`);
    t.notOk(['tmpfs', 'devtmpfs', 'proc', 'sysfs'].includes(d.type), `${d.mount} is storage (${d.type})`);
  }

  const temp = await c.temperature();
  t.ok(temp === null || (temp > 0 && temp < 130), `CPU temperature: ${temp === null ? 'no sensor on this machine' : `${temp} °C`}`);

  const net1 = await c.network();
  const io1 = await c.diskIo();
  await new Promise((r) => setTimeout(r, 600));
  const net2 = await c.network();
  const io2 = await c.diskIo();
  if (net1) {
    t.ok(net1.iface.length > 0);
    t.ok(net2 && (net2.rxBytesPerSec === null || net2.rxBytesPerSec >= 0), `network ${net2?.iface}: rx ${net2?.rxBytesPerSec} B/s`);
  } else {
    t.pass('no default network interface on this machine');
  }
  t.same(io1 && { r: io1.readBytesPerSec, w: io1.writeBytesPerSec }, { r: null, w: null }, 'disk I/O: no rate on the first reading');
  t.ok(io2 && io2.readBytesPerSec !== null && io2.readBytesPerSec >= 0 && io2.writeBytesPerSec! >= 0, `disk I/O: ${io2?.readBytesPerSec} B/s read, ${io2?.writeBytesPerSec} B/s written`);

  t.equal(await c.mediaWorkers(), null, 'no media module plugged in yet');
  c.useMediaWorkers(async () => [{ pid: process.pid, cpuMs: process.cpuUsage().user / 1000 }]);
  t.match(await c.mediaWorkers(), { count: 1, restarts: 0 });

  const server = await listen();
  t.teardown(() => server.close());
  const [up] = await c.reachability([{ id: 1, host: '127.0.0.1', port: (server.address() as net.AddressInfo).port }], 1_000);
  t.equal(up?.reachable, true);

  const scan = await c.peripherals();
  t.ok(Array.isArray(scan.displays) && Array.isArray(scan.usb) && Array.isArray(scan.audio) && Array.isArray(scan.blockDevices) && Array.isArray(scan.soundCards));
  t.ok(scan.durationMs >= 0, `peripheral scan took ${scan.durationMs} ms (${scan.blockDevices.length} block devices, ${scan.usb.length} USB, ${scan.displays.length} displays, errors: ${scan.errors.map((e) => e.source).join(', ') || 'none'})`);
});

t.test('a short real polling run (200 ms ticks) writes minute and hour rows to a SQLite file', async (t) => {
  const database = await createTestDatabase('sqlite');
  t.teardown(() => database.cleanup());
  t.ok(database.db.file && fs.existsSync(database.db.file), 'a real SQLite file');
  const tx = new KnexTransactor(database.db.knex);

  // A camera that answers, and one that does not (a port nobody listens on).
  const camera = await listen();
  t.teardown(() => camera.close());
  const closed = await listen();
  const closedPort = (closed.address() as net.AddressInfo).port;
  await new Promise<void>((r) => closed.close(() => r()));
  const actor = { accountId: null, login: 'test', ip: null };
  await tx.run(async (r) => {
    await r.devices.create({ kind: 'camera', name: 'Camera bảng', model: null, serial: null, location: 'Phòng 1', host: '127.0.0.1', port: (camera.address() as net.AddressInfo).port, notes: null }, new Date().toISOString());
    await r.devices.create({ kind: 'camera', name: 'Camera hỏng', model: null, serial: null, location: 'Phòng 1', host: '127.0.0.1', port: closedPort, notes: null }, new Date().toISOString());
    await r.audit.record(actor, 'test.setup', null, null);
  });

  // Each tick is 20 s of simulated time: a minute closes every three ticks.
  let now = Date.parse('2026-03-02T08:00:00.000Z');
  const clock = () => {
    const v = now;
    now += 20_000;
    return v;
  };
  const warnings: string[] = [];
  const poller = new HealthPoller({
    tx, collectors: new SystemHealthCollectors(), clock, intervals: { tickMs: 200, reachTimeoutMs: 500 },
    log: { warn: (o, m) => warnings.push(`${m} ${JSON.stringify(o)}`), info: () => undefined },
  });
  poller.start();
  const deadline = Date.now() + 10_000;
  while ((poller.latest()?.poller.ticks ?? 0) < 8 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  await poller.stop();
  const snap = poller.latest()!;
  t.ok(snap.poller.ticks >= 8, `${snap.poller.ticks} ticks, the last took ${snap.poller.lastTickMs} ms`);
  t.same(warnings, [], 'no collector failed');

  const knex = database.db.knex;
  const minuteRows = await knex('device_metric_buckets').where({ resolution: 'minute', metric: 'cpu.load_pct' }).orderBy('bucket_start');
  t.ok(minuteRows.length >= 2, `${minuteRows.length} minute rows for the CPU load`);
  t.equal(minuteRows[0].bucket_start, '2026-03-02T08:00:00.000Z');
  t.equal(Number(minuteRows[0].count), 3, 'three ticks in the first simulated minute');
  for (const r of minuteRows) t.ok(r.min >= 0 && r.max <= 100 && r.min <= r.avg && r.avg <= r.max);
  const hourRows = await knex('device_metric_buckets').where({ resolution: 'hour', metric: 'cpu.load_pct' });
  t.equal(hourRows.length, 1);
  t.equal(Number(hourRows[0].count), minuteRows.reduce((n, r) => n + Number(r.count), 0), 'the hour holds every minute');
  const metrics = (await knex('device_metric_buckets').where('resolution', 'minute').distinct('metric')).map((r) => r.metric as string);
  for (const m of ['cpu.load_pct', 'mem.available_pct', 'disk.write_bps', 'device.up:1', 'device.up:2']) t.ok(metrics.includes(m), `history of ${m}`);
  t.ok(metrics.some((m) => m.startsWith('disk.free_pct:')), 'history of the disks');
  const up1 = await knex('device_metric_buckets').where({ resolution: 'hour', metric: 'device.up:1' }).first();
  const up2 = await knex('device_metric_buckets').where({ resolution: 'hour', metric: 'device.up:2' }).first();
  t.equal(up1.avg, 1, 'the listening camera was always reachable');
  t.equal(up2.avg, 0, 'the other never');

  const alerts = await knex('device_alerts').select('rule', 'device_id', 'cleared_at', 'message_vi');
  t.equal(alerts.length, 1, 'one alert: the camera that does not answer');
  t.match(alerts[0], { rule: 'device_offline', device_id: 2, cleared_at: null });
  t.match(alerts[0].message_vi, /Camera "Camera hỏng"/);
  t.same(snap.devices.map((d) => d.reachable), [true, false]);
});

t.test('startAppliance starts the poller and close() stops it', async (t) => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'phonghoc-health-'));
  t.teardown(() => fs.rmSync(dataDir, { recursive: true, force: true }));
  const port = await new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => { const p = (s.address() as net.AddressInfo).port; s.close(() => resolve(p)); });
  });
  const config = loadConfig({ PHONGHOC_DATA_DIR: dataDir, PHONGHOC_HTTP_PORT: String(port), PHONGHOC_HTTPS_PORT: '0', PHONGHOC_HOSTNAME: 'localhost', PHONGHOC_PUBLIC_ADDRESSES: '127.0.0.1', PHONGHOC_LOG_LEVEL: 'silent' });
  const running = await startAppliance(config, { healthPolling: { tickMs: 200 } });
  const poller = running.services.healthPoller;
  t.equal(poller.isRunning, true);
  const deadline = Date.now() + 10_000;
  while ((poller.latest()?.poller.ticks ?? 0) < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  t.ok(poller.latest()!.poller.ticks >= 2);
  await running.close();
  t.equal(poller.isRunning, false);
});
