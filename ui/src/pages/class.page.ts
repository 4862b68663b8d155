import { css, html, nothing } from 'lit';
import { PhElement } from '../components/ph-element.js';
import '../components/class-assignments.js';
import '../components/class-form.js';
import '../components/qa-counts.js';
import { api } from '../api/endpoints.js';
import type { ClassBody, PersonListItem, SchoolClass } from '../api/types.js';
import { session, LEADER_ROLES, MANAGER_ROLES } from '../state/session.js';
import { notifyError, notifySuccess } from '../state/notify.js';
import { formatDate } from '../i18n/format.js';
import { genderName } from '../i18n/labels.js';
import { PATHS, personPath } from '../router.js';
import { baseStyles, tableStyles } from '../styles/shared-styles.js';

const STUDENT_LIMIT = 100;

/** One class: homeroom teacher, size, teaching assignments and the class list. */
export class ClassPage extends PhElement {
  static override properties = { params: { attribute: false }, schoolClass: { state: true }, students: { state: true }, total: { state: true }, editing: { state: true } };
  declare params: { id?: string };
  declare schoolClass: SchoolClass | null;
  declare students: PersonListItem[] | null;
  declare total: number;
  declare editing: boolean;
  private teachers: PersonListItem[] = [];

  constructor() {
    super();
    this.params = {};
    this.schoolClass = null;
    this.students = null;
    this.total = 0;
    this.editing = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private get classId(): number {
    return Number(this.params.id);
  }

  private async load() {
    try {
      const [cls, page] = await Promise.all([api.class(this.classId), api.people({ kind: 'student', classId: this.classId, limit: STUDENT_LIMIT })]);
      this.schoolClass = cls;
      // Kept in the server's order: Vietnamese class-list order, by given name.
      this.students = page.items;
      this.total = page.total;
    } catch (e) {
      notifyError(e);
    }
  }

  private async edit() {
    try {
      if (!this.teachers.length) this.teachers = (await api.people({ kind: 'staff', role: 'teacher', limit: 500 })).items;
      this.editing = true;
    } catch (e) {
      notifyError(e);
    }
  }

  private async save(body: ClassBody) {
    try {
      await api.updateClass(this.classId, body);
      this.editing = false;
      notifySuccess('state.saved');
      await this.load();
    } catch (e) {
      notifyError(e);
    }
  }

  override render() {
    const c = this.schoolClass;
    if (!c) return html`<p class="muted" role="status">${this.t('state.loading')}</p>`;
    const leader = session.hasAny(LEADER_ROLES);
    const canOpenPeople = session.hasAny(MANAGER_ROLES);
    return html`
      <p class="crumbs"><a href=${PATHS.classes}>${this.t('classes.title')}</a> › ${c.name}</p>
      <div class="page-head">
        <h1>${this.t('class.name', { name: c.name })}</h1>
        ${leader && !this.editing ? html`<button class="btn" @click=${this.edit}>${this.t('classes.edit', { name: c.name })}</button>` : nothing}
      </div>
      ${this.editing ? html`<ph-class-form .schoolClass=${c} .teachers=${this.teachers} .grades=${[c.grade]}
        @ph-save-class=${(e: CustomEvent<ClassBody>) => this.save(e.detail)} @ph-cancel=${() => (this.editing = false)}></ph-class-form>` : nothing}
      <dl class="facts">
        <div><dt>${this.t('classes.grade')}</dt><dd>${c.grade}</dd></div>
        <div><dt>${this.t('class.homeroom')}</dt><dd>${c.homeroomTeacherName ?? this.t('class.noHomeroom')}</dd></div>
        <div><dt>${this.t('class.size')}</dt><dd>${this.t('class.studentCount', { count: c.studentCount })}</dd></div>
      </dl>
      ${c.sizeWarning ? html`<p class="notice warning" role="note">${this.t('class.sizeWarning', { count: c.sizeWarning.count, limit: c.sizeWarning.limit })}</p>` : nothing}

      <ph-class-assignments .classId=${c.id} .grade=${c.grade} ?editable=${leader}></ph-class-assignments>
      <ph-qa-counts class-id=${c.id}></ph-qa-counts>

      <h2>${this.t('class.students')}</h2>
      ${!this.students ? nothing : this.students.length === 0 ? html`<p class="muted">${this.t('class.noStudents')}</p>` : html`
        ${this.total > this.students.length ? html`<p class="muted">${this.t('class.partial', { shown: this.students.length, total: this.total })}</p>` : nothing}
        <div class="table-wrap students">
          <table>
            <caption class="visually-hidden">${this.t('class.students')}</caption>
            <thead><tr><th class="num">${this.t('table.no')}</th><th>${this.t('person.fullName')}</th><th>${this.t('person.personalId')}</th><th>${this.t('person.birthDate')}</th><th>${this.t('person.gender')}</th></tr></thead>
            <tbody>
              ${this.students.map((s, i) => html`<tr>
                <td class="num">${i + 1}</td>
                <td>${canOpenPeople ? html`<a href=${personPath(s.id)}>${s.fullName}</a>` : s.fullName}</td>
                <td class="mono">${s.personalId ?? ''}</td>
                <td>${formatDate(s.birthDate)}</td>
                <td>${genderName(s.gender)}</td>
              </tr>`)}
            </tbody>
          </table>
        </div>`}`;
  }

  static override styles = [baseStyles, tableStyles, css`
    .crumbs { margin: 0 0 0.5rem; color: var(--ph-color-muted); }
    .facts { display: flex; flex-wrap: wrap; gap: 0.75rem 2.5rem; margin: 0 0 1rem; }
    .facts dt { color: var(--ph-color-muted); font-size: 0.9375rem; }
    .facts dd { margin: 0; font-weight: 700; font-size: 1.125rem; }
    .mono { font-variant-numeric: tabular-nums; font-family: ui-monospace, "Noto Sans Mono", monospace; font-size: 0.875rem; }
    ph-class-form { display: block; margin-bottom: 1.25rem; }
  `];
}

customElements.define('ph-class-page', ClassPage);
declare global {
  interface HTMLElementTagNameMap { 'ph-class-page': ClassPage }
}
