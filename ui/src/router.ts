/**
 * Client-side routes on the History API (the server answers index.html for any non-API path).
 * Pages are loaded lazily, so a student's phone downloads only what it shows.
 */
import type { Role } from './api/types.js';
import type { MessageKey } from './i18n/index.js';
import { MANAGER_ROLES, STAFF_ROLES, type SessionState } from './state/session.js';
import { IT_PATHS } from './components/it-paths.js';

export interface RouteDef {
  path: string;
  tag: string;
  load: () => Promise<unknown>;
  /** public: anyone; signed-in: any account; a role list: one of these roles. */
  access: 'public' | 'signed-in' | readonly Role[];
  title: MessageKey;
  /** Full-screen pages without the school header (sign-in, first run). */
  bare?: boolean;
}

export const PATHS = {
  login: '/dang-nhap',
  firstRun: '/khoi-tao',
  changePassword: '/doi-mat-khau',
  home: '/',
  caGuide: '/chung-chi',
  school: '/truong',
  years: '/nam-hoc',
  groups: '/to-chuyen-mon',
  subjects: '/mon-hoc',
  classes: '/lop',
  roster: '/nhap-danh-sach',
  people: '/nguoi-dung',
  newPerson: '/nguoi-dung/them',
  live: '/hoc-truc-tuyen',
  curriculum: '/chuong-trinh',
  liveSchedule: '/len-lich-truc-tuyen',
  materials: '/hoc-lieu',
  gradebook: '/so-diem',
  learningResults: '/ket-qua-hoc-tap',
  qa: '/hoi-dap',
  progress: '/tien-do',
  quizzes: '/kiem-tra',
  h5p: '/h5p',
  questions: '/ngan-hang-cau-hoi',
  tasks: '/nhiem-vu',
  decisions: '/quyet-dinh',
  reports: '/bao-cao',
  notices: '/thong-bao',
  teachingPlans: '/ke-hoach-day-hoc',
  dashboard: '/tong-quan',
  disclosure: '/cong-khai',
  disclosureEdit: '/cong-khai/soan',
  parents: '/phu-huynh',
  parentInbox: '/tin-nhan-phu-huynh',
  consentsAdmin: '/dong-y-du-lieu',
  archive: '/ho-so-luu-tru',
} as const;

export const classPath = (id: number) => `${PATHS.classes}/${id}`;
export const taskPath = (id: number, studentId?: number) => `${PATHS.tasks}/${id}${studentId ? `?hs=${studentId}` : ''}`;
export const personPath = (id: number) => `${PATHS.people}/${id}`;
export const livePath = (id: number) => `${PATHS.live}/${id}`;
export const liveSummaryPath = (id: number) => `${PATHS.live}/${id}/tong-ket`;

