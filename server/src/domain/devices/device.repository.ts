import type { Alert, AlertRule, Device, DeviceInput, DeviceKind, ReachTarget, Severity } from './device.types.js';
import type { Bucket, Resolution } from './downsample.js';

/** The equipment inventory of the teaching room. */
export interface DeviceRepository {
  list(filter: { includeRetired: boolean; kind?: DeviceKind }): Promise<Device[]>;
  get(id: number): Promise<Device | undefined>;
  findBySerial(kind: DeviceKind, serial: string): Promise<Device | undefined>;
  create(input: DeviceInput, addedAt: string): Promise<number>;
  update(id: number, input: DeviceInput): Promise<void>;
  retire(id: number, at: string, reason: string | null): Promise<void>;
  /** Devices in service with a host and port: what the reachability check probes. */
  reachTargets(): Promise<(ReachTarget & { kind: DeviceKind; name: string })[]>;
}

export interface NewAlert {
  rule: AlertRule;
  subject: string;
  deviceId: number | null;
  severity: Severity;
  value: number | null;
  threshold: number | null;
  message: { vi: string; en: string };
  raisedAt: string;
}

/** Downsampled metric history and the alerts. Bucket starts are ms since the epoch here. */
export interface DeviceHealthRepository {
  findBuckets(resolution: Resolution, metrics: readonly string[], starts: readonly number[]): Promise<Bucket[]>;
  /** Inserts or overwrites (metric, resolution, start). */
  saveBuckets(buckets: readonly Bucket[]): Promise<void>;
  /** Buckets of one metric with from ≤ start < to, oldest first. */
  history(metric: string, resolution: Resolution, from: number, to: number, limit: number): Promise<Bucket[]>;
  /** Deletes the buckets of a resolution that start before `before`; returns how many. */
  pruneBuckets(resolution: Resolution, before: number): Promise<number>;

  listAlerts(q: { active?: boolean; deviceId?: number; limit: number }): Promise<Alert[]>;
  insertAlert(a: NewAlert): Promise<number>;
  escalateAlert(id: number, severity: Severity, value: number | null, threshold: number | null, message: { vi: string; en: string }): Promise<void>;
  /** Sets cleared_at if the alert is still open. */
  clearAlert(id: number, at: string): Promise<void>;
  clearDeviceAlerts(deviceId: number, at: string): Promise<number>;
}
