import type { SemesterFigures } from '../../contracts/reports.schema.js';
import { schoolDate, schoolDayBounds } from '../live/school-time.js';
import { DomainError } from '../shared/errors.js';
import type { AlertRow, AttemptRow, LessonRow, MetricBucketRow, ProgressRow, QuizRow, ReviewRow, TaskRow } from './report.types.js';

/**
 * The figure rules of the reports (Art. 9.2.c, 15.6), pure functions over rows the repository
 * reads. Every rule states what is counted, so the report says the same thing as the data.
 */

type Figures = SemesterFigures;
const HOUR_MS = 3_600_000;

/** A percentage with one decimal (half up), null when there is nothing to divide by. */
export function pct(part: number, whole: number): number | null {
  if (!whole) return null;
  return Math.round((part * 1000) / whole) / 10;
}

/** The instants [from, to) of the school days from `fromDate` to `toDate`, both included (school time, UTC+7). */
export function dateRange(fromDate: string, toDate: string): { from: string; to: string } {
  if (toDate < fromDate) throw new DomainError('INVALID_DATE_RANGE', { from: fromDate, to: toDate });
  return { from: schoolDayBounds(fromDate).from, to: schoolDayBounds(toDate).to };
}

/** Ranges of the other reports are bounded: a school year at most (the screens and files stay readable). */
export const MAX_RANGE_DAYS = 400;
export function checkRange(fromDate: string, toDate: string): { from: string; to: string } {
  const r = dateRange(fromDate, toDate);
  if (Date.parse(r.to) - Date.parse(r.from) > MAX_RANGE_DAYS * 24 * HOUR_MS) throw new DomainError('REPORT_RANGE_TOO_LONG', { days: MAX_RANGE_DAYS });
  return r;
}

const held = (l: LessonRow) => l.startedAt !== null && (l.status === 'ended' || l.status === 'live');
const minutesOf = (l: LessonRow) => (l.startedAt && l.endedAt ? Math.max(0, Math.round((Date.parse(l.endedAt) - Date.parse(l.startedAt)) / 60_000)) : 0);

/**
 * Lessons (Art. 2, 5.4): a lesson is held when it was started (ended, or still live); cancelled
 * when cancelled; not held when its slot has ended (before `now`) without being started. Months
 * and modes count held lessons by the school day of their slot.
 */
export function lessonFigures(lessons: readonly LessonRow[], now: string): Figures['lessons'] {
  const h = lessons.filter(held);
  const byMonth = new Map<string, { supporting: number; replacing: number }>();
  const byGs = new Map<string, Figures['lessons']['byGradeSubject'][number]>();
  const byMode = { supporting: { held: 0, minutes: 0 }, replacing: { held: 0, minutes: 0 } };
  for (const l of h) {
    const m = schoolDate(l.startsAt).slice(0, 7);
    const month = byMonth.get(m) ?? { supporting: 0, replacing: 0 };
    month[l.mode]++;
    byMonth.set(m, month);
    const key = `${l.grade}:${l.subjectId}`;
    const gs = byGs.get(key) ?? { grade: l.grade, subjectId: l.subjectId, subjectName: l.subjectName, supporting: 0, replacing: 0 };
    gs[l.mode]++;
    byGs.set(key, gs);
    byMode[l.mode].held++;
    byMode[l.mode].minutes += minutesOf(l);
  }
  return {
    scheduled: lessons.length,
    held: h.length,
    cancelled: lessons.filter((l) => l.status === 'cancelled').length,
    notHeld: lessons.filter((l) => l.status === 'scheduled' && l.endsAt < now).length,
    minutesHeld: byMode.supporting.minutes + byMode.replacing.minutes,
    byMode,
    byMonth: [...byMonth.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([month, v]) => ({ month, ...v })),
    byGradeSubject: [...byGs.values()].sort((a, b) => a.grade - b.grade || a.subjectName.localeCompare(b.subjectName, 'vi')),
  };
}

/**
 * Attendance (Art. 8.1.b): for each held lesson, expected = the class's enrolled students, present
 * = those of them who joined at least once. Rates pool the counts (present ÷ expected), so a
 * large class weighs more than a small one.
 */
