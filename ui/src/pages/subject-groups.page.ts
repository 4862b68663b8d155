import { css, html, nothing } from 'lit';
import { PhElement } from '../components/ph-element.js';
import '../components/school-tabs.js';
import '../components/group-form.js';
import { api } from '../api/endpoints.js';
import type { PersonListItem, SubjectGroup, SubjectGroupBody } from '../api/types.js';
import { session, LEADER_ROLES } from '../state/session.js';
import { notifyError, notifySuccess } from '../state/notify.js';
import { baseStyles } from '../styles/shared-styles.js';

/** Subject groups (tổ chuyên môn, Art. 7.3 reviewers) with their leader and members. */
export class SubjectGroupsPage extends PhElement {
  static override properties = { groups: { state: true }, staff: { state: true }, editing: { state: true }, busy: { state: true } };
  declare groups: SubjectGroup[] | null;
  declare staff: PersonListItem[];
  declare editing: SubjectGroup | 'new' | null;
  declare busy: boolean;

  constructor() {
    super();
    this.groups = null;
    this.staff = [];
    this.editing = null;
    this.busy = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load() {
    try {
      const [groups, staff] = await Promise.all([api.groups(), api.people({ kind: 'staff', limit: 500 })]);
      this.groups = groups;
      this.staff = staff.items;
    } catch (e) {
      notifyError(e);
    }
  }

  private async save(body: SubjectGroupBody) {
    this.busy = true;
    try {
      if (this.editing === 'new') await api.createGroup(body);
      else if (this.editing) await api.updateGroup(this.editing.id, body);
      this.editing = null;
      notifySuccess('state.saved');
      await this.load();
    } catch (e) {
      notifyError(e);
    } finally {
      this.busy = false;
    }
  }

  override render() {
    const editable = session.hasAny(LEADER_ROLES);
    const name = new Map(this.staff.map((p) => [p.id, p.fullName]));
    return html`
      <ph-school-tabs></ph-school-tabs>
      <div class="page-head">
        <h1>${this.t('groups.title')}</h1>
        ${editable && !this.editing ? html`<button class="btn primary" @click=${() => (this.editing = 'new')}>${this.t('groups.add')}</button>` : nothing}
      </div>
      ${this.editing ? html`<ph-group-form .group=${this.editing === 'new' ? null : this.editing} .staff=${this.staff} ?busy=${this.busy}
        @ph-save-group=${(e: CustomEvent<SubjectGroupBody>) => this.save(e.detail)} @ph-cancel=${() => (this.editing = null)}></ph-group-form>` : nothing}
      ${!this.groups ? html`<p class="muted" role="status">${this.t('state.loading')}</p>`
        : this.groups.length === 0 ? html`<p class="notice">${this.t('groups.none')}</p>` : html`
        <div class="groups">
          ${this.groups.map((g) => html`
            <article class="card">
              <h2>${g.name}</h2>
              <p><span class="muted">${this.t('groups.leader')}:</span> <strong>${g.leaderName ?? this.t('groups.noLeader')}</strong></p>
              <p class="muted">${this.t('groups.memberCount', { count: g.memberIds.length })}</p>
              <ul>${g.memberIds.map((id) => html`<li>${name.get(id) ?? `#${id}`}</li>`)}</ul>
              ${editable && !this.editing ? html`<button class="btn" @click=${() => (this.editing = g)}>${this.t('action.edit')}<span class="visually-hidden"> ${g.name}</span></button>` : nothing}
            </article>`)}
        </div>`}`;
  }

  static override styles = [baseStyles, css`
    .groups { display: grid; gap: 1rem; grid-template-columns: repeat(auto-fill, minmax(min(100%, 22rem), 1fr)); }
    .groups h2 { margin-top: 0; }
    .groups p { margin: 0 0 0.25rem; }
    ul { margin: 0.5rem 0 1rem; padding-left: 1.25rem; columns: 2 12rem; }
    ph-group-form { display: block; margin-bottom: 1.5rem; }
  `];
}

customElements.define('ph-subject-groups-page', SubjectGroupsPage);
declare global {
  interface HTMLElementTagNameMap { 'ph-subject-groups-page': SubjectGroupsPage }
}
