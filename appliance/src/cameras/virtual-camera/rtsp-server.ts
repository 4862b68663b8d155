/**
 * The virtual camera's RTSP server: the RFC 2326 subset that ffmpeg, VLC and NVRs use with
 * IP cameras. OPTIONS, DESCRIBE, SETUP (RTP over the RTSP connection, `interleaved=0-1`, or
 * unicast UDP), PLAY, PAUSE, GET_PARAMETER (keep-alive) and TEARDOWN. Every method but OPTIONS
 * needs Digest or Basic authentication.
 *
 * Interleaved packets are `$`, channel, 16-bit length, RTP/RTCP packet, on the same TCP
 * connection as the RTSP replies (RFC 2326 §10.12). A client that cannot keep up loses packets
 * rather than making the server buffer without bound. Sessions end on TEARDOWN, when their
 * connection closes, or after `timeout` seconds without a request or RTCP from the client.
 */
import { randomBytes } from 'node:crypto';
import { createSocket } from 'node:dgram';
import type { Socket as UdpSocket } from 'node:dgram';
import net from 'node:net';
import type { HttpAuthVerifier } from '../http-auth.js';
import type { H264Source } from './h264-source.js';
import { RtspReader, interleavedFrame, pickTransport, serializeReply } from './rtsp-wire.js';
import type { RtspReply, RtspRequest } from './rtsp-wire.js';

const SESSION_TIMEOUT_S = 60;
/** A TCP client this far behind drops packets until it catches up. */
const MAX_QUEUED_BYTES = 2 * 1024 * 1024;
const TRACK = 'track1';

export interface RtspStream {
  /** Path of the stream, e.g. `/stream/main`. */
  path: string;
  title: string;
  source: H264Source;
}

export interface RtspServerOptions {
  host: string;
  port: number;
  streams: readonly RtspStream[];
  auth: HttpAuthVerifier;
  sessionName: string;
  /** Told of requests that failed inside the server (RTSP 500). */
  onWarning?: (message: string) => void;
}

type Transport =
  | { kind: 'tcp'; rtpChannel: number; rtcpChannel: number }
  | { kind: 'udp'; address: string; rtpPort: number; rtcpPort: number };

interface Session {
  id: string;
  connection: net.Socket;
  stream: RtspStream;
  transport: Transport;
  lastSeenMs: number;
  unsubscribe: (() => void) | undefined;
}

const PUBLIC = 'OPTIONS, DESCRIBE, SETUP, PLAY, PAUSE, GET_PARAMETER, TEARDOWN';

export class RtspServer {
  readonly #opts: RtspServerOptions;
  readonly #server: net.Server;
  readonly #sessions = new Map<string, Session>();
  readonly #connections = new Set<net.Socket>();
  #udp: Promise<{ rtp: UdpSocket; rtcp: UdpSocket }> | undefined;
  readonly #sweeper: NodeJS.Timeout;
  #closed = false;

  private constructor(opts: RtspServerOptions) {
    this.#opts = opts;
    this.#server = net.createServer((socket) => this.#accept(socket));
    this.#sweeper = setInterval(() => this.#expire(), 5000).unref();
  }

