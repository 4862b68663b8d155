import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import archiver from 'archiver';
import type { ExportBundle } from '../domain/parents/data-export.service.js';

/**
 * The zip of a child's data export, streamed as it is built: the PDF summary, one JSON file per
 * area, then the child's submitted files read from `<dataDir>/tasks/`. A file missing on disk is
 * listed in a note instead of breaking the download.
 */
export function zipStudentExport(bundle: ExportBundle, tasksRoot: string): Readable {
  const zip = archiver('zip', { zlib: { level: 6 } });
  for (const e of bundle.entries) zip.append(e.data, { name: e.name });
  const missing: string[] = [];
  for (const f of bundle.files) {
    const full = path.join(tasksRoot, f.storedPath);
    const safe = !f.storedPath.split('/').some((s) => s === '..' || s === '.' || s === '') && full.startsWith(tasksRoot + path.sep);
    if (safe && fs.existsSync(full)) zip.file(full, { name: f.name });
    else missing.push(f.name);
  }
  if (missing.length) {
    const folder = bundle.entries[0]?.name.split('/')[0] ?? 'du-lieu';
    zip.append(`Các tệp sau không còn trên máy chủ:\n${missing.join('\n')}\n`, { name: `${folder}/tep-bai-nop/KHONG-TIM-THAY.txt` });
  }
  void zip.finalize();
  return zip;
}
