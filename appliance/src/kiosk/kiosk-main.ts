/**
 * Entry point of the kiosk container (provisioning/kiosk/):
 *   node kiosk-main.js write-policy   as root, before X starts: writes the managed Chromium policy
 *   node kiosk-main.js run            as the kiosk user, inside X: the browser under the watchdog,
 *                                     and the screen kept awake while a lesson is live
 * Settings come from KIOSK_* variables (kiosk-env.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseKioskEnv, KioskEnvError, type KioskSettings } from './kiosk-env.js';
import { chromiumArgs, kioskPolicy, writeKioskPolicy, POLICY_FILE_NAME } from './kiosk-launcher.js';
import { KioskWatchdog, type WatchdogEvent } from './kiosk-watchdog.js';
import { ScreenKeeper } from './screen-awake.js';

function log(message: string): void {
  console.log(`[kiosk] ${new Date().toISOString()} ${message}`);
}

function describe(e: WatchdogEvent): string {
  switch (e.type) {
    case 'spawn': return `browser started (pid ${e.pid}, start #${e.attempt})`;
    case 'healthy': return `browser answers on DevTools (${e.browser})`;
    case 'probe-failed': return `browser did not answer (${e.failures}): ${e.error}`;
    case 'hang': return `browser hung (${e.failures} probes unanswered): killing it`;
    case 'exit': return `browser exited (code ${e.code ?? '-'}, signal ${e.signal ?? '-'}) after ${Math.round(e.uptimeMs / 1000)} s`;
    case 'restart-scheduled': return `restart in ${Math.round(e.delayMs / 100) / 10} s (${e.reason})`;
    case 'crash-loop': return `crash loop: ${e.restarts} restarts in ${e.windowMs / 1000} s; waiting ${e.cooldownMs / 1000} s`;
    case 'spawn-error': return `cannot start the browser: ${e.error}`;
    case 'stopped': return 'stopped';
  }
}

/** Live lessons according to the server's health answer; undefined when it cannot tell. */
export async function fetchLiveLessons(statusUrl: string, timeoutMs = 5_000): Promise<number | undefined> {
  try {
    const res = await fetch(statusUrl, { signal: AbortSignal.timeout(timeoutMs) });
    if (!res.ok) return undefined;
    const body = (await res.json()) as { liveLessons?: unknown };
    return typeof body.liveLessons === 'number' && Number.isFinite(body.liveLessons) ? body.liveLessons : undefined;
  } catch {
    return undefined;
  }
}

async function waitForServer(statusUrl: string, maxSeconds: number): Promise<boolean> {
  const deadline = Date.now() + maxSeconds * 1000;
  while (Date.now() < deadline) {
    try {
      await fetch(statusUrl, { signal: AbortSignal.timeout(2_000) });
      return true;
    } catch {
      await new Promise((r) => setTimeout(r, 1_000));
    }
  }
  return false;
}

function writePolicy(settings: KioskSettings): void {
  const file = writeKioskPolicy(kioskPolicy({ url: settings.url }), { dir: settings.policyDir });
  log(`policy written: ${file}`);
}

async function run(settings: KioskSettings): Promise<void> {
  const policyFile = path.join(settings.policyDir, POLICY_FILE_NAME);
  if (!fs.existsSync(policyFile)) {
    log(`WARNING: ${policyFile} is missing: the browser is not locked down and will prompt for the camera. Run "write-policy" as root first.`);
  }
  fs.mkdirSync(settings.userDataDir, { recursive: true, mode: 0o700 });

  if (!(await waitForServer(settings.statusUrl, 120))) log(`server not answering at ${settings.statusUrl} after 120 s; starting the browser anyway`);

  const screen = new ScreenKeeper({ method: settings.screenMethod, onError: (m) => log(`screen: ${m}`) });
  await screen.setAwake(false);

  const watchdog = new KioskWatchdog({
    command: settings.chromium,
    args: () => chromiumArgs({
      url: settings.url,
      userDataDir: settings.userDataDir,
      remoteDebuggingPort: settings.debugPort,
      kiosk: true,
      gpu: settings.gpu,
      noSandbox: settings.noSandbox,
      language: settings.language,
      windowSize: settings.windowSize,
    }),
    devtoolsPort: settings.debugPort,
    onEvent: (e) => log(describe(e)),
  });
  watchdog.start();

  let warnedNoField = false;
  const poll = setInterval(() => {
    void fetchLiveLessons(settings.statusUrl).then((n) => {
      if (n === undefined) {
        // Server restarting or an older server without the field: keep the current state.
        if (!warnedNoField) { log(`no liveLessons count from ${settings.statusUrl}; screen state unchanged`); warnedNoField = true; }
        return;
      }
      warnedNoField = false;
      const before = screen.liveLessons;
      void screen.setLiveLessons(n).then(() => {
        if ((before > 0) !== (n > 0)) log(n > 0 ? `lesson live (${n}): screen kept awake` : 'no lesson live: screen may blank');
      });
    });
  }, settings.pollSeconds * 1000);

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      clearInterval(poll);
      log(`${signal}: stopping`);
      void watchdog.stop().then(() => process.exit(0));
    });
  }
}

async function main(argv: string[]): Promise<void> {
  const command = argv[0] ?? 'run';
  let settings: KioskSettings;
  try {
    settings = parseKioskEnv();
  } catch (err) {
    if (err instanceof KioskEnvError) {
      console.error(err.message);
      process.exit(78);
    }
    throw err;
  }
  if (command === 'write-policy') return writePolicy(settings);
  if (command === 'run') return run(settings);
  console.error('usage: kiosk-main.js write-policy|run');
  process.exit(2);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main(process.argv.slice(2)).catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
