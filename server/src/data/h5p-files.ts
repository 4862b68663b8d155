import fs from 'node:fs';
import path from 'node:path';
import { removeStaleTemp } from './stale-temp.js';
import crypto from 'node:crypto';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createRequire } from 'node:module';
import { DomainError } from '../domain/shared/errors.js';
import type { H5pFiles, OpenedPackage, PackagePlan, StagedPackage, ZipEntryInfo } from '../domain/h5p/h5p.types.js';

interface UnzipperFile {
  path: string;
  type: 'File' | 'Directory';
  compressedSize: number;
  uncompressedSize: number;
  externalFileAttributes: number;
  stream(): NodeJS.ReadableStream;
}

/** unzipper ships no types: the one call used here, typed by hand. */
const unzipper = createRequire(import.meta.url)('unzipper') as { Open: { buffer(data: Buffer): Promise<{ files: UnzipperFile[] }> } };

const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;

/**
 * H5P files under `<dataDir>/h5p/`: `libraries/<Machine-Major.Minor>/` and `content/<id>/`
 * (h5p.json, content.json and the content's files), the layout of @lumieducation/h5p-server's
 * FileLibraryStorage/FileContentStorage, which h5p-standalone reads directly; `tmp/` for staging.
 */
export class H5pFileStore implements H5pFiles {
  readonly root: string;
  private allow: { content: string[]; library: string[] } | undefined;

  constructor(dataDir: string) {
    this.root = path.join(dataDir, 'h5p');
    this.removeStaleStaging();
  }

  /** Staging folders left by a crash mid-upload (older than an hour) are removed at start. */
  removeStaleStaging(now = Date.now()): string[] {
    return removeStaleTemp(this.tmpDir, { match: (name, isDir) => isDir && name.startsWith('upload-'), now });
  }

  get librariesDir() {
    return path.join(this.root, 'libraries');
  }
  get contentDir() {
    return path.join(this.root, 'content');
  }
  get tmpDir() {
    return path.join(this.root, 'tmp');
  }

  /** H5P's own allowlists (from @lumieducation/h5p-server's defaults), loaded on first use. */
  async allowlist() {
    if (!this.allow) {
      const { H5PConfig } = await import('@lumieducation/h5p-server');
      const c = new H5PConfig(undefined);
      this.allow = { content: c.contentWhitelist.split(/\s+/).filter(Boolean), library: c.libraryWhitelist.split(/\s+/).filter(Boolean) };
    }
    return this.allow;
  }

  async open(data: Buffer): Promise<OpenedPackage> {
    let files: UnzipperFile[];
    try {
      const dir = await unzipper.Open.buffer(data);
      files = dir.files;
    } catch {
      throw new DomainError('H5P_NOT_A_PACKAGE', { reason: 'not a zip archive' });
    }
    const byPath = new Map<string, UnzipperFile>();
    const entries: ZipEntryInfo[] = files.map((f) => {
      byPath.set(f.path, f);
      const mode = (f.externalFileAttributes >>> 16) & S_IFMT;
      return {
        path: f.path, isDirectory: f.type === 'Directory' || f.path.endsWith('/'), isSymlink: mode === S_IFLNK,
        compressedSize: f.compressedSize, uncompressedSize: f.uncompressedSize,
      };
    });
    return new ZipPackage(entries, byPath);
  }

