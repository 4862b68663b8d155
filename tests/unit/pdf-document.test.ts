import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import t from 'tap';
import { renderPdf, type PdfDocumentSpec } from '../../server/src/data/pdf-document.js';

// Real PDFs read back with poppler's pdftotext: Vietnamese text must survive, tables must page.
const dir = mkdtempSync(path.join(tmpdir(), 'ph-pdf-'));
function text(buf: Buffer, name: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, buf);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}
function pages(buf: Buffer, name: string): number {
  const file = path.join(dir, name);
  writeFileSync(file, buf);
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  return Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
}

const spec: PdfDocumentSpec = {
  title: 'BÁO CÁO ĐÁNH GIÁ',
  letterhead: ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc'],
  subtitle: 'Học kỳ I, năm học 2026-2027',
  createdAt: '2026-11-28T03:00:00.000Z',
  footer: 'Trường THCS Nguyễn Trãi',
  blocks: [
    { kind: 'heading', text: 'Số liệu' },
    { kind: 'keyValues', items: [['Tiết học trực tuyến', '124'], ['Chuyên cần', '96,4 %']] },
    { kind: 'paragraph', text: 'Khó khăn: đường truyền yếu ở điểm trường Bản Lướt.' },
    {
      kind: 'table',
      columns: [{ header: 'STT', align: 'right', weight: 0.5 }, { header: 'Họ và tên', weight: 2 }, { header: 'Nhận xét', weight: 3 }],
      rows: Array.from({ length: 120 }, (_, i) => [String(i + 1), `Đặng Thị Ngọc Ánh ${i + 1}`, 'Chăm chỉ, tiến bộ rõ.']),
    },
  ],
};

t.test('Vietnamese text comes back out of the PDF', async (t) => {
  const out = text(await renderPdf(spec), 'a.pdf');
  for (const s of ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'BÁO CÁO ĐÁNH GIÁ', 'Học kỳ I, năm học 2026-2027', 'Chuyên cần', '96,4 %', 'điểm trường Bản Lướt', 'Đặng Thị Ngọc Ánh 120', 'Trường THCS Nguyễn Trãi']) {
    t.ok(out.includes(s), `contains ${s}`);
  }
});

t.test('long tables flow onto new pages with the header repeated and page numbers', async (t) => {
  const buf = await renderPdf(spec);
  const n = pages(buf, 'b.pdf');
  t.ok(n >= 3, `${n} pages`);
  const out = text(buf, 'b2.pdf');
  const headerCount = out.split('\n').filter((l) => /STT\s+Họ và tên\s+Nhận xét/.test(l)).length;
  t.equal(headerCount, n, 'header row on every page');
  t.ok(out.includes(`${n}/${n}`), 'last page number');
});

t.test('the same spec gives the same bytes (the archive hashes files)', async (t) => {
  const a = await renderPdf(spec);
  const b = await renderPdf(spec);
  t.ok(a.equals(b));
  const c = await renderPdf({ ...spec, createdAt: '2026-11-29T03:00:00.000Z' });
  t.notOk(a.equals(c), 'a different date gives a different file');
});

t.test('an empty table says so', async (t) => {
  const out = text(await renderPdf({ title: 'T', createdAt: '2026-01-01T00:00:00Z', blocks: [{ kind: 'table', columns: [{ header: 'Lớp' }], rows: [], emptyText: 'Chưa có dữ liệu' }] }), 'c.pdf');
  t.ok(out.includes('Chưa có dữ liệu'));
});

t.test('a long document leaves the event loop free (live lessons keep being answered)', async (t) => {
  const rows = Array.from({ length: 2500 }, (_, i) => [String(i + 1), `Trần Văn Bình ${i}`, '7A2', 'Chưa đạt', 'Cần nộp lại bài thực hành số 3 trước ngày 15/12.']);
  let maxGap = 0;
  let last = performance.now();
  const ticker = setInterval(() => {
    const now = performance.now();
    maxGap = Math.max(maxGap, now - last);
    last = now;
  }, 5);
  const started = performance.now();
  const buf = await renderPdf({ title: 'Hồ sơ', createdAt: '2026-01-01T00:00:00Z', blocks: [{ kind: 'table', columns: [{ header: 'STT' }, { header: 'Họ và tên', weight: 2 }, { header: 'Lớp' }, { header: 'Mức' }, { header: 'Ghi chú', weight: 3 }], rows }] });
  const took = performance.now() - started;
  maxGap = Math.max(maxGap, performance.now() - last); // a layout that never yields shows up here
  clearInterval(ticker);
  t.ok(buf.length > 100_000, `${buf.length} bytes in ${Math.round(took)} ms`);
  // Without pacing the whole layout is one block of work (> 1 s here); with it a timer is late by
  // one slice at most. The bound leaves room for a busy 2-core CI machine.
  t.ok(maxGap < 250, `longest event-loop stall ${Math.round(maxGap)} ms`);
});
