import t from 'tap';
import { buildTestApp } from '../helpers/app.js';
import { scheduleLessonNow } from '../helpers/live.js';
import { LogFile, readLogs, recentProblems } from '../../server/src/logs/log-file.js';
import { DEMO_IT_ID, DEMO_TEACHER_ID } from '../../server/src/domain/demo/demo-school.js';

t.test('IT console actions', async (t) => {
  const { services, login } = await buildTestApp(t, 'sqlite', { demo: 'small' });
  const it = await login(DEMO_IT_ID);

  await t.test('logs: written to a rotating file, recent problems listed, downloadable', async (t) => {
    const log = new LogFile(services.dataDir, 2000);
    const line = (level: number, msg: string) => `${JSON.stringify({ level, time: Date.now(), msg })}\n`;
    for (let i = 0; i < 40; i++) log.write(line(30, `request ${i}`));
    log.write(line(50, 'camera ingest failed'));
    log.write(line(40, 'disk nearly full'));
    await new Promise<void>((r) => log.end(r));
    t.ok(readLogs(services.dataDir).length <= 4000, 'at most the current and one previous file');
    t.same(recentProblems(services.dataDir).map((p) => p.msg), ['disk nearly full', 'camera ingest failed'], 'newest first, warnings and errors only');
    const res = await it.request({ url: '/api/system/logs' });
    t.equal(res.statusCode, 200);
    t.match(res.headers['content-disposition'], /attachment; filename="phonghoc-/);
    t.match(res.body, /disk nearly full/);
    t.equal((await it.request({ url: '/api/system/problems' })).json().length, 2);
  });

  await t.test('restart the kiosk: only on balena', async (t) => {
    const res = await it.request({ method: 'POST', url: '/api/system/kiosk/restart' });
    t.equal(res.statusCode, 409);
    t.equal(res.json().error.code, 'NOT_ON_BALENA');
  });

  await t.test('restart media: refused while a lesson is live, done otherwise', async (t) => {
    const teacher = await login(DEMO_TEACHER_ID);
    const { lessonId } = await scheduleLessonNow(teacher, { className: '6A1' });
    const room = await services.liveRooms.open(lessonId);
    const pidsBefore = services.liveRooms.workerPids();
    t.ok(pidsBefore.length > 0, 'media workers run for the lesson');
    const refused = await it.request({ method: 'POST', url: '/api/system/media/restart' });
    t.equal(refused.json().error.code, 'LIVE_LESSON_IN_PROGRESS');
    await room.end();
    const ok = await it.request({ method: 'POST', url: '/api/system/media/restart' });
    t.same(ok.json(), { ok: true, restarted: true });
    const pidsAfter = services.liveRooms.workerPids();
    t.ok(pidsAfter.length > 0 && pidsAfter.every((p) => !pidsBefore.includes(p)), 'new worker processes');
    t.equal((await teacher.request({ method: 'POST', url: '/api/system/media/restart' })).statusCode, 403);
  });

  await t.test('update report: none after a normal start', async (t) => {
    t.same((await it.request({ url: '/api/system/update-report' })).json(), { report: null });
  });
});
