import type { Actor } from '../accounts/account.types.js';
import type { Repos, Transactor } from '../repos.js';
import { DomainError } from '../shared/errors.js';
import { roleInSpace, spacesOf, type ClassSpace, type SpaceChoice, type SpaceRole, type SpaceViewer } from './class-space.js';
import { cleanText, cleanTitle, isUnanswered, POST_WINDOW_MINUTES, sortThreads, tooManyPosts } from './qa-rules.js';
import type { QaAnswer, QaQuestion } from './qa.types.js';

export type QaActor = Actor & SpaceViewer;

export interface QuestionView {
  id: number;
  classId: number;
  subjectId: number;
  authorId: number;
  authorName: string;
  byTeacher: boolean;
  mine: boolean;
  curriculumLessonId: number | null;
  lessonTitle: string | null;
  title: string;
  body: string;
  createdAt: string;
  lastActivityAt: string;
  answerCount: number;
  bestAnswerId: number | null;
  pinned: boolean;
  locked: boolean;
  unanswered: boolean;
  hidden: boolean;
  /** The teacher's reason; shown to the teacher, managers and the author. */
  hiddenReason: string | null;
}

export interface AnswerView {
  id: number;
  authorId: number;
  authorName: string;
  byTeacher: boolean;
  mine: boolean;
  body: string;
  createdAt: string;
  best: boolean;
  hidden: boolean;
  hiddenReason: string | null;
}

export interface SpaceView {
  classId: number;
  className: string;
  grade: number;
  subjectId: number;
  subjectName: string;
  teacherId: number;
  myRole: SpaceRole;
}

const spaceView = (s: ClassSpace, myRole: SpaceRole): SpaceView => ({
  classId: s.classId, className: s.className, grade: s.grade, subjectId: s.subjectId, subjectName: s.subjectName, teacherId: s.teacherId, myRole,
});

/** Who sees hidden content: the teacher of the space and managers keep the record; the author sees their own. */
const seesHidden = (role: SpaceRole) => role === 'teacher' || role === 'manager';

/**
 * Questions and answers per class × subject (Art. 5.2: students ask and answer the teacher and
 * other students; Art. 5.3, 9.2.a: the teacher advises, answers and moderates). Everything is
 * plain text. Moderation hides rather than deletes: hidden content stays for the record.
 */
export class QaService {
  constructor(private readonly tx: Transactor, private readonly now: () => Date = () => new Date()) {}

  spaces(viewer: SpaceViewer): Promise<SpaceChoice[]> {
    return this.tx.read((r) => spacesOf(r.classSpaces, viewer));
  }

  /** The questions of a class × subject; the teacher sees unanswered ones first (Art. 5.3). */
  async list(viewer: SpaceViewer, classId: number, subjectId: number, filter: 'all' | 'unanswered' | 'mine' = 'all') {
    return this.tx.read(async (r) => {
      const { space, role } = await roleInSpace(r.classSpaces, viewer, classId, subjectId);
      let questions = (await r.qa.listQuestions(classId, subjectId)).filter((q) => !q.hiddenAt || seesHidden(role) || q.authorId === viewer.personId);
      if (filter === 'unanswered') questions = questions.filter(isUnanswered);
      if (filter === 'mine') questions = questions.filter((q) => q.authorId === viewer.personId);
      const views = sortThreads(questions, role === 'teacher').map((q) => questionView(q, space, role, viewer));
      return { space: spaceView(space, role), questions: views, unanswered: questions.filter(isUnanswered).length };
    });
  }

  /** A thread with its answers. */
  async thread(viewer: SpaceViewer, questionId: number) {
    return this.tx.read(async (r) => {
      const { q, space, role } = await this.openQuestion(r, viewer, questionId);
      const answers = (await r.qa.answers(q.id)).filter((a) => !a.hiddenAt || seesHidden(role) || a.authorId === viewer.personId);
      return { space: spaceView(space, role), question: questionView(q, space, role, viewer), answers: answers.map((a) => answerView(a, q, space, role, viewer)) };
    });
  }

  /** Students ask (Art. 5.2), optionally about a lesson of the curriculum. */
  async ask(actor: QaActor, classId: number, subjectId: number, input: { title: string; body: string; curriculumLessonId?: number | null }): Promise<number> {
    const title = cleanTitle(input.title);
    const body = cleanText(input.body);
    if (title.length < 3) throw new DomainError('VALIDATION_FAILED', { field: 'title', reason: 'too_short' });
    if (!body) throw new DomainError('VALIDATION_FAILED', { field: 'body', reason: 'empty' });
    return this.tx.run(async (r) => {
      const { space, role } = await roleInSpace(r.classSpaces, actor, classId, subjectId);
      if (role !== 'student') throw new DomainError('FORBIDDEN', { reason: 'students_ask' });
      const lessonId = input.curriculumLessonId ?? null;
      if (lessonId !== null) {
        const lesson = await r.qa.lesson(lessonId);
        if (!lesson || lesson.subjectId !== subjectId || lesson.grade !== space.grade) throw new DomainError('QA_LESSON_MISMATCH', { curriculumLessonId: lessonId });
      }
      await this.limitPosting(r, actor, 'question');
      const at = this.now().toISOString();
      const id = await r.qa.createQuestion({ classId, subjectId, authorId: actor.personId, curriculumLessonId: lessonId, title, body, at });
      await r.audit.record(actor, 'qa.question.asked', 'qa_question', id, { classId, subjectId, title });
      return id;
    });
  }

