import { css, html, nothing } from 'lit';
import { PhElement } from '../components/ph-element.js';
import '../components/file-drop.js';
import '../components/progress-bar.js';
import { api } from '../api/endpoints.js';
import { h5pApi, type ContentResults, type EditorStatus, type H5pActivity, type H5pContent } from '../api/h5p.js';
import { isApiError } from '../api/client.js';
import type { SchoolClass, SchoolYear, TeachingAssignment } from '../api/types.js';
import { notifyError, notifySuccess } from '../state/notify.js';
import { session, STAFF_ROLES } from '../state/session.js';
import { pick } from '../i18n/index.js';
import { formatDate } from '../i18n/format.js';
import { baseStyles, formStyles, tableStyles } from '../styles/shared-styles.js';

const EDITORS: readonly string[] = ['principal', 'vice_principal', 'group_leader', 'teacher'];
const MANAGERS: readonly string[] = ['principal', 'vice_principal'];

export const h5pPath = (id: number) => `/h5p/${id}`;

interface AssignDraft {
  content: H5pContent;
  classId: number | null;
  subjectId: number | null;
  dueOn: string;
  semesterId: number | null;
  column: 'none' | 'regular' | 'midterm' | 'endterm';
  slot: number;
  scorePolicy: 'best' | 'last';
}

/**
 * /h5p — H5P interactive content (Art. 9.3). Teachers: the school's contents, upload of .h5p with
 * progress and clear errors, preview, assignment to a class with a gradebook column, results, and
 * whether the editor is available on this box. Students: the exercises assigned to their class.
 */
export class H5pPage extends PhElement {
  static override properties = {
    contents: { state: true }, activities: { state: true }, editor: { state: true }, progress: { state: true },
    uploading: { state: true }, failure: { state: true }, draft: { state: true }, classes: { state: true },
    assignments: { state: true }, years: { state: true }, results: { state: true }, loaded: { state: true },
  };
  declare contents: H5pContent[];
  declare activities: H5pActivity[];
  declare editor: EditorStatus | null;
  declare progress: number | null;
  declare uploading: boolean;
  declare failure: { text: { vi: string; en: string }; details: string } | null;
  declare draft: AssignDraft | null;
  declare classes: SchoolClass[];
  declare assignments: TeachingAssignment[];
  declare years: SchoolYear[];
  declare results: { content: H5pContent; rows: ContentResults } | null;
  declare loaded: boolean;

  constructor() {
    super();
    this.contents = [];
    this.activities = [];
    this.editor = null;
    this.progress = null;
    this.uploading = false;
    this.failure = null;
    this.draft = null;
    this.classes = [];
    this.assignments = [];
    this.years = [];
    this.results = null;
    this.loaded = false;
  }

  private get staff() {
    return session.hasAny(STAFF_ROLES);
  }
  private get canEdit() {
    return !!session.me?.roles.some((r) => EDITORS.includes(r));
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.refresh();
  }

  private async refresh() {
    try {
      const [contents, activities] = await Promise.all([this.staff ? h5pApi.contents() : Promise.resolve([]), h5pApi.activities()]);
      this.contents = contents;
      this.activities = activities;
      if (this.canEdit && !this.editor) this.editor = await h5pApi.editor();
    } catch (err) {
      notifyError(err);
    } finally {
      this.loaded = true;
    }
  }

  private async take(file: File) {
    this.uploading = true;
    this.failure = null;
    this.progress = 0;
    try {
      const reply = await h5pApi.upload(file, (f) => (this.progress = f === null ? null : Math.round(f * 100)));
      await this.refresh();
      const title = this.contents.find((c) => c.id === reply.id)?.title ?? file.name;
      this.failure = null;
      this.announce = this.t('h5p.uploaded', { title }) + (reply.installed.length ? ` ${this.t('h5p.installedLibs', { list: reply.installed.join(', ') })}` : '');
    } catch (err) {
      if (isApiError(err)) this.failure = { text: err.text, details: describe(err.details) };
      else notifyError(err);
    } finally {
      this.uploading = false;
      this.progress = null;
    }
  }
  private announce = '';

