import fs from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';

/** Largest log file before it is rotated to `.1` (one previous file is kept). */
export const LOG_FILE_MAX_BYTES = 5 * 1024 * 1024;

/**
 * The appliance's log on disk under the data directory (logs/phonghoc.log), so the IT console can
 * show recent errors and offer the logs for download. Rotation keeps the disk use bounded.
 */
export class LogFile extends Writable {
  private fd: number;
  private size: number;
  readonly file: string;

  constructor(dataDir: string, private readonly maxBytes = LOG_FILE_MAX_BYTES) {
    super();
    const dir = path.join(dataDir, 'logs');
    fs.mkdirSync(dir, { recursive: true, mode: 0o750 });
    this.file = path.join(dir, 'phonghoc.log');
    this.fd = fs.openSync(this.file, 'a', 0o640);
    this.size = fs.fstatSync(this.fd).size;
  }

  override _write(chunk: Buffer, _enc: BufferEncoding, done: (err?: Error) => void): void {
    try {
      if (this.size + chunk.length > this.maxBytes) this.rotate();
      fs.writeSync(this.fd, chunk);
      this.size += chunk.length;
      done();
    } catch (err) {
      done(err as Error);
    }
  }

  private rotate(): void {
    fs.closeSync(this.fd);
    fs.renameSync(this.file, `${this.file}.1`);
    this.fd = fs.openSync(this.file, 'a', 0o640);
    this.size = 0;
  }

  override _destroy(err: Error | null, done: (err?: Error | null) => void): void {
    try {
      fs.closeSync(this.fd);
    } catch {
      /* already closed */
    }
    done(err);
  }
}

/** The previous and the current log, oldest first, as one text. */
export function readLogs(dataDir: string): string {
  const base = path.join(dataDir, 'logs', 'phonghoc.log');
  return [`${base}.1`, base].filter((f) => fs.existsSync(f)).map((f) => fs.readFileSync(f, 'utf8')).join('');
}

/** The last `limit` log lines at warning level or worse, newest first (pino JSON lines). */
export function recentProblems(dataDir: string, limit = 50): { time: string; level: number; msg: string }[] {
  const lines = readLogs(dataDir).split('\n').filter(Boolean);
  const out: { time: string; level: number; msg: string }[] = [];
  for (let i = lines.length - 1; i >= 0 && out.length < limit; i--) {
    try {
      const l = JSON.parse(lines[i]!) as { level?: number; time?: number; msg?: string; err?: { message?: string } };
      if ((l.level ?? 0) >= 40) out.push({ time: new Date(l.time ?? 0).toISOString(), level: l.level ?? 40, msg: l.err?.message ? `${l.msg ?? ''}: ${l.err.message}` : l.msg ?? '' });
    } catch {
      /* not a JSON line */
    }
  }
  return out;
}
