import { css, html, nothing } from 'lit';
import { PhElement } from './ph-element.js';
import { gradebookApi, type GbColumn, type GbGrid, type GbGridStudent, type GbHistoryItem, type GbSelection } from '../api/gradebook.js';
import { language, type MessageKey } from '../i18n/index.js';
import { notifyError } from '../state/notify.js';
import { baseStyles, tableStyles } from '../styles/shared-styles.js';
import { canonical, canonicalOfCell, cellText, formatScore, historyValue, resultText } from './gradebook-format.js';

type CellState = 'invalid' | 'saving' | 'saved' | 'error';

const INVALID: Record<GbColumn['value'], MessageKey> = { score: 'gb.invalidScore', pass: 'gb.invalidPass', level: 'gb.invalidLevel', test: 'gb.invalidTest' };

/**
 * The entry grid of one class × subject × semester (Circular 22 Art. 6–7): one input per cell,
 * keyboard first (Enter/↓ next student, Shift+Enter/↑ previous, Tab next column) and touch
 * friendly; each cell is saved on its own as soon as it is left, with its state shown (đang lưu,
 * đã lưu, chưa lưu được), its source (nhập tay, bài kiểm tra, nhiệm vụ, H5P) and the averages the
 * server recomputes. A quiz/task/H5P result that could not replace a hand-typed score is flagged.
 */
export class GradebookGrid extends PhElement {
  static override properties = {
    grid: { attribute: false }, selection: { attribute: false },
    states: { state: true }, drafts: { state: true }, history: { state: true },
  };
  declare grid: GbGrid | null;
  declare selection: GbSelection | null;
  declare states: Map<string, { state: CellState; message?: string }>;
  declare drafts: Map<string, string>;
  declare history: GbHistoryItem[] | null;

