import { readFile } from 'node:fs/promises';
import t, { type Test } from 'tap';
import { readTable, writeWorkbook } from '../../server/src/data/spreadsheet.js';
import type { StudentRecord } from '../../server/src/domain/people/person.types.js';
import {
  headerKey,
  isRosterHeaderRow,
  matchRosterColumns,
  rosterExportColumns,
  rosterExportRow,
  STUDENT_COLUMNS,
  TEACHER_COLUMNS,
  type StudentField,
  type TeacherField,
} from '../../server/src/domain/roster/roster-columns.js';
import {
  isValidFullName,
  normalizeVietnamesePhone,
  parseRosterDate,
  ROSTER_PROBLEM_CODES,
  validateStudentRoster,
  validateTeacherRoster,
  type RosterReport,
  type RosterTableInput,
  type StudentRosterContext,
  type TeacherRosterContext,
} from '../../server/src/domain/roster/roster-validation.js';
import {
  makeStudentRosterXlsx,
  makeTeacherRosterXlsx,
  STUDENT_ROSTER_CSV,
  TEACHER_ROSTER_CSV,
} from '../fixtures/rosters/make-xlsx.js';

const TODAY = '2025-09-05';

function studentCtx(over: Partial<StudentRosterContext> = {}): StudentRosterContext {
  return {
    knownClasses: new Set(['6A1', '6A2', '7A1']),
    existingPersonalIds: new Map(),
    existingCitizenIds: new Set(),
    today: TODAY,
    ...over,
  };
}

function teacherCtx(over: Partial<TeacherRosterContext> = {}): TeacherRosterContext {
  return {
    knownSubjectGroups: new Set(['Tổ Toán – Tin học', 'Tổ Ngữ văn – Giáo dục công dân']),
    existingPersonalIds: new Map(),
    existingCitizenIds: new Set(),
    today: TODAY,
    ...over,
  };
}

const STUDENT_HEADERS: Record<StudentField, string> = {
  personalId: 'Mã định danh Bộ GD&ĐT',
  fullName: 'Họ và tên',
  birthDate: 'Ngày sinh',
  gender: 'Giới tính',
  citizenId: 'Số định danh cá nhân',
  className: 'Lớp',
  parentName: 'Họ tên cha/mẹ',
  parentPhone: 'Số điện thoại liên hệ',
};

const TEACHER_HEADERS: Record<TeacherField, string> = {
  personalId: 'Mã định danh Bộ GD&ĐT',
  fullName: 'Họ và tên',
  birthDate: 'Ngày sinh',
  gender: 'Giới tính',
  citizenId: 'Số định danh cá nhân',
  phone: 'Số điện thoại',
  email: 'Email',
  position: 'Vị trí việc làm',
  subjectGroupName: 'Tổ chuyên môn',
};

const BASE_STUDENT: Record<StudentField, string | null> = {
  personalId: '79101400123456780101',
  fullName: 'Nguyễn Thị Ánh Tuyết',
  birthDate: '12/03/2014',
  gender: 'Nữ',
  citizenId: '079314001234',
  className: '6A1',
  parentName: 'Nguyễn Văn Hùng',
  parentPhone: '0912345678',
};

/** A table with the canonical headers; data rows start at spreadsheet row 2. */
function studentTable(rows: Partial<Record<StudentField, string | null>>[]): RosterTableInput {
  const fields = Object.keys(STUDENT_HEADERS) as StudentField[];
  return {
    headers: fields.map((f) => STUDENT_HEADERS[f]),
    rows: rows.map((r, i) => ({
      rowNumber: i + 2,
      cells: Object.fromEntries(fields.map((f) => [STUDENT_HEADERS[f], r[f] ?? null])),
    })),
  };
}

/** Validates a single student (BASE_STUDENT with changes) and returns its row result. */
function one(over: Partial<Record<StudentField, string | null>>, ctx: Partial<StudentRosterContext> = {}) {
  const report = validateStudentRoster(studentTable([{ ...BASE_STUDENT, ...over }]), studentCtx(ctx));
  const row = report.rows[0];
  if (!row) throw new Error('no row');
  return row;
}

const codes = (row: { problems: { code: string }[] }): string[] => row.problems.map((p) => p.code);

