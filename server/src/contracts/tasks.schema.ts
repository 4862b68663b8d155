import { Type, type Static } from '@sinclair/typebox';
import { Id, Nullable } from './common.schema.js';

/** Tasks and student work (Art. 5.2–5.3, 9.2.a–b, 15.1.h). Instants: ISO-8601 with an offset; replies in UTC. */
const Instant = Type.String({ format: 'date-time', pattern: '(Z|[+-]\\d{2}:\\d{2})$', description: 'ISO-8601 instant with offset' });
export const Audience = Type.Union([Type.Literal('class'), Type.Literal('group'), Type.Literal('student')]);
export const LatePolicy = Type.Union([Type.Literal('refuse'), Type.Literal('accept'), Type.Literal('until_close')]);
export const PenaltyKind = Type.Union([Type.Literal('none'), Type.Literal('points'), Type.Literal('percent')]);
export const ResubmissionPolicy = Type.Union([Type.Literal('none'), Type.Literal('until_graded'), Type.Literal('limited')]);
export const StudentStatus = Type.Union([Type.Literal('not_submitted'), Type.Literal('submitted'), Type.Literal('graded'), Type.Literal('returned')]);

export const Rubric = Type.Object({
  criteria: Type.Array(Type.Object({
    title: Type.String({ minLength: 1, maxLength: 200 }),
    levels: Type.Array(Type.Object({
      label: Type.String({ minLength: 1, maxLength: 100 }),
      points: Type.Number({ minimum: 0, maximum: 100 }),
      description: Type.String({ maxLength: 1000 }),
    }, { additionalProperties: false }), { minItems: 1, maxItems: 6 }),
  }, { additionalProperties: false }), { minItems: 1, maxItems: 12 }),
}, { additionalProperties: false });
export type Rubric = Static<typeof Rubric>;

export const GradeColumn = Type.Union([
  Type.Object({ kind: Type.Literal('regular'), slot: Type.Integer({ minimum: 1, maximum: 10 }) }, { additionalProperties: false }),
  Type.Object({ kind: Type.Literal('midterm') }, { additionalProperties: false }),
  Type.Object({ kind: Type.Literal('endterm') }, { additionalProperties: false }),
]);
export const GradebookTarget = Type.Object({ semesterId: Id, column: GradeColumn }, { additionalProperties: false });

export const TaskBody = Type.Object({
  classId: Id,
  subjectId: Id,
  curriculumLessonId: Type.Optional(Nullable(Id)),
  title: Type.String({ minLength: 1, maxLength: 300 }),
  /** Plain text or simple HTML (sanitized). */
  instructions: Type.String({ maxLength: 20000, default: '' }),
  audience: Audience,
  groupName: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
  studentIds: Type.Array(Id, { maxItems: 100, default: [] }),
  opensAt: Type.Optional(Instant),
  dueAt: Instant,
  acceptFiles: Type.Boolean({ default: true }),
  acceptText: Type.Boolean({ default: false }),
  h5pContentId: Type.Optional(Nullable(Id)),
  latePolicy: LatePolicy,
  closeAt: Type.Optional(Nullable(Instant)),
  latePenaltyKind: PenaltyKind,
  latePenaltyValue: Type.Number({ minimum: 0, maximum: 100, default: 0 }),
  resubmission: ResubmissionPolicy,
  maxSubmissions: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 20 }))),
  rubric: Type.Optional(Nullable(Rubric)),
  maxScore: Type.Number({ exclusiveMinimum: 0, maximum: 100, default: 10 }),
  gradebookTarget: Type.Optional(Nullable(GradebookTarget)),
}, { additionalProperties: false });
export type TaskBody = Static<typeof TaskBody>;

const File = Type.Object({ id: Id, fileName: Type.String(), mime: Type.String(), size: Type.Integer() });

const TaskFields = {
  id: Id, classId: Id, className: Type.String(), grade: Type.Integer(), schoolYearId: Id, subjectId: Id, subjectName: Type.String(),
  curriculumLessonId: Nullable(Id), curriculumLessonTitle: Nullable(Type.String()), teacherId: Id, teacherName: Type.String(),
  title: Type.String(), instructions: Type.String(), audience: Audience, groupName: Nullable(Type.String()),
  opensAt: Type.String(), dueAt: Type.String(), acceptFiles: Type.Boolean(), acceptText: Type.Boolean(), h5pContentId: Nullable(Id),
  latePolicy: LatePolicy, closeAt: Nullable(Type.String()), latePenaltyKind: PenaltyKind, latePenaltyValue: Type.Number(),
  resubmission: ResubmissionPolicy, maxSubmissions: Nullable(Type.Integer()), rubric: Nullable(Rubric), maxScore: Type.Number(),
  gradebookTarget: Nullable(GradebookTarget), createdAt: Type.String(), updatedAt: Type.String(),
};
export const Task = Type.Object(TaskFields);

export const TaskListItem = Type.Object({ ...TaskFields, assigned: Type.Integer(), submitted: Type.Integer(), late: Type.Integer(), graded: Type.Integer() });
export type TaskListItem = Static<typeof TaskListItem>;

