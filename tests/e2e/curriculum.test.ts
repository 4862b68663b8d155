import t from 'tap';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startTestServer } from '../helpers/server.js';
import { LAPTOP, launchBrowser, navLink, newPage, pageScrollWidth, PHONE, screenshot } from '../helpers/browser.js';
import { DEMO_PASSWORD, DEMO_PRINCIPAL_ID } from '../../server/src/domain/demo/demo-school.js';

const server = await startTestServer(t);
const browser = await launchBrowser(t);
const demo = server.demo!;

async function signIn(page: import('playwright-core').Page, login: string) {
  await page.goto('/chuong-trinh');
  await page.waitForURL(/\/dang-nhap\?next=/);
  await page.getByLabel('Mã định danh').fill(login);
  await page.getByLabel('Mật khẩu', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
  await page.getByRole('heading', { name: 'Chương trình môn học' }).waitFor();
}

t.test('the principal reads, reorders, adds, deletes and imports lessons of Toán 6', async (t) => {
  const { page, pageErrors } = await newPage(browser, server.baseUrl, LAPTOP);
  await signIn(page, DEMO_PRINCIPAL_ID);
  t.equal(await navLink(page, 'Chương trình').count(), 1, 'the nav item for staff');
  await page.getByLabel('Môn học').selectOption({ label: 'Toán' });
  await page.getByLabel('Khối').selectOption({ label: 'Khối 6' });
  await page.getByRole('heading', { name: 'Chương I. Tập hợp các số tự nhiên' }).waitFor();
  const items = page.locator('li.lesson');
  await t.resolves(items.filter({ hasText: 'Bài 1. Tập hợp' }).first().waitFor(), 'the first lesson');
  t.match(await items.first().textContent(), /Nhận biết được tập hợp và các phần tử của tập hợp/, 'with its required outcomes');
  t.ok(await page.getByRole('heading', { name: 'Chương II. Tính chia hết trong tập hợp các số tự nhiên' }).isVisible(), 'grouped by chapter');
  await screenshot(page, 'curriculum-toan-6');

  // Move "Bài 2" up: it becomes the first lesson.
  await page.getByRole('button', { name: 'Chuyển lên: Bài 2. Cách ghi số tự nhiên' }).click();
  await page.waitForFunction(() => true);
  await t.resolves(page.locator('li.lesson').first().filter({ hasText: 'Bài 2. Cách ghi số tự nhiên' }).waitFor(), 'moved to the top');
  await page.getByRole('button', { name: 'Chuyển xuống: Bài 2. Cách ghi số tự nhiên' }).click();
  await t.resolves(page.locator('li.lesson').first().filter({ hasText: 'Bài 1. Tập hợp' }).waitFor(), 'and back');

  // Add a lesson at the end, then delete it.
  await page.getByRole('button', { name: 'Thêm bài' }).click();
  await page.getByLabel('Tên bài').fill('Ôn tập cuối học kì I');
  await page.getByLabel('Số tiết').fill('2');
  await page.getByRole('textbox', { name: 'Yêu cầu cần đạt' }).fill('Hệ thống hoá kiến thức chương I, II.\nVận dụng giải bài toán thực tế.');
  await screenshot(page, 'curriculum-add');
  await page.getByRole('button', { name: 'Lưu' }).click();
  const added = page.locator('li.lesson').filter({ hasText: 'Ôn tập cuối học kì I' });
  await added.waitFor();
  t.match(await added.textContent(), /Vận dụng giải bài toán thực tế/, 'outcomes one per line');
  page.once('dialog', (d) => void d.accept());
  await added.getByRole('button', { name: 'Xoá' }).click();
  await t.resolves(added.waitFor({ state: 'detached' }), 'deleted');

  // Import: preview with a per-row report.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cur-e2e-'));
  const file = path.join(dir, 'toan-6-bo-sung.csv');
  fs.writeFileSync(file, '\uFEFFMôn,Khối,STT,Chủ đề/Chương,Tên bài,Số tiết,Yêu cầu cần đạt\r\nToán,6,1,Chương III. Số nguyên,Bài 14. Phép cộng và phép trừ số nguyên,3,"Thực hiện được phép cộng, phép trừ các số nguyên."\r\nToán,6,2,Chương III. Số nguyên,,1,\r\n');
  await page.getByRole('button', { name: 'Nhập từ tệp' }).click();
  await page.locator('#file').setInputFiles(file);
  const report = page.locator('.report');
  await report.waitFor();
  t.match(await report.textContent(), /1 dòng hợp lệ[\s\S]*1 dòng bị từ chối/, 'the counts');
  t.match(await report.textContent(), /Thiếu tên bài/, 'the Vietnamese reason');
  t.ok(await page.getByRole('button', { name: 'Nhập 1 bài' }).isDisabled(), 'no import while a row is rejected');
  await screenshot(page, 'curriculum-import-report');
  t.same(pageErrors, [], 'no script errors');
});

t.test('the lesson picker: subject, grade, lesson; fires change', async (t) => {
  const { page, pageErrors } = await newPage(browser, server.baseUrl, LAPTOP);
  await signIn(page, DEMO_PRINCIPAL_ID);
  // The page loads the picker's module; put one picker on the page as a form would.
  await page.evaluate(() => {
    const g = globalThis as unknown as { document: { createElement(n: string): any; querySelector(s: string): any }; __picked: unknown[] };
    g.__picked = [];
    const el = g.document.createElement('ph-lesson-picker');
    el.id = 'picker';
    el.addEventListener('change', (e: { detail: unknown }) => g.__picked.push(e.detail));
    g.document.querySelector('main')?.prepend(el) ?? g.document.querySelector('body').prepend(el);
  });
  const picker = page.locator('#picker');
  await picker.getByLabel('Môn học').selectOption({ label: 'Toán' });
  await picker.getByLabel('Khối').selectOption({ label: 'Khối 7' });
  await picker.getByLabel('Bài học/chủ đề').selectOption({ label: '1. Bài 1. Tập hợp các số hữu tỉ' });
  await picker.getByText('Yêu cầu cần đạt (3)').click();
  t.ok(await picker.getByText('Nhận biết được số hữu tỉ và lấy được ví dụ về số hữu tỉ.').isVisible(), 'the outcomes of the chosen lesson');
  const picked = await page.evaluate(() => (globalThis as unknown as { __picked: { subjectId: number; grade: number; curriculumLessonId: number | null }[] }).__picked);
  const last = picked[picked.length - 1]!;
  t.equal(last.grade, 7);
  t.ok(last.curriculumLessonId && last.subjectId, 'the detail names the subject and the lesson');
  t.same(pageErrors, []);
});

t.test('a teacher reads another group\'s programme without edit buttons; phone layout', async (t) => {
  const lit = demo.subjectGroups.find((g) => g.subjectCodes.includes('NV'))!;
  const teacher = demo.staff.find((s) => s.groupName === lit.name && s.personalId !== lit.leaderPersonalId)!;
  const { page, pageErrors } = await newPage(browser, server.baseUrl, PHONE, { mobile: true });
  await signIn(page, teacher.personalId);
  await page.getByLabel('Môn học').selectOption({ label: 'Toán' });
  await page.getByLabel('Khối').selectOption({ label: 'Khối 6' });
  await page.getByText('Bài 1. Tập hợp', { exact: true }).waitFor();
  t.match(await page.locator('.notice').first().textContent(), /chỉ xem được/, 'read-only notice');
  t.equal(await page.getByRole('button', { name: 'Thêm bài' }).count(), 0, 'no add button');
  t.equal(await page.getByRole('button', { name: 'Xoá' }).count(), 0, 'no delete buttons');
  await page.getByLabel('Môn học').selectOption({ label: 'Ngữ văn' });
  await page.getByText('Đọc: Bài học đường đời đầu tiên (Tô Hoài)').waitFor();
  t.ok(await page.getByRole('button', { name: 'Thêm bài' }).isVisible(), 'their own subject is editable');
  t.ok((await pageScrollWidth(page)) <= PHONE.width, 'no sideways scrolling on a phone');
  await screenshot(page, 'curriculum-phone');
  await page.evaluate(() => (globalThis as unknown as { scrollTo(x: number, y: number): void }).scrollTo(0, 0));
  await page.screenshot({ path: (await screenshot(page, 'curriculum-phone')).replace('.png', '-top.png'), fullPage: false });
  t.same(pageErrors, []);
});

t.test('a maths teacher schedules a live lesson of a curriculum lesson from the curriculum page', async (t) => {
  const a = demo.teachingAssignments.find((x) => x.subjectCode === 'TOAN' && x.grade === 6)!;
  const { page, pageErrors } = await newPage(browser, server.baseUrl, LAPTOP);
  await signIn(page, a.teacherPersonalId);
  await page.getByLabel('Môn học').selectOption({ label: 'Toán' });
  await page.getByLabel('Khối').selectOption({ label: 'Khối 6' });
  const lesson2 = page.locator('li.lesson').filter({ hasText: 'Bài 2. Cách ghi số tự nhiên' });
  await lesson2.getByRole('link', { name: 'Dạy trực tuyến' }).click();
  await page.getByRole('heading', { name: 'Lên lịch buổi học trực tuyến' }).waitFor();
  const picker = page.locator('ph-lesson-picker');
  await page.waitForFunction(() => true);
  await t.resolves(picker.locator('select[name="curriculumLessonId"] option:checked', { hasText: 'Bài 2. Cách ghi số tự nhiên' }).waitFor({ state: 'attached' }), 'the lesson is preset');
  t.ok(await picker.getByLabel('Môn học').isDisabled(), 'the subject comes from the class × subject');
  t.match(await page.getByLabel('Lớp và môn').locator('option:checked').textContent(), new RegExp(`${a.className} · Toán`));
  await page.getByLabel('Ngày').fill('2026-12-15');
  await page.getByLabel('Bắt đầu').fill('08:00');
  await page.getByLabel('Kết thúc').fill('08:45');
  await screenshot(page, 'curriculum-live-schedule');
  await page.getByRole('button', { name: 'Lên lịch', exact: true }).click();
  const open = page.getByRole('link', { name: 'Xem buổi học' });
  await open.waitFor();
  const id = Number((await open.getAttribute('href'))!.split('/').pop());
  const lesson = await page.evaluate(async (lessonId) => {
    const res = await (globalThis as unknown as { fetch(u: string): Promise<{ json(): Promise<unknown> }> }).fetch(`/api/live-lessons/${lessonId}`);
    return res.json() as Promise<{ topic: string; curriculumLessonId: number | null; startsAt: string }>;
  }, id);
  t.equal(lesson.topic, 'Bài 2. Cách ghi số tự nhiên', 'the topic is the lesson title');
  t.ok(lesson.curriculumLessonId, 'linked to the curriculum lesson');
  t.same(pageErrors, []);
});
