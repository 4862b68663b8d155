import { css, html, nothing } from 'lit';
import { PhElement } from './ph-element.js';
import type { DecisionBody, DecisionType } from '../api/decisions.js';
import type { SchoolClass, Subject } from '../api/types.js';
import { formatDate, parseVnDate, VN_DATE_PATTERN } from '../i18n/format.js';
import { baseStyles, formStyles } from '../styles/shared-styles.js';

declare global {
  interface HTMLElementEventMap {
    'ph-save-decision': CustomEvent<DecisionBody>;
  }
}

const TYPES: readonly DecisionType[] = ['force_majeure', 'online_mode', 'online_assessment'];

/** Today in school time (UTC+7) as YYYY-MM-DD. */
const schoolToday = () => new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);

/**
 * Records one decision of the principal (Art. 5.4, 6.2): its kind, the mode of an online-teaching
 * decision, classes (all or chosen, grouped by grade), subjects (all or chosen), dates, reason and
 * document number. The server checks the rules (e.g. replacing mode inside force majeure); its
 * refusal is shown by the page in `error`.
 */
export class DecisionForm extends PhElement {
  static override properties = {
    classes: { attribute: false }, subjects: { attribute: false }, busy: { type: Boolean }, error: { attribute: false },
    type: { state: true }, allClasses: { state: true }, allSubjects: { state: true }, classIds: { state: true }, subjectIds: { state: true }, local: { state: true },
  };
  declare classes: SchoolClass[];
  declare subjects: Subject[];
  declare busy: boolean;
  /** The server's refusal, already in the current language. */
  declare error: string | null;
  declare type: DecisionType;
  declare allClasses: boolean;
  declare allSubjects: boolean;
  declare classIds: Set<number>;
  declare subjectIds: Set<number>;
  declare local: string | null;

  constructor() {
    super();
    this.classes = [];
    this.subjects = [];
    this.busy = false;
    this.error = null;
    this.type = 'force_majeure';
    this.allClasses = true;
    this.allSubjects = true;
    this.classIds = new Set();
    this.subjectIds = new Set();
    this.local = null;
  }

  private toggle(set: Set<number>, ids: number[], on: boolean): Set<number> {
    const next = new Set(set);
    for (const id of ids) if (on) next.add(id); else next.delete(id);
    return next;
  }

  private submit(e: SubmitEvent) {
    e.preventDefault();
    const d = new FormData(e.target as HTMLFormElement);
    const v = (k: string) => String(d.get(k) ?? '').trim();
    if (!this.allClasses && !this.classIds.size) return void (this.local = this.t('dec.pickClass'));
    if (!this.allSubjects && !this.subjectIds.size) return void (this.local = this.t('dec.pickSubject'));
    this.local = null;
    const body: DecisionBody = {
      type: this.type,
      mode: this.type === 'online_mode' ? (v('mode') === 'replacing' ? 'replacing' : 'supporting') : null,
      classIds: this.allClasses ? 'all' : [...this.classIds].sort((a, b) => a - b),
      subjectIds: this.allSubjects ? 'all' : [...this.subjectIds].sort((a, b) => a - b),
      // The pattern attribute has already refused anything but dd/mm/yyyy.
      startsOn: parseVnDate(v('startsOn')) ?? '', endsOn: parseVnDate(v('endsOn')) ?? '',
      reason: v('reason'),
      documentNumber: v('documentNumber') || null,
      // Art. 6.2, 15.1.e: the plan students and parents are told of.
      ...(this.type === 'online_assessment' ? { assessmentPlan: v('assessmentPlan') || null } : {}),
    };
    this.dispatchEvent(new CustomEvent('ph-save-decision', { detail: body }));
  }

  private renderClasses() {
    const grades = [...new Set(this.classes.map((c) => c.grade))].sort((a, b) => a - b);
    return html`
      <fieldset>
        <legend>${this.t('dec.field.classScope')}</legend>
        <div class="choices">
          <label class="check"><input type="radio" name="classScope" .checked=${this.allClasses} @change=${() => (this.allClasses = true)} />${this.t('dec.allClasses')}</label>
          <label class="check"><input type="radio" name="classScope" .checked=${!this.allClasses} @change=${() => (this.allClasses = false)} />${this.t('dec.field.someClasses')}</label>
        </div>
        ${this.allClasses ? nothing : html`<div class="grades">${grades.map((g) => {
          const inGrade = this.classes.filter((c) => c.grade === g).sort((a, b) => a.name.localeCompare(b.name, 'vi', { numeric: true }));
          const ids = inGrade.map((c) => c.id);
          const all = ids.every((id) => this.classIds.has(id));
          return html`
            <fieldset class="grade">
              <legend>${this.t('dec.field.grade', { grade: g })}</legend>
              <label class="check whole"><input type="checkbox" .checked=${all} @change=${(e: Event) => { this.classIds = this.toggle(this.classIds, ids, (e.target as HTMLInputElement).checked); }} />${this.t('dec.field.wholeGrade', { grade: g })}</label>
              <div class="checks">${inGrade.map((c) => html`<label class="check"><input type="checkbox" .checked=${this.classIds.has(c.id)}
                @change=${(e: Event) => { this.classIds = this.toggle(this.classIds, [c.id], (e.target as HTMLInputElement).checked); }} />${c.name}</label>`)}</div>
            </fieldset>`;
        })}</div>`}
      </fieldset>`;
  }

