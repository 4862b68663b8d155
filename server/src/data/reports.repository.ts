import type { Knex } from 'knex';
import type { SemesterFigures } from '../contracts/reports.schema.js';
import type {
  AlertRow, AttemptRow, LessonRow, MetricBucketRow, ProgressRow, QuizRow, ReportsRepository, ReviewRow, SemesterReportRecord, SemesterRow,
  TaskRow, TeacherActivityRow,
} from '../domain/reports/report.types.js';
import { insertedId, int } from './rows.js';

const num = (v: unknown) => (typeof v === 'number' ? v : Number(v));
const str = (v: unknown) => (v === null || v === undefined ? null : String(v));
/** Large IN lists are split: SQLite binds at most 32 766 values, PostgreSQL 65 535. */
const CHUNK = 500;
const chunks = <T>(xs: readonly T[]): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += CHUNK) out.push(xs.slice(i, i + CHUNK));
  return out;
};

/**
 * The reports' queries (Art. 9.2.c, 15.6): the semester_reports table, and read-only aggregates over
 * the live lessons, materials, progress, quizzes, tasks, gradebook and device health tables.
 * Instants are ISO text, so ranges compare as text on both dialects.
 */
export class KnexReportsRepository implements ReportsRepository {
  constructor(private readonly db: Knex) {}

  // -------------------------------------------------------------------------------------------
  // semester_reports

  async semesters(): Promise<SemesterRow[]> {
    const rows = await this.db('semesters as s').join('school_years as y', 'y.id', 's.school_year_id')
      .leftJoin('semester_reports as r', 'r.semester_id', 's.id')
      .select('s.id', 's.number', 's.school_year_id', 'y.name as year_name', 's.starts_on', 's.ends_on', 'r.id as report_id', 'r.status as report_status')
      .orderBy([{ column: 's.starts_on', order: 'desc' }]);
    return rows.map((r) => ({
      id: int(r.id), number: int(r.number), schoolYearId: int(r.school_year_id), schoolYearName: String(r.year_name), startsOn: r.starts_on, endsOn: r.ends_on,
      reportId: r.report_id === null || r.report_id === undefined ? null : int(r.report_id), reportStatus: r.report_status ?? null,
    }));
  }

  private reportQuery() {
    return this.db('semester_reports as r')
      .leftJoin('people as u', 'u.id', 'r.updated_by_id')
      .leftJoin('people as f', 'f.id', 'r.finalized_by_id')
      .select('r.*', 'u.full_name as updated_by_name', 'f.full_name as finalized_by_name');
  }

  private toReport(r: Record<string, unknown>): SemesterReportRecord {
    return {
      id: int(r.id), semesterId: int(r.semester_id), status: r.status as 'draft' | 'finalized', addressee: String(r.addressee),
      difficulties: String(r.difficulties ?? ''), causes: String(r.causes ?? ''), proposals: String(r.proposals ?? ''),
      figures: JSON.parse(String(r.figures)) as SemesterFigures, figuresComputedAt: String(r.figures_computed_at),
      createdById: int(r.created_by_id), createdAt: String(r.created_at), updatedAt: String(r.updated_at), updatedByName: str(r.updated_by_name),
      finalizedAt: str(r.finalized_at), finalizedByName: str(r.finalized_by_name),
      pdfPath: str(r.pdf_path), pdfSha256: str(r.pdf_sha256), xlsxPath: str(r.xlsx_path), xlsxSha256: str(r.xlsx_sha256),
      archiveSeq: r.archive_seq === null || r.archive_seq === undefined ? null : int(r.archive_seq),
    };
  }

  async getReport(id: number) {
    const row = await this.reportQuery().where('r.id', id).first();
    return row ? this.toReport(row) : undefined;
  }

  async reportOfSemester(semesterId: number) {
    const row = await this.reportQuery().where('r.semester_id', semesterId).first();
    return row ? this.toReport(row) : undefined;
  }

