/** School structure types (Art. 15.1). Plain data, no framework types. */

export type SchoolLevel = 'primary' | 'lower_secondary' | 'upper_secondary';

/** Grades taught at each level of the 2018 general-education programme. */
export const GRADES_BY_LEVEL: Record<SchoolLevel, readonly number[]> = {
  primary: [1, 2, 3, 4, 5],
  lower_secondary: [6, 7, 8, 9],
  upper_secondary: [10, 11, 12],
};

/**
 * Class-size ceilings: 35 for primary (Circular 28/2020 Art. 16), 45 for lower and upper
 * secondary (Circular 32/2020 Art. 16.3). Exceeding one is a warning, not a refusal: the
 * provincial committee may set the exact number.
 */
export const CLASS_SIZE_LIMIT: Record<SchoolLevel, number> = {
  primary: 35,
  lower_secondary: 45,
  upper_secondary: 45,
};

export interface School {
  id: number;
  name: string;
  moetCode: string;
  level: SchoolLevel;
  province: string;
  districtOffice: string;
  address: string | null;
  phone: string | null;
}

export interface SchoolYear {
  id: number;
  name: string;
  startsOn: string;
  endsOn: string;
  isCurrent: boolean;
  semesters: Semester[];
}

export interface Semester {
  id: number;
  number: 1 | 2;
  startsOn: string;
  endsOn: string;
  weeks: number;
}

export interface SubjectGroup {
  id: number;
  name: string;
  leaderId: number | null;
  leaderName: string | null;
  memberIds: number[];
}

export interface Subject {
  id: number;
  code: string;
  name: string;
  subjectGroupId: number | null;
  assessment: 'score' | 'comment';
  /** grade → periods per year */
  periods: Record<number, number>;
}

export interface SchoolClass {
  id: number;
  schoolYearId: number;
  grade: number;
  name: string;
  homeroomTeacherId: number | null;
  homeroomTeacherName: string | null;
  studentCount: number;
  /** Set when studentCount exceeds CLASS_SIZE_LIMIT for the school's level. */
  sizeWarning: { limit: number; count: number } | null;
}

export interface TeachingAssignment {
  id: number;
  classId: number;
  className: string;
  subjectId: number;
  subjectName: string;
  teacherId: number;
  teacherName: string;
}
