import type { Knex } from 'knex';
import type { AudienceMember, StoredFile, SubmissionStat, TaskFilter, TaskRepository, TaskRow } from '../domain/tasks/task.repository.js';
import type { Grade, H5pResult, Submission, Task } from '../domain/tasks/task.types.js';
import { bool, insertedId, int } from './rows.js';

const json = <T>(v: unknown): T | null => (v === null || v === undefined || v === '' ? null : (JSON.parse(String(v)) as T));
const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

function columns(row: TaskRow) {
  return {
    class_id: row.classId, subject_id: row.subjectId, curriculum_lesson_id: row.curriculumLessonId, teacher_id: row.teacherId,
    title: row.title, instructions: row.instructions, audience: row.audience, group_name: row.groupName,
    opens_at: row.opensAt, due_at: row.dueAt, accept_files: row.acceptFiles, accept_text: row.acceptText, h5p_content_id: row.h5pContentId,
    late_policy: row.latePolicy, close_at: row.closeAt, late_penalty_kind: row.latePenaltyKind, late_penalty_value: row.latePenaltyValue,
    resubmission: row.resubmission, max_submissions: row.maxSubmissions, rubric: row.rubric ? JSON.stringify(row.rubric) : null,
    max_score: row.maxScore, gradebook_target: row.gradebookTarget ? JSON.stringify(row.gradebookTarget) : null,
  };
}

function toTask(r: Record<string, unknown>): Task {
  return {
    id: int(r.id), classId: int(r.class_id), className: String(r.class_name), grade: int(r.class_grade), schoolYearId: int(r.school_year_id),
    subjectId: int(r.subject_id), subjectName: String(r.subject_name),
    curriculumLessonId: num(r.curriculum_lesson_id), curriculumLessonTitle: (r.lesson_title as string | null) ?? null,
    teacherId: int(r.teacher_id), teacherName: String(r.teacher_name), title: String(r.title), instructions: String(r.instructions ?? ''),
    audience: r.audience as Task['audience'], groupName: (r.group_name as string | null) ?? null,
    opensAt: String(r.opens_at), dueAt: String(r.due_at), acceptFiles: bool(r.accept_files), acceptText: bool(r.accept_text),
    h5pContentId: num(r.h5p_content_id), latePolicy: r.late_policy as Task['latePolicy'], closeAt: (r.close_at as string | null) ?? null,
    latePenaltyKind: r.late_penalty_kind as Task['latePenaltyKind'], latePenaltyValue: Number(r.late_penalty_value ?? 0),
    resubmission: r.resubmission as Task['resubmission'], maxSubmissions: num(r.max_submissions), rubric: json(r.rubric),
    maxScore: Number(r.max_score), gradebookTarget: json(r.gradebook_target), createdAt: String(r.created_at), updatedAt: String(r.updated_at),
  };
}

function toFile(r: Record<string, unknown>): StoredFile {
  return { id: int(r.id), fileName: String(r.file_name), storedPath: String(r.stored_path), mime: String(r.mime), size: int(r.size) };
}

function toGrade(r: Record<string, unknown>): Grade {
  return {
    taskId: int(r.task_id), studentId: int(r.student_id), status: r.status as Grade['status'], submissionId: num(r.submission_id),
    rawScore: num(r.raw_score), penalty: Number(r.penalty ?? 0), score: num(r.score), comment: (r.comment as string | null) ?? null,
    rubricSelection: json(r.rubric_selection), gradedById: num(r.graded_by_id), gradedAt: String(r.graded_at), releasedAt: (r.released_at as string | null) ?? null,
  };
}

export class KnexTaskRepository implements TaskRepository {
  constructor(private readonly db: Knex) {}

  private tasks() {
    return this.db('tasks as t')
      .join('classes as c', 'c.id', 't.class_id')
      .join('subjects as s', 's.id', 't.subject_id')
      .join('people as p', 'p.id', 't.teacher_id')
      .leftJoin('curriculum_lessons as l', 'l.id', 't.curriculum_lesson_id')
      .whereNull('t.deleted_at')
      .select('t.*', 'c.name as class_name', 'c.grade as class_grade', 'c.school_year_id', 's.name as subject_name', 'p.full_name as teacher_name', 'l.title as lesson_title');
  }

  async create(row: TaskRow, at: string) {
    return insertedId(await this.db('tasks').insert({ ...columns(row), created_at: at, updated_at: at }).returning('id'));
  }

  async update(id: number, row: TaskRow, at: string) {
    await this.db('tasks').where({ id }).update({ ...columns(row), updated_at: at });
  }

  async softDelete(id: number, at: string) {
    await this.db('tasks').where({ id }).update({ deleted_at: at });
  }

  async setAssignees(taskId: number, studentIds: number[]) {
    await this.db('task_assignees').where({ task_id: taskId }).delete();
    if (studentIds.length) await this.db('task_assignees').insert(studentIds.map((student_id) => ({ task_id: taskId, student_id })));
  }

  async get(id: number) {
    const row = await this.tasks().where('t.id', id).first();
    return row ? toTask(row) : undefined;
  }

