import { Type, type Static } from '@sinclair/typebox';
import { Id, Nullable } from './common.schema.js';

/**
 * The gradebook's API (Circular 22/2021 Art. 6–9, Circular 27/2020 Art. 7; Circular 09/2021 Art. 9.2).
 * Scores travel as numbers with one decimal (6.5); marks as codes: D/CD (Đạt/Chưa đạt), HTT/HT/CHT
 * (Hoàn thành tốt/Hoàn thành/Chưa hoàn thành). Levels: T/K/D/CD (Tốt/Khá/Đạt/Chưa đạt).
 */

export const ColumnKind = Type.Union([Type.Literal('regular'), Type.Literal('midterm'), Type.Literal('endterm'), Type.Literal('midterm_level'), Type.Literal('endterm_level')]);
export const ValueType = Type.Union([Type.Literal('score'), Type.Literal('pass'), Type.Literal('level'), Type.Literal('test')]);
export const SourceKind = Type.Union([Type.Literal('manual'), Type.Literal('quiz'), Type.Literal('task'), Type.Literal('h5p')]);
export const MarkCode = Type.Union([Type.Literal('D'), Type.Literal('CD'), Type.Literal('HTT'), Type.Literal('HT'), Type.Literal('CHT')]);
export const LevelCode = Type.Union([Type.Literal('T'), Type.Literal('K'), Type.Literal('D'), Type.Literal('CD')]);

export const ColumnRef = Type.Object({ kind: ColumnKind, slot: Type.Integer({ minimum: 0, maximum: 20 }) }, { additionalProperties: false });
export type ColumnRef = Static<typeof ColumnRef>;

export const GridColumn = Type.Object({ id: Type.String(), kind: ColumnKind, slot: Type.Integer(), label: Type.String(), value: ValueType });
export type GridColumn = Static<typeof GridColumn>;

export const Cell = Type.Object({
  score: Nullable(Type.Number()),
  mark: Nullable(MarkCode),
  text: Type.String(),
  source: SourceKind,
  sourceId: Nullable(Type.Integer()),
  recordedAt: Type.String(),
});
export type Cell = Static<typeof Cell>;

export const PendingResult = Type.Object({ column: Type.String(), source: SourceKind, sourceId: Type.Integer(), score: Type.Number(), recordedAt: Type.String() });
export type PendingResult = Static<typeof PendingResult>;

export const Missing = Type.Array(Type.String());
/** A subject's result for a semester or the year: an average (score subjects), a mark (comment subjects, primary levels) or what is missing. */
export const SubjectResult = Type.Object({
  average: Nullable(Type.Number()),
  mark: Nullable(MarkCode),
  missing: Missing,
});
export type SubjectResult = Static<typeof SubjectResult>;

export const GridStudent = Type.Object({
  id: Id,
  personalId: Nullable(Type.String()),
  fullName: Type.String(),
  cells: Type.Record(Type.String(), Cell),
  pending: Type.Array(PendingResult),
  semester: SubjectResult,
  /** Semester II only: semester I's result and the year's (ĐTBmcn). */
  firstSemester: Type.Optional(SubjectResult),
  year: Type.Optional(SubjectResult),
  comment: Type.String(),
});
export type GridStudent = Static<typeof GridStudent>;

export const SemesterState = Type.Object({
  id: Id, number: Type.Integer(), schoolYearId: Id, schoolYearName: Type.String(), startsOn: Type.String(), endsOn: Type.String(),
  locked: Type.Boolean(), lockedAt: Nullable(Type.String()), reopenedAt: Nullable(Type.String()), reopenReason: Nullable(Type.String()),
});
export type SemesterState = Static<typeof SemesterState>;

export const Grid = Type.Object({
  school: Type.Object({ name: Type.String(), level: Type.String() }),
  class: Type.Object({ id: Id, name: Type.String(), grade: Type.Integer() }),
  subject: Type.Object({ id: Id, code: Type.String(), name: Type.String(), assessment: Type.String(), periodsPerYear: Type.Integer() }),
  semester: SemesterState,
  teacherName: Nullable(Type.String()),
  columns: Type.Array(GridColumn),
  canEdit: Type.Boolean(),
  students: Type.Array(GridStudent),
});
export type Grid = Static<typeof Grid>;

export const GridQuery = Type.Object({ classId: Id, subjectId: Id, semesterId: Id }, { additionalProperties: false });
export type GridQuery = Static<typeof GridQuery>;

/** A value typed by the teacher: "6,5", "7", "Đ", "CĐ", "HTT"; null or "" clears the cell. */
export const EntryValue = Nullable(Type.String({ maxLength: 20 }));
export const Entry = Type.Object({ studentId: Id, column: ColumnRef, value: EntryValue }, { additionalProperties: false });
export type Entry = Static<typeof Entry>;

export const EntriesBody = Type.Object({
  classId: Id, subjectId: Id, semesterId: Id,
  entries: Type.Array(Entry, { minItems: 1, maxItems: 2000 }),
}, { additionalProperties: false });
export type EntriesBody = Static<typeof EntriesBody>;

export const CellBody = Type.Object({ classId: Id, subjectId: Id, semesterId: Id, studentId: Id, column: ColumnRef, value: EntryValue }, { additionalProperties: false });
export type CellBody = Static<typeof CellBody>;

