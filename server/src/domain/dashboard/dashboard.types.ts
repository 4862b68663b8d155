import type { LessonMode, LessonStatus } from '../live/live.types.js';

/** Rows the dashboard reads (server/src/data/dashboard.repository.ts); every query is served by an index. */

export interface DashboardLessonRow {
  id: number;
  classId: number;
  className: string;
  grade: number;
  subjectId: number;
  subjectName: string;
  teacherName: string;
  topic: string;
  mode: LessonMode;
  status: LessonStatus;
  startsAt: string;
  endsAt: string;
  startedAt: string | null;
}

/** Students of the lesson's class only (the teacher and observers are not counted). */
export interface LessonAttendanceRow {
  lessonId: number;
  /** Students who joined at least once. */
  joined: number;
  /** Students with an interval still open. */
  presentNow: number;
}

export interface WaitingVersionRow {
  materialId: number;
  versionId: number;
  title: string;
  subjectName: string;
  grade: number;
  status: 'submitted' | 'passed';
  authorName: string;
  groupName: string | null;
  /** The subject group's leader; null when the group has none (the principal reviews instead, Art. 7.3). */
  leaderId: number | null;
  leaderName: string | null;
  submittedAt: string | null;
  /** When the group leader passed it (the last 'pass' review of this version). */
  passedAt: string | null;
  createdAt: string;
}

export interface AssignmentRow {
  classId: number;
  className: string;
  grade: number;
  subjectId: number;
  subjectName: string;
  assessment: 'score' | 'comment';
  /** subject_grades.periods_per_year; null when the subject has no row for the class's grade. */
  periodsPerYear: number | null;
  teacherName: string | null;
}

/** Gradebook cells holding a value, per class (by enrolment) × subject × column. */
export interface FilledCellRow {
  classId: number;
  subjectId: number;
  columnKind: string;
  slot: number;
  filled: number;
}

export interface QuizClassRow {
  quizId: number;
  classId: number;
  subjectId: number;
  opensAt: string;
  closesAt: string;
}

/** Submitted attempts of a class's students whose score still waits for the teacher (essays). */
export interface PendingGradingRow {
  quizId: number;
  classId: number;
  attempts: number;
}

/** What the plans module's plan versus actual gives per class × subject (services.teachingPlans.planVersusActual). */
export interface PlanActualInput {
  classId: number;
  className: string;
  subjectId: number;
  subjectName: string;
  teacherName: string | null;
  planState: 'approved' | 'pending' | 'none';
  plannedToDate: number;
  heldToDate: number;
  weeksBehind: number;
}

export interface DashboardRepository {
  /** Lessons whose slot starts in [from, to), any status. */
  lessonsStartingBetween(from: string, to: string): Promise<DashboardLessonRow[]>;
  lessonAttendance(lessonIds: readonly number[]): Promise<LessonAttendanceRow[]>;
  /** Students enrolled per class of the school year. */
  enrolledCounts(yearId: number): Promise<{ classId: number; students: number }[]>;
  /** Versions waiting for review (submitted or passed), with their subject group's leader. */
  waitingVersions(): Promise<WaitingVersionRow[]>;
  /** Teaching assignments (class × subject) of the year, with the subject's assessment and periods. */
  assignments(yearId: number): Promise<AssignmentRow[]>;
  filledCells(yearId: number, semesterId: number): Promise<FilledCellRow[]>;
  /** Published quizzes × classes of the year whose window meets [from, to). */
  quizClasses(yearId: number, from: string, to: string): Promise<QuizClassRow[]>;
  pendingGrading(yearId: number, quizIds: readonly number[]): Promise<PendingGradingRow[]>;
}
