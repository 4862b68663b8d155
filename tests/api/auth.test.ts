import t from 'tap';
import { buildTestApp } from '../helpers/app.js';
import { dialects } from '../helpers/db.js';
import { DEMO_PRINCIPAL_ID, DEMO_STUDENT_ID, DEMO_PASSWORD } from '../../server/src/domain/demo/demo-school.js';

for (const dialect of dialects()) {
  t.test(`accounts and sessions on ${dialect}`, async (t) => {
    const { app, login } = await buildTestApp(t, dialect, { demo: 'small' });

    await t.test('health answers ok', async (t) => {
      const res = await app.inject('/api/health');
      t.equal(res.statusCode, 200);
      t.equal(res.json().status, 'ok');
      t.equal(res.json().database.dialect, dialect);
    });

    await t.test('wrong password is refused with a bilingual error', async (t) => {
      const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { login: DEMO_PRINCIPAL_ID, password: 'nope-1234' } });
      t.equal(res.statusCode, 401);
      t.equal(res.json().error.code, 'INVALID_CREDENTIALS');
      t.match(res.json().error.message.vi, /mật khẩu/);
    });

    await t.test('the principal signs in; the cookie is http-only and strict', async (t) => {
      const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { login: DEMO_PRINCIPAL_ID.toLowerCase(), password: DEMO_PASSWORD } });
      t.equal(res.statusCode, 200);
      const c = res.cookies.find((x) => x.name === 'phonghoc_session');
      t.ok(c?.httpOnly);
      t.equal(c?.sameSite, 'Strict');
      t.ok(res.json().roles.includes('principal'));
    });

    await t.test('a write without the CSRF token is refused', async (t) => {
      const p = await login(DEMO_PRINCIPAL_ID);
      const res = await app.inject({ method: 'PUT', url: '/api/auth/language', headers: { cookie: p.cookie }, payload: { language: 'en' } });
      t.equal(res.statusCode, 403);
      t.equal(res.json().error.code, 'CSRF_INVALID');
      const ok = await p.request({ method: 'PUT', url: '/api/auth/language', payload: { language: 'en' } });
      t.equal(ok.statusCode, 200);
    });

    await t.test('five wrong passwords lock the account', async (t) => {
      for (let i = 0; i < 4; i++) {
        const r = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { login: DEMO_STUDENT_ID, password: `wrong-${i}x` }, remoteAddress: `10.0.0.${i + 1}` });
        t.equal(r.statusCode, 401);
      }
      const locked = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { login: DEMO_STUDENT_ID, password: 'wrong-5x' }, remoteAddress: '10.0.0.9' });
      t.equal(locked.statusCode, 423);
      const even = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { login: DEMO_STUDENT_ID, password: DEMO_PASSWORD }, remoteAddress: '10.0.0.10' });
      t.equal(even.statusCode, 423, 'the right password does not open a locked account');
    });

    await t.test('the login route is rate limited per address', async (t) => {
      const codes: number[] = [];
      for (let i = 0; i < 12; i++) {
        const r = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { login: 'NOBODY123', password: 'x' }, remoteAddress: '10.9.9.9' });
        codes.push(r.statusCode);
      }
      t.ok(codes.includes(429));
      const last = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { login: 'NOBODY123', password: 'x' }, remoteAddress: '10.9.9.9' });
      t.equal(last.json().error.code, 'RATE_LIMITED');
    });

    await t.test('reset → first login must change the password, then works', async (t) => {
      const p = await login(DEMO_PRINCIPAL_ID);
      const teacher = (await p.request({ url: '/api/people?role=teacher&limit=1' })).json().items[0];
      const reset = await p.request({ method: 'POST', url: `/api/people/${teacher.id}/reset-password` });
      t.equal(reset.statusCode, 200);
      const { login: tl, temporaryPassword } = reset.json();
      const c = await login(tl, temporaryPassword);
      const blocked = await c.request({ url: '/api/classes' });
      t.equal(blocked.json().error.code, 'PASSWORD_CHANGE_REQUIRED');
      const weak = await c.request({ method: 'POST', url: '/api/auth/password', payload: { currentPassword: temporaryPassword, newPassword: 'short' } });
      t.equal(weak.json().error.code, 'PASSWORD_TOO_WEAK');
      const ok = await c.request({ method: 'POST', url: '/api/auth/password', payload: { currentPassword: temporaryPassword, newPassword: 'Lop6A1-mua-thu' } });
      t.equal(ok.statusCode, 200);
      const me = await c.request({ url: '/api/auth/me' });
      t.equal(me.json().mustChangePassword, false);
      t.equal((await c.request({ url: '/api/classes' })).statusCode, 200);
    });

    await t.test('logout ends the session', async (t) => {
      const p = await login(DEMO_PRINCIPAL_ID);
      t.equal((await p.request({ method: 'POST', url: '/api/auth/logout' })).statusCode, 200);
      t.equal((await p.request({ url: '/api/auth/me' })).statusCode, 401);
    });

    await t.test('the audit log recorded who did what from where', async (t) => {
      const p = await login(DEMO_PRINCIPAL_ID);
      const entries = (await p.request({ url: '/api/audit?limit=200' })).json() as { action: string; ip: string | null; actorLogin: string | null }[];
      t.ok(entries.some((e) => e.action === 'account.password_reset' && e.actorLogin === DEMO_PRINCIPAL_ID));
      t.ok(entries.some((e) => e.action === 'auth.locked' && e.ip === '10.0.0.9'));
      t.ok(entries.some((e) => e.action === 'account.password_changed'));
    });
  });
}
