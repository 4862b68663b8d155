import fs from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import t from 'tap';
import { TaskFiles } from '../../server/src/data/task-files.js';
import { FsMaterialFileStore } from '../../server/src/data/material-files.js';
import { H5pFileStore } from '../../server/src/data/h5p-files.js';

// Uploads a crash left half-way are removed at the next start; fresh ones (an upload in flight)
// and anything that is not a temp upload stay. Real files with real modification times.
const HOUR = 3_600_000;

function touch(file: string, ageMs: number, dir = false) {
  fs.mkdirSync(dir ? file : path.dirname(file), { recursive: true });
  if (!dir) fs.writeFileSync(file, 'x');
  const when = new Date(Date.now() - ageMs);
  fs.utimesSync(file, when, when);
}

t.test('task uploads left in .tmp are swept at start', async (t) => {
  const dataDir = fs.mkdtempSync(path.join(tmpdir(), 'ph-stale-'));
  t.teardown(() => fs.rmSync(dataDir, { recursive: true, force: true }));
  const tmp = path.join(dataDir, 'tasks', '.tmp');
  const old = '3f2a3c1e-8b1d-4c59-9d7e-0a1b2c3d4e5f';
  const fresh = '5b6c7d8e-1f2a-4b3c-8d9e-0f1a2b3c4d5e';
  touch(path.join(tmp, old), 2 * HOUR);
  touch(path.join(tmp, fresh), 60_000);
  touch(path.join(tmp, 'notes.txt'), 5 * HOUR);
  touch(path.join(dataDir, 'tasks', '12', 'bai-lam.pdf'), 5 * HOUR);
  new TaskFiles(dataDir);
  t.notOk(fs.existsSync(path.join(tmp, old)), 'crash leftover removed');
  t.ok(fs.existsSync(path.join(tmp, fresh)), 'an upload in flight stays');
  t.ok(fs.existsSync(path.join(tmp, 'notes.txt')), 'a file that is not a temp upload stays');
  t.ok(fs.existsSync(path.join(dataDir, 'tasks', '12', 'bai-lam.pdf')), 'stored work is never touched');
});

t.test('material uploads left in .incoming are swept at start', async (t) => {
  const dataDir = fs.mkdtempSync(path.join(tmpdir(), 'ph-stale-'));
  t.teardown(() => fs.rmSync(dataDir, { recursive: true, force: true }));
  const incoming = path.join(dataDir, 'materials', '.incoming');
  touch(path.join(incoming, '1700000000000-aa.part'), 3 * HOUR);
  touch(path.join(incoming, '1700000000001-bb.part'), 10_000);
  touch(path.join(dataDir, 'materials', '4', 'video.webm'), 3 * HOUR);
  const store = new FsMaterialFileStore(dataDir);
  t.same(fs.readdirSync(incoming), ['1700000000001-bb.part']);
  t.ok(fs.existsSync(path.join(dataDir, 'materials', '4', 'video.webm')));
  t.same(store.removeStaleUploads(Date.now() + 2 * HOUR), ['1700000000001-bb.part'], 'goes once it is old');
});

t.test('H5P staging folders left by a crash are swept at start', async (t) => {
  const dataDir = fs.mkdtempSync(path.join(tmpdir(), 'ph-stale-'));
  t.teardown(() => fs.rmSync(dataDir, { recursive: true, force: true }));
  const store = new H5pFileStore(dataDir);
  const staging = store.tmpDir;
  touch(path.join(staging, 'upload-old', 'content', 'content.json'), HOUR);
  touch(path.join(staging, 'upload-old'), 2 * HOUR, true);
  touch(path.join(staging, 'upload-new'), 1000, true);
  t.same(store.removeStaleStaging(), ['upload-old']);
  t.ok(fs.existsSync(path.join(staging, 'upload-new')));
});
