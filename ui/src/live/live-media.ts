/**
 * The browser's media in a live lesson, on mediasoup-client: the Device loaded with the router's
 * capabilities, one send and one receive transport wired to the signaling, the local camera
 * (simulcast), microphone (Opus) and screen, and the remote tracks offered by the server.
 *
 * Local tracks outlive the transports: when the server's media restarts (or the socket comes
 * back) the transports are rebuilt and the same tracks are produced again, without asking the
 * user for the camera twice and without reloading the page.
 */
import { Device, type types } from 'mediasoup-client';
import type { ConsumerOffer, MediaSource } from '../../../server/src/contracts/live-signaling.js';
import type { LiveClient } from './live-client.js';
import { Emitter } from './emitter.js';
import { CAMERA_CONSTRAINTS, CAMERA_LAYERS, MIC_CONSTRAINTS, SCREEN_MAX_BITRATE, TOP_LAYER } from './media-profile.js';
import { WeakLinkWatcher } from './weak-link-watcher.js';

export type LocalSource = 'camera' | 'microphone' | 'screen';

export interface RemoteTrack {
  consumerId: string;
  producerId: string;
  /** Whose media; null for the room camera (it belongs to the room, not to a person). */
  personId: number | null;
  source: MediaSource;
  kind: 'audio' | 'video';
  track: MediaStreamTrack;
  stream: MediaStream;
  simulcast: boolean;
}

export interface MediaEvents {
  remote: void;
  local: void;
  /** A transport failed (ICE/DTLS): the caller rebuilds everything through a new socket. */
  transportFailed: { direction: 'send' | 'recv' };
}

export interface InboundTotals {
  video: { framesDecoded: number; bytesReceived: number; packetsLost: number; tracks: number; maxWidth: number };
  audio: { bytesReceived: number; tracks: number };
  outbound: { bytesSent: number };
}

/** How long a transport may stay "disconnected" (or "failed") before everything is rebuilt. */
const DISCONNECTED_GRACE_MS = 8000;
/** A transport still "disconnected" this long gets new ICE credentials first (at once when "failed"). */
const ICE_RESTART_AFTER_MS = 2000;
/** ICE restarts tried per transport before leaving it to the rebuild. */
const MAX_ICE_RESTARTS = 2;

export class LiveMedia extends Emitter<MediaEvents> {
  private device: Device | null = null;
  private send: types.Transport | null = null;
  private recv: types.Transport | null = null;
  /** Bumped at every rebuild: work started for older transports is dropped when it finishes. */
  private generation = 0;
  private readonly consumers = new Map<string, { consumer: types.Consumer; info: RemoteTrack }>();
  private readonly producers = new Map<LocalSource, types.Producer>();
  private readonly tracks = new Map<LocalSource, MediaStreamTrack>();
  private readonly waiting: ConsumerOffer[] = [];
  private chain: Promise<unknown> = Promise.resolve();
  private readonly watcher: WeakLinkWatcher;
  private readonly graceTimers = new Map<string, number>();
  private readonly iceTimers = new Map<string, number>();
  private readonly iceRestarts = new Map<string, number>();

  constructor(private readonly client: LiveClient, private readonly canSend: boolean) {
    super();
    this.watcher = new WeakLinkWatcher(
      (consumerId, spatialLayer) => this.client.request('setPreferredLayers', { consumerId, spatialLayer }).then(() => undefined),
    );
  }

  get loaded(): boolean {
    return !!this.device?.loaded;
  }

  get rtpCapabilities(): types.RtpCapabilities {
    if (!this.device) throw new Error('device not loaded');
    return this.device.recvRtpCapabilities;
  }

  /** Loads the Device once (the router's codecs do not change when the server rebuilds the room). */
  async load(routerRtpCapabilities: unknown): Promise<void> {
    if (this.device?.loaded) return;
    const device = new Device();
    await device.load({ routerRtpCapabilities: routerRtpCapabilities as types.RtpCapabilities });
    this.device = device;
  }

  /** Closes the transports and everything that ran on them; local tracks are kept. */
  resetTransports(): void {
    this.generation++;
    this.watcher.clear();
    for (const t of [...this.graceTimers.values(), ...this.iceTimers.values()]) window.clearTimeout(t);
    this.graceTimers.clear();
    this.iceTimers.clear();
    this.iceRestarts.clear();
    this.send?.close();
    this.recv?.close();
    this.send = null;
    this.recv = null;
    this.producers.clear();
    for (const { consumer } of this.consumers.values()) consumer.close();
    this.consumers.clear();
    this.waiting.length = 0;
    this.emit('remote', undefined);
    this.emit('local', undefined);
  }

