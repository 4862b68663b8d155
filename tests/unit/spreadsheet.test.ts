import { crc32, deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import t from 'tap';
import {
  assertSafeZip,
  detectDelimiter,
  parseCsv,
  readTable,
  writeWorkbook,
  type RawTable,
} from '../../server/src/data/spreadsheet.js';
import { isRosterHeaderRow } from '../../server/src/domain/roster/roster-columns.js';

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const roster = { isHeaderRow: isRosterHeaderRow };

function values(table: RawTable): (string | null)[][] {
  return table.rows.map((r) => table.headers.map((h) => r.cells[h] ?? null));
}

// --- a tiny zip writer for hostile archives -----------------------------------------------------

interface ZipInput {
  name: string;
  data: Buffer;
  /** Lie about the uncompressed size in the central directory and the local header. */
  declaredSize?: number;
  store?: boolean;
}

function makeZip(inputs: ZipInput[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of inputs) {
    const name = Buffer.from(e.name, 'utf8');
    const body = e.store ? e.data : deflateRawSync(e.data);
    const size = e.declaredSize ?? e.data.length;
    const crc = crc32(e.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x800, 6); // UTF-8 names
    local.writeUInt16LE(e.store ? 0 : 8, 8);
    local.writeUInt16LE(0, 10); // time
    local.writeUInt16LE(0x21, 12); // date 1980-01-01
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    locals.push(local, name, body);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4); // made by
    central.writeUInt16LE(20, 6); // needed
    central.writeUInt16LE(0x800, 8);
    central.writeUInt16LE(e.store ? 0 : 8, 10);
    central.writeUInt16LE(0, 12);
    central.writeUInt16LE(0x21, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += local.length + name.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(inputs.length, 8);
  eocd.writeUInt16LE(inputs.length, 10);
  eocd.writeUInt32LE(cd.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, eocd]);
}

const CONTENT_TYPES = Buffer.from('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>');

// --- CSV ---------------------------------------------------------------------------------------

t.test('CSV: UTF-8 with BOM, title lines above the header, row numbers, trimming', async (t) => {
  const csv = [
    'DANH SÁCH HỌC SINH LỚP 6A1,,,',
    ',,,',
    'STT, Mã định danh Bộ GD&ĐT ,Họ và tên,Ngày sinh',
    '1,79101400123456780101,  Nguyễn Thị Ánh Tuyết ,12/03/2014',
    ',,,',
    '3,79101400123456780102,Đặng Văn Đức,05/09/2014',
    ',,,',
    '',
    '',
  ].join('\r\n');
  const table = await readTable(Buffer.concat([BOM, Buffer.from(csv)]), 'lop-6a1.CSV', roster);
  t.same(table.headers, ['STT', 'Mã định danh Bộ GD&ĐT', 'Họ và tên', 'Ngày sinh']);
  t.equal(table.headerRowNumber, 3);
  t.same(
    table.rows.map((r) => r.rowNumber),
    [4, 5, 6],
    'the empty row inside the table is kept, trailing empty rows are dropped',
  );
  t.same(values(table), [
    ['1', '79101400123456780101', 'Nguyễn Thị Ánh Tuyết', '12/03/2014'],
    [null, null, null, null],
    ['3', '79101400123456780102', 'Đặng Văn Đức', '05/09/2014'],
  ]);
  t.notOk(table.headers[1]?.startsWith('\uFEFF'));
});

t.test('CSV: without a header detector the first non-empty row is the header', async (t) => {
  const table = await readTable(Buffer.from('\n\nName,Class\nAn,6A1\n'), 'x.csv');
  t.equal(table.headerRowNumber, 3);
  t.same(table.headers, ['Name', 'Class']);
  t.same(table.rows, [{ rowNumber: 4, cells: { Name: 'An', Class: '6A1' } }]);
});

t.test('CSV: semicolon delimiter (Excel in locales with a decimal comma), no BOM', async (t) => {
  const csv = 'Mã định danh;Họ tên;Ngày sinh;Ghi chú\n7901;Trần Minh Khôi;21/11/2014;điểm 8,5\n';
  const table = await readTable(Buffer.from(csv), 'x.csv', roster);
  t.same(table.headers, ['Mã định danh', 'Họ tên', 'Ngày sinh', 'Ghi chú']);
  t.same(values(table), [['7901', 'Trần Minh Khôi', '21/11/2014', 'điểm 8,5']]);
});

t.test('CSV: RFC 4180 quotes with delimiters, doubled quotes and line breaks', async (t) => {
  const csv =
    'Mã định danh,Họ và tên,Họ tên cha/mẹ\r\n' +
    '7901,"Ngô Đức Thịnh","Ngô Văn Tài, Lý Thị Hoa"\r\n' +
    '7902,"Lê Văn ""Bin"" Tâm","dòng 1\r\ndòng 2"\r\n' +
    '7903,Võ Thị Thu Hà,"a ""quoted"" one\nand more"\r\n';
  const table = await readTable(Buffer.from(csv), 'x.csv', roster);
  t.same(values(table), [
    ['7901', 'Ngô Đức Thịnh', 'Ngô Văn Tài, Lý Thị Hoa'],
    ['7902', 'Lê Văn "Bin" Tâm', 'dòng 1\r\ndòng 2'],
    ['7903', 'Võ Thị Thu Hà', 'a "quoted" one\nand more'],
  ]);
  t.same(
    table.rows.map((r) => r.rowNumber),
    [2, 3, 4],
    'a record with a line break inside quotes is one spreadsheet row',
  );
});

t.test('CSV: UTF-16LE with BOM, tab-delimited (Excel "Unicode text")', async (t) => {
  const text = 'Văn bản\r\nMã định danh\tHọ và tên\tGiới tính\r\n7901\tĐặng Văn Đức\tNam\r\n7902\tNguyễn Thị Ánh Tuyết\tNữ\r\n';
  const data = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
  const table = await readTable(data, 'danh-sach.csv', roster);
  t.equal(table.headerRowNumber, 2);
  t.same(table.headers, ['Mã định danh', 'Họ và tên', 'Giới tính']);
  t.same(values(table), [
    ['7901', 'Đặng Văn Đức', 'Nam'],
    ['7902', 'Nguyễn Thị Ánh Tuyết', 'Nữ'],
  ]);
});

t.test('CSV: UTF-16BE with BOM and decomposed (NFD) text', async (t) => {
  const text = 'Họ và tên,Lớp\n' + 'Nguyễn Văn An'.normalize('NFD') + ',6A1\n';
  const le = Buffer.from(text, 'utf16le');
  const be = Buffer.from(le).swap16();
  const table = await readTable(Buffer.concat([Buffer.from([0xfe, 0xff]), be]), 'x.csv', roster);
  t.same(values(table), [['Nguyễn Văn An', '6A1']], 'returned in NFC');
});

t.test('CSV: a file that is not UTF-8 is read as Windows-1258', async (t) => {
  // "Nguyễn Văn An" in code page 1258: ê = EA, combining tilde = DE, ă = E3.
  const data = Buffer.concat([
    Buffer.from('Name,Class\r\nNguy'),
    Buffer.from([0xea, 0xde]),
    Buffer.from('n V'),
    Buffer.from([0xe3]),
    Buffer.from('n An,6A1\r\n'),
  ]);
  const table = await readTable(data, 'x.csv');
  t.same(values(table), [['Nguyễn Văn An', '6A1']]);
});

t.test('CSV: duplicate and empty header cells', async (t) => {
  const table = await readTable(Buffer.from('Họ tên,,Họ tên,Lớp\nA B,x,C D,6A1\n'), 'x.csv');
  t.same(table.headers, ['Họ tên', 'Họ tên (2)', 'Lớp']);
  t.same(table.rows[0]?.cells, { 'Họ tên': 'A B', 'Họ tên (2)': 'C D', Lớp: '6A1' });
});

t.test('CSV: delimiter detection and parser details', async (t) => {
  t.equal(detectDelimiter('a,b,c\n1,2,3'), ',');
  t.equal(detectDelimiter('a;b;c\n1,5;2;3'), ';');
  t.equal(detectDelimiter('a\tb\tc\n"x,y,z,w"\t2\t3'), '\t');
  t.equal(detectDelimiter('title only\n\na;b\n'), ';');
  t.same(parseCsv('a,b\n', ','), [['a', 'b']]);
  t.same(parseCsv('a,b', ','), [['a', 'b']], 'no final newline');
  t.same(parseCsv('a,\n', ','), [['a', '']]);
  t.same(parseCsv('a\r\rb', ','), [['a'], [''], ['b']], 'old Mac line ends');
  t.same(parseCsv('x"y,"unterminated\n', ','), [['x"y', 'unterminated\n']]);
  t.same(parseCsv(' "a,b" ,c', ','), [['a,b ', 'c']], 'spaces before an opening quote are dropped');
});

t.test('maxRows', async (t) => {
  const rows = (n: number): Buffer =>
    Buffer.from(['Mã định danh,Họ tên', ...Array.from({ length: n }, (_, i) => `79${i},Tên Số ${i}`)].join('\n'));
  t.equal((await readTable(rows(10), 'x.csv', { ...roster, maxRows: 10 })).rows.length, 10);
  await t.rejects(readTable(rows(11), 'x.csv', { ...roster, maxRows: 10 }), { code: 'SPREADSHEET_TOO_MANY_ROWS' });
  t.equal((await readTable(rows(5000), 'x.csv', roster)).rows.length, 5000, 'default limit is 5000');
  await t.rejects(readTable(rows(5001), 'x.csv', roster), { code: 'SPREADSHEET_TOO_MANY_ROWS' });
});

t.test('file types', async (t) => {
  const ole2 = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
  await t.rejects(readTable(ole2, 'hoc-sinh.xls'), { code: 'SPREADSHEET_LEGACY_XLS' });
  await t.rejects(readTable(Buffer.from('a,b'), 'HOC-SINH.XLS'), { code: 'SPREADSHEET_LEGACY_XLS' });
  await t.rejects(readTable(ole2, 'renamed-or-password.xlsx'), { code: 'SPREADSHEET_LEGACY_XLS' });
  await t.rejects(readTable(Buffer.from('a,b'), 'hoc-sinh.txt'), { code: 'UNSUPPORTED_FILE_TYPE' });
  await t.rejects(readTable(Buffer.from('a,b'), 'hoc-sinh.xlsm'), { code: 'UNSUPPORTED_FILE_TYPE' });
  await t.rejects(readTable(Buffer.from('a,b'), 'hoc-sinh'), { code: 'UNSUPPORTED_FILE_TYPE' });
  await t.rejects(readTable(Buffer.from('not a zip at all, just text'), 'x.xlsx'), { code: 'SPREADSHEET_UNREADABLE' });
  await t.rejects(readTable(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0]), 'x.xlsx'), { code: 'SPREADSHEET_UNREADABLE' });
  const zipNotXlsx = makeZip([{ name: 'hello.txt', data: Buffer.from('xin chào') }]);
  await t.rejects(readTable(zipNotXlsx, 'x.xlsx'), { code: 'SPREADSHEET_UNREADABLE' });
  await t.rejects(readTable(Buffer.from('a,b\u0000\u0001\u0002'), 'x.csv'), { code: 'SPREADSHEET_UNREADABLE' });
});

