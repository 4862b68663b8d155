import t from 'tap';
import { startTestServer } from '../helpers/server.js';
import { KIOSK, launchBrowser, navTo, newPage, PHONE, screenshot } from '../helpers/browser.js';
import { DEMO_PASSWORD, DEMO_TEACHER_ID } from '../../server/src/domain/demo/demo-school.js';

const server = await startTestServer(t);
const browser = await launchBrowser(t);

t.test('a teacher sets a PIN, signs out and signs back in with the keypad at the kiosk', async (t) => {
  t.match(server.baseUrl, /^http:\/\/localhost:/, 'the kiosk screen is the box itself');
  const { page, pageErrors } = await newPage(browser, server.baseUrl, KIOSK);
  await page.goto('/dang-nhap');
  await page.getByLabel('Mã định danh').fill(DEMO_TEACHER_ID);
  await page.getByLabel('Mật khẩu', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
  await page.waitForURL((u) => u.pathname === '/');

  await navTo(page, 'Mã PIN');
  await page.getByRole('heading', { name: 'Mã PIN đăng nhập nhanh' }).waitFor();
  await page.getByLabel('Mật khẩu hiện tại').fill(DEMO_PASSWORD);
  await page.getByLabel('Mã PIN mới').fill('4827');
  await page.getByLabel('Nhập lại mã PIN').fill('4827');
  await page.getByRole('button', { name: 'Lưu mã PIN' }).click();
  await t.resolves(page.getByText('Đã đặt mã PIN', { exact: true }).waitFor(), 'the PIN is set');
  await screenshot(page, 'kiosk-pin-set');

  await page.getByRole('button', { name: 'Đăng xuất' }).click();
  await page.waitForURL(/\/dang-nhap$/);
  await page.getByRole('tab', { name: 'Mã PIN' }).click();
  await page.getByLabel('Mã định danh').fill(DEMO_TEACHER_ID);
  for (const d of '4827') await page.getByRole('button', { name: d, exact: true }).click();
  for (const key of await page.locator('ph-kiosk-signin .key').all()) {
    const box = await key.boundingBox();
    t.ok(box && box.height >= 64, `keypad key ≥ 64px (${box?.height})`);
  }
  await screenshot(page, 'kiosk-pin-keypad');
  await page.locator('ph-kiosk-signin').getByRole('button', { name: 'Đăng nhập' }).click();
  await page.waitForURL((u) => u.pathname === '/');
  await t.resolves(page.getByRole('heading', { name: 'Lớp tôi dạy' }).waitFor(), 'the teacher lands on the kiosk home');
  await screenshot(page, 'kiosk-pin-home');

  await page.getByRole('button', { name: 'Đăng xuất' }).click();
  await page.waitForURL(/\/dang-nhap$/);
  await page.getByRole('tab', { name: 'Quét mã QR' }).click();
  await t.resolves(page.locator('ph-kiosk-signin .url').getByText(/dang-nhap-kiosk\?c=/).waitFor(), 'the QR tab shows the confirmation address');
  const qrImage = page.locator('ph-kiosk-signin .qr-image svg');
  await qrImage.waitFor();
  t.ok((await qrImage.locator('path').count()) > 0, 'a QR code is drawn on the kiosk screen');
  await screenshot(page, 'kiosk-qr');

  // The teacher's phone (another browser, signed in) opens the address and confirms.
  const address = new URL((await page.locator('ph-kiosk-signin .url').textContent())!.trim());
  const phone = await newPage(browser, server.baseUrl, PHONE);
  await phone.page.goto('/dang-nhap');
  await phone.page.getByLabel('Mã định danh').fill(DEMO_TEACHER_ID);
  await phone.page.getByLabel('Mật khẩu', { exact: true }).fill(DEMO_PASSWORD);
  await phone.page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
  await phone.page.waitForURL((u) => u.pathname === '/');
  await phone.page.goto(`${address.pathname}${address.search}`);
  await phone.page.getByRole('button', { name: /Xác nhận/ }).first().click();
  await screenshot(phone.page, 'kiosk-qr-approve-phone');
  await page.waitForURL((u) => u.pathname === '/', { timeout: 15000 });
  await t.resolves(page.getByRole('heading', { name: 'Lớp tôi dạy' }).waitFor(), 'the kiosk signs in once the phone confirms');
  t.same(pageErrors, []);
});
