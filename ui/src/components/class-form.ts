import { css, html } from 'lit';
import { PhElement } from './ph-element.js';
import type { ClassBody, PersonListItem, SchoolClass } from '../api/types.js';
import { baseStyles, formStyles } from '../styles/shared-styles.js';

declare global {
  interface HTMLElementEventMap {
    'ph-save-class': CustomEvent<ClassBody>;
  }
}

/** Add a class or change its name and homeroom teacher (giáo viên chủ nhiệm). */
export class ClassForm extends PhElement {
  static override properties = {
    schoolClass: { attribute: false }, teachers: { attribute: false }, grades: { attribute: false }, yearId: { type: Number }, busy: { type: Boolean },
  };
  declare schoolClass: SchoolClass | null;
  declare teachers: PersonListItem[];
  declare grades: readonly number[];
  declare yearId: number;
  declare busy: boolean;

  constructor() {
    super();
    this.schoolClass = null;
    this.teachers = [];
    this.grades = [];
    this.yearId = 0;
    this.busy = false;
  }

  private submit(e: SubmitEvent) {
    e.preventDefault();
    const d = new FormData(e.target as HTMLFormElement);
    const c = this.schoolClass;
    this.dispatchEvent(new CustomEvent('ph-save-class', {
      detail: {
        schoolYearId: c?.schoolYearId ?? this.yearId,
        grade: Number(d.get('grade') ?? c?.grade),
        name: String(d.get('name') ?? '').trim().toUpperCase(),
        homeroomTeacherId: Number(d.get('homeroom')) || null,
      },
    }));
  }

  override render() {
    const c = this.schoolClass;
    return html`
      <form class="card" @submit=${this.submit}>
        <h2>${c ? this.t('classes.edit', { name: c.name }) : this.t('classes.add')}</h2>
        <div class="form-grid">
          <div class="field">
            <label for="grade">${this.t('classes.grade')}</label>
            <select id="grade" name="grade" ?disabled=${!!c}>
              ${this.grades.map((g) => html`<option value=${g} ?selected=${c?.grade === g}>${this.t('subjects.grade', { grade: g })}</option>`)}
            </select>
          </div>
          <div class="field">
            <label for="name">${this.t('classes.name')}</label>
            <input id="name" name="name" required maxlength="30" pattern="[0-9A-Za-z .\\-]+" placeholder="6A1" .value=${c?.name ?? ''} />
          </div>
          <div class="field">
            <label for="homeroom">${this.t('class.homeroom')}</label>
            <select id="homeroom" name="homeroom">
              <option value="">${this.t('class.noHomeroom')}</option>
              ${this.teachers.map((p) => html`<option value=${p.id} ?selected=${c?.homeroomTeacherId === p.id}>${p.fullName}</option>`)}
            </select>
          </div>
        </div>
        <div class="form-actions">
          <button class="btn primary" type="submit" ?disabled=${this.busy}>${this.t('action.save')}</button>
          <button class="btn" type="button" @click=${() => this.dispatchEvent(new Event('ph-cancel'))}>${this.t('action.cancel')}</button>
        </div>
      </form>`;
  }

  static override styles = [baseStyles, formStyles, css`h2 { margin-top: 0; }`];
}

customElements.define('ph-class-form', ClassForm);
declare global {
  interface HTMLElementTagNameMap { 'ph-class-form': ClassForm }
}
