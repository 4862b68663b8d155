import type { Knex } from 'knex';
import type { ArchiveSnapshotRepository, SchoolRef, SemesterRef, SnapshotEntry } from '../domain/archive/archive.types.js';
import { bool, int } from './rows.js';

/**
 * The records archive's read-only queries (Art. 8.1): when the principal seals a semester, the
 * semester's teaching-process data (live lessons with mode and attendance, material usage, task
 * submissions, Q&A), its assessment records (quizzes and attempts, gradebook scores, comments,
 * history, the semester lock) and evidence (material approvals, device inventory and health) are
 * read here, inside the sealing transaction, and written to the chain as snapshot records. Names
 * and identifiers are copied in, so a record still reads after the rows it describes are gone.
 */

const MODE_VI: Record<string, string> = { supporting: 'hỗ trợ', replacing: 'thay thế' };
const dmy = (iso: string | null | undefined): string => (iso ? `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` : '');
const optNum = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

function semesterRef(r: Record<string, unknown>): SemesterRef {
  return {
    id: int(r.id), schoolYearId: int(r.school_year_id), number: int(r.number), startsOn: String(r.starts_on), endsOn: String(r.ends_on),
    yearName: String(r.year_name), yearStartsOn: String(r.year_starts_on), yearEndsOn: String(r.year_ends_on),
  };
}

export class KnexArchiveSnapshotRepository implements ArchiveSnapshotRepository {
  constructor(private readonly db: Knex) {}

  async school(): Promise<SchoolRef | undefined> {
    const r = await this.db('schools').orderBy('id').first('name', 'moet_code', 'province', 'district_office');
    return r ? { name: r.name, moetCode: r.moet_code, province: r.province, districtOffice: r.district_office } : undefined;
  }

  private semesterQuery() {
    return this.db('semesters as s').join('school_years as y', 'y.id', 's.school_year_id')
      .select('s.id', 's.school_year_id', 's.number', 's.starts_on', 's.ends_on', 'y.name as year_name', 'y.starts_on as year_starts_on', 'y.ends_on as year_ends_on');
  }

  async semester(id: number) {
    const r = await this.semesterQuery().where('s.id', id).first();
    return r ? semesterRef(r) : undefined;
  }

  async semesters() {
    return (await this.semesterQuery().orderBy('s.starts_on', 'desc')).map(semesterRef);
  }

  async schoolYearEnds() {
    const rows = await this.db('school_years').select('id', 'ends_on');
    return new Map(rows.map((r) => [int(r.id), String(r.ends_on)]));
  }

  async semesterRecords(s: SemesterRef): Promise<SnapshotEntry[]> {
    const from = s.startsOn;
    const to = nextDay(s.endsOn); // instants are compared as ISO text: [from, to)
    const names = new Map((await this.db('people').select('id', 'full_name', 'personal_id')).map((p) => [int(p.id), { name: String(p.full_name), personalId: str(p.personal_id) }]));
    const person = (id: unknown) => (id === null || id === undefined ? null : { id: int(id), ...(names.get(int(id)) ?? { name: '', personalId: null }) });
    const nameOf = (id: unknown) => (id === null || id === undefined ? null : names.get(int(id))?.name ?? null);
    const classes = new Map((await this.db('classes').select('id', 'name', 'grade')).map((c) => [int(c.id), String(c.name)]));
    const subjects = new Map((await this.db('subjects').select('id', 'name')).map((c) => [int(c.id), String(c.name)]));
    const out: SnapshotEntry[] = [];
    out.push(...await this.liveLessons(from, to, person, classes, subjects));
    out.push(...await this.tasks(from, to, person, nameOf, classes, subjects));
    out.push(...await this.materialUsage(from, to, person));
    out.push(...await this.qa(from, to, classes, subjects, nameOf));
    out.push(...await this.quizzes(from, to, person, subjects, classes));
    out.push(...await this.gradebook(s, person, nameOf, classes, subjects));
    out.push(...await this.materialApprovals(from, to, nameOf, subjects));
    out.push(...await this.devices(from, to));
    return out;
  }

