/// <reference types="vite/client" />
import { css, html, nothing } from 'lit';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import { PhElement } from '../components/ph-element.js';
import { MATERIAL_PATH, materialEditPath, materialsApi, type MaterialDetail, type MaterialVersion, type ReviewStepAction } from '../api/materials.js';
import { fileSize, kindIcon, kindLabel, schoolDay, schoolTime, statusBadge, statusLabel } from '../components/material-bits.js';
import { navigate } from '../router.js';
import { session } from '../state/session.js';
import { notifyError, notifySuccess } from '../state/notify.js';
import type { MessageKey } from '../i18n/index.js';
import { baseStyles, formStyles } from '../styles/shared-styles.js';

// Other modules' elements, loaded when they exist: the H5P player (H5P module) and the progress
// tracker (progress module). A missing file is simply not in the map.
const optional = import.meta.glob(['../components/h5p-player.ts', '../components/progress-tracker.ts']);
const loadOptional = (name: string) => {
  const key = Object.keys(optional).find((k) => k.endsWith(`/${name}.ts`));
  return key ? optional[key]!().then(() => true, () => false) : Promise.resolve(false);
};

/**
 * /hoc-lieu/:id: one material. Students see its published version (video/audio player, PDF,
 * picture, office download or the lesson page with its H5P players) and their progress is
 * recorded; staff also see the other versions they may see, the review history, and the steps
 * they may take (edit, submit, pass, approve, return with a comment; Art. 7.3).
 */
export class MaterialPage extends PhElement {
  static override properties = { params: { attribute: false }, detail: { state: true }, versionId: { state: true }, busy: { state: true }, comment: { state: true } };
  declare params: { id?: string };
  declare detail: MaterialDetail | null;
  declare versionId: number | null;
  declare busy: boolean;
  declare comment: string;