  constructor() {
    super();
    this.grid = null;
    this.selection = null;
    this.states = new Map();
    this.drafts = new Map();
    this.history = null;
  }

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('selection')) {
      this.states = new Map();
      this.drafts = new Map();
      this.history = null;
    }
  }

  private setState(key: string, state: CellState | null, message?: string) {
    const next = new Map(this.states);
    if (state) next.set(key, message ? { state, message } : { state });
    else next.delete(key);
    this.states = next;
  }

  private replaceRows(rows: GbGridStudent[]) {
    if (!this.grid) return;
    const byId = new Map(rows.map((r) => [r.id, r]));
    this.grid = { ...this.grid, students: this.grid.students.map((s) => byId.get(s.id) ?? s) };
    this.dispatchEvent(new CustomEvent('ph-gb-changed', { bubbles: true, composed: true }));
  }

  /** Saves one cell if its value changed; invalid text stays in the cell, marked, and is not sent. */
  private async commit(student: GbGridStudent, col: GbColumn, input: HTMLInputElement) {
    const key = `${student.id}:${col.id}`;
    const text = input.value;
    const value = canonical(col.value, text);
    if (value === null) {
      this.setState(key, 'invalid', this.t(INVALID[col.value]));
      input.setAttribute('aria-invalid', 'true');
      return;
    }
    input.removeAttribute('aria-invalid');
    if (value === canonicalOfCell(student.cells[col.id])) {
      if (this.states.get(key)?.state === 'invalid') this.setState(key, null);
      return;
    }
    if (!this.selection) return;
    this.setState(key, 'saving');
    try {
      const reply = await gradebookApi.putCell(this.selection, student.id, { kind: col.kind, slot: col.slot }, text.trim() === '' ? null : text.trim());
      this.replaceRows(reply.students);
      this.setState(key, 'saved');
      const row = reply.students[0];
      if (row) input.value = cellText(row.cells[col.id], col.value);
    } catch (e) {
      this.setState(key, 'error', this.t('gb.saveFailed'));
      notifyError(e);
    }
  }

  private async commitComment(student: GbGridStudent, input: HTMLInputElement) {
    const key = `${student.id}:comment`;
    if (!this.selection || input.value.trim() === student.comment) return;
    this.setState(key, 'saving');
    try {
      await gradebookApi.comment(this.selection, student.id, input.value);
      this.replaceRows([{ ...student, comment: input.value.trim() }]);
      this.setState(key, 'saved');
    } catch (e) {
      this.setState(key, 'error', this.t('gb.saveFailed'));
      notifyError(e);
    }
  }

  /** Enter and the arrow keys move between students in the same column; Tab is the browser's own. */
  private onKey(e: KeyboardEvent) {
    const input = e.target as HTMLInputElement;
    const r = Number(input.dataset.r);
    const c = Number(input.dataset.c);
    let next = r;
    if (e.key === 'Enter' || e.key === 'ArrowDown') next = e.key === 'Enter' && e.shiftKey ? r - 1 : r + 1;
    else if (e.key === 'ArrowUp') next = r - 1;
    else if (e.key === 'Escape') {
      const student = this.grid?.students[r];
      const col = this.grid?.columns[c];
      if (student && col) input.value = cellText(student.cells[col.id], col.value);
      return;
    } else return;
    e.preventDefault();
    input.blur(); // saves through the blur handler
    const target = this.renderRoot.querySelector<HTMLInputElement>(`input[data-r="${next}"][data-c="${c}"]`);
    if (target) { target.focus(); target.select(); } else input.focus();
  }

  private async adopt(student: GbGridStudent, col: GbColumn) {
    const p = student.pending.find((x) => x.column === col.id);
    if (!p || !this.selection) return;
    const params = { score: formatScore(p.score, col.value), source: this.t(`gb.src.${p.source}` as MessageKey), id: p.sourceId };
    if (!this.grid?.canEdit || !window.confirm(this.t('gb.adopt', params))) return;
    try {
      const reply = await gradebookApi.adopt(this.selection, student.id, { kind: col.kind, slot: col.slot }, p.source as 'quiz' | 'task' | 'h5p', p.sourceId);
      this.replaceRows(reply.students);
    } catch (e) {
      notifyError(e);
    }
  }

  private async loadHistory(e: Event) {
    if (!(e.target as HTMLDetailsElement).open || !this.selection) return;
    try {
      this.history = await gradebookApi.history(this.selection);
    } catch (err) {
      notifyError(err);
    }
  }

  private cell(student: GbGridStudent, col: GbColumn, r: number, c: number, editable: boolean) {
    const key = `${student.id}:${col.id}`;
    const cell = student.cells[col.id];
    const st = this.states.get(key);
    const pending = student.pending.find((p) => p.column === col.id);
    const numeric = col.value === 'score' || col.value === 'test';
    const label = `${student.fullName}, ${col.label}`;
    return html`<td class="cell ${st?.state ?? ''}">
      ${editable
        ? html`<input data-r=${r} data-c=${c} .value=${cellText(cell, col.value)} aria-label=${label}
            inputmode=${numeric ? 'decimal' : 'text'} autocomplete="off" enterkeyhint="next" maxlength="12"
            @keydown=${(e: KeyboardEvent) => this.onKey(e)}
            @blur=${(e: Event) => void this.commit(student, col, e.target as HTMLInputElement)}
            @focus=${(e: Event) => (e.target as HTMLInputElement).select()} />`
        : html`<span class="ro">${cellText(cell, col.value)}</span>`}
      <span class="meta">
        ${cell ? html`<span class="src src-${cell.source}" title=${`${this.t(`gb.src.${cell.source}` as MessageKey)}${cell.sourceId ? ` #${cell.sourceId}` : ''}`}>${this.t(`gb.srcShort.${cell.source}` as MessageKey)}</span>` : nothing}
        ${pending ? html`<button class="pending" type="button" ?disabled=${!editable} @click=${() => void this.adopt(student, col)}
            title=${this.t('gb.pending', { source: this.t(`gb.src.${pending.source}` as MessageKey), id: pending.sourceId, score: formatScore(pending.score, col.value) })}>⚠ ${formatScore(pending.score, col.value)}</button>` : nothing}
        ${st?.state === 'saving' ? html`<span class="st" role="status">${this.t('gb.saving')}</span>` : nothing}
        ${st?.state === 'saved' ? html`<span class="st ok" role="status" title=${this.t('gb.saved')}>✓</span>` : nothing}
        ${st?.state === 'invalid' || st?.state === 'error' ? html`<span class="st bad" role="alert">${st.message}</span>` : nothing}
      </span>
    </td>`;
  }

  private result(r: GbGridStudent['semester'] | undefined) {
    if (!r) return html`<td class="res"></td>`;
    const text = resultText(r);
    return html`<td class="res ${r.mark === 'CD' || r.mark === 'CHT' ? 'low' : ''}" title=${r.missing.length ? this.t('gb.missing', { list: r.missing.join(', ') }) : ''}>
      ${text || html`<span class="muted" aria-label=${this.t('gb.missing', { list: r.missing.join(', ') })}>—</span>`}</td>`;
  }

  override render() {
    const g = this.grid;
    if (!g) return nothing;
    const editable = g.canEdit;
    const second = g.semester.number === 2;
    const isScore = g.columns[0]?.value === 'score';
    const studentName = new Map(g.students.map((s) => [s.id, s.fullName]));
    return html`
      <div class="table-wrap">
        <table>
          <thead><tr>
            <th class="num sticky0">${this.t('gb.col.no')}</th>
            <th class="sticky1">${this.t('gb.col.name')}</th>
            ${g.columns.map((c) => html`<th class="c">${c.label}</th>`)}
            <th class="c">${g.school.level === 'primary' ? this.t('gb.col.result') : isScore ? this.t('gb.col.avg') : this.t('gb.col.result')}</th>
            ${second ? html`<th class="c">${this.t('gb.col.firstSemester')}</th><th class="c">${isScore ? this.t('gb.col.yearAvg') : this.t('gb.year')}</th>` : nothing}
            <th>${this.t('gb.col.comment')}</th>
          </tr></thead>
          <tbody>
            ${g.students.map((s, r) => html`<tr>
              <td class="num sticky0">${r + 1}</td>
              <td class="sticky1 name">${s.fullName}</td>
              ${g.columns.map((c, ci) => this.cell(s, c, r, ci, editable))}
              ${this.result(s.semester)}
              ${second ? html`${this.result(s.firstSemester)}${this.result(s.year)}` : nothing}
              <td class="comment ${this.states.get(`${s.id}:comment`)?.state ?? ''}">
                ${editable
                  ? html`<input class="text" .value=${s.comment} maxlength="2000" aria-label=${`${s.fullName}, ${this.t('gb.col.comment')}`} placeholder=${this.t('gb.commentPlaceholder')}
                      @keydown=${(e: KeyboardEvent) => { if (e.key === 'Enter') (e.target as HTMLInputElement).blur(); }}
                      @blur=${(e: Event) => void this.commitComment(s, e.target as HTMLInputElement)} />`
                  : html`<span class="ro">${s.comment}</span>`}
              </td>
            </tr>`)}
          </tbody>
        </table>
      </div>
      ${g.students.length === 0 ? html`<p class="muted">${this.t('gb.noStudents')}</p>` : nothing}
      <details @toggle=${(e: Event) => void this.loadHistory(e)}>
        <summary>${this.t('gb.history')}</summary>
        ${this.history === null ? nothing : this.history.length === 0 ? html`<p class="muted">${this.t('gb.historyEmpty')}</p>` : html`<ul class="history">
          ${this.history.map((h) => html`<li>${this.t('gb.historyLine', {
            when: new Date(h.changedAt).toLocaleString(language() === 'en' ? 'en-GB' : 'vi-VN'),
            who: h.changedByName ?? this.t('gb.system'),
            column: `${studentName.get(h.studentId) ?? h.studentId} · ${g.columns.find((c) => c.id === h.column)?.label ?? h.column}`,
            old: historyValue(h.oldValue) || this.t('gb.empty'), new: historyValue(h.newValue) || this.t('gb.empty'),
            source: this.t(`gb.src.${h.source}` as MessageKey),
          })}</li>`)}
        </ul>`}
      </details>`;
  }

  static override styles = [baseStyles, tableStyles, css`
    table { font-size: 0.9375rem; }
    th.c { text-align: center; min-width: 4.25rem; }
    th, td { padding: 0.375rem 0.5rem; }
    td.cell { text-align: center; vertical-align: top; min-width: 4.5rem; }
    td.cell input, td.comment input {
      font: inherit; width: 4rem; min-height: 2.75rem; text-align: center; padding: 0.25rem;
      border: 1px solid #8a99a8; border-radius: var(--ph-radius-small); background: #fff; font-variant-numeric: tabular-nums;
    }
    td.comment input { width: 16rem; text-align: left; padding: 0.25rem 0.5rem; }
    td.cell input:focus, td.comment input:focus { outline: 3px solid var(--ph-color-focus); outline-offset: 1px; }
    td.cell input[aria-invalid='true'] { border: 2px solid var(--ph-color-danger); background: var(--ph-color-danger-soft); }
    td.saved input { border-color: var(--ph-color-success); }
    td.error input { border: 2px solid var(--ph-color-danger); }
    td.saving input { background: #f6f8fa; }
    .meta { display: flex; flex-wrap: wrap; justify-content: center; gap: 0.125rem 0.25rem; min-height: 1rem; margin-top: 0.125rem; font-size: 0.75rem; line-height: 1.2; }
    .src { padding: 0 0.3rem; border-radius: 999px; border: 1px solid var(--ph-color-border); color: var(--ph-color-muted); background: #f3f5f7; }
    .src-quiz { background: #e7f0fb; color: #134a8e; border-color: #b9d0ee; }
    .src-task { background: #eef7ea; color: #24612a; border-color: #bfdcb5; }
    .src-h5p { background: #f4ecfb; color: #5b2a86; border-color: #d8c2ee; }
    .st.ok { color: var(--ph-color-success); font-weight: 700; }
    .st.bad { color: var(--ph-color-danger); font-weight: 600; max-width: 9rem; }
    .pending { font: inherit; font-size: 0.75rem; border: 1px solid #efcf8f; background: var(--ph-color-warning-soft); color: #4a2d00; border-radius: 999px; padding: 0 0.35rem; cursor: pointer; min-height: 1.5rem; }
    td.res { text-align: center; font-weight: 700; font-variant-numeric: tabular-nums; vertical-align: middle; background: #f7f9fb; }
    td.res.low { color: var(--ph-color-danger); }
    td.name { white-space: nowrap; font-weight: 600; vertical-align: middle; }
    td.sticky0 { vertical-align: middle; }
    .sticky0, .sticky1 { position: sticky; background: var(--ph-color-surface); z-index: 1; }
    th.sticky0, th.sticky1 { background: #f0f3f6; }
    .sticky0 { left: 0; min-width: 2.5rem; }
    .sticky1 { left: 2.5rem; box-shadow: 1px 0 0 #e3e8ed; }
    .ro { display: inline-block; min-height: 1.5rem; font-variant-numeric: tabular-nums; }
    details { margin-top: 1rem; }
    summary { cursor: pointer; font-weight: 600; min-height: 2.75rem; display: flex; align-items: center; }
    .history { font-size: 0.875rem; max-height: 20rem; overflow: auto; }
  `];
}

customElements.define('ph-gradebook-grid', GradebookGrid);
