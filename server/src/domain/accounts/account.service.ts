import { createHash, randomBytes } from 'node:crypto';
import { DomainError } from '../shared/errors.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { Role } from '../people/person.types.js';
import type { AccountRecord, AccountRepository, Actor, PasswordHasher, Principal, SessionRepository } from './account.types.js';
import { assertStrongPassword, temporaryPassword } from './password-policy.js';
import { canGrantRole } from './policy.js';

/** Five wrong passwords in a row lock the account for fifteen minutes (Art. 10.2). */
export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MINUTES = 15;
/** A session lives at most twelve hours, whatever its activity. */
export const SESSION_MAX_HOURS = 12;

export interface AccountServiceDeps {
  accounts: AccountRepository;
  sessions: SessionRepository;
  hasher: PasswordHasher;
  audit: AuditLog;
  idleMinutes: number;
  now?: () => Date;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

// Verified against when the login does not exist, so the reply takes as long as a real check.
let decoyHash: Promise<string> | undefined;

export class AccountService {
  private readonly now: () => Date;

  constructor(private readonly deps: AccountServiceDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  /** Signs in with the personal identifier and password; returns the cookie token and the principal. */
  async login(login: string, password: string, meta: { ip: string | null; userAgent: string | null }): Promise<{ token: string; principal: Principal }> {
    const normalized = login.replace(/\s+/g, '').toUpperCase();
    const account = await this.deps.accounts.findByLogin(normalized);
    const now = this.now();
    if (!account) {
      decoyHash ??= this.deps.hasher.hash('decoy-password-1');
      await this.deps.hasher.verify(await decoyHash, password);
      await this.deps.audit.record({ accountId: null, login: normalized, ip: meta.ip }, 'auth.login_failed', 'account', null, { reason: 'unknown_login' });
      throw new DomainError('INVALID_CREDENTIALS');
    }
    const actor: Actor = { accountId: account.id, login: account.login, ip: meta.ip };
    if (account.disabled) throw new DomainError('ACCOUNT_DISABLED');
    if (account.lockedUntil && new Date(account.lockedUntil) > now) {
      throw new DomainError('ACCOUNT_LOCKED', { until: account.lockedUntil });
    }
    const ok = await this.deps.hasher.verify(account.passwordHash, password);
    if (!ok) {
      const failed = account.failedLogins + 1;
      const lock = failed >= MAX_FAILED_LOGINS ? new Date(now.getTime() + LOCKOUT_MINUTES * 60_000).toISOString() : null;
      await this.deps.accounts.recordFailedLogin(account.id, lock ? 0 : failed, lock);
      await this.deps.audit.record(actor, lock ? 'auth.locked' : 'auth.login_failed', 'account', account.id, { failed });
      if (lock) throw new DomainError('ACCOUNT_LOCKED', { until: lock });
      throw new DomainError('INVALID_CREDENTIALS');
    }
    await this.deps.accounts.recordLogin(account.id, now.toISOString());
    const { token, principal } = await this.openSession(account, meta);
    await this.deps.audit.record(actor, 'auth.login', 'account', account.id);
    return { token, principal };
  }

  private async openSession(account: AccountRecord, meta: { ip: string | null; userAgent: string | null }) {
    const token = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(24).toString('base64url');
    const now = this.now();
    const session = {
      id: sha256(token),
      accountId: account.id,
      csrfToken,
      createdAt: now.toISOString(),
      lastSeenAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + SESSION_MAX_HOURS * 3_600_000).toISOString(),
    };
    await this.deps.sessions.create({ ...session, ip: meta.ip, userAgent: meta.userAgent?.slice(0, 300) ?? null });
    return { token, principal: toPrincipal(account, session.id, csrfToken) };
  }

  /** Resolves a cookie token to the principal, or undefined when absent, expired or idle too long. */
  async authenticate(token: string): Promise<Principal | undefined> {
    if (!token || token.length > 100) return undefined;
    const id = sha256(token);
    const session = await this.deps.sessions.find(id);
    if (!session) return undefined;
    const now = this.now();
    const idleLimit = new Date(session.lastSeenAt).getTime() + this.deps.idleMinutes * 60_000;
    if (new Date(session.expiresAt) <= now || idleLimit <= now.getTime()) {
      await this.deps.sessions.delete(id);
      return undefined;
    }
    const account = await this.deps.accounts.findById(session.accountId);
    if (!account || account.disabled) return undefined;
    // Write the activity at most once a minute: one SQLite connection serves everyone.
    if (now.getTime() - new Date(session.lastSeenAt).getTime() > 60_000) await this.deps.sessions.touch(id, now.toISOString());
    return toPrincipal(account, id, session.csrfToken);
  }

