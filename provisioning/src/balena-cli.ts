/**
 * Runs the operator's `balena` CLI (found on PATH; this project never downloads it). Every step
 * prints what it runs (secrets masked), streams the CLI's output, and a failure stops the whole
 * command with the CLI's own message.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export interface Io {
  env: NodeJS.ProcessEnv;
  out: (text: string) => void;
  err: (text: string) => void;
  cwd: string;
}

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export class StepFailedError extends Error {
  constructor(readonly command: string, readonly exitCode: number, readonly cliMessage: string, readonly hint?: string) {
    super(`${command} failed (exit ${exitCode})${cliMessage ? `: ${cliMessage}` : ''}`);
    this.name = 'StepFailedError';
  }
}

/** An executable named `name` on PATH, or undefined. */
export function findOnPath(name: string, env: NodeJS.ProcessEnv): string | undefined {
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    try {
      const st = fs.statSync(candidate);
      if (st.isFile()) {
        fs.accessSync(candidate, fs.constants.X_OK);
        return candidate;
      }
    } catch {
      // not here
    }
  }
  return undefined;
}

/** An argument as a POSIX shell would need it, for display only (nothing here runs a shell). */
export function shellQuote(arg: string): string {
  return /^[A-Za-z0-9_/.:=,@%+-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

export interface RunOptions {
  /** What to print instead of the real arguments (secrets masked). */
  display?: string[];
  /** Keep stdout to ourselves (it is parsed, e.g. --json) instead of echoing it. */
  captureStdout?: boolean;
  /** Added to the error when the step fails. */
  hint?: string;
}

export const INSTALL_HINT =
  'The balena CLI was not found on PATH. Install it with the official installer for your workstation ' +
  '(https://github.com/balena-io/balena-cli/blob/master/INSTALL.md), run `balena login`, and try again.';

export class BalenaCli {
  readonly steps: string[][] = [];
  private readonly bin: string | undefined;

  constructor(private readonly io: Io, readonly dryRun: boolean) {
    this.bin = findOnPath('balena', io.env);
  }

  /** Fails early (before any step) when a real run has no CLI to call. */
  requireCli(): void {
    if (!this.dryRun && !this.bin) throw new UsageError(INSTALL_HINT);
  }

  /** Prints a local action (not a CLI call) the same way as a step. */
  note(text: string): void {
    this.io.out(`${this.dryRun ? '[dry-run] ' : ''}• ${text}\n`);
  }

  /** Runs `balena <args>`; resolves its stdout. In a dry run only prints it and resolves ''. */
  async run(args: string[], opts: RunOptions = {}): Promise<string> {
    const shown = ['balena', ...(opts.display ?? args)].map(shellQuote).join(' ');
    this.steps.push(args);
    this.io.out(`${this.dryRun ? '[dry-run] ' : ''}$ ${shown}\n`);
    if (this.dryRun) return '';
    const bin = this.bin;
    if (!bin) throw new UsageError(INSTALL_HINT);
    return new Promise((resolve, reject) => {
      const child = spawn(bin, args, { cwd: this.io.cwd, env: this.io.env, stdio: ['inherit', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.setEncoding('utf8').on('data', (d: string) => {
        stdout += d;
        if (!opts.captureStdout) this.io.out(d);
      });
      child.stderr.setEncoding('utf8').on('data', (d: string) => {
        stderr += d;
        this.io.err(d);
      });
      child.once('error', (e) => reject(new StepFailedError(shown, 127, e.message, opts.hint)));
      child.once('close', (code, signal) => {
        if (code === 0) return resolve(stdout);
        const message = (stderr.trim() || stdout.trim()).split('\n').slice(-5).join('\n');
        reject(new StepFailedError(shown, code ?? 1, signal ? `${message} (killed by ${signal})`.trim() : message, opts.hint));
      });
    });
  }
}
