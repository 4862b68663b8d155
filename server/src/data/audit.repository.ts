import type { Knex } from 'knex';
import type { Actor } from '../domain/accounts/account.types.js';
import type { AuditEntry, AuditLog, AuditQuery } from '../domain/audit/audit-log.js';
import { int } from './rows.js';

export class KnexAuditLog implements AuditLog {
  constructor(private readonly db: Knex) {}

  async record(actor: Actor, action: string, entity: string | null, entityId: string | number | null, details?: Record<string, unknown>) {
    await this.db('audit_log').insert({
      at: new Date().toISOString(),
      actor_account_id: actor.accountId,
      actor_login: actor.login,
      ip: actor.ip,
      action,
      entity,
      entity_id: entityId === null ? null : String(entityId),
      details: details ? JSON.stringify(details) : null,
    });
  }

  async list(q: AuditQuery): Promise<AuditEntry[]> {
    const query = this.db('audit_log').orderBy('id', 'desc').limit(q.limit);
    if (q.actorLogin) query.where('actor_login', q.actorLogin);
    if (q.action) query.where('action', 'like', `${q.action}%`);
    if (q.entity) query.where('entity', q.entity);
    if (q.before) query.where('id', '<', q.before);
    const rows = await query;
    return rows.map((r) => ({
      id: int(r.id), at: r.at, actorAccountId: r.actor_account_id === null ? null : int(r.actor_account_id),
      actorLogin: r.actor_login, ip: r.ip, action: r.action, entity: r.entity, entityId: r.entity_id,
      details: r.details ? (JSON.parse(r.details) as Record<string, unknown>) : null,
    }));
  }
}