  async createReport(r: { semesterId: number; addressee: string; figures: SemesterFigures; computedAt: string; byId: number }) {
    return insertedId(await this.db('semester_reports').insert({
      semester_id: r.semesterId, status: 'draft', addressee: r.addressee, difficulties: '', causes: '', proposals: '',
      figures: JSON.stringify(r.figures), figures_computed_at: r.computedAt, created_by_id: r.byId, created_at: r.computedAt,
      updated_by_id: r.byId, updated_at: r.computedAt,
    }).returning('id'));
  }

  async updateText(id: number, t: { addressee: string; difficulties: string; causes: string; proposals: string; byId: number; at: string }) {
    await this.db('semester_reports').where({ id, status: 'draft' }).update({
      addressee: t.addressee, difficulties: t.difficulties, causes: t.causes, proposals: t.proposals, updated_by_id: t.byId, updated_at: t.at,
    });
  }

  async updateFigures(id: number, figures: SemesterFigures, at: string, byId: number) {
    await this.db('semester_reports').where({ id, status: 'draft' }).update({ figures: JSON.stringify(figures), figures_computed_at: at, updated_at: at, updated_by_id: byId });
  }

  async finalize(id: number, f: { byId: number; at: string; pdfPath: string; pdfSha256: string; xlsxPath: string; xlsxSha256: string }) {
    const n = await this.db('semester_reports').where({ id, status: 'draft' }).update({
      status: 'finalized', finalized_by_id: f.byId, finalized_at: f.at, pdf_path: f.pdfPath, pdf_sha256: f.pdfSha256, xlsx_path: f.xlsxPath, xlsx_sha256: f.xlsxSha256,
    });
    return int(n) === 1;
  }

  async setArchiveSeq(id: number, seq: number) {
    await this.db('semester_reports').where({ id }).update({ archive_seq: seq });
  }

  // -------------------------------------------------------------------------------------------
  // Figures

  async lessons(from: string, to: string, filter: { classIds?: number[]; teacherId?: number } = {}): Promise<LessonRow[]> {
    const q = this.db('live_lessons as l')
      .join('classes as c', 'c.id', 'l.class_id')
      .join('subjects as s', 's.id', 'l.subject_id')
      .join('people as p', 'p.id', 'l.teacher_id')
      .where('l.starts_at', '>=', from).where('l.starts_at', '<', to)
      .select('l.id', 'l.class_id', 'c.name as class_name', 'c.grade', 'l.subject_id', 's.name as subject_name', 'l.teacher_id', 'p.full_name as teacher_name',
        'l.mode', 'l.status', 'l.starts_at', 'l.ends_at', 'l.started_at', 'l.ended_at')
      .orderBy([{ column: 'l.starts_at' }, { column: 'l.id' }]);
    if (filter.classIds) q.whereIn('l.class_id', filter.classIds);
    if (filter.teacherId !== undefined) q.where('l.teacher_id', filter.teacherId);
    const rows = await q;
    if (!rows.length) return [];
    const classIds = [...new Set(rows.map((r) => int(r.class_id)))];
    const enrolled = new Map<number, number>();
    for (const part of chunks(classIds)) {
      for (const e of (await this.db('enrolments').whereIn('class_id', part).groupBy('class_id').select('class_id').count({ n: '*' })) as Record<string, unknown>[]) enrolled.set(int(e.class_id), int(e.n));
    }
    // Present: enrolled students of the lesson's class who joined it at least once.
    const presentQ = this.db('live_attendance as a')
      .join('live_lessons as l', 'l.id', 'a.lesson_id')
      .join('enrolments as e', function () { this.on('e.class_id', '=', 'l.class_id').andOn('e.student_id', '=', 'a.person_id'); })
      .where('l.starts_at', '>=', from).where('l.starts_at', '<', to)
      .groupBy('a.lesson_id').select('a.lesson_id').countDistinct({ n: 'a.person_id' });
    if (filter.classIds) presentQ.whereIn('l.class_id', filter.classIds);
    if (filter.teacherId !== undefined) presentQ.where('l.teacher_id', filter.teacherId);
    const present = new Map(((await presentQ) as Record<string, unknown>[]).map((r) => [int(r.lesson_id), int(r.n)]));
    return rows.map((r) => ({
      id: int(r.id), classId: int(r.class_id), className: String(r.class_name), grade: int(r.grade), subjectId: int(r.subject_id), subjectName: String(r.subject_name),
      teacherId: int(r.teacher_id), teacherName: String(r.teacher_name), mode: r.mode, status: r.status, startsAt: r.starts_at, endsAt: r.ends_at,
      startedAt: r.started_at ?? null, endedAt: r.ended_at ?? null, enrolled: enrolled.get(int(r.class_id)) ?? 0, present: present.get(int(r.id)) ?? 0,
    }));
  }

