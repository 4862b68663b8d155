import { DomainError } from '../shared/errors.js';
import { foldVietnamese } from '../shared/vietnamese.js';
import type { Repos, Transactor } from '../repos.js';
import { checkContainerEntries, classifyFile, cleanFileName, DEFAULT_SIZE_LIMITS, HEAD_BYTES } from './material-file-types.js';
import { OPEN, isEditable, mayAct, nextStatus, type WorkflowAction } from './material-workflow.js';
import { PAGE_MAX_CHARS, pageFileIds, pageH5pIds, pageText, sanitizeLessonPage } from './lesson-page.js';
import type {
  ContentType, FileCategory, LibraryFilter, Material, MaterialActor, MaterialFile, MaterialFileStore, MaterialKind,
  MaterialMeta, MaterialSummary, MaterialVersion, ReceivedFile, ReviewStep, VersionStatus,
} from './material.types.js';

export interface MaterialInput extends MaterialMeta {
  subjectId: number;
  grade: number;
  kind: MaterialKind;
  contentType: ContentType;
  pageHtml?: string | null;
}

export type VersionInput = MaterialMeta & { pageHtml?: string | null; fileId?: number | null };

export type LibraryView = 'published' | 'mine' | 'all';

export interface MaterialDetail {
  material: Material;
  /** Versions this person may see, newest first. */
  versions: MaterialVersion[];
  /** The workflow's steps (staff only; students and parents get an empty list). */
  history: ReviewStep[];
  /** The material's uploaded files: its author's choices for a version's file or a page's media. */
  files: MaterialFile[];
  /** What this person may do now. */
  can: { edit: boolean; newVersion: boolean; submit: boolean; pass: boolean; approve: boolean; return: boolean };
}

const MANAGERS = ['principal', 'vice_principal'] as const;
const AUTHORS = ['teacher', 'group_leader', 'principal', 'vice_principal'] as const;

/**
 * Learning materials (Art. 7.1), their versions and approval (Art. 7.3) and the teachers' lesson
 * pages (Art. 9.3). Who sees what:
 * - students see published versions of materials of their classes' grades; parents those of
 *   their children's grades;
 * - teachers see their own materials (every version) and every published material;
 * - a group leader also sees the versions of the group's subjects once submitted;
 * - the principal and vice principals see everything (only the principal approves).
 */
export class MaterialService {
  private readonly limits: Record<FileCategory, number>;

  constructor(
    private readonly tx: Transactor,
    private readonly files: MaterialFileStore,
    opts: { sizeLimits?: Partial<Record<FileCategory, number>>; now?: () => Date } = {},
  ) {
    this.limits = { ...DEFAULT_SIZE_LIMITS, ...opts.sizeLimits };
    this.now = opts.now ?? (() => new Date());
  }

  private readonly now: () => Date;

  /** The largest file any category accepts: the multipart limit of an upload route. */
  get maxUploadBytes(): number {
    return Math.max(...Object.values(this.limits));
  }

  get sizeLimits(): Readonly<Record<FileCategory, number>> {
    return this.limits;
  }

  // -------------------------------------------------------------------------------------------
  // Reading

  async library(actor: MaterialActor, view: LibraryView, raw: LibraryFilter): Promise<MaterialSummary[]> {
    const filter: LibraryFilter = { ...raw, ...(raw.q ? { q: foldVietnamese(raw.q) } : {}) };
    return this.tx.read(async (r) => {
      const grades = await this.learnerGrades(r, actor);
      if (grades) {
        // Art. 7.3: students and parents only ever see published versions, of their grades.
        if (filter.grade !== undefined && !grades.includes(filter.grade)) return [];
        return r.materials.published({ ...filter, grades });
      }
      if (view === 'mine') return r.materials.ownLatest(actor.personId, filter);
      if (view === 'all') {
        if (!isManager(actor)) throw new DomainError('FORBIDDEN', { view });
        return r.materials.allLatest(filter);
      }
      return r.materials.published(filter);
    });
  }

  /** Choices for the library's filters: subjects with published materials, the grades one may pick. */
  async filters(actor: MaterialActor): Promise<{ subjects: { id: number; name: string }[]; grades: number[] }> {
    return this.tx.read(async (r) => {
      const grades = await this.learnerGrades(r, actor);
      const subjects = await r.materials.subjectsWithPublished(grades);
      return { subjects, grades: grades ?? await r.materials.schoolGrades() };
    });
  }

