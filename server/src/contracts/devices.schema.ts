import { Type, type Static } from '@sinclair/typebox';
import { Id, Nullable } from './common.schema.js';

/** The teaching room's equipment and the appliance's health (Art. 10.3, Art. 8.1.a). */

export const DeviceKind = Type.Union(['camera', 'microphone', 'speaker', 'display', 'mini_pc', 'network'].map((k) => Type.Literal(k)));
const Text = (max: number) => Nullable(Type.String({ maxLength: max }));
/** A host name or an IPv4/IPv6 address, no scheme, no port. */
const Host = Type.String({ minLength: 1, maxLength: 255, pattern: '^(\\[?[0-9A-Fa-f:.]+\\]?|[A-Za-z0-9]([A-Za-z0-9-]{0,62})(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,62}))*\\.?)$' });

export const DeviceBody = Type.Object({
  kind: DeviceKind,
  name: Type.String({ minLength: 1, maxLength: 150 }),
  model: Type.Optional(Text(150)),
  serial: Type.Optional(Text(100)),
  location: Type.Optional(Text(150)),
  host: Type.Optional(Nullable(Host)),
  port: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 65535 }))),
  notes: Type.Optional(Text(2000)),
}, { additionalProperties: false });
export type DeviceBody = Static<typeof DeviceBody>;

export const RetireBody = Type.Object({ reason: Type.Optional(Text(500)) }, { additionalProperties: false });
export type RetireBody = Static<typeof RetireBody>;

export const Device = Type.Object({
  id: Id, kind: DeviceKind, name: Type.String(), model: Nullable(Type.String()), serial: Nullable(Type.String()), location: Nullable(Type.String()),
  host: Nullable(Type.String()), port: Nullable(Type.Integer()), notes: Nullable(Type.String()), addedAt: Type.String(), retiredAt: Nullable(Type.String()), retireReason: Nullable(Type.String()),
});

export const InventoryQuery = Type.Object({
  includeRetired: Type.Boolean({ default: false }),
  kind: Type.Optional(DeviceKind),
}, { additionalProperties: false });
export type InventoryQuery = Static<typeof InventoryQuery>;

export const Severity = Type.Union([Type.Literal('warning'), Type.Literal('critical')]);
export const Alert = Type.Object({
  id: Id,
  rule: Type.String(),
  subject: Type.String(),
  deviceId: Nullable(Type.Integer()),
  severity: Severity,
  value: Nullable(Type.Number()),
  threshold: Nullable(Type.Number()),
  message: Type.Object({ vi: Type.String(), en: Type.String() }),
  raisedAt: Type.String(),
  clearedAt: Nullable(Type.String()),
});

export const AlertsQuery = Type.Object({
  active: Type.Optional(Type.Boolean()),
  deviceId: Type.Optional(Id),
  limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
}, { additionalProperties: false });
export type AlertsQuery = Static<typeof AlertsQuery>;

/** `family.measure`, optionally `:subject` (a mount point, a device id). */
export const METRIC_NAME_PATTERN = '^[a-z_]{1,20}\\.[a-z_]{1,20}(:[^\\u0000-\\u001f]{1,120})?$';

export const Resolution = Type.Union([Type.Literal('minute'), Type.Literal('hour')]);
export const HistoryQuery = Type.Object({
  metric: Type.String({ pattern: METRIC_NAME_PATTERN, maxLength: 160, description: 'e.g. cpu.load_pct, mem.available_pct, net.rx_bps, disk.free_pct:/, device.up:3' }),
  resolution: Type.Optional(Resolution),
  from: Type.Optional(Type.String({ format: 'date-time' })),
  to: Type.Optional(Type.String({ format: 'date-time' })),
}, { additionalProperties: false });
export type HistoryQuery = Static<typeof HistoryQuery>;

