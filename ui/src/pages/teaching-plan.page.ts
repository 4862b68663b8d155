import { css, html, nothing } from 'lit';
import { LoadedPage } from '../components/loaded-page.js';
import '../components/plan-actual-chart.js';
import type { PlanActualBar } from '../components/plan-actual-chart.js';
import { isApiError } from '../api/client.js';
import { curriculumApi } from '../api/curriculum.js';
import {
  plansApi, type PlanActualReply, type PlanCalendarView, type PlanMode, type PlanVersionDetail, type PlanWeek, type PlanWeekInput, type ReviewAction,
} from '../api/teaching-plans.js';
import { pick } from '../i18n/index.js';
import { formatDate, semesterLabel } from '../i18n/format.js';
import { notifyError, notifySuccess } from '../state/notify.js';
import { baseStyles, formStyles, tableStyles } from '../styles/shared-styles.js';
import { PLAN_STATUS_BADGE } from './teaching-plans.page.js';

type Tab = 'weeks' | 'months' | 'year' | 'actual' | 'history';
const TABS: readonly Tab[] = ['weeks', 'months', 'year', 'actual', 'history'];
const MODES: readonly PlanMode[] = ['in_person', 'supporting', 'replacing'];
const WS_BADGE: Record<string, string> = { done: 'ok', behind: 'danger', ahead: 'ok', not_planned: 'warn', in_progress: 'warn', upcoming: 'neutral', empty: 'neutral' };

interface LessonOption { id: number; position: number; title: string; periods: number }

/** Today in school time (UTC+7), YYYY-MM-DD. */
const schoolToday = () => new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
/** 'dd/mm/yyyy HH:mm' in school time, as Vietnamese documents write it. */
const schoolDateTime = (instant: string) => {
  const local = new Date(Date.parse(instant) + 7 * 3600_000).toISOString();
  return `${local.slice(8, 10)}/${local.slice(5, 7)}/${local.slice(0, 4)} ${local.slice(11, 16)}`;
};

/**
 * /ke-hoach-day-hoc/:id — one teaching plan (Art. 8.1.c, 15.1.b): its weeks (edited by the assigned
 * teacher while a draft or returned), the month and year views, plan versus actual with a chart and
 * the table behind it, the approval steps; the buttons of the step the viewer may take.
 */
export class TeachingPlanPage extends LoadedPage<PlanVersionDetail> {
  static override properties = {
    ...LoadedPage.properties,
    tab: { state: true }, editing: { state: true }, draft: { state: true }, lessons: { state: true }, calendar: { state: true }, actual: { state: true },
    busy: { state: true }, actionError: { state: true },
  };
  declare tab: Tab;
  declare editing: boolean;
  declare draft: (PlanWeekInput & { content: string; materials: string; tasks: string })[];
  declare lessons: LessonOption[];
  declare calendar: PlanCalendarView | null;
  declare actual: PlanActualReply | null;
  declare busy: boolean;
  declare actionError: { vi: string; en: string } | null;
  private note = '';

  constructor() {
    super();
    this.tab = 'weeks';
    this.editing = false;
    this.draft = [];
    this.lessons = [];
    this.calendar = null;
    this.actual = null;
    this.busy = false;
    this.actionError = null;
  }

  protected fetch(id: number): Promise<PlanVersionDetail> {
    return plansApi.get(id);
  }

  private async show(detail: PlanVersionDetail) {
    this.data = detail;
    this.calendar = null;
    this.actual = null;
    this.editing = false;
    if (this.tab !== 'weeks' && this.tab !== 'history') await this.loadTab(this.tab);
  }

  private async switchVersion(versionId: number) {
    try {
      await this.show(await plansApi.get(this.data!.plan.id, versionId));
    } catch (e) {
      notifyError(e);
    }
  }

  private async loadTab(tab: Tab) {
    this.tab = tab;
    const d = this.data;
    if (!d) return;
    try {
      if ((tab === 'months' || tab === 'year') && !this.calendar) this.calendar = await plansApi.calendar(d.plan.id, d.version.id);
      if (tab === 'actual' && !this.actual) this.actual = await plansApi.actual(d.plan.id, d.version.status === 'superseded' ? d.version.id : (d.plan.approvedVersion?.id ?? d.version.id));
    } catch (e) {
      notifyError(e);
    }
  }

