import type { Knex } from 'knex';
import type {
  H5pActivity, H5pActivityInput, H5pContent, H5pRepository, H5pResult, InstalledLibrary, LibraryVersion, StatementRow,
} from '../domain/h5p/h5p.types.js';
import type { GradeColumn } from '../domain/gradebook/gradebook-feed.js';
import { bool, insertedId, int } from './rows.js';

const num = (v: unknown): number => (typeof v === 'number' ? v : Number(v));
const scaled = (raw: number, max: number) => (max > 0 ? Math.round((raw / max) * 10000) / 10000 : 0);

/** H5P contents, libraries, activities, statements, saved state and results (migration 0010). */
export class KnexH5pRepository implements H5pRepository {
  constructor(private readonly db: Knex) {}

  async installedLibraries(): Promise<InstalledLibrary[]> {
    const rows = await this.db('h5p_libraries').orderBy(['machine_name', 'major_version', 'minor_version']);
    return rows.map((r) => ({
      id: int(r.id), machineName: r.machine_name, majorVersion: int(r.major_version), minorVersion: int(r.minor_version), patchVersion: int(r.patch_version),
      title: r.title, runnable: bool(r.runnable), installedAt: r.installed_at, updatedAt: r.updated_at,
    }));
  }

  async upsertLibrary(l: LibraryVersion & { title: string; runnable: boolean }, at: string): Promise<void> {
    const key = { machine_name: l.machineName, major_version: l.majorVersion, minor_version: l.minorVersion };
    const existing = await this.db('h5p_libraries').where(key).first('id');
    if (existing) await this.db('h5p_libraries').where({ id: existing.id }).update({ patch_version: l.patchVersion, title: l.title, runnable: l.runnable, updated_at: at });
    else await this.db('h5p_libraries').insert({ ...key, patch_version: l.patchVersion, title: l.title, runnable: l.runnable, installed_at: at, updated_at: at });
  }

  private contentQuery() {
    return this.db('h5p_contents as c').join('people as p', 'p.id', 'c.uploaded_by_id').select('c.*', 'p.full_name as uploader_name');
  }

  private mapContent(r: Record<string, unknown>): H5pContent {
    return {
      id: int(r.id), title: String(r.title), mainLibrary: String(r.main_library), language: String(r.language),
      libraries: JSON.parse(String(r.libraries ?? '[]')) as string[], fileName: (r.file_name as string | null) ?? null, sizeBytes: int(r.size_bytes),
      subjectId: r.subject_id == null ? null : int(r.subject_id), curriculumLessonId: r.curriculum_lesson_id == null ? null : int(r.curriculum_lesson_id),
      uploadedById: int(r.uploaded_by_id), uploadedByName: String(r.uploader_name), createdAt: String(r.created_at), deletedAt: (r.deleted_at as string | null) ?? null,
    };
  }

  async createContent(c: Parameters<H5pRepository['createContent']>[0]): Promise<number> {
    return insertedId(await this.db('h5p_contents').insert({
      title: c.title, main_library: c.mainLibrary, language: c.language, libraries: JSON.stringify(c.libraries), file_name: c.fileName,
      size_bytes: c.sizeBytes, subject_id: c.subjectId, curriculum_lesson_id: c.curriculumLessonId, uploaded_by_id: c.uploadedById, created_at: c.createdAt,
    }).returning('id'));
  }

  async getContent(id: number) {
    const r = await this.contentQuery().where('c.id', id).first();
    return r ? this.mapContent(r) : undefined;
  }

  async listContents(f: { ids?: number[] }) {
    const q = this.contentQuery().whereNull('c.deleted_at').orderBy('c.id', 'desc');
    if (f.ids) q.whereIn('c.id', f.ids);
    return (await q).map((r) => this.mapContent(r));
  }

  async updateContent(id: number, c: Parameters<H5pRepository['updateContent']>[1]) {
    await this.db('h5p_contents').where({ id }).update({
      title: c.title, main_library: c.mainLibrary, language: c.language, libraries: JSON.stringify(c.libraries), size_bytes: c.sizeBytes,
      subject_id: c.subjectId, curriculum_lesson_id: c.curriculumLessonId,
    });
  }

  async softDeleteContent(id: number, at: string) {
    await this.db('h5p_contents').where({ id }).update({ deleted_at: at });
  }