  /** New transports (receive first, so the teacher's media starts flowing at once), then produce again. */
  async createTransports(): Promise<void> {
    const device = this.device;
    if (!device) throw new Error('device not loaded');
    const gen = this.generation;
    const recvInfo = await this.client.request('createTransport', { direction: 'recv' });
    if (gen !== this.generation) return;
    // No await between the reply and this line: the server's offers follow the reply at once.
    this.recv = this.wire(device.createRecvTransport(recvInfo as types.TransportOptions), 'recv');
    this.watcher.start();
    for (const offer of this.waiting.splice(0)) this.offer(offer);
    if (!this.canSend) return;
    const sendInfo = await this.client.request('createTransport', { direction: 'send' });
    if (gen !== this.generation) return;
    this.send = this.wire(device.createSendTransport(sendInfo as types.TransportOptions), 'send');
    for (const source of this.tracks.keys()) await this.produce(source);
  }

  private wire(t: types.Transport, direction: 'send' | 'recv'): types.Transport {
    t.on('connect', ({ dtlsParameters }, callback, errback) => {
      this.client.request('connectTransport', { transportId: t.id, dtlsParameters }).then(() => callback(), errback);
    });
    if (direction === 'send') {
      t.on('produce', ({ kind, rtpParameters, appData }, callback, errback) => {
        const source = appData.source as MediaSource;
        this.client.request('produce', { transportId: t.id, kind, rtpParameters, source }).then(({ producerId }) => callback({ id: producerId }), errback);
      });
    }
    t.on('connectionstatechange', (state) => {
      window.clearTimeout(this.graceTimers.get(t.id));
      window.clearTimeout(this.iceTimers.get(t.id));
      this.graceTimers.delete(t.id);
      this.iceTimers.delete(t.id);
      if (state === 'connected') this.iceRestarts.delete(t.id);
      if (state !== 'disconnected' && state !== 'failed') return;
      // The path broke (a phone moved from Wi-Fi to 4G, a NAT forgot us): new ICE credentials on
      // the same transport keep every producer and consumer; only if that does not bring it back
      // is everything rebuilt.
      this.iceTimers.set(t.id, window.setTimeout(() => void this.restartIce(t), state === 'failed' ? 0 : ICE_RESTART_AFTER_MS));
      this.graceTimers.set(t.id, window.setTimeout(() => {
        if (!t.closed && t.connectionState !== 'connected') this.emit('transportFailed', { direction });
      }, DISCONNECTED_GRACE_MS));
    });
    return t;
  }

  private async restartIce(t: types.Transport): Promise<void> {
    const tried = this.iceRestarts.get(t.id) ?? 0;
    if (t.closed || tried >= MAX_ICE_RESTARTS) return;
    this.iceRestarts.set(t.id, tried + 1);
    try {
      const { iceParameters } = await this.client.request('restartIce', { transportId: t.id });
      if (!t.closed) await t.restartIce({ iceParameters: iceParameters as types.IceParameters });
    } catch {
      // The grace timer rebuilds the transports if the connection does not come back.
    }
  }

  /** A `newConsumer` from the server: consumed one after another, then resumed. */
  offer(offer: ConsumerOffer): void {
    if (!this.recv) {
      this.waiting.push(offer);
      return;
    }
    const gen = this.generation;
    this.chain = this.chain.then(() => this.consume(offer, gen)).catch((err: unknown) => {
      console.warn('live: consume failed', err);
      // A consumer that cannot start leaves a student without the lesson: rebuild from scratch
      // (unless the transports were already replaced, or the socket is gone and will come back).
      if (gen === this.generation && this.client.isOpen) this.emit('transportFailed', { direction: 'recv' });
    });
  }

  private async consume(offer: ConsumerOffer, gen: number): Promise<void> {
    const recv = this.recv;
    if (!recv || gen !== this.generation) return;
    const consumer = await recv.consume({
      id: offer.id, producerId: offer.producerId, kind: offer.kind, rtpParameters: offer.rtpParameters as types.RtpParameters,
      appData: { source: offer.source },
    });
    if (gen !== this.generation || recv.closed) {
      consumer.close();
      return;
    }
    const simulcast = offer.kind === 'video' && offer.type === 'simulcast';
    const info: RemoteTrack = {
      consumerId: consumer.id, producerId: offer.producerId,
      personId: typeof offer.personId === 'number' && Number.isFinite(offer.personId) ? offer.personId : null,
      source: offer.source, kind: offer.kind, track: consumer.track, stream: new MediaStream([consumer.track]), simulcast,
    };
    this.consumers.set(consumer.id, { consumer, info });
    consumer.on('transportclose', () => this.consumers.delete(consumer.id));
    if (simulcast) this.watcher.add(consumer, TOP_LAYER);
    this.emit('remote', undefined);
    await this.client.request('resumeConsumer', { consumerId: consumer.id });
  }

  /** `consumerClosed`: the producer went away; its track stops here. */
  closeConsumer(consumerId: string): void {
    const entry = this.consumers.get(consumerId);
    if (!entry) return;
    this.consumers.delete(consumerId);
    this.watcher.remove(consumerId);
    entry.consumer.close();
    this.emit('remote', undefined);
  }

  remoteTracks(): RemoteTrack[] {
    return [...this.consumers.values()].map((c) => c.info);
  }

  // ---- local media ----

  isOn(source: LocalSource): boolean {
    return this.tracks.has(source);
  }

