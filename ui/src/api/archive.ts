/** The records archive (Art. 8): records, chain status, seals, retention, disposal. */
import { http } from './client.js';
import type {
  ArchiveJob, ArchiveOverview, ArchiveRecord, ArchiveRecordSummary, ChainStatus, DisposalPreview, RecordCategory, RetentionView,
} from '../../../server/src/contracts/archive.schema.js';

export type { ArchiveJob, ArchiveOverview, ArchiveRecord, ArchiveRecordSummary, ChainStatus, DisposalPreview, RecordCategory, RetentionView };

export const ARCHIVE_CATEGORIES: readonly RecordCategory[] = ['evidence', 'teaching_process', 'plans', 'assessment'];

export const archiveApi = {
  overview: () => http.get<ArchiveOverview>('/api/archive'),
  records: (q: { category?: RecordCategory; semesterId?: number; search?: string; beforeSeq?: number; limit?: number }) =>
    http.get<ArchiveRecordSummary[]>('/api/archive/records', Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined && v !== '')) as Record<string, string | number>),
  record: (seq: number) => http.get<ArchiveRecord>(`/api/archive/records/${seq}`),
  verify: () => http.get<ChainStatus>('/api/archive/verify'),
  setRetention: (category: RecordCategory, years: number | null) =>
    http.put<RetentionView[]>('/api/archive/retention', years === null ? { category, permanent: true } : { category, permanent: false, years }),
  disposalPreview: (category: RecordCategory, schoolYearId: number | null) =>
    http.get<DisposalPreview>('/api/archive/disposal', schoolYearId === null ? { category } : { category, schoolYearId }),
  dispose: (body: { category: RecordCategory; schoolYearId: number | null; reason: string; decisionNumber?: string }) =>
    http.post<{ disposalSeq: number; disposed: number }>('/api/archive/disposal', { category: body.category, reason: body.reason, ...(body.schoolYearId !== null ? { schoolYearId: body.schoolYearId } : {}), ...(body.decisionNumber ? { decisionNumber: body.decisionNumber } : {}) }),
  seal: (semesterId: number) => http.post<ArchiveJob>(`/api/archive/semesters/${semesterId}/seal`),
  exportAgain: (semesterId: number) => http.post<ArchiveJob>(`/api/archive/semesters/${semesterId}/export`),
  job: (id: string) => http.get<ArchiveJob>(`/api/archive/jobs/${id}`, undefined, true),
  exportUrl: (semesterId: number) => `/api/archive/semesters/${semesterId}/export.zip`,
};
