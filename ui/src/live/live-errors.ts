/**
 * Errors of the live lesson's signaling, with the server's stable code and its bilingual message
 * (the messages come from the shared error table, never written twice).
 */
import { ERRORS, type ErrorCode } from '../../../server/src/contracts/error-codes.js';
import { bilingual } from '../i18n/index.js';

export type LiveClientErrorCode = 'LIVE_TIMEOUT' | 'LIVE_DISCONNECTED' | 'LIVE_NOT_CONNECTED';

export class LiveError extends Error {
  constructor(readonly code: string, readonly text: { vi: string; en: string }) {
    super(`${code}: ${text.en}`);
    this.name = 'LiveError';
  }

  /** The code without the validation detail the server appends ("LIVE_BAD_MESSAGE:invalid_data"). */
  get baseCode(): string {
    return this.code.split(':')[0] ?? this.code;
  }
}

export function isLiveError(e: unknown): e is LiveError {
  return e instanceof LiveError;
}

/** An error answered by the server: its own message, or the table's for a known code. */
export function serverError(code: string, message?: { vi: string; en: string }): LiveError {
  const base = code.split(':')[0] as ErrorCode;
  const known = Object.hasOwn(ERRORS, base) ? ERRORS[base] : ERRORS.INTERNAL;
  return new LiveError(code, message ?? { vi: known.vi, en: known.en });
}

/** A failure on this side of the socket (timeout, connection lost). */
export function clientError(code: LiveClientErrorCode): LiveError {
  const key = code === 'LIVE_TIMEOUT' ? 'live.error.timeout' : 'live.error.disconnected';
  return new LiveError(code, bilingual(key));
}

/**
 * Close codes of the signaling socket (mirrors CLOSE in server/src/http/routes/live-signaling.routes.ts):
 * after these the client does not reconnect by itself.
 */
export const FINAL_CLOSE = {
  badOrigin: 4400,
  forbidden: 4403,
  notFound: 4404,
  replaced: 4409,
  removed: 4410,
  ended: 4411,
} as const;
/** The server closed the socket for flooding: reconnect, but slowly. */
export const FLOOD_CLOSE = 4429;

export type FinalReason = keyof typeof FINAL_CLOSE;

export function finalReason(code: number): FinalReason | null {
  for (const [reason, value] of Object.entries(FINAL_CLOSE)) if (value === code) return reason as FinalReason;
  return null;
}
