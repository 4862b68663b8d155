import { css, html, nothing } from 'lit';
import { PhElement } from '../components/ph-element.js';
import '../components/chart-line.js';
import '../components/it-alerts.js';
import '../components/it-boxes.js';
import type { ChartPoint } from '../components/chart-line.js';
import {
  itApi, type AuditEntry, type DeviceAlert, type HealthNow, type MetricHistory, type PeripheralScan, type RoomCamera, type SystemHealth,
} from '../api/endpoints.js';
import { notifyError } from '../state/notify.js';
import { language } from '../i18n/index.js';
import { baseStyles, tableStyles } from '../styles/shared-styles.js';
import { IT_PATHS } from '../components/it-paths.js';

const toPoints = (h: MetricHistory | null): ChartPoint[] => (h?.points ?? []).map((p) => ({ at: p.at, value: p.avg }));

function uptime(seconds: number): string {
  const d = Math.floor(seconds / 86400);
  const h = Math.floor((seconds % 86400) / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  return language() === 'vi' ? `${d} ngày ${h} giờ ${m} phút` : `${d} d ${h} h ${m} min`;
}

const fmtTime = (at: string) => new Date(at).toLocaleString(language() === 'vi' ? 'vi-VN' : 'en-GB');

/** The IT console (Art. 16.3): the box's health, alerts, cameras, charts, audit, peripherals. */
export class ItConsolePage extends PhElement {
  static override properties = {
    health: { state: true }, now: { state: true }, alerts: { state: true }, cameras: { state: true }, audit: { state: true },
    cpu: { state: true }, mem: { state: true }, disk: { state: true }, scan: { state: true }, scanning: { state: true }, loading: { state: true },
  };
  declare health: SystemHealth | null;
  declare now: HealthNow | null;
  declare alerts: DeviceAlert[];
  declare cameras: RoomCamera[];
  declare audit: AuditEntry[];
  declare cpu: MetricHistory | null;
  declare mem: MetricHistory | null;
  declare disk: MetricHistory | null;
  declare scan: PeripheralScan | null;
  declare scanning: boolean;
  declare loading: boolean;

  constructor() {
    super();
    this.health = null;
    this.now = null;
    this.alerts = [];
    this.cameras = [];
    this.audit = [];
    this.cpu = null;
    this.mem = null;
    this.disk = null;
    this.scan = null;
    this.scanning = false;
    this.loading = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.refresh();
  }

  private async refresh() {
    this.loading = true;
    const hourAgo = new Date(Date.now() - 3_600_000).toISOString();
    const weekAgo = new Date(Date.now() - 7 * 86_400_000).toISOString();
    const settle = async <T>(p: Promise<T>, fallback: T): Promise<T> => {
      try {
        return await p;
      } catch (e) {
        notifyError(e);
        return fallback;
      }
    };
    try {
      const [health, now, alerts, cameras, audit] = await Promise.all([
        settle(itApi.systemHealth(), null), settle(itApi.healthNow(), null), settle(itApi.alerts({ active: true }), []),
        settle(itApi.cameras(), []), settle(itApi.audit(20), []),
      ]);
      Object.assign(this, { health, now, alerts, cameras, audit });
      const mount = now?.disks.find((d) => d.mount === '/')?.mount ?? now?.disks[0]?.mount ?? '/';
      const [cpu, mem, disk] = await Promise.all([
        settle(itApi.history('cpu.load_pct', 'minute', hourAgo), null),
        settle(itApi.history('mem.available_pct', 'minute', hourAgo), null),
        settle(itApi.history(`disk.free_pct:${mount}`, 'hour', weekAgo), null),
      ]);
      Object.assign(this, { cpu, mem, disk });
    } finally {
      this.loading = false;
    }
  }

  private async runScan() {
    this.scanning = true;
    try {
      this.scan = await itApi.peripherals();
    } catch (e) {
      notifyError(e);
    } finally {
      this.scanning = false;
    }
  }

  private okBadge(ok: boolean | undefined) {
    if (ok === undefined) return html`<span class="badge neutral">—</span>`;
    return ok ? html`<span class="badge ok">${this.t('it.ok')}</span>` : html`<span class="badge danger">${this.t('it.fault')}</span>`;
  }

  private healthCard() {
    const h = this.health;
    if (!h) return html`<p class="muted">${this.t('state.loading')}</p>`;
    return html`
      <dl class="facts" data-status=${h.status}>
        <div><dt>${this.t('it.status')}</dt><dd class="status">${h.status === 'ok' ? html`<span class="badge ok">${this.t('it.statusOk')}</span>` : html`<span class="badge danger">${this.t('it.statusDegraded')}</span>`}</dd></div>
        <div><dt>${this.t('it.version')}</dt><dd>${h.version}</dd></div>
        <div><dt>${this.t('it.uptime')}</dt><dd>${uptime(h.uptimeSeconds)}</dd></div>
        <div><dt>${this.t('it.database')}</dt><dd>${this.okBadge(h.database.ok)} ${h.database.dialect} · ${Math.round(h.database.latencyMs)} ms</dd></div>
        <div><dt>${this.t('it.disk')}</dt><dd>${this.okBadge(h.disk.ok)} ${this.t('it.diskFree', { pct: Math.round(h.disk.freePercent), gb: (h.disk.freeBytes / 1e9).toFixed(1) })}</dd></div>
        <div><dt>${this.t('it.media')}</dt><dd>${this.okBadge(h.media.ok)} ${h.media.workerBinary ? this.t('it.workerPresent') : this.t('it.workerMissing')} · OpenSSL ${h.media.linkedOpenSsl ?? '—'}</dd></div>
        <div><dt>${this.t('it.liveNow')}</dt><dd>${h.liveLessons}</dd></div>
        ${this.now ? html`<div><dt>${this.t('it.cpuNow')}</dt><dd>${this.now.cpu.loadPct === null ? '—' : `${Math.round(this.now.cpu.loadPct)} %`}${this.now.cpu.temperatureC !== null ? ` · ${Math.round(this.now.cpu.temperatureC)} °C` : ''}</dd></div>` : nothing}
      </dl>`;
  }

  private camerasCard() {
    const reach = new Map((this.now?.devices ?? []).map((d) => [d.host, d]));
    if (!this.cameras.length) return html`<p class="muted">${this.t('it.noCameras')}</p>`;
    return html`<ul class="plain cameras">
      ${this.cameras.map((c) => {
        const host = (() => { try { return new URL(c.xaddr).hostname; } catch { return ''; } })();
        const r = reach.get(host);
        const up = r ? r.reachable : c.lastError === null && c.lastSeenAt !== null;
        return html`<li>
          <span class="badge ${up ? 'ok' : 'danger'}">${up ? this.t('it.reachable') : this.t('it.unreachable')}</span>
          <strong>${c.name}</strong>${c.isDefault ? html` <span class="badge neutral">${this.t('cam.default')}</span>` : nothing}
          <span class="muted">${host}${r?.rttMs != null ? ` · ${Math.round(r.rttMs)} ms` : ''}${c.lastError ? ` · ${c.lastError}` : ''}</span>
        </li>`;
      })}
    </ul>`;
  }

  private auditCard() {
    if (!this.audit.length) return html`<p class="muted">${this.t('it.noAudit')}</p>`;
    return html`<div class="table-wrap"><table>
      <thead><tr><th>${this.t('it.col.time')}</th><th>${this.t('it.col.who')}</th><th>${this.t('it.col.action')}</th><th>${this.t('it.col.object')}</th></tr></thead>
      <tbody>${this.audit.map((a) => html`<tr class=${/fail|refus|error|denied/.test(a.action) ? 'bad' : ''}>
        <td>${fmtTime(a.at)}</td><td>${a.actorLogin ?? '—'}${a.ip ? html`<br /><span class="muted">${a.ip}</span>` : nothing}</td>
        <td><code>${a.action}</code></td><td>${a.entity ?? ''}${a.entityId ? ` #${a.entityId}` : ''}</td></tr>`)}</tbody>
    </table></div>`;
  }

  private scanCard() {
    const s = this.scan;
    if (!s) return html`<p class="muted">${this.t('it.scanHint')}</p>`;
    return html`
      <p class="muted">${this.t('it.scannedAt', { time: fmtTime(s.scannedAt) })}</p>
      <div class="cols">
        <section><h3>${this.t('it.displays')}</h3>
          ${s.displays.length ? html`<ul>${s.displays.map((d) => html`<li>${d.vendor} ${d.model} · ${d.connection}${d.resolutionX ? ` · ${d.resolutionX}×${d.resolutionY}` : ''}</li>`)}</ul>` : html`<p class="muted">${this.t('it.none')}</p>`}
        </section>
        <section><h3>${this.t('it.audio')}</h3>
          ${s.audio.length + s.soundCards.length ? html`<ul>${s.audio.map((a) => html`<li>${a.name} · ${a.type}</li>`)}${s.soundCards.map((c) => html`<li>${c.name} (${c.id})</li>`)}</ul>` : html`<p class="muted">${this.t('it.none')}</p>`}
        </section>
        <section><h3>USB</h3>
          ${s.usb.length ? html`<ul>${s.usb.map((u) => html`<li>${u.name}${u.manufacturer ? ` · ${u.manufacturer}` : ''}</li>`)}</ul>` : html`<p class="muted">${this.t('it.none')}</p>`}
        </section>
      </div>
      ${s.errors.length ? html`<p class="notice warning">${s.errors.map((e) => `${e.source}: ${e.message}`).join(' · ')}</p>` : nothing}`;
  }

  override render() {
    return html`
      <div class="page-head">
        <h1>${this.t('it.title')}</h1>
        <div class="actions">
          <a class="btn" href=${IT_PATHS.devices}>${this.t('devices.title')}</a>
          <a class="btn" href=${IT_PATHS.cameras}>${this.t('cam.title')}</a>
          <a class="btn" href=${IT_PATHS.check}>${this.t('check.title')}</a>
          <a class="btn" href=${IT_PATHS.backups}>${this.t('bk.link')}</a>
          <a class="btn" href="/ho-so-luu-tru">${this.t('arc.nav')}</a>
          <button class="btn primary" type="button" @click=${() => this.refresh()} ?disabled=${this.loading}>${this.loading ? this.t('state.loading') : this.t('it.refresh')}</button>
        </div>
      </div>
      <div class="grid">
        <section class="card health"><h2>${this.t('it.healthTitle')}</h2>${this.healthCard()}</section>
        <section class="card"><h2>${this.t('it.alertsTitle')}</h2><ph-it-alerts .alerts=${this.alerts}></ph-it-alerts></section>
        <section class="card"><h2>${this.t('it.camerasTitle')}</h2>${this.camerasCard()}</section>
      </div>
      <section class="card boxes"><h2>${this.t('boxes.title')}</h2><ph-it-boxes></ph-it-boxes></section>
      <section class="card charts">
        <h2>${this.t('it.chartsTitle')}</h2>
        <div class="chart-grid">
          <ph-chart-line class="cpu" .label=${this.t('it.chart.cpu')} unit="%" .min=${0} .max=${100} .points=${toPoints(this.cpu)}></ph-chart-line>
          <ph-chart-line class="mem" .label=${this.t('it.chart.mem')} unit="%" .min=${0} .max=${100} .points=${toPoints(this.mem)}></ph-chart-line>
          <ph-chart-line class="disk" .label=${this.t('it.chart.disk')} unit="%" .min=${0} .max=${100} timeStyle="datetime" .points=${toPoints(this.disk)}></ph-chart-line>
        </div>
      </section>
      <section class="card">
        <div class="page-head"><h2>${this.t('it.peripheralsTitle')}</h2>
          <button class="btn" type="button" @click=${() => this.runScan()} ?disabled=${this.scanning}>${this.scanning ? this.t('it.scanning') : this.t('it.scan')}</button></div>
        ${this.scanCard()}
      </section>
      <section class="card"><h2>${this.t('it.auditTitle')}</h2>${this.auditCard()}</section>`;
  }

  static override styles = [baseStyles, tableStyles, css`
    .grid { display: grid; gap: 1rem; grid-template-columns: repeat(auto-fit, minmax(min(100%, 20rem), 1fr)); margin-bottom: 1rem; }
    .card { margin-bottom: 1rem; }
    .card h2 { margin-top: 0; }
    .facts { display: grid; gap: 0.5rem; margin: 0; }
    .facts div { display: grid; grid-template-columns: 9rem 1fr; gap: 0.5rem; }
    dt { font-weight: 600; color: var(--ph-color-muted); }
    dd { margin: 0; }
    .plain { list-style: none; margin: 0; padding: 0; display: grid; gap: 0.5rem; }
    .cameras li { display: flex; flex-wrap: wrap; gap: 0.25rem 0.5rem; align-items: baseline; }
    .chart-grid { display: grid; gap: 1.25rem; grid-template-columns: repeat(auto-fit, minmax(min(100%, 22rem), 1fr)); }
    .cols { display: grid; gap: 1rem; grid-template-columns: repeat(auto-fit, minmax(min(100%, 14rem), 1fr)); }
    .cols ul { margin: 0; padding-left: 1.1rem; }
    tr.bad td { background: var(--ph-color-danger-soft); }
    code { font-size: 0.875rem; }
    .page-head h2 { margin: 0; }
  `];
}

customElements.define('ph-it-console-page', ItConsolePage);
declare global {
  interface HTMLElementTagNameMap { 'ph-it-console-page': ItConsolePage }
}
