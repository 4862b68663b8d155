import t from 'tap';
import type { Page } from 'playwright-core';
import { startTestServer } from '../helpers/server.js';
import { LAPTOP, launchBrowser, navLink, navTo, newPage, pageScrollWidth, PHONE, screenshot } from '../helpers/browser.js';
import { DEMO_PASSWORD, DEMO_STUDENT_ID } from '../../server/src/domain/demo/demo-school.js';

const browser = await launchBrowser(t);

async function signIn(page: Page, login: string) {
  await page.getByLabel('Mã định danh').fill(login);
  await page.getByLabel('Mật khẩu', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
}

t.test('a maths teacher works in the question bank', async (t) => {
  const server = await startTestServer(t);
  const demo = server.demo!;
  const mathGroup = demo.subjectGroups.find((g) => g.subjectCodes.includes('TOAN'))!;
  const teacher = demo.staff.find((s) => s.groupName === mathGroup.name && s.subjects.includes('TOAN') && s.personalId !== mathGroup.leaderPersonalId)!;
  const { page, pageErrors } = await newPage(browser, server.baseUrl, LAPTOP);
  page.on('dialog', (d) => void d.accept());
  await page.goto('/dang-nhap');
  await signIn(page, teacher.personalId);
  await navTo(page, 'Ngân hàng câu hỏi');
  await page.getByRole('heading', { name: 'Ngân hàng câu hỏi', level: 1 }).waitFor();
  await page.getByText(/^\d+ câu hỏi$/).waitFor();
  t.match(await page.getByText(/^\d+ câu hỏi$/).textContent(), /^(6\d|7\d) câu hỏi$/, 'the demo Toán 6 bank');
  t.ok(await page.getByText(/Một thợ lặn đang ở độ sâu 12 m/).first().isVisible(), 'the newest demo question with its key');
  t.ok(await page.getByText('Đáp án: -8 m').isVisible(), 'its key shows');
  await screenshot(page, 'questions-list');

  // search without diacritics
  await page.getByLabel('Tìm trong nội dung').fill('so nguyen to chan');
  await page.getByText('Số 2 là số nguyên tố chẵn duy nhất.').first().waitFor();
  await page.getByLabel('Tìm trong nội dung').fill('');

  // a new numeric question through the form
  await page.getByRole('button', { name: 'Thêm câu hỏi' }).click();
  const form = page.locator('ph-question-form');
  await form.getByLabel('Loại câu hỏi').selectOption('numeric');
  await form.getByLabel('Mức độ').selectOption('van_dung');
  await form.getByLabel('Bài học').selectOption({ label: '11. Bài 10. Số nguyên tố' });
  await form.getByLabel('Nội dung câu hỏi').fill('Tính 7 : 2 (ghi kết quả dạng số thập phân).');
  await form.getByLabel('Đáp số').fill('3,5');
  await form.getByLabel('Dung sai (±)').fill('0,01');
  await screenshot(page, 'questions-form-numeric');
  await form.getByRole('button', { name: 'Lưu' }).click();
  await page.getByText('Tính 7 : 2 (ghi kết quả dạng số thập phân).').waitFor();
  t.ok(await page.getByText('Đáp án: 3,5 ± 0,01').isVisible(), 'saved with the decimal comma');

  // a single-choice question: the form refuses two correct options, explained in Vietnamese
  await page.getByRole('button', { name: 'Thêm câu hỏi' }).click();
  await form.getByLabel('Nội dung câu hỏi').fill('Số nào là số chẵn?');
  for (const [i, v] of ['2', '3', '5', '7'].entries()) await form.getByLabel(`Phương án ${'ABCD'[i]}`).fill(v);
  await form.getByRole('button', { name: 'Lưu' }).click();
  await t.resolves(form.getByText('Câu một đáp án cần đúng một phương án đúng (đánh dấu *).').waitFor(), 'no correct option: refused with the reason');
  await form.getByLabel('Đúng: A').check();
  await form.getByRole('button', { name: 'Lưu' }).click();
  await page.getByText('Số nào là số chẵn?').waitFor();

  // import: paste the example, check, commit
  await page.getByRole('tab', { name: 'Nhập câu hỏi' }).click();
  const imp = page.locator('ph-question-import');
  await imp.getByRole('button', { name: 'Dùng ví dụ' }).click();
  await imp.getByRole('button', { name: 'Kiểm tra' }).click();
  await imp.getByText('7 câu hợp lệ').waitFor();
  await screenshot(page, 'questions-import-preview');
  await imp.getByRole('button', { name: 'Nhập 7 câu vào ngân hàng' }).click();
  await imp.getByText('Đã nhập 7 câu hỏi vào ngân hàng.').waitFor();
  await imp.getByLabel(/Văn bản câu hỏi/).fill('Câu 1 [XYZ]: Thiếu đáp án\n\nCâu 2 [NB]: Hai\nA. 1');
  await imp.getByRole('button', { name: 'Kiểm tra' }).click();
  await imp.getByText('2 câu có lỗi').waitFor();
  t.ok(await imp.getByText(/Dòng 1: Nhãn trong ngoặc vuông không được hỗ trợ/).isVisible(), 'the line and the reason');
  await screenshot(page, 'questions-import-errors');

  await page.getByRole('tab', { name: 'Thống kê theo bài' }).click();
  await page.getByRole('heading', { name: 'Số câu hỏi theo bài và mức độ' }).waitFor();
  await screenshot(page, 'questions-matrix');
  t.same(pageErrors, []);

  // phone: no sideways scrolling
  const phone = await newPage(browser, server.baseUrl, PHONE, { mobile: true });
  await phone.page.goto('/dang-nhap');
  await signIn(phone.page, teacher.personalId);
  await phone.page.waitForURL((u) => !u.pathname.startsWith('/dang-nhap'));
  await phone.page.goto('/ngan-hang-cau-hoi');
  await phone.page.getByText(/^\d+ câu hỏi$/).waitFor();
  t.ok(await pageScrollWidth(phone.page) <= PHONE.width + 1, 'fits a phone');
  await screenshot(phone.page, 'questions-phone');

  // a student never reaches the bank
  const st = await newPage(browser, server.baseUrl, PHONE, { mobile: true });
  await st.page.goto('/dang-nhap');
  await signIn(st.page, DEMO_STUDENT_ID);
  await st.page.waitForURL((u) => !u.pathname.startsWith('/dang-nhap'));
  t.equal(await navLink(st.page, 'Ngân hàng câu hỏi').count(), 0, 'no nav item for students');
  const res = await st.page.request.get('/api/questions');
  t.equal(res.status(), 403, 'and no API');
});
