import type { Knex } from 'knex';
import type { ConsentPurpose } from '../domain/parents/consent-texts.js';
import type {
  ChildAgreement, ChildInfo, ConsentRecord, ExportAreas, GradebookCommentRow, MessageRow, ParentsRepository, Side, SubmissionFileRow, TaskFeedbackRow, ThreadRow,
} from '../domain/parents/parents.types.js';
import { insertedId, int } from './rows.js';

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const idOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : int(v));

/** Parents (Art. 16.2): children, messages, consents, exports; reads other modules' tables, writes only 0021's. */
export class KnexParentsRepository implements ParentsRepository {
  constructor(private readonly db: Knex) {}

  async isParentOf(parentId: number, studentId: number) {
    return !!(await this.db('parent_links').where({ parent_id: parentId, student_id: studentId }).first('student_id'));
  }

  /** Students with their class of the year (left join: a child not enrolled keeps null class). */
  private studentQuery(yearId: number | null) {
    return this.db('people as s')
      .leftJoin('enrolments as e', (j) => { j.on('e.student_id', 's.id').andOn('e.school_year_id', this.db.raw('?', [yearId ?? -1])); })
      .leftJoin('classes as c', 'c.id', 'e.class_id')
      .leftJoin('people as h', 'h.id', 'c.homeroom_teacher_id')
      .where('s.kind', 'student')
      .select('s.id', 's.full_name', 's.personal_id', 's.birth_date', 's.name_key', 'c.id as class_id', 'c.name as class_name', 'c.grade', 'c.homeroom_teacher_id', 'h.full_name as homeroom_name');
  }

  private child(r: Record<string, unknown>): Omit<ChildInfo, 'relation'> {
    return {
      id: int(r.id), fullName: String(r.full_name), personalId: (r.personal_id as string | null) ?? null, birthDate: (r.birth_date as string | null) ?? null,
      classId: idOrNull(r.class_id), className: (r.class_name as string | null) ?? null, grade: idOrNull(r.grade),
      homeroomTeacherId: idOrNull(r.homeroom_teacher_id), homeroomTeacherName: (r.homeroom_name as string | null) ?? null,
    };
  }

  async children(parentId: number, yearId: number | null): Promise<ChildInfo[]> {
    const rows = await this.studentQuery(yearId).join('parent_links as pl', 'pl.student_id', 's.id').where('pl.parent_id', parentId).select('pl.relation').orderBy('s.name_key');
    return rows.map((r) => ({ ...this.child(r), relation: String(r.relation) }));
  }

  async student(studentId: number, yearId: number | null) {
    const r = await this.studentQuery(yearId).where('s.id', studentId).first();
    return r ? this.child(r) : undefined;
  }

  async classStudents(classId: number) {
    const rows = await this.db('enrolments as e').join('people as s', 's.id', 'e.student_id').where('e.class_id', classId)
      .select('s.id', 's.full_name', 's.personal_id', 's.birth_date').orderBy('s.name_key');
    return rows.map((r) => ({ id: int(r.id), fullName: r.full_name, personalId: r.personal_id ?? null, birthDate: r.birth_date ?? null }));
  }

  async intervals(personId: number, lessonIds: number[]) {
    if (!lessonIds.length) return [];
    const rows = await this.db('live_attendance').where('person_id', personId).whereIn('lesson_id', lessonIds).select('lesson_id', 'joined_at', 'left_at').orderBy('joined_at');
    return rows.map((r) => ({ lessonId: int(r.lesson_id), joinedAt: r.joined_at, leftAt: r.left_at ?? null }));
  }

  async taskFeedback(studentId: number): Promise<TaskFeedbackRow[]> {
    const rows = await this.db('task_grades as g').join('tasks as t', 't.id', 'g.task_id').join('subjects as sub', 'sub.id', 't.subject_id').join('people as tp', 'tp.id', 't.teacher_id')
      .where('g.student_id', studentId).whereNotNull('g.released_at').whereNull('t.deleted_at')
      .select('t.id', 't.title', 'sub.name as subject_name', 'tp.full_name as teacher_name', 'g.status', 'g.score', 't.max_score', 'g.comment', 'g.released_at')
      .orderBy('g.released_at', 'desc');
    return rows.map((r) => ({
      taskId: int(r.id), taskTitle: r.title, subjectName: r.subject_name, teacherName: r.teacher_name,
      score: r.status === 'graded' ? num(r.score) : null, maxScore: Number(r.max_score), comment: r.comment ?? null, releasedAt: r.released_at,
    }));
  }

