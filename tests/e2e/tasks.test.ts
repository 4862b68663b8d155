import fs from 'node:fs';
import path from 'node:path';
import t from 'tap';
import type { Page } from 'playwright-core';
import { startTestServer } from '../helpers/server.js';
import { LAPTOP, launchBrowser, navTo, newPage, pageScrollWidth, PHONE, screenshot, signIn } from '../helpers/browser.js';
import { DEMO_PARENT_LOGIN, DEMO_STUDENT_ID, DEMO_TEACHER_ID } from '../../server/src/domain/demo/demo-school.js';

const browser = await launchBrowser(t);

t.test('a teacher assigns a task, a student hands in a file on a phone, the teacher grades, the student sees the grade', async (t) => {
  const server = await startTestServer(t);
  const demo = server.demo!;
  const student = demo.students.find((s) => s.personalId === DEMO_STUDENT_ID)!;

  // The teacher assigns a task to the homeroom class from the form.
  const teacher = await newPage(browser, server.baseUrl, LAPTOP);
  await signIn(teacher.page, DEMO_TEACHER_ID);
  await navTo(teacher.page, 'Nhiệm vụ');
  await teacher.page.getByRole('heading', { name: 'Nhiệm vụ học tập' }).waitFor();
  await teacher.page.getByRole('link', { name: 'Phiếu học tập số 1' }).waitFor(); // the demo's tasks
  await screenshot(teacher.page, 'tasks-teacher-list');
  await teacher.page.getByRole('button', { name: 'Giao nhiệm vụ' }).click();
  const form = teacher.page.locator('ph-task-form');
  await form.getByLabel('Tên nhiệm vụ').waitFor();
  const pairs = await form.getByLabel('Lớp – môn').locator('option').allTextContents();
  const pair = pairs.find((p) => p.startsWith(`${student.className} –`)) ?? pairs[0]!;
  await form.getByLabel('Lớp – môn').selectOption({ label: pair });
  await form.getByLabel('Tên nhiệm vụ').fill('Chụp ảnh bài giải phân số');
  await form.getByLabel('Hướng dẫn').fill('Giải bài 1, 2 trang 45 vào vở rồi chụp ảnh nộp.');
  await form.getByLabel('Bài viết trực tiếp').check();
  await form.getByLabel('Chấm theo tiêu chí (rubric)').check();
  await form.locator('ph-task-rubric-editor').getByLabel('Tiêu chí', { exact: true }).fill('Lời giải đúng');
  await screenshot(teacher.page, 'tasks-create-form');
  await form.getByRole('button', { name: 'Giao nhiệm vụ' }).click();
  await teacher.page.waitForURL(/\/nhiem-vu\/\d+$/);
  await teacher.page.getByRole('heading', { name: 'Chụp ảnh bài giải phân số' }).waitFor();
  const taskUrl = new URL(teacher.page.url()).pathname;
  t.ok(await teacher.page.getByText('0/').first().isVisible(), 'nobody has handed in yet');

  // The student, on a phone, finds it first in the list and hands in a photo.
  const phone = await newPage(browser, server.baseUrl, PHONE, { mobile: true });
  await signIn(phone.page, DEMO_STUDENT_ID);
  await phone.page.goto('/nhiem-vu');
  const card = phone.page.getByRole('link', { name: /Chụp ảnh bài giải phân số/ });
  await card.waitFor();
  t.match(await card.textContent(), /Chưa nộp/);
  await screenshot(phone.page, 'tasks-student-list');
  await card.click();
  await phone.page.getByRole('heading', { name: 'Nộp bài' }).waitFor();
  const photo = path.join(server.dataDir, 'bai-giai.png');
  fs.writeFileSync(photo, Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5b1d5ab0000000049454e44ae426082', 'hex'));
  await phone.page.locator('ph-task-submit input[type=file]').setInputFiles(photo);
  await phone.page.getByText('bai-giai.png').waitFor();
  await phone.page.getByLabel('Bài viết của em').fill('Em gửi ảnh bài giải ạ.');
  await phone.page.getByRole('button', { name: 'Nộp bài' }).click();
  await phone.page.getByText('Lần nộp 1').waitFor();
  t.ok(await phone.page.locator('ph-task-page .status').getByText('Đã nộp').isVisible(), 'handed in');
  t.ok((await pageScrollWidth(phone.page)) <= PHONE.width, 'no sideways scrolling on the phone');
  await screenshot(phone.page, 'tasks-student-submitted');

  // The teacher grades with the rubric and a comment, and releases the grade.
  await teacher.page.reload();
  await teacher.page.getByRole('button', { name: student.fullName }).click();
  const grader = teacher.page.locator('ph-task-grader');
  await grader.getByText('Lần nộp 1').waitFor();
  t.ok(await grader.locator('img').first().isVisible(), 'the photo is previewed');
  await grader.getByText('Tốt').first().click();
  t.equal(await grader.getByLabel(/Điểm \(trên 10\)/).inputValue(), '10', 'the rubric gives the score');
  await grader.getByLabel(/Điểm \(trên 10\)/).fill('9,5');
  await grader.getByLabel('Nhận xét').fill('Bài giải đúng, trình bày rõ ràng.');
  await screenshot(teacher.page, 'tasks-grading');
  await grader.getByRole('button', { name: 'Lưu và công bố' }).click();
  await teacher.page.locator('ph-task-page tbody').getByText('9,5').waitFor();
  await screenshot(teacher.page, 'tasks-graded');

  // The teacher extends the deadline from the same form.
  await teacher.page.getByRole('button', { name: 'Sửa nhiệm vụ' }).click();
  const edit = teacher.page.locator('ph-task-page ph-task-form');
  await edit.getByRole('heading', { name: 'Sửa nhiệm vụ' }).waitFor();
  t.equal(await edit.getByLabel('Tên nhiệm vụ').inputValue(), 'Chụp ảnh bài giải phân số', 'the form holds the task');
  await edit.locator('#dueDate').fill('31/12/2026');
  await edit.locator('#dueTime').fill('20:00');
  await edit.getByRole('button', { name: 'Lưu thay đổi' }).click();
  await teacher.page.getByText('Hạn nộp: 31/12/2026 20:00').waitFor();

  // The student sees the grade and the comment.
  await phone.page.goto(taskUrl);
  await phone.page.getByText('Điểm: 9,5/10').waitFor();
  t.ok(await phone.page.getByText('Bài giải đúng, trình bày rõ ràng.').isVisible(), 'the comment');
  await screenshot(phone.page, 'tasks-student-grade');

  // The parent reads the child's work and grade, and cannot hand in.
  const parent = await newPage(browser, server.baseUrl, PHONE, { mobile: true });
  await signIn(parent.page, DEMO_PARENT_LOGIN);
  await parent.page.goto('/nhiem-vu');
  await parent.page.getByRole('heading', { name: 'Nhiệm vụ của con' }).waitFor();
  await parent.page.getByRole('link', { name: /Chụp ảnh bài giải phân số/ }).click();
  await parent.page.getByText('Điểm: 9,5/10').waitFor();
  t.equal(await parent.page.getByRole('button', { name: 'Nộp bài' }).count(), 0, 'no hand-in form for parents');
  await screenshot(parent.page, 'tasks-parent');
  t.same(parent.pageErrors, [], 'no errors in the parent\'s page');
  t.same(teacher.pageErrors, [], 'no errors in the teacher\'s page');
  t.same(phone.pageErrors, [], 'no errors in the student\'s page');
});
