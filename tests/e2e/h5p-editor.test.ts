import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import t from 'tap';
import type { Page } from 'playwright-core';
import { startTestServer } from '../helpers/server.js';
import { launchBrowser, signIn, newPage, screenshot, LAPTOP, PHONE } from '../helpers/browser.js';
import { DEMO_TEACHER_ID } from '../../server/src/domain/demo/demo-school.js';

/**
 * The H5P editor page in Chromium (Art. 9.3). Without the core and editor files (as in CI) the page
 * explains what to install and offers the .h5p upload. With STAND-IN files named as h5p-server's
 * editorAssetList.json lists them (the real h5p-php-library / h5p-editor-php-library cannot be
 * installed here), the page loads every listed script and style from /h5p-core/ and /h5p-editor/
 * and then reports that the editor could not start: mounting the real H5P editor is NOT tested.
 */
const browser = await launchBrowser(t);
const assetList = createRequire(import.meta.url)('@lumieducation/h5p-server/build/src/editorAssetList.json') as {
  scripts: { core: string[]; editor: string[] }; styles: { core: string[]; editor: string[] };
};

t.test('the editor page with and without the H5P files', async (t) => {
  const server = await startTestServer(t);
  const { page, pageErrors } = await newPage(browser, server.baseUrl, LAPTOP);
  await signIn(page, DEMO_TEACHER_ID);
  await page.goto('/h5p');
  await page.getByRole('heading', { name: 'Nội dung tương tác H5P' }).waitFor();
  await page.getByRole('link', { name: 'Soạn nội dung mới trên máy' }).waitFor();
  await screenshot(page, 'h5p-editor-link');
  await page.getByRole('link', { name: 'Soạn nội dung mới trên máy' }).click();
  await page.waitForURL((u) => u.pathname === '/h5p/soan-thao');
  await page.getByRole('heading', { name: 'Soạn nội dung H5P mới' }).waitFor();
  await t.resolves(page.getByText('Trình soạn thảo chưa được cài trên máy này').waitFor(), 'says it is not installed');
  await t.resolves(page.getByText('provisioning/h5p-core/README.md').waitFor(), 'says what to install and where');
  await t.resolves(page.getByText('Còn thiếu: core/js/h5p.js').waitFor(), 'lists the missing files');
  await screenshot(page, 'h5p-editor-missing');
  await page.getByRole('link', { name: 'Trong lúc chờ, hãy tải lên gói .h5p soạn ở nơi khác' }).click();
  await page.waitForURL((u) => u.pathname === '/h5p');

  const phone = await newPage(browser, server.baseUrl, PHONE, { mobile: true });
  await signIn(phone.page, DEMO_TEACHER_ID);
  await phone.page.goto('/h5p/soan-thao');
  await phone.page.getByText('Trình soạn thảo chưa được cài trên máy này').waitFor();
  await screenshot(phone.page, 'h5p-editor-missing-phone');

  // Stand-ins for the real files (see above).
  const h5pDir = path.join(server.dataDir, 'h5p');
  for (const [sub, files] of [['core', [...assetList.scripts.core, ...assetList.styles.core]], ['editor', [...assetList.scripts.editor, ...assetList.styles.editor, 'language/vi.js']]] as const) {
    for (const f of files) {
      fs.mkdirSync(path.dirname(path.join(h5pDir, sub, f)), { recursive: true });
      fs.writeFileSync(path.join(h5pDir, sub, f), f.endsWith('.css') ? `/* stand-in ${f} */\n` : `/* stand-in ${f} */\nwindow.__standIns = (window.__standIns || 0) + 1;\n`);
    }
  }
  const served: string[] = [];
  page.on('response', (r) => {
    const u = new URL(r.url());
    if ((u.pathname.startsWith('/h5p-core/') || u.pathname.startsWith('/h5p-editor/')) && r.status() === 200) served.push(u.pathname);
  });
  await page.goto('/h5p/soan-thao');
  await t.resolves(page.getByText('Không khởi động được trình soạn thảo H5P').waitFor(), 'stand-ins do not make an editor: the page says so');
  const model = await page.evaluate(() => fetch('/api/h5p/editor/model').then((r) => r.json() as Promise<{ scripts: string[]; styles: string[] }>));
  const scripts = model.scripts.map((u) => new URL(u, 'http://x').pathname);
  t.ok(scripts.length >= assetList.scripts.core.length + assetList.scripts.editor.length, 'the model lists the core and editor scripts');
  t.same(scripts.filter((s) => !served.includes(s)), [], 'every script of the integration object was loaded');
  t.equal(await page.evaluate(() => (globalThis as unknown as { __standIns: number }).__standIns), scripts.length, 'each executed once');
  t.ok(served.includes('/h5p-core/styles/h5p.css'), 'styles loaded');
  t.same(pageErrors, [], 'no page errors');
});