  private async removeContent(c: H5pContent) {
    if (!confirm(this.t('h5p.deleteConfirm', { title: c.title }))) return;
    try {
      await h5pApi.remove(c.id);
      notifySuccess('h5p.deleted');
      await this.refresh();
    } catch (err) {
      notifyError(err);
    }
  }

  private async openAssign(content: H5pContent) {
    this.results = null;
    this.draft = { content, classId: null, subjectId: null, dueOn: '', semesterId: null, column: 'none', slot: 1, scorePolicy: 'best' };
    try {
      if (!this.classes.length) [this.classes, this.years] = await Promise.all([api.classes(), api.years()]);
    } catch (err) {
      notifyError(err);
    }
  }

  private async chooseClass(classId: number | null) {
    if (!this.draft) return;
    this.draft = { ...this.draft, classId, subjectId: null };
    this.assignments = [];
    if (!classId) return;
    try {
      const all = await api.assignments(classId);
      const me = session.me;
      const manager = !!me?.roles.some((r) => MANAGERS.includes(r));
      this.assignments = manager ? all : all.filter((a) => a.teacherId === me?.personId);
    } catch (err) {
      notifyError(err);
    }
  }

  private async saveAssign(e: Event) {
    e.preventDefault();
    const d = this.draft;
    if (!d?.classId || !d.subjectId) return;
    try {
      await h5pApi.assign({
        contentId: d.content.id, classId: d.classId, subjectId: d.subjectId, dueOn: d.dueOn || null, scorePolicy: d.scorePolicy,
        gradebook: d.column !== 'none' && d.semesterId
          ? { semesterId: d.semesterId, column: d.column === 'regular' ? { kind: 'regular', slot: d.slot } : { kind: d.column } }
          : null,
      });
      notifySuccess('h5p.assigned');
      this.draft = null;
      await this.refresh();
    } catch (err) {
      notifyError(err);
    }
  }

  private async unassign(a: H5pActivity) {
    try {
      await h5pApi.unassign(a.id);
      notifySuccess('h5p.unassigned');
      await this.refresh();
    } catch (err) {
      notifyError(err);
    }
  }

  private async showResults(content: H5pContent) {
    this.draft = null;
    try {
      this.results = { content, rows: await h5pApi.results(content.id) };
    } catch (err) {
      notifyError(err);
    }
  }

  private semesters() {
    const cls = this.classes.find((c) => c.id === this.draft?.classId);
    return this.years.find((y) => y.id === cls?.schoolYearId)?.semesters ?? [];
  }

  private gradeColumn(a: H5pActivity) {
    if (!a.gradebook) return html`<span class="muted">${this.t('h5p.gradebookNone')}</span>`;
    const c = a.gradebook.column;
    const sem = this.years.flatMap((y) => y.semesters).find((s) => s.id === a.gradebook?.semesterId);
    const name = c.kind === 'regular' ? `${this.t('h5p.column.regular')} ${c.slot}` : this.t(c.kind === 'midterm' ? 'h5p.column.midterm' : 'h5p.column.endterm');
    return `${name}${sem ? ` · HK${sem.number}` : ''} · ${this.t(a.scorePolicy === 'best' ? 'h5p.policy.best' : 'h5p.policy.last')}`;
  }

  private score(r: { raw: number; max: number } | undefined) {
    return r ? this.t('h5p.scoreOf', { raw: r.raw, max: r.max }) : '';
  }

  override render() {
    return this.staff ? this.renderStaff() : this.renderStudent();
  }

  private renderStudent() {
    return html`
      <h1>${this.t('h5p.studentTitle')}</h1>
      <p class="intro">${this.t('h5p.studentIntro')}</p>
      ${this.loaded && !this.activities.length ? html`<p class="muted">${this.t('h5p.noneStudent')}</p>` : nothing}
      <ul class="cards">
        ${this.activities.map((a) => html`<li class="card">
          <div>
            <h2>${a.contentTitle}</h2>
            <p class="muted">${a.subjectName} · ${a.className}${a.dueOn ? html` · ${this.t('h5p.col.due')}: ${formatDate(a.dueOn)}` : nothing}</p>
            <p>${a.myResult
              ? this.t('h5p.yourResult', { last: this.score(a.myResult.last), best: this.score(a.myResult.best), attempts: a.myResult.attempts })
              : html`<span class="muted">${this.t('h5p.notDone')}</span>`}</p>
          </div>
          <a class="btn primary" href=${h5pPath(a.contentId)}>${this.t(a.myResult ? 'h5p.continue' : 'h5p.play')}</a>
        </li>`)}
      </ul>`;
  }

