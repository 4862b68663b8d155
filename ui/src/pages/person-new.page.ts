import { css, html, nothing } from 'lit';
import { PhElement } from '../components/ph-element.js';
import { api } from '../api/endpoints.js';
import type { Gender, PersonCreateBody, PersonKind, Role, SchoolClass } from '../api/types.js';
import { notifyError, notifySuccess } from '../state/notify.js';
import { kindName, roleName } from '../i18n/labels.js';
import { parseVnDate, VN_DATE_PATTERN } from '../i18n/format.js';
import { navigate, PATHS, personPath } from '../router.js';
import { baseStyles, formStyles } from '../styles/shared-styles.js';

const STAFF_ROLES: readonly Role[] = ['teacher', 'vice_principal', 'it_staff'];

/** Adds a student, a staff member or a parent (POST /api/people); the account follows. */
export class PersonNewPage extends PhElement {
  static override properties = { kind: { state: true }, classes: { state: true }, busy: { state: true } };
  declare kind: PersonKind;
  declare classes: SchoolClass[];
  declare busy: boolean;

  constructor() {
    super();
    this.kind = 'student';
    this.classes = [];
    this.busy = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    api.classes().then((c) => (this.classes = c), notifyError);
  }

  private async submit(e: SubmitEvent) {
    e.preventDefault();
    const d = new FormData(e.target as HTMLFormElement);
    const v = (k: string) => String(d.get(k) ?? '').trim();
    const orNull = (k: string) => v(k) || null;
    const body: PersonCreateBody = {
      kind: this.kind, personalId: orNull('personalId'), citizenId: orNull('citizenId'), fullName: v('fullName'),
      birthDate: parseVnDate(v('birthDate')), gender: (orNull('gender') as Gender | null), phone: orNull('phone'), email: orNull('email'),
      position: this.kind === 'staff' ? orNull('position') : null,
      ...(this.kind === 'student' ? { classId: Number(v('classId')) || null } : {}),
      ...(this.kind === 'staff' ? { roles: d.getAll('roles').map(String) as Role[] } : {}),
    };
    this.busy = true;
    try {
      const { id } = await api.createPerson(body);
      notifySuccess('personNew.created');
      navigate(personPath(id), { replace: true });
    } catch (err) {
      notifyError(err);
    } finally {
      this.busy = false;
    }
  }

  override render() {
    const k = this.kind;
    const input = (name: string, label: string, attrs: { type?: string; required?: boolean; pattern?: string; hint?: string; max?: number; placeholder?: string } = {}) => html`
      <div class="field">
        <label for=${name}>${label}${attrs.required ? html` <span aria-hidden="true">*</span>` : nothing}</label>
        <input id=${name} name=${name} type=${attrs.type ?? 'text'} ?required=${attrs.required ?? false} pattern=${attrs.pattern ?? nothing} maxlength=${attrs.max ?? 200} placeholder=${attrs.placeholder ?? nothing}
          aria-describedby=${attrs.hint ? `${name}-hint` : nothing} />
        ${attrs.hint ? html`<span class="hint" id=${`${name}-hint`}>${attrs.hint}</span>` : nothing}
      </div>`;
    return html`
      <p class="crumbs"><a href=${PATHS.people}>${this.t('people.title')}</a> › ${this.t('personNew.title')}</p>
      <h1>${this.t('personNew.title')}</h1>
      <form class="card" @submit=${this.submit}>
        <fieldset>
          <legend>${this.t('people.kind')}</legend>
          <div class="kinds">
            ${(['student', 'staff', 'parent'] as const).map((x) => html`<label class="check"><input type="radio" name="kind" value=${x} .checked=${k === x} @change=${() => (this.kind = x)} /> ${kindName(x)}</label>`)}
          </div>
        </fieldset>
        <div class="form-grid">
          ${input('fullName', this.t('person.fullName'), { required: true, max: 150 })}
          ${k !== 'parent' ? input('personalId', this.t('person.personalId'), { required: true, max: 40, hint: this.t('personNew.personalIdHint') }) : nothing}
          ${input('citizenId', this.t('person.citizenId'), { pattern: '\\d{12}', hint: this.t('personNew.citizenIdHint') })}
          ${input('birthDate', this.t('person.birthDate'), { required: k === 'student', pattern: VN_DATE_PATTERN, placeholder: 'dd/mm/yyyy', max: 10 })}
          <div class="field">
            <label for="gender">${this.t('person.gender')}</label>
            <select id="gender" name="gender"><option value="">—</option><option value="female">${this.t('gender.female')}</option><option value="male">${this.t('gender.male')}</option></select>
          </div>
          ${input('phone', this.t('person.phone'), { type: 'tel', max: 30 })}
          ${input('email', this.t('person.email'), { type: 'email' })}
          ${k === 'staff' ? input('position', this.t('person.position'), { max: 100 }) : nothing}
          ${k === 'student' ? html`<div class="field"><label for="classId">${this.t('person.class')}</label>
            <select id="classId" name="classId"><option value="">—</option>${this.classes.map((c) => html`<option value=${c.id}>${c.name}</option>`)}</select></div>` : nothing}
        </div>
        ${k === 'staff' ? html`<fieldset><legend>${this.t('person.roles')}</legend><div class="kinds">
          ${STAFF_ROLES.map((r) => html`<label class="check"><input type="checkbox" name="roles" value=${r} ?checked=${r === 'teacher'} /> ${roleName(r)}</label>`)}</div></fieldset>` : nothing}
        <p class="hint">${this.t('personNew.accountHint')}</p>
        <div class="form-actions">
          <button class="btn primary" type="submit" ?disabled=${this.busy}>${this.t('personNew.submit')}</button>
          <a class="btn" href=${PATHS.people}>${this.t('action.cancel')}</a>
        </div>
      </form>`;
  }

  static override styles = [baseStyles, formStyles, css`
    .crumbs { margin: 0 0 0.5rem; color: var(--ph-color-muted); }
    .kinds { display: flex; flex-wrap: wrap; gap: 0 2rem; }
    fieldset { margin: 0 0 1rem; }
    .form-grid + fieldset { margin-top: 1rem; }
  `];
}

customElements.define('ph-person-new-page', PersonNewPage);
declare global {
  interface HTMLElementTagNameMap { 'ph-person-new-page': PersonNewPage }
}