function checkMessages(t: Test, report: RosterReport<unknown>): void {
  for (const row of report.rows) {
    for (const p of row.problems) {
      t.ok((ROSTER_PROBLEM_CODES as readonly string[]).includes(p.code), `${p.code} is a listed code`);
      t.ok(p.vi.length > 5 && p.en.length > 5, `${p.code} has both messages`);
      t.not(p.vi, p.en);
    }
  }
}

// --- the fixture files ---------------------------------------------------------------------------

t.test('fixture hoc-sinh-6a1.csv: 12 accepted, 4 rejected, 1 skipped', async (t) => {
  const table = await readTable(await readFile(STUDENT_ROSTER_CSV), 'hoc-sinh-6a1.csv', { isHeaderRow: isRosterHeaderRow });
  t.equal(table.headerRowNumber, 3);
  const report = validateStudentRoster(table, studentCtx());
  t.same(report.missingColumns, []);
  t.same(report.ignoredColumns, ['STT', 'Dân tộc'], 'ethnicity is recognised and not imported');
  t.match(report, { kind: 'students', accepted: 12, rejected: 4, skipped: 1 });
  for (const row of report.rows.filter((r) => r.status === 'accepted')) {
    t.equal(row.action, 'create');
    t.equal(row.record?.className, '6A1');
    t.notOk('ethnicity' in (row.record ?? {}));
  }
  const byRow = new Map(report.rows.map((r) => [r.rowNumber, r]));
  t.match(byRow.get(4), {
    status: 'accepted',
    personalId: '79101400123456780101',
    fullName: 'Nguyễn Thị Ánh Tuyết',
    record: { birthDate: '2014-03-12', gender: 'female', citizenId: '079314001234', parentPhone: '0912345678' },
  });
  t.match(byRow.get(5), { status: 'accepted', fullName: 'Đặng Văn Đức', record: { parentPhone: '0987654321' } });
  t.match(byRow.get(8), { record: { parentPhone: '0901234567' } }, '+84 normalised');
  t.match(byRow.get(12), { record: { parentName: 'Ngô Văn Tài, Lý Thị Hoa' } });
  t.match(byRow.get(14), { status: 'accepted', fullName: "H'Hen Niê" });
  t.match(byRow.get(16), { status: 'rejected', problems: [{ code: 'DUPLICATE_IN_FILE', field: 'personalId' }] });
  t.match(byRow.get(16)?.problems[0]?.vi, /trùng với dòng 5/);
  t.match(byRow.get(16)?.problems[0]?.en, /duplicates row 5/);
  t.same(codes(byRow.get(17)!), ['MALFORMED_PERSONAL_ID']);
  t.match(byRow.get(18), { status: 'skipped', problems: [] });
  t.same(codes(byRow.get(19)!), ['UNKNOWN_CLASS']);
  t.match(byRow.get(19)?.problems[0]?.vi, /6A9/);
  t.same(codes(byRow.get(20)!), ['INVALID_DATE']);
  t.match(byRow.get(20)?.problems[0]?.vi, /31\/02\/2014/);
  checkMessages(t, report);

  const xlsx = await readTable(await makeStudentRosterXlsx(), 'hoc-sinh-6a1.xlsx', { isHeaderRow: isRosterHeaderRow });
  t.same(validateStudentRoster(xlsx, studentCtx()), report, 'the .xlsx version gives the same report');
});

t.test('fixture giao-vien.csv: 6 valid teachers', async (t) => {
  const table = await readTable(await readFile(TEACHER_ROSTER_CSV), 'giao-vien.csv', { isHeaderRow: isRosterHeaderRow });
  const report = validateTeacherRoster(table, teacherCtx());
  t.match(report, { kind: 'teachers', accepted: 6, rejected: 0, skipped: 0, missingColumns: [] });
  t.same(
    [...new Set(report.rows.map((r) => r.record?.subjectGroupName))],
    ['Tổ Toán – Tin học', 'Tổ Ngữ văn – Giáo dục công dân'],
  );
  for (const r of report.rows) t.match(r.record?.personalId, /^GV79/);
  const xlsx = await readTable(await makeTeacherRosterXlsx(), 'giao-vien.xlsx', { isHeaderRow: isRosterHeaderRow });
  t.same(validateTeacherRoster(xlsx, teacherCtx()), report);
});

