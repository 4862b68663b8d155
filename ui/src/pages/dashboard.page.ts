import { css, html, nothing } from 'lit';
import { PhElement } from '../components/ph-element.js';
import '../components/chart-bars.js';
import '../components/dashboard-assessment.js';
import '../components/dashboard-devices.js';
import { dashboardApi, type Dashboard, type DashboardWaitingMaterial } from '../api/dashboard.js';
import { isApiError } from '../api/client.js';
import { notifyError } from '../state/notify.js';
import { session } from '../state/session.js';
import { formatNumber, longDate, semesterLabel } from '../i18n/format.js';
import { pick } from '../i18n/index.js';
import { formatClock, formatPercent, formatSchoolDay } from '../components/dashboard-format.js';
import { livePath, PATHS } from '../router.js';
import { baseStyles, tableStyles } from '../styles/shared-styles.js';

/** How often the figures are fetched again while the page is visible. */
export const REFRESH_MS = 30_000;
/** The on-site screen (1920×1080, read from a metre away) gets the kiosk layout and larger type. */
const KIOSK_QUERY = '(min-width: 1600px)';

/**
 * The principal's dashboard (/tong-quan): live lessons now, today's attendance, materials waiting
 * for approval, assessment progress, plan versus actual, the teaching room's equipment. One request
 * (GET /api/dashboard) every 30 seconds while the page is visible; the figures on screen are
 * replaced only when new ones arrive, so nothing blinks.
 */
export class DashboardPage extends PhElement {
  static override properties = { data: { state: true }, failedAt: { state: true }, loading: { state: true }, error: { state: true } };
  declare data: Dashboard | null;
  /** The last refresh that failed while older figures stay on screen. */
  declare failedAt: Date | null;
  declare loading: boolean;
  declare error: { vi: string; en: string } | null;
  private timer: ReturnType<typeof setInterval> | undefined;
  private readonly kiosk = window.matchMedia(KIOSK_QUERY);

