import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import t from 'tap';
import JSZip from 'jszip';
import { H5pFileStore } from '../../server/src/data/h5p-files.js';
import { buildQuickCheckPackage, type PackOptions } from '../../server/src/data/h5p-quickcheck.js';
import { h5pEditorStatus } from '../../server/src/data/h5p-editor-files.js';
import {
  H5P_LIMITS, checkEntries, checkFileTypes, checkH5pJson, checkLibraryJson, checkRequiredFiles, libraryFolders, parseJson, planPackage,
} from '../../server/src/domain/h5p/package-rules.js';
import { checkStatement, gradebookScore, nextResult } from '../../server/src/domain/h5p/xapi-rules.js';
import { H5pService } from '../../server/src/domain/h5p/h5p.service.js';
import type { Transactor } from '../../server/src/domain/repos.js';
import { DomainError } from '../../server/src/domain/shared/errors.js';

/** Package validation (Art. 9.3, 10.2) on real, crafted .h5p zips, read by the real file store. */
const Q = { title: 'Câu hỏi', question: 'Số nào là số nguyên tố?', options: [{ text: '21', correct: false }, { text: '29', correct: true }] };
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'h5p-unit-'));
t.teardown(() => fs.rmSync(dir, { recursive: true, force: true }));
const store = new H5pFileStore(dir);

/** Validates like the service does, against `installed`; returns the plan or the error code. */
async function validate(data: Buffer, installed: { machineName: string; majorVersion: number; minorVersion: number; patchVersion: number }[] = []) {
  try {
    const pkg = await store.open(data);
    checkEntries(pkg.entries);
    checkRequiredFiles(pkg.entries);
    checkFileTypes(pkg.entries, await store.allowlist());
    const h5p = checkH5pJson(parseJson(await pkg.text('h5p.json', H5P_LIMITS.metadataBytes), 'h5p.json'));
    const libs = [];
    for (const f of libraryFolders(pkg.entries)) libs.push(checkLibraryJson(f, parseJson(await pkg.text(`${f}/library.json`, H5P_LIMITS.metadataBytes), `${f}/library.json`)));
    return planPackage(h5p, libs, installed.map((l, i) => ({ id: i + 1, ...l })), pkg.entries);
  } catch (err) {
    if (err instanceof DomainError) return err.code;
    throw err;
  }
}
const pack = (o: PackOptions = {}) => buildQuickCheckPackage(Q, o);
const installed = (patch: number) => [{ machineName: 'H5P.PhonghocQuickCheck', majorVersion: 1, minorVersion: 0, patchVersion: patch }];

t.test('a valid package gives a plan', async (t) => {
  const plan = await validate(await pack());
  t.not(typeof plan, 'string', String(plan));
  if (typeof plan === 'string') return;
  t.equal(plan.mainLibrary, 'H5P.PhonghocQuickCheck 1.0');
  t.same(plan.install.map((l) => l.folder), ['H5P.PhonghocQuickCheck-1.0']);
  t.same(plan.contentFiles.sort(), ['content/content.json', 'h5p.json']);
  t.ok(plan.libraryFiles['H5P.PhonghocQuickCheck-1.0']!.includes('H5P.PhonghocQuickCheck-1.0/quick-check.js'));
});

t.test('unsafe paths', async (t) => {
  t.equal(await validate(await pack({ tweak: (z) => z.file('../escape.json', '{}') })), 'H5P_UNSAFE_PATH', 'parent traversal');
  t.equal(await validate(await pack({ tweak: (z) => z.file('content/../../escape.json', '{}') })), 'H5P_UNSAFE_PATH', 'traversal inside a path');
  t.equal(await validate(await pack({ tweak: (z) => z.file('/etc/passwd.json', '{}') })), 'H5P_UNSAFE_PATH', 'absolute path');
  t.equal(await validate(await pack({ tweak: (z) => z.file('C:/Windows/evil.json', '{}') })), 'H5P_UNSAFE_PATH', 'drive letter');
  t.equal(await validate(await pack({ tweak: (z) => z.file('content\\..\\evil.json', '{}') })), 'H5P_UNSAFE_PATH', 'backslashes');
  t.equal(await validate(await pack({ tweak: (z) => z.file('content/link.json', '/etc/passwd', { unixPermissions: 0o120777 }) })), 'H5P_UNSAFE_PATH', 'symlink');
});

