import { Type, type TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import type { LiveMethod } from '../contracts/live-signaling.js';
import { SIGNALING_LIMITS } from '../contracts/live-signaling.js';

/** Runtime schemas of every signaling request's data (the types are in contracts/live-signaling.ts). */
const Opaque = Type.Unknown();
const Empty = Type.Object({}, { additionalProperties: false });
const Text = (max: number) => Type.String({ minLength: 1, maxLength: max });
const PersonId = Type.Integer({ minimum: 1 });
const Source = Type.Union([Type.Literal('camera'), Type.Literal('microphone'), Type.Literal('screen'), Type.Literal('room-camera')]);
const ObjectId = Type.String({ minLength: 1, maxLength: 64 });

const SCHEMAS: Record<LiveMethod, TSchema> = {
  join: Type.Object({ rtpCapabilities: Type.Object({}, { additionalProperties: true }) }, { additionalProperties: false }),
  createTransport: Type.Object({ direction: Type.Union([Type.Literal('send'), Type.Literal('recv')]) }, { additionalProperties: false }),
  connectTransport: Type.Object({ transportId: ObjectId, dtlsParameters: Opaque }, { additionalProperties: false }),
  restartIce: Type.Object({ transportId: ObjectId }, { additionalProperties: false }),
  produce: Type.Object({ transportId: ObjectId, kind: Type.Union([Type.Literal('audio'), Type.Literal('video')]), rtpParameters: Opaque, source: Source }, { additionalProperties: false }),
  closeProducer: Type.Object({ producerId: ObjectId }, { additionalProperties: false }),
  resumeConsumer: Type.Object({ consumerId: ObjectId }, { additionalProperties: false }),
  setPreferredLayers: Type.Object({ consumerId: ObjectId, spatialLayer: Type.Integer({ minimum: 0, maximum: 3 }) }, { additionalProperties: false }),
  chat: Type.Object({ text: Text(SIGNALING_LIMITS.maxChatLength), toPersonId: Type.Union([PersonId, Type.Null()]) }, { additionalProperties: false }),
  raiseHand: Empty,
  lowerHand: Type.Object({ personId: Type.Optional(PersonId) }, { additionalProperties: false }),
  ask: Type.Object({ text: Text(SIGNALING_LIMITS.maxQuestionLength) }, { additionalProperties: false }),
  react: Type.Object({ reaction: Type.Union(['like', 'clap', 'heart', 'laugh', 'wow'].map((r) => Type.Literal(r))) }, { additionalProperties: false }),
  answerPoll: Type.Object({ pollId: Type.Integer({ minimum: 1 }), choices: Type.Array(Type.Integer({ minimum: 0, maximum: 20 }), { minItems: 1, maxItems: SIGNALING_LIMITS.maxPollOptions }) }, { additionalProperties: false }),
  markAnswered: Type.Object({ questionId: Type.Integer({ minimum: 1 }) }, { additionalProperties: false }),
  mute: Type.Object({ personId: Type.Union([PersonId, Type.Literal('all')]) }, { additionalProperties: false }),
  allowPublish: Type.Object({ personId: PersonId, audio: Type.Boolean(), video: Type.Boolean() }, { additionalProperties: false }),
  lockChat: Type.Object({ locked: Type.Boolean() }, { additionalProperties: false }),
  spotlight: Type.Object({ personId: Type.Union([PersonId, Type.Null()]) }, { additionalProperties: false }),
  removePeer: Type.Object({ personId: PersonId }, { additionalProperties: false }),
  launchPoll: Type.Object({ question: Text(300), options: Type.Array(Text(200), { minItems: 2, maxItems: SIGNALING_LIMITS.maxPollOptions }), multiple: Type.Boolean() }, { additionalProperties: false }),
  closePoll: Type.Object({ pollId: Type.Integer({ minimum: 1 }) }, { additionalProperties: false }),
  startRoomCamera: Type.Object({ cameraId: Type.Optional(Type.String({ maxLength: 64 })) }, { additionalProperties: false }),
  stopRoomCamera: Empty,
  startRecording: Empty,
  stopRecording: Empty,
  endLesson: Empty,
};

export type ParsedRequest = { id: number; method: LiveMethod; data: unknown };
export type ParseFailure = { id: number | null; reason: string };

/** Parses and validates one incoming frame; never throws. */
export function parseClientMessage(raw: Buffer | string): ParsedRequest | ParseFailure {
  const text = typeof raw === 'string' ? raw : raw.toString('utf8');
  if (Buffer.byteLength(text) > SIGNALING_LIMITS.maxMessageBytes) return { id: null, reason: 'too_large' };
  let msg: unknown;
  try {
    msg = JSON.parse(text);
  } catch {
    return { id: null, reason: 'not_json' };
  }
  if (!msg || typeof msg !== 'object') return { id: null, reason: 'not_an_object' };
  const m = msg as { type?: unknown; id?: unknown; method?: unknown; data?: unknown };
  const id = Number.isInteger(m.id) && (m.id as number) >= 0 ? (m.id as number) : null;
  if (m.type !== 'request' || id === null) return { id, reason: 'not_a_request' };
  if (typeof m.method !== 'string' || !Object.hasOwn(SCHEMAS, m.method)) return { id, reason: 'unknown_method' };
  const method = m.method as LiveMethod;
  const data = m.data ?? {};
  if (!Value.Check(SCHEMAS[method], data)) return { id, reason: `invalid_data:${[...Value.Errors(SCHEMAS[method], data)].slice(0, 3).map((e) => e.path || '/').join(',')}` };
  return { id, method, data };
}

/** A token bucket per socket: bursts are fine, a flood is refused. */
export class MessageBudget {
  private tokens: number;
  private last: number;
  constructor(private readonly perTenSeconds: number, private readonly now: () => number = Date.now) {
    this.tokens = perTenSeconds;
    this.last = now();
  }
  take(): boolean {
    const t = this.now();
    this.tokens = Math.min(this.perTenSeconds, this.tokens + ((t - this.last) / 10_000) * this.perTenSeconds);
    this.last = t;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
