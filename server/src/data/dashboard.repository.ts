import type { Knex } from 'knex';
import type {
  AssignmentRow, DashboardLessonRow, DashboardRepository, FilledCellRow, LessonAttendanceRow, PendingGradingRow, QuizClassRow, WaitingVersionRow,
} from '../domain/dashboard/dashboard.types.js';
import type { LessonMode, LessonStatus } from '../domain/live/live.types.js';
import { int } from './rows.js';

const text = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
const intOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : int(v));

/**
 * The dashboard's read-only queries across modules' tables. Each one starts from an indexed column
 * (tests/api/dashboard.test.ts checks SQLite's query plans): live_lessons.starts_at,
 * live_attendance (lesson_id, …), enrolments (school_year_id, …), material_versions.status,
 * material_reviews.version_id, classes (school_year_id, …) → teaching_assignments (class_id, …),
 * gradebook_scores (student_id, semester_id), quizzes (status, closes_at), quiz_attempts (quiz_id, …).
 */
export class KnexDashboardRepository implements DashboardRepository {
  constructor(private readonly db: Knex) {}

  async lessonsStartingBetween(from: string, to: string): Promise<DashboardLessonRow[]> {
    const rows = await this.db('live_lessons as l')
      .join('classes as c', 'c.id', 'l.class_id')
      .join('subjects as s', 's.id', 'l.subject_id')
      .join('people as t', 't.id', 'l.teacher_id')
      .where('l.starts_at', '>=', from).where('l.starts_at', '<', to)
      .orderBy([{ column: 'l.starts_at' }, { column: 'l.id' }])
      .select('l.id', 'l.class_id', 'c.name as class_name', 'c.grade', 'l.subject_id', 's.name as subject_name', 't.full_name as teacher_name',
        'l.topic', 'l.mode', 'l.status', 'l.starts_at', 'l.ends_at', 'l.started_at');
    return rows.map((r) => ({
      id: int(r.id), classId: int(r.class_id), className: String(r.class_name), grade: int(r.grade), subjectId: int(r.subject_id),
      subjectName: String(r.subject_name), teacherName: String(r.teacher_name), topic: String(r.topic), mode: r.mode as LessonMode,
      status: r.status as LessonStatus, startsAt: String(r.starts_at), endsAt: String(r.ends_at), startedAt: text(r.started_at),
    }));
  }

  async lessonAttendance(lessonIds: readonly number[]): Promise<LessonAttendanceRow[]> {
    if (!lessonIds.length) return [];
    // Only the class's students count: the teacher and observing managers also have intervals.
    const rows = await this.db('live_attendance as a')
      .join('live_lessons as l', 'l.id', 'a.lesson_id')
      .join('enrolments as e', (j) => { j.on('e.class_id', 'l.class_id').andOn('e.student_id', 'a.person_id'); })
      .whereIn('a.lesson_id', [...lessonIds])
      .groupBy('a.lesson_id')
      .select('a.lesson_id', this.db.raw('count(distinct a.person_id) as joined'), this.db.raw('count(distinct case when a.left_at is null then a.person_id end) as present_now'));
    return rows.map((r: Record<string, unknown>) => ({ lessonId: int(r.lesson_id), joined: int(r.joined), presentNow: int(r.present_now) }));
  }

  async enrolledCounts(yearId: number) {
    const rows = await this.db('enrolments').where('school_year_id', yearId).groupBy('class_id').select('class_id').count({ n: '*' }) as Record<string, unknown>[];
    return rows.map((r) => ({ classId: int(r.class_id), students: int(r.n) }));
  }

  async waitingVersions(): Promise<WaitingVersionRow[]> {
    const passedAt = this.db('material_reviews as r').where('r.version_id', this.db.ref('v.id')).where('r.action', 'pass').max('r.at').as('passed_at');
    const rows = await this.db('material_versions as v')
      .join('materials as m', 'm.id', 'v.material_id')
      .join('subjects as s', 's.id', 'm.subject_id')
      .join('people as a', 'a.id', 'v.created_by')
      .leftJoin('subject_groups as g', 'g.id', 's.subject_group_id')
      .leftJoin('people as gl', 'gl.id', 'g.leader_id')
      .whereIn('v.status', ['submitted', 'passed'])
      .select('v.id as version_id', 'v.material_id', 'v.title', 'v.status', 'v.submitted_at', 'v.created_at', 's.name as subject_name', 'm.grade',
        'a.full_name as author_name', 'g.name as group_name', 'g.leader_id', 'gl.full_name as leader_name', passedAt);
    return rows.map((r) => ({
      materialId: int(r.material_id), versionId: int(r.version_id), title: String(r.title), subjectName: String(r.subject_name), grade: int(r.grade),
      status: r.status as 'submitted' | 'passed', authorName: String(r.author_name), groupName: text(r.group_name), leaderId: intOrNull(r.leader_id),
      leaderName: text(r.leader_name), submittedAt: text(r.submitted_at), passedAt: text(r.passed_at), createdAt: String(r.created_at),
    }));
  }

