import t from 'tap';
import { startTestServer } from '../helpers/server.js';
import { LAPTOP, launchBrowser, navTo, newPage, pageScrollWidth, PHONE, screenshot, signIn } from '../helpers/browser.js';
import { DEMO_PRINCIPAL_ID, DEMO_VICE_PRINCIPAL_ID } from '../../server/src/domain/demo/demo-school.js';

const browser = await launchBrowser(t);

/** Today in the school's calendar, as the pages show it (dd/mm/yyyy). */
function vnToday(): string {
  const [y, m, d] = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10).split('-');
  return `${d}/${m}/${y}`;
}

const RULES = 'Nội quy dạy học trực tuyến dành cho học sinh';

t.test('the principal publishes the rules; an anonymous phone visitor sees only what was published', async (t) => {
  // The teaching room's equipment, as IT would have entered it (Art. 10.3).
  const server = await startTestServer(t, {
    beforeStart: async (knex) => {
      const at = new Date().toISOString();
      await knex('devices').insert([
        { kind: 'camera', name: 'Camera PTZ phòng học', model: 'Axis M5525-E', serial: 'AX-1', host: '10.0.0.21', port: 80, added_at: at },
        { kind: 'microphone', name: 'Micro trần', model: 'Shure MXA310', added_at: at },
        { kind: 'display', name: 'Màn hình tương tác 75 inch', added_at: at },
      ]);
    },
  });
  const { page, pageErrors } = await newPage(browser, server.baseUrl, LAPTOP);
  await signIn(page, DEMO_PRINCIPAL_ID);

  await navTo(page, 'Công khai');
  await page.waitForURL(/\/cong-khai\/soan$/);
  await page.getByRole('heading', { name: 'Soạn nội dung công khai' }).waitFor();
  const card = page.locator('li[data-section="rules_students"]');
  await t.resolves(card.getByText('Chưa công khai').waitFor(), 'nothing published yet');

  // Start from the suggested text, add the school's own rule, save the draft.
  await card.getByRole('button', { name: 'Soạn bản mới' }).click();
  await card.getByRole('button', { name: 'Dùng bản gợi ý' }).click();
  const editor = card.getByRole('textbox', { name: RULES });
  await t.resolves(editor.getByText('Vào lớp đúng giờ', { exact: false }).waitFor(), 'the suggested Vietnamese text fills the editor');
  await editor.click();
  await page.keyboard.press('Control+End');
  await page.keyboard.press('Enter');
  await page.keyboard.type('Học sinh đeo tai nghe khi học ở nơi đông người.');
  await screenshot(page, 'disclosure-editor-rules');
  await card.getByRole('button', { name: 'Lưu nháp' }).click();
  await t.resolves(card.getByText('chưa công khai', { exact: false }).first().waitFor(), 'the draft is saved and marked not public');

  // Before publishing, an anonymous visitor on a phone sees nothing of it.
  const visitor = await newPage(browser, server.baseUrl, PHONE, { mobile: true });
  const phone = visitor.page;
  await phone.goto('/cong-khai');
  await phone.getByRole('heading', { name: 'Công khai về dạy học trực tuyến' }).waitFor();
  t.match(new URL(phone.url()).pathname, /^\/cong-khai$/, 'no sign-in is asked');
  await t.resolves(phone.getByText('Nhà trường chưa công khai nội dung nào.').waitFor(), 'an unpublished draft is not shown');
  t.equal(await phone.getByText('đeo tai nghe', { exact: false }).count(), 0);

  // Publish (with confirmation).
  await card.getByRole('button', { name: 'Công khai', exact: true }).click();
  await card.getByRole('alertdialog').getByRole('button', { name: 'Công khai', exact: true }).click();
  await t.resolves(card.getByText(`Đang công khai: phiên bản 1 (${vnToday()})`).waitFor(), 'version 1 is public, dated today');
  await screenshot(page, 'disclosure-editor-published');

  await phone.reload();
  await phone.getByRole('heading', { name: RULES }).waitFor();
  await t.resolves(phone.getByText('đeo tai nghe', { exact: false }).waitFor(), 'the visitor sees the published rules');
  await t.resolves(phone.getByText(`Công khai ngày ${vnToday()}`).waitFor(), 'with the publication date');
  await t.resolves(phone.getByText('Trường THCS', { exact: false }).first().waitFor(), 'under the school\'s name');
  t.ok(await pageScrollWidth(phone) <= PHONE.width, 'no sideways scrolling on a phone');
  await screenshot(phone, 'disclosure-public-phone');

  // A new draft is not public until it is published.
  await card.getByRole('button', { name: 'Soạn bản mới' }).click();
  await editor.click();
  await page.keyboard.press('Control+End');
  await page.keyboard.press('Enter');
  await page.keyboard.type('Bản sửa đổi: tắt micro khi không phát biểu.');
  await card.getByRole('button', { name: 'Lưu nháp' }).click();
  await card.getByText('Bản nháp (chưa công khai)').waitFor();
  await phone.reload();
  await phone.getByRole('heading', { name: RULES }).waitFor();
  t.equal(await phone.getByText('Bản sửa đổi', { exact: false }).count(), 0, 'the newer draft is not visible');

  await card.getByRole('button', { name: 'Công khai', exact: true }).click();
  await card.getByRole('alertdialog').getByRole('button', { name: 'Công khai', exact: true }).click();
  await card.getByText(`Đang công khai: phiên bản 2 (${vnToday()})`).waitFor();
  await phone.reload();
  await t.resolves(phone.getByText('Bản sửa đổi: tắt micro', { exact: false }).waitFor(), 'visible once published');

  // The earlier version stays reachable.
  await phone.getByText('Các phiên bản trước (1)').click();
  await phone.getByRole('link', { name: `Phiên bản 1 (${vnToday()})` }).click();
  await phone.waitForURL(/\/cong-khai\/noi-quy-hoc-sinh\/1$/);
  await t.resolves(phone.getByText(`Phiên bản 1, công khai ngày ${vnToday()}`).waitFor(), 'version 1 with its date');
  await phone.getByText('đeo tai nghe', { exact: false }).waitFor();
  t.equal(await phone.getByText('Bản sửa đổi', { exact: false }).count(), 0, 'version 1 as it was');
  await screenshot(phone, 'disclosure-public-version1-phone');

  // Printable: the print button, the language switch and the version list are not printed.
  await phone.goto('/cong-khai');
  await phone.getByRole('heading', { name: RULES }).waitFor();
  await phone.emulateMedia({ media: 'print' });
  t.ok(await phone.getByRole('button', { name: 'In trang này' }).isHidden(), 'no print button on paper');
  await screenshot(phone, 'disclosure-public-print');
  await phone.emulateMedia({ media: 'screen' });

  // The conditions with the box's own figures: previewed for the principal, public only once published.
  const cond = page.locator('li[data-section="conditions"]');
  await cond.getByRole('button', { name: 'Soạn bản mới' }).click();
  t.ok(await cond.getByRole('checkbox', { name: 'Kèm số liệu của máy', exact: false }).isChecked(), 'the box figures are offered for the conditions');
  await cond.getByText('Số liệu hiện tại của máy').waitFor();
  const condEditor = cond.getByRole('textbox', { name: 'Các điều kiện bảo đảm dạy học trực tuyến' });
  await condEditor.click();
  await page.keyboard.type('Đường truyền cáp quang 300 Mbps; phòng dạy học trực tuyến có camera, micro và màn hình tương tác.');
  await screenshot(page, 'disclosure-editor-conditions');
  await cond.getByRole('button', { name: 'Lưu nháp' }).click();
  await cond.getByText('Bản nháp (chưa công khai)').waitFor();
  await phone.reload();
  await phone.getByRole('heading', { name: RULES }).waitFor();
  t.equal(await phone.getByText('Axis M5525-E', { exact: false }).count(), 0, 'the equipment is not public before publishing');
  await cond.getByRole('button', { name: 'Công khai', exact: true }).click();
  await cond.getByRole('alertdialog').getByRole('button', { name: 'Công khai', exact: true }).click();
  await cond.getByText(`Đang công khai: phiên bản 1 (${vnToday()})`).waitFor();
  await phone.reload();
  await phone.getByRole('heading', { name: 'Các điều kiện bảo đảm dạy học trực tuyến' }).waitFor();
  await t.resolves(phone.getByText(`Số liệu của hệ thống dạy học trực tuyến (ngày ${vnToday()})`).waitFor(), 'the frozen figures with their day');
  await t.resolves(phone.getByText('Camera PTZ phòng học (Axis M5525-E)').waitFor(), 'the camera by name and model');
  t.equal(await phone.getByText('10.0.0.21', { exact: false }).count(), 0, 'no address of the equipment');
  t.equal(await phone.getByText('AX-1', { exact: false }).count(), 0, 'no serial number');
  t.ok(await pageScrollWidth(phone) <= PHONE.width, 'still no sideways scrolling');
  await phone.getByRole('heading', { name: 'Các điều kiện bảo đảm dạy học trực tuyến' }).scrollIntoViewIfNeeded();
  await screenshot(phone, 'disclosure-public-conditions-phone');

  // Taking a section down removes it from the public page; the others stay.
  await card.getByRole('button', { name: 'Gỡ khỏi trang công khai' }).click();
  await card.getByRole('alertdialog').getByRole('button', { name: 'Gỡ khỏi trang công khai' }).click();
  await card.getByText(`Đã gỡ khỏi trang công khai ngày ${vnToday()}`).waitFor();
  await phone.reload();
  await phone.getByRole('heading', { name: 'Các điều kiện bảo đảm dạy học trực tuyến' }).waitFor();
  t.equal(await phone.getByRole('heading', { name: RULES }).count(), 0, 'the withdrawn rules are gone');
  t.equal(await phone.getByText('đeo tai nghe', { exact: false }).count(), 0);
  await phone.goto('/cong-khai/noi-quy-hoc-sinh/1');
  await t.resolves(phone.getByText('Không tìm thấy', { exact: false }).waitFor(), 'its older versions too');

  // The sign-in page leads visitors to the public page.
  await phone.goto('/dang-nhap');
  await phone.getByRole('link', { name: 'Công khai về dạy học trực tuyến' }).click();
  await phone.waitForURL(/\/cong-khai$/);
  await phone.getByRole('heading', { name: 'Công khai về dạy học trực tuyến' }).waitFor();

  t.same(pageErrors, [], 'no script error for the principal');
  t.same(visitor.pageErrors, [], 'no script error for the visitor');
});

t.test('the vice principal reads the editing page but cannot change it', async (t) => {
  const server = await startTestServer(t);
  const { page, pageErrors } = await newPage(browser, server.baseUrl, LAPTOP);
  await signIn(page, DEMO_VICE_PRINCIPAL_ID);
  await page.goto('/cong-khai/soan');
  await page.getByRole('heading', { name: 'Soạn nội dung công khai' }).waitFor();
  await t.resolves(page.getByText('Chỉ hiệu trưởng soạn, công khai và gỡ nội dung.', { exact: false }).waitFor());
  t.equal(await page.getByRole('button', { name: 'Soạn bản mới' }).count(), 0, 'no editing buttons');
  t.same(pageErrors, []);
});
