import { css, html, nothing } from 'lit';
import { PhElement } from './ph-element.js';
import './file-drop.js';
import './progress-bar.js';
import { questionsApi, type QuestionImportReport } from '../api/questions.js';
import { curriculumApi, type CurriculumLesson } from '../api/curriculum.js';
import { isApiError } from '../api/client.js';
import { notifyError } from '../state/notify.js';
import { pick } from '../i18n/index.js';
import { baseStyles, formStyles, tableStyles } from '../styles/shared-styles.js';

/**
 * Imports questions (Art. 7.3) for one subject × grade: pasted text in the bank's plain format (the
 * rules and an example are on the page) or an .xlsx/.csv file. Always checked first with a report
 * per question (line numbers, Vietnamese/English messages); written only when every question is
 * valid, in one transaction. Fires `ph-imported` after a commit.
 */
export class QuestionImport extends PhElement {
  static override properties = {
    subjectId: { type: Number }, grade: { type: Number },
    mode: { state: true }, text: { state: true }, file: { state: true }, example: { state: true }, lessons: { state: true },
    report: { state: true }, busy: { state: true }, progress: { state: true }, failure: { state: true },
  };
  declare subjectId: number; declare grade: number;
  declare mode: 'text' | 'file'; declare text: string; declare file: File | null; declare example: string; declare lessons: CurriculumLesson[];
  declare report: QuestionImportReport | null; declare busy: boolean; declare progress: number | null; declare failure: { vi: string; en: string } | null;

  constructor() {
    super();
    this.mode = 'text';
    this.text = '';
    this.file = null;
    this.example = '';
    this.lessons = [];
    this.report = null;
    this.busy = false;
    this.progress = null;
    this.failure = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    questionsApi.textExample().then((r) => { this.example = r.example; }, () => undefined);
    curriculumApi.lessons(this.subjectId, this.grade).then((l) => { this.lessons = l; }, () => undefined);
  }

  private async send(commit: boolean) {
    this.busy = true;
    this.failure = null;
    try {
      if (this.mode === 'text') {
        if (!this.text.trim()) return;
        this.report = await questionsApi.importText(this.subjectId, this.grade, this.text, commit);
      } else {
        if (!this.file) return;
        this.progress = 0;
        this.report = await questionsApi.importSheet(this.subjectId, this.grade, this.file, commit, (f) => (this.progress = f));
      }
      if (this.report.committed) {
        this.dispatchEvent(new CustomEvent('ph-imported', { detail: { count: this.report.createdIds.length }, bubbles: true, composed: true }));
        this.text = '';
      }
    } catch (e) {
      if (isApiError(e) && e.status >= 400 && e.status < 500 && e.code !== 'UNAUTHENTICATED') { this.failure = e.text; this.report = null; } else notifyError(e);
    } finally {
      this.busy = false;
      this.progress = null;
    }
  }

  private reportView(r: QuestionImportReport) {
    const lesson = (id: number | null, ref: string | null) => (id !== null ? this.lessons.find((l) => l.id === id)?.title ?? ref : ref) ?? '–';
    return html`<div class="report" role="status">
      <p><span class="badge ok">${this.t('qb.import.accepted', { n: r.accepted })}</span>
        ${r.rejected ? html`<span class="badge danger">${this.t('qb.import.rejected', { n: r.rejected })}</span>` : nothing}</p>
      ${r.items.length ? html`<div class="table-wrap"><table>
        <thead><tr><th>${this.t('qb.import.question')}</th><th>${this.t('qb.form.type')}</th><th>${this.t('qb.form.lesson')}</th><th>${this.t('qb.import.problems')}</th></tr></thead>
        <tbody>${r.items.map((i) => html`<tr class=${i.ok ? '' : 'bad'}><td>${i.label || this.t('qb.import.general')}<div class="muted stem">${i.stem}</div></td>
          <td>${i.type ? this.t(`qb.type.${i.type}`) : '–'}${i.level ? html`<div class="muted">${this.t(`qb.level.${i.level}`)}</div>` : nothing}</td>
          <td>${i.index < 0 ? '' : lesson(i.curriculumLessonId, i.lessonRef)}</td>
          <td>${i.errors.length || i.warnings.length ? html`<ul>${i.errors.map((m) => html`<li class="err">${this.t('qb.import.line', { line: m.line })}: ${pick(m)}</li>`)}
            ${i.warnings.map((m) => html`<li class="warn">${this.t('qb.import.line', { line: m.line })}: ${pick(m)}</li>`)}</ul>` : html`<span class="badge ok">✓</span>`}</td></tr>`)}</tbody>
      </table></div>` : nothing}
      ${r.committed ? html`<p class="notice success">${this.t('qb.import.committed', { n: r.createdIds.length })}</p>`
        : r.rejected ? html`<p class="notice warning">${this.t('qb.import.fixFirst')}</p>`
        : html`<button class="btn primary big" ?disabled=${this.busy || r.accepted === 0} @click=${() => this.send(true)}>${this.t('qb.import.commit', { n: r.accepted })}</button>`}
    </div>`;
  }

