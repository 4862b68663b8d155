import { sha256Hex } from './canonical-json.js';
import { verifyChain, type ChainRecord } from './archive-chain.js';

/**
 * Checks a sealed archive package without the database (the CLI's `archive verify-export`): the same
 * checks as the package's own verify.mjs, done by the box's code, so a package whose verify.mjs was
 * replaced is still judged by rules it cannot change. `files` are the package's files by path.
 */
export interface ExportVerification {
  ok: boolean;
  problems: string[];
  files: number;
  records: number;
  headSeq: number | null;
  headHash: string | null;
}

interface Manifest {
  files?: { path: string; bytes: number; sha256: string }[];
  chain?: { format: number; startSeq: number; startPrevHash: string; headSeq: number; headHash: string; records: { seq: number; hash: string; payloadIncluded: boolean }[] };
}

export function verifyExportFiles(files: ReadonlyMap<string, Uint8Array>, opts: { expectHead?: string } = {}): ExportVerification {
  const problems: string[] = [];
  const text = (p: string) => (files.has(p) ? Buffer.from(files.get(p)!).toString('utf8') : null);
  const sums = text('SHA256SUMS');
  if (sums === null) problems.push('Thiếu tệp SHA256SUMS / SHA256SUMS is missing');
  else {
    for (const line of sums.split('\n').filter(Boolean)) {
      const m = /^([0-9a-f]{64}) [ *](.+)$/.exec(line);
      if (!m) { problems.push(`Dòng SHA256SUMS sai / bad SHA256SUMS line: ${line}`); continue; }
      const data = files.get(m[2]!);
      if (!data) problems.push(`THIẾU TỆP / MISSING FILE: ${m[2]}`);
      else if (sha256Hex(data) !== m[1]) problems.push(`TỆP BỊ THAY ĐỔI / FILE CHANGED: ${m[2]}`);
    }
  }
  let manifest: Manifest | null = null;
  try {
    manifest = JSON.parse(text('manifest.json') ?? '') as Manifest;
  } catch {
    problems.push('Không đọc được manifest.json / manifest.json unreadable');
  }
  let records = 0;
  if (manifest?.chain) {
    for (const f of manifest.files ?? []) {
      const data = files.get(f.path);
      if (!data) problems.push(`THIẾU TỆP / MISSING FILE: ${f.path}`);
      else if (data.length !== f.bytes || sha256Hex(data) !== f.sha256) problems.push(`TỆP BỊ THAY ĐỔI (khác manifest) / FILE CHANGED (differs from manifest): ${f.path}`);
    }
    const chain = manifest.chain;
    const lines = (text('records.jsonl') ?? '').split('\n').filter(Boolean);
    let recs: ChainRecord[] = [];
    try {
      recs = lines.map((l) => JSON.parse(l) as ChainRecord);
    } catch {
      problems.push('records.jsonl không đọc được / records.jsonl unreadable');
    }
    const listed = new Map(chain.records.map((r) => [r.seq, r]));
    const v = verifyChain(recs, {
      start: { seq: chain.startSeq, prevHash: chain.startPrevHash },
      head: { seq: chain.headSeq, hash: chain.headHash },
      payloadOmitted: (seq) => listed.get(seq)?.payloadIncluded === false,
    });
    if (!v.ok) problems.push(`CHUỖI HỒ SƠ BỊ ĐỨT tại bản ghi số ${v.firstBreak.seq} / CHAIN BROKEN at record ${v.firstBreak.seq}: ${v.firstBreak.reason}`);
    else {
      const mismatch = recs.find((r) => listed.get(r.seq)?.hash !== r.hash);
      if (mismatch || recs.length !== listed.size) problems.push(`CHUỖI HỒ SƠ không khớp manifest / the chain differs from the manifest${mismatch ? ` (record ${mismatch.seq})` : ''}`);
    }
    records = recs.length;
    if (opts.expectHead && chain.headHash !== opts.expectHead) problems.push('Mã niêm phong khác mã được cung cấp / the seal hash differs from the expected one');
  }
  return { ok: problems.length === 0, problems, files: files.size, records, headSeq: manifest?.chain?.headSeq ?? null, headHash: manifest?.chain?.headHash ?? null };
}
