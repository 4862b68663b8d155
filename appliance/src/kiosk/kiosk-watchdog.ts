/**
 * Keeps the kiosk browser running: restarts it when it exits (with exponential backoff and a
 * crash-loop guard) and when it hangs. A hang is seen through the DevTools HTTP endpoint the
 * browser serves on loopback: `GET http://127.0.0.1:<port>/json/version` is answered by the
 * browser process itself, so no answer within the timeout, several times in a row, means the
 * browser is stuck; it is then killed (SIGKILL, whole process group) and started again.
 */
import { spawn as nodeSpawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import http from 'node:http';

export type WatchdogEvent =
  | { type: 'spawn'; pid: number; attempt: number }
  | { type: 'healthy'; pid: number; browser: string }
  | { type: 'probe-failed'; pid: number; failures: number; error: string }
  | { type: 'hang'; pid: number; failures: number }
  | { type: 'exit'; pid: number; code: number | null; signal: NodeJS.Signals | null; uptimeMs: number }
  | { type: 'restart-scheduled'; reason: 'exit' | 'hang' | 'spawn-error'; delayMs: number }
  | { type: 'crash-loop'; restarts: number; windowMs: number; cooldownMs: number }
  | { type: 'spawn-error'; error: string }
  | { type: 'stopped' };

export interface WatchdogOptions {
  command: string;
  /** Called before every start, so a restart can use fresh arguments. */
  args: string[] | (() => string[]);
  env?: NodeJS.ProcessEnv;
  /** Hang detection: the port given to `--remote-debugging-port`. Without it only exits are watched. */
  devtoolsPort?: number;
  /** How often /json/version is asked (ms). */
  probeIntervalMs?: number;
  /** How long one answer may take (ms). */
  probeTimeoutMs?: number;
  /** Unanswered probes in a row that count as a hang. */
  maxFailedProbes?: number;
  /** Time the browser has to answer for the first time before failures count (ms). */
  startupGraceMs?: number;
  /** Restart delays: initial × factor^(n-1), capped; reset once the browser ran `stableAfterMs`. */
  backoff?: { initialMs?: number; factor?: number; maxMs?: number };
  stableAfterMs?: number;
  /** More than `maxRestarts` restarts within `windowMs` → wait `cooldownMs` before the next one. */
  crashLoop?: { maxRestarts?: number; windowMs?: number; cooldownMs?: number };
  /** Grace between SIGTERM and SIGKILL when stopping (ms). */
  killTimeoutMs?: number;
  /** Browser output: inherited by default (the container log); 'ignore' in tests. */
  stdio?: 'inherit' | 'ignore';
  onEvent?: (event: WatchdogEvent) => void;
  /** Injectable for tests. */
  spawn?: (command: string, args: string[], options: SpawnOptions) => ChildProcess;
}

type Resolved = Required<Omit<WatchdogOptions, 'devtoolsPort' | 'env' | 'onEvent' | 'spawn' | 'backoff' | 'crashLoop'>> & {
  devtoolsPort: number | undefined;
  backoff: { initialMs: number; factor: number; maxMs: number };
  crashLoop: { maxRestarts: number; windowMs: number; cooldownMs: number };
};

/** One GET /json/version with a hard timeout; resolves the `Browser` field or rejects. */
export function probeDevtools(port: number, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path: '/json/version', agent: false, timeout: timeoutMs }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => { body += chunk; });
      res.on('end', () => {
        clearTimeout(timer);
        if (res.statusCode !== 200) return reject(new Error(`HTTP ${res.statusCode}`));
        try {
          const parsed = JSON.parse(body) as { Browser?: unknown };
          resolve(typeof parsed.Browser === 'string' ? parsed.Browser : 'unknown');
        } catch {
          reject(new Error('answer is not JSON'));
        }
      });
      res.on('error', (err) => { clearTimeout(timer); reject(err); });
    });
    // `timeout` above is an idle-socket timeout; this one bounds the whole exchange.
    const timer = setTimeout(() => req.destroy(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', (err) => { clearTimeout(timer); reject(err); });
  });
}

