import { css, html, nothing } from 'lit';
import { PhElement } from '../components/ph-element.js';
import '../components/live-attendance-chart.js';
import { api } from '../api/endpoints.js';
import { isApiError } from '../api/client.js';
import type { LessonRecording, LessonSummary, LiveLesson } from '../api/types.js';
import { pick } from '../i18n/index.js';
import { formatDate, formatNumber } from '../i18n/format.js';
import { notifyError } from '../state/notify.js';
import { session } from '../state/session.js';
import { clock } from '../live/live-format.js';
import type { ChartRow } from '../components/live-attendance-chart.js';
import { livePath, PATHS } from '../router.js';
import { baseStyles, tableStyles } from '../styles/shared-styles.js';

/** A lesson's date in school time ("2026-11-28"), from its UTC instant. */
function schoolDay(iso: string): string {
  return new Date(Date.parse(iso) + 7 * 3600_000).toISOString().slice(0, 10);
}

/**
 * /hoc-truc-tuyen/:id/tong-ket — after the lesson (Art. 8.1.b): for the teacher and the school's
 * leaders, attendance and participation (table, bars, the .xlsx for the records), questions and
 * polls; for everyone taking part, the lesson's recordings to watch again.
 */
export class LiveSummaryPage extends PhElement {
  static override properties = {
    params: { attribute: false }, lesson: { state: true }, summary: { state: true }, recordings: { state: true }, failed: { state: true },
  };
  declare params: { id?: string };
  declare lesson: LiveLesson | null;
  declare summary: LessonSummary | null;
  declare recordings: LessonRecording[] | null;
  declare failed: { vi: string; en: string } | null;

  constructor() {
    super();
    this.params = {};
    this.lesson = null;
    this.summary = null;
    this.recordings = null;
    this.failed = null;
  }

