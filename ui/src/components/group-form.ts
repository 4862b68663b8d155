import { css, html } from 'lit';
import { PhElement } from './ph-element.js';
import type { PersonListItem, SubjectGroup, SubjectGroupBody } from '../api/types.js';
import { baseStyles, formStyles } from '../styles/shared-styles.js';

declare global {
  interface HTMLElementEventMap {
    'ph-save-group': CustomEvent<SubjectGroupBody>;
  }
}

/** Add or edit a subject group (tổ chuyên môn): its name, leader and members. */
export class GroupForm extends PhElement {
  static override properties = { group: { attribute: false }, staff: { attribute: false }, busy: { type: Boolean } };
  declare group: SubjectGroup | null;
  declare staff: PersonListItem[];
  declare busy: boolean;

  constructor() {
    super();
    this.group = null;
    this.staff = [];
    this.busy = false;
  }

  private submit(e: SubmitEvent) {
    e.preventDefault();
    const d = new FormData(e.target as HTMLFormElement);
    const leader = Number(d.get('leaderId'));
    const members = d.getAll('memberIds').map(Number);
    // The leader belongs to the group.
    if (leader && !members.includes(leader)) members.push(leader);
    this.dispatchEvent(new CustomEvent('ph-save-group', { detail: { name: String(d.get('name') ?? '').trim(), leaderId: leader || null, memberIds: members } }));
  }

  override render() {
    const g = this.group;
    const members = new Set(g?.memberIds ?? []);
    return html`
      <form class="card" @submit=${this.submit}>
        <h2>${g ? this.t('groups.edit', { name: g.name }) : this.t('groups.add')}</h2>
        <div class="form-grid">
          <div class="field"><label for="name">${this.t('groups.name')}</label><input id="name" name="name" required minlength="2" maxlength="150" placeholder="Tổ Toán – Tin" .value=${g?.name ?? ''} /></div>
          <div class="field">
            <label for="leaderId">${this.t('groups.leader')}</label>
            <select id="leaderId" name="leaderId">
              <option value="">${this.t('groups.noLeader')}</option>
              ${this.staff.map((p) => html`<option value=${p.id} ?selected=${g?.leaderId === p.id}>${p.fullName}</option>`)}
            </select>
          </div>
        </div>
        <fieldset>
          <legend>${this.t('groups.members')}</legend>
          <div class="members">
            ${this.staff.map((p) => html`<label class="check"><input type="checkbox" name="memberIds" value=${p.id} ?checked=${members.has(p.id)} /> ${p.fullName}</label>`)}
          </div>
        </fieldset>
        <div class="form-actions">
          <button class="btn primary" type="submit" ?disabled=${this.busy}>${this.t('action.save')}</button>
          <button class="btn" type="button" @click=${() => this.dispatchEvent(new Event('ph-cancel'))}>${this.t('action.cancel')}</button>
        </div>
      </form>`;
  }

  static override styles = [baseStyles, formStyles, css`
    h2 { margin-top: 0; }
    fieldset { margin-top: 1rem; }
    .members { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(100%, 16rem), 1fr)); gap: 0 1rem; max-height: 22rem; overflow-y: auto; }
  `];
}

customElements.define('ph-group-form', GroupForm);
declare global {
  interface HTMLElementTagNameMap { 'ph-group-form': GroupForm }
}