  constructor() {
    super();
    this.params = {};
    this.detail = null;
    this.versionId = null;
    this.busy = false;
    this.comment = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private get learner(): boolean {
    return !!session.me && session.me.roles.every((r) => r === 'student' || r === 'parent');
  }

  private async load() {
    try {
      const d = await materialsApi.get(Number(this.params.id));
      this.detail = d;
      // Reviewers and authors land on the version at work; everyone else on the published one.
      const open = d.versions.find((v) => ['draft', 'returned', 'submitted', 'passed'].includes(v.status));
      const busyWith = open && (d.can.edit || d.can.submit || d.can.pass || d.can.approve || d.can.return);
      this.versionId = (busyWith ? open.id : d.publishedVersionId) ?? d.versions[0]?.id ?? null;
      if (d.versions.some((v) => v.pageHtml?.includes('<ph-h5p-player'))) void loadOptional('h5p-player');
      if (session.hasAny(['student'])) void loadOptional('progress-tracker');
    } catch (e) {
      notifyError(e);
    }
  }

  private async act(action: ReviewStepAction) {
    const v = this.version;
    if (!this.detail || !v) return;
    this.busy = true;
    try {
      await materialsApi.act(this.detail.id, v.id, action, this.comment.trim() || null);
      notifySuccess(`mat.done.${action}` as MessageKey);
      this.comment = '';
      await this.load();
    } catch (e) {
      notifyError(e);
    } finally {
      this.busy = false;
    }
  }

  private async newVersion() {
    if (!this.detail) return;
    this.busy = true;
    try {
      await materialsApi.newVersion(this.detail.id);
      navigate(materialEditPath(this.detail.id));
    } catch (e) {
      notifyError(e);
    } finally {
      this.busy = false;
    }
  }

  private get version(): MaterialVersion | null {
    return this.detail?.versions.find((v) => v.id === this.versionId) ?? null;
  }

  private media(e: Event) {
    // The progress tracker cannot see media inside this shadow root: tell it (Art. 9.2.c).
    this.dispatchEvent(new CustomEvent('ph-media-state', { detail: { playing: e.type === 'play' }, bubbles: true, composed: true }));
  }

  private async complete() {
    const tracker = this.renderRoot.querySelector('ph-progress-tracker') as (HTMLElement & { complete?: () => Promise<unknown> }) | null;
    try {
      await tracker?.complete?.();
    } catch (e) {
      notifyError(e);
    }
  }

  override render() {
    const d = this.detail;
    if (!d) return html`<p><a href=${MATERIAL_PATH}>${this.t('mat.back')}</a></p><p class="muted" role="status">${this.t('state.loading')}</p>`;
    const v = this.version;
    const isStudent = session.hasAny(['student']);
    return html`
      <p class="back"><a href=${MATERIAL_PATH}>${this.t('mat.back')}</a></p>
      ${isStudent ? html`<ph-progress-tracker material-id=${d.id}></ph-progress-tracker>` : nothing}
      <header class="head">
        <span class="icon">${kindIcon(d.kind)}</span>
        <div>
          <span class="kind">${kindLabel(d.kind)}</span>
          <h1>${v?.title ?? ''}</h1>
          <p class="meta">${d.subjectName} · ${this.t('mat.gradeN', { grade: d.grade })}${v?.curriculumLessonTitle ? html` · ${v.curriculumLessonTitle}` : nothing}</p>
        </div>
      </header>
      ${!this.learner && d.versions.length > 1 ? html`<div class="versions" role="tablist">
        ${d.versions.map((x) => html`<button role="tab" class="tab" aria-selected=${x.id === this.versionId ? 'true' : 'false'} @click=${() => (this.versionId = x.id)}>
          ${this.t('mat.version', { n: x.number })} · ${statusLabel(x.status)}</button>`)}
      </div>` : nothing}
      ${this.pendingNote(d, v)}
      ${v ? this.body(v) : nothing}
      ${isStudent ? html`<div class="done"><button class="btn big primary" @click=${this.complete}>✓ ${this.t('mat.complete')}</button></div>` : nothing}
      ${!this.learner ? this.actions(d, v) : nothing}
      ${!this.learner && d.history.length ? this.history(d) : nothing}
    `;
  }

  /** Staff looking at the published version while a newer one is on its way. */
  private pendingNote(d: MaterialDetail, v: MaterialVersion | null) {
    const open = d.versions.find((x) => ['draft', 'returned', 'submitted', 'passed'].includes(x.status));
    if (this.learner || !open || open.id === v?.id) return nothing;
    return html`<p class="notice">${this.t('mat.pendingVersion', { n: open.number, status: statusLabel(open.status) })}</p>`;
  }

  private body(v: MaterialVersion) {
    return html`
      <section class="content" aria-label=${v.title}>
        ${v.contentType === 'page' ? html`<article class="page">${unsafeHTML(v.pageHtml ?? '')}</article>` : this.file(v)}
      </section>
      ${v.description ? html`<p class="description">${v.description}</p>` : nothing}
      <dl class="facts">
        <div><dt>${this.t('mat.author')}</dt><dd>${v.author}</dd></div>
        ${v.source ? html`<div><dt>${this.t('mat.source')}</dt><dd>${v.source}</dd></div>` : nothing}
        <div><dt>${this.t('mat.licence')}</dt><dd>${v.licence}</dd></div>
        <div><dt>${this.t('mat.version', { n: v.number })}</dt><dd>${statusBadge(v.status)}${v.publishedAt ? html` ${this.t('mat.publishedOn', { date: schoolDay(v.publishedAt) })}` : nothing}</dd></div>
      </dl>`;
  }

  private file(v: MaterialVersion) {
    const f = v.file;
    if (!f) return html`<p class="notice warning">${this.t('mat.noContent')}</p>`;
    switch (f.category) {
      case 'video':
        return html`<video class="player" src=${f.url} controls preload="metadata" playsinline @play=${this.media} @pause=${this.media} @ended=${this.media}></video>`;
      case 'audio':
        return html`<audio class="player" src=${f.url} controls preload="metadata" @play=${this.media} @pause=${this.media} @ended=${this.media}></audio>`;
      case 'image':
        return html`<img class="picture" src=${f.url} alt=${v.title}>`;
      case 'pdf':
        return html`<iframe class="pdf" src=${f.url} title=${f.fileName}></iframe>
          <p><a class="btn" href=${f.url} target="_blank" rel="noopener">${this.t('mat.pdfOpen')}</a> <a class="btn" href="${f.url}?download=true" download>${this.t('mat.download')}</a></p>`;
      default:
        return html`<div class="office card"><p>${this.t('mat.officeNote')}</p>
          <a class="btn big primary" href="${f.url}?download=true" download>${this.t('mat.download')}: ${f.fileName} (${fileSize(f.size)})</a></div>`;
    }
  }

  private actions(d: MaterialDetail, v: MaterialVersion | null) {
    const c = d.can;
    const open = v && ['draft', 'returned', 'submitted', 'passed'].includes(v.status);
    const review = open && (c.pass || c.approve || c.return);
    if (!c.edit && !c.newVersion && !c.submit && !review) return nothing;
    return html`<section class="card actions-box">
      <div class="actions">
        ${c.edit && open ? html`<a class="btn" href=${materialEditPath(d.id)}>${this.t('mat.edit')}</a>` : nothing}
        ${c.submit && open ? html`<button class="btn primary" ?disabled=${this.busy} @click=${() => this.act('submit')}>${this.t('mat.action.submit')}</button>` : nothing}
        ${c.newVersion ? html`<button class="btn" ?disabled=${this.busy} @click=${this.newVersion} title=${this.t('mat.newVersionHint')}>${this.t('mat.newVersion')}</button>` : nothing}
      </div>
      ${c.newVersion ? html`<p class="hint muted">${this.t('mat.newVersionHint')}</p>` : nothing}
      ${review ? html`<div class="field review">
        <label for="comment">${this.t('mat.comment')}</label>
        <textarea id="comment" rows="3" .value=${this.comment} @input=${(e: Event) => (this.comment = (e.target as HTMLTextAreaElement).value)}></textarea>
        <span class="hint">${this.t('mat.commentHint')}</span>
        <div class="actions">
          ${c.pass ? html`<button class="btn big primary" ?disabled=${this.busy} @click=${() => this.act('pass')}>${this.t('mat.action.pass')}</button>` : nothing}
          ${c.approve ? html`<button class="btn big primary" ?disabled=${this.busy} @click=${() => this.act('approve')}>${this.t('mat.action.approve')}</button>` : nothing}
          ${c.return ? html`<button class="btn big danger" ?disabled=${this.busy || this.comment.trim().length < 3} @click=${() => this.act('return')}>${this.t('mat.action.return')}</button>` : nothing}
        </div>
      </div>` : nothing}
    </section>`;
  }

  private history(d: MaterialDetail) {
    return html`<section class="history">
      <h2>${this.t('mat.history')}</h2>
      <ol>
        ${[...d.history].reverse().map((h) => html`<li>
          <span class="when">${schoolTime(h.at)}</span>
          <span><strong>${h.actorName}</strong> · ${this.t(`mat.action.${h.action}` as MessageKey)} · ${this.t('mat.version', { n: h.versionNumber })} → ${statusBadge(h.toStatus)}</span>
          ${h.comment ? html`<q>${h.comment}</q>` : nothing}
        </li>`)}
      </ol>
    </section>`;
  }

  static override styles = [baseStyles, formStyles, css`
    :host { max-width: 64rem; }
    .back { margin-bottom: 0.5rem; }
    .head { display: flex; gap: 1rem; align-items: flex-start; margin-bottom: 1rem; }
    .head h1 { margin: 0.125rem 0 0.25rem; }
    .icon { flex: none; display: grid; place-items: center; width: 3.5rem; height: 3.5rem; border-radius: 0.875rem; background: var(--ph-color-primary-soft); color: var(--ph-color-primary); }
    .kind { font-size: 0.8125rem; font-weight: 700; text-transform: uppercase; color: var(--ph-color-muted); }
    .meta { color: var(--ph-color-muted); margin: 0; }
    .versions { display: flex; flex-wrap: wrap; gap: 0.5rem; margin-bottom: 1rem; }
    .tab { min-height: 2.75rem; padding: 0.375rem 1rem; border-radius: 999px; border: 1px solid var(--ph-color-border); background: var(--ph-color-surface); font: inherit; cursor: pointer; }
    .tab[aria-selected='true'] { background: var(--ph-color-primary); border-color: var(--ph-color-primary); color: #fff; font-weight: 600; }
    .content { margin-bottom: 1rem; }
    .player { width: 100%; max-height: 70vh; background: #000; border-radius: var(--ph-radius-small); }
    audio.player { background: transparent; }
    .picture { max-width: 100%; height: auto; border-radius: var(--ph-radius-small); border: 1px solid var(--ph-color-border); }
    .pdf { width: 100%; height: 75vh; border: 1px solid var(--ph-color-border); border-radius: var(--ph-radius-small); background: #fff; }
    .page { background: var(--ph-color-surface); border: 1px solid var(--ph-color-border); border-radius: var(--ph-radius); padding: 1.25rem; line-height: 1.6; font-size: 1.0625rem; overflow-wrap: anywhere; }
    .page img, .page video { max-width: 100%; height: auto; }
    .page video, .page audio { width: 100%; }
    .page table { border-collapse: collapse; display: block; overflow-x: auto; }
    .page td, .page th { border: 1px solid #8a99a8; padding: 0.375rem 0.625rem; }
    .page ph-h5p-player { display: block; margin: 1rem 0; min-height: 4rem; }
    .description { max-width: 60rem; }
    .facts { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 14rem), 1fr)); gap: 0.5rem 1.5rem; margin: 0 0 1.25rem; }
    .facts dt { font-size: 0.875rem; color: var(--ph-color-muted); }
    .facts dd { margin: 0; font-weight: 600; }
    .done { margin: 1rem 0; }
    .actions-box { margin: 1rem 0; display: flex; flex-direction: column; gap: 0.75rem; }
    .review textarea { min-height: 5rem; }
    .review .actions { margin-top: 0.5rem; }
    .history ol { list-style: none; padding: 0; margin: 0; border-left: 3px solid var(--ph-color-border); }
    .history li { padding: 0.5rem 0 0.75rem 1rem; display: flex; flex-direction: column; gap: 0.25rem; }
    .when { font-size: 0.875rem; color: var(--ph-color-muted); font-variant-numeric: tabular-nums; }
    q { font-style: italic; }
    .office p { margin-bottom: 0.75rem; }
  `];
}

customElements.define('ph-material-page', MaterialPage);
declare global {
  interface HTMLElementTagNameMap { 'ph-material-page': MaterialPage }
}
