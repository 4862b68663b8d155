import t from 'tap';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { DEMO_IT_ID, DEMO_PASSWORD } from '../../server/src/domain/demo/demo-school.js';
import { decodePairingCode, encodePairingCode } from '../../server/src/domain/boxes/pairing-code.js';

/**
 * Two real appliances (two data directories, two local CAs, HTTPS on loopback) paired the way an
 * IT person pairs the boxes of two teaching rooms: every box's essentials on one page, actions
 * run on the other box over HTTPS with its pinned CA, each audited on the box that acted.
 */
interface Session { cookie: string; csrf: string }

async function login(server: TestServer, loginId: string): Promise<Session> {
  const res = await fetch(`${server.baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: loginId, password: DEMO_PASSWORD }) });
  if (res.status !== 200) throw new Error(`login ${res.status} ${await res.text()}`);
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  return { cookie, csrf: ((await res.json()) as { csrfToken: string }).csrfToken };
}

function call(server: TestServer, s: Session | null, method: string, path: string, body?: unknown) {
  const headers: Record<string, string> = {};
  if (s) Object.assign(headers, { cookie: s.cookie, 'x-csrf-token': s.csrf });
  if (body !== undefined) headers['content-type'] = 'application/json';
  return fetch(`${server.baseUrl}${path}`, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
}

t.test('the IT console shows and drives every paired box', async (t) => {
  const roomA = await startTestServer(t, { ui: false, env: { PHONGHOC_HOSTNAME: 'phong-hoc-1' } });
  const roomB = await startTestServer(t, { ui: false, env: { PHONGHOC_HOSTNAME: 'phong-hoc-2' } });
  const itA = await login(roomA, DEMO_IT_ID);
  const itB = await login(roomB, DEMO_IT_ID);

  // Before pairing: only this box.
  let res = await call(roomA, itA, 'GET', '/api/boxes');
  t.equal(res.status, 200);
  let boxes = (await res.json()) as { self: boolean; name: string; essentials: { version: string } | null }[];
  t.equal(boxes.length, 1);
  t.ok(boxes[0]!.self && boxes[0]!.name === 'phong-hoc-1' && boxes[0]!.essentials?.version, 'this box first, with its essentials');

  res = await call(roomB, itB, 'GET', '/api/boxes/pairing-code');
  t.equal(res.status, 200);
  const { code } = (await res.json()) as { code: string };
  const decoded = decodePairingCode(code);
  t.match(decoded.url, /^https:\/\/127\.0\.0\.1:\d+$/);

  // The box-to-box API takes the peer token only: no token, a wrong one, or a session are refused.
  const peerUrl = `${decoded.url}/api/peer/essentials`;
  t.equal((await call(roomB, itB, 'GET', '/api/peer/essentials')).status, 401, 'a session is not a peer token');
  t.equal((await call(roomB, null, 'GET', '/api/peer/essentials')).status, 401);
  const badBearer = await fetch(`${roomB.baseUrl}/api/peer/essentials`, { headers: { authorization: 'Bearer wrong-token-wrong-token-wrong-token' } });
  t.equal(badBearer.status, 401);
  t.ok(peerUrl.startsWith('https://'));

  // A code whose fingerprint is not the other box's CA is refused (an impostor on the LAN).
  const forged = encodePairingCode({ ...decoded, caFingerprintSha256: decoded.caFingerprintSha256.replace(/^../, decoded.caFingerprintSha256.startsWith('AA') ? 'BB' : 'AA') });
  res = await call(roomA, itA, 'POST', '/api/boxes', { name: 'Giả mạo', code: forged });
  t.equal(res.status, 502);
  t.equal(((await res.json()) as { error: { code: string } }).error.code, 'BOX_CA_MISMATCH');
  res = await call(roomA, itA, 'POST', '/api/boxes', { name: 'Rác', code: 'PH1-bm90IGEgY29kZQ' });
  t.equal(res.status, 400);
  t.equal(((await res.json()) as { error: { code: string } }).error.code, 'PAIRING_CODE_INVALID');
  // Its own code is not another box.
  const ownCode = ((await (await call(roomA, itA, 'GET', '/api/boxes/pairing-code')).json()) as { code: string }).code;
  res = await call(roomA, itA, 'POST', '/api/boxes', { name: 'Chính nó', code: ownCode });
  t.equal(((await res.json()) as { error: { code: string } }).error.code, 'PAIRING_WITH_SELF');

  // Pairing: A pins B's CA and reads B's essentials over HTTPS.
  res = await call(roomA, itA, 'POST', '/api/boxes', { name: 'Phòng học 2', code });
  t.equal(res.status, 200, await res.clone().text());
  const paired = (await res.json()) as { id: number; reachable: boolean; essentials: { boxName: string; schoolName: string } };
  t.ok(paired.reachable);
  t.equal(paired.essentials.boxName, 'phong-hoc-2');
  t.equal(paired.essentials.schoolName, 'Trường THCS Nguyễn Du');

  res = await call(roomA, itA, 'GET', '/api/boxes');
  boxes = (await res.json()) as typeof boxes;
  t.same(boxes.map((b) => [b.name, b.self]), [['phong-hoc-1', true], ['Phòng học 2', false]], 'all boxes on one page');
  const viewB = boxes[1] as unknown as { reachable: boolean; essentials: { uptimeSeconds: number; memoryUsedPct: number | null; cameras: unknown[]; recentProblems: unknown[] } };
  t.ok(viewB.reachable);
  t.ok(viewB.essentials.uptimeSeconds > 0 && viewB.essentials.memoryUsedPct !== null, 'uptime and health of the other box');

  // Actions on the other box: media restart runs there and is audited there with who asked.
  res = await call(roomA, itA, 'POST', `/api/boxes/${paired.id}/media/restart`, {});
  t.equal(res.status, 200, await res.clone().text());
  t.same(await res.json(), { ok: true, restarted: false }, 'no media workers were running: nothing to restart');
  // The kiosk restart needs balena on the other box: its refusal comes back as it is.
  res = await call(roomA, itA, 'POST', `/api/boxes/${paired.id}/kiosk/restart`, {});
  t.equal(res.status, 409);
  t.equal(((await res.json()) as { error: { code: string } }).error.code, 'NOT_ON_BALENA');
  res = await call(roomA, itA, 'GET', `/api/boxes/${paired.id}/logs`);
  t.equal(res.status, 200);
  t.match(res.headers.get('content-disposition') ?? '', /phonghoc-Ph-ng-h-c-2-|phonghoc-.*\.log/);
  const auditB = (await (await call(roomB, itB, 'GET', '/api/audit?limit=50')).json()) as { action: string; actorLogin: string | null }[];
  const remote = auditB.filter((a) => a.actorLogin?.startsWith('peer:'));
  t.ok(remote.some((a) => a.action === 'system.media_restarted' && a.actorLogin === `peer:${DEMO_IT_ID}@phong-hoc-1`), 'B audits the restart with the IT person of A');
  t.ok(remote.some((a) => a.action === 'system.logs_downloaded'));
  const auditA = (await (await call(roomA, itA, 'GET', '/api/audit?limit=50')).json()) as { action: string }[];
  t.ok(auditA.some((a) => a.action === 'boxes.paired') && auditA.some((a) => a.action === 'boxes.remote_media_restart'), 'A audits pairing and remote actions');

  // B rotates its code: A's old token stops working, and the console says so.
  t.equal((await call(roomB, itB, 'POST', '/api/boxes/pairing-code/rotate', {})).status, 200);
  boxes = (await (await call(roomA, itA, 'GET', '/api/boxes')).json()) as typeof boxes;
  const afterRotate = boxes[1] as unknown as { reachable: boolean; error: string };
  t.notOk(afterRotate.reachable);
  t.match(afterRotate.error, /pairing token/);

  // Pair again with the new code (replaces the old entry), then B goes off: the page still loads.
  const newCode = ((await (await call(roomB, itB, 'GET', '/api/boxes/pairing-code')).json()) as { code: string }).code;
  res = await call(roomA, itA, 'POST', '/api/boxes', { name: 'Phòng học 2', code: newCode });
  t.equal(res.status, 200);
  boxes = (await (await call(roomA, itA, 'GET', '/api/boxes')).json()) as typeof boxes;
  t.equal(boxes.length, 2, 'paired again: one entry, not two');
  await roomB.close();
  const t0 = Date.now();
  boxes = (await (await call(roomA, itA, 'GET', '/api/boxes')).json()) as typeof boxes;
  t.ok(Date.now() - t0 < 6000, 'a box that is off does not hold the page');
  t.notOk((boxes[1] as unknown as { reachable: boolean }).reachable);
  // Unpair.
  const id = (boxes[1] as unknown as { id: number }).id;
  t.equal((await call(roomA, itA, 'DELETE', `/api/boxes/${id}`)).status, 200);
  boxes = (await (await call(roomA, itA, 'GET', '/api/boxes')).json()) as typeof boxes;
  t.equal(boxes.length, 1);
  // A student cannot see the boxes.
  const student = await login(roomA, '79000701000000000001');
  t.equal((await call(roomA, student, 'GET', '/api/boxes')).status, 403);
});