  async detail(actor: MaterialActor, id: number): Promise<MaterialDetail> {
    return this.tx.read(async (r) => {
      const material = await this.visibleMaterial(r, actor, id);
      const all = await r.materials.versions(id);
      const versions = await this.visibleVersions(r, actor, material, all);
      if (!versions.length) throw new DomainError('NOT_FOUND', { materialId: id });
      const learner = isLearner(actor);
      const history = learner ? [] : (await r.materials.history(id)).filter((h) => versions.some((v) => v.id === h.versionId));
      const open = all.find((v) => OPEN.includes(v.status));
      const isOwner = material.ownerId === actor.personId;
      const ctx = { isOwner, isGroupLeader: material.groupLeaderId === actor.personId, isPrincipal: actor.roles.includes('principal'), groupHasLeader: material.groupLeaderId !== null };
      const step = (a: WorkflowAction, status: VersionStatus[]) => !!open && status.includes(open.status) && mayAct(a, { ...ctx, status: open.status });
      return {
        material, versions, history,
        files: isOwner ? await r.materials.files(id) : [],
        can: {
          edit: isOwner && !!open && isEditable(open.status),
          newVersion: isOwner && !open,
          submit: step('submit', ['draft', 'returned']),
          pass: step('pass', ['submitted']),
          approve: step('approve', ['passed']),
          return: step('return', ['submitted', 'passed']),
        },
      };
    });
  }

  /** Versions waiting for this reviewer (Art. 7.3): the leader's submitted ones, the principal's passed ones. */
  async reviewQueue(actor: MaterialActor): Promise<MaterialSummary[]> {
    return this.tx.read(async (r) => {
      const out: MaterialSummary[] = [];
      if (actor.roles.includes('group_leader')) out.push(...await r.materials.queue('submitted', { leaderId: actor.personId }));
      if (actor.roles.includes('principal')) {
        out.push(...await r.materials.queue('submitted', { noLeader: true }));
        out.push(...await r.materials.queue('passed', 'all'));
      }
      const seen = new Set<number>();
      return out.filter((m) => !seen.has(m.versionId) && seen.add(m.versionId));
    });
  }

  /** A file of a material, if this person may fetch it (the file of a visible version, or shown in a visible page). */
  async file(actor: MaterialActor, id: number, fileId: number): Promise<MaterialFile> {
    return this.tx.read(async (r) => {
      const material = await this.visibleMaterial(r, actor, id);
      const file = await r.materials.getFile(fileId);
      if (!file || file.materialId !== id) throw new DomainError('NOT_FOUND', { fileId });
      if (material.ownerId === actor.personId || isManager(actor)) return file;
      const versions = await this.visibleVersions(r, actor, material, await r.materials.versions(id));
      const allowed = versions.some((v) => v.fileId === fileId || (v.pageHtml !== null && pageFileIds(v.pageHtml, id).includes(fileId)));
      if (!allowed) throw new DomainError('NOT_FOUND', { fileId });
      return file;
    });
  }

  // -------------------------------------------------------------------------------------------
  // Authoring

  async create(actor: MaterialActor, input: MaterialInput): Promise<{ id: number; versionId: number }> {
    if (!AUTHORS.some((role) => actor.roles.includes(role))) throw new DomainError('FORBIDDEN', { action: 'materials.author' });
    return this.tx.run(async (r) => {
      const subject = await r.materials.subject(input.subjectId);
      if (!subject) throw new DomainError('NOT_FOUND', { subjectId: input.subjectId });
      // A teacher authors for the subjects they teach or whose group they belong to.
      if (!isManager(actor) && !(await r.materials.teachesSubject(actor.personId, input.subjectId))) {
        throw new DomainError('MATERIAL_SUBJECT_NOT_TAUGHT', { subjectId: input.subjectId });
      }
      const meta = await this.checkMeta(r, input, input.subjectId, input.grade);
      const at = this.now().toISOString();
      const id = await r.materials.createMaterial({ subjectId: input.subjectId, grade: input.grade, kind: input.kind, ownerId: actor.personId, at });
      const pageHtml = input.contentType === 'page' ? this.cleanPage(input.pageHtml ?? '', id, []) : null;
      const versionId = await r.materials.createVersion({
        ...meta, materialId: id, number: 1, status: 'draft', searchKey: searchKeyOf(meta, pageHtml),
        contentType: input.contentType, fileId: null, pageHtml, createdBy: actor.personId, at,
      });
      await r.materials.addReview({ materialId: id, versionId, action: 'create', fromStatus: null, toStatus: 'draft', actorId: actor.personId, comment: null, at });
      await r.audit.record(actor, 'material.created', 'material', id, { kind: input.kind, subjectId: input.subjectId, grade: input.grade, contentType: input.contentType });
      return { id, versionId };
    });
  }