  override render() {
    return html`
      <section class="card">
        <h2>${this.t('qb.import.title')}</h2>
        <div class="tabs" role="tablist">
          ${(['text', 'file'] as const).map((m) => html`<button role="tab" class="btn ${this.mode === m ? 'primary' : ''}" aria-selected=${this.mode === m ? 'true' : 'false'}
            @click=${() => { this.mode = m; this.report = null; this.failure = null; }}>${this.t(m === 'text' ? 'qb.import.paste' : 'qb.import.file')}</button>`)}
        </div>
        ${this.mode === 'text' ? html`
          <div class="field"><label for="qtext">${this.t('qb.import.textLabel')}</label>
            <textarea id="qtext" rows="14" spellcheck="false" .value=${this.text} @input=${(e: Event) => { this.text = (e.target as HTMLTextAreaElement).value; this.report = null; }}></textarea></div>
          <div class="actions">
            <button class="btn primary big" ?disabled=${this.busy || !this.text.trim()} @click=${() => this.send(false)}>${this.t('qb.import.check')}</button>
            <button class="btn big" ?disabled=${this.busy || !this.example} @click=${() => { this.text = this.example; this.report = null; }}>${this.t('qb.import.useExample')}</button>
          </div>` : html`
          <ph-file-drop .label=${this.t('qb.import.file')} .hint=${this.t('qb.import.sheetRules')} .fileName=${this.file?.name ?? ''} ?disabled=${this.busy}
            accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
            @ph-file=${(e: CustomEvent<File>) => { this.file = e.detail; this.report = null; void this.send(false); }}></ph-file-drop>
          ${this.busy && this.progress !== null ? html`<ph-progress-bar .value=${this.progress} .label=${this.t('roster.checking')}></ph-progress-bar>` : nothing}`}
        ${this.failure ? html`<p class="notice error" role="alert">${pick(this.failure)}</p>` : nothing}
        ${this.report ? this.reportView(this.report) : nothing}
        <details class="format" open>
          <summary>${this.t('qb.import.format')}</summary>
          <ul>${this.t('qb.import.rules').split('\n').map((r) => html`<li>${r}</li>`)}</ul>
          ${this.example ? html`<pre>${this.example}</pre>` : nothing}
          <p class="hint">${this.t('qb.import.sheetRules')}</p>
          ${this.lessons.length ? html`<details><summary>${this.t('qb.import.lessons')}</summary>
            <ul class="lessons">${this.lessons.map((l) => html`<li><code>(Mục ${l.position})</code> ${l.title}</li>`)}</ul></details>` : nothing}
        </details>
      </section>`;
  }

  static override styles = [baseStyles, formStyles, tableStyles, css`
    section { display: flex; flex-direction: column; gap: 0.875rem; }
    h2 { margin: 0; }
    .tabs, .actions { display: flex; flex-wrap: wrap; gap: 0.5rem; }
    textarea { font-size: 0.9375rem; line-height: 1.5; resize: vertical; }
    pre { font-family: inherit; line-height: 1.5; background: #f6f8fa; border: 1px solid var(--ph-color-border); border-radius: var(--ph-radius-small); padding: 0.75rem 1rem; overflow-x: auto; font-size: 0.875rem; white-space: pre-wrap; }
    details summary { cursor: pointer; font-weight: 700; min-height: 2.75rem; display: flex; align-items: center; }
    .format ul { padding-left: 1.25rem; }
    .format li { margin: 0.25rem 0; }
    tr.bad td:first-child { border-left: 4px solid var(--ph-color-danger); }
    .stem { font-size: 0.875rem; max-width: 22rem; }
    li.err { color: #5c1014; }
    li.warn { color: #4a2d00; }
    .report .badge { margin-right: 0.5rem; }
    ul.lessons { columns: 2 18rem; }
  `];
}

customElements.define('ph-question-import', QuestionImport);
declare global {
  interface HTMLElementTagNameMap { 'ph-question-import': QuestionImport }
}
