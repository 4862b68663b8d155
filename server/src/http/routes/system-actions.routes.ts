import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { Services } from '../../services.js';
import { recentProblems } from '../../logs/log-file.js';
import { readUpdateReport } from '../../../../appliance/src/updates/guarded-start.js';
import { actorOf } from '../auth.plugin.js';

export const logFileName = (box?: string) =>
  `phonghoc-${box ? `${box.replace(/[^A-Za-z0-9_-]+/g, '-')}-` : ''}${new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-')}.log`;

/** The IT console's actions (Art. 16.3: staff administer the system and support users). */
export async function systemActionRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const tags = ['system'];
  const config = { access: 'system.operate' as const, rateLimit: { max: 10, timeWindow: '1 minute' } };

  app.get('/api/system/logs', { schema: { tags, summary: 'Tải nhật ký hệ thống (.log)' }, config }, async (req, reply) => {
    const text = await services.systemActions.logs(actorOf(req));
    return reply.type('text/plain; charset=utf-8').header('content-disposition', `attachment; filename="${logFileName()}"`).send(text);
  });

  app.get('/api/system/problems', {
    schema: { tags, summary: 'Lỗi và cảnh báo gần đây trong nhật ký', response: { 200: Type.Array(Type.Object({ time: Type.String(), level: Type.Integer(), msg: Type.String() })) } },
    config: { access: 'system.operate' },
  }, () => recentProblems(services.dataDir));

  app.get('/api/system/update-report', {
    schema: { tags, summary: 'Báo cáo lần cập nhật gần nhất (nếu đã phải khôi phục)' },
    config: { access: 'system.operate' },
  }, () => ({ report: readUpdateReport(services.dataDir) }));

  app.post('/api/system/kiosk/restart', { schema: { tags, summary: 'Khởi động lại màn hình phòng học (balena)' }, config }, (req) => services.systemActions.restartKiosk(actorOf(req)));

  app.post('/api/system/media/restart', { schema: { tags, summary: 'Khởi động lại máy chủ hình ảnh, âm thanh (khi không có buổi học)' }, config }, (req) => services.systemActions.restartMedia(actorOf(req)));
}