export const ROUTES: readonly RouteDef[] = [
  { path: PATHS.login, tag: 'ph-login-page', load: () => import('./pages/login.page.js'), access: 'public', title: 'login.title', bare: true },
  { path: PATHS.firstRun, tag: 'ph-first-run-page', load: () => import('./pages/first-run.page.js'), access: 'public', title: 'firstRun.title', bare: true },
  { path: PATHS.changePassword, tag: 'ph-change-password-page', load: () => import('./pages/change-password.page.js'), access: 'signed-in', title: 'password.title', bare: true },
  { path: PATHS.home, tag: 'ph-home-page', load: () => import('./pages/home.page.js'), access: 'signed-in', title: 'home.title' },
  { path: PATHS.caGuide, tag: 'ph-ca-guide-page', load: () => import('./pages/ca-guide.page.js'), access: 'public', title: 'ca.title' },
  { path: PATHS.school, tag: 'ph-school-info-page', load: () => import('./pages/school-info.page.js'), access: STAFF_ROLES, title: 'school.title' },
  { path: PATHS.years, tag: 'ph-school-years-page', load: () => import('./pages/school-years.page.js'), access: STAFF_ROLES, title: 'years.title' },
  { path: PATHS.groups, tag: 'ph-subject-groups-page', load: () => import('./pages/subject-groups.page.js'), access: STAFF_ROLES, title: 'groups.title' },
  { path: PATHS.subjects, tag: 'ph-subjects-page', load: () => import('./pages/subjects.page.js'), access: STAFF_ROLES, title: 'subjects.title' },
  { path: PATHS.classes, tag: 'ph-classes-page', load: () => import('./pages/classes.page.js'), access: STAFF_ROLES, title: 'classes.title' },
  { path: `${PATHS.classes}/:id`, tag: 'ph-class-page', load: () => import('./pages/class.page.js'), access: STAFF_ROLES, title: 'class.title' },
  { path: PATHS.liveSchedule, tag: 'ph-live-schedule-page', load: () => import('./pages/live-schedule.page.js'), access: ['principal', 'vice_principal', 'teacher'], title: 'cur.sched.title' },
  // The principal's decisions on online teaching and tests (Art. 5.4, 6.2): the principal records, the vice principal reads.
  // Notices to students and parents (Art. 15.1.e): managers for the school, homeroom teachers for their class.
  { path: PATHS.notices, tag: 'ph-notices-page', load: () => import('./pages/notices.page.js'), access: ['principal', 'vice_principal', 'teacher'], title: 'notices.title' },
  // The records archive (Art. 8): the principal seals, sets retention and disposes; the vice principal reads; IT checks the chain.
  { path: PATHS.archive, tag: 'ph-archive-page', load: () => import('./pages/archive.page.js'), access: ['principal', 'vice_principal', 'it_staff'], title: 'arc.title' },
  { path: PATHS.decisions, tag: 'ph-decisions-page', load: () => import('./pages/decisions.page.js'), access: ['principal', 'vice_principal'], title: 'dec.title' },
  // Reports (Art. 9.2.c) and the semester evaluation report (Art. 15.6); teachers see their own activity and classes (scope on the server).
  { path: PATHS.reports, tag: 'ph-reports-page', load: () => import('./pages/reports.page.js'), access: ['principal', 'vice_principal', 'teacher'], title: 'rep.title' },
  // The principal's dashboard (Art. 15.1, 10.3): read-only figures, refreshed every 30 s; also the on-site screen.
  { path: PATHS.dashboard, tag: 'ph-dashboard-page', load: () => import('./pages/dashboard.page.js'), access: ['principal', 'vice_principal'], title: 'dash.title' },
  // Public disclosure (Art. 15.4): anyone, no sign-in, full screen with the school's own header; the principal edits, the vice principal reads.
  { path: PATHS.disclosure, tag: 'ph-disclosure-public-page', load: () => import('./pages/disclosure-public.page.js'), access: 'public', title: 'disc.publicTitle', bare: true },
  { path: PATHS.disclosureEdit, tag: 'ph-disclosure-edit-page', load: () => import('./pages/disclosure-edit.page.js'), access: ['principal', 'vice_principal'], title: 'disc.editTitle' },
  { path: `${PATHS.disclosure}/:section/:number`, tag: 'ph-disclosure-public-page', load: () => import('./pages/disclosure-public.page.js'), access: 'public', title: 'disc.versionTitle', bare: true },
  // Teaching plans by week, month and year (Art. 8.1.c, 15.1.b): teachers draft, group leaders pass, the principal approves; never students or parents.
  { path: PATHS.teachingPlans, tag: 'ph-teaching-plans-page', load: () => import('./pages/teaching-plans.page.js'), access: ['principal', 'vice_principal', 'group_leader', 'teacher'], title: 'plans.title' },
  { path: `${PATHS.teachingPlans}/:id`, tag: 'ph-teaching-plan-page', load: () => import('./pages/teaching-plan.page.js'), access: ['principal', 'vice_principal', 'group_leader', 'teacher'], title: 'plans.planTitle' },
  { path: PATHS.curriculum, tag: 'ph-curriculum-page', load: () => import('./pages/curriculum.page.js'), access: STAFF_ROLES, title: 'cur.title' },
  // The question bank (Art. 7.1, 7.3): teachers of the subject group and managers; never students (scope on the server).
  { path: PATHS.questions, tag: 'ph-question-bank-page', load: () => import('./pages/question-bank.page.js'), access: ['principal', 'vice_principal', 'group_leader', 'teacher'], title: 'qb.title' },
  // Learning materials and their approval (Art. 7.1, 7.3, 9.3): static paths before /hoc-lieu/:id.
  { path: PATHS.materials, tag: 'ph-materials-page', load: () => import('./pages/materials.page.js'), access: 'signed-in', title: 'mat.title' },
  { path: `${PATHS.materials}/moi`, tag: 'ph-material-form-page', load: () => import('./pages/material-form.page.js'), access: ['teacher', 'group_leader', 'principal', 'vice_principal'], title: 'mat.newTitle' },
  { path: `${PATHS.materials}/duyet`, tag: 'ph-material-review-page', load: () => import('./pages/material-review.page.js'), access: ['group_leader', 'principal'], title: 'mat.reviewQueue' },
  { path: `${PATHS.materials}/:id`, tag: 'ph-material-page', load: () => import('./pages/material.page.js'), access: 'signed-in', title: 'mat.title' },
  { path: `${PATHS.materials}/:id/sua`, tag: 'ph-material-form-page', load: () => import('./pages/material-form.page.js'), access: ['teacher', 'group_leader', 'principal', 'vice_principal'], title: 'mat.editTitle' },
  { path: PATHS.roster, tag: 'ph-roster-import-page', load: () => import('./pages/roster-import.page.js'), access: MANAGER_ROLES, title: 'roster.title' },
  { path: PATHS.people, tag: 'ph-people-page', load: () => import('./pages/people.page.js'), access: MANAGER_ROLES, title: 'people.title' },
  { path: PATHS.newPerson, tag: 'ph-person-new-page', load: () => import('./pages/person-new.page.js'), access: MANAGER_ROLES, title: 'personNew.title' },
  { path: `${PATHS.people}/:id`, tag: 'ph-person-page', load: () => import('./pages/person.page.js'), access: MANAGER_ROLES, title: 'person.title' },
  // The room is full screen (its own bar); the server decides who may enter and as what.
  { path: `${PATHS.live}/:id`, tag: 'ph-live-lesson-page', load: () => import('./pages/live-lesson.page.js'), access: 'signed-in', title: 'live.title', bare: true },
  { path: `${PATHS.live}/:id/tong-ket`, tag: 'ph-live-summary-page', load: () => import('./pages/live-summary.page.js'), access: 'signed-in', title: 'liveSummary.title' },
  // IT console, equipment, cameras, device check, kiosk quick sign-in (Art. 10.3, Art. 16.3).
  { path: IT_PATHS.console, tag: 'ph-it-console-page', load: () => import('./pages/it-console.page.js'), access: ['it_staff', 'principal'], title: 'it.title' },
  { path: IT_PATHS.backups, tag: 'ph-backups-page', load: () => import('./pages/backups.page.js'), access: ['it_staff', 'principal'], title: 'bk.title' },
  { path: IT_PATHS.devices, tag: 'ph-devices-inventory-page', load: () => import('./pages/devices-inventory.page.js'), access: ['it_staff', 'principal', 'vice_principal'], title: 'devices.title' },
  { path: IT_PATHS.cameras, tag: 'ph-cameras-room-page', load: () => import('./pages/cameras-room.page.js'), access: ['it_staff', 'principal', 'vice_principal', 'teacher'], title: 'cam.title' },
  { path: IT_PATHS.check, tag: 'ph-devices-check-page', load: () => import('./pages/devices-check.page.js'), access: 'signed-in', title: 'check.title' },
  { path: IT_PATHS.kioskApprove, tag: 'ph-kiosk-approve-page', load: () => import('./pages/kiosk-approve.page.js'), access: 'signed-in', title: 'kiosk.approveTitle', bare: true },
  { path: IT_PATHS.kioskPin, tag: 'ph-kiosk-pin-page', load: () => import('./pages/kiosk-pin.page.js'), access: ['teacher', 'principal'], title: 'kiosk.pinTitle' },
  // Gradebook (Circular 22/2021 Art. 6–9, Circular 27/2020): staff enter and sum up; students and parents see their own results.
  { path: PATHS.gradebook, tag: 'ph-gradebook-page', load: () => import('./pages/gradebook.page.js'), access: ['principal', 'vice_principal', 'teacher'], title: 'gb.title' },
  { path: PATHS.learningResults, tag: 'ph-learning-results-page', load: () => import('./pages/learning-results.page.js'), access: ['student', 'parent'], title: 'gb.resultsTitle' },
  // Questions and answers per class × subject (Art. 5.2, 9.2) and learning progress (Art. 5.3, 9.2.c); scope on the server.
  { path: '/hoi-dap', tag: 'ph-qa-page', load: () => import('./pages/qa.page.js'), access: ['principal', 'vice_principal', 'teacher', 'student'], title: 'qa.title' },
  { path: '/hoi-dap/:id', tag: 'ph-qa-thread-page', load: () => import('./pages/qa-thread.page.js'), access: ['principal', 'vice_principal', 'teacher', 'student'], title: 'qa.threadTitle' },
  // H5P interactive content (Art. 9.3): staff manage and preview, students play what is assigned to them.
  { path: PATHS.h5p, tag: 'ph-h5p-page', load: () => import('./pages/h5p.page.js'), access: [...STAFF_ROLES, 'student'], title: 'h5p.title' },
  // The H5P editor (before /h5p/:id, which would otherwise take 'soan-thao' as an id).
  { path: `${PATHS.h5p}/soan-thao`, tag: 'ph-h5p-editor-page', load: () => import('./pages/h5p-editor.page.js'), access: ['principal', 'vice_principal', 'group_leader', 'teacher'], title: 'h5p.ed.new' },
  { path: `${PATHS.h5p}/:id/sua`, tag: 'ph-h5p-editor-page', load: () => import('./pages/h5p-editor.page.js'), access: ['principal', 'vice_principal', 'group_leader', 'teacher'], title: 'h5p.ed.edit' },
  { path: `${PATHS.h5p}/:id`, tag: 'ph-h5p-play-page', load: () => import('./pages/h5p-play.page.js'), access: [...STAFF_ROLES, 'student'], title: 'h5p.title' },
  // Tasks and student work (Art. 5.2–5.3, 15.1.h): the server scopes each list and task.
  { path: PATHS.tasks, tag: 'ph-tasks-page', load: () => import('./pages/tasks.page.js'), access: ['principal', 'vice_principal', 'group_leader', 'teacher', 'student', 'parent'], title: 'tasks.title' },
  { path: `${PATHS.tasks}/:id`, tag: 'ph-task-page', load: () => import('./pages/task.page.js'), access: ['principal', 'vice_principal', 'group_leader', 'teacher', 'student', 'parent'], title: 'tasks.taskTitle' },
  { path: '/tien-do', tag: 'ph-progress-page', load: () => import('./pages/progress.page.js'), access: ['principal', 'vice_principal', 'teacher', 'student', 'parent'], title: 'progress.title' },
  { path: '/tien-do/hoc-sinh/:id', tag: 'ph-progress-student-page', load: () => import('./pages/progress-student.page.js'), access: ['principal', 'vice_principal', 'teacher', 'student', 'parent'], title: 'progress.title' },
  // Quizzes and tests (Art. 6.1, 6.2): builder and results for teachers, the timed paper for students; scope on the server.
  { path: '/kiem-tra', tag: 'ph-quizzes-page', load: () => import('./pages/quizzes.page.js'), access: ['principal', 'vice_principal', 'teacher', 'student'], title: 'quiz.title' },
  { path: '/kiem-tra/moi', tag: 'ph-quiz-builder-page', load: () => import('./pages/quiz-builder.page.js'), access: ['principal', 'vice_principal', 'teacher'], title: 'quiz.newTitle' },
  { path: '/kiem-tra/:id/sua', tag: 'ph-quiz-builder-page', load: () => import('./pages/quiz-builder.page.js'), access: ['principal', 'vice_principal', 'teacher'], title: 'quiz.editTitle' },
  { path: '/kiem-tra/:id/lam-bai', tag: 'ph-quiz-take-page', load: () => import('./pages/quiz-take.page.js'), access: ['student'], title: 'quiz.takeTitle' },
  { path: '/kiem-tra/:id/ket-qua', tag: 'ph-quiz-results-page', load: () => import('./pages/quiz-results.page.js'), access: ['principal', 'vice_principal', 'teacher'], title: 'quiz.resultsTitle' },
  { path: '/kiem-tra/bai-lam/:id', tag: 'ph-quiz-review-page', load: () => import('./pages/quiz-review.page.js'), access: ['principal', 'vice_principal', 'teacher'], title: 'quiz.reviewTitle' },
  // Parents (Art. 15.1.e, 16.2): their children, messages with the homeroom teacher, consent (Law 91/2025/QH15); scope on the server.
  { path: '/phu-huynh', tag: 'ph-parents-page', load: () => import('./pages/parents.page.js'), access: ['parent'], title: 'par.title' },
  { path: '/phu-huynh/con/:studentId', tag: 'ph-parent-child-page', load: () => import('./pages/parent-child.page.js'), access: ['parent'], title: 'par.title' },
  { path: '/phu-huynh/tin-nhan/:id', tag: 'ph-parent-thread-page', load: () => import('./pages/parent-thread.page.js'), access: ['parent', 'teacher', 'principal'], title: 'par.thread.title' },
  { path: '/tin-nhan-phu-huynh', tag: 'ph-parent-inbox-page', load: () => import('./pages/parent-inbox.page.js'), access: ['teacher'], title: 'par.inbox.title' },
  { path: '/dong-y-du-lieu', tag: 'ph-consents-admin-page', load: () => import('./pages/consents-admin.page.js'), access: ['principal'], title: 'par.admin.title' },
];

