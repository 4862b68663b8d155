/**
 * RTSP on the wire (RFC 2326): splitting a TCP byte stream into requests and interleaved
 * binary frames, writing replies and frames, and reading the Transport header of SETUP.
 */

export interface RtspRequest {
  method: string;
  uri: string;
  version: string;
  /** Header names in lower case. */
  headers: Map<string, string>;
  body: Buffer;
}

export interface RtspReply {
  status: number;
  headers?: [string, string][];
  body?: Buffer;
}

const MAX_HEAD_BYTES = 16 * 1024;
const MAX_BODY_BYTES = 64 * 1024;

const REASONS: Record<number, string> = {
  200: 'OK', 400: 'Bad Request', 401: 'Unauthorized', 404: 'Not Found', 405: 'Method Not Allowed', 454: 'Session Not Found',
  455: 'Method Not Valid in This State', 459: 'Aggregate Operation Not Allowed', 461: 'Unsupported Transport',
  500: 'Internal Server Error', 501: 'Not Implemented', 505: 'RTSP Version Not Supported',
};

/**
 * Feeds on a connection's bytes and calls back per request and per interleaved frame
 * (`$`, channel, 16-bit length, data). Throws on a head or body too large to be honest;
 * the caller then drops the connection.
 */
export class RtspReader {
  #buf: Buffer = Buffer.alloc(0);

  constructor(
    private readonly onRequest: (req: RtspRequest) => void,
    private readonly onFrame: (channel: number, data: Buffer) => void,
  ) {}

  push(chunk: Buffer): void {
    this.#buf = this.#buf.length === 0 ? chunk : Buffer.concat([this.#buf, chunk]);
    for (;;) {
      const buf = this.#buf;
      if (buf.length === 0) return;
      if (buf[0] === 0x24) {
        if (buf.length < 4) return;
        const end = 4 + buf.readUInt16BE(2);
        if (buf.length < end) return;
        this.#buf = buf.subarray(end);
        this.onFrame(buf[1] ?? 0, buf.subarray(4, end));
        continue;
      }
      const headEnd = buf.indexOf('\r\n\r\n');
      if (headEnd < 0) {
        if (buf.length > MAX_HEAD_BYTES) throw new Error('RTSP request head too large');
        return;
      }
      const [requestLine = '', ...lines] = buf.subarray(0, headEnd).toString('utf8').split('\r\n');
      const headers = new Map<string, string>();
      for (const line of lines) {
        const colon = line.indexOf(':');
        if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
      }
      const length = Number(headers.get('content-length') ?? '0');
      if (!Number.isInteger(length) || length < 0 || length > MAX_BODY_BYTES) throw new Error('bad RTSP Content-Length');
      if (buf.length < headEnd + 4 + length) return;
      this.#buf = buf.subarray(headEnd + 4 + length);
      const [method = '', uri = '', version = ''] = requestLine.split(' ');
      this.onRequest({ method: method.toUpperCase(), uri, version, headers, body: buf.subarray(headEnd + 4, headEnd + 4 + length) });
    }
  }
}

export function serializeReply(reply: RtspReply, cseq: string | undefined): Buffer {
  const body = reply.body ?? Buffer.alloc(0);
  const lines = [
    `RTSP/1.0 ${reply.status} ${REASONS[reply.status] ?? 'Error'}`,
    ...(cseq !== undefined ? [`CSeq: ${cseq}`] : []),
    `Date: ${new Date().toUTCString()}`,
    'Server: Phonghoc virtual camera',
    ...(reply.headers ?? []).map(([k, v]) => `${k}: ${v}`),
    ...(body.length > 0 ? [`Content-Length: ${body.length}`] : []),
  ];
  return Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'utf8'), body]);
}

/** An RTP or RTCP packet framed for the RTSP connection (RFC 2326 §10.12). */
export function interleavedFrame(channel: number, packet: Buffer): Buffer {
  const frame = Buffer.allocUnsafe(4 + packet.length);
  frame[0] = 0x24;
  frame[1] = channel;
  frame.writeUInt16BE(packet.length, 2);
  packet.copy(frame, 4);
  return frame;
}

export type TransportOffer =
  | { kind: 'tcp'; rtpChannel: number; rtcpChannel: number }
  | { kind: 'udp'; rtpPort: number; rtcpPort: number };

/**
 * The first transport of a SETUP's Transport header that this server supports: RTP over the
 * RTSP connection (`RTP/AVP/TCP;interleaved=a-b`, channels 0-1 when not given) or unicast UDP
 * (`RTP/AVP[/UDP];unicast;client_port=a-b`). Multicast is not offered.
 */
export function pickTransport(header: string): TransportOffer | undefined {
  for (const offer of header.split(',')) {
    const [spec = '', ...params] = offer.trim().split(';').map((p) => p.trim());
    const param = (name: string): string | undefined => params.find((p) => p.toLowerCase().startsWith(`${name}=`))?.slice(name.length + 1);
    const range = (value: string | undefined): [number, number] | undefined => {
      const m = /^(\d+)(?:-(\d+))?$/.exec(value ?? '');
      if (m === null) return undefined;
      const a = Number(m[1]);
      return [a, m[2] !== undefined ? Number(m[2]) : a + 1];
    };
    const upper = spec.toUpperCase();
    if (upper === 'RTP/AVP/TCP') {
      const [rtp, rtcp] = range(param('interleaved')) ?? [0, 1];
      if (rtp <= 255 && rtcp <= 255) return { kind: 'tcp', rtpChannel: rtp, rtcpChannel: rtcp };
    } else if ((upper === 'RTP/AVP' || upper === 'RTP/AVP/UDP') && !params.some((p) => p.toLowerCase() === 'multicast')) {
      const ports = range(param('client_port'));
      if (ports !== undefined && ports[0] >= 1 && ports[1] <= 65535) return { kind: 'udp', rtpPort: ports[0], rtcpPort: ports[1] };
    }
  }
  return undefined;
}
