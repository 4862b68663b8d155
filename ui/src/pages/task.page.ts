import { css, html, nothing } from 'lit';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import { PhElement } from '../components/ph-element.js';
import '../components/task-grader.js';
import '../components/task-submit.js';
import '../components/task-work.js';
import '../components/task-form.js';
import {
  tasksApi, attachmentUrl, downloadAllUrl, formatSize, schoolDateTime, type RosterRow, type StudentWork, type TaskDetail, type TaskStatus,
} from '../api/tasks.js';
import { ERRORS, type ErrorCode } from '../../../server/src/contracts/error-codes.js';
import { session } from '../state/session.js';
import { notifyError, notifySuccess } from '../state/notify.js';
import { language, type MessageKey } from '../i18n/index.js';
import { navigate, PATHS } from '../router.js';
import { baseStyles, formStyles, tableStyles } from '../styles/shared-styles.js';

const STATUS_BADGE: Record<TaskStatus, string> = { not_submitted: 'neutral', submitted: 'ok', graded: 'ok', returned: 'warn' };
const num = (n: number) => String(n).replace('.', ',');

/**
 * One task. Its teacher sees who submitted, who is late and who has not, grades each student
 * (rubric, score, comment), returns work, releases grades and downloads everything at once;
 * managers read the same. A student reads the instructions, hands in and sees the released
 * grade; a parent reads their child's work and grade.
 */
export class TaskPage extends PhElement {
  static override properties = { params: { attribute: false }, task: { state: true }, roster: { state: true }, selected: { state: true }, work: { state: true }, editing: { state: true } };
  declare params: { id?: string };
  declare task: TaskDetail | null;
  declare roster: RosterRow[] | null;
  declare selected: number | null;
  declare work: StudentWork | null;
  declare editing: boolean;

