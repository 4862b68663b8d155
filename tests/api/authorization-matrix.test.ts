import t from 'tap';
import { buildTestApp, loginClient, type Client } from '../helpers/app.js';
import { dialects } from '../helpers/db.js';
import { can, type Action } from '../../server/src/domain/accounts/policy.js';
import type { Role } from '../../server/src/domain/people/person.types.js';
import { DEMO_PASSWORD, DEMO_PRINCIPAL_ID, DEMO_IT_ID, DEMO_TEACHER_ID, DEMO_STUDENT_ID, DEMO_PARENT_LOGIN, DEMO_VICE_PRINCIPAL_ID } from '../../server/src/domain/demo/demo-school.js';

/**
 * Walks every API route × every role (and anonymous) and checks that the HTTP layer enforces
 * the central policy: 401 without a session, 403 when the policy denies, anything else when it
 * allows. Writes are sent with an unknown id or an empty body so that allowed calls stop at
 * validation or "not found" and change nothing.
 */
const ANON = 'anonymous';

t.test('route × role matrix', async (t) => {
  const dialect = dialects()[0]!; // the HTTP policy does not depend on the dialect
  const { app, demo } = await buildTestApp(t, dialect, { demo: 'small' });
  const leader = demo!.subjectGroups.find((g) => g.leaderPersonalId !== DEMO_TEACHER_ID)!.leaderPersonalId;
  const users: Record<string, string> = {
    principal: DEMO_PRINCIPAL_ID, vice_principal: DEMO_VICE_PRINCIPAL_ID, group_leader: leader, teacher: DEMO_TEACHER_ID,
    it_staff: DEMO_IT_ID, student: DEMO_STUDENT_ID, parent: DEMO_PARENT_LOGIN,
  };

  let ip = 0;
  const fresh = async (login: string): Promise<{ client: Client; roles: Role[] }> => {
    ip++;
    const client = await loginClient(app, login, DEMO_PASSWORD, `10.1.${ip >> 8}.${ip & 255}`);
    const me = await client.request({ url: '/api/auth/me' });
    return { client, roles: me.json().roles as Role[] };
  };

  const routes = app.routeAccess.filter((r) => r.url !== '/api/auth/login');
  t.ok(routes.length >= 30, `${routes.length} routes are checked`);
  // The few routes that are public, on purpose.
  t.same(routes.filter((r) => r.access === 'public').map((r) => `${r.method} ${r.url}`).sort(), [
    'GET /api/auth/session', 'GET /api/ca.crt', 'GET /api/ca/guide', 'GET /api/docs/json', 'GET /api/health',
    // Kiosk quick sign-in: public routes that refuse anything not from the box itself (like the first run).
    'GET /api/kiosk/qr/:id', 'GET /api/setup/status', 'POST /api/kiosk/pin-login', 'POST /api/kiosk/qr', 'POST /api/setup',
    // The school's public disclosure of its online-teaching rules, plan and conditions (Art. 15.4): no sign-in, read only.
    'GET /api/public/disclosure', 'GET /api/public/disclosure/:section/:number',
  ].sort());

  const concrete = (url: string) => url.replace(':kind', 'students').replace(/:[A-Za-z]\w*/g, '999999');
  let checked = 0;
  for (const route of routes) {
    for (const who of [ANON, ...Object.keys(users)]) {
      const { client, roles } = who === ANON ? { client: undefined, roles: [] as Role[] } : await fresh(users[who]!);
      const inject = { method: route.method as 'GET', url: concrete(route.url), ...(route.method === 'GET' ? {} : { payload: {} }) };
      const res = client ? await client.request(inject) : await app.inject(inject);
      const code = res.statusCode;
      const label = `${route.method} ${route.url} as ${who} → ${code}`;
      if (route.access === 'public') t.notOk([401, 403].includes(code), label);
      // Box-to-box routes take only the peer token, never a session (tests/integration/school-boxes.test.ts).
      else if (route.access === 'peer') t.equal(code, 401, label);
      else if (who === ANON) t.equal(code, 401, label);
      else if (can(roles, route.access as Action)) t.notOk([401, 403].includes(code), label);
      else t.equal(code, 403, label);
      checked++;
    }
  }
  t.ok(checked >= routes.length * 8);

  // The policy itself, for the cells that matter most (so the walk above is not only self-consistent).
  t.notOk(can(['student'], 'people.read'), 'students do not browse other people');
  t.notOk(can(['parent'], 'school.read'), 'parents do not read the school structure');
  t.notOk(can(['teacher'], 'roster.import'), 'teachers do not import rosters');
  t.notOk(can(['teacher'], 'people.read_citizen_id'), 'teachers do not see citizen numbers');
  t.notOk(can(['it_staff'], 'school.manage'), 'IT staff do not change the school structure');
  t.ok(can(['principal'], 'audit.read'));
});
