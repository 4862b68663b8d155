import type { Actor } from '../accounts/account.types.js';
import { manageableSubjects } from '../curriculum/curriculum.service.js';
import type { Role } from '../people/person.types.js';
import type { Repos, Transactor } from '../repos.js';
import { DomainError } from '../shared/errors.js';
import { foldVietnamese } from '../shared/vietnamese.js';
import type { DraftMessage, QuestionDraft } from './question-drafts.js';
import { lessonRefFor, lessonRefText, resolveLessonRef } from './question-drafts.js';
import type { QuestionSheetSpec, QuestionTableInput } from './question-sheet-format.js';
import { draftsFromTable, isQuestionHeaderRow, questionSheet } from './question-sheet-format.js';
import { formatQuestionText, parseQuestionText, type ExportableQuestion } from './question-text-format.js';
import { checkQuestionContent, checkQuestionMeta, normalizeStem, QUESTION_ISSUES, searchTextOf, type QuestionIssue } from './question-validation.js';
import type { CognitiveLevel, MatrixCount, Question, QuestionContent, QuestionType } from './question.types.js';

/** Who is asking: enough of the signed-in person for the scope rules. */
export interface QuestionViewer {
  personId: number;
  roles: readonly Role[];
}
export type QuestionActor = Actor & QuestionViewer;

/** The spreadsheet I/O the import and export need, implemented in data/spreadsheet.ts. */
export interface QuestionSheetPort {
  readTable(data: Buffer, fileName: string, opts: { isHeaderRow: (cells: string[]) => boolean; maxRows?: number }): Promise<QuestionTableInput>;
  writeWorkbook(sheets: QuestionSheetSpec[]): Promise<Buffer>;
}

export interface QuestionInputRaw {
  subjectId: number;
  grade: number;
  curriculumLessonId: number | null;
  level: string;
  type: string;
  stem: string;
  points?: number | undefined;
  body: unknown;
}

export interface ListQuery {
  subjectId?: number | undefined;
  grade?: number | undefined;
  curriculumLessonId?: number | undefined;
  noLesson?: boolean | undefined;
  level?: CognitiveLevel | undefined;
  type?: QuestionType | undefined;
  q?: string | undefined;
  includeArchived?: boolean | undefined;
  limit: number;
  offset: number;
}

export interface ReportMessage { line: number; code: string; vi: string; en: string }
export interface ImportReport {
  committed: boolean;
  accepted: number;
  rejected: number;
  createdIds: number[];
  items: {
    index: number; label: string; line: number; ok: boolean; type: QuestionType | null; level: CognitiveLevel | null;
    lessonRef: string | null; curriculumLessonId: number | null; stem: string; errors: ReportMessage[]; warnings: ReportMessage[];
  }[];
}

const message = (m: DraftMessage): ReportMessage => ({ line: m.line, code: m.code, ...QUESTION_ISSUES[m.code] });
const MAX_IMPORT_ROWS = 2000;

/**
 * The question bank (Art. 7.1: question and exercise banks for practice and assessment; Art. 7.3:
 * built by the subject group; Art. 8.1.c: online tests draw from it). A teacher works in the
 * subjects of their own subject group, managers in every subject; students never reach it.
 * Questions used by a quiz are archived instead of deleted (quizzes keep their own snapshot).
 */
export class QuestionService {
  constructor(private readonly tx: Transactor, private readonly sheets: QuestionSheetPort, private readonly now: () => Date = () => new Date()) {}

  private async scope(r: Repos, who: QuestionViewer): Promise<Set<number> | 'all'> {
    return manageableSubjects(r, who);
  }

  private async assertSubject(r: Repos, who: QuestionViewer, subjectId: number, grade?: number): Promise<void> {
    const subject = (await r.school.listSubjects()).find((s) => s.id === subjectId);
    if (!subject) throw new DomainError('NOT_FOUND', { subjectId });
    const scope = await this.scope(r, who);
    if (scope !== 'all' && !scope.has(subjectId)) throw new DomainError('QUESTION_NOT_YOUR_SUBJECT', { subjectId });
    if (grade !== undefined && Object.keys(subject.periods).length && !(grade in subject.periods)) throw new DomainError('QUESTION_GRADE_NOT_TAUGHT', { subjectId, grade });
  }

