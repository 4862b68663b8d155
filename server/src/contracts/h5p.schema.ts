import { Type, type Static } from '@sinclair/typebox';
import { Id, IsoDate, Nullable } from './common.schema.js';

/** H5P interactive content (Art. 9.3): contents, activities, xAPI statements, saved state, results. */

export const H5pContent = Type.Object({
  id: Id,
  title: Type.String(),
  mainLibrary: Type.String(),
  language: Type.String(),
  libraries: Type.Array(Type.String()),
  fileName: Nullable(Type.String()),
  sizeBytes: Type.Integer(),
  subjectId: Nullable(Id),
  curriculumLessonId: Nullable(Id),
  uploadedById: Id,
  uploadedByName: Type.String(),
  createdAt: Type.String(),
  deletedAt: Nullable(Type.String()),
});
export type H5pContent = Static<typeof H5pContent>;

const ScoreSnapshot = Type.Object({ raw: Type.Number(), max: Type.Number(), scaled: Type.Number(), at: Type.String() });
export const H5pResult = Type.Object({
  contentId: Id,
  studentId: Id,
  attempts: Type.Integer(),
  last: ScoreSnapshot,
  best: ScoreSnapshot,
  completedAt: Nullable(Type.String()),
});
export type H5pResult = Static<typeof H5pResult>;

export const UploadQuery = Type.Object({
  subjectId: Type.Optional(Id),
  curriculumLessonId: Type.Optional(Id),
}, { additionalProperties: false });
export type UploadQuery = Static<typeof UploadQuery>;

export const UploadReply = Type.Object({ id: Id, installed: Type.Array(Type.String()), kept: Type.Array(Type.String()) });

export const PlayerReply = Type.Object({
  content: H5pContent,
  paths: Type.Object({ h5pJsonPath: Type.String(), contentJsonPath: Type.String(), librariesPath: Type.String() }),
  state: Nullable(Type.String()),
  result: Nullable(H5pResult),
  user: Type.Object({ name: Type.String() }),
});
export type PlayerReply = Static<typeof PlayerReply>;

export const XapiBody = Type.Object({ statement: Type.Record(Type.String(), Type.Unknown()) }, { additionalProperties: false });
export type XapiBody = Static<typeof XapiBody>;
export const XapiReply = Type.Object({
  recorded: Type.Literal(true),
  verb: Type.String(),
  result: Nullable(H5pResult),
  gradebook: Type.Array(Type.Object({ activityId: Id, score: Type.Number(), ok: Type.Boolean(), error: Type.Optional(Type.String()) })),
});
export type XapiReply = Static<typeof XapiReply>;

export const StateBody = Type.Object({ data: Nullable(Type.String({ maxLength: 256 * 1024 })) }, { additionalProperties: false });
export type StateBody = Static<typeof StateBody>;
export const StateReply = Type.Object({ data: Nullable(Type.String()), updatedAt: Nullable(Type.String()) });

export const GradeColumn = Type.Union([
  Type.Object({ kind: Type.Literal('regular'), slot: Type.Integer({ minimum: 1, maximum: 10 }) }, { additionalProperties: false }),
  Type.Object({ kind: Type.Literal('midterm') }, { additionalProperties: false }),
  Type.Object({ kind: Type.Literal('endterm') }, { additionalProperties: false }),
]);
export const GradebookTarget = Type.Object({ semesterId: Id, column: GradeColumn }, { additionalProperties: false });

export const ActivityBody = Type.Object({
  contentId: Id,
  classId: Id,
  subjectId: Id,
  curriculumLessonId: Type.Optional(Nullable(Id)),
  dueOn: Type.Optional(Nullable(IsoDate)),
  gradebook: Type.Optional(Nullable(GradebookTarget)),
  scorePolicy: Type.Optional(Type.Union([Type.Literal('best'), Type.Literal('last')])),
}, { additionalProperties: false });
export type ActivityBody = Static<typeof ActivityBody>;

export const H5pActivity = Type.Object({
  id: Id,
  contentId: Id,
  contentTitle: Type.String(),
  classId: Id,
  className: Type.String(),
  subjectId: Id,
  subjectName: Type.String(),
  curriculumLessonId: Nullable(Id),
  dueOn: Nullable(Type.String()),
  gradebook: Nullable(GradebookTarget),
  scorePolicy: Type.Union([Type.Literal('best'), Type.Literal('last')]),
  createdById: Id,
  createdAt: Type.String(),
  removedAt: Nullable(Type.String()),
  myResult: Nullable(H5pResult),
});
export type H5pActivity = Static<typeof H5pActivity>;

export const ActivityQuery = Type.Object({ contentId: Type.Optional(Id) }, { additionalProperties: false });

export const ContentResults = Type.Array(Type.Object({ studentId: Id, fullName: Type.String(), className: Type.String(), result: Nullable(H5pResult) }));
export type ContentResults = Static<typeof ContentResults>;

export const H5pLibrary = Type.Object({
  id: Id, machineName: Type.String(), majorVersion: Type.Integer(), minorVersion: Type.Integer(), patchVersion: Type.Integer(),
  title: Type.String(), runnable: Type.Boolean(), installedAt: Type.String(), updatedAt: Type.String(),
});
export type H5pLibrary = Static<typeof H5pLibrary>;

export const EditorStatus = Type.Object({
  available: Type.Boolean(), core: Type.Boolean(), editor: Type.Boolean(), coreApi: Nullable(Type.String()), missing: Type.Array(Type.String()),
});
export type EditorStatus = Static<typeof EditorStatus>;

export const FileParams = Type.Object({ id: Id, '*': Type.String() });
export const LibraryFileParams = Type.Object({ folder: Type.String({ pattern: '^[A-Za-z][\\w.-]*-\\d+\\.\\d+$' }), '*': Type.String() });

// ── Editor (Art. 9.3: authoring on the box when the H5P core and editor files are installed) ──
export const AjaxQuery = Type.Object({
  action: Type.String({ maxLength: 40 }),
  machineName: Type.Optional(Type.String({ maxLength: 255 })),
  majorVersion: Type.Optional(Type.String({ maxLength: 5 })),
  minorVersion: Type.Optional(Type.String({ maxLength: 5 })),
  language: Type.Optional(Type.String({ maxLength: 10 })),
  id: Type.Optional(Type.String({ maxLength: 255 })),
});
export type AjaxQuery = Static<typeof AjaxQuery>;

export const EditorModelQuery = Type.Object({ contentId: Type.Optional(Id), language: Type.Optional(Type.String({ pattern: '^[a-z]{2,3}(-[A-Za-z]+)?$' })) }, { additionalProperties: false });
export type EditorModelQuery = Static<typeof EditorModelQuery>;

export const EditorModel = Type.Object({
  contentId: Nullable(Id),
  integration: Type.Unknown(),
  scripts: Type.Array(Type.String()),
  styles: Type.Array(Type.String()),
  content: Nullable(Type.Object({ library: Type.String(), params: Type.Unknown(), metadata: Type.Record(Type.String(), Type.Unknown()) })),
});

export const EditorSaveBody = Type.Object({
  library: Type.String({ minLength: 1, maxLength: 255 }),
  params: Type.Unknown(),
  metadata: Type.Object({ title: Type.String({ minLength: 1, maxLength: 255 }) }, { additionalProperties: true }),
  subjectId: Type.Optional(Nullable(Id)),
  curriculumLessonId: Type.Optional(Nullable(Id)),
}, { additionalProperties: false });
export type EditorSaveBody = Static<typeof EditorSaveBody>;
export const EditorSaveReply = Type.Object({ id: Id, libraries: Type.Array(Type.String()) });
