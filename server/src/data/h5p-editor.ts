import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import {
  H5PAjaxEndpoint, H5PConfig, H5PEditor, type IKeyValueStorage, fsImplementations, LibraryName,
} from '@lumieducation/h5p-server';
import { DomainError } from '../domain/shared/errors.js';
import type { H5pEditorEngine, H5pEditorUser, LibraryRef, WrittenContent } from '../domain/h5p/h5p.types.js';

/** The URLs the integration object hands to the editor's browser part (routes in h5p-editor.routes.ts). */
export const EDITOR_URLS = {
  core: '/h5p-core',
  editor: '/h5p-editor',
  ajax: '/api/h5p/ajax',
  libraries: '/api/h5p/libraries',
  contentFiles: '/api/h5p/editor/content-files',
  temporaryFiles: '/api/h5p/editor/temp-files',
} as const;

/** h5p-server's key-value cache, in memory (the content-type cache is local only: the box is offline). */
class MemoryStorage implements IKeyValueStorage {
  private readonly m = new Map<string, unknown>();
  async load(key: string) {
    return this.m.get(key);
  }
  async save(key: string, value: unknown) {
    this.m.set(key, value);
  }
}

/** Errors of h5p-server (H5pError: errorId + httpStatusCode) become the project's codes. */
function mapError(err: unknown): never {
  const e = err as { errorId?: string; httpStatusCode?: number; message?: string };
  if (err instanceof DomainError) throw err;
  if (e && typeof e.errorId === 'string' && (e.httpStatusCode ?? 500) < 500) {
    if ((e.httpStatusCode ?? 0) === 404) throw new DomainError('NOT_FOUND', { error: e.errorId });
    throw new DomainError('H5P_EDITOR_REQUEST_INVALID', { error: e.errorId });
  }
  throw err;
}

async function dirSize(dir: string): Promise<number> {
  let total = 0;
  for (const e of await fs.promises.readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) total += await dirSize(p);
    else if (e.isFile()) total += (await fs.promises.stat(p)).size;
  }
  return total;
}

/**
 * @lumieducation/h5p-server's H5PEditor over the project's folders: libraries from
 * `<dataDir>/h5p/libraries` (installed by uploads, rows in h5p_libraries), contents in
 * `<dataDir>/h5p/content/<id>` (the id is the h5p_contents row the service created in its
 * transaction), editor uploads in `<dataDir>/h5p/tmp/editor`. Hub access is off: the cache is
 * pre-filled empty, so the content-type list is the installed runnable libraries.
 */
export class LumiH5pEditorEngine implements H5pEditorEngine {
  private readonly editor: H5PEditor;
  private readonly ajax: H5PAjaxEndpoint;
  private readonly contentRoot: string;

  private constructor(editor: H5PEditor, contentRoot: string) {
    this.editor = editor;
    this.ajax = new H5PAjaxEndpoint(editor);
    this.contentRoot = contentRoot;
  }

  static async create(h5pRoot: string): Promise<LumiH5pEditorEngine> {
    const cache = new MemoryStorage();
    const config = new H5PConfig(cache, {
      baseUrl: '',
      coreUrl: EDITOR_URLS.core,
      editorLibraryUrl: EDITOR_URLS.editor,
      ajaxUrl: EDITOR_URLS.ajax,
      librariesUrl: EDITOR_URLS.libraries,
      contentFilesUrl: EDITOR_URLS.contentFiles,
      temporaryFilesUrl: EDITOR_URLS.temporaryFiles,
      fetchingDisabled: 1,
      sendUsageStatistics: false,
      contentHubEnabled: false,
      contentTypeCacheRefreshInterval: 365 * 24 * 3600 * 1000,
    });
    // The box is offline: an empty hub list "updated now", so h5p-server never calls api.h5p.org.
    await cache.save('contentTypeCache', []);
    await cache.save('contentTypeCacheUpdate', new Date());
    const libs = path.join(h5pRoot, 'libraries');
    const content = path.join(h5pRoot, 'content');
    const tmp = path.join(h5pRoot, 'tmp', 'editor');
    for (const d of [libs, content, tmp]) fs.mkdirSync(d, { recursive: true });
    const editor = new H5PEditor(
      cache, config,
      new fsImplementations.FileLibraryStorage(libs),
      new fsImplementations.FileContentStorage(content),
      new fsImplementations.DirectoryTemporaryFileStorage(tmp),
    );
    editor.setRenderer((model) => model);
    return new LumiH5pEditorEngine(editor, content);
  }

