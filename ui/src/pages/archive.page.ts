import { css, html, nothing } from 'lit';
import { PhElement } from '../components/ph-element.js';
import { isApiError } from '../api/client.js';
import {
  ARCHIVE_CATEGORIES, archiveApi, type ArchiveJob, type ArchiveOverview, type ArchiveRecord, type ArchiveRecordSummary, type ChainStatus, type DisposalPreview, type RecordCategory,
} from '../api/archive.js';
import { pick } from '../i18n/index.js';
import type { MessageKey } from '../i18n/index.js';
import { formatDate, formatNumber } from '../i18n/format.js';
import { session } from '../state/session.js';
import { notifyError, notifySuccess } from '../state/notify.js';
import { baseStyles, formStyles, tableStyles } from '../styles/shared-styles.js';

/** School day (UTC+7) of an instant. */
const schoolDay = (instant: string) => new Date(new Date(instant).getTime() + 7 * 3600_000).toISOString().slice(0, 10);
const schoolTime = (instant: string) => `${formatDate(schoolDay(instant))} ${new Date(new Date(instant).getTime() + 7 * 3600_000).toISOString().slice(11, 16)}`;
const roman = (n: number) => (n === 1 ? 'I' : 'II');
const size = (bytes: number) => (bytes >= 1024 * 1024 ? `${formatNumber(Math.round(bytes / 104857.6) / 10)} MB` : `${formatNumber(Math.ceil(bytes / 1024))} KB`);
const PAGE = 50;

/**
 * /ho-so-luu-tru — the records archive (Art. 8): the chain's status, seals by semester (sealing with
 * progress, download of the package), the school's retention periods, disposal after retention, and
 * the records by category and semester with search. The principal acts; the vice principal reads;
 * IT staff see the chain status only. The server checks every rule again.
 */