  /** 8.1.b: each live lesson of the semester with its mode, times, attendance and interaction counts. */
  private async liveLessons(from: string, to: string, person: (id: unknown) => unknown, classes: Map<number, string>, subjects: Map<number, string>): Promise<SnapshotEntry[]> {
    const lessons = await this.db('live_lessons').where('starts_at', '>=', from).where('starts_at', '<', to).whereIn('status', ['ended', 'cancelled', 'live']).orderBy('starts_at').orderBy('id');
    if (!lessons.length) return [];
    const ids = lessons.map((l) => int(l.id));
    const byLesson = <T>(rows: Record<string, unknown>[], key = 'lesson_id') => {
      const m = new Map<number, Record<string, unknown>[]>();
      for (const r of rows) m.set(int(r[key]), [...(m.get(int(r[key])) ?? []), r]);
      return m as Map<number, T[]>;
    };
    const chunks = <T>(f: (part: number[]) => Promise<T[]>) => (async () => {
      const all: T[] = [];
      for (let i = 0; i < ids.length; i += 500) all.push(...await f(ids.slice(i, i + 500)));
      return all;
    })();
    const attendance = byLesson<Record<string, unknown>>(await chunks((p) => this.db('live_attendance').whereIn('lesson_id', p).orderBy('joined_at').select('*')));
    const counts = async (table: string) => new Map((await chunks((p) => this.db(table).whereIn('lesson_id', p).groupBy('lesson_id').select('lesson_id').count({ n: '*' }))).map((r) => [int((r as Record<string, unknown>).lesson_id), int((r as Record<string, unknown>).n)]));
    const chat = await counts('live_chat_messages');
    const questions = await counts('live_questions');
    const hands = await counts('live_hands');
    const polls = await counts('live_polls');
    const recordings = byLesson<Record<string, unknown>>(await chunks((p) => this.db('live_recordings').whereIn('lesson_id', p).select('*')));
    return lessons.map((l) => {
      const id = int(l.id);
      const cls = classes.get(int(l.class_id)) ?? '';
      const subject = subjects.get(int(l.subject_id)) ?? '';
      return {
        category: 'teaching_process' as const, kind: 'live_lesson.held', ref: `live_lessons:${id}`,
        title: `Buổi học trực tuyến ${subject} lớp ${cls}, ${dmy(String(l.starts_at))} (${MODE_VI[String(l.mode)] ?? l.mode}${l.status === 'cancelled' ? ', đã huỷ' : ''})`,
        payload: {
          lessonId: id, class: { id: int(l.class_id), name: cls }, subject: { id: int(l.subject_id), name: subject }, teacher: person(l.teacher_id),
          topic: l.topic, curriculumLessonId: optNum(l.curriculum_lesson_id), mode: l.mode, status: l.status, decisionId: optNum(l.decision_id),
          startsAt: l.starts_at, endsAt: l.ends_at, startedAt: str(l.started_at), endedAt: str(l.ended_at), cancelledAt: str(l.cancelled_at), cancelReason: str(l.cancel_reason),
          attendance: (attendance.get(id) ?? []).map((a) => ({ person: person(a.person_id), joinedAt: a.joined_at, leftAt: str(a.left_at), reconnects: int(a.reconnects) })),
          interactions: { chatMessages: chat.get(id) ?? 0, questions: questions.get(id) ?? 0, hands: hands.get(id) ?? 0, polls: polls.get(id) ?? 0 },
          recordings: (recordings.get(id) ?? []).map((r) => ({ file: r.file, bytes: int(r.bytes), durationMs: int(r.duration_ms) })),
        },
      };
    });
  }

