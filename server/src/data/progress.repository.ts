import type { Knex } from 'knex';
import type { MaterialAccess, MaterialInfo, ProgressRecord, ProgressRepository, QuizSummary } from '../domain/progress/progress.types.js';
import { insertedId, int } from './rows.js';

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

function toRecord(r: Record<string, unknown>): ProgressRecord {
  return {
    id: int(r.id), studentId: int(r.student_id), materialId: int(r.material_id), firstOpenedAt: String(r.first_opened_at), lastSeenAt: String(r.last_seen_at),
    openCount: int(r.open_count), activeMs: int(r.active_ms), creditedUntil: String(r.credited_until), completedAt: (r.completed_at as string | null) ?? null,
    bestScore: num(r.best_score), lastScore: num(r.last_score), scoreCount: int(r.score_count), scoredAt: (r.scored_at as string | null) ?? null,
  };
}

const COLUMNS: Record<string, string> = {
  firstOpenedAt: 'first_opened_at', lastSeenAt: 'last_seen_at', openCount: 'open_count', activeMs: 'active_ms', creditedUntil: 'credited_until',
  completedAt: 'completed_at', bestScore: 'best_score', lastScore: 'last_score', scoreCount: 'score_count', scoredAt: 'scored_at',
};

/**
 * Progress records, and what progress needs to know of the materials (0009) and quizzes (0012)
 * modules, read from their tables: those modules reference nothing of this one.
 */
export class KnexProgressRepository implements ProgressRepository {
  constructor(private readonly db: Knex) {}

  async get(studentId: number, materialId: number) {
    const row = await this.db('progress_records').where({ student_id: studentId, material_id: materialId }).first();
    return row ? toRecord(row) : undefined;
  }

  async insert(r: Omit<ProgressRecord, 'id'>) {
    return insertedId(await this.db('progress_records').insert({
      student_id: r.studentId, material_id: r.materialId, first_opened_at: r.firstOpenedAt, last_seen_at: r.lastSeenAt, open_count: r.openCount,
      active_ms: r.activeMs, credited_until: r.creditedUntil, completed_at: r.completedAt, best_score: r.bestScore, last_score: r.lastScore,
      score_count: r.scoreCount, scored_at: r.scoredAt,
    }).returning('id'));
  }

  async update(id: number, patch: Partial<Omit<ProgressRecord, 'id' | 'studentId' | 'materialId'>>) {
    const row: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(patch)) {
      const col = COLUMNS[k];
      if (col && v !== undefined) row[col] = v;
    }
    if (Object.keys(row).length) await this.db('progress_records').where({ id }).update(row);
  }

  async forStudents(studentIds: number[], materialIds?: number[]) {
    if (!studentIds.length || (materialIds && !materialIds.length)) return [];
    const out: ProgressRecord[] = [];
    // Chunks keep the IN lists under SQLite's variable limit.
    for (let i = 0; i < studentIds.length; i += 400) {
      const q = this.db('progress_records').whereIn('student_id', studentIds.slice(i, i + 400));
      if (materialIds) q.whereIn('material_id', materialIds);
      out.push(...(await q).map(toRecord));
    }
    return out;
  }

  /** Art. 7.3: a student sees a material only once a version is published, and only of their grade. */
  async materialAccess(materialId: number, student: { grade: number | null }): Promise<MaterialAccess> {
    const m = await this.db('materials').where({ id: materialId }).first('id', 'grade', 'published_version_id');
    if (!m) return 'missing';
    if (m.published_version_id === null || m.published_version_id === undefined) return 'not_visible';
    if (student.grade === null || int(m.grade) !== student.grade) return 'not_visible';
    return 'visible';
  }

  private materialQuery() {
    return this.db('materials as m')
      .join('material_versions as v', 'v.id', 'm.published_version_id')
      .leftJoin('curriculum_lessons as l', 'l.id', 'v.curriculum_lesson_id')
      .select('m.id', 'm.subject_id', 'm.grade', 'v.title', 'v.curriculum_lesson_id', 'l.position');
  }

  private static toInfo(r: Record<string, unknown>): MaterialInfo {
    return {
      id: int(r.id), title: String(r.title), subjectId: int(r.subject_id), grade: int(r.grade),
      curriculumLessonId: r.curriculum_lesson_id === null || r.curriculum_lesson_id === undefined ? null : int(r.curriculum_lesson_id), known: true,
    };
  }

  async publishedMaterials(subjectId: number, grade: number) {
    const rows = await this.materialQuery().where('m.subject_id', subjectId).where('m.grade', grade).whereNotNull('m.published_version_id');
    // In the curriculum's order (materials without a lesson last), then by id.
    rows.sort((a: Record<string, unknown>, b: Record<string, unknown>) =>
      (a.position === null ? 1e9 : int(a.position)) - (b.position === null ? 1e9 : int(b.position)) || int(a.id) - int(b.id));
    return rows.map((r: Record<string, unknown>) => KnexProgressRepository.toInfo(r));
  }

  async describeMaterials(ids: number[]) {
    const out = new Map<number, MaterialInfo>();
    if (!ids.length) return out;
    const rows = await this.db('materials as m')
      .join('material_versions as v', 'v.material_id', 'm.id')
      .whereIn('m.id', ids)
      .select('m.id', 'm.subject_id', 'm.grade', 'v.title', 'v.curriculum_lesson_id', 'v.number', 'm.published_version_id', 'v.id as version_id')
      .orderBy('v.number');
    // The published version's title, else the latest version's (rows come in version order).
    const published = new Set<number>();
    for (const r of rows) {
      const id = int(r.id);
      if (published.has(id)) continue;
      out.set(id, KnexProgressRepository.toInfo(r));
      if (r.published_version_id !== null && r.published_version_id !== undefined && int(r.published_version_id) === int(r.version_id)) published.add(id);
    }
    return out;
  }

  async classQuizzes(classId: number, subjectId: number): Promise<QuizSummary[] | null> {
    const rows = await this.db('quizzes as q').join('quiz_classes as qc', 'qc.quiz_id', 'q.id')
      .where('qc.class_id', classId).where('q.subject_id', subjectId).where('q.status', 'published')
      .select('q.id', 'q.title', 'q.opens_at').orderBy('q.opens_at', 'desc');
    return rows.map((r: Record<string, unknown>) => ({ id: int(r.id), title: String(r.title) }));
  }
}
