import { css, html, nothing } from 'lit';
import { PhElement } from '../components/ph-element.js';
import '../components/notice-form.js';
import '../components/notice-receipts.js';
import type { NoticeSaveDetail } from '../components/notice-form.js';
import { isApiError } from '../api/client.js';
import { noticesApi, schoolDateTime, type AudienceOptions, type NoticeDraft, type NoticeListItem, type NoticeReceipts } from '../api/notices.js';
import { pick } from '../i18n/index.js';
import { notifyError, notifySuccess } from '../state/notify.js';
import { baseStyles } from '../styles/shared-styles.js';

/**
 * /thong-bao — notices to students and parents (Art. 15.1.e). The principal and vice principal
 * write to the school, grades or classes; a homeroom teacher to their class. A draft is edited or
 * deleted; once sent it is fixed (a correction is a new notice that supersedes it). For each sent
 * notice: who has read it, per class, and who has not. `?decision=ID` opens a notice prefilled from
 * the principal's decision (the button on /quyet-dinh); `?notice=ID` opens its receipts.
 */
export class NoticesPage extends PhElement {
  static override properties = {
    items: { state: true }, options: { state: true }, draft: { state: true }, editing: { state: true }, busy: { state: true },
    formError: { state: true }, selected: { state: true }, receipts: { state: true }, sent: { state: true },
  };
  declare items: NoticeListItem[] | null;
  declare options: AudienceOptions | null;
  /** The form's starting values while writing; null when the form is closed. */
  declare draft: NoticeDraft | null;
  /** The draft being edited, or null for a new notice. */
  declare editing: number | null;
  declare busy: boolean;
  declare formError: string | null;
  declare selected: number | null;
  declare receipts: NoticeReceipts | null;
  /** How many people the last notice was sent to. */
  declare sent: number | null;

  constructor() {
    super();
    this.items = null;
    this.options = null;
    this.draft = null;
    this.editing = null;
    this.busy = false;
    this.formError = null;
    this.selected = null;
    this.receipts = null;
    this.sent = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.start();
  }

  private async start() {
    const q = new URLSearchParams(location.search);
    await this.load();
    const decision = Number(q.get('decision'));
    const notice = Number(q.get('notice'));
    try {
      if (decision > 0) this.open(await noticesApi.fromDecision(decision), null);
      else if (notice > 0) await this.select(notice);
    } catch (e) {
      notifyError(e);
    }
  }

  private async load() {
    try {
      const [items, options] = await Promise.all([noticesApi.list(), noticesApi.audience()]);
      this.items = items;
      this.options = options;
    } catch (e) {
      notifyError(e);
    }
  }

  private open(draft: NoticeDraft, editing: number | null) {
    this.draft = draft;
    this.editing = editing;
    this.formError = null;
    this.sent = null;
  }

  private blank(): NoticeDraft {
    const wholeSchool = this.options?.wholeSchool ?? false;
    return { kind: 'general', title: '', body: '', decisionId: null, supersedesId: null,
      audience: wholeSchool ? { scope: 'school', to: 'both' } : { scope: 'classes', classIds: this.options?.classes.map((c) => c.id) ?? [], to: 'both' } };
  }

  private async save({ body, publish }: NoticeSaveDetail) {
    this.busy = true;
    this.formError = null;
    try {
      const id = this.editing ?? (await noticesApi.create(body)).id;
      if (this.editing) await noticesApi.update(id, body);
      this.editing = id; // a failed send leaves a saved draft to send again
      if (publish) {
        this.sent = (await noticesApi.publish(id)).recipients;
        await this.select(id);
      } else notifySuccess('notices.saved');
      this.draft = null;
      this.editing = null;
      await this.load();
    } catch (e) {
      if (isApiError(e)) this.formError = pick(e.text);
      notifyError(e);
    } finally {
      this.busy = false;
    }
  }

  private async deleteDraft(n: NoticeListItem) {
    try {
      await noticesApi.remove(n.id);
      notifySuccess('notices.deleted');
      await this.load();
    } catch (e) {
      notifyError(e);
    }
  }

  private async select(id: number) {
    this.selected = id;
    this.receipts = null;
    try {
      // The list's counts are refreshed with the receipts.
      const [receipts, items] = await Promise.all([noticesApi.receipts(id), noticesApi.list()]);
      this.receipts = receipts;
      this.items = items;
    } catch (e) {
      notifyError(e);
    }
  }

  private audienceText(n: NoticeListItem): string {
    const a = n.audience;
    const where = a.scope === 'school' ? this.t('notices.scope.school')
      : a.scope === 'grades' ? (a.grades ?? []).map((g) => this.t('notices.grade', { grade: g })).join(', ')
      : (a.classIds ?? []).map((id) => this.options?.classes.find((c) => c.id === id)?.name ?? `#${id}`).join(', ');
    return `${where} · ${this.t(`notices.to.${a.to}`)}`;
  }

