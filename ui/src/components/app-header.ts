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
  /** The header group holding this item when a role sees many items; none = a plain link. */
  group?: NavGroup;
  /** The label inside the group's panel when it differs from the plain link's (e.g. "Nhà trường" → "Thông tin nhà trường"). */
  panelLabel?: MessageKey;
}

/**
 * Groups of the header, in the school's words. A role that sees many items (the principal ~23, a
 * teacher ~16) gets plain links plus one button per group, so the navigation stays on one row on a
 * laptop and the teaching room's kiosk; a role that sees few (students, parents, IT staff) keeps
 * the flat row. A group holding one item for a role is shown as a plain link.
 */
type NavGroup = 'school' | 'teaching' | 'assessment' | 'records';
const GROUP_LABELS: Record<NavGroup, MessageKey> = {
  school: 'nav.group.school',
  teaching: 'nav.group.teaching',
  assessment: 'nav.group.assessment',
  records: 'nav.group.records',
};
/** At most this many items (the certificate guide not counted): one flat row of links, no groups. */
const FLAT_MAX = 9;

type NavEntry = { kind: 'link'; item: NavItem } | { kind: 'group'; group: NavGroup; items: NavItem[] };

/** The role's items as the header shows them: in NAV order, each group where its first item is. */
function navEntries(items: readonly NavItem[]): NavEntry[] {
  if (items.length <= FLAT_MAX) return items.map((item) => ({ kind: 'link', item }));
  const entries: NavEntry[] = [];
  const byGroup = new Map<NavGroup, NavItem[]>();
  for (const item of items) {
    if (!item.group) { entries.push({ kind: 'link', item }); continue; }
    const members = byGroup.get(item.group);
    if (members) { members.push(item); continue; }
    const fresh = [item];
    byGroup.set(item.group, fresh);
    entries.push({ kind: 'group', group: item.group, items: fresh });
  }
  return entries.map((e) => (e.kind === 'group' && e.items.length === 1 ? { kind: 'link', item: e.items[0]! } : e));
}

// In the order of a school's work: the school, then teaching and learning, then assessment, then
// administration. Each role sees only its items (the server checks again).
const TEACHING: readonly Role[] = ['principal', 'vice_principal', 'group_leader', 'teacher'];
const NAV: readonly NavItem[] = [
  { href: PATHS.home, label: 'nav.home' },
  { href: PATHS.dashboard, label: 'dash.nav', roles: ['principal', 'vice_principal'] },
  { href: PATHS.school, group: 'school', label: 'nav.school', roles: STAFF_ROLES, also: [PATHS.years, PATHS.groups, PATHS.subjects], panelLabel: 'nav.schoolInfo' },
  { href: PATHS.classes, group: 'school', label: 'nav.classes', roles: STAFF_ROLES },
  { href: PATHS.curriculum, group: 'teaching', label: 'cur.nav', roles: STAFF_ROLES },
  { href: PATHS.teachingPlans, group: 'teaching', label: 'plans.nav', roles: TEACHING },
  { href: PATHS.decisions, group: 'school', label: 'dec.nav', roles: ['principal', 'vice_principal'] },
  { href: PATHS.notices, group: 'school', label: 'notices.nav', roles: ['principal', 'vice_principal'] },
  { href: PATHS.disclosureEdit, group: 'school', label: 'disc.nav', roles: ['principal', 'vice_principal'] },
  { href: PATHS.materials, group: 'teaching', label: 'mat.nav' },
  { href: PATHS.h5p, group: 'teaching', label: 'h5p.nav', roles: [...STAFF_ROLES, 'student'] },
  { href: PATHS.questions, group: 'assessment', label: 'qb.nav', roles: TEACHING },
  { href: PATHS.quizzes, group: 'assessment', label: 'quiz.nav', roles: ['principal', 'vice_principal', 'teacher', 'student'] },
  { href: PATHS.tasks, group: 'teaching', label: 'nav.tasks', roles: [...TEACHING, 'student', 'parent'] },
  { href: PATHS.qa, group: 'teaching', label: 'nav.qa', roles: ['principal', 'vice_principal', 'teacher', 'student'] },
  { href: PATHS.progress, group: 'teaching', label: 'nav.progress', roles: ['principal', 'vice_principal', 'teacher', 'student', 'parent'] },
  { href: PATHS.gradebook, group: 'assessment', label: 'gb.nav', roles: ['principal', 'vice_principal', 'teacher'] },
  { href: PATHS.reports, group: 'records', label: 'rep.nav', roles: ['principal', 'vice_principal', 'teacher'] },
  { href: PATHS.archive, group: 'records', label: 'arc.nav', roles: ['principal', 'vice_principal'] },
  { href: PATHS.learningResults, group: 'assessment', label: 'gb.navResults', roles: ['student', 'parent'] },
  { href: PATHS.people, group: 'school', label: 'nav.people', roles: MANAGER_ROLES },
  { href: PATHS.roster, group: 'school', label: 'nav.roster', roles: MANAGER_ROLES },
  { href: IT_PATHS.console, label: 'nav.it', roles: ['it_staff', 'principal'], also: [IT_PATHS.devices, IT_PATHS.cameras] },
  { href: IT_PATHS.kioskPin, label: 'nav.kioskPin', roles: ['teacher'] },
  // Parents (Art. 16.2): the parent's corner, the homeroom teacher's inbox, the principal's consent records.
  { href: PATHS.parents, label: 'par.nav', roles: ['parent'] },
  { href: PATHS.parentInbox, group: 'teaching', label: 'par.inbox.nav', roles: ['teacher'] },
  { href: PATHS.consentsAdmin, group: 'school', label: 'par.admin.nav', roles: ['principal'] },
];

