import { css, html } from 'lit';
import { PhElement } from './ph-element.js';
import { baseStyles } from '../styles/shared-styles.js';
import { liveStyles } from '../live/live-styles.js';
import { icons } from '../live/live-icons.js';
import { clock } from '../live/live-format.js';

export interface RaisedHand {
  personId: number;
  fullName: string;
  at: string | null;
}

export type HandAction = 'allow' | 'lower';

/**
 * The teacher's queue of raised hands, in the order they went up: "let speak" opens the
 * student's microphone (and takes the hand down), "lower" takes it down without it.
 */
export class LiveHands extends PhElement {
  static override properties = { hands: { attribute: false } };
  declare hands: RaisedHand[];

  constructor() {
    super();
    this.hands = [];
  }

  private act(action: HandAction, personId: number) {
    this.dispatchEvent(new CustomEvent('ph-hand', { detail: { action, personId }, bubbles: true, composed: true }));
  }

  override render() {
    if (!this.hands.length) return html`<p class="empty">${this.t('live.hands.empty')}</p>`;
    return html`
      <ol class="queue">
        ${this.hands.map((h, i) => html`
          <li>
            <div class="head">
              <span class="n">${i + 1}</span>
              <span class="who"><span class="name">${h.fullName}</span>${h.at ? html`<time>${this.t('live.hands.since', { time: clock(h.at) })}</time>` : ''}</span>
            </div>
            <div class="acts">
              <button type="button" class="ctl row on" @click=${() => this.act('allow', h.personId)}>${icons.mic}<span>${this.t('live.hands.allow')}</span></button>
              <button type="button" class="ctl row" @click=${() => this.act('lower', h.personId)}>${icons.hand}<span>${this.t('live.hands.lower')}</span></button>
            </div>
          </li>`)}
      </ol>`;
  }

  static override styles = [baseStyles, liveStyles, css`
    .queue { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 0.625rem; }
    li { display: flex; flex-direction: column; gap: 0.5rem; padding: 0.625rem 0.75rem; border-radius: 12px; background: var(--ph-color-warning-soft); border: 2px solid #efcf8f; }
    .head { display: flex; align-items: center; gap: 0.75rem; }
    .acts { display: flex; gap: 0.5rem; }
    .acts .ctl { flex: 1; }
    .n { flex: none; width: 2.25rem; height: 2.25rem; border-radius: 50%; display: grid; place-items: center; background: var(--ph-color-focus); font-weight: 800; }
    .who { flex: 1; min-width: 0; display: flex; flex-direction: column; }
    .name { font-weight: 700; font-size: 1.1875em; overflow-wrap: anywhere; }
    time { font-size: 0.875em; color: var(--ph-color-muted); }
  `];
}

customElements.define('ph-live-hands', LiveHands);
declare global {
  interface HTMLElementTagNameMap { 'ph-live-hands': LiveHands }
}
