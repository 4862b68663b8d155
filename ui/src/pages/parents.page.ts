import { css, html, nothing } from 'lit';
import { PhElement } from '../components/ph-element.js';
import '../components/notice-list.js';
import '../components/parent-threads.js';
import { parentsApi, type Child, type Thread } from '../api/parents.js';
import { notifyError } from '../state/notify.js';
import { baseStyles } from '../styles/shared-styles.js';

export const parentChildPath = (id: number) => `/phu-huynh/con/${id}`;

/**
 * /phu-huynh — the parent's corner (Art. 15.1.e, 16.2), phone first: their children (each opens
 * the child's lessons, attendance, results and comments), the school's notices and the messages
 * with the homeroom teachers.
 */
export class ParentsPage extends PhElement {
  static override properties = { children_: { state: true }, threads: { state: true } };
  declare children_: Child[] | null;
  declare threads: Thread[] | null;

  constructor() {
    super();
    this.children_ = null;
    this.threads = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load() {
    try {
      [this.children_, this.threads] = await Promise.all([parentsApi.children(), parentsApi.threads()]);
    } catch (e) {
      notifyError(e);
    }
  }

  override render() {
    const kids = this.children_;
    return html`
      <div class="page-head"><h1>${this.t('par.title')}</h1></div>
      <p class="muted">${this.t('par.intro')}</p>
      <section aria-labelledby="kids">
        <h2 id="kids">${this.t('par.children')}</h2>
        ${kids && !kids.length ? html`<p class="notice">${this.t('par.noChildren')}</p>` : nothing}
        <ul class="kids">${(kids ?? []).map((c) => html`
          <li><a class="card kid" href=${parentChildPath(c.id)}>
            <span class="name">${c.fullName}</span>
            <span class="cls">${c.className ? this.t('par.class', { name: c.className }) : this.t('par.noClass')}</span>
            ${c.homeroomTeacherName ? html`<span class="muted">${this.t('par.homeroom', { name: c.homeroomTeacherName })}</span>` : nothing}
            <span class="go">${this.t('par.open')} →</span>
          </a></li>`)}
        </ul>
      </section>
      <section aria-labelledby="msgs">
        <h2 id="msgs">${this.t('par.myThreads')}</h2>
        <ph-parent-threads .items=${this.threads} .showStudent=${true}></ph-parent-threads>
      </section>
      <ph-notice-list heading=${this.t('par.notices')}></ph-notice-list>`;
  }

  static override styles = [baseStyles, css`
    .kids { list-style: none; margin: 0; padding: 0; display: grid; gap: 0.75rem; grid-template-columns: repeat(auto-fill, minmax(min(100%, 18rem), 1fr)); }
    a.kid { display: flex; flex-direction: column; gap: 0.25rem; text-decoration: none; color: inherit; border-left: 6px solid var(--ph-color-primary); font-weight: 400; min-height: 3rem; }
    .name { font-size: 1.25rem; font-weight: 700; }
    .cls { color: var(--ph-color-primary); font-weight: 600; }
    .go { color: var(--ph-color-primary); font-weight: 600; margin-top: 0.25rem; }
    ph-notice-list { margin-top: 1.5rem; }
  `];
}

customElements.define('ph-parents-page', ParentsPage);
declare global {
  interface HTMLElementTagNameMap { 'ph-parents-page': ParentsPage }
}
