import { addMinutes } from './school-time.js';
import type { AttendanceInterval, LiveLesson } from './live.types.js';

/** A reconnect this soon after leaving (a phone changing network, a reloaded page) is the same presence. */
export const RECONNECT_GRACE_SECONDS = 60;
/** A student whose first join is later than this after the start is late. */
export const LATE_AFTER_MINUTES = 5;

/**
 * What a join does to the person's last interval: nothing when it is still open (a second tab),
 * reopen it when they left less than a minute ago, otherwise a new interval.
 */
export function joinAction(last: Pick<AttendanceInterval, 'leftAt'> | undefined, at: string): 'already_open' | 'extend' | 'new' {
  if (!last) return 'new';
  if (last.leftAt === null) return 'already_open';
  return Date.parse(at) - Date.parse(last.leftAt) <= RECONNECT_GRACE_SECONDS * 1000 ? 'extend' : 'new';
}

export interface Attendance {
  present: boolean;
  late: boolean;
  /** Whole minutes connected during the lesson (the slot, or longer when the lesson ran over). */
  minutes: number;
  joins: number;
  firstJoinAt: string | null;
  lastLeftAt: string | null;
}

/**
 * One person's attendance from their intervals. Minutes count only lesson time: from the slot's
 * start to its end, or to the actual end when the lesson ran over; an interval still open counts
 * up to the end (or to `now` while the lesson is live).
 */
export function attendanceOf(
  intervals: readonly Pick<AttendanceInterval, 'joinedAt' | 'leftAt'>[],
  lesson: Pick<LiveLesson, 'startsAt' | 'endsAt' | 'endedAt' | 'status'>,
  now: string,
): Attendance {
  if (intervals.length === 0) return { present: false, late: false, minutes: 0, joins: 0, firstJoinAt: null, lastLeftAt: null };
  const end = lesson.endedAt ?? (lesson.status === 'live' && now > lesson.endsAt ? now : lesson.endsAt);
  const windowStart = Date.parse(lesson.startsAt);
  const windowEnd = Date.parse(end);
  const nowMs = Date.parse(now);
  let ms = 0;
  for (const i of intervals) {
    const from = Math.max(Date.parse(i.joinedAt), windowStart);
    const to = Math.min(i.leftAt === null ? Math.min(nowMs, windowEnd) : Date.parse(i.leftAt), windowEnd);
    if (to > from) ms += to - from;
  }
  const firstJoinAt = intervals.map((i) => i.joinedAt).sort()[0] ?? null;
  const closed = intervals.map((i) => i.leftAt).filter((x): x is string => x !== null).sort();
  return {
    present: true,
    late: firstJoinAt !== null && firstJoinAt > addMinutes(lesson.startsAt, LATE_AFTER_MINUTES),
    minutes: Math.round(ms / 60_000),
    joins: intervals.length,
    firstJoinAt,
    lastLeftAt: intervals.some((i) => i.leftAt === null) ? null : closed.at(-1) ?? null,
  };
}
