/**
 * PDF documents for the records archive and the reports (Art. 8.2, 15.6): a title block, headings,
 * paragraphs, label/value lists and tables that wrap their cells and repeat the header row on every
 * page. Text is set in Noto Sans (Debian's fonts-noto-core) so Vietnamese diacritics are real glyphs
 * and `pdftotext` gives the text back. No business rules live here: callers pass plain strings.
 *
 * The output is reproducible: the creation date is the caller's, so the same spec gives the same
 * bytes (the archive hashes its files).
 *
 * pdfkit lays out synchronously. A semester's archive or a large report is thousands of table rows,
 * so the layout gives the event loop back every few milliseconds: the box keeps answering live
 * lessons and quiz saves while it writes a document (measured in tests/unit/pdf-document.test.ts).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import { DomainError } from '../domain/shared/errors.js';
import type { DocumentBlock, DocumentColumn, DocumentSpec } from '../domain/shared/documents.js';

/** The shapes live in the domain (domain/shared/documents.ts); these names are the PDF writer's. */
export type PdfBlock = DocumentBlock;
export type PdfColumn = DocumentColumn;
export type PdfDocumentSpec = DocumentSpec;

const FONT_DIRS = [
  process.env.PHONGHOC_PDF_FONT_DIR ?? '',
  '/usr/share/fonts/truetype/noto',
  '/usr/share/fonts/noto',
].filter(Boolean);

interface Fonts { regular: string; bold: string }

let cachedFonts: Fonts | null = null;

/** Finds Noto Sans; a box without it cannot write Vietnamese PDFs, which is a clear error. */
export function pdfFonts(): Fonts {
  if (cachedFonts) return cachedFonts;
  for (const dir of FONT_DIRS) {
    const regular = path.join(dir, 'NotoSans-Regular.ttf');
    const bold = path.join(dir, 'NotoSans-Bold.ttf');
    if (existsSync(regular) && existsSync(bold)) {
      cachedFonts = { regular, bold };
      return cachedFonts;
    }
  }
  throw new DomainError('PDF_FONT_MISSING', { looked: FONT_DIRS.join(', ') });
}

/** Longest stretch of layout work between two turns of the event loop. */
const SLICE_MS = 12;

/** Resolves on the next turn of the event loop once the current slice of work is used up. */
function pacer(): () => Promise<void> {
  let since = performance.now();
  return async () => {
    if (performance.now() - since < SLICE_MS) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
    since = performance.now();
  };
}

const MARGIN = 48;
const BODY = 10;

/** Renders the spec to a PDF held in memory (reports and archive files are a few hundred KB). */
export async function renderPdf(spec: PdfDocumentSpec): Promise<Buffer> {
  const fonts = pdfFonts();
  const created = new Date(spec.createdAt);
  const doc = new PDFDocument({
    size: 'A4',
    layout: spec.landscape ? 'landscape' : 'portrait',
    margins: { top: MARGIN, bottom: MARGIN + 14, left: MARGIN, right: MARGIN },
    bufferPages: true,
    info: {
      Title: spec.title,
      Author: spec.author ?? 'Phonghoc',
      Creator: 'Phonghoc',
      Producer: 'Phonghoc',
      CreationDate: created,
      ModDate: created,
    },
  });
  doc.registerFont('body', fonts.regular);
  doc.registerFont('bold', fonts.bold);

  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const width = doc.page.width - MARGIN * 2;
  for (const line of spec.letterhead ?? []) {
    doc.font('bold').fontSize(BODY).text(line, { width, align: 'center' });
  }
  if (spec.letterhead?.length) doc.moveDown(1);
  doc.font('bold').fontSize(16).text(spec.title, { width, align: 'center' });
  if (spec.subtitle) doc.font('body').fontSize(11).text(spec.subtitle, { width, align: 'center' });
  doc.moveDown(1);

  const pace = pacer();
  for (const block of spec.blocks) {
    await writeBlock(doc, block, width, pace);
    await pace();
  }

  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const y = doc.page.height - MARGIN;
    // Writing below the bottom margin would add a page: lift it for the footer line.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font('body').fontSize(8).fillColor('#555555');
    if (spec.footer) doc.text(spec.footer, MARGIN, y, { width: width - 60, lineBreak: false });
    doc.text(`${i + 1}/${range.count}`, MARGIN + width - 60, y, { width: 60, align: 'right', lineBreak: false });
    doc.fillColor('#000000');
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return done;
}

