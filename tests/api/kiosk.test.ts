import t from 'tap';
import Fastify, { type FastifyInstance, type LightMyRequestResponse } from 'fastify';
import { phonghocApp } from '../../server/src/app.js';
import { buildServices, type Services } from '../../server/src/services.js';
import { seedDemoSchool } from '../../server/src/db/seed-demo.js';
import { DEMO_PASSWORD, DEMO_PRINCIPAL_ID, DEMO_STUDENT_ID, DEMO_TEACHER_ID } from '../../server/src/domain/demo/demo-school.js';
import { createTestDatabase, dialects, type Dialect, type TestDatabase } from '../helpers/db.js';
import { loginClient, type Client } from '../helpers/app.js';
import { scheduleLessonNow } from '../helpers/live.js';

/**
 * Quick sign-in at the kiosk: PIN (set with the password, loopback only, locked after five wrong
 * PINs), kiosk sessions with their short idle timeout enforced by the server, and the QR code
 * approved from the teacher's phone (one use, two minutes). The kiosk's clock is injected so
 * time can pass without waiting. Both dialects.
 */
const LAN = '192.168.1.50';
const PHONE = '192.168.1.77';

interface KioskApp {
  app: FastifyInstance;
  services: Services;
  database: TestDatabase;
  /** Moves the kiosk service's clock forward. */
  advance(ms: number): void;
  resetClock(): void;
}

async function buildKioskApp(t: { teardown(fn: () => unknown): void }, dialect: Dialect): Promise<KioskApp> {
  const database = await createTestDatabase(dialect);
  let offset = 0;
  const services = buildServices(
    { dataDir: database.dataDir, sessionIdleMinutes: 60, kioskIdleMinutes: 10, publicHostname: 'phonghoc.local', https: { host: '0.0.0.0', port: 8443 } },
    database.db, undefined, { kioskClock: () => new Date(Date.now() + offset) },
  );
  await seedDemoSchool(database.db.knex, services.hasher, { classesPerGrade: 2, studentsPerClass: 8 });
  const app = Fastify({ logger: false });
  await app.register(phonghocApp, { services, secureCookies: false });
  await app.ready();
  t.teardown(async () => {
    await app.close();
    await services.liveRooms.close();
    await database.cleanup();
  });
  return { app, services, database, advance: (ms) => { offset += ms; }, resetClock: () => { offset = 0; } };
}

/** The cookie a reply set, as a Cookie header. */
const cookieOf = (res: LightMyRequestResponse) => res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
const code = (res: LightMyRequestResponse) => (res.json() as { error?: { code: string } }).error?.code ?? String(res.statusCode);