  /** The teacher and the class's students answer (Art. 5.2). */
  async answer(actor: QaActor, questionId: number, rawBody: string): Promise<number> {
    const body = cleanText(rawBody);
    if (!body) throw new DomainError('VALIDATION_FAILED', { field: 'body', reason: 'empty' });
    return this.tx.run(async (r) => {
      const { q, role } = await this.openQuestion(r, actor, questionId);
      if (role === 'manager') throw new DomainError('FORBIDDEN', { reason: 'class_members_answer' });
      if (q.hiddenAt) throw new DomainError('QA_HIDDEN', { questionId });
      if (q.lockedAt && role !== 'teacher') throw new DomainError('QA_THREAD_LOCKED', { questionId });
      await this.limitPosting(r, actor, 'answer');
      const at = this.now().toISOString();
      const id = await r.qa.createAnswer({ questionId, authorId: actor.personId, body, at });
      await r.qa.updateQuestion(questionId, { lastActivityAt: at, answerCount: await r.qa.countVisibleAnswers(questionId) });
      await r.audit.record(actor, 'qa.answer.posted', 'qa_answer', id, { questionId });
      return id;
    });
  }

  /** Only the teacher of that class × subject marks the best answer (or clears it with null). */
  async setBest(actor: QaActor, questionId: number, answerId: number | null): Promise<void> {
    await this.moderate(actor, questionId, async (r, q) => {
      if (answerId !== null) {
        const a = await r.qa.getAnswer(answerId);
        if (!a || a.questionId !== q.id || a.hiddenAt) throw new DomainError('QA_BEST_ANSWER_INVALID', { questionId, answerId });
      }
      await r.qa.updateQuestion(q.id, { bestAnswerId: answerId });
      return ['qa.best_answer.set', { answerId }];
    });
  }

  async hideQuestion(actor: QaActor, questionId: number, reason: string): Promise<void> {
    const why = cleanTitle(reason);
    if (why.length < 3) throw new DomainError('VALIDATION_FAILED', { field: 'reason', reason: 'too_short' });
    await this.moderate(actor, questionId, async (r, q) => {
      await r.qa.updateQuestion(q.id, { hiddenAt: this.now().toISOString(), hiddenById: actor.personId, hiddenReason: why });
      return ['qa.question.hidden', { reason: why }];
    });
  }

  async showQuestion(actor: QaActor, questionId: number): Promise<void> {
    await this.moderate(actor, questionId, async (r, q) => {
      await r.qa.updateQuestion(q.id, { hiddenAt: null, hiddenById: null, hiddenReason: null });
      return ['qa.question.shown', { previousReason: q.hiddenReason }];
    });
  }

  async setLocked(actor: QaActor, questionId: number, locked: boolean): Promise<void> {
    await this.moderate(actor, questionId, async (r, q) => {
      await r.qa.updateQuestion(q.id, locked ? { lockedAt: this.now().toISOString(), lockedById: actor.personId } : { lockedAt: null, lockedById: null });
      return [locked ? 'qa.question.locked' : 'qa.question.unlocked', {}];
    });
  }

  async setPinned(actor: QaActor, questionId: number, pinned: boolean): Promise<void> {
    await this.moderate(actor, questionId, async (r, q) => {
      await r.qa.updateQuestion(q.id, { pinned });
      return [pinned ? 'qa.question.pinned' : 'qa.question.unpinned', {}];
    });
  }

  /** Hide an answer with a reason (kept for the record); a hidden best answer stops being the best. */
  async hideAnswer(actor: QaActor, answerId: number, reason: string): Promise<void> {
    const why = cleanTitle(reason);
    if (why.length < 3) throw new DomainError('VALIDATION_FAILED', { field: 'reason', reason: 'too_short' });
    await this.moderateAnswer(actor, answerId, async (r, a, q) => {
      await r.qa.updateAnswer(a.id, { hiddenAt: this.now().toISOString(), hiddenById: actor.personId, hiddenReason: why });
      await r.qa.updateQuestion(q.id, { answerCount: await r.qa.countVisibleAnswers(q.id), ...(q.bestAnswerId === a.id ? { bestAnswerId: null } : {}) });
      return ['qa.answer.hidden', { questionId: q.id, reason: why }];
    });
  }

  async showAnswer(actor: QaActor, answerId: number): Promise<void> {
    await this.moderateAnswer(actor, answerId, async (r, a, q) => {
      await r.qa.updateAnswer(a.id, { hiddenAt: null, hiddenById: null, hiddenReason: null });
      await r.qa.updateQuestion(q.id, { answerCount: await r.qa.countVisibleAnswers(q.id) });
      return ['qa.answer.shown', { questionId: q.id, previousReason: a.hiddenReason }];
    });
  }

