/** The gradebook's endpoints (Circular 22/2021, Circular 27/2020), typed from the server's contracts. */
import type * as C from '../../../server/src/contracts/gradebook.schema.js';
import { http, withQuery } from './client.js';

export type GbOptions = C.Options;
export type GbGrid = C.Grid;
export type GbGridStudent = C.GridStudent;
export type GbColumn = C.GridColumn;
export type GbCell = C.Cell;
export type GbEntriesReply = C.EntriesReply;
export type GbSemester = C.SemesterState;
export type GbHistoryItem = C.HistoryItem;
export type GbClassSummary = C.ClassSummary;
export type GbStudentResults = C.StudentResults;
export type GbSubjectResult = C.SubjectResult;
export type GbLevelResult = C.LevelResult;
export type GbMyStudents = C.MyStudents;
export type GbColumnRef = C.ColumnRef;

export interface GbSelection {
  classId: number;
  subjectId: number;
  semesterId: number;
}

export const gradebookApi = {
  options: () => http.get<GbOptions>('/api/gradebook/options'),
  /** The columns of a class × subject (for a quiz, task or H5P gradebook-column picker). */
  columns: (classId: number, subjectId: number) => http.get<GbTargetColumns>('/api/gradebook/columns', { classId, subjectId }),
  grid: (s: GbSelection) => http.get<GbGrid>('/api/gradebook/grid', { ...s }),
  putCell: (s: GbSelection, studentId: number, column: GbColumnRef, value: string | null) =>
    http.put<GbEntriesReply>('/api/gradebook/cell', { ...s, studentId, column, value }),
  putCells: (s: GbSelection, entries: { studentId: number; column: GbColumnRef; value: string | null }[]) =>
    http.put<GbEntriesReply>('/api/gradebook/cells', { ...s, entries }),
  adopt: (s: GbSelection, studentId: number, column: GbColumnRef, source: 'quiz' | 'task' | 'h5p', sourceId: number) =>
    http.post<GbEntriesReply>('/api/gradebook/adopt', { ...s, studentId, column, source, sourceId }),
  comment: (s: GbSelection, studentId: number, text: string) => http.put<{ ok: true }>('/api/gradebook/comment', { ...s, studentId, text }),
  history: (s: GbSelection, studentId?: number) => http.get<GbHistoryItem[]>('/api/gradebook/history', { ...s, studentId }),
  exportUrl: (s: GbSelection) => withQuery('/api/gradebook/export.xlsx', { ...s }),
  lock: (semesterId: number) => http.post<GbSemester>(`/api/gradebook/semesters/${semesterId}/lock`, {}),
  reopen: (semesterId: number, reason: string) => http.post<GbSemester>(`/api/gradebook/semesters/${semesterId}/reopen`, { reason }),
  classSummary: (classId: number, semesterId: number, period: 'semester' | 'year') => http.get<GbClassSummary>('/api/gradebook/class-summary', { classId, semesterId, period }),
  myStudents: () => http.get<GbMyStudents>('/api/gradebook/my-students'),
  results: (studentId: number) => http.get<GbStudentResults>(`/api/gradebook/students/${studentId}/results`),
};
export type GbTargetColumns = C.TargetColumns;
