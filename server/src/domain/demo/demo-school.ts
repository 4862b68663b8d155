/**
 * A deterministic demo lower-secondary school (trường THCS), as plain data. The quick start,
 * the UI screenshots and the tests all use it. Nothing here touches a database: a loader
 * elsewhere turns it into rows.
 *
 * Everything is fictitious: the school, its address, phone numbers, e-mail addresses (under the
 * reserved `.example` top-level domain so nothing can be sent), identifiers and people. Any match
 * with a real person is a coincidence of common Vietnamese names.
 *
 * Determinism: all randomness comes from one seeded PRNG (mulberry32) consumed in a fixed
 * order, and sorting uses `nameSortKey` (plain string comparison, no ICU collation). The same
 * options therefore give deep-equal output on every machine.
 *
 * Choices made here (see also the constants below):
 * - Programme (Circular 32/2018, 2018 general-education programme, THCS table): the per-subject
 *   figures add up to the official totals 1015 / 1015 / 1032 / 1032 periods per year for grades
 *   6–9. Those totals count compulsory subjects plus the two educational activities (Hoạt động
 *   trải nghiệm, hướng nghiệp and Nội dung giáo dục của địa phương) and exclude the optional
 *   subjects (Tiếng dân tộc thiểu số, Ngoại ngữ 2). The official weekly average is 29.5 for
 *   grades 8–9, and 29.5 × 35 = 1032.5: Công nghệ 8–9 is nominally 1.5 periods a week (52.5),
 *   which the programme prints, and we use, as 52.
 * - Nghệ thuật (70 periods) is split into its two strands, Âm nhạc and Mĩ thuật (35 each),
 *   because different teachers teach them and the school report (học bạ) records them
 *   separately. The grade totals are unchanged.
 * - Khoa học tự nhiên and Lịch sử và Địa lí are one subject each with one teacher per class
 *   (in practice schools often split them between two or three teachers by strand).
 * - Hoạt động trải nghiệm, hướng nghiệp belongs to no subject group: each class's homeroom
 *   teacher teaches it (its subject `groupName` is null). Every other subject is taught by a
 *   teacher of the subject's group.
 * - Assessment follows Circular 22/2021: Giáo dục thể chất, Nghệ thuật (Âm nhạc, Mĩ thuật),
 *   Hoạt động trải nghiệm, hướng nghiệp and Nội dung giáo dục của địa phương by comment, the
 *   rest by score.
 * - Staffing is computed from the teaching load, not fixed: a teacher's norm is 19 periods a
 *   week (665 a year over 35 weeks) less reductions (4 for a homeroom teacher, 3 for a group
 *   leader), so each specialisation gets about one teacher per 560 periods a year (16 a week),
 *   and the homeroom teacher adds the class's 105 periods of Hoạt động trải nghiệm. With the
 *   default 12 classes that is 21 teachers (1.75 per class, under the 1.9 per class THCS ratio);
 *   with 5 classes per grade it is about 35. No teacher exceeds 1.3 × 665 periods.
 * - One vice principal under 28 classes, two from 28 (our reading of the THCS staffing rule in
 *   Circular 20/2023; not re-checked against the text).
 * - `districtOffice`: since 1 July 2025 there are no district-level governments, so no district
 *   Phòng GD&ĐT; as we understand it a THCS is now managed by its ward/commune People's
 *   Committee through the ward's Phòng Văn hóa – Xã hội, with professional guidance from the
 *   Sở GD&ĐT. We name that office (not verified against a legal text).
 * - School year: opening on 5 September; semester I runs to the end of its 18th teaching week
 *   (counted from the first Monday on or after 5 September, about mid-January); semester II
 *   has 17 teaching weeks plus two weeks of Tết holiday (the lunar date is not modelled), which
 *   ends it in the last third of May, before the 31 May deadline. 18 + 17 = 35 teaching weeks.
 */

import type { Gender, Role } from '../people/person.types.js';
import { CLASS_SIZE_LIMIT, GRADES_BY_LEVEL, type SchoolLevel } from '../school/school.types.js';
import { foldVietnamese, nameSortKey } from '../shared/vietnamese.js';

// ---------------------------------------------------------------------------------------------
// Public constants: the documented demo accounts.
// ---------------------------------------------------------------------------------------------

/** The password of every demo account (staff, students, parents). */
export const DEMO_PASSWORD = 'Phonghoc@2026';
/** Hiệu trưởng. */
export const DEMO_PRINCIPAL_ID = 'CB79000001';
/** Nhân viên công nghệ thông tin. */
export const DEMO_IT_ID = 'CB79000002';
/** The (first) Phó hiệu trưởng. */
export const DEMO_VICE_PRINCIPAL_ID = 'CB79000003';
/** Homeroom teacher of 6A1, who also teaches a subject in 6A1. */
export const DEMO_TEACHER_ID = 'GV7900000001';
/** A student of 6A1 (the first on the class list). */
export const DEMO_STUDENT_ID = '79000701000000000001';
/** The parent of DEMO_STUDENT_ID, who also has an older child in grade 8 or 9. */
export const DEMO_PARENT_LOGIN = 'PH79000001';

/** The official THCS annual totals of the 2018 programme (periods per year, grades 6–9). */
export const PROGRAMME_ANNUAL_PERIODS: Readonly<Record<number, number>> = { 6: 1015, 7: 1015, 8: 1032, 9: 1032 };
/** Teaching weeks per year implied by the programme (1015 / 29). */
export const TEACHING_WEEKS = 35;
/** A THCS teacher's teaching norm, periods per week. */
export const TEACHER_NORM_PER_WEEK = 19;
/** The norm over a year: 19 × 35 = 665 periods. */
export const TEACHER_NORM_PER_YEAR = TEACHER_NORM_PER_WEEK * TEACHING_WEEKS;
/** The heaviest load the demo gives a teacher: 1.3 × the yearly norm. */
export const TEACHER_MAX_PER_YEAR = Math.floor(1.3 * TEACHER_NORM_PER_YEAR);