// --- students, rule by rule ----------------------------------------------------------------------

t.test('a valid student with Vietnamese diacritics', async (t) => {
  const row = one({});
  t.same(row.problems, []);
  t.same(row.record, {
    personalId: '79101400123456780101',
    citizenId: '079314001234',
    fullName: 'Nguyễn Thị Ánh Tuyết',
    birthDate: '2014-03-12',
    gender: 'female',
    className: '6A1',
    parentName: 'Nguyễn Văn Hùng',
    parentPhone: '0912345678',
  } satisfies StudentRecord);
  t.match(one({ fullName: 'Đặng Văn Đức', gender: 'Nam', citizenId: '079214001234' }), { status: 'accepted', fullName: 'Đặng Văn Đức' });
  t.equal(one({ fullName: '  Nguyễn   Thị Ánh Tuyết '.normalize('NFD') }).fullName, 'Nguyễn Thị Ánh Tuyết', 'NFC, single spaces');
});

t.test('empty rows are skipped, not errors', async (t) => {
  const report = validateStudentRoster(
    studentTable([BASE_STUDENT, {}, { personalId: '  ', fullName: '' }, { ...BASE_STUDENT, personalId: '79101400123456780102', citizenId: null }]),
    studentCtx(),
  );
  t.same(
    report.rows.map((r) => r.status),
    ['accepted', 'skipped', 'skipped', 'accepted'],
  );
  t.match(report, { accepted: 2, rejected: 0, skipped: 2 });
});

t.test('personal ID', async (t) => {
  t.same(codes(one({ personalId: null })), ['MISSING_PERSONAL_ID']);
  t.match(one({ personalId: ' 79 1014 abc123 ' }), { status: 'accepted', personalId: '791014ABC123' }, 'spaces and case normalised');
  t.match(one({ personalId: "'79101400123456780101" }), { status: 'accepted', personalId: '79101400123456780101' });
  for (const bad of ['79-1014', '7910', 'Mã-79101', '79101400123456780101ĐĐ', 'x'.repeat(41)]) {
    const row = one({ personalId: bad });
    t.same(codes(row), ['MALFORMED_PERSONAL_ID'], bad);
    t.ok(row.problems[0]?.vi.includes(bad.slice(0, 20)) || bad.length > 40, 'the message names the value');
  }
});

t.test('duplicates inside the file name the first row', async (t) => {
  const a = { ...BASE_STUDENT, personalId: '79000000000000000001', citizenId: '079314000001' };
  const report = validateStudentRoster(
    studentTable([
      a,
      { ...a, personalId: '79000000000000000002', citizenId: '079314000002' },
      { ...a, citizenId: null, fullName: 'Nguyễn Thị Ánh Hồng' },
      { ...a, personalId: '79 000000000000000001', citizenId: null },
      { ...a, personalId: '79000000000000000005', citizenId: '079 314 000 002' },
    ]),
    studentCtx(),
  );
  t.same(
    report.rows.map((r) => r.status),
    ['accepted', 'accepted', 'rejected', 'rejected', 'rejected'],
  );
  t.equal(report.rows[2]?.problems[0]?.vi, 'Mã định danh "79000000000000000001" trùng với dòng 2.');
  t.equal(report.rows[2]?.problems[0]?.en, 'The personal ID "79000000000000000001" duplicates row 2.');
  t.match(report.rows[3]?.problems, [{ code: 'DUPLICATE_IN_FILE', vi: /dòng 2\b/ }]);
  t.match(report.rows[4]?.problems, [{ code: 'DUPLICATE_IN_FILE', field: 'citizenId', vi: /Số định danh cá nhân "079314000002" trùng với dòng 3/ }]);
});

t.test('existing people: staff refused, students updated', async (t) => {
  const existingPersonalIds = new Map<string, 'student' | 'staff'>([
    ['GV79000000000001', 'staff'],
    ['79101400123456780101', 'student'],
  ]);
  const staff = one({ personalId: 'gv79000000000001' }, { existingPersonalIds });
  t.match(staff, { status: 'rejected', problems: [{ code: 'PERSONAL_ID_IS_STAFF', field: 'personalId' }] });
  t.match(staff.problems[0]?.vi, /GV79000000000001.*cán bộ, giáo viên/);
  t.notOk(staff.action);
  t.match(one({}, { existingPersonalIds }), { status: 'accepted', action: 'update' });
  t.match(one({ personalId: '79101400123456780199' }, { existingPersonalIds }), { status: 'accepted', action: 'create' });
});

