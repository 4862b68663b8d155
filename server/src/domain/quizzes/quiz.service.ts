import { DomainError } from '../shared/errors.js';
import type { Actor } from '../accounts/account.types.js';
import type { Repos, Transactor } from '../repos.js';
import { uncoveredByOnlineAssessment } from '../live/decision-rules.js';
import { schoolDate } from '../live/school-time.js';
import { checkQuizInput, matrixShortfalls, rowKey } from './quiz-rules.js';
import { isPeriodic, type Quiz, type QuizInput, type QuizViewer } from './quiz.types.js';

export type QuizActor = Actor & QuizViewer;

export const isManager = (v: QuizViewer) => v.roles.includes('principal') || v.roles.includes('vice_principal');
export const isStudent = (v: QuizViewer) => v.roles.includes('student');

/**
 * Quizzes and tests as teachers build them (Art. 6.1, 6.2): a matrix over the question bank, a
 * window, a time limit, attempts, feedback. The teachers of the subject in the classes create and
 * publish; the principal and vice principals see and manage all. A periodic test is published
 * only under the principal's online-assessment decision (Art. 6.2).
 */
export class QuizService {
  constructor(private readonly tx: Transactor, private readonly now: () => Date = () => new Date()) {}

  async list(viewer: QuizViewer, filter: { classId?: number; subjectId?: number } = {}): Promise<Quiz[]> {
    return this.tx.read(async (r) => {
      const base = { limit: 500, ...(filter.subjectId ? { subjectId: filter.subjectId } : {}) };
      if (isManager(viewer)) return r.quizzes.list({ ...base, ...(filter.classId ? { classIds: [filter.classId] } : {}) });
      if (isStudent(viewer)) {
        const mine = await r.quizzes.classIdsOfStudent(viewer.personId);
        const classIds = filter.classId ? mine.filter((c) => c === filter.classId) : mine;
        if (!classIds.length) return [];
        return r.quizzes.list({ ...base, classIds, status: 'published' });
      }
      const pairs = await r.quizzes.assignmentsOf(viewer.personId);
      return r.quizzes.list({ ...base, teacher: { personId: viewer.personId, pairs }, ...(filter.classId ? { classIds: [filter.classId] } : {}) });
    });
  }

  /** A quiz as its teacher or a manager sees it; a student of its classes sees it once published. */
  async get(viewer: QuizViewer, id: number): Promise<Quiz> {
    return this.tx.read(async (r) => {
      const quiz = await r.quizzes.get(id);
      if (!quiz) throw new DomainError('NOT_FOUND', { quizId: id });
      if (isStudent(viewer) && !isManager(viewer)) {
        const mine = await r.quizzes.classIdsOfStudent(viewer.personId);
        if (quiz.status !== 'published' || !quiz.classIds.some((c) => mine.includes(c))) throw new DomainError('NOT_FOUND', { quizId: id });
        return quiz;
      }
      await assertManages(r, viewer, quiz);
      return quiz;
    });
  }

  /** What the builder offers: the subject × classes the viewer may give quizzes to, and the semesters (gradebook target). */
  async options(viewer: QuizViewer): Promise<{ teaching: { classId: number; className: string; grade: number; subjectId: number; subjectName: string }[]; semesters: { id: number; number: number; yearName: string }[] }> {
    return this.tx.read(async (r) => {
      const year = await r.school.currentYear();
      if (!year) return { teaching: [], semesters: [] };
      const all = await r.school.listAssignments({ yearId: year.id, ...(isManager(viewer) ? {} : { teacherId: viewer.personId }) });
      const classes = new Map((await r.school.listClasses(year.id)).map((c) => [c.id, c]));
      const seen = new Set<string>();
      const teaching = all.filter((a) => !seen.has(`${a.classId}|${a.subjectId}`) && seen.add(`${a.classId}|${a.subjectId}`))
        .map((a) => ({ classId: a.classId, className: a.className, grade: classes.get(a.classId)?.grade ?? 0, subjectId: a.subjectId, subjectName: a.subjectName }))
        .sort((a, b) => a.subjectName.localeCompare(b.subjectName, 'vi') || a.className.localeCompare(b.className, 'vi', { numeric: true }));
      return { teaching, semesters: year.semesters.map((s) => ({ id: s.id, number: s.number, yearName: year.name })) };
    });
  }

