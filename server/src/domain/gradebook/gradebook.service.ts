import type {
  AdoptBody, Cell, CellBody, ClassSummary, CommentBody, EntriesBody, EntriesReply, Entry, Grid, GridColumn, GridStudent, HistoryItem,
  LevelResult as LevelResultDto, MyStudents, Options, PendingResult, SemesterState, StudentResults, SubjectResult, TargetColumns,
} from '../../contracts/gradebook.schema.js';
import type { Actor } from '../accounts/account.types.js';
import type { Role } from '../people/person.types.js';
import type { Repos, Transactor } from '../repos.js';
import type { SchoolLevel } from '../school/school.types.js';
import { DomainError } from '../shared/errors.js';
import { foldVietnamese } from '../shared/vietnamese.js';
import { commentSemesterResult, commentYearResult, learningLevel, type PassMark, semesterAverage, type SubjectOutcome, yearAverage } from './circular22-rules.js';
import { assertSemesterOpen, writeCell, type Writer } from './gradebook-cells.js';
import { columnId, layoutFor, type LayoutColumn, parseCellText, valueText } from './gradebook-layout.js';
import type { CellRecord, ClassInfo, CommentRecord, FeedResultRecord, GradebookSubject, MarkCode, SemesterInfo, SemesterLock, StudentRow } from './gradebook.types.js';
import { tenthsToNumber } from './score-rules.js';

/** Who asks: the audit actor plus the person and roles (scope checks). */
export interface GradebookViewer extends Actor {
  personId: number;
  roles: Role[];
}

/** The spreadsheet the export writes (a port: the data layer turns it into .xlsx). */
export interface GradebookSheet {
  sheetName: string;
  /** Header lines above the table: title, school, class/subject/semester/year, teacher. */
  heading: string[];
  headers: string[];
  /** Column indexes (0-based) that hold scores (written as numbers with one decimal). */
  scoreColumns: number[];
  rows: (string | number | null)[][];
  widths: number[];
}

export interface GradebookPorts {
  writeSheet(sheet: GradebookSheet): Promise<Buffer>;
}

const isManager = (v: GradebookViewer): boolean => v.roles.includes('principal') || v.roles.includes('vice_principal');

interface Context {
  level: SchoolLevel;
  schoolName: string;
  cls: ClassInfo;
  subject: GradebookSubject;
  periods: number;
  semester: SemesterInfo;
  lock: SemesterLock | undefined;
  columns: LayoutColumn[];
  teacherId: number | null;
}

const emptyResult = (): SubjectResult => ({ average: null, mark: null, missing: [] });

function cellDto(c: CellRecord): Cell {
  return { score: c.scoreTenths === null ? null : tenthsToNumber(c.scoreTenths), mark: c.mark, text: valueText(c) ?? '', source: c.sourceKind, sourceId: c.sourceId, recordedAt: c.recordedAt };
}

function semesterDto(s: SemesterInfo, lock: SemesterLock | undefined): SemesterState {
  return {
    id: s.id, number: s.number, schoolYearId: s.schoolYearId, schoolYearName: s.schoolYearName, startsOn: s.startsOn, endsOn: s.endsOn,
    locked: !!lock?.locked, lockedAt: lock?.lockedAt ?? null, reopenedAt: lock?.reopenedAt ?? null, reopenReason: lock?.reopenReason ?? null,
  };
}

/** Roman numerals of the semesters as schools write them. */
const ROMAN = ['', 'I', 'II'];

/**
 * One subject's result in one semester from its cells (Circular 22 Art. 9.1; Circular 27 Art. 7):
 * score subjects the ĐTBmhk, comment subjects Đạt/Chưa đạt, primary the end-of-semester level.
 */
export function subjectSemesterResult(level: SchoolLevel, columns: readonly LayoutColumn[], cells: ReadonlyMap<string, CellRecord>): SubjectResult {
  const get = (c: LayoutColumn) => cells.get(columnId(c));
  if (level === 'primary') {
    const end = columns.find((c) => c.kind === 'endterm_level')!;
    const mark = get(end)?.mark ?? null;
    return { average: null, mark, missing: mark ? [] : [end.label] };
  }
  const regular = columns.filter((c) => c.kind === 'regular');
  const mid = columns.find((c) => c.kind === 'midterm')!;
  const end = columns.find((c) => c.kind === 'endterm')!;
  if (columns[0]?.value === 'pass') {
    const mark = (c: LayoutColumn) => (get(c)?.mark ?? null) as PassMark | null;
    const r = commentSemesterResult(regular.map(mark), mark(mid), mark(end));
    return r.complete ? { average: null, mark: r.value, missing: [] } : { average: null, mark: null, missing: r.missing.map((m) => m.label) };
  }
  const score = (c: LayoutColumn) => get(c)?.scoreTenths ?? null;
  const r = semesterAverage(regular.map(score), score(mid), score(end));
  return r.complete ? { average: tenthsToNumber(r.value), mark: null, missing: [] } : { average: null, mark: null, missing: r.missing.map((m) => m.label) };
}

