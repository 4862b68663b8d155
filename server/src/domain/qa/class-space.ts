import type { Role } from '../people/person.types.js';
import { DomainError } from '../shared/errors.js';

/**
 * A class × subject "learning space" (Art. 9.2.b: students ask and answer within the same
 * learning space): the class's students, the teacher assigned to that subject in that class
 * (teaching_assignments), and the school's managers reading. Questions and answers and the
 * progress pages are scoped by it; anyone else gets FORBIDDEN.
 */
export interface ClassSpace {
  classId: number;
  className: string;
  grade: number;
  schoolYearId: number;
  subjectId: number;
  subjectName: string;
  teacherId: number;
}

export type SpaceRole = 'teacher' | 'student' | 'manager';

export interface SpaceChoice {
  classId: number;
  className: string;
  grade: number;
  subjectId: number;
  subjectName: string;
  as: SpaceRole;
}

export interface ClassStudent {
  id: number;
  fullName: string;
  personalId: string | null;
  sortKey: string;
}

export interface ClassSpaceRepository {
  /** The assignment of a subject in a class; undefined when no teacher teaches it there. */
  space(classId: number, subjectId: number): Promise<ClassSpace | undefined>;
  /** Spaces of one class (its subjects with a teacher), or of one teacher, or all of a school year. */
  spaces(filter: { classId?: number; teacherId?: number; schoolYearId?: number }): Promise<ClassSpace[]>;
  isEnrolled(studentId: number, classId: number): Promise<boolean>;
  /** The student's class in the current school year. */
  currentClassOf(studentId: number): Promise<{ classId: number; className: string; grade: number; schoolYearId: number } | undefined>;
  currentYearId(): Promise<number | undefined>;
  students(classId: number): Promise<ClassStudent[]>;
  isParentOf(parentId: number, studentId: number): Promise<boolean>;
}

export interface SpaceViewer {
  personId: number;
  roles: readonly Role[];
}

export const isManager = (roles: readonly Role[]) => roles.includes('principal') || roles.includes('vice_principal');

/** How the viewer takes part in a class × subject; throws NOT_FOUND / FORBIDDEN otherwise. */
export async function roleInSpace(repo: ClassSpaceRepository, viewer: SpaceViewer, classId: number, subjectId: number): Promise<{ space: ClassSpace; role: SpaceRole }> {
  const space = await repo.space(classId, subjectId);
  if (!space) throw new DomainError('NOT_FOUND', { classId, subjectId });
  if (viewer.roles.includes('teacher') && space.teacherId === viewer.personId) return { space, role: 'teacher' };
  if (viewer.roles.includes('student') && (await repo.isEnrolled(viewer.personId, classId))) return { space, role: 'student' };
  if (isManager(viewer.roles)) return { space, role: 'manager' };
  throw new DomainError('FORBIDDEN', { classId, subjectId });
}

/** The spaces a viewer can open: a student's class, a teacher's assignments, everything for managers. */
export async function spacesOf(repo: ClassSpaceRepository, viewer: SpaceViewer): Promise<SpaceChoice[]> {
  const out = new Map<string, SpaceChoice>();
  const add = (s: ClassSpace, as: SpaceRole) => {
    const key = `${s.classId}:${s.subjectId}`;
    if (!out.has(key)) out.set(key, { classId: s.classId, className: s.className, grade: s.grade, subjectId: s.subjectId, subjectName: s.subjectName, as });
  };
  const yearId = await repo.currentYearId();
  if (viewer.roles.includes('teacher')) for (const s of await repo.spaces({ teacherId: viewer.personId, ...(yearId ? { schoolYearId: yearId } : {}) })) add(s, 'teacher');
  if (viewer.roles.includes('student')) {
    const c = await repo.currentClassOf(viewer.personId);
    if (c) for (const s of await repo.spaces({ classId: c.classId })) add(s, 'student');
  }
  if (isManager(viewer.roles) && yearId) for (const s of await repo.spaces({ schoolYearId: yearId })) add(s, 'manager');
  return [...out.values()];
}
