/**
 * One live stream of the virtual camera: ffmpeg encodes a test pattern to H.264 (packetization
 * mode 1, a keyframe every second) and sends RTP and RTCP to two local UDP ports; this class
 * reads them and hands every packet to the RTSP sessions that play the stream.
 *
 * ffmpeg runs only while someone plays: the first subscriber starts it, the last one leaving
 * stops it. DESCRIBE needs the SDP before that, so a one-frame run with the same encoder
 * settings writes it once (`-sdp_file`); the SPS/PPS it carries (sprop-parameter-sets) are
 * those of the live encoder, since they depend only on the settings. The live encoder also
 * repeats SPS/PPS before every keyframe, for clients that ignore the SDP's.
 */
import { randomBytes } from 'node:crypto';
import { createSocket } from 'node:dgram';
import type { Socket } from 'node:dgram';
import type { ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { FfmpegRunner } from './ffmpeg-runner.js';

export type PacketListener = (channel: 0 | 1, packet: Buffer) => void;

export interface H264SourceOptions {
  token: string;
  width: number;
  height: number;
  fps: number;
  bitrateKbps: number;
  workDir: string;
  /** A drawtext filter to overlay (the camera name and clock), when fonts work. */
  overlay: string | undefined;
  /** Told when the encoder dies on its own. */
  onWarning?: (message: string) => void;
}

const MAX_RESTARTS = 3;
const RESTART_DELAY_MS = 1000;

export class H264Source {
  readonly #runner: FfmpegRunner;
  readonly #opts: H264SourceOptions;
  readonly #listeners = new Set<PacketListener>();
  #sockets: Promise<{ rtp: Socket; rtcp: Socket }> | undefined;
  #encoder: { child: ChildProcess; ssrc: number; stderr: () => string } | undefined;
  #sdpMedia: Promise<string[]> | undefined;
  #restarts = 0;
  #closed = false;

  constructor(runner: FfmpegRunner, opts: H264SourceOptions) {
    this.#runner = runner;
    this.#opts = opts;
  }

  get token(): string {
    return this.#opts.token;
  }

  /** The encoder's process id while it runs. */
  get encoderPid(): number | undefined {
    return this.#encoder?.child.pid;
  }

  #encoderArgs(extra: { live: boolean; ssrc: number; sdpFile: string; rtpPort: number; rtcpPort: number }): string[] {
    const o = this.#opts;
    const kbps = o.bitrateKbps;
    return [
      ...(extra.live ? ['-re'] : []),
      '-f', 'lavfi', '-i', `testsrc2=size=${o.width}x${o.height}:rate=${o.fps}`,
      ...(o.overlay !== undefined ? ['-vf', o.overlay] : []),
      ...(extra.live ? [] : ['-frames:v', '1']),
      '-an', '-c:v', 'libx264', '-preset', 'ultrafast', '-tune', 'zerolatency', '-pix_fmt', 'yuv420p',
      '-g', String(o.fps), '-keyint_min', String(o.fps), '-b:v', `${kbps}k`, '-maxrate', `${kbps}k`, '-bufsize', `${kbps}k`,
      '-flags', '+global_header', '-bsf:v', 'dump_extra=freq=keyframe',
      '-f', 'rtp', '-payload_type', '96', '-ssrc', String(extra.ssrc), '-sdp_file', extra.sdpFile,
      // connect=1: once our sockets are gone (this process died without close()), sends fail
      // with "connection refused" and ffmpeg exits instead of streaming to nobody forever.
      `rtp://127.0.0.1:${extra.rtpPort}?rtcpport=${extra.rtcpPort}&pkt_size=1200&connect=1`,
    ];
  }

  /** The SDP media-level attributes (`a=rtpmap:…`, `a=fmtp:…`) for DESCRIBE. */
  sdpMedia(): Promise<string[]> {
    this.#sdpMedia ??= this.#probeSdp().catch((err: unknown) => {
      this.#sdpMedia = undefined; // let the next DESCRIBE try again
      throw err;
    });
    return this.#sdpMedia;
  }

  async #probeSdp(): Promise<string[]> {
    const sink = await bindPair(); // swallow the probe's single frame
    const sdpFile = path.join(this.#opts.workDir, `${this.#opts.token}-probe.sdp`);
    try {
      const r = await this.#runner.run(
        this.#encoderArgs({ live: false, ssrc: 1, sdpFile, rtpPort: port(sink.rtp), rtcpPort: port(sink.rtcp) }),
        15_000,
      );
      if (r.code !== 0) throw new Error(`ffmpeg could not encode the test pattern (exit ${r.code}): ${r.stderr.trim()}`);
      const lines = (await readFile(sdpFile, 'utf8')).split(/\r?\n/).filter((l) => /^a=(rtpmap|fmtp):/.test(l));
      if (!lines.some((l) => l.startsWith('a=rtpmap:96 H264/90000'))) throw new Error(`unexpected SDP from ffmpeg: ${lines.join(' | ')}`);
      return lines;
    } finally {
      sink.rtp.close();
      sink.rtcp.close();
    }
  }

  /** Adds a player; starts the encoder for the first one. Returns the function that removes it. */
  async subscribe(listener: PacketListener): Promise<() => void> {
    if (this.#closed) throw new Error('stream closed');
    this.#listeners.add(listener);
    if (this.#encoder === undefined) {
      this.#restarts = 0;
      await this.#start();
    }
    let removed = false;
    return () => {
      if (removed) return;
      removed = true;
      this.#listeners.delete(listener);
      if (this.#listeners.size === 0) void this.#stop();
    };
  }

  async #start(): Promise<void> {
    this.#sockets ??= bindPair().then((pair) => {
      pair.rtp.on('message', (msg, rinfo) => this.#relay(0, msg, rinfo.address));
      pair.rtcp.on('message', (msg, rinfo) => this.#relay(1, msg, rinfo.address));
      return pair;
    });
    const sockets = await this.#sockets;
    if (this.#encoder !== undefined || this.#listeners.size === 0 || this.#closed) return;
    // ffmpeg's -ssrc is a signed 32-bit option: stay within 1…2^31-1.
    const ssrc = (randomBytes(4).readUInt32BE(0) >>> 1) || 1;
    const started = this.#runner.start(
      this.#encoderArgs({
        live: true,
        ssrc,
        sdpFile: path.join(this.#opts.workDir, `${this.#opts.token}-live.sdp`),
        rtpPort: port(sockets.rtp),
        rtcpPort: port(sockets.rtcp),
      }),
    );
    const encoder = { child: started.child, ssrc, stderr: started.stderr };
    this.#encoder = encoder;
    const gone = (why: string): void => {
      if (this.#encoder !== encoder) return; // stopped on purpose, or already replaced
      this.#encoder = undefined;
      this.#opts.onWarning?.(`encoder of ${this.#opts.token} ended (${why}): ${encoder.stderr().trim()}`);
      // ffmpeg died while people watch: start it again, a few times at most.
      if (this.#listeners.size > 0 && !this.#closed && this.#restarts++ < MAX_RESTARTS) {
        setTimeout(() => void this.#start(), RESTART_DELAY_MS).unref();
      }
    };
    started.child.once('exit', (code, signal) => gone(String(code ?? signal)));
    started.child.once('error', (err) => gone(err.message));
  }

  #relay(channel: 0 | 1, packet: Buffer, from: string): void {
    const encoder = this.#encoder;
    if (encoder === undefined || from !== '127.0.0.1' || packet.length < 12) return;
    // Only the current encoder's packets: one being stopped may still be sending.
    if (packet.readUInt32BE(channel === 0 ? 8 : 4) !== encoder.ssrc) return;
    for (const l of this.#listeners) l(channel, packet);
  }

  async #stop(): Promise<void> {
    const encoder = this.#encoder;
    this.#encoder = undefined;
    if (encoder !== undefined) await this.#runner.stop(encoder.child);
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#listeners.clear();
    await this.#stop();
    const sockets = await this.#sockets?.catch(() => undefined);
    sockets?.rtp.close();
    sockets?.rtcp.close();
    this.#sockets = undefined;
  }
}

function port(socket: Socket): number {
  return socket.address().port;
}

async function bindPair(): Promise<{ rtp: Socket; rtcp: Socket }> {
  const bindOne = (): Promise<Socket> =>
    new Promise((resolve, reject) => {
      const s = createSocket('udp4');
      s.once('error', reject);
      s.bind(0, '127.0.0.1', () => {
        s.off('error', reject);
        s.on('error', () => undefined);
        resolve(s);
      });
    });
  return { rtp: await bindOne(), rtcp: await bindOne() };
}