export class KioskWatchdog {
  private readonly opts: Resolved;
  private readonly emit: (event: WatchdogEvent) => void;
  private readonly spawnFn: NonNullable<WatchdogOptions['spawn']>;
  private readonly env: NodeJS.ProcessEnv | undefined;
  private child: ChildProcess | undefined;
  private childStartedAt = 0;
  private stopping = false;
  private running = false;
  private restartTimer: NodeJS.Timeout | undefined;
  private probeTimer: NodeJS.Timeout | undefined;
  private probing = false;
  private failedProbes = 0;
  private healthySinceSpawn = false;
  private pendingReason: 'hang' | undefined;
  private consecutiveFailures = 0;
  private restartTimes: number[] = [];
  private attempts = 0;
  private exitWaiters: Array<() => void> = [];

  constructor(options: WatchdogOptions) {
    this.opts = {
      command: options.command,
      args: options.args,
      devtoolsPort: options.devtoolsPort,
      probeIntervalMs: options.probeIntervalMs ?? 5_000,
      probeTimeoutMs: options.probeTimeoutMs ?? 3_000,
      maxFailedProbes: options.maxFailedProbes ?? 3,
      startupGraceMs: options.startupGraceMs ?? 30_000,
      backoff: { initialMs: options.backoff?.initialMs ?? 1_000, factor: options.backoff?.factor ?? 2, maxMs: options.backoff?.maxMs ?? 30_000 },
      stableAfterMs: options.stableAfterMs ?? 60_000,
      crashLoop: { maxRestarts: options.crashLoop?.maxRestarts ?? 5, windowMs: options.crashLoop?.windowMs ?? 120_000, cooldownMs: options.crashLoop?.cooldownMs ?? 300_000 },
      killTimeoutMs: options.killTimeoutMs ?? 5_000,
      stdio: options.stdio ?? 'inherit',
    };
    this.env = options.env;
    this.emit = (e) => { try { options.onEvent?.(e); } catch { /* a listener must not break the watchdog */ } };
    this.spawnFn = options.spawn ?? nodeSpawn;
  }

  /** Number of starts so far (1 after the first spawn). */
  get starts(): number {
    return this.attempts;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.stopping = false;
    this.launch();
  }

