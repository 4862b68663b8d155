import { css, html, nothing } from 'lit';
import { PhElement } from '../components/ph-element.js';
import '../components/progress-heatmap.js';
import '../components/student-progress.js';
import { formatDuration } from '../components/student-progress.js';
import { progressApi, type ClassProgress, type ClassSubjectChoice, type StudentProgress } from '../api/progress.js';
import { formatInstant } from '../api/qa.js';
import { isApiError } from '../api/client.js';
import { pick } from '../i18n/index.js';
import { notifyError } from '../state/notify.js';
import { session } from '../state/session.js';
import { navigate } from '../router.js';
import { baseStyles, formStyles, tableStyles } from '../styles/shared-styles.js';

export const PROGRESS_PATH = '/tien-do';
export const progressClassPath = (classId: number, subjectId: number) => `${PROGRESS_PATH}?lop=${classId}&mon=${subjectId}`;
export const studentProgressPath = (studentId: number, subjectId?: number) => `${PROGRESS_PATH}/hoc-sinh/${studentId}${subjectId ? `?mon=${subjectId}` : ''}`;

/**
 * /tien-do — learning progress (Art. 5.3: the teacher monitors the use of materials; 9.2.c).
 * Teachers (their class × subject) and managers: the heat map of materials × students, who has not
 * started, who needs help (the rule is explained on the page), time spent, the class's quizzes.
 * Students: "Tiến độ của em". Parents: their children's pages.
 */
export class ProgressPage extends PhElement {
  static override properties = {
    choices: { state: true }, data: { state: true }, mine: { state: true }, kids: { state: true }, failed: { state: true },
  };
  declare choices: ClassSubjectChoice[] | null;
  declare data: ClassProgress | null;
  declare mine: StudentProgress | null;
  declare kids: { id: number; fullName: string; className: string | null }[] | null;
  declare failed: { vi: string; en: string } | null;