  private renderSubjects() {
    const subjects = [...this.subjects].sort((a, b) => a.name.localeCompare(b.name, 'vi'));
    return html`
      <fieldset>
        <legend>${this.t('dec.field.subjectScope')}</legend>
        <div class="choices">
          <label class="check"><input type="radio" name="subjectScope" .checked=${this.allSubjects} @change=${() => (this.allSubjects = true)} />${this.t('dec.allSubjects')}</label>
          <label class="check"><input type="radio" name="subjectScope" .checked=${!this.allSubjects} @change=${() => (this.allSubjects = false)} />${this.t('dec.field.someSubjects')}</label>
        </div>
        ${this.allSubjects ? nothing : html`<div class="checks">${subjects.map((s) => html`<label class="check"><input type="checkbox" .checked=${this.subjectIds.has(s.id)}
          @change=${(e: Event) => { this.subjectIds = this.toggle(this.subjectIds, [s.id], (e.target as HTMLInputElement).checked); }} />${s.name}</label>`)}</div>`}
      </fieldset>`;
  }

  override render() {
    const problem = this.local ?? this.error;
    return html`
      <form class="card" @submit=${this.submit}>
        <h2>${this.t('dec.formTitle')}</h2>
        <div class="form-grid">
          <div class="field wide"><label for="type">${this.t('dec.field.type')}</label>
            <select id="type" name="type" @change=${(e: Event) => { this.type = (e.target as HTMLSelectElement).value as DecisionType; }}>
              ${TYPES.map((ty) => html`<option value=${ty} ?selected=${ty === this.type}>${this.t(`dec.type.${ty}`)}</option>`)}
            </select>
            <span class="hint">${this.t(`dec.hint.${this.type}`)}</span></div>
          ${this.type === 'online_mode' ? html`
            <fieldset class="wide"><legend>${this.t('dec.field.mode')}</legend><div class="choices">
              <label class="check"><input type="radio" name="mode" value="supporting" checked />${this.t('dec.mode.supporting')}</label>
              <label class="check"><input type="radio" name="mode" value="replacing" />${this.t('dec.mode.replacing')}</label>
            </div></fieldset>` : nothing}
        </div>
        ${this.renderClasses()}
        ${this.renderSubjects()}
        <div class="form-grid">
          <div class="field"><label for="startsOn">${this.t('dec.field.startsOn')}</label>
            <input id="startsOn" name="startsOn" required inputmode="numeric" placeholder="dd/mm/yyyy" pattern=${VN_DATE_PATTERN} title="dd/mm/yyyy" .value=${formatDate(schoolToday())} /></div>
          <div class="field"><label for="endsOn">${this.t('dec.field.endsOn')}</label>
            <input id="endsOn" name="endsOn" required inputmode="numeric" placeholder="dd/mm/yyyy" pattern=${VN_DATE_PATTERN} title="dd/mm/yyyy" /></div>
          <div class="field wide"><label for="reason">${this.t('dec.field.reason')}</label>
            <textarea id="reason" name="reason" required minlength="3" maxlength="2000" rows="3" aria-describedby="reason-hint"></textarea>
            <span class="hint" id="reason-hint">${this.t('dec.field.reasonHint')}</span></div>
          <div class="field"><label for="documentNumber">${this.t('dec.field.documentNumber')}</label>
            <input id="documentNumber" name="documentNumber" maxlength="60" aria-describedby="doc-hint" />
            <span class="hint" id="doc-hint">${this.t('dec.field.documentNumberHint')}</span></div>
          ${this.type === 'online_assessment' ? html`<div class="field wide"><label for="assessmentPlan">${this.t('notices.assessmentPlan')}</label>
            <textarea id="assessmentPlan" name="assessmentPlan" maxlength="4000" rows="4" aria-describedby="plan-hint"></textarea>
            <span class="hint" id="plan-hint">${this.t('notices.assessmentPlanHint')}</span></div>` : nothing}
        </div>
        ${problem ? html`<p class="notice error" role="alert">${problem}</p>` : nothing}
        <div class="form-actions">
          <button class="btn primary big" type="submit" ?disabled=${this.busy}>${this.t('dec.save')}</button>
          <button class="btn big" type="button" @click=${() => this.dispatchEvent(new Event('ph-cancel'))}>${this.t('action.cancel')}</button>
        </div>
      </form>`;
  }

  static override styles = [baseStyles, formStyles, css`
    h2 { margin-top: 0; }
    fieldset { margin-top: 1rem; }
    fieldset.wide { grid-column: 1 / -1; margin: 0; }
    .grades { display: grid; gap: 0.75rem; grid-template-columns: repeat(auto-fit, minmax(min(100%, 15rem), 1fr)); margin-top: 0.75rem; }
    fieldset.grade { margin: 0; padding: 0.5rem 1rem 0.75rem; }
    .choices, .checks { display: flex; flex-wrap: wrap; gap: 0 1.5rem; }
    .checks .check { min-width: 5.5rem; }
    .whole { font-weight: 600; }
    textarea { resize: vertical; }
    .notice.error { margin-top: 1rem; }
  `];
}

customElements.define('ph-decision-form', DecisionForm);
declare global {
  interface HTMLElementTagNameMap { 'ph-decision-form': DecisionForm }
}