  async attendanceByStudent(classId: number, from: string, to: string) {
    const rows = await this.db('live_attendance as a')
      .join('live_lessons as l', 'l.id', 'a.lesson_id')
      .join('enrolments as e', function () { this.on('e.class_id', '=', 'l.class_id').andOn('e.student_id', '=', 'a.person_id'); })
      .where('l.class_id', classId).where('l.starts_at', '>=', from).where('l.starts_at', '<', to)
      .whereNotNull('l.started_at').whereIn('l.status', ['ended', 'live'])
      .groupBy('a.person_id').select('a.person_id').countDistinct({ n: 'a.lesson_id' }) as Record<string, unknown>[];
    return new Map(rows.map((r) => [int(r.person_id), int(r.n)]));
  }

  async reviews(from: string, to: string): Promise<ReviewRow[]> {
    const rows = await this.db('material_reviews as r').join('materials as m', 'm.id', 'r.material_id').join('subjects as s', 's.id', 'm.subject_id')
      .where('r.at', '>=', from).where('r.at', '<', to)
      .select('r.action', 'r.at', 'r.material_id', 'm.subject_id', 's.name as subject_name', 'm.grade', 'r.actor_id', 'm.owner_id');
    return rows.map((r) => ({
      action: String(r.action), at: String(r.at), materialId: int(r.material_id), subjectId: int(r.subject_id), subjectName: String(r.subject_name),
      grade: int(r.grade), actorId: int(r.actor_id), ownerId: int(r.owner_id),
    }));
  }

  async publishedMaterials(before: string) {
    const row = await this.db('materials').whereNotNull('published_version_id').where('published_at', '<', before).count({ n: '*' }).first();
    return int(row?.n);
  }

  async progress(from: string, to: string, studentIds?: number[]): Promise<ProgressRow[]> {
    const read = (ids?: number[]) => {
      const q = this.db('progress_records').where('first_opened_at', '<', to).where('last_seen_at', '>=', from)
        .select('student_id', 'material_id', 'first_opened_at', 'last_seen_at', 'completed_at', 'active_ms');
      if (ids) q.whereIn('student_id', ids);
      return q;
    };
    const rows = studentIds ? (await Promise.all(chunks(studentIds).map((p) => read(p)))).flat() : await read();
    return rows.map((r) => ({
      studentId: int(r.student_id), materialId: int(r.material_id), firstOpenedAt: String(r.first_opened_at), lastSeenAt: String(r.last_seen_at),
      completedAt: str(r.completed_at), activeMs: int(r.active_ms),
    }));
  }

  async quizzes(from: string, to: string, classId?: number): Promise<QuizRow[]> {
    const q = this.db('quizzes as q').where('q.status', 'published').where('q.opens_at', '>=', from).where('q.opens_at', '<', to)
      .select('q.id', 'q.kind', 'q.created_by_id', 'q.opens_at').orderBy('q.id');
    if (classId !== undefined) q.whereExists(this.db('quiz_classes as qc').whereRaw('qc.quiz_id = q.id').where('qc.class_id', classId));
    const rows = await q;
    const ids = rows.map((r) => int(r.id));
    const links = ids.length ? (await Promise.all(chunks(ids).map((p) => this.db('quiz_classes').whereIn('quiz_id', p).select('quiz_id', 'class_id')))).flat() : [];
    return rows.map((r) => ({
      id: int(r.id), kind: r.kind, createdById: int(r.created_by_id), opensAt: String(r.opens_at),
      classIds: links.filter((l) => int(l.quiz_id) === int(r.id)).map((l) => int(l.class_id)),
    }));
  }

