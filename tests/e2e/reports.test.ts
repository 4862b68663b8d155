import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import t from 'tap';
import { startTestServer } from '../helpers/server.js';
import { launchBrowser, signIn, newPage, pageScrollWidth, screenshot, LAPTOP, PHONE } from '../helpers/browser.js';
import { DEMO_PRINCIPAL_ID, DEMO_TEACHER_ID } from '../../server/src/domain/demo/demo-school.js';

const browser = await launchBrowser(t);
const dir = mkdtempSync(path.join(tmpdir(), 'ph-e2e-reports-'));

/**
 * The report export end to end (issue 5): the principal opens the semester's evaluation report,
 * reads the figures (charts and tables), writes difficulties, causes and proposals, finalizes and
 * downloads the PDF and the spreadsheet, which are read back. A teacher sees the attendance of
 * their class on a phone.
 */
t.test('the principal fills, finalizes and downloads the semester report', async (t) => {
  const server = await startTestServer(t, {
    // Live lessons of semester I with attendance, so the figures and charts have something to show.
    beforeStart: async (k) => {
      const classes = await k('classes').where('grade', 6).orderBy('name').limit(2);
      const toan = await k('subjects').where({ code: 'TOAN' }).first();
      for (const c of classes) {
        const teacher = (await k('teaching_assignments').where({ class_id: c.id, subject_id: toan.id }).first()).teacher_id;
        const students = (await k('enrolments').where({ class_id: c.id }).select('student_id')).map((r) => r.student_id);
        for (const [i, day] of ['2026-09-14', '2026-10-05', '2026-10-19', '2026-11-09'].entries()) {
          const starts = `${day}T01:00:00.000Z`;
          const [row] = await k('live_lessons').insert({
            class_id: c.id, subject_id: toan.id, teacher_id: teacher, topic: 'Phân số', starts_at: starts, ends_at: `${day}T01:45:00.000Z`,
            mode: i === 2 ? 'replacing' : 'supporting', status: 'ended', created_at: starts, started_at: starts, ended_at: `${day}T01:44:00.000Z`,
          }).returning('id');
          const id = typeof row === 'object' ? row.id : row;
          const come = students.slice(0, students.length - (i + 1) * (c.name.endsWith('1') ? 1 : 3));
          if (come.length) await k('live_attendance').insert(come.map((s) => ({ lesson_id: id, person_id: s, joined_at: starts, left_at: `${day}T01:44:00.000Z`, reconnects: 0 })));
        }
      }
    },
  });
  const { page, pageErrors } = await newPage(browser, server.baseUrl, LAPTOP);
  await signIn(page, DEMO_PRINCIPAL_ID);

  // From the principal's home page.
  await page.locator('ph-home-overview').getByRole('link', { name: /^Báo cáo/ }).click();
  await page.waitForURL(/\/bao-cao$/);
  await page.getByRole('tab', { name: 'Báo cáo đánh giá học kì' }).waitFor();
  // Semester I (the one running, since none has ended yet) is chosen by default.
  t.match(await page.getByLabel('Học kì').locator('option:checked').textContent(), /^Học kì I, năm học 2026-2027/);
  await page.getByRole('button', { name: 'Mở báo cáo' }).click();
  await page.getByRole('heading', { name: '1. Tổ chức dạy học trực tuyến' }).waitFor();
  t.ok(await page.getByText('Bản nháp', { exact: true }).isVisible(), 'a draft');
  const held = page.locator('section.fig').first().locator('dl.kv div').filter({ hasText: 'Buổi đã tổ chức' }).locator('dd');
  t.equal(await held.textContent(), '8', 'eight lessons held');
  t.ok(await page.locator('ph-report-bars').first().locator('svg rect').count() >= 4, 'bars by month');
  await screenshot(page, 'reports-semester-draft');

  // The table behind the attendance chart.
  const attChart = page.locator('ph-report-bars').nth(1);
  await attChart.getByRole('button', { name: 'Xem bảng số liệu' }).click();
  t.equal(await attChart.locator('tbody tr').count(), 2, 'two classes');

  await page.getByLabel('Khó khăn').fill('Một số học sinh ở xa không có thiết bị; đường truyền yếu vào buổi tối.');
  await page.getByLabel('Nguyên nhân').fill('Gia đình khó khăn; hạ tầng mạng của phường chưa đồng bộ.');
  await page.getByLabel('Đề xuất').fill('Đề nghị Sở GD&ĐT hỗ trợ 20 máy tính bảng.\n\nTập huấn giáo viên về học liệu số.');
  await page.getByRole('button', { name: 'Lưu', exact: true }).click();
  await page.getByText('Đã lưu nội dung báo cáo.').waitFor();

  await page.getByRole('button', { name: 'Chốt báo cáo' }).click();
  await page.getByRole('alert').filter({ hasText: 'Chốt báo cáo?' }).waitFor();
  await page.getByRole('button', { name: 'Chốt và lưu hồ sơ' }).click();
  await page.getByText(/^Đã chốt lúc/).waitFor();
  t.ok(await page.getByText('Đã chốt', { exact: true }).isVisible(), 'finalized');
  t.equal(await page.getByRole('button', { name: 'Tính lại số liệu' }).count(), 0, 'no more recomputing');
  t.ok(await page.getByLabel('Khó khăn').getAttribute('readonly') !== null, 'text is read-only');
  await page.getByText(/^Đã chốt lúc/).scrollIntoViewIfNeeded();
  await screenshot(page, 'reports-semester-finalized');

  // Downloads: the PDF and the workbook, read back.
  const [pdfDl] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /Tải PDF/ }).click()]);
  t.equal(pdfDl.suggestedFilename(), 'bao-cao-danh-gia-hk1-2026-2027.pdf');
  const pdfFile = path.join(dir, 'report.pdf');
  await pdfDl.saveAs(pdfFile);
  const text = execFileSync('pdftotext', ['-layout', pdfFile, '-'], { encoding: 'utf8' });
  for (const s of ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', server.demo!.school.name, 'BÁO CÁO ĐÁNH GIÁ',
    'Kính gửi', 'đường truyền yếu vào buổi tối', 'hạ tầng mạng của phường', 'Tập huấn giáo viên về học liệu số.', 'HIỆU TRƯỞNG']) {
    t.ok(text.includes(s), `PDF: ${s}`);
  }
  const [xDl] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /Tải bảng tính/ }).click()]);
  const xFile = path.join(dir, 'report.xlsx');
  await xDl.saveAs(xFile);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(readFileSync(xFile) as unknown as ArrayBuffer);
  t.ok(wb.getWorksheet('Chuyên cần theo lớp'), 'attendance sheet');
  const info = wb.getWorksheet('Thông tin chung')!;
  const rows = info.getSheetValues().map((r) => (Array.isArray(r) ? r.slice(1).join('|') : ''));
  t.ok(rows.some((r) => r.includes('Đề xuất|Đề nghị Sở GD&ĐT hỗ trợ 20 máy tính bảng.')), 'the proposals in the workbook');
  t.same(pageErrors, []);

  // A teacher: attendance of their classes, on a phone.
  const { page: phone, pageErrors: phoneErrors } = await newPage(browser, server.baseUrl, PHONE, { mobile: true });
  await signIn(phone, DEMO_TEACHER_ID);
  await phone.goto(`${server.baseUrl}/bao-cao`);
  await phone.getByRole('tab', { name: 'Chuyên cần' }).click();
  await phone.getByLabel('Từ ngày').fill('07/09/2026');
  await phone.getByLabel('Từ ngày').dispatchEvent('change');
  await phone.getByRole('button', { name: 'Xem báo cáo' }).click();
  await phone.getByRole('heading', { name: 'Theo từng buổi học' }).waitFor();
  t.equal(await phone.getByRole('tab', { name: 'Báo cáo đánh giá học kì' }).count(), 0, 'no semester report for a teacher');
  t.ok((await pageScrollWidth(phone)) <= PHONE.width + 1, 'no sideways scrolling of the page');
  await screenshot(phone, 'reports-teacher-attendance-phone');
  t.same(phoneErrors, []);
});
