import type { Actor } from '../accounts/account.types.js';

/** One line of the audit log (Art. 10.2): who did what, to what, when, from where. */
export interface AuditEntry {
  id: number;
  at: string;
  actorAccountId: number | null;
  actorLogin: string | null;
  ip: string | null;
  action: string;
  entity: string | null;
  entityId: string | null;
  details: Record<string, unknown> | null;
}

export interface AuditQuery {
  actorLogin?: string;
  action?: string;
  entity?: string;
  before?: number;
  limit: number;
}

export interface AuditLog {
  record(actor: Actor, action: string, entity: string | null, entityId: string | number | null, details?: Record<string, unknown>): Promise<void>;
  list(q: AuditQuery): Promise<AuditEntry[]>;
}
