import { DomainError } from '../shared/errors.js';
import type { Repos } from '../repos.js';
import type { ChildInfo, ParentsViewer } from './parents.types.js';

export const isPrincipal = (v: Pick<ParentsViewer, 'roles'>) => v.roles.includes('principal');

/**
 * A parent's own child (parent_links), with the child's class this school year. An unknown student
 * is 404; a student who is not the viewer's child is 403 and nothing of theirs is read.
 */
export async function ownChild(r: Repos, v: ParentsViewer, studentId: number): Promise<ChildInfo> {
  const year = await r.school.currentYear();
  const student = await r.parents.student(studentId, year?.id ?? null);
  if (!student) throw new DomainError('NOT_FOUND', { studentId });
  if (!v.roles.includes('parent') || !(await r.parents.isParentOf(v.personId, studentId))) throw new DomainError('FORBIDDEN', { reason: 'not_your_child' });
  const link = (await r.parents.children(v.personId, year?.id ?? null)).find((c) => c.id === studentId);
  if (!link) throw new DomainError('FORBIDDEN', { reason: 'not_your_child' });
  return link;
}

/** A student the viewer may act for: their own child (parent) or any student (principal). */
export async function childOrPrincipal(r: Repos, v: ParentsViewer, studentId: number): Promise<Omit<ChildInfo, 'relation'>> {
  if (isPrincipal(v)) {
    const year = await r.school.currentYear();
    const student = await r.parents.student(studentId, year?.id ?? null);
    if (!student) throw new DomainError('NOT_FOUND', { studentId });
    return student;
  }
  return ownChild(r, v, studentId);
}
