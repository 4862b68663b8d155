import { css, html, nothing } from 'lit';
import { PhElement } from '../components/ph-element.js';
import '../components/gradebook-grid.js';
import '../components/gradebook-summary.js';
import { gradebookApi, type GbGrid, type GbOptions, type GbSelection } from '../api/gradebook.js';
import { isApiError } from '../api/client.js';
import { formatDate, semesterLabel } from '../i18n/format.js';
import { notifyError, notifySuccess } from '../state/notify.js';
import { session } from '../state/session.js';
import { baseStyles, formStyles } from '../styles/shared-styles.js';

const roman = (n: number) => semesterLabel(n === 1 || n === 2 ? n : null);

/**
 * /so-diem — the gradebook (sổ theo dõi và đánh giá học sinh, Circular 22/2021 Art. 6–9): choose
 * class, subject and semester; enter scores in the grid; the homeroom teacher's class summary; the
 * principal closes and reopens a semester; export to Excel. The selection stays in the address.
 */
export class GradebookPage extends PhElement {
  static override properties = { options: { state: true }, sel: { state: true }, grid: { state: true }, tab: { state: true }, failed: { state: true } };
  declare options: GbOptions | null;
  declare sel: Partial<GbSelection>;
  declare grid: GbGrid | null;
  declare tab: 'subject' | 'summary';
  declare failed: string | null;

  constructor() {
    super();
    this.options = null;
    this.grid = null;
    this.failed = null;
    const q = new URLSearchParams(location.search);
    const num = (k: string) => (q.get(k) ? Number(q.get(k)) : undefined);
    this.sel = { classId: num('lop'), subjectId: num('mon'), semesterId: num('hk') } as Partial<GbSelection>;
    this.tab = q.get('xem') === 'tong-hop' ? 'summary' : 'subject';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.loadOptions();
  }

  private async loadOptions() {
    try {
      const o = await gradebookApi.options();
      this.options = o;
      // Defaults: the first class, its first subject the teacher enters (else the first), the current semester.
      const cls = o.classes.find((c) => c.id === this.sel.classId) ?? o.classes[0];
      const today = new Date().toISOString().slice(0, 10);
      const sem = o.semesters.find((s) => s.id === this.sel.semesterId) ?? o.semesters.find((s) => s.startsOn <= today && today <= s.endsOn) ?? o.semesters[0];
      const subj = cls?.subjects.find((s) => s.id === this.sel.subjectId) ?? cls?.subjects.find((s) => s.canEdit) ?? cls?.subjects[0];
      if (cls && sem) this.select({ classId: cls.id, subjectId: subj?.id, semesterId: sem.id });
    } catch (e) {
      if (isApiError(e)) this.failed = this.t('gb.noClasses');
      notifyError(e);
    }
  }

  private select(next: Partial<GbSelection>) {
    this.sel = { ...this.sel, ...next };
    const q = new URLSearchParams();
    if (this.sel.classId) q.set('lop', String(this.sel.classId));
    if (this.sel.subjectId) q.set('mon', String(this.sel.subjectId));
    if (this.sel.semesterId) q.set('hk', String(this.sel.semesterId));
    if (this.tab === 'summary') q.set('xem', 'tong-hop');
    history.replaceState(null, '', `${location.pathname}?${q.toString()}`);
    void this.loadGrid();
  }

  private get selection(): GbSelection | null {
    const { classId, subjectId, semesterId } = this.sel;
    return classId && subjectId && semesterId ? { classId, subjectId, semesterId } : null;
  }

  private async loadGrid() {
    const s = this.selection;
    if (!s || this.tab !== 'subject') return;
    try {
      this.grid = await gradebookApi.grid(s);
    } catch (e) {
      this.grid = null;
      notifyError(e);
    }
  }

  private async lock() {
    const s = this.currentSemester;
    if (!s || !window.confirm(this.t('gb.lockConfirm', { n: roman(s.number) }))) return;
    try {
      await gradebookApi.lock(s.id);
      notifySuccess('gb.lockedDone');
      await this.refreshAll();
    } catch (e) { notifyError(e); }
  }

  private async reopen() {
    const s = this.currentSemester;
    if (!s) return;
    const reason = window.prompt(this.t('gb.reopenReason'));
    if (!reason?.trim()) return;
    try {
      await gradebookApi.reopen(s.id, reason.trim());
      notifySuccess('gb.reopenedDone');
      await this.refreshAll();
    } catch (e) { notifyError(e); }
  }

  private async refreshAll() {
    this.options = await gradebookApi.options();
    await this.loadGrid();
  }

  private get currentSemester() {
    return this.options?.semesters.find((s) => s.id === this.sel.semesterId);
  }

  private selects(o: GbOptions) {
    const cls = o.classes.find((c) => c.id === this.sel.classId);
    return html`<div class="pickers">
      <div class="field"><label for="gb-class">${this.t('gb.class')}</label>
        <select id="gb-class" @change=${(e: Event) => {
          const id = Number((e.target as HTMLSelectElement).value);
          const c = o.classes.find((x) => x.id === id);
          const keep = c?.subjects.some((s) => s.id === this.sel.subjectId);
          this.select({ classId: id, subjectId: keep ? this.sel.subjectId : (c?.subjects.find((s) => s.canEdit) ?? c?.subjects[0])?.id });
        }}>
          ${o.classes.map((c) => html`<option value=${c.id} ?selected=${c.id === this.sel.classId}>${c.name}${c.homeroom ? ' (CN)' : ''}</option>`)}
        </select></div>
      <div class="field"><label for="gb-subject">${this.t('gb.subject')}</label>
        <select id="gb-subject" ?disabled=${this.tab === 'summary'} @change=${(e: Event) => this.select({ subjectId: Number((e.target as HTMLSelectElement).value) })}>
          ${(cls?.subjects ?? []).map((s) => html`<option value=${s.id} ?selected=${s.id === this.sel.subjectId}>${s.name}${s.canEdit ? ' ✎' : ''}</option>`)}
        </select></div>
      <div class="field"><label for="gb-semester">${this.t('gb.semester')}</label>
        <select id="gb-semester" @change=${(e: Event) => this.select({ semesterId: Number((e.target as HTMLSelectElement).value) })}>
          ${o.semesters.map((s) => html`<option value=${s.id} ?selected=${s.id === this.sel.semesterId}>${this.t('gb.semesterN', { n: roman(s.number) })} · ${s.schoolYearName}${s.locked ? ' 🔒' : ''}</option>`)}
        </select></div>
    </div>`;
  }

