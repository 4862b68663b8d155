import { css, html, nothing } from 'lit';
import { boxSizing } from '../styles/shared-styles.js';
import { PhElement } from './ph-element.js';
import './language-switch.js';
import { MANAGER_ROLES, STAFF_ROLES } from '../state/session.js';
import { mainRoleName } from '../i18n/labels.js';
import { PATHS } from '../router.js';
import { IT_PATHS } from './it-paths.js';
import type { MessageKey } from '../i18n/index.js';
import type { Me, Role } from '../api/types.js';

interface NavItem {
  href: string;
  label: MessageKey;
  roles?: readonly Role[];
  /** Other paths under this item (e.g. the school structure pages under "Nhà trường"). */
  also?: readonly string[];
}

// In the order of a school's work: the school, then teaching and learning, then assessment, then
// administration. Each role sees only its items (the server checks again).
const TEACHING: readonly Role[] = ['principal', 'vice_principal', 'group_leader', 'teacher'];
const NAV: readonly NavItem[] = [
  { href: PATHS.home, label: 'nav.home' },
  { href: PATHS.school, label: 'nav.school', roles: STAFF_ROLES, also: [PATHS.years, PATHS.groups, PATHS.subjects] },
  { href: PATHS.classes, label: 'nav.classes', roles: STAFF_ROLES },
  { href: PATHS.curriculum, label: 'cur.nav', roles: STAFF_ROLES },
  { href: PATHS.decisions, label: 'dec.nav', roles: ['principal', 'vice_principal'] },
  { href: PATHS.materials, label: 'mat.nav' },
  { href: PATHS.h5p, label: 'h5p.nav', roles: [...STAFF_ROLES, 'student'] },
  { href: PATHS.questions, label: 'qb.nav', roles: TEACHING },
  { href: PATHS.quizzes, label: 'quiz.nav', roles: ['principal', 'vice_principal', 'teacher', 'student'] },
  { href: PATHS.tasks, label: 'nav.tasks', roles: [...TEACHING, 'student', 'parent'] },
  { href: PATHS.qa, label: 'nav.qa', roles: ['principal', 'vice_principal', 'teacher', 'student'] },
  { href: PATHS.progress, label: 'nav.progress', roles: ['principal', 'vice_principal', 'teacher', 'student', 'parent'] },
  { href: PATHS.gradebook, label: 'gb.nav', roles: ['principal', 'vice_principal', 'teacher'] },
  { href: PATHS.learningResults, label: 'gb.navResults', roles: ['student', 'parent'] },
  { href: PATHS.people, label: 'nav.people', roles: MANAGER_ROLES },
  { href: PATHS.roster, label: 'nav.roster', roles: MANAGER_ROLES },
  { href: IT_PATHS.console, label: 'nav.it', roles: ['it_staff', 'principal'], also: [IT_PATHS.devices, IT_PATHS.cameras] },
  { href: IT_PATHS.kioskPin, label: 'nav.kioskPin', roles: ['teacher'] },
];

/** School name, navigation, who is signed in, language, sign-out. */
export class AppHeader extends PhElement {
  static override properties = { path: {}, me: { attribute: false }, schoolName: { attribute: false } };
  declare path: string;
  declare me: Me | null;
  declare schoolName: string | null;

  constructor() {
    super();
    this.path = '/';
    this.me = null;
    this.schoolName = null;
  }

  private isCurrent(item: NavItem): boolean {
    if (item.href === PATHS.home) return this.path === PATHS.home;
    return this.path === item.href || this.path.startsWith(`${item.href}/`) || (item.also ?? []).includes(this.path);
  }

  private logout() {
    this.dispatchEvent(new CustomEvent('ph-logout', { bubbles: true, composed: true }));
  }

