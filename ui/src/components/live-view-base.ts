import { PhElement } from './ph-element.js';
import { peerName } from '../live/live-state.js';
import type { LiveSession } from '../live/live-session.js';
import type { Tile } from '../live/live-stage.js';
import type { LiveLesson } from '../api/types.js';

/**
 * What the teacher's and the student's live views share: the session they draw (redrawn on each
 * of its changes), the lesson, the open side tab, and the names on the video tiles.
 */
export abstract class LiveViewBase<Tab extends string> extends PhElement {
  static override properties = { session: { attribute: false }, lesson: { attribute: false }, tab: { state: true } };
  declare session: LiveSession;
  declare lesson: LiveLesson | null;
  declare tab: Tab;
  private stop: (() => void) | undefined;

  constructor(firstTab: Tab) {
    super();
    this.lesson = null;
    this.tab = firstTab;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.stop = this.session.on('change', () => this.requestUpdate());
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stop?.();
  }

  protected get s(): LiveSession {
    return this.session;
  }

  /** The room camera, someone's screen (or yours), you, or the person's name. */
  protected tileLabel(t: Tile): string {
    if (t.source === 'room-camera') return this.t('live.roomCamera');
    const self = t.personId !== null && t.personId === this.s.selfId;
    if (t.source === 'screen') return self ? this.t('live.stage.yourScreen') : this.t('live.stage.screenOf', { name: peerName(this.s.state, t.personId) });
    return self ? this.t('live.stage.you') : peerName(this.s.state, t.personId);
  }
}
