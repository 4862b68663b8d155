/**
 * The narrow interface between the server and the SFU (Art. 9.1 live teaching). The server's
 * live-lesson code sees only these types: no mediasoup objects, no HTTP, no SQL. The
 * implementation (media-service.ts) owns the mediasoup workers and ffmpeg child processes.
 *
 * Parameter objects that travel to the browser (rtpCapabilities, rtpParameters, dtlsParameters,
 * iceParameters, iceCandidates) are opaque JSON here: the server forwards them between the
 * browser's mediasoup-client and this module and never looks inside.
 */
export type Json = unknown;

/** What a producer carries: the teacher's camera, microphone and screen, a student's when allowed, the room camera. */
export type MediaSource = 'camera' | 'microphone' | 'screen' | 'room-camera';

export interface MediaServiceOptions {
  /** One worker per core by default. */
  numWorkers?: number;
  /** UDP/TCP port range for WebRTC transports (config rtc.minPort / rtc.maxPort). */
  rtcMinPort: number;
  rtcMaxPort: number;
  /** The IP the transports bind to (a concrete LAN IP on the box; 127.0.0.1 in tests). */
  listenIp: string;
  /** The address announced to browsers (public IP or host name for students over the internet). */
  announcedAddress?: string | undefined;
  logLevel?: 'debug' | 'warn' | 'error' | 'none';
  /** ffmpeg binary (default: `ffmpeg` on PATH). */
  ffmpegPath?: string;
}

export interface TransportInfo {
  id: string;
  iceParameters: Json;
  iceCandidates: Json;
  dtlsParameters: Json;
}

export interface ConsumerInfo {
  id: string;
  producerId: string;
  kind: 'audio' | 'video';
  rtpParameters: Json;
  /** 'simulcast' when the producer sends several layers. */
  type: string;
  /** Consumers start paused; the client asks to resume when its track is ready. */
  paused: boolean;
  source: MediaSource;
  peerId: string;
}

export interface ProducerInfo {
  id: string;
  peerId: string;
  kind: 'audio' | 'video';
  source: MediaSource;
  paused: boolean;
}

export interface MediaStats {
  workers: { pid: number; rooms: number; cpuMs: number; maxRssKb: number }[];
  rooms: number;
  workerRestarts: number;
}

/** Events a room emits upward (children never hold their parent). */
export interface MediaRoomEvents {
  /** A producer ended (its peer left, the teacher took a student's camera back, ingest stopped). */
  producerClosed: (p: { producerId: string; peerId: string }) => void;
  /** A consumer ended because its producer or transport closed. */
  consumerClosed: (c: { consumerId: string; peerId: string }) => void;
  /** The worker under this room died; a new router exists and every peer must reconnect. */
  rebuilt: () => void;
  /** Active speaker (audio level) changed. */
  activeSpeaker: (s: { peerId: string | null }) => void;
}

export interface IngestHandle {
  producerIds: string[];
  /** ffmpeg's process id, for health. */
  pid: number | undefined;
  stop(): Promise<void>;
}

export interface RecordingHandle {
  file: string;
  startedAt: Date;
  /** Stops ffmpeg cleanly (SIGINT) so the WebM is finalized; resolves with its size in bytes. */
  stop(): Promise<{ file: string; bytes: number; durationMs: number }>;
}

export interface MediaRoom {
  readonly lessonId: string;
  rtpCapabilities(): Json;
  createTransport(peerId: string, direction: 'send' | 'recv'): Promise<TransportInfo>;
  connectTransport(peerId: string, transportId: string, dtlsParameters: Json): Promise<void>;
  /** New ICE credentials for a peer's transport whose path broke (a phone moved from Wi-Fi to 4G). */
  restartIce(peerId: string, transportId: string): Promise<Json>;
  produce(peerId: string, transportId: string, kind: 'audio' | 'video', rtpParameters: Json, source: MediaSource): Promise<ProducerInfo>;
  /** A paused consumer of producerId for peerId, or null when the peer's device cannot consume it. */
  consume(peerId: string, producerId: string, rtpCapabilities: Json): Promise<ConsumerInfo | null>;
  resumeConsumer(peerId: string, consumerId: string): Promise<void>;
  /** Simulcast layer preference for a consumer (0 = lowest). */
  setPreferredLayers(peerId: string, consumerId: string, spatialLayer: number): Promise<void>;
  pauseProducer(producerId: string): Promise<void>;
  resumeProducer(producerId: string): Promise<void>;
  closeProducer(producerId: string): void;
  producers(): ProducerInfo[];
  /** Closes every transport, producer and consumer of a peer (leave, removal, reconnect). */
  closePeer(peerId: string): void;
  /** RTSP (the room's ONVIF camera) → ffmpeg → PlainTransport producer(s) with source 'room-camera'. */
  ingestRtsp(url: string, opts?: { audio?: boolean }): Promise<IngestHandle>;
  /** Records the given producers (audio + video) into a WebM file via PlainTransport → ffmpeg. */
  record(producerIds: string[], file: string): Promise<RecordingHandle>;
  /** Server-side byte counts of a consumer or producer, for tests and health. */
  byteCount(id: string): Promise<number>;
  on<E extends keyof MediaRoomEvents>(event: E, listener: MediaRoomEvents[E]): this;
  off<E extends keyof MediaRoomEvents>(event: E, listener: MediaRoomEvents[E]): this;
  close(): void;
  readonly closed: boolean;
}

export interface MediaService {
  /** The room of a live lesson, created on the least-loaded worker if it does not exist (queued: two joins never create it twice). */
  room(lessonId: string): Promise<MediaRoom>;
  existingRoom(lessonId: string): MediaRoom | undefined;
  closeRoom(lessonId: string): void;
  stats(): Promise<MediaStats>;
  /** For tests and the IT console: the pids of the workers. */
  workerPids(): number[];
  close(): Promise<void>;
}