  /** The question, if the viewer may see it; NOT_FOUND otherwise (existence is not revealed). */
  private async visible(r: Repos, who: QuestionViewer, id: number): Promise<Question> {
    const q = await r.questions.get(id);
    if (!q) throw new DomainError('NOT_FOUND', { questionId: id });
    const scope = await this.scope(r, who);
    if (scope !== 'all' && !scope.has(q.subjectId)) throw new DomainError('NOT_FOUND', { questionId: id });
    return q;
  }

  async list(who: QuestionViewer, f: ListQuery): Promise<{ items: Question[]; total: number }> {
    return this.tx.read(async (r) => {
      const scope = await this.scope(r, who);
      if (f.subjectId !== undefined && scope !== 'all' && !scope.has(f.subjectId)) throw new DomainError('QUESTION_NOT_YOUR_SUBJECT', { subjectId: f.subjectId });
      return r.questions.list({
        ...(f.subjectId !== undefined ? { subjectId: f.subjectId } : {}),
        ...(scope !== 'all' ? { subjectIds: [...scope] } : {}),
        ...(f.grade !== undefined ? { grade: f.grade } : {}),
        ...(f.curriculumLessonId !== undefined ? { curriculumLessonId: f.curriculumLessonId } : {}),
        ...(f.noLesson ? { noLesson: true } : {}),
        ...(f.level ? { level: f.level } : {}),
        ...(f.type ? { type: f.type } : {}),
        ...(f.q && foldVietnamese(f.q) ? { search: foldVietnamese(f.q) } : {}),
        includeArchived: f.includeArchived === true,
        limit: f.limit,
        offset: f.offset,
      });
    });
  }

  async get(who: QuestionViewer, id: number): Promise<Question> {
    return this.tx.read((r) => this.visible(r, who, id));
  }

  /** Checks a typed question; throws QUESTION_INVALID with every issue. */
  private checked(raw: QuestionInputRaw): { content: QuestionContent; stem: string; level: CognitiveLevel; points: number } {
    const points = raw.points ?? 1;
    const stem = typeof raw.stem === 'string' ? normalizeStem(raw.stem) : '';
    const issues: QuestionIssue[] = checkQuestionMeta({ stem, level: raw.level, points });
    const c = checkQuestionContent(raw.type, raw.body);
    issues.push(...c.issues);
    if (issues.length || !c.content) {
      throw new DomainError('QUESTION_INVALID', { issues: issues.map((i) => ({ ...i, ...QUESTION_ISSUES[i.code] })) });
    }
    return { content: c.content, stem, level: raw.level as CognitiveLevel, points: Math.round(points * 100) / 100 };
  }

  private async assertLesson(r: Repos, lessonId: number | null, subjectId: number, grade: number): Promise<void> {
    if (lessonId === null) return;
    const lesson = await r.curriculum.get(lessonId);
    if (!lesson || lesson.subjectId !== subjectId || lesson.grade !== grade) throw new DomainError('QUESTION_LESSON_MISMATCH', { curriculumLessonId: lessonId, subjectId, grade });
  }

  async create(actor: QuestionActor, raw: QuestionInputRaw): Promise<number> {
    const q = this.checked(raw);
    return this.tx.run(async (r) => {
      await this.assertSubject(r, actor, raw.subjectId, raw.grade);
      await this.assertLesson(r, raw.curriculumLessonId, raw.subjectId, raw.grade);
      const id = await r.questions.create({
        subjectId: raw.subjectId, grade: raw.grade, curriculumLessonId: raw.curriculumLessonId, level: q.level, stem: q.stem, points: q.points,
        searchText: searchTextOf(q.stem, q.content), ...q.content, authorId: actor.personId, at: this.now().toISOString(),
      });
      await r.audit.record(actor, 'question.created', 'question', id, { subjectId: raw.subjectId, grade: raw.grade, type: q.content.type, level: q.level });
      return id;
    });
  }

  /** Editing is safe even after use: quizzes keep the snapshot they drew (Art. 8.1.c records stay true). */
  async update(actor: QuestionActor, id: number, raw: QuestionInputRaw): Promise<void> {
    const q = this.checked(raw);
    await this.tx.run(async (r) => {
      const before = await this.visible(r, actor, id);
      await this.assertSubject(r, actor, raw.subjectId, raw.grade);
      await this.assertLesson(r, raw.curriculumLessonId, raw.subjectId, raw.grade);
      await r.questions.update(id, {
        subjectId: raw.subjectId, grade: raw.grade, curriculumLessonId: raw.curriculumLessonId, level: q.level, stem: q.stem, points: q.points,
        searchText: searchTextOf(q.stem, q.content), ...q.content, at: this.now().toISOString(),
      });
      await r.audit.record(actor, 'question.updated', 'question', id, { type: q.content.type, level: q.level, usedBefore: before.firstUsedAt !== null });
    });
  }

