import { DomainError } from '../shared/errors.js';
import { foldVietnamese } from '../shared/vietnamese.js';
import type { Repos } from '../repos.js';
import { RECORD_CATEGORIES, type ArchiveEntry, type ArchiveWriter } from './archive-writer.js';
import { payloadDigest, recordHash, type ChainHeader } from './archive-chain.js';
import { canonicalJson } from './canonical-json.js';

const KIND = /^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$/;

/**
 * The append-only records archive (Art. 8.1, 8.2): `services.archiveWriter`. `append` runs inside
 * the caller's transaction: it locks the chain's head (PostgreSQL: SELECT … FOR UPDATE; SQLite has
 * one connection), so two transactions appending at once are serialized and never fork the chain,
 * and the record commits or rolls back with the fact it records.
 */
export class ArchiveChainWriter implements ArchiveWriter {
  constructor(private readonly now: () => Date = () => new Date()) {}

  async append(repos: Repos, entry: ArchiveEntry): Promise<number> {
    const header = checkEntry(entry);
    let payload: string;
    try {
      payload = canonicalJson(entry.payload === undefined ? null : entry.payload);
    } catch (err) {
      throw new DomainError('VALIDATION_FAILED', { field: 'payload', reason: (err as Error).message, archive: true });
    }
    const head = await repos.archive.lockHead();
    // Checked after the head is locked: a seal commits holding the same lock (Art. 8.2 sealed records).
    if (header.semesterId !== null && (await repos.archive.seal(header.semesterId))) {
      throw new DomainError('ARCHIVE_SEALED', { semesterId: header.semesterId, kind: header.kind, ref: header.ref });
    }
    const h: ChainHeader = { ...header, seq: head.seq + 1, recordedAt: this.now().toISOString(), payloadSha256: payloadDigest(payload), prevHash: head.hash };
    const hash = recordHash(h);
    await repos.archive.insert({ ...h, hash, payload, searchText: foldVietnamese(`${h.title} ${h.kind} ${h.ref}`) });
    await repos.archive.setHead(h.seq, hash);
    return h.seq;
  }
}

function checkEntry(e: ArchiveEntry): Omit<ChainHeader, 'seq' | 'recordedAt' | 'payloadSha256' | 'prevHash'> {
  const bad = (field: string, reason: string) => new DomainError('VALIDATION_FAILED', { field, reason, archive: true });
  if (!RECORD_CATEGORIES.includes(e.category)) throw bad('category', 'unknown');
  if (typeof e.kind !== 'string' || e.kind.length > 60 || !KIND.test(e.kind)) throw bad('kind', 'format');
  if (typeof e.ref !== 'string' || !e.ref.trim() || e.ref.length > 120) throw bad('ref', 'length');
  const title = typeof e.title === 'string' ? e.title.trim() : '';
  if (!title || title.length > 300) throw bad('title', 'length');
  const id = (v: unknown, field: string): number | null => {
    if (v === null || v === undefined) return null;
    if (!Number.isSafeInteger(v) || (v as number) <= 0) throw bad(field, 'id');
    return v as number;
  };
  return {
    category: e.category, kind: e.kind, ref: e.ref.trim(), title: title.normalize('NFC'),
    schoolYearId: id(e.schoolYearId, 'schoolYearId'), semesterId: id(e.semesterId, 'semesterId'), actorId: id(e.actorId, 'actorId'),
  };
}
