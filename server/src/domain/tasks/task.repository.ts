import type { Grade, H5pResult, Submission, Task, TaskFile, TaskInput } from './task.types.js';

export type TaskRow = Omit<TaskInput, 'studentIds'> & { teacherId: number };

export interface TaskFilter {
  /** Tasks of these class × subject pairs or set by this teacher. Absent: every task. */
  visibleTo?: { pairs: { classId: number; subjectId: number }[]; teacherId: number | null };
  classId?: number;
  subjectId?: number;
  schoolYearId?: number;
  limit: number;
}

export interface AudienceMember {
  id: number;
  fullName: string;
  personalId: string | null;
}

/** Per student of a task: how many submissions, the last one's time and lateness. */
export interface SubmissionStat {
  taskId: number;
  studentId: number;
  count: number;
  lastSubmittedAt: string;
  lastLate: boolean;
}

export interface StoredFile extends TaskFile {
  storedPath: string;
}

export interface TaskRepository {
  create(row: TaskRow, at: string): Promise<number>;
  update(id: number, row: TaskRow, at: string): Promise<void>;
  softDelete(id: number, at: string): Promise<void>;
  setAssignees(taskId: number, studentIds: number[]): Promise<void>;
  get(id: number): Promise<Task | undefined>;
  /** Newest due first. */
  list(filter: TaskFilter): Promise<Task[]>;
  /** Tasks for a student of a class: the whole class's, and those naming the student. */
  listForStudent(studentId: number, classId: number): Promise<Task[]>;
  /** Open tasks (not deleted) using this H5P content that name the student or are for their class. */
  h5pTasksFor(contentId: number, studentId: number): Promise<{ id: number; opensAt: string }[]>;
  /** audience = group | student: the students named, by Vietnamese name order. */
  assignees(taskId: number): Promise<AudienceMember[]>;
  /** The students of a class this year, by Vietnamese name order. */
  classStudents(classId: number): Promise<AudienceMember[]>;
  /** Groups already used in this class's tasks (newest first), for reuse. */
  groupsOfClass(classId: number): Promise<{ name: string; studentIds: number[] }[]>;
  curriculumLesson(id: number): Promise<{ id: number; subjectId: number; grade: number } | undefined>;
  /** How many students each task is assigned to. */
  assignedCounts(tasks: Pick<Task, 'id' | 'audience' | 'classId'>[]): Promise<Map<number, number>>;

  addAttachment(taskId: number, f: Omit<StoredFile, 'id'>, at: string): Promise<number>;
  attachments(taskId: number): Promise<StoredFile[]>;
  attachment(taskId: number, fileId: number): Promise<StoredFile | undefined>;
  removeAttachment(fileId: number): Promise<void>;

  addSubmission(row: { taskId: number; studentId: number; version: number; submittedAt: string; late: boolean; text: string | null; h5pResult: H5pResult | null }): Promise<number>;
  addSubmissionFile(submissionId: number, f: Omit<StoredFile, 'id'>): Promise<number>;
  /** Oldest first, with files. */
  submissions(taskId: number, studentId: number): Promise<(Submission & { files: StoredFile[] })[]>;
  /** The latest version of every student who submitted, with files. */
  latestSubmissions(taskId: number): Promise<(Submission & { files: StoredFile[] })[]>;
  stats(taskIds: number[], studentId?: number): Promise<SubmissionStat[]>;
  submissionFile(fileId: number): Promise<(StoredFile & { taskId: number; studentId: number; submissionId: number }) | undefined>;

  grade(taskId: number, studentId: number): Promise<Grade | undefined>;
  grades(taskIds: number[], studentId?: number): Promise<Grade[]>;
  saveGrade(g: Grade): Promise<void>;
  /** Releases every graded, unreleased grade of the task; returns the students concerned. */
  releaseAll(taskId: number, at: string): Promise<number[]>;
}
