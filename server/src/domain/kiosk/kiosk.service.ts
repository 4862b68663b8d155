import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { DomainError } from '../shared/errors.js';
import { SESSION_MAX_HOURS, type AccountService } from '../accounts/account.service.js';
import type { AccountRecord, Actor, PasswordHasher, Principal } from '../accounts/account.types.js';
import type { Repos, Transactor } from '../repos.js';
import { joinWindow } from '../live/lesson-rules.js';
import type { TodayLesson, Viewer } from '../live/live.types.js';
import type { KioskSessionMethod } from './kiosk.types.js';

/** Five wrong PINs lock the PIN: the full password is needed again (and a new PIN). */
export const MAX_PIN_FAILURES = 5;
/** A QR challenge can be approved for two minutes. */
export const QR_TTL_MS = 2 * 60_000;
/** After approval, the kiosk has this long to collect its session. */
export const QR_COLLECT_MS = 60_000;
/** A PIN is 4 to 6 digits. */
export const PIN_PATTERN = /^\d{4,6}$/;

export interface KioskServiceDeps {
  tx: Transactor;
  hasher: PasswordHasher;
  /** Resolves a freshly opened session into the principal the routes return. */
  accounts: Pick<AccountService, 'authenticate'>;
  /** The live-lesson service's home list (domain/live). */
  lessons: { today(viewer: Viewer, at?: Date): Promise<TodayLesson[]> };
  /** Kiosk sessions end after this many minutes without a request. */
  idleMinutes: number;
  /** `https://<box>:<port>`: the address phones open from the QR code; absent → a relative link. */
  publicBaseUrl?: string | undefined;
  now?: () => Date;
}

export interface KioskSignIn {
  token: string;
  principal: Principal;
  idleMinutes: number;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
/** Which password a PIN was set under, without keeping a second copy of the hash. */
const fingerprint = (passwordHash: string) => sha256(`kiosk-pin:${passwordHash}`);

export function isLoopback(ip: string | null): boolean {
  return ip === '127.0.0.1' || ip === '::1' || ip === '::ffff:127.0.0.1';
}

/** 4 to 6 digits, not all the same and not a run (1234, 98765): those are the first guesses. */
export function assertUsablePin(pin: string): void {
  if (!PIN_PATTERN.test(pin)) throw new DomainError('KIOSK_PIN_WEAK', { reason: 'format' });
  const d = [...pin].map(Number);
  const steps = new Set(d.slice(1).map((x, i) => x - d[i]!));
  if (steps.size === 1 && [0, 1, -1].includes([...steps][0]!)) throw new DomainError('KIOSK_PIN_WEAK', { reason: 'trivial' });
}

// Verified against when the login has no PIN, so the reply takes as long as a real check.
let decoyHash: Promise<string> | undefined;

/**
 * Quick sign-in at the kiosk (the teaching room's own screen): a short PIN bound to this box,
 * and a QR code approved from the teacher's signed-in phone. Both open a kiosk session with a
 * short idle timeout that the server enforces (`checkSession`), and work only from the box
 * itself (loopback), like the first run. Every step is audited.
 */
export class KioskService {
  private readonly now: () => Date;

