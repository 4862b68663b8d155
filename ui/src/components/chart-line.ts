import { css, html, nothing, svg } from 'lit';
import { PhElement } from './ph-element.js';
import { baseStyles, tableStyles } from '../styles/shared-styles.js';
import { language } from '../i18n/index.js';

export interface ChartPoint {
  at: string;
  value: number;
}

const W = 640;
const H = 220;
const PAD = { left: 48, right: 12, top: 12, bottom: 28 };

/**
 * A small line chart drawn as plain SVG (no chart library), with the same numbers in a table
 * behind a toggle for screen readers and for reading exact values.
 */
export class ChartLine extends PhElement {
  static override properties = {
    label: {}, unit: {}, points: { attribute: false }, min: { type: Number }, max: { type: Number }, timeStyle: {}, showTable: { state: true },
  };
  declare label: string;
  declare unit: string;
  declare points: ChartPoint[];
  declare min: number | undefined;
  declare max: number | undefined;
  /** 'time' (hh:mm) for minute data, 'datetime' for hourly data. */
  declare timeStyle: 'time' | 'datetime';
  declare showTable: boolean;

  constructor() {
    super();
    this.label = '';
    this.unit = '%';
    this.points = [];
    this.min = undefined;
    this.max = undefined;
    this.timeStyle = 'time';
    this.showTable = false;
  }

  private when(at: string): string {
    const locale = language() === 'vi' ? 'vi-VN' : 'en-GB';
    const d = new Date(at);
    return this.timeStyle === 'time'
      ? d.toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' })
      : d.toLocaleString(locale, { day: '2-digit', month: '2-digit', hour: '2-digit', minute: '2-digit' });
  }

  private num(v: number): string {
    return v.toLocaleString(language() === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: 1 });
  }

  private chart() {
    const pts = this.points;
    const values = pts.map((p) => p.value);
    const lo = this.min ?? Math.min(...values);
    let hi = this.max ?? Math.max(...values);
    if (hi <= lo) hi = lo + 1;
    const times = pts.map((p) => Date.parse(p.at));
    const t0 = Math.min(...times);
    let t1 = Math.max(...times);
    if (t1 <= t0) t1 = t0 + 1;
    const x = (t: number) => PAD.left + ((t - t0) / (t1 - t0)) * (W - PAD.left - PAD.right);
    const y = (v: number) => PAD.top + (1 - (v - lo) / (hi - lo)) * (H - PAD.top - PAD.bottom);
    const coords = pts.map((p, i) => `${x(times[i] ?? t0).toFixed(1)},${y(p.value).toFixed(1)}`).join(' ');
    const grid = [lo, (lo + hi) / 2, hi];
    const first = pts[0];
    const last = pts[pts.length - 1];
    return svg`
      ${grid.map((g) => svg`
        <line class="grid" x1=${PAD.left} x2=${W - PAD.right} y1=${y(g)} y2=${y(g)}></line>
        <text class="axis" x=${PAD.left - 6} y=${y(g) + 4} text-anchor="end">${this.num(g)}</text>`)}
      <polyline class="line" points=${coords}></polyline>
      ${pts.length <= 120 ? pts.map((p, i) => svg`<circle class="dot" cx=${x(times[i] ?? t0)} cy=${y(p.value)} r="2.5"></circle>`) : nothing}
      ${first ? svg`<text class="axis" x=${PAD.left} y=${H - 8} text-anchor="start">${this.when(first.at)}</text>` : nothing}
      ${last && pts.length > 1 ? svg`<text class="axis" x=${W - PAD.right} y=${H - 8} text-anchor="end">${this.when(last.at)}</text>` : nothing}`;
  }

  override render() {
    const pts = this.points;
    const last = pts[pts.length - 1];
    return html`
      <figure>
        <figcaption>
          <span class="title">${this.label}</span>
          ${last ? html`<span class="now">${this.num(last.value)} ${this.unit}</span>` : nothing}
        </figcaption>
        ${pts.length === 0
          ? html`<p class="muted empty">${this.t('chart.empty')}</p>`
          : html`<svg viewBox="0 0 ${W} ${H}" role="img" aria-label=${`${this.label}: ${this.t('chart.points', { n: pts.length })}`}>${this.chart()}</svg>`}
        ${pts.length ? html`
          <button type="button" class="btn toggle" aria-expanded=${this.showTable ? 'true' : 'false'} @click=${() => (this.showTable = !this.showTable)}>
            ${this.showTable ? this.t('chart.hideTable') : this.t('chart.showTable')}
          </button>` : nothing}
        ${this.showTable ? html`
          <div class="table-wrap">
            <table>
              <thead><tr><th>${this.t('chart.colTime')}</th><th class="num">${this.t('chart.colValue', { unit: this.unit })}</th></tr></thead>
              <tbody>${[...pts].reverse().map((p) => html`<tr><td>${this.when(p.at)}</td><td class="num">${this.num(p.value)}</td></tr>`)}</tbody>
            </table>
          </div>` : nothing}
      </figure>`;
  }

  static override styles = [baseStyles, tableStyles, css`
    figure { margin: 0; }
    figcaption { display: flex; justify-content: space-between; gap: 1rem; font-weight: 700; margin-bottom: 0.5rem; }
    .now { font-variant-numeric: tabular-nums; color: var(--ph-color-primary); }
    svg { width: 100%; height: auto; display: block; background: #fbfcfd; border: 1px solid var(--ph-color-border); border-radius: var(--ph-radius-small); }
    .grid { stroke: #dde3e8; stroke-width: 1; }
    .axis { font-size: 12px; fill: #5b6b7a; }
    .line { fill: none; stroke: var(--ph-color-primary); stroke-width: 2.5; stroke-linejoin: round; }
    .dot { fill: var(--ph-color-primary); }
    .toggle { margin-top: 0.5rem; min-height: 2.5rem; font-size: 0.9375rem; }
    .table-wrap { margin-top: 0.5rem; max-height: 16rem; overflow-y: auto; }
    .empty { padding: 2rem 0; text-align: center; border: 1px dashed var(--ph-color-border); border-radius: var(--ph-radius-small); }
  `];
}

customElements.define('ph-chart-line', ChartLine);
declare global {
  interface HTMLElementTagNameMap { 'ph-chart-line': ChartLine }
}
