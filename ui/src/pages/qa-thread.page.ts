import { css, html, nothing } from 'lit';
import { PhElement } from '../components/ph-element.js';
import { qaApi, formatInstant, type QaAnswer, type QaThread } from '../api/qa.js';
import { isApiError } from '../api/client.js';
import { pick } from '../i18n/index.js';
import { notifyError, notifySuccess } from '../state/notify.js';
import { baseStyles, formStyles } from '../styles/shared-styles.js';
import { qaListPath } from './qa.page.js';

type Hiding = { kind: 'question' | 'answer'; id: number } | null;

/**
 * /hoi-dap/:id — one question with its answers. The class's students and its teacher answer
 * (Art. 5.2); the teacher of that class × subject marks the best answer and moderates: pin, lock,
 * hide with a reason (hidden content stays on record and is shown to the teacher, marked).
 */
export class QaThreadPage extends PhElement {
  static override properties = { params: { attribute: false }, thread: { state: true }, failed: { state: true }, busy: { state: true }, hiding: { state: true } };
  declare params: { id?: string };
  declare thread: QaThread | null;
  declare failed: { vi: string; en: string } | null;
  declare busy: boolean;
  declare hiding: Hiding;

  constructor() {
    super();
    this.params = {};
    this.thread = null;
    this.failed = null;
    this.busy = false;
    this.hiding = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private get questionId() {
    return Number(this.params.id);
  }

  private async load() {
    try {
      this.thread = await qaApi.thread(this.questionId);
      this.failed = null;
    } catch (e) {
      if (isApiError(e)) this.failed = e.text;
      notifyError(e);
    }
  }

  /** One moderation or posting call, then a fresh copy of the thread. */
  private async act(fn: () => Promise<unknown>, done: 'qa.done' | 'qa.answered' = 'qa.done') {
    this.busy = true;
    try {
      await fn();
      notifySuccess(done);
      this.hiding = null;
      await this.load();
      return true;
    } catch (e) {
      notifyError(e);
      return false;
    } finally {
      this.busy = false;
    }
  }

  private async answer(e: SubmitEvent) {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const body = String(new FormData(form).get('body') ?? '');
    if (await this.act(() => qaApi.answer(this.questionId, body), 'qa.answered')) form.reset();
  }

  private hide(e: SubmitEvent) {
    e.preventDefault();
    const h = this.hiding;
    if (!h) return;
    const reason = String(new FormData(e.target as HTMLFormElement).get('reason') ?? '');
    void this.act(() => (h.kind === 'question' ? qaApi.hideQuestion(h.id, reason) : qaApi.hideAnswer(h.id, reason)));
  }

  private hideForm(kind: 'question' | 'answer', id: number) {
    if (this.hiding?.kind !== kind || this.hiding.id !== id) return nothing;
    return html`
      <form class="hide-form" @submit=${this.hide}>
        <div class="field"><label for="reason-${kind}-${id}">${this.t('qa.hideReason')}</label>
          <input id="reason-${kind}-${id}" name="reason" required minlength="3" maxlength="500" autocomplete="off"></div>
        <div class="actions">
          <button class="btn danger" type="submit" ?disabled=${this.busy}>${this.t('qa.hideConfirm')}</button>
          <button class="btn" type="button" @click=${() => { this.hiding = null; }}>${this.t('qa.cancel')}</button>
        </div>
      </form>`;
  }

  private who(name: string, byTeacher: boolean, mine: boolean) {
    return html`<strong>${mine ? this.t('qa.you') : name}</strong>${byTeacher ? html` <span class="badge ok">${this.t('qa.teacher')}</span>` : nothing}`;
  }

  private answerItem(a: QaAnswer, teacher: boolean) {
    const q = this.thread!.question;
    return html`
      <li class="answer ${a.best ? 'best' : ''} ${a.hidden ? 'hidden' : ''}" id="answer-${a.id}">
        ${a.best ? html`<p class="best-label">✓ ${this.t('qa.best')}</p>` : nothing}
        <p class="meta">${this.who(a.authorName, a.byTeacher, a.mine)} <span class="muted">· ${formatInstant(a.createdAt)}</span>
          ${a.hidden ? html`<span class="badge danger">${this.t('qa.hidden')}</span>` : nothing}</p>
        ${a.hidden && a.hiddenReason ? html`<p class="notice warning">${a.mine && !teacher ? this.t('qa.hiddenOwn') : ''} ${this.t('qa.hiddenReason', { reason: a.hiddenReason })}</p>` : nothing}
        <p class="body">${a.body}</p>
        ${teacher ? html`
          <div class="actions small">
            ${a.hidden ? html`<button class="btn" type="button" ?disabled=${this.busy} @click=${() => this.act(() => qaApi.showAnswer(a.id))}>${this.t('qa.show')}</button>` : html`
              <button class="btn" type="button" ?disabled=${this.busy} @click=${() => this.act(() => qaApi.best(q.id, a.best ? null : a.id))}>${a.best ? this.t('qa.unmarkBest') : this.t('qa.markBest')}</button>
              <button class="btn danger" type="button" ?disabled=${this.busy} @click=${() => { this.hiding = { kind: 'answer', id: a.id }; }}>${this.t('qa.hide')}</button>`}
          </div>
          ${this.hideForm('answer', a.id)}` : nothing}
      </li>`;
  }

  override render() {
    if (this.failed && !this.thread) return html`<h1>${this.t('qa.threadTitle')}</h1><p class="notice error">${pick(this.failed)}</p>`;
    if (!this.thread) return html`<p class="muted">${this.t('state.loading')}</p>`;
    const { question: q, answers, space } = this.thread;
    const teacher = space.myRole === 'teacher';
    const canAnswer = space.myRole !== 'manager' && !q.hidden && (!q.locked || teacher);
    // The best answer first, then in the order they were written.
    const ordered = [...answers].sort((a, b) => Number(b.best) - Number(a.best));
    return html`
      <p><a href=${qaListPath(space.classId, space.subjectId)}>${this.t('qa.back')}</a> <span class="muted">${space.className} – ${space.subjectName}</span></p>
      <article class="card question ${q.hidden ? 'hidden' : ''}">
        <h1>${q.title}</h1>
        <p class="badges">
          ${q.pinned ? html`<span class="badge neutral">📌 ${this.t('qa.pinned')}</span>` : nothing}
          ${q.locked ? html`<span class="badge neutral">🔒 ${this.t('qa.locked')}</span>` : nothing}
          ${q.hidden ? html`<span class="badge danger">${this.t('qa.hidden')}</span>` : nothing}
          ${q.lessonTitle ? html`<span class="badge neutral">${this.t('qa.lesson', { title: q.lessonTitle })}</span>` : nothing}
        </p>
        <p class="meta">${this.who(q.authorName, q.byTeacher, q.mine)} <span class="muted">· ${formatInstant(q.createdAt)}</span></p>
        ${q.hidden && q.hiddenReason ? html`<p class="notice warning">${q.mine && !teacher ? this.t('qa.hiddenOwn') : ''} ${this.t('qa.hiddenReason', { reason: q.hiddenReason })}</p>` : nothing}
        <p class="body">${q.body}</p>
        ${teacher ? html`
          <div class="actions small" role="group" aria-label=${this.t('qa.moderation')}>
            <button class="btn" type="button" ?disabled=${this.busy} @click=${() => this.act(() => qaApi.pin(q.id, !q.pinned))}>${q.pinned ? this.t('qa.unpin') : this.t('qa.pin')}</button>
            <button class="btn" type="button" ?disabled=${this.busy} @click=${() => this.act(() => qaApi.lock(q.id, !q.locked))}>${q.locked ? this.t('qa.unlock') : this.t('qa.lock')}</button>
            ${q.hidden
              ? html`<button class="btn" type="button" ?disabled=${this.busy} @click=${() => this.act(() => qaApi.showQuestion(q.id))}>${this.t('qa.show')}</button>`
              : html`<button class="btn danger" type="button" ?disabled=${this.busy} @click=${() => { this.hiding = { kind: 'question', id: q.id }; }}>${this.t('qa.hide')}</button>`}
          </div>
          ${this.hideForm('question', q.id)}` : nothing}
      </article>
      <h2>${this.t('qa.answers', { count: answers.filter((a) => !a.hidden).length })}</h2>
      ${ordered.length ? html`<ol class="answers">${ordered.map((a) => this.answerItem(a, teacher))}</ol>` : html`<p class="muted">${this.t('qa.noAnswers')}</p>`}
      ${q.locked && !teacher ? html`<p class="notice">${this.t('qa.lockedNote')}</p>` : nothing}
      ${canAnswer ? html`
        <form class="card reply" @submit=${this.answer}>
          <div class="field"><label for="reply">${this.t('qa.answerLabel')}</label>
            <textarea id="reply" name="body" required maxlength="5000" rows="4"></textarea></div>
          <div class="form-actions"><button class="btn primary" type="submit" ?disabled=${this.busy}>${this.t('qa.answerSend')}</button></div>
        </form>` : nothing}`;
  }

  static override styles = [baseStyles, formStyles, css`
    .question h1 { font-size: 1.5rem; overflow-wrap: anywhere; margin-bottom: 0.5rem; }
    .question.hidden, .answer.hidden { border-style: dashed; opacity: 0.8; }
    .badges { display: flex; flex-wrap: wrap; gap: 0.375rem; }
    .badges:empty { display: none; }
    .meta { margin-bottom: 0.5rem; }
    .body { white-space: pre-wrap; overflow-wrap: anywhere; font-size: 1.0625rem; line-height: 1.55; }
    .answers { list-style: none; margin: 0 0 1rem; padding: 0; display: grid; gap: 0.75rem; }
    .answer { background: var(--ph-color-surface); border: 1px solid var(--ph-color-border); border-radius: var(--ph-radius); padding: 1rem; }
    .answer.best { border: 2px solid var(--ph-color-success); background: var(--ph-color-success-soft); }
    .best-label { color: var(--ph-color-success); font-weight: 700; margin-bottom: 0.375rem; }
    .actions.small { margin-top: 0.5rem; gap: 0.5rem; }
    .hide-form { margin-top: 0.75rem; display: grid; gap: 0.5rem; }
    .reply { margin-top: 1rem; }
  `];
}

customElements.define('ph-qa-thread-page', QaThreadPage);
declare global {
  interface HTMLElementTagNameMap { 'ph-qa-thread-page': QaThreadPage }
}
