import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import fastifyStatic from '@fastify/static';
import { IdParams, Ok } from '../../contracts/common.schema.js';
import {
  ActivityBody, ActivityQuery, ContentResults, EditorStatus, FileParams, H5pActivity, H5pContent, H5pLibrary, LibraryFileParams,
  PlayerReply, StateBody, StateReply, UploadQuery, UploadReply, XapiBody, XapiReply,
  type ActivityBody as ActivityBodyT, type StateBody as StateBodyT, type UploadQuery as UploadQueryT, type XapiBody as XapiBodyT,
} from '../../contracts/h5p.schema.js';
import { DomainError } from '../../domain/shared/errors.js';
import type { H5pActor } from '../../domain/h5p/h5p.types.js';
import { H5P_LIMITS } from '../../domain/h5p/package-rules.js';
import type { Services } from '../../services.js';
import { actorOf, requirePrincipal } from '../auth.plugin.js';

export function h5pActorOf(req: FastifyRequest): H5pActor {
  const p = requirePrincipal(req);
  return { ...actorOf(req), personId: p.personId, roles: p.roles, fullName: p.fullName };
}

const MIME: Record<string, string> = {
  js: 'application/javascript; charset=utf-8', css: 'text/css; charset=utf-8', json: 'application/json; charset=utf-8',
  svg: 'image/svg+xml', png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif', bmp: 'image/bmp',
  tif: 'image/tiff', tiff: 'image/tiff', webm: 'video/webm', mp4: 'video/mp4', ogg: 'audio/ogg', mp3: 'audio/mpeg', m4a: 'audio/mp4',
  wav: 'audio/wav', woff: 'font/woff', woff2: 'font/woff2', ttf: 'font/ttf', otf: 'font/otf', eot: 'application/vnd.ms-fontobject',
  txt: 'text/plain; charset=utf-8', vtt: 'text/vtt; charset=utf-8', webvtt: 'text/vtt; charset=utf-8', pdf: 'application/pdf', xml: 'application/xml',
  csv: 'text/csv; charset=utf-8', md: 'text/plain; charset=utf-8',
};

/** Sends a file (HTTP Range for audio/video), as a download for anything that is not plainly displayable. */
export function sendFile(req: FastifyRequest, reply: FastifyReply, f: { file: string; size: number }, cache: string) {
  const ext = path.extname(f.file).slice(1).toLowerCase();
  reply.type(MIME[ext] ?? 'application/octet-stream').header('cache-control', cache).header('accept-ranges', 'bytes');
  // Content files never run as a page of the box: scripts only come from installed libraries.
  reply.header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; sandbox");
  if (!MIME[ext]) reply.header('content-disposition', 'attachment');
  const range = /^bytes=(\d*)-(\d*)$/.exec(req.headers.range ?? '');
  if (!range || (!range[1] && !range[2])) return reply.header('content-length', f.size).send(fs.createReadStream(f.file));
  let start = range[1] ? Number(range[1]) : f.size - Number(range[2]);
  let end = range[1] && range[2] ? Number(range[2]) : f.size - 1;
  start = Math.max(0, start);
  end = Math.min(end, f.size - 1);
  if (start > end) return reply.status(416).header('content-range', `bytes */${f.size}`).send();
  return reply.status(206).header('content-range', `bytes ${start}-${end}/${f.size}`).header('content-length', end - start + 1).send(fs.createReadStream(f.file, { start, end }));
}

/**
 * H5P (Art. 9.3): upload of .h5p packages, the files h5p-standalone plays from, xAPI statements and
 * saved state per student (Art. 5.3), activities assigned to classes with a gradebook column.
 */