  private lockBanner() {
    const s = this.currentSemester;
    if (!s || !this.options) return nothing;
    const canLock = this.options.canLock;
    if (s.locked) {
      return html`<div class="notice warning lockbar" role="status">
        <span>🔒 ${this.t('gb.locked', { n: roman(s.number), date: formatDate(s.lockedAt) })}</span>
        ${canLock ? html`<button class="btn" type="button" @click=${() => void this.reopen()}>${this.t('gb.reopen')}</button>` : nothing}
      </div>`;
    }
    return html`
      ${s.reopenedAt ? html`<p class="notice">${this.t('gb.reopened', { date: formatDate(s.reopenedAt), reason: s.reopenReason ?? '' })}</p>` : nothing}
      ${canLock ? html`<div class="actions lockbar"><button class="btn danger" type="button" @click=${() => void this.lock()}>🔒 ${this.t('gb.lock')}</button></div>` : nothing}`;
  }

  private subjectView() {
    const g = this.grid;
    const s = this.selection;
    if (!g || !s) return nothing;
    const regular = g.columns.filter((c) => c.kind === 'regular').length;
    return html`
      <div class="grid-head">
        <div>
          <h2>${g.subject.name} · ${g.class.name} · ${this.t('gb.semesterN', { n: roman(g.semester.number) })}</h2>
          <p class="muted">${g.teacherName ?? ''}${g.school.level !== 'primary' ? html` · ${this.t('gb.periods', { periods: g.subject.periodsPerYear, n: regular })}` : nothing} · ${this.t('gb.students', { n: g.students.length })}</p>
        </div>
        <a class="btn" href=${gradebookApi.exportUrl(s)} download>⬇ ${this.t('gb.export')}</a>
      </div>
      ${!g.canEdit && !g.semester.locked ? html`<p class="notice">${this.t('gb.readOnly')}</p>` : nothing}
      ${g.canEdit ? html`<p class="hint">${this.t(g.school.level === 'primary' ? 'gb.helpPrimary' : 'gb.help')}</p>` : nothing}
      <ph-gradebook-grid .grid=${g} .selection=${s}></ph-gradebook-grid>`;
  }

  override render() {
    const o = this.options;
    const cls = o?.classes.find((c) => c.id === this.sel.classId);
    // The class summary: the homeroom teacher and the school's leaders (the server checks too).
    const summaryAllowed = !!cls && (cls.homeroom || session.hasAny(['principal', 'vice_principal']));
    return html`
      <div class="page-head"><h1>${this.t('gb.title')}</h1></div>
      ${this.failed ? html`<p class="notice warning">${this.failed}</p>` : nothing}
      ${o && o.classes.length === 0 ? html`<p class="notice">${o.semesters.length ? this.t('gb.noClasses') : this.t('gb.noYear')}</p>` : nothing}
      ${o && o.classes.length ? html`
        ${this.selects(o)}
        ${summaryAllowed ? html`<div class="tabs" role="tablist">
          <button role="tab" aria-selected=${this.tab === 'subject'} @click=${() => { this.tab = 'subject'; this.select({}); }}>${this.t('gb.tabSubject')}</button>
          <button role="tab" aria-selected=${this.tab === 'summary'} @click=${() => { this.tab = 'summary'; this.select({}); }}>${this.t('gb.tabSummary')}</button>
        </div>` : nothing}
        ${this.lockBanner()}
        ${this.tab === 'summary' && summaryAllowed && this.sel.classId && this.sel.semesterId
          ? html`<ph-gradebook-summary .classId=${this.sel.classId} .semesterId=${this.sel.semesterId}></ph-gradebook-summary>`
          : this.subjectView()}
      ` : nothing}`;
  }

  static override styles = [baseStyles, formStyles, css`
    .pickers { display: grid; gap: 0.75rem 1rem; grid-template-columns: repeat(auto-fit, minmax(min(100%, 12rem), 1fr)); margin-bottom: 1rem; }
    .field { display: flex; flex-direction: column; gap: 0.25rem; }
    .tabs { display: flex; gap: 0.25rem; border-bottom: 2px solid var(--ph-color-border); margin-bottom: 1rem; flex-wrap: wrap; }
    .tabs button { font: inherit; font-weight: 600; min-height: 2.75rem; padding: 0 1rem; border: 0; background: none; cursor: pointer; border-bottom: 3px solid transparent; margin-bottom: -2px; color: var(--ph-color-muted); }
    .tabs button[aria-selected='true'] { color: var(--ph-color-primary); border-bottom-color: var(--ph-color-primary); }
    .grid-head { display: flex; flex-wrap: wrap; justify-content: space-between; align-items: flex-end; gap: 0.5rem 1rem; }
    .grid-head h2 { margin: 0.25rem 0; }
    .lockbar { display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between; gap: 0.5rem 1rem; margin-bottom: 1rem; }
    .hint { font-size: 0.875rem; color: var(--ph-color-muted); }
  `];
}

customElements.define('ph-gradebook-page', GradebookPage);
