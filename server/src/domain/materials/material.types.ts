import type { Role } from '../people/person.types.js';

/** The five kinds of learning materials of Art. 7.1. */
export const MATERIAL_KINDS = ['lecture', 'practice_guide', 'simulation', 'exercise_bank', 'reference'] as const;
export type MaterialKind = (typeof MATERIAL_KINDS)[number];

/** Where a version stands in the approval workflow (Art. 7.3). */
export const VERSION_STATUSES = ['draft', 'submitted', 'passed', 'published', 'returned', 'superseded'] as const;
export type VersionStatus = (typeof VERSION_STATUSES)[number];

export type ReviewAction = 'create' | 'submit' | 'pass' | 'approve' | 'return';

export type FileCategory = 'video' | 'audio' | 'pdf' | 'image' | 'office';
export type ContentType = 'file' | 'page';

export interface MaterialActor {
  accountId: number | null;
  login: string | null;
  ip: string | null;
  personId: number;
  roles: readonly Role[];
}

export interface MaterialMeta {
  curriculumLessonId: number | null;
  title: string;
  description: string;
  author: string;
  source: string;
  licence: string;
}

export interface MaterialFile {
  id: number;
  materialId: number;
  path: string;
  fileName: string;
  mime: string;
  category: FileCategory;
  size: number;
  uploadedBy: number;
  createdAt: string;
}

export interface MaterialVersion extends MaterialMeta {
  id: number;
  materialId: number;
  number: number;
  status: VersionStatus;
  curriculumLessonTitle: string | null;
  contentType: ContentType;
  fileId: number | null;
  file: MaterialFile | null;
  pageHtml: string | null;
  createdBy: number;
  createdAt: string;
  updatedAt: string;
  submittedAt: string | null;
  publishedAt: string | null;
}

export interface Material {
  id: number;
  subjectId: number;
  subjectName: string;
  subjectGroupId: number | null;
  /** The leader of the subject's group (tổ trưởng chuyên môn), who passes a submitted version. */
  groupLeaderId: number | null;
  grade: number;
  kind: MaterialKind;
  ownerId: number;
  ownerName: string;
  publishedVersionId: number | null;
  publishedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface ReviewStep {
  id: number;
  versionId: number;
  versionNumber: number;
  action: ReviewAction;
  fromStatus: VersionStatus | null;
  toStatus: VersionStatus;
  actorId: number;
  actorName: string;
  comment: string | null;
  at: string;
}

/** One row of the library or of a queue: a material seen through one of its versions. */
export interface MaterialSummary {
  id: number;
  versionId: number;
  versionNumber: number;
  status: VersionStatus;
  subjectId: number;
  subjectName: string;
  grade: number;
  kind: MaterialKind;
  curriculumLessonId: number | null;
  curriculumLessonTitle: string | null;
  title: string;
  description: string;
  author: string;
  licence: string;
  contentType: ContentType;
  fileCategory: FileCategory | null;
  ownerId: number;
  ownerName: string;
  updatedAt: string;
  publishedAt: string | null;
}

export interface LibraryFilter {
  subjectId?: number;
  grade?: number;
  /** Restrict to these grades (a student's classes). */
  grades?: number[];
  curriculumLessonId?: number;
  kind?: MaterialKind;
  /** Folded search text (no diacritics). */
  q?: string;
}

export interface NewVersionRow extends MaterialMeta {
  materialId: number;
  number: number;
  status: VersionStatus;
  searchKey: string;
  contentType: ContentType;
  fileId: number | null;
  pageHtml: string | null;
  createdBy: number;
  at: string;
}

export interface MaterialRepository {
  /** Page HTML of the published versions, of the given grades, that mention this H5P content id. */
  publishedPagesEmbedding(contentId: number, grades: number[]): Promise<string[]>;
  createMaterial(m: { subjectId: number; grade: number; kind: MaterialKind; ownerId: number; at: string }): Promise<number>;
  getMaterial(id: number): Promise<Material | undefined>;
  /** Locks the material row for the rest of the transaction where the dialect can (PostgreSQL). */
  lockMaterial(id: number): Promise<void>;
  setPublished(id: number, versionId: number, at: string): Promise<void>;
  touchMaterial(id: number, at: string): Promise<void>;