/** The year's result from the two semesters (Art. 9.1): ĐTBmcn, or the semester II mark. */
export function subjectYearResult(assessmentValue: LayoutColumn['value'], s1: SubjectResult, s2: SubjectResult): SubjectResult {
  if (assessmentValue === 'score') {
    const toTenths = (a: number | null) => (a === null ? null : Math.round(a * 10));
    const y = yearAverage(toTenths(s1.average), toTenths(s2.average));
    const missing = [...(s1.average === null ? ['HK I'] : []), ...(s2.average === null ? ['HK II'] : [])];
    return { average: y === null ? null : tenthsToNumber(y), mark: null, missing };
  }
  // Comment subjects (Art. 9.1) and primary (end-of-year level): the semester II result.
  const mark = assessmentValue === 'pass' ? commentYearResult(s2.mark as PassMark | null) : s2.mark;
  return { average: null, mark, missing: mark ? [] : ['HK II'] };
}

function levelDto(level: SchoolLevel, outcomes: SubjectOutcome[], names: Map<number, string>): LevelResultDto {
  if (level === 'primary') return { level: null, adjusted: false, missingSubjects: [] }; // Circular 27 has no Tốt/Khá levels
  const r = learningLevel(outcomes);
  if (!r.complete) return { level: null, adjusted: false, missingSubjects: r.missingSubjectIds.map((id) => names.get(id) ?? String(id)) };
  return { level: r.level, adjusted: r.adjusted, missingSubjects: [] };
}

function outcomeOf(subjectId: number, value: LayoutColumn['value'], r: SubjectResult): SubjectOutcome {
  return value === 'score'
    ? { subjectId, assessment: 'score', average: r.average === null ? null : Math.round(r.average * 10) }
    : { subjectId, assessment: 'comment', result: (r.mark === 'D' || r.mark === 'CD' ? r.mark : null) };
}

const cellMap = (cells: readonly CellRecord[], studentId: number, subjectId: number, semesterId: number): Map<string, CellRecord> =>
  new Map(cells.filter((c) => c.studentId === studentId && c.subjectId === subjectId && c.semesterId === semesterId).map((c) => [columnId(c), c]));

/**
 * The gradebook (sổ theo dõi và đánh giá học sinh): grids per class × subject × semester, entry by
 * the subject's teacher of that class (teaching_assignments), comments, the principal's semester
 * lock, students' and parents' own results, the homeroom teacher's class summary and the export.
 */
export class GradebookService {
  constructor(private readonly tx: Transactor, private readonly ports: GradebookPorts, private readonly now: () => Date = () => new Date()) {}

  // -------------------------------------------------------------------------------------------
  // Context and scope

  private async context(r: Repos, classId: number, subjectId: number, semesterId: number): Promise<Context> {
    const cls = await r.gradebook.classInfo(classId);
    if (!cls) throw new DomainError('NOT_FOUND', { classId });
    const subject = await r.gradebook.subject(subjectId);
    if (!subject) throw new DomainError('NOT_FOUND', { subjectId });
    const semester = await r.gradebook.semester(semesterId);
    if (!semester || semester.schoolYearId !== cls.schoolYearId) throw new DomainError('NOT_FOUND', { semesterId });
    const periods = await r.gradebook.periodsPerYear(subjectId, cls.grade);
    if (periods === undefined) throw new DomainError('GRADEBOOK_SUBJECT_NOT_IN_GRADE', { subjectId, grade: cls.grade });
    const school = await r.school.getSchool();
    const level = school?.level ?? 'lower_secondary';
    return {
      level, schoolName: school?.name ?? '', cls, subject, periods, semester, lock: await r.gradebook.lock(semesterId),
      columns: layoutFor(level, subject, cls.grade, periods), teacherId: (await r.gradebook.teacherOf(classId, subjectId)) ?? null,
    };
  }

