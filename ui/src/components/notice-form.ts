import { css, html, nothing } from 'lit';
import { PhElement } from './ph-element.js';
import type { AudienceOptions, NoticeBody, NoticeDraft, NoticeKind } from '../api/notices.js';
import { baseStyles, formStyles } from '../styles/shared-styles.js';

const KINDS: readonly NoticeKind[] = ['online_mode', 'assessment_plan', 'general'];
type Scope = 'school' | 'grades' | 'classes';
type To = 'both' | 'students' | 'parents';

export interface NoticeSaveDetail { body: NoticeBody; publish: boolean }

/**
 * Writing a notice (Art. 15.1.e): kind, title, text and the audience — the whole school, grades
 * or classes (picked by grade), students, parents or both. A homeroom teacher is offered only
 * their own classes. Emits `ph-save-notice` (save as draft, or save and send after a confirmation).
 */
export class NoticeForm extends PhElement {
  static override properties = {
    options: { attribute: false }, draft: { attribute: false }, busy: { type: Boolean }, error: { attribute: false },
    scope: { state: true }, grades: { state: true }, classIds: { state: true }, confirming: { state: true }, local: { state: true },
  };
  declare options: AudienceOptions;
  /** The values to start from (a decision's prefill, a draft being edited, a correction). */
  declare draft: NoticeDraft | null;
  declare busy: boolean;
  declare error: string | null;
  declare scope: Scope;
  declare grades: Set<number>;
  declare classIds: Set<number>;
  declare confirming: boolean;
  declare local: string | null;