  private renderItem(n: NoticeListItem) {
    const edit = () => this.open({ kind: n.kind, title: n.title, body: n.body, audience: n.audience, decisionId: n.decisionId, supersedesId: n.supersedesId }, n.id);
    const correct = () => this.open({ kind: n.kind, title: n.title, body: n.body, audience: n.audience, decisionId: n.decisionId, supersedesId: n.id }, null);
    return html`
      <li class="card ${n.status} ${this.selected === n.id ? 'selected' : ''}" data-notice=${n.id}>
        <div class="top">
          <span class="badge ${n.status === 'published' ? 'ok' : 'neutral'}">${this.t(`notices.status.${n.status}`)}</span>
          <span class="badge warn">${this.t(`notices.kind.${n.kind}`)}</span>
          ${n.supersededById ? html`<span class="badge danger">${this.t('notices.superseded')}</span>` : nothing}
        </div>
        <h2>${n.title}</h2>
        <p class="meta">${this.audienceText(n)}</p>
        <p class="meta">${n.authorName}${n.publishedAt ? html` · ${this.t('notices.publishedAt', { at: schoolDateTime(n.publishedAt) })}` : nothing}</p>
        ${n.status === 'published' ? html`<p class="counts">${this.t('notices.counts', { read: n.readCount, total: n.recipientCount })}</p>` : nothing}
        <div class="actions">
          ${n.status === 'published'
            ? html`<button class="btn primary" @click=${() => this.select(n.id)}>${this.t('notices.receipts')}</button>
                ${n.supersededById ? nothing : html`<button class="btn" @click=${correct}>${this.t('notices.correct')}</button>`}`
            : html`<button class="btn primary" @click=${edit}>${this.t('notices.edit')}</button>
                <button class="btn danger" @click=${() => this.deleteDraft(n)}>${this.t('notices.deleteDraft')}</button>`}
        </div>
      </li>`;
  }

  override render() {
    const o = this.options;
    const canWrite = !!o && (o.wholeSchool || o.classes.length > 0);
    return html`
      <div class="page-head">
        <h1>${this.t('notices.title')}</h1>
        ${canWrite && !this.draft ? html`<button class="btn primary" @click=${() => this.open(this.blank(), null)}>${this.t('notices.compose')}</button>` : nothing}
      </div>
      <p class="muted">${this.t('notices.intro')}</p>
      ${o && !canWrite ? html`<p class="notice warning">${this.t('notices.noClasses')}</p>` : nothing}
      ${this.sent !== null ? html`<p class="notice success" role="status">${this.t('notices.published', { n: this.sent })}</p>` : nothing}
      ${this.draft && o ? html`<ph-notice-form .options=${o} .draft=${this.draft} ?busy=${this.busy} .error=${this.formError}
        @ph-save-notice=${(e: CustomEvent<NoticeSaveDetail>) => this.save(e.detail)} @ph-cancel=${() => { this.draft = null; this.editing = null; }}></ph-notice-form>` : nothing}
      <div class="layout">
        <section aria-label=${this.t('notices.list')}>
          ${!this.items ? html`<p class="muted" role="status">${this.t('state.loading')}</p>`
            : !this.items.length ? html`<p class="notice">${this.t('notices.none')}</p>`
            : html`<ul class="items">${this.items.map((n) => this.renderItem(n))}</ul>`}
        </section>
        ${this.selected ? html`<div class="side">${this.receipts ? html`<ph-notice-receipts .receipts=${this.receipts}></ph-notice-receipts>` : html`<p class="muted" role="status">${this.t('state.loading')}</p>`}</div>` : nothing}
      </div>`;
  }

  static override styles = [baseStyles, css`
    ph-notice-form { display: block; margin-bottom: 1.5rem; }
    .layout { display: grid; gap: 1.25rem; }
    @media (min-width: 62rem) { .layout:has(.side) { grid-template-columns: minmax(0, 1fr) minmax(0, 1.15fr); } .side { position: sticky; top: 1rem; align-self: start; } }
    .items { list-style: none; margin: 0; padding: 0; display: grid; gap: 1rem; }
    .items li { display: flex; flex-direction: column; gap: 0.375rem; }
    .items li.published { border-left: 5px solid var(--ph-color-success); }
    .items li.selected { outline: 3px solid var(--ph-color-primary); }
    .top { display: flex; gap: 0.5rem; flex-wrap: wrap; }
    h2 { margin: 0.25rem 0 0; font-size: 1.1875rem; }
    .meta { margin: 0; color: var(--ph-color-muted); font-size: 0.9375rem; }
    .counts { margin: 0; font-weight: 700; color: var(--ph-color-primary); }
    .actions { margin-top: 0.5rem; }
  `];
}

customElements.define('ph-notices-page', NoticesPage);
declare global {
  interface HTMLElementTagNameMap { 'ph-notices-page': NoticesPage }
}
