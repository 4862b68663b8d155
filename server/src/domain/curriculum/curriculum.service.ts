import { DomainError } from '../shared/errors.js';
import type { Actor } from '../accounts/account.types.js';
import type { Role } from '../people/person.types.js';
import type { Repos, Transactor } from '../repos.js';
import {
  CURRICULUM_COLUMNS, groupAccepted, isCurriculumHeaderRow, joinOutcomes, parseCurriculumTable, planReplace,
  type CurriculumParse, type CurriculumTableInput, type ImportSubject,
} from './curriculum-import.js';
import { checkFields, cleanFields, reorder } from './curriculum-rules.js';
import type { CurriculumLesson, LessonFields, LessonLinks } from './curriculum.types.js';
import type { WriteWorkbook } from '../shared/documents.js';

/** Who is asking: enough of the signed-in person for the scope rules. */
export interface CurriculumViewer {
  personId: number;
  roles: readonly Role[];
}
export type CurriculumActor = Actor & CurriculumViewer;

/** A subject as the curriculum pages see it: its grades and whether the viewer may change its programme. */
export interface CurriculumSubject extends ImportSubject {
  canManage: boolean;
}

export type ImportAction = 'replace' | 'append';

export interface ImportGroup {
  subjectId: number;
  subjectName: string;
  grade: number;
  /** Lessons of the subject × grade before the import. */
  existing: number;
  created: number;
  updated: number;
  removed: number;
  /** Lessons the file would remove but something links to: the import is refused while any remain. */
  blocked: { id: number; title: string; links: LessonLinks }[];
}

export type CurriculumImportResult = CurriculumParse & {
  action: ImportAction;
  groups: ImportGroup[];
  committed: boolean;
};

/** The spreadsheet I/O the curriculum needs, implemented in data/spreadsheet.ts (as for the roster). */
export interface CurriculumSheetsPort {
  readTable(data: Buffer, fileName: string, opts: { isHeaderRow: (cells: string[]) => boolean; maxRows?: number }): Promise<CurriculumTableInput>;
  writeWorkbook: WriteWorkbook;
}

/** Largest curriculum file: a whole school's programme is a few thousand rows. */
export const MAX_CURRICULUM_ROWS = 3000;

const MANAGERS: readonly Role[] = ['principal', 'vice_principal'];

/**
 * The curriculum (Art. 4.1): lessons/topics of each subject × grade in teaching order, with their
 * required outcomes. Everyone signed in reads it; the principal and vice-principals change any
 * subject's, a group leader or teacher only the subjects of their own subject group (Art. 15.1.d).
 * Every change is one transaction and is written to the audit log.
 */
