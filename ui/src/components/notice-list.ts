import { css, html, nothing } from 'lit';
import { PhElement } from './ph-element.js';
import { noticesApi, schoolDateTime, type MyNotice } from '../api/notices.js';
import { notifyError } from '../state/notify.js';
import { baseStyles } from '../styles/shared-styles.js';

declare global {
  interface HTMLElementEventMap {
    /** The number of unread notices, after loading and after each "read". */
    'notices-unread': CustomEvent<{ unread: number }>;
  }
}

/**
 * The signed-in student's or parent's notices from the school (Art. 15.1.e): unread first, each
 * with an "Đã đọc" acknowledgement that records the reading once per person (a parent of two
 * children reads once). Used on the home page and by the parents' page.
 */
export class NoticeList extends PhElement {
  static override properties = {
    heading: { type: String },
    items: { state: true },
    failed: { state: true },
    open: { state: true },
    busy: { state: true },
  };
  /** The section heading; empty for none. */
  declare heading: string | undefined;
  declare items: MyNotice[] | null;
  declare failed: boolean;
  declare open: Set<number>;
  declare busy: number | null;

  constructor() {
    super();
    this.items = null;
    this.failed = false;
    this.open = new Set();
    this.busy = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  async load() {
    this.failed = false;
    try {
      this.items = await noticesApi.mine();
      this.announce();
    } catch (e) {
      this.failed = true;
      notifyError(e);
    }
  }

  private announce() {
    const unread = (this.items ?? []).filter((n) => !n.readAt).length;
    this.dispatchEvent(new CustomEvent('notices-unread', { detail: { unread }, bubbles: true, composed: true }));
  }

  private async markRead(n: MyNotice) {
    this.busy = n.id;
    try {
      const { readAt } = await noticesApi.markRead(n.id);
      // Stays in place until the next visit (moving it under the reader's finger would be confusing).
      this.items = (this.items ?? []).map((x) => (x.id === n.id ? { ...x, readAt } : x));
      this.announce();
    } catch (e) {
      notifyError(e);
    } finally {
      this.busy = null;
    }
  }

  private toggle(id: number) {
    const open = new Set(this.open);
    if (open.has(id)) open.delete(id);
    else open.add(id);
    this.open = open;
  }

  private notice(n: MyNotice) {
    const long = n.body.length > 280 || n.body.split('\n').length > 5;
    const expanded = !long || this.open.has(n.id);
    return html`
      <li class="card ${n.readAt ? 'read' : 'unread'}" data-notice=${n.id}>
        <div class="top">
          <span class="badge ${n.kind === 'general' ? 'neutral' : 'warn'}">${this.t(`notices.kind.${n.kind}` as const)}</span>
          ${n.readAt ? nothing : html`<span class="badge danger">${this.t('notices.new')}</span>`}
        </div>
        <h3>${n.title}</h3>
        <p class="meta">${this.t('notices.from', { name: n.authorName, at: schoolDateTime(n.publishedAt) })}</p>
        ${n.children.length ? html`<p class="children">${this.t('notices.forChildren', {
          names: n.children.map((c) => this.t('notices.child', { name: c.fullName, class: c.className })).join('; '),
        })}</p>` : nothing}
        ${n.supersededById ? html`<p class="notice warning">${this.t('notices.superseded')}</p>` : nothing}
        ${n.supersedesId ? html`<p class="notice">${this.t('notices.supersedes')}</p>` : nothing}
        <div class="body ${expanded ? '' : 'clamped'}">${n.body}</div>
        <div class="actions">
          ${long ? html`<button class="btn" @click=${() => this.toggle(n.id)} aria-expanded=${expanded ? 'true' : 'false'}>${this.t(expanded ? 'notices.less' : 'notices.more')}</button>` : nothing}
          ${n.readAt
            ? html`<span class="read-at">✓ ${this.t('notices.readAt', { at: schoolDateTime(n.readAt) })}</span>`
            : html`<button class="btn primary ack" ?disabled=${this.busy === n.id} @click=${() => this.markRead(n)}>${this.t('notices.ack')}</button>`}
        </div>
      </li>`;
  }

  override render() {
    const heading = this.heading ?? this.t('notices.mine.title');
    const items = this.items;
    const unread = items?.filter((n) => !n.readAt).length ?? 0;
    return html`
      <section aria-labelledby="notices-title">
        ${heading ? html`<h2 id="notices-title">${heading}</h2>` : nothing}
        ${this.failed ? html`<p class="notice error">${this.t('state.loadFailed')}</p><button class="btn" @click=${this.load}>${this.t('action.retry')}</button>` : nothing}
        ${!items && !this.failed ? html`<p class="muted" role="status">${this.t('state.loading')}</p>` : nothing}
        ${items && !items.length ? html`<p class="muted">${this.t('notices.mine.none')}</p>` : nothing}
        ${items?.length ? html`
          <p class="summary" role="status">${unread ? this.t('notices.mine.unread', { n: unread }) : this.t('notices.mine.allRead')}</p>
          <ul>${items.map((n) => this.notice(n))}</ul>` : nothing}
      </section>`;
  }

  static override styles = [baseStyles, css`
    ul { list-style: none; margin: 0; padding: 0; display: grid; gap: 1rem; }
    li { display: flex; flex-direction: column; gap: 0.375rem; border-left: 6px solid var(--ph-color-accent); }
    li.read { border-left-color: var(--ph-color-border); }
    .top { display: flex; gap: 0.5rem; flex-wrap: wrap; }
    h3 { margin: 0.25rem 0 0; font-size: 1.1875rem; }
    .meta, .children { margin: 0; color: var(--ph-color-muted); font-size: 0.9375rem; }
    .children { color: var(--ph-color-primary); font-weight: 600; }
    .body { white-space: pre-line; line-height: 1.5; overflow-wrap: anywhere; }
    .body.clamped { display: -webkit-box; -webkit-line-clamp: 5; -webkit-box-orient: vertical; overflow: hidden; }
    .actions { margin-top: 0.5rem; }
    .read-at { color: var(--ph-color-success); font-weight: 600; }
    .summary { font-weight: 600; }
    .notice { margin: 0.25rem 0; }
  `];
}

customElements.define('ph-notice-list', NoticeList);
declare global {
  interface HTMLElementTagNameMap { 'ph-notice-list': NoticeList }
}
