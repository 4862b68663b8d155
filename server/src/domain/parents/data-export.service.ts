import { DomainError } from '../shared/errors.js';
import type { Transactor } from '../repos.js';
import { CONSENT_PURPOSES, CONSENT_TEXTS, consentStatus } from './consent-texts.js';
import { childOrPrincipal, isPrincipal } from './parent-access.js';
import type { ParentsViewer } from './parents.types.js';
import type { DocumentBlock, DocumentSpec } from '../shared/documents.js';

/** Exports per requester in a window (each gathers every area of a child's data). */
export const EXPORT_LIMIT = { count: 5, windowMinutes: 60 };

/** The summary PDF's shape (domain/shared/documents.ts). */
export type SummaryBlock = DocumentBlock;
export type SummarySpec = DocumentSpec;

export interface ExportBundle {
  fileName: string;
  /** JSON files and the PDF summary, path inside the zip → content. */
  entries: { name: string; data: Buffer | string }[];
  /** The child's submitted files, read from the task files' store. */
  files: { name: string; storedPath: string }[];
}

/** The areas, each one JSON file: name in the zip, Vietnamese label. */
export const EXPORT_AREAS = [
  ['ca-nhan', 'Thông tin cá nhân và tài khoản'],
  ['lop-hoc', 'Lớp học qua các năm'],
  ['phu-huynh', 'Cha mẹ, người giám hộ được liên kết'],
  ['diem-danh', 'Điểm danh buổi học trực tuyến'],
  ['so-diem', 'Điểm số và nhận xét trong sổ điểm'],
  ['nhiem-vu', 'Bài nộp nhiệm vụ học tập và kết quả chấm'],
  ['kiem-tra', 'Lượt làm bài kiểm tra'],
  ['hoi-dap', 'Câu hỏi và trả lời trong mục Hỏi đáp'],
  ['tien-do', 'Tiến độ học tập với học liệu'],
  ['dong-y', 'Sự đồng ý xử lý dữ liệu cá nhân'],
  ['tin-nhan', 'Tin nhắn giữa phụ huynh và giáo viên chủ nhiệm'],
  ['nhat-ky', 'Nhật kí hệ thống liên quan đến học sinh'],
] as const;
export type ExportArea = (typeof EXPORT_AREAS)[number][0];

