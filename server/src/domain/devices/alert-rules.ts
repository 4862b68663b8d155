/**
 * Alert rules over the health readings, as a pure state machine: `evaluateAlerts(state, readings)`
 * returns the next state and the events to store. An alert is raised once when its condition
 * starts (after `raiseAfter` consecutive readings in the alert zone), may escalate from warning to
 * critical, and is cleared once when the readings are back on the safe side of a separate
 * clearing threshold (hysteresis) for `clearAfter` consecutive readings. A reading inside the band
 * between the two thresholds changes nothing, so a value hovering at the threshold cannot flap.
 * Severity never drops inside one episode: the stored alert says how bad it got.
 */
import { DEVICE_KIND_LABELS, type AlertRule, type DeviceKind, type Severity } from './device.types.js';

export const THRESHOLDS = {
  /** Free space of a mounted filesystem, in %. Read once a minute. */
  disk: { warnBelowPct: 10, criticalBelowPct: 5, clearAtPct: 12, raiseAfter: 1, clearAfter: 2 },
  /** CPU temperature in °C. Read every 30 s, so two readings ≈ one minute above the line. */
  temperature: { warnAtC: 80, criticalAtC: 90, clearBelowC: 75, raiseAfter: 2, clearAfter: 2 },
  /** Available memory, in % of the total. Read every 5 s. */
  memory: { warnBelowPct: 10, criticalBelowPct: 5, clearAtPct: 15, raiseAfter: 3, clearAfter: 3 },
  /** TCP reachability of a device (camera, network gear). Checked every 10 s. */
  device: { offlineAfter: 3, onlineAfter: 2 },
  /** A media worker disappeared: cleared after this long without another; critical from this many in one episode. */
  media: { quietMs: 5 * 60_000, criticalRestarts: 3 },
};
export type Thresholds = typeof THRESHOLDS;

/** One tick's fresh readings. An absent field was not measured this tick and changes nothing. */
export interface HealthReadings {
  at: number;
  /** null: the machine has no temperature sensor. */
  temperatureC?: number | null;
  memoryAvailablePct?: number;
  /** The full list of mounted filesystems: an active alert for a mount that is gone is cleared. */
  disks?: { mount: string; freePct: number }[];
  /** The full list of checked devices: an active alert for a device no longer checked is cleared. */
  devices?: { id: number; kind: DeviceKind; name: string; host: string; port: number; reachable: boolean }[];
  /** Cumulative count of media worker restarts reported by the collector. */
  mediaRestarts?: number;
}

export interface AlertEvent {
  type: 'raised' | 'escalated' | 'cleared';
  key: string;
  rule: AlertRule;
  subject: string;
  deviceId: number | null;
  severity: Severity;
  value: number | null;
  threshold: number | null;
  message: { vi: string; en: string };
  at: number;
}

interface RuleState {
  rule: AlertRule;
  subject: string;
  deviceId: number | null;
  active: boolean;
  severity: Severity | null;
  onStreak: number;
  critStreak: number;
  offStreak: number;
  message: { vi: string; en: string } | null;
}

export interface AlertState {
  rules: Record<string, RuleState>;
  media: { baseline: number | null; lastRestartAt: number | null; episodeRestarts: number };
}

export const alertKey = (rule: AlertRule, subject: string) => `${rule}|${subject}`;
export const deviceSubject = (id: number) => `device:${id}`;

/** The state after a restart: alerts still open in the database stay raised (never raised twice). */
export function initialAlertState(active: readonly { rule: AlertRule; subject: string; deviceId: number | null; severity: Severity; message?: { vi: string; en: string } }[] = [], now = 0): AlertState {
  const state: AlertState = { rules: {}, media: { baseline: null, lastRestartAt: null, episodeRestarts: 0 } };
  for (const a of active) {
    state.rules[alertKey(a.rule, a.subject)] = {
      rule: a.rule, subject: a.subject, deviceId: a.deviceId, active: true, severity: a.severity, onStreak: 0, critStreak: 0, offStreak: 0, message: a.message ?? null,
    };
    if (a.rule === 'media_worker_restarted') state.media = { baseline: null, lastRestartAt: now, episodeRestarts: 1 };
  }
  return state;
}

export function activeAlertKeys(state: AlertState): string[] {
  return Object.entries(state.rules).filter(([, s]) => s.active).map(([k]) => k).sort();
}

const num = (v: number, digits = 1) => {
  const s = (Math.round(v * 10 ** digits) / 10 ** digits).toFixed(digits);
  return { vi: s.replace('.', ','), en: s };
};