  private async startEdit() {
    const d = this.data!;
    try {
      if (!this.lessons.length) this.lessons = (await curriculumApi.lessons(d.plan.subjectId, d.plan.grade)).map((l) => ({ id: l.id, position: l.position, title: l.title, periods: l.periods }));
    } catch (e) {
      notifyError(e);
    }
    this.note = d.note;
    this.draft = d.weeks.map((w) => ({ week: w.week, periods: w.periods, mode: w.mode, lessonIds: w.lessons.map((l) => l.id), content: w.content, materials: w.materials, tasks: w.tasks }));
    this.editing = true;
  }

  private setWeek(i: number, patch: Partial<PlanWeekInput>) {
    this.draft = this.draft.map((w, k) => (k === i ? { ...w, ...patch } : w));
  }

  private async save() {
    const d = this.data!;
    this.busy = true;
    try {
      const detail = await plansApi.update(d.plan.id, d.version.id, { note: this.note, weeks: this.draft });
      notifySuccess('plans.saved');
      await this.show(detail);
    } catch (e) {
      notifyError(e);
    } finally {
      this.busy = false;
    }
  }

  private async act(action: ReviewAction, form: HTMLFormElement | null) {
    const d = this.data!;
    const comment = form ? String(new FormData(form).get('comment') ?? '').trim() : '';
    this.busy = true;
    this.actionError = null;
    try {
      const detail = await plansApi.review(d.plan.id, d.version.id, { action, comment: comment || null });
      notifySuccess(`plans.done.${action}`);
      await this.show(detail);
    } catch (e) {
      if (isApiError(e)) this.actionError = e.text;
      notifyError(e);
    } finally {
      this.busy = false;
    }
  }

  private async revise() {
    this.busy = true;
    try {
      await this.show(await plansApi.revise(this.data!.plan.id));
    } catch (e) {
      notifyError(e);
    } finally {
      this.busy = false;
    }
  }

  private async markTaught(lessonId: number, remove: boolean) {
    const d = this.data!;
    try {
      if (remove) await plansApi.unmarkTaught(d.plan.id, lessonId);
      else await plansApi.markTaught(d.plan.id, lessonId, schoolToday());
      notifySuccess('plans.actual.marked');
      this.actual = null;
      await this.loadTab('actual');
    } catch (e) {
      notifyError(e);
    }
  }

  private planLabel(d: PlanVersionDetail): string {
    const p = d.plan;
    const period = p.semesterNumber ? this.t('plans.semester', { n: semesterLabel(p.semesterNumber as 1 | 2) }) : this.t('plans.year');
    return `${p.subjectName} · ${p.className} · ${period} · ${p.schoolYearName}`;
  }

  private renderActions(d: PlanVersionDetail) {
    const c = d.can;
    const review = c.pass || c.approve || c.return;
    return html`
      <div class="actions-bar">
        ${c.edit && !this.editing ? html`<button class="btn big" type="button" @click=${() => this.startEdit()}>${this.t('plans.edit')}</button>` : nothing}
        ${c.submit && !this.editing ? html`<button class="btn primary big" type="button" ?disabled=${this.busy} @click=${() => this.act('submit', null)}>${this.t('plans.submit')}</button>` : nothing}
        ${c.revise ? html`<button class="btn big" type="button" ?disabled=${this.busy} title=${this.t('plans.reviseHint')} @click=${() => this.revise()}>${this.t('plans.revise')}</button>` : nothing}
      </div>
      ${review ? html`
        <form class="card review" @submit=${(e: SubmitEvent) => e.preventDefault()}>
          <div class="field"><label for="comment">${this.t('plans.reviewComment')}</label>
            <textarea id="comment" name="comment" rows="2" maxlength="2000"></textarea></div>
          ${this.actionError ? html`<p class="notice error" role="alert">${pick(this.actionError)}</p>` : nothing}
          <div class="form-actions">
            ${c.pass ? html`<button class="btn primary big" type="button" ?disabled=${this.busy} @click=${(e: Event) => this.act('pass', (e.target as HTMLElement).closest('form'))}>${this.t('plans.pass')}</button>` : nothing}
            ${c.approve ? html`<button class="btn primary big" type="button" ?disabled=${this.busy} @click=${(e: Event) => this.act('approve', (e.target as HTMLElement).closest('form'))}>${this.t('plans.approve')}</button>` : nothing}
            ${c.return ? html`<button class="btn danger big" type="button" ?disabled=${this.busy} @click=${(e: Event) => this.act('return', (e.target as HTMLElement).closest('form'))}>${this.t('plans.return')}</button>` : nothing}
          </div>
        </form>` : this.actionError ? html`<p class="notice error" role="alert">${pick(this.actionError)}</p>` : nothing}`;
  }

