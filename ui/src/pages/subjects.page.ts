import { css, html, nothing } from 'lit';
import { SchoolListPage } from '../components/school-list-page.js';
import '../components/subject-form.js';
import { api } from '../api/endpoints.js';
import type { SchoolLevel, Subject, SubjectBody, SubjectGroup } from '../api/types.js';
import { GRADES_BY_LEVEL } from '../i18n/labels.js';
import { baseStyles, tableStyles } from '../styles/shared-styles.js';

/** Subjects of the programme with their periods per year for each grade. */
export class SubjectsPage extends SchoolListPage<Subject, SubjectBody> {
  static override properties = { ...SchoolListPage.properties, groups: { state: true }, level: { state: true } };
  declare groups: SubjectGroup[];
  declare level: SchoolLevel;
  protected readonly titleKey = 'subjects.title';
  protected readonly addKey = 'subjects.add';
  protected readonly noneKey = 'subjects.none';

  constructor() {
    super();
    this.groups = [];
    this.level = 'lower_secondary';
  }

  protected async fetchItems() {
    const [subjects, groups, school] = await Promise.all([api.subjects(), api.groups(), api.school()]);
    this.groups = groups;
    this.level = school.level;
    return subjects;
  }
  protected createItem(body: SubjectBody) {
    return api.createSubject(body);
  }
  protected updateItem(s: Subject, body: SubjectBody) {
    return api.updateSubject(s.id, body);
  }

  protected form(subject: Subject | null) {
    return html`<ph-subject-form .subject=${subject} .groups=${this.groups} .grades=${GRADES_BY_LEVEL[this.level]} ?busy=${this.busy}
      @ph-save-subject=${(e: CustomEvent<SubjectBody>) => this.save(e.detail)} @ph-cancel=${() => (this.editing = null)}></ph-subject-form>`;
  }

  protected list(subjects: Subject[], editable: boolean) {
    const grades = GRADES_BY_LEVEL[this.level];
    const groupName = new Map(this.groups.map((g) => [g.id, g.name]));
    return html`
      <div class="table-wrap">
        <table>
          <caption>${this.t('subjects.caption')}</caption>
          <thead><tr>
            <th>${this.t('subjects.code')}</th><th>${this.t('subjects.name')}</th><th>${this.t('subjects.group')}</th><th>${this.t('subjects.assessment')}</th>
            ${grades.map((g) => html`<th class="num">${this.t('subjects.grade', { grade: g })}</th>`)}
            ${editable ? html`<th><span class="visually-hidden">${this.t('action.edit')}</span></th>` : nothing}
          </tr></thead>
          <tbody>
            ${subjects.map((s) => html`<tr>
              <td>${s.code}</td><td><strong>${s.name}</strong></td>
              <td>${s.subjectGroupId ? groupName.get(s.subjectGroupId) ?? '' : html`<span class="muted">${this.t('subjects.noGroup')}</span>`}</td>
              <td>${s.assessment === 'comment' ? this.t('subjects.comment') : this.t('subjects.score')}</td>
              ${grades.map((g) => html`<td class="num">${s.periods[String(g)] ?? '–'}</td>`)}
              ${editable ? html`<td>${this.editButton(s, s.name, true)}</td>` : nothing}
            </tr>`)}
          </tbody>
        </table>
      </div>`;
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
