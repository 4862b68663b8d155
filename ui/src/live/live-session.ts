/**
 * One participant in one live lesson: the signaling client, the media, and the room's state kept
 * from the notifications. The pages render from it and call its actions; it emits `change`
 * whenever something visible changed.
 *
 * Every (re)connection runs the same steps, one at a time: load the Device (once), `join`, build
 * the transports, produce the local tracks again. They run after each `welcome` (a new socket:
 * first entry, network back) and after a `reconnect` notification (the server's media restarted),
 * so media comes back without reloading the page.
 */
import type {
  ChatMessage, LiveMethod, LivePeer, LiveRequests, LiveRole, LiveState, MediaSource,
} from '../../../server/src/contracts/live-signaling.js';
import { api } from '../api/endpoints.js';
import { isApiError } from '../api/client.js';
import type { MessageKey } from '../i18n/index.js';
import { Emitter } from './emitter.js';
import { LiveClient, signalingUrl } from './live-client.js';
import { isLiveError, LiveError, serverError, type FinalReason } from './live-errors.js';
import type { InboundTotals, LiveMedia, LocalSource, RemoteTrack } from './live-media.js';
import { addChat, mergeMessages, removePeer, upsertPeer, upsertPoll, upsertQuestion } from './live-state.js';

export type Phase = 'connecting' | 'live' | 'reconnecting' | 'ended' | 'removed' | 'replaced' | 'refused';

export interface Reaction {
  key: number;
  personId: number;
  reaction: string;
}

export interface SessionEvents {
  change: void;
  /** Something to tell the user once (a toast). */
  notice: { key: MessageKey; kind: 'info' | 'error' };
}

/** How long a reaction stays on screen. */
const REACTION_MS = 4000;

declare global {
  interface Window {
    /** Test hook: the peer connections' totals and the session's phase. */
    __phonghocLive?: {
      stats(): Promise<InboundTotals>;
      phase(): Phase;
      setups(): number;
      layers(): Record<string, number>;
      remote(): { source: MediaSource; kind: string; personId: number | null }[];
      /** Drops the signaling socket as a network failure would. */
      drop(): void;
      transports(): { send: string | null; recv: string | null };
    };
    /** Test hook: how many sessions this page has started. */
    __phonghocLiveSessions?: number;
  }
}

export class LiveSession extends Emitter<SessionEvents> {
  phase: Phase = 'connecting';
  role: LiveRole | null = null;
  selfId: number | null = null;
  self: LivePeer | null = null;
  state: LiveState | null = null;
  privateChat: ChatMessage[] = [];
  reactions: Reaction[] = [];
  activeSpeaker: number | null = null;
  /** Why the room refused us (not a participant, not open yet…). */
  refusal: LiveError | null = null;
  /** Choices this participant sent per poll (students see results after answering). */
  readonly myVotes = new Map<number, number[]>();
  /** Sources being turned on or off right now (the button shows it is working). */
  readonly busy = new Set<LocalSource>();

  private readonly client: LiveClient;
  private media: LiveMedia | null = null;
  private chain: Promise<unknown> = Promise.resolve();
  private setupGen = 0;
  private setupCount = 0;
  private published = false;
  private reactionKey = 0;
  private failuresInRow = 0;
  private probing = false;
  private hook: Window['__phonghocLive'];
  private rebuildTimer: number | undefined;
  private rebuilds: number[] = [];

  constructor(readonly lessonId: number, private readonly opts: { autoPublish: boolean }) {
    super();
    this.client = new LiveClient(signalingUrl(lessonId));
    this.wireClient();
  }

  start(): void {
    this.client.connect();
    window.__phonghocLiveSessions = (window.__phonghocLiveSessions ?? 0) + 1;
    window.__phonghocLive = this.hook = {
      stats: () => this.media?.totals() ?? Promise.resolve(emptyTotals()),
      phase: () => this.phase,
      setups: () => this.setupCount,
      layers: () => this.media?.preferredLayers() ?? {},
      remote: () => this.remote().map((r) => ({ source: r.source, kind: r.kind, personId: r.personId })),
      drop: () => this.client.dropSocket(),
      transports: () => this.media?.transportStates() ?? { send: null, recv: null },
    };
  }

