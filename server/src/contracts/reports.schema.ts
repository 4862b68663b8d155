import { Type, type Static } from '@sinclair/typebox';
import { Id, IsoDate, Nullable } from './common.schema.js';

/**
 * Reports (Art. 9.2.c: the school manages learning progress and results and teachers' teaching
 * activity; Art. 15.6: the twice-yearly evaluation report to the district office and the provincial
 * department). Percentages are numbers with one decimal (96.4 means 96,4 %), null when there is
 * nothing to divide by.
 */
const N = Type.Integer({ minimum: 0 });
const Pct = Nullable(Type.Number());
const Mode = Type.Union([Type.Literal('supporting'), Type.Literal('replacing')]);

// ---------------------------------------------------------------------------------------------
// Figures of the semester report, computed from the system's own data

export const LessonFigures = Type.Object({
  /** Live lessons whose slot starts in the semester, by what became of them. */
  scheduled: N, held: N, cancelled: N, notHeld: N,
  /** Minutes from started to ended, summed over held lessons. */
  minutesHeld: N,
  byMode: Type.Object({ supporting: Type.Object({ held: N, minutes: N }), replacing: Type.Object({ held: N, minutes: N }) }),
  byMonth: Type.Array(Type.Object({ month: Type.String(), supporting: N, replacing: N })),
  byGradeSubject: Type.Array(Type.Object({ grade: Type.Integer(), subjectId: Id, subjectName: Type.String(), supporting: N, replacing: N })),
});

export const AttendanceFigures = Type.Object({
  /** Held lessons counted; expected = enrolled students summed over them; present = those who joined. */
  lessons: N, expected: N, present: N, rate: Pct,
  byClass: Type.Array(Type.Object({ classId: Id, className: Type.String(), grade: Type.Integer(), lessons: N, expected: N, present: N, rate: Pct })),
  byLesson: Type.Array(Type.Object({
    lessonId: Id, date: IsoDate, classId: Id, className: Type.String(), subjectName: Type.String(), teacherName: Type.String(), mode: Mode,
    expected: N, present: N, rate: Pct,
  })),
});

export const MaterialFigures = Type.Object({
  /** Review steps taken in the semester (material_reviews). */
  submitted: N, approved: N, returned: N,
  /** Materials with a published version at the end of the semester. */
  publishedAtEnd: N,
  approvedBySubject: Type.Array(Type.Object({ subjectId: Id, subjectName: Type.String(), grade: Type.Integer(), approved: N })),
  /** Progress records active in the semester: distinct materials and students, completions, active minutes. */
  used: Type.Object({ materials: N, students: N, completed: N, activeMinutes: N }),
});

export const AssessmentFigures = Type.Object({
  quizzes: Type.Object({ held: N, regular: N, midterm: N, endterm: N, attempts: N, students: N, averagePct: Pct }),
  tasks: Type.Object({ given: N, expected: N, submitted: N, graded: N, submissionRate: Pct }),
  gradebook: Type.Object({
    expected: N, filled: N, completeness: Pct,
    byClassSubject: Type.Array(Type.Object({
      classId: Id, className: Type.String(), subjectId: Id, subjectName: Type.String(), teacherName: Nullable(Type.String()),
      students: N, expected: N, filled: N, completeness: Pct,
    })),
  }),
});

export const DeviceFigures = Type.Object({
  /** Hours the box recorded its health in the semester, and those without an open alert. */
  monitoredHours: N, healthyHours: N, healthyPct: Pct,
  devices: Type.Array(Type.Object({ deviceId: Id, name: Type.String(), kind: Type.String(), hours: N, availabilityPct: Pct })),
  alerts: Type.Object({ total: N, critical: N, warning: N, byRule: Type.Array(Type.Object({ rule: Type.String(), count: N })) }),
});

/** Plan against what happened, from the teaching plans module when it is installed. */
export const PlanFigures = Type.Object({
  rows: Type.Array(Type.Object({ label: Type.String(), planned: N, actual: N, rate: Pct })),
});

export const SemesterFigures = Type.Object({
  semester: Type.Object({ id: Id, number: Type.Integer(), schoolYearName: Type.String(), startsOn: IsoDate, endsOn: IsoDate }),
  computedAt: Type.String(),
  lessons: LessonFigures,
  attendance: AttendanceFigures,
  materials: MaterialFigures,
  assessments: AssessmentFigures,
  devices: DeviceFigures,
  planVersusActual: Nullable(PlanFigures),
});
export type SemesterFigures = Static<typeof SemesterFigures>;

// ---------------------------------------------------------------------------------------------
// The semester report (Art. 15.6)

export const ReportStatus = Type.Union([Type.Literal('draft'), Type.Literal('finalized')]);

