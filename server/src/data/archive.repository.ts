import type { Knex } from 'knex';
import type { RecordCategory } from '../domain/archive/archive-writer.js';
import type { ChainHeader, ChainRecord } from '../domain/archive/archive-chain.js';
import type { ArchiveListFilter, ArchiveRecordSummary, ArchiveRepository, ArchiveSeal, DisposalCandidate, RetentionSetting } from '../domain/archive/archive.types.js';
import { int } from './rows.js';

const optInt = (v: unknown): number | null => (v === null || v === undefined ? null : int(v));

function chainRecord(r: Record<string, unknown>): ChainRecord {
  return {
    seq: int(r.seq), category: r.category as RecordCategory, kind: String(r.kind), ref: String(r.ref), title: String(r.title),
    schoolYearId: optInt(r.school_year_id), semesterId: optInt(r.semester_id), actorId: optInt(r.actor_id),
    recordedAt: String(r.recorded_at), payloadSha256: String(r.payload_sha256), prevHash: String(r.prev_hash), hash: String(r.hash),
    payload: r.payload === null || r.payload === undefined ? null : String(r.payload),
  };
}

function seal(r: Record<string, unknown>): ArchiveSeal {
  return {
    semesterId: int(r.semester_id), schoolYearId: int(r.school_year_id), headSeq: int(r.head_seq), headHash: String(r.head_hash),
    segmentStartSeq: int(r.segment_start_seq), segmentStartPrevHash: String(r.segment_start_prev_hash), recordCount: int(r.record_count),
    sealedById: int(r.sealed_by_id), sealedByName: (r.sealed_by_name as string | null) ?? null, sealedAt: String(r.sealed_at),
    exportFile: (r.export_file as string | null) ?? null, exportBytes: optInt(r.export_bytes), exportSha256: (r.export_sha256 as string | null) ?? null,
    exportedAt: (r.exported_at as string | null) ?? null,
  };
}

const CHAIN_COLUMNS = ['seq', 'category', 'kind', 'ref', 'title', 'school_year_id', 'semester_id', 'actor_id', 'recorded_at', 'payload', 'payload_sha256', 'prev_hash', 'hash'];

export class KnexArchiveRepository implements ArchiveRepository {
  constructor(private readonly db: Knex) {}

  private get isPg(): boolean {
    const c = this.db.client.config.client;
    return c === 'pg' || c === 'postgres' || c === 'postgresql';
  }

  async lockHead() {
    const q = this.db('archive_head').where({ id: 1 }).first('seq', 'hash');
    if (this.isPg) q.forUpdate();
    const r = await q;
    if (!r) throw new Error('archive_head row missing');
    return { seq: int(r.seq), hash: String(r.hash) };
  }

  async head() {
    const r = await this.db('archive_head').where({ id: 1 }).first('seq', 'hash');
    if (!r) throw new Error('archive_head row missing');
    return { seq: int(r.seq), hash: String(r.hash) };
  }

  async insert(h: ChainHeader & { hash: string; payload: string; searchText: string }) {
    await this.db('archive_records').insert({
      seq: h.seq, category: h.category, kind: h.kind, ref: h.ref, title: h.title, school_year_id: h.schoolYearId, semester_id: h.semesterId,
      actor_id: h.actorId, recorded_at: h.recordedAt, payload: h.payload, payload_sha256: h.payloadSha256, prev_hash: h.prevHash, hash: h.hash,
      search_text: h.searchText,
    });
  }

  async setHead(seq: number, hash: string) {
    // The guard makes a stale head (a fork) fail loudly instead of silently overwriting.
    const n = await this.db('archive_head').where({ id: 1, seq: seq - 1 }).update({ seq, hash });
    if (n !== 1) throw new Error('archive head moved during append');
  }

  async chain(fromSeq: number, limit: number) {
    const rows = await this.db('archive_records').where('seq', '>=', fromSeq).orderBy('seq').limit(limit).select(CHAIN_COLUMNS);
    return rows.map(chainRecord);
  }

  async list(f: ArchiveListFilter): Promise<ArchiveRecordSummary[]> {
    const q = this.db('archive_records as a').leftJoin('people as p', 'p.id', 'a.actor_id')
      .select('a.seq', 'a.category', 'a.kind', 'a.ref', 'a.title', 'a.school_year_id', 'a.semester_id', 'a.actor_id', 'a.recorded_at', 'a.hash', 'a.disposed_at', 'p.full_name as actor_name')
      .orderBy('a.seq', 'desc').limit(f.limit);
    if (f.category) q.where('a.category', f.category);
    if (f.semesterId !== undefined) q.where('a.semester_id', f.semesterId);
    if (f.schoolYearId !== undefined) q.where('a.school_year_id', f.schoolYearId);
    if (f.beforeSeq !== undefined) q.where('a.seq', '<', f.beforeSeq);
    // LIKE wildcards are dropped from the words by the service (no ESCAPE clause needed on either dialect).
    for (const word of (f.search ?? '').split(/\s+/).filter(Boolean)) q.where('a.search_text', 'like', `%${word}%`);
    const rows = await q;
    return rows.map((r) => ({
      seq: int(r.seq), category: r.category, kind: r.kind, ref: r.ref, title: r.title, schoolYearId: optInt(r.school_year_id), semesterId: optInt(r.semester_id),
      actorId: optInt(r.actor_id), actorName: r.actor_name ?? null, recordedAt: r.recorded_at, hash: r.hash, disposedAt: r.disposed_at ?? null,
    }));
  }

