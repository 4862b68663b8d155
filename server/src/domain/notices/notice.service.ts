import { DomainError } from '../shared/errors.js';
import type { ArchiveWriter } from '../archive/archive-writer.js';
import type { Repos, Transactor } from '../repos.js';
import { schoolDate } from '../live/school-time.js';
import { audienceClassIds, checkAudience, mayAddress, resolveAudience } from './audience.js';
import { noticeFromDecision, noticeKindFor, type DecisionForNotice } from './notice-text.js';
import type { NoticeListItem } from './notice.repository.js';
import type { MyNotice, Notice, NoticeActor, NoticeInput, NoticeKind, NoticeReceipts, NoticeStatus, NoticeViewer, ReceiptClass } from './notice.types.js';

const isManager = (roles: readonly string[]) => roles.includes('principal') || roles.includes('vice_principal');

export interface AudienceOptions {
  schoolYearId: number;
  /** Whether the viewer may address the whole school and grades (principal, vice principal). */
  wholeSchool: boolean;
  classes: { id: number; name: string; grade: number }[];
}

/**
 * Notices to students and parents (Art. 15.1.e): of the online mode and of the assessment plan
 * (optionally from the principal's decision, Art. 5.4, 6.2) and general ones. Authors: the principal
 * and vice principal for the school, a homeroom teacher for their class. Draft → published; a
 * published notice is fixed (recipients and text) and archived as evidence (Art. 8.1.a); a
 * correction is a new notice that supersedes it. Each recipient's reading is recorded once.
 */
export class NoticeService {
  constructor(
    private readonly tx: Transactor,
    private readonly deps: { archive: () => ArchiveWriter; now?: () => Date },
  ) {}

  private now(): string {
    return (this.deps.now?.() ?? new Date()).toISOString();
  }

  // --- students and parents -------------------------------------------------------------------

  /** The signed-in student's or parent's published notices, unread first, newest first. */
  async mine(viewer: NoticeViewer): Promise<MyNotice[]> {
    const all = await this.tx.read((r) => r.notices.mine(viewer.personId));
    return all.sort((a, b) => Number(a.readAt !== null) - Number(b.readAt !== null) || (a.publishedAt < b.publishedAt ? 1 : a.publishedAt > b.publishedAt ? -1 : b.id - a.id));
  }

  /** Records that the person has read the notice (once: a parent of two children reads once). */
  async markRead(actor: NoticeActor, id: number): Promise<{ readAt: string }> {
    return this.tx.run(async (r) => {
      // Someone not among the recipients learns nothing about the notice, not even that it exists.
      if (!(await r.notices.isRecipient(id, actor.personId))) throw new DomainError('NOT_FOUND', { noticeId: id });
      const at = this.now();
      const readAt = await r.notices.markRead(id, actor.personId, at);
      if (readAt === at) await r.audit.record(actor, 'notice.read', 'notice', id);
      return { readAt };
    });
  }

  // --- authors --------------------------------------------------------------------------------

  /** The classes the viewer may address in the current school year. */
  async audienceOptions(viewer: NoticeViewer): Promise<AudienceOptions> {
    return this.tx.read(async (r) => {
      const year = await currentYear(r);
      const classes = await r.school.listClasses(year.id);
      const mine = isManager(viewer.roles) ? classes : classes.filter((c) => c.homeroomTeacherId === viewer.personId);
      return { schoolYearId: year.id, wholeSchool: isManager(viewer.roles), classes: mine.map((c) => ({ id: c.id, name: c.name, grade: c.grade })) };
    });
  }

  /** Managers see every notice; a teacher their own. */
  async list(viewer: NoticeViewer, f: { status?: NoticeStatus; kind?: NoticeKind; decisionId?: number } = {}): Promise<NoticeListItem[]> {
    return this.tx.read((r) => r.notices.list({ ...f, ...(isManager(viewer.roles) ? {} : { authorId: viewer.personId }) }));
  }

  async get(viewer: NoticeViewer, id: number): Promise<Notice> {
    return this.tx.read((r) => this.visible(r, viewer, id));
  }

