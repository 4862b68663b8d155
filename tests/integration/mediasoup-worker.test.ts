// Integration test of the patched mediasoup 3.8.4 worker built by
// scripts/build-mediasoup-worker.mjs (root postinstall):
//   - it links Debian's OpenSSL 3 dynamically, with no vendored OpenSSL 1.x inside;
//   - a real Worker, Router (opus + VP8), WebRtcTransport and PlainTransport work,
//     and RTP sent over UDP to the PlainTransport reaches a Producer;
//   - the build script is idempotent: a second run does not rebuild.
//
// Needs the worker built (npm install, or `node scripts/build-mediasoup-worker.mjs`).
// Uses UDP/TCP ports 46000-46099 on 127.0.0.1 (PHONGHOC_TEST_RTC_MIN_PORT overrides the start).

import t from 'tap';
import * as mediasoup from 'mediasoup';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { builtWorkerPath, mediasoupWorkerPath, parseLibsslSoname, workerBuildInfo } from '../../media/src/worker-binary.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const BUILD_SCRIPT = path.join(ROOT, 'scripts', 'build-mediasoup-worker.mjs');
const PATCH_FILE = path.join(ROOT, 'media', 'patches', 'mediasoup-3.8.4.patch');
const RTC_MIN_PORT = Number(process.env['PHONGHOC_TEST_RTC_MIN_PORT'] ?? 46000);
const RTC_MAX_PORT = RTC_MIN_PORT + 99;

const info = workerBuildInfo();
// Not a skip: without the worker the media server cannot run, so this must fail.
const notBuilt = info.exists
  ? null
  : `mediasoup worker not found at ${info.path}: run \`node scripts/build-mediasoup-worker.mjs\` (npm install runs it)`;

function inPortRange(port: number): boolean {
  return Number.isInteger(port) && port >= RTC_MIN_PORT && port <= RTC_MAX_PORT;
}

