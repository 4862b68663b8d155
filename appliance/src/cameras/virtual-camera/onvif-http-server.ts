/**
 * The virtual camera's HTTP side: the three SOAP services and the snapshot URL, on one
 * node:http server.
 *
 * Every SOAP operation but GetSystemDateAndTime needs a WS-Security UsernameToken digest (a
 * client must be able to read the clock before it can authenticate). A refused request gets
 * the fault real devices send, `env:Sender / ter:NotAuthorized`, with HTTP 400 (ONVIF Core's
 * mapping of Sender faults) or 401 (what some vendors send) as configured. The snapshot URL
 * uses HTTP Digest or Basic authentication, as on real cameras.
 */
import http from 'node:http';
import type { HttpAuthVerifier } from '../http-auth.js';
import { NS, parseSoap, soapEnvelope, soapFaultBody } from '../soap.js';
import type { SoapMessage } from '../soap.js';
import { XmlError } from '../xml.js';
import type { XmlElement } from '../xml.js';
import { NonceCache, verifyUsernameToken } from '../ws-security.js';
import { SoapFaultError } from './camera-state.js';
import type { CameraState } from './camera-state.js';
import { deviceService } from './device-service.js';
import { mediaService } from './media-service.js';
import { ptzService } from './ptz-service.js';

export const PATHS = {
  device: '/onvif/device_service',
  media: '/onvif/media_service',
  ptz: '/onvif/ptz_service',
  snapshot: '/onvif/snapshot',
} as const;

const MAX_BODY_BYTES = 256 * 1024;
const PRE_AUTH = new Set(['GetSystemDateAndTime']);

type Handler = (request: XmlElement, state: CameraState) => string;
const SERVICES: Record<string, { ns: string; handlers: Record<string, Handler> }> = {
  [PATHS.device]: { ns: NS.tds, handlers: deviceService },
  [PATHS.media]: { ns: NS.trt, handlers: mediaService },
  [PATHS.ptz]: { ns: NS.tptz, handlers: ptzService },
};

export interface OnvifHttpOptions {
  host: string;
  port: number;
  state: CameraState;
  account: { username: string; password: string };
  snapshotAuth: HttpAuthVerifier;
  snapshot: (profileToken: string) => Promise<Buffer>;
  /** HTTP status for a NotAuthorized fault (default 400). */
  authFailureStatus: 400 | 401;
  /** Told of every refused authentication, with the reason (for logs and tests). */
  onAuthRefused?: (reason: string) => void;
  /** Told of requests that failed inside the camera (HTTP 500). */
  onWarning?: (message: string) => void;
}

export class OnvifHttpServer {
  readonly #opts: OnvifHttpOptions;
  readonly #server: http.Server;
  readonly #nonces = new NonceCache();
  #closed = false;

  private constructor(opts: OnvifHttpOptions) {
    this.#opts = opts;
    this.#server = http.createServer((req, res) => {
      this.#route(req, res).catch((err: unknown) => {
        opts.onWarning?.(`HTTP ${req.method ?? ''} ${req.url ?? ''} failed: ${(err as Error).message}`);
        if (!res.headersSent) res.writeHead(500);
        res.end();
      });
    });
  }

  static async listen(opts: OnvifHttpOptions): Promise<OnvifHttpServer> {
    const s = new OnvifHttpServer(opts);
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

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    const closed = new Promise<void>((resolve) => this.#server.close(() => resolve()));
    this.#server.closeAllConnections();
    await closed;
  }

  async #route(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://camera');
    if (url.pathname === PATHS.snapshot) return this.#snapshot(req, res, url);
    const service = SERVICES[url.pathname];
    if (service === undefined) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
      return;
    }
    if (req.method !== 'POST') {
      res.writeHead(405, { Allow: 'POST' }).end();
      return;
    }
    const body = await readBody(req);
    if (body === undefined) {
      res.writeHead(413).end();
      return;
    }
    let message: SoapMessage;
    try {
      message = parseSoap(body);
      if (message.envelope.ns !== NS.env) throw new XmlError('SOAP 1.1 is not supported');
    } catch (err) {
      return this.#fault(res, new SoapFaultError('Sender', ['WellFormed'], `not a well-formed SOAP 1.2 request: ${(err as Error).message}`));
    }
    const op = message.payload;
    const handler = op !== undefined && op.ns === service.ns ? service.handlers[op.local] : undefined;
    if (op === undefined || handler === undefined) {
      return this.#fault(res, new SoapFaultError('Receiver', ['ActionNotSupported'], `${op?.local ?? 'empty body'} is not supported by this service`));
    }
    if (!PRE_AUTH.has(op.local)) {
      const check = verifyUsernameToken(message.header, this.#opts.account, { nowMs: this.#opts.state.now(), nonces: this.#nonces });
      if (!check.ok) {
        this.#opts.onAuthRefused?.(check.reason);
        // Say why only where it helps an honest client and tells an attacker nothing.
        const detail = check.reason === 'stale' ? ' (Created is too far from the camera clock)' : check.reason === 'replayed-nonce' ? ' (nonce already used)' : '';
        return this.#fault(res, new SoapFaultError('Sender', ['NotAuthorized'], `Sender not authorized${detail}`), this.#opts.authFailureStatus);
      }
    }
    try {
      const reply = handler(op, this.#opts.state);
      this.#send(res, 200, soapEnvelope(reply, { prefixes: ['tt', 'tds', 'trt', 'tptz'] }));
    } catch (err) {
      if (err instanceof SoapFaultError) return this.#fault(res, err);
      throw err;
    }
  }

  #fault(res: http.ServerResponse, fault: SoapFaultError, status?: number): void {
    const body = soapFaultBody({ code: fault.code, subcodes: fault.subcodes, reason: fault.message });
    this.#send(res, status ?? (fault.code === 'Sender' ? 400 : 500), soapEnvelope(body, { prefixes: ['ter'] }));
  }

  #send(res: http.ServerResponse, status: number, xml: string): void {
    const buf = Buffer.from(xml, 'utf8');
    res.writeHead(status, { 'Content-Type': 'application/soap+xml; charset=utf-8', 'Content-Length': buf.length });
    res.end(buf);
  }

  async #snapshot(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET' }).end();
      return;
    }
    const verdict = this.#opts.snapshotAuth.verify(req.method, req.headers.authorization);
    if (verdict !== 'ok') {
      this.#opts.onAuthRefused?.(`snapshot-${verdict}`);
      res.writeHead(401, { 'WWW-Authenticate': this.#opts.snapshotAuth.challenges({ stale: verdict === 'stale' }) }).end();
      return;
    }
    const token = url.searchParams.get('profile') ?? '';
    if (!this.#opts.state.profiles.some((p) => p.token === token)) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('no such profile');
      return;
    }
    const jpeg = await this.#opts.snapshot(token);
    res.writeHead(200, { 'Content-Type': 'image/jpeg', 'Content-Length': jpeg.length, 'Cache-Control': 'no-store' });
    res.end(req.method === 'HEAD' ? undefined : jpeg);
  }
}

function readBody(req: http.IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) {
        resolve(undefined);
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
