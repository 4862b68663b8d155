import { DomainError } from '../shared/errors.js';
import type { Repos, Transactor } from '../repos.js';
import type { GradebookFeed } from '../gradebook/gradebook-feed.js';
import { pointsEarned, publicQuestion, scoreAnswer } from '../questions/question-scoring.js';
import { acceptedAnswers, attemptDeadline, countingAttempt, GRACE_MS, isOverdue, remainingMs, windowState } from './attempt-rules.js';
import { answerFits, correctAnswerOf, explanationOf } from './answer-shape.js';
import { drawRows, paperOrder } from './quiz-draw.js';
import { feedbackVisibility, toTenPointScale } from './quiz-rules.js';
import { questionStats, type QuestionStat } from './quiz-results.js';
import { assertManages, isManager, poolOf, type QuizActor } from './quiz.service.js';
import type { AttemptListItem } from './quiz.repository.js';
import {
  isPeriodic, type AnswerRecord, type AttemptFeedback, type AttemptRecord, type AttemptView, type IntegrityEvent, type Quiz, type QuizViewer, type SnapshotQuestion,
} from './quiz.types.js';

/** Where a request of an attempt comes from (Art. 6.2 integrity log). */
export interface ClientSeen {
  ip: string | null;
  userAgent: string | null;
  /** An identifier of the signed-in session (derived from its stored hash, never the token). */
  sessionHash: string | null;
}

export interface SaveBatch {
  /** The client's save number: 1, 2, 3… (newer saves have larger numbers). */
  seq: number;
  answers: { questionKey: string; answer: unknown }[];
}

export interface SaveResult {
  savedAt: string;
  accepted: string[];
  stale: string[];
  lastSeq: number;
  serverNow: string;
  deadlineAt: string;
  remainingMs: number;
}

export type GradedQuestion = SnapshotQuestion & { answer: unknown; awarded: number | null; comment: string | null; autoFraction: number | null };

/** Integrity events a client may report per attempt; more are dropped (a page cannot flood the log). */
const MAX_EVENTS = 300;
const SYSTEM = { accountId: null, login: null, ip: null } as const;

/** Why a write was turned down after the transaction committed the automatic submission. */
class TimeOver {
  constructor(readonly attemptId: number) {}
}

/**
 * Attempts of a quiz (Art. 6.1, 6.2): the student's paper is drawn from the bank by the matrix and
 * frozen in the attempt; the clock is the server's; answers are autosaved in numbered batches;
 * after the deadline and a short grace the attempt is submitted automatically (by the sweep or by
 * the next request that touches it); objective questions are scored at once, essays by the
 * teacher; the counted result goes to the gradebook column the teacher chose.
 */
export class QuizAttemptService {
  private readonly now: () => Date;
  private readonly newSeed: () => string;
  private readonly feed: () => GradebookFeed | undefined;

  constructor(private readonly tx: Transactor, deps: { now?: () => Date; newSeed: () => string; gradebookFeed?: () => GradebookFeed | undefined }) {
    this.now = deps.now ?? (() => new Date());
    this.newSeed = deps.newSeed;
    this.feed = deps.gradebookFeed ?? (() => undefined);
  }

  // ---- student ---------------------------------------------------------------------------------

  /** The student's attempts of a quiz, newest first (for the quiz page before starting). */
  async mine(student: QuizViewer, quizId: number): Promise<{ quiz: Quiz; attempts: { id: number; number: number; status: string; deadlineAt: string; submittedAt: string | null; score: number | null; maxScore: number }[]; serverNow: string; window: string }> {
    return this.tx.run(async (r) => {
      const quiz = await this.quizForStudent(r, student, quizId);
      const now = this.now();
      const attempts = [];
      for (const a of await r.quizzes.attemptsOf(quizId, student.personId)) {
        const current = a.status === 'in_progress' && isOverdue(now, a.deadlineAt) ? await this.finalize(r, quiz, a, 'auto') : a;
        const vis = feedbackVisibility(quiz.feedback, current.status === 'submitted', windowState(now, quiz.opensAt, quiz.closesAt) === 'closed');
        attempts.push({ id: current.id, number: current.number, status: current.status, deadlineAt: current.deadlineAt, submittedAt: current.submittedAt, score: vis.score ? current.score : null, maxScore: current.maxScore });
      }
      return { quiz, attempts: attempts.reverse(), serverNow: now.toISOString(), window: windowState(now, quiz.opensAt, quiz.closesAt) };
    });
  }

