import { css, html, nothing, svg } from 'lit';
import { PhElement } from './ph-element.js';
import { baseStyles, tableStyles } from '../styles/shared-styles.js';
import { formatNumber } from '../i18n/format.js';

export interface BarItem {
  label: string;
  /** One value per series, drawn side by side. */
  values: number[];
}

const COLORS = ['#0f4c5c', '#f2a900', '#5b8c5a'];
const ROW = 30;
const LABEL_W = 120;

/**
 * Horizontal bars for figures people compare (by month, by class), drawn as plain SVG, with the
 * same numbers in a table behind a toggle (screen readers, exact values). Horizontal bars keep
 * long Vietnamese labels readable on a phone.
 */
export class ReportBars extends PhElement {
  static override properties = { label: {}, series: { attribute: false }, items: { attribute: false }, max: { type: Number }, unit: {}, showTable: { state: true }, width: { state: true } };
  declare label: string;
  declare series: string[];
  declare items: BarItem[];
  declare max: number | undefined;
  declare unit: string;
  declare showTable: boolean;
  /** The drawing's width follows the element's, so labels keep their size on a phone. */
  declare width: number;
  private resize: ResizeObserver | undefined;

  constructor() {
    super();
    this.label = '';
    this.series = [];
    this.items = [];
    this.max = undefined;
    this.unit = '';
    this.showTable = false;
    this.width = 640;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.resize = new ResizeObserver((entries) => {
      const w = Math.round(entries[0]?.contentRect.width ?? 640);
      if (w > 0 && Math.abs(w - this.width) > 8) this.width = Math.min(768, Math.max(280, w));
    });
    this.resize.observe(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.resize?.disconnect();
  }

  private chart() {
    const n = Math.max(1, this.series.length);
    const max = this.max ?? Math.max(1, ...this.items.flatMap((i) => i.values));
    const barH = (ROW - 8) / n;
    const W = this.width;
    const labelW = W < 420 ? 84 : LABEL_W;
    const plotW = W - labelW - 56;
    const h = this.items.length * ROW + 8;
    return html`<svg viewBox="0 0 ${W} ${h}" role="img" aria-label=${this.label}>
      ${this.items.map((item, r) => svg`
        <text class="label" x=${labelW - 8} y=${r * ROW + ROW / 2 + 4} text-anchor="end">${item.label.length > (W < 420 ? 11 : 16) ? `${item.label.slice(0, W < 420 ? 10 : 15)}…` : item.label}</text>
        ${item.values.map((v, s) => {
          const w = Math.max(0, (v / max) * plotW);
          const y = r * ROW + 4 + s * barH;
          return svg`<rect x=${labelW} y=${y} width=${w} height=${barH - 1} fill=${COLORS[s % COLORS.length]}></rect>
            <text class="value" x=${labelW + w + 4} y=${y + barH / 2 + 4}>${formatNumber(v)}${this.unit}</text>`;
        })}`)}
    </svg>`;
  }

  override render() {
    if (!this.items.length) return html`<p class="muted">${this.t('rep.fig.noData')}</p>`;
    return html`
      <figure>
        <figcaption>${this.label}</figcaption>
        ${this.series.length > 1 ? html`<ul class="legend">${this.series.map((s, i) => html`<li><span style="background:${COLORS[i % COLORS.length]}"></span>${s}</li>`)}</ul>` : nothing}
        ${this.chart()}
        <button class="btn small" type="button" aria-expanded=${this.showTable} @click=${() => (this.showTable = !this.showTable)}>${this.t(this.showTable ? 'rep.hideTable' : 'rep.showTable')}</button>
        ${this.showTable ? html`<div class="table-wrap"><table>
          <thead><tr><th></th>${this.series.map((s) => html`<th class="num">${s}</th>`)}</tr></thead>
          <tbody>${this.items.map((i) => html`<tr><th scope="row">${i.label}</th>${i.values.map((v) => html`<td class="num">${formatNumber(v)}${this.unit}</td>`)}</tr>`)}</tbody>
        </table></div>` : nothing}
      </figure>`;
  }

  static override styles = [baseStyles, tableStyles, css`
    figure { margin: 0 0 1rem; }
    figcaption { font-weight: 700; margin-bottom: 0.5rem; }
    svg { width: 100%; height: auto; display: block; max-width: 48rem; }
    .label { font-size: 12px; fill: #2c3e50; }
    .value { font-size: 11px; fill: #2c3e50; }
    .legend { list-style: none; display: flex; gap: 1rem; padding: 0; margin: 0 0 0.5rem; font-size: 0.875rem; }
    .legend span { display: inline-block; width: 0.875rem; height: 0.875rem; margin-right: 0.375rem; vertical-align: -2px; border-radius: 2px; }
    .btn.small { min-height: 2.25rem; padding: 0.25rem 0.75rem; font-size: 0.875rem; margin-top: 0.5rem; }
    .table-wrap { margin-top: 0.5rem; }
    tbody th[scope='row'] { background: none; font-weight: 600; }
  `];
}

customElements.define('ph-report-bars', ReportBars);
declare global {
  interface HTMLElementTagNameMap { 'ph-report-bars': ReportBars }
}
