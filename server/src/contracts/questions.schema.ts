import { Type, type Static } from '@sinclair/typebox';
import { Id, Nullable } from './common.schema.js';

/**
 * The question bank's request and reply schemas (Art. 7.3, 8.1.c). The body of a question depends
 * on its type: one schema per type below (`QUESTION_BODY_SCHEMAS`), checked by the service with
 * the type in hand, so a union never needs guessing. Texts are limited in size; counts as the
 * domain's QUESTION_LIMITS.
 */

const TYPES = ['single', 'multiple', 'true_false', 'short', 'numeric', 'matching', 'essay'] as const;
const LEVELS = ['nhan_biet', 'thong_hieu', 'van_dung', 'van_dung_cao'] as const;
export const QuestionTypeSchema = Type.Union(TYPES.map((t) => Type.Literal(t)));
export const CognitiveLevelSchema = Type.Union(LEVELS.map((t) => Type.Literal(t)));

const Text = (max: number) => Type.String({ minLength: 1, maxLength: max });
const Explanation = Type.Optional(Type.String({ maxLength: 5000 }));
const OptionId = Type.String({ minLength: 1, maxLength: 8, pattern: '^[A-Za-z0-9]+$' });

const ChoiceOption = Type.Object({ id: OptionId, text: Text(1000), correct: Type.Boolean() }, { additionalProperties: false });

export const SingleBodySchema = Type.Object({
  options: Type.Array(ChoiceOption, { minItems: 2, maxItems: 10 }),
  keepOrder: Type.Optional(Type.Boolean()),
  explanation: Explanation,
}, { additionalProperties: false });

export const MultipleBodySchema = SingleBodySchema;

export const TrueFalseBodySchema = Type.Object({
  statements: Type.Array(Type.Object({ id: OptionId, text: Text(1000), correct: Type.Boolean() }, { additionalProperties: false }), { minItems: 1, maxItems: 8 }),
  explanation: Explanation,
}, { additionalProperties: false });

export const ShortBodySchema = Type.Object({
  accepted: Type.Array(Text(500), { minItems: 1, maxItems: 20 }),
  ignoreDiacritics: Type.Optional(Type.Boolean()),
  explanation: Explanation,
}, { additionalProperties: false });

export const NumericBodySchema = Type.Object({
  value: Type.Number({ minimum: -1e12, maximum: 1e12 }),
  tolerance: Type.Number({ minimum: 0, maximum: 1e12 }),
  unit: Type.Optional(Type.String({ maxLength: 30 })),
  explanation: Explanation,
}, { additionalProperties: false });

export const MatchingBodySchema = Type.Object({
  pairs: Type.Array(Type.Object({ left: Text(500), right: Text(500) }, { additionalProperties: false }), { minItems: 2, maxItems: 12 }),
  distractors: Type.Optional(Type.Array(Text(500), { maxItems: 6 })),
  explanation: Explanation,
}, { additionalProperties: false });

export const EssayBodySchema = Type.Object({
  rubric: Type.Optional(Type.String({ maxLength: 5000 })),
  maxWords: Type.Optional(Type.Integer({ minimum: 1, maximum: 10000 })),
}, { additionalProperties: false });

export const QUESTION_BODY_SCHEMAS = {
  single: SingleBodySchema,
  multiple: MultipleBodySchema,
  true_false: TrueFalseBodySchema,
  short: ShortBodySchema,
  numeric: NumericBodySchema,
  matching: MatchingBodySchema,
  essay: EssayBodySchema,
} as const;

export const Grade = Type.Integer({ minimum: 1, maximum: 12 });
export const Points = Type.Number({ exclusiveMinimum: 0, maximum: 100 });

/** Create or replace a question. `body` is checked against QUESTION_BODY_SCHEMAS[type]. */
export const QuestionBody = Type.Object({
  subjectId: Id,
  grade: Grade,
  curriculumLessonId: Nullable(Id),
  level: CognitiveLevelSchema,
  type: QuestionTypeSchema,
  stem: Text(5000),
  points: Type.Optional(Points),
  body: Type.Object({}, { additionalProperties: true, description: 'shape per type: see QUESTION_BODY_SCHEMAS' }),
}, { additionalProperties: false });
export type QuestionBody = Static<typeof QuestionBody>;