// ---------------------------------------------------------------------------------------------
// Types
// ---------------------------------------------------------------------------------------------

export interface DemoSchoolOptions {
  seed?: number;
  classesPerGrade?: number;
  studentsPerClass?: number;
  schoolYearStart?: number;
}

export interface DemoSchoolInfo {
  name: string;
  moetCode: string;
  level: SchoolLevel;
  province: string;
  districtOffice: string;
  address: string;
  phone: string;
}

export interface DemoSemester {
  number: 1 | 2;
  name: string;
  startsOn: string;
  endsOn: string;
  /** Teaching weeks (holiday weeks excluded). */
  weeks: number;
}

export interface DemoSchoolYear {
  name: string;
  startsOn: string;
  endsOn: string;
  semesters: [DemoSemester, DemoSemester];
}

export interface DemoSubjectGroup {
  name: string;
  leaderPersonalId: string;
  memberPersonalIds: string[];
  subjectCodes: string[];
}

export interface DemoSubject {
  code: string;
  name: string;
  /** The tổ chuyên môn whose teachers teach it; null: taught by each class's homeroom teacher. */
  groupName: string | null;
  assessment: 'score' | 'comment';
  /** grade → periods per year */
  periods: Record<number, number>;
}

export interface DemoStaff {
  personalId: string;
  citizenId: string;
  fullName: string;
  gender: Gender;
  birthDate: string;
  phone: string;
  email: string;
  position: string;
  roles: Role[];
  groupName: string | null;
  /** Codes of the subjects this person teaches (empty for non-teaching staff). */
  subjects: string[];
  /** Teaching load, periods per year (sum of their teaching assignments). */
  periodsPerYear: number;
  /** The class they are homeroom teacher of, if any. */
  homeroomClass: string | null;
}

export interface DemoStudent {
  personalId: string;
  citizenId: string | null;
  fullName: string;
  gender: Gender;
  birthDate: string;
  className: string;
  grade: number;
}

export interface DemoClass {
  name: string;
  grade: number;
  homeroomTeacherPersonalId: string;
  /** Sorted in class-list order (given name first); the same objects as in `DemoSchool.students`. */
  students: DemoStudent[];
}

export interface DemoParent {
  /** Login name ("PH" + digits); parents have no education-sector identifier. */
  login: string;
  fullName: string;
  gender: Gender;
  phone: string;
  relation: 'father' | 'mother' | 'guardian';
  childrenPersonalIds: string[];
}

export interface DemoTeachingAssignment {
  className: string;
  grade: number;
  subjectCode: string;
  teacherPersonalId: string;
  periodsPerYear: number;
}

export interface DemoAccount {
  role: Role;
  login: string;
  fullName: string;
  description: string;
}

export interface DemoCredentials {
  /** Every demo account uses this password. */
  password: string;
  /** The known accounts documented for the quick start and the screenshots. */
  accounts: DemoAccount[];
}

export interface DemoSchool {
  options: Required<DemoSchoolOptions>;
  school: DemoSchoolInfo;
  schoolYear: DemoSchoolYear;
  subjectGroups: DemoSubjectGroup[];
  subjects: DemoSubject[];
  /** Principal, vice principal(s), IT staff, then teachers by group and name. */
  staff: DemoStaff[];
  classes: DemoClass[];
  /** All students, class by class (the objects of `classes[].students`). */
  students: DemoStudent[];
  parents: DemoParent[];
  teachingAssignments: DemoTeachingAssignment[];
  demoCredentials: DemoCredentials;
}

// ---------------------------------------------------------------------------------------------
// Seeded PRNG
// ---------------------------------------------------------------------------------------------

class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** mulberry32: a float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }

  weighted<T>(table: WeightedTable<T>): T {
    let r = this.next() * table.total;
    for (const [item, weight] of table.items) {
      r -= weight;
      if (r < 0) return item;
    }
    const last = table.items[table.items.length - 1];
    if (last === undefined) throw new Error('pick from an empty table');
    return last[0];
  }

  digits(n: number): string {
    let out = '';
    for (let i = 0; i < n; i++) out += String(this.int(0, 9));
    return out;
  }

  shuffle<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = this.int(0, i);
      const a = out[i] as T;
      out[i] = out[j] as T;
      out[j] = a;
    }
    return out;
  }
}

interface WeightedTable<T> {
  items: ReadonlyArray<readonly [T, number]>;
  total: number;
}

function table<T>(items: ReadonlyArray<readonly [T, number]>): WeightedTable<T> {
  return { items, total: items.reduce((sum, [, w]) => sum + w, 0) };
}

/** The same weight for every item. */
function flat(items: readonly string[]): WeightedTable<string> {
  return table(items.map((item) => [item, 1] as const));
}

// ---------------------------------------------------------------------------------------------
// Names (weights roughly follow southern Vietnam: Huỳnh and Võ are common in Hồ Chí Minh City)
// ---------------------------------------------------------------------------------------------

const FAMILY_NAMES = table<string>([
  ['Nguyễn', 31], ['Trần', 11], ['Lê', 9], ['Phạm', 6], ['Huỳnh', 5], ['Hoàng', 2], ['Phan', 4],
  ['Võ', 4], ['Vũ', 1.5], ['Đặng', 2], ['Bùi', 2], ['Đỗ', 1.5], ['Hồ', 1.5], ['Ngô', 1.5],
  ['Dương', 1], ['Lý', 1], ['Trương', 1.5], ['Đinh', 1], ['Lâm', 1], ['Mai', 0.7], ['Đoàn', 0.7],
  ['Tô', 0.5], ['Châu', 0.5], ['Lưu', 0.5], ['Cao', 0.5], ['Tạ', 0.3],
]);

