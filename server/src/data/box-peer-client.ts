import https from 'node:https';
import { X509Certificate } from 'node:crypto';
import type { Actor } from '../domain/accounts/account.types.js';
import type { BoxEssentials, BoxPeerClient, PeerTarget, RemoteAction } from '../domain/boxes/box.types.js';
import { DomainError } from '../domain/shared/errors.js';
import { ERRORS, type ErrorCode } from '../contracts/error-codes.js';

const isErrorCode = (c: string): c is ErrorCode => Object.hasOwn(ERRORS, c);

const MAX_REPLY_BYTES = 20 * 1024 * 1024; // logs are the largest reply (the rotating file keeps ~10 MB)

export function certificateFingerprint(pem: string): string {
  return new X509Certificate(pem).fingerprint256.toUpperCase();
}

/**
 * Another box's API over HTTPS. Trust comes only from the CA pinned at pairing: the system's
 * trust store is not used, and the host name is not checked against the certificate (a box's
 * address may change on the LAN; its CA, created on that box alone, is what identifies it).
 */
export class HttpsBoxPeerClient implements BoxPeerClient {
  constructor(private readonly selfName: string) {}

  async fetchCaCertificate(url: string): Promise<string> {
    // Not trusted yet: the caller compares its fingerprint with the pairing code's.
    const { status, body } = await request(`${url}/api/ca.crt`, { method: 'GET', rejectUnauthorized: false });
    if (status !== 200) throw new Error(`HTTP ${status} for ${url}/api/ca.crt`);
    const pem = body.toString('utf8');
    certificateFingerprint(pem); // throws on anything that is not one certificate
    return pem;
  }

  async essentials(t: PeerTarget): Promise<BoxEssentials> {
    return JSON.parse((await this.call(t, 'GET', '/api/peer/essentials')).toString('utf8')) as BoxEssentials;
  }

  async action(t: PeerTarget, action: RemoteAction, by: Actor): Promise<unknown> {
    const path = action === 'kiosk-restart' ? '/api/peer/kiosk/restart' : '/api/peer/media/restart';
    return JSON.parse((await this.call(t, 'POST', path, by)).toString('utf8')) as unknown;
  }

  logs(t: PeerTarget, by: Actor): Promise<Buffer> {
    return this.call(t, 'GET', '/api/peer/logs', by);
  }

  private async call(t: PeerTarget, method: 'GET' | 'POST', path: string, by?: Actor): Promise<Buffer> {
    const headers: Record<string, string> = { authorization: `Bearer ${t.token}` };
    // Who asked, for the other box's audit log (informational: the token is what authorizes).
    if (by) headers['x-phonghoc-actor'] = `${by.login ?? 'unknown'}@${this.selfName}`.slice(0, 120);
    if (method === 'POST') headers['content-type'] = 'application/json';
    const { status, body } = await request(`${t.url}${path}`, {
      method, headers, ca: t.caCertPem, rejectUnauthorized: true, checkServerIdentity: () => undefined,
    }, method === 'POST' ? '{}' : undefined);
    if (status >= 200 && status < 300) return body;
    // The other box's own refusal (a lesson is live, not on balena…) is passed on as it is.
    let code: string | undefined;
    try {
      code = (JSON.parse(body.toString('utf8')) as { error?: { code?: string } }).error?.code;
    } catch { /* not JSON */ }
    if (code && isErrorCode(code) && status !== 401) throw new DomainError(code);
    throw new Error(status === 401 ? 'the other box refused the pairing token (pair it again)' : `HTTP ${status}`);
  }
}

function request(url: string, options: https.RequestOptions, payload?: string): Promise<{ status: number; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = https.request(url, { ...options, timeout: 30_000 }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        size += c.length;
        if (size > MAX_REPLY_BYTES) req.destroy(new Error('reply too large'));
        else chunks.push(c);
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', reject);
    req.end(payload);
  });
}