export const EntriesReply = Type.Object({ changed: Type.Integer(), students: Type.Array(GridStudent) });
export type EntriesReply = Static<typeof EntriesReply>;

export const AdoptBody = Type.Object({
  classId: Id, subjectId: Id, semesterId: Id, studentId: Id, column: ColumnRef,
  source: Type.Union([Type.Literal('quiz'), Type.Literal('task'), Type.Literal('h5p')]), sourceId: Id,
}, { additionalProperties: false });
export type AdoptBody = Static<typeof AdoptBody>;

export const CommentBody = Type.Object({ classId: Id, subjectId: Id, semesterId: Id, studentId: Id, text: Type.String({ maxLength: 2000 }) }, { additionalProperties: false });
export type CommentBody = Static<typeof CommentBody>;

export const HistoryQuery = Type.Object({ classId: Id, subjectId: Id, semesterId: Id, studentId: Type.Optional(Id) }, { additionalProperties: false });
export type HistoryQuery = Static<typeof HistoryQuery>;
export const HistoryItem = Type.Object({
  id: Id, studentId: Id, column: Type.String(), oldValue: Nullable(Type.String()), newValue: Nullable(Type.String()),
  source: SourceKind, sourceId: Nullable(Type.Integer()), changedByName: Nullable(Type.String()), changedAt: Type.String(),
});
export type HistoryItem = Static<typeof HistoryItem>;

export const ReopenBody = Type.Object({ reason: Type.String({ minLength: 1, maxLength: 2000 }) }, { additionalProperties: false });
export type ReopenBody = Static<typeof ReopenBody>;

export const Options = Type.Object({
  semesters: Type.Array(SemesterState),
  classes: Type.Array(Type.Object({
    id: Id, name: Type.String(), grade: Type.Integer(), homeroom: Type.Boolean(),
    subjects: Type.Array(Type.Object({ id: Id, code: Type.String(), name: Type.String(), assessment: Type.String(), canEdit: Type.Boolean() })),
  })),
  canLock: Type.Boolean(),
});
export type Options = Static<typeof Options>;

export const SummaryQuery = Type.Object({ classId: Id, semesterId: Id, period: Type.Union([Type.Literal('semester'), Type.Literal('year')], { default: 'semester' }) }, { additionalProperties: false });
export type SummaryQuery = Static<typeof SummaryQuery>;

export const LevelResult = Type.Object({
  level: Nullable(LevelCode),
  /** Art. 9.3: raised one level because one subject alone lowered it by two or more. */
  adjusted: Type.Boolean(),
  missingSubjects: Type.Array(Type.String()),
});
export type LevelResult = Static<typeof LevelResult>;

export const ClassSummary = Type.Object({
  class: Type.Object({ id: Id, name: Type.String(), grade: Type.Integer() }),
  semester: SemesterState,
  period: Type.Union([Type.Literal('semester'), Type.Literal('year')]),
  subjects: Type.Array(Type.Object({ id: Id, code: Type.String(), name: Type.String(), assessment: Type.String() })),
  students: Type.Array(Type.Object({
    id: Id, personalId: Nullable(Type.String()), fullName: Type.String(),
    results: Type.Record(Type.String(), SubjectResult),
    level: LevelResult,
  })),
  counts: Type.Record(Type.String(), Type.Integer()),
});
export type ClassSummary = Static<typeof ClassSummary>;

export const StudentResults = Type.Object({
  student: Type.Object({ id: Id, fullName: Type.String(), personalId: Nullable(Type.String()) }),
  class: Nullable(Type.Object({ id: Id, name: Type.String(), grade: Type.Integer() })),
  schoolYearName: Nullable(Type.String()),
  semesters: Type.Array(SemesterState),
  subjects: Type.Array(Type.Object({
    id: Id, code: Type.String(), name: Type.String(), assessment: Type.String(),
    columns: Type.Array(GridColumn),
    /** Per semester id: the cells, the result and the teacher's comment. */
    bySemester: Type.Record(Type.String(), Type.Object({ cells: Type.Record(Type.String(), Cell), result: SubjectResult, comment: Type.String() })),
    year: SubjectResult,
  })),
  levels: Type.Record(Type.String(), LevelResult),
  yearLevel: LevelResult,
});
export type StudentResults = Static<typeof StudentResults>;

export const ResultsQuery = Type.Object({ schoolYearId: Type.Optional(Id) }, { additionalProperties: false });
export type ResultsQuery = Static<typeof ResultsQuery>;

export const MyStudents = Type.Array(Type.Object({ id: Id, fullName: Type.String(), className: Nullable(Type.String()) }));
export type MyStudents = Static<typeof MyStudents>;

/** The columns a quiz, task or H5P activity may target for a class × subject (pickers of those modules). */
export const ColumnsQuery = Type.Object({ classId: Id, subjectId: Id }, { additionalProperties: false });
export type ColumnsQuery = Static<typeof ColumnsQuery>;
export const TargetColumns = Type.Object({
  semesters: Type.Array(SemesterState),
  /** Every column; `feedable` marks those a numeric score may be sent to (not Đạt/Chưa đạt, not levels). */
  columns: Type.Array(Type.Object({ id: Type.String(), kind: ColumnKind, slot: Type.Integer(), label: Type.String(), value: ValueType, feedable: Type.Boolean() })),
});
export type TargetColumns = Static<typeof TargetColumns>;
