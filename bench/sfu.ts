// The SFU carrying one class (issue "Live lessons"): a teacher in headless Chromium sends the
// microphone, the camera in three simulcast layers and a screen into a room made by
// createMediaService(); N students consume all three over SRTP PlainTransports read by this
// process. It prints a table for N = 45, 90, 135, 180; it measures, it does not pass or fail.
//
//   npx tsx bench/sfu.ts [--sizes 45,90,135,180] [--warmup 5] [--measure 15] [--join-interval 50]
//                        [--settle-max 60] [--layer 2] [--screen 1920x1080@15] [--fake-mic]
//                        [--ports 55000-55999] [--quiet PCT] [--quiet-wait 600] [--timeline]
//                        [--no-teacher-bwe]
//
// Each round starts from nothing (a fresh one-worker media service, a fresh Chromium) and closes
// everything at its end:
//   1. the teacher joins through the MediaRoom interface (createTransport, connectTransport,
//      produce: the page's signaling calls are exposed with page.exposeFunction); the bench waits
//      for the camera's three layers at the SFU, then measures the worker with the teacher alone
//      for 5 s ("teacher only");
//   2. N students join, one every --join-interval ms, overlapping. A student is a UDP socket and a
//      PlainTransport (127.0.0.1, comedia off, RTCP-mux, SRTP AES_CM_128_HMAC_SHA1_80) on the
//      room's router, with one consumer per teacher producer made as the room makes them (paused,
//      the room's priorities, the camera's preferred spatial layer), then resumed, with a key-frame
//      request for video. Join-to-first-frame: from before createPlainTransport to the first RTP
//      packet of the camera consumer at the socket (mediasoup forwards a simulcast stream from a
//      key frame on, so that packet starts a picture);
//   3. the bench waits (at most --settle-max s) until the teacher sends every camera layer and
//      every camera consumer is at the preferred layer, 3 s in a row: a burst of joins, or other
//      work on the box, can make the teacher's browser lower its bandwidth estimate for a while.
//      The table says when that never happened, and which layer the students got in the end;
//   4. after --warmup seconds, a window of --measure seconds: worker CPU, the bench's and
//      Chromium's CPU, the whole machine's, bytes and sequence-number gaps at the sockets.
// The students' packets stay encrypted: SRTP leaves the RTP header in clear, which is all the
// counting needs (SSRC, sequence number). RTCP (SRTCP, same port) is recognised and counted apart.
//
// --quiet waits before each round for the shared machine to be nearly idle (see below).
// --timeline prints a line a second (the teacher's uplink estimate, the camera layers arriving at
// the SFU, the worker's CPU); --no-teacher-bwe is a what-if, described below.
//
// The room's router is not part of the MediaRoom interface: the bench finds it, and the teacher's
// producers, through mediasoup's observer events (newworker → newrouter → newtransport → newproducer).

import { randomBytes } from 'node:crypto';
import dgram from 'node:dgram';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { build } from 'esbuild';
import * as mediasoup from 'mediasoup';
import type { types } from 'mediasoup';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createMediaService } from '../media/src/media-service.js';
import type { MediaRoom, MediaSource } from '../media/src/media.types.js';

const CHROMIUM = '/usr/bin/chromium';
const LOCAL_IP = '127.0.0.1';
const CRYPTO_SUITE: types.SrtpCryptoSuite = 'AES_CM_128_HMAC_SHA1_80';
/** AES-128 master key (16 bytes) and salt (14 bytes). */
const SRTP_KEY_BYTES = 30;
/** The priorities media-room.ts gives consumers (audio first, then the screen). */
const PRIORITY: Partial<Record<MediaSource, number>> = { microphone: 255, screen: 128 };
const USER_HZ = 100;
const FIRST_FRAME_TIMEOUT_MS = 15_000;
const STUDENT_RECV_BUFFER = 1 << 20;

// ---- options ----

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
}
function numberArg(name: string, fallback: number): number {
  const v = arg(name);
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} wants a number, got ${v}`);
  return n;
}
const sizes = (arg('sizes') ?? '45,90,135,180').split(',').map((s) => {
  const n = Number(s);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--sizes wants integers, got ${s}`);
  return n;
});
const warmupS = numberArg('warmup', 5);
const settleMaxS = numberArg('settle-max', 60);
const measureS = numberArg('measure', 15);
const joinIntervalMs = numberArg('join-interval', 50);
const layerArg = arg('layer');
const screenSpec = /^(\d+)x(\d+)@(\d+)$/.exec(arg('screen') ?? '1920x1080@15');
if (screenSpec === null) throw new Error('--screen wants WIDTHxHEIGHT@FPS');
const screen = { width: Number(screenSpec[1]), height: Number(screenSpec[2]), fps: Number(screenSpec[3]) };
const portSpec = /^(\d+)-(\d+)$/.exec(arg('ports') ?? '55000-55999');
if (portSpec === null) throw new Error('--ports wants MIN-MAX');
const rtcPorts = { min: Number(portSpec[1]), max: Number(portSpec[2]) };
const fakeMic = process.argv.includes('--fake-mic');
/** Diagnostics: a per-second line of the teacher's uplink, the camera layers at the SFU and the worker's CPU. */
const timeline = process.argv.includes('--timeline');
/**
 * What-if: the teacher's browser gets no congestion feedback from the SFU (transport-cc and REMB
 * taken out of the router capabilities its Device loads), so its estimate grows on the absence of
 * loss only and it keeps every layer on: the forwarding cost at full quality, whatever the SFU's
 * processing delay does to a real teacher's estimate. Not what the app does.
 */
