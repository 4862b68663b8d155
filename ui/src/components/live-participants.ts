import { css, html, nothing } from 'lit';
import { PhElement } from './ph-element.js';
import { baseStyles } from '../styles/shared-styles.js';
import { liveStyles } from '../live/live-styles.js';
import { icons } from '../live/live-icons.js';
import type { LivePeer } from '../../../server/src/contracts/live-signaling.js';

export type PeerAction = 'mute' | 'allowAudio' | 'revokeAudio' | 'allowVideo' | 'revokeVideo' | 'spotlight' | 'unspotlight' | 'remove';

/**
 * Who is in the lesson and in what state (connected, hand raised, allowed to speak, sending
 * sound or picture). The teacher taps a student to act: mute, let speak or show the camera and
 * take it back, put on everyone's screen, remove from the lesson.
 */
export class LiveParticipants extends PhElement {
  static override properties = {
    peers: { attribute: false },
    teacher: { type: Boolean },
    spotlight: { attribute: false },
    speaking: { attribute: false },
    open: { state: true },
  };
  declare peers: LivePeer[];
  declare teacher: boolean;
  declare spotlight: number | null;
  declare speaking: number | null;
  declare open: number | null;

  constructor() {
    super();
    this.peers = [];
    this.teacher = false;
    this.spotlight = null;
    this.speaking = null;
    this.open = null;
  }

  private act(action: PeerAction, personId: number) {
    this.dispatchEvent(new CustomEvent('ph-peer', { detail: { action, personId }, bubbles: true, composed: true }));
  }

  private badges(p: LivePeer) {
    const b = [];
    if (!p.connected) b.push(html`<span class="badge neutral">${this.t('live.people.offline')}</span>`);
    if (p.role === 'observer') b.push(html`<span class="badge neutral">${this.t('live.people.observer')}</span>`);
    if (p.handRaisedAt) b.push(html`<span class="badge warn">${icons.hand}${this.t('live.people.hand')}</span>`);
    if (p.mayPublish.audio && p.role === 'student') b.push(html`<span class="badge ok">${this.t('live.people.mayTalk')}</span>`);
    if (p.mayPublish.video && p.role === 'student') b.push(html`<span class="badge ok">${this.t('live.people.mayShow')}</span>`);
    if (p.publishing.includes('microphone')) b.push(html`<span class="badge ok">${icons.mic}${this.t('live.people.micOn')}</span>`);
    if (p.publishing.includes('camera')) b.push(html`<span class="badge ok">${icons.camera}${this.t('live.people.camOn')}</span>`);
    if (this.spotlight === p.personId) b.push(html`<span class="badge ok">${icons.star}${this.t('live.people.spotlighted')}</span>`);
    return b;
  }

  private actions(p: LivePeer) {
    const id = p.personId;
    const btn = (action: PeerAction, icon: unknown, label: string, cls = '') =>
      html`<button type="button" class="ctl row ${cls}" @click=${() => this.act(action, id)}>${icon}<span>${label}</span></button>`;
    return html`
      <div class="acts">
        ${p.publishing.includes('microphone') ? btn('mute', icons.micOff, this.t('live.people.mute')) : nothing}
        ${p.role === 'student' ? (p.mayPublish.audio ? btn('revokeAudio', icons.micOff, this.t('live.people.revokeAudio')) : btn('allowAudio', icons.mic, this.t('live.people.allowAudio'), 'on')) : nothing}
        ${p.role === 'student' ? (p.mayPublish.video ? btn('revokeVideo', icons.cameraOff, this.t('live.people.revokeVideo')) : btn('allowVideo', icons.camera, this.t('live.people.allowVideo'), 'on')) : nothing}
        ${this.spotlight === id ? btn('unspotlight', icons.star, this.t('live.people.unspotlight')) : btn('spotlight', icons.star, this.t('live.people.spotlight'))}
        ${p.role === 'student' ? btn('remove', icons.close, this.t('live.people.remove'), 'off') : nothing}
      </div>`;
  }

  override render() {
    const list = [...this.peers].sort((a, b) => Number(b.connected) - Number(a.connected) || a.fullName.localeCompare(b.fullName, 'vi'));
    const inRoom = this.peers.filter((p) => p.connected).length;
    if (!list.length) return html`<p class="empty">${this.t('live.people.empty')}</p>`;
    return html`
      <p class="summary">${this.t('live.people.inRoom', { count: inRoom })}</p>
      <ul class="list">
        ${list.map((p) => {
          const open = this.teacher && this.open === p.personId;
          return html`
            <li class=${[p.connected ? '' : 'away', this.speaking === p.personId ? 'speaking' : ''].join(' ')}>
              ${this.teacher ? html`
                <button type="button" class="row-btn" aria-expanded=${open ? 'true' : 'false'} @click=${() => { this.open = open ? null : p.personId; }}>
                  <span class="name">${p.fullName}</span><span class="badges">${this.badges(p)}</span>
                </button>` : html`<div class="row-btn"><span class="name">${p.fullName}</span><span class="badges">${this.badges(p)}</span></div>`}
              ${open ? this.actions(p) : nothing}
            </li>`;
        })}
      </ul>`;
  }

  static override styles = [baseStyles, liveStyles, css`
    .summary { font-weight: 700; margin: 0 0 0.5rem; }
    .list { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 0.375rem; }
    li { border-radius: 12px; background: #fff; border: 2px solid var(--ph-color-border); }
    li.away { background: #f4f6f8; color: var(--ph-color-muted); }
    li.speaking { border-color: var(--ph-color-focus); }
    .row-btn { display: flex; flex-wrap: wrap; align-items: center; gap: 0.375rem 0.75rem; width: 100%; min-height: var(--live-target); padding: 0.5rem 0.875rem;
      border: 0; background: none; font: inherit; color: inherit; text-align: left; }
    button.row-btn { cursor: pointer; }
    button.row-btn:focus-visible { outline: 3px solid var(--ph-color-focus); outline-offset: -3px; border-radius: 10px; }
    .name { font-weight: 700; font-size: 1.0625em; }
    .badges { display: flex; flex-wrap: wrap; gap: 0.25rem; }
    .badge { display: inline-flex; align-items: center; gap: 0.25rem; }
    .badge .icon { width: 1em; height: 1em; }
    .acts { display: flex; flex-wrap: wrap; gap: 0.5rem; padding: 0 0.75rem 0.75rem; }
  `];
}

customElements.define('ph-live-participants', LiveParticipants);
declare global {
  interface HTMLElementTagNameMap { 'ph-live-participants': LiveParticipants }
}
