/** Endpoints and types of learning progress (Art. 5.3, 9.2.c). */
import { http } from './client.js';
import type { ClassProgress, ClassSubjectChoice, ProgressEventBody, ProgressState, StudentProgress } from '../../../server/src/contracts/progress.schema.js';

export type { ClassProgress, ClassSubjectChoice, ProgressEventBody, ProgressState, StudentProgress };
export type ProgressCell = ClassProgress['cells'][number];
export type ProgressStudentRow = ClassProgress['students'][number];
export type ProgressMaterial = ClassProgress['materials'][number];

/** The tracker posts here itself (with `keepalive`), outside the shared client. */
export const progressEventsPath = (materialId: number) => `/api/progress/materials/${materialId}/events`;

export const progressApi = {
  record: (materialId: number, body: ProgressEventBody) => http.post<ProgressState>(progressEventsPath(materialId), body),
  choices: () => http.get<ClassSubjectChoice[]>('/api/progress/classes'),
  classProgress: (classId: number, subjectId: number) => http.get<ClassProgress>(`/api/progress/classes/${classId}/subjects/${subjectId}`),
  student: (studentId: number, subjectId?: number) => http.get<StudentProgress>(`/api/progress/students/${studentId}`, subjectId ? { subjectId } : undefined),
  mine: () => http.get<StudentProgress>('/api/progress/me'),
  children: () => http.get<{ id: number; fullName: string; className: string | null }[]>('/api/progress/children'),
};