  constructor() {
    super();
    this.data = null;
    this.failedAt = null;
    this.loading = false;
    this.error = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
    this.timer = setInterval(() => { if (!document.hidden) void this.load(); }, REFRESH_MS);
    document.addEventListener('visibilitychange', this.onVisible);
    this.kiosk.addEventListener('change', this.onKiosk);
    this.onKiosk();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.timer);
    document.removeEventListener('visibilitychange', this.onVisible);
    this.kiosk.removeEventListener('change', this.onKiosk);
    delete document.documentElement.dataset.kiosk;
  }

  private readonly onVisible = () => {
    const age = this.data ? Date.now() - Date.parse(this.data.generatedAt) : Infinity;
    if (!document.hidden && age > REFRESH_MS) void this.load();
  };

  /** The header and the content width follow the screen (html[data-kiosk] in global.css). */
  private readonly onKiosk = () => {
    if (this.kiosk.matches) document.documentElement.dataset.kiosk = '';
    else delete document.documentElement.dataset.kiosk;
  };

  private async load() {
    if (this.loading) return;
    this.loading = true;
    try {
      this.data = await dashboardApi.get();
      this.failedAt = null;
      this.error = null;
    } catch (e) {
      if (this.data) this.failedAt = new Date();
      else {
        this.error = isApiError(e) ? e.text : null;
        notifyError(e);
      }
    } finally {
      this.loading = false;
    }
  }

  private head(d: Dashboard) {
    const sem = d.semester && d.schoolYear
      ? this.t(d.semester.current ? 'dash.semester' : 'dash.semesterEnded', { n: semesterLabel(d.semester.number === 2 ? 2 : 1), year: d.schoolYear.name })
      : null;
    return html`
      <div class="page-head">
        <div>
          <h1>${this.t('dash.title')}</h1>
          <p class="date">${longDate(new Date(d.generatedAt))}${sem ? html` · ${sem}` : nothing}</p>
        </div>
        <div class="refresh">
          <p class="muted"><span class="updated">${this.t('dash.updatedAt', { time: formatClock(d.generatedAt, true) })}</span> · ${this.t('dash.autoRefresh')}</p>
          <button type="button" class="btn" ?disabled=${this.loading} @click=${() => this.load()}>${this.loading ? this.t('dash.refreshing') : this.t('dash.refresh')}</button>
        </div>
      </div>
      ${this.failedAt ? html`<p class="notice warning" role="status">${this.t('dash.stale', { time: formatClock(this.failedAt), shown: formatClock(d.generatedAt) })}</p>` : nothing}
      ${!d.schoolYear ? html`<p class="notice warning">${this.t('dash.noYear')}</p>` : nothing}`;
  }

  private tiles(d: Dashboard) {
    const presentNow = d.live.lessons.reduce((s, l) => s + l.present, 0);
    const waiting = d.materials.leaderStep.length + d.materials.principalStep.length;
    // Figures are large; a value in words ("Cần kiểm tra") a little smaller so it stays on one line.
    const tile = (id: string, label: string, value: string, hint: string, tone = '') => html`
      <li class="tile ${tone}" data-tile=${id}><span class="label">${label}</span><span class="value ${/\d/.test(value) ? '' : 'words'}">${value}</span><span class="hint">${hint}</span></li>`;
    return html`
      <ul class="tiles">
        ${tile('live', this.t('dash.kpi.live'), this.t('dash.kpi.liveValue', { n: d.live.lessons.length }), this.t('dash.kpi.liveHint', { present: formatNumber(presentNow) }))}
        ${tile('attendance', this.t('dash.kpi.attendance'), d.attendance.totals.rate === null ? this.t('dash.kpi.noLessons') : formatPercent(d.attendance.totals.rate),
          d.attendance.totals.rate === null ? this.t('dash.live.todaySoFar', { ended: d.attendance.lessons.ended, upcoming: d.attendance.lessons.upcoming })
            : this.t('dash.kpi.attendanceHint', { present: formatNumber(d.attendance.totals.present), expected: formatNumber(d.attendance.totals.expected) }))}
        ${tile('materials', this.t('dash.kpi.materials'), formatNumber(waiting), this.t('dash.kpi.materialsHint', { n: d.materials.principalStep.length }), waiting ? 'attention' : '')}
        ${tile('assessment', this.t('dash.kpi.assessment'), formatPercent(d.assessment.totals.rate),
          this.t('dash.kpi.assessmentHint', { filled: formatNumber(d.assessment.totals.filled), required: formatNumber(d.assessment.totals.required) }))}
        ${tile('plans', this.t('dash.kpi.plans'), d.plans?.rows.length ? formatPercent(d.plans.totals.rate) : this.t('dash.kpi.none'),
          d.plans?.rows.length ? this.t('dash.kpi.plansHint', { held: formatNumber(d.plans.totals.held), planned: formatNumber(d.plans.totals.planned) }) : this.t('dash.plan.title'))}
        ${tile('devices', this.t('dash.kpi.devices'), this.t(`dash.dev.status.${d.devices.status}`), this.t('dash.kpi.devicesHint', { n: d.devices.alerts.length }), d.devices.status === 'ok' ? '' : d.devices.status)}
      </ul>`;
  }

  private live(d: Dashboard) {
    const lessons = d.live.lessons;
    const today = d.attendance.lessons;
    return html`
      <section class="card area-live" aria-labelledby="live-title">
        <h2 id="live-title">${this.t('dash.live.title')}</h2>
        ${lessons.length === 0 ? html`
          <p class="empty">${this.t('dash.live.empty')}</p>
          <p class="muted">${this.t('dash.live.todaySoFar', { ended: today.ended, upcoming: today.upcoming })}</p>` : html`
          <div class="table-wrap">
            <table>
              <thead><tr>
                <th scope="col">${this.t('dash.live.class')}</th><th scope="col" class="num">${this.t('dash.live.present')}</th>
                <th scope="col">${this.t('dash.live.subject')}</th><th scope="col">${this.t('dash.live.teacher')}</th>
                <th scope="col">${this.t('dash.live.topic')}</th><th scope="col">${this.t('dash.live.mode')}</th><th scope="col">${this.t('dash.live.since')}</th>
              </tr></thead>
              <tbody>${lessons.map((l) => html`<tr>
                <th scope="row" class="big">${l.className}</th>
                <td class="num"><span class="big" aria-label=${this.t('dash.live.presentAria', { present: l.present, enrolled: l.enrolled })}>${l.present}/${l.enrolled}</span>
                  ${l.joined > l.present ? html`<br><span class="muted small">${this.t('dash.live.joinedLeft', { n: l.joined - l.present })}</span>` : nothing}</td>
                <td>${l.subjectName}</td><td>${l.teacherName}</td>
                <td><a href=${livePath(l.id)} title=${this.t('dash.live.open')}>${l.topic}</a></td>
                <td><span class="badge ${l.mode === 'replacing' ? 'warn' : 'neutral'}">${this.t(`dash.mode.${l.mode}`)}</span></td>
                <td>${formatClock(l.startedAt ?? l.startsAt)}<br><span class="muted small">${this.t('dash.live.until', { time: formatClock(l.endsAt) })}</span></td>
              </tr>`)}</tbody>
            </table>
          </div>`}
      </section>`;
  }

  private attendance(d: Dashboard) {
    const a = d.attendance;
    return html`
      <section class="card area-attendance" aria-labelledby="att-title">
        <h2 id="att-title">${this.t('dash.att.title')}</h2>
        ${a.classes.length === 0 ? html`<p class="empty">${this.t('dash.att.empty')}</p>` : html`
          <ph-chart-bars .label=${this.t('dash.att.chart')} .nameLabel=${this.t('dash.att.class')} .partLabel=${this.t('dash.att.present')} .wholeLabel=${this.t('dash.att.expected')}
            .items=${a.classes.map((c) => ({ key: c.classId, label: c.className, part: c.present, whole: c.expected }))}></ph-chart-bars>
          <p class="muted small rule">${this.t('dash.att.rule')}</p>`}
        <p class="muted small">${this.t('dash.att.lessons', { ...a.lessons })}</p>
      </section>`;
  }

  private materialItem(m: DashboardWaitingMaterial) {
    return html`<li>
      <a href=${`${PATHS.materials}/${m.materialId}`}>${m.title}</a>
      <span class="muted">${this.t('dash.mat.meta', { subject: m.subjectName, grade: m.grade, author: m.authorName })}</span>
      <span class=${m.waitingDays >= 7 ? 'badge danger' : m.waitingDays >= 3 ? 'badge warn' : 'badge neutral'}>
        ${m.waitingDays === 0 ? this.t('dash.mat.waitingToday') : this.t('dash.mat.waiting', { date: formatSchoolDay(m.waitingSince), days: m.waitingDays })}</span>
      ${m.leaderName ? html`<span class="muted small">${this.t('dash.mat.leader', { name: m.leaderName })}</span>` : m.groupName === null ? html`<span class="muted small">${this.t('dash.mat.noGroup')}</span>` : nothing}
    </li>`;
  }

  private materials(d: Dashboard) {
    const { leaderStep, principalStep } = d.materials;
    const step = (title: string, items: DashboardWaitingMaterial[]) => html`
      <h3>${title}</h3>
      ${items.length ? html`<ol class="waiting">${items.map((m) => this.materialItem(m))}</ol>` : html`<p class="muted">${this.t('dash.mat.stepEmpty')}</p>`}`;
    return html`
      <section class="card area-materials" aria-labelledby="mat-title">
        <h2 id="mat-title">${this.t('dash.mat.title')}</h2>
        ${leaderStep.length + principalStep.length === 0 ? html`<p class="empty">${this.t('dash.mat.empty')}</p>` : html`
          ${step(this.t('dash.mat.principalStep', { n: principalStep.length }), principalStep)}
          ${step(this.t('dash.mat.leaderStep', { n: leaderStep.length }), leaderStep)}`}
        ${session.hasAny(['principal', 'group_leader']) ? html`<p class="more"><a href=${`${PATHS.materials}/duyet`}>${this.t('dash.mat.openQueue')}</a></p>` : nothing}
      </section>`;
  }

  private assessment(d: Dashboard) {
    return html`
      <section class="card area-assessment" aria-labelledby="as-title">
        <h2 id="as-title">${this.t('dash.as.title')}${d.semester ? ` ${semesterLabel(d.semester.number === 2 ? 2 : 1)}` : ''}</h2>
        ${!d.semester ? html`<p class="empty">${this.t('dash.as.noSemester')}</p>`
          : d.assessment.rows.length === 0 ? html`<p class="empty">${this.t('dash.as.empty')}</p>`
          : html`<ph-dashboard-assessment .rows=${d.assessment.rows}></ph-dashboard-assessment><p class="muted small rule">${this.t('dash.as.rule')}</p>`}
      </section>`;
  }

  private plans(d: Dashboard) {
    const p = d.plans;
    return html`
      <section class="card area-plans" aria-labelledby="plan-title">
        <h2 id="plan-title">${this.t('dash.plan.title')}</h2>
        ${!p ? html`<p class="empty">${this.t('dash.plan.empty')}</p>` : html`
          ${p.rows.length === 0 ? html`<p class="empty">${this.t('dash.plan.noneApproved')}</p>` : html`
            <ph-chart-bars .label=${this.t('dash.plan.chart')} .nameLabel=${this.t('dash.plan.class')} .partLabel=${this.t('dash.plan.held')} .wholeLabel=${this.t('dash.plan.planned')}
              .thresholds=${[0.8, 0.95]} .items=${p.rows.map((r) => ({ key: `${r.classId}:${r.subjectId}`, label: `${r.className} – ${r.subjectName}`, part: r.held, whole: r.planned }))}></ph-chart-bars>
            ${p.rows.some((r) => r.weeksBehind > 0) ? html`<p class="small behind">${this.t('dash.plan.behind', { n: p.rows.filter((r) => r.weeksBehind > 0).length })}</p>` : nothing}`}
          <p class="muted small rule">${this.t('dash.plan.notes', { pending: p.pending, none: p.withoutPlan })}</p>`}
      </section>`;
  }

  override render() {
    const d = this.data;
    if (!d) {
      return this.error
        ? html`<p class="notice error">${pick(this.error)}</p><button class="btn" @click=${() => this.load()}>${this.t('action.retry')}</button>`
        : html`<p class="muted" role="status">${this.t('state.loading')}</p>`;
    }
    return html`
      ${this.head(d)}
      ${this.tiles(d)}
      <div class="grid">
        <div class="col main">
          ${this.live(d)}
          ${this.assessment(d)}
          ${this.plans(d)}
        </div>
        <div class="col side">
          ${this.attendance(d)}
          ${this.materials(d)}
          <section class="card area-devices" aria-labelledby="dev-title">
            <h2 id="dev-title">${this.t('dash.dev.title')}</h2>
            <ph-dashboard-devices .devices=${d.devices}></ph-dashboard-devices>
          </section>
        </div>
      </div>`;
  }

  static override styles = [baseStyles, tableStyles, css`
    :host { font-size: 1rem; }
    .date { font-size: 1.1em; font-weight: 600; color: var(--ph-color-primary); margin: 0.25em 0 0; }
    .refresh { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5em 1em; }
    .refresh p { margin: 0; }
    .updated { font-variant-numeric: tabular-nums; }
    .tiles { list-style: none; margin: 0 0 1.25em; padding: 0; display: grid; gap: 0.75em; grid-template-columns: repeat(auto-fit, minmax(min(100%, 9.5em), 1fr)); }
    .tile { display: flex; flex-direction: column; gap: 0.15em; padding: 0.9em 1em; background: var(--ph-color-surface); border: 1px solid var(--ph-color-border);
      border-left: 0.4em solid var(--ph-color-primary); border-radius: var(--ph-radius); box-shadow: var(--ph-shadow); min-width: 0; }
    .tile.attention, .tile.warning { border-left-color: #c98a1b; }
    .tile.critical { border-left-color: var(--ph-color-danger); }
    .tile .label { font-weight: 600; color: var(--ph-color-muted); font-size: 0.95em; }
    .tile .value { font-size: 2em; font-weight: 800; line-height: 1.1; color: var(--ph-color-primary); font-variant-numeric: tabular-nums; overflow-wrap: anywhere; }
    .tile .value.words { font-size: 1.4em; line-height: 1.45; }
    .tile.critical .value { color: var(--ph-color-danger); }
    .tile .hint { font-size: 0.9em; color: var(--ph-color-muted); }
    /* Phone and laptop: the cards in one grid (the column wrappers step aside); the on-site screen: two columns. */
    .col { display: contents; }
    .grid { display: grid; gap: 1.25em; grid-template-columns: minmax(0, 1fr);
      grid-template-areas: 'live' 'attendance' 'materials' 'assessment' 'plans' 'devices'; }
    .area-live { grid-area: live; } .area-attendance { grid-area: attendance; } .area-materials { grid-area: materials; }
    .area-assessment { grid-area: assessment; } .area-plans { grid-area: plans; } .area-devices { grid-area: devices; }
    .card { padding: 1.1em 1.25em; min-width: 0; }
    .card h2 { margin-top: 0; font-size: 1.25em; }
    .card h3 { font-size: 1em; margin: 0.9em 0 0.4em; }
    table { font-size: 1em; }
    th, td { padding: 0.55em 0.7em; }
    .big { font-size: 1.3em; font-weight: 800; font-variant-numeric: tabular-nums; }
    .small { font-size: 0.875em; }
    .empty { font-size: 1.05em; padding: 0.75em 1em; border: 1px dashed var(--ph-color-border); border-radius: var(--ph-radius-small); background: #fafbfc; }
    .rule { margin: 0.75em 0 0; }
    .waiting { margin: 0; padding-left: 1.4em; display: grid; gap: 0.6em; }
    .waiting li { display: flex; flex-wrap: wrap; gap: 0.25em 0.6em; align-items: baseline; }
    .waiting a { flex-basis: 100%; }
    .badge { font-size: 0.85em; }
    .more { margin: 1em 0 0; }
    .behind { margin: 0.75em 0 0; color: var(--ph-color-warning); font-weight: 600; }
    @media (min-width: 1100px) {
      .grid { grid-template-columns: repeat(2, minmax(0, 1fr));
        grid-template-areas: 'live live' 'attendance materials' 'assessment assessment' 'plans devices'; }
    }
    /* The on-site screen: larger type for a metre's distance, three columns. */
    @media (min-width: 1600px) {
      :host { font-size: 1.2rem; }
      .grid { grid-template-columns: minmax(0, 2fr) minmax(0, 1fr); grid-template-areas: none; align-items: start; }
      .col { display: flex; flex-direction: column; gap: 1.25em; min-width: 0; }
      .col > .card { grid-area: auto; }
    }
  `];
}

customElements.define('ph-dashboard-page', DashboardPage);
declare global {
  interface HTMLElementTagNameMap { 'ph-dashboard-page': DashboardPage }
}
