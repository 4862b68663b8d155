import { css, html, nothing } from 'lit';
import { PhElement } from './ph-element.js';
import { boxSizing } from '../styles/shared-styles.js';

/**
 * One video tile of the live lesson: a muted, inline, autoplaying <video> (sound plays through
 * <ph-live-audio>), a name label, a ring while the person speaks, and a calm placeholder when
 * there is no picture yet.
 */
export class LiveVideo extends PhElement {
  static override properties = {
    track: { attribute: false },
    label: {},
    placeholder: {},
    mirror: { type: Boolean, reflect: true },
    speaking: { type: Boolean, reflect: true },
    fit: { reflect: true },
  };
  declare track: MediaStreamTrack | null;
  declare label: string;
  declare placeholder: string;
  declare mirror: boolean;
  declare speaking: boolean;
  declare fit: 'contain' | 'cover';
  private shown: MediaStreamTrack | null = null;

  constructor() {
    super();
    this.track = null;
    this.label = '';
    this.placeholder = '';
    this.mirror = false;
    this.speaking = false;
    this.fit = 'contain';
  }

  override updated(): void {
    const video = this.renderRoot.querySelector('video');
    if (!video || this.shown === this.track) return;
    this.shown = this.track;
    video.srcObject = this.track ? new MediaStream([this.track]) : null;
    // Muted video may always autoplay; a refusal here is only a tab in the background.
    if (this.track) video.play().catch(() => undefined);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    const video = this.renderRoot.querySelector('video');
    if (video) video.srcObject = null;
    this.shown = null;
  }

  override render() {
    return html`
      <video autoplay playsinline muted ?hidden=${!this.track} aria-hidden="true"></video>
      ${this.track ? nothing : html`<div class="placeholder"><span>${this.placeholder || this.label}</span></div>`}
      ${this.label ? html`<span class="label">${this.label}</span>` : nothing}`;
  }

  static override styles = [boxSizing, css`
    :host { position: relative; display: block; overflow: hidden; border-radius: 12px; background: #0d1b22; color: #fff; aspect-ratio: 16 / 9; }
    :host([speaking]) { box-shadow: 0 0 0 4px var(--ph-color-focus); }
    video { position: absolute; inset: 0; width: 100%; height: 100%; object-fit: contain; background: #0d1b22; }
    video[hidden] { display: none; }
    :host([fit='cover']) video { object-fit: cover; }
    :host([mirror]) video { transform: scaleX(-1); }
    .placeholder { position: absolute; inset: 0; display: flex; align-items: center; justify-content: center; padding: 1rem; text-align: center;
      background: radial-gradient(circle at 50% 40%, #24414d, #0d1b22 70%); font-weight: 700; font-size: 1.125em; color: #d8e6ec; }
    .label { position: absolute; left: 0.5rem; bottom: 0.5rem; max-width: calc(100% - 1rem); padding: 0.25rem 0.625rem; border-radius: 8px;
      background: rgba(0, 0, 0, 0.65); font-weight: 600; font-size: 0.9375em; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
  `];
}

customElements.define('ph-live-video', LiveVideo);
declare global {
  interface HTMLElementTagNameMap { 'ph-live-video': LiveVideo }
}
