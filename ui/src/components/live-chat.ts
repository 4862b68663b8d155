import { css, html, nothing } from 'lit';
import { PhElement } from './ph-element.js';
import { baseStyles } from '../styles/shared-styles.js';
import { liveStyles } from '../live/live-styles.js';
import { icons } from '../live/live-icons.js';
import { clock } from '../live/live-format.js';
import type { ChatMessage, LiveRole } from '../../../server/src/contracts/live-signaling.js';
import { SIGNALING_LIMITS } from '../../../server/src/contracts/live-signaling.js';

export interface ChatPerson {
  personId: number;
  fullName: string;
}

/**
 * The lesson's chat: the class's messages and this person's private ones in one timeline, and a
 * box to write to the whole class or privately (a student to the teacher; the teacher to one
 * student). When the teacher locks the chat, students read but do not write.
 */
export class LiveChat extends PhElement {
  static override properties = {
    messages: { attribute: false },
    privateMessages: { attribute: false },
    selfId: { attribute: false },
    role: {},
    recipients: { attribute: false },
    locked: { type: Boolean },
    send: { attribute: false },
    to: { state: true },
    sending: { state: true },
  };
  declare messages: ChatMessage[];
  declare privateMessages: ChatMessage[];
  declare selfId: number | null;
  declare role: LiveRole;
  declare recipients: ChatPerson[];
  declare locked: boolean;
  declare send: (text: string, toPersonId: number | null) => Promise<boolean>;
  declare to: number | null;
  declare sending: boolean;
  private lastCount = 0;

  constructor() {
    super();
    this.messages = [];
    this.privateMessages = [];
    this.selfId = null;
    this.role = 'student';
    this.recipients = [];
    this.locked = false;
    this.send = async () => false;
    this.to = null;
    this.sending = false;
  }

  private get timeline(): ChatMessage[] {
    return [...this.messages, ...this.privateMessages].sort((a, b) => a.at.localeCompare(b.at) || a.id - b.id);
  }

  override updated(): void {
    const count = this.messages.length + this.privateMessages.length;
    if (count === this.lastCount) return;
    this.lastCount = count;
    const list = this.renderRoot.querySelector('.messages');
    list?.scrollTo({ top: list.scrollHeight });
  }

  private async submit(e: Event) {
    e.preventDefault();
    const input = this.renderRoot.querySelector('textarea');
    const text = input?.value.trim() ?? '';
    if (!text || this.sending) return;
    this.sending = true;
    try {
      if (await this.send(text, this.to) && input) input.value = '';
    } finally {
      this.sending = false;
    }
    input?.focus();
  }

  private keydown(e: KeyboardEvent) {
    if (e.key === 'Enter' && !e.shiftKey) {
      e.preventDefault();
      this.renderRoot.querySelector('form')?.requestSubmit();
    }
  }

  private nameOf(personId: number | null): string {
    return this.recipients.find((r) => r.personId === personId)?.fullName ?? '';
  }

  private line(m: ChatMessage) {
    const mine = m.fromPersonId === this.selfId;
    const priv = m.toPersonId !== null;
    const privLabel = !priv ? nothing : html`<span class="priv">${mine ? this.t('live.chat.privateTo', { name: this.nameOf(m.toPersonId) }) : this.t('live.chat.privateFrom')}</span>`;
    return html`
      <li class=${[mine ? 'mine' : '', priv ? 'private' : ''].join(' ')}>
        <div class="meta"><span class="from">${mine ? this.t('live.chat.me') : m.fromName}</span>${privLabel}<time>${clock(m.at)}</time></div>
        <div class="text">${m.text}</div>
      </li>`;
  }