  static async listen(opts: RtspServerOptions): Promise<RtspServer> {
    const s = new RtspServer(opts);
    await new Promise<void>((resolve, reject) => {
      s.#server.once('error', reject);
      s.#server.listen(opts.port, opts.host, () => {
        s.#server.off('error', reject);
        resolve();
      });
    });
    return s;
  }

  get port(): number {
    const a = this.#server.address();
    return typeof a === 'object' && a !== null ? a.port : 0;
  }

  /** Sessions set up and not yet torn down; `playing` are those receiving packets. */
  sessions(): { total: number; playing: number } {
    let playing = 0;
    for (const s of this.#sessions.values()) if (s.unsubscribe !== undefined) playing++;
    return { total: this.#sessions.size, playing };
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    clearInterval(this.#sweeper);
    for (const s of [...this.#sessions.values()]) this.#endSession(s);
    for (const c of this.#connections) c.destroy();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
    const udp = await this.#udp?.catch(() => undefined);
    udp?.rtp.close();
    udp?.rtcp.close();
  }

  #accept(socket: net.Socket): void {
    this.#connections.add(socket);
    socket.setNoDelay(true);
    let queue: Promise<void> = Promise.resolve();
    const reader = new RtspReader(
      // One request at a time, answered in order (DESCRIBE may wait for ffmpeg).
      (req) => (queue = queue.then(() => this.#answer(socket, req))),
      // Interleaved data from the client is its RTCP receiver reports: proof it is alive.
      () => {
        for (const s of this.#sessions.values()) if (s.connection === socket) s.lastSeenMs = Date.now();
      },
    );
    socket.on('data', (chunk: Buffer) => {
      try {
        reader.push(chunk);
      } catch {
        socket.destroy();
      }
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      this.#connections.delete(socket);
      for (const s of [...this.#sessions.values()]) if (s.connection === socket) this.#endSession(s);
    });
  }

  async #answer(socket: net.Socket, req: RtspRequest): Promise<void> {
    const cseq = req.headers.get('cseq');
    let reply: RtspReply;
    try {
      if (req.version !== 'RTSP/1.0') reply = { status: 505 };
      else if (cseq === undefined) reply = { status: 400 };
      else reply = await this.#handle(socket, req);
    } catch (err) {
      this.#opts.onWarning?.(`RTSP ${req.method} ${req.uri} failed: ${(err as Error).message}`);
      reply = { status: 500 };
    }
    if (!socket.destroyed) socket.write(serializeReply(reply, cseq));
  }

  async #handle(socket: net.Socket, req: RtspRequest): Promise<RtspReply> {
    if (req.method === 'OPTIONS') return { status: 200, headers: [['Public', PUBLIC]] };
    if (!PUBLIC.split(', ').includes(req.method)) return { status: 501 };

    const verdict = this.#opts.auth.verify(req.method, req.headers.get('authorization'));
    if (verdict !== 'ok') {
      return { status: 401, headers: this.#opts.auth.challenges({ stale: verdict === 'stale' }).map((c) => ['WWW-Authenticate', c] as [string, string]) };
    }
    const target = this.#resolve(req.uri);
    const sessionId = req.headers.get('session')?.split(';')[0]?.trim();
    const session = sessionId === undefined ? undefined : this.#sessions.get(sessionId);
    if (session !== undefined) session.lastSeenMs = Date.now();
    const sessionHeader = (s: Session): [string, string] => ['Session', `${s.id};timeout=${SESSION_TIMEOUT_S}`];

    switch (req.method) {
      case 'DESCRIBE': {
        if (target === undefined) return { status: 404 };
        const base = `${req.uri.replace(/^(rtsps?:\/\/)[^@/]*@/i, '$1').replace(/\/+$/, '')}/`;
        const sdp = await this.#sdp(target.stream, socket.localAddress ?? '0.0.0.0');
        return { status: 200, headers: [['Content-Type', 'application/sdp'], ['Content-Base', base]], body: Buffer.from(sdp, 'utf8') };
      }
      case 'SETUP': {
        if (target === undefined) return { status: 404 };
        if (sessionId !== undefined && session === undefined) return { status: 454 };
        if (session !== undefined && session.stream !== target.stream) return { status: 459 };
        const transport = await this.#chooseTransport(req.headers.get('transport') ?? '', socket);
        if (transport === undefined) return { status: 461 };
        const s: Session = session ?? {
          id: randomBytes(8).toString('hex').toUpperCase(),
          connection: socket,
          stream: target.stream,
          transport: transport.transport,
          lastSeenMs: Date.now(),
          unsubscribe: undefined,
        };
        s.transport = transport.transport;
        this.#sessions.set(s.id, s);
        return { status: 200, headers: [['Transport', transport.reply], sessionHeader(s)] };
      }
      case 'PLAY': {
        if (session === undefined) return { status: 454 };
        if (session.unsubscribe === undefined) {
          const sending = this.#sender(session);
          session.unsubscribe = await session.stream.source.subscribe(sending);
          // TEARDOWN or a closed connection while ffmpeg was starting.
          if (!this.#sessions.has(session.id)) session.unsubscribe();
        }
        return { status: 200, headers: [sessionHeader(session), ['Range', 'npt=0.000-']] };
      }
      case 'PAUSE': {
        if (session === undefined) return { status: 454 };
        session.unsubscribe?.();
        session.unsubscribe = undefined;
        return { status: 200, headers: [sessionHeader(session)] };
      }
      case 'GET_PARAMETER':
        if (sessionId !== undefined && session === undefined) return { status: 454 };
        return { status: 200, headers: session !== undefined ? [sessionHeader(session)] : [] };
      case 'TEARDOWN': {
        if (session === undefined) return { status: 454 };
        this.#endSession(session);
        return { status: 200 };
      }
      default:
        return { status: 405, headers: [['Allow', PUBLIC]] };
    }
  }

  /** The stream an RTSP URL names: `/stream/main`, `/stream/main/`, or its track `/stream/main/track1`. */
  #resolve(uri: string): { stream: RtspStream; track: boolean } | undefined {
    let pathname: string;
    try {
      pathname = new URL(uri).pathname;
    } catch {
      return undefined;
    }
    const trimmed = pathname.replace(/\/+$/, '');
    const track = trimmed.endsWith(`/${TRACK}`);
    const streamPath = track ? trimmed.slice(0, -TRACK.length - 1) : trimmed;
    const stream = this.#opts.streams.find((s) => s.path === streamPath);
    return stream === undefined ? undefined : { stream, track };
  }

  async #sdp(stream: RtspStream, address: string): Promise<string> {
    const media = await stream.source.sdpMedia();
    const ip = address.replace(/^::ffff:/, '');
    const clean = (s: string): string => s.replace(/[\r\n]/g, ' ');
    return [
      'v=0',
      `o=- ${Date.now()} 1 IN IP4 ${ip}`,
      `s=${clean(this.#opts.sessionName)}`,
      `i=${clean(stream.title)}`,
      'c=IN IP4 0.0.0.0',
      't=0 0',
      'a=control:*',
      'a=range:npt=0-',
      'm=video 0 RTP/AVP 96',
      ...media,
      `a=control:${TRACK}`,
      '',
    ].join('\r\n');
  }

  /** The transport for a SETUP, and the Transport header of the reply. */
  async #chooseTransport(header: string, socket: net.Socket): Promise<{ transport: Transport; reply: string } | undefined> {
    const offer = pickTransport(header);
    if (offer === undefined) return undefined;
    if (offer.kind === 'tcp') return { transport: offer, reply: `RTP/AVP/TCP;unicast;interleaved=${offer.rtpChannel}-${offer.rtcpChannel}` };
    const udp = await this.#udpSockets();
    // Packets go only to the address the RTSP request came from, whatever `destination` says:
    // a camera must not be usable to flood a third party.
    const address = (socket.remoteAddress ?? '').replace(/^::ffff:/, '');
    return {
      transport: { ...offer, address },
      reply: `RTP/AVP;unicast;client_port=${offer.rtpPort}-${offer.rtcpPort};server_port=${udp.rtp.address().port}-${udp.rtcp.address().port}`,
    };
  }

  #udpSockets(): Promise<{ rtp: UdpSocket; rtcp: UdpSocket }> {
    const host = this.#opts.host;
    const bindOne = (): Promise<UdpSocket> =>
      new Promise((resolve, reject) => {
        const s = createSocket('udp4');
        s.once('error', reject);
        s.bind(0, host, () => {
          s.off('error', reject);
          s.on('error', () => undefined);
          s.on('message', (_msg, rinfo) => this.#touchUdp(rinfo.address)); // RTCP reports keep UDP sessions alive
          resolve(s);
        });
      });
    this.#udp ??= Promise.all([bindOne(), bindOne()]).then(([rtp, rtcp]) => ({ rtp, rtcp }));
    return this.#udp;
  }

  #touchUdp(from: string): void {
    for (const s of this.#sessions.values()) if (s.transport.kind === 'udp' && s.transport.address === from) s.lastSeenMs = Date.now();
  }

  #sender(session: Session): (channel: 0 | 1, packet: Buffer) => void {
    const t = session.transport;
    if (t.kind === 'tcp') {
      const socket = session.connection;
      return (channel, packet) => {
        if (socket.destroyed || socket.writableLength > MAX_QUEUED_BYTES || packet.length > 0xffff) return;
        socket.write(interleavedFrame(channel === 0 ? t.rtpChannel : t.rtcpChannel, packet));
      };
    }
    const udp = this.#udp;
    return (channel, packet) => {
      void udp?.then((u) => (channel === 0 ? u.rtp : u.rtcp).send(packet, channel === 0 ? t.rtpPort : t.rtcpPort, t.address));
    };
  }

  #endSession(s: Session): void {
    s.unsubscribe?.();
    s.unsubscribe = undefined;
    this.#sessions.delete(s.id);
  }

  #expire(): void {
    const limit = Date.now() - SESSION_TIMEOUT_S * 1000;
    for (const s of [...this.#sessions.values()]) if (s.lastSeenMs < limit) this.#endSession(s);
  }
}
