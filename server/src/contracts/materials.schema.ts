import { Type, type Static } from '@sinclair/typebox';
import { Id, Nullable } from './common.schema.js';

/** The five kinds of Art. 7.1. */
export const MaterialKind = Type.Union([
  Type.Literal('lecture'), // bài giảng đa phương tiện
  Type.Literal('practice_guide'), // hướng dẫn thí nghiệm/thực hành
  Type.Literal('simulation'), // phần mềm mô phỏng
  Type.Literal('exercise_bank'), // ngân hàng câu hỏi, bài tập
  Type.Literal('reference'), // tài liệu tham khảo
]);
export type MaterialKind = Static<typeof MaterialKind>;

export const VersionStatus = Type.Union(['draft', 'submitted', 'passed', 'published', 'returned', 'superseded'].map((s) => Type.Literal(s)));
export const ContentType = Type.Union([Type.Literal('file'), Type.Literal('page')]);
export const FileCategory = Type.Union(['video', 'audio', 'pdf', 'image', 'office'].map((s) => Type.Literal(s)));
export const ReviewAction = Type.Union(['create', 'submit', 'pass', 'approve', 'return'].map((s) => Type.Literal(s)));

const Meta = {
  curriculumLessonId: Type.Optional(Nullable(Id)),
  title: Type.String({ minLength: 1, maxLength: 300 }),
  description: Type.String({ maxLength: 5000, default: '' }),
  /** Tác giả. */
  author: Type.String({ minLength: 1, maxLength: 200 }),
  /** Nguồn. */
  source: Type.String({ maxLength: 500, default: '' }),
  /** Giấy phép: CC BY 4.0, CC BY-SA 4.0, bản quyền nhà trường, or other text. */
  licence: Type.String({ minLength: 1, maxLength: 100 }),
};

export const MaterialCreateBody = Type.Object({
  subjectId: Id,
  grade: Type.Integer({ minimum: 1, maximum: 12 }),
  kind: MaterialKind,
  contentType: ContentType,
  ...Meta,
  pageHtml: Type.Optional(Nullable(Type.String({ maxLength: 500_000 }))),
}, { additionalProperties: false });
export type MaterialCreateBody = Static<typeof MaterialCreateBody>;

export const VersionUpdateBody = Type.Object({
  ...Meta,
  pageHtml: Type.Optional(Nullable(Type.String({ maxLength: 500_000 }))),
  /** The version's file among the material's uploaded files (file versions only). */
  fileId: Type.Optional(Nullable(Id)),
}, { additionalProperties: false });
export type VersionUpdateBody = Static<typeof VersionUpdateBody>;

export const ReviewBody = Type.Object({ comment: Type.Optional(Nullable(Type.String({ maxLength: 3000 }))) }, { additionalProperties: false });
export type ReviewBody = Static<typeof ReviewBody>;

export const MaterialParams = Type.Object({ id: Id });
export const VersionParams = Type.Object({ id: Id, versionId: Id });
export const FileParams = Type.Object({ id: Id, fileId: Id });
export const ReviewParams = Type.Object({ id: Id, versionId: Id, action: Type.Union([Type.Literal('submit'), Type.Literal('pass'), Type.Literal('approve'), Type.Literal('return')]) });

export const LibraryQuery = Type.Object({
  view: Type.Optional(Type.Union([Type.Literal('published'), Type.Literal('mine'), Type.Literal('all')])),
  subjectId: Type.Optional(Id),
  grade: Type.Optional(Type.Integer({ minimum: 1, maximum: 12 })),
  curriculumLessonId: Type.Optional(Id),
  kind: Type.Optional(MaterialKind),
  q: Type.Optional(Type.String({ maxLength: 100 })),
}, { additionalProperties: false });
export type LibraryQuery = Static<typeof LibraryQuery>;

export const FileQuery = Type.Object({ download: Type.Optional(Type.Boolean()) }, { additionalProperties: false });

export const MaterialFileReply = Type.Object({
  id: Id, materialId: Id, fileName: Type.String(), mime: Type.String(), category: FileCategory, size: Type.Integer(), createdAt: Type.String(),
  /** Where the browser fetches it (streamed, with HTTP range requests). */
  url: Type.String(),
});
export type MaterialFileReply = Static<typeof MaterialFileReply>;

export const MaterialSummary = Type.Object({
  id: Id, versionId: Id, versionNumber: Type.Integer(), status: VersionStatus,
  subjectId: Id, subjectName: Type.String(), grade: Type.Integer(), kind: MaterialKind,
  curriculumLessonId: Nullable(Id), curriculumLessonTitle: Nullable(Type.String()),
  title: Type.String(), description: Type.String(), author: Type.String(), licence: Type.String(),
  contentType: ContentType, fileCategory: Nullable(FileCategory),
  ownerId: Id, ownerName: Type.String(), updatedAt: Type.String(), publishedAt: Nullable(Type.String()),
});
export type MaterialSummary = Static<typeof MaterialSummary>;

export const MaterialVersion = Type.Object({
  id: Id, number: Type.Integer(), status: VersionStatus,
  curriculumLessonId: Nullable(Id), curriculumLessonTitle: Nullable(Type.String()),
  title: Type.String(), description: Type.String(), author: Type.String(), source: Type.String(), licence: Type.String(),
  contentType: ContentType, file: Nullable(MaterialFileReply), pageHtml: Nullable(Type.String()),
  createdAt: Type.String(), updatedAt: Type.String(), submittedAt: Nullable(Type.String()), publishedAt: Nullable(Type.String()),
});
export type MaterialVersion = Static<typeof MaterialVersion>;

export const ReviewStep = Type.Object({
  id: Id, versionId: Id, versionNumber: Type.Integer(), action: ReviewAction, fromStatus: Nullable(VersionStatus), toStatus: VersionStatus,
  actorId: Id, actorName: Type.String(), comment: Nullable(Type.String()), at: Type.String(),
});
export type ReviewStep = Static<typeof ReviewStep>;

export const MaterialDetail = Type.Object({
  id: Id, subjectId: Id, subjectName: Type.String(), grade: Type.Integer(), kind: MaterialKind,
  ownerId: Id, ownerName: Type.String(), publishedVersionId: Nullable(Id), publishedAt: Nullable(Type.String()),
  versions: Type.Array(MaterialVersion),
  history: Type.Array(ReviewStep),
  /** The material's uploaded files (its author only; others get an empty list). */
  files: Type.Array(MaterialFileReply),
  can: Type.Object({ edit: Type.Boolean(), newVersion: Type.Boolean(), submit: Type.Boolean(), pass: Type.Boolean(), approve: Type.Boolean(), return: Type.Boolean() }),
});
export type MaterialDetail = Static<typeof MaterialDetail>;

export const MaterialCreated = Type.Object({ id: Id, versionId: Id });
export const VersionCreated = Type.Object({ versionId: Id });
export const ReviewReply = Type.Object({ status: VersionStatus });

export const LibraryFilters = Type.Object({
  subjects: Type.Array(Type.Object({ id: Id, name: Type.String() })),
  grades: Type.Array(Type.Integer()),
  /** Size limits per file category, in bytes (for the upload form). */
  sizeLimits: Type.Record(Type.String(), Type.Integer()),
  acceptedExtensions: Type.Array(Type.String()),
});
export type LibraryFilters = Static<typeof LibraryFilters>;