  /** Read: the principal and vice principals, the subject's teacher of the class, the class's homeroom teacher. */
  private assertCanRead(v: GradebookViewer, ctx: Pick<Context, 'cls' | 'teacherId'>): void {
    if (isManager(v) || ctx.teacherId === v.personId || ctx.cls.homeroomTeacherId === v.personId) return;
    throw new DomainError('FORBIDDEN', { classId: ctx.cls.id });
  }

  /** Entry: only the teacher assigned to this class × subject (Circular 22 Art. 6.2, 7: the subject teacher assesses). */
  private canEdit(v: GradebookViewer, ctx: Context): boolean {
    return v.roles.includes('teacher') && ctx.teacherId === v.personId;
  }

  private assertCanEdit(v: GradebookViewer, ctx: Context): void {
    if (!this.canEdit(v, ctx)) throw new DomainError('GRADEBOOK_NOT_YOUR_CLASS', { classId: ctx.cls.id, subjectId: ctx.subject.id });
  }

  private writer(v: GradebookViewer): Writer {
    return { personId: v.personId, actor: { accountId: v.accountId, login: v.login, ip: v.ip } };
  }

  // -------------------------------------------------------------------------------------------
  // Grid

  async options(v: GradebookViewer): Promise<Options> {
    return this.tx.read(async (r) => {
      const year = await r.school.currentYear();
      if (!year) return { semesters: [], classes: [], canLock: v.roles.includes('principal') };
      const semesters = await r.gradebook.semestersOfYear(year.id);
      const semesterStates = await Promise.all(semesters.map(async (s) => semesterDto(s, await r.gradebook.lock(s.id))));
      const all = await r.school.listClasses(year.id);
      const taught = await r.gradebook.teacherClasses(v.personId, year.id);
      const classes: Options['classes'] = [];
      for (const c of all) {
        const homeroom = c.homeroomTeacherId === v.personId;
        const mine = taught.filter((a) => a.classId === c.id).map((a) => a.subjectId);
        if (!isManager(v) && !homeroom && mine.length === 0) continue;
        const subjects = (await r.gradebook.classSubjects(c.id))
          .filter((s) => isManager(v) || homeroom || mine.includes(s.id))
          .map((s) => ({ id: s.id, code: s.code, name: s.name, assessment: s.assessment, canEdit: v.roles.includes('teacher') && s.teacherId === v.personId }));
        classes.push({ id: c.id, name: c.name, grade: c.grade, homeroom, subjects });
      }
      return { semesters: semesterStates, classes, canLock: v.roles.includes('principal') };
    });
  }

  private async rows(r: Repos, ctx: Context, students: StudentRow[]): Promise<GridStudent[]> {
    const ids = students.map((s) => s.id);
    const second = ctx.semester.number === 2;
    const first = second ? (await r.gradebook.semestersOfYear(ctx.cls.schoolYearId)).find((s) => s.number === 1) : undefined;
    const semesterIds = first ? [ctx.semester.id, first.id] : [ctx.semester.id];
    const cells = await r.gradebook.cells({ subjectIds: [ctx.subject.id], semesterIds, studentIds: ids });
    const comments = await r.gradebook.comments({ subjectIds: [ctx.subject.id], semesterIds: [ctx.semester.id], studentIds: ids });
    const feed = await r.gradebook.feedResults({ subjectId: ctx.subject.id, semesterId: ctx.semester.id, studentIds: ids });
    return students.map((s) => {
      const mine = cellMap(cells, s.id, ctx.subject.id, ctx.semester.id);
      const semester = subjectSemesterResult(ctx.level, ctx.columns, mine);
      const pending: PendingResult[] = feed
        .filter((f) => f.studentId === s.id)
        .filter((f) => { const c = mine.get(columnId(f)); return !c || c.sourceKind !== f.sourceKind || c.sourceId !== f.sourceId; })
        .map((f: FeedResultRecord) => ({ column: columnId(f), source: f.sourceKind, sourceId: f.sourceId, score: tenthsToNumber(f.scoreTenths), recordedAt: f.recordedAt }));
      const row: GridStudent = {
        id: s.id, personalId: s.personalId, fullName: s.fullName,
        cells: Object.fromEntries([...mine.entries()].map(([k, c]) => [k, cellDto(c)])),
        pending, semester, comment: comments.find((c) => c.studentId === s.id)?.text ?? '',
      };
      if (first) {
        const firstSemester = subjectSemesterResult(ctx.level, ctx.columns, cellMap(cells, s.id, ctx.subject.id, first.id));
        row.firstSemester = firstSemester;
        row.year = subjectYearResult(ctx.columns[0]!.value, firstSemester, semester);
      }
      return row;
    });
  }