export const Question = Type.Object({
  id: Id, subjectId: Id, grade: Type.Integer(), curriculumLessonId: Nullable(Id), level: CognitiveLevelSchema, type: QuestionTypeSchema,
  stem: Type.String(), points: Type.Number(), body: Type.Unknown(),
  authorId: Nullable(Id), authorName: Type.Optional(Nullable(Type.String())),
  createdAt: Type.String(), updatedAt: Type.String(), firstUsedAt: Nullable(Type.String()), archivedAt: Nullable(Type.String()),
});

export const QuestionQuery = Type.Object({
  subjectId: Type.Optional(Id),
  grade: Type.Optional(Grade),
  curriculumLessonId: Type.Optional(Id),
  /** true: only questions not linked to a lesson */
  noLesson: Type.Optional(Type.Boolean()),
  level: Type.Optional(CognitiveLevelSchema),
  type: Type.Optional(QuestionTypeSchema),
  /** Words searched in the stem and options, diacritics ignored ("tap hop" finds "tập hợp"). */
  q: Type.Optional(Type.String({ maxLength: 200 })),
  includeArchived: Type.Optional(Type.Boolean()),
  limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
  offset: Type.Integer({ minimum: 0, maximum: 1000000, default: 0 }),
}, { additionalProperties: false });
export type QuestionQuery = Static<typeof QuestionQuery>;

export const QuestionList = Type.Object({ items: Type.Array(Question), total: Type.Integer() });

export const SubjectGradeQuery = Type.Object({ subjectId: Id, grade: Grade }, { additionalProperties: false });
export type SubjectGradeQuery = Static<typeof SubjectGradeQuery>;

export const MatrixCounts = Type.Object({
  lessons: Type.Array(Type.Object({ id: Id, position: Type.Integer(), title: Type.String(), chapter: Nullable(Type.String()) })),
  /** One row per lesson (null: no lesson) × level × type with at least one non-archived question. */
  counts: Type.Array(Type.Object({ curriculumLessonId: Nullable(Id), level: CognitiveLevelSchema, type: QuestionTypeSchema, count: Type.Integer() })),
});

export const DeleteReply = Type.Object({ ok: Type.Literal(true), outcome: Type.Union([Type.Literal('deleted'), Type.Literal('archived')]) });

export const ImportTextBody = Type.Object({
  subjectId: Id,
  grade: Grade,
  text: Type.String({ minLength: 1, maxLength: 500000 }),
  commit: Type.Boolean({ default: false }),
}, { additionalProperties: false });
export type ImportTextBody = Static<typeof ImportTextBody>;

export const ImportSheetQuery = Type.Object({ subjectId: Id, grade: Grade, commit: Type.Boolean({ default: false }) }, { additionalProperties: false });
export type ImportSheetQuery = Static<typeof ImportSheetQuery>;

const Message = Type.Object({ line: Type.Integer(), code: Type.String(), vi: Type.String(), en: Type.String() });
export const ImportReport = Type.Object({
  committed: Type.Boolean(),
  accepted: Type.Integer(),
  rejected: Type.Integer(),
  createdIds: Type.Array(Id),
  items: Type.Array(Type.Object({
    index: Type.Integer(),
    /** The number the teacher wrote ("Câu 3") or the spreadsheet row. */
    label: Type.String(),
    line: Type.Integer(),
    ok: Type.Boolean(),
    type: Nullable(QuestionTypeSchema),
    level: Nullable(CognitiveLevelSchema),
    /** "Bài 10" / "Mục 9" as written. */
    lessonRef: Nullable(Type.String()),
    curriculumLessonId: Nullable(Id),
    stem: Type.String(),
    errors: Type.Array(Message),
    warnings: Type.Array(Message),
  })),
});

export const ExportQuery = Type.Object({
  subjectId: Id,
  grade: Grade,
  format: Type.Union([Type.Literal('text'), Type.Literal('xlsx')], { default: 'text' }),
  curriculumLessonId: Type.Optional(Id),
  level: Type.Optional(CognitiveLevelSchema),
  type: Type.Optional(QuestionTypeSchema),
}, { additionalProperties: false });
export type ExportQuery = Static<typeof ExportQuery>;