export class ArchivePage extends PhElement {
  static override properties = {
    overview: { state: true }, chain: { state: true }, records: { state: true }, more: { state: true }, category: { state: true }, semesterId: { state: true },
    search: { state: true }, open: { state: true }, job: { state: true }, busy: { state: true }, editing: { state: true }, disposal: { state: true },
    disposalCategory: { state: true }, disposalYear: { state: true }, disposalError: { state: true },
  };
  declare overview: ArchiveOverview | null;
  declare chain: ChainStatus | null;
  declare records: ArchiveRecordSummary[] | null;
  declare more: boolean;
  declare category: RecordCategory | '';
  declare semesterId: number | null;
  declare search: string;
  declare open: ArchiveRecord | null;
  declare job: ArchiveJob | null;
  declare busy: boolean;
  declare editing: RecordCategory | null;
  declare disposal: DisposalPreview | null;
  declare disposalCategory: RecordCategory;
  declare disposalYear: number | null;
  declare disposalError: string | null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private searchTimer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    super();
    this.overview = null;
    this.chain = null;
    this.records = null;
    this.more = false;
    this.category = '';
    this.semesterId = null;
    this.search = '';
    this.open = null;
    this.job = null;
    this.busy = false;
    this.editing = null;
    this.disposal = null;
    this.disposalCategory = 'teaching_process';
    this.disposalYear = null;
    this.disposalError = null;
  }

  private get canRead() { return session.hasAny(['principal', 'vice_principal']); }
  private get canManage() { return session.hasAny(['principal']); }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.verify();
    if (this.canRead) void this.load();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.timer);
    clearTimeout(this.searchTimer);
  }

  private async verify() {
    try {
      this.chain = await archiveApi.verify();
    } catch (e) {
      notifyError(e);
    }
  }

  private async load() {
    try {
      this.overview = await archiveApi.overview();
      const running = this.overview.jobs[0];
      if (running && !this.job) this.follow(running);
      await this.loadRecords();
    } catch (e) {
      notifyError(e);
    }
  }

  private async loadRecords(append = false) {
    const before = append && this.records?.length ? this.records[this.records.length - 1]!.seq : undefined;
    const list = await archiveApi.records({
      ...(this.category ? { category: this.category } : {}), ...(this.semesterId ? { semesterId: this.semesterId } : {}),
      ...(this.search.trim() ? { search: this.search.trim() } : {}), ...(before ? { beforeSeq: before } : {}), limit: PAGE,
    });
    this.records = append ? [...(this.records ?? []), ...list] : list;
    this.more = list.length === PAGE;
  }

  private follow(job: ArchiveJob) {
    this.job = job;
    clearTimeout(this.timer);
    if (job.phase === 'done' || job.phase === 'failed') {
      if (job.phase === 'done') notifySuccess('arc.job.done');
      void this.load();
      void this.verify();
      return;
    }
    this.timer = setTimeout(async () => {
      try {
        this.follow(await archiveApi.job(job.id));
      } catch (e) {
        notifyError(e);
      }
    }, 700);
  }

  private async seal(s: ArchiveOverview['semesters'][number]) {
    if (!confirm(this.t('arc.seals.confirm', { n: roman(s.number), year: s.yearName }))) return;
    try {
      this.follow(await archiveApi.seal(s.id));
    } catch (e) {
      notifyError(e);
    }
  }

  private async exportAgain(semesterId: number) {
    try {
      this.follow(await archiveApi.exportAgain(semesterId));
    } catch (e) {
      notifyError(e);
    }
  }

  private async toggle(seq: number) {
    if (this.open?.seq === seq) {
      this.open = null;
      return;
    }
    try {
      this.open = await archiveApi.record(seq);
    } catch (e) {
      notifyError(e);
    }
  }

  private async saveRetention(e: SubmitEvent, category: RecordCategory) {
    e.preventDefault();
    const form = new FormData(e.target as HTMLFormElement);
    const permanent = form.get('permanent') === 'on';
    this.busy = true;
    try {
      await archiveApi.setRetention(category, permanent ? null : Number(form.get('years')));
      this.editing = null;
      notifySuccess('arc.retention.saved');
      await this.load();
    } catch (err) {
      notifyError(err);
    } finally {
      this.busy = false;
    }
  }

  private async previewDisposal() {
    this.disposalError = null;
    try {
      this.disposal = await archiveApi.disposalPreview(this.disposalCategory, this.disposalYear);
    } catch (e) {
      notifyError(e);
    }
  }

  private async dispose(e: SubmitEvent) {
    e.preventDefault();
    const form = new FormData(e.target as HTMLFormElement);
    this.busy = true;
    this.disposalError = null;
    try {
      const r = await archiveApi.dispose({
        category: this.disposalCategory, schoolYearId: this.disposalYear, reason: String(form.get('reason') ?? '').trim(), decisionNumber: String(form.get('decision') ?? '').trim(),
      });
      this.disposal = null;
      alert(this.t('arc.disposal.done', { n: r.disposed, seq: r.disposalSeq }));
      await this.load();
      await this.verify();
    } catch (err) {
      if (isApiError(err)) this.disposalError = pick(err.text);
      notifyError(err);
    } finally {
      this.busy = false;
    }
  }

  private renderChain() {
    const c = this.chain;
    return html`
      <section class="card chain ${c ? (c.ok ? 'ok' : 'broken') : ''}" aria-live="polite">
        <div class="head"><h2>${this.t('arc.chain.title')}</h2>
          <button class="btn" type="button" @click=${() => this.verify()}>${this.t('arc.chain.check')}</button></div>
        ${!c ? html`<p class="muted">${this.t('state.loading')}</p>` : html`
          <p class="status">${c.ok ? html`<span class="badge ok">✓</span> ${this.t('arc.chain.ok', { n: formatNumber(c.count) })}`
            : html`<span class="badge danger">!</span> <strong>${c.firstBreak ? this.t('arc.chain.broken', { seq: c.firstBreak.seq, reason: this.t(`arc.reason.${c.firstBreak.reason}` as MessageKey) }) : this.t('arc.seals.broken')}</strong>`}</p>
          <p class="muted small">${this.t('arc.chain.head', { seq: c.head.seq, hash: c.head.hash.slice(0, 16) + '…' })} · ${this.t('arc.chain.checkedAt', { at: schoolTime(c.checkedAt) })}</p>`}
      </section>`;
  }

  private renderJob() {
    const j = this.job;
    if (!j || j.phase === 'done') return nothing;
    const text = j.phase === 'failed' ? this.t('arc.job.failed', { message: j.error?.code ?? '' }) : this.t(`arc.job.${j.phase}` as MessageKey, { done: j.done, total: j.total });
    return html`<div class="job ${j.phase}" role="status">
      <p>${text}</p>
      ${j.phase !== 'failed' ? html`<progress max=${Math.max(1, j.total)} value=${j.done}></progress>` : nothing}
    </div>`;
  }

  private renderSeals() {
    const o = this.overview!;
    const byId = new Map(this.chain?.seals.map((s) => [s.semesterId, s.intact]) ?? []);
    const running = this.job && this.job.phase !== 'done' && this.job.phase !== 'failed' ? this.job.semesterId : null;
    return html`
      <section class="card">
        <h2>${this.t('arc.seals.title')}</h2>
        ${this.renderJob()}
        <ul class="semesters">${o.semesters.map((s) => html`
          <li>
            <div class="head"><h3>${this.t('arc.seals.semester', { n: roman(s.number), year: s.yearName })}</h3>
              <span class="muted">${this.t('arc.seals.period', { from: formatDate(s.startsOn), to: formatDate(s.endsOn) })}</span>
              ${s.seal ? html`<span class="badge ${byId.get(s.id) === false ? 'danger' : 'ok'}">${byId.get(s.id) === false ? this.t('arc.seals.broken') : this.t('arc.seals.intact')}</span>`
                : html`<span class="badge ${s.ended ? 'warn' : 'neutral'}">${s.ended ? this.t('arc.seals.ready') : this.t('arc.seals.notEnded')}</span>`}</div>
            ${s.seal ? html`
              <p class="small">${this.t('arc.seals.sealed', { at: schoolTime(s.seal.sealedAt), name: s.seal.sealedByName ?? '', count: s.seal.recordCount, hash: s.seal.headHash.slice(0, 16) + '…' })}</p>
              <div class="actions">
                ${s.seal.exportFile && s.seal.exportBytes ? html`<a class="btn primary" href=${archiveApi.exportUrl(s.id)} download>${this.t('arc.seals.download', { size: size(s.seal.exportBytes) })}</a>` : nothing}
                ${this.canManage && !s.seal.exportFile && running !== s.id ? html`<button class="btn" type="button" @click=${() => this.exportAgain(s.id)}>${this.t('arc.seals.exportAgain')}</button>` : nothing}
              </div>`
              : this.canManage && s.ended ? html`<div class="actions"><button class="btn primary" type="button" ?disabled=${running !== null} @click=${() => this.seal(s)}>${this.t('arc.seals.seal')}</button></div>` : nothing}
          </li>`)}
        </ul>
      </section>`;
  }

  private renderRetention() {
    const o = this.overview!;
    return html`
      <section class="card">
        <h2>${this.t('arc.retention.title')}</h2>
        <p class="muted small">${this.t('arc.retention.intro', { source: o.retention[0]?.source ?? '' })}</p>
        <ul class="retention">${o.retention.map((r) => html`
          <li>
            <span class="label">${this.t(`arc.catLong.${r.category}` as MessageKey)}</span>
            ${this.editing === r.category ? html`
              <form @submit=${(e: SubmitEvent) => this.saveRetention(e, r.category)} class="inline">
                <label>${this.t('arc.retention.yearsLabel')} <input name="years" type="number" min="0" max="100" .value=${String(r.years ?? 10)}></label>
                <label><input name="permanent" type="checkbox" ?checked=${r.years === null}> ${this.t('arc.retention.permanent')}</label>
                <button class="btn primary" type="submit" ?disabled=${this.busy}>${this.t('arc.retention.save')}</button>
                <button class="btn" type="button" @click=${() => (this.editing = null)}>${this.t('action.cancel')}</button>
              </form>` : html`
              <strong>${r.years === null ? this.t('arc.retention.permanent') : this.t('arc.retention.years', { n: r.years })}</strong>
              <span class="muted small">${r.isDefault ? this.t('arc.retention.default') : r.updatedAt ? this.t('arc.retention.setBy', { date: formatDate(schoolDay(r.updatedAt)) }) : ''}</span>
              ${this.canManage ? html`<button class="btn small" type="button" @click=${() => (this.editing = r.category)}>${this.t('arc.retention.edit')}<span class="visually-hidden"> ${this.t(`arc.cat.${r.category}` as MessageKey)}</span></button>` : nothing}`}
          </li>`)}
        </ul>
      </section>`;
  }

  private renderDisposal() {
    const o = this.overview!;
    const years = [...new Map(o.semesters.map((s) => [s.schoolYearId, s.yearName])).entries()];
    const p = this.disposal;
    return html`
      <section class="card">
        <h2>${this.t('arc.disposal.title')}</h2>
        <p class="muted small">${this.t('arc.disposal.intro')}</p>
        <div class="filters">
          <div class="field"><label for="d-cat">${this.t('arc.records.category')}</label>
            <select id="d-cat" @change=${(e: Event) => { this.disposalCategory = (e.target as HTMLSelectElement).value as RecordCategory; this.disposal = null; }}>
              ${ARCHIVE_CATEGORIES.map((c) => html`<option value=${c} ?selected=${c === this.disposalCategory}>${this.t(`arc.cat.${c}` as MessageKey)}</option>`)}</select></div>
          <div class="field"><label for="d-year">${this.t('arc.disposal.year')}</label>
            <select id="d-year" @change=${(e: Event) => { const v = (e.target as HTMLSelectElement).value; this.disposalYear = v ? Number(v) : null; this.disposal = null; }}>
              <option value="" ?selected=${this.disposalYear === null}>${this.t('arc.disposal.noYear')}</option>
              ${years.map(([id, name]) => html`<option value=${id} ?selected=${id === this.disposalYear}>${name}</option>`)}</select></div>
          <button class="btn" type="button" @click=${() => this.previewDisposal()}>${this.t('arc.disposal.preview')}</button>
        </div>
        ${p ? html`
          <p>${p.years === null ? this.t('arc.disposal.permanent') : this.t('arc.disposal.count', { n: p.records.length, date: formatDate(p.retentionEndsOn) })}
            ${!p.eligible && p.years !== null ? html`<span class="badge warn">${p.unsealedSemesterIds.length ? this.t('arc.disposal.unsealed') : this.t('arc.disposal.notEligible')}</span>` : nothing}</p>
          ${p.eligible ? html`
            <form class="dispose" @submit=${(e: SubmitEvent) => this.dispose(e)}>
              <div class="field"><label for="d-reason">${this.t('arc.disposal.reason')}</label><textarea id="d-reason" name="reason" required minlength="5" maxlength="1000" rows="2"></textarea></div>
              <div class="field"><label for="d-dec">${this.t('arc.disposal.decision')}</label><input id="d-dec" name="decision" maxlength="60"></div>
              ${this.disposalError ? html`<p class="notice error" role="alert">${this.disposalError}</p>` : nothing}
              <button class="btn danger" type="submit" ?disabled=${this.busy}>${this.t('arc.disposal.submit', { n: p.records.length })}</button>
            </form>` : nothing}` : nothing}
      </section>`;
  }

  private renderRecords() {
    const o = this.overview!;
    return html`
      <section class="card records">
        <h2>${this.t('arc.records.title')}</h2>
        <div class="counts">${o.counts.map((c) => html`<button type="button" class="count ${this.category === c.category ? 'active' : ''}" aria-pressed=${this.category === c.category}
            @click=${() => { this.category = this.category === c.category ? '' : c.category; void this.loadRecords(); }}>
          <span class="n">${formatNumber(c.count)}</span><span>${this.t(`arc.cat.${c.category}` as MessageKey)}</span></button>`)}</div>
        <div class="filters">
          <div class="field"><label for="f-cat">${this.t('arc.records.category')}</label>
            <select id="f-cat" @change=${(e: Event) => { this.category = (e.target as HTMLSelectElement).value as RecordCategory | ''; void this.loadRecords(); }}>
              <option value="" ?selected=${!this.category}>${this.t('arc.records.allCategories')}</option>
              ${ARCHIVE_CATEGORIES.map((c) => html`<option value=${c} ?selected=${c === this.category}>${this.t(`arc.catLong.${c}` as MessageKey)}</option>`)}</select></div>
          <div class="field"><label for="f-sem">${this.t('arc.records.semester')}</label>
            <select id="f-sem" @change=${(e: Event) => { const v = (e.target as HTMLSelectElement).value; this.semesterId = v ? Number(v) : null; void this.loadRecords(); }}>
              <option value="" ?selected=${this.semesterId === null}>${this.t('arc.records.allSemesters')}</option>
              ${o.semesters.map((s) => html`<option value=${s.id} ?selected=${s.id === this.semesterId}>${this.t('arc.seals.semester', { n: roman(s.number), year: s.yearName })}</option>`)}</select></div>
          <div class="field grow"><label for="f-q">${this.t('arc.records.search')}</label>
            <input id="f-q" type="search" .value=${this.search} @input=${(e: Event) => {
              this.search = (e.target as HTMLInputElement).value;
              clearTimeout(this.searchTimer);
              this.searchTimer = setTimeout(() => void this.loadRecords(), 300);
            }}></div>
        </div>
        ${!this.records ? html`<p class="muted">${this.t('state.loading')}</p>` : !this.records.length ? html`<p class="notice">${this.t('arc.records.none')}</p>` : html`
          <div class="table-wrap"><table>
            <thead><tr><th>${this.t('arc.records.seq')}</th><th class="opt">${this.t('arc.records.category')}</th><th>${this.t('arc.records.name')}</th><th>${this.t('arc.records.at')}</th><th class="opt">${this.t('arc.records.by')}</th><th></th></tr></thead>
            <tbody>${this.records.map((r) => html`
              <tr class=${r.disposedAt ? 'disposed' : ''}>
                <td class="num">${r.seq}</td>
                <td class="opt"><span class="badge neutral">${this.t(`arc.cat.${r.category}` as MessageKey)}</span></td>
                <td class="title">${r.title}${r.disposedAt ? html` <span class="badge warn">${this.t('arc.records.disposed', { date: formatDate(schoolDay(r.disposedAt)) })}</span>` : nothing}</td>
                <td class="date">${formatDate(schoolDay(r.recordedAt))}</td>
                <td class="opt">${r.actorName ?? ''}</td>
                <td class="act"><button class="btn small" type="button" aria-expanded=${this.open?.seq === r.seq} @click=${() => this.toggle(r.seq)}>${this.open?.seq === r.seq ? this.t('arc.records.hide') : this.t('arc.records.show')}</button></td>
              </tr>
              ${this.open?.seq === r.seq ? html`<tr class="detail"><td colspan="6">
                <p class="small"><strong>${this.t('arc.records.hash')}:</strong> <code>${this.open.hash}</code> · ${this.open.kind} · ${this.open.ref}</p>
                ${this.open.payload === null ? html`<p class="notice">${this.t('arc.records.payloadDisposed')}</p>` : html`<pre>${JSON.stringify(this.open.payload, null, 2)}</pre>`}
              </td></tr>` : nothing}`)}
            </tbody></table></div>
          ${this.more ? html`<button class="btn" type="button" @click=${() => this.loadRecords(true)}>${this.t('arc.records.more')}</button>` : nothing}`}
      </section>`;
  }

  override render() {
    return html`
      <div class="page-head"><h1>${this.t('arc.title')}</h1></div>
      <p class="muted">${this.t('arc.intro')}</p>
      ${this.renderChain()}
      ${!this.canRead ? html`<p class="notice">${this.t('arc.itOnly')}</p>` : !this.overview ? html`<p class="muted" role="status">${this.t('state.loading')}</p>` : html`
        <div class="grid">${this.renderSeals()}${this.renderRetention()}</div>
        ${this.canManage ? this.renderDisposal() : nothing}
        ${this.renderRecords()}`}`;
  }

  static override styles = [baseStyles, formStyles, tableStyles, css`
    .card { margin-bottom: 1rem; }
    .head { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem 1rem; justify-content: space-between; }
    .head h2, .head h3 { margin: 0; }
    h3 { font-size: 1.0625rem; }
    .chain.ok { border-left: 5px solid var(--ph-color-success); }
    .chain.broken { border-left: 5px solid var(--ph-color-danger); background: var(--ph-color-danger-soft); }
    .status { font-size: 1.0625rem; margin: 0.75rem 0 0.25rem; }
    .small { font-size: 0.875rem; }
    .grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 26rem), 1fr)); gap: 1rem; align-items: start; }
    .grid .card { margin-bottom: 0; }
    .grid { margin-bottom: 1rem; }
    ul.semesters, ul.retention { list-style: none; margin: 0.75rem 0 0; padding: 0; display: grid; gap: 0.75rem; }
    ul.semesters li { border-top: 1px solid var(--ph-color-border); padding-top: 0.75rem; }
    ul.semesters .head { justify-content: flex-start; }
    .actions { display: flex; flex-wrap: wrap; gap: 0.5rem; margin-top: 0.5rem; }
    ul.retention li { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem 1rem; min-height: 2.75rem; }
    ul.retention .label { flex: 1 1 14rem; }
    form.inline { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; }
    form.inline input[type=number] { width: 5rem; }
    .filters { display: flex; flex-wrap: wrap; gap: 0.75rem; align-items: flex-end; margin: 0.75rem 0; }
    .filters .grow { flex: 1 1 14rem; }
    .counts { display: grid; grid-template-columns: repeat(auto-fit, minmax(9rem, 1fr)); gap: 0.5rem; margin-top: 0.75rem; }
    .count { display: flex; flex-direction: column; align-items: flex-start; gap: 0.125rem; padding: 0.75rem; min-height: 3.5rem; border: 1px solid var(--ph-color-border); border-radius: var(--ph-radius); background: var(--ph-color-surface); font: inherit; cursor: pointer; text-align: left; }
    .count.active { border-color: var(--ph-color-primary); box-shadow: inset 0 0 0 2px var(--ph-color-primary); }
    .count .n { font-size: 1.5rem; font-weight: 700; }
    .job { margin: 0.75rem 0; }
    .job progress { width: 100%; height: 1rem; }
    .job.failed p { color: var(--ph-color-danger); }
    td.num { text-align: right; font-variant-numeric: tabular-nums; }
    tr.disposed td { color: var(--ph-color-muted); }
    tr.detail pre { max-height: 24rem; overflow: auto; background: #f6f8fa; padding: 0.75rem; border-radius: var(--ph-radius); font-size: 0.8125rem; white-space: pre-wrap; overflow-wrap: anywhere; }
    code { overflow-wrap: anywhere; }
    .btn.small { min-height: 2.25rem; padding: 0.25rem 0.75rem; }
    form.dispose { display: grid; gap: 0.75rem; max-width: 40rem; }
    /* On a phone the title gets the width: the category is the filter above, the author is in the record. */
    @media (max-width: 40rem) {
      .opt, thead { display: none; }
      .table-wrap { overflow: visible; }
      table, tbody, td { display: block; }
      tbody tr { display: grid; grid-template-columns: auto 1fr auto; gap: 0.125rem 0.625rem; padding: 0.625rem 0.75rem; border-bottom: 1px solid var(--ph-color-border); }
      tbody td { padding: 0; border: 0; }
      td.num { grid-row: 1 / span 2; color: var(--ph-color-muted); }
      td.title { grid-column: 2; }
      td.date { grid-column: 2; font-size: 0.875rem; color: var(--ph-color-muted); }
      td.act { grid-column: 3; grid-row: 1 / span 2; align-self: center; }
      tr.detail { display: block; }
    }
  `];
}

customElements.define('ph-archive-page', ArchivePage);
declare global {
  interface HTMLElementTagNameMap { 'ph-archive-page': ArchivePage }
}