const noTeacherBwe = process.argv.includes('--no-teacher-bwe');
/**
 * Waits before each round (at most --quiet-wait s) until the machine, over 5 s, is busy less than
 * --quiet % of one core: on a shared box, other work competes with the teacher's browser and the
 * worker for the same cores.
 */
const quietPct = arg('quiet') === undefined ? undefined : numberArg('quiet', 0);
const quietWaitS = numberArg('quiet-wait', 600);

// ---- /proc readers ----

/** Fields of /proc/<pid>/stat after the command name; index 0 is field 3 (state). */
function procStat(pid: number): string[] | null {
  try {
    const text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return text.slice(text.lastIndexOf(') ') + 2).split(' ');
  } catch {
    return null;
  }
}
function procCpuMs(pid: number): number {
  const f = procStat(pid);
  return f === null ? 0 : ((Number(f[11]) + Number(f[12])) * 1000) / USER_HZ;
}
/** Every live descendant of a process. */
function descendants(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const f = procStat(Number(name));
    if (f === null) continue;
    const ppid = Number(f[1]);
    children.set(ppid, [...(children.get(ppid) ?? []), Number(name)]);
  }
  const out: number[] = [];
  const queue = [root];
  while (queue.length > 0) {
    for (const child of children.get(queue.shift()!) ?? []) {
      out.push(child);
      queue.push(child);
    }
  }
  return out;
}
function procComm(pid: number): string {
  try {
    return fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return '';
  }
}
/** CPU ms of the Chromium processes this bench started (the exited ones are not counted). */
function chromiumCpuMs(): number {
  return descendants(process.pid)
    .filter((pid) => procComm(pid).startsWith('chrom'))
    .reduce((sum, pid) => sum + procCpuMs(pid), 0);
}
function procStatusKb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m?.[1] === undefined ? 0 : Number(m[1]);
}
/** The whole machine's busy and total CPU time (all cores), in USER_HZ ticks. */
function machineTicks(): { busy: number; total: number } {
  const line = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]!;
  const v = line.trim().split(/\s+/).slice(1, 9).map(Number);
  const total = v.reduce((a, b) => a + b, 0);
  return { busy: total - (v[3] ?? 0) - (v[4] ?? 0), total };
}
/** Datagrams the kernel dropped on our student sockets (receive buffer full), by local port. */
function socketDrops(ports: Set<number>): number {
  let drops = 0;
  for (const line of fs.readFileSync('/proc/net/udp', 'utf8').split('\n').slice(1)) {
    const cols = line.trim().split(/\s+/);
    const local = cols[1];
    if (local === undefined || !local.startsWith('0100007F:')) continue;
    if (ports.has(parseInt(local.slice(9), 16))) drops += Number(cols[cols.length - 1]);
  }
  return drops;
}

// ---- a student ----

/** One RTP stream at a socket: received packets and bytes, and the highest extended sequence number. */
class StreamCounter {
  received = 0;
  bytes = 0;
  maxExt = -1;
  /** The first packet's sequence number, as an extended one. */
  first = -1;
  readonly firstAt: number;
  constructor(now: number) {
    this.firstAt = now;
  }
  packet(seq: number, bytes: number): void {
    this.received++;
    this.bytes += bytes;
    if (this.maxExt < 0) {
      this.maxExt = seq;
      this.first = seq;
      return;
    }
    const last = this.maxExt & 0xffff;
    const ahead = (seq - last) & 0xffff;
    if (ahead !== 0 && ahead < 0x8000) this.maxExt += ahead; // newer (wraps included); older ones are late or repeated
  }
}

interface StreamMark {
  received: number;
  bytes: number;
  maxExt: number;
  first: number;
}

interface ProducerRef {
  id: string;
  kind: 'audio' | 'video';
  source: MediaSource;
}

class Student {
  readonly socket: dgram.Socket;
  readonly streams = new Map<number, StreamCounter>();
  readonly consumers: { consumer: types.Consumer; source: MediaSource }[] = [];
  rtcpPackets = 0;
  transport: types.PlainTransport | null = null;
  joinStartedAt = 0;
  #cameraSsrc = -1;
  #onCameraFrame: (() => void) | null = null;

