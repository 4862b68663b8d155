import type { Actor } from '../accounts/account.types.js';
import type { Role } from '../people/person.types.js';
import type { GradeColumn, GradebookTarget } from '../gradebook/gradebook-feed.js';

/** Who acts on H5P content: the audit actor plus the person and roles the scope rules need. */
export interface H5pActor extends Actor {
  personId: number;
  roles: readonly Role[];
  fullName?: string;
}

/** One entry of a .h5p (zip) central directory, as read before anything is extracted. */
export interface ZipEntryInfo {
  path: string;
  isDirectory: boolean;
  isSymlink: boolean;
  compressedSize: number;
  uncompressedSize: number;
}

/** A library's identity: machine name and version (H5P's "uber name" is `Machine major.minor`). */
export interface LibraryVersion {
  machineName: string;
  majorVersion: number;
  minorVersion: number;
  patchVersion: number;
}

export interface LibraryRef {
  machineName: string;
  majorVersion: number;
  minorVersion: number;
}

export interface InstalledLibrary extends LibraryVersion {
  id: number;
  title: string;
  runnable: boolean;
  installedAt: string;
  updatedAt: string;
}

/** What a validated package will do; nothing is written until the whole plan is known. */
export interface PackagePlan {
  title: string;
  language: string;
  /** `H5P.Foo 1.2` */
  mainLibrary: string;
  /** Every library the content needs (uber names), in or outside the package. */
  usedLibraries: string[];
  /** Libraries of the package to write: new ones and upgrades (newer patch). */
  install: (LibraryVersion & { folder: string; title: string; runnable: boolean; upgradeFrom: number | null })[];
  /** Package libraries already installed at the same version (not written again). */
  keep: string[];
  /** Zip paths of the content (`content/…`) and `h5p.json`. */
  contentFiles: string[];
  /** Library folders' files to extract, by folder. */
  libraryFiles: Record<string, string[]>;
  totalBytes: number;
}

export interface H5pContent {
  id: number;
  title: string;
  mainLibrary: string;
  language: string;
  libraries: string[];
  fileName: string | null;
  sizeBytes: number;
  subjectId: number | null;
  curriculumLessonId: number | null;
  uploadedById: number;
  uploadedByName: string;
  createdAt: string;
  deletedAt: string | null;
}

export type ScorePolicy = 'best' | 'last';

export interface H5pActivityInput {
  contentId: number;
  classId: number;
  subjectId: number;
  curriculumLessonId: number | null;
  dueOn: string | null;
  gradebook: GradebookTarget | null;
  scorePolicy: ScorePolicy;
}

export interface H5pActivity extends H5pActivityInput {
  id: number;
  contentTitle: string;
  className: string;
  subjectName: string;
  createdById: number;
  createdAt: string;
  removedAt: string | null;
}

export interface H5pResult {
  contentId: number;
  studentId: number;
  attempts: number;
  last: { raw: number; max: number; scaled: number; at: string };
  best: { raw: number; max: number; scaled: number; at: string };
  completedAt: string | null;
}

/** A statement after validation; the actor is never the client's. */
export interface CheckedStatement {
  verb: string;
  score: { raw: number; max: number; scaled: number } | null;
  completed: boolean;
  /** False for statements of a sub-content (they carry a parent activity). */
  topLevel: boolean;
  statement: Record<string, unknown>;
}

export interface StatementRow {
  id: number;
  verb: string;
  scoreRaw: number | null;
  scoreMax: number | null;
  completed: boolean;
  createdAt: string;
}

export interface H5pRepository {
  installedLibraries(): Promise<InstalledLibrary[]>;
  upsertLibrary(l: LibraryVersion & { title: string; runnable: boolean }, at: string): Promise<void>;

  createContent(c: { title: string; mainLibrary: string; language: string; libraries: string[]; fileName: string | null; sizeBytes: number; subjectId: number | null; curriculumLessonId: number | null; uploadedById: number; createdAt: string }): Promise<number>;
  getContent(id: number): Promise<H5pContent | undefined>;
  listContents(filter: { ids?: number[] }): Promise<H5pContent[]>;
  softDeleteContent(id: number, at: string): Promise<void>;
  /** After a save in the editor (Art. 9.3): what the content now is. */
  updateContent(id: number, c: { title: string; mainLibrary: string; language: string; libraries: string[]; sizeBytes: number; subjectId: number | null; curriculumLessonId: number | null }): Promise<void>;

  /** Content ids a student may open: assigned (not removed) to a class the student is enrolled in. */
  contentIdsForStudent(studentId: number): Promise<number[]>;

  createActivity(a: H5pActivityInput & { createdById: number; createdAt: string }): Promise<number>;
  getActivity(id: number): Promise<H5pActivity | undefined>;
  listActivities(filter: { classIds?: number[]; contentId?: number; createdById?: number; includeRemoved?: boolean }): Promise<H5pActivity[]>;
  removeActivity(id: number, at: string): Promise<void>;
  /** Active activities of a content for the classes a student is enrolled in. */
  activitiesForStudent(contentId: number, studentId: number): Promise<H5pActivity[]>;

