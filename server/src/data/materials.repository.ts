import type { Knex } from 'knex';
import type {
  LibraryFilter, Material, MaterialFile, MaterialMeta, MaterialRepository, MaterialSummary, MaterialVersion, NewVersionRow,
  ReviewAction, ReviewStep, VersionStatus,
} from '../domain/materials/material.types.js';
import { insertedId, int } from './rows.js';

const intOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : int(v));

/** Learning materials, their files, versions and review steps (Art. 7.1, 7.3) for SQLite and PostgreSQL. */
export class KnexMaterialRepository implements MaterialRepository {
  constructor(private readonly db: Knex) {}

  private get isPg(): boolean {
    const client = (this.db.client as { config?: { client?: unknown } }).config?.client;
    return client === 'pg' || client === 'postgres' || client === 'postgresql';
  }

  async createMaterial(m: { subjectId: number; grade: number; kind: string; ownerId: number; at: string }) {
    return insertedId(await this.db('materials').insert({
      subject_id: m.subjectId, grade: m.grade, kind: m.kind, owner_id: m.ownerId, created_at: m.at, updated_at: m.at,
    }).returning('id'));
  }

  async getMaterial(id: number): Promise<Material | undefined> {
    const r = await this.db('materials as m')
      .join('subjects as s', 's.id', 'm.subject_id')
      .join('people as p', 'p.id', 'm.owner_id')
      .leftJoin('subject_groups as g', 'g.id', 's.subject_group_id')
      .where('m.id', id)
      .first('m.*', 's.name as subject_name', 's.subject_group_id', 'g.leader_id', 'p.full_name as owner_name');
    if (!r) return undefined;
    return {
      id: int(r.id), subjectId: int(r.subject_id), subjectName: r.subject_name, subjectGroupId: intOrNull(r.subject_group_id), groupLeaderId: intOrNull(r.leader_id),
      grade: int(r.grade), kind: r.kind, ownerId: int(r.owner_id), ownerName: r.owner_name,
      publishedVersionId: intOrNull(r.published_version_id), publishedAt: r.published_at ?? null, createdAt: r.created_at, updatedAt: r.updated_at,
    };
  }

  async lockMaterial(id: number) {
    // SQLite has one writer at a time already; PostgreSQL locks the row until the transaction ends.
    if (this.isPg) await this.db('materials').where({ id }).forUpdate().select('id');
  }

  async setPublished(id: number, versionId: number, at: string) {
    await this.db('materials').where({ id }).update({ published_version_id: versionId, published_at: at, updated_at: at });
  }

  async touchMaterial(id: number, at: string) {
    await this.db('materials').where({ id }).update({ updated_at: at });
  }

  async createVersion(v: NewVersionRow) {
    return insertedId(await this.db('material_versions').insert({
      material_id: v.materialId, number: v.number, status: v.status, curriculum_lesson_id: v.curriculumLessonId,
      title: v.title, description: v.description, author: v.author, source: v.source, licence: v.licence, search_key: v.searchKey,
      content_type: v.contentType, file_id: v.fileId, page_html: v.pageHtml, created_by: v.createdBy, created_at: v.at, updated_at: v.at,
    }).returning('id'));
  }

  private versionQuery() {
    return this.db('material_versions as v')
      .leftJoin('curriculum_lessons as cl', 'cl.id', 'v.curriculum_lesson_id')
      .leftJoin('material_files as f', 'f.id', 'v.file_id')
      .select('v.*', 'cl.title as lesson_title',
        'f.path as f_path', 'f.file_name as f_file_name', 'f.mime as f_mime', 'f.category as f_category', 'f.size as f_size', 'f.uploaded_by as f_uploaded_by', 'f.created_at as f_created_at');
  }