  /** The author changes a draft or returned version (Art. 7.3: nothing under review or published changes). */
  async update(actor: MaterialActor, id: number, versionId: number, input: VersionInput): Promise<void> {
    await this.tx.run(async (r) => {
      const { material, version } = await this.ownEditable(r, actor, id, versionId);
      const meta = await this.checkMeta(r, input, material.subjectId, material.grade);
      const files = await r.materials.files(id);
      let fileId = version.fileId;
      if (input.fileId !== undefined) {
        if (version.contentType !== 'file') throw new DomainError('VALIDATION_FAILED', { field: 'fileId', reason: 'a lesson page has no main file' });
        if (input.fileId !== null && !files.some((f) => f.id === input.fileId)) throw new DomainError('NOT_FOUND', { fileId: input.fileId });
        fileId = input.fileId;
      }
      const pageHtml = version.contentType === 'page' ? this.cleanPage(input.pageHtml ?? version.pageHtml ?? '', id, files) : null;
      const at = this.now().toISOString();
      await r.materials.updateVersion(versionId, { ...meta, searchKey: searchKeyOf(meta, pageHtml), fileId, pageHtml, at });
      await r.materials.touchMaterial(id, at);
      await r.audit.record(actor, 'material.version_updated', 'material', id, { versionId });
    });
  }

  /** A new version of a published material: a copy to edit, while the published one stays visible. */
  async newVersion(actor: MaterialActor, id: number): Promise<{ versionId: number }> {
    return this.tx.run(async (r) => {
      const material = await r.materials.getMaterial(id);
      if (!material) throw new DomainError('NOT_FOUND', { materialId: id });
      if (material.ownerId !== actor.personId) throw new DomainError('MATERIAL_NOT_OWNER', { materialId: id });
      await r.materials.lockMaterial(id);
      const versions = await r.materials.versions(id);
      const open = versions.find((v) => OPEN.includes(v.status));
      if (open) throw new DomainError('MATERIAL_VERSION_OPEN', { versionId: open.id, status: open.status });
      const base = versions.find((v) => v.id === material.publishedVersionId) ?? versions[0];
      if (!base) throw new DomainError('NOT_FOUND', { materialId: id });
      const at = this.now().toISOString();
      const number = Math.max(...versions.map((v) => v.number)) + 1;
      const meta: MaterialMeta = { curriculumLessonId: base.curriculumLessonId, title: base.title, description: base.description, author: base.author, source: base.source, licence: base.licence };
      const versionId = await r.materials.createVersion({
        ...meta, materialId: id, number, status: 'draft', searchKey: searchKeyOf(meta, base.pageHtml), contentType: base.contentType,
        fileId: base.fileId, pageHtml: base.pageHtml, createdBy: actor.personId, at,
      });
      await r.materials.addReview({ materialId: id, versionId, action: 'create', fromStatus: null, toStatus: 'draft', actorId: actor.personId, comment: null, at });
      await r.audit.record(actor, 'material.version_created', 'material', id, { versionId, number });
      return { versionId };
    });
  }

  /** Checks before an upload is read, so a refused caller never gets a body streamed to disk. */
  async checkUpload(actor: MaterialActor, id: number, versionId: number | null): Promise<void> {
    await this.tx.read(async (r) => {
      if (versionId === null) {
        const material = await r.materials.getMaterial(id);
        if (!material) throw new DomainError('NOT_FOUND', { materialId: id });
        if (material.ownerId !== actor.personId) throw new DomainError('MATERIAL_NOT_OWNER', { materialId: id });
        return;
      }
      const { version } = await this.ownEditable(r, actor, id, versionId);
      if (version.contentType !== 'file') throw new DomainError('VALIDATION_FAILED', { field: 'file', reason: 'a lesson page takes media, not a main file' });
    });
  }

