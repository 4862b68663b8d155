import type { PersonKind, Role } from '../people/person.types.js';

export interface AccountRecord {
  id: number;
  personId: number;
  personKind: PersonKind;
  login: string;
  fullName: string;
  passwordHash: string;
  mustChangePassword: boolean;
  failedLogins: number;
  lockedUntil: string | null;
  disabled: boolean;
  language: 'vi' | 'en';
  roles: Role[];
}

export interface SessionRecord {
  id: string;
  accountId: number;
  csrfToken: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
}

/** Who is making a request, as the HTTP layer and the services see it. */
export interface Principal {
  accountId: number;
  personId: number;
  personKind: PersonKind;
  login: string;
  fullName: string;
  roles: Role[];
  mustChangePassword: boolean;
  language: 'vi' | 'en';
  sessionId: string;
  csrfToken: string;
}

/** What an audit entry needs to know about the actor. */
export interface Actor {
  accountId: number | null;
  login: string | null;
  ip: string | null;
}

export interface AccountRepository {
  findByLogin(login: string): Promise<AccountRecord | undefined>;
  findById(id: number): Promise<AccountRecord | undefined>;
  findByPersonId(personId: number): Promise<AccountRecord | undefined>;
  recordFailedLogin(id: number, failedLogins: number, lockedUntil: string | null): Promise<void>;
  recordLogin(id: number, at: string): Promise<void>;
  setPassword(id: number, hash: string, mustChange: boolean, at: string): Promise<void>;
  setDisabled(id: number, disabled: boolean): Promise<void>;
  setRoles(id: number, roles: Role[]): Promise<void>;
  setLanguage(id: number, language: 'vi' | 'en'): Promise<void>;
  create(input: { personId: number; login: string; passwordHash: string; mustChangePassword: boolean; roles: Role[]; at: string }): Promise<number>;
}

export interface SessionRepository {
  create(s: SessionRecord & { ip: string | null; userAgent: string | null }): Promise<void>;
  find(id: string): Promise<SessionRecord | undefined>;
  touch(id: string, at: string): Promise<void>;
  delete(id: string): Promise<void>;
  deleteForAccount(accountId: number, exceptId?: string): Promise<void>;
  deleteExpired(now: string, idleCutoff: string): Promise<number>;
}

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(hash: string, password: string): Promise<boolean>;
}
