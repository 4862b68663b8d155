/** The curriculum (Art. 4.1): lessons/topics of a subject × grade in teaching order. Plain data. */

/** One lesson or topic of the programme, the thing materials, tasks, questions and live lessons link to. */
export interface CurriculumLesson {
  id: number;
  subjectId: number;
  subjectCode: string;
  subjectName: string;
  grade: number;
  /** Teaching order inside subject × grade: 1, 2, 3… with no gaps. */
  position: number;
  /** Chủ đề / chương the lesson belongs to, when the programme groups them. */
  chapter: string | null;
  title: string;
  /** Số tiết. */
  periods: number;
  /** Yêu cầu cần đạt (required outcomes), in the programme's order. */
  outcomes: string[];
  createdAt: string;
  updatedAt: string;
}

/** What a teacher types for a lesson. */
export interface LessonFields {
  chapter: string | null;
  title: string;
  periods: number;
  outcomes: string[];
}

/** How many records of other modules link to a lesson, by table. A lesson with links is not deleted. */
export type LessonLinks = Record<string, number>;

export interface CurriculumRepository {
  /** Lessons of a subject × grade ordered by position. */
  list(subjectId: number, grade: number): Promise<CurriculumLesson[]>;
  /** Lessons of several subject × grade pairs (export); all when `subjectIds` is undefined. */
  listMany(filter: { subjectIds?: number[]; grade?: number }): Promise<CurriculumLesson[]>;
  get(id: number): Promise<CurriculumLesson | undefined>;
  /** Adds a lesson after the last one of its subject × grade; returns its id. */
  append(subjectId: number, grade: number, fields: LessonFields, now: string): Promise<number>;
  update(id: number, fields: LessonFields, now: string): Promise<void>;
  /**
   * Gives the lessons of a subject × grade the positions 1..n in the order of `orderedIds`
   * (which must list every lesson of that subject × grade exactly once).
   */
  renumber(subjectId: number, grade: number, orderedIds: number[], now: string): Promise<void>;
  delete(id: number): Promise<void>;
  /** Records of other modules linking to each of the lessons (only lessons with links appear). */
  links(ids: number[]): Promise<Map<number, LessonLinks>>;
}