  /** Starts an attempt, or resumes the one in progress (same paper, same answers, same deadline). */
  async start(actor: QuizActor, quizId: number, seen: ClientSeen): Promise<AttemptView> {
    for (let tries = 0; ; tries++) {
      try {
        return await this.tx.run((r) => this.startIn(r, actor, quizId, seen));
      } catch (err) {
        // Two starts at once (a double tap, two tabs): the second finds the first one's attempt.
        if (tries < 2 && isUniqueViolation(err)) continue;
        throw err;
      }
    }
  }

  private async startIn(r: Repos, actor: QuizActor, quizId: number, seen: ClientSeen): Promise<AttemptView> {
    const quiz = await this.quizForStudent(r, actor, quizId);
    const now = this.now();
    const attempts = await r.quizzes.attemptsOf(quizId, actor.personId);
    for (const a of attempts) {
      if (a.status !== 'in_progress') continue;
      if (isOverdue(now, a.deadlineAt)) {
        Object.assign(a, await this.finalize(r, quiz, a, 'auto'));
        continue;
      }
      await this.track(r, quiz, a, seen);
      return this.view(r, quiz, a, now);
    }
    const state = windowState(now, quiz.opensAt, quiz.closesAt);
    if (state !== 'open') throw new DomainError('QUIZ_NOT_OPEN', { state, opensAt: quiz.opensAt, closesAt: quiz.closesAt });
    if (attempts.length >= quiz.attemptsAllowed) throw new DomainError('QUIZ_NO_ATTEMPTS_LEFT', { allowed: quiz.attemptsAllowed });

    const seed = this.newSeed();
    const pools = await Promise.all(quiz.matrix.map((row) => poolOf(r, quiz, row)));
    let drawn: number[][];
    try {
      drawn = drawRows(seed, quiz.matrix.map((row, i) => ({ candidates: pools[i]!, count: row.count })));
    } catch {
      // Questions were archived after publishing: the teacher must fix the matrix.
      throw new DomainError('QUIZ_MATRIX_SHORT', { quizId });
    }
    const pointsOf = new Map<number, number>();
    drawn.forEach((ids, i) => ids.forEach((id) => pointsOf.set(id, quiz.matrix[i]!.pointsEach)));
    const order = paperOrder(seed, drawn, quiz.shuffleQuestions);
    const bank = new Map((await r.questions.getMany(order)).map((q) => [q.id, q]));
    const questions: SnapshotQuestion[] = order.map((id) => {
      const q = bank.get(id);
      if (!q) throw new DomainError('QUIZ_MATRIX_SHORT', { quizId, questionId: id });
      return {
        key: `q${q.id}`, questionId: q.id, stem: q.stem, level: q.level, curriculumLessonId: q.curriculumLessonId, points: pointsOf.get(id)!,
        type: q.type, body: q.body,
      } as SnapshotQuestion;
    });
    const startedAt = now.toISOString();
    const periodic = isPeriodic(quiz.kind);
    const row = {
      quizId, studentId: actor.personId, number: attempts.reduce((m, a) => Math.max(m, a.number), 0) + 1, seed, questions,
      startedAt, deadlineAt: attemptDeadline(startedAt, quiz.timeLimitMinutes, quiz.closesAt),
      maxScore: Math.round(questions.reduce((s, q) => s + q.points, 0) * 100) / 100,
      // The integrity fields are kept for periodic tests only (least data, Art. 10.2).
      startIp: periodic ? seen.ip : null, startUserAgent: periodic ? clip(seen.userAgent) : null,
      lastIp: periodic ? seen.ip : null, lastUserAgent: periodic ? clip(seen.userAgent) : null, sessionHash: periodic ? seen.sessionHash : null,
    };
    const id = await r.quizzes.createAttempt(row);
    await r.audit.record(actor, 'quiz.attempt_started', 'quiz_attempt', id, { quizId, number: row.number });
    const attempt = await r.quizzes.getAttempt(id);
    return this.view(r, quiz, attempt!, now);
  }