  /** 8.1.b: each task given in the semester with its submissions (work products, Art. 15.1.h) and grades. */
  private async tasks(from: string, to: string, person: (id: unknown) => unknown, nameOf: (id: unknown) => string | null, classes: Map<number, string>, subjects: Map<number, string>): Promise<SnapshotEntry[]> {
    const tasks = await this.db('tasks').whereNull('deleted_at').where('opens_at', '>=', from).where('opens_at', '<', to).orderBy('opens_at').orderBy('id');
    const out: SnapshotEntry[] = [];
    for (const task of tasks) {
      const id = int(task.id);
      const subs = await this.db('task_submissions').where({ task_id: id }).orderBy(['student_id', 'version']).select('*');
      const files = subs.length ? await this.db('task_submission_files').whereIn('submission_id', subs.map((s) => int(s.id))).select('submission_id', 'file_name', 'mime', 'size') : [];
      const grades = await this.db('task_grades').where({ task_id: id }).orderBy('student_id').select('*');
      const assignees = await this.db('task_assignees').where({ task_id: id }).orderBy('student_id').pluck('student_id');
      const cls = classes.get(int(task.class_id)) ?? '';
      out.push({
        category: 'teaching_process', kind: 'task.submissions', ref: `tasks:${id}`,
        title: `Nhiệm vụ học tập "${task.title}" — ${subjects.get(int(task.subject_id)) ?? ''} lớp ${cls}`,
        payload: {
          taskId: id, title: task.title, class: { id: int(task.class_id), name: cls }, subject: { id: int(task.subject_id), name: subjects.get(int(task.subject_id)) ?? '' },
          teacher: person(task.teacher_id), curriculumLessonId: optNum(task.curriculum_lesson_id), audience: task.audience, groupName: str(task.group_name),
          opensAt: task.opens_at, dueAt: task.due_at, closeAt: str(task.close_at), latePolicy: task.late_policy, maxScore: Number(task.max_score),
          assignees: assignees.map((a) => person(a)),
          submissions: subs.map((s) => ({
            student: person(s.student_id), version: int(s.version), submittedAt: s.submitted_at, late: bool(s.late), text: str(s.text),
            h5pResult: s.h5p_result ? JSON.parse(String(s.h5p_result)) as unknown : null,
            files: files.filter((f) => int(f.submission_id) === int(s.id)).map((f) => ({ name: f.file_name, mime: f.mime, size: int(f.size) })),
          })),
          grades: grades.map((g) => ({
            student: person(g.student_id), status: g.status, rawScore: optNum(g.raw_score), penalty: Number(g.penalty), score: optNum(g.score), comment: str(g.comment),
            gradedBy: nameOf(g.graded_by_id), gradedAt: g.graded_at, releasedAt: str(g.released_at),
          })),
        },
      });
    }
    return out;
  }

  /** 8.1.b: use of materials — who opened each material in the semester, for how long, how far. */
  private async materialUsage(from: string, to: string, person: (id: unknown) => unknown): Promise<SnapshotEntry[]> {
    const rows = await this.db('progress_records').where('last_seen_at', '>=', from).where('first_opened_at', '<', to).orderBy(['material_id', 'student_id']).select('*');
    if (!rows.length) return [];
    const titles = new Map((await this.db('material_versions as v').join('materials as m', 'm.id', 'v.material_id').select('m.id', 'v.title', 'v.number').orderBy('v.number')).map((r) => [int(r.id), String(r.title)]));
    const byMaterial = new Map<number, Record<string, unknown>[]>();
    for (const r of rows) byMaterial.set(int(r.material_id), [...(byMaterial.get(int(r.material_id)) ?? []), r]);
    return [...byMaterial].map(([materialId, list]) => ({
      category: 'teaching_process' as const, kind: 'material.usage', ref: `materials:${materialId}`,
      title: `Sử dụng học liệu "${titles.get(materialId) ?? materialId}"`,
      payload: {
        materialId, title: titles.get(materialId) ?? null,
        students: list.map((r) => ({
          student: person(r.student_id), firstOpenedAt: r.first_opened_at, lastSeenAt: r.last_seen_at, openCount: int(r.open_count), activeMs: int(r.active_ms),
          completedAt: str(r.completed_at), bestScore: optNum(r.best_score), lastScore: optNum(r.last_score),
        })),
      },
    }));
  }

