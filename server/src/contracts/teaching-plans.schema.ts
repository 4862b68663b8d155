import { Type, type Static } from '@sinclair/typebox';
import { Id, IsoDate, Nullable } from './common.schema.js';

/**
 * Teaching plans (kế hoạch dạy học, Art. 8.1.c, 15.1.b): per class × subject (or educational
 * activity), for a semester or the school year, detailed by week; months and the year are
 * aggregations of the weeks. Week numbers count through the school year (semester II continues
 * semester I's numbering), from each semester's first Monday.
 */

/** Art. 2: in person, online supporting part of a lesson, online replacing the whole lesson. */
export const PlanMode = Type.Union([Type.Literal('in_person'), Type.Literal('supporting'), Type.Literal('replacing')]);
export type PlanMode = Static<typeof PlanMode>;
export const PlanStatus = Type.Union([
  Type.Literal('draft'), Type.Literal('submitted'), Type.Literal('passed'), Type.Literal('approved'), Type.Literal('returned'), Type.Literal('superseded'),
]);
export type PlanStatus = Static<typeof PlanStatus>;
export const ReviewAction = Type.Union([Type.Literal('submit'), Type.Literal('pass'), Type.Literal('approve'), Type.Literal('return')]);
export type ReviewAction = Static<typeof ReviewAction>;

// ---------------------------------------------------------------------------------------------
// Plan versus actual: the one method other modules call (dashboard, reports):
//   services.teachingPlans.planVersusActual({ classId?, subjectId?, semesterId }) → PlanVersusActualRow[]

export const PlanVersusActualQuery = Type.Object({
  semesterId: Id,
  classId: Type.Optional(Id),
  subjectId: Type.Optional(Id),
}, { additionalProperties: false });
export type PlanVersusActualQuery = Static<typeof PlanVersusActualQuery>;

/** One class × subject (from teaching_assignments of the semester's year) in a semester. */
export const PlanVersusActualRow = Type.Object({
  classId: Id,
  className: Type.String(),
  grade: Type.Integer(),
  subjectId: Id,
  subjectName: Type.String(),
  teacherId: Id,
  teacherName: Type.String(),
  /** The plan in force: the approved version of the semester's plan, else of the year's plan; null when none is approved. */
  planId: Nullable(Id),
  versionId: Nullable(Id),
  /** 'approved': a plan is in force; 'pending': only a draft or one under review; 'none': no plan. */
  planState: Type.Union([Type.Literal('approved'), Type.Literal('pending'), Type.Literal('none')]),
  /** The school-year week the figures are counted to (the current week, or the semester's last week once it is over; 0 before it starts). */
  toWeek: Type.Integer(),
  /** Distinct curriculum lessons the plan in force puts in the semester's weeks up to `toWeek`. */
  plannedToDate: Type.Integer(),
  /** Of those, how many were held (a live lesson started for the class × subject, or an in-person lesson marked taught). */
  heldToDate: Type.Integer(),
  /** Every distinct curriculum lesson held in the semester up to now, planned or not. */
  heldTotal: Type.Integer(),
  /** Online lessons held in the semester (live lessons started), whether linked to a curriculum lesson or not. */
  liveLessonsHeld: Type.Integer(),
  /** round(100 × heldToDate / plannedToDate); null when nothing is planned to date. */
  percent: Nullable(Type.Integer()),
  /** Weeks up to `toWeek` whose status is 'behind'. */
  weeksBehind: Type.Integer(),
});
export type PlanVersusActualRow = Static<typeof PlanVersusActualRow>;
export const PlanVersusActualReply = Type.Array(PlanVersusActualRow);
export type PlanVersusActualReply = Static<typeof PlanVersusActualReply>;

// ---------------------------------------------------------------------------------------------
// Plans, versions and weeks

export const PlanLessonRef = Type.Object({
  id: Id,
  position: Type.Integer(),
  title: Type.String(),
  chapter: Nullable(Type.String()),
  periods: Type.Integer(),
});
export type PlanLessonRef = Static<typeof PlanLessonRef>;

export const PlanWeek = Type.Object({
  week: Type.Integer({ minimum: 1 }),
  /** Monday and Sunday of the week, 'YYYY-MM-DD'. */
  startsOn: IsoDate,
  endsOn: IsoDate,
  semesterNumber: Type.Integer(),
  periods: Type.Integer({ minimum: 0 }),
  mode: PlanMode,
  lessons: Type.Array(PlanLessonRef),
  content: Type.String(),
  materials: Type.String(),
  tasks: Type.String(),
});
export type PlanWeek = Static<typeof PlanWeek>;

