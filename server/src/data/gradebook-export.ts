import ExcelJS from 'exceljs';
import type { GradebookSheet } from '../domain/gradebook/gradebook.service.js';

/**
 * Writes a subject's gradebook sheet (bảng điểm môn học) as .xlsx: the heading lines (title, school,
 * class, subject, semester, year, teacher), then the table with bordered cells, scores as numbers
 * shown with one decimal (Excel shows 6,5 on a Vietnamese system), printable on A4 landscape.
 */
export async function writeGradebookSheet(spec: GradebookSheet): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Phonghoc';
  wb.created = new Date();
  const name = spec.sheetName.replace(/[\\/?*[\]:]/g, ' ').slice(0, 31) || 'Sheet1';
  const ws = wb.addWorksheet(name, { pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  const ncols = spec.headers.length;
  spec.heading.forEach((line, i) => {
    const row = ws.getRow(i + 1);
    row.getCell(1).value = line;
    row.getCell(1).font = i === 0 ? { bold: true, size: 14 } : { size: 11, bold: i === 2 };
    row.getCell(1).alignment = { horizontal: i === 0 ? 'center' : 'left' };
    if (ncols > 1) ws.mergeCells(i + 1, 1, i + 1, ncols);
  });
  const headerRow = spec.heading.length + 2;
  const border = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } } as const;
  const h = ws.getRow(headerRow);
  spec.headers.forEach((text, i) => {
    const c = h.getCell(i + 1);
    c.value = text;
    c.font = { bold: true };
    c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    c.border = border;
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
  });
  spec.rows.forEach((values, r) => {
    const row = ws.getRow(headerRow + 1 + r);
    values.forEach((v, i) => {
      const c = row.getCell(i + 1);
      c.value = v;
      c.border = border;
      if (spec.scoreColumns.includes(i) && typeof v === 'number') c.numFmt = '0.0';
      else if (typeof v === 'string') c.numFmt = '@';
      if (i !== 2 && i !== ncols - 1) c.alignment = { horizontal: 'center' };
    });
  });
  spec.widths.forEach((w, i) => { ws.getColumn(i + 1).width = w; });
  ws.views = [{ state: 'frozen', xSplit: 3, ySplit: headerRow }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}
