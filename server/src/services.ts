import fs from 'node:fs';
import path from 'node:path';
import { procMediaWorkerSource } from '../../appliance/src/health/media-workers.js';
import { SettingsService } from './domain/settings/settings.service.js';
import { recordingPolicy } from './data/recording-budget.js';
import { LiveRoomRegistry } from './domain/live-room/live-room-registry.js';
import { createMediaService } from '../../media/src/media-service.js';
import { SupervisorClient } from '../../appliance/src/balena/supervisor-client.js';
import type { AppConfig } from './config/config.js';
import type { Database } from './db/database.js';
import { KnexTransactor } from './data/transactor.js';
import { Argon2Hasher } from './data/argon2-hasher.js';
import { AccountService } from './domain/accounts/account.service.js';
import type { PasswordHasher } from './domain/accounts/account.types.js';
import type { AuditLog } from './domain/audit/audit-log.js';
import { HealthService } from './domain/health/health.service.js';
import { DevicesService } from './domain/devices/devices.service.js';
import type { HealthCollectors } from './domain/devices/device.types.js';
import { HealthPoller } from './domain/devices/health-poller.js';
import { PasswordSlipService } from './domain/accounts/password-slips.js';
import { HomeService } from './domain/home/home.service.js';
import { LiveDecisionService } from './domain/live/decision.service.js';
import { LiveLessonService } from './domain/live/live-lesson.service.js';
import { LiveRecords } from './domain/live/live-records.js';
import { PeopleService } from './domain/people/people.service.js';
import { RosterService } from './domain/roster/roster.service.js';
import { SchoolService } from './domain/school/school.service.js';
import { SetupService } from './domain/setup/setup.service.js';
import { readTable, writeWorkbook } from './data/spreadsheet.js';
import { workerBuildInfo } from '../../media/src/worker-binary.js';
import { SystemHealthCollectors } from '../../appliance/src/health/system-collectors.js';
import os from 'node:os';
import { onvifCameras } from '../../appliance/src/cameras/onvif-client.js';
import type { CameraDirectory } from './domain/cameras/camera.types.js';
import { CamerasService } from './domain/cameras/cameras.service.js';
import { KioskService } from './domain/kiosk/kiosk.service.js';
import { MaterialService } from './domain/materials/material.service.js';
import { FsMaterialFileStore } from './data/material-files.js';
import { GradebookFeedService } from './domain/gradebook/gradebook-feed.service.js';
import { GradebookService } from './domain/gradebook/gradebook.service.js';
import { writeGradebookSheet } from './data/gradebook-export.js';
import { randomBytes as quizRandomBytes } from 'node:crypto';
import { QuizService } from './domain/quizzes/quiz.service.js';
import { QuizAttemptService } from './domain/quizzes/attempt.service.js';
import { H5pService } from './domain/h5p/h5p.service.js';
import { TaskService } from './domain/tasks/task.service.js';
import { TaskFiles } from './data/task-files.js';
import { H5pFileStore } from './data/h5p-files.js';
import { h5pEditorStatus, type H5pEditorStatus } from './data/h5p-editor-files.js';
import { LumiH5pEditorEngine } from './data/h5p-editor.js';
import { H5pEditorService } from './domain/h5p/h5p-editor.service.js';
import { CurriculumService } from './domain/curriculum/curriculum.service.js';
import { QuestionService } from './domain/questions/question.service.js';
import { FileKeySecretBox } from './data/camera-secret-box.js';
import { rtspOptionsProbe } from './data/camera-rtsp-probe.js';
import { SystemActions } from './domain/boxes/system-actions.js';
import { SchoolBoxesService } from './domain/boxes/school-boxes.service.js';
import { boxEssentials } from './domain/boxes/box-essentials.js';
import type { BoxEssentials } from './domain/boxes/box.types.js';
import { HttpsBoxPeerClient, certificateFingerprint } from './data/box-peer-client.js';
import { PeerTokenFile } from './data/peer-token.js';
import { readLogs, recentProblems } from './logs/log-file.js';

