import type { Dashboard, DashboardAlert, DashboardCamera, DashboardDevice } from '../../contracts/dashboard.schema.js';
import type { Principal } from '../accounts/account.types.js';
import type { HealthSnapshot } from '../devices/device.types.js';
import { schoolDate, schoolDayBounds } from '../live/school-time.js';
import type { Repos, Transactor } from '../repos.js';
import { DomainError } from '../shared/errors.js';
import type { PlanActualInput } from './dashboard.types.js';
import {
  assessmentProgress, attendanceByClass, compareNames, healthStatus, lessonCounts, planPart, rate, reportingSemester, waitingMaterials,
} from './dashboard-rules.js';

export interface DashboardDeps {
  /** The health poller's latest readings (null when it has not measured): device reachability and the box's figures. */
  healthSnapshot: () => HealthSnapshot | null;
  /** The plans module's plan versus actual for a semester (`services.teachingPlans.planVersusActual`): every class × subject of the year. */
  planVersusActual?: (semesterId: number) => Promise<readonly PlanActualInput[]>;
  now?: () => Date;
}

/** Who reads the dashboard: the principal and the vice principals (the route's action says the same). */
const READERS = ['principal', 'vice_principal'] as const;
/** A live lesson may run over midnight: lessons that started up to a day before today are read too. */
const LIVE_LOOKBACK_MS = 86_400_000;

/**
 * The principal's dashboard (Art. 15.1: the principal organises and checks online teaching; Art. 10.3
 * equipment): read-only figures from live lessons, attendance, materials' approval, the gradebook,
 * quizzes, teaching plans and device health, in one reply.
 */
export class DashboardService {
  private readonly now: () => Date;

