import type { Knex } from 'knex';
import type { NoticeListItem, NoticeRepository } from '../domain/notices/notice.repository.js';
import type { MyNotice, Notice, NoticeAudience, NoticeInput, NoticeKind, NoticeRecipient, NoticeStatus } from '../domain/notices/notice.types.js';
import { insertedId, int } from './rows.js';

const nullableInt = (v: unknown) => (v === null || v === undefined ? null : int(v));

export class KnexNoticeRepository implements NoticeRepository {
  constructor(private readonly db: Knex) {}

  private async notices(where: (q: Knex.QueryBuilder) => void): Promise<Notice[]> {
    const q = this.db('notices as n').join('people as a', 'a.id', 'n.author_id')
      .leftJoin('notices as s', (j) => j.on('s.supersedes_id', '=', 'n.id').andOn('s.status', '=', this.db.raw('?', ['published'])))
      .select('n.*', 'a.full_name as author_name', 's.id as superseded_by_id')
      .orderBy('n.id', 'desc');
    where(q);
    const rows = await q;
    if (!rows.length) return [];
    const ids = rows.map((r) => int(r.id));
    const links = await this.db('notice_classes').whereIn('notice_id', ids).select('notice_id', 'class_id');
    return rows.map((r) => {
      const id = int(r.id);
      const to = r.audience_to as NoticeAudience['to'];
      const audience: NoticeAudience = r.audience_scope === 'school'
        ? { scope: 'school', to }
        : r.audience_scope === 'grades'
          ? { scope: 'grades', grades: (JSON.parse(r.audience_grades) as number[]), to }
          : { scope: 'classes', classIds: links.filter((l) => int(l.notice_id) === id).map((l) => int(l.class_id)).sort((a, b) => a - b), to };
      return {
        id, schoolYearId: int(r.school_year_id), kind: r.kind as NoticeKind, title: r.title, body: r.body, audience,
        decisionId: nullableInt(r.decision_id), supersedesId: nullableInt(r.supersedes_id), supersededById: nullableInt(r.superseded_by_id),
        authorId: int(r.author_id), authorName: r.author_name, status: r.status as NoticeStatus,
        createdAt: r.created_at, updatedAt: r.updated_at, publishedAt: r.published_at ?? null,
      };
    });
  }

  private fields(n: NoticeInput) {
    return {
      kind: n.kind, title: n.title, body: n.body, audience_scope: n.audience.scope, audience_to: n.audience.to,
      audience_grades: JSON.stringify(n.audience.scope === 'grades' ? n.audience.grades : []),
      decision_id: n.decisionId, supersedes_id: n.supersedesId,
    };
  }

  private async setClasses(id: number, a: NoticeAudience) {
    await this.db('notice_classes').where({ notice_id: id }).delete();
    if (a.scope === 'classes' && a.classIds.length) await this.db('notice_classes').insert(a.classIds.map((class_id) => ({ notice_id: id, class_id })));
  }

  async create(n: NoticeInput & { schoolYearId: number; authorId: number; at: string }) {
    const id = insertedId(await this.db('notices').insert({
      ...this.fields(n), school_year_id: n.schoolYearId, author_id: n.authorId, status: 'draft', created_at: n.at, updated_at: n.at,
    }).returning('id'));
    await this.setClasses(id, n.audience);
    return id;
  }

  async update(id: number, n: NoticeInput & { at: string }) {
    // Only drafts change (the service checks; the where clause makes sure).
    await this.db('notices').where({ id, status: 'draft' }).update({ ...this.fields(n), updated_at: n.at });
    await this.setClasses(id, n.audience);
  }

  async remove(id: number) {
    await this.db('notices').where({ id, status: 'draft' }).delete();
  }

  async get(id: number) {
    return (await this.notices((q) => q.where('n.id', id)))[0];
  }

  async list(f: { authorId?: number; status?: NoticeStatus; kind?: NoticeKind; decisionId?: number }): Promise<NoticeListItem[]> {
    const list = await this.notices((q) => {
      if (f.authorId !== undefined) q.where('n.author_id', f.authorId);
      if (f.status) q.where('n.status', f.status);
      if (f.kind) q.where('n.kind', f.kind);
      if (f.decisionId !== undefined) q.where('n.decision_id', f.decisionId);
    });
    if (!list.length) return [];
    const ids = list.map((n) => n.id);
    const recipients = await this.db('notice_recipients').whereIn('notice_id', ids).groupBy('notice_id').select('notice_id').countDistinct({ c: 'person_id' });
    const reads = await this.db('notice_reads').whereIn('notice_id', ids).groupBy('notice_id').select('notice_id').count({ c: '*' });
    const countOf = (rows: Record<string, unknown>[], id: number) => int(rows.find((x) => int(x.notice_id) === id)?.c ?? 0);
    return list.map((n) => ({ ...n, recipientCount: countOf(recipients, n.id), readCount: countOf(reads, n.id) }));
  }

