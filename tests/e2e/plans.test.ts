import t from 'tap';
import { startTestServer } from '../helpers/server.js';
import { KIOSK, LAPTOP, launchBrowser, navTo, newPage, pageScrollWidth, PHONE, screenshot, signIn } from '../helpers/browser.js';
import { DEMO_PRINCIPAL_ID, DEMO_TEACHER_ID } from '../../server/src/domain/demo/demo-school.js';
import { schoolWeeks } from '../../server/src/domain/plans/plan-calendar.js';

const browser = await launchBrowser(t);

t.test('a teacher drafts a plan from the curriculum, the group leader passes it, the principal approves it, plan versus actual shows a lesson held', async (t) => {
  let heldTitle = '';
  const server = await startTestServer(t, {
    // One live lesson of 6A1 Toán held online in week 1, linked to the curriculum's first lesson; the demo's in-person marks removed.
    beforeStart: async (knex) => {
      await knex('teaching_plan_taught').delete();
      const cls = await knex('classes').where({ name: '6A1' }).first('id', 'school_year_id');
      const subject = await knex('subjects').where({ code: 'TOAN' }).first('id');
      const teacher = await knex('people').where({ personal_id: DEMO_TEACHER_ID }).first('id');
      const lesson = await knex('curriculum_lessons').where({ subject_id: subject.id, grade: 6, position: 1 }).first('id', 'title');
      heldTitle = lesson.title;
      const sems = (await knex('semesters').where({ school_year_id: cls.school_year_id }).select()).map((s) => ({ id: s.id, number: s.number, startsOn: s.starts_on, endsOn: s.ends_on, weeks: s.weeks }));
      const at = `${schoolWeeks(sems)[0]!.startsOn}T01:00:00.000Z`;
      await knex('live_lessons').insert({ class_id: cls.id, subject_id: subject.id, teacher_id: teacher.id, topic: lesson.title, curriculum_lesson_id: lesson.id, starts_at: at, ends_at: at, mode: 'supporting', status: 'ended', started_at: at, ended_at: at, created_at: at });
    },
  });
  const demo = server.demo!;
  const mathLeader = demo.subjectGroups.find((g) => g.subjectCodes.includes('TOAN'))!.leaderPersonalId;

  // 1. The teacher drafts the semester-I plan of 6A1 Toán from the curriculum, edits a week and submits it.
  const teacher = await newPage(browser, server.baseUrl, LAPTOP);
  const tp = teacher.page;
  await signIn(tp, DEMO_TEACHER_ID);
  await navTo(tp, 'Kế hoạch dạy học');
  await tp.getByRole('heading', { name: 'Kế hoạch dạy học', exact: true }).waitFor();
  await tp.getByRole('cell', { name: 'Cả năm' }).first().waitFor();
  await screenshot(tp, 'plans-list-teacher');
  const create = tp.locator('details.create');
  if (!(await create.getAttribute('open'))) await create.locator('summary').click();
  await tp.getByLabel('Lớp và môn học / hoạt động giáo dục').selectOption({ label: '6A1 · Toán' });
  await tp.getByLabel('Thời gian').selectOption({ index: 0 });
  t.ok(await tp.getByLabel(/Soạn sẵn từ chương trình/).isChecked(), 'drafting from the curriculum is the default');
  await tp.getByRole('button', { name: 'Lập kế hoạch' }).click();
  await tp.waitForURL(/\/ke-hoach-day-hoc\/\d+$/);
  const planUrl = new URL(tp.url()).pathname;
  await tp.getByRole('heading', { name: /Kế hoạch dạy học: Toán · 6A1 · Học kì I/ }).waitFor();
  await tp.getByRole('cell', { name: heldTitle }).first().waitFor();
  t.equal(await tp.locator('table.weeks tbody tr').count(), 18, 'the 18 weeks of semester I');
  await screenshot(tp, 'plans-drafted-weeks');

  await tp.getByRole('button', { name: 'Sửa các tuần' }).click();
  await tp.locator('li.week-edit[data-week="2"]').getByLabel('Hình thức').selectOption({ label: 'Trực tuyến hỗ trợ' });
  await tp.locator('li.week-edit[data-week="2"]').getByLabel('Học liệu dự kiến').fill('Bài giảng điện tử: Tập hợp');
  await screenshot(tp, 'plans-editing');
  await tp.getByRole('button', { name: 'Lưu', exact: true }).click();
  await tp.locator('table.weeks').getByText('Bài giảng điện tử: Tập hợp').waitFor();
  t.equal(await tp.locator('table.weeks tbody tr').nth(1).locator('.mode').textContent(), 'Trực tuyến hỗ trợ', 'week 2 is online supporting');

  await tp.getByRole('tab', { name: 'Theo tháng' }).click();
  await tp.getByRole('cell', { name: /Tháng 9\/\d{4}/ }).waitFor();
  await screenshot(tp, 'plans-months');
  await tp.getByRole('tab', { name: 'Cả năm' }).click();
  await tp.getByText('Số tiết cả năm của môn').waitFor();

  await tp.getByRole('button', { name: 'Gửi tổ chuyên môn duyệt' }).click();
  await tp.locator('.meta .badge', { hasText: 'Chờ tổ chuyên môn' }).waitFor();
  t.same(teacher.pageErrors, [], 'no page errors for the teacher');

  // 2. The maths group's leader, at the kiosk, passes it from the queue.
  const leader = await newPage(browser, server.baseUrl, KIOSK, { mobile: false });
  const lp = leader.page;
  await signIn(lp, mathLeader);
  await lp.goto('/ke-hoach-day-hoc');
  const queue = lp.locator('section', { has: lp.getByRole('heading', { name: 'Chờ tôi duyệt' }) });
  await queue.getByRole('cell', { name: 'Học kì I' }).waitFor();
  await screenshot(lp, 'plans-queue-leader-kiosk');
  await queue.getByRole('link', { name: /Mở/ }).first().click();
  await lp.waitForURL(planUrl);
  await lp.getByLabel('Ý kiến (bắt buộc khi trả lại)').fill('Tổ đồng ý.');
  await lp.getByRole('button', { name: 'Thông qua' }).click();
  await lp.locator('.meta .badge', { hasText: 'Chờ hiệu trưởng' }).waitFor();
  t.equal(await lp.getByRole('button', { name: 'Phê duyệt' }).count(), 0, 'the leader does not approve');
  t.same(leader.pageErrors, [], 'no page errors for the leader');

  // 3. The principal approves; the steps are recorded.
  const principal = await newPage(browser, server.baseUrl, LAPTOP);
  const pp = principal.page;
  await signIn(pp, DEMO_PRINCIPAL_ID);
  await pp.goto(planUrl);
  await pp.getByRole('button', { name: 'Phê duyệt' }).click();
  await pp.locator('.meta .badge', { hasText: 'Đã phê duyệt' }).waitFor();
  await pp.getByRole('tab', { name: 'Quá trình duyệt' }).click();
  await pp.getByText('Hiệu trưởng phê duyệt').waitFor();
  t.ok(await pp.getByText('Tổ đồng ý.').isVisible(), 'the leader\'s comment is kept');
  await screenshot(pp, 'plans-history');

  // 4. Plan versus actual: the online lesson of week 1 shows as held, in the chart and the table.
  await pp.getByRole('tab', { name: 'Kế hoạch và thực tế' }).click();
  const chart = pp.locator('ph-plan-actual-chart');
  await chart.locator('svg').waitFor();
  const row1 = pp.locator('.detail tbody tr').first();
  await row1.getByText(/Trực tuyến hỗ trợ, \d{2}\/\d{2}\/\d{4}/).waitFor();
  t.match(await row1.textContent(), heldTitle, 'the lesson held is in week 1');
  t.ok(await chart.locator('rect.held').count() >= 18, 'bars per week');
  t.match(await chart.locator('tbody tr').first().textContent(), /^1\s*\d+\s*1/, 'week 1: planned, 1 held, in the table behind the chart');
  await screenshot(pp, 'plans-actual-principal');
  t.same(principal.pageErrors, [], 'no page errors for the principal');

  // 5. The teacher marks an in-person lesson taught; the overview shows the plan in force.
  await tp.goto(planUrl);
  await tp.getByRole('tab', { name: 'Kế hoạch và thực tế' }).click();
  const mark = tp.getByRole('button', { name: /Ghi nhận đã dạy trực tiếp bài/ }).first();
  await mark.waitFor();
  const before = await tp.locator('li.held').count();
  await mark.click();
  await tp.getByText(/Trực tiếp, \d{2}\/\d{2}\/\d{4}/).first().waitFor();
  t.ok(await tp.locator('li.held').count() > before, 'one more planned lesson held');
  await tp.goto('/ke-hoach-day-hoc');
  const progress = tp.locator('table.progress');
  await progress.getByRole('link', { name: 'Toán' }).waitFor();
  await screenshot(tp, 'plans-progress-teacher');

  // On a phone the page scrolls only inside its tables.
  const phone = await newPage(browser, server.baseUrl, PHONE, { mobile: true });
  await signIn(phone.page, DEMO_TEACHER_ID);
  await phone.page.goto(planUrl);
  await phone.page.getByRole('heading', { name: /Kế hoạch dạy học: Toán/ }).waitFor();
  t.ok(await pageScrollWidth(phone.page) <= PHONE.width + 1, 'no sideways scrolling of the page on a phone');
  await screenshot(phone.page, 'plans-phone');
});
