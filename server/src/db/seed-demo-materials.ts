import fs from 'node:fs';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import type { Knex } from 'knex';
import { DEMO_PRINCIPAL_ID, DEMO_TEACHER_ID } from '../domain/demo/demo-school.js';
import { foldVietnamese } from '../domain/shared/vietnamese.js';
import { pageText } from '../domain/materials/lesson-page.js';
import { insertedId } from '../data/rows.js';

/**
 * Demo learning materials (Art. 7.1) with their approval steps (Art. 7.3): a lesson page with a
 * picture, a practice guide as PDF, a picture, a literature page (all published), plus one
 * waiting for the maths group's leader and one waiting for the principal, so the demo shows both
 * queues. Files are generated here (a PNG drawn pixel by pixel, a one-page PDF) under
 * `<dataDir>/materials/`. Without a data directory (PostgreSQL without one given) the file-based
 * materials are left out and only the lesson pages are seeded.
 */
export async function seedDemoMaterials(trx: Knex, subjectIds: ReadonlyMap<string, number>, at: string, dataDir: string | null): Promise<number> {
  const person = async (personalId: string) => (await trx('people').where({ personal_id: personalId }).first('id'))?.id as number | undefined;
  const principalId = await person(DEMO_PRINCIPAL_ID);
  const mathTeacherId = await person(DEMO_TEACHER_ID);
  if (!principalId || !mathTeacherId) return 0;
  const leaderOf = async (subjectId: number) =>
    (await trx('subjects as s').join('subject_groups as g', 'g.id', 's.subject_group_id').where('s.id', subjectId).first('g.leader_id'))?.leader_id as number | undefined;
  const teacherOf = async (subjectId: number, grade: number) =>
    (await trx('teaching_assignments as a').join('classes as c', 'c.id', 'a.class_id').where({ 'a.subject_id': subjectId, 'c.grade': grade }).orderBy('a.id').first('a.teacher_id'))?.teacher_id as number | undefined;
  const lesson = async (subjectId: number, grade: number, titleStart: string) =>
    ((await trx('curriculum_lessons').where({ subject_id: subjectId, grade }).where('title', 'like', `${titleStart}%`).first('id'))?.id as number | undefined) ?? null;
  // Steps a few days apart, before the seed's instant.
  const day = (n: number) => new Date(new Date(at).getTime() - n * 86_400_000).toISOString();

  let count = 0;
  const add = async (m: {
    subject: string; grade: number; kind: string; owner: number; lessonTitle: string | null; title: string; description: string; author: string; source: string; licence: string;
    page?: (materialId: number, fileUrl: (fileId: number) => string, addFile: (name: string, mime: string, category: string, data: Buffer) => Promise<number>) => Promise<string>;
    file?: { name: string; mime: string; category: string; data: Buffer };
    until: 'published' | 'submitted' | 'passed';
  }) => {
    const subjectId = subjectIds.get(m.subject);
    if (!subjectId) return;
    if (m.file && !dataDir) return;
    const leader = (await leaderOf(subjectId)) ?? principalId;
    const id = insertedId(await trx('materials').insert({ subject_id: subjectId, grade: m.grade, kind: m.kind, owner_id: m.owner, created_at: day(10), updated_at: day(2) }).returning('id'));
    const addFile = async (name: string, mime: string, category: string, data: Buffer) => {
      if (!dataDir) throw new Error('no data directory');
      const rel = `${id}/demo-${Math.random().toString(16).slice(2, 10)}${path.extname(name)}`;
      const abs = path.join(dataDir, 'materials', rel);
      fs.mkdirSync(path.dirname(abs), { recursive: true });
      fs.writeFileSync(abs, data);
      return insertedId(await trx('material_files').insert({ material_id: id, path: rel, file_name: name, mime, category, size: data.length, uploaded_by: m.owner, created_at: day(10) }).returning('id'));
    };
    const fileId = m.file ? await addFile(m.file.name, m.file.mime, m.file.category, m.file.data) : null;
    const pageHtml = m.page ? await m.page(id, (f) => `/api/materials/${id}/files/${f}`, dataDir ? addFile : async () => 0) : null;
    const status = m.until;
    const versionId = insertedId(await trx('material_versions').insert({
      material_id: id, number: 1, status, curriculum_lesson_id: m.lessonTitle ? await lesson(subjectId, m.grade, m.lessonTitle) : null,
      title: m.title, description: m.description, author: m.author, source: m.source, licence: m.licence,
      search_key: foldVietnamese([m.title, m.description, m.author, pageHtml ? pageText(pageHtml).slice(0, 2000) : ''].join(' ')),
      content_type: m.file ? 'file' : 'page', file_id: fileId, page_html: pageHtml, created_by: m.owner,
      created_at: day(10), updated_at: day(2), submitted_at: day(8), published_at: status === 'published' ? day(2) : null,
    }).returning('id'));
    const steps: [string, string | null, string, number, string | null, number][] = [
      ['create', null, 'draft', m.owner, null, 10],
      ['submit', 'draft', 'submitted', m.owner, null, 8],
    ];
    if (status !== 'submitted') steps.push(['pass', 'submitted', 'passed', leader, 'Tổ chuyên môn đã xem xét, nội dung phù hợp chương trình.', 5]);
    if (status === 'published') steps.push(['approve', 'passed', 'published', principalId, 'Đồng ý ban hành.', 2]);
    for (const [action, from, to, actor, comment, d] of steps) {
      await trx('material_reviews').insert({ material_id: id, version_id: versionId, action, from_status: from, to_status: to, actor_id: actor, comment, at: day(d) });
    }
    if (status === 'published') await trx('materials').where({ id }).update({ published_version_id: versionId, published_at: day(2) });
    count++;
  };

  const khtnTeacher = (await teacherOf(subjectIds.get('KHTN') ?? 0, 6)) ?? mathTeacherId;
  const nvTeacher = (await teacherOf(subjectIds.get('NV') ?? 0, 6)) ?? mathTeacherId;
  const nameOf = async (id: number) => (await trx('people').where({ id }).first('full_name'))?.full_name as string;

  await add({
    subject: 'TOAN', grade: 6, kind: 'lecture', owner: mathTeacherId, lessonTitle: 'Bài 1.', until: 'published',
    title: 'Tập hợp và phần tử của tập hợp', description: 'Trang bài giảng: khái niệm tập hợp, kí hiệu ∈ và ∉, hai cách mô tả một tập hợp, có hình minh hoạ và bài tập nhanh.',
    author: await nameOf(mathTeacherId), source: 'Tổ Toán – Tin học', licence: 'CC BY 4.0',
    page: async (_id, url, addFile) => {
      const pic = await addFile('Sơ đồ tập hợp A.png', 'image/png', 'image', setPng());
      return [
        '<h2>1. Tập hợp là gì?</h2>',
        '<p>Các đồ vật, con người hay con số được nhóm lại với nhau tạo thành một <strong>tập hợp</strong>. Mỗi đối tượng trong đó là một <em>phần tử</em> của tập hợp.</p>',
        pic ? `<p><img src="${url(pic)}" alt="Sơ đồ Ven của tập hợp A gồm bốn phần tử" /></p>` : '',
        '<h2>2. Kí hiệu</h2>',
        '<ul><li>a ∈ A: a thuộc tập hợp A.</li><li>b ∉ A: b không thuộc tập hợp A.</li></ul>',
        '<h2>3. Hai cách mô tả tập hợp</h2>',
        '<table><thead><tr><th>Cách</th><th>Ví dụ</th></tr></thead><tbody><tr><td>Liệt kê phần tử</td><td>A = {0; 1; 2; 3}</td></tr><tr><td>Chỉ ra tính chất đặc trưng</td><td>A = {x ∈ ℕ | x &lt; 4}</td></tr></tbody></table>',
        '<h3>Luyện tập nhanh</h3>',
        '<ol><li>Viết tập hợp các chữ cái trong từ “HỌC SINH”.</li><li>Điền kí hiệu ∈ hoặc ∉: 5 … {1; 3; 5}.</li></ol>',
      ].join('');
    },
  });
  if (dataDir) {
    await add({
      subject: 'KHTN', grade: 6, kind: 'practice_guide', owner: khtnTeacher, lessonTitle: 'Bài 5.', until: 'published',
      title: 'Hướng dẫn thực hành: Đo chiều dài', description: 'Phiếu hướng dẫn thực hành đo chiều dài bằng thước, các bước đo và bảng ghi kết quả.',
      author: await nameOf(khtnTeacher), source: 'Tổ Khoa học tự nhiên – Công nghệ', licence: 'Bản quyền nhà trường',
      file: { name: 'Hướng dẫn thực hành đo chiều dài.pdf', mime: 'application/pdf', category: 'pdf', data: demoPdf('Huong dan thuc hanh: Do chieu dai', ['1. Uoc luong chieu dai can do.', '2. Chon thuoc co gioi han do va do chia nho nhat phu hop.', '3. Dat thuoc doc theo vat, mot dau ngang vach so 0.', '4. Dat mat nhin vuong goc voi thuoc, doc ket qua.', '5. Ghi ket qua vao bang va tinh gia tri trung binh.']) },
    });
    await add({
      subject: 'TOAN', grade: 6, kind: 'reference', owner: mathTeacherId, lessonTitle: 'Bài 11.', until: 'published',
      title: 'Hình minh hoạ: ba phần tư của hình tròn', description: 'Hình vẽ dùng khi giới thiệu phân số: hình tròn chia bốn phần bằng nhau, tô màu ba phần.',
      author: await nameOf(mathTeacherId), source: 'Tự vẽ', licence: 'CC BY-SA 4.0',
      file: { name: 'Ba phần tư.png', mime: 'image/png', category: 'image', data: fractionPng(3, 4) },
    });
  }
  await add({
    subject: 'NV', grade: 6, kind: 'reference', owner: nvTeacher, lessonTitle: null, until: 'published',
    title: 'Cách đọc một bài thơ lục bát', description: 'Tài liệu tham khảo: nhận biết thể thơ lục bát, cách ngắt nhịp và gieo vần.',
    author: await nameOf(nvTeacher), source: 'Tổ Ngữ văn – Giáo dục công dân', licence: 'CC BY 4.0',
    page: async () => '<h2>Thơ lục bát</h2><p>Một cặp câu lục bát gồm một dòng <strong>sáu</strong> tiếng và một dòng <strong>tám</strong> tiếng.</p><ul><li>Tiếng thứ sáu của dòng sáu vần với tiếng thứ sáu của dòng tám.</li><li>Tiếng thứ tám của dòng tám vần với tiếng thứ sáu của dòng sáu tiếp theo.</li></ul><p>Ví dụ: <em>“Trâu ơi ta bảo trâu này / Trâu ra ngoài ruộng trâu cày với ta.”</em></p>',
  });
  // Waiting: the maths leader's queue and the principal's queue.
  await add({
    subject: 'TOAN', grade: 6, kind: 'exercise_bank', owner: mathTeacherId, lessonTitle: 'Bài 3.', until: 'submitted',
    title: 'Luyện tập: thứ tự trong tập hợp số tự nhiên', description: 'Mười bài tập so sánh và sắp xếp số tự nhiên, có đáp án.',
    author: await nameOf(mathTeacherId), source: 'Tổ Toán – Tin học', licence: 'CC BY 4.0',
    page: async () => '<h2>Bài tập</h2><ol><li>So sánh 1 052 và 1 025.</li><li>Sắp xếp theo thứ tự tăng dần: 207; 72; 2 070; 270.</li><li>Tìm số tự nhiên x sao cho 15 &lt; x &lt; 18.</li></ol>',
  });
  await add({
    subject: 'NV', grade: 6, kind: 'lecture', owner: nvTeacher, lessonTitle: null, until: 'passed',
    title: 'Kể lại một trải nghiệm của em', description: 'Trang bài giảng hướng dẫn viết bài văn kể lại một trải nghiệm.',
    author: await nameOf(nvTeacher), source: 'Tổ Ngữ văn – Giáo dục công dân', licence: 'Bản quyền nhà trường',
    page: async () => '<h2>Các bước viết bài</h2><ol><li>Chọn trải nghiệm đáng nhớ.</li><li>Lập dàn ý: mở bài, thân bài, kết bài.</li><li>Viết bài, dùng ngôi thứ nhất.</li><li>Đọc lại và sửa.</li></ol>',
  });
  return count;
}

