#!/usr/bin/env node
// Builds mediasoup's C++ worker (mediasoup 3.8.4) with the project's own patch.
//
// Run by the root package.json `postinstall` (mediasoup's own install script is
// denied in `allowScripts`: it would try to download a prebuilt worker from
// GitHub and build with an unpatched gyp tree). See
// /work/shared/design/dependencies.md, "mediasoup".
//
// Steps:
//   1. find node_modules/mediasoup and check it is 3.8.4;
//   2. if the worker binary exists and the stamp records the same patch hash:
//      print "mediasoup worker up to date" and stop;
//   3. apply media/patches/mediasoup-3.8.4.patch (skipped if already applied);
//   4. PYTHON=python3 make -C node_modules/mediasoup/worker;
//   5. check with ldd that the worker links the system's libssl.so.3;
//   6. write the stamp.
//
// Environment:
//   PHONGHOC_SKIP_WORKER_BUILD=1  skip everything (e.g. a worker is provided by
//                                 MEDIASOUP_WORKER_BIN, or in a JS-only CI job).
//   MEDIASOUP_MAX_CORES=N         parallel compile jobs (default: all cores).

import { createHash } from 'node:crypto';
import { spawnSync, spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync, copyFileSync, openSync, readSync, closeSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const EXPECTED_VERSION = '3.8.4';
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PATCH_FILE = path.join(ROOT, 'media', 'patches', `mediasoup-${EXPECTED_VERSION}.patch`);
const SETUP_HINT = 'Run `bash scripts/setup-debian.sh` (as root or with sudo) to install the build tools.';
const started = process.hrtime.bigint();

function log(msg) {
  console.log(`[mediasoup-worker] ${msg}`);
}

function elapsed() {
  const s = Number(process.hrtime.bigint() - started) / 1e9;
  const m = Math.floor(s / 60);
  return m > 0 ? `${m} m ${(s - m * 60).toFixed(1)} s` : `${s.toFixed(1)} s`;
}

function fail(msg) {
  console.error(`[mediasoup-worker] ERROR: ${msg}`);
  console.error(`[mediasoup-worker] failed after ${elapsed()}`);
  process.exit(1);
}

function run(cmd, args, opts = {}) {
  return spawnSync(cmd, args, { encoding: 'utf8', ...opts });
}

function commandExists(cmd) {
  const r = run('sh', ['-c', `command -v ${cmd}`]);
  return r.status === 0 && r.stdout.trim() !== '';
}

function sha256(file) {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

function readStamp(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

/** Parses `ldd` output into soname -> resolved path (null when "not found"). */
function lddLibraries(binary) {
  const r = run('ldd', [binary]);
  if (r.status !== 0) {
    fail(`ldd ${binary} failed (exit ${r.status}): ${(r.stderr || r.stdout).trim()}`);
  }
  const libs = new Map();
  for (const line of r.stdout.split('\n')) {
    const m = /^\s*(\S+)\s+=>\s+(.*?)\s*(\(0x[0-9a-f]+\))?\s*$/.exec(line);
    if (m) libs.set(m[1], m[2] === 'not found' ? null : m[2]);
  }
  return { libs, text: r.stdout };
}

/** True when the binary embeds an OpenSSL 1.x version string (a static, vendored OpenSSL). */
function embedsOpenSsl1(binary) {
  const needle = Buffer.from('OpenSSL 1.');
  const size = statSync(binary).size;
  const chunk = Buffer.alloc(1 << 20);
  const fd = openSync(binary, 'r');
  try {
    let pos = 0;
    let carry = Buffer.alloc(0);
    while (pos < size) {
      const n = readSync(fd, chunk, 0, chunk.length, pos);
      if (n <= 0) break;
      const buf = Buffer.concat([carry, chunk.subarray(0, n)]);
      if (buf.includes(needle)) return true;
      carry = buf.subarray(Math.max(0, buf.length - needle.length));
      pos += n;
    }
    return false;
  } finally {
    closeSync(fd);
  }
}

// ---------------------------------------------------------------------------

if (process.env.PHONGHOC_SKIP_WORKER_BUILD === '1') {
  log('PHONGHOC_SKIP_WORKER_BUILD=1: skipping the worker build (mediasoup will need MEDIASOUP_WORKER_BIN or a worker built later with `node scripts/build-mediasoup-worker.mjs`).');
  process.exit(0);
}

// 1. Locate mediasoup.
let pkgDir;
try {
  const require = createRequire(path.join(ROOT, 'package.json'));
  pkgDir = path.dirname(require.resolve('mediasoup/package.json'));
} catch {
  fail(`mediasoup is not installed under ${ROOT}/node_modules (run \`npm install\` first).`);
}
const version = JSON.parse(readFileSync(path.join(pkgDir, 'package.json'), 'utf8')).version;
if (version !== EXPECTED_VERSION) {
  fail(`found mediasoup ${version} at ${pkgDir}, but this script and ${path.relative(ROOT, PATCH_FILE)} are for ${EXPECTED_VERSION}. Pin "mediasoup": "${EXPECTED_VERSION}" in package.json.`);
}
if (!existsSync(PATCH_FILE)) fail(`patch file not found: ${PATCH_FILE}`);

const workerDir = path.join(pkgDir, 'worker');
const outDir = path.join(workerDir, 'out', 'Release');
const binary = path.join(outDir, 'mediasoup-worker');
const stampFile = path.join(outDir, '.phonghoc-stamp');
// Copy of the patch as applied, so that a changed patch can be swapped in.
const appliedCopy = path.join(pkgDir, '.phonghoc-applied.patch');
const patchHash = sha256(PATCH_FILE);

// 2. Up to date?
const stamp = readStamp(stampFile);
if (existsSync(binary) && stamp && stamp.patchSha256 === patchHash && stamp.mediasoupVersion === version) {
  log(`mediasoup worker up to date (${path.relative(ROOT, binary)}, patch sha256 ${patchHash.slice(0, 12)}, ${stamp.linkedOpenSsl ?? 'libssl ?'}) [${elapsed()}]`);
  process.exit(0);
}
log(`building mediasoup ${version} worker (patch sha256 ${patchHash.slice(0, 12)}${stamp ? `, stamp had ${String(stamp.patchSha256).slice(0, 12)}` : ', no stamp'})`);

// Build tools.
const missing = [];
for (const tool of ['python3', 'make', 'g++', 'gcc', 'patch', 'ldd']) {
  if (!commandExists(tool)) missing.push(tool);
}
if (missing.length > 0) fail(`missing build tools: ${missing.join(', ')}. ${SETUP_HINT}`);
{
  // OpenSSL 3 development headers (Debian libssl-dev).
  const r = run('g++', ['-E', '-P', '-x', 'c++', '-'], {
    input: '#include <openssl/opensslv.h>\n#include <openssl/ssl.h>\nphonghoc_openssl_major=OPENSSL_VERSION_MAJOR\n',
  });
  const m = /phonghoc_openssl_major=(\d+)/.exec(r.stdout ?? '');
  if (r.status !== 0 || !m) {
    fail(`OpenSSL development headers not found (libssl-dev). ${SETUP_HINT}`);
  }
  if (Number(m[1]) < 3) fail(`system OpenSSL headers are version ${m[1]}, need OpenSSL 3 (Debian 12 libssl-dev). ${SETUP_HINT}`);
}

// 3. Patch.
function patchCheck(file, reverse) {
  const args = ['-p1', '-f', '--dry-run', '-s', '-i', file];
  if (reverse) args.unshift('-R');
  return run('patch', args, { cwd: pkgDir });
}
function patchApply(file, reverse) {
  const args = ['-p1', '-f', '--no-backup-if-mismatch', '-r', '-', '-i', file];
  if (reverse) args.unshift('-R');
  const r = run('patch', args, { cwd: pkgDir });
  if (r.status !== 0) fail(`patch ${reverse ? '-R ' : ''}${file} failed:\n${r.stdout}${r.stderr}`);
}

if (patchCheck(PATCH_FILE, true).status === 0) {
  log('patch already applied, skipping');
} else if (patchCheck(PATCH_FILE, false).status === 0) {
  patchApply(PATCH_FILE, false);
  copyFileSync(PATCH_FILE, appliedCopy);
  log(`applied ${path.relative(ROOT, PATCH_FILE)}`);
} else if (existsSync(appliedCopy) && patchCheck(appliedCopy, true).status === 0) {
  // An older version of the project's patch is applied: take it out, put the new one in.
  patchApply(appliedCopy, true);
  if (patchCheck(PATCH_FILE, false).status !== 0) {
    patchApply(appliedCopy, false); // restore the previous state
    fail(`${path.relative(ROOT, PATCH_FILE)} does not apply to pristine mediasoup ${version}.`);
  }
  patchApply(PATCH_FILE, false);
  copyFileSync(PATCH_FILE, appliedCopy);
  log(`replaced the previously applied patch with ${path.relative(ROOT, PATCH_FILE)}`);
} else {
  const r = patchCheck(PATCH_FILE, false);
  fail(
    `${path.relative(ROOT, PATCH_FILE)} applies neither forwards nor in reverse to ${pkgDir}:\n` +
      `${r.stdout}${r.stderr}\n` +
      'The mediasoup sources were modified by something else. Reinstall a pristine copy: ' +
      '`rm -rf node_modules/mediasoup && npm install`.',
  );
}

// 4. Build.
const cores = process.env.MEDIASOUP_MAX_CORES || String(availableParallelism());
const env = { ...process.env, PYTHON: 'python3', MEDIASOUP_MAX_CORES: cores, MEDIASOUP_BUILDTYPE: 'Release' };
// mediasoup's Makefile builds nothing when MEDIASOUP_WORKER_BIN is set.
if (env.MEDIASOUP_WORKER_BIN) {
  log(`note: MEDIASOUP_WORKER_BIN=${env.MEDIASOUP_WORKER_BIN} is set; ignoring it for the build`);
  delete env.MEDIASOUP_WORKER_BIN;
}
delete env.MEDIASOUP_OUT_DIR;
delete env.CORES;
log(`PYTHON=python3 MEDIASOUP_MAX_CORES=${cores} make -C ${path.relative(ROOT, workerDir)}  (takes a few minutes)`);
const buildStarted = process.hrtime.bigint();
const status = await new Promise((resolve) => {
  const child = spawn('make', ['-C', workerDir], { env, stdio: ['ignore', 'inherit', 'inherit'] });
  child.on('error', (err) => {
    console.error(err);
    resolve(-1);
  });
  child.on('close', (code, signal) => resolve(signal ? `signal ${signal}` : code));
});
if (status !== 0) fail(`make exited with ${status}. See the compiler output above.`);
const buildSeconds = Number(process.hrtime.bigint() - buildStarted) / 1e9;
if (!existsSync(binary)) fail(`make succeeded but ${binary} does not exist.`);

// 5. Verify the OpenSSL linkage.
const { libs, text } = lddLibraries(binary);
const ssl = [...libs.entries()].find(([name]) => name.startsWith('libssl.so'));
const crypto = [...libs.entries()].find(([name]) => name.startsWith('libcrypto.so'));
if (!ssl || ssl[0] !== 'libssl.so.3' || !ssl[1] || !crypto || crypto[0] !== 'libcrypto.so.3' || !crypto[1]) {
  fail(`${binary} does not link the system's libssl.so.3/libcrypto.so.3. ldd says:\n${text}`);
}
if (embedsOpenSsl1(binary)) {
  fail(`${binary} still embeds a static OpenSSL 1.x (the vendored copy); the patch did not take effect.`);
}
log(`ldd: libssl.so.3 => ${ssl[1]}; libcrypto.so.3 => ${crypto[1]}`);

// 6. Stamp.
writeFileSync(
  stampFile,
  JSON.stringify(
    {
      mediasoupVersion: version,
      patchSha256: patchHash,
      linkedOpenSsl: ssl[0],
      builtAt: new Date().toISOString(),
      buildSeconds: Math.round(buildSeconds * 10) / 10,
    },
    null,
    2,
  ) + '\n',
);
log(`built ${path.relative(ROOT, binary)} (${(statSync(binary).size / 1e6).toFixed(1)} MB) in ${elapsed()}`);
