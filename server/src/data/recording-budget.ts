import fs from 'node:fs';
import path from 'node:path';
import type { RecordingPolicyPort } from '../domain/live-room/ports.js';
import type { SettingsService } from '../domain/settings/settings.service.js';

async function folderBytes(dir: string): Promise<number> {
  const entries = await fs.promises.readdir(dir, { withFileTypes: true }).catch(() => []);
  let total = 0;
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) total += await folderBytes(p);
    else if (e.isFile()) total += (await fs.promises.stat(p).catch(() => ({ size: 0 }))).size;
  }
  return total;
}

/**
 * What is left for recordings: the school's budget minus what the recordings folder holds,
 * and never more than the disk's free space.
 */
export function recordingPolicy(settings: SettingsService, recordingsDir: string): RecordingPolicyPort {
  return {
    async check() {
      const s = await settings.recording();
      const used = await folderBytes(recordingsDir);
      fs.mkdirSync(recordingsDir, { recursive: true });
      const disk = await fs.promises.statfs(recordingsDir);
      const free = disk.bavail * disk.bsize;
      return { allowed: s.allowed, remainingBytes: Math.min(s.budgetGb * 1024 ** 3 - used, free) };
    },
  };
}
