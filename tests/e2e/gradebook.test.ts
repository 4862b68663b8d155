import t from 'tap';
import type { Knex } from 'knex';
import { startTestServer } from '../helpers/server.js';
import path from 'node:path';
import { LAPTOP, launchBrowser, navLink, newPage, pageScrollWidth, PHONE, screenshot, SCREENSHOT_DIR } from '../helpers/browser.js';
import { DEMO_PASSWORD, DEMO_PARENT_LOGIN, DEMO_PRINCIPAL_ID, DEMO_STUDENT_ID, DEMO_TEACHER_ID } from '../../server/src/domain/demo/demo-school.js';

/**
 * Before the server starts: Toán 6A1, semester I, filled for most students with a mix of sources
 * (hand-typed, quiz, task, H5P), one pending quiz result against a hand-typed score; and every
 * subject of the demo student in both semesters, so the results page shows averages and levels.
 */
async function seedScores(knex: Knex) {
  const at = '2026-11-20T02:00:00.000Z';
  const [s1, s2] = await knex('semesters').orderBy('number');
  const cls = await knex('classes').where({ name: '6A1' }).first();
  const math = await knex('subjects').where({ code: 'TOAN' }).first();
  const me = await knex('people').where({ personal_id: DEMO_STUDENT_ID }).first();
  const students = await knex('enrolments as e').join('people as p', 'p.id', 'e.student_id').where('e.class_id', cls.id).orderBy('p.name_key').select('p.id');
  const rows: Record<string, unknown>[] = [];
  const sources = ['manual', 'quiz', 'task', 'h5p'];
  students.forEach((s: { id: number }, i: number) => {
    if (s.id === me.id || i >= students.length - 3) return; // the last three are left for the browser to type
    [1, 2, 3].forEach((slot) => rows.push({ student_id: s.id, subject_id: math.id, semester_id: s1.id, column_kind: 'regular', slot, score_tenths: 50 + ((i * 7 + slot * 13) % 50), source_kind: sources[(i + slot) % 4], source_id: (i + slot) % 4 ? 10 + slot : null, recorded_at: at }));
    if (i % 3 !== 2) rows.push({ student_id: s.id, subject_id: math.id, semester_id: s1.id, column_kind: 'midterm', slot: 0, score_tenths: 55 + ((i * 11) % 45), source_kind: 'manual', source_id: null, recorded_at: at });
  });
  await knex('gradebook_scores').insert(rows);
  const first = students.find((s: { id: number }) => s.id !== me.id);
  await knex('gradebook_feed_results').insert({ student_id: first.id, subject_id: math.id, semester_id: s1.id, column_kind: 'regular', slot: 1, source_kind: 'quiz', source_id: 77, score_tenths: 95, recorded_at: at });
  await knex('gradebook_scores').where({ student_id: first.id, subject_id: math.id, semester_id: s1.id, column_kind: 'regular', slot: 1 }).update({ source_kind: 'manual', source_id: null });
  // The demo student: every subject of grade 6, both semesters.
  const subjects = await knex('subject_grades as g').join('subjects as s', 's.id', 'g.subject_id').where('g.grade', 6).select('s.id', 's.assessment', 'g.periods_per_year');
  const mine: Record<string, unknown>[] = [];
  for (const [k, sem] of [s1, s2].entries()) {
    for (const [j, s] of subjects.entries()) {
      const n = s.assessment === 'comment' ? 2 : s.periods_per_year <= 35 ? 2 : s.periods_per_year <= 70 ? 3 : 4;
      const cols: [string, number][] = [...Array.from({ length: n }, (_, i): [string, number] => ['regular', i + 1]), ['midterm', 0], ['endterm', 0]];
      for (const [c, [kind, slot]] of cols.entries()) {
        mine.push({
          student_id: me.id, subject_id: s.id, semester_id: sem.id, column_kind: kind, slot,
          score_tenths: s.assessment === 'comment' ? null : 65 + ((j * 5 + c * 3 + k * 4) % 35), mark: s.assessment === 'comment' ? 'D' : null,
          source_kind: 'manual', recorded_at: at,
        });
      }
    }
  }
  await knex('gradebook_scores').insert(mine);
  await knex('gradebook_comments').insert({ student_id: me.id, subject_id: math.id, semester_id: s1.id, text: 'Em nắm vững kiến thức, cần trình bày bài cẩn thận hơn.', updated_at: at });
}