/** School name, navigation, who is signed in, language, sign-out. */
export class AppHeader extends PhElement {
  static override properties = {
    path: {}, me: { attribute: false }, schoolName: { attribute: false }, openGroup: { state: true },
  };
  declare path: string;
  declare me: Me | null;
  declare schoolName: string | null;
  /** The one group whose panel is open, if any. */
  declare openGroup: NavGroup | null;

  constructor() {
    super();
    this.path = '/';
    this.me = null;
    this.schoolName = null;
    this.openGroup = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('click', this.onDocumentClick);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('click', this.onDocumentClick);
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    // A new page or another user: no panel stays open.
    if (changed.has('path') || changed.has('me')) this.openGroup = null;
  }

  /** A click anywhere outside the open group (its button and panel) closes it. */
  private readonly onDocumentClick = (e: MouseEvent) => {
    if (!this.openGroup) return;
    const li = this.groupItem(this.openGroup);
    if (!li || !e.composedPath().includes(li)) this.openGroup = null;
  };

  private groupItem(group: NavGroup): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>(`li[data-group="${group}"]`);
  }

  private isCurrent(item: NavItem): boolean {
    if (item.href === PATHS.home) return this.path === PATHS.home;
    return this.path === item.href || this.path.startsWith(`${item.href}/`) || (item.also ?? []).includes(this.path);
  }

  private toggle(group: NavGroup) {
    this.openGroup = this.openGroup === group ? null : group;
  }

  /** Opens a group and moves the focus to its first (or last) link. */
  private async openAndFocus(group: NavGroup, which: 'first' | 'last') {
    this.openGroup = group;
    await this.updateComplete;
    const links = [...(this.groupItem(group)?.querySelectorAll<HTMLElement>('.panel a') ?? [])];
    (which === 'first' ? links[0] : links[links.length - 1])?.focus();
  }

  private closeAndFocusButton(group: NavGroup) {
    this.openGroup = null;
    this.groupItem(group)?.querySelector<HTMLElement>('button')?.focus();
  }

  private onButtonKeydown(e: KeyboardEvent, group: NavGroup) {
    // Enter and Space click the button (native); the arrows open it and enter the list.
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      void this.openAndFocus(group, e.key === 'ArrowDown' ? 'first' : 'last');
    }
  }

  private onGroupKeydown(e: KeyboardEvent, group: NavGroup) {
    if (e.key === 'Escape' && this.openGroup === group) {
      e.preventDefault();
      e.stopPropagation();
      this.closeAndFocusButton(group);
      return;
    }
    const links = [...(this.groupItem(group)?.querySelectorAll<HTMLElement>('.panel a') ?? [])];
    // Only keys pressed on a panel link move between links (the button's arrows are handled above).
    const at = e.target instanceof HTMLElement ? links.indexOf(e.target) : -1;
    if (at < 0) return;
    const next = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: links.length - 1 }[e.key];
    if (next === undefined) return;
    e.preventDefault();
    links[(next + links.length) % links.length]?.focus();
  }

  /** Tabbing out of an open group closes it (a click outside is handled by the document listener). */
  private onGroupFocusout(e: FocusEvent, group: NavGroup) {
    const to = e.relatedTarget;
    if (this.openGroup === group && to instanceof Node && !this.groupItem(group)?.contains(to)) this.openGroup = null;
  }

  private onPanelClick(e: Event) {
    if (e.target instanceof Element && e.target.closest('a')) this.openGroup = null;
  }

  private logout() {
    this.dispatchEvent(new CustomEvent('ph-logout', { bubbles: true, composed: true }));
  }

  private renderLink(item: NavItem) {
    return html`<li><a href=${item.href} aria-current=${this.isCurrent(item) ? 'page' : 'false'}>${this.t(item.label)}</a></li>`;
  }

  private renderGroup(group: NavGroup, items: readonly NavItem[]) {
    const open = this.openGroup === group;
    const current = items.some((i) => this.isCurrent(i));
    const panelId = `nav-panel-${group}`;
    return html`
      <li class="group" data-group=${group} @keydown=${(e: KeyboardEvent) => this.onGroupKeydown(e, group)}
        @focusout=${(e: FocusEvent) => this.onGroupFocusout(e, group)}>
        <button type="button" aria-expanded=${open ? 'true' : 'false'} aria-controls=${panelId} aria-current=${current ? 'true' : nothing}
          @click=${() => this.toggle(group)} @keydown=${(e: KeyboardEvent) => this.onButtonKeydown(e, group)}>
          ${this.t(GROUP_LABELS[group])}<span class="caret" aria-hidden="true">▾</span>
        </button>
        <ul class="panel" id=${panelId} ?hidden=${!open} @click=${this.onPanelClick}>
          ${items.map((i) => html`<li><a href=${i.href} aria-current=${this.isCurrent(i) ? 'page' : 'false'}>${this.t(i.panelLabel ?? i.label)}</a></li>`)}
        </ul>
      </li>`;
  }

  override render() {
    const { me, schoolName } = this;
    const items = NAV.filter((n) => !n.roles || !!me?.roles.some((r) => n.roles?.includes(r)));
    const entries = navEntries(items);
    const grouped = entries.some((e) => e.kind === 'group');
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
        <nav aria-label=${this.t('nav.label')} class=${grouped ? 'grouped' : 'flat'}>
          <ul class="row">
            ${entries.map((e) => (e.kind === 'link' ? this.renderLink(e.item) : this.renderGroup(e.group, e.items)))}
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
    /* Few items: all in a row (wrapping if ever needed). Many: plain links and group buttons on one row.
       A phone: one scrolling row; an open panel spans the screen under it. */
    nav { position: relative; }
    .row { display: flex; flex-wrap: wrap; gap: 0 0.25rem; margin: 0; padding: 0 0 0.25rem; list-style: none; }
    .row > li.end { margin-left: auto; }
    .row > li > a, .group > button {
      display: inline-flex; align-items: center; gap: 0.375rem; min-height: var(--ph-target, 2.75rem); padding: 0 0.875rem; white-space: nowrap;
      color: #fff; text-decoration: none; font: inherit; font-weight: 500; border-radius: var(--ph-radius-small) var(--ph-radius-small) 0 0;
      border: 0; border-bottom: 4px solid transparent; background: transparent; cursor: pointer;
    }
    .row > li > a:hover, .group > button:hover { background: rgba(255,255,255,0.1); }
    .row > li > a[aria-current='page'], .group > button[aria-current] { border-bottom-color: var(--ph-color-focus); font-weight: 700; }
    .group { position: relative; }
    .group > button[aria-expanded='true'] { background: rgba(255,255,255,0.18); }
    .caret { font-size: 0.75em; }
    .group > button[aria-expanded='true'] .caret { transform: rotate(180deg); }
    .panel {
      position: absolute; top: 100%; left: 0; z-index: 30; min-width: 17em; margin: 0; padding: 0.375rem; list-style: none;
      display: flex; flex-direction: column; gap: 0.125rem;
      background: #fff; color: var(--ph-color-text); border-radius: 0 0 var(--ph-radius-small) var(--ph-radius-small);
      box-shadow: 0 10px 28px rgba(16, 32, 48, 0.28); border-top: 4px solid var(--ph-color-focus);
    }
    .panel[hidden] { display: none; }
    .panel a {
      display: flex; align-items: center; min-height: max(var(--ph-target, 2.75rem), 3rem); padding: 0 1rem; white-space: nowrap;
      color: var(--ph-color-text); text-decoration: none; font-weight: 500; border-radius: var(--ph-radius-small); border-left: 4px solid transparent;
    }
    .panel a:hover { background: #e8f0f2; }
    .panel a[aria-current='page'] { border-left-color: var(--ph-color-primary); background: #e8f0f2; font-weight: 700; color: var(--ph-color-primary); }
    .panel a:focus-visible { outline-color: var(--ph-color-primary); outline-offset: -3px; }
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
      .row { flex-wrap: nowrap; overflow-x: auto; scrollbar-width: thin; }
      .group { position: static; }
      .panel { left: -1rem; right: -1rem; min-width: 0; max-height: 70vh; overflow-y: auto; border-radius: 0; }
      .panel a { white-space: normal; }
    }
  `];
}

customElements.define('ph-app-header', AppHeader);
declare global {
  interface HTMLElementTagNameMap { 'ph-app-header': AppHeader }
}
