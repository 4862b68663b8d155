import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { IdParams } from '../../contracts/common.schema.js';
import {
  AjaxQuery, EditorModel, EditorModelQuery, EditorSaveBody, EditorSaveReply, FileParams,
  type AjaxQuery as AjaxQueryT, type EditorModelQuery as EditorModelQueryT, type EditorSaveBody as EditorSaveBodyT,
} from '../../contracts/h5p.schema.js';
import { DomainError } from '../../domain/shared/errors.js';
import { EDITOR_FILE_LIMITS } from '../../domain/h5p/h5p-editor.service.js';
import type { Services } from '../../services.js';
import { h5pActorOf, sendFile } from './h5p.routes.js';

const STATIC_TYPES: Record<string, string> = {
  js: 'application/javascript; charset=utf-8', css: 'text/css; charset=utf-8', json: 'application/json; charset=utf-8', png: 'image/png',
  svg: 'image/svg+xml', gif: 'image/gif', jpg: 'image/jpeg', woff: 'font/woff', woff2: 'font/woff2', ttf: 'font/ttf', eot: 'application/vnd.ms-fontobject', html: 'text/html; charset=utf-8',
};

const MEDIA_TYPES: Record<string, string> = { jpeg: 'image/jpeg', webp: 'image/webp', bmp: 'image/bmp', mp3: 'audio/mpeg', m4a: 'audio/mp4', wav: 'audio/wav', ogg: 'audio/ogg', mp4: 'video/mp4', webm: 'video/webm', pdf: 'application/pdf' };

/** `libraries[]=a&libraries[]=b&x=1` (jQuery's form posts from the editor) → `{ libraries: [a, b], x: '1' }`. */
function parseForm(body: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(body)) {
    if (k.endsWith('[]')) ((out[k.slice(0, -2)] ??= []) as string[]).push(v);
    else out[k] = v;
  }
  return out;
}

/**
 * The H5P editor (Art. 9.3), present only when the core and editor files are installed:
 * the editor's AJAX protocol, the editor model, saving, and the core/editor files themselves.
 * Without the files every route answers H5P_EDITOR_UNAVAILABLE (409) or 404 (static files).
 */
