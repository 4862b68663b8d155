import { css, html, nothing } from 'lit';
import { PhElement } from '../components/ph-element.js';
import { MESSAGE_MAX_CHARS, parentsApi, viDateTime, type ThreadDetail } from '../api/parents.js';
import { isApiError } from '../api/client.js';
import { notifyError } from '../state/notify.js';
import { baseStyles, formStyles } from '../styles/shared-styles.js';

/**
 * /phu-huynh/tin-nhan/:id — one conversation between a parent and the homeroom teacher (Art. 16),
 * for either side (opening it marks it read) or, with ?giam-sat=1, for the principal's
 * supervision (read only, audited on the server).
 */
export class ParentThreadPage extends PhElement {
  static override properties = { params: { attribute: false }, data: { state: true }, failed: { state: true }, draft: { state: true }, busy: { state: true } };
  declare params: { id?: string };
  declare data: ThreadDetail | null;
  declare failed: { vi: string; en: string } | null;
  declare draft: string;
  declare busy: boolean;
  private readonly supervise = new URLSearchParams(location.search).get('giam-sat') === '1';

  constructor() {
    super();
    this.params = {};
    this.data = null;
    this.failed = null;
    this.draft = '';
    this.busy = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load() {
    const id = Number(this.params.id);
    try {
      this.data = this.supervise ? await parentsApi.supervisedThread(id) : await parentsApi.thread(id);
    } catch (e) {
      if (isApiError(e)) this.failed = e.text;
      notifyError(e);
    }
  }

  private async send(e: Event) {
    e.preventDefault();
    if (!this.data || this.busy || !this.draft.trim()) return;
    this.busy = true;
    try {
      await parentsApi.reply(this.data.thread.id, this.draft);
      this.draft = '';
      await this.load();
    } catch (err) {
      notifyError(err);
    } finally {
      this.busy = false;
    }
  }

  override updated() {
    const list = this.renderRoot.querySelector('.messages');
    list?.lastElementChild?.scrollIntoView({ block: 'nearest' });
  }

  override render() {
    if (this.failed) return html`<p class="notice error">${this.failed.vi}</p>`;
    const d = this.data;
    if (!d) return nothing;
    const th = d.thread;
    const back = d.mySide === 'parent' ? '/phu-huynh' : d.mySide === 'teacher' ? '/tin-nhan-phu-huynh' : `/dong-y-du-lieu?lop=${th.classId}`;
    const backText = d.mySide === 'parent' ? this.t('par.back') : `← ${this.t(d.mySide === 'teacher' ? 'par.inbox.nav' : 'par.admin.nav')}`;
    const lastMine = [...d.messages].reverse().find((m) => m.authorSide === d.mySide);
    return html`
      <p class="back"><a href=${back}>${backText}</a></p>
      <h1>${th.subject}</h1>
      <p class="muted">${this.t('par.thread.about', { student: th.studentName, class: th.className })}<br>
        ${this.t('par.thread.between', { parent: th.parentName, teacher: th.homeroomTeacherName ?? '—' })}</p>
      ${d.mySide === 'supervisor' ? html`<p class="notice warning">${this.t('par.thread.supervisor')}</p>` : nothing}
      <ol class="messages">${d.messages.map((m) => html`
        <li class=${`msg ${m.authorSide} ${m.authorSide === (d.mySide === 'supervisor' ? 'teacher' : d.mySide) ? 'mine' : ''}`}>
          <span class="who">${m.authorSide === d.mySide ? this.t('par.thread.you') : m.authorName}</span>
          <p class="body">${m.body}</p>
          <span class="at">${viDateTime(m.at)}</span>
        </li>`)}
      </ol>
      ${lastMine && d.otherReadAt && d.otherReadAt >= lastMine.at ? html`<p class="seen muted">${this.t('par.thread.seen', { at: viDateTime(d.otherReadAt) })}</p>` : nothing}
      ${d.mySide !== 'supervisor' ? html`<form class="reply" @submit=${(e: Event) => void this.send(e)}>
        <label for="reply" class="visually-hidden">${this.t('par.thread.reply')}</label>
        <textarea id="reply" rows="3" maxlength=${MESSAGE_MAX_CHARS} placeholder=${this.t('par.thread.reply')} .value=${this.draft}
          @input=${(e: Event) => { this.draft = (e.target as HTMLTextAreaElement).value; }}></textarea>
        <button class="btn primary" type="submit" ?disabled=${this.busy || !this.draft.trim()}>${this.t('par.thread.send')}</button>
      </form>` : nothing}`;
  }

  static override styles = [baseStyles, formStyles, css`
    .back { margin: 0 0 0.25rem; }
    h1 { font-size: 1.375rem; overflow-wrap: anywhere; margin-bottom: 0.25rem; }
    .messages { list-style: none; margin: 1rem 0 0.5rem; padding: 0; display: flex; flex-direction: column; gap: 0.625rem; }
    .msg { max-width: min(34rem, 88%); padding: 0.625rem 0.875rem; border-radius: 1rem; background: #eef1f4; align-self: flex-start; border-bottom-left-radius: 0.25rem; }
    .msg.mine { align-self: flex-end; background: var(--ph-color-primary-soft); border-bottom-left-radius: 1rem; border-bottom-right-radius: 0.25rem; }
    .who { font-weight: 700; font-size: 0.875rem; }
    .body { margin: 0.25rem 0; white-space: pre-wrap; overflow-wrap: anywhere; }
    .at { font-size: 0.8125rem; color: var(--ph-color-muted); }
    .seen { text-align: right; font-size: 0.875rem; margin: 0 0 0.5rem; }
    .reply { display: flex; gap: 0.5rem; align-items: flex-end; position: sticky; bottom: 0; background: var(--ph-color-bg, #f5f7f9); padding: 0.5rem 0; }
    .reply textarea { flex: 1; resize: vertical; }
  `];
}

customElements.define('ph-parent-thread-page', ParentThreadPage);
declare global {
  interface HTMLElementTagNameMap { 'ph-parent-thread-page': ParentThreadPage }
}
