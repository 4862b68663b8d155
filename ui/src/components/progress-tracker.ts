import { css, nothing } from 'lit';
import { PhElement } from './ph-element.js';
import { session } from '../state/session.js';
import { progressEventsPath, type ProgressEventBody, type ProgressState } from '../api/progress.js';

/** A student is "active" when they touched, typed or scrolled within this window (or media plays). */
export const ACTIVE_WINDOW_MS = 60_000;
/** Longest gap between two ticks that still counts (a sleeping laptop does not earn time). */
const MAX_TICK_MS = 2_000;

/** The H5P player's event (`<ph-h5p-player>` dispatches it, bubbling and composed). */
export interface H5pXapiDetail {
  contentId: string | number;
  verb: string;
  score?: { raw?: number; max?: number; scaled?: number };
  completed: boolean;
}

/**
 * `<ph-progress-tracker material-id="12">`: invisible; placed once by the material viewer page.
 * Records a student's use of a material (Art. 5.3, 9.2.c):
 * - 'opened' once when it connects;
 * - heartbeats of *active* time: only while the page is visible and the student touched, typed or
 *   scrolled in the last minute (or a video/audio plays, or focus is inside the material's H5P
 *   iframe); pending time is sent every `heartbeat-seconds` (30), when the page is hidden and on
 *   `pagehide` (with `keepalive`, so it survives closing the tab);
 * - completion and score from the bubbling, composed `ph-h5p-xapi` events of H5P players;
 * - `complete()` for a "Tôi đã học xong" button.
 * The server credits time itself (capped per heartbeat, never more than the wall clock), so this
 * element only reports. If the server refuses (not a student, material not visible) it goes quiet.
 * Media inside a shadow root cannot be seen from here: dispatch a composed `ph-media-state`
 * event `{ playing: boolean }` or call `mediaPlaying(true|false)`.
 * Fires `ph-progress-change` (detail: ProgressState) after each accepted report.
 */
export class ProgressTracker extends PhElement {
  static override properties = { materialId: { type: Number, attribute: 'material-id' }, heartbeatSeconds: { type: Number, attribute: 'heartbeat-seconds' } };
  declare materialId: number;
  declare heartbeatSeconds: number;

  /** The last state the server returned. */
  state: ProgressState | null = null;
  private openedFor: number | null = null;
  private stopped = false;
  private pendingMs = 0;
  private lastTick = 0;
  private lastActivity = 0;
  private lastSend = 0;
  private playing = 0;
  private readonly playingMedia = new Set<HTMLMediaElement>();
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor() {
    super();
    this.materialId = 0;
    this.heartbeatSeconds = 30;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    for (const type of ACTIVITY_EVENTS) window.addEventListener(type, this.onActivity, { capture: true, passive: true });
    for (const type of MEDIA_EVENTS) window.addEventListener(type, this.onMedia, { capture: true });
    document.addEventListener('visibilitychange', this.onVisibility);
    window.addEventListener('pagehide', this.onPageHide);
    document.addEventListener('ph-h5p-xapi', this.onXapi as EventListener);
    document.addEventListener('ph-media-state', this.onMediaState as EventListener);
    this.lastTick = Date.now();
    this.lastActivity = this.lastTick; // opening the material is an action
    this.lastSend = this.lastTick;
    this.timer = setInterval(() => this.tick(), 1000);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.tick();
    this.flush(true);
    clearInterval(this.timer);
    for (const type of ACTIVITY_EVENTS) window.removeEventListener(type, this.onActivity, { capture: true });
    for (const type of MEDIA_EVENTS) window.removeEventListener(type, this.onMedia, { capture: true });
    document.removeEventListener('visibilitychange', this.onVisibility);
    window.removeEventListener('pagehide', this.onPageHide);
    document.removeEventListener('ph-h5p-xapi', this.onXapi as EventListener);
    document.removeEventListener('ph-media-state', this.onMediaState as EventListener);
  }

  override updated(): void {
    if (this.materialId > 0 && this.openedFor !== this.materialId) {
      if (this.openedFor !== null) this.flush(true); // time so far belongs to the previous material
      this.openedFor = this.materialId;
      this.stopped = false;
      this.pendingMs = 0;
      void this.send({ type: 'opened' });
    }
  }

  /** "Tôi đã học xong": the student marks the material as completed. */
  complete(): Promise<ProgressState | null> {
    this.tick();
    this.flush(false);
    return this.send({ type: 'completed' });
  }

  /** For players in a shadow root: a video or audio started or stopped. */
  mediaPlaying(playing: boolean): void {
    this.playing = Math.max(0, this.playing + (playing ? 1 : -1));
    this.onActivity();
  }

