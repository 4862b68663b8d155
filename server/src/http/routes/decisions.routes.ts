import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import { Created, IdParams } from '../../contracts/common.schema.js';
import {
  Decision, DecisionBody, DecisionQuery, RevokeBody, RevokeReply,
  type DecisionBody as DecisionBodyT, type DecisionQuery as DecisionQueryT, type RevokeBody as RevokeBodyT,
} from '../../contracts/live-lessons.schema.js';
import type { Services } from '../../services.js';
import { liveActorOf } from './live-lessons.routes.js';

/** The principal's decisions on online teaching (Art. 5.4): supporting mode, replacing mode, force majeure. */
export async function decisionRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const s = services.decisions;
  const tags = ['live'];

  app.get<{ Querystring: DecisionQueryT }>('/api/decisions', {
    schema: { tags, summary: 'Quyết định của hiệu trưởng về hình thức dạy học trực tuyến', querystring: DecisionQuery, response: { 200: Type.Array(Decision) } },
    config: { access: 'live.schedule' },
  }, (req) => s.list({ includeRevoked: req.query.includeRevoked, ...(req.query.type ? { type: req.query.type } : {}) }));

  app.post<{ Body: DecisionBodyT }>('/api/decisions', {
    schema: { tags, summary: 'Ghi quyết định (bất khả kháng; dạy học trực tuyến hỗ trợ/thay thế)', body: DecisionBody, response: { 200: Created } },
    config: { access: 'live.decide' },
  }, async (req) => {
    const b = req.body;
    return { id: await s.record(liveActorOf(req), { ...b, mode: b.mode ?? null, documentNumber: b.documentNumber?.trim() || null, assessmentPlan: b.assessmentPlan?.trim() || null }) };
  });

  app.post<{ Params: { id: number }; Body: RevokeBodyT }>('/api/decisions/:id/revoke', {
    schema: { tags, summary: 'Thu hồi quyết định', params: IdParams, body: RevokeBody, response: { 200: RevokeReply } },
    config: { access: 'live.decide' },
  }, async (req) => ({ ok: true as const, ...(await s.revoke(liveActorOf(req), req.params.id, req.body.reason)) }));
}
