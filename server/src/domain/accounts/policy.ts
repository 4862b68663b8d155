import type { Role } from '../people/person.types.js';

/**
 * The one authorization policy (Art. 10.2): which role may do which action. Every route names its
 * action; the HTTP layer asks `can()` before the handler runs, and a test walks every route × role.
 * Scope (own class, own child) is checked by the services on top of this.
 */
export const ACTIONS = {
  /** Anyone signed in: own profile, own password, own home page. */
  'self': ['principal', 'vice_principal', 'group_leader', 'teacher', 'it_staff', 'student', 'parent'],
  /** Read the school's structure: years, classes, subjects, groups, assignments. */
  'school.read': ['principal', 'vice_principal', 'group_leader', 'teacher', 'it_staff'],
  /** Change the school's structure (Art. 15.1.d: the principal assigns responsibilities). */
  'school.manage': ['principal', 'vice_principal'],
  /** See lists of students, staff and parents. */
  'people.read': ['principal', 'vice_principal', 'group_leader', 'teacher', 'it_staff'],
  /** Add and edit people, link parents (Art. 15.1.i). */
  'people.manage': ['principal', 'vice_principal', 'it_staff'],
  /** See the 12-digit citizen number: only those who manage records need it (least data). */
  'people.read_citizen_id': ['principal', 'vice_principal', 'it_staff'],
  /** Import and export rosters from the education-sector database. */
  'roster.import': ['principal', 'vice_principal', 'it_staff'],
  'roster.export': ['principal', 'vice_principal', 'it_staff'],
  /** Reset passwords, enable/disable accounts, grant roles. */
  'accounts.manage': ['principal', 'vice_principal', 'it_staff'],
  /** Print password slips for a class: managers for any class, a teacher for the homeroom class only. */
  'class.password_slips': ['principal', 'vice_principal', 'it_staff', 'teacher'],
  /** The school's settings (recording of lessons and its disk budget): read by staff, changed by the principal. */
  'settings.read': ['principal', 'vice_principal', 'teacher', 'it_staff'],
  'settings.manage': ['principal'],
  /** IT console actions (Art. 16.3): logs, restart the kiosk or the media workers, update report. */
  'system.operate': ['it_staff', 'principal'],
  /** Read the audit log. */
  'audit.read': ['principal', 'it_staff'],
  /** See the teaching room's equipment, the appliance's health, its history and alerts (Art. 10.3). */
  'devices.read': ['principal', 'vice_principal', 'it_staff'],
  /** Keep the equipment inventory (Art. 8.1.a evidence): add, edit, retire devices. */
  'devices.manage': ['principal', 'it_staff'],
  /** Record and revoke decisions on the online mode and force majeure: the principal decides (Art. 5.4, 15.1.a). */
  'live.decide': ['principal'],
  /** Schedule and cancel live lessons; read the decisions that allow them (Art. 5.3, 15.1.g). A teacher only for a class × subject assigned to them (checked in the service). */
  'live.schedule': ['principal', 'vice_principal', 'teacher'],
  /**
   * See live lessons (Art. 5.2, 9.1). Scope in the service: students their class, parents their
   * children's classes, teachers their own lessons and the classes they teach, managers and IT all.
   */
  'live.read': ['principal', 'vice_principal', 'group_leader', 'teacher', 'it_staff', 'student', 'parent'],
  /** The records of a lesson (Art. 8.1.b): attendance and participation. A teacher only of their own lessons (service). */
  'live.summary': ['principal', 'vice_principal', 'teacher'],
  /** See the room cameras, their snapshots and presets (Art. 10.3). */
  'cameras.read': ['principal', 'vice_principal', 'it_staff', 'teacher'],
  /** Discover, add, change and remove room cameras; choose the default one. */
  'cameras.manage': ['principal', 'it_staff'],
  /** Point the room camera during a lesson: moves and presets. */
  'cameras.control': ['principal', 'it_staff', 'teacher'],
  /** Quick sign-in at the kiosk: set a PIN, approve the kiosk's QR code from one's phone, the lesson to open now. */
  'kiosk.sign_in': ['principal', 'teacher'],
  /**
   * The question bank (Art. 7.1: question and exercise banks; Art. 7.3: built and checked by the
   * subject group). Scope in the service: managers every subject, a teacher or group leader the
   * subjects of their own subject group. Students and parents never see the bank (keys inside).
   */
  'questions.read': ['principal', 'vice_principal', 'group_leader', 'teacher'],
  'questions.manage': ['principal', 'vice_principal', 'group_leader', 'teacher'],
  /** Read the curriculum (Art. 4.1): lessons/topics and their required outcomes; students and parents see lesson titles next to materials. */
  'curriculum.read': ['principal', 'vice_principal', 'group_leader', 'teacher', 'it_staff', 'student', 'parent'],
  /** Change the curriculum (Art. 4.1, 15.1.d). Scope in the service: managers any subject, a group leader or teacher the subjects of their subject group. */
  'curriculum.manage': ['principal', 'vice_principal', 'group_leader', 'teacher'],
  /**
   * Learning materials (Art. 7.1, 9.2): the library and a material's viewer. Scope in the service:
   * students and parents only published versions of their (children's) grades; teachers their own
   * and every published one; group leaders their group's submitted ones; managers all.
   */
  'materials.read': ['principal', 'vice_principal', 'group_leader', 'teacher', 'it_staff', 'student', 'parent'],
  /** Author materials and lesson pages (Art. 7.1, 9.3): upload, edit drafts, submit for approval. */
  'materials.author': ['principal', 'vice_principal', 'group_leader', 'teacher'],
  /** Review materials (Art. 7.3): the subject group's leader passes, the principal approves; either returns with a comment. */
  'materials.review': ['principal', 'group_leader'],
  /**
   * H5P interactive content (Art. 9.3): play contents and record one's own xAPI results and saved
   * state. Scope in the service: staff every content of the school, students the contents assigned
   * to their class (or embedded in a material published for them).
   */
  'h5p.read': ['principal', 'vice_principal', 'group_leader', 'teacher', 'it_staff', 'student'],
  /** Upload .h5p packages, assign H5P activities to a class with a gradebook column (Art. 5.2, 9.3). A teacher only in a class × subject they teach (service). */
  'h5p.manage': ['principal', 'vice_principal', 'group_leader', 'teacher'],
  /**
   * Learning tasks (Art. 5.2–5.3, 9.2.a–b, 15.1.h). Read: scope in the service — the class ×
   * subject's teacher, managers and the subject group's leader read, students their own tasks,
   * parents their children's. Manage: only the teacher assigned to the class × subject (service).
   * Submit: students, their own work only.
   */
  'tasks.read': ['principal', 'vice_principal', 'group_leader', 'teacher', 'student', 'parent'],
  'tasks.manage': ['principal', 'vice_principal', 'teacher'],
  'tasks.submit': ['student'],
  /** The staff's list of tasks (their classes × subjects; managers every class) and a student's or parent's own list. */
  'tasks.overview': ['principal', 'vice_principal', 'group_leader', 'teacher'],
  'tasks.mine': ['student', 'parent'],
  /**
   * Questions and answers of a class × subject (Art. 5.2: students ask and answer the teacher and
   * other students; Art. 9.2.a–b). Scope in the service: students their class, the teacher assigned
   * to that class × subject, managers read.
   */
  'qa.read': ['principal', 'vice_principal', 'teacher', 'student'],
  /** Ask (students) and answer (students of the class and its teacher). */
  'qa.post': ['teacher', 'student'],
  /** Moderate (Art. 5.3, 9.2.a: the teacher advises and answers): best answer, hide, lock, pin; only the class × subject's teacher (service). */
  'qa.moderate': ['teacher'],
  /** The progress tracker's reports (Art. 9.2.c): a student, on a material they can see (service). */
  'progress.record': ['student'],
  /** Progress pages (Art. 5.3: monitor students' use of materials; 9.2.c): teachers their classes, managers all, students and parents their own (service). */
  'progress.read': ['principal', 'vice_principal', 'teacher', 'student', 'parent'],
  /** "Tiến độ của em": a student's own progress. */
  'progress.own': ['student'],
  /** See quizzes and tests (Art. 6.1, 6.2). Scope in the service: students the published quizzes of their classes, teachers those of their subject × classes, managers all. */
  'quiz.read': ['principal', 'vice_principal', 'teacher', 'student'],
  /** Build, publish and grade quizzes, see attempts, the integrity log and results (Art. 6.1, 6.2). A teacher only for subject × classes assigned to them (service). */
  'quiz.manage': ['principal', 'vice_principal', 'teacher'],
  /** Take a quiz: start, autosave, submit, report focus lost (Art. 6.1, 6.2, 9.2.b). Own attempts only (service). */
  'quiz.take': ['student'],
  /**
   * The gradebook (Circular 22/2021 Art. 6–9; Circular 27/2020 Art. 7): open a class × subject grid,
   * its history and export, the homeroom class summary. Scope in the service: managers every class,
   * a teacher the classes × subjects assigned to them and their homeroom class.
   */
  'gradebook.read': ['principal', 'vice_principal', 'teacher'],
  /** Enter scores and comments: only the teacher assigned to the class × subject (teaching_assignments; service). */
  'gradebook.enter': ['teacher'],
  /** Close a semester's gradebook and reopen it with a reason: the principal, who is responsible for the school's assessment (Circular 22/2021 ch. IV; article not re-checked). */
  'gradebook.lock': ['principal'],
  /** Learning results of one student: the student themself, parents their children (parent_links), managers, the homeroom teacher (service). */
  'gradebook.results': ['principal', 'vice_principal', 'teacher', 'student', 'parent'],
  /**
   * Teaching plans (Art. 8.1.c, 15.1.b): read plans by week, month and year and plan versus actual.
   * Scope in the service: managers every plan, a group leader the group's subjects, a teacher the
   * classes × subjects assigned to them. Students and parents never see plans.
   */
  'plans.read': ['principal', 'vice_principal', 'group_leader', 'teacher'],
  /** Draft, edit, submit and revise a plan; mark in-person lessons taught: only the teacher assigned to the class × subject (service). */
  'plans.author': ['principal', 'vice_principal', 'group_leader', 'teacher'],
  /** Review plans (Art. 15.1.b): the subject group's leader passes, the principal approves; either returns with a comment (service). */
  'plans.review': ['principal', 'group_leader'],
  /** The twice-yearly evaluation report (Art. 15.6): the principal and vice principals prepare the draft (figures, text) and download the finalized files. */
  'reports.semester': ['principal', 'vice_principal'],
  /** Finalize the evaluation report that goes to the district office and the provincial department (Art. 15.6): the principal. */
  'reports.finalize': ['principal'],
  /** Reports on teaching activity, students' progress and attendance (Art. 9.2.c). Scope in the service: managers all, a teacher their own activity and their classes. */
  'reports.read': ['principal', 'vice_principal', 'teacher'],
  /**
   * The principal's dashboard (Art. 15.1: the principal directs, organises and checks online teaching;
   * Art. 10.3 equipment): live lessons, attendance, approvals, assessment progress, plan versus actual,
   * device health. Read-only; the vice principal reads it too. IT staff have the IT console instead.
   */
  'dashboard.read': ['principal', 'vice_principal'],
  /**
   * Notices to students and parents (Art. 15.1.e): write, publish and see the receipts. Scope in
   * the service: the principal and vice principal the whole school, a homeroom teacher their own
   * class (Art. 16: teachers coordinate with parents).
   */
  'notices.manage': ['principal', 'vice_principal', 'teacher'],
  /** A student's or parent's own notices and marking them read (Art. 15.1.e, 16.2). */
  'notices.mine': ['student', 'parent'],
  /** The school's online-teaching rules, plan and conditions for the public page (Art. 15.3–15.4): the principal writes and publishes, the vice principal reads the drafts. The public page itself needs no sign-in. */
  'disclosure.read': ['principal', 'vice_principal'],
  'disclosure.manage': ['principal'],
  /** Backups of the data directory to a USB disk or network folder and their restore (Art. 8.2: records kept; Art. 16.3: IT staff administer the system); the principal sees them. */
  'backups.read': ['it_staff', 'principal'],
  'backups.manage': ['it_staff'],
  /** A parent's view of their own children (Art. 15.1.e, 16.2): online lessons, attendance, teachers' comments. Own children only (service). */
  'parents.view': ['parent'],
  /** Messages between a parent and the homeroom teacher of their child's class (Art. 16): parents their own threads, teachers their homeroom classes' (service). */
  'parents.message': ['parent', 'teacher'],
  /** The principal reads parent–teacher threads for supervision (Art. 15.1.d); every reading is audited. */
  'parents.supervise': ['principal'],
  /** Give or withdraw consent to processing one's child's personal data (Law 91/2025/QH15; Art. 10.2: parental consent records). Own children only (service). */
  'parents.consent': ['parent'],
  /** Consent status per class (who has not answered) and its export: the principal. */
  'parents.consent_overview': ['principal'],
  /** Export what the school holds about one child (data-subject access, Law 91/2025/QH15): a parent their own child, the principal any student; audited, rate limited. */
  'parents.data_export': ['parent', 'principal'],
  /** The records archive (Art. 8.1, 8.2): list and read records, seals, retention, download sealed exports. */
  'archive.read': ['principal', 'vice_principal'],
  /** Check the archive's hash chain (Art. 8.2 verifiable records): also IT, who keep the box. */
  'archive.verify': ['principal', 'vice_principal', 'it_staff'],
  /** Seal a semester, set retention per category, dispose of records after retention (Art. 8.2: the school sets the procedure; the principal decides). */
  'archive.manage': ['principal'],
} as const satisfies Record<string, readonly Role[]>;

export type Action = keyof typeof ACTIONS;

/** Roles a person may hold only through the principal or IT: never self-granted. */
export const STAFF_ROLES: readonly Role[] = ['principal', 'vice_principal', 'teacher', 'it_staff'];

export function can(roles: readonly Role[], action: Action): boolean {
  const allowed: readonly Role[] = ACTIONS[action];
  return roles.some((r) => allowed.includes(r));
}

/** Only a principal may grant the principal or vice-principal role. */
export function canGrantRole(actorRoles: readonly Role[], role: Role): boolean {
  if (role === 'principal' || role === 'vice_principal') return actorRoles.includes('principal');
  if (role === 'student' || role === 'parent' || role === 'group_leader') return false; // derived from data
  return can(actorRoles, 'accounts.manage');
}
