import { css, html, nothing } from 'lit';
import { PhElement } from './ph-element.js';
import { baseStyles, tableStyles } from '../styles/shared-styles.js';
import { formatNumber } from '../i18n/format.js';
import { formatPercent, level } from './dashboard-format.js';

export interface BarItem {
  key: string | number;
  label: string;
  /** The part (present, taught…) of the whole (expected, planned…). */
  part: number;
  whole: number;
}

/**
 * A small horizontal bar chart for comparing shares (no chart library): one row per item with its
 * name, a bar, the percentage and the figures written out, so the numbers never depend on colour.
 * The bars are a list (screen readers read each row); the table behind the toggle gives the exact
 * figures in columns. Sizes are in em, so the chart grows with the page's type (kiosk screen).
 */
export class ChartBars extends PhElement {
  static override properties = {
    label: {}, items: { attribute: false }, nameLabel: {}, partLabel: {}, wholeLabel: {}, thresholds: { attribute: false }, showTable: { state: true },
  };
  declare label: string;
  declare items: BarItem[];
  /** Column headings of the table: the items' name, the part, the whole. */
  declare nameLabel: string;
  declare partLabel: string;
  declare wholeLabel: string;
  /** Rates below the first are "low", below the second "mid", else "high". */
  declare thresholds: readonly [number, number];
  declare showTable: boolean;

  constructor() {
    super();
    this.label = '';
    this.items = [];
    this.nameLabel = '';
    this.partLabel = '';
    this.wholeLabel = '';
    this.thresholds = [0.75, 0.9];
    this.showTable = false;
  }

  override render() {
    const rows = this.items.map((i) => ({ ...i, rate: i.whole > 0 ? i.part / i.whole : null }));
    return html`
      <figure>
        <figcaption>${this.label}</figcaption>
        <ul class="bars">
          ${rows.map((r) => html`
            <li>
              <span class="name">${r.label}</span>
              <span class="track" aria-hidden="true"><span class="fill ${level(r.rate, this.thresholds)}" style=${`width:${Math.min(100, (r.rate ?? 0) * 100)}%`}></span></span>
              <span class="value"><strong>${formatPercent(r.rate)}</strong> <span class="muted">${formatNumber(r.part)}/${formatNumber(r.whole)}</span></span>
            </li>`)}
        </ul>
        <button type="button" class="btn toggle" aria-expanded=${this.showTable ? 'true' : 'false'} @click=${() => (this.showTable = !this.showTable)}>
          ${this.showTable ? this.t('dash.hideTable') : this.t('dash.showTable')}
        </button>
        ${this.showTable ? html`
          <div class="table-wrap">
            <table>
              <caption class="visually-hidden">${this.label}</caption>
              <thead><tr><th scope="col">${this.nameLabel}</th><th scope="col" class="num">${this.partLabel}</th><th scope="col" class="num">${this.wholeLabel}</th><th scope="col" class="num">${this.t('dash.att.rate')}</th></tr></thead>
              <tbody>${rows.map((r) => html`<tr><th scope="row">${r.label}</th><td class="num">${formatNumber(r.part)}</td><td class="num">${formatNumber(r.whole)}</td><td class="num">${formatPercent(r.rate)}</td></tr>`)}</tbody>
            </table>
          </div>` : nothing}
      </figure>`;
  }

  static override styles = [baseStyles, tableStyles, css`
    figure { margin: 0; }
    figcaption { font-weight: 700; margin-bottom: 0.5em; }
    .bars { list-style: none; margin: 0; padding: 0; display: grid; gap: 0.4em; }
    li { display: grid; grid-template-columns: minmax(3.5em, max-content) minmax(4em, 1fr) minmax(7.5em, max-content); align-items: center; gap: 0.75em; }
    .name { font-weight: 700; white-space: nowrap; }
    .track { display: block; height: 1.1em; border-radius: 0.3em; background: #e6ebef; overflow: hidden; }
    .fill { display: block; height: 100%; border-radius: 0.3em; transition: width 0.4s ease; }
    .fill.high { background: var(--ph-color-success); }
    .fill.mid { background: #c98a1b; }
    .fill.low { background: var(--ph-color-danger); }
    .value { font-variant-numeric: tabular-nums; white-space: nowrap; text-align: right; }
    .value .muted { font-size: 0.9em; }
    .toggle { margin-top: 0.75em; min-height: 2.5em; font-size: 0.9em; }
    .table-wrap { margin-top: 0.5em; }
    table { font-size: 0.95em; }
    @media (prefers-reduced-motion: reduce) { .fill { transition: none; } }
  `];
}

customElements.define('ph-chart-bars', ChartBars);
declare global {
  interface HTMLElementTagNameMap { 'ph-chart-bars': ChartBars }
}
