/** Quizzes and tests (Art. 6.1 regular assessment online; Art. 6.2 periodic tests online only by the principal's decision). Plain data. */
import type { GradebookTarget } from '../gradebook/gradebook-feed.js';
import type { CognitiveLevel, PublicQuestion, QuestionAnswer, QuestionContent } from '../questions/question.types.js';

/** regular: kiểm tra thường xuyên (Art. 6.1); midterm/endterm: kiểm tra định kỳ giữa kì/cuối kì (Art. 6.2). */
export type QuizKind = 'regular' | 'midterm' | 'endterm';
export const QUIZ_KINDS: readonly QuizKind[] = ['regular', 'midterm', 'endterm'];
export const isPeriodic = (kind: QuizKind) => kind !== 'regular';

/**
 * none: the student sees only that the work was submitted; score: the score right after submitting;
 * answers_after_close: the score and the correct answers, once the window has closed for everyone.
 */
export type FeedbackPolicy = 'none' | 'score' | 'answers_after_close';
export type AttemptScoring = 'best' | 'last';
export type QuizStatus = 'draft' | 'published';

/** One row of the test matrix (ma trận đề): a lesson/topic × a cognitive level → how many questions, worth how much each. */
export interface MatrixRow {
  /** null: questions of the subject × grade not linked to a lesson. */
  curriculumLessonId: number | null;
  level: CognitiveLevel;
  count: number;
  pointsEach: number;
}

export interface QuizInput {
  title: string;
  subjectId: number;
  grade: number;
  classIds: number[];
  kind: QuizKind;
  matrix: MatrixRow[];
  opensAt: string;
  closesAt: string;
  timeLimitMinutes: number;
  attemptsAllowed: number;
  attemptScoring: AttemptScoring;
  feedback: FeedbackPolicy;
  shuffleQuestions: boolean;
  shuffleOptions: boolean;
  gradebookTarget: GradebookTarget | null;
}

export interface Quiz extends QuizInput {
  id: number;
  subjectName: string;
  classNames: string[];
  status: QuizStatus;
  /** The principal's online-assessment decision a periodic test relies on (Art. 6.2). */
  decisionId: number | null;
  createdById: number;
  createdByName: string;
  createdAt: string;
  updatedAt: string;
  publishedAt: string | null;
}

/** A drawn question, frozen into the attempt: later edits to the bank never change it. */
export type SnapshotQuestion = QuestionContent & {
  /** The key answers are sent under: 'q<bank id>'. */
  key: string;
  questionId: number;
  stem: string;
  level: CognitiveLevel;
  curriculumLessonId: number | null;
  points: number;
};

export type AttemptStatus = 'in_progress' | 'submitted';

export interface AttemptRecord {
  id: number;
  quizId: number;
  studentId: number;
  number: number;
  seed: string;
  questions: SnapshotQuestion[];
  startedAt: string;
  deadlineAt: string;
  status: AttemptStatus;
  submittedAt: string | null;
  submittedBy: 'student' | 'auto' | null;
  /** Points from automatically scored questions. */
  autoScore: number | null;
  /** Total points, null while essays wait for the teacher. */
  score: number | null;
  maxScore: number;
  pendingEssays: number;
  /** Integrity (Art. 6.2): what the attempt was started from and last seen from. */
  startIp: string | null;
  startUserAgent: string | null;
  lastIp: string | null;
  lastUserAgent: string | null;
  sessionHash: string | null;
}

export interface AnswerRecord {
  questionKey: string;
  answer: unknown;
  seq: number;
  savedAt: string;
  /** Points awarded (auto or by the teacher), null while not scored. */
  points: number | null;
  gradedById: number | null;
  gradedAt: string | null;
  comment: string | null;
}

export type IntegrityKind = 'focus_lost' | 'page_hidden' | 'ip_changed' | 'device_changed' | 'second_session';
export const CLIENT_INTEGRITY_KINDS = ['focus_lost', 'page_hidden'] as const;

export interface IntegrityEvent {
  id: number;
  attemptId: number;
  at: string;
  kind: IntegrityKind;
  details: Record<string, unknown> | null;
}

/** What the student's page shows: the paper without keys, the answers saved, the server's clock. */
export interface AttemptView {
  id: number;
  quizId: number;
  number: number;
  status: AttemptStatus;
  startedAt: string;
  deadlineAt: string;
  serverNow: string;
  remainingMs: number;
  graceMs: number;
  questions: (PublicQuestion & { key: string; points: number })[];
  answers: { questionKey: string; answer: QuestionAnswer | unknown; seq: number; savedAt: string }[];
  lastSeq: number;
  submittedAt: string | null;
  submittedBy: 'student' | 'auto' | null;
  /** Per the feedback policy only. */
  feedback: AttemptFeedback | null;
}

export interface AttemptFeedback {
  score: number | null;
  maxScore: number;
  pendingEssays: number;
  /** Only when the policy allows answers and the window has closed. */
  perQuestion: { questionKey: string; points: number | null; maxPoints: number; correct: unknown; explanation: string | null }[] | null;
}

/** Who is asking, as the quiz services see it. */
export interface QuizViewer {
  personId: number;
  roles: readonly string[];
}
