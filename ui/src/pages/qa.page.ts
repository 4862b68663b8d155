import { css, html, nothing } from 'lit';
import { PhElement } from '../components/ph-element.js';
import '../components/lesson-picker.js';
import type { LessonPickDetail } from '../components/lesson-picker.js';
import { qaApi, formatInstant, type QaChoice, type QaFilter, type QaList, type QaQuestion } from '../api/qa.js';
import { isApiError } from '../api/client.js';
import { notifyError, notifySuccess } from '../state/notify.js';
import { navigate } from '../router.js';
import { pick } from '../i18n/index.js';
import { baseStyles, formStyles } from '../styles/shared-styles.js';

export const QA_PATH = '/hoi-dap';
export const qaThreadPath = (id: number) => `${QA_PATH}/${id}`;
export const qaListPath = (classId: number, subjectId: number) => `${QA_PATH}?lop=${classId}&mon=${subjectId}`;

/**
 * /hoi-dap — questions and answers of a class × subject (Art. 5.2, 9.2): a student's class subjects,
 * a teacher's assignments (unanswered questions first), managers read. Students ask from here.
 * Everything is plain text, rendered escaped by Lit.
 */
export class QaPage extends PhElement {
  static override properties = {
    spaces: { state: true }, list: { state: true }, filter: { state: true }, asking: { state: true }, busy: { state: true }, failed: { state: true },
    lessonId: { state: true },
  };
  declare spaces: QaChoice[] | null;
  declare list: QaList | null;
  declare filter: QaFilter;
  declare asking: boolean;
  declare busy: boolean;
  declare failed: { vi: string; en: string } | null;
  declare lessonId: number | null;

