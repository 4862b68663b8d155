import type { Alert, HealthSnapshot } from '../devices/device.types.js';
import type { BoxEssentials } from './box.types.js';

/** The essentials of this box, from its latest health readings, alerts, cameras and log. */
export function boxEssentials(input: {
  boxName: string;
  schoolName: string | null;
  version: string;
  uptimeSeconds: number;
  health: HealthSnapshot;
  alerts: Alert[];
  cameras: { id: number; name: string; enabled: boolean }[];
  problems: { time: string; level: number; msg: string }[];
  liveLessons: number;
  onBalena: boolean;
}): BoxEssentials {
  const h = input.health;
  const reach = new Map(h.devices.filter((d) => d.kind === 'camera').map((d) => [d.name, d.reachable]));
  const fullest = h.disks.length ? Math.min(...h.disks.map((d) => d.freePct)) : null;
  return {
    boxName: input.boxName,
    schoolName: input.schoolName,
    version: input.version,
    uptimeSeconds: Math.round(input.uptimeSeconds),
    at: h.at,
    cpuLoadPct: h.cpu.loadPct,
    temperatureC: h.cpu.temperatureC,
    memoryUsedPct: h.memory ? Math.round((100 - h.memory.availablePct) * 10) / 10 : null,
    diskFreePct: fullest === null ? null : Math.round(fullest * 10) / 10,
    mediaWorkers: h.media ? { count: h.media.count, restarts: h.media.restarts } : null,
    // Cameras in the equipment inventory are checked by the health poller; a room camera not in
    // the inventory is listed without a reachability reading.
    cameras: [
      ...[...reach].map(([name, reachable]) => ({ name, reachable })),
      ...input.cameras.filter((c) => c.enabled && !reach.has(c.name)).map((c) => ({ name: c.name, reachable: null })),
    ],
    activeAlerts: input.alerts.filter((a) => !a.clearedAt).map((a) => ({ rule: a.rule, subject: a.subject, severity: a.severity, message: a.message, raisedAt: a.raisedAt })),
    recentProblems: input.problems.slice(0, 5),
    liveLessons: input.liveLessons,
    onBalena: input.onBalena,
  };
}
