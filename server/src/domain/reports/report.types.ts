import type { Actor } from '../accounts/account.types.js';
import type { Role } from '../people/person.types.js';
import type { SemesterFigures } from '../../contracts/reports.schema.js';

/** Who asks for a report: the audit actor, the person and their roles (scope is checked in the services). */
export interface ReportViewer extends Actor {
  personId: number;
  roles: Role[];
}

export type ReportStatus = 'draft' | 'finalized';

export interface SemesterReportRecord {
  id: number;
  semesterId: number;
  status: ReportStatus;
  addressee: string;
  difficulties: string;
  causes: string;
  proposals: string;
  figures: SemesterFigures;
  figuresComputedAt: string;
  createdById: number;
  createdAt: string;
  updatedAt: string;
  updatedByName: string | null;
  finalizedAt: string | null;
  finalizedByName: string | null;
  pdfPath: string | null;
  pdfSha256: string | null;
  xlsxPath: string | null;
  xlsxSha256: string | null;
  archiveSeq: number | null;
}

/** A live lesson with its class, subject, teacher and attendance counts (enrolled students only). */
export interface LessonRow {
  id: number;
  classId: number;
  className: string;
  grade: number;
  subjectId: number;
  subjectName: string;
  teacherId: number;
  teacherName: string;
  mode: 'supporting' | 'replacing';
  status: 'scheduled' | 'live' | 'ended' | 'cancelled';
  startsAt: string;
  endsAt: string;
  startedAt: string | null;
  endedAt: string | null;
  /** Students enrolled in the class. */
  enrolled: number;
  /** Enrolled students who joined the lesson at least once. */
  present: number;
}

export interface ReviewRow {
  action: string;
  at: string;
  materialId: number;
  subjectId: number;
  subjectName: string;
  grade: number;
  actorId: number;
  ownerId: number;
}

export interface ProgressRow {
  studentId: number;
  materialId: number;
  firstOpenedAt: string;
  lastSeenAt: string;
  completedAt: string | null;
  activeMs: number;
}

export interface QuizRow {
  id: number;
  kind: 'regular' | 'midterm' | 'endterm';
  createdById: number;
  opensAt: string;
  classIds: number[];
}

export interface AttemptRow {
  quizId: number;
  studentId: number;
  status: string;
  score: number | null;
  maxScore: number;
  submittedAt: string | null;
}

export interface TaskRow {
  id: number;
  classId: number;
  subjectId: number;
  teacherId: number;
  audience: 'class' | 'group' | 'student';
  opensAt: string;
  /** Students the task is for (the class's enrolled students, or the named assignees). */
  studentIds: number[];
  /** Students with at least one submission. */
  submittedIds: number[];
  gradedIds: number[];
}

export interface MetricBucketRow {
  metric: string;
  /** ISO instant of the hour's start. */
  start: string;
  avg: number;
  count: number;
}

export interface AlertRow {
  rule: string;
  severity: string;
  raisedAt: string;
  clearedAt: string | null;
}

export interface SemesterRow {
  id: number;
  number: number;
  schoolYearId: number;
  schoolYearName: string;
  startsOn: string;
  endsOn: string;
  reportId: number | null;
  reportStatus: ReportStatus | null;
}

export interface TeacherActivityRow {
  teacherId: number;
  materialsAuthored: number;
  materialsApproved: number;
  tasksGiven: number;
  quizzesGiven: number;
  gradingDone: number;
  answers: number;
}

/** The reads and writes of the reports; queries over other modules' tables (read only). */
export interface ReportsRepository {
  semesters(): Promise<SemesterRow[]>;
  getReport(id: number): Promise<SemesterReportRecord | undefined>;
  reportOfSemester(semesterId: number): Promise<SemesterReportRecord | undefined>;
  createReport(r: { semesterId: number; addressee: string; figures: SemesterFigures; computedAt: string; byId: number }): Promise<number>;
  updateText(id: number, t: { addressee: string; difficulties: string; causes: string; proposals: string; byId: number; at: string }): Promise<void>;
  updateFigures(id: number, figures: SemesterFigures, at: string, byId: number): Promise<void>;
  /** Sets the finalized fields only while the report is a draft; false when it was not (a race). */
  finalize(id: number, f: { byId: number; at: string; pdfPath: string; pdfSha256: string; xlsxPath: string; xlsxSha256: string }): Promise<boolean>;
  setArchiveSeq(id: number, seq: number): Promise<void>;

  /** Live lessons whose slot starts in [from, to) (instants), optionally of some classes or one teacher. */
  lessons(from: string, to: string, filter?: { classIds?: number[]; teacherId?: number }): Promise<LessonRow[]>;
  /** Per enrolled student of a class: how many held lessons of the class in [from, to) they joined. */
  attendanceByStudent(classId: number, from: string, to: string): Promise<Map<number, number>>;
  reviews(from: string, to: string): Promise<ReviewRow[]>;
  /** Materials with a published version published before `to`. */
  publishedMaterials(before: string): Promise<number>;
  /** Progress records with activity in [from, to) (opened before `to`, last seen from `from`). */
  progress(from: string, to: string, studentIds?: number[]): Promise<ProgressRow[]>;
  /** Published quizzes opening in [from, to), optionally for one class. */
  quizzes(from: string, to: string, classId?: number): Promise<QuizRow[]>;
  attempts(quizIds: number[]): Promise<AttemptRow[]>;
  /** Tasks (not deleted) opening in [from, to), optionally of one class. */
  tasks(from: string, to: string, classId?: number): Promise<TaskRow[]>;
  hourBuckets(metrics: { exact?: string[]; prefix?: string }, from: string, to: string): Promise<MetricBucketRow[]>;
  /** Alerts open at some time in [from, to). */
  alerts(from: string, to: string): Promise<AlertRow[]>;
  /** Staff who teach (teaching_assignments) in a school year, with names. */
  teachers(schoolYearId: number): Promise<{ id: number; fullName: string; personalId: string | null; nameKey: string }[]>;
  teacherActivity(teacherIds: number[], from: string, to: string): Promise<TeacherActivityRow[]>;
  /** Score subjects' gradebook scores (tenths) of students in some semesters. */
  gradebookScores(studentIds: number[], semesterIds: number[]): Promise<{ studentId: number; scoreTenths: number }[]>;
  /** Classes a teacher teaches (assignments) or is homeroom teacher of, in a year. */
  teacherClassIds(teacherId: number, schoolYearId: number): Promise<{ taught: number[]; homeroom: number[] }>;
}
