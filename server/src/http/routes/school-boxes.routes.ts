import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { Services } from '../../services.js';
import { actorOf } from '../auth.plugin.js';
import { BoxEssentialsSchema, PairBoxBodySchema, PairingCodeSchema, SchoolBoxViewSchema, type PairBoxBody } from '../../contracts/school-boxes.schema.js';
import { logFileName } from './system-actions.routes.js';

const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });

/** Who acted through another box, for this box's audit log. */
function peerActor(req: FastifyRequest) {
  const who = String(req.headers['x-phonghoc-actor'] ?? 'unknown').replace(/[^\p{L}\p{N}@._-]/gu, '').slice(0, 120);
  return { accountId: null, login: `peer:${who}`, ip: req.ip };
}

/**
 * All the school's boxes on one page (Art. 16.3). `/api/peer/*` is what another box calls with
 * this box's peer token; `/api/boxes*` is the IT console of this box, which calls the others.
 */
export async function schoolBoxesRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const tags = ['system'];
  const peer = { access: 'peer' as const, rateLimit: { max: 60, timeWindow: '1 minute' } };
  const operate = { access: 'system.operate' as const, rateLimit: { max: 20, timeWindow: '1 minute' } };

  // ---- Called by another box of the school ----
  app.get('/api/peer/essentials', { schema: { tags, summary: 'Thông tin chính của máy (cho máy khác của trường)', response: { 200: BoxEssentialsSchema } }, config: peer },
    () => services.selfEssentials());
  app.post('/api/peer/kiosk/restart', { schema: { tags, summary: 'Khởi động lại màn hình (do máy khác yêu cầu)' }, config: peer },
    (req) => services.systemActions.restartKiosk(peerActor(req)));
  app.post('/api/peer/media/restart', { schema: { tags, summary: 'Khởi động lại máy chủ media (do máy khác yêu cầu)' }, config: peer },
    (req) => services.systemActions.restartMedia(peerActor(req)));
  app.get('/api/peer/logs', { schema: { tags, summary: 'Nhật ký hệ thống (do máy khác yêu cầu)' }, config: peer },
    async (req, reply) => reply.type('text/plain; charset=utf-8').send(await services.systemActions.logs(peerActor(req))));

  // ---- This box's IT console ----
  app.get('/api/boxes', { schema: { tags, summary: 'Mọi máy phòng học của trường trên một trang', response: { 200: Type.Array(SchoolBoxViewSchema) } }, config: operate },
    () => services.schoolBoxes.overview());
  app.get('/api/boxes/pairing-code', { schema: { tags, summary: 'Mã ghép nối của máy này', response: { 200: PairingCodeSchema } }, config: operate },
    async (req) => {
      await services.audit.record(actorOf(req), 'boxes.pairing_code_shown', 'system', 'peer-token');
      return services.schoolBoxes.pairingCode();
    });
  app.post('/api/boxes/pairing-code/rotate', { schema: { tags, summary: 'Đổi mã ghép nối (các máy đã ghép phải ghép lại)', response: { 200: PairingCodeSchema } }, config: operate },
    (req) => services.schoolBoxes.rotatePairingCode(actorOf(req)));
  app.post<{ Body: PairBoxBody }>('/api/boxes', { schema: { tags, summary: 'Ghép nối một máy khác của trường', body: PairBoxBodySchema, response: { 200: SchoolBoxViewSchema } }, config: operate },
    (req) => services.schoolBoxes.pair(actorOf(req), req.body));
  app.delete<{ Params: { id: number } }>('/api/boxes/:id', { schema: { tags, summary: 'Bỏ ghép nối', params: IdParams }, config: operate },
    async (req) => {
      await services.schoolBoxes.unpair(actorOf(req), req.params.id);
      return { ok: true as const };
    });
  app.post<{ Params: { id: number } }>('/api/boxes/:id/kiosk/restart', { schema: { tags, summary: 'Khởi động lại màn hình của máy đó', params: IdParams }, config: operate },
    (req) => services.schoolBoxes.action(actorOf(req), req.params.id, 'kiosk-restart'));
  app.post<{ Params: { id: number } }>('/api/boxes/:id/media/restart', { schema: { tags, summary: 'Khởi động lại máy chủ media của máy đó', params: IdParams }, config: operate },
    (req) => services.schoolBoxes.action(actorOf(req), req.params.id, 'media-restart'));
  app.get<{ Params: { id: number } }>('/api/boxes/:id/logs', { schema: { tags, summary: 'Tải nhật ký của máy đó', params: IdParams }, config: operate },
    async (req, reply) => {
      const { name, body } = await services.schoolBoxes.logs(actorOf(req), req.params.id);
      return reply.type('text/plain; charset=utf-8').header('content-disposition', `attachment; filename="${logFileName(name)}"`).send(body);
    });
}
