import { css, html, nothing } from 'lit';
import { PhElement } from '../components/ph-element.js';
import '../components/school-tabs.js';
import '../components/class-form.js';
import { api } from '../api/endpoints.js';
import type { ClassBody, PersonListItem, SchoolClass, SchoolLevel, SchoolYear } from '../api/types.js';
import { session, LEADER_ROLES } from '../state/session.js';
import { notifyError, notifySuccess } from '../state/notify.js';
import { GRADES_BY_LEVEL } from '../i18n/labels.js';
import { classPath } from '../router.js';
import { baseStyles, tableStyles } from '../styles/shared-styles.js';

/** Classes of the current school year with their homeroom teacher and size (sĩ số). */
export class ClassesPage extends PhElement {
  static override properties = { classes: { state: true }, adding: { state: true }, busy: { state: true } };
  declare classes: SchoolClass[] | null;
  declare adding: boolean;
  declare busy: boolean;
  private teachers: PersonListItem[] = [];
  private year: SchoolYear | undefined;
  private level: SchoolLevel = 'lower_secondary';

  constructor() {
    super();
    this.classes = null;
    this.adding = false;
    this.busy = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load() {
    try {
      const [classes, years, school] = await Promise.all([api.classes(), api.years(), api.school()]);
      this.year = years.find((y) => y.isCurrent);
      this.level = school.level;
      this.classes = [...classes].sort((a, b) => a.grade - b.grade || a.name.localeCompare(b.name, 'vi', { numeric: true }));
    } catch (e) {
      notifyError(e);
    }
  }

  private async startAdding() {
    try {
      if (!this.teachers.length) this.teachers = (await api.people({ kind: 'staff', role: 'teacher', limit: 500 })).items;
      this.adding = true;
    } catch (e) {
      notifyError(e);
    }
  }

  private async save(body: ClassBody) {
    this.busy = true;
    try {
      await api.createClass(body);
      this.adding = false;
      notifySuccess('state.saved');
      await this.load();
    } catch (e) {
      notifyError(e);
    } finally {
      this.busy = false;
    }
  }

  override render() {
    const editable = session.hasAny(LEADER_ROLES) && !!this.year;
    return html`
      <ph-school-tabs></ph-school-tabs>
      <div class="page-head">
        <h1>${this.t('classes.title')}${this.year ? html` <span class="muted year">${this.t('home.schoolYear', { year: this.year.name })}</span>` : nothing}</h1>
        ${editable && !this.adding ? html`<button class="btn primary" @click=${this.startAdding}>${this.t('classes.add')}</button>` : nothing}
      </div>
      ${this.adding ? html`<ph-class-form .teachers=${this.teachers} .grades=${GRADES_BY_LEVEL[this.level]} .yearId=${this.year?.id ?? 0} ?busy=${this.busy}
        @ph-save-class=${(e: CustomEvent<ClassBody>) => this.save(e.detail)} @ph-cancel=${() => (this.adding = false)}></ph-class-form>` : nothing}
      ${!this.classes ? html`<p class="muted" role="status">${this.t('state.loading')}</p>`
        : this.classes.length === 0 ? html`<p class="notice">${this.t('classes.none')}</p>` : html`
        <div class="table-wrap">
          <table>
            <thead><tr><th>${this.t('classes.name')}</th><th>${this.t('classes.grade')}</th><th>${this.t('class.homeroom')}</th><th class="num">${this.t('class.size')}</th><th>${this.t('classes.note')}</th></tr></thead>
            <tbody>
              ${this.classes.map((c) => html`<tr class=${c.sizeWarning ? 'over' : ''}>
                <td><a href=${classPath(c.id)}>${c.name}</a></td>
                <td>${c.grade}</td>
                <td>${c.homeroomTeacherName ?? html`<span class="muted">${this.t('class.noHomeroom')}</span>`}</td>
                <td class="num">${c.studentCount}</td>
                <td>${c.sizeWarning ? html`<span class="badge warn">${this.t('class.sizeWarning', { count: c.sizeWarning.count, limit: c.sizeWarning.limit })}</span>` : nothing}</td>
              </tr>`)}
            </tbody>
          </table>
        </div>`}`;
  }

  static override styles = [baseStyles, tableStyles, css`
    .year { font-size: 1rem; font-weight: 500; }
    ph-class-form { display: block; margin-bottom: 1.5rem; }
    tr.over td { background: #fffaf0; }
    .badge { white-space: normal; }
  `];
}

customElements.define('ph-classes-page', ClassesPage);
declare global {
  interface HTMLElementTagNameMap { 'ph-classes-page': ClassesPage }
}