const TEXT = {
  disk_low: (mount: string, freePct: number, thr: number) => ({
    vi: `Ổ đĩa "${mount}" sắp đầy: chỉ còn trống ${num(freePct).vi} % (ngưỡng ${thr} %). Hãy xoá bớt bản ghi cũ hoặc lắp thêm ổ.`,
    en: `Disk "${mount}" is nearly full: only ${num(freePct).en} % free (threshold ${thr} %). Remove old recordings or add storage.`,
  }),
  temperature_high: (c: number, thr: number) => ({
    vi: `Nhiệt độ CPU cao: ${num(c).vi} °C (ngưỡng ${thr} °C). Kiểm tra quạt và chỗ đặt máy.`,
    en: `CPU temperature is high: ${num(c).en} °C (threshold ${thr} °C). Check the fan and where the box stands.`,
  }),
  memory_low: (pct: number, thr: number) => ({
    vi: `Bộ nhớ sắp cạn: chỉ còn ${num(pct).vi} % khả dụng (ngưỡng ${thr} %).`,
    en: `Memory is running out: only ${num(pct).en} % available (threshold ${thr} %).`,
  }),
  device_offline: (d: { kind: DeviceKind; name: string; host: string; port: number }, checks: number) => ({
    vi: `${DEVICE_KIND_LABELS[d.kind].vi} "${d.name}" (${d.host}:${d.port}) không phản hồi sau ${checks} lần kiểm tra liên tiếp.`,
    en: `${DEVICE_KIND_LABELS[d.kind].en} "${d.name}" (${d.host}:${d.port}) did not answer ${checks} checks in a row.`,
  }),
  media_worker_restarted: (n: number) => ({
    vi: `Tiến trình xử lý hình ảnh và âm thanh (media worker) đã dừng và khởi động lại ${n} lần.`,
    en: `A media worker stopped and was restarted (${n} time${n === 1 ? '' : 's'}).`,
  }),
};

interface LevelInput {
  rule: AlertRule;
  subject: string;
  deviceId: number | null;
  /** The alert zone this reading is in, or null when it is not in one. */
  on: Severity | null;
  /** The reading is on the safe side of the clearing threshold. */
  safe: boolean;
  raiseAfter: number;
  clearAfter: number;
  value: number | null;
  threshold: (s: Severity) => number | null;
  message: (s: Severity) => { vi: string; en: string };
}

function stepLevel(state: AlertState, at: number, i: LevelInput, events: AlertEvent[]): void {
  const key = alertKey(i.rule, i.subject);
  const s: RuleState = state.rules[key] ?? { rule: i.rule, subject: i.subject, deviceId: i.deviceId, active: false, severity: null, onStreak: 0, critStreak: 0, offStreak: 0, message: null };
  const critStreak = i.on === 'critical' ? s.critStreak + 1 : 0;
  const base = { key, rule: i.rule, subject: i.subject, deviceId: i.deviceId, value: i.value, at };
  if (!s.active) {
    const onStreak = i.on ? s.onStreak + 1 : 0;
    if (onStreak >= i.raiseAfter) {
      const severity: Severity = critStreak >= i.raiseAfter ? 'critical' : 'warning';
      const message = i.message(severity);
      events.push({ ...base, type: 'raised', severity, threshold: i.threshold(severity), message });
      state.rules[key] = { ...s, active: true, severity, onStreak: 0, critStreak, offStreak: 0, message };
    } else if (onStreak === 0 && critStreak === 0) {
      delete state.rules[key]; // nothing to remember
    } else {
      state.rules[key] = { ...s, onStreak, critStreak, offStreak: 0 };
    }
    return;
  }
  if (s.severity === 'warning' && critStreak >= i.raiseAfter) {
    const message = i.message('critical');
    events.push({ ...base, type: 'escalated', severity: 'critical', threshold: i.threshold('critical'), message });
    state.rules[key] = { ...s, severity: 'critical', critStreak, offStreak: 0, message };
    return;
  }
  const offStreak = i.safe ? s.offStreak + 1 : 0;
  if (offStreak >= i.clearAfter) {
    events.push({ ...base, type: 'cleared', severity: s.severity ?? 'warning', threshold: null, message: s.message ?? i.message(s.severity ?? 'warning') });
    delete state.rules[key];
    return;
  }
  state.rules[key] = { ...s, critStreak, offStreak };
}

/** Clears the active alerts of a rule whose subject is no longer in a complete list (unmounted disk, retired camera). */
function clearVanished(state: AlertState, rule: AlertRule, present: Set<string>, at: number, events: AlertEvent[]): void {
  for (const [key, s] of Object.entries(state.rules)) {
    if (s.rule !== rule || present.has(s.subject)) continue;
    if (s.active) {
      events.push({ type: 'cleared', key, rule, subject: s.subject, deviceId: s.deviceId, severity: s.severity ?? 'warning', value: null, threshold: null, message: s.message ?? { vi: '', en: '' }, at });
    }
    delete state.rules[key];
  }
}

