import { html } from 'lit';
import { PhElement } from '../components/ph-element.js';
import '../components/parent-threads.js';
import { parentsApi, type Thread } from '../api/parents.js';
import { notifyError } from '../state/notify.js';
import { baseStyles } from '../styles/shared-styles.js';

/** /tin-nhan-phu-huynh — the homeroom teacher's inbox: threads from parents of their homeroom class, unread first in activity order (Art. 16). */
export class ParentInboxPage extends PhElement {
  static override properties = { items: { state: true } };
  declare items: Thread[] | null;

  constructor() {
    super();
    this.items = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load() {
    try {
      const all = await parentsApi.threads();
      this.items = [...all.filter((t) => t.unread), ...all.filter((t) => !t.unread)];
    } catch (e) {
      notifyError(e);
    }
  }

  override render() {
    return html`
      <div class="page-head"><h1>${this.t('par.inbox.title')}</h1></div>
      <ph-parent-threads .items=${this.items} .showParent=${true} empty=${this.t('par.inbox.none')}></ph-parent-threads>`;
  }

  static override styles = [baseStyles];
}

customElements.define('ph-parent-inbox-page', ParentInboxPage);
declare global {
  interface HTMLElementTagNameMap { 'ph-parent-inbox-page': ParentInboxPage }
}
