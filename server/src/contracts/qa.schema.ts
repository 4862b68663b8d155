import { Type, type Static } from '@sinclair/typebox';
import { Id, Nullable } from './common.schema.js';

/** Questions and answers per class × subject (Art. 5.2, 9.2). Plain text only. */

const Count = Type.Integer({ minimum: 0 });
export const SpaceRole = Type.Union([Type.Literal('teacher'), Type.Literal('student'), Type.Literal('manager')]);

export const QaSpace = Type.Object({
  classId: Id, className: Type.String(), grade: Count, subjectId: Id, subjectName: Type.String(), teacherId: Id, myRole: SpaceRole,
});

export const QaQuestion = Type.Object({
  id: Id, classId: Id, subjectId: Id, authorId: Id, authorName: Type.String(), byTeacher: Type.Boolean(), mine: Type.Boolean(),
  curriculumLessonId: Nullable(Id), lessonTitle: Nullable(Type.String()), title: Type.String(), body: Type.String(),
  createdAt: Type.String(), lastActivityAt: Type.String(), answerCount: Count, bestAnswerId: Nullable(Id),
  pinned: Type.Boolean(), locked: Type.Boolean(), unanswered: Type.Boolean(), hidden: Type.Boolean(), hiddenReason: Nullable(Type.String()),
});
export type QaQuestion = Static<typeof QaQuestion>;

export const QaAnswer = Type.Object({
  id: Id, authorId: Id, authorName: Type.String(), byTeacher: Type.Boolean(), mine: Type.Boolean(), body: Type.String(), createdAt: Type.String(),
  best: Type.Boolean(), hidden: Type.Boolean(), hiddenReason: Nullable(Type.String()),
});
export type QaAnswer = Static<typeof QaAnswer>;

export const QaList = Type.Object({ space: QaSpace, questions: Type.Array(QaQuestion), unanswered: Count });
export type QaList = Static<typeof QaList>;

export const QaThread = Type.Object({ space: QaSpace, question: QaQuestion, answers: Type.Array(QaAnswer) });
export type QaThread = Static<typeof QaThread>;

export const QaListQuery = Type.Object({
  classId: Id,
  subjectId: Id,
  filter: Type.Optional(Type.Union([Type.Literal('all'), Type.Literal('unanswered'), Type.Literal('mine')])),
}, { additionalProperties: false });
export type QaListQuery = Static<typeof QaListQuery>;

export const AskBody = Type.Object({
  classId: Id,
  subjectId: Id,
  title: Type.String({ minLength: 3, maxLength: 200 }),
  body: Type.String({ minLength: 1, maxLength: 5000 }),
  curriculumLessonId: Type.Optional(Nullable(Id)),
}, { additionalProperties: false });
export type AskBody = Static<typeof AskBody>;

export const AnswerBody = Type.Object({ body: Type.String({ minLength: 1, maxLength: 5000 }) }, { additionalProperties: false });
export type AnswerBody = Static<typeof AnswerBody>;

export const BestBody = Type.Object({ answerId: Nullable(Id) }, { additionalProperties: false });
export type BestBody = Static<typeof BestBody>;

export const HideBody = Type.Object({ reason: Type.String({ minLength: 3, maxLength: 500 }) }, { additionalProperties: false });
export type HideBody = Static<typeof HideBody>;

export const FlagBody = Type.Object({ value: Type.Boolean() }, { additionalProperties: false });
export type FlagBody = Static<typeof FlagBody>;

export const QaCounts = Type.Array(Type.Object({ ...QaSpace.properties, questions: Count, unanswered: Count }));
export type QaCounts = Static<typeof QaCounts>;

export const QaChoice = Type.Object({ classId: Id, className: Type.String(), grade: Count, subjectId: Id, subjectName: Type.String(), as: SpaceRole });
