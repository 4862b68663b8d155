import { css, html, svg } from 'lit';
import { PhElement } from './ph-element.js';
import { baseStyles, tableStyles } from '../styles/shared-styles.js';

export interface PlanActualBar {
  week: number;
  planned: number;
  held: number;
  /** A short status label shown in the table. */
  status: string;
  current: boolean;
}

const W = 720;
const H = 240;
const PAD = { left: 36, right: 8, top: 12, bottom: 30 };

/**
 * Plan versus actual per week as grouped bars (planned lessons, lessons held), plain SVG, with the
 * same numbers in a table below it (Art. 8.1.c: the plan and what happened, compared at a glance).
 */
export class PlanActualChart extends PhElement {
  static override properties = { bars: { attribute: false }, label: {} };
  declare bars: PlanActualBar[];
  declare label: string;

  constructor() {
    super();
    this.bars = [];
    this.label = '';
  }

  private chart() {
    const n = Math.max(1, this.bars.length);
    const max = Math.max(1, ...this.bars.map((b) => Math.max(b.planned, b.held)));
    const innerW = W - PAD.left - PAD.right;
    const innerH = H - PAD.top - PAD.bottom;
    const slot = innerW / n;
    const bw = Math.max(2, Math.min(14, slot / 2 - 1.5));
    const y = (v: number) => PAD.top + innerH - (v / max) * innerH;
    const ticks = [...new Set([0, Math.round(max / 2), max])];
    const every = n > 24 ? 3 : n > 12 ? 2 : 1;
    return svg`
      ${ticks.map((v) => svg`<line x1=${PAD.left} x2=${W - PAD.right} y1=${y(v)} y2=${y(v)} class="grid"></line><text x=${PAD.left - 6} y=${y(v) + 4} class="tick" text-anchor="end">${v}</text>`)}
      ${this.bars.map((b, i) => {
        const cx = PAD.left + slot * i + slot / 2;
        return svg`
          ${b.current ? svg`<rect x=${cx - slot / 2} y=${PAD.top} width=${slot} height=${innerH} class="current"></rect>` : ''}
          <rect x=${cx - bw - 1} y=${y(b.planned)} width=${bw} height=${Math.max(0, y(0) - y(b.planned))} class="planned"><title>${this.t('plans.week', { n: b.week })}: ${this.t('plans.actual.planned')} ${b.planned}</title></rect>
          <rect x=${cx + 1} y=${y(b.held)} width=${bw} height=${Math.max(0, y(0) - y(b.held))} class="held"><title>${this.t('plans.week', { n: b.week })}: ${this.t('plans.actual.held')} ${b.held}</title></rect>
          ${i % every === 0 ? svg`<text x=${cx} y=${H - 10} class="tick" text-anchor="middle">${b.week}</text>` : ''}`;
      })}`;
  }

  override render() {
    return html`
      <figure>
        <figcaption>${this.label}</figcaption>
        <div class="legend" aria-hidden="true">
          <span><i class="planned"></i>${this.t('plans.actual.planned')}</span>
          <span><i class="held"></i>${this.t('plans.actual.held')}</span>
        </div>
        <svg viewBox="0 0 ${W} ${H}" role="img" aria-label=${this.label}>${this.chart()}</svg>
      </figure>
      <div class="table-wrap">
        <table>
          <thead><tr><th>${this.t('plans.col.week')}</th><th class="num">${this.t('plans.actual.planned')}</th><th class="num">${this.t('plans.actual.held')}</th><th>${this.t('plans.actual.col.status')}</th></tr></thead>
          <tbody>${this.bars.map((b) => html`<tr class=${b.current ? 'current' : ''}><td>${b.week}</td><td class="num">${b.planned}</td><td class="num">${b.held}</td><td>${b.status}</td></tr>`)}</tbody>
        </table>
      </div>`;
  }

  static override styles = [baseStyles, tableStyles, css`
    :host { display: block; }
    figure { margin: 0 0 1rem; }
    figcaption { font-weight: 700; margin-bottom: 0.5rem; }
    svg { width: 100%; height: auto; display: block; background: var(--ph-color-surface); border: 1px solid var(--ph-color-border); border-radius: var(--ph-radius); }
    .grid { stroke: #e3e8ed; stroke-width: 1; }
    .tick { font-size: 11px; fill: var(--ph-color-muted); }
    rect.planned, i.planned { fill: #9db7d3; background: #9db7d3; }
    rect.held, i.held { fill: var(--ph-color-primary); background: var(--ph-color-primary); }
    rect.current { fill: #fff6e0; }
    .legend { display: flex; gap: 1.25rem; margin-bottom: 0.5rem; font-size: 0.9375rem; }
    .legend i { display: inline-block; width: 0.875rem; height: 0.875rem; margin-right: 0.375rem; vertical-align: -2px; border-radius: 2px; }
    .table-wrap { max-height: 22rem; overflow-y: auto; }
    tr.current td { background: #fff6e0; }
  `];
}

customElements.define('ph-plan-actual-chart', PlanActualChart);
declare global {
  interface HTMLElementTagNameMap { 'ph-plan-actual-chart': PlanActualChart }
}