  /** A draft prefilled from the principal's decision (the "notify students and parents" button). */
  async fromDecision(viewer: NoticeViewer, decisionId: number): Promise<NoticeInput> {
    return this.tx.read(async (r) => {
      const d = await r.liveDecisions.get(decisionId);
      if (!d) throw new DomainError('NOT_FOUND', { decisionId });
      if (d.revokedAt) throw new DomainError('NOTICE_DECISION_REVOKED', { decisionId });
      const year = await currentYear(r);
      const classes = await r.school.listClasses(year.id);
      const subjects = await r.school.listSubjects();
      const draft = noticeFromDecision(d as DecisionForNotice, {
        classes: new Map(classes.map((c) => [c.id, c.name])),
        subjects: new Map(subjects.map((s) => [s.id, s.name])),
      });
      if (isManager(viewer.roles)) return draft;
      // A homeroom teacher relays the decision to their own class(es) among those it covers.
      const own = classes.filter((c) => c.homeroomTeacherId === viewer.personId).map((c) => c.id);
      const covered = d.classIds === 'all' ? own : own.filter((id) => (d.classIds as number[]).includes(id));
      if (!covered.length) throw new DomainError('NOTICE_AUDIENCE_OUT_OF_SCOPE', { decisionId });
      return { ...draft, audience: { scope: 'classes', classIds: covered, to: 'both' } };
    });
  }

  async create(actor: NoticeActor, raw: NoticeInput): Promise<number> {
    const input = clean(raw);
    return this.tx.run(async (r) => {
      const year = await currentYear(r);
      const checked = await this.checkInput(r, actor, year.id, input);
      const id = await r.notices.create({ ...checked, schoolYearId: year.id, authorId: actor.personId, at: this.now() });
      await r.audit.record(actor, 'notice.drafted', 'notice', id, { kind: checked.kind, audience: checked.audience, decisionId: checked.decisionId, supersedesId: checked.supersedesId });
      return id;
    });
  }

  async update(actor: NoticeActor, id: number, raw: NoticeInput): Promise<void> {
    const input = clean(raw);
    await this.tx.run(async (r) => {
      const n = await this.ownDraft(r, actor, id);
      const checked = await this.checkInput(r, actor, n.schoolYearId, input);
      await r.notices.update(id, { ...checked, at: this.now() });
      await r.audit.record(actor, 'notice.edited', 'notice', id, { kind: checked.kind, audience: checked.audience });
    });
  }

  async remove(actor: NoticeActor, id: number): Promise<void> {
    await this.tx.run(async (r) => {
      const n = await this.ownDraft(r, actor, id);
      await r.notices.remove(id);
      await r.audit.record(actor, 'notice.draft_deleted', 'notice', id, { title: n.title });
    });
  }

  /**
   * Publishes a draft: the recipients are fixed from the roster at this moment, the notice can no
   * longer change, and it is appended to the records archive as evidence (Art. 8.1.a, 15.1.e) in
   * the same transaction.
   */
  async publish(actor: NoticeActor, id: number): Promise<{ recipients: number }> {
    return this.tx.run(async (r) => {
      const n = await this.ownDraft(r, actor, id);
      // The author's scope is checked again: a homeroom assignment may have changed since the draft.
      const checked = await this.checkInput(r, actor, n.schoolYearId, n);
      const roster = await r.notices.roster(n.schoolYearId);
      const recipients = resolveAudience(checked.audience, roster);
      if (!recipients.length) throw new DomainError('NOTICE_NO_RECIPIENTS', { noticeId: id });
      const at = this.now();
      await r.notices.publish(id, at, recipients);
      const people = new Set(recipients.map((x) => x.personId)).size;
      const year = await r.school.getYear(n.schoolYearId);
      const day = schoolDate(at);
      const semester = year?.semesters.find((s) => s.startsOn <= day && day <= s.endsOn) ?? null;
      const classes = await r.school.listClasses(n.schoolYearId);
      const classNames = audienceClassIds(checked.audience, { classes }).map((cid) => classes.find((c) => c.id === cid)?.name ?? String(cid));
      await this.deps.archive().append(r, {
        category: 'evidence',
        kind: 'notice.published',
        ref: `notices:${id}`,
        title: `Thông báo: ${n.title}`,
        schoolYearId: n.schoolYearId,
        semesterId: semester?.id ?? null,
        actorId: actor.personId,
        payload: {
          id, kind: n.kind, title: n.title, body: n.body, audience: checked.audience, classes: classNames,
          decisionId: n.decisionId, supersedesId: n.supersedesId, authorId: n.authorId, authorName: n.authorName,
          publishedAt: at, recipients: people,
          delivered: recipients.map((x) => ({ personId: x.personId, kind: x.kind, studentId: x.studentId, classId: x.classId })),
        },
      });
      await r.audit.record(actor, 'notice.published', 'notice', id, { recipients: people, supersedesId: n.supersedesId, decisionId: n.decisionId });
      return { recipients: people };
    });
  }