  createVersion(v: NewVersionRow): Promise<number>;
  getVersion(id: number): Promise<MaterialVersion | undefined>;
  versions(materialId: number): Promise<MaterialVersion[]>;
  updateVersion(id: number, v: Partial<MaterialMeta> & { searchKey?: string; fileId?: number | null; pageHtml?: string | null; at: string }): Promise<void>;
  setStatus(id: number, status: VersionStatus, at: string, extra?: { submittedAt?: string; publishedAt?: string }): Promise<void>;

  addFile(f: Omit<MaterialFile, 'id'>): Promise<number>;
  getFile(id: number): Promise<MaterialFile | undefined>;
  files(materialId: number): Promise<MaterialFile[]>;

  addReview(r: { materialId: number; versionId: number; action: ReviewAction; fromStatus: VersionStatus | null; toStatus: VersionStatus; actorId: number; comment: string | null; at: string }): Promise<number>;
  history(materialId: number): Promise<ReviewStep[]>;

  /** Published materials (their published version), filtered. */
  published(f: LibraryFilter): Promise<MaterialSummary[]>;
  /** The latest version of each material owned by this person. */
  ownLatest(ownerId: number, f: LibraryFilter): Promise<MaterialSummary[]>;
  /** The latest version of every material, filtered (principal's view). */
  allLatest(f: LibraryFilter): Promise<MaterialSummary[]>;
  /** Versions waiting in a status: all, those of the groups this person leads, or those of subjects whose group has no leader. */
  queue(status: VersionStatus, scope: 'all' | { leaderId: number } | { noLeader: true }): Promise<MaterialSummary[]>;

  /** Grades of the classes a student is enrolled in (the current school year when there is one). */
  studentGrades(studentId: number): Promise<number[]>;
  /** Grades of the classes of a parent's children. */
  childrenGrades(parentId: number): Promise<number[]>;
  /** Whether this staff member teaches the subject or belongs to its group. */
  teachesSubject(personId: number, subjectId: number): Promise<boolean>;
  subject(id: number): Promise<{ id: number; name: string; subjectGroupId: number | null; groupLeaderId: number | null } | undefined>;
  curriculumLesson(id: number): Promise<{ id: number; subjectId: number; grade: number; title: string } | undefined>;
  /** Subjects that have at least one published material in these grades (filters of the library). */
  subjectsWithPublished(grades: number[] | null): Promise<{ id: number; name: string }[]>;
  /** Grades the school teaches (from the subjects' grades). */
  schoolGrades(): Promise<number[]>;
  /** Subject groups this person leads. */
  ledGroupIds(personId: number): Promise<number[]>;
}

/** Where uploaded files live: a temp file first, moved in place only when everything is valid. */
export interface MaterialFileStore {
  /** Reads the first bytes of a received temp file (magic-byte check). */
  head(tempPath: string, bytes: number): Promise<Buffer>;
  /** Walks an office file's zip directory (zip bomb and path checks); returns the entry names. */
  zipEntries(tempPath: string, maxUncompressed: number): Promise<string[]>;
  /** Moves a temp file under the materials folder; returns the relative path. */
  commit(tempPath: string, materialId: number, ext: string): Promise<string>;
  /** Removes a committed file (after a failed transaction). Never throws. */
  remove(relativePath: string): Promise<void>;
  /** Removes a temp file. Never throws. */
  discard(tempPath: string): Promise<void>;
}

export interface ReceivedFile {
  tempPath: string;
  fileName: string;
  size: number;
}
