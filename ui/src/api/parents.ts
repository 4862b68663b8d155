/** Parents (Art. 15.1.e, 16.2): the child's view, messages with the homeroom teacher, consent (Law 91/2025/QH15), data export. */
import type { Static } from '@sinclair/typebox';
import { http } from './client.js';
import type { Created } from '../../../server/src/contracts/common.schema.js';
import type {
  Child, ChildConsents, ChildOverview, ClassConsents, ConsentBody, NewThreadBody, Thread, ThreadDetail,
} from '../../../server/src/contracts/parents.schema.js';

export { MESSAGE_MAX_CHARS, SUBJECT_MAX_CHARS } from '../../../server/src/contracts/parents-limits.js';
export type { Child, ChildConsents, ChildOverview, ClassConsents, ConsentBody, Thread, ThreadDetail };
export type ChildLesson = ChildOverview['upcoming'][number];
export type ConsentStatus = ChildConsents['statuses'][number];

export const parentsApi = {
  children: () => http.get<Child[]>('/api/parents/children'),
  overview: (studentId: number) => http.get<ChildOverview>(`/api/parents/children/${studentId}/overview`),
  consents: (studentId: number) => http.get<ChildConsents>(`/api/parents/children/${studentId}/consents`),
  decide: (studentId: number, body: ConsentBody) => http.post<Static<typeof Created>>(`/api/parents/children/${studentId}/consents`, body),
  classConsents: (classId: number) => http.get<ClassConsents>(`/api/consents/classes/${classId}`),
  classConsentsXlsx: (classId: number) => `/api/consents/classes/${classId}/export.xlsx`,
  /** A download link (GET): the browser saves the zip. */
  exportUrl: (studentId: number) => `/api/students/${studentId}/data-export`,
  threads: () => http.get<Thread[]>('/api/parent-threads'),
  startThread: (body: NewThreadBody) => http.post<Static<typeof Created>>('/api/parent-threads', body),
  thread: (id: number) => http.get<ThreadDetail>(`/api/parent-threads/${id}`),
  reply: (id: number, body: string) => http.post<Static<typeof Created>>(`/api/parent-threads/${id}/messages`, { body }),
  supervised: (classId?: number) => http.get<Thread[]>('/api/parent-threads/supervision', classId ? { classId } : undefined),
  supervisedThread: (id: number) => http.get<ThreadDetail>(`/api/parent-threads/${id}/supervision`),
};

/** dd/mm/yyyy HH:mm in Vietnam's time. */
export function viDateTime(iso: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false,
  }).formatToParts(new Date(iso));
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('day')}/${get('month')}/${get('year')} ${get('hour')}:${get('minute')}`;
}

/** HH:mm in Vietnam's time. */
export function viTime(iso: string): string {
  return viDateTime(iso).slice(11);
}
