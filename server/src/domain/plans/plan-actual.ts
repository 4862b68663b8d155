import type { WeekStatus } from '../../contracts/teaching-plans.schema.js';

/**
 * Plan versus actual (Art. 8.1.c, 15.1.g: organize and manage online teaching according to plan),
 * as pure rules. A planned lesson counts as held when a live lesson of the class × subject linked to
 * it has started (the system records online teaching itself), or when the teacher marked it taught
 * in person. The status of a week, given the week the school has reached:
 *
 * - nothing planned: `not_planned` when lessons were held that week anyway, else `empty`;
 * - every planned lesson held: `ahead` when the week is still to come, else `done`;
 * - some planned lesson not held: `behind` once the week is over, `in_progress` during it, and for
 *   a week still to come `ahead` when some of its lessons were already held, else `upcoming`.
 */
export interface WeekFacts {
  week: number;
  /** The week the school has reached (0 before the first). */
  currentWeek: number;
  plannedLessonIds: readonly number[];
  /** Curriculum lessons held so far (any date up to now). */
  heldLessonIds: ReadonlySet<number>;
  /** How many lessons were held during this week (planned or not, linked or not). */
  heldThisWeek: number;
}

export function weekStatus(f: WeekFacts): WeekStatus {
  if (!f.plannedLessonIds.length) return f.heldThisWeek > 0 ? 'not_planned' : 'empty';
  const held = f.plannedLessonIds.filter((id) => f.heldLessonIds.has(id)).length;
  if (held === f.plannedLessonIds.length) return f.week > f.currentWeek ? 'ahead' : 'done';
  if (f.week < f.currentWeek) return 'behind';
  if (f.week === f.currentWeek) return 'in_progress';
  return held > 0 ? 'ahead' : 'upcoming';
}

export interface PlannedWeek {
  week: number;
  lessonIds: readonly number[];
}

export interface ToDateTotals {
  plannedToDate: number;
  heldToDate: number;
  percent: number | null;
  weeksBehind: number;
}

/**
 * Totals up to `toWeek`: distinct lessons planned in weeks 1…toWeek, how many of them were held,
 * the percentage (rounded; null when nothing is planned yet) and the weeks left behind.
 */
export function toDateTotals(weeks: readonly PlannedWeek[], toWeek: number, currentWeek: number, heldLessonIds: ReadonlySet<number>, heldPerWeek: ReadonlyMap<number, number> = new Map()): ToDateTotals {
  const planned = new Set<number>();
  let weeksBehind = 0;
  for (const w of weeks) {
    if (w.week > toWeek) continue;
    for (const id of w.lessonIds) planned.add(id);
    const status = weekStatus({ week: w.week, currentWeek, plannedLessonIds: w.lessonIds, heldLessonIds, heldThisWeek: heldPerWeek.get(w.week) ?? 0 });
    if (status === 'behind') weeksBehind += 1;
  }
  const held = [...planned].filter((id) => heldLessonIds.has(id)).length;
  return { plannedToDate: planned.size, heldToDate: held, percent: planned.size ? Math.round((100 * held) / planned.size) : null, weeksBehind };
}
