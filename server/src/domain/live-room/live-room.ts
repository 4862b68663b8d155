import type { MediaRoom, RecordingHandle, IngestHandle } from '../../../../media/src/media.types.js';
import type { ChatMessage, LiveMethod, LivePoll, LiveQuestion, LiveRequests, LiveState, LiveNotificationName, LiveNotifications, MediaSource } from '../../contracts/live-signaling.js';
import { SIGNALING_LIMITS, TEACHER_ONLY_METHODS } from '../../contracts/live-signaling.js';
import { DomainError } from '../shared/errors.js';
import { LivePeerState, type PeerChannel } from './live-peer.js';
import type { LessonInfo, RecordingPolicyPort, RecordsPort, RoomCameraPort } from './ports.js';

/** Below this, a recording is not started, and a running one is stopped. */
export const RECORDING_MIN_FREE_BYTES = 200 * 1024 * 1024;
const RECORDING_CHECK_MS = 15_000;

type Handler<M extends LiveMethod> = (peer: LivePeerState, data: LiveRequests[M]['data']) => Promise<LiveRequests[M]['reply']>;

export interface LiveRoomDeps {
  info: LessonInfo;
  media: MediaRoom;
  records: RecordsPort;
  camera?: RoomCameraPort | undefined;
  /** The school's setting and the disk budget (Art. 8.2 retention needs room to keep recordings). */
  recordingPolicy?: RecordingPolicyPort | undefined;
  /** Where recordings go (absolute folder under the data directory). */
  recordingsDir: string;
  now?: () => Date;
  /** Called once the lesson has ended and the room is closed. */
  onEnded: () => void;
}

/**
 * One live lesson in progress (Art. 9.1): the shared space where the teacher lectures to the whole
 * class by video, audio, text and screen, and students interact in real time. It owns the peers'
 * in-memory state, drives the media room, and writes every interaction to the records (Art. 8.1.b).
 */
export class LiveRoom {
  private readonly peers = new Map<number, LivePeerState>();
  private readonly chat: ChatMessage[] = [];
  private readonly questions: LiveQuestion[] = [];
  private readonly polls = new Map<number, LivePoll & { voters: Map<number, number[]> }>();
  private chatLocked = false;
  private spotlightPersonId: number | null = null;
  private recording: { handle: RecordingHandle; startedAt: Date; watch: NodeJS.Timeout } | null = null;
  private roomCamera: IngestHandle | null = null;
  private ended = false;
  private readonly now: () => Date;

  constructor(private readonly deps: LiveRoomDeps) {
    this.now = deps.now ?? (() => new Date());
    deps.media.on('producerClosed', ({ producerId, peerId }) => {
      const peer = this.peers.get(Number(peerId));
      peer?.producers.delete(producerId);
      if (peer) this.broadcast('peerUpdated', { peer: peer.view() });
    });
    deps.media.on('consumerClosed', ({ consumerId, peerId }) => {
      const peer = this.peers.get(Number(peerId));
      if (peer?.consumers.delete(consumerId)) peer.channel?.notify('consumerClosed', { consumerId });
    });
    deps.media.on('activeSpeaker', ({ peerId }) => this.broadcast('activeSpeaker', { personId: peerId === null ? null : Number(peerId) }));
    // The worker under this lesson died and was replaced: every client rebuilds its transports.
    deps.media.on('rebuilt', () => {
      this.roomCamera = null;
      // The media room has already finalized the file; store what was recorded.
      void this.finishRecording().catch(() => undefined);
      for (const p of this.peers.values()) {
        p.producers.clear();
        p.consumers.clear();
        p.hasRecvTransport = false;
        p.joined = false;
      }
      this.broadcast('reconnect', { reason: 'media-restarted' });
    });
  }

  get lessonId(): number {
    return this.deps.info.id;
  }
  get isEnded(): boolean {
    return this.ended;
  }

  /** A socket opened: the peer is attached (a second socket of the same person replaces the first). */
  attach(personId: number, fullName: string, role: LivePeerState['role'], channel: PeerChannel): LivePeerState {
    let peer = this.peers.get(personId);
    if (!peer) {
      peer = new LivePeerState(personId, fullName, role);
      this.peers.set(personId, peer);
    } else if (peer.channel) {
      peer.channel.close('replaced');
      this.deps.media.closePeer(String(personId));
      peer.producers.clear();
      peer.consumers.clear();
    }
    peer.channel = channel;
    peer.joined = false;
    peer.hasRecvTransport = false;
    channel.notify('welcome', { routerRtpCapabilities: this.deps.media.rtpCapabilities(), role, personId });
    return peer;
  }

