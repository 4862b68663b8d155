import t from 'tap';
import type { Frame, Page } from 'playwright-core';
import { startTestServer } from '../helpers/server.js';
import { LAPTOP, launchBrowser, navTo, newPage, PHONE, screenshot, signIn } from '../helpers/browser.js';
import { DEMO_STUDENT_ID, DEMO_TEACHER_ID } from '../../server/src/domain/demo/demo-school.js';
import { buildQuickCheckPackage } from '../../server/src/data/h5p-quickcheck.js';

/**
 * H5P in the browser (Art. 9.3): a teacher uploads the project's own content type and assigns it to
 * the class with a gradebook column; the student plays it through h5p-standalone in headless
 * Chromium, answers, the xAPI result is recorded, the saved state comes back on reload, and the
 * score reaches the gradebook (read through the gradebook's API).
 */
const browser = await launchBrowser(t);

/** The H5P iframe of the player, once the content type has rendered in it. */
async function contentFrame(page: Page): Promise<Frame> {
  const handle = await page.locator('ph-h5p-player iframe.h5p-iframe').elementHandle({ timeout: 20_000 });
  const frame = await handle!.contentFrame();
  await frame!.locator('.h5p-phonghoc-quick-check .pqc-check').waitFor({ timeout: 20_000 });
  return frame!;
}

