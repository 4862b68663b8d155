/** Every endpoint the UI calls, typed. Pages import these instead of writing URLs. */
import { http, upload, withQuery, type Query } from './client.js';
import type {
  AssignmentBody, CaGuide, ClassBody, HomeSummary, ImportMode, Me, Page, PasswordReset, PersonCreateBody, PersonDetail, PersonListItem,
  Role, RosterImportResult, RosterKind, School, SchoolBody, SchoolClass, SchoolYear, SchoolYearBody, SetupStatus, Subject, SubjectBody,
  SubjectGroup, SubjectGroupBody, TeachingAssignment,
  LessonRecording, LessonSummary, LiveLesson, LiveLessonBody, TodayLesson,
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

  liveToday: () => http.get<TodayLesson[]>('/api/live-lessons/today'),
  liveLesson: (id: number, quiet = false) => http.get<LiveLesson>(`/api/live-lessons/${id}`, undefined, quiet),
  scheduleLive: (body: LiveLessonBody) => http.post<Created>('/api/live-lessons', body),
  liveSummary: (id: number) => http.get<LessonSummary>(`/api/live-lessons/${id}/summary`),
  liveSummaryXlsxUrl: (id: number) => `/api/live-lessons/${id}/summary.xlsx`,
  liveRecordings: (id: number) => http.get<LessonRecording[]>(`/api/live-lessons/${id}/recordings`),
  /** The recording's video, with HTTP range requests (server/src/http/routes/recordings.routes.ts). */
  liveRecordingUrl: (lessonId: number, recordingId: number) => `/api/live-lessons/${lessonId}/recordings/${recordingId}/video`,
};

// ── IT console, equipment, cameras and kiosk sign-in (types from the server's contracts) ──
import type { Static } from '@sinclair/typebox';
import type * as DevC from '../../../server/src/contracts/devices.schema.js';
import type * as CamC from '../../../server/src/contracts/cameras.schema.js';
import type * as KioskC from '../../../server/src/contracts/kiosk.schema.js';

export type DeviceKind = 'camera' | 'microphone' | 'speaker' | 'display' | 'mini_pc' | 'network';
export type InventoryDevice = Omit<Static<typeof DevC.Device>, 'kind'> & { kind: DeviceKind };
export type InventoryBody = Omit<DevC.DeviceBody, 'kind'> & { kind: DeviceKind };
export type DeviceDetail = Omit<Static<typeof DevC.DeviceDetail>, 'kind'> & { kind: DeviceKind };
export type DeviceAlert = Static<typeof DevC.Alert>;
export type HealthNow = Static<typeof DevC.HealthNow>;
export type MetricHistory = Static<typeof DevC.History>;
export type PeripheralScan = Static<typeof DevC.Peripherals>;
export type RoomCamera = Static<typeof CamC.RoomCamera>;
export type CameraPreset = Static<typeof CamC.CameraPreset>;
export type DiscoveredCamera = Static<typeof CamC.DiscoveredCamera>;
export type NetworkInterfaceInfo = Static<typeof CamC.NetworkInterface>;
export type KioskMe = Omit<Static<typeof KioskC.KioskMe>, 'roles'> & { roles: Role[] };
export type QrChallenge = Static<typeof KioskC.QrChallenge>;
export type QrPoll = Omit<Static<typeof KioskC.QrPoll>, 'me'> & { me?: KioskMe };
/** GET /api/health (source: server/src/http/routes/system.routes.ts). */
export interface SystemHealth {
  status: 'ok' | 'degraded'; version: string; uptimeSeconds: number;
  database: { ok: boolean; dialect: string; latencyMs: number };
  disk: { ok: boolean; freeBytes: number; totalBytes: number; freePercent: number };
  media: { ok: boolean; workerBinary: boolean; linkedOpenSsl: string | null };
  schoolSetUp: boolean; liveLessons: number;
}
/** GET /api/audit (source: server/src/http/routes/audit.routes.ts). */
export interface AuditEntry {
  id: number; at: string; actorAccountId: number | null; actorLogin: string | null; ip: string | null;
  action: string; entity: string | null; entityId: string | null; details: Record<string, unknown> | null;
}

