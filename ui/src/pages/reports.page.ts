import { css, html, nothing, type TemplateResult } from 'lit';
import { PhElement } from '../components/ph-element.js';
import '../components/report-bars.js';
import {
  reportsApi, type AttendanceReport, type ReportScope, type SemesterFigures, type SemesterOption, type SemesterReport, type StudentProgressReport, type TeachingReport,
} from '../api/reports.js';
import { formatDate, formatNumber, parseVnDate, semesterLabel, VN_DATE_PATTERN } from '../i18n/format.js';
import type { MessageKey } from '../i18n/index.js';
import { notifyError, notifySuccess } from '../state/notify.js';
import { baseStyles, formStyles, tableStyles } from '../styles/shared-styles.js';

type Tab = 'semester' | 'teaching' | 'progress' | 'attendance';

/** School time (UTC+7): today and the local dd/mm/yyyy hh:mm of an instant. */
const schoolDay = (instant: string | number = Date.now()) => new Date(new Date(instant).getTime() + 7 * 3600_000).toISOString().slice(0, 10);
const schoolTime = (instant: string) => {
  const l = new Date(Date.parse(instant) + 7 * 3600_000).toISOString();
  return `${l.slice(8, 10)}/${l.slice(5, 7)}/${l.slice(0, 4)} ${l.slice(11, 16)}`;
};
const pct = (v: number | null) => (v === null ? '—' : `${formatNumber(v)} %`);
const monthLabel = (m: string) => `${m.slice(5, 7)}/${m.slice(0, 4)}`;

/**
 * /bao-cao — reports (Art. 9.2.c) and the twice-yearly evaluation report (Art. 15.6). The principal
 * and vice principals prepare the semester report (figures from the system with charts and the
 * tables behind them, the principal's text); the principal finalizes it and downloads the PDF and
 * the spreadsheet. Everyone in scope sees teaching activity, students' progress and attendance
 * over a date range and exports them. The server checks every scope again.
 */
export class ReportsPage extends PhElement {
  static override properties = {
    scope: { state: true }, tab: { state: true }, semesters: { state: true }, semesterId: { state: true }, report: { state: true }, busy: { state: true },
    confirming: { state: true }, from: { state: true }, to: { state: true }, teacherId: { state: true }, classId: { state: true },
    teaching: { state: true }, progress: { state: true }, attendance: { state: true },
  };
  declare scope: ReportScope | null;
  declare tab: Tab;
  declare semesters: SemesterOption[];
  declare semesterId: number | null;
  declare report: SemesterReport | null;
  declare busy: boolean;
  declare confirming: boolean;
  declare from: string;
  declare to: string;
  declare teacherId: number | null;
  declare classId: number | null;
  declare teaching: TeachingReport | null;
  declare progress: StudentProgressReport | null;
  declare attendance: AttendanceReport | null;

