import fs from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { Services } from '../../services.js';
import { buildCaInstallGuide } from '../../tls/ca-install-guide.js';

const Health = Type.Object({
  status: Type.Union([Type.Literal('ok'), Type.Literal('degraded')]),
  version: Type.String(),
  uptimeSeconds: Type.Number(),
  database: Type.Object({ ok: Type.Boolean(), dialect: Type.String(), latencyMs: Type.Number() }),
  disk: Type.Object({ ok: Type.Boolean(), freeBytes: Type.Number(), totalBytes: Type.Number(), freePercent: Type.Number() }),
  media: Type.Object({ ok: Type.Boolean(), workerBinary: Type.Boolean(), linkedOpenSsl: Type.Union([Type.String(), Type.Null()]) }),
  schoolSetUp: Type.Boolean(),
  liveLessons: Type.Integer({ minimum: 0 }),
});

/** Health (for the IT console, balena and the quick start), and the CA certificate for LAN HTTPS. */
export async function systemRoutes(app: FastifyInstance, { services, ca }: { services: Services; ca: { certPath: string; fingerprintSha256: string; downloadUrl: string } | undefined }) {
  app.get('/api/health', {
    schema: { tags: ['system'], summary: 'Tình trạng hệ thống: cơ sở dữ liệu, ổ đĩa, máy chủ media', response: { 200: Health, 503: Health } },
    config: { access: 'public' },
  }, async (_req, reply) => {
    const h = await services.health.check();
    return reply.status(h.status === 'ok' ? 200 : 503).send(h);
  });

  app.get('/api/ca.crt', {
    schema: { tags: ['system'], summary: 'Chứng chỉ gốc (CA) của thiết bị để cài lên máy học sinh' },
    config: { access: 'public' },
  }, async (_req, reply) => {
    if (!ca || !fs.existsSync(ca.certPath)) return reply.status(404).send({ error: { code: 'NOT_FOUND', message: { vi: 'Thiết bị chưa tạo chứng chỉ.', en: 'No certificate has been created.' } } });
    return reply
      .type('application/x-x509-ca-cert')
      .header('content-disposition', 'attachment; filename="phonghoc-ca.crt"')
      .send(fs.readFileSync(ca.certPath));
  });

  app.get('/api/ca/guide', {
    schema: { tags: ['system'], summary: 'Hướng dẫn cài chứng chỉ gốc trên điện thoại và máy tính' },
    config: { access: 'public' },
  }, () => buildCaInstallGuide(ca ? { downloadUrl: ca.downloadUrl, fingerprintSha256: ca.fingerprintSha256 } : {}));
}
