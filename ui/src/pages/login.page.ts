import { css, html, nothing } from 'lit';
import { PhElement } from '../components/ph-element.js';
import '../components/auth-frame.js';
import { api } from '../api/endpoints.js';
import { isApiError } from '../api/client.js';
import { session } from '../state/session.js';
import { notifyError } from '../state/notify.js';
import { bilingual, pick } from '../i18n/index.js';
import { navigate, PATHS, safeNext } from '../router.js';
import { baseStyles, formStyles } from '../styles/shared-styles.js';
import { isKioskScreen } from './kiosk-signin.page.js';

/** Sign-in with the personal identifier (mã định danh) and password. */
export class LoginPage extends PhElement {
  static override properties = { busy: { state: true }, error: { state: true }, showPassword: { state: true }, method: { state: true } };
  /** Kiosk only (served from localhost): password, PIN keypad or QR code. */
  declare method: 'password' | 'pin' | 'qr';
  declare busy: boolean;
  declare error: { vi: string; en: string } | null;
  declare showPassword: boolean;

  constructor() {
    super();
    this.busy = false;
    this.error = null;
    this.showPassword = false;
    this.method = 'password';
  }

  private async submit(e: SubmitEvent) {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    const login = String(data.get('login') ?? '').trim();
    const password = String(data.get('password') ?? '');
    if (!login || !password) {
      this.error = bilingual('login.missing');
      return;
    }
    this.busy = true;
    this.error = null;
    try {
      const me = await api.login(login, password);
      session.signedIn(me);
      navigate(me.mustChangePassword ? PATHS.changePassword : safeNext(new URLSearchParams(location.search).get('next')), { replace: true });
    } catch (err) {
      if (isApiError(err) && err.status < 500 && err.status !== 0) this.error = err.text;
      else notifyError(err);
      this.renderRoot.querySelector<HTMLInputElement>('#password')?.select();
    } finally {
      this.busy = false;
    }
  }

  override render() {
    return html`
      <ph-auth-frame>
        <h1>${this.t('login.title')}</h1>
        <p class="muted">${this.t('login.intro')}</p>
        ${isKioskScreen() ? html`<div class="methods" role="tablist" aria-label=${this.t('kiosk.methods')}>
          ${(['password', 'pin', 'qr'] as const).map((m) => html`<button type="button" role="tab" class="method" aria-selected=${this.method === m ? 'true' : 'false'}
            @click=${() => (this.method = m)}>${this.t(m === 'password' ? 'kiosk.tabPassword' : m === 'pin' ? 'kiosk.tabPin' : 'kiosk.tabQr')}</button>`)}
        </div>` : nothing}
        ${this.method !== 'password' ? html`<ph-kiosk-signin .mode=${this.method}></ph-kiosk-signin>` : html`<form @submit=${this.submit} novalidate>
          <div class="field">
            <label for="login">${this.t('login.id')}</label>
            <input id="login" name="login" autocomplete="username" autocapitalize="characters" spellcheck="false" required minlength="2" maxlength="60"
              aria-describedby="login-hint" aria-invalid=${this.error ? 'true' : 'false'} />
            <span id="login-hint" class="hint">${this.t('login.idHint')}</span>
          </div>
          <div class="field">
            <label for="password">${this.t('login.password')}</label>
            <div class="password">
              <input id="password" name="password" type=${this.showPassword ? 'text' : 'password'} autocomplete="current-password" required maxlength="200"
                aria-invalid=${this.error ? 'true' : 'false'} />
              <button type="button" class="btn reveal" aria-pressed=${this.showPassword ? 'true' : 'false'} @click=${() => (this.showPassword = !this.showPassword)}>
                ${this.showPassword ? this.t('login.hide') : this.t('login.show')}
              </button>
            </div>
          </div>
          ${this.error ? html`<p class="notice error" role="alert">${pick(this.error)}</p>` : nothing}
          <button class="btn primary big submit" type="submit" ?disabled=${this.busy}>
            ${this.busy ? this.t('login.busy') : this.t('login.submit')}
          </button>
        </form>`}
        <p class="forgot muted">${this.t('login.forgot')}</p>
      </ph-auth-frame>`;
  }

  static override styles = [baseStyles, formStyles, css`
    form { display: flex; flex-direction: column; gap: 1.125rem; margin-top: 1.25rem; }
    input { font-size: 1.125rem; min-height: 3.25rem; }
    .password { display: flex; gap: 0.5rem; }
    .reveal { flex: none; min-height: 3.25rem; }
    .submit { width: 100%; margin-top: 0.25rem; }
    .notice { margin: 0; }
    .methods { display: grid; grid-template-columns: repeat(3, 1fr); gap: 0.375rem; margin-top: 1rem; }
    .method { min-height: 4rem; font: inherit; font-weight: 600; cursor: pointer; border-radius: var(--ph-radius-small);
      border: 2px solid var(--ph-color-border); background: var(--ph-color-surface); color: inherit; }
    .method[aria-selected='true'] { border-color: var(--ph-color-primary); background: var(--ph-color-primary-soft); color: var(--ph-color-primary); }
    .forgot { margin: 1.25rem 0 0; font-size: 0.9375rem; }
  `];
}

customElements.define('ph-login-page', LoginPage);
declare global {
  interface HTMLElementTagNameMap { 'ph-login-page': LoginPage }
}
