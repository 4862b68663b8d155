import { css, html } from 'lit';
import { PhElement } from './ph-element.js';
import { baseStyles } from '../styles/shared-styles.js';
import { language, pick } from '../i18n/index.js';
import type { DeviceAlert } from '../api/endpoints.js';

/** Alerts as a list: severity by colour and word, the server's message in the UI's language. */
export class ItAlerts extends PhElement {
  static override properties = { alerts: { attribute: false } };
  declare alerts: DeviceAlert[];

  constructor() {
    super();
    this.alerts = [];
  }

  override render() {
    if (!this.alerts.length) return html`<p class="none"><span class="badge ok">${this.t('it.noAlerts')}</span></p>`;
    const locale = language() === 'vi' ? 'vi-VN' : 'en-GB';
    return html`<ul>
      ${this.alerts.map((a) => html`<li class=${a.severity} data-rule=${a.rule}>
        <span class="sev">${a.severity === 'critical' ? this.t('it.critical') : this.t('it.warning')}</span>
        <span class="msg">${pick(a.message)}</span>
        <span class="muted when">${new Date(a.raisedAt).toLocaleString(locale)}${a.clearedAt ? ` → ${new Date(a.clearedAt).toLocaleString(locale)}` : ''}</span>
      </li>`)}
    </ul>`;
  }

  static override styles = [baseStyles, css`
    ul { list-style: none; margin: 0; padding: 0; display: grid; gap: 0.5rem; }
    li { border-left: 6px solid; border-radius: var(--ph-radius-small); padding: 0.5rem 0.75rem; display: grid; gap: 0.125rem; }
    li.warning { border-color: var(--ph-color-accent); background: var(--ph-color-warning-soft); }
    li.critical { border-color: var(--ph-color-danger); background: var(--ph-color-danger-soft); }
    .sev { font-weight: 700; font-size: 0.875rem; text-transform: uppercase; }
    li.critical .sev { color: var(--ph-color-danger); }
    li.warning .sev { color: var(--ph-color-warning); }
    .when { font-size: 0.875rem; }
    .none { margin: 0; }
  `];
}

customElements.define('ph-it-alerts', ItAlerts);
declare global {
  interface HTMLElementTagNameMap { 'ph-it-alerts': ItAlerts }
}