  async stage(pkg: OpenedPackage, plan: PackagePlan): Promise<StagedPackage> {
    const work = path.join(this.tmpDir, `upload-${crypto.randomBytes(8).toString('hex')}`);
    const staged = path.join(work, 'staged');
    const backups = path.join(work, 'backup');
    await fs.promises.mkdir(staged, { recursive: true });
    if (!(pkg instanceof ZipPackage)) throw new Error('stage() takes a package opened by this store');
    const declared = new Map(pkg.entries.map((e) => [e.path, e.uncompressedSize]));
    const extract = async (zipPath: string, target: string) => {
      const dest = path.resolve(target);
      if (!dest.startsWith(staged + path.sep)) throw new DomainError('H5P_UNSAFE_PATH', { path: zipPath });
      await fs.promises.mkdir(path.dirname(dest), { recursive: true });
      const stream = pkg.stream(zipPath);
      await pipeline(stream, limitTo(declared.get(zipPath) ?? 0, zipPath), fs.createWriteStream(dest, { flags: 'wx' }));
    };
    try {
      for (const [folder, list] of Object.entries(plan.libraryFiles)) {
        for (const f of list) await extract(f, path.join(staged, 'libraries', folder, f.slice(folder.length + 1)));
      }
      for (const f of plan.contentFiles) {
        await extract(f, path.join(staged, 'content', f === 'h5p.json' ? 'h5p.json' : f.slice('content/'.length)));
      }
    } catch (err) {
      await fs.promises.rm(work, { recursive: true, force: true });
      if (err instanceof DomainError) throw err;
      throw new DomainError('H5P_NOT_A_PACKAGE', { reason: 'extraction failed' });
    }

    const done: { target: string; backup: string | null }[] = [];
    const libs = this.librariesDir;
    const contents = this.contentDir;
    return {
      commit: async (contentId: number) => {
        await fs.promises.mkdir(libs, { recursive: true });
        await fs.promises.mkdir(contents, { recursive: true });
        for (const folder of Object.keys(plan.libraryFiles)) {
          const target = path.join(libs, folder);
          let backup: string | null = null;
          if (fs.existsSync(target)) {
            backup = path.join(backups, folder);
            await fs.promises.mkdir(backups, { recursive: true });
            await fs.promises.rename(target, backup);
          }
          done.push({ target, backup });
          await fs.promises.rename(path.join(staged, 'libraries', folder), target);
        }
        const target = path.join(contents, String(contentId));
        await fs.promises.rm(target, { recursive: true, force: true });
        done.push({ target, backup: null });
        await fs.promises.rename(path.join(staged, 'content'), target);
      },
      rollback: async () => {
        for (const d of done.reverse()) {
          await fs.promises.rm(d.target, { recursive: true, force: true });
          if (d.backup) await fs.promises.rename(d.backup, d.target);
        }
        await fs.promises.rm(work, { recursive: true, force: true });
      },
      finish: async () => {
        await fs.promises.rm(work, { recursive: true, force: true });
      },
    };
  }

  /** A file of an installed library or of a content, only inside its folder. */
  async resolve(kind: 'library' | 'content', folder: string, rel: string): Promise<{ file: string; size: number } | undefined> {
    if (!/^[\w.-]+$/.test(folder) || folder.startsWith('.')) return undefined;
    const segments = rel.split('/');
    if (!rel || segments.some((s) => !s || s === '.' || s === '..' || s.startsWith('.')) || rel.includes('\\') || rel.includes('\0')) return undefined;
    const base = path.join(kind === 'library' ? this.librariesDir : this.contentDir, folder);
    const file = path.resolve(base, rel);
    if (!file.startsWith(base + path.sep)) return undefined;
    const st = await fs.promises.lstat(file).catch(() => null);
    if (!st?.isFile()) return undefined;
    return { file, size: st.size };
  }

  /** Everything under h5p/ (tests use it to prove a refused upload left nothing behind). */
  listAll(): string[] {
    const out: string[] = [];
    const walk = (dir: string) => {
      if (!fs.existsSync(dir)) return;
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else out.push(path.relative(this.root, p));
      }
    };
    walk(this.root);
    return out.sort();
  }
}

/** A .h5p read in memory: its central directory, and its entries on demand. */
class ZipPackage implements OpenedPackage {
  constructor(readonly entries: ZipEntryInfo[], private readonly byPath: Map<string, UnzipperFile>) {}

  stream(p: string): NodeJS.ReadableStream {
    const f = this.byPath.get(p);
    if (!f || f.type === 'Directory') throw new DomainError('H5P_NOT_A_PACKAGE', { file: p, reason: 'missing entry' });
    return f.stream();
  }

  async text(p: string, maxBytes: number): Promise<string | undefined> {
    const f = this.byPath.get(p);
    if (!f || f.type === 'Directory') return undefined;
    if (f.uncompressedSize > maxBytes) throw new DomainError('H5P_INVALID_METADATA', { file: p, reason: 'too large', limit: maxBytes });
    const chunks: Buffer[] = [];
    try {
      await pipeline(f.stream(), limitTo(f.uncompressedSize, p), async function* (src) {
        for await (const c of src) chunks.push(c as Buffer);
      });
    } catch (err) {
      if (err instanceof DomainError) throw err;
      throw new DomainError('H5P_NOT_A_PACKAGE', { file: p, reason: 'unreadable entry' });
    }
    return Buffer.concat(chunks).toString('utf8');
  }
}

/** Counts inflated bytes and stops when an entry inflates beyond what the directory declared (zip bomb). */
function limitTo(declared: number, p: string): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, cb) {
      seen += chunk.length;
      if (seen > declared) cb(new DomainError('H5P_ZIP_BOMB', { path: p.slice(0, 200), reason: 'entry larger than declared' }));
      else cb(null, chunk);
    },
  });
}
