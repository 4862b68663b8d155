import { css, html, nothing } from 'lit';
import { PhElement } from '../components/ph-element.js';
import '../components/progress-bar.js';
import { backupsApi, type BackupJob, type BackupListing, type BackupOverview, type BackupSettings } from '../api/backups.js';
import { isApiError } from '../api/client.js';
import { pick } from '../i18n/index.js';
import { ERRORS } from '../../../server/src/contracts/error-codes.js';
import { formatNumber } from '../i18n/format.js';
import { session } from '../state/session.js';
import { notifyError, notifySuccess } from '../state/notify.js';
import { baseStyles, formStyles, tableStyles } from '../styles/shared-styles.js';
import { IT_PATHS } from '../components/it-paths.js';

/** 'dd/mm/yyyy HH:mm' in school time (UTC+7). */
const when = (iso: string) => {
  const d = new Date(Date.parse(iso) + 7 * 3600_000).toISOString();
  return `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)} ${d.slice(11, 16)}`;
};

/**
 * /sao-luu — backups of the whole data directory (issue 5, point 8; Art. 8.2: the school keeps its
 * records): the target and the daily schedule, "back up now" with its progress, the backups at the
 * target with their size, date and state (a full verification on demand), and how to restore onto
 * a new box. IT staff act; the principal reads.
 */
