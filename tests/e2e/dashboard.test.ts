import t from 'tap';
import { startTestServer } from '../helpers/server.js';
import { fontSizePx, KIOSK, LAPTOP, launchBrowser, navLink, navTo, newPage, pageScrollWidth, PHONE, screenshot, signIn } from '../helpers/browser.js';
import { addLesson, addPresence, seedBusyDay } from '../helpers/dashboard-activity.js';
import { openDatabase } from '../../server/src/db/database.js';
import { DEMO_PRINCIPAL_ID, DEMO_TEACHER_ID, DEMO_VICE_PRINCIPAL_ID } from '../../server/src/domain/demo/demo-school.js';

const browser = await launchBrowser(t);

t.test("the principal's dashboard on the on-site screen, a laptop and a phone", async (t) => {
  const server = await startTestServer(t, { beforeStart: (knex) => seedBusyDay(knex, { liveClasses: 3, endedClasses: 6 }) });

  t.test('kiosk screen (1920×1080): from the home page, large type, refreshed every 30 s without blinking', async (t) => {
    const { page, pageErrors } = await newPage(browser, server.baseUrl, KIOSK);
    await page.clock.install();
    await signIn(page, DEMO_PRINCIPAL_ID);
    // The principal's natural entry: the link on the home page.
    await page.getByRole('link', { name: /Mở bảng tổng quan/ }).click();
    await page.waitForURL(/\/tong-quan$/);
    await page.getByRole('heading', { name: 'Tổng quan nhà trường', level: 1 }).waitFor();
    const tiles = page.locator('ph-dashboard-page .tiles');
    await t.resolves(tiles.locator('[data-tile=live]').getByText('3 lớp').waitFor(), 'three classes online now');

    const attendance = (await tiles.locator('[data-tile=attendance] .value').textContent()) ?? '';
    t.match(attendance, /^\d{1,3}(,\d)?\s?%$/, `attendance as a Vietnamese percentage (${attendance})`);
    t.match(await page.locator('ph-dashboard-page .date').textContent(), /tháng \d+ năm \d{4} · Học kì I, năm học/, 'Vietnamese date and semester');

    // Live lessons: class, subject, teacher, present / enrolled, mode.
    const liveRows = page.locator('ph-dashboard-page .area-live tbody tr');
    t.equal(await liveRows.count(), 3);
    const first = (await liveRows.first().textContent()) ?? '';
    t.match(first, /6A1/);
    t.match(first, /Thay thế dạy trực tiếp/, 'the mode');
    t.match(first, /\d+\/\d+/, 'present / enrolled');

    // Attendance chart with its table, heat cells with theirs.
    const bars = page.locator('ph-dashboard-page .area-attendance ph-chart-bars li');
    t.equal(await bars.count(), 6, 'one bar per class that had lessons today');
    await page.locator('ph-dashboard-page .area-attendance').getByRole('button', { name: 'Xem bảng số liệu' }).click();
    t.equal(await page.locator('ph-dashboard-page .area-attendance table tbody tr').count(), 6, 'the table behind the chart');
    const heat = page.locator('ph-dashboard-page ph-dashboard-assessment table.heat');
    t.ok(await heat.locator('tbody tr').count() >= 12, 'a row per class');
    t.match(await heat.locator('td.cell').first().textContent(), /%/, 'percentages in the cells');

    // Materials waiting (the demo's two), device health (an offline microphone).
    const materials = page.locator('ph-dashboard-page .area-materials');
    t.match(await materials.textContent(), /Chờ hiệu trưởng phê duyệt \(1\)[\s\S]*Kể lại một trải nghiệm của em/);
    t.match(await materials.textContent(), /Tổ trưởng chuyên môn đang xem xét \(1\)[\s\S]*Luyện tập: thứ tự trong tập hợp số tự nhiên/);
    t.equal(await materials.getByRole('link', { name: 'Mở hàng chờ duyệt' }).getAttribute('href'), '/hoc-lieu/duyet');
    const devices = page.locator('ph-dashboard-page ph-dashboard-devices');
    t.match(await devices.locator('.state').textContent(), /Cần kiểm tra/, 'the room needs a check');
    t.match(await devices.locator('ul.alerts').textContent(), /Micro đa hướng không phản hồi/, 'the open alert');

    // Read from a metre away: large figures, no sideways scrolling.
    t.ok(await fontSizePx(tiles.locator('.value')) >= 36, 'tile figures at least 36 px');
    t.ok(await fontSizePx(page.locator('ph-dashboard-page .area-live tbody th')) >= 24, 'class names in the live table at least 24 px');
    t.ok(await pageScrollWidth(page) <= KIOSK.width, 'fits the screen');
    await screenshot(page, 'dashboard-kiosk');

    // A fourth class goes online; the next refresh shows it in the same elements (nothing redrawn from empty).
    const db = openDatabase({ dataDir: server.dataDir });
    try {
      const c = await db.knex('classes').where({ name: '7A2' }).first('id');
      const a = await db.knex('teaching_assignments').where({ class_id: c.id }).first('subject_id', 'teacher_id');
      const lesson = await addLesson(db.knex, { classId: c.id, subjectId: a.subject_id, teacherId: a.teacher_id, startsAt: Date.now() - 60_000, endsAt: Date.now() + 2_400_000, status: 'live' });
      const students = await db.knex('enrolments').where({ class_id: c.id }).pluck('student_id');
      for (const s of students.slice(0, 10)) await addPresence(db.knex, lesson, s, Date.now() - 30_000, null);
    } finally {
      await db.close();
    }
    const tilesBefore = await tiles.elementHandle();
    const rowBefore = await liveRows.first().elementHandle();
    await page.clock.runFor(30_500);
    await t.resolves(tiles.locator('[data-tile=live]').getByText('4 lớp').waitFor(), 'refreshed after 30 s');
    t.equal(await liveRows.count(), 4);
    t.ok(await tilesBefore?.evaluate((el) => (el as unknown as { isConnected: boolean }).isConnected), 'the same tiles, updated in place');
    t.ok(await rowBefore?.evaluate((el) => (el as unknown as { isConnected: boolean }).isConnected), 'the same first row, updated in place');
    t.same(pageErrors, []);
  });

  t.test('laptop: the vice principal opens it from the navigation', async (t) => {
    const { page, pageErrors } = await newPage(browser, server.baseUrl, LAPTOP);
    await signIn(page, DEMO_VICE_PRINCIPAL_ID);
    await navTo(page, 'Tổng quan');
    await page.waitForURL(/\/tong-quan$/);
    await page.locator('ph-dashboard-page .tiles').getByText('4 lớp').waitFor();
    t.equal(await page.locator('ph-dashboard-page .area-materials').getByRole('link', { name: 'Mở hàng chờ duyệt' }).count(), 0, 'the vice principal does not approve (Art. 7.3): no queue link');
    t.ok(await pageScrollWidth(page) <= LAPTOP.width, 'fits a laptop');
    await screenshot(page, 'dashboard-laptop');
    t.same(pageErrors, []);
  });

  t.test('phone: nothing overflows sideways', async (t) => {
    const { page, pageErrors } = await newPage(browser, server.baseUrl, PHONE, { mobile: true });
    await signIn(page, DEMO_PRINCIPAL_ID);
    await page.goto('/tong-quan');
    await page.locator('ph-dashboard-page .tiles').getByText('4 lớp').waitFor();
    t.ok(await pageScrollWidth(page) <= PHONE.width, `no sideways scrolling (${await pageScrollWidth(page)} px)`);
    await screenshot(page, 'dashboard-phone');
    t.same(pageErrors, []);
  });

  t.test('a teacher has no dashboard', async (t) => {
    const { page } = await newPage(browser, server.baseUrl, LAPTOP);
    await signIn(page, DEMO_TEACHER_ID);
    t.equal(await navLink(page, 'Tổng quan').count(), 0, 'no nav item');
    await page.goto('/tong-quan');
    await page.waitForTimeout(500);
    t.equal(await page.locator('ph-dashboard-page .tiles').count(), 0, 'the page does not open');
  });
});

