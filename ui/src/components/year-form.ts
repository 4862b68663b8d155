import { css, html } from 'lit';
import { PhElement } from './ph-element.js';
import type { SchoolYear, SchoolYearBody } from '../api/types.js';
import { formatDate, parseVnDate, semesterLabel, VN_DATE_PATTERN } from '../i18n/format.js';
import { baseStyles, formStyles } from '../styles/shared-styles.js';

declare global {
  interface HTMLElementEventMap {
    'ph-save-year': CustomEvent<SchoolYearBody>;
  }
}

/** Add or edit a school year with its two semesters (học kì I, II). */
export class YearForm extends PhElement {
  static override properties = { year: { attribute: false }, busy: { type: Boolean } };
  declare year: SchoolYear | null;
  declare busy: boolean;

  constructor() {
    super();
    this.year = null;
    this.busy = false;
  }

  private submit(e: SubmitEvent) {
    e.preventDefault();
    const d = new FormData(e.target as HTMLFormElement);
    const v = (k: string) => String(d.get(k) ?? '');
    // The fields read dd/mm/yyyy; the pattern attribute has already refused anything else.
    const iso = (k: string) => parseVnDate(v(k)) ?? '';
    const semester = (n: 1 | 2) => ({ number: n, startsOn: iso(`s${n}Start`), endsOn: iso(`s${n}End`), weeks: Number(v(`s${n}Weeks`)) });
    const body: SchoolYearBody = {
      name: v('name').trim(), startsOn: iso('startsOn'), endsOn: iso('endsOn'), isCurrent: d.get('isCurrent') === 'on',
      semesters: [semester(1), semester(2)],
    };
    this.dispatchEvent(new CustomEvent('ph-save-year', { detail: body }));
  }

  override render() {
    const y = this.year;
    const sem = (n: 1 | 2) => y?.semesters.find((s) => s.number === n);
    const semesterFields = (n: 1 | 2) => html`
      <fieldset>
        <legend>${this.t('years.semester', { n: semesterLabel(n) })}</legend>
        <div class="form-grid">
          <div class="field"><label for=${`s${n}Start`}>${this.t('years.startsOn')}</label><input id=${`s${n}Start`} name=${`s${n}Start`} required placeholder="dd/mm/yyyy" pattern=${VN_DATE_PATTERN} title="dd/mm/yyyy" .value=${formatDate(sem(n)?.startsOn)} /></div>
          <div class="field"><label for=${`s${n}End`}>${this.t('years.endsOn')}</label><input id=${`s${n}End`} name=${`s${n}End`} required placeholder="dd/mm/yyyy" pattern=${VN_DATE_PATTERN} title="dd/mm/yyyy" .value=${formatDate(sem(n)?.endsOn)} /></div>
          <div class="field"><label for=${`s${n}Weeks`}>${this.t('years.weeks')}</label><input type="number" id=${`s${n}Weeks`} name=${`s${n}Weeks`} min="1" max="30" required .value=${String(sem(n)?.weeks ?? (n === 1 ? 18 : 17))} /></div>
        </div>
      </fieldset>`;
    return html`
      <form class="card" @submit=${this.submit}>
        <h2>${y ? this.t('years.edit', { name: y.name }) : this.t('years.add')}</h2>
        <div class="form-grid">
          <div class="field">
            <label for="name">${this.t('years.name')}</label>
            <input id="name" name="name" required pattern="\\d{4}-\\d{4}" placeholder="2026-2027" .value=${y?.name ?? ''} aria-describedby="name-hint" />
            <span class="hint" id="name-hint">${this.t('years.nameHint')}</span>
          </div>
          <div class="field"><label for="startsOn">${this.t('years.startsOn')}</label><input id="startsOn" name="startsOn" required placeholder="dd/mm/yyyy" pattern=${VN_DATE_PATTERN} title="dd/mm/yyyy" .value=${formatDate(y?.startsOn)} /></div>
          <div class="field"><label for="endsOn">${this.t('years.endsOn')}</label><input id="endsOn" name="endsOn" required placeholder="dd/mm/yyyy" pattern=${VN_DATE_PATTERN} title="dd/mm/yyyy" .value=${formatDate(y?.endsOn)} /></div>
          <label class="check"><input type="checkbox" name="isCurrent" ?checked=${y?.isCurrent ?? false} /> ${this.t('years.isCurrent')}</label>
        </div>
        ${semesterFields(1)}${semesterFields(2)}
        <div class="form-actions">
          <button class="btn primary" type="submit" ?disabled=${this.busy}>${this.t('action.save')}</button>
          <button class="btn" type="button" @click=${() => this.dispatchEvent(new Event('ph-cancel'))}>${this.t('action.cancel')}</button>
        </div>
      </form>`;
  }

  static override styles = [baseStyles, formStyles, css`
    h2 { margin-top: 0; }
    fieldset { margin-top: 1rem; }
  `];
}

customElements.define('ph-year-form', YearForm);
declare global {
  interface HTMLElementTagNameMap { 'ph-year-form': YearForm }
}
