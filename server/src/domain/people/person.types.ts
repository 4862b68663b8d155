/** People of the school (Art. 15.1.i): students, staff (teachers, principal, IT…) and parents. */

export type PersonKind = 'student' | 'staff' | 'parent';
export type Gender = 'male' | 'female';

export type Role =
  | 'principal'
  | 'vice_principal'
  | 'group_leader'
  | 'teacher'
  | 'it_staff'
  | 'student'
  | 'parent';

export const ROLES: readonly Role[] = [
  'principal',
  'vice_principal',
  'group_leader',
  'teacher',
  'it_staff',
  'student',
  'parent',
];

export interface Person {
  id: number;
  kind: PersonKind;
  /** Mã định danh from the education-sector database; null only for parents. */
  personalId: string | null;
  /** Số định danh cá nhân (12 digits). Only present when the viewer may see it. */
  citizenId?: string | null;
  fullName: string;
  birthDate: string | null;
  gender: Gender | null;
  phone: string | null;
  email: string | null;
  position: string | null;
  status: 'active' | 'left';
}

/** A validated roster row ready to be written (see domain/roster). */
export interface StudentRecord {
  personalId: string;
  citizenId: string | null;
  fullName: string;
  birthDate: string; // YYYY-MM-DD
  gender: Gender | null;
  className: string;
  parentName: string | null;
  parentPhone: string | null;
}

export interface TeacherRecord {
  personalId: string;
  citizenId: string | null;
  fullName: string;
  birthDate: string | null;
  gender: Gender | null;
  phone: string | null;
  email: string | null;
  position: string | null;
  subjectGroupName: string | null;
}
