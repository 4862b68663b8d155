import { css, html } from 'lit';
import { PhElement } from './ph-element.js';
import { boxSizing } from '../styles/shared-styles.js';
import { icons, isReaction } from '../live/live-icons.js';

export interface ShownReaction {
  key: number;
  reaction: string;
  name: string;
}

/** Reactions floating up over the video for a few seconds, each with who sent it. */
export class LiveReactions extends PhElement {
  static override properties = { items: { attribute: false } };
  declare items: ShownReaction[];

  constructor() {
    super();
    this.items = [];
  }

  override render() {
    return html`
      <ul aria-live="polite">
        ${this.items.map((r) => html`
          <li class=${isReaction(r.reaction) ? r.reaction : ''}>
            <span class="glyph">${isReaction(r.reaction) ? icons[r.reaction] : icons.react}</span>
            <span class="name">${r.name}</span>
            <span class="visually-hidden">${isReaction(r.reaction) ? this.t(`live.react.${r.reaction}`) : r.reaction}</span>
          </li>`)}
      </ul>`;
  }

  static override styles = [boxSizing, css`
    :host { position: absolute; right: 0.75rem; bottom: 0.75rem; pointer-events: none; z-index: 3; }
    ul { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; align-items: flex-end; gap: 0.375rem; }
    li { display: inline-flex; align-items: center; gap: 0.5rem; padding: 0.375rem 0.875rem 0.375rem 0.5rem; border-radius: 999px;
      background: rgba(255, 255, 255, 0.94); color: #1b2631; font-weight: 700; box-shadow: 0 4px 14px rgba(0, 0, 0, 0.3); animation: rise 4s ease-out forwards; }
    .glyph { display: grid; place-items: center; width: 2.25rem; height: 2.25rem; border-radius: 50%; background: var(--ph-color-primary); color: #fff; }
    .glyph svg { width: 1.4rem; height: 1.4rem; }
    li.heart .glyph { background: #c2185b; }
    li.clap .glyph, li.laugh .glyph { background: var(--ph-color-focus); color: #1b2631; }
    li.wow .glyph { background: #6a4c93; }
    .name { max-width: 12rem; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
    .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
    @keyframes rise { 0% { opacity: 0; transform: translateY(1rem); } 10% { opacity: 1; transform: none; } 80% { opacity: 1; } 100% { opacity: 0; transform: translateY(-1.5rem); } }
    @media (prefers-reduced-motion: reduce) { li { animation: none; } }
  `];
}

customElements.define('ph-live-reactions', LiveReactions);
declare global {
  interface HTMLElementTagNameMap { 'ph-live-reactions': LiveReactions }
}