  /** 8.1.b: questions and answers per class × subject (interaction between students and teachers). */
  private async qa(from: string, to: string, classes: Map<number, string>, subjects: Map<number, string>, nameOf: (id: unknown) => string | null): Promise<SnapshotEntry[]> {
    const qs = await this.db('qa_questions').where('created_at', '>=', from).where('created_at', '<', to).orderBy(['class_id', 'subject_id', 'id']).select('*');
    if (!qs.length) return [];
    const answers = await this.db('qa_answers').whereIn('question_id', qs.map((q) => int(q.id))).orderBy('id').select('*');
    const groups = new Map<string, Record<string, unknown>[]>();
    for (const q of qs) groups.set(`${q.class_id}:${q.subject_id}`, [...(groups.get(`${q.class_id}:${q.subject_id}`) ?? []), q]);
    return [...groups].map(([key, list]) => {
      const [classId, subjectId] = key.split(':').map(Number) as [number, number];
      return {
        category: 'teaching_process' as const, kind: 'qa.class_subject', ref: `qa:${classId}:${subjectId}`,
        title: `Hỏi đáp ${subjects.get(subjectId) ?? ''} lớp ${classes.get(classId) ?? ''}`,
        payload: {
          class: { id: classId, name: classes.get(classId) ?? '' }, subject: { id: subjectId, name: subjects.get(subjectId) ?? '' },
          questions: list.map((q) => ({
            id: int(q.id), title: q.title, body: q.body, author: nameOf(q.author_id), createdAt: q.created_at, hiddenAt: str(q.hidden_at), hiddenReason: str(q.hidden_reason),
            bestAnswerId: optNum(q.best_answer_id),
            answers: answers.filter((a) => int(a.question_id) === int(q.id)).map((a) => ({ id: int(a.id), author: nameOf(a.author_id), body: a.body, createdAt: a.created_at, hiddenAt: str(a.hidden_at) })),
          })),
        },
      };
    });
  }

  /** 8.1.d: each quiz or test opened in the semester with every attempt, its score and integrity events (Art. 6.2). */
  private async quizzes(from: string, to: string, person: (id: unknown) => unknown, subjects: Map<number, string>, classes: Map<number, string>): Promise<SnapshotEntry[]> {
    const quizzes = await this.db('quizzes').where('status', 'published').where('opens_at', '>=', from).where('opens_at', '<', to).orderBy('opens_at').orderBy('id');
    const out: SnapshotEntry[] = [];
    for (const q of quizzes) {
      const id = int(q.id);
      const classIds = await this.db('quiz_classes').where({ quiz_id: id }).orderBy('class_id').pluck('class_id');
      const attempts = await this.db('quiz_attempts').where({ quiz_id: id }).orderBy(['student_id', 'number']).select('id', 'student_id', 'number', 'started_at', 'deadline_at', 'status', 'submitted_at', 'submitted_by', 'auto_score', 'score', 'max_score', 'pending_essays', 'start_ip');
      const events = attempts.length ? await this.db('quiz_attempt_events').whereIn('attempt_id', attempts.map((a) => int(a.id))).groupBy('attempt_id', 'kind').select('attempt_id', 'kind').count({ n: '*' }) : [];
      const kindVi: Record<string, string> = { regular: 'thường xuyên', midterm: 'giữa kì', endterm: 'cuối kì' };
      out.push({
        category: 'assessment', kind: 'quiz.results', ref: `quizzes:${id}`,
        title: `Bài kiểm tra ${kindVi[String(q.kind)] ?? q.kind} "${q.title}" — ${subjects.get(int(q.subject_id)) ?? ''} khối ${q.grade}`,
        payload: {
          quizId: id, title: q.title, subject: { id: int(q.subject_id), name: subjects.get(int(q.subject_id)) ?? '' }, grade: int(q.grade), kind: q.kind,
          classes: classIds.map((c) => ({ id: int(c), name: classes.get(int(c)) ?? '' })), opensAt: q.opens_at, closesAt: q.closes_at, timeLimitMinutes: int(q.time_limit_minutes),
          attemptsAllowed: int(q.attempts_allowed), decisionId: optNum(q.decision_id), publishedAt: str(q.published_at),
          attempts: attempts.map((a) => ({
            student: person(a.student_id), number: int(a.number), startedAt: a.started_at, deadlineAt: a.deadline_at, status: a.status, submittedAt: str(a.submitted_at),
            submittedBy: str(a.submitted_by), autoScore: optNum(a.auto_score), score: optNum(a.score), maxScore: Number(a.max_score), pendingEssays: int(a.pending_essays),
            integrityEvents: Object.fromEntries((events as Record<string, unknown>[]).filter((e) => int(e.attempt_id) === int(a.id)).map((e) => [String(e.kind), int(e.n)])),
          })),
        },
      });
    }
    return out;
  }

