import { DomainError } from '../shared/errors.js';
import type { Transactor } from '../repos.js';
import type { Role } from '../people/person.types.js';
import type { H5pActor, H5pEditorEngine, H5pEditorUser } from './h5p.types.js';
import { type SemanticsField, checkEditorFile, checkParams, imageMatches, parseUberName } from './semantics-rules.js';

const STAFF: readonly Role[] = ['principal', 'vice_principal', 'group_leader', 'teacher'];
const MANAGERS: readonly Role[] = ['principal', 'vice_principal'];

/** Sizes of files uploaded into the editor (images, audio/video, other files). */
export const EDITOR_FILE_LIMITS = { imageBytes: 10 * 1024 * 1024, mediaBytes: 200 * 1024 * 1024, fileBytes: 50 * 1024 * 1024 } as const;
/** content.json saved from the editor. */
export const EDITOR_PARAMS_BYTES = 2 * 1024 * 1024;

export interface EditorSaveInput {
  library: string;
  params: unknown;
  metadata: { title: string; [k: string]: unknown };
  subjectId?: number | null;
  curriculumLessonId?: number | null;
}

export interface H5pEditorServiceDeps {
  tx: Transactor;
  /** Whether the core and editor files are installed (checked on every call: they may be added while the box runs). */
  available: () => boolean;
  /** The engine, built on first use once the files are there. */
  engine: () => Promise<H5pEditorEngine>;
  /** File extensions allowed for content files (H5P's allowlist). */
  allowlist: () => Promise<string[]>;
  now?: () => Date;
}

/**
 * Authoring H5P content on the box (Art. 9.3: the LCMS lets teachers create interactive
 * materials). The editor is h5p-server's; this service decides who may use it, refuses hub
 * installs (the box is offline), checks uploaded files and the saved params against the library's
 * semantics, and stores a save as an ordinary `h5p_contents` row with its folder in one
 * transaction, audited like an upload.
 */
export class H5pEditorService {
  private readonly now: () => Date;
  constructor(private readonly d: H5pEditorServiceDeps) {
    this.now = d.now ?? (() => new Date());
  }

  private async engine(actor: H5pActor): Promise<H5pEditorEngine> {
    if (!actor.roles.some((r) => STAFF.includes(r))) throw new DomainError('FORBIDDEN', { action: 'h5p.manage' });
    if (!this.d.available()) throw new DomainError('H5P_EDITOR_UNAVAILABLE');
    return this.d.engine();
  }

  private user(actor: H5pActor): H5pEditorUser {
    return { id: String(actor.personId), name: actor.fullName ?? actor.login ?? String(actor.personId), email: '', type: 'local' };
  }

  /** Editing an existing content: only its author or a manager (as for deleting it). */
  private async editable(actor: H5pActor, id: number) {
    const c = await this.d.tx.read((r) => r.h5p.getContent(id));
    if (!c || c.deletedAt) throw new DomainError('NOT_FOUND', { contentId: id });
    if (c.uploadedById !== actor.personId && !actor.roles.some((r) => MANAGERS.includes(r))) throw new DomainError('FORBIDDEN', { contentId: id });
    return c;
  }

  /** The editor model for the page (integration object with its `editor` part, scripts, styles), and the content to edit. */
  async model(actor: H5pActor, contentId: number | undefined, language: string) {
    const engine = await this.engine(actor);
    let content: { library: string; params: unknown; metadata: Record<string, unknown> } | null = null;
    if (contentId !== undefined) {
      await this.editable(actor, contentId);
      content = await engine.content(contentId, this.user(actor));
    }
    const m = await engine.model(contentId, language, this.user(actor));
    return { ...m, contentId: contentId ?? null, content };
  }

  /** GET half of the editor's AJAX protocol (content-type-cache, libraries). */
  async ajaxGet(actor: H5pActor, action: string, q: { machineName?: string; majorVersion?: string; minorVersion?: string; language: string }) {
    const engine = await this.engine(actor);
    if (!['content-type-cache', 'libraries'].includes(action)) throw new DomainError('H5P_EDITOR_REQUEST_INVALID', { action });
    if (action === 'libraries' && (!q.machineName || !/^\d+$/.test(q.majorVersion ?? '') || !/^\d+$/.test(q.minorVersion ?? ''))) {
      throw new DomainError('VALIDATION_FAILED', { fields: ['machineName', 'majorVersion', 'minorVersion'] });
    }
    return engine.ajaxGet(action, q, this.user(actor));
  }

