import { DomainError } from '../shared/errors.js';

/** At least 8 characters with a letter and a digit, and not the login itself. */
export function assertStrongPassword(password: string, login: string): void {
  const ok =
    password.length >= 8 &&
    password.length <= 200 &&
    /\p{L}/u.test(password) &&
    /\d/.test(password) &&
    password.toUpperCase() !== login.toUpperCase();
  if (!ok) throw new DomainError('PASSWORD_TOO_WEAK');
}

/** A readable temporary password for a reset or a new account: no 0/O or 1/l/I confusion. */
export function temporaryPassword(randomBytes: (n: number) => Uint8Array): string {
  const letters = 'abcdefghjkmnpqrstuvwxyz';
  const digits = '23456789';
  const bytes = randomBytes(10);
  let out = '';
  for (let i = 0; i < 6; i++) out += letters[bytes[i]! % letters.length];
  for (let i = 6; i < 10; i++) out += digits[bytes[i]! % digits.length];
  return out;
}