const viDate = (d: string | null | undefined) => (d && /^\d{4}-\d{2}-\d{2}/.test(d) ? `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}` : '—');
function viDateTime(iso: string): string {
  const d = new Date(Date.parse(iso) + 7 * 3600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())}/${p(d.getUTCMonth() + 1)}/${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`;
}
const STATE_VI: Record<string, string> = { unanswered: 'Chưa trả lời', given: 'Đồng ý', withdrawn: 'Đã rút lại', child_refused: 'Con không đồng ý' };

/**
 * What the school holds about one child (the data subject's right of access, Law 91/2025/QH15;
 * the parent exercises it for their child): a zip with one JSON file per data area, the child's
 * submitted files and a readable PDF summary in Vietnamese. For the parent (own child only) and the
 * principal; every export is audited and rate limited.
 */
export class DataExportService {
  constructor(
    private readonly tx: Transactor,
    private readonly deps: { renderPdf(spec: SummarySpec): Promise<Buffer> },
    private readonly now: () => Date = () => new Date(),
  ) {}

  async export(v: ParentsViewer, studentId: number): Promise<ExportBundle> {
    const at = this.now().toISOString();
    // The access check, the rate limit and the record of the export in one transaction.
    const child = await this.tx.run(async (r) => {
      const c = await childOrPrincipal(r, v, studentId);
      const since = new Date(Date.parse(at) - EXPORT_LIMIT.windowMinutes * 60_000).toISOString();
      if ((await r.parents.exportsSince(v.personId, since)) >= EXPORT_LIMIT.count) throw new DomainError('DATA_EXPORT_RATE_LIMITED', { limit: EXPORT_LIMIT });
      await r.parents.recordExport(studentId, v.personId, at);
      await r.audit.record(v, 'person.data_exported', 'person', studentId, { by: v.roles.includes('principal') ? 'principal' : 'parent' });
      return c;
    });
    const { data, parents, consents } = await this.tx.read(async (r) => ({
      data: await r.parents.exportData(studentId),
      parents: await r.people.parentsOf(studentId),
      consents: await r.parents.consentHistory([studentId]),
    }));
    const school = await this.tx.read((r) => r.school.getSchool());
    const areas: Record<ExportArea, unknown> = {
      'ca-nhan': { person: data.person, account: data.account ?? null },
      'lop-hoc': data.enrolments,
      'phu-huynh': parents.map((p) => ({ id: p.id, fullName: p.fullName, phone: p.phone, relation: p.relation })),
      'diem-danh': data.attendance,
      'so-diem': { scores: data.gradebookScores, comments: data.gradebookComments },
      'nhiem-vu': { submissions: data.taskSubmissions, grades: data.taskGrades },
      'kiem-tra': data.quizAttempts,
      'hoi-dap': { questions: data.qaQuestions, answers: data.qaAnswers },
      'tien-do': data.progress,
      'dong-y': consents,
      // Another linked parent's conversations are their own personal data too: a parent gets their own threads.
      'tin-nhan': isPrincipal(v) ? data.messages : data.messages.filter((m) => m.parentId === v.personId),
      'nhat-ky': data.audit,
    };
    const folder = `du-lieu-hoc-sinh-${child.personalId ?? child.id}`;
    const entries: ExportBundle['entries'] = EXPORT_AREAS.map(([key, label], n) => ({
      name: `${folder}/${String(n + 1).padStart(2, '0')}-${key}.json`,
      data: JSON.stringify({ area: key, label, studentId, generatedAt: at, data: areas[key] }, null, 2),
    }));
    const count = (x: unknown): number => (Array.isArray(x) ? x.length : x && typeof x === 'object' ? Object.values(x).reduce((n: number, y) => n + (Array.isArray(y) ? y.length : y ? 1 : 0), 0) : 0);
    const att = data.attendance as { present?: boolean }[];
    const statuses = CONSENT_PURPOSES.map((p) => consentStatus(p, consents));
    const pdf = await this.deps.renderPdf({
      title: 'DỮ LIỆU CÁ NHÂN NHÀ TRƯỜNG ĐANG LƯU GIỮ VỀ HỌC SINH',
      letterhead: [school?.name ?? 'Nhà trường'],
      subtitle: `Học sinh: ${child.fullName} — lập lúc ${viDateTime(at)}`,
      createdAt: at,
      footer: `${school?.name ?? ''} — Bản trích xuất dữ liệu của ${child.fullName}`,
      blocks: [
        { kind: 'paragraph', text: 'Theo Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15 và Nghị định 356/2025/NĐ-CP, cha mẹ hoặc người giám hộ thay mặt học sinh có quyền được biết, truy cập, yêu cầu chỉnh sửa, hạn chế xử lý và rút lại sự đồng ý đối với dữ liệu cá nhân của con. Tệp nén kèm theo chứa toàn bộ dữ liệu dưới dạng tệp JSON, mỗi tệp một nhóm dữ liệu, cùng các tệp bài nộp của học sinh.' },
        { kind: 'heading', text: 'Thông tin học sinh' },
        { kind: 'keyValues', items: [
          ['Họ và tên', child.fullName],
          ['Mã định danh', child.personalId ?? '—'],
          ['Ngày sinh', viDate(child.birthDate)],
          ['Lớp năm học hiện tại', child.className ?? '—'],
          ['Giáo viên chủ nhiệm', child.homeroomTeacherName ?? '—'],
          ['Cha mẹ, người giám hộ', parents.map((p) => `${p.fullName} (${relationVi(p.relation)})`).join('; ') || '—'],
        ] },
        { kind: 'heading', text: 'Các nhóm dữ liệu trong tệp nén' },
        { kind: 'table', columns: [{ header: 'STT', weight: 0.5, align: 'center' }, { header: 'Nhóm dữ liệu', weight: 3 }, { header: 'Tệp', weight: 2.5 }, { header: 'Số bản ghi', weight: 1, align: 'right' }],
          rows: EXPORT_AREAS.map(([key, label], n) => [String(n + 1), label, `${String(n + 1).padStart(2, '0')}-${key}.json`, String(count(areas[key]))]) },
        { kind: 'keyValues', items: [
          ['Buổi học trực tuyến có mặt', `${att.filter((a) => a.present).length}/${att.length}`],
          ['Số tệp bài nộp kèm theo', String(data.submissionFiles.length)],
        ] },
        { kind: 'heading', text: 'Sự đồng ý xử lý dữ liệu cá nhân' },
        { kind: 'table', columns: [{ header: 'Mục đích', weight: 3 }, { header: 'Tình trạng', weight: 1.5 }, { header: 'Thời điểm', weight: 1.5 }],
          rows: statuses.map((s) => [CONSENT_TEXTS[s.purpose].title, STATE_VI[s.state] ?? s.state, s.last ? viDateTime(s.last.at) : '—']) },
        { kind: 'paragraph', muted: true, text: 'Im lặng hoặc không trả lời không được coi là đồng ý. Việc rút lại sự đồng ý có hiệu lực từ thời điểm rút và được lưu lại, không bị xoá.' },
      ],
    });
    entries.unshift({ name: `${folder}/00-tom-tat.pdf`, data: pdf });
    const files = data.submissionFiles.map((f) => ({ name: `${folder}/tep-bai-nop/nhiem-vu-${f.taskId}-lan-${f.version}-${safeName(f.fileName)}`, storedPath: f.storedPath }));
    return { fileName: `${folder}.zip`, entries, files };
  }
}

function relationVi(r: string): string {
  return r === 'father' ? 'cha' : r === 'mother' ? 'mẹ' : r === 'guardian' ? 'người giám hộ' : r;
}

function safeName(name: string): string {
  return name.replace(/[/\\\u0000-\u001f]/g, '_').slice(0, 120) || 'tep';
}
