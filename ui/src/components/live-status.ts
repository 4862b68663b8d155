import { css, html, nothing } from 'lit';
import { PhElement } from './ph-element.js';
import { boxSizing } from '../styles/shared-styles.js';
import { liveStyles } from '../live/live-styles.js';
import type { Phase } from '../live/live-session.js';

/** The connection in one word and a colour: connected, connecting, reconnecting (with "retry now"). */
export class LiveStatus extends PhElement {
  static override properties = { phase: {}, recording: { type: Boolean } };
  declare phase: Phase;
  declare recording: boolean;

  constructor() {
    super();
    this.phase = 'connecting';
    this.recording = false;
  }

  private retry() {
    this.dispatchEvent(new Event('ph-retry', { bubbles: true, composed: true }));
  }

  override render() {
    const p = this.phase;
    const text = p === 'live' ? this.t('live.status.live') : p === 'reconnecting' ? this.t('live.status.reconnecting') : this.t('live.status.connecting');
    return html`
      <span class="pill ${p}" role="status" aria-live="polite"><span class="dot"></span>${text}</span>
      ${p === 'reconnecting' ? html`<button class="retry" type="button" @click=${this.retry}>${this.t('live.status.retry')}</button>` : nothing}
      ${this.recording ? html`<span class="pill rec"><span class="dot"></span>${this.t('live.recording.on')}</span>` : nothing}`;
  }

  static override styles = [boxSizing, liveStyles, css`
    :host { display: inline-flex; flex-wrap: wrap; align-items: center; gap: 0.5rem; }
    .pill.live { background: #dff3e6; color: var(--ph-color-success); }
    .pill.connecting { background: #e3eff2; color: var(--ph-color-primary); }
    .pill.reconnecting { background: var(--ph-color-focus); color: #1b2631; }
    .pill.reconnecting .dot { animation: blink 1s steps(2) infinite; }
    .pill.rec { background: var(--ph-color-danger); color: #fff; }
    .pill.rec .dot { animation: blink 1.4s steps(2) infinite; }
    .retry { min-height: 2.75rem; padding: 0 1rem; border-radius: 999px; border: 2px solid currentColor; background: transparent; color: inherit; font: inherit; font-weight: 700; cursor: pointer; }
    @keyframes blink { 50% { opacity: 0.2; } }
    @media (prefers-reduced-motion: reduce) { .dot { animation: none !important; } }
  `];
}

customElements.define('ph-live-status', LiveStatus);
declare global {
  interface HTMLElementTagNameMap { 'ph-live-status': LiveStatus }
}
