import { css, html } from 'lit';
import { boxSizing } from '../styles/shared-styles.js';
import { PhElement } from './ph-element.js';
import type { MessageKey } from '../i18n/index.js';
import { PATHS } from '../router.js';

const TABS: readonly { href: string; label: MessageKey }[] = [
  { href: PATHS.school, label: 'school.tab' },
  { href: PATHS.years, label: 'years.title' },
  { href: PATHS.groups, label: 'groups.title' },
  { href: PATHS.subjects, label: 'subjects.title' },
  { href: PATHS.classes, label: 'classes.title' },
];

/** Sub-navigation between the school structure pages. */
export class SchoolTabs extends PhElement {
  override render() {
    const path = location.pathname;
    return html`
      <nav aria-label=${this.t('school.structure')}>
        <ul>
          ${TABS.map((tab) => html`<li><a href=${tab.href} aria-current=${path === tab.href ? 'page' : 'false'}>${this.t(tab.label)}</a></li>`)}
        </ul>
      </nav>`;
  }

  static override styles = [boxSizing, css`
    :host { display: block; margin-bottom: 1.25rem; }
    ul { display: flex; gap: 0.5rem; margin: 0; padding: 0; list-style: none; overflow-x: auto; border-bottom: 2px solid var(--ph-color-border); }
    a {
      display: inline-flex; align-items: center; min-height: 2.75rem; padding: 0 1rem; white-space: nowrap;
      color: var(--ph-color-muted); font-weight: 600; text-decoration: none; border-bottom: 4px solid transparent; margin-bottom: -2px;
    }
    a:hover { color: var(--ph-color-primary); }
    a[aria-current='page'] { color: var(--ph-color-primary); border-bottom-color: var(--ph-color-primary); }
    a:focus-visible { outline: 3px solid var(--ph-color-focus); outline-offset: -3px; }
  `];
}

customElements.define('ph-school-tabs', SchoolTabs);
declare global {
  interface HTMLElementTagNameMap { 'ph-school-tabs': SchoolTabs }
}