  private constructor(socket: dgram.Socket) {
    this.socket = socket;
    socket.on('message', (msg) => this.#onMessage(msg));
  }

  static async open(): Promise<Student> {
    const socket = dgram.createSocket({ type: 'udp4', recvBufferSize: STUDENT_RECV_BUFFER });
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(0, LOCAL_IP, () => {
        socket.off('error', reject);
        resolve();
      });
    });
    return new Student(socket);
  }

  get port(): number {
    return this.socket.address().port;
  }

  #onMessage(msg: Buffer): void {
    if (msg.length < 12 || msg[0]! >> 6 !== 2) return;
    const second = msg[1]!;
    if (second >= 192 && second <= 223) {
      this.rtcpPackets++; // RTCP types 192-223 (RFC 5761): mediasoup's sender reports
      return;
    }
    const ssrc = msg.readUInt32BE(8);
    let stream = this.streams.get(ssrc);
    if (stream === undefined) {
      stream = new StreamCounter(performance.now());
      this.streams.set(ssrc, stream);
      if (ssrc === this.#cameraSsrc) this.#onCameraFrame?.();
    }
    stream.packet(msg.readUInt16BE(2), msg.length);
  }

  firstPacketAt(source: MediaSource): number | undefined {
    const entry = this.consumers.find((c) => c.source === source);
    const ssrc = entry?.consumer.rtpParameters.encodings?.[0]?.ssrc;
    return ssrc === undefined ? undefined : this.streams.get(ssrc)?.firstAt;
  }

  /** Joins the class; resolves with join-to-first-frame in ms, or null when no camera picture came in time. */
  async join(router: types.Router, producers: readonly ProducerRef[], rtpCapabilities: types.RtpCapabilities, cameraLayer: number): Promise<number | null> {
    this.joinStartedAt = performance.now();
    const transport = await router.createPlainTransport({
      listenIp: { ip: LOCAL_IP },
      rtcpMux: true,
      comedia: false,
      enableSrtp: true,
      srtpCryptoSuite: CRYPTO_SUITE,
    });
    this.transport = transport;
    await transport.connect({ ip: LOCAL_IP, port: this.port, srtpParameters: { cryptoSuite: CRYPTO_SUITE, keyBase64: randomBytes(SRTP_KEY_BYTES).toString('base64') } });
    let frame: Promise<void> | null = null;
    for (const p of producers) {
      if (!router.canConsume({ producerId: p.id, rtpCapabilities })) throw new Error(`a student cannot consume the ${p.source}`);
      const consumer = await transport.consume({ producerId: p.id, rtpCapabilities, paused: true });
      this.consumers.push({ consumer, source: p.source });
      const priority = PRIORITY[p.source];
      if (priority !== undefined) await consumer.setPriority(priority);
      if (p.source === 'camera') {
        await consumer.setPreferredLayers({ spatialLayer: cameraLayer });
        this.#cameraSsrc = consumer.rtpParameters.encodings?.[0]?.ssrc ?? -1;
        frame = new Promise<void>((resolve) => {
          this.#onCameraFrame = resolve;
        });
      }
      await consumer.resume();
      if (consumer.kind === 'video') await consumer.requestKeyFrame();
    }
    if (frame === null) return null;
    let timer: NodeJS.Timeout | undefined;
    const arrived = await Promise.race([
      frame.then(() => true),
      new Promise<false>((resolve) => {
        timer = setTimeout(() => resolve(false), FIRST_FRAME_TIMEOUT_MS);
      }),
    ]);
    clearTimeout(timer);
    const at = this.firstPacketAt('camera');
    return arrived && at !== undefined ? at - this.joinStartedAt : null;
  }

  mark(): Map<number, StreamMark> {
    const marks = new Map<number, StreamMark>();
    for (const [ssrc, s] of this.streams) marks.set(ssrc, { received: s.received, bytes: s.bytes, maxExt: s.maxExt, first: s.first });
    return marks;
  }

  close(): void {
    this.transport?.close();
    this.socket.close();
  }
}

/**
 * What a student's device receives: the router's opus and VP8 (with RTX, NACK, PLI, FIR as a
 * browser has them) without the congestion-control feedback and the transport-wide sequence
 * extension: the bench sends no RTCP, so mediasoup must not run a bandwidth estimate that never
 * gets feedback (it would cap the layers at its initial guess). The camera layer is then the
 * preferred one, as for a WebRTC student whose link is good.
 */
function studentCapabilities(router: types.Router): types.RtpCapabilities {
  const caps = withoutCongestionFeedback(router.rtpCapabilities);
  const vp8 = caps.codecs?.find((c) => c.mimeType.toLowerCase() === 'video/vp8');
  const wanted = (c: types.RtpCodecCapability) =>
    c.mimeType.toLowerCase() === 'audio/opus' || c === vp8 || (c.mimeType.toLowerCase() === 'video/rtx' && c.parameters?.['apt'] === vp8?.preferredPayloadType);
  return { codecs: (caps.codecs ?? []).filter(wanted), headerExtensions: caps.headerExtensions ?? [] };
}

// ---- the teacher ----

/** Capabilities without congestion-control feedback (transport-cc, REMB) and their header extensions. */
function withoutCongestionFeedback(caps: types.RtpCapabilities): types.RtpCapabilities {
  return {
    codecs: (caps.codecs ?? []).map((c) => ({ ...c, rtcpFeedback: (c.rtcpFeedback ?? []).filter((fb) => fb.type !== 'transport-cc' && fb.type !== 'goog-remb') })),
    headerExtensions: (caps.headerExtensions ?? []).filter((h) => !h.uri.includes('transport-wide-cc') && !h.uri.includes('abs-send-time')),
  };
}

