/** Learning progress per student × material (Art. 5.3, 9.2.c): plain data, no framework types. */

export interface ProgressRecord {
  id: number;
  studentId: number;
  materialId: number;
  firstOpenedAt: string;
  lastSeenAt: string;
  openCount: number;
  activeMs: number;
  creditedUntil: string;
  completedAt: string | null;
  bestScore: number | null;
  lastScore: number | null;
  scoreCount: number;
  scoredAt: string | null;
}

export type ProgressEvent =
  | { type: 'opened' }
  | { type: 'heartbeat'; seconds: number }
  | { type: 'completed'; contentId?: string }
  | { type: 'score'; contentId?: string; completed: boolean; score: { raw?: number; max?: number; scaled?: number } };

/** A material as the progress pages show it; `known` is false when the materials module cannot describe it. */
export interface MaterialInfo {
  id: number;
  title: string;
  subjectId: number | null;
  grade: number | null;
  curriculumLessonId: number | null;
  known: boolean;
}

/**
 * What the materials module tells progress (Art. 7.3: students only ever see approved, published
 * materials of their grade). 'unchecked' only while the materials module is not installed.
 */
export type MaterialAccess = 'visible' | 'not_visible' | 'missing' | 'unchecked';

export interface QuizSummary {
  id: number;
  title: string;
  questions?: { position: number; label: string; correctRate: number | null; answered: number }[];
}

export interface ProgressRepository {
  get(studentId: number, materialId: number): Promise<ProgressRecord | undefined>;
  insert(r: Omit<ProgressRecord, 'id'>): Promise<number>;
  update(id: number, patch: Partial<Omit<ProgressRecord, 'id' | 'studentId' | 'materialId'>>): Promise<void>;
  /** Records of these students (optionally only these materials). */
  forStudents(studentIds: number[], materialIds?: number[]): Promise<ProgressRecord[]>;
  /** Can this student (of this grade) see this material? */
  materialAccess(materialId: number, student: { grade: number | null }): Promise<MaterialAccess>;
  /** Published materials of a subject × grade, in lesson order; null when the materials module is not installed. */
  publishedMaterials(subjectId: number, grade: number): Promise<MaterialInfo[] | null>;
  describeMaterials(ids: number[]): Promise<Map<number, MaterialInfo>>;
  /** Quizzes of a class × subject with per-question results; null when the quizzes module is not installed. */
  classQuizzes(classId: number, subjectId: number): Promise<QuizSummary[] | null>;
}
