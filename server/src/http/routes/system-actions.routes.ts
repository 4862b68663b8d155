import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { Services } from '../../services.js';
import { DomainError } from '../../domain/shared/errors.js';
import { readLogs, recentProblems } from '../../logs/log-file.js';
import { readUpdateReport } from '../../../../appliance/src/updates/guarded-start.js';
import { actorOf } from '../auth.plugin.js';

/** The IT console's actions (Art. 16.3: staff administer the system and support users). */
export async function systemActionRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const tags = ['system'];
  const config = { access: 'system.operate' as const, rateLimit: { max: 10, timeWindow: '1 minute' } };

  app.get('/api/system/logs', { schema: { tags, summary: 'Tải nhật ký hệ thống (.log)' }, config }, async (req, reply) => {
    await services.audit.record(actorOf(req), 'system.logs_downloaded', 'system', 'logs');
    const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-');
    return reply.type('text/plain; charset=utf-8').header('content-disposition', `attachment; filename="phonghoc-${stamp}.log"`).send(readLogs(services.dataDir));
  });

  app.get('/api/system/problems', {
    schema: { tags, summary: 'Lỗi và cảnh báo gần đây trong nhật ký', response: { 200: Type.Array(Type.Object({ time: Type.String(), level: Type.Integer(), msg: Type.String() })) } },
    config: { access: 'system.operate' },
  }, () => recentProblems(services.dataDir));

  app.get('/api/system/update-report', {
    schema: { tags, summary: 'Báo cáo lần cập nhật gần nhất (nếu đã phải khôi phục)' },
    config: { access: 'system.operate' },
  }, () => ({ report: readUpdateReport(services.dataDir) }));

  app.post('/api/system/kiosk/restart', { schema: { tags, summary: 'Khởi động lại màn hình phòng học (balena)' }, config }, async (req) => {
    if (!services.supervisor) throw new DomainError('NOT_ON_BALENA');
    await services.supervisor.restartService('kiosk');
    await services.audit.record(actorOf(req), 'system.kiosk_restarted', 'system', 'kiosk');
    return { ok: true as const };
  });

  app.post('/api/system/media/restart', { schema: { tags, summary: 'Khởi động lại máy chủ hình ảnh, âm thanh (khi không có buổi học)' }, config }, async (req) => {
    const r = await services.liveRooms.restartMedia();
    await services.audit.record(actorOf(req), 'system.media_restarted', 'system', 'media', r);
    return { ok: true as const, ...r };
  });
}