  private renderStaff() {
    const byContent = new Map<number, H5pActivity[]>();
    for (const a of this.activities) byContent.set(a.contentId, [...(byContent.get(a.contentId) ?? []), a]);
    return html`
      <h1>${this.t('h5p.title')}</h1>
      <p class="intro">${this.t('h5p.intro')}</p>

      ${this.canEdit ? html`
        <section class="panel" aria-labelledby="up">
          <h2 id="up">${this.t('h5p.upload')}</h2>
          <ph-file-drop accept=".h5p" .label=${this.t('h5p.upload')} .hint=${this.t('h5p.uploadHint')} ?disabled=${this.uploading}
            @ph-file=${(e: CustomEvent<File>) => void this.take(e.detail)}></ph-file-drop>
          ${this.uploading ? html`<p role="status">${this.t('h5p.uploading')}</p><ph-progress-bar .value=${this.progress ?? 100}></ph-progress-bar>` : nothing}
          ${this.failure ? html`<div class="failure" role="alert"><strong>${this.t('h5p.uploadFailed')}:</strong> ${pick(this.failure.text)}
            ${this.failure.details ? html`<div class="details">${this.failure.details}</div>` : nothing}</div>` : nothing}
          ${this.announce && !this.failure && !this.uploading ? html`<p class="ok" role="status">${this.announce}</p>` : nothing}
        </section>
        <section class="panel editor" aria-labelledby="ed">
          <h2 id="ed">${this.t('h5p.editorTitle')}</h2>
          ${this.editor ? html`<p class=${this.editor.available ? 'ok' : 'warn'}>${this.editor.available
            ? this.t('h5p.editorAvailable', { api: this.editor.coreApi ? ` (H5P ${this.editor.coreApi})` : '' })
            : this.t('h5p.editorMissing')}</p>` : nothing}
          <a class="btn ${this.editor?.available ? 'primary' : ''}" href="/h5p/soan-thao">${this.t('h5p.ed.open')}</a>
        </section>` : nothing}

      ${this.draft ? this.renderAssign(this.draft) : nothing}
      ${this.results ? this.renderResults() : nothing}

      ${this.loaded && !this.contents.length ? html`<p class="muted">${this.t('h5p.none')}</p>` : nothing}
      ${this.contents.length ? html`<div class="table-wrap"><table>
        <caption>${this.t('h5p.caption')}</caption>
        <thead><tr><th>${this.t('h5p.col.title')}</th><th>${this.t('h5p.col.type')}</th><th>${this.t('h5p.col.uploader')}</th><th>${this.t('h5p.col.date')}</th><th>${this.t('h5p.activities')}</th><th>${this.t('h5p.col.actions')}</th></tr></thead>
        <tbody>${this.contents.map((c) => html`<tr>
          <td><strong>${c.title}</strong></td>
          <td>${c.mainLibrary.replace(/^H5P\./, '')}</td>
          <td>${c.uploadedByName}</td>
          <td>${formatDate(c.createdAt.slice(0, 10))}</td>
          <td>${(byContent.get(c.id) ?? []).length
            ? html`<ul class="acts">${(byContent.get(c.id) ?? []).map((a) => html`<li>${a.className} · ${a.subjectName}${a.dueOn ? ` · ${formatDate(a.dueOn)}` : ''}<br><small>${this.gradeColumn(a)}</small>
                ${this.canEdit ? html`<button class="btn small link" @click=${() => void this.unassign(a)}>${this.t('h5p.unassign')}</button>` : nothing}</li>`)}</ul>`
            : html`<span class="muted">${this.t('h5p.noActivities')}</span>`}</td>
          <td class="actions">
            <a class="btn small" href=${h5pPath(c.id)}>${this.t('h5p.preview')}</a>
            ${this.editor?.available && (c.uploadedById === session.me?.personId || session.me?.roles.some((r) => MANAGERS.includes(r))) ? html`<a class="btn small" href=${`/h5p/${c.id}/sua`}>${this.t('h5p.ed.editContent')}</a>` : nothing}
            ${this.canEdit ? html`<button class="btn small" @click=${() => void this.openAssign(c)}>${this.t('h5p.assign')}</button>
              <button class="btn small" @click=${() => void this.showResults(c)}>${this.t('h5p.results')}</button>
              <button class="btn small danger" @click=${() => void this.removeContent(c)}>${this.t('h5p.delete')}</button>` : nothing}
          </td>
        </tr>`)}</tbody>
      </table></div>` : nothing}`;
  }