  private version(r: Record<string, unknown>): MaterialVersion {
    const fileId = intOrNull(r.file_id);
    return {
      id: int(r.id), materialId: int(r.material_id), number: int(r.number), status: r.status as VersionStatus,
      curriculumLessonId: intOrNull(r.curriculum_lesson_id), curriculumLessonTitle: (r.lesson_title as string | null) ?? null,
      title: r.title as string, description: r.description as string, author: r.author as string, source: r.source as string, licence: r.licence as string,
      contentType: r.content_type as MaterialVersion['contentType'], fileId,
      file: fileId === null ? null : {
        id: fileId, materialId: int(r.material_id), path: r.f_path as string, fileName: r.f_file_name as string, mime: r.f_mime as string,
        category: r.f_category as MaterialFile['category'], size: int(r.f_size), uploadedBy: int(r.f_uploaded_by), createdAt: r.f_created_at as string,
      },
      pageHtml: (r.page_html as string | null) ?? null, createdBy: int(r.created_by), createdAt: r.created_at as string, updatedAt: r.updated_at as string,
      submittedAt: (r.submitted_at as string | null) ?? null, publishedAt: (r.published_at as string | null) ?? null,
    };
  }

  async getVersion(id: number) {
    const r = await this.versionQuery().where('v.id', id).first();
    return r ? this.version(r) : undefined;
  }

  async versions(materialId: number) {
    return (await this.versionQuery().where('v.material_id', materialId).orderBy('v.number', 'desc')).map((r) => this.version(r));
  }

  async updateVersion(id: number, v: Partial<MaterialMeta> & { searchKey?: string; fileId?: number | null; pageHtml?: string | null; at: string }) {
    const row: Record<string, unknown> = { updated_at: v.at };
    if (v.curriculumLessonId !== undefined) row.curriculum_lesson_id = v.curriculumLessonId;
    if (v.title !== undefined) row.title = v.title;
    if (v.description !== undefined) row.description = v.description;
    if (v.author !== undefined) row.author = v.author;
    if (v.source !== undefined) row.source = v.source;
    if (v.licence !== undefined) row.licence = v.licence;
    if (v.searchKey !== undefined) row.search_key = v.searchKey;
    if (v.fileId !== undefined) row.file_id = v.fileId;
    if (v.pageHtml !== undefined) row.page_html = v.pageHtml;
    await this.db('material_versions').where({ id }).update(row);
  }

  async setStatus(id: number, status: VersionStatus, at: string, extra: { submittedAt?: string; publishedAt?: string } = {}) {
    await this.db('material_versions').where({ id }).update({
      status, updated_at: at,
      ...(extra.submittedAt ? { submitted_at: extra.submittedAt } : {}),
      ...(extra.publishedAt ? { published_at: extra.publishedAt } : {}),
    });
  }

  async addFile(f: Omit<MaterialFile, 'id'>) {
    return insertedId(await this.db('material_files').insert({
      material_id: f.materialId, path: f.path, file_name: f.fileName, mime: f.mime, category: f.category, size: f.size, uploaded_by: f.uploadedBy, created_at: f.createdAt,
    }).returning('id'));
  }

  private file(r: Record<string, unknown>): MaterialFile {
    return {
      id: int(r.id), materialId: int(r.material_id), path: r.path as string, fileName: r.file_name as string, mime: r.mime as string,
      category: r.category as MaterialFile['category'], size: int(r.size), uploadedBy: int(r.uploaded_by), createdAt: r.created_at as string,
    };
  }

  async getFile(id: number) {
    const r = await this.db('material_files').where({ id }).first();
    return r ? this.file(r) : undefined;
  }

  async files(materialId: number) {
    return (await this.db('material_files').where({ material_id: materialId }).orderBy('id')).map((r) => this.file(r));
  }

  async addReview(r: { materialId: number; versionId: number; action: ReviewAction; fromStatus: VersionStatus | null; toStatus: VersionStatus; actorId: number; comment: string | null; at: string }) {
    return insertedId(await this.db('material_reviews').insert({
      material_id: r.materialId, version_id: r.versionId, action: r.action, from_status: r.fromStatus, to_status: r.toStatus, actor_id: r.actorId, comment: r.comment, at: r.at,
    }).returning('id'));
  }

