import { css, html, nothing } from 'lit';
import { PhElement } from './ph-element.js';
import { viDateTime, type Thread } from '../api/parents.js';
import { baseStyles } from '../styles/shared-styles.js';

export const threadPath = (id: number, supervise = false) => `/phu-huynh/tin-nhan/${id}${supervise ? '?giam-sat=1' : ''}`;

/** A list of parent–homeroom teacher threads: subject, child and class, last activity, unread count. */
export class ParentThreads extends PhElement {
  static override properties = { items: { attribute: false }, showStudent: { type: Boolean }, showParent: { type: Boolean }, supervise: { type: Boolean }, empty: { type: String } };
  declare items: Thread[] | null;
  declare showStudent: boolean;
  declare showParent: boolean;
  declare supervise: boolean;
  declare empty: string;

  constructor() {
    super();
    this.items = null;
    this.showStudent = false;
    this.showParent = false;
    this.supervise = false;
    this.empty = '';
  }

  override render() {
    if (!this.items) return nothing;
    if (!this.items.length) return html`<p class="muted">${this.empty || this.t('par.noThreads')}</p>`;
    return html`<ul>${this.items.map((th) => html`
      <li><a class="card ${th.unread ? 'unread' : ''}" href=${threadPath(th.id, this.supervise)}>
        <span class="top"><strong class="subj">${th.subject}</strong>
          ${th.unread ? html`<span class="badge warn">${this.t('par.unread', { n: th.unread })}</span>` : nothing}</span>
        <span class="muted">${[
          this.showStudent || this.showParent ? `${th.studentName} · ${th.className}` : '',
          this.showParent ? th.parentName : th.homeroomTeacherName ?? '',
        ].filter(Boolean).join(' · ')}</span>
        <span class="muted when">${viDateTime(th.lastMessageAt)} · ${th.messageCount} ✉</span>
      </a></li>`)}</ul>`;
  }

  static override styles = [baseStyles, css`
    ul { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 0.5rem; }
    a.card { display: flex; flex-direction: column; gap: 0.125rem; text-decoration: none; color: inherit; font-weight: 400; padding: 0.75rem 1rem; min-height: 3rem; }
    a.unread { border-left: 6px solid var(--ph-color-accent); }
    .top { display: flex; justify-content: space-between; gap: 0.5rem; align-items: baseline; }
    .subj { overflow-wrap: anywhere; }
    .when { font-size: 0.875rem; }
  `];
}

customElements.define('ph-parent-threads', ParentThreads);
declare global {
  interface HTMLElementTagNameMap { 'ph-parent-threads': ParentThreads }
}
