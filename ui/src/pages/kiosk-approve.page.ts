import { css, html, nothing } from 'lit';
import { PhElement } from '../components/ph-element.js';
import '../components/auth-frame.js';
import { itApi } from '../api/endpoints.js';
import { isApiError } from '../api/client.js';
import { notifyError } from '../state/notify.js';
import { pick } from '../i18n/index.js';
import { PATHS } from '../router.js';
import { baseStyles } from '../styles/shared-styles.js';

/** On the teacher's phone (opened from the QR code): confirm the sign-in at the classroom screen. */
export class KioskApprovePage extends PhElement {
  static override properties = { state: { state: true }, error: { state: true } };
  declare state: 'ask' | 'busy' | 'done' | 'declined';
  declare error: { vi: string; en: string } | null;

  constructor() {
    super();
    this.state = 'ask';
    this.error = null;
  }

  private async approve() {
    const q = new URLSearchParams(location.search);
    this.state = 'busy';
    try {
      await itApi.approveQr(q.get('c') ?? '', q.get('s') ?? '');
      this.state = 'done';
    } catch (e) {
      this.state = 'ask';
      if (isApiError(e) && e.status > 0 && e.status < 500) this.error = e.text;
      else notifyError(e);
    }
  }

  override render() {
    return html`<ph-auth-frame>
      <h1>${this.t('kiosk.approveTitle')}</h1>
      ${this.state === 'done' ? html`<p class="notice success" role="status">${this.t('kiosk.approved')}</p>`
        : this.state === 'declined' ? html`<p class="notice">${this.t('kiosk.declined')}</p><a href=${PATHS.home}>${this.t('nav.home')}</a>`
        : html`<p class="q">${this.t('kiosk.approveQuestion')}</p>
          ${this.error ? html`<p class="notice error" role="alert">${pick(this.error)}</p>` : nothing}
          <div class="buttons">
            <button class="btn primary big" type="button" ?disabled=${this.state === 'busy'} @click=${() => this.approve()}>${this.t('kiosk.approve')}</button>
            <button class="btn big" type="button" @click=${() => (this.state = 'declined')}>${this.t('kiosk.decline')}</button>
          </div>`}
    </ph-auth-frame>`;
  }

  static override styles = [baseStyles, css`
    .q { font-size: 1.25rem; }
    .buttons { display: grid; gap: 0.75rem; }
    .buttons .btn { min-height: 4rem; }
  `];
}

customElements.define('ph-kiosk-approve-page', KioskApprovePage);
declare global {
  interface HTMLElementTagNameMap { 'ph-kiosk-approve-page': KioskApprovePage }
}
