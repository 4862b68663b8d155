import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import t from 'tap';
import type { Page } from 'playwright-core';
import { startTestServer } from '../helpers/server.js';
import { LAPTOP, launchBrowser, navTo, newPage, pageScrollWidth, PHONE, screenshot, signIn } from '../helpers/browser.js';
import { DEMO_PRINCIPAL_ID, DEMO_STUDENT_ID, DEMO_TEACHER_ID } from '../../server/src/domain/demo/demo-school.js';

const browser = await launchBrowser(t);

/** What the tests read of media elements in the page (the tests' TypeScript has no DOM library). */
interface MediaLike { readyState: number; duration: number; addEventListener(type: string, fn: () => void, opts?: { once: boolean }): void }
interface ImageLike { complete: boolean; naturalWidth: number; addEventListener(type: string, fn: () => void): void }

t.test('a teacher uploads a material, the group leader passes it, the principal approves it, a student sees it', async (t) => {
  const server = await startTestServer(t);
  const demo = server.demo!;
  const mathLeader = demo.subjectGroups.find((g) => g.subjectCodes.includes('TOAN'))!.leaderPersonalId;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'phonghoc-e2e-media-'));
  t.teardown(() => fs.rmSync(dir, { recursive: true, force: true }));
  const video = path.join(dir, 'Bài giảng phân số.webm');
  execFileSync('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc=size=320x180:rate=15', '-t', '3', '-c:v', 'libvpx', '-b:v', '200k', '-y', video]);
  const title = 'Video: so sánh hai phân số';

  // 1. The teacher authors and submits (Art. 7.1, 7.3).
  const teacher = await newPage(browser, server.baseUrl, LAPTOP);
  await signIn(teacher.page, DEMO_TEACHER_ID);
  await navTo(teacher.page, 'Học liệu');
  await teacher.page.getByRole('heading', { name: 'Học liệu', exact: true }).waitFor();
  await teacher.page.getByRole('link', { name: 'Tập hợp và phần tử của tập hợp' }).waitFor();
  await screenshot(teacher.page, 'materials-library-teacher');
  await teacher.page.getByRole('link', { name: '+ Thêm học liệu' }).click();
  await teacher.page.getByRole('heading', { name: 'Thêm học liệu' }).waitFor();
  const picker = teacher.page.locator('ph-lesson-picker');
  await picker.getByLabel('Môn học').selectOption({ label: 'Toán' });
  await picker.getByLabel('Khối').selectOption('6');
  await picker.getByLabel('Bài học/chủ đề').locator('option', { hasText: 'Bài 3.' }).waitFor({ state: 'attached' });
  const lessonValue = await picker.getByLabel('Bài học/chủ đề').locator('option', { hasText: 'Bài 3.' }).getAttribute('value');
  await picker.getByLabel('Bài học/chủ đề').selectOption(lessonValue!);
  await teacher.page.getByLabel('Loại học liệu').selectOption({ label: 'Bài giảng đa phương tiện' });
  await teacher.page.getByLabel('Tên học liệu').fill(title);
  await teacher.page.getByLabel('Mô tả').fill('Video ngắn hướng dẫn so sánh hai phân số cùng mẫu.');
  t.equal(await teacher.page.getByLabel('Tác giả').inputValue(), 'Nguyễn Kim Linh', 'the author defaults to the teacher');
  await teacher.page.getByLabel('Nguồn').fill('Tổ Toán – Tin học');
  await teacher.page.getByLabel('Giấy phép').selectOption('CC BY-SA 4.0');
  await teacher.page.getByLabel('Tệp học liệu').setInputFiles(video);
  await screenshot(teacher.page, 'materials-new-form');
  await teacher.page.getByRole('button', { name: 'Lưu và gửi duyệt' }).click();
  await teacher.page.waitForURL(/\/hoc-lieu\/\d+$/);
  const materialUrl = new URL(teacher.page.url()).pathname;
  await teacher.page.getByRole('heading', { name: title }).waitFor();
  await t.resolves(teacher.page.locator('.facts [data-status="submitted"]').waitFor(), 'submitted: waiting for the group');
  t.ok(await teacher.page.locator('video.player').getAttribute('src'), 'the uploaded video plays in the viewer');
  await screenshot(teacher.page, 'materials-submitted');
  t.same(teacher.pageErrors, [], 'no page errors for the teacher');

  // 2. The maths group's leader passes it from the queue.
  const leader = await newPage(browser, server.baseUrl, LAPTOP);
  await signIn(leader.page, mathLeader);
  await leader.page.goto('/hoc-lieu/duyet');
  await leader.page.getByRole('heading', { name: 'Duyệt học liệu' }).waitFor();
  const item = leader.page.locator('li.card', { hasText: title });
  await item.waitFor();
  await screenshot(leader.page, 'materials-queue-leader');
  await item.getByRole('button', { name: 'Tổ thông qua' }).click();
  await t.resolves(item.waitFor({ state: 'detached' }), 'it leaves the leader\'s queue');
  t.same(leader.pageErrors, []);

  // Before approval, the student does not see it.
  const student = await newPage(browser, server.baseUrl, PHONE, { mobile: true });
  await signIn(student.page, DEMO_STUDENT_ID);
  await student.page.goto('/hoc-lieu');
  await student.page.getByRole('link', { name: 'Tập hợp và phần tử của tập hợp' }).waitFor();
  t.equal(await student.page.getByRole('link', { name: title }).count(), 0, 'not visible to students before approval');

  // 3. The principal approves it on the viewer, after reading the history.
  const principal = await newPage(browser, server.baseUrl, LAPTOP);
  await signIn(principal.page, DEMO_PRINCIPAL_ID);
  await principal.page.goto('/hoc-lieu/duyet');
  const pItem = principal.page.locator('li.card', { hasText: title });
  await pItem.getByRole('link', { name: 'Mở' }).click();
  await principal.page.waitForURL((u) => u.pathname === materialUrl);
  await principal.page.getByRole('heading', { name: 'Lịch sử duyệt' }).waitFor();
  t.ok(await principal.page.locator('.history li', { hasText: 'Tổ thông qua' }).count(), 'the history shows the group\'s step');
  await principal.page.getByLabel('Nhận xét').fill('Đồng ý ban hành cho khối 6.');
  await screenshot(principal.page, 'materials-principal-viewer');
  await principal.page.getByRole('button', { name: 'Phê duyệt, ban hành' }).click();
  await t.resolves(principal.page.locator('.facts [data-status="published"]').waitFor(), 'published');
  await t.resolves(principal.page.locator('.history li', { hasText: 'Đồng ý ban hành cho khối 6.' }).waitFor(), 'the approval and its comment are in the history');
  await screenshot(principal.page, 'materials-published-history');
  t.same(principal.pageErrors, []);

  // 4. The student (on a phone) finds it without typing diacritics and plays it.
  await student.page.goto('/hoc-lieu');
  await student.page.getByLabel('Tìm học liệu').fill('so sanh phan so');
  const card = student.page.getByRole('link', { name: title });
  await card.waitFor();
  // The unfiltered list shows it too: wait for the search's reply to replace it.
  await t.resolves(student.page.getByText('1 học liệu', { exact: true }).waitFor(), 'the search finds just this one');
  t.equal(await student.page.locator('a.item').count(), 1);
  await screenshot(student.page, 'materials-library-student-phone');
  t.ok(await pageScrollWidth(student.page) <= PHONE.width, 'no sideways scrolling on a phone');
  await card.click();
  await student.page.getByRole('heading', { name: title }).waitFor();
  const player = student.page.locator('video.player');
  await player.waitFor();
  const duration = await player.evaluate((v: MediaLike) => new Promise<number>((resolve) => {
    if (v.readyState >= 1) resolve(v.duration);
    else v.addEventListener('loadedmetadata', () => resolve(v.duration), { once: true });
    setTimeout(() => resolve(v.duration), 5000);
  }));
  t.ok(duration > 2.5 && duration < 3.5, `the video's metadata loads through range requests (${duration}s)`);
  t.equal(await student.page.locator('ph-progress-tracker').count(), 1, 'progress is tracked on the viewer');
  t.equal(await student.page.getByRole('heading', { name: 'Lịch sử duyệt' }).count(), 0, 'students do not see the review history');
  await screenshot(student.page, 'materials-viewer-student-phone');
  t.same(student.pageErrors, []);
});