export const HistoryPoint = Type.Object({ at: Type.String(), min: Type.Number(), avg: Type.Number(), max: Type.Number(), count: Type.Integer() });
export const History = Type.Object({
  metric: Type.String(), resolution: Resolution, bucketSeconds: Type.Integer(), from: Type.String(), to: Type.String(), points: Type.Array(HistoryPoint),
});

const Memory = Type.Object({ totalBytes: Type.Number(), availableBytes: Type.Number(), availablePct: Type.Number() });
const Disk = Type.Object({ mount: Type.String(), fs: Type.String(), type: Type.String(), sizeBytes: Type.Number(), availableBytes: Type.Number(), freePct: Type.Number() });
export const DeviceReachability = Type.Object({
  id: Id, kind: DeviceKind, name: Type.String(), host: Type.String(), port: Type.Integer(), reachable: Type.Boolean(), rttMs: Nullable(Type.Number()),
  error: Nullable(Type.String()), consecutiveFailures: Type.Integer(), checkedAt: Type.String(),
});

export const HealthNow = Type.Object({
  at: Type.String(),
  cpu: Type.Object({ loadPct: Nullable(Type.Number()), cores: Nullable(Type.Integer()), temperatureC: Nullable(Type.Number()), temperatureSensor: Nullable(Type.Boolean()), temperatureAt: Nullable(Type.String()) }),
  memory: Nullable(Memory),
  network: Nullable(Type.Object({ iface: Type.String(), rxBytesPerSec: Nullable(Type.Number()), txBytesPerSec: Nullable(Type.Number()) })),
  diskIo: Nullable(Type.Object({ readBytesPerSec: Nullable(Type.Number()), writeBytesPerSec: Nullable(Type.Number()) })),
  disks: Type.Array(Disk),
  disksAt: Nullable(Type.String()),
  media: Nullable(Type.Object({ count: Type.Integer(), restarts: Type.Integer(), cpuPct: Nullable(Type.Number()), workers: Type.Array(Type.Object({ pid: Type.Integer(), cpuPct: Nullable(Type.Number()) })) })),
  devices: Type.Array(DeviceReachability),
  poller: Type.Object({ running: Type.Boolean(), ticks: Type.Integer(), collectorErrors: Type.Integer(), writeErrors: Type.Integer(), lastTickMs: Nullable(Type.Number()), tickIntervalMs: Type.Integer() }),
});

export const DeviceDetail = Type.Object({
  ...Device.properties,
  alerts: Type.Array(Alert),
  reachability: Type.Object({ current: Nullable(DeviceReachability), hourly: Type.Array(HistoryPoint) }),
});

export const Peripherals = Type.Object({
  scannedAt: Type.String(),
  durationMs: Type.Number(),
  cached: Type.Boolean(),
  displays: Type.Array(Type.Object({ vendor: Type.String(), model: Type.String(), connection: Type.String(), main: Type.Boolean(), builtin: Type.Boolean(), resolutionX: Nullable(Type.Number()), resolutionY: Nullable(Type.Number()) })),
  graphics: Type.Array(Type.Object({ vendor: Type.String(), model: Type.String(), vramMb: Nullable(Type.Number()) })),
  audio: Type.Array(Type.Object({ name: Type.String(), manufacturer: Type.String(), type: Type.String(), driver: Type.String() })),
  soundCards: Type.Array(Type.Object({ index: Type.Integer(), id: Type.String(), name: Type.String() })),
  usb: Type.Array(Type.Object({ bus: Nullable(Type.Number()), deviceId: Nullable(Type.Number()), name: Type.String(), type: Type.String(), vendor: Type.String(), manufacturer: Type.String(), serial: Type.String() })),
  blockDevices: Type.Array(Type.Object({ name: Type.String(), type: Type.String(), sizeBytes: Type.Number(), model: Type.String(), serial: Type.String(), removable: Type.Boolean(), protocol: Type.String(), mount: Type.String() })),
  errors: Type.Array(Type.Object({ source: Type.String(), message: Type.String() })),
});
