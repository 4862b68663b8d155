import { Type, type Static } from '@sinclair/typebox';
import { Id, Nullable } from './common.schema.js';
import { Instant } from './live-lessons.schema.js';

/** Quizzes and tests (Art. 6.1, 6.2): request and reply shapes. */

export const QuizKind = Type.Union([Type.Literal('regular'), Type.Literal('midterm'), Type.Literal('endterm')]);
export const FeedbackPolicy = Type.Union([Type.Literal('none'), Type.Literal('score'), Type.Literal('answers_after_close')]);
export const AttemptScoring = Type.Union([Type.Literal('best'), Type.Literal('last')]);
export const Level = Type.Union([Type.Literal('nhan_biet'), Type.Literal('thong_hieu'), Type.Literal('van_dung'), Type.Literal('van_dung_cao')]);

/** The gradebook column a quiz feeds (gradebook-feed.ts). */
export const QuizGradebookTarget = Type.Object({
  semesterId: Id,
  column: Type.Union([
    Type.Object({ kind: Type.Literal('regular'), slot: Type.Integer({ minimum: 1, maximum: 10 }) }, { additionalProperties: false }),
    Type.Object({ kind: Type.Literal('midterm') }, { additionalProperties: false }),
    Type.Object({ kind: Type.Literal('endterm') }, { additionalProperties: false }),
  ]),
}, { additionalProperties: false });

export const MatrixRow = Type.Object({
  curriculumLessonId: Nullable(Id),
  level: Level,
  count: Type.Integer({ minimum: 1, maximum: 100 }),
  pointsEach: Type.Number({ exclusiveMinimum: 0, maximum: 100 }),
}, { additionalProperties: false });

export const QuizBody = Type.Object({
  title: Type.String({ minLength: 1, maxLength: 200 }),
  subjectId: Id,
  grade: Type.Integer({ minimum: 1, maximum: 12 }),
  classIds: Type.Array(Id, { minItems: 1, maxItems: 60 }),
  kind: QuizKind,
  matrix: Type.Array(MatrixRow, { minItems: 1, maxItems: 60 }),
  opensAt: Instant,
  closesAt: Instant,
  timeLimitMinutes: Type.Integer({ minimum: 1, maximum: 300 }),
  attemptsAllowed: Type.Integer({ minimum: 1, maximum: 10, default: 1 }),
  attemptScoring: Type.Optional(AttemptScoring),
  feedback: FeedbackPolicy,
  shuffleQuestions: Type.Boolean({ default: true }),
  shuffleOptions: Type.Boolean({ default: true }),
  gradebookTarget: Type.Optional(Nullable(QuizGradebookTarget)),
}, { additionalProperties: false });
export type QuizBody = Static<typeof QuizBody>;

export const Quiz = Type.Object({
  ...QuizBody.properties,
  attemptScoring: AttemptScoring,
  gradebookTarget: Nullable(QuizGradebookTarget),
  id: Id, subjectName: Type.String(), classNames: Type.Array(Type.String()), status: Type.Union([Type.Literal('draft'), Type.Literal('published')]),
  decisionId: Nullable(Id), createdById: Id, createdByName: Type.String(), createdAt: Type.String(), updatedAt: Type.String(), publishedAt: Nullable(Type.String()),
});
export type QuizT = Static<typeof Quiz>;

export const QuizQuery = Type.Object({ classId: Type.Optional(Id), subjectId: Type.Optional(Id) }, { additionalProperties: false });
export type QuizQuery = Static<typeof QuizQuery>;

export const PublishReply = Type.Object({ ok: Type.Literal(true), decisionId: Nullable(Id) });

const AttemptStatus = Type.Union([Type.Literal('in_progress'), Type.Literal('submitted')]);
const SubmittedBy = Nullable(Type.Union([Type.Literal('student'), Type.Literal('auto')]));

export const MyAttempts = Type.Object({
  quiz: Quiz,
  attempts: Type.Array(Type.Object({ id: Id, number: Type.Integer(), status: AttemptStatus, deadlineAt: Type.String(), submittedAt: Nullable(Type.String()), score: Nullable(Type.Number()), maxScore: Type.Number() })),
  serverNow: Type.String(),
  window: Type.Union([Type.Literal('not_open'), Type.Literal('open'), Type.Literal('closed')]),
});

/** A saved answer: its shape depends on the question type (checked against the attempt's paper). */
export const AnswerValue = Type.Union([
  Type.Null(),
  Type.String({ maxLength: 20000 }),
  Type.Number(),
  Type.Boolean(),
  Type.Array(Type.Union([Type.String({ maxLength: 1000 }), Type.Null()]), { maxItems: 50 }),
  Type.Record(Type.String({ maxLength: 40 }), Type.Boolean(), { maxProperties: 20 }),
]);
export const QuestionKey = Type.String({ pattern: '^q[0-9]{1,12}$', maxLength: 14 });

export const SaveBody = Type.Object({
  seq: Type.Integer({ minimum: 1, maximum: 2_000_000_000 }),
  answers: Type.Array(Type.Object({ questionKey: QuestionKey, answer: AnswerValue }, { additionalProperties: false }), { maxItems: 200 }),
}, { additionalProperties: false });
export type SaveBody = Static<typeof SaveBody>;

