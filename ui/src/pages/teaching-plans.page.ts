import { css, html, nothing } from 'lit';
import { PhElement } from '../components/ph-element.js';
import { isApiError } from '../api/client.js';
import { plansApi, planPath, type PlanOptions, type PlanSummary, type PlanVersusActualRow } from '../api/teaching-plans.js';
import { navigate } from '../router.js';
import { pick } from '../i18n/index.js';
import { semesterLabel } from '../i18n/format.js';
import { session } from '../state/session.js';
import { notifyError } from '../state/notify.js';
import { baseStyles, formStyles, tableStyles } from '../styles/shared-styles.js';

export const PLAN_STATUS_BADGE: Record<string, string> = { draft: 'neutral', returned: 'danger', submitted: 'warn', passed: 'warn', approved: 'ok', superseded: 'neutral' };

/**
 * /ke-hoach-day-hoc — teaching plans (Art. 8.1.c, 15.1.b): a teacher starts the plan of a class ×
 * subject they teach (drafted from the curriculum or empty), the group leader and the principal
 * see what waits for them, everyone sees the plans in their scope and plan versus actual per
 * class × subject for a semester. The server decides the scope.
 */
export class TeachingPlansPage extends PhElement {
  static override properties = {
    options: { state: true }, plans: { state: true }, queue: { state: true }, progress: { state: true }, semesterId: { state: true },
    busy: { state: true }, formError: { state: true },
  };
  declare options: PlanOptions | null;
  declare plans: PlanSummary[] | null;
  declare queue: PlanSummary[];
  declare progress: PlanVersusActualRow[] | null;
  declare semesterId: number | null;
  declare busy: boolean;
  declare formError: { vi: string; en: string } | null;