  /** The socket closed: media released, attendance interval closed (a quick reconnect extends it). */
  async detach(peer: LivePeerState, channel: PeerChannel): Promise<void> {
    if (peer.channel !== channel) return; // replaced by a newer socket
    peer.channel = null;
    peer.joined = false;
    this.deps.media.closePeer(String(peer.personId));
    peer.producers.clear();
    peer.consumers.clear();
    await this.deps.records.leave(this.lessonId, peer.personId, this.now());
    this.broadcast('peerUpdated', { peer: peer.view() });
  }

  /**
   * One request of a peer. `from` is the socket it came on: a socket replaced by a newer one of the
   * same person (another tab, a phone after the laptop) may still have requests in flight, and
   * they must not act for the peer any more.
   */
  async handle<M extends LiveMethod>(peer: LivePeerState, method: M, data: LiveRequests[M]['data'], from?: PeerChannel): Promise<LiveRequests[M]['reply']> {
    if (this.ended) throw new DomainError('LIVE_LESSON_ENDED');
    if (from && peer.channel !== from) throw new DomainError('LIVE_SESSION_REPLACED');
    if (TEACHER_ONLY_METHODS.includes(method) && peer.role !== 'teacher') throw new DomainError('FORBIDDEN', { method });
    if (method !== 'join' && !peer.joined && !['createTransport', 'connectTransport', 'restartIce'].includes(method)) throw new DomainError('LIVE_NOT_JOINED');
    const handler = this.handlers[method] as Handler<M>;
    return handler(peer, data);
  }

  state(): LiveState {
    const i = this.deps.info;
    return {
      lessonId: i.id, title: i.title, className: i.className, subjectName: i.subjectName, teacherName: i.teacherName,
      chatLocked: this.chatLocked, spotlightPersonId: this.spotlightPersonId,
      peers: [...this.peers.values()].map((p) => p.view()),
      handQueue: this.handQueue(), chat: this.chat.slice(-200), questions: [...this.questions],
      polls: [...this.polls.values()].map(publicPoll), recording: this.recording !== null,
    };
  }

  private handQueue(): number[] {
    return [...this.peers.values()].filter((p) => p.handRaisedAt).sort((a, b) => a.handRaisedAt!.localeCompare(b.handRaisedAt!)).map((p) => p.personId);
  }

  private broadcast<N extends LiveNotificationName>(method: N, data: LiveNotifications[N], filter?: (p: LivePeerState) => boolean): void {
    for (const p of this.peers.values()) if (p.channel && (!filter || filter(p))) p.channel.notify(method, data);
  }

  /** Offers every other peer's producers to `peer` (on join, or when its receive transport appears). */
  private async consumeAll(peer: LivePeerState): Promise<void> {
    for (const producer of this.deps.media.producers()) {
      if (producer.peerId === String(peer.personId)) continue;
      await this.offer(peer, producer.id);
    }
  }

  private async offer(peer: LivePeerState, producerId: string): Promise<void> {
    if (!peer.joined || !peer.hasRecvTransport || !peer.channel) return;
    const c = await this.deps.media.consume(String(peer.personId), producerId, peer.rtpCapabilities);
    if (!c) return;
    peer.consumers.set(c.id, producerId);
    peer.channel.notify('newConsumer', { id: c.id, producerId, kind: c.kind, rtpParameters: c.rtpParameters, type: c.type, source: c.source, personId: c.source === 'room-camera' ? null : Number(c.peerId) });
  }

  private async offerToAll(producerId: string, ownerId: string): Promise<void> {
    for (const p of this.peers.values()) if (String(p.personId) !== ownerId) await this.offer(p, producerId);
  }

