import type { Knex } from 'knex';
import type { AttemptListItem, QuizFilter, QuizRepository } from '../domain/quizzes/quiz.repository.js';
import type { AnswerRecord, AttemptRecord, IntegrityEvent, IntegrityKind, Quiz, QuizInput } from '../domain/quizzes/quiz.types.js';
import { bool, insertedId, int } from './rows.js';

const json = (v: unknown): unknown => {
  if (typeof v !== 'string') return null;
  try {
    return JSON.parse(v);
  } catch {
    return null;
  }
};
const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const text = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

function quizColumns(q: QuizInput) {
  return {
    title: q.title, subject_id: q.subjectId, grade: q.grade, kind: q.kind, matrix: JSON.stringify(q.matrix), opens_at: q.opensAt, closes_at: q.closesAt,
    time_limit_minutes: q.timeLimitMinutes, attempts_allowed: q.attemptsAllowed, attempt_scoring: q.attemptScoring, feedback: q.feedback,
    shuffle_questions: q.shuffleQuestions, shuffle_options: q.shuffleOptions, gradebook_target: q.gradebookTarget ? JSON.stringify(q.gradebookTarget) : null,
  };
}

function toAttempt(r: Record<string, unknown>): AttemptRecord {
  return {
    id: int(r.id), quizId: int(r.quiz_id), studentId: int(r.student_id), number: int(r.number), seed: String(r.seed),
    questions: (json(r.questions) as AttemptRecord['questions'] | null) ?? [],
    startedAt: String(r.started_at), deadlineAt: String(r.deadline_at), status: r.status as AttemptRecord['status'],
    submittedAt: text(r.submitted_at), submittedBy: (text(r.submitted_by) as AttemptRecord['submittedBy']),
    autoScore: num(r.auto_score), score: num(r.score), maxScore: Number(r.max_score), pendingEssays: int(r.pending_essays),
    startIp: text(r.start_ip), startUserAgent: text(r.start_user_agent), lastIp: text(r.last_ip), lastUserAgent: text(r.last_user_agent), sessionHash: text(r.session_hash),
  };
}

function toAnswer(r: Record<string, unknown>): AnswerRecord {
  return {
    questionKey: String(r.question_key), answer: json(r.answer), seq: int(r.seq), savedAt: String(r.saved_at), points: num(r.points),
    gradedById: r.graded_by_id === null || r.graded_by_id === undefined ? null : int(r.graded_by_id), gradedAt: text(r.graded_at), comment: text(r.comment),
  };
}

export class KnexQuizRepository implements QuizRepository {
  constructor(private readonly db: Knex) {}

  private get isPg(): boolean {
    const c = this.db.client.config.client;
    return c === 'pg' || c === 'postgres' || c === 'postgresql';
  }

  async create(i: QuizInput & { createdById: number; at: string }) {
    const id = insertedId(await this.db('quizzes').insert({ ...quizColumns(i), status: 'draft', created_by_id: i.createdById, created_at: i.at, updated_at: i.at }).returning('id'));
    await this.db('quiz_classes').insert(i.classIds.map((class_id) => ({ quiz_id: id, class_id })));
    return id;
  }

  async update(id: number, i: QuizInput & { at: string }) {
    await this.db('quizzes').where({ id }).update({ ...quizColumns(i), updated_at: i.at });
    await this.db('quiz_classes').where({ quiz_id: id }).del();
    await this.db('quiz_classes').insert(i.classIds.map((class_id) => ({ quiz_id: id, class_id })));
  }