export const SaveReply = Type.Object({
  savedAt: Type.String(), accepted: Type.Array(Type.String()), stale: Type.Array(Type.String()), lastSeq: Type.Integer(),
  serverNow: Type.String(), deadlineAt: Type.String(), remainingMs: Type.Integer(),
});

export const SubmitBody = Type.Object({ final: Type.Optional(SaveBody) }, { additionalProperties: false });
export type SubmitBody = Static<typeof SubmitBody>;

export const EventBody = Type.Object({
  kind: Type.Union([Type.Literal('focus_lost'), Type.Literal('page_hidden')]),
  clientAt: Type.Optional(Type.String({ maxLength: 40 })),
  durationMs: Type.Optional(Type.Integer({ minimum: 0, maximum: 86_400_000 })),
}, { additionalProperties: false });
export type EventBody = Static<typeof EventBody>;

export const AttemptView = Type.Object({
  id: Id, quizId: Id, number: Type.Integer(), status: AttemptStatus, startedAt: Type.String(), deadlineAt: Type.String(),
  serverNow: Type.String(), remainingMs: Type.Integer(), graceMs: Type.Integer(),
  /** The paper without keys: body per type as `publicQuestion` gives it. */
  questions: Type.Array(Type.Object({ key: Type.String(), stem: Type.String(), points: Type.Number(), type: Type.String(), body: Type.Unknown() })),
  answers: Type.Array(Type.Object({ questionKey: Type.String(), answer: Type.Unknown(), seq: Type.Integer(), savedAt: Type.String() })),
  lastSeq: Type.Integer(),
  submittedAt: Nullable(Type.String()), submittedBy: SubmittedBy,
  feedback: Nullable(Type.Object({
    score: Nullable(Type.Number()), maxScore: Type.Number(), pendingEssays: Type.Integer(),
    perQuestion: Nullable(Type.Array(Type.Object({ questionKey: Type.String(), points: Nullable(Type.Number()), maxPoints: Type.Number(), correct: Type.Unknown(), explanation: Nullable(Type.String()) }))),
  })),
});

export const AttemptListItem = Type.Object({
  id: Id, quizId: Id, studentId: Id, studentName: Type.String(), personalId: Nullable(Type.String()), classId: Nullable(Id), className: Nullable(Type.String()),
  number: Type.Integer(), status: AttemptStatus, startedAt: Type.String(), deadlineAt: Type.String(), submittedAt: Nullable(Type.String()), submittedBy: SubmittedBy,
  score: Nullable(Type.Number()), maxScore: Type.Number(), pendingEssays: Type.Integer(), events: Type.Integer(),
});

export const IntegrityEvent = Type.Object({
  id: Id, attemptId: Id, at: Type.String(),
  kind: Type.Union(['focus_lost', 'page_hidden', 'ip_changed', 'device_changed', 'second_session'].map((k) => Type.Literal(k))),
  details: Nullable(Type.Record(Type.String(), Type.Unknown())),
});

export const AttemptReview = Type.Object({
  attempt: AttemptListItem,
  quizId: Id,
  questions: Type.Array(Type.Object({
    key: Type.String(), questionId: Id, stem: Type.String(), type: Type.String(), level: Type.String(), curriculumLessonId: Nullable(Id), points: Type.Number(),
    body: Type.Unknown(), answer: Type.Unknown(), awarded: Nullable(Type.Number()), comment: Nullable(Type.String()), autoFraction: Nullable(Type.Number()),
  })),
  events: Type.Array(IntegrityEvent),
});

export const GradeBody = Type.Object({
  questionKey: QuestionKey,
  points: Type.Number({ minimum: 0, maximum: 100 }),
  comment: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
}, { additionalProperties: false });
export type GradeBody = Static<typeof GradeBody>;
export const GradeReply = Type.Object({ score: Nullable(Type.Number()), pendingEssays: Type.Integer() });

export const ResultsQuery = Type.Object({ classId: Type.Optional(Id) }, { additionalProperties: false });
export type ResultsQuery = Static<typeof ResultsQuery>;

export const QuizResults = Type.Object({
  quiz: Quiz,
  classes: Type.Array(Type.Object({ classId: Id, className: Type.String(), students: Type.Integer(), started: Type.Integer(), submitted: Type.Integer(), graded: Type.Integer(), average: Nullable(Type.Number()) })),
  students: Type.Array(Type.Object({
    studentId: Id, fullName: Type.String(), personalId: Nullable(Type.String()), classId: Id, className: Type.String(), attempts: Type.Integer(), attemptId: Nullable(Id),
    status: Nullable(AttemptStatus), score: Nullable(Type.Number()), maxScore: Nullable(Type.Number()), pendingEssays: Type.Integer(), events: Type.Integer(),
  })),
  questions: Type.Array(Type.Object({
    questionId: Id, stem: Type.String(), type: Type.String(), level: Type.String(), curriculumLessonId: Nullable(Id),
    drawn: Type.Integer(), answered: Type.Integer(), right: Type.Integer(), partial: Type.Integer(), percentRight: Type.Number(), averageFraction: Type.Number(),
    commonWrong: Type.Array(Type.Object({ answer: Type.String(), count: Type.Integer() })),
  })),
});