  async model(contentId: number | undefined, language: string, user: H5pEditorUser) {
    try {
      const m = (await this.editor.render(contentId === undefined ? (undefined as unknown as string) : String(contentId), language, user)) as { integration: unknown; scripts: string[]; styles: string[] };
      return { integration: m.integration, scripts: m.scripts, styles: m.styles };
    } catch (err) {
      return mapError(err);
    }
  }

  async ajaxGet(action: string, q: { machineName?: string; majorVersion?: string; minorVersion?: string; language: string }, user: H5pEditorUser) {
    try {
      return await this.ajax.getAjax(action, q.machineName, q.majorVersion, q.minorVersion, q.language, user);
    } catch (err) {
      return mapError(err);
    }
  }

  async ajaxPost(action: string, body: Record<string, unknown>, language: string, user: H5pEditorUser, file?: { data: Buffer; mimetype: string; name: string; size: number }, contentId?: string) {
    try {
      return await this.ajax.postAjax(action, body as { libraries: string[] }, language, user, file, contentId);
    } catch (err) {
      return mapError(err);
    }
  }

  async semantics(lib: LibraryRef): Promise<unknown[] | undefined> {
    try {
      const s = await this.editor.libraryManager.getSemantics(new LibraryName(lib.machineName, lib.majorVersion, lib.minorVersion));
      return Array.isArray(s) ? s : undefined;
    } catch {
      return undefined;
    }
  }

  async content(contentId: number, user: H5pEditorUser) {
    try {
      const c = await this.editor.getContent(String(contentId), user);
      return { library: c.library, params: c.params.params, metadata: c.params.metadata as unknown as Record<string, unknown> };
    } catch (err) {
      return mapError(err);
    }
  }

  async write(contentId: number, isNew: boolean, library: string, params: Record<string, unknown>, metadata: Record<string, unknown>, user: H5pEditorUser): Promise<WrittenContent> {
    const dir = path.join(this.contentRoot, String(contentId));
    const backup = isNew ? null : path.join(this.contentRoot, '..', 'tmp', `editor-backup-${contentId}-${crypto.randomBytes(6).toString('hex')}`);
    const lib = LibraryName.fromUberName(library, { useWhitespace: true });
    if (isNew) {
      // A fresh id (never reused): the folder starts with empty params, so h5p-server saves it as
      // this id (and finds no earlier files to remove).
      await fs.promises.rm(dir, { recursive: true, force: true });
      await fs.promises.mkdir(dir, { recursive: true });
      await fs.promises.writeFile(path.join(dir, 'content.json'), '{}');
      await fs.promises.writeFile(path.join(dir, 'h5p.json'), JSON.stringify({ title: String(metadata.title ?? ''), language: 'und', mainLibrary: lib.machineName, embedTypes: ['iframe'], preloadedDependencies: [{ machineName: lib.machineName, majorVersion: lib.majorVersion, minorVersion: lib.minorVersion }] }));
    } else {
      await fs.promises.cp(dir, backup!, { recursive: true });
    }
    const undo = async () => {
      await fs.promises.rm(dir, { recursive: true, force: true });
      if (backup) await fs.promises.rename(backup, dir);
    };
    try {
      const saved = await this.editor.saveOrUpdateContentReturnMetaData(String(contentId), params, metadata as never, library, user);
      const deps = (saved.metadata.preloadedDependencies ?? []).map((d) => `${d.machineName} ${d.majorVersion}.${d.minorVersion}`);
      return {
        libraries: [...new Set([library, ...deps])],
        sizeBytes: await dirSize(dir),
        undo,
        finish: async () => {
          if (backup) await fs.promises.rm(backup, { recursive: true, force: true });
        },
      };
    } catch (err) {
      await undo();
      return mapError(err);
    }
  }

  async temporaryFile(name: string, user: H5pEditorUser) {
    if (!/^[\w./-]+$/.test(name) || name.split('/').some((s) => !s || s.startsWith('.'))) return undefined;
    try {
      const stats = await this.editor.temporaryFileManager.getFileStats(name, user);
      const stream = await this.editor.temporaryFileManager.getFileStream(name, user);
      const ext = path.extname(name).slice(1).toLowerCase();
      return { stream, size: stats.size, mimetype: ext };
    } catch {
      return undefined;
    }
  }
}
