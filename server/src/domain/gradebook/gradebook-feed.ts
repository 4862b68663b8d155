import type { Repos } from '../repos.js';

/**
 * The gradebook's one entry point for scores that were not typed in by the teacher: a quiz, a
 * task or an H5P activity whose teacher chose a gradebook column (Circular 22/2021 Art. 6–7;
 * Circular 27/2020 for primary). Implemented by the gradebook module; quizzes, tasks and H5P
 * call it inside their own transaction (`repos`), so a grade and its source commit together.
 */

/** A column of a subject's gradebook for one semester. */
export type GradeColumn =
  | { kind: 'regular'; slot: number } // đánh giá thường xuyên, slot 1..n (n from the subject's periods per year)
  | { kind: 'midterm' } // đánh giá giữa kì
  | { kind: 'endterm' }; // đánh giá cuối kì

/** Where a teacher sends an activity's scores: a semester and a column. Null: not to the gradebook. */
export interface GradebookTarget {
  semesterId: number;
  column: GradeColumn;
}

export interface ActivityScore {
  studentId: number; // people.id
  subjectId: number;
  target: GradebookTarget;
  /** On the 10-point scale, not yet rounded (the gradebook rounds by its rules). */
  score: number;
  source: { kind: 'quiz' | 'task' | 'h5p'; id: number };
  /** people.id of whoever caused it (the grading teacher), or null when automatic (quiz, H5P). */
  recordedById: number | null;
}

export interface GradebookFeed {
  /**
   * Writes or replaces the score of (student, subject, semester, column) that came from this
   * source. Throws DomainError when the semester is locked or the column does not exist for the
   * subject; the caller's transaction then rolls back or the caller catches and reports.
   */
  record(repos: Repos, score: ActivityScore): Promise<void>;
}