  async gradebookComments(studentId: number): Promise<GradebookCommentRow[]> {
    const rows = await this.db('gradebook_comments as gc').join('subjects as sub', 'sub.id', 'gc.subject_id').join('semesters as se', 'se.id', 'gc.semester_id')
      .join('school_years as y', 'y.id', 'se.school_year_id').leftJoin('people as t', 't.id', 'gc.updated_by_id')
      .where('gc.student_id', studentId)
      .select('gc.subject_id', 'sub.name as subject_name', 'gc.semester_id', 'se.number', 'y.name as year_name', 'gc.text', 'gc.updated_at', 't.full_name as teacher_name')
      .orderBy([{ column: 'gc.updated_at', order: 'desc' }]);
    return rows.map((r) => ({
      subjectId: int(r.subject_id), subjectName: r.subject_name, semesterId: int(r.semester_id), semesterNumber: int(r.number), schoolYearName: r.year_name,
      text: r.text, updatedAt: r.updated_at, teacherName: r.teacher_name ?? null,
    }));
  }

  // Threads and messages

  async createThread(row: { studentId: number; parentId: number; classId: number; subject: string; at: string }) {
    return insertedId(await this.db('parent_threads').insert({
      student_id: row.studentId, parent_id: row.parentId, class_id: row.classId, subject: row.subject, created_at: row.at, last_message_at: row.at, message_count: 0,
    }).returning('id'));
  }

  private threadQuery() {
    return this.db('parent_threads as t').join('people as s', 's.id', 't.student_id').join('people as p', 'p.id', 't.parent_id').join('classes as c', 'c.id', 't.class_id')
      .leftJoin('people as h', 'h.id', 'c.homeroom_teacher_id')
      .select('t.*', 's.full_name as student_name', 'p.full_name as parent_name', 'c.name as class_name', 'c.homeroom_teacher_id', 'h.full_name as homeroom_name');
  }

  private threadRow(r: Record<string, unknown>): ThreadRow {
    return {
      id: int(r.id), studentId: int(r.student_id), studentName: String(r.student_name), parentId: int(r.parent_id), parentName: String(r.parent_name),
      classId: int(r.class_id), className: String(r.class_name), homeroomTeacherId: idOrNull(r.homeroom_teacher_id), homeroomTeacherName: (r.homeroom_name as string | null) ?? null,
      subject: String(r.subject), createdAt: String(r.created_at), lastMessageAt: String(r.last_message_at), messageCount: int(r.message_count),
      parentReadAt: (r.parent_read_at as string | null) ?? null, teacherReadAt: (r.teacher_read_at as string | null) ?? null,
    };
  }

  async thread(id: number) {
    const r = await this.threadQuery().where('t.id', id).first();
    return r ? this.threadRow(r) : undefined;
  }

  async threads(f: { parentId?: number; classIds?: number[]; studentId?: number }) {
    const q = this.threadQuery().orderBy([{ column: 't.last_message_at', order: 'desc' }, { column: 't.id', order: 'desc' }]).limit(500);
    if (f.parentId !== undefined) q.where('t.parent_id', f.parentId);
    if (f.classIds) q.whereIn('t.class_id', f.classIds);
    if (f.studentId !== undefined) q.where('t.student_id', f.studentId);
    return (await q).map((r) => this.threadRow(r));
  }

  async addMessage(row: { threadId: number; authorId: number; side: Side; body: string; at: string }) {
    const id = insertedId(await this.db('parent_messages').insert({ thread_id: row.threadId, author_id: row.authorId, author_side: row.side, body: row.body, at: row.at }).returning('id'));
    await this.db('parent_threads').where('id', row.threadId).update({ last_message_at: row.at, message_count: this.db.raw('message_count + 1') });
    return id;
  }

  async messages(threadId: number): Promise<MessageRow[]> {
    const rows = await this.db('parent_messages as m').join('people as a', 'a.id', 'm.author_id').where('m.thread_id', threadId)
      .select('m.*', 'a.full_name as author_name').orderBy('m.id');
    return rows.map((r) => ({ id: int(r.id), threadId: int(r.thread_id), authorId: int(r.author_id), authorName: r.author_name, authorSide: r.author_side, body: r.body, at: r.at }));
  }

  async markRead(threadId: number, side: Side, at: string) {
    await this.db('parent_threads').where('id', threadId).update(side === 'parent' ? { parent_read_at: at } : { teacher_read_at: at });
  }

  async unread(threadIds: number[], side: Side) {
    const out = new Map<number, number>();
    if (!threadIds.length) return out;
    const readCol = side === 'parent' ? 't.parent_read_at' : 't.teacher_read_at';
    const rows = await this.db('parent_messages as m').join('parent_threads as t', 't.id', 'm.thread_id')
      .whereIn('m.thread_id', threadIds).whereNot('m.author_side', side)
      .where((q) => { q.whereNull(readCol).orWhere('m.at', '>', this.db.ref(readCol)); })
      .groupBy('m.thread_id').select('m.thread_id').count({ n: '*' });
    for (const r of rows as Record<string, unknown>[]) out.set(int(r.thread_id), int(r.n));
    return out;
  }

