import { html, nothing, type PropertyValues } from 'lit';
import { PhElement } from './ph-element.js';
import { h5pApi, type H5pResult, type PlayerReply } from '../api/h5p.js';
import { isApiError } from '../api/client.js';
import { pick } from '../i18n/index.js';

/** What the page hears when the player reports an xAPI statement (progress tracker, tasks). */
export interface H5pXapiDetail {
  contentId: number;
  verb: string;
  score?: { raw: number; max: number; scaled: number };
  completed: boolean;
  /** Whether the server recorded it (false when offline or refused). */
  recorded: boolean;
  /** The student's latest/best result after this statement, when it changed. */
  result?: H5pResult | null;
}

declare global {
  interface HTMLElementEventMap {
    'ph-h5p-xapi': CustomEvent<H5pXapiDetail>;
  }
  interface HTMLElementTagNameMap {
    'ph-h5p-player': H5pPlayer;
  }
}

interface XapiEvent {
  data?: { statement?: Record<string, unknown> };
}
interface H5pInstance {
  contentId?: string | number;
  getCurrentState?: () => unknown;
}
interface H5pGlobal {
  externalDispatcher?: { on(type: string, fn: (e: XapiEvent) => void): void };
  instances?: H5pInstance[];
}
interface StandaloneGlobal {
  H5P: new (el: HTMLElement, options: Record<string, unknown>) => Promise<unknown>;
}

const PLAYER_BASE = '/h5p-player';
const LOCAL_ID = 'http://h5p.org/x-api/h5p-local-content-id';
const SAVE_EVERY_MS = 10_000;

/** h5p-standalone's bundle, loaded once from the box (/h5p-player/, served from node_modules). */
let standalone: Promise<StandaloneGlobal> | undefined;
function loadStandalone(): Promise<StandaloneGlobal> {
  const w = window as unknown as { H5PStandalone?: StandaloneGlobal };
  if (w.H5PStandalone) return Promise.resolve(w.H5PStandalone);
  standalone ??= new Promise<StandaloneGlobal>((resolve, reject) => {
    const s = document.createElement('script');
    s.src = `${PLAYER_BASE}/main.bundle.js`;
    s.onload = () => (w.H5PStandalone ? resolve(w.H5PStandalone) : reject(new Error('h5p-standalone did not load')));
    s.onerror = () => {
      standalone = undefined;
      reject(new Error('h5p-standalone did not load'));
    };
    document.head.append(s);
  });
  return standalone;
}

/** Players on the page by content id: one global xAPI listener routes statements to them. */
const players = new Map<string, H5pPlayer>();
const listening = new WeakSet<object>();
/** h5p-standalone keeps one global H5PIntegration: players are created one after another. */
let creating: Promise<unknown> = Promise.resolve();

function listen(dispatcher: H5pGlobal['externalDispatcher']) {
  if (!dispatcher || listening.has(dispatcher)) return;
  listening.add(dispatcher);
  dispatcher.on('xAPI', (event: XapiEvent) => {
    const statement = event.data?.statement;
    if (!statement) return;
    const ext = ((statement.object as { definition?: { extensions?: Record<string, unknown> } } | undefined)?.definition?.extensions ?? {});
    const id = ext[LOCAL_ID];
    const player = id === undefined ? (players.size === 1 ? [...players.values()][0] : undefined) : players.get(String(id));
    void player?.onStatement(statement);
  });
}

/**
 * `<ph-h5p-player content-id="N">`: plays an H5P content through h5p-standalone from the box's
 * folders (Art. 9.3), restores the saved state, sends every xAPI statement to the server (which
 * records it for the signed-in person, Art. 5.3) and tells the page with a bubbling, composed
 * `ph-h5p-xapi` event `{contentId, verb, score?, completed}`. The state is saved every 10 s, after
 * each statement and when the player leaves the page.
 * Light DOM: h5p-standalone builds its iframe in the element and H5P's resizer looks it up.
 */
export class H5pPlayer extends PhElement {
  static override properties = {
    contentId: { attribute: 'content-id', type: Number },
    status: { state: true },
    errorText: { state: true },
  };
  declare contentId: number;
  declare status: 'idle' | 'loading' | 'ready' | 'failed';
  declare errorText: { vi: string; en: string } | null;

  private info: PlayerReply | null = null;
  private lastSaved: string | null = null;
  private timer: ReturnType<typeof setInterval> | undefined;
  private loadedFor: number | null = null;

  constructor() {
    super();
    this.contentId = 0;
    this.status = 'idle';
    this.errorText = null;
  }