  /** Leaves the room (page closed or navigated away). */
  stop(): void {
    this.setupGen++;
    window.clearTimeout(this.rebuildTimer);
    this.client.close();
    this.media?.close();
    this.media = null;
    this.removeAllListeners();
    // Only this session's hook: a newer session may already have put its own.
    if (window.__phonghocLive === this.hook) delete window.__phonghocLive;
  }

  // ---- what the views read ----

  remote(): RemoteTrack[] {
    return this.media?.remoteTracks() ?? [];
  }

  localTrack(source: LocalSource): MediaStreamTrack | null {
    return this.media?.localTrack(source) ?? null;
  }

  isOn(source: LocalSource): boolean {
    return !!this.media?.isOn(source);
  }

  get canPublish(): boolean {
    return this.role === 'teacher' || this.role === 'student';
  }

  mayPublish(source: LocalSource): boolean {
    if (this.role === 'teacher') return true;
    if (this.role !== 'student' || !this.self) return false;
    return source === 'microphone' ? this.self.mayPublish.audio : source === 'camera' ? this.self.mayPublish.video : false;
  }

  // ---- actions ----

  /** Any request of the protocol; the views catch and show the error. */
  call<M extends LiveMethod>(method: M, data: LiveRequests[M]['data']): Promise<LiveRequests[M]['reply']> {
    return this.client.request(method, data);
  }

  async toggle(source: LocalSource): Promise<void> {
    const media = this.media;
    if (!media || this.busy.has(source)) return;
    this.busy.add(source);
    this.changed();
    try {
      if (media.isOn(source)) await media.stop(source);
      else await media.start(source);
    } finally {
      this.busy.delete(source);
      this.changed();
    }
  }

  async sendChat(text: string, toPersonId: number | null): Promise<void> {
    const { message } = await this.client.request('chat', { text, toPersonId });
    this.takeMessage(message);
  }

  async answerPoll(pollId: number, choices: number[]): Promise<void> {
    const { poll } = await this.client.request('answerPoll', { pollId, choices });
    this.myVotes.set(pollId, choices);
    if (this.state) this.state = upsertPoll(this.state, poll);
    this.changed();
  }

  /** Tries the connection again at once (the "retry" button while reconnecting). */
  retryNow(): void {
    this.client.reconnectNow();
  }

  // ---- wiring ----