t.test('full name', async (t) => {
  t.same(codes(one({ fullName: null })), ['MISSING_FULL_NAME']);
  for (const ok of ['Nguyễn Thị Ánh Tuyết', 'Đặng Văn Đức', "H'Hen Niê", 'Nguyễn-Trần Minh Thư', 'Ksor Y Phun', 'ĐOÀN THỊ ỨNG', 'Lò Văn Pợ', 'Ông Ích Khiêm']) {
    t.same(codes(one({ fullName: ok })), [], ok);
  }
  for (const bad of ['Tuyết', 'Nguyễn Văn 2', 'Nguyễn Văn An.', 'Nguyễn_Văn', '李 小龍', "Nguyễn ' Văn", 'Trần <b>An</b>']) {
    const row = one({ fullName: bad });
    t.same(codes(row), ['INVALID_NAME'], bad);
  }
  t.match(one({ fullName: 'Tuyết' }).problems[0], { vi: /"Tuyết".*ít nhất hai từ/, en: /"Tuyết".*two words/ });
  t.same(codes(one({ fullName: `Nguyễn ${'A'.repeat(100)}` })), ['VALUE_TOO_LONG']);
  t.ok(isValidFullName('Nguyễn Thị Ánh Tuyết'));
});

t.test('birth date: format, real calendar dates, plausible age', async (t) => {
  t.same(codes(one({ birthDate: null })), ['MISSING_BIRTH_DATE']);
  t.equal(one({ birthDate: '5/9/2014', citizenId: null }).record?.birthDate, '2014-09-05');
  t.equal(one({ birthDate: '2014-09-05', citizenId: null }).record?.birthDate, '2014-09-05');
  t.equal(one({ birthDate: '05-09-2014', citizenId: null }).record?.birthDate, '2014-09-05');
  t.equal(one({ birthDate: '05.09.2014', citizenId: null }).record?.birthDate, '2014-09-05');
  t.equal(one({ birthDate: '29/02/2012', citizenId: null }).record?.birthDate, '2012-02-29', 'leap year');
  for (const bad of ['31/02/2012', '29/02/2013', '30/02/2016', '31/04/2014', '12/13/2012', '0/1/2014', '12/03/14', '2014/03/12', '12 tháng 3 2014', '41234']) {
    const row = one({ birthDate: bad, citizenId: null });
    t.same(codes(row), ['INVALID_DATE'], bad);
    t.ok(row.problems[0]?.vi.includes(bad) && row.problems[0]?.en.includes(bad), 'the message names the value');
  }
  // school age 3–25 on 2025-09-05
  t.same(codes(one({ birthDate: '05/09/2022', citizenId: null })), [], 'turns 3 today');
  t.same(codes(one({ birthDate: '06/09/2022', citizenId: null })), ['IMPLAUSIBLE_BIRTH_DATE'], 'still 2');
  t.same(codes(one({ birthDate: '06/09/1999', citizenId: null })), [], '25 until tomorrow');
  t.same(codes(one({ birthDate: '05/09/1999', citizenId: null })), ['IMPLAUSIBLE_BIRTH_DATE'], 'turns 26 today');
  t.same(codes(one({ birthDate: '01/01/2030', citizenId: null })), ['IMPLAUSIBLE_BIRTH_DATE'], 'in the future');
  t.match(one({ birthDate: '2024-01-01', citizenId: null }).problems[0], {
    vi: /01\/01\/2024 không hợp lý: học sinh phải từ 3 đến 25 tuổi/,
    en: /01\/01\/2024 is implausible/,
  });
  t.equal(parseRosterDate('1/1/2000'), '2000-01-01');
  t.equal(parseRosterDate('29/02/2000'), '2000-02-29');
  t.equal(parseRosterDate('29/02/1900'), null);
  t.throws(() => one({}, { today: '05/09/2025' }), TypeError);
});

