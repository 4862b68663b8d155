import { DomainError, isDomainError } from '../shared/errors.js';
import type { Repos, Transactor } from '../repos.js';
import type { GradebookFeed } from '../gradebook/gradebook-feed.js';
import type { Role } from '../people/person.types.js';
import type {
  H5pActivity, H5pActivityInput, H5pActor, H5pContent, H5pFiles, H5pResult, ScorePolicy,
} from './h5p.types.js';
import {
  type LibraryJson, H5P_LIMITS, checkEntries, checkFileTypes, checkH5pJson, checkLibraryJson, checkRequiredFiles, libraryFolders, parseJson, planPackage,
} from './package-rules.js';
import { XAPI_LIMITS, checkStatement, gradebookScore, nextResult } from './xapi-rules.js';

const STAFF: readonly Role[] = ['principal', 'vice_principal', 'group_leader', 'teacher', 'it_staff'];
const MANAGERS: readonly Role[] = ['principal', 'vice_principal'];
const isStaff = (a: H5pActor) => a.roles.some((r) => STAFF.includes(r));
const isManager = (a: H5pActor) => a.roles.some((r) => MANAGERS.includes(r));
const isStudent = (a: H5pActor) => a.roles.includes('student');

export interface H5pServiceDeps {
  tx: Transactor;
  files: H5pFiles;
  /** The gradebook's entry point, once the gradebook module provides it. */
  gradebookFeed: () => GradebookFeed | undefined;
  /** Other ways a student may see a content (e.g. a published material embedding it). */
  extraAudience?: ((contentId: number, personId: number) => Promise<boolean>) | undefined;
  now?: () => Date;
  /** The xAPI actor's homePage (the box's address). */
  homePage?: string | undefined;
}

export interface PlayerInfo {
  content: H5pContent;
  paths: { h5pJsonPath: string; contentJsonPath: string; librariesPath: string };
  state: string | null;
  result: H5pResult | null;
  /** The person the statements are recorded for (shown as the xAPI actor's name). */
  user: { name: string };
}

/**
 * H5P interactive content (Art. 9.3): teachers upload .h5p packages (validated before anything is
 * written), assign them to classes with an optional gradebook column (Circular 22/2021 Art. 6);
 * students play them, their xAPI statements, saved state and results are recorded (Art. 5.3).
 */
export class H5pService {
  private readonly now: () => Date;
  /** Library installs are serialized: two uploads never replace the same folder at once. */
  private installing: Promise<unknown> = Promise.resolve();

  private readonly d: H5pServiceDeps;

  constructor(deps: H5pServiceDeps) {
    this.d = { ...deps };
    this.now = deps.now ?? (() => new Date());
  }

  /**
   * Another way a student may see a content, added by the module that embeds it (e.g. materials:
   * a lesson page published for the student's class embeds `<ph-h5p-player content-id>`).
   */
  addAudience(fn: (contentId: number, personId: number) => Promise<boolean>): void {
    const before = this.d.extraAudience;
    this.d.extraAudience = before ? async (c, p) => (await before(c, p)) || fn(c, p) : fn;
  }

  // ── Packages ────────────────────────────────────────────────────────────────────────────────