async function bundleTeacherPage(): Promise<string> {
  const result = await build({
    entryPoints: [path.join(import.meta.dirname, 'sfu-page', 'teacher.js')],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'chrome110',
    write: false,
    logLevel: 'error',
  });
  const js = result.outputFiles[0]?.text;
  if (js === undefined) throw new Error('esbuild produced nothing for the teacher page');
  return js;
}

interface TeacherLayerStats {
  source: string;
  rid: string;
  width: number;
  height: number;
  fps: number;
  bytesSent: number;
  packetsSent: number;
  keyFrames: number;
  pli: number;
  limitation: string;
  active: boolean;
}

interface Teacher {
  browser: Browser;
  page: Page;
  camera: string;
  pageErrors: string[];
}

async function startTeacher(room: MediaRoom, script: string): Promise<Teacher> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream',
      '--autoplay-policy=no-user-gesture-required', '--disable-background-timer-throttling', '--disable-renderer-backgrounding',
      '--disable-backgrounding-occluded-windows', '--disable-crash-reporter', '--disable-breakpad',
    ],
  });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (err) => pageErrors.push(err.message));
    page.on('console', (m) => {
      if (m.type() === 'error') pageErrors.push(m.text());
    });
    const peerId = 'teacher';
    await page.exposeFunction('benchSignal', async (method: string, data: Record<string, unknown>) => {
      switch (method) {
        case 'rtpCapabilities':
          return noTeacherBwe ? withoutCongestionFeedback(room.rtpCapabilities() as types.RtpCapabilities) : room.rtpCapabilities();
        case 'createTransport':
          return room.createTransport(peerId, 'send');
        case 'connect':
          await room.connectTransport(peerId, String(data['transportId']), data['dtlsParameters']);
          return {};
        case 'produce': {
          const p = await room.produce(peerId, String(data['transportId']), data['kind'] as 'audio' | 'video', data['rtpParameters'], data['source'] as MediaSource);
          return { id: p.id };
        }
        default:
          throw new Error(`unknown signaling method ${method}`);
      }
    });
    // A secure origin (getUserMedia needs one) served from memory: no HTTP server.
    await context.route('http://localhost/sfu-bench/**', (route) => {
      const url = route.request().url();
      if (url.endsWith('/teacher.js')) return route.fulfill({ contentType: 'text/javascript', body: script });
      return route.fulfill({ contentType: 'text/html', body: '<!doctype html><meta charset="utf-8"><title>SFU bench teacher</title><body><script src="teacher.js"></script></body>' });
    });
    await page.goto('http://localhost/sfu-bench/');
    const started = await page.evaluate(
      (opts) => (globalThis as unknown as { startTeacher(o: typeof opts): Promise<{ camera: string }> }).startTeacher(opts),
      { fakeMic, screenWidth: screen.width, screenHeight: screen.height, screenFps: screen.fps },
    );
    return { browser, page, camera: started.camera, pageErrors };
  } catch (err) {
    await browser.close();
    throw err;
  }
}

function teacherStats(page: Page): Promise<TeacherLayerStats[]> {
  return page.evaluate(() => (globalThis as unknown as { teacherStats(): Promise<TeacherLayerStats[]> }).teacherStats());
}

/** The teacher browser's estimate of its uplink to the SFU, in kbit/s. */
async function teacherUplinkKbps(page: Page): Promise<number> {
  return (await page.evaluate(() => (globalThis as unknown as { teacherUplink(): Promise<number> }).teacherUplink())) / 1000;
}

// ---- one round ----

interface Usage {
  at: number;
  workerUserMs: number;
  workerSysMs: number;
  benchCpuMs: number;
  chromiumCpuMs: number;
  machine: { busy: number; total: number };
}

/** CPU times now: the worker's from getResourceUsage() (ru_utime, ru_stime in ms), the others' from the kernel. */
async function usage(worker: types.Worker): Promise<Usage> {
  const ru = await worker.getResourceUsage();
  const cpu = process.cpuUsage();
  return {
    at: performance.now(),
    workerUserMs: ru.ru_utime,
    workerSysMs: ru.ru_stime,
    benchCpuMs: (cpu.user + cpu.system) / 1000,
    chromiumCpuMs: chromiumCpuMs(),
    machine: machineTicks(),
  };
}
const workerMs = (u: Usage) => u.workerUserMs + u.workerSysMs;

function percentOfCore(a: Usage, b: Usage, pick: (u: Usage) => number): number {
  return ((pick(b) - pick(a)) / (b.at - a.at)) * 100;
}

function percentile(values: number[], q: number): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((x, y) => x - y);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)]!;
}