  async contentIdsForStudent(studentId: number): Promise<number[]> {
    const rows = await this.db('h5p_activities as a').join('enrolments as e', 'e.class_id', 'a.class_id')
      .join('h5p_contents as c', 'c.id', 'a.content_id')
      .where('e.student_id', studentId).whereNull('a.removed_at').whereNull('c.deleted_at').distinct('a.content_id');
    return rows.map((r) => int(r.content_id)).sort((a, b) => a - b);
  }

  private activityQuery() {
    return this.db('h5p_activities as a').join('h5p_contents as c', 'c.id', 'a.content_id').join('classes as k', 'k.id', 'a.class_id').join('subjects as s', 's.id', 'a.subject_id')
      .select('a.*', 'c.title as content_title', 'k.name as class_name', 's.name as subject_name');
  }

  private mapActivity(r: Record<string, unknown>): H5pActivity {
    let gradebook: H5pActivity['gradebook'] = null;
    if (r.gradebook_semester_id != null && r.gradebook_column) {
      const kind = String(r.gradebook_column);
      const column: GradeColumn = kind === 'regular' ? { kind: 'regular', slot: int(r.gradebook_slot) } : kind === 'midterm' ? { kind: 'midterm' } : { kind: 'endterm' };
      gradebook = { semesterId: int(r.gradebook_semester_id), column };
    }
    return {
      id: int(r.id), contentId: int(r.content_id), classId: int(r.class_id), subjectId: int(r.subject_id),
      curriculumLessonId: r.curriculum_lesson_id == null ? null : int(r.curriculum_lesson_id), dueOn: (r.due_on as string | null) ?? null,
      gradebook, scorePolicy: r.score_policy === 'last' ? 'last' : 'best',
      contentTitle: String(r.content_title), className: String(r.class_name), subjectName: String(r.subject_name),
      createdById: int(r.created_by_id), createdAt: String(r.created_at), removedAt: (r.removed_at as string | null) ?? null,
    };
  }

  async createActivity(a: H5pActivityInput & { createdById: number; createdAt: string }) {
    return insertedId(await this.db('h5p_activities').insert({
      content_id: a.contentId, class_id: a.classId, subject_id: a.subjectId, curriculum_lesson_id: a.curriculumLessonId, due_on: a.dueOn,
      gradebook_semester_id: a.gradebook?.semesterId ?? null, gradebook_column: a.gradebook?.column.kind ?? null,
      gradebook_slot: a.gradebook?.column.kind === 'regular' ? a.gradebook.column.slot : null,
      score_policy: a.scorePolicy, created_by_id: a.createdById, created_at: a.createdAt,
    }).returning('id'));
  }

  async getActivity(id: number) {
    const r = await this.activityQuery().where('a.id', id).first();
    return r ? this.mapActivity(r) : undefined;
  }

  async listActivities(f: { classIds?: number[]; contentId?: number; createdById?: number; includeRemoved?: boolean }) {
    const q = this.activityQuery().orderBy('a.id', 'desc');
    if (!f.includeRemoved) q.whereNull('a.removed_at');
    if (f.classIds) q.whereIn('a.class_id', f.classIds);
    if (f.contentId) q.where('a.content_id', f.contentId);
    if (f.createdById) q.where('a.created_by_id', f.createdById);
    return (await q).map((r) => this.mapActivity(r));
  }

  async removeActivity(id: number, at: string) {
    await this.db('h5p_activities').where({ id }).update({ removed_at: at });
  }

  async activitiesForStudent(contentId: number, studentId: number) {
    const rows = await this.activityQuery().join('enrolments as e', 'e.class_id', 'a.class_id')
      .where('e.student_id', studentId).where('a.content_id', contentId).whereNull('a.removed_at').orderBy('a.id', 'desc');
    return rows.map((r) => this.mapActivity(r));
  }

  async addStatement(s: Parameters<H5pRepository['addStatement']>[0]) {
    return insertedId(await this.db('h5p_statements').insert({
      content_id: s.contentId, person_id: s.personId, verb: s.verb, score_raw: s.scoreRaw, score_max: s.scoreMax, completed: s.completed, statement: s.statement, created_at: s.createdAt,
    }).returning('id'));
  }

