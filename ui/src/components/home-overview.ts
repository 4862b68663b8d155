import { css, html, nothing } from 'lit';
import { PhElement } from './ph-element.js';
import type { HomeSummary, Role } from '../api/types.js';
import type { MessageKey } from '../i18n/index.js';
import { formatNumber } from '../i18n/format.js';
import { session, LEADER_ROLES, MANAGER_ROLES, STAFF_ROLES } from '../state/session.js';
import { classPath, PATHS } from '../router.js';
import { baseStyles } from '../styles/shared-styles.js';

type Overview = NonNullable<HomeSummary['overview']>;

const LINKS: readonly { href: string; label: MessageKey; hint: MessageKey; roles: readonly Role[] }[] = [
  { href: PATHS.school, label: 'school.title', hint: 'home.link.school', roles: STAFF_ROLES },
  { href: PATHS.years, label: 'years.title', hint: 'home.link.years', roles: STAFF_ROLES },
  { href: PATHS.groups, label: 'groups.title', hint: 'home.link.groups', roles: STAFF_ROLES },
  { href: PATHS.subjects, label: 'subjects.title', hint: 'home.link.subjects', roles: STAFF_ROLES },
  { href: PATHS.classes, label: 'classes.title', hint: 'home.link.classes', roles: STAFF_ROLES },
  { href: PATHS.people, label: 'people.title', hint: 'home.link.people', roles: MANAGER_ROLES },
  { href: PATHS.roster, label: 'roster.title', hint: 'home.link.roster', roles: MANAGER_ROLES },
  { href: PATHS.reports, label: 'rep.title', hint: 'rep.homeHint', roles: LEADER_ROLES },
  { href: PATHS.archive, label: 'arc.nav', hint: 'arc.homeHint', roles: LEADER_ROLES },
  { href: PATHS.caGuide, label: 'ca.title', hint: 'home.link.ca', roles: MANAGER_ROLES },
];

/**
 * The principal's, vice principal's and IT staff's overview: counts and class-size warnings (when
 * the school has a current year), and links to the management pages (always).
 */
export class HomeOverview extends PhElement {
  static override properties = { overview: { attribute: false } };
  declare overview: Overview | null;

  constructor() {
    super();
    this.overview = null;
  }

  override render() {
    const o = this.overview;
    return html`${session.hasAny(LEADER_ROLES) ? this.dashboardLink() : nothing}${o ? this.summary(o) : nothing}
      <section aria-labelledby="manage-title">
        <h2 id="manage-title">${this.t('home.manage')}</h2>
        <ul class="links">
          ${LINKS.filter((l) => session.hasAny(l.roles)).map((l) => html`
            <li><a href=${l.href}><span class="link-title">${this.t(l.label)}</span><span class="muted">${this.t(l.hint)}</span></a></li>`)}
        </ul>
      </section>`;
  }

  /** The principal's natural entry: the dashboard of the day (live lessons, attendance, approvals, equipment). */
  private dashboardLink() {
    return html`<a class="dashboard-link" href=${PATHS.dashboard}><span class="link-title">${this.t('dash.homeLink')}</span><span class="muted">${this.t('dash.homeLinkHint')}</span></a>`;
  }

  private summary(o: Overview) {
    const stats: { label: MessageKey; value: number; href: string }[] = [
      { label: 'home.students', value: o.students, href: `${PATHS.people}?kind=student` },
      { label: 'home.staff', value: o.staff, href: `${PATHS.people}?kind=staff` },
      { label: 'home.parents', value: o.parents, href: `${PATHS.people}?kind=parent` },
      { label: 'home.classes', value: o.classes, href: PATHS.classes },
    ];
    const canSeePeople = session.hasAny(MANAGER_ROLES);
    return html`
      <section aria-labelledby="overview-title">
        <h2 id="overview-title">${this.t('home.overview')}</h2>
        <ul class="stats">
          ${stats.map((s) => html`
            <li class="stat">
              <a href=${canSeePeople || s.href === PATHS.classes ? s.href : PATHS.home}>
                <span class="value">${formatNumber(s.value)}</span>
                <span class="label">${this.t(s.label)}</span>
              </a>
            </li>`)}
        </ul>
        ${o.oversizedClasses.length ? html`
          <div class="notice warning" role="note">
            <h3>${this.t('home.oversized', { count: o.oversizedClasses.length })}</h3>
            <ul class="oversized">
              ${o.oversizedClasses.map((c) => html`
                <li><a href=${classPath(c.id)}>${this.t('class.name', { name: c.name })}</a>:
                  ${c.sizeWarning ? this.t('class.sizeWarning', { count: c.sizeWarning.count, limit: c.sizeWarning.limit }) : nothing}</li>`)}
            </ul>
            ${session.hasAny(LEADER_ROLES) ? html`<p class="muted">${this.t('home.oversizedHint')}</p>` : nothing}
          </div>` : nothing}
      </section>`;
  }

  static override styles = [baseStyles, css`
    ul { list-style: none; margin: 0; padding: 0; }
    .stats { display: grid; gap: 1rem; grid-template-columns: repeat(auto-fit, minmax(min(100%, 12rem), 1fr)); margin-bottom: 1.25rem; }
    .stat a {
      display: flex; flex-direction: column; gap: 0.125rem; padding: 1.125rem 1.25rem; border-radius: var(--ph-radius);
      background: var(--ph-color-surface); border: 1px solid var(--ph-color-border); box-shadow: var(--ph-shadow);
      text-decoration: none; color: var(--ph-color-text); font-weight: 400;
    }
    .stat a:hover { border-color: var(--ph-color-primary); }
    .value { font-size: 2.25rem; font-weight: 800; color: var(--ph-color-primary); line-height: 1.1; font-variant-numeric: tabular-nums; }
    .label { font-size: 1rem; color: var(--ph-color-muted); font-weight: 600; }
    .notice h3 { margin: 0 0 0.5rem; font-size: 1.0625rem; }
    .oversized li { padding: 0.25rem 0; }
    .oversized a { color: #4a2d00; }
    .notice .muted { margin: 0.5rem 0 0; color: #5c4a2a; }
    .links { display: grid; gap: 0.75rem; grid-template-columns: repeat(auto-fill, minmax(min(100%, 17rem), 1fr)); }
    .links a {
      display: flex; flex-direction: column; gap: 0.25rem; min-height: 4.5rem; padding: 0.875rem 1.125rem; height: 100%;
      background: var(--ph-color-surface); border: 1px solid var(--ph-color-border); border-radius: var(--ph-radius); text-decoration: none; font-weight: 400;
    }
    .links a:hover { border-color: var(--ph-color-primary); background: var(--ph-color-primary-soft); }
    .link-title { font-weight: 700; color: var(--ph-color-primary); font-size: 1.0625rem; }
    .links .muted { font-size: 0.9375rem; }
    .dashboard-link {
      display: flex; flex-direction: column; gap: 0.25rem; margin-bottom: 1.5rem; padding: 1.125rem 1.375rem; border-radius: var(--ph-radius);
      background: var(--ph-color-primary); color: #fff; text-decoration: none; box-shadow: var(--ph-shadow);
    }
    .dashboard-link:hover { background: var(--ph-color-primary-hover); }
    .dashboard-link .link-title { color: #fff; font-size: 1.25rem; }
    .dashboard-link .muted { color: #d9e8ec; }
  `];
}

customElements.define('ph-home-overview', HomeOverview);
declare global {
  interface HTMLElementTagNameMap { 'ph-home-overview': HomeOverview }
}
