import { css, html } from 'lit';
import { PhElement } from '../components/ph-element.js';
import { api } from '../api/endpoints.js';
import type { CaGuide } from '../api/types.js';
import { notifyError } from '../state/notify.js';
import { pick } from '../i18n/index.js';
import { baseStyles } from '../styles/shared-styles.js';

/**
 * How to trust the box's own certificate authority on phones and computers, so the LAN runs on
 * HTTPS without warnings (Art. 10.2). Public: a device needs it before anyone signs in.
 */
export class CaGuidePage extends PhElement {
  static override properties = { guide: { state: true } };
  declare guide: CaGuide | null;

  constructor() {
    super();
    this.guide = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    api.caGuide().then((g) => (this.guide = g), notifyError);
  }

  override render() {
    const g = this.guide ? pick(this.guide) : null;
    return html`
      <h1>${this.t('ca.title')}</h1>
      <p class="lead">${this.t('ca.intro')}</p>
      <p><a class="btn primary big" href=${api.caCertificateUrl} download="phonghoc-ca.crt">${this.t('ca.download')}</a></p>
      ${!g ? html`<p class="muted" role="status">${this.t('state.loading')}</p>` : html`
        <h2>${g.title}</h2>
        ${g.steps.map((p, i) => html`
          <details ?open=${i === 0}>
            <summary>${p.platform}</summary>
            <ol>${p.steps.map((s) => html`<li>${s}</li>`)}</ol>
          </details>`)}`}`;
  }

  static override styles = [baseStyles, css`
    .lead { max-width: 50rem; font-size: 1.0625rem; }
    details { background: var(--ph-color-surface); border: 1px solid var(--ph-color-border); border-radius: var(--ph-radius); margin-bottom: 0.75rem; }
    summary { cursor: pointer; padding: 0.875rem 1.125rem; font-weight: 700; font-size: 1.0625rem; min-height: 2.75rem; }
    details[open] summary { border-bottom: 1px solid var(--ph-color-border); }
    ol { margin: 0; padding: 1rem 1.25rem 1rem 2.75rem; display: grid; gap: 0.625rem; overflow-wrap: anywhere; }
  `];
}

customElements.define('ph-ca-guide-page', CaGuidePage);
declare global {
  interface HTMLElementTagNameMap { 'ph-ca-guide-page': CaGuidePage }
}
