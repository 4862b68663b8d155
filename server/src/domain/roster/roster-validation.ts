/**
 * Roster validation (pure, no I/O): turns a table read from a spreadsheet into a row-by-row report
 * of what would be created, updated or refused, with a stable code and a Vietnamese and English
 * message for every problem, so the school can fix the file and upload it again.
 */
import { checkCitizenId, isValidPersonalId, normalizePersonalId } from '../people/identifiers.js';
import type { Gender, StudentRecord, TeacherRecord } from '../people/person.types.js';
import { foldVietnamese, normalizeName } from '../shared/vietnamese.js';
import {
  matchRosterColumns,
  STUDENT_COLUMNS,
  TEACHER_COLUMNS,
  type RosterColumn,
  type RosterKind,
} from './roster-columns.js';

export { rosterExportColumns, rosterExportRow } from './roster-columns.js';

/** Structurally a RawTable from data/spreadsheet.ts (the domain does not import the data layer). */
export interface RosterTableInput {
  headers: readonly string[];
  rows: readonly { rowNumber: number; cells: Readonly<Record<string, string | null>> }[];
}

export const ROSTER_PROBLEM_CODES = [
  'MISSING_PERSONAL_ID',
  'MALFORMED_PERSONAL_ID',
  'DUPLICATE_IN_FILE',
  'PERSONAL_ID_IS_STAFF',
  'PERSONAL_ID_IS_STUDENT',
  'MISSING_FULL_NAME',
  'INVALID_NAME',
  'MISSING_BIRTH_DATE',
  'INVALID_DATE',
  'IMPLAUSIBLE_BIRTH_DATE',
  'INVALID_GENDER',
  'INVALID_CITIZEN_ID',
  'CITIZEN_ID_TAKEN',
  'MISSING_CLASS',
  'UNKNOWN_CLASS',
  'INVALID_PHONE',
  'INVALID_EMAIL',
  'UNKNOWN_SUBJECT_GROUP',
  'VALUE_TOO_LONG',
] as const;
export type RosterProblemCode = (typeof ROSTER_PROBLEM_CODES)[number];

export interface RosterProblem {
  /** The record field concerned (personalId, birthDate, …). */
  field: string;
  code: RosterProblemCode;
  vi: string;
  en: string;
}

export interface RosterRowResult<T> {
  /** 1-based spreadsheet row ("dòng 7"). */
  rowNumber: number;
  status: 'accepted' | 'rejected' | 'skipped';
  /** Accepted rows: a new person, or an update of one already in the school. */
  action?: 'create' | 'update';
  /** Normalised identifier as read (even when malformed), null when the cell is empty. */
  personalId: string | null;
  fullName: string | null;
  record?: T;
  problems: RosterProblem[];
}

export interface RosterReport<T> {
  kind: RosterKind;
  /** Canonical headers of required columns the file lacks; when non-empty, rows is empty. */
  missingColumns: string[];
  /** Headers present in the file that are not imported (STT, Dân tộc, unknown columns…). */
  ignoredColumns: string[];
  rows: RosterRowResult<T>[];
  accepted: number;
  rejected: number;
  skipped: number;
}

interface RosterContextBase {
  /** Personal IDs already in the school (normalised) and who holds them. */
  existingPersonalIds: ReadonlyMap<string, 'student' | 'staff'>;
  /**
   * Citizen IDs already in the school. With a Set, a citizen ID that exists is refused on rows
   * that create a person (on updates it is assumed to be the same person's). With a Map from
   * citizen ID to the holder's personal ID, it is refused whenever the holder differs.
   */
  existingCitizenIds: ReadonlySet<string> | ReadonlyMap<string, string>;
  /** Today as YYYY-MM-DD, for the age check (passed in so results are deterministic). */
  today: string;
}

export interface StudentRosterContext extends RosterContextBase {
  /** Class names of the current school year, e.g. "6A1". */
  knownClasses: ReadonlySet<string>;
  /** Used when the file has no class column or the cell is empty (a one-class list). */
  defaultClassName?: string;
}