/**
 * The data directory beside a SQLite database (`<dataDir>/phonghoc.sqlite`): where the demo's
 * files go. PostgreSQL does not say; then null (lesson pages only).
 */
export function demoDataDir(knex: Knex): string | null {
  const connection = (knex.client as { config?: { connection?: unknown } }).config?.connection;
  const filename = typeof connection === 'object' && connection !== null ? (connection as { filename?: unknown }).filename : undefined;
  return typeof filename === 'string' && filename !== ':memory:' ? path.dirname(path.resolve(filename)) : null;
}

// ---------------------------------------------------------------------------------------------
// Small real files

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = (CRC_TABLE[(c ^ b) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

type Rgb = [number, number, number];

/** A size×size truecolour PNG drawn pixel by pixel. */
function drawPng(size: number, pixel: (x: number, y: number) => Rgb): Buffer {
  const raw = Buffer.alloc((size * 3 + 1) * size);
  for (let y = 0; y < size; y++) {
    raw[y * (size * 3 + 1)] = 0; // filter: none
    for (let x = 0; x < size; x++) {
      const [r, g, b] = pixel(x, y);
      const o = y * (size * 3 + 1) + 1 + x * 3;
      raw[o] = r;
      raw[o + 1] = g;
      raw[o + 2] = b;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // truecolour
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

const INK: Rgb = [20, 40, 70];
const BLUE: Rgb = [46, 125, 210];
const PALE: Rgb = [232, 240, 250];
const WHITE: Rgb = [255, 255, 255];

/** A circle cut into `parts` equal sectors, `shaded` of them coloured (a fraction). */
export function fractionPng(shaded: number, parts: number, size = 320): Buffer {
  const c = size / 2;
  const r = size * 0.42;
  const step = (2 * Math.PI) / parts;
  return drawPng(size, (x, y) => {
    const dx = x - c;
    const dy = y - c;
    const dist = Math.hypot(dx, dy);
    const angle = (Math.atan2(dx, -dy) + 2 * Math.PI) % (2 * Math.PI);
    const offLine = angle % step;
    const onRadius = dist < r && Math.min(offLine, step - offLine) * dist < 1.5;
    if (Math.abs(dist - r) < 2 || onRadius) return INK;
    if (dist < r) return Math.floor(angle / step) < shaded ? BLUE : PALE;
    return WHITE;
  });
}

/** A Venn diagram: an oval holding four dots (a set of four elements). */
export function setPng(size = 320): Buffer {
  const c = size / 2;
  const dots: [number, number][] = [[0.36, 0.4], [0.62, 0.36], [0.42, 0.64], [0.66, 0.62]];
  return drawPng(size, (x, y) => {
    const e = ((x - c) / (size * 0.44)) ** 2 + ((y - c) / (size * 0.34)) ** 2;
    if (dots.some(([dx, dy]) => Math.hypot(x - dx * size, y - dy * size) < size * 0.035)) return BLUE;
    if (Math.abs(e - 1) < 0.025) return INK;
    return e < 1 ? PALE : WHITE;
  });
}

/** A one-page A5 PDF with a title and lines of text (standard Helvetica: plain ASCII). */
export function demoPdf(title: string, lines: string[]): Buffer {
  const esc = (s: string) => s.replace(/[\\()]/g, (m) => `\\${m}`);
  const content = [`BT /F1 16 Tf 40 540 Td (${esc(title)}) Tj ET`, ...lines.map((l, i) => `BT /F1 11 Tf 40 ${500 - i * 22} Td (${esc(l)}) Tj ET`)].join('\n');
  const objs = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 420 595] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objs.forEach((o, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}
