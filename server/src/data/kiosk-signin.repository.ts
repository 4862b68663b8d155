import type { Knex } from 'knex';
import type { KioskPinRecord, KioskRepository, KioskSessionMethod, KioskSessionRecord, QrChallengeRecord } from '../domain/kiosk/kiosk.types.js';
import { int } from './rows.js';

const text = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

/** Kiosk PINs, kiosk sessions and QR challenges. */
export class KnexKioskRepository implements KioskRepository {
  constructor(private readonly db: Knex) {}

  async getPin(accountId: number): Promise<KioskPinRecord | undefined> {
    const r = await this.db('kiosk_pins').where('account_id', accountId).first();
    if (!r) return undefined;
    return {
      accountId: int(r.account_id), pinHash: r.pin_hash, passwordFingerprint: r.password_fingerprint, failedAttempts: int(r.failed_attempts),
      lockedAt: text(r.locked_at), createdAt: r.created_at, lastUsedAt: text(r.last_used_at),
    };
  }
  async savePin(accountId: number, pinHash: string, passwordFingerprint: string, at: string) {
    await this.db('kiosk_pins').where('account_id', accountId).del();
    await this.db('kiosk_pins').insert({ account_id: accountId, pin_hash: pinHash, password_fingerprint: passwordFingerprint, failed_attempts: 0, locked_at: null, created_at: at });
  }
  async deletePin(accountId: number) {
    return (await this.db('kiosk_pins').where('account_id', accountId).del()) > 0;
  }
  async recordPinFailure(accountId: number, max: number, at: string) {
    // One statement adds the attempt, so two wrong PINs at once both count.
    await this.db('kiosk_pins').where('account_id', accountId).increment('failed_attempts', 1);
    await this.db('kiosk_pins').where('account_id', accountId).where('failed_attempts', '>=', max).whereNull('locked_at').update({ locked_at: at });
    const r = await this.db('kiosk_pins').where('account_id', accountId).first('failed_attempts', 'locked_at');
    return { failedAttempts: int(r?.failed_attempts), locked: !!r?.locked_at };
  }
  async recordPinSuccess(accountId: number, at: string) {
    await this.db('kiosk_pins').where('account_id', accountId).update({ failed_attempts: 0, last_used_at: at });
  }

  async createSession(s: KioskSessionRecord) {
    await this.db('kiosk_sessions').insert({ session_id: s.sessionId, account_id: s.accountId, method: s.method, created_at: s.createdAt, last_seen_at: s.lastSeenAt });
  }
  async findSession(sessionId: string): Promise<KioskSessionRecord | undefined> {
    const r = await this.db('kiosk_sessions').where('session_id', sessionId).first();
    if (!r) return undefined;
    return { sessionId: r.session_id, accountId: int(r.account_id), method: r.method as KioskSessionMethod, createdAt: r.created_at, lastSeenAt: r.last_seen_at };
  }
  async touchSession(sessionId: string, at: string) {
    await this.db('kiosk_sessions').where('session_id', sessionId).update({ last_seen_at: at });
  }
  async idleSessionIds(cutoff: string) {
    return (await this.db('kiosk_sessions').where('last_seen_at', '<=', cutoff).pluck('session_id')) as string[];
  }

  async createChallenge(c: Pick<QrChallengeRecord, 'id' | 'secretHash' | 'createdAt' | 'expiresAt'>) {
    await this.db('kiosk_qr_challenges').insert({ id: c.id, secret_hash: c.secretHash, created_at: c.createdAt, expires_at: c.expiresAt });
  }
  async getChallenge(id: string): Promise<QrChallengeRecord | undefined> {
    const r = await this.db('kiosk_qr_challenges').where({ id }).first();
    if (!r) return undefined;
    return {
      id: r.id, secretHash: r.secret_hash, createdAt: r.created_at, expiresAt: r.expires_at,
      approvedBy: r.approved_by === null || r.approved_by === undefined ? null : int(r.approved_by), approvedAt: text(r.approved_at), consumedAt: text(r.consumed_at),
    };
  }
  async approveChallenge(id: string, accountId: number, at: string, ip: string | null) {
    const n = await this.db('kiosk_qr_challenges').where({ id }).whereNull('approved_by').whereNull('consumed_at').update({ approved_by: accountId, approved_at: at, approved_ip: ip });
    return n === 1;
  }
  async consumeChallenge(id: string, at: string) {
    const n = await this.db('kiosk_qr_challenges').where({ id }).whereNotNull('approved_by').whereNull('consumed_at').update({ consumed_at: at });
    return n === 1;
  }
  async deleteChallengesBefore(expiredBefore: string) {
    return this.db('kiosk_qr_challenges').where('expires_at', '<', expiredBefore).del();
  }
}