  /** Validates the whole package, then stages, moves into place and records it in one go. */
  async upload(actor: H5pActor, file: { data: Buffer; name: string }, meta: { subjectId?: number | null; curriculumLessonId?: number | null } = {}): Promise<{ id: number; installed: string[]; kept: string[] }> {
    if (!isStaff(actor)) throw new DomainError('FORBIDDEN', { action: 'h5p.manage' });
    if (file.data.length > H5P_LIMITS.packageBytes) throw new DomainError('H5P_PACKAGE_TOO_LARGE', { limit: H5P_LIMITS.packageBytes });
    if (!/\.h5p$/i.test(file.name)) throw new DomainError('H5P_NOT_A_PACKAGE', { name: file.name });
    const pkg = await this.d.files.open(file.data);
    checkEntries(pkg.entries);
    checkRequiredFiles(pkg.entries);
    checkFileTypes(pkg.entries, await this.d.files.allowlist());
    const h5p = checkH5pJson(parseJson(await pkg.text('h5p.json', H5P_LIMITS.metadataBytes), 'h5p.json'));
    parseJson(await pkg.text('content/content.json', H5P_LIMITS.contentJsonBytes), 'content/content.json');
    const libs: LibraryJson[] = [];
    for (const folder of libraryFolders(pkg.entries)) {
      libs.push(checkLibraryJson(folder, parseJson(await pkg.text(`${folder}/library.json`, H5P_LIMITS.metadataBytes), `${folder}/library.json`)));
    }
    if (meta.subjectId || meta.curriculumLessonId) await this.d.tx.read((r) => this.checkSubjectLesson(r, meta.subjectId ?? null, meta.curriculumLessonId ?? null));

    const job = this.installing.then(async () => {
      // The installed versions are read inside the serialized section, so the plan is current.
      const installed = await this.d.tx.read((r) => r.h5p.installedLibraries());
      const plan = planPackage(h5p, libs, installed, pkg.entries);
      const staged = await this.d.files.stage(pkg, plan);
      try {
        const id = await this.d.tx.run(async (r) => {
          const at = this.now().toISOString();
          for (const l of plan.install) await r.h5p.upsertLibrary(l, at);
          const id = await r.h5p.createContent({
            title: plan.title, mainLibrary: plan.mainLibrary, language: plan.language, libraries: plan.usedLibraries,
            fileName: file.name.slice(0, 255), sizeBytes: file.data.length, subjectId: meta.subjectId ?? null,
            curriculumLessonId: meta.curriculumLessonId ?? null, uploadedById: actor.personId, createdAt: at,
          });
          await r.audit.record(actor, 'h5p.uploaded', 'h5p_content', id, {
            title: plan.title, mainLibrary: plan.mainLibrary, fileName: file.name, installed: plan.install.map((l) => `${l.folder}.${l.patchVersion}`), kept: plan.keep,
          });
          // Files last: a failure here rolls the transaction back, and `rollback` undoes the moves.
          await staged.commit(id);
          return id;
        });
        // Committed: only the staging folder and the backups remain to be removed.
        await staged.finish().catch(() => undefined);
        return { id, installed: plan.install.map((l) => `${l.machineName} ${l.majorVersion}.${l.minorVersion}.${l.patchVersion}`), kept: plan.keep };
      } catch (err) {
        await staged.rollback();
        throw err;
      }
    });
    this.installing = job.catch(() => undefined);
    return job;
  }

  async libraries() {
    return this.d.tx.read((r) => r.h5p.installedLibraries());
  }

  // ── Contents and access ────────────────────────────────────────────────────────────────────

  /** Staff see every content of the school; students the ones assigned to their class (or embedded for them). */
  async list(actor: H5pActor): Promise<H5pContent[]> {
    return this.d.tx.read(async (r) => {
      if (isStaff(actor)) return r.h5p.listContents({});
      if (!isStudent(actor)) return [];
      const ids = await r.h5p.contentIdsForStudent(actor.personId);
      return ids.length ? r.h5p.listContents({ ids }) : [];
    });
  }

  /** The content if the actor may see it; NOT_FOUND otherwise (no hint that it exists). */
  async visibleContent(actor: H5pActor, id: number): Promise<H5pContent> {
    const c = await this.d.tx.read(async (r) => {
      const content = await r.h5p.getContent(id);
      if (!content || content.deletedAt) return undefined;
      if (isStaff(actor)) return content;
      if (isStudent(actor)) {
        if ((await r.h5p.contentIdsForStudent(actor.personId)).includes(id)) return content;
        if (this.d.extraAudience && (await this.d.extraAudience(id, actor.personId))) return content;
      }
      return undefined;
    });
    if (!c) throw new DomainError('NOT_FOUND', { contentId: id });
    return c;
  }

