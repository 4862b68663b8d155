import { css, html, nothing } from 'lit';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import { PhElement } from '../components/ph-element.js';
import '../components/disclosure-editor.js';
import '../components/disclosure-facts.js';
import type { DisclosureEditor } from '../components/disclosure-editor.js';
import { isApiError } from '../api/client.js';
import { disclosureApi, type DisclosureSection, type DisclosureVersion, type EditorSection, type EditorView } from '../api/disclosure.js';
import type { MessageKey } from '../i18n/index.js';
import { pick } from '../i18n/index.js';
import { formatDate } from '../i18n/format.js';
import { session } from '../state/session.js';
import { notifyError, notifySuccess } from '../state/notify.js';
import { baseStyles, formStyles } from '../styles/shared-styles.js';

type Action = 'publish' | 'unpublish' | 'discard';

/** The school's day and time of an instant (UTC+7). */
const schoolInstant = (iso: string) => {
  const d = new Date(new Date(iso).getTime() + 7 * 3600_000).toISOString();
  return { date: formatDate(d.slice(0, 10)), time: d.slice(11, 16) };
};

/**
 * /cong-khai/soan — the principal writes the online-teaching rules (for students, for teachers),
 * the plan and the conditions (Art. 15.3–15.4): a working draft per section, published as the
 * next version (earlier ones kept and listed), taken down or put back. The vice principal reads.
 */
export class DisclosureEditPage extends PhElement {
  static override properties = {
    view: { state: true }, editing: { state: true }, includeBox: { state: true }, busy: { state: true },
    confirming: { state: true }, error: { state: true }, shown: { state: true },
  };
  declare view: EditorView | null;
  declare editing: DisclosureSection | null;
  declare includeBox: boolean;
  declare busy: boolean;
  declare confirming: { section: DisclosureSection; action: Action } | null;
  declare error: { section: DisclosureSection; text: { vi: string; en: string } } | null;
  /** An earlier version opened from the history. */
  declare shown: DisclosureVersion | null;

