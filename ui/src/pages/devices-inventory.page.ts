import { css, html, nothing } from 'lit';
import { PhElement } from '../components/ph-element.js';
import '../components/it-alerts.js';
import { itApi, type DeviceDetail, type DeviceKind, type InventoryBody, type InventoryDevice } from '../api/endpoints.js';
import { notifyError, notifySuccess } from '../state/notify.js';
import { session } from '../state/session.js';
import { language, type MessageKey } from '../i18n/index.js';
import { baseStyles, formStyles, tableStyles } from '../styles/shared-styles.js';

export const DEVICE_KINDS: readonly DeviceKind[] = ['camera', 'microphone', 'speaker', 'display', 'mini_pc', 'network'];
export const kindKey = (k: DeviceKind) => `devices.kind.${k}` as MessageKey;

/** The teaching room's equipment (Art. 10.3; the list is Art. 8.1.a evidence): add, edit, retire. */
export class DevicesInventoryPage extends PhElement {
  static override properties = {
    devices: { state: true }, includeRetired: { state: true }, editing: { state: true }, detail: { state: true }, busy: { state: true },
  };
  declare devices: InventoryDevice[];
  declare includeRetired: boolean;
  /** null: no form; 'new': the add form; a device: its edit form. */
  declare editing: InventoryDevice | 'new' | null;
  declare detail: DeviceDetail | null;
  declare busy: boolean;

