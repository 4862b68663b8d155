import type { Knex } from 'knex';
import type { Repos, Transactor } from '../domain/repos.js';
import { KnexAccountRepository, KnexSessionRepository } from './account.repository.js';
import { KnexAuditLog } from './audit.repository.js';
import { KnexCameraRepository } from './camera-registry.repository.js';
import { KnexCurriculumRepository } from './curriculum.repository.js';
import { KnexDeviceHealthRepository } from './device-health.repository.js';
import { KnexDeviceRepository } from './device-inventory.repository.js';
import { KnexKioskRepository } from './kiosk-signin.repository.js';
import { KnexGradebookRepository } from './gradebook.repository.js';
import { KnexSchoolBoxRepository } from './school-boxes.repository.js';
import { KnexLiveDecisionRepository } from './live-decisions.repository.js';
import { KnexLiveLessonRepository } from './live-lessons.repository.js';
import { KnexLiveRecordsRepository } from './live-records.repository.js';
import { KnexPeopleRepository } from './people.repository.js';
import { KnexQuestionRepository } from './questions.repository.js';
import { KnexQuizRepository } from './quizzes.repository.js';
import { KnexRosterImportLog } from './roster-import.repository.js';
import { KnexSettingsRepository } from './settings.repository.js';
import { KnexSchoolRepository } from './school.repository.js';
import { KnexTaskRepository } from './tasks.repository.js';
import { KnexH5pRepository } from './h5p.repository.js';
import { KnexMaterialRepository } from './materials.repository.js';

import { KnexClassSpaceRepository } from './class-spaces.repository.js';
import { KnexQaRepository } from './qa.repository.js';
import { KnexProgressRepository } from './progress.repository.js';
import { KnexReportsRepository } from './reports.repository.js';
import { KnexTeachingPlanRepository } from './teaching-plans.repository.js';
import { KnexParentsRepository } from './parents.repository.js';
import { KnexDashboardRepository } from './dashboard.repository.js';
import { KnexNoticeRepository } from './notices.repository.js';
import { KnexDisclosureRepository } from './disclosure.repository.js';
import { KnexArchiveRepository } from './archive.repository.js';
import { KnexArchiveSnapshotRepository } from './archive-snapshots.repository.js';

export function makeRepos(db: Knex): Repos {
  return {
    school: new KnexSchoolRepository(db),
    people: new KnexPeopleRepository(db),
    accounts: new KnexAccountRepository(db),
    sessions: new KnexSessionRepository(db),
    audit: new KnexAuditLog(db),
    rosterImports: new KnexRosterImportLog(db),
    settings: new KnexSettingsRepository(db),
    liveDecisions: new KnexLiveDecisionRepository(db),
    liveLessons: new KnexLiveLessonRepository(db),
    liveRecords: new KnexLiveRecordsRepository(db),
    devices: new KnexDeviceRepository(db),
    deviceHealth: new KnexDeviceHealthRepository(db),
    cameras: new KnexCameraRepository(db),
    kiosk: new KnexKioskRepository(db),
    tasks: new KnexTaskRepository(db),
    h5p: new KnexH5pRepository(db),
    materials: new KnexMaterialRepository(db),
    curriculum: new KnexCurriculumRepository(db),
    gradebook: new KnexGradebookRepository(db),
    schoolBoxes: new KnexSchoolBoxRepository(db),
    questions: new KnexQuestionRepository(db),
    quizzes: new KnexQuizRepository(db),
    classSpaces: new KnexClassSpaceRepository(db),
    qa: new KnexQaRepository(db),
    progress: new KnexProgressRepository(db),
    reports: new KnexReportsRepository(db),
    teachingPlans: new KnexTeachingPlanRepository(db),
    parents: new KnexParentsRepository(db),
    dashboard: new KnexDashboardRepository(db),
    notices: new KnexNoticeRepository(db),
    disclosure: new KnexDisclosureRepository(db),
    archive: new KnexArchiveRepository(db),
    archiveSnapshots: new KnexArchiveSnapshotRepository(db),
  };
}

export class KnexTransactor implements Transactor {
  private readonly plain: Repos;
  constructor(private readonly knex: Knex) {
    this.plain = makeRepos(knex);
  }
  run<T>(fn: (repos: Repos) => Promise<T>): Promise<T> {
    return this.knex.transaction((trx) => fn(makeRepos(trx)));
  }
  read<T>(fn: (repos: Repos) => Promise<T>): Promise<T> {
    return fn(this.plain);
  }
  get repos(): Repos {
    return this.plain;
  }
}