  /**
   * Stores an uploaded file (already streamed to a temp file) as a file of the material, and makes
   * it the version's file when `versionId` is given. The type is checked by magic bytes and
   * extension together, the size against the category's limit, office zips for bombs and paths.
   * The temp file is always removed; on any failure nothing stays (no file, no row).
   */
  async attachFile(actor: MaterialActor, id: number, versionId: number | null, received: ReceivedFile): Promise<MaterialFile> {
    let committed: string | null = null;
    try {
      const fileName = cleanFileName(received.fileName);
      const type = classifyFile(fileName, await this.files.head(received.tempPath, HEAD_BYTES));
      const limit = this.limits[type.category];
      if (received.size > limit) throw new DomainError('UPLOAD_TOO_LARGE', { category: type.category, limit, size: received.size });
      if (received.size === 0) throw new DomainError('VALIDATION_FAILED', { field: 'file', reason: 'empty' });
      if (type.container) checkContainerEntries(type, fileName, await this.files.zipEntries(received.tempPath, 4 * limit));
      return await this.tx.run(async (r) => {
        const material = await r.materials.getMaterial(id);
        if (!material) throw new DomainError('NOT_FOUND', { materialId: id });
        if (material.ownerId !== actor.personId) throw new DomainError('MATERIAL_NOT_OWNER', { materialId: id });
        if (versionId !== null) {
          const { version } = await this.ownEditable(r, actor, id, versionId);
          if (version.contentType !== 'file') throw new DomainError('VALIDATION_FAILED', { field: 'file', reason: 'a lesson page takes media, not a main file' });
        } else if (!['image', 'video', 'audio'].includes(type.category)) {
          // Media for a lesson page: what a page can show.
          throw new DomainError('UNSUPPORTED_FILE_TYPE', { fileName, reason: 'page_media', accepted: ['image', 'video', 'audio'] });
        }
        const at = this.now().toISOString();
        committed = await this.files.commit(received.tempPath, id, type.ext);
        const file: Omit<MaterialFile, 'id'> = { materialId: id, path: committed, fileName, mime: type.mime, category: type.category, size: received.size, uploadedBy: actor.personId, createdAt: at };
        const fileId = await r.materials.addFile(file);
        if (versionId !== null) await r.materials.updateVersion(versionId, { fileId, at });
        await r.materials.touchMaterial(id, at);
        await r.audit.record(actor, 'material.file_uploaded', 'material', id, { fileId, versionId, fileName, mime: type.mime, size: received.size });
        return { ...file, id: fileId };
      });
    } catch (err) {
      if (committed) await this.files.remove(committed);
      throw err;
    } finally {
      await this.files.discard(received.tempPath);
    }
  }

  // -------------------------------------------------------------------------------------------
  // Approval (Art. 7.3)

  async act(actor: MaterialActor, id: number, versionId: number, action: WorkflowAction, rawComment: string | null): Promise<{ status: VersionStatus }> {
    const comment = rawComment?.trim() || null;
    return this.tx.run(async (r) => {
      const material = await r.materials.getMaterial(id);
      if (!material) throw new DomainError('NOT_FOUND', { materialId: id });
      await r.materials.lockMaterial(id);
      const version = await r.materials.getVersion(versionId);
      if (!version || version.materialId !== id) throw new DomainError('NOT_FOUND', { versionId });
      const to = nextStatus(action, {
        status: version.status,
        isOwner: material.ownerId === actor.personId,
        isGroupLeader: material.groupLeaderId !== null && material.groupLeaderId === actor.personId,
        isPrincipal: actor.roles.includes('principal'),
        groupHasLeader: material.groupLeaderId !== null,
      }, comment);
      if (action === 'submit') this.assertComplete(version);
      const at = this.now().toISOString();
      if (to === 'published') {
        // The version published before stays visible until this moment, then is kept as history.
        if (material.publishedVersionId !== null) await r.materials.setStatus(material.publishedVersionId, 'superseded', at);
        await r.materials.setStatus(versionId, 'published', at, { publishedAt: at });
        await r.materials.setPublished(id, versionId, at);
      } else {
        await r.materials.setStatus(versionId, to, at, action === 'submit' ? { submittedAt: at } : {});
      }
      await r.materials.touchMaterial(id, at);
      await r.materials.addReview({ materialId: id, versionId, action, fromStatus: version.status, toStatus: to, actorId: actor.personId, comment, at });
      await r.audit.record(actor, `material.${action}`, 'material', id, { versionId, from: version.status, to, comment });
      return { status: to };
    });
  }

  // -------------------------------------------------------------------------------------------

  private assertComplete(v: MaterialVersion): void {
    if (v.contentType === 'file' && v.fileId === null) throw new DomainError('MATERIAL_INCOMPLETE', { versionId: v.id, missing: 'file' });
    if (v.contentType === 'page' && !pageText(v.pageHtml ?? '') && !/<(img|video|audio|ph-h5p-player)\b/.test(v.pageHtml ?? '')) {
      throw new DomainError('MATERIAL_INCOMPLETE', { versionId: v.id, missing: 'page' });
    }
  }

  private cleanPage(html: string, materialId: number, files: MaterialFile[]): string {
    if (html.length > PAGE_MAX_CHARS) throw new DomainError('VALIDATION_FAILED', { field: 'pageHtml', reason: 'too_long', max: PAGE_MAX_CHARS });
    return sanitizeLessonPage(html, { materialId, files: new Map(files.map((f) => [f.id, f.category])) });
  }

