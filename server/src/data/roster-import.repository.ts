import type { Knex } from 'knex';
import type { RosterImportLog } from '../domain/repos.js';
import { bool, insertedId, int } from './rows.js';

export class KnexRosterImportLog implements RosterImportLog {
  constructor(private readonly db: Knex) {}

  async record(e: Parameters<RosterImportLog['record']>[0]) {
    return insertedId(
      await this.db('roster_imports')
        .insert({ at: new Date().toISOString(), account_id: e.accountId, kind: e.kind, file_name: e.fileName.slice(0, 200), accepted: e.accepted, rejected: e.rejected, committed: e.committed, report: JSON.stringify(e.report) })
        .returning('id'),
    );
  }

  async list(limit: number) {
    const rows = await this.db('roster_imports').orderBy('id', 'desc').limit(limit).select('id', 'at', 'kind', 'file_name', 'accepted', 'rejected', 'committed');
    return rows.map((r) => ({ id: int(r.id), at: r.at, kind: r.kind, fileName: r.file_name, accepted: int(r.accepted), rejected: int(r.rejected), committed: bool(r.committed) }));
  }
}