  /** The attempt as its student sees it now (resume after a disconnect or a reload). */
  async get(actor: QuizViewer, attemptId: number, seen: ClientSeen): Promise<AttemptView> {
    return this.tx.run(async (r) => {
      const { quiz, attempt } = await this.ownAttempt(r, actor, attemptId);
      const now = this.now();
      const current = attempt.status === 'in_progress' && isOverdue(now, attempt.deadlineAt) ? await this.finalize(r, quiz, attempt, 'auto') : attempt;
      if (current.status === 'in_progress') await this.track(r, quiz, current, seen);
      return this.view(r, quiz, current, now);
    });
  }

  /** Autosave: an idempotent batch of answers with the client's save number. */
  async save(actor: QuizViewer, attemptId: number, batch: SaveBatch, seen: ClientSeen): Promise<SaveResult> {
    const result = await this.tx.run(async (r) => {
      const { quiz, attempt } = await this.ownAttempt(r, actor, attemptId);
      const now = this.now();
      if (attempt.status === 'submitted') return attempt.submittedBy === 'auto' ? new TimeOver(attempt.id) : alreadySubmitted(attempt);
      if (isOverdue(now, attempt.deadlineAt)) {
        await this.finalize(r, quiz, attempt, 'auto');
        return new TimeOver(attempt.id);
      }
      const saved = await this.applySave(r, attempt, batch, now);
      await this.track(r, quiz, attempt, seen);
      return { ...saved, serverNow: now.toISOString(), deadlineAt: attempt.deadlineAt, remainingMs: remainingMs(now, attempt.deadlineAt) };
    });
    if (result instanceof TimeOver) throw new DomainError('QUIZ_TIME_OVER', { attemptId });
    return result;
  }

  /** Submits (with an optional last batch of answers). A second submit is refused. */
  async submit(actor: QuizActor, attemptId: number, last: SaveBatch | null, seen: ClientSeen): Promise<AttemptView> {
    const result = await this.tx.run(async (r) => {
      const { quiz, attempt } = await this.ownAttempt(r, actor, attemptId);
      const now = this.now();
      if (attempt.status === 'submitted') return attempt.submittedBy === 'auto' ? new TimeOver(attempt.id) : alreadySubmitted(attempt);
      if (isOverdue(now, attempt.deadlineAt)) {
        await this.finalize(r, quiz, attempt, 'auto');
        return new TimeOver(attempt.id);
      }
      if (last && last.answers.length) await this.applySave(r, attempt, last, now);
      await this.track(r, quiz, attempt, seen);
      const done = await this.finalize(r, quiz, attempt, 'student', actor);
      return this.view(r, quiz, done, now);
    });
    if (result instanceof TimeOver) throw new DomainError('QUIZ_TIME_OVER', { attemptId });
    return result;
  }

  /** Focus lost / page hidden, as the student's page reports them (Art. 6.2; periodic tests only). */
  async report(actor: QuizViewer, attemptId: number, kind: 'focus_lost' | 'page_hidden', details: { clientAt?: string; durationMs?: number }, seen: ClientSeen): Promise<{ recorded: boolean }> {
    return this.tx.run(async (r) => {
      const { quiz, attempt } = await this.ownAttempt(r, actor, attemptId);
      if (!isPeriodic(quiz.kind) || attempt.status !== 'in_progress') return { recorded: false };
      if ((await r.quizzes.eventCount(attemptId)) >= MAX_EVENTS) return { recorded: false };
      await r.quizzes.addEvent(attemptId, this.now().toISOString(), kind, { ...details, ip: seen.ip });
      await this.track(r, quiz, attempt, seen);
      return { recorded: true };
    });
  }

  /** Submits every attempt whose deadline and grace have passed; returns how many. */
  async sweep(): Promise<number> {
    const before = new Date(this.now().getTime() - GRACE_MS).toISOString();
    const ids = await this.tx.read((r) => r.quizzes.overdue(before, 200));
    let n = 0;
    for (const id of ids) {
      n += await this.tx.run(async (r) => {
        const a = await r.quizzes.getAttempt(id, { lock: true });
        if (!a || a.status !== 'in_progress' || !isOverdue(this.now(), a.deadlineAt)) return 0;
        const quiz = await r.quizzes.get(a.quizId);
        if (!quiz) return 0;
        await this.finalize(r, quiz, a, 'auto');
        return 1;
      });
    }
    return n;
  }

  // ---- teacher ---------------------------------------------------------------------------------

