import { DomainError } from '../shared/errors.js';
import type { AudienceRoster, NoticeAudience, NoticeRecipient } from './notice.types.js';

/**
 * Who receives a notice (Art. 15.1.e: notify students and parents). The classes of the audience,
 * then their enrolled students and/or those students' parents. A parent is one recipient per child
 * reached (so receipts can be shown by child and class), but reads once: reading is per person.
 */
export function audienceClassIds(audience: NoticeAudience, roster: Pick<AudienceRoster, 'classes'>): number[] {
  const ids = audience.scope === 'school'
    ? roster.classes.map((c) => c.id)
    : audience.scope === 'grades'
      ? roster.classes.filter((c) => audience.grades.includes(c.grade)).map((c) => c.id)
      : roster.classes.filter((c) => audience.classIds.includes(c.id)).map((c) => c.id);
  return [...new Set(ids)].sort((a, b) => a - b);
}

export function resolveAudience(audience: NoticeAudience, roster: AudienceRoster): NoticeRecipient[] {
  const classIds = new Set(audienceClassIds(audience, roster));
  const students = roster.enrolments.filter((e) => classIds.has(e.classId));
  const out: NoticeRecipient[] = [];
  const seen = new Set<string>();
  const add = (r: NoticeRecipient) => {
    const key = `${r.personId}|${r.studentId}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push(r);
  };
  for (const e of students) {
    if (audience.to !== 'parents') add({ personId: e.studentId, kind: 'student', studentId: e.studentId, classId: e.classId });
    if (audience.to !== 'students') {
      for (const l of roster.parentLinks) if (l.studentId === e.studentId) add({ personId: l.parentId, kind: 'parent', studentId: e.studentId, classId: e.classId });
    }
  }
  return out.sort((a, b) => a.classId - b.classId || a.studentId - b.studentId || a.personId - b.personId);
}

/** The audience's shape: grades and classes listed, without repeats; they must exist in the roster. */
export function checkAudience(audience: NoticeAudience, roster: Pick<AudienceRoster, 'classes'>): NoticeAudience {
  if (audience.scope === 'grades') {
    const grades = [...new Set(audience.grades)].sort((a, b) => a - b);
    if (!grades.length) throw new DomainError('NOTICE_AUDIENCE_EMPTY', { field: 'grades' });
    const known = new Set(roster.classes.map((c) => c.grade));
    const unknown = grades.filter((g) => !known.has(g));
    if (unknown.length) throw new DomainError('NOT_FOUND', { grades: unknown });
    return { scope: 'grades', grades, to: audience.to };
  }
  if (audience.scope === 'classes') {
    const classIds = [...new Set(audience.classIds)].sort((a, b) => a - b);
    if (!classIds.length) throw new DomainError('NOTICE_AUDIENCE_EMPTY', { field: 'classIds' });
    const known = new Set(roster.classes.map((c) => c.id));
    const unknown = classIds.filter((id) => !known.has(id));
    if (unknown.length) throw new DomainError('NOT_FOUND', { classIds: unknown });
    return { scope: 'classes', classIds, to: audience.to };
  }
  return { scope: 'school', to: audience.to };
}

/**
 * Who may address an audience. The principal and vice principal: the whole school (Art. 15.1.e).
 * A homeroom teacher: only their own classes (Art. 16: teachers coordinate with parents).
 */
export function mayAddress(roles: readonly string[], homeroomClassIds: readonly number[], audience: NoticeAudience): boolean {
  if (roles.includes('principal') || roles.includes('vice_principal')) return true;
  if (!roles.includes('teacher')) return false;
  return audience.scope === 'classes' && audience.classIds.length > 0 && audience.classIds.every((id) => homeroomClassIds.includes(id));
}