const server = await startTestServer(t, { beforeStart: seedScores });
const browser = await launchBrowser(t);

async function signIn(page: import('playwright-core').Page, login: string, path: string, heading: string) {
  await page.goto(path);
  await page.waitForURL(/\/dang-nhap\?next=/);
  await page.getByLabel('Mã định danh').fill(login);
  await page.getByLabel('Mật khẩu', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
  await page.getByRole('heading', { name: heading, exact: true }).waitFor();
}

t.test('the teacher enters Toán 6A1 with the keyboard; averages follow; bad values are refused', async (t) => {
  const { page, pageErrors } = await newPage(browser, server.baseUrl, LAPTOP);
  await signIn(page, DEMO_TEACHER_ID, '/so-diem', 'Sổ theo dõi và đánh giá học sinh');
  t.equal(await navLink(page, 'Sổ điểm').count(), 1, 'the nav item');
  await page.getByRole('heading', { name: /Toán · 6A1 · Học kì I/ }).waitFor();
  const grid = page.locator('ph-gradebook-grid');
  const rows = grid.locator('tbody tr');
  const n = await rows.count();
  t.ok(n >= 30, `${n} students`);
  // The last student: type ĐĐGtx1..4, ĐĐGgk, ĐĐGck going right with Tab.
  const last = rows.nth(n - 1);
  const name = (await last.locator('td.name').textContent())!.trim();
  await grid.getByLabel(`${name}, ĐĐGtx1`).click();
  for (const v of ['8', '7,5', '9', '6.5', '7']) {
    await page.keyboard.type(v);
    await page.keyboard.press('Tab');
  }
  await page.keyboard.type('8,5');
  await page.keyboard.press('Enter');
  // (8 + 7.5 + 9 + 6.5 + 2·7 + 3·8.5) / 9 = 70.5 / 9 = 7.83 → 7,8
  await t.resolves(last.locator('td.res').filter({ hasText: '7,8' }).waitFor(), 'the semester average appears once the row is complete');
  t.equal(await grid.getByLabel(`${name}, ĐĐGtx2`).inputValue(), '7,5');
  t.ok(await last.locator('.src-manual').first().isVisible(), 'the source badge: nhập tay');
  // Enter moves down the column: type in the previous student's ĐĐGgk, then Enter.
  const prev = rows.nth(n - 2);
  const prevName = (await prev.locator('td.name').textContent())!.trim();
  await grid.getByLabel(`${prevName}, ĐĐGgk`).click();
  await page.keyboard.type('11');
  await page.keyboard.press('Enter');
  await t.resolves(prev.locator('[role=alert]').filter({ hasText: 'Điểm từ 0 đến 10' }).waitFor(), 'an invalid score is flagged, not saved');
  t.equal(await grid.getByLabel(`${name}, ĐĐGgk`).evaluate((el) => el === (el.getRootNode() as unknown as { activeElement: unknown }).activeElement), true, 'and Enter moved to the next student');
  await grid.getByLabel(`${prevName}, ĐĐGgk`).fill('9');
  await grid.getByLabel(`${prevName}, ĐĐGgk`).press('Enter');
  await t.resolves(prev.locator('td.cell.saved').first().waitFor(), 'saved state shown');
  t.ok(await grid.locator('.src-quiz').first().isVisible(), 'quiz badge');
  t.ok(await grid.locator('.src-task').first().isVisible(), 'task badge');
  t.ok(await grid.locator('.src-h5p').first().isVisible(), 'H5P badge');
  t.ok(await grid.locator('button.pending').first().isVisible(), 'the pending quiz result against a hand-typed score');
  await grid.getByLabel(`${name}, Nhận xét`).fill('Tích cực phát biểu xây dựng bài.');
  await grid.getByLabel(`${name}, Nhận xét`).press('Enter');
  await t.resolves(last.locator('td.comment.saved').waitFor(), 'comment saved');
  await screenshot(page, 'gradebook-teacher-grid');
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'gradebook-teacher-grid-top.png') });
  // Comment subject: HĐTN takes Đ/CĐ.
  await page.getByLabel('Môn học').selectOption({ label: 'Hoạt động trải nghiệm, hướng nghiệp ✎' });
  await page.getByRole('heading', { name: /Hoạt động trải nghiệm, hướng nghiệp · 6A1/ }).waitFor();
  await grid.getByLabel(`${name}, ĐĐGtx1`).fill('đ');
  await grid.getByLabel(`${name}, ĐĐGtx1`).press('Enter');
  await t.resolves(grid.getByLabel(`${name}, ĐĐGtx1`).and(page.locator('[value]')).or(grid.locator('td.cell.saved')).first().waitFor());
  t.equal(await grid.getByLabel(`${name}, ĐĐGtx1`).inputValue(), 'Đ');
  // The export link downloads the .xlsx.
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: /Xuất Excel/ }).click();
  t.match((await download).suggestedFilename(), /^bang-diem-6a1-hdtn-HKI-.*\.xlsx$/i);
  // The homeroom summary.
  await page.getByRole('tab', { name: 'Tổng hợp lớp (GVCN)' }).click();
  await page.locator('ph-gradebook-summary table').waitFor();
  await screenshot(page, 'gradebook-class-summary');
  t.same(pageErrors, []);
});

