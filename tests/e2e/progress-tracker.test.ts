import t from 'tap';
import type { Page } from 'playwright-core';
import { startTestServer } from '../helpers/server.js';
import { launchBrowser, signIn, newPage, screenshot, PHONE } from '../helpers/browser.js';
import { DEMO_STUDENT_ID } from '../../server/src/domain/demo/demo-school.js';

/**
 * The progress tracker in a real browser, on the materials viewer that embeds it: active time is
 * recorded while the page is visible and the student acts, nothing while the page is hidden, the
 * rest is sent with keepalive on pagehide, and an H5P player's xAPI event records the score.
 */
const browser = await launchBrowser(t);

interface Cell { status: string; activeSeconds: number; bestScore: number | null; completedAt: string | null }

/** The student's own record of the material, read through the API with the page's session. */
async function recorded(page: Page, materialId: number): Promise<Cell | undefined> {
  const res = await page.context().request.get('/api/progress/me');
  const body = (await res.json()) as { items: { material: { id: number }; cell: Cell }[] };
  return body.items.find((i) => i.material.id === materialId)?.cell;
}

/** Touch/mouse activity for `ms`, a move every 400 ms (the student is reading and scrolling). */
async function act(page: Page, ms: number) {
  const end = Date.now() + ms;
  let x = 50;
  while (Date.now() < end) {
    x = x === 50 ? 120 : 50;
    await page.mouse.move(x, 300);
    await page.waitForTimeout(400);
  }
}

/** Playwright keeps every page "visible"; the document's state is switched the way a tab switch does. */
async function setVisibility(page: Page, state: 'visible' | 'hidden') {
  await page.evaluate((s) => {
    const doc = (globalThis as unknown as { document: { dispatchEvent(e: unknown): void } }).document;
    Object.defineProperty(doc, 'visibilityState', { configurable: true, get: () => s });
    Object.defineProperty(doc, 'hidden', { configurable: true, get: () => s === 'hidden' });
    doc.dispatchEvent(new (globalThis as unknown as { Event: new (t: string) => unknown }).Event('visibilitychange'));
  }, state);
}

t.test('the tracker records active time only while visible', async (t) => {
  let materialId = 0;
  const server = await startTestServer(t, {
    beforeStart: async (knex) => {
      const student = await knex('people').where({ personal_id: DEMO_STUDENT_ID }).first('id');
      const cls = await knex('enrolments as e').join('classes as c', 'c.id', 'e.class_id').where('e.student_id', student.id).first('c.id', 'c.grade');
      const ta = await knex('teaching_assignments').where({ class_id: cls.id }).first('subject_id', 'teacher_id');
      const at = new Date().toISOString();
      const [m] = await knex('materials').insert({ subject_id: ta.subject_id, grade: cls.grade, kind: 'lecture', owner_id: ta.teacher_id, created_at: at, updated_at: at }).returning('id');
      materialId = typeof m === 'number' ? m : Number((m as { id: number }).id);
      const [v] = await knex('material_versions').insert({
        material_id: materialId, number: 1, status: 'published', title: 'Bài 1: Tập hợp', author: 'Tổ Toán', licence: 'CC BY 4.0', search_key: 'bai 1 tap hop',
        content_type: 'page', page_html: `<h2>Tập hợp</h2>${'<p>Một tập hợp gồm các phần tử.</p>'.repeat(20)}`, created_by: ta.teacher_id, created_at: at, updated_at: at, published_at: at,
      }).returning('id');
      const versionId = typeof v === 'number' ? v : Number((v as { id: number }).id);
      await knex('materials').where({ id: materialId }).update({ published_version_id: versionId, published_at: at });
    },
  });
  const { page, pageErrors } = await newPage(browser, server.baseUrl, PHONE, { mobile: false });
  await signIn(page, DEMO_STUDENT_ID);
  await page.goto(`/hoc-lieu/${materialId}`);
  const tracker = page.locator('ph-progress-tracker');
  await tracker.waitFor({ state: 'attached' });
  t.equal(await tracker.isVisible(), false, 'the tracker is invisible');
  // Heartbeats every 2 s instead of 30 s, so the test is short (the server's rules are the same).
  await tracker.evaluate((el) => { (el as unknown as { heartbeatSeconds: number }).heartbeatSeconds = 2; });

  await t.resolves(async () => {
    for (let i = 0; i < 40 && !(await recorded(page, materialId)); i++) await page.waitForTimeout(100);
  });
  const opened = await recorded(page, materialId);
  t.equal(opened?.status, 'in_progress', '"opened" is recorded as soon as the material shows');
  await screenshot(page, 'progress-tracker-material-phone');

  // Visible and active for ~7 s: about 7 s are recorded (never more than the wall clock).
  const t0 = Date.now();
  await act(page, 7000);
  await page.waitForTimeout(2300); // the next heartbeat
  const elapsed = (Date.now() - t0) / 1000;
  const visible = await recorded(page, materialId);
  t.ok(visible && visible.activeSeconds >= 5, `visible and active: ${visible?.activeSeconds}s recorded`);
  t.ok(visible && visible.activeSeconds <= Math.ceil(elapsed), `never more than the ${elapsed.toFixed(1)}s that passed`);

  // Hidden (another tab): still "acting", nothing more is recorded.
  await setVisibility(page, 'hidden');
  await page.waitForTimeout(500); // the flush on hiding
  const atHide = (await recorded(page, materialId))!.activeSeconds;
  await act(page, 6000);
  await page.waitForTimeout(2300);
  const hidden = (await recorded(page, materialId))!.activeSeconds;
  t.equal(hidden, atHide, `hidden: no seconds recorded (${atHide}s → ${hidden}s)`);

  // Back to the tab: counting resumes.
  await setVisibility(page, 'visible');
  await act(page, 4000);
  await page.waitForTimeout(2300);
  const back = (await recorded(page, materialId))!.activeSeconds;
  t.ok(back >= hidden + 2, `visible again: counting resumes (${hidden}s → ${back}s)`);

  // An H5P player inside the material reports a score (bubbling, composed event).
  await page.evaluate(() => {
    const g = globalThis as unknown as { document: { body: { dispatchEvent(e: unknown): void } }; CustomEvent: new (t: string, i: unknown) => unknown };
    g.document.body.dispatchEvent(new g.CustomEvent('ph-h5p-xapi', { bubbles: true, composed: true, detail: { contentId: 'demo-1', verb: 'answered', score: { raw: 4, max: 5, scaled: 0.8 }, completed: true } }));
  });
  await page.waitForTimeout(500);
  const scored = await recorded(page, materialId);
  t.equal(scored?.bestScore, 0.8, 'the H5P score is recorded');
  t.equal(scored?.status, 'completed', 'and completion');

  // Time not yet sent goes with keepalive when the page is left (heartbeats set long again).
  await page.locator('ph-progress-tracker').evaluate((el) => { (el as unknown as { heartbeatSeconds: number }).heartbeatSeconds = 600; });
  await act(page, 4000);
  const beforeLeave = (await recorded(page, materialId))!.activeSeconds;
  await page.goto('about:blank');
  await new Promise((r) => setTimeout(r, 800));
  const afterLeave = (await recorded(page, materialId))!.activeSeconds;
  t.ok(afterLeave >= beforeLeave + 2, `pagehide sends the pending seconds (${beforeLeave}s → ${afterLeave}s)`);
  t.same(pageErrors, []);
});
