import type { ErrorCode } from '../../contracts/error-codes.js';

/**
 * The one error type the domain throws. It carries a stable code (see contracts/error-codes.ts);
 * the HTTP layer maps the code to a status and to Vietnamese and English messages.
 */
export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, details?: Record<string, unknown>, message?: string) {
    super(message ?? code);
    this.name = 'DomainError';
    this.code = code;
    this.details = details;
  }
}

export function isDomainError(err: unknown): err is DomainError {
  return err instanceof DomainError;
}
