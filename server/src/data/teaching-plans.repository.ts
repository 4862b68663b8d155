import type { Knex } from 'knex';
import type { PlanMode, PlanReview, PlanStatus, ReviewAction } from '../contracts/teaching-plans.schema.js';
import type { HeldRecord, PlanRow, StoredWeek, TeachingPlanRepository, VersionRow } from '../domain/plans/plan.types.js';
import { schoolDayBounds } from '../domain/live/school-time.js';
import { insertedId, int } from './rows.js';

const intOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : int(v));

/** Teaching plans, their versions, weeks and review steps, and what was held (Art. 8.1.c), for SQLite and PostgreSQL. */
export class KnexTeachingPlanRepository implements TeachingPlanRepository {
  constructor(private readonly db: Knex) {}

  async findPlan(classId: number, subjectId: number, schoolYearId: number, periodKey: string) {
    const r = await this.db('teaching_plans').where({ class_id: classId, subject_id: subjectId, school_year_id: schoolYearId, period_key: periodKey }).first('id');
    return r ? int(r.id) : undefined;
  }

  async createPlan(p: { classId: number; subjectId: number; schoolYearId: number; semesterId: number | null; periodKey: string; createdBy: number; createdAt: string }) {
    return insertedId(await this.db('teaching_plans').insert({
      class_id: p.classId, subject_id: p.subjectId, school_year_id: p.schoolYearId, semester_id: p.semesterId, period_key: p.periodKey, created_by: p.createdBy, created_at: p.createdAt,
    }).returning('id'));
  }

  private plans() {
    return this.db('teaching_plans as tp')
      .join('classes as c', 'c.id', 'tp.class_id')
      .join('subjects as s', 's.id', 'tp.subject_id')
      .join('school_years as y', 'y.id', 'tp.school_year_id')
      .leftJoin('semesters as sm', 'sm.id', 'tp.semester_id')
      .leftJoin('subject_groups as g', 'g.id', 's.subject_group_id')
      .select('tp.*', 'c.name as class_name', 'c.grade', 's.name as subject_name', 's.subject_group_id', 'g.leader_id', 'y.name as year_name', 'sm.number as semester_number');
  }

  private plan(r: Record<string, unknown>): PlanRow {
    return {
      id: int(r.id), classId: int(r.class_id), className: String(r.class_name), grade: int(r.grade), subjectId: int(r.subject_id), subjectName: String(r.subject_name),
      subjectGroupId: intOrNull(r.subject_group_id), groupLeaderId: intOrNull(r.leader_id), schoolYearId: int(r.school_year_id), schoolYearName: String(r.year_name),
      semesterId: intOrNull(r.semester_id), semesterNumber: intOrNull(r.semester_number), createdBy: int(r.created_by), createdAt: String(r.created_at),
    };
  }

  async getPlan(id: number) {
    const r = await this.plans().where('tp.id', id).first();
    return r ? this.plan(r) : undefined;
  }

  async listPlans(f: { schoolYearId?: number; classId?: number; subjectId?: number; classIds?: number[] }) {
    const q = this.plans().orderBy([{ column: 'c.grade' }, { column: 'c.name' }, { column: 's.name' }, { column: 'tp.id' }]);
    if (f.schoolYearId !== undefined) q.where('tp.school_year_id', f.schoolYearId);
    if (f.classId !== undefined) q.where('tp.class_id', f.classId);
    if (f.subjectId !== undefined) q.where('tp.subject_id', f.subjectId);
    if (f.classIds) q.whereIn('tp.class_id', f.classIds.length ? f.classIds : [0]);
    return (await q).map((r) => this.plan(r));
  }

  private version(r: Record<string, unknown>): VersionRow {
    return {
      id: int(r.id), planId: int(r.plan_id), number: int(r.number), status: r.status as PlanStatus, note: String(r.note ?? ''),
      authorId: int(r.author_id), authorName: String(r.author_name), createdAt: String(r.created_at), updatedAt: String(r.updated_at),
      submittedAt: (r.submitted_at as string | null) ?? null, approvedAt: (r.approved_at as string | null) ?? null,
    };
  }

