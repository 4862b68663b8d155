/**
 * Spreadsheet I/O for roster import and export: reads .xlsx and .csv files into a plain table of
 * trimmed strings, and writes .xlsx workbooks. No business rules live here; the roster column
 * dictionary and validation are in domain/roster.
 *
 * An .xlsx file is a zip archive. Before handing one to exceljs we walk its central directory
 * ourselves and refuse path tricks (zip-slip) and decompression bombs, and we inflate every entry
 * with a hard output cap so that sizes declared in the directory cannot lie.
 */
import { inflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { DomainError } from '../domain/shared/errors.js';
import type { SheetSpec } from '../domain/shared/documents.js';

export interface RawRow {
  /** 1-based row number in the spreadsheet (what Excel shows at the left edge). */
  rowNumber: number;
  /** Cell text by header; null when the cell is empty. Every header has a key. */
  cells: Record<string, string | null>;
}

export interface RawTable {
  /** Header texts, whitespace collapsed; duplicates get " (2)", " (3)"…; empty headers dropped. */
  headers: string[];
  /** 1-based row number of the header row; 0 when the file holds no data at all. */
  headerRowNumber: number;
  /** Rows after the header. Empty rows inside the table are kept, empty trailing rows dropped. */
  rows: RawRow[];
}

export interface ReadTableOptions {
  /** Refuse tables with more data rows than this (default 5000). */
  maxRows?: number;
  /**
   * Recognises the header row. The first row among the first 10 non-empty rows for which this
   * returns true is the header (sector exports put title lines above the table). Without the
   * callback, or when no row matches, the first non-empty row is the header.
   */
  isHeaderRow?: (cells: string[]) => boolean;
}

export type { SheetColumn, SheetSpec } from '../domain/shared/documents.js';

export const DEFAULT_MAX_ROWS = 5000;
/** How many non-empty rows from the top are searched for the header. */
export const HEADER_SEARCH_ROWS = 10;
/** Columns beyond this are ignored (a stray cell in column XFD must not cost 16 384 columns). */
export const MAX_COLUMNS = 200;

export const ZIP_LIMITS = {
  maxTotalUncompressed: 50 * 1024 * 1024,
  maxRatio: 100,
  /** Entries smaller than this are not ratio-checked: a few KB of repetitive XML is harmless. */
  ratioCheckFromBytes: 64 * 1024,
  maxEntries: 10_000,
} as const;

type FileKind = 'xlsx' | 'csv';

// ---------------------------------------------------------------------------------------------
// Reading

export async function readTable(data: Buffer, fileName: string, opts: ReadTableOptions = {}): Promise<RawTable> {
  const kind = fileKindOf(fileName);
  const maxRows = opts.maxRows ?? DEFAULT_MAX_ROWS;
  if (isOle2(data)) {
    // An .xls renamed, or an .xlsx protected with a password (Excel wraps those in OLE2 too).
    throw new DomainError('SPREADSHEET_LEGACY_XLS', { fileName });
  }
  const grid = kind === 'xlsx' ? await readXlsxGrid(data, maxRows) : readCsvGrid(data);
  return buildTable(grid, maxRows, opts.isHeaderRow);
}

function fileKindOf(fileName: string): FileKind {
  const lower = fileName.trim().toLowerCase();
  if (lower.endsWith('.xlsx')) return 'xlsx';
  if (lower.endsWith('.csv')) return 'csv';
  if (lower.endsWith('.xls')) throw new DomainError('SPREADSHEET_LEGACY_XLS', { fileName });
  throw new DomainError('UNSUPPORTED_FILE_TYPE', { fileName, accepted: ['.xlsx', '.csv'] });
}

function isOle2(data: Buffer): boolean {
  const magic = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
  return data.length >= magic.length && magic.every((b, i) => data[i] === b);
}

interface GridRow {
  rowNumber: number;
  values: (string | null)[];
}

function buildTable(
  grid: GridRow[],
  maxRows: number,
  isHeaderRow: ((cells: string[]) => boolean) | undefined,
): RawTable {
  const nonEmpty = grid.filter((r) => r.values.some((v) => v !== null));
  const candidates = nonEmpty.slice(0, HEADER_SEARCH_ROWS);
  const headerRow =
    (isHeaderRow && candidates.find((r) => isHeaderRow(r.values.map((v) => v ?? '')))) || nonEmpty[0];
  if (!headerRow) return { headers: [], headerRowNumber: 0, rows: [] };

  // Column index → unique header text.
  const columns: { index: number; header: string }[] = [];
  const seen = new Map<string, number>();
  headerRow.values.forEach((value, index) => {
    const text = value?.replace(/\s+/g, ' ').trim();
    if (!text) return;
    const count = (seen.get(text) ?? 0) + 1;
    seen.set(text, count);
    columns.push({ index, header: count === 1 ? text : `${text} (${count})` });
  });

  const below = grid.filter((r) => r.rowNumber > headerRow.rowNumber);
  const hasData = (r: GridRow): boolean => columns.some((c) => (r.values[c.index] ?? null) !== null);
  let last = headerRow.rowNumber;
  for (const r of below) if (hasData(r)) last = r.rowNumber;
  const count = last - headerRow.rowNumber;
  if (count > maxRows) throw new DomainError('SPREADSHEET_TOO_MANY_ROWS', { rows: count, max: maxRows });

  const byNumber = new Map(below.map((r) => [r.rowNumber, r]));
  const rows: RawRow[] = [];
  for (let n = headerRow.rowNumber + 1; n <= last; n++) {
    const values = byNumber.get(n)?.values ?? [];
    rows.push({
      rowNumber: n,
      cells: Object.fromEntries(columns.map((c) => [c.header, values[c.index] ?? null])),
    });
  }
  return { headers: columns.map((c) => c.header), headerRowNumber: headerRow.rowNumber, rows };
}

/** Trims, normalises to NFC and drops zero-width characters; '' becomes null. */
function cleanText(text: string): string | null {
  const t = text.replace(/[\u200B-\u200D\uFEFF]/g, '').normalize('NFC').trim();
  return t === '' ? null : t;
}

// --- CSV ---------------------------------------------------------------------------------------

function readCsvGrid(data: Buffer): GridRow[] {
  const text = decodeText(data);
  if (text.includes('\u0000')) throw new DomainError('SPREADSHEET_UNREADABLE', { reason: 'binary' });
  const records = parseCsv(text, detectDelimiter(text));
  return records.map((fields, i) => ({ rowNumber: i + 1, values: fields.map(cleanText) }));
}

/**
 * UTF-8 (with or without BOM), UTF-16LE/BE with BOM (Excel's "Unicode text"). A file that is not
 * valid UTF-8 is read as Windows-1258, the code page Excel uses for plain "CSV" on Vietnamese
 * Windows.
 */
export function decodeText(data: Buffer): string {
  let text: string;
  if (data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf) {
    text = new TextDecoder('utf-8').decode(data.subarray(3));
  } else if (data[0] === 0xff && data[1] === 0xfe) {
    text = new TextDecoder('utf-16le').decode(data.subarray(2));
  } else if (data[0] === 0xfe && data[1] === 0xff) {
    const swapped = Buffer.from(data.subarray(2, data.length - (data.length % 2)));
    swapped.swap16();
    text = new TextDecoder('utf-16le').decode(swapped);
  } else if (data.length >= 4 && data.length % 2 === 0 && data[0] !== 0 && data[1] === 0 && data[2] !== 0 && data[3] === 0) {
    text = new TextDecoder('utf-16le').decode(data); // UTF-16LE without BOM: ASCII high bytes are zero
  } else {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(data);
    } catch {
      text = new TextDecoder('windows-1258').decode(data);
    }
  }
  return text.normalize('NFC');
}

