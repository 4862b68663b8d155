import fs from 'node:fs';
import path from 'node:path';
import { createHash, randomUUID } from 'node:crypto';
import archiver from 'archiver';
import type { RecordCategory } from '../domain/archive/archive-writer.js';
import { RECORD_CATEGORIES } from '../domain/archive/archive-writer.js';
import { CHAIN_FORMAT, type ChainRecord } from '../domain/archive/archive-chain.js';
import { CATEGORY_VI, type ArchiveExporter, type ArchiveExportInput } from '../domain/archive/archive.service.js';
import { renderPdf, type PdfBlock } from './pdf-document.js';
import { writeWorkbook, type SheetSpec } from './spreadsheet.js';
import { VERIFY_SCRIPT } from './archive-verify-script.js';

/**
 * The sealed semester's self-describing package (Art. 8.2): manifest.json, SHA256SUMS, a Vietnamese
 * index (MUC-LUC.pdf and muc-luc.html), the records of each category as PDF and .xlsx, the chain
 * segment as records.jsonl and verify.mjs, which re-checks all of it with plain Node elsewhere.
 * Zips go to <dataDir>/archive/exports/.
 */

const sha256 = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');
const dmy = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
const dmyTime = (iso: string) => `${dmy(iso)} ${iso.slice(11, 16)} UTC`;
/** Rows of one list shown in the PDF; the spreadsheet has them all. */
const PDF_LIST_ROWS = 25;
const FILE_SLUG: Record<RecordCategory, string> = { evidence: '1-minh-chung', teaching_process: '2-qua-trinh-day-hoc', plans: '3-ke-hoach-day-hoc', assessment: '4-kiem-tra-danh-gia' };

interface PackFile { path: string; data: Buffer; description: string }

export class FsArchiveExporter implements ArchiveExporter {
  readonly dir: string;
  constructor(dataDir: string) {
    this.dir = path.join(dataDir, 'archive', 'exports');
  }

  locate(file: string): string | null {
    if (!/^[A-Za-z0-9._-]+\.zip$/.test(file)) return null;
    const p = path.join(this.dir, file);
    return fs.existsSync(p) ? p : null;
  }

  async write(input: ArchiveExportInput, progress: (done: number, total: number) => void) {
    const files = await buildPackage(input, progress);
    fs.mkdirSync(this.dir, { recursive: true });
    const name = `ho-so-luu-tru_${slug(input.school.moetCode)}_${slug(input.semester.yearName)}_HK${input.semester.number}_${input.seal.headSeq}.zip`;
    const tmp = path.join(this.dir, `.${randomUUID()}.tmp`);
    try {
      await zipTo(tmp, files, new Date(input.generatedAt));
      const data = fs.readFileSync(tmp);
      fs.renameSync(tmp, path.join(this.dir, name));
      return { file: name, bytes: data.length, sha256: sha256(data) };
    } finally {
      fs.rmSync(tmp, { force: true });
    }
  }
}

function slug(s: string): string {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').replace(/[^A-Za-z0-9-]+/g, '-').replace(/^-|-$/g, '') || 'x';
}

async function zipTo(file: string, files: PackFile[], date: Date): Promise<void> {
  const zip = archiver('zip', { zlib: { level: 6 } });
  const out = fs.createWriteStream(file);
  const done = new Promise<void>((resolve, reject) => {
    out.on('close', () => resolve());
    out.on('error', reject);
    zip.on('error', reject);
  });
  zip.pipe(out);
  for (const f of files) zip.append(f.data, { name: f.path, date });
  await zip.finalize();
  await done;
}

