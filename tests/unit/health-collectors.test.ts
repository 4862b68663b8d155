import t from 'tap';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseDiskstats } from '../../appliance/src/health/disk-io.js';
import { parseAsoundCards } from '../../appliance/src/health/peripherals.js';
import { MediaWorkerTracker, procCpuMs, procMediaWorkerSource } from '../../appliance/src/health/media-workers.js';
import { checkReachability, tcpCheck } from '../../appliance/src/health/reachability.js';
import { ProcCpuMeter, SysNetMeter, loadBetween, parseProcStat } from '../../appliance/src/health/proc-meters.js';

t.test('/proc/stat: CPU load between two readings', async (t) => {
  const stat = (user: number, idle: number, iowait = 0) => [
    `cpu  ${user} 0 100 ${idle} ${iowait} 0 0 0 0 0`,
    `cpu0 ${user / 2} 0 50 ${idle / 2} 0 0 0 0 0 0`,
    `cpu1 ${user / 2} 0 50 ${idle / 2} 0 0 0 0 0 0`,
    'intr 12345', 'ctxt 999',
  ].join('\n');
  const a = parseProcStat(stat(900, 9000))!;
  t.same(a, { busy: 1000, total: 10000, cores: 2 });
  t.equal(loadBetween(null, a), 10, 'the first reading: since boot');
  // +300 busy (user) and +700 idle: 30 %. I/O wait counts as idle, as in systeminformation.
  t.equal(loadBetween(a, parseProcStat(stat(1200, 9500, 200))!), 30);
  t.equal(loadBetween(a, a), 0, 'no time passed');
  t.equal(parseProcStat('garbage'), null);

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'phonghoc-proc-'));
  t.teardown(() => fs.rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'stat');
  fs.writeFileSync(file, stat(900, 9000));
  const m = new ProcCpuMeter(file);
  t.same(await m.read(), { loadPct: 10, cores: 2 });
  fs.writeFileSync(file, stat(1900, 9000));
  t.same(await m.read(), { loadPct: 100, cores: 2 });
  t.equal(await new ProcCpuMeter(path.join(dir, 'missing')).read(), null);
});

t.test('/sys/class/net: bytes per second between two readings', async (t) => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'phonghoc-net-'));
  t.teardown(() => fs.rmSync(root, { recursive: true, force: true }));
  fs.mkdirSync(path.join(root, 'eth0', 'statistics'), { recursive: true });
  const set = (rx: number, tx: number) => {
    fs.writeFileSync(path.join(root, 'eth0', 'statistics', 'rx_bytes'), `${rx}\n`);
    fs.writeFileSync(path.join(root, 'eth0', 'statistics', 'tx_bytes'), `${tx}\n`);
  };
  let now = 0;
  const m = new SysNetMeter(root, () => now);
  set(1000, 500);
  t.same(await m.read('eth0'), { iface: 'eth0', rxBytesPerSec: null, txBytesPerSec: null });
  now = 2_000;
  set(5000, 1500);
  t.same(await m.read('eth0'), { iface: 'eth0', rxBytesPerSec: 2000, txBytesPerSec: 500 });
  now = 4_000;
  set(10, 1500);
  t.same(await m.read('eth0'), { iface: 'eth0', rxBytesPerSec: null, txBytesPerSec: 0 }, 'a counter reset is no reading');
  t.equal(await m.read('wlan0'), null);
  t.equal(await m.read('../eth0'), null);
});

t.test('/proc/diskstats: whole disks only, sectors of 512 bytes', async (t) => {
  const text = [
    ' 253       0 vda 200288 1234 8000 84320 81996 555 16000 44121 0 0 0',
    ' 253       1 vda1 100 0 4000 10 50 0 2000 5 0 0 0',
    '   7       0 loop0 10 0 80 1 0 0 0 0 0 0 0',
    ' 259       0 nvme0n1 5 0 100 1 5 0 300 1 0 0 0',
  ].join('\n');
  t.same(parseDiskstats(text, new Set(['vda', 'nvme0n1'])), { readBytes: (8000 + 100) * 512, writeBytes: (16000 + 300) * 512 });
  t.same(parseDiskstats('', new Set(['vda'])), { readBytes: 0, writeBytes: 0 });
});

