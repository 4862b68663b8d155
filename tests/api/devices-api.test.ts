import t from 'tap';
import net from 'node:net';
import { buildTestApp } from '../helpers/app.js';
import { dialects } from '../helpers/db.js';
import { DEMO_IT_ID, DEMO_PRINCIPAL_ID, DEMO_TEACHER_ID, DEMO_VICE_PRINCIPAL_ID } from '../../server/src/domain/demo/demo-school.js';
import { HealthPoller } from '../../server/src/domain/devices/health-poller.js';
import type { HealthCollectors } from '../../server/src/domain/devices/device.types.js';

/** Collectors with known values, so the history and the alerts the API returns are predictable. */
function knownCollectors(v: { load: (i: number) => number; availablePct: number; freePct: number; reachable: boolean }): HealthCollectors {
  let i = 0;
  return {
    cpuLoad: async () => ({ loadPct: v.load(i++), cores: 2 }),
    memory: async () => ({ totalBytes: 8e9, availableBytes: 8e7 * v.availablePct, availablePct: v.availablePct }),
    network: async () => ({ iface: 'eth0', rxBytesPerSec: 1000, txBytesPerSec: 500 }),
    diskIo: async () => ({ readBytesPerSec: 0, writeBytesPerSec: 0 }),
    temperature: async () => null,
    disks: async () => [{ mount: '/', fs: '/dev/sda1', type: 'ext4', sizeBytes: 1e11, availableBytes: v.freePct * 1e9, freePct: v.freePct }],
    mediaWorkers: async () => null,
    reachability: async (targets) => targets.map((x) => ({ id: x.id, reachable: v.reachable, rttMs: v.reachable ? 2 : null, error: v.reachable ? null : 'ETIMEDOUT' })),
    peripherals: async () => { throw new Error('unused'); },
  };
}

