import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import { Created, IdParams, Ok } from '../../contracts/common.schema.js';
import {
  CancelBody, LessonSummary, LiveLesson, LiveLessonBody, LiveLessonQuery, Recording, TodayLesson,
  type CancelBody as CancelBodyT, type LiveLessonBody as LiveLessonBodyT, type LiveLessonQuery as LiveLessonQueryT,
} from '../../contracts/live-lessons.schema.js';
import type { LiveActor } from '../../domain/live/live.types.js';
import type { Services } from '../../services.js';
import { actorOf, requirePrincipal } from '../auth.plugin.js';

type IdP = { Params: { id: number } };

/** The signed-in person as the live-lesson services see them: audit fields, person and roles. */
export function liveActorOf(req: FastifyRequest): LiveActor {
  const p = requirePrincipal(req);
  return { ...actorOf(req), personId: p.personId, roles: p.roles };
}

/** Live lessons (Art. 5, 8.1.b, 9.1): schedule, home list, cancel, summary of the records, recordings. */
export async function liveLessonRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const s = services.liveLessons;
  const tags = ['live'];

  app.post<{ Body: LiveLessonBodyT }>('/api/live-lessons', {
    schema: { tags, summary: 'Lên lịch buổi học trực tuyến', body: LiveLessonBody, response: { 200: Created } },
    config: { access: 'live.schedule' },
  }, async (req) => ({ id: await s.schedule(liveActorOf(req), req.body) }));

  app.get<{ Querystring: LiveLessonQueryT }>('/api/live-lessons', {
    schema: { tags, summary: 'Lịch buổi học trực tuyến (theo ngày, lớp, giáo viên)', querystring: LiveLessonQuery, response: { 200: Type.Array(LiveLesson) } },
    config: { access: 'live.read' },
  }, (req) => s.list(requirePrincipal(req), req.query));

  app.get('/api/live-lessons/today', {
    schema: { tags, summary: 'Buổi học hôm nay của người đăng nhập (mở bằng một chạm)', response: { 200: Type.Array(TodayLesson) } },
    config: { access: 'live.read' },
  }, (req) => s.today(requirePrincipal(req)));

  app.get<IdP>('/api/live-lessons/:id', {
    schema: { tags, summary: 'Một buổi học trực tuyến', params: IdParams, response: { 200: LiveLesson } },
    config: { access: 'live.read' },
  }, (req) => s.get(requirePrincipal(req), req.params.id));

  app.post<IdP & { Body: CancelBodyT }>('/api/live-lessons/:id/cancel', {
    schema: { tags, summary: 'Huỷ buổi học chưa bắt đầu', params: IdParams, body: CancelBody, response: { 200: Ok } },
    config: { access: 'live.schedule' },
  }, async (req) => { await s.cancel(liveActorOf(req), req.params.id, req.body?.reason ?? null); return { ok: true as const }; });

  app.get<IdP>('/api/live-lessons/:id/summary', {
    schema: { tags, summary: 'Tổng hợp buổi học: điểm danh, tương tác, câu hỏi, bình chọn', params: IdParams, response: { 200: LessonSummary } },
    config: { access: 'live.summary' },
  }, (req) => s.summary(requirePrincipal(req), req.params.id));

  app.get<IdP>('/api/live-lessons/:id/summary.xlsx', {
    schema: { tags, summary: 'Tổng hợp buổi học (.xlsx)', params: IdParams },
    config: { access: 'live.summary' },
  }, async (req, reply) => {
    const { fileName, data } = await s.summaryWorkbook(requirePrincipal(req), req.params.id);
    return reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="${fileName}"`).send(data);
  });

  app.get<IdP>('/api/live-lessons/:id/recordings', {
    schema: { tags, summary: 'Bản ghi hình của buổi học', params: IdParams, response: { 200: Type.Array(Recording) } },
    config: { access: 'live.read' },
  }, (req) => s.recordings(requirePrincipal(req), req.params.id));
}
