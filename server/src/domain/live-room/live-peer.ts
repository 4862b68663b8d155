import type { LiveNotificationName, LiveNotifications, LivePeer, LiveRole, MediaSource } from '../../contracts/live-signaling.js';

/** How the room reaches one participant's socket; the HTTP layer implements it. */
export interface PeerChannel {
  notify<N extends LiveNotificationName>(method: N, data: LiveNotifications[N]): void;
  close(reason: string): void;
}

/** One participant of a live lesson, as the room keeps it in memory. */
export class LivePeerState {
  channel: PeerChannel | null = null;
  joined = false;
  rtpCapabilities: unknown = null;
  handRaisedAt: string | null = null;
  mayPublish = { audio: false, video: false };
  /** producerId → source */
  readonly producers = new Map<string, MediaSource>();
  /** consumerId → producerId */
  readonly consumers = new Map<string, string>();
  hasRecvTransport = false;

  constructor(readonly personId: number, readonly fullName: string, readonly role: LiveRole) {
    if (role === 'teacher') this.mayPublish = { audio: true, video: true };
  }

  get connected(): boolean {
    return this.channel !== null;
  }

  view(): LivePeer {
    return {
      personId: this.personId,
      fullName: this.fullName,
      role: this.role,
      connected: this.connected,
      handRaisedAt: this.handRaisedAt,
      mayPublish: { ...this.mayPublish },
      publishing: [...new Set(this.producers.values())],
    };
  }

  /** Sources this peer may send: the teacher all; a student camera/microphone only when allowed (Art. 5.1). */
  mayProduce(source: MediaSource): boolean {
    if (this.role === 'teacher') return true;
    if (this.role === 'observer') return false;
    if (source === 'microphone') return this.mayPublish.audio;
    if (source === 'camera') return this.mayPublish.video;
    return false;
  }
}