  constructor() {
    super();
    this.options = { schoolYearId: 1, wholeSchool: false, classes: [] };
    this.draft = null;
    this.busy = false;
    this.error = null;
    this.scope = 'classes';
    this.grades = new Set();
    this.classIds = new Set();
    this.confirming = false;
    this.local = null;
  }

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('draft') || changed.has('options')) {
      const a = this.draft?.audience;
      this.scope = a ? a.scope : this.options.wholeSchool ? 'school' : 'classes';
      this.grades = new Set(a?.grades ?? []);
      // Only classes the author may address stay chosen.
      const allowed = new Set(this.options.classes.map((c) => c.id));
      this.classIds = new Set((a?.classIds ?? (this.options.wholeSchool ? [] : [...allowed])).filter((id) => allowed.has(id)));
    }
  }

  private toggle(set: Set<number>, ids: number[], on: boolean): Set<number> {
    const next = new Set(set);
    for (const id of ids) if (on) next.add(id); else next.delete(id);
    return next;
  }

  private collect(form: HTMLFormElement): NoticeBody | null {
    const d = new FormData(form);
    const v = (k: string) => String(d.get(k) ?? '').trim();
    const to = (v('to') || 'both') as To;
    if (this.scope === 'grades' && !this.grades.size) return void (this.local = this.t('notices.field.audience')), null;
    if (this.scope === 'classes' && !this.classIds.size) return void (this.local = this.t('notices.field.audience')), null;
    this.local = null;
    const audience = this.scope === 'school' ? { scope: 'school' as const, to }
      : this.scope === 'grades' ? { scope: 'grades' as const, grades: [...this.grades].sort((a, b) => a - b), to }
      : { scope: 'classes' as const, classIds: [...this.classIds].sort((a, b) => a - b), to };
    return {
      kind: v('kind') as NoticeKind, title: v('title'), body: v('body'), audience,
      decisionId: this.draft?.decisionId ?? null, supersedesId: this.draft?.supersedesId ?? null,
    };
  }

  private save(publish: boolean) {
    const form = this.renderRoot.querySelector('form');
    if (!form || !form.reportValidity()) return;
    const body = this.collect(form);
    if (!body) return;
    if (publish && !this.confirming) return void (this.confirming = true);
    this.confirming = false;
    this.dispatchEvent(new CustomEvent<NoticeSaveDetail>('ph-save-notice', { detail: { body, publish } }));
  }

  private renderAudience() {
    const grades = [...new Set(this.options.classes.map((c) => c.grade))].sort((a, b) => a - b);
    const scopes: Scope[] = this.options.wholeSchool ? ['school', 'grades', 'classes'] : ['classes'];
    const to = this.draft?.audience.to ?? 'both';
    return html`
      <fieldset>
        <legend>${this.t('notices.field.audience')}</legend>
        ${this.options.wholeSchool ? nothing : html`<p class="hint">${this.t('notices.homeroomOnly')}</p>`}
        <div class="choices">${scopes.map((s) => html`<label class="check"><input type="radio" name="scope" value=${s} .checked=${this.scope === s} @change=${() => (this.scope = s)} />${this.t(`notices.scope.${s}` as const)}</label>`)}</div>
        ${this.scope === 'grades' ? html`<div class="checks">${grades.map((g) => html`<label class="check"><input type="checkbox" .checked=${this.grades.has(g)}
          @change=${(e: Event) => { this.grades = this.toggle(this.grades, [g], (e.target as HTMLInputElement).checked); }} />${this.t('notices.grade', { grade: g })}</label>`)}</div>` : nothing}
        ${this.scope === 'classes' ? html`<div class="grades">${grades.map((g) => {
          const inGrade = this.options.classes.filter((c) => c.grade === g).sort((a, b) => a.name.localeCompare(b.name, 'vi', { numeric: true }));
          return html`<fieldset class="grade"><legend>${this.t('notices.grade', { grade: g })}</legend><div class="checks">${inGrade.map((c) => html`
            <label class="check"><input type="checkbox" name="class" value=${c.id} .checked=${this.classIds.has(c.id)}
              @change=${(e: Event) => { this.classIds = this.toggle(this.classIds, [c.id], (e.target as HTMLInputElement).checked); }} />${c.name}</label>`)}</div></fieldset>`;
        })}</div>` : nothing}
        <div class="field to"><label for="to">${this.t('notices.field.to')}</label>
          <select id="to" name="to">${(['both', 'students', 'parents'] as const).map((x) => html`<option value=${x} ?selected=${x === to}>${this.t(`notices.to.${x}`)}</option>`)}</select></div>
      </fieldset>`;
  }

  override render() {
    const d = this.draft;
    const problem = this.local ?? this.error;
    return html`
      <form class="card" @submit=${(e: SubmitEvent) => { e.preventDefault(); this.save(false); }}>
        <h2>${this.t('notices.compose')}</h2>
        ${d?.decisionId ? html`<p class="notice">${this.t('notices.fromDecisionNoNumber', { id: d.decisionId })}</p>` : nothing}
        <div class="form-grid">
          <div class="field"><label for="kind">${this.t('notices.field.kind')}</label>
            <select id="kind" name="kind">${KINDS.map((k) => html`<option value=${k} ?selected=${k === (d?.kind ?? 'general')}>${this.t(`notices.kind.${k}`)}</option>`)}</select></div>
          <div class="field wide"><label for="title">${this.t('notices.field.title')}</label>
            <input id="title" name="title" required minlength="3" maxlength="200" .value=${d?.title ?? ''} /></div>
          <div class="field wide"><label for="body">${this.t('notices.field.body')}</label>
            <textarea id="body" name="body" required minlength="3" maxlength="8000" rows="10" .value=${d?.body ?? ''}></textarea></div>
        </div>
        ${this.renderAudience()}
        ${problem ? html`<p class="notice error" role="alert">${problem}</p>` : nothing}
        ${this.confirming ? html`<p class="notice warning" role="alert">${this.t('notices.publishConfirm')}</p>` : nothing}
        <div class="form-actions">
          ${this.confirming
            ? html`<button class="btn primary big confirm" type="button" ?disabled=${this.busy} @click=${() => this.save(true)}>${this.t('notices.publish')}</button>
                <button class="btn big" type="button" @click=${() => (this.confirming = false)}>${this.t('notices.cancel')}</button>`
            : html`<button class="btn primary big publish" type="button" ?disabled=${this.busy} @click=${() => this.save(true)}>${this.t('notices.publish')}</button>
                <button class="btn big" type="submit" ?disabled=${this.busy}>${this.t('notices.saveDraft')}</button>
                <button class="btn big" type="button" @click=${() => this.dispatchEvent(new Event('ph-cancel'))}>${this.t('notices.cancel')}</button>`}
        </div>
      </form>`;
  }

  static override styles = [baseStyles, formStyles, css`
    h2 { margin-top: 0; }
    fieldset { margin-top: 1rem; }
    .grades { display: grid; gap: 0.75rem; grid-template-columns: repeat(auto-fit, minmax(min(100%, 15rem), 1fr)); margin-top: 0.5rem; }
    fieldset.grade { margin: 0; padding: 0.5rem 1rem 0.75rem; }
    .choices, .checks { display: flex; flex-wrap: wrap; gap: 0 1.5rem; }
    .checks .check { min-width: 5.5rem; }
    .field.to { margin-top: 0.75rem; max-width: 20rem; }
    textarea { resize: vertical; line-height: 1.5; }
  `];
}

customElements.define('ph-notice-form', NoticeForm);
declare global {
  interface HTMLElementTagNameMap { 'ph-notice-form': NoticeForm }
}