export const SemesterReport = Type.Object({
  id: Id,
  semesterId: Id,
  status: ReportStatus,
  addressee: Type.String(),
  difficulties: Type.String(),
  causes: Type.String(),
  proposals: Type.String(),
  figures: SemesterFigures,
  figuresComputedAt: Type.String(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  updatedByName: Nullable(Type.String()),
  finalizedAt: Nullable(Type.String()),
  finalizedByName: Nullable(Type.String()),
  archiveSeq: Nullable(Type.Integer()),
  files: Nullable(Type.Object({ pdfSha256: Type.String(), xlsxSha256: Type.String() })),
});
export type SemesterReport = Static<typeof SemesterReport>;

export const SemesterOption = Type.Object({
  id: Id, number: Type.Integer(), schoolYearId: Id, schoolYearName: Type.String(), startsOn: IsoDate, endsOn: IsoDate,
  reportId: Nullable(Id), reportStatus: Nullable(ReportStatus),
});
export type SemesterOption = Static<typeof SemesterOption>;

export const SemesterReportList = Type.Array(SemesterOption);

export const CreateReportBody = Type.Object({ semesterId: Id }, { additionalProperties: false });
export type CreateReportBody = Static<typeof CreateReportBody>;

const Text = Type.String({ maxLength: 20000 });
export const ReportTextBody = Type.Object({
  addressee: Type.Optional(Type.String({ minLength: 1, maxLength: 1000 })),
  difficulties: Type.Optional(Text),
  causes: Type.Optional(Text),
  proposals: Type.Optional(Text),
}, { additionalProperties: false });
export type ReportTextBody = Static<typeof ReportTextBody>;

export const FileParams = Type.Object({ id: Id, format: Type.Union([Type.Literal('pdf'), Type.Literal('xlsx')]) });
export type FileParams = Static<typeof FileParams>;

// ---------------------------------------------------------------------------------------------
// Other reports (Art. 9.2.c): teaching activity, student progress, attendance

export const ReportFormat = Type.Union([Type.Literal('json'), Type.Literal('pdf'), Type.Literal('xlsx')]);

export const RangeQuery = Type.Object({
  from: IsoDate,
  to: IsoDate,
  format: Type.Optional(ReportFormat),
}, { additionalProperties: false });

export const TeachingQuery = Type.Object({
  from: IsoDate,
  to: IsoDate,
  /** A manager may choose one teacher; a teacher always gets their own activity. */
  teacherId: Type.Optional(Id),
  format: Type.Optional(ReportFormat),
}, { additionalProperties: false });
export type TeachingQuery = Static<typeof TeachingQuery>;

export const TeachingRow = Type.Object({
  teacherId: Id, fullName: Type.String(), personalId: Nullable(Type.String()),
  lessonsHeld: N, lessonMinutes: N, materialsAuthored: N, materialsApproved: N,
  tasksGiven: N, quizzesGiven: N, gradingDone: N, answers: N,
});
export const TeachingReport = Type.Object({ from: IsoDate, to: IsoDate, rows: Type.Array(TeachingRow) });
export type TeachingReport = Static<typeof TeachingReport>;

export const ClassRangeQuery = Type.Object({
  classId: Id,
  from: IsoDate,
  to: IsoDate,
  format: Type.Optional(ReportFormat),
}, { additionalProperties: false });
export type ClassRangeQuery = Static<typeof ClassRangeQuery>;

export const StudentProgressRow = Type.Object({
  studentId: Id, fullName: Type.String(), personalId: Nullable(Type.String()),
  lessons: N, present: N, attendanceRate: Pct,
  tasks: N, tasksSubmitted: N, taskRate: Pct,
  quizzes: N, quizzesDone: N, quizAveragePct: Pct,
  /** Mean of the student's gradebook scores (score subjects) recorded in the range's semesters. */
  gradebookAverage: Nullable(Type.Number()), gradebookScores: N,
  materialsOpened: N, materialsCompleted: N,
});
export const StudentProgressReport = Type.Object({
  from: IsoDate, to: IsoDate, class: Type.Object({ id: Id, name: Type.String(), grade: Type.Integer() }),
  rows: Type.Array(StudentProgressRow),
});
export type StudentProgressReport = Static<typeof StudentProgressReport>;

export const AttendanceQuery = Type.Object({
  classId: Type.Optional(Id),
  from: IsoDate,
  to: IsoDate,
  format: Type.Optional(ReportFormat),
}, { additionalProperties: false });
export type AttendanceQuery = Static<typeof AttendanceQuery>;

export const AttendanceReport = Type.Object({
  from: IsoDate, to: IsoDate,
  byClass: AttendanceFigures.properties.byClass,
  byLesson: AttendanceFigures.properties.byLesson,
});
export type AttendanceReport = Static<typeof AttendanceReport>;

/** What the viewer may ask for: classes and teachers in their scope. */
export const ReportScope = Type.Object({
  manager: Type.Boolean(),
  canFinalize: Type.Boolean(),
  classes: Type.Array(Type.Object({ id: Id, name: Type.String(), grade: Type.Integer() })),
  teachers: Type.Array(Type.Object({ id: Id, fullName: Type.String() })),
  schoolYear: Nullable(Type.Object({ id: Id, name: Type.String(), startsOn: IsoDate, endsOn: IsoDate })),
});
export type ReportScope = Static<typeof ReportScope>;
