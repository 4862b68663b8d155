/** Teaching plans (Art. 8.1.c, 15.1.b): plain data and the repository the service uses. */
import type { PlanMode, PlanReview, PlanStatus, PlanVersionSummary, ReviewAction } from '../../contracts/teaching-plans.schema.js';

export interface PlanRow {
  id: number;
  classId: number;
  className: string;
  grade: number;
  subjectId: number;
  subjectName: string;
  subjectGroupId: number | null;
  groupLeaderId: number | null;
  schoolYearId: number;
  schoolYearName: string;
  semesterId: number | null;
  semesterNumber: number | null;
  createdBy: number;
  createdAt: string;
}

export interface VersionRow extends PlanVersionSummary {
  planId: number;
  note: string;
}

export interface StoredWeek {
  week: number;
  periods: number;
  mode: PlanMode;
  lessonIds: number[];
  content: string;
  materials: string;
  tasks: string;
}

/** A lesson held for a class × subject: a live lesson that started, or an in-person lesson marked taught. */
export interface HeldRecord {
  classId: number;
  subjectId: number;
  source: 'live' | 'in_person';
  liveLessonId: number | null;
  curriculumLessonId: number | null;
  title: string;
  mode: PlanMode;
  /** The instant it started (live) or the school day it was taught (in person, 'YYYY-MM-DD'). */
  at: string;
}

export interface TeachingPlanRepository {
  findPlan(classId: number, subjectId: number, schoolYearId: number, periodKey: string): Promise<number | undefined>;
  createPlan(p: { classId: number; subjectId: number; schoolYearId: number; semesterId: number | null; periodKey: string; createdBy: number; createdAt: string }): Promise<number>;
  getPlan(id: number): Promise<PlanRow | undefined>;
  listPlans(filter: { schoolYearId?: number; classId?: number; subjectId?: number; classIds?: number[] }): Promise<PlanRow[]>;

  versions(planIds: number[]): Promise<VersionRow[]>;
  getVersion(id: number): Promise<VersionRow | undefined>;
  createVersion(v: { planId: number; number: number; authorId: number; note: string; at: string }): Promise<number>;
  updateVersion(id: number, patch: { status?: PlanStatus; note?: string; updatedAt: string; submittedAt?: string | null; approvedAt?: string }): Promise<void>;

  weeks(versionId: number): Promise<StoredWeek[]>;
  /** Week × lesson pairs of several versions (plan versus actual over many plans). */
  weekLessons(versionIds: number[]): Promise<{ versionId: number; week: number; lessonId: number }[]>;
  replaceWeeks(versionId: number, weeks: StoredWeek[]): Promise<void>;

  addReview(r: { versionId: number; action: ReviewAction; fromStatus: PlanStatus; toStatus: PlanStatus; actorId: number; at: string; comment: string | null }): Promise<number>;
  reviews(versionId: number): Promise<PlanReview[]>;

  /** Lessons held for these classes (optionally one subject) between two school days inclusive. */
  held(filter: { classIds: number[]; subjectId?: number; from: string; to: string }): Promise<HeldRecord[]>;
  markTaught(t: { classId: number; subjectId: number; curriculumLessonId: number; taughtOn: string; recordedBy: number; at: string }): Promise<void>;
  unmarkTaught(classId: number, subjectId: number, curriculumLessonId: number): Promise<boolean>;
  /** Published materials whose published version links to these lessons. */
  publishedMaterials(lessonIds: number[]): Promise<{ id: number; title: string; curriculumLessonId: number }[]>;
  /** Tasks (not deleted) of the class × subject opening between two instants. */
  tasks(classId: number, subjectId: number, fromInstant: string, toInstant: string): Promise<{ id: number; title: string; curriculumLessonId: number | null; opensAt: string }[]>;
  personName(id: number): Promise<string | null>;
}
