import { css, html, nothing } from 'lit';
import { SchoolListPage } from '../components/school-list-page.js';
import '../components/year-form.js';
import { api } from '../api/endpoints.js';
import type { SchoolYear, SchoolYearBody } from '../api/types.js';
import { formatDate, semesterLabel } from '../i18n/format.js';
import { baseStyles, tableStyles } from '../styles/shared-styles.js';

/** School years and their semesters (GET/POST/PUT /api/school-years). */
export class SchoolYearsPage extends SchoolListPage<SchoolYear, SchoolYearBody> {
  protected readonly titleKey = 'years.title';
  protected readonly addKey = 'years.add';
  protected readonly noneKey = 'years.none';

  protected fetchItems() {
    return api.years();
  }
  protected createItem(body: SchoolYearBody) {
    return api.createYear(body);
  }
  protected updateItem(y: SchoolYear, body: SchoolYearBody) {
    return api.updateYear(y.id, body);
  }

  protected form(year: SchoolYear | null) {
    return html`<ph-year-form .year=${year} ?busy=${this.busy}
      @ph-save-year=${(e: CustomEvent<SchoolYearBody>) => this.save(e.detail)} @ph-cancel=${() => (this.editing = null)}></ph-year-form>`;
  }

  protected list(years: SchoolYear[], editable: boolean) {
    return years.map((y) => html`
      <article class="card year">
        <div class="page-head">
          <h2>${this.t('home.schoolYear', { year: y.name })} ${y.isCurrent ? html`<span class="badge ok">${this.t('years.current')}</span>` : nothing}</h2>
          ${editable ? this.editButton(y, y.name) : nothing}
        </div>
        <p>${formatDate(y.startsOn)} – ${formatDate(y.endsOn)}</p>
        <div class="table-wrap">
          <table>
            <thead><tr><th>${this.t('years.semesterCol')}</th><th>${this.t('years.startsOn')}</th><th>${this.t('years.endsOn')}</th><th class="num">${this.t('years.weeks')}</th></tr></thead>
            <tbody>
              ${[...y.semesters].sort((a, b) => a.number - b.number).map((s) => html`
                <tr><td>${this.t('years.semester', { n: semesterLabel(s.number) })}</td><td>${formatDate(s.startsOn)}</td><td>${formatDate(s.endsOn)}</td><td class="num">${s.weeks}</td></tr>`)}
            </tbody>
          </table>
        </div>
      </article>`);
  }

  static override styles = [baseStyles, tableStyles, css`
    .year { margin-bottom: 1rem; }
    .year h2 { margin: 0; display: flex; align-items: center; gap: 0.75rem; flex-wrap: wrap; }
    ph-year-form { display: block; margin-bottom: 1.5rem; }
  `];
}

customElements.define('ph-school-years-page', SchoolYearsPage);
declare global {
  interface HTMLElementTagNameMap { 'ph-school-years-page': SchoolYearsPage }
}
