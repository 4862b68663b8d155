import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import { Created, IdParams, Ok } from '../../contracts/common.schema.js';
import {
  AnswerBody, AskBody, BestBody, FlagBody, HideBody, QaChoice, QaCounts, QaList, QaListQuery, QaThread,
  type AnswerBody as AnswerBodyT, type AskBody as AskBodyT, type BestBody as BestBodyT, type FlagBody as FlagBodyT, type HideBody as HideBodyT, type QaListQuery as QaListQueryT,
} from '../../contracts/qa.schema.js';
import type { Services } from '../../services.js';
import { requirePrincipal } from '../auth.plugin.js';
import { spaceActorOf } from './progress.routes.js';

type IdP = { Params: { id: number } };
const ok = { ok: true as const };
const perAccount = (req: FastifyRequest) => `qa|${req.principal?.accountId ?? req.ip}`;
// Posting is also limited per student in the service (questions and answers per 10 minutes).
const postLimit = { max: 20, timeWindow: '1 minute', keyGenerator: perAccount };

/** Questions and answers of a class × subject (Art. 5.2, 5.3, 9.2). */
export async function qaRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const s = services.qa;
  const tags = ['qa'];

  app.get('/api/qa/spaces', {
    schema: { tags, summary: 'Các lớp × môn có hỏi đáp của người đăng nhập', response: { 200: Type.Array(QaChoice) } },
    config: { access: 'qa.read' },
  }, (req) => s.spaces(requirePrincipal(req)));

  app.get<{ Querystring: QaListQueryT }>('/api/qa/questions', {
    schema: { tags, summary: 'Câu hỏi của lớp theo môn', querystring: QaListQuery, response: { 200: QaList } },
    config: { access: 'qa.read' },
  }, (req) => s.list(requirePrincipal(req), req.query.classId, req.query.subjectId, req.query.filter ?? 'all'));

  app.get<IdP>('/api/qa/classes/:id/counts', {
    schema: { tags, summary: 'Số câu hỏi và câu hỏi chưa có trả lời của lớp, theo môn', params: IdParams, response: { 200: QaCounts } },
    config: { access: 'qa.read' },
  }, (req) => s.counts(requirePrincipal(req), req.params.id));

  app.post<{ Body: AskBodyT }>('/api/qa/questions', {
    schema: { tags, summary: 'Học sinh đặt câu hỏi', body: AskBody, response: { 200: Created } },
    config: { access: 'qa.post', rateLimit: postLimit },
  }, async (req) => ({ id: await s.ask(spaceActorOf(req), req.body.classId, req.body.subjectId, req.body) }));

  app.get<IdP>('/api/qa/questions/:id', {
    schema: { tags, summary: 'Một câu hỏi và các câu trả lời', params: IdParams, response: { 200: QaThread } },
    config: { access: 'qa.read' },
  }, (req) => s.thread(requirePrincipal(req), req.params.id));

  app.post<IdP & { Body: AnswerBodyT }>('/api/qa/questions/:id/answers', {
    schema: { tags, summary: 'Trả lời câu hỏi', params: IdParams, body: AnswerBody, response: { 200: Created } },
    config: { access: 'qa.post', rateLimit: postLimit },
  }, async (req) => ({ id: await s.answer(spaceActorOf(req), req.params.id, req.body.body) }));

  app.post<IdP & { Body: BestBodyT }>('/api/qa/questions/:id/best', {
    schema: { tags, summary: 'Giáo viên chọn câu trả lời hay nhất (hoặc bỏ chọn)', params: IdParams, body: BestBody, response: { 200: Ok } },
    config: { access: 'qa.moderate' },
  }, async (req) => { await s.setBest(spaceActorOf(req), req.params.id, req.body.answerId); return ok; });

  app.post<IdP & { Body: HideBodyT }>('/api/qa/questions/:id/hide', {
    schema: { tags, summary: 'Ẩn câu hỏi (ghi lí do; nội dung vẫn được lưu)', params: IdParams, body: HideBody, response: { 200: Ok } },
    config: { access: 'qa.moderate' },
  }, async (req) => { await s.hideQuestion(spaceActorOf(req), req.params.id, req.body.reason); return ok; });

  app.post<IdP>('/api/qa/questions/:id/show', {
    schema: { tags, summary: 'Hiện lại câu hỏi đã ẩn', params: IdParams, response: { 200: Ok } },
    config: { access: 'qa.moderate' },
  }, async (req) => { await s.showQuestion(spaceActorOf(req), req.params.id); return ok; });

  app.post<IdP & { Body: FlagBodyT }>('/api/qa/questions/:id/lock', {
    schema: { tags, summary: 'Khoá / mở khoá câu hỏi', params: IdParams, body: FlagBody, response: { 200: Ok } },
    config: { access: 'qa.moderate' },
  }, async (req) => { await s.setLocked(spaceActorOf(req), req.params.id, req.body.value); return ok; });

  app.post<IdP & { Body: FlagBodyT }>('/api/qa/questions/:id/pin', {
    schema: { tags, summary: 'Ghim / bỏ ghim câu hỏi', params: IdParams, body: FlagBody, response: { 200: Ok } },
    config: { access: 'qa.moderate' },
  }, async (req) => { await s.setPinned(spaceActorOf(req), req.params.id, req.body.value); return ok; });

  app.post<IdP & { Body: HideBodyT }>('/api/qa/answers/:id/hide', {
    schema: { tags, summary: 'Ẩn câu trả lời (ghi lí do; nội dung vẫn được lưu)', params: IdParams, body: HideBody, response: { 200: Ok } },
    config: { access: 'qa.moderate' },
  }, async (req) => { await s.hideAnswer(spaceActorOf(req), req.params.id, req.body.reason); return ok; });

  app.post<IdP>('/api/qa/answers/:id/show', {
    schema: { tags, summary: 'Hiện lại câu trả lời đã ẩn', params: IdParams, response: { 200: Ok } },
    config: { access: 'qa.moderate' },
  }, async (req) => { await s.showAnswer(spaceActorOf(req), req.params.id); return ok; });
}