const CHILD_MALE_MIDDLE = table<string>([
  ['Minh', 10], ['Gia', 8], ['Hoàng', 6], ['Quốc', 5], ['Đức', 5], ['Anh', 4], ['Tuấn', 3],
  ['Thành', 4], ['Nhật', 5], ['Bảo', 5], ['Đăng', 4], ['Trọng', 3], ['Khánh', 3], ['Thiên', 3],
  ['Hữu', 3], ['Văn', 4], ['Phúc', 2], ['Trung', 2], ['Công', 2], ['Tấn', 2], ['Duy', 2], ['Hải', 2],
]);
const CHILD_MALE_GIVEN = flat([
  'An', 'Bảo', 'Bình', 'Duy', 'Dũng', 'Đạt', 'Đức', 'Huy', 'Hùng', 'Khang', 'Khánh', 'Khoa', 'Khôi',
  'Kiên', 'Lâm', 'Long', 'Minh', 'Nam', 'Nguyên', 'Nhân', 'Phát', 'Phong', 'Phúc', 'Quân', 'Quang',
  'Sơn', 'Tài', 'Thái', 'Thắng', 'Thịnh', 'Tín', 'Toàn', 'Trí', 'Trung', 'Tuấn', 'Tùng', 'Việt',
  'Vinh', 'Vũ', 'Hiếu', 'Hưng', 'Kiệt', 'Lộc', 'Hải', 'Thiện', 'Phú', 'Hào', 'Khải', 'Thuận', 'Luân',
]);
const CHILD_FEMALE_MIDDLE = table<string>([
  ['Ngọc', 8], ['Bảo', 5], ['Khánh', 5], ['Gia', 4], ['Minh', 5], ['Phương', 4], ['Thanh', 4],
  ['Thu', 3], ['Hoàng', 3], ['Mai', 3], ['Quỳnh', 3], ['Hồng', 2], ['Thảo', 3], ['Tường', 2],
  ['Kim', 2], ['Thị', 5], ['Yến', 2], ['Diễm', 1], ['Như', 2], ['Tú', 2], ['Hải', 2], ['Cát', 1],
  ['An', 2], ['Thùy', 2],
]);
const CHILD_FEMALE_GIVEN = flat([
  'An', 'Anh', 'Ánh', 'Châu', 'Chi', 'Diệp', 'Dung', 'Giang', 'Hà', 'Hạnh', 'Hân', 'Hiền', 'Hoa',
  'Huyền', 'Hương', 'Lan', 'Linh', 'Loan', 'Ly', 'Mai', 'My', 'Nga', 'Ngân', 'Ngọc', 'Nhi', 'Nhung',
  'Như', 'Oanh', 'Phương', 'Quyên', 'Quỳnh', 'Tâm', 'Thảo', 'Thư', 'Thy', 'Trâm', 'Trang', 'Trinh',
  'Tú', 'Uyên', 'Vân', 'Vy', 'Xuân', 'Yến', 'Hằng', 'Khuê', 'Nghi', 'Hạ', 'Đan', 'Thương',
]);
const ADULT_MALE_MIDDLE = table<string>([
  ['Văn', 30], ['Minh', 8], ['Quốc', 6], ['Hữu', 6], ['Đức', 6], ['Thanh', 5], ['Công', 4],
  ['Xuân', 3], ['Ngọc', 3], ['Hoàng', 4], ['Anh', 3], ['Tuấn', 3], ['Thành', 3], ['Trọng', 3],
  ['Tấn', 3], ['Duy', 2], ['Phước', 2], ['Kim', 1],
]);
const ADULT_MALE_GIVEN = flat([
  'Hùng', 'Dũng', 'Tuấn', 'Minh', 'Hải', 'Long', 'Nam', 'Phong', 'Sơn', 'Thắng', 'Quang', 'Hòa',
  'Bình', 'Cường', 'Trung', 'Tâm', 'Thành', 'Lâm', 'Khoa', 'Hiếu', 'Toàn', 'Vinh', 'Phúc', 'Tài',
  'Hưng', 'Đức', 'Lộc', 'Hiển', 'Nghĩa', 'Thịnh', 'Tú', 'Kiên', 'Huy', 'Phương', 'Khải', 'Thuận',
]);
const ADULT_FEMALE_MIDDLE = table<string>([
  ['Thị', 35], ['Ngọc', 6], ['Thanh', 5], ['Thu', 5], ['Hồng', 4], ['Kim', 4], ['Minh', 3],
  ['Bích', 3], ['Phương', 3], ['Mỹ', 3], ['Thúy', 3], ['Hoàng', 2], ['Diệu', 2], ['Tuyết', 2],
  ['Xuân', 2], ['Lệ', 2], ['Hải', 1],
]);
const ADULT_FEMALE_GIVEN = flat([
  'Hương', 'Lan', 'Hoa', 'Mai', 'Hạnh', 'Thảo', 'Trang', 'Nga', 'Hằng', 'Phương', 'Loan', 'Dung',
  'Hà', 'Huyền', 'Tuyết', 'Vân', 'Yến', 'Nhung', 'Oanh', 'Thủy', 'Liên', 'Linh', 'Ngọc', 'Hiền',
  'Thu', 'Tâm', 'Uyên', 'Trinh', 'Quyên', 'Diễm', 'Châu', 'Vy', 'Giang', 'Thanh',
]);

/** Mobile prefixes in use (Viettel, MobiFone, VinaPhone, Vietnamobile, Gmobile), without the 0. */
const MOBILE_PREFIXES = [
  '32', '33', '34', '35', '36', '37', '38', '39', '86', '96', '97', '98', // Viettel
  '70', '76', '77', '78', '79', '89', '90', '93', // MobiFone
  '81', '82', '83', '84', '85', '88', '91', '94', // VinaPhone
  '52', '56', '58', '92', // Vietnamobile
  '59', '99', // Gmobile
] as const;

/** Province codes of citizen numbers for staff born elsewhere and working in the city. */
const STAFF_BIRTH_PROVINCES = table<string>([
  ['079', 60], ['080', 5], ['075', 5], ['052', 4], ['049', 4], ['051', 3], ['054', 3], ['082', 3],
  ['083', 3], ['066', 3], ['038', 2], ['040', 2], ['001', 1], ['086', 2],
]);

type AgeGroup = 'child' | 'adult';