  private readonly handlers: { [M in LiveMethod]: Handler<M> } = {
    join: async (peer, { rtpCapabilities }) => {
      peer.rtpCapabilities = rtpCapabilities;
      peer.joined = true;
      await this.deps.records.join(this.lessonId, peer.personId, this.now());
      this.broadcast('peerUpdated', { peer: peer.view() }, (p) => p !== peer);
      if (peer.hasRecvTransport) await this.consumeAll(peer);
      return { self: peer.view(), state: this.state() };
    },
    createTransport: async (peer, { direction }) => {
      if (direction === 'send' && peer.role === 'observer') throw new DomainError('FORBIDDEN', { reason: 'observer_cannot_send' });
      const t = await this.deps.media.createTransport(String(peer.personId), direction);
      if (direction === 'recv') {
        peer.hasRecvTransport = true;
        // Consumers are offered after the reply, once the client has its transport.
        setImmediate(() => void this.consumeAll(peer).catch(() => undefined));
      }
      return t;
    },
    connectTransport: async (peer, { transportId, dtlsParameters }) => {
      await this.deps.media.connectTransport(String(peer.personId), transportId, dtlsParameters);
      return {};
    },
    // Only the peer's own transports: the media room looks the id up among this peer's.
    restartIce: async (peer, { transportId }) => ({ iceParameters: await this.deps.media.restartIce(String(peer.personId), transportId) }),
    produce: async (peer, { transportId, kind, rtpParameters, source }) => {
      if (source === 'room-camera' || !peer.mayProduce(source)) throw new DomainError('FORBIDDEN', { source });
      if ((source === 'microphone') !== (kind === 'audio')) throw new DomainError('VALIDATION_FAILED', { reason: 'kind_source_mismatch' });
      const p = await this.deps.media.produce(String(peer.personId), transportId, kind, rtpParameters, source);
      peer.producers.set(p.id, source);
      this.broadcast('peerUpdated', { peer: peer.view() });
      setImmediate(() => void this.offerToAll(p.id, String(peer.personId)).catch(() => undefined));
      return { producerId: p.id };
    },
    closeProducer: async (peer, { producerId }) => {
      if (!peer.producers.has(producerId)) throw new DomainError('NOT_FOUND', { producerId });
      this.deps.media.closeProducer(producerId);
      peer.producers.delete(producerId);
      this.broadcast('peerUpdated', { peer: peer.view() });
      return {};
    },
    resumeConsumer: async (peer, { consumerId }) => {
      if (!peer.consumers.has(consumerId)) throw new DomainError('NOT_FOUND', { consumerId });
      await this.deps.media.resumeConsumer(String(peer.personId), consumerId);
      return {};
    },
    setPreferredLayers: async (peer, { consumerId, spatialLayer }) => {
      if (!peer.consumers.has(consumerId)) throw new DomainError('NOT_FOUND', { consumerId });
      await this.deps.media.setPreferredLayers(String(peer.personId), consumerId, spatialLayer);
      return {};
    },
    chat: async (peer, { text, toPersonId }) => {
      const clean = cleanText(text, SIGNALING_LIMITS.maxChatLength);
      if (this.chatLocked && peer.role !== 'teacher') throw new DomainError('LIVE_CHAT_LOCKED');
      // Private messages go between a student and the teacher only.
      if (toPersonId !== null) {
        const to = this.peers.get(toPersonId);
        if (!to) throw new DomainError('NOT_FOUND', { personId: toPersonId });
        if (peer.role !== 'teacher' && to.role !== 'teacher') throw new DomainError('FORBIDDEN', { reason: 'private_only_with_teacher' });
      }
      const at = this.now();
      const id = await this.deps.records.chat(this.lessonId, peer.personId, toPersonId, clean, at);
      const message: ChatMessage = { id, fromPersonId: peer.personId, fromName: peer.fullName, toPersonId, text: clean, at: at.toISOString() };
      if (toPersonId === null) this.chat.push(message);
      this.broadcast('chat', { message }, (p) => toPersonId === null || p.personId === toPersonId || p.personId === peer.personId);
      return { message };
    },
    raiseHand: async (peer) => {
      if (!peer.handRaisedAt) {
        const at = this.now();
        peer.handRaisedAt = at.toISOString();
        await this.deps.records.hand(this.lessonId, peer.personId, true, peer.personId, at);
        this.broadcast('handQueue', { queue: this.handQueue() });
        this.broadcast('peerUpdated', { peer: peer.view() });
      }
      return {};
    },
    lowerHand: async (peer, { personId }) => {
      const target = personId === undefined ? peer : this.peers.get(personId);
      if (!target) throw new DomainError('NOT_FOUND', { personId });
      if (target !== peer && peer.role !== 'teacher') throw new DomainError('FORBIDDEN');
      if (target.handRaisedAt) {
        target.handRaisedAt = null;
        await this.deps.records.hand(this.lessonId, target.personId, false, peer.personId, this.now());
        this.broadcast('handQueue', { queue: this.handQueue() });
        this.broadcast('peerUpdated', { peer: target.view() });
      }
      return {};
    },
    ask: async (peer, { text }) => {
      const clean = cleanText(text, SIGNALING_LIMITS.maxQuestionLength);
      const at = this.now();
      const id = await this.deps.records.question(this.lessonId, peer.personId, clean, at);
      const question: LiveQuestion = { id, personId: peer.personId, fullName: peer.fullName, text: clean, at: at.toISOString(), answered: false };
      this.questions.push(question);
      this.broadcast('question', { question });
      return { question };
    },
    react: async (peer, { reaction }) => {
      await this.deps.records.reaction(this.lessonId, peer.personId, reaction, this.now());
      this.broadcast('reaction', { personId: peer.personId, reaction });
      return {};
    },
    answerPoll: async (peer, { pollId, choices }) => {
      const poll = this.polls.get(pollId);
      if (!poll) throw new DomainError('NOT_FOUND', { pollId });
      if (!poll.open) throw new DomainError('LIVE_POLL_CLOSED');
      const unique = [...new Set(choices)];
      if (!unique.length || unique.some((c) => !Number.isInteger(c) || c < 0 || c >= poll.options.length) || (!poll.multiple && unique.length > 1)) {
        throw new DomainError('VALIDATION_FAILED', { field: 'choices' });
      }
      await this.deps.records.answerPoll(pollId, peer.personId, unique, this.now());
      poll.voters.set(peer.personId, unique);
      recount(poll);
      // Live results for the teacher; students see the tally once they have answered.
      this.broadcast('poll', { poll: publicPoll(poll) }, (p) => p.role !== 'student' || poll.voters.has(p.personId));
      return { poll: publicPoll(poll) };
    },
    markAnswered: async (peer, { questionId }) => {
      const q = this.questions.find((x) => x.id === questionId);
      if (!q) throw new DomainError('NOT_FOUND', { questionId });
      q.answered = true;
      await this.deps.records.markAnswered(questionId, peer.personId, this.now());
      this.broadcast('question', { question: q });
      return {};
    },
    mute: async (_peer, { personId }) => {
      for (const p of this.peers.values()) {
        if (p.role === 'teacher' || (personId !== 'all' && p.personId !== personId)) continue;
        for (const [producerId, source] of p.producers) {
          if (source !== 'microphone') continue;
          await this.deps.media.pauseProducer(producerId);
          p.channel?.notify('muted', { source });
        }
      }
      return {};
    },
    allowPublish: async (_peer, { personId, audio, video }) => {
      const p = this.peers.get(personId);
      if (!p || p.role !== 'student') throw new DomainError('NOT_FOUND', { personId });
      const revoked = { audio: p.mayPublish.audio && !audio, video: p.mayPublish.video && !video };
      p.mayPublish = { audio, video };
      // Taking the right back closes what the student was sending.
      for (const [producerId, source] of [...p.producers]) {
        if ((revoked.audio && source === 'microphone') || (revoked.video && source === 'camera')) {
          this.deps.media.closeProducer(producerId);
          p.producers.delete(producerId);
        }
      }
      if (revoked.audio || revoked.video) p.channel?.notify('publishRevoked', revoked);
      if (audio && p.handRaisedAt) {
        p.handRaisedAt = null;
        this.broadcast('handQueue', { queue: this.handQueue() });
      }
      this.broadcast('peerUpdated', { peer: p.view() });
      return {};
    },
    lockChat: async (_peer, { locked }) => {
      this.chatLocked = locked;
      this.broadcast('chatLocked', { locked });
      return {};
    },
    spotlight: async (_peer, { personId }) => {
      if (personId !== null && !this.peers.has(personId)) throw new DomainError('NOT_FOUND', { personId });
      this.spotlightPersonId = personId;
      this.broadcast('spotlight', { personId });
      return {};
    },
    removePeer: async (_peer, { personId }) => {
      const p = this.peers.get(personId);
      if (!p || p.role === 'teacher') throw new DomainError('NOT_FOUND', { personId });
      p.channel?.notify('removed', {});
      const ch = p.channel;
      if (ch) {
        await this.detach(p, ch);
        ch.close('removed');
      }
      this.peers.delete(personId);
      this.broadcast('peerLeft', { personId });
      return {};
    },
    launchPoll: async (_peer, { question, options, multiple }) => {
      const q = cleanText(question, 300);
      const opts = options.map((o) => cleanText(o, 200));
      if (opts.length < 2 || opts.length > SIGNALING_LIMITS.maxPollOptions) throw new DomainError('VALIDATION_FAILED', { field: 'options' });
      const id = await this.deps.records.openPoll(this.lessonId, q, opts, multiple, this.now());
      const poll = { id, question: q, options: opts, multiple, open: true, counts: opts.map(() => 0), answered: 0, voters: new Map<number, number[]>() };
      this.polls.set(id, poll);
      this.broadcast('poll', { poll: publicPoll(poll) });
      return { poll: publicPoll(poll) };
    },
    closePoll: async (_peer, { pollId }) => {
      const poll = this.polls.get(pollId);
      if (!poll) throw new DomainError('NOT_FOUND', { pollId });
      poll.open = false;
      await this.deps.records.closePoll(pollId, this.now());
      this.broadcast('poll', { poll: publicPoll(poll) });
      return {};
    },
    startRoomCamera: async (_peer, { cameraId }) => {
      if (this.roomCamera) return { producerIds: this.roomCamera.producerIds };
      const url = await this.deps.camera?.streamUrl(cameraId);
      if (!url) throw new DomainError('LIVE_NO_ROOM_CAMERA');
      this.roomCamera = await this.deps.media.ingestRtsp(url);
      for (const id of this.roomCamera.producerIds) await this.offerToAll(id, 'room-camera');
      return { producerIds: this.roomCamera.producerIds };
    },
    stopRoomCamera: async () => {
      await this.roomCamera?.stop();
      this.roomCamera = null;
      return {};
    },
    startRecording: async (peer) => {
      if (!this.deps.info.recordingAllowed) throw new DomainError('LIVE_RECORDING_NOT_ALLOWED');
      if (this.recording) return {};
      const policy = await this.deps.recordingPolicy?.check();
      if (policy && !policy.allowed) throw new DomainError('LIVE_RECORDING_NOT_ALLOWED', { reason: 'school_setting' });
      if (policy && policy.remainingBytes < RECORDING_MIN_FREE_BYTES) throw new DomainError('LIVE_RECORDING_DISK_FULL');
      // The teacher's camera, microphone and screen, and the room camera when it is on.
      const ids = [...peer.producers.keys(), ...(this.roomCamera?.producerIds ?? [])];
      if (!ids.length) throw new DomainError('LIVE_NOTHING_TO_RECORD');
      const startedAt = this.now();
      const file = `${this.deps.recordingsDir}/lesson-${this.lessonId}-${startedAt.toISOString().replace(/[:.]/g, '-')}.webm`;
      const handle = await this.deps.media.record(ids, file);
      // The budget is checked while recording too: a long lesson stops before the disk fills.
      const watch = setInterval(() => {
        void this.deps.recordingPolicy?.check().then((p) => {
          if (p.remainingBytes < RECORDING_MIN_FREE_BYTES / 2) return this.finishRecording();
        }).catch(() => undefined);
      }, RECORDING_CHECK_MS);
      watch.unref();
      this.recording = { handle, startedAt, watch };
      this.broadcast('recording', { on: true });
      return {};
    },
    stopRecording: async () => {
      await this.finishRecording();
      return {};
    },
    endLesson: async () => {
      // After the reply: ending closes the teacher's socket too.
      setImmediate(() => void this.end());
      return {};
    },
  };

