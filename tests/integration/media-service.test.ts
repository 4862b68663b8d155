// Integration test of the media service (issue "Live lessons", points 2 and 4) with real
// mediasoup 3.8.4 workers and a real ffmpeg: rooms on the least-loaded worker, queued room
// creation, WebRTC transports, the room camera's RTP ingest (an ffmpeg lavfi test pattern stands
// in for the RTSP camera), paused consumers, close events, and a worker that dies under a room.
//
// Uses UDP/TCP ports 47000-47249 on 127.0.0.1 (PHONGHOC_TEST_MEDIA_MIN_PORT overrides the start).

import t from 'tap';
import { spawnSync } from 'node:child_process';
import { createMediaService } from '../../media/src/media-service.js';
import type { MediaLogger } from '../../media/src/media-logger.js';
import type { ConsumerInfo, MediaRoom, MediaService, TransportInfo } from '../../media/src/media.types.js';

const RTC_MIN_PORT = Number(process.env['PHONGHOC_TEST_MEDIA_MIN_PORT'] ?? 47000);
const RTC_MAX_PORT = RTC_MIN_PORT + 249;
/** A test pattern with a 440 Hz tone: the room camera of the tests (small, so a busy 2-core box copes). */
const CAMERA = 'lavfi:testsrc2=size=320x180:rate=15[out0];sine=frequency=440:sample_rate=48000[out1]';

const quietLogger: MediaLogger = { debug() {}, info() {}, warn() {}, error() {} };

function alive(pid: number | undefined): boolean {
  if (pid === undefined) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Processes this test process started and that still run (ffmpeg, mediasoup-worker). */
function childProcesses(): string[] {
  const ps = spawnSync('ps', ['-o', 'pid=,comm=', '--ppid', String(process.pid)], { encoding: 'utf8' });
  return ps.stdout
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !/\sps$/.test(l));
}