export function attendanceFigures(lessons: readonly LessonRow[]): Figures['attendance'] {
  const h = lessons.filter(held).sort((a, b) => (a.startsAt < b.startsAt ? -1 : a.startsAt > b.startsAt ? 1 : a.id - b.id));
  const byClass = new Map<number, Figures['attendance']['byClass'][number]>();
  for (const l of h) {
    const c = byClass.get(l.classId) ?? { classId: l.classId, className: l.className, grade: l.grade, lessons: 0, expected: 0, present: 0, rate: null };
    c.lessons++;
    c.expected += l.enrolled;
    c.present += l.present;
    byClass.set(l.classId, c);
  }
  const classes = [...byClass.values()].map((c) => ({ ...c, rate: pct(c.present, c.expected) }))
    .sort((a, b) => a.grade - b.grade || a.className.localeCompare(b.className, 'vi', { numeric: true }));
  const expected = h.reduce((n, l) => n + l.enrolled, 0);
  const present = h.reduce((n, l) => n + l.present, 0);
  return {
    lessons: h.length, expected, present, rate: pct(present, expected),
    byClass: classes,
    byLesson: h.map((l) => ({
      lessonId: l.id, date: schoolDate(l.startsAt), classId: l.classId, className: l.className, subjectName: l.subjectName, teacherName: l.teacherName,
      mode: l.mode, expected: l.enrolled, present: l.present, rate: pct(l.present, l.enrolled),
    })),
  };
}

/**
 * Materials (Art. 7.3, 9.2): review steps taken in the range (submitted to the group, approved by
 * the principal, returned), the published count at the end, and use: progress records with
 * activity in the range — distinct materials and students, completions in the range, active time.
 */
export function materialFigures(reviews: readonly ReviewRow[], publishedAtEnd: number, progress: readonly ProgressRow[], range: { from: string; to: string }): Figures['materials'] {
  const approved = reviews.filter((r) => r.action === 'approve');
  const bySubject = new Map<string, Figures['materials']['approvedBySubject'][number]>();
  for (const r of approved) {
    const k = `${r.grade}:${r.subjectId}`;
    const e = bySubject.get(k) ?? { subjectId: r.subjectId, subjectName: r.subjectName, grade: r.grade, approved: 0 };
    e.approved++;
    bySubject.set(k, e);
  }
  return {
    submitted: reviews.filter((r) => r.action === 'submit').length,
    approved: approved.length,
    returned: reviews.filter((r) => r.action === 'return').length,
    publishedAtEnd,
    approvedBySubject: [...bySubject.values()].sort((a, b) => a.grade - b.grade || a.subjectName.localeCompare(b.subjectName, 'vi')),
    used: {
      materials: new Set(progress.map((p) => p.materialId)).size,
      students: new Set(progress.map((p) => p.studentId)).size,
      completed: progress.filter((p) => p.completedAt !== null && p.completedAt >= range.from && p.completedAt < range.to).length,
      activeMinutes: Math.round(progress.reduce((n, p) => n + p.activeMs, 0) / 60_000),
    },
  };
}

/** A submitted attempt's percentage, when it has a score (essays graded) and a maximum. */
const attemptPct = (a: AttemptRow): number | null => (a.status === 'submitted' && a.score !== null && a.maxScore > 0 ? (a.score / a.maxScore) * 100 : null);

/**
 * Quizzes (Art. 6.1, 6.2): published quizzes opening in the range, by kind; their submitted
 * attempts, the distinct students who submitted, and the mean percentage of scored attempts.
 */
export function quizFigures(quizzes: readonly QuizRow[], attempts: readonly AttemptRow[]): Figures['assessments']['quizzes'] {
  const ids = new Set(quizzes.map((q) => q.id));
  const submitted = attempts.filter((a) => ids.has(a.quizId) && a.status === 'submitted');
  const pcts = submitted.map(attemptPct).filter((p): p is number => p !== null);
  return {
    held: quizzes.length,
    regular: quizzes.filter((q) => q.kind === 'regular').length,
    midterm: quizzes.filter((q) => q.kind === 'midterm').length,
    endterm: quizzes.filter((q) => q.kind === 'endterm').length,
    attempts: submitted.length,
    students: new Set(submitted.map((a) => a.studentId)).size,
    averagePct: pcts.length ? Math.round((pcts.reduce((a, b) => a + b, 0) / pcts.length) * 10) / 10 : null,
  };
}

