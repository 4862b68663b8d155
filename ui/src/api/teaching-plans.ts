/** Teaching plans by week, month and year, their approval and plan versus actual (Art. 8.1.c, 15.1.b). */
import { http } from './client.js';
import type {
  PlanActualReply, PlanCalendarView, PlanCreateBody, PlanOptions, PlanReviewBody, PlanSummary, PlanUpdateBody, PlanVersionDetail,
  PlanVersusActualRow, PlanWeek, PlanWeekInput, PlanMode, ReviewAction, WeekStatus, PlanActualWeek, PlanMonth,
} from '../../../server/src/contracts/teaching-plans.schema.js';

export type {
  PlanActualReply, PlanCalendarView, PlanCreateBody, PlanOptions, PlanReviewBody, PlanSummary, PlanUpdateBody, PlanVersionDetail,
  PlanVersusActualRow, PlanWeek, PlanWeekInput, PlanMode, ReviewAction, WeekStatus, PlanActualWeek, PlanMonth,
};

const base = '/api/teaching-plans';

export const plansApi = {
  options: () => http.get<PlanOptions>(`${base}/options`),
  list: () => http.get<PlanSummary[]>(base),
  queue: () => http.get<PlanSummary[]>(`${base}/queue`),
  progress: (semesterId: number, classId?: number, subjectId?: number) => http.get<PlanVersusActualRow[]>(`${base}/progress`, { semesterId, classId, subjectId }),
  create: (body: PlanCreateBody) => http.post<PlanVersionDetail>(base, body),
  get: (id: number, versionId?: number) => http.get<PlanVersionDetail>(`${base}/${id}`, { versionId }),
  update: (id: number, versionId: number, body: PlanUpdateBody) => http.put<PlanVersionDetail>(`${base}/${id}/versions/${versionId}`, body),
  review: (id: number, versionId: number, body: PlanReviewBody) => http.post<PlanVersionDetail>(`${base}/${id}/versions/${versionId}/review`, body),
  revise: (id: number) => http.post<PlanVersionDetail>(`${base}/${id}/revise`, {}),
  calendar: (id: number, versionId: number) => http.get<PlanCalendarView>(`${base}/${id}/versions/${versionId}/calendar`),
  actual: (id: number, versionId?: number) => http.get<PlanActualReply>(`${base}/${id}/actual`, { versionId }),
  markTaught: (id: number, curriculumLessonId: number, taughtOn: string) => http.post<{ ok: true }>(`${base}/${id}/taught`, { curriculumLessonId, taughtOn }),
  unmarkTaught: (id: number, curriculumLessonId: number) => http.post<{ ok: true }>(`${base}/${id}/taught/remove`, { curriculumLessonId }),
};

export const planPath = (id: number) => `/ke-hoach-day-hoc/${id}`;
