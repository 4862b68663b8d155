/**
 * The question bank's types (Art. 7.3: the school builds banks of questions per subject; Art. 8.1.c:
 * tests online draw from them). Pure types and constants, shared by the scoring rules, the
 * text/spreadsheet formats, the repository and the quizzes module.
 *
 * A question's `body` holds its key (the correct answers); `publicQuestion` (question-scoring.ts)
 * removes the key before a student sees it. A student's reply has the `QuestionAnswer` type of
 * the question's type.
 */

export const QUESTION_TYPES = ['single', 'multiple', 'true_false', 'short', 'numeric', 'matching', 'essay'] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

/** The four cognitive levels of the Ministry's test matrix (ma trận đề kiểm tra). */
export const COGNITIVE_LEVELS = ['nhan_biet', 'thong_hieu', 'van_dung', 'van_dung_cao'] as const;
export type CognitiveLevel = (typeof COGNITIVE_LEVELS)[number];

export const COGNITIVE_LEVEL_LABELS: Record<CognitiveLevel, { vi: string; en: string; short: string }> = {
  nhan_biet: { vi: 'Nhận biết', en: 'Recognition', short: 'NB' },
  thong_hieu: { vi: 'Thông hiểu', en: 'Comprehension', short: 'TH' },
  van_dung: { vi: 'Vận dụng', en: 'Application', short: 'VD' },
  van_dung_cao: { vi: 'Vận dụng cao', en: 'Advanced application', short: 'VDC' },
};

export const QUESTION_TYPE_LABELS: Record<QuestionType, { vi: string; en: string }> = {
  single: { vi: 'Trắc nghiệm một đáp án', en: 'Single choice' },
  multiple: { vi: 'Trắc nghiệm nhiều đáp án', en: 'Multiple choice' },
  true_false: { vi: 'Đúng/Sai', en: 'True/false' },
  short: { vi: 'Trả lời ngắn', en: 'Short answer' },
  numeric: { vi: 'Điền số', en: 'Numeric' },
  matching: { vi: 'Ghép đôi', en: 'Matching' },
  essay: { vi: 'Tự luận', en: 'Essay' },
};

export function isQuestionType(v: unknown): v is QuestionType {
  return typeof v === 'string' && (QUESTION_TYPES as readonly string[]).includes(v);
}
export function isCognitiveLevel(v: unknown): v is CognitiveLevel {
  return typeof v === 'string' && (COGNITIVE_LEVELS as readonly string[]).includes(v);
}

/** Limits used by validation (and by the scoring rules to refuse hostile answers). */
export const QUESTION_LIMITS = {
  stemMax: 5000,
  optionTextMax: 1000,
  choiceMin: 2,
  choiceMax: 10,
  statementsMin: 1,
  statementsMax: 8,
  acceptedMax: 20,
  pairsMin: 2,
  pairsMax: 12,
  distractorsMax: 6,
  pointsMax: 100,
  answerTextMax: 20000,
} as const;

// ---- bodies (with the key) -------------------------------------------------------------------

/** One option of a choice question. `id` is stable ('A', 'B', …) and is what a student answers. */
export interface ChoiceOption {
  id: string;
  text: string;
  correct: boolean;
}

/** Exactly one option is correct. `keepOrder`: never shuffle (e.g. "Cả A và B đều đúng"). */
export interface SingleBody {
  options: ChoiceOption[];
  keepOrder?: boolean;
  explanation?: string;
}

/** At least one option is correct; partial credit, see scoreAnswer. */
export interface MultipleBody {
  options: ChoiceOption[];
  keepOrder?: boolean;
  explanation?: string;
}

/** One or more statements, each true or false (one statement: the classic Đúng/Sai question). */
export interface TrueFalseStatement {
  id: string;
  text: string;
  correct: boolean;
}
export interface TrueFalseBody {
  statements: TrueFalseStatement[];
  explanation?: string;
}

/** Accepted answers compared after normalization (trim, collapse spaces, case, NFC). */
export interface ShortBody {
  accepted: string[];
  /** When true "Ha Noi" matches "Hà Nội"; by default diacritics are significant. */
  ignoreDiacritics?: boolean;
  explanation?: string;
}