t.test('a lesson page with a picture, seen by a student', async (t) => {
  const server = await startTestServer(t);
  const student = await newPage(browser, server.baseUrl, PHONE, { mobile: true });
  await signIn(student.page, DEMO_STUDENT_ID);
  await student.page.goto('/hoc-lieu');
  await student.page.getByRole('link', { name: 'Tập hợp và phần tử của tập hợp' }).click();
  const img = student.page.locator('article.page img');
  await img.waitFor();
  const loaded = await img.evaluate((i: ImageLike) => new Promise<boolean>((resolve) => {
    if (i.complete) resolve(i.naturalWidth > 0);
    i.addEventListener('load', () => resolve(i.naturalWidth > 0));
    i.addEventListener('error', () => resolve(false));
  }));
  t.ok(loaded, 'the page\'s own picture loads');
  await screenshot(student.page, 'materials-lesson-page-phone');
  t.same(student.pageErrors, []);
});

t.test('a teacher authors a lesson page with the editor: text, an uploaded picture', async (t) => {
  const server = await startTestServer(t);
  const { page, pageErrors } = await newPage(browser, server.baseUrl, LAPTOP);
  await signIn(page, DEMO_TEACHER_ID);
  await page.goto('/hoc-lieu/moi');
  const picker = page.locator('ph-lesson-picker');
  await picker.getByLabel('Môn học').selectOption({ label: 'Toán' });
  await picker.getByLabel('Khối').selectOption('6');
  await page.getByLabel('Loại học liệu').selectOption({ label: 'Bài giảng đa phương tiện' });
  await page.getByLabel('Tên học liệu').fill('Trang bài giảng: phép cộng số tự nhiên');
  await page.getByLabel('Soạn trang bài giảng').check();
  const area = page.getByRole('textbox', { name: 'Nội dung trang bài giảng' });
  await area.click();
  await page.keyboard.type('Phép cộng có tính chất giao hoán: a + b = b + a.');
  await page.getByRole('button', { name: 'Lưu bản nháp' }).click();
  await page.waitForURL(/\/hoc-lieu\/\d+\/sua$/);
  const id = Number(/\/hoc-lieu\/(\d+)\/sua$/.exec(page.url())![1]);
  await t.resolves(page.getByText('Phép cộng có tính chất giao hoán').waitFor(), 'the saved text is back in the editor');
  // Pictures are uploaded to this material and inserted where the cursor is.
  await page.getByRole('textbox', { name: 'Nội dung trang bài giảng' }).click();
  await page.keyboard.press('End');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'phonghoc-e2e-img-'));
  t.teardown(() => fs.rmSync(dir, { recursive: true, force: true }));
  const png = path.join(dir, 'Hình minh hoạ.png');
  execFileSync('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc=size=200x120', '-frames:v', '1', '-y', png]);
  await page.locator('ph-page-editor input[type=file][accept*=".png"]').setInputFiles(png);
  await page.locator(`ph-page-editor .area img[src^="/api/materials/${id}/files/"]`).waitFor();
  await page.getByRole('button', { name: 'Đậm' }).waitFor();
  await screenshot(page, 'materials-page-editor');
  await page.getByRole('button', { name: 'Lưu và gửi duyệt' }).click();
  await page.waitForURL(new RegExp(`/hoc-lieu/${id}$`));
  const img = page.locator('article.page img');
  await img.waitFor();
  const loaded = await img.evaluate((i: ImageLike) => new Promise<boolean>((resolve) => {
    if (i.complete) resolve(i.naturalWidth > 0);
    i.addEventListener('load', () => resolve(i.naturalWidth > 0));
    i.addEventListener('error', () => resolve(false));
  }));
  t.ok(loaded, 'the page shows its own uploaded picture');
  await t.resolves(page.locator('.facts [data-status="submitted"]').waitFor(), 'and is submitted for review');
  t.same(pageErrors, []);
});
