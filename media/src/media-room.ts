// A live lesson's media: one mediasoup Router, the peers in it, the room camera's ingests and
// the recordings. The room never holds the service; it tells it about its end through `closed`.
// When the worker under it dies the service detaches it and attaches a router on a live worker:
// the same Room object (the server keeps references to it) starts empty and emits `rebuilt`.

import type { types } from 'mediasoup';
import { MediaError } from './media-error.js';
import type { MediaLogger } from './media-logger.js';
import { MediaPeer } from './media-peer.js';
import type {
  ConsumerInfo,
  IngestHandle,
  Json,
  MediaRoom,
  MediaRoomEvents,
  MediaSource,
  ProducerInfo,
  RecordingHandle,
  TransportInfo,
} from './media.types.js';
import { Recording } from './recorder.js';
import { parseIngestUrl, RtpIngest } from './rtp-ingest.js';
import { TypedEmitter } from './typed-emitter.js';

export interface RoomOptions {
  lessonId: string;
  router: types.Router;
  listenIp: string;
  announcedAddress?: string | undefined;
  ffmpegPath: string;
  logger: MediaLogger;
  /** The WebRTC port range (the recorder's ffmpeg listens outside it). */
  rtcPorts: { min: number; max: number };
}

export interface RoomEvents extends MediaRoomEvents {
  /** The room was closed (by the server or with the service); emitted once. */
  closed: () => void;
}

/** Pseudo-peers that own the room camera's producers. */
const INGEST_PEER_PREFIX = 'room-camera:';
/** How long a call made while the room is being rebuilt waits for the new router. */
const REBUILD_WAIT_MS = 15_000;
/**
 * Consumer priorities for the bandwidth estimator: audio first, then the screen (the lesson's
 * board), then cameras (mediasoup's default priority 1).
 */
const AUDIO_PRIORITY = 255;
const SCREEN_PRIORITY = 128;

function createSpeakerObserver(router: types.Router): Promise<types.AudioLevelObserver> {
  return router.createAudioLevelObserver({ maxEntries: 1, threshold: -70, interval: 800 });
}

function sum(stats: { byteCount?: number }[]): number {
  return stats.reduce((total, s) => total + (s.byteCount ?? 0), 0);
}

export class Room extends TypedEmitter<RoomEvents> implements MediaRoom {
  readonly lessonId: string;
  readonly #listenIp: string;
  readonly #announcedAddress: string | undefined;
  readonly #ffmpegPath: string;
  readonly #logger: MediaLogger;
  readonly #rtcPorts: { min: number; max: number };
  #router: types.Router | null;
  #rtpCapabilities: types.RtpCapabilities;
  #speakerObserver: types.AudioLevelObserver | null = null;
  #activeSpeaker: string | null = null;
  readonly #peers = new Map<string, MediaPeer>();
  readonly #ingests = new Map<string, RtpIngest>();
  readonly #recordings = new Set<Recording>();
  /** Stops of ffmpeg processes still running (awaited by settled()). */
  readonly #pending = new Set<Promise<unknown>>();
  readonly #routerWaiters = new Set<(router: types.Router | Error) => void>();
  #ingestCount = 0;
  #closed = false;

  private constructor(opts: RoomOptions, speakerObserver: types.AudioLevelObserver) {
    super();
    this.lessonId = opts.lessonId;
    this.#listenIp = opts.listenIp;
    this.#announcedAddress = opts.announcedAddress;
    this.#ffmpegPath = opts.ffmpegPath;
    this.#logger = opts.logger;
    this.#rtcPorts = opts.rtcPorts;
    this.#router = opts.router;
    this.#rtpCapabilities = opts.router.rtpCapabilities;
    this.#watchSpeakers(speakerObserver);
  }

