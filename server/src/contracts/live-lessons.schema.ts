import { Type, type Static } from '@sinclair/typebox';
import { Id, IsoDate, Nullable } from './common.schema.js';

/** Instants are ISO-8601 with an offset ('2026-10-05T08:00:00+07:00'); replies give them in UTC. */
export const Instant = Type.String({ format: 'date-time', pattern: '(Z|[+-]\\d{2}:\\d{2})$', description: 'ISO-8601 instant with offset' });
export const LessonMode = Type.Union([Type.Literal('supporting'), Type.Literal('replacing')]);
export const LessonStatus = Type.Union([Type.Literal('scheduled'), Type.Literal('live'), Type.Literal('ended'), Type.Literal('cancelled')]);
/** online_assessment: the principal allows online periodic (mid-term, end-of-term) tests (Art. 6.2). */
export const DecisionType = Type.Union([Type.Literal('force_majeure'), Type.Literal('online_mode'), Type.Literal('online_assessment')]);
const ScopeIds = Type.Union([Type.Literal('all'), Type.Array(Id, { minItems: 1, maxItems: 500 })]);

// ---------------------------------------------------------------------------------------------
// Decisions of the principal (Art. 5.4)

export const DecisionBody = Type.Object({
  type: DecisionType,
  /** online_mode only. */
  mode: Type.Optional(Nullable(LessonMode)),
  classIds: ScopeIds,
  subjectIds: ScopeIds,
  startsOn: IsoDate,
  endsOn: IsoDate,
  reason: Type.String({ minLength: 3, maxLength: 2000 }),
  documentNumber: Type.Optional(Nullable(Type.String({ maxLength: 60 }))),
  /** online_assessment only: the assessment plan (which tests, when, how) told to students and parents (Art. 6.2, 15.1.e). */
  assessmentPlan: Type.Optional(Nullable(Type.String({ maxLength: 4000 }))),
}, { additionalProperties: false });
export type DecisionBody = Static<typeof DecisionBody>;

export const Decision = Type.Object({
  id: Id, type: DecisionType, mode: Nullable(LessonMode), classIds: ScopeIds, subjectIds: ScopeIds, startsOn: IsoDate, endsOn: IsoDate,
  reason: Type.String(), documentNumber: Nullable(Type.String()), assessmentPlan: Nullable(Type.String()), signerId: Id, signerName: Type.String(), signedAt: Type.String(),
  revokedAt: Nullable(Type.String()), revokedById: Nullable(Id), revokeReason: Nullable(Type.String()),
});

export const DecisionQuery = Type.Object({
  type: Type.Optional(DecisionType),
  includeRevoked: Type.Boolean({ default: true }),
}, { additionalProperties: false });
export type DecisionQuery = Static<typeof DecisionQuery>;

export const RevokeBody = Type.Object({ reason: Type.String({ minLength: 3, maxLength: 2000 }) }, { additionalProperties: false });
export type RevokeBody = Static<typeof RevokeBody>;
export const RevokeReply = Type.Object({ ok: Type.Literal(true), uncoveredLessonIds: Type.Array(Id) });

// ---------------------------------------------------------------------------------------------
// Live lessons

export const LiveLessonBody = Type.Object({
  classId: Id,
  subjectId: Id,
  /** The lesson/topic (bài học/chủ đề) taught; may be left out when curriculumLessonId names it. */
  topic: Type.Optional(Type.String({ maxLength: 300 })),
  /** The curriculum lesson taught (Art. 4.1): same subject, the class's grade. */
  curriculumLessonId: Type.Optional(Nullable(Id)),
  startsAt: Instant,
  endsAt: Instant,
  mode: LessonMode,
  recordingAllowed: Type.Boolean({ default: false }),
  /** Principal and vice principals only: another teacher than the assigned one. */
  teacherId: Type.Optional(Id),
}, { additionalProperties: false });
export type LiveLessonBody = Static<typeof LiveLessonBody>;

export const LiveLesson = Type.Object({
  id: Id, classId: Id, className: Type.String(), schoolYearId: Id, subjectId: Id, subjectName: Type.String(), teacherId: Id, teacherName: Type.String(),
  topic: Type.String(), startsAt: Type.String(), endsAt: Type.String(), mode: LessonMode, status: LessonStatus, recordingAllowed: Type.Boolean(),
  decisionId: Nullable(Id), curriculumLessonId: Nullable(Id), createdAt: Type.String(), startedAt: Nullable(Type.String()), endedAt: Nullable(Type.String()),
  cancelledAt: Nullable(Type.String()), cancelReason: Nullable(Type.String()),
});

export const TodayLesson = Type.Object({
  ...LiveLesson.properties,
  myRole: Type.Union([Type.Literal('teacher'), Type.Literal('student'), Type.Literal('observer'), Type.Literal('parent')]),
  children: Type.Array(Type.Object({ id: Id, fullName: Type.String() })),
  joinableFrom: Type.String(),
});

export const LiveLessonQuery = Type.Object({
  from: Type.Optional(IsoDate),
  to: Type.Optional(IsoDate),
  classId: Type.Optional(Id),
  teacherId: Type.Optional(Id),
}, { additionalProperties: false });
export type LiveLessonQuery = Static<typeof LiveLessonQuery>;

export const CancelBody = Type.Object({ reason: Type.Optional(Nullable(Type.String({ maxLength: 1000 }))) }, { additionalProperties: false });
export type CancelBody = Static<typeof CancelBody>;

const Count = Type.Integer({ minimum: 0 });

export const LessonSummary = Type.Object({
  lesson: LiveLesson,
  totals: Type.Object({
    students: Count, present: Count, absent: Count, late: Count, chatMessages: Count, questions: Count, answeredQuestions: Count,
    handsRaised: Count, reactions: Count, polls: Count,
  }),
  students: Type.Array(Type.Object({
    personId: Id, personalId: Nullable(Type.String()), fullName: Type.String(), present: Type.Boolean(), late: Type.Boolean(), minutes: Count, joins: Count,
    firstJoinAt: Nullable(Type.String()), lastLeftAt: Nullable(Type.String()),
    chatMessages: Count, questions: Count, handsRaised: Count, reactions: Count, pollAnswers: Count,
  })),
  questions: Type.Array(Type.Object({ id: Id, personId: Id, fullName: Type.String(), at: Type.String(), text: Type.String(), answeredAt: Nullable(Type.String()), answered: Type.Boolean() })),
  polls: Type.Array(Type.Object({
    id: Id, lessonId: Id, question: Type.String(), options: Type.Array(Type.String()), multiple: Type.Boolean(), openedAt: Type.String(), closedAt: Nullable(Type.String()),
    open: Type.Boolean(), counts: Type.Array(Count), answered: Count,
  })),
});

export const Recording = Type.Object({
  id: Id, lessonId: Id, file: Type.String(), bytes: Count, durationMs: Count, startedAt: Type.String(), endedAt: Type.String(),
});
