import { css, html } from 'lit';
import { PhElement } from './ph-element.js';
import { baseStyles } from '../styles/shared-styles.js';
import { liveStyles } from '../live/live-styles.js';

/** A modal question with two large answers (ending the lesson, removing a student). */
export class LiveConfirm extends PhElement {
  static override properties = { open: { type: Boolean }, heading: {}, text: {}, confirmLabel: {} };
  declare open: boolean;
  declare heading: string;
  declare text: string;
  declare confirmLabel: string;

  constructor() {
    super();
    this.open = false;
    this.heading = '';
    this.text = '';
    this.confirmLabel = '';
  }

  override updated(): void {
    const dialog = this.renderRoot.querySelector('dialog');
    if (!dialog) return;
    if (this.open && !dialog.open) dialog.showModal();
    if (!this.open && dialog.open) dialog.close();
  }

  private answer(confirmed: boolean) {
    this.open = false;
    this.dispatchEvent(new CustomEvent('ph-answer', { detail: { confirmed } }));
  }

  override render() {
    return html`
      <dialog aria-labelledby="c-title" @cancel=${(e: Event) => { e.preventDefault(); this.answer(false); }}>
        <h2 id="c-title">${this.heading}</h2>
        <p>${this.text}</p>
        <div class="row">
          <button type="button" class="ctl row" @click=${() => this.answer(false)} autofocus>${this.t('action.cancel')}</button>
          <button type="button" class="ctl row danger" @click=${() => this.answer(true)}>${this.confirmLabel}</button>
        </div>
      </dialog>`;
  }

  static override styles = [baseStyles, liveStyles, css`
    dialog { border: 0; border-radius: 16px; padding: 1.75rem; width: min(36rem, calc(100vw - 2rem)); box-shadow: 0 20px 60px rgba(0, 0, 0, 0.35); font-size: 1.125rem; }
    dialog::backdrop { background: rgba(15, 30, 40, 0.6); }
    h2 { margin-top: 0; font-size: 1.5rem; }
    .row { display: flex; gap: 0.75rem; margin-top: 1.25rem; }
    .row .ctl { flex: 1; font-size: 1.125rem; }
  `];
}

customElements.define('ph-live-confirm', LiveConfirm);
declare global {
  interface HTMLElementTagNameMap { 'ph-live-confirm': LiveConfirm }
}
