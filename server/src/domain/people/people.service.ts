import { DomainError } from '../shared/errors.js';
import type { Actor, Principal } from '../accounts/account.types.js';
import { can } from '../accounts/policy.js';
import type { Repos, Transactor } from '../repos.js';
import { foldVietnamese, normalizeName } from '../shared/vietnamese.js';
import { assertCitizenId, assertPersonalId } from './identifiers.js';
import type { PeopleFilter, PersonInput, PersonListItem } from './people.repository.js';
import type { Role } from './person.types.js';

/** Accounts created without a password cannot sign in until one is issued (a reset). */
export const NO_PASSWORD = '!';

export interface NewPerson extends PersonInput {
  /** Students: the class to enrol in this school year. */
  classId?: number | null;
  /** Staff: roles to grant (teacher by default). */
  roles?: Role[];
}

/** People and their accounts (Art. 15.1.i): everyone is keyed by the sector's personal identifier. */
export class PeopleService {
  constructor(private readonly tx: Transactor) {}

  list(viewer: Principal, filter: PeopleFilter) {
    return this.tx.read(async (r) => {
      const year = filter.yearId ? { id: filter.yearId } : await r.school.currentYear();
      const page = await r.people.list({ ...filter, ...(year ? { yearId: year.id } : {}) });
      return { ...page, items: page.items.map((p) => redact(viewer, p)) };
    });
  }

  get(viewer: Principal, id: number) {
    return this.tx.read(async (r) => {
      const year = await r.school.currentYear();
      const p = await r.people.get(id, year?.id);
      if (!p) throw new DomainError('NOT_FOUND', { personId: id });
      const parents = p.kind === 'student' ? await r.people.parentsOf(id) : [];
      const children = p.kind === 'parent' ? await r.people.childrenOf(id) : [];
      return { ...redact(viewer, p), parents, children };
    });
  }

  create(actor: Actor, input: NewPerson) {
    return this.tx.run((r) => createPerson(r, actor, input));
  }

  update(actor: Actor, id: number, input: PersonInput) {
    return this.tx.run(async (r) => {
      const current = await r.people.get(id);
      if (!current) throw new DomainError('NOT_FOUND', { personId: id });
      // The sector identifier is immutable (Circular 42/2021 Art. 10).
      if (current.personalId !== null && input.personalId !== current.personalId) {
        throw new DomainError('CONFLICT', { reason: 'personal_id_is_immutable' });
      }
      const clean = cleanInput({ ...input, kind: current.kind });
      await r.people.update(id, clean, new Date().toISOString());
      await r.audit.record(actor, 'person.updated', 'person', id, { fields: changedFields(current, clean) });
    });
  }

  linkParent(actor: Actor, parentId: number, studentId: number, relation: 'father' | 'mother' | 'guardian') {
    return this.tx.run(async (r) => {
      const parent = await r.people.get(parentId);
      const student = await r.people.get(studentId);
      if (!parent || parent.kind !== 'parent') throw new DomainError('NOT_FOUND', { parentId });
      if (!student || student.kind !== 'student') throw new DomainError('NOT_FOUND', { studentId });
      await r.people.linkParent(parentId, studentId, relation);
      await r.audit.record(actor, 'parent.linked', 'person', studentId, { parentId, relation });
    });
  }
}

/** Creates a person with an account, inside the caller's transaction. */
export async function createPerson(r: Repos, actor: Actor, input: NewPerson): Promise<{ id: number; login: string }> {
  const clean = cleanInput(input);
  if (clean.personalId && (await r.people.findByPersonalId(clean.personalId))) {
    throw new DomainError('DUPLICATE_PERSONAL_ID', { personalId: clean.personalId });
  }
  const at = new Date().toISOString();
  const id = await r.people.create(clean, at);
  const roles: Role[] = input.kind === 'student' ? ['student'] : input.kind === 'parent' ? ['parent'] : input.roles?.length ? input.roles : ['teacher'];
  const login = clean.personalId ?? (await r.people.nextParentLogin());
  await r.accounts.create({ personId: id, login, passwordHash: NO_PASSWORD, mustChangePassword: true, roles, at });
  if (input.kind === 'student' && input.classId) {
    const c = await r.school.getClass(input.classId);
    if (!c) throw new DomainError('NOT_FOUND', { classId: input.classId });
    await r.people.enrol(id, c.id, c.schoolYearId);
  }
  await r.audit.record(actor, 'person.created', 'person', id, { kind: input.kind, personalId: clean.personalId, roles });
  return { id, login };
}

function cleanInput(input: PersonInput): PersonInput {
  const fullName = normalizeName(input.fullName);
  if (fullName.split(' ').length < 2) throw new DomainError('VALIDATION_FAILED', { field: 'fullName' });
  if (input.kind !== 'parent' && !input.personalId) throw new DomainError('INVALID_PERSONAL_ID', { reason: 'required' });
  const personalId = input.personalId ? assertPersonalId(input.personalId) : null;
  const citizenId = input.citizenId ? assertCitizenId(input.citizenId, input.birthDate, input.gender) : null;
  return { ...input, fullName, personalId, citizenId };
}

function changedFields(before: PersonListItem, after: PersonInput): string[] {
  const keys: (keyof PersonInput)[] = ['fullName', 'citizenId', 'birthDate', 'gender', 'phone', 'email', 'position'];
  // The citizen number itself never goes into the audit log: only that it changed.
  return keys.filter((k) => (before as unknown as Record<string, unknown>)[k] !== after[k]);
}

/** The citizen number is shown only to those who manage records (Art. 10.2, least data). */
export function redact<T extends { citizenId?: string | null | undefined }>(viewer: Principal, p: T): T {
  if (can(viewer.roles, 'people.read_citizen_id')) return p;
  const { citizenId: _hidden, ...rest } = p;
  return rest as T;
}

export function searchKey(fullName: string, personalId: string | null): string {
  return foldVietnamese(`${fullName} ${personalId ?? ''}`);
}
