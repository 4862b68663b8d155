import { Type, type Static } from '@sinclair/typebox';
import { Id, Nullable } from './common.schema.js';
import { MESSAGE_MAX_CHARS, SUBJECT_MAX_CHARS } from './parents-limits.js';

/** Parents (Art. 15.1.e, 16.2) and the consent to process children's data (Law 91/2025/QH15). */

export const StudentIdParams = Type.Object({ studentId: Type.Integer({ minimum: 1 }) });
export type StudentIdParams = Static<typeof StudentIdParams>;

export const Child = Type.Object({
  id: Id, fullName: Type.String(), personalId: Nullable(Type.String()), birthDate: Nullable(Type.String()), relation: Type.String(),
  classId: Nullable(Id), className: Nullable(Type.String()), grade: Nullable(Type.Integer()),
  homeroomTeacherId: Nullable(Id), homeroomTeacherName: Nullable(Type.String()),
});
export type Child = Static<typeof Child>;

export const AttendanceState = Type.Union(['present', 'late', 'absent', 'not_held', 'cancelled', 'live'].map((s) => Type.Literal(s)));
export type AttendanceState = Static<typeof AttendanceState>;

export const ChildLesson = Type.Object({
  id: Id, subjectName: Type.String(), teacherName: Type.String(), topic: Type.String(),
  startsAt: Type.String(), endsAt: Type.String(), mode: Type.String(), status: Type.String(),
  /** Past lessons: the child's attendance; upcoming: null. */
  attendance: Nullable(AttendanceState),
  minutes: Nullable(Type.Integer()),
});
export type ChildLesson = Static<typeof ChildLesson>;

export const ChildOverview = Type.Object({
  child: Child,
  upcoming: Type.Array(ChildLesson),
  /** Newest first. */
  past: Type.Array(ChildLesson),
  attendance: Type.Object({
    held: Type.Integer(), present: Type.Integer(), late: Type.Integer(), absent: Type.Integer(),
    /** Share of held lessons attended (present or late), 0–1; null before any lesson was held. */
    rate: Nullable(Type.Number()),
  }),
  comments: Type.Array(Type.Object({
    subjectName: Type.String(), semesterNumber: Type.Integer(), schoolYearName: Type.String(), text: Type.String(), updatedAt: Type.String(), teacherName: Nullable(Type.String()),
  })),
  taskFeedback: Type.Array(Type.Object({
    taskId: Id, taskTitle: Type.String(), subjectName: Type.String(), teacherName: Type.String(),
    score: Nullable(Type.Number()), maxScore: Type.Number(), comment: Nullable(Type.String()), releasedAt: Type.String(),
  })),
});
export type ChildOverview = Static<typeof ChildOverview>;

// Messages between a parent and the homeroom teacher

export { MESSAGE_MAX_CHARS, SUBJECT_MAX_CHARS };

export const Thread = Type.Object({
  id: Id, studentId: Id, studentName: Type.String(), parentId: Id, parentName: Type.String(),
  classId: Id, className: Type.String(), homeroomTeacherId: Nullable(Id), homeroomTeacherName: Nullable(Type.String()),
  subject: Type.String(), createdAt: Type.String(), lastMessageAt: Type.String(), messageCount: Type.Integer(),
  /** Messages from the other side the viewer has not read (0 for a supervising principal). */
  unread: Type.Integer(),
});
export type Thread = Static<typeof Thread>;

export const Message = Type.Object({ id: Id, authorId: Id, authorName: Type.String(), authorSide: Type.Union([Type.Literal('parent'), Type.Literal('teacher')]), body: Type.String(), at: Type.String() });
export type Message = Static<typeof Message>;

export const ThreadDetail = Type.Object({
  thread: Thread,
  messages: Type.Array(Message),
  /** The other side's read mark: up to when they have read. */
  otherReadAt: Nullable(Type.String()),
  mySide: Type.Union([Type.Literal('parent'), Type.Literal('teacher'), Type.Literal('supervisor')]),
});
export type ThreadDetail = Static<typeof ThreadDetail>;

export const NewThreadBody = Type.Object({
  studentId: Id,
  /** Optional: when given, it must be the homeroom teacher of the child's class. */
  teacherId: Type.Optional(Id),
  subject: Type.String({ minLength: 1, maxLength: SUBJECT_MAX_CHARS }),
  body: Type.String({ minLength: 1, maxLength: MESSAGE_MAX_CHARS * 2 }),
}, { additionalProperties: false });
export type NewThreadBody = Static<typeof NewThreadBody>;

export const MessageBody = Type.Object({ body: Type.String({ minLength: 1, maxLength: MESSAGE_MAX_CHARS * 2 }) }, { additionalProperties: false });
export type MessageBody = Static<typeof MessageBody>;

export const SuperviseQuery = Type.Object({ classId: Type.Optional(Id) }, { additionalProperties: false });
export type SuperviseQuery = Static<typeof SuperviseQuery>;

// Consent (Law 91/2025/QH15, Decree 356/2025/NĐ-CP)

export const ConsentPurpose = Type.Union(['teaching_assessment', 'lesson_recording', 'publish_media'].map((p) => Type.Literal(p)));
export const ChildAgreement = Type.Union(['agreed', 'refused', 'not_required'].map((p) => Type.Literal(p)));

export const ConsentText = Type.Object({ purpose: ConsentPurpose, version: Type.String(), title: Type.String(), text: Type.String(), asksChild: Type.Boolean() });

export const ConsentRecord = Type.Object({
  id: Id, purpose: ConsentPurpose, decision: Type.Union([Type.Literal('given'), Type.Literal('withdrawn')]), textVersion: Type.String(),
  parentId: Id, parentName: Type.String(), at: Type.String(), childAgreement: ChildAgreement, childAgeYears: Nullable(Type.Integer()),
});

export const ConsentStatus = Type.Object({
  purpose: ConsentPurpose,
  state: Type.Union(['unanswered', 'given', 'withdrawn', 'child_refused'].map((s) => Type.Literal(s))),
  effective: Type.Boolean(), outdated: Type.Boolean(), last: Nullable(ConsentRecord),
});

export const ChildConsents = Type.Object({
  studentId: Id, studentName: Type.String(), childAgeYears: Nullable(Type.Integer()),
  /** Whether the child's own agreement is asked (7 or above, or age unknown). */
  asksChild: Type.Boolean(),
  texts: Type.Array(ConsentText),
  statuses: Type.Array(ConsentStatus),
  /** Every decision, oldest first: withdrawals are kept, never deleted. */
  history: Type.Array(ConsentRecord),
});
export type ChildConsents = Static<typeof ChildConsents>;

export const ConsentBody = Type.Object({
  purpose: ConsentPurpose,
  decision: Type.Union([Type.Literal('given'), Type.Literal('withdrawn')]),
  /** The version of the text the parent read. */
  textVersion: Type.String({ minLength: 1, maxLength: 20 }),
  childAgreement: Type.Optional(Type.Union([Type.Literal('agreed'), Type.Literal('refused')])),
}, { additionalProperties: false });
export type ConsentBody = Static<typeof ConsentBody>;

export const ClassConsents = Type.Object({
  classId: Id, className: Type.String(),
  texts: Type.Array(ConsentText),
  students: Type.Array(Type.Object({ id: Id, fullName: Type.String(), personalId: Nullable(Type.String()), parentCount: Type.Integer(), statuses: Type.Array(ConsentStatus) })),
  /** Per purpose: how many students have no answer yet. */
  unanswered: Type.Record(Type.String(), Type.Integer()),
});
export type ClassConsents = Static<typeof ClassConsents>;
