import { Type, type Static } from '@sinclair/typebox';
import { Id, Nullable } from './common.schema.js';

/** Learning progress per student × material (Art. 5.3, 9.2.c). Scores are scaled 0–1. */

const Count = Type.Integer({ minimum: 0 });
const Scaled = Type.Number({ minimum: 0, maximum: 1 });

export const ProgressEventType = Type.Union([Type.Literal('opened'), Type.Literal('heartbeat'), Type.Literal('completed'), Type.Literal('score')]);

/** One report of `<ph-progress-tracker>`. `seconds` for heartbeats (the server caps it), `score` for H5P results. */
export const ProgressEventBody = Type.Object({
  type: ProgressEventType,
  seconds: Type.Optional(Type.Integer({ minimum: 1, maximum: 3600 })),
  /** The H5P content the score or completion comes from. */
  contentId: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  completed: Type.Optional(Type.Boolean()),
  score: Type.Optional(Type.Object({
    raw: Type.Optional(Type.Number({ minimum: 0, maximum: 100000 })),
    max: Type.Optional(Type.Number({ minimum: 0, maximum: 100000 })),
    scaled: Type.Optional(Type.Number({ minimum: -1, maximum: 1 })),
  }, { additionalProperties: false })),
}, { additionalProperties: false });
export type ProgressEventBody = Static<typeof ProgressEventBody>;

export const ProgressState = Type.Object({
  materialId: Id,
  firstOpenedAt: Type.String(),
  lastSeenAt: Type.String(),
  openCount: Count,
  activeSeconds: Count,
  completed: Type.Boolean(),
  completedAt: Nullable(Type.String()),
  bestScore: Nullable(Scaled),
  lastScore: Nullable(Scaled),
  scoreCount: Count,
  /** Seconds this report added (a heartbeat may be credited less than it claimed). */
  creditedSeconds: Count,
});
export type ProgressState = Static<typeof ProgressState>;

export const ProgressStatus = Type.Union([Type.Literal('not_started'), Type.Literal('in_progress'), Type.Literal('completed')]);
export const StuckReason = Type.Union([Type.Literal('idle'), Type.Literal('low_score')]);

export const ProgressMaterial = Type.Object({
  id: Id,
  title: Type.String(),
  curriculumLessonId: Nullable(Id),
  /** False when the materials module cannot confirm the material (shown as "Học liệu #id"). */
  known: Type.Boolean(),
});

export const ProgressCell = Type.Object({
  studentId: Id,
  materialId: Id,
  status: ProgressStatus,
  activeSeconds: Count,
  firstOpenedAt: Nullable(Type.String()),
  lastSeenAt: Nullable(Type.String()),
  completedAt: Nullable(Type.String()),
  bestScore: Nullable(Scaled),
  lastScore: Nullable(Scaled),
  scoreCount: Count,
  stuck: Nullable(StuckReason),
});

export const ProgressStudentRow = Type.Object({
  id: Id,
  fullName: Type.String(),
  personalId: Nullable(Type.String()),
  started: Count,
  completed: Count,
  activeSeconds: Count,
  lastSeenAt: Nullable(Type.String()),
  notStarted: Type.Boolean(),
  stuck: Type.Boolean(),
});

export const StuckRule = Type.Object({
  /** Opened more than this many days ago and still not completed. */
  idleDays: Count,
  /** Best H5P score (scaled) below this after at least one attempt. */
  lowScore: Scaled,
});

export const QuizLink = Type.Object({
  id: Id,
  title: Type.String(),
  /** The quizzes module's page of per-question results. */
  resultsPath: Type.String(),
  questions: Type.Optional(Type.Array(Type.Object({ position: Count, label: Type.String(), correctRate: Nullable(Scaled), answered: Count }))),
});

export const ClassProgress = Type.Object({
  classId: Id,
  className: Type.String(),
  grade: Count,
  subjectId: Id,
  subjectName: Type.String(),
  stuckRule: StuckRule,
  generatedAt: Type.String(),
  materials: Type.Array(ProgressMaterial),
  students: Type.Array(ProgressStudentRow),
  cells: Type.Array(ProgressCell),
  /** Null when the quizzes module is not installed. */
  quizzes: Nullable(Type.Array(QuizLink)),
});
export type ClassProgress = Static<typeof ClassProgress>;

export const ClassSubjectParams = Type.Object({ classId: Id, subjectId: Id });
export type ClassSubjectParams = Static<typeof ClassSubjectParams>;

export const StudentProgressQuery = Type.Object({ subjectId: Type.Optional(Id) }, { additionalProperties: false });
export type StudentProgressQuery = Static<typeof StudentProgressQuery>;

export const StudentProgress = Type.Object({
  student: Type.Object({ id: Id, fullName: Type.String(), classId: Nullable(Id), className: Nullable(Type.String()), grade: Nullable(Count) }),
  stuckRule: StuckRule,
  items: Type.Array(Type.Object({
    material: ProgressMaterial,
    subjectId: Nullable(Id),
    subjectName: Nullable(Type.String()),
    cell: ProgressCell,
  })),
  totals: Type.Object({ materials: Count, started: Count, completed: Count, activeSeconds: Count }),
});
export type StudentProgress = Static<typeof StudentProgress>;

/** Classes × subjects a teacher (or manager) can open on /tien-do and /hoi-dap. */
export const ClassSubjectChoice = Type.Object({
  classId: Id, className: Type.String(), grade: Count, subjectId: Id, subjectName: Type.String(),
  /** 'teacher' of that class × subject, 'student' of the class, 'manager' reading. */
  as: Type.Union([Type.Literal('teacher'), Type.Literal('student'), Type.Literal('manager')]),
});
export type ClassSubjectChoice = Static<typeof ClassSubjectChoice>;