import { QaService } from './domain/qa/qa.service.js';
import { ProgressService } from './domain/progress/progress.service.js';
import { DashboardService } from './domain/dashboard/dashboard.service.js';
import { ParentViewService } from './domain/parents/parent-view.service.js';
import { ParentMessagesService } from './domain/parents/parent-messages.service.js';
import { ConsentService } from './domain/parents/consent.service.js';
import { DataExportService, type ExportBundle } from './domain/parents/data-export.service.js';
import { zipStudentExport } from './data/parents-export.js';
import type { Readable } from 'node:stream';
import { renderPdf } from './data/pdf-document.js';
import { BackupService } from './domain/backups/backup.service.js';
import { FsBackupEngine } from './data/backup-engine.js';
import { DisclosureService } from './domain/disclosure/disclosure.service.js';
import { NoticeService } from './domain/notices/notice.service.js';
import type { ArchiveWriter } from './domain/archive/archive-writer.js';
import { ArchiveChainWriter } from './domain/archive/archive-chain-writer.js';
import { ArchiveService } from './domain/archive/archive.service.js';
import { FsArchiveExporter } from './data/archive-export.js';
import { TeachingPlanService } from './domain/plans/teaching-plan.service.js';
import { SemesterReportService } from './domain/reports/semester-report.service.js';
import { ReportsService } from './domain/reports/reports.service.js';
import { FsReportFileStore } from './data/report-files.js';
/** Every service the routes use, built once from the configuration and the database. */
export interface Services {
  /** The data directory (recordings and uploads are files under it). */
  dataDir: string;
  tx: KnexTransactor;
  hasher: PasswordHasher;
  accounts: AccountService;
  audit: AuditLog;
  school: SchoolService;
  people: PeopleService;
  roster: RosterService;
  setup: SetupService;
  home: HomeService;
  passwordSlips: PasswordSlipService;
  health: HealthService;
  decisions: LiveDecisionService;
  liveLessons: LiveLessonService;
  liveRecords: LiveRecords;
  liveRooms: LiveRoomRegistry;
  /** The balena Supervisor, when the box runs on balena. */
  supervisor: SupervisorClient | undefined;
  settings: SettingsService;
  /** The appliance's health poller (started by startAppliance) and the equipment inventory. */
  healthPoller: HealthPoller;
  devices: DevicesService;
  /** The room's ONVIF cameras; also the live room's RoomCameraPort. */
  cameras: CamerasService;
  /** Quick sign-in at the kiosk (PIN, QR code) and its kiosk sessions. */
  kiosk: KioskService;
  /** Learning materials and their approval (Art. 7.1, 7.3, 9.3); their files under <dataDir>/materials. */
  materials: MaterialService;
  materialFiles: FsMaterialFileStore;
  /** The gradebook's feed: quizzes, tasks and H5P send scores with `gradebookFeed.record(repos, score)` inside their transaction. */
  gradebookFeed: GradebookFeedService;
  /** The gradebook: grids, entry, comments, semester lock, results, export. */
  gradebook: GradebookService;
  /** Quizzes and tests (Art. 6.1, 6.2): definitions by matrix, attempts, grading, results. */
  quizzes: QuizService;
  quizAttempts: QuizAttemptService;
  /** H5P interactive content (Art. 9.3): packages, activities, xAPI results; files under <dataDir>/h5p/. */
  h5p: H5pService;
  h5pFiles: H5pFileStore;
  /** Tasks and student work (Art. 5.2–5.3, 15.1.h); files under <dataDir>/tasks/. */
  tasks: TaskService;
  taskFiles: TaskFiles;
  /** Whether the H5P core and editor files are installed (checked on each call: cheap file tests). */
  h5pEditor: () => H5pEditorStatus;
  /** The H5P editor (h5p-server's H5PEditor over the project's folders), usable when the files are installed. */
  h5pEditorService: H5pEditorService;
  /** The curriculum (Art. 4.1): lessons/topics everything links to. */
  curriculum: CurriculumService;
  /** The question bank (Art. 7.1, 7.3): questions by lesson and cognitive level; import/export. */
  questions: QuestionService;
  /** The IT console's actions on this box: logs, restart kiosk, restart media (Art. 16.3). */
  systemActions: SystemActions;
  /** This box's token that the school's other boxes present, and the boxes paired with this one. */
  peerToken: PeerTokenFile;
  schoolBoxes: SchoolBoxesService;
  /** What this box tells the IT console (its own and the other boxes'). */
  selfEssentials(): Promise<BoxEssentials>;
  /** Questions and answers per class × subject (Art. 5.2, 9.2) and learning progress (Art. 5.3, 9.2.c). */
  qa: QaService;
  progress: ProgressService;
  /** The principal's dashboard (read-only figures across modules, one request). */
  dashboard: DashboardService;
  /** Parents (Art. 16.2): the child's view, messages with the homeroom teacher, consents (Law 91/2025/QH15), data-subject export. */
  parents: { view: ParentViewService; messages: ParentMessagesService; consents: ConsentService; exports: DataExportService; zip(bundle: ExportBundle): Readable };
  /** Backups of the whole data directory to a USB disk or network folder, on a schedule and on demand (issue 5, point 8). */
  backups: BackupService;
  /** The school's online-teaching rules, plan and conditions on the public page (Art. 15.3–15.4). */
  disclosure: DisclosureService;
  /**
   * The records archive's append (Art. 8.1, 8.2): `await services.archiveWriter.append(repos, entry)` inside
   * the caller's `tx.run(repos => …)`; returns the record's seq; throws ARCHIVE_SEALED for a sealed semester.
   */
  archiveWriter: ArchiveWriter;
  /** The records archive (Art. 8): list, verify, retention, disposal, sealing and export; zips under <dataDir>/archive/exports. */
  archive: ArchiveService;
  /** Notices to students and parents with read receipts (Art. 15.1.e). */
  notices: NoticeService;
  /** Teaching plans by week/month/year, their approval, plan versus actual (Art. 8.1.c, 15.1.b): `teachingPlans.planVersusActual({ semesterId, classId?, subjectId? })`. */
  teachingPlans: TeachingPlanService;
  /** The twice-yearly evaluation report (Art. 15.6): drafts, finalization to PDF + .xlsx under <dataDir>/reports/, archived. */
  semesterReports: SemesterReportService;
  /** Reports on teaching activity, students' progress and attendance (Art. 9.2.c). */
  reports: ReportsService;
}

