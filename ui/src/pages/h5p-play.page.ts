import { css, html, nothing } from 'lit';
import { PhElement } from '../components/ph-element.js';
import '../components/h5p-player.js';
import type { H5pXapiDetail } from '../components/h5p-player.js';
import { h5pApi, type H5pResult, type PlayerReply } from '../api/h5p.js';
import { isApiError } from '../api/client.js';
import { pick } from '../i18n/index.js';
import { baseStyles } from '../styles/shared-styles.js';

/** /h5p/:id — one H5P content played full width (students: an assigned exercise; staff: preview). */
export class H5pPlayPage extends PhElement {
  static override properties = { params: { attribute: false }, info: { state: true }, result: { state: true }, failure: { state: true }, lastVerb: { state: true } };
  declare params: { id?: string };
  declare info: PlayerReply | null;
  declare result: H5pResult | null;
  declare failure: { vi: string; en: string } | null;
  declare lastVerb: string;

  constructor() {
    super();
    this.params = {};
    this.info = null;
    this.result = null;
    this.failure = null;
    this.lastVerb = '';
  }

  private get contentId() {
    return Number(this.params.id);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load() {
    try {
      this.info = await h5pApi.player(this.contentId);
      this.result = this.info.result;
    } catch (err) {
      this.failure = isApiError(err) ? err.text : { vi: this.t('h5p.loadFailed'), en: this.t('h5p.loadFailed') };
    }
  }

  private onXapi(e: CustomEvent<H5pXapiDetail>) {
    this.lastVerb = e.detail.verb;
    if (e.detail.result) this.result = e.detail.result;
  }

  override render() {
    const r = this.result;
    return html`
      <p><a href="/h5p">${this.t('h5p.back')}</a></p>
      ${this.failure ? html`<p class="error" role="alert">${pick(this.failure)}</p>` : nothing}
      ${this.info ? html`
        <h1>${this.info.content.title}</h1>
        <p class="result" role="status" data-verb=${this.lastVerb}>${r
          ? this.t('h5p.yourResult', { last: `${r.last.raw}/${r.last.max}`, best: `${r.best.raw}/${r.best.max}`, attempts: r.attempts })
          : nothing}</p>
        <ph-h5p-player content-id=${this.contentId} @ph-h5p-xapi=${(e: CustomEvent<H5pXapiDetail>) => this.onXapi(e)}></ph-h5p-player>` : nothing}`;
  }

  static override styles = [baseStyles, css`
    ph-h5p-player { display: block; max-width: 60rem; }
    .result { min-height: 1.5em; font-weight: 600; }
    .error { color: var(--ph-danger, #b42318); }
  `];
}

customElements.define('ph-h5p-play-page', H5pPlayPage);
declare global {
  interface HTMLElementTagNameMap { 'ph-h5p-play-page': H5pPlayPage }
}