t.test('the principal closes the semester: the grid is locked for the teacher', async (t) => {
  const { page, pageErrors } = await newPage(browser, server.baseUrl, LAPTOP);
  await signIn(page, DEMO_PRINCIPAL_ID, '/so-diem', 'Sổ theo dõi và đánh giá học sinh');
  await page.getByLabel('Lớp').selectOption({ label: '6A1' });
  await page.getByLabel('Môn học').selectOption({ label: 'Toán' });
  await page.getByRole('heading', { name: /Toán · 6A1/ }).waitFor();
  t.ok(await page.getByText('Chỉ xem').isVisible(), 'the principal reads, does not type');
  page.once('dialog', (d) => void d.accept());
  await page.getByRole('button', { name: /Khoá sổ học kì/ }).click();
  await page.getByText(/đã khoá sổ ngày/).waitFor();
  await screenshot(page, 'gradebook-locked-principal');
  const teacher = await newPage(browser, server.baseUrl, LAPTOP);
  await signIn(teacher.page, DEMO_TEACHER_ID, '/so-diem', 'Sổ theo dõi và đánh giá học sinh');
  await teacher.page.getByText(/đã khoá sổ ngày/).waitFor();
  t.equal(await teacher.page.locator('ph-gradebook-grid input').count(), 0, 'no inputs in a locked semester');
  page.once('dialog', (d) => void d.accept('Sửa điểm nhập nhầm'));
  await page.getByRole('button', { name: 'Mở lại sổ' }).click();
  await page.getByText(/Sổ điểm đã được mở lại ngày .*: Sửa điểm nhập nhầm/).waitFor();
  t.same([...pageErrors, ...teacher.pageErrors], []);
});

t.test('a student and a parent see the results on a phone', async (t) => {
  const { page, pageErrors } = await newPage(browser, server.baseUrl, PHONE, { mobile: true });
  await signIn(page, DEMO_STUDENT_ID, '/ket-qua-hoc-tap', 'Kết quả học tập');
  await page.locator('td.v').first().waitFor();
  t.match(await page.locator('tbody tr').filter({ hasText: 'Toán' }).first().textContent(), /\d,\d/, 'averages with a decimal comma');
  t.ok(await page.locator('.lv .badge').first().isVisible(), 'levels shown');
  t.ok(await pageScrollWidth(page) <= PHONE.width + 1, 'no sideways scrolling of the page');
  await page.getByRole('button', { name: 'Toán' }).click();
  await page.getByText('Em nắm vững kiến thức').waitFor();
  await screenshot(page, 'gradebook-student-results-phone');
  const parent = await newPage(browser, server.baseUrl, PHONE, { mobile: true });
  await signIn(parent.page, DEMO_PARENT_LOGIN, '/ket-qua-hoc-tap', 'Kết quả học tập');
  await parent.page.getByLabel('Học sinh').waitFor();
  t.ok((await parent.page.getByLabel('Học sinh').locator('option').count()) >= 2, 'the parent chooses among their children');
  await screenshot(parent.page, 'gradebook-parent-results-phone');
  t.same([...pageErrors, ...parent.pageErrors], []);
});