  async attempts(viewer: QuizViewer, quizId: number): Promise<AttemptListItem[]> {
    await this.sweepQuiz(quizId);
    return this.tx.read(async (r) => {
      const quiz = await r.quizzes.get(quizId);
      if (!quiz) throw new DomainError('NOT_FOUND', { quizId });
      await assertManages(r, viewer, quiz);
      return r.quizzes.listAttempts(quizId);
    });
  }

  /** One attempt with its key, the answers, the points and the integrity log (grading page). */
  async attemptDetail(viewer: QuizViewer, attemptId: number): Promise<{ attempt: AttemptListItem; quizId: number; questions: GradedQuestion[]; events: IntegrityEvent[] }> {
    return this.tx.read(async (r) => {
      const attempt = await r.quizzes.getAttempt(attemptId);
      if (!attempt) throw new DomainError('NOT_FOUND', { attemptId });
      const quiz = await r.quizzes.get(attempt.quizId);
      if (!quiz) throw new DomainError('NOT_FOUND', { attemptId });
      await assertManages(r, viewer, quiz);
      const item = (await r.quizzes.listAttempts(quiz.id)).find((a) => a.id === attemptId)!;
      const answers = new Map((await r.quizzes.answers(attemptId)).map((a) => [a.questionKey, a]));
      return {
        attempt: item, quizId: quiz.id,
        questions: attempt.questions.map((q) => {
          const a = answers.get(q.key);
          return { ...q, answer: a?.answer ?? null, awarded: a?.points ?? (attempt.status === 'submitted' && q.type !== 'essay' ? 0 : null), comment: a?.comment ?? null, autoFraction: q.type === 'essay' || !a ? null : scoreAnswer(q, a.answer).fraction } as GradedQuestion;
        }),
        events: await r.quizzes.events(attemptId),
      };
    });
  }

  /** The teacher grades an essay; when the last one is graded the score is final and goes to the gradebook. */
  async grade(actor: QuizActor, attemptId: number, questionKey: string, points: number, comment: string | null): Promise<{ score: number | null; pendingEssays: number }> {
    return this.tx.run(async (r) => {
      const attempt = await r.quizzes.getAttempt(attemptId, { lock: true });
      if (!attempt) throw new DomainError('NOT_FOUND', { attemptId });
      const quiz = await r.quizzes.get(attempt.quizId);
      if (!quiz) throw new DomainError('NOT_FOUND', { attemptId });
      await assertManages(r, actor, quiz);
      if (attempt.status !== 'submitted') throw new DomainError('CONFLICT', { attemptId, reason: 'not_submitted' });
      const q = attempt.questions.find((x) => x.key === questionKey);
      if (!q) throw new DomainError('QUIZ_UNKNOWN_QUESTION', { questionKey });
      if (q.type !== 'essay') throw new DomainError('QUIZ_NOT_ESSAY', { questionKey });
      if (!(points >= 0 && points <= q.points)) throw new DomainError('VALIDATION_FAILED', { field: 'points', reason: 'out_of_range', max: q.points });
      const at = this.now().toISOString();
      await r.quizzes.gradeAnswer(attemptId, questionKey, { points: Math.round(points * 100) / 100, byId: actor.personId, at, comment: comment?.trim() || null });
      const { score, pendingEssays } = totals(attempt.questions, await r.quizzes.answers(attemptId));
      await r.quizzes.setScore(attemptId, score, pendingEssays);
      await r.audit.record(actor, 'quiz.essay_graded', 'quiz_attempt', attemptId, { questionKey, points, score });
      if (score !== null) await this.toGradebook(r, quiz, attempt.studentId, actor.personId);
      return { score, pendingEssays };
    });
  }

