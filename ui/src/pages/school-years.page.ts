import { css, html, nothing } from 'lit';
import { PhElement } from '../components/ph-element.js';
import '../components/school-tabs.js';
import '../components/year-form.js';
import { api } from '../api/endpoints.js';
import type { SchoolYear, SchoolYearBody } from '../api/types.js';
import { session, LEADER_ROLES } from '../state/session.js';
import { notifyError, notifySuccess } from '../state/notify.js';
import { formatDate, semesterLabel } from '../i18n/format.js';
import { baseStyles, tableStyles } from '../styles/shared-styles.js';

/** School years and their semesters (GET/POST/PUT /api/school-years). */
export class SchoolYearsPage extends PhElement {
  static override properties = { years: { state: true }, editing: { state: true }, busy: { state: true } };
  declare years: SchoolYear[] | null;
  /** null: no form; 'new': adding; a year: editing it. */
  declare editing: SchoolYear | 'new' | null;
  declare busy: boolean;

  constructor() {
    super();
    this.years = null;
    this.editing = null;
    this.busy = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load() {
    try {
      this.years = await api.years();
    } catch (e) {
      notifyError(e);
    }
  }

  private async save(body: SchoolYearBody) {
    this.busy = true;
    try {
      if (this.editing === 'new') await api.createYear(body);
      else if (this.editing) await api.updateYear(this.editing.id, body);
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
    return html`
      <ph-school-tabs></ph-school-tabs>
      <div class="page-head">
        <h1>${this.t('years.title')}</h1>
        ${editable && !this.editing ? html`<button class="btn primary" @click=${() => (this.editing = 'new')}>${this.t('years.add')}</button>` : nothing}
      </div>
      ${this.editing ? html`<ph-year-form .year=${this.editing === 'new' ? null : this.editing} ?busy=${this.busy}
        @ph-save-year=${(e: CustomEvent<SchoolYearBody>) => this.save(e.detail)} @ph-cancel=${() => (this.editing = null)}></ph-year-form>` : nothing}
      ${!this.years ? html`<p class="muted" role="status">${this.t('state.loading')}</p>`
        : this.years.length === 0 ? html`<p class="notice">${this.t('years.none')}</p>`
        : this.years.map((y) => html`
          <article class="card year">
            <div class="page-head">
              <h2>${this.t('home.schoolYear', { year: y.name })} ${y.isCurrent ? html`<span class="badge ok">${this.t('years.current')}</span>` : nothing}</h2>
              ${editable && !this.editing ? html`<button class="btn" @click=${() => (this.editing = y)}>${this.t('action.edit')}<span class="visually-hidden"> ${y.name}</span></button>` : nothing}
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
          </article>`)}`;
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