t.test('a quiet day: every empty section says what is missing', async (t) => {
  const server = await startTestServer(t);
  const { page, pageErrors } = await newPage(browser, server.baseUrl, LAPTOP);
  await signIn(page, DEMO_PRINCIPAL_ID, { from: '/tong-quan' });
  await page.waitForURL(/\/tong-quan$/);
  const p = page.locator('ph-dashboard-page');
  await t.resolves(p.getByText('Lúc này không có giờ học trực tuyến nào đang diễn ra.').waitFor(), 'no live lesson');
  await t.resolves(p.getByText('Hôm nay chưa có giờ học trực tuyến nào diễn ra nên chưa có số liệu chuyên cần.').waitFor(), 'no attendance yet');
  t.equal(await p.locator('[data-tile=attendance] .value').textContent(), 'Chưa có giờ học');
  await t.resolves(p.locator('ph-dashboard-devices').getByText('Chưa khai báo thiết bị nào của phòng học.').waitFor(), 'no devices');
  await t.resolves(p.locator('ph-dashboard-devices').getByText('Chưa thêm camera nào.').waitFor(), 'no cameras');
  t.match(await p.locator('[data-tile=assessment] .value').textContent(), /^0\s?%$/, 'nothing entered in the gradebook yet');
  await screenshot(page, 'dashboard-empty');
  t.same(pageErrors, []);
});
