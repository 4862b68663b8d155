/** The principal's dashboard: one request for the whole page (issue 5 point 5). */
import { http } from './client.js';
import type {
  Dashboard, DashboardAssessmentRow, DashboardAttendanceClass, DashboardLiveLesson, DashboardWaitingMaterial, HealthStatus,
} from '../../../server/src/contracts/dashboard.schema.js';

export type { Dashboard, DashboardAssessmentRow, DashboardAttendanceClass, DashboardLiveLesson, DashboardWaitingMaterial, HealthStatus };

export const dashboardApi = {
  get: () => http.get<Dashboard>('/api/dashboard'),
};
