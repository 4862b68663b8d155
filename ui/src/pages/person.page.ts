import { css, html, nothing } from 'lit';
import { PhElement } from '../components/ph-element.js';
import '../components/password-dialog.js';
import '../components/staff-roles.js';
import { api } from '../api/endpoints.js';
import type { PasswordReset, PersonDetail } from '../api/types.js';
import { session } from '../state/session.js';
import { notifyError, notifySuccess } from '../state/notify.js';
import { formatDate } from '../i18n/format.js';
import { genderName, kindName, roleName } from '../i18n/labels.js';
import type { MessageKey } from '../i18n/index.js';
import { classPath, PATHS, personPath } from '../router.js';
import { baseStyles } from '../styles/shared-styles.js';

/** One person's record and account: temporary password, lock/unlock, staff roles. */
export class PersonPage extends PhElement {
  static override properties = { params: { attribute: false }, person: { state: true }, reset: { state: true }, busy: { state: true } };
  declare params: { id?: string };
  declare person: PersonDetail | null;
  declare reset: PasswordReset | null;
  declare busy: boolean;

  constructor() {
    super();
    this.params = {};
    this.person = null;
    this.reset = null;
    this.busy = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load() {
    try {
      this.person = await api.person(Number(this.params.id));
    } catch (e) {
      notifyError(e);
    }
  }

  private async resetPassword(p: PersonDetail) {
    if (!confirm(this.t('reset.confirm', { name: p.fullName }))) return;
    this.busy = true;
    try {
      this.reset = await api.resetPassword(p.id);
    } catch (e) {
      notifyError(e);
    } finally {
      this.busy = false;
    }
  }

  private async toggleDisabled(p: PersonDetail) {
    if (!p.disabled && !confirm(this.t('person.confirmDisable', { name: p.fullName }))) return;
    this.busy = true;
    try {
      await api.setDisabled(p.id, !p.disabled);
      notifySuccess(p.disabled ? 'person.enabledNow' : 'person.disabledNow');
      await this.load();
    } catch (e) {
      notifyError(e);
    } finally {
      this.busy = false;
    }
  }

  override render() {
    const p = this.person;
    if (!p) return html`<p class="muted" role="status">${this.t('state.loading')}</p>`;
    const fact = (label: MessageKey, value: unknown) => (value ? html`<div><dt>${this.t(label)}</dt><dd>${value}</dd></div>` : nothing);
    const self = session.me?.personId === p.id;
    return html`
      <p class="crumbs"><a href=${PATHS.people}>${this.t('people.title')}</a> › ${p.fullName}</p>
      <div class="page-head">
        <h1>${p.fullName}</h1>
        ${p.disabled ? html`<span class="badge danger">${this.t('person.disabled')}</span>` : html`<span class="badge ok">${this.t('person.enabled')}</span>`}
      </div>
      <dl class="card facts">
        ${fact('people.kind', kindName(p.kind))}
        ${fact('person.login', p.login)}
        ${fact('person.personalId', p.personalId)}
        ${fact('person.citizenId', p.citizenId)}
        ${fact('person.birthDate', formatDate(p.birthDate))}
        ${fact('person.gender', genderName(p.gender))}
        ${fact('person.class', p.className && p.classId ? html`<a href=${classPath(p.classId)}>${p.className}</a>` : p.className)}
        ${fact('person.position', p.position)}
        ${fact('person.phone', p.phone)}
        ${fact('person.email', p.email)}
        ${fact('person.roles', p.roles.map(roleName).join(', '))}
      </dl>
      ${p.parents.length ? html`<h2>${this.t('person.parents')}</h2><ul class="links">${p.parents.map((x) => html`
        <li><a href=${personPath(x.id)}>${x.fullName}</a> <span class="muted">· ${this.t(`relation.${x.relation === 'father' || x.relation === 'mother' ? x.relation : 'guardian'}`)}${x.phone ? ` · ${x.phone}` : ''}</span></li>`)}</ul>` : nothing}
      ${p.children.length ? html`<h2>${this.t('person.children')}</h2><ul class="links">${p.children.map((x) => html`
        <li><a href=${personPath(x.id)}>${x.fullName}</a> <span class="muted">${x.personalId ?? ''}</span></li>`)}</ul>` : nothing}
      <h2>${this.t('person.account')}</h2>
      <div class="card account">
        ${p.login ? html`
          <div class="actions">
            <button class="btn" ?disabled=${this.busy} @click=${() => this.resetPassword(p)}>${this.t('reset.button')}</button>
            ${self ? nothing : html`<button class="btn ${p.disabled ? '' : 'danger'}" ?disabled=${this.busy} @click=${() => this.toggleDisabled(p)}>
              ${p.disabled ? this.t('person.enable') : this.t('person.disable')}</button>`}
          </div>
          <p class="hint muted">${this.t('reset.hint')}</p>
          ${p.kind === 'staff' ? html`<ph-staff-roles .personId=${p.id} .roles=${p.roles}></ph-staff-roles>` : nothing}`
        : html`<p class="muted">${this.t('person.noAccount')}</p>`}
      </div>
      <ph-password-dialog .reset=${this.reset} .fullName=${p.fullName} @ph-close=${() => (this.reset = null)}></ph-password-dialog>`;
  }

  static override styles = [baseStyles, css`
    .crumbs { margin: 0 0 0.5rem; color: var(--ph-color-muted); }
    .page-head { align-items: center; }
    .facts { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(100%, 15rem), 1fr)); gap: 1rem 1.5rem; margin: 0; }
    dt { color: var(--ph-color-muted); font-size: 0.9375rem; }
    dd { margin: 0; font-weight: 600; overflow-wrap: anywhere; }
    .links { padding-left: 1.25rem; }
    .links li { padding: 0.25rem 0; }
    .account { display: flex; flex-direction: column; gap: 1rem; }
    .hint { margin: 0; font-size: 0.9375rem; }
  `];
}

customElements.define('ph-person-page', PersonPage);
declare global {
  interface HTMLElementTagNameMap { 'ph-person-page': PersonPage }
}