const DELIMITERS = [',', ';', '\t'] as const;

/** Picks the delimiter that splits some line (the header, usually) into the most fields. */
export function detectDelimiter(text: string): string {
  const stats = DELIMITERS.map((d) => ({ d, max: 0, total: 0 }));
  const counts = [0, 0, 0];
  let inQuotes = false;
  let lines = 0;
  const flush = (): void => {
    stats.forEach((s, i) => {
      const c = counts[i] ?? 0;
      s.max = Math.max(s.max, c);
      s.total += c;
      counts[i] = 0;
    });
    lines++;
  };
  for (let i = 0; i < text.length && lines < 30; i++) {
    const ch = text[i];
    if (ch === '"') inQuotes = !inQuotes;
    else if (inQuotes) continue;
    else if (ch === '\n' || ch === '\r') flush();
    else {
      const k = DELIMITERS.indexOf(ch as (typeof DELIMITERS)[number]);
      if (k >= 0) counts[k] = (counts[k] ?? 0) + 1;
    }
  }
  flush();
  let best = stats[0]!;
  for (const s of stats) if (s.max > best.max || (s.max === best.max && s.total > best.total)) best = s;
  return best.d;
}

/**
 * RFC 4180 with the usual leniency: quoted fields may hold delimiters, line breaks and doubled
 * quotes; CRLF, LF and CR all end a record; a quote in the middle of an unquoted field is literal;
 * an unterminated quote runs to the end of the file.
 */