interface RoundResult {
  n: number;
  consumers: number;
  workerCpu: number;
  teacherOnlyCpu: number;
  workerUser: number;
  workerSys: number;
  workerRssMb: number;
  workerPeakMb: number;
  outMbit: number;
  packets: number;
  lost: number;
  lostPct: number;
  socketDrops: number;
  /** Packets the SFU never got from the teacher in the window (producer stats, before NACK repairs). */
  upstreamLost: number;
  /** The camera consumers' spatial layers at the end of the window, e.g. "2 ×45". */
  cameraLayers: string;
  settled: boolean;
  ff50: number;
  ff95: number;
  noFrame: number;
  benchCpu: number;
  chromiumCpu: number;
  machineBusy: number;
  /** Machine busy time not spent by this bench's processes (other work on the box). */
  others: number;
  loadStart: string;
  loadEnd: string;
  details: string[];
}

/** The mediasoup objects of the round's worker, found through mediasoup's observer. */
interface Found {
  worker: types.Worker | null;
  router: types.Router | null;
  producers: Map<string, types.Producer>;
}
const found: Found = { worker: null, router: null, producers: new Map() };
mediasoup.observer.on('newworker', (worker: types.Worker) => {
  found.worker = worker;
  worker.observer.on('newrouter', (router: types.Router) => {
    found.router = router;
    router.observer.on('newtransport', (transport: types.Transport) => {
      transport.observer.on('newproducer', (producer: types.Producer) => found.producers.set(producer.id, producer));
    });
  });
});

async function waitFor<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined> | T | undefined): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(200);
  }
}

/** Once a second: phase, teacher uplink estimate, camera layer bitrates at the SFU, worker CPU over that second. */
class Timeline {
  readonly lines: string[] = [];
  phase = 'teacher';
  #stopped = false;
  readonly #done: Promise<void>;
  constructor(worker: types.Worker, page: Page, camera: types.Producer) {
    const started = performance.now();
    this.#done = (async () => {
      let last = await usage(worker);
      while (!this.#stopped) {
        await sleep(1000);
        if (this.#stopped) break;
        try {
          const now = await usage(worker);
          const uplink = await teacherUplinkKbps(page);
          const layers = (await camera.getStats()).map((x) => `${x.rid ?? '?'}:${(x.bitrate / 1000).toFixed(0)}`).sort().join(' ');
          this.lines.push(`${((now.at - started) / 1000).toFixed(0).padStart(4)} s ${this.phase.padEnd(8)} uplink ${uplink.toFixed(0).padStart(5)} kbit/s, camera at SFU ${layers}, worker ${percentOfCore(last, now, workerMs).toFixed(1)}%`);
          last = now;
        } catch {
          break; // the round is closing
        }
      }
    })();
  }
  async stop(): Promise<void> {
    this.#stopped = true;
    await this.#done;
  }
}

const loadavg = () => os.loadavg().map((l) => l.toFixed(2)).join(' ');
const log = (msg: string) => process.stderr.write(`[sfu-bench] ${msg}\n`);

