// The media module's small parts, without mediasoup: the recorder's SDP and ffmpeg arguments,
// the room camera's ffmpeg arguments, URL handling, the child-process helper (stderr tail,
// SIGINT repeated for a blocked ffmpeg, SIGKILL after the timeout), the serial queue and the
// recorder's even UDP port pairs.

import t from 'tap';
import { createSocket } from 'node:dgram';
import { ManagedProcess } from '../../media/src/managed-process.js';
import { recorderFfmpegArgs, sdpFileFor } from '../../media/src/recorder.js';
import { recordingSdp, sdpStreamOf } from '../../media/src/recording-sdp.js';
import { ingestFfmpegArgs, parseIngestUrl, redactUrl } from '../../media/src/rtp-ingest.js';
import { SerialQueue } from '../../media/src/serial-queue.js';
import { boundUdpPorts, freeEvenPortPair } from '../../media/src/udp-ports.js';

t.test('recording SDP from consumer rtpParameters', async (t) => {
  const audio = sdpStreamOf(
    'audio',
    {
      codecs: [{ mimeType: 'audio/opus', payloadType: 100, clockRate: 48000, channels: 2, parameters: { minptime: 10, useinbandfec: 1 } }],
      encodings: [{ ssrc: 1234 }],
    },
    40000,
  );
  const video = sdpStreamOf('video', { codecs: [{ mimeType: 'video/VP8', payloadType: 101, clockRate: 90000 }], encodings: [{ ssrc: 5678 }] }, 40002);
  const sdp = recordingSdp([audio, video]);
  t.equal(
    sdp,
    [
      'v=0',
      'o=- 0 0 IN IP4 127.0.0.1',
      's=Phonghoc recording',
      'c=IN IP4 127.0.0.1',
      't=0 0',
      'm=audio 40000 RTP/AVP 100',
      'a=rtpmap:100 opus/48000/2',
      'a=fmtp:100 minptime=10;useinbandfec=1',
      'a=ssrc:1234 cname:phonghoc-recorder',
      'a=recvonly',
      'm=video 40002 RTP/AVP 101',
      'a=rtpmap:101 VP8/90000',
      'a=ssrc:5678 cname:phonghoc-recorder',
      'a=recvonly',
      '',
    ].join('\r\n'),
  );
  t.throws(() => sdpStreamOf('video', { codecs: [] }, 1), /no codec/);
});

t.test('recorder ffmpeg arguments', async (t) => {
  t.equal(sdpFileFor('/data/rec/lesson-12.webm'), '/data/rec/lesson-12.sdp', 'the SDP sits next to the output');
  const args = recorderFfmpegArgs('/d/x.sdp', '/d/x.webm');
  const joined = args.join(' ');
  t.match(joined, /-protocol_whitelist file,rtp,udp/);
  t.match(joined, /-localaddr 127\.0\.0\.1/, 'listens on loopback only');
  t.match(joined, /-i \/d\/x\.sdp .*-c copy -f webm/, 'copies into WebM');
  t.equal(args.at(-1), '/d/x.webm');
  t.match(joined, /-progress pipe:1/);
});

t.test('room camera ffmpeg arguments', async (t) => {
  const targets = [
    { kind: 'video' as const, port: 41000, rtcpPort: 41001, payloadType: 101, ssrc: 22222 },
    { kind: 'audio' as const, port: 41010, rtcpPort: 41011, payloadType: 100, ssrc: 11111 },
  ];
  const rtsp = ingestFfmpegArgs(parseIngestUrl('rtsp://cam:secret@10.0.0.9/stream1'), targets).join(' ');
  t.match(rtsp, /-re -rtsp_transport tcp -timeout \d+ -i rtsp:\/\/cam:secret@10\.0\.0\.9\/stream1/, 'RTSP over TCP, read in real time');
  t.match(rtsp, /-map 0:v:0 .*-c:v libvpx .*-b:v 900k -maxrate 1000k/, 'VP8 at most 1 Mbit/s');
  t.match(rtsp, /min\(640,iw\).*min\(360,ih\)/, 'at most 640×360, else the source size');
  t.match(rtsp, /-force_key_frames expr:gte\(t,n_forced\*1\)/, 'a key frame every second');
  t.match(rtsp, /-ssrc 22222 -payload_type 101 rtp:\/\/127\.0\.0\.1:41000\?rtcpport=41001&pkt_size=1200/);
  t.match(rtsp, /-map 0:a:0 -c:a libopus .*-ssrc 11111 -payload_type 100 rtp:\/\/127\.0\.0\.1:41010\?rtcpport=41011&pkt_size=1200/);

  const lavfi = ingestFfmpegArgs(parseIngestUrl('lavfi:testsrc2=size=320x180'), targets.slice(0, 1)).join(' ');
  t.match(lavfi, /-re -f lavfi -i testsrc2=size=320x180 /, 'lavfi: sources pass as a lavfi input');
  t.notMatch(lavfi, /rtsp_transport|libopus/);
  const file = ingestFfmpegArgs(parseIngestUrl('/srv/demo.mp4'), targets.slice(0, 1));
  t.same(file.slice(file.indexOf('-i'), file.indexOf('-i') + 2), ['-i', '/srv/demo.mp4'], 'other inputs pass as is');

  t.equal(redactUrl('rtsp://admin:12345@192.168.1.64:554/Streaming/Channels/101'), 'rtsp://***@192.168.1.64:554/Streaming/Channels/101');
  t.equal(redactUrl('rtsp://192.168.1.64/live'), 'rtsp://192.168.1.64/live');
});

