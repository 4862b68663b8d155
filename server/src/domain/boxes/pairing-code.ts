import { DomainError } from '../shared/errors.js';
import type { PairingCode } from './box.types.js';

/**
 * The pairing code the IT person copies from one box's console into another's:
 * `PH1-` + base64url(JSON {u, t, f}). Short enough to paste, checked strictly when read.
 */
const PREFIX = 'PH1-';
const FINGERPRINT = /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/;
const TOKEN = /^[A-Za-z0-9_-]{32,128}$/;

export function encodePairingCode(code: PairingCode): string {
  return PREFIX + Buffer.from(JSON.stringify({ u: code.url, t: code.token, f: code.caFingerprintSha256 })).toString('base64url');
}

export function decodePairingCode(text: string): PairingCode {
  const trimmed = text.trim();
  if (!trimmed.startsWith(PREFIX)) throw new DomainError('PAIRING_CODE_INVALID');
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(trimmed.slice(PREFIX.length), 'base64url').toString('utf8'));
  } catch {
    throw new DomainError('PAIRING_CODE_INVALID');
  }
  const o = raw as { u?: unknown; t?: unknown; f?: unknown };
  if (typeof o.u !== 'string' || typeof o.t !== 'string' || typeof o.f !== 'string') throw new DomainError('PAIRING_CODE_INVALID');
  let url: URL;
  try {
    url = new URL(o.u);
  } catch {
    throw new DomainError('PAIRING_CODE_INVALID');
  }
  // Boxes talk over HTTPS only, to an origin (no path, no credentials).
  if (url.protocol !== 'https:' || url.username || url.password || (url.pathname !== '/' && url.pathname !== '')) throw new DomainError('PAIRING_CODE_INVALID');
  const fingerprint = o.f.toUpperCase();
  if (!TOKEN.test(o.t) || !FINGERPRINT.test(fingerprint)) throw new DomainError('PAIRING_CODE_INVALID');
  return { url: url.origin, token: o.t, caFingerprintSha256: fingerprint };
}