// --- XLSX --------------------------------------------------------------------------------------

t.test('xlsx round trip: writeWorkbook → readTable', async (t) => {
  const data = await writeWorkbook([
    {
      name: 'Học sinh',
      title: 'DANH SÁCH HỌC SINH LỚP 6A1',
      columns: [
        { header: 'STT', key: 'stt', type: 'number', width: 6 },
        { header: 'Mã định danh Bộ GD&ĐT', key: 'personalId' },
        { header: 'Họ và tên', key: 'fullName' },
        { header: 'Ngày sinh', key: 'birthDate', type: 'date' },
        { header: 'Số định danh cá nhân', key: 'citizenId' },
        { header: 'Số báo danh', key: 'numeric', type: 'number' },
      ],
      rows: [
        { stt: 1, personalId: '00101400123456780101', fullName: 'Nguyễn Thị Ánh Tuyết', birthDate: '2014-03-12', citizenId: '079314001234', numeric: 790123456789 },
        { stt: 2, personalId: '79101400123456780102', fullName: 'Đặng Văn Đức', birthDate: '5/9/2014', citizenId: 79214005678, numeric: null },
        { stt: null, personalId: null, fullName: null, birthDate: null, citizenId: null, numeric: null },
        { stt: 4, personalId: '79101400123456780117', fullName: 'Cao Minh Nhật', birthDate: '31/02/2014', citizenId: null, numeric: 12.5 },
      ],
    },
  ]);
  t.ok(Buffer.isBuffer(data));
  t.equal(data.subarray(0, 4).toString('latin1'), 'PK\u0003\u0004');
  t.ok(assertSafeZip(data).length > 3, 'our own output passes the zip checks');

  const table = await readTable(data, 'hoc-sinh.xlsx', roster);
  t.equal(table.headerRowNumber, 3, 'title line and blank line above the header');
  t.same(table.headers, ['STT', 'Mã định danh Bộ GD&ĐT', 'Họ và tên', 'Ngày sinh', 'Số định danh cá nhân', 'Số báo danh']);
  t.same(
    table.rows.map((r) => r.rowNumber),
    [4, 5, 6, 7],
  );
  t.same(values(table), [
    ['1', '00101400123456780101', 'Nguyễn Thị Ánh Tuyết', '12/03/2014', '079314001234', '790123456789'],
    ['2', '79101400123456780102', 'Đặng Văn Đức', '05/09/2014', '79214005678', null],
    [null, null, null, null, null, null],
    ['4', '79101400123456780117', 'Cao Minh Nhật', '31/02/2014', null, '12.5'],
  ]);

  // What Excel will see: text IDs, real dates, bold frozen header.
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(data as unknown as Parameters<typeof wb.xlsx.load>[0]);
  const ws = wb.getWorksheet('Học sinh');
  t.ok(ws);
  if (!ws) return;
  t.equal(ws.getCell('A1').value, 'DANH SÁCH HỌC SINH LỚP 6A1');
  t.equal(ws.getCell('A1').font?.bold, true);
  t.equal(ws.getCell('B3').font?.bold, true);
  t.match(ws.views[0], { state: 'frozen', ySplit: 3 });
  t.equal(typeof ws.getCell('B4').value, 'string', 'IDs are text');
  t.equal(ws.getCell('E5').value, '79214005678', 'a number given for a text column is written as text');
  t.ok(ws.getCell('D4').value instanceof Date, 'dates are real dates');
  t.equal(ws.getCell('D7').value, '31/02/2014', 'a non-date in a date column stays text');
  t.equal(ws.getCell('F4').value, 790123456789);
});