  private renderAssign(d: AssignDraft) {
    const set = (patch: Partial<AssignDraft>) => (this.draft = { ...d, ...patch });
    const subjects = [...new Map(this.assignments.map((a) => [a.subjectId, a.subjectName])).entries()];
    return html`<form class="panel assign" @submit=${(e: Event) => void this.saveAssign(e)}>
      <h2>${this.t('h5p.assignTitle', { title: d.content.title })}</h2>
      <div class="grid">
        <label>${this.t('h5p.class')}
          <select required @change=${(e: Event) => void this.chooseClass(Number((e.target as HTMLSelectElement).value) || null)}>
            <option value="">${this.t('h5p.chooseClass')}</option>
            ${this.classes.map((c) => html`<option value=${c.id} ?selected=${c.id === d.classId}>${c.name}</option>`)}
          </select></label>
        <label>${this.t('h5p.subject')}
          <select required ?disabled=${!d.classId} @change=${(e: Event) => set({ subjectId: Number((e.target as HTMLSelectElement).value) || null })}>
            <option value="">${this.t('h5p.chooseSubject')}</option>
            ${subjects.map(([id, name]) => html`<option value=${id} ?selected=${id === d.subjectId}>${name}</option>`)}
          </select></label>
        <label>${this.t('h5p.dueOn')}
          <input type="date" .value=${d.dueOn} @change=${(e: Event) => set({ dueOn: (e.target as HTMLInputElement).value })}></label>
      </div>
      <fieldset>
        <legend>${this.t('h5p.gradebook')}</legend>
        <div class="grid">
          <label>${this.t('h5p.column')}
            <select name="column" @change=${(e: Event) => set({ column: (e.target as HTMLSelectElement).value as AssignDraft['column'] })}>
              <option value="none" ?selected=${d.column === 'none'}>${this.t('h5p.gradebookNone')}</option>
              <option value="regular" ?selected=${d.column === 'regular'}>${this.t('h5p.column.regular')}</option>
              <option value="midterm" ?selected=${d.column === 'midterm'}>${this.t('h5p.column.midterm')}</option>
              <option value="endterm" ?selected=${d.column === 'endterm'}>${this.t('h5p.column.endterm')}</option>
            </select></label>
          ${d.column !== 'none' ? html`
            <label>${this.t('h5p.semester')}
              <select name="semester" required @change=${(e: Event) => set({ semesterId: Number((e.target as HTMLSelectElement).value) || null })}>
                <option value=""></option>
                ${this.semesters().map((s) => html`<option value=${s.id} ?selected=${s.id === d.semesterId}>HK${s.number} (${formatDate(s.startsOn)} – ${formatDate(s.endsOn)})</option>`)}
              </select></label>
            ${d.column === 'regular' ? html`<label>${this.t('h5p.slot')}
              <input name="slot" type="number" min="1" max="10" .value=${String(d.slot)} @change=${(e: Event) => set({ slot: Number((e.target as HTMLInputElement).value) || 1 })}></label>` : nothing}
            <label>${this.t('h5p.policy')}
              <select name="policy" @change=${(e: Event) => set({ scorePolicy: (e.target as HTMLSelectElement).value as 'best' | 'last' })}>
                <option value="best" ?selected=${d.scorePolicy === 'best'}>${this.t('h5p.policy.best')}</option>
                <option value="last" ?selected=${d.scorePolicy === 'last'}>${this.t('h5p.policy.last')}</option>
              </select></label>` : nothing}
        </div>
        <p class="muted">${this.t('h5p.scoreNote')}</p>
      </fieldset>
      <div class="buttons">
        <button class="btn primary" type="submit" ?disabled=${!d.classId || !d.subjectId}>${this.t('h5p.assignSave')}</button>
        <button class="btn" type="button" @click=${() => (this.draft = null)}>${this.t('h5p.cancel')}</button>
      </div>
    </form>`;
  }

