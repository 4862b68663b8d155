import fs from 'node:fs';
import path from 'node:path';

/**
 * Temporary uploads a crash left behind (the server stopped between receiving a file and moving it
 * into place) are removed when the store starts. Only entries that `match` and are older than
 * `olderThanMs` go, so an upload in flight in another process is never touched.
 */
export function removeStaleTemp(dir: string, opts: { match: (name: string, isDirectory: boolean) => boolean; olderThanMs?: number; now?: number }): string[] {
  const removed: string[] = [];
  if (!fs.existsSync(dir)) return removed;
  const now = opts.now ?? Date.now();
  const age = opts.olderThanMs ?? 3_600_000;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (!opts.match(e.name, e.isDirectory())) continue;
    const p = path.join(dir, e.name);
    try {
      if (now - fs.statSync(p).mtimeMs > age) {
        fs.rmSync(p, { recursive: true, force: true });
        removed.push(e.name);
      }
    } catch {
      // another process removed it first
    }
  }
  return removed;
}