t.test('gender', async (t) => {
  const g = (v: string | null) => one({ gender: v, citizenId: null });
  for (const [v, want] of [
    ['Nam', 'male'],
    ['nam', 'male'],
    ['NAM', 'male'],
    ['Nữ', 'female'],
    ['nữ', 'female'],
    ['Nu', 'female'],
    ['male', 'male'],
    ['Female', 'female'],
    ['M', 'male'],
    ['f', 'female'],
  ] as const) {
    t.equal(g(v).record?.gender, want, v);
  }
  t.equal(g(null).record?.gender, null, 'optional');
  for (const bad of ['Khác', 'X', '1', 'Nam/Nữ']) {
    const row = g(bad);
    t.same(codes(row), ['INVALID_GENDER'], bad);
    t.match(row.problems[0]?.vi, new RegExp(`"${bad}".*"Nam" hoặc "Nữ"`));
  }
});

t.test('citizen ID', async (t) => {
  t.equal(one({ citizenId: null }).record?.citizenId, null, 'optional');
  t.equal(one({ citizenId: '079 314 001 234' }).record?.citizenId, '079314001234');
  t.equal(one({ citizenId: '79314001234' }).record?.citizenId, '079314001234', 'leading zero lost by Excel is restored');
  const reason = (id: string, over: Partial<Record<StudentField, string | null>> = {}) => {
    const row = one({ citizenId: id, ...over });
    t.same(codes(row), ['INVALID_CITIZEN_ID'], id);
    return row.problems[0];
  };
  t.match(reason('07931400123'), { vi: /"07931400123".*đúng 12 chữ số/, en: /exactly 12 digits/ });
  t.match(reason('0793140012345'), { vi: /12 chữ số/ });
  t.match(reason('07931400123A'), { vi: /12 chữ số/ });
  t.match(reason('099314001234'), { vi: /mã tỉnh/, en: /province/ });
  t.match(reason('079315001234'), { vi: /năm sinh/, en: /birth-year/ }, 'year 15 but born 2014');
  t.match(reason('079114001234'), { vi: /năm sinh/ }, 'century digit 1 is the 20th century');
  t.match(reason('079214001234'), { vi: /giới tính/, en: /gender/ }, 'male digit for a girl');
  t.same(codes(one({ citizenId: '079214001234', gender: null })), [], 'no gender: only the century and year are checked');
  t.same(codes(one({ citizenId: '079314001234', birthDate: '31/02/2014' })), ['INVALID_DATE'], 'bad date: only format/province');

  // Citizen IDs already in the school.
  const existingCitizenIds = new Set(['079314001234']);
  t.match(one({}, { existingCitizenIds }), { status: 'rejected', problems: [{ code: 'CITIZEN_ID_TAKEN' }] });
  t.match(
    one({}, { existingCitizenIds, existingPersonalIds: new Map([['79101400123456780101', 'student']]) }),
    { status: 'accepted', action: 'update' },
    'an update keeps its own citizen ID',
  );
  const owners = new Map([['079314001234', '79999999999999999999']]);
  t.match(
    one({}, { existingCitizenIds: owners, existingPersonalIds: new Map([['79101400123456780101', 'student']]) }),
    { status: 'rejected', problems: [{ code: 'CITIZEN_ID_TAKEN' }] },
    'with a map, an update cannot take someone else’s number',
  );
  t.match(one({}, { existingCitizenIds: new Map([['079314001234', '79101400123456780101']]) }), { status: 'accepted' });
});

t.test('class', async (t) => {
  for (const v of ['6A1', '6a1', ' 6 A1 ', 'Lớp 6A1', 'lop 6a1']) t.equal(one({ className: v }).record?.className, '6A1', v);
  t.equal(one({ className: '7a1' }).record?.className, '7A1');
  const row = one({ className: '6A9' });
  t.same(codes(row), ['UNKNOWN_CLASS']);
  t.equal(row.problems[0]?.vi, 'Lớp "6A9" không có trong năm học hiện tại của trường.');
  t.same(codes(one({ className: null })), ['MISSING_CLASS']);
  t.equal(one({ className: null }, { defaultClassName: '6a2' }).record?.className, '6A2', 'default class for a one-class list');
  t.equal(one({ className: '6A1' }, { defaultClassName: '6A2' }).record?.className, '6A1', 'the cell wins');
});