  private async quizzes(where: (q: Knex.QueryBuilder) => void, limit = 500): Promise<Quiz[]> {
    const q = this.db('quizzes as z').join('subjects as s', 's.id', 'z.subject_id').join('people as p', 'p.id', 'z.created_by_id')
      .select('z.*', 's.name as subject_name', 'p.full_name as created_by_name').orderBy('z.opens_at', 'desc').orderBy('z.id', 'desc').limit(limit);
    where(q);
    const rows = await q;
    if (!rows.length) return [];
    const ids = rows.map((r) => int(r.id));
    const links = await this.db('quiz_classes as qc').join('classes as c', 'c.id', 'qc.class_id').whereIn('qc.quiz_id', ids)
      .select('qc.quiz_id', 'qc.class_id', 'c.name').orderBy('c.name');
    return rows.map((r) => {
      const id = int(r.id);
      const mine = links.filter((l) => int(l.quiz_id) === id);
      return {
        id, title: r.title, subjectId: int(r.subject_id), subjectName: r.subject_name, grade: int(r.grade),
        classIds: mine.map((l) => int(l.class_id)), classNames: mine.map((l) => String(l.name)),
        kind: r.kind, matrix: (json(r.matrix) as Quiz['matrix'] | null) ?? [], opensAt: r.opens_at, closesAt: r.closes_at,
        timeLimitMinutes: int(r.time_limit_minutes), attemptsAllowed: int(r.attempts_allowed), attemptScoring: r.attempt_scoring, feedback: r.feedback,
        shuffleQuestions: bool(r.shuffle_questions), shuffleOptions: bool(r.shuffle_options),
        gradebookTarget: (json(r.gradebook_target) as Quiz['gradebookTarget']) ?? null,
        status: r.status, decisionId: r.decision_id === null || r.decision_id === undefined ? null : int(r.decision_id),
        createdById: int(r.created_by_id), createdByName: r.created_by_name, createdAt: r.created_at, updatedAt: r.updated_at, publishedAt: r.published_at ?? null,
      };
    });
  }

  async get(id: number) {
    return (await this.quizzes((q) => q.where('z.id', id)))[0];
  }

  list(f: QuizFilter) {
    const db = this.db;
    return this.quizzes((q) => {
      if (f.status) q.where('z.status', f.status);
      if (f.subjectId) q.where('z.subject_id', f.subjectId);
      if (f.classIds) q.whereExists(db('quiz_classes as qc').whereRaw('qc.quiz_id = z.id').whereIn('qc.class_id', f.classIds));
      if (f.teacher) {
        const t = f.teacher;
        q.where((w) => {
          w.where('z.created_by_id', t.personId);
          for (const p of t.pairs) {
            w.orWhere((x) => x.where('z.subject_id', p.subjectId).whereExists(db('quiz_classes as qc2').whereRaw('qc2.quiz_id = z.id').where('qc2.class_id', p.classId)));
          }
        });
      }
    }, f.limit);
  }

  async publish(id: number, p: { decisionId: number | null; byId: number; at: string }) {
    await this.db('quizzes').where({ id }).update({ status: 'published', decision_id: p.decisionId, published_by_id: p.byId, published_at: p.at, updated_at: p.at });
  }

  async remove(id: number) {
    await this.db('quiz_classes').where({ quiz_id: id }).del();
    await this.db('quizzes').where({ id }).del();
  }

  async lessonTitles(ids: number[]) {
    if (!ids.length) return new Map<number, string>();
    const rows = await this.db('curriculum_lessons').whereIn('id', [...new Set(ids)]).select('id', 'position', 'title');
    return new Map(rows.map((r) => [int(r.id), String(r.title)]));
  }

  async classIdsOfStudent(studentId: number) {
    return (await this.db('enrolments').where({ student_id: studentId }).select('class_id')).map((r) => int(r.class_id));
  }

  async assignmentsOf(teacherId: number) {
    return (await this.db('teaching_assignments').where({ teacher_id: teacherId }).select('class_id', 'subject_id')).map((r) => ({ classId: int(r.class_id), subjectId: int(r.subject_id) }));
  }

  async studentsOf(classIds: number[]) {
    if (!classIds.length) return [];
    const rows = await this.db('enrolments as e').join('people as p', 'p.id', 'e.student_id').join('classes as c', 'c.id', 'e.class_id')
      .whereIn('e.class_id', classIds).select('p.id', 'p.full_name', 'p.personal_id', 'p.name_key', 'c.id as class_id', 'c.name as class_name').orderBy('c.name').orderBy('p.name_key');
    return rows.map((r) => ({ id: int(r.id), fullName: String(r.full_name), personalId: text(r.personal_id), classId: int(r.class_id), className: String(r.class_name) }));
  }

