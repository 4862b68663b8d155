import { css, html, nothing } from 'lit';
import { PhElement } from '../components/ph-element.js';
import '../components/live-teacher-view.js';
import '../components/live-student-view.js';
import { api } from '../api/endpoints.js';
import { isApiError } from '../api/client.js';
import type { LiveLesson } from '../api/types.js';
import { bilingual, pick } from '../i18n/index.js';
import { session as appSession } from '../state/session.js';
import { notifyError } from '../state/notify.js';
import { LiveSession } from '../live/live-session.js';
import { notifyLive } from '../live/live-notify.js';
import { liveStyles } from '../live/live-styles.js';
import { navigate, PATHS, liveSummaryPath } from '../router.js';
import { baseStyles } from '../styles/shared-styles.js';

/**
 * /hoc-truc-tuyen/:id — the live lesson (Art. 9.1). The lesson is read over HTTP (a clear error
 * when it does not exist or is not the visitor's), then the room is entered over the signaling
 * socket; the server says whether this person is the teacher, a student or an observer, and the
 * matching view is shown. Leaving the page leaves the room.
 */
export class LiveLessonPage extends PhElement {
  static override properties = { params: { attribute: false }, lesson: { state: true }, failed: { state: true }, live: { state: true } };
  declare params: { id?: string };
  declare lesson: LiveLesson | null;
  declare failed: { vi: string; en: string } | null;
  declare live: LiveSession | null;
  private stopLive: (() => void) | undefined;
  private wakeLock: WakeLockSentinel | null = null;
  private readonly onVisible = () => {
    if (document.visibilityState === 'visible' && this.live) void this.keepAwake();
  };

  constructor() {
    super();
    this.params = {};
    this.lesson = null;
    this.failed = null;
    this.live = null;
  }

  private get lessonId(): number {
    return Number(this.params.id);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('visibilitychange', this.onVisible);
    void this.load();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('visibilitychange', this.onVisible);
    this.leave();
    void this.wakeLock?.release().catch(() => undefined);
    this.wakeLock = null;
  }

  private async load() {
    if (!Number.isInteger(this.lessonId) || this.lessonId < 1) {
      this.failed = bilingual('live.error.notFound');
      return;
    }
    try {
      this.lesson = await api.liveLesson(this.lessonId);
    } catch (e) {
      if (isApiError(e)) this.failed = e.text;
      else notifyError(e);
      return;
    }
    // Navigated away meanwhile: no room for a page nobody sees.
    if (this.isConnected) this.enter();
  }

  private enter() {
    this.leave();
    const isTeacher = this.lesson?.teacherId === appSession.me?.personId;
    const live = new LiveSession(this.lessonId, { autoPublish: isTeacher });
    this.stopLive = live.on('change', () => this.phaseChanged());
    live.on('notice', ({ key, kind }) => notifyLive(key, kind));
    this.live = live;
    live.start();
    void this.keepAwake();
  }

  private leave() {
    this.stopLive?.();
    this.stopLive = undefined;
    this.live?.stop();
    this.live = null;
  }

  private lastPhase = '';
  private phaseChanged() {
    const live = this.live;
    if (!live) return;
    const key = `${live.phase}|${live.role ?? ''}`;
    if (key === this.lastPhase) return;
    this.lastPhase = key;
    this.requestUpdate();
    // The teacher goes straight to the lesson's summary when it ends.
    if (live.phase === 'ended' && live.role === 'teacher') navigate(liveSummaryPath(this.lessonId));
  }

  /** A phone must not dim and lock in the middle of the lesson. */
  private async keepAwake() {
    try {
      if ('wakeLock' in navigator && !this.wakeLock) {
        this.wakeLock = await navigator.wakeLock.request('screen');
        this.wakeLock.addEventListener('release', () => { this.wakeLock = null; });
      }
    } catch {
      /* not allowed here (battery saver, no gesture yet): the lesson works anyway */
    }
  }

  private screen(title: string, text: string | null, actions: unknown) {
    return html`
      <section class="message">
        <h1>${title}</h1>
        ${text ? html`<p>${text}</p>` : nothing}
        <div class="actions">${actions}</div>
      </section>`;
  }

  override render() {
    const home = html`<a class="ctl row" href=${PATHS.home}>${this.t('nav.home')}</a>`;
    if (this.failed) return this.screen(this.t('live.refused.title'), pick(this.failed), home);
    const live = this.live;
    if (!live || !this.lesson) return html`<p class="loading" role="status">${this.t('state.loading')}</p>`;
    const summary = live.role === 'teacher' || live.role === 'observer' || appSession.hasAny(['principal', 'vice_principal'])
      ? html`<a class="ctl row on" href=${liveSummaryPath(this.lessonId)}>${this.t('live.ended.summary')}</a>` : nothing;
    switch (live.phase) {
      case 'ended':
        return this.screen(this.t('live.ended.title'), this.t('live.ended.text'), html`${summary}${home}`);
      case 'removed':
        return this.screen(this.t('live.removed.title'), this.t('live.removed.text'), home);
      case 'replaced':
        return this.screen(this.t('live.replaced.title'), this.t('live.replaced.text'),
          html`<button type="button" class="ctl row on" @click=${() => this.enter()}>${this.t('live.replaced.here')}</button>${home}`);
      case 'refused':
        return this.screen(this.t('live.refused.title'), live.refusal ? pick(live.refusal.text) : null,
          html`<button type="button" class="ctl row on" @click=${() => this.enter()}>${this.t('action.retry')}</button>${home}`);
    }
    if (!live.role) return html`<p class="loading" role="status">${this.t('live.status.entering')}</p>`;
    return live.role === 'teacher'
      ? html`<ph-live-teacher-view .session=${live} .lesson=${this.lesson}></ph-live-teacher-view>`
      : html`<ph-live-student-view .session=${live} .lesson=${this.lesson}></ph-live-student-view>`;
  }

  static override styles = [baseStyles, liveStyles, css`
    .loading { padding: 3rem 1rem; text-align: center; font-size: 1.25rem; }
    .message { max-width: 40rem; margin: 12vh auto 0; padding: 2rem 1.25rem; text-align: center; }
    .message h1 { font-size: 1.75rem; }
    .message p { font-size: 1.125rem; }
    .actions { display: flex; flex-wrap: wrap; gap: 0.75rem; justify-content: center; margin-top: 1.5rem; }
    .actions .ctl { text-decoration: none; font-size: 1.125rem; padding: 0.5rem 1.5rem; }
  `];
}

customElements.define('ph-live-lesson-page', LiveLessonPage);
declare global {
  interface HTMLElementTagNameMap { 'ph-live-lesson-page': LiveLessonPage }
}