  async grid(v: GradebookViewer, q: { classId: number; subjectId: number; semesterId: number }): Promise<Grid> {
    return this.tx.read(async (r) => {
      const ctx = await this.context(r, q.classId, q.subjectId, q.semesterId);
      this.assertCanRead(v, ctx);
      return this.gridOf(r, v, ctx);
    });
  }

  private async gridOf(r: Repos, v: GradebookViewer, ctx: Context): Promise<Grid> {
    const students = await r.gradebook.classStudents(ctx.cls.id);
    const teacher = ctx.teacherId ? await r.people.get(ctx.teacherId) : undefined;
    return {
      school: { name: ctx.schoolName, level: ctx.level },
      class: { id: ctx.cls.id, name: ctx.cls.name, grade: ctx.cls.grade },
      subject: { id: ctx.subject.id, code: ctx.subject.code, name: ctx.subject.name, assessment: ctx.subject.assessment, periodsPerYear: ctx.periods },
      semester: semesterDto(ctx.semester, ctx.lock),
      teacherName: teacher?.fullName ?? null,
      columns: ctx.columns.map((c): GridColumn => ({ id: columnId(c), kind: c.kind, slot: c.slot, label: c.label, value: c.value })),
      canEdit: this.canEdit(v, ctx) && !ctx.lock?.locked,
      students: await this.rows(r, ctx, students),
    };
  }

  /** The columns of a class × subject for the feed's pickers (quizzes, tasks, H5P), with the year's semesters. */
  async targetColumns(v: GradebookViewer, q: { classId: number; subjectId: number }): Promise<TargetColumns> {
    return this.tx.read(async (r) => {
      const cls = await r.gradebook.classInfo(q.classId);
      if (!cls) throw new DomainError('NOT_FOUND', { classId: q.classId });
      const semesters = await r.gradebook.semestersOfYear(cls.schoolYearId);
      if (!semesters[0]) throw new DomainError('NOT_FOUND', { schoolYearId: cls.schoolYearId });
      const ctx = await this.context(r, q.classId, q.subjectId, semesters[0].id);
      this.assertCanRead(v, ctx);
      return {
        semesters: await Promise.all(semesters.map(async (s) => semesterDto(s, await r.gradebook.lock(s.id)))),
        columns: ctx.columns.map((c) => ({ id: columnId(c), kind: c.kind, slot: c.slot, label: c.label, value: c.value, feedable: c.value === 'score' || c.value === 'test' })),
      };
    });
  }

  // -------------------------------------------------------------------------------------------
  // Entry (typed in by the teacher, including in-person periodic tests: Circular 22 Art. 7)

  async enterCell(v: GradebookViewer, b: CellBody): Promise<EntriesReply> {
    return this.enter(v, { classId: b.classId, subjectId: b.subjectId, semesterId: b.semesterId, entries: [{ studentId: b.studentId, column: b.column, value: b.value }] });
  }

  /** A batch is all or nothing: one invalid value refuses the whole batch and names it. */
  async enter(v: GradebookViewer, b: EntriesBody): Promise<EntriesReply> {
    return this.tx.run(async (r) => {
      const ctx = await this.context(r, b.classId, b.subjectId, b.semesterId);
      this.assertCanEdit(v, ctx);
      await assertSemesterOpen(r, ctx.semester.id);
      const students = await r.gradebook.classStudents(ctx.cls.id);
      const at = this.now().toISOString();
      let changed = 0;
      const touched = new Set<number>();
      for (const e of b.entries) {
        const { column, value } = this.checkEntry(ctx, students, e);
        const key = { studentId: e.studentId, subjectId: ctx.subject.id, semesterId: ctx.semester.id, kind: column.kind, slot: column.slot };
        if (await writeCell(r, key, value, { kind: 'manual', id: null }, this.writer(v), at)) changed++;
        touched.add(e.studentId);
      }
      return { changed, students: await this.rows(r, ctx, students.filter((s) => touched.has(s.id))) };
    });
  }

