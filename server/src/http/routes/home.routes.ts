import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.js';
import { requirePrincipal } from '../auth.plugin.js';

/** The home page's data for the signed-in role (kiosk teacher, phone student, principal…). */
export async function homeRoutes(app: FastifyInstance, { services }: { services: Services }) {
  app.get('/api/home', {
    schema: { tags: ['home'], summary: 'Trang chủ theo vai trò' },
    config: { access: 'self' },
  }, (req) => services.home.summary(requirePrincipal(req)));
}
