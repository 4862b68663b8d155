/**
 * The teaching room's equipment (Art. 10.3: cameras, microphones, displays…) and the appliance's
 * own health. Plain data; the collectors that fill these shapes live in appliance/src/health.
 */

export const DEVICE_KINDS = ['camera', 'microphone', 'speaker', 'display', 'mini_pc', 'network'] as const;
export type DeviceKind = (typeof DEVICE_KINDS)[number];

/** Kind labels for alert texts, Vietnamese first. */
export const DEVICE_KIND_LABELS: Record<DeviceKind, { vi: string; en: string }> = {
  camera: { vi: 'Camera', en: 'Camera' },
  microphone: { vi: 'Micro', en: 'Microphone' },
  speaker: { vi: 'Loa', en: 'Speaker' },
  display: { vi: 'Màn hình', en: 'Display' },
  mini_pc: { vi: 'Máy tính mini', en: 'Mini-PC' },
  network: { vi: 'Thiết bị mạng', en: 'Network device' },
};

/** One piece of equipment of the teaching room (Art. 8.1.a keeps the evidence). */
export interface Device {
  id: number;
  kind: DeviceKind;
  name: string;
  model: string | null;
  serial: string | null;
  location: string | null;
  /** Where the appliance can reach it (cameras, network gear); both or neither. */
  host: string | null;
  port: number | null;
  notes: string | null;
  addedAt: string;
  retiredAt: string | null;
  retireReason: string | null;
}

export interface DeviceInput {
  kind: DeviceKind;
  name: string;
  model: string | null;
  serial: string | null;
  location: string | null;
  host: string | null;
  port: number | null;
  notes: string | null;
}

// ---- Readings -------------------------------------------------------------------------------

export interface CpuReading {
  /** 0–100, all cores together. */
  loadPct: number;
  cores: number;
}

export interface MemoryReading {
  totalBytes: number;
  availableBytes: number;
  /** available / total, 0–100. */
  availablePct: number;
}

export interface NetworkReading {
  iface: string;
  /** Bytes per second; null on the first reading (no previous one to compare with). */
  rxBytesPerSec: number | null;
  txBytesPerSec: number | null;
}

export interface DiskIoReading {
  readBytesPerSec: number | null;
  writeBytesPerSec: number | null;
}

export interface DiskReading {
  mount: string;
  fs: string;
  type: string;
  sizeBytes: number;
  availableBytes: number;
  /** available / size, 0–100 (what an unprivileged writer such as the database can still use). */
  freePct: number;
}

export interface MediaWorkersReading {
  count: number;
  /** Workers that disappeared since the collector started (each is a crash the media module restarted). */
  restarts: number;
  /** Sum over the workers, in % of one core; null until two readings exist. */
  cpuPct: number | null;
  workers: { pid: number; cpuPct: number | null }[];
}

export interface ReachTarget {
  id: number;
  host: string;
  port: number;
}

export interface ReachResult {
  id: number;
  reachable: boolean;
  rttMs: number | null;
  error: string | null;
}

/** The expensive, on-demand scan of what is plugged in (displays, audio devices, USB, disks). */
export interface PeripheralScan {
  scannedAt: string;
  durationMs: number;
  displays: { vendor: string; model: string; connection: string; main: boolean; builtin: boolean; resolutionX: number | null; resolutionY: number | null }[];
  graphics: { vendor: string; model: string; vramMb: number | null }[];
  /** PCI audio controllers (si.audio reads lspci). */
  audio: { name: string; manufacturer: string; type: string; driver: string }[];
  /** ALSA sound cards (/proc/asound/cards): also USB microphones and speakers, which lspci misses. */
  soundCards: { index: number; id: string; name: string }[];
  usb: { bus: number | null; deviceId: number | null; name: string; type: string; vendor: string; manufacturer: string; serial: string }[];
  blockDevices: { name: string; type: string; sizeBytes: number; model: string; serial: string; removable: boolean; protocol: string; mount: string }[];
  errors: { source: string; message: string }[];
}

/**
 * What the domain needs from the machine. The implementation (appliance/src/health) uses
 * systeminformation, /proc and TCP connects; tests give fakes. Cheap calls are polled every few
 * seconds, `disks` every minute, `peripherals` only on demand.
 */
export interface HealthCollectors {
  cpuLoad(): Promise<CpuReading>;
  memory(): Promise<MemoryReading>;
  network(): Promise<NetworkReading | null>;
  diskIo(): Promise<DiskIoReading | null>;
  /** CPU temperature in °C, or null when the machine has no readable sensor. */
  temperature(): Promise<number | null>;
  disks(): Promise<DiskReading[]>;
  /** Null while no media module feeds the probe. */
  mediaWorkers(): Promise<MediaWorkersReading | null>;
  reachability(targets: readonly ReachTarget[], timeoutMs: number): Promise<ReachResult[]>;
  peripherals(): Promise<PeripheralScan>;
}

// ---- The latest readings (GET /api/devices/health/now) ----------------------------------------

export interface DeviceReachability {
  id: number;
  kind: DeviceKind;
  name: string;
  host: string;
  port: number;
  reachable: boolean;
  rttMs: number | null;
  error: string | null;
  consecutiveFailures: number;
  checkedAt: string;
}

export interface HealthSnapshot {
  at: string;
  cpu: { loadPct: number | null; cores: number | null; temperatureC: number | null; temperatureSensor: boolean | null; temperatureAt: string | null };
  memory: MemoryReading | null;
  network: NetworkReading | null;
  diskIo: DiskIoReading | null;
  disks: DiskReading[];
  disksAt: string | null;
  media: MediaWorkersReading | null;
  devices: DeviceReachability[];
  poller: { running: boolean; ticks: number; collectorErrors: number; writeErrors: number; lastTickMs: number | null; tickIntervalMs: number };
}

// ---- Alerts ---------------------------------------------------------------------------------

export type Severity = 'warning' | 'critical';
export type AlertRule = 'disk_low' | 'temperature_high' | 'memory_low' | 'device_offline' | 'media_worker_restarted';

export interface Alert {
  id: number;
  rule: AlertRule;
  subject: string;
  deviceId: number | null;
  severity: Severity;
  value: number | null;
  threshold: number | null;
  message: { vi: string; en: string };
  raisedAt: string;
  clearedAt: string | null;
}