export function parseCsv(text: string, delimiter: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let inQuotes = false;
  let quoted = false; // this field already had a quoted section
  let started = false; // something belongs to the current record
  const endField = (): void => {
    record.push(field);
    field = '';
    quoted = false;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (inQuotes) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else inQuotes = false;
      } else field += ch;
      continue;
    }
    if (ch === '"' && !quoted && field.trim() === '') {
      field = '';
      inQuotes = true;
      quoted = true;
      started = true;
    } else if (ch === delimiter) {
      endField();
      started = true;
    } else if (ch === '\n' || ch === '\r') {
      endField();
      records.push(record);
      record = [];
      started = false;
      if (ch === '\r' && text[i + 1] === '\n') i++;
    } else {
      field += ch;
      started = true;
    }
  }
  if (started) {
    endField();
    records.push(record);
  }
  return records;
}

// --- XLSX --------------------------------------------------------------------------------------

async function readXlsxGrid(data: Buffer, maxRows: number): Promise<GridRow[]> {
  assertSafeZip(data);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(data as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  } catch (err) {
    throw new DomainError('SPREADSHEET_UNREADABLE', { reason: 'xlsx', cause: (err as Error).message });
  }
  const sheet = workbook.worksheets.find((w) => w.state === 'visible') ?? workbook.worksheets[0];
  // Excel cannot save a workbook without a sheet: this is some other zip file.
  if (!sheet) throw new DomainError('SPREADSHEET_UNREADABLE', { reason: 'no_worksheet' });
  const grid: GridRow[] = [];
  // Title lines plus header plus data: anything far beyond maxRows is refused early.
  const hardLimit = maxRows + 4 * HEADER_SEARCH_ROWS;
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const values: (string | null)[] = [];
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      if (col <= MAX_COLUMNS) values[col - 1] = cellText(cell);
    });
    const filled = Array.from(values, (v) => v ?? null);
    if (filled.some((v) => v !== null)) grid.push({ rowNumber, values: filled });
    if (grid.length > hardLimit) throw new DomainError('SPREADSHEET_TOO_MANY_ROWS', { max: maxRows });
  });
  return grid;
}

function cellText(cell: ExcelJS.Cell): string | null {
  // A merged range shows its value once, in the master (top-left) cell.
  if (cell.isMerged && cell.master.address !== cell.address) return null;
  return valueText(cell.value, cell.numFmt);
}