export const NOT_FOUND: RouteDef = { path: '*', tag: 'ph-not-found-page', load: () => import('./pages/not-found.page.js'), access: 'public', title: 'notFound.title' };

export interface RouteMatch {
  route: RouteDef;
  params: Record<string, string>;
}

export function matchRoute(pathname: string): RouteMatch {
  const parts = pathname.replace(/\/+$/, '').split('/').filter(Boolean);
  for (const route of ROUTES) {
    const pattern = route.path.split('/').filter(Boolean);
    if (pattern.length !== parts.length) continue;
    const params: Record<string, string> = {};
    const ok = pattern.every((seg, i) => {
      const part = decodeURIComponent(parts[i] ?? '');
      if (seg.startsWith(':')) return (params[seg.slice(1)] = part) !== '';
      return seg === part;
    });
    if (ok) return { route, params };
  }
  return { route: NOT_FOUND, params: {} };
}

/** Only same-site paths are followed after sign-in (no open redirect). */
export function safeNext(next: string | null): string {
  if (!next || !next.startsWith('/')) return PATHS.home;
  // Parsed, not pattern-matched: "//host" and "/\\host" both leave the site.
  const url = new URL(next, location.origin);
  return url.origin === location.origin && !url.pathname.startsWith('/api/') ? url.pathname + url.search : PATHS.home;
}

