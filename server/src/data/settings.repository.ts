import type { Knex } from 'knex';
import type { SettingsRepository } from '../domain/settings/settings.service.js';

export class KnexSettingsRepository implements SettingsRepository {
  constructor(private readonly db: Knex) {}

  async get(key: string) {
    const row = await this.db('school_settings').where({ key }).first('value');
    return row?.value as string | undefined;
  }

  async set(key: string, value: string, accountId: number | null, at: string) {
    const updated = await this.db('school_settings').where({ key }).update({ value, updated_at: at, updated_by: accountId });
    if (!updated) await this.db('school_settings').insert({ key, value, updated_at: at, updated_by: accountId });
  }
}
