/**
 * Gradebook storage as the domain sees it (Circular 22/2021 Art. 6–9; Circular 27/2020 Art. 6–7).
 * Scores are integer tenths; marks that are not scores are short codes.
 */

/** Column kinds stored: the feed's regular/midterm/endterm, and the primary school's period levels. */
export type ColumnKind = 'regular' | 'midterm' | 'endterm' | 'midterm_level' | 'endterm_level';
/** D/CD: Đạt/Chưa đạt (Circular 22 Art. 5.1). HTT/HT/CHT: Hoàn thành tốt/Hoàn thành/Chưa hoàn thành (Circular 27 Art. 7). */
export type MarkCode = 'D' | 'CD' | 'HTT' | 'HT' | 'CHT';
export type SourceKind = 'manual' | 'quiz' | 'task' | 'h5p';

export interface CellKey {
  studentId: number;
  subjectId: number;
  semesterId: number;
  kind: ColumnKind;
  slot: number;
}

export interface CellValue {
  scoreTenths: number | null;
  mark: MarkCode | null;
}

export interface CellRecord extends CellKey, CellValue {
  sourceKind: SourceKind;
  sourceId: number | null;
  recordedById: number | null;
  recordedAt: string;
}

export interface FeedResultRecord extends CellKey {
  sourceKind: Exclude<SourceKind, 'manual'>;
  sourceId: number;
  scoreTenths: number;
  recordedAt: string;
}

export interface HistoryRecord extends CellKey {
  id: number;
  oldValue: string | null;
  newValue: string | null;
  sourceKind: SourceKind;
  sourceId: number | null;
  changedById: number | null;
  changedByName: string | null;
  changedAt: string;
}

export interface SemesterInfo {
  id: number;
  schoolYearId: number;
  schoolYearName: string;
  number: number;
  startsOn: string;
  endsOn: string;
}

export interface SemesterLock {
  semesterId: number;
  locked: boolean;
  lockedAt: string | null;
  lockedById: number | null;
  reopenedAt: string | null;
  reopenedById: number | null;
  reopenReason: string | null;
}

export interface GradebookSubject {
  id: number;
  code: string;
  name: string;
  assessment: 'score' | 'comment';
}

export interface ClassInfo {
  id: number;
  name: string;
  grade: number;
  schoolYearId: number;
  homeroomTeacherId: number | null;
}

export interface StudentRow {
  id: number;
  personalId: string | null;
  fullName: string;
  nameKey: string;
}

export interface CommentRecord {
  studentId: number;
  subjectId: number;
  semesterId: number;
  text: string;
  updatedById: number | null;
  updatedAt: string;
}

export interface GradebookRepository {
  semester(id: number): Promise<SemesterInfo | undefined>;
  semestersOfYear(schoolYearId: number): Promise<SemesterInfo[]>;
  lock(semesterId: number): Promise<SemesterLock | undefined>;
  saveLock(lock: SemesterLock): Promise<void>;
  subject(id: number): Promise<GradebookSubject | undefined>;
  /** subject_grades.periods_per_year, or undefined when the subject is not taught in that grade. */
  periodsPerYear(subjectId: number, grade: number): Promise<number | undefined>;
  /** The student's class in a school year (enrolments). */
  enrolment(studentId: number, schoolYearId: number): Promise<ClassInfo | undefined>;
  classInfo(classId: number): Promise<ClassInfo | undefined>;
  /** The class's students (enrolments), in Vietnamese name order (name_key). */
  classStudents(classId: number): Promise<StudentRow[]>;
  /** teaching_assignments: the teacher of a class × subject. */
  teacherOf(classId: number, subjectId: number): Promise<number | undefined>;
  /** The subjects of a class (taught there by assignment, or in subject_grades for its grade), with periods. */
  classSubjects(classId: number): Promise<(GradebookSubject & { periodsPerYear: number; teacherId: number | null })[]>;
  /** Classes × subjects a teacher teaches in a year, and the classes they are homeroom teacher of. */
  teacherClasses(teacherId: number, schoolYearId: number): Promise<{ classId: number; subjectId: number }[]>;
  isParentOf(parentId: number, studentId: number): Promise<boolean>;

  cells(filter: { subjectIds?: number[]; semesterIds: number[]; studentIds: number[] }): Promise<CellRecord[]>;
  cell(key: CellKey): Promise<CellRecord | undefined>;
  putCell(cell: CellRecord): Promise<void>;
  deleteCell(key: CellKey): Promise<void>;
  feedResults(filter: { subjectId: number; semesterId: number; studentIds: number[] }): Promise<FeedResultRecord[]>;
  feedResult(key: CellKey, source: { kind: string; id: number }): Promise<FeedResultRecord | undefined>;
  putFeedResult(r: FeedResultRecord & { recordedById: number | null }): Promise<void>;
  addHistory(h: Omit<HistoryRecord, 'id' | 'changedByName'>): Promise<void>;
  history(filter: { subjectId: number; semesterId: number; studentId?: number; limit: number }): Promise<HistoryRecord[]>;
  comments(filter: { subjectIds?: number[]; semesterIds: number[]; studentIds: number[] }): Promise<CommentRecord[]>;
  putComment(c: CommentRecord): Promise<void>;
  deleteComment(key: { studentId: number; subjectId: number; semesterId: number }): Promise<void>;
}