  private checkEntry(ctx: Context, students: StudentRow[], e: Entry) {
    if (!students.some((s) => s.id === e.studentId)) throw new DomainError('GRADEBOOK_NOT_ENROLLED', { studentId: e.studentId, classId: ctx.cls.id });
    const column = ctx.columns.find((c) => c.kind === e.column.kind && c.slot === e.column.slot);
    if (!column) throw new DomainError('GRADEBOOK_COLUMN_INVALID', { column: e.column, columns: ctx.columns.map(columnId) });
    const text = (e.value ?? '').trim();
    if (text === '') return { column, value: null };
    const value = parseCellText(column.value, text);
    if (!value) throw new DomainError('GRADEBOOK_VALUE_INVALID', { studentId: e.studentId, column: columnId(column), value: text, expected: column.value });
    return { column, value };
  }

  /** The teacher takes a pending quiz/task/H5P result into the cell (replacing a hand-typed or other value). */
  async adopt(v: GradebookViewer, b: AdoptBody): Promise<EntriesReply> {
    return this.tx.run(async (r) => {
      const ctx = await this.context(r, b.classId, b.subjectId, b.semesterId);
      this.assertCanEdit(v, ctx);
      await assertSemesterOpen(r, ctx.semester.id);
      const students = await r.gradebook.classStudents(ctx.cls.id);
      const { column } = this.checkEntry(ctx, students, { studentId: b.studentId, column: b.column, value: null });
      const key = { studentId: b.studentId, subjectId: ctx.subject.id, semesterId: ctx.semester.id, kind: column.kind, slot: column.slot };
      const result = await r.gradebook.feedResult(key, { kind: b.source, id: b.sourceId });
      if (!result) throw new DomainError('NOT_FOUND', { source: b.source, sourceId: b.sourceId });
      const changed = await writeCell(r, key, { scoreTenths: result.scoreTenths, mark: null }, { kind: b.source, id: b.sourceId }, this.writer(v), this.now().toISOString());
      return { changed: changed ? 1 : 0, students: await this.rows(r, ctx, students.filter((s) => s.id === b.studentId)) };
    });
  }

  /** The teacher's comment (nhận xét) on a student's subject in a semester (Circular 22 Art. 6.1, 9). Empty text removes it. */
  async comment(v: GradebookViewer, b: CommentBody): Promise<{ ok: true }> {
    return this.tx.run(async (r) => {
      const ctx = await this.context(r, b.classId, b.subjectId, b.semesterId);
      this.assertCanEdit(v, ctx);
      await assertSemesterOpen(r, ctx.semester.id);
      const students = await r.gradebook.classStudents(ctx.cls.id);
      if (!students.some((s) => s.id === b.studentId)) throw new DomainError('GRADEBOOK_NOT_ENROLLED', { studentId: b.studentId, classId: ctx.cls.id });
      const key = { studentId: b.studentId, subjectId: ctx.subject.id, semesterId: ctx.semester.id };
      const old = (await r.gradebook.comments({ subjectIds: [ctx.subject.id], semesterIds: [ctx.semester.id], studentIds: [b.studentId] }))[0];
      const text = b.text.trim();
      if ((old?.text ?? '') === text) return { ok: true as const };
      if (text === '') await r.gradebook.deleteComment(key);
      else await r.gradebook.putComment({ ...key, text, updatedById: v.personId, updatedAt: this.now().toISOString() } satisfies CommentRecord);
      await r.audit.record(v, 'gradebook.comment', 'gradebook_comment', `${b.studentId}:${ctx.subject.id}:${ctx.semester.id}`, { old: old?.text ?? null, new: text || null });
      return { ok: true as const };
    });
  }

  async history(v: GradebookViewer, q: { classId: number; subjectId: number; semesterId: number; studentId?: number }): Promise<HistoryItem[]> {
    return this.tx.read(async (r) => {
      const ctx = await this.context(r, q.classId, q.subjectId, q.semesterId);
      this.assertCanRead(v, ctx);
      const ids = new Set((await r.gradebook.classStudents(ctx.cls.id)).map((s) => s.id));
      const items = await r.gradebook.history({ subjectId: ctx.subject.id, semesterId: ctx.semester.id, ...(q.studentId ? { studentId: q.studentId } : {}), limit: 500 });
      return items.filter((h) => ids.has(h.studentId)).map((h) => ({
        id: h.id, studentId: h.studentId, column: columnId(h), oldValue: h.oldValue, newValue: h.newValue, source: h.sourceKind, sourceId: h.sourceId, changedByName: h.changedByName, changedAt: h.changedAt,
      }));
    });
  }

