import { css, html, nothing, type PropertyValues } from 'lit';
import { PhElement } from './ph-element.js';
import './lesson-picker.js';
import type { LessonPickDetail } from './lesson-picker.js';
import { COGNITIVE_LEVELS, QUESTION_TYPES, questionsApi, type CognitiveLevel, type QuestionInput, type QuestionRecord, type QuestionType } from '../api/questions.js';
import { isApiError } from '../api/client.js';
import { notifyError, notifySuccess } from '../state/notify.js';
import { pick } from '../i18n/index.js';
import { baseStyles, formStyles } from '../styles/shared-styles.js';

const LETTERS = 'ABCDEFGHIJ';
type Choice = { text: string; correct: boolean };
type Pair = { left: string; right: string };
const num = (s: string) => (s.trim() === '' ? NaN : Number(s.trim().replace(/\s/g, '').replace(',', '.')));
const vnNum = (n: number) => String(n).replace('.', ',');

/**
 * Creates or edits one question of the bank (Art. 7.3), with the fields of its type: options with
 * big tap targets for the correct ones, statements Đúng/Sai, accepted answers, a number with its
 * tolerance, pairs, or the marking guide. Fires `ph-saved` ({id}) and `ph-cancel`.
 */
export class QuestionForm extends PhElement {
  static override properties = {
    subjectId: { type: Number }, grade: { type: Number }, question: { attribute: false },
    type: { state: true }, level: { state: true }, points: { state: true }, stem: { state: true }, lessonId: { state: true },
    choices: { state: true }, keepOrder: { state: true }, statements: { state: true }, accepted: { state: true }, ignoreDiacritics: { state: true },
    value: { state: true }, tolerance: { state: true }, unit: { state: true }, pairs: { state: true }, distractors: { state: true },
    rubric: { state: true }, maxWords: { state: true }, explanation: { state: true }, busy: { state: true }, issues: { state: true },
  };
  declare subjectId: number; declare grade: number; declare question: QuestionRecord | null;
  declare type: QuestionType; declare level: CognitiveLevel; declare points: string; declare stem: string; declare lessonId: number | null;
  declare choices: Choice[]; declare keepOrder: boolean; declare statements: Choice[]; declare accepted: string; declare ignoreDiacritics: boolean;
  declare value: string; declare tolerance: string; declare unit: string; declare pairs: Pair[]; declare distractors: string;
  declare rubric: string; declare maxWords: string; declare explanation: string; declare busy: boolean; declare issues: { vi: string; en: string }[];

