import { Type, type Static } from '@sinclair/typebox';
import { Id, IsoDate, Nullable } from './common.schema.js';

/**
 * The principal's dashboard (issue 5 point 5; Art. 15.1, 15.6: the principal directs and checks online
 * teaching): one reply with everything the page shows, so the on-site screen refreshes with one request.
 * Instants are ISO-8601 UTC text; rates are fractions 0–1 (the page writes them as percentages).
 */
const Mode = Type.Union([Type.Literal('supporting'), Type.Literal('replacing')]);
const Count = Type.Integer({ minimum: 0 });
const Rate = Nullable(Type.Number({ minimum: 0 }));
const Bilingual = Type.Object({ vi: Type.String(), en: Type.String() });

export const DashboardLiveLesson = Type.Object({
  id: Id, classId: Id, className: Type.String(), subjectId: Id, subjectName: Type.String(), teacherName: Type.String(),
  topic: Type.String(), mode: Mode, startsAt: Type.String(), endsAt: Type.String(), startedAt: Nullable(Type.String()),
  /** Students of the class connected now (an open presence interval). */
  present: Count,
  /** Students of the class who joined at least once. */
  joined: Count,
  enrolled: Count,
});

export const DashboardAttendanceClass = Type.Object({
  classId: Id, className: Type.String(), grade: Type.Integer(),
  /** Live lessons held today (started: live now or ended). */
  lessons: Count,
  /** Student-lessons attended (a student present in two lessons counts twice) out of the expected ones. */
  present: Count, expected: Count, rate: Rate,
});

export const DashboardWaitingMaterial = Type.Object({
  materialId: Id, versionId: Id, title: Type.String(), subjectName: Type.String(), grade: Type.Integer(),
  authorName: Type.String(), groupName: Nullable(Type.String()), leaderName: Nullable(Type.String()),
  /** Since when it waits at this step (submitted, or passed by the group leader). */
  waitingSince: Type.String(), waitingDays: Count,
});

const Filled = Type.Object({ filled: Count, required: Count });
export const DashboardAssessmentRow = Type.Object({
  classId: Id, className: Type.String(), grade: Type.Integer(), subjectId: Id, subjectName: Type.String(), teacherName: Nullable(Type.String()),
  students: Count,
  /** Regular assessments (ĐĐGtx, Circular 22 Art. 6.2): columns by the subject's periods per year × students. */
  regular: Filled,
  /** Mid-term and end-of-term columns (ĐĐGgk, ĐĐGck; primary: levels and tests). */
  periodic: Filled,
  rate: Rate,
  quizzes: Type.Object({ upcoming: Count, open: Count, waitingGrading: Count, graded: Count }),
});

/** One class × subject with an approved plan: the plan's lessons due up to this week and how many of them were held. */
export const DashboardPlanRow = Type.Object({
  classId: Id, className: Type.String(), subjectId: Id, subjectName: Type.String(), teacherName: Nullable(Type.String()),
  planned: Count, held: Count, rate: Rate, weeksBehind: Count,
});

export const DashboardDevice = Type.Object({
  id: Id, kind: Type.String(), name: Type.String(), location: Nullable(Type.String()),
  /** true/false from the health poller's last check; null when it has no network address or no reading yet. */
  reachable: Nullable(Type.Boolean()), error: Nullable(Type.String()), activeAlerts: Count,
});

export const DashboardCamera = Type.Object({
  id: Id, name: Type.String(), enabled: Type.Boolean(), isDefault: Type.Boolean(),
  lastSeenAt: Nullable(Type.String()), lastError: Nullable(Type.String()),
});

export const DashboardAlert = Type.Object({
  id: Id, rule: Type.String(), severity: Type.Union([Type.Literal('warning'), Type.Literal('critical')]),
  message: Bilingual, raisedAt: Type.String(), deviceId: Nullable(Id),
});

export const HealthStatus = Type.Union([Type.Literal('ok'), Type.Literal('warning'), Type.Literal('critical')]);

export const Dashboard = Type.Object({
  generatedAt: Type.String(),
  today: IsoDate,
  schoolYear: Nullable(Type.Object({ id: Id, name: Type.String() })),
  semester: Nullable(Type.Object({ id: Id, number: Type.Integer(), startsOn: IsoDate, endsOn: IsoDate, current: Type.Boolean() })),
  live: Type.Object({ lessons: Type.Array(DashboardLiveLesson) }),
  attendance: Type.Object({
    classes: Type.Array(DashboardAttendanceClass),
    totals: Type.Object({ present: Count, expected: Count, rate: Rate }),
    lessons: Type.Object({ live: Count, ended: Count, upcoming: Count, missed: Count, cancelled: Count }),
  }),
  materials: Type.Object({ leaderStep: Type.Array(DashboardWaitingMaterial), principalStep: Type.Array(DashboardWaitingMaterial) }),
  assessment: Type.Object({ rows: Type.Array(DashboardAssessmentRow), totals: Type.Object({ filled: Count, required: Count, rate: Rate }) }),
  /** Plan versus actual from the teaching plans (point 1); null when that module gives nothing yet. */
  plans: Nullable(Type.Object({
    rows: Type.Array(DashboardPlanRow),
    totals: Type.Object({ planned: Count, held: Count, rate: Rate }),
    /** Class × subject assignments without an approved plan: one waiting for approval, none at all. */
    pending: Count, withoutPlan: Count,
  })),
  devices: Type.Object({
    status: HealthStatus,
    /** When the health poller last measured; null when it has not run. */
    checkedAt: Nullable(Type.String()),
    box: Nullable(Type.Object({ cpuLoadPct: Nullable(Type.Number()), memoryAvailablePct: Nullable(Type.Number()), diskFreePct: Nullable(Type.Number()), temperatureC: Nullable(Type.Number()) })),
    devices: Type.Array(DashboardDevice),
    cameras: Type.Array(DashboardCamera),
    alerts: Type.Array(DashboardAlert),
  }),
});
export type Dashboard = Static<typeof Dashboard>;
export type DashboardLiveLesson = Static<typeof DashboardLiveLesson>;
export type DashboardAttendanceClass = Static<typeof DashboardAttendanceClass>;
export type DashboardWaitingMaterial = Static<typeof DashboardWaitingMaterial>;
export type DashboardAssessmentRow = Static<typeof DashboardAssessmentRow>;
export type DashboardPlanRow = Static<typeof DashboardPlanRow>;
export type DashboardDevice = Static<typeof DashboardDevice>;
export type DashboardCamera = Static<typeof DashboardCamera>;
export type DashboardAlert = Static<typeof DashboardAlert>;
export type HealthStatus = Static<typeof HealthStatus>;