async function round(n: number, script: string): Promise<RoundResult> {
  const loadAtStart = loadavg();
  found.worker = null;
  found.router = null;
  found.producers.clear();
  const service = await createMediaService({ numWorkers: 1, rtcMinPort: rtcPorts.min, rtcMaxPort: rtcPorts.max, listenIp: LOCAL_IP, logLevel: 'warn' });
  const students: Student[] = [];
  let teacher: Teacher | null = null;
  let stopTimeline = (): Promise<void> => Promise.resolve();
  try {
    const workerPid = service.workerPids()[0]!;
    const room = await service.room(`sfu-bench-${n}`);
    const router = await waitFor('the room router', 5000, () => found.router ?? undefined);
    const worker = found.worker!;
    teacher = await startTeacher(room, script);
    const producers: ProducerRef[] = room.producers().map((p) => ({ id: p.id, kind: p.kind, source: p.source }));
    const camera = producers.find((p) => p.source === 'camera');
    if (producers.length !== 3 || camera === undefined) throw new Error(`the teacher has ${producers.length} producers`);
    const cameraProducer = found.producers.get(camera.id)!;
    const layers = cameraProducer.rtpParameters.encodings?.length ?? 1;
    const cameraLayer = layerArg === undefined ? layers - 1 : Number(layerArg);
    const tl = timeline ? new Timeline(worker, teacher.page, cameraProducer) : null;
    stopTimeline = () => tl?.stop() ?? Promise.resolve();
    // The teacher's browser ramps up its send rate: wait for every simulcast layer at the SFU.
    const rampStart = performance.now();
    let allLayersAlone = false;
    while (!allLayersAlone && performance.now() - rampStart < 60_000) {
      allLayersAlone = (await cameraProducer.getStats()).filter((x) => x.bitrate > 0).length >= layers;
      if (!allLayersAlone) await sleep(500);
    }
    if (!allLayersAlone) log(`N=${n}: the teacher alone did not send every camera layer within 60 s; going on`);
    await sleep(3000);
    const uplinkAlone = await teacherUplinkKbps(teacher.page);
    const t0 = await usage(worker);
    await sleep(5000);
    const teacherOnlyCpu = percentOfCore(t0, await usage(worker), workerMs);

    // Students join, one every joinIntervalMs, overlapping.
    if (tl !== null) tl.phase = 'joins';
    for (let i = 0; i < n; i++) students.push(await Student.open());
    const caps = studentCapabilities(router);
    const joinStart = performance.now();
    const joins: Promise<number | null>[] = [];
    for (const student of students) {
      joins.push(student.join(router, producers, caps, cameraLayer));
      if (joinIntervalMs > 0) await sleep(joinIntervalMs);
    }
    const firstFrames = await Promise.all(joins);
    const joinSeconds = (performance.now() - joinStart) / 1000;
    const ff = firstFrames.filter((x): x is number => x !== null);
    const firstPacket = (source: MediaSource) =>
      students.flatMap((s) => {
        const at = s.firstPacketAt(source);
        return at === undefined ? [] : [at - s.joinStartedAt];
      });
    const screenFirst = firstPacket('screen');
    const audioFirst = firstPacket('microphone');
    const uplinkAfterJoins = await teacherUplinkKbps(teacher.page);
    // A burst of joins (key-frame requests, a busy worker) can make the teacher's browser lower its
    // send-side bandwidth estimate and switch layers off; it ramps back up in its own time. The
    // window measures the class in its steady state: wait until every camera layer is sent again
    // and every student's camera consumer is at the preferred layer, 3 s in a row (at most
    // --settle-max s).
    if (tl !== null) tl.phase = 'settle';
    const settleStart = performance.now();
    const wantedLayer = Math.min(cameraLayer, layers - 1);
    let settled = false;
    let steadyChecks = 0;
    while (performance.now() - settleStart < settleMaxS * 1000) {
      const sending = (await cameraProducer.getStats()).filter((x) => x.bitrate > 0).length;
      const atLayer = students.every((st) => st.consumers.find((c) => c.source === 'camera')?.consumer.currentLayers?.spatialLayer === wantedLayer);
      steadyChecks = sending >= layers && atLayer ? steadyChecks + 1 : 0;
      if (steadyChecks >= 3) {
        settled = true;
        break;
      }
      await sleep(1000);
    }
    const settleSeconds = (performance.now() - settleStart) / 1000;
    log(`N=${n}: ${n} joined in ${joinSeconds.toFixed(1)} s; ${settled ? 'steady' : 'NOT steady'} after ${settleSeconds.toFixed(0)} s more; warming up ${warmupS} s`);
    if (tl !== null) tl.phase = 'warm-up';
    await sleep(warmupS * 1000);

    // The measured window.
    if (tl !== null) tl.phase = 'window';
    const ports = new Set(students.map((s) => s.port));
    const teacherProducers = producers.map((p) => found.producers.get(p.id)!);
    const upstreamLost = async () => (await Promise.all(teacherProducers.map((p) => p.getStats()))).flat().reduce((sum, x) => sum + (x.packetsLost ?? 0), 0);
    const upLost0 = await upstreamLost();
    const stats0 = await teacherStats(teacher.page);
    const uplink0 = await teacherUplinkKbps(teacher.page);
    const marks0 = students.map((s) => s.mark());
    const drops0 = socketDrops(ports);
    const rtcp0 = students.reduce((sum, s) => sum + s.rtcpPackets, 0);
    const u0 = await usage(worker);
    await sleep(measureS * 1000);
    const u1 = await usage(worker);
    const marks1 = students.map((s) => s.mark());
    const drops1 = socketDrops(ports);
    const rtcp1 = students.reduce((sum, s) => sum + s.rtcpPackets, 0);
    const stats1 = await teacherStats(teacher.page);
    const upLost1 = await upstreamLost();
    await stopTimeline();
    const uplink1 = await teacherUplinkKbps(teacher.page);
    const wallS = (u1.at - u0.at) / 1000;

    let bytes = 0;
    let packets = 0;
    let expected = 0;
    const bySource = new Map<string, { packets: number; bytes: number; missing: number }>();
    students.forEach((student, i) => {
      for (const [ssrc, end] of marks1[i]!) {
        const start = marks0[i]!.get(ssrc);
        const received = end.received - (start?.received ?? 0);
        // Packets the stream numbered in the window: from the last one before it (or its first one).
        const ext = start === undefined ? end.maxExt - end.first + 1 : end.maxExt - start.maxExt;
        bytes += end.bytes - (start?.bytes ?? 0);
        packets += received;
        expected += Math.max(ext, received);
        const source = student.consumers.find((c) => c.consumer.rtpParameters.encodings?.[0]?.ssrc === ssrc)?.source ?? 'other (rtx)';
        const entry = bySource.get(source) ?? { packets: 0, bytes: 0, missing: 0 };
        entry.packets += received;
        entry.missing += Math.max(ext, received) - received;
        entry.bytes += end.bytes - (start?.bytes ?? 0);
        bySource.set(source, entry);
      }
    });
    const lost = expected - packets;

    // The teacher's side, and where the students' camera consumers ended.
    const sendRates = stats1.map((s) => {
      const before = stats0.find((x) => x.source === s.source && x.rid === s.rid);
      const kbps = before === undefined ? NaN : ((s.bytesSent - before.bytesSent) * 8) / wallS / 1000;
      const pps = before === undefined ? NaN : (s.packetsSent - before.packetsSent) / wallS;
      const picture = s.width > 0 ? ` ${s.width}x${s.height}@${Math.round(s.fps)}` : '';
      const limit = s.limitation !== '' && s.limitation !== 'none' ? ` limited by ${s.limitation}` : '';
      return `${s.source}${s.rid === '' ? '' : `/${s.rid}`}${picture} ${kbps.toFixed(0)} kbit/s ${pps.toFixed(0)} pkt/s${limit}${s.active ? '' : ' (inactive)'}`;
    });
    const keyFrames = stats1.filter((s) => s.source === 'camera').reduce((sum, s) => sum + s.keyFrames, 0);
    const layerCounts = new Map<string, number>();
    for (const s of students) {
      const c = s.consumers.find((x) => x.source === 'camera')?.consumer;
      const l = c?.currentLayers;
      const key = l === undefined ? 'none' : `spatial ${l.spatialLayer}/temporal ${l.temporalLayer ?? '-'}`;
      layerCounts.set(key, (layerCounts.get(key) ?? 0) + 1);
    }
    const perSource = [...bySource].map(([source, v]) => `${source} ${(v.packets / wallS / Math.max(1, n)).toFixed(0)} pkt/s ${((v.bytes * 8) / wallS / Math.max(1, n) / 1000).toFixed(0)} kbit/s${v.missing > 0 ? ` (${v.missing} missing in all)` : ''}`);

    const result: RoundResult = {
      n,
      consumers: students.reduce((sum, s) => sum + s.consumers.length, 0),
      workerCpu: percentOfCore(u0, u1, workerMs),
      teacherOnlyCpu,
      workerUser: percentOfCore(u0, u1, (u) => u.workerUserMs),
      workerSys: percentOfCore(u0, u1, (u) => u.workerSysMs),
      workerRssMb: procStatusKb(workerPid, 'VmRSS') / 1024,
      workerPeakMb: procStatusKb(workerPid, 'VmHWM') / 1024,
      outMbit: (bytes * 8) / wallS / 1e6,
      packets,
      lost,
      lostPct: expected > 0 ? (lost / expected) * 100 : 0,
      socketDrops: drops1 - drops0,
      upstreamLost: upLost1 - upLost0,
      cameraLayers: [...layerCounts].map(([k, v]) => `${k.replace(/^spatial (\S+)\/.*$/, '$1')} ×${v}`).join(', '),
      settled,
      ff50: percentile(ff, 0.5),
      ff95: percentile(ff, 0.95),
      noFrame: firstFrames.length - ff.length,
      benchCpu: percentOfCore(u0, u1, (u) => u.benchCpuMs),
      chromiumCpu: percentOfCore(u0, u1, (u) => u.chromiumCpuMs),
      machineBusy: ((u1.machine.busy - u0.machine.busy) / (u1.machine.total - u0.machine.total)) * 100 * os.availableParallelism(),
      others: NaN,
      loadStart: loadAtStart.split(' ')[0]!,
      loadEnd: loadavg().split(' ')[0]!,
      details: [
        `teacher sends (browser's outbound-rtp over the window; camera asked ${teacher.camera}): ${sendRates.join('; ')}; camera key frames encoded so far ${keyFrames}`,
        `each student receives: ${perSource.join('; ')}; RTCP ${((rtcp1 - rtcp0) / wallS / Math.max(1, n)).toFixed(1)} pkt/s`,
        `teacher's uplink estimate (Chromium send-side BWE): ${uplinkAlone.toFixed(0)} kbit/s alone, ${uplinkAfterJoins.toFixed(0)} after the joins, ${uplink0.toFixed(0)} → ${uplink1.toFixed(0)} over the window; ${settled ? '' : 'NOT '}steady ${settleSeconds.toFixed(0)} s after the joins`,
        `camera consumers at: ${[...layerCounts].map(([k, v]) => `${k} ×${v}`).join(', ')}; joins took ${joinSeconds.toFixed(1)} s; camera first frame max ${ff.length > 0 ? Math.max(...ff).toFixed(0) : '–'} ms, screen first packet p50 ${percentile(screenFirst, 0.5).toFixed(0)} ms, audio first packet p50 / p95 ${percentile(audioFirst, 0.5).toFixed(0)} / ${percentile(audioFirst, 0.95).toFixed(0)} ms (no key frame to wait for: the signaling part of a join)`,
        `window ${wallS.toFixed(1)} s: ${packets} packets to the students, ${lost} missing (sequence gaps), ${drops1 - drops0} dropped by the kernel on full student sockets; the SFU saw ${upLost1 - upLost0} packets lost from the teacher (before NACK repairs); worker RSS ${(procStatusKb(workerPid, 'VmRSS') / 1024).toFixed(1)} MB now, peak ${(procStatusKb(workerPid, 'VmHWM') / 1024).toFixed(1)} MB`,
        ...(tl === null ? [] : ['timeline:', ...tl.lines.map((l) => `  ${l}`)]),
        ...(teacher.pageErrors.length > 0 ? [`page errors: ${teacher.pageErrors.slice(0, 3).join(' | ')}`] : []),
      ],
    };
    result.others = result.machineBusy - result.workerCpu - result.benchCpu - result.chromiumCpu;
    return result;
  } finally {
    await stopTimeline();
    for (const s of students) s.close();
    await teacher?.browser.close().catch(() => undefined);
    await service.close();
  }
}

