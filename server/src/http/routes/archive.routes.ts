import fs from 'node:fs';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import {
  ArchiveJob, ArchiveListQuery, ArchiveOverview, ArchiveRecord, ArchiveRecordSummary, ArchiveSeal, ChainStatus, DisposalBody, DisposalPreview, DisposalQuery,
  DisposalReply, JobParams, RetentionBody, RetentionView, SemesterParams, SeqParams,
  type ArchiveListQuery as ArchiveListQueryT, type DisposalBody as DisposalBodyT, type DisposalQuery as DisposalQueryT, type RetentionBody as RetentionBodyT,
} from '../../contracts/archive.schema.js';
import type { ArchiveActor } from '../../domain/archive/archive.service.js';
import type { Services } from '../../services.js';
import { DomainError } from '../../domain/shared/errors.js';
import { actorOf, requirePrincipal } from '../auth.plugin.js';
import { contentDisposition } from './file-range.js';

function archiveActor(req: FastifyRequest): ArchiveActor {
  const p = requirePrincipal(req);
  return { ...actorOf(req), personId: p.personId, roles: p.roles };
}

/** The records archive (Art. 8): records, chain verification, retention, disposal, sealing and export. */
export async function archiveRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const s = () => services.archive;
  const tags = ['archive'];

  app.get('/api/archive', {
    schema: { tags, summary: 'Tổng quan hồ sơ lưu trữ: số hồ sơ theo loại, học kì và niêm phong, thời hạn lưu trữ', response: { 200: ArchiveOverview } },
    config: { access: 'archive.read' },
  }, () => s().overview());

  app.get<{ Querystring: ArchiveListQueryT }>('/api/archive/records', {
    schema: { tags, summary: 'Danh sách hồ sơ (lọc theo loại, học kì, tìm kiếm)', querystring: ArchiveListQuery, response: { 200: Type.Array(ArchiveRecordSummary) } },
    config: { access: 'archive.read' },
  }, (req) => s().list(req.query));

  app.get<{ Params: { seq: number } }>('/api/archive/records/:seq', {
    schema: { tags, summary: 'Một hồ sơ với nội dung', params: SeqParams, response: { 200: ArchiveRecord } },
    config: { access: 'archive.read' },
  }, (req) => s().get(req.params.seq));

  app.get('/api/archive/verify', {
    schema: { tags, summary: 'Kiểm tra toàn bộ chuỗi hồ sơ: báo liên kết hỏng đầu tiên', response: { 200: ChainStatus } },
    config: { access: 'archive.verify' },
  }, () => s().verify());

  app.get('/api/archive/retention', {
    schema: { tags, summary: 'Thời hạn lưu trữ theo loại hồ sơ', response: { 200: Type.Array(RetentionView) } },
    config: { access: 'archive.read' },
  }, () => s().retention());

  app.put<{ Body: RetentionBodyT }>('/api/archive/retention', {
    schema: { tags, summary: 'Đặt thời hạn lưu trữ của một loại hồ sơ (năm; null = vĩnh viễn)', body: RetentionBody, response: { 200: Type.Array(RetentionView) } },
    config: { access: 'archive.manage' },
  }, (req) => {
    if (!req.body.permanent && req.body.years === undefined) throw new DomainError('VALIDATION_FAILED', { field: 'years' });
    return s().setRetention(archiveActor(req), req.body.category, req.body.permanent ? null : req.body.years!);
  });

  app.get<{ Querystring: DisposalQueryT }>('/api/archive/disposal', {
    schema: { tags, summary: 'Xem trước các hồ sơ có thể huỷ (loại × năm học)', querystring: DisposalQuery, response: { 200: DisposalPreview } },
    config: { access: 'archive.manage' },
  }, (req) => s().disposalPreview(req.query.category, req.query.schoolYearId ?? null));

  app.post<{ Body: DisposalBodyT }>('/api/archive/disposal', {
    schema: { tags, summary: 'Huỷ hồ sơ hết thời hạn lưu trữ (ghi biên bản huỷ vào chuỗi)', body: DisposalBody, response: { 200: DisposalReply } },
    config: { access: 'archive.manage' },
  }, (req) => s().dispose(archiveActor(req), { ...req.body, schoolYearId: req.body.schoolYearId ?? null, decisionNumber: req.body.decisionNumber ?? null }));

  app.get('/api/archive/seals', {
    schema: { tags, summary: 'Các học kì đã niêm phong', response: { 200: Type.Array(ArchiveSeal) } },
    config: { access: 'archive.read' },
  }, () => s().seals());

  app.post<{ Params: { semesterId: number } }>('/api/archive/semesters/:semesterId/seal', {
    schema: { tags, summary: 'Niêm phong hồ sơ học kì và xuất gói lưu trữ (chạy nền; theo dõi bằng job)', params: SemesterParams, response: { 202: ArchiveJob } },
    config: { access: 'archive.manage' },
  }, async (req, reply) => reply.code(202).send(await s().startSeal(archiveActor(req), req.params.semesterId)));

  app.post<{ Params: { semesterId: number } }>('/api/archive/semesters/:semesterId/export', {
    schema: { tags, summary: 'Xuất lại gói lưu trữ của học kì đã niêm phong', params: SemesterParams, response: { 202: ArchiveJob } },
    config: { access: 'archive.manage' },
  }, async (req, reply) => reply.code(202).send(await s().startExport(archiveActor(req), req.params.semesterId)));

  app.get<{ Params: { id: string } }>('/api/archive/jobs/:id', {
    schema: { tags, summary: 'Tiến độ niêm phong / xuất gói', params: JobParams, response: { 200: ArchiveJob } },
    config: { access: 'archive.read' },
  }, (req) => s().job(req.params.id));

  app.get<{ Params: { semesterId: number } }>('/api/archive/semesters/:semesterId/export.zip', {
    schema: { tags, summary: 'Tải gói lưu trữ (.zip) của học kì đã niêm phong', params: SemesterParams },
    config: { access: 'archive.read' },
  }, async (req, reply) => {
    const f = await s().exportFile(archiveActor(req), req.params.semesterId);
    return reply.type('application/zip').header('content-length', f.bytes).header('content-disposition', contentDisposition('attachment', f.name)).send(fs.createReadStream(f.path));
  });
}