  /** Active milliseconds counted but not yet sent (tests and the viewer may read it). */
  get pendingSeconds(): number {
    return Math.floor(this.pendingMs / 1000);
  }

  override render() {
    return nothing;
  }

  private isActive(now: number): boolean {
    if (document.visibilityState !== 'visible') return false;
    if (this.playing > 0 || this.playingMedia.size > 0) return true;
    // Working inside an embedded H5P iframe: its events do not reach this window.
    if (document.hasFocus() && document.activeElement instanceof HTMLIFrameElement) return true;
    return now - this.lastActivity <= ACTIVE_WINDOW_MS;
  }

  private tick(): void {
    const now = Date.now();
    const elapsed = Math.min(Math.max(0, now - this.lastTick), MAX_TICK_MS);
    this.lastTick = now;
    if (this.stopped || this.openedFor === null) return;
    if (this.isActive(now)) this.pendingMs += elapsed;
    if (now - this.lastSend >= this.heartbeatSeconds * 1000) this.flush(false);
  }

  /** Sends the whole seconds counted so far (the remainder waits for the next heartbeat). */
  private flush(leaving: boolean): void {
    this.lastSend = Date.now();
    const seconds = Math.floor(this.pendingMs / 1000);
    if (seconds < 1 || this.stopped || this.openedFor === null) return;
    this.pendingMs -= seconds * 1000;
    void this.send({ type: 'heartbeat', seconds }, leaving);
  }

  private async send(body: ProgressEventBody, leaving = false): Promise<ProgressState | null> {
    const id = this.openedFor;
    if (this.stopped || id === null) return null;
    try {
      const res = await fetch(progressEventsPath(id), {
        method: 'POST',
        credentials: 'same-origin',
        keepalive: true, // survives pagehide and closing the tab
        headers: { 'content-type': 'application/json', accept: 'application/json', 'x-csrf-token': session.me?.csrfToken ?? '' },
        body: JSON.stringify(body),
      });
      if (res.status === 401 || res.status === 403 || res.status === 404) {
        this.stopped = true; // not a student, or the material is not theirs: nothing to record
        return null;
      }
      if (!res.ok) return null; // rate limited or a hiccup: the next heartbeat carries on
      const state = (await res.json()) as ProgressState;
      if (!leaving && this.isConnected) {
        this.state = state;
        this.dispatchEvent(new CustomEvent<ProgressState>('ph-progress-change', { detail: state, bubbles: true, composed: true }));
      }
      return state;
    } catch {
      return null; // offline: time already counted is lost only if the page closes meanwhile
    }
  }

  private readonly onActivity = (): void => {
    this.lastActivity = Date.now();
  };

  private readonly onMedia = (e: Event): void => {
    if (!(e.target instanceof HTMLMediaElement)) return;
    if (e.type === 'play') this.playingMedia.add(e.target);
    else this.playingMedia.delete(e.target);
    this.onActivity();
  };

  private readonly onMediaState = (e: CustomEvent<{ playing: boolean }>): void => {
    this.mediaPlaying(!!e.detail?.playing);
  };

  private readonly onVisibility = (): void => {
    this.tick();
    if (document.visibilityState === 'hidden') this.flush(true);
    else this.lastActivity = Date.now(); // coming back to the tab is an action
  };

  private readonly onPageHide = (): void => {
    this.tick();
    this.flush(true);
  };

  private readonly onXapi = (e: CustomEvent<H5pXapiDetail>): void => {
    const d = e.detail;
    if (!d || this.openedFor === null) return;
    this.onActivity();
    const s = d.score;
    if (s && (typeof s.scaled === 'number' || (typeof s.raw === 'number' && typeof s.max === 'number' && s.max > 0))) {
      void this.send({
        type: 'score', contentId: String(d.contentId), completed: !!d.completed,
        score: { ...(typeof s.raw === 'number' ? { raw: s.raw } : {}), ...(typeof s.max === 'number' ? { max: s.max } : {}), ...(typeof s.scaled === 'number' ? { scaled: s.scaled } : {}) },
      });
    } else if (d.completed) {
      void this.send({ type: 'completed', contentId: String(d.contentId) });
    }
  };

  static override styles = css`:host { display: none; }`;
}

const ACTIVITY_EVENTS = ['pointerdown', 'pointermove', 'keydown', 'scroll', 'wheel', 'touchstart', 'focusin'] as const;
const MEDIA_EVENTS = ['play', 'pause', 'ended'] as const;

customElements.define('ph-progress-tracker', ProgressTracker);
declare global {
  interface HTMLElementTagNameMap { 'ph-progress-tracker': ProgressTracker }
  interface HTMLElementEventMap { 'ph-progress-change': CustomEvent<ProgressState> }
}
