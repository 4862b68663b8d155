import type { Knex } from 'knex';
import type { CurriculumLesson, CurriculumRepository, LessonFields, LessonLinks } from '../domain/curriculum/curriculum.types.js';
import { insertedId, int } from './rows.js';

/**
 * The curriculum's lessons/topics (Art. 4.1), table `curriculum_lessons` (migration 0007).
 *
 * Links from other modules: every table with a `curriculum_lesson_id` column (live_lessons, and
 * whatever materials, questions, tasks… add later) is found from the database's own catalogue, so
 * a lesson that anything links to is never deleted by the curriculum, whichever module added the
 * link. The foreign keys themselves say ON DELETE SET NULL (0007 for live_lessons), which would
 * only matter if a subject were deleted, which the school module does not do.
 */
export class KnexCurriculumRepository implements CurriculumRepository {
  constructor(private readonly db: Knex) {}

  private base() {
    return this.db('curriculum_lessons as l').join('subjects as s', 's.id', 'l.subject_id')
      .select('l.*', 's.code as subject_code', 's.name as subject_name');
  }

  async list(subjectId: number, grade: number): Promise<CurriculumLesson[]> {
    const rows = await this.base().where({ 'l.subject_id': subjectId, 'l.grade': grade }).orderBy('l.position');
    return rows.map(toLesson);
  }

  async listMany(filter: { subjectIds?: number[]; grade?: number }): Promise<CurriculumLesson[]> {
    const q = this.base().orderBy([{ column: 's.name' }, { column: 'l.grade' }, { column: 'l.position' }]);
    if (filter.subjectIds) q.whereIn('l.subject_id', filter.subjectIds);
    if (filter.grade !== undefined) q.where('l.grade', filter.grade);
    return (await q).map(toLesson);
  }

  async get(id: number): Promise<CurriculumLesson | undefined> {
    const row = await this.base().where('l.id', id).first();
    return row ? toLesson(row) : undefined;
  }

  async append(subjectId: number, grade: number, f: LessonFields, now: string): Promise<number> {
    const max = await this.db('curriculum_lessons').where({ subject_id: subjectId, grade }).max('position as m').first();
    const position = int(max?.m ?? 0) + 1;
    return insertedId(await this.db('curriculum_lessons').insert({
      subject_id: subjectId, grade, position, chapter: f.chapter, title: f.title, periods: f.periods,
      outcomes: JSON.stringify(f.outcomes), created_at: now, updated_at: now,
    }).returning('id'));
  }

  async update(id: number, f: LessonFields, now: string): Promise<void> {
    await this.db('curriculum_lessons').where({ id }).update({
      chapter: f.chapter, title: f.title, periods: f.periods, outcomes: JSON.stringify(f.outcomes), updated_at: now,
    });
  }

  async renumber(subjectId: number, grade: number, orderedIds: number[], now: string): Promise<void> {
    const current = (await this.db('curriculum_lessons').where({ subject_id: subjectId, grade }).orderBy('position').select('id', 'position'))
      .map((r) => ({ id: int(r.id), position: int(r.position) }));
    const known = new Set(current.map((r) => r.id));
    if (orderedIds.length !== current.length || new Set(orderedIds).size !== orderedIds.length || orderedIds.some((id) => !known.has(id))) {
      throw new Error('renumber: orderedIds must list every lesson of the subject × grade once');
    }
    const target = new Map(orderedIds.map((id, i) => [id, i + 1]));
    const moving = current.filter((r) => target.get(r.id) !== r.position);
    if (!moving.length) return;
    // (subject_id, grade, position) is unique and checked row by row: park the moving rows on
    // negative positions (unique because ids are) before giving them their new ones.
    await this.db('curriculum_lessons').whereIn('id', moving.map((r) => r.id)).update({ position: this.db.raw('0 - id') });
    for (const r of moving) await this.db('curriculum_lessons').where({ id: r.id }).update({ position: target.get(r.id), updated_at: now });
  }

  async delete(id: number): Promise<void> {
    await this.db('curriculum_lessons').where({ id }).del();
  }

  async links(ids: number[]): Promise<Map<number, LessonLinks>> {
    const out = new Map<number, LessonLinks>();
    if (!ids.length) return out;
    for (const table of await this.linkingTables()) {
      const rows = await this.db(table).whereIn('curriculum_lesson_id', ids).groupBy('curriculum_lesson_id').select('curriculum_lesson_id as id').count('* as n');
      for (const r of rows) {
        const id = int(r.id);
        const entry = out.get(id) ?? {};
        entry[table] = int(r.n);
        out.set(id, entry);
      }
    }
    return out;
  }

  /** Tables (other than curriculum_lessons) that have a curriculum_lesson_id column. */
  private async linkingTables(): Promise<string[]> {
    const client = String((this.db.client as { config?: { client?: unknown } }).config?.client ?? '');
    if (client === 'pg' || client === 'postgres' || client === 'postgresql') {
      const rows = await this.db('information_schema.columns').where({ column_name: 'curriculum_lesson_id' })
        .whereRaw('table_schema = current_schema()').select('table_name');
      return rows.map((r) => String(r.table_name)).sort();
    }
    const rows = await this.db.raw(
      "select m.name as name from sqlite_master m join pragma_table_info(m.name) p where m.type = 'table' and p.name = 'curriculum_lesson_id'",
    ) as { name: string }[];
    return rows.map((r) => r.name).sort();
  }
}

function toLesson(r: Record<string, unknown>): CurriculumLesson {
  let outcomes: unknown;
  try { outcomes = JSON.parse(String(r.outcomes ?? '[]')); } catch { outcomes = []; }
  return {
    id: int(r.id), subjectId: int(r.subject_id), subjectCode: String(r.subject_code), subjectName: String(r.subject_name),
    grade: int(r.grade), position: int(r.position), chapter: (r.chapter as string | null) ?? null, title: String(r.title),
    periods: int(r.periods), outcomes: Array.isArray(outcomes) ? outcomes.map(String) : [],
    createdAt: String(r.created_at), updatedAt: String(r.updated_at),
  };
}
