import type { Client } from './app.js';

/**
 * A slot for a lesson that is open right now: from five minutes ago for forty minutes, cut at
 * the end of Vietnam's school day (a lesson may not cross midnight, UTC+7).
 */
export function slotNow(now = new Date()): { startsAt: string; endsAt: string } {
  const start = new Date(now.getTime() - 5 * 60_000);
  const vnMidnight = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + (now.getUTCHours() >= 17 ? 1 : 0), 17, 0, 0) - 60_000);
  const end = new Date(Math.min(now.getTime() + 40 * 60_000, vnMidnight.getTime()));
  return { startsAt: start.toISOString(), endsAt: end.toISOString() };
}

/** Schedules a lesson now for the teacher's first class × subject assignment in `className`. */
export async function scheduleLessonNow(teacher: Client, opts: { className: string; recordingAllowed?: boolean }): Promise<{ lessonId: number; classId: number }> {
  const me = (await teacher.request({ url: '/api/auth/me' })).json() as { personId: number };
  const assignments = (await teacher.request({ url: `/api/assignments?teacherId=${me.personId}` })).json() as { classId: number; className: string; subjectId: number }[];
  const a = assignments.find((x) => x.className === opts.className);
  if (!a) throw new Error(`the teacher teaches nothing in ${opts.className}`);
  const res = await teacher.request({ method: 'POST', url: '/api/live-lessons', payload: { classId: a.classId, subjectId: a.subjectId, topic: 'Bài 5: Phân số bằng nhau', mode: 'supporting', recordingAllowed: opts.recordingAllowed ?? false, ...slotNow() } });
  if (res.statusCode !== 200) throw new Error(`schedule failed: ${res.body}`);
  return { lessonId: (res.json() as { id: number }).id, classId: a.classId };
}
