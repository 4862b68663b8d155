import { css, html } from 'lit';
import { PhElement } from './ph-element.js';
import { boxSizing } from '../styles/shared-styles.js';
import { liveStyles } from '../live/live-styles.js';
import { icons, REACTIONS, type ReactionName } from '../live/live-icons.js';

/** One touch to react (like, clap, heart, laugh, wow); a short pause between two. */
export class LiveReactBar extends PhElement {
  static override properties = { cooling: { state: true } };
  declare cooling: boolean;

  constructor() {
    super();
    this.cooling = false;
  }

  private send(reaction: ReactionName) {
    if (this.cooling) return;
    this.cooling = true;
    window.setTimeout(() => { this.cooling = false; }, 1500);
    this.dispatchEvent(new CustomEvent('ph-react', { detail: { reaction }, bubbles: true, composed: true }));
  }

  override render() {
    return html`
      <div role="group" aria-label=${this.t('live.react.label')}>
        ${REACTIONS.map((r) => html`
          <button type="button" class="ctl ${r}" ?disabled=${this.cooling} title=${this.t(`live.react.${r}`)} @click=${() => this.send(r)}>
            ${icons[r]}<span class="visually-hidden">${this.t(`live.react.${r}`)}</span>
          </button>`)}
      </div>`;
  }

  static override styles = [boxSizing, liveStyles, css`
    div { display: flex; gap: 0.5rem; justify-content: space-between; }
    .ctl { flex: 1; padding: 0.5rem; background: #fff; border-color: var(--ph-color-border); }
    .ctl .icon { width: 1.9rem; height: 1.9rem; }
    .like { color: var(--ph-color-primary); }
    .clap { color: #b5651d; }
    .heart { color: #c2185b; }
    .laugh { color: #8a5300; }
    .wow { color: #6a4c93; }
  `];
}

customElements.define('ph-live-react-bar', LiveReactBar);
declare global {
  interface HTMLElementTagNameMap { 'ph-live-react-bar': LiveReactBar }
}