export const PlanReview = Type.Object({
  id: Id,
  action: ReviewAction,
  fromStatus: PlanStatus,
  toStatus: PlanStatus,
  actorId: Id,
  actorName: Type.String(),
  at: Type.String(),
  comment: Nullable(Type.String()),
});
export type PlanReview = Static<typeof PlanReview>;

export const PlanVersionSummary = Type.Object({
  id: Id,
  number: Type.Integer(),
  status: PlanStatus,
  authorId: Id,
  authorName: Type.String(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  submittedAt: Nullable(Type.String()),
  approvedAt: Nullable(Type.String()),
});
export type PlanVersionSummary = Static<typeof PlanVersionSummary>;

export const PlanSummary = Type.Object({
  id: Id,
  classId: Id,
  className: Type.String(),
  grade: Type.Integer(),
  subjectId: Id,
  subjectName: Type.String(),
  subjectGroupId: Nullable(Id),
  schoolYearId: Id,
  schoolYearName: Type.String(),
  /** null: a plan for the whole school year. */
  semesterId: Nullable(Id),
  semesterNumber: Nullable(Type.Integer()),
  teacherId: Nullable(Id),
  teacherName: Nullable(Type.String()),
  /** The approved version in force, if any. */
  approvedVersion: Nullable(PlanVersionSummary),
  /** The version on its way (draft, returned, submitted or passed), if any. */
  openVersion: Nullable(PlanVersionSummary),
});
export type PlanSummary = Static<typeof PlanSummary>;

export const PlanVersionDetail = Type.Object({
  plan: PlanSummary,
  version: PlanVersionSummary,
  note: Type.String(),
  weeks: Type.Array(PlanWeek),
  reviews: Type.Array(PlanReview),
  /** What the viewer may do with this version now. */
  can: Type.Object({ edit: Type.Boolean(), submit: Type.Boolean(), pass: Type.Boolean(), approve: Type.Boolean(), return: Type.Boolean(), revise: Type.Boolean(), markTaught: Type.Boolean() }),
  /** Set when drafting from the curriculum had to squeeze the lessons (their periods exceed the subject's periods). */
  warnings: Type.Array(Type.String()),
});
export type PlanVersionDetail = Static<typeof PlanVersionDetail>;

export const PlanListQuery = Type.Object({
  schoolYearId: Type.Optional(Id),
  classId: Type.Optional(Id),
  subjectId: Type.Optional(Id),
}, { additionalProperties: false });
export type PlanListQuery = Static<typeof PlanListQuery>;

export const PlanCreateBody = Type.Object({
  classId: Id,
  subjectId: Id,
  /** Omit or null for a plan of the whole school year. */
  semesterId: Type.Optional(Nullable(Id)),
  /** Spread the subject × grade's curriculum lessons over the weeks (otherwise the weeks start empty). */
  fromCurriculum: Type.Boolean({ default: true }),
}, { additionalProperties: false });
export type PlanCreateBody = Static<typeof PlanCreateBody>;

const Text = (max: number) => Type.String({ maxLength: max });
export const PlanWeekInput = Type.Object({
  week: Type.Integer({ minimum: 1, maximum: 60 }),
  periods: Type.Integer({ minimum: 0, maximum: 60 }),
  mode: PlanMode,
  lessonIds: Type.Array(Id, { maxItems: 60 }),
  content: Type.Optional(Text(2000)),
  materials: Type.Optional(Text(2000)),
  tasks: Type.Optional(Text(2000)),
}, { additionalProperties: false });
export type PlanWeekInput = Static<typeof PlanWeekInput>;

export const PlanUpdateBody = Type.Object({
  note: Type.Optional(Text(5000)),
  weeks: Type.Optional(Type.Array(PlanWeekInput, { maxItems: 60 })),
}, { additionalProperties: false });
export type PlanUpdateBody = Static<typeof PlanUpdateBody>;

export const PlanReviewBody = Type.Object({
  action: ReviewAction,
  comment: Type.Optional(Nullable(Text(2000))),
}, { additionalProperties: false });
export type PlanReviewBody = Static<typeof PlanReviewBody>;

export const VersionParams = Type.Object({ id: Id, versionId: Id });
export type VersionParams = Static<typeof VersionParams>;

// ---------------------------------------------------------------------------------------------
// Month and year views (aggregations of the weeks)

export const PlanMonth = Type.Object({
  /** 'YYYY-MM'; a week belongs to the month of its Thursday (the month holding most of its days). */
  month: Type.String(),
  /** 'Tháng 9/2026'. */
  label: Type.String(),
  weeks: Type.Array(Type.Integer()),
  /** First Monday and last Sunday of its weeks, dd/mm/yyyy. */
  from: Type.String(),
  to: Type.String(),
  periods: Type.Integer(),
  periodsByMode: Type.Object({ in_person: Type.Integer(), supporting: Type.Integer(), replacing: Type.Integer() }),
  lessons: Type.Array(PlanLessonRef),
  contents: Type.Array(Type.String()),
});
export type PlanMonth = Static<typeof PlanMonth>;

export const PlanYearPart = Type.Object({
  semesterNumber: Type.Integer(),
  label: Type.String(),
  weeks: Type.Integer(),
  periods: Type.Integer(),
  periodsByMode: Type.Object({ in_person: Type.Integer(), supporting: Type.Integer(), replacing: Type.Integer() }),
  lessons: Type.Integer(),
});
export const PlanCalendarView = Type.Object({
  months: Type.Array(PlanMonth),
  year: Type.Object({
    parts: Type.Array(PlanYearPart),
    periods: Type.Integer(),
    /** periods_per_year of the subject × grade (subject_grades), null when not set. */
    periodsPerYear: Nullable(Type.Integer()),
    lessons: Type.Integer(),
    curriculumLessons: Type.Integer(),
  }),
});
export type PlanCalendarView = Static<typeof PlanCalendarView>;

// ---------------------------------------------------------------------------------------------
// Plan versus actual for one plan, week by week

export const WeekStatus = Type.Union([
  Type.Literal('done'), Type.Literal('behind'), Type.Literal('ahead'), Type.Literal('not_planned'), Type.Literal('in_progress'), Type.Literal('upcoming'), Type.Literal('empty'),
]);
export type WeekStatus = Static<typeof WeekStatus>;

export const HeldLesson = Type.Object({
  /** 'live' (recorded by the system) or 'in_person' (marked taught by the teacher). */
  source: Type.Union([Type.Literal('live'), Type.Literal('in_person')]),
  liveLessonId: Nullable(Id),
  curriculumLessonId: Nullable(Id),
  title: Type.String(),
  /** Live lessons: supporting | replacing; in person: in_person. */
  mode: PlanMode,
  date: IsoDate,
  /** Whether the lesson is in the plan (any week). */
  planned: Type.Boolean(),
});
export type HeldLesson = Static<typeof HeldLesson>;

export const PlanActualWeek = Type.Object({
  week: Type.Integer(),
  startsOn: IsoDate,
  endsOn: IsoDate,
  plannedPeriods: Type.Integer(),
  plannedMode: PlanMode,
  planned: Type.Array(Type.Object({ id: Id, title: Type.String(), held: Type.Boolean(), heldOn: Nullable(IsoDate) })),
  held: Type.Array(HeldLesson),
  /** Published materials linked to this week's planned lessons. */
  materials: Type.Array(Type.Object({ id: Id, title: Type.String(), curriculumLessonId: Id })),
  /** Tasks given to the class × subject that open in this week. */
  tasks: Type.Array(Type.Object({ id: Id, title: Type.String(), curriculumLessonId: Nullable(Id), opensAt: Type.String() })),
  status: WeekStatus,
});
export type PlanActualWeek = Static<typeof PlanActualWeek>;

export const PlanActualReply = Type.Object({
  planId: Id,
  versionId: Id,
  currentWeek: Type.Integer(),
  weeks: Type.Array(PlanActualWeek),
  totals: Type.Object({ plannedToDate: Type.Integer(), heldToDate: Type.Integer(), percent: Nullable(Type.Integer()), weeksBehind: Type.Integer() }),
});
export type PlanActualReply = Static<typeof PlanActualReply>;

export const MarkTaughtBody = Type.Object({
  curriculumLessonId: Id,
  taughtOn: IsoDate,
}, { additionalProperties: false });
export type MarkTaughtBody = Static<typeof MarkTaughtBody>;
export const UnmarkTaughtBody = Type.Object({ curriculumLessonId: Id }, { additionalProperties: false });
export type UnmarkTaughtBody = Static<typeof UnmarkTaughtBody>;

/** The teacher's classes × subjects to plan, and the school calendar's weeks. */
export const PlanOptions = Type.Object({
  schoolYearId: Nullable(Id),
  semesters: Type.Array(Type.Object({ id: Id, number: Type.Integer(), startsOn: IsoDate, endsOn: IsoDate, weeks: Type.Integer(), firstWeek: Type.Integer(), lastWeek: Type.Integer() })),
  assignments: Type.Array(Type.Object({ classId: Id, className: Type.String(), grade: Type.Integer(), subjectId: Id, subjectName: Type.String() })),
  currentWeek: Type.Integer(),
});
export type PlanOptions = Static<typeof PlanOptions>;