t.test('file types on H5P\'s allowlists', async (t) => {
  t.equal(await validate(await pack({ tweak: (z) => z.file('content/shell.php', '<?php') })), 'H5P_FILE_TYPE_NOT_ALLOWED');
  t.equal(await validate(await pack({ tweak: (z) => z.file('content/page.html', '<script>') })), 'H5P_FILE_TYPE_NOT_ALLOWED');
  t.equal(await validate(await pack({ tweak: (z) => z.file('content/code.js', 'x') })), 'H5P_FILE_TYPE_NOT_ALLOWED', 'scripts only in libraries');
  t.equal(await validate(await pack({ tweak: (z) => z.file('readme.txt', 'x') })), 'H5P_FILE_TYPE_NOT_ALLOWED', 'no loose root files');
  t.equal(await validate(await pack({ tweak: (z) => z.file('H5P.PhonghocQuickCheck-1.0/tool.exe', 'MZ') })), 'H5P_FILE_TYPE_NOT_ALLOWED');
  const ok = await validate(await pack({ tweak: (z) => { z.file('content/images/a.png', Buffer.from([0x89, 0x50])); z.file('__MACOSX/._x', 'junk'); z.file('content/.DS_Store', 'junk'); } }));
  t.not(typeof ok, 'string', 'allowed types and ignored OS junk pass');
  if (typeof ok !== 'string') t.notOk(ok.contentFiles.some((f) => f.includes('DS_Store') || f.includes('MACOSX')), 'OS junk is never extracted');
});

t.test('metadata', async (t) => {
  t.equal(await validate(await pack({ tweak: (z) => z.remove('h5p.json') })), 'H5P_MISSING_H5P_JSON');
  t.equal(await validate(await pack({ tweak: (z) => z.file('h5p.json', 'not json') })), 'H5P_INVALID_METADATA');
  t.equal(await validate(await pack({ tweak: (z) => z.file('h5p.json', JSON.stringify({ title: 'x', mainLibrary: 'H5P.Other', preloadedDependencies: [] })) })), 'H5P_INVALID_METADATA', 'main library not in the dependencies');
  t.equal(await validate(await pack({ tweak: (z) => z.remove('content/content.json') })), 'H5P_INVALID_METADATA', 'content.json required');
  t.equal(await validate(await pack({ tweak: (z) => z.file('H5P.PhonghocQuickCheck-1.0/library.json', JSON.stringify({ machineName: 'H5P.Other', majorVersion: 1, minorVersion: 0, patchVersion: 0 })) })), 'H5P_INVALID_METADATA', 'folder and library.json disagree');
  t.equal(await validate(await pack({ tweak: (z) => z.remove('H5P.PhonghocQuickCheck-1.0/quick-check.js') })), 'H5P_INVALID_METADATA', 'a preloaded file is missing');
  const needsNewCore = await pack({ tweak: (z) => z.file('H5P.PhonghocQuickCheck-1.0/library.json', JSON.stringify({ title: 'x', machineName: 'H5P.PhonghocQuickCheck', majorVersion: 1, minorVersion: 0, patchVersion: 0, coreApi: { majorVersion: 2, minorVersion: 0 } })) });
  t.equal(await validate(needsNewCore), 'H5P_CORE_TOO_OLD');
});

t.test('dependencies and versions', async (t) => {
  t.equal(await validate(await pack({ withoutLibrary: true })), 'H5P_MISSING_LIBRARY', 'library neither in the package nor installed');
  const usesInstalled = await validate(await pack({ withoutLibrary: true }), installed(0));
  t.not(typeof usesInstalled, 'string', 'an installed library satisfies the dependency');
  if (typeof usesInstalled !== 'string') t.same(usesInstalled.install, []);
  const dep = (z: JSZip) => z.file('H5P.PhonghocQuickCheck-1.0/library.json', JSON.stringify({ title: 'x', machineName: 'H5P.PhonghocQuickCheck', majorVersion: 1, minorVersion: 0, patchVersion: 0, preloadedDependencies: [{ machineName: 'H5P.JoubelUI', majorVersion: 1, minorVersion: 3 }] }));
  const missing = await validate(await pack({ tweak: dep }));
  t.equal(missing, 'H5P_MISSING_LIBRARY', 'a dependency of a package library is checked too');

  t.equal(await validate(await pack({ patchVersion: 1 }), installed(2)), 'H5P_LIBRARY_DOWNGRADE', 'older patch than installed');
  const same = await validate(await pack({ patchVersion: 2 }), installed(2));
  if (typeof same !== 'string') {
    t.same(same.install, [], 'same version: kept');
    t.same(same.keep, ['H5P.PhonghocQuickCheck 1.0']);
  } else t.fail(same);
  const upgrade = await validate(await pack({ patchVersion: 5 }), installed(2));
  if (typeof upgrade !== 'string') t.match(upgrade.install, [{ patchVersion: 5, upgradeFrom: 2 }], 'newer patch: upgrade');
  else t.fail(upgrade);
});

