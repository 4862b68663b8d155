import { Type, type Static } from '@sinclair/typebox';
import { Id, Nullable } from './common.schema.js';

/** The curriculum (Art. 4.1): lessons/topics per subject × grade with their required outcomes. */

export const Grade = Type.Integer({ minimum: 1, maximum: 12 });
const Outcomes = Type.Array(Type.String({ maxLength: 1000 }), { maxItems: 30, description: 'Yêu cầu cần đạt, one per item' });

export const CurriculumLesson = Type.Object({
  id: Id, subjectId: Id, subjectCode: Type.String(), subjectName: Type.String(), grade: Grade,
  position: Type.Integer({ minimum: 1 }), chapter: Nullable(Type.String()), title: Type.String(),
  periods: Type.Integer({ minimum: 1 }), outcomes: Type.Array(Type.String()), createdAt: Type.String(), updatedAt: Type.String(),
});
export type CurriculumLesson = Static<typeof CurriculumLesson>;

export const CurriculumSubject = Type.Object({
  id: Id, code: Type.String(), name: Type.String(), grades: Type.Array(Grade), canManage: Type.Boolean(),
});
export type CurriculumSubject = Static<typeof CurriculumSubject>;

export const LessonsQuery = Type.Object({ subjectId: Id, grade: Grade }, { additionalProperties: false });
export type LessonsQuery = Static<typeof LessonsQuery>;

const Fields = {
  chapter: Type.Optional(Nullable(Type.String({ maxLength: 300 }))),
  title: Type.String({ minLength: 1, maxLength: 300 }),
  periods: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
  outcomes: Type.Optional(Outcomes),
};

export const LessonCreateBody = Type.Object({
  subjectId: Id, grade: Grade, ...Fields,
  position: Type.Optional(Type.Integer({ minimum: 1, description: 'Insert at this place; default: at the end' })),
}, { additionalProperties: false });
export type LessonCreateBody = Static<typeof LessonCreateBody>;

export const LessonUpdateBody = Type.Object(Fields, { additionalProperties: false });
export type LessonUpdateBody = Static<typeof LessonUpdateBody>;

export const LessonMoveBody = Type.Object({
  direction: Type.Optional(Type.Union([Type.Literal('up'), Type.Literal('down')])),
  position: Type.Optional(Type.Integer({ minimum: 1 })),
}, { additionalProperties: false });
export type LessonMoveBody = Static<typeof LessonMoveBody>;

export const ImportQuery = Type.Object({
  mode: Type.Union([Type.Literal('preview'), Type.Literal('commit')], { default: 'preview' }),
  action: Type.Union([Type.Literal('replace'), Type.Literal('append')], { default: 'append' }),
  subjectId: Type.Optional(Id),
  grade: Type.Optional(Grade),
}, { additionalProperties: false });
export type ImportQuery = Static<typeof ImportQuery>;

export const ExportQuery = Type.Object({ subjectId: Type.Optional(Id), grade: Type.Optional(Grade) }, { additionalProperties: false });
export type ExportQuery = Static<typeof ExportQuery>;

const Count = Type.Integer({ minimum: 0 });
export const CurriculumImportReport = Type.Object({
  action: Type.Union([Type.Literal('replace'), Type.Literal('append')]),
  committed: Type.Boolean(),
  missingColumns: Type.Array(Type.String()),
  ignoredColumns: Type.Array(Type.String()),
  accepted: Count, rejected: Count, skipped: Count,
  rows: Type.Array(Type.Object({
    rowNumber: Type.Integer(), status: Type.Union([Type.Literal('accepted'), Type.Literal('rejected'), Type.Literal('skipped')]),
    subjectId: Nullable(Id), subjectName: Nullable(Type.String()), grade: Nullable(Type.Integer()), position: Nullable(Type.Integer()), title: Nullable(Type.String()),
    lesson: Type.Optional(Type.Object({ chapter: Nullable(Type.String()), title: Type.String(), periods: Type.Integer(), outcomes: Type.Array(Type.String()) })),
    problems: Type.Array(Type.Object({ field: Type.String(), code: Type.String(), vi: Type.String(), en: Type.String() })),
  })),
  groups: Type.Array(Type.Object({
    subjectId: Id, subjectName: Type.String(), grade: Type.Integer(), existing: Count, created: Count, updated: Count, removed: Count,
    blocked: Type.Array(Type.Object({ id: Id, title: Type.String(), links: Type.Record(Type.String(), Count) })),
  })),
});
export type CurriculumImportReport = Static<typeof CurriculumImportReport>;
