/** H5P endpoints (Art. 9.3): contents, player info, xAPI, saved state, activities, results, editor status. */
import { http, upload } from './client.js';
import type {
  ActivityBody, ContentResults, EditorStatus, H5pActivity, H5pContent, H5pLibrary, H5pResult, PlayerReply, XapiReply,
} from '../../../server/src/contracts/h5p.schema.js';

export type { ActivityBody, ContentResults, EditorStatus, H5pActivity, H5pContent, H5pLibrary, H5pResult, PlayerReply, XapiReply };
export interface EditorModelReply {
  contentId: number | null;
  integration: Record<string, unknown>;
  scripts: string[];
  styles: string[];
  content: { library: string; params: unknown; metadata: Record<string, unknown> } | null;
}
export interface EditorSaveBody { library: string; params: unknown; metadata: { title: string; [k: string]: unknown } }
export interface UploadReply { id: number; installed: string[]; kept: string[] }

export const h5pApi = {
  contents: () => http.get<H5pContent[]>('/api/h5p/contents'),
  player: (id: number) => http.get<PlayerReply>(`/api/h5p/contents/${id}`),
  upload: (file: File, onProgress: (fraction: number | null) => void, meta: { subjectId?: number | null } = {}) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return upload<UploadReply>(`/api/h5p/contents${meta.subjectId ? `?subjectId=${meta.subjectId}` : ''}`, form, onProgress);
  },
  remove: (id: number) => http.del<{ ok: true }>(`/api/h5p/contents/${id}`),
  xapi: (id: number, statement: Record<string, unknown>) => http.post<XapiReply>(`/api/h5p/contents/${id}/xapi`, { statement }),
  saveState: (id: number, data: string | null) => http.post<{ ok: true }>(`/api/h5p/contents/${id}/state`, { data }),
  results: (id: number) => http.get<ContentResults>(`/api/h5p/contents/${id}/results`),
  activities: (contentId?: number) => http.get<H5pActivity[]>('/api/h5p/activities', contentId ? { contentId } : undefined),
  assign: (body: ActivityBody) => http.post<{ id: number }>('/api/h5p/activities', body),
  unassign: (id: number) => http.del<{ ok: true }>(`/api/h5p/activities/${id}`),
  libraries: () => http.get<H5pLibrary[]>('/api/h5p/libraries'),
  editor: () => http.get<EditorStatus>('/api/h5p/editor'),
  editorModel: (contentId?: number) => http.get<EditorModelReply>('/api/h5p/editor/model', contentId ? { contentId } : undefined),
  editorSave: (body: EditorSaveBody, id?: number) => (id ? http.put<{ id: number; libraries: string[] }>(`/api/h5p/editor/contents/${id}`, body) : http.post<{ id: number; libraries: string[] }>('/api/h5p/editor/contents', body)),
};