  addStatement(s: { contentId: number; personId: number; verb: string; scoreRaw: number | null; scoreMax: number | null; completed: boolean; statement: string; createdAt: string }): Promise<number>;
  lastStatement(contentId: number, personId: number): Promise<StatementRow | undefined>;
  statements(contentId: number, personId: number, limit: number): Promise<StatementRow[]>;

  getState(contentId: number, personId: number, dataType: string, subContentId: string): Promise<{ data: string; updatedAt: string } | undefined>;
  saveState(contentId: number, personId: number, dataType: string, subContentId: string, data: string, at: string): Promise<void>;
  deleteState(contentId: number, personId: number, dataType: string, subContentId: string): Promise<void>;

  /** The latest and best result of a student for a content (null if none yet). */
  latestResult(contentId: number, studentId: number): Promise<H5pResult | null>;
  saveResult(r: H5pResult): Promise<void>;
  resultsForContent(contentId: number, studentIds?: number[]): Promise<H5pResult[]>;
  classStudents(classId: number): Promise<{ id: number; fullName: string }[]>;
  /** Enrolment + teaching: whether the teacher teaches this subject in this class. */
  teaches(teacherId: number, classId: number, subjectId: number): Promise<boolean>;
  lessonSubject(lessonId: number): Promise<{ subjectId: number } | undefined>;
  /** Classes a teacher teaches (any subject) or is homeroom teacher of. */
  teacherClassIds(teacherId: number): Promise<number[]>;
}

/** A validated package being written: staged in a temporary folder, then moved into place. */
export interface StagedPackage {
  /** Moves libraries and the content folder into place; remembers what it replaced. */
  commit(contentId: number): Promise<void>;
  /** Undoes `commit` (restores replaced libraries) and removes the staging folder. */
  rollback(): Promise<void>;
  /** Removes the staging folder and the replaced libraries' backups. */
  finish(): Promise<void>;
}

/** The opened package (read in memory, nothing extracted yet). */
export interface OpenedPackage {
  entries: ZipEntryInfo[];
  /** Reads a small text file of the package (JSON metadata), capped at `maxBytes`. */
  text(path: string, maxBytes: number): Promise<string | undefined>;
}

/** The file side of H5P: reading packages and writing them under `<dataDir>/h5p/`. */
export interface H5pFiles {
  open(data: Buffer): Promise<OpenedPackage>;
  /** Extracts only the plan's files into a staging folder, checking real sizes against declared ones. */
  stage(pkg: OpenedPackage, plan: PackagePlan): Promise<StagedPackage>;
  /** File extensions allowed for content files and for library files (H5P's allowlists). */
  allowlist(): Promise<{ content: string[]; library: string[] }>;
}

export type { GradeColumn, GradebookTarget };

/** The person the H5P editor works for (h5p-server's IUser). */
export interface H5pEditorUser {
  id: string;
  name: string;
  email: string;
  type: 'local';
}

/** A save's files written into `content/<id>/`; undone if the transaction fails. */
export interface WrittenContent {
  /** Every library the content uses (uber names) and the size on disk. */
  libraries: string[];
  sizeBytes: number;
  undo(): Promise<void>;
  finish(): Promise<void>;
}

/**
 * The H5P editor engine (@lumieducation/h5p-server's H5PEditor and H5PAjaxEndpoint over the
 * project's folders), only built when the core and editor files are installed.
 */
export interface H5pEditorEngine {
  /** The editor model: the integration object (H5PIntegration with its `editor` part), scripts and styles. */
  model(contentId: number | undefined, language: string, user: H5pEditorUser): Promise<{ integration: unknown; scripts: string[]; styles: string[] }>;
  ajaxGet(action: string, q: { machineName?: string; majorVersion?: string; minorVersion?: string; language: string }, user: H5pEditorUser): Promise<unknown>;
  ajaxPost(action: string, body: Record<string, unknown>, language: string, user: H5pEditorUser, file?: { data: Buffer; mimetype: string; name: string; size: number }, contentId?: string): Promise<unknown>;
  /** semantics.json of an installed library (undefined if not installed). */
  semantics(lib: LibraryRef): Promise<unknown[] | undefined>;
  /** Params, metadata and library of a saved content, for editing. */
  content(contentId: number, user: H5pEditorUser): Promise<{ library: string; params: unknown; metadata: Record<string, unknown> }>;
  /** Writes content.json, h5p.json and the editor's uploaded files into `content/<id>/`. */
  write(contentId: number, isNew: boolean, library: string, params: Record<string, unknown>, metadata: Record<string, unknown>, user: H5pEditorUser): Promise<WrittenContent>;
  /** A temporary file uploaded in the editor (before the content is saved). */
  temporaryFile(name: string, user: H5pEditorUser): Promise<{ stream: NodeJS.ReadableStream; mimetype: string; size: number } | undefined>;
}