  constructor() {
    super();
    this.spaces = null;
    this.list = null;
    this.filter = 'all';
    this.asking = false;
    this.busy = false;
    this.failed = null;
    this.lessonId = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private chosen(): { classId: number; subjectId: number } | null {
    const q = new URLSearchParams(location.search);
    const classId = Number(q.get('lop'));
    const subjectId = Number(q.get('mon'));
    if (classId > 0 && subjectId > 0) return { classId, subjectId };
    const first = this.spaces?.[0];
    return first ? { classId: first.classId, subjectId: first.subjectId } : null;
  }

  private async load() {
    try {
      this.spaces ??= await qaApi.spaces();
      const c = this.chosen();
      this.list = c ? await qaApi.list(c.classId, c.subjectId, this.filter) : null;
      this.failed = null;
    } catch (e) {
      if (isApiError(e)) this.failed = e.text;
      notifyError(e);
    }
  }

  private choose(e: Event) {
    const [classId, subjectId] = (e.target as HTMLSelectElement).value.split(':').map(Number);
    if (classId && subjectId) navigate(qaListPath(classId, subjectId));
  }

  private setFilter(f: QaFilter) {
    this.filter = f;
    void this.load();
  }

  private async ask(e: SubmitEvent) {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const data = new FormData(form);
    const space = this.list?.space;
    if (!space) return;
    this.busy = true;
    try {
      const { id } = await qaApi.ask({
        classId: space.classId, subjectId: space.subjectId, title: String(data.get('title') ?? ''), body: String(data.get('body') ?? ''),
        curriculumLessonId: this.lessonId,
      });
      notifySuccess('qa.asked');
      navigate(qaThreadPath(id));
    } catch (err) {
      notifyError(err);
    } finally {
      this.busy = false;
    }
  }

  private askForm() {
    const s = this.list?.space;
    if (!s) return nothing;
    return html`
      <form class="card ask" @submit=${this.ask}>
        <h2>${this.t('qa.askTitle')}</h2>
        <div class="field"><label for="title">${this.t('qa.field.title')}</label>
          <input id="title" name="title" required minlength="3" maxlength="200" autocomplete="off" aria-describedby="title-hint">
          <span class="hint" id="title-hint">${this.t('qa.field.titleHint')}</span></div>
        <div class="field"><label for="body">${this.t('qa.field.body')}</label>
          <textarea id="body" name="body" required maxlength="5000" rows="5" aria-describedby="body-hint"></textarea>
          <span class="hint" id="body-hint">${this.t('qa.field.bodyHint')}</span></div>
        <ph-lesson-picker .subjectId=${s.subjectId} .grade=${s.grade} fixed-subject fixed-grade .label=${this.t('qa.field.lesson')}
          @change=${(e: CustomEvent<LessonPickDetail>) => { this.lessonId = e.detail.curriculumLessonId; }}></ph-lesson-picker>
        <div class="form-actions">
          <button class="btn primary" type="submit" ?disabled=${this.busy}>${this.t('qa.send')}</button>
          <button class="btn" type="button" @click=${() => { this.asking = false; }}>${this.t('qa.cancel')}</button>
        </div>
      </form>`;
  }

  private item(q: QaQuestion) {
    return html`
      <li class="q ${q.pinned ? 'pinned' : ''} ${q.hidden ? 'hidden' : ''}">
        <a href=${qaThreadPath(q.id)}>
          <span class="title">${q.title}</span>
          <span class="badges">
            ${q.pinned ? html`<span class="badge neutral">📌 ${this.t('qa.pinned')}</span>` : nothing}
            ${q.unanswered ? html`<span class="badge warn">${this.t('qa.unanswered')}</span>` : nothing}
            ${q.bestAnswerId ? html`<span class="badge ok">✓ ${this.t('qa.best')}</span>` : nothing}
            ${q.locked ? html`<span class="badge neutral">🔒 ${this.t('qa.locked')}</span>` : nothing}
            ${q.hidden ? html`<span class="badge danger">${this.t('qa.hidden')}</span>` : nothing}
          </span>
          <span class="meta muted">${this.t('qa.by', { name: q.mine ? this.t('qa.you') : q.authorName, when: formatInstant(q.lastActivityAt) })}
            · ${this.t('qa.answers', { count: q.answerCount })}${q.lessonTitle ? html` · ${this.t('qa.lesson', { title: q.lessonTitle })}` : nothing}</span>
        </a>
      </li>`;
  }

  override render() {
    if (this.failed && !this.spaces) return html`<h1>${this.t('qa.title')}</h1><p class="notice error">${pick(this.failed)}</p>`;
    if (!this.spaces) return html`<h1>${this.t('qa.title')}</h1><p class="muted">${this.t('state.loading')}</p>`;
    if (!this.spaces.length) return html`<h1>${this.t('qa.title')}</h1><p class="notice">${this.t('qa.noSpaces')}</p>`;
    const s = this.list?.space;
    const current = s ? `${s.classId}:${s.subjectId}` : '';
    const filters: QaFilter[] = s?.myRole === 'student' ? ['all', 'unanswered', 'mine'] : ['all', 'unanswered'];
    return html`
      <div class="page-head">
        <h1>${this.t('qa.title')}</h1>
        ${s?.myRole === 'student' && !this.asking ? html`<button class="btn primary" type="button" @click=${() => { this.asking = true; }}>${this.t('qa.ask')}</button>` : nothing}
      </div>
      <div class="field chooser">
        <label for="space">${this.t('qa.space')}</label>
        <select id="space" @change=${this.choose}>
          ${this.spaces.map((c) => html`<option value=${`${c.classId}:${c.subjectId}`} ?selected=${`${c.classId}:${c.subjectId}` === current}>${c.className} – ${c.subjectName}</option>`)}
        </select>
      </div>
      ${this.failed ? html`<p class="notice error">${pick(this.failed)}</p>` : nothing}
      ${s?.myRole === 'manager' ? html`<p class="notice">${this.t('qa.readOnly')}</p>` : nothing}
      ${this.asking ? this.askForm() : nothing}
      ${this.list ? html`
        <div class="filters" role="group" aria-label=${this.t('qa.title')}>
          ${filters.map((f) => html`<button type="button" class="btn ${this.filter === f ? 'primary' : ''}" aria-pressed=${this.filter === f ? 'true' : 'false'} @click=${() => this.setFilter(f)}>${this.t(`qa.filter.${f}`)}</button>`)}
          ${this.list.unanswered ? html`<span class="badge warn">${this.t('qa.unansweredCount', { count: this.list.unanswered })}</span>` : nothing}
        </div>
        ${this.list.questions.length ? html`<ul class="questions">${this.list.questions.map((q) => this.item(q))}</ul>` : html`<p class="muted">${this.t('qa.empty')}</p>`}` : nothing}`;
  }

  static override styles = [baseStyles, formStyles, css`
    .chooser { max-width: 28rem; margin-bottom: 1rem; }
    .ask { margin-bottom: 1.25rem; display: grid; gap: 1rem; }
    .ask h2 { margin: 0; }
    .filters { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; margin-bottom: 0.75rem; }
    .questions { list-style: none; margin: 0; padding: 0; display: grid; gap: 0.625rem; }
    .q a { display: grid; gap: 0.375rem; padding: 0.875rem 1rem; border: 1px solid var(--ph-color-border); border-radius: var(--ph-radius);
      background: var(--ph-color-surface); color: inherit; text-decoration: none; font-weight: 400; min-height: 3rem; }
    .q a:hover { border-color: var(--ph-color-primary); }
    .q.pinned a { border-left: 5px solid var(--ph-color-primary); }
    .q.hidden a { opacity: 0.7; border-style: dashed; }
    .title { font-weight: 700; font-size: 1.0625rem; overflow-wrap: anywhere; }
    .badges { display: flex; flex-wrap: wrap; gap: 0.375rem; }
    .badges:empty { display: none; }
    .meta { font-size: 0.875rem; }
  `];
}

customElements.define('ph-qa-page', QaPage);
declare global {
  interface HTMLElementTagNameMap { 'ph-qa-page': QaPage }
}