/**
 * Where a visitor must go instead of `path`, or null to stay: the first run until the school
 * exists, sign-in for private pages, the password change while it is required.
 */
export function redirectFor(path: string, search: string, route: RouteDef, state: SessionState): string | null {
  const { setUp, me } = state;
  if (!setUp) return path === PATHS.firstRun ? null : PATHS.firstRun;
  if (path === PATHS.firstRun) return PATHS.login;
  if (path === PATHS.login && me) return safeNext(new URLSearchParams(search).get('next'));
  if (route.access === 'public') return null;
  if (!me) return `${PATHS.login}?next=${encodeURIComponent(path + search)}`;
  if (me.mustChangePassword && path !== PATHS.changePassword) return PATHS.changePassword;
  return null;
}

export function navigate(to: string, opts: { replace?: boolean } = {}): void {
  const current = location.pathname + location.search;
  if (to !== current) {
    if (opts.replace) history.replaceState(null, '', to);
    else history.pushState(null, '', to);
  }
  window.dispatchEvent(new Event('ph-navigate'));
}

/**
 * Plain <a href="/lop/3"> links anywhere (also inside shadow roots) navigate without a reload;
 * downloads, API links, new tabs and modified clicks keep the browser's behaviour.
 */
export function interceptLinks(): void {
  document.addEventListener('click', (e) => {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    const anchor = e.composedPath().find((n): n is HTMLAnchorElement => n instanceof HTMLAnchorElement);
    if (!anchor || anchor.target || anchor.hasAttribute('download')) return;
    const url = new URL(anchor.href, location.href);
    if (url.origin !== location.origin || url.pathname.startsWith('/api/')) return;
    e.preventDefault();
    navigate(url.pathname + url.search);
  });
}