t.test('ManagedProcess: stderr tail, exit, stop', async (t) => {
  const script = 'for (let i = 0; i < 50; i++) console.error("line " + i); process.exit(3)';
  const p = await ManagedProcess.spawn(process.execPath, ['-e', script], { tailLines: 5 });
  const exit = await p.exited;
  t.same(exit, { code: 3, signal: null });
  t.same(p.stderrTail(), ['line 45', 'line 46', 'line 47', 'line 48', 'line 49'], 'the last lines are kept');
  t.equal(p.running, false);

  await t.rejects(ManagedProcess.spawn('/nonexistent/ffmpeg', []), { code: 'MEDIA_FFMPEG_FAILED' });

  // Like ffmpeg blocked in a read: the first SIGINT is noted, the second one ends it.
  const stubborn = 'let n = 0; process.on("SIGINT", () => { if (++n === 2) process.exit(0); }); setInterval(() => {}, 1000); console.error("ready")';
  const s = await ManagedProcess.spawn(process.execPath, ['-e', stubborn]);
  while (s.stderrTail().length === 0) await new Promise((r) => setTimeout(r, 20));
  const started = Date.now();
  t.same(await s.stop('SIGINT', 5000, { repeatAfterMs: 300 }), { code: 0, signal: null }, 'a repeated SIGINT ends it');
  t.ok(Date.now() - started < 3000);

  const deaf = 'process.on("SIGTERM", () => {}); setInterval(() => {}, 1000); console.error("ready")';
  const d = await ManagedProcess.spawn(process.execPath, ['-e', deaf]);
  while (d.stderrTail().length === 0) await new Promise((r) => setTimeout(r, 20));
  t.same(await d.stop('SIGTERM', 300), { code: null, signal: 'SIGKILL' }, 'SIGKILL after the timeout');
  t.same(await d.stop(), { code: null, signal: 'SIGKILL' }, 'stop() after the exit answers at once');

  const lines: string[] = [];
  const o = await ManagedProcess.spawn(process.execPath, ['-e', 'process.stdout.write("a=1\\nb=2\\n")'], { onStdoutLine: (l) => lines.push(l) });
  await o.exited;
  t.same(lines, ['a=1', 'b=2'], 'stdout lines reach the callback');
});

t.test('SerialQueue runs tasks one at a time, whatever their outcome', async (t) => {
  const queue = new SerialQueue();
  const order: string[] = [];
  const slow = queue.push(async () => {
    order.push('a:start');
    await new Promise((r) => setTimeout(r, 50));
    order.push('a:end');
    return 'a';
  });
  const failing = queue.push(async () => {
    order.push('b');
    throw new Error('b failed');
  });
  const last = queue.push(async () => {
    order.push('c');
    return 'c';
  });
  t.equal(await slow, 'a');
  await t.rejects(failing, /b failed/);
  t.equal(await last, 'c');
  t.same(order, ['a:start', 'a:end', 'b', 'c']);
});

t.test('free even UDP port pairs', async (t) => {
  const reserved = new Set<number>();
  for (let i = 0; i < 5; i++) {
    const p = await freeEvenPortPair(reserved, { min: 47000, max: 47999 });
    t.equal(p % 2, 0, `${p} is even`);
    t.notOk(reserved.has(p), 'not handed out twice');
    t.ok(p + 1 < 47000 || p > 47999, 'outside the avoided range');
    reserved.add(p).add(p + 1);
  }
  // A bound port shows in /proc/net/udp.
  const socket = createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  t.ok((await boundUdpPorts()).has(socket.address().port), 'boundUdpPorts() sees a bound socket');
  socket.close();
});
