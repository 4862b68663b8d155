import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import { Created, IdParams, Ok } from '../../contracts/common.schema.js';
import {
  DeleteReply, ExportQuery, ImportReport, ImportSheetQuery, ImportTextBody, MatrixCounts, Question, QuestionBody, QuestionList, QuestionQuery, SubjectGradeQuery,
  type ExportQuery as ExportQueryT, type ImportSheetQuery as ImportSheetQueryT, type ImportTextBody as ImportTextBodyT, type QuestionBody as QuestionBodyT,
  type QuestionQuery as QuestionQueryT, type SubjectGradeQuery as SubjectGradeQueryT,
} from '../../contracts/questions.schema.js';
import type { QuestionActor } from '../../domain/questions/question.service.js';
import { TEXT_FORMAT_EXAMPLE } from '../../domain/questions/question-text-format.js';
import { DomainError } from '../../domain/shared/errors.js';
import type { Services } from '../../services.js';
import { actorOf, requirePrincipal } from '../auth.plugin.js';

/** A bank file: a grade's questions are far under this. */
export const MAX_QUESTION_FILE_BYTES = 5 * 1024 * 1024;

function questionActorOf(req: FastifyRequest): QuestionActor {
  const p = requirePrincipal(req);
  return { ...actorOf(req), personId: p.personId, roles: p.roles };
}

type IdP = { Params: { id: number } };

/** The question bank (Art. 7.1, 7.3, 8.1.c): list, edit, archive, import and export; counts for the quiz matrix. */
export async function questionRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const s = services.questions;
  const tags = ['questions'];

  app.get<{ Querystring: QuestionQueryT }>('/api/questions', {
    schema: { tags, summary: 'Ngân hàng câu hỏi: lọc theo môn, khối, bài, mức độ, loại, tìm không dấu', querystring: QuestionQuery, response: { 200: QuestionList } },
    config: { access: 'questions.read' },
  }, (req) => s.list(requirePrincipal(req), req.query));

  app.get<{ Querystring: SubjectGradeQueryT }>('/api/questions/matrix-counts', {
    schema: { tags, summary: 'Số câu hỏi theo bài × mức độ × loại (cho ma trận đề)', querystring: SubjectGradeQuery, response: { 200: MatrixCounts } },
    config: { access: 'questions.read' },
  }, (req) => s.matrixCounts(requirePrincipal(req), req.query.subjectId, req.query.grade));

  app.get('/api/questions/text-format', {
    schema: { tags, summary: 'Ví dụ định dạng văn bản để nhập câu hỏi', response: { 200: Type.Object({ example: Type.String() }) } },
    config: { access: 'questions.read' },
  }, () => ({ example: TEXT_FORMAT_EXAMPLE }));

  app.get<{ Querystring: ExportQueryT }>('/api/questions/export', {
    schema: { tags, summary: 'Xuất câu hỏi ra văn bản (.txt) hoặc Excel (.xlsx), nhập lại được', querystring: ExportQuery },
    config: { access: 'questions.read', rateLimit: { max: 30, timeWindow: '1 minute' } },
  }, async (req, reply) => {
    const q = req.query;
    const filter = { subjectId: q.subjectId, grade: q.grade, curriculumLessonId: q.curriculumLessonId, level: q.level, type: q.type };
    const base = `ngan-hang-cau-hoi-${q.subjectId}-khoi-${q.grade}`;
    if (q.format === 'xlsx') {
      const data = await s.exportSheet(questionActorOf(req), filter);
      return reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').header('content-disposition', `attachment; filename="${base}.xlsx"`).send(data);
    }
    const text = await s.exportText(questionActorOf(req), filter);
    return reply.type('text/plain; charset=utf-8').header('content-disposition', `attachment; filename="${base}.txt"`).send(text);
  });

  app.post<{ Body: ImportTextBodyT }>('/api/questions/import/text', {
    schema: { tags, summary: 'Nhập câu hỏi từ văn bản (xem trước, hoặc ghi khi mọi câu hợp lệ)', body: ImportTextBody, response: { 200: ImportReport } },
    config: { access: 'questions.manage', rateLimit: { max: 30, timeWindow: '1 minute' } },
  }, (req) => s.importText(questionActorOf(req), { subjectId: req.body.subjectId, grade: req.body.grade }, req.body.text, req.body.commit));

  app.post<{ Querystring: ImportSheetQueryT }>('/api/questions/import/sheet', {
    schema: {
      tags, summary: 'Nhập câu hỏi từ tệp .xlsx/.csv (xem trước, hoặc ghi khi mọi câu hợp lệ)',
      description: 'multipart/form-data with one file field. commit=false previews; commit=true writes every question in one transaction, only when none is rejected.',
      querystring: ImportSheetQuery, consumes: ['multipart/form-data'], response: { 200: ImportReport },
    },
    config: { access: 'questions.manage', rateLimit: { max: 20, timeWindow: '1 minute' } },
  }, async (req) => {
    if (!req.isMultipart()) throw new DomainError('UNSUPPORTED_FILE_TYPE', { expected: 'multipart/form-data' });
    const file = await req.file({ limits: { fileSize: MAX_QUESTION_FILE_BYTES } });
    if (!file) throw new DomainError('VALIDATION_FAILED', { field: 'file' });
    const data = await file.toBuffer(); // throws FST_REQ_FILE_TOO_LARGE past the limit → 413
    return s.importSheet(questionActorOf(req), { subjectId: req.query.subjectId, grade: req.query.grade }, { data, name: file.filename }, req.query.commit);
  });

  app.get<IdP>('/api/questions/:id', {
    schema: { tags, summary: 'Một câu hỏi (kèm đáp án)', params: IdParams, response: { 200: Question } },
    config: { access: 'questions.read' },
  }, (req) => s.get(requirePrincipal(req), req.params.id));

  app.post<{ Body: QuestionBodyT }>('/api/questions', {
    schema: { tags, summary: 'Thêm câu hỏi', body: QuestionBody, response: { 200: Created } },
    config: { access: 'questions.manage' },
  }, async (req) => ({ id: await s.create(questionActorOf(req), req.body) }));

  app.put<IdP & { Body: QuestionBodyT }>('/api/questions/:id', {
    schema: { tags, summary: 'Sửa câu hỏi (bài kiểm tra đã dùng câu này giữ bản chụp riêng)', params: IdParams, body: QuestionBody, response: { 200: Ok } },
    config: { access: 'questions.manage' },
  }, async (req) => { await s.update(questionActorOf(req), req.params.id, req.body); return { ok: true as const }; });

  app.delete<IdP>('/api/questions/:id', {
    schema: { tags, summary: 'Xoá câu hỏi (câu đã dùng trong bài kiểm tra thì được lưu trữ thay vì xoá)', params: IdParams, response: { 200: DeleteReply } },
    config: { access: 'questions.manage' },
  }, async (req) => ({ ok: true as const, outcome: await s.remove(questionActorOf(req), req.params.id) }));

  app.post<IdP & { Body: { archived: boolean } }>('/api/questions/:id/archive', {
    schema: { tags, summary: 'Lưu trữ hoặc dùng lại câu hỏi', params: IdParams, body: Type.Object({ archived: Type.Boolean() }, { additionalProperties: false }), response: { 200: Ok } },
    config: { access: 'questions.manage' },
  }, async (req) => { await s.setArchived(questionActorOf(req), req.params.id, req.body.archived); return { ok: true as const }; });
}