export interface TeacherRosterContext extends RosterContextBase {
  /** Subject group names, e.g. "Tổ Toán – Tin". */
  knownSubjectGroups: ReadonlySet<string>;
}

export const STUDENT_AGE_RANGE = { min: 3, max: 25 } as const;
export const TEACHER_AGE_RANGE = { min: 18, max: 75 } as const;
const MAX_NAME_LENGTH = 100;
const MAX_TEXT_LENGTH = 200;

// ---------------------------------------------------------------------------------------------

export function validateStudentRoster(table: RosterTableInput, ctx: StudentRosterContext): RosterReport<StudentRecord> {
  const today = parseToday(ctx.today);
  const classes = canonicalLookup(ctx.knownClasses, classKey);
  const defaultClass = ctx.defaultClassName ? classes.get(classKey(ctx.defaultClassName)) ?? null : null;
  return validateRoster('students', STUDENT_COLUMNS, table, ctx, defaultClass !== null, (get, base) => {
    const { problems } = base;
    const birth = readBirthDate(get('birthDate'), true, today, STUDENT_AGE_RANGE, 'student', problems);
    const gender = readGender(get('gender'), problems);
    const citizenId = base.readCitizenId(get('citizenId'), birth, gender);

    let className: string | null = null;
    const rawClass = get('className');
    if (rawClass === null) {
      if (defaultClass) className = defaultClass;
      else problem(problems, 'className', 'MISSING_CLASS', 'Thiếu tên lớp.', 'The class is missing.');
    } else {
      className = classes.get(classKey(rawClass)) ?? null;
      if (className === null) {
        problem(
          problems,
          'className',
          'UNKNOWN_CLASS',
          `Lớp ${q(rawClass)} không có trong năm học hiện tại của trường.`,
          `The class ${q(rawClass)} does not exist in the school's current year.`,
        );
      }
    }

    const parentName = readText(get('parentName'), 'parentName', 'Họ tên cha/mẹ', 'Parent name', MAX_NAME_LENGTH, problems);
    const parentPhone = readPhone(get('parentPhone'), 'parentPhone', problems);

    if (problems.length > 0 || !base.personalId || !base.fullName || !birth || !className) return undefined;
    return {
      personalId: base.personalId,
      citizenId,
      fullName: base.fullName,
      birthDate: birth,
      gender,
      className,
      parentName,
      parentPhone,
    };
  });
}

export function validateTeacherRoster(table: RosterTableInput, ctx: TeacherRosterContext): RosterReport<TeacherRecord> {
  const today = parseToday(ctx.today);
  const groups = canonicalLookup(ctx.knownSubjectGroups, subjectGroupKey);
  return validateRoster('teachers', TEACHER_COLUMNS, table, ctx, false, (get, base) => {
    const { problems } = base;
    const birth = readBirthDate(get('birthDate'), false, today, TEACHER_AGE_RANGE, 'teacher', problems);
    const gender = readGender(get('gender'), problems);
    const citizenId = base.readCitizenId(get('citizenId'), birth, gender);
    const phone = readPhone(get('phone'), 'phone', problems);
    const email = readEmail(get('email'), problems);
    const position = readText(get('position'), 'position', 'Vị trí việc làm', 'Position', MAX_TEXT_LENGTH, problems);

    let subjectGroupName: string | null = null;
    const rawGroup = get('subjectGroupName');
    if (rawGroup !== null) {
      subjectGroupName = groups.get(subjectGroupKey(rawGroup)) ?? null;
      if (subjectGroupName === null) {
        problem(
          problems,
          'subjectGroupName',
          'UNKNOWN_SUBJECT_GROUP',
          `Tổ chuyên môn ${q(rawGroup)} chưa có trong trường.`,
          `The subject group ${q(rawGroup)} does not exist in the school.`,
        );
      }
    }

    if (problems.length > 0 || !base.personalId || !base.fullName) return undefined;
    return {
      personalId: base.personalId,
      citizenId,
      fullName: base.fullName,
      birthDate: birth,
      gender,
      phone,
      email,
      position,
      subjectGroupName,
    };
  });
}

// --- shared row walk ----------------------------------------------------------------------------

