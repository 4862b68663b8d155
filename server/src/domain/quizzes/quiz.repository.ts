import type { GradebookTarget } from '../gradebook/gradebook-feed.js';
import type { AnswerRecord, AttemptRecord, IntegrityEvent, IntegrityKind, Quiz, QuizInput, QuizStatus } from './quiz.types.js';

export interface QuizFilter {
  /** Only quizzes given to one of these classes. */
  classIds?: number[];
  /** Scope of a teacher: quizzes of these subject × class pairs, or created by this person. */
  teacher?: { personId: number; pairs: { classId: number; subjectId: number }[] };
  status?: QuizStatus;
  subjectId?: number;
  limit: number;
}

export interface AttemptListItem {
  id: number;
  quizId: number;
  studentId: number;
  studentName: string;
  personalId: string | null;
  classId: number | null;
  className: string | null;
  number: number;
  status: AttemptRecord['status'];
  startedAt: string;
  deadlineAt: string;
  submittedAt: string | null;
  submittedBy: AttemptRecord['submittedBy'];
  score: number | null;
  maxScore: number;
  pendingEssays: number;
  events: number;
}

/** Art. 6: quizzes, their attempts (with snapshots), answers and the integrity log. */
export interface QuizRepository {
  create(input: QuizInput & { createdById: number; at: string }): Promise<number>;
  update(id: number, input: QuizInput & { at: string }): Promise<void>;
  get(id: number): Promise<Quiz | undefined>;
  list(filter: QuizFilter): Promise<Quiz[]>;
  publish(id: number, p: { decisionId: number | null; byId: number; at: string }): Promise<void>;
  remove(id: number): Promise<void>;
  /** Titles of curriculum lessons (to name a matrix row). */
  lessonTitles(ids: number[]): Promise<Map<number, string>>;
  /** Classes a student is enrolled in (any school year). */
  classIdsOfStudent(studentId: number): Promise<number[]>;
  /** Subject × class pairs a teacher is assigned to (teaching_assignments). */
  assignmentsOf(teacherId: number): Promise<{ classId: number; subjectId: number }[]>;
  /** Students of these classes with their class. */
  studentsOf(classIds: number[]): Promise<{ id: number; fullName: string; personalId: string | null; classId: number; className: string }[]>;

  // ---- attempts ----
  createAttempt(a: Omit<AttemptRecord, 'id' | 'status' | 'submittedAt' | 'submittedBy' | 'autoScore' | 'score' | 'pendingEssays'>): Promise<number>;
  /** On PostgreSQL, locks the attempt row until the transaction ends (saves and submit of one attempt queue). */
  getAttempt(id: number, opts?: { lock?: boolean }): Promise<AttemptRecord | undefined>;
  attemptsOf(quizId: number, studentId: number): Promise<AttemptRecord[]>;
  /** Every attempt of a student, by quiz (for the student's list). */
  attemptSummaries(studentId: number, quizIds: number[]): Promise<{ quizId: number; id: number; number: number; status: AttemptRecord['status']; score: number | null; maxScore: number; deadlineAt: string }[]>;
  listAttempts(quizId: number): Promise<AttemptListItem[]>;
  /** Attempts with their snapshots (results per question). */
  attemptsWithQuestions(quizId: number): Promise<AttemptRecord[]>;
  answers(attemptId: number): Promise<AnswerRecord[]>;
  answersOfQuiz(quizId: number): Promise<(AnswerRecord & { attemptId: number })[]>;
  upsertAnswers(attemptId: number, rows: { questionKey: string; answer: unknown; seq: number; savedAt: string }[]): Promise<void>;
  setAnswerPoints(attemptId: number, rows: { questionKey: string; points: number }[]): Promise<void>;
  gradeAnswer(attemptId: number, questionKey: string, g: { points: number; byId: number; at: string; comment: string | null }): Promise<void>;
  submit(id: number, s: { at: string; by: 'student' | 'auto'; autoScore: number; score: number | null; pendingEssays: number }): Promise<void>;
  setScore(id: number, score: number | null, pendingEssays: number): Promise<void>;
  touch(id: number, seen: { lastIp: string | null; lastUserAgent: string | null; sessionHash: string | null }): Promise<void>;
  /** In-progress attempts whose deadline is before `before`. */
  overdue(before: string, limit: number): Promise<number[]>;

  // ---- integrity log (Art. 6.2) ----
  addEvent(attemptId: number, at: string, kind: IntegrityKind, details: Record<string, unknown> | null): Promise<void>;
  events(attemptId: number): Promise<IntegrityEvent[]>;
  eventCount(attemptId: number): Promise<number>;
}

export type { GradebookTarget };
