import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import https from 'node:https';
import t from 'tap';
import { DEMO_PASSWORD, DEMO_PRINCIPAL_ID } from '../../server/src/domain/demo/demo-school.js';

/**
 * The README's first line, minus the install: the compiled CLI seeds the demo school and the
 * compiled server starts on it. Health is ok, the OpenAPI document lists the routes, the
 * principal signs in, HTTPS works with the box's own CA, and bad configuration stops the start.
 */
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const dist = path.join(root, 'dist/server/src');

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

t.test('quick start on the compiled build', async (t) => {
  if (!fs.existsSync(path.join(dist, 'main.js'))) execFileSync('npm', ['run', 'build:server'], { cwd: root, stdio: 'inherit' });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'phonghoc-qs-'));
  t.teardown(() => fs.rmSync(dataDir, { recursive: true, force: true }));
  const [httpPort, httpsPort] = [await freePort(), await freePort()];
  const env = { ...process.env, PHONGHOC_DATA_DIR: dataDir, PHONGHOC_HTTP_PORT: String(httpPort), PHONGHOC_HTTPS_PORT: String(httpsPort), PHONGHOC_HOSTNAME: 'localhost', PHONGHOC_PUBLIC_ADDRESSES: '127.0.0.1', PHONGHOC_LOG_LEVEL: 'warn' };

  const seeded = execFileSync('node', [path.join(dist, 'cli.js'), 'demo'], { env, encoding: 'utf8' });
  t.match(seeded, /Trường THCS/);
  t.match(execFileSync('node', [path.join(dist, 'cli.js'), 'demo'], { env, encoding: 'utf8' }), /không tạo trường mẫu/, 'seeding twice leaves the school alone');

  const server = spawn('node', [path.join(dist, 'main.js')], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  t.teardown(() => { server.kill('SIGTERM'); });
  const base = `http://127.0.0.1:${httpPort}`;
  let health: Response | undefined;
  for (let i = 0; i < 100 && !health; i++) {
    health = await fetch(`${base}/api/health`).catch(() => undefined);
    if (!health) await new Promise((r) => setTimeout(r, 100));
  }
  t.equal(health?.status, 200);
  const h = (await health!.json()) as { status: string; media: { linkedOpenSsl: string } };
  t.equal(h.status, 'ok');
  t.equal(h.media.linkedOpenSsl, 'libssl.so.3');

  const docs = (await (await fetch(`${base}/api/docs/json`)).json()) as { paths: Record<string, unknown> };
  for (const p of ['/api/health', '/api/auth/login', '/api/classes', '/api/people', '/api/roster/{kind}/import']) t.ok(docs.paths[p], `OpenAPI lists ${p}`);

  const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: DEMO_PRINCIPAL_ID, password: DEMO_PASSWORD }) });
  t.equal(login.status, 200);
  t.ok(((await login.json()) as { roles: string[] }).roles.includes('principal'));

  // HTTPS on the LAN port, trusted through the CA the box created and offers for download.
  const ca = await (await fetch(`${base}/api/ca.crt`)).text();
  t.match(ca, /BEGIN CERTIFICATE/);
  const status = await new Promise<number>((resolve, reject) => {
    https.get({ host: '127.0.0.1', port: httpsPort, path: '/api/health', ca, servername: 'localhost' }, (res) => { res.resume(); resolve(res.statusCode ?? 0); }).on('error', reject);
  });
  t.equal(status, 200);

  // Bad configuration: the start stops and names the variable.
  try {
    execFileSync('node', [path.join(dist, 'main.js')], { env: { ...env, PHONGHOC_HTTPS_PORT: '70000' }, encoding: 'utf8', stdio: 'pipe' });
    t.fail('should not start');
  } catch (err) {
    const e = err as { status: number; stderr: string };
    t.equal(e.status, 78);
    t.match(e.stderr, /PHONGHOC_HTTPS_PORT/);
  }
});