  // -------------------------------------------------------------------------------------------
  // Semester lock (the principal closes the semester's results; reopening needs a reason)

  async lock(v: GradebookViewer, semesterId: number): Promise<SemesterState> {
    return this.tx.run(async (r) => {
      const s = await r.gradebook.semester(semesterId);
      if (!s) throw new DomainError('NOT_FOUND', { semesterId });
      if (!v.roles.includes('principal')) throw new DomainError('FORBIDDEN', { action: 'gradebook.lock' });
      const old = await r.gradebook.lock(semesterId);
      if (old?.locked) return semesterDto(s, old);
      const lock: SemesterLock = { semesterId, locked: true, lockedAt: this.now().toISOString(), lockedById: v.personId, reopenedAt: old?.reopenedAt ?? null, reopenedById: old?.reopenedById ?? null, reopenReason: old?.reopenReason ?? null };
      await r.gradebook.saveLock(lock);
      await r.audit.record(v, 'gradebook.semester_locked', 'semester', semesterId, { schoolYear: s.schoolYearName, number: s.number });
      return semesterDto(s, lock);
    });
  }

  async reopen(v: GradebookViewer, semesterId: number, reason: string): Promise<SemesterState> {
    return this.tx.run(async (r) => {
      const s = await r.gradebook.semester(semesterId);
      if (!s) throw new DomainError('NOT_FOUND', { semesterId });
      if (!v.roles.includes('principal')) throw new DomainError('FORBIDDEN', { action: 'gradebook.lock' });
      const why = reason.trim();
      if (why.length < 3) throw new DomainError('GRADEBOOK_REASON_REQUIRED');
      const old = await r.gradebook.lock(semesterId);
      if (!old?.locked) throw new DomainError('GRADEBOOK_NOT_LOCKED', { semesterId });
      const lock: SemesterLock = { ...old, locked: false, reopenedAt: this.now().toISOString(), reopenedById: v.personId, reopenReason: why };
      await r.gradebook.saveLock(lock);
      await r.audit.record(v, 'gradebook.semester_reopened', 'semester', semesterId, { reason: why, lockedAt: old.lockedAt });
      return semesterDto(s, lock);
    });
  }

  // -------------------------------------------------------------------------------------------
  // Results: the homeroom class summary, a student's own results

  /** All subjects' results of every student of a class, per semester or for the year (Art. 9.2 levels). */
  private async classResults(r: Repos, cls: ClassInfo, level: SchoolLevel, studentIds: number[]) {
    const subjects = await r.gradebook.classSubjects(cls.id);
    const semesters = await r.gradebook.semestersOfYear(cls.schoolYearId);
    const cells = await r.gradebook.cells({ semesterIds: semesters.map((s) => s.id), studentIds });
    const layouts = new Map(subjects.map((s) => [s.id, layoutFor(level, s, cls.grade, s.periodsPerYear)]));
    const result = (studentId: number, subjectId: number, semester: SemesterInfo | undefined): SubjectResult =>
      semester ? subjectSemesterResult(level, layouts.get(subjectId)!, cellMap(cells, studentId, subjectId, semester.id)) : emptyResult();
    const s1 = semesters.find((s) => s.number === 1);
    const s2 = semesters.find((s) => s.number === 2);
    const yearResult = (studentId: number, subjectId: number): SubjectResult =>
      subjectYearResult(layouts.get(subjectId)![0]!.value, result(studentId, subjectId, s1), result(studentId, subjectId, s2));
    return { subjects, semesters, cells, layouts, result, yearResult };
  }

