import { css, html, nothing } from 'lit';
import { PhElement } from '../components/ph-element.js';
import { itApi, type CameraPreset, type DiscoveredCamera, type NetworkInterfaceInfo, type RoomCamera } from '../api/endpoints.js';
import { isApiError } from '../api/client.js';
import { notifyError, notifySuccess } from '../state/notify.js';
import { session } from '../state/session.js';
import { pick } from '../i18n/index.js';
import { baseStyles, formStyles } from '../styles/shared-styles.js';

const PRESET_NAMES = ['Bảng', 'Bàn giáo viên', 'Cả lớp'] as const;
const STEP = 0.1;

/** The teaching room's cameras (Art. 10.3): list, discover, add, snapshot, PTZ pad, presets, default. */
export class CamerasRoomPage extends PhElement {
  static override properties = {
    cameras: { state: true }, selected: { state: true }, presets: { state: true }, snap: { state: true }, ifaces: { state: true },
    found: { state: true }, addError: { state: true }, busy: { state: true }, showAdd: { state: true }, prefill: { state: true },
  };
  declare cameras: RoomCamera[];
  declare selected: RoomCamera | null;
  declare presets: CameraPreset[];
  declare snap: string | null;
  declare ifaces: NetworkInterfaceInfo[];
  declare found: DiscoveredCamera[] | null;
  declare addError: { vi: string; en: string } | null;
  declare busy: boolean;
  declare showAdd: boolean;
  declare prefill: DiscoveredCamera | null;

  constructor() {
    super();
    this.cameras = [];
    this.selected = null;
    this.presets = [];
    this.snap = null;
    this.ifaces = [];
    this.found = null;
    this.addError = null;
    this.busy = false;
    this.showAdd = false;
    this.prefill = null;
  }

