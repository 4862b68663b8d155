import type { AccountRepository, SessionRepository } from './accounts/account.types.js';
import type { AuditLog } from './audit/audit-log.js';
import type { SettingsRepository } from './settings/settings.service.js';
import type { CameraRepository } from './cameras/camera.types.js';
import type { CurriculumRepository } from './curriculum/curriculum.types.js';
import type { DeviceHealthRepository, DeviceRepository } from './devices/device.repository.js';
import type { KioskRepository } from './kiosk/kiosk.types.js';
import type { GradebookRepository } from './gradebook/gradebook.types.js';
import type { SchoolBoxRepository } from './boxes/box.types.js';
import type { LiveDecisionRepository, LiveLessonRepository, LiveRecordsRepository } from './live/live.repository.js';
import type { PeopleRepository } from './people/people.repository.js';
import type { QuestionRepository } from './questions/question.repository.js';
import type { QuizRepository } from './quizzes/quiz.repository.js';
import type { SchoolRepository } from './school/school.repository.js';
import type { TaskRepository } from './tasks/task.repository.js';
import type { H5pRepository } from './h5p/h5p.types.js';
import type { MaterialRepository } from './materials/material.types.js';

import type { ClassSpaceRepository } from './qa/class-space.js';
import type { QaRepository } from './qa/qa.types.js';
import type { ProgressRepository } from './progress/progress.types.js';
import type { ReportsRepository } from './reports/report.types.js';
import type { TeachingPlanRepository } from './plans/plan.types.js';
import type { ParentsRepository } from './parents/parents.types.js';
import type { DashboardRepository } from './dashboard/dashboard.types.js';
import type { NoticeRepository } from './notices/notice.repository.js';
import type { DisclosureRepository } from './disclosure/disclosure.types.js';
import type { ArchiveRepository, ArchiveSnapshotRepository } from './archive/archive.types.js';

/** The repositories one unit of work sees; bound to a transaction inside `run`. */
export interface Repos {
  school: SchoolRepository;
  people: PeopleRepository;
  accounts: AccountRepository;
  sessions: SessionRepository;
  audit: AuditLog;
  rosterImports: RosterImportLog;
  settings: SettingsRepository;
  liveDecisions: LiveDecisionRepository;
  liveLessons: LiveLessonRepository;
  liveRecords: LiveRecordsRepository;
  devices: DeviceRepository;
  deviceHealth: DeviceHealthRepository;
  cameras: CameraRepository;
  kiosk: KioskRepository;
  tasks: TaskRepository;
  h5p: H5pRepository;
  materials: MaterialRepository;
  curriculum: CurriculumRepository;
  gradebook: GradebookRepository;
  schoolBoxes: SchoolBoxRepository;
  questions: QuestionRepository;
  quizzes: QuizRepository;
  /** Class × subject spaces of questions and answers and of progress (Art. 9.2). */
  classSpaces: ClassSpaceRepository;
  qa: QaRepository;
  progress: ProgressRepository;
  /** Reports (Art. 9.2.c, 15.6): semester reports and read-only aggregates. */
  reports: ReportsRepository;
  /** Teaching plans by week, their approval and what was held (Art. 8.1.c). */
  teachingPlans: TeachingPlanRepository;
  /** Parents (Art. 16.2): messages with the homeroom teacher, consents, data exports. */
  parents: ParentsRepository;
  /** The principal's dashboard: read-only figures across modules. */
  dashboard: DashboardRepository;
  /** Notices to students and parents and their read receipts (Art. 15.1.e). */
  notices: NoticeRepository;
  /** The school's public disclosure of its online-teaching rules, plan and conditions (Art. 15.3–15.4). */
  disclosure: DisclosureRepository;
  /** The records archive's hash chain (Art. 8); others append through services.archiveWriter. */
  archive: ArchiveRepository;
  /** Read-only queries the archive runs when it seals a semester (Art. 8.1.a, b, d). */
  archiveSnapshots: ArchiveSnapshotRepository;
}

export interface RosterImportLog {
  record(entry: { accountId: number | null; kind: 'students' | 'teachers'; fileName: string; accepted: number; rejected: number; committed: boolean; report: unknown }): Promise<number>;
  list(limit: number): Promise<{ id: number; at: string; kind: string; fileName: string; accepted: number; rejected: number; committed: boolean }[]>;
}

/**
 * Runs work against the repositories. `run` is one transaction: on any error nothing is written
 * (a failed write leaves no partial state). `read` uses the plain connection.
 */
export interface Transactor {
  run<T>(fn: (repos: Repos) => Promise<T>): Promise<T>;
  read<T>(fn: (repos: Repos) => Promise<T>): Promise<T>;
}
