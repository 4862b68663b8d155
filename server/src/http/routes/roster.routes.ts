import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import { DomainError } from '../../domain/shared/errors.js';
import type { ImportMode } from '../../domain/roster/roster.service.js';
import type { Services } from '../../services.js';
import { actorOf } from '../auth.plugin.js';

const Kind = Type.Object({ kind: Type.Union([Type.Literal('students'), Type.Literal('teachers')]) });
const ModeQuery = Type.Object({ mode: Type.Union([Type.Literal('preview'), Type.Literal('all'), Type.Literal('accepted')], { default: 'preview' }) }, { additionalProperties: false });

/** Largest roster accepted: a whole school's list is well under a megabyte. */
export const MAX_ROSTER_BYTES = 5 * 1024 * 1024;

/** Roster import (per-row report, nothing half-imported) and export to .xlsx (Art. 15.1.i). */
export async function rosterRoutes(app: FastifyInstance, { services }: { services: Services }) {
  app.post<{ Params: { kind: 'students' | 'teachers' }; Querystring: { mode: ImportMode } }>('/api/roster/:kind/import', {
    schema: {
      tags: ['roster'],
      summary: 'Nhập danh sách từ tệp .xlsx/.csv (xem trước, nhập tất cả, hoặc chỉ các dòng hợp lệ)',
      description: 'multipart/form-data with one file field. mode=preview validates only; mode=all writes only when every row is valid; mode=accepted writes the valid rows.',
      params: Kind, querystring: ModeQuery, consumes: ['multipart/form-data'],
    },
    config: { access: 'roster.import', rateLimit: { max: 20, timeWindow: '1 minute' } },
  }, async (req) => {
    if (!req.isMultipart()) throw new DomainError('UNSUPPORTED_FILE_TYPE', { expected: 'multipart/form-data' });
    const file = await req.file({ limits: { fileSize: MAX_ROSTER_BYTES } });
    if (!file) throw new DomainError('VALIDATION_FAILED', { field: 'file' });
    const data = await file.toBuffer(); // throws FST_REQ_FILE_TOO_LARGE past the limit → 413
    return services.roster.import(actorOf(req), req.params.kind, { data, name: file.filename }, req.query.mode);
  });

  app.get('/api/roster/imports', {
    schema: { tags: ['roster'], summary: 'Các lần nhập danh sách gần đây' },
    config: { access: 'roster.import' },
  }, () => services.roster.history());

  app.get<{ Params: { kind: 'students' | 'teachers' } }>('/api/roster/:kind/export', {
    schema: { tags: ['roster'], summary: 'Xuất danh sách ra tệp .xlsx', params: Kind },
    config: { access: 'roster.export', rateLimit: { max: 10, timeWindow: '1 minute' } },
  }, async (req, reply) => {
    const data = await services.roster.export(req.params.kind);
    await services.audit.record(actorOf(req), 'roster.exported', 'roster', req.params.kind);
    const name = req.params.kind === 'students' ? 'danh-sach-hoc-sinh.xlsx' : 'danh-sach-giao-vien.xlsx';
    return reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').header('content-disposition', `attachment; filename="${name}"`).send(data);
  });
}