  private wireClient(): void {
    const c = this.client;
    c.on('state', (s) => {
      if (s === 'reconnecting' && this.phase === 'live') this.setPhase('reconnecting');
    });
    c.on('final', ({ reason, error }) => this.finish(reason, error));
    c.on('failedAttempt', ({ attempt }) => {
      if (attempt >= 2) void this.probe();
    });
    c.on('serverError', (e) => {
      if (e.baseCode === 'LIVE_RATE_LIMITED') this.emit('notice', { key: 'live.error.slowDown', kind: 'error' });
    });

    c.onNotification('welcome', ({ routerRtpCapabilities, role, personId }) => {
      this.role = role;
      this.selfId = personId;
      this.enqueueSetup(routerRtpCapabilities);
    });
    c.onNotification('reconnect', () => {
      this.setPhase('reconnecting');
      this.enqueueSetup(null);
    });
    c.onNotification('newConsumer', (offer) => this.media?.offer(offer));
    c.onNotification('consumerClosed', ({ consumerId }) => this.media?.closeConsumer(consumerId));
    c.onNotification('peerUpdated', ({ peer }) => {
      if (!this.state) return;
      this.state = upsertPeer(this.state, peer);
      if (peer.personId === this.selfId) this.self = peer;
      this.changed();
    });
    c.onNotification('peerLeft', ({ personId }) => this.patch((s) => removePeer(s, personId)));
    c.onNotification('chat', ({ message }) => this.takeMessage(message));
    c.onNotification('chatLocked', ({ locked }) => {
      this.patch((s) => ({ ...s, chatLocked: locked }));
      if (this.role !== 'teacher') this.emit('notice', { key: locked ? 'live.chat.lockedNow' : 'live.chat.unlockedNow', kind: 'info' });
    });
    c.onNotification('handQueue', ({ queue }) => this.patch((s) => ({ ...s, handQueue: queue })));
    c.onNotification('question', ({ question }) => this.patch((s) => upsertQuestion(s, question)));
    c.onNotification('poll', ({ poll }) => this.patch((s) => upsertPoll(s, poll)));
    c.onNotification('spotlight', ({ personId }) => this.patch((s) => ({ ...s, spotlightPersonId: personId })));
    c.onNotification('recording', ({ on }) => this.patch((s) => ({ ...s, recording: on })));
    c.onNotification('activeSpeaker', ({ personId }) => {
      this.activeSpeaker = personId;
      this.changed();
    });
    c.onNotification('reaction', ({ personId, reaction }) => this.showReaction(personId, reaction));
    c.onNotification('muted', ({ source }) => {
      if (source !== 'microphone') return;
      void this.media?.stop('microphone');
      this.emit('notice', { key: 'live.notice.muted', kind: 'info' });
    });
    c.onNotification('publishRevoked', ({ audio, video }) => {
      if (audio) void this.media?.stop('microphone', false);
      if (video) void this.media?.stop('camera', false);
      this.emit('notice', { key: 'live.notice.revoked', kind: 'info' });
    });
    c.onNotification('removed', () => this.finish('removed', null));
    c.onNotification('lessonEnded', () => this.finish('ended', null));
  }

  /** mediasoup-client is loaded with the first room entered (its own chunk, not in every page). */
  private async createMedia(role: LiveRole): Promise<LiveMedia> {
    const { LiveMedia } = await import('./live-media.js');
    const media = new LiveMedia(this.client, role !== 'observer');
    media.on('remote', () => this.changed());
    media.on('local', () => this.changed());
    media.on('transportFailed', () => this.rebuildSoon());
    return media;
  }

  private enqueueSetup(caps: unknown): void {
    const gen = ++this.setupGen;
    this.chain = this.chain.then(() => this.setup(gen, caps)).catch((err: unknown) => this.setupFailed(gen, err));
  }

  private async setup(gen: number, caps: unknown): Promise<void> {
    if (gen !== this.setupGen || !this.role) return;
    this.media ??= await this.createMedia(this.role);
    const media = this.media;
    if (gen !== this.setupGen) return;
    if (this.phase !== 'connecting') this.setPhase('reconnecting');
    if (caps) await media.load(caps);
    media.resetTransports();
    const { self, state } = await this.client.request('join', { rtpCapabilities: media.rtpCapabilities });
    if (gen !== this.setupGen) return;
    this.self = self;
    this.state = state;
    // A right taken back while this device was away: its tracks stop here too.
    if (this.role === 'student') {
      if (!self.mayPublish.audio && media.isOn('microphone')) await media.stop('microphone', false);
      if (!self.mayPublish.video && media.isOn('camera')) await media.stop('camera', false);
    }
    await media.createTransports();
    if (gen !== this.setupGen) return;
    this.setupCount++;
    this.failuresInRow = 0;
    this.setPhase('live');
    if (this.opts.autoPublish && this.role === 'teacher' && !this.published) {
      this.published = true;
      await this.autoPublish(media);
    }
  }

  /** The teacher's microphone and camera come on when the room opens; a refusal is shown, not fatal. */
  private async autoPublish(media: LiveMedia): Promise<void> {
    for (const source of ['microphone', 'camera'] as const) {
      try {
        await media.start(source);
      } catch (err) {
        console.warn(`live: cannot start the ${source}`, err);
        this.emit('notice', { key: source === 'camera' ? 'live.error.camera' : 'live.error.microphone', kind: 'error' });
      }
    }
  }

