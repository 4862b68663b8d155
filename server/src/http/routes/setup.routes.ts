import type { FastifyInstance } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import { Gender, IsoDate, Nullable } from '../../contracts/common.schema.js';
import { SchoolBody, SchoolYearBody } from '../../contracts/school.schema.js';
import type { Services } from '../../services.js';
import { DomainError } from '../../domain/shared/errors.js';

const FirstRunBody = Type.Object({
  school: SchoolBody,
  schoolYear: Type.Optional(SchoolYearBody),
  principal: Type.Object({
    personalId: Type.String({ minLength: 6, maxLength: 40 }),
    fullName: Type.String({ minLength: 3, maxLength: 150 }),
    gender: Nullable(Gender),
    birthDate: Nullable(IsoDate),
    phone: Nullable(Type.String({ maxLength: 30 })),
    email: Nullable(Type.String({ maxLength: 200, format: 'email' })),
    password: Type.String({ minLength: 1, maxLength: 200 }),
  }, { additionalProperties: false }),
}, { additionalProperties: false });

export async function setupRoutes(app: FastifyInstance, { services }: { services: Services }) {
  app.get('/api/setup/status', {
    schema: { tags: ['setup'], summary: 'Nhà trường đã được khởi tạo chưa', response: { 200: Type.Object({ setUp: Type.Boolean(), schoolName: Nullable(Type.String()) }) } },
    config: { access: 'public' },
  }, () => services.setup.status());

  // Open only until the school exists: the service refuses a second run.
  app.post<{ Body: Static<typeof FirstRunBody> }>('/api/setup', {
    schema: { tags: ['setup'], summary: 'Khởi tạo nhà trường và tài khoản hiệu trưởng (lần chạy đầu)', body: FirstRunBody, response: { 200: Type.Object({ schoolId: Type.Integer(), principalId: Type.Integer() }) } },
    config: { access: 'public', rateLimit: { max: 5, timeWindow: '1 minute' } },
  }, (req) => {
    // Art. 10.2: the first run happens at the kiosk (or the CLI), never from the LAN.
    if (!isLoopback(req.ip)) throw new DomainError('FORBIDDEN', { reason: 'first_run_only_on_the_box' });
    return services.setup.firstRun(req.body, req.ip);
  });
}

function isLoopback(ip: string): boolean {
  return ip === '127.0.0.1' || ip === '::1' || ip === '::ffff:127.0.0.1';
}
