/**
 * The roster column dictionary: which spreadsheet headers mean which field, for the student and
 * teacher lists a school exports from the education-sector database (Circular 09/2021 Art. 15.1.i).
 *
 * Matching ignores diacritics, case, spaces and punctuation ("Mã định danh Bộ GD&ĐT",
 * "MA DINH DANH BO GDDT" and "mã-định-danh bộ gdđt" are the same column) and accepts English
 * headers. Export uses the canonical Vietnamese header (the first alias).
 *
 * Data minimisation: columns such as ethnicity and religion are known (so they help find the header
 * row and are not reported as unknown) but are never imported.
 */
import type { StudentRecord, TeacherRecord } from '../people/person.types.js';
import { foldVietnamese } from '../shared/vietnamese.js';

export type RosterKind = 'students' | 'teachers';

export type StudentField =
  | 'personalId'
  | 'fullName'
  | 'birthDate'
  | 'gender'
  | 'citizenId'
  | 'className'
  | 'parentName'
  | 'parentPhone';

export type TeacherField =
  | 'personalId'
  | 'fullName'
  | 'birthDate'
  | 'gender'
  | 'citizenId'
  | 'phone'
  | 'email'
  | 'position'
  | 'subjectGroupName';

export type RosterField = StudentField | TeacherField;

export interface RosterColumn<F extends string = RosterField> {
  field: F;
  /** Canonical Vietnamese header, used for export and in messages. */
  header: string;
  /** English label for messages. */
  headerEn: string;
  /** Accepted headers (Vietnamese, then English), best first. */
  aliases: readonly string[];
  /** A file without this column cannot be imported. */
  required: boolean;
  /**
   * When several columns of the file match this field, the value is taken from the first one
   * that is non-empty in the row (e.g. separate father and mother columns). Otherwise only the
   * best-matching column is read.
   */
  fallback: boolean;
  exportType: 'text' | 'date';
  exportWidth: number;
}

const PERSONAL_ID_ALIASES = [
  'Mã định danh Bộ GD&ĐT',
  'Mã định danh Bộ GDĐT',
  'Mã định danh',
  'Mã định danh GD&ĐT',
  'Mã định danh ngành',
  'Personal ID',
  'MoET ID',
];
const CITIZEN_ID_ALIASES = [
  'Số định danh cá nhân',
  'CCCD',
  'Mã định danh 12 số',
  'Số CCCD',
  'Số định danh cá nhân/CCCD',
  'Số CCCD/Định danh cá nhân',
  'Căn cước công dân',
  'Số căn cước',
  'Citizen ID',
  'National ID',
  'Citizen identification number',
];
const FULL_NAME_ALIASES = ['Họ và tên', 'Họ tên', 'Tên học sinh', 'Full name', 'Name'];
const BIRTH_DATE_ALIASES = ['Ngày sinh', 'Ngày tháng năm sinh', 'Date of birth', 'Birth date', 'Birthdate', 'DOB'];
const GENDER_ALIASES = ['Giới tính', 'Gender', 'Sex'];

export const STUDENT_COLUMNS: readonly RosterColumn<StudentField>[] = [
  {
    field: 'personalId',
    header: 'Mã định danh Bộ GD&ĐT',
    headerEn: 'Personal ID',
    aliases: [...PERSONAL_ID_ALIASES, 'Mã học sinh', 'Mã HS', 'Student ID', 'Student code'],
    required: true,
    fallback: false,
    exportType: 'text',
    exportWidth: 24,
  },
  {
    field: 'fullName',
    header: 'Họ và tên',
    headerEn: 'Full name',
    aliases: FULL_NAME_ALIASES,
    required: true,
    fallback: false,
    exportType: 'text',
    exportWidth: 28,
  },
  {
    field: 'birthDate',
    header: 'Ngày sinh',
    headerEn: 'Date of birth',
    aliases: BIRTH_DATE_ALIASES,
    required: true,
    fallback: false,
    exportType: 'date',
    exportWidth: 12,
  },
  {
    field: 'gender',
    header: 'Giới tính',
    headerEn: 'Gender',
    aliases: GENDER_ALIASES,
    required: false,
    fallback: false,
    exportType: 'text',
    exportWidth: 10,
  },
  {
    field: 'citizenId',
    header: 'Số định danh cá nhân',
    headerEn: 'Citizen ID',
    aliases: CITIZEN_ID_ALIASES,
    required: false,
    fallback: false,
    exportType: 'text',
    exportWidth: 18,
  },
  {
    field: 'className',
    header: 'Lớp',
    headerEn: 'Class',
    aliases: ['Lớp', 'Tên lớp', 'Lớp học', 'Class', 'Class name'],
    required: true,
    fallback: false,
    exportType: 'text',
    exportWidth: 8,
  },
  {
    field: 'parentName',
    header: 'Họ tên cha/mẹ',
    headerEn: 'Parent name',
    aliases: [
      'Họ tên cha/mẹ',
      'Họ tên cha mẹ',
      'Họ tên bố/mẹ',
      'Họ tên cha/mẹ/người giám hộ',
      'Họ tên phụ huynh',
      'Phụ huynh',
      'Tên phụ huynh',
      'Người giám hộ',
      'Họ tên cha',
      'Họ tên bố',
      'Họ tên mẹ',
      'Parent name',
      'Parent',
      'Guardian',
      'Guardian name',
    ],
    required: false,
    fallback: true,
    exportType: 'text',
    exportWidth: 28,
  },
  {
    field: 'parentPhone',
    header: 'Số điện thoại liên hệ',
    headerEn: 'Parent phone',
    aliases: [
      'Số điện thoại liên hệ',
      'SĐT phụ huynh',
      'Số điện thoại phụ huynh',
      'Điện thoại phụ huynh',
      'SĐT liên hệ',
      'Điện thoại liên hệ',
      'Điện thoại',
      'Số điện thoại',
      'SĐT',
      'SĐT cha/mẹ',
      'Số điện thoại cha',
      'Số điện thoại mẹ',
      'Parent phone',
      'Contact phone',
      'Phone',
    ],
    required: false,
    fallback: true,
    exportType: 'text',
    exportWidth: 16,
  },
];

