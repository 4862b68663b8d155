import { Type, type Static } from '@sinclair/typebox';
import { Id, Nullable } from './common.schema.js';

// Notices to students and parents (Art. 15.1.e)

export const NoticeKind = Type.Union([Type.Literal('online_mode'), Type.Literal('assessment_plan'), Type.Literal('general')]);
export const NoticeStatus = Type.Union([Type.Literal('draft'), Type.Literal('published')]);
export const NoticeTo = Type.Union([Type.Literal('students'), Type.Literal('parents'), Type.Literal('both')]);
const Grade = Type.Integer({ minimum: 1, maximum: 12 });

/**
 * The whole school, some grades (`grades`) or some classes (`classIds`). One flat object rather
 * than a union: the validator's removal of unknown properties would strip `classIds` while trying
 * the union's first member.
 */
export const NoticeAudience = Type.Object({
  scope: Type.Union([Type.Literal('school'), Type.Literal('grades'), Type.Literal('classes')]),
  grades: Type.Optional(Type.Array(Grade, { maxItems: 12 })),
  classIds: Type.Optional(Type.Array(Id, { maxItems: 500 })),
  to: NoticeTo,
}, { additionalProperties: false });
export type NoticeAudience = Static<typeof NoticeAudience>;

export const NoticeBody = Type.Object({
  kind: NoticeKind,
  title: Type.String({ minLength: 3, maxLength: 200 }),
  body: Type.String({ minLength: 3, maxLength: 8000 }),
  audience: NoticeAudience,
  /** The principal's decision the notice announces (Art. 5.4, 6.2). */
  decisionId: Type.Optional(Nullable(Id)),
  /** The published notice this one corrects and replaces. */
  supersedesId: Type.Optional(Nullable(Id)),
}, { additionalProperties: false });
export type NoticeBody = Static<typeof NoticeBody>;

export const NoticeDraft = Type.Object({
  kind: NoticeKind, title: Type.String(), body: Type.String(), audience: NoticeAudience, decisionId: Nullable(Id), supersedesId: Nullable(Id),
});

export const Notice = Type.Object({
  id: Id, schoolYearId: Id, kind: NoticeKind, title: Type.String(), body: Type.String(), audience: NoticeAudience,
  decisionId: Nullable(Id), supersedesId: Nullable(Id), supersededById: Nullable(Id),
  authorId: Id, authorName: Type.String(), status: NoticeStatus,
  createdAt: Type.String(), updatedAt: Type.String(), publishedAt: Nullable(Type.String()),
});
export type Notice = Static<typeof Notice>;

export const NoticeListItem = Type.Intersect([Notice, Type.Object({ recipientCount: Type.Integer(), readCount: Type.Integer() })]);
export type NoticeListItem = Static<typeof NoticeListItem>;

export const NoticeListQuery = Type.Object({
  status: Type.Optional(NoticeStatus),
  kind: Type.Optional(NoticeKind),
  decisionId: Type.Optional(Id),
}, { additionalProperties: false });
export type NoticeListQuery = Static<typeof NoticeListQuery>;

export const MyNotice = Type.Object({
  id: Id, kind: NoticeKind, title: Type.String(), body: Type.String(), authorName: Type.String(), publishedAt: Type.String(),
  readAt: Nullable(Type.String()), supersedesId: Nullable(Id), supersededById: Nullable(Id),
  children: Type.Array(Type.Object({ id: Id, fullName: Type.String(), className: Type.String() })),
});
export type MyNotice = Static<typeof MyNotice>;

export const ReadReply = Type.Object({ readAt: Type.String() });
export const PublishReply = Type.Object({ ok: Type.Literal(true), recipients: Type.Integer() });

const Count = Type.Object({ total: Type.Integer(), read: Type.Integer() });
export const NoticeReceipts = Type.Object({
  noticeId: Id, total: Type.Integer(), read: Type.Integer(),
  classes: Type.Array(Type.Object({ classId: Id, className: Type.String(), grade: Type.Integer(), students: Count, parents: Count })),
  unread: Type.Array(Type.Object({
    personId: Id, fullName: Type.String(), kind: Type.Union([Type.Literal('student'), Type.Literal('parent')]), classId: Id, className: Type.String(), studentName: Type.String(),
  })),
});
export type NoticeReceipts = Static<typeof NoticeReceipts>;

export const AudienceOptions = Type.Object({
  schoolYearId: Id, wholeSchool: Type.Boolean(),
  classes: Type.Array(Type.Object({ id: Id, name: Type.String(), grade: Type.Integer() })),
});
export type AudienceOptions = Static<typeof AudienceOptions>;
