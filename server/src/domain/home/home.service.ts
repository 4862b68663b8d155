import { todayInVietnam } from '../shared/dates.js';
import type { Principal } from '../accounts/account.types.js';
import type { Transactor } from '../repos.js';
import { withSizeWarning } from '../school/school.service.js';
import type { SchoolClass, TeachingAssignment } from '../school/school.types.js';

export interface HomeSummary {
  today: string;
  school: { name: string; level: string } | null;
  schoolYear: { name: string; semester: 1 | 2 | null } | null;
  /** Teacher: classes taught and subjects; homeroom class. */
  teaching: { assignments: TeachingAssignment[]; homeroom: SchoolClass | null } | null;
  /** Student: own class, its subjects and their teachers. */
  learning: { class: SchoolClass | null; subjects: { subjectName: string; teacherName: string }[] } | null;
  /** Parent: the children and their classes. */
  children: { id: number; fullName: string; className: string | null }[] | null;
  /** Principal, vice principal, IT: counts and classes over the size limit. */
  overview: { students: number; staff: number; parents: number; classes: number; oversizedClasses: SchoolClass[] } | null;
}

/** What each role sees first after signing in. */
export class HomeService {
  constructor(private readonly tx: Transactor) {}

  summary(p: Principal, today: string = todayInVietnam()): Promise<HomeSummary> {
    return this.tx.read(async (r) => {
      const school = await r.school.getSchool();
      const year = await r.school.currentYear();
      const semester = year?.semesters.find((s) => s.startsOn <= today && today <= s.endsOn)?.number ?? null;
      const out: HomeSummary = {
        today,
        school: school ? { name: school.name, level: school.level } : null,
        schoolYear: year ? { name: year.name, semester } : null,
        teaching: null, learning: null, children: null, overview: null,
      };
      if (!school || !year) return out;
      const level = school.level;

      if (p.roles.includes('teacher') || p.roles.includes('principal') || p.roles.includes('vice_principal')) {
        const assignments = await r.school.listAssignments({ yearId: year.id, teacherId: p.personId });
        const classes = await r.school.listClasses(year.id);
        const homeroom = classes.find((c) => c.homeroomTeacherId === p.personId);
        out.teaching = { assignments, homeroom: homeroom ? withSizeWarning(homeroom, level) : null };
      }
      if (p.roles.includes('student')) {
        const me = await r.people.get(p.personId, year.id);
        const cls = me?.classId ? await r.school.getClass(me.classId) : undefined;
        const subjects = cls ? (await r.school.listAssignments({ yearId: year.id, classId: cls.id })).map((a) => ({ subjectName: a.subjectName, teacherName: a.teacherName })) : [];
        out.learning = { class: cls ? withSizeWarning(cls, level) : null, subjects };
      }
      if (p.roles.includes('parent')) {
        const children = await r.people.childrenOf(p.personId);
        out.children = await Promise.all(children.map(async (c) => ({ id: c.id, fullName: c.fullName, className: (await r.people.get(c.id, year.id))?.className ?? null })));
      }
      if (p.roles.some((x) => x === 'principal' || x === 'vice_principal' || x === 'it_staff')) {
        const count = async (kind: 'student' | 'staff' | 'parent') => (await r.people.list({ kind, limit: 1, offset: 0, yearId: year.id })).total;
        const classes = (await r.school.listClasses(year.id)).map((c) => withSizeWarning(c, level));
        out.overview = {
          students: await count('student'), staff: await count('staff'), parents: await count('parent'),
          classes: classes.length, oversizedClasses: classes.filter((c) => c.sizeWarning),
        };
      }
      return out;
    });
  }
}