  constructor() {
    super();
    this.devices = [];
    this.includeRetired = false;
    this.editing = null;
    this.detail = null;
    this.busy = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private get canManage() {
    return session.hasAny(['principal', 'it_staff']);
  }

  private async load() {
    try {
      this.devices = await itApi.inventory(this.includeRetired);
    } catch (e) {
      notifyError(e);
    }
  }

  private async save(e: SubmitEvent) {
    e.preventDefault();
    const f = new FormData(e.target as HTMLFormElement);
    const text = (k: string) => String(f.get(k) ?? '').trim() || null;
    const port = text('port');
    const body: InventoryBody = {
      kind: String(f.get('kind')) as DeviceKind, name: text('name') ?? '', model: text('model'), serial: text('serial'),
      location: text('location'), host: text('host'), port: port ? Number(port) : null, notes: text('notes'),
    };
    this.busy = true;
    try {
      if (this.editing === 'new') await itApi.addDevice(body);
      else if (this.editing) await itApi.updateDevice(this.editing.id, body);
      notifySuccess('devices.saved');
      this.editing = null;
      await this.load();
    } catch (err) {
      notifyError(err);
    } finally {
      this.busy = false;
    }
  }

  private async retire(d: InventoryDevice) {
    const reason = prompt(this.t('devices.retireReason', { name: d.name }));
    if (reason === null) return;
    try {
      await itApi.retireDevice(d.id, reason.trim() || null);
      notifySuccess('devices.retired');
      if (this.detail?.id === d.id) this.detail = null;
      await this.load();
    } catch (e) {
      notifyError(e);
    }
  }

  private async open(d: InventoryDevice) {
    try {
      this.detail = await itApi.device(d.id);
    } catch (e) {
      notifyError(e);
    }
  }

  private form() {
    const d = this.editing === 'new' ? null : this.editing;
    return html`
      <form class="card" @submit=${this.save} aria-label=${d ? this.t('devices.edit') : this.t('devices.add')}>
        <h2>${d ? this.t('devices.editTitle', { name: d.name }) : this.t('devices.add')}</h2>
        <div class="form-grid">
          <div class="field"><label for="kind">${this.t('devices.col.kind')}</label>
            <select id="kind" name="kind">${DEVICE_KINDS.map((k) => html`<option value=${k} ?selected=${d?.kind === k}>${this.t(kindKey(k))}</option>`)}</select></div>
          <div class="field"><label for="name">${this.t('devices.col.name')}</label><input id="name" name="name" required maxlength="150" .value=${d?.name ?? ''} /></div>
          <div class="field"><label for="model">${this.t('devices.col.model')}</label><input id="model" name="model" maxlength="150" .value=${d?.model ?? ''} /></div>
          <div class="field"><label for="serial">${this.t('devices.col.serial')}</label><input id="serial" name="serial" maxlength="100" .value=${d?.serial ?? ''} /></div>
          <div class="field"><label for="location">${this.t('devices.col.location')}</label><input id="location" name="location" maxlength="150" .value=${d?.location ?? ''} /></div>
          <div class="field"><label for="host">${this.t('devices.col.host')}</label><input id="host" name="host" maxlength="255" .value=${d?.host ?? ''} />
            <span class="hint">${this.t('devices.hostHint')}</span></div>
          <div class="field"><label for="port">${this.t('devices.col.port')}</label><input id="port" name="port" type="number" min="1" max="65535" .value=${d?.port ? String(d.port) : ''} /></div>
          <div class="field wide"><label for="notes">${this.t('devices.col.notes')}</label><textarea id="notes" name="notes" maxlength="2000" rows="2" .value=${d?.notes ?? ''}></textarea></div>
        </div>
        <div class="form-actions">
          <button class="btn primary" type="submit" ?disabled=${this.busy}>${this.t('action.save')}</button>
          <button class="btn" type="button" @click=${() => (this.editing = null)}>${this.t('action.cancel')}</button>
        </div>
      </form>`;
  }

  private detailCard() {
    const d = this.detail;
    if (!d) return nothing;
    const hourly = d.reachability.hourly;
    const availability = hourly.length ? Math.round((hourly.reduce((s, p) => s + p.avg, 0) / hourly.length) * 100) : null;
    const cur = d.reachability.current;
    return html`
      <section class="card detail" aria-label=${d.name}>
        <div class="page-head"><h2>${d.name}</h2><button class="btn" type="button" @click=${() => (this.detail = null)}>${this.t('action.close')}</button></div>
        <p>${this.t(kindKey(d.kind))}${d.host ? ` · ${d.host}${d.port ? `:${d.port}` : ''}` : ''}</p>
        <p>${this.t('devices.availability')}: <strong>${availability === null ? this.t('devices.noData') : `${availability} %`}</strong>
          ${cur ? html` · <span class="badge ${cur.reachable ? 'ok' : 'danger'}">${cur.reachable ? this.t('it.reachable') : this.t('it.unreachable')}</span>` : nothing}</p>
        <h3>${this.t('devices.recentAlerts')}</h3>
        <ph-it-alerts .alerts=${d.alerts.slice(0, 10)}></ph-it-alerts>
      </section>`;
  }

  override render() {
    const date = (at: string) => new Date(at).toLocaleDateString(language() === 'vi' ? 'vi-VN' : 'en-GB');
    return html`
      <div class="page-head">
        <h1>${this.t('devices.title')}</h1>
        <div class="actions">
          <label class="check"><input type="checkbox" .checked=${this.includeRetired} @change=${(e: Event) => { this.includeRetired = (e.target as HTMLInputElement).checked; void this.load(); }} />${this.t('devices.showRetired')}</label>
          ${this.canManage ? html`<button class="btn primary" type="button" @click=${() => (this.editing = 'new')}>${this.t('devices.add')}</button>` : nothing}
        </div>
      </div>
      ${this.editing ? this.form() : nothing}
      ${this.detailCard()}
      ${this.devices.length === 0 ? html`<p class="muted">${this.t('devices.empty')}</p>` : html`
        <div class="table-wrap"><table>
          <thead><tr><th>${this.t('devices.col.name')}</th><th>${this.t('devices.col.kind')}</th><th>${this.t('devices.col.model')}</th><th>${this.t('devices.col.location')}</th><th>${this.t('devices.col.host')}</th><th>${this.t('devices.col.status')}</th><th></th></tr></thead>
          <tbody>${this.devices.map((d) => html`
            <tr class=${d.retiredAt ? 'retired' : ''} data-id=${d.id}>
              <td><strong>${d.name}</strong>${d.serial ? html`<br /><span class="muted">${d.serial}</span>` : nothing}</td>
              <td>${this.t(kindKey(d.kind))}</td><td>${d.model ?? ''}</td><td>${d.location ?? ''}</td>
              <td>${d.host ? `${d.host}${d.port ? `:${d.port}` : ''}` : ''}</td>
              <td>${d.retiredAt ? html`<span class="badge neutral">${this.t('devices.retiredOn', { date: date(d.retiredAt) })}</span>` : html`<span class="badge ok">${this.t('devices.inUse')}</span>`}</td>
              <td class="row-actions">
                <button class="btn" type="button" @click=${() => this.open(d)}>${this.t('devices.details')}</button>
                ${this.canManage && !d.retiredAt ? html`
                  <button class="btn" type="button" @click=${() => (this.editing = d)}>${this.t('action.edit')}</button>
                  <button class="btn danger" type="button" @click=${() => this.retire(d)}>${this.t('devices.retire')}</button>` : nothing}
              </td>
            </tr>`)}</tbody>
        </table></div>`}`;
  }

  static override styles = [baseStyles, formStyles, tableStyles, css`
    .card { margin-bottom: 1rem; }
    .card h2 { margin-top: 0; }
    tr.retired td { color: var(--ph-color-muted); }
    .row-actions { display: flex; flex-wrap: wrap; gap: 0.375rem; }
    .row-actions .btn { min-height: 2.5rem; padding: 0.25rem 0.75rem; }
    textarea { font: inherit; }
  `];
}

customElements.define('ph-devices-inventory-page', DevicesInventoryPage);
declare global {
  interface HTMLElementTagNameMap { 'ph-devices-inventory-page': DevicesInventoryPage }
}
