import { css, html, nothing } from 'lit';
import { PhElement } from '../components/ph-element.js';
import '../components/parent-threads.js';
import '../components/parent-message-form.js';
import '../components/parent-consents.js';
import { parentsApi, viDateTime, viTime, type ChildLesson, type ChildOverview, type Thread } from '../api/parents.js';
import { gradebookApi, type GbStudentResults } from '../api/gradebook.js';
import { resultText } from '../components/gradebook-format.js';
import { formatNumber, semesterLabel } from '../i18n/format.js';
import { isApiError } from '../api/client.js';
import { notifyError } from '../state/notify.js';
import type { MessageKey } from '../i18n/index.js';
import { baseStyles, tableStyles } from '../styles/shared-styles.js';

const TABS = ['lessons', 'results', 'comments', 'messages', 'data'] as const;
type Tab = (typeof TABS)[number];
const ATT_BADGE: Record<string, string> = { present: 'ok', late: 'warn', absent: 'danger', not_held: 'neutral', cancelled: 'neutral', live: 'ok' };

/**
 * /phu-huynh/con/:studentId — one child, for their parent (own children only; the server refuses
 * any other id): the online lessons (upcoming and past, with mode and attendance), the results
 * from the gradebook, the teachers' released comments, messages to the homeroom teacher, the
 * consent records and the export of the child's data. Phone first: one column, tabs on top.
 */
export class ParentChildPage extends PhElement {
  static override properties = {
    params: { attribute: false }, data: { state: true }, failed: { state: true }, tab: { state: true }, results: { state: true }, threads: { state: true },
  };
  declare params: { studentId?: string };
  declare data: ChildOverview | null;
  declare failed: { vi: string; en: string } | null;
  declare tab: Tab;
  declare results: GbStudentResults | null;
  declare threads: Thread[] | null;

  constructor() {
    super();
    this.params = {};
    this.data = null;
    this.failed = null;
    const wanted = new URLSearchParams(location.search).get('muc') as Tab | null;
    this.tab = wanted && TABS.includes(wanted) ? wanted : 'lessons';
    this.results = null;
    this.threads = null;
  }