export const TEACHER_COLUMNS: readonly RosterColumn<TeacherField>[] = [
  {
    field: 'personalId',
    header: 'Mã định danh Bộ GD&ĐT',
    headerEn: 'Personal ID',
    aliases: [...PERSONAL_ID_ALIASES, 'Mã giáo viên', 'Mã GV', 'Mã cán bộ', 'Mã CB', 'Teacher ID', 'Staff ID'],
    required: true,
    fallback: false,
    exportType: 'text',
    exportWidth: 24,
  },
  {
    field: 'fullName',
    header: 'Họ và tên',
    headerEn: 'Full name',
    aliases: ['Họ và tên', 'Họ tên', 'Tên giáo viên', 'Họ tên giáo viên', 'Full name', 'Name'],
    required: true,
    fallback: false,
    exportType: 'text',
    exportWidth: 28,
  },
  {
    field: 'birthDate',
    header: 'Ngày sinh',
    headerEn: 'Date of birth',
    aliases: BIRTH_DATE_ALIASES,
    required: false,
    fallback: false,
    exportType: 'date',
    exportWidth: 12,
  },
  {
    field: 'gender',
    header: 'Giới tính',
    headerEn: 'Gender',
    aliases: GENDER_ALIASES,
    required: false,
    fallback: false,
    exportType: 'text',
    exportWidth: 10,
  },
  {
    field: 'citizenId',
    header: 'Số định danh cá nhân',
    headerEn: 'Citizen ID',
    aliases: CITIZEN_ID_ALIASES,
    required: false,
    fallback: false,
    exportType: 'text',
    exportWidth: 18,
  },
  {
    field: 'phone',
    header: 'Số điện thoại',
    headerEn: 'Phone',
    aliases: ['Số điện thoại', 'Điện thoại', 'SĐT', 'Số điện thoại liên hệ', 'Điện thoại di động', 'Di động', 'Phone', 'Mobile', 'Phone number'],
    required: false,
    fallback: true,
    exportType: 'text',
    exportWidth: 16,
  },
  {
    field: 'email',
    header: 'Email',
    headerEn: 'Email',
    aliases: ['Email', 'E-mail', 'Thư điện tử', 'Địa chỉ email', 'Địa chỉ thư điện tử'],
    required: false,
    fallback: false,
    exportType: 'text',
    exportWidth: 28,
  },
  {
    field: 'position',
    header: 'Vị trí việc làm',
    headerEn: 'Position',
    aliases: ['Vị trí việc làm', 'Chức vụ', 'Chức danh', 'Position', 'Job title', 'Role'],
    required: false,
    fallback: false,
    exportType: 'text',
    exportWidth: 22,
  },
  {
    field: 'subjectGroupName',
    header: 'Tổ chuyên môn',
    headerEn: 'Subject group',
    aliases: ['Tổ chuyên môn', 'Tổ', 'Tổ bộ môn', 'Subject group', 'Department', 'Group'],
    required: false,
    fallback: false,
    exportType: 'text',
    exportWidth: 22,
  },
];