  async publish(id: number, at: string, recipients: NoticeRecipient[]) {
    await this.db('notices').where({ id, status: 'draft' }).update({ status: 'published', published_at: at, updated_at: at });
    for (let i = 0; i < recipients.length; i += 200) {
      await this.db('notice_recipients').insert(recipients.slice(i, i + 200).map((x) => ({
        notice_id: id, person_id: x.personId, kind: x.kind, student_id: x.studentId, class_id: x.classId,
      })));
    }
  }

  async roster(schoolYearId: number) {
    const classes = (await this.db('classes').where({ school_year_id: schoolYearId }).select('id', 'grade')).map((c) => ({ id: int(c.id), grade: int(c.grade) }));
    const enrolments = (await this.db('enrolments as e').join('classes as c', 'c.id', 'e.class_id').join('people as p', 'p.id', 'e.student_id')
      .where('c.school_year_id', schoolYearId).where('p.status', 'active')
      .select('e.class_id', 'e.student_id')).map((e) => ({ classId: int(e.class_id), studentId: int(e.student_id) }));
    const parentLinks = (await this.db('parent_links as l').join('enrolments as e', 'e.student_id', 'l.student_id').join('classes as c', 'c.id', 'e.class_id')
      .join('people as p', 'p.id', 'l.parent_id').where('c.school_year_id', schoolYearId).where('p.status', 'active')
      .distinct('l.parent_id', 'l.student_id')).map((l) => ({ parentId: int(l.parent_id), studentId: int(l.student_id) }));
    return { classes, enrolments, parentLinks };
  }

  async mine(personId: number): Promise<MyNotice[]> {
    const rows = await this.db('notice_recipients as r').join('notices as n', 'n.id', 'r.notice_id').join('people as a', 'a.id', 'n.author_id')
      .join('people as s', 's.id', 'r.student_id').join('classes as c', 'c.id', 'r.class_id')
      .leftJoin('notice_reads as rd', (j) => j.on('rd.notice_id', '=', 'n.id').andOn('rd.person_id', '=', 'r.person_id'))
      .leftJoin('notices as sup', (j) => j.on('sup.supersedes_id', '=', 'n.id').andOn('sup.status', '=', this.db.raw('?', ['published'])))
      .where('r.person_id', personId).where('n.status', 'published')
      .select('n.id', 'n.kind', 'n.title', 'n.body', 'n.published_at', 'n.supersedes_id', 'a.full_name as author_name', 'rd.read_at',
        'sup.id as superseded_by_id', 'r.kind as rkind', 's.id as student_id', 's.full_name as student_name', 'c.name as class_name')
      .orderBy('n.id', 'desc');
    const out = new Map<number, MyNotice>();
    for (const r of rows) {
      const id = int(r.id);
      let n = out.get(id);
      if (!n) {
        out.set(id, (n = {
          id, kind: r.kind, title: r.title, body: r.body, authorName: r.author_name, publishedAt: r.published_at, readAt: r.read_at ?? null,
          supersedesId: nullableInt(r.supersedes_id), supersededById: nullableInt(r.superseded_by_id), children: [],
        }));
      }
      if (r.rkind === 'parent' && !n.children.some((c) => c.id === int(r.student_id))) n.children.push({ id: int(r.student_id), fullName: r.student_name, className: r.class_name });
    }
    return [...out.values()];
  }

  async isRecipient(noticeId: number, personId: number) {
    const row = await this.db('notice_recipients as r').join('notices as n', 'n.id', 'r.notice_id')
      .where({ 'r.notice_id': noticeId, 'r.person_id': personId, 'n.status': 'published' }).first('r.notice_id');
    return !!row;
  }

  async markRead(noticeId: number, personId: number, at: string) {
    await this.db('notice_reads').insert({ notice_id: noticeId, person_id: personId, read_at: at }).onConflict(['notice_id', 'person_id']).ignore();
    const row = await this.db('notice_reads').where({ notice_id: noticeId, person_id: personId }).first('read_at');
    return row.read_at as string;
  }

  async recipients(noticeId: number) {
    const rows = await this.db('notice_recipients as r').join('people as p', 'p.id', 'r.person_id').join('people as s', 's.id', 'r.student_id')
      .join('classes as c', 'c.id', 'r.class_id')
      .leftJoin('notice_reads as rd', (j) => j.on('rd.notice_id', '=', 'r.notice_id').andOn('rd.person_id', '=', 'r.person_id'))
      .where('r.notice_id', noticeId)
      .select('r.person_id', 'r.kind', 'r.student_id', 'r.class_id', 'p.full_name', 's.full_name as student_name', 's.name_key as student_key', 'c.name as class_name', 'c.grade', 'rd.read_at')
      .orderBy([{ column: 'c.grade' }, { column: 'c.name' }, { column: 's.name_key' }, { column: 'r.kind', order: 'desc' }]);
    return rows.map((r) => ({
      personId: int(r.person_id), kind: r.kind as 'student' | 'parent', studentId: int(r.student_id), classId: int(r.class_id),
      fullName: r.full_name as string, studentName: r.student_name as string, className: r.class_name as string, grade: int(r.grade), readAt: (r.read_at ?? null) as string | null,
    }));
  }
}