  /** 8.1.d: the gradebook per class × subject (scores, comments, history) and the semester lock. */
  private async gradebook(s: SemesterRef, person: (id: unknown) => unknown, nameOf: (id: unknown) => string | null, classes: Map<number, string>, subjects: Map<number, string>): Promise<SnapshotEntry[]> {
    const enrol = new Map((await this.db('enrolments').where({ school_year_id: s.schoolYearId }).select('student_id', 'class_id')).map((e) => [int(e.student_id), int(e.class_id)]));
    const scores = await this.db('gradebook_scores').where({ semester_id: s.id }).orderBy(['subject_id', 'student_id', 'column_kind', 'slot']).select('*');
    const comments = await this.db('gradebook_comments').where({ semester_id: s.id }).orderBy(['subject_id', 'student_id']).select('*');
    const history = await this.db('gradebook_score_history').where({ semester_id: s.id }).orderBy('id').select('*');
    const groups = new Map<string, { scores: Record<string, unknown>[]; comments: Record<string, unknown>[]; history: Record<string, unknown>[] }>();
    const group = (r: Record<string, unknown>) => {
      const key = `${enrol.get(int(r.student_id)) ?? 0}:${int(r.subject_id)}`;
      let g = groups.get(key);
      if (!g) groups.set(key, (g = { scores: [], comments: [], history: [] }));
      return g;
    };
    for (const r of scores) group(r).scores.push(r);
    for (const r of comments) group(r).comments.push(r);
    for (const r of history) group(r).history.push(r);
    const out: SnapshotEntry[] = [...groups].sort(([a], [b]) => a.localeCompare(b)).map(([key, g]) => {
      const [classId, subjectId] = key.split(':').map(Number) as [number, number];
      const cls = classes.get(classId) ?? '(không thuộc lớp)';
      return {
        category: 'assessment' as const, kind: 'gradebook.class_subject', ref: `gradebook:${s.id}:${classId}:${subjectId}`,
        title: `Sổ theo dõi và đánh giá ${subjects.get(subjectId) ?? ''} lớp ${cls}`,
        payload: {
          semesterId: s.id, class: { id: classId, name: cls }, subject: { id: subjectId, name: subjects.get(subjectId) ?? '' },
          scores: g.scores.map((r) => ({
            student: person(r.student_id), column: r.column_kind, slot: int(r.slot), scoreTenths: optNum(r.score_tenths), mark: str(r.mark), source: r.source_kind,
            sourceId: optNum(r.source_id), recordedBy: nameOf(r.recorded_by_id), recordedAt: r.recorded_at,
          })),
          comments: g.comments.map((r) => ({ student: person(r.student_id), text: r.text, updatedBy: nameOf(r.updated_by_id), updatedAt: r.updated_at })),
          history: g.history.map((r) => ({
            student: person(r.student_id), column: r.column_kind, slot: int(r.slot), oldValue: str(r.old_value), newValue: str(r.new_value), source: r.source_kind,
            changedBy: nameOf(r.changed_by_id), changedAt: r.changed_at,
          })),
        },
      };
    });
    const lock = await this.db('gradebook_semester_locks').where({ semester_id: s.id }).first();
    out.push({
      category: 'assessment', kind: 'gradebook.semester_lock', ref: `gradebook_semester_locks:${s.id}`,
      title: lock && bool(lock.locked) ? `Khoá sổ điểm học kì ${s.number} năm học ${s.yearName}` : `Sổ điểm học kì ${s.number} năm học ${s.yearName} chưa khoá`,
      payload: lock ? {
        semesterId: s.id, locked: bool(lock.locked), lockedAt: str(lock.locked_at), lockedBy: nameOf(lock.locked_by_id),
        reopenedAt: str(lock.reopened_at), reopenedBy: nameOf(lock.reopened_by_id), reopenReason: str(lock.reopen_reason),
      } : { semesterId: s.id, locked: false },
    });
    return out;
  }

