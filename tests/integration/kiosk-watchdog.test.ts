import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import t from 'tap';
import { KioskWatchdog, probeDevtools, type WatchdogEvent } from '../../appliance/src/kiosk/kiosk-watchdog.js';

/**
 * The watchdog against small fake "browsers" (Node scripts). They stand in for Chromium on a
 * machine without a display: one exits after a second, like a browser that crashes; the other
 * answers DevTools' /json/version and then stops answering (its event loop blocks), like a hung
 * browser. A real Chromium run is in kiosk-headless.test.ts.
 */

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

function recorder() {
  const events: WatchdogEvent[] = [];
  const waiters: Array<{ pred: (e: WatchdogEvent) => boolean; resolve: (e: WatchdogEvent) => void }> = [];
  return {
    events,
    onEvent(e: WatchdogEvent) {
      events.push(e);
      for (const w of waiters.splice(0)) {
        if (w.pred(e)) w.resolve(e);
        else waiters.push(w);
      }
    },
    waitFor(pred: (e: WatchdogEvent) => boolean, timeoutMs: number, what: string): Promise<WatchdogEvent> {
      const seen = events.find(pred);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}; events: ${events.map((e) => e.type).join(',')}`)), timeoutMs);
        waiters.push({ pred, resolve: (e) => { clearTimeout(timer); resolve(e); } });
      });
    },
  };
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'phonghoc-watchdog-'));
t.teardown(() => fs.rmSync(dir, { recursive: true, force: true }));

const exitingBrowser = path.join(dir, 'exiting-browser.mjs');
fs.writeFileSync(exitingBrowser, `// A "browser" that crashes one second after it starts.
setTimeout(() => process.exit(1), 1000);
`);

const hangingBrowser = path.join(dir, 'hanging-browser.mjs');
fs.writeFileSync(hangingBrowser, `// A "browser" that serves /json/version like Chromium, then hangs (its event loop blocks).
import http from 'node:http';
const port = Number(process.argv.find((a) => a.startsWith('--remote-debugging-port='))?.split('=')[1]);
const hangAfter = Number(process.env.HANG_AFTER_MS ?? 1200);
http.createServer((req, res) => {
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify({ Browser: 'FakeChrome/1.0', 'Protocol-Version': '1.3' }));
}).listen(port, '127.0.0.1', () => {
  setTimeout(() => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0), hangAfter);
});
`);

t.test('a browser that exits is started again, with growing delays', async (t) => {
  const rec = recorder();
  const wd = new KioskWatchdog({
    command: process.execPath,
    args: [exitingBrowser],
    stdio: 'ignore',
    backoff: { initialMs: 100, factor: 2, maxMs: 1000 },
    crashLoop: { maxRestarts: 10, windowMs: 60_000, cooldownMs: 60_000 },
    onEvent: (e) => rec.onEvent(e),
  });
  t.teardown(() => wd.stop());
  wd.start();
  await rec.waitFor((e) => e.type === 'spawn' && e.attempt === 3, 10_000, 'the third start');
  const exits = rec.events.filter((e) => e.type === 'exit');
  t.ok(exits.length >= 2, 'it exited twice before');
  for (const e of exits) if (e.type === 'exit') t.equal(e.code, 1);
  const delays = rec.events.flatMap((e) => (e.type === 'restart-scheduled' ? [e.delayMs] : []));
  t.same(delays.slice(0, 2), [100, 200], 'exponential backoff');
  const pids = rec.events.flatMap((e) => (e.type === 'spawn' ? [e.pid] : []));
  t.equal(new Set(pids).size, pids.length, 'a new process each time');
  await wd.stop();
  const spawns = wd.starts;
  await new Promise((r) => setTimeout(r, 1500));
  t.equal(wd.starts, spawns, 'nothing starts after stop()');
});

t.test('a crash loop backs off for the cool-down', async (t) => {
  const rec = recorder();
  const wd = new KioskWatchdog({
    command: process.execPath,
    args: ['-e', 'process.exit(3)'],
    stdio: 'ignore',
    backoff: { initialMs: 20, factor: 1, maxMs: 20 },
    crashLoop: { maxRestarts: 3, windowMs: 60_000, cooldownMs: 30_000 },
    onEvent: (e) => rec.onEvent(e),
  });
  t.teardown(() => wd.stop());
  wd.start();
  const loop = await rec.waitFor((e) => e.type === 'crash-loop', 10_000, 'the crash-loop guard');
  t.match(loop, { type: 'crash-loop', restarts: 4, cooldownMs: 30_000 });
  const last = await rec.waitFor((e) => e.type === 'restart-scheduled' && e.delayMs === 30_000, 1000, 'the long pause');
  t.ok(last);
  t.equal(wd.starts, 4, 'no fifth start during the cool-down');
  await wd.stop();
});

t.test('a browser that stops answering /json/version is killed and started again', async (t) => {
  const port = await freePort();
  const rec = recorder();
  const wd = new KioskWatchdog({
    command: process.execPath,
    args: [hangingBrowser, `--remote-debugging-port=${port}`],
    env: { ...process.env, HANG_AFTER_MS: '1200' },
    stdio: 'ignore',
    devtoolsPort: port,
    probeIntervalMs: 200,
    probeTimeoutMs: 300,
    maxFailedProbes: 3,
    startupGraceMs: 5_000,
    backoff: { initialMs: 100 },
    onEvent: (e) => rec.onEvent(e),
  });
  t.teardown(() => wd.stop());
  wd.start();
  const first = await rec.waitFor((e) => e.type === 'healthy', 5_000, 'the first answer');
  t.match(first, { browser: 'FakeChrome/1.0' });
  const hang = await rec.waitFor((e) => e.type === 'hang', 10_000, 'the hang');
  t.match(hang, { failures: 3 });
  const exit = await rec.waitFor((e) => e.type === 'exit', 5_000, 'the kill');
  t.match(exit, { signal: 'SIGKILL' });
  t.match(await rec.waitFor((e) => e.type === 'restart-scheduled', 1000, 'the restart'), { reason: 'hang' });
  const second = await rec.waitFor((e) => e.type === 'healthy' && e !== first, 8_000, 'the restarted browser answering');
  t.ok(second);
  t.equal(wd.starts, 2);
  t.equal(await probeDevtools(port, 1000), 'FakeChrome/1.0');
  await wd.stop();
});

t.test('without an answer at all, the start-up grace ends in a restart', async (t) => {
  const port = await freePort(); // nothing listens there
  const rec = recorder();
  const wd = new KioskWatchdog({
    command: process.execPath,
    args: ['-e', 'setInterval(() => {}, 1000)'],
    stdio: 'ignore',
    devtoolsPort: port,
    probeIntervalMs: 100,
    probeTimeoutMs: 200,
    maxFailedProbes: 2,
    startupGraceMs: 600,
    backoff: { initialMs: 50 },
    onEvent: (e) => rec.onEvent(e),
  });
  t.teardown(() => wd.stop());
  wd.start();
  await rec.waitFor((e) => e.type === 'hang', 5_000, 'the hang after the grace');
  const failed = rec.events.filter((e) => e.type === 'probe-failed');
  t.ok(failed.length >= 2, 'probe failures counted only after the grace');
  await rec.waitFor((e) => e.type === 'spawn' && e.attempt === 2, 5_000, 'the second start');
  await wd.stop();
});

t.test('a missing executable is reported and retried, not thrown', async (t) => {
  const rec = recorder();
  const wd = new KioskWatchdog({
    command: path.join(dir, 'no-such-browser'),
    args: [],
    stdio: 'ignore',
    backoff: { initialMs: 50 },
    onEvent: (e) => rec.onEvent(e),
  });
  t.teardown(() => wd.stop());
  wd.start();
  const err = await rec.waitFor((e) => e.type === 'spawn-error', 3_000, 'the spawn error');
  t.match(err, { error: /ENOENT/ });
  await rec.waitFor((e) => e.type === 'restart-scheduled', 3_000, 'a retry');
  await wd.stop();
});