  constructor() {
    super();
    this.scope = null;
    this.tab = 'teaching';
    this.semesters = [];
    this.semesterId = null;
    this.report = null;
    this.busy = false;
    this.confirming = false;
    this.from = '';
    this.to = schoolDay();
    this.teacherId = null;
    this.classId = null;
    this.teaching = null;
    this.progress = null;
    this.attendance = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load() {
    try {
      const scope = await reportsApi.scope();
      this.scope = scope;
      this.from = scope.schoolYear?.startsOn ?? schoolDay();
      if (scope.schoolYear && this.to > scope.schoolYear.endsOn) this.to = scope.schoolYear.endsOn;
      this.classId = scope.classes[0]?.id ?? null;
      if (scope.manager) {
        this.tab = 'semester';
        this.semesters = await reportsApi.semesters();
        const today = schoolDay();
        // The semester that ended last (the one to report on), else the current one.
        const past = this.semesters.filter((s) => s.endsOn < today);
        this.semesterId = (past[0] ?? this.semesters[this.semesters.length - 1])?.id ?? null;
      }
    } catch (e) {
      notifyError(e);
    }
  }

  private async run<T>(fn: () => Promise<T>, success?: MessageKey): Promise<T | undefined> {
    this.busy = true;
    try {
      const r = await fn();
      if (success) notifySuccess(success);
      return r;
    } catch (e) {
      notifyError(e);
      return undefined;
    } finally {
      this.busy = false;
    }
  }

  // ------------------------------------------------------------------------------------------
  // The semester evaluation report

  private async openReport() {
    if (this.semesterId === null) return;
    const r = await this.run(() => reportsApi.open(this.semesterId!));
    if (r) this.report = r;
  }

  private textBody() {
    const form = this.renderRoot.querySelector<HTMLFormElement>('form.report-text');
    const data = new FormData(form ?? undefined);
    const get = (k: string) => String(data.get(k) ?? '');
    return { addressee: get('addressee'), difficulties: get('difficulties'), causes: get('causes'), proposals: get('proposals') };
  }

  private async saveText(e?: Event) {
    e?.preventDefault();
    if (!this.report) return;
    const r = await this.run(() => reportsApi.saveText(this.report!.id, this.textBody()), 'rep.text.saved');
    if (r) this.report = r;
  }

  private async recompute() {
    if (!this.report) return;
    const r = await this.run(() => reportsApi.recompute(this.report!.id), 'rep.sem.recomputed');
    if (r) this.report = r;
  }

  private async finalize() {
    if (!this.report) return;
    const id = this.report.id;
    // Whatever is typed is saved first, so the finalized report has it.
    const saved = await this.run(() => reportsApi.saveText(id, this.textBody()));
    if (!saved) return;
    const r = await this.run(() => reportsApi.finalize(id), 'rep.finalized');
    this.confirming = false;
    if (r) {
      this.report = r;
      this.semesters = await reportsApi.semesters();
    }
  }

  private semesterOption(s: SemesterOption) {
    return this.t('rep.sem.option', { semester: semesterLabel(s.number as 1 | 2), year: s.schoolYearName, from: formatDate(s.startsOn), to: formatDate(s.endsOn) });
  }

  private kv(items: [MessageKey, string][]) {
    return html`<dl class="kv">${items.map(([k, v]) => html`<div><dt>${this.t(k)}</dt><dd>${v}</dd></div>`)}</dl>`;
  }

  private table(headers: MessageKey[], rows: (string | number)[][], numeric: number[] = []) {
    if (!rows.length) return html`<p class="muted">${this.t('rep.fig.noData')}</p>`;
    return html`<div class="table-wrap"><table>
      <thead><tr>${headers.map((h, i) => html`<th class=${numeric.includes(i) ? 'num' : ''}>${this.t(h)}</th>`)}</tr></thead>
      <tbody>${rows.map((r) => html`<tr>${r.map((c, i) => html`<td class=${numeric.includes(i) ? 'num' : ''}>${typeof c === 'number' ? formatNumber(c) : c}</td>`)}</tr>`)}</tbody>
    </table></div>`;
  }

  private figures(f: SemesterFigures): TemplateResult {
    const l = f.lessons;
    const a = f.attendance;
    const m = f.materials;
    const q = f.assessments.quizzes;
    const tk = f.assessments.tasks;
    const g = f.assessments.gradebook;
    const d = f.devices;
    const sup = this.t('rep.fig.supporting');
    const rep = this.t('rep.fig.replacing');
    return html`
      <section class="card fig" aria-labelledby="fig-lessons">
        <h2 id="fig-lessons">${this.t('rep.fig.lessons')}</h2>
        ${this.kv([['rep.fig.scheduled', formatNumber(l.scheduled)], ['rep.fig.held', formatNumber(l.held)], ['rep.fig.cancelled', formatNumber(l.cancelled)],
          ['rep.fig.notHeld', formatNumber(l.notHeld)], ['rep.fig.supporting', formatNumber(l.byMode.supporting.held)], ['rep.fig.replacing', formatNumber(l.byMode.replacing.held)],
          ['rep.fig.minutes', formatNumber(l.minutesHeld)]])}
        <ph-report-bars .label=${this.t('rep.fig.byMonth')} .series=${[sup, rep]} .items=${l.byMonth.map((x) => ({ label: monthLabel(x.month), values: [x.supporting, x.replacing] }))}></ph-report-bars>
        <h3>${this.t('rep.fig.byGradeSubject')}</h3>
        ${this.table(['rep.fig.grade', 'rep.fig.subject', 'rep.fig.supporting', 'rep.fig.replacing'], l.byGradeSubject.map((x) => [x.grade, x.subjectName, x.supporting, x.replacing]), [0, 2, 3])}
      </section>
      <section class="card fig" aria-labelledby="fig-att">
        <h2 id="fig-att">${this.t('rep.fig.attendance')}</h2>
        ${this.kv([['rep.fig.held', formatNumber(a.lessons)], ['rep.fig.expected', formatNumber(a.expected)], ['rep.fig.present', formatNumber(a.present)], ['rep.fig.attendanceRate', pct(a.rate)]])}
        <ph-report-bars .label=${this.t('rep.fig.attendanceByClass')} .max=${100} unit="%" .series=${[this.t('rep.fig.rate')]}
          .items=${a.byClass.map((c) => ({ label: c.className, values: [c.rate ?? 0] }))}></ph-report-bars>
        ${this.table(['rep.fig.class', 'rep.fig.lessonsCount', 'rep.fig.expected', 'rep.fig.present', 'rep.fig.rate'], a.byClass.map((c) => [c.className, c.lessons, c.expected, c.present, pct(c.rate)]), [1, 2, 3, 4])}
      </section>
      <section class="card fig" aria-labelledby="fig-mat">
        <h2 id="fig-mat">${this.t('rep.fig.materials')}</h2>
        ${this.kv([['rep.fig.submitted', formatNumber(m.submitted)], ['rep.fig.approved', formatNumber(m.approved)], ['rep.fig.returned', formatNumber(m.returned)],
          ['rep.fig.published', formatNumber(m.publishedAtEnd)], ['rep.fig.usedMaterials', formatNumber(m.used.materials)], ['rep.fig.usedStudents', formatNumber(m.used.students)],
          ['rep.fig.completed', formatNumber(m.used.completed)], ['rep.fig.activeMinutes', formatNumber(m.used.activeMinutes)]])}
      </section>
      <section class="card fig" aria-labelledby="fig-ass">
        <h2 id="fig-ass">${this.t('rep.fig.assessments')}</h2>
        ${this.kv([['rep.fig.quizzes', formatNumber(q.held)], ['rep.fig.attempts', formatNumber(q.attempts)], ['rep.fig.quizAverage', pct(q.averagePct)],
          ['rep.fig.tasks', formatNumber(tk.given)], ['rep.fig.taskRate', pct(tk.submissionRate)], ['rep.fig.graded', formatNumber(tk.graded)], ['rep.fig.gradebook', pct(g.completeness)]])}
        <details><summary>${this.t('rep.fig.gradebookTable')}</summary>
          ${this.table(['rep.fig.class', 'rep.fig.subject', 'rep.fig.teacher', 'rep.fig.cells', 'rep.fig.rate'],
            g.byClassSubject.map((x) => [x.className, x.subjectName, x.teacherName ?? this.t('rep.fig.noTeacher'), `${formatNumber(x.filled)} / ${formatNumber(x.expected)}`, pct(x.completeness)]), [3, 4])}
        </details>
      </section>
      <section class="card fig" aria-labelledby="fig-dev">
        <h2 id="fig-dev">${this.t('rep.fig.devices')}</h2>
        ${this.kv([['rep.fig.healthy', pct(d.healthyPct)], ['rep.fig.monitoredHours', formatNumber(d.monitoredHours)], ['rep.fig.alerts', formatNumber(d.alerts.total)]])}
        ${this.table(['rep.fig.device', 'rep.fig.monitoredHours', 'rep.fig.availability'], d.devices.map((x) => [x.name, x.hours, pct(x.availabilityPct)]), [1, 2])}
      </section>
      ${f.planVersusActual ? html`<section class="card fig" aria-labelledby="fig-plan">
        <h2 id="fig-plan">${this.t('rep.fig.plan')}</h2>
        <p class="muted">${this.t('rep.fig.planNote')}</p>
        ${this.table(['rep.fig.classSubject', 'rep.fig.planned', 'rep.fig.actual', 'rep.fig.rate'], f.planVersusActual.rows.map((x) => [x.label, x.planned, x.actual, pct(x.rate)]), [1, 2, 3])}
      </section>` : nothing}`;
  }

  private renderText(r: SemesterReport) {
    const draft = r.status === 'draft';
    const field = (name: 'difficulties' | 'causes' | 'proposals', label: MessageKey) => html`
      <div class="field wide"><label for=${`rt-${name}`}>${this.t(label)}</label>
        <textarea id=${`rt-${name}`} name=${name} rows="5" maxlength="20000" ?readonly=${!draft} .value=${r[name]}></textarea></div>`;
    return html`
      <section class="card" aria-labelledby="text-title">
        <h2 id="text-title">${this.t('rep.text.title')}</h2>
        <form class="report-text" @submit=${(e: Event) => this.saveText(e)}>
          <div class="form-grid">
            <div class="field wide"><label for="rt-addressee">${this.t('rep.text.addressee')}</label>
              <input id="rt-addressee" name="addressee" maxlength="1000" required ?readonly=${!draft} .value=${r.addressee}></div>
            ${field('difficulties', 'rep.text.difficulties')}
            ${field('causes', 'rep.text.causes')}
            ${field('proposals', 'rep.text.proposals')}
          </div>
          ${draft ? html`<p class="hint">${this.t('rep.text.hint')}</p>
            <div class="form-actions"><button class="btn" type="submit" ?disabled=${this.busy}>${this.t('action.save')}</button></div>` : nothing}
        </form>
      </section>`;
  }

  private renderFinalize(r: SemesterReport) {
    if (r.status === 'finalized') {
      return html`<div class="card done">
        <p class="notice success" role="status">${this.t('rep.sem.finalizedInfo', { at: schoolTime(r.finalizedAt ?? ''), name: r.finalizedByName ?? '', seq: String(r.archiveSeq ?? '') })}</p>
        <div class="actions">
          <a class="btn primary" href=${reportsApi.fileUrl(r.id, 'pdf')} download>⬇ ${this.t('rep.downloadPdf')}</a>
          <a class="btn" href=${reportsApi.fileUrl(r.id, 'xlsx')} download>⬇ ${this.t('rep.downloadXlsx')}</a>
        </div></div>`;
    }
    if (!this.scope?.canFinalize) return html`<p class="notice">${this.t('rep.onlyPrincipal')}</p>`;
    return html`<div class="card">
      <p class="muted">${this.t('rep.sem.frozenNote')}</p>
      ${this.confirming ? html`<p class="notice warning" role="alert">${this.t('rep.finalizeConfirm')}</p>
        <div class="actions">
          <button class="btn primary" type="button" ?disabled=${this.busy} @click=${() => this.finalize()}>${this.t('rep.finalizeYes')}</button>
          <button class="btn" type="button" @click=${() => (this.confirming = false)}>${this.t('action.cancel')}</button>
        </div>`
        : html`<button class="btn primary big" type="button" ?disabled=${this.busy} @click=${() => (this.confirming = true)}>${this.t('rep.finalize')}</button>`}
    </div>`;
  }

  private renderSemester() {
    const r = this.report;
    return html`
      <p class="muted">${this.t('rep.sem.intro')}</p>
      ${!this.semesters.length ? html`<p class="notice">${this.t('rep.sem.none')}</p>` : html`
        <div class="filters">
          <div class="field"><label for="sem">${this.t('rep.sem.choose')}</label>
            <select id="sem" @change=${(e: Event) => { this.semesterId = Number((e.target as HTMLSelectElement).value); this.report = null; }}>
              ${this.semesters.map((s) => html`<option value=${s.id} ?selected=${s.id === this.semesterId}>${this.semesterOption(s)}${s.reportStatus ? ` — ${this.t(`rep.status.${s.reportStatus}`)}` : ''}</option>`)}
            </select></div>
          <button class="btn primary" type="button" ?disabled=${this.busy} @click=${() => this.openReport()}>${this.t('rep.sem.open')}</button>
        </div>`}
      ${r ? html`
        <div class="report-head">
          <span class="badge ${r.status === 'finalized' ? 'ok' : 'warn'}">${this.t(`rep.status.${r.status}`)}</span>
          <span class="muted">${this.t('rep.sem.computedAt', { at: schoolTime(r.figuresComputedAt) })}</span>
          ${r.status === 'draft' ? html`<button class="btn" type="button" ?disabled=${this.busy} @click=${() => this.recompute()}>${this.t('rep.sem.recompute')}</button>` : nothing}
        </div>
        ${this.figures(r.figures)}
        ${this.renderText(r)}
        ${this.renderFinalize(r)}` : nothing}`;
  }

  // ------------------------------------------------------------------------------------------
  // Other reports

  /** Dates typed as dd/mm/yyyy (native date inputs follow the browser's locale, not the school's). */
  private rangeFields(extra: TemplateResult | typeof nothing, show: () => void) {
    const setDate = (key: 'from' | 'to') => (e: Event) => {
      const input = e.target as HTMLInputElement;
      const iso = parseVnDate(input.value);
      input.setCustomValidity(iso ? '' : this.t('rep.badDate'));
      if (iso) this[key] = iso;
    };
    return html`<form class="filters" @submit=${(e: Event) => { e.preventDefault(); show(); }}>
      <div class="field date"><label for="from">${this.t('rep.from')}</label>
        <input id="from" required inputmode="numeric" placeholder="dd/mm/yyyy" pattern=${VN_DATE_PATTERN} title="dd/mm/yyyy" .value=${formatDate(this.from)} @change=${setDate('from')}></div>
      <div class="field date"><label for="to">${this.t('rep.to')}</label>
        <input id="to" required inputmode="numeric" placeholder="dd/mm/yyyy" pattern=${VN_DATE_PATTERN} title="dd/mm/yyyy" .value=${formatDate(this.to)} @change=${setDate('to')}></div>
      ${extra}
      <button class="btn primary" type="submit" ?disabled=${this.busy}>${this.t('rep.show')}</button>
    </form>`;
  }

  private classSelect(allowAll: boolean) {
    const classes = this.scope?.classes ?? [];
    return html`<div class="field"><label for="cls">${this.t('rep.classFilter')}</label>
      <select id="cls" @change=${(e: Event) => { const v = (e.target as HTMLSelectElement).value; this.classId = v ? Number(v) : null; }}>
        ${allowAll ? html`<option value="" ?selected=${this.classId === null}>${this.t('rep.allClasses')}</option>` : nothing}
        ${classes.map((c) => html`<option value=${c.id} ?selected=${c.id === this.classId}>${c.name}</option>`)}
      </select></div>`;
  }

  private downloads(kind: 'teaching' | 'student-progress' | 'attendance', q: Record<string, string | number | undefined>) {
    return html`<div class="actions downloads">
      <a class="btn" href=${reportsApi.exportUrl(kind, q, 'pdf')} download>⬇ ${this.t('rep.downloadPdf')}</a>
      <a class="btn" href=${reportsApi.exportUrl(kind, q, 'xlsx')} download>⬇ ${this.t('rep.downloadXlsx')}</a>
    </div>`;
  }

  private renderTeaching() {
    const s = this.scope;
    const teacherSelect = s?.manager ? html`<div class="field"><label for="tch">${this.t('rep.teacherFilter')}</label>
      <select id="tch" @change=${(e: Event) => { const v = (e.target as HTMLSelectElement).value; this.teacherId = v ? Number(v) : null; }}>
        <option value="">${this.t('rep.allTeachers')}</option>
        ${s.teachers.map((t) => html`<option value=${t.id} ?selected=${t.id === this.teacherId}>${t.fullName}</option>`)}
      </select></div>` : nothing;
    const q = { from: this.from, to: this.to, ...(this.teacherId ? { teacherId: this.teacherId } : {}) };
    const rep = this.teaching;
    return html`
      ${this.rangeFields(teacherSelect, async () => { this.teaching = (await this.run(() => reportsApi.teaching(q))) ?? null; })}
      ${rep ? html`
        ${this.downloads('teaching', { ...q, from: rep.from, to: rep.to })}
        <ph-report-bars .label=${this.t('rep.lessonsHeldChart')} .series=${[this.t('rep.col.lessonsHeld')]}
          .items=${rep.rows.filter((r) => r.lessonsHeld > 0).map((r) => ({ label: r.fullName, values: [r.lessonsHeld] }))}></ph-report-bars>
        ${this.table(['rep.col.name', 'rep.col.lessonsHeld', 'rep.col.minutes', 'rep.col.authored', 'rep.col.approved', 'rep.col.tasks', 'rep.col.quizzes', 'rep.col.grading', 'rep.col.answers'],
          rep.rows.map((r) => [r.fullName, r.lessonsHeld, r.lessonMinutes, r.materialsAuthored, r.materialsApproved, r.tasksGiven, r.quizzesGiven, r.gradingDone, r.answers]), [1, 2, 3, 4, 5, 6, 7, 8])}` : nothing}`;
  }

  private renderProgress() {
    const rep = this.progress;
    return html`
      ${this.rangeFields(this.classSelect(false), async () => {
        if (this.classId === null) return notifyError(new Error(this.t('rep.chooseClass')));
        this.progress = (await this.run(() => reportsApi.studentProgress({ from: this.from, to: this.to, classId: this.classId! }))) ?? null;
      })}
      ${rep ? html`
        ${this.downloads('student-progress', { from: rep.from, to: rep.to, classId: rep.class.id })}
        <ph-report-bars .label=${this.t('rep.progressChart')} .max=${100} unit="%" .series=${[this.t('rep.fig.rate')]}
          .items=${rep.rows.map((r) => ({ label: r.fullName, values: [r.attendanceRate ?? 0] }))}></ph-report-bars>
        ${this.table(['rep.col.name', 'rep.col.attendance', 'rep.col.taskDone', 'rep.col.quizDone', 'rep.col.quizAverage', 'rep.col.gradebook', 'rep.col.materials'],
          rep.rows.map((r) => [r.fullName, `${r.present}/${r.lessons}`, `${r.tasksSubmitted}/${r.tasks}`, `${r.quizzesDone}/${r.quizzes}`, pct(r.quizAveragePct),
            r.gradebookAverage === null ? '—' : formatNumber(r.gradebookAverage), `${r.materialsOpened}/${r.materialsCompleted}`]))}` : nothing}`;
  }

  private renderAttendance() {
    const rep = this.attendance;
    const q = { from: this.from, to: this.to, ...(this.classId ? { classId: this.classId } : {}) };
    return html`
      ${this.rangeFields(this.classSelect(true), async () => { this.attendance = (await this.run(() => reportsApi.attendance(q))) ?? null; })}
      ${rep ? html`
        ${this.downloads('attendance', { ...q, from: rep.from, to: rep.to })}
        <ph-report-bars .label=${this.t('rep.fig.attendanceByClass')} .max=${100} unit="%" .series=${[this.t('rep.fig.rate')]}
          .items=${rep.byClass.map((c) => ({ label: c.className, values: [c.rate ?? 0] }))}></ph-report-bars>
        ${this.table(['rep.fig.class', 'rep.fig.lessonsCount', 'rep.fig.expected', 'rep.fig.present', 'rep.fig.rate'], rep.byClass.map((c) => [c.className, c.lessons, c.expected, c.present, pct(c.rate)]), [1, 2, 3, 4])}
        <h2>${this.t('rep.byLesson')}</h2>
        ${this.table(['rep.col.date', 'rep.fig.class', 'rep.fig.subject', 'rep.fig.teacher', 'rep.col.mode', 'rep.fig.expected', 'rep.fig.present', 'rep.fig.rate'],
          rep.byLesson.map((l) => [formatDate(l.date), l.className, l.subjectName, l.teacherName, this.t(`rep.fig.${l.mode}`), l.expected, l.present, pct(l.rate)]), [5, 6, 7])}` : nothing}`;
  }

  override render() {
    if (!this.scope) return html`<h1>${this.t('rep.title')}</h1><p class="muted" role="status">${this.t('state.loading')}</p>`;
    const tabs: Tab[] = this.scope.manager ? ['semester', 'teaching', 'progress', 'attendance'] : ['teaching', 'progress', 'attendance'];
    return html`
      <h1>${this.t('rep.title')}</h1>
      <div class="tabs" role="tablist">
        ${tabs.map((t) => html`<button role="tab" class="tab" aria-selected=${this.tab === t} @click=${() => (this.tab = t)}>${this.t(`rep.tab.${t}`)}</button>`)}
      </div>
      ${this.tab !== 'semester' ? html`<p class="muted">${this.t('rep.scopeNote')}</p>` : nothing}
      <div role="tabpanel">
        ${this.tab === 'semester' ? this.renderSemester() : this.tab === 'teaching' ? this.renderTeaching() : this.tab === 'progress' ? this.renderProgress() : this.renderAttendance()}
      </div>`;
  }

  static override styles = [baseStyles, formStyles, tableStyles, css`
    .tabs { display: flex; flex-wrap: wrap; gap: 0.5rem; margin-bottom: 1rem; border-bottom: 2px solid var(--ph-color-border); }
    .tab { font: inherit; font-weight: 600; min-height: 2.75rem; padding: 0.5rem 1rem; border: 0; background: none; color: var(--ph-color-muted); cursor: pointer; border-bottom: 3px solid transparent; margin-bottom: -2px; }
    .tab[aria-selected='true'] { color: var(--ph-color-primary); border-bottom-color: var(--ph-color-primary); }
    .filters { display: flex; flex-wrap: wrap; gap: 0.75rem 1rem; align-items: flex-end; margin-bottom: 1rem; }
    .filters .field { min-width: min(100%, 12rem); }
    .filters .field.date { min-width: 0; width: 10rem; }
    .filters select { max-width: 100%; }
    .report-head { display: flex; flex-wrap: wrap; gap: 0.75rem; align-items: center; margin: 1rem 0; }
    .card { margin-bottom: 1rem; }
    .fig h2 { margin-top: 0; }
    dl.kv { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 11rem), 1fr)); gap: 0.75rem 1.25rem; margin: 0 0 1rem; }
    dl.kv dt { font-size: 0.875rem; color: var(--ph-color-muted); font-weight: 600; }
    dl.kv dd { margin: 0.125rem 0 0; font-size: 1.375rem; font-weight: 700; font-variant-numeric: tabular-nums; }
    details summary { cursor: pointer; font-weight: 600; min-height: 2.75rem; display: flex; align-items: center; }
    textarea { min-height: 7rem; }
    .downloads { margin-bottom: 1rem; }
    .done .notice { margin-bottom: 1rem; }
  `];
}

customElements.define('ph-reports-page', ReportsPage);
declare global {
  interface HTMLElementTagNameMap { 'ph-reports-page': ReportsPage }
}
