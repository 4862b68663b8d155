import { css, html, nothing } from 'lit';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import { PhElement } from '../components/ph-element.js';
import '../components/disclosure-facts.js';
import '../components/language-switch.js';
import { isApiError } from '../api/client.js';
import { SECTION_SLUGS, disclosureApi, sectionOfSlug, type PublicDisclosure, type PublicVersion } from '../api/disclosure.js';
import type { MessageKey } from '../i18n/index.js';
import { pick } from '../i18n/index.js';
import { formatDate } from '../i18n/format.js';
import { session } from '../state/session.js';
import { PATHS } from '../router.js';
import { baseStyles } from '../styles/shared-styles.js';

/**
 * /cong-khai — the school's public disclosure (Art. 15.4), for anyone, without signing in: the
 * latest published version of each section (rules for students and teachers, plan, conditions)
 * with its date, links to earlier versions, the school's name and address. Phone-first, printable.
 * /cong-khai/:section/:number shows one earlier version. The text was sanitized by the server.
 */
export class DisclosurePublicPage extends PhElement {
  static override properties = { params: { attribute: false }, view: { state: true }, version: { state: true }, failed: { state: true } };
  declare params: { section?: string; number?: string };
  declare view: PublicDisclosure | null;
  declare version: PublicVersion | null;
  declare failed: { vi: string; en: string } | null;

