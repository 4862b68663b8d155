import type { ArchiveEntry, RecordCategory } from './archive-writer.js';
import type { ChainHeader, ChainRecord } from './archive-chain.js';

/** A record as the archive page lists it (no payload). */
export interface ArchiveRecordSummary extends Omit<ArchiveEntry, 'payload'> {
  seq: number;
  actorName: string | null;
  recordedAt: string;
  hash: string;
  disposedAt: string | null;
}

export interface ArchiveListFilter {
  category?: RecordCategory;
  semesterId?: number;
  schoolYearId?: number;
  /** Folded (no diacritics, lower case) words matched against title, kind and ref. */
  search?: string;
  beforeSeq?: number;
  limit: number;
}

export interface ArchiveSeal {
  semesterId: number;
  schoolYearId: number;
  /** The seal record's seq and hash: the head of the chain when the semester was sealed. */
  headSeq: number;
  headHash: string;
  /** The first record of the exported segment and the hash it links back to. */
  segmentStartSeq: number;
  segmentStartPrevHash: string;
  recordCount: number;
  sealedById: number;
  sealedByName: string | null;
  sealedAt: string;
  exportFile: string | null;
  exportBytes: number | null;
  exportSha256: string | null;
  exportedAt: string | null;
}

export interface RetentionSetting {
  category: RecordCategory;
  /** Years after the end of the record's school year; null = permanent (vĩnh viễn). */
  years: number | null;
  updatedById: number | null;
  updatedAt: string | null;
}

export interface DisposalCandidate {
  seq: number;
  category: RecordCategory;
  kind: string;
  title: string;
  schoolYearId: number | null;
  semesterId: number | null;
  recordedAt: string;
  payloadSha256: string;
}

export interface ArchiveRepository {
  /** The chain's head, locked for this transaction on PostgreSQL (SQLite has one connection). */
  lockHead(): Promise<{ seq: number; hash: string }>;
  head(): Promise<{ seq: number; hash: string }>;
  insert(h: ChainHeader & { hash: string; payload: string; searchText: string }): Promise<void>;
  setHead(seq: number, hash: string): Promise<void>;
  /** Records in seq order from `fromSeq` (inclusive), at most `limit`. */
  chain(fromSeq: number, limit: number): Promise<ChainRecord[]>;
  list(f: ArchiveListFilter): Promise<ArchiveRecordSummary[]>;
  countByCategory(semesterId: number | null): Promise<{ category: RecordCategory; count: number; disposed: number }[]>;
  get(seq: number): Promise<(ChainRecord & { disposedAt: string | null; actorName: string | null }) | undefined>;
  /** Records of one semester (every category), in seq order, payload included. */
  ofSemester(semesterId: number): Promise<ChainRecord[]>;
  /** The first record of the semester or of its school year as a whole (semester null), the archive's own records aside. */
  firstSeqOfSemester(semesterId: number, schoolYearId: number): Promise<number | null>;
  seal(semesterId: number): Promise<ArchiveSeal | undefined>;
  seals(): Promise<ArchiveSeal[]>;
  addSeal(s: Omit<ArchiveSeal, 'sealedByName' | 'exportFile' | 'exportBytes' | 'exportSha256' | 'exportedAt'>): Promise<void>;
  setExport(semesterId: number, e: { file: string; bytes: number; sha256: string; at: string }): Promise<void>;
  retention(): Promise<RetentionSetting[]>;
  setRetention(category: RecordCategory, years: number | null, by: number, at: string): Promise<void>;
  /** Records of the category and school year (null: records without one) whose payload is still held. */
  disposalCandidates(category: RecordCategory, schoolYearId: number | null): Promise<DisposalCandidate[]>;
  erasePayloads(seqs: number[], at: string, disposalSeq: number): Promise<void>;
}

/** One record gathered when a semester is sealed (Art. 8.1.a, b, d): written to the chain as is. */
export interface SnapshotEntry {
  category: RecordCategory;
  kind: string;
  ref: string;
  title: string;
  payload: unknown;
}

export interface SemesterRef {
  id: number;
  schoolYearId: number;
  number: number;
  startsOn: string;
  endsOn: string;
  yearName: string;
  yearStartsOn: string;
  yearEndsOn: string;
}

export interface SchoolRef {
  name: string;
  moetCode: string;
  province: string;
  districtOffice: string;
}

/** Read-only queries over the teaching and assessment tables, gathered at sealing time. */
export interface ArchiveSnapshotRepository {
  school(): Promise<SchoolRef | undefined>;
  semester(id: number): Promise<SemesterRef | undefined>;
  semesters(): Promise<SemesterRef[]>;
  schoolYearEnds(): Promise<Map<number, string>>;
  /** The semester's teaching-process data, assessment records and evidence, as records to append. */
  semesterRecords(s: SemesterRef): Promise<SnapshotEntry[]>;
}