function makeName(rng: Rng, gender: Gender, age: AgeGroup, family?: string): string {
  for (let attempt = 0; attempt < 1000; attempt++) {
    const fam = family ?? rng.weighted(FAMILY_NAMES);
    const middles =
      age === 'child'
        ? gender === 'male' ? CHILD_MALE_MIDDLE : CHILD_FEMALE_MIDDLE
        : gender === 'male' ? ADULT_MALE_MIDDLE : ADULT_FEMALE_MIDDLE;
    const givens =
      age === 'child'
        ? gender === 'male' ? CHILD_MALE_GIVEN : CHILD_FEMALE_GIVEN
        : gender === 'male' ? ADULT_MALE_GIVEN : ADULT_FEMALE_GIVEN;
    const parts = [fam];
    // A current fashion: the mother's family name between the father's and the middle name.
    if (age === 'child' && rng.chance(0.1)) parts.push(rng.weighted(FAMILY_NAMES));
    parts.push(rng.weighted(middles), rng.weighted(givens));
    if (new Set(parts).size === parts.length) return parts.join(' ');
  }
  throw new Error('could not build a name');
}

function familyName(fullName: string): string {
  return fullName.split(' ')[0] ?? '';
}

function givenName(fullName: string): string {
  return fullName.split(' ').at(-1) ?? '';
}

// ---------------------------------------------------------------------------------------------
// Dates
// ---------------------------------------------------------------------------------------------

const DAY_MS = 86_400_000;

function utc(year: number, month: number, day: number): Date {
  return new Date(Date.UTC(year, month - 1, day));
}

function addDays(d: Date, days: number): Date {
  return new Date(d.getTime() + days * DAY_MS);
}

function iso(d: Date): string {
  return d.toISOString().slice(0, 10);
}

function randomDateIn(rng: Rng, year: number): string {
  const start = utc(year, 1, 1);
  const days = Math.round((utc(year + 1, 1, 1).getTime() - start.getTime()) / DAY_MS);
  return iso(addDays(start, rng.int(0, days - 1)));
}

const TET_BREAK_WEEKS = 2;

function buildSchoolYear(start: number): DemoSchoolYear {
  const opening = utc(start, 9, 5);
  const firstMonday = addDays(opening, (8 - opening.getUTCDay()) % 7);
  const firstEnd = addDays(firstMonday, 18 * 7 - 1);
  const secondStart = addDays(firstEnd, 1);
  const secondEnd = addDays(secondStart, (17 + TET_BREAK_WEEKS) * 7 - 1);
  return {
    name: `${start}-${start + 1}`,
    startsOn: iso(opening),
    endsOn: iso(secondEnd),
    semesters: [
      { number: 1, name: 'Học kì I', startsOn: iso(opening), endsOn: iso(firstEnd), weeks: 18 },
      { number: 2, name: 'Học kì II', startsOn: iso(secondStart), endsOn: iso(secondEnd), weeks: 17 },
    ],
  };
}

// ---------------------------------------------------------------------------------------------
// Programme: subject groups, subjects, teacher specialisations
// ---------------------------------------------------------------------------------------------

const G_MATH = 'Tổ Toán – Tin học';
const G_LIT = 'Tổ Ngữ văn – Giáo dục công dân';
const G_SOC = 'Tổ Lịch sử và Địa lí';
const G_LANG = 'Tổ Ngoại ngữ';
const G_SCI = 'Tổ Khoa học tự nhiên – Công nghệ';
const G_ARTS = 'Tổ Nghệ thuật – Giáo dục thể chất';
const GROUP_ORDER = [G_MATH, G_LIT, G_SOC, G_LANG, G_SCI, G_ARTS] as const;

interface SubjectDef {
  code: string;
  name: string;
  group: string | null;
  assessment: 'score' | 'comment';
  /** periods per year for grades 6, 7, 8, 9 */
  periods: readonly [number, number, number, number];
}

const SUBJECT_DEFS: readonly SubjectDef[] = [
  { code: 'NV', name: 'Ngữ văn', group: G_LIT, assessment: 'score', periods: [140, 140, 140, 140] },
  { code: 'TOAN', name: 'Toán', group: G_MATH, assessment: 'score', periods: [140, 140, 140, 140] },
  { code: 'NN1', name: 'Ngoại ngữ 1 (Tiếng Anh)', group: G_LANG, assessment: 'score', periods: [105, 105, 105, 105] },
  { code: 'GDCD', name: 'Giáo dục công dân', group: G_LIT, assessment: 'score', periods: [35, 35, 35, 35] },
  { code: 'LSDL', name: 'Lịch sử và Địa lí', group: G_SOC, assessment: 'score', periods: [105, 105, 105, 105] },
  { code: 'KHTN', name: 'Khoa học tự nhiên', group: G_SCI, assessment: 'score', periods: [140, 140, 140, 140] },
  { code: 'CN', name: 'Công nghệ', group: G_SCI, assessment: 'score', periods: [35, 35, 52, 52] },
  { code: 'TIN', name: 'Tin học', group: G_MATH, assessment: 'score', periods: [35, 35, 35, 35] },
  { code: 'GDTC', name: 'Giáo dục thể chất', group: G_ARTS, assessment: 'comment', periods: [70, 70, 70, 70] },
  { code: 'AN', name: 'Nghệ thuật (Âm nhạc)', group: G_ARTS, assessment: 'comment', periods: [35, 35, 35, 35] },
  { code: 'MT', name: 'Nghệ thuật (Mĩ thuật)', group: G_ARTS, assessment: 'comment', periods: [35, 35, 35, 35] },
  { code: 'HDTN', name: 'Hoạt động trải nghiệm, hướng nghiệp', group: null, assessment: 'comment', periods: [105, 105, 105, 105] },
  { code: 'GDDP', name: 'Nội dung giáo dục của địa phương', group: G_SOC, assessment: 'comment', periods: [35, 35, 35, 35] },
];

const HOMEROOM_SUBJECT = 'HDTN';

/** What a teacher trained in one field can teach; `counts` sizes the headcount. */
interface Specialisation {
  group: string;
  teaches: readonly string[];
  counts: readonly string[];
}

