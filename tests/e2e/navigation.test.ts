import t from 'tap';
import type { Locator, Page } from 'playwright-core';
import { startTestServer } from '../helpers/server.js';
import { KIOSK, LAPTOP, launchBrowser, navLink, navTo, newPage, PHONE, pageScrollWidth, screenshot, signIn, type Viewport } from '../helpers/browser.js';
import { DEMO_PARENT_LOGIN, DEMO_PRINCIPAL_ID, DEMO_STUDENT_ID, DEMO_TEACHER_ID } from '../../server/src/domain/demo/demo-school.js';

// The header's grouped navigation: staff who see many items get plain links plus group buttons
// ("Dạy học ▾") on ONE row; students and parents keep the flat row; a phone scrolls the row.

const browser = await launchBrowser(t);
const server = await startTestServer(t);

const nav = (page: Page) => page.locator('ph-app-header nav');
const group = (page: Page, name: string) => nav(page).getByRole('button', { name, exact: true });
const panelOf = (button: Locator) => button.locator('xpath=following-sibling::ul');

/** The top edge of every item of the bar (links, group buttons, certificate guide): one value = one row. */
async function rowTops(page: Page): Promise<number[]> {
  const tops = new Set<number>();
  for (const li of await nav(page).locator('ul.row > li').all()) {
    const box = await li.boundingBox();
    if (box) tops.add(Math.round(box.y));
  }
  return [...tops];
}

/** Waits until the named group is marked as holding the current page (the header re-renders after the URL changes). */
function currentGroup(page: Page, name: string): Promise<void> {
  return nav(page).locator('li.group > button[aria-current="true"]').filter({ hasText: name }).waitFor();
}

/** Whether the element is the focused one of its shadow root. */
function hasFocus(locator: Locator): Promise<boolean> {
  return locator.evaluate((el) => (el as unknown as { getRootNode(): { activeElement: unknown } }).getRootNode().activeElement === el);
}

async function signedIn(login: string, viewport: Viewport, opts: { mobile?: boolean } = {}) {
  const p = await newPage(browser, server.baseUrl, viewport, opts);
  await signIn(p.page, login);
  await nav(p.page).getByRole('link', { name: 'Trang chủ', exact: true }).waitFor();
  return p;
}

const PRINCIPAL_GROUPS = ['Nhà trường', 'Dạy học', 'Kiểm tra – đánh giá', 'Hồ sơ – báo cáo'];
// Everything the principal could reach from the flat list before, still reachable (in a group or plain).
const PRINCIPAL_LINKS = [
  'Trang chủ', 'Tổng quan', 'Thông tin nhà trường', 'Lớp học', 'Chương trình', 'Kế hoạch dạy học', 'Quyết định', 'Thông báo', 'Công khai',
  'Học liệu', 'H5P tương tác', 'Ngân hàng câu hỏi', 'Kiểm tra', 'Nhiệm vụ', 'Hỏi đáp', 'Tiến độ', 'Sổ điểm', 'Báo cáo', 'Hồ sơ lưu trữ',
  'Người dùng', 'Nhập danh sách', 'Kỹ thuật', 'Dữ liệu học sinh', 'Chứng chỉ bảo mật',
];