  async versions(planIds: number[]) {
    if (!planIds.length) return [];
    const rows = await this.db('teaching_plan_versions as v').join('people as p', 'p.id', 'v.author_id')
      .whereIn('v.plan_id', planIds).orderBy([{ column: 'v.plan_id' }, { column: 'v.number' }]).select('v.*', 'p.full_name as author_name');
    return rows.map((r) => this.version(r));
  }

  async getVersion(id: number) {
    const r = await this.db('teaching_plan_versions as v').join('people as p', 'p.id', 'v.author_id').where('v.id', id).first('v.*', 'p.full_name as author_name');
    return r ? this.version(r) : undefined;
  }

  async createVersion(v: { planId: number; number: number; authorId: number; note: string; at: string }) {
    return insertedId(await this.db('teaching_plan_versions').insert({
      plan_id: v.planId, number: v.number, status: 'draft', note: v.note, author_id: v.authorId, created_at: v.at, updated_at: v.at,
    }).returning('id'));
  }

  async updateVersion(id: number, p: { status?: PlanStatus; note?: string; updatedAt: string; submittedAt?: string | null; approvedAt?: string }) {
    const row: Record<string, unknown> = { updated_at: p.updatedAt };
    if (p.status !== undefined) row.status = p.status;
    if (p.note !== undefined) row.note = p.note;
    if (p.submittedAt !== undefined) row.submitted_at = p.submittedAt;
    if (p.approvedAt !== undefined) row.approved_at = p.approvedAt;
    await this.db('teaching_plan_versions').where({ id }).update(row);
  }

  async weeks(versionId: number): Promise<StoredWeek[]> {
    const rows = await this.db('teaching_plan_weeks').where({ version_id: versionId }).orderBy('week');
    if (!rows.length) return [];
    const links = await this.db('teaching_plan_week_lessons').whereIn('week_id', rows.map((r) => int(r.id))).orderBy([{ column: 'week_id' }, { column: 'position' }]);
    return rows.map((r) => ({
      week: int(r.week), periods: int(r.periods), mode: r.mode as PlanMode, content: r.content ?? '', materials: r.materials ?? '', tasks: r.tasks ?? '',
      lessonIds: links.filter((l) => int(l.week_id) === int(r.id)).map((l) => int(l.curriculum_lesson_id)),
    }));
  }

  async weekLessons(versionIds: number[]) {
    if (!versionIds.length) return [];
    const rows = await this.db('teaching_plan_weeks as w').join('teaching_plan_week_lessons as l', 'l.week_id', 'w.id')
      .whereIn('w.version_id', versionIds).select('w.version_id', 'w.week', 'l.curriculum_lesson_id');
    return rows.map((r) => ({ versionId: int(r.version_id), week: int(r.week), lessonId: int(r.curriculum_lesson_id) }));
  }

  async replaceWeeks(versionId: number, weeks: StoredWeek[]) {
    const old = await this.db('teaching_plan_weeks').where({ version_id: versionId }).select('id');
    if (old.length) {
      await this.db('teaching_plan_week_lessons').whereIn('week_id', old.map((r) => int(r.id))).delete();
      await this.db('teaching_plan_weeks').where({ version_id: versionId }).delete();
    }
    for (const w of weeks) {
      const id = insertedId(await this.db('teaching_plan_weeks').insert({
        version_id: versionId, week: w.week, periods: w.periods, mode: w.mode, content: w.content, materials: w.materials, tasks: w.tasks,
      }).returning('id'));
      if (w.lessonIds.length) await this.db('teaching_plan_week_lessons').insert(w.lessonIds.map((lessonId, i) => ({ week_id: id, curriculum_lesson_id: lessonId, position: i + 1 })));
    }
  }

  async addReview(r: { versionId: number; action: ReviewAction; fromStatus: PlanStatus; toStatus: PlanStatus; actorId: number; at: string; comment: string | null }) {
    return insertedId(await this.db('teaching_plan_reviews').insert({
      version_id: r.versionId, action: r.action, from_status: r.fromStatus, to_status: r.toStatus, actor_id: r.actorId, at: r.at, comment: r.comment,
    }).returning('id'));
  }

  async reviews(versionId: number): Promise<PlanReview[]> {
    const rows = await this.db('teaching_plan_reviews as r').join('people as p', 'p.id', 'r.actor_id').where('r.version_id', versionId).orderBy('r.id').select('r.*', 'p.full_name as actor_name');
    return rows.map((r) => ({
      id: int(r.id), action: r.action, fromStatus: r.from_status, toStatus: r.to_status, actorId: int(r.actor_id), actorName: r.actor_name, at: r.at, comment: r.comment ?? null,
    }));
  }

