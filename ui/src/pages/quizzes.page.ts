import { css, html, nothing } from 'lit';
import { PhElement } from '../components/ph-element.js';
import { isApiError } from '../api/client.js';
import { QUIZ_PATHS, quizDateTime, quizzesApi, type QuizT } from '../api/quizzes.js';
import { pick } from '../i18n/index.js';
import { notifyError, notifySuccess } from '../state/notify.js';
import { session } from '../state/session.js';
import { baseStyles, tableStyles } from '../styles/shared-styles.js';

/**
 * /kiem-tra — quizzes and tests (Art. 6.1, 6.2). Teachers and managers: the quizzes of their
 * subjects and classes with publish, results and delete; students: the published quizzes of their
 * class, each with its window and a button to take it.
 */
export class QuizzesPage extends PhElement {
  static override properties = { quizzes: { state: true }, failed: { state: true } };
  declare quizzes: QuizT[] | null;
  declare failed: { vi: string; en: string } | null;

  constructor() {
    super();
    this.quizzes = null;
    this.failed = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private get student(): boolean {
    return session.hasAny(['student']) && !session.hasAny(['teacher', 'principal', 'vice_principal']);
  }

  private async load() {
    try {
      this.quizzes = await quizzesApi.list();
    } catch (e) {
      if (isApiError(e)) this.failed = e.text;
      notifyError(e);
    }
  }

  private async publish(q: QuizT) {
    try {
      await quizzesApi.publish(q.id);
      notifySuccess('quiz.published');
      await this.load();
    } catch (e) {
      notifyError(e);
    }
  }

  private async removeQuiz(q: QuizT) {
    if (!confirm(this.t('quiz.confirmDelete'))) return;
    try {
      await quizzesApi.remove(q.id);
      notifySuccess('quiz.deleted');
      await this.load();
    } catch (e) {
      notifyError(e);
    }
  }

  private windowText(q: QuizT) {
    return this.t('quiz.window', { from: quizDateTime(q.opensAt), to: quizDateTime(q.closesAt) });
  }

  private state(q: QuizT): 'not_open' | 'open' | 'closed' {
    const now = Date.now();
    if (now < Date.parse(q.opensAt)) return 'not_open';
    return now >= Date.parse(q.closesAt) ? 'closed' : 'open';
  }

  private renderStudent(list: QuizT[]) {
    if (!list.length) return html`<p class="muted">${this.t('quiz.emptyStudent')}</p>`;
    return html`<ul class="cards">${list.map((q) => {
      const st = this.state(q);
      const count = q.matrix.reduce((s, r) => s + r.count, 0);
      return html`<li class="card">
        <h2>${q.title}</h2>
        <p class="muted">${q.subjectName} · ${this.t(`quiz.kind.${q.kind}` as const)} · ${this.t('quiz.questionsCount', { count })} · ${this.t('quiz.limit', { minutes: q.timeLimitMinutes })}</p>
        <p>${this.windowText(q)}</p>
        ${st === 'open' ? html`<a class="btn primary big" href=${QUIZ_PATHS.take(q.id)}>${this.t('quiz.open')}</a>`
          : html`<a class="btn" href=${QUIZ_PATHS.take(q.id)}>${this.t(st === 'closed' ? 'quiz.closed' : 'quiz.notOpenYet')}</a>`}
      </li>`;
    })}</ul>`;
  }

  private renderStaff(list: QuizT[]) {
    if (!list.length) return html`<p class="muted">${this.t('quiz.empty')}</p>`;
    return html`<div class="table-wrap"><table>
      <thead><tr><th>${this.t('quiz.col.title')}</th><th>${this.t('quiz.col.subject')}</th><th>${this.t('quiz.col.classes')}</th><th>${this.t('quiz.col.kind')}</th>
        <th>${this.t('quiz.col.window')}</th><th>${this.t('quiz.col.status')}</th><th>${this.t('quiz.col.actions')}</th></tr></thead>
      <tbody>${list.map((q) => html`<tr>
        <td>${q.title}</td><td>${q.subjectName}</td><td>${q.classNames.join(', ')}</td>
        <td>${this.t(`quiz.kind.${q.kind}` as const)}</td><td>${this.windowText(q)}</td>
        <td><span class="badge ${q.status === 'published' ? 'ok' : 'neutral'}">${this.t(`quiz.status.${q.status}` as const)}</span></td>
        <td class="actions">
          ${q.status === 'draft' ? html`<button class="btn primary" @click=${() => void this.publish(q)}>${this.t('quiz.publish')}</button>
            <a class="btn" href=${QUIZ_PATHS.edit(q.id)}>${this.t('quiz.edit')}</a>
            <button class="btn danger" @click=${() => void this.removeQuiz(q)}>${this.t('quiz.delete')}</button>`
            : html`<a class="btn" href=${QUIZ_PATHS.results(q.id)}>${this.t('quiz.results')}</a>`}
        </td></tr>`)}</tbody></table></div>`;
  }

  override render() {
    if (this.failed) return html`<p class="notice error" role="alert">${pick(this.failed)}</p>`;
    return html`
      <div class="page-head"><h1>${this.t('quiz.title')}</h1>
        ${this.student ? nothing : html`<a class="btn primary" href=${QUIZ_PATHS.create}>${this.t('quiz.new')}</a>`}</div>
      ${this.quizzes === null ? html`<p class="muted" aria-busy="true">…</p>` : this.student ? this.renderStudent(this.quizzes) : this.renderStaff(this.quizzes)}`;
  }

  static override styles = [baseStyles, tableStyles, css`
    .cards { list-style: none; padding: 0; display: grid; gap: 1rem; grid-template-columns: repeat(auto-fill, minmax(min(100%, 20rem), 1fr)); }
    .cards h2 { margin-top: 0; }
    td.actions { display: flex; flex-wrap: wrap; gap: 0.5rem; }
  `];
}

customElements.define('ph-quizzes-page', QuizzesPage);
