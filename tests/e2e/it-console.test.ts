import t from 'tap';
import type { Page } from 'playwright-core';
import { startTestServer } from '../helpers/server.js';
import { KIOSK, LAPTOP, launchBrowser, navTo, newPage, screenshot, signIn } from '../helpers/browser.js';
import { DEMO_IT_ID, DEMO_PASSWORD, DEMO_TEACHER_ID } from '../../server/src/domain/demo/demo-school.js';

/** Health history as the poller would have stored it: 30 closed minutes and 48 hours. */
const server = await startTestServer(t, {
  env: { PHONGHOC_DEMO_CAMERA: '1' },
  beforeStart: async (knex) => {
    const minute = Math.floor(Date.now() / 60_000) * 60_000;
    const hour = Math.floor(Date.now() / 3_600_000) * 3_600_000;
    const rows = [];
    for (let i = 1; i <= 30; i++) {
      const at = new Date(minute - i * 60_000).toISOString();
      rows.push({ metric: 'cpu.load_pct', resolution: 'minute', bucket_start: at, min: 10, avg: 20 + (i % 7) * 5, max: 60, count: 12 });
      rows.push({ metric: 'mem.available_pct', resolution: 'minute', bucket_start: at, min: 40, avg: 55 - (i % 5), max: 60, count: 12 });
    }
    for (let i = 1; i <= 48; i++) {
      rows.push({ metric: 'disk.free_pct:/', resolution: 'hour', bucket_start: new Date(hour - i * 3_600_000).toISOString(), min: 70, avg: 72 + i / 10, max: 75, count: 60 });
    }
    await knex('device_metric_buckets').insert(rows);
  },
});
const browser = await launchBrowser(t);

t.test('the IT staff member uses the console, the inventory and the cameras page', async (t) => {
  const { page, pageErrors } = await newPage(browser, server.baseUrl, LAPTOP);
  await signIn(page, DEMO_IT_ID);
  await navTo(page, 'Kỹ thuật');
  await page.waitForURL(/\/ky-thuat$/);
  await page.getByRole('heading', { name: 'Bảng điều khiển kỹ thuật' }).waitFor();

  const health = await (await fetch(`${server.baseUrl}/api/health`)).json() as { status: string; version: string };
  const status = page.locator('ph-it-console-page dl.facts');
  await status.waitFor();
  t.equal(await status.getAttribute('data-status'), health.status, 'the console shows the server\'s health status');
  t.equal(health.status, 'ok', 'the box is healthy');
  await t.resolves(page.getByText('Bình thường', { exact: true }).waitFor(), 'in Vietnamese');
  await t.resolves(page.locator('ph-it-console-page dd', { hasText: health.version }).first().waitFor(), 'with the version');

  const cpu = page.locator('ph-chart-line.cpu svg polyline');
  await cpu.waitFor();
  const points = ((await cpu.getAttribute('points')) ?? '').trim().split(/\s+/);
  t.equal(points.length, 30, 'the CPU chart draws one point per stored minute');
  t.equal(await page.locator('ph-chart-line.mem svg circle').count(), 30, 'memory too');
  t.ok(await page.locator('ph-chart-line.disk svg polyline').count() === 1, 'and the disk chart (hourly)');
  await page.locator('ph-chart-line.cpu').getByRole('button', { name: 'Xem bảng số liệu' }).click();
  t.equal(await page.locator('ph-chart-line.cpu tbody tr').count(), 30, 'the numbers are available as a table');
  await t.resolves(page.getByText('Camera bảng (mô phỏng)').first().waitFor(), 'the demo camera is listed');
  await t.resolves(page.locator('ph-it-console-page table').last().locator('tbody tr').first().waitFor(), 'the recent audit log is shown');
  await screenshot(page, 'it-console');

  // Inventory: add a microphone, then retire it.
  await page.goto('/thiet-bi');
  await page.getByRole('heading', { name: 'Thiết bị phòng học' }).waitFor();
  await page.getByRole('button', { name: 'Thêm thiết bị' }).click();
  await page.getByLabel('Loại').selectOption('microphone');
  await page.getByLabel('Tên', { exact: true }).fill('Micro cài áo phòng 12');
  await page.getByLabel('Số sê-ri').fill('MIC-0012');
  await page.getByLabel('Vị trí').fill('Phòng 12');
  await page.getByRole('button', { name: 'Lưu' }).click();
  const row = page.locator('tr', { hasText: 'Micro cài áo phòng 12' });
  await row.waitFor();
  t.match(await row.textContent(), /Micro[\s\S]*Đang sử dụng/, 'the new device is listed as a microphone in use');
  await screenshot(page, 'devices-inventory');
  page.once('dialog', (d) => void d.accept('Hỏng dây'));
  await row.getByRole('button', { name: 'Ngừng sử dụng' }).click();
  await row.waitFor({ state: 'detached' });
  t.pass('a retired device leaves the list');
  await page.getByLabel('Hiện cả thiết bị đã ngừng').check();
  await t.resolves(page.locator('tr', { hasText: 'Micro cài áo phòng 12' }).getByText(/Ngừng từ/).waitFor(), 'and shows as retired with retired ones');

  // Cameras: the demo camera with a snapshot.
  await page.goto('/camera');
  await page.getByRole('heading', { name: 'Camera', exact: true }).waitFor();
  const img = page.locator('ph-cameras-room-page img');
  await img.waitFor();
  await page.waitForFunction(() => {
    const el = (globalThis as unknown as { document: { querySelector(s: string): { shadowRoot: { querySelector(s: string): { complete: boolean; naturalWidth: number } | null } } | null } })
      .document.querySelector('ph-app')?.shadowRoot.querySelector('ph-cameras-room-page');
    const im = (el as unknown as { shadowRoot: { querySelector(s: string): { complete: boolean; naturalWidth: number } | null } } | null)?.shadowRoot.querySelector('img');
    return !!im && im.complete && im.naturalWidth > 0;
  }, undefined, { timeout: 15_000 });
  t.pass('the snapshot image loaded');
  await screenshot(page, 'cameras');
  t.same(pageErrors, [], 'no uncaught errors');
});