  private get canManage() {
    return session.hasAny(['principal', 'it_staff']);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load() {
    try {
      this.cameras = await itApi.cameras();
      const keep = this.cameras.find((c) => c.id === this.selected?.id) ?? this.cameras.find((c) => c.isDefault) ?? this.cameras[0] ?? null;
      if (keep) await this.select(keep);
      if (this.canManage && !this.ifaces.length) this.ifaces = await itApi.cameraInterfaces();
    } catch (e) {
      notifyError(e);
    }
  }

  private async select(c: RoomCamera) {
    this.selected = c;
    this.snap = itApi.snapshotUrl(c.id);
    try {
      this.presets = await itApi.presets(c.id);
    } catch (e) {
      notifyError(e);
    }
  }

  private refreshSnapshot() {
    if (this.selected) this.snap = itApi.snapshotUrl(this.selected.id);
  }

  private async move(pan: number, tilt: number, zoom: number) {
    const c = this.selected;
    if (!c) return;
    try {
      await itApi.moveCamera(c.id, { kind: 'relative', translation: { pan, tilt, zoom } });
      this.refreshSnapshot();
    } catch (e) {
      notifyError(e);
    }
  }

  private async savePreset(name: string) {
    const c = this.selected;
    if (!c) return;
    try {
      await itApi.savePreset(c.id, name);
      this.presets = await itApi.presets(c.id);
      notifySuccess('cam.presetSaved');
    } catch (e) {
      notifyError(e);
    }
  }

  private async gotoPreset(p: CameraPreset) {
    try {
      await itApi.gotoPreset(p.cameraId, p.id);
      this.refreshSnapshot();
    } catch (e) {
      notifyError(e);
    }
  }

  private async removePreset(p: CameraPreset) {
    try {
      await itApi.removePreset(p.cameraId, p.id);
      this.presets = this.presets.filter((x) => x.id !== p.id);
    } catch (e) {
      notifyError(e);
    }
  }

  private async makeDefault(c: RoomCamera) {
    try {
      await itApi.updateCamera(c.id, { isDefault: true });
      notifySuccess('cam.defaultSet');
      await this.load();
    } catch (e) {
      notifyError(e);
    }
  }

  private async discover(e: SubmitEvent) {
    e.preventDefault();
    const address = String(new FormData(e.target as HTMLFormElement).get('iface') ?? '');
    if (!address) return;
    this.busy = true;
    this.found = null;
    try {
      this.found = await itApi.discoverCameras(address);
    } catch (err) {
      notifyError(err);
    } finally {
      this.busy = false;
    }
  }

  private async add(e: SubmitEvent) {
    e.preventDefault();
    const f = new FormData(e.target as HTMLFormElement);
    let xaddr = String(f.get('address') ?? '').trim();
    if (xaddr && !/^https?:\/\//.test(xaddr)) xaddr = `http://${xaddr}/onvif/device_service`;
    const name = String(f.get('name') ?? '').trim();
    this.busy = true;
    this.addError = null;
    try {
      const cam = await itApi.addCamera({
        xaddr, username: String(f.get('username') ?? ''), password: String(f.get('password') ?? ''),
        ...(name ? { name } : {}), ...(this.prefill?.urn ? { urn: this.prefill.urn } : {}),
      });
      notifySuccess('cam.added');
      this.showAdd = false;
      this.prefill = null;
      this.selected = cam;
      await this.load();
    } catch (err) {
      if (isApiError(err) && err.status > 0 && err.status < 500) this.addError = err.text;
      else if (isApiError(err)) this.addError = err.text;
      else notifyError(err);
    } finally {
      this.busy = false;
    }
  }

  private addForm() {
    const p = this.prefill;
    return html`
      <section class="card">
        <h2>${this.t('cam.addTitle')}</h2>
        ${this.ifaces.length ? html`
          <form class="discover" @submit=${this.discover}>
            <div class="field"><label for="iface">${this.t('cam.iface')}</label>
              <select id="iface" name="iface">${this.ifaces.map((i) => html`<option value=${i.address}>${i.name} · ${i.address}</option>`)}</select></div>
            <button class="btn" type="submit" ?disabled=${this.busy}>${this.busy ? this.t('cam.searching') : this.t('cam.discover')}</button>
          </form>` : nothing}
        ${this.found ? (this.found.length ? html`<ul class="found">${this.found.map((d) => html`<li>
            <span><strong>${d.name || d.hardware}</strong> · ${d.address}${d.cameraId ? html` <span class="badge neutral">${this.t('cam.alreadyAdded')}</span>` : nothing}</span>
            ${d.cameraId ? nothing : html`<button class="btn" type="button" @click=${() => (this.prefill = d)}>${this.t('cam.use')}</button>`}</li>`)}</ul>`
          : html`<p class="muted">${this.t('cam.noneFound')}</p>`) : nothing}
        <form @submit=${this.add}>
          <div class="form-grid">
            <div class="field"><label for="address">${this.t('cam.address')}</label>
              <input id="address" name="address" required .value=${p?.xaddr ?? ''} placeholder="192.168.1.64" /><span class="hint">${this.t('cam.addressHint')}</span></div>
            <div class="field"><label for="cname">${this.t('cam.name')}</label><input id="cname" name="name" maxlength="150" .value=${p?.name ?? ''} /></div>
            <div class="field"><label for="username">${this.t('cam.username')}</label><input id="username" name="username" required autocomplete="off" /></div>
            <div class="field"><label for="cpassword">${this.t('cam.password')}</label><input id="cpassword" name="password" type="password" autocomplete="new-password" /></div>
          </div>
          ${this.addError ? html`<p class="notice error" role="alert">${pick(this.addError)}</p>` : nothing}
          <div class="form-actions">
            <button class="btn primary" type="submit" ?disabled=${this.busy}>${this.t('cam.add')}</button>
            <button class="btn" type="button" @click=${() => { this.showAdd = false; this.addError = null; }}>${this.t('action.cancel')}</button>
          </div>
        </form>
      </section>`;
  }

  private control(c: RoomCamera) {
    return html`
      <section class="card control" aria-label=${c.name}>
        <div class="page-head"><h2>${c.name}</h2>
          <div class="actions">
            ${c.isDefault ? html`<span class="badge ok">${this.t('cam.default')}</span>` : this.canManage ? html`<button class="btn" type="button" @click=${() => this.makeDefault(c)}>${this.t('cam.makeDefault')}</button>` : nothing}
            <button class="btn" type="button" @click=${() => this.refreshSnapshot()}>${this.t('cam.refreshSnapshot')}</button>
          </div></div>
        <div class="stage">
          <figure class="snap">
            ${this.snap ? html`<img src=${this.snap} alt=${this.t('cam.snapshotAlt', { name: c.name })} />` : nothing}
            <figcaption class="muted">${c.manufacturer ?? ''} ${c.model ?? ''} · ${c.xaddr}</figcaption>
          </figure>
          ${c.ptz ? html`
            <div class="pad" role="group" aria-label=${this.t('cam.ptz')}>
              <span></span><button type="button" class="arrow" aria-label=${this.t('cam.up')} @click=${() => this.move(0, STEP, 0)}>▲</button><span></span>
              <button type="button" class="arrow" aria-label=${this.t('cam.left')} @click=${() => this.move(-STEP, 0, 0)}>◀</button>
              <span class="hub"></span>
              <button type="button" class="arrow" aria-label=${this.t('cam.right')} @click=${() => this.move(STEP, 0, 0)}>▶</button>
              <span></span><button type="button" class="arrow" aria-label=${this.t('cam.down')} @click=${() => this.move(0, -STEP, 0)}>▼</button><span></span>
              <button type="button" class="arrow zoom" @click=${() => this.move(0, 0, STEP)}>+ ${this.t('cam.zoomIn')}</button>
              <span></span>
              <button type="button" class="arrow zoom" @click=${() => this.move(0, 0, -STEP)}>− ${this.t('cam.zoomOut')}</button>
            </div>` : html`<p class="muted">${this.t('cam.noPtz')}</p>`}
        </div>
        ${c.ptz ? html`
          <h3>${this.t('cam.presets')}</h3>
          <ul class="presets">${PRESET_NAMES.map((name) => {
            const p = this.presets.find((x) => x.name === name);
            return html`<li><strong>${name}</strong>
              ${p ? html`<button class="btn primary" type="button" @click=${() => this.gotoPreset(p)}>${this.t('cam.goto')}</button>` : nothing}
              <button class="btn" type="button" @click=${() => this.savePreset(name)}>${this.t('cam.savePreset')}</button>
              ${p ? html`<button class="btn danger" type="button" @click=${() => this.removePreset(p)}>${this.t('action.remove')}</button>` : nothing}</li>`;
          })}
          ${this.presets.filter((p) => !(PRESET_NAMES as readonly string[]).includes(p.name)).map((p) => html`<li><strong>${p.name}</strong>
            <button class="btn primary" type="button" @click=${() => this.gotoPreset(p)}>${this.t('cam.goto')}</button>
            <button class="btn danger" type="button" @click=${() => this.removePreset(p)}>${this.t('action.remove')}</button></li>`)}
          </ul>` : nothing}
      </section>`;
  }

  override render() {
    return html`
      <div class="page-head"><h1>${this.t('cam.title')}</h1>
        ${this.canManage ? html`<button class="btn primary" type="button" @click=${() => (this.showAdd = true)}>${this.t('cam.addTitle')}</button>` : nothing}</div>
      ${this.showAdd ? this.addForm() : nothing}
      ${this.cameras.length === 0 ? html`<p class="muted">${this.t('it.noCameras')}</p>` : html`
        <ul class="list" aria-label=${this.t('cam.title')}>${this.cameras.map((c) => html`<li>
          <button type="button" class="pick" aria-pressed=${this.selected?.id === c.id ? 'true' : 'false'} @click=${() => this.select(c)}>
            <strong>${c.name}</strong>
            <span class="badge ${c.lastError ? 'danger' : 'ok'}">${c.lastError ? this.t('it.unreachable') : this.t('it.reachable')}</span>
            ${c.isDefault ? html`<span class="badge neutral">${this.t('cam.default')}</span>` : nothing}
          </button></li>`)}</ul>`}
      ${this.selected ? this.control(this.selected) : nothing}`;
  }

  static override styles = [baseStyles, formStyles, css`
    .card { margin-bottom: 1rem; }
    .card h2 { margin: 0; }
    .list { list-style: none; display: flex; flex-wrap: wrap; gap: 0.5rem; padding: 0; margin: 0 0 1rem; }
    .pick { display: flex; gap: 0.5rem; align-items: center; min-height: 3rem; padding: 0.5rem 1rem; font: inherit; cursor: pointer;
      border: 2px solid var(--ph-color-border); border-radius: var(--ph-radius-small); background: var(--ph-color-surface); }
    .pick[aria-pressed='true'] { border-color: var(--ph-color-primary); background: var(--ph-color-primary-soft); }
    .stage { display: flex; flex-wrap: wrap; gap: 1.5rem; align-items: flex-start; margin-top: 1rem; }
    .snap { margin: 0; flex: 1 1 24rem; }
    .snap img { width: 100%; max-width: 48rem; aspect-ratio: 16 / 9; object-fit: contain; background: #111; border-radius: var(--ph-radius-small); display: block; }
    .pad { display: grid; grid-template-columns: repeat(3, 4.5rem); gap: 0.5rem; }
    .arrow { min-width: 4.5rem; min-height: 4.5rem; font-size: 1.75rem; border-radius: var(--ph-radius); cursor: pointer;
      border: 2px solid var(--ph-color-primary); background: var(--ph-color-surface); color: var(--ph-color-primary); }
    .arrow:active { background: var(--ph-color-primary); color: #fff; }
    .arrow.zoom { font-size: 1rem; font-weight: 700; }
    .hub { border-radius: 50%; background: var(--ph-color-primary-soft); }
    .presets { list-style: none; padding: 0; margin: 0; display: grid; gap: 0.5rem; }
    .presets li { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; }
    .presets strong { min-width: 9rem; }
    .presets .btn { min-height: 4rem; }
    .discover { display: flex; flex-wrap: wrap; gap: 0.75rem; align-items: flex-end; margin-bottom: 1rem; }
    .found { list-style: none; padding: 0; display: grid; gap: 0.5rem; }
    .found li { display: flex; justify-content: space-between; gap: 0.5rem; align-items: center; }
  `];
}

customElements.define('ph-cameras-room-page', CamerasRoomPage);
declare global {
  interface HTMLElementTagNameMap { 'ph-cameras-room-page': CamerasRoomPage }
}