t.test('parent phone and name', async (t) => {
  for (const [v, want] of [
    ['0912345678', '0912345678'],
    ['0912 345 678', '0912345678'],
    ['0912.345.678', '0912345678'],
    ['(091) 234-5678', '0912345678'],
    ['+84 912 345 678', '0912345678'],
    ['+84912345678', '0912345678'],
    ['84912345678', '0912345678'],
    ['912345678', '0912345678'],
    ['0356789012', '0356789012'],
    ['0912345678 / 0987654321', '0912345678'],
  ] as const) {
    t.equal(one({ parentPhone: v }).record?.parentPhone, want, v);
  }
  t.equal(one({ parentPhone: null }).record?.parentPhone, null, 'optional');
  for (const bad of ['12345', '0212345678', '02838123456', '091234567', '09123456789', '+1 415 555 0100', 'không có', '0912345678 / 123']) {
    const row = one({ parentPhone: bad });
    t.same(codes(row), ['INVALID_PHONE'], bad);
    t.ok(row.problems[0]?.vi.includes(bad), 'the message names the value');
  }
  t.equal(normalizeVietnamesePhone('0123456789'), null, 'old 11-digit-era prefixes are gone');
  t.equal(one({ parentName: '  Nguyễn   Văn Hùng ' }).record?.parentName, 'Nguyễn Văn Hùng');
  t.equal(one({ parentName: null }).record?.parentName, null);
});

t.test('several problems in one row are all reported', async (t) => {
  const row = one({ personalId: null, fullName: 'An', birthDate: '31/02/2012', gender: '?', className: '6A9', parentPhone: '123' });
  t.same(codes(row), ['MISSING_PERSONAL_ID', 'INVALID_NAME', 'INVALID_DATE', 'INVALID_GENDER', 'UNKNOWN_CLASS', 'INVALID_PHONE']);
  t.match(row, { status: 'rejected', personalId: null, fullName: 'An' });
  t.notOk(row.record);
});

t.test('missing columns, English headers, alternative headers', async (t) => {
  const noDates: RosterTableInput = {
    headers: ['STT', 'Mã HS', 'Họ tên', 'Tôn giáo'],
    rows: [{ rowNumber: 2, cells: { STT: '1', 'Mã HS': '79000001', 'Họ tên': 'Lê Văn Tám', 'Tôn giáo': 'Không' } }],
  };
  const report = validateStudentRoster(noDates, studentCtx());
  t.same(report.missingColumns, ['Ngày sinh', 'Lớp']);
  t.same(report.rows, []);
  t.same(validateStudentRoster(noDates, studentCtx({ defaultClassName: '6A1' })).missingColumns, ['Ngày sinh']);

  const english: RosterTableInput = {
    headers: ['No.', 'Personal ID', 'Full name', 'Date of birth', 'Gender', 'Citizen ID', 'Class', 'Parent name', 'Parent phone'],
    rows: [
      {
        rowNumber: 5,
        cells: {
          'No.': '1',
          'Personal ID': '79101400123456780101',
          'Full name': 'Nguyen Thi Anh Tuyet',
          'Date of birth': '2014-03-12',
          Gender: 'female',
          'Citizen ID': '079314001234',
          Class: '6a1',
          'Parent name': 'Nguyen Van Hung',
          'Parent phone': '+84912345678',
        },
      },
    ],
  };
  t.match(validateStudentRoster(english, studentCtx()), {
    missingColumns: [],
    ignoredColumns: ['No.'],
    accepted: 1,
    rows: [{ rowNumber: 5, record: { className: '6A1', gender: 'female', parentPhone: '0912345678' } }],
  });

  const variants: RosterTableInput = {
    headers: ['MÃ ĐỊNH DANH BỘ GDĐT', 'ho va ten', 'Ngày  sinh', 'Tên lớp', 'Họ tên cha', 'Họ tên mẹ', 'SĐT phụ huynh', 'Ghi chú lạ'],
    rows: [
      {
        rowNumber: 2,
        cells: {
          'MÃ ĐỊNH DANH BỘ GDĐT': '79101400123456780101',
          'ho va ten': 'Lê Văn Tám',
          'Ngày  sinh': '01/01/2014',
          'Tên lớp': '6A2',
          'Họ tên cha': null,
          'Họ tên mẹ': 'Trần Thị Hoa',
          'SĐT phụ huynh': '0903111222',
          'Ghi chú lạ': 'x',
        },
      },
    ],
  };
  t.match(validateStudentRoster(variants, studentCtx()), {
    ignoredColumns: ['Ghi chú lạ'],
    rows: [{ status: 'accepted', record: { className: '6A2', parentName: 'Trần Thị Hoa' } }],
  });
});