  async list(f: TaskFilter) {
    const q = this.tasks().orderBy('t.due_at', 'desc').orderBy('t.id', 'desc').limit(f.limit);
    if (f.classId) q.where('t.class_id', f.classId);
    if (f.subjectId) q.where('t.subject_id', f.subjectId);
    if (f.schoolYearId) q.where('c.school_year_id', f.schoolYearId);
    if (f.visibleTo) {
      const v = f.visibleTo;
      q.where((w) => {
        w.whereRaw('1 = 0');
        for (const p of v.pairs) w.orWhere((x) => x.where('t.class_id', p.classId).andWhere('t.subject_id', p.subjectId));
        if (v.teacherId !== null) w.orWhere('t.teacher_id', v.teacherId);
      });
    }
    return (await q).map(toTask);
  }

  async listForStudent(studentId: number, classId: number) {
    const rows = await this.tasks().where('t.class_id', classId)
      .where((w) => w.where('t.audience', 'class').orWhereExists((x) => x.select(this.db.raw('1')).from('task_assignees as a').whereRaw('a.task_id = t.id').andWhere('a.student_id', studentId)))
      .orderBy('t.due_at', 'asc');
    return rows.map(toTask);
  }

  async h5pTasksFor(contentId: number, studentId: number) {
    const rows = await this.db('tasks as t').where('t.h5p_content_id', contentId).whereNull('t.deleted_at')
      .where((w) => w
        .where((x) => x.where('t.audience', 'class').whereExists((e) => e.select(this.db.raw('1')).from('enrolments as e').whereRaw('e.class_id = t.class_id').andWhere('e.student_id', studentId)))
        .orWhereExists((a) => a.select(this.db.raw('1')).from('task_assignees as a').whereRaw('a.task_id = t.id').andWhere('a.student_id', studentId)))
      .select('t.id', 't.opens_at');
    return rows.map((r) => ({ id: int(r.id), opensAt: String(r.opens_at) }));
  }

  async assignees(taskId: number): Promise<AudienceMember[]> {
    const rows = await this.db('task_assignees as a').join('people as p', 'p.id', 'a.student_id').where('a.task_id', taskId)
      .orderBy('p.name_key').select('p.id', 'p.full_name', 'p.personal_id');
    return rows.map((r) => ({ id: int(r.id), fullName: r.full_name, personalId: r.personal_id ?? null }));
  }

  async classStudents(classId: number): Promise<AudienceMember[]> {
    const rows = await this.db('enrolments as e').join('people as p', 'p.id', 'e.student_id').where('e.class_id', classId)
      .orderBy('p.name_key').select('p.id', 'p.full_name', 'p.personal_id');
    return rows.map((r) => ({ id: int(r.id), fullName: r.full_name, personalId: r.personal_id ?? null }));
  }