  constructor() {
    super();
    this.question = null;
    this.reset(null);
    this.busy = false;
    this.issues = [];
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('question')) this.reset(this.question);
  }

  private reset(q: QuestionRecord | null) {
    const b = (q?.body ?? {}) as Record<string, any>;
    this.type = q?.type ?? 'single';
    this.level = q?.level ?? 'nhan_biet';
    this.points = vnNum(q?.points ?? 1);
    this.stem = q?.stem ?? '';
    this.lessonId = q?.curriculumLessonId ?? null;
    this.choices = Array.isArray(b.options) ? b.options.map((o: Choice) => ({ text: o.text, correct: o.correct })) : [0, 1, 2, 3].map(() => ({ text: '', correct: false }));
    this.keepOrder = b.keepOrder === true;
    this.statements = Array.isArray(b.statements) ? b.statements.map((o: Choice) => ({ text: o.text, correct: o.correct })) : [{ text: '', correct: true }];
    this.accepted = Array.isArray(b.accepted) ? b.accepted.join('\n') : '';
    this.ignoreDiacritics = b.ignoreDiacritics === true;
    this.value = typeof b.value === 'number' ? vnNum(b.value) : '';
    this.tolerance = typeof b.tolerance === 'number' ? vnNum(b.tolerance) : '0';
    this.unit = b.unit ?? '';
    this.pairs = Array.isArray(b.pairs) ? b.pairs.map((p: Pair) => ({ ...p })) : [{ left: '', right: '' }, { left: '', right: '' }];
    this.distractors = Array.isArray(b.distractors) ? b.distractors.join('\n') : '';
    this.rubric = b.rubric ?? '';
    this.maxWords = b.maxWords ? String(b.maxWords) : '';
    this.explanation = b.explanation ?? '';
    this.issues = [];
  }

  private body(): Record<string, unknown> | null {
    const expl = this.explanation.trim() ? { explanation: this.explanation.trim() } : {};
    const lines = (s: string) => s.split('\n').map((x) => x.trim()).filter(Boolean);
    switch (this.type) {
      case 'single':
      case 'multiple':
        return { options: this.choices.filter((c) => c.text.trim()).map((c, i) => ({ id: LETTERS[i], text: c.text.trim(), correct: c.correct })), ...(this.keepOrder ? { keepOrder: true } : {}), ...expl };
      case 'true_false':
        return { statements: this.statements.filter((c) => c.text.trim()).map((c, i) => ({ id: LETTERS[i]!.toLowerCase(), text: c.text.trim(), correct: c.correct })), ...expl };
      case 'short':
        return { accepted: lines(this.accepted), ...(this.ignoreDiacritics ? { ignoreDiacritics: true } : {}), ...expl };
      case 'numeric': {
        const value = num(this.value);
        const tolerance = this.tolerance.trim() ? num(this.tolerance) : 0;
        if (!Number.isFinite(value) || !Number.isFinite(tolerance)) return null;
        return { value, tolerance, ...(this.unit.trim() ? { unit: this.unit.trim() } : {}), ...expl };
      }
      case 'matching':
        return { pairs: this.pairs.filter((p) => p.left.trim() || p.right.trim()).map((p) => ({ left: p.left.trim(), right: p.right.trim() })), ...(lines(this.distractors).length ? { distractors: lines(this.distractors) } : {}), ...expl };
      case 'essay':
        return { ...(this.rubric.trim() ? { rubric: this.rubric.trim() } : {}), ...(Number(this.maxWords) > 0 ? { maxWords: Math.round(Number(this.maxWords)) } : {}) };
    }
  }

  private async save(e: SubmitEvent) {
    e.preventDefault();
    const body = this.body();
    if (!body) { this.issues = [{ vi: this.t('qb.form.badNumber'), en: this.t('qb.form.badNumber') }]; return; }
    const input = {
      subjectId: this.subjectId, grade: this.grade, curriculumLessonId: this.lessonId, level: this.level, type: this.type,
      stem: this.stem, points: num(this.points) || 1, body,
    } as QuestionInput;
    this.busy = true;
    this.issues = [];
    try {
      const id = this.question ? (await questionsApi.update(this.question.id, input), this.question.id) : (await questionsApi.create(input)).id;
      notifySuccess('qb.saved');
      this.dispatchEvent(new CustomEvent('ph-saved', { detail: { id }, bubbles: true, composed: true }));
    } catch (err) {
      if (isApiError(err) && err.code === 'QUESTION_INVALID' && Array.isArray(err.details?.issues)) this.issues = err.details.issues as { vi: string; en: string }[];
      else if (isApiError(err) && err.status === 400) this.issues = [err.text];
      else notifyError(err);
    } finally {
      this.busy = false;
    }
  }

  private choiceList(list: Choice[], set: (l: Choice[]) => void, kind: 'option' | 'statement') {
    const single = this.type === 'single';
    const mark = (i: number, v: boolean) => set(list.map((c, k) => ({ ...c, correct: single ? k === i : k === i ? v : c.correct })));
    return html`${list.map((c, i) => html`
      <div class="row">
        ${kind === 'option' ? html`<label class="tick" title=${this.t('qb.correct')}><input type=${single ? 'radio' : 'checkbox'} name="correct" .checked=${c.correct}
          aria-label=${`${this.t('qb.correct')}: ${LETTERS[i]}`} @change=${(e: Event) => mark(i, (e.target as HTMLInputElement).checked)} /><span>${LETTERS[i]}</span></label>`
        : html`<select class="tf" aria-label=${this.t('qb.form.statement', { letter: LETTERS[i]!.toLowerCase() })} @change=${(e: Event) => mark(i, (e.target as HTMLSelectElement).value === 'd')}>
            <option value="d" ?selected=${c.correct}>Đ</option><option value="s" ?selected=${!c.correct}>S</option></select>`}
        <input aria-label=${this.t(kind === 'option' ? 'qb.form.option' : 'qb.form.statement', { letter: kind === 'option' ? LETTERS[i]! : LETTERS[i]!.toLowerCase() })} maxlength="1000"
          .value=${c.text} @input=${(e: Event) => set(list.map((x, k) => (k === i ? { ...x, text: (e.target as HTMLInputElement).value } : x)))} />
        <button type="button" class="btn" ?disabled=${list.length <= 1} @click=${() => set(list.filter((_, k) => k !== i))}>${this.t('qb.form.remove')}</button>
      </div>`)}
      <button type="button" class="btn" ?disabled=${list.length >= (kind === 'option' ? 10 : 8)} @click=${() => set([...list, { text: '', correct: false }])}>
        ${this.t(kind === 'option' ? 'qb.form.addOption' : 'qb.form.addStatement')}</button>`;
  }

  private typeFields() {
    const text = (label: string, v: string, set: (s: string) => void, rows = 3) => html`<div class="field wide"><label>${label}
      <textarea rows=${rows} .value=${v} @input=${(e: Event) => set((e.target as HTMLTextAreaElement).value)}></textarea></label></div>`;
    switch (this.type) {
      case 'single':
      case 'multiple':
        return html`<fieldset><legend>${this.t('qb.form.options')}</legend>${this.choiceList(this.choices, (l) => (this.choices = l), 'option')}
          <label class="check"><input type="checkbox" .checked=${this.keepOrder} @change=${(e: Event) => (this.keepOrder = (e.target as HTMLInputElement).checked)} /> ${this.t('qb.form.keepOrder')}</label></fieldset>`;
      case 'true_false':
        return html`<fieldset><legend>${this.t('qb.form.statements')}</legend>${this.choiceList(this.statements, (l) => (this.statements = l), 'statement')}</fieldset>`;
      case 'short':
        return html`${text(this.t('qb.form.accepted'), this.accepted, (s) => (this.accepted = s))}
          <label class="check"><input type="checkbox" .checked=${this.ignoreDiacritics} @change=${(e: Event) => (this.ignoreDiacritics = (e.target as HTMLInputElement).checked)} /> ${this.t('qb.form.ignoreDiacritics')}</label>`;
      case 'numeric':
        return html`<div class="form-grid">
          <div class="field"><label for="qv">${this.t('qb.form.value')}</label><input id="qv" inputmode="decimal" required .value=${this.value} @input=${(e: Event) => (this.value = (e.target as HTMLInputElement).value)} /><span class="hint">${this.t('qb.form.valueHint')}</span></div>
          <div class="field"><label for="qt">${this.t('qb.form.tolerance')}</label><input id="qt" inputmode="decimal" .value=${this.tolerance} @input=${(e: Event) => (this.tolerance = (e.target as HTMLInputElement).value)} /></div>
          <div class="field"><label for="qu">${this.t('qb.form.unit')}</label><input id="qu" maxlength="30" .value=${this.unit} @input=${(e: Event) => (this.unit = (e.target as HTMLInputElement).value)} /></div></div>`;
      case 'matching':
        return html`<fieldset><legend>${this.t('qb.form.pairs')}</legend>${this.pairs.map((p, i) => html`<div class="row">
            <input aria-label=${this.t('qb.form.left', { n: i + 1 })} .value=${p.left} @input=${(e: Event) => (this.pairs = this.pairs.map((x, k) => (k === i ? { ...x, left: (e.target as HTMLInputElement).value } : x)))} />
            <span aria-hidden="true">→</span>
            <input aria-label=${this.t('qb.form.right', { n: i + 1 })} .value=${p.right} @input=${(e: Event) => (this.pairs = this.pairs.map((x, k) => (k === i ? { ...x, right: (e.target as HTMLInputElement).value } : x)))} />
            <button type="button" class="btn" ?disabled=${this.pairs.length <= 2} @click=${() => (this.pairs = this.pairs.filter((_, k) => k !== i))}>${this.t('qb.form.remove')}</button></div>`)}
          <button type="button" class="btn" ?disabled=${this.pairs.length >= 12} @click=${() => (this.pairs = [...this.pairs, { left: '', right: '' }])}>${this.t('qb.form.addPair')}</button></fieldset>
          ${text(this.t('qb.form.distractors'), this.distractors, (s) => (this.distractors = s), 2)}`;
      case 'essay':
        return html`${text(this.t('qb.form.rubric'), this.rubric, (s) => (this.rubric = s), 4)}
          <div class="field narrow"><label for="qw">${this.t('qb.form.maxWords')}</label><input id="qw" type="number" min="1" max="10000" inputmode="numeric" .value=${this.maxWords} @input=${(e: Event) => (this.maxWords = (e.target as HTMLInputElement).value)} /></div>`;
    }
  }

  override render() {
    return html`
      <form class="card" @submit=${this.save}>
        <h2>${this.t(this.question ? 'qb.form.edit' : 'qb.form.new')}</h2>
        <div class="form-grid">
          <div class="field"><label for="qtype">${this.t('qb.form.type')}</label>
            <select id="qtype" @change=${(e: Event) => { this.type = (e.target as HTMLSelectElement).value as QuestionType; }}>
              ${QUESTION_TYPES.map((t) => html`<option value=${t} ?selected=${t === this.type}>${this.t(`qb.type.${t}`)}</option>`)}</select></div>
          <div class="field"><label for="qlevel">${this.t('qb.form.level')}</label>
            <select id="qlevel" @change=${(e: Event) => { this.level = (e.target as HTMLSelectElement).value as CognitiveLevel; }}>
              ${COGNITIVE_LEVELS.map((l) => html`<option value=${l} ?selected=${l === this.level}>${this.t(`qb.level.${l}`)}</option>`)}</select></div>
          <div class="field"><label for="qpoints">${this.t('qb.form.points')}</label>
            <input id="qpoints" inputmode="decimal" .value=${this.points} @input=${(e: Event) => (this.points = (e.target as HTMLInputElement).value)} /></div>
        </div>
        <ph-lesson-picker fixed-subject fixed-grade .subjectId=${this.subjectId} .grade=${this.grade} .value=${this.lessonId} .label=${this.t('qb.form.lesson')}
          @change=${(e: CustomEvent<LessonPickDetail>) => { e.stopPropagation(); this.lessonId = e.detail.curriculumLessonId; }}></ph-lesson-picker>
        <div class="field wide"><label for="qstem">${this.t('qb.form.stem')}</label>
          <textarea id="qstem" rows="3" required maxlength="5000" .value=${this.stem} @input=${(e: Event) => (this.stem = (e.target as HTMLTextAreaElement).value)}></textarea></div>
        ${this.typeFields()}
        ${this.type !== 'essay' ? html`<div class="field wide"><label for="qexp">${this.t('qb.form.explanation')}</label>
          <textarea id="qexp" rows="2" .value=${this.explanation} @input=${(e: Event) => (this.explanation = (e.target as HTMLTextAreaElement).value)}></textarea></div>` : nothing}
        ${this.issues.length ? html`<div class="notice error" role="alert"><ul>${this.issues.map((i) => html`<li>${pick(i)}</li>`)}</ul></div>` : nothing}
        <div class="form-actions">
          <button class="btn primary big" type="submit" ?disabled=${this.busy}>${this.t('action.save')}</button>
          <button class="btn big" type="button" @click=${() => this.dispatchEvent(new CustomEvent('ph-cancel', { bubbles: true, composed: true }))}>${this.t('action.cancel')}</button>
        </div>
      </form>`;
  }

  static override styles = [baseStyles, formStyles, css`
    form { display: flex; flex-direction: column; gap: 1rem; }
    h2 { margin: 0; }
    .row { display: flex; gap: 0.5rem; align-items: center; margin-bottom: 0.5rem; }
    .row input:not([type]) { flex: 1; }
    .tick { display: flex; align-items: center; gap: 0.375rem; min-width: 4rem; min-height: 2.75rem; padding: 0 0.5rem; border: 1px solid var(--ph-color-border); border-radius: var(--ph-radius-small); cursor: pointer; font-weight: 700; }
    .tick input { width: 1.75rem; height: 1.75rem; }
    select.tf { width: 4.5rem; flex: none; font-weight: 700; }
    textarea { resize: vertical; }
    .narrow { max-width: 12rem; }
    fieldset { margin: 0; }
    @media (max-width: 40rem) { .row { flex-wrap: wrap; } .row input:not([type]) { min-width: 60%; } }
  `];
}

customElements.define('ph-question-form', QuestionForm);
declare global {
  interface HTMLElementTagNameMap { 'ph-question-form': QuestionForm }
}
