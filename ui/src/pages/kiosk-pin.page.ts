import { css, html, nothing } from 'lit';
import { PhElement } from '../components/ph-element.js';
import { itApi } from '../api/endpoints.js';
import { isApiError } from '../api/client.js';
import { notifyError, notifySuccess } from '../state/notify.js';
import { pick } from '../i18n/index.js';
import { baseStyles, formStyles } from '../styles/shared-styles.js';

/** A signed-in teacher sets (or removes) the PIN for quick sign-in at the classroom screen. */
export class KioskPinPage extends PhElement {
  static override properties = { status: { state: true }, error: { state: true }, busy: { state: true } };
  declare status: { set: boolean; locked: boolean } | null;
  declare error: { vi: string; en: string } | null;
  declare busy: boolean;

  constructor() {
    super();
    this.status = null;
    this.error = null;
    this.busy = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void itApi.pinStatus().then((s) => (this.status = s), notifyError);
  }

  private async submit(e: SubmitEvent) {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const f = new FormData(form);
    const pin = String(f.get('pin') ?? '');
    if (pin !== String(f.get('pin2') ?? '')) {
      this.error = { vi: this.t('kiosk.pinMismatch'), en: this.t('kiosk.pinMismatch') };
      return;
    }
    this.busy = true;
    this.error = null;
    try {
      await itApi.setPin(String(f.get('currentPassword') ?? ''), pin);
      notifySuccess('kiosk.pinSaved');
      form.reset();
      this.status = await itApi.pinStatus();
    } catch (err) {
      if (isApiError(err) && err.status > 0 && err.status < 500) this.error = err.text;
      else notifyError(err);
    } finally {
      this.busy = false;
    }
  }

  private async removePin() {
    try {
      await itApi.removePin();
      this.status = await itApi.pinStatus();
    } catch (e) {
      notifyError(e);
    }
  }

  override render() {
    const s = this.status;
    return html`
      <h1>${this.t('kiosk.pinTitle')}</h1>
      <p class="muted">${this.t('kiosk.pinIntro')}</p>
      ${s ? html`<p class="state">${s.set ? (s.locked ? html`<span class="badge warn">${this.t('kiosk.pinLocked')}</span>` : html`<span class="badge ok">${this.t('kiosk.pinIsSet')}</span>`) : html`<span class="badge neutral">${this.t('kiosk.pinNotSet')}</span>`}</p>` : nothing}
      <form class="card" @submit=${this.submit} novalidate>
        <div class="form-grid">
          <div class="field"><label for="currentPassword">${this.t('kiosk.currentPassword')}</label><input id="currentPassword" name="currentPassword" type="password" autocomplete="current-password" required /></div>
          <div class="field"><label for="pin">${this.t('kiosk.newPin')}</label><input id="pin" name="pin" type="password" inputmode="numeric" pattern="[0-9]*" maxlength="6" autocomplete="off" required />
            <span class="hint">${this.t('kiosk.pinHint')}</span></div>
          <div class="field"><label for="pin2">${this.t('kiosk.newPin2')}</label><input id="pin2" name="pin2" type="password" inputmode="numeric" pattern="[0-9]*" maxlength="6" autocomplete="off" required /></div>
        </div>
        ${this.error ? html`<p class="notice error" role="alert">${pick(this.error)}</p>` : nothing}
        <div class="form-actions">
          <button class="btn primary" type="submit" ?disabled=${this.busy}>${this.t('kiosk.savePin')}</button>
          ${s?.set ? html`<button class="btn danger" type="button" @click=${() => this.removePin()}>${this.t('kiosk.removePin')}</button>` : nothing}
        </div>
      </form>`;
  }

  static override styles = [baseStyles, formStyles, css`
    .card { max-width: 48rem; }
    .state { margin-bottom: 1rem; }
  `];
}

customElements.define('ph-kiosk-pin-page', KioskPinPage);
declare global {
  interface HTMLElementTagNameMap { 'ph-kiosk-pin-page': KioskPinPage }
}
