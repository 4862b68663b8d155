import { css, html, nothing } from 'lit';
import { PhElement } from '../components/ph-element.js';
import '../components/task-form.js';
import { tasksApi, schoolDateTime, type StudentTaskItem, type TaskListItem, type TaskStatus } from '../api/tasks.js';
import { session } from '../state/session.js';
import { notifyError } from '../state/notify.js';
import { navigate, taskPath } from '../router.js';
import { baseStyles, formStyles, tableStyles } from '../styles/shared-styles.js';
import type { MessageKey } from '../i18n/index.js';

const STATUS_BADGE: Record<TaskStatus, string> = { not_submitted: 'neutral', submitted: 'ok', graded: 'ok', returned: 'warn' };

/**
 * Tasks (Art. 5.2–5.3): teachers see the tasks of the classes they teach and assign new ones;
 * managers read every task; students see theirs, open work first by due time, overdue flagged;
 * parents see their children's.
 */
export class TasksPage extends PhElement {
  static override properties = { staffTasks: { state: true }, myTasks: { state: true }, creating: { state: true }, filter: { state: true } };
  declare staffTasks: TaskListItem[] | null;
  declare myTasks: StudentTaskItem[] | null;
  declare creating: boolean;
  declare filter: string;

  constructor() {
    super();
    this.staffTasks = null;
    this.myTasks = null;
    this.creating = false;
    this.filter = '';
  }

  private get staff(): boolean {
    return session.hasAny(['principal', 'vice_principal', 'group_leader', 'teacher']);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load() {
    try {
      if (this.staff) this.staffTasks = await tasksApi.list();
      else this.myTasks = await tasksApi.mine();
    } catch (e) {
      notifyError(e);
    }
  }

  override render() {
    return this.staff ? this.renderStaff() : this.renderMine();
  }

  private audience(t: TaskListItem) {
    if (t.audience === 'group') return this.t('tasks.audience.group', { name: t.groupName ?? '' });
    return this.t(t.audience === 'class' ? 'tasks.audience.class' : 'tasks.audience.student');
  }

  private renderStaff() {
    const tasks = this.staffTasks;
    const pairs = [...new Map((tasks ?? []).map((t) => [`${t.classId}:${t.subjectId}`, `${t.className} – ${t.subjectName}`])).entries()];
    const shown = (tasks ?? []).filter((t) => !this.filter || `${t.classId}:${t.subjectId}` === this.filter);
    const teaches = session.hasAny(['teacher', 'principal', 'vice_principal']);
    return html`
      <div class="page-head">
        <h1>${this.t('tasks.title')}</h1>
        ${teaches && !this.creating ? html`<button class="btn primary" @click=${() => (this.creating = true)}>${this.t('tasks.new')}</button>` : nothing}
      </div>
      ${this.creating ? html`<ph-task-form @cancel=${() => (this.creating = false)} @saved=${(e: CustomEvent<{ id: number }>) => navigate(taskPath(e.detail.id))}></ph-task-form>` : nothing}
      ${pairs.length > 1 ? html`
        <div class="field filter">
          <label for="filter">${this.t('tasks.filter')}</label>
          <select id="filter" @change=${(e: Event) => (this.filter = (e.target as HTMLSelectElement).value)}>
            <option value="">${this.t('tasks.filterAll')}</option>
            ${pairs.map(([k, label]) => html`<option value=${k} ?selected=${k === this.filter}>${label}</option>`)}
          </select>
        </div>` : nothing}
      ${tasks === null ? nothing : shown.length === 0 ? html`<p class="muted">${this.t('tasks.empty')}</p>` : html`
        <div class="table-wrap">
          <table>
            <thead><tr>
              <th>${this.t('tasks.col.title')}</th><th>${this.t('tasks.col.classSubject')}</th><th>${this.t('tasks.col.audience')}</th>
              <th>${this.t('tasks.col.due')}</th><th class="num">${this.t('tasks.col.submitted')}</th><th class="num">${this.t('tasks.col.late')}</th><th class="num">${this.t('tasks.col.graded')}</th>
            </tr></thead>
            <tbody>
              ${shown.map((t) => html`<tr>
                <td><a href=${taskPath(t.id)}>${t.title}</a></td>
                <td>${t.className} – ${t.subjectName}</td>
                <td>${this.audience(t)}</td>
                <td>${schoolDateTime(t.dueAt)}</td>
                <td class="num">${t.submitted}/${t.assigned}</td>
                <td class="num">${t.late}</td>
                <td class="num">${t.graded}</td>
              </tr>`)}
            </tbody>
          </table>
        </div>`}
    `;
  }

  private renderMine() {
    const tasks = this.myTasks;
    const parent = session.hasAny(['parent']);
    const children = new Set((tasks ?? []).map((t) => t.studentId));
    return html`
      <div class="page-head"><h1>${this.t(parent ? 'tasks.childTitle' : 'tasks.mineTitle')}</h1></div>
      ${tasks === null ? nothing : tasks.length === 0 ? html`<p class="muted">${this.t('tasks.emptyMine')}</p>` : html`
        <ul class="cards">
          ${tasks.map((t) => html`<li>
            <a class="task card ${t.overdue ? 'overdue' : ''}" href=${taskPath(t.id, parent ? t.studentId : undefined)}>
              <span class="head">
                <strong class="name">${t.title}</strong>
                <span class="badge ${STATUS_BADGE[t.status]}">${this.t(`tasks.status.${t.status}` as MessageKey)}</span>
              </span>
              <span class="meta">${t.subjectName}${parent && children.size > 1 ? html` · ${this.t('tasks.for', { name: t.studentName })}` : nothing}</span>
              <span class="meta due">
                ${this.t('tasks.dueAt', { at: schoolDateTime(t.dueAt) })}
                ${t.overdue ? html`<span class="badge danger">${this.t('tasks.overdue')}</span>` : nothing}
                ${t.late && t.status !== 'not_submitted' ? html`<span class="badge warn">${this.t('tasks.late')}</span>` : nothing}
              </span>
              ${t.score !== null ? html`<span class="score">${this.t('tasks.scoreOf', { score: String(t.score).replace('.', ','), max: String(t.maxScore) })}</span>` : nothing}
            </a>
          </li>`)}
        </ul>`}
    `;
  }

  static override styles = [baseStyles, formStyles, tableStyles, css`
    .filter { max-width: 24rem; margin-bottom: 1rem; }
    ph-task-form { margin-bottom: 1.5rem; }
    .cards { list-style: none; margin: 0; padding: 0; display: grid; gap: 0.75rem; grid-template-columns: repeat(auto-fill, minmax(min(100%, 22rem), 1fr)); }
    .task { display: flex; flex-direction: column; gap: 0.375rem; color: inherit; text-decoration: none; font-weight: 400; padding: 1rem; min-height: 5.5rem; }
    .task:hover { border-color: var(--ph-color-primary); }
    .task.overdue { border-left: 5px solid var(--ph-color-danger); }
    .head { display: flex; justify-content: space-between; align-items: flex-start; gap: 0.5rem; }
    .name { font-size: 1.0625rem; color: var(--ph-color-primary); }
    .meta { color: var(--ph-color-muted); font-size: 0.9375rem; display: flex; flex-wrap: wrap; gap: 0.375rem; align-items: center; }
    .score { font-weight: 700; }
  `];
}

customElements.define('ph-tasks-page', TasksPage);
declare global {
  interface HTMLElementTagNameMap { 'ph-tasks-page': TasksPage }
}
