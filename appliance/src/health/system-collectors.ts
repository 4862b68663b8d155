/**
 * The appliance's health collectors. Implements the domain's `HealthCollectors`; the poller
 * (server/src/domain/devices) decides how often each runs.
 *
 * What each call costs on Linux (systeminformation 5.33, measured on this VM, CPU per call, own
 * process + spawned children):
 *  - si.mem(): reads /proc/meminfo, ≈ 2.4 ms, no process. Used every tick.
 *  - si.currentLoad(): a blocking `execSync('cat /proc/stat | grep cpu')` every call, ≈ 2.4 + 5 ms.
 *  - si.networkStats(iface): one `sh` with seven `cat`s, ≈ 4 + 9 ms; without an interface it also
 *    runs `ip route` synchronously to find the default one.
 *    → In the default 'proc' mode these two are read from /proc/stat and /sys/class/net
 *      (proc-meters.ts, ≈ 0.3–0.4 ms, nothing spawned); systeminformation is the fallback where
 *      those files do not exist, and the whole of it with `mode: 'si'`.
 *  - si.cpuTemperature(): a blocking `sh` for thermal zones, a `sh` loop over hwmon and, when neither
 *    has a CPU sensor, `sensors`; ≈ 9 + 9 ms. Polled every 30 s, every 10 min without a sensor.
 *  - si.fsSize(): `df`, ≈ 7 + 7 ms. Once a minute.
 *  - si.disksIO() would spawn lsblk and five text tools: /proc/diskstats is read instead (disk-io.ts).
 *  - si.graphics/audio/usb/blockDevices: lspci, xrandr, lsusb, lsblk. On demand only (peripherals.ts).
 */
import os from 'node:os';
import si from 'systeminformation';
import type {
  CpuReading, DiskIoReading, DiskReading, HealthCollectors, MediaWorkersReading, MemoryReading, NetworkReading, PeripheralScan, ReachResult, ReachTarget,
} from '../../../server/src/domain/devices/device.types.js';
import { DiskIoMeter } from './disk-io.js';
import { ProcCpuMeter, SysNetMeter } from './proc-meters.js';
import { MediaWorkerTracker, type MediaWorkerSource } from './media-workers.js';
import { scanPeripherals } from './peripherals.js';
import { checkReachability } from './reachability.js';

/** Filesystems that are not storage: no "disk nearly full" for these. */
const PSEUDO_FS = new Set(['tmpfs', 'devtmpfs', 'squashfs', 'proc', 'sysfs', 'cgroup', 'cgroup2', 'devpts', 'efivarfs', 'ramfs', 'autofs', 'securityfs', 'debugfs', 'tracefs', 'iso9660']);
const IFACE_REFRESH_MS = 300_000;

const round1 = (v: number) => Math.round(v * 10) / 10;

export class SystemHealthCollectors implements HealthCollectors {
  private iface: { name: string; at: number } | null = null;
  private readonly diskIoMeter = new DiskIoMeter();
  private readonly cpuMeter = new ProcCpuMeter();
  private readonly netMeter = new SysNetMeter();
  private readonly tracker = new MediaWorkerTracker();
  private mediaSource: MediaWorkerSource | null;
  private readonly mode: 'proc' | 'si';

  /** `mode: 'si'` reads CPU load and network through systeminformation only (the bench compares both). */
  constructor(opts: { mediaWorkers?: MediaWorkerSource; mode?: 'proc' | 'si' } = {}) {
    this.mediaSource = opts.mediaWorkers ?? null;
    this.mode = opts.mode ?? 'proc';
  }

  /** The media module plugs its workers in here once it runs (issue 3). */
  useMediaWorkers(source: MediaWorkerSource | null): void {
    this.mediaSource = source;
  }

  async cpuLoad(): Promise<CpuReading> {
    const fast = this.mode === 'proc' ? await this.cpuMeter.read() : null;
    if (fast) return { loadPct: round1(fast.loadPct), cores: fast.cores || os.cpus().length };
    const l = await si.currentLoad();
    return { loadPct: round1(Math.min(100, Math.max(0, l.currentLoad))), cores: l.cpus.length || os.cpus().length };
  }

  async memory(): Promise<MemoryReading> {
    const m = await si.mem();
    // `available` is what new processes can get without swapping (MemAvailable); `free` ignores the page cache.
    return { totalBytes: m.total, availableBytes: m.available, availablePct: m.total ? round1((m.available / m.total) * 100) : 0 };
  }

  async network(): Promise<NetworkReading | null> {
    const now = performance.now();
    if (!this.iface || now - this.iface.at > IFACE_REFRESH_MS) this.iface = { name: await si.networkInterfaceDefault(), at: now };
    if (!this.iface.name) return null;
    const fast = this.mode === 'proc' ? await this.netMeter.read(this.iface.name) : null;
    if (fast) return fast;
    const [s] = await si.networkStats(this.iface.name);
    if (!s) return null;
    const rate = (v: number | null) => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? Math.round(v) : null);
    return { iface: s.iface, rxBytesPerSec: rate(s.rx_sec), txBytesPerSec: rate(s.tx_sec) };
  }

  diskIo(): Promise<DiskIoReading | null> {
    return this.diskIoMeter.read();
  }

  async temperature(): Promise<number | null> {
    const t = await si.cpuTemperature();
    const v = [t.main, t.max].find((x) => typeof x === 'number' && Number.isFinite(x) && x > 0);
    return v === undefined ? null : round1(v);
  }

  async disks(): Promise<DiskReading[]> {
    const list = await si.fsSize();
    const seen = new Set<string>();
    const out: DiskReading[] = [];
    for (const f of list) {
      if (PSEUDO_FS.has(f.type) || !(f.size > 0) || seen.has(f.mount) || f.mount.startsWith('/snap/')) continue;
      seen.add(f.mount);
      out.push({ mount: f.mount, fs: f.fs, type: f.type, sizeBytes: f.size, availableBytes: f.available, freePct: round1((f.available / f.size) * 100) });
    }
    return out;
  }

  async mediaWorkers(): Promise<MediaWorkersReading | null> {
    if (!this.mediaSource) return null;
    return this.tracker.observe(await this.mediaSource());
  }

  reachability(targets: readonly ReachTarget[], timeoutMs: number): Promise<ReachResult[]> {
    return checkReachability(targets, timeoutMs);
  }

  peripherals(): Promise<PeripheralScan> {
    return scanPeripherals();
  }
}
