import type { SemesterFigures } from '../../contracts/reports.schema.js';
import { schoolDate, schoolDateTimeText } from '../live/school-time.js';
import { semesterName } from './report-rules.js';
import type { DocumentBlock, DocumentSpec, SheetSpec } from '../shared/documents.js';

/** What the report files hold, as plain data (domain/shared/documents.ts); the data layer renders them. */
export type DocBlock = DocumentBlock;
export type DocSpec = DocumentSpec;
export type SheetDoc = SheetSpec;

/** The national motto block every administrative document opens with. */
export const MOTTO = ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc'];

/** 96.4 → "96,4 %"; null → "—". */
export const pctText = (v: number | null): string => (v === null ? '—' : `${v.toLocaleString('vi-VN', { maximumFractionDigits: 1 })} %`);
export const numText = (v: number): string => v.toLocaleString('vi-VN');
/** YYYY-MM-DD → dd/mm/yyyy. */
export const dateText = (d: string): string => `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;
const monthText = (m: string) => `${m.slice(5, 7)}/${m.slice(0, 4)}`;
const modeText = (m: 'supporting' | 'replacing') => (m === 'supporting' ? 'Hỗ trợ' : 'Thay thế');

const RULES: Record<string, string> = {
  disk_low: 'Ổ đĩa sắp đầy', temperature_high: 'Nhiệt độ cao', memory_low: 'Thiếu bộ nhớ', device_offline: 'Thiết bị mất kết nối',
  media_worker_restarted: 'Máy chủ hình ảnh khởi động lại',
};
export const ruleText = (r: string) => RULES[r] ?? r;
const KINDS: Record<string, string> = { camera: 'Camera', microphone: 'Micro', speaker: 'Loa', display: 'Màn hình', mini_pc: 'Máy tính', network: 'Thiết bị mạng' };
export const deviceKindText = (k: string) => KINDS[k] ?? k;

interface Header {
  schoolName: string;
  addressee: string;
  difficulties: string;
  causes: string;
  proposals: string;
  principalName: string | null;
  finalizedAt: string;
}

/** The tables behind every figure group, shared by the PDF and the workbook. */
export function figureTables(f: SemesterFigures) {
  const l = f.lessons;
  const a = f.attendance;
  const m = f.materials;
  const q = f.assessments.quizzes;
  const t = f.assessments.tasks;
  const g = f.assessments.gradebook;
  const d = f.devices;
  return {
    lessons: {
      summary: [
        ['Buổi học trực tuyến đã lên lịch', numText(l.scheduled)], ['Đã tổ chức', numText(l.held)], ['Bị huỷ', numText(l.cancelled)],
        ['Không tổ chức (quá giờ, chưa bắt đầu)', numText(l.notHeld)],
        ['Hình thức hỗ trợ: số buổi / số phút', `${numText(l.byMode.supporting.held)} / ${numText(l.byMode.supporting.minutes)}`],
        ['Hình thức thay thế: số buổi / số phút', `${numText(l.byMode.replacing.held)} / ${numText(l.byMode.replacing.minutes)}`],
        ['Tổng số phút đã dạy', numText(l.minutesHeld)],
      ] as [string, string][],
      byMonth: { headers: ['Tháng', 'Hỗ trợ', 'Thay thế'], rows: l.byMonth.map((r) => [monthText(r.month), numText(r.supporting), numText(r.replacing)]) },
      byGradeSubject: { headers: ['Khối', 'Môn học', 'Hỗ trợ', 'Thay thế'], rows: l.byGradeSubject.map((r) => [String(r.grade), r.subjectName, numText(r.supporting), numText(r.replacing)]) },
    },
    attendance: {
      summary: [['Số buổi đã tổ chức', numText(a.lessons)], ['Lượt học sinh theo danh sách', numText(a.expected)], ['Lượt có mặt', numText(a.present)], ['Tỉ lệ chuyên cần', pctText(a.rate)]] as [string, string][],
      byClass: { headers: ['Lớp', 'Số buổi', 'Lượt theo danh sách', 'Lượt có mặt', 'Tỉ lệ'], rows: a.byClass.map((r) => [r.className, numText(r.lessons), numText(r.expected), numText(r.present), pctText(r.rate)]) },
      byLesson: {
        headers: ['Ngày', 'Lớp', 'Môn', 'Giáo viên', 'Hình thức', 'Sĩ số', 'Có mặt', 'Tỉ lệ'],
        rows: a.byLesson.map((r) => [dateText(r.date), r.className, r.subjectName, r.teacherName, modeText(r.mode), numText(r.expected), numText(r.present), pctText(r.rate)]),
      },
    },
    materials: {
      summary: [
        ['Học liệu trình duyệt', numText(m.submitted)], ['Học liệu được hiệu trưởng phê duyệt', numText(m.approved)], ['Học liệu trả lại để sửa', numText(m.returned)],
        ['Học liệu đang công bố cuối kì', numText(m.publishedAtEnd)], ['Học liệu được học sinh sử dụng', numText(m.used.materials)],
        ['Học sinh sử dụng học liệu', numText(m.used.students)], ['Lượt hoàn thành', numText(m.used.completed)], ['Thời gian học (phút)', numText(m.used.activeMinutes)],
      ] as [string, string][],
      bySubject: { headers: ['Khối', 'Môn học', 'Được phê duyệt'], rows: m.approvedBySubject.map((r) => [String(r.grade), r.subjectName, numText(r.approved)]) },
    },
    assessments: {
      summary: [
        ['Bài kiểm tra trực tuyến đã tổ chức', numText(q.held)], ['— thường xuyên / giữa kì / cuối kì', `${numText(q.regular)} / ${numText(q.midterm)} / ${numText(q.endterm)}`],
        ['Lượt làm bài đã nộp', numText(q.attempts)], ['Học sinh đã làm bài', numText(q.students)], ['Điểm trung bình (% điểm tối đa)', pctText(q.averagePct)],
        ['Nhiệm vụ học tập đã giao', numText(t.given)], ['Lượt học sinh được giao', numText(t.expected)], ['Lượt đã nộp', numText(t.submitted)],
        ['Tỉ lệ nộp bài', pctText(t.submissionRate)], ['Lượt đã chấm', numText(t.graded)],
        ['Sổ điểm: ô đã có điểm / ô cần có', `${numText(g.filled)} / ${numText(g.expected)}`], ['Mức hoàn thành sổ điểm', pctText(g.completeness)],
      ] as [string, string][],
      gradebook: {
        headers: ['Lớp', 'Môn học', 'Giáo viên', 'Sĩ số', 'Ô cần có', 'Ô đã có', 'Hoàn thành'],
        rows: g.byClassSubject.map((r) => [r.className, r.subjectName, r.teacherName ?? 'Chưa phân công', numText(r.students), numText(r.expected), numText(r.filled), pctText(r.completeness)]),
      },
    },
    devices: {
      summary: [
        ['Số giờ máy theo dõi tình trạng', numText(d.monitoredHours)], ['Số giờ không có cảnh báo', numText(d.healthyHours)], ['Tỉ lệ thời gian thiết bị hoạt động tốt', pctText(d.healthyPct)],
        ['Cảnh báo phát sinh (nghiêm trọng / lưu ý)', `${numText(d.alerts.total)} (${numText(d.alerts.critical)} / ${numText(d.alerts.warning)})`],
      ] as [string, string][],
      devices: { headers: ['Thiết bị', 'Loại', 'Số giờ theo dõi', 'Tỉ lệ sẵn sàng'], rows: d.devices.map((r) => [r.name, deviceKindText(r.kind), numText(r.hours), pctText(r.availabilityPct)]) },
      alerts: { headers: ['Loại cảnh báo', 'Số lần'], rows: d.alerts.byRule.map((r) => [ruleText(r.rule), numText(r.count)]) },
    },
    plan: f.planVersusActual
      ? { headers: ['Lớp — môn học', 'Bài theo kế hoạch', 'Đã dạy', 'Tỉ lệ'], rows: f.planVersusActual.rows.map((r) => [r.label, numText(r.planned), numText(r.actual), pctText(r.rate)]) }
      : null,
  };
}

const table = (x: { headers: string[]; rows: string[][] }, firstWeight = 1.5): DocBlock => ({
  kind: 'table', columns: x.headers.map((h, i) => ({ header: h, weight: i === 0 ? firstWeight : 1, align: i === 0 ? 'left' : 'right' })), rows: x.rows, emptyText: 'Không có số liệu',
});

/** The evaluation report as the district office and the provincial department read it (Art. 15.6). */
export function semesterReportPdf(f: SemesterFigures, h: Header): DocSpec {
  const s = f.semester;
  const x = figureTables(f);
  const period = `${semesterName(s.number)}, năm học ${s.schoolYearName} (từ ${dateText(s.startsOn)} đến ${dateText(s.endsOn)})`;
  return {
    title: 'BÁO CÁO ĐÁNH GIÁ HIỆU QUẢ DẠY HỌC TRỰC TUYẾN',
    letterhead: [...MOTTO, h.schoolName],
    subtitle: period,
    author: h.schoolName,
    createdAt: h.finalizedAt,
    footer: `${h.schoolName} — ${semesterName(s.number)}, năm học ${s.schoolYearName}`,
    blocks: [
      { kind: 'paragraph', text: `Kính gửi: ${h.addressee}` },
      { kind: 'paragraph', text: `Thực hiện Thông tư số 09/2021/TT-BGDĐT (Điều 15, khoản 6), ${h.schoolName} báo cáo đánh giá hiệu quả tổ chức dạy học trực tuyến ${period.replace(/^Học kì/, 'học kì')} như sau. Số liệu được tổng hợp từ hệ thống lúc ${schoolDateTimeText(f.computedAt)}.` },
      { kind: 'heading', text: 'I. SỐ LIỆU TỪ HỆ THỐNG' },
      { kind: 'heading', text: '1. Tổ chức dạy học trực tuyến', level: 2 },
      { kind: 'keyValues', items: x.lessons.summary },
      table(x.lessons.byMonth),
      table(x.lessons.byGradeSubject, 0.6),
      { kind: 'heading', text: '2. Chuyên cần của học sinh', level: 2 },
      { kind: 'keyValues', items: x.attendance.summary },
      table(x.attendance.byClass),
      { kind: 'heading', text: '3. Học liệu', level: 2 },
      { kind: 'keyValues', items: x.materials.summary },
      table(x.materials.bySubject, 0.6),
      { kind: 'heading', text: '4. Kiểm tra, đánh giá', level: 2 },
      { kind: 'keyValues', items: x.assessments.summary },
      table(x.assessments.gradebook, 1),
      { kind: 'heading', text: '5. Thiết bị phòng học trực tuyến', level: 2 },
      { kind: 'keyValues', items: x.devices.summary },
      table(x.devices.devices, 2),
      table(x.devices.alerts, 2),
      ...(x.plan ? [{ kind: 'heading', text: '6. Kế hoạch và thực hiện', level: 2 } as DocBlock, table(x.plan, 3)] : []),
      { kind: 'heading', text: 'II. KHÓ KHĂN' },
      ...paragraphs(h.difficulties),
      { kind: 'heading', text: 'III. NGUYÊN NHÂN' },
      ...paragraphs(h.causes),
      { kind: 'heading', text: 'IV. ĐỀ XUẤT' },
      ...paragraphs(h.proposals),
      { kind: 'paragraph', text: signedDate(h.finalizedAt) },
      { kind: 'keyValues', items: [['HIỆU TRƯỞNG', h.principalName ?? '']] },
      { kind: 'paragraph', text: 'Chi tiết chuyên cần theo từng buổi học có trong tệp bảng tính kèm theo.', muted: true },
    ],
  };
}

/** "Ngày 15 tháng 01 năm 2027", as documents are dated. */
export function signedDate(instant: string): string {
  const d = schoolDate(instant);
  return `Ngày ${d.slice(8, 10)} tháng ${d.slice(5, 7)} năm ${d.slice(0, 4)}`;
}

function paragraphs(text: string): DocBlock[] {
  return text.split(/\n{2,}|\r\n\r\n/).map((p) => p.trim()).filter(Boolean).map((p) => ({ kind: 'paragraph', text: p }));
}

const sheetOf = (name: string, title: string, x: { headers: string[]; rows: string[][] } | { items: [string, string][] }): SheetDoc => {
  if ('items' in x) {
    return { name, title, columns: [{ header: 'Chỉ tiêu', key: 'k', width: 48 }, { header: 'Số liệu', key: 'v', width: 20 }], rows: x.items.map(([k, v]) => ({ k, v })) };
  }
  return {
    name, title,
    columns: x.headers.map((h, i) => ({ header: h, key: `c${i}`, width: Math.max(12, h.length + 4) })),
    rows: x.rows.map((r) => Object.fromEntries(r.map((v, i) => [`c${i}`, v]))),
  };
};

/**
 * The workbook: one sheet per figure group (numbers as numbers where they are counts), plus the
 * principal's text. Sheet names stay under Excel's 31 characters.
 */
export function semesterReportSheets(f: SemesterFigures, h: Header): SheetDoc[] {
  const x = figureTables(f);
  const s = f.semester;
  const title = (what: string) => `${what} — ${semesterName(s.number)}, năm học ${s.schoolYearName}`;
  const num = (name: string, ttl: string, headers: string[], keys: string[], types: ('text' | 'number')[], rows: Record<string, string | number | null>[]): SheetDoc => ({
    name, title: ttl, columns: headers.map((header, i) => ({ header, key: keys[i]!, type: types[i]!, width: Math.max(12, header.length + 4) })), rows,
  });
  const l = f.lessons;
  const a = f.attendance;
  const g = f.assessments.gradebook;
  return [
    {
      name: 'Thông tin chung', title: title('Báo cáo đánh giá'),
      columns: [{ header: 'Mục', key: 'k', width: 28 }, { header: 'Nội dung', key: 'v', width: 90 }],
      rows: [
        { k: 'Trường', v: h.schoolName }, { k: 'Kính gửi', v: h.addressee }, { k: 'Học kì', v: `${semesterName(s.number)}, năm học ${s.schoolYearName}` },
        { k: 'Từ ngày', v: dateText(s.startsOn) }, { k: 'Đến ngày', v: dateText(s.endsOn) }, { k: 'Số liệu tính lúc', v: schoolDateTimeText(f.computedAt) },
        { k: 'Khó khăn', v: h.difficulties }, { k: 'Nguyên nhân', v: h.causes }, { k: 'Đề xuất', v: h.proposals },
        { k: 'Hiệu trưởng', v: h.principalName ?? '' }, { k: 'Chốt lúc', v: schoolDateTimeText(h.finalizedAt) },
      ],
    },
    sheetOf('Buổi học', title('Tổ chức dạy học trực tuyến'), { items: x.lessons.summary }),
    num('Buổi học theo tháng', title('Buổi học đã tổ chức theo tháng'), ['Tháng', 'Hỗ trợ', 'Thay thế'], ['month', 'supporting', 'replacing'], ['text', 'number', 'number'],
      l.byMonth.map((r) => ({ month: monthText(r.month), supporting: r.supporting, replacing: r.replacing }))),
    num('Buổi học theo khối, môn', title('Buổi học theo khối và môn'), ['Khối', 'Môn học', 'Hỗ trợ', 'Thay thế'], ['grade', 'subject', 'supporting', 'replacing'], ['number', 'text', 'number', 'number'],
      l.byGradeSubject.map((r) => ({ grade: r.grade, subject: r.subjectName, supporting: r.supporting, replacing: r.replacing }))),
    num('Chuyên cần theo lớp', title('Chuyên cần theo lớp'), ['Lớp', 'Số buổi', 'Lượt theo danh sách', 'Lượt có mặt', 'Tỉ lệ (%)'], ['c', 'l', 'e', 'p', 'r'], ['text', 'number', 'number', 'number', 'number'],
      a.byClass.map((r) => ({ c: r.className, l: r.lessons, e: r.expected, p: r.present, r: r.rate }))),
    num('Chuyên cần theo buổi', title('Chuyên cần theo buổi học'), ['Mã buổi', 'Ngày', 'Lớp', 'Môn', 'Giáo viên', 'Hình thức', 'Sĩ số', 'Có mặt', 'Tỉ lệ (%)'],
      ['id', 'd', 'c', 's', 't', 'm', 'e', 'p', 'r'], ['number', 'text', 'text', 'text', 'text', 'text', 'number', 'number', 'number'],
      a.byLesson.map((r) => ({ id: r.lessonId, d: dateText(r.date), c: r.className, s: r.subjectName, t: r.teacherName, m: modeText(r.mode), e: r.expected, p: r.present, r: r.rate }))),
    sheetOf('Học liệu', title('Học liệu'), { items: x.materials.summary }),
    sheetOf('Kiểm tra, đánh giá', title('Kiểm tra, đánh giá'), { items: x.assessments.summary }),
    num('Sổ điểm', title('Mức hoàn thành sổ điểm theo lớp và môn'), ['Lớp', 'Môn học', 'Giáo viên', 'Sĩ số', 'Ô cần có', 'Ô đã có', 'Hoàn thành (%)'],
      ['c', 's', 't', 'n', 'e', 'f', 'r'], ['text', 'text', 'text', 'number', 'number', 'number', 'number'],
      g.byClassSubject.map((r) => ({ c: r.className, s: r.subjectName, t: r.teacherName ?? 'Chưa phân công', n: r.students, e: r.expected, f: r.filled, r: r.completeness }))),
    sheetOf('Thiết bị', title('Thiết bị phòng học trực tuyến'), { items: x.devices.summary }),
    num('Thiết bị chi tiết', title('Tỉ lệ sẵn sàng của từng thiết bị'), ['Thiết bị', 'Loại', 'Số giờ theo dõi', 'Tỉ lệ sẵn sàng (%)'], ['n', 'k', 'h', 'a'], ['text', 'text', 'number', 'number'],
      f.devices.devices.map((r) => ({ n: r.name, k: deviceKindText(r.kind), h: r.hours, a: r.availabilityPct }))),
    ...(x.plan ? [sheetOf('Kế hoạch và thực hiện', title('Kế hoạch và thực hiện'), x.plan)] : []),
  ];
}