export const VERSION = readVersion();

export function buildServices(
  config: Pick<AppConfig, 'dataDir' | 'sessionIdleMinutes'> & Partial<Pick<AppConfig, 'rtc' | 'balena' | 'kioskIdleMinutes' | 'publicHostname' | 'publicAddresses' | 'https' | 'h5pCoreDir' | 'materialVideoMaxMb'>>, db: Database, hasher: PasswordHasher = new Argon2Hasher(),
  /** Tests and the bench may replace the machine's health collectors, the camera client and the kiosk's clock. */
  extra: { healthCollectors?: HealthCollectors; cameraDirectory?: CameraDirectory; kioskClock?: () => Date } = {},
): Services {
  const tx = new KnexTransactor(db.knex);
  const audit = tx.repos.audit;
  const accounts = new AccountService({ accounts: tx.repos.accounts, sessions: tx.repos.sessions, hasher, audit, idleMinutes: config.sessionIdleMinutes });
  const healthCollectors = extra.healthCollectors ?? new SystemHealthCollectors();
  const healthPoller = new HealthPoller({ tx, collectors: healthCollectors });
  const supervisor = config.balena ? new SupervisorClient(config.balena) : undefined;
  const settings = new SettingsService(tx);
  const liveLessons = new LiveLessonService(tx, { writeWorkbook });
  const liveRecords = new LiveRecords(tx, { dataDir: config.dataDir });
  const rtc = config.rtc ?? { minPort: 40000, maxPort: 40999, listenIp: '127.0.0.1', announcedAddress: undefined };
  const cameras = new CamerasService({
    tx,
    directory: extra.cameraDirectory ?? onvifCameras,
    secrets: FileKeySecretBox.inDataDir(config.dataDir),
    probe: rtspOptionsProbe,
    interfaces: () => Object.entries(os.networkInterfaces()).flatMap(([name, list]) =>
      (list ?? []).filter((a) => a.family === 'IPv4').map((a) => ({ name, address: a.address, internal: a.internal }))),
  });
  const kiosk = new KioskService({
    tx, hasher, accounts, lessons: liveLessons,
    idleMinutes: config.kioskIdleMinutes ?? 10,
    // What the QR code holds: the LAN address phones reach (HTTPS); without it, a relative link.
    publicBaseUrl: config.publicHostname && config.https?.port ? `https://${config.publicHostname}${config.https.port === 443 ? '' : `:${config.https.port}`}` : undefined,
    ...(extra.kioskClock ? { now: extra.kioskClock } : {}),
  });
  const liveRooms = new LiveRoomRegistry({
    // Media workers start with the first live lesson, not with the server.
    media: () => createMediaService({ rtcMinPort: rtc.minPort, rtcMaxPort: rtc.maxPort, listenIp: rtc.listenIp, announcedAddress: rtc.announcedAddress }),
    lessons: liveLessons,
    records: liveRecords,
    recordingsDir: path.join(config.dataDir, 'recordings'),
    updateLock: supervisor ? { hold: (r) => supervisor.holdUpdateLock(r), release: (r) => supervisor.releaseUpdateLock(r) } : undefined,
    camera: cameras,
    recordingPolicy: recordingPolicy(settings, path.join(config.dataDir, 'recordings')),
  });
  const devices = new DevicesService(tx, healthPoller, healthCollectors);
  const setup = new SetupService(tx, hasher);
  const boxName = config.publicHostname ?? os.hostname();
  const selfEssentials = async (): Promise<BoxEssentials> => boxEssentials({
    boxName,
    schoolName: (await setup.status()).schoolName ?? null,
    version: VERSION,
    uptimeSeconds: os.uptime(),
    health: await devices.now(),
    alerts: await devices.alerts({ active: true, limit: 50 }),
    cameras: await cameras.list(),
    problems: recentProblems(config.dataDir, 5),
    liveLessons: liveRooms.liveLessonIds().length,
    onBalena: supervisor !== undefined,
  });
  const peerToken = PeerTokenFile.inDataDir(config.dataDir);
  let caFingerprint: string | null = null;
  const schoolBoxes = new SchoolBoxesService({
    tx,
    client: new HttpsBoxPeerClient(boxName),
    secrets: FileKeySecretBox.inDataDir(config.dataDir, 'peer-token'),
    peerToken,
    self: {
      // Other boxes reach this one at its first LAN address (or its name) on the HTTPS port.
      url: () => (config.https?.port ? `https://${config.publicAddresses?.[0] ?? boxName}:${config.https.port}` : null),
      caFingerprintSha256: () => {
        if (caFingerprint) return caFingerprint;
        try {
          caFingerprint = certificateFingerprint(fs.readFileSync(path.join(config.dataDir, 'tls', 'ca.crt'), 'utf8'));
        } catch {
          return null; // the CA is created when HTTPS starts
        }
        return caFingerprint;
      },
      essentials: selfEssentials,
    },
    fingerprintOf: certificateFingerprint,
  });
  // Health watches the media workers once a lesson has started them (a restart raises an alert).
  if (healthCollectors instanceof SystemHealthCollectors) healthCollectors.useMediaWorkers(procMediaWorkerSource(() => liveRooms.workerPids()));
  const h5pFiles = new H5pFileStore(config.dataDir);
  let h5pEngine: Promise<LumiH5pEditorEngine> | undefined;
  const taskFiles = new TaskFiles(config.dataDir);
  const services: Services = {
    dataDir: config.dataDir,
    tx,
    hasher,
    accounts,
    audit,
    school: new SchoolService(tx),
    people: new PeopleService(tx),
    roster: new RosterService(tx, { readTable, writeWorkbook }),
    setup,
    home: new HomeService(tx),
    passwordSlips: new PasswordSlipService(tx, hasher, { readTable, writeWorkbook }),
    // Decisions recorded and revoked are appended to the records archive (Art. 8.1.a).
    decisions: new LiveDecisionService(tx, () => new Date(), () => services.archiveWriter),
    // Notices to students and parents (Art. 15.1.e); published ones are archived as evidence.
    notices: new NoticeService(tx, { archive: () => services.archiveWriter }),
    // Teaching plans (Art. 8.1.c): an approved plan is appended to the records archive in the approval's transaction.
    teachingPlans: new TeachingPlanService(tx, { archive: () => services.archiveWriter }),
    // Reports (Art. 15.6): finalized semester reports go to the archive; plan against actual comes from the plans module.
    semesterReports: new SemesterReportService(tx, {
      renderPdf, writeWorkbook, files: new FsReportFileStore(config.dataDir), archive: () => services.archiveWriter,
      planVersusActual: async (semester) => {
        // Class × subject pairs with something planned or held (the others have nothing to compare).
        const rows = (await services.teachingPlans.planVersusActual({ semesterId: semester.id })).filter((x) => x.plannedToDate > 0 || x.heldToDate > 0);
        return rows.length ? {
          rows: rows.map((x) => ({
            label: `${x.className} — ${x.subjectName}`, planned: x.plannedToDate, actual: x.heldToDate,
            rate: x.plannedToDate ? Math.round((x.heldToDate * 1000) / x.plannedToDate) / 10 : null,
          })),
        } : null;
      },
    }),
    reports: new ReportsService(tx, { renderPdf, writeWorkbook }),
    liveLessons,
    liveRecords,
    liveRooms,
    supervisor,
    settings,
    healthPoller,
    devices,
    systemActions: new SystemActions({ audit, supervisor, media: liveRooms, readLogs: () => readLogs(config.dataDir) }),
    peerToken,
    schoolBoxes,
    selfEssentials,
    cameras,
    kiosk,
    ...materialServices(tx, config.dataDir, config.materialVideoMaxMb),
    gradebookFeed: new GradebookFeedService(),
    gradebook: new GradebookService(tx, { writeSheet: writeGradebookSheet }),
    qa: new QaService(tx),
    // Publications and withdrawals are Art. 8.1.a evidence in the records archive.
    disclosure: new DisclosureService(tx, { archive: () => services.archiveWriter }),
    // Progress lists the class's quizzes with their results per question (quizzes module).
    archiveWriter: new ArchiveChainWriter(),
    archive: new ArchiveService({ tx, writer: { append: (r, e) => services.archiveWriter.append(r, e) }, exporter: new FsArchiveExporter(config.dataDir) }),
    parents: {
      view: new ParentViewService(tx), messages: new ParentMessagesService(tx),
      consents: new ConsentService(tx, { writeWorkbook }), exports: new DataExportService(tx, { renderPdf }),
      zip: (bundle) => zipStudentExport(bundle, taskFiles.root),
    },
    progress: new ProgressService(tx, { quizQuestions: async (viewer, quizId, classId) => (await services.quizAttempts.results(viewer, quizId, classId)).questions }),
    // The dashboard reads the health poller's last readings (never a fresh scan: one request stays fast).
    dashboard: new DashboardService(tx, {
      healthSnapshot: () => healthPoller.latest(),
      // Plan versus actual comes from the plans module (one implementation, also used by the semester report).
      planVersusActual: (semesterId) => services.teachingPlans.planVersusActual({ semesterId }),
    }),
    quizzes: new QuizService(tx),
    quizAttempts: new QuizAttemptService(tx, { newSeed: () => quizRandomBytes(16).toString('hex'), gradebookFeed: () => services.gradebookFeed }),
    // H5P (Art. 9.3): scores go to the gradebook through services.gradebookFeed.
    h5p: new H5pService({ tx, files: h5pFiles, gradebookFeed: () => services.gradebookFeed, homePage: config.publicHostname ? `https://${config.publicHostname}` : undefined }),
    h5pFiles,
    // Tasks: grades go to the gradebook on grading; an H5P task attaches the student's latest result.
    tasks: new TaskService(tx, {
      files: taskFiles, writeWorkbook, gradebook: () => services.gradebookFeed,
      h5pResult: async (r, contentId, studentId) => {
        const res = await r.h5p.latestResult(contentId, studentId);
        return res ? { score: { raw: res.last.raw, max: res.last.max, scaled: res.last.scaled }, completed: res.completedAt !== null, at: res.last.at } : null;
      },
    }),
    taskFiles,
    backups: backupService(tx, config.dataDir, db),
    h5pEditor: () => h5pEditorStatus(config.dataDir, config.h5pCoreDir),
    h5pEditorService: new H5pEditorService({
      tx, available: () => h5pEditorStatus(config.dataDir, config.h5pCoreDir).available,
      engine: () => (h5pEngine ??= LumiH5pEditorEngine.create(h5pFiles.root).catch((err) => {
        h5pEngine = undefined;
        throw err;
      })),
      allowlist: async () => (await h5pFiles.allowlist()).content,
    }),
    curriculum: new CurriculumService(tx, { readTable, writeWorkbook }),
    questions: new QuestionService(tx, { readTable, writeWorkbook }),
    health: new HealthService({
      dialect: db.dialect,
      version: VERSION,
      pingDatabase: async () => { await db.knex.raw('select 1'); },
      diskUsage: async () => {
        const s = await fs.promises.statfs(config.dataDir);
        return { freeBytes: s.bavail * s.bsize, totalBytes: s.blocks * s.bsize };
      },
      mediaWorker: () => {
        const info = workerBuildInfo();
        return { workerBinary: info.exists, linkedOpenSsl: info.linkedOpenSsl };
      },
      schoolSetUp: async () => !!(await tx.repos.school.getSchool()),
      liveLessons: () => liveRooms.liveLessonIds().length,
    }),
  };
  // A student may play the H5P content of a task assigned to them (and attach its result).
  services.h5p.addAudience((contentId, personId) => services.tasks.mayPlayH5p(contentId, personId));
  // … and the H5P content embedded in a lesson page published for their grade (Art. 9.3).
  services.h5p.addAudience((contentId, personId) => services.materials.mayPlayH5p(contentId, personId));
  return services;
}

