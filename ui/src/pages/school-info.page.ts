import { html, nothing } from 'lit';
import { PhElement } from '../components/ph-element.js';
import '../components/school-tabs.js';
import { api } from '../api/endpoints.js';
import type { School, SchoolBody, SchoolLevel } from '../api/types.js';
import { session, LEADER_ROLES } from '../state/session.js';
import { notifyError, notifySuccess } from '../state/notify.js';
import { levelName } from '../i18n/labels.js';
import { baseStyles, formStyles } from '../styles/shared-styles.js';

const LEVELS: readonly SchoolLevel[] = ['primary', 'lower_secondary', 'upper_secondary'];

/** The school's identity (GET/PUT /api/school); editable by the principal and vice principals. */
export class SchoolInfoPage extends PhElement {
  static override properties = { school: { state: true }, busy: { state: true } };
  declare school: School | null;
  declare busy: boolean;

  constructor() {
    super();
    this.school = null;
    this.busy = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    api.school().then((s) => (this.school = s), notifyError);
  }

  private async save(e: SubmitEvent) {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    const v = (k: string) => String(data.get(k) ?? '').trim();
    const body: SchoolBody = {
      name: v('name'), moetCode: v('moetCode'), level: v('level') as SchoolLevel, province: v('province'), districtOffice: v('districtOffice'),
      address: v('address') || null, phone: v('phone') || null,
    };
    this.busy = true;
    try {
      await api.saveSchool(body);
      session.update({ schoolName: body.name });
      this.school = await api.school();
      notifySuccess('state.saved');
    } catch (err) {
      notifyError(err);
    } finally {
      this.busy = false;
    }
  }

  override render() {
    const s = this.school;
    const editable = session.hasAny(LEADER_ROLES);
    const input = (name: keyof School, label: string, opts: { required?: boolean; max?: number; wide?: boolean } = {}) => html`
      <div class="field ${opts.wide ? 'wide' : ''}">
        <label for=${name}>${label}</label>
        <input id=${name} name=${name} .value=${String(s?.[name] ?? '')} ?required=${opts.required ?? true} maxlength=${opts.max ?? 200} ?disabled=${!editable} />
      </div>`;
    return html`
      <ph-school-tabs></ph-school-tabs>
      <h1>${this.t('school.title')}</h1>
      ${!editable ? html`<p class="notice">${this.t('state.readOnly')}</p>` : nothing}
      ${!s ? html`<p class="muted" role="status">${this.t('state.loading')}</p>` : html`
        <form class="card" @submit=${this.save}>
          <div class="form-grid">
            ${input('name', this.t('school.name'), { wide: true })}
            ${input('moetCode', this.t('school.moetCode'), { max: 40 })}
            <div class="field">
              <label for="level">${this.t('school.level')}</label>
              <select id="level" name="level" ?disabled=${!editable}>
                ${LEVELS.map((l) => html`<option value=${l} ?selected=${s.level === l}>${levelName(l)}</option>`)}
              </select>
            </div>
            ${input('province', this.t('school.province'), { max: 100 })}
            ${input('districtOffice', this.t('school.districtOffice'), { max: 150, wide: true })}
            ${input('address', this.t('school.address'), { required: false, max: 300, wide: true })}
            ${input('phone', this.t('school.phone'), { required: false, max: 30 })}
          </div>
          ${editable ? html`<div class="form-actions"><button class="btn primary" type="submit" ?disabled=${this.busy}>${this.t('action.save')}</button></div>` : nothing}
        </form>`}`;
  }

  static override styles = [baseStyles, formStyles];
}

customElements.define('ph-school-info-page', SchoolInfoPage);
declare global {
  interface HTMLElementTagNameMap { 'ph-school-info-page': SchoolInfoPage }
}