/** One step of the rules. Pure: the given state is not modified. */
export function evaluateAlerts(prev: AlertState, r: HealthReadings, t: Thresholds = THRESHOLDS): { state: AlertState; events: AlertEvent[] } {
  const state: AlertState = { rules: Object.fromEntries(Object.entries(prev.rules).map(([k, v]) => [k, { ...v }])), media: { ...prev.media } };
  const events: AlertEvent[] = [];
  const at = r.at;

  if (r.disks) {
    const d = t.disk;
    for (const disk of r.disks) {
      const v = disk.freePct;
      stepLevel(state, at, {
        rule: 'disk_low', subject: disk.mount, deviceId: null, value: v,
        on: v < d.criticalBelowPct ? 'critical' : v < d.warnBelowPct ? 'warning' : null, safe: v >= d.clearAtPct,
        raiseAfter: d.raiseAfter, clearAfter: d.clearAfter,
        threshold: (s) => (s === 'critical' ? d.criticalBelowPct : d.warnBelowPct),
        message: (s) => TEXT.disk_low(disk.mount, v, s === 'critical' ? d.criticalBelowPct : d.warnBelowPct),
      }, events);
    }
    clearVanished(state, 'disk_low', new Set(r.disks.map((x) => x.mount)), at, events);
  }

  if (typeof r.temperatureC === 'number' && Number.isFinite(r.temperatureC)) {
    const c = r.temperatureC;
    const d = t.temperature;
    stepLevel(state, at, {
      rule: 'temperature_high', subject: 'cpu', deviceId: null, value: c,
      on: c >= d.criticalAtC ? 'critical' : c >= d.warnAtC ? 'warning' : null, safe: c < d.clearBelowC,
      raiseAfter: d.raiseAfter, clearAfter: d.clearAfter,
      threshold: (s) => (s === 'critical' ? d.criticalAtC : d.warnAtC),
      message: (s) => TEXT.temperature_high(c, s === 'critical' ? d.criticalAtC : d.warnAtC),
    }, events);
  }

  if (typeof r.memoryAvailablePct === 'number' && Number.isFinite(r.memoryAvailablePct)) {
    const v = r.memoryAvailablePct;
    const d = t.memory;
    stepLevel(state, at, {
      rule: 'memory_low', subject: 'memory', deviceId: null, value: v,
      on: v < d.criticalBelowPct ? 'critical' : v < d.warnBelowPct ? 'warning' : null, safe: v >= d.clearAtPct,
      raiseAfter: d.raiseAfter, clearAfter: d.clearAfter,
      threshold: (s) => (s === 'critical' ? d.criticalBelowPct : d.warnBelowPct),
      message: (s) => TEXT.memory_low(v, s === 'critical' ? d.criticalBelowPct : d.warnBelowPct),
    }, events);
  }

  if (r.devices) {
    const d = t.device;
    for (const dev of r.devices) {
      stepLevel(state, at, {
        rule: 'device_offline', subject: deviceSubject(dev.id), deviceId: dev.id, value: dev.reachable ? 1 : 0,
        on: dev.reachable ? null : 'warning', safe: dev.reachable,
        raiseAfter: d.offlineAfter, clearAfter: d.onlineAfter,
        threshold: () => d.offlineAfter,
        message: () => TEXT.device_offline(dev, d.offlineAfter),
      }, events);
    }
    clearVanished(state, 'device_offline', new Set(r.devices.map((x) => deviceSubject(x.id))), at, events);
  }

  stepMedia(state, r, t, events);
  return { state, events };
}

function stepMedia(state: AlertState, r: HealthReadings, t: Thresholds, events: AlertEvent[]): void {
  const key = alertKey('media_worker_restarted', 'media');
  const m = state.media;
  const base = { key, rule: 'media_worker_restarted' as const, subject: 'media', deviceId: null, at: r.at };
  if (typeof r.mediaRestarts === 'number') {
    const n = r.mediaRestarts;
    if (m.baseline === null || n < m.baseline) {
      m.baseline = n; // first reading, or the collector was restarted: nothing happened that we saw
    } else if (n > m.baseline) {
      const delta = n - m.baseline;
      m.baseline = n;
      m.lastRestartAt = r.at;
      const s = state.rules[key];
      if (!s?.active) {
        m.episodeRestarts = delta;
        const severity: Severity = delta >= t.media.criticalRestarts ? 'critical' : 'warning';
        const message = TEXT.media_worker_restarted(delta);
        events.push({ ...base, type: 'raised', severity, value: delta, threshold: severity === 'critical' ? t.media.criticalRestarts : 1, message });
        state.rules[key] = { rule: 'media_worker_restarted', subject: 'media', deviceId: null, active: true, severity, onStreak: 0, critStreak: 0, offStreak: 0, message };
      } else {
        m.episodeRestarts += delta;
        if (s.severity === 'warning' && m.episodeRestarts >= t.media.criticalRestarts) {
          const message = TEXT.media_worker_restarted(m.episodeRestarts);
          events.push({ ...base, type: 'escalated', severity: 'critical', value: m.episodeRestarts, threshold: t.media.criticalRestarts, message });
          state.rules[key] = { ...s, severity: 'critical', message };
        }
      }
    }
  }
  const s = state.rules[key];
  if (s?.active && m.lastRestartAt !== null && r.at - m.lastRestartAt >= t.media.quietMs) {
    events.push({ ...base, type: 'cleared', severity: s.severity ?? 'warning', value: m.episodeRestarts, threshold: null, message: s.message ?? TEXT.media_worker_restarted(m.episodeRestarts) });
    delete state.rules[key];
    m.episodeRestarts = 0;
  }
}