  async logout(principal: Principal, ip: string | null): Promise<void> {
    await this.deps.sessions.delete(principal.sessionId);
    await this.deps.audit.record({ accountId: principal.accountId, login: principal.login, ip }, 'auth.logout', 'account', principal.accountId);
  }

  /** Changes one's own password (also the first-login change); other sessions are closed. */
  async changePassword(principal: Principal, current: string, next: string, ip: string | null): Promise<void> {
    const account = await this.deps.accounts.findById(principal.accountId);
    if (!account) throw new DomainError('UNAUTHENTICATED');
    if (!(await this.deps.hasher.verify(account.passwordHash, current))) throw new DomainError('INVALID_CREDENTIALS');
    if (current === next) throw new DomainError('PASSWORD_REUSED');
    assertStrongPassword(next, account.login);
    await this.deps.accounts.setPassword(account.id, await this.deps.hasher.hash(next), false, this.now().toISOString());
    await this.deps.sessions.deleteForAccount(account.id, principal.sessionId);
    await this.deps.audit.record({ accountId: account.id, login: account.login, ip }, 'account.password_changed', 'account', account.id);
  }

  /** Resets someone's password to a temporary one they must change at next login. */
  async resetPassword(actor: Actor, personId: number): Promise<{ login: string; temporaryPassword: string }> {
    const account = await this.deps.accounts.findByPersonId(personId);
    if (!account) throw new DomainError('NOT_FOUND', { personId });
    const temp = temporaryPassword((n) => randomBytes(n));
    await this.deps.accounts.setPassword(account.id, await this.deps.hasher.hash(temp), true, this.now().toISOString());
    await this.deps.accounts.recordFailedLogin(account.id, 0, null);
    await this.deps.sessions.deleteForAccount(account.id);
    await this.deps.audit.record(actor, 'account.password_reset', 'account', account.id);
    return { login: account.login, temporaryPassword: temp };
  }

  async setDisabled(actor: Actor, actorRoles: readonly Role[], personId: number, disabled: boolean): Promise<void> {
    const account = await this.deps.accounts.findByPersonId(personId);
    if (!account) throw new DomainError('NOT_FOUND', { personId });
    if (account.id === actor.accountId) throw new DomainError('CONFLICT', { reason: 'cannot_disable_self' });
    if (account.roles.includes('principal') && !actorRoles.includes('principal')) throw new DomainError('FORBIDDEN');
    await this.deps.accounts.setDisabled(account.id, disabled);
    if (disabled) await this.deps.sessions.deleteForAccount(account.id);
    await this.deps.audit.record(actor, disabled ? 'account.disabled' : 'account.enabled', 'account', account.id);
  }

  /** Grants staff roles; the principal role only by a principal, student/parent/leader come from data. */
  async setStaffRoles(actor: Actor, actorRoles: readonly Role[], personId: number, roles: Role[]): Promise<Role[]> {
    const account = await this.deps.accounts.findByPersonId(personId);
    if (!account) throw new DomainError('NOT_FOUND', { personId });
    if (account.personKind !== 'staff') throw new DomainError('CONFLICT', { reason: 'not_staff' });
    const current: Role[] = account.roles.filter((r) => r !== 'group_leader');
    const changed = [...new Set([...current, ...roles])].filter((r) => current.includes(r) !== roles.includes(r));
    for (const r of changed) if (!canGrantRole(actorRoles, r)) throw new DomainError('FORBIDDEN', { role: r });
    if (account.id === actor.accountId && current.includes('principal') && !roles.includes('principal')) {
      throw new DomainError('CONFLICT', { reason: 'cannot_drop_own_principal_role' });
    }
    const unique = [...new Set(roles)];
    await this.deps.accounts.setRoles(account.id, unique);
    await this.deps.audit.record(actor, 'account.roles_changed', 'account', account.id, { roles: unique });
    return unique;
  }

  async setLanguage(principal: Principal, language: 'vi' | 'en'): Promise<void> {
    await this.deps.accounts.setLanguage(principal.accountId, language);
  }

  async purgeExpiredSessions(): Promise<number> {
    const now = this.now();
    return this.deps.sessions.deleteExpired(now.toISOString(), new Date(now.getTime() - this.deps.idleMinutes * 60_000).toISOString());
  }
}

function toPrincipal(account: AccountRecord, sessionId: string, csrfToken: string): Principal {
  return {
    accountId: account.id,
    personId: account.personId,
    personKind: account.personKind,
    login: account.login,
    fullName: account.fullName,
    roles: account.roles,
    mustChangePassword: account.mustChangePassword,
    language: account.language,
    sessionId,
    csrfToken,
  };
}
