import type { Knex } from 'knex';
import type { AccountRecord, AccountRepository, SessionRecord, SessionRepository } from '../domain/accounts/account.types.js';
import type { PersonKind, Role } from '../domain/people/person.types.js';
import { bool, insertedId, int } from './rows.js';

interface AccountRow {
  id: number;
  person_id: number;
  kind: PersonKind;
  login: string;
  full_name: string;
  password_hash: string;
  must_change_password: unknown;
  failed_logins: number;
  locked_until: string | null;
  disabled: unknown;
  language: 'vi' | 'en';
}

export class KnexAccountRepository implements AccountRepository {
  constructor(private readonly db: Knex) {}

  private base() {
    return this.db('accounts as a')
      .join('people as p', 'p.id', 'a.person_id')
      .select('a.id', 'a.person_id', 'p.kind', 'a.login', 'p.full_name', 'a.password_hash', 'a.must_change_password', 'a.failed_logins', 'a.locked_until', 'a.disabled', 'a.language');
  }

  private async hydrate(row: AccountRow | undefined): Promise<AccountRecord | undefined> {
    if (!row) return undefined;
    const roles = (await this.db('account_roles').where('account_id', row.id).pluck('role')) as Role[];
    // A subject-group leader is whoever the group names (Art. 7.3 reviews follow from it).
    const leads = await this.db('subject_groups').where('leader_id', row.person_id).first('id');
    if (leads && !roles.includes('group_leader')) roles.push('group_leader');
    return {
      id: int(row.id),
      personId: int(row.person_id),
      personKind: row.kind,
      login: row.login,
      fullName: row.full_name,
      passwordHash: row.password_hash,
      mustChangePassword: bool(row.must_change_password),
      failedLogins: int(row.failed_logins),
      lockedUntil: row.locked_until,
      disabled: bool(row.disabled),
      language: row.language,
      roles,
    };
  }

  async findByLogin(login: string) {
    return this.hydrate(await this.base().where('a.login', login).first());
  }
  async findById(id: number) {
    return this.hydrate(await this.base().where('a.id', id).first());
  }
  async findByPersonId(personId: number) {
    return this.hydrate(await this.base().where('a.person_id', personId).first());
  }
  async recordFailedLogin(id: number, failedLogins: number, lockedUntil: string | null) {
    await this.db('accounts').where({ id }).update({ failed_logins: failedLogins, locked_until: lockedUntil });
  }
  async recordLogin(id: number, at: string) {
    await this.db('accounts').where({ id }).update({ failed_logins: 0, locked_until: null, last_login_at: at });
  }
  async setPassword(id: number, hash: string, mustChange: boolean, at: string) {
    await this.db('accounts').where({ id }).update({ password_hash: hash, must_change_password: mustChange, password_changed_at: at });
  }
  async setDisabled(id: number, disabled: boolean) {
    await this.db('accounts').where({ id }).update({ disabled });
  }
  async setRoles(id: number, roles: Role[]) {
    await this.db.transaction(async (trx) => {
      await trx('account_roles').where('account_id', id).del();
      if (roles.length) await trx('account_roles').insert(roles.map((role) => ({ account_id: id, role })));
    });
  }
  async setLanguage(id: number, language: 'vi' | 'en') {
    await this.db('accounts').where({ id }).update({ language });
  }
  async create(input: { personId: number; login: string; passwordHash: string; mustChangePassword: boolean; roles: Role[]; at: string }) {
    const id = insertedId(
      await this.db('accounts')
        .insert({ person_id: input.personId, login: input.login, password_hash: input.passwordHash, must_change_password: input.mustChangePassword, created_at: input.at })
        .returning('id'),
    );
    if (input.roles.length) await this.db('account_roles').insert(input.roles.map((role) => ({ account_id: id, role })));
    return id;
  }
}

export class KnexSessionRepository implements SessionRepository {
  constructor(private readonly db: Knex) {}

  async create(s: SessionRecord & { ip: string | null; userAgent: string | null }) {
    await this.db('sessions').insert({
      id: s.id, account_id: s.accountId, csrf_token: s.csrfToken, created_at: s.createdAt,
      last_seen_at: s.lastSeenAt, expires_at: s.expiresAt, ip: s.ip, user_agent: s.userAgent,
    });
  }
  async find(id: string): Promise<SessionRecord | undefined> {
    const r = await this.db('sessions').where({ id }).first();
    if (!r) return undefined;
    return { id: r.id, accountId: int(r.account_id), csrfToken: r.csrf_token, createdAt: r.created_at, lastSeenAt: r.last_seen_at, expiresAt: r.expires_at };
  }
  async touch(id: string, at: string) {
    await this.db('sessions').where({ id }).update({ last_seen_at: at });
  }
  async delete(id: string) {
    await this.db('sessions').where({ id }).del();
  }
  async deleteForAccount(accountId: number, exceptId?: string) {
    const q = this.db('sessions').where('account_id', accountId);
    if (exceptId) q.whereNot('id', exceptId);
    await q.del();
  }
  async deleteExpired(now: string, idleCutoff: string) {
    return this.db('sessions').where('expires_at', '<=', now).orWhere('last_seen_at', '<=', idleCutoff).del();
  }
}
