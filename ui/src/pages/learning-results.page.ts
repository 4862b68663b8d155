import { css, html, nothing } from 'lit';
import { PhElement } from '../components/ph-element.js';
import { levelBadge } from '../components/gradebook-summary.js';
import { cellText, resultText } from '../components/gradebook-format.js';
import { gradebookApi, type GbMyStudents, type GbStudentResults } from '../api/gradebook.js';
import { semesterLabel } from '../i18n/format.js';
import { notifyError } from '../state/notify.js';
import { baseStyles, formStyles, tableStyles } from '../styles/shared-styles.js';

const roman = (n: number) => semesterLabel(n === 1 || n === 2 ? n : null);

/**
 * /ket-qua-hoc-tap — a student's own learning results (Circular 22 Art. 9: semester and year
 * averages, Đạt/Chưa đạt, the level), for the student and their parents (their children only).
 * Phone first: one row per subject, the marks and the teacher's comment under "Chi tiết điểm".
 */
export class LearningResultsPage extends PhElement {
  static override properties = { students: { state: true }, studentId: { state: true }, results: { state: true }, expanded: { state: true } };
  declare students: GbMyStudents | null;
  declare studentId: number | null;
  declare results: GbStudentResults | null;
  declare expanded: Set<number>;

  constructor() {
    super();
    this.students = null;
    this.studentId = null;
    this.results = null;
    this.expanded = new Set();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.init();
  }

  private async init() {
    try {
      this.students = await gradebookApi.myStudents();
      const wanted = Number(new URLSearchParams(location.search).get('hs'));
      const first = this.students.find((s) => s.id === wanted) ?? this.students[0];
      if (first) await this.show(first.id);
    } catch (e) {
      notifyError(e);
    }
  }

  private async show(id: number) {
    this.studentId = id;
    history.replaceState(null, '', `${location.pathname}?hs=${id}`);
    try {
      this.results = await gradebookApi.results(id);
    } catch (e) {
      this.results = null;
      notifyError(e);
    }
  }

  private toggle(id: number) {
    const next = new Set(this.expanded);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    this.expanded = next;
  }

  private table(r: GbStudentResults) {
    const sems = r.semesters;
    const span = sems.length + 2;
    return html`<div class="table-wrap"><table>
      <thead><tr>
        <th>${this.t('gb.subject')}</th>
        ${sems.map((s) => html`<th class="c">${this.t('gb.semShort', { n: roman(s.number) })}</th>`)}
        <th class="c">${this.t('gb.year')}</th>
      </tr></thead>
      <tbody>${r.subjects.map((subj) => {
        const open = this.expanded.has(subj.id);
        return html`<tr class=${open ? 'open' : ''}>
          <td><button class="subj" type="button" aria-expanded=${open ? 'true' : 'false'} title=${this.t('gb.results.details')}
            @click=${() => this.toggle(subj.id)}><span aria-hidden="true">${open ? '▾' : '▸'}</span> ${subj.name}</button></td>
          ${sems.map((s) => {
            const res = subj.bySemester[String(s.id)]?.result;
            return html`<td class="v" title=${res?.missing.length ? this.t('gb.missing', { list: res.missing.join(', ') }) : ''}>${resultText(res) || html`<span class="muted">—</span>`}</td>`;
          })}
          <td class="v year">${resultText(subj.year) || html`<span class="muted">—</span>`}</td>
        </tr>
        ${open ? html`<tr class="detail-row"><td colspan=${span}>
          ${sems.map((s) => {
            const b = subj.bySemester[String(s.id)];
            return html`<div class="detail"><strong>${this.t('gb.semesterN', { n: roman(s.number) })}:</strong>
              ${subj.columns.map((c) => html`<span class="mark"><span class="muted">${c.label}</span> ${cellText(b?.cells[c.id], c.value) || '—'}</span>`)}
              ${b?.comment ? html`<p class="comment"><span class="muted">${this.t('gb.results.teacherComment')}:</span> ${b.comment}</p>` : nothing}
            </div>`;
          })}
        </td></tr>` : nothing}`;
      })}</tbody>
    </table></div>`;
  }

  override render() {
    const r = this.results;
    return html`
      <div class="page-head"><h1>${this.t('gb.resultsTitle')}</h1></div>
      ${this.students && this.students.length === 0 ? html`<p class="notice">${this.t('gb.results.none')}</p>` : nothing}
      ${this.students && this.students.length > 1 ? html`<div class="field who"><label for="who">${this.t('gb.results.for')}</label>
        <select id="who" @change=${(e: Event) => void this.show(Number((e.target as HTMLSelectElement).value))}>
          ${this.students.map((s) => html`<option value=${s.id} ?selected=${s.id === this.studentId}>${s.fullName}${s.className ? ` (${s.className})` : ''}</option>`)}
        </select></div>` : nothing}
      ${r ? html`
        <h2>${r.student.fullName}</h2>
        ${r.class ? html`<p class="muted">${this.t('gb.results.classYear', { cls: r.class.name, year: r.schoolYearName ?? '' })}</p>` : html`<p class="notice">${this.t('gb.results.noClass')}</p>`}
        ${r.class ? html`
          <h3>${this.t('gb.results.levelTitle')}</h3>
          <div class="levels">
            ${r.semesters.map((s) => html`<div class="card lv"><span>${this.t('gb.semesterN', { n: roman(s.number) })}</span>${r.levels[String(s.id)] ? levelBadge(this.t, r.levels[String(s.id)]!) : nothing}</div>`)}
            <div class="card lv"><span>${this.t('gb.year')}</span>${levelBadge(this.t, r.yearLevel)}</div>
          </div>
          ${this.table(r)}` : nothing}` : nothing}`;
  }

  static override styles = [baseStyles, formStyles, tableStyles, css`
    .who { max-width: 22rem; margin-bottom: 1rem; display: flex; flex-direction: column; gap: 0.25rem; }
    .levels { display: grid; gap: 0.5rem; grid-template-columns: repeat(3, minmax(0, 1fr)); margin: 0 0 1rem; max-width: 40rem; }
    .lv { display: flex; flex-direction: column; gap: 0.375rem; padding: 0.625rem 0.75rem; font-size: 0.9375rem; }
    th, td { padding: 0.5rem 0.5rem; }
    button.subj { font: inherit; font-weight: 600; text-align: left; background: none; border: 0; padding: 0.25rem 0; min-height: 2.75rem; cursor: pointer; color: inherit; }
    tr.open td { border-bottom: 0; }
    tr.detail-row td { background: #f7f9fb; }
    .lv .badge { align-self: flex-start; font-size: 1rem; }
    th.c, td.v { text-align: center; font-variant-numeric: tabular-nums; }
    td.v { font-weight: 700; vertical-align: middle; }
    td.year { background: #f7f9fb; }
    .detail { font-size: 0.875rem; margin: 0.25rem 0 0.5rem; }
    .mark { display: inline-block; margin-right: 0.75rem; white-space: nowrap; }
    .comment { margin: 0.25rem 0 0; }
  `];
}

customElements.define('ph-learning-results-page', LearningResultsPage);
