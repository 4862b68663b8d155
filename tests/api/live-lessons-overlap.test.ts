import t from 'tap';
import { buildTestApp, type Client } from '../helpers/app.js';
import { dialects } from '../helpers/db.js';
import { scheduleLessonNow, slotNow } from '../helpers/live.js';
import { DEMO_TEACHER_ID } from '../../server/src/domain/demo/demo-school.js';

/**
 * A lesson occupies its class's and teacher's slot (no two at once) until it ends: a lesson
 * ended early frees the rest of its slot.
 */
async function scheduleFromNow(teacher: Client, classId: number): Promise<number> {
  const me = (await teacher.request({ url: '/api/auth/me' })).json() as { personId: number };
  const a = ((await teacher.request({ url: `/api/assignments?teacherId=${me.personId}` })).json() as { classId: number; subjectId: number }[]).find((x) => x.classId === classId)!;
  // Starts one minute from now (slotNow starts five minutes before the time it is given).
  const res = await teacher.request({ method: 'POST', url: '/api/live-lessons', payload: { classId, subjectId: a.subjectId, topic: 'Bài 6: So sánh phân số', mode: 'supporting', recordingAllowed: false, ...slotNow(new Date(Date.now() + 6 * 60_000)) } });
  if (res.statusCode !== 200) throw new Error(res.body);
  return (res.json() as { id: number }).id;
}

for (const dialect of dialects()) {
  t.test(`overlap of live lessons (${dialect})`, async (t) => {
    const { services, login } = await buildTestApp(t, dialect, { demo: 'small' });
    const teacher = await login(DEMO_TEACHER_ID);
    const first = await scheduleLessonNow(teacher, { className: '6A1' });
    await t.rejects(scheduleFromNow(teacher, first.classId), /LIVE_LESSON_OVERLAP/, 'the rest of the slot is taken while the lesson is scheduled');

    await services.liveLessons.markLive(first.lessonId, new Date(Date.now() - 60_000));
    await t.rejects(scheduleFromNow(teacher, first.classId), /LIVE_LESSON_OVERLAP/, 'and while it is live');

    await services.liveLessons.markEnded(first.lessonId, new Date(Date.now() - 1000));
    const second = await scheduleFromNow(teacher, first.classId);
    t.ok(second > first.lessonId, 'ended early: the rest of the slot is free again');
    await t.rejects(scheduleLessonNow(teacher, { className: '6A1' }), /LIVE_LESSON_OVERLAP/, 'the time the first lesson was live is still its own');
  });
}