  async messagesSince(authorId: number, since: string) {
    const r = await this.db('parent_messages').where('author_id', authorId).where('at', '>', since).count({ n: '*' }).first();
    return int(r?.n);
  }

  async threadsSince(parentId: number, since: string) {
    const r = await this.db('parent_threads').where('parent_id', parentId).where('created_at', '>', since).count({ n: '*' }).first();
    return int(r?.n);
  }

  // Consents

  async addConsent(row: Omit<ConsentRecord, 'id' | 'parentName'> & { ip: string | null }) {
    return insertedId(await this.db('consent_records').insert({
      student_id: row.studentId, purpose: row.purpose, decision: row.decision, text_version: row.textVersion, text_sha256: row.textSha256,
      parent_id: row.parentId, account_id: row.accountId, at: row.at, ip: row.ip, child_agreement: row.childAgreement, child_age_years: row.childAgeYears,
    }).returning('id'));
  }

  async consentHistory(studentIds: number[]): Promise<ConsentRecord[]> {
    if (!studentIds.length) return [];
    const rows = await this.db('consent_records as c').join('people as p', 'p.id', 'c.parent_id').whereIn('c.student_id', studentIds)
      .select('c.*', 'p.full_name as parent_name').orderBy('c.id');
    return rows.map((r) => ({
      id: int(r.id), studentId: int(r.student_id), purpose: r.purpose as ConsentPurpose, decision: r.decision, textVersion: r.text_version, textSha256: r.text_sha256,
      parentId: int(r.parent_id), parentName: r.parent_name, accountId: idOrNull(r.account_id), at: r.at,
      childAgreement: r.child_agreement as ChildAgreement, childAgeYears: idOrNull(r.child_age_years),
    }));
  }

  // Exports

  async recordExport(studentId: number, requestedById: number, at: string) {
    await this.db('data_exports').insert({ student_id: studentId, requested_by_id: requestedById, at });
  }

  async exportsSince(requestedById: number, since: string) {
    const r = await this.db('data_exports').where('requested_by_id', requestedById).where('at', '>', since).count({ n: '*' }).first();
    return int(r?.n);
  }

