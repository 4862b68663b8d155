import { css, html, nothing } from 'lit';
import { PhElement } from '../components/ph-element.js';
import '../components/parent-threads.js';
import { api } from '../api/endpoints.js';
import type { SchoolClass } from '../api/types.js';
import { parentsApi, type ClassConsents, type Thread } from '../api/parents.js';
import { notifyError } from '../state/notify.js';
import type { MessageKey } from '../i18n/index.js';
import { baseStyles, formStyles, tableStyles } from '../styles/shared-styles.js';

const STATE_BADGE: Record<string, string> = { unanswered: 'warn', given: 'ok', withdrawn: 'neutral', child_refused: 'danger' };

/**
 * /dong-y-du-lieu — the principal: consent to processing students' data per class, who has not
 * answered (silence is not consent; Law 91/2025/QH15), the class's export, each student's data
 * export, and the class's parent–homeroom teacher threads for supervision (audited readings).
 */
export class ConsentsAdminPage extends PhElement {
  static override properties = { classes: { state: true }, classId: { state: true }, data: { state: true }, threads: { state: true } };
  declare classes: SchoolClass[] | null;
  declare classId: number | null;
  declare data: ClassConsents | null;
  declare threads: Thread[] | null;

  constructor() {
    super();
    this.classes = null;
    this.classId = null;
    this.data = null;
    this.threads = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.init();
  }

  private async init() {
    try {
      this.classes = await api.classes();
      const wanted = Number(new URLSearchParams(location.search).get('lop'));
      const first = this.classes.find((c) => c.id === wanted) ?? this.classes[0];
      if (first) await this.show(first.id);
    } catch (e) {
      notifyError(e);
    }
  }

  private async show(id: number) {
    this.classId = id;
    history.replaceState(null, '', `${location.pathname}?lop=${id}`);
    try {
      [this.data, this.threads] = await Promise.all([parentsApi.classConsents(id), parentsApi.supervised(id)]);
    } catch (e) {
      notifyError(e);
    }
  }

  override render() {
    const d = this.data;
    return html`
      <div class="page-head"><h1>${this.t('par.admin.title')}</h1></div>
      <p class="muted">${this.t('par.admin.intro')}</p>
      <div class="bar">
        <div class="field"><label for="cls">${this.t('par.admin.class')}</label>
          <select id="cls" @change=${(e: Event) => void this.show(Number((e.target as HTMLSelectElement).value))}>
            ${(this.classes ?? []).map((c) => html`<option value=${c.id} ?selected=${c.id === this.classId}>${c.name}</option>`)}
          </select></div>
        ${this.classId ? html`<a class="btn" href=${parentsApi.classConsentsXlsx(this.classId)} download>${this.t('par.admin.export')}</a>` : nothing}
      </div>
      ${d ? html`
        <ul class="sums">${d.texts.map((x) => html`<li class="card" title=${this.t('par.admin.unanswered', { title: x.title, n: d.unanswered[x.purpose] ?? 0 })}>
          <span class="n">${d.unanswered[x.purpose] ?? 0}</span><span>${x.title}</span><span class="muted">${this.t('par.consent.state.unanswered')}</span></li>`)}</ul>
        <div class="table-wrap"><table>
          <thead><tr><th>${this.t('par.admin.student')}</th>${d.texts.map((x) => html`<th>${x.title}</th>`)}<th>${this.t('par.admin.parents')}</th><th>${this.t('par.admin.data')}</th></tr></thead>
          <tbody>${d.students.map((s) => html`<tr>
            <td>${s.fullName}<br><span class="muted small">${s.personalId ?? ''}</span></td>
            ${s.statuses.map((st) => html`<td><span class="badge ${STATE_BADGE[st.state] ?? 'neutral'}">${this.t(`par.consent.state.${st.state}` as MessageKey)}</span></td>`)}
            <td class="c">${s.parentCount}</td>
            <td><a href=${parentsApi.exportUrl(s.id)} download>${this.t('par.admin.download')}</a></td>
          </tr>`)}</tbody>
        </table></div>
        <h2>${this.t('par.admin.threads')}</h2>
        <ph-parent-threads .items=${this.threads} .showParent=${true} .supervise=${true} empty=${this.t('par.admin.noThreads')}></ph-parent-threads>` : nothing}`;
  }

  static override styles = [baseStyles, formStyles, tableStyles, css`
    .bar { display: flex; flex-wrap: wrap; gap: 1rem; align-items: flex-end; margin-bottom: 1rem; }
    .bar .field { min-width: 12rem; }
    .sums { list-style: none; padding: 0; margin: 0 0 1rem; display: grid; gap: 0.5rem; grid-template-columns: repeat(auto-fit, minmax(min(100%, 14rem), 1fr)); }
    .sums li { padding: 0.75rem 1rem; display: flex; flex-direction: column; }
    .sums .n { font-size: 1.75rem; font-weight: 700; color: var(--ph-color-warning); }
    .small { font-size: 0.8125rem; }
    td.c { text-align: center; }
  `];
}

customElements.define('ph-consents-admin-page', ConsentsAdminPage);
declare global {
  interface HTMLElementTagNameMap { 'ph-consents-admin-page': ConsentsAdminPage }
}