t.test('xlsx: 12-digit numbers, zero-padded formats, rich text, hyperlinks, formulas, merged titles', async (t) => {
  const wb = new ExcelJS.Workbook();
  const hidden = wb.addWorksheet('Ẩn');
  hidden.state = 'hidden';
  hidden.getCell('A1').value = 'not this sheet';
  const ws = wb.addWorksheet('Sheet1');
  ws.getCell('A1').value = 'SỞ GIÁO DỤC VÀ ĐÀO TẠO TP. HỒ CHÍ MINH';
  ws.mergeCells('A1:F1');
  ws.getCell('A2').value = { richText: [{ text: 'DANH SÁCH ' }, { font: { bold: true }, text: 'HỌC SINH' }] };
  ws.getRow(4).values = ['Mã định danh', 'Số CCCD', 'Họ và tên', 'Ngày sinh', 'Email', 'Tuổi'];
  ws.getCell('A5').value = 790123456789; // a 12-digit ID typed as a number
  ws.getCell('B5').value = 79214000123; // leading zero lost...
  ws.getCell('B5').numFmt = '000000000000'; // ...but shown with it
  ws.getCell('C5').value = { richText: [{ text: 'Nguyễn ' }, { font: { italic: true }, text: 'Thị Ánh Tuyết' }] };
  ws.getCell('D5').value = new Date(Date.UTC(2014, 2, 12));
  ws.getCell('E5').value = { text: 'tuyet@example.vn', hyperlink: 'mailto:tuyet@example.vn' };
  ws.getCell('F5').value = { formula: '2025-2014', result: 11 };
  ws.getCell('A6').value = 1.2e11;
  ws.getCell('C6').value = { formula: 'UPPER("an")', result: 'AN' };
  ws.getCell('D6').value = '  01/02/2015\u00a0';
  ws.getCell('A7').value = 123456789012345680000; // beyond 1e21 stays digits
  const data = Buffer.from((await wb.xlsx.writeBuffer()) as unknown as Uint8Array);

  const table = await readTable(data, 'x.xlsx', roster);
  t.equal(table.headerRowNumber, 4);
  t.same(values(table), [
    ['790123456789', '079214000123', 'Nguyễn Thị Ánh Tuyết', '12/03/2014', 'tuyet@example.vn', '11'],
    ['120000000000', null, 'AN', '01/02/2015', null, null],
    ['123456789012345683968', null, null, null, null, null],
  ]);
});