  /** Whether the server has the producer of this source (not only the local track). */
  isSending(source: LocalSource): boolean {
    return this.producers.has(source);
  }

  localTrack(source: LocalSource): MediaStreamTrack | null {
    return this.tracks.get(source) ?? null;
  }

  /** Turns a source on: asks the browser for the device once, then produces it. */
  async start(source: LocalSource): Promise<void> {
    if (!this.canSend) return;
    if (!this.tracks.has(source)) {
      const track = await this.capture(source);
      // Ended from outside (the browser's "stop sharing" bar, a camera unplugged).
      track.addEventListener('ended', () => void this.stop(source));
      this.tracks.set(source, track);
      this.emit('local', undefined);
    }
    await this.produce(source);
  }

  private async capture(source: LocalSource): Promise<MediaStreamTrack> {
    const md = navigator.mediaDevices;
    if (source === 'screen') {
      const s = await md.getDisplayMedia({ video: { frameRate: { ideal: 15, max: 30 } }, audio: false });
      const track = s.getVideoTracks()[0]!;
      track.contentHint = 'detail';
      return track;
    }
    const s = await md.getUserMedia(source === 'camera' ? { video: CAMERA_CONSTRAINTS, audio: false } : { audio: MIC_CONSTRAINTS, video: false });
    const track = (source === 'camera' ? s.getVideoTracks() : s.getAudioTracks())[0];
    if (!track) throw new Error(`no ${source} track`);
    return track;
  }

  private async produce(source: LocalSource): Promise<void> {
    const track = this.tracks.get(source);
    const send = this.send;
    if (!track || !send || send.closed || this.producers.has(source)) return;
    const gen = this.generation;
    const common = { track, stopTracks: false, appData: { source } };
    const options: types.ProducerOptions = source === 'camera'
      ? { ...common, encodings: CAMERA_LAYERS.map((l) => ({ ...l })), codecOptions: { videoGoogleStartBitrate: 1000 } }
      : source === 'microphone'
        ? { ...common, codecOptions: { opusStereo: false, opusDtx: true, opusFec: true } }
        : { ...common, encodings: [{ maxBitrate: SCREEN_MAX_BITRATE }] };
    const producer = await send.produce(options);
    if (gen !== this.generation || !this.tracks.has(source)) {
      producer.close();
      return;
    }
    this.producers.set(source, producer);
    producer.on('transportclose', () => {
      if (this.producers.get(source) === producer) this.producers.delete(source);
    });
    this.emit('local', undefined);
  }

  /**
   * Turns a source off. `tell` false when the server already closed the producer (the teacher
   * took the right back); true when this side decides.
   */
  async stop(source: LocalSource, tell = true): Promise<void> {
    const producer = this.producers.get(source);
    this.producers.delete(source);
    const track = this.tracks.get(source);
    this.tracks.delete(source);
    track?.stop();
    if (producer) {
      producer.close();
      if (tell) await this.client.request('closeProducer', { producerId: producer.id }).catch(() => undefined);
    }
    this.emit('local', undefined);
  }

  // ---- measurements ----

  /** Totals of the peer connections, for the weak-link badge and the test hook. */
  async totals(): Promise<InboundTotals> {
    const out: InboundTotals = {
      video: { framesDecoded: 0, bytesReceived: 0, packetsLost: 0, tracks: 0, maxWidth: 0 },
      audio: { bytesReceived: 0, tracks: 0 },
      outbound: { bytesSent: 0 },
    };
    const [recv, send] = await Promise.all([
      this.recv && !this.recv.closed ? this.recv.getStats().catch(() => null) : null,
      this.send && !this.send.closed ? this.send.getStats().catch(() => null) : null,
    ]);
    recv?.forEach((s: Record<string, unknown>) => {
      if (s.type !== 'inbound-rtp') return;
      if (s.kind === 'video') {
        out.video.tracks++;
        out.video.framesDecoded += num(s.framesDecoded);
        out.video.bytesReceived += num(s.bytesReceived);
        out.video.packetsLost += num(s.packetsLost);
        out.video.maxWidth = Math.max(out.video.maxWidth, num(s.frameWidth));
      } else if (s.kind === 'audio') {
        out.audio.tracks++;
        out.audio.bytesReceived += num(s.bytesReceived);
      }
    });
    send?.forEach((s: Record<string, unknown>) => {
      if (s.type === 'outbound-rtp') out.outbound.bytesSent += num(s.bytesSent);
    });
    return out;
  }

  /** The transports' connection states (for the test hook and diagnostics). */
  transportStates(): { send: string | null; recv: string | null } {
    return { send: this.send?.connectionState ?? null, recv: this.recv?.connectionState ?? null };
  }

  /** The layer the weak-link policy asks for, per consumer (for display and tests). */
  preferredLayers(): Record<string, number> {
    return this.watcher.layers();
  }

  /** Everything off: transports, consumers, local tracks. */
  close(): void {
    this.watcher.stop();
    this.resetTransports();
    for (const track of this.tracks.values()) track.stop();
    this.tracks.clear();
    this.removeAllListeners();
  }
}

function num(v: unknown): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : 0;
}
