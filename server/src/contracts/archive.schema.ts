import { Type, type Static } from '@sinclair/typebox';
import { Id, IsoDate, Nullable } from './common.schema.js';

/** The records archive (Art. 8): requests and replies. */
export const RecordCategory = Type.Union([Type.Literal('evidence'), Type.Literal('teaching_process'), Type.Literal('plans'), Type.Literal('assessment')]);
export type RecordCategory = Static<typeof RecordCategory>;

const Hash = Type.String({ pattern: '^[0-9a-f]{64}$' });

export const ArchiveRecordSummary = Type.Object({
  seq: Type.Integer(), category: RecordCategory, kind: Type.String(), ref: Type.String(), title: Type.String(),
  schoolYearId: Nullable(Type.Integer()), semesterId: Nullable(Type.Integer()), actorId: Nullable(Type.Integer()), actorName: Nullable(Type.String()),
  recordedAt: Type.String(), hash: Hash, disposedAt: Nullable(Type.String()),
});
export type ArchiveRecordSummary = Static<typeof ArchiveRecordSummary>;

export const ArchiveRecord = Type.Object({
  seq: Type.Integer(), category: RecordCategory, kind: Type.String(), ref: Type.String(), title: Type.String(),
  schoolYearId: Nullable(Type.Integer()), semesterId: Nullable(Type.Integer()), actorId: Nullable(Type.Integer()), actorName: Nullable(Type.String()),
  recordedAt: Type.String(), payloadSha256: Hash, prevHash: Hash, hash: Hash, disposedAt: Nullable(Type.String()), payload: Type.Unknown(),
});
export type ArchiveRecord = Static<typeof ArchiveRecord>;

export const ArchiveListQuery = Type.Object({
  category: Type.Optional(RecordCategory),
  semesterId: Type.Optional(Id),
  schoolYearId: Type.Optional(Id),
  search: Type.Optional(Type.String({ maxLength: 100 })),
  beforeSeq: Type.Optional(Id),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
});
export type ArchiveListQuery = Static<typeof ArchiveListQuery>;

export const SeqParams = Type.Object({ seq: Id });
export const SemesterParams = Type.Object({ semesterId: Id });
export const JobParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

const ChainBreak = Type.Object({
  seq: Type.Integer(),
  reason: Type.Union(['out_of_order', 'seq_gap', 'prev_hash_mismatch', 'payload_changed', 'payload_missing', 'fields_changed', 'head_mismatch'].map((r) => Type.Literal(r))),
  expected: Type.Optional(Type.Union([Type.String(), Type.Number()])),
  found: Type.Optional(Type.Union([Type.String(), Type.Number()])),
});

export const ChainStatus = Type.Object({
  ok: Type.Boolean(), checkedAt: Type.String(), count: Type.Integer(),
  head: Type.Object({ seq: Type.Integer(), hash: Type.String() }),
  firstBreak: Nullable(ChainBreak),
  seals: Type.Array(Type.Object({ semesterId: Type.Integer(), headSeq: Type.Integer(), intact: Type.Boolean() })),
});
export type ChainStatus = Static<typeof ChainStatus>;

export const ArchiveSeal = Type.Object({
  semesterId: Type.Integer(), schoolYearId: Type.Integer(), headSeq: Type.Integer(), headHash: Hash, segmentStartSeq: Type.Integer(), segmentStartPrevHash: Hash,
  recordCount: Type.Integer(), sealedById: Type.Integer(), sealedByName: Nullable(Type.String()), sealedAt: Type.String(),
  exportFile: Nullable(Type.String()), exportBytes: Nullable(Type.Integer()), exportSha256: Nullable(Type.String()), exportedAt: Nullable(Type.String()),
});
export type ArchiveSeal = Static<typeof ArchiveSeal>;

export const ArchiveJob = Type.Object({
  id: Type.String(), kind: Type.Union([Type.Literal('seal'), Type.Literal('export')]), semesterId: Type.Integer(),
  phase: Type.Union(['queued', 'gathering', 'sealing', 'exporting', 'done', 'failed'].map((p) => Type.Literal(p))),
  done: Type.Integer(), total: Type.Integer(), startedAt: Type.String(), finishedAt: Nullable(Type.String()),
  error: Nullable(Type.Object({ code: Type.String(), details: Type.Optional(Type.Record(Type.String(), Type.Unknown())) })),
  seal: Nullable(ArchiveSeal),
});
export type ArchiveJob = Static<typeof ArchiveJob>;

export const RetentionView = Type.Object({
  category: RecordCategory, years: Nullable(Type.Integer()), updatedById: Nullable(Type.Integer()), updatedAt: Nullable(Type.String()), isDefault: Type.Boolean(), source: Type.String(),
});
export type RetentionView = Static<typeof RetentionView>;

/** `permanent: true` keeps the category for ever (vĩnh viễn); otherwise `years` after the end of the record's school year. (No null here: the validator would coerce it to 0.) */
export const RetentionBody = Type.Object({ category: RecordCategory, permanent: Type.Boolean(), years: Type.Optional(Type.Integer({ minimum: 0, maximum: 100 })) });
export type RetentionBody = Static<typeof RetentionBody>;

export const ArchiveOverview = Type.Object({
  head: Type.Object({ seq: Type.Integer(), hash: Type.String() }),
  counts: Type.Array(Type.Object({ category: RecordCategory, count: Type.Integer(), disposed: Type.Integer() })),
  semesters: Type.Array(Type.Object({
    id: Type.Integer(), schoolYearId: Type.Integer(), number: Type.Integer(), startsOn: IsoDate, endsOn: IsoDate, yearName: Type.String(), yearStartsOn: IsoDate, yearEndsOn: IsoDate,
    ended: Type.Boolean(), seal: Nullable(ArchiveSeal),
  })),
  retention: Type.Array(RetentionView),
  jobs: Type.Array(ArchiveJob),
});
export type ArchiveOverview = Static<typeof ArchiveOverview>;

export const DisposalQuery = Type.Object({ category: RecordCategory, schoolYearId: Type.Optional(Id) });
export type DisposalQuery = Static<typeof DisposalQuery>;

export const DisposalPreview = Type.Object({
  category: RecordCategory, schoolYearId: Nullable(Type.Integer()), years: Nullable(Type.Integer()), retentionEndsOn: Nullable(IsoDate), eligible: Type.Boolean(),
  unsealedSemesterIds: Type.Array(Type.Integer()),
  records: Type.Array(Type.Object({ seq: Type.Integer(), kind: Type.String(), title: Type.String(), recordedAt: Type.String() })),
});
export type DisposalPreview = Static<typeof DisposalPreview>;

export const DisposalBody = Type.Object({
  category: RecordCategory,
  /** Absent: the records that belong to no school year. */
  schoolYearId: Type.Optional(Id),
  reason: Type.String({ minLength: 5, maxLength: 1000 }),
  decisionNumber: Type.Optional(Nullable(Type.String({ maxLength: 60 }))),
});
export type DisposalBody = Static<typeof DisposalBody>;

export const DisposalReply = Type.Object({ disposalSeq: Type.Integer(), disposed: Type.Integer() });
