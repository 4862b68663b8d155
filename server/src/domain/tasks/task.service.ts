import { DomainError } from '../shared/errors.js';
import type { Repos, Transactor } from '../repos.js';
import type { GradebookFeed } from '../gradebook/gradebook-feed.js';
import { cleanInstructions } from './task-html.js';
import { extensionOf, safeFileName, TASK_FILE_LIMITS } from './task-file-types.js';
import {
  checkSelection, checkTaskInput, isOverdue, latePenalty, round2, rubricScore, studentOrder, studentStatus, submissionDecision, toTenPointScale,
} from './task-rules.js';
import type { StoredFile, SubmissionStat, TaskRow } from './task.repository.js';
import type { SheetSpec } from '../shared/documents.js';
import type {
  Grade, GradeInput, H5pResult, RosterRow, StudentStatus, StudentTaskItem, Submission, Task, TaskActor, TaskDetail, TaskFile, TaskInput, TaskListItem, TaskViewer,
} from './task.types.js';

/** A file already streamed to a temporary place and recognised (data/task-files.ts). */
export interface ReceivedFile {
  tempId: string;
  fileName: string;
  mime: string;
  size: number;
}

/** Where task files live: moved into place inside the transaction, removed if it fails. */
export interface TaskFileStore {
  commit(tempId: string, storedPath: string): Promise<void>;
  remove(storedPaths: string[]): Promise<void>;
}

export interface TaskServiceDeps {
  files: TaskFileStore;
  /** The spreadsheet writer (data/spreadsheet.ts), for the summary of a task's work. */
  writeWorkbook: (sheets: ArchivePlan['summary'][]) => Promise<Buffer>;
  /** The gradebook (services.gradebookFeed); absent: grades stay in the task. */
  gradebook?: (() => GradebookFeed) | undefined;
  /** The H5P module's latest result of a student on a content, read in the same unit of work. */
  h5pResult?: ((r: Repos, contentId: number, studentId: number) => Promise<Omit<H5pResult, 'contentId'> | null>) | undefined;
  now?: () => Date;
}

/** What the viewer is to a task: its teacher, a reader (managers, group leader), the student, a parent. */
type Relation = { kind: 'manage' } | { kind: 'read' } | { kind: 'student' } | { kind: 'parent'; childIds: number[] };

/** What a student (or their parent, or the teacher) sees of one student's work on a task. */
export interface StudentWork {
  studentId: number;
  fullName: string;
  status: StudentStatus;
  overdue: boolean;
  submissions: (Submission & { files: TaskFile[] })[];
  /** Students and parents: only once released (a returned work's comment shows at once). */
  grade: Grade | null;
  /** Whether a submission would be accepted now, and if not, why (an error code). */
  canSubmit: boolean;
  refusal: string | null;
}

export interface ArchivePlan {
  folderName: string;
  /** A stored file, or the submission's text written as a .txt file. */
  entries: ({ zipPath: string; storedPath: string } | { zipPath: string; text: string })[];
  summary: SheetSpec & { title: string };
}

const isManager = (v: TaskViewer) => v.roles.includes('principal') || v.roles.includes('vice_principal');
const LIST_LIMIT = 1000;

/**
 * Tasks and student work (Art. 5.2–5.3, 9.2.a–b, 15.1.h): teachers of a class × subject assign,
 * grade and return; students submit and resubmit by the task's policies; managers read; parents
 * read their child's tasks and released grades. Scope is checked here on top of the policy.
 */
