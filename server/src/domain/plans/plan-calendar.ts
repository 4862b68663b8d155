import type { PlanCalendarView, PlanLessonRef, PlanMode, PlanMonth, PlanWeek } from '../../contracts/teaching-plans.schema.js';

/**
 * The school calendar's weeks (Art. 8.1.c: plans detailed by week, month and year). Week numbers
 * count through the school year: semester I has weeks 1…n, semester II continues at n+1. A
 * semester's week 1 starts on the Monday of the week it opens in (or the next Monday when it opens
 * on a Saturday or Sunday); a semester has `weeks` teaching weeks in a row. Holiday weeks inside a
 * semester (Tết) are not in the school calendar's data, so they are not skipped.
 */
export interface CalendarSemester {
  id: number;
  number: number;
  startsOn: string;
  endsOn: string;
  weeks: number;
}

export interface CalendarWeek {
  week: number;
  semesterId: number;
  semesterNumber: number;
  /** Monday and Sunday, 'YYYY-MM-DD'. */
  startsOn: string;
  endsOn: string;
}

const DAY_MS = 86_400_000;

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00.000Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday. */
function weekday(date: string): number {
  return new Date(`${date}T00:00:00.000Z`).getUTCDay();
}

/** The Monday a semester's first week starts on. */
export function firstMonday(startsOn: string): string {
  const d = weekday(startsOn);
  if (d === 6) return addDays(startsOn, 2);
  if (d === 0) return addDays(startsOn, 1);
  return addDays(startsOn, -(d - 1));
}

/** Every teaching week of the school year, in order. */
export function schoolWeeks(semesters: readonly CalendarSemester[]): CalendarWeek[] {
  const out: CalendarWeek[] = [];
  let week = 0;
  for (const s of [...semesters].sort((a, b) => a.number - b.number)) {
    const monday = firstMonday(s.startsOn);
    for (let i = 0; i < s.weeks; i++) {
      week += 1;
      const start = addDays(monday, 7 * i);
      out.push({ week, semesterId: s.id, semesterNumber: s.number, startsOn: start, endsOn: addDays(start, 6) });
    }
  }
  return out;
}

/**
 * The week a school day belongs to for "to date" counts: the last week that has started on or
 * before that day (a day in a holiday gap counts with the week before it); 0 before the first week.
 */
export function weekReached(weeks: readonly CalendarWeek[], today: string): number {
  let reached = 0;
  for (const w of weeks) if (w.startsOn <= today) reached = w.week;
  return reached;
}

/** The week a date falls in, or null when it falls outside every teaching week. */
export function weekOfDate(weeks: readonly CalendarWeek[], date: string): number | null {
  for (const w of weeks) if (w.startsOn <= date && date <= w.endsOn) return w.week;
  return null;
}

/** A week belongs to the month of its Thursday, the month holding most of its days. */
export function monthOfWeek(startsOn: string): string {
  return addDays(startsOn, 3).slice(0, 7);
}

/** 'dd/mm/yyyy', as Vietnamese documents write dates. */
export function viDate(date: string): string {
  return `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;
}

/** 'Tháng 9/2026'. */
export function viMonth(month: string): string {
  return `Tháng ${Number(month.slice(5, 7))}/${month.slice(0, 4)}`;
}

const ZERO_MODES = (): Record<PlanMode, number> => ({ in_person: 0, supporting: 0, replacing: 0 });

/** The month view: the plan's weeks grouped by month, periods by mode, lessons in order without repeats. */
export function monthView(weeks: readonly PlanWeek[]): PlanMonth[] {
  const months = new Map<string, PlanMonth>();
  const seen = new Map<string, Set<number>>();
  for (const w of [...weeks].sort((a, b) => a.week - b.week)) {
    const key = monthOfWeek(w.startsOn);
    let m = months.get(key);
    if (!m) {
      m = { month: key, label: viMonth(key), weeks: [], from: viDate(w.startsOn), to: viDate(w.endsOn), periods: 0, periodsByMode: ZERO_MODES(), lessons: [], contents: [] };
      months.set(key, m);
      seen.set(key, new Set());
    }
    m.weeks.push(w.week);
    m.to = viDate(w.endsOn);
    m.periods += w.periods;
    m.periodsByMode[w.mode] += w.periods;
    const ids = seen.get(key)!;
    for (const l of w.lessons) {
      if (ids.has(l.id)) continue;
      ids.add(l.id);
      m.lessons.push(l);
    }
    if (w.content.trim()) m.contents.push(w.content.trim());
  }
  return [...months.values()].sort((a, b) => a.month.localeCompare(b.month));
}

/** The year view: per semester and in all, against the subject's periods per year. */
export function yearView(weeks: readonly PlanWeek[], periodsPerYear: number | null, curriculumLessons: number): PlanCalendarView['year'] {
  const parts = new Map<number, PlanCalendarView['year']['parts'][number]>();
  const lessonsBy = new Map<number, Set<number>>();
  const all = new Set<number>();
  for (const w of weeks) {
    let p = parts.get(w.semesterNumber);
    if (!p) {
      p = { semesterNumber: w.semesterNumber, label: w.semesterNumber === 1 ? 'Học kì I' : 'Học kì II', weeks: 0, periods: 0, periodsByMode: ZERO_MODES(), lessons: 0 };
      parts.set(w.semesterNumber, p);
      lessonsBy.set(w.semesterNumber, new Set());
    }
    p.weeks += 1;
    p.periods += w.periods;
    p.periodsByMode[w.mode] += w.periods;
    for (const l of w.lessons) {
      lessonsBy.get(w.semesterNumber)!.add(l.id);
      all.add(l.id);
    }
  }
  for (const [n, p] of parts) p.lessons = lessonsBy.get(n)!.size;
  const list = [...parts.values()].sort((a, b) => a.semesterNumber - b.semesterNumber);
  return { parts: list, periods: list.reduce((s, p) => s + p.periods, 0), periodsPerYear, lessons: all.size, curriculumLessons };
}

export function calendarView(weeks: readonly PlanWeek[], periodsPerYear: number | null, curriculumLessons: number): PlanCalendarView {
  return { months: monthView(weeks), year: yearView(weeks, periodsPerYear, curriculumLessons) };
}

export type { PlanLessonRef };