  async assignments(yearId: number): Promise<AssignmentRow[]> {
    const rows = await this.db('classes as c')
      .join('teaching_assignments as ta', 'ta.class_id', 'c.id')
      .join('subjects as s', 's.id', 'ta.subject_id')
      .leftJoin('subject_grades as sg', (j) => { j.on('sg.subject_id', 'ta.subject_id').andOn('sg.grade', 'c.grade'); })
      .leftJoin('people as t', 't.id', 'ta.teacher_id')
      .where('c.school_year_id', yearId)
      .select('c.id as class_id', 'c.name as class_name', 'c.grade', 's.id as subject_id', 's.name as subject_name', 's.assessment', 'sg.periods_per_year', 't.full_name as teacher_name');
    return rows.map((r) => ({
      classId: int(r.class_id), className: String(r.class_name), grade: int(r.grade), subjectId: int(r.subject_id), subjectName: String(r.subject_name),
      assessment: r.assessment === 'comment' ? 'comment' : 'score', periodsPerYear: intOrNull(r.periods_per_year), teacherName: text(r.teacher_name),
    }));
  }

  async filledCells(yearId: number, semesterId: number): Promise<FilledCellRow[]> {
    // From the year's enrolments to each student's cells of the semester (index student_id, semester_id).
    const rows = await this.db('enrolments as e')
      .join('gradebook_scores as g', (j) => { j.on('g.student_id', 'e.student_id').andOn('g.semester_id', this.db.raw('?', [semesterId])); })
      .where('e.school_year_id', yearId)
      .where((w) => { w.whereNotNull('g.score_tenths').orWhereNotNull('g.mark'); })
      .groupBy('e.class_id', 'g.subject_id', 'g.column_kind', 'g.slot')
      .select('e.class_id', 'g.subject_id', 'g.column_kind', 'g.slot').count({ n: '*' }) as Record<string, unknown>[];
    return rows.map((r) => ({ classId: int(r.class_id), subjectId: int(r.subject_id), columnKind: String(r.column_kind), slot: int(r.slot), filled: int(r.n) }));
  }

  async quizClasses(yearId: number, from: string, to: string): Promise<QuizClassRow[]> {
    const rows = await this.db('quizzes as q')
      .join('quiz_classes as qc', 'qc.quiz_id', 'q.id')
      .join('classes as c', 'c.id', 'qc.class_id')
      .where('q.status', 'published').where('q.closes_at', '>=', from).where('q.opens_at', '<', to)
      .where('c.school_year_id', yearId)
      .select('q.id as quiz_id', 'qc.class_id', 'q.subject_id', 'q.opens_at', 'q.closes_at');
    return rows.map((r) => ({ quizId: int(r.quiz_id), classId: int(r.class_id), subjectId: int(r.subject_id), opensAt: String(r.opens_at), closesAt: String(r.closes_at) }));
  }

  async pendingGrading(yearId: number, quizIds: readonly number[]): Promise<PendingGradingRow[]> {
    if (!quizIds.length) return [];
    const rows = await this.db('quiz_attempts as a')
      .join('enrolments as e', (j) => { j.on('e.student_id', 'a.student_id').andOn('e.school_year_id', this.db.raw('?', [yearId])); })
      // By quiz (the unique index quiz_id, student_id, number); the status is filtered here, not in SQL, so
      // the planner does not pick the school-wide (status, deadline_at) index instead.
      .whereIn('a.quiz_id', [...quizIds]).whereNull('a.score')
      .groupBy('a.quiz_id', 'e.class_id', 'a.status')
      .select('a.quiz_id', 'e.class_id', 'a.status').count({ n: '*' }) as Record<string, unknown>[];
    return rows.filter((r) => r.status === 'submitted').map((r) => ({ quizId: int(r.quiz_id), classId: int(r.class_id), attempts: int(r.n) }));
  }
}
