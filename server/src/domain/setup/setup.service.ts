import { DomainError } from '../shared/errors.js';
import type { PasswordHasher } from '../accounts/account.types.js';
import { assertStrongPassword } from '../accounts/password-policy.js';
import { createPerson } from '../people/people.service.js';
import type { Transactor } from '../repos.js';
import type { SchoolInput, SchoolYearInput } from '../school/school.repository.js';
import { checkYear } from '../school/school.service.js';
import type { Gender } from '../people/person.types.js';

export interface FirstRunInput {
  school: SchoolInput;
  schoolYear?: SchoolYearInput;
  principal: { personalId: string; fullName: string; gender: Gender | null; birthDate: string | null; phone: string | null; email: string | null; password: string };
}

/**
 * The first run (kiosk page or CLI): creates the school and the principal's account, once.
 * Everything is one transaction: a refused input leaves the box un-set-up, as before.
 */
export class SetupService {
  constructor(private readonly tx: Transactor, private readonly hasher: PasswordHasher) {}

  async status(): Promise<{ setUp: boolean; schoolName: string | null }> {
    const s = await this.tx.read((r) => r.school.getSchool());
    return { setUp: !!s, schoolName: s?.name ?? null };
  }

  async firstRun(input: FirstRunInput, ip: string | null): Promise<{ schoolId: number; principalId: number }> {
    assertStrongPassword(input.principal.password, input.principal.personalId);
    if (input.schoolYear) checkYear(input.schoolYear);
    const hash = await this.hasher.hash(input.principal.password);
    return this.tx.run(async (r) => {
      if (await r.school.getSchool()) throw new DomainError('SCHOOL_ALREADY_SET_UP');
      const schoolId = await r.school.createSchool(input.school);
      if (input.schoolYear) await r.school.createYear(schoolId, input.schoolYear);
      const actor = { accountId: null, login: 'first-run', ip };
      const p = input.principal;
      const { id } = await createPerson(r, actor, {
        kind: 'staff', personalId: p.personalId, citizenId: null, fullName: p.fullName, birthDate: p.birthDate, gender: p.gender,
        phone: p.phone, email: p.email, position: 'Hiệu trưởng', roles: ['principal', 'teacher'],
      });
      const account = await r.accounts.findByPersonId(id);
      // The principal chose this password just now: no forced change at the first login.
      await r.accounts.setPassword(account!.id, hash, false, new Date().toISOString());
      await r.audit.record(actor, 'school.first_run', 'school', schoolId, { name: input.school.name });
      return { schoolId, principalId: id };
    });
  }
}
