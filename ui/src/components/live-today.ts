import { css, html, nothing } from 'lit';
import { PhElement } from './ph-element.js';
import { api } from '../api/endpoints.js';
import type { TodayLesson } from '../api/types.js';
import { livePath, liveSummaryPath } from '../router.js';
import { baseStyles } from '../styles/shared-styles.js';
import { clock } from '../live/live-format.js';

/** How often the list is read again (a lesson scheduled or started meanwhile appears). */
const REFRESH_MS = 60_000;

/**
 * Today's live lessons on the home page, each with one large button: "Open the lesson" for its
 * teacher, "Join" for the class's students, "Observe" for the school's leaders. Nothing is shown
 * on a day without live lessons.
 */
export class LiveToday extends PhElement {
  static override properties = { lessons: { state: true }, kiosk: { type: Boolean, reflect: true } };
  declare lessons: TodayLesson[];
  declare kiosk: boolean;
  private timer: number | undefined;

  constructor() {
    super();
    this.lessons = [];
    this.kiosk = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
    this.timer = window.setInterval(() => void this.load(), REFRESH_MS);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.clearInterval(this.timer);
  }

  private async load() {
    try {
      this.lessons = await api.liveToday();
    } catch {
      // The home page works without this list; a failure here is not worth a toast.
    }
  }

  private action(l: TodayLesson) {
    if (l.status === 'cancelled') return html`<span class="badge danger">${this.t('live.today.cancelled')}</span>`;
    if (l.status === 'ended') {
      if (l.myRole === 'parent') return html`<span class="badge neutral">${this.t('live.today.ended')}</span>`;
      return html`<a class="go secondary" href=${liveSummaryPath(l.id)}>${l.myRole === 'student' ? this.t('live.today.replay') : this.t('live.today.summary')}</a>`;
    }
    if (l.myRole === 'parent') return nothing;
    const label = l.myRole === 'teacher' ? this.t('live.today.open') : l.myRole === 'observer' ? this.t('live.today.observe') : this.t('live.today.enter');
    if (Date.now() < Date.parse(l.joinableFrom)) {
      return html`<span class="go waiting" aria-disabled="true">${this.t('live.today.opensAt', { time: clock(l.joinableFrom) })}</span>`;
    }
    return html`<a class="go" href=${livePath(l.id)}>${label}</a>`;
  }

  override render() {
    if (!this.lessons.length) return nothing;
    return html`
      <section aria-labelledby="live-today">
        <h2 id="live-today">${this.t('live.today.title')}</h2>
        <ul>
          ${this.lessons.map((l) => html`
            <li class=${l.status}>
              <div class="info">
                <span class="time">${clock(l.startsAt)}–${clock(l.endsAt)}${l.status === 'live' ? html` <span class="badge live">${this.t('live.today.liveNow')}</span>` : nothing}</span>
                <span class="what">${this.t('live.classSubject', { className: l.className, subject: l.subjectName })}</span>
                <span class="topic">${l.topic}</span>
                ${l.myRole === 'parent' && l.children.length ? html`<span class="muted">${l.children.map((c) => c.fullName).join(', ')}</span>` : nothing}
              </div>
              ${this.action(l)}
            </li>`)}
        </ul>
      </section>`;
  }

  static override styles = [baseStyles, css`
    :host { margin-bottom: 1.5rem; }
    h2 { font-size: 1.5rem; margin-top: 0; }
    :host([kiosk]) h2 { font-size: 1.875rem; }
    ul { list-style: none; margin: 0; padding: 0; display: grid; gap: 0.875rem; }
    :host([kiosk]) ul { grid-template-columns: repeat(auto-fill, minmax(min(100%, 34rem), 1fr)); gap: 1.25rem; }
    li { display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between; gap: 0.75rem 1rem; padding: 1rem 1.25rem;
      border-radius: 14px; background: var(--ph-color-surface); border: 2px solid var(--ph-color-border); border-left: 10px solid var(--ph-color-accent); box-shadow: var(--ph-shadow); }
    li.live { border-left-color: var(--ph-color-danger); }
    li.ended, li.cancelled { border-left-color: var(--ph-color-border); }
    .info { display: flex; flex-direction: column; gap: 0.125rem; min-width: 0; flex: 1 1 14rem; }
    .time { font-weight: 800; font-size: 1.25rem; color: var(--ph-color-primary); font-variant-numeric: tabular-nums; }
    .what { font-weight: 700; font-size: 1.125rem; }
    .topic { overflow-wrap: anywhere; }
    :host([kiosk]) .time { font-size: 1.625rem; }
    :host([kiosk]) .what { font-size: 1.375rem; }
    :host([kiosk]) .topic { font-size: 1.25rem; }
    .badge.live { background: var(--ph-color-danger); color: #fff; }
    .go { display: inline-flex; align-items: center; justify-content: center; min-height: 4rem; min-width: 10rem; padding: 0.5rem 1.5rem; border-radius: 12px;
      background: var(--ph-color-primary); color: #fff; font-size: 1.25rem; font-weight: 800; text-decoration: none; flex: 1 0 auto; max-width: 100%; }
    .go:hover { background: var(--ph-color-primary-hover); }
    .go:focus-visible { outline: 4px solid var(--ph-color-focus); outline-offset: 3px; }
    .go.secondary { background: var(--ph-color-surface); color: var(--ph-color-primary); border: 2px solid var(--ph-color-primary); }
    .go.waiting { background: #eef1f4; color: var(--ph-color-muted); font-size: 1.0625rem; }
    :host([kiosk]) .go { min-height: 5rem; font-size: 1.5rem; flex: 0 0 auto; }
  `];
}

customElements.define('ph-live-today', LiveToday);
declare global {
  interface HTMLElementTagNameMap { 'ph-live-today': LiveToday }
}
