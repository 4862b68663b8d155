import fs from 'node:fs';
import path from 'node:path';
import t from 'tap';
import { buildTestApp } from '../helpers/app.js';
import { scheduleLessonNow } from '../helpers/live.js';
import { LiveRoom } from '../../server/src/domain/live-room/live-room.js';
import type { PeerChannel } from '../../server/src/domain/live-room/live-peer.js';
import { recordingPolicy } from '../../server/src/data/recording-budget.js';
import { DEMO_PRINCIPAL_ID, DEMO_TEACHER_ID, DEMO_STUDENT_ID, DEMO_PARENT_LOGIN } from '../../server/src/domain/demo/demo-school.js';
import { isDomainError } from '../../server/src/domain/shared/errors.js';

/**
 * Recording a lesson (issue "Live lessons", point 7) with the real media service: the room camera
 * is an ffmpeg test pattern (lavfi), recorded through PlainTransport → ffmpeg → WebM under the
 * data directory, gated by the school's setting and disk budget, then played back with HTTP
 * ranges by a student of the class and refused to a parent.
 */
t.test('recording a live lesson', async (t) => {
  const { app, services, login } = await buildTestApp(t, 'sqlite', { demo: 'small' });
  const teacher = await login(DEMO_TEACHER_ID);
  const principal = await login(DEMO_PRINCIPAL_ID);
  const { lessonId } = await scheduleLessonNow(teacher, { className: '6A1', recordingAllowed: true });
  const recordingsDir = path.join(services.dataDir, 'recordings');
  fs.mkdirSync(recordingsDir, { recursive: true });

  const media = await (await services.liveRooms.media()).room(`rec-${lessonId}`);
  const notes: string[] = [];
  const channel: PeerChannel = { notify: (m) => notes.push(m), close: () => undefined };
  const room = new LiveRoom({
    info: await services.liveLessons.info(lessonId),
    media,
    records: services.liveRecords,
    camera: { streamUrl: async () => 'lavfi:testsrc2=size=320x180:rate=15' },
    recordingsDir,
    recordingPolicy: recordingPolicy(services.settings, recordingsDir),
    onEnded: () => undefined,
  });
  t.teardown(() => room.end());
  const me = (await teacher.request({ url: '/api/auth/me' })).json();
  const peer = room.attach(me.personId, me.fullName, 'teacher', channel);
  await room.handle(peer, 'join', { rtpCapabilities: { codecs: [], headerExtensions: [] } });
  const cam = await room.handle(peer, 'startRoomCamera', {});
  t.equal(cam.producerIds.length, 1, 'the room camera produces');

  const refusal = async (p: Promise<unknown>) => p.then(() => 'ok', (e: unknown) => (isDomainError(e) ? e.code : String(e)));
  t.equal(await refusal(room.handle(peer, 'startRecording', {})), 'LIVE_RECORDING_NOT_ALLOWED', 'off until the principal allows it');

  t.equal((await principal.request({ method: 'PUT', url: '/api/settings/recording', payload: { allowed: true, budgetGb: 0.0001 } })).statusCode, 200);
  t.equal(await refusal(room.handle(peer, 'startRecording', {})), 'LIVE_RECORDING_DISK_FULL', 'a budget of 100 kB is too small');
  t.equal((await teacher.request({ method: 'PUT', url: '/api/settings/recording', payload: { allowed: true, budgetGb: 5 } })).statusCode, 403, 'only the principal changes it');
  await principal.request({ method: 'PUT', url: '/api/settings/recording', payload: { allowed: true, budgetGb: 5 } });

  t.equal(await refusal(room.handle(peer, 'startRecording', {})), 'ok');
  t.ok(notes.includes('recording'), 'participants are told the lesson is being recorded');
  await new Promise((r) => setTimeout(r, 4000));
  await room.handle(peer, 'stopRecording', {});

  const list = (await teacher.request({ url: `/api/live-lessons/${lessonId}/recordings` })).json() as { id: number; file: string; bytes: number; durationMs: number }[];
  t.equal(list.length, 1);
  const rec = list[0]!;
  t.ok(rec.bytes > 10_000, `${rec.bytes} bytes recorded`);
  t.notOk(path.isAbsolute(rec.file), 'stored relative to the data directory');

  const student = await login(DEMO_STUDENT_ID);
  const url = `/api/live-lessons/${lessonId}/recordings/${rec.id}/video`;
  const whole = await student.request({ url });
  t.equal(whole.statusCode, 200);
  t.equal(whole.headers['content-type'], 'video/webm');
  t.equal(whole.rawPayload.subarray(0, 4).toString('hex'), '1a45dfa3', 'a Matroska/WebM file');
  const part = await student.request({ url, headers: { range: 'bytes=100-1099' } });
  t.equal(part.statusCode, 206);
  t.equal(part.rawPayload.length, 1000);
  t.equal(part.headers['content-range'], `bytes 100-1099/${whole.rawPayload.length}`);
  t.equal((await student.request({ url, headers: { range: 'bytes=999999999-' } })).statusCode, 416);
  const parent = await login(DEMO_PARENT_LOGIN);
  t.equal((await parent.request({ url })).statusCode, 403);
  void app;
});
