import { css, html, nothing } from 'lit';
import { PhElement } from '../components/ph-element.js';
import '../components/home-overview.js';
import '../components/home-teaching.js';
import '../components/home-learning.js';
import '../components/home-children.js';
import '../components/live-today.js';
import '../components/notice-list.js';
import { api } from '../api/endpoints.js';
import type { HomeSummary } from '../api/types.js';
import { session, LEADER_ROLES, MANAGER_ROLES } from '../state/session.js';
import { notifyError } from '../state/notify.js';
import { longDate, semesterLabel } from '../i18n/format.js';
import { PATHS } from '../router.js';
import { baseStyles } from '../styles/shared-styles.js';

/**
 * The first page after sign-in, per role: the principal's overview, the teacher's kiosk tiles
 * (large, for the touch screen in the teaching room), the student's class on a phone, the
 * parent's children. A person with several roles sees each of their sections.
 */
export class HomePage extends PhElement {
  static override properties = { summary: { state: true }, failed: { state: true } };
  declare summary: HomeSummary | null;
  declare failed: boolean;

  constructor() {
    super();
    this.summary = null;
    this.failed = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    delete document.documentElement.dataset.kiosk;
  }

  private async load() {
    this.failed = false;
    try {
      this.summary = await api.home();
    } catch (e) {
      this.failed = true;
      notifyError(e);
    }
  }

  private get teaching(): HomeSummary['teaching'] {
    const t = this.summary?.teaching;
    return t && (t.assignments.length > 0 || t.homeroom) ? t : null;
  }

  /** The kiosk layout (large type) whenever the page is only about teaching. */
  private get kiosk(): boolean {
    return !!this.teaching && !this.summary?.overview;
  }

  override updated(): void {
    // The header and the page width follow (see html[data-kiosk] in global.css).
    if (this.kiosk) document.documentElement.dataset.kiosk = '';
    else delete document.documentElement.dataset.kiosk;
  }

  private greeting() {
    const s = this.summary;
    const year = s?.schoolYear;
    return html`
      <div class="greeting">
        <h1>${this.t('home.hello', { name: session.me?.fullName ?? '' })}</h1>
        <p class="date">${longDate(new Date())}</p>
        ${year ? html`<p class="year">${this.t('home.schoolYear', { year: year.name })}${year.semester ? html` · ${this.t('home.semester', { n: semesterLabel(year.semester) })}` : nothing}</p>` : nothing}
      </div>`;
  }

  override render() {
    const s = this.summary;
    if (this.failed) return html`<p class="notice error">${this.t('state.loadFailed')}</p><button class="btn" @click=${this.load}>${this.t('action.retry')}</button>`;
    if (!s) return html`<p class="muted" role="status">${this.t('state.loading')}</p>`;
    const teaching = this.teaching;
    const kiosk = this.kiosk;
    return html`
      <div class=${kiosk ? 'kiosk' : ''}>
        ${this.greeting()}
        ${!s.schoolYear ? html`<p class="notice warning">${this.t('home.noYear')}
          ${session.hasAny(LEADER_ROLES) ? html`<a href=${PATHS.years}>${this.t('years.title')}</a>` : nothing}</p>` : nothing}
        ${s.overview || session.hasAny(MANAGER_ROLES) ? html`<ph-home-overview .overview=${s.overview}></ph-home-overview>` : nothing}
        ${teaching || s.learning || s.children ? html`<ph-live-today ?kiosk=${kiosk}></ph-live-today>` : nothing}
        ${teaching ? html`<ph-home-teaching .teaching=${teaching} ?kiosk=${kiosk}></ph-home-teaching>` : nothing}
        ${s.learning ? html`<ph-home-learning .learning=${s.learning}></ph-home-learning>` : nothing}
        ${s.children ? html`<ph-home-children .items=${s.children}></ph-home-children>` : nothing}
        ${s.learning || s.children ? html`<ph-notice-list></ph-notice-list>` : nothing}
      </div>`;
  }

  static override styles = [baseStyles, css`
    .greeting { margin-bottom: 1.5rem; }
    .greeting h1 { margin-bottom: 0.25rem; }
    .date { font-size: 1.125rem; font-weight: 600; color: var(--ph-color-primary); margin: 0; }
    .year { margin: 0.25rem 0 0; color: var(--ph-color-muted); }
    .kiosk { font-size: 1.25rem; }
    .kiosk .greeting h1 { font-size: 2.5rem; }
    .kiosk .date { font-size: 1.625rem; }
    .kiosk .year { font-size: 1.375rem; }
  `];
}

customElements.define('ph-home-page', HomePage);
declare global {
  interface HTMLElementTagNameMap { 'ph-home-page': HomePage }
}
