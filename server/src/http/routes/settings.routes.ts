import type { FastifyInstance } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import { Ok } from '../../contracts/common.schema.js';
import type { Services } from '../../services.js';
import { actorOf } from '../auth.plugin.js';

const RecordingSettings = Type.Object({
  allowed: Type.Boolean(),
  budgetGb: Type.Number({ exclusiveMinimum: 0, maximum: 10_000 }),
}, { additionalProperties: false });

/** The school's settings: whether lessons may be recorded on the box, and the disk they may use. */
export async function settingsRoutes(app: FastifyInstance, { services }: { services: Services }) {
  app.get('/api/settings/recording', {
    schema: { tags: ['settings'], summary: 'Cài đặt ghi hình buổi học', response: { 200: RecordingSettings } },
    config: { access: 'settings.read' },
  }, () => services.settings.recording());

  app.put<{ Body: Static<typeof RecordingSettings> }>('/api/settings/recording', {
    schema: { tags: ['settings'], summary: 'Hiệu trưởng cho phép hoặc tắt ghi hình, đặt dung lượng tối đa', body: RecordingSettings, response: { 200: Ok } },
    config: { access: 'settings.manage' },
  }, async (req) => {
    await services.settings.setRecording(actorOf(req), req.body);
    return { ok: true as const };
  });
}
