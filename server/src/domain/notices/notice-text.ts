import { schoolDate } from '../live/school-time.js';
import { formatDate } from './dates.js';
import type { NoticeAudience, NoticeInput, NoticeKind } from './notice.types.js';

/** What of a decision a notice is written from. */
export interface DecisionForNotice {
  id: number;
  type: 'force_majeure' | 'online_mode' | 'online_assessment';
  mode: 'supporting' | 'replacing' | null;
  classIds: number[] | 'all';
  subjectIds: number[] | 'all';
  startsOn: string;
  endsOn: string;
  reason: string;
  documentNumber: string | null;
  signerName: string;
  signedAt: string;
  assessmentPlan: string | null;
}

/** The notice kind that goes with a decision type (Art. 15.1.e: the online mode, the assessment plan). */
export function noticeKindFor(type: DecisionForNotice['type']): NoticeKind {
  return type === 'online_assessment' ? 'assessment_plan' : 'online_mode';
}

const list = (names: string[]) => names.join(', ');

/**
 * A draft notice from the principal's decision (Art. 5.4, 6.2, 15.1.e): the mode, classes,
 * subjects and dates (dd/mm/yyyy), the reason and the decision's number, for students and parents.
 */
export function noticeFromDecision(d: DecisionForNotice, names: { classes: Map<number, string>; subjects: Map<number, string> }): NoticeInput {
  const classes = d.classIds === 'all' ? 'tất cả các lớp' : `các lớp ${list(d.classIds.map((id) => names.classes.get(id) ?? `#${id}`))}`;
  const subjects = d.subjectIds === 'all' ? 'tất cả các môn' : `các môn ${list(d.subjectIds.map((id) => names.subjects.get(id) ?? `#${id}`))}`;
  const period = `từ ngày ${formatDate(d.startsOn)} đến ngày ${formatDate(d.endsOn)}`;
  const ref = d.documentNumber ? `Quyết định số ${d.documentNumber} ngày ${formatDate(schoolDate(d.signedAt))}` : `Quyết định ngày ${formatDate(schoolDate(d.signedAt))}`;
  let title: string;
  const lines: string[] = [];
  if (d.type === 'online_mode') {
    const mode = d.mode === 'replacing' ? 'dạy học trực tuyến thay thế dạy học trực tiếp' : 'dạy học trực tuyến hỗ trợ dạy học trực tiếp';
    title = d.mode === 'replacing' ? 'Thông báo chuyển sang học trực tuyến' : 'Thông báo dạy học trực tuyến hỗ trợ';
    lines.push(`Kính gửi các em học sinh và quý phụ huynh,`, '', `Theo ${ref} của Hiệu trưởng (${d.signerName}), nhà trường tổ chức ${mode} cho ${classes}, ${subjects}, ${period}.`);
    if (d.mode === 'replacing') lines.push('', 'Trong thời gian này học sinh không đến trường; các em tham gia buổi học trực tuyến theo thời khoá biểu trên hệ thống và điểm danh đầy đủ.');
    else lines.push('', 'Các buổi học trực tuyến hỗ trợ việc học trên lớp; lịch học trực tuyến có trên hệ thống.');
  } else if (d.type === 'online_assessment') {
    title = 'Thông báo kế hoạch kiểm tra định kì trực tuyến';
    lines.push(`Kính gửi các em học sinh và quý phụ huynh,`, '', `Theo ${ref} của Hiệu trưởng (${d.signerName}), việc kiểm tra, đánh giá định kì của ${classes}, ${subjects} ${period} được tổ chức trực tuyến.`);
    if (d.assessmentPlan) lines.push('', 'Kế hoạch kiểm tra:', d.assessmentPlan);
    lines.push('', 'Bài kiểm tra làm một lần, trong thời gian quy định, câu hỏi được xáo trộn cho từng học sinh; đề nghị phụ huynh chuẩn bị thiết bị và đường truyền cho các em.');
  } else {
    title = 'Thông báo về trường hợp bất khả kháng';
    lines.push(`Kính gửi các em học sinh và quý phụ huynh,`, '', `Theo ${ref} của Hiệu trưởng (${d.signerName}), ${classes} tạm dừng học tập trung tại trường ${period}.`);
  }
  lines.push('', `Lí do: ${d.reason}`, '', 'Trân trọng.');
  const audience: NoticeAudience = d.classIds === 'all' ? { scope: 'school', to: 'both' } : { scope: 'classes', classIds: d.classIds, to: 'both' };
  return { kind: noticeKindFor(d.type), title, body: lines.join('\n'), audience, decisionId: d.id, supersedesId: null };
}
