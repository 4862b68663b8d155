/**
 * "Draft from the curriculum" (Art. 8.1.c, 15.1.b): the subject × grade's lessons, in teaching
 * order, are spread over the school year's weeks at the subject's pace — its periods per year
 * (subject_grades) divided evenly over the weeks, so a 140-period subject over 35 weeks gets 4
 * periods a week. Each lesson takes its own number of periods (số tiết) and is planned in every
 * week its periods fall in (a 6-period lesson at 4 a week spans two weeks). When the lessons need
 * more periods than the year has, the pace is raised so every lesson still fits, with a warning;
 * when they need fewer, the last weeks stay free (revision, assessment, the school's own content).
 */
export interface LessonToPlace {
  id: number;
  periods: number;
}

export interface DistributedWeek {
  week: number;
  periods: number;
  lessonIds: number[];
}

export interface Distribution {
  weeks: DistributedWeek[];
  warnings: string[];
}

/** Whole periods per week that add up exactly to `total` over `count` weeks (the extra ones spread evenly). */
export function weeklyCapacity(total: number, count: number): number[] {
  const out: number[] = [];
  for (let i = 1; i <= count; i++) out.push(Math.floor((i * total) / count) - Math.floor(((i - 1) * total) / count));
  return out;
}

/**
 * @param lessons the curriculum lessons in teaching order
 * @param weekNumbers the school year's week numbers, in order
 * @param periodsPerYear the subject × grade's periods per year, null when not set
 */
export function distributeLessons(lessons: readonly LessonToPlace[], weekNumbers: readonly number[], periodsPerYear: number | null): Distribution {
  const warnings: string[] = [];
  const needed = lessons.reduce((s, l) => s + Math.max(1, l.periods), 0);
  const weeks: DistributedWeek[] = weekNumbers.map((week) => ({ week, periods: 0, lessonIds: [] }));
  if (!weekNumbers.length || !lessons.length) return { weeks, warnings };
  const yearPeriods = periodsPerYear && periodsPerYear > 0 ? periodsPerYear : needed;
  if (needed > yearPeriods) warnings.push(`curriculum_exceeds_periods:${needed}>${yearPeriods}`);
  const total = Math.max(needed, yearPeriods);
  const capacity = weeklyCapacity(total, weekNumbers.length);
  // Week i covers the periods [ends[i-1], ends[i]) of the year; lesson j the periods [start, start + p).
  const ends: number[] = [];
  capacity.reduce((acc, c) => {
    ends.push(acc + c);
    return acc + c;
  }, 0);
  let start = 0;
  let w = 0;
  for (const lesson of lessons) {
    const end = start + Math.max(1, lesson.periods);
    while (w < weeks.length && ends[w]! <= start) w++;
    for (let k = w; k < weeks.length; k++) {
      const weekStart = k === 0 ? 0 : ends[k - 1]!;
      if (weekStart >= end) break;
      const overlap = Math.min(end, ends[k]!) - Math.max(start, weekStart);
      if (overlap <= 0) continue;
      weeks[k]!.periods += overlap;
      weeks[k]!.lessonIds.push(lesson.id);
    }
    start = end;
  }
  return { weeks, warnings };
}