/** Known columns that are deliberately not imported (order numbers, status, sensitive data). */
export const IGNORED_COLUMNS: readonly string[] = [
  'STT',
  'Số TT',
  'Số thứ tự',
  'TT',
  'Dân tộc',
  'Tôn giáo',
  'Quốc tịch',
  'Trạng thái học sinh',
  'Trạng thái',
  'Trạng thái giáo viên',
  'Trạng thái cán bộ',
  'Nơi sinh',
  'Quê quán',
  'Địa chỉ',
  'Ghi chú',
  'No.',
  'No',
  'Ethnicity',
  'Religion',
  'Nationality',
  'Status',
  'Notes',
];

/** The comparison key of a header: diacritics, case, spaces and punctuation removed. */
export function headerKey(text: string): string {
  return foldVietnamese(text).replace(/[^a-z0-9]/g, '');
}

export function rosterColumns(kind: 'students'): readonly RosterColumn<StudentField>[];
export function rosterColumns(kind: 'teachers'): readonly RosterColumn<TeacherField>[];
export function rosterColumns(kind: RosterKind): readonly RosterColumn[];
export function rosterColumns(kind: RosterKind): readonly RosterColumn[] {
  return kind === 'students' ? STUDENT_COLUMNS : TEACHER_COLUMNS;
}

const KNOWN_KEYS: ReadonlySet<string> = new Set(
  [...STUDENT_COLUMNS, ...TEACHER_COLUMNS].flatMap((c) => c.aliases).concat(IGNORED_COLUMNS).map(headerKey),
);

/** Whether a header text is one of the known roster columns (any kind, including ignored ones). */
export function isKnownRosterHeader(text: string): boolean {
  const key = headerKey(text);
  return key !== '' && KNOWN_KEYS.has(key);
}

/**
 * Header-row detector for readTable: a row is the header when at least two of its cells are known
 * roster columns (title lines above the table have one cell or none).
 */
export function isRosterHeaderRow(cells: string[]): boolean {
  let hits = 0;
  for (const cell of cells) if (isKnownRosterHeader(cell) && ++hits >= 2) return true;
  return false;
}

export interface ColumnMatch<F extends string> {
  /** For each matched field, the file's headers that carry it, best first. */
  fields: Partial<Record<F, string[]>>;
  /** Canonical headers of required columns that the file lacks. */
  missing: string[];
  /** Headers that were recognised but are not imported (STT, Dân tộc, Tôn giáo…). */
  ignored: string[];
  /** Headers that are not roster columns at all. */
  unknown: string[];
}

/** Maps a file's headers to roster fields. */
export function matchRosterColumns<F extends string>(
  columns: readonly RosterColumn<F>[],
  headers: readonly string[],
): ColumnMatch<F> {
  const ignoredKeys = new Set(IGNORED_COLUMNS.map(headerKey));
  const found = new Map<F, { header: string; rank: number; order: number }[]>();
  const ignored: string[] = [];
  const unknown: string[] = [];
  headers.forEach((header, order) => {
    const key = headerKey(header);
    let matched = false;
    for (const col of columns) {
      const rank = col.aliases.findIndex((a) => headerKey(a) === key);
      if (rank < 0) continue;
      const list = found.get(col.field) ?? [];
      list.push({ header, rank, order });
      found.set(col.field, list);
      matched = true;
      break; // one header feeds one field
    }
    if (matched) return;
    if (ignoredKeys.has(key)) ignored.push(header);
    else unknown.push(header);
  });
  const fields: Partial<Record<F, string[]>> = {};
  for (const [field, list] of found) {
    list.sort((a, b) => a.rank - b.rank || a.order - b.order);
    fields[field] = list.map((x) => x.header);
  }
  const missing = columns.filter((c) => c.required && !found.has(c.field)).map((c) => c.header);
  return { fields, missing, ignored, unknown };
}

/** A column of the export sheet; structurally a SheetSpec column of data/spreadsheet.ts. */
export interface RosterExportColumn {
  header: string;
  key: string;
  width: number;
  type: 'text' | 'date';
}

/** Columns of an exported roster, with canonical Vietnamese headers and field names as keys. */
export function rosterExportColumns(kind: RosterKind): RosterExportColumn[] {
  return rosterColumns(kind).map((c) => ({ header: c.header, key: c.field, width: c.exportWidth, type: c.exportType }));
}

/** One record as an export row keyed like rosterExportColumns (gender as "Nam"/"Nữ"). */
export function rosterExportRow(record: StudentRecord | TeacherRecord): Record<string, string | null> {
  const row: Record<string, string | null> = {};
  for (const [key, value] of Object.entries(record)) {
    if (key === 'gender') row[key] = value === 'male' ? 'Nam' : value === 'female' ? 'Nữ' : null;
    else row[key] = typeof value === 'string' ? value : null;
  }
  return row;
}