  private async checkMeta(r: Repos, input: MaterialMeta, subjectId: number, grade: number): Promise<MaterialMeta> {
    const meta: MaterialMeta = {
      curriculumLessonId: input.curriculumLessonId ?? null,
      title: input.title.trim(), description: input.description.trim(), author: input.author.trim(), source: input.source.trim(), licence: input.licence.trim(),
    };
    if (!meta.title) throw new DomainError('VALIDATION_FAILED', { field: 'title' });
    if (!meta.author) throw new DomainError('VALIDATION_FAILED', { field: 'author' });
    if (!meta.licence) throw new DomainError('VALIDATION_FAILED', { field: 'licence' });
    if (meta.curriculumLessonId !== null) {
      const lesson = await r.materials.curriculumLesson(meta.curriculumLessonId);
      if (!lesson) throw new DomainError('NOT_FOUND', { curriculumLessonId: meta.curriculumLessonId });
      if (lesson.subjectId !== subjectId || lesson.grade !== grade) {
        throw new DomainError('VALIDATION_FAILED', { field: 'curriculumLessonId', reason: 'lesson of another subject or grade' });
      }
    }
    return meta;
  }

  private async ownEditable(r: Repos, actor: MaterialActor, id: number, versionId: number): Promise<{ material: Material; version: MaterialVersion }> {
    const material = await r.materials.getMaterial(id);
    if (!material) throw new DomainError('NOT_FOUND', { materialId: id });
    const version = await r.materials.getVersion(versionId);
    if (!version || version.materialId !== id) throw new DomainError('NOT_FOUND', { versionId });
    if (material.ownerId !== actor.personId) throw new DomainError('MATERIAL_NOT_OWNER', { materialId: id });
    if (!isEditable(version.status)) throw new DomainError('MATERIAL_NOT_EDITABLE', { versionId, status: version.status });
    return { material, version };
  }

  /**
   * Whether a student may play an H5P content because a lesson page published for their grade
   * embeds it (Art. 9.3: lesson pages with embedded interactive content). The H5P module asks.
   */
  async mayPlayH5p(contentId: number, studentId: number): Promise<boolean> {
    return this.tx.read(async (r) => {
      const grades = await r.materials.studentGrades(studentId);
      const pages = await r.materials.publishedPagesEmbedding(contentId, grades);
      return pages.some((html) => pageH5pIds(html).includes(contentId));
    });
  }

  /** Grades a student or parent may see; null for staff. */
  private async learnerGrades(r: Repos, actor: MaterialActor): Promise<number[] | null> {
    if (!isLearner(actor)) return null;
    const grades = new Set<number>();
    if (actor.roles.includes('student')) for (const g of await r.materials.studentGrades(actor.personId)) grades.add(g);
    if (actor.roles.includes('parent')) for (const g of await r.materials.childrenGrades(actor.personId)) grades.add(g);
    return [...grades].sort((a, b) => a - b);
  }

  /** The material, or NOT_FOUND when it does not exist or a learner may not see it (no hint it exists). */
  private async visibleMaterial(r: Repos, actor: MaterialActor, id: number): Promise<Material> {
    const material = await r.materials.getMaterial(id);
    if (!material) throw new DomainError('NOT_FOUND', { materialId: id });
    const grades = await this.learnerGrades(r, actor);
    if (grades && (!grades.includes(material.grade) || material.publishedVersionId === null)) throw new DomainError('NOT_FOUND', { materialId: id });
    return material;
  }

  private async visibleVersions(r: Repos, actor: MaterialActor, material: Material, all: MaterialVersion[]): Promise<MaterialVersion[]> {
    if (isManager(actor) || material.ownerId === actor.personId) return all;
    if (isLearner(actor)) return all.filter((v) => v.status === 'published');
    const leads = material.subjectGroupId !== null && (await r.materials.ledGroupIds(actor.personId)).includes(material.subjectGroupId);
    if (leads) return all.filter((v) => v.status !== 'draft');
    return all.filter((v) => v.status === 'published');
  }
}

function isManager(actor: MaterialActor): boolean {
  return MANAGERS.some((role) => actor.roles.includes(role));
}

function isLearner(actor: MaterialActor): boolean {
  return !actor.roles.some((role) => role !== 'student' && role !== 'parent');
}

function searchKeyOf(meta: MaterialMeta, pageHtml: string | null): string {
  return foldVietnamese([meta.title, meta.description, meta.author, pageHtml ? pageText(pageHtml).slice(0, 2000) : ''].join(' '));
}
