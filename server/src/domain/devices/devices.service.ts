import { DomainError } from '../shared/errors.js';
import type { Actor } from '../accounts/account.types.js';
import type { Transactor } from '../repos.js';
import type { Alert, Device, DeviceInput, DeviceKind, DeviceReachability, HealthCollectors, HealthSnapshot, PeripheralScan } from './device.types.js';
import { RESOLUTION_MS, bucketStart, type Resolution } from './downsample.js';
import type { HealthPoller } from './health-poller.js';
import { deviceUpMetric } from './metrics.js';

/** Default windows of the history query, and the most points one reply carries. */
const DEFAULT_WINDOW_MS: Record<Resolution, number> = { minute: 3_600_000, hour: 7 * 24 * 3_600_000 };
const MAX_POINTS: Record<Resolution, number> = { minute: 24 * 60, hour: 366 * 24 };
/** The expensive peripheral scan is shared by everyone for this long. */
export const PERIPHERAL_CACHE_MS = 30_000;

export interface HistoryPoint {
  at: string;
  min: number;
  avg: number;
  max: number;
  count: number;
}

export interface DeviceDetail extends Device {
  alerts: Alert[];
  reachability: { current: DeviceReachability | null; hourly: HistoryPoint[] };
}

const round = (v: number) => Math.round(v * 1000) / 1000;
const clean = (v: string | null | undefined) => {
  const t = v?.trim();
  return t ? t : null;
};

/**
 * The teaching room's equipment (Art. 8.1.a evidence) and the appliance's health: latest
 * readings, history for charts, alerts, and the on-demand peripheral scan. Inventory changes are
 * one transaction each with their audit entry.
 */
export class DevicesService {
  private peripheralCache: { wallMs: number; scan: PeripheralScan } | null = null;
  private peripheralScan: Promise<PeripheralScan> | null = null;

  constructor(
    private readonly tx: Transactor,
    private readonly poller: HealthPoller,
    private readonly collectors: Pick<HealthCollectors, 'peripherals'>,
    private readonly clock: () => number = Date.now,
  ) {}

  /** The latest readings: the running poller's, or read now when it is not running (or stale). */
  async now(): Promise<HealthSnapshot> {
    const latest = this.poller.latest();
    if (latest && this.poller.isFresh()) return latest;
    return this.poller.sample();
  }

  async history(q: { metric: string; resolution: Resolution; from?: string | undefined; to?: string | undefined }) {
    const to = q.to ? Date.parse(q.to) : this.clock();
    const from = q.from ? Date.parse(q.from) : to - DEFAULT_WINDOW_MS[q.resolution];
    if (!Number.isFinite(from) || !Number.isFinite(to) || !(from < to)) throw new DomainError('INVALID_DATE_RANGE', { field: 'from' });
    // The bucket that contains `from` is included: a chart from 10:30:20 starts with the 10:30 minute.
    const rows = await this.tx.read((r) => r.deviceHealth.history(q.metric, q.resolution, bucketStart(from, q.resolution), to, MAX_POINTS[q.resolution]));
    return {
      metric: q.metric,
      resolution: q.resolution,
      bucketSeconds: RESOLUTION_MS[q.resolution] / 1000,
      from: new Date(from).toISOString(),
      to: new Date(to).toISOString(),
      points: rows.map((b) => ({ at: new Date(b.start).toISOString(), min: round(b.min), avg: round(b.avg), max: round(b.max), count: b.count })),
    };
  }

  alerts(q: { active?: boolean | undefined; deviceId?: number | undefined; limit: number }): Promise<Alert[]> {
    return this.tx.read((r) => r.deviceHealth.listAlerts({ limit: q.limit, ...(q.active !== undefined ? { active: q.active } : {}), ...(q.deviceId !== undefined ? { deviceId: q.deviceId } : {}) }));
  }

  listInventory(q: { includeRetired: boolean; kind?: DeviceKind | undefined }): Promise<Device[]> {
    return this.tx.read((r) => r.devices.list({ includeRetired: q.includeRetired, ...(q.kind ? { kind: q.kind } : {}) }));
  }

