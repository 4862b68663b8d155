import { css, html, nothing } from 'lit';
import { PhElement } from './ph-element.js';
import type { BoxFacts } from '../api/disclosure.js';
import type { MessageKey } from '../i18n/index.js';
import { formatDate, formatNumber } from '../i18n/format.js';
import { baseStyles } from '../styles/shared-styles.js';

const KIND_ORDER = ['camera', 'microphone', 'speaker', 'display', 'mini_pc', 'network'];

/**
 * `<ph-disclosure-facts>`: the box's own figures in the conditions section (Art. 10.3, 15.4):
 * teaching room equipment by kind, classes and accounts. `live` titles them as a preview.
 */
export class DisclosureFacts extends PhElement {
  static override properties = { facts: { attribute: false }, live: { type: Boolean } };
  declare facts: BoxFacts | null;
  declare live: boolean;

  constructor() {
    super();
    this.facts = null;
    this.live = false;
  }

  private kindLabel(kind: string): string {
    const key = `disc.kind.${kind}` as MessageKey;
    const text = this.t(key);
    return text === key ? kind : text;
  }

  override render() {
    const f = this.facts;
    if (!f) return nothing;
    const devices = [...f.devices].sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind));
    return html`
      <section class="facts" aria-label=${this.live ? this.t('disc.box.titleLive') : this.t('disc.box.title', { date: formatDate(f.takenOn) })}>
        <h3>${this.live ? this.t('disc.box.titleLive') : this.t('disc.box.title', { date: formatDate(f.takenOn) })}</h3>
        <dl class="figures">
          ${f.schoolYear ? html`<div><dt>${this.t('disc.box.year')}</dt><dd>${f.schoolYear}</dd></div>` : nothing}
          <div><dt>${this.t('disc.box.classes')}</dt><dd>${formatNumber(f.classes)}</dd></div>
          <div><dt>${this.t('disc.box.students')}</dt><dd>${formatNumber(f.studentAccounts)}</dd></div>
          <div><dt>${this.t('disc.box.teachers')}</dt><dd>${formatNumber(f.teacherAccounts)}</dd></div>
        </dl>
        <h4>${this.t('disc.box.devices')}</h4>
        ${devices.length ? html`<ul class="devices">${devices.map((d) => html`
          <li><strong>${this.kindLabel(d.kind)}: ${formatNumber(d.count)}</strong>
            <span class="items">${d.items.map((i) => (i.model ? `${i.name} (${i.model})` : i.name)).join('; ')}</span></li>`)}</ul>`
          : html`<p class="muted">${this.t('disc.box.noDevices')}</p>`}
      </section>`;
  }

  static override styles = [baseStyles, css`
    .facts { border: 1px solid var(--ph-color-border); border-radius: var(--ph-radius-small); padding: 0.875rem 1rem; background: #f8fafb; }
    h3 { margin: 0 0 0.625rem; font-size: 1rem; }
    h4 { margin: 0.875rem 0 0.375rem; font-size: 0.9375rem; }
    .figures { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 7.5rem), 1fr)); gap: 0.5rem 1rem; margin: 0; }
    dt { font-size: 0.8125rem; color: var(--ph-color-muted); font-weight: 600; }
    dd { margin: 0; font-size: 1.25rem; font-weight: 700; }
    .devices { margin: 0; padding-left: 1.25rem; }
    .devices li { margin: 0.25rem 0; }
    .items { display: block; color: var(--ph-color-muted); font-size: 0.9375rem; overflow-wrap: anywhere; }
    @media print { .facts { background: none; border-color: #999; } }
  `];
}

customElements.define('ph-disclosure-facts', DisclosureFacts);
declare global {
  interface HTMLElementTagNameMap { 'ph-disclosure-facts': DisclosureFacts }
}