  /** Results per class and per question (the progress module links to this). */
  async results(viewer: QuizViewer, quizId: number, classId?: number): Promise<{
    quiz: Quiz;
    classes: { classId: number; className: string; students: number; started: number; submitted: number; graded: number; average: number | null }[];
    students: { studentId: number; fullName: string; personalId: string | null; classId: number; className: string; attempts: number; attemptId: number | null; status: string | null; score: number | null; maxScore: number | null; pendingEssays: number; events: number }[];
    questions: QuestionStat[];
  }> {
    await this.sweepQuiz(quizId);
    return this.tx.read(async (r) => {
      const quiz = await r.quizzes.get(quizId);
      if (!quiz) throw new DomainError('NOT_FOUND', { quizId });
      await assertManages(r, viewer, quiz);
      const classIds = classId ? quiz.classIds.filter((c) => c === classId) : quiz.classIds;
      const roster = await r.quizzes.studentsOf(classIds);
      const inScope = new Set(roster.map((s) => s.id));
      const list = (await r.quizzes.listAttempts(quizId)).filter((a) => inScope.has(a.studentId));
      const students = roster.map((s) => {
        const mine = list.filter((a) => a.studentId === s.id);
        const counted = countingAttempt(mine.filter((a) => a.status === 'submitted'), quiz.attemptScoring) ?? mine[mine.length - 1];
        return {
          studentId: s.id, fullName: s.fullName, personalId: s.personalId, classId: s.classId, className: s.className, attempts: mine.length,
          attemptId: counted?.id ?? null, status: counted?.status ?? null, score: counted?.score ?? null, maxScore: counted?.maxScore ?? null,
          pendingEssays: counted?.pendingEssays ?? 0, events: mine.reduce((n, a) => n + a.events, 0),
        };
      });
      const classes = quiz.classIds.filter((c) => classIds.includes(c)).map((cid) => {
        const of = students.filter((s) => s.classId === cid);
        const scored = of.filter((s) => s.score !== null && s.maxScore);
        return {
          classId: cid, className: of[0]?.className ?? quiz.classNames[quiz.classIds.indexOf(cid)] ?? '', students: of.length,
          started: of.filter((s) => s.attempts > 0).length, submitted: of.filter((s) => s.status === 'submitted').length, graded: scored.length,
          average: scored.length ? Math.round((scored.reduce((t, s) => t + toTenPointScale(s.score!, s.maxScore!), 0) / scored.length) * 100) / 100 : null,
        };
      });
      const counted = new Set(students.map((s) => s.attemptId).filter((x): x is number => x !== null));
      const full = (await r.quizzes.attemptsWithQuestions(quizId)).filter((a) => counted.has(a.id) && a.status === 'submitted');
      const answers = await r.quizzes.answersOfQuiz(quizId);
      const byAttempt = new Map<number, Map<string, unknown>>();
      for (const a of answers) {
        if (!byAttempt.has(a.attemptId)) byAttempt.set(a.attemptId, new Map());
        byAttempt.get(a.attemptId)!.set(a.questionKey, a.answer);
      }
      const questions = questionStats(full.map((a) => ({ questions: a.questions, answers: byAttempt.get(a.id) ?? new Map() })));
      return { quiz, classes, students, questions };
    });
  }

  // ---- inside ----------------------------------------------------------------------------------

  private async sweepQuiz(quizId: number): Promise<void> {
    const before = new Date(this.now().getTime() - GRACE_MS).toISOString();
    const due = await this.tx.read(async (r) => (await r.quizzes.listAttempts(quizId)).filter((a) => a.status === 'in_progress' && a.deadlineAt < before).map((a) => a.id));
    for (const id of due) {
      await this.tx.run(async (r) => {
        const a = await r.quizzes.getAttempt(id, { lock: true });
        const quiz = await r.quizzes.get(quizId);
        if (a && quiz && a.status === 'in_progress' && isOverdue(this.now(), a.deadlineAt)) await this.finalize(r, quiz, a, 'auto');
      });
    }
  }

  private async quizForStudent(r: Repos, student: QuizViewer, quizId: number): Promise<Quiz> {
    const quiz = await r.quizzes.get(quizId);
    if (!quiz || quiz.status !== 'published') throw new DomainError('NOT_FOUND', { quizId });
    const mine = await r.quizzes.classIdsOfStudent(student.personId);
    if (!quiz.classIds.some((c) => mine.includes(c))) throw new DomainError('NOT_FOUND', { quizId });
    return quiz;
  }

  /** The caller's own attempt, locked for the transaction; another student's attempt does not exist for them. */
  private async ownAttempt(r: Repos, actor: QuizViewer, attemptId: number): Promise<{ quiz: Quiz; attempt: AttemptRecord }> {
    const attempt = await r.quizzes.getAttempt(attemptId, { lock: true });
    if (!attempt || attempt.studentId !== actor.personId) throw new DomainError('NOT_FOUND', { attemptId });
    const quiz = await r.quizzes.get(attempt.quizId);
    if (!quiz) throw new DomainError('NOT_FOUND', { attemptId });
    return { quiz, attempt };
  }

