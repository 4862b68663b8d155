import { css, html, nothing } from 'lit';
import { PhElement } from '../components/ph-element.js';
import '../components/decision-form.js';
import { api } from '../api/endpoints.js';
import { isApiError } from '../api/client.js';
import { decisionsApi, type Decision, type DecisionBody } from '../api/decisions.js';
import type { SchoolClass, Subject } from '../api/types.js';
import { pick } from '../i18n/index.js';
import { formatDate } from '../i18n/format.js';
import { session } from '../state/session.js';
import { PATHS } from '../router.js';
import { notifyError, notifySuccess } from '../state/notify.js';
import { baseStyles, formStyles } from '../styles/shared-styles.js';

type State = 'active' | 'upcoming' | 'ended' | 'revoked';

/** Today, and the school day of an instant, in school time (UTC+7) as YYYY-MM-DD. */
const schoolDay = (instant: string | number = Date.now()) => new Date(new Date(instant).getTime() + 7 * 3600_000).toISOString().slice(0, 10);

function stateOf(d: Decision, today: string): State {
  if (d.revokedAt) return 'revoked';
  if (d.endsOn < today) return 'ended';
  return d.startsOn > today ? 'upcoming' : 'active';
}
const ORDER: Record<State, number> = { active: 0, upcoming: 1, ended: 2, revoked: 3 };
const BADGE: Record<State, string> = { active: 'ok', upcoming: 'warn', ended: 'neutral', revoked: 'danger' };

/**
 * /quyet-dinh — the principal's decisions (Art. 5.4, 6.2, 15.1.a): force majeure, the online
 * teaching mode (supporting / replacing) and online periodic tests. Those in force come first;
 * the principal records one with the form and revokes one with a reason (kept as evidence).
 * The vice principal reads them. The server checks every rule again.
 */
export class DecisionsPage extends PhElement {
  static override properties = {
    decisions: { state: true }, classes: { state: true }, subjects: { state: true }, adding: { state: true },
    busy: { state: true }, formError: { state: true }, revoking: { state: true }, revokeError: { state: true }, uncovered: { state: true },
  };
  declare decisions: Decision[] | null;
  declare classes: SchoolClass[];
  declare subjects: Subject[];
  declare adding: boolean;
  declare busy: boolean;
  declare formError: { vi: string; en: string } | null;
  /** The decision whose revocation is being confirmed. */
  declare revoking: number | null;
  declare revokeError: { vi: string; en: string } | null;
  /** Lessons left without a force-majeure decision by the last revocation. */
  declare uncovered: number;