  private get lessonId(): number {
    return Number(this.params.id);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  /** The summary is for the lesson's teacher and the school's leaders (the server decides too). */
  private mayReadSummary(lesson: LiveLesson): boolean {
    return lesson.teacherId === session.me?.personId || session.hasAny(['principal', 'vice_principal']);
  }

  private async load() {
    try {
      this.lesson = await api.liveLesson(this.lessonId);
      const [summary, recordings] = await Promise.all([
        this.mayReadSummary(this.lesson) ? api.liveSummary(this.lessonId) : Promise.resolve(null),
        api.liveRecordings(this.lessonId).catch((e: unknown) => {
          if (isApiError(e) && e.status === 403) return [];
          throw e;
        }),
      ]);
      this.summary = summary;
      this.recordings = recordings;
    } catch (e) {
      if (isApiError(e)) this.failed = e.text;
      notifyError(e);
    }
  }

  private totals(s: LessonSummary) {
    const t = s.totals;
    const card = (value: number, label: string, cls = '') => html`<div class="stat ${cls}"><span class="v">${formatNumber(value)}</span><span class="l">${label}</span></div>`;
    return html`
      <div class="stats">
        ${card(t.present, this.t('liveSummary.present', { total: t.students }), 'ok')}
        ${card(t.absent, this.t('liveSummary.absent'), t.absent ? 'bad' : '')}
        ${card(t.late, this.t('liveSummary.late'))}
        ${card(t.chatMessages, this.t('liveSummary.chat'))}
        ${card(t.questions, this.t('liveSummary.questions', { answered: t.answeredQuestions }))}
        ${card(t.handsRaised, this.t('liveSummary.hands'))}
        ${card(t.reactions, this.t('liveSummary.reactions'))}
        ${card(t.polls, this.t('liveSummary.polls'))}
      </div>`;
  }

  private table(s: LessonSummary) {
    return html`
      <div class="table-wrap">
        <table>
          <caption>${this.t('liveSummary.attendance')}</caption>
          <thead><tr>
            <th class="num">${this.t('table.no')}</th><th>${this.t('liveSummary.col.name')}</th><th>${this.t('liveSummary.col.present')}</th>
            <th class="num">${this.t('liveSummary.col.minutes')}</th><th class="num">${this.t('liveSummary.col.joins')}</th><th>${this.t('liveSummary.col.firstJoin')}</th>
            <th class="num">${this.t('liveSummary.col.chat')}</th><th class="num">${this.t('liveSummary.col.questions')}</th>
            <th class="num">${this.t('liveSummary.col.hands')}</th><th class="num">${this.t('liveSummary.col.reactions')}</th><th class="num">${this.t('liveSummary.col.polls')}</th>
          </tr></thead>
          <tbody>
            ${s.students.map((st, i) => html`
              <tr class=${st.present ? 'present' : 'absent'}>
                <td class="num">${i + 1}</td><td>${st.fullName}</td>
                <td>${st.present ? html`<span class="badge ok">${this.t('liveSummary.yes')}</span>` : html`<span class="badge danger">${this.t('liveSummary.no')}</span>`}
                  ${st.late ? html`<span class="badge warn">${this.t('liveSummary.lateBadge')}</span>` : nothing}</td>
                <td class="num">${st.minutes}</td><td class="num">${st.joins}</td><td>${st.firstJoinAt ? clock(st.firstJoinAt) : ''}</td>
                <td class="num">${st.chatMessages}</td><td class="num">${st.questions}</td><td class="num">${st.handsRaised}</td>
                <td class="num">${st.reactions}</td><td class="num">${st.pollAnswers}</td>
              </tr>`)}
          </tbody>
        </table>
      </div>`;
  }

  private chart(s: LessonSummary) {
    const l = s.lesson;
    const minutes = Math.max(1, Math.round((Date.parse(l.endsAt) - Date.parse(l.startsAt)) / 60_000));
    // Absent students have nothing to draw: they are counted under the chart and listed in the table.
    const rows: ChartRow[] = s.students.filter((st) => st.present).map((st) => ({
      name: st.fullName, minutes: st.minutes, present: st.present,
      participation: st.chatMessages + st.questions + st.handsRaised + st.reactions + st.pollAnswers,
    }));
    return html`
      <section class="card">
        <h2>${this.t('liveSummary.chart.title')}</h2>
        ${rows.length ? html`<ph-live-attendance-chart .rows=${rows} lessonMinutes=${minutes}></ph-live-attendance-chart>` : nothing}
        ${s.totals.absent ? html`<p class="muted">${this.t('liveSummary.chart.absentNote', { count: s.totals.absent })}</p>` : nothing}
      </section>`;
  }

  private polls(s: LessonSummary) {
    if (!s.polls.length) return nothing;
    return html`
      <h2>${this.t('liveSummary.pollsTitle')}</h2>
      <ol class="polls">${s.polls.map((p) => {
        const total = Math.max(1, p.answered);
        return html`<li class="card"><h3>${p.question}</h3>
          <ul>${p.options.map((o, i) => {
            const n = p.counts[i] ?? 0;
            return html`<li><span>${o}</span><span class="track"><span class="fill" style="width:${Math.round((n / total) * 100)}%"></span></span><span class="n">${n}</span></li>`;
          })}</ul><p class="muted">${this.t('live.poll.answered', { count: p.answered })}</p></li>`;
      })}</ol>`;
  }

  private questionsList(s: LessonSummary) {
    if (!s.questions.length) return nothing;
    return html`
      <h2>${this.t('liveSummary.questionsTitle')}</h2>
      <ul class="questions">${s.questions.map((q) => html`
        <li><span class="who">${q.fullName} · ${clock(q.at)}</span> ${q.answered ? html`<span class="badge ok">${this.t('live.questions.answered')}</span>` : html`<span class="badge neutral">${this.t('liveSummary.unanswered')}</span>`}
          <p>${q.text}</p></li>`)}</ul>`;
  }

  private recordingsList() {
    const list = this.recordings;
    if (!list) return nothing;
    return html`
      <section aria-labelledby="rec-title">
        <h2 id="rec-title">${this.t('liveSummary.recordings')}</h2>
        ${list.length ? html`<ul class="recordings">${list.map((r, i) => html`
          <li class="card">
            <h3>${this.t('liveSummary.recordingN', { n: i + 1, time: clock(r.startedAt), minutes: Math.max(1, Math.round(r.durationMs / 60_000)) })}</h3>
            <video controls playsinline preload="metadata" src=${api.liveRecordingUrl(this.lessonId, r.id)}></video>
          </li>`)}</ul>` : html`<p class="muted">${this.t('liveSummary.noRecordings')}</p>`}
      </section>`;
  }

  override render() {
    if (this.failed) return html`<p class="notice error">${pick(this.failed)}</p><a href=${PATHS.home}>${this.t('nav.home')}</a>`;
    const l = this.lesson;
    if (!l) return html`<p class="muted" role="status">${this.t('state.loading')}</p>`;
    const s = this.summary;
    return html`
      <div class="page-head">
        <div>
          <p class="kicker">${this.t('liveSummary.title')}</p>
          <h1>${l.topic}</h1>
          <p class="meta">${this.t('live.classSubject', { className: l.className, subject: l.subjectName })} · ${formatDate(schoolDay(l.startsAt))} ${clock(l.startsAt)}–${clock(l.endsAt)} · ${l.teacherName}</p>
        </div>
        <div class="actions">
          ${s ? html`<a class="btn primary big" href=${api.liveSummaryXlsxUrl(this.lessonId)} download>${this.t('liveSummary.download')}</a>` : nothing}
          ${l.status === 'live' || l.status === 'scheduled' ? html`<a class="btn big" href=${livePath(this.lessonId)}>${this.t('live.today.enter')}</a>` : nothing}
        </div>
      </div>
      ${l.status !== 'ended' ? html`<p class="notice warning">${this.t('liveSummary.notEnded')}</p>` : nothing}
      ${s ? html`${this.totals(s)}${this.chart(s)}${this.table(s)}${this.questionsList(s)}${this.polls(s)}` : nothing}
      ${this.recordingsList()}`;
  }

  static override styles = [baseStyles, tableStyles, css`
    .kicker { margin: 0; font-weight: 700; color: var(--ph-color-primary); text-transform: uppercase; letter-spacing: 0.04em; font-size: 0.9375rem; }
    .meta { margin: 0.25rem 0 0; color: var(--ph-color-muted); font-weight: 600; }
    .stats { display: grid; gap: 0.75rem; grid-template-columns: repeat(auto-fit, minmax(min(100%, 8.25rem), 1fr)); margin-bottom: 1.25rem; }
    .stat { display: flex; flex-direction: column; padding: 0.875rem 1rem; border-radius: var(--ph-radius); background: var(--ph-color-surface); border: 1px solid var(--ph-color-border); }
    .stat .v { font-size: 2rem; font-weight: 800; line-height: 1.1; color: var(--ph-color-primary); }
    .stat .l { color: var(--ph-color-muted); font-weight: 600; }
    .stat.ok .v { color: var(--ph-color-success); }
    .stat.bad .v { color: var(--ph-color-danger); }
    .card { margin-bottom: 1.25rem; }
    .card h2 { margin-top: 0; }
    tr.absent td:nth-child(2) { color: var(--ph-color-danger); }
    .badge + .badge { margin-left: 0.25rem; }
    .table-wrap { margin-bottom: 1.5rem; }
    .questions { list-style: none; padding: 0; margin: 0 0 1.5rem; display: grid; gap: 0.5rem; }
    .questions li { padding: 0.75rem 1rem; background: var(--ph-color-surface); border: 1px solid var(--ph-color-border); border-radius: var(--ph-radius-small); }
    .questions p { margin: 0.25rem 0 0; }
    .who { font-weight: 700; }
    .polls { list-style: none; padding: 0; margin: 0; display: grid; gap: 1rem; grid-template-columns: repeat(auto-fill, minmax(min(100%, 22rem), 1fr)); }
    .polls h3 { margin-top: 0; }
    .polls ul { list-style: none; padding: 0; margin: 0; display: grid; gap: 0.375rem; }
    .polls ul li { display: grid; grid-template-columns: minmax(0, 1fr) 40% 2.5rem; gap: 0.5rem; align-items: center; }
    .track { height: 0.875rem; border-radius: 999px; background: #e6edf1; overflow: hidden; }
    .fill { display: block; height: 100%; background: var(--ph-color-primary); }
    .n { text-align: right; font-variant-numeric: tabular-nums; font-weight: 700; }
    .recordings { list-style: none; padding: 0; margin: 0; display: grid; gap: 1rem; grid-template-columns: repeat(auto-fill, minmax(min(100%, 28rem), 1fr)); }
    .recordings h3 { margin-top: 0; }
    video { width: 100%; border-radius: var(--ph-radius-small); background: #000; aspect-ratio: 16 / 9; }
  `];
}

customElements.define('ph-live-summary-page', LiveSummaryPage);
declare global {
  interface HTMLElementTagNameMap { 'ph-live-summary-page': LiveSummaryPage }
}
