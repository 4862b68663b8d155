/** Every endpoint the UI calls, typed. Pages import these instead of writing URLs. */
import { http, upload, withQuery, type Query } from './client.js';
import type {
  AssignmentBody, CaGuide, ClassBody, HomeSummary, ImportMode, Me, Page, PasswordReset, PersonCreateBody, PersonDetail, PersonListItem,
  Role, RosterImportResult, RosterKind, School, SchoolBody, SchoolClass, SchoolYear, SchoolYearBody, SetupStatus, Subject, SubjectBody,
  SubjectGroup, SubjectGroupBody, TeachingAssignment,
} from './types.js';

type Ok = { ok: true };
type Created = { id: number };

export interface FirstRunInput {
  school: SchoolBody;
  principal: { personalId: string; fullName: string; gender: null; birthDate: null; phone: null; email: null; password: string };
}

export interface PeopleFilter extends Query {
  q?: string;
  kind?: string;
  role?: string;
  classId?: number;
  limit?: number;
  offset?: number;
}

export const api = {
  setupStatus: () => http.get<SetupStatus>('/api/setup/status'),
  firstRun: (body: FirstRunInput) => http.post<{ schoolId: number; principalId: number }>('/api/setup', body),

  login: (login: string, password: string) => http.post<Me>('/api/auth/login', { login, password }),
  me: () => http.get<Me>('/api/auth/me', undefined, true),
  logout: () => http.post<Ok>('/api/auth/logout'),
  changePassword: (currentPassword: string, newPassword: string) => http.post<Ok>('/api/auth/password', { currentPassword, newPassword }),
  setLanguage: (language: 'vi' | 'en') => http.put<Ok>('/api/auth/language', { language }),

  home: () => http.get<HomeSummary>('/api/home'),
  caGuide: () => http.get<CaGuide>('/api/ca/guide'),

  school: () => http.get<School>('/api/school'),
  saveSchool: (body: SchoolBody) => http.put<Ok>('/api/school', body),
  years: () => http.get<SchoolYear[]>('/api/school-years'),
  createYear: (body: SchoolYearBody) => http.post<Created>('/api/school-years', body),
  updateYear: (id: number, body: SchoolYearBody) => http.put<Ok>(`/api/school-years/${id}`, body),
  groups: () => http.get<SubjectGroup[]>('/api/subject-groups'),
  createGroup: (body: SubjectGroupBody) => http.post<Created>('/api/subject-groups', body),
  updateGroup: (id: number, body: SubjectGroupBody) => http.put<Ok>(`/api/subject-groups/${id}`, body),
  subjects: (grade?: number) => http.get<Subject[]>('/api/subjects', { grade }),
  createSubject: (body: SubjectBody) => http.post<Created>('/api/subjects', body),
  updateSubject: (id: number, body: SubjectBody) => http.put<Ok>(`/api/subjects/${id}`, body),
  classes: () => http.get<SchoolClass[]>('/api/classes'),
  class: (id: number) => http.get<SchoolClass>(`/api/classes/${id}`),
  createClass: (body: ClassBody) => http.post<Created>('/api/classes', body),
  updateClass: (id: number, body: ClassBody) => http.put<Ok>(`/api/classes/${id}`, body),
  assignments: (classId: number) => http.get<TeachingAssignment[]>('/api/assignments', { classId }),
  assign: (body: AssignmentBody) => http.post<Created>('/api/assignments', body),
  unassign: (id: number) => http.del<Ok>(`/api/assignments/${id}`),

  people: (filter: PeopleFilter) => http.get<Page<PersonListItem>>('/api/people', filter),
  person: (id: number) => http.get<PersonDetail>(`/api/people/${id}`),
  createPerson: (body: PersonCreateBody) => http.post<Created>('/api/people', body),
  resetPassword: (id: number) => http.post<PasswordReset>(`/api/people/${id}/reset-password`),
  setDisabled: (id: number, disabled: boolean) => http.put<Ok>(`/api/people/${id}/disabled`, { disabled }),
  setRoles: (id: number, roles: Role[]) => http.put<{ roles: Role[] }>(`/api/people/${id}/roles`, { roles }),

  importRoster: (kind: RosterKind, mode: ImportMode, file: File, onProgress: (fraction: number | null) => void) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return upload<RosterImportResult>(withQuery(`/api/roster/${kind}/import`, { mode }), form, onProgress);
  },
  rosterExportUrl: (kind: RosterKind) => `/api/roster/${kind}/export`,
  caCertificateUrl: '/api/ca.crt',
};
