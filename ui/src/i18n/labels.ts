/** Names of the API's enumerations in the current language. */
import { t } from './index.js';
import type { Gender, PersonKind, Role, SchoolLevel } from '../api/types.js';

const ROLE_ORDER: readonly Role[] = ['principal', 'vice_principal', 'it_staff', 'group_leader', 'teacher', 'student', 'parent'];

export function roleName(role: Role): string {
  return t(`role.${role}`);
}

/** The one title shown beside a name: the most senior role held. */
export function mainRoleName(roles: readonly Role[]): string {
  const main = ROLE_ORDER.find((r) => roles.includes(r));
  return main ? roleName(main) : '';
}

export function levelName(level: SchoolLevel | string): string {
  return level === 'primary' || level === 'lower_secondary' || level === 'upper_secondary' ? t(`level.${level}`) : level;
}

export function genderName(g: Gender | null): string {
  return g ? t(`gender.${g}`) : '';
}

export function kindName(k: PersonKind): string {
  return t(`kind.${k}`);
}

/** Grades of the 2018 programme at each school level (mirrors GRADES_BY_LEVEL on the server). */
export const GRADES_BY_LEVEL: Record<SchoolLevel, readonly number[]> = {
  primary: [1, 2, 3, 4, 5],
  lower_secondary: [6, 7, 8, 9],
  upper_secondary: [10, 11, 12],
};