t.test('zip bombs, entry counts and sizes', async (t) => {
  t.equal(await validate(await pack({ tweak: (z) => z.file('content/zeros.txt', Buffer.alloc(20 * 1024 * 1024)) })), 'H5P_ZIP_BOMB');
  t.throws(() => checkEntries(Array.from({ length: H5P_LIMITS.entries + 1 }, (_, i) => ({ path: `content/${i}.json`, isDirectory: false, isSymlink: false, compressedSize: 10, uncompressedSize: 10 }))), { code: 'H5P_TOO_MANY_FILES' });
  t.throws(() => checkEntries([{ path: 'content/a.mp4', isDirectory: false, isSymlink: false, compressedSize: H5P_LIMITS.unpackedBytes, uncompressedSize: H5P_LIMITS.unpackedBytes + 1 }]), { code: 'H5P_ZIP_BOMB' }, 'too large once unpacked');
  t.equal(await validate(Buffer.from('PK\u0003\u0004 broken')), 'H5P_NOT_A_PACKAGE');

  // An entry that lies about its size is stopped while extracting (the real bytes are counted).
  const data = await pack();
  const pkg = await store.open(data);
  const entry = pkg.entries.find((e) => e.path === 'content/content.json')!;
  entry.uncompressedSize = 5; // as if the directory declared 5 bytes
  const plan = await validate(data);
  if (typeof plan === 'string') return t.fail(plan);
  await t.rejects(store.stage(pkg, plan), { code: 'H5P_ZIP_BOMB' });
  t.same(fs.readdirSync(path.join(dir, 'h5p', 'tmp')), [], 'the staging folder is removed');
});

t.test('staging, commit and rollback on real folders', async (t) => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'h5p-stage-'));
  t.teardown(() => fs.rmSync(root, { recursive: true, force: true }));
  const files = new H5pFileStore(root);
  const lib = path.join(root, 'h5p', 'libraries', 'H5P.PhonghocQuickCheck-1.0', 'library.json');
  const first = await files.open(await pack());
  const plan1 = await validate(await pack());
  if (typeof plan1 === 'string') return t.fail(plan1);
  const s1 = await files.stage(first, plan1);
  t.notOk(fs.existsSync(lib), 'staging writes nothing in place');
  await s1.commit(1);
  await s1.finish();
  t.equal(JSON.parse(fs.readFileSync(lib, 'utf8')).patchVersion, 0);
  t.ok(fs.existsSync(path.join(root, 'h5p', 'content', '1', 'content.json')));

  // An upgrade moved into place, then undone (as when the database transaction fails).
  const data = await pack({ patchVersion: 4 });
  const plan2 = await validate(data, installed(0));
  if (typeof plan2 === 'string') return t.fail(plan2);
  const s2 = await files.stage(await files.open(data), plan2);
  await s2.commit(2);
  t.equal(JSON.parse(fs.readFileSync(lib, 'utf8')).patchVersion, 4, 'upgraded in place');
  await s2.rollback();
  t.equal(JSON.parse(fs.readFileSync(lib, 'utf8')).patchVersion, 0, 'the replaced library is restored');
  t.notOk(fs.existsSync(path.join(root, 'h5p', 'content', '2')), 'the new content folder is removed');
  t.same(fs.readdirSync(path.join(root, 'h5p', 'tmp')), [], 'no staging left');
  t.same(await files.resolve('content', '1', '../../libraries/H5P.PhonghocQuickCheck-1.0/library.json'), undefined, 'resolve stays inside the folder');
  t.ok(await files.resolve('library', 'H5P.PhonghocQuickCheck-1.0', 'quick-check.js'));
});

t.test('an oversized upload is refused before it is opened', async (t) => {
  const untouchable: Transactor = { run: () => Promise.reject(new Error('no database expected')), read: () => Promise.reject(new Error('no database expected')) };
  const service = new H5pService({ tx: untouchable, files: store, gradebookFeed: () => undefined });
  const actor = { accountId: 1, login: 'GV', ip: '127.0.0.1', personId: 1, roles: ['teacher' as const] };
  await t.rejects(service.upload(actor, { data: Buffer.alloc(H5P_LIMITS.packageBytes + 1), name: 'big.h5p' }), { code: 'H5P_PACKAGE_TOO_LARGE' });
  await t.rejects(service.upload({ ...actor, roles: ['student'] }, { data: await pack(), name: 'a.h5p' }), { code: 'FORBIDDEN' });
});

