import { css, html, nothing } from 'lit';
import { PhElement } from './ph-element.js';
import { parentsApi, viDateTime, type ChildConsents, type ConsentStatus } from '../api/parents.js';
import { notifyError, notifySuccess } from '../state/notify.js';
import type { MessageKey } from '../i18n/index.js';
import { baseStyles, formStyles } from '../styles/shared-styles.js';

const STATE_BADGE: Record<string, string> = { unanswered: 'warn', given: 'ok', withdrawn: 'neutral', child_refused: 'danger' };

/**
 * The parent's consent to each purpose of processing their child's data (Law 91/2025/QH15,
 * Decree 356/2025/NĐ-CP): the text and its version, the current state, "I consent" with the
 * child's own answer from 7 years on, "withdraw", and the history (nothing is ever deleted).
 */
export class ParentConsents extends PhElement {
  static override properties = { studentId: { attribute: false }, data: { state: true }, child: { state: true }, busy: { state: true } };
  declare studentId: number | null;
  declare data: ChildConsents | null;
  /** The child's answer per purpose, as ticked in the form. */
  declare child: Record<string, 'agreed' | 'refused' | undefined>;
  declare busy: boolean;

  constructor() {
    super();
    this.studentId = null;
    this.data = null;
    this.child = {};
    this.busy = false;
  }

  override updated(changed: Map<string, unknown>) {
    if (changed.has('studentId') && this.studentId) void this.load();
  }

  private async load() {
    try {
      this.data = await parentsApi.consents(this.studentId!);
    } catch (e) {
      notifyError(e);
    }
  }

  private async decide(purpose: ConsentStatus['purpose'], decision: 'given' | 'withdrawn', version: string) {
    if (!this.studentId || this.busy) return;
    this.busy = true;
    try {
      const agreement = this.child[purpose];
      await parentsApi.decide(this.studentId, { purpose, decision, textVersion: version, ...(decision === 'given' && agreement ? { childAgreement: agreement } : {}) });
      notifySuccess('par.consent.saved');
      this.child = { ...this.child, [purpose]: undefined };
      await this.load();
    } catch (e) {
      notifyError(e);
    } finally {
      this.busy = false;
    }
  }

  override render() {
    const d = this.data;
    if (!d) return nothing;
    return html`<section aria-labelledby="consent-title">
      <h2 id="consent-title">${this.t('par.consent.title')}</h2>
      <p class="muted">${this.t('par.consent.intro')}</p>
      ${d.texts.map((text) => {
        const st = d.statuses.find((s) => s.purpose === text.purpose)!;
        const asks = text.asksChild && d.asksChild;
        const canGive = st.state !== 'given' || st.outdated;
        const name = `child-${text.purpose}`;
        return html`<article class="card purpose" data-purpose=${text.purpose}>
          <div class="top"><h3>${text.title}</h3>
            <span class="badge ${STATE_BADGE[st.state] ?? 'neutral'}" data-state=${st.state}>${this.t(`par.consent.state.${st.state}` as MessageKey)}</span></div>
          ${st.outdated ? html`<p class="notice warning">${this.t('par.consent.outdated')}</p>` : nothing}
          <details ?open=${canGive}><summary>${this.t('par.consent.version', { v: text.version })}</summary><p class="text">${text.text}</p></details>
          ${canGive && asks ? html`<fieldset><legend>${d.childAgeYears !== null ? this.t('par.consent.childAsk', { age: d.childAgeYears }) : this.t('par.consent.childAskUnknown')}</legend>
            <label class="check"><input type="radio" name=${name} .checked=${this.child[text.purpose] === 'agreed'} @change=${() => { this.child = { ...this.child, [text.purpose]: 'agreed' }; }}> ${this.t('par.consent.childAgreed')}</label>
            <label class="check"><input type="radio" name=${name} .checked=${this.child[text.purpose] === 'refused'} @change=${() => { this.child = { ...this.child, [text.purpose]: 'refused' }; }}> ${this.t('par.consent.childRefused')}</label>
          </fieldset>` : nothing}
          <div class="actions">
            ${canGive ? html`<button class="btn primary" type="button" ?disabled=${this.busy || (asks && !this.child[text.purpose])} @click=${() => void this.decide(text.purpose, 'given', text.version)}>${this.t('par.consent.give')}</button>` : nothing}
            ${st.state === 'given' || st.state === 'child_refused' ? html`<button class="btn danger" type="button" ?disabled=${this.busy} @click=${() => void this.decide(text.purpose, 'withdrawn', text.version)}>${this.t('par.consent.withdraw')}</button>` : nothing}
          </div>
          ${this.history(text.purpose)}
        </article>`;
      })}
    </section>`;
  }

  private history(purpose: string) {
    const rows = (this.data?.history ?? []).filter((h) => h.purpose === purpose);
    if (!rows.length) return nothing;
    return html`<details class="hist"><summary>${this.t('par.consent.history')} (${rows.length})</summary><ul>${[...rows].reverse().map((h) => html`<li>
      ${this.t('par.consent.by', { decision: this.t(h.decision === 'given' ? 'par.consent.given' : 'par.consent.withdrawn'), at: viDateTime(h.at), parent: h.parentName })}${this.t(`par.consent.childNote.${h.childAgreement}` as MessageKey)} · v${h.textVersion}
    </li>`)}</ul></details>`;
  }

  static override styles = [baseStyles, formStyles, css`
    .purpose { margin-bottom: 0.75rem; padding: 1rem; }
    .top { display: flex; justify-content: space-between; align-items: flex-start; gap: 0.5rem; }
    .top h3 { margin: 0; }
    details { margin: 0.5rem 0; }
    summary { cursor: pointer; min-height: 2.75rem; display: flex; align-items: center; color: var(--ph-color-primary); font-weight: 600; }
    .text { font-size: 0.9375rem; line-height: 1.5; }
    fieldset { margin: 0.5rem 0; padding: 0.5rem 1rem; }
    .hist ul { margin: 0; padding-left: 1.25rem; font-size: 0.875rem; }
  `];
}

customElements.define('ph-parent-consents', ParentConsents);
declare global {
  interface HTMLElementTagNameMap { 'ph-parent-consents': ParentConsents }
}