interface RowBase {
  problems: RosterProblem[];
  personalId: string | null;
  fullName: string | null;
  readCitizenId: (raw: string | null, birthDate: string | null, gender: Gender | null) => string | null;
}

type Getter = (field: string) => string | null;

function validateRoster<T>(
  kind: RosterKind,
  columns: readonly RosterColumn<string>[],
  table: RosterTableInput,
  ctx: RosterContextBase,
  hasDefaultClass: boolean,
  finish: (get: Getter, base: RowBase) => T | undefined,
): RosterReport<T> {
  const match = matchRosterColumns(columns, table.headers);
  const missing = columns
    .filter((c) => c.required && !match.fields[c.field] && !(hasDefaultClass && c.field === 'className'))
    .map((c) => c.header);
  const report: RosterReport<T> = {
    kind,
    missingColumns: missing,
    ignoredColumns: [...match.ignored, ...match.unknown],
    rows: [],
    accepted: 0,
    rejected: 0,
    skipped: 0,
  };
  if (missing.length > 0) return report;

  const fallbackFields = new Set(columns.filter((c) => c.fallback).map((c) => c.field));
  const mappedFields = Object.keys(match.fields);
  const firstRowOfId = new Map<string, number>();
  const firstRowOfCitizenId = new Map<string, number>();
  const staffSide = kind === 'teachers' ? 'staff' : 'student';

  for (const row of table.rows) {
    const get: Getter = (field) => {
      const headers = match.fields[field] ?? [];
      const candidates = fallbackFields.has(field) ? headers : headers.slice(0, 1);
      for (const h of candidates) {
        const v = row.cells[h]?.trim();
        if (v) return v;
      }
      return null;
    };

    if (mappedFields.every((f) => get(f) === null)) {
      report.rows.push({ rowNumber: row.rowNumber, status: 'skipped', personalId: null, fullName: null, problems: [] });
      report.skipped++;
      continue;
    }

    const problems: RosterProblem[] = [];

    // Personal ID: required, well-formed, once per file, and held by the right kind of person.
    let personalId: string | null = null;
    let idUsable = false;
    let action: 'create' | 'update' = 'create';
    const rawId = get('personalId');
    if (rawId === null) {
      problem(problems, 'personalId', 'MISSING_PERSONAL_ID', 'Thiếu mã định danh Bộ GD&ĐT.', 'The MoET personal ID is missing.');
    } else {
      personalId = normalizePersonalId(rawId.replace(/^'/, ''));
      if (!isValidPersonalId(personalId)) {
        problem(
          problems,
          'personalId',
          'MALFORMED_PERSONAL_ID',
          `Mã định danh ${q(rawId)} không hợp lệ: chỉ gồm 6–40 chữ cái không dấu và chữ số.`,
          `The personal ID ${q(rawId)} is malformed: it must be 6–40 unaccented letters and digits.`,
        );
      } else {
        const first = firstRowOfId.get(personalId);
        if (first !== undefined) {
          problem(
            problems,
            'personalId',
            'DUPLICATE_IN_FILE',
            `Mã định danh ${q(personalId)} trùng với dòng ${first}.`,
            `The personal ID ${q(personalId)} duplicates row ${first}.`,
          );
        } else {
          firstRowOfId.set(personalId, row.rowNumber);
          idUsable = true;
        }
        const holder = ctx.existingPersonalIds.get(personalId);
        if (holder !== undefined && holder !== staffSide) {
          if (kind === 'students') {
            problem(
              problems,
              'personalId',
              'PERSONAL_ID_IS_STAFF',
              `Mã định danh ${q(personalId)} đã thuộc về một cán bộ, giáo viên của trường.`,
              `The personal ID ${q(personalId)} already belongs to a staff member of the school.`,
            );
          } else {
            problem(
              problems,
              'personalId',
              'PERSONAL_ID_IS_STUDENT',
              `Mã định danh ${q(personalId)} đã thuộc về một học sinh của trường.`,
              `The personal ID ${q(personalId)} already belongs to a student of the school.`,
            );
          }
        } else if (holder !== undefined) {
          action = 'update';
        }
      }
    }

    // Full name: at least two words of letters (any Vietnamese letter), apostrophes and hyphens.
    let fullName: string | null = null;
    const rawName = get('fullName');
    if (rawName === null) {
      problem(problems, 'fullName', 'MISSING_FULL_NAME', 'Thiếu họ và tên.', 'The full name is missing.');
    } else {
      fullName = normalizeName(rawName);
      if (fullName.length > MAX_NAME_LENGTH) {
        problem(
          problems,
          'fullName',
          'VALUE_TOO_LONG',
          `Họ và tên dài quá ${MAX_NAME_LENGTH} ký tự.`,
          `The full name is longer than ${MAX_NAME_LENGTH} characters.`,
        );
      } else if (!isValidFullName(fullName)) {
        problem(
          problems,
          'fullName',
          'INVALID_NAME',
          `Họ và tên ${q(fullName)} không hợp lệ: cần ít nhất hai từ, chỉ gồm chữ cái, dấu cách, dấu nháy (') hoặc gạch nối (-).`,
          `The full name ${q(fullName)} is not valid: it needs at least two words of letters, spaces, apostrophes (') or hyphens (-).`,
        );
      }
    }

    const readCitizenId: RowBase['readCitizenId'] = (raw, birthDate, gender) => {
      if (raw === null) return null;
      let id = raw.replace(/^'/, '').replace(/[\s.\-]/g, '');
      // Province codes are 001–096, so a valid number always starts with 0; a cell typed as a
      // number in Excel loses it.
      if (/^[1-9]\d{10}$/.test(id)) id = `0${id}`;
      const check = checkCitizenId(id, birthDate, gender);
      if (!check.ok) {
        const reason = CITIZEN_REASONS[check.reason ?? 'format'];
        problem(
          problems,
          'citizenId',
          'INVALID_CITIZEN_ID',
          `Số định danh cá nhân ${q(raw)} không hợp lệ: ${reason.vi}.`,
          `The citizen ID ${q(raw)} is not valid: ${reason.en}.`,
        );
        return null;
      }
      const first = firstRowOfCitizenId.get(id);
      if (first !== undefined) {
        problem(
          problems,
          'citizenId',
          'DUPLICATE_IN_FILE',
          `Số định danh cá nhân ${q(id)} trùng với dòng ${first}.`,
          `The citizen ID ${q(id)} duplicates row ${first}.`,
        );
        return null;
      }
      firstRowOfCitizenId.set(id, row.rowNumber);
      const existing = ctx.existingCitizenIds;
      const taken =
        'get' in existing
          ? existing.has(id) && existing.get(id) !== personalId
          : existing.has(id) && action === 'create';
      if (taken) {
        problem(
          problems,
          'citizenId',
          'CITIZEN_ID_TAKEN',
          `Số định danh cá nhân ${q(id)} đã thuộc về một người khác trong trường.`,
          `The citizen ID ${q(id)} already belongs to someone else in the school.`,
        );
        return null;
      }
      return id;
    };

    const record = finish(get, { problems, personalId, fullName, readCitizenId });
    if (record !== undefined && problems.length === 0 && idUsable) {
      report.rows.push({ rowNumber: row.rowNumber, status: 'accepted', action, personalId, fullName, record, problems });
      report.accepted++;
    } else {
      report.rows.push({ rowNumber: row.rowNumber, status: 'rejected', personalId, fullName, problems });
      report.rejected++;
    }
  }
  return report;
}

// --- field readers -------------------------------------------------------------------------------

function problem(list: RosterProblem[], field: string, code: RosterProblemCode, vi: string, en: string): void {
  list.push({ field, code, vi, en });
}

/** Quotes a value for a message, shortened when very long. */
function q(value: string): string {
  const v = value.length > 60 ? `${value.slice(0, 57)}…` : value;
  return `"${v}"`;
}

const CITIZEN_REASONS: Record<'format' | 'province' | 'birth_year' | 'gender', { vi: string; en: string }> = {
  format: { vi: 'phải gồm đúng 12 chữ số', en: 'it must be exactly 12 digits' },
  province: { vi: 'ba chữ số đầu không phải mã tỉnh/thành phố (001–096)', en: 'the first three digits are not a province code (001–096)' },
  birth_year: {
    vi: 'chữ số thế kỷ và hai chữ số năm sinh (vị trí 4–6) không khớp với ngày sinh',
    en: 'the century digit and the two birth-year digits (positions 4–6) do not match the date of birth',
  },
  gender: { vi: 'chữ số thứ 4 (mã giới tính) không khớp với giới tính', en: 'the fourth digit (gender code) does not match the gender' },
};

const NAME_WORD = /^[\p{Script=Latin}\p{M}'’-]+$/u;
const HAS_LETTER = /\p{Script=Latin}/u;

export function isValidFullName(name: string): boolean {
  const words = normalizeName(name).split(' ');
  return words.length >= 2 && words.every((w) => NAME_WORD.test(w) && HAS_LETTER.test(w));
}

/** dd/mm/yyyy, d/m/yyyy (also with "-" or "."), or yyyy-mm-dd → YYYY-MM-DD; null if not a real date. */
export function parseRosterDate(text: string): string | null {
  const t = text.trim();
  let y: number, m: number, d: number;
  let match = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})$/.exec(t);
  if (match) [d, m, y] = [Number(match[1]), Number(match[3]), Number(match[4])];
  else if ((match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t))) [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else return null;
  if (y < 1900 || y > 2199 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return null;
  return `${y}-${pad2(m)}-${pad2(d)}`;
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(m) ? 30 : 31;
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

function parseToday(today: string): { y: number; m: number; d: number } {
  const iso = /^\d{4}-\d{2}-\d{2}$/.test(today) ? parseRosterDate(today) : null;
  if (!iso) throw new TypeError(`today must be YYYY-MM-DD, got ${today}`);
  return { y: Number(iso.slice(0, 4)), m: Number(iso.slice(5, 7)), d: Number(iso.slice(8, 10)) };
}

/** Completed years between an ISO birth date and today. */
function ageOn(birthIso: string, today: { y: number; m: number; d: number }): number {
  const y = Number(birthIso.slice(0, 4));
  const m = Number(birthIso.slice(5, 7));
  const d = Number(birthIso.slice(8, 10));
  return today.y - y - (today.m < m || (today.m === m && today.d < d) ? 1 : 0);
}

function isoToVi(iso: string): string {
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}

function readBirthDate(
  raw: string | null,
  required: boolean,
  today: { y: number; m: number; d: number },
  range: { min: number; max: number },
  who: 'student' | 'teacher',
  problems: RosterProblem[],
): string | null {
  if (raw === null) {
    if (required) problem(problems, 'birthDate', 'MISSING_BIRTH_DATE', 'Thiếu ngày sinh.', 'The date of birth is missing.');
    return null;
  }
  const iso = parseRosterDate(raw);
  if (!iso) {
    problem(
      problems,
      'birthDate',
      'INVALID_DATE',
      `Ngày sinh ${q(raw)} không phải là một ngày có thật hoặc sai dạng (dùng ngày/tháng/năm, ví dụ 05/09/2012).`,
      `The date of birth ${q(raw)} is not a real date or has the wrong format (use dd/mm/yyyy, e.g. 05/09/2012).`,
    );
    return null;
  }
  const age = ageOn(iso, today);
  if (age < range.min || age > range.max) {
    const vi = who === 'student' ? 'học sinh' : 'giáo viên';
    problem(
      problems,
      'birthDate',
      'IMPLAUSIBLE_BIRTH_DATE',
      `Ngày sinh ${isoToVi(iso)} không hợp lý: ${vi} phải từ ${range.min} đến ${range.max} tuổi.`,
      `The date of birth ${isoToVi(iso)} is implausible: a ${who} must be ${range.min} to ${range.max} years old.`,
    );
    return null;
  }
  return iso;
}

const GENDERS: Record<string, Gender> = {
  nam: 'male',
  male: 'male',
  m: 'male',
  nu: 'female',
  female: 'female',
  f: 'female',
};

function readGender(raw: string | null, problems: RosterProblem[]): Gender | null {
  if (raw === null) return null;
  const gender = GENDERS[foldVietnamese(raw).replace(/[^a-z]/g, '')];
  if (!gender) {
    problem(
      problems,
      'gender',
      'INVALID_GENDER',
      `Giới tính ${q(raw)} không hợp lệ: ghi "Nam" hoặc "Nữ".`,
      `The gender ${q(raw)} is not valid: write "Nam" (male) or "Nữ" (female).`,
    );
    return null;
  }
  return gender;
}

/**
 * Vietnamese mobile numbers: 0 followed by 9 digits (03x, 05x, 07x, 08x, 09x), or +84 / 84
 * followed by the 9 digits; spaces, dots, dashes and brackets are ignored, and 9 digits alone
 * (the leading zero lost when Excel stored the number as a number) are accepted. Normalised to
 * 0xxxxxxxxx. Returns null when not a mobile number.
 */
export function normalizeVietnamesePhone(raw: string): string | null {
  const compact = raw.replace(/^'/, '').replace(/[\s.()\-]/g, '');
  let national: string | null = null;
  if (/^\+84\d{9}$/.test(compact) || /^84\d{9}$/.test(compact)) national = compact.slice(-9);
  else if (/^0\d{9}$/.test(compact)) national = compact.slice(1);
  else if (/^\d{9}$/.test(compact)) national = compact;
  if (!national || !/^[35789]/.test(national)) return null;
  return `0${national}`;
}

function readPhone(raw: string | null, field: string, problems: RosterProblem[]): string | null {
  if (raw === null) return null;
  // Some lists put two numbers in one cell ("0912 345 678 / 0987 654 321"): keep the first.
  const parts = raw.split(/[/;,|]|\s[-–]\s/).map((p) => p.trim()).filter(Boolean);
  const phones = parts.map(normalizeVietnamesePhone);
  if (phones.length === 0 || phones.some((p) => p === null)) {
    problem(
      problems,
      field,
      'INVALID_PHONE',
      `Số điện thoại ${q(raw)} không hợp lệ: cần số di động Việt Nam gồm 10 chữ số bắt đầu bằng 0 (hoặc +84).`,
      `The phone number ${q(raw)} is not valid: use a Vietnamese mobile number of 10 digits starting with 0 (or +84).`,
    );
    return null;
  }
  return phones[0] ?? null;
}

function readEmail(raw: string | null, problems: RosterProblem[]): string | null {
  if (raw === null) return null;
  const email = raw.trim().toLowerCase();
  if (email.length > 254 || !/^[^\s@]+@[^\s@]+\.[a-z]{2,}$/.test(email)) {
    problem(
      problems,
      'email',
      'INVALID_EMAIL',
      `Địa chỉ email ${q(raw)} không hợp lệ.`,
      `The email address ${q(raw)} is not valid.`,
    );
    return null;
  }
  return email;
}

function readText(
  raw: string | null,
  field: string,
  labelVi: string,
  labelEn: string,
  max: number,
  problems: RosterProblem[],
): string | null {
  if (raw === null) return null;
  const text = normalizeName(raw);
  if (text.length > max) {
    problem(problems, field, 'VALUE_TOO_LONG', `${labelVi} dài quá ${max} ký tự.`, `${labelEn} is longer than ${max} characters.`);
    return null;
  }
  return text;
}

/** Class names compare without case, spaces or a leading "Lớp": "lớp 6 a1" is "6A1". */
function classKey(name: string): string {
  return foldVietnamese(name).replace(/^lop\s*(?=\d)/, '').replace(/\s+/g, '');
}

/** Subject groups compare without diacritics, punctuation or a leading "Tổ": "Toán - Tin" is "Tổ Toán – Tin". */
function subjectGroupKey(name: string): string {
  return foldVietnamese(name).replace(/^to\s+/, '').replace(/[^a-z0-9]/g, '');
}

function canonicalLookup(names: ReadonlySet<string>, key: (s: string) => string): Map<string, string> {
  const map = new Map<string, string>();
  for (const name of names) if (!map.has(key(name))) map.set(key(name), name);
  return map;
}