async function writeBlock(doc: PDFKit.PDFDocument, block: PdfBlock, width: number, pace: () => Promise<void>): Promise<void> {
  const x = MARGIN;
  switch (block.kind) {
    case 'heading': {
      const size = block.level === 2 ? 11.5 : 13;
      ensureRoom(doc, size * 3);
      doc.moveDown(0.4);
      doc.font('bold').fontSize(size).text(block.text, x, doc.y, { width });
      doc.moveDown(0.3);
      return;
    }
    case 'paragraph':
      doc.font('body').fontSize(BODY).fillColor(block.muted ? '#555555' : '#000000')
        .text(block.text, x, doc.y, { width, align: 'left' });
      doc.fillColor('#000000').moveDown(0.5);
      return;
    case 'keyValues': {
      const labelWidth = Math.min(200, width * 0.4);
      for (const [label, value] of block.items) {
        doc.font('body').fontSize(BODY);
        const h = Math.max(
          doc.heightOfString(label, { width: labelWidth - 8 }),
          doc.heightOfString(value || '—', { width: width - labelWidth }),
        );
        ensureRoom(doc, h + 4);
        const y = doc.y;
        doc.font('bold').text(label, x, y, { width: labelWidth - 8 });
        doc.font('body').text(value || '—', x + labelWidth, y, { width: width - labelWidth });
        doc.y = y + h + 4;
      }
      doc.moveDown(0.5);
      return;
    }
    case 'table':
      await writeTable(doc, block.columns, block.rows, width, pace, block.emptyText);
      return;
    case 'pageBreak':
      doc.addPage();
      return;
  }
}

function ensureRoom(doc: PDFKit.PDFDocument, height: number): boolean {
  const limit = doc.page.height - doc.page.margins.bottom;
  if (doc.y + height > limit) {
    doc.addPage();
    return true;
  }
  return false;
}

async function writeTable(doc: PDFKit.PDFDocument, columns: PdfColumn[], rows: string[][], width: number, pace: () => Promise<void>, emptyText?: string): Promise<void> {
  const total = columns.reduce((s, c) => s + (c.weight ?? 1), 0);
  const widths = columns.map((c) => (width * (c.weight ?? 1)) / total);
  const pad = 3;
  const size = columns.length > 8 ? 7.5 : 8.5;

  const rowHeight = (cells: string[], font: 'body' | 'bold') => {
    doc.font(font).fontSize(size);
    return Math.max(...cells.map((cell, i) => doc.heightOfString(cell || ' ', { width: widths[i]! - pad * 2 }))) + pad * 2;
  };
  const drawRow = (cells: string[], font: 'body' | 'bold', shade: boolean) => {
    const h = rowHeight(cells, font);
    const y = doc.y;
    let cx = MARGIN;
    if (shade) doc.rect(MARGIN, y, width, h).fill('#eeeeee').fillColor('#000000');
    doc.font(font).fontSize(size);
    cells.forEach((cell, i) => {
      doc.text(cell ?? '', cx + pad, y + pad, { width: widths[i]! - pad * 2, align: columns[i]?.align ?? 'left' });
      cx += widths[i]!;
    });
    doc.lineWidth(0.5).strokeColor('#999999');
    doc.moveTo(MARGIN, y + h).lineTo(MARGIN + width, y + h).stroke();
    doc.y = y + h;
    doc.x = MARGIN;
  };
  const header = columns.map((c) => c.header);

  ensureRoom(doc, rowHeight(header, 'bold') * 2);
  drawRow(header, 'bold', true);
  if (rows.length === 0) {
    doc.font('body').fontSize(size).fillColor('#555555').text(emptyText ?? '—', MARGIN + pad, doc.y + pad, { width });
    doc.fillColor('#000000');
  }
  for (const row of rows) {
    const cells = columns.map((_, i) => row[i] ?? '');
    if (ensureRoom(doc, rowHeight(cells, 'body'))) drawRow(header, 'bold', true);
    drawRow(cells, 'body', false);
    await pace();
  }
  doc.moveDown(0.8);
}
