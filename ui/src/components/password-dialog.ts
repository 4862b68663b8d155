import { css, html } from 'lit';
import { PhElement } from './ph-element.js';
import type { PasswordReset } from '../api/types.js';
import { baseStyles } from '../styles/shared-styles.js';

/**
 * Shows a temporary password once, to be handed to its owner (on paper or in person). It is not
 * kept anywhere in the UI after the dialog closes; the owner must change it at first sign-in.
 */
export class PasswordDialog extends PhElement {
  static override properties = { reset: { attribute: false }, fullName: {} };
  declare reset: PasswordReset | null;
  declare fullName: string;

  constructor() {
    super();
    this.reset = null;
    this.fullName = '';
  }

  override updated(): void {
    const dialog = this.renderRoot.querySelector('dialog');
    if (this.reset && dialog && !dialog.open) dialog.showModal();
  }

  private close() {
    this.renderRoot.querySelector('dialog')?.close();
  }

  private closed() {
    this.reset = null;
    this.dispatchEvent(new Event('ph-close'));
  }

  override render() {
    const r = this.reset;
    return html`
      <dialog aria-labelledby="pw-title" @close=${this.closed}>
        ${r ? html`
          <h2 id="pw-title">${this.t('reset.title')}</h2>
          <p>${this.t('reset.text', { name: this.fullName })}</p>
          <dl>
            <div><dt>${this.t('person.login')}</dt><dd class="secret">${r.login}</dd></div>
            <div><dt>${this.t('reset.password')}</dt><dd class="secret">${r.temporaryPassword}</dd></div>
          </dl>
          <p class="notice warning">${this.t('reset.once')}</p>
          <button class="btn primary big" type="button" @click=${this.close} autofocus>${this.t('reset.done')}</button>` : ''}
      </dialog>`;
  }

  static override styles = [baseStyles, css`
    dialog { border: 0; border-radius: 14px; padding: 1.75rem; max-width: min(34rem, calc(100vw - 2rem)); box-shadow: 0 20px 60px rgba(0,0,0,0.3); }
    dialog::backdrop { background: rgba(15, 30, 40, 0.55); }
    h2 { margin-top: 0; }
    dl { margin: 1rem 0; display: grid; gap: 0.75rem; }
    dt { color: var(--ph-color-muted); font-weight: 600; }
    .secret { margin: 0.25rem 0 0; padding: 0.5rem 0.875rem; background: #f0f3f6; border-radius: var(--ph-radius-small);
      font-family: ui-monospace, "Noto Sans Mono", monospace; font-size: 1.5rem; letter-spacing: 0.05em; word-break: break-all; user-select: all; }
    .btn.big { width: 100%; }
  `];
}

customElements.define('ph-password-dialog', PasswordDialog);
declare global {
  interface HTMLElementTagNameMap { 'ph-password-dialog': PasswordDialog }
}
