import type { FastifyInstance } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import type { Services } from '../../services.js';

const AuditQuery = Type.Object({
  actor: Type.Optional(Type.String({ maxLength: 60 })),
  action: Type.Optional(Type.String({ maxLength: 80 })),
  entity: Type.Optional(Type.String({ maxLength: 60 })),
  before: Type.Optional(Type.Integer({ minimum: 1 })),
  limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
}, { additionalProperties: false });

const AuditEntry = Type.Object({
  id: Type.Integer(), at: Type.String(), actorAccountId: Type.Union([Type.Integer(), Type.Null()]), actorLogin: Type.Union([Type.String(), Type.Null()]),
  ip: Type.Union([Type.String(), Type.Null()]), action: Type.String(), entity: Type.Union([Type.String(), Type.Null()]), entityId: Type.Union([Type.String(), Type.Null()]),
  details: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]),
});

/** The audit log (Art. 10.2): who did what, when, from which address. */
export async function auditRoutes(app: FastifyInstance, { services }: { services: Services }) {
  app.get<{ Querystring: Static<typeof AuditQuery> }>('/api/audit', {
    schema: { tags: ['audit'], summary: 'Nhật ký thao tác', querystring: AuditQuery, response: { 200: Type.Array(AuditEntry) } },
    config: { access: 'audit.read' },
  }, (req) => services.audit.list({
    limit: req.query.limit,
    ...(req.query.actor ? { actorLogin: req.query.actor } : {}), ...(req.query.action ? { action: req.query.action } : {}),
    ...(req.query.entity ? { entity: req.query.entity } : {}), ...(req.query.before ? { before: req.query.before } : {}),
  }));
}