  /** Deletes a question never used by a quiz; a used one is archived instead (kept as evidence). */
  async remove(actor: QuestionActor, id: number): Promise<'deleted' | 'archived'> {
    return this.tx.run(async (r) => {
      const q = await this.visible(r, actor, id);
      if (q.firstUsedAt) {
        if (!q.archivedAt) await r.questions.setArchived(id, this.now().toISOString());
        await r.audit.record(actor, 'question.archived', 'question', id, { reason: 'used_by_quiz' });
        return 'archived';
      }
      await r.questions.delete(id);
      await r.audit.record(actor, 'question.deleted', 'question', id, { subjectId: q.subjectId, grade: q.grade, type: q.type });
      return 'deleted';
    });
  }

  async setArchived(actor: QuestionActor, id: number, archived: boolean): Promise<void> {
    await this.tx.run(async (r) => {
      const q = await this.visible(r, actor, id);
      if (archived === (q.archivedAt !== null)) return;
      await r.questions.setArchived(id, archived ? this.now().toISOString() : null);
      await r.audit.record(actor, archived ? 'question.archived' : 'question.restored', 'question', id);
    });
  }

  /** Counts per lesson × level × type for the quiz matrix (ma trận đề) and the bank's overview. */
  async matrixCounts(who: QuestionViewer, subjectId: number, grade: number): Promise<{ lessons: { id: number; position: number; title: string; chapter: string | null }[]; counts: MatrixCount[] }> {
    return this.tx.read(async (r) => {
      await this.assertSubject(r, who, subjectId);
      const lessons = (await r.curriculum.list(subjectId, grade)).map((l) => ({ id: l.id, position: l.position, title: l.title, chapter: l.chapter }));
      return { lessons, counts: await r.questions.matrixCounts(subjectId, grade) };
    });
  }

  // ---- import and export ---------------------------------------------------------------------

  async importText(actor: QuestionActor, target: { subjectId: number; grade: number }, text: string, commit: boolean): Promise<ImportReport> {
    const parsed = parseQuestionText(text);
    return this.importDrafts(actor, target, parsed.drafts, parsed.errors, commit, 'text');
  }

  async importSheet(actor: QuestionActor, target: { subjectId: number; grade: number }, file: { data: Buffer; name: string }, commit: boolean): Promise<ImportReport> {
    // check the scope before reading the file: a stranger's upload is not even parsed
    await this.tx.read((r) => this.assertSubject(r, actor, target.subjectId, target.grade));
    const table = await this.sheets.readTable(file.data, file.name, { isHeaderRow: isQuestionHeaderRow, maxRows: MAX_IMPORT_ROWS });
    const { drafts, missingStemColumn } = draftsFromTable(table);
    if (missingStemColumn) throw new DomainError('QUESTION_IMPORT_MISSING_COLUMNS', { headers: table.headers.slice(0, 30) });
    return this.importDrafts(actor, target, drafts, drafts.length ? [] : [{ line: 1, code: 'NO_QUESTIONS' }], commit, 'spreadsheet', file.name);
  }