  async exportData(studentId: number): Promise<ExportAreas> {
    const db = this.db;
    const person = await db('people').where('id', studentId)
      .first('id', 'kind', 'personal_id', 'citizen_id', 'full_name', 'birth_date', 'gender', 'phone', 'email', 'status', 'created_at', 'updated_at');
    const account = await db('accounts').where('person_id', studentId).first('id', 'login', 'language', 'disabled', 'created_at', 'last_login_at', 'password_changed_at');
    const enrolments = await db('enrolments as e').join('classes as c', 'c.id', 'e.class_id').join('school_years as y', 'y.id', 'e.school_year_id')
      .leftJoin('people as h', 'h.id', 'c.homeroom_teacher_id').where('e.student_id', studentId)
      .select('y.name as schoolYear', 'y.starts_on as yearStartsOn', 'c.id as classId', 'c.name as className', 'c.grade', 'h.full_name as homeroomTeacher').orderBy('y.starts_on');
    const attendance = await db('live_lessons as l').join('enrolments as e', 'e.class_id', 'l.class_id').join('subjects as sub', 'sub.id', 'l.subject_id')
      .where('e.student_id', studentId).whereIn('l.status', ['ended', 'live'])
      .select('l.id as lessonId', 'sub.name as subject', 'l.topic', 'l.starts_at as startsAt', 'l.ends_at as endsAt', 'l.mode', 'l.status').orderBy('l.starts_at');
    const intervals = await this.intervals(studentId, attendance.map((a) => int(a.lessonId)));
    const attendanceRows = attendance.map((a) => {
      const mine = intervals.filter((i) => i.lessonId === int(a.lessonId));
      return { ...a, present: mine.length > 0, intervals: mine.map(({ joinedAt, leftAt }) => ({ joinedAt, leftAt })) };
    });
    const gradebookScores = await db('gradebook_scores as g').join('subjects as sub', 'sub.id', 'g.subject_id').join('semesters as se', 'se.id', 'g.semester_id')
      .where('g.student_id', studentId)
      .select('sub.name as subject', 'se.number as semester', 'se.school_year_id as schoolYearId', 'g.column_kind as column', 'g.slot', 'g.score_tenths as scoreTenths', 'g.mark', 'g.source_kind as source', 'g.recorded_at as recordedAt')
      .orderBy([{ column: 'g.semester_id' }, { column: 'g.subject_id' }, { column: 'g.column_kind' }, { column: 'g.slot' }]);
    const gradebookComments = (await this.gradebookComments(studentId)).map((c) => ({ ...c }));
    const taskSubmissions = await db('task_submissions as s').join('tasks as t', 't.id', 's.task_id').join('subjects as sub', 'sub.id', 't.subject_id')
      .where('s.student_id', studentId)
      .select('s.id', 's.task_id as taskId', 't.title as taskTitle', 'sub.name as subject', 's.version', 's.submitted_at as submittedAt', 's.late', 's.text')
      .orderBy('s.id');
    const files = await db('task_submission_files as f').join('task_submissions as s', 's.id', 'f.submission_id').where('s.student_id', studentId)
      .select('s.task_id', 's.version', 'f.submission_id', 'f.file_name', 'f.stored_path', 'f.size').orderBy('f.id');
    const submissionFiles: SubmissionFileRow[] = files.map((f) => ({ taskId: int(f.task_id), version: int(f.version), fileName: f.file_name, storedPath: f.stored_path, size: int(f.size) }));
    const bySubmission = new Map<number, { fileName: string; size: number }[]>();
    for (const f of files) bySubmission.set(int(f.submission_id), [...(bySubmission.get(int(f.submission_id)) ?? []), { fileName: f.file_name, size: int(f.size) }]);
    const taskGrades = await db('task_grades as g').join('tasks as t', 't.id', 'g.task_id').where('g.student_id', studentId)
      .select('g.task_id as taskId', 't.title as taskTitle', 'g.status', 'g.score', 't.max_score as maxScore', 'g.penalty', 'g.comment', 'g.graded_at as gradedAt', 'g.released_at as releasedAt').orderBy('g.graded_at');
    // The quiz's drawn questions (with their keys) and the session hash stay out.
    const quizAttempts = await db('quiz_attempts as a').join('quizzes as q', 'q.id', 'a.quiz_id').where('a.student_id', studentId)
      .select('a.id', 'q.title as quiz', 'a.number', 'a.started_at as startedAt', 'a.submitted_at as submittedAt', 'a.status', 'a.score', 'a.max_score as maxScore', 'a.start_ip as startIp', 'a.last_ip as lastIp')
      .orderBy('a.id');
    const qaQuestions = await db('qa_questions as q').join('subjects as sub', 'sub.id', 'q.subject_id').where('q.author_id', studentId)
      .select('q.id', 'sub.name as subject', 'q.title', 'q.body', 'q.created_at as createdAt', 'q.hidden_at as hiddenAt').orderBy('q.id');
    const qaAnswers = await db('qa_answers as a').where('a.author_id', studentId).select('a.id', 'a.question_id as questionId', 'a.body', 'a.created_at as createdAt', 'a.hidden_at as hiddenAt').orderBy('a.id');
    const progress = await db('progress_records as p').where('p.student_id', studentId)
      .select('p.material_id as materialId', 'p.first_opened_at as firstOpenedAt', 'p.last_seen_at as lastSeenAt', 'p.open_count as openCount', 'p.active_ms as activeMs', 'p.completed_at as completedAt', 'p.best_score as bestScore')
      .orderBy('p.id');
    const messages = await db('parent_messages as m').join('parent_threads as t', 't.id', 'm.thread_id').join('people as a', 'a.id', 'm.author_id')
      .where('t.student_id', studentId)
      .select('t.id as threadId', 't.parent_id as parentId', 't.subject', 'm.id', 'a.full_name as author', 'm.author_side as side', 'm.body', 'm.at').orderBy('m.id');
    const audit = await db('audit_log').where((q) => {
      q.where({ entity: 'person', entity_id: String(studentId) });
      if (account) q.orWhere({ entity: 'account', entity_id: String(account.id) }).orWhere('actor_account_id', account.id);
    }).select('id', 'at', 'actor_login as actor', 'action', 'entity', 'entity_id as entityId', 'details').orderBy('id').limit(5000);
    return {
      person, account,
      enrolments, attendance: attendanceRows, gradebookScores, gradebookComments,
      taskSubmissions: taskSubmissions.map((s) => ({ ...s, late: s.late === true || s.late === 1, files: bySubmission.get(int(s.id)) ?? [] })),
      taskGrades, submissionFiles, quizAttempts, qaQuestions, qaAnswers, progress, messages,
      audit: audit.map((a) => ({ ...a, details: parseJson(a.details) })),
    };
  }
}

function parseJson(s: unknown): unknown {
  if (typeof s !== 'string') return s ?? null;
  try {
    return JSON.parse(s);
  } catch {
    return s;
  }
}
