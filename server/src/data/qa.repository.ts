import type { Knex } from 'knex';
import type { QaAnswer, QaQuestion, QaRepository } from '../domain/qa/qa.types.js';
import { bool, insertedId, int } from './rows.js';

const idOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : int(v));
const textOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

function toQuestion(r: Record<string, unknown>): QaQuestion {
  return {
    id: int(r.id), classId: int(r.class_id), subjectId: int(r.subject_id), authorId: int(r.author_id), authorName: String(r.author_name),
    curriculumLessonId: idOrNull(r.curriculum_lesson_id), lessonTitle: textOrNull(r.lesson_title), title: String(r.title), body: String(r.body),
    createdAt: String(r.created_at), updatedAt: String(r.updated_at), lastActivityAt: String(r.last_activity_at), answerCount: int(r.answer_count),
    bestAnswerId: idOrNull(r.best_answer_id), pinned: bool(r.pinned), lockedAt: textOrNull(r.locked_at),
    hiddenAt: textOrNull(r.hidden_at), hiddenById: idOrNull(r.hidden_by_id), hiddenReason: textOrNull(r.hidden_reason),
  };
}

function toAnswer(r: Record<string, unknown>): QaAnswer {
  return {
    id: int(r.id), questionId: int(r.question_id), authorId: int(r.author_id), authorName: String(r.author_name), body: String(r.body), createdAt: String(r.created_at),
    hiddenAt: textOrNull(r.hidden_at), hiddenById: idOrNull(r.hidden_by_id), hiddenReason: textOrNull(r.hidden_reason),
  };
}

const Q_COLUMNS: Record<string, string> = {
  bestAnswerId: 'best_answer_id', pinned: 'pinned', lockedAt: 'locked_at', lockedById: 'locked_by_id', hiddenAt: 'hidden_at', hiddenById: 'hidden_by_id',
  hiddenReason: 'hidden_reason', lastActivityAt: 'last_activity_at', answerCount: 'answer_count',
};

/** Questions and answers of a class × subject (Art. 5.2, 9.2). Hidden rows stay (moderation keeps the record). */
export class KnexQaRepository implements QaRepository {
  constructor(private readonly db: Knex) {}

  private questions() {
    return this.db('qa_questions as q').join('people as p', 'p.id', 'q.author_id').leftJoin('curriculum_lessons as l', 'l.id', 'q.curriculum_lesson_id')
      .select('q.*', 'p.full_name as author_name', 'l.title as lesson_title');
  }

  async listQuestions(classId: number, subjectId: number) {
    const rows = await this.questions().where('q.class_id', classId).where('q.subject_id', subjectId).orderBy('q.last_activity_at', 'desc').orderBy('q.id', 'desc');
    return rows.map(toQuestion);
  }

  async getQuestion(id: number) {
    const row = await this.questions().where('q.id', id).first();
    return row ? toQuestion(row) : undefined;
  }

  async answers(questionId: number) {
    const rows = await this.db('qa_answers as a').join('people as p', 'p.id', 'a.author_id').where('a.question_id', questionId)
      .select('a.*', 'p.full_name as author_name').orderBy('a.created_at').orderBy('a.id');
    return rows.map(toAnswer);
  }

  async getAnswer(id: number) {
    const row = await this.db('qa_answers as a').join('people as p', 'p.id', 'a.author_id').where('a.id', id).select('a.*', 'p.full_name as author_name').first();
    return row ? toAnswer(row) : undefined;
  }

  async createQuestion(q: { classId: number; subjectId: number; authorId: number; curriculumLessonId: number | null; title: string; body: string; at: string }) {
    return insertedId(await this.db('qa_questions').insert({
      class_id: q.classId, subject_id: q.subjectId, author_id: q.authorId, curriculum_lesson_id: q.curriculumLessonId, title: q.title, body: q.body,
      created_at: q.at, updated_at: q.at, last_activity_at: q.at, answer_count: 0, pinned: false,
    }).returning('id'));
  }

  async createAnswer(a: { questionId: number; authorId: number; body: string; at: string }) {
    return insertedId(await this.db('qa_answers').insert({ question_id: a.questionId, author_id: a.authorId, body: a.body, created_at: a.at }).returning('id'));
  }

  async updateQuestion(id: number, patch: Record<string, unknown>) {
    const row: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(patch)) {
      const col = Q_COLUMNS[k];
      if (col && v !== undefined) row[col] = v;
    }
    if (Object.keys(row).length) await this.db('qa_questions').where({ id }).update(row);
  }

  async updateAnswer(id: number, patch: Partial<Pick<QaAnswer, 'hiddenAt' | 'hiddenById' | 'hiddenReason'>>) {
    const row: Record<string, unknown> = {};
    if (patch.hiddenAt !== undefined) row.hidden_at = patch.hiddenAt;
    if (patch.hiddenById !== undefined) row.hidden_by_id = patch.hiddenById;
    if (patch.hiddenReason !== undefined) row.hidden_reason = patch.hiddenReason;
    if (Object.keys(row).length) await this.db('qa_answers').where({ id }).update(row);
  }

  async countVisibleAnswers(questionId: number) {
    const row = await this.db('qa_answers').where({ question_id: questionId }).whereNull('hidden_at').count({ n: '*' }).first();
    return int(row?.n);
  }

  async postsSince(authorId: number, since: string) {
    const q = await this.db('qa_questions').where({ author_id: authorId }).where('created_at', '>=', since).count({ n: '*' }).first();
    const a = await this.db('qa_answers').where({ author_id: authorId }).where('created_at', '>=', since).count({ n: '*' }).first();
    return { questions: int(q?.n), answers: int(a?.n) };
  }

  async counts(classId: number) {
    const rows = await this.db('qa_questions').where({ class_id: classId }).whereNull('hidden_at')
      .groupBy('subject_id')
      .select('subject_id')
      .count({ n: '*' })
      .select(this.db.raw('sum(case when answer_count = 0 then 1 else 0 end) as unanswered'));
    return rows.map((r: Record<string, unknown>) => ({ subjectId: int(r.subject_id), questions: int(r.n), unanswered: int(r.unanswered) }));
  }

  async lesson(id: number) {
    const row = await this.db('curriculum_lessons').where({ id }).first('id', 'subject_id', 'grade', 'title');
    return row ? { id: int(row.id), subjectId: int(row.subject_id), grade: int(row.grade), title: String(row.title) } : undefined;
  }
}
