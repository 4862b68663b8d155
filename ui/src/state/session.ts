/**
 * Who is signed in, kept in memory only (the cookie is http-only; the CSRF token lives here and
 * dies with the tab). Components subscribe to changes.
 */
import { setCsrfToken } from '../api/client.js';
import type { Me, Role } from '../api/types.js';
import { language, setLanguage } from '../i18n/index.js';

export interface SessionState {
  me: Me | null;
  setUp: boolean;
  schoolName: string | null;
}

/** Roles that manage the school's people and rosters. */
export const MANAGER_ROLES: readonly Role[] = ['principal', 'vice_principal', 'it_staff'];
/** Roles that change the school's structure. */
export const LEADER_ROLES: readonly Role[] = ['principal', 'vice_principal'];
/** Roles that may read the school's structure. */
export const STAFF_ROLES: readonly Role[] = ['principal', 'vice_principal', 'group_leader', 'teacher', 'it_staff'];

class SessionStore extends EventTarget {
  state: SessionState = { me: null, setUp: true, schoolName: null };

  get me(): Me | null {
    return this.state.me;
  }

  hasAny(roles: readonly Role[]): boolean {
    return !!this.state.me?.roles.some((r) => roles.includes(r));
  }

  /** A sign-in (or the start-up check): the account's remembered language wins. */
  signedIn(me: Me): void {
    setCsrfToken(me.csrfToken);
    if (me.language !== language()) setLanguage(me.language);
    this.update({ me });
  }

  signedOut(): void {
    setCsrfToken(null);
    this.update({ me: null });
  }

  update(patch: Partial<SessionState>): void {
    this.state = { ...this.state, ...patch };
    this.dispatchEvent(new Event('change'));
  }
}

export const session = new SessionStore();