async function waitFor(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Byte count of a producer before and after ~2 s. */
async function flow(room: MediaRoom, producerId: string): Promise<{ before: number; after: number }> {
  const before = await room.byteCount(producerId);
  await new Promise((r) => setTimeout(r, 2000));
  return { before, after: await room.byteCount(producerId) };
}

function eventually<T>(register: (resolve: (value: T) => void) => void, timeoutMs: number, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${what} within ${timeoutMs} ms`)), timeoutMs);
    register((value) => {
      clearTimeout(timer);
      resolve(value);
    });
  });
}

interface Teardown {
  teardown(fn: () => unknown): void;
}

async function startService(t: Teardown, minPort: number, maxPort: number): Promise<MediaService> {
  const service = await createMediaService(
    { numWorkers: 2, rtcMinPort: minPort, rtcMaxPort: maxPort, listenIp: '127.0.0.1', logLevel: 'warn', ffmpegPath: '/usr/bin/ffmpeg' },
    { logger: quietLogger },
  );
  t.teardown(() => service.close());
  return service;
}

t.test('rooms, transports, room camera ingest, consumers and close events', async (t) => {
  const service = await startService(t, RTC_MIN_PORT, RTC_MIN_PORT + 124);
  const pids = service.workerPids();
  t.equal(pids.length, 2, 'two workers');

  // Two joins at once: one room.
  const [a1, a2] = await Promise.all([service.room('lesson-a'), service.room('lesson-a')]);
  t.equal(a1, a2, 'concurrent room() calls return the same room');
  t.equal(service.existingRoom('lesson-a'), a1);
  t.equal(service.existingRoom('lesson-zzz'), undefined);
  const room = a1;
  const b = await service.room('lesson-b');
  t.not(b, room);
  const stats = await service.stats();
  t.equal(stats.rooms, 2);
  t.same(
    stats.workers.map((w) => w.rooms),
    [1, 1],
    'the second room went to the other (least-loaded) worker',
  );
  t.same(stats.workers.map((w) => w.pid).sort(), [...pids].sort());
  for (const w of stats.workers) {
    t.ok(w.cpuMs >= 0 && w.maxRssKb > 1000, `worker ${w.pid}: ${w.cpuMs} ms CPU, ${w.maxRssKb} kB`);
  }
  t.equal(stats.workerRestarts, 0);

  const caps = room.rtpCapabilities() as { codecs: { mimeType: string; parameters?: Record<string, unknown> }[] };
  const mimes = caps.codecs.map((c) => c.mimeType.toLowerCase());
  t.ok(mimes.includes('audio/opus') && mimes.includes('video/vp8'), 'router offers opus and VP8');
  const h264 = caps.codecs.filter((c) => c.mimeType.toLowerCase() === 'video/h264').map((c) => c.parameters?.['profile-level-id']);
  t.same(h264.sort(), ['42e01f', '4d0032'], 'router offers H264 baseline and main (camera forwarding)');

  // Send and receive transports for two peers.
  const transports = new Map<string, TransportInfo>();
  for (const [peerId, direction] of [
    ['teacher', 'send'],
    ['teacher', 'recv'],
    ['student', 'send'],
    ['student', 'recv'],
  ] as const) {
    const info = await room.createTransport(peerId, direction);
    transports.set(`${peerId}/${direction}`, info);
    const candidates = info.iceCandidates as { ip: string; port: number; protocol: string }[];
    t.same(candidates.map((c) => c.protocol).sort(), ['tcp', 'udp'], `${peerId} ${direction}: UDP and TCP candidates`);
    t.ok(
      candidates.every((c) => c.ip === '127.0.0.1' && c.port >= RTC_MIN_PORT && c.port <= RTC_MAX_PORT),
      `${peerId} ${direction}: on the listen IP and in the port range`,
    );
    t.ok((info.dtlsParameters as { fingerprints: unknown[] }).fingerprints.length > 0, 'DTLS fingerprints');
    t.type((info.iceParameters as { usernameFragment: unknown }).usernameFragment, 'string');
  }

  // The teacher's microphone (parameters as mediasoup-client would send; no media needed here).
  const teacherSend = transports.get('teacher/send');
  const mic = await room.produce(
    'teacher',
    teacherSend?.id ?? '',
    'audio',
    {
      mid: '0',
      codecs: [{ mimeType: 'audio/opus', payloadType: 111, clockRate: 48000, channels: 2, parameters: { useinbandfec: 1 }, rtcpFeedback: [] }],
      headerExtensions: [],
      encodings: [{ ssrc: 11111111 }],
      rtcp: { cname: 'teacher' },
    },
    'microphone',
  );
  t.match(mic, { peerId: 'teacher', kind: 'audio', source: 'microphone', paused: false });

  // The room camera: ffmpeg → VP8 + opus → PlainTransports.
  const ingest = await room.ingestRtsp(CAMERA, { audio: true });
  t.equal(ingest.producerIds.length, 2, 'a video and an audio producer');
  t.ok(alive(ingest.pid), `ffmpeg runs (pid ${ingest.pid})`);
  const cameraProducers = room.producers().filter((p) => p.source === 'room-camera');
  t.same(cameraProducers.map((p) => p.kind).sort(), ['audio', 'video']);
  const video = cameraProducers.find((p) => p.kind === 'video');
  const audio = cameraProducers.find((p) => p.kind === 'audio');
  if (video === undefined || audio === undefined) throw new Error('camera producers missing');
  const videoFlow = await flow(room, video.id);
  t.ok(videoFlow.after > videoFlow.before, `video bytes rise over 2 s (${videoFlow.before} → ${videoFlow.after})`);
  t.ok(videoFlow.after - videoFlow.before < 2 * 1_300_000 / 8 * 1.5, 'video stays near 1 Mbit/s');
  const audioBytes = await room.byteCount(audio.id);
  t.ok(audioBytes > 0, `audio bytes arrive (${audioBytes})`);

  // A student consumes the camera: paused, VP8, parameters for mediasoup-client.
  const consumer = (await room.consume('student', video.id, room.rtpCapabilities())) as ConsumerInfo;
  t.ok(consumer, 'consumer created');
  t.match(consumer, { producerId: video.id, kind: 'video', paused: true, source: 'room-camera', type: 'simple' });
  t.equal(consumer.peerId, video.peerId, 'ConsumerInfo.peerId is the producing peer');
  const rtp = consumer.rtpParameters as { codecs: { mimeType: string }[]; encodings: unknown[] };
  t.equal(rtp.codecs[0]?.mimeType, 'video/VP8');
  t.ok(rtp.encodings.length > 0, 'rtpParameters with encodings');
  await room.resumeConsumer('student', consumer.id);
  await room.setPreferredLayers('student', consumer.id, 0);
  t.type(await room.byteCount(consumer.id), 'number', 'byteCount of a consumer');
  const audioConsumer = await room.consume('student', audio.id, room.rtpCapabilities());
  t.match(audioConsumer, { kind: 'audio', paused: true });

  // A device without VP8 cannot consume the camera.
  const opusOnly = { codecs: caps.codecs.filter((c) => c.mimeType.toLowerCase() === 'audio/opus'), headerExtensions: [] };
  t.equal(await room.consume('student', video.id, opusOnly), null, 'canConsume false → null');
  await t.rejects(room.consume('nobody', video.id, room.rtpCapabilities()), { code: 'MEDIA_PEER_NOT_FOUND' });
  await t.rejects(room.consume('student', 'no-such-producer', room.rtpCapabilities()), { code: 'MEDIA_PRODUCER_NOT_FOUND' });

  // The teacher watches the camera too.
  const teacherConsumer = await room.consume('teacher', video.id, room.rtpCapabilities());
  if (teacherConsumer === null) throw new Error('teacher cannot consume');

  // Closing the student closes its consumers and reports them.
  const closedConsumers: { consumerId: string; peerId: string }[] = [];
  const producerClosed: { producerId: string; peerId: string }[] = [];
  room.on('consumerClosed', (c) => closedConsumers.push(c));
  room.on('producerClosed', (p) => producerClosed.push(p));
  room.closePeer('student');
  t.same(
    closedConsumers.map((c) => c.consumerId).sort(),
    [consumer.id, audioConsumer?.id].sort(),
    'consumerClosed for each of the student consumers',
  );
  t.ok(closedConsumers.every((c) => c.peerId === 'student'));
  await t.rejects(room.resumeConsumer('student', consumer.id), { code: 'MEDIA_PEER_NOT_FOUND' });

  // Stopping the camera closes its producers, and the teacher's consumer of it.
  closedConsumers.length = 0;
  await ingest.stop();
  t.notOk(alive(ingest.pid), 'ffmpeg is gone after stop()');
  t.same(producerClosed.map((p) => p.producerId).sort(), [...ingest.producerIds].sort(), 'producerClosed for the camera producers');
  await waitFor('the consumer of the stopped camera to close', () => closedConsumers.some((c) => c.consumerId === teacherConsumer.id), 10_000);
  t.equal(closedConsumers[0]?.peerId, 'teacher');
  t.same(room.producers().map((p) => p.id), [mic.id], 'only the microphone is left');
  await ingest.stop(); // idempotent

  // Closing the teacher reports the microphone.
  room.closePeer('teacher');
  t.ok(producerClosed.some((p) => p.producerId === mic.id && p.peerId === 'teacher'));
  t.same(room.producers(), []);

  // Closing a room.
  service.closeRoom('lesson-b');
  t.equal(b.closed, true);
  b.close(); // idempotent
  t.equal(service.existingRoom('lesson-b'), undefined);
  await t.rejects(b.createTransport('x', 'send'), { code: 'MEDIA_CLOSED' });
  t.equal((await service.stats()).rooms, 1);
  const b2 = await service.room('lesson-b');
  t.not(b2, b, 'a closed room is created afresh');

  await service.close();
  await service.close(); // idempotent
  for (const pid of pids) t.notOk(alive(pid), `worker ${pid} is gone`);
  t.same(childProcesses(), [], 'no ffmpeg or worker process left');
});

t.test('a worker that dies is replaced and its room rebuilt', async (t) => {
  const service = await startService(t, RTC_MIN_PORT + 125, RTC_MAX_PORT);
  const room = await service.room('lesson-x');
  const stats = await service.stats();
  const victim = stats.workers.find((w) => w.rooms === 1)?.pid;
  const survivor = stats.workers.find((w) => w.rooms === 0)?.pid;
  if (victim === undefined || survivor === undefined) throw new Error('cannot tell the room worker');

  await room.createTransport('teacher', 'send');
  const oldIngest = await room.ingestRtsp(CAMERA);
  const [oldVideo] = oldIngest.producerIds;
  if (oldVideo === undefined) throw new Error('no video producer');
  await waitFor('camera bytes', async () => (await room.byteCount(oldVideo)) > 0, 10_000);

  const consumerClosed: unknown[] = [];
  room.on('consumerClosed', (c) => consumerClosed.push(c));
  const started = Date.now();
  const rebuilt = eventually<void>((resolve) => room.on('rebuilt', resolve), 10_000, 'rebuilt event');
  process.kill(victim, 'SIGKILL');
  await rebuilt;
  t.pass(`room rebuilt ${Date.now() - started} ms after the kill`);

  const pids = service.workerPids();
  t.equal(pids.length, 2, 'still two workers');
  t.notOk(pids.includes(victim), 'the dead worker is gone from the pool');
  t.ok(pids.includes(survivor), 'the other worker lives on');
  const fresh = pids.find((p) => p !== survivor);
  t.ok(fresh !== undefined && alive(fresh), `a new worker (pid ${fresh})`);
  const after = await service.stats();
  t.equal(after.workerRestarts, 1, 'one restart counted');
  t.equal(after.rooms, 1);
  t.same(after.workers.map((w) => w.rooms).sort(), [0, 1], 'the room lives on one live worker');
  t.equal(service.existingRoom('lesson-x'), room, 'same MediaRoom object');
  t.equal(await service.room('lesson-x'), room);
  t.same(room.producers(), [], 'peers and producers cleared: clients reconnect');
  await t.rejects(room.byteCount(oldVideo), { code: 'MEDIA_PRODUCER_NOT_FOUND' });
  await t.rejects(room.connectTransport('teacher', 'gone', {}), { code: 'MEDIA_PEER_NOT_FOUND' });
  t.same(consumerClosed, [], 'no per-consumer noise: rebuilt says it all');
  await waitFor('the old ffmpeg to be stopped', () => !alive(oldIngest.pid), 10_000);
  await oldIngest.stop(); // still fine to call

  // The same room works again: a fresh camera ingest flows.
  const transport = await room.createTransport('teacher', 'send');
  t.type(transport.id, 'string', 'new transports on the new router');
  const ingest = await room.ingestRtsp(CAMERA);
  const [video] = ingest.producerIds;
  if (video === undefined) throw new Error('no video producer');
  const { before, after: later } = await flow(room, video);
  t.ok(later > before, `video flows again after the rebuild (${before} → ${later})`);

  await service.close();
  t.notOk(alive(ingest.pid), 'ffmpeg stopped with the service');
  for (const pid of [...pids, victim]) t.notOk(alive(pid), `worker ${pid} is gone`);
  t.same(childProcesses(), [], 'no ffmpeg or worker process left');
});
