/** Learning tasks and student work (Art. 5.2–5.3, 9.2.a–b, 15.1.h): plain data, no framework types. */
import type { Actor } from '../accounts/account.types.js';
import type { GradebookTarget } from '../gradebook/gradebook-feed.js';
import type { Role } from '../people/person.types.js';

export interface TaskViewer {
  personId: number;
  roles: readonly Role[];
}
export type TaskActor = Actor & TaskViewer;

export type Audience = 'class' | 'group' | 'student';
/** refuse: nothing after the due time; accept: late work accepted, marked 'nộp muộn'; until_close: accepted late until a hard close. */
export type LatePolicy = 'refuse' | 'accept' | 'until_close';
export type PenaltyKind = 'none' | 'points' | 'percent';
/** none: one submission; until_graded: again and again until the teacher grades; limited: up to maxSubmissions in all. */
export type ResubmissionPolicy = 'none' | 'until_graded' | 'limited';

export interface RubricLevel { label: string; points: number; description: string }
export interface RubricCriterion { title: string; levels: RubricLevel[] }
export interface Rubric { criteria: RubricCriterion[] }

/** The rules that decide whether and how a submission is accepted. */
export interface SubmissionRules {
  opensAt: string;
  dueAt: string;
  latePolicy: LatePolicy;
  closeAt: string | null;
  resubmission: ResubmissionPolicy;
  maxSubmissions: number | null;
}

export interface TaskInput {
  classId: number;
  subjectId: number;
  curriculumLessonId: number | null;
  title: string;
  instructions: string;
  audience: Audience;
  groupName: string | null;
  /** audience = group | student: the students (one for 'student'). */
  studentIds: number[];
  opensAt: string;
  dueAt: string;
  acceptFiles: boolean;
  acceptText: boolean;
  h5pContentId: number | null;
  latePolicy: LatePolicy;
  closeAt: string | null;
  latePenaltyKind: PenaltyKind;
  latePenaltyValue: number;
  resubmission: ResubmissionPolicy;
  maxSubmissions: number | null;
  rubric: Rubric | null;
  maxScore: number;
  gradebookTarget: GradebookTarget | null;
}

export interface TaskFile {
  id: number;
  fileName: string;
  mime: string;
  size: number;
}

export interface Task extends Omit<TaskInput, 'studentIds'> {
  id: number;
  className: string;
  grade: number;
  schoolYearId: number;
  subjectName: string;
  curriculumLessonTitle: string | null;
  teacherId: number;
  teacherName: string;
  createdAt: string;
  updatedAt: string;
}

export interface TaskDetail extends Task {
  /** audience = group | student: who it is for. */
  assignees: { id: number; fullName: string }[];
  attachments: TaskFile[];
}

export type StudentStatus = 'not_submitted' | 'submitted' | 'graded' | 'returned';

export interface H5pResult {
  contentId: number;
  score: { raw: number; max: number; scaled: number } | null;
  completed: boolean;
  at: string;
}

export interface Submission {
  id: number;
  taskId: number;
  studentId: number;
  version: number;
  submittedAt: string;
  late: boolean;
  text: string | null;
  h5pResult: H5pResult | null;
  files: TaskFile[];
}

export interface Grade {
  taskId: number;
  studentId: number;
  status: 'graded' | 'returned';
  submissionId: number | null;
  rawScore: number | null;
  penalty: number;
  score: number | null;
  comment: string | null;
  /** Per criterion, the index of the chosen level (null: not assessed). */
  rubricSelection: (number | null)[] | null;
  gradedById: number | null;
  gradedAt: string;
  releasedAt: string | null;
}

/** A task as one student sees it in a list. */
export interface StudentTaskItem extends Task {
  studentId: number;
  studentName: string;
  status: StudentStatus;
  overdue: boolean;
  submissions: number;
  lastSubmittedAt: string | null;
  late: boolean;
  /** Only once released. */
  score: number | null;
}

/** One row of the teacher's table: a student of the task's audience. */
export interface RosterRow {
  studentId: number;
  fullName: string;
  personalId: string | null;
  status: StudentStatus;
  submissions: number;
  lastSubmittedAt: string | null;
  late: boolean;
  grade: Grade | null;
}

/** A teacher's task in a list, with its counts. */
export interface TaskListItem extends Task {
  assigned: number;
  submitted: number;
  late: number;
  graded: number;
}

export interface GradeInput {
  /** On the task's max score; computed from the rubric when absent. */
  score: number | null;
  comment: string | null;
  rubricSelection: (number | null)[] | null;
  release: boolean;
}
