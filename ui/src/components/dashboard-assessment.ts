import { css, html, nothing } from 'lit';
import { PhElement } from './ph-element.js';
import { baseStyles, tableStyles } from '../styles/shared-styles.js';
import { formatNumber } from '../i18n/format.js';
import type { DashboardAssessmentRow } from '../api/dashboard.js';
import { formatPercent, level } from './dashboard-format.js';

const LEVELS: readonly [number, number] = [0.3, 0.7];

/**
 * Assessment progress as heat cells: one row per class, one column per subject, each cell the share
 * of gradebook cells entered, written as a percentage on a colour (the colour only repeats the
 * number). It is a real table, so screen readers read class × subject; the detailed table (teacher,
 * regular and periodic counts, online quizzes) is behind a toggle. Scrolls sideways in its box.
 */
export class DashboardAssessment extends PhElement {
  static override properties = { rows: { attribute: false }, showTable: { state: true } };
  declare rows: DashboardAssessmentRow[];
  declare showTable: boolean;

  constructor() {
    super();
    this.rows = [];
    this.showTable = false;
  }

  private grid() {
    const subjects = [...new Map(this.rows.map((r) => [r.subjectId, r.subjectName])).entries()].sort((a, b) => a[1].localeCompare(b[1], 'vi'));
    const classes = [...new Map(this.rows.map((r) => [r.classId, r.className])).entries()];
    const cell = new Map(this.rows.map((r) => [`${r.classId}:${r.subjectId}`, r]));
    return html`
      <div class="table-wrap heat-wrap">
        <table class="heat">
          <caption class="visually-hidden">${this.t('dash.as.chart')}</caption>
          <thead><tr><th scope="col">${this.t('dash.as.class')}</th>${subjects.map(([, name]) => html`<th scope="col" class="subject">${name}</th>`)}</tr></thead>
          <tbody>${classes.map(([classId, className]) => html`
            <tr><th scope="row">${className}</th>${subjects.map(([subjectId, subjectName]) => {
              const r = cell.get(`${classId}:${subjectId}`);
              if (!r) return html`<td class="cell none"><span class="visually-hidden">${this.t('dash.as.noCell')}</span></td>`;
              const filled = r.regular.filled + r.periodic.filled;
              const required = r.regular.required + r.periodic.required;
              const title = this.t('dash.as.cell', { class: className, subject: subjectName, rate: formatPercent(r.rate), filled: formatNumber(filled), required: formatNumber(required) });
              return html`<td class="cell ${level(r.rate, LEVELS)}" title=${title}>${formatPercent(r.rate)}</td>`;
            })}</tr>`)}
          </tbody>
        </table>
      </div>
      <p class="legend muted">${this.t('dash.as.legend')}
        <span class="key low"></span> ${this.t('dash.as.legendLow')}
        <span class="key mid"></span> ${this.t('dash.as.legendMid')}
        <span class="key high"></span> ${this.t('dash.as.legendHigh')}</p>`;
  }

  private details() {
    return html`
      <div class="table-wrap">
        <table>
          <thead><tr>
            <th scope="col">${this.t('dash.as.class')}</th><th scope="col">${this.t('dash.as.subject')}</th><th scope="col">${this.t('dash.as.teacher')}</th>
            <th scope="col" class="num">${this.t('dash.as.regular')}</th><th scope="col" class="num">${this.t('dash.as.periodic')}</th>
            <th scope="col" class="num">${this.t('dash.as.rate')}</th><th scope="col">${this.t('dash.as.quizzes')}</th>
          </tr></thead>
          <tbody>${this.rows.map((r) => html`<tr>
            <th scope="row">${r.className}</th><td>${r.subjectName}</td><td>${r.teacherName ?? ''}</td>
            <td class="num">${formatNumber(r.regular.filled)}/${formatNumber(r.regular.required)}</td>
            <td class="num">${formatNumber(r.periodic.filled)}/${formatNumber(r.periodic.required)}</td>
            <td class="num">${formatPercent(r.rate)}</td>
            <td>${this.t('dash.as.quizSummary', { open: r.quizzes.open, waiting: r.quizzes.waitingGrading, graded: r.quizzes.graded })}</td>
          </tr>`)}</tbody>
        </table>
      </div>`;
  }

  override render() {
    return html`
      ${this.grid()}
      <button type="button" class="btn toggle" aria-expanded=${this.showTable ? 'true' : 'false'} @click=${() => (this.showTable = !this.showTable)}>
        ${this.showTable ? this.t('dash.hideTable') : this.t('dash.showTable')}
      </button>
      ${this.showTable ? this.details() : nothing}`;
  }

  static override styles = [baseStyles, tableStyles, css`
    table { font-size: 0.95em; }
    .heat th, .heat td { padding: 0.4em 0.35em; border: 2px solid #fff; }
    .heat th.subject { white-space: normal; min-width: 4.6em; max-width: 7em; font-size: 0.8em; vertical-align: bottom; line-height: 1.2; padding: 0.4em 0.3em; }
    .heat tbody th { white-space: nowrap; }
    .cell { text-align: center; font-weight: 700; font-variant-numeric: tabular-nums; min-width: 3.7em; font-size: 0.95em; }
    .cell.none { background: repeating-linear-gradient(45deg, #f3f5f7, #f3f5f7 4px, #e9edf0 4px, #e9edf0 8px); }
    .cell.low, .key.low { background: #fde1e1; color: #8a1c22; }
    .cell.mid, .key.mid { background: #fff0c9; color: #6b4300; }
    .cell.high, .key.high { background: #d6f0de; color: #17562e; }
    .legend { margin: 0.5em 0 0; font-size: 0.9em; display: flex; flex-wrap: wrap; align-items: center; gap: 0.35em; }
    .key { display: inline-block; width: 1.1em; height: 1.1em; border-radius: 0.2em; border: 1px solid #c9d2da; margin-left: 0.6em; }
    .toggle { margin-top: 0.75em; min-height: 2.5em; font-size: 0.9em; }
    .toggle + .table-wrap { margin-top: 0.5em; }
  `];
}

customElements.define('ph-dashboard-assessment', DashboardAssessment);
declare global {
  interface HTMLElementTagNameMap { 'ph-dashboard-assessment': DashboardAssessment }
}
