import { css, html, nothing } from 'lit';
import { PhElement } from './ph-element.js';
import { baseStyles } from '../styles/shared-styles.js';
import { language, pick } from '../i18n/index.js';
import { http } from '../api/client.js';
import { boxesApi, type PairingCodeReply, type SchoolBoxView } from '../api/boxes.js';
import { notifyError, notifySuccess } from '../state/notify.js';

const uptime = (s: number) => {
  const d = Math.floor(s / 86400);
  const h = Math.floor((s % 86400) / 3600);
  return language() === 'vi' ? `${d} ngày ${h} giờ` : `${d} d ${h} h`;
};
const pct = (v: number | null) => (v === null ? '—' : `${Math.round(v)} %`);
const when = (at: string) => new Date(at).toLocaleString(language() === 'vi' ? 'vi-VN' : 'en-GB');

/**
 * Every teaching-room box of the school on one page (Art. 16.3): this box first, then the boxes
 * paired with it, each with version, uptime, health, cameras, alerts and recent errors, and the
 * actions (restart kiosk, restart media, download logs) run on that box.
 */
export class ItBoxes extends PhElement {
  static override properties = { boxes: { state: true }, busy: { state: true }, code: { state: true } };
  declare boxes: SchoolBoxView[] | null;
  declare busy: boolean;
  declare code: PairingCodeReply | null;

  constructor() {
    super();
    this.boxes = null;
    this.busy = false;
    this.code = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.refresh();
  }

  async refresh(): Promise<void> {
    try {
      this.boxes = await boxesApi.list();
    } catch (e) {
      notifyError(e);
    }
  }

  private async run(fn: () => Promise<unknown>, done: 'boxes.done' | 'boxes.paired' = 'boxes.done') {
    this.busy = true;
    try {
      await fn();
      notifySuccess(done);
      await this.refresh();
    } catch (e) {
      notifyError(e);
    } finally {
      this.busy = false;
    }
  }

  // This box's own actions go to /api/system; another box's through /api/boxes/:id.
  private restartKiosk(b: SchoolBoxView) {
    return this.run(() => (b.id === null ? http.post('/api/system/kiosk/restart') : boxesApi.restartKiosk(b.id)));
  }
  private restartMedia(b: SchoolBoxView) {
    return this.run(() => (b.id === null ? http.post('/api/system/media/restart') : boxesApi.restartMedia(b.id)));
  }
  private unpair(b: SchoolBoxView) {
    if (b.id === null || !confirm(this.t('boxes.unpairConfirm', { name: b.name }))) return;
    const id = b.id;
    void this.run(() => boxesApi.unpair(id));
  }

  private async pair(e: SubmitEvent) {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const data = new FormData(form);
    await this.run(() => boxesApi.pair({ name: String(data.get('name') ?? ''), code: String(data.get('code') ?? '') }), 'boxes.paired');
    if (this.boxes?.some((b) => b.name === String(data.get('name') ?? '').trim())) form.reset();
  }

  private async showCode(rotate = false) {
    if (rotate && !confirm(this.t('boxes.rotateConfirm'))) return;
    try {
      this.code = rotate ? await boxesApi.rotatePairingCode() : await boxesApi.pairingCode();
    } catch (e) {
      notifyError(e);
    }
  }

  private async copyCode() {
    if (!this.code) return;
    try {
      await navigator.clipboard.writeText(this.code.code);
      notifySuccess('boxes.copied');
    } catch {
      (this.renderRoot.querySelector('textarea.code') as HTMLTextAreaElement | null)?.select();
    }
  }

  private boxCard(b: SchoolBoxView) {
    const e = b.essentials;
    const camsOk = e ? e.cameras.filter((c) => c.reachable !== false).length : 0;
    return html`<article class="box ${b.reachable ? 'up' : 'down'}" data-box=${b.id ?? 'self'}>
      <header>
        <h3>${b.name}${b.self ? html` <span class="badge neutral">${this.t('boxes.this')}</span>` : nothing}</h3>
        <span class="badge ${b.reachable ? 'ok' : 'danger'}">${b.reachable ? this.t('boxes.online') : this.t('boxes.offline')}</span>
      </header>
      ${b.url ? html`<p class="muted url">${b.url}</p>` : nothing}
      ${!b.reachable ? html`<p class="notice warning">${b.error ?? ''}${b.lastSeenAt ? html`<br />${this.t('boxes.lastSeen', { time: when(b.lastSeenAt) })}` : nothing}</p>` : nothing}
      ${e ? html`<dl>
        <div><dt>${this.t('boxes.col.version')}</dt><dd>${e.version}${e.onBalena ? ' · balena' : ''}</dd></div>
        <div><dt>${this.t('boxes.col.uptime')}</dt><dd>${uptime(e.uptimeSeconds)}</dd></div>
        <div><dt>${this.t('boxes.col.health')}</dt><dd>${pct(e.cpuLoadPct)} · ${pct(e.memoryUsedPct)} · ${pct(e.diskFreePct)}${e.temperatureC !== null ? ` · ${Math.round(e.temperatureC)} °C` : ''}</dd></div>
        <div><dt>${this.t('boxes.col.cameras')}</dt><dd>${e.cameras.length ? this.t('boxes.camerasOk', { ok: camsOk, total: e.cameras.length }) : '—'}</dd></div>
        ${e.liveLessons ? html`<div><dt></dt><dd><span class="badge live">${this.t('boxes.live', { n: e.liveLessons })}</span></dd></div>` : nothing}
        <div><dt>${this.t('boxes.col.alerts')}</dt><dd>
          ${e.activeAlerts.length + e.recentProblems.length === 0 ? html`<span class="badge ok">${this.t('boxes.noAlerts')}</span>` : nothing}
          <ul>${e.activeAlerts.map((a) => html`<li class=${a.severity}>${pick(a.message)}</li>`)}
            ${e.recentProblems.slice(0, 3).map((p) => html`<li class="problem"><span class="muted">${when(p.time)}</span> ${p.msg}</li>`)}</ul>
        </dd></div>
      </dl>` : nothing}
      <div class="actions">
        <button class="btn" type="button" ?disabled=${this.busy || !b.reachable} @click=${() => this.restartKiosk(b)}>${this.t('boxes.restartKiosk')}</button>
        <button class="btn" type="button" ?disabled=${this.busy || !b.reachable} @click=${() => this.restartMedia(b)}>${this.t('boxes.restartMedia')}</button>
        <a class="btn" href=${b.id === null ? '/api/system/logs' : boxesApi.logsUrl(b.id)} download>${this.t('boxes.logs')}</a>
        ${b.id !== null ? html`<button class="btn danger" type="button" ?disabled=${this.busy} @click=${() => this.unpair(b)}>${this.t('boxes.unpair')}</button>` : nothing}
      </div>
    </article>`;
  }