  /**
   * Resolves lessons, reports every question, and — when asked and nothing is rejected — writes
   * all of them in one transaction (all or nothing).
   */
  private async importDrafts(actor: QuestionActor, target: { subjectId: number; grade: number }, drafts: QuestionDraft[], general: DraftMessage[], commit: boolean, source: string, fileName?: string): Promise<ImportReport> {
    return this.tx.run(async (r) => {
      await this.assertSubject(r, actor, target.subjectId, target.grade);
      const lessons = await r.curriculum.list(target.subjectId, target.grade);
      const items: ImportReport['items'] = drafts.map((d, index) => {
        const errors = d.errors.map(message);
        let curriculumLessonId: number | null = null;
        if (d.lessonRef !== null) {
          curriculumLessonId = resolveLessonRef(lessons, d.lessonRef);
          if (curriculumLessonId === null) errors.push(message({ line: d.line, code: 'LESSON_NOT_FOUND' }));
        }
        return {
          index, label: d.label, line: d.line, ok: errors.length === 0 && d.content !== null, type: d.type, level: d.level,
          lessonRef: d.lessonRef ? lessonRefText(d.lessonRef) : null, curriculumLessonId, stem: d.stem.slice(0, 300), errors, warnings: d.warnings.map(message),
        };
      });
      if (general.length) {
        items.unshift({ index: -1, label: '', line: general[0]!.line, ok: false, type: null, level: null, lessonRef: null, curriculumLessonId: null, stem: '', errors: general.map(message), warnings: [] });
      }
      const accepted = items.filter((i) => i.ok).length;
      const rejected = items.length - accepted;
      const report: ImportReport = { committed: false, accepted, rejected, createdIds: [], items };
      if (!commit || rejected > 0 || accepted === 0) return report;
      const at = this.now().toISOString();
      for (const [i, d] of drafts.entries()) {
        const content = d.content!;
        const id = await r.questions.create({
          subjectId: target.subjectId, grade: target.grade, curriculumLessonId: items.find((x) => x.index === i)!.curriculumLessonId, level: d.level ?? 'nhan_biet',
          stem: d.stem, points: Math.round(d.points * 100) / 100, searchText: searchTextOf(d.stem, content), ...content, authorId: actor.personId, at,
        });
        report.createdIds.push(id);
      }
      await r.audit.record(actor, 'questions.imported', 'question', null, { source, fileName: fileName ?? null, subjectId: target.subjectId, grade: target.grade, count: accepted });
      return { ...report, committed: true };
    });
  }

  private async exportable(who: QuestionViewer, f: { subjectId: number; grade: number; curriculumLessonId?: number | undefined; level?: CognitiveLevel | undefined; type?: QuestionType | undefined }): Promise<{ questions: ExportableQuestion[]; subjectName: string }> {
    return this.tx.read(async (r) => {
      await this.assertSubject(r, who, f.subjectId);
      const subject = (await r.school.listSubjects()).find((s) => s.id === f.subjectId)!;
      const lessons = await r.curriculum.list(f.subjectId, f.grade);
      const positions = new Map(lessons.map((l) => [l.id, l.position]));
      const questions: Question[] = [];
      for (let offset = 0; ; offset += 500) {
        const page = await r.questions.list({
          subjectId: f.subjectId, grade: f.grade, limit: 500, offset,
          ...(f.curriculumLessonId !== undefined ? { curriculumLessonId: f.curriculumLessonId } : {}),
          ...(f.level ? { level: f.level } : {}), ...(f.type ? { type: f.type } : {}),
        });
        questions.push(...page.items);
        if (page.items.length < 500 || questions.length >= 10000) break;
      }
      // oldest first, lessons in teaching order: the order the teacher wrote them
      questions.sort((a, b) => (positions.get(a.curriculumLessonId ?? -1) ?? 1e9) - (positions.get(b.curriculumLessonId ?? -1) ?? 1e9) || a.id - b.id);
      return {
        subjectName: subject.name,
        questions: questions.map((q) => ({
          level: q.level, lessonRef: q.curriculumLessonId === null ? null : lessonRefFor(lessons, q.curriculumLessonId), stem: q.stem, points: q.points,
          content: { type: q.type, body: q.body } as QuestionContent,
        })),
      };
    });
  }

  async exportText(actor: QuestionActor, f: Parameters<QuestionService['exportable']>[1]): Promise<string> {
    const { questions, subjectName } = await this.exportable(actor, f);
    await this.tx.run((r) => r.audit.record(actor, 'questions.exported', 'question', null, { format: 'text', subjectId: f.subjectId, grade: f.grade, count: questions.length }));
    return `# Ngân hàng câu hỏi — ${subjectName} ${f.grade}\n# Định dạng: xem trang Nhập câu hỏi của Phonghoc.\n\n${formatQuestionText(questions)}`;
  }

  async exportSheet(actor: QuestionActor, f: Parameters<QuestionService['exportable']>[1]): Promise<Buffer> {
    const { questions, subjectName } = await this.exportable(actor, f);
    await this.tx.run((r) => r.audit.record(actor, 'questions.exported', 'question', null, { format: 'xlsx', subjectId: f.subjectId, grade: f.grade, count: questions.length }));
    return this.sheets.writeWorkbook([questionSheet(questions, `Ngân hàng câu hỏi — ${subjectName} ${f.grade}`)]);
  }
}
