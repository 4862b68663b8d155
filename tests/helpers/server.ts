import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';
import { execFileSync } from 'node:child_process';
import { loadConfig } from '../../server/src/config/config.js';
import { openDatabase, migrate } from '../../server/src/db/database.js';
import { seedDemoSchool } from '../../server/src/db/seed-demo.js';
import { Argon2Hasher } from '../../server/src/data/argon2-hasher.js';
import { startAppliance } from '../../server/src/server.js';
import type { DemoSchool } from '../../server/src/domain/demo/demo-school.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const UI_SOURCES = path.join(ROOT, 'ui');
const UI_DIST = path.join(ROOT, 'dist', 'ui');

export interface TestServer {
  /** http://localhost:PORT: a secure context for Chromium, so Secure cookies work without TLS. */
  baseUrl: string;
  dataDir: string;
  /** The HTTPS listener's port (the LAN address with the box's own certificate). */
  httpsPort: number;
  /** The seeded demo school (names, classes, accounts), unless `demo: false`. */
  demo: DemoSchool | undefined;
  close(): Promise<void>;
}

interface Tap {
  teardown(fn: () => unknown): void;
}

/** A free TCP port on the loopback interface (bound, read, released). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

/**
 * Builds the UI when dist/ui is missing or older than ui/ (so a fresh checkout and a just-edited
 * component both test what the sources say). A lock directory keeps parallel test files from
 * building at the same time.
 */
export function ensureUiBuilt(): void {
  const index = path.join(UI_DIST, 'index.html');
  const fresh = () => fs.existsSync(index) && fs.statSync(index).mtimeMs >= newestMtime(UI_SOURCES);
  if (fresh()) return;
  const lock = path.join(ROOT, 'dist', '.ui-build.lock');
  fs.mkdirSync(path.dirname(lock), { recursive: true });
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch {
      // Another test file is building; a lock older than three minutes is left from a crash.
      const held = fs.statSync(lock, { throwIfNoEntry: false });
      if (held && Date.now() - held.mtimeMs > 180_000) fs.rmSync(lock, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`timed out waiting for the UI build lock ${lock}`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 250);
    }
  }
  try {
    if (!fresh()) execFileSync('npx', ['vite', 'build', '--config', 'ui/vite.config.ts', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

/**
 * The real appliance (startAppliance from server/src/server.ts) on a temp data dir with the demo
 * school seeded, listening on free loopback ports. Closed and removed when the test ends.
 */
export async function startTestServer(t: Tap, opts: {
  demo?: boolean;
  /** Extra PHONGHOC_* settings, e.g. { PHONGHOC_DEMO_CAMERA: '1' }. */
  env?: Record<string, string>;
  /** Runs on the migrated database before the server starts (e.g. to add health history). */
  beforeStart?: (knex: ReturnType<typeof openDatabase>['knex']) => Promise<void>;
  /** false: API only, without building or serving the UI (box-to-box tests). */
  ui?: boolean;
} = {}): Promise<TestServer> {
  if (opts.ui !== false) ensureUiBuilt();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'phonghoc-e2e-'));
  // The server reads dist/ui from disk while it runs: a private copy keeps a concurrent rebuild
  // (another test file, a developer's `npm run build`) from pulling files away mid-test.
  const uiDir = path.join(dataDir, 'ui');
  if (opts.ui !== false) fs.cpSync(UI_DIST, uiDir, { recursive: true });

  let demo: DemoSchool | undefined;
  if (opts.demo !== false) {
    const db = openDatabase({ dataDir });
    try {
      await migrate(db);
      demo = await seedDemoSchool(db.knex, new Argon2Hasher());
      if (opts.beforeStart) await opts.beforeStart(db.knex);
    } finally {
      await db.close();
    }
  }

  const httpPort = await freePort();
  let httpsPort = await freePort();
  while (httpsPort === httpPort) httpsPort = await freePort();
  const config = loadConfig({
    PHONGHOC_DATA_DIR: dataDir,
    PHONGHOC_HTTP_HOST: '127.0.0.1',
    PHONGHOC_HTTP_PORT: String(httpPort),
    PHONGHOC_HTTPS_HOST: '127.0.0.1',
    PHONGHOC_HTTPS_PORT: String(httpsPort),
    PHONGHOC_HOSTNAME: 'localhost',
    PHONGHOC_PUBLIC_ADDRESSES: '127.0.0.1',
    PHONGHOC_SECURE_COOKIES: 'true',
    PHONGHOC_LOG_LEVEL: 'warn',
    ...opts.env,
  });
  const appliance = await startAppliance(config, { uiDir });
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await appliance.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  t.teardown(close);
  return { baseUrl: `http://localhost:${httpPort}`, httpsPort, dataDir, demo, close };
}
