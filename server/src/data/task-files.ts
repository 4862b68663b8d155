import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import archiver from 'archiver';
import { removeStaleTemp } from './stale-temp.js';
import { DomainError } from '../domain/shared/errors.js';
import { recogniseFile, SNIFF_BYTES } from '../domain/tasks/task-file-types.js';
import type { ArchivePlan, ReceivedFile, TaskFileStore } from '../domain/tasks/task.service.js';

const TEMP_ID = /^[0-9a-f-]{36}$/;
const STORED = /^\d+\/[A-Za-z0-9._/-]+$/;

/**
 * Task files under `<dataDir>/tasks/`: an upload is streamed to `.tmp/` (never held in memory),
 * recognised by its first bytes and extension, then moved into place by the service's
 * transaction; a refused or failed upload is deleted, so nothing is left behind (and what a crash
 * left in `.tmp/` is removed at the next start).
 */
export class TaskFiles implements TaskFileStore {
  readonly root: string;
  private readonly tmp: string;

  constructor(dataDir: string) {
    this.root = path.join(dataDir, 'tasks');
    this.tmp = path.join(this.root, '.tmp');
    this.removeStaleUploads();
  }

  /** Uploads a crash left in `.tmp/` (older than an hour) are removed at start. */
  removeStaleUploads(now = Date.now()): string[] {
    return removeStaleTemp(this.tmp, { match: (name, isDir) => !isDir && TEMP_ID.test(name), now });
  }

  /** Streams one upload to a temporary file. `truncated()` tells whether the size limit cut it. */
  async receive(stream: Readable, fileName: string, truncated: () => boolean): Promise<ReceivedFile> {
    await fs.promises.mkdir(this.tmp, { recursive: true });
    const tempId = randomUUID();
    const target = path.join(this.tmp, tempId);
    let head = Buffer.alloc(0);
    let size = 0;
    const sniff = new Transform({
      transform(chunk: Buffer, _enc, done) {
        if (head.length < SNIFF_BYTES) head = Buffer.concat([head, chunk.subarray(0, SNIFF_BYTES - head.length)]);
        size += chunk.length;
        done(null, chunk);
      },
    });
    try {
      await pipeline(stream, sniff, fs.createWriteStream(target, { flags: 'wx', mode: 0o600 }));
      if (truncated()) throw new DomainError('UPLOAD_TOO_LARGE', { fileName });
      if (size === 0) throw new DomainError('VALIDATION_FAILED', { field: 'file', reason: 'empty', fileName });
      const mime = recogniseFile(fileName, head);
      if (!mime) throw new DomainError('UNSUPPORTED_FILE_TYPE', { fileName });
      return { tempId, fileName, mime, size };
    } catch (e) {
      await fs.promises.rm(target, { force: true });
      throw e;
    }
  }

  async discard(tempIds: string[]): Promise<void> {
    for (const id of tempIds) if (TEMP_ID.test(id)) await fs.promises.rm(path.join(this.tmp, id), { force: true });
  }

  async commit(tempId: string, storedPath: string): Promise<void> {
    if (!TEMP_ID.test(tempId)) throw new Error('bad temp id');
    const target = this.resolve(storedPath);
    await fs.promises.mkdir(path.dirname(target), { recursive: true });
    await fs.promises.rename(path.join(this.tmp, tempId), target);
  }

  async remove(storedPaths: string[]): Promise<void> {
    for (const p of storedPaths) {
      const target = this.resolve(p);
      await fs.promises.rm(target, { force: true });
      // Folders left empty go too (a failed upload leaves no trace).
      for (let dir = path.dirname(target); dir.startsWith(this.root + path.sep); dir = path.dirname(dir)) {
        try {
          await fs.promises.rmdir(dir);
        } catch {
          break;
        }
      }
    }
  }

  open(storedPath: string): fs.ReadStream {
    return fs.createReadStream(this.resolve(storedPath));
  }

  /** The zip of a task's work, streamed as it is built; the summary workbook first. */
  zip(plan: ArchivePlan, summary: Buffer): Readable {
    const zip = archiver('zip', { zlib: { level: 6 } });
    zip.append(summary, { name: `${plan.folderName}/Tổng hợp.xlsx` });
    for (const e of plan.entries) {
      const name = `${plan.folderName}/${e.zipPath}`;
      if ('text' in e) zip.append(e.text, { name });
      else zip.file(this.resolve(e.storedPath), { name });
    }
    void zip.finalize();
    return zip;
  }

  private resolve(storedPath: string): string {
    if (!STORED.test(storedPath) || storedPath.split('/').some((s) => s === '..' || s === '.')) throw new Error(`bad stored path ${storedPath}`);
    return path.join(this.root, storedPath);
  }
}
