/** Endpoints and types of questions and answers (Art. 5.2, 9.2). */
import { http } from './client.js';
import type { AskBody, QaAnswer, QaCounts, QaList, QaQuestion, QaThread } from '../../../server/src/contracts/qa.schema.js';
import type { ClassSubjectChoice } from '../../../server/src/contracts/progress.schema.js';

export type { AskBody, QaAnswer, QaCounts, QaList, QaQuestion, QaThread };
export type QaChoice = ClassSubjectChoice;
export type QaFilter = 'all' | 'unanswered' | 'mine';

type Ok = { ok: true };

export const qaApi = {
  spaces: () => http.get<QaChoice[]>('/api/qa/spaces'),
  list: (classId: number, subjectId: number, filter: QaFilter = 'all') => http.get<QaList>('/api/qa/questions', { classId, subjectId, filter }),
  counts: (classId: number) => http.get<QaCounts>(`/api/qa/classes/${classId}/counts`),
  ask: (body: AskBody) => http.post<{ id: number }>('/api/qa/questions', body),
  thread: (id: number) => http.get<QaThread>(`/api/qa/questions/${id}`),
  answer: (id: number, body: string) => http.post<{ id: number }>(`/api/qa/questions/${id}/answers`, { body }),
  best: (id: number, answerId: number | null) => http.post<Ok>(`/api/qa/questions/${id}/best`, { answerId }),
  hideQuestion: (id: number, reason: string) => http.post<Ok>(`/api/qa/questions/${id}/hide`, { reason }),
  showQuestion: (id: number) => http.post<Ok>(`/api/qa/questions/${id}/show`, {}),
  lock: (id: number, value: boolean) => http.post<Ok>(`/api/qa/questions/${id}/lock`, { value }),
  pin: (id: number, value: boolean) => http.post<Ok>(`/api/qa/questions/${id}/pin`, { value }),
  hideAnswer: (id: number, reason: string) => http.post<Ok>(`/api/qa/answers/${id}/hide`, { reason }),
  showAnswer: (id: number) => http.post<Ok>(`/api/qa/answers/${id}/show`, {}),
};

/** "28/11/2026 09:30" in school time, from an ISO instant. */
export function formatInstant(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(Date.parse(iso) + 7 * 3600_000).toISOString();
  return `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)} ${d.slice(11, 16)}`;
}
