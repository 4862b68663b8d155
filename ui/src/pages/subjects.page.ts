import { css, html, nothing } from 'lit';
import { PhElement } from '../components/ph-element.js';
import '../components/school-tabs.js';
import '../components/subject-form.js';
import { api } from '../api/endpoints.js';
import type { SchoolLevel, Subject, SubjectBody, SubjectGroup } from '../api/types.js';
import { session, LEADER_ROLES } from '../state/session.js';
import { notifyError, notifySuccess } from '../state/notify.js';
import { GRADES_BY_LEVEL } from '../i18n/labels.js';
import { baseStyles, tableStyles } from '../styles/shared-styles.js';

/** Subjects of the programme with their periods per year for each grade. */
export class SubjectsPage extends PhElement {
  static override properties = { subjects: { state: true }, groups: { state: true }, level: { state: true }, editing: { state: true }, busy: { state: true } };
  declare subjects: Subject[] | null;
  declare groups: SubjectGroup[];
  declare level: SchoolLevel;
  declare editing: Subject | 'new' | null;
  declare busy: boolean;

  constructor() {
    super();
    this.subjects = null;
    this.groups = [];
    this.level = 'lower_secondary';
    this.editing = null;
    this.busy = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load() {
    try {
      const [subjects, groups, school] = await Promise.all([api.subjects(), api.groups(), api.school()]);
      this.subjects = subjects;
      this.groups = groups;
      this.level = school.level;
    } catch (e) {
      notifyError(e);
    }
  }

  private async save(body: SubjectBody) {
    this.busy = true;
    try {
      if (this.editing === 'new') await api.createSubject(body);
      else if (this.editing) await api.updateSubject(this.editing.id, body);
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
    const grades = GRADES_BY_LEVEL[this.level];
    const groupName = new Map(this.groups.map((g) => [g.id, g.name]));
    return html`
      <ph-school-tabs></ph-school-tabs>
      <div class="page-head">
        <h1>${this.t('subjects.title')}</h1>
        ${editable && !this.editing ? html`<button class="btn primary" @click=${() => (this.editing = 'new')}>${this.t('subjects.add')}</button>` : nothing}
      </div>
      ${this.editing ? html`<ph-subject-form .subject=${this.editing === 'new' ? null : this.editing} .groups=${this.groups} .grades=${grades} ?busy=${this.busy}
        @ph-save-subject=${(e: CustomEvent<SubjectBody>) => this.save(e.detail)} @ph-cancel=${() => (this.editing = null)}></ph-subject-form>` : nothing}
      ${!this.subjects ? html`<p class="muted" role="status">${this.t('state.loading')}</p>` : html`
        <div class="table-wrap">
          <table>
            <caption>${this.t('subjects.caption')}</caption>
            <thead><tr>
              <th>${this.t('subjects.code')}</th><th>${this.t('subjects.name')}</th><th>${this.t('subjects.group')}</th><th>${this.t('subjects.assessment')}</th>
              ${grades.map((g) => html`<th class="num">${this.t('subjects.grade', { grade: g })}</th>`)}
              ${editable ? html`<th><span class="visually-hidden">${this.t('action.edit')}</span></th>` : nothing}
            </tr></thead>
            <tbody>
              ${this.subjects.map((s) => html`<tr>
                <td>${s.code}</td><td><strong>${s.name}</strong></td>
                <td>${s.subjectGroupId ? groupName.get(s.subjectGroupId) ?? '' : html`<span class="muted">${this.t('subjects.noGroup')}</span>`}</td>
                <td>${s.assessment === 'comment' ? this.t('subjects.comment') : this.t('subjects.score')}</td>
                ${grades.map((g) => html`<td class="num">${s.periods[String(g)] ?? '–'}</td>`)}
                ${editable ? html`<td><button class="btn small" @click=${() => (this.editing = s)}>${this.t('action.edit')}<span class="visually-hidden"> ${s.name}</span></button></td>` : nothing}
              </tr>`)}
            </tbody>
          </table>
        </div>`}`;
  }

  static override styles = [baseStyles, tableStyles, css`
    ph-subject-form { display: block; margin-bottom: 1.5rem; }
    .btn.small { min-height: 2.5rem; padding: 0.25rem 0.875rem; }
    td { vertical-align: middle; }
  `];
}

customElements.define('ph-subjects-page', SubjectsPage);
declare global {
  interface HTMLElementTagNameMap { 'ph-subjects-page': SubjectsPage }
}