  async countByCategory(semesterId: number | null) {
    const q = this.db('archive_records').select('category').count({ count: '*' }).count({ disposed: 'disposed_at' }).groupBy('category');
    if (semesterId !== null) q.where({ semester_id: semesterId });
    const rows = (await q) as Record<string, unknown>[];
    return rows.map((r) => ({ category: r.category as RecordCategory, count: int(r.count), disposed: int(r.disposed) }));
  }

  async get(seq: number) {
    const r = await this.db('archive_records as a').leftJoin('people as p', 'p.id', 'a.actor_id').where('a.seq', seq)
      .first(...CHAIN_COLUMNS.map((c) => `a.${c}`), 'a.disposed_at', 'p.full_name as actor_name');
    return r ? { ...chainRecord(r), disposedAt: r.disposed_at ?? null, actorName: r.actor_name ?? null } : undefined;
  }

  async ofSemester(semesterId: number) {
    const rows = await this.db('archive_records').where({ semester_id: semesterId }).orderBy('seq').select(CHAIN_COLUMNS);
    return rows.map(chainRecord);
  }

  async firstSeqOfSemester(semesterId: number, schoolYearId: number) {
    const r = await this.db('archive_records')
      .where((q) => q.where({ semester_id: semesterId }).orWhere((q2) => q2.whereNull('semester_id').where({ school_year_id: schoolYearId }).whereNot('kind', 'like', 'archive.%')))
      .min({ seq: 'seq' }).first();
    return r && r.seq !== null && r.seq !== undefined ? int(r.seq) : null;
  }

  async seal(semesterId: number) {
    const r = await this.db('archive_seals as s').leftJoin('people as p', 'p.id', 's.sealed_by_id').where('s.semester_id', semesterId).first('s.*', 'p.full_name as sealed_by_name');
    return r ? seal(r) : undefined;
  }

  async seals() {
    const rows = await this.db('archive_seals as s').leftJoin('people as p', 'p.id', 's.sealed_by_id').orderBy('s.head_seq', 'desc').select('s.*', 'p.full_name as sealed_by_name');
    return rows.map(seal);
  }

  async addSeal(s: Omit<ArchiveSeal, 'sealedByName' | 'exportFile' | 'exportBytes' | 'exportSha256' | 'exportedAt'>) {
    await this.db('archive_seals').insert({
      semester_id: s.semesterId, school_year_id: s.schoolYearId, head_seq: s.headSeq, head_hash: s.headHash, segment_start_seq: s.segmentStartSeq,
      segment_start_prev_hash: s.segmentStartPrevHash, record_count: s.recordCount, sealed_by_id: s.sealedById, sealed_at: s.sealedAt,
    });
  }

  async setExport(semesterId: number, e: { file: string; bytes: number; sha256: string; at: string }) {
    await this.db('archive_seals').where({ semester_id: semesterId }).update({ export_file: e.file, export_bytes: e.bytes, export_sha256: e.sha256, exported_at: e.at });
  }

  async retention(): Promise<RetentionSetting[]> {
    const rows = await this.db('archive_retention').select('*');
    return rows.map((r) => ({ category: r.category, years: optInt(r.years), updatedById: optInt(r.updated_by_id), updatedAt: r.updated_at ?? null }));
  }

  async setRetention(category: RecordCategory, years: number | null, by: number, at: string) {
    const n = await this.db('archive_retention').where({ category }).update({ years, updated_by_id: by, updated_at: at });
    if (!n) await this.db('archive_retention').insert({ category, years, updated_by_id: by, updated_at: at });
  }

  async disposalCandidates(category: RecordCategory, schoolYearId: number | null): Promise<DisposalCandidate[]> {
    const q = this.db('archive_records').where({ category }).whereNotNull('payload').orderBy('seq')
      .select('seq', 'category', 'kind', 'title', 'school_year_id', 'semester_id', 'recorded_at', 'payload_sha256');
    if (schoolYearId === null) q.whereNull('school_year_id');
    else q.where({ school_year_id: schoolYearId });
    const rows = await q;
    return rows.map((r) => ({
      seq: int(r.seq), category: r.category, kind: r.kind, title: r.title, schoolYearId: optInt(r.school_year_id), semesterId: optInt(r.semester_id),
      recordedAt: r.recorded_at, payloadSha256: r.payload_sha256,
    }));
  }

  async erasePayloads(seqs: number[], at: string, disposalSeq: number) {
    for (let i = 0; i < seqs.length; i += 500) {
      await this.db('archive_records').whereIn('seq', seqs.slice(i, i + 500)).update({ payload: null, disposed_at: at, disposal_seq: disposalSeq });
    }
  }
}