export class TaskService {
  private readonly now: () => Date;
  constructor(private readonly tx: Transactor, private readonly deps: TaskServiceDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  // -------------------------------------------------------------------------------------------
  // Teachers: assign

  async create(actor: TaskActor, raw: TaskInput): Promise<number> {
    const input = normalise(raw);
    checkTaskInput(input);
    return this.tx.run(async (r) => {
      await this.checkScope(r, actor, input);
      const at = this.now().toISOString();
      const id = await r.tasks.create(rowOf(input, actor.personId), at);
      if (input.audience !== 'class') await r.tasks.setAssignees(id, input.studentIds);
      await r.audit.record(actor, 'task.created', 'task', id, { classId: input.classId, subjectId: input.subjectId, audience: input.audience, studentIds: input.studentIds, dueAt: input.dueAt });
      return id;
    });
  }

  async update(actor: TaskActor, id: number, raw: TaskInput): Promise<void> {
    const input = normalise(raw);
    checkTaskInput(input);
    await this.tx.run(async (r) => {
      const task = await this.managed(r, actor, id);
      if (task.classId !== input.classId || task.subjectId !== input.subjectId) throw new DomainError('VALIDATION_FAILED', { field: 'classId', reason: 'fixed_after_creation' });
      await this.checkScope(r, actor, input);
      await r.tasks.update(id, rowOf(input, task.teacherId), this.now().toISOString());
      await r.tasks.setAssignees(id, input.audience === 'class' ? [] : input.studentIds);
      await r.audit.record(actor, 'task.updated', 'task', id, { audience: input.audience, studentIds: input.studentIds, dueAt: input.dueAt, latePolicy: input.latePolicy, resubmission: input.resubmission });
    });
  }

  /** The task disappears from every list; its submissions and grades stay as records. */
  async remove(actor: TaskActor, id: number): Promise<void> {
    await this.tx.run(async (r) => {
      await this.managed(r, actor, id);
      await r.tasks.softDelete(id, this.now().toISOString());
      await r.audit.record(actor, 'task.deleted', 'task', id);
    });
  }

  /** What the teacher may assign in this school year: class × subject pairs, and the semesters (gradebook). */
  async teaching(viewer: TaskViewer) {
    return this.tx.read(async (r) => {
      const year = await r.school.currentYear();
      if (!year) return { assignments: [], semesters: [] };
      const subjects = await r.school.listSubjects();
      const classes = await r.school.listClasses(year.id);
      const assignments = (await r.school.listAssignments({ yearId: year.id, teacherId: viewer.personId })).map((a) => ({
        classId: a.classId, className: a.className, grade: classes.find((c) => c.id === a.classId)?.grade ?? 0,
        subjectId: a.subjectId, subjectName: a.subjectName, assessment: subjects.find((s) => s.id === a.subjectId)?.assessment ?? 'score',
      })).sort((a, b) => a.grade - b.grade || a.className.localeCompare(b.className, 'vi', { numeric: true }) || a.subjectName.localeCompare(b.subjectName, 'vi'));
      return { assignments, semesters: year.semesters.map((s) => ({ id: s.id, number: s.number, startsOn: s.startsOn, endsOn: s.endsOn })) };
    });
  }

  /** A class's students and the groups already used, for the assignment form. */
  async audienceOptions(viewer: TaskViewer, classId: number, subjectId: number) {
    return this.tx.read(async (r) => {
      const cls = await r.school.getClass(classId);
      if (!cls) throw new DomainError('NOT_FOUND', { classId });
      if (!(await teaches(r, viewer, classId, subjectId))) throw new DomainError('TASK_NOT_ASSIGNED', { classId, subjectId });
      return { students: await r.tasks.classStudents(classId), groups: await r.tasks.groupsOfClass(classId) };
    });
  }

  async addAttachment(actor: TaskActor, taskId: number, file: ReceivedFile): Promise<number> {
    const storedPath = `${taskId}/attachments/${randomName()}${extSuffix(file.fileName)}`;
    return this.withFiles([storedPath], async (r) => {
      await this.managed(r, actor, taskId);
      if ((await r.tasks.attachments(taskId)).length >= TASK_FILE_LIMITS.maxFiles) throw new DomainError('TASK_TOO_MANY_FILES', { max: TASK_FILE_LIMITS.maxFiles });
      const id = await r.tasks.addAttachment(taskId, { fileName: safeFileName(file.fileName), storedPath, mime: file.mime, size: file.size }, this.now().toISOString());
      await this.deps.files.commit(file.tempId, storedPath);
      await r.audit.record(actor, 'task.attachment_added', 'task', taskId, { fileId: id, fileName: file.fileName, size: file.size });
      return id;
    });
  }

  async removeAttachment(actor: TaskActor, taskId: number, fileId: number): Promise<void> {
    const removed = await this.tx.run(async (r) => {
      await this.managed(r, actor, taskId);
      const f = await r.tasks.attachment(taskId, fileId);
      if (!f) throw new DomainError('NOT_FOUND', { fileId });
      await r.tasks.removeAttachment(fileId);
      await r.audit.record(actor, 'task.attachment_removed', 'task', taskId, { fileId, fileName: f.fileName });
      return f.storedPath;
    });
    await this.deps.files.remove([removed]);
  }

  // -------------------------------------------------------------------------------------------
  // Reading

  /** Staff: the tasks they manage or may read, newest due first, with counts. */
  async list(viewer: TaskViewer, q: { classId?: number | undefined; subjectId?: number | undefined } = {}): Promise<TaskListItem[]> {
    return this.tx.read(async (r) => {
      const year = await r.school.currentYear();
      if (!year) return [];
      let visibleTo: { pairs: { classId: number; subjectId: number }[]; teacherId: number | null } | undefined;
      if (!isManager(viewer)) {
        const pairs = (await r.school.listAssignments({ yearId: year.id, teacherId: viewer.personId })).map((a) => ({ classId: a.classId, subjectId: a.subjectId }));
        // Art. 15.1.c: a subject group's leader follows the group's teaching.
        const led = (await r.school.listGroups()).filter((g) => g.leaderId === viewer.personId).map((g) => g.id);
        if (led.length) {
          const subjects = new Set((await r.school.listSubjects()).filter((s) => s.subjectGroupId !== null && led.includes(s.subjectGroupId)).map((s) => s.id));
          for (const a of await r.school.listAssignments({ yearId: year.id })) if (subjects.has(a.subjectId)) pairs.push({ classId: a.classId, subjectId: a.subjectId });
        }
        visibleTo = { pairs, teacherId: null };
      }
      const tasks = await r.tasks.list({ schoolYearId: year.id, limit: LIST_LIMIT, ...(visibleTo ? { visibleTo } : {}), ...(q.classId ? { classId: q.classId } : {}), ...(q.subjectId ? { subjectId: q.subjectId } : {}) });
      const assigned = await r.tasks.assignedCounts(tasks);
      const stats = await r.tasks.stats(tasks.map((t) => t.id));
      const grades = await r.tasks.grades(tasks.map((t) => t.id));
      return tasks.map((t) => {
        const s = stats.filter((x) => x.taskId === t.id);
        return {
          ...t, assigned: assigned.get(t.id) ?? 0, submitted: s.length, late: s.filter((x) => x.lastLate).length,
          graded: grades.filter((g) => g.taskId === t.id && g.status === 'graded').length,
        };
      });
    });
  }

  /** A student's tasks (or, for a parent, one child's or every child's): open work first by due time. */
  async mine(viewer: TaskViewer, studentId?: number): Promise<StudentTaskItem[]> {
    return this.tx.read(async (r) => {
      const year = await r.school.currentYear();
      if (!year) return [];
      let students: number[];
      if (viewer.roles.includes('student')) {
        if (studentId !== undefined && studentId !== viewer.personId) throw new DomainError('FORBIDDEN', { reason: 'not_your_work' });
        students = [viewer.personId];
      } else if (viewer.roles.includes('parent')) {
        const children = (await r.people.childrenOf(viewer.personId)).map((c) => c.id);
        if (studentId !== undefined && !children.includes(studentId)) throw new DomainError('FORBIDDEN', { reason: 'not_your_child' });
        students = studentId !== undefined ? [studentId] : children;
      } else throw new DomainError('FORBIDDEN', { reason: 'students_and_parents' });
      const now = this.now();
      const out: StudentTaskItem[] = [];
      for (const sid of students) {
        const person = await r.people.get(sid, year.id);
        const classId = person?.classId;
        if (!person || !classId) continue;
        const tasks = (await r.tasks.listForStudent(sid, classId)).filter((t) => Date.parse(t.opensAt) <= now.getTime());
        const stats = await r.tasks.stats(tasks.map((t) => t.id), sid);
        const grades = await r.tasks.grades(tasks.map((t) => t.id), sid);
        for (const t of tasks) {
          const s = stats.find((x) => x.taskId === t.id);
          const g = grades.find((x) => x.taskId === t.id) ?? null;
          const status = studentStatus(s?.count ?? 0, g, s?.lastSubmittedAt ?? null);
          out.push({
            ...t, studentId: sid, studentName: person.fullName, status, overdue: isOverdue(t.dueAt, status, now), submissions: s?.count ?? 0,
            lastSubmittedAt: s?.lastSubmittedAt ?? null, late: s?.lastLate ?? false, score: g?.releasedAt && g.status === 'graded' ? g.score : null,
          });
        }
      }
      return out.sort(studentOrder);
    });
  }

  async get(viewer: TaskViewer, id: number): Promise<TaskDetail & { myRelation: Relation['kind'] }> {
    return this.tx.read(async (r) => {
      const { task, relation } = await this.readable(r, viewer, id);
      const attachments = (await r.tasks.attachments(id)).map(publicFile);
      // Students do not see who else a group task is for.
      const assignees = relation.kind === 'manage' || relation.kind === 'read' ? (await r.tasks.assignees(id)).map(({ id: sid, fullName }) => ({ id: sid, fullName })) : [];
      return { ...task, assignees, attachments, myRelation: relation.kind };
    });
  }

  /** The teacher's table: every student of the audience, who submitted, who is late, who has not. */
  async roster(viewer: TaskViewer, id: number): Promise<RosterRow[]> {
    return this.tx.read(async (r) => {
      const { task, relation } = await this.readable(r, viewer, id);
      if (relation.kind !== 'manage' && relation.kind !== 'read') throw new DomainError('FORBIDDEN', { reason: 'staff_only' });
      return rosterOf(r, task);
    });
  }

  /** One student's work: versions, grade (as the viewer may see it) and whether they can submit now. */
  async work(viewer: TaskViewer, id: number, studentId: number): Promise<StudentWork> {
    return this.tx.read(async (r) => {
      const { task, relation } = await this.readable(r, viewer, id);
      const staff = relation.kind === 'manage' || relation.kind === 'read';
      if (relation.kind === 'student' && studentId !== viewer.personId) throw new DomainError('FORBIDDEN', { reason: 'not_your_work' });
      if (relation.kind === 'parent' && !relation.childIds.includes(studentId)) throw new DomainError('FORBIDDEN', { reason: 'not_your_child' });
      const member = (await audienceOf(r, task)).find((s) => s.id === studentId);
      if (!member) throw new DomainError('NOT_FOUND', { studentId });
      const submissions = (await r.tasks.submissions(id, studentId)).map((s) => ({ ...s, files: s.files.map(publicFile) }));
      const grade = (await r.tasks.grade(id, studentId)) ?? null;
      const lastSubmittedAt = submissions[submissions.length - 1]?.submittedAt ?? null;
      const status = studentStatus(submissions.length, grade, lastSubmittedAt);
      let refusal: string | null = null;
      try {
        submissionDecision(task, { previous: submissions.length, lastSubmittedAt, grade }, this.now());
      } catch (e) {
        refusal = e instanceof DomainError ? e.code : 'INTERNAL';
      }
      return {
        studentId, fullName: member.fullName, status, overdue: isOverdue(task.dueAt, status, this.now()), submissions,
        grade: staff ? grade : visibleGrade(grade), canSubmit: relation.kind === 'student' && refusal === null, refusal,
      };
    });
  }

  // -------------------------------------------------------------------------------------------
  // Students: submit

  /**
   * Checked before the upload is read (so a refused student's files are never stored), and again
   * inside the transaction that records the submission.
   */
  async preflight(viewer: TaskViewer, taskId: number): Promise<void> {
    await this.tx.read(async (r) => {
      const task = await this.ownTask(r, viewer, taskId);
      const grade = (await r.tasks.grade(taskId, viewer.personId)) ?? null;
      const stat = (await r.tasks.stats([taskId], viewer.personId))[0];
      submissionDecision(task, { previous: stat?.count ?? 0, lastSubmittedAt: stat?.lastSubmittedAt ?? null, grade }, this.now());
    });
  }

  async submit(actor: TaskActor, taskId: number, input: { text: string | null; files: ReceivedFile[]; attachH5p: boolean }): Promise<{ id: number; version: number; late: boolean }> {
    const text = input.text?.trim() || null;
    if (text && text.length > 20_000) throw new DomainError('VALIDATION_FAILED', { field: 'text', reason: 'too_long' });
    if (input.files.length > TASK_FILE_LIMITS.maxFiles) throw new DomainError('TASK_TOO_MANY_FILES', { max: TASK_FILE_LIMITS.maxFiles });
    const names = input.files.map((f, i) => `${taskId}/${actor.personId}/${randomName()}-${i}${extSuffix(f.fileName)}`);
    return this.withFiles(names, async (r) => {
      const task = await this.ownTask(r, actor, taskId);
      if (input.files.length && !task.acceptFiles) throw new DomainError('VALIDATION_FAILED', { field: 'files', reason: 'not_accepted' });
      if (text && !task.acceptText) throw new DomainError('VALIDATION_FAILED', { field: 'text', reason: 'not_accepted' });
      let h5pResult: H5pResult | null = null;
      if (input.attachH5p) {
        if (task.h5pContentId === null) throw new DomainError('VALIDATION_FAILED', { field: 'h5p', reason: 'not_accepted' });
        const found = this.deps.h5pResult ? await this.deps.h5pResult(r, task.h5pContentId, actor.personId) : null;
        if (!found) throw new DomainError('TASK_H5P_NO_RESULT', { contentId: task.h5pContentId });
        h5pResult = { contentId: task.h5pContentId, ...found };
      }
      if (!text && !input.files.length && !h5pResult) throw new DomainError('TASK_EMPTY_SUBMISSION');
      const stat = (await r.tasks.stats([taskId], actor.personId))[0];
      const previous = stat?.count ?? 0;
      const grade = (await r.tasks.grade(taskId, actor.personId)) ?? null;
      const at = this.now();
      const { late } = submissionDecision(task, { previous, lastSubmittedAt: stat?.lastSubmittedAt ?? null, grade }, at);
      const version = previous + 1;
      const id = await r.tasks.addSubmission({ taskId, studentId: actor.personId, version, submittedAt: at.toISOString(), late, text, h5pResult });
      for (const [i, f] of input.files.entries()) {
        const storedPath = names[i]!;
        await r.tasks.addSubmissionFile(id, { fileName: safeFileName(f.fileName), storedPath, mime: f.mime, size: f.size });
        await this.deps.files.commit(f.tempId, storedPath);
      }
      await r.audit.record(actor, 'task.submitted', 'task', taskId, { submissionId: id, version, late, files: input.files.map((f) => ({ name: f.fileName, size: f.size })), hasText: !!text, h5p: !!h5pResult });
      return { id, version, late };
    });
  }

  /** The H5P module asks whether a student may play a content: yes when an opened task of theirs uses it. */
  async mayPlayH5p(contentId: number, studentId: number): Promise<boolean> {
    const now = this.now().getTime();
    return this.tx.read(async (r) => (await r.tasks.h5pTasksFor(contentId, studentId)).some((t) => Date.parse(t.opensAt) <= now));
  }

  // -------------------------------------------------------------------------------------------
  // Teachers: grade, return, release

  async grade(actor: TaskActor, taskId: number, studentId: number, input: GradeInput): Promise<Grade & { gradebookRefusal: string | null }> {
    return this.tx.run(async (r) => {
      const task = await this.managed(r, actor, taskId);
      if (!(await audienceOf(r, task)).some((s) => s.id === studentId)) throw new DomainError('NOT_FOUND', { studentId });
      const subs = await r.tasks.submissions(taskId, studentId);
      const last = subs[subs.length - 1];
      checkSelection(task.rubric, input.rubricSelection);
      let raw: number;
      if (input.score !== null) raw = input.score;
      else if (task.rubric && input.rubricSelection) raw = rubricScore(task.rubric, input.rubricSelection, task.maxScore);
      else throw new DomainError('VALIDATION_FAILED', { field: 'score', reason: 'required' });
      if (!(raw >= 0 && raw <= task.maxScore)) throw new DomainError('VALIDATION_FAILED', { field: 'score', reason: 'out_of_range', max: task.maxScore });
      raw = round2(raw);
      // The penalty follows the version graded: late work under a penalty loses points (never below 0).
      const penalty = latePenalty(task.latePenaltyKind, task.latePenaltyValue, raw, last?.late ?? false);
      const at = this.now().toISOString();
      const before = await r.tasks.grade(taskId, studentId);
      const g: Grade = {
        taskId, studentId, status: 'graded', submissionId: last?.id ?? null, rawScore: raw, penalty, score: round2(raw - penalty),
        comment: input.comment?.trim() || null, rubricSelection: input.rubricSelection, gradedById: actor.personId, gradedAt: at,
        releasedAt: input.release ? at : (before?.status === 'graded' ? before.releasedAt : null),
      };
      await r.tasks.saveGrade(g);
      await r.audit.record(actor, 'task.graded', 'task', taskId, { studentId, rawScore: g.rawScore, penalty, score: g.score, released: !!g.releasedAt, previousScore: before?.score ?? null });
      const gradebookRefusal = await this.toGradebook(r, actor, task, studentId, g.score!);
      return { ...g, gradebookRefusal };
    });
  }

  /** Back to the student for revision, with a comment they see at once; resubmission reopens. */
  async returnForRevision(actor: TaskActor, taskId: number, studentId: number, comment: string): Promise<void> {
    const text = comment.trim();
    if (!text) throw new DomainError('VALIDATION_FAILED', { field: 'comment', reason: 'empty' });
    await this.tx.run(async (r) => {
      const task = await this.managed(r, actor, taskId);
      const subs = await r.tasks.submissions(taskId, studentId);
      if (!subs.length) throw new DomainError('TASK_NOTHING_SUBMITTED', { studentId });
      const at = this.now().toISOString();
      await r.tasks.saveGrade({
        taskId: task.id, studentId, status: 'returned', submissionId: subs[subs.length - 1]!.id, rawScore: null, penalty: 0, score: null,
        comment: text, rubricSelection: null, gradedById: actor.personId, gradedAt: at, releasedAt: at,
      });
      await r.audit.record(actor, 'task.returned', 'task', taskId, { studentId, comment: text });
    });
  }

  async release(actor: TaskActor, taskId: number): Promise<{ released: number }> {
    return this.tx.run(async (r) => {
      await this.managed(r, actor, taskId);
      const ids = await r.tasks.releaseAll(taskId, this.now().toISOString());
      await r.audit.record(actor, 'task.grades_released', 'task', taskId, { studentIds: ids });
      return { released: ids.length };
    });
  }

  // -------------------------------------------------------------------------------------------
  // Files

  async attachmentFile(viewer: TaskViewer, taskId: number, fileId: number): Promise<StoredFile> {
    return this.tx.read(async (r) => {
      await this.readable(r, viewer, taskId);
      const f = await r.tasks.attachment(taskId, fileId);
      if (!f) throw new DomainError('NOT_FOUND', { fileId });
      return f;
    });
  }

  /** A submitted file: the task's staff, the student who sent it, their parents. */
  async submissionFile(viewer: TaskViewer, fileId: number): Promise<StoredFile> {
    return this.tx.read(async (r) => {
      const f = await r.tasks.submissionFile(fileId);
      if (!f) throw new DomainError('NOT_FOUND', { fileId });
      const { relation } = await this.readable(r, viewer, f.taskId);
      if (relation.kind === 'student' && f.studentId !== viewer.personId) throw new DomainError('NOT_FOUND', { fileId });
      if (relation.kind === 'parent' && !relation.childIds.includes(f.studentId)) throw new DomainError('NOT_FOUND', { fileId });
      return f;
    });
  }

  /**
   * Every student's latest version in a folder named after them, and a summary sheet of who
   * submitted when, late or not, and the score (the teacher's copy of the class's work).
   */
  async archive(actor: TaskActor, taskId: number): Promise<{ plan: ArchivePlan; summary: Buffer }> {
    const plan = await this.tx.read(async (r) => {
      const { task, relation } = await this.readable(r, actor, taskId);
      if (relation.kind !== 'manage' && relation.kind !== 'read') throw new DomainError('FORBIDDEN', { reason: 'staff_only' });
      const rows = await rosterOf(r, task);
      const latest = await r.tasks.latestSubmissions(taskId);
      const entries: ArchivePlan['entries'] = [];
      const used = new Set<string>();
      rows.forEach((row, i) => {
        const sub = latest.find((s) => s.studentId === row.studentId);
        if (!sub) return;
        const folder = uniqueName(used, `${String(i + 1).padStart(2, '0')} ${safeFileName(row.fullName, 'hoc-sinh')}`);
        const names = new Set<string>();
        for (const f of sub.files) entries.push({ zipPath: `${folder}/${uniqueName(names, safeFileName(f.fileName))}`, storedPath: f.storedPath });
        if (sub.text) entries.push({ zipPath: `${folder}/${uniqueName(names, 'bai-lam.txt')}`, text: sub.text });
      });
      const statusVi: Record<StudentStatus, string> = { not_submitted: 'Chưa nộp', submitted: 'Đã nộp', graded: 'Đã chấm', returned: 'Trả lại để sửa' };
      return {
          folderName: safeFileName(`${task.className} ${task.subjectName} ${task.title}`, 'nhiem-vu'),
          entries,
          summary: {
            name: 'Tổng hợp', title: `${task.title} — lớp ${task.className}, môn ${task.subjectName}`,
            columns: [
              { header: 'STT', key: 'no', width: 6, type: 'number' as const }, { header: 'Họ và tên', key: 'name', width: 28 }, { header: 'Mã định danh', key: 'pid', width: 22 },
              { header: 'Trạng thái', key: 'status', width: 16 }, { header: 'Số lần nộp', key: 'count', width: 10, type: 'number' as const },
              { header: 'Nộp lúc', key: 'at', width: 18 }, { header: 'Nộp muộn', key: 'late', width: 10 }, { header: 'Điểm', key: 'score', width: 8, type: 'number' as const },
              { header: 'Nhận xét', key: 'comment', width: 40 },
            ],
            rows: rows.map((row, i) => ({
              no: i + 1, name: row.fullName, pid: row.personalId, status: statusVi[row.status], count: row.submissions,
              at: row.lastSubmittedAt ? schoolTime(row.lastSubmittedAt) : '', late: row.late ? 'Nộp muộn' : '',
              score: row.grade?.status === 'graded' ? row.grade.score : null, comment: row.grade?.comment ?? '',
            })),
          },
      };
    });
    const summary = await this.deps.writeWorkbook([plan.summary]);
    await this.tx.run((r) => r.audit.record(actor, 'task.downloaded', 'task', taskId, { files: plan.entries.length }));
    return { plan, summary };
  }

  // -------------------------------------------------------------------------------------------

  /**
   * Sends the grade to the gradebook column the teacher chose. A refusal (a locked semester, a
   * column the subject does not have) keeps the task's grade, is audited and is returned so the
   * teacher is told; the gradebook refuses before it writes anything.
   */
  private async toGradebook(r: Repos, actor: TaskActor, task: Task, studentId: number, score: number): Promise<string | null> {
    if (!task.gradebookTarget || !this.deps.gradebook) return null;
    try {
      await this.deps.gradebook().record(r, {
        studentId, subjectId: task.subjectId, target: task.gradebookTarget, score: toTenPointScale(score, task.maxScore),
        source: { kind: 'task', id: task.id }, recordedById: actor.personId,
      });
      return null;
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      await r.audit.record(actor, 'task.gradebook_refused', 'task', task.id, { studentId, code: e.code, target: task.gradebookTarget });
      return e.code;
    }
  }

  /** Runs a unit of work that moves files into place; if it fails, the files moved are removed. */
  private async withFiles<T>(storedPaths: string[], fn: (r: Repos) => Promise<T>): Promise<T> {
    try {
      return await this.tx.run(fn);
    } catch (e) {
      await this.deps.files.remove(storedPaths);
      throw e;
    }
  }

  private async checkScope(r: Repos, actor: TaskActor, input: TaskInput): Promise<void> {
    const cls = await r.school.getClass(input.classId);
    if (!cls) throw new DomainError('NOT_FOUND', { classId: input.classId });
    const subject = await r.school.getSubject(input.subjectId);
    if (!subject) throw new DomainError('NOT_FOUND', { subjectId: input.subjectId });
    if (!(cls.grade in subject.periods)) throw new DomainError('GRADE_NOT_IN_SCHOOL_LEVEL', { grade: cls.grade, subjectId: subject.id });
    // Art. 5.3: the teacher assigned to this class × subject assigns its tasks.
    if (!(await teaches(r, actor, cls.id, subject.id))) throw new DomainError('TASK_NOT_ASSIGNED', { classId: cls.id, subjectId: subject.id });
    if (input.curriculumLessonId !== null) {
      const lesson = await r.tasks.curriculumLesson(input.curriculumLessonId);
      if (!lesson) throw new DomainError('NOT_FOUND', { curriculumLessonId: input.curriculumLessonId });
      if (lesson.subjectId !== subject.id || lesson.grade !== cls.grade) throw new DomainError('VALIDATION_FAILED', { field: 'curriculumLessonId', reason: 'other_subject_or_grade' });
    }
    if (input.h5pContentId !== null && !(await r.h5p.getContent(input.h5pContentId))) throw new DomainError('NOT_FOUND', { h5pContentId: input.h5pContentId });
    if (input.studentIds.length) {
      const enrolled = new Set((await r.tasks.classStudents(cls.id)).map((s) => s.id));
      const outside = input.studentIds.filter((id) => !enrolled.has(id));
      if (outside.length) throw new DomainError('TASK_STUDENT_NOT_IN_CLASS', { studentIds: outside });
    }
    if (input.gradebookTarget) {
      if (subject.assessment !== 'score') throw new DomainError('VALIDATION_FAILED', { field: 'gradebookTarget', reason: 'comment_subject' });
      const year = await r.school.getYear(cls.schoolYearId);
      if (!year?.semesters.some((s) => s.id === input.gradebookTarget!.semesterId)) throw new DomainError('VALIDATION_FAILED', { field: 'gradebookTarget.semesterId', reason: 'not_in_class_year' });
    }
  }

  private async managed(r: Repos, viewer: TaskViewer, id: number): Promise<Task> {
    const task = await r.tasks.get(id);
    if (!task) throw new DomainError('NOT_FOUND', { taskId: id });
    if (!(await teaches(r, viewer, task.classId, task.subjectId))) throw new DomainError('TASK_NOT_ASSIGNED', { classId: task.classId, subjectId: task.subjectId });
    return task;
  }

  /** The viewer's own task as a student, open already; anything else is not found (no probing). */
  private async ownTask(r: Repos, viewer: TaskViewer, id: number): Promise<Task> {
    const { task, relation } = await this.readable(r, viewer, id);
    if (relation.kind !== 'student') throw new DomainError('FORBIDDEN', { reason: 'students_submit' });
    return task;
  }

  private async readable(r: Repos, viewer: TaskViewer, id: number): Promise<{ task: Task; relation: Relation }> {
    const task = await r.tasks.get(id);
    if (!task) throw new DomainError('NOT_FOUND', { taskId: id });
    const relation = await relationTo(r, viewer, task, this.now());
    if (!relation) throw new DomainError('NOT_FOUND', { taskId: id });
    return { task, relation };
  }
}

// ---------------------------------------------------------------------------------------------

function normalise(i: TaskInput): TaskInput {
  const iso = (s: string) => {
    const t = Date.parse(s);
    return Number.isNaN(t) ? s : new Date(t).toISOString();
  };
  return {
    ...i, title: i.title.trim(), instructions: cleanInstructions(i.instructions), groupName: i.groupName?.trim() || null,
    opensAt: iso(i.opensAt), dueAt: iso(i.dueAt), closeAt: i.closeAt ? iso(i.closeAt) : null,
    latePenaltyValue: i.latePenaltyKind === 'none' ? 0 : i.latePenaltyValue,
    rubric: i.rubric ? { criteria: i.rubric.criteria.map((c) => ({ title: c.title.trim(), levels: c.levels.map((l) => ({ label: l.label.trim(), points: l.points, description: l.description.trim() })) })) } : null,
  };
}

function rowOf(i: TaskInput, teacherId: number): TaskRow {
  const { studentIds: _ignored, ...rest } = i;
  return { ...rest, teacherId };
}

async function teaches(r: Repos, viewer: TaskViewer, classId: number, subjectId: number): Promise<boolean> {
  const cls = await r.school.getClass(classId);
  if (!cls) return false;
  return (await r.school.listAssignments({ yearId: cls.schoolYearId, classId, teacherId: viewer.personId })).some((a) => a.subjectId === subjectId);
}

async function audienceOf(r: Repos, task: Task) {
  return task.audience === 'class' ? r.tasks.classStudents(task.classId) : r.tasks.assignees(task.id);
}

async function relationTo(r: Repos, viewer: TaskViewer, task: Task, now: Date): Promise<Relation | null> {
  if (await teaches(r, viewer, task.classId, task.subjectId)) return { kind: 'manage' };
  if (isManager(viewer)) return { kind: 'read' };
  if (viewer.roles.includes('group_leader')) {
    const subject = await r.school.getSubject(task.subjectId);
    const group = subject?.subjectGroupId ? (await r.school.listGroups()).find((g) => g.id === subject.subjectGroupId) : undefined;
    if (group?.leaderId === viewer.personId) return { kind: 'read' };
  }
  // Students and parents see a task from its opening, and only when it is for them.
  if (now.getTime() < Date.parse(task.opensAt)) return null;
  const audience = new Set((await audienceOf(r, task)).map((s) => s.id));
  if (viewer.roles.includes('student') && audience.has(viewer.personId)) return { kind: 'student' };
  if (viewer.roles.includes('parent')) {
    const childIds = (await r.people.childrenOf(viewer.personId)).map((c) => c.id).filter((id) => audience.has(id));
    if (childIds.length) return { kind: 'parent', childIds };
  }
  return null;
}

async function rosterOf(r: Repos, task: Task): Promise<RosterRow[]> {
  const students = await audienceOf(r, task);
  const stats: SubmissionStat[] = await r.tasks.stats([task.id]);
  const grades = await r.tasks.grades([task.id]);
  return students.map((s) => {
    const st = stats.find((x) => x.studentId === s.id);
    const g = grades.find((x) => x.studentId === s.id) ?? null;
    return {
      studentId: s.id, fullName: s.fullName, personalId: s.personalId, status: studentStatus(st?.count ?? 0, g, st?.lastSubmittedAt ?? null), submissions: st?.count ?? 0,
      lastSubmittedAt: st?.lastSubmittedAt ?? null, late: st?.lastLate ?? false, grade: g,
    };
  });
}

/** Students and parents see a grade once released; a returned work's comment at once. */
function visibleGrade(g: Grade | null): Grade | null {
  if (!g || !g.releasedAt) return null;
  return g;
}

const publicFile = ({ id, fileName, mime, size }: TaskFile): TaskFile => ({ id, fileName, mime, size });

function randomName(): string {
  return globalThis.crypto.randomUUID();
}

function extSuffix(fileName: string): string {
  const e = extensionOf(fileName);
  return e ? `.${e}` : '';
}

function uniqueName(used: Set<string>, name: string): string {
  let out = name;
  const ext = extensionOf(name);
  const base = ext ? name.slice(0, -(ext.length + 1)) : name;
  for (let n = 2; used.has(out.toLowerCase()); n++) out = ext ? `${base} (${n}).${ext}` : `${base} (${n})`;
  used.add(out.toLowerCase());
  return out;
}

/** dd/mm/yyyy hh:mm in school time (UTC+7). */
export function schoolTime(iso: string): string {
  const d = new Date(Date.parse(iso) + 7 * 3_600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())}/${p(d.getUTCMonth() + 1)}/${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`;
}