  /** POST half (libraries, translations, filter, files); installing from the H5P Hub is refused. */
  async ajaxPost(actor: H5pActor, action: string, body: Record<string, unknown>, language: string, file?: { data: Buffer; mimetype: string; name: string; size: number }) {
    const engine = await this.engine(actor);
    if (action === 'library-install' || action === 'library-upload' || action.startsWith('content-hub')) {
      // The box works without the Internet: content types come in .h5p packages (upload page).
      throw new DomainError('H5P_HUB_OFFLINE', { action });
    }
    if (!['libraries', 'translations', 'filter', 'files'].includes(action)) throw new DomainError('H5P_EDITOR_REQUEST_INVALID', { action });
    if (action === 'files') {
      if (!file) throw new DomainError('VALIDATION_FAILED', { field: 'file' });
      let field: { type?: unknown };
      try {
        field = JSON.parse(String(body.field ?? '')) as { type?: unknown };
      } catch {
        throw new DomainError('VALIDATION_FAILED', { field: 'field', reason: 'not JSON' });
      }
      const type = typeof field?.type === 'string' ? field.type : '';
      const problem = checkEditorFile(type, file, await this.d.allowlist(), EDITOR_FILE_LIMITS);
      if (problem) throw new DomainError('H5P_EDITOR_FILE_REFUSED', { name: file.name.slice(0, 100), reason: problem });
      const ext = (/\.([A-Za-z0-9]+)$/.exec(file.name)?.[1] ?? '').toLowerCase();
      if (type === 'image' && !imageMatches(ext, file.data.subarray(0, 16))) {
        throw new DomainError('H5P_EDITOR_FILE_REFUSED', { name: file.name.slice(0, 100), reason: 'content is not the image type its name says' });
      }
      const contentId = body.contentId !== undefined && /^\d+$/.test(String(body.contentId)) ? Number(body.contentId) : undefined;
      if (contentId) await this.editable(actor, contentId);
      return engine.ajaxPost('files', { field: body.field, contentId: contentId ? String(contentId) : undefined }, language, this.user(actor), file);
    }
    return engine.ajaxPost(action, body, language, this.user(actor));
  }

  async temporaryFile(actor: H5pActor, name: string) {
    const engine = await this.engine(actor);
    const f = await engine.temporaryFile(name, this.user(actor));
    if (!f) throw new DomainError('NOT_FOUND', { file: name.slice(0, 200) });
    return f;
  }

  /** Saves new content (id undefined) or an edit; refused params leave nothing behind. */
  async save(actor: H5pActor, input: EditorSaveInput, id?: number): Promise<{ id: number; libraries: string[] }> {
    const engine = await this.engine(actor);
    const existing = id === undefined ? undefined : await this.editable(actor, id);
    const lib = parseUberName(input.library);
    if (!lib) throw new DomainError('VALIDATION_FAILED', { field: 'library', reason: 'expected "Machine.Name major.minor"' });
    const installed = await this.d.tx.read((r) => r.h5p.installedLibraries());
    const row = installed.find((l) => l.machineName === lib.machineName && l.majorVersion === lib.majorVersion && l.minorVersion === lib.minorVersion);
    if (!row || !row.runnable) throw new DomainError('H5P_EDITOR_UNKNOWN_LIBRARY', { library: input.library });
    const title = String(input.metadata.title ?? '').trim();
    if (!title || title.length > 255) throw new DomainError('VALIDATION_FAILED', { field: 'metadata.title' });
    if (Buffer.byteLength(JSON.stringify(input.params ?? null)) > EDITOR_PARAMS_BYTES) throw new DomainError('H5P_EDITOR_INVALID_PARAMS', { errors: [{ path: '', reason: 'too large' }] });
    const semantics = (await engine.semantics(lib)) as SemanticsField[] | undefined;
    if (!semantics) throw new DomainError('H5P_EDITOR_UNKNOWN_LIBRARY', { library: input.library, reason: 'no semantics.json' });
    const errors = checkParams(semantics, input.params);
    if (errors.length) throw new DomainError('H5P_EDITOR_INVALID_PARAMS', { errors });
    const params = JSON.parse(JSON.stringify(input.params)) as Record<string, unknown>;
    const language = typeof input.metadata.defaultLanguage === 'string' && /^[a-z]{2,3}(-[A-Za-z]+)?$/.test(input.metadata.defaultLanguage) ? input.metadata.defaultLanguage : (existing?.language ?? 'vi');
    const metadata = { ...input.metadata, title, defaultLanguage: language };
    const subjectId = input.subjectId ?? existing?.subjectId ?? null;
    const lessonId = input.curriculumLessonId ?? existing?.curriculumLessonId ?? null;
    if (subjectId || lessonId) {
      await this.d.tx.read(async (r) => {
        if (subjectId && !(await r.school.getSubject(subjectId))) throw new DomainError('NOT_FOUND', { subjectId });
        if (lessonId) {
          const l = await r.h5p.lessonSubject(lessonId);
          if (!l) throw new DomainError('NOT_FOUND', { curriculumLessonId: lessonId });
          if (subjectId && l.subjectId !== subjectId) throw new DomainError('VALIDATION_FAILED', { field: 'curriculumLessonId', reason: 'lesson of another subject' });
        }
      });
    }
    const user = this.user(actor);
    let written: Awaited<ReturnType<H5pEditorEngine['write']>> | undefined;
    try {
      const savedId = await this.d.tx.run(async (r) => {
        const at = this.now().toISOString();
        const cid = existing ? existing.id : await r.h5p.createContent({
          title, mainLibrary: input.library, language, libraries: [input.library], fileName: null, sizeBytes: 0, subjectId, curriculumLessonId: lessonId, uploadedById: actor.personId, createdAt: at,
        });
        // Files last (like an upload): a failure rolls the row back and `undo` restores the folder.
        written = await engine.write(cid, !existing, input.library, params, metadata, user);
        await r.h5p.updateContent(cid, { title, mainLibrary: input.library, language, libraries: written.libraries, sizeBytes: written.sizeBytes, subjectId, curriculumLessonId: lessonId });
        await r.audit.record(actor, existing ? 'h5p.edited' : 'h5p.created', 'h5p_content', cid, { title, mainLibrary: input.library, libraries: written.libraries, via: 'editor' });
        return cid;
      });
      await written?.finish().catch(() => undefined);
      return { id: savedId, libraries: written?.libraries ?? [] };
    } catch (err) {
      await written?.undo().catch(() => undefined);
      throw err;
    }
  }
}
