import { css, html, nothing, svg } from 'lit';
import { PhElement } from './ph-element.js';
import { baseStyles, tableStyles } from '../styles/shared-styles.js';
import type { ProgressCell, ProgressMaterial, ProgressStudentRow } from '../api/progress.js';
import { formatDuration, materialTitle } from './student-progress.js';

const CELL = 34;
const GAP = 3;
const NAME_W = 170;
const HEAD_H = 28;

/**
 * The class's progress as a heat-map grid drawn in plain SVG (no chart library): one row per
 * student, one column per material (numbered; the key lists them), colour by status, the best
 * H5P score written in the cell, a red frame for "needs help". The same figures are in a table
 * behind a toggle (screen readers, exact values). Scrolls sideways inside its box on a phone.
 */
export class ProgressHeatmap extends PhElement {
  static override properties = { materials: { attribute: false }, students: { attribute: false }, cells: { attribute: false }, showTable: { state: true } };
  declare materials: ProgressMaterial[];
  declare students: ProgressStudentRow[];
  declare cells: ProgressCell[];
  declare showTable: boolean;

  constructor() {
    super();
    this.materials = [];
    this.students = [];
    this.cells = [];
    this.showTable = false;
  }

  private cellMap() {
    return new Map(this.cells.map((c) => [`${c.studentId}:${c.materialId}`, c]));
  }

  private grid() {
    const map = this.cellMap();
    const w = NAME_W + this.materials.length * (CELL + GAP);
    const h = HEAD_H + this.students.length * (CELL + GAP);
    return html`
      <div class="scroll">
        <svg width=${w} height=${h} viewBox="0 0 ${w} ${h}" role="img" aria-label=${this.t('progress.chart.title')}>
          ${this.materials.map((m, j) => svg`<text class="head" x=${NAME_W + j * (CELL + GAP) + CELL / 2} y=${HEAD_H - 10} text-anchor="middle"><title>${materialTitle(m, this.t)}</title>${j + 1}</text>`)}
          ${this.students.map((s, i) => {
            const y = HEAD_H + i * (CELL + GAP);
            return svg`
              <text class="name" x=${NAME_W - 8} y=${y + CELL / 2 + 5} text-anchor="end">${clip(s.fullName)}<title>${s.fullName}</title></text>
              ${this.materials.map((m, j) => {
                const c = map.get(`${s.id}:${m.id}`);
                const status = c?.status ?? 'not_started';
                const x = NAME_W + j * (CELL + GAP);
                const score = c?.bestScore;
                const label = `${s.fullName} – ${materialTitle(m, this.t)}: ${this.t(`progress.status.${status}`)}${score !== null && score !== undefined ? `, ${Math.round(score * 100)}%` : ''}${c?.stuck ? `, ${this.t(`progress.stuck.${c.stuck}`)}` : ''}`;
                return svg`
                  <g>
                    <rect class="cell ${status} ${c?.stuck ? 'stuck' : ''}" x=${x} y=${y} width=${CELL} height=${CELL} rx="4"><title>${label}</title></rect>
                    ${score !== null && score !== undefined ? svg`<text class="score ${status}" x=${x + CELL / 2} y=${y + CELL / 2 + 4} text-anchor="middle">${Math.round(score * 100)}</text>` : nothing}
                  </g>`;
              })}`;
          })}
        </svg>
      </div>`;
  }

  private table() {
    const map = this.cellMap();
    return html`
      <div class="table-wrap">
        <table>
          <caption>${this.t('progress.chart.title')}</caption>
          <thead><tr><th>${this.t('progress.col.student')}</th>${this.materials.map((m, j) => html`<th title=${materialTitle(m, this.t)}>${j + 1}</th>`)}</tr></thead>
          <tbody>${this.students.map((s) => html`<tr><th scope="row">${s.fullName}</th>${this.materials.map((m) => {
            const c = map.get(`${s.id}:${m.id}`);
            const status = c?.status ?? 'not_started';
            return html`<td>${this.t(`progress.status.${status}`)}${c?.bestScore !== null && c?.bestScore !== undefined ? html` · ${Math.round(c.bestScore * 100)}%` : nothing}
              ${c && c.activeSeconds ? html`<br><span class="muted">${formatDuration(c.activeSeconds, this.t)}</span>` : nothing}
              ${c?.stuck ? html`<br><span class="badge danger">${this.t('progress.stuck')}</span>` : nothing}</td>`;
          })}</tr>`)}</tbody>
        </table>
      </div>`;
  }

  override render() {
    if (!this.materials.length) return html`<p class="muted">${this.t('progress.noMaterials')}</p>`;
    return html`
      <p class="legend">
        <span><i class="not_started"></i>${this.t('progress.status.not_started')}</span>
        <span><i class="in_progress"></i>${this.t('progress.status.in_progress')}</span>
        <span><i class="completed"></i>${this.t('progress.status.completed')}</span>
        <span><i class="stuck"></i>${this.t('progress.stuck')}</span>
      </p>
      ${this.grid()}
      <ol class="key">${this.materials.map((m) => html`<li>${materialTitle(m, this.t)}</li>`)}</ol>
      <button class="btn" type="button" aria-expanded=${this.showTable ? 'true' : 'false'} @click=${() => { this.showTable = !this.showTable; }}>
        ${this.showTable ? this.t('progress.hideTable') : this.t('progress.showTable')}</button>
      ${this.showTable ? this.table() : nothing}`;
  }

  static override styles = [baseStyles, tableStyles, css`
    .scroll { overflow-x: auto; padding-bottom: 0.25rem; }
    svg { display: block; font: inherit; }
    .head { font-size: 13px; font-weight: 700; fill: var(--ph-color-muted); }
    .name { font-size: 13px; fill: var(--ph-color-text, #1c2733); }
    .cell { stroke: transparent; stroke-width: 3; }
    .cell.not_started, i.not_started { fill: #e3e8ed; background: #e3e8ed; }
    .cell.in_progress, i.in_progress { fill: #f6c76b; background: #f6c76b; }
    .cell.completed, i.completed { fill: #2e8b57; background: #2e8b57; }
    .cell.stuck { stroke: #c62828; }
    i.stuck { background: #fff; border: 3px solid #c62828; }
    .score { font-size: 12px; font-weight: 700; fill: #1c2733; pointer-events: none; }
    .score.completed { fill: #fff; }
    .legend { display: flex; flex-wrap: wrap; gap: 0.5rem 1.25rem; margin: 0 0 0.5rem; font-size: 0.9375rem; }
    .legend span { display: inline-flex; align-items: center; gap: 0.375rem; }
    .legend i { display: inline-block; width: 1rem; height: 1rem; border-radius: 3px; }
    .key { margin: 0.5rem 0 0.75rem; padding-left: 1.5rem; font-size: 0.9375rem; columns: 2 18rem; }
    .table-wrap { margin-top: 0.75rem; }
  `];
}

const clip = (name: string) => (name.length > 22 ? `${name.slice(0, 21)}…` : name);

customElements.define('ph-progress-heatmap', ProgressHeatmap);
declare global {
  interface HTMLElementTagNameMap { 'ph-progress-heatmap': ProgressHeatmap }
}
