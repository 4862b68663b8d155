import type { Actor } from '../accounts/account.types.js';
import type { Role } from '../people/person.types.js';

/** What a notice is about (Art. 15.1.e): the online mode, the assessment plan, or anything else. */
export type NoticeKind = 'online_mode' | 'assessment_plan' | 'general';
export type NoticeStatus = 'draft' | 'published';
/** Whom in the chosen classes: students, parents, or both. */
export type NoticeTo = 'students' | 'parents' | 'both';

/** The audience of a notice: the whole school, some grades, or some classes (of the notice's school year). */
export type NoticeAudience =
  | { scope: 'school'; to: NoticeTo }
  | { scope: 'grades'; grades: number[]; to: NoticeTo }
  | { scope: 'classes'; classIds: number[]; to: NoticeTo };

export interface NoticeInput {
  kind: NoticeKind;
  title: string;
  body: string;
  audience: NoticeAudience;
  decisionId: number | null;
  supersedesId: number | null;
}

export interface Notice {
  id: number;
  schoolYearId: number;
  kind: NoticeKind;
  title: string;
  body: string;
  audience: NoticeAudience;
  decisionId: number | null;
  supersedesId: number | null;
  /** The published notice that replaces this one, if any. */
  supersededById: number | null;
  authorId: number;
  authorName: string;
  status: NoticeStatus;
  createdAt: string;
  updatedAt: string;
  publishedAt: string | null;
}

/** One delivery of a published notice: a person, and the student through whom they are addressed. */
export interface NoticeRecipient {
  personId: number;
  kind: 'student' | 'parent';
  studentId: number;
  classId: number;
}

/** The school's roster the audience is resolved against (one school year). */
export interface AudienceRoster {
  classes: { id: number; grade: number }[];
  enrolments: { classId: number; studentId: number }[];
  parentLinks: { parentId: number; studentId: number }[];
}

/** A notice as a student or parent sees it. */
export interface MyNotice {
  id: number;
  kind: NoticeKind;
  title: string;
  body: string;
  authorName: string;
  publishedAt: string;
  readAt: string | null;
  supersedesId: number | null;
  supersededById: number | null;
  /** For a parent: the children the notice reaches them through (a parent of two reads once). */
  children: { id: number; fullName: string; className: string }[];
}

export interface ReceiptClass {
  classId: number;
  className: string;
  grade: number;
  students: { total: number; read: number };
  parents: { total: number; read: number };
}

export interface NoticeReceipts {
  noticeId: number;
  /** Distinct people: a parent of two children counts once. */
  total: number;
  read: number;
  classes: ReceiptClass[];
  /** Who has not read yet; parents listed by child (the child's name and class). */
  unread: { personId: number; fullName: string; kind: 'student' | 'parent'; classId: number; className: string; studentName: string }[];
}

/** Who is writing: audit fields, person and roles. */
export type NoticeActor = Actor & { personId: number; roles: readonly Role[] };
export type NoticeViewer = { personId: number; roles: readonly Role[] };
