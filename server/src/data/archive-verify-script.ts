/**
 * verify.mjs, written into every sealed archive package (Art. 8.2: verifiable on another machine).
 * Plain Node (18+), no dependencies: checks SHA256SUMS, the manifest's file list (size and SHA-256),
 * and the chain segment in records.jsonl (each record's payload digest, its hash over the canonical
 * header, the link to the previous record, the seal's head). The same rules as
 * domain/archive/archive-chain.ts and export-verify.ts; tests run both against the same packages.
 * Usage: node verify.mjs [folder] [--expect-head <hash>]   (exit 0 = intact, 1 = broken)
 */
export const VERIFY_SCRIPT = String.raw`#!/usr/bin/env node
// Kiểm tra gói hồ sơ lưu trữ Phonghoc (Thông tư 09/2021/TT-BGDĐT, Điều 8.2) — không cần cài thêm gì.
// Checks a Phonghoc records-archive package. Usage: node verify.mjs [folder] [--expect-head <hash>]
import { createHash } from 'node:crypto';
import { readFileSync, existsSync, statSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const expectAt = args.indexOf('--expect-head');
const expectHead = expectAt >= 0 ? args[expectAt + 1] : null;
const folder = args.find((a, i) => !a.startsWith('--') && i !== expectAt + 1) ?? dirname(fileURLToPath(import.meta.url));
const sha256 = (data) => createHash('sha256').update(data).digest('hex');
const problems = [];
const fail = (vi, en) => problems.push(vi + ' / ' + en);

function canonical(v) {
  if (v === null) return 'null';
  if (Array.isArray(v)) return '[' + v.map(canonical).join(',') + ']';
  if (typeof v === 'object') return '{' + Object.keys(v).filter((k) => v[k] !== undefined).sort().map((k) => JSON.stringify(k) + ':' + canonical(v[k])).join(',') + '}';
  if (typeof v === 'number' && !Number.isFinite(v)) throw new Error('non-finite number');
  return JSON.stringify(v);
}
const safe = (p) => typeof p === 'string' && p.length > 0 && !p.startsWith('/') && !p.split('/').includes('..');
const read = (p) => readFileSync(join(folder, p));

// 1. SHA256SUMS: every file of the package except itself.
if (!existsSync(join(folder, 'SHA256SUMS'))) fail('Thiếu tệp SHA256SUMS', 'SHA256SUMS is missing');
else {
  for (const line of read('SHA256SUMS').toString('utf8').split('\n').filter(Boolean)) {
    const m = /^([0-9a-f]{64}) [ *](.+)$/.exec(line);
    if (!m || !safe(m[2])) { fail('Dòng SHA256SUMS sai: ' + line, 'bad SHA256SUMS line: ' + line); continue; }
    if (!existsSync(join(folder, m[2]))) { fail('THIẾU TỆP: ' + m[2], 'MISSING FILE: ' + m[2]); continue; }
    if (sha256(read(m[2])) !== m[1]) fail('TỆP BỊ THAY ĐỔI: ' + m[2], 'FILE CHANGED: ' + m[2]);
  }
}

// 2. The manifest's own list (size and SHA-256 of every file).
let manifest = null;
try { manifest = JSON.parse(read('manifest.json').toString('utf8')); } catch { fail('Không đọc được manifest.json', 'manifest.json unreadable'); }
if (manifest) {
  for (const f of manifest.files ?? []) {
    if (!safe(f.path) || !existsSync(join(folder, f.path))) { fail('THIẾU TỆP: ' + f.path, 'MISSING FILE: ' + f.path); continue; }
    const data = read(f.path);
    if (data.length !== f.bytes || sha256(data) !== f.sha256) fail('TỆP BỊ THAY ĐỔI: ' + f.path + ' (khác manifest)', 'FILE CHANGED: ' + f.path + ' (differs from manifest)');
  }
}

// 3. The chain segment: records.jsonl against the manifest's chain and its seal.
let checked = 0;
if (manifest && existsSync(join(folder, 'records.jsonl'))) {
  const chain = manifest.chain;
  const listed = new Map((chain.records ?? []).map((r) => [r.seq, r]));
  let expectedSeq = chain.startSeq, prev = chain.startPrevHash, broken = null, last = null;
  const lines = read('records.jsonl').toString('utf8').split('\n').filter(Boolean);
  const disposed = new Set();
  const recs = [];
  for (const [i, line] of lines.entries()) {
    try { recs.push(JSON.parse(line)); } catch { broken = broken ?? { vi: 'dòng ' + (i + 1) + ' không đọc được', en: 'line ' + (i + 1) + ' unreadable' }; }
  }
  for (const r of recs) if (r.kind === 'archive.disposal' && typeof r.payload === 'string') {
    try { for (const d of JSON.parse(r.payload).records ?? []) disposed.add(d.seq); } catch {}
  }
  for (const r of recs) {
    if (broken) break;
    const at = (vi, en) => { broken = { vi: 'bản ghi số ' + r.seq + ': ' + vi, en: 'record ' + r.seq + ': ' + en }; };
    if (last !== null && r.seq <= last) { at('sai thứ tự', 'out of order'); break; }
    if (r.seq !== expectedSeq) { broken = { vi: 'bản ghi số ' + expectedSeq + ': bị xoá (thiếu số thứ tự)', en: 'record ' + expectedSeq + ': deleted (seq gap)' }; break; }
    if (r.prevHash !== prev) { at('liên kết với bản ghi trước bị đứt', 'link to the previous record broken'); break; }
    const entry = listed.get(r.seq);
    if (typeof r.payload === 'string') {
      if (sha256(r.payload) !== r.payloadSha256) { at('nội dung bị thay đổi', 'payload changed'); break; }
    } else if (!(entry && entry.payloadIncluded === false) && !disposed.has(r.seq)) { at('mất nội dung', 'payload missing'); break; }
    const header = { v: chain.format, seq: r.seq, category: r.category, kind: r.kind, ref: r.ref, title: r.title, schoolYearId: r.schoolYearId, semesterId: r.semesterId, actorId: r.actorId, recordedAt: r.recordedAt, payloadSha256: r.payloadSha256, prevHash: r.prevHash };
    if (sha256(canonical(header)) !== r.hash) { at('thông tin bản ghi bị thay đổi', 'record fields changed'); break; }
    if (!entry || entry.hash !== r.hash) { at('không khớp manifest', 'differs from the manifest'); break; }
    prev = r.hash; last = r.seq; expectedSeq = r.seq + 1; checked++;
  }
  if (!broken && (last !== chain.headSeq || prev !== chain.headHash)) broken = { vi: 'chuỗi không kết thúc ở bản ghi niêm phong số ' + chain.headSeq, en: 'the chain does not end at seal record ' + chain.headSeq };
  if (!broken && checked !== listed.size) broken = { vi: 'số bản ghi khác manifest', en: 'record count differs from the manifest' };
  if (broken) fail('CHUỖI HỒ SƠ BỊ ĐỨT: ' + broken.vi, 'CHAIN BROKEN: ' + broken.en);
  if (expectHead && chain.headHash !== expectHead) fail('Mã niêm phong khác mã được cung cấp', 'the seal hash differs from the expected one');
} else if (manifest) fail('Thiếu tệp records.jsonl', 'records.jsonl is missing');

if (problems.length) {
  console.error('KHÔNG HỢP LỆ / NOT VALID');
  for (const p of problems) console.error('  - ' + p);
  process.exit(1);
}
console.log('HỢP LỆ / VALID: ' + (manifest.files?.length ?? 0) + ' tệp, ' + checked + ' bản ghi; niêm phong / seal #' + manifest.chain.headSeq + ' ' + manifest.chain.headHash);
`;