  private setupFailed(gen: number, err: unknown): void {
    if (gen !== this.setupGen || isFinal(this.phase)) return;
    console.warn('live: setup failed', err);
    if (isLiveError(err) && ['LIVE_LESSON_ENDED'].includes(err.baseCode)) return this.finish('ended', err);
    if (isLiveError(err) && (err.code === 'LIVE_DISCONNECTED' || err.code === 'LIVE_NOT_CONNECTED')) return; // the next welcome retries
    // Anything else (a timeout, the media not ready yet): a fresh socket after a pause.
    this.failuresInRow++;
    this.setPhase('reconnecting');
    window.setTimeout(() => {
      if (gen === this.setupGen && !isFinal(this.phase)) this.client.dropSocket();
    }, Math.min(10_000, 1000 * this.failuresInRow));
  }

  /**
   * The media broke while signaling still works (ICE failed, a consumer would not start). The
   * protocol has no ICE restart: a fresh socket rebuilds everything, sooner the first time,
   * slower when it keeps happening.
   */
  private rebuildSoon(): void {
    if (this.rebuildTimer !== undefined || isFinal(this.phase)) return;
    const now = Date.now();
    this.rebuilds = this.rebuilds.filter((t) => now - t < 60_000);
    const delay = Math.min(15_000, 250 * 2 ** this.rebuilds.length);
    this.rebuilds.push(now);
    this.rebuildTimer = window.setTimeout(() => {
      this.rebuildTimer = undefined;
      if (!isFinal(this.phase)) this.client.dropSocket();
    }, delay);
  }

  /** The socket keeps failing before `welcome`: is the session or the lesson the reason? */
  private async probe(): Promise<void> {
    if (this.probing) return;
    this.probing = true;
    try {
      const lesson = await api.liveLesson(this.lessonId);
      if (lesson.status === 'ended') this.finish('ended', null);
      else if (lesson.status === 'cancelled') this.finish('forbidden', serverError('LIVE_LESSON_CANCELLED'));
    } catch (e) {
      // 401 moves to the sign-in page (the client's session hook); 403/404 are final.
      if (isApiError(e) && (e.status === 403 || e.status === 404)) this.finish('forbidden', new LiveError(e.code, e.text));
    } finally {
      this.probing = false;
    }
  }

  private finish(reason: FinalReason | null, error: LiveError | null): void {
    if (isFinal(this.phase)) return;
    this.setupGen++;
    this.refusal = error;
    this.phase = reason === 'ended' ? 'ended' : reason === 'removed' ? 'removed' : reason === 'replaced' ? 'replaced' : 'refused';
    this.client.close();
    this.media?.close();
    this.media = null;
    this.changed();
  }

  private takeMessage(m: ChatMessage): void {
    if (m.toPersonId === null) this.patch((s) => addChat(s, m));
    else {
      this.privateChat = mergeMessages(this.privateChat, m);
      this.changed();
    }
  }

  private showReaction(personId: number, reaction: string): void {
    const key = ++this.reactionKey;
    this.reactions = [...this.reactions, { key, personId, reaction }].slice(-8);
    this.changed();
    window.setTimeout(() => {
      this.reactions = this.reactions.filter((r) => r.key !== key);
      this.changed();
    }, REACTION_MS);
  }

  private patch(fn: (s: LiveState) => LiveState): void {
    if (!this.state) return;
    this.state = fn(this.state);
    this.changed();
  }

  private setPhase(p: Phase): void {
    if (this.phase === p || isFinal(this.phase)) return;
    this.phase = p;
    this.changed();
  }

  private changed(): void {
    this.emit('change', undefined);
  }
}

function isFinal(p: Phase): boolean {
  return p === 'ended' || p === 'removed' || p === 'replaced' || p === 'refused';
}

function emptyTotals(): InboundTotals {
  return { video: { framesDecoded: 0, bytesReceived: 0, packetsLost: 0, tracks: 0, maxWidth: 0 }, audio: { bytesReceived: 0, tracks: 0 }, outbound: { bytesSent: 0 } };
}
