import fs from 'node:fs';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import { Ok } from '../../contracts/common.schema.js';
import {
  FileParams, FileQuery, LibraryFilters, LibraryQuery, MaterialCreateBody, MaterialCreated, MaterialDetail, MaterialFileReply, MaterialParams,
  MaterialSummary, ReviewBody, ReviewReply, VersionCreated, VersionParams, VersionUpdateBody,
  type LibraryQuery as LibraryQueryT, type MaterialCreateBody as MaterialCreateBodyT, type ReviewBody as ReviewBodyT, type VersionUpdateBody as VersionUpdateBodyT,
} from '../../contracts/materials.schema.js';
import { DomainError } from '../../domain/shared/errors.js';
import { ACCEPTED_EXTENSIONS } from '../../domain/materials/material-file-types.js';
import { materialFileUrl } from '../../domain/materials/lesson-page.js';
import type { MaterialActor, MaterialFile, MaterialVersion, ReceivedFile } from '../../domain/materials/material.types.js';
import type { WorkflowAction } from '../../domain/materials/material-workflow.js';
import type { Services } from '../../services.js';
import { actorOf, requirePrincipal } from '../auth.plugin.js';
import { contentDisposition, parseByteRange } from './file-range.js';

type IdP = { Params: { id: number } };
type VersionP = { Params: { id: number; versionId: number } };

export function materialActorOf(req: FastifyRequest): MaterialActor {
  const p = requirePrincipal(req);
  return { ...actorOf(req), personId: p.personId, roles: p.roles };
}

const fileReply = (f: MaterialFile) => ({
  id: f.id, materialId: f.materialId, fileName: f.fileName, mime: f.mime, category: f.category, size: f.size, createdAt: f.createdAt, url: materialFileUrl(f.materialId, f.id),
});
const versionReply = (v: MaterialVersion) => ({ ...v, file: v.file ? fileReply(v.file) : null });

/** Learning materials (Art. 7.1), their approval (Art. 7.3) and lesson pages (Art. 9.3). */
export async function materialsRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const s = services.materials;
  const store = services.materialFiles;
  const tags = ['materials'];

  app.get<{ Querystring: LibraryQueryT }>('/api/materials', {
    schema: { tags, summary: 'Thư viện học liệu (đã ban hành; của tôi; tất cả với ban giám hiệu)', querystring: LibraryQuery, response: { 200: Type.Array(MaterialSummary) } },
    config: { access: 'materials.read' },
  }, (req) => {
    const { view, ...filter } = req.query;
    return s.library(materialActorOf(req), view ?? 'published', filter);
  });

  app.get('/api/materials/filters', {
    schema: { tags, summary: 'Các lựa chọn lọc của thư viện học liệu', response: { 200: LibraryFilters } },
    config: { access: 'materials.read' },
  }, async (req) => ({ ...(await s.filters(materialActorOf(req))), sizeLimits: { ...s.sizeLimits }, acceptedExtensions: [...ACCEPTED_EXTENSIONS] }));

  app.get('/api/materials/review-queue', {
    schema: { tags, summary: 'Học liệu chờ duyệt của người duyệt (tổ trưởng thông qua, hiệu trưởng phê duyệt)', response: { 200: Type.Array(MaterialSummary) } },
    config: { access: 'materials.review' },
  }, (req) => s.reviewQueue(materialActorOf(req)));

  app.post<{ Body: MaterialCreateBodyT }>('/api/materials', {
    schema: { tags, summary: 'Tạo học liệu (bản nháp): tệp tải lên hoặc trang bài giảng', body: MaterialCreateBody, response: { 200: MaterialCreated } },
    config: { access: 'materials.author' },
  }, (req) => s.create(materialActorOf(req), { ...req.body, curriculumLessonId: req.body.curriculumLessonId ?? null, description: req.body.description ?? '', source: req.body.source ?? '' }));

  app.get<IdP>('/api/materials/:id', {
    schema: { tags, summary: 'Một học liệu: các phiên bản được xem, lịch sử duyệt', params: MaterialParams, response: { 200: MaterialDetail } },
    config: { access: 'materials.read' },
  }, async (req) => {
    const d = await s.detail(materialActorOf(req), req.params.id);
    const m = d.material;
    return {
      id: m.id, subjectId: m.subjectId, subjectName: m.subjectName, grade: m.grade, kind: m.kind, ownerId: m.ownerId, ownerName: m.ownerName,
      publishedVersionId: m.publishedVersionId, publishedAt: m.publishedAt,
      versions: d.versions.map(versionReply), history: d.history, files: d.files.map(fileReply), can: d.can,
    };
  });

  app.post<IdP>('/api/materials/:id/versions', {
    schema: { tags, summary: 'Tạo phiên bản mới của học liệu đã ban hành (phải duyệt lại)', params: MaterialParams, response: { 200: VersionCreated } },
    config: { access: 'materials.author' },
  }, (req) => s.newVersion(materialActorOf(req), req.params.id));

  app.put<VersionP & { Body: VersionUpdateBodyT }>('/api/materials/:id/versions/:versionId', {
    schema: { tags, summary: 'Sửa bản nháp hoặc bản bị trả lại', params: VersionParams, body: VersionUpdateBody, response: { 200: Ok } },
    config: { access: 'materials.author' },
  }, async (req) => {
    const b = req.body;
    await s.update(materialActorOf(req), req.params.id, req.params.versionId, {
      curriculumLessonId: b.curriculumLessonId ?? null, title: b.title, description: b.description ?? '', author: b.author, source: b.source ?? '', licence: b.licence,
      ...(b.pageHtml !== undefined ? { pageHtml: b.pageHtml } : {}), ...(b.fileId !== undefined ? { fileId: b.fileId } : {}),
    });
    return { ok: true as const };
  });

  const upload = (req: FastifyRequest, actor: MaterialActor, id: number, versionId: number | null) =>
    receiveUpload(req, store, s.maxUploadBytes).then((rec) => s.attachFile(actor, id, versionId, rec)).then(fileReply);

  app.post<VersionP>('/api/materials/:id/versions/:versionId/file', {
    schema: {
      tags, summary: 'Tải lên tệp của phiên bản (video, âm thanh, PDF, ảnh, văn bản văn phòng)', consumes: ['multipart/form-data'],
      params: VersionParams, response: { 200: MaterialFileReply },
    },
    config: { access: 'materials.author', rateLimit: { max: 30, timeWindow: '1 minute' } },
  }, async (req) => {
    const actor = materialActorOf(req);
    await s.checkUpload(actor, req.params.id, req.params.versionId);
    return upload(req, actor, req.params.id, req.params.versionId);
  });

  app.post<IdP>('/api/materials/:id/files', {
    schema: { tags, summary: 'Tải lên ảnh, video, âm thanh để chèn vào trang bài giảng', consumes: ['multipart/form-data'], params: MaterialParams, response: { 200: MaterialFileReply } },
    config: { access: 'materials.author', rateLimit: { max: 60, timeWindow: '1 minute' } },
  }, async (req) => {
    const actor = materialActorOf(req);
    await s.checkUpload(actor, req.params.id, null);
    return upload(req, actor, req.params.id, null);
  });

  app.get<{ Params: { id: number; fileId: number }; Querystring: { download?: boolean } }>('/api/materials/:id/files/:fileId', {
    schema: { tags, summary: 'Tệp của học liệu (phát trực tiếp, hỗ trợ tua: HTTP Range)', params: FileParams, querystring: FileQuery },
    config: { access: 'materials.read' },
  }, async (req, reply) => {
    const f = await s.file(materialActorOf(req), req.params.id, req.params.fileId);
    return sendFile(reply, store.resolve(f.path), f, req.headers.range, req.query.download === true || f.category === 'office');
  });

  const review = (action: WorkflowAction, access: 'materials.author' | 'materials.review', summary: string) =>
    app.post<VersionP & { Body: ReviewBodyT }>(`/api/materials/:id/versions/:versionId/${action}`, {
      schema: { tags, summary, params: VersionParams, body: Type.Optional(ReviewBody), response: { 200: ReviewReply } },
      config: { access },
    }, (req) => s.act(materialActorOf(req), req.params.id, req.params.versionId, action, req.body?.comment ?? null));
  review('submit', 'materials.author', 'Gửi duyệt (tác giả)');
  review('pass', 'materials.review', 'Thông qua (tổ trưởng chuyên môn)');
  review('approve', 'materials.review', 'Phê duyệt và ban hành (hiệu trưởng)');
  review('return', 'materials.review', 'Trả lại kèm nhận xét (tổ trưởng hoặc hiệu trưởng)');
}

