import { css, html, nothing } from 'lit';
import { boxSizing } from '../styles/shared-styles.js';
import { PhElement } from './ph-element.js';
import { pick } from '../i18n/index.js';
import type { Notice } from '../state/notify.js';

interface Shown extends Notice {
  id: number;
}

/** Shows notices from anywhere in the app, bottom of the screen, errors announced at once. */
export class ToastNotifier extends PhElement {
  static override properties = { notices: { state: true } };
  declare notices: Shown[];
  private nextId = 1;
  private readonly onNotice = (e: WindowEventMap['ph-notify']) => this.show(e.detail);

  constructor() {
    super();
    this.notices = [];
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('ph-notify', this.onNotice);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('ph-notify', this.onNotice);
  }

  private show(notice: Notice): void {
    const id = this.nextId++;
    // The same message twice in a row (a double click) is shown once.
    this.notices = [...this.notices.filter((n) => n.text.en !== notice.text.en), { ...notice, id }].slice(-3);
    window.setTimeout(() => this.dismiss(id), notice.kind === 'error' ? 10_000 : 5_000);
  }

  private dismiss(id: number): void {
    this.notices = this.notices.filter((n) => n.id !== id);
  }

  override render() {
    return html`
      <div class="stack" aria-live="polite">
        ${this.notices.map((n) => html`
          <div class="toast ${n.kind}" role=${n.kind === 'error' ? 'alert' : nothing}>
            <span class="text">${pick(n.text)}</span>
            <button type="button" @click=${() => this.dismiss(n.id)} aria-label=${this.t('action.close')}>×</button>
          </div>`)}
      </div>`;
  }

  static override styles = [boxSizing, css`
    .stack {
      position: fixed; inset: auto 0 1rem 0; z-index: 50;
      display: flex; flex-direction: column; align-items: center; gap: 0.5rem;
      padding: 0 1rem; pointer-events: none;
    }
    .toast {
      pointer-events: auto; display: flex; align-items: flex-start; gap: 0.75rem;
      max-width: 40rem; width: 100%; padding: 0.875rem 1rem;
      border-radius: var(--ph-radius); box-shadow: 0 4px 16px rgba(16, 32, 48, 0.2);
      background: var(--ph-color-surface); border-left: 6px solid var(--ph-color-primary);
      font-size: 1rem; line-height: 1.45;
    }
    .toast.error { border-left-color: var(--ph-color-danger); background: var(--ph-color-danger-soft); }
    .toast.success { border-left-color: var(--ph-color-success); background: var(--ph-color-success-soft); }
    .text { flex: 1; }
    button {
      min-width: 2.75rem; min-height: 2.75rem; margin: -0.5rem -0.5rem -0.5rem 0;
      border: 0; background: transparent; font-size: 1.5rem; cursor: pointer; color: inherit; border-radius: var(--ph-radius-small);
    }
    button:focus-visible { outline: 3px solid var(--ph-color-focus); }
  `];
}

customElements.define('ph-toast-notifier', ToastNotifier);
declare global {
  interface HTMLElementTagNameMap { 'ph-toast-notifier': ToastNotifier }
}