  constructor() {
    super();
    this.params = {};
    this.task = null;
    this.roster = null;
    this.selected = null;
    this.work = null;
    this.editing = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private get taskId(): number {
    return Number(this.params.id);
  }

  private async load() {
    try {
      const task = await tasksApi.get(this.taskId);
      this.task = task;
      if (task.myRelation === 'manage' || task.myRelation === 'read') this.roster = await tasksApi.roster(task.id);
      else await this.loadWork(task);
    } catch (e) {
      notifyError(e);
    }
  }

  private async loadWork(task: TaskDetail) {
    let studentId = session.me?.personId ?? 0;
    if (task.myRelation === 'parent') {
      const asked = Number(new URLSearchParams(location.search).get('hs'));
      studentId = asked || ((await tasksApi.mine()).find((x) => x.id === task.id)?.studentId ?? 0);
    }
    this.work = await tasksApi.work(task.id, studentId);
  }

  private async releaseAll() {
    try {
      const r = await tasksApi.release(this.taskId);
      notifySuccess('tasks.released');
      if (r.released >= 0) this.roster = await tasksApi.roster(this.taskId);
    } catch (e) {
      notifyError(e);
    }
  }

  private async removeTask() {
    if (!confirm(this.t('tasks.deleteConfirm'))) return;
    try {
      await tasksApi.remove(this.taskId);
      navigate(PATHS.tasks);
    } catch (e) {
      notifyError(e);
    }
  }

  override render() {
    const t = this.task;
    if (!t) return nothing;
    return html`
      <p class="crumbs"><a href=${PATHS.tasks}>${this.t('tasks.title')}</a></p>
      <div class="page-head">
        <h1>${t.title}</h1>
      </div>
      <p class="meta">${t.className} · ${t.subjectName} · ${t.teacherName}</p>
      <div class="facts">
        <span class="badge ${this.work?.overdue ? 'danger' : 'neutral'}">${this.t('tasks.dueAt', { at: schoolDateTime(t.dueAt) })}</span>
        ${t.curriculumLessonTitle ? html`<span class="muted">${this.t('tasks.lesson', { title: t.curriculumLessonTitle })}</span>` : nothing}
      </div>
      ${t.instructions ? html`<section class="card instructions" aria-label=${this.t('tasks.instructions')}>${unsafeHTML(t.instructions)}</section>` : nothing}
      ${t.attachments.length ? html`<section><h2>${this.t('tasks.attachments')}</h2><ul class="files">${t.attachments.map((f) => html`<li>
        <a href=${attachmentUrl(t.id, f.id, true)} target="_blank" rel="noopener">${f.fileName}</a> <span class="muted">${formatSize(f.size)}</span></li>`)}</ul></section>` : nothing}
      <details class="policies"><summary>${this.t('tasks.policies')}</summary><ul>${this.policies(t).map((p) => html`<li>${p}</li>`)}</ul></details>
      ${t.myRelation === 'manage' || t.myRelation === 'read' ? this.renderStaff(t) : this.renderStudent(t)}
    `;
  }

  private policies(t: TaskDetail): string[] {
    const out = [this.t('tasks.opensAt', { at: schoolDateTime(t.opensAt) })];
    out.push(t.latePolicy === 'until_close' ? this.t('tasks.policy.until_close', { at: schoolDateTime(t.closeAt) }) : this.t(`tasks.policy.${t.latePolicy}` as MessageKey));
    if (t.latePenaltyKind === 'points') out.push(this.t('tasks.policy.penaltyPoints', { n: num(t.latePenaltyValue) }));
    if (t.latePenaltyKind === 'percent') out.push(this.t('tasks.policy.penaltyPercent', { n: num(t.latePenaltyValue) }));
    out.push(t.resubmission === 'limited' ? this.t('tasks.policy.limited', { n: t.maxSubmissions ?? 1 }) : this.t(`tasks.policy.${t.resubmission}` as MessageKey));
    return out;
  }

  private renderStaff(t: TaskDetail) {
    const rows = this.roster ?? [];
    const submitted = rows.filter((r) => r.submissions > 0).length;
    const manage = t.myRelation === 'manage';
    return html`
      <h2>${this.t('tasks.students')}</h2>
      <p class="muted">${this.t('tasks.summary', { submitted, assigned: rows.length, late: rows.filter((r) => r.late).length, graded: rows.filter((r) => r.status === 'graded').length })}</p>
      <div class="actions bar">
        <a class="btn" href=${downloadAllUrl(t.id)} download>${this.t('tasks.downloadAll')}</a>
        ${manage ? html`<button class="btn" @click=${this.releaseAll}>${this.t('tasks.releaseAll')}</button>
          <button class="btn" @click=${() => (this.editing = !this.editing)}>${this.t('tasks.edit')}</button>
          <button class="btn danger" @click=${this.removeTask}>${this.t('tasks.delete')}</button>` : nothing}
      </div>
      ${this.editing ? html`<ph-task-form .task=${t} @cancel=${() => (this.editing = false)}
        @saved=${async () => { this.editing = false; await this.load(); }}></ph-task-form>` : nothing}
      <div class="split">
        <div class="table-wrap">
          <table>
            <thead><tr><th>${this.t('tasks.col.student')}</th><th>${this.t('tasks.col.status')}</th><th>${this.t('tasks.col.at')}</th><th class="num">${this.t('tasks.col.score')}</th></tr></thead>
            <tbody>${rows.map((r) => html`<tr class=${this.selected === r.studentId ? 'selected' : ''}>
              <td><button class="link" @click=${() => (this.selected = r.studentId)}>${r.fullName}</button></td>
              <td><span class="badge ${STATUS_BADGE[r.status]}">${this.t(`tasks.status.${r.status}` as MessageKey)}</span>
                ${r.late ? html` <span class="badge warn">${this.t('tasks.late')}</span>` : nothing}</td>
              <td>${schoolDateTime(r.lastSubmittedAt)}${r.submissions > 1 ? html` <span class="muted">(${r.submissions})</span>` : nothing}</td>
              <td class="num">${r.grade?.status === 'graded' && r.grade.score !== null ? html`${num(r.grade.score)}${r.grade.releasedAt ? nothing : html`<br><span class="muted small">${this.t('tasks.notReleased')}</span>`}` : ''}</td>
            </tr>`)}</tbody>
          </table>
        </div>
        ${this.selected ? html`<div class="card grader"><ph-task-grader .task=${t} .studentId=${this.selected} ?read-only=${!manage}
          @graded=${async () => { this.roster = await tasksApi.roster(t.id); }}></ph-task-grader></div>` : nothing}
      </div>
    `;
  }

  private renderStudent(t: TaskDetail) {
    const w = this.work;
    if (!w) return nothing;
    const g = w.grade;
    const reason = w.refusal ? (ERRORS[w.refusal as ErrorCode]?.[language()] ?? w.refusal) : '';
    return html`
      <div class="status">
        <span class="badge ${STATUS_BADGE[w.status]}">${this.t(`tasks.status.${w.status}` as MessageKey)}</span>
        ${w.overdue ? html`<span class="badge danger">${this.t('tasks.overdue')}</span>` : nothing}
      </div>
      ${g ? html`<section class="card result">
        <h2>${this.t('tasks.yourGrade')}</h2>
        ${g.status === 'graded' && g.score !== null ? html`<p class="score">${this.t('tasks.scoreOf', { score: num(g.score), max: num(t.maxScore) })}</p>` : nothing}
        ${g.penalty > 0 ? html`<p class="muted">${this.t('tasks.penaltyApplied', { n: num(g.penalty) })}</p>` : nothing}
        ${t.rubric && g.rubricSelection ? html`<ul>${t.rubric.criteria.map((c, i) => {
          const level = g.rubricSelection?.[i] != null ? c.levels[g.rubricSelection[i]!] : undefined;
          return html`<li><strong>${c.title}:</strong> ${level ? `${level.label} (${num(level.points)})` : '–'}</li>`;
        })}</ul>` : nothing}
        ${g.comment ? html`<h3>${this.t('tasks.teacherComment')}</h3><p class="comment">${g.comment}</p>` : nothing}
      </section>` : w.status === 'graded' ? html`<p class="notice">${this.t('tasks.gradePending')}</p>` : nothing}
      ${t.myRelation === 'student' && w.canSubmit ? html`<ph-task-submit .task=${t} ?resubmit=${w.submissions.length > 0}
        @submitted=${() => this.loadWork(t)}></ph-task-submit>` : nothing}
      ${t.myRelation === 'student' && !w.canSubmit && w.status !== 'graded' ? html`<p class="notice warning">${this.t('tasks.cannotSubmit', { reason })}</p>` : nothing}
      ${t.myRelation === 'parent' ? html`<p class="muted">${this.t('tasks.for', { name: w.fullName })} · ${this.t('tasks.readOnly')}</p>` : nothing}
      <h2>${this.t('tasks.history')}</h2>
      <ph-task-work .submissions=${w.submissions}></ph-task-work>
    `;
  }

  static override styles = [baseStyles, formStyles, tableStyles, css`
    .crumbs { margin: 0 0 0.5rem; }
    .meta { color: var(--ph-color-muted); margin: -0.5rem 0 0.5rem; }
    .facts, .status { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; margin-bottom: 1rem; }
    .instructions { margin-bottom: 1rem; overflow-wrap: anywhere; }
    .files { padding-left: 1.25rem; }
    .policies { margin: 0 0 1rem; }
    .policies summary { cursor: pointer; font-weight: 600; padding: 0.625rem 0; }
    .bar { margin-bottom: 1rem; }
    .split { display: grid; gap: 1rem; grid-template-columns: minmax(0, 1fr); }
    @media (min-width: 64rem) { .split { grid-template-columns: minmax(0, 5fr) minmax(0, 6fr); align-items: start; } .grader { position: sticky; top: 1rem; max-height: calc(100vh - 2rem); overflow-y: auto; } }
    button.link { background: none; border: 0; padding: 0.25rem 0; color: var(--ph-color-primary); font: inherit; font-weight: 600; cursor: pointer; text-align: left; min-height: 2.25rem; text-decoration: underline; }
    tr.selected { background: var(--ph-color-primary-soft); }
    .small { font-size: 0.8125rem; }
    .result { margin-bottom: 1rem; }
    .result h2 { margin-top: 0; }
    .score { font-size: 1.5rem; font-weight: 700; margin: 0 0 0.5rem; }
    .comment { white-space: pre-wrap; }
    ph-task-submit { display: block; margin-bottom: 1rem; }
    ph-task-form { display: block; margin-bottom: 1rem; }
  `];
}

customElements.define('ph-task-page', TaskPage);
declare global {
  interface HTMLElementTagNameMap { 'ph-task-page': TaskPage }
}