  async held(f: { classIds: number[]; subjectId?: number; from: string; to: string }): Promise<HeldRecord[]> {
    if (!f.classIds.length) return [];
    const from = schoolDayBounds(f.from).from;
    const to = schoolDayBounds(f.to).to;
    const live = this.db('live_lessons as ll').leftJoin('curriculum_lessons as cl', 'cl.id', 'll.curriculum_lesson_id')
      .whereIn('ll.class_id', f.classIds).whereNotNull('ll.started_at').whereNot('ll.status', 'cancelled')
      .where('ll.started_at', '>=', from).where('ll.started_at', '<', to)
      .orderBy('ll.started_at').select('ll.id', 'll.class_id', 'll.subject_id', 'll.curriculum_lesson_id', 'll.topic', 'll.mode', 'll.started_at', 'cl.title as lesson_title');
    if (f.subjectId !== undefined) live.where('ll.subject_id', f.subjectId);
    const taught = this.db('teaching_plan_taught as t').join('curriculum_lessons as cl', 'cl.id', 't.curriculum_lesson_id')
      .whereIn('t.class_id', f.classIds).where('t.taught_on', '>=', f.from).where('t.taught_on', '<=', f.to)
      .orderBy('t.taught_on').select('t.class_id', 't.subject_id', 't.curriculum_lesson_id', 't.taught_on', 'cl.title');
    if (f.subjectId !== undefined) taught.where('t.subject_id', f.subjectId);
    const out: HeldRecord[] = (await live).map((r) => ({
      classId: int(r.class_id), subjectId: int(r.subject_id), source: 'live' as const, liveLessonId: int(r.id), curriculumLessonId: intOrNull(r.curriculum_lesson_id),
      title: r.lesson_title ?? r.topic, mode: r.mode as PlanMode, at: r.started_at,
    }));
    for (const r of await taught) {
      out.push({ classId: int(r.class_id), subjectId: int(r.subject_id), source: 'in_person', liveLessonId: null, curriculumLessonId: int(r.curriculum_lesson_id), title: r.title, mode: 'in_person', at: r.taught_on });
    }
    return out;
  }

  async markTaught(t: { classId: number; subjectId: number; curriculumLessonId: number; taughtOn: string; recordedBy: number; at: string }) {
    const where = { class_id: t.classId, subject_id: t.subjectId, curriculum_lesson_id: t.curriculumLessonId };
    const row = { taught_on: t.taughtOn, recorded_by: t.recordedBy, recorded_at: t.at };
    const n = await this.db('teaching_plan_taught').where(where).update(row);
    if (!n) await this.db('teaching_plan_taught').insert({ ...where, ...row });
  }

  async unmarkTaught(classId: number, subjectId: number, curriculumLessonId: number) {
    return (await this.db('teaching_plan_taught').where({ class_id: classId, subject_id: subjectId, curriculum_lesson_id: curriculumLessonId }).delete()) > 0;
  }

  async publishedMaterials(lessonIds: number[]) {
    if (!lessonIds.length) return [];
    const rows = await this.db('materials as m').join('material_versions as v', 'v.id', 'm.published_version_id')
      .whereIn('v.curriculum_lesson_id', lessonIds).orderBy('m.id').select('m.id', 'v.title', 'v.curriculum_lesson_id');
    return rows.map((r) => ({ id: int(r.id), title: r.title, curriculumLessonId: int(r.curriculum_lesson_id) }));
  }

  async tasks(classId: number, subjectId: number, fromInstant: string, toInstant: string) {
    const rows = await this.db('tasks').where({ class_id: classId, subject_id: subjectId }).whereNull('deleted_at')
      .where('opens_at', '>=', fromInstant).where('opens_at', '<', toInstant).orderBy('opens_at').select('id', 'title', 'curriculum_lesson_id', 'opens_at');
    return rows.map((r) => ({ id: int(r.id), title: r.title, curriculumLessonId: intOrNull(r.curriculum_lesson_id), opensAt: r.opens_at }));
  }

  async personName(id: number) {
    const r = await this.db('people').where({ id }).first('full_name');
    return r ? String(r.full_name) : null;
  }
}

