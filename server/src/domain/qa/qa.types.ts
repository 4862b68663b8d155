/** Questions and answers of a class × subject (Art. 5.2, 9.2): plain data, no framework types. */

export interface Moderation {
  hiddenAt: string | null;
  hiddenById: number | null;
  hiddenReason: string | null;
}

export interface QaQuestion extends Moderation {
  id: number;
  classId: number;
  subjectId: number;
  authorId: number;
  authorName: string;
  curriculumLessonId: number | null;
  lessonTitle: string | null;
  title: string;
  body: string;
  createdAt: string;
  updatedAt: string;
  lastActivityAt: string;
  /** Visible answers. */
  answerCount: number;
  bestAnswerId: number | null;
  pinned: boolean;
  lockedAt: string | null;
}

export interface QaAnswer extends Moderation {
  id: number;
  questionId: number;
  authorId: number;
  authorName: string;
  body: string;
  createdAt: string;
}

export interface QaRepository {
  listQuestions(classId: number, subjectId: number): Promise<QaQuestion[]>;
  getQuestion(id: number): Promise<QaQuestion | undefined>;
  answers(questionId: number): Promise<QaAnswer[]>;
  getAnswer(id: number): Promise<QaAnswer | undefined>;
  createQuestion(q: { classId: number; subjectId: number; authorId: number; curriculumLessonId: number | null; title: string; body: string; at: string }): Promise<number>;
  createAnswer(a: { questionId: number; authorId: number; body: string; at: string }): Promise<number>;
  updateQuestion(id: number, patch: Partial<Pick<QaQuestion, 'bestAnswerId' | 'pinned' | 'lockedAt' | 'hiddenAt' | 'hiddenById' | 'hiddenReason' | 'lastActivityAt' | 'answerCount'>> & { lockedById?: number | null }): Promise<void>;
  updateAnswer(id: number, patch: Partial<Pick<QaAnswer, 'hiddenAt' | 'hiddenById' | 'hiddenReason'>>): Promise<void>;
  /** Visible answers of a question (after hiding or showing one). */
  countVisibleAnswers(questionId: number): Promise<number>;
  /** How many questions and answers a person posted since an instant (rate limit). */
  postsSince(authorId: number, since: string): Promise<{ questions: number; answers: number }>;
  /** Per subject of a class: visible questions, and those without a visible answer. */
  counts(classId: number): Promise<{ subjectId: number; questions: number; unanswered: number }[]>;
  lesson(id: number): Promise<{ id: number; subjectId: number; grade: number; title: string } | undefined>;
}