function valueText(value: unknown, numFmt?: string): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return cleanText(value);
  if (typeof value === 'number') return numberText(value, numFmt);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return dateText(value);
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if (Array.isArray(v.richText)) {
      return cleanText(v.richText.map((run) => String((run as { text?: unknown }).text ?? '')).join(''));
    }
    if ('formula' in v || 'sharedFormula' in v) return valueText(v.result, numFmt);
    if ('text' in v) return valueText(v.text, numFmt); // hyperlink: text may itself be rich text
    if ('error' in v) return cleanText(String(v.error));
  }
  return null;
}

/** Plain digits for integers of any size (no 1.2E+11); a "000000"-style format restores zeros. */
function numberText(n: number, numFmt?: string): string {
  if (!Number.isFinite(n)) return String(n);
  if (Number.isInteger(n)) {
    const digits = BigInt(n).toString();
    if (numFmt && /^0+$/.test(numFmt) && n >= 0 && digits.length < numFmt.length) {
      return digits.padStart(numFmt.length, '0');
    }
    return digits;
  }
  return String(Number(n.toPrecision(15)));
}

/** exceljs hands out dates as UTC instants. */
function dateText(d: Date): string | null {
  if (Number.isNaN(d.getTime())) return null;
  const p2 = (x: number): string => String(x).padStart(2, '0');
  const date = `${p2(d.getUTCDate())}/${p2(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
  const hasTime = d.getUTCHours() + d.getUTCMinutes() + d.getUTCSeconds() > 0;
  return hasTime ? `${date} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}` : date;
}

// --- Zip safety --------------------------------------------------------------------------------

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_EOCD = 0x06054b50;

export interface ZipEntryInfo {
  name: string;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
}

function unsafe(reason: string, extra: Record<string, unknown> = {}): DomainError {
  return new DomainError('SPREADSHEET_UNSAFE', { reason, ...extra });
}

/**
 * Walks the zip central directory and refuses: a file that is not a zip, absolute or `..` entry
 * paths, encryption, unknown compression methods, more than 50 MB uncompressed in total, a
 * compression ratio above 100 on any entry (of at least 64 KB), and entries that inflate to more
 * than they declare. Returns the entries when the archive is acceptable.
 */
export function assertSafeZip(data: Buffer, limits: Partial<Record<keyof typeof ZIP_LIMITS, number>> = {}): ZipEntryInfo[] {
  const lim = { ...ZIP_LIMITS, ...limits };
  if (data.length < 22 || data.readUInt32LE(0) !== SIG_LOCAL) {
    throw new DomainError('SPREADSHEET_UNREADABLE', { reason: 'not_a_zip' });
  }
  // End of central directory: 22 bytes plus a comment of up to 65 535 bytes, at the very end.
  let eocd = -1;
  for (let i = data.length - 22; i >= Math.max(0, data.length - 22 - 0xffff); i--) {
    if (data.readUInt32LE(i) === SIG_EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new DomainError('SPREADSHEET_UNREADABLE', { reason: 'no_central_directory' });
  const entryCount = data.readUInt16LE(eocd + 10);
  const cdSize = data.readUInt32LE(eocd + 12);
  const cdOffset = data.readUInt32LE(eocd + 16);
  if (entryCount === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) throw unsafe('zip64_archive');
  if (entryCount > lim.maxEntries) throw unsafe('too_many_entries', { entries: entryCount });
  if (cdOffset + cdSize > eocd) throw new DomainError('SPREADSHEET_UNREADABLE', { reason: 'bad_central_directory' });

  const entries: (ZipEntryInfo & { localOffset: number })[] = [];
  let total = 0;
  let p = cdOffset;
  for (let k = 0; k < entryCount; k++) {
    if (p + 46 > data.length || data.readUInt32LE(p) !== SIG_CENTRAL) {
      throw new DomainError('SPREADSHEET_UNREADABLE', { reason: 'bad_central_directory' });
    }
    const flags = data.readUInt16LE(p + 8);
    const method = data.readUInt16LE(p + 10);
    let compressedSize = data.readUInt32LE(p + 20);
    let uncompressedSize = data.readUInt32LE(p + 24);
    const nameLen = data.readUInt16LE(p + 28);
    const extraLen = data.readUInt16LE(p + 30);
    const commentLen = data.readUInt16LE(p + 32);
    let localOffset = data.readUInt32LE(p + 42);
    const nameEnd = p + 46 + nameLen;
    if (nameEnd + extraLen > data.length) throw new DomainError('SPREADSHEET_UNREADABLE', { reason: 'bad_central_directory' });
    const nameBytes = data.subarray(p + 46, nameEnd);
    const name = flags & 0x800 ? nameBytes.toString('utf8') : nameBytes.toString('latin1');

    // ZIP64 extended information: 8-byte values for the fields that are 0xFFFFFFFF, in order.
    if (uncompressedSize === 0xffffffff || compressedSize === 0xffffffff || localOffset === 0xffffffff) {
      const extra = data.subarray(nameEnd, nameEnd + extraLen);
      let q = 0;
      let found = false;
      while (q + 4 <= extra.length) {
        const id = extra.readUInt16LE(q);
        const size = extra.readUInt16LE(q + 2);
        if (id === 0x0001) {
          let r = q + 4;
          const next = (): number => {
            if (r + 8 > q + 4 + size || r + 8 > extra.length) throw unsafe('bad_zip64_extra', { entry: name });
            const v = Number(extra.readBigUInt64LE(r));
            r += 8;
            return v;
          };
          if (uncompressedSize === 0xffffffff) uncompressedSize = next();
          if (compressedSize === 0xffffffff) compressedSize = next();
          if (localOffset === 0xffffffff) localOffset = next();
          found = true;
          break;
        }
        q += 4 + size;
      }
      if (!found) throw unsafe('bad_zip64_extra', { entry: name });
    }

    if (isUnsafePath(name)) throw unsafe('path', { entry: name });
    if (flags & 0x1) throw unsafe('encrypted', { entry: name });
    if (method !== 0 && method !== 8) throw unsafe('compression_method', { entry: name, method });
    total += uncompressedSize;
    if (total > lim.maxTotalUncompressed) throw unsafe('too_large', { limit: lim.maxTotalUncompressed });
    if (
      uncompressedSize >= lim.ratioCheckFromBytes &&
      (compressedSize === 0 || uncompressedSize / compressedSize > lim.maxRatio)
    ) {
      throw unsafe('compression_ratio', { entry: name, compressedSize, uncompressedSize });
    }
    entries.push({ name, method, compressedSize, uncompressedSize, localOffset });
    p = nameEnd + extraLen + commentLen;
  }

  // The directory may lie: inflate each entry with a cap at its declared size.
  for (const e of entries) {
    const lp = e.localOffset;
    if (lp + 30 > data.length || data.readUInt32LE(lp) !== SIG_LOCAL) {
      throw new DomainError('SPREADSHEET_UNREADABLE', { reason: 'bad_local_header', entry: e.name });
    }
    const start = lp + 30 + data.readUInt16LE(lp + 26) + data.readUInt16LE(lp + 28);
    const end = start + e.compressedSize;
    if (end > data.length) throw new DomainError('SPREADSHEET_UNREADABLE', { reason: 'truncated', entry: e.name });
    if (e.method === 8) {
      let actual: number;
      try {
        actual = inflateRawSync(data.subarray(start, end), { maxOutputLength: Math.max(1, e.uncompressedSize) }).length;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError) {
          throw unsafe('size_mismatch', { entry: e.name });
        }
        throw new DomainError('SPREADSHEET_UNREADABLE', { reason: 'corrupt_entry', entry: e.name });
      }
      if (actual > e.uncompressedSize) throw unsafe('size_mismatch', { entry: e.name });
    } else if (e.compressedSize !== e.uncompressedSize) {
      throw unsafe('size_mismatch', { entry: e.name });
    }
  }
  return entries.map(({ localOffset: _ignored, ...info }) => info);
}

function isUnsafePath(name: string): boolean {
  if (name.includes('\u0000')) return true;
  if (name.startsWith('/') || name.startsWith('\\') || /^[a-zA-Z]:/.test(name)) return true;
  return name.split(/[\\/]/).some((segment) => segment === '..');
}

// ---------------------------------------------------------------------------------------------
// Writing

export async function writeWorkbook(sheets: SheetSpec[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Phonghoc';
  workbook.created = new Date();
  const usedNames = new Set<string>();
  for (const spec of sheets) {
    const headerRowNumber = spec.title ? 3 : 1;
    const ncols = Math.max(1, spec.columns.length);
    const sheet = workbook.addWorksheet(sheetName(spec.name, usedNames), {
      views: [{ state: 'frozen', xSplit: 0, ySplit: headerRowNumber }],
    });
    sheet.columns = spec.columns.map((c) => ({
      key: c.key,
      width: c.width ?? Math.min(40, Math.max(10, c.header.length + 2)),
      style: c.type === 'date' ? { numFmt: 'dd/mm/yyyy' } : c.type === 'number' ? {} : { numFmt: '@' },
    }));

    if (spec.title) {
      const title = sheet.getCell(1, 1);
      title.value = spec.title;
      title.font = { bold: true, size: 14 };
      title.numFmt = 'General';
      if (ncols > 1) sheet.mergeCells(1, 1, 1, ncols);
      title.alignment = { horizontal: 'center', vertical: 'middle' };
    }

    const header = sheet.getRow(headerRowNumber);
    spec.columns.forEach((c, i) => {
      const cell = header.getCell(i + 1);
      cell.value = c.header;
      cell.font = { bold: true };
      cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7E6E6' } };
      cell.border = { bottom: { style: 'thin' } };
    });
    if (spec.columns.length > 0) {
      sheet.autoFilter = { from: { row: headerRowNumber, column: 1 }, to: { row: headerRowNumber, column: ncols } };
    }

    spec.rows.forEach((record, r) => {
      const row = sheet.getRow(headerRowNumber + 1 + r);
      spec.columns.forEach((c, i) => {
        const raw = record[c.key];
        if (raw === null || raw === undefined || raw === '') return;
        const cell = row.getCell(i + 1);
        if (c.type === 'date') {
          const date = typeof raw === 'string' ? parseDateText(raw) : null;
          cell.value = date ?? String(raw);
          if (!date) cell.numFmt = '@';
        } else if (c.type === 'number') {
          const n = typeof raw === 'number' ? raw : /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : null;
          cell.value = n ?? raw;
        } else {
          cell.value = String(raw);
        }
      });
    });
  }
  const out = await workbook.xlsx.writeBuffer();
  return Buffer.from(out as unknown as Uint8Array);
}

function sheetName(name: string, used: Set<string>): string {
  const base = name.replace(/[\\/?*[\]:]/g, '-').replace(/^'+|'+$/g, '').trim().slice(0, 31) || 'Sheet';
  let candidate = base;
  for (let n = 2; used.has(candidate.toLowerCase()); n++) {
    const suffix = ` (${n})`;
    candidate = base.slice(0, 31 - suffix.length) + suffix;
  }
  used.add(candidate.toLowerCase());
  return candidate;
}

/** 'YYYY-MM-DD' or 'dd/mm/yyyy' → a UTC midnight Date, or null when not a real date. */
function parseDateText(text: string): Date | null {
  const t = text.trim();
  let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
  let y: number, mo: number, d: number;
  if (m) [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  else if ((m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(t))) [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  else return null;
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return date;
}
