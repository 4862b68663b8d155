import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import { Created, IdParams, Ok } from '../../contracts/common.schema.js';
import {
  CurriculumImportReport, CurriculumLesson, CurriculumSubject, ExportQuery, ImportQuery, LessonCreateBody, LessonMoveBody, LessonUpdateBody, LessonsQuery,
  type ExportQuery as ExportQueryT, type ImportQuery as ImportQueryT, type LessonCreateBody as LessonCreateBodyT,
  type LessonMoveBody as LessonMoveBodyT, type LessonUpdateBody as LessonUpdateBodyT, type LessonsQuery as LessonsQueryT,
} from '../../contracts/curriculum.schema.js';
import type { CurriculumActor } from '../../domain/curriculum/curriculum.service.js';
import { DomainError } from '../../domain/shared/errors.js';
import type { Services } from '../../services.js';
import { actorOf, requirePrincipal } from '../auth.plugin.js';
import { MAX_ROSTER_BYTES } from './roster.routes.js';

type IdP = { Params: { id: number } };

function curriculumActorOf(req: FastifyRequest): CurriculumActor {
  const p = requirePrincipal(req);
  return { ...actorOf(req), personId: p.personId, roles: p.roles };
}

/** The curriculum (Art. 4.1): lessons/topics per subject × grade, their outcomes, import and export. */
export async function curriculumRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const s = services.curriculum;
  const tags = ['curriculum'];

  app.get('/api/curriculum/subjects', {
    schema: { tags, summary: 'Các môn học, khối lớp và quyền sửa chương trình của người đăng nhập', response: { 200: Type.Array(CurriculumSubject) } },
    config: { access: 'curriculum.read' },
  }, (req) => s.subjects(requirePrincipal(req)));

  app.get<{ Querystring: LessonsQueryT }>('/api/curriculum/lessons', {
    schema: { tags, summary: 'Các bài học/chủ đề của một môn, một khối theo thứ tự dạy', querystring: LessonsQuery, response: { 200: Type.Array(CurriculumLesson) } },
    config: { access: 'curriculum.read' },
  }, (req) => s.list(req.query.subjectId, req.query.grade));

  app.get<IdP>('/api/curriculum/lessons/:id', {
    schema: { tags, summary: 'Một bài học/chủ đề với yêu cầu cần đạt', params: IdParams, response: { 200: CurriculumLesson } },
    config: { access: 'curriculum.read' },
  }, (req) => s.get(req.params.id));

  app.post<{ Body: LessonCreateBodyT }>('/api/curriculum/lessons', {
    schema: { tags, summary: 'Thêm bài học/chủ đề', body: LessonCreateBody, response: { 200: Created } },
    config: { access: 'curriculum.manage' },
  }, async (req) => {
    const b = req.body;
    return { id: await s.create(curriculumActorOf(req), { subjectId: b.subjectId, grade: b.grade, chapter: b.chapter ?? null, title: b.title, periods: b.periods ?? 1, outcomes: b.outcomes ?? [], position: b.position }) };
  });

  app.put<IdP & { Body: LessonUpdateBodyT }>('/api/curriculum/lessons/:id', {
    schema: { tags, summary: 'Sửa bài học/chủ đề', params: IdParams, body: LessonUpdateBody, response: { 200: Ok } },
    config: { access: 'curriculum.manage' },
  }, async (req) => {
    const b = req.body;
    await s.update(curriculumActorOf(req), req.params.id, { chapter: b.chapter ?? null, title: b.title, periods: b.periods ?? 1, outcomes: b.outcomes ?? [] });
    return { ok: true as const };
  });

  app.post<IdP & { Body: LessonMoveBodyT }>('/api/curriculum/lessons/:id/move', {
    schema: { tags, summary: 'Đổi thứ tự: lên, xuống, hoặc đến vị trí', params: IdParams, body: LessonMoveBody, response: { 200: Type.Array(CurriculumLesson) } },
    config: { access: 'curriculum.manage' },
  }, (req) => s.move(curriculumActorOf(req), req.params.id, req.body));

  app.delete<IdP>('/api/curriculum/lessons/:id', {
    schema: { tags, summary: 'Xoá bài học/chủ đề (khi chưa gắn với gì)', params: IdParams, response: { 200: Ok } },
    config: { access: 'curriculum.manage' },
  }, async (req) => { await s.remove(curriculumActorOf(req), req.params.id); return { ok: true as const }; });

  app.post<{ Querystring: ImportQueryT }>('/api/curriculum/import', {
    schema: {
      tags, summary: 'Nhập chương trình từ tệp .xlsx/.csv (xem trước hoặc ghi)',
      description: 'multipart/form-data with one file field. mode=preview validates only; mode=commit writes only when every row is valid. action=replace makes each subject × grade of the file exactly its rows (same chapter + title keep their links); action=append adds them at the end.',
      querystring: ImportQuery, consumes: ['multipart/form-data'], response: { 200: CurriculumImportReport },
    },
    config: { access: 'curriculum.manage', rateLimit: { max: 20, timeWindow: '1 minute' } },
  }, async (req) => {
    if (!req.isMultipart()) throw new DomainError('UNSUPPORTED_FILE_TYPE', { expected: 'multipart/form-data' });
    const file = await req.file({ limits: { fileSize: MAX_ROSTER_BYTES } });
    if (!file) throw new DomainError('VALIDATION_FAILED', { field: 'file' });
    const data = await file.toBuffer(); // throws FST_REQ_FILE_TOO_LARGE past the limit → 413
    const q = req.query;
    return s.import(curriculumActorOf(req), { data, name: file.filename }, { mode: q.mode, action: q.action, subjectId: q.subjectId, grade: q.grade });
  });

  app.get<{ Querystring: ExportQueryT }>('/api/curriculum/export', {
    schema: { tags, summary: 'Xuất chương trình ra tệp .xlsx (cùng mẫu với tệp nhập)', querystring: ExportQuery },
    config: { access: 'curriculum.read', rateLimit: { max: 20, timeWindow: '1 minute' } },
  }, async (req, reply) => {
    const { fileName, data } = await s.export(req.query);
    return reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').header('content-disposition', `attachment; filename="${fileName}"`).send(data);
  });
}
