import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import t from 'tap';
import { startTestServer } from '../helpers/server.js';
import { launchBrowser, signIn, newPage, screenshot, LAPTOP, PHONE } from '../helpers/browser.js';
import { DEMO_IT_ID, DEMO_PRINCIPAL_ID } from '../../server/src/domain/demo/demo-school.js';

/**
 * The IT page /sao-luu (issue 5, point 8): reached from the IT console, the target set, "back up
 * now" with its progress, the backup in the list, a full verification; the principal reads only.
 */
const server = await startTestServer(t);
const usb = fs.mkdtempSync(path.join(os.tmpdir(), 'phonghoc-usb-'));
t.teardown(() => fs.rmSync(usb, { recursive: true, force: true }));
// A long lesson recording (included by the setting) makes the backup last long enough to watch.
fs.mkdirSync(path.join(server.dataDir, 'recordings'), { recursive: true });
const chunk = Buffer.alloc(8 << 20);
for (let i = 0; i < chunk.length; i += 4) chunk.writeUInt32LE((i * 2654435761) >>> 0, i);
const fd = fs.openSync(path.join(server.dataDir, 'recordings', 'buoi-hoc-toan-6a1.webm'), 'w');
for (let i = 0; i < 40; i++) fs.writeSync(fd, chunk);
fs.closeSync(fd);
const browser = await launchBrowser(t);

t.test('IT staff back up now, watch the progress, see and verify the backup', async (t) => {
  const { page, pageErrors } = await newPage(browser, server.baseUrl, LAPTOP);
  await signIn(page, DEMO_IT_ID, { from: '/ky-thuat' });
  await page.waitForURL(/\/ky-thuat$/);
  await page.locator('ph-it-console-page').getByRole('link', { name: 'Sao lưu' }).click();
  await page.waitForURL(/\/sao-luu$/);
  await page.getByRole('heading', { name: 'Sao lưu dữ liệu', level: 1 }).waitFor();
  await t.resolves(page.getByText('Chưa chọn nơi lưu.').waitFor(), 'no target yet');
  t.equal(await page.getByRole('button', { name: 'Sao lưu ngay' }).isDisabled(), true, 'nothing to back up to yet');

  // A target inside the data directory is refused with the server's reason.
  await page.getByLabel('Nơi lưu (thư mục trên ổ USB hoặc thư mục mạng đã gắn)').fill(path.join(server.dataDir, 'backups-here'));
  fs.mkdirSync(path.join(server.dataDir, 'backups-here'));
  await page.getByRole('button', { name: 'Lưu cài đặt' }).click();
  await t.resolves(page.getByRole('alert').filter({ hasText: 'nằm trong thư mục dữ liệu' }).waitFor(), 'target inside the data directory refused');

  await page.getByLabel('Nơi lưu (thư mục trên ổ USB hoặc thư mục mạng đã gắn)').fill(usb);
  await page.getByLabel('Sao lưu tự động hằng ngày').check();
  await page.getByLabel('Giờ sao lưu (giờ Việt Nam)').fill('18:30');
  await page.getByLabel('Số bản giữ lại').fill('5');
  await page.getByLabel('Sao lưu cả video ghi hình buổi học (dung lượng lớn)').check();
  await page.getByRole('button', { name: 'Lưu cài đặt' }).click();
  await t.resolves(page.getByText(/Lần sao lưu tự động tiếp theo: \d\d\/\d\d\/\d{4} 18:30/).waitFor(), 'the next scheduled run, in school time');
  await t.resolves(page.getByText('Chưa có bản sao lưu nào ở nơi lưu này.').waitFor());

  await page.getByRole('button', { name: 'Sao lưu ngay' }).click();
  const bar = page.locator('ph-backups-page ph-progress-bar');
  await bar.waitFor();
  await t.resolves(page.getByText(/\d+\/\d+ tệp · .* \/ .*MB/).first().waitFor(), 'files and bytes done are shown');
  const shot1 = await screenshot(page, 'backups-progress');
  t.ok(fs.existsSync(shot1));
  await page.locator('ph-backups-page .job-result').waitFor({ timeout: 120_000 });
  const result = await page.locator('ph-backups-page .job-result').textContent();
  t.match(result, /Sao lưu xong: phonghoc-backup-/, `the result: ${result}`);
  const rows = page.locator('ph-backups-page table.backups tbody tr');
  await rows.first().waitFor();
  t.equal(await rows.count(), 1, 'the backup is listed');
  const row = rows.first();
  t.match(await row.textContent(), /Chạy tay/);
  t.match(await row.textContent(), /có video/);
  t.match(await row.textContent(), /Đủ tệp/);
  t.match(await row.textContent(), /3\d\d(,\d)? MB/, 'about 335 MB with the recording');
  const name = await row.getAttribute('data-name');
  t.ok(name && fs.existsSync(path.join(usb, name, 'manifest.json')), 'the folder at the target is complete');
  t.same(fs.readdirSync(usb).filter((n) => n.endsWith('.partial')), [], 'no temporary folder left');

  await row.getByRole('button', { name: /Kiểm tra/ }).click();
  await t.resolves(page.locator('ph-backups-page .verify-note').filter({ hasText: 'nguyên vẹn' }).waitFor({ timeout: 60_000 }), 'verified intact');
  await t.resolves(row.getByText('Đã kiểm tra: nguyên vẹn').waitFor());
  await t.resolves(page.getByText(`--from ${usb}/${name} --data-dir /data`).waitFor(), 'the restore command names this backup');
  await screenshot(page, 'backups-list');
  t.same(pageErrors, []);
});

t.test('the principal reads the page on a phone, without acting', async (t) => {
  const { page, pageErrors } = await newPage(browser, server.baseUrl, PHONE, { mobile: true });
  await signIn(page, DEMO_PRINCIPAL_ID, { from: '/sao-luu' });
  await page.waitForURL(/\/sao-luu$/);
  await page.locator('ph-backups-page table.backups tbody tr').first().waitFor();
  await t.resolves(page.getByText('Chỉ cán bộ kĩ thuật thay đổi cài đặt và sao lưu; hiệu trưởng xem.').waitFor());
  t.equal(await page.getByRole('button', { name: 'Sao lưu ngay' }).count(), 0, 'no backup button');
  t.equal(await page.getByRole('button', { name: 'Lưu cài đặt' }).count(), 0, 'no save button');
  t.equal(await page.getByLabel('Nơi lưu (thư mục trên ổ USB hoặc thư mục mạng đã gắn)').isDisabled(), true);
  await screenshot(page, 'backups-principal-phone');
  t.same(pageErrors, []);
});
