/** Reports (Art. 9.2.c) and the twice-yearly evaluation report (Art. 15.6). */
import { http, withQuery } from './client.js';
import type {
  AttendanceReport, ReportScope, ReportTextBody, SemesterFigures, SemesterOption, SemesterReport, StudentProgressReport, TeachingReport,
} from '../../../server/src/contracts/reports.schema.js';

export type { AttendanceReport, ReportScope, ReportTextBody, SemesterFigures, SemesterOption, SemesterReport, StudentProgressReport, TeachingReport };

export interface RangeFilter { from: string; to: string }

export const reportsApi = {
  scope: () => http.get<ReportScope>('/api/reports/scope'),
  semesters: () => http.get<SemesterOption[]>('/api/reports/semester'),
  /** Opens the semester's report, creating its draft the first time. */
  open: (semesterId: number) => http.post<SemesterReport>('/api/reports/semester', { semesterId }),
  get: (id: number) => http.get<SemesterReport>(`/api/reports/semester/${id}`),
  saveText: (id: number, body: ReportTextBody) => http.put<SemesterReport>(`/api/reports/semester/${id}`, body),
  recompute: (id: number) => http.post<SemesterReport>(`/api/reports/semester/${id}/recompute`),
  finalize: (id: number) => http.post<SemesterReport>(`/api/reports/semester/${id}/finalize`),
  fileUrl: (id: number, format: 'pdf' | 'xlsx') => `/api/reports/semester/${id}/file/${format}`,
  teaching: (q: RangeFilter & { teacherId?: number }) => http.get<TeachingReport>('/api/reports/teaching', { ...q }),
  studentProgress: (q: RangeFilter & { classId: number }) => http.get<StudentProgressReport>('/api/reports/student-progress', { ...q }),
  attendance: (q: RangeFilter & { classId?: number }) => http.get<AttendanceReport>('/api/reports/attendance', { ...q }),
  /** The same report as a file: `kind` is teaching | student-progress | attendance. */
  exportUrl: (kind: 'teaching' | 'student-progress' | 'attendance', q: Record<string, string | number | undefined>, format: 'pdf' | 'xlsx') =>
    withQuery(`/api/reports/${kind}`, { ...q, format }),
};
