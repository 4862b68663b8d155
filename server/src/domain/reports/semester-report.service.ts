import type { PlanFigures, ReportTextBody, SemesterFigures, SemesterOption, SemesterReport } from '../../contracts/reports.schema.js';
import type { Static } from '@sinclair/typebox';
import type { ArchiveWriter } from '../archive/archive-writer.js';
import { layoutFor } from '../gradebook/gradebook-layout.js';
import { columnId } from '../gradebook/gradebook-layout.js';
import type { SemesterInfo } from '../gradebook/gradebook.types.js';
import type { Repos, Transactor } from '../repos.js';
import { DomainError } from '../shared/errors.js';
import { semesterReportPdf, semesterReportSheets, type DocSpec, type SheetDoc } from './report-document.js';
import {
  assertReadyToFinalize, attendanceFigures, completeness, dateRange, defaultAddressee, deviceFigures, lessonFigures, materialFigures, quizFigures,
  reportFileBase, semesterName, taskFigures,
} from './report-rules.js';
import type { ReportViewer, SemesterReportRecord } from './report.types.js';

/** Files of finalized reports under the data directory (paths relative to it). */
export interface ReportFileStore {
  /** Writes the file (replacing a leftover of a failed attempt) and returns its SHA-256 (hex). */
  put(relPath: string, body: Buffer): Promise<string>;
  get(relPath: string): Promise<Buffer>;
  remove(relPath: string): Promise<void>;
}

export interface SemesterReportPorts {
  renderPdf(spec: DocSpec): Promise<Buffer>;
  writeWorkbook(sheets: SheetDoc[]): Promise<Buffer>;
  files: ReportFileStore;
  archive: () => ArchiveWriter;
  /** The teaching plans module's plan against actual for the semester, when that module is installed. */
  planVersusActual?: (semester: SemesterInfo) => Promise<Static<typeof PlanFigures> | null>;
}

const isManager = (v: ReportViewer) => v.roles.includes('principal') || v.roles.includes('vice_principal');

/**
 * The twice-yearly evaluation report (Art. 15.6): a draft per semester whose figures are computed
 * from the system's data on request, the principal's text on difficulties, causes and proposals,
 * then finalization by the principal — figures frozen, PDF and spreadsheet written and appended
 * to the records archive (Art. 8.1.a) in the same transaction. A finalized report never changes.
 */
export class SemesterReportService {
  constructor(private readonly tx: Transactor, private readonly ports: SemesterReportPorts, private readonly now: () => Date = () => new Date()) {}

  private assertManager(v: ReportViewer): void {
    if (!isManager(v)) throw new DomainError('FORBIDDEN', { action: 'reports.semester' });
  }

  async semesters(v: ReportViewer): Promise<SemesterOption[]> {
    this.assertManager(v);
    return this.tx.read((r) => r.reports.semesters());
  }

  /** Opens the semester's report, creating the draft (with freshly computed figures) the first time. */
  async open(v: ReportViewer, semesterId: number): Promise<SemesterReport> {
    this.assertManager(v);
    const existing = await this.tx.read((r) => r.reports.reportOfSemester(semesterId));
    if (existing) return toDto(existing);
    const semester = await this.tx.read((r) => r.gradebook.semester(semesterId));
    if (!semester) throw new DomainError('NOT_FOUND', { semesterId });
    // Figures are read outside the write transaction (SQLite has one connection; the plans module reads on its own).
    const at = this.now().toISOString();
    const figures = await this.figures(semester, at);
    const id = await this.tx.run(async (r) => {
      const again = await r.reports.reportOfSemester(semesterId);
      if (again) return again.id;
      const newId = await r.reports.createReport({ semesterId, addressee: defaultAddressee(await r.school.getSchool()), figures, computedAt: at, byId: v.personId });
      await r.audit.record(v, 'semester_report.created', 'semester_report', newId, { semesterId });
      return newId;
    });
    return this.get(v, id);
  }

