import { MESSAGE_MAX_CHARS, SUBJECT_MAX_CHARS, type Thread, type ThreadDetail } from '../../contracts/parents.schema.js';
import { DomainError } from '../shared/errors.js';
import type { Repos, Transactor } from '../repos.js';
import { isPrincipal, ownChild } from './parent-access.js';
import type { ParentsViewer, Side, ThreadRow } from './parents.types.js';

/** Rate limits: messages per author in a window, new threads per parent per day. */
export const MESSAGE_LIMIT = { count: 10, windowMinutes: 10 };
export const THREAD_LIMIT = { count: 5, windowMinutes: 24 * 60 };

/** Plain text only: trimmed, Unicode NFC, control characters removed (line breaks kept). */
export function cleanText(raw: string): string {
  // eslint-disable-next-line no-control-regex
  return raw.normalize('NFC').replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '').trim();
}

function checkBody(raw: string): string {
  const body = cleanText(raw);
  if (!body) throw new DomainError('PARENT_MESSAGE_EMPTY');
  if ([...body].length > MESSAGE_MAX_CHARS) throw new DomainError('PARENT_MESSAGE_TOO_LONG', { max: MESSAGE_MAX_CHARS, length: [...body].length });
  return body;
}

/**
 * Messages between a parent and the homeroom teacher of their child's class (Art. 16: teachers
 * coordinate with parents). A thread is about one child; the parent never chooses a teacher
 * outside that class: the server takes the class's homeroom teacher. The teacher's inbox lists the
 * threads of the classes they are homeroom teacher of; the principal may read them for supervision,
 * and each such reading is audited.
 */
export class ParentMessagesService {
  constructor(private readonly tx: Transactor, private readonly now: () => Date = () => new Date()) {}

  /** The viewer's threads: a parent their own, a teacher those of their homeroom classes. */
  async list(v: ParentsViewer): Promise<Thread[]> {
    return this.tx.read(async (r) => {
      if (v.roles.includes('parent')) return this.withUnread(r, await r.parents.threads({ parentId: v.personId }), 'parent');
      if (v.roles.includes('teacher')) {
        const classIds = await homeroomClassIds(r, v.personId);
        return classIds.length ? this.withUnread(r, await r.parents.threads({ classIds }), 'teacher') : [];
      }
      return [];
    });
  }

  async start(v: ParentsViewer, input: { studentId: number; teacherId?: number | undefined; subject: string; body: string }): Promise<{ id: number }> {
    if (!v.roles.includes('parent')) throw new DomainError('FORBIDDEN', { reason: 'parents_start_threads' });
    const subject = cleanText(input.subject).replace(/\s+/g, ' ');
    if (!subject) throw new DomainError('VALIDATION_FAILED', { field: 'subject', reason: 'empty' });
    if ([...subject].length > SUBJECT_MAX_CHARS) throw new DomainError('VALIDATION_FAILED', { field: 'subject', reason: 'too_long' });
    const body = checkBody(input.body);
    return this.tx.run(async (r) => {
      const child = await ownChild(r, v, input.studentId);
      if (!child.classId) throw new DomainError('PARENT_CHILD_NO_CLASS', { studentId: child.id });
      if (!child.homeroomTeacherId) throw new DomainError('PARENT_NO_HOMEROOM_TEACHER', { classId: child.classId });
      // A parent can never address a teacher of a class their child is not in.
      if (input.teacherId !== undefined && input.teacherId !== child.homeroomTeacherId) {
        throw new DomainError('PARENT_NOT_HOMEROOM_TEACHER', { teacherId: input.teacherId });
      }
      const at = this.now().toISOString();
      await this.checkRate(r, v.personId, at);
      if ((await r.parents.threadsSince(v.personId, minutesBefore(at, THREAD_LIMIT.windowMinutes))) >= THREAD_LIMIT.count) {
        throw new DomainError('PARENT_RATE_LIMITED', { limit: THREAD_LIMIT });
      }
      const id = await r.parents.createThread({ studentId: child.id, parentId: v.personId, classId: child.classId, subject, at });
      await r.parents.addMessage({ threadId: id, authorId: v.personId, side: 'parent', body, at });
      await r.parents.markRead(id, 'parent', at);
      await r.audit.record(v, 'parent_thread.started', 'parent_thread', id, { studentId: child.id, classId: child.classId, teacherId: child.homeroomTeacherId });
      return { id };
    });
  }

  async reply(v: ParentsViewer, threadId: number, raw: string): Promise<{ id: number }> {
    const body = checkBody(raw);
    return this.tx.run(async (r) => {
      const { thread, side } = await this.access(r, v, threadId);
      const at = this.now().toISOString();
      await this.checkRate(r, v.personId, at);
      const id = await r.parents.addMessage({ threadId: thread.id, authorId: v.personId, side, body, at });
      await r.parents.markRead(thread.id, side, at);
      await r.audit.record(v, 'parent_message.sent', 'parent_thread', thread.id, { messageId: id, side, length: [...body].length });
      return { id };
    });
  }

