import { css, html } from 'lit';
import { PhElement } from './ph-element.js';
import type { Rubric } from '../api/tasks.js';
import { baseStyles, formStyles } from '../styles/shared-styles.js';

type Criterion = Rubric['criteria'][number];

const newCriterion = (): Criterion => ({
  title: '',
  levels: [
    { label: 'Chưa đạt', points: 0, description: '' },
    { label: 'Đạt', points: 1, description: '' },
    { label: 'Tốt', points: 2, description: '' },
  ],
});

/**
 * A rubric: criteria × levels, each level with points and a description. Edits the `value`
 * property in place of a copy and fires `change` with the new rubric.
 */
export class TaskRubricEditor extends PhElement {
  static override properties = { value: { attribute: false } };
  declare value: Rubric;

  constructor() {
    super();
    this.value = { criteria: [newCriterion()] };
  }

  private set(criteria: Criterion[]) {
    this.value = { criteria };
    this.dispatchEvent(new CustomEvent('change', { detail: this.value, bubbles: true, composed: true }));
  }

  private patch(ci: number, fn: (c: Criterion) => Criterion) {
    this.set(this.value.criteria.map((c, i) => (i === ci ? fn(c) : c)));
  }

  override render() {
    const max = this.value.criteria.reduce((s, c) => s + Math.max(0, ...c.levels.map((l) => l.points)), 0);
    return html`
      ${this.value.criteria.map((c, ci) => html`
        <fieldset>
          <legend>${this.t('tasks.rubric.criterion')} ${ci + 1}</legend>
          <div class="row">
            <input aria-label=${this.t('tasks.rubric.criterion')} .value=${c.title} required maxlength="200"
              @input=${(e: Event) => this.patch(ci, (x) => ({ ...x, title: (e.target as HTMLInputElement).value }))}>
            <button type="button" class="btn danger" ?disabled=${this.value.criteria.length === 1}
              @click=${() => this.set(this.value.criteria.filter((_x, i) => i !== ci))}>${this.t('tasks.rubric.remove')}</button>
          </div>
          <div class="levels">
            ${c.levels.map((l, li) => html`
              <div class="level">
                <input class="lvl" aria-label=${this.t('tasks.rubric.level')} .value=${l.label} required maxlength="100"
                  @input=${(e: Event) => this.patch(ci, (x) => ({ ...x, levels: x.levels.map((y, j) => (j === li ? { ...y, label: (e.target as HTMLInputElement).value } : y)) }))}>
                <input class="points" type="number" min="0" max="100" step="0.25" aria-label=${this.t('tasks.rubric.points')} .value=${String(l.points)}
                  @input=${(e: Event) => this.patch(ci, (x) => ({ ...x, levels: x.levels.map((y, j) => (j === li ? { ...y, points: Number((e.target as HTMLInputElement).value) || 0 } : y)) }))}>
                <input class="desc" aria-label=${this.t('tasks.rubric.description')} placeholder=${this.t('tasks.rubric.description')} .value=${l.description} maxlength="1000"
                  @input=${(e: Event) => this.patch(ci, (x) => ({ ...x, levels: x.levels.map((y, j) => (j === li ? { ...y, description: (e.target as HTMLInputElement).value } : y)) }))}>
                <button type="button" class="btn danger small" aria-label=${this.t('tasks.rubric.remove')} ?disabled=${c.levels.length === 1}
                  @click=${() => this.patch(ci, (x) => ({ ...x, levels: x.levels.filter((_y, j) => j !== li) }))}>✕</button>
              </div>`)}
          </div>
          <button type="button" class="btn" ?disabled=${c.levels.length >= 6}
            @click=${() => this.patch(ci, (x) => ({ ...x, levels: [...x.levels, { label: '', points: 0, description: '' }] }))}>${this.t('tasks.rubric.addLevel')}</button>
        </fieldset>`)}
      <div class="actions">
        <button type="button" class="btn" ?disabled=${this.value.criteria.length >= 12} @click=${() => this.set([...this.value.criteria, newCriterion()])}>${this.t('tasks.rubric.addCriterion')}</button>
        <span class="muted">${this.t('tasks.rubric.max', { n: max })}</span>
      </div>
    `;
  }

  static override styles = [baseStyles, formStyles, css`
    .row { display: flex; gap: 0.5rem; margin-bottom: 0.75rem; }
    .levels { display: grid; gap: 0.5rem; margin-bottom: 0.75rem; }
    .level { display: grid; grid-template-columns: minmax(6rem, 1fr) 5.5rem minmax(8rem, 2fr) auto; gap: 0.5rem; }
    .btn.small { min-width: 2.75rem; padding: 0.25rem 0.5rem; }
    @media (max-width: 40rem) { .level { grid-template-columns: 1fr 5rem auto; } .level .desc { grid-column: 1 / -1; grid-row: 2; } }
  `];
}

customElements.define('ph-task-rubric-editor', TaskRubricEditor);
declare global {
  interface HTMLElementTagNameMap { 'ph-task-rubric-editor': TaskRubricEditor }
}
