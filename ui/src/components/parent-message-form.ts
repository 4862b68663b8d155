import { css, html, nothing } from 'lit';
import { PhElement } from './ph-element.js';
import { MESSAGE_MAX_CHARS, SUBJECT_MAX_CHARS, parentsApi, type Child } from '../api/parents.js';
import { notifyError, notifySuccess } from '../state/notify.js';
import { baseStyles, formStyles } from '../styles/shared-styles.js';

declare global {
  interface HTMLElementEventMap { 'thread-started': CustomEvent<{ id: number }> }
}

/**
 * A parent writes to the homeroom teacher of their child's class (Art. 16). The addressee is the
 * class's homeroom teacher and nobody else; the server checks it again.
 */
export class ParentMessageForm extends PhElement {
  static override properties = { child: { attribute: false }, subject: { state: true }, body: { state: true }, busy: { state: true } };
  declare child: Child | null;
  declare subject: string;
  declare body: string;
  declare busy: boolean;

  constructor() {
    super();
    this.child = null;
    this.subject = '';
    this.body = '';
    this.busy = false;
  }

  private async send(e: Event) {
    e.preventDefault();
    const c = this.child;
    if (!c || this.busy) return;
    this.busy = true;
    try {
      const { id } = await parentsApi.startThread({ studentId: c.id, ...(c.homeroomTeacherId ? { teacherId: c.homeroomTeacherId } : {}), subject: this.subject, body: this.body });
      this.subject = '';
      this.body = '';
      notifySuccess('par.msg.sent');
      this.dispatchEvent(new CustomEvent('thread-started', { detail: { id }, bubbles: true, composed: true }));
    } catch (err) {
      notifyError(err);
    } finally {
      this.busy = false;
    }
  }

  override render() {
    const c = this.child;
    if (!c) return nothing;
    if (!c.homeroomTeacherId) return html`<p class="notice warning">${this.t('par.msg.noHomeroom')}</p>`;
    const n = [...this.body].length;
    return html`<form class="card" @submit=${(e: Event) => void this.send(e)}>
      <p class="to"><strong>${this.t('par.msg.to', { name: c.homeroomTeacherName ?? '' })}</strong></p>
      <div class="field"><label for="subj">${this.t('par.msg.subject')}</label>
        <input id="subj" required maxlength=${SUBJECT_MAX_CHARS} .value=${this.subject} @input=${(e: Event) => { this.subject = (e.target as HTMLInputElement).value; }}></div>
      <div class="field"><label for="body">${this.t('par.msg.body')}</label>
        <textarea id="body" required rows="5" maxlength=${MESSAGE_MAX_CHARS} .value=${this.body} @input=${(e: Event) => { this.body = (e.target as HTMLTextAreaElement).value; }}></textarea>
        <span class="hint">${this.t('par.msg.count', { n, max: MESSAGE_MAX_CHARS })} · ${this.t('par.msg.plain')}</span></div>
      <div class="form-actions"><button class="btn primary" type="submit" ?disabled=${this.busy || !this.subject.trim() || !this.body.trim()}>${this.t('par.msg.send')}</button></div>
    </form>`;
  }

  static override styles = [baseStyles, formStyles, css`
    form { display: flex; flex-direction: column; gap: 0.75rem; }
    .to { margin: 0; }
    textarea { resize: vertical; }
    .form-actions { margin-top: 0; }
  `];
}

customElements.define('ph-parent-message-form', ParentMessageForm);
declare global {
  interface HTMLElementTagNameMap { 'ph-parent-message-form': ParentMessageForm }
}