export async function h5pEditorRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const s = services.h5pEditorService;
  const tags = ['h5p'];

  // jQuery posts forms url-encoded; only in this plugin's scope.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 1024 * 1024 }, (_req, body, done) => {
    try {
      done(null, parseForm(String(body)));
    } catch (err) {
      done(err as Error);
    }
  });

  // The core (h5p-php-library) and editor (h5p-editor-php-library) client files, when installed.
  // Open source scripts and styles, like /h5p-player/: no session needed.
  for (const [prefix, sub] of [['/h5p-core/', 'core'], ['/h5p-editor/', 'editor']] as const) {
    app.get<{ Params: { '*': string } }>(`${prefix}*`, { schema: { hide: true } }, async (req, reply) => {
      const st = services.h5pEditor();
      const rel = req.params['*'];
      const parts = rel.split('/');
      if (!st.available || !rel || parts.some((p) => !p || p.startsWith('.')) || rel.includes('\\') || rel.includes('\0')) {
        return reply.status(404).send({ error: 'NOT_FOUND' });
      }
      const base = path.join(st.dir, sub);
      const file = path.resolve(base, rel);
      const stat = file.startsWith(base + path.sep) ? await fs.promises.lstat(file).catch(() => null) : null;
      const ext = path.extname(file).slice(1).toLowerCase();
      if (!stat?.isFile() || !STATIC_TYPES[ext] || /\.php$/i.test(file)) return reply.status(404).send({ error: 'NOT_FOUND' });
      return reply.type(STATIC_TYPES[ext]!).header('cache-control', 'public, max-age=3600').header('content-length', stat.size).send(fs.createReadStream(file));
    });
  }

  app.get<{ Querystring: AjaxQueryT }>('/api/h5p/ajax', {
    schema: { tags, summary: 'Trình soạn thảo H5P: danh sách loại nội dung đã cài, thông tin một thư viện', querystring: AjaxQuery },
    config: { access: 'h5p.manage' },
  }, (req) => {
    const q = req.query;
    return s.ajaxGet(h5pActorOf(req), q.action, { machineName: q.machineName, majorVersion: q.majorVersion, minorVersion: q.minorVersion, language: q.language ?? 'vi' });
  });

  app.post<{ Querystring: AjaxQueryT }>('/api/h5p/ajax', {
    schema: { tags, summary: 'Trình soạn thảo H5P: thư viện, bản dịch, lọc, tệp đưa vào (không cài từ H5P Hub)', querystring: AjaxQuery },
    config: { access: 'h5p.manage', rateLimit: { max: 120, timeWindow: '1 minute' } },
  }, async (req) => {
    const actor = h5pActorOf(req);
    const language = req.query.language ?? 'vi';
    if (req.query.action === 'files') {
      if (!req.isMultipart()) throw new DomainError('VALIDATION_FAILED', { expected: 'multipart/form-data' });
      const fields: Record<string, unknown> = {};
      let file: { data: Buffer; mimetype: string; name: string; size: number } | undefined;
      const limit = Math.max(EDITOR_FILE_LIMITS.imageBytes, EDITOR_FILE_LIMITS.mediaBytes, EDITOR_FILE_LIMITS.fileBytes);
      try {
        for await (const part of req.parts({ limits: { fileSize: limit } })) {
          if (part.type === 'file') {
            const data = await part.toBuffer();
            file = { data, mimetype: part.mimetype, name: part.filename, size: data.length };
          } else fields[part.fieldname] = part.value;
        }
      } catch (err) {
        if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw new DomainError('H5P_EDITOR_FILE_REFUSED', { reason: 'too large' });
        throw err;
      }
      return s.ajaxPost(actor, 'files', fields, language, file);
    }
    const body = (req.body && typeof req.body === 'object' ? req.body : {}) as Record<string, unknown>;
    return s.ajaxPost(actor, req.query.action, req.query.id ? { ...body, id: req.query.id } : body, language);
  });

  app.get<{ Params: { '*': string } }>('/api/h5p/editor/temp-files/*', {
    schema: { tags, summary: 'Tệp vừa đưa vào trình soạn thảo (chưa lưu nội dung)' },
    config: { access: 'h5p.manage' },
  }, async (req, reply) => {
    const f = await s.temporaryFile(h5pActorOf(req), req.params['*']);
    // Shown inside the editor only; never run as a page of the box.
    const type = STATIC_TYPES[f.mimetype] && f.mimetype !== 'html' && f.mimetype !== 'svg' && f.mimetype !== 'js' ? STATIC_TYPES[f.mimetype]! : MEDIA_TYPES[f.mimetype] ?? 'application/octet-stream';
    return reply.type(type).header('content-security-policy', "default-src 'none'; sandbox").header('content-length', f.size).send(f.stream);
  });

  app.get<{ Params: { id: number; '*': string } }>('/api/h5p/editor/content-files/:id/*', {
    schema: { tags, summary: 'Tệp của nội dung đang sửa (hình ảnh…) cho trình soạn thảo', params: FileParams },
    config: { access: 'h5p.manage' },
  }, async (req, reply) => {
    // Staff see every content of the school (same check and file handling as the player's route).
    await services.h5p.visibleContent(h5pActorOf(req), req.params.id);
    const f = await services.h5pFiles.resolve('content', String(req.params.id), req.params['*']);
    if (!f) throw new DomainError('NOT_FOUND', { file: req.params['*'].slice(0, 200) });
    return sendFile(req, reply, f, 'private, no-cache');
  });

  app.get<{ Querystring: EditorModelQueryT }>('/api/h5p/editor/model', {
    schema: { tags, summary: 'Dữ liệu để mở trình soạn thảo H5P (H5PIntegration, tệp script và CSS, nội dung đang sửa)', querystring: EditorModelQuery, response: { 200: EditorModel } },
    config: { access: 'h5p.manage' },
  }, (req) => s.model(h5pActorOf(req), req.query.contentId, req.query.language ?? 'vi'));

  app.post<{ Body: EditorSaveBodyT }>('/api/h5p/editor/contents', {
    schema: { tags, summary: 'Lưu nội dung H5P mới soạn (kiểm tra theo semantics của thư viện)', body: EditorSaveBody, response: { 200: EditorSaveReply } },
    config: { access: 'h5p.manage', rateLimit: { max: 30, timeWindow: '1 minute' } },
    bodyLimit: 4 * 1024 * 1024,
  }, (req) => s.save(h5pActorOf(req), req.body));

  app.put<{ Params: { id: number }; Body: EditorSaveBodyT }>('/api/h5p/editor/contents/:id', {
    schema: { tags, summary: 'Lưu nội dung H5P đã sửa', params: IdParams, body: EditorSaveBody, response: { 200: EditorSaveReply } },
    config: { access: 'h5p.manage', rateLimit: { max: 30, timeWindow: '1 minute' } },
    bodyLimit: 4 * 1024 * 1024,
  }, (req) => s.save(h5pActorOf(req), req.body, req.params.id));
}