  async classSummary(v: GradebookViewer, q: { classId: number; semesterId: number; period: 'semester' | 'year' }): Promise<ClassSummary> {
    return this.tx.read(async (r) => {
      const cls = await r.gradebook.classInfo(q.classId);
      if (!cls) throw new DomainError('NOT_FOUND', { classId: q.classId });
      const semester = await r.gradebook.semester(q.semesterId);
      if (!semester || semester.schoolYearId !== cls.schoolYearId) throw new DomainError('NOT_FOUND', { semesterId: q.semesterId });
      // The homeroom teacher sums up the class's results (Circular 22 Art. 9); managers see every class.
      if (!isManager(v) && cls.homeroomTeacherId !== v.personId) throw new DomainError('FORBIDDEN', { classId: cls.id });
      const level = (await r.school.getSchool())?.level ?? 'lower_secondary';
      const students = await r.gradebook.classStudents(cls.id);
      const cr = await this.classResults(r, cls, level, students.map((s) => s.id));
      const names = new Map(cr.subjects.map((s) => [s.id, s.name]));
      const counts: Record<string, number> = { T: 0, K: 0, D: 0, CD: 0, incomplete: 0 };
      const rows = students.map((s) => {
        const results: Record<string, SubjectResult> = {};
        const outcomes: SubjectOutcome[] = [];
        for (const subj of cr.subjects) {
          const res = q.period === 'year' ? cr.yearResult(s.id, subj.id) : cr.result(s.id, subj.id, semester);
          results[String(subj.id)] = res;
          outcomes.push(outcomeOf(subj.id, cr.layouts.get(subj.id)![0]!.value, res));
        }
        const lvl = levelDto(level, outcomes, names);
        counts[lvl.level ?? 'incomplete'] = (counts[lvl.level ?? 'incomplete'] ?? 0) + 1;
        return { id: s.id, personalId: s.personalId, fullName: s.fullName, results, level: lvl };
      });
      return {
        class: { id: cls.id, name: cls.name, grade: cls.grade },
        semester: semesterDto(semester, await r.gradebook.lock(semester.id)),
        period: q.period,
        subjects: cr.subjects.map((s) => ({ id: s.id, code: s.code, name: s.name, assessment: s.assessment })),
        students: rows,
        counts,
      };
    });
  }

  /** Students whose results the viewer may open: a student themself, a parent their children (parent_links). */
  async myStudents(v: GradebookViewer): Promise<MyStudents> {
    return this.tx.read(async (r) => {
      const year = await r.school.currentYear();
      const ids = v.roles.includes('parent') ? (await r.people.childrenOf(v.personId)).map((c) => c.id) : v.roles.includes('student') ? [v.personId] : [];
      const out: MyStudents = [];
      for (const id of ids) {
        const p = await r.people.get(id, year?.id);
        if (p) out.push({ id, fullName: p.fullName, className: p.className });
      }
      return out;
    });
  }

  async studentResults(v: GradebookViewer, studentId: number, schoolYearId?: number): Promise<StudentResults> {
    return this.tx.read(async (r) => {
      const person = await r.people.get(studentId);
      if (!person || person.kind !== 'student') throw new DomainError('NOT_FOUND', { studentId });
      const year = schoolYearId ? await r.school.getYear(schoolYearId) : await r.school.currentYear();
      if (!year) throw new DomainError('NOT_FOUND', { schoolYearId });
      const cls = await r.gradebook.enrolment(studentId, year.id);
      // Scope: the student themself, their parents (parent_links), the managers, the homeroom teacher.
      const allowed = v.personId === studentId
        || (v.roles.includes('parent') && await r.gradebook.isParentOf(v.personId, studentId))
        || isManager(v)
        || (!!cls && cls.homeroomTeacherId === v.personId && v.roles.includes('teacher'));
      if (!allowed) throw new DomainError('FORBIDDEN', { studentId });
      const student = { id: studentId, fullName: person.fullName, personalId: person.personalId ?? null };
      const semesters = await r.gradebook.semestersOfYear(year.id);
      const semesterStates = await Promise.all(semesters.map(async (s) => semesterDto(s, await r.gradebook.lock(s.id))));
      if (!cls) return { student, class: null, schoolYearName: year.name, semesters: semesterStates, subjects: [], levels: {}, yearLevel: { level: null, adjusted: false, missingSubjects: [] } };
      const level = (await r.school.getSchool())?.level ?? 'lower_secondary';
      const cr = await this.classResults(r, cls, level, [studentId]);
      const comments = await r.gradebook.comments({ semesterIds: semesters.map((s) => s.id), studentIds: [studentId] });
      const names = new Map(cr.subjects.map((s) => [s.id, s.name]));
      const subjects: StudentResults['subjects'] = cr.subjects.map((subj) => {
        const cols = cr.layouts.get(subj.id)!;
        return {
          id: subj.id, code: subj.code, name: subj.name, assessment: subj.assessment,
          columns: cols.map((c) => ({ id: columnId(c), kind: c.kind, slot: c.slot, label: c.label, value: c.value })),
          bySemester: Object.fromEntries(semesters.map((s) => [String(s.id), {
            cells: Object.fromEntries([...cellMap(cr.cells, studentId, subj.id, s.id).entries()].map(([k, c]) => [k, cellDto(c)])),
            result: cr.result(studentId, subj.id, s),
            comment: comments.find((c) => c.subjectId === subj.id && c.semesterId === s.id)?.text ?? '',
          }])),
          year: cr.yearResult(studentId, subj.id),
        };
      });
      const levels: Record<string, LevelResultDto> = {};
      for (const s of semesters) {
        levels[String(s.id)] = levelDto(level, cr.subjects.map((subj) => outcomeOf(subj.id, cr.layouts.get(subj.id)![0]!.value, cr.result(studentId, subj.id, s))), names);
      }
      const yearLevel = levelDto(level, cr.subjects.map((subj) => outcomeOf(subj.id, cr.layouts.get(subj.id)![0]!.value, cr.yearResult(studentId, subj.id))), names);
      return { student, class: { id: cls.id, name: cls.name, grade: cls.grade }, schoolYearName: year.name, semesters: semesterStates, subjects, levels, yearLevel };
    });
  }

