import { css, html, nothing } from 'lit';
import { PhElement } from './ph-element.js';
import type { RosterImportResult } from '../api/types.js';
import { pick } from '../i18n/index.js';
import { baseStyles, formStyles, tableStyles } from '../styles/shared-styles.js';

type Row = RosterImportResult['rows'][number];

/** The per-row report of a roster file: what will be created, updated, refused and why. */
export class RosterReport extends PhElement {
  static override properties = { report: { attribute: false }, onlyProblems: { state: true } };
  declare report: RosterImportResult | null;
  declare onlyProblems: boolean;

  constructor() {
    super();
    this.report = null;
    this.onlyProblems = false;
  }

  private status(row: Row) {
    if (row.status === 'rejected') return html`<span class="badge danger">✕ ${this.t('roster.rejected')}</span>`;
    if (row.status === 'skipped') return html`<span class="badge neutral">– ${this.t('roster.skipped')}</span>`;
    // Once written, the same report says what was done rather than what would be.
    const done = this.report?.committed;
    const key = row.action === 'update' ? (done ? 'roster.updated' : 'roster.update') : (done ? 'roster.created' : 'roster.create');
    return html`<span class="badge ok">✓ ${this.t(key)}</span>`;
  }

  override render() {
    const r = this.report;
    if (!r) return nothing;
    const rows = this.onlyProblems ? r.rows.filter((x) => x.status !== 'accepted') : r.rows;
    return html`
      <ul class="counts" aria-label=${this.t('roster.summary')}>
        <li class="ok"><strong>${r.accepted}</strong> ${this.t('roster.acceptedCount')}</li>
        <li class="danger"><strong>${r.rejected}</strong> ${this.t('roster.rejectedCount')}</li>
        <li class="neutral"><strong>${r.skipped}</strong> ${this.t('roster.skippedCount')}</li>
      </ul>
      ${r.ignoredColumns.length ? html`<p class="muted">${this.t('roster.ignored', { columns: r.ignoredColumns.join(', ') })}</p>` : nothing}
      <slot name="actions"></slot>
      <label class="check"><input type="checkbox" .checked=${this.onlyProblems} @change=${(e: Event) => (this.onlyProblems = (e.target as HTMLInputElement).checked)} />
        ${this.t('roster.onlyProblems')}</label>
      <div class="table-wrap">
        <table>
          <caption class="visually-hidden">${this.t('roster.reportCaption')}</caption>
          <thead><tr><th class="num">${this.t('roster.row')}</th><th>${this.t('person.personalId')}</th><th>${this.t('person.fullName')}</th><th>${this.t('roster.status')}</th><th>${this.t('roster.problems')}</th></tr></thead>
          <tbody>
            ${rows.map((row) => html`<tr class=${row.status}>
              <td class="num">${row.rowNumber}</td>
              <td class="mono">${row.personalId ?? ''}</td>
              <td class="name">${row.fullName ?? ''}</td>
              <td>${this.status(row)}</td>
              <td>${row.problems.length ? html`<ul>${row.problems.map((p) => html`<li>${pick(p)}</li>`)}</ul>`
                : row.status === 'skipped' ? html`<span class="muted">${this.t('roster.emptyRow')}</span>` : nothing}</td>
            </tr>`)}
          </tbody>
        </table>
      </div>`;
  }

  static override styles = [baseStyles, formStyles, tableStyles, css`
    .counts { list-style: none; display: flex; flex-wrap: wrap; gap: 0.75rem; margin: 0 0 1rem; padding: 0; }
    .counts li { padding: 0.5rem 1rem; border-radius: var(--ph-radius-small); font-size: 1.0625rem; }
    .counts strong { font-size: 1.375rem; margin-right: 0.25rem; }
    .counts .ok { background: var(--ph-color-success-soft); color: var(--ph-color-success); }
    .counts .danger { background: var(--ph-color-danger-soft); color: var(--ph-color-danger); }
    .counts .neutral { background: #eef1f4; color: var(--ph-color-muted); }
    tr.rejected td { background: #fff7f7; }
    tr.skipped td { color: var(--ph-color-muted); }
    td.mono { font-family: ui-monospace, "Noto Sans Mono", monospace; font-size: 0.875rem; white-space: nowrap; }
    td.name { min-width: 13rem; }
    .check { margin: 0.75rem 0 0.5rem; }
  `];
}

customElements.define('ph-roster-report', RosterReport);
declare global {
  interface HTMLElementTagNameMap { 'ph-roster-report': RosterReport }
}
