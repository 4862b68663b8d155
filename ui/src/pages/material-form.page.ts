import { css, html, nothing } from 'lit';
import { PhElement } from '../components/ph-element.js';
import '../components/lesson-picker.js';
import '../components/page-editor.js';
import type { PageEditor } from '../components/page-editor.js';
import { MATERIAL_KINDS, materialEditPath, materialPath, materialsApi, type LibraryFilters, type MaterialDetail, type MaterialKind } from '../api/materials.js';
import { fileSize, kindLabel } from '../components/material-bits.js';
import { navigate } from '../router.js';
import { session } from '../state/session.js';
import { notifyError, notifySuccess } from '../state/notify.js';
import { baseStyles, formStyles } from '../styles/shared-styles.js';

const LICENCES = ['CC BY 4.0', 'CC BY-SA 4.0', 'CC BY-NC 4.0', 'CC BY-NC-SA 4.0'];

/**
 * /hoc-lieu/moi and /hoc-lieu/:id/sua: a material's metadata (subject, grade, lesson, kind,
 * author, source, licence) and its content: an uploaded file or a lesson page (Art. 7.1, 9.3).
 * Only drafts and returned versions are edited; saving keeps a draft, "save and submit" sends it
 * to the subject group's leader (Art. 7.3).
 */
export class MaterialFormPage extends PhElement {
  static override properties = {
    params: { attribute: false }, detail: { state: true }, filters: { state: true }, busy: { state: true }, progress: { state: true },
    contentType: { state: true }, licenceChoice: { state: true },
  };
  declare params: { id?: string };
  declare detail: MaterialDetail | null;
  declare filters: LibraryFilters | null;
  declare busy: boolean;
  declare progress: number | null;
  declare contentType: 'file' | 'page';
  declare licenceChoice: string;
  private pick = { subjectId: null as number | null, grade: null as number | null, curriculumLessonId: null as number | null };

  constructor() {
    super();
    this.params = {};
    this.detail = null;
    this.filters = null;
    this.busy = false;
    this.progress = null;
    this.contentType = 'file';
    this.licenceChoice = LICENCES[0] ?? '';
  }

  private get editing(): boolean {
    return !!this.params.id;
  }

  private get open() {
    return this.detail?.versions.find((v) => ['draft', 'returned'].includes(v.status)) ?? null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void materialsApi.filters().then((f) => (this.filters = f), notifyError);
    if (this.editing) void this.load();
  }

  private async load() {
    try {
      this.detail = await materialsApi.get(Number(this.params.id));
      const v = this.open;
      if (v) {
        this.contentType = v.contentType;
        this.licenceChoice = LICENCES.includes(v.licence) || v.licence === this.t('mat.licenceSchool') ? v.licence : 'other';
        this.pick = { subjectId: this.detail.subjectId, grade: this.detail.grade, curriculumLessonId: v.curriculumLessonId };
      }
    } catch (e) {
      notifyError(e);
    }
  }

  private async save(e: SubmitEvent) {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const submit = (e.submitter as HTMLButtonElement | null)?.value === 'submit';
    const data = new FormData(form);
    const text = (k: string) => String(data.get(k) ?? '').trim();
    const licence = this.licenceChoice === 'other' ? text('licenceOther') : this.licenceChoice;
    const meta = {
      curriculumLessonId: this.pick.curriculumLessonId, title: text('title'), description: text('description'),
      author: text('author'), source: text('source'), licence,
    };
    const file = (form.querySelector('input[name=file]') as HTMLInputElement | null)?.files?.[0];
    const pageHtml = this.contentType === 'page' ? (this.renderRoot.querySelector('ph-page-editor') as PageEditor | null)?.value ?? '' : undefined;
    this.busy = true;
    let createdId: number | null = null;
    try {
      let id: number;
      let versionId: number;
      if (this.editing && this.detail && this.open) {
        id = this.detail.id;
        versionId = this.open.id;
        await materialsApi.update(id, versionId, { ...meta, ...(pageHtml !== undefined ? { pageHtml } : {}) });
      } else {
        if (!this.pick.subjectId || !this.pick.grade) throw new Error('subject and grade');
        const kind = text('kind') as MaterialKind;
        ({ id, versionId } = await materialsApi.create({ ...meta, subjectId: this.pick.subjectId, grade: this.pick.grade, kind, contentType: this.contentType, ...(pageHtml !== undefined ? { pageHtml } : {}) }));
        createdId = id;
      }
      if (file && this.contentType === 'file') {
        this.progress = 0;
        await materialsApi.uploadFile(id, versionId, file, (f) => (this.progress = f));
      }
      if (submit) {
        await materialsApi.act(id, versionId, 'submit', null);
        notifySuccess('mat.submitted');
        navigate(materialPath(id));
      } else {
        notifySuccess('mat.saved');
        // A new lesson page continues in the editor, where pictures and video can now be uploaded.
        navigate(this.contentType === 'page' && !this.editing ? materialEditPath(id) : materialPath(id));
      }
    } catch (err) {
      notifyError(err);
      // A material created before a failed upload is edited from now on, not created twice.
      if (createdId !== null) navigate(materialEditPath(createdId));
    } finally {
      this.busy = false;
      this.progress = null;
    }
  }