t.test('the teacher\'s device check at the kiosk shows the four checks', async (t) => {
  const { page, pageErrors } = await newPage(browser, server.baseUrl, KIOSK);
  await signIn(page, DEMO_TEACHER_ID);
  await page.goto('/kiem-tra-thiet-bi');
  await page.getByRole('heading', { name: 'Kiểm tra thiết bị', level: 1 }).waitFor();
  t.equal(await page.locator('ph-devices-check-page section.check').count(), 4, 'microphone, speakers, camera, display');
  for (const name of ['Micro', 'Loa', 'Camera', 'Màn hình']) await t.resolves(page.getByRole('heading', { name, exact: true }).waitFor(), name);
  await page.getByRole('button', { name: 'Xem hình camera' }).click();
  await page.waitForFunction(() => true);
  await page.getByRole('button', { name: 'Bật micro' }).click();
  await page.locator('ph-devices-check-page section[data-check=speaker]').getByRole('button', { name: /Tốt/ }).click();
  t.equal(await page.locator('ph-devices-check-page section.check.pass').count(), 1, 'a tapped pass is kept');
  for (const b of await page.locator('ph-devices-check-page .verdict button').all()) {
    const box = await b.boundingBox();
    t.ok(box && box.height >= 64, `verdict button ≥ 64px (${box?.height})`);
  }
  await page.waitForTimeout(800);
  await screenshot(page, 'device-check');
  await page.getByRole('button', { name: 'Hiện bảng màu thử' }).click();
  await page.locator('ph-devices-check-page canvas.pattern').waitFor();
  await page.waitForTimeout(300);
  await screenshot(page, 'device-check-pattern');
  t.same(pageErrors, []);
});

t.test('every box of the school on one page: pair a second box from the console and act on it', async (t) => {
  // A second teaching room's box (API only): its IT person gives its pairing code.
  const other = await startTestServer(t, { ui: false, env: { PHONGHOC_HOSTNAME: 'phong-hoc-2' } });
  const loginRes = await fetch(`${other.baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: DEMO_IT_ID, password: DEMO_PASSWORD }) });
  const cookie = loginRes.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const { code } = await (await fetch(`${other.baseUrl}/api/boxes/pairing-code`, { headers: { cookie } })).json() as { code: string };

  const { page, pageErrors } = await newPage(browser, server.baseUrl, KIOSK);
  await signIn(page, DEMO_IT_ID);
  await page.goto('/ky-thuat');
  const boxes = page.locator('ph-it-boxes');
  await boxes.locator('article[data-box="self"]').waitFor();
  t.equal(await boxes.locator('article').count(), 1, 'only this box before pairing');
  await boxes.getByLabel('Tên máy (ví dụ: Phòng học 2)').fill('Phòng học 2');
  await boxes.getByLabel('Mã ghép nối').fill(code);
  await boxes.getByRole('button', { name: 'Ghép nối', exact: true }).click();
  const card = boxes.locator('article.up', { hasText: 'Phòng học 2' });
  await t.resolves(card.waitFor(), 'the paired box appears, online');
  await t.resolves(card.getByText('Hoạt động').waitFor());
  await card.getByRole('button', { name: 'Khởi động lại media' }).click();
  await t.resolves(page.getByText('Đã gửi yêu cầu tới máy.').waitFor(), 'the action ran on the other box');
  await boxes.scrollIntoViewIfNeeded();
  await screenshot(page, 'it-console-boxes');
  // The other box goes off: the console says so instead of hanging.
  await other.close();
  await page.getByRole('button', { name: 'Làm mới' }).click().catch(() => undefined);
  await boxes.evaluate((el) => (el as unknown as { refresh(): Promise<void> }).refresh());
  await t.resolves(boxes.locator('article.down', { hasText: 'Phòng học 2' }).waitFor(), 'an unreachable box is shown as such');
  t.same(pageErrors, []);
});
