import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import t from 'tap';
import { chromiumArgs, kioskPolicy, writeKioskPolicy } from '../../appliance/src/kiosk/kiosk-launcher.js';
import { KioskWatchdog, probeDevtools, type WatchdogEvent } from '../../appliance/src/kiosk/kiosk-watchdog.js';

/**
 * A real browser: Debian's /usr/bin/chromium, headless, started by the watchdog with the
 * launcher's flags (minus the display ones: --kiosk and the window geometry), on a tiny local page.
 * It answers /json/version; killed, it is started again; frozen (SIGSTOP), it is seen as hung,
 * killed and started again. Then the managed policy is checked on a real browser too.
 */

const CHROMIUM = '/usr/bin/chromium';
const requireAll = process.env.PHONGHOC_TEST_REQUIRE_ALL === '1';

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

interface PageServer {
  port: number;
  hits: string[];
  close(): Promise<void>;
}

function pageServer(html: string): Promise<PageServer> {
  const hits: string[] = [];
  const server = http.createServer((req, res) => {
    hits.push(req.url ?? '');
    if (req.url === '/favicon.ico') { res.statusCode = 404; res.end(); return; }
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.end(html);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({
    port: (server.address() as net.AddressInfo).port,
    hits,
    close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }),
  })));
}

function recorder() {
  const events: WatchdogEvent[] = [];
  let waiters: Array<{ pred: (e: WatchdogEvent) => boolean; resolve: (e: WatchdogEvent) => void }> = [];
  return {
    events,
    onEvent(e: WatchdogEvent) {
      events.push(e);
      const still: typeof waiters = [];
      for (const w of waiters) (w.pred(e) ? w.resolve(e) : still.push(w));
      waiters = still;
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

async function devtoolsVersion(port: number): Promise<{ Browser: string; webSocketDebuggerUrl: string }> {
  const res = await fetch(`http://127.0.0.1:${port}/json/version`, { signal: AbortSignal.timeout(3000) });
  return (await res.json()) as { Browser: string; webSocketDebuggerUrl: string };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

t.test('a real headless Chromium under the watchdog', { skip: !fs.existsSync(CHROMIUM) && !requireAll ? `${CHROMIUM} is not installed (bash scripts/setup-debian.sh)` : false }, async (t) => {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: run bash scripts/setup-debian.sh`);
  const page = await pageServer('<!doctype html><title>Phonghoc kiosk test</title><h1>Phòng học</h1>');
  t.teardown(() => page.close());
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'phonghoc-kiosk-profile-'));
  t.teardown(() => fs.rmSync(profile, { recursive: true, force: true }));
  const debugPort = await freePort();

  const args = chromiumArgs({ url: `http://127.0.0.1:${page.port}/`, userDataDir: profile, remoteDebuggingPort: debugPort, headless: true, kiosk: false, noSandbox: process.getuid?.() === 0 });
  t.notOk(args.includes('--kiosk'), 'display-only flags left out');
  t.ok(args.includes('--disable-pinch') && args.includes('--autoplay-policy=no-user-gesture-required'), 'the rest of the kiosk flags are used');

  const rec = recorder();
  const wd = new KioskWatchdog({
    command: CHROMIUM,
    args,
    stdio: 'ignore',
    devtoolsPort: debugPort,
    probeIntervalMs: 300,
    probeTimeoutMs: 1000,
    maxFailedProbes: 3,
    startupGraceMs: 30_000,
    backoff: { initialMs: 200 },
    onEvent: (e) => rec.onEvent(e),
  });
  t.teardown(() => wd.stop());
  wd.start();

  const healthy = await rec.waitFor((e) => e.type === 'healthy', 60_000, 'Chromium answering /json/version');
  t.match(healthy, { browser: /Chrome\/\d+/ });
  const v1 = await devtoolsVersion(debugPort);
  t.match(v1.Browser, /Chrome\/\d+/, '/json/version answers');
  for (let i = 0; i < 50 && !page.hits.includes('/'); i++) await new Promise((r) => setTimeout(r, 100));
  t.ok(page.hits.includes('/'), 'the --app page was loaded');

  // A crash: kill the browser process itself.
  const pid1 = wd.pid!;
  process.kill(pid1, 'SIGKILL');
  const exit = await rec.waitFor((e) => e.type === 'exit' && e.pid === pid1, 10_000, 'the exit');
  t.match(exit, { signal: 'SIGKILL' });
  const healthy2 = await rec.waitFor((e) => e.type === 'healthy' && e.pid !== pid1, 60_000, 'the restarted Chromium');
  t.ok(healthy2);
  const v2 = await devtoolsVersion(debugPort);
  t.not(v2.webSocketDebuggerUrl, v1.webSocketDebuggerUrl, 'a new browser instance answers');
  t.equal(wd.starts, 2);

  // A hang: freeze the browser; /json/version stops answering.
  const pid2 = wd.pid!;
  process.kill(pid2, 'SIGSTOP');
  const hang = await rec.waitFor((e) => e.type === 'hang' && e.pid === pid2, 20_000, 'the hang');
  t.ok(hang, 'seen as hung');
  await rec.waitFor((e) => e.type === 'healthy' && e.pid !== pid1 && e.pid !== pid2, 60_000, 'the third Chromium');
  t.equal(wd.starts, 3);
  t.notOk(alive(pid2), 'the frozen browser was killed');

  const pid3 = wd.pid!;
  await wd.stop();
  t.notOk(alive(pid3), 'stop() ends the browser');
  await t.rejects(probeDevtools(debugPort, 500), 'nothing answers after stop()');
});

/** Can this test give one Chromium process its own /etc/chromium (a private mount namespace)? */
function canMountPolicy(): string | undefined {
  if (process.getuid?.() !== 0) return 'needs root (a private mount namespace for /etc/chromium)';
  if (!fs.existsSync('/etc/chromium')) return '/etc/chromium does not exist (nothing to mount over)';
  try {
    execFileSync('unshare', ['--mount', '--propagation', 'private', 'sh', '-c', 'mount --bind /tmp /etc/chromium'], { stdio: 'ignore' });
    return undefined;
  } catch {
    return 'unshare --mount is not permitted here';
  }
}

// Chromium reads policies only from /etc/chromium; writing there would change every browser on the
// machine (other tests included), so the policy is mounted for this one browser process only.
const policySkip = !fs.existsSync(CHROMIUM) ? (requireAll ? false : `${CHROMIUM} is not installed`) : canMountPolicy() ?? false;

t.test('the managed policy on a real Chromium: camera without prompt, other sites blocked, DevTools closed', { skip: policySkip }, async (t) => {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: run bash scripts/setup-debian.sh`);
  const elsewhere = await pageServer('<!doctype html><title>elsewhere</title>');
  t.teardown(() => elsewhere.close());
  const results: string[] = [];
  const page = await pageServer(`<!doctype html><title>kiosk</title><script>
    navigator.mediaDevices.getUserMedia({ video: true, audio: true })
      .then((s) => 'granted:' + s.getTracks().length, (e) => 'denied:' + e.name)
      .then((r) => fetch('/result?' + r))
      .then(() => { location.href = 'http://127.0.0.1:${elsewhere.port}/escape'; });
  </script>`);
  t.teardown(() => page.close());
  const origHits = page.hits;
  const resultWatcher = setInterval(() => {
    for (const h of origHits) if (h.startsWith('/result?') && !results.includes(h)) results.push(h);
  }, 50);
  t.teardown(() => clearInterval(resultWatcher));

  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'phonghoc-etc-chromium-'));
  t.teardown(() => fs.rmSync(root, { recursive: true, force: true }));
  if (fs.existsSync('/etc/chromium/master_preferences')) fs.copyFileSync('/etc/chromium/master_preferences', path.join(root, 'master_preferences'));
  const url = `http://127.0.0.1:${page.port}/`;
  writeKioskPolicy(kioskPolicy({ url }), { dir: path.join(root, 'policies', 'managed') });

  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'phonghoc-kiosk-profile-'));
  t.teardown(() => fs.rmSync(profile, { recursive: true, force: true }));
  const debugPort = await freePort();
  // A fake camera and microphone (this machine has none); no --use-fake-ui-for-media-stream:
  // headless Chromium denies every prompt, so only the policy can grant them.
  const args = chromiumArgs({ url, userDataDir: profile, remoteDebuggingPort: debugPort, headless: true, noSandbox: true, extraFlags: ['--use-fake-device-for-media-stream'] });
  const rec = recorder();
  const wd = new KioskWatchdog({
    command: 'unshare',
    args: ['--mount', '--propagation', 'private', 'sh', '-c', 'mount --bind "$0" /etc/chromium && exec "$@"', root, CHROMIUM, ...args],
    stdio: 'ignore',
    devtoolsPort: debugPort,
    probeIntervalMs: 300,
    onEvent: (e) => rec.onEvent(e),
  });
  t.teardown(() => wd.stop());
  wd.start();
  await rec.waitFor((e) => e.type === 'healthy', 60_000, 'Chromium with the policy answering /json/version');

  for (let i = 0; i < 100 && results.length === 0; i++) await new Promise((r) => setTimeout(r, 100));
  t.same(results, ['/result?granted:2'], 'camera and microphone granted to the local page without a prompt');
  await new Promise((r) => setTimeout(r, 1500));
  t.same(elsewhere.hits, [], 'navigation to another origin never reached it (URLBlocklist)');

  // DeveloperToolsAvailability=2: the HTTP endpoint the watchdog uses answers, but the page cannot
  // be attached to (no script can be run in the teacher's session through the DevTools port).
  const targets = (await (await fetch(`http://127.0.0.1:${debugPort}/json/list`)).json()) as Array<{ type: string; webSocketDebuggerUrl?: string }>;
  const pageTarget = targets.find((x) => x.type === 'page' && x.webSocketDebuggerUrl);
  t.ok(pageTarget, 'the page is listed');
  const wsPath = new URL(pageTarget!.webSocketDebuggerUrl!).pathname;
  const status = await new Promise<number>((resolve, reject) => {
    const req = http.request({
      host: '127.0.0.1', port: debugPort, path: wsPath,
      headers: { Connection: 'Upgrade', Upgrade: 'websocket', 'Sec-WebSocket-Version': '13', 'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==' },
    });
    req.on('upgrade', (_res, socket) => { socket.destroy(); resolve(101); });
    req.on('response', (res) => { res.resume(); resolve(res.statusCode ?? 0); });
    req.on('error', reject);
    req.end();
  });
  t.equal(status, 403, 'DevTools cannot attach to the page');
  await wd.stop();

  // Without the policy the same page is denied: the grant above came from the policy.
  const rec2 = recorder();
  results.length = 0;
  origHits.length = 0;
  const profile2 = fs.mkdtempSync(path.join(os.tmpdir(), 'phonghoc-kiosk-profile-'));
  t.teardown(() => fs.rmSync(profile2, { recursive: true, force: true }));
  const debugPort2 = await freePort();
  const wd2 = new KioskWatchdog({
    command: CHROMIUM,
    args: chromiumArgs({ url, userDataDir: profile2, remoteDebuggingPort: debugPort2, headless: true, noSandbox: true, extraFlags: ['--use-fake-device-for-media-stream'] }),
    stdio: 'ignore',
    devtoolsPort: debugPort2,
    probeIntervalMs: 300,
    onEvent: (e) => rec2.onEvent(e),
  });
  t.teardown(() => wd2.stop());
  wd2.start();
  await rec2.waitFor((e) => e.type === 'healthy', 60_000, 'Chromium without the policy');
  for (let i = 0; i < 100 && results.length === 0; i++) await new Promise((r) => setTimeout(r, 100));
  t.same(results, ['/result?denied:NotAllowedError'], 'no policy, no camera');
  await wd2.stop();
});
