import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import { DomainError, isDomainError } from '../domain/shared/errors.js';
import type { MaterialFileStore } from '../domain/materials/material.types.js';
import { assertSafeZip } from './spreadsheet.js';
import { removeStaleTemp } from './stale-temp.js';

/**
 * The files of learning materials under `<dataDir>/materials/`. An upload is streamed to
 * `<dataDir>/materials/.incoming/` first (same file system, so the final move is a rename) and
 * moved to `<dataDir>/materials/<materialId>/<random>.<ext>` only once it passed every check and
 * its row is being written; whatever fails, the temp file is removed.
 */
export class FsMaterialFileStore implements MaterialFileStore {
  readonly root: string;
  private readonly incoming: string;

  constructor(dataDir: string) {
    this.root = path.resolve(dataDir, 'materials');
    this.incoming = path.join(this.root, '.incoming');
    this.removeStaleUploads();
  }

  /** Uploads a crash left in `.incoming/` (older than an hour) are removed at start. */
  removeStaleUploads(now = Date.now()): string[] {
    return removeStaleTemp(this.incoming, { match: (name, isDir) => !isDir && name.endsWith('.part'), now });
  }

  /** Streams an upload to a new temp file; returns its path and size. On error the temp file is gone. */
  async receive(stream: Readable): Promise<{ tempPath: string; size: number }> {
    await fs.promises.mkdir(this.incoming, { recursive: true });
    const tempPath = path.join(this.incoming, `${Date.now()}-${randomBytes(8).toString('hex')}.part`);
    try {
      await pipeline(stream, fs.createWriteStream(tempPath, { flags: 'wx', mode: 0o600 }));
      const { size } = await fs.promises.stat(tempPath);
      return { tempPath, size };
    } catch (err) {
      await this.discard(tempPath);
      throw err;
    }
  }

  async head(tempPath: string, bytes: number): Promise<Buffer> {
    const fh = await fs.promises.open(this.inside(tempPath), 'r');
    try {
      const buf = Buffer.alloc(bytes);
      const { bytesRead } = await fh.read(buf, 0, bytes, 0);
      return buf.subarray(0, bytesRead);
    } finally {
      await fh.close();
    }
  }

  async zipEntries(tempPath: string, maxUncompressed: number): Promise<string[]> {
    const data = await fs.promises.readFile(this.inside(tempPath));
    try {
      // The roster's zip checks: paths, encryption, bombs (ratio and total), sizes that lie.
      return assertSafeZip(data, { maxTotalUncompressed: maxUncompressed }).map((e) => e.name);
    } catch (err) {
      if (isDomainError(err)) throw new DomainError('MATERIAL_FILE_UNSAFE', { ...(err.details ?? {}), check: err.code });
      throw err;
    }
  }

  async commit(tempPath: string, materialId: number, ext: string): Promise<string> {
    if (!/^[a-z0-9]{1,8}$/.test(ext)) throw new DomainError('UNSUPPORTED_FILE_TYPE', { ext });
    const dir = path.join(this.root, String(materialId));
    await fs.promises.mkdir(dir, { recursive: true });
    const relative = `${materialId}/${randomBytes(12).toString('hex')}.${ext}`;
    await fs.promises.rename(this.inside(tempPath), path.join(this.root, relative));
    return relative;
  }

  async remove(relativePath: string): Promise<void> {
    await fs.promises.rm(this.resolve(relativePath), { force: true }).catch(() => undefined);
  }

  async discard(tempPath: string): Promise<void> {
    await fs.promises.rm(this.inside(tempPath), { force: true }).catch(() => undefined);
  }

  /** The absolute path of a stored file; refuses anything outside the materials folder. */
  resolve(relativePath: string): string {
    return this.inside(path.join(this.root, relativePath));
  }

  private inside(p: string): string {
    const abs = path.resolve(p);
    if (!abs.startsWith(this.root + path.sep)) throw new DomainError('NOT_FOUND', { reason: 'outside_materials' });
    return abs;
  }
}
