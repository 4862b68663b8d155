import t from 'tap';
import { startTestServer } from '../helpers/server.js';
import { LAPTOP, launchBrowser, navTo, newPage, pageScrollWidth, PHONE, screenshot, signIn } from '../helpers/browser.js';
import { DEMO_PARENT_LOGIN, DEMO_PRINCIPAL_ID, DEMO_STUDENT_ID, DEMO_TEACHER_ID } from '../../server/src/domain/demo/demo-school.js';

const browser = await launchBrowser(t);
const MIN = 60_000;
const DAY = 24 * 60 * MIN;
const iso = (ms: number) => new Date(Date.now() + ms).toISOString();

t.test('a parent on a phone follows the child and messages the homeroom teacher, who answers', async (t) => {
  const server = await startTestServer(t, {
    // The child's class has held two online lessons (one attended, one missed) and has one coming.
    beforeStart: async (knex) => {
      const student = await knex('people').where({ personal_id: DEMO_STUDENT_ID }).first();
      const enrol = await knex('enrolments').where({ student_id: student.id }).first();
      const a = await knex('teaching_assignments').where({ class_id: enrol.class_id }).first();
      const add = async (offset: number, status: string, topic: string, mode: string) => {
        const [row] = await knex('live_lessons').insert({
          class_id: enrol.class_id, subject_id: a.subject_id, teacher_id: a.teacher_id, topic, starts_at: iso(offset), ends_at: iso(offset + 45 * MIN), mode, status,
          recording_allowed: false, created_at: iso(-10 * DAY), started_at: status === 'ended' ? iso(offset) : null, ended_at: status === 'ended' ? iso(offset + 45 * MIN) : null,
        }).returning('id');
        return typeof row === 'number' ? row : (row as { id: number }).id;
      };
      const attended = await add(-2 * DAY, 'ended', 'Ôn tập chương I', 'supporting');
      await add(-1 * DAY, 'ended', 'Luyện tập phép nhân', 'supporting');
      await add(1 * DAY, 'scheduled', 'Phân số bằng nhau', 'replacing');
      await knex('live_attendance').insert({ lesson_id: attended, person_id: student.id, joined_at: iso(-2 * DAY + MIN), left_at: iso(-2 * DAY + 44 * MIN), reconnects: 0 });
    },
  });

  // --- the parent, on a phone ---
  const { page, pageErrors } = await newPage(browser, server.baseUrl, PHONE, { mobile: true });
  await signIn(page, DEMO_PARENT_LOGIN);
  await page.goto('/phu-huynh');
  await page.getByRole('heading', { name: 'Góc phụ huynh' }).waitFor();
  await page.getByRole('heading', { name: 'Thông báo của nhà trường' }).waitFor();
  const card = page.locator('a.kid', { hasText: 'Lớp 6A1' });
  await card.waitFor();
  await screenshot(page, 'parents-home-phone');
  t.ok((await pageScrollWidth(page)) <= PHONE.width, 'no sideways scrolling on the phone');
  await card.click();
  await page.waitForURL(/\/phu-huynh\/con\/\d+/);

  // Lessons and attendance.
  await page.getByText('Phân số bằng nhau').waitFor();
  await t.resolves(page.getByText('Thay thế dạy trực tiếp').first().waitFor(), 'the mode of the upcoming lesson');
  await t.resolves(page.getByText('Đi học 50%').waitFor(), 'attendance rate: 1 of 2 held lessons');
  t.equal(await page.locator('[data-att="present"]').count(), 1);
  t.equal(await page.locator('[data-att="absent"]').count(), 1);
  t.match(await page.locator('li.lesson').first().innerText(), /\d{2}\/\d{2}\/\d{4}/, 'dates as dd/mm/yyyy');
  await screenshot(page, 'parents-child-lessons-phone');
  t.ok((await pageScrollWidth(page)) <= PHONE.width, 'lessons fit the phone');

  // Results come from the gradebook.
  await page.getByRole('tab', { name: 'Kết quả' }).click();
  await page.getByRole('heading', { name: /Kết quả học tập/ }).waitFor();
  await t.resolves(page.getByRole('link', { name: /Xem điểm chi tiết/ }).waitFor(), 'results table shown, with a link to the details');
  await screenshot(page, 'parents-child-results-phone');

  // Consent tab.
  await page.getByRole('tab', { name: 'Dữ liệu của con' }).click();
  const teaching = page.locator('ph-parent-consents article[data-purpose="teaching_assessment"]');
  await teaching.waitFor();
  t.equal(await teaching.locator('[data-state]').getAttribute('data-state'), 'unanswered', 'silence is not consent');
  await teaching.getByLabel('Con đồng ý').check();
  await teaching.getByRole('button', { name: 'Tôi đồng ý' }).click();
  await teaching.locator('[data-state="given"]').waitFor();
  await screenshot(page, 'parents-child-consent-phone');

  // A message to the homeroom teacher.
  await page.getByRole('tab', { name: 'Nhắn tin' }).click();
  const form = page.locator('ph-parent-message-form');
  await form.getByLabel('Tiêu đề').fill('Xin phép cho con nghỉ học');
  await form.getByLabel('Nội dung').fill('Thưa thầy, cháu bị sốt nên xin nghỉ buổi học trực tuyến ngày mai. Cảm ơn thầy.');
  await screenshot(page, 'parents-message-form-phone');
  await form.getByRole('button', { name: 'Gửi tin nhắn' }).click();
  await page.locator('ph-parent-threads a', { hasText: 'Xin phép cho con nghỉ học' }).waitFor();

  // --- the homeroom teacher answers ---
  const teacher = await newPage(browser, server.baseUrl, LAPTOP);
  await signIn(teacher.page, DEMO_TEACHER_ID);
  await navTo(teacher.page, 'Tin nhắn phụ huynh');
  await teacher.page.waitForURL(/\/tin-nhan-phu-huynh$/);
  const item = teacher.page.locator('ph-parent-threads a', { hasText: 'Xin phép cho con nghỉ học' });
  await item.waitFor();
  await t.resolves(item.getByText('1 chưa đọc').waitFor(), 'unread in the inbox');
  await screenshot(teacher.page, 'parents-teacher-inbox');
  await item.click();
  await teacher.page.getByText('cháu bị sốt').waitFor();
  await teacher.page.getByLabel('Trả lời').fill('Thầy đã nhận tin, chúc cháu mau khỏe. Bài ôn tập thầy gửi trên mục Nhiệm vụ.');
  await teacher.page.getByRole('button', { name: 'Gửi', exact: true }).click();
  await teacher.page.getByText('chúc cháu mau khỏe').waitFor();
  await screenshot(teacher.page, 'parents-teacher-thread');

  // --- the parent reads the answer ---
  await page.goto('/phu-huynh');
  const mine = page.locator('ph-parent-threads a', { hasText: 'Xin phép cho con nghỉ học' });
  await t.resolves(mine.getByText('1 chưa đọc').waitFor(), 'the answer is unread for the parent');
  await mine.click();
  await page.getByText('chúc cháu mau khỏe').waitFor();
  await t.resolves(page.getByText(/Đã xem lúc/).waitFor(), 'the teacher has read the parent\'s message');
  await screenshot(page, 'parents-thread-phone');
  t.ok((await pageScrollWidth(page)) <= PHONE.width, 'the conversation fits the phone');

  // --- the principal: consent per class, supervision of the thread ---
  const principal = await newPage(browser, server.baseUrl, LAPTOP);
  await signIn(principal.page, DEMO_PRINCIPAL_ID);
  await navTo(principal.page, 'Dữ liệu học sinh');
  await principal.page.getByRole('heading', { name: 'Đồng ý xử lý dữ liệu và trao đổi với phụ huynh' }).waitFor();
  await principal.page.getByLabel('Lớp', { exact: true }).selectOption({ label: '6A1' });
  await principal.page.locator('table').getByText('Đã đồng ý').waitFor();
  const classSize = server.demo!.classes.find((c) => c.name === '6A1')!.students.length;
  t.match(await principal.page.locator('.sums li').first().innerText(), new RegExp(`^${classSize - 1}\\b`), 'all but one unanswered for teaching and assessment');
  await screenshot(principal.page, 'parents-principal-consents');
  await principal.page.locator('ph-parent-threads a', { hasText: 'Xin phép cho con nghỉ học' }).click();
  await principal.page.getByText(/lần xem này được ghi vào nhật kí/).waitFor();
  t.equal(await principal.page.locator('textarea').count(), 0, 'the principal reads, never writes');
  await screenshot(principal.page, 'parents-principal-supervision');
  t.same(principal.pageErrors, [], 'no errors in the principal\'s page');

  t.same(pageErrors, [], 'no errors in the parent\'s page');
  t.same(teacher.pageErrors, [], 'no errors in the teacher\'s page');
});
