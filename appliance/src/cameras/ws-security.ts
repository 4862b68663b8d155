/**
 * WS-Security UsernameToken with PasswordDigest, the authentication ONVIF devices require
 * (ONVIF Core §5.12; OASIS Username Token Profile 1.0):
 *
 *   PasswordDigest = Base64( SHA-1( nonce bytes + Created (UTF-8) + password (UTF-8) ) )
 *
 * The nonce is hashed as raw bytes, not as its Base64 text. The device refuses a `Created`
 * too far from its own clock and a nonce it has seen before, so a captured request cannot be
 * replayed; clients therefore correct `Created` by the clock offset they measured with
 * GetSystemDateAndTime.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { NS } from './soap.js';
import { attr, child, escapeXml, textOf } from './xml.js';
import type { XmlElement } from './xml.js';

export const PASSWORD_DIGEST_TYPE = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordDigest';
export const BASE64_ENCODING = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0#Base64Binary';

/** How far `Created` may be from the device's clock, either way. */
export const MAX_CLOCK_SKEW_MS = 5 * 60_000;

export function passwordDigest(nonce: Buffer, created: string, password: string): string {
  return createHash('sha1').update(nonce).update(created, 'utf8').update(password, 'utf8').digest('base64');
}

/** xs:dateTime in UTC without milliseconds: some devices refuse fractional seconds. */
export function wsuCreated(at: Date): string {
  return at.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The `<wsse:Security>` header block for one request. A fresh nonce each call. */
export function usernameTokenHeader(opts: { username: string; password: string; now: Date; nonce?: Buffer }): string {
  const nonce = opts.nonce ?? randomBytes(16);
  const created = wsuCreated(opts.now);
  return (
    `<wsse:Security xmlns:wsse="${NS.wsse}" xmlns:wsu="${NS.wsu}" env:mustUnderstand="1">` +
    `<wsse:UsernameToken><wsse:Username>${escapeXml(opts.username)}</wsse:Username>` +
    `<wsse:Password Type="${PASSWORD_DIGEST_TYPE}">${passwordDigest(nonce, created, opts.password)}</wsse:Password>` +
    `<wsse:Nonce EncodingType="${BASE64_ENCODING}">${nonce.toString('base64')}</wsse:Nonce>` +
    `<wsu:Created>${created}</wsu:Created></wsse:UsernameToken></wsse:Security>`
  );
}

/**
 * Nonces seen within the acceptance window. Entries older than twice the window are dropped
 * (a Created that old is refused anyway), and the map is bounded so a flood cannot grow it.
 */
export class NonceCache {
  readonly #seen = new Map<string, number>();
  readonly #retainMs: number;
  readonly #max: number;

  constructor(opts: { retainMs?: number; max?: number } = {}) {
    this.#retainMs = opts.retainMs ?? 2 * MAX_CLOCK_SKEW_MS;
    this.#max = opts.max ?? 10_000;
  }

  /** Records the nonce; false when it was already seen (a replay). */
  remember(nonce: string, nowMs: number): boolean {
    for (const [n, at] of this.#seen) {
      if (at > nowMs - this.#retainMs && this.#seen.size < this.#max) break;
      this.#seen.delete(n);
    }
    if (this.#seen.has(nonce)) return false;
    this.#seen.set(nonce, nowMs);
    return true;
  }
}

export type UsernameTokenCheck =
  | { ok: true; username: string }
  | { ok: false; reason: 'missing' | 'malformed' | 'unsupported-password-type' | 'unknown-user' | 'wrong-password' | 'stale' | 'replayed-nonce' };

/**
 * Verifies the UsernameToken in a SOAP header against one account. The order of checks keeps a
 * wrong password from consuming a nonce, so an honest retry is not refused as a replay.
 */
export function verifyUsernameToken(
  header: XmlElement | undefined,
  account: { username: string; password: string },
  opts: { nowMs: number; nonces: NonceCache; maxSkewMs?: number },
): UsernameTokenCheck {
  const token = child(child(header, 'Security', NS.wsse), 'UsernameToken', NS.wsse);
  if (token === undefined) return { ok: false, reason: 'missing' };
  const username = textOf(child(token, 'Username', NS.wsse));
  const passwordEl = child(token, 'Password', NS.wsse);
  const nonceText = textOf(child(token, 'Nonce', NS.wsse));
  const created = textOf(child(token, 'Created', NS.wsu));
  if (username === undefined || passwordEl === undefined || nonceText === undefined || created === undefined) {
    return { ok: false, reason: 'malformed' };
  }
  // Without a Type the password is PasswordText (the profile's default): refused, digest only.
  if (attr(passwordEl, 'Type') !== PASSWORD_DIGEST_TYPE) return { ok: false, reason: 'unsupported-password-type' };
  const createdMs = Date.parse(created);
  if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/.test(created) || Number.isNaN(createdMs)) {
    return { ok: false, reason: 'malformed' };
  }
  const nonce = Buffer.from(nonceText, 'base64');
  if (nonce.length === 0 || nonce.toString('base64') !== nonceText.replace(/\s/g, '')) return { ok: false, reason: 'malformed' };
  if (username !== account.username) return { ok: false, reason: 'unknown-user' };
  const expected = Buffer.from(passwordDigest(nonce, created, account.password), 'base64');
  const given = Buffer.from(textOf(passwordEl) ?? '', 'base64');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'wrong-password' };
  if (Math.abs(opts.nowMs - createdMs) > (opts.maxSkewMs ?? MAX_CLOCK_SKEW_MS)) return { ok: false, reason: 'stale' };
  if (!opts.nonces.remember(nonceText, opts.nowMs)) return { ok: false, reason: 'replayed-nonce' };
  return { ok: true, username };
}