/** Tasks (Art. 5.2, 15.1.h): tasks opening in the range; expected = students they are for; submitted and graded per student. */
export function taskFigures(tasks: readonly TaskRow[]): Figures['assessments']['tasks'] {
  const expected = tasks.reduce((n, t) => n + t.studentIds.length, 0);
  const submitted = tasks.reduce((n, t) => n + t.submittedIds.filter((s) => t.studentIds.includes(s)).length, 0);
  return {
    given: tasks.length, expected, submitted,
    graded: tasks.reduce((n, t) => n + t.gradedIds.length, 0),
    submissionRate: pct(submitted, expected),
  };
}

/**
 * Device availability (Art. 10.3). The box is monitored in the hours it recorded its own health
 * (`cpu.load_pct`); an hour is healthy when no alert was open during any part of it. Each device's
 * availability is the mean of its `device.up:<id>` samples (1 reachable, 0 not), weighted by count.
 */
export function deviceFigures(
  devices: readonly { id: number; name: string; kind: string }[],
  monitorBuckets: readonly MetricBucketRow[],
  upBuckets: readonly MetricBucketRow[],
  alerts: readonly AlertRow[],
  range: { from: string; to: string },
): Figures['devices'] {
  const hours = [...new Set(monitorBuckets.map((b) => Date.parse(b.start)))].sort((a, b) => a - b);
  const spans = alerts.map((a) => ({ from: Date.parse(a.raisedAt), to: a.clearedAt ? Date.parse(a.clearedAt) : Date.parse(range.to) }));
  const healthyHours = hours.filter((h) => !spans.some((s) => s.from < h + HOUR_MS && s.to > h)).length;
  const raised = alerts.filter((a) => a.raisedAt >= range.from && a.raisedAt < range.to);
  const byRule = new Map<string, number>();
  for (const a of raised) byRule.set(a.rule, (byRule.get(a.rule) ?? 0) + 1);
  return {
    monitoredHours: hours.length,
    healthyHours,
    healthyPct: pct(healthyHours, hours.length),
    devices: devices.map((d) => {
      const mine = upBuckets.filter((b) => b.metric === `device.up:${d.id}`);
      const count = mine.reduce((n, b) => n + b.count, 0);
      const up = mine.reduce((n, b) => n + b.avg * b.count, 0);
      return { deviceId: d.id, name: d.name, kind: d.kind, hours: mine.length, availabilityPct: count ? Math.round((up / count) * 1000) / 10 : null };
    }),
    alerts: {
      total: raised.length,
      critical: raised.filter((a) => a.severity === 'critical').length,
      warning: raised.filter((a) => a.severity === 'warning').length,
      byRule: [...byRule.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([rule, count]) => ({ rule, count })),
    },
  };
}

/** One class × subject's gradebook completeness: cells filled out of students × the layout's columns. */
export function completeness(students: number, columns: number, filled: number): { expected: number; filled: number; completeness: number | null } {
  const expected = students * columns;
  return { expected, filled: Math.min(filled, expected), completeness: pct(Math.min(filled, expected), expected) };
}

/** Art. 15.6: the principal's text must say something under each of the three headings before the report goes out. */
export function assertReadyToFinalize(t: { difficulties: string; causes: string; proposals: string; addressee: string }): void {
  const missing = (['difficulties', 'causes', 'proposals', 'addressee'] as const).filter((k) => t[k].trim().length === 0);
  if (missing.length) throw new DomainError('REPORT_TEXT_MISSING', { fields: missing });
}

/** Kính gửi: the office that manages the school and the provincial department (Art. 15.6). */
export function defaultAddressee(school: { districtOffice: string; province: string } | undefined): string {
  if (!school) return 'Phòng Giáo dục và Đào tạo; Sở Giáo dục và Đào tạo';
  const province = school.province.replace(/^(Tỉnh|Thành phố)\s+/i, '');
  return `${school.districtOffice}; Sở Giáo dục và Đào tạo ${province}`;
}

const ROMAN = ['', 'I', 'II'];
export const semesterName = (n: number) => `Học kì ${ROMAN[n] ?? n}`;

/** The stored files' base name: bao-cao-danh-gia-hk1-2026-2027. */
export function reportFileBase(s: { number: number; schoolYearName: string }): string {
  return `bao-cao-danh-gia-hk${s.number}-${s.schoolYearName.replace(/[^0-9A-Za-z-]/g, '')}`;
}
