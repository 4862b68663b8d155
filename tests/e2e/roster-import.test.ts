import t from 'tap';
import path from 'node:path';
import { startTestServer } from '../helpers/server.js';
import { LAPTOP, launchBrowser, navTo, newPage, pageScrollWidth, PHONE, screenshot } from '../helpers/browser.js';
import { DEMO_PASSWORD, DEMO_PRINCIPAL_ID } from '../../server/src/domain/demo/demo-school.js';

const FIXTURE = path.resolve(import.meta.dirname, '../fixtures/rosters/hoc-sinh-6a1.csv');

const server = await startTestServer(t);
const browser = await launchBrowser(t);
const demo = server.demo!;

t.test('the principal imports the 6A1 list: report, refusal of "all", import of the valid rows', async (t) => {
  const { page, pageErrors } = await newPage(browser, server.baseUrl, LAPTOP);
  await page.goto('/nhap-danh-sach');
  await page.waitForURL(/\/dang-nhap\?next=/);
  await page.getByLabel('Mã định danh').fill(DEMO_PRINCIPAL_ID);
  await page.getByLabel('Mật khẩu', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
  await page.getByRole('heading', { name: 'Nhập danh sách' }).waitFor();
  t.match(page.url(), /\/nhap-danh-sach$/, 'after sign-in the page asked for is shown');

  t.ok(await page.getByLabel('Học sinh').isChecked(), 'student list is the default');
  await page.locator('#file').setInputFiles(FIXTURE);
  await page.getByRole('heading', { name: 'Kết quả kiểm tra: hoc-sinh-6a1.csv' }).waitFor();

  const counts = page.locator('ph-roster-report .counts');
  t.match(await counts.textContent(), /12\s*dòng hợp lệ[\s\S]*4\s*dòng bị từ chối[\s\S]*1\s*dòng bỏ qua/, 'the counts');
  const headers = await page.locator('ph-roster-report thead th').allTextContents();
  t.same(headers.map((h) => h.trim()), ['Dòng', 'Mã định danh', 'Họ và tên', 'Kết quả', 'Lý do'], 'the report columns');

  const row = (name: string) => page.locator('ph-roster-report tbody tr').filter({ hasText: name });
  t.match(await row('Nguyễn Thị Ánh Tuyết').textContent(), /Hợp lệ, thêm mới/, 'a valid row is marked as new');
  const rejected: [string, RegExp][] = [
    ['Đặng Văn Đạt', /trùng với dòng 5/],
    ['Lý Thanh Tùng', /Mã định danh "79-1014-0012" không hợp lệ/],
    ['Mai Phương Thảo', /Lớp "6A9" không có trong năm học hiện tại/],
    ['Cao Minh Nhật', /Ngày sinh "31\/02\/2014"/],
  ];
  for (const [name, reason] of rejected) {
    const text = (await row(name).textContent()) ?? '';
    t.match(text, /Bị từ chối/, `${name}: rejected`);
    t.match(text, reason, `${name}: the Vietnamese reason is shown`);
  }
  t.match(await row('Đặng Văn Đạt').locator('td').first().textContent(), /^\s*16\s*$/, 'with the spreadsheet row number');
  await screenshot(page, 'roster-report');

  await page.getByRole('button', { name: 'Nhập tất cả' }).click();
  const refusal = page.getByRole('alert').filter({ hasText: 'Chưa nhập gì' });
  await t.resolves(refusal.waitFor(), '"Import all" is refused while rows are rejected, and the page says why');
  t.match(await refusal.textContent(), /4 dòng bị từ chối/);
  await screenshot(page, 'roster-refused-all');

  await page.getByRole('button', { name: 'Chỉ nhập các dòng hợp lệ' }).click();
  const done = page.locator('.notice.success');
  await done.waitFor();
  t.match(await done.textContent(), /Đã nhập xong: 12 người mới, 0 người được cập nhật/, 'the created and updated counts');
  t.match(await row('Nguyễn Thị Ánh Tuyết').textContent(), /Đã thêm mới/, 'the rows now say what was done');
  await screenshot(page, 'roster-imported');

  // The same page on a phone: the report table scrolls inside its box, never the whole page.
  await page.setViewportSize(PHONE);
  t.ok((await pageScrollWidth(page)) <= 390, 'no horizontal page scroll at 390px');
  await screenshot(page, 'roster-imported-phone');
  await page.setViewportSize(LAPTOP);

  // The class page of 6A1 now lists the imported students, in the server's class-list order.
  const before = demo.classes.find((c) => c.name === '6A1')!.students.length;
  await navTo(page, 'Lớp học');
  await page.getByRole('link', { name: '6A1', exact: true }).click();
  await page.getByRole('heading', { name: 'Lớp 6A1' }).waitFor();
  await page.getByRole('heading', { name: 'Danh sách học sinh' }).waitFor();
  const students = page.locator('ph-class-page .students tbody tr');
  await t.resolves(students.filter({ hasText: 'Nguyễn Thị Ánh Tuyết' }).waitFor(), 'an imported student is on the class list');
  t.equal(await students.count(), before + 12, 'the list has the 12 new students');
  t.match(await page.locator('ph-class-page .facts').textContent(), new RegExp(`${before + 12} học sinh`), 'and the size');
  t.match(await page.locator('ph-class-page .notice.warning').textContent(), new RegExp(`Sĩ số ${before + 12} vượt mức tối đa 45 học sinh/lớp`), 'which is now over the limit');
  await screenshot(page, 'class-6a1');
  t.same(pageErrors, [], 'no uncaught errors in the page');
});
