import t from 'tap';
import type { Page } from 'playwright-core';
import { startTestServer } from '../helpers/server.js';
import { fontSizePx, launchBrowser, newPage, pageScrollWidth, screenshot, KIOSK, LAPTOP, PHONE } from '../helpers/browser.js';
import {
  DEMO_PARENT_LOGIN, DEMO_PASSWORD, DEMO_PRINCIPAL_ID, DEMO_STUDENT_ID, DEMO_TEACHER_ID,
} from '../../server/src/domain/demo/demo-school.js';
import { CLASS_SIZE_LIMIT } from '../../server/src/domain/school/school.types.js';

const server = await startTestServer(t);
const browser = await launchBrowser(t);
const demo = server.demo!;

async function signIn(page: Page, login: string, password = DEMO_PASSWORD) {
  await page.getByLabel('Mã định danh').fill(login);
  await page.getByLabel('Mật khẩu', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
}

/** Today in Hanoi time, as the UI writes it: "Thứ Bảy, 28 tháng 11 năm 2026". */
function vietnameseToday(): string {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-US', { timeZone: 'Asia/Ho_Chi_Minh', weekday: 'short', day: 'numeric', month: 'numeric', year: 'numeric' })
    .formatToParts(new Date()).map((p) => [p.type, p.value]));
  const weekday = { Sun: 'Chủ Nhật', Mon: 'Thứ Hai', Tue: 'Thứ Ba', Wed: 'Thứ Tư', Thu: 'Thứ Năm', Fri: 'Thứ Sáu', Sat: 'Thứ Bảy' }[parts.weekday as string];
  return `${weekday}, ${parts.day} tháng ${parts.month} năm ${parts.year}`;
}

t.test('the principal signs in, sees the overview, switches to English and signs out', async (t) => {
  const { page, pageErrors } = await newPage(browser, server.baseUrl, LAPTOP);
  await page.goto('/');
  await page.waitForURL(/\/dang-nhap\?next=%2F$/);
  await t.resolves(page.getByRole('heading', { name: 'Đăng nhập' }).waitFor(), 'a signed-out visitor lands on the sign-in page');
  await screenshot(page, 'login');

  await signIn(page, DEMO_PRINCIPAL_ID, 'sai-mat-khau-1');
  const alert = page.getByRole('alert');
  await alert.waitFor();
  t.equal((await alert.textContent())?.trim(), 'Mã định danh hoặc mật khẩu không đúng.', 'the server\'s Vietnamese message is shown');
  t.match(page.url(), /\/dang-nhap/, 'still on the sign-in page');
  await screenshot(page, 'login-wrong-password');

  await signIn(page, DEMO_PRINCIPAL_ID);
  await page.waitForURL((u) => u.pathname === '/');
  await page.getByRole('heading', { name: 'Tổng quan nhà trường' }).waitFor();
  const principal = demo.staff.find((s) => s.personalId === DEMO_PRINCIPAL_ID)!;
  await t.resolves(page.getByText(principal.fullName, { exact: true }).first().waitFor(), 'the header names the principal');
  await t.resolves(page.locator('ph-app-header').getByText('Hiệu trưởng', { exact: true }).waitFor(), 'and the role in Vietnamese');
  await t.resolves(page.getByText(demo.school.name).first().waitFor(), 'and the school');

  const limit = CLASS_SIZE_LIMIT[demo.school.level];
  const oversized = demo.classes.find((c) => c.students.length > limit)!;
  const warning = `Sĩ số ${oversized.students.length} vượt mức tối đa ${limit} học sinh/lớp`;
  t.equal(warning, 'Sĩ số 46 vượt mức tối đa 45 học sinh/lớp', 'the demo school has one class of 46');
  const item = page.locator('.oversized li').filter({ hasText: warning });
  await t.resolves(item.waitFor(), 'the oversized class is highlighted with the warning');
  t.match(await item.textContent(), new RegExp(`Lớp ${oversized.name}`));
  t.ok(await page.getByRole('link', { name: /Nhập danh sách/ }).first().isVisible(), 'links to the management pages');
  await screenshot(page, 'principal-home');

  await page.getByRole('button', { name: /English/ }).first().click();
  await t.resolves(page.getByRole('heading', { name: 'School overview' }).waitFor(), 'the labels switch to English');
  t.ok(await page.getByRole('button', { name: 'Sign out' }).isVisible());
  t.ok(await page.getByText(`${oversized.students.length} students, over the limit of ${limit} per class`).isVisible());
  t.ok(await page.locator('ph-app-header').getByText('Principal', { exact: true }).isVisible(), 'the role too');
  await screenshot(page, 'principal-home-en');

  await page.reload();
  await t.resolves(page.getByRole('heading', { name: 'School overview' }).waitFor(), 'the language is remembered on the account');

  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.waitForURL(/\/dang-nhap$/);
  await t.resolves(page.getByRole('heading', { name: 'Sign in' }).waitFor(), 'signing out returns to the sign-in page');
  await page.goto('/');
  await page.waitForURL(/\/dang-nhap/);
  t.pass('the session is gone: home sends back to sign-in');
  t.same(pageErrors, [], 'no uncaught errors in the page');
});