export async function h5pRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const s = services.h5p;
  const tags = ['h5p'];

  // The player itself (h5p-standalone's dist: main.bundle.js, frame.bundle.js, styles, fonts).
  const dist = path.join(path.dirname(createRequire(import.meta.url).resolve('h5p-standalone/package.json')), 'dist');
  await app.register(fastifyStatic, { root: dist, prefix: '/h5p-player/', decorateReply: false, cacheControl: true, maxAge: '1d' });

  app.get('/api/h5p/contents', {
    schema: { tags, summary: 'Danh sách nội dung H5P (giáo viên: của trường; học sinh: được giao)', response: { 200: Type.Array(H5pContent) } },
    config: { access: 'h5p.read' },
  }, (req) => s.list(h5pActorOf(req)));

  app.post<{ Querystring: UploadQueryT }>('/api/h5p/contents', {
    schema: { tags, summary: 'Tải lên gói .h5p (kiểm tra trước khi ghi)', querystring: UploadQuery, consumes: ['multipart/form-data'], response: { 200: UploadReply } },
    config: { access: 'h5p.manage', rateLimit: { max: 20, timeWindow: '1 minute' } },
  }, async (req) => {
    if (!req.isMultipart()) throw new DomainError('H5P_NOT_A_PACKAGE', { expected: 'multipart/form-data' });
    const file = await req.file({ limits: { fileSize: H5P_LIMITS.packageBytes } });
    if (!file) throw new DomainError('VALIDATION_FAILED', { field: 'file' });
    let data: Buffer;
    try {
      data = await file.toBuffer();
    } catch (err) {
      if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw new DomainError('H5P_PACKAGE_TOO_LARGE', { limit: H5P_LIMITS.packageBytes });
      throw err;
    }
    return s.upload(h5pActorOf(req), { data, name: file.filename }, { subjectId: req.query.subjectId ?? null, curriculumLessonId: req.query.curriculumLessonId ?? null });
  });

  app.get<{ Params: { id: number } }>('/api/h5p/contents/:id', {
    schema: { tags, summary: 'Mở nội dung H5P: đường dẫn cho trình phát, trạng thái đã lưu, kết quả', params: IdParams, response: { 200: PlayerReply } },
    config: { access: 'h5p.read' },
  }, (req) => s.player(h5pActorOf(req), req.params.id));

  app.delete<{ Params: { id: number } }>('/api/h5p/contents/:id', {
    schema: { tags, summary: 'Xoá nội dung H5P (người tải lên hoặc ban giám hiệu)', params: IdParams, response: { 200: Ok } },
    config: { access: 'h5p.manage' },
  }, async (req) => {
    await s.remove(h5pActorOf(req), req.params.id);
    return { ok: true as const };
  });

  app.get<{ Params: { id: number; '*': string } }>('/api/h5p/contents/:id/files/*', {
    schema: { tags, summary: 'Tệp của nội dung (h5p.json, content.json, hình ảnh…) cho trình phát', params: FileParams },
    config: { access: 'h5p.read' },
  }, async (req, reply) => {
    await s.visibleContent(h5pActorOf(req), req.params.id);
    const f = await services.h5pFiles.resolve('content', String(req.params.id), req.params['*']);
    if (!f) throw new DomainError('NOT_FOUND', { file: req.params['*'].slice(0, 200) });
    return sendFile(req, reply, f, 'private, no-cache');
  });

  app.get<{ Params: { folder: string; '*': string } }>('/api/h5p/libraries/:folder/*', {
    schema: { tags, summary: 'Tệp của thư viện H5P đã cài (mã chạy nội dung)', params: LibraryFileParams },
    config: { access: 'h5p.read' },
  }, async (req, reply) => {
    const f = await services.h5pFiles.resolve('library', req.params.folder, req.params['*']);
    if (!f) throw new DomainError('NOT_FOUND', { file: `${req.params.folder}/${req.params['*'].slice(0, 200)}` });
    return sendFile(req, reply, f, 'private, max-age=300');
  });

  app.get('/api/h5p/libraries', {
    schema: { tags, summary: 'Thư viện H5P đã cài', response: { 200: Type.Array(H5pLibrary) } },
    config: { access: 'h5p.manage' },
  }, () => s.libraries());

  app.post<{ Params: { id: number }; Body: XapiBodyT }>('/api/h5p/contents/:id/xapi', {
    schema: { tags, summary: 'Ghi một câu lệnh xAPI của người đang đăng nhập', params: IdParams, body: XapiBody, response: { 200: XapiReply } },
    config: { access: 'h5p.read', rateLimit: { max: 120, timeWindow: '1 minute' } },
    bodyLimit: 96 * 1024,
  }, (req) => s.recordStatement(h5pActorOf(req), req.params.id, req.body.statement));

  app.get<{ Params: { id: number } }>('/api/h5p/contents/:id/state', {
    schema: { tags, summary: 'Trạng thái đã lưu (làm tiếp) của người đang đăng nhập', params: IdParams, response: { 200: StateReply } },
    config: { access: 'h5p.read' },
  }, (req) => s.state(h5pActorOf(req), req.params.id));

  app.post<{ Params: { id: number }; Body: StateBodyT }>('/api/h5p/contents/:id/state', {
    schema: { tags, summary: 'Lưu trạng thái (làm tiếp); null để xoá', params: IdParams, body: StateBody, response: { 200: Ok } },
    config: { access: 'h5p.read', rateLimit: { max: 60, timeWindow: '1 minute' } },
    bodyLimit: 512 * 1024,
  }, async (req) => {
    await s.saveState(h5pActorOf(req), req.params.id, req.body.data);
    return { ok: true as const };
  });

  app.get<{ Params: { id: number } }>('/api/h5p/contents/:id/results', {
    schema: { tags, summary: 'Kết quả của học sinh các lớp được giao', params: IdParams, response: { 200: ContentResults } },
    config: { access: 'h5p.manage' },
  }, (req) => s.results(h5pActorOf(req), req.params.id));

  app.get<{ Querystring: { contentId?: number } }>('/api/h5p/activities', {
    schema: { tags, summary: 'Bài H5P được giao (học sinh: của lớp mình, kèm kết quả)', querystring: ActivityQuery, response: { 200: Type.Array(H5pActivity) } },
    config: { access: 'h5p.read' },
  }, (req) => s.activities(h5pActorOf(req), req.query.contentId ? { contentId: req.query.contentId } : {}));

  app.post<{ Body: ActivityBodyT }>('/api/h5p/activities', {
    schema: { tags, summary: 'Giao nội dung H5P cho lớp (môn, bài học, hạn nộp, cột điểm)', body: ActivityBody, response: { 200: Type.Object({ id: Type.Integer() }) } },
    config: { access: 'h5p.manage' },
  }, async (req) => {
    const b = req.body;
    return {
      id: await s.assign(h5pActorOf(req), {
        contentId: b.contentId, classId: b.classId, subjectId: b.subjectId, curriculumLessonId: b.curriculumLessonId ?? null,
        dueOn: b.dueOn ?? null, gradebook: b.gradebook ?? null, scorePolicy: b.scorePolicy ?? 'best',
      }),
    };
  });

  app.delete<{ Params: { id: number } }>('/api/h5p/activities/:id', {
    schema: { tags, summary: 'Huỷ giao bài H5P', params: IdParams, response: { 200: Ok } },
    config: { access: 'h5p.manage' },
  }, async (req) => {
    await s.unassign(h5pActorOf(req), req.params.id);
    return { ok: true as const };
  });

  app.get('/api/h5p/editor', {
    schema: { tags, summary: 'Trình soạn thảo H5P có sẵn trên máy không (tệp lõi và trình soạn thảo)', response: { 200: EditorStatus } },
    config: { access: 'h5p.manage' },
  }, () => {
    const st = services.h5pEditor();
    return { available: st.available, core: st.core, editor: st.editor, coreApi: st.coreApi, missing: st.missing };
  });
}