t.test('the principal on a laptop: one row, groups open by click and keyboard, one at a time', async (t) => {
  const { page, pageErrors } = await signedIn(DEMO_PRINCIPAL_ID, LAPTOP);
  t.same(await rowTops(page), [(await rowTops(page))[0]], 'the navigation is one row at 1366 px');
  for (const name of PRINCIPAL_GROUPS) {
    t.equal(await group(page, name).getAttribute('aria-expanded'), 'false', `"${name}" is a closed group button`);
  }
  for (const name of ['Trang chủ', 'Tổng quan', 'Kỹ thuật', 'Chứng chỉ bảo mật']) {
    t.ok(await nav(page).getByRole('link', { name, exact: true }).isVisible(), `"${name}" stays a plain link`);
  }
  for (const name of PRINCIPAL_LINKS) t.equal(await navLink(page, name).count(), 1, `"${name}" is still in the navigation`);
  t.equal(await navLink(page, 'Mã PIN').count(), 0, 'no kiosk PIN item for the principal');
  t.equal(await navLink(page, 'Tin nhắn phụ huynh').count(), 0, 'no parents\' inbox for the principal');
  t.notOk(await navLink(page, 'Quyết định').isVisible(), 'grouped links are hidden until their group opens');

  // Click: the panel opens under its button with large targets; another group replaces it.
  const school = group(page, 'Nhà trường');
  await school.click();
  t.equal(await school.getAttribute('aria-expanded'), 'true');
  const panel = panelOf(school);
  t.equal(await panel.getAttribute('id'), await school.getAttribute('aria-controls'), 'aria-controls names the panel');
  t.same(await panel.getByRole('link').allTextContents().then((l) => l.map((s) => s.trim())),
    ['Thông tin nhà trường', 'Lớp học', 'Quyết định', 'Thông báo', 'Công khai', 'Người dùng', 'Nhập danh sách', 'Dữ liệu học sinh'], 'the school\'s links in order');
  for (const link of await panel.getByRole('link').all()) {
    const box = await link.boundingBox();
    t.ok(box && box.height >= 44, `panel link "${(await link.textContent())?.trim()}" is a touch target (${box?.height}px)`);
  }
  await screenshot(page, 'nav-principal-laptop-school-open');
  await group(page, 'Dạy học').click();
  t.equal(await school.getAttribute('aria-expanded'), 'false', 'opening another group closes the first');
  t.equal(await nav(page).locator('.panel:visible').count(), 1, 'only one panel is open');
  await page.locator('main').click({ position: { x: 5, y: 5 } });
  t.equal(await nav(page).locator('.panel:visible').count(), 0, 'a click outside closes it');

  // Keyboard: Enter opens, Escape closes and gives the focus back; Space and the arrows too.
  const assessment = group(page, 'Kiểm tra – đánh giá');
  await assessment.focus();
  await page.keyboard.press('Enter');
  t.equal(await assessment.getAttribute('aria-expanded'), 'true', 'Enter opens');
  await page.keyboard.press('Tab');
  t.ok(await hasFocus(panelOf(assessment).getByRole('link', { name: 'Ngân hàng câu hỏi' })), 'Tab goes into the panel');
  await page.keyboard.press('Escape');
  t.equal(await assessment.getAttribute('aria-expanded'), 'false', 'Escape closes');
  t.ok(await hasFocus(assessment), 'and returns the focus to the button');
  await page.keyboard.press(' ');
  t.equal(await assessment.getAttribute('aria-expanded'), 'true', 'Space opens');
  await page.keyboard.press('Escape');
  await page.keyboard.press('ArrowDown');
  t.ok(await hasFocus(panelOf(assessment).getByRole('link', { name: 'Ngân hàng câu hỏi' })), 'ArrowDown opens and focuses the first link');
  await page.keyboard.press('ArrowDown');
  t.ok(await hasFocus(panelOf(assessment).getByRole('link', { name: 'Kiểm tra', exact: true })), 'ArrowDown moves to the next link');
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/kiem-tra/);
  t.equal(await nav(page).locator('.panel:visible').count(), 0, 'choosing a link closes the panel');
  await t.resolves(currentGroup(page, 'Kiểm tra – đánh giá'), 'the group of the current page is marked');
  t.equal(await group(page, 'Dạy học').getAttribute('aria-current'), null, 'the other groups are not');

  // The helper the other browser tests use.
  await navTo(page, 'Hồ sơ lưu trữ');
  await page.waitForURL(/\/ho-so-luu-tru/);
  await t.resolves(currentGroup(page, 'Hồ sơ – báo cáo'), 'the records group is current');
  await group(page, 'Hồ sơ – báo cáo').click();
  t.equal(await navLink(page, 'Hồ sơ lưu trữ').getAttribute('aria-current'), 'page', 'the current page inside the panel');
  await screenshot(page, 'nav-principal-laptop-records-open');
  t.same(pageErrors, []);
});

t.test('the principal at kiosk size and a teacher on the teaching room\'s kiosk: one row', async (t) => {
  const principal = await signedIn(DEMO_PRINCIPAL_ID, KIOSK);
  t.equal((await rowTops(principal.page)).length, 1, 'the principal\'s navigation is one row at 1920 px');
  await screenshot(principal.page, 'nav-principal-kiosk');

  const { page, pageErrors } = await signedIn(DEMO_TEACHER_ID, KIOSK);
  await page.locator('ph-home-teaching a.tile').first().waitFor();
  t.equal(await page.evaluate(() => (globalThis as unknown as { document: { documentElement: { hasAttribute(a: string): boolean } } }).document.documentElement.hasAttribute('data-kiosk')), true, 'the large kiosk layout');
  t.equal((await rowTops(page)).length, 1, 'the teacher\'s navigation is one row on the kiosk');
  t.same(await nav(page).getByRole('button').allTextContents().then((l) => l.map((s) => s.replace('▾', '').trim())),
    ['Nhà trường', 'Dạy học', 'Kiểm tra – đánh giá'], 'the teacher\'s groups');
  t.ok(await nav(page).getByRole('link', { name: 'Báo cáo', exact: true }).isVisible(), 'a group with one item for the role is a plain link');
  t.ok(await nav(page).getByRole('link', { name: 'Mã PIN', exact: true }).isVisible(), 'the kiosk PIN stays plain');
  for (const name of ['Quyết định', 'Tổng quan', 'Hồ sơ lưu trữ', 'Người dùng', 'Kỹ thuật', 'Dữ liệu học sinh']) {
    t.equal(await navLink(page, name).count(), 0, `no "${name}" for a teacher, not even hidden`);
  }
  const teaching = group(page, 'Dạy học');
  await teaching.click();
  const links = panelOf(teaching).getByRole('link');
  t.same((await links.allTextContents()).map((s) => s.trim()),
    ['Chương trình', 'Kế hoạch dạy học', 'Học liệu', 'H5P tương tác', 'Nhiệm vụ', 'Hỏi đáp', 'Tiến độ', 'Tin nhắn phụ huynh'], 'the teacher\'s teaching links');
  for (const target of [teaching, ...(await links.all())]) {
    const box = await target.boundingBox();
    t.ok(box && box.height >= 64, `"${(await target.textContent())?.trim()}" is at least 64px tall on the kiosk (${box?.height}px)`);
  }
  await screenshot(page, 'nav-teacher-kiosk-open');
  await page.keyboard.press('Escape');
  t.ok(await hasFocus(teaching), 'Escape returns the focus (after a touch too)');
  t.same([...principal.pageErrors, ...pageErrors], []);
});

