import { randomUUID } from 'node:crypto';
import type { Actor } from '../accounts/account.types.js';
import type { Role } from '../people/person.types.js';
import { DomainError, isDomainError } from '../shared/errors.js';
import { foldVietnamese } from '../shared/vietnamese.js';
import type { Transactor } from '../repos.js';
import { RECORD_CATEGORIES, type ArchiveWriter, type RecordCategory } from './archive-writer.js';
import { DISPOSAL_KIND, SEAL_KIND, verifyChain, type ChainBreak, type ChainRecord } from './archive-chain.js';
import type { ArchiveListFilter, ArchiveRecordSummary, ArchiveSeal, RetentionSetting, SchoolRef, SemesterRef } from './archive.types.js';
import { DEFAULT_RETENTION_YEARS, MAX_RETENTION_YEARS, RETENTION_SOURCE, retentionEnded, retentionEndsOn } from './retention.js';

export type ArchiveActor = Actor & { personId: number; roles: readonly Role[] };

/** What the export writes: the sealed segment of the chain, payloads of the semester's own records. */
export interface ArchiveExportInput {
  school: SchoolRef;
  semester: SemesterRef;
  seal: ArchiveSeal;
  /** The chain from the seal's segment start to its head; records of other semesters carry payload null. */
  segment: ChainRecord[];
  /** Seqs of the segment whose payload is included (the semester's records). */
  included: number[];
  generatedAt: string;
}

export interface ArchiveExporter {
  /** Writes the self-describing zip (Art. 8.2) and returns its file name (under the export folder), size and SHA-256. */
  write(input: ArchiveExportInput, progress: (done: number, total: number) => void): Promise<{ file: string; bytes: number; sha256: string }>;
  /** The absolute path of an export file, or null when it is not there. */
  locate(file: string): string | null;
}

export type JobPhase = 'queued' | 'gathering' | 'sealing' | 'exporting' | 'done' | 'failed';

export interface ArchiveJob {
  id: string;
  kind: 'seal' | 'export';
  semesterId: number;
  phase: JobPhase;
  done: number;
  total: number;
  startedAt: string;
  finishedAt: string | null;
  error: { code: string; details?: Record<string, unknown> } | null;
  seal: ArchiveSeal | null;
}

export interface ChainStatus {
  ok: boolean;
  checkedAt: string;
  count: number;
  head: { seq: number; hash: string };
  firstBreak: ChainBreak | null;
  /** Each seal's anchor (its head seq still has its head hash). */
  seals: { semesterId: number; headSeq: number; intact: boolean }[];
}

export interface RetentionView extends RetentionSetting {
  isDefault: boolean;
  source: string;
}

export interface DisposalPreview {
  category: RecordCategory;
  schoolYearId: number | null;
  years: number | null;
  retentionEndsOn: string | null;
  eligible: boolean;
  unsealedSemesterIds: number[];
  records: { seq: number; kind: string; title: string; recordedAt: string }[];
}

const CHAIN_PAGE = 2000;

/**
 * The records archive (Art. 8): listing and reading the records, verifying the chain, the school's
 * retention periods, disposal after retention with a disposal record, and sealing a semester:
 * its teaching-process data and assessment records gathered into the chain, the seal recorded, and
 * a self-describing package exported (manifest, checksums, Vietnamese index, PDF and spreadsheets).
 */
export class ArchiveService {
  private readonly jobs = new Map<string, ArchiveJob>();
  private readonly now: () => Date;

  constructor(private readonly deps: { tx: Transactor; writer: ArchiveWriter; exporter: ArchiveExporter; now?: () => Date }) {
    this.now = deps.now ?? (() => new Date());
  }

  private get tx() {
    return this.deps.tx;
  }

  /** Vietnam's calendar day (UTC+7, no daylight saving): semesters end and retention runs by school days. */
  private today(): string {
    return new Date(this.now().getTime() + 7 * 3600_000).toISOString().slice(0, 10);
  }

  async list(f: Omit<ArchiveListFilter, 'search' | 'limit'> & { search?: string; limit?: number }): Promise<ArchiveRecordSummary[]> {
    const search = f.search ? foldVietnamese(f.search).replace(/[%_\\]/g, ' ').trim() : undefined;
    return this.tx.read((r) => r.archive.list({ ...f, limit: Math.min(Math.max(f.limit ?? 100, 1), 500), ...(search ? { search } : {}) }));
  }

  async get(seq: number) {
    const rec = await this.tx.read((r) => r.archive.get(seq));
    if (!rec) throw new DomainError('NOT_FOUND', { seq });
    return { ...rec, payload: rec.payload === null ? null : (JSON.parse(rec.payload) as unknown) };
  }