/**
 * Streams one multipart file to a temp file under the data directory. Past `max` bytes the
 * upload is refused (413) and the temp file removed; the service applies the per-category limit.
 */
async function receiveUpload(req: FastifyRequest, store: Services['materialFiles'], max: number): Promise<ReceivedFile> {
  if (!req.isMultipart()) throw new DomainError('UNSUPPORTED_FILE_TYPE', { expected: 'multipart/form-data' });
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > max + 1024 * 1024) throw new DomainError('UPLOAD_TOO_LARGE', { limit: max });
  const part = await req.file({ limits: { fileSize: max } });
  if (!part) throw new DomainError('VALIDATION_FAILED', { field: 'file' });
  let received: { tempPath: string; size: number };
  try {
    received = await store.receive(part.file);
  } catch (err) {
    if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw new DomainError('UPLOAD_TOO_LARGE', { limit: max });
    throw err;
  }
  if (part.file.truncated) {
    await store.discard(received.tempPath);
    throw new DomainError('UPLOAD_TOO_LARGE', { limit: max });
  }
  return { ...received, fileName: part.filename };
}

/** Sends a stored file, whole or one byte range (206), so video and audio can seek on a phone. */
async function sendFile(reply: FastifyReply, file: string, f: MaterialFile, rangeHeader: string | undefined, attachment: boolean) {
  const stat = await fs.promises.stat(file).catch(() => null);
  if (!stat?.isFile()) throw new DomainError('NOT_FOUND', { fileId: f.id });
  reply.header('accept-ranges', 'bytes').type(f.mime).header('cache-control', 'private, max-age=3600')
    .header('content-disposition', contentDisposition(attachment ? 'attachment' : 'inline', f.fileName));
  const range = parseByteRange(rangeHeader, stat.size);
  if (range === 'unsatisfiable') return reply.status(416).header('content-range', `bytes */${stat.size}`).send();
  if (!range) return reply.header('content-length', stat.size).send(fs.createReadStream(file));
  return reply.status(206).header('content-range', `bytes ${range.start}-${range.end}/${stat.size}`).header('content-length', range.end - range.start + 1)
    .send(fs.createReadStream(file, { start: range.start, end: range.end }));
}
