// Recording a lesson (issue "Live lessons", point 7): each producer is consumed on its own
// PlainTransport that sends plain RTP to a local port; ffmpeg reads those ports through an SDP
// file and copies the packets into WebM (no transcoding, so recording costs little CPU).
// Consumers start paused and are resumed once ffmpeg listens, with a key-frame request, so the
// file starts with a picture. SIGINT lets ffmpeg finish the file.

import { mkdir, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { types } from 'mediasoup';
import { recorderRtpCapabilities } from './media-codecs.js';
import { MediaError } from './media-error.js';
import type { MediaLogger } from './media-logger.js';
import { ManagedProcess } from './managed-process.js';
import { recordingSdp, sdpStreamOf, type SdpStream } from './recording-sdp.js';
import { freeEvenPortPair, waitForUdpPorts, type PortRange } from './udp-ports.js';

export interface RecordingOptions {
  router: types.Router;
  producers: readonly types.Producer[];
  file: string;
  ffmpegPath: string;
  logger: MediaLogger;
  /** The WebRTC port range, kept clear of the recorder's ports. */
  avoidPorts?: PortRange | undefined;
  /** How long stop() waits for ffmpeg to finish the file after SIGINT before SIGKILL. */
  stopTimeoutMs?: number;
}

export interface RecordingResult {
  file: string;
  bytes: number;
  durationMs: number;
}

const LOCAL_IP = '127.0.0.1';
/**
 * ffmpeg first probes the streams (until a VP8 key frame shows the picture size: about a second,
 * more on a busy box) and only then writes media; a SIGINT before that leaves an empty file.
 * stop() therefore waits for the first written media, at most this long.
 */
const FIRST_MEDIA_WAIT_MS = 8000;

/** Ports handed to recorders of this process and not yet released. */
const reservedPorts = new Set<number>();

export function sdpFileFor(file: string): string {
  const parsed = path.parse(file);
  return path.join(parsed.dir, `${parsed.name}.sdp`);
}

export function recorderFfmpegArgs(sdpFile: string, file: string): string[] {
  return [
    '-hide_banner', '-nostdin', '-nostats', '-loglevel', 'warning',
    // Progress on stdout: tells when media is being written (see FIRST_MEDIA_WAIT_MS).
    '-progress', 'pipe:1', '-stats_period', '0.25',
    '-protocol_whitelist', 'file,rtp,udp',
    // Listen on loopback only: nobody else may inject packets into a recording.
    '-localaddr', LOCAL_IP,
    '-fflags', '+genpts',
    // The picture size comes from the first VP8 key frame: wait up to 30 s of media for it (a
    // camera switched on late), but no longer than needed (no frame-rate probing for a copy).
    '-analyzeduration', '30000000',
    '-probesize', '50000000',
    '-fpsprobesize', '0',
    '-i', sdpFile,
    '-map', '0',
    '-c', 'copy',
    '-f', 'webm',
    '-flags', '+global_header',
    // One-second clusters written out at once: a power cut loses about a second, not the lesson.
    '-cluster_time_limit', '1000',
    '-flush_packets', '1',
    '-y', file,
  ];
}

/** Follows ffmpeg's `-progress` output: has any media been written yet? */
class MediaProgress {
  #written = false;
  readonly #waiters = new Set<() => void>();

  onLine(line: string): void {
    const m = /^out_time_us=(\d+)$/.exec(line);
    if (m?.[1] === undefined || Number(m[1]) <= 0 || this.#written) return;
    this.#written = true;
    for (const wake of this.#waiters) wake();
  }

  get written(): boolean {
    return this.#written;
  }

  /** Resolves once media is written, `until` resolves (ffmpeg ended), or after timeoutMs. */
  async wait(timeoutMs: number, until: Promise<unknown>): Promise<boolean> {
    if (this.#written) return true;
    let wake = (): void => {};
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      new Promise<void>((resolve) => {
        wake = resolve;
        this.#waiters.add(wake);
      }),
      until,
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, timeoutMs);
      }),
    ]);
    clearTimeout(timer);
    this.#waiters.delete(wake);
    return this.#written;
  }
}

interface Leg {
  port: number;
  transport: types.PlainTransport;
  consumer: types.Consumer;
}

export class Recording {
  readonly file: string;
  readonly startedAt: Date;
  readonly #legs: Leg[];
  readonly #ffmpeg: ManagedProcess;
  readonly #progress: MediaProgress;
  readonly #sdpFile: string;
  readonly #logger: MediaLogger;
  readonly #stopTimeoutMs: number;
  #stopping: Promise<RecordingResult> | null = null;

