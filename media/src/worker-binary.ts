// Where the mediasoup C++ worker lives, and which OpenSSL it links.
//
// The worker is built by scripts/build-mediasoup-worker.mjs (root postinstall)
// from mediasoup 3.8.4 with media/patches/mediasoup-3.8.4.patch, and links the
// system's OpenSSL 3 (Debian libssl-dev) rather than the vendored 1.1.1k.

import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export interface WorkerBuildInfo {
  /** Absolute path of the worker binary mediasoup will spawn. */
  path: string;
  /** Whether that file exists. */
  exists: boolean;
  /** libssl soname the binary is dynamically linked to (e.g. "libssl.so.3"), or null. */
  linkedOpenSsl: string | null;
}

const require = createRequire(import.meta.url);

let cachedPackageDir: string | undefined;
let cachedInfo: WorkerBuildInfo | undefined;

/** Directory of the installed mediasoup package (node_modules/mediasoup). */
export function mediasoupPackageDir(): string {
  cachedPackageDir ??= path.dirname(require.resolve('mediasoup/package.json'));
  return cachedPackageDir;
}

/** Path of the worker built by the postinstall step (whether or not it exists). */
export function builtWorkerPath(): string {
  return path.join(mediasoupPackageDir(), 'worker', 'out', 'Release', 'mediasoup-worker');
}

/**
 * The worker binary mediasoup uses: `MEDIASOUP_WORKER_BIN` when set (mediasoup
 * 3.8.4 reads the same variable), else the worker built into node_modules.
 */
export function mediasoupWorkerPath(): string {
  const fromEnv = process.env['MEDIASOUP_WORKER_BIN'];
  if (fromEnv !== undefined && fromEnv !== '') return path.resolve(fromEnv);
  return builtWorkerPath();
}

/** Extracts the libssl soname from `ldd` output, or null when it is not linked. */
export function parseLibsslSoname(lddOutput: string): string | null {
  for (const line of lddOutput.split('\n')) {
    const m = /^\s*(libssl\.so(?:\.[0-9.]+)?)\s+=>\s+(.*)$/.exec(line);
    if (m?.[1] !== undefined && m[2] !== undefined && !m[2].startsWith('not found')) return m[1];
  }
  return null;
}

/**
 * Path, existence and OpenSSL linkage of the worker. `ldd` runs once per
 * process (per worker path); the result is cached.
 */
export function workerBuildInfo(): WorkerBuildInfo {
  const workerPath = mediasoupWorkerPath();
  if (cachedInfo !== undefined && cachedInfo.path === workerPath) return cachedInfo;
  const exists = existsSync(workerPath);
  let linkedOpenSsl: string | null = null;
  if (exists) {
    try {
      const out = execFileSync('ldd', [workerPath], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
        timeout: 10_000,
      });
      linkedOpenSsl = parseLibsslSoname(out);
    } catch {
      // ldd missing, or "not a dynamic executable" (exit 1): no dynamic libssl.
      linkedOpenSsl = null;
    }
  }
  cachedInfo = { path: workerPath, exists, linkedOpenSsl };
  return cachedInfo;
}