t.test('a teacher uploads and assigns; a student plays; the result reaches the gradebook', async (t) => {
  const server = await startTestServer(t);
  const pkg = await buildQuickCheckPackage({
    title: 'Toán 6 – Số nguyên tố',
    question: 'Số nào sau đây là số nguyên tố?',
    options: [{ text: '21', correct: false }, { text: '27', correct: false }, { text: '29', correct: true }],
  });

  // ── Teacher: upload with progress, see it, assign it to the class with a gradebook column ──
  const teacher = await newPage(browser, server.baseUrl, LAPTOP);
  teacher.page.on('dialog', (d) => void d.accept());
  await signIn(teacher.page, DEMO_TEACHER_ID);
  await navTo(teacher.page, 'H5P tương tác');
  await teacher.page.getByRole('heading', { name: 'Nội dung tương tác H5P' }).waitFor();
  await t.resolves(teacher.page.getByText('chưa cài tệp lõi và trình soạn thảo H5P').waitFor(), 'the page says the editor is not installed');

  // A refused package: a clear Vietnamese error, nothing listed.
  const bad = await buildQuickCheckPackage({ title: 'x', question: 'x', options: [{ text: 'a', correct: true }] }, { tweak: (z) => z.file('../../thoat-ra.json', '{}') });
  await teacher.page.locator('ph-file-drop input[type=file]').setInputFiles({ name: 'doc-hai.h5p', mimeType: 'application/zip', buffer: bad });
  await t.resolves(teacher.page.getByRole('alert').getByText('đường dẫn không an toàn').waitFor(), 'the unsafe package is refused with its reason');
  await screenshot(teacher.page, 'h5p-teacher-refused');

  await teacher.page.locator('ph-file-drop input[type=file]').setInputFiles({ name: 'so-nguyen-to.h5p', mimeType: 'application/zip', buffer: pkg });
  await teacher.page.getByRole('cell', { name: 'Toán 6 – Số nguyên tố' }).waitFor();
  await t.resolves(teacher.page.getByText('H5P.PhonghocQuickCheck 1.0.0').waitFor(), 'the installed library is announced');

  await teacher.page.getByRole('button', { name: 'Giao cho lớp' }).first().click();
  const form = teacher.page.locator('form.assign');
  await form.getByLabel('Lớp').selectOption({ label: '6A1' });
  await form.getByLabel('Môn học').locator('option').nth(1).waitFor({ state: 'attached' });
  await form.getByLabel('Môn học').selectOption({ index: 1 });
  await form.getByLabel('Cột điểm').selectOption('regular');
  await form.getByLabel('Học kì').selectOption({ index: 1 });
  await form.getByLabel('Lấy điểm').selectOption('best');
  await screenshot(teacher.page, 'h5p-teacher-assign');
  await form.getByRole('button', { name: 'Giao bài' }).click();
  await teacher.page.getByText('Đánh giá thường xuyên 1').waitFor();
  await screenshot(teacher.page, 'h5p-teacher-list');

  const activities = await (await teacher.page.request.get('/api/h5p/activities')).json() as { id: number; contentId: number; classId: number; subjectId: number; gradebook: { semesterId: number } }[];
  t.equal(activities.length, 1);
  const act = activities[0]!;

  // ── Student (phone): the exercise is listed; play it through h5p-standalone ──────────────────
  const student = await newPage(browser, server.baseUrl, PHONE, { mobile: true });
  await signIn(student.page, DEMO_STUDENT_ID);
  await student.page.goto('/h5p');
  await student.page.getByRole('heading', { name: 'Toán 6 – Số nguyên tố' }).waitFor();
  await screenshot(student.page, 'h5p-student-list');
  await student.page.getByRole('link', { name: 'Làm bài' }).click();
  await student.page.waitForURL(new RegExp(`/h5p/${act.contentId}$`));
  const xapi = student.page.evaluate(() => new Promise<unknown[]>((resolve) => {
    const seen: unknown[] = [];
    (globalThis as unknown as { document: { addEventListener(n: string, f: (e: { detail: unknown }) => void): void } }).document.addEventListener('ph-h5p-xapi', (e) => {
      seen.push(e.detail);
      if ((e.detail as { verb: string }).verb === 'completed') resolve(seen);
    });
  }));
  let frame = await contentFrame(student.page);
  await frame.getByText('Số nào sau đây là số nguyên tố?').waitFor();
  await frame.getByLabel('29').check();
  await frame.getByRole('button', { name: 'Kiểm tra' }).click();
  await frame.getByText('Đúng rồi!').waitFor();
  const events = await xapi as { contentId: number; verb: string; score?: { raw: number; max: number; scaled: number }; completed: boolean; recorded: boolean }[];
  const answered = events.find((e) => e.verb === 'answered');
  t.match(answered, { contentId: act.contentId, verb: 'answered', score: { raw: 1, max: 1, scaled: 1 }, completed: true, recorded: true }, 'ph-h5p-xapi reached the page');
  t.match(events.at(-1), { verb: 'completed', recorded: true });
  await student.page.getByText('Kết quả của em: lần gần nhất 1/1, tốt nhất 1/1 (1 lần làm).').waitFor();
  await screenshot(student.page, 'h5p-student-played');

  // Recorded for the student (the server's own view), and the state saved for resuming.
  const mine = await (await student.page.request.get('/api/h5p/activities')).json() as { myResult: { attempts: number; best: { raw: number; max: number } } | null }[];
  t.match(mine[0]?.myResult, { attempts: 1, best: { raw: 1, max: 1 } }, 'the result is recorded');
  let state: { data: string | null } = { data: null };
  for (let i = 0; i < 30 && !state.data; i++) {
    state = await (await student.page.request.get(`/api/h5p/contents/${act.contentId}/state`)).json() as { data: string | null };
    if (!state.data) await student.page.waitForTimeout(200);
  }
  t.match(JSON.parse(state.data ?? 'null'), { selected: 2, checked: true }, 'the state was saved');

  // Reload: the saved state comes back (the answer stays chosen and checked).
  await student.page.reload();
  frame = await contentFrame(student.page);
  t.ok(await frame.getByLabel('29').isChecked(), 'the chosen answer is restored');
  await t.resolves(frame.getByText('Đúng rồi!').waitFor(), 'the checked state is restored');

  // ── The gradebook shows the H5P score (× 10) in the chosen column ───────────────────────────
  const grid = await teacher.page.request.get(`/api/gradebook/grid?classId=${act.classId}&subjectId=${act.subjectId}&semesterId=${act.gradebook.semesterId}`);
  t.equal(grid.status(), 200, 'the gradebook API answers');
  const body = await grid.json() as { students: { personalId: string | null; cells: Record<string, { score: number | null; source: string; sourceId: number | null }> }[] };
  const row = body.students.find((s) => s.personalId === DEMO_STUDENT_ID);
  const cell = Object.values(row?.cells ?? {}).find((c) => c.source === 'h5p');
  t.match(cell, { score: 10, source: 'h5p', sourceId: act.id }, 'the H5P result reached the gradebook');

  t.same(teacher.pageErrors, []);
  t.same(student.pageErrors, []);
});