t.test('xlsx: row limit', async (t) => {
  const rows = Array.from({ length: 30 }, (_, i) => ({ id: `79${i}`, name: `Tên Số ${i}` }));
  const data = await writeWorkbook([
    { name: 'a', columns: [{ header: 'Mã định danh', key: 'id' }, { header: 'Họ tên', key: 'name' }], rows },
  ]);
  t.equal((await readTable(data, 'x.xlsx', { ...roster, maxRows: 30 })).rows.length, 30);
  await t.rejects(readTable(data, 'x.xlsx', { ...roster, maxRows: 29 }), { code: 'SPREADSHEET_TOO_MANY_ROWS' });
  await t.rejects(readTable(data, 'x.xlsx', { ...roster, maxRows: 5 }), { code: 'SPREADSHEET_TOO_MANY_ROWS' });
});

t.test('writeWorkbook: several sheets, sheet names made valid and unique', async (t) => {
  const data = await writeWorkbook([
    { name: 'Lớp 6A1/6A2: [học sinh]', columns: [{ header: 'A', key: 'a' }], rows: [{ a: '1' }] },
    { name: 'Lớp 6A1/6A2: [học sinh]', columns: [{ header: 'A', key: 'a' }], rows: [] },
    { name: 'Một tên trang tính rất rất dài hơn ba mươi mốt ký tự', columns: [], rows: [] },
  ]);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(data as unknown as Parameters<typeof wb.xlsx.load>[0]);
  const names = wb.worksheets.map((w) => w.name);
  t.equal(names.length, 3);
  t.equal(new Set(names).size, 3);
  for (const n of names) {
    t.ok(n.length <= 31, n);
    t.notMatch(n, /[\\/?*[\]:]/);
  }
});