  /** Opens a thread as one of its two sides; their read mark moves to now. */
  async open(v: ParentsViewer, threadId: number): Promise<ThreadDetail> {
    return this.tx.run(async (r) => {
      const { thread, side } = await this.access(r, v, threadId);
      const at = this.now().toISOString();
      await r.parents.markRead(thread.id, side, at);
      const messages = await r.parents.messages(thread.id);
      return {
        thread: { ...threadDto(thread), unread: 0 },
        messages: messages.map(({ threadId: _t, ...m }) => m),
        otherReadAt: side === 'parent' ? thread.teacherReadAt : thread.parentReadAt,
        mySide: side,
      };
    });
  }

  // Supervision by the principal (reading is audited; read marks are not touched)

  async superviseList(v: ParentsViewer, classId?: number): Promise<Thread[]> {
    if (!isPrincipal(v)) throw new DomainError('FORBIDDEN', { action: 'parents.supervise' });
    return this.tx.read(async (r) => {
      if (classId !== undefined && !(await r.school.getClass(classId))) throw new DomainError('NOT_FOUND', { classId });
      const rows = await r.parents.threads(classId !== undefined ? { classIds: [classId] } : {});
      return rows.map((t) => ({ ...threadDto(t), unread: 0 }));
    });
  }

  async superviseOpen(v: ParentsViewer, threadId: number): Promise<ThreadDetail> {
    if (!isPrincipal(v)) throw new DomainError('FORBIDDEN', { action: 'parents.supervise' });
    return this.tx.run(async (r) => {
      const thread = await r.parents.thread(threadId);
      if (!thread) throw new DomainError('NOT_FOUND', { threadId });
      await r.audit.record(v, 'parent_thread.supervised_read', 'parent_thread', thread.id, { studentId: thread.studentId, classId: thread.classId });
      const messages = await r.parents.messages(thread.id);
      return { thread: { ...threadDto(thread), unread: 0 }, messages: messages.map(({ threadId: _t, ...m }) => m), otherReadAt: null, mySide: 'supervisor' };
    });
  }

  /**
   * The side the viewer takes in a thread: its parent while still linked to the child, or the
   * current homeroom teacher of the thread's class. Anyone else: 404 for an unknown thread, 403.
   */
  private async access(r: Repos, v: ParentsViewer, threadId: number): Promise<{ thread: ThreadRow; side: Side }> {
    const thread = await r.parents.thread(threadId);
    if (!thread) throw new DomainError('NOT_FOUND', { threadId });
    if (v.roles.includes('parent') && thread.parentId === v.personId && (await r.parents.isParentOf(v.personId, thread.studentId))) return { thread, side: 'parent' };
    if (v.roles.includes('teacher') && thread.homeroomTeacherId === v.personId) return { thread, side: 'teacher' };
    throw new DomainError('FORBIDDEN', { threadId });
  }

  private async checkRate(r: Repos, personId: number, at: string) {
    if ((await r.parents.messagesSince(personId, minutesBefore(at, MESSAGE_LIMIT.windowMinutes))) >= MESSAGE_LIMIT.count) {
      throw new DomainError('PARENT_RATE_LIMITED', { limit: MESSAGE_LIMIT });
    }
  }

  private async withUnread(r: Repos, rows: ThreadRow[], side: Side): Promise<Thread[]> {
    const unread = await r.parents.unread(rows.map((t) => t.id), side);
    return rows.map((t) => ({ ...threadDto(t), unread: unread.get(t.id) ?? 0 }));
  }
}

async function homeroomClassIds(r: Repos, teacherId: number): Promise<number[]> {
  const year = await r.school.currentYear();
  if (!year) return [];
  return (await r.school.listClasses(year.id)).filter((c) => c.homeroomTeacherId === teacherId).map((c) => c.id);
}

function minutesBefore(at: string, minutes: number): string {
  return new Date(Date.parse(at) - minutes * 60_000).toISOString();
}

function threadDto(t: ThreadRow): Omit<Thread, 'unread'> {
  return {
    id: t.id, studentId: t.studentId, studentName: t.studentName, parentId: t.parentId, parentName: t.parentName, classId: t.classId, className: t.className,
    homeroomTeacherId: t.homeroomTeacherId, homeroomTeacherName: t.homeroomTeacherName, subject: t.subject, createdAt: t.createdAt, lastMessageAt: t.lastMessageAt,
    messageCount: t.messageCount,
  };
}
