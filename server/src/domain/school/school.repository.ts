import type { School, SchoolClass, SchoolLevel, SchoolYear, Subject, SubjectGroup, TeachingAssignment } from './school.types.js';

export interface SchoolInput {
  name: string;
  moetCode: string;
  level: SchoolLevel;
  province: string;
  districtOffice: string;
  address?: string | null;
  phone?: string | null;
}

export interface SchoolYearInput {
  name: string;
  startsOn: string;
  endsOn: string;
  isCurrent: boolean;
  semesters: { number: 1 | 2; startsOn: string; endsOn: string; weeks: number }[];
}

export interface SubjectInput {
  code: string;
  name: string;
  subjectGroupId: number | null;
  assessment: 'score' | 'comment';
  periods: Record<number, number>;
}

export interface SchoolRepository {
  getSchool(): Promise<School | undefined>;
  createSchool(input: SchoolInput): Promise<number>;
  updateSchool(id: number, input: SchoolInput): Promise<void>;

  listYears(): Promise<SchoolYear[]>;
  getYear(id: number): Promise<SchoolYear | undefined>;
  currentYear(): Promise<SchoolYear | undefined>;
  createYear(schoolId: number, input: SchoolYearInput): Promise<number>;
  updateYear(id: number, input: SchoolYearInput): Promise<void>;

  listGroups(): Promise<SubjectGroup[]>;
  createGroup(schoolId: number, name: string, leaderId: number | null, memberIds: number[]): Promise<number>;
  updateGroup(id: number, name: string, leaderId: number | null, memberIds: number[]): Promise<void>;
  groupByName(name: string): Promise<SubjectGroup | undefined>;

  listSubjects(grade?: number): Promise<Subject[]>;
  createSubject(schoolId: number, input: SubjectInput): Promise<number>;
  updateSubject(id: number, input: SubjectInput): Promise<void>;
  getSubject(id: number): Promise<Subject | undefined>;

  listClasses(yearId: number, filter?: { grade?: number; classIds?: number[] }): Promise<Omit<SchoolClass, 'sizeWarning'>[]>;
  getClass(id: number): Promise<Omit<SchoolClass, 'sizeWarning'> | undefined>;
  classByName(yearId: number, name: string): Promise<{ id: number; grade: number } | undefined>;
  createClass(yearId: number, grade: number, name: string, homeroomTeacherId: number | null): Promise<number>;
  updateClass(id: number, name: string, homeroomTeacherId: number | null): Promise<void>;

  listAssignments(filter: { yearId: number; classId?: number; teacherId?: number }): Promise<TeachingAssignment[]>;
  upsertAssignment(classId: number, subjectId: number, teacherId: number): Promise<number>;
  deleteAssignment(id: number): Promise<boolean>;
}
