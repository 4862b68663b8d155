import { createHash } from 'node:crypto';
import type { ChildAgreement, ConsentRecord } from './parents.types.js';

/**
 * The purposes parents consent to for their child's personal data (Law 91/2025/QH15 on personal
 * data protection, Decree 356/2025/NĐ-CP; children's data: the legal representative decides, and
 * for publishing a child's image or work the child aged 7 or above agrees too). Each text has a
 * version: a consent records the version shown, and a new version asks the parents again.
 */
export const CONSENT_PURPOSES = ['teaching_assessment', 'lesson_recording', 'publish_media'] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];

export interface ConsentText {
  purpose: ConsentPurpose;
  version: string;
  title: string;
  text: string;
  /** Whether the child's own agreement is asked when aged 7 or above. */
  asksChild: boolean;
}

/** Age from which the child's own agreement is recorded (Law 91/2025 Art. 24; Decree 13/2023 Art. 20 before it). */
export const CHILD_AGREEMENT_AGE = 7;

export const CONSENT_TEXTS: Record<ConsentPurpose, ConsentText> = {
  teaching_assessment: {
    purpose: 'teaching_assessment',
    version: '2026.1',
    title: 'Xử lý dữ liệu cá nhân của con để dạy học và đánh giá',
    text: 'Nhà trường xử lý họ tên, ngày sinh, mã định danh, lớp học, điểm danh, bài làm, điểm số và nhận xét của con trên hệ thống dạy học trực tuyến đặt tại trường, chỉ để tổ chức dạy học, kiểm tra, đánh giá và lưu hồ sơ theo quy định của Bộ Giáo dục và Đào tạo. Dữ liệu không chuyển cho bên thứ ba ngoài cơ quan quản lí giáo dục. Cha mẹ hoặc người giám hộ có quyền xem, yêu cầu sửa, tải về dữ liệu và rút lại sự đồng ý bất cứ lúc nào; việc rút lại có hiệu lực từ thời điểm rút.',
    asksChild: true,
  },
  lesson_recording: {
    purpose: 'lesson_recording',
    version: '2026.1',
    title: 'Ghi hình buổi học trực tuyến có hình ảnh, giọng nói của con',
    text: 'Khi nhà trường cho phép ghi hình một buổi học trực tuyến, bản ghi có thể có hình ảnh và giọng nói của con. Bản ghi chỉ dùng để học sinh trong lớp xem lại và làm minh chứng hồ sơ dạy học, lưu trên máy chủ của trường theo thời hạn nhà trường quy định, không công bố ra ngoài. Nếu không đồng ý, con vẫn học bình thường nhưng giáo viên nhắc con tắt camera và micro khi đang ghi hình.',
    asksChild: true,
  },
  publish_media: {
    purpose: 'publish_media',
    version: '2026.1',
    title: 'Công bố hình ảnh hoặc sản phẩm học tập của con',
    text: 'Nhà trường có thể đăng hình ảnh của con hoặc sản phẩm học tập của con (bài viết, tranh vẽ, sản phẩm dự án) trên trang công khai của trường, bảng tin hoặc tài liệu giới thiệu. Với trẻ từ đủ 7 tuổi, cần cả sự đồng ý của con và của cha mẹ hoặc người giám hộ. Sự đồng ý có thể rút lại bất cứ lúc nào; nhà trường gỡ nội dung đã đăng sau khi nhận được yêu cầu.',
    asksChild: true,
  },
};

export function textSha256(t: ConsentText): string {
  return createHash('sha256').update(`${t.purpose}\n${t.version}\n${t.title}\n${t.text}`, 'utf8').digest('hex');
}

/** Whole years of age on a date ('YYYY-MM-DD'); null when the birth date is unknown. */
export function ageOn(birthDate: string | null, date: string): number | null {
  if (!birthDate || !/^\d{4}-\d{2}-\d{2}$/.test(birthDate)) return null;
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = date.slice(0, 10).split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/**
 * The child's agreement a consent must carry: asked from 7 years on, and also when the age cannot
 * be verified (the controller must verify the child's age first; unknown is treated as 7+).
 */
export function childAgreementNeeded(purpose: ConsentPurpose, age: number | null): boolean {
  return CONSENT_TEXTS[purpose].asksChild && (age === null || age >= CHILD_AGREEMENT_AGE);
}

export type ConsentState = 'unanswered' | 'given' | 'withdrawn' | 'child_refused';

export interface ConsentStatus {
  purpose: ConsentPurpose;
  state: ConsentState;
  /** Whether processing for this purpose may go on now: only an explicit, current, complete consent. */
  effective: boolean;
  /** The consent was given to an older text version: the parents are asked again. */
  outdated: boolean;
  last: ConsentRecord | null;
}

/**
 * The status of one purpose from its history (oldest first). Silence is not consent: no record is
 * 'unanswered' and not effective. The latest decision of any linked parent counts; a withdrawal
 * takes effect from then on. A consent the child refused (7+) is not effective.
 */
export function consentStatus(purpose: ConsentPurpose, history: readonly ConsentRecord[]): ConsentStatus {
  const last = [...history].filter((h) => h.purpose === purpose).sort((a, b) => a.id - b.id).at(-1) ?? null;
  if (!last) return { purpose, state: 'unanswered', effective: false, outdated: false, last: null };
  if (last.decision === 'withdrawn') return { purpose, state: 'withdrawn', effective: false, outdated: false, last };
  const outdated = last.textVersion !== CONSENT_TEXTS[purpose].version;
  if (last.childAgreement === 'refused') return { purpose, state: 'child_refused', effective: false, outdated, last };
  return { purpose, state: 'given', effective: !outdated, outdated, last };
}

export function normalizeAgreement(needed: boolean, given: ChildAgreement | undefined): ChildAgreement | null {
  if (!needed) return 'not_required';
  return given === 'agreed' || given === 'refused' ? given : null;
}