/** The package's files (also used by tests and the bench without a zip). */
export async function buildPackage(input: ArchiveExportInput, progress: (done: number, total: number) => void = () => undefined): Promise<PackFile[]> {
  const { school, semester, seal, segment } = input;
  const included = new Set(input.included);
  const own = segment.filter((r) => included.has(r.seq));
  const semesterName = `Học kì ${semester.number === 1 ? 'I' : 'II'} năm học ${semester.yearName}`;
  const total = RECORD_CATEGORIES.length * 2 + 4;
  let done = 0;
  const step = () => progress(++done, total);
  const files: PackFile[] = [];
  const letterhead = [school.name, `Mã trường: ${school.moetCode} — ${school.districtOffice}, ${school.province}`];
  const footer = `${school.name} — ${semesterName} — niêm phong #${seal.headSeq}`;

  // The chain segment: every record from the segment start to the seal; other semesters' records without payload.
  const jsonl = segment.map((r) => JSON.stringify({
    seq: r.seq, category: r.category, kind: r.kind, ref: r.ref, title: r.title, schoolYearId: r.schoolYearId, semesterId: r.semesterId, actorId: r.actorId,
    recordedAt: r.recordedAt, payloadSha256: r.payloadSha256, prevHash: r.prevHash, hash: r.hash, payload: included.has(r.seq) ? r.payload : null,
  })).join('\n') + '\n';
  files.push({ path: 'records.jsonl', data: Buffer.from(jsonl), description: 'Chuỗi hồ sơ (mỗi dòng một bản ghi, kèm mã băm) / the chain segment' });
  step();

  for (const category of RECORD_CATEGORIES) {
    const recs = own.filter((r) => r.category === category);
    const title = `${CATEGORY_VI[category]} — ${semesterName}`;
    files.push({ path: `ho-so/${FILE_SLUG[category]}.pdf`, data: await renderPdf({ title, letterhead, subtitle: `${recs.length} hồ sơ`, createdAt: input.generatedAt, footer, blocks: recordBlocks(recs) }), description: `${CATEGORY_VI[category]}: ${recs.length} hồ sơ (PDF)` });
    step();
    files.push({ path: `ho-so/${FILE_SLUG[category]}.xlsx`, data: await writeWorkbook(recordSheets(title, recs)), description: `${CATEGORY_VI[category]}: ${recs.length} hồ sơ (bảng tính)` });
    step();
  }
  files.push({ path: 'verify.mjs', data: Buffer.from(VERIFY_SCRIPT), description: 'Chương trình kiểm tra gói (node verify.mjs) / the package checker' });

  const recordList = own.map((r) => [String(r.seq), CATEGORY_VI[r.category].replace(/ \(.*/, ''), r.title, dmy(r.recordedAt), r.hash.slice(0, 16)]);
  const indexBlocks: PdfBlock[] = [
    { kind: 'keyValues', items: [
      ['Trường', school.name], ['Học kì', `${semesterName} (${dmy(semester.startsOn)} – ${dmy(semester.endsOn)})`],
      ['Niêm phong lúc', dmyTime(seal.sealedAt)], ['Người niêm phong', seal.sealedByName ?? String(seal.sealedById)],
      ['Bản ghi niêm phong', `#${seal.headSeq}`], ['Mã niêm phong (SHA-256)', seal.headHash], ['Số hồ sơ của học kì', String(own.length)],
      ['Đoạn chuỗi', `#${seal.segmentStartSeq} – #${seal.headSeq}`],
    ] },
    { kind: 'heading', text: 'Cách kiểm tra' },
    { kind: 'paragraph', text: 'Giải nén gói, mở cửa sổ lệnh trong thư mục và chạy: node verify.mjs --expect-head <mã niêm phong>. Chương trình kiểm tra mã SHA-256 của từng tệp (SHA256SUMS, manifest.json) và toàn bộ chuỗi hồ sơ (records.jsonl): bất kì thay đổi, xoá hay đảo thứ tự nào đều bị phát hiện. Có thể kiểm tra các tệp bằng lệnh: sha256sum -c SHA256SUMS.' },
    { kind: 'heading', text: 'Hồ sơ theo loại (Điều 8.1 Thông tư 09/2021/TT-BGDĐT)' },
    { kind: 'table', columns: [{ header: 'Loại hồ sơ', weight: 3 }, { header: 'Số hồ sơ', align: 'right' }, { header: 'Tệp', weight: 3 }], rows: RECORD_CATEGORIES.map((c) => [CATEGORY_VI[c], String(own.filter((r) => r.category === c).length), `ho-so/${FILE_SLUG[c]}.pdf, .xlsx`]) },
    { kind: 'heading', text: 'Danh mục hồ sơ' },
    { kind: 'table', columns: [{ header: 'Số', align: 'right' }, { header: 'Loại', weight: 2 }, { header: 'Tên hồ sơ', weight: 5 }, { header: 'Ngày ghi', weight: 1.4 }, { header: 'Mã băm (đầu)', weight: 2 }], rows: recordList, emptyText: 'Không có hồ sơ' },
  ];
  files.push({ path: 'MUC-LUC.pdf', data: await renderPdf({ title: 'MỤC LỤC HỒ SƠ LƯU TRỮ DẠY HỌC TRỰC TUYẾN', letterhead, subtitle: semesterName, createdAt: input.generatedAt, footer, blocks: indexBlocks }), description: 'Mục lục (PDF)' });
  step();
  files.push({ path: 'muc-luc.html', data: Buffer.from(indexHtml(input, semesterName, own, files)), description: 'Mục lục (HTML)' });
  step();

  const manifest = {
    format: 'phonghoc-records-archive/1',
    legalBasis: 'Thông tư 09/2021/TT-BGDĐT, Điều 8',
    school, semester: { id: semester.id, number: semester.number, name: semesterName, schoolYear: semester.yearName, startsOn: semester.startsOn, endsOn: semester.endsOn },
    seal: { headSeq: seal.headSeq, headHash: seal.headHash, sealedAt: seal.sealedAt, sealedBy: { id: seal.sealedById, name: seal.sealedByName }, recordCount: seal.recordCount },
    chain: {
      format: CHAIN_FORMAT, hash: 'sha256', startSeq: seal.segmentStartSeq, startPrevHash: seal.segmentStartPrevHash, headSeq: seal.headSeq, headHash: seal.headHash,
      recordHash: 'SHA-256 of the canonical JSON (keys sorted, no spaces) of {v, seq, category, kind, ref, title, schoolYearId, semesterId, actorId, recordedAt, payloadSha256, prevHash}; payloadSha256 = SHA-256 of the payload text (canonical JSON)',
      records: segment.map((r) => ({ seq: r.seq, hash: r.hash, category: r.category, kind: r.kind, payloadIncluded: included.has(r.seq) })),
    },
    files: files.map((f) => ({ path: f.path, bytes: f.data.length, sha256: sha256(f.data), description: f.description })),
    generatedAt: input.generatedAt,
  };
  files.push({ path: 'manifest.json', data: Buffer.from(JSON.stringify(manifest, null, 2) + '\n'), description: 'Bản kê gói' });
  const sums = files.map((f) => `${sha256(f.data)}  ${f.path}`).join('\n') + '\n';
  files.push({ path: 'SHA256SUMS', data: Buffer.from(sums), description: 'Mã kiểm tra SHA-256 của mọi tệp' });
  step();
  return files;
}

/** A record's payload as label/values and tables: scalars flattened one level, arrays of objects as tables. */
function recordBlocks(recs: ChainRecord[]): PdfBlock[] {
  if (!recs.length) return [{ kind: 'paragraph', text: 'Không có hồ sơ thuộc loại này trong học kì.', muted: true }];
  const blocks: PdfBlock[] = [];
  for (const r of recs) {
    blocks.push({ kind: 'heading', text: `#${r.seq} ${r.title}`, level: 2 });
    blocks.push({ kind: 'keyValues', items: [['Loại bản ghi', r.kind], ['Nguồn', r.ref], ['Ghi lúc', dmyTime(r.recordedAt)], ['Mã băm', r.hash]] });
    const payload = r.payload === null ? null : (JSON.parse(r.payload) as unknown);
    if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) {
      blocks.push({ kind: 'paragraph', text: r.payload === null ? '(nội dung đã huỷ)' : JSON.stringify(payload) });
      continue;
    }
    const scalars: Array<[string, string]> = [];
    for (const [k, v] of Object.entries(payload as Record<string, unknown>)) {
      if (Array.isArray(v)) {
        if (!v.length) { scalars.push([k, '(trống)']); continue; }
        const rows = v.slice(0, PDF_LIST_ROWS).map((x) => flatten(x));
        const keys = [...new Set(rows.flatMap((x) => Object.keys(x)))].slice(0, 8);
        blocks.push({ kind: 'paragraph', text: `${k} (${v.length})` });
        blocks.push({ kind: 'table', columns: keys.map((h) => ({ header: h })), rows: rows.map((x) => keys.map((h) => x[h] ?? '')) });
        // Long lists in full in the .xlsx of the same name and in records.jsonl; the PDF stays readable (and quick to write).
        if (v.length > PDF_LIST_ROWS) blocks.push({ kind: 'paragraph', muted: true, text: `… và ${v.length - PDF_LIST_ROWS} dòng nữa: đầy đủ trong tệp .xlsx cùng tên (trang "${r.kind.split('.').pop()}.${k}") và records.jsonl.` });
      } else {
        for (const [fk, fv] of Object.entries(flatten(v))) scalars.push([fk ? `${k}.${fk}` : k, fv]);
      }
    }
    if (scalars.length) blocks.splice(blocks.length - countTablesSince(blocks), 0, { kind: 'keyValues', items: scalars });
  }
  return blocks;
}