// ---- main ----

const version = (pkg: string) =>
  (JSON.parse(fs.readFileSync(path.join(import.meta.dirname, '..', 'node_modules', pkg, 'package.json'), 'utf8')) as { version: string }).version;
const startLoad = loadavg();
log(`load average at start: ${startLoad}; rounds N = ${sizes.join(', ')}`);
const script = await bundleTeacherPage();
const results: RoundResult[] = [];
let chromiumVersion = '';
{
  const b = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] });
  chromiumVersion = b.version();
  await b.close();
}
/** Machine busy time over a few seconds, in % of one core. */
async function machineBusyPct(ms: number): Promise<number> {
  const a = machineTicks();
  await sleep(ms);
  const b = machineTicks();
  return ((b.busy - a.busy) / (b.total - a.total)) * 100 * os.availableParallelism();
}

async function waitForQuiet(limit: number): Promise<number> {
  const deadline = performance.now() + quietWaitS * 1000;
  let busy = await machineBusyPct(5000);
  while (busy >= limit && performance.now() < deadline) {
    log(`machine busy ${busy.toFixed(0)}% of a core (load ${loadavg()}); waiting for < ${limit}%`);
    busy = await machineBusyPct(5000);
  }
  return busy;
}

for (const n of sizes) {
  if (quietPct !== undefined) {
    const busy = await waitForQuiet(quietPct);
    log(`machine busy ${busy.toFixed(0)}% of a core before the round${busy >= quietPct ? ' (never got quieter: going on)' : ''}`);
  }
  log(`round N=${n} (load ${loadavg()})`);
  const r = await round(n, script);
  log(`N=${n}: worker ${r.workerCpu.toFixed(1)}% of a core, lost ${r.lostPct.toFixed(3)}%, first frame p50 ${r.ff50.toFixed(0)} ms`);
  results.push(r);
}
const endLoad = loadavg();