  async history(materialId: number): Promise<ReviewStep[]> {
    const rows = await this.db('material_reviews as r')
      .join('people as p', 'p.id', 'r.actor_id')
      .join('material_versions as v', 'v.id', 'r.version_id')
      .where('r.material_id', materialId)
      .orderBy('r.id', 'asc')
      .select('r.*', 'p.full_name as actor_name', 'v.number as version_number');
    return rows.map((r) => ({
      id: int(r.id), versionId: int(r.version_id), versionNumber: int(r.version_number), action: r.action, fromStatus: r.from_status ?? null, toStatus: r.to_status,
      actorId: int(r.actor_id), actorName: r.actor_name, comment: r.comment ?? null, at: r.at,
    }));
  }

  private summaries(f: LibraryFilter) {
    const q = this.db('materials as m')
      .join('material_versions as v', 'v.material_id', 'm.id')
      .join('subjects as s', 's.id', 'm.subject_id')
      .join('people as p', 'p.id', 'm.owner_id')
      .leftJoin('curriculum_lessons as cl', 'cl.id', 'v.curriculum_lesson_id')
      .leftJoin('material_files as f', 'f.id', 'v.file_id')
      .select('m.id', 'm.subject_id', 'm.grade', 'm.kind', 'm.owner_id', 's.name as subject_name', 'p.full_name as owner_name',
        'v.id as version_id', 'v.number', 'v.status', 'v.curriculum_lesson_id', 'cl.title as lesson_title', 'v.title', 'v.description', 'v.author', 'v.licence',
        'v.content_type', 'f.category as file_category', 'v.updated_at', 'v.published_at')
      .orderBy('v.updated_at', 'desc').orderBy('m.id', 'desc');
    if (f.subjectId !== undefined) q.where('m.subject_id', f.subjectId);
    if (f.grade !== undefined) q.where('m.grade', f.grade);
    if (f.grades) q.whereIn('m.grade', f.grades.length ? f.grades : [-1]);
    if (f.curriculumLessonId !== undefined) q.where('v.curriculum_lesson_id', f.curriculumLessonId);
    if (f.kind !== undefined) q.where('m.kind', f.kind);
    for (const word of (f.q ?? '').split(' ').filter(Boolean).slice(0, 8)) {
      q.where('v.search_key', 'like', `%${word.replace(/[%_\\]/g, '')}%`);
    }
    return q;
  }

  private summary(r: Record<string, unknown>): MaterialSummary {
    return {
      id: int(r.id), versionId: int(r.version_id), versionNumber: int(r.number), status: r.status as VersionStatus,
      subjectId: int(r.subject_id), subjectName: r.subject_name as string, grade: int(r.grade), kind: r.kind as MaterialSummary['kind'],
      curriculumLessonId: intOrNull(r.curriculum_lesson_id), curriculumLessonTitle: (r.lesson_title as string | null) ?? null,
      title: r.title as string, description: r.description as string, author: r.author as string, licence: r.licence as string,
      contentType: r.content_type as MaterialSummary['contentType'], fileCategory: (r.file_category as MaterialSummary['fileCategory']) ?? null,
      ownerId: int(r.owner_id), ownerName: r.owner_name as string, updatedAt: r.updated_at as string, publishedAt: (r.published_at as string | null) ?? null,
    };
  }

  private latestOnly(q: Knex.QueryBuilder) {
    return q.whereRaw('v.number = (select max(v2.number) from material_versions v2 where v2.material_id = m.id)');
  }

  async published(f: LibraryFilter) {
    return (await this.summaries(f).whereRaw('v.id = m.published_version_id')).map((r) => this.summary(r));
  }

  async ownLatest(ownerId: number, f: LibraryFilter) {
    return ((await this.latestOnly(this.summaries(f).where('m.owner_id', ownerId))) as Record<string, unknown>[]).map((r) => this.summary(r));
  }

  async allLatest(f: LibraryFilter) {
    return ((await this.latestOnly(this.summaries(f))) as Record<string, unknown>[]).map((r) => this.summary(r));
  }