  async player(actor: H5pActor, id: number): Promise<PlayerInfo> {
    const content = await this.visibleContent(actor, id);
    const { state, result } = await this.d.tx.read(async (r) => ({
      state: (await r.h5p.getState(id, actor.personId, 'state', '0'))?.data ?? null,
      result: await r.h5p.latestResult(id, actor.personId),
    }));
    const base = `/api/h5p/contents/${id}/files`;
    return { content, paths: { h5pJsonPath: base, contentJsonPath: base, librariesPath: '/api/h5p/libraries' }, state, result, user: { name: actor.fullName ?? actor.login ?? '' } };
  }

  /** Soft delete by the uploader or a manager; refused while the content is assigned to a class. */
  async remove(actor: H5pActor, id: number): Promise<void> {
    await this.d.tx.run(async (r) => {
      const c = await r.h5p.getContent(id);
      if (!c || c.deletedAt) throw new DomainError('NOT_FOUND', { contentId: id });
      if (c.uploadedById !== actor.personId && !isManager(actor)) throw new DomainError('FORBIDDEN', { contentId: id });
      const active = await r.h5p.listActivities({ contentId: id });
      if (active.length) throw new DomainError('H5P_CONTENT_IN_USE', { activities: active.map((a) => a.id) });
      await r.h5p.softDeleteContent(id, this.now().toISOString());
      await r.audit.record(actor, 'h5p.deleted', 'h5p_content', id, { title: c.title });
    });
  }

  // ── Saved state (resume) ───────────────────────────────────────────────────────────────────

  async saveState(actor: H5pActor, id: number, data: string | null): Promise<void> {
    await this.visibleContent(actor, id);
    if (data !== null && Buffer.byteLength(data) > XAPI_LIMITS.stateBytes) throw new DomainError('H5P_STATE_TOO_LARGE', { limit: XAPI_LIMITS.stateBytes });
    if (data !== null) {
      try {
        JSON.parse(data);
      } catch {
        throw new DomainError('VALIDATION_FAILED', { field: 'data', reason: 'not JSON' });
      }
    }
    await this.d.tx.run(async (r) => {
      if (data === null) await r.h5p.deleteState(id, actor.personId, 'state', '0');
      else await r.h5p.saveState(id, actor.personId, 'state', '0', data, this.now().toISOString());
    });
  }

  async state(actor: H5pActor, id: number): Promise<{ data: string | null; updatedAt: string | null }> {
    await this.visibleContent(actor, id);
    const s = await this.d.tx.read((r) => r.h5p.getState(id, actor.personId, 'state', '0'));
    return { data: s?.data ?? null, updatedAt: s?.updatedAt ?? null };
  }

  // ── xAPI and results ───────────────────────────────────────────────────────────────────────