  override render() {
    if (this.editing && !this.detail) return html`<p class="muted" role="status">${this.t('state.loading')}</p>`;
    const v = this.open;
    if (this.editing && !v) return html`<p><a href=${materialPath(Number(this.params.id))}>${this.t('mat.back')}</a></p><p class="notice warning">${this.t('mat.notEditable')}</p>`;
    const limits = this.filters?.sizeLimits ?? {};
    const otherMax = Math.max(...['audio', 'pdf', 'image', 'office'].map((k) => limits[k] ?? 0));
    const lastReturn = this.detail?.history.filter((h) => h.action === 'return' && h.versionId === v?.id).at(-1);
    return html`
      <p><a href=${this.editing ? materialPath(Number(this.params.id)) : '/hoc-lieu'}>${this.t('mat.back')}</a></p>
      <h1>${this.t(this.editing ? 'mat.editTitle' : 'mat.newTitle')}</h1>
      ${lastReturn ? html`<p class="notice warning">${this.t('mat.returnedNote', { comment: lastReturn.comment ?? '' })} — ${lastReturn.actorName}</p>` : nothing}
      <form @submit=${this.save}>
        <ph-lesson-picker .subjectId=${this.pick.subjectId} .grade=${this.pick.grade} .value=${this.pick.curriculumLessonId}
          ?fixed-subject=${this.editing} ?fixed-grade=${this.editing}
          @change=${(e: CustomEvent<{ subjectId: number | null; grade: number | null; curriculumLessonId: number | null }>) => { if (e.detail && 'grade' in e.detail) this.pick = { ...e.detail }; }}></ph-lesson-picker>
        <div class="form-grid">
          ${!this.editing ? html`<div class="field">
            <label for="kind">${this.t('mat.kind')}</label>
            <select id="kind" name="kind" required>${MATERIAL_KINDS.map((k) => html`<option value=${k}>${kindLabel(k)}</option>`)}</select>
          </div>` : nothing}
          <div class="field wide">
            <label for="title">${this.t('mat.titleField')}</label>
            <input id="title" name="title" required maxlength="300" .value=${v?.title ?? ''}>
          </div>
          <div class="field wide">
            <label for="description">${this.t('mat.description')}</label>
            <textarea id="description" name="description" rows="3" maxlength="5000" .value=${v?.description ?? ''}></textarea>
          </div>
          <div class="field">
            <label for="author">${this.t('mat.author')}</label>
            <input id="author" name="author" required maxlength="200" .value=${v?.author ?? session.me?.fullName ?? ''}>
          </div>
          <div class="field">
            <label for="source">${this.t('mat.source')}</label>
            <input id="source" name="source" maxlength="500" .value=${v?.source ?? ''}>
          </div>
          <div class="field">
            <label for="licence">${this.t('mat.licence')}</label>
            <select id="licence" @change=${(e: Event) => (this.licenceChoice = (e.target as HTMLSelectElement).value)}>
              ${[...LICENCES, this.t('mat.licenceSchool')].map((l) => html`<option value=${l} ?selected=${this.licenceChoice === l}>${l}</option>`)}
              <option value="other" ?selected=${this.licenceChoice === 'other'}>${this.t('mat.licenceOther')}</option>
            </select>
            ${this.licenceChoice === 'other' ? html`<input name="licenceOther" aria-label=${this.t('mat.licenceOther')} required maxlength="100" .value=${v && !LICENCES.includes(v.licence) ? v.licence : ''}>` : nothing}
          </div>
        </div>
        ${!this.editing ? html`<fieldset class="content-type">
          <legend>${this.t('mat.contentType')}</legend>
          <label class="check"><input type="radio" name="contentType" value="file" ?checked=${this.contentType === 'file'} @change=${() => (this.contentType = 'file')}> ${this.t('mat.contentFile')}</label>
          <label class="check"><input type="radio" name="contentType" value="page" ?checked=${this.contentType === 'page'} @change=${() => (this.contentType = 'page')}> ${this.t('mat.contentPage')}</label>
        </fieldset>` : nothing}
        ${this.contentType === 'file' ? html`<div class="field wide file">
          <label for="file">${this.t('mat.file')}</label>
          ${v?.file ? html`<span class="muted">${this.t('mat.fileChosen', { name: v.file.fileName, size: fileSize(v.file.size) })}</span>` : nothing}
          <input id="file" name="file" type="file" accept=${(this.filters?.acceptedExtensions ?? []).join(',')} ?required=${!v?.file}>
          <span class="hint">${this.t('mat.fileHint', { video: fileSize(limits.video ?? 0), other: fileSize(otherMax) })}</span>
        </div>` : html`<div class="field wide">
          <span class="label">${this.t('mat.editor.label')}</span>
          <ph-page-editor material-id=${this.detail?.id ?? ''} .value=${v?.pageHtml ?? ''}></ph-page-editor>
        </div>`}
        ${this.progress !== null ? html`<p role="status" class="muted">${this.t('mat.uploading', { pct: `${Math.round((this.progress ?? 1) * 100)}%` })}</p>` : nothing}
        <div class="form-actions">
          <button class="btn big" type="submit" value="save" ?disabled=${this.busy}>${this.t('mat.save')}</button>
          <button class="btn big primary" type="submit" value="submit" ?disabled=${this.busy}>${this.t('mat.saveSubmit')}</button>
        </div>
      </form>`;
  }

  static override styles = [baseStyles, formStyles, css`
    :host { max-width: 60rem; }
    form { display: flex; flex-direction: column; gap: 1rem; }
    .content-type { display: flex; flex-wrap: wrap; gap: 0.5rem 1.5rem; }
    .file input[type=file] { padding: 0.5rem; }
    textarea { resize: vertical; }
  `];
}

customElements.define('ph-material-form-page', MaterialFormPage);
declare global {
  interface HTMLElementTagNameMap { 'ph-material-form-page': MaterialFormPage }
}
