/** Learning materials' endpoints (Art. 7.1, 7.3, 9.3), typed from the server's contracts. */
import type { Static } from '@sinclair/typebox';
import type * as C from '../../../server/src/contracts/materials.schema.js';
import { http, upload } from './client.js';

export type MaterialKind = Static<typeof C.MaterialKind>;
export type MaterialSummary = Static<typeof C.MaterialSummary>;
export type MaterialDetail = Static<typeof C.MaterialDetail>;
export type MaterialVersion = Static<typeof C.MaterialVersion>;
export type MaterialFile = Static<typeof C.MaterialFileReply>;
export type ReviewStep = Static<typeof C.ReviewStep>;
export type MaterialCreateBody = Static<typeof C.MaterialCreateBody>;
export type VersionUpdateBody = Static<typeof C.VersionUpdateBody>;
export type LibraryFilters = Static<typeof C.LibraryFilters>;
export type LibraryQuery = Static<typeof C.LibraryQuery>;
export type VersionStatus = MaterialVersion['status'];
export type ReviewStepAction = 'submit' | 'pass' | 'approve' | 'return';

export const MATERIAL_KINDS: readonly MaterialKind[] = ['lecture', 'practice_guide', 'simulation', 'exercise_bank', 'reference'];
export const MATERIAL_PATH = '/hoc-lieu';
export const materialPath = (id: number) => `${MATERIAL_PATH}/${id}`;
export const materialEditPath = (id: number) => `${MATERIAL_PATH}/${id}/sua`;

const fileForm = (file: File) => {
  const form = new FormData();
  form.append('file', file, file.name);
  return form;
};

export const materialsApi = {
  library: (q: LibraryQuery) => http.get<MaterialSummary[]>('/api/materials', q),
  filters: () => http.get<LibraryFilters>('/api/materials/filters'),
  queue: () => http.get<MaterialSummary[]>('/api/materials/review-queue'),
  get: (id: number) => http.get<MaterialDetail>(`/api/materials/${id}`),
  create: (body: MaterialCreateBody) => http.post<{ id: number; versionId: number }>('/api/materials', body),
  update: (id: number, versionId: number, body: VersionUpdateBody) => http.put<{ ok: true }>(`/api/materials/${id}/versions/${versionId}`, body),
  newVersion: (id: number) => http.post<{ versionId: number }>(`/api/materials/${id}/versions`),
  /** The version's own file (video, audio, PDF, image, office document). */
  uploadFile: (id: number, versionId: number, file: File, onProgress: (f: number | null) => void) =>
    upload<MaterialFile>(`/api/materials/${id}/versions/${versionId}/file`, fileForm(file), onProgress),
  /** A picture, video or audio to insert in a lesson page. */
  uploadMedia: (id: number, file: File, onProgress: (f: number | null) => void) => upload<MaterialFile>(`/api/materials/${id}/files`, fileForm(file), onProgress),
  act: (id: number, versionId: number, action: ReviewStepAction, comment: string | null) =>
    http.post<{ status: VersionStatus }>(`/api/materials/${id}/versions/${versionId}/${action}`, { comment }),
};
