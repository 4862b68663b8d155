import t from 'tap';
import type { Page } from 'playwright-core';
import { startTestServer } from '../helpers/server.js';
import { launchBrowser, newPage, screenshot, pageScrollWidth, PHONE } from '../helpers/browser.js';
import { seedQuizBank, single, numeric } from '../helpers/quiz-bank.js';
import { openDatabase } from '../../server/src/db/database.js';
import { KnexTransactor } from '../../server/src/data/transactor.js';
import { QuizService } from '../../server/src/domain/quizzes/quiz.service.js';
import { DEMO_PASSWORD, DEMO_PRINCIPAL_ID, DEMO_STUDENT_ID } from '../../server/src/domain/demo/demo-school.js';

const browser = await launchBrowser(t);

/** Seconds shown by the countdown ("09:41" → 581). */
const seconds = (text: string | null) => {
  const [m, s] = (text ?? '').trim().split(':').map(Number);
  return m! * 60 + s!;
};

t.test('a student takes a timed quiz, loses the connection, resumes and submits', async (t) => {
  let quizId = 0;
  const server = await startTestServer(t, {
    // A quiz for 6A1 from a real bank: 3 single-choice (1 point) and 2 numeric (2 points), 10 minutes.
    beforeStart: async (knex) => {
      const tx = new KnexTransactor(knex);
      const principal = await knex('people').where({ personal_id: DEMO_PRINCIPAL_ID }).first();
      const cls = await knex('classes').where({ name: '6A1' }).first();
      const assignment = await knex('teaching_assignments').where({ class_id: cls.id }).first();
      const bank = await seedQuizBank(tx, assignment.subject_id, 6, [
        { lesson: 0, level: 'nhan_biet', make: single, n: 4 },
        { lesson: 1, level: 'van_dung', make: numeric, n: 3 },
      ]);
      const quizzes = new QuizService(tx);
      const actor = { accountId: null, login: DEMO_PRINCIPAL_ID, ip: null, personId: principal.id as number, roles: ['principal'] };
      quizId = await quizzes.create(actor, {
        title: 'Kiểm tra 10 phút – Số tự nhiên', subjectId: assignment.subject_id, grade: 6, classIds: [cls.id], kind: 'regular',
        matrix: [{ curriculumLessonId: bank.lessons[0]!.id, level: 'nhan_biet', count: 3, pointsEach: 1 }, { curriculumLessonId: bank.lessons[1]!.id, level: 'van_dung', count: 2, pointsEach: 2 }],
        opensAt: new Date(Date.now() - 3600_000).toISOString(), closesAt: new Date(Date.now() + 3 * 3600_000).toISOString(), timeLimitMinutes: 10,
        attemptsAllowed: 1, attemptScoring: 'best', feedback: 'score', shuffleQuestions: true, shuffleOptions: true, gradebookTarget: null,
      });
      await quizzes.publish(actor, quizId);
    },
  });
  const { context, page, pageErrors } = await newPage(browser, server.baseUrl, PHONE, { mobile: true });
  await page.goto('/dang-nhap');
  await page.getByLabel('Mã định danh').fill(DEMO_STUDENT_ID);
  await page.getByLabel('Mật khẩu', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
  await page.waitForURL((u) => u.pathname === '/');

  await page.goto('/kiem-tra');
  await page.getByRole('heading', { name: 'Kiểm tra 10 phút – Số tự nhiên' }).waitFor();
  await screenshot(page, 'quiz-student-list');
  await page.getByRole('link', { name: 'Làm bài' }).click();
  await page.waitForURL(`**/kiem-tra/${quizId}/lam-bai`);
  await page.getByRole('button', { name: 'Bắt đầu làm bài' }).click();
  await page.getByTestId('countdown').waitFor();
  t.ok(seconds(await page.getByTestId('countdown').textContent()) > 9 * 60, 'ten minutes on the server clock');
  t.ok((await pageScrollWidth(page)) <= PHONE.width, 'no sideways scrolling on a phone');

  const stem = page.locator('ph-quiz-take-page .stem');
  const expected = new Map<number, { kind: 'single' | 'numeric'; answer: string; right: boolean }>();
  let lost = 0;
  /** Answers the question on screen (number n, 1-based); the third one wrong on purpose. */
  async function answer(p: Page, n: number) {
    const text = (await stem.textContent()) ?? '';
    const k = Number(/Câu hỏi (\d+)/.exec(text)![1]);
    const wrong = n === 3;
    if (/single/.test(text)) {
      const choice = `${k} + 1 = ${wrong ? k + 2 : k + 1}`;
      await p.locator('ph-quiz-take-page label.option', { hasText: new RegExp(`^\\s*[A-D]\\s*${choice.replace(/\+/g, '\\+')}\\s*$`) }).click();
      expected.set(n, { kind: 'single', answer: choice, right: !wrong });
      if (wrong) lost += 1;
    } else {
      const value = String(wrong ? k * 2 + 1 : k * 2);
      await p.getByLabel('Nhập số (ví dụ 3,5)').fill(value);
      expected.set(n, { kind: 'numeric', answer: value, right: !wrong });
      if (wrong) lost += 2;
    }
  }
  const next = () => page.getByRole('button', { name: 'Câu sau' }).click();
  const saveState = page.getByTestId('save-state');

  await answer(page, 1);
  await t.resolves(page.getByText(/Đã lưu lúc \d{2}:\d{2}/).waitFor(), 'autosaved ("Đã lưu lúc hh:mm")');
  await screenshot(page, 'quiz-take-phone');

  // The connection drops: the student keeps answering; the answers wait on the phone.
  await context.setOffline(true);
  await next();
  await answer(page, 2);
  await next();
  await answer(page, 3);
  await t.resolves(page.getByText('Mất kết nối.', { exact: false }).waitFor(), 'the offline banner');
  await t.resolves(page.getByText('Chưa lưu 2 câu').waitFor({ timeout: 10_000 }), 'two answers not saved yet');
  await screenshot(page, 'quiz-take-offline');
  const beforeReload = { left: seconds(await page.getByTestId('countdown').textContent()), at: Date.now() };

  // Back online: the queue is sent by itself.
  await context.setOffline(false);
  await t.resolves(page.getByText(/Đã lưu lúc/).waitFor({ timeout: 15_000 }), 'the queue is sent when the connection returns');
  t.notMatch((await saveState.textContent()) ?? '', /Chưa lưu/);

  // Offline again, one more answer, then the page is reloaded as soon as the network is back.
  await context.setOffline(true);
  await next();
  await answer(page, 4);
  await t.resolves(page.getByText('Chưa lưu 1 câu').waitFor({ timeout: 10_000 }), 'one answer waits');
  await context.setOffline(false);
  await page.reload();
  await page.getByTestId('countdown').waitFor();
  const afterReload = { left: seconds(await page.getByTestId('countdown').textContent()), at: Date.now() };
  const drift = Math.abs((beforeReload.left - afterReload.left) - (afterReload.at - beforeReload.at) / 1000);
  t.ok(drift <= 3, `resumed with the same remaining time (drift ${drift.toFixed(1)} s)`);
  await t.resolves(page.getByText(/Đã lưu lúc/).waitFor({ timeout: 15_000 }), 'the kept answer is sent after the reload');

  // Every answer is still there: walk the navigator.
  for (const [n, e] of expected) {
    await page.getByRole('button', { name: new RegExp(`^Câu ${n}/5`) }).click();
    // Waits for the question's page to be drawn (a loaded machine may take a moment), then checks.
    if (e.kind === 'single') await t.resolves(page.getByRole('radio', { name: e.answer, checked: true }).waitFor({ state: 'attached', timeout: 10_000 }), `question ${n}: the chosen option is kept`);
    else t.equal(await page.getByLabel('Nhập số (ví dụ 3,5)').inputValue(), e.answer, `question ${n}: the number is kept`);
  }
  await page.getByRole('button', { name: /^Câu 5\/5/ }).click();
  await answer(page, 5);

  await page.getByRole('button', { name: 'Nộp bài' }).first().click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  t.match(await dialog.textContent(), /5\/5 câu/, 'the confirmation counts the answers');
  await screenshot(page, 'quiz-submit-confirm');
  await dialog.getByRole('button', { name: 'Nộp bài' }).click();
  await t.resolves(page.getByText('Em đã nộp bài.').waitFor(), 'submitted');
  const scoreText = await page.getByTestId('score').textContent();
  t.equal(scoreText?.trim(), `Điểm: ${7 - lost}/7`, 'the score shown follows the policy');
  await screenshot(page, 'quiz-submitted');
  t.same(pageErrors, [], 'no errors in the page');

  // What the server stored: every answer as last sent, and the score.
  const db = openDatabase({ dataDir: server.dataDir });
  t.teardown(() => db.close());
  const attempt = await db.knex('quiz_attempts').where({ quiz_id: quizId }).first();
  t.equal(attempt.status, 'submitted');
  t.equal(attempt.submitted_by, 'student');
  t.equal(Number(attempt.score), 7 - lost, 'the stored score');
  const snapshot = JSON.parse(attempt.questions) as { key: string; type: string; stem: string }[];
  const stored = new Map((await db.knex('quiz_answers').where({ attempt_id: attempt.id })).map((r: { question_key: string; answer: string }) => [r.question_key, JSON.parse(r.answer)]));
  t.equal(stored.size, 5, 'five answers stored');
  snapshot.forEach((q, i) => {
    const e = expected.get(i + 1)!;
    const k = Number(/Câu hỏi (\d+)/.exec(q.stem)![1]);
    if (e.kind === 'single') t.equal(stored.get(q.key), e.answer === `${k} + 1 = ${k + 1}` ? 'A' : 'B', `question ${i + 1}: the option sent`);
    else t.equal(String(stored.get(q.key)), e.answer, `question ${i + 1}: the number sent`);
  });
});