  constructor() {
    super();
    this.options = null;
    this.plans = null;
    this.queue = [];
    this.progress = null;
    this.semesterId = null;
    this.busy = false;
    this.formError = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private get reviewer(): boolean {
    return session.hasAny(['principal', 'group_leader']);
  }

  private async load() {
    try {
      const [options, plans, queue] = await Promise.all([plansApi.options(), plansApi.list(), this.reviewer ? plansApi.queue() : Promise.resolve([])]);
      this.options = options;
      this.plans = plans;
      this.queue = queue;
      const current = options.semesters.find((s) => options.currentWeek >= s.firstWeek && options.currentWeek <= s.lastWeek) ?? options.semesters[0];
      this.semesterId ??= current?.id ?? null;
      await this.loadProgress();
    } catch (e) {
      notifyError(e);
    }
  }

  private async loadProgress() {
    if (!this.semesterId) return;
    try {
      this.progress = await plansApi.progress(this.semesterId);
    } catch (e) {
      notifyError(e);
    }
  }

  private async create(e: SubmitEvent) {
    e.preventDefault();
    const form = new FormData(e.target as HTMLFormElement);
    const [classId, subjectId] = String(form.get('pair') ?? '').split(':').map(Number);
    const period = String(form.get('period') ?? 'year');
    this.busy = true;
    this.formError = null;
    try {
      const plan = await plansApi.create({ classId: classId!, subjectId: subjectId!, semesterId: period === 'year' ? null : Number(period), fromCurriculum: form.get('fromCurriculum') === 'on' });
      navigate(planPath(plan.plan.id));
    } catch (err) {
      if (isApiError(err)) this.formError = err.text;
      notifyError(err);
    } finally {
      this.busy = false;
    }
  }

  private period(p: PlanSummary): string {
    return p.semesterNumber ? this.t('plans.semester', { n: semesterLabel(p.semesterNumber as 1 | 2) }) : this.t('plans.year');
  }

  private status(p: PlanSummary) {
    const v = p.openVersion ?? p.approvedVersion;
    return html`
      ${p.openVersion ? html`<span class="badge ${PLAN_STATUS_BADGE[p.openVersion.status]}">${this.t(`plans.status.${p.openVersion.status}`)}</span>` : nothing}
      ${p.approvedVersion ? html`<span class="badge ok">${this.t('plans.status.approved')} · ${this.t('plans.versionN', { n: p.approvedVersion.number })}</span>` : nothing}
      ${!v ? '—' : nothing}`;
  }

  private renderTable(list: PlanSummary[], caption: string | null) {
    return html`
      <div class="table-wrap">
        <table>
          ${caption ? html`<caption>${caption}</caption>` : nothing}
          <thead><tr><th>${this.t('plans.col.class')}</th><th>${this.t('plans.col.subject')}</th><th>${this.t('plans.col.period')}</th><th>${this.t('plans.col.teacher')}</th><th>${this.t('plans.col.status')}</th><th></th></tr></thead>
          <tbody>${list.map((p) => html`
            <tr>
              <td>${p.className}</td><td>${p.subjectName}</td><td>${this.period(p)}</td><td>${p.teacherName ?? '—'}</td>
              <td><div class="status">${this.status(p)}</div></td>
              <td><a class="btn" href=${planPath(p.id)}>${this.t('plans.open')}<span class="visually-hidden"> ${p.subjectName} ${p.className}</span></a></td>
            </tr>`)}
          </tbody>
        </table>
      </div>`;
  }

  private renderCreate() {
    const o = this.options;
    if (!o || !o.assignments.length) return nothing;
    return html`
      <details class="card create" ?open=${!this.plans?.length}>
        <summary>${this.t('plans.create')}</summary>
        <form @submit=${(e: SubmitEvent) => this.create(e)}>
          <div class="form-grid">
            <div class="field"><label for="pair">${this.t('plans.classSubject')}</label>
              <select id="pair" name="pair" required>
                ${o.assignments.map((a) => html`<option value=${`${a.classId}:${a.subjectId}`}>${a.className} · ${a.subjectName}</option>`)}
              </select></div>
            <div class="field"><label for="period">${this.t('plans.period')}</label>
              <select id="period" name="period">
                ${o.semesters.map((s) => html`<option value=${String(s.id)} ?selected=${s.id === this.semesterId}>${this.t('plans.periodSemester', { n: semesterLabel(s.number as 1 | 2), from: s.firstWeek, to: s.lastWeek })}</option>`)}
                <option value="year">${this.t('plans.periodYear')}</option>
              </select></div>
            <div class="field wide">
              <label class="check"><input type="checkbox" name="fromCurriculum" checked> ${this.t('plans.fromCurriculum')}</label>
              <span class="hint">${this.t('plans.fromCurriculumHint')}</span>
            </div>
          </div>
          ${this.formError ? html`<p class="notice error" role="alert">${pick(this.formError)}</p>` : nothing}
          <div class="form-actions"><button class="btn primary big" type="submit" ?disabled=${this.busy}>${this.t('plans.createSubmit')}</button></div>
        </form>
      </details>`;
  }

  private renderProgress() {
    const o = this.options;
    if (!o?.semesters.length) return nothing;
    const rows = this.progress;
    return html`
      <section>
        <div class="section-head">
          <h2>${this.t('plans.progress.title')}</h2>
          <label class="inline">${this.t('plans.progress.semester')}
            <select @change=${(e: Event) => { this.semesterId = Number((e.target as HTMLSelectElement).value); void this.loadProgress(); }}>
              ${o.semesters.map((s) => html`<option value=${String(s.id)} ?selected=${s.id === this.semesterId}>${this.t('plans.semester', { n: semesterLabel(s.number as 1 | 2) })}</option>`)}
            </select></label>
        </div>
        ${!rows ? html`<p class="muted" role="status">${this.t('state.loading')}</p>` : !rows.length ? html`<p class="notice">${this.t('plans.progress.none')}</p>` : html`
          <div class="table-wrap">
            <table class="progress">
              <thead><tr>
                <th>${this.t('plans.col.class')}</th><th>${this.t('plans.col.subject')}</th><th>${this.t('plans.col.teacher')}</th><th>${this.t('plans.progress.col.plan')}</th>
                <th class="num">${this.t('plans.progress.col.planned')}</th><th class="num">${this.t('plans.progress.col.held')}</th><th>${this.t('plans.progress.col.percent')}</th>
                <th class="num">${this.t('plans.progress.col.behind')}</th><th class="num">${this.t('plans.progress.col.live')}</th>
              </tr></thead>
              <tbody>${rows.map((r) => html`
                <tr>
                  <td>${r.className}</td>
                  <td>${r.planId ? html`<a href=${planPath(r.planId)}>${r.subjectName}</a>` : r.subjectName}</td>
                  <td>${r.teacherName}</td>
                  <td><span class="badge ${r.planState === 'approved' ? 'ok' : r.planState === 'pending' ? 'warn' : 'neutral'}">${this.t(`plans.progress.state.${r.planState}`)}</span></td>
                  <td class="num">${r.plannedToDate}</td><td class="num">${r.heldToDate}</td>
                  <td>${r.percent === null ? '—' : html`<span class="meter" aria-hidden="true"><span style="width:${Math.min(100, r.percent)}%"></span></span> ${this.t('plans.percent', { n: r.percent })}`}</td>
                  <td class="num">${r.weeksBehind}</td><td class="num">${r.liveLessonsHeld}</td>
                </tr>`)}
              </tbody>
            </table>
          </div>`}
      </section>`;
  }

  override render() {
    const plans = this.plans;
    const mineIds = new Set((this.options?.assignments ?? []).map((a) => `${a.classId}:${a.subjectId}`));
    const mine = (plans ?? []).filter((p) => mineIds.has(`${p.classId}:${p.subjectId}`));
    const others = (plans ?? []).filter((p) => !mineIds.has(`${p.classId}:${p.subjectId}`));
    return html`
      <div class="page-head"><h1>${this.t('plans.title')}</h1></div>
      <p class="muted">${this.t('plans.intro')}</p>
      ${this.renderCreate()}
      ${this.reviewer ? html`
        <section>
          <h2>${this.t('plans.queue')}</h2>
          ${this.queue.length ? this.renderTable(this.queue, null) : html`<p class="notice">${this.t('plans.queueNone')}</p>`}
        </section>` : nothing}
      ${!plans ? html`<p class="muted" role="status">${this.t('state.loading')}</p>` : html`
        ${mine.length ? html`<section>${this.renderTable(mine, this.t('plans.mine'))}</section>` : nothing}
        ${others.length ? html`<section>${this.renderTable(others, this.t('plans.all'))}</section>` : nothing}
        ${!plans.length ? html`<p class="notice">${this.t('plans.none')}</p>` : nothing}`}
      ${this.renderProgress()}`;
  }

  static override styles = [baseStyles, formStyles, tableStyles, css`
    section { margin-top: 1.5rem; }
    h2 { font-size: 1.25rem; margin: 0 0 0.75rem; }
    .create summary { font-weight: 700; font-size: 1.125rem; cursor: pointer; min-height: 2.75rem; display: flex; align-items: center; }
    .create form { margin-top: 1rem; }
    div.status { display: flex; flex-wrap: wrap; gap: 0.375rem; }
    td .btn { min-height: 2.75rem; }
    .section-head { display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between; gap: 0.5rem 1rem; margin-bottom: 0.75rem; }
    .section-head h2 { margin: 0; }
    label.inline { display: flex; align-items: center; gap: 0.5rem; font-weight: 600; white-space: nowrap; }
    label.inline select { min-height: 2.75rem; }
    .meter { display: inline-block; width: 5rem; height: 0.625rem; background: #e3e8ed; border-radius: 999px; overflow: hidden; vertical-align: middle; }
    .meter span { display: block; height: 100%; background: var(--ph-color-primary); }
    table.progress th { white-space: normal; vertical-align: bottom; }
    table.progress td:nth-child(7) { white-space: nowrap; }
  `];
}

customElements.define('ph-teaching-plans-page', TeachingPlansPage);
declare global {
  interface HTMLElementTagNameMap { 'ph-teaching-plans-page': TeachingPlansPage }
}
