// A child process (ffmpeg) the media module owns: spawned without a shell, its stderr's last
// lines kept for error reports, its exit awaited with a timeout, stopped with a signal and then
// SIGKILL so nothing is left behind.

import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { MediaError } from './media-error.js';

/**
 * util-linux's setpriv, to start children with a parent-death signal: when Node dies (crash,
 * OOM kill) its ffmpeg processes die with it instead of pulling the camera stream forever.
 */
const SETPRIV = ['/usr/bin/setpriv', '/bin/setpriv'].find((p) => existsSync(p));

/** The executable a command names (PATH lookup like the shell's), or undefined. */
function resolveCommand(command: string): string | undefined {
  if (command.includes('/')) return existsSync(command) ? command : undefined;
  for (const dir of (process.env['PATH'] ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, command);
    if (dir !== '' && existsSync(candidate)) return candidate;
  }
  return undefined;
}

export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface ManagedProcessOptions {
  /** How many stderr lines to keep. */
  tailLines?: number;
  /** Each line the process writes to stdout (ffmpeg's `-progress pipe:1`); stdout is ignored without it. */
  onStdoutLine?: (line: string) => void;
}

export class ManagedProcess {
  readonly command: string;
  readonly pid: number | undefined;
  /** Resolves once the process has exited (never rejects). */
  readonly exited: Promise<ExitInfo>;
  readonly #child: ChildProcess;
  readonly #tail: string[] = [];
  readonly #tailLines: number;
  #partial = '';
  #exit: ExitInfo | null = null;

  private constructor(command: string, child: ChildProcess, opts: ManagedProcessOptions) {
    this.command = command;
    this.#child = child;
    this.pid = child.pid;
    this.#tailLines = opts.tailLines ?? 30;
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => this.#collect(chunk));
    const onLine = opts.onStdoutLine;
    if (onLine !== undefined && child.stdout !== null) {
      let partial = '';
      child.stdout.setEncoding('utf8');
      child.stdout.on('data', (chunk: string) => {
        const lines = (partial + chunk).split('\n');
        partial = lines.pop() ?? '';
        for (const line of lines) onLine(line.trimEnd());
      });
    }
    this.exited = new Promise((resolve) => {
      // 'close' rather than 'exit': stderr is fully read by then.
      child.once('close', (code, signal) => {
        this.#exit = { code, signal };
        if (this.#partial !== '') this.#push(this.#partial);
        resolve(this.#exit);
      });
    });
  }

  /** Spawns `command args…`; resolves once the process runs, rejects when it cannot start. */
  static spawn(command: string, args: readonly string[], opts: ManagedProcessOptions = {}): Promise<ManagedProcess> {
    const executable = resolveCommand(command);
    if (executable === undefined) return Promise.reject(new MediaError('MEDIA_FFMPEG_FAILED', `cannot start ${command}: not found`));
    return new Promise((resolve, reject) => {
      const [file, argv] = SETPRIV === undefined ? [executable, args] : [SETPRIV, ['--pdeathsig', 'KILL', '--', executable, ...args]];
      const child = spawn(file, argv, { stdio: ['ignore', opts.onStdoutLine === undefined ? 'ignore' : 'pipe', 'pipe'] });
      const onError = (err: Error): void => {
        reject(new MediaError('MEDIA_FFMPEG_FAILED', `cannot start ${command}: ${err.message}`));
      };
      child.once('error', onError);
      child.once('spawn', () => {
        child.off('error', onError);
        // Later errors (a failed kill) must not crash the process; the exit is what matters.
        child.on('error', () => {});
        resolve(new ManagedProcess(command, child, opts));
      });
    });
  }

  get running(): boolean {
    return this.#exit === null;
  }

  get exitInfo(): ExitInfo | null {
    return this.#exit;
  }

  /** The last lines ffmpeg wrote to stderr. */
  stderrTail(): string[] {
    return [...this.#tail];
  }

  /** The exit, or null when the process still runs after timeoutMs. */
  async waitForExit(timeoutMs: number): Promise<ExitInfo | null> {
    if (this.#exit !== null) return this.#exit;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<null>((resolve) => {
      timer = setTimeout(() => resolve(null), timeoutMs);
    });
    try {
      return await Promise.race([this.exited, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Sends `signal`, waits up to timeoutMs, then SIGKILLs and waits for the exit. With
   * `repeatAfterMs` the signal is sent once more after that delay: ffmpeg acts on a single
   * SIGINT only between packets, so when no packet arrives any more it needs a second one to
   * break out of its blocking read (it still finishes the output file then).
   */
  async stop(signal: NodeJS.Signals = 'SIGTERM', timeoutMs = 3000, opts: { repeatAfterMs?: number } = {}): Promise<ExitInfo> {
    if (this.#exit !== null) return this.#exit;
    const deadline = Date.now() + timeoutMs;
    this.#child.kill(signal);
    if (opts.repeatAfterMs !== undefined && opts.repeatAfterMs < timeoutMs) {
      const early = await this.waitForExit(opts.repeatAfterMs);
      if (early !== null) return early;
      this.#child.kill(signal);
    }
    const exit = await this.waitForExit(Math.max(0, deadline - Date.now()));
    if (exit !== null) return exit;
    this.#child.kill('SIGKILL');
    return this.exited;
  }

  #collect(chunk: string): void {
    const lines = (this.#partial + chunk).split(/\r?\n|\r/);
    this.#partial = lines.pop() ?? '';
    for (const line of lines) this.#push(line);
  }

  #push(line: string): void {
    if (line.trim() === '') return;
    this.#tail.push(line);
    if (this.#tail.length > this.#tailLines) this.#tail.shift();
  }
}