  /** Who has read a published notice: counts per class (students, parents) and who has not read yet. */
  async receipts(viewer: NoticeViewer, id: number): Promise<NoticeReceipts> {
    return this.tx.read(async (r) => {
      const n = await this.visible(r, viewer, id);
      if (n.status !== 'published') return { noticeId: id, total: 0, read: 0, classes: [], unread: [] };
      const rows = await r.notices.recipients(id);
      const byClass = new Map<number, ReceiptClass>();
      const counted = new Map<number, Set<string>>();
      for (const x of rows) {
        let c = byClass.get(x.classId);
        if (!c) byClass.set(x.classId, (c = { classId: x.classId, className: x.className, grade: x.grade, students: { total: 0, read: 0 }, parents: { total: 0, read: 0 } }));
        // A parent with two children in one class is one parent of that class.
        const seen = counted.get(x.classId) ?? new Set<string>();
        counted.set(x.classId, seen);
        const key = `${x.kind}|${x.personId}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const bucket = x.kind === 'student' ? c.students : c.parents;
        bucket.total++;
        if (x.readAt) bucket.read++;
      }
      const people = new Map<number, boolean>();
      for (const x of rows) people.set(x.personId, x.readAt !== null);
      const classes = [...byClass.values()].sort((a, b) => a.grade - b.grade || a.className.localeCompare(b.className, 'vi'));
      const unread = rows.filter((x) => !x.readAt).map((x) => ({ personId: x.personId, fullName: x.fullName, kind: x.kind, classId: x.classId, className: x.className, studentName: x.studentName }));
      return { noticeId: id, total: people.size, read: [...people.values()].filter(Boolean).length, classes, unread };
    });
  }

  // --- rules ----------------------------------------------------------------------------------

  private async visible(r: Repos, viewer: NoticeViewer, id: number): Promise<Notice> {
    const n = await r.notices.get(id);
    if (!n || (!isManager(viewer.roles) && n.authorId !== viewer.personId)) throw new DomainError('NOT_FOUND', { noticeId: id });
    return n;
  }

  /** Drafts are changed, deleted and published by their author, or by the principal or vice principal (who see every notice). */
  private async ownDraft(r: Repos, actor: NoticeActor, id: number): Promise<Notice> {
    const n = await this.visible(r, actor, id);
    if (n.status === 'published') throw new DomainError('NOTICE_PUBLISHED_IMMUTABLE', { noticeId: id, publishedAt: n.publishedAt });
    return n;
  }

  private async checkInput(r: Repos, actor: NoticeActor, schoolYearId: number, input: NoticeInput): Promise<NoticeInput> {
    const classes = await r.school.listClasses(schoolYearId);
    const audience = checkAudience(input.audience, { classes });
    const homeroom = classes.filter((c) => c.homeroomTeacherId === actor.personId).map((c) => c.id);
    if (!mayAddress(actor.roles, homeroom, audience)) throw new DomainError('NOTICE_AUDIENCE_OUT_OF_SCOPE', { audience });
    if (input.decisionId !== null) {
      const d = await r.liveDecisions.get(input.decisionId);
      if (!d) throw new DomainError('NOT_FOUND', { decisionId: input.decisionId });
      if (d.revokedAt) throw new DomainError('NOTICE_DECISION_REVOKED', { decisionId: d.id });
      if (noticeKindFor(d.type) !== input.kind) throw new DomainError('NOTICE_DECISION_KIND_MISMATCH', { decisionType: d.type, kind: input.kind });
    }
    if (input.supersedesId !== null) {
      const old = await r.notices.get(input.supersedesId);
      if (!old || (!isManager(actor.roles) && old.authorId !== actor.personId)) throw new DomainError('NOT_FOUND', { noticeId: input.supersedesId });
      if (old.status !== 'published' || old.supersededById !== null) throw new DomainError('NOTICE_SUPERSEDE_NOT_PUBLISHED', { noticeId: old.id });
    }
    return { ...input, audience };
  }
}

function clean(i: NoticeInput): NoticeInput {
  const title = i.title.trim();
  const body = i.body.replace(/\r\n/g, '\n').trim();
  if (!title) throw new DomainError('VALIDATION_FAILED', { field: 'title', reason: 'empty' });
  if (!body) throw new DomainError('VALIDATION_FAILED', { field: 'body', reason: 'empty' });
  return { ...i, title, body };
}

async function currentYear(r: Repos) {
  const year = await r.school.currentYear();
  if (!year) throw new DomainError('NOTICE_NO_SCHOOL_YEAR');
  return year;
}