  private weekHead(w: PlanWeek) {
    return html`<strong>${this.t('plans.week', { n: w.week })}</strong><br><span class="muted small">${this.t('plans.weekDates', { from: formatDate(w.startsOn), to: formatDate(w.endsOn) })}</span>`;
  }

  private renderWeeks(d: PlanVersionDetail) {
    if (this.editing) return this.renderEditor(d);
    return html`
      ${d.note ? html`<p class="note"><strong>${this.t('plans.note')}:</strong> ${d.note}</p>` : nothing}
      <div class="table-wrap">
        <table class="weeks">
          <thead><tr><th>${this.t('plans.col.week')}</th><th>${this.t('plans.col.lessons')}</th><th class="num">${this.t('plans.col.periods')}</th><th>${this.t('plans.col.mode')}</th><th>${this.t('plans.col.materials')}</th><th>${this.t('plans.col.tasks')}</th></tr></thead>
          <tbody>${d.weeks.map((w) => {
            const empty = !w.periods && !w.lessons.length && !w.content;
            return html`<tr class=${empty ? 'empty' : ''}>
              <td>${this.weekHead(w)}</td>
              <td data-label=${this.t('plans.col.lessons')}>${w.lessons.length ? html`<ul>${w.lessons.map((l) => html`<li>${l.title}</li>`)}</ul>` : nothing}${w.content ? html`<div class="content">${w.content}</div>` : nothing}${empty ? this.t('plans.emptyWeek') : nothing}</td>
              <td class="num" data-label=${this.t('plans.col.periods')}>${w.periods || ''}</td>
              <td data-label=${this.t('plans.col.mode')}>${empty ? '' : html`<span class="mode ${w.mode}">${this.t(`plans.mode.${w.mode}`)}</span>`}</td>
              <td data-label=${this.t('plans.col.materials')}>${w.materials}</td><td data-label=${this.t('plans.col.tasks')}>${w.tasks}</td>
            </tr>`;
          })}</tbody>
        </table>
      </div>`;
  }