  private recipientPicker() {
    if (this.role === 'teacher') {
      return html`
        <label class="to">
          <span>${this.t('live.chat.to')}</span>
          <select @change=${(e: Event) => { const v = (e.target as HTMLSelectElement).value; this.to = v ? Number(v) : null; }}>
            <option value="" ?selected=${this.to === null}>${this.t('live.chat.toClass')}</option>
            ${this.recipients.map((r) => html`<option value=${r.personId} ?selected=${this.to === r.personId}>${r.fullName}</option>`)}
          </select>
        </label>`;
    }
    const teacher = this.recipients[0];
    return html`
      <div class="seg" role="group" aria-label=${this.t('live.chat.to')}>
        <button type="button" class="ctl row" aria-pressed=${this.to === null ? 'true' : 'false'} @click=${() => { this.to = null; }}>${this.t('live.chat.toClass')}</button>
        <button type="button" class="ctl row" ?disabled=${!teacher} aria-pressed=${this.to !== null ? 'true' : 'false'}
          @click=${() => { this.to = teacher?.personId ?? null; }}>${this.t('live.chat.toTeacher')}</button>
      </div>`;
  }

  override render() {
    const list = this.timeline;
    const blocked = this.locked && this.role !== 'teacher';
    return html`
      <ol class="messages" aria-live="polite" aria-label=${this.t('live.tab.chat')}>
        ${list.length ? list.map((m) => this.line(m)) : html`<li class="empty">${this.t('live.chat.empty')}</li>`}
      </ol>
      ${blocked ? html`<p class="locked">${icons.lock}<span>${this.t('live.chat.locked')}</span></p>` : html`
        <form @submit=${this.submit}>
          ${this.recipientPicker()}
          <div class="compose">
            <label class="visually-hidden" for="chat-text">${this.t('live.chat.placeholder')}</label>
            <textarea id="chat-text" rows="2" maxlength=${SIGNALING_LIMITS.maxChatLength} placeholder=${this.t('live.chat.placeholder')} @keydown=${this.keydown}></textarea>
            <button class="ctl on send" type="submit" ?disabled=${this.sending}>${icons.send}<span>${this.t('live.chat.send')}</span></button>
          </div>
        </form>`}`;
  }

  static override styles = [baseStyles, liveStyles, css`
    :host { display: flex; flex-direction: column; min-height: 0; gap: 0.75rem; }
    .messages { list-style: none; margin: 0; padding: 0.25rem; flex: 1; min-height: 8rem; overflow-y: auto; display: flex; flex-direction: column; gap: 0.5rem; }
    .messages li { max-width: 92%; padding: 0.5rem 0.75rem; border-radius: 12px; background: #eef2f5; align-self: flex-start; overflow-wrap: anywhere; }
    .messages li.mine { align-self: flex-end; background: var(--ph-color-primary-soft); }
    .messages li.private { border: 2px dashed var(--ph-color-accent); }
    .messages li.empty { background: none; color: var(--ph-color-muted); align-self: center; }
    .meta { display: flex; flex-wrap: wrap; gap: 0.25rem 0.5rem; align-items: baseline; font-size: 0.875em; color: var(--ph-color-muted); }
    .from { font-weight: 700; color: var(--ph-color-text); }
    .priv { color: var(--ph-color-accent); font-weight: 700; }
    .text { white-space: pre-wrap; }
    form { display: flex; flex-direction: column; gap: 0.5rem; }
    .to { display: flex; align-items: center; gap: 0.5rem; font-weight: 600; }
    select { flex: 1; min-height: var(--live-target); font: inherit; padding: 0 0.75rem; border-radius: 10px; border: 1px solid #8a99a8; background: #fff; }
    .seg { display: flex; gap: 0.5rem; }
    .seg .ctl { flex: 1; min-height: 3.5rem; }
    .compose { display: flex; gap: 0.5rem; align-items: stretch; }
    textarea { flex: 1; min-width: 0; min-height: var(--live-target); font: inherit; padding: 0.625rem 0.75rem; border-radius: 10px; border: 1px solid #8a99a8; resize: none; }
    textarea:focus-visible, select:focus-visible { outline: 3px solid var(--ph-color-focus); outline-offset: 1px; }
    .send { min-width: 5.5rem; }
    .locked { display: flex; gap: 0.5rem; align-items: center; margin: 0; padding: 0.75rem 1rem; border-radius: 10px; background: var(--ph-color-warning-soft); color: #4a2d00; font-weight: 600; }
  `];
}

customElements.define('ph-live-chat', LiveChat);
declare global {
  interface HTMLElementTagNameMap { 'ph-live-chat': LiveChat }
}
