import { css, html, svg } from 'lit';
import { PhElement } from './ph-element.js';
import { boxSizing } from '../styles/shared-styles.js';

export interface ChartRow {
  name: string;
  minutes: number;
  /** Messages, questions, raised hands, reactions and poll answers together. */
  participation: number;
  present: boolean;
}

const ROW = 42;
const TOP = 8;

/**
 * Minutes in the lesson and participation per student as plain SVG bars, drawn at the box's real
 * width (a ResizeObserver), so the names stay readable on a phone and on the kiosk alike.
 */
export class LiveAttendanceChart extends PhElement {
  static override properties = { rows: { attribute: false }, lessonMinutes: { type: Number }, width: { state: true } };
  declare rows: ChartRow[];
  declare lessonMinutes: number;
  declare width: number;
  private observer: ResizeObserver | undefined;

  constructor() {
    super();
    this.rows = [];
    this.lessonMinutes = 45;
    this.width = 640;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.observer = new ResizeObserver((entries) => {
      const w = Math.round(entries[0]?.contentRect.width ?? 0);
      if (w > 0 && Math.abs(w - this.width) > 2) this.width = w;
    });
    this.observer.observe(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.observer?.disconnect();
  }

  override render() {
    const w = Math.max(280, this.width);
    const labelW = Math.min(240, Math.round(w * 0.38));
    const barX = labelW + 8;
    const barMax = Math.max(40, w - barX - 64);
    const maxMin = Math.max(1, this.lessonMinutes, ...this.rows.map((r) => r.minutes));
    const maxPart = Math.max(1, ...this.rows.map((r) => r.participation));
    const h = TOP + this.rows.length * ROW;
    return html`
      <p class="legend">
        <span><i class="minutes"></i>${this.t('liveSummary.chart.minutes')}</span>
        <span><i class="part"></i>${this.t('liveSummary.chart.participation')}</span>
      </p>
      <svg width=${w} height=${h} viewBox="0 0 ${w} ${h}" role="img" aria-label=${this.t('liveSummary.chart.label')}>
        ${this.rows.map((r, i) => {
          const y = TOP + i * ROW;
          const mw = Math.round((r.minutes / maxMin) * barMax);
          const pw = Math.round((r.participation / maxPart) * barMax);
          return svg`
            <g class=${r.present ? 'row' : 'row absent'}>
              <text x=${labelW} y=${y + 17} text-anchor="end" class="name">${clip(r.name, labelW)}</text>
              <rect x=${barX} y=${y + 3} width=${Math.max(2, mw)} height="18" rx="4" class="minutes"></rect>
              <text x=${barX + Math.max(2, mw) + 6} y=${y + 17} class="val">${r.minutes}′</text>
              <rect x=${barX} y=${y + 25} width=${Math.max(2, pw)} height="12" rx="4" class="part"></rect>
              <text x=${barX + Math.max(2, pw) + 6} y=${y + 36} class="val small">${r.participation}</text>
            </g>`;
        })}
      </svg>`;
  }

  static override styles = [boxSizing, css`
    :host { display: block; overflow: hidden; }
    .legend { display: flex; flex-wrap: wrap; gap: 0.5rem 1.25rem; margin: 0 0 0.5rem; font-weight: 600; }
    .legend span { display: inline-flex; align-items: center; gap: 0.375rem; }
    .legend i { display: inline-block; width: 1.25rem; height: 0.75rem; border-radius: 3px; }
    i.minutes, rect.minutes { background: var(--ph-color-primary); fill: var(--ph-color-primary); }
    i.part, rect.part { background: var(--ph-color-accent); fill: var(--ph-color-accent); }
    svg { display: block; font-family: inherit; }
    .name { font-size: 14px; font-weight: 600; fill: var(--ph-color-text); }
    .val { font-size: 13px; fill: var(--ph-color-muted); font-variant-numeric: tabular-nums; }
    .val.small { font-size: 12px; }
    .absent .name { fill: var(--ph-color-danger); }
  `];
}

/** Names longer than the label column are shortened with an ellipsis (about 7.5px per letter). */
function clip(name: string, width: number): string {
  const max = Math.max(6, Math.floor(width / 7.5));
  return name.length > max ? `${name.slice(0, max - 1)}…` : name;
}

customElements.define('ph-live-attendance-chart', LiveAttendanceChart);
declare global {
  interface HTMLElementTagNameMap { 'ph-live-attendance-chart': LiveAttendanceChart }
}
