/**
 * Types of the HTTP API. Most come from the server's TypeBox contracts (types only, nothing of
 * the server is bundled); the few replies without a contract schema are mirrored here and say
 * where their source of truth lives.
 */
import type { Static } from '@sinclair/typebox';
import type { Me as MeSchema } from '../../../server/src/contracts/auth.schema.js';
import type { Gender as GenderSchema } from '../../../server/src/contracts/common.schema.js';
import type { PersonKind as PersonKindSchema, PersonListItem as PersonListItemSchema, PersonDetail as PersonDetailSchema } from '../../../server/src/contracts/people.schema.js';
import type {
  School as SchoolSchema, SchoolLevel as SchoolLevelSchema, SchoolYear as SchoolYearSchema, SubjectGroup as SubjectGroupSchema,
  Subject as SubjectSchema, SchoolClass as SchoolClassSchema, TeachingAssignment as TeachingAssignmentSchema,
} from '../../../server/src/contracts/school.schema.js';
import type {
  LiveLesson as LiveLessonSchema, TodayLesson as TodayLessonSchema, LessonSummary as LessonSummarySchema, Recording as RecordingSchema,
} from '../../../server/src/contracts/live-lessons.schema.js';

export type { ErrorBody, ErrorCode } from '../../../server/src/contracts/error-codes.js';
export type {
  PersonCreateBody, PeopleQuery,
} from '../../../server/src/contracts/people.schema.js';
export type {
  SchoolBody, SchoolYearBody, SubjectGroupBody, SubjectBody, ClassBody, AssignmentBody,
} from '../../../server/src/contracts/school.schema.js';

/**
 * The contract builds Role from an array of literals, which TypeBox widens to string; the union
 * is restated here (source: server/src/domain/people/person.types.ts).
 */
export type Role = 'principal' | 'vice_principal' | 'group_leader' | 'teacher' | 'it_staff' | 'student' | 'parent';
type WithRoles<T> = Omit<T, 'roles'> & { roles: Role[] };

export type Me = WithRoles<Static<typeof MeSchema>>;
export type Gender = Static<typeof GenderSchema>;
export type PersonKind = Static<typeof PersonKindSchema>;
export type PersonListItem = WithRoles<Static<typeof PersonListItemSchema>>;
export type PersonDetail = WithRoles<Static<typeof PersonDetailSchema>>;
export type School = Static<typeof SchoolSchema>;
export type SchoolLevel = Static<typeof SchoolLevelSchema>;
export type SchoolYear = Static<typeof SchoolYearSchema>;
export type SubjectGroup = Static<typeof SubjectGroupSchema>;
export type Subject = Static<typeof SubjectSchema>;
export type SchoolClass = Static<typeof SchoolClassSchema>;
export type TeachingAssignment = Static<typeof TeachingAssignmentSchema>;

export interface Page<T> {
  items: T[];
  total: number;
}

export interface SetupStatus {
  setUp: boolean;
  schoolName: string | null;
}

/** Mirrors HomeSummary in server/src/domain/home/home.service.ts (GET /api/home has no response schema). */
export interface HomeSummary {
  today: string;
  school: { name: string; level: string } | null;
  schoolYear: { name: string; semester: 1 | 2 | null } | null;
  teaching: { assignments: TeachingAssignment[]; homeroom: SchoolClass | null } | null;
  learning: { class: SchoolClass | null; subjects: { subjectName: string; teacherName: string }[] } | null;
  children: { id: number; fullName: string; className: string | null }[] | null;
  overview: { students: number; staff: number; parents: number; classes: number; oversizedClasses: SchoolClass[] } | null;
}

export type RosterKind = 'students' | 'teachers';
export type ImportMode = 'preview' | 'all' | 'accepted';

/** Mirrors ImportResult in server/src/domain/roster/roster.service.ts. */
export interface RosterImportResult {
  kind: RosterKind;
  missingColumns: string[];
  ignoredColumns: string[];
  rows: {
    rowNumber: number;
    status: 'accepted' | 'rejected' | 'skipped';
    action?: 'create' | 'update';
    personalId: string | null;
    fullName: string | null;
    problems: { field: string; code: string; vi: string; en: string }[];
  }[];
  accepted: number;
  rejected: number;
  skipped: number;
  importId: number;
  committed: boolean;
  created: number;
  updated: number;
}

/** Mirrors CaInstallGuide in server/src/tls/ca-install-guide.ts. */
export interface CaGuideText {
  title: string;
  steps: { platform: string; steps: string[] }[];
}
export interface CaGuide {
  vi: CaGuideText;
  en: CaGuideText;
}

export interface PasswordReset {
  login: string;
  temporaryPassword: string;
}

// ---- Live lessons (contracts/live-lessons.schema.ts) ----
export type { LiveLessonBody } from '../../../server/src/contracts/live-lessons.schema.js';
export type LiveLesson = Static<typeof LiveLessonSchema>;
export type TodayLesson = Static<typeof TodayLessonSchema>;
export type LessonSummary = Static<typeof LessonSummarySchema>;
export type LessonRecording = Static<typeof RecordingSchema>;