  async queue(status: VersionStatus, scope: 'all' | { leaderId: number } | { noLeader: true }) {
    const q = this.summaries({}).where('v.status', status).leftJoin('subject_groups as g', 'g.id', 's.subject_group_id');
    if (scope !== 'all' && 'leaderId' in scope) q.where('g.leader_id', scope.leaderId);
    if (scope !== 'all' && 'noLeader' in scope) q.whereNull('g.leader_id');
    return (await q).map((r) => this.summary(r));
  }

  async publishedPagesEmbedding(contentId: number, grades: number[]) {
    if (!grades.length) return [];
    // A narrow first pass in SQL; the caller checks the exact element in the sanitized HTML.
    const rows = await this.db('materials as m').join('material_versions as v', 'v.id', 'm.published_version_id')
      .whereIn('m.grade', grades).where('v.content_type', 'page').where('v.page_html', 'like', `%content-id="${contentId}"%`)
      .select('v.page_html');
    return rows.map((r) => String(r.page_html));
  }

  async studentGrades(studentId: number) {
    const rows = await this.db('enrolments as e').join('classes as c', 'c.id', 'e.class_id').join('school_years as y', 'y.id', 'c.school_year_id')
      .where('e.student_id', studentId).select('c.grade', 'y.is_current');
    const current = rows.filter((r) => r.is_current === true || r.is_current === 1 || r.is_current === '1');
    return [...new Set((current.length ? current : rows).map((r) => int(r.grade)))];
  }

  async childrenGrades(parentId: number) {
    const children = await this.db('parent_links').where({ parent_id: parentId }).pluck('student_id') as unknown[];
    const grades = new Set<number>();
    for (const c of children) for (const g of await this.studentGrades(int(c))) grades.add(g);
    return [...grades];
  }

  async teachesSubject(personId: number, subjectId: number) {
    const taught = await this.db('teaching_assignments').where({ teacher_id: personId, subject_id: subjectId }).first('id');
    if (taught) return true;
    const subject = await this.db('subjects').where({ id: subjectId }).first('subject_group_id');
    const groupId = intOrNull(subject?.subject_group_id);
    if (groupId === null) return false;
    const member = await this.db('subject_group_members').where({ subject_group_id: groupId, person_id: personId }).first('person_id');
    if (member) return true;
    const leads = await this.db('subject_groups').where({ id: groupId, leader_id: personId }).first('id');
    return !!leads;
  }

  async subject(id: number) {
    const r = await this.db('subjects as s').leftJoin('subject_groups as g', 'g.id', 's.subject_group_id').where('s.id', id).first('s.id', 's.name', 's.subject_group_id', 'g.leader_id');
    return r ? { id: int(r.id), name: r.name as string, subjectGroupId: intOrNull(r.subject_group_id), groupLeaderId: intOrNull(r.leader_id) } : undefined;
  }

  async curriculumLesson(id: number) {
    const r = await this.db('curriculum_lessons').where({ id }).first('id', 'subject_id', 'grade', 'title');
    return r ? { id: int(r.id), subjectId: int(r.subject_id), grade: int(r.grade), title: r.title as string } : undefined;
  }

  async subjectsWithPublished(grades: number[] | null) {
    const q = this.db('materials as m').join('subjects as s', 's.id', 'm.subject_id').whereNotNull('m.published_version_id').distinct('s.id', 's.name');
    if (grades) q.whereIn('m.grade', grades.length ? grades : [-1]);
    return (await q).map((r) => ({ id: int(r.id), name: r.name as string })).sort((a, b) => a.name.localeCompare(b.name, 'vi'));
  }

  async schoolGrades() {
    return (await this.db('subject_grades').distinct('grade').orderBy('grade')).map((r) => int(r.grade));
  }

  async ledGroupIds(personId: number) {
    return ((await this.db('subject_groups').where({ leader_id: personId }).pluck('id')) as unknown[]).map(int);
  }
}