  private mapStatement(r: Record<string, unknown>): StatementRow {
    return {
      id: int(r.id), verb: String(r.verb), scoreRaw: r.score_raw == null ? null : num(r.score_raw), scoreMax: r.score_max == null ? null : num(r.score_max),
      completed: bool(r.completed), createdAt: String(r.created_at),
    };
  }

  async lastStatement(contentId: number, personId: number) {
    const r = await this.db('h5p_statements').where({ content_id: contentId, person_id: personId }).orderBy('id', 'desc').first();
    return r ? this.mapStatement(r) : undefined;
  }

  async statements(contentId: number, personId: number, limit: number) {
    return (await this.db('h5p_statements').where({ content_id: contentId, person_id: personId }).orderBy('id', 'desc').limit(limit)).map((r) => this.mapStatement(r));
  }

  async getState(contentId: number, personId: number, dataType: string, subContentId: string) {
    const r = await this.db('h5p_user_states').where({ content_id: contentId, person_id: personId, data_type: dataType, sub_content_id: subContentId }).first('data', 'updated_at');
    return r ? { data: String(r.data), updatedAt: String(r.updated_at) } : undefined;
  }

  async saveState(contentId: number, personId: number, dataType: string, subContentId: string, data: string, at: string) {
    await this.db('h5p_user_states').insert({ content_id: contentId, person_id: personId, data_type: dataType, sub_content_id: subContentId, data, updated_at: at })
      .onConflict(['content_id', 'person_id', 'data_type', 'sub_content_id']).merge({ data, updated_at: at });
  }

  async deleteState(contentId: number, personId: number, dataType: string, subContentId: string) {
    await this.db('h5p_user_states').where({ content_id: contentId, person_id: personId, data_type: dataType, sub_content_id: subContentId }).delete();
  }

  private mapResult(r: Record<string, unknown>): H5pResult {
    const lr = num(r.last_raw), lm = num(r.last_max), br = num(r.best_raw), bm = num(r.best_max);
    return {
      contentId: int(r.content_id), studentId: int(r.student_id), attempts: int(r.attempts),
      last: { raw: lr, max: lm, scaled: scaled(lr, lm), at: String(r.last_at) },
      best: { raw: br, max: bm, scaled: scaled(br, bm), at: String(r.best_at) },
      completedAt: (r.completed_at as string | null) ?? null,
    };
  }

  async latestResult(contentId: number, studentId: number) {
    const r = await this.db('h5p_results').where({ content_id: contentId, student_id: studentId }).first();
    return r ? this.mapResult(r) : null;
  }

  async saveResult(x: H5pResult) {
    const row = {
      attempts: x.attempts, last_raw: x.last.raw, last_max: x.last.max, last_at: x.last.at,
      best_raw: x.best.raw, best_max: x.best.max, best_at: x.best.at, completed_at: x.completedAt,
    };
    await this.db('h5p_results').insert({ content_id: x.contentId, student_id: x.studentId, ...row })
      .onConflict(['content_id', 'student_id']).merge(row);
  }

  async resultsForContent(contentId: number, studentIds?: number[]) {
    const q = this.db('h5p_results').where({ content_id: contentId });
    if (studentIds) q.whereIn('student_id', studentIds);
    return (await q).map((r) => this.mapResult(r));
  }

  async classStudents(classId: number) {
    const rows = await this.db('enrolments as e').join('people as p', 'p.id', 'e.student_id').where('e.class_id', classId)
      .select('p.id', 'p.full_name').orderBy('p.name_key');
    return rows.map((r) => ({ id: int(r.id), fullName: String(r.full_name) }));
  }

  async teaches(teacherId: number, classId: number, subjectId: number) {
    return !!(await this.db('teaching_assignments').where({ teacher_id: teacherId, class_id: classId, subject_id: subjectId }).first('id'));
  }

  async lessonSubject(lessonId: number) {
    const r = await this.db('curriculum_lessons').where({ id: lessonId }).first('subject_id');
    return r ? { subjectId: int(r.subject_id) } : undefined;
  }

  async teacherClassIds(teacherId: number) {
    const taught = await this.db('teaching_assignments').where({ teacher_id: teacherId }).distinct('class_id');
    const homeroom = await this.db('classes').where({ homeroom_teacher_id: teacherId }).select('id as class_id');
    return [...new Set([...taught, ...homeroom].map((r) => int(r.class_id)))].sort((a, b) => a - b);
  }
}
