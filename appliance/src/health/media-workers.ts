/**
 * The media workers' probe. The media module feeds a function listing its worker processes with
 * their CPU time so far; this tracker turns successive lists into the count, the restarts (a pid
 * that disappeared: a worker died and was replaced) and each worker's CPU in % of one core.
 */
import fs from 'node:fs';
import type { MediaWorkersReading } from '../../../server/src/domain/devices/device.types.js';

export type MediaWorkerSource = () => Promise<{ pid: number; cpuMs: number }[]>;

export class MediaWorkerTracker {
  private prev: { at: number; cpu: Map<number, number> } | null = null;
  private restarts = 0;
  constructor(private readonly clock: () => number = () => performance.now()) {}

  /** One observation. The first one has no CPU figures (nothing to compare with). */
  observe(workers: readonly { pid: number; cpuMs: number }[]): MediaWorkersReading {
    const now = this.clock();
    const prev = this.prev;
    const cpu = new Map(workers.map((w) => [w.pid, w.cpuMs]));
    if (prev) for (const pid of prev.cpu.keys()) if (!cpu.has(pid)) this.restarts++;
    const dt = prev ? now - prev.at : 0;
    const list = workers.map((w) => {
      const before = prev?.cpu.get(w.pid);
      return { pid: w.pid, cpuPct: before !== undefined && dt > 0 ? Math.max(0, Math.round(((w.cpuMs - before) / dt) * 1000) / 10) : null };
    });
    const known = list.filter((w) => w.cpuPct !== null);
    this.prev = { at: now, cpu };
    return {
      count: workers.length,
      restarts: this.restarts,
      cpuPct: known.length ? Math.round(known.reduce((s, w) => s + w.cpuPct!, 0) * 10) / 10 : null,
      workers: list,
    };
  }
}

/** Clock ticks per second of /proc/<pid>/stat times; 100 on every Linux this runs on (USER_HZ). */
const USER_HZ = 100;

/** CPU time (user + system) of a process so far, in ms, from /proc/<pid>/stat; null if it is gone. */
export async function procCpuMs(pid: number): Promise<number | null> {
  try {
    const text = await fs.promises.readFile(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may contain spaces and parentheses: fields restart after the last ')'.
    const rest = text.slice(text.lastIndexOf(')') + 2).split(' ');
    const utime = Number(rest[11]);
    const stime = Number(rest[12]);
    return Number.isFinite(utime) && Number.isFinite(stime) ? ((utime + stime) * 1000) / USER_HZ : null;
  } catch {
    return null;
  }
}

/** A source for the media module that only knows its workers' pids. */
export function procMediaWorkerSource(pids: () => readonly number[]): MediaWorkerSource {
  return async () => {
    const list = await Promise.all(pids().map(async (pid) => ({ pid, cpuMs: await procCpuMs(pid) })));
    return list.filter((w): w is { pid: number; cpuMs: number } => w.cpuMs !== null);
  };
}