const f1 = (x: number) => (Number.isNaN(x) ? '–' : x.toFixed(1));
const f0 = (x: number) => (Number.isNaN(x) ? '–' : x.toFixed(0));
const cpu = os.cpus()[0]?.model ?? 'unknown';
console.log(`\nPhonghoc SFU bench — one class: teacher (mic, camera ×3 simulcast, screen) → N SRTP PlainTransport students — ${new Date().toISOString()}`);
console.log(`machine: ${os.availableParallelism()} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB; node ${process.versions.node}, mediasoup ${mediasoup.version} (1 worker), mediasoup-client ${version('mediasoup-client')}, playwright-core ${version('playwright-core')}, Chromium ${chromiumVersion}`);
console.log(`teacher: ${noTeacherBwe ? 'NO congestion feedback from the SFU (--no-teacher-bwe what-if)' : 'as the app (transport-cc send-side bandwidth estimation)'}; camera consumers prefer spatial layer ${layerArg ?? 'top'}; screen canvas ${screen.width}x${screen.height}@${screen.fps}; mic ${fakeMic ? 'fake device' : 'speech-like Web Audio'}; joins every ${joinIntervalMs} ms; warm-up ${warmupS} s, window ${measureS} s`);
console.log(`load average (1/5/15 min): ${startLoad} at start, ${endLoad} at end\n`);
console.log('| N | consumers | worker CPU % of 1 core (user + sys) | teacher only | worker RSS MB (peak) | out Mbit/s | packets lost at students (%) | lost teacher → SFU | camera layer sent (students) | first frame p50 / p95 ms | bench CPU % | Chromium CPU % | machine busy % of 1 core (others) | load avg 1 min (start → end) |');
console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---|');
for (const r of results) {
  const noFrame = r.noFrame > 0 ? ` (${r.noFrame} none)` : '';
  console.log(`| ${r.n} | ${r.consumers} | ${f1(r.workerCpu)} (${f1(r.workerUser)} + ${f1(r.workerSys)}) | ${f1(r.teacherOnlyCpu)} | ${f1(r.workerRssMb)} (${f1(r.workerPeakMb)}) | ${f1(r.outMbit)} | ${r.lost} (${r.lostPct.toFixed(3)}) | ${r.upstreamLost} | ${r.cameraLayers}${r.settled ? '' : ' (not steady)'} | ${f0(r.ff50)} / ${f0(r.ff95)}${noFrame} | ${f1(r.benchCpu)} | ${f1(r.chromiumCpu)} | ${f0(r.machineBusy)} (${f0(r.others)}) | ${r.loadStart} → ${r.loadEnd} |`);
}
console.log('');
for (const r of results) {
  console.log(`N=${r.n}:`);
  for (const d of r.details) console.log(`  - ${d}`);
}
