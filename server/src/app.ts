import path from 'node:path';
import fs from 'node:fs';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import fastifyStatic from '@fastify/static';
import websocket from '@fastify/websocket';
import type { Services } from './services.js';
import { systemActionRoutes } from './http/routes/system-actions.routes.js';
import { taskRoutes } from './http/routes/tasks.routes.js';
import { quizRoutes } from './http/routes/quizzes.routes.js';
import { gradebookRoutes } from './http/routes/gradebook.routes.js';
import { schoolBoxesRoutes } from './http/routes/school-boxes.routes.js';
import { backupRoutes } from './http/routes/backups.routes.js';
import { settingsRoutes } from './http/routes/settings.routes.js';
import { recordingRoutes } from './http/routes/recordings.routes.js';
import { liveSignalingRoutes } from './http/routes/live-signaling.routes.js';
import { errorsPlugin, errorBody } from './http/errors.plugin.js';
import { authPlugin } from './http/auth.plugin.js';
import { securityHeaders } from './http/security-headers.plugin.js';
import { authRoutes } from './http/routes/auth.routes.js';
import { setupRoutes } from './http/routes/setup.routes.js';
import { schoolRoutes } from './http/routes/school.routes.js';
import { peopleRoutes } from './http/routes/people.routes.js';
import { rosterRoutes } from './http/routes/roster.routes.js';
import { curriculumRoutes } from './http/routes/curriculum.routes.js';
import { questionRoutes } from './http/routes/questions.routes.js';
import { auditRoutes } from './http/routes/audit.routes.js';
import { systemRoutes } from './http/routes/system.routes.js';
import { homeRoutes } from './http/routes/home.routes.js';
import { devicesRoutes } from './http/routes/devices.routes.js';
import { decisionRoutes } from './http/routes/decisions.routes.js';
import { liveLessonRoutes } from './http/routes/live-lessons.routes.js';
import { camerasRoutes } from './http/routes/cameras.routes.js';
import { kioskRoutes, kioskSessionGuard } from './http/routes/kiosk.routes.js';
import { h5pRoutes } from './http/routes/h5p.routes.js';
import { h5pEditorRoutes } from './http/routes/h5p-editor.routes.js';
import { materialsRoutes } from './http/routes/materials.routes.js';
import { qaRoutes } from './http/routes/qa.routes.js';
import { progressRoutes } from './http/routes/progress.routes.js';
import { reportsRoutes } from './http/routes/reports.routes.js';
import { dashboardRoutes } from './http/routes/dashboard.routes.js';
import { parentsRoutes } from './http/routes/parents.routes.js';
import { disclosureRoutes } from './http/routes/disclosure.routes.js';
import { noticeRoutes } from './http/routes/notices.routes.js';
import { teachingPlanRoutes } from './http/routes/teaching-plans.routes.js';
import { archiveRoutes } from './http/routes/archive.routes.js';

export interface AppOptions {
  services: Services;
  secureCookies: boolean;
  /** Built UI (dist/ui); when absent the API still works and / explains how to build it. */
  uiDir?: string | undefined;
  ca?: { certPath: string; fingerprintSha256: string; downloadUrl: string } | undefined;
  /** Largest accepted upload, in bytes. */
  maxUploadBytes?: number;
}

/**
 * The Phonghoc application as a Fastify plugin: the process entry (main.ts) and the tests both
 * register it, so what is tested is what runs.
 */
