/**
 * The live lesson's signaling protocol (Art. 9.1): one WebSocket per participant at
 * `/api/live-lessons/:id/ws`, JSON messages of three kinds. The UI imports these types; the
 * server validates every incoming message against them (see http/routes/live-signaling.routes.ts).
 *
 *   client → server  { type: 'request', id, method, data }      answered by one response
 *   server → client  { type: 'response', id, ok, data | error }
 *   server → client  { type: 'notification', method, data }
 *
 * Media parameters (rtpCapabilities, rtpParameters, dtls/ice) are opaque JSON from mediasoup-client.
 */
import type { ErrorCode } from './error-codes.js';

export type Json = unknown;
export type MediaSource = 'camera' | 'microphone' | 'screen' | 'room-camera';
export type LiveRole = 'teacher' | 'student' | 'observer';

export interface LivePeer {
  personId: number;
  fullName: string;
  role: LiveRole;
  connected: boolean;
  handRaisedAt: string | null;
  /** The teacher let this student speak (microphone) or show the camera. */
  mayPublish: { audio: boolean; video: boolean };
  /** Sources the peer is sending now. */
  publishing: MediaSource[];
}

export interface ChatMessage {
  id: number;
  fromPersonId: number;
  fromName: string;
  /** null: to the whole class; a person id: private (student ↔ teacher). */
  toPersonId: number | null;
  text: string;
  at: string;
}

export interface LiveQuestion {
  id: number;
  personId: number;
  fullName: string;
  text: string;
  at: string;
  answered: boolean;
}

export interface LivePoll {
  id: number;
  question: string;
  options: string[];
  multiple: boolean;
  open: boolean;
  /** Votes per option; shown live to the teacher, to students after they answer or when closed. */
  counts: number[];
  answered: number;
}

export interface LiveState {
  lessonId: number;
  title: string;
  className: string;
  subjectName: string;
  teacherName: string;
  chatLocked: boolean;
  spotlightPersonId: number | null;
  peers: LivePeer[];
  /** Raised hands in the order they were raised. */
  handQueue: number[];
  chat: ChatMessage[];
  questions: LiveQuestion[];
  polls: LivePoll[];
  recording: boolean;
}

export interface ConsumerOffer {
  id: string;
  producerId: string;
  kind: 'audio' | 'video';
  rtpParameters: Json;
  type: string;
  source: MediaSource;
  /** The participant sending it; null for the room camera. */
  personId: number | null;
}

/** Requests and their replies. */
export interface LiveRequests {
  join: { data: { rtpCapabilities: Json }; reply: { self: LivePeer; state: LiveState } };
  createTransport: { data: { direction: 'send' | 'recv' }; reply: { id: string; iceParameters: Json; iceCandidates: Json; dtlsParameters: Json } };
  connectTransport: { data: { transportId: string; dtlsParameters: Json }; reply: Record<string, never> };
  /** The client's transport lost its path: new ICE credentials, the transport and its media stay. */
  restartIce: { data: { transportId: string }; reply: { iceParameters: Json } };
  produce: { data: { transportId: string; kind: 'audio' | 'video'; rtpParameters: Json; source: MediaSource }; reply: { producerId: string } };
  closeProducer: { data: { producerId: string }; reply: Record<string, never> };
  resumeConsumer: { data: { consumerId: string }; reply: Record<string, never> };
  setPreferredLayers: { data: { consumerId: string; spatialLayer: number }; reply: Record<string, never> };
  chat: { data: { text: string; toPersonId: number | null }; reply: { message: ChatMessage } };
  raiseHand: { data: Record<string, never>; reply: Record<string, never> };
  lowerHand: { data: { personId?: number }; reply: Record<string, never> };
  ask: { data: { text: string }; reply: { question: LiveQuestion } };
  react: { data: { reaction: 'like' | 'clap' | 'heart' | 'laugh' | 'wow' }; reply: Record<string, never> };
  answerPoll: { data: { pollId: number; choices: number[] }; reply: { poll: LivePoll } };
  // Teacher only:
  markAnswered: { data: { questionId: number }; reply: Record<string, never> };
  mute: { data: { personId: number | 'all' }; reply: Record<string, never> };
  allowPublish: { data: { personId: number; audio: boolean; video: boolean }; reply: Record<string, never> };
  lockChat: { data: { locked: boolean }; reply: Record<string, never> };
  spotlight: { data: { personId: number | null }; reply: Record<string, never> };
  removePeer: { data: { personId: number }; reply: Record<string, never> };
  launchPoll: { data: { question: string; options: string[]; multiple: boolean }; reply: { poll: LivePoll } };
  closePoll: { data: { pollId: number }; reply: Record<string, never> };
  startRoomCamera: { data: { cameraId?: string }; reply: { producerIds: string[] } };
  stopRoomCamera: { data: Record<string, never>; reply: Record<string, never> };
  startRecording: { data: Record<string, never>; reply: Record<string, never> };
  stopRecording: { data: Record<string, never>; reply: Record<string, never> };
  endLesson: { data: Record<string, never>; reply: Record<string, never> };
}
export type LiveMethod = keyof LiveRequests;

export const TEACHER_ONLY_METHODS: readonly LiveMethod[] = [
  'markAnswered', 'mute', 'allowPublish', 'lockChat', 'spotlight', 'removePeer', 'launchPoll', 'closePoll',
  'startRoomCamera', 'stopRoomCamera', 'startRecording', 'stopRecording', 'endLesson',
];

/** Notifications from the server. */
export interface LiveNotifications {
  /** First message on a new socket: what the client needs before `join`. */
  welcome: { routerRtpCapabilities: Json; role: LiveRole; personId: number };
  newConsumer: ConsumerOffer;
  consumerClosed: { consumerId: string };
  peerUpdated: { peer: LivePeer };
  peerLeft: { personId: number };
  chat: { message: ChatMessage };
  chatLocked: { locked: boolean };
  handQueue: { queue: number[] };
  question: { question: LiveQuestion };
  reaction: { personId: number; reaction: string };
  poll: { poll: LivePoll };
  spotlight: { personId: number | null };
  /** The teacher muted you (or everyone): stop sending the microphone. */
  muted: { source: MediaSource };
  /** The teacher took back the right to publish: close the producers of these kinds. */
  publishRevoked: { audio: boolean; video: boolean };
  recording: { on: boolean };
  activeSpeaker: { personId: number | null };
  /** The media server restarted this lesson's room: recreate transports and producers. */
  reconnect: { reason: 'media-restarted' };
  removed: Record<string, never>;
  lessonEnded: Record<string, never>;
}
export type LiveNotificationName = keyof LiveNotifications;

export type ClientMessage = { [M in LiveMethod]: { type: 'request'; id: number; method: M; data: LiveRequests[M]['data'] } }[LiveMethod];

export type ServerMessage =
  | { type: 'response'; id: number; ok: true; data: unknown }
  | { type: 'response'; id: number | null; ok: false; error: { code: ErrorCode | string; message: { vi: string; en: string } } }
  | { [N in LiveNotificationName]: { type: 'notification'; method: N; data: LiveNotifications[N] } }[LiveNotificationName];

/** Limits the server enforces per socket. */
export const SIGNALING_LIMITS = {
  maxMessageBytes: 64 * 1024,
  /** Requests per 10 s per socket before the socket is warned, then closed. */
  maxRequestsPer10s: 200,
  maxChatLength: 1000,
  maxQuestionLength: 1000,
  maxPollOptions: 8,
} as const;
