/**
 * Documents the domain describes as plain data and the data layer renders: PDF files
 * (`renderPdf`, data/pdf-document.ts) and spreadsheet sheets (`writeWorkbook`, data/spreadsheet.ts).
 * One definition, so every module that writes a report, an export or an archive file speaks the
 * same shape.
 */

export interface DocumentColumn {
  header: string;
  /** Relative width (default 1); the columns share the page's width in these proportions. */
  weight?: number;
  align?: 'left' | 'right' | 'center';
}

export type DocumentBlock =
  | { kind: 'heading'; text: string; level?: 1 | 2 }
  | { kind: 'paragraph'; text: string; muted?: boolean }
  | { kind: 'keyValues'; items: Array<[label: string, value: string]> }
  | { kind: 'table'; columns: DocumentColumn[]; rows: string[][]; emptyText?: string }
  | { kind: 'pageBreak' };

export interface DocumentSpec {
  /** Printed large on the first page and stored as the document's title. */
  title: string;
  /** Lines above the title, e.g. the national motto block and the school's name. */
  letterhead?: string[];
  subtitle?: string;
  author?: string;
  /** The document's creation instant (ISO); fixed by the caller so output is reproducible. */
  createdAt: string;
  /** Printed at the bottom of every page, left; the page number is printed right. */
  footer?: string;
  landscape?: boolean;
  blocks: DocumentBlock[];
}

export interface SheetColumn {
  header: string;
  key: string;
  /** Column width in characters; a default based on the header is used otherwise. */
  width?: number;
  /**
   * 'text' (default): always written as text, so identifiers keep leading zeros and never turn
   * into numbers. 'date': 'YYYY-MM-DD' or 'dd/mm/yyyy' strings become real dates shown as
   * dd/mm/yyyy (other values are written as text). 'number': numbers stay numbers (e.g. STT).
   */
  type?: 'text' | 'date' | 'number';
}

export interface SheetSpec {
  name: string;
  /** A bold title line written above the header (with a blank line between). */
  title?: string;
  columns: SheetColumn[];
  rows: Record<string, string | number | null>[];
}

/** The workbook writer as the domain sees it (implemented by data/spreadsheet.ts). */
export type WriteWorkbook = (sheets: SheetSpec[]) => Promise<Buffer>;
/** The PDF writer as the domain sees it (implemented by data/pdf-document.ts). */
export type RenderPdf = (spec: DocumentSpec) => Promise<Buffer>;
