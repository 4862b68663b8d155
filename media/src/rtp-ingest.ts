// The room camera (an ONVIF/RTSP IP camera) into a room: ffmpeg reads the stream, re-encodes it
// to VP8 (and opus) and sends plain RTP to PlainTransports whose producers browsers consume.
// mediasoup cannot ask ffmpeg for a key frame (no RTCP feedback), so ffmpeg makes one every
// second: a student who joins waits at most that long for a picture. Restarts are the caller's.

import { randomInt } from 'node:crypto';
import type { types } from 'mediasoup';
import { MediaError } from './media-error.js';
import type { MediaLogger } from './media-logger.js';
import { ManagedProcess } from './managed-process.js';

/** An ffmpeg input: a URL, and a demuxer when it is not implied by the URL (e.g. lavfi). */
export interface IngestInput {
  url: string;
  format?: string | undefined;
}

/** Where one encoded stream goes: a PlainTransport's ports, with the producer's PT and SSRC. */
export interface IngestTarget {
  kind: 'audio' | 'video';
  port: number;
  rtcpPort: number;
  payloadType: number;
  ssrc: number;
}

export interface RtpIngestOptions {
  router: types.Router;
  input: IngestInput;
  audio: boolean;
  ffmpegPath: string;
  logger: MediaLogger;
  /** Put on the transports and producers (peerId, source). */
  appData?: Record<string, unknown>;
  /** How long start() waits for ffmpeg's first RTP packet before returning anyway. */
  firstPacketTimeoutMs?: number;
}

const VIDEO_PAYLOAD_TYPE = 101;
const AUDIO_PAYLOAD_TYPE = 100;
const LOCAL_IP = '127.0.0.1';

/**
 * `lavfi:<filtergraph>` is an ffmpeg lavfi source (test patterns for tests and demos); any other
 * string is an ffmpeg input URL as is (rtsp://… for cameras).
 */
export function parseIngestUrl(url: string): IngestInput {
  if (url.startsWith('lavfi:')) return { url: url.slice('lavfi:'.length), format: 'lavfi' };
  return { url };
}

/** The URL without its password, for logs. */
export function redactUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)([^/@]*)@/i, (_m, scheme: string) => `${scheme}***@`);
}

function rtpUrl(target: IngestTarget): string {
  return `rtp://${LOCAL_IP}:${target.port}?rtcpport=${target.rtcpPort}&pkt_size=1200`;
}

export function ingestFfmpegArgs(input: IngestInput, targets: readonly IngestTarget[]): string[] {
  const args = ['-hide_banner', '-nostdin', '-nostats', '-loglevel', 'warning', '-re'];
  if (/^rtsps?:\/\//i.test(input.url)) {
    // TCP: no UDP loss between the camera and us; the timeout (µs) ends ffmpeg when the camera goes.
    args.push('-rtsp_transport', 'tcp', '-timeout', '10000000');
  }
  if (input.format !== undefined) args.push('-f', input.format);
  args.push('-i', input.url);
  for (const target of targets) {
    if (target.kind === 'video') {
      args.push(
        '-map', '0:v:0',
        '-vf', "scale=w='min(640,iw)':h='min(360,ih)':force_original_aspect_ratio=decrease:force_divisible_by=2,format=yuv420p",
        '-c:v', 'libvpx',
        '-deadline', 'realtime',
        '-cpu-used', '8',
        '-lag-in-frames', '0',
        '-auto-alt-ref', '0',
        '-error-resilient', '1',
        '-b:v', '900k',
        '-maxrate', '1000k',
        '-bufsize', '1000k',
        // A key frame every second whatever the frame rate; -g caps the distance as well.
        '-force_key_frames', 'expr:gte(t,n_forced*1)',
        '-g', '60',
      );
    } else {
      args.push('-map', '0:a:0', '-c:a', 'libopus', '-b:a', '64k', '-ar', '48000', '-ac', '2', '-application', 'lowdelay');
    }
    args.push('-f', 'rtp', '-ssrc', String(target.ssrc), '-payload_type', String(target.payloadType), rtpUrl(target));
  }
  return args;
}

function codecFor(kind: 'audio' | 'video'): types.RtpCodecParameters {
  return kind === 'video'
    ? { mimeType: 'video/VP8', payloadType: VIDEO_PAYLOAD_TYPE, clockRate: 90000, rtcpFeedback: [] }
    : { mimeType: 'audio/opus', payloadType: AUDIO_PAYLOAD_TYPE, clockRate: 48000, channels: 2, parameters: { 'sprop-stereo': 1 }, rtcpFeedback: [] };
}

