/**
 * HTTP Basic and Digest authentication (RFC 7617, RFC 7616 with MD5 or SHA-256, qop=auth), as
 * cameras use them for snapshot URLs and RTSP. The client side answers a challenge; the server
 * side (the virtual camera) issues and checks them.
 *
 * Server nonces are stateless: `<time>.<HMAC(time)>` with a per-process secret, valid five minutes;
 * nonce counts are not tracked, which is the usual camera behaviour but allows replay within the
 * nonce's lifetime.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export type DigestAlgorithm = 'MD5' | 'SHA-256';

export interface Challenge {
  scheme: string;
  params: Map<string, string>;
}

/**
 * Parses one or more WWW-Authenticate values. A value may hold several challenges
 * (`Digest realm="x", nonce="y", Basic realm="x"`), which is how Node joins repeated headers.
 */
export function parseChallenges(values: readonly string[]): Challenge[] {
  const out: Challenge[] = [];
  const token = /[\w!#$%&'*+.^`|~-]+/y;
  for (const value of values) {
    let current: Challenge | undefined;
    let i = 0;
    const skip = (chars: RegExp): void => {
      while (i < value.length && chars.test(value[i] ?? '')) i++;
    };
    while (i < value.length) {
      skip(/[\s,]/);
      token.lastIndex = i;
      const name = token.exec(value)?.[0];
      if (name === undefined) break;
      i = token.lastIndex;
      skip(/\s/);
      if (value[i] !== '=') {
        current = { scheme: name, params: new Map() };
        out.push(current);
        continue;
      }
      i++;
      skip(/\s/);
      let v = '';
      if (value[i] === '"') {
        for (i++; i < value.length && value[i] !== '"'; i++) v += value[i] === '\\' ? (value[++i] ?? '') : value[i];
        i++;
      } else {
        token.lastIndex = i;
        v = token.exec(value)?.[0] ?? '';
        i += v.length;
        while (value[i] === '=') v += value[i++]; // token68 padding, harmless here
      }
      current?.params.set(name.toLowerCase(), v);
    }
  }
  return out;
}

function hash(algorithm: DigestAlgorithm, text: string): string {
  return createHash(algorithm === 'MD5' ? 'md5' : 'sha256').update(text, 'utf8').digest('hex');
}

/** The Digest `response` value (RFC 7616 §3.4.1). Without qop, the RFC 2069 form. */
export function digestResponse(p: {
  algorithm: DigestAlgorithm;
  username: string;
  realm: string;
  password: string;
  method: string;
  uri: string;
  nonce: string;
  qop?: 'auth' | undefined;
  nc?: string;
  cnonce?: string;
}): string {
  const ha1 = hash(p.algorithm, `${p.username}:${p.realm}:${p.password}`);
  const ha2 = hash(p.algorithm, `${p.method}:${p.uri}`);
  return p.qop === 'auth'
    ? hash(p.algorithm, `${ha1}:${p.nonce}:${p.nc ?? ''}:${p.cnonce ?? ''}:auth:${ha2}`)
    : hash(p.algorithm, `${ha1}:${p.nonce}:${ha2}`);
}

function quote(v: string): string {
  return `"${v.replace(/(["\\])/g, '\\$1')}"`;
}

/**
 * The Authorization header answering the strongest challenge we support (Digest SHA-256,
 * Digest MD5, then Basic), or undefined when none is supported.
 */
export function authorizationFor(
  challenges: readonly Challenge[],
  req: { username: string; password: string; method: string; uri: string },
): string | undefined {
  const digests = challenges.filter((c) => c.scheme.toLowerCase() === 'digest');
  const pick =
    digests.find((c) => c.params.get('algorithm')?.toUpperCase() === 'SHA-256') ??
    digests.find((c) => (c.params.get('algorithm') ?? 'MD5').toUpperCase() === 'MD5');
  if (pick !== undefined) {
    const realm = pick.params.get('realm') ?? '';
    const nonce = pick.params.get('nonce') ?? '';
    const algorithm: DigestAlgorithm = pick.params.get('algorithm')?.toUpperCase() === 'SHA-256' ? 'SHA-256' : 'MD5';
    const qops = (pick.params.get('qop') ?? '').split(',').map((q) => q.trim());
    const qop = qops.includes('auth') ? 'auth' : undefined;
    const nc = '00000001';
    const cnonce = randomBytes(8).toString('hex');
    const response = digestResponse({ algorithm, ...req, realm, nonce, qop, nc, cnonce });
    const parts = [
      `username=${quote(req.username)}`, `realm=${quote(realm)}`, `nonce=${quote(nonce)}`, `uri=${quote(req.uri)}`,
      `algorithm=${algorithm}`, `response=${quote(response)}`,
    ];
    if (qop !== undefined) parts.push(`qop=auth`, `nc=${nc}`, `cnonce=${quote(cnonce)}`);
    const opaque = pick.params.get('opaque');
    if (opaque !== undefined) parts.push(`opaque=${quote(opaque)}`);
    return `Digest ${parts.join(', ')}`;
  }
  if (challenges.some((c) => c.scheme.toLowerCase() === 'basic')) return basicAuthorization(req.username, req.password);
  return undefined;
}

export function basicAuthorization(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`;
}

const NONCE_LIFETIME_MS = 5 * 60_000;

/** Issues challenges and checks Authorization headers for one account (the virtual camera's side). */
export class HttpAuthVerifier {
  readonly #secret = randomBytes(32);
  readonly #realm: string;
  readonly #username: string;
  readonly #password: string;
  readonly #now: () => number;

  constructor(opts: { realm: string; username: string; password: string; now?: () => number }) {
    this.#realm = opts.realm;
    this.#username = opts.username;
    this.#password = opts.password;
    this.#now = opts.now ?? Date.now;
  }

  #nonceFor(time: string): string {
    return `${time}.${createHmac('sha256', this.#secret).update(time).digest('base64url')}`;
  }

  /** WWW-Authenticate values: Digest first (what clients should prefer), then Basic. */
  challenges(opts: { stale?: boolean } = {}): string[] {
    const nonce = this.#nonceFor(String(this.#now()));
    const realm = quote(this.#realm);
    return [
      `Digest realm=${realm}, qop="auth", algorithm=MD5, nonce="${nonce}"${opts.stale === true ? ', stale=true' : ''}`,
      `Basic realm=${realm}`,
    ];
  }

  /** 'ok', 'stale' (a good answer to an expired nonce: challenge again with stale=true) or 'denied'. */
  verify(method: string, authorization: string | undefined): 'ok' | 'stale' | 'denied' {
    if (authorization === undefined) return 'denied';
    const space = authorization.indexOf(' ');
    const scheme = authorization.slice(0, space < 0 ? undefined : space).toLowerCase();
    const rest = space < 0 ? '' : authorization.slice(space + 1).trim();
    if (scheme === 'basic') {
      const expected = Buffer.from(`${this.#username}:${this.#password}`, 'utf8');
      const given = Buffer.from(rest, 'base64');
      return given.length === expected.length && timingSafeEqual(given, expected) ? 'ok' : 'denied';
    }
    if (scheme !== 'digest') return 'denied';
    const p = parseChallenges([`Digest ${rest}`])[0]?.params ?? new Map<string, string>();
    const nonce = p.get('nonce') ?? '';
    const [time = '', mac = ''] = nonce.split('.');
    const expectedNonce = this.#nonceFor(time);
    if (nonce.length !== expectedNonce.length || !timingSafeEqual(Buffer.from(nonce), Buffer.from(expectedNonce)) || mac === '') {
      return 'denied';
    }
    if (p.get('username') !== this.#username || p.get('realm') !== this.#realm) return 'denied';
    const algorithm = (p.get('algorithm') ?? 'MD5').toUpperCase();
    if (algorithm !== 'MD5' && algorithm !== 'SHA-256') return 'denied';
    const qop = p.get('qop');
    if (qop !== undefined && qop !== 'auth') return 'denied';
    const expected = digestResponse({
      algorithm: algorithm as DigestAlgorithm,
      username: this.#username,
      realm: this.#realm,
      password: this.#password,
      method,
      uri: p.get('uri') ?? '',
      nonce,
      qop: qop === 'auth' ? 'auth' : undefined,
      nc: p.get('nc') ?? '',
      cnonce: p.get('cnonce') ?? '',
    });
    const given = Buffer.from(p.get('response') ?? '');
    if (given.length !== expected.length || !timingSafeEqual(given, Buffer.from(expected))) return 'denied';
    return this.#now() - Number(time) > NONCE_LIFETIME_MS ? 'stale' : 'ok';
  }
}