  /**
   * Records one statement for the session's person. For a student, a top-level scored complete
   * statement updates the latest/best result, and activities with a gradebook column send the
   * chosen score (best or last attempt) × 10 to the gradebook.
   */
  async recordStatement(actor: H5pActor, id: number, raw: unknown): Promise<{ recorded: true; verb: string; result: H5pResult | null; gradebook: { activityId: number; score: number; ok: boolean; error?: string }[] }> {
    const content = await this.visibleContent(actor, id);
    const checked = checkStatement(raw, { name: actor.fullName ?? actor.login ?? String(actor.personId), login: actor.login ?? String(actor.personId), homePage: this.d.homePage ?? 'https://phonghoc.local' });
    const at = this.now().toISOString();
    const { result, activities } = await this.d.tx.run(async (r) => {
      const previous = await r.h5p.lastStatement(id, actor.personId);
      await r.h5p.addStatement({
        contentId: id, personId: actor.personId, verb: checked.verb, scoreRaw: checked.score?.raw ?? null, scoreMax: checked.score?.max ?? null,
        completed: checked.completed, statement: JSON.stringify(checked.statement), createdAt: at,
      });
      if (!isStudent(actor)) return { result: null, activities: [] as H5pActivity[] };
      const prev = await r.h5p.latestResult(id, actor.personId);
      const next = nextResult(prev, checked, { contentId: id, studentId: actor.personId, at, previous: previous });
      if (!next) return { result: null, activities: [] as H5pActivity[] };
      await r.h5p.saveResult(next);
      return { result: next, activities: (await r.h5p.activitiesForStudent(id, actor.personId)).filter((a) => a.gradebook) };
    });

    // The gradebook in its own transaction: a locked semester must not lose the student's statement.
    const gradebook: { activityId: number; score: number; ok: boolean; error?: string }[] = [];
    const feed = this.d.gradebookFeed();
    if (result && feed) {
      for (const a of activities) {
        const score = gradebookScore(result, a.scorePolicy);
        try {
          await this.d.tx.run(async (r) => {
            await feed.record(r, { studentId: actor.personId, subjectId: a.subjectId, target: a.gradebook!, score, source: { kind: 'h5p', id: a.id }, recordedById: null });
            await r.audit.record(actor, 'h5p.gradebook_recorded', 'h5p_activity', a.id, { contentId: content.id, score });
          });
          gradebook.push({ activityId: a.id, score, ok: true });
        } catch (err) {
          if (!isDomainError(err)) throw err;
          await this.d.tx.run((r) => r.audit.record(actor, 'h5p.gradebook_refused', 'h5p_activity', a.id, { contentId: content.id, score, code: err.code }));
          gradebook.push({ activityId: a.id, score, ok: false, error: err.code });
        }
      }
    }
    return { recorded: true, verb: checked.verb, result, gradebook };
  }

  /** For other modules (tasks, progress): a student's latest and best result. */
  async latestResult(contentId: number, studentId: number): Promise<H5pResult | null> {
    return this.d.tx.read((r) => r.h5p.latestResult(contentId, studentId));
  }

  /** A content's results: staff only; a teacher (not a manager) sees the students of the classes they teach. */
  async results(actor: H5pActor, id: number): Promise<{ studentId: number; fullName: string; className: string; result: H5pResult | null }[]> {
    await this.visibleContent(actor, id);
    if (!isStaff(actor)) throw new DomainError('FORBIDDEN', { contentId: id });
    return this.d.tx.read(async (r) => {
      let activities = await r.h5p.listActivities({ contentId: id });
      if (!isManager(actor)) {
        const mine = new Set(await r.h5p.teacherClassIds(actor.personId));
        activities = activities.filter((a) => mine.has(a.classId) || a.createdById === actor.personId);
      }
      const rows: { studentId: number; fullName: string; className: string; result: H5pResult | null }[] = [];
      const seen = new Set<number>();
      for (const a of activities) {
        const students = await r.h5p.classStudents(a.classId);
        const results = new Map((await r.h5p.resultsForContent(id, students.map((s) => s.id))).map((x) => [x.studentId, x]));
        for (const s of students) {
          if (seen.has(s.id)) continue;
          seen.add(s.id);
          rows.push({ studentId: s.id, fullName: s.fullName, className: a.className, result: results.get(s.id) ?? null });
        }
      }
      return rows;
    });
  }

  // ── Activities (assignments to a class) ────────────────────────────────────────────────────

