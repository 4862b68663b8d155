// Integration test of lesson recording (issue "Live lessons", point 7) with a real mediasoup
// 3.8.4 worker and a real ffmpeg: a test pattern with a tone is ingested as the room camera,
// both producers are recorded for ~3 s through PlainTransports → ffmpeg (-c copy) into WebM, and
// ffprobe must find VP8 and opus in the file.
//
// Uses UDP/TCP ports 47250-47499 on 127.0.0.1 (PHONGHOC_TEST_MEDIA_REC_MIN_PORT overrides the start).

import t from 'tap';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createMediaService } from '../../media/src/media-service.js';
import type { MediaLogger } from '../../media/src/media-logger.js';

const RTC_MIN_PORT = Number(process.env['PHONGHOC_TEST_MEDIA_REC_MIN_PORT'] ?? 47250);
const RTC_MAX_PORT = RTC_MIN_PORT + 249;
/** A test pattern with a 440 Hz tone (small, so a busy 2-core box copes). */
const CAMERA = 'lavfi:testsrc2=size=320x180:rate=15[out0];sine=frequency=440:sample_rate=48000[out1]';

const warnings: string[] = [];
const logger: MediaLogger = {
  debug() {},
  info() {},
  warn: (obj, msg) => warnings.push(`${msg} ${JSON.stringify(obj)}`),
  error: (obj, msg) => warnings.push(`${msg} ${JSON.stringify(obj)}`),
};

function alive(pid: number | undefined): boolean {
  if (pid === undefined) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function childProcesses(): string[] {
  const ps = spawnSync('ps', ['-o', 'pid=,comm=', '--ppid', String(process.pid)], { encoding: 'utf8' });
  return ps.stdout
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !/\sps$/.test(l));
}

async function waitFor(what: string, check: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

t.test('records a camera with audio into WebM (VP8 + opus)', async (t) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'phonghoc-rec-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const service = await createMediaService(
    { numWorkers: 1, rtcMinPort: RTC_MIN_PORT, rtcMaxPort: RTC_MAX_PORT, listenIp: '127.0.0.1', logLevel: 'warn' },
    { logger },
  );
  t.teardown(() => service.close());
  const [workerPid] = service.workerPids();

  const room = await service.room('lesson-rec');
  const ingest = await room.ingestRtsp(CAMERA, { audio: true });
  t.equal(ingest.producerIds.length, 2);

  const file = path.join(dir, 'lessons', 'lesson-rec.webm');
  const recording = await room.record(ingest.producerIds, file);
  t.equal(recording.file, file);
  t.ok(recording.startedAt instanceof Date);
  t.ok(existsSync(path.join(dir, 'lessons', 'lesson-rec.sdp')), 'the SDP file is written next to the output');
  await new Promise((r) => setTimeout(r, 3000));
  const result = await recording.stop();
  t.equal(result.file, file);
  t.ok(result.durationMs >= 2900 && result.durationMs < 10_000, `duration ${result.durationMs} ms`);
  t.ok(existsSync(file), 'the WebM exists');
  t.equal(result.bytes, statSync(file).size, 'bytes = file size');
  t.ok(result.bytes > 10_000, `the WebM has ${result.bytes} bytes`);
  t.notOk(existsSync(path.join(dir, 'lessons', 'lesson-rec.sdp')), 'the SDP file is removed after stop');
  t.same(await recording.stop(), result, 'stop() is idempotent');

  const probe = spawnSync('ffprobe', ['-v', 'error', '-show_entries', 'stream=codec_name', '-of', 'csv=p=0', file], { encoding: 'utf8' });
  t.equal(probe.status, 0, `ffprobe reads the file (${probe.stderr.trim()})`);
  const codecs = probe.stdout.split('\n').map((l) => l.trim()).filter(Boolean).sort();
  t.same(codecs, ['opus', 'vp8'], 'ffprobe lists vp8 and opus');
  const decode = spawnSync('ffmpeg', ['-v', 'error', '-i', file, '-map', '0:v', '-f', 'null', '-'], { encoding: 'utf8' });
  t.equal(decode.status, 0, 'the video decodes');
  t.equal(decode.stderr.trim(), '', 'without decoder errors');

  // Nothing that cannot go into WebM, and unknown producers, are refused.
  await t.rejects(room.record(['no-such-producer'], path.join(dir, 'x.webm')), { code: 'MEDIA_PRODUCER_NOT_FOUND' });
  await t.rejects(room.record([], path.join(dir, 'x.webm')), { code: 'MEDIA_NOT_RECORDABLE' });

  // A recording still running when the room closes is finished, not lost (ffmpeg gets no more
  // packets then: a second SIGINT has to break its blocking read).
  const secondFile = path.join(dir, 'second.webm');
  const second = await room.record(ingest.producerIds, secondFile);
  await waitFor('the second recording to write media', () => existsSync(secondFile) && statSync(secondFile).size > 0, 20_000);
  await new Promise((r) => setTimeout(r, 1000));
  service.closeRoom('lesson-rec');
  const secondResult = await second.stop();
  t.ok(secondResult.bytes > 0, `the recording cut by the room's close is finished (${secondResult.bytes} bytes)`);
  t.notOk(alive(ingest.pid), 'the camera ffmpeg stopped with the room');

  await service.close();
  t.notOk(alive(workerPid), 'worker gone');
  t.same(childProcesses(), [], 'no ffmpeg or worker process left');
  t.same(warnings, [], 'nothing logged as a warning or error');
});
