import { css, html } from 'lit';
import { boxSizing } from '../styles/shared-styles.js';
import { PhElement } from './ph-element.js';
import { language, setLanguage, type Language } from '../i18n/index.js';
import { api } from '../api/endpoints.js';
import { session } from '../state/session.js';
import { notifyError } from '../state/notify.js';

/** Tiếng Việt / English. Remembered on the account when signed in, on the device otherwise. */
export class LanguageSwitch extends PhElement {
  private async choose(next: Language) {
    if (next === language()) return;
    setLanguage(next);
    if (session.me) {
      try {
        await api.setLanguage(next);
        session.update({ me: { ...session.me, language: next } });
      } catch (e) {
        notifyError(e);
      }
    }
  }

  override render() {
    const current = language();
    const option = (value: Language, label: string, full: string) => html`
      <button type="button" lang=${value} aria-pressed=${current === value ? 'true' : 'false'} title=${full} @click=${() => this.choose(value)}>
        ${label}<span class="visually-hidden"> ${full}</span>
      </button>`;
    return html`
      <div role="group" aria-label=${this.t('language.label')}>
        ${option('vi', 'VI', 'Tiếng Việt')}${option('en', 'EN', 'English')}
      </div>`;
  }

  static override styles = [boxSizing, css`
    :host { display: inline-block; }
    div { display: inline-flex; border: 1px solid var(--ph-switch-border, var(--ph-color-border)); border-radius: 999px; overflow: hidden; }
    button {
      min-width: 3rem; min-height: var(--ph-target, 2.75rem); padding: 0 0.875rem; border: 0; cursor: pointer;
      font: inherit; font-weight: 600; letter-spacing: 0.03em;
      background: transparent; color: var(--ph-switch-color, var(--ph-color-text));
    }
    button[aria-pressed='true'] { background: var(--ph-switch-active-bg, var(--ph-color-primary)); color: var(--ph-switch-active-color, #fff); }
    button:focus-visible { outline: 3px solid var(--ph-color-focus); outline-offset: -3px; }
    .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
  `];
}

customElements.define('ph-language-switch', LanguageSwitch);
declare global {
  interface HTMLElementTagNameMap { 'ph-language-switch': LanguageSwitch }
}
