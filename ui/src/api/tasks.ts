/** Endpoints and types of tasks and student work (Art. 5.2–5.3, 15.1.h). */
import { http, upload } from './client.js';
import type {
  AudienceOptions, Grade, GradeBody, GradeReply, RosterRow, Rubric, StudentTaskItem, StudentWork, TaskBody, TaskDetail, TaskListItem, Teaching,
} from '../../../server/src/contracts/tasks.schema.js';

export type { AudienceOptions, Grade, GradeBody, RosterRow, Rubric, StudentTaskItem, StudentWork, TaskBody, TaskDetail, TaskListItem, Teaching };
export type TaskStatus = StudentTaskItem['status'];
export type SubmissionView = StudentWork['submissions'][number];
export type TaskFileView = TaskDetail['attachments'][number];

/** Same limits as the server (server/src/domain/tasks/task-file-types.ts), to refuse early on the phone. */
export const TASK_UPLOAD = {
  maxBytes: 25 * 1024 * 1024,
  maxFiles: 10,
  accept: '.pdf,.png,.jpg,.jpeg,.gif,.webp,.heic,.heif,.docx,.xlsx,.pptx,.odt,.ods,.odp,.zip,.doc,.xls,.ppt,.mp3,.m4a,.mp4,.txt',
};

export const submissionFileUrl = (fileId: number, inline = false) => `/api/task-files/${fileId}${inline ? '?inline=true' : ''}`;
export const attachmentUrl = (taskId: number, fileId: number, inline = false) => `/api/tasks/${taskId}/attachments/${fileId}${inline ? '?inline=true' : ''}`;
export const downloadAllUrl = (taskId: number) => `/api/tasks/${taskId}/download`;

export const tasksApi = {
  list: (q: { classId?: number; subjectId?: number } = {}) => http.get<TaskListItem[]>('/api/tasks', q),
  mine: (studentId?: number) => http.get<StudentTaskItem[]>('/api/tasks/mine', studentId ? { studentId } : undefined),
  teaching: () => http.get<Teaching>('/api/tasks/teaching'),
  audience: (classId: number, subjectId: number) => http.get<AudienceOptions>('/api/tasks/audience', { classId, subjectId }),
  create: (body: TaskBody) => http.post<{ id: number }>('/api/tasks', body),
  update: (id: number, body: TaskBody) => http.put<{ ok: true }>(`/api/tasks/${id}`, body),
  remove: (id: number) => http.del<{ ok: true }>(`/api/tasks/${id}`),
  get: (id: number) => http.get<TaskDetail>(`/api/tasks/${id}`),
  roster: (id: number) => http.get<RosterRow[]>(`/api/tasks/${id}/students`),
  work: (id: number, studentId: number) => http.get<StudentWork>(`/api/tasks/${id}/students/${studentId}`),
  grade: (id: number, studentId: number, body: GradeBody) => http.post<GradeReply>(`/api/tasks/${id}/students/${studentId}/grade`, body),
  returnWork: (id: number, studentId: number, comment: string) => http.post<{ ok: true }>(`/api/tasks/${id}/students/${studentId}/return`, { comment }),
  release: (id: number) => http.post<{ released: number }>(`/api/tasks/${id}/release`),
  attach: (id: number, form: FormData, onProgress: (f: number | null) => void) => upload<{ id: number }>(`/api/tasks/${id}/attachments`, form, onProgress),
  removeAttachment: (id: number, fileId: number) => http.del<{ ok: true }>(`/api/tasks/${id}/attachments/${fileId}`),
  submit: (id: number, form: FormData, onProgress: (f: number | null) => void) => upload<{ id: number; version: number; late: boolean }>(`/api/tasks/${id}/submissions`, form, onProgress),
};

/** "dd/mm/yyyy hh:mm" in the school's time (UTC+7), whatever the device's zone. */
export function schoolDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(Date.parse(iso) + 7 * 3_600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())}/${p(d.getUTCMonth() + 1)}/${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`;
}

/** "dd/mm/yyyy" + "hh:mm" typed in school time → an ISO instant; null when not a real date/time. */
export function instantFromSchool(date: string, time: string): string | null {
  const m = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s*$/.exec(date);
  const h = /^\s*(\d{1,2}):(\d{2})\s*$/.exec(time || '23:59');
  if (!m || !h) return null;
  const [d, mo, y, hh, mi] = [Number(m[1]), Number(m[2]), Number(m[3]), Number(h[1]), Number(h[2])];
  if (hh > 23 || mi > 59) return null;
  const utc = Date.UTC(y, mo - 1, d, hh - 7, mi);
  const check = new Date(Date.UTC(y, mo - 1, d));
  if (check.getUTCDate() !== d || check.getUTCMonth() !== mo - 1) return null;
  return new Date(utc).toISOString();
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1).replace('.', ',')} MB`;
}
