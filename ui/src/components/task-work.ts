import { css, html, nothing } from 'lit';
import { PhElement } from './ph-element.js';
import { formatSize, schoolDateTime, submissionFileUrl, type SubmissionView } from '../api/tasks.js';
import { baseStyles } from '../styles/shared-styles.js';

/** The versions of one student's work, newest first: time, late mark, text, files (view / download), H5P result. */
export class TaskWork extends PhElement {
  static override properties = { submissions: { attribute: false } };
  declare submissions: SubmissionView[];

  constructor() {
    super();
    this.submissions = [];
  }

  override render() {
    if (!this.submissions.length) return html`<p class="muted">${this.t('tasks.noSubmission')}</p>`;
    return html`<ol class="versions" reversed>
      ${[...this.submissions].reverse().map((s) => html`<li class="version">
        <div class="when">
          <strong>${this.t('tasks.version', { n: s.version })}</strong>
          <span class="muted">${schoolDateTime(s.submittedAt)}</span>
          ${s.late ? html`<span class="badge warn">${this.t('tasks.late')}</span>` : nothing}
        </div>
        ${s.text ? html`<p class="text">${s.text}</p>` : nothing}
        ${s.h5pResult ? html`<p>${this.t('tasks.h5pResult', { raw: s.h5pResult.score?.raw ?? '–', max: s.h5pResult.score?.max ?? '–' })}
          ${s.h5pResult.completed ? nothing : html`<span class="badge neutral">${this.t('tasks.h5pIncomplete')}</span>`}</p>` : nothing}
        ${s.files.length ? html`<ul class="files">${s.files.map((f) => html`<li>
          ${f.mime.startsWith('image/') && f.mime !== 'image/heic' ? html`<a href=${submissionFileUrl(f.id, true)} target="_blank" rel="noopener"><img src=${submissionFileUrl(f.id, true)} alt=${f.fileName} loading="lazy"></a>` : nothing}
          <span class="name">${f.fileName}</span> <span class="muted">${formatSize(f.size)}</span>
          ${f.mime === 'application/pdf' || f.mime.startsWith('image/') ? html`<a href=${submissionFileUrl(f.id, true)} target="_blank" rel="noopener">${this.t('tasks.preview')}</a>` : nothing}
          <a href=${submissionFileUrl(f.id)} download>${this.t('tasks.download')}</a>
        </li>`)}</ul>` : nothing}
      </li>`)}
    </ol>`;
  }

  static override styles = [baseStyles, css`
    .versions { list-style: none; margin: 0; padding: 0; display: grid; gap: 0.75rem; }
    .version { border: 1px solid var(--ph-color-border); border-radius: var(--ph-radius-small); padding: 0.75rem 1rem; background: #fff; }
    .when { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; margin-bottom: 0.5rem; }
    .text { white-space: pre-wrap; background: #f6f8fa; padding: 0.5rem 0.75rem; border-radius: var(--ph-radius-small); }
    .files { list-style: none; margin: 0; padding: 0; display: grid; gap: 0.5rem; }
    .files li { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; }
    .files img { max-width: 8rem; max-height: 6rem; border: 1px solid var(--ph-color-border); border-radius: 4px; display: block; }
    .name { overflow-wrap: anywhere; }
  `];
}

customElements.define('ph-task-work', TaskWork);
declare global {
  interface HTMLElementTagNameMap { 'ph-task-work': TaskWork }
}