  override render() {
    return html`
      <p class="muted">${this.t('boxes.hint')}</p>
      <div class="boxes">${this.boxes ? this.boxes.map((b) => this.boxCard(b)) : html`<p class="muted">${this.t('state.loading')}</p>`}</div>
      <div class="pairing">
        <form @submit=${(e: SubmitEvent) => this.pair(e)}>
          <h3>${this.t('boxes.pairTitle')}</h3>
          <p class="muted">${this.t('boxes.pairHelp')}</p>
          <label>${this.t('boxes.name')}<input name="name" required maxlength="100" autocomplete="off" /></label>
          <label>${this.t('boxes.code')}<textarea name="code" required rows="3" spellcheck="false"></textarea></label>
          <button class="btn primary" type="submit" ?disabled=${this.busy}>${this.t('boxes.pair')}</button>
        </form>
        <section>
          <h3>${this.t('boxes.myCode')}</h3>
          ${this.code ? html`
            <textarea class="code" readonly rows="4" spellcheck="false" .value=${this.code.code}></textarea>
            <p class="notice warning">${this.t('boxes.codeWarning')}</p>
            <div class="actions">
              <button class="btn primary" type="button" @click=${() => this.copyCode()}>${this.t('boxes.copy')}</button>
              <button class="btn" type="button" @click=${() => this.showCode(true)}>${this.t('boxes.rotate')}</button>
            </div>` : html`<button class="btn" type="button" @click=${() => this.showCode()}>${this.t('boxes.showCode')}</button>`}
        </section>
      </div>`;
  }

  static override styles = [baseStyles, css`
    .boxes { display: grid; gap: 1rem; grid-template-columns: repeat(auto-fit, minmax(min(100%, 21rem), 1fr)); margin-bottom: 1.25rem; }
    .box { border: 1px solid var(--ph-color-border); border-left: 8px solid var(--ph-color-success); border-radius: var(--ph-radius-small); padding: 0.75rem 1rem; display: grid; gap: 0.5rem; align-content: start; }
    .box.down { border-left-color: var(--ph-color-danger); }
    header { display: flex; justify-content: space-between; gap: 0.5rem; align-items: center; }
    h3 { margin: 0; font-size: 1.125rem; }
    .url { margin: 0; font-size: 0.875rem; word-break: break-all; }
    dl { display: grid; gap: 0.375rem; margin: 0; }
    dl div { display: grid; grid-template-columns: 9.5rem 1fr; gap: 0.5rem; }
    dt { font-weight: 600; color: var(--ph-color-muted); }
    dd { margin: 0; }
    dd ul { margin: 0.25rem 0 0; padding-left: 1.1rem; }
    li.critical { color: var(--ph-color-danger); font-weight: 600; }
    li.problem { font-size: 0.875rem; }
    .badge.live { background: var(--ph-color-danger); color: #fff; }
    .actions { display: flex; flex-wrap: wrap; gap: 0.5rem; }
    .actions .btn { min-height: 2.75rem; }
    .pairing { display: grid; gap: 1.25rem; grid-template-columns: repeat(auto-fit, minmax(min(100%, 22rem), 1fr)); }
    form { display: grid; gap: 0.625rem; align-content: start; }
    label { display: grid; gap: 0.25rem; font-weight: 600; }
    textarea { font-family: ui-monospace, monospace; font-size: 0.875rem; width: 100%; box-sizing: border-box; }
    .notice { margin: 0; }
  `];
}

customElements.define('ph-it-boxes', ItBoxes);
declare global {
  interface HTMLElementTagNameMap { 'ph-it-boxes': ItBoxes }
}
