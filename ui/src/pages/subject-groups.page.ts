import { css, html, nothing } from 'lit';
import { SchoolListPage } from '../components/school-list-page.js';
import '../components/group-form.js';
import { api } from '../api/endpoints.js';
import type { PersonListItem, SubjectGroup, SubjectGroupBody } from '../api/types.js';
import { baseStyles } from '../styles/shared-styles.js';

/** Subject groups (tổ chuyên môn, Art. 7.3 reviewers) with their leader and members. */
export class SubjectGroupsPage extends SchoolListPage<SubjectGroup, SubjectGroupBody> {
  static override properties = { ...SchoolListPage.properties, staff: { state: true } };
  declare staff: PersonListItem[];
  protected readonly titleKey = 'groups.title';
  protected readonly addKey = 'groups.add';
  protected readonly noneKey = 'groups.none';

  constructor() {
    super();
    this.staff = [];
  }

  protected async fetchItems() {
    const [groups, staff] = await Promise.all([api.groups(), api.people({ kind: 'staff', limit: 500 })]);
    this.staff = staff.items;
    return groups;
  }
  protected createItem(body: SubjectGroupBody) {
    return api.createGroup(body);
  }
  protected updateItem(g: SubjectGroup, body: SubjectGroupBody) {
    return api.updateGroup(g.id, body);
  }

  protected form(group: SubjectGroup | null) {
    return html`<ph-group-form .group=${group} .staff=${this.staff} ?busy=${this.busy}
      @ph-save-group=${(e: CustomEvent<SubjectGroupBody>) => this.save(e.detail)} @ph-cancel=${() => (this.editing = null)}></ph-group-form>`;
  }

  protected list(groups: SubjectGroup[], editable: boolean) {
    const name = new Map(this.staff.map((p) => [p.id, p.fullName]));
    return html`
      <div class="groups">
        ${groups.map((g) => html`
          <article class="card">
            <h2>${g.name}</h2>
            <p><span class="muted">${this.t('groups.leader')}:</span> <strong>${g.leaderName ?? this.t('groups.noLeader')}</strong></p>
            <p class="muted">${this.t('groups.memberCount', { count: g.memberIds.length })}</p>
            <ul>${g.memberIds.map((id) => html`<li>${name.get(id) ?? `#${id}`}</li>`)}</ul>
            ${editable ? this.editButton(g, g.name) : nothing}
          </article>`)}
      </div>`;
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