  constructor(private readonly tx: Transactor, private readonly deps: DashboardDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  async overview(viewer: Principal): Promise<Dashboard> {
    if (!viewer.roles.some((r) => (READERS as readonly string[]).includes(r))) throw new DomainError('FORBIDDEN');
    const nowDate = this.now();
    const now = nowDate.toISOString();
    const today = schoolDate(nowDate);
    const day = schoolDayBounds(today);

    const data = await this.tx.read(async (r) => {
      const q = r.dashboard;
      const school = await r.school.getSchool();
      const year = await r.school.currentYear();
      const semester = year ? reportingSemester(year.semesters, today) : null;
      const lessons = await q.lessonsStartingBetween(new Date(Date.parse(day.from) - LIVE_LOOKBACK_MS).toISOString(), day.to);
      const held = lessons.filter((l) => l.status === 'live' || (l.status === 'ended' && l.startsAt >= day.from));
      const attendance = await q.lessonAttendance(held.map((l) => l.id));
      const enrolled = new Map((year ? await q.enrolledCounts(year.id) : []).map((e) => [e.classId, e.students]));
      const waiting = await q.waitingVersions();
      let assessment: Dashboard['assessment']['rows'] = [];
      if (year && semester && school) {
        const semFrom = schoolDayBounds(semester.startsOn).from;
        const semTo = schoolDayBounds(semester.endsOn).to;
        const quizzes = await q.quizClasses(year.id, semFrom, semTo);
        const pending = await q.pendingGrading(year.id, [...new Set(quizzes.map((x) => x.quizId))]);
        assessment = assessmentProgress({
          level: school.level, assignments: await q.assignments(year.id), enrolled,
          filled: await q.filledCells(year.id, semester.id), quizzes, pending, now,
        });
      }
      const devices = await r.devices.list({ includeRetired: false });
      const cameras = await r.cameras.list();
      const alerts = await r.deviceHealth.listAlerts({ active: true, limit: 100 });
      return { year, semester, lessons, held, attendance, enrolled, waiting, assessment, devices, cameras, alerts };
    });

    const todays = data.lessons.filter((l) => l.startsAt >= day.from);
    const joined = new Map(data.attendance.map((a) => [a.lessonId, a]));
    const live = data.lessons.filter((l) => l.status === 'live')
      .map((l) => {
        const enrolled = data.enrolled.get(l.classId) ?? 0;
        const a = joined.get(l.id);
        return {
          id: l.id, classId: l.classId, className: l.className, subjectId: l.subjectId, subjectName: l.subjectName, teacherName: l.teacherName,
          topic: l.topic, mode: l.mode, startsAt: l.startsAt, endsAt: l.endsAt, startedAt: l.startedAt,
          present: Math.min(a?.presentNow ?? 0, enrolled), joined: Math.min(a?.joined ?? 0, enrolled), enrolled,
        };
      })
      .sort((a, b) => compareNames(a.className, b.className));
    const classes = attendanceByClass(data.held, data.attendance, data.enrolled);
    const present = classes.reduce((s, c) => s + c.present, 0);
    const expected = classes.reduce((s, c) => s + c.expected, 0);
    const filled = data.assessment.reduce((s, a) => s + a.regular.filled + a.periodic.filled, 0);
    const required = data.assessment.reduce((s, a) => s + a.regular.required + a.periodic.required, 0);

    const plans = data.semester && this.deps.planVersusActual ? planPart(await this.deps.planVersusActual(data.semester.id)) : null;

    return {
      generatedAt: now,
      today,
      schoolYear: data.year ? { id: data.year.id, name: data.year.name } : null,
      semester: data.semester ? { id: data.semester.id, number: data.semester.number, startsOn: data.semester.startsOn, endsOn: data.semester.endsOn, current: data.semester.current } : null,
      live: { lessons: live },
      attendance: { classes, totals: { present, expected, rate: rate(present, expected) }, lessons: lessonCounts(todays, now) },
      materials: waitingMaterials(data.waiting, now),
      assessment: { rows: data.assessment, totals: { filled, required, rate: rate(filled, required) } },
      plans,
      devices: this.devicePart(data.devices, data.cameras, data.alerts),
    };
  }

  private devicePart(
    inventory: Awaited<ReturnType<Repos['devices']['list']>>,
    cameraRows: Awaited<ReturnType<Repos['cameras']['list']>>,
    alertRows: Awaited<ReturnType<Repos['deviceHealth']['listAlerts']>>,
  ): Dashboard['devices'] {
    const snap = this.deps.healthSnapshot();
    const reach = new Map((snap?.devices ?? []).map((d) => [d.id, d]));
    const alertsPerDevice = new Map<number, number>();
    for (const a of alertRows) if (a.deviceId !== null) alertsPerDevice.set(a.deviceId, (alertsPerDevice.get(a.deviceId) ?? 0) + 1);
    const devices: DashboardDevice[] = inventory.map((d) => {
      const r = d.host && d.port ? reach.get(d.id) : undefined;
      return { id: d.id, kind: d.kind, name: d.name, location: d.location, reachable: r ? r.reachable : null, error: r?.reachable === false ? r.error : null, activeAlerts: alertsPerDevice.get(d.id) ?? 0 };
    });
    // Only what the page shows: never the camera's credentials or stream address.
    const cameras: DashboardCamera[] = cameraRows.map((c) => ({ id: c.id, name: c.name, enabled: c.enabled, isDefault: c.isDefault, lastSeenAt: c.lastSeenAt, lastError: c.lastError }));
    const alerts: DashboardAlert[] = alertRows.map((a) => ({ id: a.id, rule: a.rule, severity: a.severity, message: a.message, raisedAt: a.raisedAt, deviceId: a.deviceId }));
    const dataDisk = snap?.disks.reduce<number | null>((min, d) => (min === null || d.freePct < min ? d.freePct : min), null) ?? null;
    return {
      status: healthStatus(devices, cameras, alerts),
      checkedAt: snap?.at ?? null,
      box: snap ? { cpuLoadPct: snap.cpu.loadPct, memoryAvailablePct: snap.memory?.availablePct ?? null, diskFreePct: dataDisk, temperatureC: snap.cpu.temperatureC } : null,
      devices, cameras, alerts,
    };
  }
}
