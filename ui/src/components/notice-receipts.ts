import { css, html, nothing } from 'lit';
import { PhElement } from './ph-element.js';
import type { NoticeReceipts } from '../api/notices.js';
import { formatNumber } from '../i18n/format.js';
import { baseStyles, tableStyles } from '../styles/shared-styles.js';

/**
 * Who has read a notice (Art. 15.1.e): per class a bar of people who have read it against those
 * who have not (students and parents together), the table behind the bars (students and parents
 * apart), and the list of who has not read yet — parents by child, so the homeroom teacher knows
 * whom to call.
 */
export class NoticeReceiptsView extends PhElement {
  static override properties = { receipts: { attribute: false } };
  declare receipts: NoticeReceipts | null;

  constructor() {
    super();
    this.receipts = null;
  }

  private chart(r: NoticeReceipts) {
    const rows = r.classes.map((c) => ({ name: c.className, read: c.students.read + c.parents.read, total: c.students.total + c.parents.total }));
    const max = Math.max(1, ...rows.map((x) => x.total));
    return html`
      <figure class="chart" aria-hidden="true">
        <figcaption>${this.t('notices.chart.title')}</figcaption>
        <div class="legend"><span class="key read"></span>${this.t('notices.chart.read')}<span class="key unread"></span>${this.t('notices.chart.unread')}</div>
        ${rows.map((x) => html`
          <div class="row" data-class=${x.name}>
            <span class="label">${x.name}</span>
            <span class="track" style=${`width: ${(x.total / max) * 100}%`}>
              <span class="bar read" style=${`width: ${x.total ? (x.read / x.total) * 100 : 0}%`}></span>
              <span class="bar unread" style=${`width: ${x.total ? ((x.total - x.read) / x.total) * 100 : 0}%`}></span>
            </span>
            <span class="value">${formatNumber(x.read)}/${formatNumber(x.total)}</span>
          </div>`)}
      </figure>`;
  }

  override render() {
    const r = this.receipts;
    if (!r) return nothing;
    const pct = r.total ? Math.round((r.read / r.total) * 100) : 0;
    return html`
      <section class="card" aria-labelledby="receipts-title">
        <h2 id="receipts-title">${this.t('notices.receipts')}</h2>
        <p class="total" role="status">${this.t('notices.receiptsTotal', { read: formatNumber(r.read), total: formatNumber(r.total) })} (${pct}%)</p>
        ${this.chart(r)}
        <div class="table-wrap">
          <table class="classes">
            <caption>${this.t('notices.chart.title')}</caption>
            <thead><tr><th>${this.t('notices.table.class')}</th><th class="num">${this.t('notices.table.students')}</th><th class="num">${this.t('notices.table.parents')}</th></tr></thead>
            <tbody>${r.classes.map((c) => html`<tr>
              <td>${c.className}</td>
              <td class="num">${c.students.total ? `${formatNumber(c.students.read)}/${formatNumber(c.students.total)}` : '–'}</td>
              <td class="num">${c.parents.total ? `${formatNumber(c.parents.read)}/${formatNumber(c.parents.total)}` : '–'}</td>
            </tr>`)}</tbody>
          </table>
        </div>
        <h3>${this.t('notices.unread.title')} (${formatNumber(r.unread.length)})</h3>
        ${r.unread.length ? html`
          <div class="table-wrap">
            <table class="unread-list">
              <thead><tr><th>${this.t('notices.table.class')}</th><th>${this.t('notices.unread.name')}</th><th>${this.t('notices.unread.who')}</th></tr></thead>
              <tbody>${r.unread.map((u) => html`<tr>
                <td>${u.className}</td><td>${u.fullName}</td>
                <td>${u.kind === 'student' ? this.t('notices.unread.student') : this.t('notices.unread.parentOf', { name: u.studentName })}</td>
              </tr>`)}</tbody>
            </table>
          </div>` : html`<p class="notice success">${this.t('notices.unread.none')}</p>`}
      </section>`;
  }

  static override styles = [baseStyles, tableStyles, css`
    h2 { margin-top: 0; }
    .total { font-size: 1.125rem; font-weight: 700; color: var(--ph-color-primary); }
    .chart { margin: 0 0 1.25rem; }
    figcaption { font-weight: 700; margin-bottom: 0.5rem; }
    .legend { display: flex; align-items: center; gap: 0.375rem 0.75rem; flex-wrap: wrap; font-size: 0.875rem; margin-bottom: 0.75rem; }
    .key { display: inline-block; width: 1rem; height: 1rem; border-radius: 3px; }
    .row { display: grid; grid-template-columns: 4rem 1fr 4.5rem; align-items: center; gap: 0.75rem; margin: 0.375rem 0; }
    .label { font-weight: 600; }
    .track { display: flex; height: 1.5rem; min-width: 2px; }
    .bar { height: 100%; }
    .key.read, .bar.read { background: var(--ph-color-success); }
    .key.unread, .bar.unread { background: #e0a458; }
    .bar.read { border-radius: 4px 0 0 4px; }
    .bar.unread { border-radius: 0 4px 4px 0; }
    .value { font-variant-numeric: tabular-nums; text-align: right; }
    .table-wrap { margin-bottom: 1rem; max-height: 28rem; overflow-y: auto; }
  `];
}

customElements.define('ph-notice-receipts', NoticeReceiptsView);
declare global {
  interface HTMLElementTagNameMap { 'ph-notice-receipts': NoticeReceiptsView }
}