export const itApi = {
  /** The health check answers 503 with the same body when degraded: read it either way. */
  systemHealth: async (): Promise<SystemHealth> => {
    const res = await fetch('/api/health', { headers: { accept: 'application/json' }, credentials: 'same-origin' });
    return (await res.json()) as SystemHealth;
  },
  healthNow: () => http.get<HealthNow>('/api/devices/health/now'),
  history: (metric: string, resolution: 'minute' | 'hour', from?: string) => http.get<MetricHistory>('/api/devices/health/history', { metric, resolution, from }),
  alerts: (query: { active?: boolean; deviceId?: number; limit?: number } = {}) => http.get<DeviceAlert[]>('/api/devices/alerts', query),
  inventory: (includeRetired = false) => http.get<InventoryDevice[]>('/api/devices/inventory', { includeRetired }),
  device: (id: number) => http.get<DeviceDetail>(`/api/devices/inventory/${id}`),
  addDevice: (body: InventoryBody) => http.post<Created>('/api/devices/inventory', body),
  updateDevice: (id: number, body: InventoryBody) => http.put<Ok>(`/api/devices/inventory/${id}`, body),
  retireDevice: (id: number, reason: string | null) => http.post<Ok>(`/api/devices/inventory/${id}/retire`, { reason }),
  peripherals: () => http.get<PeripheralScan>('/api/devices/peripherals'),
  audit: (limit = 20) => http.get<AuditEntry[]>('/api/audit', { limit }),

  cameras: () => http.get<RoomCamera[]>('/api/cameras'),
  cameraInterfaces: () => http.get<NetworkInterfaceInfo[]>('/api/cameras/interfaces'),
  discoverCameras: (interfaceAddress: string) => http.post<DiscoveredCamera[]>('/api/cameras/discover', { interfaceAddress, timeoutMs: 2000 }),
  addCamera: (body: { xaddr: string; username: string; password: string; name?: string; urn?: string }) => http.post<RoomCamera>('/api/cameras', body),
  updateCamera: (id: number, body: { name?: string; isDefault?: boolean; enabled?: boolean }) => http.put<RoomCamera>(`/api/cameras/${id}`, body),
  removeCamera: (id: number) => http.del<Ok>(`/api/cameras/${id}`),
  snapshotUrl: (id: number) => `/api/cameras/${id}/snapshot?t=${Date.now()}`,
  moveCamera: (id: number, body: CamC.MoveBody) => http.post<unknown>(`/api/cameras/${id}/move`, body),
  presets: (id: number) => http.get<CameraPreset[]>(`/api/cameras/${id}/presets`),
  savePreset: (id: number, name: string) => http.post<CameraPreset>(`/api/cameras/${id}/presets`, { name }),
  gotoPreset: (id: number, presetId: number) => http.post<unknown>(`/api/cameras/${id}/presets/${presetId}/goto`),
  removePreset: (id: number, presetId: number) => http.del<Ok>(`/api/cameras/${id}/presets/${presetId}`),

  pinStatus: () => http.get<{ set: boolean; locked: boolean }>('/api/kiosk/pin'),
  setPin: (currentPassword: string, pin: string) => http.post<Ok>('/api/kiosk/pin', { currentPassword, pin }),
  removePin: () => http.del<Ok>('/api/kiosk/pin'),
  pinLogin: (login: string, pin: string) => http.post<KioskMe>('/api/kiosk/pin-login', { login, pin }),
  createQr: () => http.post<QrChallenge>('/api/kiosk/qr'),
  pollQr: (id: string) => http.get<QrPoll>(`/api/kiosk/qr/${encodeURIComponent(id)}`),
  approveQr: (id: string, secret: string) => http.post<Ok>(`/api/kiosk/qr/${encodeURIComponent(id)}/approve`, { secret }),
};