  private async applySave(r: Repos, attempt: AttemptRecord, batch: SaveBatch, now: Date): Promise<{ savedAt: string; accepted: string[]; stale: string[]; lastSeq: number }> {
    const byKey = new Map(attempt.questions.map((q) => [q.key, q]));
    for (const a of batch.answers) {
      const q = byKey.get(a.questionKey);
      if (!q) throw new DomainError('QUIZ_UNKNOWN_QUESTION', { questionKey: a.questionKey });
      if (!answerFits(q, a.answer)) throw new DomainError('QUIZ_BAD_ANSWER', { questionKey: a.questionKey, type: q.type });
    }
    const stored = await r.quizzes.answers(attempt.id);
    const { accepted, stale } = acceptedAnswers(stored, batch.seq, batch.answers);
    const savedAt = now.toISOString();
    if (accepted.length) await r.quizzes.upsertAnswers(attempt.id, accepted.map((a) => ({ ...a, savedAt })));
    const lastSeq = Math.max(batch.seq, ...stored.map((s) => s.seq));
    return { savedAt, accepted: accepted.map((a) => a.questionKey), stale, lastSeq };
  }

  /** Art. 6.2 integrity log: address, device or session changing during a periodic test. */
  private async track(r: Repos, quiz: Quiz, attempt: AttemptRecord, seen: ClientSeen): Promise<void> {
    if (!isPeriodic(quiz.kind)) return;
    const at = this.now().toISOString();
    const ua = clip(seen.userAgent);
    let changed = false;
    const budget = MAX_EVENTS - (await r.quizzes.eventCount(attempt.id));
    let used = 0;
    const log = async (kind: 'ip_changed' | 'device_changed' | 'second_session', details: Record<string, unknown>) => {
      if (used++ < budget) await r.quizzes.addEvent(attempt.id, at, kind, details);
    };
    if (seen.ip && attempt.lastIp && seen.ip !== attempt.lastIp) { await log('ip_changed', { from: attempt.lastIp, to: seen.ip }); changed = true; }
    if (ua && attempt.lastUserAgent && ua !== attempt.lastUserAgent) { await log('device_changed', { from: attempt.lastUserAgent, to: ua }); changed = true; }
    if (seen.sessionHash && attempt.sessionHash && seen.sessionHash !== attempt.sessionHash) { await log('second_session', { ip: seen.ip, userAgent: ua }); changed = true; }
    if (changed || (!attempt.lastIp && seen.ip)) {
      const next = { lastIp: seen.ip ?? attempt.lastIp, lastUserAgent: ua ?? attempt.lastUserAgent, sessionHash: seen.sessionHash ?? attempt.sessionHash };
      await r.quizzes.touch(attempt.id, next);
      Object.assign(attempt, next);
    }
  }

  /** Scores and submits; essays wait for the teacher. Sends a final score to the gradebook. */
  private async finalize(r: Repos, quiz: Quiz, attempt: AttemptRecord, by: 'student' | 'auto', actor?: QuizActor): Promise<AttemptRecord> {
    const at = this.now().toISOString();
    const answers = await r.quizzes.answers(attempt.id);
    const byKey = new Map(answers.map((a) => [a.questionKey, a]));
    const points: { questionKey: string; points: number }[] = [];
    for (const q of attempt.questions) {
      const a = byKey.get(q.key);
      if (!a || q.type === 'essay') continue;
      points.push({ questionKey: q.key, points: pointsEarned(q.points, scoreAnswer(q, a.answer)) });
    }
    if (points.length) await r.quizzes.setAnswerPoints(attempt.id, points);
    for (const p of points) byKey.get(p.questionKey)!.points = p.points;
    const { score, pendingEssays, autoScore } = totals(attempt.questions, [...byKey.values()]);
    await r.quizzes.submit(attempt.id, { at, by, autoScore, score, pendingEssays });
    await r.audit.record(actor ?? SYSTEM, 'quiz.attempt_submitted', 'quiz_attempt', attempt.id, { quizId: quiz.id, by, score, pendingEssays });
    const done: AttemptRecord = { ...attempt, status: 'submitted', submittedAt: at, submittedBy: by, autoScore, score, pendingEssays };
    if (score !== null) await this.toGradebook(r, quiz, attempt.studentId, null);
    return done;
  }