  /** Walks the whole chain (page by page from the database) and reports the first broken link. */
  async verify(): Promise<ChainStatus> {
    return this.tx.read(async (r) => {
      const head = await r.archive.head();
      const records: ChainRecord[] = [];
      // Up to the head read first: records appended meanwhile are the next check's.
      for (let from = 1; from <= head.seq;) {
        const page = await r.archive.chain(from, Math.min(CHAIN_PAGE, head.seq - from + 1));
        records.push(...page);
        if (!page.length) break;
        from = page[page.length - 1]!.seq + 1;
      }
      const v = verifyChain(records, { head });
      const bySeq = new Map(records.map((x) => [x.seq, x.hash]));
      const seals = (await r.archive.seals()).map((s) => ({ semesterId: s.semesterId, headSeq: s.headSeq, intact: bySeq.get(s.headSeq) === s.headHash }));
      return { ok: v.ok && seals.every((s) => s.intact), checkedAt: this.now().toISOString(), count: v.count, head, firstBreak: v.ok ? null : v.firstBreak, seals };
    });
  }

  async overview() {
    return this.tx.read(async (r) => {
      const semesters = await r.archiveSnapshots.semesters();
      const seals = await r.archive.seals();
      const counts = await r.archive.countByCategory(null);
      return {
        head: await r.archive.head(),
        counts: RECORD_CATEGORIES.map((c) => ({ category: c, count: counts.find((x) => x.category === c)?.count ?? 0, disposed: counts.find((x) => x.category === c)?.disposed ?? 0 })),
        semesters: semesters.map((s) => ({ ...s, ended: this.today() > s.endsOn, seal: seals.find((x) => x.semesterId === s.id) ?? null })),
        retention: await this.retentionOf(r.archive.retention()),
        jobs: [...this.jobs.values()].filter((j) => j.phase !== 'done' && j.phase !== 'failed'),
      };
    });
  }

  private async retentionOf(settings: Promise<RetentionSetting[]>): Promise<RetentionView[]> {
    const saved = await settings;
    return RECORD_CATEGORIES.map((category) => {
      const s = saved.find((x) => x.category === category);
      return s ? { ...s, isDefault: false, source: RETENTION_SOURCE } : { category, years: DEFAULT_RETENTION_YEARS[category], updatedById: null, updatedAt: null, isDefault: true, source: RETENTION_SOURCE };
    });
  }

  async retention(): Promise<RetentionView[]> {
    return this.retentionOf(this.tx.read((r) => r.archive.retention()));
  }

  /** Art. 8.2: the school sets the retention period per category (the principal). */
  async setRetention(actor: ArchiveActor, category: RecordCategory, years: number | null): Promise<RetentionView[]> {
    requirePrincipal(actor);
    if (!RECORD_CATEGORIES.includes(category)) throw new DomainError('VALIDATION_FAILED', { field: 'category' });
    if (years !== null && (!Number.isInteger(years) || years < 0 || years > MAX_RETENTION_YEARS)) throw new DomainError('VALIDATION_FAILED', { field: 'years', max: MAX_RETENTION_YEARS });
    await this.tx.run(async (r) => {
      const before = (await this.retentionOf(r.archive.retention())).find((x) => x.category === category);
      await r.archive.setRetention(category, years, actor.personId, this.now().toISOString());
      await r.audit.record(actor, 'archive.retention_set', 'archive_retention', category, { from: before?.years ?? null, to: years });
    });
    return this.retention();
  }

  /** Which records of a category and school year could be disposed of, and whether they may be now. */
  async disposalPreview(category: RecordCategory, schoolYearId: number | null): Promise<DisposalPreview> {
    return this.tx.read(async (r) => this.preview(r, category, schoolYearId));
  }

