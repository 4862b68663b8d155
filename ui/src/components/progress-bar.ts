import { css, html } from 'lit';
import { boxSizing } from '../styles/shared-styles.js';
import { PhElement } from './ph-element.js';

/** A progress bar: a fraction 0–1, or null for "working, length unknown" (indeterminate). */
export class ProgressBar extends PhElement {
  static override properties = { value: { type: Number }, label: {} };
  declare value: number | null;
  declare label: string;

  constructor() {
    super();
    this.value = null;
    this.label = '';
  }

  override render() {
    const pct = this.value === null ? null : Math.round(Math.min(1, Math.max(0, this.value)) * 100);
    return html`
      <div class="label" id="label">${this.label}${pct === null ? '' : ` ${pct}%`}</div>
      <div class="track" role="progressbar" aria-labelledby="label" aria-valuemin="0" aria-valuemax="100" aria-valuenow=${pct ?? ''} aria-busy="true">
        <div class=${pct === null ? 'bar indeterminate' : 'bar'} style=${pct === null ? '' : `width:${pct}%`}></div>
      </div>`;
  }

  static override styles = [boxSizing, css`
    :host { display: block; }
    .label { font-weight: 600; margin-bottom: 0.375rem; }
    .track { height: 0.75rem; border-radius: 999px; background: var(--ph-color-primary-soft); overflow: hidden; }
    .bar { height: 100%; background: var(--ph-color-primary); border-radius: 999px; transition: width 0.2s ease; }
    .bar.indeterminate { width: 35%; animation: slide 1.2s ease-in-out infinite; }
    @keyframes slide { from { transform: translateX(-100%); } to { transform: translateX(300%); } }
    @media (prefers-reduced-motion: reduce) { .bar.indeterminate { animation: none; width: 100%; opacity: 0.5; } }
  `];
}

customElements.define('ph-progress-bar', ProgressBar);
declare global {
  interface HTMLElementTagNameMap { 'ph-progress-bar': ProgressBar }
}
