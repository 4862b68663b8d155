import QRCode from 'qrcode';
import { unsafeSVG } from 'lit/directives/unsafe-svg.js';
import { css, html, nothing } from 'lit';
import { PhElement } from '../components/ph-element.js';
import { itApi, type QrChallenge } from '../api/endpoints.js';
import { isApiError } from '../api/client.js';
import { session } from '../state/session.js';
import { notifyError } from '../state/notify.js';
import { pick } from '../i18n/index.js';
import { navigate, PATHS } from '../router.js';
import { baseStyles, formStyles } from '../styles/shared-styles.js';
import type { Me } from '../api/types.js';

/** PIN and QR sign-in are only offered on the teaching room's own screen. */
export const isKioskScreen = () => ['localhost', '127.0.0.1', '[::1]'].includes(location.hostname);

/** Quick sign-in at the kiosk: a PIN keypad with big digits, or a QR code approved from a phone. */
export class KioskSignin extends PhElement {
  static override properties = { mode: {}, pin: { state: true }, error: { state: true }, busy: { state: true }, qr: { state: true } };
  declare mode: 'pin' | 'qr';
  declare pin: string;
  declare error: { vi: string; en: string } | null;
  declare busy: boolean;
  declare qr: QrChallenge | null;
  private qrSvg = '';
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    super();
    this.mode = 'pin';
    this.pin = '';
    this.error = null;
    this.busy = false;
    this.qr = null;
  }

  override updated(changed: Map<string, unknown>): void {
    if (changed.has('mode')) {
      clearTimeout(this.timer);
      if (this.mode === 'qr') void this.newQr();
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.timer);
  }

  private done(me: Me) {
    clearTimeout(this.timer);
    session.signedIn(me);
    navigate(PATHS.home, { replace: true });
  }

  private async submitPin(e: SubmitEvent) {
    e.preventDefault();
    const login = String(new FormData(e.target as HTMLFormElement).get('login') ?? '').trim();
    this.busy = true;
    this.error = null;
    try {
      this.done(await itApi.pinLogin(login, this.pin));
    } catch (err) {
      this.pin = '';
      if (isApiError(err) && err.status > 0 && err.status < 500) this.error = err.text;
      else notifyError(err);
    } finally {
      this.busy = false;
    }
  }

  private async newQr() {
    try {
      const qr = await itApi.createQr();
      // The QR code of the approval address, drawn here: nothing is fetched from the internet.
      this.qrSvg = await QRCode.toString(qr.url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2, color: { dark: '#0f3d4c', light: '#ffffff' } });
      this.qr = qr;
      this.poll();
    } catch (e) {
      notifyError(e);
    }
  }

  private poll() {
    this.timer = setTimeout(async () => {
      const qr = this.qr;
      if (!qr || this.mode !== 'qr' || !this.isConnected) return;
      if (Date.parse(qr.expiresAt) < Date.now()) return void this.newQr();
      try {
        const r = await itApi.pollQr(qr.id);
        if (r.status === 'approved' && r.me) return this.done(r.me);
      } catch (e) {
        if (isApiError(e) && (e.status === 404 || e.status === 410)) return void this.newQr();
      }
      this.poll();
    }, 2000);
  }

  private key(k: string) {
    if (k === '⌫') this.pin = this.pin.slice(0, -1);
    else if (this.pin.length < 6) this.pin += k;
  }

  override render() {
    if (this.mode === 'qr') {
      const q = this.qr;
      return html`<div class="qr">
        <p>${this.t('kiosk.qrIntro')}</p>
        ${q ? html`<div class="qr-image" role="img" aria-label=${this.t('kiosk.qrIntro')}>${unsafeSVG(this.qrSvg)}</div>
          <p class="url">${q.url}</p>
          <p class="muted">${this.t('kiosk.qrWaiting')}</p>` : html`<p class="muted">${this.t('state.loading')}</p>`}
        <button type="button" class="btn" @click=${() => this.newQr()}>${this.t('kiosk.qrNew')}</button>
      </div>`;
    }
    const keys = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '⌫', '0'];
    return html`<form @submit=${this.submitPin} novalidate>
      <div class="field"><label for="pin-login">${this.t('login.id')}</label>
        <input id="pin-login" name="login" autocomplete="username" autocapitalize="characters" spellcheck="false" required /></div>
      <div class="dots" aria-label=${this.t('kiosk.pinEntered', { n: this.pin.length })}>${[0, 1, 2, 3, 4, 5].map((i) => html`<span class=${i < this.pin.length ? 'on' : ''}></span>`)}</div>
      <div class="keypad" role="group" aria-label=${this.t('kiosk.keypad')}>
        ${keys.map((k) => html`<button type="button" class="key" aria-label=${k === '⌫' ? this.t('kiosk.erase') : k} @click=${() => this.key(k)}>${k}</button>`)}
        <button type="submit" class="key ok" ?disabled=${this.busy || this.pin.length < 4}>${this.t('kiosk.pinSubmit')}</button>
      </div>
      ${this.error ? html`<p class="notice error" role="alert">${pick(this.error)}</p>` : nothing}
    </form>`;
  }

  static override styles = [baseStyles, formStyles, css`
    form { display: flex; flex-direction: column; gap: 1rem; margin-top: 1rem; }
    input { font-size: 1.25rem; min-height: 4rem; }
    .dots { display: flex; gap: 0.75rem; justify-content: center; }
    .dots span { width: 1.25rem; height: 1.25rem; border-radius: 50%; border: 2px solid var(--ph-color-primary); }
    .dots span.on { background: var(--ph-color-primary); }
    .keypad { display: grid; grid-template-columns: repeat(3, 1fr); gap: 0.625rem; }
    .key { min-height: 4.5rem; font: inherit; font-size: 2rem; font-weight: 700; border-radius: var(--ph-radius); cursor: pointer;
      border: 2px solid var(--ph-color-border); background: var(--ph-color-surface); color: var(--ph-color-text, #1b2733); }
    .key:active { background: var(--ph-color-primary-soft); }
    .key.ok { background: var(--ph-color-primary); color: #fff; border-color: var(--ph-color-primary); font-size: 1.25rem; }
    .key[disabled] { opacity: 0.5; }
    .qr { text-align: center; margin-top: 1rem; }
    .qr-image svg { width: min(18rem, 70vw); height: auto; }
    .url { font-size: 1.125rem; word-break: break-all; font-family: monospace; }
    .code { font-size: 2rem; font-weight: 800; word-break: break-all; letter-spacing: 0.02em; }
    .qr .btn { min-height: 4rem; }
  `];
}

customElements.define('ph-kiosk-signin', KioskSignin);
declare global {
  interface HTMLElementTagNameMap { 'ph-kiosk-signin': KioskSignin }
}