t.test('/proc/asound/cards lists USB microphones that lspci misses', async (t) => {
  const text = [
    ' 0 [PCH            ]: HDA-Intel - HDA Intel PCH',
    '                      HDA Intel PCH at 0xf7f10000 irq 32',
    ' 1 [Microphone     ]: USB-Audio - USB PnP Sound Device',
    '                      C-Media Electronics Inc. USB PnP Sound Device at usb-0000:00:14.0-2, full speed',
  ].join('\n');
  t.same(parseAsoundCards(text), [{ index: 0, id: 'PCH', name: 'HDA Intel PCH' }, { index: 1, id: 'Microphone', name: 'USB PnP Sound Device' }]);
  t.same(parseAsoundCards('--- no soundcards ---'), []);
});

t.test('media workers: count, restarts (a pid that disappeared), CPU % of one core', async (t) => {
  let now = 0;
  const tr = new MediaWorkerTracker(() => now);
  t.same(tr.observe([{ pid: 10, cpuMs: 1000 }, { pid: 11, cpuMs: 500 }]), { count: 2, restarts: 0, cpuPct: null, workers: [{ pid: 10, cpuPct: null }, { pid: 11, cpuPct: null }] });
  now = 5_000;
  // pid 10 used 1 s of CPU in 5 s (20 %), pid 11 used 250 ms (5 %).
  t.same(tr.observe([{ pid: 10, cpuMs: 2000 }, { pid: 11, cpuMs: 750 }]), { count: 2, restarts: 0, cpuPct: 25, workers: [{ pid: 10, cpuPct: 20 }, { pid: 11, cpuPct: 5 }] });
  now = 10_000;
  // pid 11 died and was replaced by pid 12.
  const r = tr.observe([{ pid: 10, cpuMs: 2500 }, { pid: 12, cpuMs: 30 }]);
  t.equal(r.restarts, 1);
  t.same(r.workers, [{ pid: 10, cpuPct: 10 }, { pid: 12, cpuPct: null }]);
  now = 15_000;
  t.equal(tr.observe([]).restarts, 3, 'both gone: two more');
});

t.test('CPU time of a process from /proc/<pid>/stat', async (t) => {
  const ms = await procCpuMs(process.pid);
  t.ok(ms !== null && ms >= 0, `this process used ${ms} ms`);
  t.equal(await procCpuMs(2 ** 22 + 12345), null, 'a pid that does not exist');
  const src = procMediaWorkerSource(() => [process.pid, 2 ** 22 + 12345]);
  const list = await src();
  t.equal(list.length, 1);
  t.equal(list[0]!.pid, process.pid);
});

t.test('reachability: a TCP connect with a timeout', async (t) => {
  const server = net.createServer((s) => s.destroy());
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  t.teardown(() => server.close());
  const port = (server.address() as net.AddressInfo).port;
  // A port that was free a moment ago: nothing listens there.
  const probe = net.createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
  const closedPort = (probe.address() as net.AddressInfo).port;
  await new Promise<void>((r) => probe.close(() => r()));

  const up = await tcpCheck({ id: 1, host: '127.0.0.1', port }, 1_000);
  t.equal(up.reachable, true);
  t.ok(up.rttMs !== null && up.rttMs >= 0);
  const down = await tcpCheck({ id: 2, host: '127.0.0.1', port: closedPort }, 1_000);
  t.match(down, { id: 2, reachable: false, rttMs: null, error: 'ECONNREFUSED' });
  const bad = await tcpCheck({ id: 3, host: 'no-such-camera.invalid', port: 554 }, 1_000);
  t.equal(bad.reachable, false);

  const t0 = performance.now();
  const many = await checkReachability(Array.from({ length: 20 }, (_, i) => ({ id: i + 1, host: '127.0.0.1', port: i % 2 ? port : closedPort })), 1_000, 4);
  t.equal(many.length, 20);
  t.same(many.map((m) => m.id), Array.from({ length: 20 }, (_, i) => i + 1), 'results keep the order of the targets');
  t.same(many.map((m) => m.reachable), Array.from({ length: 20 }, (_, i) => i % 2 === 1));
  t.ok(performance.now() - t0 < 2_000);
  t.same(await checkReachability([], 1_000), []);
});