export class RtpIngest {
  readonly transports: readonly types.PlainTransport[];
  readonly producers: readonly types.Producer[];
  readonly #process: ManagedProcess;
  readonly #logger: MediaLogger;
  #stopping: Promise<void> | null = null;

  private constructor(transports: types.PlainTransport[], producers: types.Producer[], ffmpeg: ManagedProcess, logger: MediaLogger, input: IngestInput) {
    this.transports = transports;
    this.producers = producers;
    this.#process = ffmpeg;
    this.#logger = logger;
    void ffmpeg.exited.then((exit) => {
      const details = { pid: ffmpeg.pid, url: redactUrl(input.url), ...exit, stderr: ffmpeg.stderrTail() };
      if (this.#stopping === null) this.#logger.warn(details, 'room camera ffmpeg exited');
      else this.#logger.info(details, 'room camera ffmpeg stopped');
    });
  }

  /** Creates the transports and producers, starts ffmpeg and waits for its first packet. */
  static async start(opts: RtpIngestOptions): Promise<RtpIngest> {
    const { router, input, logger } = opts;
    const appData = opts.appData ?? {};
    const transports: types.PlainTransport[] = [];
    const producers: types.Producer[] = [];
    const targets: IngestTarget[] = [];
    let ingest: RtpIngest | undefined;
    try {
      for (const kind of opts.audio ? (['video', 'audio'] as const) : (['video'] as const)) {
        const transport = await router.createPlainTransport({
          listenIp: { ip: LOCAL_IP },
          rtcpMux: false,
          comedia: true,
          appData: { ...appData, direction: 'send' },
        });
        transports.push(transport);
        const ssrc = randomInt(1, 2 ** 31); // ffmpeg's -ssrc is a signed 32-bit option
        const codec = codecFor(kind);
        const producer = await transport.produce({ kind, rtpParameters: { codecs: [codec], encodings: [{ ssrc }] }, appData });
        producers.push(producer);
        const rtcpPort = transport.rtcpTuple?.localPort;
        if (rtcpPort === undefined) throw new Error('PlainTransport without an RTCP port');
        targets.push({ kind, port: transport.tuple.localPort, rtcpPort, payloadType: codec.payloadType, ssrc });
      }
      const ffmpeg = await ManagedProcess.spawn(opts.ffmpegPath, ingestFfmpegArgs(input, targets));
      ingest = new RtpIngest(transports, producers, ffmpeg, logger, input);
      const video = transports[0];
      if (video !== undefined) await ingest.#firstPacket(video, opts.firstPacketTimeoutMs ?? 10_000, redactUrl(input.url));
      return ingest;
    } catch (err) {
      if (ingest !== undefined) await ingest.stop();
      for (const t of transports) t.close();
      throw err;
    }
  }

  get pid(): number | undefined {
    return this.#process.pid;
  }

  get running(): boolean {
    return this.#process.running;
  }

  stderrTail(): string[] {
    return this.#process.stderrTail();
  }

  /** Kills ffmpeg (SIGTERM, then SIGKILL) and closes the producers and transports. Idempotent. */
  stop(): Promise<void> {
    this.#stopping ??= (async () => {
      await this.#process.stop('SIGTERM', 2000);
      for (const t of this.transports) t.close();
    })();
    return this.#stopping;
  }

  /** Resolves at ffmpeg's first RTP packet (comedia learnt its address); rejects if ffmpeg ends first. */
  async #firstPacket(transport: types.PlainTransport, timeoutMs: number, url: string): Promise<void> {
    if (transport.tuple.remotePort !== undefined) return;
    let onTuple: (() => void) | undefined;
    let timer: NodeJS.Timeout | undefined;
    const outcome = await Promise.race([
      new Promise<'packet'>((resolve) => {
        onTuple = () => resolve('packet');
        transport.once('tuple', onTuple);
      }),
      this.#process.exited.then(() => 'exited' as const),
      new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), timeoutMs);
      }),
    ]);
    clearTimeout(timer);
    if (onTuple !== undefined) transport.off('tuple', onTuple);
    if (outcome === 'exited') {
      const tail = this.#process.stderrTail().slice(-5).join(' | ');
      throw new MediaError('MEDIA_FFMPEG_FAILED', `ffmpeg ended before sending media from ${url}: ${tail}`);
    }
    if (outcome === 'timeout') this.#logger.warn({ url, timeoutMs }, 'room camera: no media yet, ffmpeg keeps trying');
  }
}