  private async preview(r: Parameters<Parameters<Transactor['read']>[0]>[0], category: RecordCategory, schoolYearId: number | null): Promise<DisposalPreview> {
    if (!RECORD_CATEGORIES.includes(category)) throw new DomainError('VALIDATION_FAILED', { field: 'category' });
    const years = (await this.retentionOf(r.archive.retention())).find((x) => x.category === category)!.years;
    const ends = await r.archiveSnapshots.schoolYearEnds();
    if (schoolYearId !== null && !ends.has(schoolYearId)) throw new DomainError('NOT_FOUND', { schoolYearId });
    // The archive's own seal and disposal records are the proof of what happened: never disposed of.
    const candidates = (await r.archive.disposalCandidates(category, schoolYearId)).filter((c) => c.kind !== SEAL_KIND && c.kind !== DISPOSAL_KIND);
    const today = this.today();
    const basisOf = (c: { recordedAt: string }) => (schoolYearId !== null ? ends.get(schoolYearId)! : c.recordedAt.slice(0, 10));
    // For records without a school year, the latest recording day decides.
    const basis = candidates.length ? candidates.map(basisOf).sort().at(-1)! : schoolYearId !== null ? ends.get(schoolYearId)! : null;
    const sealed = new Set((await r.archive.seals()).map((s) => s.semesterId));
    const unsealed = [...new Set(candidates.map((c) => c.semesterId).filter((s): s is number => s !== null && !sealed.has(s)))].sort((a, b) => a - b);
    return {
      category, schoolYearId, years,
      retentionEndsOn: basis && years !== null ? retentionEndsOn(basis, years) : null,
      eligible: basis !== null && candidates.length > 0 && retentionEnded(basis, years, today) && unsealed.length === 0,
      unsealedSemesterIds: unsealed,
      records: candidates.map((c) => ({ seq: c.seq, kind: c.kind, title: c.title, recordedAt: c.recordedAt })),
    };
  }

  /**
   * Disposal after retention (Art. 8.2): erases the payloads of the category's records of that school
   * year (their SHA-256 stays, so the chain still verifies) and appends a disposal record listing
   * what was disposed of, by whom and why. Refused before retention ends and for unsealed semesters.
   */
  async dispose(actor: ArchiveActor, input: { category: RecordCategory; schoolYearId: number | null; reason: string; decisionNumber?: string | null }) {
    requirePrincipal(actor);
    const reason = input.reason.trim();
    if (reason.length < 5) throw new DomainError('VALIDATION_FAILED', { field: 'reason' });
    return this.tx.run(async (r) => {
      await r.archive.lockHead();
      const p = await this.preview(r, input.category, input.schoolYearId);
      if (!p.records.length) throw new DomainError('ARCHIVE_NOTHING_TO_DISPOSE', { category: input.category, schoolYearId: input.schoolYearId });
      if (p.years === null) throw new DomainError('ARCHIVE_RETENTION_PERMANENT', { category: input.category });
      if (p.unsealedSemesterIds.length) throw new DomainError('ARCHIVE_NOT_SEALED', { semesterIds: p.unsealedSemesterIds });
      if (!p.eligible) throw new DomainError('ARCHIVE_RETENTION_NOT_ENDED', { category: input.category, schoolYearId: input.schoolYearId, retentionEndsOn: p.retentionEndsOn, years: p.years });
      const candidates = await r.archive.disposalCandidates(input.category, input.schoolYearId);
      const disposed = candidates.filter((c) => p.records.some((x) => x.seq === c.seq));
      const at = this.now().toISOString();
      const seq = await this.deps.writer.append(r, {
        category: 'evidence', kind: DISPOSAL_KIND, ref: `archive_disposal:${input.category}:${input.schoolYearId ?? 'none'}`,
        title: `Huỷ ${disposed.length} hồ sơ hết thời hạn lưu trữ (${CATEGORY_VI[input.category]})`,
        schoolYearId: input.schoolYearId, semesterId: null, actorId: actor.personId,
        payload: {
          category: input.category, schoolYearId: input.schoolYearId, retentionYears: p.years, retentionEndedOn: p.retentionEndsOn, reason,
          decisionNumber: input.decisionNumber?.trim() || null, disposedBy: actor.personId, disposedAt: at,
          records: disposed.map((c) => ({ seq: c.seq, kind: c.kind, title: c.title, recordedAt: c.recordedAt, payloadSha256: c.payloadSha256 })),
        },
      });
      await r.archive.erasePayloads(disposed.map((c) => c.seq), at, seq);
      await r.audit.record(actor, 'archive.disposed', 'archive_record', seq, { category: input.category, schoolYearId: input.schoolYearId, count: disposed.length, reason });
      return { disposalSeq: seq, disposed: disposed.length };
    });
  }

  async seals(): Promise<ArchiveSeal[]> {
    return this.tx.read((r) => r.archive.seals());
  }

  job(id: string): ArchiveJob {
    const j = this.jobs.get(id);
    if (!j) throw new DomainError('NOT_FOUND', { jobId: id });
    return j;
  }

  /** Starts sealing (then exporting) in the background; the page polls `job(id)`. */
  async startSeal(actor: ArchiveActor, semesterId: number): Promise<ArchiveJob> {
    await this.checkSealable(actor, semesterId);
    const job = this.newJob('seal', semesterId);
    void this.seal(actor, semesterId, job).catch(() => undefined);
    return job;
  }

