import type {
  DashboardAlert, DashboardAssessmentRow, DashboardAttendanceClass, DashboardCamera, DashboardDevice, DashboardWaitingMaterial, HealthStatus,
} from '../../contracts/dashboard.schema.js';
import { layoutFor } from '../gradebook/gradebook-layout.js';
import type { SchoolLevel, Semester } from '../school/school.types.js';
import type { Dashboard } from '../../contracts/dashboard.schema.js';
import type {
  AssignmentRow, DashboardLessonRow, FilledCellRow, LessonAttendanceRow, PendingGradingRow, PlanActualInput, QuizClassRow, WaitingVersionRow,
} from './dashboard.types.js';

/**
 * The dashboard's rules, pure: how the figures are counted from the rows the repository reads.
 * Nothing here reads the clock; `now` is passed in.
 */

const DAY_MS = 86_400_000;

/** present / expected, or null when nothing was expected (an empty state, not 0 %). */
export function rate(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

/**
 * The semester the dashboard reports: the one containing today; between two semesters (or after the
 * last) the latest one that has started; before the first, none.
 */
export function reportingSemester(semesters: readonly Semester[], today: string): (Semester & { current: boolean }) | null {
  const current = semesters.find((s) => s.startsOn <= today && today <= s.endsOn);
  if (current) return { ...current, current: true };
  const started = semesters.filter((s) => s.startsOn <= today).sort((a, b) => (a.startsOn < b.startsOn ? 1 : -1))[0];
  return started ? { ...started, current: false } : null;
}

/** How today's lessons stand: live now, ended, still to come, missed (slot over, never started), cancelled. */
export function lessonCounts(lessons: readonly Pick<DashboardLessonRow, 'status' | 'endsAt'>[], now: string) {
  const out = { live: 0, ended: 0, upcoming: 0, missed: 0, cancelled: 0 };
  for (const l of lessons) {
    if (l.status === 'live') out.live++;
    else if (l.status === 'ended') out.ended++;
    else if (l.status === 'cancelled') out.cancelled++;
    else if (l.endsAt <= now) out.missed++;
    else out.upcoming++;
  }
  return out;
}

/**
 * Today's attendance per class (Art. 8.1.b records of attendance): over the lessons held today (live or
 * ended), the students present in each lesson out of the class's enrolled students, summed. A class
 * without a lesson held today is not listed (nothing was expected of it).
 */
export function attendanceByClass(
  lessons: readonly DashboardLessonRow[],
  attendance: readonly LessonAttendanceRow[],
  enrolled: ReadonlyMap<number, number>,
): DashboardAttendanceClass[] {
  const joined = new Map(attendance.map((a) => [a.lessonId, a.joined]));
  const byClass = new Map<number, DashboardAttendanceClass>();
  for (const l of lessons) {
    if (l.status !== 'live' && l.status !== 'ended') continue;
    const row = byClass.get(l.classId) ?? { classId: l.classId, className: l.className, grade: l.grade, lessons: 0, present: 0, expected: 0, rate: null };
    const students = enrolled.get(l.classId) ?? 0;
    row.lessons++;
    row.expected += students;
    row.present += Math.min(joined.get(l.id) ?? 0, students);
    byClass.set(l.classId, row);
  }
  return [...byClass.values()]
    .map((r) => ({ ...r, rate: rate(r.present, r.expected) }))
    .sort((a, b) => a.grade - b.grade || compareNames(a.className, b.className));
}

/** One collator for every comparison (localeCompare with options builds a new one each call). */
const NAMES = new Intl.Collator('vi', { numeric: true, sensitivity: 'base' });

/** Class names in the school's order: 6A2 before 6A10. */
export function compareNames(a: string, b: string): number {
  return NAMES.compare(a, b);
}

/**
 * Who a waiting version waits for (Art. 7.3): a submitted version waits for its subject group's leader,
 * or for the principal when the group has no leader; a passed version waits for the principal.
 */
export function reviewStep(v: Pick<WaitingVersionRow, 'status' | 'leaderId'>): 'leader' | 'principal' {
  return v.status === 'submitted' && v.leaderId !== null ? 'leader' : 'principal';
}

/** Whole days since an instant (0 on the same day it started waiting). */
export function daysSince(instant: string, now: string): number {
  return Math.max(0, Math.floor((Date.parse(now) - Date.parse(instant)) / DAY_MS));
}

/** The waiting versions split by step, oldest first. */
export function waitingMaterials(rows: readonly WaitingVersionRow[], now: string): { leaderStep: DashboardWaitingMaterial[]; principalStep: DashboardWaitingMaterial[] } {
  const out = { leaderStep: [] as DashboardWaitingMaterial[], principalStep: [] as DashboardWaitingMaterial[] };
  for (const v of rows) {
    const since = (v.status === 'passed' ? v.passedAt ?? v.submittedAt : v.submittedAt) ?? v.createdAt;
    const item: DashboardWaitingMaterial = {
      materialId: v.materialId, versionId: v.versionId, title: v.title, subjectName: v.subjectName, grade: v.grade, authorName: v.authorName,
      groupName: v.groupName, leaderName: v.leaderName, waitingSince: since, waitingDays: daysSince(since, now),
    };
    (reviewStep(v) === 'leader' ? out.leaderStep : out.principalStep).push(item);
  }
  const oldestFirst = (a: DashboardWaitingMaterial, b: DashboardWaitingMaterial) => (a.waitingSince < b.waitingSince ? -1 : a.waitingSince > b.waitingSince ? 1 : a.versionId - b.versionId);
  out.leaderStep.sort(oldestFirst);
  out.principalStep.sort(oldestFirst);
  return out;
}

export type QuizState = 'upcoming' | 'open' | 'waiting_grading' | 'graded';

/** A quiz for one class: open while its window is; after it, waiting while an attempt's score waits for the teacher. */
export function quizState(q: Pick<QuizClassRow, 'opensAt' | 'closesAt'>, pendingAttempts: number, now: string): QuizState {
  if (now < q.opensAt) return 'upcoming';
  if (now < q.closesAt) return 'open';
  return pendingAttempts > 0 ? 'waiting_grading' : 'graded';
}

/**
 * Assessment progress per class × subject for a semester: the gradebook cells filled out of those the
 * layout requires (Circular 22 Art. 6.2: ĐĐGtx count by the subject's periods per year, plus ĐĐGgk and
 * ĐĐGck; Circular 27 for primary schools) × the class's students, and the quizzes' states.
 * Cells outside the layout (a slot beyond the count) are not counted.
 */
export function assessmentProgress(input: {
  level: SchoolLevel;
  assignments: readonly AssignmentRow[];
  enrolled: ReadonlyMap<number, number>;
  filled: readonly FilledCellRow[];
  quizzes: readonly QuizClassRow[];
  pending: readonly PendingGradingRow[];
  now: string;
}): DashboardAssessmentRow[] {
  const filled = new Map<string, number>();
  for (const f of input.filled) filled.set(`${f.classId}:${f.subjectId}:${f.columnKind}:${f.slot}`, f.filled);
  const pending = new Map(input.pending.map((p) => [`${p.quizId}:${p.classId}`, p.attempts]));
  const quizzes = new Map<string, QuizClassRow[]>();
  for (const q of input.quizzes) {
    const k = `${q.classId}:${q.subjectId}`;
    quizzes.set(k, [...(quizzes.get(k) ?? []), q]);
  }
  const rows = input.assignments.map((a): DashboardAssessmentRow => {
    const students = input.enrolled.get(a.classId) ?? 0;
    const columns = layoutFor(input.level, { name: a.subjectName, assessment: a.assessment }, a.grade, a.periodsPerYear ?? 0);
    const regular = { filled: 0, required: 0 };
    const periodic = { filled: 0, required: 0 };
    for (const c of columns) {
      const bucket = c.kind === 'regular' ? regular : periodic;
      bucket.required += students;
      bucket.filled += Math.min(students, filled.get(`${a.classId}:${a.subjectId}:${c.kind}:${c.slot}`) ?? 0);
    }
    const q = { upcoming: 0, open: 0, waitingGrading: 0, graded: 0 };
    for (const quiz of quizzes.get(`${a.classId}:${a.subjectId}`) ?? []) {
      const s = quizState(quiz, pending.get(`${quiz.quizId}:${a.classId}`) ?? 0, input.now);
      if (s === 'upcoming') q.upcoming++;
      else if (s === 'open') q.open++;
      else if (s === 'waiting_grading') q.waitingGrading++;
      else q.graded++;
    }
    return {
      classId: a.classId, className: a.className, grade: a.grade, subjectId: a.subjectId, subjectName: a.subjectName, teacherName: a.teacherName,
      students, regular, periodic, rate: rate(regular.filled + periodic.filled, regular.required + periodic.required), quizzes: q,
    };
  });
  return rows.sort((a, b) => a.grade - b.grade || compareNames(a.className, b.className) || compareNames(a.subjectName, b.subjectName));
}

/**
 * The teaching room's overall state (Art. 10.3): critical when an active alert is critical; warning
 * when an alert is active, a device did not answer its last check, or an enabled camera reports an
 * error; otherwise ok.
 */
export function healthStatus(devices: readonly DashboardDevice[], cameras: readonly DashboardCamera[], alerts: readonly DashboardAlert[]): HealthStatus {
  if (alerts.some((a) => a.severity === 'critical')) return 'critical';
  if (alerts.length > 0) return 'warning';
  if (devices.some((d) => d.reachable === false)) return 'warning';
  if (cameras.some((c) => c.enabled && c.lastError !== null)) return 'warning';
  return 'ok';
}

/**
 * Plan versus actual (Art. 8.1.c, 15.1.b): the class × subject pairs with an approved plan, their
 * lessons due up to this week and how many were held, least done first; the pairs without an approved
 * plan are counted apart. Null when the school has no class × subject at all to plan.
 */
export function planPart(rows: readonly PlanActualInput[]): Dashboard['plans'] {
  if (!rows.length) return null;
  const approved = rows.filter((r) => r.planState === 'approved');
  const out = approved.map((r) => ({
    classId: r.classId, className: r.className, subjectId: r.subjectId, subjectName: r.subjectName, teacherName: r.teacherName,
    planned: r.plannedToDate, held: Math.min(r.heldToDate, r.plannedToDate), rate: rate(Math.min(r.heldToDate, r.plannedToDate), r.plannedToDate), weeksBehind: r.weeksBehind,
  })).sort((a, b) => (a.rate ?? 2) - (b.rate ?? 2) || compareNames(a.className, b.className) || compareNames(a.subjectName, b.subjectName));
  const planned = out.reduce((s, r) => s + r.planned, 0);
  const held = out.reduce((s, r) => s + r.held, 0);
  return {
    rows: out, totals: { planned, held, rate: rate(held, planned) },
    pending: rows.filter((r) => r.planState === 'pending').length, withoutPlan: rows.filter((r) => r.planState === 'none').length,
  };
}
