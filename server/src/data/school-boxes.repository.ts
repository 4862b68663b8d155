import type { Knex } from 'knex';
import type { SchoolBoxInput, SchoolBoxRecord, SchoolBoxRepository } from '../domain/boxes/box.types.js';
import { insertedId } from './rows.js';

interface Row {
  id: number;
  name: string;
  url: string;
  sealed_token: string;
  ca_fingerprint_sha256: string;
  ca_cert_pem: string;
  added_at: string;
  last_seen_at: string | null;
  last_error: string | null;
}

const toRecord = (r: Row): SchoolBoxRecord => ({
  id: Number(r.id), name: r.name, url: r.url, sealedToken: r.sealed_token, caFingerprintSha256: r.ca_fingerprint_sha256,
  caCertPem: r.ca_cert_pem, addedAt: r.added_at, lastSeenAt: r.last_seen_at, lastError: r.last_error,
});

export class KnexSchoolBoxRepository implements SchoolBoxRepository {
  constructor(private readonly db: Knex) {}

  async list(): Promise<SchoolBoxRecord[]> {
    return (await this.db<Row>('school_boxes').select('*').orderBy('name').orderBy('id')).map(toRecord);
  }

  async get(id: number): Promise<SchoolBoxRecord | undefined> {
    const row = await this.db<Row>('school_boxes').where({ id }).first();
    return row ? toRecord(row) : undefined;
  }

  async add(b: SchoolBoxInput): Promise<number> {
    return insertedId(await this.db('school_boxes').insert({
      name: b.name, url: b.url, sealed_token: b.sealedToken, ca_fingerprint_sha256: b.caFingerprintSha256, ca_cert_pem: b.caCertPem, added_at: b.addedAt,
    }).returning('id'));
  }

  async remove(id: number): Promise<boolean> {
    return (await this.db('school_boxes').where({ id }).delete()) > 0;
  }

  async markSeen(id: number, at: string, error: string | null): Promise<void> {
    await this.db('school_boxes').where({ id }).update(error ? { last_error: error } : { last_seen_at: at, last_error: null });
  }
}
