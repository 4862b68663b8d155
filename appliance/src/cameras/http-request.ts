/**
 * One HTTP exchange with a camera over node:http, with the network failures turned into the
 * camera module's typed errors and a cap on the answer's size. No connection reuse: ONVIF
 * traffic is a few requests a minute, and a camera's half-broken keep-alive is a common trap.
 */
import http from 'node:http';
import { CameraProtocolError, CameraTimeoutError, CameraUnreachableError } from './camera.errors.js';

export interface HttpResponse {
  status: number;
  /** Header name (lower case) → every value, in order (WWW-Authenticate may come several times). */
  headers: Map<string, string[]>;
  body: Buffer;
}

const UNREACHABLE = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNRESET', 'EPIPE', 'EADDRNOTAVAIL']);

export function httpRequest(
  url: URL,
  opts: { method: 'GET' | 'POST'; headers?: Record<string, string>; body?: string | Buffer; timeoutMs: number; maxBytes: number },
): Promise<HttpResponse> {
  if (url.protocol !== 'http:') return Promise.reject(new CameraProtocolError(`unsupported URL scheme ${url.protocol} (${url.href})`));
  const body = typeof opts.body === 'string' ? Buffer.from(opts.body, 'utf8') : opts.body;
  return new Promise<HttpResponse>((resolve, reject) => {
    // Our own failures settle the promise first, before destroy() makes Node report a reset.
    const fail = (err: Error): void => {
      reject(err);
      req.destroy();
    };
    const req = http.request(
      url,
      {
        method: opts.method,
        agent: false,
        headers: { ...opts.headers, ...(body !== undefined ? { 'Content-Length': String(body.length) } : {}) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > opts.maxBytes) {
            fail(new CameraProtocolError(`answer from ${url.host} is larger than ${opts.maxBytes} bytes`));
            return;
          }
          chunks.push(chunk);
        });
        res.on('end', () => {
          const headers = new Map<string, string[]>();
          for (let i = 0; i + 1 < res.rawHeaders.length; i += 2) {
            const name = (res.rawHeaders[i] ?? '').toLowerCase();
            headers.set(name, [...(headers.get(name) ?? []), res.rawHeaders[i + 1] ?? '']);
          }
          resolve({ status: res.statusCode ?? 0, headers, body: Buffer.concat(chunks) });
        });
        res.on('error', (err) => reject(mapError(err, url)));
      },
    );
    // A deadline for the whole exchange, not an idle timeout: a camera that trickles bytes still fails.
    const deadline = setTimeout(() => fail(new CameraTimeoutError(`no complete answer from ${url.host} within ${opts.timeoutMs} ms`)), opts.timeoutMs);
    req.on('close', () => clearTimeout(deadline));
    req.on('error', (err) => reject(mapError(err, url)));
    req.end(body);
  });
}

function mapError(err: Error, url: URL): Error {
  if (err instanceof CameraTimeoutError || err instanceof CameraProtocolError) return err;
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ETIMEDOUT') return new CameraTimeoutError(`connecting to ${url.host} timed out`, { cause: err });
  if (code !== undefined && UNREACHABLE.has(code)) return new CameraUnreachableError(`cannot reach ${url.host}: ${code}`, { cause: err });
  return new CameraUnreachableError(`request to ${url.host} failed: ${err.message}`, { cause: err });
}