export class CurriculumService {
  constructor(
    private readonly tx: Transactor,
    private readonly sheets: CurriculumSheetsPort,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** The school's subjects with the grades they are taught in, and what the viewer may change. */
  async subjects(viewer: CurriculumViewer): Promise<CurriculumSubject[]> {
    return this.tx.read(async (r) => {
      const scope = await manageableSubjects(r, viewer);
      return (await importSubjects(r)).map((s) => ({ ...s, canManage: scope === 'all' || scope.has(s.id) }));
    });
  }

  async list(subjectId: number, grade: number): Promise<CurriculumLesson[]> {
    return this.tx.read(async (r) => {
      await subjectGrade(r, subjectId, grade);
      return r.curriculum.list(subjectId, grade);
    });
  }

  async get(id: number): Promise<CurriculumLesson> {
    const lesson = await this.tx.read((r) => r.curriculum.get(id));
    if (!lesson) throw new DomainError('NOT_FOUND', { curriculumLessonId: id });
    return lesson;
  }

  /** Adds a lesson at the end of its subject × grade, or at `position` (the others move down). */
  async create(actor: CurriculumActor, input: LessonFields & { subjectId: number; grade: number; position?: number | undefined }): Promise<number> {
    const fields = cleanFields(input);
    checkFields(fields);
    return this.tx.run(async (r) => {
      await subjectGrade(r, input.subjectId, input.grade);
      await assertCanManage(r, actor, input.subjectId);
      const at = this.stamp();
      const id = await r.curriculum.append(input.subjectId, input.grade, fields, at);
      if (input.position !== undefined) {
        const ids = (await r.curriculum.list(input.subjectId, input.grade)).map((l) => l.id);
        await r.curriculum.renumber(input.subjectId, input.grade, reorder(ids, id, input.position), at);
      }
      await r.audit.record(actor, 'curriculum_lesson.created', 'curriculum_lesson', id, { subjectId: input.subjectId, grade: input.grade, title: fields.title });
      return id;
    });
  }

  async update(actor: CurriculumActor, id: number, input: LessonFields): Promise<void> {
    const fields = cleanFields(input);
    checkFields(fields);
    await this.tx.run(async (r) => {
      const lesson = await existing(r, id);
      await assertCanManage(r, actor, lesson.subjectId);
      await r.curriculum.update(id, fields, this.stamp());
      await r.audit.record(actor, 'curriculum_lesson.updated', 'curriculum_lesson', id, { before: { chapter: lesson.chapter, title: lesson.title, periods: lesson.periods }, after: { chapter: fields.chapter, title: fields.title, periods: fields.periods } });
    });
  }

  /** Moves a lesson one place up or down, or to a position; the list stays numbered 1..n. */
  async move(actor: CurriculumActor, id: number, to: { direction?: 'up' | 'down' | undefined; position?: number | undefined }): Promise<CurriculumLesson[]> {
    if ((to.direction === undefined) === (to.position === undefined)) throw new DomainError('VALIDATION_FAILED', { field: 'direction', reason: 'give direction or position' });
    return this.tx.run(async (r) => {
      const lesson = await existing(r, id);
      await assertCanManage(r, actor, lesson.subjectId);
      const ids = (await r.curriculum.list(lesson.subjectId, lesson.grade)).map((l) => l.id);
      const target = to.position ?? (to.direction === 'up' ? lesson.position - 1 : lesson.position + 1);
      const order = reorder(ids, id, target);
      await r.curriculum.renumber(lesson.subjectId, lesson.grade, order, this.stamp());
      const position = order.indexOf(id) + 1;
      if (position !== lesson.position) await r.audit.record(actor, 'curriculum_lesson.moved', 'curriculum_lesson', id, { from: lesson.position, to: position });
      return r.curriculum.list(lesson.subjectId, lesson.grade);
    });
  }

  /** Deletes a lesson nothing links to; the lessons after it move up one place. */
  async remove(actor: CurriculumActor, id: number): Promise<void> {
    await this.tx.run(async (r) => {
      const lesson = await existing(r, id);
      await assertCanManage(r, actor, lesson.subjectId);
      const links = (await r.curriculum.links([id])).get(id);
      if (links) throw new DomainError('CURRICULUM_LESSON_LINKED', { curriculumLessonId: id, links });
      await r.curriculum.delete(id);
      const rest = (await r.curriculum.list(lesson.subjectId, lesson.grade)).map((l) => l.id);
      await r.curriculum.renumber(lesson.subjectId, lesson.grade, rest, this.stamp());
      await r.audit.record(actor, 'curriculum_lesson.deleted', 'curriculum_lesson', id, { subjectId: lesson.subjectId, grade: lesson.grade, position: lesson.position, title: lesson.title });
    });
  }

  /**
   * Imports a spreadsheet. `preview` validates only; `commit` writes when every row is valid and no
   * linked lesson would be removed, else nothing. `replace` makes each subject × grade in the file
   * exactly the file's lessons (same chapter + title keep their id and links); `append` adds them
   * after the existing ones.
   */
  async import(
    actor: CurriculumActor, file: { data: Buffer; name: string },
    opts: { mode: 'preview' | 'commit'; action: ImportAction; subjectId?: number | undefined; grade?: number | undefined },
  ): Promise<CurriculumImportResult> {
    const table = await this.sheets.readTable(file.data, file.name, { isHeaderRow: isCurriculumHeaderRow, maxRows: MAX_CURRICULUM_ROWS });
    const work = async (r: Repos, write: boolean): Promise<CurriculumImportResult> => {
      if (opts.subjectId !== undefined) await subjectGrade(r, opts.subjectId, opts.grade);
      const subjects = await importSubjects(r);
      const parse = parseCurriculumTable(table, {
        subjects, manageable: await manageableSubjects(r, actor),
        ...(opts.subjectId !== undefined ? { defaultSubjectId: opts.subjectId } : {}),
        ...(opts.grade !== undefined ? { defaultGrade: opts.grade } : {}),
      });
      if (parse.missingColumns.length) throw new DomainError('CURRICULUM_MISSING_COLUMNS', { missing: parse.missingColumns });
      if (parse.accepted + parse.rejected === 0) throw new DomainError('CURRICULUM_EMPTY');
      const groups: ImportGroup[] = [];
      const commit = write && parse.rejected === 0;
      const at = this.stamp();
      for (const g of groupAccepted(parse.rows)) {
        const current = await r.curriculum.list(g.subjectId, g.grade);
        const fields = g.rows.map((row) => row.lesson as LessonFields);
        const group: ImportGroup = { subjectId: g.subjectId, subjectName: subjects.find((s) => s.id === g.subjectId)?.name ?? '', grade: g.grade, existing: current.length, created: 0, updated: 0, removed: 0, blocked: [] };
        groups.push(group);
        if (opts.action === 'append') {
          group.created = fields.length;
          if (commit) for (const f of fields) await r.curriculum.append(g.subjectId, g.grade, f, at);
          continue;
        }
        const plan = planReplace(current, fields);
        const links = await r.curriculum.links(plan.leftOver.map((l) => l.id));
        group.blocked = plan.leftOver.filter((l) => links.has(l.id)).map((l) => ({ id: l.id, title: l.title, links: links.get(l.id) as LessonLinks }));
        group.updated = plan.matches.filter(Boolean).length;
        group.created = fields.length - group.updated;
        group.removed = plan.leftOver.length;
        if (!commit || group.blocked.length) continue;
        for (const l of plan.leftOver) await r.curriculum.delete(l.id);
        const order: number[] = [];
        for (const [i, f] of fields.entries()) {
          const match = plan.matches[i];
          if (match) {
            await r.curriculum.update(match.id, f, at);
            order.push(match.id);
          } else order.push(await r.curriculum.append(g.subjectId, g.grade, f, at));
        }
        await r.curriculum.renumber(g.subjectId, g.grade, order, at);
      }
      const blocked = groups.some((g) => g.blocked.length > 0);
      if (commit && blocked) throw new BlockedImport({ ...parse, action: opts.action, groups, committed: false });
      const result = { ...parse, action: opts.action, groups, committed: commit };
      if (commit) await r.audit.record(actor, 'curriculum.imported', 'curriculum', null, { fileName: file.name, action: opts.action, accepted: parse.accepted, groups: groups.map(({ blocked: _b, ...g }) => g) });
      return result;
    };
    if (opts.mode === 'preview') return this.tx.read((r) => work(r, false));
    try {
      return await this.tx.run((r) => work(r, true));
    } catch (err) {
      // A replace that would remove linked lessons rolls back and reports them instead.
      if (err instanceof BlockedImport) return err.result;
      throw err;
    }
  }

  /** The lessons in the import layout (.xlsx), so an exported file imports back unchanged. */
  async export(filter: { subjectId?: number | undefined; grade?: number | undefined }): Promise<{ fileName: string; data: Buffer }> {
    const { lessons, subject } = await this.tx.read(async (r) => {
      const subject = filter.subjectId !== undefined ? await r.school.getSubject(filter.subjectId) : undefined;
      if (filter.subjectId !== undefined && !subject) throw new DomainError('NOT_FOUND', { subjectId: filter.subjectId });
      const lessons = await r.curriculum.listMany({ ...(filter.subjectId !== undefined ? { subjectIds: [filter.subjectId] } : {}), ...(filter.grade !== undefined ? { grade: filter.grade } : {}) });
      return { lessons, subject };
    });
    const title = ['Chương trình môn học', subject?.name, filter.grade !== undefined ? `Khối ${filter.grade}` : undefined].filter(Boolean).join(' – ');
    const data = await this.sheets.writeWorkbook([{
      name: 'Chương trình',
      title,
      columns: CURRICULUM_COLUMNS.map((c) => ({ header: c.header, key: c.field, width: c.width, ...(c.field === 'grade' || c.field === 'position' || c.field === 'periods' ? { type: 'number' as const } : {}) })),
      rows: lessons.map((l) => ({ subject: l.subjectName, grade: l.grade, position: l.position, chapter: l.chapter, title: l.title, periods: l.periods, outcomes: joinOutcomes(l.outcomes) })),
    }]);
    const slug = subject ? `-${subject.code.toLowerCase().replace(/[^a-z0-9]+/g, '-')}` : '';
    return { fileName: `chuong-trinh${slug}${filter.grade !== undefined ? `-khoi-${filter.grade}` : ''}.xlsx`, data };
  }

  private stamp(): string {
    return this.now().toISOString();
  }
}

class BlockedImport extends Error {
  constructor(readonly result: CurriculumImportResult) {
    super('curriculum import blocked by linked lessons');
  }
}

async function importSubjects(r: Repos): Promise<ImportSubject[]> {
  return (await r.school.listSubjects()).map((s) => ({
    id: s.id, code: s.code, name: s.name,
    grades: Object.keys(s.periods).map(Number).sort((a, b) => a - b),
  }));
}

/** The subject must exist (404) and, when a grade is given, be taught in it (subject_grades). */
async function subjectGrade(r: Repos, subjectId: number, grade: number | undefined): Promise<void> {
  const subject = await r.school.getSubject(subjectId);
  if (!subject) throw new DomainError('NOT_FOUND', { subjectId });
  if (grade !== undefined && !(grade in subject.periods)) {
    throw new DomainError('CURRICULUM_GRADE_NOT_TAUGHT', { subjectId, grade, grades: Object.keys(subject.periods).map(Number) });
  }
}

async function existing(r: Repos, id: number): Promise<CurriculumLesson> {
  const lesson = await r.curriculum.get(id);
  if (!lesson) throw new DomainError('NOT_FOUND', { curriculumLessonId: id });
  return lesson;
}

/**
 * The subjects whose programme a person may change (Art. 15.1.d): every subject for the principal
 * and vice-principals; for a group leader or teacher the subjects of the subject groups they lead
 * or belong to.
 */
export async function manageableSubjects(r: Repos, who: CurriculumViewer): Promise<Set<number> | 'all'> {
  if (who.roles.some((role) => MANAGERS.includes(role))) return 'all';
  if (!who.roles.includes('teacher') && !who.roles.includes('group_leader')) return new Set();
  const groups = new Set((await r.school.listGroups()).filter((g) => g.leaderId === who.personId || g.memberIds.includes(who.personId)).map((g) => g.id));
  return new Set((await r.school.listSubjects()).filter((s) => s.subjectGroupId !== null && groups.has(s.subjectGroupId)).map((s) => s.id));
}

async function assertCanManage(r: Repos, who: CurriculumViewer, subjectId: number): Promise<void> {
  const scope = await manageableSubjects(r, who);
  if (scope !== 'all' && !scope.has(subjectId)) throw new DomainError('CURRICULUM_NOT_YOUR_SUBJECT', { subjectId });
}