// --- teachers ------------------------------------------------------------------------------------

function teacherTable(rows: Partial<Record<TeacherField, string | null>>[]): RosterTableInput {
  const fields = Object.keys(TEACHER_HEADERS) as TeacherField[];
  return {
    headers: fields.map((f) => TEACHER_HEADERS[f]),
    rows: rows.map((r, i) => ({
      rowNumber: i + 2,
      cells: Object.fromEntries(fields.map((f) => [TEACHER_HEADERS[f], r[f] ?? null])),
    })),
  };
}

const BASE_TEACHER: Record<TeacherField, string | null> = {
  personalId: 'GV79000000000001',
  fullName: 'Nguyễn Thị Lan',
  birthDate: '14/02/1985',
  gender: 'Nữ',
  citizenId: '079185001234',
  phone: '0912000111',
  email: 'Lan.NT@thcs-nguyendu.edu.vn',
  position: 'Giáo viên',
  subjectGroupName: 'Tổ Toán – Tin học',
};

function teacher(over: Partial<Record<TeacherField, string | null>>, ctx: Partial<TeacherRosterContext> = {}) {
  const row = validateTeacherRoster(teacherTable([{ ...BASE_TEACHER, ...over }]), teacherCtx(ctx)).rows[0];
  if (!row) throw new Error('no row');
  return row;
}

t.test('teachers', async (t) => {
  t.match(teacher({}), {
    status: 'accepted',
    action: 'create',
    record: { email: 'lan.nt@thcs-nguyendu.edu.vn', subjectGroupName: 'Tổ Toán – Tin học', birthDate: '1985-02-14', gender: 'female' },
  });
  for (const v of ['Toán - Tin học', 'to toan-tin hoc', 'TỔ TOÁN – TIN HỌC', 'Tổ Toán–Tin học']) {
    t.equal(teacher({ subjectGroupName: v }).record?.subjectGroupName, 'Tổ Toán – Tin học', v);
  }
  t.equal(teacher({ subjectGroupName: null }).record?.subjectGroupName, null, 'optional');
  t.match(teacher({ subjectGroupName: 'Tổ Tiếng Anh' }), { problems: [{ code: 'UNKNOWN_SUBJECT_GROUP', vi: /"Tổ Tiếng Anh"/ }] });
  t.equal(teacher({ birthDate: null, citizenId: null }).status, 'accepted', 'birth date optional for teachers');
  t.same(codes(teacher({ birthDate: '01/01/2010', citizenId: null })), ['IMPLAUSIBLE_BIRTH_DATE']);
  t.match(teacher({ birthDate: '01/01/2010', citizenId: null }).problems[0]?.vi, /giáo viên phải từ 18 đến 75 tuổi/);
  t.same(codes(teacher({ email: 'lan@' })), ['INVALID_EMAIL']);
  t.same(codes(teacher({ phone: '028 3812 3456' })), ['INVALID_PHONE']);
  t.same(codes(teacher({ citizenId: '079085001234' })), ['INVALID_CITIZEN_ID'], 'male digit for a woman');
  t.same(codes(teacher({ fullName: 'Lan' })), ['INVALID_NAME']);
  const existingPersonalIds = new Map<string, 'student' | 'staff'>([
    ['GV79000000000001', 'staff'],
    ['79101400123456780101', 'student'],
  ]);
  t.match(teacher({}, { existingPersonalIds }), { status: 'accepted', action: 'update' });
  t.match(teacher({ personalId: '79101400123456780101' }, { existingPersonalIds }), {
    status: 'rejected',
    problems: [{ code: 'PERSONAL_ID_IS_STUDENT' }],
  });
  const report = validateTeacherRoster(teacherTable([BASE_TEACHER, {}, { ...BASE_TEACHER, citizenId: null }]), teacherCtx());
  t.match(report, { accepted: 1, rejected: 1, skipped: 1 });
  t.match(report.rows[2]?.problems, [{ code: 'DUPLICATE_IN_FILE', vi: /trùng với dòng 2/ }]);
  t.same(validateTeacherRoster({ headers: ['Họ tên'], rows: [] }, teacherCtx()).missingColumns, ['Mã định danh Bộ GD&ĐT']);
  checkMessages(t, report);
});