// --- zip safety --------------------------------------------------------------------------------

t.test('zip: entry paths that escape the archive are refused', async (t) => {
  for (const name of ['../../evil.xml', 'xl/../../evil.xml', '/etc/passwd', '\\windows\\evil.xml', 'C:/evil.xml', 'xl\\..\\..\\evil.xml']) {
    const zip = makeZip([
      { name: '[Content_Types].xml', data: CONTENT_TYPES },
      { name, data: Buffer.from('<x/>') },
    ]);
    t.throws(() => assertSafeZip(zip), { code: 'SPREADSHEET_UNSAFE', details: { reason: 'path', entry: name } }, name);
    await t.rejects(readTable(zip, 'x.xlsx'), { code: 'SPREADSHEET_UNSAFE' });
  }
  t.doesNotThrow(() => assertSafeZip(makeZip([{ name: 'xl/a..b.xml', data: Buffer.from('<x/>') }])), '".." inside a name is fine');
});

t.test('zip: compression bombs are refused', async (t) => {
  const zeros = Buffer.alloc(10 * 1024 * 1024);
  const bomb = makeZip([
    { name: '[Content_Types].xml', data: CONTENT_TYPES },
    { name: 'xl/worksheets/sheet1.xml', data: zeros },
  ]);
  t.ok(bomb.length < 100_000, `bomb is small (${bomb.length} bytes)`);
  t.throws(() => assertSafeZip(bomb), { code: 'SPREADSHEET_UNSAFE', details: { reason: 'compression_ratio' } });
  await t.rejects(readTable(bomb, 'x.xlsx'), { code: 'SPREADSHEET_UNSAFE' });

  // More than 50 MB in total, each entry at a harmless ratio (declared sizes).
  const big = makeZip([
    { name: 'a.xml', data: Buffer.alloc(1000), declaredSize: 30 * 1024 * 1024, store: true },
    { name: 'b.xml', data: Buffer.alloc(1000), declaredSize: 30 * 1024 * 1024, store: true },
  ]);
  t.throws(() => assertSafeZip(big, { maxRatio: Infinity }), { code: 'SPREADSHEET_UNSAFE', details: { reason: 'too_large' } });

  // A directory that lies: declares 100 KB (ratio ≈ 10) but inflates to 10 MB.
  const liar = makeZip([{ name: 'xl/worksheets/sheet1.xml', data: zeros, declaredSize: 100 * 1024 }]);
  t.throws(() => assertSafeZip(liar), { code: 'SPREADSHEET_UNSAFE', details: { reason: 'size_mismatch' } });

  // A stored entry whose sizes disagree.
  const stored = makeZip([{ name: 'a.xml', data: Buffer.alloc(10), declaredSize: 11, store: true }]);
  t.throws(() => assertSafeZip(stored), { code: 'SPREADSHEET_UNSAFE', details: { reason: 'size_mismatch' } });

  // Ordinary compressible content passes.
  const normal = makeZip([{ name: 'xl/sharedStrings.xml', data: Buffer.from('<si><t>Nguyễn Văn An</t></si>'.repeat(2000)) }]);
  t.same(
    assertSafeZip(normal).map((e) => e.name),
    ['xl/sharedStrings.xml'],
  );
});

t.test('zip: encryption and unknown compression methods are refused', async (t) => {
  const zip = makeZip([{ name: 'a.xml', data: Buffer.from('<x/>') }]);
  const cdStart = zip.length - 22 - (46 + 'a.xml'.length);
  const encrypted = Buffer.from(zip);
  encrypted.writeUInt16LE(0x801, cdStart + 8);
  t.throws(() => assertSafeZip(encrypted), { code: 'SPREADSHEET_UNSAFE', details: { reason: 'encrypted' } });
  const bzip2 = Buffer.from(zip);
  bzip2.writeUInt16LE(12, cdStart + 10);
  t.throws(() => assertSafeZip(bzip2), { code: 'SPREADSHEET_UNSAFE', details: { reason: 'compression_method' } });
});