  async attempts(quizIds: number[]): Promise<AttemptRow[]> {
    if (!quizIds.length) return [];
    const rows = (await Promise.all(chunks(quizIds).map((p) => this.db('quiz_attempts').whereIn('quiz_id', p)
      .select('quiz_id', 'student_id', 'status', 'score', 'max_score', 'submitted_at')))).flat();
    return rows.map((r) => ({
      quizId: int(r.quiz_id), studentId: int(r.student_id), status: String(r.status), score: r.score === null || r.score === undefined ? null : num(r.score),
      maxScore: num(r.max_score), submittedAt: str(r.submitted_at),
    }));
  }

  async tasks(from: string, to: string, classId?: number): Promise<TaskRow[]> {
    const q = this.db('tasks').whereNull('deleted_at').where('opens_at', '>=', from).where('opens_at', '<', to)
      .select('id', 'class_id', 'subject_id', 'teacher_id', 'audience', 'opens_at').orderBy('id');
    if (classId !== undefined) q.where('class_id', classId);
    const rows = await q;
    if (!rows.length) return [];
    const ids = rows.map((r) => int(r.id));
    const classIds = [...new Set(rows.map((r) => int(r.class_id)))];
    const enrol = (await Promise.all(chunks(classIds).map((p) => this.db('enrolments').whereIn('class_id', p).select('class_id', 'student_id')))).flat();
    const assignees = (await Promise.all(chunks(ids).map((p) => this.db('task_assignees').whereIn('task_id', p).select('task_id', 'student_id')))).flat();
    const subs = (await Promise.all(chunks(ids).map((p) => this.db('task_submissions').whereIn('task_id', p).distinct('task_id', 'student_id')))).flat();
    const grades = (await Promise.all(chunks(ids).map((p) => this.db('task_grades').whereIn('task_id', p).where('status', 'graded').select('task_id', 'student_id')))).flat();
    const of = (list: Record<string, unknown>[], key: string, id: number) => [...new Set(list.filter((x) => int(x[key]) === id).map((x) => int(x.student_id)))];
    return rows.map((r) => {
      const id = int(r.id);
      return {
        id, classId: int(r.class_id), subjectId: int(r.subject_id), teacherId: int(r.teacher_id), audience: r.audience, opensAt: String(r.opens_at),
        studentIds: r.audience === 'class' ? of(enrol, 'class_id', int(r.class_id)) : of(assignees, 'task_id', id),
        submittedIds: of(subs, 'task_id', id),
        gradedIds: of(grades, 'task_id', id),
      };
    });
  }

  async hourBuckets(metrics: { exact?: string[]; prefix?: string }, from: string, to: string): Promise<MetricBucketRow[]> {
    const q = this.db('device_metric_buckets').where('resolution', 'hour').where('bucket_start', '>=', from).where('bucket_start', '<', to)
      .select('metric', 'bucket_start', 'avg', 'count').orderBy([{ column: 'metric' }, { column: 'bucket_start' }]);
    if (metrics.exact) q.whereIn('metric', metrics.exact);
    if (metrics.prefix !== undefined) q.where('metric', 'like', `${metrics.prefix.replace(/[%_\\]/g, (c) => `\\${c}`)}%`);
    const rows = await q;
    return rows.map((r) => ({ metric: String(r.metric), start: new Date(Date.parse(String(r.bucket_start))).toISOString(), avg: num(r.avg), count: int(r.count) }));
  }

  async alerts(from: string, to: string): Promise<AlertRow[]> {
    const rows = await this.db('device_alerts').where('raised_at', '<', to)
      .where((w) => { w.whereNull('cleared_at').orWhere('cleared_at', '>', from); })
      .select('rule', 'severity', 'raised_at', 'cleared_at').orderBy('raised_at');
    return rows.map((r) => ({ rule: String(r.rule), severity: String(r.severity), raisedAt: String(r.raised_at), clearedAt: str(r.cleared_at) }));
  }