  async groupsOfClass(classId: number) {
    const tasks = await this.db('tasks').where({ class_id: classId, audience: 'group' }).whereNull('deleted_at').orderBy('id', 'desc').limit(200).select('id', 'group_name');
    if (!tasks.length) return [];
    const links = await this.db('task_assignees').whereIn('task_id', tasks.map((t) => int(t.id))).select('task_id', 'student_id');
    const seen = new Set<string>();
    const out: { name: string; studentIds: number[] }[] = [];
    for (const t of tasks) {
      const studentIds = links.filter((l) => int(l.task_id) === int(t.id)).map((l) => int(l.student_id)).sort((a, b) => a - b);
      const key = `${t.group_name}|${studentIds.join(',')}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ name: String(t.group_name ?? ''), studentIds });
    }
    return out;
  }

  async curriculumLesson(id: number) {
    const r = await this.db('curriculum_lessons').where({ id }).first('id', 'subject_id', 'grade');
    return r ? { id: int(r.id), subjectId: int(r.subject_id), grade: int(r.grade) } : undefined;
  }

  async assignedCounts(tasks: Pick<Task, 'id' | 'audience' | 'classId'>[]) {
    const out = new Map<number, number>();
    const named = tasks.filter((t) => t.audience !== 'class').map((t) => t.id);
    if (named.length) {
      const rows = (await this.db('task_assignees').whereIn('task_id', named).groupBy('task_id').select('task_id').count({ n: '*' })) as Record<string, unknown>[];
      for (const r of rows) out.set(int(r.task_id), int(r.n));
    }
    const classIds = [...new Set(tasks.filter((t) => t.audience === 'class').map((t) => t.classId))];
    if (classIds.length) {
      const sizes = new Map<number, number>();
      const rows = (await this.db('enrolments').whereIn('class_id', classIds).groupBy('class_id').select('class_id').count({ n: '*' })) as Record<string, unknown>[];
      for (const r of rows) sizes.set(int(r.class_id), int(r.n));
      for (const t of tasks) if (t.audience === 'class') out.set(t.id, sizes.get(t.classId) ?? 0);
    }
    return out;
  }

  async addAttachment(taskId: number, f: Omit<StoredFile, 'id'>, at: string) {
    return insertedId(await this.db('task_attachments').insert({ task_id: taskId, file_name: f.fileName, stored_path: f.storedPath, mime: f.mime, size: f.size, created_at: at }).returning('id'));
  }

  async attachments(taskId: number) {
    return (await this.db('task_attachments').where({ task_id: taskId }).orderBy('id')).map(toFile);
  }

  async attachment(taskId: number, fileId: number) {
    const r = await this.db('task_attachments').where({ task_id: taskId, id: fileId }).first();
    return r ? toFile(r) : undefined;
  }

  async removeAttachment(fileId: number) {
    await this.db('task_attachments').where({ id: fileId }).delete();
  }

  async addSubmission(row: { taskId: number; studentId: number; version: number; submittedAt: string; late: boolean; text: string | null; h5pResult: H5pResult | null }) {
    return insertedId(await this.db('task_submissions').insert({
      task_id: row.taskId, student_id: row.studentId, version: row.version, submitted_at: row.submittedAt, late: row.late, text: row.text,
      h5p_result: row.h5pResult ? JSON.stringify(row.h5pResult) : null,
    }).returning('id'));
  }

  async addSubmissionFile(submissionId: number, f: Omit<StoredFile, 'id'>) {
    return insertedId(await this.db('task_submission_files').insert({ submission_id: submissionId, file_name: f.fileName, stored_path: f.storedPath, mime: f.mime, size: f.size }).returning('id'));
  }

  private async withFiles(rows: Record<string, unknown>[]): Promise<(Submission & { files: StoredFile[] })[]> {
    if (!rows.length) return [];
    const files = await this.db('task_submission_files').whereIn('submission_id', rows.map((r) => int(r.id))).orderBy('id');
    return rows.map((r) => ({
      id: int(r.id), taskId: int(r.task_id), studentId: int(r.student_id), version: int(r.version), submittedAt: String(r.submitted_at),
      late: bool(r.late), text: (r.text as string | null) ?? null, h5pResult: json<H5pResult>(r.h5p_result),
      files: files.filter((f) => int(f.submission_id) === int(r.id)).map(toFile),
    }));
  }

  async submissions(taskId: number, studentId: number) {
    return this.withFiles(await this.db('task_submissions').where({ task_id: taskId, student_id: studentId }).orderBy('version'));
  }

  async latestSubmissions(taskId: number) {
    const latest = this.db('task_submissions').where({ task_id: taskId }).groupBy('student_id').select('student_id').max({ v: 'version' });
    const rows = await this.db('task_submissions as s').join(latest.as('m'), (j) => j.on('m.student_id', 's.student_id').andOn('m.v', 's.version'))
      .where('s.task_id', taskId).select('s.*');
    return this.withFiles(rows);
  }

  async stats(taskIds: number[], studentId?: number): Promise<SubmissionStat[]> {
    if (!taskIds.length) return [];
    const q = this.db('task_submissions').whereIn('task_id', taskIds).orderBy('version');
    if (studentId !== undefined) q.where({ student_id: studentId });
    const out = new Map<string, SubmissionStat>();
    for (const r of await q.select('task_id', 'student_id', 'version', 'submitted_at', 'late')) {
      const key = `${r.task_id}:${r.student_id}`;
      const prev = out.get(key);
      out.set(key, { taskId: int(r.task_id), studentId: int(r.student_id), count: (prev?.count ?? 0) + 1, lastSubmittedAt: String(r.submitted_at), lastLate: bool(r.late) });
    }
    return [...out.values()];
  }

  async submissionFile(fileId: number) {
    const r = await this.db('task_submission_files as f').join('task_submissions as s', 's.id', 'f.submission_id').where('f.id', fileId)
      .first('f.*', 's.task_id', 's.student_id');
    return r ? { ...toFile(r), taskId: int(r.task_id), studentId: int(r.student_id), submissionId: int(r.submission_id) } : undefined;
  }

  async grade(taskId: number, studentId: number) {
    const r = await this.db('task_grades').where({ task_id: taskId, student_id: studentId }).first();
    return r ? toGrade(r) : undefined;
  }

  async grades(taskIds: number[], studentId?: number) {
    if (!taskIds.length) return [];
    const q = this.db('task_grades').whereIn('task_id', taskIds);
    if (studentId !== undefined) q.where({ student_id: studentId });
    return (await q).map(toGrade);
  }

  async saveGrade(g: Grade) {
    const row = {
      status: g.status, submission_id: g.submissionId, raw_score: g.rawScore, penalty: g.penalty, score: g.score, comment: g.comment,
      rubric_selection: g.rubricSelection ? JSON.stringify(g.rubricSelection) : null, graded_by_id: g.gradedById, graded_at: g.gradedAt, released_at: g.releasedAt,
    };
    await this.db('task_grades').insert({ task_id: g.taskId, student_id: g.studentId, ...row }).onConflict(['task_id', 'student_id']).merge(row);
  }

  async releaseAll(taskId: number, at: string) {
    const ids = (await this.db('task_grades').where({ task_id: taskId, status: 'graded' }).whereNull('released_at').select('student_id')).map((r) => int(r.student_id));
    if (ids.length) await this.db('task_grades').where({ task_id: taskId, status: 'graded' }).whereNull('released_at').update({ released_at: at });
    return ids;
  }
}