t.test('a teacher on a laptop', async (t) => {
  const { page, pageErrors } = await signedIn(DEMO_TEACHER_ID, LAPTOP);
  t.equal((await rowTops(page)).length, 1, 'one row at 1366 px');
  await navTo(page, 'Tin nhắn phụ huynh');
  await page.waitForURL((u) => u.pathname !== '/');
  await t.resolves(currentGroup(page, 'Dạy học'), 'the teaching group is current');
  await screenshot(page, 'nav-teacher-laptop');
  t.same(pageErrors, []);
});

t.test('in English the groups are translated and the row still fits', async (t) => {
  const { page, pageErrors } = await signedIn(DEMO_PRINCIPAL_ID, LAPTOP);
  await page.locator('ph-language-switch button[lang=en]').click();
  await nav(page).getByRole('link', { name: 'Home', exact: true }).waitFor();
  t.same((await nav(page).getByRole('button').allTextContents()).map((s) => s.replace('▾', '').trim()),
    ['School', 'Teaching', 'Assessment', 'Records & reports'], 'the group buttons in English');
  t.equal((await rowTops(page)).length, 1, 'one row');
  await group(page, 'School').click();
  t.ok(await navLink(page, 'School information').isVisible(), 'the panel in English');
  // The choice is kept for the account: back to Vietnamese for the other tests.
  await page.locator('ph-language-switch button[lang=vi]').click();
  await nav(page).getByRole('link', { name: 'Trang chủ', exact: true }).waitFor();
  t.same(pageErrors, []);
});

t.test('a student and a parent keep the flat row', async (t) => {
  const student = await signedIn(DEMO_STUDENT_ID, LAPTOP);
  t.equal(await nav(student.page).getByRole('button').count(), 0, 'no group buttons for a student');
  t.same((await nav(student.page).getByRole('link').allTextContents()).map((s) => s.trim()),
    ['Trang chủ', 'Học liệu', 'H5P tương tác', 'Kiểm tra', 'Nhiệm vụ', 'Hỏi đáp', 'Tiến độ', 'Kết quả học tập', 'Chứng chỉ bảo mật'], 'every student link visible');
  const parent = await signedIn(DEMO_PARENT_LOGIN, LAPTOP);
  t.equal(await nav(parent.page).getByRole('button').count(), 0, 'no group buttons for a parent');
  t.ok(await nav(parent.page).getByRole('link', { name: 'Con của tôi', exact: true }).isVisible(), 'the parent\'s corner is a plain link');
  t.equal((await rowTops(parent.page)).length, 1);
  await screenshot(parent.page, 'nav-parent-laptop');
  t.same([...student.pageErrors, ...parent.pageErrors], []);
});

t.test('on a phone: one scrolling row, a panel across the screen, no sideways page scroll', async (t) => {
  const student = await signedIn(DEMO_STUDENT_ID, PHONE, { mobile: true });
  t.equal((await rowTops(student.page)).length, 1, 'the student\'s row scrolls instead of wrapping');
  t.ok((await pageScrollWidth(student.page)) <= PHONE.width, 'no sideways scroll for the student');
  await screenshot(student.page, 'nav-student-phone');

  const { page, pageErrors } = await signedIn(DEMO_PRINCIPAL_ID, PHONE, { mobile: true });
  t.equal((await rowTops(page)).length, 1, 'the principal\'s row too');
  const teaching = group(page, 'Dạy học');
  await teaching.tap();
  const panel = panelOf(teaching);
  await panel.waitFor();
  const box = await panel.boundingBox();
  t.ok(box && box.x <= 0.5 && Math.abs(box.width - PHONE.width) <= 1, `the panel spans the screen (${box?.x}, ${box?.width}px)`);
  t.ok((await pageScrollWidth(page)) <= PHONE.width, `no sideways page scroll with the panel open (${await pageScrollWidth(page)}px)`);
  await screenshot(page, 'nav-principal-phone-open');
  await panel.getByRole('link', { name: 'Học liệu' }).tap();
  await page.waitForURL(/\/hoc-lieu/);
  t.notOk(await panel.isVisible(), 'choosing a link closes the panel');
  t.ok((await pageScrollWidth(page)) <= PHONE.width, 'still no sideways scroll');
  t.same([...student.pageErrors, ...pageErrors], []);
});
