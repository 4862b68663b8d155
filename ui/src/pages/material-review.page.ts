import { css, html, nothing } from 'lit';
import { PhElement } from '../components/ph-element.js';
import { materialPath, materialsApi, type MaterialSummary, type ReviewStepAction } from '../api/materials.js';
import { kindIcon, kindLabel, schoolDay, statusBadge } from '../components/material-bits.js';
import { session } from '../state/session.js';
import { notifyError, notifySuccess } from '../state/notify.js';
import type { MessageKey } from '../i18n/index.js';
import { baseStyles, formStyles } from '../styles/shared-styles.js';

/**
 * /hoc-lieu/duyet: the reviewer's queue (Art. 7.3). The subject group's leader passes the
 * group's submitted materials; the principal approves passed ones (and passes for a subject
 * whose group has no leader). Either returns a material with a comment.
 */
export class MaterialReviewPage extends PhElement {
  static override properties = { items: { state: true }, comments: { state: true }, busy: { state: true } };
  declare items: MaterialSummary[] | null;
  declare comments: Record<number, string>;
  declare busy: number | null;

  constructor() {
    super();
    this.items = null;
    this.comments = {};
    this.busy = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load() {
    try {
      this.items = await materialsApi.queue();
    } catch (e) {
      notifyError(e);
    }
  }

  private async act(m: MaterialSummary, action: ReviewStepAction) {
    this.busy = m.versionId;
    try {
      await materialsApi.act(m.id, m.versionId, action, this.comments[m.versionId]?.trim() || null);
      notifySuccess(`mat.done.${action}` as MessageKey);
      await this.load();
    } catch (e) {
      notifyError(e);
    } finally {
      this.busy = null;
    }
  }

  override render() {
    const principal = session.hasAny(['principal']);
    return html`
      <p><a href="/hoc-lieu">${this.t('mat.back')}</a></p>
      <h1>${this.t('mat.reviewQueue')}</h1>
      <p class="muted">${this.t('mat.queueIntro')}</p>
      ${!this.items ? html`<p class="muted" role="status">${this.t('state.loading')}</p>`
        : !this.items.length ? html`<p class="notice success">${this.t('mat.queueEmpty')}</p>`
        : html`<ul class="queue">${this.items.map((m) => {
          const comment = this.comments[m.versionId] ?? '';
          const canPass = m.status === 'submitted';
          const canApprove = m.status === 'passed' && principal;
          return html`<li class="card" data-material-id=${m.id}>
            <div class="row">
              <span class="icon">${kindIcon(m.kind)}</span>
              <div class="body">
                <span class="kind">${kindLabel(m.kind)} · ${this.t('mat.version', { n: m.versionNumber })}</span>
                <a class="name" href=${materialPath(m.id)}>${m.title}</a>
                <span class="meta">${m.subjectName} · ${this.t('mat.gradeN', { grade: m.grade })}${m.curriculumLessonTitle ? html` · ${m.curriculumLessonTitle}` : nothing}</span>
                <span class="meta">${this.t('mat.owner')}: ${m.ownerName} · ${this.t('mat.updated', { date: schoolDay(m.updatedAt) })}</span>
                <span>${statusBadge(m.status)}</span>
              </div>
            </div>
            <div class="field">
              <label for="c${m.versionId}">${this.t('mat.comment')}</label>
              <textarea id="c${m.versionId}" rows="2" .value=${comment}
                @input=${(e: Event) => (this.comments = { ...this.comments, [m.versionId]: (e.target as HTMLTextAreaElement).value })}></textarea>
            </div>
            <div class="actions">
              <a class="btn" href=${materialPath(m.id)}>${this.t('mat.open')}</a>
              ${canPass ? html`<button class="btn primary" ?disabled=${this.busy !== null} @click=${() => this.act(m, 'pass')}>${this.t('mat.action.pass')}</button>` : nothing}
              ${canApprove ? html`<button class="btn primary" ?disabled=${this.busy !== null} @click=${() => this.act(m, 'approve')}>${this.t('mat.action.approve')}</button>` : nothing}
              <button class="btn danger" ?disabled=${this.busy !== null || comment.trim().length < 3} title=${this.t('mat.commentHint')} @click=${() => this.act(m, 'return')}>${this.t('mat.action.return')}</button>
            </div>
          </li>`;
        })}</ul>`}
    `;
  }

  static override styles = [baseStyles, formStyles, css`
    :host { max-width: 60rem; }
    .queue { list-style: none; padding: 0; margin: 0; display: flex; flex-direction: column; gap: 1rem; }
    .queue li { display: flex; flex-direction: column; gap: 0.75rem; }
    .row { display: flex; gap: 0.875rem; }
    .icon { flex: none; display: grid; place-items: center; width: 3rem; height: 3rem; border-radius: 0.75rem; background: var(--ph-color-primary-soft); color: var(--ph-color-primary); }
    .body { display: flex; flex-direction: column; gap: 0.25rem; min-width: 0; }
    .kind { font-size: 0.8125rem; font-weight: 700; text-transform: uppercase; color: var(--ph-color-muted); }
    .name { font-size: 1.125rem; }
    .meta { font-size: 0.9rem; color: var(--ph-color-muted); }
  `];
}

customElements.define('ph-material-review-page', MaterialReviewPage);
declare global {
  interface HTMLElementTagNameMap { 'ph-material-review-page': MaterialReviewPage }
}