  // ---- attempts ----

  async createAttempt(a: Parameters<QuizRepository['createAttempt']>[0]) {
    return insertedId(await this.db('quiz_attempts').insert({
      quiz_id: a.quizId, student_id: a.studentId, number: a.number, seed: a.seed, questions: JSON.stringify(a.questions), started_at: a.startedAt,
      deadline_at: a.deadlineAt, status: 'in_progress', max_score: a.maxScore, pending_essays: 0,
      start_ip: a.startIp, start_user_agent: a.startUserAgent, last_ip: a.lastIp, last_user_agent: a.lastUserAgent, session_hash: a.sessionHash,
    }).returning('id'));
  }

  async getAttempt(id: number, opts: { lock?: boolean } = {}) {
    const q = this.db('quiz_attempts').where({ id }).first();
    // SQLite has one writer at a time already; PostgreSQL queues saves of one attempt on its row.
    if (opts.lock && this.isPg) q.forUpdate();
    const r = await q;
    return r ? toAttempt(r) : undefined;
  }

  async attemptsOf(quizId: number, studentId: number) {
    return (await this.db('quiz_attempts').where({ quiz_id: quizId, student_id: studentId }).orderBy('number')).map(toAttempt);
  }

  async attemptSummaries(studentId: number, quizIds: number[]) {
    if (!quizIds.length) return [];
    const rows = await this.db('quiz_attempts').where({ student_id: studentId }).whereIn('quiz_id', quizIds)
      .select('quiz_id', 'id', 'number', 'status', 'score', 'max_score', 'deadline_at').orderBy('number');
    return rows.map((r) => ({ quizId: int(r.quiz_id), id: int(r.id), number: int(r.number), status: r.status, score: num(r.score), maxScore: Number(r.max_score), deadlineAt: String(r.deadline_at) }));
  }

  async listAttempts(quizId: number): Promise<AttemptListItem[]> {
    const rows = await this.db('quiz_attempts as a').join('people as p', 'p.id', 'a.student_id')
      .leftJoin('enrolments as e', 'e.student_id', 'a.student_id')
      .leftJoin('quiz_classes as qc', function () { this.on('qc.class_id', '=', 'e.class_id').andOn('qc.quiz_id', '=', 'a.quiz_id'); })
      .leftJoin('classes as c', 'c.id', 'qc.class_id')
      .where('a.quiz_id', quizId)
      .select('a.id', 'a.quiz_id', 'a.student_id', 'a.number', 'a.status', 'a.started_at', 'a.deadline_at', 'a.submitted_at', 'a.submitted_by', 'a.score', 'a.max_score', 'a.pending_essays',
        'p.full_name', 'p.personal_id', 'p.name_key', 'c.id as class_id', 'c.name as class_name',
        this.db('quiz_attempt_events as ev').count('*').whereRaw('ev.attempt_id = a.id').as('events'))
      .orderBy('c.name').orderBy('p.name_key').orderBy('a.number');
    // A student enrolled in several years appears once per attempt: keep the row with the quiz's class.
    const seen = new Map<number, Record<string, unknown>>();
    for (const r of rows) {
      const id = int(r.id);
      if (!seen.has(id) || (seen.get(id)!.class_id == null && r.class_id != null)) seen.set(id, r);
    }
    return [...seen.values()].map((r) => ({
      id: int(r.id), quizId: int(r.quiz_id), studentId: int(r.student_id), studentName: String(r.full_name), personalId: text(r.personal_id),
      classId: r.class_id == null ? null : int(r.class_id), className: text(r.class_name), number: int(r.number), status: r.status as AttemptListItem['status'],
      startedAt: String(r.started_at), deadlineAt: String(r.deadline_at), submittedAt: text(r.submitted_at), submittedBy: text(r.submitted_by) as AttemptListItem['submittedBy'],
      score: num(r.score), maxScore: Number(r.max_score), pendingEssays: int(r.pending_essays), events: int(r.events),
    }));
  }

