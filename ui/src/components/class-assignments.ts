import { css, html, nothing } from 'lit';
import { PhElement } from './ph-element.js';
import { api } from '../api/endpoints.js';
import type { PersonListItem, Subject, TeachingAssignment } from '../api/types.js';
import { notifyError, notifySuccess } from '../state/notify.js';
import { baseStyles, formStyles, tableStyles } from '../styles/shared-styles.js';

/** Who teaches which subject in one class (phân công giảng dạy); editable by school leaders. */
export class ClassAssignments extends PhElement {
  static override properties = {
    classId: { type: Number }, grade: { type: Number }, editable: { type: Boolean },
    assignments: { state: true }, subjects: { state: true }, teachers: { state: true }, busy: { state: true },
  };
  declare classId: number;
  declare grade: number;
  declare editable: boolean;
  declare assignments: TeachingAssignment[] | null;
  declare subjects: Subject[];
  declare teachers: PersonListItem[];
  declare busy: boolean;

  constructor() {
    super();
    this.classId = 0;
    this.grade = 0;
    this.editable = false;
    this.assignments = null;
    this.subjects = [];
    this.teachers = [];
    this.busy = false;
  }

  override firstUpdated(): void {
    void this.load();
  }

  private async load() {
    try {
      this.assignments = await api.assignments(this.classId);
      if (this.editable && !this.subjects.length) {
        const [subjects, teachers] = await Promise.all([api.subjects(this.grade), api.people({ kind: 'staff', role: 'teacher', limit: 500 })]);
        this.subjects = subjects;
        this.teachers = teachers.items;
      }
    } catch (e) {
      notifyError(e);
    }
  }

  private async add(e: SubmitEvent) {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const d = new FormData(form);
    this.busy = true;
    try {
      await api.assign({ classId: this.classId, subjectId: Number(d.get('subject')), teacherId: Number(d.get('teacher')) });
      notifySuccess('state.saved');
      form.reset();
      await this.load();
    } catch (err) {
      notifyError(err);
    } finally {
      this.busy = false;
    }
  }

  private async unassign(a: TeachingAssignment) {
    if (!confirm(this.t('assignments.confirmRemove', { subject: a.subjectName, teacher: a.teacherName }))) return;
    try {
      await api.unassign(a.id);
      notifySuccess('assignments.removed');
      await this.load();
    } catch (err) {
      notifyError(err);
    }
  }

  override render() {
    const list = this.assignments;
    return html`
      <h2>${this.t('assignments.title')}</h2>
      ${!list ? html`<p class="muted" role="status">${this.t('state.loading')}</p>` : list.length === 0 ? html`<p class="muted">${this.t('assignments.none')}</p>` : html`
        <div class="table-wrap">
          <table>
            <thead><tr><th>${this.t('subjects.name')}</th><th>${this.t('assignments.teacher')}</th>${this.editable ? html`<th><span class="visually-hidden">${this.t('action.remove')}</span></th>` : nothing}</tr></thead>
            <tbody>
              ${list.map((a) => html`<tr><td><strong>${a.subjectName}</strong></td><td>${a.teacherName}</td>
                ${this.editable ? html`<td><button class="btn danger small" @click=${() => this.unassign(a)}>${this.t('assignments.remove')}<span class="visually-hidden"> ${a.subjectName}</span></button></td>` : nothing}</tr>`)}
            </tbody>
          </table>
        </div>`}
      ${this.editable ? html`
        <form class="add" @submit=${this.add}>
          <div class="field"><label for="subject">${this.t('subjects.name')}</label>
            <select id="subject" name="subject" required>${this.subjects.map((s) => html`<option value=${s.id}>${s.name}</option>`)}</select></div>
          <div class="field"><label for="teacher">${this.t('assignments.teacher')}</label>
            <select id="teacher" name="teacher" required>${this.teachers.map((p) => html`<option value=${p.id}>${p.fullName}</option>`)}</select></div>
          <button class="btn primary" type="submit" ?disabled=${this.busy}>${this.t('assignments.add')}</button>
        </form>` : nothing}`;
  }

  static override styles = [baseStyles, formStyles, tableStyles, css`
    .add { display: flex; flex-wrap: wrap; gap: 1rem; align-items: flex-end; margin-top: 1rem; }
    .add .field { flex: 1 1 14rem; }
    .btn.small { min-height: 2.5rem; padding: 0.25rem 0.875rem; }
    td { vertical-align: middle; }
  `];
}

customElements.define('ph-class-assignments', ClassAssignments);
declare global {
  interface HTMLElementTagNameMap { 'ph-class-assignments': ClassAssignments }
}
