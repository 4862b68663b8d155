import type { Gender, Person, PersonKind, Role } from './person.types.js';

export interface PersonInput {
  kind: PersonKind;
  personalId: string | null;
  citizenId: string | null;
  fullName: string;
  birthDate: string | null;
  gender: Gender | null;
  phone: string | null;
  email: string | null;
  position: string | null;
}

export interface PersonListItem extends Person {
  className: string | null;
  classId: number | null;
  roles: Role[];
  login: string | null;
  disabled: boolean;
}

export interface PeopleFilter {
  kind?: PersonKind;
  role?: Role;
  /** Diacritic-insensitive search over name and identifier. */
  search?: string;
  classId?: number;
  yearId?: number;
  limit: number;
  offset: number;
}

export interface PeopleRepository {
  list(filter: PeopleFilter): Promise<{ items: PersonListItem[]; total: number }>;
  get(id: number, yearId?: number): Promise<PersonListItem | undefined>;
  findByPersonalId(personalId: string): Promise<{ id: number; kind: PersonKind } | undefined>;
  /** Every personal and citizen identifier held, for validating an import in one read. */
  identifierIndex(): Promise<{ personalIds: Map<string, 'student' | 'staff'>; citizenIds: Map<string, string> }>;
  create(input: PersonInput, at: string): Promise<number>;
  update(id: number, input: PersonInput, at: string): Promise<void>;
  enrol(studentId: number, classId: number, yearId: number): Promise<void>;
  linkParent(parentId: number, studentId: number, relation: 'father' | 'mother' | 'guardian'): Promise<void>;
  findParentByPhone(phone: string): Promise<number | undefined>;
  parentsOf(studentId: number): Promise<{ id: number; fullName: string; phone: string | null; relation: string }[]>;
  childrenOf(parentId: number): Promise<{ id: number; fullName: string; personalId: string | null }[]>;
  rolesOf(personId: number): Promise<Role[]>;
  addToGroup(personId: number, groupId: number): Promise<void>;
  nextParentLogin(): Promise<string>;
}
