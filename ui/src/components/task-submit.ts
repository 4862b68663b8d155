import { css, html, nothing } from 'lit';
import { PhElement } from './ph-element.js';
import './progress-bar.js';
import './h5p-player.js';
import { tasksApi, formatSize, TASK_UPLOAD, type TaskDetail } from '../api/tasks.js';
import { notifyError, notifySuccess } from '../state/notify.js';
import { baseStyles, formStyles } from '../styles/shared-styles.js';

/**
 * A student hands in work (Art. 5.2), phone first: files (a photo from the camera too) with upload
 * progress, typed text, and the latest result of the task's H5P activity. Fires `submitted`.
 */
export class TaskSubmit extends PhElement {
  static override properties = {
    task: { attribute: false }, resubmit: { type: Boolean }, files: { state: true }, progress: { state: true }, busy: { state: true }, error: { state: true },
  };
  declare task: TaskDetail;
  declare resubmit: boolean;
  declare files: File[];
  declare progress: number | null;
  declare busy: boolean;
  declare error: string;

  constructor() {
    super();
    this.resubmit = false;
    this.files = [];
    this.progress = null;
    this.busy = false;
    this.error = '';
  }

  private addFiles(list: FileList | null) {
    const mb = TASK_UPLOAD.maxBytes / 1024 / 1024;
    const next = [...this.files];
    this.error = '';
    for (const f of list ?? []) {
      if (f.size > TASK_UPLOAD.maxBytes) this.error = this.t('tasks.tooBig', { name: f.name, mb });
      else next.push(f);
    }
    if (next.length > TASK_UPLOAD.maxFiles) this.error = this.t('tasks.tooMany', { n: TASK_UPLOAD.maxFiles });
    this.files = next.slice(0, TASK_UPLOAD.maxFiles);
  }

  private async send(e: Event) {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const data = new FormData();
    const text = (form.elements.namedItem('text') as HTMLTextAreaElement | null)?.value.trim();
    if (text) data.append('text', text);
    if ((form.elements.namedItem('h5p') as HTMLInputElement | null)?.checked) data.append('h5p', '1');
    for (const f of this.files) data.append('file', f, f.name);
    this.busy = true;
    this.progress = 0;
    try {
      const r = await tasksApi.submit(this.task.id, data, (p) => (this.progress = p));
      notifySuccess(r.late ? 'tasks.sentLate' : 'tasks.sent');
      this.files = [];
      form.reset();
      this.dispatchEvent(new CustomEvent('submitted', { detail: r, bubbles: true, composed: true }));
    } catch (err) {
      notifyError(err);
    } finally {
      this.busy = false;
      this.progress = null;
    }
  }

  override render() {
    const t = this.task;
    const mb = TASK_UPLOAD.maxBytes / 1024 / 1024;
    return html`<form class="card" @submit=${this.send}>
      <h2>${this.t(this.resubmit ? 'tasks.resubmitTitle' : 'tasks.submitTitle')}</h2>
      ${t.h5pContentId ? html`<div class="h5p">
        <ph-h5p-player content-id=${t.h5pContentId}></ph-h5p-player>
        <label class="check"><input type="checkbox" name="h5p" checked> ${this.t('tasks.attachH5p')}</label>
      </div>` : nothing}
      ${t.acceptText ? html`<div class="field"><label for="text">${this.t('tasks.yourText')}</label><textarea id="text" name="text" rows="6" maxlength="20000"></textarea></div>` : nothing}
      ${t.acceptFiles ? html`<div class="field">
        <label class="btn pick" for="files">${this.t('tasks.chooseFiles')}</label>
        <input id="files" class="visually-hidden" type="file" multiple accept=${TASK_UPLOAD.accept} @change=${(e: Event) => { this.addFiles((e.target as HTMLInputElement).files); (e.target as HTMLInputElement).value = ''; }}>
        <span class="hint">${this.t('tasks.filesHint', { n: TASK_UPLOAD.maxFiles, mb })}</span>
        ${this.files.length ? html`<ul class="chosen">${this.files.map((f, i) => html`<li><span class="name">${f.name}</span> <span class="muted">${formatSize(f.size)}</span>
          <button type="button" class="btn danger small" @click=${() => (this.files = this.files.filter((_x, j) => j !== i))}>${this.t('tasks.remove')}</button></li>`)}</ul>` : nothing}
      </div>` : nothing}
      ${this.error ? html`<p class="notice error" role="alert">${this.error}</p>` : nothing}
      ${this.progress !== null ? html`<ph-progress-bar .value=${this.progress} label=${this.t('tasks.sending')}></ph-progress-bar>` : nothing}
      <div class="form-actions"><button class="btn primary big" type="submit" ?disabled=${this.busy}>${this.t(this.busy ? 'tasks.sending' : 'tasks.send')}</button></div>
    </form>`;
  }

  static override styles = [baseStyles, formStyles, css`
    h2 { margin-top: 0; }
    .field { margin-bottom: 1rem; }
    .pick { align-self: flex-start; }
    .chosen { list-style: none; margin: 0.5rem 0 0; padding: 0; display: grid; gap: 0.375rem; }
    .chosen li { display: flex; gap: 0.5rem; align-items: center; flex-wrap: wrap; }
    .name { overflow-wrap: anywhere; }
    .btn.small { min-height: 2.25rem; padding: 0.25rem 0.75rem; }
    .h5p { margin-bottom: 1rem; }
    .form-actions .btn { width: 100%; }
  `];
}

customElements.define('ph-task-submit', TaskSubmit);
declare global {
  interface HTMLElementTagNameMap { 'ph-task-submit': TaskSubmit }
}