function countTablesSince(blocks: PdfBlock[]): number {
  let n = 0;
  for (let i = blocks.length - 1; i >= 0 && blocks[i]!.kind !== 'keyValues'; i--) n++;
  return n;
}

function flatten(v: unknown, prefix = ''): Record<string, string> {
  if (v === null || v === undefined) return prefix ? { [prefix]: '' } : { '': '' };
  if (typeof v !== 'object') return { [prefix]: String(v) };
  if (Array.isArray(v)) return { [prefix]: v.map((x) => (typeof x === 'object' ? JSON.stringify(x) : String(x))).join('; ') };
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (x !== null && typeof x === 'object' && !Array.isArray(x) && !prefix) Object.assign(out, flatten(x, key));
    else out[key] = x === null || x === undefined ? '' : typeof x === 'object' ? JSON.stringify(x) : String(x);
  }
  return out;
}

function recordSheets(title: string, recs: ChainRecord[]): SheetSpec[] {
  const sheets: SheetSpec[] = [{
    name: 'Danh mục', title,
    columns: [{ header: 'Số', key: 'seq', type: 'number', width: 8 }, { header: 'Loại bản ghi', key: 'kind', width: 24 }, { header: 'Tên hồ sơ', key: 'title', width: 60 }, { header: 'Nguồn', key: 'ref', width: 24 }, { header: 'Ghi lúc', key: 'at', width: 22 }, { header: 'Mã băm', key: 'hash', width: 66 }, { header: 'Nội dung (JSON)', key: 'payload', width: 80 }],
    rows: recs.map((r) => ({ seq: r.seq, kind: r.kind, title: r.title, ref: r.ref, at: r.recordedAt, hash: r.hash, payload: r.payload && r.payload.length <= 32000 ? r.payload : r.payload ? '(xem các trang sau)' : '(đã huỷ)' })),
  }];
  // One sheet per kind and list field: the rows of every record of that kind, with the record's number.
  const byKey = new Map<string, Record<string, string | number | null>[]>();
  for (const r of recs) {
    if (!r.payload) continue;
    const p = JSON.parse(r.payload) as unknown;
    if (!p || typeof p !== 'object' || Array.isArray(p)) continue;
    for (const [k, v] of Object.entries(p as Record<string, unknown>)) {
      if (!Array.isArray(v) || !v.length) continue;
      const key = `${r.kind.split('.').pop()}.${k}`;
      const rows = byKey.get(key) ?? [];
      for (const x of v) rows.push({ 'Số hồ sơ': r.seq, 'Tên hồ sơ': r.title, ...flatten(x) });
      byKey.set(key, rows);
    }
  }
  for (const [key, rows] of byKey) {
    const cols = [...new Set(rows.flatMap((x) => Object.keys(x)))];
    sheets.push({ name: key.slice(0, 31), columns: cols.map((c) => ({ header: c || 'giá trị', key: c, ...(c === 'Số hồ sơ' ? { type: 'number' as const } : {}) })), rows });
  }
  return sheets;
}

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function indexHtml(input: ArchiveExportInput, semesterName: string, own: ChainRecord[], files: PackFile[]): string {
  const { school, seal } = input;
  const rows = own.map((r) => `<tr><td>${r.seq}</td><td>${esc(CATEGORY_VI[r.category])}</td><td>${esc(r.title)}</td><td>${dmy(r.recordedAt)}</td><td><code>${r.hash.slice(0, 16)}</code></td></tr>`).join('\n');
  const fileRows = files.map((f) => `<tr><td><a href="${esc(f.path)}">${esc(f.path)}</a></td><td>${esc(f.description)}</td><td>${f.data.length.toLocaleString('vi-VN')}</td></tr>`).join('\n');
  return `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>Mục lục hồ sơ lưu trữ — ${esc(semesterName)}</title>
<style>body{font-family:"Noto Sans",Arial,sans-serif;margin:2rem;color:#1f2933}table{border-collapse:collapse;width:100%;margin:1rem 0}td,th{border:1px solid #cbd2d9;padding:.35rem .5rem;text-align:left;vertical-align:top}th{background:#eef2f6}code{font-size:.85em}</style></head>
<body>
<p>${esc(school.name)} — mã trường ${esc(school.moetCode)}</p>
<h1>Mục lục hồ sơ lưu trữ dạy học trực tuyến</h1>
<p><strong>${esc(semesterName)}</strong> (${dmy(input.semester.startsOn)} – ${dmy(input.semester.endsOn)}). Niêm phong lúc ${dmyTime(seal.sealedAt)} bởi ${esc(seal.sealedByName ?? '')}; bản ghi niêm phong #${seal.headSeq}, mã niêm phong <code>${seal.headHash}</code>.</p>
<p>Kiểm tra gói: <code>node verify.mjs --expect-head ${seal.headHash}</code> (Node.js 18 trở lên, không cần cài thêm) hoặc <code>sha256sum -c SHA256SUMS</code>.</p>
<h2>Các tệp</h2>
<table><thead><tr><th>Tệp</th><th>Nội dung</th><th>Kích thước (byte)</th></tr></thead><tbody>
${fileRows}
<tr><td>muc-luc.html</td><td>Mục lục (trang này)</td><td></td></tr>
<tr><td>manifest.json, SHA256SUMS</td><td>Bản kê và mã kiểm tra</td><td></td></tr>
</tbody></table>
<h2>Danh mục hồ sơ (${own.length})</h2>
<table><thead><tr><th>Số</th><th>Loại</th><th>Tên hồ sơ</th><th>Ngày ghi</th><th>Mã băm (đầu)</th></tr></thead><tbody>
${rows}
</tbody></table>
</body></html>
`;
}
