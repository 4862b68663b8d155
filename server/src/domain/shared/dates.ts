/** Vietnam's calendar day: a school's "today" does not change at 07:00 local time (UTC midnight). */
export const SCHOOL_TIME_ZONE = 'Asia/Ho_Chi_Minh';

export function todayInVietnam(now: Date = new Date()): string {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone: SCHOOL_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}
