import type { Actor } from '../accounts/account.types.js';
import type { Role } from '../people/person.types.js';
import type { ConsentPurpose } from './consent-texts.js';

/** Who is asking: the person, their roles, and what the audit entry needs. */
export interface ParentsViewer extends Actor {
  personId: number;
  roles: readonly Role[];
}

export interface ChildInfo {
  id: number;
  fullName: string;
  personalId: string | null;
  birthDate: string | null;
  relation: string;
  classId: number | null;
  className: string | null;
  grade: number | null;
  homeroomTeacherId: number | null;
  homeroomTeacherName: string | null;
}

export type Side = 'parent' | 'teacher';

export interface ThreadRow {
  id: number;
  studentId: number;
  studentName: string;
  parentId: number;
  parentName: string;
  classId: number;
  className: string;
  homeroomTeacherId: number | null;
  homeroomTeacherName: string | null;
  subject: string;
  createdAt: string;
  lastMessageAt: string;
  messageCount: number;
  parentReadAt: string | null;
  teacherReadAt: string | null;
}

export interface MessageRow {
  id: number;
  threadId: number;
  authorId: number;
  authorName: string;
  authorSide: Side;
  body: string;
  at: string;
}

export type ChildAgreement = 'agreed' | 'refused' | 'not_required';

export interface ConsentRecord {
  id: number;
  studentId: number;
  purpose: ConsentPurpose;
  decision: 'given' | 'withdrawn';
  textVersion: string;
  textSha256: string;
  parentId: number;
  parentName: string;
  accountId: number | null;
  at: string;
  childAgreement: ChildAgreement;
  childAgeYears: number | null;
}

export interface AttendanceIntervalRow { lessonId: number; joinedAt: string; leftAt: string | null }

/** A released task grade with the teacher's comment (students and parents see it from its release). */
export interface TaskFeedbackRow {
  taskId: number;
  taskTitle: string;
  subjectName: string;
  teacherName: string;
  score: number | null;
  maxScore: number;
  comment: string | null;
  releasedAt: string;
}

export interface GradebookCommentRow {
  subjectId: number;
  subjectName: string;
  semesterId: number;
  semesterNumber: number;
  schoolYearName: string;
  text: string;
  updatedAt: string;
  teacherName: string | null;
}

/** A submitted file of the child's, for the export (relative path under the task files' root). */
export interface SubmissionFileRow { taskId: number; version: number; fileName: string; storedPath: string; size: number }

/** Reads and writes of the parents module; every list query has an index (0021, core tables). */
export interface ParentsRepository {
  isParentOf(parentId: number, studentId: number): Promise<boolean>;
  /** The parent's children with their class in the given year (null when not enrolled). */
  children(parentId: number, yearId: number | null): Promise<ChildInfo[]>;
  /** One student (kind student) with their class in the given year. */
  student(studentId: number, yearId: number | null): Promise<Omit<ChildInfo, 'relation'> | undefined>;
  /** Students of a class in class-list order, with birth dates. */
  classStudents(classId: number): Promise<{ id: number; fullName: string; personalId: string | null; birthDate: string | null }[]>;
  /** The student's attendance intervals for these lessons. */
  intervals(personId: number, lessonIds: number[]): Promise<AttendanceIntervalRow[]>;
  taskFeedback(studentId: number): Promise<TaskFeedbackRow[]>;
  gradebookComments(studentId: number): Promise<GradebookCommentRow[]>;

  createThread(row: { studentId: number; parentId: number; classId: number; subject: string; at: string }): Promise<number>;
  thread(id: number): Promise<ThreadRow | undefined>;
  /** Newest activity first. */
  threads(filter: { parentId?: number; classIds?: number[]; studentId?: number }): Promise<ThreadRow[]>;
  addMessage(row: { threadId: number; authorId: number; side: Side; body: string; at: string }): Promise<number>;
  messages(threadId: number): Promise<MessageRow[]>;
  markRead(threadId: number, side: Side, at: string): Promise<void>;
  /** Per thread: messages from the other side after this side's read mark. */
  unread(threadIds: number[], side: Side): Promise<Map<number, number>>;
  /** Messages written by this person since the instant (rate limit). */
  messagesSince(authorId: number, since: string): Promise<number>;
  /** Threads opened by this parent since the instant (rate limit). */
  threadsSince(parentId: number, since: string): Promise<number>;

  addConsent(row: Omit<ConsentRecord, 'id' | 'parentName'> & { ip: string | null }): Promise<number>;
  /** Oldest first. */
  consentHistory(studentIds: number[]): Promise<ConsentRecord[]>;

  recordExport(studentId: number, requestedById: number, at: string): Promise<void>;
  exportsSince(requestedById: number, since: string): Promise<number>;

  /** The areas of the data-subject export (raw rows as held; keys of quizzes are never included). */
  exportData(studentId: number): Promise<ExportAreas>;
}

export interface ExportAreas {
  enrolments: Record<string, unknown>[];
  attendance: Record<string, unknown>[];
  gradebookScores: Record<string, unknown>[];
  gradebookComments: Record<string, unknown>[];
  taskSubmissions: Record<string, unknown>[];
  taskGrades: Record<string, unknown>[];
  submissionFiles: SubmissionFileRow[];
  quizAttempts: Record<string, unknown>[];
  qaQuestions: Record<string, unknown>[];
  qaAnswers: Record<string, unknown>[];
  progress: Record<string, unknown>[];
  messages: Record<string, unknown>[];
  audit: Record<string, unknown>[];
  person: Record<string, unknown> | undefined;
  account: Record<string, unknown> | undefined;
}
