import t from 'tap';
import { startTestServer } from '../helpers/server.js';
import path from 'node:path';
import { launchBrowser, newPage, screenshot, signIn, LAPTOP, PHONE, SCREENSHOT_DIR } from '../helpers/browser.js';
import { addSemesterActivity } from '../helpers/archive-activity.js';
import { DEMO_IT_ID, DEMO_PRINCIPAL_ID, DEMO_VICE_PRINCIPAL_ID } from '../../server/src/domain/demo/demo-school.js';

/**
 * The records archive page (Art. 8): the principal seals the first semester (which ended yesterday in
 * this test's calendar) and watches the progress, downloads the package, filters and opens records,
 * sets a retention period; the vice principal reads without acting; IT sees only the chain status.
 */
const browser = await launchBrowser(t);
const schoolDay = (ms: number) => new Date(ms + 7 * 3600_000).toISOString().slice(0, 10);

t.test('the archive page: chain status, sealing with progress, records, retention', async (t) => {
  const server = await startTestServer(t, {
    beforeStart: async (knex) => {
      // The first semester ended yesterday; the second starts today.
      const [s1, s2] = await knex('semesters').orderBy('number').select('id');
      await knex('semesters').where({ id: s1.id }).update({ ends_on: schoolDay(Date.now() - 86400_000) });
      await knex('semesters').where({ id: s2.id }).update({ starts_on: schoolDay(Date.now()) });
      await addSemesterActivity(knex, s1.id, { lessonsPerAssignment: 1 });
    },
  });
  const { page, pageErrors } = await newPage(browser, server.baseUrl, LAPTOP);
  page.on('dialog', (d) => void d.accept());
  await signIn(page, DEMO_PRINCIPAL_ID);
  // The header's groups are shared with other pages; the page is opened by its address.
  await page.goto('/ho-so-luu-tru');
  await page.getByRole('heading', { name: 'Hồ sơ lưu trữ dạy học trực tuyến' }).waitFor();
  await t.resolves(page.getByText(/Nguyên vẹn: \d+ hồ sơ/).waitFor(), 'the chain is intact');
  await page.getByText('Đã kết thúc, chưa niêm phong').waitFor();
  await page.getByRole('button', { name: 'Niêm phong và xuất gói' }).click();
  await t.resolves(page.getByRole('link', { name: /Tải gói lưu trữ \(\.zip/ }).waitFor({ timeout: 120_000 }), 'sealed and exported');
  t.ok(await page.getByText('nguyên vẹn', { exact: true }).isVisible(), 'the seal is intact');
  await screenshot(page, 'archive-sealed');
  const href = await page.getByRole('link', { name: /Tải gói lưu trữ/ }).getAttribute('href');
  const zip = await page.request.get(`${server.baseUrl}${href}`);
  t.equal(zip.status(), 200);
  t.equal((await zip.body()).subarray(0, 2).toString(), 'PK', 'the package downloads');

  // Records by category, searched without diacritics, one opened.
  await page.locator('ph-archive-page').locator('#f-cat').selectOption('assessment');
  await page.getByLabel('Tìm theo tên hồ sơ').fill('so theo doi');
  await page.getByRole('cell', { name: /Sổ theo dõi và đánh giá/ }).first().waitFor();
  await t.resolves(page.getByRole('cell', { name: /Sổ điểm học kì/ }).waitFor({ state: 'detached' }), 'the search leaves out the other assessment records');
  await page.getByRole('row', { name: /Sổ theo dõi và đánh giá/ }).first().getByRole('button', { name: 'Xem', exact: true }).click();
  await t.resolves(page.locator('tr.detail pre').waitFor(), 'the record opens with its content');
  t.match(await page.locator('tr.detail pre').textContent(), /scoreTenths/);
  await screenshot(page, 'archive-records');

  // Retention: the principal sets teaching-process data to 7 years.
  await page.getByRole('button', { name: 'Sửa Quá trình dạy học' }).click();
  await page.getByLabel('Số năm').fill('7');
  await page.getByRole('button', { name: 'Lưu', exact: true }).click();
  await t.resolves(page.getByText('7 năm').waitFor(), 'retention saved');
  t.same(pageErrors, []);

  const phone = await newPage(browser, server.baseUrl, PHONE);
  await signIn(phone.page, DEMO_VICE_PRINCIPAL_ID, { from: '/ho-so-luu-tru' });
  await phone.page.getByText(/Nguyên vẹn: \d+ hồ sơ/).waitFor();
  await phone.page.getByRole('heading', { name: 'Danh sách hồ sơ' }).waitFor();
  t.equal(await phone.page.getByRole('button', { name: 'Niêm phong và xuất gói' }).count(), 0, 'the vice principal does not seal');
  t.equal(await phone.page.getByRole('button', { name: /^Sửa/ }).count(), 0, 'nor edit retention');
  t.equal(await phone.page.getByRole('heading', { name: 'Huỷ hồ sơ hết thời hạn' }).count(), 0, 'nor dispose');
  await screenshot(phone.page, 'archive-vice-phone');
  // The top of the records table on the phone, at its real size.
  await phone.page.locator('ph-archive-page section.records').screenshot({ path: path.join(SCREENSHOT_DIR, 'archive-vice-phone-records.png'), timeout: 10_000 }).catch(() => undefined);
  await phone.page.mouse.wheel(0, -100000);
  await phone.page.screenshot({ path: path.join(SCREENSHOT_DIR, 'archive-vice-phone-top.png') });
  t.same(phone.pageErrors, []);

  const itPage = await newPage(browser, server.baseUrl, LAPTOP);
  await signIn(itPage.page, DEMO_IT_ID);
  await itPage.page.goto('/ky-thuat');
  await itPage.page.getByRole('link', { name: 'Hồ sơ lưu trữ' }).click();
  await itPage.page.getByText(/Nguyên vẹn: \d+ hồ sơ/).waitFor();
  await t.resolves(itPage.page.getByText('Bộ phận kĩ thuật chỉ xem tình trạng chuỗi hồ sơ.').waitFor(), 'IT sees the chain status only');
  t.equal(await itPage.page.getByRole('heading', { name: 'Danh sách hồ sơ' }).count(), 0);
  t.same(itPage.pageErrors, []);
});