  async get(v: ReportViewer, id: number): Promise<SemesterReport> {
    this.assertManager(v);
    const rec = await this.tx.read((r) => r.reports.getReport(id));
    if (!rec) throw new DomainError('NOT_FOUND', { reportId: id });
    return toDto(rec);
  }

  private async draft(r: Repos, id: number): Promise<SemesterReportRecord> {
    const rec = await r.reports.getReport(id);
    if (!rec) throw new DomainError('NOT_FOUND', { reportId: id });
    if (rec.status !== 'draft') throw new DomainError('REPORT_FINALIZED', { reportId: id, finalizedAt: rec.finalizedAt });
    return rec;
  }

  /** Recomputes the draft's figures from the data as it is now. */
  async recompute(v: ReportViewer, id: number): Promise<SemesterReport> {
    this.assertManager(v);
    const rec = await this.tx.read((r) => this.draft(r, id));
    const semester = await this.tx.read((r) => r.gradebook.semester(rec.semesterId));
    if (!semester) throw new DomainError('NOT_FOUND', { semesterId: rec.semesterId });
    const at = this.now().toISOString();
    const figures = await this.figures(semester, at);
    await this.tx.run(async (r) => {
      await this.draft(r, id);
      await r.reports.updateFigures(id, figures, at, v.personId);
      await r.audit.record(v, 'semester_report.recomputed', 'semester_report', id, { computedAt: at });
    });
    return this.get(v, id);
  }

  async updateText(v: ReportViewer, id: number, body: ReportTextBody): Promise<SemesterReport> {
    this.assertManager(v);
    await this.tx.run(async (r) => {
      const rec = await this.draft(r, id);
      const next = {
        addressee: (body.addressee ?? rec.addressee).trim(),
        difficulties: clean(body.difficulties ?? rec.difficulties),
        causes: clean(body.causes ?? rec.causes),
        proposals: clean(body.proposals ?? rec.proposals),
      };
      if (!next.addressee) throw new DomainError('VALIDATION_FAILED', { field: 'addressee', reason: 'empty' });
      await r.reports.updateText(id, { ...next, byId: v.personId, at: this.now().toISOString() });
      await r.audit.record(v, 'semester_report.text_saved', 'semester_report', id, { fields: Object.keys(body) });
    });
    return this.get(v, id);
  }