// --- the column dictionary and export ------------------------------------------------------------

t.test('column dictionary', async (t) => {
  for (const [kind, columns] of [
    ['students', STUDENT_COLUMNS],
    ['teachers', TEACHER_COLUMNS],
  ] as const) {
    const seen = new Map<string, string>();
    for (const c of columns) {
      t.equal(headerKey(c.aliases[0] ?? ''), headerKey(c.header), `${kind}.${c.field}: the canonical header is the first alias`);
      for (const a of c.aliases) {
        const key = headerKey(a);
        t.notOk(seen.has(key) && seen.get(key) !== c.field, `${kind}: "${a}" maps to one field only`);
        seen.set(key, c.field);
      }
    }
  }
  t.equal(headerKey('Mã định danh Bộ GD&ĐT'), headerKey('ma dinh danh bo gddt'));
  t.equal(headerKey('Số điện thoại  liên hệ'), headerKey('SO DIEN THOAI LIEN HE'));
  t.ok(isRosterHeaderRow(['STT', 'Mã định danh Bộ GD&ĐT', 'Họ và tên']));
  t.ok(isRosterHeaderRow(['', 'Full name', 'Class']));
  t.notOk(isRosterHeaderRow(['DANH SÁCH HỌC SINH LỚP 6A1', '', '']));
  t.notOk(isRosterHeaderRow(['1', '79101400123456780101', 'Nguyễn Thị Ánh Tuyết', '12/03/2014', 'Nữ']));
  const m = matchRosterColumns(STUDENT_COLUMNS, ['Mã HS', 'Mã định danh Bộ GD&ĐT', 'Họ tên', 'Dân tộc', 'Tôn giáo', 'Điểm']);
  t.same(m.fields.personalId, ['Mã định danh Bộ GD&ĐT', 'Mã HS'], 'best alias first');
  t.same(m.ignored, ['Dân tộc', 'Tôn giáo']);
  t.same(m.unknown, ['Điểm']);
  t.same(m.missing, ['Ngày sinh', 'Lớp']);
  t.same(
    rosterExportColumns('students').map((c) => c.header),
    ['Mã định danh Bộ GD&ĐT', 'Họ và tên', 'Ngày sinh', 'Giới tính', 'Số định danh cá nhân', 'Lớp', 'Họ tên cha/mẹ', 'Số điện thoại liên hệ'],
  );
  t.same(
    rosterExportColumns('teachers').map((c) => c.header),
    ['Mã định danh Bộ GD&ĐT', 'Họ và tên', 'Ngày sinh', 'Giới tính', 'Số định danh cá nhân', 'Số điện thoại', 'Email', 'Vị trí việc làm', 'Tổ chuyên môn'],
  );
});

t.test('export → import round trip', async (t) => {
  const table = await readTable(await readFile(STUDENT_ROSTER_CSV), 'x.csv', { isHeaderRow: isRosterHeaderRow });
  const records = validateStudentRoster(table, studentCtx()).rows.flatMap((r) => (r.record ? [r.record] : []));
  t.equal(records.length, 12);
  const data = await writeWorkbook([
    { name: 'Học sinh', title: 'DANH SÁCH HỌC SINH', columns: rosterExportColumns('students'), rows: records.map(rosterExportRow) },
  ]);
  const back = validateStudentRoster(await readTable(data, 'export.xlsx', { isHeaderRow: isRosterHeaderRow }), studentCtx());
  t.match(back, { accepted: 12, rejected: 0, skipped: 0 });
  t.same(
    back.rows.map((r) => r.record),
    records,
  );
});
