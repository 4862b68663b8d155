import { css, html, nothing, type PropertyValues } from 'lit';
import { PhElement } from './ph-element.js';
import './task-work.js';
import { tasksApi, type StudentWork, type TaskDetail } from '../api/tasks.js';
import { notifyError, notifySuccess } from '../state/notify.js';
import { ERRORS, type ErrorCode } from '../../../server/src/contracts/error-codes.js';
import { language } from '../i18n/index.js';
import { baseStyles, formStyles } from '../styles/shared-styles.js';

const round2 = (x: number) => Math.round((x + Number.EPSILON) * 100) / 100;

/**
 * Grading one student's work (Art. 5.3): the versions handed in, the rubric (one level per
 * criterion, the score follows), a typed score, a comment; save, save and release, or return for
 * revision. Read-only for managers. Fires `graded` after a change.
 */
export class TaskGrader extends PhElement {
  static override properties = {
    task: { attribute: false }, studentId: { type: Number }, readOnly: { type: Boolean, attribute: 'read-only' },
    work: { state: true }, selection: { state: true }, score: { state: true }, busy: { state: true }, hint: { state: true },
  };
  declare task: TaskDetail;
  declare studentId: number;
  declare readOnly: boolean;
  declare work: StudentWork | null;
  declare selection: (number | null)[];
  declare score: string;
  declare busy: boolean;
  declare hint: string;

