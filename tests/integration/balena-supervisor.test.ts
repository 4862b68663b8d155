import fs from 'node:fs';
import http from 'node:http';
import type net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import t from 'tap';
import { SupervisorClient, SupervisorError } from '../../appliance/src/balena/supervisor-client.js';
import { UpdateLock, UpdateLockError } from '../../appliance/src/balena/update-lock.js';

/**
 * The Supervisor API client against a local stand-in written here (node:http). A real balena
 * Supervisor only runs on a balenaOS device, so the stand-in checks what the real one checks (the
 * `apikey` query parameter on every endpoint but /ping), records each call, answers with the
 * documented shapes, and refuses a reboot (423) while the update lock file exists — which is how
 * the real Supervisor treats `/tmp/balena/updates.lock`.
 */

const API_KEY = 'test-supervisor-key-7f3a';
const APP_ID = '1934512';

interface Recorded {
  method: string;
  path: string;
  apikey: string | null;
  body: unknown;
}

async function fakeSupervisor(t: { teardown(fn: () => unknown): void }, lockPath: string) {
  const calls: Recorded[] = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (d: string) => { raw += d; });
    req.on('end', () => {
      const body = raw ? JSON.parse(raw) as unknown : undefined;
      calls.push({ method: req.method ?? '', path: url.pathname, apikey: url.searchParams.get('apikey'), body });
      const send = (status: number, payload: unknown) => {
        res.statusCode = status;
        if (typeof payload === 'string') res.end(payload);
        else { res.setHeader('content-type', 'application/json'); res.end(JSON.stringify(payload)); }
      };
      if (url.pathname === '/ping') return send(200, 'OK');
      if (url.searchParams.get('apikey') !== API_KEY) return send(401, 'Unauthorized');
      if (req.method === 'GET' && url.pathname === '/v1/device') {
        return send(200, { api_port: 48484, ip_address: '192.168.1.20', mac_address: '00:11:22:33:44:55', commit: '3e5f6a7b', status: 'Idle', download_progress: null, os_version: 'balenaOS 6.0.24', supervisor_version: '16.7.3', update_pending: false, update_downloaded: false, update_failed: false });
      }
      const restart = /^\/v2\/applications\/(\d+)\/restart-service$/.exec(url.pathname);
      if (req.method === 'POST' && restart) {
        if (restart[1] !== APP_ID) return send(404, 'Application not found');
        return send(200, 'OK');
      }
      if (req.method === 'POST' && url.pathname === '/v1/reboot') {
        const force = (body as { force?: boolean } | undefined)?.force === true;
        if (fs.existsSync(lockPath) && !force) return send(423, { Data: '', Error: 'Updates are locked' });
        return send(202, { Data: 'OK', Error: '' });
      }
      send(404, 'Not found');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  t.teardown(() => new Promise<void>((r) => server.close(() => r())));
  return { calls, address: `http://127.0.0.1:${(server.address() as net.AddressInfo).port}` };
}

function tmpLockPath(t: { teardown(fn: () => unknown): void }): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'phonghoc-lock-'));
  t.teardown(() => fs.rmSync(dir, { recursive: true, force: true }));
  return path.join(dir, 'balena', 'updates.lock');
}

t.test('off balena there is no client', async (t) => {
  t.equal(SupervisorClient.fromEnv({}), undefined);
  t.equal(SupervisorClient.fromEnv({ BALENA_SUPERVISOR_ADDRESS: 'http://127.0.0.1:48484' }), undefined);
});

t.test('device state, restarting the kiosk, rebooting', async (t) => {
  const lockPath = tmpLockPath(t);
  const sup = await fakeSupervisor(t, lockPath);
  const client = SupervisorClient.fromEnv({ BALENA_SUPERVISOR_ADDRESS: sup.address, BALENA_SUPERVISOR_API_KEY: API_KEY, BALENA_APP_ID: APP_ID }, { lockPath })!;
  t.ok(client);
  t.equal(await client.ping(), true);

  const device = await client.device();
  t.match(device, { status: 'Idle', os_version: 'balenaOS 6.0.24', update_pending: false });

  await client.restartService();
  t.same(sup.calls.at(-1), { method: 'POST', path: `/v2/applications/${APP_ID}/restart-service`, apikey: API_KEY, body: { serviceName: 'kiosk' } });

  t.same(await client.reboot(), { Data: 'OK', Error: '' });
  t.same(sup.calls.at(-1), { method: 'POST', path: '/v1/reboot', apikey: API_KEY, body: {} });
  t.same(sup.calls.map((c) => c.path), ['/ping', '/v1/device', `/v2/applications/${APP_ID}/restart-service`, '/v1/reboot']);
  t.ok(sup.calls.filter((c) => c.path !== '/ping').every((c) => c.apikey === API_KEY), 'the key on every call');
});

