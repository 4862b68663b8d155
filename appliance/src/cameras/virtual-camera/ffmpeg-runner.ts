/**
 * The virtual camera's ffmpeg child processes, all in one place so that close() can end every
 * one of them and tests can check none is left behind.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';

const KILL_GRACE_MS = 2000;
const STDERR_TAIL = 4000;

export interface RunResult {
  code: number | null;
  stdout: Buffer;
  stderr: string;
}

export class FfmpegRunner {
  readonly #binary: string;
  readonly #children = new Set<ChildProcess>();

  constructor(binary: string) {
    this.#binary = binary;
  }

  /** Starts a long-running ffmpeg (the stream encoder). Its stderr tail is kept for diagnostics. */
  start(args: readonly string[]): { child: ChildProcess; stderr: () => string } {
    const child = spawn(this.#binary, ['-hide_banner', '-nostdin', '-loglevel', 'error', ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let tail = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      tail = (tail + chunk.toString('utf8')).slice(-STDERR_TAIL);
    });
    this.#track(child);
    return { child, stderr: () => tail };
  }

  /** Runs a short ffmpeg to completion (a snapshot, a probe), killed after `timeoutMs`. */
  run(args: readonly string[], timeoutMs: number): Promise<RunResult> {
    return new Promise((resolve, reject) => {
      const child = spawn(this.#binary, ['-hide_banner', '-nostdin', '-loglevel', 'error', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
      this.#track(child);
      const out: Buffer[] = [];
      let err = '';
      child.stdout?.on('data', (c: Buffer) => out.push(c));
      child.stderr?.on('data', (c: Buffer) => {
        err = (err + c.toString('utf8')).slice(-STDERR_TAIL);
      });
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      child.on('error', (e) => {
        clearTimeout(timer);
        reject(e);
      });
      child.on('close', (code) => {
        clearTimeout(timer);
        resolve({ code, stdout: Buffer.concat(out), stderr: err });
      });
    });
  }

  #track(child: ChildProcess): void {
    this.#children.add(child);
    child.once('exit', () => this.#children.delete(child));
    child.once('error', () => this.#children.delete(child));
  }

  /** Fails with a clear message when the binary is missing or cannot run. */
  async check(): Promise<void> {
    let r: RunResult;
    try {
      r = await this.run(['-version'], 10_000);
    } catch (err) {
      throw new Error(`ffmpeg not found or not runnable (${this.#binary}): ${(err as Error).message}`, { cause: err });
    }
    if (r.code !== 0) throw new Error(`ffmpeg -version failed (${this.#binary}): ${r.stderr.trim()}`);
  }

  /** Process ids of the ffmpeg processes still running. */
  pids(): number[] {
    return [...this.#children].map((c) => c.pid).filter((p): p is number => p !== undefined);
  }

  /** Asks one process to end (SIGTERM lets ffmpeg close its outputs), then forces it. */
  stop(child: ChildProcess): Promise<void> {
    if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return Promise.resolve();
    return new Promise((resolve) => {
      const force = setTimeout(() => child.kill('SIGKILL'), KILL_GRACE_MS);
      child.once('exit', () => {
        clearTimeout(force);
        resolve();
      });
      child.kill('SIGTERM');
    });
  }

  async stopAll(): Promise<void> {
    await Promise.all([...this.#children].map((c) => this.stop(c)));
  }
}
