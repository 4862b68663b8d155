import type { ChildConsents, ClassConsents, ConsentBody } from '../../contracts/parents.schema.js';
import { DomainError } from '../shared/errors.js';
import type { Transactor } from '../repos.js';
import {
  CONSENT_PURPOSES, CONSENT_TEXTS, ageOn, childAgreementNeeded, consentStatus, normalizeAgreement, textSha256, type ConsentPurpose,
} from './consent-texts.js';
import { isPrincipal, ownChild } from './parent-access.js';
import type { ParentsViewer } from './parents.types.js';
import type { SheetSpec } from '../shared/documents.js';

export type ConsentSheet = SheetSpec;

const STATE_VI: Record<string, string> = { unanswered: 'Chưa trả lời', given: 'Đồng ý', withdrawn: 'Đã rút lại', child_refused: 'Con không đồng ý' };

/** dd/mm/yyyy hh:mm in school time (UTC+7). */
function viDateTime(iso: string): string {
  const d = new Date(Date.parse(iso) + 7 * 3600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())}/${p(d.getUTCMonth() + 1)}/${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`;
}

/**
 * Parents' consent to processing their child's personal data (Law 91/2025/QH15, Decree
 * 356/2025/NĐ-CP; Art. 10.2 of the Circular: parental consent records for children). Each decision
 * is a new row (purpose, the text version shown, time, account, the child's agreement from 7 years
 * on); silence is not consent; a withdrawal takes effect from then on and nothing is deleted.
 */
export class ConsentService {
  constructor(
    private readonly tx: Transactor,
    private readonly deps: { writeWorkbook(sheets: ConsentSheet[]): Promise<Buffer> },
    private readonly now: () => Date = () => new Date(),
  ) {}

  texts() {
    return CONSENT_PURPOSES.map((p) => CONSENT_TEXTS[p]);
  }

  async forChild(v: ParentsViewer, studentId: number): Promise<ChildConsents> {
    return this.tx.read(async (r) => {
      const child = await ownChild(r, v, studentId);
      const history = await r.parents.consentHistory([studentId]);
      const age = ageOn(child.birthDate, this.now().toISOString());
      return {
        studentId, studentName: child.fullName, childAgeYears: age, asksChild: childAgreementNeeded('teaching_assessment', age),
        texts: this.texts(),
        statuses: CONSENT_PURPOSES.map((p) => consentStatus(p, history)),
        history,
      };
    });
  }

  async decide(v: ParentsViewer, studentId: number, body: ConsentBody): Promise<{ id: number }> {
    return this.tx.run(async (r) => {
      const child = await ownChild(r, v, studentId);
      const purpose = body.purpose as ConsentPurpose;
      const text = CONSENT_TEXTS[purpose];
      const at = this.now().toISOString();
      const history = await r.parents.consentHistory([studentId]);
      const age = ageOn(child.birthDate, at);
      let agreement = normalizeAgreement(childAgreementNeeded(purpose, age), body.childAgreement);
      if (body.decision === 'given') {
        // Consent is informed: given to the text currently shown, never to an older one.
        if (body.textVersion !== text.version) throw new DomainError('CONSENT_TEXT_OUTDATED', { purpose, current: text.version, shown: body.textVersion });
        if (!agreement) throw new DomainError('CONSENT_CHILD_AGREEMENT_REQUIRED', { purpose, childAgeYears: age });
      } else {
        const status = consentStatus(purpose, history);
        if (status.state === 'unanswered' || status.state === 'withdrawn') throw new DomainError('CONSENT_NOTHING_TO_WITHDRAW', { purpose });
        // A withdrawal needs no agreement of the child: the parent's withdrawal is enough.
        agreement = 'not_required';
      }
      const id = await r.parents.addConsent({
        studentId, purpose, decision: body.decision, textVersion: body.decision === 'given' ? text.version : body.textVersion, textSha256: textSha256(text),
        parentId: v.personId, accountId: v.accountId, at, ip: v.ip, childAgreement: agreement, childAgeYears: age,
      });
      await r.audit.record(v, `consent.${body.decision}`, 'person', studentId, { consentId: id, purpose, textVersion: text.version, childAgreement: agreement });
      return { id };
    });
  }

  /**
   * For other modules (live recording, public pages): whether processing for a purpose may go on for
   * each student now. Only an explicit, current consent counts; silence and withdrawal do not.
   */
  async effective(studentIds: number[], purpose: ConsentPurpose): Promise<Map<number, boolean>> {
    const history = await this.tx.read((r) => r.parents.consentHistory(studentIds));
    return new Map(studentIds.map((id) => [id, consentStatus(purpose, history.filter((h) => h.studentId === id)).effective]));
  }

  /** The principal's view of one class: every student × purpose, who has not answered. */
  async forClass(v: ParentsViewer, classId: number): Promise<ClassConsents> {
    if (!isPrincipal(v)) throw new DomainError('FORBIDDEN', { action: 'parents.consent_overview' });
    return this.tx.read(async (r) => {
      const cls = await r.school.getClass(classId);
      if (!cls) throw new DomainError('NOT_FOUND', { classId });
      const students = await r.parents.classStudents(classId);
      const history = await r.parents.consentHistory(students.map((s) => s.id));
      const unanswered: Record<string, number> = Object.fromEntries(CONSENT_PURPOSES.map((p) => [p, 0]));
      const rows = [];
      for (const s of students) {
        const mine = history.filter((h) => h.studentId === s.id);
        const statuses = CONSENT_PURPOSES.map((p) => consentStatus(p, mine));
        for (const st of statuses) if (st.state === 'unanswered') unanswered[st.purpose] = (unanswered[st.purpose] ?? 0) + 1;
        rows.push({ id: s.id, fullName: s.fullName, personalId: s.personalId, parentCount: (await r.people.parentsOf(s.id)).length, statuses });
      }
      return { classId, className: cls.name, texts: this.texts(), students: rows, unanswered };
    });
  }

  async exportClass(v: ParentsViewer, classId: number): Promise<{ fileName: string; body: Buffer }> {
    const c = await this.forClass(v, classId);
    await this.tx.run((r) => r.audit.record(v, 'consent.class_exported', 'class', classId, { students: c.students.length }));
    const columns: ConsentSheet['columns'] = [
      { header: 'STT', key: 'stt', width: 6, type: 'number' },
      { header: 'Mã định danh', key: 'personalId', width: 22 },
      { header: 'Họ và tên', key: 'fullName', width: 28 },
      { header: 'Số phụ huynh liên kết', key: 'parents', width: 12, type: 'number' },
      ...CONSENT_PURPOSES.flatMap((p) => [
        { header: CONSENT_TEXTS[p].title, key: p, width: 22 },
        { header: 'Thời điểm', key: `${p}_at`, width: 18 },
      ]),
    ];
    const rows = c.students.map((s, n) => {
      const row: Record<string, string | number | null> = { stt: n + 1, personalId: s.personalId, fullName: s.fullName, parents: s.parentCount };
      for (const st of s.statuses) {
        row[st.purpose] = STATE_VI[st.state]! + (st.outdated ? ' (nội dung cũ)' : '');
        row[`${st.purpose}_at`] = st.last ? viDateTime(st.last.at) : null;
      }
      return row;
    });
    const body = await this.deps.writeWorkbook([{ name: 'Đồng ý xử lý dữ liệu', title: `TÌNH TRẠNG ĐỒNG Ý XỬ LÝ DỮ LIỆU CÁ NHÂN — Lớp ${c.className}`, columns, rows }]);
    return { fileName: `dong-y-du-lieu-lop-${c.className}.xlsx`, body };
  }
}
