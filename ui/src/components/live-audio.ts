import { css, html, nothing } from 'lit';
import { PhElement } from './ph-element.js';
import { boxSizing } from '../styles/shared-styles.js';
import { liveStyles } from '../live/live-styles.js';
import { icons } from '../live/live-icons.js';

/**
 * Plays the lesson's sound: one <audio> per remote audio track. Phones refuse sound that starts
 * without a tap; then a large "Tap to listen" button appears, and one tap starts every track.
 */
export class LiveAudio extends PhElement {
  static override properties = { tracks: { attribute: false }, blocked: { state: true } };
  declare tracks: MediaStreamTrack[];
  declare blocked: boolean;
  private readonly elements = new Map<string, HTMLAudioElement>();

  constructor() {
    super();
    this.tracks = [];
    this.blocked = false;
  }

  override updated(): void {
    const wanted = new Set(this.tracks.map((t) => t.id));
    for (const [id, el] of this.elements) {
      if (wanted.has(id)) continue;
      el.srcObject = null;
      el.remove();
      this.elements.delete(id);
    }
    const box = this.renderRoot.querySelector('.sinks');
    for (const track of this.tracks) {
      if (this.elements.has(track.id) || !box) continue;
      const el = document.createElement('audio');
      el.autoplay = true;
      el.srcObject = new MediaStream([track]);
      box.append(el);
      this.elements.set(track.id, el);
      this.play(el);
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    for (const el of this.elements.values()) el.srcObject = null;
    this.elements.clear();
  }

  private play(el: HTMLAudioElement): void {
    el.play().then(() => {
      if (this.blocked && [...this.elements.values()].every((a) => !a.paused)) this.blocked = false;
    }, (err: unknown) => {
      if (err instanceof DOMException && err.name === 'NotAllowedError') this.blocked = true;
    });
  }

  private unblock(): void {
    this.blocked = false;
    for (const el of this.elements.values()) this.play(el);
  }

  override render() {
    return html`
      <div class="sinks" hidden></div>
      ${this.blocked ? html`<button class="ctl row warn listen" type="button" @click=${this.unblock}>${icons.speaker}<span>${this.t('live.listen')}</span></button>` : nothing}`;
  }

  static override styles = [boxSizing, liveStyles, css`
    :host { display: contents; }
    .listen { width: 100%; font-size: 1.25rem; min-height: 4.5rem; box-shadow: 0 0 0 0 rgba(242, 169, 0, 0.7); animation: pulse 1.6s ease-out infinite; }
    @keyframes pulse { 70% { box-shadow: 0 0 0 0.75rem rgba(242, 169, 0, 0); } 100% { box-shadow: 0 0 0 0 rgba(242, 169, 0, 0); } }
    @media (prefers-reduced-motion: reduce) { .listen { animation: none; } }
  `];
}

customElements.define('ph-live-audio', LiveAudio);
declare global {
  interface HTMLElementTagNameMap { 'ph-live-audio': LiveAudio }
}
