import t from 'tap';
import type { Page } from 'playwright-core';
import { startTestServer } from '../helpers/server.js';
import { launchBrowser, signIn, newPage, pageScrollWidth, screenshot, LAPTOP, PHONE } from '../helpers/browser.js';
import { DEMO_STUDENT_ID, DEMO_TEACHER_ID } from '../../server/src/domain/demo/demo-school.js';

/**
 * Questions and answers and progress in the browser: a student asks on a phone (markup stays
 * text), the teacher answers, marks a classmate's answer as the best and hides one with a reason;
 * the teacher's /tien-do shows the heat map, who has not started and who needs help.
 */
const browser = await launchBrowser(t);

t.test('questions and answers, then the teacher\'s progress page', async (t) => {
  let subjectName = '';
  let classmateLogin = '';
  let progressUrl = '';
  const server = await startTestServer(t, {
    beforeStart: async (knex) => {
      const student = await knex('people').where({ personal_id: DEMO_STUDENT_ID }).first('id');
      const teacher = await knex('people').where({ personal_id: DEMO_TEACHER_ID }).first('id');
      const cls = await knex('enrolments as e').join('classes as c', 'c.id', 'e.class_id').where('e.student_id', student.id).first('c.id', 'c.grade');
      const ta = await knex('teaching_assignments as ta').join('subjects as s', 's.id', 'ta.subject_id').where({ 'ta.class_id': cls.id, 'ta.teacher_id': teacher.id }).first('ta.subject_id', 's.name');
      subjectName = ta.name;
      progressUrl = `/tien-do?lop=${cls.id}&mon=${ta.subject_id}`;
      const students = await knex('enrolments as e').join('people as p', 'p.id', 'e.student_id').where('e.class_id', cls.id).orderBy('p.name_key').select('p.id', 'p.personal_id');
      classmateLogin = students.find((s) => s.personal_id !== DEMO_STUDENT_ID).personal_id;
      // Four published materials of the teacher's subject and grade, and varied progress.
      const now = Date.now();
      const iso = (daysAgo: number) => new Date(now - daysAgo * 86_400_000).toISOString();
      const titles = ['Bài 1: Tập hợp', 'Bài 2: Cách ghi số tự nhiên', 'Bài 3: Thứ tự trong tập hợp số tự nhiên', 'Bài 4: Phép cộng và phép trừ'];
      const ids: number[] = [];
      for (const title of titles) {
        const [m] = await knex('materials').insert({ subject_id: ta.subject_id, grade: cls.grade, kind: 'lecture', owner_id: teacher.id, created_at: iso(20), updated_at: iso(20) }).returning('id');
        const id = typeof m === 'number' ? m : Number((m as { id: number }).id);
        const [v] = await knex('material_versions').insert({
          material_id: id, number: 1, status: 'published', title, author: 'Tổ Toán', licence: 'CC BY 4.0', search_key: title, content_type: 'page', page_html: '<p>…</p>',
          created_by: teacher.id, created_at: iso(20), updated_at: iso(20), published_at: iso(15),
        }).returning('id');
        await knex('materials').where({ id }).update({ published_version_id: typeof v === 'number' ? v : Number((v as { id: number }).id), published_at: iso(15) });
        ids.push(id);
      }
      const rows = [];
      for (const [i, s] of students.entries()) {
        if (i % 5 === 4) continue; // one in five has not started anything
        for (const [j, materialId] of ids.entries()) {
          if (j > (i % 4)) continue;
          const done = (i + j) % 3 !== 0;
          const score = j === 1 ? [0.9, 0.35, 0.75, 1][i % 4]! : null;
          rows.push({
            student_id: s.id, material_id: materialId, first_opened_at: iso(j === 0 && !done ? 12 : 3), last_seen_at: iso(1), open_count: 1 + (i % 3),
            active_ms: (300 + ((i * 97 + j * 131) % 1500)) * 1000, credited_until: iso(1), completed_at: done ? iso(1) : null,
            best_score: score, last_score: score, score_count: score === null ? 0 : 1, scored_at: score === null ? null : iso(1),
          });
        }
      }
      await knex.batchInsert('progress_records', rows, 100);
    },
  });

  // The student asks on a phone.
  const { page: sp, pageErrors: sErrors } = await newPage(browser, server.baseUrl, PHONE, { mobile: true });
  await signIn(sp, DEMO_STUDENT_ID);
  await sp.goto('/hoi-dap');
  await sp.getByRole('heading', { name: 'Hỏi đáp' }).waitFor();
  await sp.getByLabel('Lớp – môn').selectOption({ label: (await sp.getByLabel('Lớp – môn').locator('option', { hasText: subjectName }).first().textContent())!.trim() });
  await sp.getByRole('button', { name: 'Đặt câu hỏi' }).click();
  await sp.getByLabel('Tiêu đề').fill('Phân số tối giản là gì ạ?');
  await sp.getByLabel('Nội dung').fill('Em chưa hiểu bước rút gọn.\n<img src=x onerror=alert(1)>');
  await screenshot(sp, 'qa-ask-phone');
  await sp.getByRole('button', { name: 'Gửi câu hỏi' }).click();
  await sp.waitForURL(/\/hoi-dap\/\d+$/);
  await sp.getByRole('heading', { name: 'Phân số tối giản là gì ạ?' }).waitFor();
  t.ok(await sp.getByText('<img src=x onerror=alert(1)>').isVisible(), 'markup is shown as text, not run');
  t.equal(await sp.locator('ph-qa-thread-page img').count(), 0, 'no element was created from the text');
  const threadUrl = sp.url();
  t.ok((await pageScrollWidth(sp)) <= PHONE.width, 'no sideways scrolling on the phone');

  // A classmate answers.
  const { page: mp } = await newPage(browser, server.baseUrl, PHONE, { mobile: true });
  await signIn(mp, classmateLogin);
  await mp.goto(threadUrl);
  await mp.getByLabel('Câu trả lời của bạn').fill('Là phân số mà tử và mẫu chỉ có ước chung là 1.');
  await mp.getByRole('button', { name: 'Gửi trả lời' }).click();
  await mp.getByText('Là phân số mà tử và mẫu chỉ có ước chung là 1.').waitFor();
  await mp.getByLabel('Câu trả lời của bạn').fill('Hỏi bạn Google là ra.');
  await mp.getByRole('button', { name: 'Gửi trả lời' }).click();
  await mp.getByText('Hỏi bạn Google là ra.').waitFor();

  // The teacher: unanswered first on the list, then best answer and moderation.
  const { page: tp, pageErrors: tErrors } = await newPage(browser, server.baseUrl, LAPTOP);
  await signIn(tp, DEMO_TEACHER_ID);
  await tp.goto(threadUrl);
  await tp.getByRole('heading', { name: 'Phân số tối giản là gì ạ?' }).waitFor();
  const best = tp.locator('li.answer', { hasText: 'ước chung là 1' });
  await best.getByRole('button', { name: 'Chọn là hay nhất' }).click();
  await tp.getByText('Câu trả lời hay nhất', { exact: false }).first().waitFor();
  const bad = tp.locator('li.answer', { hasText: 'Google' });
  await bad.getByRole('button', { name: 'Ẩn' }).click();
  await tp.getByLabel('Lí do ẩn (học sinh viết câu hỏi sẽ thấy lí do này)').fill('Câu trả lời chưa giúp được bạn');
  await tp.getByRole('button', { name: 'Ẩn', exact: true }).last().click();
  await tp.getByText('Lí do ẩn: Câu trả lời chưa giúp được bạn').waitFor();
  await tp.getByLabel('Câu trả lời của bạn').fill('Đúng rồi. Ví dụ: 2/3 là phân số tối giản.');
  await tp.getByRole('button', { name: 'Gửi trả lời' }).click();
  await tp.getByText('Ví dụ: 2/3').waitFor();
  await screenshot(tp, 'qa-thread-teacher');

  await sp.reload();
  await sp.getByText('Ví dụ: 2/3').waitFor();
  t.equal(await sp.getByText('Hỏi bạn Google là ra.').count(), 0, 'the hidden answer is gone for the class');
  t.ok(await sp.locator('li.answer.best').first().isVisible(), 'the best answer is highlighted');
  await screenshot(sp, 'qa-thread-student-phone');
  await sp.getByRole('link', { name: '← Danh sách câu hỏi' }).click();
  await sp.locator('ph-qa-page li.q').first().waitFor();
  await screenshot(sp, 'qa-list-student-phone');

  // The teacher's progress page.
  await tp.goto(progressUrl);
  await tp.getByRole('heading', { name: 'Tiến độ học tập' }).waitFor();
  await tp.locator('ph-progress-heatmap svg').waitFor();
  t.ok(await tp.getByRole('heading', { name: /Chưa bắt đầu học liệu nào \(\d+\)/ }).isVisible(), 'who has not started');
  t.ok(await tp.getByRole('heading', { name: /Cần hỗ trợ \(\d+\)/ }).isVisible(), 'who needs help');
  t.ok(await tp.getByText('“Cần hỗ trợ” nghĩa là').isVisible(), 'the rule is explained');
  t.ok((await tp.locator('ph-progress-heatmap rect.cell').count()) >= 4 * 8, 'one cell per student × material');
  await screenshot(tp, 'progress-teacher');
  await tp.getByRole('button', { name: 'Xem bảng số liệu' }).click();
  await tp.locator('ph-progress-heatmap table').waitFor();
  await tp.locator('ph-progress-page table a', { hasText: 'Chi tiết' }).first().click();
  await tp.waitForURL(/\/tien-do\/hoc-sinh\/\d+/);
  await tp.getByRole('heading', { name: /Tiến độ của/ }).waitFor();
  await screenshot(tp, 'progress-student-detail');

  // The student's own progress on the phone.
  await sp.goto('/tien-do');
  await sp.getByRole('heading', { name: 'Tiến độ của em' }).waitFor();
  await sp.locator('ph-student-progress li.item').first().waitFor();
  t.ok((await pageScrollWidth(sp)) <= PHONE.width, 'no sideways scrolling on the phone');
  await screenshot(sp, 'progress-mine-phone');
  t.same(sErrors, []);
  t.same(tErrors, []);
});
