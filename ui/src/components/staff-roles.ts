import { css, html } from 'lit';
import { PhElement } from './ph-element.js';
import { api } from '../api/endpoints.js';
import type { Role } from '../api/types.js';
import { session } from '../state/session.js';
import { notifyError, notifySuccess } from '../state/notify.js';
import { roleName } from '../i18n/labels.js';
import { baseStyles, formStyles } from '../styles/shared-styles.js';

/** Roles the principal or IT grant; tổ trưởng comes from the subject groups, not from here. */
const GRANTABLE: readonly Role[] = ['principal', 'vice_principal', 'teacher', 'it_staff'];

/** The staff roles of one account (PUT /api/people/:id/roles). */
export class StaffRoles extends PhElement {
  static override properties = { personId: { type: Number }, roles: { attribute: false }, busy: { state: true } };
  declare personId: number;
  declare roles: Role[];
  declare busy: boolean;

  constructor() {
    super();
    this.personId = 0;
    this.roles = [];
    this.busy = false;
  }

  private async save(e: SubmitEvent) {
    e.preventDefault();
    const chosen = new FormData(e.target as HTMLFormElement).getAll('role').map(String) as Role[];
    // Disabled boxes are not submitted: keep the roles this user may not change as they are.
    for (const r of this.roles) if (this.locked(r) && !chosen.includes(r)) chosen.push(r);
    this.busy = true;
    try {
      const { roles } = await api.setRoles(this.personId, chosen);
      this.roles = roles;
      notifySuccess('state.saved');
    } catch (err) {
      notifyError(err);
    } finally {
      this.busy = false;
    }
  }

  /** Only a principal grants or removes the principal and vice-principal roles. */
  private locked(r: Role): boolean {
    return (r === 'principal' || r === 'vice_principal') && !session.hasAny(['principal']);
  }

  override render() {
    return html`
      <form @submit=${this.save}>
        <fieldset>
          <legend>${this.t('person.roles')}</legend>
          <div class="roles">
            ${GRANTABLE.map((r) => html`<label class="check"><input type="checkbox" name="role" value=${r} ?checked=${this.roles.includes(r)}
              ?disabled=${this.locked(r)} /> ${roleName(r)}</label>`)}
          </div>
          ${this.roles.includes('group_leader') ? html`<p class="hint">${this.t('person.groupLeaderNote')}</p>` : ''}
          <button class="btn" type="submit" ?disabled=${this.busy}>${this.t('person.saveRoles')}</button>
        </fieldset>
      </form>`;
  }

  static override styles = [baseStyles, formStyles, css`
    .roles { display: flex; flex-wrap: wrap; gap: 0 1.5rem; margin-bottom: 0.5rem; }
    fieldset { margin: 0; }
  `];
}

customElements.define('ph-staff-roles', StaffRoles);
declare global {
  interface HTMLElementTagNameMap { 'ph-staff-roles': StaffRoles }
}