  /** Stops the browser (SIGTERM, then SIGKILL after the grace) and watches no more. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.running = false;
    if (this.restartTimer) clearTimeout(this.restartTimer);
    this.stopProbing();
    const child = this.child;
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((resolve) => this.exitWaiters.push(resolve));
      this.killGroup(child, 'SIGTERM');
      const timer = setTimeout(() => this.killGroup(child, 'SIGKILL'), this.opts.killTimeoutMs);
      await exited;
      clearTimeout(timer);
    }
    this.emit({ type: 'stopped' });
  }

  private launch(): void {
    this.restartTimer = undefined;
    if (!this.running) return;
    const args = typeof this.opts.args === 'function' ? this.opts.args() : this.opts.args;
    let child: ChildProcess;
    try {
      // detached: the browser gets its own process group, so its renderers and zygote are killed with it.
      child = this.spawnFn(this.opts.command, args, { detached: true, stdio: ['ignore', this.opts.stdio, this.opts.stdio], env: this.env ?? process.env });
    } catch (err) {
      this.emit({ type: 'spawn-error', error: (err as Error).message });
      this.scheduleRestart('spawn-error');
      return;
    }
    this.attempts++;
    this.child = child;
    this.childStartedAt = Date.now();
    this.failedProbes = 0;
    this.healthySinceSpawn = false;
    this.pendingReason = undefined;
    child.once('error', (err) => {
      // ENOENT/EACCES: there is no process; 'exit' may not follow.
      if (child.pid === undefined) {
        this.emit({ type: 'spawn-error', error: err.message });
        if (this.child === child) this.child = undefined;
        this.scheduleRestart('spawn-error');
      }
    });
    child.once('exit', (code, signal) => this.onExit(child, code, signal));
    if (child.pid !== undefined) {
      this.emit({ type: 'spawn', pid: child.pid, attempt: this.attempts });
      this.startProbing(child);
    }
  }

  private onExit(child: ChildProcess, code: number | null, signal: NodeJS.Signals | null): void {
    const uptimeMs = Date.now() - this.childStartedAt;
    this.stopProbing();
    // Leftover renderers/GPU process of a crashed browser would hold the profile lock.
    this.killGroup(child, 'SIGKILL');
    if (this.child === child) this.child = undefined;
    this.emit({ type: 'exit', pid: child.pid ?? -1, code, signal, uptimeMs });
    for (const w of this.exitWaiters.splice(0)) w();
    if (this.stopping || !this.running) return;
    if (uptimeMs >= this.opts.stableAfterMs && this.healthySinceSpawn) this.consecutiveFailures = 0;
    this.scheduleRestart(this.pendingReason ?? 'exit');
  }

  private scheduleRestart(reason: 'exit' | 'hang' | 'spawn-error'): void {
    if (!this.running || this.restartTimer) return;
    const now = Date.now();
    const { maxRestarts, windowMs, cooldownMs } = this.opts.crashLoop;
    this.restartTimes = this.restartTimes.filter((t) => now - t < windowMs);
    this.restartTimes.push(now);
    this.consecutiveFailures++;
    const { initialMs, factor, maxMs } = this.opts.backoff;
    let delayMs = Math.min(initialMs * factor ** (this.consecutiveFailures - 1), maxMs);
    if (this.restartTimes.length > maxRestarts) {
      // Crash loop: stop hammering (a broken profile, a missing display, no memory); try again later.
      this.emit({ type: 'crash-loop', restarts: this.restartTimes.length, windowMs, cooldownMs });
      delayMs = Math.max(delayMs, cooldownMs);
      this.restartTimes = [];
      this.consecutiveFailures = 0;
    }
    this.emit({ type: 'restart-scheduled', reason, delayMs });
    this.restartTimer = setTimeout(() => this.launch(), delayMs);
  }

  private startProbing(child: ChildProcess): void {
    const port = this.opts.devtoolsPort;
    if (port === undefined) return;
    const tick = async () => {
      if (this.child !== child || this.probing) return;
      this.probing = true;
      try {
        const browser = await probeDevtools(port, this.opts.probeTimeoutMs);
        if (this.child !== child) return;
        this.failedProbes = 0;
        if (!this.healthySinceSpawn) {
          this.healthySinceSpawn = true;
          this.emit({ type: 'healthy', pid: child.pid ?? -1, browser });
        }
      } catch (err) {
        if (this.child !== child) return;
        const inGrace = !this.healthySinceSpawn && Date.now() - this.childStartedAt < this.opts.startupGraceMs;
        if (inGrace) return;
        this.failedProbes++;
        this.emit({ type: 'probe-failed', pid: child.pid ?? -1, failures: this.failedProbes, error: (err as Error).message });
        if (this.failedProbes >= this.opts.maxFailedProbes) {
          this.emit({ type: 'hang', pid: child.pid ?? -1, failures: this.failedProbes });
          this.pendingReason = 'hang';
          this.stopProbing();
          // A hung browser may ignore SIGTERM: kill the group outright.
          this.killGroup(child, 'SIGKILL');
        }
      } finally {
        this.probing = false;
      }
    };
    this.probeTimer = setInterval(() => void tick(), this.opts.probeIntervalMs);
    // First answer as soon as it comes, not one interval later.
    setTimeout(() => void tick(), Math.min(500, this.opts.probeIntervalMs)).unref();
  }

  private stopProbing(): void {
    if (this.probeTimer) clearInterval(this.probeTimer);
    this.probeTimer = undefined;
  }

  private killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
    const pid = child.pid;
    if (pid === undefined) return;
    try {
      process.kill(-pid, signal);
    } catch {
      // The group is gone (or was never created when spawn was mocked): fall back to the process.
      try { child.kill(signal); } catch { /* already gone */ }
    }
  }
}