  /**
   * Art. 15.6: the principal finalizes. The figures last computed (those the principal read) are
   * frozen; the PDF and the workbook are written under the data directory and the report is
   * appended to the archive in the same transaction. On any failure nothing remains: the
   * transaction rolls back and the files are removed.
   */
  async finalize(v: ReportViewer, id: number): Promise<SemesterReport> {
    if (!v.roles.includes('principal')) throw new DomainError('FORBIDDEN', { action: 'reports.finalize' });
    const prepared = await this.tx.read(async (r) => {
      const rec = await this.draft(r, id);
      assertReadyToFinalize(rec);
      const school = await r.school.getSchool();
      const me = await r.people.get(v.personId);
      return { rec, schoolName: school?.name ?? '', principalName: me?.fullName ?? null };
    });
    const { rec } = prepared;
    const finalizedAt = this.now().toISOString();
    const header = {
      schoolName: prepared.schoolName, addressee: rec.addressee, difficulties: rec.difficulties, causes: rec.causes, proposals: rec.proposals,
      principalName: prepared.principalName, finalizedAt,
    };
    const pdf = await this.ports.renderPdf(semesterReportPdf(rec.figures, header));
    const xlsx = await this.ports.writeWorkbook(semesterReportSheets(rec.figures, header));
    // A folder per attempt: a concurrent or failed attempt never overwrites nor deletes another's files.
    const attempt = `${finalizedAt.replace(/[^0-9]/g, '')}-${Math.random().toString(36).slice(2, 8)}`;
    const base = `reports/${id}/${attempt}/${reportFileBase(rec.figures.semester)}`;
    const pdfPath = `${base}.pdf`;
    const xlsxPath = `${base}.xlsx`;
    try {
      const pdfSha256 = await this.ports.files.put(pdfPath, pdf);
      const xlsxSha256 = await this.ports.files.put(xlsxPath, xlsx);
      await this.tx.run(async (r) => {
        const current = await this.draft(r, id);
        if (current.figuresComputedAt !== rec.figuresComputedAt || current.updatedAt !== rec.updatedAt) {
          throw new DomainError('CONFLICT', { reportId: id, reason: 'changed_while_finalizing' });
        }
        if (!(await r.reports.finalize(id, { byId: v.personId, at: finalizedAt, pdfPath, pdfSha256, xlsxPath, xlsxSha256 }))) {
          throw new DomainError('REPORT_FINALIZED', { reportId: id });
        }
        const s = rec.figures.semester;
        const semester = await r.gradebook.semester(s.id);
        const seq = await this.ports.archive().append(r, {
          category: 'evidence',
          kind: 'report.semester',
          ref: `semester_reports:${id}`,
          title: `Báo cáo đánh giá dạy học trực tuyến ${semesterName(s.number).toLowerCase()}, năm học ${s.schoolYearName}`,
          schoolYearId: semester?.schoolYearId ?? null,
          semesterId: s.id,
          actorId: v.personId,
          payload: {
            reportId: id, semesterId: s.id, schoolName: prepared.schoolName, addressee: rec.addressee,
            difficulties: rec.difficulties, causes: rec.causes, proposals: rec.proposals,
            figures: rec.figures, finalizedAt, principalName: prepared.principalName,
            files: [{ path: pdfPath, sha256: pdfSha256, bytes: pdf.length }, { path: xlsxPath, sha256: xlsxSha256, bytes: xlsx.length }],
          },
        });
        await r.reports.setArchiveSeq(id, seq);
        await r.audit.record(v, 'semester_report.finalized', 'semester_report', id, { semesterId: s.id, pdfSha256, xlsxSha256, archiveSeq: seq });
      });
    } catch (err) {
      await this.ports.files.remove(pdfPath).catch(() => undefined);
      await this.ports.files.remove(xlsxPath).catch(() => undefined);
      throw err;
    }
    return this.get(v, id);
  }

  /** A finalized report's PDF or workbook, exactly as archived. */
  async file(v: ReportViewer, id: number, format: 'pdf' | 'xlsx'): Promise<{ fileName: string; body: Buffer }> {
    this.assertManager(v);
    const rec = await this.tx.read((r) => r.reports.getReport(id));
    if (!rec) throw new DomainError('NOT_FOUND', { reportId: id });
    const path = format === 'pdf' ? rec.pdfPath : rec.xlsxPath;
    if (rec.status !== 'finalized' || !path) throw new DomainError('REPORT_NOT_FINALIZED', { reportId: id });
    return { fileName: `${reportFileBase(rec.figures.semester)}.${format}`, body: await this.ports.files.get(path) };
  }

  /** Every figure of the report, then plan against actual from the plans module (outside any transaction). */
  async figures(semester: SemesterInfo, computedAt: string): Promise<SemesterFigures> {
    const own = await this.tx.read((r) => this.compute(r, semester, computedAt));
    return { ...own, planVersusActual: this.ports.planVersusActual ? await this.ports.planVersusActual(semester) : null };
  }