  constructor() {
    super();
    this.work = null;
    this.selection = [];
    this.score = '';
    this.busy = false;
    this.readOnly = false;
    this.hint = '';
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('studentId') && this.studentId) void this.load();
  }

  private async load() {
    try {
      const work = await tasksApi.work(this.task.id, this.studentId);
      this.work = work;
      const g = work.grade?.status === 'graded' ? work.grade : null;
      this.selection = g?.rubricSelection ?? (this.task.rubric?.criteria.map(() => null) ?? []);
      this.score = g?.rawScore !== null && g?.rawScore !== undefined ? String(g.rawScore).replace('.', ',') : '';
    } catch (e) {
      notifyError(e);
    }
  }

  /** The rubric's score on the task's scale once every criterion has a level. */
  private rubricScore(): number | null {
    const r = this.task.rubric;
    if (!r || this.selection.some((s) => s === null) || this.selection.length !== r.criteria.length) return null;
    const max = r.criteria.reduce((s, c) => s + Math.max(...c.levels.map((l) => l.points)), 0);
    const got = r.criteria.reduce((s, c, i) => s + (c.levels[this.selection[i] ?? 0]?.points ?? 0), 0);
    return max > 0 ? round2((got / max) * this.task.maxScore) : null;
  }

  private pick(ci: number, li: number) {
    this.selection = this.selection.map((s, i) => (i === ci ? li : s));
    const fromRubric = this.rubricScore();
    if (fromRubric !== null) this.score = String(fromRubric).replace('.', ',');
  }

  private comment(): string {
    return (this.renderRoot.querySelector('#comment') as HTMLTextAreaElement | null)?.value.trim() ?? '';
  }

  private async save(release: boolean) {
    const typed = this.score.trim() ? Number(this.score.replace(',', '.')) : null;
    this.busy = true;
    this.hint = '';
    try {
      const saved = await tasksApi.grade(this.task.id, this.studentId, {
        score: typed, comment: this.comment() || null, release,
        rubricSelection: this.task.rubric && this.selection.some((s) => s !== null) ? this.selection : null,
      });
      notifySuccess('tasks.graded');
      await this.load();
      // The task keeps the grade; the gradebook said no (e.g. a locked semester): the teacher is told.
      if (saved.gradebookRefusal) this.hint = this.t('tasks.gradebookRefused', { reason: ERRORS[saved.gradebookRefusal as ErrorCode]?.[language()] ?? saved.gradebookRefusal });
      this.dispatchEvent(new CustomEvent('graded', { bubbles: true, composed: true }));
    } catch (e) {
      notifyError(e);
    } finally {
      this.busy = false;
    }
  }

  private async giveBack() {
    const comment = this.comment();
    this.hint = '';
    if (!comment) {
      (this.renderRoot.querySelector('#comment') as HTMLTextAreaElement | null)?.focus();
      this.hint = this.t('tasks.returnNeedsComment');
      return;
    }
    this.busy = true;
    try {
      await tasksApi.returnWork(this.task.id, this.studentId, comment);
      notifySuccess('tasks.returned');
      await this.load();
      this.dispatchEvent(new CustomEvent('graded', { bubbles: true, composed: true }));
    } catch (e) {
      notifyError(e);
    } finally {
      this.busy = false;
    }
  }

  override render() {
    const w = this.work;
    if (!w) return nothing;
    const g = w.grade;
    const rubric = this.task.rubric;
    const fromRubric = this.rubricScore();
    return html`
      <h3>${this.t('tasks.gradeTitle', { name: w.fullName })}</h3>
      <ph-task-work .submissions=${w.submissions}></ph-task-work>
      ${g?.status === 'graded' && g.penalty > 0 ? html`<p class="notice warning">${this.t('tasks.penaltyApplied', { n: String(g.penalty).replace('.', ',') })}</p>` : nothing}
      ${rubric ? html`<div class="rubric" role="group" aria-label=${this.t('tasks.form.useRubric')}>
        ${rubric.criteria.map((c, ci) => html`<fieldset>
          <legend>${c.title}</legend>
          <div class="levels">${c.levels.map((l, li) => html`<label class="level ${this.selection[ci] === li ? 'on' : ''}">
            <input type="radio" name=${`c${ci}`} .checked=${this.selection[ci] === li} ?disabled=${this.readOnly} @change=${() => this.pick(ci, li)}>
            <span><strong>${l.label}</strong> · ${l.points} ${this.t('tasks.rubric.points').toLowerCase()}${l.description ? html`<br><span class="muted">${l.description}</span>` : nothing}</span>
          </label>`)}</div>
        </fieldset>`)}
        ${fromRubric !== null ? html`<p class="muted">${this.t('tasks.scoreFromRubric', { score: String(fromRubric).replace('.', ',') })}</p>` : nothing}
      </div>` : nothing}
      <div class="form-grid">
        <div class="field"><label for="score">${this.t('tasks.score', { max: String(this.task.maxScore).replace('.', ',') })}</label>
          <input id="score" inputmode="decimal" .value=${this.score} ?disabled=${this.readOnly} @input=${(e: Event) => (this.score = (e.target as HTMLInputElement).value)}></div>
        <div class="field wide"><label for="comment">${this.t('tasks.comment')}</label>
          <textarea id="comment" rows="3" maxlength="5000" ?disabled=${this.readOnly} .value=${g?.comment ?? ''}></textarea></div>
      </div>
      ${this.hint ? html`<p class="notice warning" role="alert">${this.hint}</p>` : nothing}
      ${this.readOnly ? nothing : html`<div class="form-actions">
        <button class="btn primary" ?disabled=${this.busy || !this.score.trim()} @click=${() => this.save(false)}>${this.t('tasks.saveGrade')}</button>
        <button class="btn" ?disabled=${this.busy || !this.score.trim()} @click=${() => this.save(true)}>${this.t('tasks.saveRelease')}</button>
        <button class="btn danger" ?disabled=${this.busy || !w.submissions.length} @click=${this.giveBack}>${this.t('tasks.returnWork')}</button>
      </div>`}
    `;
  }

  static override styles = [baseStyles, formStyles, css`
    h3 { margin-top: 0; }
    ph-task-work { margin-bottom: 1rem; }
    .rubric fieldset { margin: 0 0 0.75rem; }
    .levels { display: grid; gap: 0.5rem; grid-template-columns: repeat(auto-fit, minmax(10rem, 1fr)); }
    .level { display: flex; gap: 0.5rem; align-items: flex-start; padding: 0.5rem; border: 1px solid var(--ph-color-border); border-radius: var(--ph-radius-small); font-weight: 400; cursor: pointer; min-height: 2.75rem; }
    .level.on { border-color: var(--ph-color-primary); background: var(--ph-color-primary-soft); }
    .form-actions { margin-top: 1rem; }
  `];
}

customElements.define('ph-task-grader', TaskGrader);
declare global {
  interface HTMLElementTagNameMap { 'ph-task-grader': TaskGrader }
}
