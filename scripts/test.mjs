// The whole test suite: starts a real PostgreSQL for the dual-dialect tests, runs every tap suite
// (unit, api, integration with mediasoup and ffmpeg, e2e in Chromium), stops PostgreSQL, and ends
// with one plain line "N passed, N failed". Extra arguments go to tap (e.g. a file to run alone).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { startPostgres } from './postgres-test-cluster.mjs';

const args = process.argv.slice(2);
let pg;
if (!process.env.PHONGHOC_TEST_PG_URL) {
  pg = await startPostgres();
  process.env.PHONGHOC_TEST_PG_URL = pg.url;
  console.log(`PostgreSQL for tests: ${pg.url}`);
}
// Tests must not skip PostgreSQL or Chromium silently: they fail when these are missing.
process.env.PHONGHOC_TEST_REQUIRE_ALL = '1';

const files = args.length ? args : ['tests/unit', 'tests/api', 'tests/integration', 'tests/e2e'].filter((d) => fs.existsSync(d) && fs.readdirSync(d).some((f) => f.endsWith('.test.ts')));
const child = spawn('npx', ['tap', '--reporter=terse', ...files], { stdio: ['ignore', 'pipe', 'inherit'], env: process.env });
let tail = '';
child.stdout.on('data', (chunk) => {
  process.stdout.write(chunk);
  tail = (tail + chunk.toString()).slice(-4000);
});
const code = await new Promise((resolve) => child.on('close', resolve));
pg?.stop();

const summary = /#\s*\{\s*total:\s*(\d+),\s*pass:\s*(\d+)(?:,\s*fail:\s*(\d+))?(?:,\s*skip:\s*(\d+))?/.exec(tail);
if (summary) {
  const [, total, pass, fail = '0', skip] = summary;
  const failed = Number(fail) || Number(total) - Number(pass) - Number(skip ?? 0);
  console.log(`\n${pass} passed, ${failed} failed${skip ? `, ${skip} skipped` : ''}`);
} else {
  console.log(`\n0 passed, 1 failed`);
  console.error('could not read the tap summary');
}
process.exit(code === 0 && summary ? 0 : 1);
