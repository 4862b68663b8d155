/** Endpoints and types of quizzes and tests (Art. 6.1, 6.2). */
import type { Static } from '@sinclair/typebox';
import { http } from './client.js';
import type {
  AttemptListItem, AttemptReview, AttemptView, MyAttempts, Quiz, QuizBody, QuizResults, SaveReply,
} from '../../../server/src/contracts/quizzes.schema.js';
import type { MatrixCounts } from '../../../server/src/contracts/questions.schema.js';

export type QuizT = Static<typeof Quiz>;
export type QuizBodyT = Static<typeof QuizBody>;
export type AttemptViewT = Static<typeof AttemptView>;
export type SaveReplyT = Static<typeof SaveReply>;
export type MyAttemptsT = Static<typeof MyAttempts>;
export type AttemptListItemT = Static<typeof AttemptListItem>;
export type AttemptReviewT = Static<typeof AttemptReview>;
export type QuizResultsT = Static<typeof QuizResults>;
export type MatrixCountsT = Static<typeof MatrixCounts>;
export interface QuizOptions {
  teaching: { classId: number; className: string; grade: number; subjectId: number; subjectName: string }[];
  semesters: { id: number; number: number; yearName: string }[];
}
export type SaveAnswer = { questionKey: string; answer: unknown };

export const QUIZ_PATHS = {
  list: '/kiem-tra',
  create: '/kiem-tra/moi',
  edit: (id: number) => `/kiem-tra/${id}/sua`,
  take: (id: number) => `/kiem-tra/${id}/lam-bai`,
  results: (id: number) => `/kiem-tra/${id}/ket-qua`,
  review: (attemptId: number) => `/kiem-tra/bai-lam/${attemptId}`,
} as const;

export const quizzesApi = {
  list: () => http.get<QuizT[]>('/api/quizzes'),
  options: () => http.get<QuizOptions>('/api/quizzes/options'),
  matrixCounts: (subjectId: number, grade: number) => http.get<MatrixCountsT>('/api/questions/matrix-counts', { subjectId, grade }),
  get: (id: number) => http.get<QuizT>(`/api/quizzes/${id}`),
  create: (body: QuizBodyT) => http.post<{ id: number }>('/api/quizzes', body),
  update: (id: number, body: QuizBodyT) => http.put<{ ok: true }>(`/api/quizzes/${id}`, body),
  remove: (id: number) => http.del<{ ok: true }>(`/api/quizzes/${id}`),
  publish: (id: number) => http.post<{ ok: true; decisionId: number | null }>(`/api/quizzes/${id}/publish`),
  results: (id: number, classId?: number) => http.get<QuizResultsT>(`/api/quizzes/${id}/results`, classId ? { classId } : undefined),
  review: (attemptId: number) => http.get<AttemptReviewT>(`/api/quiz-attempts/${attemptId}/review`),
  grade: (attemptId: number, questionKey: string, points: number, comment: string | null) =>
    http.put<{ score: number | null; pendingEssays: number }>(`/api/quiz-attempts/${attemptId}/grades`, { questionKey, points, comment }),
  // the student
  mine: (id: number) => http.get<MyAttemptsT>(`/api/quizzes/${id}/mine`),
  start: (id: number) => http.post<AttemptViewT>(`/api/quizzes/${id}/attempts`),
  attempt: (attemptId: number) => http.get<AttemptViewT>(`/api/quiz-attempts/${attemptId}`),
  save: (attemptId: number, seq: number, answers: SaveAnswer[]) => http.put<SaveReplyT>(`/api/quiz-attempts/${attemptId}/answers`, { seq, answers }),
  submit: (attemptId: number, final: { seq: number; answers: SaveAnswer[] } | null) => http.post<AttemptViewT>(`/api/quiz-attempts/${attemptId}/submit`, final ? { final } : {}),
  report: (attemptId: number, kind: 'focus_lost' | 'page_hidden', durationMs?: number) =>
    http.post<{ recorded: boolean }>(`/api/quiz-attempts/${attemptId}/events`, { kind, clientAt: new Date().toISOString(), ...(durationMs !== undefined ? { durationMs: Math.round(durationMs) } : {}) }),
};

const p2 = (n: number) => String(n).padStart(2, '0');
/** "dd/mm/yyyy hh:mm" in the school's time (UTC+7), whatever the device's zone. */
export function quizDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(Date.parse(iso) + 7 * 3_600_000);
  return `${p2(d.getUTCDate())}/${p2(d.getUTCMonth() + 1)}/${d.getUTCFullYear()} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}`;
}
/** "hh:mm" in school time. */
export function quizClock(iso: string): string {
  const d = new Date(Date.parse(iso) + 7 * 3_600_000);
  return `${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}`;
}
/** A date "dd/mm/yyyy" and time "hh:mm" in school time → ISO instant, or null. */
export function quizInstant(date: string, time: string): string | null {
  const m = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s*$/.exec(date);
  const h = /^\s*(\d{1,2}):(\d{2})\s*$/.exec(time);
  if (!m || !h) return null;
  const [d, mo, y, hh, mi] = [Number(m[1]), Number(m[2]), Number(m[3]), Number(h[1]), Number(h[2])];
  if (hh > 23 || mi > 59) return null;
  const check = new Date(Date.UTC(y, mo - 1, d));
  if (check.getUTCDate() !== d || check.getUTCMonth() !== mo - 1) return null;
  return new Date(Date.UTC(y, mo - 1, d, hh - 7, mi)).toISOString();
}
/** mm:ss (or h:mm:ss) of a duration. */
export function countdown(ms: number): string {
  const s = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return h ? `${h}:${p2(m)}:${p2(s % 60)}` : `${p2(m)}:${p2(s % 60)}`;
}