  /** One device with its health history: its alerts and its hourly availability over 30 days. */
  async getDevice(id: number): Promise<DeviceDetail> {
    const now = this.clock();
    const { device, alerts, hourly } = await this.tx.read(async (r) => {
      const device = await r.devices.get(id);
      if (!device) throw new DomainError('NOT_FOUND', { deviceId: id });
      const alerts = await r.deviceHealth.listAlerts({ deviceId: id, limit: 100 });
      const hourly = await r.deviceHealth.history(deviceUpMetric(id), 'hour', bucketStart(now - 30 * 24 * 3_600_000, 'hour'), now + 1, MAX_POINTS.hour);
      return { device, alerts, hourly };
    });
    const current = this.poller.latest()?.devices.find((d) => d.id === id) ?? null;
    return {
      ...device, alerts,
      reachability: { current, hourly: hourly.map((b) => ({ at: new Date(b.start).toISOString(), min: round(b.min), avg: round(b.avg), max: round(b.max), count: b.count })) },
    };
  }

  createDevice(actor: Actor, input: DeviceInput): Promise<number> {
    const d = normalize(input);
    return this.changed(this.tx.run(async (r) => {
      if (d.serial && (await r.devices.findBySerial(d.kind, d.serial))) throw new DomainError('CONFLICT', { field: 'serial' });
      const id = await r.devices.create(d, new Date(this.clock()).toISOString());
      await r.audit.record(actor, 'device.created', 'device', id, { kind: d.kind, name: d.name, model: d.model, serial: d.serial, location: d.location });
      return id;
    }));
  }

  updateDevice(actor: Actor, id: number, input: DeviceInput): Promise<void> {
    const d = normalize(input);
    return this.changed(this.tx.run(async (r) => {
      const before = await r.devices.get(id);
      if (!before) throw new DomainError('NOT_FOUND', { deviceId: id });
      if (before.retiredAt) throw new DomainError('DEVICE_RETIRED', { deviceId: id });
      if (d.serial) {
        const other = await r.devices.findBySerial(d.kind, d.serial);
        if (other && other.id !== id) throw new DomainError('CONFLICT', { field: 'serial' });
      }
      await r.devices.update(id, d);
      const changes: Record<string, unknown> = {};
      for (const k of Object.keys(d) as (keyof DeviceInput)[]) if (before[k] !== d[k]) changes[k] = { from: before[k], to: d[k] };
      await r.audit.record(actor, 'device.updated', 'device', id, changes);
    }));
  }

  /** Takes a device out of service (it stays in the inventory as evidence); its open alerts are cleared. */
  retireDevice(actor: Actor, id: number, reason: string | null): Promise<void> {
    return this.changed(this.tx.run(async (r) => {
      const before = await r.devices.get(id);
      if (!before) throw new DomainError('NOT_FOUND', { deviceId: id });
      if (before.retiredAt) throw new DomainError('DEVICE_RETIRED', { deviceId: id });
      const at = new Date(this.clock()).toISOString();
      await r.devices.retire(id, at, clean(reason));
      const cleared = await r.deviceHealth.clearDeviceAlerts(id, at);
      await r.audit.record(actor, 'device.retired', 'device', id, { name: before.name, reason: clean(reason), alertsCleared: cleared });
    }));
  }

  /**
   * The expensive scan (displays, audio, USB, block devices: systeminformation spawns lspci,
   * lsusb, lsblk, xrandr). One scan at a time, and its result is shared for PERIPHERAL_CACHE_MS.
   */
  async peripherals(): Promise<PeripheralScan & { cached: boolean }> {
    const wall = this.clock();
    if (this.peripheralCache && wall - this.peripheralCache.wallMs < PERIPHERAL_CACHE_MS) return { ...this.peripheralCache.scan, cached: true };
    this.peripheralScan ??= this.collectors.peripherals()
      .then((scan) => {
        this.peripheralCache = { wallMs: this.clock(), scan };
        return scan;
      })
      .finally(() => { this.peripheralScan = null; });
    return { ...(await this.peripheralScan), cached: false };
  }

  private async changed<T>(p: Promise<T>): Promise<T> {
    const v = await p;
    this.poller.invalidateTargets();
    return v;
  }
}

/** Trims text, turns blanks into null; a network address needs both host and port. */
export function normalize(i: DeviceInput): DeviceInput {
  const d: DeviceInput = {
    kind: i.kind, name: i.name.trim().replace(/\s+/g, ' '), model: clean(i.model), serial: clean(i.serial), location: clean(i.location),
    host: clean(i.host)?.toLowerCase().replace(/^\[(.*)\]$/, '$1') ?? null, port: i.port ?? null, notes: clean(i.notes),
  };
  if (!d.name) throw new DomainError('VALIDATION_FAILED', { fields: [{ field: '/name', problem: 'empty' }] });
  if ((d.host === null) !== (d.port === null)) {
    throw new DomainError('VALIDATION_FAILED', { fields: [{ field: d.host === null ? '/host' : '/port', problem: 'host and port go together' }] });
  }
  return d;
}
