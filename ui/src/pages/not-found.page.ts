import { html } from 'lit';
import { PhElement } from '../components/ph-element.js';
import { PATHS } from '../router.js';
import { baseStyles } from '../styles/shared-styles.js';

/** An address the UI does not know. */
export class NotFoundPage extends PhElement {
  override render() {
    return html`
      <h1>${this.t('notFound.title')}</h1>
      <p>${this.t('notFound.text')}</p>
      <p><a class="btn primary" href=${PATHS.home}>${this.t('nav.home')}</a></p>`;
  }

  static override styles = [baseStyles];
}

customElements.define('ph-not-found-page', NotFoundPage);
declare global {
  interface HTMLElementTagNameMap { 'ph-not-found-page': NotFoundPage }
}