  /** Exports a sealed semester again (when the first export failed or its file was lost). */
  async startExport(actor: ArchiveActor, semesterId: number): Promise<ArchiveJob> {
    requirePrincipal(actor);
    const seal = await this.tx.read((r) => r.archive.seal(semesterId));
    if (!seal) throw new DomainError('NOT_FOUND', { semesterId });
    this.assertNoJob(semesterId);
    const job = this.newJob('export', semesterId);
    void this.runJob(job, () => this.exportSealed(actor, semesterId, job)).catch(() => undefined);
    return job;
  }

  private newJob(kind: ArchiveJob['kind'], semesterId: number): ArchiveJob {
    const job: ArchiveJob = { id: randomUUID(), kind, semesterId, phase: 'queued', done: 0, total: 0, startedAt: this.now().toISOString(), finishedAt: null, error: null, seal: null };
    this.jobs.set(job.id, job);
    // Keep the last finished jobs only.
    const finished = [...this.jobs.values()].filter((j) => j.finishedAt);
    for (const j of finished.slice(0, Math.max(0, finished.length - 20))) this.jobs.delete(j.id);
    return job;
  }

  private assertNoJob(semesterId: number, exceptJobId?: string) {
    if ([...this.jobs.values()].some((j) => j.id !== exceptJobId && j.semesterId === semesterId && j.phase !== 'done' && j.phase !== 'failed')) {
      throw new DomainError('ARCHIVE_JOB_RUNNING', { semesterId });
    }
  }

  private async checkSealable(actor: ArchiveActor, semesterId: number, exceptJobId?: string): Promise<SemesterRef> {
    requirePrincipal(actor);
    const semester = await this.tx.read((r) => r.archiveSnapshots.semester(semesterId));
    if (!semester) throw new DomainError('NOT_FOUND', { semesterId });
    if (this.today() <= semester.endsOn) throw new DomainError('ARCHIVE_SEMESTER_NOT_ENDED', { semesterId, endsOn: semester.endsOn });
    if (await this.tx.read((r) => r.archive.seal(semesterId))) throw new DomainError('ARCHIVE_ALREADY_SEALED', { semesterId });
    this.assertNoJob(semesterId, exceptJobId);
    return semester;
  }

  private async runJob<T>(job: ArchiveJob, work: () => Promise<T>): Promise<T> {
    try {
      const out = await work();
      job.phase = 'done';
      return out;
    } catch (err) {
      job.phase = 'failed';
      job.error = isDomainError(err) ? { code: err.code, ...(err.details ? { details: err.details } : {}) } : { code: 'INTERNAL', details: { message: (err as Error).message } };
      throw err;
    } finally {
      job.finishedAt = this.now().toISOString();
    }
  }

  /**
   * Seals a semester (Art. 8.2): in one transaction holding the chain's head, gathers the semester's
   * records (Art. 8.1.a, b, d) into the chain, appends the seal record and records the seal; then
   * exports the package. Refused before the semester ends and a second time.
   */
  async seal(actor: ArchiveActor, semesterId: number, job: ArchiveJob = this.newJob('seal', semesterId)): Promise<ArchiveSeal> {
    return this.runJob(job, async () => {
      const semester = await this.checkSealable(actor, semesterId, job.id);
      job.phase = 'gathering';
      await this.tx.run(async (r) => {
        // Holding the head from the start: no record of this semester can slip in between gathering and the seal.
        await r.archive.lockHead();
        if (await r.archive.seal(semesterId)) throw new DomainError('ARCHIVE_ALREADY_SEALED', { semesterId });
        const entries = await r.archiveSnapshots.semesterRecords(semester);
        job.phase = 'sealing';
        job.total = entries.length + 1;
        for (const e of entries) {
          await this.deps.writer.append(r, { ...e, schoolYearId: semester.schoolYearId, semesterId, actorId: actor.personId });
          job.done++;
        }
        const startSeq = (await r.archive.firstSeqOfSemester(semesterId, semester.schoolYearId))!;
        const start = (await r.archive.get(startSeq))!;
        const counts = await r.archive.countByCategory(semesterId);
        const before = await r.archive.head();
        const recordCount = counts.reduce((n, c) => n + c.count, 0);
        const sealedAt = this.now().toISOString();
        const sealSeq = await this.deps.writer.append(r, {
          category: 'evidence', kind: SEAL_KIND, ref: `semesters:${semesterId}`,
          title: `Niêm phong hồ sơ học kì ${semester.number === 1 ? 'I' : 'II'} năm học ${semester.yearName}`,
          schoolYearId: semester.schoolYearId, semesterId, actorId: actor.personId,
          payload: {
            semester: { id: semesterId, number: semester.number, startsOn: semester.startsOn, endsOn: semester.endsOn, schoolYear: semester.yearName },
            segment: { startSeq, startPrevHash: start.prevHash, lastSeq: before.seq, lastHash: before.hash }, recordCount,
            byCategory: Object.fromEntries(RECORD_CATEGORIES.map((c) => [c, counts.find((x) => x.category === c)?.count ?? 0])),
            sealedBy: actor.personId, sealedAt,
          },
        });
        const head = await r.archive.head();
        await r.archive.addSeal({
          semesterId, schoolYearId: semester.schoolYearId, headSeq: sealSeq, headHash: head.hash, segmentStartSeq: startSeq, segmentStartPrevHash: start.prevHash,
          recordCount: recordCount + 1, sealedById: actor.personId, sealedAt,
        });
        await r.audit.record(actor, 'archive.sealed', 'semester', semesterId, { headSeq: sealSeq, headHash: head.hash, records: recordCount + 1 });
        job.done = job.total;
      });
      return this.exportSealed(actor, semesterId, job);
    });
  }

