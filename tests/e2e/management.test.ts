import t from 'tap';
import type { Page } from 'playwright-core';
import { startTestServer } from '../helpers/server.js';
import { LAPTOP, launchBrowser, navTo, newPage, PHONE, screenshot } from '../helpers/browser.js';
import { DEMO_PASSWORD, DEMO_PRINCIPAL_ID, DEMO_STUDENT_ID, DEMO_TEACHER_ID } from '../../server/src/domain/demo/demo-school.js';

const browser = await launchBrowser(t);

async function signIn(page: Page, login: string, password = DEMO_PASSWORD) {
  await page.getByLabel('Mã định danh').fill(login);
  await page.getByLabel('Mật khẩu', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
}

t.test('first run at the kiosk: the school and its principal', async (t) => {
  const server = await startTestServer(t, { demo: false });
  const { page, pageErrors } = await newPage(browser, server.baseUrl, LAPTOP);
  await page.goto('/');
  await page.waitForURL(/\/khoi-tao$/);
  await page.getByRole('heading', { name: 'Khởi tạo hệ thống cho nhà trường' }).waitFor();
  await page.getByLabel('Tên trường').fill('Trường THCS Lê Quý Đôn');
  await page.getByLabel('Mã trường').fill('79000999');
  t.equal(await page.getByLabel('Cấp học').inputValue(), 'lower_secondary');
  t.same((await page.getByLabel('Cấp học').locator('option').allTextContents()).map((s) => s.trim()),
    ['Tiểu học', 'Trung học cơ sở (THCS)', 'Trung học phổ thông (THPT)'], 'the three school levels');
  await page.getByLabel('Tỉnh, thành phố').fill('Thành phố Hồ Chí Minh');
  await page.getByLabel('Cơ quan quản lý trực tiếp').fill('Phòng Văn hóa – Xã hội phường Bến Thành');
  await page.getByLabel('Mã định danh').fill('CB79009999');
  await page.getByLabel('Họ và tên').fill('Phạm Thị Hồng Nhung');
  await page.getByLabel('Mật khẩu mới', { exact: true }).fill('Truong2026moi');
  await page.getByLabel('Nhập lại mật khẩu mới').fill('Truong2026moi');
  await screenshot(page, 'first-run');
  await page.getByRole('button', { name: 'Khởi tạo' }).click();
  await page.waitForURL(/\/dang-nhap$/);
  await t.resolves(page.getByText('Trường THCS Lê Quý Đôn').first().waitFor(), 'the sign-in page names the new school');

  await signIn(page, 'CB79009999', 'Truong2026moi');
  await page.getByRole('heading', { name: 'Xin chào, Phạm Thị Hồng Nhung' }).waitFor();
  await t.resolves(page.getByText('Nhà trường chưa có năm học hiện tại.').waitFor(), 'the principal is told to add a school year');
  await screenshot(page, 'first-run-home');
  t.same(pageErrors, []);
});

t.test('the principal runs the school structure and the accounts', async (t) => {
  const server = await startTestServer(t);
  const demo = server.demo!;
  const { page, pageErrors } = await newPage(browser, server.baseUrl, LAPTOP);
  page.on('dialog', (d) => void d.accept());
  await page.goto('/dang-nhap');
  await signIn(page, DEMO_PRINCIPAL_ID);
  await page.getByRole('heading', { name: 'Tổng quan nhà trường' }).waitFor();

  await navTo(page, 'Thông tin nhà trường');
  await page.getByLabel('Tên trường').waitFor(); // the form appears once the school is loaded
  t.equal(await page.getByLabel('Tên trường').inputValue(), demo.school.name, 'school information');
  await screenshot(page, 'school-info');

  await page.locator('ph-school-tabs').getByRole('link', { name: 'Năm học và học kì' }).click();
  await t.resolves(page.getByRole('heading', { name: `Năm học ${demo.schoolYear.name}` }).waitFor(), 'the school year');
  t.ok(await page.getByRole('cell', { name: 'Học kì II' }).isVisible(), 'with its semesters');
  await page.getByRole('button', { name: `Sửa ${demo.schoolYear.name}` }).click();
  const [d, m, y] = demo.schoolYear.startsOn.split('-').reverse();
  t.equal(await page.locator('ph-year-form #startsOn').inputValue(), `${d}/${m}/${y}`, 'the year form writes dates dd/mm/yyyy');
  await screenshot(page, 'school-year-form');
  await page.locator('ph-year-form').getByRole('button', { name: 'Lưu' }).click();
  await t.resolves(page.getByText('Đã lưu.').waitFor(), 'and saves them back as the API\'s YYYY-MM-DD');
  await screenshot(page, 'school-years');

  await page.locator('ph-school-tabs').getByRole('link', { name: 'Tổ chuyên môn' }).click();
  const group = demo.subjectGroups[0]!;
  await t.resolves(page.getByRole('heading', { name: group.name }).waitFor(), 'subject groups');
  const leader = demo.staff.find((s) => s.personalId === group.leaderPersonalId)!;
  t.match(await page.locator('article').filter({ hasText: group.name }).textContent(), new RegExp(`Tổ trưởng:\\s*${leader.fullName}`), 'with the leader');
  await screenshot(page, 'subject-groups');

  await page.locator('ph-school-tabs').getByRole('link', { name: 'Môn học' }).click();
  await page.getByRole('cell', { name: 'Toán', exact: true }).waitFor();
  t.same((await page.locator('ph-subjects-page thead th.num').allTextContents()).map((s) => s.trim()), ['Khối 6', 'Khối 7', 'Khối 8', 'Khối 9'], 'periods per grade');
  await screenshot(page, 'subjects');

  await page.locator('ph-school-tabs').getByRole('link', { name: 'Lớp học' }).click();
  await page.getByRole('link', { name: '6A1', exact: true }).waitFor();
  t.equal(await page.locator('ph-classes-page tbody tr').count(), demo.classes.length, 'every class');
  t.equal(await page.locator('ph-classes-page tr.over').count(), 1, 'one class highlighted as over the limit');
  await screenshot(page, 'classes');

  // Users: diacritic-insensitive search, the person page, a temporary password shown once.
  const student = demo.students.find((s) => s.personalId === DEMO_STUDENT_ID)!;
  await navTo(page, 'Người dùng');
  await page.getByLabel('Tìm theo tên hoặc mã định danh').fill(student.fullName.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase());
  // The whole school is listed first; the search narrows it to a handful.
  await t.resolves(page.locator('ph-people-page p[role=status]', { hasText: /trên tổng số [1-9]\d?$/ }).waitFor(), 'the search narrows the list');
  const link = page.locator('ph-people-page tbody').getByRole('link', { name: student.fullName });
  await t.resolves(link.first().waitFor(), 'a search without diacritics finds the student');
  t.ok(await page.locator('ph-people-page tbody tr').count() < 10, 'and only a few others');
  await screenshot(page, 'people');
  await link.first().click();
  await page.getByRole('heading', { name: student.fullName }).waitFor();
  t.match(await page.locator('.facts').textContent(), /Ngày sinh\s*\d{2}\/\d{2}\/\d{4}/, 'dates shown as dd/mm/yyyy');
  await page.getByRole('button', { name: 'Cấp mật khẩu tạm' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  const temporary = ((await dialog.locator('.secret').nth(1).textContent()) ?? '').trim();
  t.ok(temporary.length >= 8, 'a temporary password is shown');
  await screenshot(page, 'temporary-password');
  await dialog.getByRole('button', { name: 'Tôi đã ghi lại, đóng' }).click();
  await t.resolves(dialog.waitFor({ state: 'hidden' }), 'and gone once closed');

  // The student signs in with it on a phone and must choose a new password first.
  const phone = await newPage(browser, server.baseUrl, PHONE, { mobile: true });
  await phone.page.goto('/');
  await phone.page.waitForURL(/\/dang-nhap/);
  await signIn(phone.page, DEMO_STUDENT_ID, temporary);
  await phone.page.waitForURL(/\/doi-mat-khau$/);
  await phone.page.getByText('hãy đặt mật khẩu của riêng bạn').waitFor();
  await screenshot(phone.page, 'forced-password-change');
  await phone.page.goto('/');
  await phone.page.waitForURL(/\/doi-mat-khau$/);
  t.pass('every page leads back to the password change until it is done');
  await phone.page.getByLabel('Mật khẩu tạm được cấp').fill(temporary);
  await phone.page.getByLabel('Mật khẩu mới', { exact: true }).fill('HocSinh2026an');
  await phone.page.getByLabel('Nhập lại mật khẩu mới').fill('HocSinh2026an');
  await phone.page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
  await phone.page.getByRole('heading', { name: 'Môn học và giáo viên' }).waitFor();
  t.pass('then the student reaches the home page');
  t.same(phone.pageErrors, []);
  t.same(pageErrors, []);
});

t.test('a teacher reads the class page without management buttons', async (t) => {
  const server = await startTestServer(t);
  const demo = server.demo!;
  const { page, pageErrors } = await newPage(browser, server.baseUrl, LAPTOP);
  await page.goto('/dang-nhap');
  await signIn(page, DEMO_TEACHER_ID);
  await page.getByRole('heading', { name: 'Lớp tôi dạy' }).waitFor();
  await page.locator('ph-home-teaching a.tile').first().click();
  await page.getByRole('heading', { name: 'Lớp 6A1' }).waitFor();
  await page.getByRole('heading', { name: 'Danh sách học sinh' }).waitFor();
  t.equal(await page.locator('ph-class-page .students tbody tr').count(), demo.classes.find((c) => c.name === '6A1')!.students.length, 'the class list');
  t.equal(await page.getByRole('button', { name: /Sửa lớp|Bỏ phân công|Phân công/ }).count(), 0, 'no editing for a teacher');
  await screenshot(page, 'teacher-class');
  await page.goto('/nguoi-dung');
  await t.resolves(page.getByRole('heading', { name: 'Bạn không có quyền xem trang này' }).waitFor(), 'user management is closed to teachers');
  t.same(pageErrors, []);
});

t.test('the principal adds a class, assigns a teacher and adds a person; the certificate guide is public', async (t) => {
  const server = await startTestServer(t);
  const demo = server.demo!;
  const { page, pageErrors } = await newPage(browser, server.baseUrl, LAPTOP);
  page.on('dialog', (d) => void d.accept());

  await page.goto('/chung-chi');
  await page.getByRole('heading', { name: 'Chứng chỉ bảo mật' }).waitFor();
  await t.resolves(page.locator('summary', { hasText: 'Android' }).waitFor(), 'the certificate guide, per platform, without signing in');
  t.equal(await page.getByRole('link', { name: /Tải chứng chỉ/ }).getAttribute('href'), '/api/ca.crt');
  await screenshot(page, 'ca-guide');

  await page.goto('/lop');
  await page.waitForURL(/\/dang-nhap/);
  await signIn(page, DEMO_PRINCIPAL_ID);
  await page.getByRole('heading', { name: /^Lớp học/ }).waitFor();
  await page.getByRole('button', { name: 'Thêm lớp' }).click();
  await page.getByLabel('Khối').selectOption('9');
  await page.getByLabel('Tên lớp').fill('9A9');
  const teacher = demo.staff.find((s) => s.roles.includes('teacher') && !s.homeroomClass)!;
  await page.getByLabel('Giáo viên chủ nhiệm').selectOption({ label: teacher.fullName });
  await screenshot(page, 'class-form');
  await page.getByRole('button', { name: 'Lưu' }).click();
  const newClass = page.getByRole('link', { name: '9A9', exact: true });
  await t.resolves(newClass.waitFor(), 'the new class is listed');
  await newClass.click();
  await page.getByRole('heading', { name: 'Lớp 9A9' }).waitFor();
  t.match(await page.locator('ph-class-page .facts').textContent(), new RegExp(teacher.fullName), 'with its homeroom teacher');

  await page.getByLabel('Môn học').selectOption({ label: 'Toán' });
  await page.getByLabel('Giáo viên', { exact: true }).selectOption({ label: teacher.fullName });
  await page.getByRole('button', { name: 'Phân công', exact: true }).click();
  const row = page.locator('ph-class-assignments tbody tr').filter({ hasText: 'Toán' });
  await t.resolves(row.waitFor(), 'the assignment is listed');
  t.match(await row.textContent(), new RegExp(teacher.fullName));
  await screenshot(page, 'class-assignments');
  await row.getByRole('button', { name: /Bỏ phân công/ }).click();
  await t.resolves(row.waitFor({ state: 'detached' }), 'and can be removed');

  await page.goto('/nguoi-dung/them');
  await page.getByRole('heading', { name: 'Thêm người' }).waitFor();
  await page.getByLabel('Cán bộ, giáo viên, nhân viên').check();
  await page.getByLabel('Họ và tên').fill('Đinh Thị Thu Hằng');
  await page.getByLabel('Mã định danh').fill('GV7900009999');
  await page.getByLabel('Chức vụ').fill('Giáo viên');
  await screenshot(page, 'person-new');
  await page.getByRole('button', { name: 'Thêm', exact: true }).click();
  await page.getByRole('heading', { name: 'Đinh Thị Thu Hằng' }).waitFor();
  t.match(await page.locator('.facts').textContent(), /GV7900009999/, 'the new person\'s page');
  t.ok(await page.getByLabel('Giáo viên').isChecked(), 'a staff member is a teacher by default');
  await page.getByRole('button', { name: 'Khoá tài khoản' }).click();
  await t.resolves(page.getByRole('button', { name: 'Mở khoá tài khoản' }).waitFor(), 'the account can be locked');
  await screenshot(page, 'person');

  await page.getByRole('button', { name: /English/ }).click();
  await t.resolves(page.getByRole('button', { name: 'Unlock the account' }).waitFor(), 'and the page follows the language');
  t.same(pageErrors, []);
});