/** A number with an absolute tolerance (|answer − value| ≤ tolerance). */
export interface NumericBody {
  value: number;
  tolerance: number;
  unit?: string;
  explanation?: string;
}

/**
 * Pairs left → right. The student sees the left items in order and the right items shuffled
 * (plus distractors) and answers with the right TEXT for each left item, so no id reveals the key.
 */
export interface MatchingPair {
  left: string;
  right: string;
}
export interface MatchingBody {
  pairs: MatchingPair[];
  distractors?: string[];
  explanation?: string;
}

/** Graded by the teacher. */
export interface EssayBody {
  rubric?: string;
  maxWords?: number;
}

export interface QuestionBodies {
  single: SingleBody;
  multiple: MultipleBody;
  true_false: TrueFalseBody;
  short: ShortBody;
  numeric: NumericBody;
  matching: MatchingBody;
  essay: EssayBody;
}
export type QuestionBody = QuestionBodies[QuestionType];

// ---- a student's answer, per type --------------------------------------------------------------

export interface QuestionAnswers {
  /** The chosen option id. */
  single: string;
  /** The chosen option ids. */
  multiple: string[];
  /** statement id → true (Đúng) / false (Sai). */
  true_false: Record<string, boolean>;
  short: string;
  /** A number, or text as typed ("3,5", "-0.25", "7/2"). */
  numeric: number | string;
  /** For each left item, in order, the right text chosen (null: left blank). */
  matching: (string | null)[];
  essay: string;
}
export type QuestionAnswer = QuestionAnswers[QuestionType];

// ---- the stored question -----------------------------------------------------------------------

/** The content of a question: its type and the body of that type (a discriminated union). */
export type QuestionContent = { [K in QuestionType]: { type: K; body: QuestionBodies[K] } }[QuestionType];

export interface QuestionMeta {
  id: number;
  subjectId: number;
  grade: number;
  curriculumLessonId: number | null;
  level: CognitiveLevel;
  stem: string;
  points: number;
  authorId: number | null;
  authorName?: string | null;
  createdAt: string;
  updatedAt: string;
  /** Set when a quiz first used the question: it is then archived, never deleted. */
  firstUsedAt: string | null;
  archivedAt: string | null;
}

export type Question = QuestionMeta & QuestionContent;

/** What a quiz needs to score a question: the content alone (a snapshot works too). */
export type ScorableQuestion = QuestionContent & { id?: number };

// ---- what a student sees (no key) ----------------------------------------------------------------

export interface PublicBodies {
  single: { options: { id: string; text: string }[] };
  multiple: { options: { id: string; text: string }[]; /** how many to choose */ correctCount: number };
  true_false: { statements: { id: string; text: string }[] };
  short: Record<string, never>;
  numeric: { unit?: string };
  matching: { left: string[]; right: string[] };
  essay: { maxWords?: number };
}
export type PublicContent = { [K in QuestionType]: { type: K; body: PublicBodies[K] } }[QuestionType];
export type PublicQuestion = { id?: number; stem: string; points?: number } & PublicContent;

export interface ScoreResult {
  /** 0..1 of the question's points. 0 when manual grading is needed. */
  fraction: number;
  needsManualGrading: boolean;
}

// ---- inputs ------------------------------------------------------------------------------------

export type QuestionInput = {
  subjectId: number;
  grade: number;
  curriculumLessonId: number | null;
  level: CognitiveLevel;
  stem: string;
  points: number;
} & QuestionContent;

export interface QuestionFilter {
  subjectId?: number;
  /** Scope: only these subjects (a teacher's subject groups). Absent: every subject. */
  subjectIds?: number[];
  grade?: number;
  curriculumLessonId?: number;
  /** true: only questions with no lesson */
  noLesson?: boolean;
  level?: CognitiveLevel;
  type?: QuestionType;
  /** Folded (diacritic-free) words, each must appear. */
  search?: string;
  includeArchived?: boolean;
  limit: number;
  offset: number;
}

export interface MatrixCount {
  curriculumLessonId: number | null;
  level: CognitiveLevel;
  type: QuestionType;
  count: number;
}