  // -------------------------------------------------------------------------------------------
  // Export: bảng điểm môn học, the layout of the sổ theo dõi và đánh giá học sinh

  async exportSubject(v: GradebookViewer, q: { classId: number; subjectId: number; semesterId: number }): Promise<{ fileName: string; body: Buffer }> {
    const grid = await this.tx.read(async (r) => {
      const ctx = await this.context(r, q.classId, q.subjectId, q.semesterId);
      this.assertCanRead(v, ctx);
      return this.gridOf(r, v, ctx);
    });
    const sem = ROMAN[grid.semester.number] ?? String(grid.semester.number);
    const primary = grid.school.level === 'primary';
    const isScore = grid.columns[0]?.value === 'score';
    const resultHeader = primary ? 'Mức đạt được' : isScore ? 'ĐTBmhk' : 'Kết quả';
    const second = grid.semester.number === 2;
    const yearHeader = isScore ? 'ĐTBmcn' : 'Cả năm';
    const headers = ['STT', 'Mã định danh', 'Họ và tên', ...grid.columns.map((c) => c.label), resultHeader, ...(second ? [yearHeader] : []), 'Nhận xét'];
    const firstScore = 3;
    const scoreColumns: number[] = [];
    grid.columns.forEach((c, i) => { if (c.value === 'score' || c.value === 'test') scoreColumns.push(firstScore + i); });
    if (isScore) { scoreColumns.push(firstScore + grid.columns.length); if (second) scoreColumns.push(firstScore + grid.columns.length + 1); }
    const markName = (m: MarkCode | null) => (m === null ? null : ({ D: 'Đ', CD: 'CĐ', HTT: 'HTT', HT: 'HT', CHT: 'CHT' } as const)[m]);
    const resultCell = (res: SubjectResult | undefined) => (!res ? null : res.average ?? markName(res.mark));
    const rows = grid.students.map((s, i) => [
      i + 1, s.personalId, s.fullName,
      ...grid.columns.map((c) => { const cell = s.cells[c.id]; return cell ? cell.score ?? markName(cell.mark) : null; }),
      resultCell(s.semester), ...(second ? [resultCell(s.year)] : []), s.comment || null,
    ]);
    const heading = [
      primary ? 'BẢNG TỔNG HỢP KẾT QUẢ ĐÁNH GIÁ MÔN HỌC' : 'SỔ THEO DÕI VÀ ĐÁNH GIÁ HỌC SINH — BẢNG ĐIỂM MÔN HỌC',
      `Trường: ${grid.school.name}`,
      `Lớp: ${grid.class.name}    Môn học: ${grid.subject.name}    Học kì ${sem}    Năm học: ${grid.semester.schoolYearName}`,
      `Giáo viên bộ môn: ${grid.teacherName ?? ''}`,
    ];
    const widths = headers.map((h, i) => (i === 0 ? 5 : i === 1 ? 22 : i === 2 ? 28 : h === 'Nhận xét' ? 40 : 9));
    const body = await this.ports.writeSheet({ sheetName: `${grid.class.name} ${grid.subject.code} HK${sem}`, heading, headers, scoreColumns, rows, widths });
    const safe = (x: string) => foldVietnamese(x).replace(/[^A-Za-z0-9]+/g, '-');
    return { fileName: `bang-diem-${safe(grid.class.name)}-${safe(grid.subject.code)}-HK${sem}-${safe(grid.semester.schoolYearName)}.xlsx`, body };
  }
}