  /** 8.1.a (evidence for Art. 7.3, 15.1.đ): every step of material approval taken in the semester. */
  private async materialApprovals(from: string, to: string, nameOf: (id: unknown) => string | null, subjects: Map<number, string>): Promise<SnapshotEntry[]> {
    const rows = await this.db('material_reviews as r').join('material_versions as v', 'v.id', 'r.version_id').join('materials as m', 'm.id', 'r.material_id')
      .where('r.at', '>=', from).where('r.at', '<', to).orderBy('r.at').orderBy('r.id')
      .select('r.id', 'r.material_id', 'r.action', 'r.from_status', 'r.to_status', 'r.actor_id', 'r.comment', 'r.at', 'v.number', 'v.title', 'v.author', 'v.licence', 'm.subject_id', 'm.grade', 'm.kind');
    if (!rows.length) return [];
    return [{
      category: 'evidence', kind: 'materials.approvals', ref: `material_reviews:${from}`,
      title: `Thẩm định, phê duyệt học liệu (${rows.length} bước)`,
      payload: {
        steps: rows.map((r) => ({
          materialId: int(r.material_id), version: int(r.number), title: r.title, author: r.author, licence: r.licence, subject: subjects.get(int(r.subject_id)) ?? '',
          grade: int(r.grade), kind: r.kind, action: r.action, fromStatus: str(r.from_status), toStatus: r.to_status, actor: nameOf(r.actor_id), comment: str(r.comment), at: r.at,
        })),
      },
    }];
  }

  /** 8.1.a (evidence for Art. 10.3): the teaching room's equipment and its health in the semester. */
  private async devices(from: string, to: string): Promise<SnapshotEntry[]> {
    const devices = await this.db('devices').where('added_at', '<', to).where((q) => q.whereNull('retired_at').orWhere('retired_at', '>=', from)).orderBy('id').select('*');
    const alerts = await this.db('device_alerts').where('raised_at', '<', to).where((q) => q.whereNull('cleared_at').orWhere('cleared_at', '>=', from)).orderBy('raised_at').select('*');
    const bySeverity: Record<string, number> = {};
    for (const a of alerts) bySeverity[String(a.severity)] = (bySeverity[String(a.severity)] ?? 0) + 1;
    return [{
      category: 'evidence', kind: 'devices.inventory', ref: `devices:${from}`,
      title: `Thiết bị phòng dạy học trực tuyến và tình trạng hoạt động (${devices.length} thiết bị, ${alerts.length} cảnh báo)`,
      payload: {
        devices: devices.map((d) => ({
          id: int(d.id), kind: d.kind, name: d.name, model: str(d.model), serial: str(d.serial), location: str(d.location), addedAt: d.added_at,
          retiredAt: str(d.retired_at), retireReason: str(d.retire_reason),
        })),
        alerts: alerts.map((a) => ({ rule: a.rule, subject: a.subject, deviceId: optNum(a.device_id), severity: a.severity, message: a.message_vi, raisedAt: a.raised_at, clearedAt: str(a.cleared_at) })),
        summary: { devices: devices.length, alerts: alerts.length, bySeverity },
      },
    }];
  }
}
