import { css, html, nothing } from 'lit';
import { PhElement } from './ph-element.js';
import { baseStyles } from '../styles/shared-styles.js';
import type { ProgressMaterial, StudentProgress } from '../api/progress.js';
import type { t as translate } from '../i18n/index.js';
import { formatInstant } from '../api/qa.js';

type T = typeof translate;

export function materialTitle(m: ProgressMaterial, t: T): string {
  return m.known ? m.title : t('progress.unknownMaterial', { id: m.id });
}

export function formatDuration(seconds: number, t: T): string {
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return t('progress.minutes', { n: minutes });
  return t('progress.hoursMinutes', { h: Math.floor(minutes / 60), m: minutes % 60 });
}

/**
 * One student's progress as cards (phone first): per subject, each published material with its
 * status, time spent, best H5P score and, when it applies, why it needs help.
 */
export class StudentProgressView extends PhElement {
  static override properties = { data: { attribute: false } };
  declare data: StudentProgress | null;

  constructor() {
    super();
    this.data = null;
  }

  override render() {
    const d = this.data;
    if (!d) return nothing;
    if (!d.items.length) return html`<p class="notice">${this.t('progress.empty')}</p>`;
    const groups = new Map<string, StudentProgress['items']>();
    for (const i of d.items) {
      const key = i.subjectName ?? '';
      groups.set(key, [...(groups.get(key) ?? []), i]);
    }
    const pct = d.totals.materials ? Math.round((d.totals.completed / d.totals.materials) * 100) : 0;
    return html`
      <div class="summary card">
        <div class="ring" style="--p:${pct}" role="img" aria-label="${pct}%"><span>${pct}%</span></div>
        <p>${this.t('progress.totals', { completed: d.totals.completed, materials: d.totals.materials, started: d.totals.started, time: formatDuration(d.totals.activeSeconds, this.t) })}</p>
      </div>
      ${[...groups.entries()].map(([subject, items]) => html`
        <section>
          ${subject ? html`<h2>${subject}</h2>` : nothing}
          <ul class="items">
            ${items.map((i) => html`
              <li class="item ${i.cell.status}">
                <span class="title">${materialTitle(i.material, this.t)}</span>
                <span class="badges">
                  <span class="badge ${i.cell.status === 'completed' ? 'ok' : i.cell.status === 'in_progress' ? 'warn' : 'neutral'}">${this.t(`progress.status.${i.cell.status}`)}</span>
                  ${i.cell.bestScore !== null ? html`<span class="badge neutral">${this.t('progress.col.score')}: ${Math.round(i.cell.bestScore * 100)}%</span>` : nothing}
                  ${i.cell.stuck ? html`<span class="badge danger">${this.t(`progress.stuck.${i.cell.stuck}`)}</span>` : nothing}
                </span>
                ${i.cell.status !== 'not_started' ? html`<span class="muted meta">${formatDuration(i.cell.activeSeconds, this.t)} · ${this.t('progress.col.lastSeen')}: ${formatInstant(i.cell.lastSeenAt)}</span>` : nothing}
              </li>`)}
          </ul>
        </section>`)}`;
  }

  static override styles = [baseStyles, css`
    .summary { display: flex; align-items: center; gap: 1rem; }
    .summary p { margin: 0; }
    .ring { flex: none; width: 4.5rem; height: 4.5rem; border-radius: 50%; display: grid; place-items: center;
      background: conic-gradient(var(--ph-color-success) calc(var(--p) * 1%), #e3e8ed 0); }
    .ring span { width: 3.5rem; height: 3.5rem; border-radius: 50%; background: var(--ph-color-surface); display: grid; place-items: center; font-weight: 700; }
    .items { list-style: none; margin: 0; padding: 0; display: grid; gap: 0.5rem; }
    .item { display: grid; gap: 0.375rem; padding: 0.75rem 1rem; border: 1px solid var(--ph-color-border); border-left-width: 5px; border-radius: var(--ph-radius-small); background: var(--ph-color-surface); }
    .item.completed { border-left-color: #2e8b57; }
    .item.in_progress { border-left-color: #f6c76b; }
    .item.not_started { border-left-color: #c9d1d9; }
    .title { font-weight: 700; overflow-wrap: anywhere; }
    .badges { display: flex; flex-wrap: wrap; gap: 0.375rem; }
    .meta { font-size: 0.875rem; }
  `];
}

customElements.define('ph-student-progress', StudentProgressView);
declare global {
  interface HTMLElementTagNameMap { 'ph-student-progress': StudentProgressView }
}
