import Fastify, { type FastifyInstance, type InjectOptions, type LightMyRequestResponse } from 'fastify';
import { phonghocApp } from '../../server/src/app.js';
import { buildServices, type Services } from '../../server/src/services.js';
import { seedDemoSchool } from '../../server/src/db/seed-demo.js';
import type { DemoSchool } from '../../server/src/domain/demo/demo-school.js';
import { DEMO_PASSWORD } from '../../server/src/domain/demo/demo-school.js';
import { createTestDatabase, type Dialect, type TestDatabase } from './db.js';

export interface TestApp {
  app: FastifyInstance;
  services: Services;
  database: TestDatabase;
  demo: DemoSchool | undefined;
  /** Signs in and returns a client that sends the cookie and CSRF token. */
  login(login: string, password?: string): Promise<Client>;
}

export interface Client {
  cookie: string;
  csrf: string;
  request(opts: InjectOptions): Promise<LightMyRequestResponse>;
}

interface Tap {
  teardown(fn: () => unknown): void;
}

/**
 * The real application (the same plugin main.ts registers) on a real database, driven with
 * fastify.inject. `demo: 'small'` seeds a demo school with fewer students for speed.
 */
export async function buildTestApp(t: Tap, dialect: Dialect, opts: { demo?: 'full' | 'small' | false } = {}): Promise<TestApp> {
  const database = await createTestDatabase(dialect);
  const services = buildServices({ dataDir: database.dataDir, sessionIdleMinutes: 60 }, database.db);
  let demo: DemoSchool | undefined;
  if (opts.demo) demo = await seedDemoSchool(database.db.knex, services.hasher, opts.demo === 'small' ? { classesPerGrade: 2, studentsPerClass: 8 } : {});
  const app = Fastify({ logger: false });
  await app.register(phonghocApp, { services, secureCookies: false });
  await app.ready();
  t.teardown(async () => {
    await app.close();
    await services.liveRooms.close();
    await database.cleanup();
  });
  return {
    app, services, database, demo,
    login: (login, password = DEMO_PASSWORD) => loginClient(app, login, password),
  };
}

export async function loginClient(app: FastifyInstance, login: string, password: string, remoteAddress?: string): Promise<Client> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { login, password }, ...(remoteAddress ? { remoteAddress } : {}) });
  if (res.statusCode !== 200) throw new Error(`login ${login} failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  const csrf = (res.json() as { csrfToken: string }).csrfToken;
  return {
    cookie, csrf,
    request: (o) => app.inject({ ...o, headers: { cookie, 'x-csrf-token': csrf, ...(o.headers ?? {}) } }),
  };
}