  private renderEditor(d: PlanVersionDetail) {
    const title = new Map(this.lessons.map((l) => [l.id, l.title]));
    return html`
      <div class="field wide"><label for="note">${this.t('plans.note')}</label>
        <textarea id="note" rows="2" maxlength="5000" .value=${this.note} @input=${(e: Event) => { this.note = (e.target as HTMLTextAreaElement).value; }}></textarea></div>
      <ol class="editor">
        ${this.draft.map((w, i) => {
          const pw = d.weeks[i]!;
          return html`<li class="card week-edit" data-week=${w.week}>
            <div class="week-head">${this.weekHead(pw)}</div>
            <div class="form-grid">
              <div class="field"><label for=${`p-${w.week}`}>${this.t('plans.col.periods')}</label>
                <input id=${`p-${w.week}`} type="number" min="0" max="60" inputmode="numeric" .value=${String(w.periods)} @input=${(e: Event) => this.setWeek(i, { periods: Math.max(0, Number((e.target as HTMLInputElement).value) || 0) })}></div>
              <div class="field"><label for=${`m-${w.week}`}>${this.t('plans.col.mode')}</label>
                <select id=${`m-${w.week}`} @change=${(e: Event) => this.setWeek(i, { mode: (e.target as HTMLSelectElement).value as PlanMode })}>
                  ${MODES.map((m) => html`<option value=${m} ?selected=${w.mode === m}>${this.t(`plans.mode.${m}`)}</option>`)}
                </select></div>
              <div class="field wide"><span class="label">${this.t('plans.col.lessons')}</span>
                <ul class="chips">${w.lessonIds.map((id) => html`<li>${title.get(id) ?? `#${id}`}
                  <button type="button" class="chip-x" aria-label=${this.t('plans.removeLesson', { title: title.get(id) ?? String(id) })} @click=${() => this.setWeek(i, { lessonIds: w.lessonIds.filter((x) => x !== id) })}>×</button></li>`)}</ul>
                <select aria-label=${this.t('plans.addLesson')} @change=${(e: Event) => {
                  const sel = e.target as HTMLSelectElement;
                  const id = Number(sel.value);
                  if (id && !w.lessonIds.includes(id)) this.setWeek(i, { lessonIds: [...w.lessonIds, id] });
                  sel.value = '';
                }}>
                  <option value="">${this.t('plans.chooseLesson')}</option>
                  ${this.lessons.map((l) => html`<option value=${String(l.id)}>${l.position}. ${l.title} (${l.periods})</option>`)}
                </select></div>
              <div class="field"><label for=${`c-${w.week}`}>${this.t('plans.col.content')}</label>
                <textarea id=${`c-${w.week}`} rows="2" .value=${w.content} @input=${(e: Event) => this.setWeek(i, { content: (e.target as HTMLTextAreaElement).value })}></textarea></div>
              <div class="field"><label for=${`mt-${w.week}`}>${this.t('plans.col.materials')}</label>
                <textarea id=${`mt-${w.week}`} rows="2" .value=${w.materials} @input=${(e: Event) => this.setWeek(i, { materials: (e.target as HTMLTextAreaElement).value })}></textarea></div>
              <div class="field"><label for=${`t-${w.week}`}>${this.t('plans.col.tasks')}</label>
                <textarea id=${`t-${w.week}`} rows="2" .value=${w.tasks} @input=${(e: Event) => this.setWeek(i, { tasks: (e.target as HTMLTextAreaElement).value })}></textarea></div>
            </div>
          </li>`;
        })}
      </ol>
      <div class="sticky-actions">
        <button class="btn primary big" type="button" ?disabled=${this.busy} @click=${() => this.save()}>${this.t('plans.save')}</button>
        <button class="btn big" type="button" @click=${() => { this.editing = false; }}>${this.t('plans.cancelEdit')}</button>
      </div>`;
  }

  private modes(p: Record<PlanMode, number>) {
    return MODES.filter((m) => p[m]).map((m) => html`<div><span class="mode ${m}">${this.t(`plans.mode.${m}`)}</span> ${p[m]}</div>`);
  }

  private renderMonths() {
    const c = this.calendar;
    if (!c) return html`<p class="muted" role="status">${this.t('state.loading')}</p>`;
    return html`
      <div class="table-wrap">
        <table>
          <thead><tr><th>${this.t('plans.col.month')}</th><th>${this.t('plans.col.weeks')}</th><th class="num">${this.t('plans.col.periods')}</th><th>${this.t('plans.col.mode')}</th><th>${this.t('plans.col.lessons')}</th></tr></thead>
          <tbody>${c.months.map((m) => html`<tr>
            <td><strong>${m.label}</strong><br><span class="muted small">${m.from} – ${m.to}</span></td>
            <td>${m.weeks.join(', ')}</td>
            <td class="num">${m.periods}</td>
            <td>${this.modes(m.periodsByMode)}</td>
            <td><ul>${m.lessons.map((l) => html`<li>${l.title}</li>`)}${m.contents.map((x) => html`<li class="content">${x}</li>`)}</ul></td>
          </tr>`)}</tbody>
        </table>
      </div>`;
  }

  private renderYear() {
    const c = this.calendar;
    if (!c) return html`<p class="muted" role="status">${this.t('state.loading')}</p>`;
    const y = c.year;
    return html`
      <dl class="figures">
        <div><dt>${this.t('plans.year.periods')}</dt><dd>${y.periods}</dd></div>
        <div><dt>${this.t('plans.year.periodsPerYear')}</dt><dd>${y.periodsPerYear ?? '—'}</dd></div>
        <div><dt>${this.t('plans.year.lessons')}</dt><dd>${y.lessons}</dd></div>
        <div><dt>${this.t('plans.year.curriculum')}</dt><dd>${y.curriculumLessons}</dd></div>
      </dl>
      <div class="table-wrap">
        <table>
          <thead><tr><th>${this.t('plans.col.part')}</th><th class="num">${this.t('plans.col.weekCount')}</th><th class="num">${this.t('plans.col.periods')}</th><th>${this.t('plans.col.mode')}</th><th class="num">${this.t('plans.col.lessonCount')}</th></tr></thead>
          <tbody>${y.parts.map((p) => html`<tr><td>${p.label}</td><td class="num">${p.weeks}</td><td class="num">${p.periods}</td><td>${this.modes(p.periodsByMode)}</td><td class="num">${p.lessons}</td></tr>`)}
            <tr class="total"><td>${this.t('plans.total')}</td><td class="num">${y.parts.reduce((s, p) => s + p.weeks, 0)}</td><td class="num">${y.periods}</td><td></td><td class="num">${y.lessons}</td></tr>
          </tbody>
        </table>
      </div>`;
  }

  private renderActual(d: PlanVersionDetail) {
    const a = this.actual;
    if (!a) return html`<p class="muted" role="status">${this.t('state.loading')}</p>`;
    const bars: PlanActualBar[] = a.weeks.map((w) => ({ week: w.week, planned: w.planned.length, held: w.held.length, status: this.t(`plans.ws.${w.status}`), current: w.week === a.currentWeek }));
    const tt = a.totals;
    const toWeek = Math.min(a.currentWeek, a.weeks[a.weeks.length - 1]?.week ?? 0);
    return html`
      <p class="notice" role="status">${tt.percent === null ? this.t('plans.actual.summaryNone')
        : this.t('plans.actual.summary', { week: toWeek, held: tt.heldToDate, planned: tt.plannedToDate, percent: this.t('plans.percent', { n: tt.percent }), behind: tt.weeksBehind })}
        ${a.currentWeek ? html`<span class="muted"> · ${this.t('plans.actual.currentWeek', { n: a.currentWeek })}</span>` : nothing}</p>
      <ph-plan-actual-chart .bars=${bars} label=${this.t('plans.actual.chart')}></ph-plan-actual-chart>
      <div class="table-wrap detail">
        <table>
          <thead><tr><th>${this.t('plans.col.week')}</th><th>${this.t('plans.actual.col.planned')}</th><th>${this.t('plans.actual.col.held')}</th><th>${this.t('plans.actual.col.materials')}</th><th>${this.t('plans.actual.col.tasks')}</th><th>${this.t('plans.actual.col.status')}</th></tr></thead>
          <tbody>${a.weeks.filter((w) => w.status !== 'empty' || w.tasks.length || w.materials.length).map((w) => html`<tr class=${w.week === a.currentWeek ? 'current' : ''}>
            <td><strong>${this.t('plans.week', { n: w.week })}</strong><br><span class="muted small">${formatDate(w.startsOn)} – ${formatDate(w.endsOn)}</span></td>
            <td><ul>${w.planned.map((l) => html`<li class=${l.held ? 'held' : 'not-held'}>${l.title} <span class="muted small">(${l.held ? this.t('plans.actual.heldOn', { date: formatDate(l.heldOn) }) : this.t('plans.actual.notHeld')})</span>
              ${d.can.markTaught && !l.held && w.week <= a.currentWeek ? html`<button class="btn small" type="button" aria-label=${this.t('plans.actual.markTaughtLabel', { title: l.title })} @click=${() => this.markTaught(l.id, false)}>${this.t('plans.actual.markTaught')}</button>` : nothing}</li>`)}</ul></td>
            <td><ul>${w.held.map((h) => html`<li>${h.title} <span class="muted small">${h.source === 'live' ? this.t('plans.actual.live', { mode: this.t(`plans.mode.${h.mode}`), date: formatDate(h.date) }) : this.t('plans.actual.inPerson', { date: formatDate(h.date) })}${h.planned ? '' : ` ${this.t('plans.actual.unplanned')}`}</span>
              ${d.can.markTaught && h.source === 'in_person' && h.curriculumLessonId ? html`<button class="btn small" type="button" @click=${() => this.markTaught(h.curriculumLessonId!, true)}>${this.t('plans.actual.unmark')}</button>` : nothing}</li>`)}</ul></td>
            <td><ul>${w.materials.map((m) => html`<li><a href=${`/hoc-lieu/${m.id}`}>${m.title}</a></li>`)}</ul></td>
            <td><ul>${w.tasks.map((x) => html`<li><a href=${`/nhiem-vu/${x.id}`}>${x.title}</a></li>`)}</ul></td>
            <td><span class="badge ${WS_BADGE[w.status]}">${this.t(`plans.ws.${w.status}`)}</span></td>
          </tr>`)}</tbody>
        </table>
      </div>`;
  }

  private renderHistory(d: PlanVersionDetail) {
    if (!d.reviews.length) return html`<p class="notice">${this.t('plans.history.none')}</p>`;
    return html`<ol class="history">${d.reviews.map((r) => html`<li>
      <strong>${this.t(`plans.history.${r.action}`)}</strong> — ${this.t('plans.historyLine', { name: r.actorName, at: schoolDateTime(r.at) })}
      ${r.comment ? html`<div class="comment">${r.comment}</div>` : nothing}</li>`)}</ol>`;
  }

  private panel(d: PlanVersionDetail) {
    switch (this.tab) {
      case 'weeks': return this.renderWeeks(d);
      case 'months': return this.renderMonths();
      case 'year': return this.renderYear();
      case 'actual': return this.renderActual(d);
      case 'history': return this.renderHistory(d);
    }
  }

  override render() {
    const d = this.data;
    if (this.failed) return html`<p class="notice error" role="alert">${pick(this.failed)}</p><p><a href="/ke-hoach-day-hoc">${this.t('plans.title')}</a></p>`;
    if (!d) return html`<p class="muted" role="status">${this.t('state.loading')}</p>`;
    const v = d.version;
    const other = v.id === d.plan.approvedVersion?.id ? d.plan.openVersion : d.plan.approvedVersion;
    return html`
      <p class="crumbs"><a href="/ke-hoach-day-hoc">${this.t('plans.title')}</a></p>
      <div class="page-head">
        <h1>${this.t('plans.planTitle')}: ${this.planLabel(d)}</h1>
      </div>
      <p class="meta">
        <span class="badge ${PLAN_STATUS_BADGE[v.status]}">${this.t(`plans.status.${v.status}`)}</span>
        <span>${this.t('plans.versionN', { n: v.number })}</span>
        ${d.plan.teacherName ? html`<span>${this.t('plans.teacher', { name: d.plan.teacherName })}</span>` : nothing}
        ${other ? html`<button class="btn small" type="button" @click=${() => this.switchVersion(other.id)}>${other.status === 'approved' ? this.t('plans.viewInForce') : this.t('plans.viewOpen')}</button>` : nothing}
      </p>
      ${d.plan.approvedVersion && d.plan.approvedVersion.id !== v.id ? html`<p class="notice">${this.t('plans.inForceNote', { n: d.plan.approvedVersion.number })}</p>` : nothing}
      ${d.warnings.some((w) => w.startsWith('curriculum_exceeds_periods')) ? html`<p class="notice warning">${this.t('plans.warningExceeds')}</p>` : nothing}
      ${this.renderActions(d)}
      <div class="tabs" role="tablist">
        ${TABS.map((tab) => html`<button type="button" role="tab" id=${`tab-${tab}`} aria-controls="panel" aria-selected=${this.tab === tab ? 'true' : 'false'} class="tab" @click=${() => this.loadTab(tab)}>${this.t(`plans.tab.${tab}`)}</button>`)}
      </div>
      <div id="panel" role="tabpanel" aria-labelledby=${`tab-${this.tab}`}>${this.panel(d)}</div>`;
  }

  static override styles = [baseStyles, formStyles, tableStyles, css`
    .crumbs { margin: 0 0 0.5rem; }
    h1 { font-size: 1.5rem; }
    .meta { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem 1rem; margin: 0 0 1rem; }
    .actions-bar { display: flex; flex-wrap: wrap; gap: 0.75rem; margin-bottom: 1rem; }
    .review { margin-bottom: 1rem; }
    .tabs { display: flex; gap: 0.25rem; overflow-x: auto; border-bottom: 2px solid var(--ph-color-border); margin: 1rem 0; }
    .tab { min-height: 3rem; padding: 0.5rem 1rem; border: 0; background: none; font: inherit; font-weight: 600; color: var(--ph-color-muted); cursor: pointer; white-space: nowrap; border-bottom: 3px solid transparent; margin-bottom: -2px; }
    .tab[aria-selected='true'] { color: var(--ph-color-primary); border-bottom-color: var(--ph-color-primary); }
    .small { font-size: 0.8125rem; }
    .btn.small { min-height: 2.5rem; padding: 0.25rem 0.75rem; font-size: 0.875rem; margin-left: 0.25rem; }
    tr.empty td { color: var(--ph-color-muted); background: #fafbfc; }
    /* A phone shows each week as a card: the columns stacked with their names. */
    @media (max-width: 40rem) {
      table.weeks thead { display: none; }
      table.weeks, table.weeks tbody, table.weeks tr, table.weeks td { display: block; }
      table.weeks tr { border-bottom: 1px solid var(--ph-color-border); padding: 0.5rem 0; }
      table.weeks td { border: 0; padding: 0.25rem 0.875rem; text-align: left; }
      table.weeks td:empty { display: none; }
      table.weeks td[data-label]::before { content: attr(data-label); display: block; font-size: 0.8125rem; font-weight: 600; color: var(--ph-color-muted); }
    }
    .mode { display: inline-block; padding: 0 0.5rem; border-radius: 4px; font-size: 0.875rem; white-space: nowrap; }
    .mode.in_person { background: #eef1f4; }
    .mode.supporting { background: #e4f0fb; color: #0b4f8a; }
    .mode.replacing { background: #fdeede; color: #7a3b00; }
    .content { font-style: italic; }
    .note { white-space: pre-line; }
    ol.editor { list-style: none; padding: 0; margin: 1rem 0; display: grid; gap: 0.75rem; }
    .week-head { margin-bottom: 0.5rem; }
    .label { font-weight: 600; }
    ul.chips { list-style: none; padding: 0; margin: 0 0 0.5rem; display: flex; flex-wrap: wrap; gap: 0.375rem; }
    ul.chips li { background: var(--ph-color-primary-soft); border-radius: 999px; padding: 0.25rem 0.25rem 0.25rem 0.75rem; display: flex; align-items: center; gap: 0.25rem; }
    .chip-x { min-width: 2.25rem; min-height: 2.25rem; border: 0; border-radius: 999px; background: transparent; font-size: 1.25rem; cursor: pointer; }
    .sticky-actions { position: sticky; bottom: 0; background: var(--ph-color-bg, #fff); padding: 0.75rem 0; display: flex; gap: 0.75rem; border-top: 1px solid var(--ph-color-border); }
    dl.figures { display: grid; grid-template-columns: repeat(auto-fit, minmax(12rem, 1fr)); gap: 0.75rem; margin: 0 0 1rem; }
    dl.figures div { background: var(--ph-color-surface); border: 1px solid var(--ph-color-border); border-radius: var(--ph-radius); padding: 0.75rem 1rem; }
    dt { color: var(--ph-color-muted); font-size: 0.875rem; font-weight: 600; }
    dd { margin: 0.25rem 0 0; font-size: 1.5rem; font-weight: 700; }
    tr.total td { font-weight: 700; }
    .detail { margin-top: 1rem; }
    li.not-held { color: var(--ph-color-danger); }
    tr.current td { background: #fff6e0; }
    ol.history { padding-left: 1.25rem; }
    ol.history li { margin-bottom: 0.75rem; }
    .comment { white-space: pre-line; background: #f8fafb; border-left: 3px solid var(--ph-color-border); padding: 0.375rem 0.75rem; margin-top: 0.25rem; }
  `];
}

customElements.define('ph-teaching-plan-page', TeachingPlanPage);
declare global {
  interface HTMLElementTagNameMap { 'ph-teaching-plan-page': TeachingPlanPage }
}