  /** The counted attempt's score, on the 10-point scale, to the teacher's gradebook column (if any). */
  private async toGradebook(r: Repos, quiz: Quiz, studentId: number, recordedById: number | null): Promise<void> {
    const feed = this.feed();
    if (!quiz.gradebookTarget || !feed) return;
    const all = (await r.quizzes.attemptsOf(quiz.id, studentId)).filter((a) => a.status === 'submitted');
    const counted = countingAttempt(all, quiz.attemptScoring);
    if (!counted || counted.score === null) return;
    try {
      await feed.record(r, {
        studentId, subjectId: quiz.subjectId, target: quiz.gradebookTarget, score: toTenPointScale(counted.score, counted.maxScore),
        source: { kind: 'quiz', id: quiz.id }, recordedById,
      });
    } catch (err) {
      // A locked semester must not lose the student's submission: the refusal is recorded instead.
      if (!(err instanceof DomainError)) throw err;
      await r.audit.record(SYSTEM, 'quiz.gradebook_refused', 'quiz_attempt', counted.id, { code: err.code, studentId, quizId: quiz.id });
    }
  }

  private async view(r: Repos, quiz: Quiz, attempt: AttemptRecord, now: Date): Promise<AttemptView> {
    const answers = await r.quizzes.answers(attempt.id);
    const submitted = attempt.status === 'submitted';
    const vis = feedbackVisibility(quiz.feedback, submitted, windowState(now, quiz.opensAt, quiz.closesAt) === 'closed');
    let feedback: AttemptFeedback | null = null;
    if (vis.score) {
      const byKey = new Map(answers.map((a) => [a.questionKey, a]));
      feedback = {
        score: attempt.score, maxScore: attempt.maxScore, pendingEssays: attempt.pendingEssays,
        perQuestion: vis.answers ? attempt.questions.map((q) => ({
          questionKey: q.key, points: byKey.get(q.key)?.points ?? (q.type === 'essay' ? null : 0), maxPoints: q.points, correct: correctAnswerOf(q), explanation: explanationOf(q),
        })) : null,
      };
    }
    return {
      id: attempt.id, quizId: quiz.id, number: attempt.number, status: attempt.status, startedAt: attempt.startedAt, deadlineAt: attempt.deadlineAt,
      serverNow: now.toISOString(), remainingMs: submitted ? 0 : remainingMs(now, attempt.deadlineAt), graceMs: GRACE_MS,
      questions: attempt.questions.map((q) => {
        const { id: _bankId, points: _p, ...pub } = publicQuestion({ ...q, id: q.questionId }, quiz.shuffleOptions ? attempt.seed : undefined);
        return { ...pub, key: q.key, points: q.points };
      }),
      answers: answers.map((a) => ({ questionKey: a.questionKey, answer: a.answer, seq: a.seq, savedAt: a.savedAt })),
      lastSeq: answers.reduce((m, a) => Math.max(m, a.seq), 0),
      submittedAt: attempt.submittedAt, submittedBy: attempt.submittedBy, feedback,
    };
  }
}

/** Score of an attempt from its answers' points: null while an answered essay is ungraded. */
function totals(questions: readonly SnapshotQuestion[], answers: readonly AnswerRecord[]): { score: number | null; autoScore: number; pendingEssays: number } {
  const byKey = new Map(answers.map((a) => [a.questionKey, a]));
  let sum = 0;
  let autoScore = 0;
  let pendingEssays = 0;
  for (const q of questions) {
    const a = byKey.get(q.key);
    if (q.type === 'essay') {
      const written = typeof a?.answer === 'string' && a.answer.trim() !== '';
      if (a?.points !== null && a?.points !== undefined) sum += a.points;
      else if (written) pendingEssays++;
      continue;
    }
    const p = a?.points ?? 0;
    sum += p;
    autoScore += p;
  }
  const round = (x: number) => Math.round(x * 100) / 100;
  return { score: pendingEssays ? null : round(sum), autoScore: round(autoScore), pendingEssays };
}

function alreadySubmitted(attempt: AttemptRecord): never {
  throw new DomainError('QUIZ_ALREADY_SUBMITTED', { attemptId: attempt.id, submittedAt: attempt.submittedAt });
}

const clip = (s: string | null) => (s === null ? null : s.slice(0, 400));

function isUniqueViolation(err: unknown): boolean {
  const code = String((err as { code?: unknown })?.code ?? '');
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === '23505';
}

export { isManager };
