import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { Services } from '../../services.js';
import { DomainError } from '../../domain/shared/errors.js';
import { requirePrincipal } from '../auth.plugin.js';

/**
 * A lesson's recording played back in the browser (Art. 9.2: students review the lesson).
 * HTTP range requests let a phone seek and fetch only what it plays.
 */
export async function recordingRoutes(app: FastifyInstance, { services }: { services: Services }) {
  app.get<{ Params: { id: number; recordingId: number } }>('/api/live-lessons/:id/recordings/:recordingId/video', {
    schema: {
      tags: ['live'], summary: 'Xem lại bản ghi hình (hỗ trợ tua: HTTP Range)',
      params: Type.Object({ id: Type.Integer({ minimum: 1 }), recordingId: Type.Integer({ minimum: 1 }) }),
    },
    config: { access: 'live.read' },
  }, async (req, reply) => {
    const list = await services.liveLessons.recordings(requirePrincipal(req), req.params.id);
    const rec = list.find((r) => r.id === req.params.recordingId);
    if (!rec) throw new DomainError('NOT_FOUND', { recordingId: req.params.recordingId });
    const root = path.resolve(services.dataDir);
    const file = path.resolve(root, rec.file);
    if (!file.startsWith(root + path.sep)) throw new DomainError('NOT_FOUND', { recordingId: rec.id });
    const stat = await fs.promises.stat(file).catch(() => null);
    if (!stat?.isFile()) throw new DomainError('NOT_FOUND', { recordingId: rec.id });

    reply.header('accept-ranges', 'bytes').type('video/webm').header('cache-control', 'private, max-age=3600');
    const range = /^bytes=(\d*)-(\d*)$/.exec(req.headers.range ?? '');
    if (!range) return reply.header('content-length', stat.size).send(fs.createReadStream(file));
    let start = range[1] ? Number(range[1]) : stat.size - Number(range[2]);
    let end = range[1] && range[2] ? Number(range[2]) : stat.size - 1;
    if (!range[1]) end = stat.size - 1;
    start = Math.max(0, start);
    end = Math.min(end, stat.size - 1);
    if (start > end || Number.isNaN(start)) return reply.status(416).header('content-range', `bytes */${stat.size}`).send();
    return reply.status(206).header('content-range', `bytes ${start}-${end}/${stat.size}`).header('content-length', end - start + 1)
      .send(fs.createReadStream(file, { start, end }));
  });
}