  /** Counts per subject of a class for its page: questions and those still waiting for an answer. */
  async counts(viewer: SpaceViewer, classId: number) {
    return this.tx.read(async (r) => {
      const spaces = await r.classSpaces.spaces({ classId });
      if (!spaces.length && !(await r.school.getClass(classId))) throw new DomainError('NOT_FOUND', { classId });
      const visible: (SpaceView & { questions: number; unanswered: number })[] = [];
      const counts = new Map((await r.qa.counts(classId)).map((c) => [c.subjectId, c]));
      for (const s of spaces) {
        let role: SpaceRole;
        try {
          role = (await roleInSpace(r.classSpaces, viewer, s.classId, s.subjectId)).role;
        } catch {
          continue; // a teacher of another subject of the class does not see this one
        }
        const c = counts.get(s.subjectId);
        visible.push({ ...spaceView(s, role), questions: c?.questions ?? 0, unanswered: c?.unanswered ?? 0 });
      }
      return visible;
    });
  }

  private async openQuestion(r: Repos, viewer: SpaceViewer, questionId: number) {
    const q = await r.qa.getQuestion(questionId);
    if (!q) throw new DomainError('NOT_FOUND', { questionId });
    const { space, role } = await roleInSpace(r.classSpaces, viewer, q.classId, q.subjectId);
    // A hidden question is gone for the class; its author and the teacher still see it.
    if (q.hiddenAt && !seesHidden(role) && q.authorId !== viewer.personId) throw new DomainError('NOT_FOUND', { questionId });
    return { q, space, role };
  }

  private async moderate(actor: QaActor, questionId: number, fn: (r: Repos, q: QaQuestion) => Promise<[string, Record<string, unknown>]>): Promise<void> {
    await this.tx.run(async (r) => {
      const { q, role } = await this.openQuestion(r, actor, questionId);
      if (role !== 'teacher') throw new DomainError('FORBIDDEN', { reason: 'only_the_teacher_of_this_class_and_subject' });
      const [action, details] = await fn(r, q);
      await r.audit.record(actor, action, 'qa_question', q.id, details);
    });
  }

  private async moderateAnswer(actor: QaActor, answerId: number, fn: (r: Repos, a: QaAnswer, q: QaQuestion) => Promise<[string, Record<string, unknown>]>): Promise<void> {
    await this.tx.run(async (r) => {
      const a = await r.qa.getAnswer(answerId);
      if (!a) throw new DomainError('NOT_FOUND', { answerId });
      const { q, role } = await this.openQuestion(r, actor, a.questionId);
      if (role !== 'teacher') throw new DomainError('FORBIDDEN', { reason: 'only_the_teacher_of_this_class_and_subject' });
      const [action, details] = await fn(r, a, q);
      await r.audit.record(actor, action, 'qa_answer', a.id, details);
    });
  }

  /** Students are limited (a flood would drown the class's questions); the teacher is not. */
  private async limitPosting(r: Repos, actor: QaActor, kind: 'question' | 'answer'): Promise<void> {
    if (actor.roles.includes('teacher')) return;
    const since = new Date(this.now().getTime() - POST_WINDOW_MINUTES * 60_000).toISOString();
    if (tooManyPosts(kind, await r.qa.postsSince(actor.personId, since))) throw new DomainError('QA_TOO_MANY_POSTS', { windowMinutes: POST_WINDOW_MINUTES });
  }
}

function questionView(q: QaQuestion, space: ClassSpace, role: SpaceRole, viewer: SpaceViewer): QuestionView {
  const mine = q.authorId === viewer.personId;
  return {
    id: q.id, classId: q.classId, subjectId: q.subjectId, authorId: q.authorId, authorName: q.authorName, byTeacher: q.authorId === space.teacherId, mine,
    curriculumLessonId: q.curriculumLessonId, lessonTitle: q.lessonTitle, title: q.title, body: q.body, createdAt: q.createdAt, lastActivityAt: q.lastActivityAt,
    answerCount: q.answerCount, bestAnswerId: q.bestAnswerId, pinned: q.pinned, locked: !!q.lockedAt, unanswered: isUnanswered(q),
    hidden: !!q.hiddenAt, hiddenReason: q.hiddenAt && (seesHidden(role) || mine) ? q.hiddenReason : null,
  };
}

function answerView(a: QaAnswer, q: QaQuestion, space: ClassSpace, role: SpaceRole, viewer: SpaceViewer): AnswerView {
  const mine = a.authorId === viewer.personId;
  return {
    id: a.id, authorId: a.authorId, authorName: a.authorName, byTeacher: a.authorId === space.teacherId, mine, body: a.body, createdAt: a.createdAt,
    best: q.bestAnswerId === a.id, hidden: !!a.hiddenAt, hiddenReason: a.hiddenAt && (seesHidden(role) || mine) ? a.hiddenReason : null,
  };
}