  constructor() {
    super();
    this.view = null;
    this.editing = null;
    this.includeBox = false;
    this.busy = false;
    this.confirming = null;
    this.error = null;
    this.shown = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private get canEdit(): boolean {
    return session.hasAny(['principal']);
  }

  private async load() {
    try {
      this.view = await disclosureApi.editor();
    } catch (e) {
      notifyError(e);
    }
  }

  private replace(s: EditorSection) {
    if (this.view) this.view = { ...this.view, sections: this.view.sections.map((x) => (x.section === s.section ? s : x)) };
  }

  private sectionTitle(section: DisclosureSection): string {
    return this.t(`disc.section.${section}` as MessageKey);
  }

  private get editor(): DisclosureEditor | null {
    return this.renderRoot.querySelector('ph-disclosure-editor');
  }

  private async open(s: EditorSection) {
    this.editing = s.section;
    this.includeBox = s.draft?.includeBoxData ?? s.current?.includeBoxData ?? s.section === 'conditions';
    this.error = null;
    await this.updateComplete;
    const ed = this.editor;
    if (ed) {
      ed.value = s.draft?.html ?? s.current?.html ?? '';
      ed.focus();
    }
  }

  private useStarting(section: DisclosureSection) {
    const text = this.view?.startingTexts[section];
    const ed = this.editor;
    if (!text || !ed) return;
    const current = ed.value.replace(/<[^>]*>/g, '').trim();
    if (current && !confirm(this.t('disc.edit.confirmStarting'))) return;
    ed.value = text;
  }

  private async run<T>(section: DisclosureSection, work: () => Promise<T>, done: MessageKey): Promise<T | undefined> {
    this.busy = true;
    this.error = null;
    try {
      const out = await work();
      notifySuccess(done);
      return out;
    } catch (e) {
      if (isApiError(e)) this.error = { section, text: e.text };
      notifyError(e);
      return undefined;
    } finally {
      this.busy = false;
    }
  }

  private async save(section: DisclosureSection) {
    const html = this.editor?.value ?? '';
    const s = await this.run(section, () => disclosureApi.saveDraft(section, html, section === 'conditions' && this.includeBox), 'disc.edit.saved');
    if (s) {
      this.replace(s);
      this.editing = null;
    }
  }

  private async act(section: DisclosureSection, action: Action) {
    this.confirming = null;
    const call = { publish: disclosureApi.publish, unpublish: disclosureApi.unpublish, discard: disclosureApi.discardDraft }[action];
    const done: Record<Action, MessageKey> = { publish: 'disc.edit.published', unpublish: 'disc.edit.unpublished', discard: 'disc.edit.discarded' };
    const s = await this.run(section, () => call(section), done[action]);
    if (s) this.replace(s);
  }

  private async restore(section: DisclosureSection) {
    const s = await this.run(section, () => disclosureApi.restore(section), 'disc.edit.restored');
    if (s) this.replace(s);
  }

  private async showVersion(section: DisclosureSection, n: number) {
    try {
      this.shown = this.shown?.section === section && this.shown.publicNo === n ? null : await disclosureApi.version(section, n);
    } catch (e) {
      notifyError(e);
    }
  }

  private stateBadge(s: EditorSection) {
    if (s.current && !s.withdrawnAt) return html`<span class="badge ok">${this.t('disc.edit.state.public', { n: s.current.publicNo ?? 0, date: formatDate(s.current.publishedOn) })}</span>`;
    if (s.current && s.withdrawnAt) return html`<span class="badge danger">${this.t('disc.edit.state.withdrawn', { date: schoolInstant(s.withdrawnAt).date })}</span>`;
    return html`<span class="badge neutral">${this.t('disc.edit.state.never')}</span>`;
  }

  private confirmBar(s: EditorSection, action: Action) {
    const text: Record<Action, MessageKey> = { publish: 'disc.edit.confirmPublish', unpublish: 'disc.edit.confirmUnpublish', discard: 'disc.edit.discard' };
    const label: Record<Action, MessageKey> = { publish: 'disc.edit.publish', unpublish: 'disc.edit.unpublish', discard: 'disc.edit.discard' };
    return html`
      <div class="confirm notice warning" role="alertdialog" aria-label=${this.t(label[action])}>
        <p>${this.t(text[action])}</p>
        <div class="actions">
          <button class="btn ${action === 'publish' ? 'primary' : 'danger'}" type="button" ?disabled=${this.busy} @click=${() => this.act(s.section, action)}>${this.t(label[action])}</button>
          <button class="btn" type="button" @click=${() => (this.confirming = null)}>${this.t('action.cancel')}</button>
        </div>
      </div>`;
  }

  private renderEditing(s: EditorSection) {
    const id = `ed-${s.section}`;
    return html`
      <div class="editing">
        <div class="row">
          <span class="label" id=${id}>${this.t('disc.edit.editor')}</span>
          <button class="btn small" type="button" @click=${() => this.useStarting(s.section)}>${this.t('disc.edit.useStarting')}</button>
        </div>
        <p class="hint">${this.t('disc.edit.startingHint')}</p>
        <ph-disclosure-editor .label=${this.sectionTitle(s.section)}></ph-disclosure-editor>
        ${s.section === 'conditions' ? html`
          <label class="check"><input type="checkbox" .checked=${this.includeBox} @change=${(e: Event) => (this.includeBox = (e.target as HTMLInputElement).checked)}>
            ${this.t('disc.edit.includeBox')}</label>
          <p class="hint">${this.t('disc.edit.includeBoxHint')}</p>
          ${this.includeBox ? html`<ph-disclosure-facts live .facts=${this.view?.boxFacts ?? null}></ph-disclosure-facts>` : nothing}` : nothing}
        <div class="form-actions">
          <button class="btn primary" type="button" ?disabled=${this.busy} @click=${() => this.save(s.section)}>${this.t('disc.edit.save')}</button>
          <button class="btn" type="button" @click=${() => (this.editing = null)}>${this.t('disc.edit.cancel')}</button>
        </div>
      </div>`;
  }

  private renderSection(s: EditorSection) {
    const draftInfo = s.draft ? schoolInstant(s.draft.updatedAt) : null;
    const editing = this.editing === s.section;
    const confirming = this.confirming?.section === s.section ? this.confirming.action : null;
    return html`
      <li class="card section" data-section=${s.section}>
        <div class="head">
          <h2>${this.sectionTitle(s.section)}</h2>
          ${this.stateBadge(s)}
        </div>
        ${s.draft && draftInfo ? html`
          <p class="notice draft">${this.t('disc.edit.draftSaved', { time: draftInfo.time, date: draftInfo.date, name: s.draft.updatedByName })}</p>
          ${editing ? nothing : html`<details class="preview" open><summary>${this.t('disc.edit.draftPreview')}</summary>
            <div class="text">${unsafeHTML(s.draft.html)}</div></details>`}` : nothing}
        ${this.error?.section === s.section ? html`<p class="notice error" role="alert">${pick(this.error.text)}</p>` : nothing}
        ${editing ? this.renderEditing(s) : nothing}
        ${confirming ? this.confirmBar(s, confirming) : nothing}
        ${this.canEdit && !editing && !confirming ? html`
          <div class="actions">
            <button class="btn" type="button" ?disabled=${this.busy || this.editing !== null} @click=${() => this.open(s)}>${this.t(s.draft ? 'disc.edit.editDraft' : 'disc.edit.edit')}</button>
            ${s.draft ? html`
              <button class="btn primary" type="button" ?disabled=${this.busy} @click=${() => (this.confirming = { section: s.section, action: 'publish' })}>${this.t('disc.edit.publish')}</button>
              <button class="btn danger" type="button" ?disabled=${this.busy} @click=${() => (this.confirming = { section: s.section, action: 'discard' })}>${this.t('disc.edit.discard')}</button>` : nothing}
            ${s.current && !s.withdrawnAt ? html`<button class="btn danger" type="button" ?disabled=${this.busy} @click=${() => (this.confirming = { section: s.section, action: 'unpublish' })}>${this.t('disc.edit.unpublish')}</button>` : nothing}
            ${s.current && s.withdrawnAt ? html`<button class="btn" type="button" ?disabled=${this.busy} @click=${() => this.restore(s.section)}>${this.t('disc.edit.restore')}</button>` : nothing}
          </div>` : nothing}
        ${s.current ? html`
          <details class="current">
            <summary>${this.t('disc.edit.current')}</summary>
            <div class="text">${unsafeHTML(s.current.html)}</div>
            ${s.current.boxData ? html`<ph-disclosure-facts .facts=${s.current.boxData}></ph-disclosure-facts>` : nothing}
          </details>` : nothing}
        ${s.history.length ? html`
          <details class="history">
            <summary>${this.t('disc.edit.history')} (${s.history.length})</summary>
            <ul>${s.history.map((h) => html`<li>
              <span>${this.t('disc.edit.historyItem', { n: h.number, date: formatDate(h.publishedOn), by: h.publishedByName ? this.t('disc.edit.by', { name: h.publishedByName }) : '' })}</span>
              <button class="btn small" type="button" @click=${() => this.showVersion(s.section, h.number)}>${this.t('disc.edit.show')}</button>
              ${this.shown?.section === s.section && this.shown.publicNo === h.number ? html`<div class="text shown">${unsafeHTML(this.shown.html)}
                ${this.shown.boxData ? html`<ph-disclosure-facts .facts=${this.shown.boxData}></ph-disclosure-facts>` : nothing}</div>` : nothing}
            </li>`)}</ul>
          </details>` : nothing}
      </li>`;
  }

  override render() {
    return html`
      <div class="page-head">
        <h1>${this.t('disc.editTitle')}</h1>
        <a class="btn" href="/cong-khai">${this.t('disc.edit.viewPublic')}</a>
      </div>
      <p class="muted">${this.t('disc.edit.intro')}</p>
      ${this.canEdit ? nothing : html`<p class="notice">${this.t('disc.edit.readOnly')}</p>`}
      ${!this.view ? html`<p class="muted" role="status">${this.t('state.loading')}</p>`
        : html`<ul class="sections">${this.view.sections.map((s) => this.renderSection(s))}</ul>`}`;
  }

  static override styles = [baseStyles, formStyles, css`
    .sections { list-style: none; margin: 0; padding: 0; display: grid; gap: 1.25rem; }
    .head { display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between; gap: 0.5rem 1rem; margin-bottom: 0.75rem; }
    .head h2 { margin: 0; font-size: 1.1875rem; }
    .badge { white-space: normal; }
    .actions { margin-top: 0.75rem; }
    .btn.small { min-height: 2.5rem; padding: 0.25rem 0.75rem; font-size: 0.9375rem; }
    .editing { margin-top: 0.5rem; }
    .editing .row { display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between; gap: 0.5rem; margin-bottom: 0.25rem; }
    .editing ph-disclosure-facts { display: block; margin-top: 0.5rem; }
    .confirm { margin-top: 0.75rem; }
    .confirm p { margin: 0 0 0.5rem; }
    details { margin-top: 0.875rem; border-top: 1px solid var(--ph-color-border); padding-top: 0.625rem; }
    summary { cursor: pointer; font-weight: 600; min-height: 2.5rem; display: flex; align-items: center; }
    .text { line-height: 1.55; overflow-wrap: anywhere; padding: 0.25rem 0.25rem 0; }
    .text :is(ol, ul) { padding-left: 1.5rem; }
    .preview .text { background: #fffdf5; border: 1px dashed var(--ph-color-accent); border-radius: var(--ph-radius-small); padding: 0.5rem 0.875rem; }
    .history ul { list-style: none; margin: 0; padding: 0; display: grid; gap: 0.5rem; }
    .history li { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem 1rem; }
    .history .shown { flex-basis: 100%; border-left: 4px solid var(--ph-color-border); padding-left: 0.875rem; }
    ph-disclosure-facts { display: block; margin-top: 0.75rem; }
  `];
}

customElements.define('ph-disclosure-edit-page', DisclosureEditPage);
declare global {
  interface HTMLElementTagNameMap { 'ph-disclosure-edit-page': DisclosureEditPage }
}