for (const dialect of dialects()) {
  t.test(`devices and health on ${dialect}`, async (t) => {
    const { app, login, services } = await buildTestApp(t, dialect, { demo: 'small' });
    const it = await login(DEMO_IT_ID);
    const principal = await login(DEMO_PRINCIPAL_ID);
    const vice = await login(DEMO_VICE_PRINCIPAL_ID);
    const teacher = await login(DEMO_TEACHER_ID);

    const camera = net.createServer((c) => c.destroy());
    await new Promise<void>((r) => camera.listen(0, '127.0.0.1', r));
    t.teardown(() => camera.close());
    const cameraPort = (camera.address() as net.AddressInfo).port;

    let cameraId = 0;
    let micId = 0;

    await t.test('IT staff keep the inventory; every change is audited', async (t) => {
      const res = await it.request({ method: 'POST', url: '/api/devices/inventory', payload: { kind: 'camera', name: '  Camera   bảng  ', model: 'Hikvision DS-2CD1023', serial: 'HK-001', location: 'Phòng học trực tuyến', host: '127.0.0.1', port: cameraPort } });
      t.equal(res.statusCode, 200, res.body);
      cameraId = res.json().id;
      const mic = await principal.request({ method: 'POST', url: '/api/devices/inventory', payload: { kind: 'microphone', name: 'Micro cài áo', serial: 'MIC-9' } });
      t.equal(mic.statusCode, 200, mic.body);
      micId = mic.json().id;

      const list = (await vice.request({ url: '/api/devices/inventory' })).json() as { id: number; kind: string; name: string; host: string | null; addedAt: string; retiredAt: string | null }[];
      t.same(list.map((d) => [d.kind, d.name]), [['camera', 'Camera bảng'], ['microphone', 'Micro cài áo']], 'names are tidied; sorted by kind');
      t.ok(list.every((d) => d.addedAt && d.retiredAt === null));
      t.same((await vice.request({ url: '/api/devices/inventory?kind=microphone' })).json().map((d: { id: number }) => d.id), [micId]);

      const upd = await it.request({ method: 'PUT', url: `/api/devices/inventory/${micId}`, payload: { kind: 'microphone', name: 'Micro cài áo', serial: 'MIC-9', location: 'Bục giảng', model: null } });
      t.equal(upd.statusCode, 200, upd.body);
      const detail = (await it.request({ url: `/api/devices/inventory/${micId}` })).json();
      t.equal(detail.location, 'Bục giảng');
      t.same(detail.alerts, []);

      const audit = (await it.request({ url: '/api/audit?action=device.' })).json() as { action: string; entityId: string; details: Record<string, unknown> }[];
      t.same(audit.map((a) => a.action).sort(), ['device.created', 'device.created', 'device.updated']);
      t.same(audit.find((a) => a.action === 'device.updated')!.details, { location: { from: null, to: 'Bục giảng' } }, 'the audit entry says what changed');
    });

    await t.test('validation, conflicts and permissions', async (t) => {
      const bad = async (payload: unknown) => it.request({ method: 'POST', url: '/api/devices/inventory', payload: payload as Record<string, unknown> });
      t.equal((await bad({})).statusCode, 400);
      t.equal((await bad({ kind: 'toaster', name: 'x' })).statusCode, 400);
      t.equal((await bad({ kind: 'camera', name: 'x', host: 'http://cam/' , port: 80 })).statusCode, 400, 'a URL is not a host');
      t.equal((await bad({ kind: 'camera', name: 'x', port: 70000 })).statusCode, 400);
      const half = await bad({ kind: 'camera', name: 'Camera lẻ', host: '192.168.1.30' });
      t.equal(half.statusCode, 400);
      t.match(half.json().error, { code: 'VALIDATION_FAILED', details: { fields: [{ field: '/port' }] } });
      const dup = await bad({ kind: 'camera', name: 'Camera khác', serial: 'HK-001' });
      t.equal(dup.statusCode, 409);
      t.equal(dup.json().error.code, 'CONFLICT');
      t.equal((await bad({ kind: 'display', name: 'Màn hình', serial: 'HK-001' })).statusCode, 200, 'the same serial on another kind is another device');
      t.equal((await it.request({ url: '/api/devices/inventory/999999' })).statusCode, 404);
      t.equal((await it.request({ method: 'PUT', url: '/api/devices/inventory/999999', payload: { kind: 'camera', name: 'x' } })).statusCode, 404);
      t.equal((await it.request({ method: 'POST', url: '/api/devices/inventory/999999/retire' })).statusCode, 404);

      t.equal((await vice.request({ method: 'POST', url: '/api/devices/inventory', payload: { kind: 'camera', name: 'x' } })).statusCode, 403, 'vice-principals read, they do not manage');
      t.equal((await teacher.request({ url: '/api/devices/inventory' })).statusCode, 403);
      t.equal((await teacher.request({ url: '/api/devices/health/now' })).statusCode, 403);
      t.equal((await app.inject({ url: '/api/devices/alerts' })).statusCode, 401);
    });

    await t.test('GET health/now: the real readings of this machine', async (t) => {
      const res = await vice.request({ url: '/api/devices/health/now' });
      t.equal(res.statusCode, 200, res.body);
      const now = res.json();
      t.ok(now.cpu.loadPct >= 0 && now.cpu.loadPct <= 100);
      t.ok(now.memory.totalBytes > 0);
      t.ok(now.disks.length > 0);
      t.ok(now.cpu.temperatureC === null || now.cpu.temperatureC > 0);
      t.equal(now.poller.running, false, 'the tests do not start the poller: readings are taken on request');
    });

    await t.test('history for charts, alerts, and a device with its health history', async (t) => {
      // Earlier today, a poller with known readings ran for 3 minutes inside one hour: CPU load 0, 10, …, 110; memory low; the camera unreachable.
      const start = Math.floor((Date.now() - 2 * 3_600_000) / 3_600_000) * 3_600_000 + 5 * 60_000;
      let clock = start;
      const v = { load: (i: number) => (i % 12) * 10, availablePct: 6, freePct: 40, reachable: false };
      const poller = new HealthPoller({ tx: services.tx, collectors: knownCollectors(v), clock: () => clock });
      for (let i = 0; i < 36; i++) { await poller.tick(); clock += 5_000; }
      await poller.stop();

      const iso = (ms: number) => new Date(ms).toISOString();
      const h = await vice.request({ url: `/api/devices/health/history?metric=cpu.load_pct&resolution=minute&from=${iso(start)}&to=${iso(start + 10 * 60_000)}` });
      t.equal(h.statusCode, 200, h.body);
      const hist = h.json();
      t.equal(hist.bucketSeconds, 60);
      t.same(hist.points.map((p: { at: string }) => p.at), [iso(start), iso(start + 60_000), iso(start + 120_000)]);
      t.same(hist.points[0], { at: iso(start), min: 0, avg: 55, max: 110, count: 12 });
      const hour = (await vice.request({ url: `/api/devices/health/history?metric=cpu.load_pct&resolution=hour&from=${iso(start - 3_600_000)}` })).json();
      t.equal(hour.points.reduce((n: number, p: { count: number }) => n + p.count, 0), 36, 'every sample is in the hour rows');
      const disk = (await vice.request({ url: `/api/devices/health/history?metric=${encodeURIComponent('disk.free_pct:/')}&from=${iso(start)}&to=${iso(start + 10 * 60_000)}` })).json();
      t.same(disk.points.map((p: { avg: number; count: number }) => [p.avg, p.count]), [[40, 1], [40, 1], [40, 1]], 'disks once a minute');
      t.same((await vice.request({ url: '/api/devices/health/history?metric=cpu.load_pct' })).json().points.length >= 0, true, 'defaults: the last hour by minute');

      t.equal((await vice.request({ url: '/api/devices/health/history' })).statusCode, 400, 'metric is required');
      t.equal((await vice.request({ url: '/api/devices/health/history?metric=DROP TABLE' })).statusCode, 400);
      t.equal((await vice.request({ url: '/api/devices/health/history?metric=cpu.load_pct&resolution=second' })).statusCode, 400);
      t.equal((await vice.request({ url: '/api/devices/health/history?metric=cpu.load_pct&from=yesterday' })).statusCode, 400);
      const inverted = await vice.request({ url: `/api/devices/health/history?metric=cpu.load_pct&from=${iso(start)}&to=${iso(start - 1)}` });
      t.equal(inverted.statusCode, 400);
      t.equal(inverted.json().error.code, 'INVALID_DATE_RANGE');

      const active = (await principal.request({ url: '/api/devices/alerts?active=true' })).json() as { rule: string; deviceId: number | null; severity: string; message: { vi: string; en: string }; clearedAt: string | null }[];
      t.same(active.map((a) => a.rule).sort(), ['device_offline', 'memory_low']);
      const offline = active.find((a) => a.rule === 'device_offline')!;
      t.equal(offline.deviceId, cameraId);
      t.match(offline.message.vi, /Camera "Camera bảng"/);
      t.match(active.find((a) => a.rule === 'memory_low')!.message, { vi: /Bộ nhớ sắp cạn: chỉ còn 6,0 %/, en: /Memory is running out: only 6\.0 %/ });

      const detail = (await it.request({ url: `/api/devices/inventory/${cameraId}` })).json();
      t.equal(detail.alerts.length, 1);
      t.equal(detail.reachability.hourly.length, 1);
      t.equal(detail.reachability.hourly[0].avg, 0, 'never reachable in that hour');
      t.equal((await it.request({ url: `/api/devices/alerts?deviceId=${cameraId}` })).json().length, 1);

      // Retiring the camera ends its alert; a retired device cannot be edited.
      const retired = await it.request({ method: 'POST', url: `/api/devices/inventory/${cameraId}/retire`, payload: { reason: 'Hỏng ống kính' } });
      t.equal(retired.statusCode, 200, retired.body);
      t.same((await principal.request({ url: '/api/devices/alerts?active=true' })).json().map((a: { rule: string }) => a.rule), ['memory_low']);
      t.equal((await principal.request({ url: '/api/devices/alerts?active=false' })).json().length, 1);
      const again = await it.request({ method: 'POST', url: `/api/devices/inventory/${cameraId}/retire`, payload: {} });
      t.equal(again.statusCode, 409);
      t.equal(again.json().error.code, 'DEVICE_RETIRED');
      t.equal((await it.request({ method: 'PUT', url: `/api/devices/inventory/${cameraId}`, payload: { kind: 'camera', name: 'x' } })).statusCode, 409);
      t.notOk((await it.request({ url: '/api/devices/inventory' })).json().some((d: { id: number }) => d.id === cameraId), 'retired devices leave the default list');
      const all = (await it.request({ url: '/api/devices/inventory?includeRetired=true' })).json() as { id: number; retiredAt: string | null; retireReason: string | null }[];
      t.match(all.find((d) => d.id === cameraId), { retireReason: 'Hỏng ống kính' });
      t.ok(all.find((d) => d.id === cameraId)!.retiredAt);
    });

    await t.test('the peripheral scan: shared for 30 s and rate limited', async (t) => {
      const first = await it.request({ url: '/api/devices/peripherals' });
      t.equal(first.statusCode, 200, first.body);
      const scan = first.json();
      t.ok(Array.isArray(scan.displays) && Array.isArray(scan.usb) && Array.isArray(scan.audio) && Array.isArray(scan.blockDevices));
      t.equal(scan.cached, false);
      const second = (await it.request({ url: '/api/devices/peripherals' })).json();
      t.equal(second.cached, true);
      t.equal(second.scannedAt, scan.scannedAt);
      const codes: number[] = [];
      for (let i = 0; i < 4; i++) codes.push((await it.request({ url: '/api/devices/peripherals' })).statusCode);
      t.same(codes, [200, 200, 429, 429], 'four per minute');
    });

    await t.test('empty bodies and unknown ids stop at 400/404, never 500 (as the route × role walk sends them)', async (t) => {
      const routes = app.routeAccess.filter((r) => r.url.startsWith('/api/devices/'));
      t.equal(routes.length, 9);
      for (const r of routes) {
        const res = await it.request({ method: r.method as 'GET', url: r.url.replace(/:id/g, '999999'), ...(r.method === 'GET' ? {} : { payload: {} }) });
        t.ok(res.statusCode < 500, `${r.method} ${r.url} → ${res.statusCode}`);
      }
    });
  });
}