t.test('worker binary links the system OpenSSL 3, not a vendored static copy', async (t) => {
  if (notBuilt) return t.fail(notBuilt);
  t.equal(info.path, mediasoupWorkerPath(), 'workerBuildInfo() reports the path mediasoup uses');
  t.equal(info.linkedOpenSsl, 'libssl.so.3', 'workerBuildInfo() parses libssl.so.3');

  const ldd = spawnSync('ldd', [info.path], { encoding: 'utf8' });
  t.equal(ldd.status, 0, 'ldd succeeds (dynamic executable)');
  const lines = ldd.stdout.split('\n');
  const ssl = lines.find((l) => /^\s*libssl\.so\.3\s+=>\s+\//.test(l));
  const crypto = lines.find((l) => /^\s*libcrypto\.so\.3\s+=>\s+\//.test(l));
  t.ok(ssl, `ldd shows libssl.so.3 resolved: ${ssl?.trim()}`);
  t.ok(crypto, `ldd shows libcrypto.so.3 resolved: ${crypto?.trim()}`);
  t.notOk(/not found/.test(ldd.stdout), 'no unresolved shared library');
  t.notOk(/libssl\.so\.1/.test(ldd.stdout), 'no OpenSSL 1.1 shared library');

  // The vendored OpenSSL 1.1.1k, linked with --whole-archive, would embed its
  // version string ("OpenSSL 1.1.1k  25 Mar 2021") in the binary.
  const bin = readFileSync(info.path);
  t.equal(bin.indexOf('OpenSSL 1.'), -1, 'binary does not embed an OpenSSL 1.x version string');
  t.equal(bin.indexOf('OpenSSL 3.'), -1, 'binary does not embed a static OpenSSL 3 either');
});

t.test('parseLibsslSoname', async (t) => {
  t.equal(
    parseLibsslSoname(
      '\tlinux-vdso.so.1 (0x00007ffd)\n\tlibssl.so.3 => /lib/x86_64-linux-gnu/libssl.so.3 (0x00007f)\n',
    ),
    'libssl.so.3',
  );
  t.equal(parseLibsslSoname('\tlibssl.so.3 => not found\n'), null, 'unresolved libssl is not "linked"');
  t.equal(parseLibsslSoname('\tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x1)\n'), null);
  t.equal(parseLibsslSoname('\tnot a dynamic executable\n'), null);
});

t.test('worker, router, WebRtcTransport and PlainTransport', async (t) => {
  if (notBuilt) return t.fail(notBuilt);
  t.equal(mediasoup.version, '3.8.4', 'mediasoup 3.8.4');

  const worker = await mediasoup.createWorker({
    logLevel: 'warn',
    rtcMinPort: RTC_MIN_PORT,
    rtcMaxPort: RTC_MAX_PORT,
  });
  let died: unknown = null;
  worker.on('died', (err: unknown) => {
    died = err;
  });
  t.teardown(() => {
    if (!worker.closed) worker.close();
  });

  t.type(worker.pid, 'number', 'worker has a pid');
  t.ok(worker.pid > 0);
  t.equal(worker.closed, false);
  const usage = await worker.getResourceUsage();
  t.type(usage.ru_maxrss, 'number', 'getResourceUsage() answers over the channel');

  const router = await worker.createRouter({
    mediaCodecs: [
      { kind: 'audio', mimeType: 'audio/opus', clockRate: 48000, channels: 2 },
      { kind: 'video', mimeType: 'video/VP8', clockRate: 90000, parameters: {} },
    ],
  });
  t.type(router.id, 'string');
  const codecs = router.rtpCapabilities.codecs ?? [];
  const opus = codecs.find((c) => c.mimeType.toLowerCase() === 'audio/opus');
  const vp8 = codecs.find((c) => c.mimeType.toLowerCase() === 'video/vp8');
  t.ok(opus, 'router offers opus');
  t.equal(opus?.clockRate, 48000);
  t.equal(opus?.channels, 2);
  t.ok(vp8, 'router offers VP8');
  t.equal(vp8?.clockRate, 90000);
  t.ok(
    codecs.some((c) => c.mimeType.toLowerCase() === 'video/rtx' && c.parameters?.['apt'] === vp8?.preferredPayloadType),
    'VP8 has an RTX codec',
  );

  // WebRtcTransport on loopback.
  const webrtc = await router.createWebRtcTransport({
    listenIps: [{ ip: '127.0.0.1' }],
    enableUdp: true,
    enableTcp: true,
    preferUdp: true,
  });
  t.type(webrtc.id, 'string');
  t.equal(webrtc.iceRole, 'controlled');
  t.equal(webrtc.iceState, 'new');
  t.equal(webrtc.dtlsState, 'new');
  t.ok(webrtc.iceParameters.usernameFragment.length >= 4, 'ICE ufrag');
  t.ok(webrtc.iceParameters.password.length >= 22, 'ICE password');
  t.equal(webrtc.iceParameters.iceLite, true, 'mediasoup is ICE-lite');
  const protocols = webrtc.iceCandidates.map((c) => c.protocol).sort();
  t.same(protocols, ['tcp', 'udp'], 'one UDP and one TCP candidate');
  for (const c of webrtc.iceCandidates) {
    t.equal(c.ip, '127.0.0.1', `${c.protocol} candidate on 127.0.0.1`);
    t.ok(inPortRange(c.port), `${c.protocol} candidate port ${c.port} within ${RTC_MIN_PORT}-${RTC_MAX_PORT}`);
    t.equal(c.type, 'host');
  }
  const udpCandidate = webrtc.iceCandidates.find((c) => c.protocol === 'udp');
  const tcpCandidate = webrtc.iceCandidates.find((c) => c.protocol === 'tcp');
  t.ok((udpCandidate?.priority ?? 0) > (tcpCandidate?.priority ?? 0), 'preferUdp: UDP candidate has higher priority');
  t.equal(webrtc.dtlsParameters.role, 'auto');
  // The DTLS certificate and its fingerprints are made by OpenSSL in the worker.
  const sha256 = webrtc.dtlsParameters.fingerprints.find((f) => f.algorithm === 'sha-256');
  t.match(sha256?.value ?? '', /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/, 'DTLS sha-256 fingerprint');
  const dump = (await webrtc.dump()) as { id?: string };
  t.equal(dump.id, webrtc.id, 'transport dump() answers');

  // PlainTransport (no RTCP mux), connected to a fixed remote.
  const plain = await router.createPlainTransport({
    listenIp: { ip: '127.0.0.1' },
    rtcpMux: false,
    comedia: false,
    enableSrtp: true,
  });
  t.equal(plain.tuple.localIp, '127.0.0.1');
  t.equal(plain.tuple.protocol, 'udp');
  t.ok(inPortRange(plain.tuple.localPort), `PlainTransport RTP port ${plain.tuple.localPort} in range`);
  t.ok(plain.rtcpTuple, 'separate RTCP tuple without rtcpMux');
  t.ok(inPortRange(plain.rtcpTuple?.localPort ?? -1), 'RTCP port in range');
  t.equal(plain.srtpParameters?.cryptoSuite, 'AES_CM_128_HMAC_SHA1_80', 'default SRTP crypto suite');
  t.equal(Buffer.from(plain.srtpParameters?.keyBase64 ?? '', 'base64').length, 30, 'SRTP master key + salt = 30 bytes');
  await plain.connect({
    ip: '127.0.0.1',
    port: 5004,
    rtcpPort: 5005,
    srtpParameters: { cryptoSuite: 'AES_CM_128_HMAC_SHA1_80', keyBase64: Buffer.alloc(30, 7).toString('base64') },
  });
  t.equal(plain.tuple.remoteIp, '127.0.0.1');
  t.equal(plain.tuple.remotePort, 5004);
  t.equal(plain.rtcpTuple?.remotePort, 5005);

  // PlainTransport with comedia: send plain RTP (opus) to it and watch the Producer count it.
  const ingest = await router.createPlainTransport({ listenIp: '127.0.0.1', rtcpMux: true, comedia: true });
  t.equal(ingest.rtcpTuple, undefined, 'no RTCP tuple with rtcpMux');
  const ssrc = 0x1234abcd;
  const producer = await ingest.produce({
    kind: 'audio',
    rtpParameters: {
      codecs: [{ mimeType: 'audio/opus', payloadType: 111, clockRate: 48000, channels: 2 }],
      encodings: [{ ssrc }],
    },
  });
  t.equal(producer.kind, 'audio');
  t.equal(producer.type, 'simple');

  const sock = createSocket('udp4');
  t.teardown(() => sock.close());
  await new Promise<void>((resolve) => sock.bind(0, '127.0.0.1', resolve));
  let bytes = 0;
  for (let i = 0; i < 50 && bytes === 0; i++) {
    const pkt = Buffer.alloc(12 + 40, 0xaa);
    pkt[0] = 0x80; // V=2
    pkt[1] = 111; // PT
    pkt.writeUInt16BE(1000 + i, 2);
    pkt.writeUInt32BE(960 * i, 4);
    pkt.writeUInt32BE(ssrc, 8);
    await new Promise<void>((resolve, reject) =>
      sock.send(pkt, ingest.tuple.localPort, '127.0.0.1', (err) => (err ? reject(err) : resolve())),
    );
    await new Promise((r) => setTimeout(r, 20));
    if (i % 5 === 4) {
      const stats = await producer.getStats();
      bytes = stats.reduce((sum, s) => sum + (s.byteCount ?? 0), 0);
    }
  }
  t.ok(bytes > 0, `producer received RTP over UDP (${bytes} bytes)`);
  t.equal(ingest.tuple.remoteIp, '127.0.0.1', 'comedia learnt the remote address');

  // Close everything.
  worker.close();
  t.equal(worker.closed, true, 'worker closed');
  t.equal(router.closed, true, 'router closed with the worker');
  t.equal(webrtc.closed, true, 'WebRtcTransport closed');
  t.equal(plain.closed, true, 'PlainTransport closed');
  t.equal(ingest.closed, true);
  t.equal(producer.closed, true);
  t.equal(died, null, 'worker did not die');
});

t.test('build script is idempotent: a second run does not rebuild', async (t) => {
  if (notBuilt) return t.fail(notBuilt);
  const bin = builtWorkerPath();
  // Do not start a real multi-minute build from the test (spawnSync's timeout would
  // orphan make): the stamp must already match the patch, as after `npm install`.
  const stampFile = path.join(path.dirname(bin), '.phonghoc-stamp');
  const patchHash = createHash('sha256').update(readFileSync(PATCH_FILE)).digest('hex');
  let stampHash: unknown = null;
  try {
    stampHash = (JSON.parse(readFileSync(stampFile, 'utf8')) as { patchSha256?: unknown }).patchSha256;
  } catch {
    // missing or unreadable stamp
  }
  if (stampHash !== patchHash) {
    return t.fail(`worker build is stale (stamp ${String(stampHash)} != patch ${patchHash}): run \`node scripts/build-mediasoup-worker.mjs\``);
  }
  const mtimeBefore = statSync(bin).mtimeMs;
  const env = { ...process.env };
  delete env['PHONGHOC_SKIP_WORKER_BUILD'];
  const started = Date.now();
  const r = spawnSync(process.execPath, [BUILD_SCRIPT], { cwd: ROOT, env, encoding: 'utf8', timeout: 20_000 });
  const ms = Date.now() - started;
  t.equal(r.status, 0, `exit 0 (stderr: ${r.stderr.trim()})`);
  t.match(r.stdout, /mediasoup worker up to date/, 'prints "up to date"');
  t.notMatch(r.stdout, /make -C|applied/, 'no patching, no make');
  t.ok(ms < 10_000, `finished fast (${ms} ms)`);
  t.equal(statSync(bin).mtimeMs, mtimeBefore, 'worker binary untouched');

  const skipped = spawnSync(process.execPath, [BUILD_SCRIPT], {
    cwd: ROOT,
    env: { ...env, PHONGHOC_SKIP_WORKER_BUILD: '1' },
    encoding: 'utf8',
    timeout: 20_000,
  });
  t.equal(skipped.status, 0);
  t.match(skipped.stdout, /PHONGHOC_SKIP_WORKER_BUILD=1: skipping/, 'skip variable honoured and explained');
});