  /** Every figure of the report from the system's own tables, for the semester's school days (school time). */
  async compute(r: Repos, semester: SemesterInfo, computedAt: string): Promise<SemesterFigures> {
    const range = dateRange(semester.startsOn, semester.endsOn);
    const lessons = await r.reports.lessons(range.from, range.to);
    const quizzes = await r.reports.quizzes(range.from, range.to);
    const devices = (await r.devices.list({ includeRetired: true }))
      .filter((d) => d.addedAt < range.to && (d.retiredAt === null || d.retiredAt >= range.from))
      .sort((a, b) => a.name.localeCompare(b.name, 'vi'));
    return {
      semester: { id: semester.id, number: semester.number, schoolYearName: semester.schoolYearName, startsOn: semester.startsOn, endsOn: semester.endsOn },
      computedAt,
      lessons: lessonFigures(lessons, computedAt),
      attendance: attendanceFigures(lessons),
      materials: materialFigures(await r.reports.reviews(range.from, range.to), await r.reports.publishedMaterials(range.to), await r.reports.progress(range.from, range.to), range),
      assessments: {
        quizzes: quizFigures(quizzes, await r.reports.attempts(quizzes.map((q) => q.id))),
        tasks: taskFigures(await r.reports.tasks(range.from, range.to)),
        gradebook: await this.gradebook(r, semester),
      },
      devices: deviceFigures(
        devices,
        await r.reports.hourBuckets({ exact: ['cpu.load_pct'] }, range.from, range.to),
        await r.reports.hourBuckets({ prefix: 'device.up:' }, range.from, range.to),
        await r.reports.alerts(range.from, range.to),
        range,
      ),
      planVersusActual: null,
    };
  }

  /** Gradebook completeness per class × subject (Circular 22 Art. 6–7: every required column of every student). */
  private async gradebook(r: Repos, semester: { id: number; schoolYearId: number }): Promise<SemesterFigures['assessments']['gradebook']> {
    const level = (await r.school.getSchool())?.level ?? 'lower_secondary';
    const classes = (await r.school.listClasses(semester.schoolYearId))
      .sort((a, b) => a.grade - b.grade || a.name.localeCompare(b.name, 'vi', { numeric: true }));
    const teacherNames = new Map((await r.reports.teachers(semester.schoolYearId)).map((t) => [t.id, t.fullName]));
    const rows: SemesterFigures['assessments']['gradebook']['byClassSubject'] = [];
    for (const c of classes) {
      const students = await r.gradebook.classStudents(c.id);
      const ids = students.map((s) => s.id);
      const cells = ids.length ? await r.gradebook.cells({ semesterIds: [semester.id], studentIds: ids }) : [];
      for (const subject of await r.gradebook.classSubjects(c.id)) {
        const columns = layoutFor(level, subject, c.grade, subject.periodsPerYear);
        const wanted = new Set(columns.map(columnId));
        const filled = cells.filter((x) => x.subjectId === subject.id && wanted.has(columnId(x)) && (x.scoreTenths !== null || x.mark !== null)).length;
        rows.push({
          classId: c.id, className: c.name, subjectId: subject.id, subjectName: subject.name,
          teacherName: subject.teacherId ? teacherNames.get(subject.teacherId) ?? null : null,
          students: ids.length, ...completeness(ids.length, columns.length, filled),
        });
      }
    }
    const expected = rows.reduce((n, x) => n + x.expected, 0);
    const filled = rows.reduce((n, x) => n + x.filled, 0);
    return { expected, filled, completeness: completeness(1, expected, filled).completeness, byClassSubject: rows };
  }
}

/** Text as typed, without control characters (line breaks kept) and trailing spaces. */
function clean(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/\r\n/g, '\n').replace(/[\u0000-\u0008\u000b-\u001f\u007f\u202a-\u202e]/g, '').trim();
}

function toDto(r: SemesterReportRecord): SemesterReport {
  return {
    id: r.id, semesterId: r.semesterId, status: r.status, addressee: r.addressee, difficulties: r.difficulties, causes: r.causes, proposals: r.proposals,
    figures: r.figures, figuresComputedAt: r.figuresComputedAt, createdAt: r.createdAt, updatedAt: r.updatedAt, updatedByName: r.updatedByName,
    finalizedAt: r.finalizedAt, finalizedByName: r.finalizedByName, archiveSeq: r.archiveSeq,
    files: r.pdfSha256 && r.xlsxSha256 ? { pdfSha256: r.pdfSha256, xlsxSha256: r.xlsxSha256 } : null,
  };
}
