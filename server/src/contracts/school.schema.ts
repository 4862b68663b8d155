import { Type, type Static } from '@sinclair/typebox';
import { Id, IsoDate, Nullable } from './common.schema.js';

export const SchoolLevel = Type.Union([Type.Literal('primary'), Type.Literal('lower_secondary'), Type.Literal('upper_secondary')]);

export const SchoolBody = Type.Object({
  name: Type.String({ minLength: 3, maxLength: 200 }),
  moetCode: Type.String({ minLength: 2, maxLength: 40, pattern: '^[A-Za-z0-9._-]+$' }),
  level: SchoolLevel,
  province: Type.String({ minLength: 2, maxLength: 100 }),
  districtOffice: Type.String({ minLength: 2, maxLength: 150 }),
  address: Type.Optional(Nullable(Type.String({ maxLength: 300 }))),
  phone: Type.Optional(Nullable(Type.String({ maxLength: 30, pattern: '^[0-9 +().-]*$' }))),
}, { additionalProperties: false });
export type SchoolBody = Static<typeof SchoolBody>;

export const School = Type.Object({ id: Id, ...SchoolBody.properties, address: Nullable(Type.String()), phone: Nullable(Type.String()) });

export const SemesterBody = Type.Object({
  number: Type.Union([Type.Literal(1), Type.Literal(2)]),
  startsOn: IsoDate,
  endsOn: IsoDate,
  weeks: Type.Integer({ minimum: 1, maximum: 30 }),
}, { additionalProperties: false });

export const SchoolYearBody = Type.Object({
  name: Type.String({ pattern: '^\\d{4}-\\d{4}$' }),
  startsOn: IsoDate,
  endsOn: IsoDate,
  isCurrent: Type.Boolean(),
  semesters: Type.Array(SemesterBody, { minItems: 2, maxItems: 2 }),
}, { additionalProperties: false });
export type SchoolYearBody = Static<typeof SchoolYearBody>;

export const SchoolYear = Type.Object({ id: Id, name: Type.String(), startsOn: IsoDate, endsOn: IsoDate, isCurrent: Type.Boolean(), semesters: Type.Array(Type.Object({ id: Id, ...SemesterBody.properties })) });

export const SubjectGroupBody = Type.Object({
  name: Type.String({ minLength: 2, maxLength: 150 }),
  leaderId: Nullable(Id),
  memberIds: Type.Array(Id, { maxItems: 200 }),
}, { additionalProperties: false });
export type SubjectGroupBody = Static<typeof SubjectGroupBody>;
export const SubjectGroup = Type.Object({ id: Id, name: Type.String(), leaderId: Nullable(Id), leaderName: Nullable(Type.String()), memberIds: Type.Array(Id) });

export const SubjectBody = Type.Object({
  code: Type.String({ minLength: 1, maxLength: 30, pattern: '^[A-Za-z0-9_-]+$' }),
  name: Type.String({ minLength: 2, maxLength: 150 }),
  subjectGroupId: Nullable(Id),
  assessment: Type.Union([Type.Literal('score'), Type.Literal('comment')]),
  periods: Type.Record(Type.String({ pattern: '^(1[0-2]|[1-9])$' }), Type.Integer({ minimum: 0, maximum: 400 })),
}, { additionalProperties: false });
export type SubjectBody = Static<typeof SubjectBody>;
export const Subject = Type.Object({ id: Id, ...SubjectBody.properties });

export const ClassBody = Type.Object({
  schoolYearId: Id,
  grade: Type.Integer({ minimum: 1, maximum: 12 }),
  name: Type.String({ minLength: 1, maxLength: 30, pattern: '^[0-9A-Za-z .-]+$' }),
  homeroomTeacherId: Nullable(Id),
}, { additionalProperties: false });
export type ClassBody = Static<typeof ClassBody>;
export const SchoolClass = Type.Object({
  id: Id, schoolYearId: Id, grade: Type.Integer(), name: Type.String(), homeroomTeacherId: Nullable(Id), homeroomTeacherName: Nullable(Type.String()),
  studentCount: Type.Integer(), sizeWarning: Nullable(Type.Object({ limit: Type.Integer(), count: Type.Integer() })),
});

export const AssignmentBody = Type.Object({ classId: Id, subjectId: Id, teacherId: Id }, { additionalProperties: false });
export type AssignmentBody = Static<typeof AssignmentBody>;
export const TeachingAssignment = Type.Object({ id: Id, classId: Id, className: Type.String(), subjectId: Id, subjectName: Type.String(), teacherId: Id, teacherName: Type.String() });
