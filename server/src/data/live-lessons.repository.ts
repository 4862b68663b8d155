import type { Knex } from 'knex';
import type { LessonFilter, LiveLessonRepository } from '../domain/live/live.repository.js';
import type { LessonMode, LessonStatus, LiveLesson } from '../domain/live/live.types.js';
import { bool, insertedId, int } from './rows.js';

const optInt = (v: unknown) => (v === null || v === undefined ? null : int(v));

export class KnexLiveLessonRepository implements LiveLessonRepository {
  constructor(private readonly db: Knex) {}

  private query() {
    return this.db('live_lessons as l')
      .join('classes as c', 'c.id', 'l.class_id')
      .join('subjects as s', 's.id', 'l.subject_id')
      .join('people as t', 't.id', 'l.teacher_id')
      .select('l.*', 'c.name as class_name', 'c.school_year_id', 's.name as subject_name', 't.full_name as teacher_name')
      .orderBy([{ column: 'l.starts_at' }, { column: 'l.id' }]);
  }

  private map(r: Record<string, unknown>): LiveLesson {
    return {
      id: int(r.id), classId: int(r.class_id), className: String(r.class_name), schoolYearId: int(r.school_year_id),
      subjectId: int(r.subject_id), subjectName: String(r.subject_name), teacherId: int(r.teacher_id), teacherName: String(r.teacher_name),
      topic: String(r.topic), startsAt: String(r.starts_at), endsAt: String(r.ends_at), mode: r.mode as LessonMode, status: r.status as LessonStatus,
      recordingAllowed: bool(r.recording_allowed), decisionId: optInt(r.decision_id), curriculumLessonId: optInt(r.curriculum_lesson_id), createdAt: String(r.created_at),
      startedAt: (r.started_at as string | null) ?? null, endedAt: (r.ended_at as string | null) ?? null,
      cancelledAt: (r.cancelled_at as string | null) ?? null, cancelReason: (r.cancel_reason as string | null) ?? null,
    };
  }

  async create(i: Parameters<LiveLessonRepository['create']>[0]) {
    return insertedId(await this.db('live_lessons').insert({
      class_id: i.classId, subject_id: i.subjectId, teacher_id: i.teacherId, topic: i.topic, starts_at: i.startsAt, ends_at: i.endsAt,
      mode: i.mode, status: 'scheduled', recording_allowed: i.recordingAllowed, decision_id: i.decisionId, created_by_id: i.createdById, created_at: i.createdAt,
      curriculum_lesson_id: i.curriculumLessonId ?? null,
    }).returning('id'));
  }

  async get(id: number) {
    const r = await this.query().where('l.id', id).first();
    return r ? this.map(r) : undefined;
  }

  async list(f: LessonFilter) {
    const q = this.query().limit(f.limit);
    if (f.fromAt) q.where('l.starts_at', '>=', f.fromAt);
    if (f.toAt) q.where('l.starts_at', '<', f.toAt);
    if (f.classId !== undefined) q.where('l.class_id', f.classId);
    if (f.teacherId !== undefined) q.where('l.teacher_id', f.teacherId);
    const scope = f.visibleTo;
    if (scope) {
      if (!scope.classIds.length && scope.teacherId === null) return [];
      q.where((w) => {
        if (scope.classIds.length) w.whereIn('l.class_id', scope.classIds);
        if (scope.teacherId !== null) w.orWhere('l.teacher_id', scope.teacherId);
      });
    }
    return (await q).map((r) => this.map(r));
  }

  async overlapping(o: { classId: number; teacherId: number; startsAt: string; endsAt: string }) {
    const rows = await this.db('live_lessons')
      .whereNot('status', 'cancelled')
      .where('starts_at', '<', o.endsAt)
      // A lesson ended early frees the rest of its slot (a teacher may open another one then).
      .where((w) => w.where((x) => x.whereNot('status', 'ended').where('ends_at', '>', o.startsAt))
        .orWhere((x) => x.where('status', 'ended').where('ended_at', '>', o.startsAt)))
      .where((w) => w.where('class_id', o.classId).orWhere('teacher_id', o.teacherId))
      .select('id', 'class_id', 'teacher_id');
    return rows.map((r) => ({ id: int(r.id), classId: int(r.class_id), teacherId: int(r.teacher_id) }));
  }

  async setStatus(id: number, status: LessonStatus, at: string, cancelReason: string | null = null) {
    const stamp = status === 'live' ? { started_at: at } : status === 'ended' ? { ended_at: at } : status === 'cancelled' ? { cancelled_at: at, cancel_reason: cancelReason } : {};
    await this.db('live_lessons').where({ id }).update({ status, ...stamp });
  }

  async idsByDecision(decisionId: number, status: LessonStatus) {
    return (await this.db('live_lessons').where({ decision_id: decisionId, status }).orderBy('id').pluck('id')).map(int);
  }
}
