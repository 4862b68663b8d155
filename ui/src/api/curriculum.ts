/** The curriculum's endpoints (Art. 4.1), typed from the server's contracts. */
import type { Static } from '@sinclair/typebox';
import type * as C from '../../../server/src/contracts/curriculum.schema.js';
import { http, upload, withQuery } from './client.js';
import type { TeachingAssignment } from './types.js';

export type CurriculumLesson = Static<typeof C.CurriculumLesson>;
export type CurriculumSubject = Static<typeof C.CurriculumSubject>;
export type LessonCreateBody = Static<typeof C.LessonCreateBody>;
export type LessonUpdateBody = Static<typeof C.LessonUpdateBody>;
export type CurriculumImportReport = Static<typeof C.CurriculumImportReport>;
export type CurriculumImportMode = 'preview' | 'commit';
export type CurriculumImportAction = 'replace' | 'append';

export const curriculumApi = {
  /** Subjects with their grades and whether the signed-in person may change their programme. */
  subjects: () => http.get<CurriculumSubject[]>('/api/curriculum/subjects'),
  /** Lessons of a subject × grade in teaching order, with their required outcomes. */
  lessons: (subjectId: number, grade: number) => http.get<CurriculumLesson[]>('/api/curriculum/lessons', { subjectId, grade }),
  lesson: (id: number) => http.get<CurriculumLesson>(`/api/curriculum/lessons/${id}`),
  create: (body: LessonCreateBody) => http.post<{ id: number }>('/api/curriculum/lessons', body),
  update: (id: number, body: LessonUpdateBody) => http.put<{ ok: true }>(`/api/curriculum/lessons/${id}`, body),
  move: (id: number, to: { direction: 'up' | 'down' } | { position: number }) => http.post<CurriculumLesson[]>(`/api/curriculum/lessons/${id}/move`, to),
  remove: (id: number) => http.del<{ ok: true }>(`/api/curriculum/lessons/${id}`),
  import: (
    opts: { mode: CurriculumImportMode; action: CurriculumImportAction; subjectId?: number; grade?: number },
    file: File, onProgress: (fraction: number | null) => void,
  ) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return upload<CurriculumImportReport>(withQuery('/api/curriculum/import', opts), form, onProgress);
  },
  /** Teaching assignments of the school year, or of one teacher (for scheduling a live lesson of a lesson). */
  assignments: (teacherId?: number) => http.get<TeachingAssignment[]>('/api/assignments', { teacherId }),
  exportUrl: (subjectId?: number, grade?: number) => withQuery('/api/curriculum/export', { subjectId, grade }),
};