t.test('a wrong key is an error that does not repeat the key', async (t) => {
  const lockPath = tmpLockPath(t);
  const sup = await fakeSupervisor(t, lockPath);
  const client = new SupervisorClient({ address: sup.address, apiKey: 'wrong-key-123', appId: APP_ID, lockPath });
  const err = await client.device().catch((e: unknown) => e);
  t.ok(err instanceof SupervisorError);
  t.match(err, { status: 401, endpoint: '/v1/device' });
  t.notMatch((err as Error).message, /wrong-key-123/);
  const noApp = new SupervisorClient({ address: sup.address, apiKey: API_KEY, lockPath });
  await t.rejects(noApp.restartService(), /BALENA_APP_ID is not set/);
  const down = new SupervisorClient({ address: 'http://127.0.0.1:9', apiKey: API_KEY, lockPath, timeoutMs: 1000 });
  await t.rejects(down.device(), SupervisorError);
  t.equal(await down.ping(), false);
});

t.test('the update lock during lessons: reference-counted, and the Supervisor will not reboot', async (t) => {
  const lockPath = tmpLockPath(t);
  const sup = await fakeSupervisor(t, lockPath);
  const client = new SupervisorClient({ address: sup.address, apiKey: API_KEY, appId: APP_ID, lockPath });

  const s1 = await client.holdUpdateLock('lesson 41');
  t.match(s1, { holders: 1, owned: true });
  t.ok(fs.existsSync(lockPath), 'the lock file exists');
  t.match(JSON.parse(fs.readFileSync(lockPath, 'utf8')), { by: 'phonghoc', reasons: ['lesson 41'], pid: process.pid });

  const refused = await client.reboot().catch((e: unknown) => e);
  t.ok(refused instanceof SupervisorError && refused.locked, 'reboot refused with 423 while a lesson is live');

  await client.holdUpdateLock('lesson 42');
  await client.releaseUpdateLock('lesson 41');
  t.ok(fs.existsSync(lockPath), 'still locked: lesson 42 is live');
  t.same(client.updateLockState().reasons, ['lesson 42']);
  t.match(JSON.parse(fs.readFileSync(lockPath, 'utf8')), { reasons: ['lesson 42'] });

  await client.releaseUpdateLock('lesson 42');
  t.notOk(fs.existsSync(lockPath), 'released by the last lesson');
  t.same(await client.reboot(), { Data: 'OK', Error: '' }, 'now the reboot goes through');
  t.same(await client.releaseUpdateLock(), { holders: 0, reasons: [], owned: false, path: lockPath }, 'an extra release is harmless');
});

t.test('concurrent lessons starting and ending at once', async (t) => {
  const lockPath = tmpLockPath(t);
  const lock = new UpdateLock(lockPath);
  await Promise.all(Array.from({ length: 20 }, (_, i) => lock.hold(`lesson ${i}`)));
  t.equal(lock.state().holders, 20);
  await Promise.all(Array.from({ length: 19 }, (_, i) => lock.release(`lesson ${i}`)));
  t.ok(fs.existsSync(lockPath));
  await lock.release('lesson 19');
  t.notOk(fs.existsSync(lockPath));
});

t.test('lock files left by others', async (t) => {
  const lockPath = tmpLockPath(t);
  fs.mkdirSync(path.dirname(lockPath), { recursive: true });

  // Left by an earlier run of the appliance (crash, container restart): stale, taken over.
  fs.writeFileSync(lockPath, JSON.stringify({ by: 'phonghoc', token: 'an-earlier-process', pid: 1, since: '2026-01-01T00:00:00Z', reasons: ['lesson 7'] }));
  const lock = new UpdateLock(lockPath);
  t.match(await lock.hold('lesson 8'), { owned: true });
  t.match(JSON.parse(fs.readFileSync(lockPath, 'utf8')), { reasons: ['lesson 8'] });
  await lock.release();
  t.notOk(fs.existsSync(lockPath));

  // Someone else's lock (an operator, another service): respected, never removed by us.
  fs.writeFileSync(lockPath, '');
  const lock2 = new UpdateLock(lockPath);
  t.match(await lock2.hold('lesson 9'), { owned: false, holders: 1 });
  await lock2.release();
  t.ok(fs.existsSync(lockPath), 'the foreign lock stays');
  fs.rmSync(lockPath);

  // A lock directory we cannot write to: a clear error, and the count is unchanged.
  const blocked = path.join(path.dirname(lockPath), 'not-a-dir');
  fs.writeFileSync(blocked, 'x');
  const lock3 = new UpdateLock(path.join(blocked, 'updates.lock'));
  const err = await lock3.hold('lesson 10').catch((e: unknown) => e);
  t.ok(err instanceof UpdateLockError);
  t.match((err as Error).message, /cannot create the update lock/);
  t.equal(lock3.state().holders, 0);
});
