/**
 * Disk throughput from /proc/diskstats: one file read per tick. (systeminformation's disksIO()
 * spawns lsblk, grep, sed, awk, cut and sort every call, which is not cheap enough to poll.)
 */
import fs from 'node:fs';

/** Whole disks only: partitions, device-mapper and md devices would count the same bytes twice. */
const SKIP = /^(loop|ram|zram|dm-|md|nbd|fd|sr)\d*/;

/** Total bytes read and written by the given whole disks, from the text of /proc/diskstats. */
export function parseDiskstats(text: string, disks: ReadonlySet<string>): { readBytes: number; writeBytes: number } {
  let readBytes = 0;
  let writeBytes = 0;
  for (const line of text.split('\n')) {
    const f = line.trim().split(/\s+/);
    if (f.length < 10 || !disks.has(f[2]!)) continue;
    // Fields: major minor name reads merged sectors_read ms writes merged sectors_written …; sectors are 512 bytes.
    readBytes += Number(f[5]) * 512;
    writeBytes += Number(f[9]) * 512;
  }
  return { readBytes, writeBytes };
}

/** The whole disks of the machine (the entries of /sys/block, minus virtual and stacked ones). */
export function wholeDisks(sysBlock = '/sys/block'): Set<string> {
  try {
    return new Set(fs.readdirSync(sysBlock).filter((n) => !SKIP.test(n)));
  } catch {
    return new Set();
  }
}

/** Rates between successive calls; null on the first call, or where /proc/diskstats is missing. */
export class DiskIoMeter {
  private prev: { at: number; readBytes: number; writeBytes: number } | null = null;
  private disks: Set<string> | null = null;
  constructor(private readonly file = '/proc/diskstats', private readonly clock: () => number = () => performance.now()) {}

  async read(): Promise<{ readBytesPerSec: number | null; writeBytesPerSec: number | null } | null> {
    let text: string;
    try {
      text = await fs.promises.readFile(this.file, 'utf8');
    } catch {
      return null; // not Linux, or /proc not mounted
    }
    this.disks ??= wholeDisks();
    const now = this.clock();
    const cur = { at: now, ...parseDiskstats(text, this.disks) };
    const prev = this.prev;
    this.prev = cur;
    if (!prev || now <= prev.at) return { readBytesPerSec: null, writeBytesPerSec: null };
    const sec = (now - prev.at) / 1000;
    return { readBytesPerSec: Math.max(0, (cur.readBytes - prev.readBytes) / sec), writeBytesPerSec: Math.max(0, (cur.writeBytes - prev.writeBytes) / sec) };
  }
}
