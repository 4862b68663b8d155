import { LitElement } from 'lit';
import { onLanguageChange, t } from '../i18n/index.js';

/**
 * The base of every component: re-renders when the language changes and gives `t()` to the
 * templates. Nothing else lives here.
 */
export class PhElement extends LitElement {
  private stopListening: (() => void) | undefined;
  protected readonly t = t;

  override connectedCallback(): void {
    super.connectedCallback();
    this.stopListening = onLanguageChange(() => this.requestUpdate());
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopListening?.();
  }
}
