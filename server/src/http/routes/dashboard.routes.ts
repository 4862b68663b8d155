import type { FastifyInstance } from 'fastify';
import { Dashboard } from '../../contracts/dashboard.schema.js';
import type { Services } from '../../services.js';
import { requirePrincipal } from '../auth.plugin.js';

/** The principal's dashboard (Art. 15.1, 10.3): the whole page in one read-only request. */
export async function dashboardRoutes(app: FastifyInstance, { services }: { services: Services }) {
  app.get('/api/dashboard', {
    schema: { tags: ['dashboard'], summary: 'Bảng tổng quan của hiệu trưởng: giờ học trực tuyến, chuyên cần, duyệt học liệu, đánh giá, kế hoạch, thiết bị', response: { 200: Dashboard } },
    config: { access: 'dashboard.read' },
  }, (req) => services.dashboard.overview(requirePrincipal(req)));
}
