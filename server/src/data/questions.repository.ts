import type { Knex } from 'knex';
import type { DrawFilter, QuestionRepository, QuestionRow } from '../domain/questions/question.repository.js';
import type { CognitiveLevel, MatrixCount, Question, QuestionFilter, QuestionType } from '../domain/questions/question.types.js';
import { insertedId, int } from './rows.js';

function parseBody(text: unknown): unknown {
  if (typeof text !== 'string') return {};
  try {
    return JSON.parse(text);
  } catch {
    return {};
  }
}

function toQuestion(r: Record<string, unknown>): Question {
  return {
    id: int(r.id),
    subjectId: int(r.subject_id),
    grade: int(r.grade),
    curriculumLessonId: r.curriculum_lesson_id === null || r.curriculum_lesson_id === undefined ? null : int(r.curriculum_lesson_id),
    level: r.level as CognitiveLevel,
    type: r.type as QuestionType,
    stem: String(r.stem),
    body: parseBody(r.body),
    points: Number(r.points),
    authorId: r.author_id === null || r.author_id === undefined ? null : int(r.author_id),
    authorName: (r.author_name as string | null | undefined) ?? null,
    createdAt: String(r.created_at),
    updatedAt: String(r.updated_at),
    firstUsedAt: (r.first_used_at as string | null | undefined) ?? null,
    archivedAt: (r.archived_at as string | null | undefined) ?? null,
  } as Question;
}

export class KnexQuestionRepository implements QuestionRepository {
  constructor(private readonly db: Knex) {}

  private columns(row: QuestionRow) {
    return {
      subject_id: row.subjectId, grade: row.grade, curriculum_lesson_id: row.curriculumLessonId, level: row.level, type: row.type,
      stem: row.stem, body: JSON.stringify(row.body), search_text: row.searchText, points: row.points,
    };
  }

  private base() {
    return this.db('questions as q').leftJoin('people as p', 'p.id', 'q.author_id').select('q.*', 'p.full_name as author_name');
  }

  async create(row: QuestionRow & { authorId: number | null; at: string }) {
    return insertedId(await this.db('questions').insert({ ...this.columns(row), author_id: row.authorId, created_at: row.at, updated_at: row.at }).returning('id'));
  }

  async update(id: number, row: QuestionRow & { at: string }) {
    await this.db('questions').where({ id }).update({ ...this.columns(row), updated_at: row.at });
  }

  async get(id: number) {
    const r = await this.base().where('q.id', id).first();
    return r ? toQuestion(r) : undefined;
  }

  async getMany(ids: number[]) {
    const unique = [...new Set(ids.filter((i) => Number.isInteger(i)))];
    const out = new Map<number, Question>();
    for (let i = 0; i < unique.length; i += 500) {
      const rows = await this.base().whereIn('q.id', unique.slice(i, i + 500));
      for (const r of rows) out.set(int(r.id), toQuestion(r));
    }
    return ids.map((id) => out.get(id)).filter((q): q is Question => q !== undefined);
  }

  private applyFilter(q: Knex.QueryBuilder, f: Omit<QuestionFilter, 'limit' | 'offset'>) {
    if (f.subjectId !== undefined) q.where('q.subject_id', f.subjectId);
    if (f.subjectIds !== undefined) q.whereIn('q.subject_id', f.subjectIds.length ? f.subjectIds : [-1]);
    if (f.grade !== undefined) q.where('q.grade', f.grade);
    if (f.curriculumLessonId !== undefined) q.where('q.curriculum_lesson_id', f.curriculumLessonId);
    if (f.noLesson) q.whereNull('q.curriculum_lesson_id');
    if (f.level !== undefined) q.where('q.level', f.level);
    if (f.type !== undefined) q.where('q.type', f.type);
    if (!f.includeArchived) q.whereNull('q.archived_at');
    // the search is folded by the service; LIKE wildcards are dropped (both dialects, no ESCAPE clause)
    for (const word of (f.search ?? '').replace(/[\\%_]/g, ' ').split(' ').filter(Boolean).slice(0, 8)) {
      q.where('q.search_text', 'like', `%${word}%`);
    }
  }

  async list(f: QuestionFilter) {
    const countQ = this.db('questions as q');
    this.applyFilter(countQ, f);
    const [{ n }] = (await countQ.count({ n: '*' })) as { n: unknown }[] as [{ n: unknown }];
    const q = this.base().orderBy('q.id', 'desc').limit(f.limit).offset(f.offset);
    this.applyFilter(q, f);
    const rows = await q;
    return { items: rows.map(toQuestion), total: int(n) };
  }

  async drawIds(f: DrawFilter) {
    const q = this.db('questions').where({ subject_id: f.subjectId, grade: f.grade }).whereNull('archived_at').select('id').orderBy('id');
    if (f.curriculumLessonIds) q.whereIn('curriculum_lesson_id', f.curriculumLessonIds.length ? f.curriculumLessonIds : [-1]);
    if (f.level) q.where('level', f.level);
    if (f.types) q.whereIn('type', f.types.length ? f.types : ['-']);
    return (await q).map((r: { id: unknown }) => int(r.id));
  }

  async matrixCounts(subjectId: number, grade: number): Promise<MatrixCount[]> {
    const rows = await this.db('questions')
      .where({ subject_id: subjectId, grade })
      .whereNull('archived_at')
      .groupBy('curriculum_lesson_id', 'level', 'type')
      .select('curriculum_lesson_id', 'level', 'type')
      .count({ n: '*' });
    return rows.map((r: Record<string, unknown>) => ({
      curriculumLessonId: r.curriculum_lesson_id === null || r.curriculum_lesson_id === undefined ? null : int(r.curriculum_lesson_id),
      level: r.level as CognitiveLevel,
      type: r.type as QuestionType,
      count: int(r.n),
    }));
  }

  async setArchived(id: number, at: string | null) {
    await this.db('questions').where({ id }).update({ archived_at: at });
  }

  async delete(id: number) {
    await this.db('questions').where({ id }).delete();
  }

  async markUsed(ids: number[], at: string) {
    const unique = [...new Set(ids)];
    for (let i = 0; i < unique.length; i += 500) {
      await this.db('questions').whereIn('id', unique.slice(i, i + 500)).whereNull('first_used_at').update({ first_used_at: at });
    }
  }
}
