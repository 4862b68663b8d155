import { css, html } from 'lit';
import { PhElement } from './ph-element.js';
import type { Subject, SubjectBody, SubjectGroup } from '../api/types.js';
import { baseStyles, formStyles } from '../styles/shared-styles.js';

declare global {
  interface HTMLElementEventMap {
    'ph-save-subject': CustomEvent<SubjectBody>;
  }
}

/** Add or edit a subject: code, name, subject group, assessment, periods per year per grade. */
export class SubjectForm extends PhElement {
  static override properties = { subject: { attribute: false }, groups: { attribute: false }, grades: { attribute: false }, busy: { type: Boolean } };
  declare subject: Subject | null;
  declare groups: SubjectGroup[];
  declare grades: readonly number[];
  declare busy: boolean;

  constructor() {
    super();
    this.subject = null;
    this.groups = [];
    this.grades = [];
    this.busy = false;
  }

  private submit(e: SubmitEvent) {
    e.preventDefault();
    const d = new FormData(e.target as HTMLFormElement);
    const v = (k: string) => String(d.get(k) ?? '').trim();
    const periods: Record<string, number> = {};
    for (const g of this.grades) {
      const n = v(`grade${g}`);
      if (n !== '') periods[String(g)] = Number(n);
    }
    this.dispatchEvent(new CustomEvent('ph-save-subject', {
      detail: { code: v('code'), name: v('name'), subjectGroupId: Number(v('group')) || null, assessment: v('assessment') === 'comment' ? 'comment' : 'score', periods },
    }));
  }

  override render() {
    const s = this.subject;
    return html`
      <form class="card" @submit=${this.submit}>
        <h2>${s ? this.t('subjects.edit', { name: s.name }) : this.t('subjects.add')}</h2>
        <div class="form-grid">
          <div class="field"><label for="code">${this.t('subjects.code')}</label><input id="code" name="code" required maxlength="30" pattern="[A-Za-z0-9_\\-]+" .value=${s?.code ?? ''} /></div>
          <div class="field"><label for="name">${this.t('subjects.name')}</label><input id="name" name="name" required minlength="2" maxlength="150" .value=${s?.name ?? ''} /></div>
          <div class="field">
            <label for="group">${this.t('subjects.group')}</label>
            <select id="group" name="group">
              <option value="">${this.t('subjects.noGroup')}</option>
              ${this.groups.map((g) => html`<option value=${g.id} ?selected=${s?.subjectGroupId === g.id}>${g.name}</option>`)}
            </select>
          </div>
          <div class="field">
            <label for="assessment">${this.t('subjects.assessment')}</label>
            <select id="assessment" name="assessment">
              <option value="score" ?selected=${s?.assessment !== 'comment'}>${this.t('subjects.score')}</option>
              <option value="comment" ?selected=${s?.assessment === 'comment'}>${this.t('subjects.comment')}</option>
            </select>
          </div>
        </div>
        <fieldset>
          <legend>${this.t('subjects.periods')}</legend>
          <div class="grades">
            ${this.grades.map((g) => html`
              <div class="field"><label for=${`grade${g}`}>${this.t('subjects.grade', { grade: g })}</label>
                <input type="number" inputmode="numeric" id=${`grade${g}`} name=${`grade${g}`} min="0" max="400" .value=${s?.periods[String(g)] === undefined ? '' : String(s.periods[String(g)])} /></div>`)}
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
    .grades { display: grid; gap: 1rem; grid-template-columns: repeat(auto-fill, minmax(8rem, 1fr)); }
  `];
}

customElements.define('ph-subject-form', SubjectForm);
declare global {
  interface HTMLElementTagNameMap { 'ph-subject-form': SubjectForm }
}