  async assign(actor: H5pActor, input: H5pActivityInput): Promise<number> {
    if (!isStaff(actor)) throw new DomainError('FORBIDDEN', { action: 'h5p.manage' });
    if (input.dueOn && !/^\d{4}-\d{2}-\d{2}$/.test(input.dueOn)) throw new DomainError('VALIDATION_FAILED', { field: 'dueOn' });
    if (input.gradebook?.column.kind === 'regular' && !(input.gradebook.column.slot >= 1)) throw new DomainError('VALIDATION_FAILED', { field: 'gradebook.column.slot' });
    return this.d.tx.run(async (r) => {
      const content = await r.h5p.getContent(input.contentId);
      if (!content || content.deletedAt) throw new DomainError('NOT_FOUND', { contentId: input.contentId });
      const cls = await r.school.getClass(input.classId);
      if (!cls) throw new DomainError('NOT_FOUND', { classId: input.classId });
      await this.checkSubjectLesson(r, input.subjectId, input.curriculumLessonId);
      // A teacher assigns only in a class × subject they teach (Art. 15.1.g); managers anywhere.
      if (!isManager(actor) && !(await r.h5p.teaches(actor.personId, input.classId, input.subjectId))) {
        throw new DomainError('H5P_NOT_TEACHING', { classId: input.classId, subjectId: input.subjectId });
      }
      if (input.gradebook) {
        const year = await r.school.getYear(cls.schoolYearId);
        const semester = year?.semesters.find((s) => s.id === input.gradebook!.semesterId);
        if (!semester) throw new DomainError('VALIDATION_FAILED', { field: 'gradebook.semesterId', reason: 'not a semester of the class\'s school year' });
      }
      const id = await r.h5p.createActivity({ ...input, createdById: actor.personId, createdAt: this.now().toISOString() });
      await r.audit.record(actor, 'h5p.assigned', 'h5p_activity', id, { contentId: input.contentId, classId: input.classId, subjectId: input.subjectId, dueOn: input.dueOn, gradebook: input.gradebook, scorePolicy: input.scorePolicy });
      return id;
    });
  }

  async unassign(actor: H5pActor, activityId: number): Promise<void> {
    await this.d.tx.run(async (r) => {
      const a = await r.h5p.getActivity(activityId);
      if (!a || a.removedAt) throw new DomainError('NOT_FOUND', { activityId });
      if (a.createdById !== actor.personId && !isManager(actor)) throw new DomainError('FORBIDDEN', { activityId });
      await r.h5p.removeActivity(activityId, this.now().toISOString());
      await r.audit.record(actor, 'h5p.unassigned', 'h5p_activity', activityId, { contentId: a.contentId, classId: a.classId });
    });
  }

  /**
   * Activities the actor sees: a student those of their classes (with their own result), a
   * teacher those of the classes they teach or created, managers all.
   */
  async activities(actor: H5pActor, filter: { contentId?: number } = {}): Promise<(H5pActivity & { myResult: H5pResult | null })[]> {
    return this.d.tx.read(async (r) => {
      let list: H5pActivity[];
      if (isManager(actor)) list = await r.h5p.listActivities(filter);
      else if (isStaff(actor)) {
        const classIds = await r.h5p.teacherClassIds(actor.personId);
        const all = await r.h5p.listActivities(filter);
        list = all.filter((a) => classIds.includes(a.classId) || a.createdById === actor.personId);
      } else if (isStudent(actor)) {
        const ids = await r.h5p.contentIdsForStudent(actor.personId);
        const mine: H5pActivity[] = [];
        for (const cid of ids) if (!filter.contentId || filter.contentId === cid) mine.push(...(await r.h5p.activitiesForStudent(cid, actor.personId)));
        list = mine.sort((a, b) => b.id - a.id);
      } else list = [];
      const out: (H5pActivity & { myResult: H5pResult | null })[] = [];
      for (const a of list) out.push({ ...a, myResult: isStudent(actor) ? await r.h5p.latestResult(a.contentId, actor.personId) : null });
      return out;
    });
  }

  private async checkSubjectLesson(r: Repos, subjectId: number | null, lessonId: number | null): Promise<void> {
    if (subjectId && !(await r.school.getSubject(subjectId))) throw new DomainError('NOT_FOUND', { subjectId });
    if (lessonId) {
      const lesson = await r.h5p.lessonSubject(lessonId);
      if (!lesson) throw new DomainError('NOT_FOUND', { curriculumLessonId: lessonId });
      if (subjectId && lesson.subjectId !== subjectId) throw new DomainError('VALIDATION_FAILED', { field: 'curriculumLessonId', reason: 'lesson of another subject' });
    }
  }
}

export type { ScorePolicy };