  private renderResults() {
    const r = this.results!;
    return html`<section class="panel">
      <h2>${this.t('h5p.results')}: ${r.content.title}</h2>
      ${r.rows.length ? html`<div class="table-wrap"><table>
        <thead><tr><th>${this.t('h5p.col.student')}</th><th>${this.t('h5p.col.class')}</th><th class="num">${this.t('h5p.col.attempts')}</th><th>${this.t('h5p.policy.last')}</th><th>${this.t('h5p.policy.best')}</th></tr></thead>
        <tbody>${r.rows.map((x) => html`<tr><td>${x.fullName}</td><td>${x.className}</td>
          <td class="num">${x.result?.attempts ?? 0}</td>
          <td>${x.result ? this.score(x.result.last) : html`<span class="muted">${this.t('h5p.notDone')}</span>`}</td>
          <td>${x.result ? this.score(x.result.best) : ''}</td></tr>`)}</tbody></table></div>` : html`<p class="muted">${this.t('h5p.noActivities')}</p>`}
      <button class="btn" @click=${() => (this.results = null)}>${this.t('h5p.cancel')}</button>
    </section>`;
  }

  static override styles = [baseStyles, formStyles, tableStyles, css`
    .intro { max-width: 60rem; }
    .panel { border: 1px solid var(--ph-border, #d0d5dd); border-radius: var(--ph-radius, 8px); padding: 1rem 1.25rem; margin: 0 0 1.25rem; background: var(--ph-surface, #fff); }
    .panel h2 { margin-top: 0; font-size: 1.15rem; }
    .failure { margin-top: 0.75rem; padding: 0.75rem 1rem; border-left: 4px solid var(--ph-danger, #b42318); background: #fef3f2; }
    .failure .details { margin-top: 0.25rem; font-size: 0.9rem; word-break: break-word; }
    .ok { color: var(--ph-success, #067647); }
    .warn { color: var(--ph-warning-text, #93370d); background: #fffaeb; padding: 0.75rem 1rem; border-radius: 6px; }
    .grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr)); gap: 0.75rem 1rem; }
    fieldset { border: 1px solid var(--ph-border, #d0d5dd); border-radius: 6px; margin: 1rem 0; padding: 0.75rem 1rem; }
    .buttons { display: flex; gap: 0.75rem; flex-wrap: wrap; }
    .actions { display: flex; flex-wrap: wrap; gap: 0.375rem; }
    .btn.small { min-height: 2.5rem; padding: 0.25rem 0.875rem; }
    .btn.link { background: none; border: 0; text-decoration: underline; padding: 0 0.25rem; min-height: 2rem; }
    .acts { list-style: none; margin: 0; padding: 0; display: grid; gap: 0.375rem; }
    .cards { list-style: none; padding: 0; display: grid; gap: 0.75rem; }
    .card { display: flex; flex-wrap: wrap; gap: 0.75rem; align-items: center; justify-content: space-between; border: 1px solid var(--ph-border, #d0d5dd); border-radius: 8px; padding: 0.875rem 1rem; background: var(--ph-surface, #fff); }
    .card h2 { margin: 0 0 0.25rem; font-size: 1.1rem; }
    .card p { margin: 0.125rem 0; }
  `];
}

/** A short, readable summary of an error's details (which files, which libraries). */
function describe(details: Record<string, unknown> | undefined): string {
  if (!details) return '';
  const parts: string[] = [];
  for (const [k, v] of Object.entries(details)) {
    if (v === undefined || v === null) continue;
    const text = Array.isArray(v) ? v.map((x) => (typeof x === 'object' ? Object.values(x as object).join(' ') : String(x))).join(', ') : typeof v === 'object' ? JSON.stringify(v) : String(v);
    parts.push(`${k}: ${text}`);
  }
  return parts.join(' · ');
}

customElements.define('ph-h5p-page', H5pPage);
declare global {
  interface HTMLElementTagNameMap { 'ph-h5p-page': H5pPage }
}
