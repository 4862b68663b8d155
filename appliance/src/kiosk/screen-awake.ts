/**
 * Keeps the teaching room's screen awake while a lesson is live, and lets it blank again after.
 * X11: `xset s off -dpms` (no screen saver, no display power management) and back `xset s on +dpms`.
 * Text console (no X): `setterm --blank 0 --powerdown 0` and back. Commands go through an
 * injectable runner, so tests (and a box without a display) need no X server.
 */
import { spawn } from 'node:child_process';

export interface CommandResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export type CommandRunner = (command: string, args: string[], env: NodeJS.ProcessEnv) => Promise<CommandResult>;

/** Runs a command without a shell, with a time limit; never rejects for a non-zero exit. */
export const defaultCommandRunner: CommandRunner = (command, args, env) =>
  new Promise((resolve) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => { stdout += d; });
    child.stderr.setEncoding('utf8').on('data', (d: string) => { stderr += d; });
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('error', (err) => { clearTimeout(timer); resolve({ code: null, stdout, stderr: stderr + err.message }); });
    child.once('close', (code) => { clearTimeout(timer); resolve({ code, stdout, stderr }); });
  });

export type ScreenMethod = 'xset' | 'setterm';

/** The command lines for one state; exported so tests and docs show exactly what runs. */
export function screenCommands(method: ScreenMethod, awake: boolean, opts: { blankMinutes?: number; tty?: string } = {}): Array<{ command: string; args: string[] }> {
  if (method === 'xset') {
    return awake ? [{ command: 'xset', args: ['s', 'off', '-dpms'] }] : [{ command: 'xset', args: ['s', 'on', '+dpms'] }];
  }
  const minutes = String(awake ? 0 : (opts.blankMinutes ?? 10));
  const tty = opts.tty ?? '/dev/tty1';
  if (!/^\/dev\/tty\d+$/.test(tty)) throw new Error(`"${tty}" is not a console device`);
  // setterm writes escape sequences to its terminal: run it on the console it should control.
  return [{ command: 'sh', args: ['-c', `setterm --term linux --blank ${minutes} --powerdown ${minutes} <${tty} >${tty}`] }];
}

export interface ScreenKeeperOptions {
  runner?: CommandRunner;
  method?: ScreenMethod;
  /** X display for xset; default `:0`. */
  display?: string;
  env?: NodeJS.ProcessEnv;
  blankMinutes?: number;
  tty?: string;
  /** A failed command is reported here, never thrown into the lesson's code path. */
  onError?: (message: string) => void;
}

/**
 * Reference-counted: two lessons in the same room (a make-up lesson overlapping) keep the screen
 * awake until the last one ends. Commands run only on the 0→1 and 1→0 transitions, in order.
 */
export class ScreenKeeper {
  private live = 0;
  private applied: boolean | undefined;
  private chain: Promise<void> = Promise.resolve();
  private readonly runner: CommandRunner;
  private readonly method: ScreenMethod;
  private readonly env: NodeJS.ProcessEnv;

  constructor(private readonly opts: ScreenKeeperOptions = {}) {
    this.runner = opts.runner ?? defaultCommandRunner;
    this.method = opts.method ?? 'xset';
    this.env = { ...(opts.env ?? process.env), ...(this.method === 'xset' ? { DISPLAY: opts.display ?? opts.env?.DISPLAY ?? process.env.DISPLAY ?? ':0' } : {}) };
  }

  get liveLessons(): number {
    return this.live;
  }

  /** A lesson started in this room. Resolves once the screen state is applied. */
  lessonStarted(): Promise<void> {
    this.live++;
    return this.setAwake(this.live > 0);
  }

  /** A lesson ended; the screen may blank again when none is left. */
  lessonEnded(): Promise<void> {
    if (this.live > 0) this.live--;
    return this.setAwake(this.live > 0);
  }

  /** For callers that poll a count instead of getting start/end events. */
  setLiveLessons(count: number): Promise<void> {
    this.live = Math.max(0, Math.floor(count));
    return this.setAwake(this.live > 0);
  }

  /** Applies a state (idempotent: the same state twice runs nothing the second time). */
  setAwake(awake: boolean): Promise<void> {
    this.chain = this.chain.then(async () => {
      if (this.applied === awake) return;
      let ok = true;
      for (const { command, args } of screenCommands(this.method, awake, { blankMinutes: this.opts.blankMinutes, tty: this.opts.tty })) {
        const r = await this.runner(command, args, this.env);
        if (r.code !== 0) {
          ok = false;
          this.opts.onError?.(`${command} ${args.join(' ')} failed (exit ${r.code ?? 'none'}): ${r.stderr.trim() || r.stdout.trim()}`);
        }
      }
      // Remember only what took effect, so the next transition tries again after a failure.
      this.applied = ok ? awake : undefined;
    });
    return this.chain;
  }
}