t.test('the teacher\'s kiosk home at 1920×1080', async (t) => {
  const { page, pageErrors } = await newPage(browser, server.baseUrl, KIOSK);
  await page.goto('/dang-nhap');
  await signIn(page, DEMO_TEACHER_ID);
  await page.getByRole('heading', { name: 'Lớp tôi dạy' }).waitFor();

  const date = page.locator('ph-home-page .date');
  t.equal((await date.textContent())?.trim(), vietnameseToday(), 'the Vietnamese date, e.g. "Thứ Bảy, 28 tháng 11 năm 2026"');

  const tiles = page.locator('ph-home-teaching a.tile');
  const teacher = demo.staff.find((s) => s.personalId === DEMO_TEACHER_ID)!;
  const taught = demo.teachingAssignments.filter((a) => a.teacherPersonalId === DEMO_TEACHER_ID);
  t.equal(await tiles.count(), taught.length + 2, 'one tile per class × subject taught, plus the homeroom class and its notices');
  t.equal(await page.locator('ph-home-teaching a.tile.notices').count(), 1, 'the homeroom teacher reaches the class notices from home');
  for (let i = 0; i < (await tiles.count()); i++) {
    const box = await tiles.nth(i).boundingBox();
    t.ok(box && box.height >= 64, `tile ${i + 1} is a large touch target (${box?.height}px tall)`);
  }
  const homeroom = demo.classes.find((c) => c.name === teacher.homeroomClass)!;
  const homeroomTile = tiles.filter({ hasText: 'Lớp chủ nhiệm' });
  t.match(await homeroomTile.textContent(), new RegExp(`Lớp ${homeroom.name}[\\s\\S]*${homeroom.students.length} học sinh`), 'the homeroom tile shows the class and its size');

  for (const target of await page.locator('ph-app-header').getByRole('button').or(page.locator('ph-app-header nav a:visible')).all()) {
    const box = await target.boundingBox();
    t.ok(box && box.height >= 64, `header target "${(await target.textContent())?.trim()}" is at least 64px tall (${box?.height}px)`);
  }
  // The links inside the navigation's groups ("Dạy học ▾"), each group opened in turn.
  for (const group of await page.locator('ph-app-header nav li.group > button').all()) {
    await group.click();
    for (const link of await page.locator('ph-app-header nav .panel:visible a').all()) {
      const box = await link.boundingBox();
      t.ok(box && box.height >= 64, `menu link "${(await link.textContent())?.trim()}" is at least 64px tall (${box?.height}px)`);
    }
    await page.keyboard.press('Escape');
  }
  const px = (selector: string) => fontSizePx(page.locator(selector));
  t.ok((await px('ph-home-teaching .subject')) >= 20, 'tile text is at least 20px');
  t.ok((await px('ph-home-teaching h2')) >= 28, 'headings are at least 28px');
  t.ok((await px('ph-home-page .date')) >= 20, 'the date is at least 20px');
  await screenshot(page, 'teacher-kiosk');
  t.same(pageErrors, []);
});

t.test('the student\'s home on a 390×844 phone', async (t) => {
  const { page, pageErrors } = await newPage(browser, server.baseUrl, PHONE, { mobile: true });
  await page.goto('/dang-nhap');
  await screenshot(page, 'login-phone');
  t.ok((await pageScrollWidth(page)) <= 390, 'the sign-in page fits the phone');
  await signIn(page, DEMO_STUDENT_ID);
  await page.getByRole('heading', { name: 'Môn học và giáo viên' }).waitFor();

  const student = demo.students.find((s) => s.personalId === DEMO_STUDENT_ID)!;
  await t.resolves(page.getByRole('heading', { name: `Lớp ${student.className}` }).waitFor(), 'the student\'s own class');
  await t.resolves(page.getByText(`Năm học ${demo.schoolYear.name}`).waitFor(), 'the school year');
  await t.resolves(page.getByText('Học kì I', { exact: false }).first().waitFor(), 'and the semester');
  t.ok(await page.locator('ph-home-learning .subjects li').count() > 5, 'the subjects with their teachers');
  const scrollWidth = await pageScrollWidth(page);
  t.ok(scrollWidth <= 390, `no horizontal scroll (scrollWidth ${scrollWidth})`);
  await screenshot(page, 'student-phone');
  t.same(pageErrors, []);
});

t.test('a parent sees the children, then signs out', async (t) => {
  const { page, pageErrors } = await newPage(browser, server.baseUrl, PHONE, { mobile: true });
  await page.goto('/dang-nhap');
  await signIn(page, DEMO_PARENT_LOGIN);
  await page.getByRole('heading', { name: 'Học sinh của gia đình' }).waitFor();
  const parent = demo.parents.find((p) => p.login === DEMO_PARENT_LOGIN)!;
  for (const id of parent.childrenPersonalIds) {
    const child = demo.students.find((s) => s.personalId === id)!;
    const card = page.locator('ph-home-children li').filter({ hasText: child.fullName });
    await t.resolves(card.waitFor(), `${child.fullName} is listed`);
    t.match(await card.textContent(), new RegExp(`Lớp ${child.className}`), 'with the class');
  }
  t.ok((await pageScrollWidth(page)) <= 390, 'no horizontal scroll');
  await screenshot(page, 'parent-home');

  await page.getByRole('button', { name: 'Đăng xuất' }).click();
  await page.waitForURL(/\/dang-nhap$/);
  await t.resolves(page.getByRole('heading', { name: 'Đăng nhập' }).waitFor(), 'back on the sign-in page');
  await screenshot(page, 'after-logout');
  t.same(pageErrors, []);
});