export const TaskDetail = Type.Object({
  ...TaskFields,
  assignees: Type.Array(Type.Object({ id: Id, fullName: Type.String() })),
  attachments: Type.Array(File),
  myRelation: Type.Union([Type.Literal('manage'), Type.Literal('read'), Type.Literal('student'), Type.Literal('parent')]),
});
export type TaskDetail = Static<typeof TaskDetail>;

export const StudentTaskItem = Type.Object({
  ...TaskFields, studentId: Id, studentName: Type.String(), status: StudentStatus, overdue: Type.Boolean(), submissions: Type.Integer(),
  lastSubmittedAt: Nullable(Type.String()), late: Type.Boolean(), score: Nullable(Type.Number()),
});
export type StudentTaskItem = Static<typeof StudentTaskItem>;

export const Grade = Type.Object({
  taskId: Id, studentId: Id, status: Type.Union([Type.Literal('graded'), Type.Literal('returned')]), submissionId: Nullable(Id),
  rawScore: Nullable(Type.Number()), penalty: Type.Number(), score: Nullable(Type.Number()), comment: Nullable(Type.String()),
  rubricSelection: Nullable(Type.Array(Nullable(Type.Integer()))), gradedById: Nullable(Id), gradedAt: Type.String(), releasedAt: Nullable(Type.String()),
});
export type Grade = Static<typeof Grade>;
/** A grading's reply: the grade, and the gradebook's refusal code when it did not take the score (locked semester…). */
export const GradeReply = Type.Object({ ...Grade.properties, gradebookRefusal: Nullable(Type.String()) });
export type GradeReply = Static<typeof GradeReply>;

export const RosterRow = Type.Object({
  studentId: Id, fullName: Type.String(), personalId: Nullable(Type.String()), status: StudentStatus, submissions: Type.Integer(),
  lastSubmittedAt: Nullable(Type.String()), late: Type.Boolean(), grade: Nullable(Grade),
});
export type RosterRow = Static<typeof RosterRow>;

export const Submission = Type.Object({
  id: Id, taskId: Id, studentId: Id, version: Type.Integer(), submittedAt: Type.String(), late: Type.Boolean(), text: Nullable(Type.String()),
  h5pResult: Nullable(Type.Object({
    contentId: Id, completed: Type.Boolean(), at: Type.String(),
    score: Nullable(Type.Object({ raw: Type.Number(), max: Type.Number(), scaled: Type.Number() })),
  })),
  files: Type.Array(File),
});

export const StudentWork = Type.Object({
  studentId: Id, fullName: Type.String(), status: StudentStatus, overdue: Type.Boolean(), submissions: Type.Array(Submission),
  grade: Nullable(Grade), canSubmit: Type.Boolean(), refusal: Nullable(Type.String()),
});
export type StudentWork = Static<typeof StudentWork>;

export const SubmitReply = Type.Object({ id: Id, version: Type.Integer(), late: Type.Boolean() });

export const GradeBody = Type.Object({
  score: Type.Optional(Nullable(Type.Number({ minimum: 0, maximum: 100 }))),
  comment: Type.Optional(Nullable(Type.String({ maxLength: 5000 }))),
  rubricSelection: Type.Optional(Nullable(Type.Array(Nullable(Type.Integer({ minimum: 0, maximum: 5 })), { maxItems: 12 }))),
  release: Type.Boolean({ default: false }),
}, { additionalProperties: false });
export type GradeBody = Static<typeof GradeBody>;

export const ReturnBody = Type.Object({ comment: Type.String({ minLength: 1, maxLength: 5000 }) }, { additionalProperties: false });
export type ReturnBody = Static<typeof ReturnBody>;

export const TaskListQuery = Type.Object({ classId: Type.Optional(Id), subjectId: Type.Optional(Id) }, { additionalProperties: false });
export const MineQuery = Type.Object({ studentId: Type.Optional(Id) }, { additionalProperties: false });
export const AudienceQuery = Type.Object({ classId: Id, subjectId: Id }, { additionalProperties: false });
export const AudienceOptions = Type.Object({
  students: Type.Array(Type.Object({ id: Id, fullName: Type.String(), personalId: Nullable(Type.String()) })),
  groups: Type.Array(Type.Object({ name: Type.String(), studentIds: Type.Array(Id) })),
});
export type AudienceOptions = Static<typeof AudienceOptions>;

export const Teaching = Type.Object({
  assignments: Type.Array(Type.Object({
    classId: Id, className: Type.String(), grade: Type.Integer(), subjectId: Id, subjectName: Type.String(),
    assessment: Type.Union([Type.Literal('score'), Type.Literal('comment')]),
  })),
  semesters: Type.Array(Type.Object({ id: Id, number: Type.Integer(), startsOn: Type.String(), endsOn: Type.String() })),
});
export type Teaching = Static<typeof Teaching>;

export const TaskStudentParams = Type.Object({ id: Id, studentId: Id });
export const TaskFileParams = Type.Object({ id: Id, fileId: Id });
export const FileParams = Type.Object({ fileId: Id });
export const ReleaseReply = Type.Object({ released: Type.Integer() });
