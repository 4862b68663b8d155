import type { ArchiveEntry } from './archive-writer.js';
import { canonicalJson, sha256Hex } from './canonical-json.js';

/**
 * The records archive's hash chain (Art. 8.2: sealed records are immutable and verifiable). Each
 * record's hash covers every field of the record and the previous record's hash; the payload enters
 * through its SHA-256, so a payload erased at disposal (after retention) leaves the chain intact.
 * Pure functions: the writer, the verification command, the page and the export all use these.
 */

/** The hash the first record points back to. */
export const GENESIS_HASH = '0'.repeat(64);
/** The version of the hashed form; a later change of the form would be a new version, never a rewrite. */
export const CHAIN_FORMAT = 1;

/** Kinds the archive writes itself. */
export const DISPOSAL_KIND = 'archive.disposal';
export const SEAL_KIND = 'archive.seal';

/** A record's header: everything that is hashed (the payload through payloadSha256). */
export interface ChainHeader extends Omit<ArchiveEntry, 'payload'> {
  seq: number;
  recordedAt: string;
  payloadSha256: string;
  prevHash: string;
}

export interface ChainRecord extends ChainHeader {
  hash: string;
  /** The canonical JSON of the payload, null once disposed (or when an export leaves it out). */
  payload: string | null;
}

export function payloadDigest(payloadJson: string): string {
  return sha256Hex(payloadJson);
}

/** SHA-256 of the canonical JSON of the header (format version included). */
export function recordHash(h: ChainHeader): string {
  return sha256Hex(canonicalJson({
    v: CHAIN_FORMAT, seq: h.seq, category: h.category, kind: h.kind, ref: h.ref, title: h.title,
    schoolYearId: h.schoolYearId, semesterId: h.semesterId, actorId: h.actorId, recordedAt: h.recordedAt,
    payloadSha256: h.payloadSha256, prevHash: h.prevHash,
  }));
}

export type ChainBreakReason =
  | 'out_of_order' // a seq not greater than the one before (records moved)
  | 'seq_gap' // a seq skipped: a record was deleted
  | 'prev_hash_mismatch' // the link to the previous record does not hold (deleted, inserted or moved)
  | 'payload_changed' // the payload's SHA-256 differs from the one recorded
  | 'payload_missing' // a payload erased without a disposal record listing it
  | 'fields_changed' // a hashed field was changed (hash no longer matches)
  | 'head_mismatch'; // the chain's last record is not the recorded head (records removed at the end)

export interface ChainBreak {
  seq: number;
  reason: ChainBreakReason;
  expected?: string | number;
  found?: string | number;
}

export type ChainVerification =
  | { ok: true; count: number; firstSeq: number | null; lastSeq: number | null; lastHash: string }
  | { ok: false; count: number; firstSeq: number | null; lastSeq: number | null; lastHash: string; firstBreak: ChainBreak };

export interface VerifyOptions {
  /** The seq and prev_hash the first record must carry (a segment); default seq 1 and the genesis hash. */
  start?: { seq: number; prevHash: string };
  /** The recorded head: the last record must be it. */
  head?: { seq: number; hash: string };
  /** Seqs whose payloads were left out on purpose (an export's records of other semesters). */
  payloadOmitted?: (seq: number) => boolean;
}

/**
 * Walks the records in the order given and reports the first broken link. A payload may be missing
 * only if a disposal record in the chain lists its seq (Art. 8.2: disposal leaves a record).
 */
export function verifyChain(records: readonly ChainRecord[], opts: VerifyOptions = {}): ChainVerification {
  const disposed = disposedSeqs(records);
  let expectedSeq = opts.start?.seq ?? 1;
  let prevHash = opts.start?.prevHash ?? GENESIS_HASH;
  let lastSeq: number | null = null;
  const summary = () => ({ count: records.length, firstSeq: records[0]?.seq ?? null, lastSeq, lastHash: prevHash });
  const fail = (b: ChainBreak): ChainVerification => ({ ok: false, ...summary(), firstBreak: b });
  for (const r of records) {
    if (lastSeq !== null && r.seq <= lastSeq) return fail({ seq: r.seq, reason: 'out_of_order', expected: lastSeq + 1, found: r.seq });
    if (r.seq !== expectedSeq) return fail({ seq: expectedSeq, reason: 'seq_gap', expected: expectedSeq, found: r.seq });
    if (r.prevHash !== prevHash) return fail({ seq: r.seq, reason: 'prev_hash_mismatch', expected: prevHash, found: r.prevHash });
    if (r.payload !== null) {
      const digest = payloadDigest(r.payload);
      if (digest !== r.payloadSha256) return fail({ seq: r.seq, reason: 'payload_changed', expected: r.payloadSha256, found: digest });
    } else if (!disposed.has(r.seq) && !opts.payloadOmitted?.(r.seq)) {
      return fail({ seq: r.seq, reason: 'payload_missing' });
    }
    const hash = recordHash(r);
    if (hash !== r.hash) return fail({ seq: r.seq, reason: 'fields_changed', expected: hash, found: r.hash });
    prevHash = r.hash;
    lastSeq = r.seq;
    expectedSeq = r.seq + 1;
  }
  if (opts.head) {
    // Without records the chain ends just before its start (an empty archive: seq 0, the genesis hash).
    const endSeq = lastSeq ?? expectedSeq - 1;
    if (endSeq !== opts.head.seq) return fail({ seq: Math.min(endSeq + 1, opts.head.seq), reason: 'head_mismatch', expected: opts.head.seq, found: endSeq });
    if (prevHash !== opts.head.hash) return fail({ seq: opts.head.seq, reason: 'head_mismatch', expected: opts.head.hash, found: prevHash });
  }
  return { ok: true, ...summary() };
}

/** The seqs disposal records list (their payload: `{ records: [{ seq }] }`). */
export function disposedSeqs(records: readonly ChainRecord[]): Set<number> {
  const out = new Set<number>();
  for (const r of records) {
    if (r.kind !== DISPOSAL_KIND || r.payload === null) continue;
    try {
      const p = JSON.parse(r.payload) as { records?: { seq?: unknown }[] };
      for (const d of p.records ?? []) if (typeof d.seq === 'number') out.add(d.seq);
    } catch {
      // a damaged disposal payload is reported by its own hash check
    }
  }
  return out;
}
