import t from 'tap';
import { startTestServer } from '../helpers/server.js';
import { LAPTOP, launchBrowser, navTo, newPage, screenshot } from '../helpers/browser.js';
import { essay, seedQuizBank, single } from '../helpers/quiz-bank.js';
import { KnexTransactor } from '../../server/src/data/transactor.js';
import { QuizService } from '../../server/src/domain/quizzes/quiz.service.js';
import { QuizAttemptService } from '../../server/src/domain/quizzes/attempt.service.js';
import { DEMO_PASSWORD, DEMO_STUDENT_ID, DEMO_TEACHER_ID } from '../../server/src/domain/demo/demo-school.js';

const browser = await launchBrowser(t);

t.test('a teacher builds a quiz by its matrix, reads the results and grades an essay', async (t) => {
  let quizId = 0;
  let subjectName = '';
  let lessonTitle = '';
  const server = await startTestServer(t, {
    // A published quiz of the teacher's subject in 6A1 with one student's submitted attempt (an essay to grade).
    beforeStart: async (knex) => {
      const tx = new KnexTransactor(knex);
      const teacher = await knex('people').where({ personal_id: DEMO_TEACHER_ID }).first();
      const student = await knex('people').where({ personal_id: DEMO_STUDENT_ID }).first();
      const cls = await knex('classes').where({ name: '6A1' }).first();
      const assignment = await knex('teaching_assignments').where({ class_id: cls.id, teacher_id: teacher.id }).first();
      subjectName = (await knex('subjects').where({ id: assignment.subject_id }).first()).name;
      const bank = await seedQuizBank(tx, assignment.subject_id, 6, [
        { lesson: 0, level: 'nhan_biet', make: single, n: 5 },
        { lesson: 1, level: 'van_dung_cao', make: () => essay(), n: 1 },
      ]);
      lessonTitle = bank.lessons[0]!.title;
      const actor = { accountId: null, login: DEMO_TEACHER_ID, ip: null, personId: teacher.id as number, roles: ['teacher'] };
      quizId = await new QuizService(tx).create(actor, {
        title: 'Kiểm tra 15 phút có tự luận', subjectId: assignment.subject_id, grade: 6, classIds: [cls.id], kind: 'regular',
        matrix: [{ curriculumLessonId: bank.lessons[0]!.id, level: 'nhan_biet', count: 3, pointsEach: 2 }, { curriculumLessonId: bank.lessons[1]!.id, level: 'van_dung_cao', count: 1, pointsEach: 4 }],
        opensAt: new Date(Date.now() - 3600_000).toISOString(), closesAt: new Date(Date.now() + 3600_000).toISOString(), timeLimitMinutes: 15,
        attemptsAllowed: 1, attemptScoring: 'best', feedback: 'score', shuffleQuestions: true, shuffleOptions: true, gradebookTarget: null,
      });
      await new QuizService(tx).publish(actor, quizId);
      const attempts = new QuizAttemptService(tx, { newSeed: () => 'e2e-teacher' });
      const sActor = { accountId: null, login: DEMO_STUDENT_ID, ip: '10.0.0.7', personId: student.id as number, roles: ['student'] };
      const seen = { ip: '10.0.0.7', userAgent: 'e2e', sessionHash: null };
      const v = await attempts.start(sActor, quizId, seen);
      await attempts.submit(sActor, v.id, { seq: 1, answers: v.questions.map((q) => ({ questionKey: q.key, answer: q.type === 'essay' ? 'Tập hợp là một nhóm các đối tượng xác định.' : 'B' })) }, seen);
    },
  });
  const { page, pageErrors } = await newPage(browser, server.baseUrl, LAPTOP);
  await page.goto('/dang-nhap');
  await page.getByLabel('Mã định danh').fill(DEMO_TEACHER_ID);
  await page.getByLabel('Mật khẩu', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
  await page.waitForURL((u) => u.pathname === '/');

  // The builder: subject × grade, the matrix grid with the bank's counts, settings.
  await navTo(page, 'Kiểm tra');
  await page.getByRole('heading', { name: 'Bài kiểm tra', exact: true }).waitFor();
  await page.getByRole('link', { name: 'Tạo bài kiểm tra' }).click();
  await page.getByLabel('Môn học').selectOption({ label: `${subjectName} – Khối 6` });
  const cell = page.getByLabel(`${lessonTitle} – Nhận biết`);
  await cell.waitFor();
  t.match(await page.locator('ph-quiz-builder-page td', { has: cell }).textContent(), /có 5/, 'the bank\'s count beside the cell');
  await page.getByLabel('Tên bài kiểm tra').fill('Ôn tập số tự nhiên');
  await cell.fill('9');
  await page.getByRole('button', { name: 'Lưu bản nháp' }).click();
  await t.resolves(page.getByText(/Dòng 1: .* cần 9 câu, ngân hàng chỉ có 5\./).waitFor(), 'a short row is named');
  await cell.fill('4');
  t.match(await page.locator('ph-quiz-builder-page .totals').textContent(), /4 câu, 2 điểm/, 'totals follow the grid');
  await screenshot(page, 'quiz-builder');
  await page.getByRole('button', { name: 'Lưu bản nháp' }).click();
  await page.waitForURL('**/kiem-tra');
  const draft = page.locator('ph-quizzes-page tr', { hasText: 'Ôn tập số tự nhiên' });
  await t.resolves(draft.getByText('Bản nháp').waitFor(), 'the draft is listed');

  // Edit the draft: the form comes back filled (subject fixed, matrix, settings), changes are saved.
  await draft.getByRole('link', { name: 'Sửa' }).click();
  await page.getByRole('heading', { name: 'Sửa bài kiểm tra' }).waitFor();
  await cell.waitFor();
  t.equal(await page.getByLabel('Tên bài kiểm tra').inputValue(), 'Ôn tập số tự nhiên', 'the title comes back');
  t.equal(await cell.inputValue(), '4', 'the matrix comes back');
  t.ok(await page.getByLabel('Môn học').isDisabled(), 'the subject of a saved quiz is fixed');
  t.equal(await page.getByLabel('Thời gian làm bài (phút)').inputValue(), '15');
  await page.getByLabel('Tên bài kiểm tra').fill('Ôn tập số tự nhiên (bản sửa)');
  await page.getByLabel('Thời gian làm bài (phút)').fill('20');
  await cell.fill('5');
  await page.getByRole('button', { name: 'Lưu bản nháp' }).click();
  await page.waitForURL('**/kiem-tra');
  const row = page.locator('ph-quizzes-page tr', { hasText: 'Ôn tập số tự nhiên (bản sửa)' });
  await t.resolves(row.getByText('Bản nháp').waitFor(), 'the edited draft is listed under its new title, once');
  t.equal(await page.locator('ph-quizzes-page tr', { hasText: 'Ôn tập số tự nhiên' }).count(), 1, 'edited, not copied');
  await row.getByRole('link', { name: 'Sửa' }).click();
  await page.getByRole('heading', { name: 'Sửa bài kiểm tra' }).waitFor();
  await cell.waitFor();
  t.equal(await page.getByLabel('Thời gian làm bài (phút)').inputValue(), '20', 'the new time limit was stored');
  t.equal(await cell.inputValue(), '5', 'the new matrix was stored');
  await screenshot(page, 'quiz-edit');
  await page.goBack();
  await page.waitForURL('**/kiem-tra');
  await row.getByRole('button', { name: 'Giao bài' }).click();
  await t.resolves(row.getByText('Đã giao').waitFor(), 'and published');
  await screenshot(page, 'quiz-list-teacher');

  // Results of the quiz with an attempt, then the grading page.
  await page.goto(`/kiem-tra/${quizId}/ket-qua`);
  await page.getByRole('heading', { name: 'Kiểm tra 15 phút có tự luận' }).waitFor();
  await t.resolves(page.getByText('Chờ chấm 1 câu').waitFor(), 'the essay waits for grading');
  await t.resolves(page.getByRole('columnheader', { name: 'Sai nhiều nhất' }).waitFor(), 'per-question results');
  await t.resolves(page.locator('ph-quiz-results-page li', { hasText: /^\s*B\. \d+ \+ 1 = \d+\s*× 1\s*$/ }).first().waitFor(), 'with the wrong option the student chose, as text');
  await screenshot(page, 'quiz-results');
  await page.getByRole('link', { name: 'Xem bài' }).click();
  await page.getByText('Tập hợp là một nhóm các đối tượng xác định.').waitFor();
  await page.getByLabel('Điểm (tối đa 4)').fill('3,5');
  await page.getByLabel('Nhận xét').fill('Đúng ý chính, cần thêm ví dụ.');
  await page.getByRole('button', { name: 'Lưu điểm' }).click();
  await t.resolves(page.getByText('Điểm: 3,5/10').waitFor(), 'the score is complete once the essay is graded (3 wrong choices = 0, essay 3.5)');
  await screenshot(page, 'quiz-review');
  t.same(pageErrors, [], 'no errors in the page');
});