  constructor() {
    super();
    this.params = {};
    this.view = null;
    this.version = null;
    this.failed = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load() {
    try {
      const section = sectionOfSlug(this.params.section);
      const one = this.params.section !== undefined;
      const [view, version] = await Promise.all([
        disclosureApi.publicView(),
        one && section && /^\d{1,6}$/.test(this.params.number ?? '') ? disclosureApi.publicVersion(section, Number(this.params.number)).catch((e: unknown) => {
          if (isApiError(e)) this.failed = e.text;
          return null;
        }) : Promise.resolve(null),
      ]);
      if (one && !version && !this.failed) this.failed = { vi: this.t('disc.notFound'), en: this.t('disc.notFound') };
      this.view = view;
      this.version = version;
    } catch (e) {
      this.failed = isApiError(e) ? e.text : { vi: String(e), en: String(e) };
    }
  }

  private sectionTitle(section: string): string {
    return this.t(`disc.section.${section}` as MessageKey);
  }

  private renderSchool() {
    const school = this.view?.school;
    return html`
      <header class="school">
        <div class="top">
          <p class="school-name">${school?.name ?? ''}</p>
          <div class="tools">
            <ph-language-switch></ph-language-switch>
            ${session.me ? html`<a href=${PATHS.home}>${this.t('nav.home')}</a>` : html`<a href=${PATHS.login}>${this.t('disc.signIn')}</a>`}
          </div>
        </div>
        ${school?.address ? html`<p class="contact">${this.t('disc.address', { address: school.address })}</p>` : nothing}
        ${school?.phone ? html`<p class="contact">${this.t('disc.phone', { phone: school.phone })}</p>` : nothing}
      </header>`;
  }

  private renderVersion(v: PublicVersion, history: { number: number; publishedOn: string }[] | null) {
    const older = history?.slice(1) ?? [];
    return html`
      <article class="section" id=${SECTION_SLUGS[v.section]}>
        <h2>${this.sectionTitle(v.section)}</h2>
        <p class="date">${history ? this.t('disc.publishedOn', { date: formatDate(v.publishedOn) }) : this.t('disc.versionOf', { n: v.number, date: formatDate(v.publishedOn) })}</p>
        <div class="text">${unsafeHTML(v.html)}</div>
        ${v.boxData ? html`<ph-disclosure-facts .facts=${v.boxData}></ph-disclosure-facts>` : nothing}
        ${older.length ? html`
          <details class="older">
            <summary>${this.t('disc.olderVersions')} (${older.length})</summary>
            <ul>${older.map((h) => html`<li><a href=${`/cong-khai/${SECTION_SLUGS[v.section]}/${h.number}`}>${this.t('disc.versionLink', { n: h.number, date: formatDate(h.publishedOn) })}</a></li>`)}</ul>
          </details>` : nothing}
      </article>`;
  }

  private jump(slug: string) {
    this.renderRoot.querySelector<HTMLElement>(`#${slug}`)?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  }

  override render() {
    if (!this.view && !this.failed) return html`<div class="page"><p class="muted" role="status">${this.t('state.loading')}</p></div>`;
    const one = this.params.section !== undefined;
    const sections = this.view?.sections ?? [];
    return html`
      <div class="page">
        ${this.renderSchool()}
        <div class="page-head">
          <h1>${one ? this.t('disc.versionTitle') : this.t('disc.publicTitle')}</h1>
          <button class="btn print" type="button" @click=${() => window.print()}>${this.t('disc.print')}</button>
        </div>
        ${one ? html`
          <p class="back"><a href="/cong-khai">← ${this.t('disc.backToPublic')}</a></p>
          ${this.version ? this.renderVersion(this.version, null) : html`<p class="notice" role="alert">${this.failed ? pick(this.failed) : ''}</p>`}`
        : html`
          <p class="intro">${this.t('disc.publicIntro')}</p>
          ${this.failed ? html`<p class="notice error" role="alert">${pick(this.failed)}</p>` : nothing}
          ${sections.length > 1 ? html`
            <nav class="toc" aria-label=${this.t('disc.toc')}>
              ${sections.map((s) => html`<button type="button" @click=${() => this.jump(SECTION_SLUGS[s.section])}>${this.sectionTitle(s.section)}</button>`)}
            </nav>` : nothing}
          ${!sections.length && !this.failed ? html`<p class="notice">${this.t('disc.nothing')}</p>` : nothing}
          ${sections.map((s) => this.renderVersion(s, s.history))}`}
      </div>`;
  }

  static override styles = [baseStyles, css`
    :host { display: block; background: var(--ph-color-bg); min-height: 100vh; }
    .page { max-width: 52rem; margin: 0 auto; padding: 0 1rem 3rem; }
    .school { background: var(--ph-color-primary); color: #fff; margin: 0 -1rem 1.25rem; padding: 0.875rem 1rem 1rem; }
    .school .top { display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between; gap: 0.5rem 1rem; }
    .school-name { font-size: 1.25rem; font-weight: 700; margin: 0; }
    .school .tools { display: flex; align-items: center; gap: 0.75rem; }
    .school a { color: #fff; }
    ph-language-switch { --ph-switch-border: rgba(255,255,255,0.7); --ph-switch-color: #fff; --ph-switch-active-bg: #fff; --ph-switch-active-color: var(--ph-color-primary); }
    .contact { margin: 0.25rem 0 0; font-size: 0.9375rem; opacity: 0.95; }
    h1 { font-size: 1.5rem; }
    .intro { color: var(--ph-color-muted); }
    .toc { display: flex; flex-wrap: wrap; gap: 0.5rem; margin: 0 0 1.25rem; }
    .toc button { font: inherit; font-size: 0.9375rem; min-height: 2.75rem; padding: 0.375rem 0.875rem; border-radius: 999px; border: 1px solid var(--ph-color-border); background: #fff; color: var(--ph-color-primary); cursor: pointer; text-align: left; }
    .section { background: var(--ph-color-surface); border: 1px solid var(--ph-color-border); border-radius: var(--ph-radius); padding: 1.125rem 1.125rem 1.25rem; margin: 0 0 1.25rem; box-shadow: var(--ph-shadow); }
    .section h2 { margin: 0 0 0.25rem; }
    .date { color: var(--ph-color-muted); font-size: 0.9375rem; margin: 0 0 0.875rem; }
    .text { line-height: 1.6; overflow-wrap: anywhere; }
    .text :is(h2, h3, h4) { margin: 1rem 0 0.5rem; }
    .text :is(ol, ul) { padding-left: 1.5rem; }
    .text li { margin: 0.25rem 0; }
    .text table { border-collapse: collapse; width: 100%; display: block; overflow-x: auto; }
    .text td, .text th { border: 1px solid var(--ph-color-border); padding: 0.375rem 0.5rem; }
    ph-disclosure-facts { display: block; margin-top: 1rem; }
    .older { margin-top: 1rem; }
    .older summary { cursor: pointer; font-weight: 600; min-height: 2.75rem; display: flex; align-items: center; }
    .older ul { margin: 0.25rem 0 0; padding-left: 1.25rem; }
    .older li { margin: 0.375rem 0; }
    .back { margin: 0 0 1rem; }
    @media (max-width: 30rem) {
      h1 { font-size: 1.3125rem; }
      .section { padding: 0.875rem; }
    }
    @media print {
      :host { background: #fff; }
      .page { max-width: none; padding: 0; }
      .school { background: none; color: #000; margin: 0 0 0.75rem; padding: 0 0 0.5rem; border-bottom: 2px solid #000; }
      .school .tools, .print, .toc, .older, .back { display: none; }
      .section { box-shadow: none; border: 0; padding: 0; margin: 0 0 1.25rem; break-inside: auto; }
      .section h2 { break-after: avoid; }
      .text a { color: #000; text-decoration: underline; }
      .text :is(ol, ul) { padding-left: 2.25rem; }
      .text a[href^='http']::after { content: ' (' attr(href) ')'; font-weight: 400; font-size: 0.875em; }
    }
  `];
}

customElements.define('ph-disclosure-public-page', DisclosurePublicPage);
declare global {
  interface HTMLElementTagNameMap { 'ph-disclosure-public-page': DisclosurePublicPage }
}
