import type { CognitiveLevel, MatrixCount, Question, QuestionContent, QuestionFilter, QuestionType } from './question.types.js';

/** A question as written to the store (the repository computes nothing but the JSON). */
export type QuestionRow = {
  subjectId: number;
  grade: number;
  curriculumLessonId: number | null;
  level: CognitiveLevel;
  stem: string;
  points: number;
  /** Folded stem + options (foldVietnamese), for diacritic-free search. */
  searchText: string;
} & QuestionContent;

export interface DrawFilter {
  subjectId: number;
  grade: number;
  /** Lessons to draw from; null or absent: any lesson (and questions with no lesson). */
  curriculumLessonIds?: number[] | null;
  level?: CognitiveLevel;
  types?: QuestionType[];
}

/** Art. 7.3 / 8.1.c: the question bank. */
export interface QuestionRepository {
  create(row: QuestionRow & { authorId: number | null; at: string }): Promise<number>;
  update(id: number, row: QuestionRow & { at: string }): Promise<void>;
  get(id: number): Promise<Question | undefined>;
  /** The questions with these ids (archived included: a quiz may hold one), in the order of `ids`; unknown ids are skipped. */
  getMany(ids: number[]): Promise<Question[]>;
  /** Newest first. */
  list(filter: QuestionFilter): Promise<{ items: Question[]; total: number }>;
  /** Ids of non-archived questions matching the filter, ascending: the pool a quiz draws from. */
  drawIds(filter: DrawFilter): Promise<number[]>;
  /** Non-archived counts per lesson × level × type of a subject and grade (for the quiz matrix). */
  matrixCounts(subjectId: number, grade: number): Promise<MatrixCount[]>;
  setArchived(id: number, at: string | null): Promise<void>;
  delete(id: number): Promise<void>;
  /** A quiz used these questions: they can then only be archived (first use is kept). */
  markUsed(ids: number[], at: string): Promise<void>;
}