  async attemptsWithQuestions(quizId: number) {
    return (await this.db('quiz_attempts').where({ quiz_id: quizId }).orderBy('id')).map(toAttempt);
  }

  async answers(attemptId: number) {
    return (await this.db('quiz_answers').where({ attempt_id: attemptId })).map(toAnswer);
  }

  async answersOfQuiz(quizId: number) {
    const rows = await this.db('quiz_answers as x').join('quiz_attempts as a', 'a.id', 'x.attempt_id').where('a.quiz_id', quizId).select('x.*');
    return rows.map((r) => ({ ...toAnswer(r), attemptId: int(r.attempt_id) }));
  }

  async upsertAnswers(attemptId: number, rows: { questionKey: string; answer: unknown; seq: number; savedAt: string }[]) {
    if (!rows.length) return;
    await this.db('quiz_answers')
      .insert(rows.map((r) => ({ attempt_id: attemptId, question_key: r.questionKey, answer: JSON.stringify(r.answer), seq: r.seq, saved_at: r.savedAt })))
      .onConflict(['attempt_id', 'question_key']).merge(['answer', 'seq', 'saved_at']);
  }

  async setAnswerPoints(attemptId: number, rows: { questionKey: string; points: number }[]) {
    for (const r of rows) await this.db('quiz_answers').where({ attempt_id: attemptId, question_key: r.questionKey }).update({ points: r.points });
  }

  async gradeAnswer(attemptId: number, questionKey: string, g: { points: number; byId: number; at: string; comment: string | null }) {
    const n = await this.db('quiz_answers').where({ attempt_id: attemptId, question_key: questionKey }).update({ points: g.points, graded_by_id: g.byId, graded_at: g.at, comment: g.comment });
    if (!n) {
      await this.db('quiz_answers').insert({ attempt_id: attemptId, question_key: questionKey, answer: 'null', seq: 0, saved_at: g.at, points: g.points, graded_by_id: g.byId, graded_at: g.at, comment: g.comment });
    }
  }

  async submit(id: number, s: { at: string; by: 'student' | 'auto'; autoScore: number; score: number | null; pendingEssays: number }) {
    await this.db('quiz_attempts').where({ id }).update({ status: 'submitted', submitted_at: s.at, submitted_by: s.by, auto_score: s.autoScore, score: s.score, pending_essays: s.pendingEssays });
  }

  async setScore(id: number, score: number | null, pendingEssays: number) {
    await this.db('quiz_attempts').where({ id }).update({ score, pending_essays: pendingEssays });
  }

  async touch(id: number, seen: { lastIp: string | null; lastUserAgent: string | null; sessionHash: string | null }) {
    await this.db('quiz_attempts').where({ id }).update({ last_ip: seen.lastIp, last_user_agent: seen.lastUserAgent, session_hash: seen.sessionHash });
  }

  async overdue(before: string, limit: number) {
    return (await this.db('quiz_attempts').where('status', 'in_progress').where('deadline_at', '<', before).select('id').orderBy('deadline_at').limit(limit)).map((r) => int(r.id));
  }

  // ---- integrity log ----

  async addEvent(attemptId: number, at: string, kind: IntegrityKind, details: Record<string, unknown> | null) {
    await this.db('quiz_attempt_events').insert({ attempt_id: attemptId, at, kind, details: details ? JSON.stringify(details) : null });
  }

  async events(attemptId: number): Promise<IntegrityEvent[]> {
    return (await this.db('quiz_attempt_events').where({ attempt_id: attemptId }).orderBy('id')).map((r) => ({
      id: int(r.id), attemptId: int(r.attempt_id), at: String(r.at), kind: r.kind as IntegrityKind, details: (json(r.details) as Record<string, unknown> | null) ?? null,
    }));
  }

  async eventCount(attemptId: number) {
    const r = await this.db('quiz_attempt_events').where({ attempt_id: attemptId }).count('* as n').first();
    return int(r?.n);
  }
}
