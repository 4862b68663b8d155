import { DomainError } from '../shared/errors.js';

/**
 * Identifier rules (see shared/reference/vietnam-rules.md §2).
 * - The education-sector identifier (mã định danh Bộ GD&ĐT, Circular 42/2021 Art. 10) is a unique,
 *   immutable character string; 20 characters under Circular 26/2019 is the only length found, so
 *   we accept 6–40 upper-case letters and digits rather than assume one length.
 * - The citizen number (Decree 137/2015 Art. 13) is 12 digits: province code (001–096), a
 *   century/gender digit, two digits of the birth year, six random digits.
 */
const PERSONAL_ID = /^[A-Z0-9]{6,40}$/;

export function normalizePersonalId(raw: string): string {
  return raw.replace(/\s+/g, '').toUpperCase();
}

export function isValidPersonalId(id: string): boolean {
  return PERSONAL_ID.test(id);
}

export function assertPersonalId(raw: string): string {
  const id = normalizePersonalId(raw);
  if (!isValidPersonalId(id)) throw new DomainError('INVALID_PERSONAL_ID', { value: raw });
  return id;
}

export interface CitizenIdCheck {
  ok: boolean;
  reason?: 'format' | 'province' | 'birth_year' | 'gender';
}

/**
 * Checks a 12-digit citizen number, and when the birth date and gender are known, that the
 * century/gender digit and the year digits agree with them.
 */
export function checkCitizenId(id: string, birthDate?: string | null, gender?: 'male' | 'female' | null): CitizenIdCheck {
  if (!/^\d{12}$/.test(id)) return { ok: false, reason: 'format' };
  const province = Number(id.slice(0, 3));
  if (province < 1 || province > 96) return { ok: false, reason: 'province' };
  const centuryGender = Number(id[3]);
  if (birthDate) {
    const year = Number(birthDate.slice(0, 4));
    const century = Math.floor(year / 100) + 1; // 2012 → 21st century
    const base = (century - 20) * 2; // 20th → 0, 21st → 2, 22nd → 4 …
    if (base < 0 || base > 8) return { ok: false, reason: 'birth_year' };
    if (centuryGender !== base && centuryGender !== base + 1) return { ok: false, reason: 'birth_year' };
    if (id.slice(4, 6) !== String(year % 100).padStart(2, '0')) return { ok: false, reason: 'birth_year' };
    if (gender && centuryGender !== base + (gender === 'female' ? 1 : 0)) return { ok: false, reason: 'gender' };
  }
  return { ok: true };
}

export function assertCitizenId(raw: string, birthDate?: string | null, gender?: 'male' | 'female' | null): string {
  const id = raw.replace(/\s+/g, '');
  const check = checkCitizenId(id, birthDate, gender);
  if (!check.ok) throw new DomainError('INVALID_CITIZEN_ID', { reason: check.reason });
  return id;
}