  constructor() {
    super();
    this.choices = null;
    this.data = null;
    this.mine = null;
    this.kids = null;
    this.failed = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private get isStudentOnly() {
    return session.hasAny(['student']) && !session.hasAny(['teacher', 'principal', 'vice_principal']);
  }

  private async load() {
    try {
      if (this.isStudentOnly) {
        this.mine = await progressApi.mine();
        return;
      }
      if (session.hasAny(['parent']) && !session.hasAny(['teacher', 'principal', 'vice_principal'])) {
        this.kids = await progressApi.children();
        return;
      }
      this.choices = (await progressApi.choices()).filter((c) => c.as !== 'student');
      const q = new URLSearchParams(location.search);
      const classId = Number(q.get('lop')) || this.choices[0]?.classId;
      const subjectId = Number(q.get('mon')) || this.choices[0]?.subjectId;
      if (classId && subjectId) this.data = await progressApi.classProgress(classId, subjectId);
    } catch (e) {
      if (isApiError(e)) this.failed = e.text;
      notifyError(e);
    }
  }

  private choose(e: Event) {
    const [classId, subjectId] = (e.target as HTMLSelectElement).value.split(':').map(Number);
    if (classId && subjectId) navigate(progressClassPath(classId, subjectId));
  }

  private lists(d: ClassProgress) {
    const notStarted = d.students.filter((s) => s.notStarted);
    const stuck = d.students.filter((s) => s.stuck);
    const names = (list: typeof d.students) => list.length
      ? html`<ul class="names">${list.map((s) => html`<li><a href=${studentProgressPath(s.id, d.subjectId)}>${s.fullName}</a></li>`)}</ul>`
      : html`<p class="muted">${this.t('progress.nobody')}</p>`;
    return html`
      <div class="two">
        <section class="card"><h2>${this.t('progress.notStartedList', { count: notStarted.length })}</h2>${names(notStarted)}</section>
        <section class="card warn"><h2>${this.t('progress.stuckList', { count: stuck.length })}</h2>${names(stuck)}
          <p class="hint">${this.t('progress.stuckRule', { days: d.stuckRule.idleDays, percent: Math.round(d.stuckRule.lowScore * 100) })}</p></section>
      </div>`;
  }

  private studentsTable(d: ClassProgress) {
    return html`
      <div class="table-wrap">
        <table>
          <caption>${this.t('progress.students')}</caption>
          <thead><tr>
            <th class="num">${this.t('table.no')}</th><th>${this.t('progress.col.student')}</th>
            <th class="num">${this.t('progress.col.started')}</th><th class="num">${this.t('progress.col.completed')}</th>
            <th class="num">${this.t('progress.col.time')}</th><th>${this.t('progress.col.lastSeen')}</th><th></th>
          </tr></thead>
          <tbody>${d.students.map((s, i) => html`
            <tr>
              <td class="num">${i + 1}</td>
              <td>${s.fullName} ${s.stuck ? html`<span class="badge danger">${this.t('progress.stuck')}</span>` : nothing}
                ${s.notStarted ? html`<span class="badge neutral">${this.t('progress.status.not_started')}</span>` : nothing}</td>
              <td class="num">${s.started}/${d.materials.length}</td><td class="num">${s.completed}/${d.materials.length}</td>
              <td class="num">${formatDuration(s.activeSeconds, this.t)}</td><td>${formatInstant(s.lastSeenAt)}</td>
              <td><a href=${studentProgressPath(s.id, d.subjectId)}>${this.t('progress.detail')}</a></td>
            </tr>`)}</tbody>
        </table>
      </div>`;
  }

  private quizzes(d: ClassProgress) {
    if (d.quizzes === null) return html`<p class="muted">${this.t('progress.quizzesMissing')}</p>`;
    if (!d.quizzes.length) return html`<p class="muted">${this.t('progress.noQuizzes')}</p>`;
    return html`<ul class="quizzes">${d.quizzes.map((q) => html`
      <li class="card"><strong>${q.title}</strong> · <a href=${q.resultsPath}>${this.t('progress.quizResults')}</a>
        ${q.questions?.length ? html`<ol class="rates">${q.questions.map((x) => html`<li><span>${x.label}</span>
          <span class="track"><span class="fill" style="width:${Math.round((x.correctRate ?? 0) * 100)}%"></span></span>
          <span>${x.correctRate === null ? '–' : `${Math.round(x.correctRate * 100)}%`}</span></li>`)}</ol>` : nothing}
      </li>`)}</ul>`;
  }

  private teacherView() {
    const choices = this.choices ?? [];
    if (!choices.length) return html`<p class="notice">${this.t('progress.noSpaces')}</p>`;
    const d = this.data;
    const current = d ? `${d.classId}:${d.subjectId}` : '';
    return html`
      <div class="field chooser">
        <label for="space">${this.t('progress.choose')}</label>
        <select id="space" @change=${this.choose}>
          ${choices.map((c) => html`<option value=${`${c.classId}:${c.subjectId}`} ?selected=${`${c.classId}:${c.subjectId}` === current}>${c.className} – ${c.subjectName}</option>`)}
        </select>
      </div>
      ${d ? html`
        <p class="muted">${this.t('progress.generatedAt', { time: formatInstant(d.generatedAt) })} · ${this.t('progress.timeRule')}</p>
        ${this.lists(d)}
        <section class="card"><h2>${this.t('progress.chart.title')}</h2>
          <ph-progress-heatmap .materials=${d.materials} .students=${d.students} .cells=${d.cells}></ph-progress-heatmap></section>
        <h2>${this.t('progress.students')}</h2>
        ${this.studentsTable(d)}
        <h2>${this.t('progress.quizzes')}</h2>
        ${this.quizzes(d)}` : nothing}`;
  }

  override render() {
    const title = this.isStudentOnly ? this.t('progress.mineTitle') : this.t('progress.title');
    if (this.failed) return html`<h1>${title}</h1><p class="notice error">${pick(this.failed)}</p>`;
    if (this.isStudentOnly) return html`<h1>${title}</h1>${this.mine ? html`<ph-student-progress .data=${this.mine}></ph-student-progress>` : html`<p class="muted">${this.t('state.loading')}</p>`}`;
    if (this.kids) {
      return html`<h1>${title}</h1>
        <ul class="names">${this.kids.map((c) => html`<li><a href=${studentProgressPath(c.id)}>${c.fullName}</a> ${c.className ? html`<span class="muted">(${c.className})</span>` : nothing}</li>`)}</ul>`;
    }
    if (!this.choices) return html`<h1>${title}</h1><p class="muted">${this.t('state.loading')}</p>`;
    return html`<h1>${title}</h1>${this.teacherView()}`;
  }

  static override styles = [baseStyles, formStyles, tableStyles, css`
    .chooser { max-width: 28rem; margin-bottom: 0.75rem; }
    .two { display: grid; gap: 1rem; grid-template-columns: repeat(auto-fit, minmax(min(100%, 20rem), 1fr)); margin-bottom: 1rem; }
    .two h2 { margin-top: 0; }
    .card.warn { border-left: 5px solid #c62828; }
    .names { margin: 0; padding-left: 1.25rem; columns: 2 12rem; }
    .names li { padding: 0.25rem 0; }
    .hint { font-size: 0.875rem; color: var(--ph-color-muted); margin-top: 0.75rem; }
    .quizzes { list-style: none; padding: 0; display: grid; gap: 0.75rem; }
    .rates { margin: 0.5rem 0 0; padding-left: 1.25rem; display: grid; gap: 0.25rem; }
    .rates li { display: grid; grid-template-columns: minmax(6rem, 1fr) 2fr 3rem; gap: 0.5rem; align-items: center; }
    .track { height: 0.625rem; background: #e3e8ed; border-radius: 999px; overflow: hidden; }
    .fill { display: block; height: 100%; background: var(--ph-color-primary); }
    ph-progress-heatmap { margin-top: 0.5rem; }
  `];
}

customElements.define('ph-progress-page', ProgressPage);
declare global {
  interface HTMLElementTagNameMap { 'ph-progress-page': ProgressPage }
}
