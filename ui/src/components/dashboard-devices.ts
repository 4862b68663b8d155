import { css, html, nothing } from 'lit';
import { PhElement } from './ph-element.js';
import { baseStyles } from '../styles/shared-styles.js';
import { pick } from '../i18n/index.js';
import type { Dashboard } from '../api/dashboard.js';
import type { MessageKey } from '../i18n/index.js';
import { formatClock, formatDecimal, formatSchoolDay } from './dashboard-format.js';
import { IT_PATHS } from './it-paths.js';

type Devices = Dashboard['devices'];

/** The teaching room's equipment on the dashboard (Art. 10.3): state, the box's figures, open alerts, devices, cameras. */
export class DashboardDevices extends PhElement {
  static override properties = { devices: { attribute: false } };
  declare devices: Devices | null;

  constructor() {
    super();
    this.devices = null;
  }

  private when(instant: string) {
    return `${formatClock(instant)} ${formatSchoolDay(instant)}`;
  }

  override render() {
    const d = this.devices;
    if (!d) return nothing;
    const box = d.box;
    const figures: [MessageKey, string | null][] = box ? [
      ['dash.dev.cpu', box.cpuLoadPct === null ? null : `${formatDecimal(box.cpuLoadPct, 0)} %`],
      ['dash.dev.memory', box.memoryAvailablePct === null ? null : `${formatDecimal(box.memoryAvailablePct, 0)} %`],
      ['dash.dev.disk', box.diskFreePct === null ? null : `${formatDecimal(box.diskFreePct, 0)} %`],
      ['dash.dev.temperature', box.temperatureC === null ? null : `${formatDecimal(box.temperatureC)} °C`],
    ] : [];
    return html`
      <p class="state"><span class="badge status ${d.status}">${this.t(`dash.dev.status.${d.status}`)}</span>
        <span class="muted">${d.checkedAt ? this.t('dash.dev.checkedAt', { time: formatClock(d.checkedAt, true) }) : this.t('dash.dev.notChecked')}</span></p>
      ${figures.length ? html`<dl class="figures">${figures.filter(([, v]) => v !== null).map(([k, v]) => html`<div><dt>${this.t(k)}</dt><dd>${v}</dd></div>`)}</dl>` : nothing}
      <h3>${this.t('dash.dev.alerts', { n: d.alerts.length })}</h3>
      ${d.alerts.length ? html`<ul class="alerts">${d.alerts.map((a) => html`
        <li class=${a.severity}><span class="badge ${a.severity === 'critical' ? 'danger' : 'warn'}">${this.t(`dash.dev.severity.${a.severity}`)}</span>
          ${pick(a.message)} <span class="muted">${this.t('dash.dev.since', { time: this.when(a.raisedAt) })}</span></li>`)}</ul>`
        : html`<p class="muted">${this.t('dash.dev.noAlerts')}</p>`}
      <h3>${this.t('dash.dev.devices', { n: d.devices.length })}</h3>
      ${d.devices.length ? html`<ul class="things">${d.devices.map((x) => html`
        <li><span class="name">${x.name}</span>${x.location ? html` <span class="muted">· ${x.location}</span>` : nothing}
          <span class="badge ${x.reachable === false ? 'danger' : x.reachable ? 'ok' : 'neutral'}">${this.t(x.reachable === false ? 'dash.dev.unreachable' : x.reachable ? 'dash.dev.reachable' : 'dash.dev.unchecked')}</span>
          ${x.activeAlerts ? html`<span class="badge warn">${this.t('dash.dev.alertCount', { n: x.activeAlerts })}</span>` : nothing}</li>`)}</ul>`
        : html`<p class="muted">${this.t('dash.dev.noDevices')}</p>`}
      <h3>${this.t('dash.dev.cameras', { n: d.cameras.length })}</h3>
      ${d.cameras.length ? html`<ul class="things">${d.cameras.map((c) => html`
        <li><span class="name">${c.name}</span>${c.isDefault ? html` <span class="muted">(${this.t('dash.dev.default')})</span>` : nothing}
          ${!c.enabled ? html`<span class="badge neutral">${this.t('dash.dev.cameraOff')}</span>`
            : c.lastError ? html`<span class="badge danger">${this.t('dash.dev.cameraError', { error: c.lastError })}</span>`
            : html`<span class="badge ok">${this.t('dash.dev.cameraOk')}</span>`}</li>`)}</ul>`
        : html`<p class="muted">${this.t('dash.dev.noCameras')}</p>`}
      <p class="more"><a href=${IT_PATHS.devices}>${this.t('dash.dev.open')}</a></p>`;
  }

  static override styles = [baseStyles, css`
    h3 { font-size: 1em; margin: 1em 0 0.4em; }
    .state { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5em 0.75em; }
    .status { font-size: 1.1em; padding: 0.2em 0.8em; }
    .status.ok { background: var(--ph-color-success-soft); color: var(--ph-color-success); border-color: #a9d7b9; }
    .status.warning { background: var(--ph-color-warning-soft); color: var(--ph-color-warning); border-color: #efcf8f; }
    .status.critical { background: var(--ph-color-danger); color: #fff; }
    .figures { display: grid; grid-template-columns: repeat(auto-fit, minmax(7em, 1fr)); gap: 0.5em; margin: 0.5em 0 0; }
    .figures div { background: #f3f6f8; border-radius: var(--ph-radius-small); padding: 0.4em 0.6em; }
    dt { font-size: 0.85em; color: var(--ph-color-muted); }
    dd { margin: 0; font-weight: 700; font-size: 1.15em; font-variant-numeric: tabular-nums; }
    ul { list-style: none; margin: 0; padding: 0; display: grid; gap: 0.35em; }
    .alerts li { padding: 0.4em 0.6em; border-radius: var(--ph-radius-small); background: var(--ph-color-warning-soft); }
    .alerts li.critical { background: var(--ph-color-danger-soft); }
    .things li { display: flex; flex-wrap: wrap; align-items: center; gap: 0.4em; }
    .things .name { font-weight: 600; }
    .badge { font-size: 0.85em; }
    .more { margin: 1em 0 0; }
  `];
}

customElements.define('ph-dashboard-devices', DashboardDevices);
declare global {
  interface HTMLElementTagNameMap { 'ph-dashboard-devices': DashboardDevices }
}