export const phonghocApp = fp(async function phonghoc(app: FastifyInstance, opts: AppOptions): Promise<void> {
  await app.register(errorsPlugin);
  await app.register(securityHeaders);
  await app.register(cookie);
  await app.register(rateLimit, { global: false, errorResponseBuilder: (_req, ctx) => Object.assign(new Error('rate limited'), { statusCode: ctx.statusCode }) });
  await app.register(multipart, { limits: { fileSize: opts.maxUploadBytes ?? 10 * 1024 * 1024, files: 1, fields: 10, parts: 12 } });
  await app.register(websocket, { options: { maxPayload: 64 * 1024 } });
  await app.register(swagger, {
    openapi: {
      info: { title: 'Phonghoc API', description: 'Hệ thống dạy học trực tuyến theo Thông tư 09/2021/TT-BGDĐT', version: '0.1.0' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'phonghoc_session' } } },
    },
  });
  await app.register(authPlugin, { accounts: opts.services.accounts, peerToken: opts.services.peerToken });
  // Right after authentication: kiosk sessions (PIN, QR) end after their short idle timeout.
  await app.register(kioskSessionGuard, { kiosk: opts.services.kiosk });

  app.get('/api/docs/json', { schema: { hide: true }, config: { access: 'public' } }, () => app.swagger());

  const deps = { services: opts.services, secureCookies: opts.secureCookies };
  await app.register(systemRoutes, { services: opts.services, ca: opts.ca });
  await app.register(setupRoutes, deps);
  await app.register(authRoutes, deps);
  await app.register(homeRoutes, deps);
  await app.register(schoolRoutes, deps);
  await app.register(peopleRoutes, deps);
  await app.register(rosterRoutes, deps);
  await app.register(auditRoutes, deps);
  await app.register(devicesRoutes, deps);
  await app.register(decisionRoutes, deps);
  await app.register(liveLessonRoutes, deps);
  await app.register(camerasRoutes, deps);
  await app.register(kioskRoutes, deps);
  await app.register(curriculumRoutes, deps);
  await app.register(questionRoutes, deps);
  await app.register(materialsRoutes, deps);
  await app.register(qaRoutes, deps);
  await app.register(progressRoutes, deps);
  await app.register(reportsRoutes, deps);
  await app.register(dashboardRoutes, deps);
  await app.register(parentsRoutes, deps);
  await app.register(disclosureRoutes, deps);
  await app.register(liveSignalingRoutes, { live: opts.services.liveRooms });
  await app.register(recordingRoutes, deps);
  await app.register(settingsRoutes, deps);
  await app.register(systemActionRoutes, deps);
  await app.register(taskRoutes, deps);
  await app.register(quizRoutes, deps);
  await app.register(gradebookRoutes, deps);
  await app.register(h5pRoutes, deps);
  await app.register(h5pEditorRoutes, deps);
  await app.register(schoolBoxesRoutes, deps);
  await app.register(backupRoutes, deps);
  await app.register(noticeRoutes, deps);
  await app.register(teachingPlanRoutes, deps);
  await app.register(archiveRoutes, deps);

  await registerUi(app, opts.uiDir);
}, { name: 'phonghoc' });

/** Serves the built Lit UI; unknown non-API paths get index.html so the UI's router handles them. */
async function registerUi(app: FastifyInstance, uiDir: string | undefined) {
  const index = uiDir ? path.join(uiDir, 'index.html') : undefined;
  if (!uiDir || !index || !fs.existsSync(index)) {
    app.get('/', { schema: { hide: true } }, (_req, reply) =>
      reply.type('text/html; charset=utf-8').send('<!doctype html><meta charset="utf-8"><title>Phonghoc</title><p>Giao diện chưa được build: chạy <code>npm run build</code>. / The UI is not built: run <code>npm run build</code>.</p>'));
    return;
  }
  await app.register(fastifyStatic, { root: uiDir, prefix: '/', wildcard: false, index: ['index.html'], cacheControl: true, maxAge: '1h' });
  const html = fs.readFileSync(index);
  // Client-side routes (/dang-nhap, /lop/12…) get the UI's index.html; unknown API paths stay 404.
  app.get('/*', { schema: { hide: true } }, (req, reply) => {
    if (req.url.startsWith('/api/')) return reply.status(404).send(errorBody('NOT_FOUND', { path: req.url.split('?')[0] }));
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(html);
  });
}
