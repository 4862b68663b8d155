import { DomainError } from '../shared/errors.js';
import type { Actor } from '../accounts/account.types.js';
import type { AuditLog } from '../audit/audit-log.js';

export interface SystemActionPorts {
  audit: AuditLog;
  /** The balena Supervisor, when the box runs on balena. */
  supervisor: { restartService(name: string): Promise<unknown> } | undefined;
  media: { restartMedia(): Promise<{ restarted: boolean }> };
  readLogs(): string;
}

/**
 * The IT console's actions on one box (Art. 16.3), whether the IT person is at this box's
 * console or at another box's console that was paired with it. Each is audited.
 */
export class SystemActions {
  constructor(private readonly ports: SystemActionPorts) {}

  async logs(actor: Actor): Promise<string> {
    await this.ports.audit.record(actor, 'system.logs_downloaded', 'system', 'logs');
    return this.ports.readLogs();
  }

  async restartKiosk(actor: Actor): Promise<{ ok: true }> {
    if (!this.ports.supervisor) throw new DomainError('NOT_ON_BALENA');
    await this.ports.supervisor.restartService('kiosk');
    await this.ports.audit.record(actor, 'system.kiosk_restarted', 'system', 'kiosk');
    return { ok: true };
  }

  /** Refused by the media module while a lesson is live. */
  async restartMedia(actor: Actor): Promise<{ ok: true; restarted: boolean }> {
    const r = await this.ports.media.restartMedia();
    await this.ports.audit.record(actor, 'system.media_restarted', 'system', 'media', r);
    return { ok: true, ...r };
  }
}
