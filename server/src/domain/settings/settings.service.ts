import { DomainError } from '../shared/errors.js';
import type { Actor } from '../accounts/account.types.js';
import type { Transactor } from '../repos.js';

/** Recording of live lessons (Art. 9.1, 8.1.b): allowed or not by the school, and the disk it may use. */
export interface RecordingSettings {
  allowed: boolean;
  /** Disk budget for all recordings, in gigabytes. */
  budgetGb: number;
}

export const DEFAULT_RECORDING: RecordingSettings = { allowed: false, budgetGb: 20 };

export interface SettingsRepository {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string, accountId: number | null, at: string): Promise<void>;
}

/** The school's settings, each a typed value stored as JSON; every change audited. */
export class SettingsService {
  constructor(private readonly tx: Transactor) {}

  async recording(): Promise<RecordingSettings> {
    const raw = await this.tx.read((r) => r.settings.get('recording'));
    if (!raw) return { ...DEFAULT_RECORDING };
    return { ...DEFAULT_RECORDING, ...(JSON.parse(raw) as Partial<RecordingSettings>) };
  }

  setRecording(actor: Actor, value: RecordingSettings) {
    if (!(value.budgetGb > 0 && value.budgetGb <= 10_000)) throw new DomainError('VALIDATION_FAILED', { field: 'budgetGb' });
    return this.tx.run(async (r) => {
      await r.settings.set('recording', JSON.stringify(value), actor.accountId, new Date().toISOString());
      await r.audit.record(actor, 'settings.recording_changed', 'settings', 'recording', { ...value });
    });
  }
}