  constructor() {
    super();
    this.decisions = null;
    this.classes = [];
    this.subjects = [];
    this.adding = false;
    this.busy = false;
    this.formError = null;
    this.revoking = null;
    this.revokeError = null;
    this.uncovered = 0;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  /** Art. 5.4: only the principal records and revokes (policy `live.decide`). */
  private get canDecide(): boolean {
    return session.hasAny(['principal']);
  }

  private async load() {
    try {
      const [decisions, classes, subjects] = await Promise.all([decisionsApi.list(), api.classes(), api.subjects()]);
      this.classes = classes;
      this.subjects = subjects;
      const today = schoolDay();
      this.decisions = [...decisions].sort((a, b) => ORDER[stateOf(a, today)] - ORDER[stateOf(b, today)]
        || (a.startsOn < b.startsOn ? 1 : a.startsOn > b.startsOn ? -1 : b.id - a.id));
    } catch (e) {
      notifyError(e);
    }
  }

  private async record(body: DecisionBody) {
    this.busy = true;
    this.formError = null;
    try {
      await decisionsApi.record(body);
      this.adding = false;
      notifySuccess('dec.saved');
      await this.load();
    } catch (e) {
      if (isApiError(e)) this.formError = e.text;
      notifyError(e);
    } finally {
      this.busy = false;
    }
  }

  private async revoke(e: SubmitEvent, d: Decision) {
    e.preventDefault();
    const reason = String(new FormData(e.target as HTMLFormElement).get('reason') ?? '').trim();
    this.busy = true;
    this.revokeError = null;
    try {
      const reply = await decisionsApi.revoke(d.id, reason);
      this.revoking = null;
      this.uncovered = reply.uncoveredLessonIds.length;
      notifySuccess('dec.revoked');
      await this.load();
    } catch (err) {
      if (isApiError(err)) this.revokeError = err.text;
      notifyError(err);
    } finally {
      this.busy = false;
    }
  }

  private typeLabel(d: Decision): string {
    const type = this.t(`dec.type.${d.type}`);
    return d.type === 'online_mode' && d.mode ? this.t('dec.typeWithMode', { type, mode: this.t(`dec.mode.${d.mode}`) }) : type;
  }

  private classNames(d: Decision): string {
    if (d.classIds === 'all') return this.t('dec.allClasses');
    const byId = new Map(this.classes.map((c) => [c.id, c.name]));
    return d.classIds.map((id) => byId.get(id) ?? this.t('dec.unknownClass', { id }))
      .sort((a, b) => a.localeCompare(b, 'vi', { numeric: true })).join(', ');
  }

  private subjectNames(d: Decision): string {
    if (d.subjectIds === 'all') return this.t('dec.allSubjects');
    const byId = new Map(this.subjects.map((s) => [s.id, s.name]));
    return d.subjectIds.map((id) => byId.get(id) ?? this.t('dec.unknownSubject', { id })).join(', ');
  }

  private renderRevoke(d: Decision) {
    if (this.revoking !== d.id) {
      return html`<button class="btn danger" type="button" ?disabled=${this.busy} @click=${() => { this.revoking = d.id; this.revokeError = null; }}>
        ${this.t('dec.revoke')}<span class="visually-hidden"> ${this.typeLabel(d)}</span></button>`;
    }
    return html`
      <form class="revoke" @submit=${(e: SubmitEvent) => this.revoke(e, d)}>
        <p class="notice warning">${this.t('dec.revokeWarning', { type: this.typeLabel(d), from: formatDate(d.startsOn), to: formatDate(d.endsOn) })}</p>
        <div class="field"><label for=${`revoke-${d.id}`}>${this.t('dec.revokeReason')}</label>
          <textarea id=${`revoke-${d.id}`} name="reason" required minlength="3" maxlength="2000" rows="2"></textarea></div>
        ${this.revokeError ? html`<p class="notice error" role="alert">${pick(this.revokeError)}</p>` : nothing}
        <div class="form-actions">
          <button class="btn danger" type="submit" ?disabled=${this.busy}>${this.t('dec.revokeConfirm')}</button>
          <button class="btn" type="button" @click=${() => (this.revoking = null)}>${this.t('action.cancel')}</button>
        </div>
      </form>`;
  }

  private renderDecision(d: Decision, today: string) {
    const state = stateOf(d, today);
    return html`
      <li class="card decision ${state}">
        <div class="head">
          <h2>${this.typeLabel(d)}</h2>
          <span class="badge ${BADGE[state]}">${this.t(`dec.state.${state}`)}</span>
        </div>
        <dl>
          <div><dt>${this.t('dec.period')}</dt><dd>${formatDate(d.startsOn)} – ${formatDate(d.endsOn)}</dd></div>
          <div><dt>${this.t('dec.classes')}</dt><dd>${this.classNames(d)}</dd></div>
          <div><dt>${this.t('dec.subjects')}</dt><dd>${this.subjectNames(d)}</dd></div>
          ${d.documentNumber ? html`<div><dt>${this.t('dec.documentNumber')}</dt><dd>${d.documentNumber}</dd></div>` : nothing}
          <div><dt>${this.t('dec.signer')}</dt><dd>${this.t('dec.signedOn', { name: d.signerName, date: formatDate(schoolDay(d.signedAt)) })}</dd></div>
          <div class="wide"><dt>${this.t('dec.reason')}</dt><dd class="text">${d.reason}</dd></div>
          ${d.assessmentPlan ? html`<div class="wide"><dt>${this.t('notices.assessmentPlan')}</dt><dd class="text">${d.assessmentPlan}</dd></div>` : nothing}
        </dl>
        ${d.revokedAt ? html`<p class="notice error revoked">${this.t('dec.revokedInfo', { date: formatDate(schoolDay(d.revokedAt)), reason: d.revokeReason ?? '' })}</p>` : nothing}
        <div class="actions">
          ${!d.revokedAt ? html`<a class="btn notify" href=${`${PATHS.notices}?decision=${d.id}`}>${this.t('notices.notify')}</a>` : nothing}
          ${this.canDecide && !d.revokedAt ? this.renderRevoke(d) : nothing}
        </div>
      </li>`;
  }

  override render() {
    const today = schoolDay();
    return html`
      <div class="page-head">
        <h1>${this.t('dec.title')}</h1>
        ${this.canDecide && !this.adding ? html`<button class="btn primary" type="button" @click=${() => { this.adding = true; this.formError = null; }}>${this.t('dec.add')}</button>` : nothing}
      </div>
      <p class="muted">${this.t('dec.intro')}</p>
      ${this.canDecide ? nothing : html`<p class="notice">${this.t('dec.readOnly')}</p>`}
      ${this.uncovered ? html`<p class="notice warning" role="status">${this.t('dec.uncoveredLessons', { n: this.uncovered })}</p>` : nothing}
      ${this.adding ? html`<ph-decision-form .classes=${this.classes} .subjects=${this.subjects} ?busy=${this.busy} .error=${this.formError ? pick(this.formError) : null}
        @ph-save-decision=${(e: CustomEvent<DecisionBody>) => this.record(e.detail)} @ph-cancel=${() => (this.adding = false)}></ph-decision-form>` : nothing}
      ${!this.decisions ? html`<p class="muted" role="status">${this.t('state.loading')}</p>`
        : !this.decisions.length ? html`<p class="notice">${this.t('dec.none')}</p>`
        : html`<ul class="decisions">${this.decisions.map((d) => this.renderDecision(d, today))}</ul>`}`;
  }

  static override styles = [baseStyles, formStyles, css`
    ph-decision-form { display: block; margin-bottom: 1.5rem; }
    .decisions { list-style: none; margin: 0; padding: 0; display: grid; gap: 1rem; }
    .decision.revoked, .decision.ended { background: #f8fafb; }
    .decision.active { border-left: 5px solid var(--ph-color-success); }
    .head { display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between; gap: 0.5rem 1rem; }
    .head h2 { margin: 0; font-size: 1.1875rem; }
    dl { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 15rem), 1fr)); gap: 0.5rem 1.5rem; margin: 0.875rem 0 0; }
    dl div { min-width: 0; }
    dl div.wide { grid-column: 1 / -1; }
    dt { font-size: 0.875rem; color: var(--ph-color-muted); font-weight: 600; }
    dd { margin: 0.125rem 0 0; overflow-wrap: anywhere; }
    dd.text { white-space: pre-line; }
    .revoked.notice { margin: 0.875rem 0 0; }
    .decision > .btn { margin-top: 1rem; }
    .decision > .actions { margin-top: 1rem; align-items: flex-start; }
    .decision > .actions form.revoke { flex-basis: 100%; }
    form.revoke { margin-top: 1rem; border-top: 1px solid var(--ph-color-border); padding-top: 1rem; }
    form.revoke .form-actions { margin-top: 0.75rem; }
    form.revoke .notice { margin-bottom: 0.75rem; }
  `];
}

customElements.define('ph-decisions-page', DecisionsPage);
declare global {
  interface HTMLElementTagNameMap { 'ph-decisions-page': DecisionsPage }
}
