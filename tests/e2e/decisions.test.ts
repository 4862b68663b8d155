import t from 'tap';
import type { Page } from 'playwright-core';
import { startTestServer } from '../helpers/server.js';
import { LAPTOP, launchBrowser, navLink, navTo, newPage, pageScrollWidth, PHONE, screenshot, signIn } from '../helpers/browser.js';
import { DEMO_PRINCIPAL_ID, DEMO_TEACHER_ID, DEMO_VICE_PRINCIPAL_ID } from '../../server/src/domain/demo/demo-school.js';
import { ERRORS } from '../../server/src/contracts/error-codes.js';

const browser = await launchBrowser(t);

/** A school day (UTC+7) `days` from today, as the page shows it (dd/mm/yyyy). */
function vnDay(days: number): string {
  const iso = new Date(Date.now() + 7 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

interface DecisionFill {
  type: string;
  classes?: string[];
  subjects?: string[];
  from: string;
  to: string;
  reason: string;
  documentNumber?: string;
}

async function fillDecision(page: Page, f: DecisionFill) {
  const form = page.locator('ph-decision-form');
  await form.getByLabel('Loại quyết định').selectOption({ label: f.type });
  if (f.classes) {
    await form.getByLabel('Các lớp được chọn').check();
    for (const c of f.classes) await form.getByLabel(c, { exact: true }).check();
  }
  if (f.subjects) {
    await form.getByLabel('Các môn được chọn').check();
    for (const s of f.subjects) await form.getByLabel(s, { exact: true }).check();
  }
  await form.getByLabel('Từ ngày').fill(f.from);
  await form.getByLabel('Đến ngày').fill(f.to);
  await form.getByLabel('Lý do', { exact: true }).fill(f.reason);
  if (f.documentNumber) await form.getByLabel('Số quyết định (nếu có)').fill(f.documentNumber);
}

t.test('the principal records, checks and revokes decisions on online teaching and tests', async (t) => {
  const server = await startTestServer(t);
  const { page, pageErrors } = await newPage(browser, server.baseUrl, LAPTOP);
  await signIn(page, DEMO_PRINCIPAL_ID);

  await navTo(page, 'Quyết định');
  await page.waitForURL(/\/quyet-dinh$/);
  await page.getByRole('heading', { name: 'Quyết định của hiệu trưởng' }).waitFor();
  await t.resolves(page.getByText('Chưa có quyết định nào.').waitFor(), 'no decision in the demo school yet');

  // Force majeure for two classes, every subject.
  await page.getByRole('button', { name: 'Ghi quyết định mới' }).click();
  await fillDecision(page, {
    type: 'Tình huống bất khả kháng', classes: ['6A1', '6A2'], from: vnDay(0), to: vnDay(13),
    reason: 'Bão số 5, học sinh không thể đến trường.', documentNumber: '15/QĐ-THCS',
  });
  await screenshot(page, 'decisions-form-force-majeure');
  await page.locator('ph-decision-form').getByRole('button', { name: 'Ghi quyết định' }).click();
  await t.resolves(page.getByText('Đã ghi quyết định.').waitFor(), 'recorded');
  await page.locator('ph-decision-form').waitFor({ state: 'detached' });
  const cards = page.locator('ph-decisions-page li.decision');
  t.equal(await cards.count(), 1);

  // Online periodic tests of Toán on those classes, inside the force majeure.
  await page.getByRole('button', { name: 'Ghi quyết định mới' }).click();
  await fillDecision(page, {
    type: 'Kiểm tra định kỳ trực tuyến', classes: ['6A1', '6A2'], subjects: ['Toán'], from: vnDay(7), to: vnDay(10),
    reason: 'Kiểm tra giữa học kì I trực tuyến trong thời gian nghỉ bão.',
  });
  await page.locator('ph-decision-form').getByRole('button', { name: 'Ghi quyết định' }).click();
  await page.locator('ph-decision-form').waitFor({ state: 'detached' });
  await t.resolves(cards.nth(1).waitFor(), 'both decisions listed');

  const fm = cards.filter({ hasText: 'Tình huống bất khả kháng' });
  const test = cards.filter({ hasText: 'Kiểm tra định kỳ trực tuyến' });
  const fmText = (await fm.textContent()) ?? '';
  t.match(fmText, `${vnDay(0)} – ${vnDay(13)}`, 'Vietnamese dates');
  t.match(fmText, /6A1, 6A2/, 'class names');
  t.match(fmText, 'Tất cả các môn', 'all subjects');
  t.match(fmText, '15/QĐ-THCS', 'the document number');
  t.match(fmText, 'Bão số 5', 'the reason');
  t.match(fmText, 'Đang hiệu lực', 'in force today');
  t.match(fmText, new RegExp(`Người ký\\s*[^,]+, ngày ${vnDay(0).replace(/\//g, '\\/')}`), 'the signer and the day');
  const testText = (await test.textContent()) ?? '';
  t.match(testText, `${vnDay(7)} – ${vnDay(10)}`);
  t.match(testText, /Môn học\s*Toán/, 'the subject by name');
  t.match(testText, 'Chưa đến ngày hiệu lực', 'starts next week');
  t.match((await cards.first().textContent()) ?? '', 'Tình huống bất khả kháng', 'the decision in force comes first');
  await screenshot(page, 'decisions-list');

  // Rule violations: the server's Vietnamese message, in the form and as a toast.
  await page.getByRole('button', { name: 'Ghi quyết định mới' }).click();
  await fillDecision(page, {
    type: 'Kiểm tra định kỳ trực tuyến', classes: ['6A3'], subjects: ['Toán'], from: vnDay(7), to: vnDay(10),
    reason: 'Kiểm tra giữa kì trực tuyến.',
  });
  await page.locator('ph-decision-form').getByRole('button', { name: 'Ghi quyết định' }).click();
  const formAlert = page.locator('ph-decision-form [role=alert]');
  await t.resolves(formAlert.getByText(ERRORS.ONLINE_ASSESSMENT_NEEDS_FORCE_MAJEURE.vi).waitFor(), 'an online test outside any force majeure is refused');
  await screenshot(page, 'decisions-refused');
  await page.locator('ph-decision-form').getByLabel('Từ ngày').fill(vnDay(10));
  await page.locator('ph-decision-form').getByLabel('Đến ngày').fill(vnDay(7));
  await page.locator('ph-decision-form').getByRole('button', { name: 'Ghi quyết định' }).click();
  await t.resolves(formAlert.getByText(ERRORS.INVALID_DATE_RANGE.vi).waitFor(), 'an end before the start is refused');
  await page.locator('ph-decision-form').getByRole('button', { name: 'Huỷ' }).click();
  t.equal(await cards.count(), 2, 'nothing recorded by the refused attempts');

  // Replacing mode needs the force majeure too; supporting mode for all classes is fine.
  await page.getByRole('button', { name: 'Ghi quyết định mới' }).click();
  await fillDecision(page, { type: 'Hình thức dạy học trực tuyến', classes: ['6A3'], from: vnDay(0), to: vnDay(3), reason: 'Dạy thay thế lớp 6A3.' });
  await page.locator('ph-decision-form').getByLabel('thay thế dạy học trực tiếp').check();
  await page.locator('ph-decision-form').getByRole('button', { name: 'Ghi quyết định' }).click();
  await t.resolves(formAlert.getByText(ERRORS.REPLACING_MODE_NEEDS_FORCE_MAJEURE.vi).waitFor(), 'replacing mode outside force majeure is refused');
  await page.locator('ph-decision-form').getByRole('button', { name: 'Huỷ' }).click();

  // Revoke the online tests with a reason, after a confirmation step.
  await test.getByRole('button', { name: /^Thu hồi/ }).click();
  await test.getByText('Quyết định vẫn được lưu làm minh chứng').waitFor();
  await test.getByLabel('Lý do thu hồi').fill('Học sinh đã trở lại trường, kiểm tra trực tiếp.');
  await screenshot(page, 'decisions-revoke-confirm');
  await test.getByRole('button', { name: 'Xác nhận thu hồi' }).click();
  await t.resolves(page.getByText('Đã thu hồi quyết định.').waitFor(), 'revoked');
  const revoked = cards.filter({ hasText: 'Đã thu hồi' }).filter({ hasText: 'Kiểm tra định kỳ trực tuyến' });
  await revoked.waitFor();
  t.match((await revoked.textContent()) ?? '', `Thu hồi ngày ${vnDay(0)}. Lý do: Học sinh đã trở lại trường`, 'the revocation and its reason');
  t.equal(await revoked.getByRole('button', { name: /^Thu hồi/ }).count(), 0, 'no second revocation');
  t.match((await cards.last().textContent()) ?? '', 'Đã thu hồi', 'revoked decisions come last');
  await screenshot(page, 'decisions-after-revoke');

  // On a phone: the list and the form fit the width.
  const phone = await newPage(browser, server.baseUrl, PHONE, { mobile: true });
  await signIn(phone.page, DEMO_PRINCIPAL_ID);
  await phone.page.goto('/quyet-dinh');
  await phone.page.locator('ph-decisions-page li.decision').nth(1).waitFor();
  t.ok(await pageScrollWidth(phone.page) <= PHONE.width, 'no sideways scrolling on a phone');
  await screenshot(phone.page, 'decisions-phone');
  await phone.page.getByRole('button', { name: 'Ghi quyết định mới' }).click();
  await phone.page.locator('ph-decision-form').getByLabel('Các lớp được chọn').check();
  await phone.page.locator('ph-decision-form').getByLabel('Chọn cả khối 6').waitFor();
  t.ok(await pageScrollWidth(phone.page) <= PHONE.width, 'nor in the form');
  await screenshot(phone.page, 'decisions-phone-form');

  t.same(phone.pageErrors, []);
  t.same(pageErrors, []);
});

t.test('the vice principal reads the decisions; a teacher has no access', async (t) => {
  const server = await startTestServer(t);
  const vice = await newPage(browser, server.baseUrl, LAPTOP);
  await signIn(vice.page, DEMO_VICE_PRINCIPAL_ID);
  await navTo(vice.page, 'Quyết định');
  await vice.page.getByText('Chỉ hiệu trưởng ghi và thu hồi quyết định.').waitFor();
  t.equal(await vice.page.getByRole('button', { name: 'Ghi quyết định mới' }).count(), 0, 'no form for the vice principal');

  // Where a decision is missing, the scheduling page and the quiz builder lead to this page.
  await vice.page.goto('/len-lich-truc-tuyen');
  await vice.page.getByLabel('Nội dung buổi học').fill('Ôn tập chương 1');
  await vice.page.getByLabel('Hình thức', { exact: true }).selectOption('replacing');
  await vice.page.getByRole('button', { name: 'Lên lịch', exact: true }).click();
  const hint = vice.page.locator('ph-live-schedule-page [role=alert]');
  await t.resolves(hint.getByText('cần quyết định của hiệu trưởng về tình huống bất khả kháng').waitFor(), 'replacing mode refused with a hint');
  await screenshot(vice.page, 'decisions-schedule-hint');
  await hint.getByRole('link', { name: 'Xem và ghi quyết định của hiệu trưởng' }).click();
  await vice.page.waitForURL(/\/quyet-dinh$/);
  await vice.page.goto('/kiem-tra/moi');
  await vice.page.getByLabel('Loại bài kiểm tra').selectOption('midterm');
  await t.resolves(vice.page.locator('ph-quiz-builder-page').getByRole('link', { name: 'Xem và ghi quyết định của hiệu trưởng' }).waitFor(), 'the quiz builder links to the decisions for periodic tests');

  const { page, pageErrors } = await newPage(browser, server.baseUrl, LAPTOP);
  await signIn(page, DEMO_TEACHER_ID);
  await page.locator('ph-app-header').getByRole('link', { name: 'Trang chủ' }).waitFor();
  t.equal(await navLink(page, 'Quyết định').count(), 0, 'no nav item for a teacher');
  await page.goto('/quyet-dinh');
  await t.resolves(page.getByRole('heading', { name: 'Bạn không có quyền xem trang này' }).waitFor(), 'the page is refused');
  await screenshot(page, 'decisions-teacher-refused');
  // The server refuses a teacher's decision whatever the page shows (Art. 5.4: the principal decides).
  const status = await page.evaluate(async () => {
    const me = await (await fetch('/api/auth/me')).json() as { csrfToken: string };
    return (await fetch('/api/decisions', {
    method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
    body: JSON.stringify({ type: 'force_majeure', classIds: 'all', subjectIds: 'all', startsOn: '2026-12-01', endsOn: '2026-12-02', reason: 'thử nghiệm' }),
    })).status;
  });
  t.equal(status, 403, 'the server refuses a teacher');
  t.same(vice.pageErrors, []);
  t.same(pageErrors, []);
});