  private get childId() {
    return Number(this.params.studentId);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load() {
    try {
      this.data = await parentsApi.overview(this.childId);
      void this.loadTab(this.tab);
    } catch (e) {
      if (isApiError(e)) this.failed = e.text;
      notifyError(e);
    }
  }

  private async loadTab(tab: Tab) {
    try {
      if (tab === 'results' && !this.results) this.results = await gradebookApi.results(this.childId);
      if (tab === 'messages') this.threads = (await parentsApi.threads()).filter((t) => t.studentId === this.childId);
    } catch (e) {
      notifyError(e);
    }
  }

  private choose(tab: Tab) {
    this.tab = tab;
    history.replaceState(null, '', `${location.pathname}?muc=${tab}`);
    void this.loadTab(tab);
  }

  override render() {
    if (this.failed) return html`<p><a href="/phu-huynh">${this.t('par.back')}</a></p><p class="notice error">${this.failed.vi}</p>`;
    const d = this.data;
    if (!d) return nothing;
    const c = d.child;
    return html`
      <p class="back"><a href="/phu-huynh">${this.t('par.back')}</a></p>
      <div class="head">
        <h1>${c.fullName}</h1>
        <p class="muted">${c.className ? this.t('par.class', { name: c.className }) : this.t('par.noClass')}${c.homeroomTeacherName ? ` · ${this.t('par.homeroom', { name: c.homeroomTeacherName })}` : ''}</p>
      </div>
      <div class="tabs" role="tablist">${TABS.map((tab) => html`
        <button role="tab" type="button" id=${`tab-${tab}`} aria-selected=${this.tab === tab ? 'true' : 'false'} @click=${() => this.choose(tab)}>${this.t(`par.tab.${tab}` as MessageKey)}</button>`)}
      </div>
      <div role="tabpanel" aria-labelledby=${`tab-${this.tab}`}>
        ${this.tab === 'lessons' ? this.lessons(d) : nothing}
        ${this.tab === 'results' ? this.resultsView() : nothing}
        ${this.tab === 'comments' ? this.comments(d) : nothing}
        ${this.tab === 'messages' ? html`
          <ph-parent-message-form .child=${c} @thread-started=${() => void this.loadTab('messages')}></ph-parent-message-form>
          <h2>${this.t('par.msg.threadsAbout')}</h2>
          <ph-parent-threads .items=${this.threads}></ph-parent-threads>` : nothing}
        ${this.tab === 'data' ? html`
          <ph-parent-consents .studentId=${c.id}></ph-parent-consents>
          <section class="card export">
            <h2>${this.t('par.export.title')}</h2>
            <p class="muted">${this.t('par.export.intro')}</p>
            <a class="btn" href=${parentsApi.exportUrl(c.id)} download>${this.t('par.export.download')}</a>
          </section>` : nothing}
      </div>`;
  }

  private lessonItem(l: ChildLesson) {
    return html`<li class="lesson">
      <div class="when"><strong>${viDateTime(l.startsAt).slice(0, 10)}</strong> <span>${viTime(l.startsAt)}–${viTime(l.endsAt)}</span></div>
      <div class="what"><strong>${l.subjectName}</strong> · ${l.topic}</div>
      <div class="meta"><span class="badge neutral">${this.t(`par.mode.${l.mode}` as MessageKey)}</span>
        ${l.attendance ? html`<span class="badge ${ATT_BADGE[l.attendance] ?? 'neutral'}" data-att=${l.attendance}>${this.t(`par.att.${l.attendance}` as MessageKey)}</span>` : nothing}
        ${l.minutes !== null && l.attendance !== 'absent' ? html`<span class="muted">${this.t('par.minutes', { n: l.minutes })}</span>` : nothing}
        <span class="muted">${l.teacherName}</span></div>
    </li>`;
  }

  private lessons(d: ChildOverview) {
    const a = d.attendance;
    return html`
      <section class="card att" aria-labelledby="att">
        <h2 id="att">${this.t('par.attendanceTitle')}</h2>
        ${a.rate === null ? html`<p class="muted">${this.t('par.attNone')}</p>` : html`
          <p class="rate">${this.t('par.attRate', { rate: `${formatNumber(Math.round(a.rate * 100))}%` })}</p>
          <div class="bar" aria-hidden="true"><span style=${`width:${Math.round(a.rate * 100)}%`}></span></div>
          <p class="muted">${this.t('par.attCounts', { held: a.held, present: a.present, late: a.late, absent: a.absent })}</p>`}
      </section>
      <h2>${this.t('par.upcoming')}</h2>
      ${d.upcoming.length ? html`<ul class="lessons">${d.upcoming.map((l) => this.lessonItem(l))}</ul>` : html`<p class="muted">${this.t('par.noUpcoming')}</p>`}
      <h2>${this.t('par.past')}</h2>
      ${d.past.length ? html`<ul class="lessons">${d.past.map((l) => this.lessonItem(l))}</ul>` : html`<p class="muted">${this.t('par.noPast')}</p>`}`;
  }

  private resultsView() {
    const r = this.results;
    if (!r) return nothing;
    if (!r.class || !r.subjects.length) return html`<p class="muted">${this.t('par.noResults')}</p>`;
    const roman = (n: number) => semesterLabel(n === 1 || n === 2 ? n : null);
    return html`
      <h2>${this.t('par.resultsTitle')} · ${r.schoolYearName ?? ''}</h2>
      <div class="table-wrap"><table>
        <thead><tr><th>${this.t('par.subject')}</th>${r.semesters.map((s) => html`<th class="c">${this.t('gb.semShort', { n: roman(s.number) })}</th>`)}<th class="c">${this.t('gb.year')}</th></tr></thead>
        <tbody>${r.subjects.map((s) => html`<tr><td>${s.name}</td>
          ${r.semesters.map((sem) => html`<td class="c">${resultText(s.bySemester[String(sem.id)]?.result) || '—'}</td>`)}
          <td class="c"><strong>${resultText(s.year) || '—'}</strong></td></tr>`)}</tbody>
      </table></div>
      <p><a href=${`/ket-qua-hoc-tap?hs=${this.childId}`}>${this.t('par.resultsMore')} →</a></p>`;
  }

  private comments(d: ChildOverview) {
    if (!d.comments.length && !d.taskFeedback.length) return html`<p class="muted">${this.t('par.noComments')}</p>`;
    return html`
      <h2>${this.t('par.gbComments')}</h2>
      ${d.comments.length ? html`<ul class="comments">${d.comments.map((c) => html`<li class="card">
        <strong>${c.subjectName}</strong> <span class="muted">${this.t('par.semesterOf', { n: semesterLabel(c.semesterNumber === 1 || c.semesterNumber === 2 ? c.semesterNumber : null), year: c.schoolYearName })}</span>
        <p>${c.text}</p>
        <span class="muted small">${c.teacherName ?? ''} · ${viDateTime(c.updatedAt)}</span></li>`)}</ul>` : html`<p class="muted">${this.t('par.noComments')}</p>`}
      <h2>${this.t('par.taskFeedback')}</h2>
      ${d.taskFeedback.length ? html`<ul class="comments">${d.taskFeedback.map((f) => html`<li class="card">
        <strong>${f.subjectName}</strong> · ${f.taskTitle}
        ${f.score !== null ? html`<span class="badge ok">${this.t('par.score', { score: formatNumber(f.score), max: formatNumber(f.maxScore) })}</span>` : nothing}
        ${f.comment ? html`<p>${f.comment}</p>` : nothing}
        <span class="muted small">${f.teacherName} · ${viDateTime(f.releasedAt)}</span></li>`)}</ul>` : html`<p class="muted">${this.t('par.noComments')}</p>`}`;
  }

  static override styles = [baseStyles, tableStyles, css`
    .back { margin: 0 0 0.5rem; }
    .head h1 { margin: 0; }
    .head p { margin: 0.25rem 0 0.75rem; }
    .tabs { display: flex; gap: 0.25rem; overflow-x: auto; border-bottom: 2px solid var(--ph-color-border); margin: 0 -0.25rem 1rem; padding: 0 0.25rem; scrollbar-width: thin; }
    .tabs button { font: inherit; font-weight: 600; white-space: nowrap; min-height: 2.75rem; padding: 0.5rem 0.875rem; border: 0; background: none; color: var(--ph-color-muted); border-bottom: 4px solid transparent; margin-bottom: -2px; cursor: pointer; }
    .tabs button[aria-selected='true'] { color: var(--ph-color-primary); border-bottom-color: var(--ph-color-primary); }
    .att h2 { margin-top: 0; }
    .rate { font-size: 1.5rem; font-weight: 700; margin: 0 0 0.5rem; }
    .bar { height: 0.75rem; border-radius: 999px; background: #e3e8ed; overflow: hidden; margin-bottom: 0.5rem; }
    .bar span { display: block; height: 100%; background: var(--ph-color-success); }
    ul.lessons, ul.comments { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 0.5rem; }
    li.lesson { border: 1px solid var(--ph-color-border); border-radius: var(--ph-radius-small); padding: 0.625rem 0.75rem; background: var(--ph-color-surface); display: flex; flex-direction: column; gap: 0.25rem; }
    .meta { display: flex; flex-wrap: wrap; gap: 0.375rem 0.5rem; align-items: center; font-size: 0.875rem; }
    ul.comments li { padding: 0.75rem 1rem; }
    ul.comments p { margin: 0.375rem 0; }
    .small { font-size: 0.875rem; }
    th.c, td.c { text-align: center; }
    .export { margin-top: 1rem; }
    .export h2 { margin-top: 0; }
  `];
}

customElements.define('ph-parent-child-page', ParentChildPage);
declare global {
  interface HTMLElementTagNameMap { 'ph-parent-child-page': ParentChildPage }
}
