import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import { Id, IdParams, Ok } from '../../contracts/common.schema.js';
import {
  MarkTaughtBody, PlanActualReply, PlanCalendarView, PlanCreateBody, PlanListQuery, PlanOptions, PlanReviewBody, PlanSummary, PlanUpdateBody,
  PlanVersionDetail, PlanVersusActualQuery, PlanVersusActualReply, UnmarkTaughtBody, VersionParams,
  type MarkTaughtBody as MarkTaughtBodyT, type PlanCreateBody as PlanCreateBodyT, type PlanListQuery as PlanListQueryT, type PlanReviewBody as PlanReviewBodyT,
  type PlanUpdateBody as PlanUpdateBodyT, type PlanVersusActualQuery as PlanVersusActualQueryT, type UnmarkTaughtBody as UnmarkTaughtBodyT, type VersionParams as VersionParamsT,
} from '../../contracts/teaching-plans.schema.js';
import type { Services } from '../../services.js';
import { liveActorOf } from './live-lessons.routes.js';

const OptionsQuery = Type.Object({ schoolYearId: Type.Optional(Id) }, { additionalProperties: false });
const DetailQuery = Type.Object({ versionId: Type.Optional(Id) }, { additionalProperties: false });

/** Teaching plans (Art. 8.1.c, 15.1.b): drafting by week, the approval, month and year views, plan versus actual. */
export async function teachingPlanRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const s = services.teachingPlans;
  const tags = ['plans'];

  app.get<{ Querystring: PlanVersusActualQueryT }>('/api/teaching-plans/progress', {
    schema: { tags, summary: 'Kế hoạch so với thực tế theo lớp × môn trong học kì', querystring: PlanVersusActualQuery, response: { 200: PlanVersusActualReply } },
    config: { access: 'plans.read' },
  }, (req) => s.planVersusActual(req.query, liveActorOf(req)));

  app.get<{ Querystring: { schoolYearId?: number } }>('/api/teaching-plans/options', {
    schema: { tags, summary: 'Lịch tuần của năm học và các lớp × môn giáo viên được phân công', querystring: OptionsQuery, response: { 200: PlanOptions } },
    config: { access: 'plans.read' },
  }, (req) => s.options(liveActorOf(req), req.query.schoolYearId));

  app.get<{ Querystring: PlanListQueryT }>('/api/teaching-plans', {
    schema: { tags, summary: 'Kế hoạch dạy học', querystring: PlanListQuery, response: { 200: Type.Array(PlanSummary) } },
    config: { access: 'plans.read' },
  }, (req) => s.list(liveActorOf(req), req.query));

  app.get('/api/teaching-plans/queue', {
    schema: { tags, summary: 'Kế hoạch chờ tổ trưởng thông qua hoặc hiệu trưởng phê duyệt', response: { 200: Type.Array(PlanSummary) } },
    config: { access: 'plans.review' },
  }, (req) => s.queue(liveActorOf(req)));

  app.post<{ Body: PlanCreateBodyT }>('/api/teaching-plans', {
    schema: { tags, summary: 'Lập kế hoạch dạy học (có thể soạn sẵn từ chương trình)', body: PlanCreateBody, response: { 200: PlanVersionDetail } },
    config: { access: 'plans.author' },
  }, (req) => s.create(liveActorOf(req), req.body));

  app.get<{ Params: { id: number }; Querystring: { versionId?: number } }>('/api/teaching-plans/:id', {
    schema: { tags, summary: 'Một kế hoạch theo tuần', params: IdParams, querystring: DetailQuery, response: { 200: PlanVersionDetail } },
    config: { access: 'plans.read' },
  }, (req) => s.detail(liveActorOf(req), req.params.id, req.query.versionId));

  app.put<{ Params: VersionParamsT; Body: PlanUpdateBodyT }>('/api/teaching-plans/:id/versions/:versionId', {
    schema: { tags, summary: 'Sửa các tuần của bản nháp', params: VersionParams, body: PlanUpdateBody, response: { 200: PlanVersionDetail } },
    config: { access: 'plans.author' },
  }, (req) => s.update(liveActorOf(req), req.params.id, req.params.versionId, req.body));

  app.post<{ Params: VersionParamsT; Body: PlanReviewBodyT }>('/api/teaching-plans/:id/versions/:versionId/review', {
    schema: { tags, summary: 'Gửi duyệt, thông qua, phê duyệt hoặc trả lại kèm góp ý', params: VersionParams, body: PlanReviewBody, response: { 200: PlanVersionDetail } },
    // The teacher submits (plans.author); the service checks who may take each step.
    config: { access: 'plans.author' },
  }, (req) => s.review(liveActorOf(req), req.params.id, req.params.versionId, req.body));

  app.post<{ Params: { id: number } }>('/api/teaching-plans/:id/revise', {
    schema: { tags, summary: 'Điều chỉnh kế hoạch đã phê duyệt (bản mới, bản cũ vẫn hiệu lực đến khi bản mới được duyệt)', params: IdParams, response: { 200: PlanVersionDetail } },
    config: { access: 'plans.author' },
  }, (req) => s.revise(liveActorOf(req), req.params.id));

  app.get<{ Params: VersionParamsT }>('/api/teaching-plans/:id/versions/:versionId/calendar', {
    schema: { tags, summary: 'Kế hoạch theo tháng và cả năm', params: VersionParams, response: { 200: PlanCalendarView } },
    config: { access: 'plans.read' },
  }, (req) => s.calendar(liveActorOf(req), req.params.id, req.params.versionId));

  app.get<{ Params: { id: number }; Querystring: { versionId?: number } }>('/api/teaching-plans/:id/actual', {
    schema: { tags, summary: 'Kế hoạch so với thực tế theo tuần', params: IdParams, querystring: DetailQuery, response: { 200: PlanActualReply } },
    config: { access: 'plans.read' },
  }, (req) => s.actual(liveActorOf(req), req.params.id, req.query.versionId));

  app.post<{ Params: { id: number }; Body: MarkTaughtBodyT }>('/api/teaching-plans/:id/taught', {
    schema: { tags, summary: 'Ghi nhận bài đã dạy trực tiếp trên lớp', params: IdParams, body: MarkTaughtBody, response: { 200: Ok } },
    config: { access: 'plans.author' },
  }, (req) => s.markTaught(liveActorOf(req), req.params.id, req.body));

  app.post<{ Params: { id: number }; Body: UnmarkTaughtBodyT }>('/api/teaching-plans/:id/taught/remove', {
    schema: { tags, summary: 'Bỏ ghi nhận bài đã dạy trực tiếp', params: IdParams, body: UnmarkTaughtBody, response: { 200: Ok } },
    config: { access: 'plans.author' },
  }, (req) => s.unmarkTaught(liveActorOf(req), req.params.id, req.body.curriculumLessonId));
}