  async teachers(schoolYearId: number) {
    const rows = await this.db('people as p')
      .whereIn('p.id', this.db('teaching_assignments as ta').join('classes as c', 'c.id', 'ta.class_id').where('c.school_year_id', schoolYearId).select('ta.teacher_id'))
      .select('p.id', 'p.full_name', 'p.personal_id', 'p.name_key').orderBy('p.name_key');
    return rows.map((r) => ({ id: int(r.id), fullName: String(r.full_name), personalId: str(r.personal_id), nameKey: String(r.name_key) }));
  }

  async teacherActivity(teacherIds: number[], from: string, to: string): Promise<TeacherActivityRow[]> {
    if (!teacherIds.length) return [];
    const count = async (q: Knex.QueryBuilder, key: string) => {
      const m = new Map<number, number>();
      for (const r of await q.groupBy(key).select(`${key} as tid`).count({ n: '*' })) m.set(int(r.tid), int(r.n));
      return m;
    };
    const out = new Map<number, TeacherActivityRow>(teacherIds.map((id) => [id, { teacherId: id, materialsAuthored: 0, materialsApproved: 0, tasksGiven: 0, quizzesGiven: 0, gradingDone: 0, answers: 0 }]));
    for (const ids of chunks(teacherIds)) {
      const authored = await count(this.db('materials').whereIn('owner_id', ids).where('created_at', '>=', from).where('created_at', '<', to), 'owner_id');
      const approved = await count(this.db('material_reviews as r').join('materials as m', 'm.id', 'r.material_id').where('r.action', 'approve')
        .whereIn('m.owner_id', ids).where('r.at', '>=', from).where('r.at', '<', to), 'm.owner_id');
      const tasks = await count(this.db('tasks').whereNull('deleted_at').whereIn('teacher_id', ids).where('opens_at', '>=', from).where('opens_at', '<', to), 'teacher_id');
      const quizzes = await count(this.db('quizzes').where('status', 'published').whereIn('created_by_id', ids).where('opens_at', '>=', from).where('opens_at', '<', to), 'created_by_id');
      const taskGrading = await count(this.db('task_grades').whereIn('graded_by_id', ids).where('graded_at', '>=', from).where('graded_at', '<', to), 'graded_by_id');
      const quizGrading = await count(this.db('quiz_answers').whereIn('graded_by_id', ids).where('graded_at', '>=', from).where('graded_at', '<', to), 'graded_by_id');
      const answers = await count(this.db('qa_answers').whereIn('author_id', ids).where('created_at', '>=', from).where('created_at', '<', to), 'author_id');
      for (const id of ids) {
        const row = out.get(id)!;
        row.materialsAuthored = authored.get(id) ?? 0;
        row.materialsApproved = approved.get(id) ?? 0;
        row.tasksGiven = tasks.get(id) ?? 0;
        row.quizzesGiven = quizzes.get(id) ?? 0;
        row.gradingDone = (taskGrading.get(id) ?? 0) + (quizGrading.get(id) ?? 0);
        row.answers = answers.get(id) ?? 0;
      }
    }
    return [...out.values()];
  }

  async gradebookScores(studentIds: number[], semesterIds: number[]) {
    const rows = (await Promise.all(chunks(studentIds).map((p) => this.db('gradebook_scores as g').join('subjects as s', 's.id', 'g.subject_id')
      .where('s.assessment', 'score').whereIn('g.student_id', p).whereIn('g.semester_id', semesterIds).whereNotNull('g.score_tenths')
      .select('g.student_id', 'g.score_tenths')))).flat();
    return rows.map((r) => ({ studentId: int(r.student_id), scoreTenths: int(r.score_tenths) }));
  }

  async teacherClassIds(teacherId: number, schoolYearId: number) {
    const taught = await this.db('teaching_assignments as ta').join('classes as c', 'c.id', 'ta.class_id')
      .where('ta.teacher_id', teacherId).where('c.school_year_id', schoolYearId).distinct('ta.class_id');
    const homeroom = await this.db('classes').where({ homeroom_teacher_id: teacherId, school_year_id: schoolYearId }).select('id');
    return { taught: taught.map((r) => int(r.class_id)), homeroom: homeroom.map((r) => int(r.id)) };
  }
}