  async create(actor: QuizActor, raw: QuizInput): Promise<number> {
    const input = normalize(raw);
    checkQuizInput(input);
    return this.tx.run(async (r) => {
      await assertMayTeach(r, actor, input);
      await assertBankHolds(r, input);
      const id = await r.quizzes.create({ ...input, createdById: actor.personId, at: this.now().toISOString() });
      await r.audit.record(actor, 'quiz.created', 'quiz', id, { title: input.title, kind: input.kind, classIds: input.classIds });
      return id;
    });
  }

  /** Changes a quiz while no student has started it. */
  async update(actor: QuizActor, id: number, raw: QuizInput): Promise<void> {
    const input = normalize(raw);
    checkQuizInput(input);
    await this.tx.run(async (r) => {
      const quiz = await r.quizzes.get(id);
      if (!quiz) throw new DomainError('NOT_FOUND', { quizId: id });
      await assertManages(r, actor, quiz);
      await assertMayTeach(r, actor, input);
      if ((await r.quizzes.listAttempts(id)).length) throw new DomainError('QUIZ_NOT_EDITABLE', { quizId: id });
      if (quiz.status === 'published' && isPeriodic(input.kind)) await coveringDecision(r, input);
      await assertBankHolds(r, input);
      await r.quizzes.update(id, { ...input, at: this.now().toISOString() });
      await r.audit.record(actor, 'quiz.updated', 'quiz', id, { title: input.title, kind: input.kind });
    });
  }

  /**
   * Gives the quiz to its classes. The bank must still fill every row; a periodic test needs an
   * active online-assessment decision of the principal covering its classes, subject and window
   * (Art. 6.2). The bank's questions of the matrix are marked used (then archived, never deleted).
   */
  async publish(actor: QuizActor, id: number): Promise<{ decisionId: number | null }> {
    return this.tx.run(async (r) => {
      const quiz = await r.quizzes.get(id);
      if (!quiz) throw new DomainError('NOT_FOUND', { quizId: id });
      await assertManages(r, actor, quiz);
      if (quiz.status === 'published') return { decisionId: quiz.decisionId };
      await assertBankHolds(r, quiz);
      const decisionId = isPeriodic(quiz.kind) ? await coveringDecision(r, quiz) : null;
      const at = this.now().toISOString();
      const pools = await Promise.all(quiz.matrix.map((row) => poolOf(r, quiz, row)));
      await r.questions.markUsed([...new Set(pools.flat())], at);
      await r.quizzes.publish(id, { decisionId, byId: actor.personId, at });
      await r.audit.record(actor, 'quiz.published', 'quiz', id, { kind: quiz.kind, decisionId });
      return { decisionId };
    });
  }

  /** A draft nobody has taken may be deleted. */
  async remove(actor: QuizActor, id: number): Promise<void> {
    await this.tx.run(async (r) => {
      const quiz = await r.quizzes.get(id);
      if (!quiz) throw new DomainError('NOT_FOUND', { quizId: id });
      await assertManages(r, actor, quiz);
      if (quiz.status !== 'draft' || (await r.quizzes.listAttempts(id)).length) throw new DomainError('QUIZ_NOT_EDITABLE', { quizId: id });
      await r.quizzes.remove(id);
      await r.audit.record(actor, 'quiz.deleted', 'quiz', id, { title: quiz.title });
    });
  }
}

function normalize(q: QuizInput): QuizInput {
  return {
    ...q,
    title: q.title.trim(),
    classIds: [...new Set(q.classIds)].sort((a, b) => a - b),
    opensAt: new Date(Date.parse(q.opensAt)).toISOString(),
    closesAt: new Date(Date.parse(q.closesAt)).toISOString(),
  };
}

