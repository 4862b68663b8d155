import { css, html, nothing } from 'lit';
import { PhElement } from './ph-element.js';
import { gradebookApi, type GbClassSummary, type GbLevelResult } from '../api/gradebook.js';
import type { MessageKey } from '../i18n/index.js';
import { notifyError } from '../state/notify.js';
import { baseStyles, formStyles, tableStyles } from '../styles/shared-styles.js';
import { resultText } from './gradebook-format.js';

/** A learning-result level as a badge (Circular 22 Art. 9.2), with the Art. 9.3 adjustment noted. */
export function levelBadge(t: (k: MessageKey) => string, l: GbLevelResult) {
  if (!l.level) return html`<span class="badge neutral" title=${l.missingSubjects.join(', ')}>${t('gb.level.none')}</span>`;
  const cls = l.level === 'T' || l.level === 'K' ? 'ok' : l.level === 'D' ? 'warn' : 'danger';
  return html`<span class="badge ${cls}" title=${l.adjusted ? t('gb.level.adjusted') : ''}>${t(`gb.level.${l.level}` as MessageKey)}${l.adjusted ? ' *' : ''}</span>`;
}

/**
 * The homeroom teacher's summary of a class (Circular 22 Art. 9): every subject's semester or year
 * result per student and the learning-result level; counts per level.
 */
export class GradebookSummary extends PhElement {
  static override properties = { classId: { type: Number }, semesterId: { type: Number }, period: { state: true }, summary: { state: true } };
  declare classId: number;
  declare semesterId: number;
  declare period: 'semester' | 'year';
  declare summary: GbClassSummary | null;

  constructor() {
    super();
    this.classId = 0;
    this.semesterId = 0;
    this.period = 'semester';
    this.summary = null;
  }

  override updated(changed: Map<string, unknown>): void {
    if (changed.has('classId') || changed.has('semesterId') || changed.has('period')) void this.load();
  }

  private async load() {
    if (!this.classId || !this.semesterId) return;
    try {
      this.summary = await gradebookApi.classSummary(this.classId, this.semesterId, this.period);
    } catch (e) {
      this.summary = null;
      notifyError(e);
    }
  }

  override render() {
    const s = this.summary;
    return html`
      <div class="field period">
        <label for="period">${this.t('gb.summary.period')}</label>
        <select id="period" @change=${(e: Event) => { this.period = (e.target as HTMLSelectElement).value as 'semester' | 'year'; }}>
          <option value="semester" ?selected=${this.period === 'semester'}>${s ? this.t('gb.semesterN', { n: s.semester.number === 1 ? 'I' : 'II' }) : this.t('gb.semester')}</option>
          <option value="year" ?selected=${this.period === 'year'}>${this.t('gb.year')}</option>
        </select>
      </div>
      ${!s ? nothing : html`
        <p class="counts">${this.t('gb.summary.counts', { T: s.counts.T ?? 0, K: s.counts.K ?? 0, D: s.counts.D ?? 0, CD: s.counts.CD ?? 0, incomplete: s.counts.incomplete ?? 0 })}</p>
        <div class="table-wrap"><table>
          <thead><tr>
            <th class="num">${this.t('gb.col.no')}</th><th>${this.t('gb.col.name')}</th>
            ${s.subjects.map((x) => html`<th class="subj" title=${x.name}>${x.name}</th>`)}
            <th>${this.t('gb.col.level')}</th>
          </tr></thead>
          <tbody>${s.students.map((st, i) => html`<tr>
            <td class="num">${i + 1}</td><td class="name">${st.fullName}</td>
            ${s.subjects.map((x) => {
              const r = st.results[String(x.id)];
              const low = r && ((r.average !== null && r.average < 5) || r.mark === 'CD' || r.mark === 'CHT');
              return html`<td class="v ${low ? 'low' : ''}" title=${r?.missing.length ? this.t('gb.missing', { list: r.missing.join(', ') }) : ''}>${resultText(r) || html`<span class="muted">—</span>`}</td>`;
            })}
            <td>${levelBadge(this.t, st.level)}</td>
          </tr>`)}</tbody>
        </table></div>`}`;
  }

  static override styles = [baseStyles, formStyles, tableStyles, css`
    .period { max-width: 14rem; margin-bottom: 0.75rem; }
    th.subj { white-space: normal; min-width: 4.5rem; max-width: 6.5rem; font-size: 0.8125rem; text-align: center; vertical-align: bottom; }
    th { vertical-align: bottom; }
    td.v { text-align: center; font-variant-numeric: tabular-nums; }
    td.v.low { color: var(--ph-color-danger); font-weight: 700; }
    td.name { white-space: nowrap; font-weight: 600; }
    .counts { font-weight: 600; }
  `];
}

customElements.define('ph-gradebook-summary', GradebookSummary);
