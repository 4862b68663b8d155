import t from 'tap';
import { startTestServer } from '../helpers/server.js';
import { launchBrowser, signIn, newPage, pageScrollWidth, screenshot, LAPTOP, PHONE } from '../helpers/browser.js';
import { DEMO_PARENT_LOGIN, DEMO_PRINCIPAL_ID } from '../../server/src/domain/demo/demo-school.js';

const browser = await launchBrowser(t);

/** A school day (UTC+7) `days` from today, as the page shows it (dd/mm/yyyy). */
function vnDay(days: number): string {
  const iso = new Date(Date.now() + 7 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

t.test('the principal notifies parents of an online-mode decision and sees who has read it (Art. 15.1.e)', async (t) => {
  const server = await startTestServer(t);
  const { page, pageErrors } = await newPage(browser, server.baseUrl, LAPTOP);
  await signIn(page, DEMO_PRINCIPAL_ID);

  // The decision: online teaching supporting in-person teaching for 6A1, every subject.
  await page.goto('/quyet-dinh');
  await page.getByRole('button', { name: 'Ghi quyết định mới' }).click();
  const form = page.locator('ph-decision-form');
  await form.getByLabel('Loại quyết định').selectOption({ label: 'Hình thức dạy học trực tuyến' });
  await form.getByLabel('Các lớp được chọn').check();
  await form.getByLabel('6A1', { exact: true }).check();
  await form.getByLabel('Từ ngày').fill(vnDay(1));
  await form.getByLabel('Đến ngày').fill(vnDay(14));
  await form.getByLabel('Lý do', { exact: true }).fill('Tăng cường ôn tập trực tuyến trước kiểm tra cuối học kì.');
  await form.getByLabel('Số quyết định (nếu có)').fill('27/QĐ-THCS');
  await form.getByRole('button', { name: 'Ghi quyết định' }).click();
  await form.waitFor({ state: 'detached' });
  const card = page.locator('ph-decisions-page li.decision').filter({ hasText: '27/QĐ-THCS' });

  // "Thông báo cho học sinh và phụ huynh" opens a notice written from the decision.
  await card.getByRole('link', { name: 'Thông báo cho học sinh và phụ huynh' }).click();
  await page.waitForURL(/\/thong-bao\?decision=\d+$/);
  const compose = page.locator('ph-notice-form');
  await compose.waitFor();
  t.equal(await compose.getByLabel('Tiêu đề').inputValue(), 'Thông báo dạy học trực tuyến hỗ trợ', 'the title from the mode');
  const body = await compose.getByLabel('Nội dung').inputValue();
  t.match(body, `từ ngày ${vnDay(1)} đến ngày ${vnDay(14)}`, 'the dates in dd/mm/yyyy');
  t.match(body, 'Quyết định số 27/QĐ-THCS', 'the decision number');
  t.match(body, 'lớp 6A1, tất cả các môn', 'the class and subjects');
  t.ok(await compose.getByLabel('6A1', { exact: true }).isChecked(), 'addressed to 6A1');
  t.notOk(await compose.getByLabel('6A2', { exact: true }).isChecked(), 'and not 6A2');
  t.equal(await compose.getByLabel('Loại thông báo').inputValue(), 'online_mode');
  await screenshot(page, 'notices-compose-from-decision');

  await compose.getByRole('button', { name: 'Gửi thông báo' }).click();
  await compose.getByText('Sau khi gửi sẽ không sửa được').waitFor();
  await compose.getByRole('button', { name: 'Gửi thông báo' }).click();
  const sent = page.getByText(/Đã gửi thông báo đến \d+ người\./);
  await sent.waitFor();
  const recipients = Number(/(\d+) người/.exec((await sent.textContent()) ?? '')![1]);
  t.ok(recipients > 10, `sent to ${recipients} students and parents of 6A1`);
  const receipts = page.locator('ph-notice-receipts');
  await t.resolves(receipts.getByText(`Đã đọc 0/${recipients} người`).waitFor(), 'nobody has read it yet');
  await screenshot(page, 'notices-sent');

  // A parent of a 6A1 child, on a phone, reads it on the home page.
  const phone = await newPage(browser, server.baseUrl, PHONE, { mobile: true });
  await signIn(phone.page, DEMO_PARENT_LOGIN);
  const list = phone.page.locator('ph-notice-list');
  const item = list.locator('li').filter({ hasText: 'Thông báo dạy học trực tuyến hỗ trợ' });
  await item.waitFor();
  t.match((await item.textContent()) ?? '', /Về: .+ \(lớp 6A1\)/, 'about the 6A1 child');
  t.match((await list.locator('.summary').textContent()) ?? '', /1 thông báo chưa đọc/, 'one unread');
  await item.scrollIntoViewIfNeeded();
  await screenshot(phone.page, 'notices-parent-phone');
  await item.getByRole('button', { name: 'Xem toàn bộ' }).click();
  t.match((await item.textContent()) ?? '', 'Tăng cường ôn tập trực tuyến', 'the whole text, with the reason');
  await item.getByRole('button', { name: 'Đã đọc' }).click();
  await t.resolves(item.getByText(/Đã đọc lúc \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/).waitFor(), 'the reading is recorded');
  t.match((await list.locator('.summary').textContent()) ?? '', 'Đã đọc hết thông báo.', 'none unread');
  t.ok((await pageScrollWidth(phone.page)) <= PHONE.width, 'no sideways scrolling on the phone');
  await screenshot(phone.page, 'notices-parent-read');
  t.same(phone.pageErrors, []);

  // The principal sees the receipt: one more reader, counted in 6A1's parents.
  await page.locator('ph-notices-page li').filter({ hasText: 'Thông báo dạy học trực tuyến hỗ trợ' }).getByRole('button', { name: 'Tình hình đọc thông báo' }).click();
  await t.resolves(receipts.getByText(`Đã đọc 1/${recipients} người`).waitFor(), 'one has read it');
  const row = receipts.locator('table.classes tbody tr').filter({ hasText: '6A1' });
  t.match((await row.locator('td').nth(2).textContent())?.trim(), /^1\/\d+$/, 'one parent of 6A1 has read it');
  t.match((await row.locator('td').nth(1).textContent())?.trim(), /^0\/\d+$/, 'no student yet');
  t.ok(await receipts.locator('.chart .row[data-class="6A1"]').isVisible(), 'the bar of 6A1');
  t.notOk((await receipts.locator('table.unread-list').textContent())?.includes('Phụ huynh em ' + ((await item.textContent()) ?? '').match(/Về: (.+) \(lớp 6A1\)/)?.[1]), 'the parent who read is not in the unread list');
  await screenshot(page, 'notices-receipts');
  t.same(pageErrors, []);
});