const SPECIALISATIONS: readonly Specialisation[] = [
  { group: G_MATH, teaches: ['TOAN'], counts: ['TOAN'] },
  { group: G_MATH, teaches: ['TIN'], counts: ['TIN'] },
  { group: G_LIT, teaches: ['NV'], counts: ['NV'] },
  { group: G_LIT, teaches: ['GDCD'], counts: ['GDCD'] },
  { group: G_SOC, teaches: ['LSDL', 'GDDP'], counts: ['LSDL', 'GDDP'] },
  { group: G_LANG, teaches: ['NN1'], counts: ['NN1'] },
  { group: G_SCI, teaches: ['KHTN'], counts: ['KHTN'] },
  { group: G_SCI, teaches: ['CN', 'KHTN'], counts: ['CN'] },
  { group: G_ARTS, teaches: ['GDTC'], counts: ['GDTC'] },
  { group: G_ARTS, teaches: ['AN'], counts: ['AN'] },
  { group: G_ARTS, teaches: ['MT'], counts: ['MT'] },
];

/** Teaching periods a year a specialisation aims at per teacher (16 a week, before homeroom). */
const TARGET_PERIODS_PER_TEACHER = 560;
const HOMEROOM_PERIODS = 105;

// ---------------------------------------------------------------------------------------------
// The school
// ---------------------------------------------------------------------------------------------

const SCHOOL: DemoSchoolInfo = {
  name: 'Trường THCS Nguyễn Du',
  moetCode: '79000701',
  level: 'lower_secondary',
  province: 'Thành phố Hồ Chí Minh',
  districtOffice: 'Phòng Văn hóa – Xã hội, Ủy ban nhân dân phường Tân Định',
  address: '45 Trần Quang Khải, phường Tân Định, Thành phố Hồ Chí Minh',
  phone: '02838204512',
};

const EMAIL_DOMAIN = 'thcsnguyendu.example';

interface TeacherDraft {
  index: number;
  spec: Specialisation;
  fullName: string;
  gender: Gender;
  birthDate: string;
  load: number;
  grades: Set<number>;
  subjects: Set<string>;
  homeroom: string | null;
  personalId: string;
}

interface AssignmentDraft {
  className: string;
  grade: number;
  subjectCode: string;
  teacher: TeacherDraft;
  periods: number;
}

function checkOption(name: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`buildDemoSchool: ${name} must be an integer from ${min} to ${max}, got ${value}`);
  }
}