/** The bank's ids a matrix row may draw from (not archived). */
export async function poolOf(r: Repos, quiz: Pick<QuizInput, 'subjectId' | 'grade'>, row: QuizInput['matrix'][number]): Promise<number[]> {
  if (row.curriculumLessonId !== null) {
    return r.questions.drawIds({ subjectId: quiz.subjectId, grade: quiz.grade, curriculumLessonIds: [row.curriculumLessonId], level: row.level });
  }
  // Questions linked to no lesson: the bank's listing filter (drawIds without lessons means "any lesson").
  const { items } = await r.questions.list({ subjectId: quiz.subjectId, grade: quiz.grade, noLesson: true, level: row.level, limit: 10_000, offset: 0 });
  return items.map((q) => q.id);
}

/** Refuses a matrix the bank cannot fill, naming each short row. */
async function assertBankHolds(r: Repos, q: QuizInput): Promise<void> {
  const counts = await r.questions.matrixCounts(q.subjectId, q.grade);
  const available = new Map<string, number>();
  for (const c of counts) {
    const k = rowKey(c);
    available.set(k, (available.get(k) ?? 0) + c.count);
  }
  const lessonIds = q.matrix.map((m) => m.curriculumLessonId).filter((x): x is number => x !== null);
  const titles = await r.quizzes.lessonTitles(lessonIds);
  const unknown = lessonIds.filter((id) => !titles.has(id));
  if (unknown.length) throw new DomainError('NOT_FOUND', { curriculumLessonIds: unknown });
  const short = matrixShortfalls(q.matrix, available, titles);
  if (short.length) throw new DomainError('QUIZ_MATRIX_SHORT', { rows: short });
}

/** Art. 6.2: the active online-assessment decision covering the test's classes, subject and window (school days). */
async function coveringDecision(r: Repos, q: Pick<QuizInput, 'classIds' | 'subjectId' | 'opensAt' | 'closesAt'>): Promise<number> {
  const startsOn = schoolDate(q.opensAt);
  const endsOn = schoolDate(new Date(Date.parse(q.closesAt) - 1));
  const need = { classIds: q.classIds, subjectIds: [q.subjectId], startsOn, endsOn };
  const decisions = await r.liveDecisions.activeOnlineAssessment(startsOn, endsOn);
  const gaps = uncoveredByOnlineAssessment(decisions, need);
  if (gaps.length) throw new DomainError('QUIZ_NEEDS_DECISION', { uncovered: gaps });
  // The newest decision that alone covers the whole need, else the newest one taking part.
  const alone = decisions.find((d) => uncoveredByOnlineAssessment([d], need).length === 0);
  return (alone ?? decisions[0]!).id;
}

/** A teacher creates quizzes only for subject × classes assigned to them (teaching_assignments); managers for any. */
async function assertMayTeach(r: Repos, actor: QuizViewer, q: QuizInput): Promise<void> {
  const known = new Set((await r.school.listSubjects()).map((s) => s.id));
  if (!known.has(q.subjectId)) throw new DomainError('NOT_FOUND', { subjectId: q.subjectId });
  for (const classId of q.classIds) {
    const c = await r.school.getClass(classId);
    if (!c) throw new DomainError('NOT_FOUND', { classId });
    if (c.grade !== q.grade) throw new DomainError('VALIDATION_FAILED', { field: 'classIds', reason: 'class_not_in_grade', classId, grade: q.grade });
  }
  if (isManager(actor)) return;
  const pairs = await r.quizzes.assignmentsOf(actor.personId);
  const missing = q.classIds.filter((classId) => !pairs.some((p) => p.classId === classId && p.subjectId === q.subjectId));
  if (missing.length) throw new DomainError('LIVE_NOT_ASSIGNED', { classIds: missing, subjectId: q.subjectId });
}

/** Who manages an existing quiz: managers, its author, and teachers of its subject in one of its classes. */
export async function assertManages(r: Repos, viewer: QuizViewer, quiz: Quiz): Promise<void> {
  if (isManager(viewer) || quiz.createdById === viewer.personId) return;
  if (viewer.roles.includes('teacher')) {
    const pairs = await r.quizzes.assignmentsOf(viewer.personId);
    if (pairs.some((p) => p.subjectId === quiz.subjectId && quiz.classIds.includes(p.classId))) return;
  }
  // Not one's quiz: as if it did not exist.
  throw new DomainError('NOT_FOUND', { quizId: quiz.id });
}