  private async finishRecording(): Promise<void> {
    const rec = this.recording;
    if (!rec) return;
    this.recording = null;
    clearInterval(rec.watch);
    const r = await rec.handle.stop();
    await this.deps.records.recording(this.lessonId, { file: r.file, bytes: r.bytes, durationMs: r.durationMs, startedAt: rec.startedAt, endedAt: this.now() });
    this.broadcast('recording', { on: false });
  }

  /** Ends the lesson for everyone: records closed, media released, sockets closed. Idempotent. */
  async end(): Promise<void> {
    if (this.ended) return;
    this.ended = true;
    await this.finishRecording().catch(() => undefined);
    await this.roomCamera?.stop().catch(() => undefined);
    this.broadcast('lessonEnded', {});
    for (const p of this.peers.values()) {
      const ch = p.channel;
      if (!ch) continue;
      p.channel = null;
      await this.deps.records.leave(this.lessonId, p.personId, this.now());
      ch.close('lesson-ended');
    }
    this.deps.media.close();
    this.deps.onEnded();
  }
}

function cleanText(text: string, max: number): string {
  const t = text.normalize('NFC').replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '').trim();
  if (!t) throw new DomainError('VALIDATION_FAILED', { reason: 'empty' });
  if (t.length > max) throw new DomainError('VALIDATION_FAILED', { reason: 'too_long', max });
  return t;
}

function recount(poll: LivePoll & { voters: Map<number, number[]> }): void {
  poll.counts = poll.options.map(() => 0);
  for (const choices of poll.voters.values()) for (const c of choices) poll.counts[c]! += 1;
  poll.answered = poll.voters.size;
}

function publicPoll(p: LivePoll & { voters?: Map<number, number[]> }): LivePoll {
  return { id: p.id, question: p.question, options: p.options, multiple: p.multiple, open: p.open, counts: [...p.counts], answered: p.answered };
}
