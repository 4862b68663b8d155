import type { ChildLesson, ChildOverview, Child } from '../../contracts/parents.schema.js';
import { attendanceOf } from '../live/attendance.js';
import type { LiveLesson } from '../live/live.types.js';
import type { Transactor } from '../repos.js';
import { ownChild } from './parent-access.js';
import type { ParentsViewer } from './parents.types.js';

/** How many upcoming and past lessons the parent's page lists. */
export const UPCOMING_LIMIT = 20;
export const PAST_LIMIT = 40;

/**
 * What a parent sees of their own children (Art. 15.1.e, 16.2: notices and the child's progress
 * visible to parents): the child's online lessons and attendance, and the teachers' comments that
 * were released to the student. Results come from the gradebook's own route (never recomputed here).
 */
export class ParentViewService {
  constructor(private readonly tx: Transactor, private readonly now: () => Date = () => new Date()) {}

  async children(v: ParentsViewer): Promise<Child[]> {
    return this.tx.read(async (r) => {
      if (!v.roles.includes('parent')) return [];
      const year = await r.school.currentYear();
      return r.parents.children(v.personId, year?.id ?? null);
    });
  }

  async overview(v: ParentsViewer, studentId: number): Promise<ChildOverview> {
    return this.tx.read(async (r) => {
      const child = await ownChild(r, v, studentId);
      const nowIso = this.now().toISOString();
      let upcoming: ChildLesson[] = [];
      let past: ChildLesson[] = [];
      const counts = { held: 0, present: 0, late: 0, absent: 0 };
      if (child.classId) {
        const cls = await r.school.getClass(child.classId);
        const year = cls ? await r.school.getYear(cls.schoolYearId) : undefined;
        const fromAt = year ? `${year.startsOn}T00:00:00.000Z` : undefined;
        const lessons = await r.liveLessons.list({ classId: child.classId, ...(fromAt ? { fromAt } : {}), limit: 2000 });
        const before = lessons.filter((l) => l.startsAt <= nowIso || l.status === 'ended');
        const after = lessons.filter((l) => !before.includes(l) && l.status !== 'cancelled');
        upcoming = after.slice(0, UPCOMING_LIMIT).map((l) => lessonDto(l, null, null));
        const intervals = await r.parents.intervals(studentId, before.map((l) => l.id));
        const rows = before.map((l) => {
          const state = attendanceState(l, intervals.filter((i) => i.lessonId === l.id), nowIso);
          if (state.held) {
            counts.held++;
            if (state.value === 'present') counts.present++;
            else if (state.value === 'late') counts.late++;
            else counts.absent++;
          }
          return lessonDto(l, state.value, state.minutes);
        });
        past = rows.reverse().slice(0, PAST_LIMIT);
      }
      const comments = (await r.parents.gradebookComments(studentId)).filter((c) => c.text.trim() !== '');
      const taskFeedback = await r.parents.taskFeedback(studentId);
      return {
        child, upcoming, past,
        attendance: { ...counts, rate: counts.held ? (counts.present + counts.late) / counts.held : null },
        comments: comments.map(({ subjectName, semesterNumber, schoolYearName, text, updatedAt, teacherName }) => ({ subjectName, semesterNumber, schoolYearName, text, updatedAt, teacherName })),
        taskFeedback,
      };
    });
  }
}

function lessonDto(l: LiveLesson, attendance: ChildLesson['attendance'], minutes: number | null): ChildLesson {
  return {
    id: l.id, subjectName: l.subjectName, teacherName: l.teacherName, topic: l.topic, startsAt: l.startsAt, endsAt: l.endsAt,
    mode: l.mode, status: l.status, attendance, minutes,
  };
}

/**
 * The child's attendance at one past lesson (Art. 8.1.b records): a lesson held (ended or live)
 * counts present, late (first join more than 5 minutes after the start) or absent; a cancelled
 * lesson or one that never started does not count.
 */
export function attendanceState(
  l: Pick<LiveLesson, 'startsAt' | 'endsAt' | 'endedAt' | 'status'>,
  intervals: { joinedAt: string; leftAt: string | null }[],
  now: string,
): { value: NonNullable<ChildLesson['attendance']>; held: boolean; minutes: number | null } {
  if (l.status === 'cancelled') return { value: 'cancelled', held: false, minutes: null };
  if (l.status === 'scheduled') return { value: 'not_held', held: false, minutes: null };
  const a = attendanceOf(intervals, l, now);
  if (l.status === 'live' && !a.present) return { value: 'live', held: false, minutes: null };
  return { value: !a.present ? 'absent' : a.late ? 'late' : 'present', held: true, minutes: a.minutes };
}