  override render() {
    const { me, schoolName } = this;
    const items = NAV.filter((n) => !n.roles || !!me?.roles.some((r) => n.roles?.includes(r)));
    return html`
      <header>
        <div class="bar">
          <a class="brand" href=${PATHS.home}>
            <svg viewBox="0 0 32 32" aria-hidden="true"><rect width="32" height="32" rx="7" fill="#f2a900"/><path d="M6 10.5 16 6l10 4.5-10 4.5z" fill="#0f4c5c"/><path d="M10 13.5v5.5c0 2 2.7 3.5 6 3.5s6-1.5 6-3.5v-5.5l-6 2.7z" fill="#0f4c5c"/><path d="M25 11v7" stroke="#0f4c5c" stroke-width="1.6"/></svg>
            <span class="names">
              <span class="school">${schoolName ?? this.t('app.name')}</span>
              <span class="product">${this.t('app.name')}</span>
            </span>
          </a>
          <div class="tools">
            ${me ? html`
              <span class="who">
                <span class="name">${me.fullName}</span>
                <span class="role">${mainRoleName(me.roles)}</span>
              </span>` : nothing}
            <ph-language-switch></ph-language-switch>
            ${me ? html`<button class="logout" type="button" @click=${this.logout}>${this.t('action.logout')}</button>` : nothing}
          </div>
        </div>
        <nav aria-label=${this.t('nav.label')}>
          <ul>
            ${items.map((n) => html`<li><a href=${n.href} aria-current=${this.isCurrent(n) ? 'page' : 'false'}>${this.t(n.label)}</a></li>`)}
            <li class="end"><a href=${PATHS.caGuide} aria-current=${this.path === PATHS.caGuide ? 'page' : 'false'}>${this.t('nav.ca')}</a></li>
          </ul>
        </nav>
      </header>`;
  }

  static override styles = [boxSizing, css`
    :host { display: block; background: var(--ph-color-primary); color: #fff; font-size: var(--ph-chrome-font, 1rem); }
    header { max-width: var(--ph-content-width); margin: 0 auto; padding: 0 1rem; }
    .bar { display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between; gap: 0.5rem 1rem; padding: 0.625rem 0; }
    .brand { display: flex; align-items: center; gap: 0.75rem; color: inherit; text-decoration: none; min-width: 0; border-radius: var(--ph-radius-small); }
    .brand svg { width: 2.5rem; height: 2.5rem; flex: none; }
    .names { display: flex; flex-direction: column; min-width: 0; }
    .school { font-weight: 700; font-size: 1.125em; line-height: 1.3; }
    .product { font-size: 0.875em; opacity: 0.85; }
    .tools { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem 0.75rem; margin-left: auto; }
    .who { display: flex; flex-direction: column; text-align: right; line-height: 1.3; }
    .name { font-weight: 600; }
    .role { font-size: 0.875em; opacity: 0.9; }
    ph-language-switch { --ph-switch-border: rgba(255,255,255,0.6); --ph-switch-color: #fff; --ph-switch-active-bg: #fff; --ph-switch-active-color: var(--ph-color-primary); }
    .logout {
      min-height: var(--ph-target, 2.75rem); padding: 0 1rem; border-radius: var(--ph-radius-small); cursor: pointer;
      font: inherit; font-weight: 600; color: #fff; background: transparent; border: 1px solid rgba(255,255,255,0.7);
    }
    .logout:hover { background: rgba(255,255,255,0.12); }
    /* All items visible on a laptop or the kiosk (two rows when needed); one scrolling row on a phone. */
    nav ul { display: flex; flex-wrap: wrap; gap: 0 0.25rem; margin: 0; padding: 0 0 0.25rem; list-style: none; }
    nav li.end { margin-left: auto; }
    nav a {
      display: inline-flex; align-items: center; min-height: var(--ph-target, 2.75rem); padding: 0 0.875rem; white-space: nowrap;
      color: #fff; text-decoration: none; font-weight: 500; border-radius: var(--ph-radius-small) var(--ph-radius-small) 0 0;
      border-bottom: 4px solid transparent;
    }
    nav a:hover { background: rgba(255,255,255,0.1); }
    nav a[aria-current='page'] { border-bottom-color: var(--ph-color-focus); font-weight: 700; }
    a:focus-visible, button:focus-visible { outline: 3px solid var(--ph-color-focus); outline-offset: 2px; }
    /* Phone: school and sign-out on the first row, who and language on the second. */
    @media (max-width: 40rem) {
      .bar { display: grid; grid-template-columns: minmax(0, 1fr) auto; grid-template-areas: 'brand logout' 'who lang'; gap: 0.5rem 0.75rem; }
      .tools { display: contents; }
      .brand { grid-area: brand; }
      .logout { grid-area: logout; padding: 0 0.75rem; white-space: nowrap; }
      .who { grid-area: who; text-align: left; min-width: 0; }
      ph-language-switch { grid-area: lang; }
      .product { display: none; }
      nav ul { flex-wrap: nowrap; overflow-x: auto; scrollbar-width: thin; }
    }
  `];
}

customElements.define('ph-app-header', AppHeader);
declare global {
  interface HTMLElementTagNameMap { 'ph-app-header': AppHeader }
}
