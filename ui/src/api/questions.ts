/** The question bank's endpoints (Art. 7.1, 7.3), typed from the server's contracts. */
import type { Static } from '@sinclair/typebox';
import type * as C from '../../../server/src/contracts/questions.schema.js';
import { http, upload, withQuery } from './client.js';

export type QuestionType = Static<typeof C.QuestionTypeSchema>;
export type CognitiveLevel = Static<typeof C.CognitiveLevelSchema>;
export type QuestionInput = Static<typeof C.QuestionBody>;
export type QuestionRecord = Static<typeof C.Question>;
export type QuestionList = Static<typeof C.QuestionList>;
export type QuestionQuery = Partial<Static<typeof C.QuestionQuery>>;
export type MatrixCounts = Static<typeof C.MatrixCounts>;
export type QuestionImportReport = Static<typeof C.ImportReport>;

export const QUESTION_TYPES: readonly QuestionType[] = ['single', 'multiple', 'true_false', 'short', 'numeric', 'matching', 'essay'];
export const COGNITIVE_LEVELS: readonly CognitiveLevel[] = ['nhan_biet', 'thong_hieu', 'van_dung', 'van_dung_cao'];
export const QUESTION_BANK_PATH = '/ngan-hang-cau-hoi';

export const questionsApi = {
  list: (q: QuestionQuery) => http.get<QuestionList>('/api/questions', q),
  get: (id: number) => http.get<QuestionRecord>(`/api/questions/${id}`),
  create: (body: QuestionInput) => http.post<{ id: number }>('/api/questions', body),
  update: (id: number, body: QuestionInput) => http.put<{ ok: true }>(`/api/questions/${id}`, body),
  remove: (id: number) => http.del<{ ok: true; outcome: 'deleted' | 'archived' }>(`/api/questions/${id}`),
  archive: (id: number, archived: boolean) => http.post<{ ok: true }>(`/api/questions/${id}/archive`, { archived }),
  matrix: (subjectId: number, grade: number) => http.get<MatrixCounts>('/api/questions/matrix-counts', { subjectId, grade }),
  textExample: () => http.get<{ example: string }>('/api/questions/text-format'),
  importText: (subjectId: number, grade: number, text: string, commit: boolean) =>
    http.post<QuestionImportReport>('/api/questions/import/text', { subjectId, grade, text, commit }),
  importSheet: (subjectId: number, grade: number, file: File, commit: boolean, onProgress: (f: number | null) => void) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return upload<QuestionImportReport>(withQuery('/api/questions/import/sheet', { subjectId, grade, commit }), form, onProgress);
  },
  exportUrl: (subjectId: number, grade: number, format: 'text' | 'xlsx') => withQuery('/api/questions/export', { subjectId, grade, format }),
};