  private async exportSealed(actor: ArchiveActor, semesterId: number, job: ArchiveJob): Promise<ArchiveSeal> {
    job.phase = 'exporting';
    job.done = 0;
    const { seal, segment, school, semester } = await this.tx.read(async (r) => {
      const seal = (await r.archive.seal(semesterId))!;
      const segment: ChainRecord[] = [];
      for (let from = seal.segmentStartSeq; from <= seal.headSeq;) {
        const page = await r.archive.chain(from, Math.min(CHAIN_PAGE, seal.headSeq - from + 1));
        if (!page.length) break;
        segment.push(...page);
        from = page[page.length - 1]!.seq + 1;
      }
      return { seal, segment, school: (await r.archiveSnapshots.school())!, semester: (await r.archiveSnapshots.semester(semesterId))! };
    });
    // The semester's records, and its school year's records that belong to no semester (a year plan, a decision for the year).
    const included = segment.filter((x) => x.semesterId === semesterId || (x.semesterId === null && x.schoolYearId === semester.schoolYearId && !x.kind.startsWith('archive.'))).map((x) => x.seq);
    const keep = new Set(included);
    const out = await this.deps.exporter.write(
      { school, semester, seal, segment: segment.map((x) => (keep.has(x.seq) ? x : { ...x, payload: null })), included, generatedAt: seal.sealedAt },
      (done, total) => { job.done = done; job.total = total; },
    );
    await this.tx.run(async (r) => {
      await r.archive.setExport(semesterId, { file: out.file, bytes: out.bytes, sha256: out.sha256, at: this.now().toISOString() });
      await r.audit.record(actor, 'archive.exported', 'semester', semesterId, { file: out.file, bytes: out.bytes, sha256: out.sha256 });
    });
    const sealNow = (await this.tx.read((r) => r.archive.seal(semesterId)))!;
    job.seal = sealNow;
    return sealNow;
  }

  /** The sealed package's file for download. */
  async exportFile(actor: ArchiveActor, semesterId: number): Promise<{ path: string; name: string; bytes: number }> {
    const seal = await this.tx.read((r) => r.archive.seal(semesterId));
    if (!seal) throw new DomainError('NOT_FOUND', { semesterId });
    const p = seal.exportFile ? this.deps.exporter.locate(seal.exportFile) : null;
    if (!p || !seal.exportFile) throw new DomainError('ARCHIVE_EXPORT_NOT_READY', { semesterId });
    await this.tx.run((r) => r.audit.record(actor, 'archive.downloaded', 'semester', semesterId, { file: seal.exportFile }));
    return { path: p, name: seal.exportFile, bytes: seal.exportBytes ?? 0 };
  }
}

export const CATEGORY_VI: Record<RecordCategory, string> = {
  evidence: 'Minh chứng (Điều 8.1.a)',
  teaching_process: 'Dữ liệu quá trình dạy học (Điều 8.1.b)',
  plans: 'Kế hoạch dạy học (Điều 8.1.c)',
  assessment: 'Hồ sơ kiểm tra, đánh giá (Điều 8.1.d)',
};

function requirePrincipal(actor: ArchiveActor) {
  // Art. 8.2, 15: the principal sets the archive's procedure; the route's action already says so.
  if (!actor.roles.includes('principal')) throw new DomainError('FORBIDDEN', { action: 'archive.manage' });
}