  static async create(opts: RoomOptions): Promise<Room> {
    const speakerObserver = await createSpeakerObserver(opts.router);
    return new Room(opts, speakerObserver);
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** Peers in the room (the room camera counts as one), for choosing the least-loaded worker. */
  get peerCount(): number {
    return this.#peers.size;
  }

  rtpCapabilities(): Json {
    return this.#rtpCapabilities;
  }

  async createTransport(peerId: string, direction: 'send' | 'recv'): Promise<TransportInfo> {
    const router = await this.#live();
    const peer = this.#peers.get(peerId) ?? this.#addPeer(peerId);
    const transport = await router.createWebRtcTransport({
      listenIps: [{ ip: this.#listenIp, announcedIp: this.#announcedAddress }],
      enableUdp: true,
      enableTcp: true,
      preferUdp: true,
      initialAvailableOutgoingBitrate: 1_000_000,
      appData: { peerId, direction },
    });
    peer.addTransport(transport); // closes it and throws when the peer left meanwhile
    return {
      id: transport.id,
      iceParameters: transport.iceParameters,
      iceCandidates: transport.iceCandidates,
      dtlsParameters: transport.dtlsParameters,
    };
  }

  async connectTransport(peerId: string, transportId: string, dtlsParameters: Json): Promise<void> {
    const transport = this.#peer(peerId).transport(transportId);
    await transport.connect({ dtlsParameters: dtlsParameters as types.DtlsParameters });
  }

  async restartIce(peerId: string, transportId: string): Promise<Json> {
    await this.#live();
    const transport = this.#peer(peerId).transport(transportId);
    // Only WebRTC transports have ICE (the room camera's and recorder's are PlainTransports of no peer).
    if (!('restartIce' in transport)) throw new MediaError('MEDIA_TRANSPORT_NOT_FOUND', `transport ${transportId} has no ICE`);
    return (transport as types.WebRtcTransport).restartIce();
  }

  async produce(peerId: string, transportId: string, kind: 'audio' | 'video', rtpParameters: Json, source: MediaSource): Promise<ProducerInfo> {
    await this.#live();
    const peer = this.#peer(peerId);
    const transport = peer.transport(transportId);
    // Simulcast arrives as one producer with several encodings: the parameters pass through as is.
    const producer = await transport.produce({ kind, rtpParameters: rtpParameters as types.RtpParameters, appData: { peerId, source } });
    peer.addProducer(producer, source);
    if (kind === 'audio' && source === 'microphone') {
      this.#speakerObserver?.addProducer({ producerId: producer.id }).catch((err: unknown) => {
        this.#logger.warn({ err, producerId: producer.id }, 'cannot watch the audio level of a producer');
      });
    }
    return { id: producer.id, peerId, kind, source, paused: producer.paused };
  }

  async consume(peerId: string, producerId: string, rtpCapabilities: Json): Promise<ConsumerInfo | null> {
    const router = await this.#live();
    const owner = this.#producerOwner(producerId);
    const capabilities = rtpCapabilities as types.RtpCapabilities;
    if (!router.canConsume({ producerId, rtpCapabilities: capabilities })) return null;
    const peer = this.#peer(peerId);
    const transport = peer.transportFor('recv');
    if (transport === undefined) throw new MediaError('MEDIA_TRANSPORT_NOT_FOUND', `peer ${peerId} has no receive transport`);
    const { source } = owner.entry;
    // Paused until the client has its track ready: then the resume brings a key frame at once.
    const consumer = await transport.consume({ producerId, rtpCapabilities: capabilities, paused: true, appData: { peerId, source } });
    peer.addConsumer(consumer, source);
    const priority = consumer.kind === 'audio' ? AUDIO_PRIORITY : source === 'screen' ? SCREEN_PRIORITY : undefined;
    if (priority !== undefined) {
      await consumer.setPriority(priority).catch((err: unknown) => this.#logger.warn({ err, consumerId: consumer.id }, 'cannot set consumer priority'));
    }
    return {
      id: consumer.id,
      producerId,
      kind: consumer.kind,
      rtpParameters: consumer.rtpParameters,
      type: consumer.type,
      paused: consumer.paused,
      source,
      // Whose media this is, so the client can put it in the right tile.
      peerId: owner.peer.id,
    };
  }

  async resumeConsumer(peerId: string, consumerId: string): Promise<void> {
    await this.#consumer(peerId, consumerId).resume();
  }

  async setPreferredLayers(peerId: string, consumerId: string, spatialLayer: number): Promise<void> {
    const layer = Math.max(0, Math.trunc(spatialLayer));
    // Without a temporal layer mediasoup picks the highest one of that spatial layer.
    await this.#consumer(peerId, consumerId).setPreferredLayers({ spatialLayer: layer });
  }

  async pauseProducer(producerId: string): Promise<void> {
    await this.#producerOwner(producerId).entry.producer.pause();
  }

  async resumeProducer(producerId: string): Promise<void> {
    await this.#producerOwner(producerId).entry.producer.resume();
  }

  closeProducer(producerId: string): void {
    for (const peer of this.#peers.values()) {
      if (peer.producer(producerId) !== undefined) return peer.closeProducer(producerId);
    }
  }

  producers(): ProducerInfo[] {
    const list: ProducerInfo[] = [];
    for (const peer of this.#peers.values()) {
      for (const { producer, source } of peer.producers()) {
        list.push({ id: producer.id, peerId: peer.id, kind: producer.kind, source, paused: producer.paused });
      }
    }
    return list;
  }

  closePeer(peerId: string): void {
    const ingest = this.#ingests.get(peerId);
    if (ingest !== undefined) {
      void this.#stopIngest(peerId, ingest);
      return;
    }
    const peer = this.#peers.get(peerId);
    if (peer === undefined) return;
    this.#peers.delete(peerId);
    peer.close();
  }

  async ingestRtsp(url: string, opts: { audio?: boolean } = {}): Promise<IngestHandle> {
    const router = await this.#live();
    const peerId = `${INGEST_PEER_PREFIX}${++this.#ingestCount}`;
    const ingest = await RtpIngest.start({
      router,
      input: parseIngestUrl(url),
      audio: opts.audio ?? false,
      ffmpegPath: this.#ffmpegPath,
      logger: this.#logger,
      appData: { peerId, source: 'room-camera' },
    });
    if (this.#router !== router) {
      await ingest.stop();
      throw this.#closed ? this.#closedError() : new MediaError('MEDIA_UNAVAILABLE', `room ${this.lessonId} was rebuilt while the camera started`);
    }
    const peer = this.#addPeer(peerId);
    for (const transport of ingest.transports) peer.addTransport(transport);
    for (const producer of ingest.producers) peer.addProducer(producer, 'room-camera');
    this.#ingests.set(peerId, ingest);
    return {
      producerIds: ingest.producers.map((p) => p.id),
      pid: ingest.pid,
      stop: () => this.#stopIngest(peerId, ingest),
    };
  }

  async record(producerIds: string[], file: string): Promise<RecordingHandle> {
    const router = await this.#live();
    const producers = producerIds.map((id) => this.#producerOwner(id).entry.producer);
    const recording = await Recording.start({
      router,
      producers,
      file,
      ffmpegPath: this.#ffmpegPath,
      logger: this.#logger,
      avoidPorts: this.#rtcPorts,
    });
    if (this.#router !== router) {
      await recording.stop();
      throw this.#closed ? this.#closedError() : new MediaError('MEDIA_UNAVAILABLE', `room ${this.lessonId} was rebuilt while recording started`);
    }
    this.#recordings.add(recording);
    return {
      file: recording.file,
      startedAt: recording.startedAt,
      stop: () => {
        this.#recordings.delete(recording);
        return recording.stop();
      },
    };
  }

  async byteCount(id: string): Promise<number> {
    for (const peer of this.#peers.values()) {
      const producer = peer.producer(id)?.producer;
      if (producer !== undefined) return sum(await producer.getStats());
      const consumer = peer.consumer(id)?.consumer;
      // A consumer's stats also carry its producer's (inbound-rtp): count what it sent only.
      if (consumer !== undefined) return sum((await consumer.getStats()).filter((s) => s.type === 'outbound-rtp'));
    }
    throw new MediaError('MEDIA_PRODUCER_NOT_FOUND', `no producer or consumer ${id} in room ${this.lessonId}`);
  }

  /** Closes the router and everything in it; ffmpeg processes finish in the background (settled()). */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const waiter of [...this.#routerWaiters]) waiter(this.#closedError());
    this.#dropMedia();
    this.#router?.close();
    this.#router = null;
    this.emit('closed');
    this.removeAllListeners();
  }

  // ---- for the service ----

  /** The worker under the room died: forget every peer, ingest and recording (their objects died with it). */
  detach(): void {
    if (this.#closed) return;
    this.#router = null;
    this.#dropMedia();
  }

  /** A router on a live worker: the room works again, empty, and tells the server to reconnect everyone. */
  async attach(router: types.Router): Promise<void> {
    if (this.#closed) {
      router.close();
      return;
    }
    const speakerObserver = await createSpeakerObserver(router);
    if (this.#closed) {
      router.close();
      return;
    }
    this.#router = router;
    this.#rtpCapabilities = router.rtpCapabilities;
    this.#watchSpeakers(speakerObserver);
    for (const waiter of [...this.#routerWaiters]) waiter(router);
    this.emit('rebuilt');
  }

  /** Resolves when the ffmpeg processes stopped by close()/detach() have exited. */
  async settled(): Promise<void> {
    while (this.#pending.size > 0) await Promise.allSettled([...this.#pending]);
  }

  protected override onListenerError(event: string, err: unknown): void {
    this.#logger.error({ err, event, lessonId: this.lessonId }, 'a media room listener threw');
  }

  // ---- internals ----

  /** The router, waiting for the new one while the room is being rebuilt. */
  #live(): Promise<types.Router> {
    if (this.#closed) return Promise.reject(this.#closedError());
    const router = this.#router;
    if (router !== null && !router.closed) return Promise.resolve(router);
    return new Promise((resolve, reject) => {
      const waiter = (r: types.Router | Error): void => {
        clearTimeout(timer);
        this.#routerWaiters.delete(waiter);
        if (r instanceof Error) reject(r);
        else resolve(r);
      };
      const timer = setTimeout(() => waiter(new MediaError('MEDIA_UNAVAILABLE', `room ${this.lessonId} has no media worker`)), REBUILD_WAIT_MS);
      timer.unref();
      this.#routerWaiters.add(waiter);
    });
  }

  /** Whether media events are worth reporting: not while the room closes or its worker died. */
  #reporting(): boolean {
    return !this.#closed && this.#router !== null && !this.#router.closed;
  }

  #addPeer(peerId: string): MediaPeer {
    const peer = new MediaPeer(peerId);
    peer.on('producerClosed', (producerId) => {
      if (this.#reporting()) this.emit('producerClosed', { producerId, peerId });
    });
    peer.on('consumerClosed', (consumerId) => {
      if (this.#reporting()) this.emit('consumerClosed', { consumerId, peerId });
    });
    this.#peers.set(peerId, peer);
    return peer;
  }

  #peer(peerId: string): MediaPeer {
    const peer = this.#peers.get(peerId);
    if (peer === undefined) throw new MediaError('MEDIA_PEER_NOT_FOUND', `no peer ${peerId} in room ${this.lessonId}`);
    return peer;
  }

  #consumer(peerId: string, consumerId: string): types.Consumer {
    const entry = this.#peer(peerId).consumer(consumerId);
    if (entry === undefined) throw new MediaError('MEDIA_CONSUMER_NOT_FOUND', `no consumer ${consumerId} for peer ${peerId}`);
    return entry.consumer;
  }

  #producerOwner(producerId: string): { peer: MediaPeer; entry: { producer: types.Producer; source: MediaSource } } {
    for (const peer of this.#peers.values()) {
      const entry = peer.producer(producerId);
      if (entry !== undefined) return { peer, entry };
    }
    throw new MediaError('MEDIA_PRODUCER_NOT_FOUND', `no producer ${producerId} in room ${this.lessonId}`);
  }

  #stopIngest(peerId: string, ingest: RtpIngest): Promise<void> {
    if (this.#ingests.get(peerId) === ingest) {
      this.#ingests.delete(peerId);
      const peer = this.#peers.get(peerId);
      this.#peers.delete(peerId);
      peer?.close(); // reports the camera's producers as closed
    }
    return this.#track(ingest.stop());
  }

  /** Stops ingests and recordings (in the background) and drops every peer. */
  #dropMedia(): void {
    for (const ingest of this.#ingests.values()) void this.#track(ingest.stop());
    this.#ingests.clear();
    for (const recording of this.#recordings) void this.#track(recording.stop());
    this.#recordings.clear();
    for (const peer of this.#peers.values()) peer.close();
    this.#peers.clear();
    this.#speakerObserver = null;
    this.#activeSpeaker = null;
  }

  #track<T>(promise: Promise<T>): Promise<T> {
    const tracked = promise.finally(() => this.#pending.delete(tracked));
    this.#pending.add(tracked);
    tracked.catch((err: unknown) => this.#logger.error({ err, lessonId: this.lessonId }, 'stopping a media process failed'));
    return tracked;
  }

  #watchSpeakers(observer: types.AudioLevelObserver): void {
    this.#speakerObserver = observer;
    observer.on('volumes', (volumes: types.AudioLevelObserverVolume[]) => {
      if (observer !== this.#speakerObserver) return;
      const appData = volumes[0]?.producer.appData as { peerId?: unknown } | undefined;
      this.#setActiveSpeaker(typeof appData?.peerId === 'string' ? appData.peerId : null);
    });
    observer.on('silence', () => {
      if (observer === this.#speakerObserver) this.#setActiveSpeaker(null);
    });
  }

  #setActiveSpeaker(peerId: string | null): void {
    if (peerId === this.#activeSpeaker) return;
    this.#activeSpeaker = peerId;
    this.emit('activeSpeaker', { peerId });
  }

  #closedError(): MediaError {
    return new MediaError('MEDIA_CLOSED', `room ${this.lessonId} is closed`);
  }
}