for (const dialect of dialects()) {
  t.test(`kiosk quick sign-in on ${dialect}`, async (t) => {
    const { app, services, database, advance, resetClock } = await buildKioskApp(t, dialect);
    const knex = database.db.knex;
    const teacher = await loginClient(app, DEMO_TEACHER_ID, DEMO_PASSWORD);
    const pinLogin = (login: string, pin: string, remoteAddress = '127.0.0.1') =>
      app.inject({ method: 'POST', url: '/api/kiosk/pin-login', payload: { login, pin }, remoteAddress });

    await t.test('a teacher sets a PIN at the kiosk with the current password', async (t) => {
      const set = (pin: string, currentPassword = DEMO_PASSWORD, remoteAddress?: string) =>
        teacher.request({ method: 'POST', url: '/api/kiosk/pin', payload: { currentPassword, pin }, ...(remoteAddress ? { remoteAddress } : {}) });
      t.equal(code(await set('2580', 'wrong-password')), 'INVALID_CREDENTIALS');
      for (const weak of ['1234', '1111', '98765', '12a4', '123', '1234567']) t.equal(code(await set(weak)), 'KIOSK_PIN_WEAK', weak);
      t.equal(code(await set('2580', DEMO_PASSWORD, LAN)), 'KIOSK_ONLY_ON_THE_BOX', 'not from the LAN');
      t.equal((await set('2580')).statusCode, 200);
      t.same((await teacher.request({ url: '/api/kiosk/pin' })).json(), { set: true, locked: false });
      const row = await knex('kiosk_pins').first();
      t.match(row.pin_hash, /^\$argon2id\$/, 'hashed with the password hasher');
      t.notMatch(JSON.stringify(row), /2580/);
      const student = await loginClient(app, DEMO_STUDENT_ID, DEMO_PASSWORD);
      t.equal((await student.request({ method: 'POST', url: '/api/kiosk/pin', payload: { currentPassword: DEMO_PASSWORD, pin: '2580' } })).statusCode, 403, 'students have no kiosk PIN');
    });

    let kioskCookie = '';
    await t.test('PIN sign-in works only from the box itself and opens a kiosk session', async (t) => {
      const lan = await pinLogin(DEMO_TEACHER_ID, '2580', LAN);
      t.equal(lan.statusCode, 403);
      t.equal(code(lan), 'KIOSK_ONLY_ON_THE_BOX');
      t.equal(lan.cookies.length, 0, 'no cookie');
      const ok = await pinLogin(DEMO_TEACHER_ID, '2580');
      t.equal(ok.statusCode, 200, ok.body);
      t.match(ok.json(), { login: DEMO_TEACHER_ID, kioskIdleMinutes: 10 });
      t.ok((ok.json().roles as string[]).includes('teacher'));
      kioskCookie = cookieOf(ok);
      t.equal((await app.inject({ url: '/api/auth/me', headers: { cookie: kioskCookie } })).statusCode, 200, 'the session works');
      t.match(await knex('kiosk_sessions').first(), { method: 'pin' });
      t.equal(code(await pinLogin('KHONGCOAI01', '2580')), 'INVALID_CREDENTIALS', 'unknown login');
      t.equal(code(await pinLogin(DEMO_STUDENT_ID, '2580')), 'INVALID_CREDENTIALS', 'no PIN set');
      t.equal(Number((await knex('kiosk_pins').first()).failed_attempts), 0, 'the LAN attempt counted nothing');
    });

    await t.test('five wrong PINs lock the PIN; the full password is then needed', async (t) => {
      const principal = await loginClient(app, DEMO_PRINCIPAL_ID, DEMO_PASSWORD);
      t.equal((await principal.request({ method: 'POST', url: '/api/kiosk/pin', payload: { currentPassword: DEMO_PASSWORD, pin: '731946' } })).statusCode, 200);
      for (let i = 1; i <= 4; i++) {
        const res = await pinLogin(DEMO_PRINCIPAL_ID, '000001');
        t.equal(res.statusCode, 401);
        t.match(res.json(), { error: { code: 'INVALID_CREDENTIALS', details: { attemptsLeft: 5 - i } } });
      }
      const fifth = await pinLogin(DEMO_PRINCIPAL_ID, '000001');
      t.equal(fifth.statusCode, 423);
      t.equal(code(fifth), 'KIOSK_PIN_LOCKED');
      t.equal(code(await pinLogin(DEMO_PRINCIPAL_ID, '731946')), 'KIOSK_PIN_LOCKED', 'even the right PIN');
      t.same((await principal.request({ url: '/api/kiosk/pin' })).json(), { set: true, locked: true });
      const full = await loginClient(app, DEMO_PRINCIPAL_ID, DEMO_PASSWORD);
      t.ok(full.cookie, 'the full password still works');
      t.equal((await full.request({ method: 'POST', url: '/api/kiosk/pin', payload: { currentPassword: DEMO_PASSWORD, pin: '731946' } })).statusCode, 200, 'setting the PIN again unlocks it');
      t.equal((await pinLogin(DEMO_PRINCIPAL_ID, '731946')).statusCode, 200);
      const actions = (await knex('audit_log').where('action', 'like', 'kiosk.pin%').pluck('action')) as string[];
      for (const a of ['kiosk.pin_set', 'kiosk.pin_login', 'kiosk.pin_login_failed', 'kiosk.pin_locked']) t.ok(actions.includes(a), a);

      // A new password retires the PIN with the old one.
      t.equal((await full.request({ method: 'POST', url: '/api/auth/password', payload: { currentPassword: DEMO_PASSWORD, newPassword: 'Moi-mat-khau-2026' } })).statusCode, 200);
      t.match((await pinLogin(DEMO_PRINCIPAL_ID, '731946')).json(), { error: { code: 'KIOSK_PIN_LOCKED', details: { reason: 'password_changed' } } });
    });

    await t.test('the kiosk session ends after its idle timeout; ordinary sessions do not', async (t) => {
      const me = () => app.inject({ url: '/api/auth/me', headers: { cookie: kioskCookie } });
      advance(5 * 60_000);
      t.equal((await me()).statusCode, 200, 'after 5 minutes');
      advance(9 * 60_000);
      t.equal((await me()).statusCode, 200, '9 minutes after the last request (activity keeps it alive)');
      advance(10 * 60_000 + 1000);
      const idle = await me();
      t.equal(idle.statusCode, 401);
      t.match(idle.json(), { error: { code: 'UNAUTHENTICATED', details: { reason: 'kiosk_idle' } } });
      t.equal((await me()).statusCode, 401, 'and stays ended');
      t.same((await app.inject({ url: '/api/auth/session', headers: { cookie: kioskCookie } })).json(), { signedIn: false }, 'public routes see no one');
      t.equal(Number((await knex('kiosk_sessions').where('method', 'pin').where('account_id', (await knex('accounts').where('login', DEMO_TEACHER_ID).first()).id).count({ n: '*' }).first())?.n), 0, 'the session is deleted');
      t.equal((await teacher.request({ url: '/api/auth/me' })).statusCode, 200, 'the teacher’s password session is not a kiosk session');
      t.equal(Number((await knex('audit_log').where('action', 'kiosk.session_idle_ended').count({ n: '*' }).first())?.n), 1, 'audited');
      resetClock();
    });

    await t.test('QR code: the kiosk asks, the phone approves, the kiosk receives its session once', async (t) => {
      t.equal(code(await app.inject({ method: 'POST', url: '/api/kiosk/qr', remoteAddress: LAN })), 'KIOSK_ONLY_ON_THE_BOX');
      const created = await app.inject({ method: 'POST', url: '/api/kiosk/qr' });
      t.equal(created.statusCode, 200, created.body);
      const { id, secret, expiresAt, url } = created.json() as { id: string; secret: string; expiresAt: string; url: string };
      t.equal(url, `https://phonghoc.local:8443/dang-nhap-kiosk?c=${id}&s=${secret}`);
      t.ok(Math.abs(Date.parse(expiresAt) - Date.now() - 120_000) < 5000, 'valid two minutes');
      t.notMatch(JSON.stringify(await knex('kiosk_qr_challenges').where({ id }).first()), secret, 'the secret is stored hashed');

      const poll = (remoteAddress = '127.0.0.1') => app.inject({ url: `/api/kiosk/qr/${id}`, remoteAddress });
      t.same((await poll()).json(), { status: 'pending', expiresAt });

      const phone = await loginClient(app, DEMO_TEACHER_ID, DEMO_PASSWORD, PHONE);
      const approve = (c: Client, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
        c.request({ method: 'POST', url: `/api/kiosk/qr/${id}/approve`, payload: body, remoteAddress: PHONE, headers });
      t.equal(code(await approve(phone, { secret: 'not-the-secret' })), 'KIOSK_QR_INVALID');
      t.equal(code(await approve(phone, { secret }, { 'x-csrf-token': 'forged' })), 'CSRF_INVALID', 'CSRF-protected');
      const student = await loginClient(app, DEMO_STUDENT_ID, DEMO_PASSWORD, PHONE);
      t.equal(code(await approve(student, { secret })), 'FORBIDDEN', 'teachers and the principal only');
      t.equal((await approve(phone, { secret })).statusCode, 200);
      t.equal(code(await approve(phone, { secret })), 'KIOSK_QR_USED', 'approved once');

      t.equal(code(await poll(LAN)), 'KIOSK_ONLY_ON_THE_BOX', 'the LAN cannot collect it');
      const got = await poll();
      t.equal(got.statusCode, 200, got.body);
      t.match(got.json(), { status: 'approved', me: { login: DEMO_TEACHER_ID, kioskIdleMinutes: 10 } });
      const cookie = cookieOf(got);
      t.ok(cookie, 'the kiosk received its session cookie');
      t.equal((await app.inject({ url: '/api/auth/me', headers: { cookie } })).json().login, DEMO_TEACHER_ID);
      t.ok(await knex('kiosk_sessions').where('method', 'qr').first(), 'a kiosk session');
      t.equal(code(await poll()), 'KIOSK_QR_USED', 'one use');
      const actions = (await knex('audit_log').where('entity', 'kiosk_qr').where('entity_id', id).orderBy('id').pluck('action')) as string[];
      t.same(actions, ['kiosk.qr_created', 'kiosk.qr_refused', 'kiosk.qr_approved', 'kiosk.qr_login']);
    });

    await t.test('QR code: expiry, a late collection, unknown and malformed ids', async (t) => {
      const phone = await loginClient(app, DEMO_TEACHER_ID, DEMO_PASSWORD, PHONE);
      const first = (await app.inject({ method: 'POST', url: '/api/kiosk/qr' })).json() as { id: string; secret: string };
      advance(2 * 60_000 + 1000);
      t.equal(code(await app.inject({ url: `/api/kiosk/qr/${first.id}` })), 'KIOSK_QR_EXPIRED', 'the kiosk sees it expired');
      const late = await phone.request({ method: 'POST', url: `/api/kiosk/qr/${first.id}/approve`, payload: { secret: first.secret }, remoteAddress: PHONE });
      t.equal(late.statusCode, 410);
      t.equal(code(late), 'KIOSK_QR_EXPIRED', 'too late to approve');
      resetClock();

      const second = (await app.inject({ method: 'POST', url: '/api/kiosk/qr' })).json() as { id: string; secret: string };
      t.equal((await phone.request({ method: 'POST', url: `/api/kiosk/qr/${second.id}/approve`, payload: { secret: second.secret }, remoteAddress: PHONE })).statusCode, 200);
      advance(61_000);
      t.equal(code(await app.inject({ url: `/api/kiosk/qr/${second.id}` })), 'KIOSK_QR_EXPIRED', 'an approval not collected within a minute lapses');
      resetClock();

      t.equal((await app.inject({ url: '/api/kiosk/qr/AAAAAAAAAAAAAAAA' })).statusCode, 404);
      t.equal((await app.inject({ url: '/api/kiosk/qr/999999' })).statusCode, 400);
      t.equal((await phone.request({ method: 'POST', url: '/api/kiosk/qr/AAAAAAAAAAAAAAAA/approve', payload: { secret: 'x' }, remoteAddress: PHONE })).statusCode, 404);
    });

    await t.test('the lesson to open now', async (t) => {
      t.same((await teacher.request({ url: '/api/kiosk/today' })).json(), { lesson: null, next: null }, 'nothing scheduled yet');
      const { lessonId } = await scheduleLessonNow(teacher, { className: '6A1' });
      const today = (await teacher.request({ url: '/api/kiosk/today' })).json();
      t.match(today, { lesson: { id: lessonId, myRole: 'teacher', className: '6A1', status: 'scheduled' } });
      const principal = await loginClient(app, DEMO_PRINCIPAL_ID, 'Moi-mat-khau-2026');
      t.same((await principal.request({ url: '/api/kiosk/today' })).json(), { lesson: null, next: null }, 'observing is not teaching');
      advance(60 * 60_000);
      t.equal((await teacher.request({ url: '/api/kiosk/today' })).json().lesson, null, 'an hour later the slot is over');
      resetClock();
    });
  });
}