  constructor(private readonly deps: KioskServiceDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  get idleMinutes(): number {
    return this.deps.idleMinutes;
  }

  // ---- PIN -------------------------------------------------------------------------------------

  async pinStatus(principal: Principal): Promise<{ set: boolean; locked: boolean }> {
    const [pin, account] = await this.deps.tx.read(async (r) => [await r.kiosk.getPin(principal.accountId), await r.accounts.findById(principal.accountId)] as const);
    if (!pin || !account) return { set: false, locked: false };
    return { set: true, locked: pin.lockedAt !== null || pin.passwordFingerprint !== fingerprint(account.passwordHash) };
  }

  /** Sets (or replaces, which also unlocks) one's PIN at the kiosk, with the current password. */
  async setPin(principal: Principal, currentPassword: string, pin: string, ip: string | null): Promise<void> {
    assertLoopback(ip);
    assertUsablePin(pin);
    const account = await this.deps.tx.read((r) => r.accounts.findById(principal.accountId));
    if (!account) throw new DomainError('UNAUTHENTICATED');
    const actor: Actor = { accountId: account.id, login: account.login, ip };
    if (!(await this.deps.hasher.verify(account.passwordHash, currentPassword))) {
      await this.deps.tx.run((r) => r.audit.record(actor, 'kiosk.pin_set_refused', 'account', account.id, { reason: 'wrong_password' }));
      throw new DomainError('INVALID_CREDENTIALS');
    }
    const pinHash = await this.deps.hasher.hash(pin);
    await this.deps.tx.run(async (r) => {
      await r.kiosk.savePin(account.id, pinHash, fingerprint(account.passwordHash), this.now().toISOString());
      await r.audit.record(actor, 'kiosk.pin_set', 'account', account.id);
    });
  }

  async removePin(principal: Principal, ip: string | null): Promise<void> {
    await this.deps.tx.run(async (r) => {
      if (await r.kiosk.deletePin(principal.accountId)) {
        await r.audit.record({ accountId: principal.accountId, login: principal.login, ip }, 'kiosk.pin_removed', 'account', principal.accountId);
      }
    });
  }

  /** Signs in with identifier and PIN, only from the box itself; five wrong PINs lock the PIN. */
  async pinLogin(login: string, pin: string, meta: { ip: string | null; userAgent: string | null }): Promise<KioskSignIn> {
    assertLoopback(meta.ip);
    const normalized = login.replace(/\s+/g, '').toUpperCase();
    const [account, record] = await this.deps.tx.read(async (r) => {
      const a = await r.accounts.findByLogin(normalized);
      return [a, a ? await r.kiosk.getPin(a.id) : undefined] as const;
    });
    if (!account || !record) {
      decoyHash ??= this.deps.hasher.hash('000000-decoy');
      await this.deps.hasher.verify(await decoyHash, pin);
      await this.deps.tx.run((r) => r.audit.record({ accountId: null, login: normalized, ip: meta.ip }, 'kiosk.pin_login_failed', 'account', account?.id ?? null, { reason: account ? 'no_pin' : 'unknown_login' }));
      throw new DomainError('INVALID_CREDENTIALS');
    }
    const actor: Actor = { accountId: account.id, login: account.login, ip: meta.ip };
    const now = this.now();
    if (account.disabled) throw new DomainError('ACCOUNT_DISABLED');
    if (account.lockedUntil && new Date(account.lockedUntil) > now) throw new DomainError('ACCOUNT_LOCKED', { until: account.lockedUntil });
    if (record.lockedAt) throw new DomainError('KIOSK_PIN_LOCKED', { reason: 'too_many_attempts' });
    // A password changed or reset since (by the owner or by IT) retires the PIN with it.
    if (account.mustChangePassword || record.passwordFingerprint !== fingerprint(account.passwordHash)) {
      throw new DomainError('KIOSK_PIN_LOCKED', { reason: 'password_changed' });
    }
    if (!(await this.deps.hasher.verify(record.pinHash, pin))) {
      const result = await this.deps.tx.run(async (r) => {
        const f = await r.kiosk.recordPinFailure(account.id, MAX_PIN_FAILURES, now.toISOString());
        await r.audit.record(actor, f.locked ? 'kiosk.pin_locked' : 'kiosk.pin_login_failed', 'account', account.id, { failed: f.failedAttempts });
        return f;
      });
      if (result.locked) throw new DomainError('KIOSK_PIN_LOCKED', { reason: 'too_many_attempts' });
      throw new DomainError('INVALID_CREDENTIALS', { attemptsLeft: MAX_PIN_FAILURES - result.failedAttempts });
    }
    const token = await this.deps.tx.run(async (r) => {
      await r.kiosk.recordPinSuccess(account.id, now.toISOString());
      const t = await this.openSession(r, account, 'pin', meta);
      await r.audit.record(actor, 'kiosk.pin_login', 'account', account.id);
      return t;
    });
    return this.signedIn(token);
  }

  // ---- QR code ---------------------------------------------------------------------------------

  /** A one-time challenge for the QR code the kiosk shows; only the box itself may ask. */
  async createChallenge(ip: string | null): Promise<{ id: string; secret: string; expiresAt: string; url: string }> {
    assertLoopback(ip);
    const id = randomBytes(12).toString('base64url');
    const secret = randomBytes(24).toString('base64url');
    const now = this.now();
    const expiresAt = new Date(now.getTime() + QR_TTL_MS).toISOString();
    await this.deps.tx.run(async (r) => {
      await r.kiosk.deleteChallengesBefore(new Date(now.getTime() - 3_600_000).toISOString());
      await r.kiosk.createChallenge({ id, secretHash: sha256(secret), createdAt: now.toISOString(), expiresAt });
      await r.audit.record({ accountId: null, login: 'kiosk', ip }, 'kiosk.qr_created', 'kiosk_qr', id, { expiresAt });
    });
    const path = `/dang-nhap-kiosk?c=${encodeURIComponent(id)}&s=${encodeURIComponent(secret)}`;
    return { id, secret, expiresAt, url: `${this.deps.publicBaseUrl ?? ''}${path}` };
  }

  /** The teacher, signed in on a phone, confirms the kiosk's QR code (its secret proves they saw it). */
  async approveChallenge(principal: Principal, id: string, secret: string, ip: string | null): Promise<void> {
    const actor: Actor = { accountId: principal.accountId, login: principal.login, ip };
    const challenge = await this.deps.tx.read((r) => r.kiosk.getChallenge(id));
    if (!challenge) throw new DomainError('NOT_FOUND', { challenge: id });
    if (!sameHash(sha256(secret), challenge.secretHash)) {
      await this.deps.tx.run((r) => r.audit.record(actor, 'kiosk.qr_refused', 'kiosk_qr', id, { reason: 'wrong_secret' }));
      throw new DomainError('KIOSK_QR_INVALID');
    }
    if (challenge.approvedBy !== null || challenge.consumedAt !== null) throw new DomainError('KIOSK_QR_USED');
    const now = this.now();
    if (now.toISOString() >= challenge.expiresAt) throw new DomainError('KIOSK_QR_EXPIRED');
    await this.deps.tx.run(async (r) => {
      if (!(await r.kiosk.approveChallenge(id, principal.accountId, now.toISOString(), ip))) throw new DomainError('KIOSK_QR_USED');
      await r.audit.record(actor, 'kiosk.qr_approved', 'kiosk_qr', id);
    });
  }

  /**
   * The kiosk polls its challenge: pending until approved, then (once) the session of the teacher
   * who approved it. Only from the box itself.
   */
  async pollChallenge(id: string, meta: { ip: string | null; userAgent: string | null }): Promise<{ status: 'pending'; expiresAt: string } | ({ status: 'approved'; expiresAt: string } & KioskSignIn)> {
    assertLoopback(meta.ip);
    const challenge = await this.deps.tx.read((r) => r.kiosk.getChallenge(id));
    if (!challenge) throw new DomainError('NOT_FOUND', { challenge: id });
    if (challenge.consumedAt !== null) throw new DomainError('KIOSK_QR_USED');
    const now = this.now();
    if (challenge.approvedBy === null || challenge.approvedAt === null) {
      if (now.toISOString() >= challenge.expiresAt) throw new DomainError('KIOSK_QR_EXPIRED');
      return { status: 'pending', expiresAt: challenge.expiresAt };
    }
    if (now.getTime() >= Date.parse(challenge.approvedAt) + QR_COLLECT_MS) throw new DomainError('KIOSK_QR_EXPIRED');
    const approvedBy = challenge.approvedBy;
    const token = await this.deps.tx.run(async (r) => {
      const account = await r.accounts.findById(approvedBy);
      if (!account || account.disabled) throw new DomainError('ACCOUNT_DISABLED');
      if (!(await r.kiosk.consumeChallenge(id, now.toISOString()))) throw new DomainError('KIOSK_QR_USED');
      const t = await this.openSession(r, account, 'qr', meta);
      await r.audit.record({ accountId: account.id, login: account.login, ip: meta.ip }, 'kiosk.qr_login', 'kiosk_qr', id);
      return t;
    });
    return { status: 'approved', expiresAt: challenge.expiresAt, ...(await this.signedIn(token)) };
  }

  // ---- kiosk sessions --------------------------------------------------------------------------

  /**
   * Called on every signed-in request: a kiosk session idle for longer than the kiosk timeout is
   * ended (deleted, audited) and 'ended' returned; otherwise its activity is noted.
   */
  async checkSession(sessionId: string): Promise<'ended' | 'active' | 'not_kiosk'> {
    const s = await this.deps.tx.read((r) => r.kiosk.findSession(sessionId));
    if (!s) return 'not_kiosk';
    const now = this.now().getTime();
    const idleMs = this.deps.idleMinutes * 60_000;
    const last = Date.parse(s.lastSeenAt);
    if (now - last >= idleMs) {
      await this.deps.tx.run(async (r) => {
        await r.sessions.delete(sessionId);
        await r.audit.record({ accountId: s.accountId, login: null, ip: null }, 'kiosk.session_idle_ended', 'account', s.accountId, { method: s.method, lastSeenAt: s.lastSeenAt });
      });
      return 'ended';
    }
    // Written at most every tenth of the timeout (and every 30 s at most): one SQLite connection serves everyone.
    if (now - last > Math.min(30_000, idleMs / 10)) await this.deps.tx.run((r) => r.kiosk.touchSession(sessionId, new Date(now).toISOString()));
    return 'active';
  }

  /** Ends idle kiosk sessions nobody came back to, and old QR challenges (hourly sweep). */
  async purge(): Promise<number> {
    const now = this.now().getTime();
    return this.deps.tx.run(async (r) => {
      const ids = await r.kiosk.idleSessionIds(new Date(now - this.deps.idleMinutes * 60_000).toISOString());
      for (const id of ids) await r.sessions.delete(id);
      await r.kiosk.deleteChallengesBefore(new Date(now - 3_600_000).toISOString());
      return ids.length;
    });
  }

  // ---- the lesson to open ----------------------------------------------------------------------

  /**
   * For the teacher at the kiosk: the lesson to open now — theirs, live, or in its slot, or
   * starting within 15 minutes (when the room opens) — and the next one later today.
   */
  async today(viewer: Viewer): Promise<{ lesson: TodayLesson | null; next: TodayLesson | null }> {
    const now = this.now();
    const at = now.toISOString();
    const mine = (await this.deps.lessons.today(viewer, now))
      .filter((l) => l.myRole === 'teacher' && (l.status === 'scheduled' || l.status === 'live'))
      .sort((a, b) => (a.startsAt < b.startsAt ? -1 : a.startsAt > b.startsAt ? 1 : a.id - b.id));
    const open = mine.filter((l) => joinWindow(l, at) === 'open');
    const lesson = open.find((l) => l.status === 'live') ?? open[0] ?? null;
    const next = mine.find((l) => l !== lesson && l.startsAt > at && joinWindow(l, at) === 'early') ?? null;
    return { lesson, next };
  }

  // ---- internals -------------------------------------------------------------------------------

  /**
   * Opens a session the way AccountService does (a random token in the cookie, its SHA-256 as the
   * session id, the 12-hour cap) and marks it as a kiosk session.
   */
  private async openSession(r: Repos, account: AccountRecord, method: KioskSessionMethod, meta: { ip: string | null; userAgent: string | null }): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    const id = sha256(token);
    const now = this.now();
    const at = now.toISOString();
    await r.sessions.create({
      id, accountId: account.id, csrfToken: randomBytes(24).toString('base64url'), createdAt: at, lastSeenAt: at,
      expiresAt: new Date(now.getTime() + SESSION_MAX_HOURS * 3_600_000).toISOString(), ip: meta.ip, userAgent: meta.userAgent?.slice(0, 300) ?? null,
    });
    await r.kiosk.createSession({ sessionId: id, accountId: account.id, method, createdAt: at, lastSeenAt: at });
    return token;
  }

  private async signedIn(token: string): Promise<KioskSignIn> {
    const principal = await this.deps.accounts.authenticate(token);
    if (!principal) throw new Error('a kiosk session just opened does not authenticate');
    return { token, principal, idleMinutes: this.deps.idleMinutes };
  }
}

function assertLoopback(ip: string | null): void {
  // Like the first run (Art. 10.2): quick sign-in belongs to the box's own screen, never the LAN.
  if (!isLoopback(ip)) throw new DomainError('KIOSK_ONLY_ON_THE_BOX');
}

function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
}