t.test('xAPI statements', async (t) => {
  const who = { name: 'Nguyễn Văn An', login: '79000701000000000001', homePage: 'https://box' };
  const s = checkStatement({ actor: { mbox: 'mailto:x@y' }, authority: { name: 'x' }, verb: { id: 'http://adlnet.gov/expapi/verbs/answered' }, result: { score: { raw: 3, max: 4 }, completion: true } }, who);
  t.match(s, { verb: 'answered', score: { raw: 3, max: 4, scaled: 0.75 }, completed: true, topLevel: true });
  t.same(s.statement.actor, { objectType: 'Agent', name: who.name, account: { homePage: who.homePage, name: who.login } });
  t.notOk('authority' in s.statement);
  t.throws(() => checkStatement({ verb: { id: 'http://x/answered' }, result: { score: { raw: 5, max: 4 } } }, who), { code: 'H5P_XAPI_INVALID' });
  t.throws(() => checkStatement({ verb: { id: 'http://x/answered' }, result: { score: { raw: 1, max: 4, min: -4 } } }, who), { code: 'H5P_XAPI_INVALID' });
  t.throws(() => checkStatement({ verb: 'answered' }, who), { code: 'H5P_XAPI_INVALID' });
  t.throws(() => checkStatement([], who), { code: 'H5P_XAPI_INVALID' });

  const at = '2026-11-28T09:00:00.000Z';
  const first = nextResult(null, s, { contentId: 1, studentId: 2, at, previous: undefined })!;
  t.match(first, { attempts: 1, last: { raw: 3 }, best: { raw: 3 }, completedAt: at });
  const done = checkStatement({ verb: { id: 'http://adlnet.gov/expapi/verbs/completed' }, result: { score: { raw: 3, max: 4 }, completion: true } }, who);
  t.equal(nextResult(first, done, { contentId: 1, studentId: 2, at, previous: { verb: 'answered', scoreRaw: 3, scoreMax: 4 } })!.attempts, 1, 'completed after answered: the same attempt');
  const worse = checkStatement({ verb: { id: 'http://adlnet.gov/expapi/verbs/answered' }, result: { score: { raw: 1, max: 4 }, completion: true } }, who);
  const second = nextResult(first, worse, { contentId: 1, studentId: 2, at, previous: { verb: 'completed', scoreRaw: 3, scoreMax: 4 } })!;
  t.match(second, { attempts: 2, last: { raw: 1 }, best: { raw: 3 } });
  t.equal(gradebookScore(second, 'best'), 7.5);
  t.equal(gradebookScore(second, 'last'), 2.5);
  t.equal(nextResult(first, checkStatement({ verb: { id: 'http://adlnet.gov/expapi/verbs/interacted' } }, who), { contentId: 1, studentId: 2, at, previous: undefined }), null, 'no score: no result');
});

t.test('editor detection (core and editor files)', async (t) => {
  const data = fs.mkdtempSync(path.join(os.tmpdir(), 'h5p-core-'));
  t.teardown(() => fs.rmSync(data, { recursive: true, force: true }));
  t.match(h5pEditorStatus(data, undefined), { available: false, core: false, editor: false }, 'nothing installed');
  const core = path.join(data, 'h5p');
  fs.mkdirSync(path.join(core, 'core', 'js'), { recursive: true });
  fs.mkdirSync(path.join(core, 'core', 'styles'), { recursive: true });
  fs.writeFileSync(path.join(core, 'core', 'js', 'h5p.js'), '');
  fs.writeFileSync(path.join(core, 'core', 'styles', 'h5p.css'), '');
  t.match(h5pEditorStatus(data, undefined), { available: false, core: true, editor: false, missing: ['editor/scripts/h5peditor.js'] }, 'core without editor: no editor');
  fs.mkdirSync(path.join(core, 'editor', 'scripts'), { recursive: true });
  fs.writeFileSync(path.join(core, 'editor', 'scripts', 'h5peditor.js'), '');
  t.match(h5pEditorStatus(data, undefined), { available: true, core: true, editor: true }, '<dataDir>/h5p/{core,editor}');
  t.match(h5pEditorStatus(os.tmpdir(), core), { available: true }, 'PHONGHOC_H5P_CORE_DIR wins');
  t.match(h5pEditorStatus(data, path.join(data, 'nowhere')), { available: false });
});
