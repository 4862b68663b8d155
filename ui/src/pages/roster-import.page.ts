import { css, html, nothing } from 'lit';
import { PhElement } from '../components/ph-element.js';
import '../components/progress-bar.js';
import '../components/roster-report.js';
import '../components/file-drop.js';
import { api } from '../api/endpoints.js';
import { isApiError } from '../api/client.js';
import type { ImportMode, RosterImportResult, RosterKind } from '../api/types.js';
import { notifyError } from '../state/notify.js';
import { pick } from '../i18n/index.js';
import { PATHS } from '../router.js';
import { baseStyles, formStyles } from '../styles/shared-styles.js';

interface Failure {
  text: { vi: string; en: string };
  missing: string[];
}

/**
 * Roster import from the education-sector export: check the file first (per-row report), then
 * import all rows (refused while any row is rejected) or only the valid ones. The file is sent
 * again for each step; the server keeps nothing half-imported.
 */
export class RosterImportPage extends PhElement {
  static override properties = {
    kind: { state: true }, file: { state: true }, progress: { state: true }, working: { state: true },
    report: { state: true }, failure: { state: true }, refusedAll: { state: true },
  };
  declare kind: RosterKind;
  declare file: File | null;
  declare progress: number | null;
  declare working: ImportMode | null;
  declare report: RosterImportResult | null;
  declare failure: Failure | null;
  declare refusedAll: boolean;

  constructor() {
    super();
    this.kind = 'students';
    this.file = null;
    this.progress = null;
    this.working = null;
    this.report = null;
    this.failure = null;
    this.refusedAll = false;
  }

  private take(file: File) {
    this.file = file;
    this.report = null;
    this.failure = null;
    void this.send('preview');
  }

  private async send(mode: ImportMode) {
    if (!this.file) return;
    this.working = mode;
    this.progress = 0;
    this.failure = null;
    this.refusedAll = false;
    try {
      const result = await api.importRoster(this.kind, mode, this.file, (f) => (this.progress = f));
      this.report = result;
      this.refusedAll = mode === 'all' && !result.committed;
    } catch (e) {
      if (isApiError(e) && e.status >= 400 && e.status < 500 && e.code !== 'UNAUTHENTICATED') {
        const missing = Array.isArray(e.details?.missing) ? e.details.missing.map(String) : [];
        this.failure = { text: e.text, missing };
        this.report = null;
      } else {
        notifyError(e);
      }
    } finally {
      this.working = null;
    }
  }

  private restart() {
    this.file = null;
    this.report = null;
    this.failure = null;
    this.refusedAll = false;
    this.renderRoot.querySelector('ph-file-drop')?.clear();
  }

  private progressLabel(): string {
    if (this.progress !== null && this.progress < 1) return this.t('roster.uploading');
    return this.working === 'preview' ? this.t('roster.checking') : this.t('roster.writing');
  }

  private actions(r: RosterImportResult) {
    if (r.committed) {
      return html`<div class="notice success" role="status">
        <strong>${this.t('roster.done', { created: r.created, updated: r.updated })}</strong>
        ${r.rejected ? html`<p>${this.t('roster.doneRejected', { count: r.rejected })}</p>` : nothing}
        <div class="actions"><button class="btn" @click=${this.restart}>${this.t('roster.another')}</button>
          ${r.kind === 'students' ? html`<a class="btn" href=${PATHS.classes}>${this.t('classes.title')}</a>` : html`<a class="btn" href=${PATHS.people}>${this.t('people.title')}</a>`}</div>
      </div>`;
    }
    return html`
      ${this.refusedAll ? html`<p class="notice error" role="alert">${this.t('roster.refusedAll', { count: r.rejected })}</p>` : nothing}
      <div class="actions">
        <button class="btn primary big" ?disabled=${!!this.working} @click=${() => this.send('all')}>${this.t('roster.importAll')}</button>
        <button class="btn big" ?disabled=${!!this.working || r.accepted === 0} @click=${() => this.send('accepted')}>${this.t('roster.importAccepted')}</button>
      </div>
      ${r.rejected ? html`<p class="muted">${this.t('roster.allHint', { count: r.rejected })}</p>` : nothing}`;
  }

  override render() {
    return html`
      <div class="page-head">
        <h1>${this.t('roster.title')}</h1>
        <div class="actions export">
          <a class="btn" href=${api.rosterExportUrl('students')} download>${this.t('roster.exportStudents')}</a>
          <a class="btn" href=${api.rosterExportUrl('teachers')} download>${this.t('roster.exportTeachers')}</a>
        </div>
      </div>
      <p class="muted intro">${this.t('roster.intro')}</p>
      <section class="card">
        <fieldset ?disabled=${!!this.working}>
          <legend>${this.t('roster.kind')}</legend>
          <div class="kinds">
            ${(['students', 'teachers'] as const).map((k) => html`<label class="check"><input type="radio" name="kind" value=${k} .checked=${this.kind === k}
              @change=${() => { this.kind = k; this.restart(); }} /> ${this.t(k === 'students' ? 'roster.students' : 'roster.teachers')}</label>`)}
          </div>
        </fieldset>
        <ph-file-drop .label=${this.t('roster.file')} .hint=${this.t('roster.fileHint')} .fileName=${this.file?.name ?? ''} ?disabled=${!!this.working}
          accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv" @ph-file=${(e: CustomEvent<File>) => this.take(e.detail)}></ph-file-drop>
        ${this.working ? html`<ph-progress-bar .value=${this.progress} .label=${this.progressLabel()}></ph-progress-bar>` : nothing}
        ${this.failure ? html`<div class="notice error" role="alert">${pick(this.failure.text)}
          ${this.failure.missing.length ? html`<ul>${this.failure.missing.map((m) => html`<li>${m}</li>`)}</ul>` : nothing}</div>` : nothing}
      </section>
      ${this.report ? html`
        <section aria-labelledby="report-title">
          <h2 id="report-title">${this.t('roster.report', { file: this.file?.name ?? '' })}</h2>
          <ph-roster-report .report=${this.report}><div slot="actions">${this.actions(this.report)}</div></ph-roster-report>
        </section>` : nothing}`;
  }

  static override styles = [baseStyles, formStyles, css`
    .intro { max-width: 60rem; }
    section.card { display: flex; flex-direction: column; gap: 1rem; margin-bottom: 1.5rem; }
    fieldset { margin: 0; }
    .kinds { display: flex; flex-wrap: wrap; gap: 0 2rem; }
    .notice ul { margin: 0.5rem 0 0; }
    .notice .actions { margin-top: 0.75rem; }
    [slot='actions'] { margin: 0.5rem 0 0; }
    [slot='actions'] > .actions { margin-bottom: 0.5rem; }
    ph-roster-report { display: block; }
  `];
}

customElements.define('ph-roster-import-page', RosterImportPage);
declare global {
  interface HTMLElementTagNameMap { 'ph-roster-import-page': RosterImportPage }
}