  protected override createRenderRoot() {
    return this;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    void this.saveState();
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    if (players.get(String(this.contentId)) === this) players.delete(String(this.contentId));
    this.loadedFor = null;
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('contentId') && this.contentId > 0 && this.loadedFor !== this.contentId && this.isConnected) void this.load();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Re-attached to the page (e.g. moved): load again once rendered, unless \`updated\` already did.
    void this.updateComplete.then(() => {
      if (this.contentId > 0 && this.loadedFor !== this.contentId && this.isConnected) void this.load();
    });
  }

  /** The result shown by the page after a statement (latest/best). */
  get result(): H5pResult | null {
    return this.info?.result ?? null;
  }

  private host(): HTMLElement | null {
    return this.querySelector('.ph-h5p-host');
  }

  private async load() {
    const id = this.contentId;
    this.loadedFor = id;
    this.status = 'loading';
    this.errorText = null;
    try {
      const [info, lib] = await Promise.all([h5pApi.player(id), loadStandalone()]);
      this.info = info;
      this.lastSaved = info.state;
      await this.updateComplete;
      const host = this.host();
      if (!host || this.loadedFor !== id) return;
      host.replaceChildren();
      players.set(String(id), this);
      // h5p-standalone's own H5P.init() searches document.body, which does not see into the
      // pages' shadow roots: it is told not to, and the player starts H5P on its own host.
      const make = creating.then(async () => {
        await new lib.H5P(host, {
        preventH5PInit: false,
        id: String(id),
        h5pJsonPath: info.paths.h5pJsonPath,
        contentJsonPath: info.paths.contentJsonPath,
        librariesPath: info.paths.librariesPath,
        frameJs: `${PLAYER_BASE}/frame.bundle.js`,
        frameCss: `${PLAYER_BASE}/styles/h5p.css`,
        frame: false,
        fullScreen: true,
        xAPIObjectIRI: `${location.origin}/h5p/${id}`,
        // H5P passes the saved state to the content only when saving is on; with no `user` and no
        // ajax URL it saves nothing itself: this element does (with the session's CSRF token).
        saveFreq: SAVE_EVERY_MS / 1000,
        ...(info.state ? { contentUserData: [{ state: info.state }] } : {}),
        });
        const core = (window as unknown as { H5P?: H5pGlobal & { init?: (target: HTMLElement) => void } }).H5P;
        // H5P writes the iframe's document with a small inline bootstrap script
        // (H5PIntegration = window.parent.H5PIntegration; H5P.externalEmbed = false), which the
        // box's content security policy (no inline scripts) blocks. The same two globals are set
        // on the frame's window before H5P writes it (document.open keeps the window's globals).
        for (const frame of host.querySelectorAll('iframe')) {
          const w = frame.contentWindow as unknown as { H5PIntegration?: unknown; H5P?: { externalEmbed?: boolean } } | null;
          if (!w) continue;
          w.H5PIntegration = (window as unknown as { H5PIntegration?: unknown }).H5PIntegration;
          w.H5P = { ...(w.H5P ?? {}), externalEmbed: false };
        }
        core?.init?.(host);
      });
      creating = make.catch(() => undefined);
      await make;
      listen((window as unknown as { H5P?: H5pGlobal }).H5P?.externalDispatcher);
      listen(this.frameH5p()?.externalDispatcher);
      this.status = 'ready';
      if (this.timer) clearInterval(this.timer);
      this.timer = setInterval(() => void this.saveState(), SAVE_EVERY_MS);
    } catch (err) {
      this.status = 'failed';
      this.errorText = isApiError(err) ? err.text : { vi: this.t('h5p.loadFailed'), en: this.t('h5p.loadFailed') };
    }
  }

  /** The H5P core inside the player's iframe (same origin). */
  private frameH5p(): H5pGlobal | undefined {
    const frame = this.querySelector('iframe');
    return (frame?.contentWindow as unknown as { H5P?: H5pGlobal } | null)?.H5P;
  }

  private currentState(): string | null {
    const instances = this.frameH5p()?.instances ?? (window as unknown as { H5P?: H5pGlobal }).H5P?.instances ?? [];
    const instance = instances.find((i) => String(i.contentId) === String(this.contentId)) ?? instances[0];
    if (!instance?.getCurrentState) return null;
    try {
      const state = instance.getCurrentState();
      return state === undefined || state === null ? null : JSON.stringify(state);
    } catch {
      return null;
    }
  }

  /** Saves the content's state when it changed (resume next time). */
  async saveState(): Promise<void> {
    if (this.status !== 'ready') return;
    const state = this.currentState();
    if (state === null || state === this.lastSaved) return;
    try {
      await h5pApi.saveState(this.contentId, state);
      this.lastSaved = state;
    } catch {
      // offline or refused: the next tick tries again
    }
  }

  /** One statement from the content: recorded by the server for the session's person, then told to the page. */
  async onStatement(statement: Record<string, unknown>): Promise<void> {
    const verbId = String((statement.verb as { id?: string } | undefined)?.id ?? '');
    const verb = verbId.split('/').pop() ?? '';
    const result = statement.result as { score?: { raw?: number; max?: number; scaled?: number }; completion?: boolean } | undefined;
    const raw = result?.score?.raw;
    const max = result?.score?.max;
    const score = typeof raw === 'number' && typeof max === 'number' && max > 0 ? { raw, max, scaled: Math.round((raw / max) * 10000) / 10000 } : undefined;
    let recorded = false;
    let saved: H5pResult | null | undefined;
    try {
      const reply = await h5pApi.xapi(this.contentId, statement);
      recorded = true;
      saved = reply.result;
      if (reply.result && this.info) this.info = { ...this.info, result: reply.result };
    } catch {
      recorded = false;
    }
    const detail: H5pXapiDetail = { contentId: this.contentId, verb, ...(score ? { score } : {}), completed: result?.completion === true || verb === 'completed', recorded, ...(saved !== undefined ? { result: saved } : {}) };
    this.dispatchEvent(new CustomEvent('ph-h5p-xapi', { detail, bubbles: true, composed: true }));
    void this.saveState();
    this.requestUpdate();
  }

  override render() {
    return html`
      ${this.status === 'loading' ? html`<p class="ph-h5p-status" role="status">${this.t('h5p.loading')}</p>` : nothing}
      ${this.status === 'failed' && this.errorText ? html`<p class="ph-h5p-error" role="alert">${pick(this.errorText)}</p>` : nothing}
      <div class="ph-h5p-host" data-content-id=${String(this.contentId)}></div>`;
  }
}

customElements.define('ph-h5p-player', H5pPlayer);
