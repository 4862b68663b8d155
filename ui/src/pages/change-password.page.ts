import { css, html, nothing } from 'lit';
import { PhElement } from '../components/ph-element.js';
import '../components/auth-frame.js';
import { api } from '../api/endpoints.js';
import { isApiError } from '../api/client.js';
import { session } from '../state/session.js';
import { notifyError, notifySuccess } from '../state/notify.js';
import { bilingual, pick } from '../i18n/index.js';
import { navigate, PATHS } from '../router.js';
import { baseStyles, formStyles } from '../styles/shared-styles.js';

/** Password change; forced after the first sign-in and after a reset (me.mustChangePassword). */
export class ChangePasswordPage extends PhElement {
  static override properties = { busy: { state: true }, error: { state: true } };
  declare busy: boolean;
  declare error: { vi: string; en: string } | null;

  constructor() {
    super();
    this.busy = false;
    this.error = null;
  }

  private async submit(e: SubmitEvent) {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    const current = String(data.get('current') ?? '');
    const next = String(data.get('next') ?? '');
    if (!current || !next) return void (this.error = bilingual('form.incomplete'));
    if (next !== String(data.get('repeat') ?? '')) return void (this.error = bilingual('password.mismatch'));
    this.busy = true;
    this.error = null;
    try {
      await api.changePassword(current, next);
      const me = session.me;
      if (me) session.update({ me: { ...me, mustChangePassword: false } });
      notifySuccess('password.changed');
      navigate(PATHS.home, { replace: true });
    } catch (err) {
      if (isApiError(err) && err.status >= 400 && err.status < 500) this.error = err.text;
      else notifyError(err);
    } finally {
      this.busy = false;
    }
  }

  private async logout() {
    try {
      await api.logout();
    } catch {
      /* signed out below anyway */
    }
    session.signedOut();
    navigate(PATHS.login, { replace: true });
  }

  override render() {
    const forced = session.me?.mustChangePassword ?? false;
    return html`
      <ph-auth-frame>
        <h1>${this.t('password.title')}</h1>
        ${forced ? html`<p class="notice warning">${this.t('password.forced', { name: session.me?.fullName ?? '' })}</p>` : nothing}
        <form @submit=${this.submit} novalidate>
          <div class="field">
            <label for="current">${forced ? this.t('password.temporary') : this.t('password.current')}</label>
            <input id="current" name="current" type="password" autocomplete="current-password" required />
          </div>
          <div class="field">
            <label for="next">${this.t('password.new')}</label>
            <input id="next" name="next" type="password" autocomplete="new-password" required minlength="8" aria-describedby="rule" />
            <span class="hint" id="rule">${this.t('password.rule')}</span>
          </div>
          <div class="field">
            <label for="repeat">${this.t('password.repeat')}</label>
            <input id="repeat" name="repeat" type="password" autocomplete="new-password" required />
          </div>
          ${this.error ? html`<p class="notice error" role="alert">${pick(this.error)}</p>` : nothing}
          <button class="btn primary big" type="submit" ?disabled=${this.busy}>${this.busy ? this.t('state.saving') : this.t('password.submit')}</button>
          ${forced
            ? html`<button class="btn" type="button" @click=${this.logout}>${this.t('action.logout')}</button>`
            : html`<a class="btn" href=${PATHS.home}>${this.t('action.cancel')}</a>`}
        </form>
      </ph-auth-frame>`;
  }

  static override styles = [baseStyles, formStyles, css`
    form { display: flex; flex-direction: column; gap: 1.125rem; margin-top: 1rem; }
    .notice { margin: 0; }
    input { font-size: 1.125rem; min-height: 3.25rem; }
  `];
}

customElements.define('ph-change-password-page', ChangePasswordPage);
declare global {
  interface HTMLElementTagNameMap { 'ph-change-password-page': ChangePasswordPage }
}
