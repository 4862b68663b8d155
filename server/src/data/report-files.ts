import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { ReportFileStore } from '../domain/reports/semester-report.service.js';
import { DomainError } from '../domain/shared/errors.js';

/**
 * Files of finalized reports under the data directory (Art. 8.2: kept with the records). Paths are
 * relative to the data directory and must stay inside `reports/`. A file is written to a
 * temporary name and renamed, so a crash never leaves half a report under the final name.
 */
export class FsReportFileStore implements ReportFileStore {
  constructor(private readonly dataDir: string) {}

  private resolve(relPath: string): string {
    const root = path.resolve(this.dataDir, 'reports');
    const full = path.resolve(this.dataDir, relPath);
    if (!full.startsWith(root + path.sep)) throw new DomainError('VALIDATION_FAILED', { field: 'path' });
    return full;
  }

  async put(relPath: string, body: Buffer): Promise<string> {
    const full = this.resolve(relPath);
    await fs.mkdir(path.dirname(full), { recursive: true });
    const tmp = `${full}.${randomBytes(6).toString('hex')}.tmp`;
    await fs.writeFile(tmp, body);
    await fs.rename(tmp, full);
    return createHash('sha256').update(body).digest('hex');
  }

  async get(relPath: string): Promise<Buffer> {
    try {
      return await fs.readFile(this.resolve(relPath));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new DomainError('REPORT_FILE_MISSING', { path: relPath });
      throw err;
    }
  }

  /** Removes the file, then its folders up to `reports/` while they are empty. */
  async remove(relPath: string): Promise<void> {
    const full = this.resolve(relPath);
    await fs.rm(full, { force: true });
    const root = path.resolve(this.dataDir, 'reports');
    for (let dir = path.dirname(full); dir.startsWith(root + path.sep); dir = path.dirname(dir)) {
      try {
        await fs.rmdir(dir);
      } catch {
        return; // not empty (or already gone)
      }
    }
  }
}
