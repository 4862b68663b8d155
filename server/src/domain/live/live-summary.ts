import { attendanceOf } from './attendance.js';
import { pollResults } from './poll-rules.js';
import { schoolDateTimeText } from './school-time.js';
import type {
  AttendanceInterval, LessonSummary, LiveLesson, ParticipationCounts, PollAnswer, PollRecord, QuestionRecord, StudentSummary,
} from './live.types.js';

export interface SummaryInput {
  lesson: LiveLesson;
  /** The class list, in class-list order (given name first). */
  students: { id: number; personalId: string | null; fullName: string }[];
  intervals: AttendanceInterval[];
  participation: ParticipationCounts[];
  questions: QuestionRecord[];
  polls: (PollRecord & { answers: PollAnswer[] })[];
  now: string;
}

/** The lesson's records as the teacher and the principal read them afterwards (Art. 8.1.b). */
export function buildSummary(i: SummaryInput): LessonSummary {
  const counts = new Map(i.participation.map((p) => [p.personId, p]));
  const students: StudentSummary[] = i.students.map((s) => {
    const a = attendanceOf(i.intervals.filter((x) => x.personId === s.id), i.lesson, i.now);
    const c = counts.get(s.id);
    return {
      personId: s.id, personalId: s.personalId, fullName: s.fullName, ...a,
      chatMessages: c?.chatMessages ?? 0, questions: c?.questions ?? 0, handsRaised: c?.handsRaised ?? 0, reactions: c?.reactions ?? 0, pollAnswers: c?.pollAnswers ?? 0,
    };
  });
  const sum = (k: keyof Omit<ParticipationCounts, 'personId'>) => students.reduce((n, s) => n + s[k], 0);
  const present = students.filter((s) => s.present).length;
  const questions = i.questions.map((q) => ({ ...q, answered: q.answeredAt !== null }));
  return {
    lesson: i.lesson,
    totals: {
      students: students.length, present, absent: students.length - present, late: students.filter((s) => s.late).length,
      chatMessages: sum('chatMessages'), questions: sum('questions'), answeredQuestions: questions.filter((q) => q.answered).length,
      handsRaised: sum('handsRaised'), reactions: sum('reactions'), polls: i.polls.length,
    },
    students,
    questions,
    polls: i.polls.map(({ answers, ...poll }) => pollResults(poll, answers)),
  };
}

type Cell = string | number | null;
export interface SummarySheet {
  name: string;
  title?: string;
  columns: { header: string; key: string; width?: number; type?: 'text' | 'number' }[];
  rows: Record<string, Cell>[];
}

const yes = (b: boolean) => (b ? 'Có' : '');

/** The summary as a workbook for the school's records: attendance and participation, questions, polls. */
export function summarySheets(s: LessonSummary): SummarySheet[] {
  const l = s.lesson;
  const title = `BIÊN BẢN BUỔI HỌC TRỰC TUYẾN — Lớp ${l.className} — ${l.subjectName} — ${l.topic} — ${schoolDateTimeText(l.startsAt)}`;
  return [
    {
      name: 'Điểm danh', title,
      columns: [
        { header: 'STT', key: 'stt', width: 6, type: 'number' },
        { header: 'Mã định danh', key: 'personalId', width: 22 },
        { header: 'Họ và tên', key: 'fullName', width: 28 },
        { header: 'Có mặt', key: 'present', width: 9 },
        { header: 'Vào muộn', key: 'late', width: 10 },
        { header: 'Số phút', key: 'minutes', width: 9, type: 'number' },
        { header: 'Số lần vào', key: 'joins', width: 11, type: 'number' },
        { header: 'Tin nhắn', key: 'chatMessages', width: 10, type: 'number' },
        { header: 'Câu hỏi', key: 'questions', width: 9, type: 'number' },
        { header: 'Giơ tay', key: 'handsRaised', width: 9, type: 'number' },
        { header: 'Trả lời bình chọn', key: 'pollAnswers', width: 18, type: 'number' },
      ],
      rows: s.students.map((st, n) => ({
        stt: n + 1, personalId: st.personalId, fullName: st.fullName, present: st.present ? 'Có' : 'Vắng', late: yes(st.late),
        minutes: st.minutes, joins: st.joins, chatMessages: st.chatMessages, questions: st.questions, handsRaised: st.handsRaised, pollAnswers: st.pollAnswers,
      })),
    },
    {
      name: 'Câu hỏi',
      columns: [
        { header: 'STT', key: 'stt', width: 6, type: 'number' },
        { header: 'Thời gian', key: 'at', width: 18 },
        { header: 'Họ và tên', key: 'fullName', width: 28 },
        { header: 'Câu hỏi', key: 'text', width: 60 },
        { header: 'Đã trả lời', key: 'answered', width: 11 },
      ],
      rows: s.questions.map((q, n) => ({ stt: n + 1, at: schoolDateTimeText(q.at), fullName: q.fullName, text: q.text, answered: yes(q.answered) })),
    },
    {
      name: 'Bình chọn',
      columns: [
        { header: 'STT', key: 'stt', width: 6, type: 'number' },
        { header: 'Câu hỏi', key: 'question', width: 40 },
        { header: 'Lựa chọn', key: 'option', width: 30 },
        { header: 'Số lượt chọn', key: 'count', width: 13, type: 'number' },
        { header: 'Số người trả lời', key: 'answered', width: 16, type: 'number' },
      ],
      rows: s.polls.flatMap((p, n) => p.options.map((option, k) => ({
        stt: k === 0 ? n + 1 : null, question: k === 0 ? p.question : null, option, count: p.counts[k] ?? 0, answered: k === 0 ? p.answered : null,
      }))),
    },
  ];
}
