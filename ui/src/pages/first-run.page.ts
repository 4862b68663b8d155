import { css, html, nothing } from 'lit';
import { PhElement } from '../components/ph-element.js';
import '../components/auth-frame.js';
import { api } from '../api/endpoints.js';
import { isApiError } from '../api/client.js';
import type { SchoolLevel } from '../api/types.js';
import { session } from '../state/session.js';
import { notifyError, notifySuccess } from '../state/notify.js';
import { bilingual, pick } from '../i18n/index.js';
import { levelName } from '../i18n/labels.js';
import { navigate, PATHS } from '../router.js';
import { baseStyles, formStyles } from '../styles/shared-styles.js';

const LEVELS: readonly SchoolLevel[] = ['primary', 'lower_secondary', 'upper_secondary'];

/** First run at the kiosk: the school and its principal's account. */
export class FirstRunPage extends PhElement {
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
    const form = e.target as HTMLFormElement;
    const v = (name: string) => String(new FormData(form).get(name) ?? '').trim();
    if (!form.checkValidity()) {
      this.error = bilingual('form.incomplete');
      form.querySelector<HTMLElement>(':invalid')?.focus();
      return;
    }
    if (v('password') !== v('password2')) {
      this.error = bilingual('password.mismatch');
      return;
    }
    this.busy = true;
    this.error = null;
    try {
      const school = { name: v('name'), moetCode: v('moetCode'), level: v('level') as SchoolLevel, province: v('province'), districtOffice: v('districtOffice') };
      await api.firstRun({
        school,
        principal: { personalId: v('personalId'), fullName: v('fullName'), password: v('password'), gender: null, birthDate: null, phone: null, email: null },
      });
      session.update({ setUp: true, schoolName: school.name });
      notifySuccess('firstRun.done');
      navigate(PATHS.login, { replace: true });
    } catch (err) {
      if (isApiError(err) && err.status >= 400 && err.status < 500) this.error = err.text;
      else notifyError(err);
    } finally {
      this.busy = false;
    }
  }

  override render() {
    const field = (name: string, label: string, attrs: { type?: string; hint?: string; min?: number; max?: number; auto?: string } = {}) => html`
      <div class="field">
        <label for=${name}>${label}</label>
        <input id=${name} name=${name} type=${attrs.type ?? 'text'} required minlength=${attrs.min ?? 2} maxlength=${attrs.max ?? 200}
          autocomplete=${attrs.auto ?? 'off'} aria-describedby=${attrs.hint ? `${name}-hint` : nothing} />
        ${attrs.hint ? html`<span class="hint" id=${`${name}-hint`}>${attrs.hint}</span>` : nothing}
      </div>`;
    return html`
      <ph-auth-frame wide>
        <h1>${this.t('firstRun.title')}</h1>
        <p class="muted">${this.t('firstRun.intro')}</p>
        <form @submit=${this.submit} novalidate>
          <fieldset>
            <legend>${this.t('firstRun.school')}</legend>
            <div class="form-grid">
              ${field('name', this.t('school.name'), { min: 3 })}
              ${field('moetCode', this.t('school.moetCode'), { hint: this.t('school.moetCodeHint'), max: 40 })}
              <div class="field">
                <label for="level">${this.t('school.level')}</label>
                <select id="level" name="level" required>
                  ${LEVELS.map((l) => html`<option value=${l} ?selected=${l === 'lower_secondary'}>${levelName(l)}</option>`)}
                </select>
              </div>
              ${field('province', this.t('school.province'), { max: 100 })}
              ${field('districtOffice', this.t('school.districtOffice'), { hint: this.t('school.districtOfficeHint'), max: 150 })}
            </div>
          </fieldset>
          <fieldset>
            <legend>${this.t('firstRun.principal')}</legend>
            <div class="form-grid">
              ${field('personalId', this.t('person.personalId'), { min: 6, max: 40, hint: this.t('firstRun.personalIdHint') })}
              ${field('fullName', this.t('person.fullName'), { min: 3, max: 150, auto: 'name' })}
              ${field('password', this.t('password.new'), { type: 'password', min: 8, hint: this.t('password.rule'), auto: 'new-password' })}
              ${field('password2', this.t('password.repeat'), { type: 'password', min: 8, auto: 'new-password' })}
            </div>
          </fieldset>
          ${this.error ? html`<p class="notice error" role="alert">${pick(this.error)}</p>` : nothing}
          <button class="btn primary big" type="submit" ?disabled=${this.busy}>${this.busy ? this.t('state.saving') : this.t('firstRun.submit')}</button>
        </form>
      </ph-auth-frame>`;
  }

  static override styles = [baseStyles, formStyles, css`
    form { margin-top: 1.25rem; }
    .btn.big { width: 100%; }
  `];
}

customElements.define('ph-first-run-page', FirstRunPage);
declare global {
  interface HTMLElementTagNameMap { 'ph-first-run-page': FirstRunPage }
}