  private constructor(opts: RecordingOptions, legs: Leg[], ffmpeg: ManagedProcess, progress: MediaProgress, sdpFile: string) {
    this.file = opts.file;
    this.startedAt = new Date();
    this.#legs = legs;
    this.#ffmpeg = ffmpeg;
    this.#progress = progress;
    this.#sdpFile = sdpFile;
    this.#logger = opts.logger;
    this.#stopTimeoutMs = opts.stopTimeoutMs ?? 10_000;
    void ffmpeg.exited.then((exit) => {
      if (this.#stopping === null) {
        this.#logger.error({ file: this.file, pid: ffmpeg.pid, ...exit, stderr: ffmpeg.stderrTail() }, 'recording ffmpeg ended on its own');
      }
    });
  }

  static async start(opts: RecordingOptions): Promise<Recording> {
    const { router, file } = opts;
    if (opts.producers.length === 0) throw new MediaError('MEDIA_NOT_RECORDABLE', 'nothing to record');
    const capabilities = recorderRtpCapabilities(router.rtpCapabilities);
    for (const producer of opts.producers) {
      if (!router.canConsume({ producerId: producer.id, rtpCapabilities: capabilities })) {
        const codec = producer.rtpParameters.codecs[0]?.mimeType ?? '?';
        throw new MediaError('MEDIA_NOT_RECORDABLE', `producer ${producer.id} (${codec}) cannot go into WebM`);
      }
    }
    await mkdir(path.dirname(file), { recursive: true });
    const sdpFile = sdpFileFor(file);
    const legs: Leg[] = [];
    const ports: number[] = [];
    let ffmpeg: ManagedProcess | undefined;
    try {
      const streams: SdpStream[] = [];
      for (const producer of opts.producers) {
        const port = await freeEvenPortPair(reservedPorts, opts.avoidPorts);
        reservedPorts.add(port).add(port + 1);
        ports.push(port);
        const transport = await router.createPlainTransport({
          listenIp: { ip: LOCAL_IP },
          rtcpMux: false,
          comedia: false,
          appData: { direction: 'recv', recording: file },
        });
        try {
          await transport.connect({ ip: LOCAL_IP, port, rtcpPort: port + 1 });
          const consumer = await transport.consume({ producerId: producer.id, rtpCapabilities: capabilities, paused: true });
          legs.push({ port, transport, consumer });
          streams.push(sdpStreamOf(consumer.kind, consumer.rtpParameters, port));
        } catch (err) {
          transport.close();
          throw err;
        }
      }
      await writeFile(sdpFile, recordingSdp(streams, LOCAL_IP));
      const progress = new MediaProgress();
      ffmpeg = await ManagedProcess.spawn(opts.ffmpegPath, recorderFfmpegArgs(sdpFile, file), { onStdoutLine: (l) => progress.onLine(l) });
      const running = ffmpeg;
      const rtpAndRtcpPorts = ports.flatMap((p) => [p, p + 1]);
      const listening = await waitForUdpPorts(rtpAndRtcpPorts, 5000, () => running.running);
      if (!ffmpeg.running) {
        throw new MediaError('MEDIA_FFMPEG_FAILED', `recording ffmpeg ended at start: ${ffmpeg.stderrTail().slice(-5).join(' | ')}`);
      }
      if (!listening) opts.logger.warn({ file, ports }, 'recording: cannot see ffmpeg listening yet; starting anyway');
      for (const { consumer } of legs) {
        await consumer.resume();
        if (consumer.kind === 'video') await consumer.requestKeyFrame();
      }
      return new Recording(opts, legs, ffmpeg, progress, sdpFile);
    } catch (err) {
      await ffmpeg?.stop('SIGKILL', 1000);
      for (const leg of legs) leg.transport.close();
      for (const port of ports) {
        reservedPorts.delete(port);
        reservedPorts.delete(port + 1);
      }
      await rm(sdpFile, { force: true });
      throw err;
    }
  }

  get pid(): number | undefined {
    return this.#ffmpeg.pid;
  }

  /** Finishes the file (SIGINT, SIGKILL after the timeout) and releases everything. Idempotent. */
  stop(): Promise<RecordingResult> {
    this.#stopping ??= this.#stop();
    return this.#stopping;
  }

  async #stop(): Promise<RecordingResult> {
    const durationMs = Date.now() - this.startedAt.getTime();
    const mediaWritten = await this.#progress.wait(FIRST_MEDIA_WAIT_MS, this.#ffmpeg.exited);
    const exit = await this.#ffmpeg.stop('SIGINT', this.#stopTimeoutMs, { repeatAfterMs: 1500 });
    for (const leg of this.#legs) {
      leg.transport.close();
      reservedPorts.delete(leg.port);
      reservedPorts.delete(leg.port + 1);
    }
    await rm(this.#sdpFile, { force: true });
    const bytes = await stat(this.file).then((s) => s.size, () => 0);
    const details = { file: this.file, bytes, durationMs, ...exit };
    if (!mediaWritten || exit.signal === 'SIGKILL') {
      this.#logger.warn({ ...details, mediaWritten, stderr: this.#ffmpeg.stderrTail() }, 'recording may be incomplete');
    } else {
      this.#logger.info(details, 'recording finished');
    }
    return { file: this.file, bytes, durationMs };
  }
}