export function buildDemoSchool(opts: DemoSchoolOptions = {}): DemoSchool {
  const options: Required<DemoSchoolOptions> = {
    seed: opts.seed ?? 2026,
    classesPerGrade: opts.classesPerGrade ?? 3,
    studentsPerClass: opts.studentsPerClass ?? 40,
    schoolYearStart: opts.schoolYearStart ?? 2026,
  };
  checkOption('seed', options.seed, 0, 0xffffffff);
  checkOption('classesPerGrade', options.classesPerGrade, 1, 15);
  checkOption('studentsPerClass', options.studentsPerClass, 3, 43);
  checkOption('schoolYearStart', options.schoolYearStart, 2000, 2090);

  const rng = new Rng(options.seed);
  const grades = GRADES_BY_LEVEL.lower_secondary;
  const start = options.schoolYearStart;

  const usedPhones = new Set<string>();
  const phone = (): string => {
    for (;;) {
      const p = `0${rng.pick(MOBILE_PREFIXES)}${rng.digits(7)}`;
      if (!usedPhones.has(p)) {
        usedPhones.add(p);
        return p;
      }
    }
  };
  const usedCitizenIds = new Set<string>();
  const citizenId = (province: string, birthDate: string, gender: Gender): string => {
    const year = Number(birthDate.slice(0, 4));
    const centuryDigit = (Math.floor(year / 100) + 1 - 20) * 2 + (gender === 'female' ? 1 : 0);
    for (;;) {
      const id = `${province}${centuryDigit}${String(year % 100).padStart(2, '0')}${rng.digits(6)}`;
      if (!usedCitizenIds.has(id)) {
        usedCitizenIds.add(id);
        return id;
      }
    }
  };
  const usedEmails = new Set<string>();
  const email = (fullName: string): string => {
    const words = foldVietnamese(fullName).split(' ');
    const local = (words.at(-1) ?? '') + words.slice(0, -1).map((w) => w[0] ?? '').join('');
    for (let n = 1; ; n++) {
      const address = `${local}${n > 1 ? n : ''}@${EMAIL_DOMAIN}`;
      if (!usedEmails.has(address)) {
        usedEmails.add(address);
        return address;
      }
    }
  };
  const staffNames = new Set<string>();
  const staffName = (gender: Gender): string => {
    for (;;) {
      const name = makeName(rng, gender, 'adult');
      if (!staffNames.has(name)) {
        staffNames.add(name);
        return name;
      }
    }
  };

  // --- subjects and classes ------------------------------------------------------------------
  const subjects: DemoSubject[] = SUBJECT_DEFS.map((def) => ({
    code: def.code,
    name: def.name,
    groupName: def.group,
    assessment: def.assessment,
    periods: Object.fromEntries(grades.map((g, i) => [g, def.periods[i] ?? 0])),
  }));
  const periodsOf = (code: string, grade: number): number =>
    subjects.find((s) => s.code === code)?.periods[grade] ?? 0;

  const classNames: { name: string; grade: number }[] = [];
  for (const grade of grades) {
    for (let k = 1; k <= options.classesPerGrade; k++) classNames.push({ name: `${grade}A${k}`, grade });
  }
  const classCount = classNames.length;

  // --- teachers: headcount per specialisation from the load --------------------------------
  const teachers: TeacherDraft[] = [];
  for (const spec of SPECIALISATIONS) {
    const total = spec.counts.reduce(
      (sum, code) => sum + grades.reduce((s, g) => s + periodsOf(code, g) * options.classesPerGrade, 0),
      0,
    );
    const headcount = Math.max(
      1,
      Math.round(total / TARGET_PERIODS_PER_TEACHER),
      // Greedy balancing leaves a teacher at most one class's periods (≤ 140) above the mean.
      Math.ceil(total / (TEACHER_MAX_PER_YEAR - 140)),
    );
    for (let i = 0; i < headcount; i++) {
      const gender: Gender = rng.chance(spec.group === G_ARTS && spec.teaches[0] === 'GDTC' ? 0.5 : 0.28) ? 'male' : 'female';
      teachers.push({
        index: teachers.length,
        spec,
        gender,
        fullName: staffName(gender),
        birthDate: randomDateIn(rng, start - rng.int(25, 56)),
        load: 0,
        grades: new Set(),
        subjects: new Set(),
        homeroom: null,
        personalId: '',
      });
    }
  }

  // --- teaching assignments: balance the load, subjects with the fewest teachers first -------
  const assignments: AssignmentDraft[] = [];
  const qualified = (code: string): TeacherDraft[] => teachers.filter((t) => t.spec.teaches.includes(code));
  const subjectOrder = SUBJECT_DEFS.filter((d) => d.group !== null)
    .map((d, order) => ({ d, order, n: qualified(d.code).length }))
    .sort((a, b) => a.n - b.n || a.order - b.order);
  for (const { d } of subjectOrder) {
    const candidates = qualified(d.code);
    for (const cls of classNames) {
      const periods = periodsOf(d.code, cls.grade);
      if (periods === 0) continue;
      let best: TeacherDraft | undefined;
      for (const t of candidates) {
        if (
          !best ||
          t.load < best.load ||
          (t.load === best.load && t.grades.has(cls.grade) && !best.grades.has(cls.grade))
        ) {
          best = t;
        }
      }
      if (!best) throw new Error(`no teacher for ${d.code}`);
      best.load += periods;
      best.grades.add(cls.grade);
      best.subjects.add(d.code);
      assignments.push({ className: cls.name, grade: cls.grade, subjectCode: d.code, teacher: best, periods });
    }
  }

  // --- homeroom teachers: a bipartite matching, preferring the teacher most in the class -----
  const inClass = (t: TeacherDraft, className: string): number =>
    assignments.filter((a) => a.teacher === t && a.className === className).reduce((s, a) => s + a.periods, 0);
  // A random tie-break, so homerooms do not follow the subject order grade by grade.
  const tieBreak = new Map(teachers.map((t) => [t, rng.next()]));
  const rank = (t: TeacherDraft): number => tieBreak.get(t) ?? 0;
  const candidatesFor = classNames.map((cls) =>
    teachers
      .map((t) => ({ t, p: inClass(t, cls.name) }))
      .filter(({ t, p }) => p > 0 && t.load + HOMEROOM_PERIODS <= TEACHER_MAX_PER_YEAR)
      .sort((a, b) => b.p - a.p || a.t.load - b.t.load || rank(a.t) - rank(b.t))
      .map(({ t }) => t),
  );
  const classOfTeacher = new Map<TeacherDraft, number>();
  const tryMatch = (c: number, seen: Set<TeacherDraft>): boolean => {
    for (const t of candidatesFor[c] ?? []) {
      if (seen.has(t)) continue;
      seen.add(t);
      const other = classOfTeacher.get(t);
      if (other === undefined || tryMatch(other, seen)) {
        classOfTeacher.set(t, c);
        return true;
      }
    }
    return false;
  };
  const homeroomOf: (TeacherDraft | undefined)[] = new Array(classCount).fill(undefined);
  for (let c = 0; c < classCount; c++) tryMatch(c, new Set());
  for (const [t, c] of classOfTeacher) homeroomOf[c] = t;
  for (let c = 0; c < classCount; c++) {
    if (homeroomOf[c]) continue;
    // No teacher of the class is free: take the least-loaded free teacher of the school.
    const free = teachers
      .filter((t) => !classOfTeacher.has(t) && t.load + HOMEROOM_PERIODS <= TEACHER_MAX_PER_YEAR)
      .sort((a, b) => a.load - b.load || a.index - b.index)[0];
    if (!free) throw new Error('not enough teachers for a homeroom teacher per class');
    classOfTeacher.set(free, c);
    homeroomOf[c] = free;
  }
  classNames.forEach((cls, c) => {
    const t = homeroomOf[c];
    if (!t) throw new Error('unreachable');
    t.homeroom = cls.name;
    t.load += HOMEROOM_PERIODS;
    t.subjects.add(HOMEROOM_SUBJECT);
    t.grades.add(cls.grade);
    assignments.push({ className: cls.name, grade: cls.grade, subjectCode: HOMEROOM_SUBJECT, teacher: t, periods: HOMEROOM_PERIODS });
  });

  // --- teacher identifiers: the homeroom teacher of the first class is the demo teacher ------
  const usedIds = new Set<string>([DEMO_PRINCIPAL_ID, DEMO_IT_ID, DEMO_VICE_PRINCIPAL_ID, DEMO_TEACHER_ID]);
  const demoTeacher = homeroomOf[0];
  if (!demoTeacher) throw new Error('unreachable');
  for (const t of teachers) {
    if (t === demoTeacher) {
      t.personalId = DEMO_TEACHER_ID;
      continue;
    }
    for (;;) {
      const id = `GV79${rng.int(1, 9)}${rng.digits(7)}`;
      if (!usedIds.has(id)) {
        usedIds.add(id);
        t.personalId = id;
        break;
      }
    }
  }

  // --- subject groups: the most senior member leads ----------------------------------------
  const subjectGroups: DemoSubjectGroup[] = GROUP_ORDER.map((name) => {
    const members = teachers.filter((t) => t.spec.group === name);
    const leader = [...members].sort((a, b) => a.birthDate.localeCompare(b.birthDate) || a.index - b.index)[0];
    if (!leader) throw new Error(`empty group ${name}`);
    return {
      name,
      leaderPersonalId: leader.personalId,
      memberPersonalIds: sortByName(members).map((t) => t.personalId),
      subjectCodes: SUBJECT_DEFS.filter((d) => d.group === name).map((d) => d.code),
    };
  });
  const leaders = new Set(subjectGroups.map((g) => g.leaderPersonalId));

  // --- staff ---------------------------------------------------------------------------------
  const staff: DemoStaff[] = [];
  const addStaff = (
    personalId: string,
    position: string,
    roles: Role[],
    ageRange: [number, number],
    maleShare: number,
  ): void => {
    const gender: Gender = rng.chance(maleShare) ? 'male' : 'female';
    const fullName = staffName(gender);
    const birthDate = randomDateIn(rng, start - rng.int(ageRange[0], ageRange[1]));
    staff.push({
      personalId,
      citizenId: citizenId(rng.weighted(STAFF_BIRTH_PROVINCES), birthDate, gender),
      fullName,
      gender,
      birthDate,
      phone: phone(),
      email: email(fullName),
      position,
      roles,
      groupName: null,
      subjects: [],
      periodsPerYear: 0,
      homeroomClass: null,
    });
  };
  addStaff(DEMO_PRINCIPAL_ID, 'Hiệu trưởng', ['principal'], [46, 55], 0.5);
  addStaff(DEMO_VICE_PRINCIPAL_ID, 'Phó hiệu trưởng', ['vice_principal'], [40, 50], 0.4);
  if (classCount >= 28) addStaff('CB79000004', 'Phó hiệu trưởng', ['vice_principal'], [38, 50], 0.4);
  addStaff(DEMO_IT_ID, 'Nhân viên công nghệ thông tin', ['it_staff'], [26, 34], 0.75);

  const subjectIndex = (code: string): number => SUBJECT_DEFS.findIndex((d) => d.code === code);
  const teachersOrdered = GROUP_ORDER.flatMap((g) => sortByName(teachers.filter((t) => t.spec.group === g)));
  for (const t of teachersOrdered) {
    const isLeader = leaders.has(t.personalId);
    staff.push({
      personalId: t.personalId,
      citizenId: citizenId(rng.weighted(STAFF_BIRTH_PROVINCES), t.birthDate, t.gender),
      fullName: t.fullName,
      gender: t.gender,
      birthDate: t.birthDate,
      phone: phone(),
      email: email(t.fullName),
      position: isLeader ? 'Tổ trưởng chuyên môn' : 'Giáo viên',
      roles: isLeader ? ['teacher', 'group_leader'] : ['teacher'],
      groupName: t.spec.group,
      subjects: [...t.subjects].sort((a, b) => subjectIndex(a) - subjectIndex(b)),
      periodsPerYear: t.load,
      homeroomClass: t.homeroom,
    });
  }

  // --- students ------------------------------------------------------------------------------
  const sizes = classNames.map(() => rng.int(options.studentsPerClass - 2, options.studentsPerClass + 2));
  const oversized = classCount > 1 ? rng.int(1, classCount - 1) : 0;
  sizes[oversized] = CLASS_SIZE_LIMIT.lower_secondary + 1;

  interface StudentDraft extends Omit<DemoStudent, 'personalId' | 'citizenId'> {
    hasCitizenId: boolean;
  }
  const drafts: StudentDraft[][] = classNames.map((cls, c) => {
    const names = new Set<string>();
    const list: StudentDraft[] = [];
    const size = sizes[c] ?? options.studentsPerClass;
    while (list.length < size) {
      const gender: Gender = rng.chance(0.51) ? 'male' : 'female';
      const fullName = makeName(rng, gender, 'child');
      if (names.has(fullName)) continue;
      names.add(fullName);
      list.push({
        fullName,
        gender,
        birthDate: randomDateIn(rng, start - cls.grade - 5),
        className: cls.name,
        grade: cls.grade,
        hasCitizenId: rng.chance(0.7),
      });
    }
    return sortByName(list);
  });

  // The demo parent has two children: make sure some student in grade 8 or 9 shares the demo
  // student's family name (given a rare one, an older student takes it).
  const demoDraft = drafts[0]?.[0];
  if (demoDraft) {
    const family = familyName(demoDraft.fullName);
    const fits = (d: StudentDraft): boolean =>
      d.grade >= 8 && familyName(d.fullName) === family && givenName(d.fullName) !== givenName(demoDraft.fullName);
    if (!drafts.some((list) => list.some(fits))) {
      const older = rng.shuffle(classNames.map((cls, c) => ({ cls, c })).filter(({ cls }) => cls.grade >= 8));
      done: for (const { c } of older) {
        const list = drafts[c] ?? [];
        for (const d of rng.shuffle(list)) {
          const renamed = [family, ...d.fullName.split(' ').slice(1)];
          const name = renamed.join(' ');
          if (givenName(name) === givenName(demoDraft.fullName)) continue;
          if (new Set(renamed).size !== renamed.length || list.some((o) => o.fullName === name)) continue;
          d.fullName = name;
          drafts[c] = sortByName(list);
          break done;
        }
      }
    }
  }

  const usedStudentIds = new Set<string>([DEMO_STUDENT_ID]);
  const classes: DemoClass[] = classNames.map((cls, c) => {
    const homeroom = homeroomOf[c];
    if (!homeroom) throw new Error('unreachable');
    const students = (drafts[c] ?? []).map((d, i): DemoStudent => {
      let personalId: string;
      if (c === 0 && i === 0) {
        personalId = DEMO_STUDENT_ID;
      } else {
        const entryYear = start - (cls.grade - 6);
        do personalId = `${SCHOOL.moetCode}${entryYear}${rng.digits(8)}`;
        while (usedStudentIds.has(personalId));
        usedStudentIds.add(personalId);
      }
      return {
        personalId,
        citizenId: d.hasCitizenId ? citizenId('079', d.birthDate, d.gender) : null,
        fullName: d.fullName,
        gender: d.gender,
        birthDate: d.birthDate,
        className: d.className,
        grade: d.grade,
      };
    });
    return { name: cls.name, grade: cls.grade, homeroomTeacherPersonalId: homeroom.personalId, students };
  });
  const students = classes.flatMap((c) => c.students);
  const demoStudent = students[0];
  if (!demoStudent) throw new Error('unreachable');

  // --- siblings: about 5% of students, pairs in different grades sharing a family name -------
  const siblingOf = new Map<DemoStudent, DemoStudent>();
  const pairsWanted = Math.round((students.length * 0.05) / 2);
  const pairUp = (younger: DemoStudent): boolean => {
    const older = students.filter(
      (s) =>
        s.grade > younger.grade &&
        !siblingOf.has(s) &&
        familyName(s.fullName) === familyName(younger.fullName) &&
        givenName(s.fullName) !== givenName(younger.fullName),
    );
    if (older.length === 0) return false;
    // The demo parent's older child is in grade 8 or 9 when possible, to show two grades apart.
    const preferred = older.filter((s) => s.grade >= younger.grade + 2);
    const o = rng.pick(preferred.length > 0 ? preferred : older);
    siblingOf.set(younger, o);
    siblingOf.set(o, younger);
    return true;
  };
  pairUp(demoStudent);
  for (const s of rng.shuffle(students)) {
    if (siblingOf.size >= pairsWanted * 2) break;
    if (s.grade === grades.at(-1) || siblingOf.has(s)) continue;
    pairUp(s);
  }

  // --- parents -------------------------------------------------------------------------------
  const parents: DemoParent[] = [];
  const parentOf = new Map<DemoStudent, DemoParent>();
  for (const s of students) {
    const sibling = siblingOf.get(s);
    const shared = sibling ? parentOf.get(sibling) : undefined;
    if (shared) {
      shared.childrenPersonalIds.push(s.personalId);
      parentOf.set(s, shared);
      continue;
    }
    const relation = rng.weighted(table<DemoParent['relation']>([['mother', 55], ['father', 40], ['guardian', 5]]));
    const gender: Gender = relation === 'mother' ? 'female' : relation === 'father' ? 'male' : rng.chance(0.5) ? 'male' : 'female';
    // Children take the father's family name; a guardian is often a paternal grandparent.
    const family = gender === 'male' ? familyName(s.fullName) : undefined;
    const parent: DemoParent = {
      login: parents.length === 0 ? DEMO_PARENT_LOGIN : `PH79${String(parents.length + 1).padStart(6, '0')}`,
      fullName: makeName(rng, gender, 'adult', family),
      gender,
      phone: phone(),
      relation,
      childrenPersonalIds: [s.personalId],
    };
    parents.push(parent);
    parentOf.set(s, parent);
  }

  // --- output --------------------------------------------------------------------------------
  const teachingAssignments: DemoTeachingAssignment[] = assignments
    .map((a) => ({
      className: a.className,
      grade: a.grade,
      subjectCode: a.subjectCode,
      teacherPersonalId: a.teacher.personalId,
      periodsPerYear: a.periods,
    }))
    .sort(
      (a, b) =>
        classNames.findIndex((c) => c.name === a.className) - classNames.findIndex((c) => c.name === b.className) ||
        subjectIndex(a.subjectCode) - subjectIndex(b.subjectCode),
    );

  const byId = (id: string): DemoStaff => {
    const s = staff.find((p) => p.personalId === id);
    if (!s) throw new Error(`missing ${id}`);
    return s;
  };
  const demoParent = parents[0];
  if (!demoParent) throw new Error('unreachable');
  const teacherSubjectIn6A1 = teachingAssignments.find(
    (a) => a.className === demoStudent.className && a.teacherPersonalId === DEMO_TEACHER_ID && a.subjectCode !== HOMEROOM_SUBJECT,
  );
  const subjectName = subjects.find((s) => s.code === teacherSubjectIn6A1?.subjectCode)?.name ?? '';
  const otherChild = demoParent.childrenPersonalIds
    .map((id) => students.find((s) => s.personalId === id))
    .find((s) => s && s !== demoStudent);

  const demoCredentials: DemoCredentials = {
    password: DEMO_PASSWORD,
    accounts: [
      { role: 'principal', login: DEMO_PRINCIPAL_ID, fullName: byId(DEMO_PRINCIPAL_ID).fullName, description: 'Hiệu trưởng' },
      {
        role: 'vice_principal',
        login: DEMO_VICE_PRINCIPAL_ID,
        fullName: byId(DEMO_VICE_PRINCIPAL_ID).fullName,
        description: 'Phó hiệu trưởng',
      },
      { role: 'it_staff', login: DEMO_IT_ID, fullName: byId(DEMO_IT_ID).fullName, description: 'Nhân viên công nghệ thông tin' },
      {
        role: 'teacher',
        login: DEMO_TEACHER_ID,
        fullName: byId(DEMO_TEACHER_ID).fullName,
        description: `Giáo viên chủ nhiệm lớp ${demoStudent.className}, dạy ${subjectName}`,
      },
      {
        role: 'student',
        login: DEMO_STUDENT_ID,
        fullName: demoStudent.fullName,
        description: `Học sinh lớp ${demoStudent.className}`,
      },
      {
        role: 'parent',
        login: DEMO_PARENT_LOGIN,
        fullName: demoParent.fullName,
        description: otherChild
          ? `Phụ huynh của ${demoStudent.fullName} (${demoStudent.className}) và ${otherChild.fullName} (${otherChild.className})`
          : `Phụ huynh của ${demoStudent.fullName} (${demoStudent.className})`,
      },
    ],
  };

  return {
    options,
    school: { ...SCHOOL },
    schoolYear: buildSchoolYear(start),
    subjectGroups,
    subjects,
    staff,
    classes,
    students,
    parents,
    teachingAssignments,
    demoCredentials,
  };
}

/** Class-list order (given name, family name, middle names), with the full name as tie-break. */
function sortByName<T extends { fullName: string }>(items: readonly T[]): T[] {
  return items
    .map((item) => ({ item, key: nameSortKey(item.fullName) }))
    .sort((a, b) => cmp(a.key, b.key) || cmp(a.item.fullName, b.item.fullName))
    .map(({ item }) => item);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