export class BackupsPage extends PhElement {
  static override properties = {
    overview: { state: true }, listing: { state: true }, job: { state: true }, draft: { state: true },
    saving: { state: true }, starting: { state: true }, verifying: { state: true }, formError: { state: true }, verifyNote: { state: true },
  };
  declare overview: BackupOverview | null;
  declare listing: BackupListing | null;
  declare job: BackupJob | null;
  declare draft: BackupSettings | null;
  declare saving: boolean;
  declare starting: boolean;
  declare verifying: string | null;
  declare formError: string | null;
  declare verifyNote: { name: string; ok: boolean; text: string } | null;
  private poll: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    super();
    this.overview = null;
    this.listing = null;
    this.job = null;
    this.draft = null;
    this.saving = false;
    this.starting = false;
    this.verifying = null;
    this.formError = null;
    this.verifyNote = null;
  }

  private get canManage(): boolean {
    return session.hasAny(['it_staff']);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.poll);
  }

  private async load() {
    try {
      const [overview, listing, job] = await Promise.all([backupsApi.overview(), backupsApi.list(), backupsApi.job()]);
      this.overview = overview;
      this.draft = { ...overview.settings };
      this.listing = listing;
      this.job = job.job;
      if (job.job?.status === 'running') this.follow();
    } catch (e) {
      notifyError(e);
    }
  }

  private bytes(n: number): string {
    const units = [['GB', 1e9], ['MB', 1e6], ['KB', 1e3]] as const;
    for (const [u, f] of units) if (n >= f) return this.t(`bk.bytes.${u}`, { n: formatNumber(Math.round((n / f) * 10) / 10) });
    return this.t('bk.bytes.B', { n: formatNumber(n) });
  }

  /** Polls the running backup's progress until it ends, then reloads the list. */
  private follow() {
    clearTimeout(this.poll);
    this.poll = setTimeout(async () => {
      try {
        const { job } = await backupsApi.job();
        this.job = job;
        if (job?.status === 'running') return this.follow();
        this.listing = await backupsApi.list();
        if (job?.status === 'succeeded') notifySuccess('bk.doneToast');
      } catch {
        this.follow();
      }
    }, 400);
  }

  private async runNow() {
    this.starting = true;
    try {
      this.job = (await backupsApi.run()).job;
      this.follow();
    } catch (e) {
      notifyError(e);
      this.listing = await backupsApi.list().catch(() => this.listing);
    } finally {
      this.starting = false;
    }
  }

  private async save(e: SubmitEvent) {
    e.preventDefault();
    if (!this.draft) return;
    this.saving = true;
    this.formError = null;
    try {
      const r = await backupsApi.save({ ...this.draft, target: this.draft.target.trim() });
      this.overview = r.overview;
      this.draft = { ...r.overview.settings };
      notifySuccess('bk.saved');
      this.listing = await backupsApi.list();
    } catch (err) {
      this.formError = isApiError(err) ? pick(err.text) : String(err);
    } finally {
      this.saving = false;
    }
  }

  private async verify(name: string) {
    this.verifying = name;
    this.verifyNote = null;
    try {
      const r = await backupsApi.verify(name);
      this.verifyNote = { name, ok: r.ok, text: r.ok ? this.t('bk.verifyOk', { files: r.checkedFiles }) : this.t('bk.verifyBad', { problems: r.problems.slice(0, 5).join('; ') }) };
      this.listing = await backupsApi.list();
    } catch (e) {
      notifyError(e);
    } finally {
      this.verifying = null;
    }
  }

  private set<K extends keyof BackupSettings>(key: K, value: BackupSettings[K]) {
    if (this.draft) this.draft = { ...this.draft, [key]: value };
  }

  private renderJob() {
    const j = this.job;
    if (!j) return nothing;
    const p = j.progress;
    if (j.status === 'running') {
      const fraction = p.bytesTotal > 0 ? Math.min(1, p.bytesDone / p.bytesTotal) : null;
      return html`<div class="job" role="status" aria-live="polite">
        <ph-progress-bar .value=${fraction} .label=${this.t(`bk.phase.${p.phase}` as 'bk.phase.files')}></ph-progress-bar>
        <p class="muted progress-text">${this.t('bk.progress', { files: formatNumber(p.filesDone), filesTotal: formatNumber(p.filesTotal), done: this.bytes(p.bytesDone), total: this.bytes(p.bytesTotal) })}</p>
      </div>`;
    }
    if (j.status === 'failed') return html`<p class="notice error job-result" role="alert">${this.t('bk.failed', { error: j.error?.code && j.error.code !== 'BACKUP_FAILED' ? this.errorText(j.error.code) : (j.error?.message ?? '') })}</p>`;
    return html`<p class="notice success job-result" role="status">${this.t('bk.done', { name: j.name ?? '' })} · ${this.t('bk.progress', { files: formatNumber(p.filesDone), filesTotal: formatNumber(p.filesTotal), done: this.bytes(p.bytesDone), total: this.bytes(p.bytesTotal) })}${j.pruned.length ? html` · ${this.t('bk.pruned', { n: j.pruned.length })}` : nothing}</p>`;
  }

  /** The server's message for an error code (a refused target, a failed run). */
  private errorText(code: string): string {
    const e = (ERRORS as Record<string, { vi: string; en: string }>)[code];
    return e ? pick(e) : code;
  }

  private renderList() {
    const l = this.listing;
    if (!l) return html`<p class="muted" role="status">${this.t('state.loading')}</p>`;
    if (!l.target) return html`<p class="notice">${this.t('bk.noTarget')}</p>`;
    return html`
      <p class="target"><code>${l.target}</code>
        ${l.check?.problem ? html`<span class="badge danger">${this.errorText(l.check.problem)}</span>` : nothing}
        ${l.check && l.check.freeBytes !== null ? html`<span class="muted">${this.t('bk.free', { free: this.bytes(l.check.freeBytes), needed: this.bytes(l.check.neededBytes) })}</span>` : nothing}</p>
      ${this.verifyNote ? html`<p class="notice ${this.verifyNote.ok ? 'success' : 'error'} verify-note" role="status">${this.verifyNote.name}: ${this.verifyNote.text}</p>` : nothing}
      ${!l.backups.length ? html`<p class="notice">${this.t('bk.none')}</p>` : html`
      <div class="table-wrap"><table class="backups">
        <thead><tr><th>${this.t('bk.col.date')}</th><th>${this.t('bk.col.kind')}</th><th>${this.t('bk.col.size')}</th><th>${this.t('bk.col.content')}</th><th>${this.t('bk.col.status')}</th>${this.canManage ? html`<th></th>` : nothing}</tr></thead>
        <tbody>${l.backups.map((b) => html`<tr data-name=${b.name}>
          <td>${b.takenAt ? when(b.takenAt) : '—'}<br /><span class="muted name">${b.name}</span></td>
          <td>${this.t(`bk.trigger.${b.trigger}`)}</td>
          <td class="num">${this.bytes(b.bytes)}</td>
          <td>${this.t('bk.content', { files: formatNumber(b.files), tables: formatNumber(b.tables), rows: formatNumber(b.rows) })}${b.includesRecordings ? html` · ${this.t('bk.withRecordings')}` : nothing}</td>
          <td>${b.verification
            ? html`<span class="badge ${b.verification.ok ? 'ok' : 'danger'}">${this.t(b.verification.ok ? 'bk.verifiedOk' : 'bk.verifiedBad')}</span>`
            : html`<span class="badge ${b.complete ? 'neutral' : 'danger'}">${this.t(b.complete ? 'bk.complete' : 'bk.incomplete')}</span>`}</td>
          ${this.canManage ? html`<td><button class="btn" type="button" ?disabled=${this.verifying !== null} @click=${() => this.verify(b.name)}>${this.verifying === b.name ? this.t('bk.verifying') : this.t('bk.verify')}<span class="visually-hidden"> ${b.name}</span></button></td>` : nothing}
        </tr>`)}</tbody>
      </table></div>`}`;
  }

  private renderSettings() {
    const d = this.draft;
    const o = this.overview;
    if (!d || !o) return html`<p class="muted">${this.t('state.loading')}</p>`;
    const ro = !this.canManage;
    return html`<form @submit=${(e: SubmitEvent) => this.save(e)}>
      <div class="field"><label for="bk-target">${this.t('bk.target')}</label>
        <input id="bk-target" type="text" inputmode="url" spellcheck="false" .value=${d.target} ?disabled=${ro} placeholder="/media/usb0/phonghoc"
          @input=${(e: Event) => this.set('target', (e.target as HTMLInputElement).value)} />
        <p class="hint muted">${this.t('bk.targetHint')}</p></div>
      <div class="row">
        <label class="check"><input type="checkbox" .checked=${d.enabled} ?disabled=${ro} @change=${(e: Event) => this.set('enabled', (e.target as HTMLInputElement).checked)} /> ${this.t('bk.enabled')}</label>
      </div>
      <div class="row">
        <div class="field"><label for="bk-time">${this.t('bk.time')}</label>
          <input id="bk-time" type="text" inputmode="numeric" pattern="([01][0-9]|2[0-3]):[0-5][0-9]" placeholder="18:30" maxlength="5" .value=${d.time} ?disabled=${ro} required @input=${(e: Event) => this.set('time', (e.target as HTMLInputElement).value)} /></div>
        <div class="field"><label for="bk-keep">${this.t('bk.keep')}</label>
          <input id="bk-keep" type="number" min="1" max="365" .value=${String(d.keep)} ?disabled=${ro} required @input=${(e: Event) => this.set('keep', Number((e.target as HTMLInputElement).value))} /></div>
      </div>
      <label class="check"><input type="checkbox" .checked=${d.includeRecordings} ?disabled=${ro} @change=${(e: Event) => this.set('includeRecordings', (e.target as HTMLInputElement).checked)} /> ${this.t('bk.includeRecordings')}</label>
      <p class="muted schedule">${o.nextRunAt ? this.t('bk.next', { time: when(o.nextRunAt) }) : this.t('bk.scheduleOff')}</p>
      ${this.formError ? html`<p class="notice error" role="alert">${this.formError}</p>` : nothing}
      ${ro ? nothing : html`<div class="form-actions"><button class="btn primary" type="submit" ?disabled=${this.saving}>${this.t('bk.save')}</button></div>`}
    </form>`;
  }

  override render() {
    const running = this.job?.status === 'running';
    const example = `${this.listing?.target || '/media/usb0/phonghoc'}/${this.listing?.backups[0]?.name ?? 'phonghoc-backup-20261128T113000000Z'}`;
    return html`
      <div class="page-head">
        <h1>${this.t('bk.title')}</h1>
        <div class="actions"><a class="btn" href=${IT_PATHS.console}>${this.t('it.title')}</a></div>
      </div>
      <p class="muted">${this.t('bk.intro')}</p>
      ${this.canManage ? nothing : html`<p class="notice">${this.t('bk.readOnly')}</p>`}
      ${this.overview && !this.overview.databaseSupported ? html`<p class="notice warning">${this.t('bk.postgres')}</p>` : nothing}
      <section class="card now">
        <div class="page-head"><h2>${this.t('bk.now')}</h2>
          ${this.canManage ? html`<button class="btn primary big" type="button" ?disabled=${running || this.starting || !this.overview?.settings.target} @click=${() => this.runNow()}>${running ? this.t('bk.running') : this.t('bk.now')}</button>` : nothing}</div>
        ${this.renderJob()}
      </section>
      <section class="card"><h2>${this.t('bk.list')}</h2>${this.renderList()}</section>
      <section class="card"><h2>${this.t('bk.settings')}</h2>${this.renderSettings()}</section>
      <section class="card restore"><h2>${this.t('bk.restoreTitle')}</h2>
        <ol>
          <li>${this.t('bk.restore1')}</li>
          <li>${this.t('bk.restore2')}</li>
          <li>${this.t('bk.restore3')}<pre><code>node dist/server/src/cli.js restore --from ${example} --data-dir /data</code></pre></li>
          <li>${this.t('bk.restore4')}</li>
        </ol>
      </section>`;
  }

  static override styles = [baseStyles, formStyles, tableStyles, css`
    .card { margin-bottom: 1rem; }
    .card h2 { margin: 0; }
    .card > h2 { margin-bottom: 0.75rem; }
    .page-head h2 { margin: 0; }
    .big { min-height: 3rem; padding-inline: 1.5rem; font-size: 1.0625rem; }
    .job { margin-top: 0.75rem; }
    .progress-text { margin: 0.375rem 0 0; font-variant-numeric: tabular-nums; }
    .job-result { margin: 0.75rem 0 0; }
    .target { display: flex; flex-wrap: wrap; gap: 0.25rem 0.75rem; align-items: baseline; margin-top: 0; }
    .name { font-size: 0.8125rem; word-break: break-all; }
    td.num { white-space: nowrap; font-variant-numeric: tabular-nums; }
    td .btn { white-space: nowrap; }
    .row { display: flex; flex-wrap: wrap; gap: 0 1rem; }
    .row .field { flex: 1 1 10rem; }
    label.check { display: flex; gap: 0.5rem; align-items: center; min-height: 2.75rem; }
    label.check input { width: 1.25rem; height: 1.25rem; }
    .hint { margin: 0.25rem 0 0; font-size: 0.875rem; }
    pre { background: var(--ph-color-primary-soft); padding: 0.75rem; border-radius: 0.5rem; overflow-x: auto; white-space: pre-wrap; word-break: break-all; }
    ol { padding-left: 1.25rem; display: grid; gap: 0.5rem; margin: 0; }
  `];
}

customElements.define('ph-backups-page', BackupsPage);
declare global {
  interface HTMLElementTagNameMap { 'ph-backups-page': BackupsPage }
}