function readVersion(): string {
  let dir = new URL('.', import.meta.url).pathname;
  for (let i = 0; i < 6; i++) {
    try {
      return (JSON.parse(fs.readFileSync(`${dir}/package.json`, 'utf8')) as { version: string }).version;
    } catch {
      dir = `${dir}/..`;
    }
  }
  return 'unknown';
}

/** Materials and their file store; video up to PHONGHOC_MATERIAL_VIDEO_MAX_MB (500 MB), other limits in DEFAULT_SIZE_LIMITS. */
function materialServices(tx: KnexTransactor, dataDir: string, videoMaxMb: number | undefined): Pick<Services, 'materials' | 'materialFiles'> {
  const materialFiles = new FsMaterialFileStore(dataDir);
  return { materialFiles, materials: new MaterialService(tx, materialFiles, videoMaxMb ? { sizeLimits: { video: videoMaxMb * 1024 * 1024 } } : {}) };
}

/** Backups (issue 5, point 8): the SQLite file through the online backup API; on PostgreSQL refused with BACKUP_POSTGRES (pg_dump, README). */
function backupService(tx: KnexTransactor, dataDir: string, db: Database): BackupService {
  const engine = db.dialect === 'sqlite' ? new FsBackupEngine({ dataDir, database: 'phonghoc.sqlite', version: VERSION }) : null;
  return new BackupService({ tx, engine, log: (m, err) => console.error(`[backup] ${m}`, err instanceof Error ? err.message : (err ?? '')) });
}
